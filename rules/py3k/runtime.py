"""Runtime semantics pylint's tables miss: module attributes Python 3 removed with a hybrid spelling."""
from __future__ import annotations

# Qualified name -> symbol. `sys.exc_type` and friends were Python 2's non-thread-safe copies of
# sys.exc_info(); os.getcwdu() returned the working directory as unicode (six.moves.getcwd on both).
REMOVED_RUNTIME_ATTRIBUTES = {
    "sys.exc_type": "sys-exc-attribute", "sys.exc_value": "sys-exc-attribute",
    "sys.exc_traceback": "sys-exc-attribute", "os.getcwdu": "os-getcwdu",
}


class RuntimeRules:
    @staticmethod
    def visit_Attribute(node, ctx):
        symbol = REMOVED_RUNTIME_ATTRIBUTES.get(ctx.scope.qualified_name(node))
        if symbol:
            ctx.report(symbol, node)

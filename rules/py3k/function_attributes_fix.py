"""`f.func_name` -> `f.__name__` (and the other func_* attributes to their dunder names, which Python 2.6+ has too)
where check reports function-attribute-removed: `f` is provably a function (rules/py3k/function_attributes.py)."""
from __future__ import annotations

import libcst as cst

from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.function_attributes import FUNCTION_ATTRIBUTES


class FunctionAttributeToDunder(FixRule):
    SYMBOLS = ("function-attribute-removed",)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        name = node.attr.value
        if name in FUNCTION_ATTRIBUTES and self.reported("function-attribute-removed", node):
            self.replace(node, "function-attribute-removed", lambda updated: updated.with_changes(
                attr=cst.Name(FUNCTION_ATTRIBUTES[name])))


FIXERS = (FunctionAttributeToDunder,)

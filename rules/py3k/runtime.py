"""Runtime semantics pylint's tables miss: module attributes Python 3 removed with a hybrid spelling,
ordering that Python 2 defined for any two values (None before every number) and Python 3 refuses, and a
loop over the views of the very namespace dict its names are bound in (a list on Python 2, a live view on
Python 3). A loop whose body changes a dict it iterates otherwise is consumers.py's (dict-*-not-iterating)."""
from __future__ import annotations

import ast

# Qualified name -> symbol. `sys.exc_type` and friends were Python 2's non-thread-safe copies of
# sys.exc_info(); os.getcwdu() returned the working directory as unicode (six.moves.getcwd on both).
REMOVED_RUNTIME_ATTRIBUTES = {
    "sys.exc_type": "sys-exc-attribute", "sys.exc_value": "sys-exc-attribute",
    "sys.exc_traceback": "sys-exc-attribute", "os.getcwdu": "os-getcwdu",
}

_VIEWS = frozenset({"keys", "items", "values"})
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_ORDERING_BUILTINS = frozenset({"sorted", "min", "max"})


def _is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


class RuntimeRules:
    @staticmethod
    def visit_For(node, ctx):
        """`for name, value in globals().items():` at module level (vars() or locals() there or in a class
        body): the loop binds its names, and what its body binds, in that very dict. Python 2 iterated a list,
        Python 3's view raises RuntimeError (dictionary changed size during iteration) at the next step."""
        view = node.iter
        if not (isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) and view.func.attr in _VIEWS
                and not view.args and not view.keywords):
            return
        namespace = view.func.value
        if not (isinstance(namespace, ast.Call) and isinstance(namespace.func, ast.Name)
                and not namespace.args and not namespace.keywords):
            return
        name = namespace.func.id
        scope = ctx.scope
        binds_there = (scope.parent is None and name in ("globals", "vars", "locals")
                       or scope.is_class and name in ("vars", "locals"))
        if binds_there and ctx.is_builtin(name, namespace.lineno):
            ctx.report("namespace-dict-changed-during-iteration", view)

    @staticmethod
    def visit_Attribute(node, ctx):
        symbol = REMOVED_RUNTIME_ATTRIBUTES.get(ctx.scope.qualified_name(node))
        if symbol:
            ctx.report(symbol, node)

    @staticmethod
    def visit_Compare(node, ctx):
        """`x < None`, `None >= y`: Python 2 put None below everything, Python 3 raises TypeError."""
        operands = [node.left, *node.comparators]
        if any(isinstance(op, _ORDERING) and (_is_none(left) or _is_none(right))
               for op, left, right in zip(node.ops, operands, operands[1:])):
            ctx.report("ordering-with-none", node)

    @staticmethod
    def visit_Call(node, ctx):
        RuntimeRules._none_ordered(node, ctx)
        if _positional_cmp(node, ctx):
            ctx.report("positional-cmp-argument", node)

    @staticmethod
    def _none_ordered(node, ctx):
        """sorted/min/max of a display (or arguments) holding None and a number, with no key= (which orders
        other values)."""
        func = node.func
        if not (isinstance(func, ast.Name) and func.id in _ORDERING_BUILTINS and ctx.is_builtin(func.id, func.lineno)
                and not any(k.arg == "key" for k in node.keywords)):
            return
        values = list(node.args)
        if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple, ast.Set)):
            values = values[0].elts
        if any(_is_none(v) for v in values) and any(_is_number(v) for v in values):
            ctx.report("ordering-with-none", node)


def _positional_cmp(node, ctx) -> bool:
    """`sorted(items, compare)` (Python 2's sorted(iterable, cmp, key, reverse)), and `items.sort(compare)` where
    compare is a two-parameter lambda, the builtin cmp or a two-parameter function of the module (or of the
    function the call is in): Python 3's sort and sorted take no positional comparison function."""
    func, args = node.func, node.args
    if any(isinstance(a, ast.Starred) for a in args):
        return False
    if isinstance(func, ast.Name) and func.id == "sorted" and ctx.is_builtin("sorted", func.lineno):
        return len(args) == 2
    if isinstance(func, ast.Attribute) and func.attr == "sort" and len(args) == 1 and not node.keywords:
        return _comparison_function(args[0], ctx)
    return False


def _comparison_function(node, ctx) -> bool:
    if isinstance(node, ast.Lambda):
        return _two_parameters(node.args)
    if not isinstance(node, ast.Name):
        return False
    if node.id == "cmp" and ctx.is_builtin("cmp", node.lineno):
        return True
    scope = ctx.scope
    if scope.is_function and node.id in scope.names:  # a function of its own, bound once: `def compare(a, b)`
        body = scope.node.body if len(scope.names[node.id]) == 1 else []
    else:
        body = ctx.tree.body
    found = [s for s in body if isinstance(s, ast.FunctionDef) and s.name == node.id]
    return len(found) == 1 and _two_parameters(found[0].args)


def _two_parameters(args) -> bool:
    return (len(args.args) == 2 and not args.defaults and not args.vararg and not args.kwarg
            and not args.kwonlyargs and not getattr(args, "posonlyargs", None))

"""Removed builtins, print statements, classic division, raising strings."""
from __future__ import annotations

import ast

from diracmod.source.tables import PATH_CLASSES, PATH_METHODS, REMOVED_BUILTINS


class NameRules:
    @staticmethod
    def visit_Name(node, ctx):
        if node.id in REMOVED_BUILTINS and isinstance(node.ctx, ast.Load) and ctx.is_builtin(node.id, node.lineno):
            ctx.report(node.id.lower() + "-builtin", node)

    @staticmethod
    def visit_Expr(node, ctx):
        # Without the future import, Python 2 reads `print(x)` as the print statement (pylint does too).
        if "print_function" not in ctx.future and _starts_with_print(node.value):
            ctx.report("print-statement", node, always=True)

    @staticmethod
    def visit_BinOp(node, ctx):
        if isinstance(node.op, ast.Div) and _classic_division((node.left, node.right), ctx):
            ctx.report("old-division", node)

    @staticmethod
    def visit_AugAssign(node, ctx):
        # `x /= y` changes meaning as `x / y` does (pylint does not report it).
        if isinstance(node.op, ast.Div) and _classic_division((node.target, node.value), ctx):
            ctx.report("old-division", node)

    @staticmethod
    def visit_Raise(node, ctx):
        exc = node.exc
        if isinstance(exc, ast.Tuple) and exc.elts:  # `raise E, V` as rewritten from Python 2
            exc = exc.elts[0]
        if _is_byte_string(exc) or (isinstance(exc, ast.Name) and _module_string(ctx, exc.id)):
            ctx.report("raising-string", node)


def _classic_division(sides, ctx) -> bool:
    """A `/` whose meaning Python 3 changes: no division future import, and `division_may_change`."""
    return "division" not in ctx.future and division_may_change(sides, ctx.scope)


def division_may_change(sides, scope) -> bool:
    """No float literal side (old and true division agree then), no side that is provably no number: the
    `/` that old-division reports in a module without the division future import."""
    return not any(isinstance(side, ast.Constant) and isinstance(side.value, float) for side in sides) \
        and not any(not_a_number(side, scope) for side in sides)


_NOT_NUMBERS = (ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp)


def not_a_number(node, scope) -> bool:
    """An operand that is provably no number, so `/` is no division whose meaning Python 3 changes:
    a string, a display, a pathlib path (`Path(p) / "name"` joins paths on both Pythons)."""
    return (isinstance(node, _NOT_NUMBERS) or _is_path(node, scope)
            or isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def _is_path(node, scope) -> bool:
    """`Path(...)`, `Path.cwd()`, `path.parent`, `path.with_suffix(...)` and `path / x` of such a path."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _is_path(node.left, scope) or _is_path(node.right, scope)
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        return _is_path(node.value, scope)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if scope.qualified_name(func) in PATH_CLASSES:
        return True
    return isinstance(func, ast.Attribute) and func.attr in PATH_METHODS and (
        _is_path(func.value, scope) or scope.qualified_name(func.value) in PATH_CLASSES)


def _starts_with_print(value) -> bool:
    """print, print(x), and what Python 3 makes of `print >>f, x` and `print (a), b`: a tuple or shift."""
    if isinstance(value, ast.Tuple) and value.elts:
        value = value.elts[0]
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.RShift):
        value = value.left
    if isinstance(value, ast.Call):
        value = value.func
    return isinstance(value, ast.Name) and value.id == "print"


def _is_byte_string(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.kind != "u"


def _module_string(ctx, name) -> bool:
    """A module-level name bound only to a (byte) string literal."""
    strings = ctx.cache.get("module-strings")
    if strings is None:
        strings, others = set(), set()
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        (strings if _is_byte_string(stmt.value) else others).add(target.id)
        strings = ctx.cache["module-strings"] = strings - others
    return name in strings

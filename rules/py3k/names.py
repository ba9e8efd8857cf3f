"""Removed builtins, print statements, classic division, raising strings."""
from __future__ import annotations

import ast

from diracmod.rules.py3k import builtin_uses
from diracmod.rules.py3k.division import LeftForAPerson, division_may_change
from diracmod.rules.py3k.runtime import report_builtin
from diracmod.source.tables import REMOVED_BUILTINS


class NameRules:
    @staticmethod
    def visit_Name(node, ctx):
        if node.id in REMOVED_BUILTINS and isinstance(node.ctx, ast.Load) and ctx.is_builtin(node.id, node.lineno):
            symbol = node.id.lower() + "-builtin"
            why = builtin_uses.left(node.id, node, ctx.parents) if symbol in builtin_uses.LEFT else ""
            if why:  # a use fix leaves: the DM rule split off pylint's (rules/py3k/builtin_uses.py)
                ctx.report(builtin_uses.LEFT[symbol], node, why=why)
            elif symbol == "file-builtin" and _file_open_unsure(ctx):
                ctx.report("file-builtin-open-unsure", node, how=_file_open_unsure(ctx))
            else:
                report_builtin(ctx, symbol, node, node.id)

    @staticmethod
    def visit_Expr(node, ctx):
        # Without the future import, Python 2 reads `print(x)` as the print statement (pylint does too).
        if "print_function" not in ctx.future and _starts_with_print(node.value):
            ctx.report("print-statement", node, always=True)

    @staticmethod
    def visit_BinOp(node, ctx):
        if isinstance(node.op, ast.Div) and _classic_division((node.left, node.right), ctx):
            _report_division(node, ctx)

    @staticmethod
    def visit_AugAssign(node, ctx):
        # `x /= y` changes meaning as `x / y` does (pylint does not report it).
        if isinstance(node.op, ast.Div) and _classic_division((node.target, node.value), ctx):
            _report_division(node, ctx)

    @staticmethod
    def visit_Raise(node, ctx):
        exc = node.exc
        if isinstance(exc, ast.Tuple) and exc.elts:  # `raise E, V` as rewritten from Python 2
            exc = exc.elts[0]
        if _is_byte_string(exc) or (isinstance(exc, ast.Name) and _module_string(ctx, exc.id)):
            ctx.report("raising-string", node)


def _file_open_unsure(ctx) -> str:
    if "file-open-unsure" not in ctx.cache:
        ctx.cache["file-open-unsure"] = builtin_uses.file_open_unsure(ctx.tree)
    return ctx.cache["file-open-unsure"]


def _classic_division(sides, ctx) -> bool:
    """A `/` whose meaning Python 3 changes: no division future import, and `division_may_change`."""
    return "division" not in ctx.future and division_may_change(sides, ctx.scope)


def _report_division(node, ctx):
    """old-division where `diracmod fix` rewrites the `/`, old-division-unknown-operands (pylint's W1619 all
    the same) where it leaves it for a person: rules/py3k/division.py decides, for the fixer too."""
    left = ctx.cache.get("divisions-left")
    if left is None:
        left = ctx.cache["divisions-left"] = LeftForAPerson(ctx.tree)
    why = left.why(node)
    if why:
        ctx.report("old-division-unknown-operands", node, why=why)
    else:
        ctx.report("old-division", node)


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

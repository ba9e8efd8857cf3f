"""The Python 2.6 floor (checker `target`, DM3xx): what Python 2.7 added and a 2.6 interpreter cannot run.

DIRAC's pilot starts on whatever Python the worker node has, 2.6 included; these rules run only on paths
whose [[tool.diracmod.paths]] entry says `target = "2.6"` (the engine finds them everywhere when a floor is
configured; the check keeps them only there, so cached results do not depend on the path)."""
from __future__ import annotations

import ast
import string

_MODULES_27 = frozenset({"argparse", "importlib", "sysconfig"})  # new in the standard library of 2.7
_COLLECTIONS_27 = frozenset({"OrderedDict", "Counter"})


def _auto_numbered(text: str) -> bool:
    """Does a str.format template hold a `{}` field (auto-numbered: 2.6 wants `{0}`)?"""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return False  # not a valid template: str.format raises on every version
    return any(name is not None and (name == "" or name[0] in ".[") for _, name, spec, _ in fields) or any(
        spec and _auto_numbered(spec) for _, name, spec, _ in fields if name is not None)


def _report(ctx, symbol, node, **detail):
    # always: code under a Python-2-only guard (`if six.PY2:`) is exactly what a 2.6 interpreter runs
    ctx.report(symbol, node, always=True, **detail)


class FloorRules:
    @staticmethod
    def visit_Set(node, ctx):
        _report(ctx, "py27-set-literal", node)

    @staticmethod
    def visit_SetComp(node, ctx):
        _report(ctx, "py27-set-comprehension", node)

    @staticmethod
    def visit_DictComp(node, ctx):
        _report(ctx, "py27-dict-comprehension", node)

    @staticmethod
    def visit_With(node, ctx):
        if len(node.items) > 1:
            _report(ctx, "py27-multiple-context-managers", node)

    @staticmethod
    def visit_Call(node, ctx):
        func = node.func
        if (isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Constant)
                and isinstance(func.value.value, str) and _auto_numbered(func.value.value)):
            _report(ctx, "py27-auto-numbered-format", func.value)

    @staticmethod
    def visit_Import(node, ctx):
        for alias in node.names:
            if alias.name.split(".")[0] in _MODULES_27:
                _report(ctx, "py27-only-import", node, name=alias.name)

    @staticmethod
    def visit_ImportFrom(node, ctx):
        module = (node.module or "").split(".")[0]
        if node.level == 0 and module in _MODULES_27:
            _report(ctx, "py27-only-import", node, name=node.module)
        elif node.level == 0 and node.module == "collections":
            for alias in node.names:
                if alias.name in _COLLECTIONS_27:
                    _report(ctx, "py27-only-import", node, name=f"collections.{alias.name}")

    @staticmethod
    def visit_Attribute(node, ctx):
        if isinstance(node.value, ast.Name) and node.value.id == "collections" and node.attr in _COLLECTIONS_27:
            _report(ctx, "py27-only-import", node, name=f"collections.{node.attr}")

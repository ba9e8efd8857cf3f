"""`except E, (a, b):` unpacks the exception object itself on Python 2: its `__iter__`, else its `__getitem__`
(BaseException's indexes `args`). Python 3 has no such form; fix writes `except E as exc:` / `(a, b) = exc.args`,
the same only while the exception iterates as its args do. A class of the module that defines `__iter__` or
`__getitem__` (and derives from something: an exception class may be it, or derive from it) may make the caught
exception unpack otherwise, so then check reports unpacking-in-except as unpacking-in-except-iterable-exception
and fix leaves the clause (rules/py3k/syntax_fix.py reads the same function). Not seen: such classes of other
modules.

The statement is read in its Python 3 spelling, `except E as _unpacked:` (py2syntax, py2tokens)."""
from __future__ import annotations

import ast
from diracmod.source import module_nodes

_UNPACKING = ("__iter__", "__getitem__")


def iterating_class(tree: ast.Module) -> str | None:
    """Why the module's except-unpacking may not be `exc.args`: a class with a base defining one of _UNPACKING."""
    for node in module_nodes.walk(tree):
        if isinstance(node, ast.ClassDef) and node.bases:
            for statement in node.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name in _UNPACKING:
                    return (f"class {node.name} defines {statement.name}: an exception of it unpacks through that, "
                            f"not its args")
    return None


def relabel(tree: ast.Module, raw: list) -> list:
    """`raw` findings (line, column, symbol, detail) with unpacking-in-except reported as
    unpacking-in-except-iterable-exception (why in its detail) in a module with an iterating_class."""
    if not any(item[2] == "unpacking-in-except" for item in raw):
        return list(raw)
    why = iterating_class(tree)
    if not why:
        return list(raw)
    return [(item[0], item[1], "unpacking-in-except-iterable-exception", {"detail": why}, *item[4:])
            if item[2] == "unpacking-in-except" else item for item in raw]

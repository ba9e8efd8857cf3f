"""Where the top of a module ends: its docstring, its future imports and the first statement after them,
up to the next top-level statement. That is all diracmod.fix.futures changes when no doctest example it may
rewrite and no implicit relative import makes it read the rest, and most files of a run change nothing else: libcst
then parses the top alone (its parse costs about 15 ms per thousand lines, the whole run's largest cost)."""
from __future__ import annotations

import ast


def end(text: str, tree: ast.Module) -> int | None:
    """The offset in `text` (whose stdlib ast is `tree`) where its top ends: the start of the line of the
    first top-level statement after the first one that is neither the docstring nor a future import. None
    when the top is the whole module, or the rest holds a future import (libcst's reading of the future
    imports would need it), or the top's last line runs on into the rest (a backslash)."""
    body = tree.body
    first = 1 if body and _docstring(body[0]) else 0
    while first < len(body) and _future(body[first]):
        first += 1
    after = body[first + 1:]
    if not after or any(_future(statement) for statement in after) or "\r" in text:
        return None  # "\r": ast counts lines at a lone CR too, str.find("\n") would not
    later = next((statement for statement in after if _first_line(statement) > body[first].end_lineno), None)
    if later is None:
        return None
    offset = 0
    for _ in range(_first_line(later) - 1):
        offset = text.index("\n", offset) + 1
    return None if text[:offset].endswith("\\\n") else offset


def _docstring(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, (str, bytes)))


def _future(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.ImportFrom) and statement.module == "__future__" and not statement.level


def _first_line(statement: ast.stmt) -> int:
    return min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])

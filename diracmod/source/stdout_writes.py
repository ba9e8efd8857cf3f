"""Functions that close, truncate, seek or assign a print statement's stream (sys.stdout for a plain `print`):
Python 2 wrote the items before such a call to the stream of then, print() evaluates every value first
(rules/py3k/print_order.py, DM111: tryout26 #2, tryout26c #3). One test (disturbs) for a function of the module
printing and for a module-level function of another module of the project, which the project index names
(project_index.facts.Facts.stdout_writers, ProjectIndex.stdout_writers: tryout27 #10)."""
from __future__ import annotations

import ast
import re

from diracmod.source.module_nodes import module_defs

# the text may replace or close sys.stdout (`sys.stdout = f`): only then may a function of it disturb sys.stdout
STDOUT_WRITTEN = re.compile(r"\bstdout\s*=(?!=)|\bstdout\.(?:close|truncate|seek)\s*\(")
_WRITTEN_BYTES = re.compile(STDOUT_WRITTEN.pattern.encode())
STDOUT = ast.parse("sys.stdout", mode="eval").body  # the stream of a print statement without `>>`
_DISTURBING = frozenset({"close", "truncate", "seek"})  # methods that lose or misplace what was written before
# what the check engine hands the module's tree (and the syntax stage its fissix tree: builtin_uses.carry_outside):
# the project's stdout writers (module key, name) whose names the module's text holds (ProjectIndex.stdout_calls)
IMPORTED = "diracmod_stdout_writers"


def disturbs(function, stream) -> bool:
    """Does the body of the ast `function` close, truncate or seek the ast `stream` (`out.close()`, the stream's
    text) or assign it (`sys.stdout = ...`; a name only where declared global there)?"""
    text = ast.unparse(stream)
    declared = {name for part in ast.walk(function) if isinstance(part, ast.Global) for name in part.names}
    return any(isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute) and part.func.attr in _DISTURBING
               and ast.unparse(part.func.value) == text
               or isinstance(part, (ast.Name, ast.Attribute)) and isinstance(part.ctx, ast.Store)
               and ast.unparse(part) == text and (not isinstance(stream, ast.Name) or stream.id in declared)
               for part in ast.walk(function))


def may_write(data: bytes) -> bool:
    """The cheap test before a file's tree is read: may its text replace or close sys.stdout?"""
    return b"stdout" in data and _WRITTEN_BYTES.search(data) is not None


def stdout_writers(tree: ast.Module) -> frozenset:
    """The names of the module-level functions (module_defs) that close, truncate, seek or assign sys.stdout."""
    return frozenset(function.name for function in module_defs(tree) if disturbs(function, STDOUT))

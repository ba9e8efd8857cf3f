"""Functions that close, truncate, seek or assign a print statement's stream (sys.stdout for a plain `print`):
Python 2 wrote the items before such a call to the stream of then, print() evaluates every value first
(rules/py3k/print_order.py, DM111: tryout26 #2, tryout26c #3). One test (disturbs) for a function of the module
printing and for a module-level function of another module of the project, which the project index names
(project_index.facts.Facts.stdout_writers, ProjectIndex.stdout_writers: tryout27 #10); either may do so through
further calls of functions of its module (reaches)."""
from __future__ import annotations

import ast
import re

from diracmod.source import module_nodes

# the text may replace or close sys.stdout (`sys.stdout = f`): only then may a function of it disturb sys.stdout
STDOUT_WRITTEN = re.compile(r"\bstdout\s*=(?!=)|\bstdout\.(?:close|truncate|seek)\s*\(")
# the text may assign or close sys.stdout itself (not `self.stdout = ...`): only then may a function of it do so
_WRITTEN_BYTES = re.compile(rb"\bsys\.stdout\s*=(?!=)|\bsys\.stdout\.(?:close|truncate|seek)\s*\(")
STDOUT = ast.parse("sys.stdout", mode="eval").body  # the stream of a print statement without `>>`
_DISTURBING = frozenset({"close", "truncate", "seek"})  # methods that lose or misplace what was written before
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
# what the check engine hands the module's tree (and the syntax stage its fissix tree: builtin_uses.carry_outside):
# the project's stdout writers (module key, name) whose names the module's text holds (ProjectIndex.stdout_calls)
IMPORTED = "diracmod_stdout_writers"


def disturbs(function, stream) -> bool:
    """Does the body of the ast `function` close, truncate or seek the ast `stream` (`out.close()`, the stream's
    text) or assign it (`sys.stdout = ...`; a name only where declared global there)? For a stream that is an
    attribute (`log.out`, not sys's), so does the function's own attribute of that name (`self.out`: its first
    parameter's, by name, whatever object the method is called on)."""
    text = ast.unparse(stream)
    texts = {text}
    name = stream.id if isinstance(stream, ast.Name) else None
    attr = stream.attr if isinstance(stream, ast.Attribute) else None
    if attr is not None and function.args.args and not text.startswith("sys."):
        texts.add(f"{function.args.args[0].arg}.{attr}")
    assigned = declared = False
    for part in ast.walk(function):
        if isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute) and part.func.attr in _DISTURBING \
                and ast.unparse(part.func.value) in texts \
                or isinstance(part, ast.Attribute) and part.attr == attr and isinstance(part.ctx, ast.Store) \
                and ast.unparse(part) in texts:
            return True
        if isinstance(part, ast.Name) and part.id == name and isinstance(part.ctx, ast.Store):
            assigned = True
        elif isinstance(part, ast.Global) and name in part.names:
            declared = True
    return assigned and declared


def defined(tree: ast.Module) -> dict:
    """The functions `tree` defines (any scope, methods too), by name."""
    found: dict = {}
    for function in module_nodes.of_kind(tree, _DEFS):
        found.setdefault(function.name, []).append(function)
    return found


def reaches(functions, stream, defs: dict) -> bool:
    """Does one of the ast `functions` disturb `stream`, or call, to any depth, a function of `defs` (defined: its
    module's) that does? A call is known by its name (`name()`, and `anything.name()`: whatever the object, a
    method of the module so named counts); each function is read once (a cycle of calls ends)."""
    pending, seen = list(functions), {function.name for function in functions}
    while pending:
        function = pending.pop()
        if disturbs(function, stream):
            return True
        for part in ast.walk(function):
            if isinstance(part, ast.Call) and isinstance(part.func, (ast.Name, ast.Attribute)):
                name = part.func.id if isinstance(part.func, ast.Name) else part.func.attr
                if name in defs and name not in seen:
                    seen.add(name)
                    pending.extend(defs[name])
    return False


def may_write(data: bytes) -> bool:
    """The cheap test before a file's tree is read: may its text replace or close sys.stdout (`sys.stdout = `,
    `sys.stdout.close(`...: disturbs reads it so spelled)?"""
    return b"sys.stdout" in data and _WRITTEN_BYTES.search(data) is not None


def stdout_writers(tree: ast.Module) -> frozenset:
    """The names of the module-level functions (module_defs) that close, truncate, seek or assign sys.stdout, or
    call a function of the module that does (reaches)."""
    defs = defined(tree)
    return frozenset(function.name for function in module_nodes.module_defs(tree)
                     if reaches((function,), STDOUT, defs))

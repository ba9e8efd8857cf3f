"""Where a module gets the modules that fix's rewrites import (six, functools, codecs, itertools) from, when an
import added at the top of the module may not be the module's own: read by fix's stage 2 (rules/codemod.py,
which then leaves the rewrites naming them) and by check (rules/py3k/six_bound.py, which then reports those
findings as rewrite-name-bound-by-module rather than counting them fixable), the one place that decides.

- imported_below_setup: the module imports it itself below a statement setting up where imports are found
  (`sys.path.insert(...)`, `sys.modules[...] = ...`, `site.addsitedir(...)`: a vendored six put on the path
  first; tryout7 #23). An import at the top would run before that set-up.
- imported_in_block: the module binds it by an import that is no statement of the module's own body: in a
  block (`try: import six` / `except ImportError: from vendor import six`, `if X: import six`), or in a def or
  class (tryout7 #24). Which module that name is where the rewrites run is the block's choice, and an import
  added at the top may not be there (or not be it).
"""
from __future__ import annotations

import ast

from diracmod.source.statements import statements

# what a statement setting up where imports are found names (in its text: `sys.path[0:0] = [...]`, `from site import
# addsitedir` then `addsitedir(...)`)
_SETUP_WORDS = ("sys.path", "sys.modules", "addsitedir")


def imported_below_setup(tree: ast.Module, text: str, stage_one: frozenset = frozenset()) -> set:
    """The top-level packages the module's own top-level imports import below a statement that sets up where
    imports are found (`sys.path`, `sys.modules`, `site.addsitedir`: a vendored six put on the path first), not
    imported in the imports above it: not the lines stage 1 of fix added (`stage_one`, the lines themselves). An
    import the rewrites add at the top would run before that set-up (tryout7 #23); below other code (a name bound
    first) it finds the same module, and the rewrites are made. `text` is what `tree` was parsed from."""
    if not any(word in text for word in _SETUP_WORDS):
        return set()
    lines, above, below, setup = text.splitlines(), set(), set(), False
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            segment = "\n".join(lines[node.lineno - 1:node.end_lineno])
            setup = setup or any(word in segment for word in _SETUP_WORDS)
            continue
        if isinstance(node, ast.ImportFrom) and (node.level or node.module == "__future__"):
            continue
        names = {alias.name.split(".")[0] for alias in node.names} if isinstance(node, ast.Import) \
            else {node.module.split(".")[0]}
        if not setup:
            above |= names
        elif lines[node.lineno - 1].strip() not in stage_one:
            below |= names
    return below - above


def imported_in_block(tree: ast.Module, name: str) -> int:
    """The line of the first import binding `name` (`import six`, `from vendor import six`, `import x as six`)
    that is not a statement of the module's own body: in a block (try, if, with, for, while) or in a def or class;
    0 where there is none."""
    top = {id(statement) for statement in tree.body}
    nested = [statement for statement in statements(tree)
              if isinstance(statement, (ast.Import, ast.ImportFrom)) and id(statement) not in top]
    return min((statement.lineno for statement in nested for alias in statement.names
                if alias.name != "*" and (alias.asname or alias.name.split(".")[0]) == name), default=0)

"""Every statement of a module (and except handler, match case), in the order ast.walk meets them, without
entering an expression: no expression holds a statement, and expressions are most of a tree's nodes, so
this is several times cheaper than ast.walk for a question about imports, classes or expression statements."""
from __future__ import annotations

import ast
from collections import deque

_LISTS = frozenset({"body", "orelse", "handlers", "finalbody", "cases"})


def statements(tree: ast.AST):
    """The statements under `tree` (not `tree` itself), breadth first like ast.walk: the same order as
    ast.walk's among them (a statement is as deep in both walks, its parent statement met as early)."""
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        for name in node._fields:  # ast.walk's order of the lists too (a Try: body, handlers, orelse, finalbody)
            found = getattr(node, name, None) if name in _LISTS else None
            if found:
                yield from found
                todo.extend(found)

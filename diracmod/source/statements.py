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


def top_level_spans(tree: ast.AST) -> list:
    """[first, last] line (1-based, inclusive) of each top-level statement of `tree` (a module; or a class or
    function: the statements of its body), its decorators included, statements sharing a line
    (`import os; x = 1`) in one span: the units a rewrite may re-parse and re-emit alone, since such a
    statement starts its line (a module's at column 0) and no token runs from one into the next. The lines
    between spans hold only blank lines, comments and continuation-free text no statement owns."""
    spans: list = []
    for statement in tree.body:
        first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])
        if spans and first <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], statement.end_lineno)
        else:
            spans.append([first, statement.end_lineno])
    return spans


def statements_by_span(statements: list) -> list:
    """(first line, last line, the statements held) for each top_level_spans span of the list `statements` (a
    module's or a block's body): several statements where they share a line."""
    found, body = [], iter(statements)
    statement = next(body, None)
    for first, last in top_level_spans(ast.Module(body=statements, type_ignores=[])):
        held = []
        while statement is not None and statement.lineno <= last:
            held.append(statement)
            statement = next(body, None)
        found.append((first, last, held))
    return found


def module_lineage(tree: ast.Module, cls: ast.ClassDef):
    """`cls` and, transitively, the classes of the module's top level it derives from by name (`class B(A)` with
    `class A` in the module), each once: the classes whose bodies a question about cls's methods may read."""
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    seen, todo = set(), [cls]
    while todo:
        current = todo.pop()
        if current.name in seen:
            continue
        seen.add(current.name)
        yield current
        todo += [classes[base.id] for base in current.bases if isinstance(base, ast.Name) and base.id in classes]


"""Names that Python 3 unbinds: the `except ... as e` variable after its handler, and list
comprehension variables after the comprehension (both leak in Python 2). pylint's decisions, except
where the comprehension's own statement rebinds the name (rules/py3k.toml, comprehension-escape), and for a read
in the comprehension's own statement that runs after it, which pylint misses (diracmod.source.scopes.leaked_into)."""
from __future__ import annotations

import ast

from diracmod.source.scopes import children, leaked_into


class _ScopeIndex:
    """Every name load and store of one scope (nested functions excluded, as in pylint)."""

    def __init__(self, scope_node):
        self.loads = []  # (Name, statement, in_except_handler)
        self.stores = {}  # name -> [lineno]
        for child in children(scope_node):  # contexts and operators hold no name
            self._walk(child, child, False)

    def _walk(self, node, statement, in_handler):
        if isinstance(node, ast.stmt):
            statement = node
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                self.loads.append((node, statement, in_handler))
            else:
                self.stores.setdefault(node.id, []).append(node.lineno)
        elif isinstance(node, ast.arg):  # lambda parameters (def bodies are not walked)
            self.stores.setdefault(node.arg, []).append(node.lineno)
        elif isinstance(node, ast.ExceptHandler):
            if node.name:
                self.stores.setdefault(node.name, []).append(node.lineno)
            in_handler = True
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        for child in children(node):
            self._walk(child, statement, in_handler)


def _index(ctx) -> _ScopeIndex:
    scope = ctx.scope
    while isinstance(scope.node, ast.ListComp):  # not a scope in Python 2
        scope = scope.parent
    key = ("escape-index", id(scope.node))
    if key not in ctx.cache:
        ctx.cache[key] = _ScopeIndex(scope.node)
    return ctx.cache[key]


def _rebinds(statement) -> set:
    """Names the statement holding a comprehension binds once it has run it: `se = [se for se in x]`,
    `for f in [f for f in x]:`. What Python 2 leaked is overwritten, so no later use sees it."""
    if isinstance(statement, (ast.For, ast.AsyncFor, ast.AnnAssign)):
        targets = [statement.target]
    elif isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in statement.items if item.optional_vars]
    else:  # AugAssign reads its target first: `x += [x for x in y]` does differ
        return set()
    return {n.id for target in targets for n in ast.walk(target)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _contains(outer, inner) -> bool:
    return any(node is inner for node in ast.walk(outer))


class EscapeRules:
    @staticmethod
    def visit_ExceptHandler(node, ctx):
        if not node.name:
            return
        index = _index(ctx)
        stores = index.stores.get(node.name, ())
        for name, _statement, in_handler in index.loads:
            if name.id != node.name or name.lineno <= node.lineno or in_handler:
                continue
            if any(node.lineno < line < name.lineno for line in stores):
                continue  # rebound before this use
            ctx.report("exception-escape", name)

    @staticmethod
    def visit_ListComp(node, ctx):
        names = {g.target.id for g in node.generators if isinstance(g.target, ast.Name)}
        statement = next((p for p in reversed(ctx.parents) if isinstance(p, ast.stmt)), None)
        names -= _rebinds(statement)
        index = _index(ctx)
        if any(line > node.lineno for name in names for line in index.stores.get(name, ())):
            return  # rebound later in the scope: the later uses read that binding
        emitted = set()
        for name, statement, _ in index.loads:
            if name.id in names and name.id not in emitted and (
                    name.lineno > node.lineno and not _contains(statement, node)
                    or statement is ctx.statement and leaked_into(statement, name) is node):  # run before the read
                emitted.add(name.id)
                ctx.report("comprehension-escape", name)

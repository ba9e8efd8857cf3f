"""Names that Python 3 unbinds: the `except ... as e` variable after its handler, and list
comprehension variables after the comprehension (both leak in Python 2). pylint's decisions, except for a
handler that rebinds its own name (pylint then reports nothing, Python 3 still deletes it), and
where the comprehension's own statement rebinds the name (rules/py3k.toml, comprehension-escape), and for a read
in the comprehension's own statement that runs after it, which pylint misses (diracmod.source.scopes.leaked_into)."""
from __future__ import annotations

import ast
import math
from bisect import bisect_right

from diracmod.source.scopes import children, leaked_into


class _ScopeIndex:
    """Every name load and store of one scope (nested functions excluded, as in pylint)."""

    def __init__(self, scope_node):
        self.loads = {}  # name -> [(Name, statement, in_except_handler)], by line once read
        self.stores = {}  # name -> [lineno], sorted once read
        for child in children(scope_node):  # contexts and operators hold no name
            self._walk(child, child, False)
        for loads in self.loads.values():
            loads.sort(key=lambda load: load[0].lineno)  # stable: one line's loads in the walk's order
        for stores in self.stores.values():
            stores.sort()
        self._load_lines = {name: [load[0].lineno for load in loads] for name, loads in self.loads.items()}

    def loads_after(self, name: str, line: int, until: float = math.inf) -> list:
        """The loads of `name` on the lines after `line` up to `until` (by bisection: a module may hold thousands
        of handlers binding one name)."""
        lines = self._load_lines.get(name, [])
        return self.loads.get(name, [])[bisect_right(lines, line):bisect_right(lines, until)]

    def next_store(self, name: str, line: int) -> float:
        """The first line after `line` binding `name` (inf: none)."""
        stores = self.stores.get(name, [])
        index = bisect_right(stores, line)
        return stores[index] if index < len(stores) else math.inf

    def _walk(self, node, statement, in_handler):
        if isinstance(node, ast.stmt):
            statement = node
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                self.loads.setdefault(node.id, []).append((node, statement, in_handler))
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
        # a use up to the line rebinding the name after the handler (a use on that line reads what the handler
        # bound); Python 3 deletes the name at the end of the handler whatever the handler rebound it to, so a
        # rebinding inside it (`e = str(e)`) saves nothing: pylint counts that one too (tryout5 #17)
        for name, _statement, in_handler in index.loads_after(node.name, node.lineno,
                                                              index.next_store(node.name, node.end_lineno)):
            if not in_handler:
                ctx.report("exception-escape", name)

    @staticmethod
    def visit_ListComp(node, ctx):
        names = {g.target.id for g in node.generators if isinstance(g.target, ast.Name)}
        statement = next((p for p in reversed(ctx.parents) if isinstance(p, ast.stmt)), None)
        names -= _rebinds(statement)
        index = _index(ctx)
        if any(index.next_store(name, node.lineno) < math.inf for name in names):
            return  # rebound later in the scope: the later uses read that binding
        first = ctx.statement.lineno - 1 if ctx.statement is not None else node.lineno
        for name in sorted(names):
            use = next((load for load, statement, _ in index.loads_after(name, first)
                        if load.lineno > node.lineno and not _contains(statement, node)
                        or statement is ctx.statement and leaked_into(statement, load) is node), None)  # run before the read
            if use is not None:
                ctx.report("comprehension-escape", use)

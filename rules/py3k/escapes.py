"""Names that Python 3 unbinds: the `except ... as e` variable after its handler, and list
comprehension variables after the comprehension (both leak in Python 2). pylint's decisions, except for a
handler that rebinds its own name (pylint then reports nothing, Python 3 still deletes it), and
where the comprehension's own statement rebinds the name (rules/py3k.toml, comprehension-escape), and for a read
in the comprehension's own statement that runs after it, which pylint misses (diracmod.source.scopes.leaked_into)."""
from __future__ import annotations

import ast
import math
from bisect import bisect_right

from diracmod.source.scopes import children, deleted_names, leaked_into, own_nodes, scope_bindings, stores


class _ScopeIndex:
    """Every name load and store of one scope (nested functions excluded, as in pylint); a `del` is neither."""

    def __init__(self, scope_node):
        self.loads = {}  # name -> [(Name, statement, in_except_handler)], by line once read
        self.stores = {}  # name -> [lineno], sorted once read
        self.scope_node = scope_node
        self.functions = []  # the defs nested in the scope that see its names (their bodies are not walked)
        self._closure_loads = None  # name -> [Name]: closure_loads, read once asked
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
            elif isinstance(node.ctx, ast.Store):  # a `del` rebinds nothing (pylint's AssignName only: tryout16b #2)
                self.stores.setdefault(node.id, []).append(node.lineno)
        elif isinstance(node, ast.arg):  # lambda parameters (def bodies are not walked)
            self.stores.setdefault(node.arg, []).append(node.lineno)
        elif isinstance(node, ast.ExceptHandler):
            if node.name:
                self.stores.setdefault(node.name, []).append(node.lineno)
            in_handler = True
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not isinstance(self.scope_node, ast.ClassDef):  # a class body's names are not seen from its defs
                self.functions.append(node)
            return
        for child in children(node):
            self._walk(child, statement, in_handler)

    def closure_loads(self, name: str) -> list:
        """The loads of `name` in the defs nested in the scope (at any depth) that find the scope's binding: a
        closure runs whenever it is called, after a list comprehension too (pylint does not look there)."""
        if self._closure_loads is None:
            self._closure_loads = {}
            for function in self.functions:
                for load in _free_loads(function):
                    self._closure_loads.setdefault(load.id, []).append(load)
        return self._closure_loads.get(name, [])


def _free_loads(function) -> list:
    """The Name loads in the def or lambda `function` (and those nested in it) of names it does not bind itself."""
    local, loads, nested, todo = set(), [], [], children(function.args) + list(
        function.body if isinstance(function.body, list) else [function.body])
    while todo:
        node = todo.pop()
        local.update(stores(node))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            nested.append(node)
            todo += [*node.decorator_list] if not isinstance(node, ast.Lambda) else []
            todo += [default for default in (*node.args.defaults, *node.args.kw_defaults) if default is not None]
        elif not isinstance(node, ast.ClassDef):  # a class body's names are not seen from the defs in it
            todo += children(node)
        else:
            todo += [*node.bases, *node.keywords, *node.decorator_list, *node.body]
    loads += [load for inner in nested for load in _free_loads(inner)]
    return [load for load in loads if load.id not in local]


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


def _list_comprehension_targets(scope) -> tuple:
    """(ids of the Name nodes a list comprehension of `scope` binds, as Python 2 binds them in the scope; whether the
    scope may bind names unseen: `from m import *`, exec), read once per scope."""
    targets, unseen = set(), False
    for node in own_nodes(ast.iter_child_nodes(scope)):
        if isinstance(node, ast.ListComp):
            targets.update(id(name) for generator in node.generators for name in ast.walk(generator.target)
                           if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store))
        elif isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names) or (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("exec", "execfile")):
            unseen = True
    return targets, unseen


_SEEN_LIST_COMPREHENSION = "list-comprehension-seen"


def deleted_comprehension_variable(node: ast.Delete, ctx) -> list:
    """The names `del` unbinds that only a list comprehension of the scope binds (DM434): leaked on Python 2, so
    the `del` works there; on Python 3 the comprehension keeps its variable and the `del` raises NameError (a
    function's UnboundLocalError). Another binding of the name in the scope (an assignment, a loop, an import, a
    parameter, global or nonlocal, a nested scope declaring it so) or a star import or exec there: not said."""
    if _SEEN_LIST_COMPREHENSION not in ctx.cache:  # none visited yet: none before the del (the walk is in order)
        return []
    names = [name for target in node.targets for name in deleted_names(target)]
    if not names:
        return []
    scope = ctx.scope.node
    key = ("listcomp-targets", id(scope))
    if key not in ctx.cache:
        ctx.cache[key] = _list_comprehension_targets(scope)
    targets, unseen = ctx.cache[key]
    if not targets or unseen:
        return []
    found = []
    for name in names:
        bindings = list(scope_bindings(scope, name.id))
        leaked = [b for b in bindings if id(b) in targets and b.lineno <= name.lineno]
        if leaked and all(id(b) in targets or isinstance(b, ast.Name) and isinstance(b.ctx, ast.Del)
                          for b in bindings):
            found.append(name)
    return found


def _contains(outer, inner) -> bool:
    return any(node is inner for node in ast.walk(outer))


class EscapeRules:
    @staticmethod
    def visit_Delete(node, ctx):
        for name in deleted_comprehension_variable(node, ctx):
            ctx.report("del-of-comprehension-variable", name, name=name.id)

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
        ctx.cache[_SEEN_LIST_COMPREHENSION] = True
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
            if use is None:  # a def of the scope reading it: Python 2 reads the leaked variable once it ran
                use = next(iter(index.closure_loads(name)), None)
            if use is not None:
                ctx.report("comprehension-escape", use)

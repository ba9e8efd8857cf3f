"""One pass over a module's AST that feeds every selected rule.

Rules are classes with `visit_<NodeType>(node, ctx)` methods; the walker keeps the context they all
need (parents, scopes, Python-2-only guard state) so no rule walks the tree again.
"""
from __future__ import annotations

import ast

from diracmod.source import guards
from diracmod.source.scopes import COMPREHENSIONS, NOT_VISITED, SCOPES, Scope, child_fields, children

STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(tree):
    """Every statement (and except handler, match case): no expression holds one, so the walk never
    enters an expression, most of a tree's nodes."""
    todo = [tree]
    while todo:
        node = todo.pop()
        for name in STATEMENT_LISTS:
            found = getattr(node, name, None)
            if found:
                yield from found
                todo += found


def _global_writes(tree) -> tuple:
    """(name -> line of the first `del name`, name -> line of the first binding of name) in a function declaring
    `name` global (in that function's own body; bindings: assignment, loop, `with` and import targets, a def or
    class statement, an except clause's name)."""
    deleted_at: dict = {}
    bound_at: dict = {}
    for function in _statements(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        declared, deleted, bound, todo = set(), [], [], list(function.body)
        while todo:
            node = todo.pop()
            if isinstance(node, ast.Global):
                declared.update(node.names)
            elif isinstance(node, ast.Delete):
                deleted += [(target.id, node.lineno) for target in node.targets if isinstance(target, ast.Name)]
            bound += [(name, node.lineno) for name in _binds(node)]
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                todo += [inner for field in STATEMENT_LISTS for inner in getattr(node, field, ())]
        for found, at in ((deleted_at, deleted), (bound_at, bound)):
            for name, line in at:
                if name in declared:
                    found[name] = min(line, found.get(name, line))
    return deleted_at, bound_at


def _binds(statement) -> list:
    """The names the statement (or except clause) `statement` itself binds, its targets read whole."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [statement.name]
    if isinstance(statement, ast.ExceptHandler):
        return [statement.name] if statement.name else []
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in statement.names]
    targets = (statement.targets if isinstance(statement, ast.Assign)
               else [statement.target] if isinstance(statement, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor))
               else [item.optional_vars for item in statement.items if item.optional_vars]
               if isinstance(statement, (ast.With, ast.AsyncWith)) else [])
    return [name.id for target in targets for name in ast.walk(target)
            if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store)]


# What Python 2 made a list of and Python 3 makes lazy (the *-not-iterating rules and the rules split off them):
# in a block only Python 3 runs (`if six.PY3:`, the else of `if sys.version_info < (3,):`, the fallback of `try:
# from itertools import izip`) that code is Python 3's already, often lazy on purpose (`return map(f,
# itertools.count())`, a project's `iteritems = lambda d: d.items()`): nothing to report, nothing for fix to put
# in list(...), which would copy, or never return on an endless iterator (tryout20b #3)
_LAZY_KINDS = ("dict-keys", "dict-items", "dict-values", "map-builtin", "zip-builtin", "range-builtin",
               "filter-builtin")
LAZY_ON_PYTHON3 = frozenset({
    *(f"{kind}-not-iterating{split}" for kind in _LAZY_KINDS for split in ("", "-list-rebound")),
    "dict-not-iterating-class-defined", "map-several-iterables", "filter-keeps-str-or-tuple"})


class Context:
    def __init__(self, tree: ast.Module, future: frozenset, report, guards=True, text: str | None = None):
        self.tree = tree
        self.text = text  # what `tree` was parsed from, when the caller has it (cheap text pre-filters)
        self.future = future
        self._report = report
        self.parents: list = []
        self.scope: Scope | None = None
        self.guards = guards  # False: report inside Python-2-only blocks too
        self.py2_only = 0  # > 0 inside a block that only runs on Python 2
        self.py3_only = 0  # > 0 inside a block that only runs on Python 3 (whatever `guards`)
        self.module_globals: set = set()
        # the module's own version flags, whatever their names (PY3K = sys.version_info[0] == 3), and those it
        # imports from the project's modules (ProjectIndex.flags_of): name -> the sides of `if name:`
        # (diracmod/source/guards.py module_flags), read by every version guard test
        self.version_flags: dict = {}
        self.global_deletions: dict = {}  # name -> line of a `del name` in a function declaring it global
        self.global_bindings: dict = {}  # name -> line of a binding of name in a function declaring it global
        self.cache: dict = {}  # per-module memo for rules (computed once, shared)
        self.respelled: frozenset = frozenset()  # (line, symbol) of the Python-2-only syntax the parse respelled
        # the modules an implicit relative import of the module finds (diracmod.core.siblings.implicit of its
        # directory, which the check engine reads): none for a text alone
        self.siblings: frozenset = frozenset()
        # the file's path, for what the modules beside it say of it (imports.top_level_importer): None for a text
        self.path: str | None = None
        # the project's own top-level modules (diracmod.core.siblings.first_party of its directory): none for a
        # text alone
        self.first_party: frozenset = frozenset()
        # the methods the project's classes define in a way a receiver rewrite does not fit
        # (diracmod/source/project_index/, read once a run by check and fix): None for a text alone
        self.project = None

    @property
    def parent(self):
        return self.parents[-1] if self.parents else None

    @property
    def statement(self):
        """The statement the node visited is in (the module for none)."""
        return next((node for node in reversed(self.parents) if isinstance(node, ast.stmt)), self.tree)

    def is_builtin(self, name: str, line: int) -> bool:
        return self._resolves_to_builtin(name, line, self.module_globals)

    def _resolves_to_builtin(self, name: str, line: int, module_globals) -> bool:
        # bindings an alternative branch made: the try body seen from its except clause, the if body
        # seen from its else
        unseen = [(p.body[0].lineno, p.body[-1].end_lineno) for p, child in zip(self.parents, self.parents[1:])
                  if isinstance(p, ast.Try) and isinstance(child, ast.ExceptHandler)
                  or isinstance(p, ast.If) and any(child is s for s in p.orelse)]
        return self.scope.resolves_to_builtin(name, module_globals, line, unseen)

    def loop_bodies(self) -> list:
        """(first line, last line) of the body of each loop around the node visited, in its scope (a comprehension
        runs in place): a binding there may run before the node does, on the loop's next turn. A while loop's test
        is read again after its body; a for loop's iterable is read once, before it."""
        scope = self.scope
        while isinstance(scope.node, COMPREHENSIONS):
            scope = scope.parent
        inside = next(at for at in range(len(self.parents) - 1, -1, -1) if self.parents[at] is scope.node)
        return [(loop.body[0].lineno, loop.body[-1].end_lineno)
                for loop, child in zip(self.parents[inside:], self.parents[inside + 1:])
                if isinstance(loop, (ast.For, ast.AsyncFor, ast.While)) and (
                    any(child is statement for statement in loop.body) or child is getattr(loop, "test", None))]

    def loop_rebinding(self, name: str, line: int) -> int:
        """The line of a binding of `name` in the body of a loop around a read at `line` that is_builtin finds the
        builtin, in a module or class body (which count only the bindings before a read), or 0: the loop's next
        turn reads that binding, not the builtin. A function body counts every binding of its own already."""
        scope = self.scope
        while isinstance(scope.node, COMPREHENSIONS):  # runs in place
            scope = scope.parent
        lines = scope.names.get(name)
        if scope.is_function or not lines:
            return 0
        return next((at for first, last in self.loop_bodies() for at in lines if first <= at <= last), 0)

    def global_deletion(self, name: str) -> int:
        """The line of a `del name` in a function declaring `name` global, where a read that is_builtin finds the
        module's binding of `name` resolves to the module's (or 0): after that function ran, the read is the
        builtin."""
        scope = self.scope.binding_scope(name)
        return self.global_deletions.get(name, 0) if scope is None or scope.parent is None else 0

    def global_binding(self, name: str, line: int) -> int:
        """The line of a binding of `name` in a function declaring `name` global, where a read at `line` that
        is_builtin does not find the builtin would find it but for such bindings (or 0): the read is the builtin
        until that function ran, its binding after (or on the function's next call)."""
        at = self.global_bindings.get(name, 0)
        return at if at and self._resolves_to_builtin(name, line, frozenset()) else 0

    def report(self, symbol, node, always=False, **detail):
        """Findings inside Python-2-only blocks are dropped unless `always` (syntax Python 3 cannot read), and
        those of LAZY_ON_PYTHON3 inside Python-3-only blocks."""
        if self.py2_only and not always or self.py3_only and symbol in LAZY_ON_PYTHON3:
            return
        self._report(symbol, node.lineno, node.col_offset, detail, node.end_lineno, node.end_col_offset)


class Walker:
    def __init__(self, rule_sets):
        self.dispatch: dict = {}
        for rules in rule_sets:
            for name in dir(rules):
                if name.startswith("visit_"):
                    node_type = getattr(ast, name[len("visit_"):])
                    assert not issubclass(node_type, NOT_VISITED), name
                    self.dispatch.setdefault(node_type, []).append(getattr(rules, name))
        self._kinds: dict = {}  # node class -> what visit does with such a node (_kind)

    def run(self, ctx: Context):
        ctx.scope = Scope(ctx.tree, None)
        for node in _statements(ctx.tree):  # `global x` in any function binds x at module level
            if isinstance(node, ast.Global):
                ctx.module_globals.update(node.names)
        if ctx.module_globals:
            ctx.global_deletions, ctx.global_bindings = _global_writes(ctx.tree)
        # and those it imports from the project's modules, read alike (`from twisted.python.compat import _PY3`)
        ctx.version_flags = guards.module_flags(ctx.tree, ctx.project.flags_of if ctx.project is not None else None)
        self.ctx = ctx
        self.visit(ctx.tree)

    def _kind(self, kind) -> tuple:
        """(the handlers of nodes of class `kind`, how the walker enters them or None, whether they may hold a
        visited node: a Name or a Constant, a third of a tree's nodes, holds none), read once per class."""
        found = self._kinds[kind] = (tuple(self.dispatch.get(kind, ())), self._SPECIAL.get(kind),
                                     child_fields(kind) != ())
        return found

    def visit(self, node):
        ctx, kind = self.ctx, type(node)
        handlers, special, inner = self._kinds.get(kind) or self._kind(kind)
        for handler in handlers:
            handler(node, ctx)
        if special:
            ctx.parents.append(node)
            special(self, node)
            ctx.parents.pop()
            return
        found = inner and children(node)
        if found:  # a node without children (a name, a constant) is nobody's parent
            parents, visit = ctx.parents, self.visit
            parents.append(node)
            for child in found:
                visit(child)
            parents.pop()

    def _visit_all(self, nodes, py2_only=False, py3_only=False):
        py2_only = py2_only and self.ctx.guards
        self.ctx.py2_only += py2_only
        self.ctx.py3_only += py3_only
        for node in nodes:
            if node is not None:
                self.visit(node)
        self.ctx.py2_only -= py2_only
        self.ctx.py3_only -= py3_only

    def _in_scope(self, node, outer, inner):
        """Visit `outer` children in the enclosing scope, `inner` ones in `node`'s own scope."""
        ctx = self.ctx
        self._visit_all(outer)
        saved = ctx.scope
        ctx.scope = Scope(node, saved)
        self._visit_all(inner)
        ctx.scope = saved

    def _function(self, node):
        args = node.args
        outer = [*node.decorator_list, *args.defaults, *[d for d in args.kw_defaults if d]]
        outer += [a.annotation for a in (*getattr(args, "posonlyargs", ()), *args.args, *args.kwonlyargs,
                                         args.vararg, args.kwarg) if a is not None and a.annotation]
        outer.append(getattr(node, "returns", None))
        # the parameters' defaults and annotations are all in `outer`: visiting node.args again would report twice
        self._in_scope(node, outer, node.body)

    def _lambda(self, node):
        self._in_scope(node, [*node.args.defaults, *[d for d in node.args.kw_defaults if d]], [node.body])

    def _class(self, node):
        self._in_scope(node, [*node.decorator_list, *node.bases, *node.keywords], node.body)

    def _comprehension(self, node):
        first = node.generators[0]
        elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        self.ctx.parents.append(first)
        self._visit_all([first.iter])
        self.ctx.parents.pop()
        saved = self.ctx.scope
        self.ctx.scope = Scope(node, saved)
        self.ctx.parents.append(first)
        self._visit_all([first.target, *first.ifs])
        self.ctx.parents.pop()
        self._visit_all([*node.generators[1:], *elements])
        self.ctx.scope = saved

    def _if(self, node):
        """if statements and `a if test else b` alike."""
        body, orelse = (node.body, node.orelse) if isinstance(node, ast.If) else ([node.body], [node.orelse])
        body_side, else_side = guards.sides(node.test, self.ctx.version_flags)
        self._visit_all([node.test])
        self._visit_all(body, body_side == guards.PY2, body_side == guards.PY3)
        self._visit_all(orelse, else_side == guards.PY2, else_side == guards.PY3)

    def _try(self, node):
        py2_blocks = guards.try_py2_blocks(node)
        py3_blocks = guards.try_py3_blocks(node) if node.handlers else ()
        if any(b is node.body for b in py2_blocks):
            # an import of a Python-2-only module whose names the handler does not bind again runs (and fails) on
            # Python 3 too: no Python-2-only statement (guards.loses_on_python3, tryout23 #2)
            for statement in node.body:
                self._visit_all([statement], not guards.loses_on_python3(node, statement))
        else:
            self._visit_all(node.body)
        for handler in node.handlers:
            self._visit_all([handler], any(b is handler.body for b in py2_blocks),
                            any(b is handler.body for b in py3_blocks))
        self._visit_all([*node.orelse, *node.finalbody])


# How the walker enters nodes that open a scope or a (possibly Python-2-only) block.
Walker._SPECIAL = {
    ast.FunctionDef: Walker._function, ast.AsyncFunctionDef: Walker._function, ast.Lambda: Walker._lambda,
    ast.ClassDef: Walker._class, ast.If: Walker._if, ast.IfExp: Walker._if, ast.Try: Walker._try,
    **{comp: Walker._comprehension for comp in COMPREHENSIONS},
}
if hasattr(ast, "TryStar"):
    Walker._SPECIAL[ast.TryStar] = Walker._try


assert all(s in (ast.Module, *Walker._SPECIAL) for s in SCOPES)

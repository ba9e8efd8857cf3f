"""The names a module binds itself, so that a rewrite introducing a name (`list(...)`, `next(it)`, `six.x`) is not
made where it would call another object: read by the fixers (rules/py3k/shadowing_fix.py) and by the detectors,
which report the shapes such a rewrite is not made for under the DM rules split off pylint's (`list` rebound:
dict-keys-not-iterating-list-rebound and the others of calls.py), so the two agree."""
from __future__ import annotations

import ast
import weakref

# tree -> its rebound_names: check's detectors and fix's stage 2 ask about the same tree (fix/engine.py)
_COMPUTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

from diracmod.source import module_nodes
from diracmod.source.scopes import COMPREHENSIONS, binds, children, imports, scope_bindings, stores


def rebound_names(tree: ast.Module) -> frozenset:
    """Names the module binds anywhere (conservatively, whatever the scope), except the methods and the
    plainly assigned attributes of a class body (a method `next` or `next = __next__` does not hide the
    builtin from other code), and a module-level `import six`, which is the very module a rewrite wants."""
    names = _COMPUTED.get(tree)
    if names is None:
        names = _COMPUTED[tree] = frozenset(_rebound(tree))
    return names


def _rebound(tree: ast.Module) -> set:
    names = set()
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            names.update(_import_bindings(statement, plain_ok=True))
        else:
            _statement(statement, names, in_class=False)
    return names


def _statement(statement, names, in_class):
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        if not in_class:
            names.add(statement.name)
        parts = [*statement.decorator_list, *getattr(statement, "bases", ()), *getattr(statement, "keywords", ())]
        if isinstance(statement, ast.ClassDef):
            for inner in statement.body:
                _statement(inner, names, in_class=True)
        else:
            parts.append(statement.args)
            parts.extend(statement.body)
        for part in parts:
            _everything(part, names)
    elif isinstance(statement, (ast.Import, ast.ImportFrom)):
        names.update(_import_bindings(statement, plain_ok=False))
    elif in_class and isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = getattr(statement, "targets", None) or [statement.target]
        if all(isinstance(t, ast.Name) for t in targets):
            if statement.value is not None:
                _everything(statement.value, names)
            return
        _everything(statement, names)
    elif in_class:
        for child in ast.iter_child_nodes(statement):
            if isinstance(child, ast.stmt):
                _statement(child, names, in_class=True)
            else:
                _everything(child, names)
    else:
        _everything(statement, names)


def _everything(node, names):
    """Every name bound in `node`; a class inside it keeps its methods and plain attributes to itself, as a
    module-level class does (a stack rather than recursion: expressions may nest deeper than the C stack)."""
    stack = [node]
    while stack:
        sub = stack.pop()
        kind = type(sub)  # a parser's tree holds no subclass of a node class
        if kind is ast.Name:  # most nodes: a name holds no other node, nor does a constant
            if type(sub.ctx) is not ast.Load:
                names.add(sub.id)
            continue
        if kind is ast.Constant:
            continue
        if kind is ast.ClassDef:
            _statement(sub, names, in_class=False)
            continue
        if kind is ast.arg:
            names.add(sub.arg)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(sub.name)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            names.add(sub.name)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            names.update(sub.names)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            names.update(_import_bindings(sub, plain_ok=False))
        stack += children(sub)  # not the contexts, operators...: they bind nothing


def _import_bindings(statement, plain_ok):
    """`import six` at module level binds the module a rewrite asks for: not a rebinding (plain_ok)."""
    for alias in statement.names:
        bound = alias.asname or alias.name.split(".")[0]
        if not (plain_ok and isinstance(statement, ast.Import) and alias.asname is None):
            yield bound


def rebound_in(ctx) -> frozenset:
    """rebound_names of the module a detector walks (rules/walker.py's Context)."""
    return rebound_names(ctx.tree)


def plain_module(ctx, node) -> bool:
    """`node` is a name `import X [as Y]` alone binds in its scope (module_rebinding), or every binding of which
    assigns a module imported at run time (`__import__("gen")`, `importlib.import_module(name)`,
    `sys.modules[name]`, `sys.modules.get(name) or __import__(name)`): surely a module, whose own functions
    (`gen.next()`, `store.iteritems()`) both Pythons call alike. An attribute chain of such a name that an
    `import X.Y` of the module names (`pkg.gen` after `import pkg.gen`) is that submodule (tryout5 #16)."""
    if isinstance(node, ast.Attribute):
        return plain_module(ctx, node.value) and ctx.scope.qualified_name(node) in _submodules(ctx)
    if not isinstance(node, ast.Name):
        return False
    if ctx.scope.module_named(node.id):
        return not module_rebinding(ctx, node)
    values = assigned_values(ctx, node)
    return bool(values) and all(value is not None and imported_at_run_time(ctx, value) for value in values)


def _submodules(ctx) -> frozenset:
    """The dotted modules the module's `import X.Y[.Z]` statements import (`X.Y`, `X.Y.Z`), read once per module:
    the import system sets each as its package's attribute."""
    found = ctx.cache.get("imported-submodules")
    if found is None:
        parts = [alias.name.split(".") for node in module_nodes.of_kind(ctx.tree, ast.Import)
                 for alias in node.names]
        found = ctx.cache["imported-submodules"] = frozenset(
            ".".join(names[:end]) for names in parts for end in range(2, len(names) + 1))
    return found


def assigned_values(ctx, node: ast.Name) -> list:
    """What each binding of the name read at `node`, in the scope it resolves to, assigns (`name = value`, the name
    a target of its own), None for a binding of another kind (an import, a loop, a tuple target, a def)."""
    scope = ctx.scope.binding_scope(node.id)
    if scope is None:
        return []
    key = ("assigned-values", id(scope.node))
    values = ctx.cache.get(key)
    if values is None:  # each plain `name = value` target of the scope (nested ones too: keyed by the node)
        values = ctx.cache[key] = {id(target): assign.value for assign in ast.walk(scope.node)
                                   if isinstance(assign, ast.Assign) for target in assign.targets}
    return [values.get(id(binding)) for binding in scope_bindings(scope.node, node.id)]


def imported_at_run_time(ctx, value) -> bool:
    """`__import__(...)` (the builtin), `importlib.import_module(...)`, `sys.modules[...]`,
    `sys.modules.get(...)`, or an `or` of those."""
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        return all(imported_at_run_time(ctx, operand) for operand in value.values)
    if isinstance(value, ast.Subscript):
        return ctx.scope.qualified_name(value.value) == "sys.modules"
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Name) and func.id == "__import__":
        return ctx.is_builtin("__import__", value.lineno)
    return (ctx.scope.qualified_name(func) == "importlib.import_module"
            or isinstance(func, ast.Attribute) and func.attr == "get"
            and ctx.scope.qualified_name(func.value) == "sys.modules")


def module_rebinding(ctx, name: ast.Name) -> str:
    """How the name `name` read here, which an `import X [as Y]` binds (Scope.module_named), may be another object
    than that module, for a person (`urllib = F()` on line 7, or a function declaring it global: test doubles,
    lazy proxies, monkeypatching), "" where that import alone binds it in its scope (bound_only_by_import's test)
    or where every other binding surely runs after the read (_after_the_read): the one place deciding whether a
    module's removed attribute (`string.upper`, `os.getcwdu`) is surely the module's, which fix then rewrites. The
    bindings are read once per scope and name."""
    scope = ctx.scope.binding_scope(name.id)
    key = ("module-rebinding", id(scope.node), name.id)
    others = ctx.cache.get(key)
    if others is None:
        others = ctx.cache[key] = _other_bindings(scope.node, name.id, ctx.scope.module_named(name.id))
    if not others or _after_the_read(ctx, scope, name, others):
        return ""
    first = others[0]
    if isinstance(first, (ast.Import, ast.ImportFrom)) or name.id in stores(first):
        return f"rebound or deleted on line {first.lineno}"
    return f"assigned under `global` in the scope on line {first.lineno}"


def _other_bindings(scope: ast.AST, name: str, qualified: str) -> list:
    """The nodes binding `name` in `scope` otherwise than by an import of `qualified`, first first."""
    others = [node for node in scope_bindings(scope, name) if not isinstance(node, (ast.Import, ast.ImportFrom))
              or not all(imports(node, alias, qualified) for alias in node.names if binds(alias, name))]
    return sorted(others, key=lambda node: (node.lineno, node.col_offset))


def _after_the_read(ctx, scope, name: ast.Name, others: list) -> bool:
    """Does each of `others` surely run after the read `name`: the read is in the scope binding it (a comprehension
    runs in place; a nested function runs whenever it is called), each binding is that scope's own (no nested one
    declaring the name global), later in the text, and in no loop body around the read (rules/walker.py
    Context.loop_bodies), so that the scope's straight-line code runs the read first?"""
    here = ctx.scope
    while here.node is not scope.node and isinstance(here.node, COMPREHENSIONS):
        here = here.parent
    spans = ctx.loop_bodies()
    return here.node is scope.node and all(
        (isinstance(node, (ast.Import, ast.ImportFrom)) or name.id in stores(node))
        and (node.lineno, node.col_offset) > (name.lineno, name.col_offset)
        and not any(first <= node.lineno <= last for first, last in spans) for node in others)

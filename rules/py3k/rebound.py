"""The names a module binds itself, so that a rewrite introducing a name (`list(...)`, `next(it)`, `six.x`) is not
made where it would call another object: read by the fixers (rules/py3k/shadowing_fix.py) and by the detectors,
which report the shapes such a rewrite is not made for under the DM rules split off pylint's (`list` rebound:
dict-keys-not-iterating-list-rebound and the others of calls.py), so the two agree."""
from __future__ import annotations

import ast
import weakref

# tree -> its rebound_names: check's detectors and fix's stage 2 ask about the same tree (fix/engine.py)
_COMPUTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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
        if isinstance(sub, ast.ClassDef):
            _statement(sub, names, in_class=False)
            continue
        if isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
            names.add(sub.id)
        elif isinstance(sub, ast.arg):
            names.add(sub.arg)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(sub.name)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            names.add(sub.name)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            names.update(sub.names)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            names.update(_import_bindings(sub, plain_ok=False))
        stack.extend(ast.iter_child_nodes(sub))


def _import_bindings(statement, plain_ok):
    """`import six` at module level binds the module a rewrite asks for: not a rebinding (plain_ok)."""
    for alias in statement.names:
        bound = alias.asname or alias.name.split(".")[0]
        if not (plain_ok and isinstance(statement, ast.Import) and alias.asname is None):
            yield bound


def rebound_in(ctx) -> frozenset:
    """rebound_names of the module a detector walks (rules/walker.py's Context)."""
    return rebound_names(ctx.tree)


def binds(node, name: str) -> bool:
    """A binding of `name` that is no Name node: a parameter, a def or class, an import, global/nonlocal, except."""
    if isinstance(node, ast.arg):
        return node.arg == name
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == name
    if isinstance(node, ast.alias):
        return (node.asname or node.name.split(".")[0]) == name
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return name in node.names
    return isinstance(node, ast.ExceptHandler) and node.name == name


def bound_only_by_import(tree: ast.Module, name: str, qualified: str) -> bool:
    """Is `name` bound only by module-level imports of `qualified` (`import os`, `import os, os.path`: each binds
    the module os; `from os import environ`), nowhere else in the module (whatever the scope)? Then the name is
    that object everywhere it is read: no assignment, loop, parameter, `del`, `global` or other import binds it
    again."""
    imports = [alias for statement in tree.body for alias in getattr(statement, "names", ())
               if isinstance(statement, ast.Import)
               and (alias.name if alias.asname else alias.name.split(".")[0]) == qualified
               or isinstance(statement, ast.ImportFrom) and not statement.level
               and f"{statement.module}.{alias.name}" == qualified]
    bindings = [node for node in ast.walk(tree) if binds(node, name)
                or isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load)]
    return bool(bindings) and all(any(node is alias for alias in imports) for node in bindings)

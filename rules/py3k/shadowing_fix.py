"""For fixers whose rewrite introduces a name (`list(...)`, `next(it)`, `six.x`, `functools.x`): a rewrite is
made only if the module binds none of those names itself, so `list = []`, a parameter `next` or a local
`six = None` never turn a rewrite into a call of the wrong object. Such a rule collects its candidates
during the visit and decides in leave_Module, once it has seen the whole module; only then is the
module's stdlib ast (fast, stage 2's) read to find what it binds, and only if there are candidates."""
from __future__ import annotations

import ast

import libcst as cst

from diracmod.rules.codemod import FixRule


def rebound_names(tree: ast.Module) -> set:
    """Names the module binds anywhere (conservatively, whatever the scope), except the methods and the
    plainly assigned attributes of a class body (a method `next` or `next = __next__` does not hide the
    builtin from other code), and a module-level `import six`, which is the very module a rewrite wants."""
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


class NameIntroducingRule(FixRule):
    """A FixRule whose rewrites introduce names: `self.propose(node, symbol, make, names, imports)`
    instead of replace/need_import; proposals whose names the module rebinds are dropped."""

    def __init__(self, ctx):
        super().__init__(ctx)
        self._proposals = []
        self._otherwise = {}  # id(node) -> (make, names, imports)

    def propose(self, node, symbol, make, names=(), imports=(), otherwise=None):
        """`imports`: (module, name or None) pairs for need_import. `otherwise`: (make, names, imports) of the
        rewrite to make instead when the module rebinds one of `names` (`six.next(it)` where it binds `next`)."""
        self._proposals.append((node, symbol, make, names, imports))
        if otherwise:
            self._otherwise[id(node)] = otherwise

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self._proposals:
            return
        rebound = rebound_names(self.ctx.tree)
        for node, symbol, make, names, imports in self._proposals:
            if not rebound.isdisjoint(names) and id(node) in self._otherwise:
                make, names, imports = self._otherwise[id(node)]
            if rebound.isdisjoint(names):
                self.replace(node, symbol, make)
                for module, name in imports:
                    self.need_import(module, name)

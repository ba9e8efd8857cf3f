"""Which names a scope binds: enough scope analysis to tell a builtin from a user's own `file` or `unicode`."""
from __future__ import annotations

import ast
import re

SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
          ast.GeneratorExp, ast.SetComp, ast.DictComp, ast.ListComp)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
COMPREHENSIONS = (ast.GeneratorExp, ast.SetComp, ast.DictComp, ast.ListComp)

# Nodes that hold no other node and that no rule visits or binds a name with (Load, Store, Add, Eq, ...):
# about a third of a tree's nodes, skipped by the walks.
NOT_VISITED = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
_NOT_VISITED_TYPES = frozenset(kind.__name__ for kind in NOT_VISITED)
_SCALAR_TYPES = frozenset({"identifier", "string", "constant", "int"})  # ASDL types that are not nodes
_FIELD = re.compile(r"(\w+)[*?]? (\w+)")
_child_fields: dict = {}
_AST = ast.AST


def _fields_of(kind):
    """The fields of the node class `kind` that may hold a visited node, read from the ASDL signature
    CPython gives each node class as its docstring (`Name(identifier id, expr_context ctx)`): a Name
    has none, nor has a Constant. None for a class without such a docstring."""
    signature = re.fullmatch(rf"{kind.__name__}\((.*)\)", (kind.__doc__ or "").strip())
    if signature is None:
        return None
    declared = dict((name, asdl) for asdl, name in _FIELD.findall(signature.group(1)))
    return tuple(name for name in kind._fields if declared.get(name) not in _SCALAR_TYPES | _NOT_VISITED_TYPES)


def child_fields(kind):
    """The fields of nodes of class `kind` that may hold a visited node: () for a Name or a Constant, which
    hold none; None when CPython does not say (then every field is read)."""
    if kind not in _child_fields:
        _child_fields[kind] = _fields_of(kind)
    return _child_fields[kind]


def children(node) -> list:
    """ast.iter_child_nodes(node) without the NOT_VISITED nodes, as a list. Only the fields that can hold a
    node are read (the walks call this on every node: child_fields' look-up is written out here)."""
    fields = _child_fields.get(type(node), False)
    if fields is False:
        fields = child_fields(type(node))
    if fields is None:
        return [child for child in ast.iter_child_nodes(node) if not isinstance(child, NOT_VISITED)]
    found = []
    for name in fields:
        value = getattr(node, name, None)
        if type(value) is list:  # of nodes, and None where a dict's key or a keyword-only default is missing
            found += value if None not in value else [item for item in value if item is not None]
        elif value is not None:
            found.append(value)
    return found


def _arguments(args: ast.arguments):
    for arg in (*getattr(args, "posonlyargs", ()), *args.args, *args.kwonlyargs):
        yield arg.arg
    for arg in (args.vararg, args.kwarg):
        if arg:
            yield arg.arg


def _bind(names, name, line):
    names.setdefault(name, []).append(line)


def _collect(node, names, globals_, imports=None):
    """Names bound directly in the scope owning `node`'s children (nested scopes are not entered),
    with the first line binding each."""
    for child in children(node):
        kind = type(child)
        if kind is _NAME:  # most nodes: a name holds no other node
            if type(child.ctx) is not _LOAD:
                _bind(names, child.id, child.lineno)
            continue
        if kind not in _BINDING_KINDS:
            if kind is not _CONSTANT:  # nor does a constant
                _collect(child, names, globals_, imports)
            continue
        if kind in _DEFINITIONS:
            _bind(names, child.name, child.lineno)
            # decorators, defaults and bases are evaluated in this scope
            for sub in (*child.decorator_list, *getattr(child, "bases", ()),
                        *(getattr(child.args, "defaults", ()) if hasattr(child, "args") else ())):
                _collect_expr(sub, names, globals_)
            continue
        elif kind is ast.Lambda:
            continue
        elif kind in COMPREHENSIONS:
            if kind is ast.ListComp:  # Python 2 leaks list comprehension variables
                for gen in child.generators:
                    _collect_expr(gen.target, names, globals_)
            continue
        elif kind is ast.Import or kind is ast.ImportFrom:
            for alias in child.names:
                if alias.name != "*":
                    _bind(names, alias.asname or alias.name.split(".")[0], child.lineno)
                    if imports is not None:
                        _bind_import(child, alias, imports)
        elif kind is ast.Global:
            globals_.update(child.names)
        elif kind is ast.ExceptHandler and child.name:
            _bind(names, child.name, child.lineno)
        elif kind is ast.arguments:
            continue
        _collect(child, names, globals_, imports)


_NAME, _LOAD, _CONSTANT = ast.Name, ast.Load, ast.Constant
_DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
# the node types _collect does more with than look inside (a parser's tree holds no subclass of them)
_BINDING_KINDS = _DEFINITIONS | {ast.Lambda, *COMPREHENSIONS, ast.Import, ast.ImportFrom, ast.Global,
                                 ast.ExceptHandler, ast.arguments}


def _bind_import(node, alias, imports):
    """imports: local name -> (qualified name, whether it is a module bound by `import X [as Y]`)."""
    if isinstance(node, ast.Import):
        if alias.asname or "." not in alias.name:
            imports[alias.asname or alias.name] = (alias.name, True)
        else:  # `import os.path` binds os, the module os
            top = alias.name.split(".")[0]
            imports.setdefault(top, (top, True))
    elif node.level == 0 and node.module:
        imports[alias.asname or alias.name] = (f"{node.module}.{alias.name}", False)


def _collect_expr(node, names, globals_):
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        _bind(names, node.id, node.lineno)
    _collect(node, names, globals_)


def _deletions(body) -> dict:
    """name -> (first line, last line) of each `del name` statement of a module or class body, not nested in any
    other statement: those surely run before any later line of the body (a body runs top to bottom)."""
    found: dict = {}
    for statement in body:
        if type(statement) is ast.Delete:
            for target in statement.targets:
                if type(target) is _NAME:
                    found.setdefault(target.id, []).append((statement.lineno, statement.end_lineno))
    return found


_NO_DELETIONS: dict = {}  # shared, never written: a function's `del x` makes x a local, it is no way to the builtin


class Scope:
    __slots__ = ("node", "names", "globals", "imports", "parent", "is_class", "is_function", "deletions")

    def __init__(self, node, parent):
        self.node, self.parent = node, parent
        self.names, self.globals = {}, set()  # name -> lines binding it
        self.imports = {}  # local name -> (qualified name, is a module), for imports in this scope
        self.is_class = isinstance(node, ast.ClassDef)
        self.is_function = isinstance(node, FUNCTIONS)
        self.deletions = _deletions(node.body) if isinstance(node, (ast.Module, ast.ClassDef)) else _NO_DELETIONS
        if isinstance(node, FUNCTIONS):
            self.names.update((arg, [0]) for arg in _arguments(node.args))
        if isinstance(node, COMPREHENSIONS):
            for gen in node.generators:
                _collect_expr(gen.target, self.names, self.globals)
            return
        if isinstance(node, ast.Lambda):
            _collect_expr(node.body, self.names, self.globals)
            return
        _collect(node, self.names, self.globals, self.imports)
        for name in self.globals:
            self.names.pop(name, None)

    def module(self):
        scope = self
        while scope.parent:
            scope = scope.parent
        return scope

    def binding_scope(self, name: str):
        """The scope whose binding `name` read here resolves to (a class body is not seen from the scopes
        nested in it), None for a builtin or an unbound name."""
        scope, first = self, True
        while scope is not None:
            if (first or not scope.is_class) and name in scope.names:
                return scope
            first = False
            scope = scope.parent
        return None

    def _imported(self, name: str):
        """(qualified name, is a module) when the binding `name` resolves to here is an import."""
        scope = self.binding_scope(name)
        return scope.imports.get(name) if scope is not None else None

    def module_named(self, name: str):
        """The module `name` refers to here, when the binding it resolves to is `import X [as Y]`."""
        imported = self._imported(name)
        return imported[0] if imported and imported[1] else None

    def qualified_name(self, node):
        """`pathlib.Path` for `Path` after `from pathlib import Path` or for `pathlib.Path` after
        `import pathlib`: our stand-in for inference on names and attributes of imports, else None."""
        if isinstance(node, ast.Name):
            imported = self._imported(node.id)
            return imported[0] if imported else None
        if isinstance(node, ast.Attribute):
            base = self.qualified_name(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def resolves_to_builtin(self, name: str, module_globals: set, line: int, unseen=()) -> bool:
        """True when `name` loaded at `line` here finds no binding in this or any enclosing scope.

        Module and class bodies run top to bottom: there, only a binding on an earlier line counts
        (`unicode = unicode` reads the builtin), and not one in `unseen` line ranges (the try body
        whose except clause this is); a function body sees every binding of its scopes, and so does a
        comprehension."""
        scope, first = self, True
        while scope is not None:
            if name in scope.globals:
                scope = self.module()
                return name not in scope.names and name not in module_globals
            if first or not scope.is_class:
                lines = scope.names.get(name, ())
                # a comprehension binds its variables before it reads any other part of it (its first iterable
                # is read in the scope around it: rules/walker.py), each time it runs, as a function does
                if lines and (not first or scope.is_function or isinstance(scope.node, COMPREHENSIONS) or any(
                        at < line and not any(a <= at <= b for a, b in unseen) for at in lines)
                        and not scope._deleted(name, line, lines)):
                    return False
            first = first and isinstance(scope.node, COMPREHENSIONS)  # a comprehension runs in place
            scope = scope.parent
        return name not in module_globals

    def _deleted(self, name: str, line: int, lines) -> bool:
        """Does a `del name` statement of this module or class body unbind `name` for a read at `line`: a statement
        of the body itself (no `if` or loop around it) on lines before `line`, binding nothing else on them, and
        no binding of `name` after it anywhere in the body (conservatively: a loop around the read may bind it
        later in its body before the read runs again, an alternative branch may have bound it)? Then the read
        finds the builtin."""
        return any(last < line and all(at <= last for at in lines) and sum(at >= first for at in lines) == 1
                   for first, last in self.deletions.get(name, ()))

"""Which names a scope binds: enough scope analysis to tell a builtin from a user's own `file` or `unicode`."""
from __future__ import annotations

import ast
import re
import weakref

from diracmod.source import module_nodes

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
            if kind is ast.ListComp:  # Python 2 leaks list comprehension variables, a nested one's too
                _collect(child, names, globals_, imports)
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
            # Python 2's list comprehension runs in place; a generator expression (a set or dict comprehension)
            # is a function, which does not see a class body's names (tryout6 #11)
            first = first and isinstance(scope.node, ast.ListComp)
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


# Python 2 scopes an expression may open: a list comprehension is none (it runs in the scope around it)
_PY2_EXPRESSION_SCOPES = (ast.Lambda, ast.GeneratorExp, ast.SetComp, ast.DictComp)


def _ancestors(root, parents: dict, node) -> list:
    """`node`'s ancestors up to `root` (excluded), innermost first."""
    found = []
    while node is not root:
        node = parents[node]
        if node is not root:
            found.append(node)
    return found


def _py2_scope(node, ancestors: list):
    """The innermost of `ancestors` that is a Python 2 scope holding `node` (a comprehension's first iterable is
    read in the scope around it), None for the statement's own scope."""
    child = node
    for ancestor in ancestors:
        if isinstance(ancestor, _PY2_EXPRESSION_SCOPES) and not (
                isinstance(ancestor, COMPREHENSIONS) and _within(child, ancestor.generators[0], "iter")):
            return ancestor
        child = ancestor
    return None


def _within(child, parent, *fields) -> bool:
    """Is `child` (a child of `parent`) in one of `parent`'s `fields`?"""
    return any(child is value or type(value) is list and any(child is item for item in value)
               for value in (getattr(parent, name, None) for name in fields))


def _first_iterable(path: list, at: int) -> bool:
    """Is path[at] a comprehension and path[at + 1:] the way into its first iterable (read once, before the rest)?"""
    comprehension = path[at]
    return isinstance(comprehension, COMPREHENSIONS) and at + 2 < len(path) \
        and path[at + 1] is comprehension.generators[0] \
        and path[at + 2] is comprehension.generators[0].iter


def _dict_order(display: ast.Dict, child) -> tuple:
    """(pair, 0 for its value, read first, 1 for its key) of a child of a dict display."""
    return next((at, step) for at, (key, value) in enumerate(zip(display.keys, display.values))
                for step, part in enumerate((value, key)) if part is child)


def _read_later(read_path: list, comprehension_path: list) -> bool:
    """May the node at the end of read_path (a chain of nodes from the common root down) be evaluated after the one
    at the end of comprehension_path? Python 2 evaluates left to right but for these: a list comprehension's element
    and conditions after its loops (and every part but the first iterable again on each turn), a lambda's body or a
    generator expression's element whenever they are called or iterated, a conditional expression's branches after
    its test, an assignment's targets after its value, a dict display's key after its value, a loop's target after
    its iterable."""
    for at, (mine, theirs) in enumerate(zip(read_path, comprehension_path)):
        if mine is not theirs:
            break
        if isinstance(mine, COMPREHENSIONS) and not _first_iterable(read_path, at):
            return True  # both are in what runs once per turn
    else:
        return False
    common = read_path[at - 1]
    if isinstance(common, COMPREHENSIONS):  # the first iterable is read before the rest
        return not _first_iterable(read_path, at - 1)
    if isinstance(common, ast.Dict):  # Python 2.7 reads each pair's value, then its key
        return _dict_order(common, mine) > _dict_order(common, theirs)
    if any(isinstance(node, (ast.Lambda, ast.GeneratorExp)) and not _first_iterable(read_path, index)
           for index, node in enumerate(read_path[at:-1], at)) \
            or isinstance(common, ast.comprehension) and mine is common.target \
            or isinstance(common, ast.IfExp) and theirs is common.test \
            or isinstance(common, ast.Assign) and _within(mine, common, "targets") \
            or isinstance(common, (ast.For, ast.AsyncFor)) and mine is common.target:
        return True
    read, comprehension = read_path[-1], comprehension_path[-1]  # the parts they are in do not overlap
    return (read.lineno, read.col_offset) > (comprehension.lineno, comprehension.col_offset)


def list_comprehension_names(statement) -> frozenset:
    """The names the list comprehensions of `statement` bind: the only ones leaked_into may find for it."""
    return frozenset(target.id for node in ast.walk(statement) if isinstance(node, ast.ListComp)
                     for generator in node.generators for target in ast.walk(generator.target)
                     if isinstance(target, ast.Name))


def leaked_into(statement, read: ast.Name):
    """The list comprehension of `statement` that binds the name `read` reads in the Python 2 scope the read sees
    (its own or one around it) and may run before that read (`[unicode for unicode in x], unicode(1)`; `[unicode(1) for _ in [unicode for unicode in
    x]]`): Python 2 then reads the variable it leaked, not what the name was before the statement. None if there is
    none."""
    parents, leaking = {}, []
    for node in ast.walk(statement):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
        if isinstance(node, ast.ListComp) and any(
                isinstance(target, ast.Name) and target.id == read.id
                for generator in node.generators for target in ast.walk(generator.target)):
            leaking.append(node)
    if not leaking or read not in parents:
        return None
    read_ancestors = _ancestors(statement, parents, read)
    path = [statement, *reversed(read_ancestors), read]
    if any(isinstance(node, COMPREHENSIONS) and not _first_iterable(path, at) and any(
            isinstance(target, ast.Name) and target.id == read.id
            for generator in node.generators for target in ast.walk(generator.target))
           or isinstance(node, ast.Lambda) and read.id in _arguments(node.args) for at, node in enumerate(path)):
        return None  # the variable of a comprehension around the read, bound before it, or a lambda's parameter
    for comprehension in leaking:
        ancestors = _ancestors(statement, parents, comprehension)
        scope = _py2_scope(comprehension, ancestors)
        if scope is not None and not any(node is scope for node in read_ancestors):
            continue  # outside the scope the comprehension binds the name in
        if _read_later(path, [statement, *reversed(ancestors), comprehension]):
            return comprehension
    return None


def class_attributes(tree: ast.AST, name: str) -> list:
    """(class, binding nodes) for each class whose body binds `name` as a method or a plain attribute (`def name`,
    a nested `class name`, `name = ...` with names alone as targets; in an if/try/for/with of the body too): a
    binding its methods do not see, nor code outside the class, unlike a loop target or an import there
    (rules/py3k/rebound.py rebound_names leaves out the same). The binding nodes: the def or class, the
    assignment's Name targets."""
    found = []
    for cls in module_nodes.of_kind(tree, ast.ClassDef):
        nodes, todo = [], list(cls.body)
        while todo:
            statement = todo.pop()
            if isinstance(statement, tuple(_DEFINITIONS)):
                nodes += [statement] if statement.name == name else []
            elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = getattr(statement, "targets", None) or [statement.target]
                if all(isinstance(target, ast.Name) for target in targets):
                    nodes += [target for target in targets if target.id == name]
            else:
                todo += [child for child in ast.iter_child_nodes(statement) if isinstance(child, ast.stmt)]
        if nodes:
            found.append((cls, nodes))
    return found


def class_scope_spans(cls: ast.ClassDef) -> tuple:
    """The class's text span and the spans of the function and lambda bodies in it, ((line, column), (line,
    column)) each: a position in the first and in none of the others runs in the class body's own scope (or in
    a comprehension or a nested class of it: conservatively counted in)."""
    def span(first, last):
        return (first.lineno, first.col_offset), (last.end_lineno, last.end_col_offset)

    bodies = [span(node.body[0], node.body[-1]) if isinstance(node.body, list) else span(node.body, node.body)
              for node in ast.walk(cls) if isinstance(node, FUNCTIONS)]
    return span(cls, cls), bodies


def binds(node, name: str) -> bool:
    """A binding of `name` that is no Name node: a parameter, a def or class, an import, global/nonlocal, except."""
    return name in bound_by(node)


_OWN_SCOPE_ENDS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)  # own_nodes stops at them


def own_nodes(nodes):
    """The nodes under `nodes` (a function's body, its children), not those inside the functions, classes and
    lambdas they define."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _OWN_SCOPE_ENDS):
            stack.extend(ast.iter_child_nodes(node))


def function_locals(function) -> set:
    """The variables of `function` (a def or a lambda): its parameters and the names its own body binds (not its
    nested functions' or classes'), less those it declares global. No call can rebind them on Python 2, which
    has no nonlocal."""
    args = function.args
    names = {arg.arg for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if arg}
    declared = set()
    for node in own_nodes(function.body if isinstance(function.body, list) else [function.body]):
        (declared if isinstance(node, (ast.Global, ast.Nonlocal)) else names).update(stores(node))
    return names - declared


def stores(node) -> tuple:
    """The names `node` binds, a Name node's own included (stored or deleted): what a walk asking "does anything
    bind this name?" tests each node for."""
    if isinstance(node, ast.Name):
        return () if isinstance(node.ctx, ast.Load) else (node.id,)
    return bound_by(node)


def bound_by(node) -> tuple:
    """The names `node` binds when it is no Name node (what binds tests one name at a time)."""
    if isinstance(node, ast.arg):
        return (node.arg,)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return (node.name,)
    if isinstance(node, ast.alias):
        return (node.asname or node.name.split(".")[0],)
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return tuple(node.names)
    return (node.name,) if isinstance(node, ast.ExceptHandler) and node.name else ()


def bound_only_by_import(scope: ast.AST, name: str, qualified: str) -> bool:
    """Is `name` bound in the scope `scope` (the module, a function: the one a read of it resolves to) only by
    imports of `qualified` (`import os`, `import os.path`: each binds the module os; `from os import environ`),
    by nothing else? Then the name is that object everywhere in the scope: no assignment, loop, parameter,
    `del` or other import binds it again there, nor in a scope nested in it that declares it global or nonlocal
    (conservatively: any binding in such a scope). A parameter or local of that name in another function is
    another variable."""
    imported = False
    for node in scope_bindings(scope, name):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            return False
        for alias in node.names:
            if binds(alias, name):
                if not imports(node, alias, qualified):
                    return False
                imported = True
    return imported


def imports(statement, alias, qualified: str) -> bool:
    """Does the import statement's `alias` bind its name to `qualified` (`import six.moves`: the module six)?"""
    if isinstance(statement, ast.Import):
        return (alias.name if alias.asname else alias.name.split(".")[0]) == qualified
    return not statement.level and f"{statement.module}.{alias.name}" == qualified


# Scopes of their own (Python 2's list comprehension binds its variables in the scope around it).
_OWN_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.GeneratorExp, ast.SetComp,
               ast.DictComp)


def scope_bindings(scope: ast.AST, name: str):
    """The nodes binding `name` in `scope` (an import statement for its aliases), and every one in a nested scope
    declaring `name` global or nonlocal. A nested def's decorators, defaults and bases are this scope's too. An
    iterator over _bindings_of(scope)'s, made once per scope for every name: the rules ask about many."""
    return iter(_bindings_of(scope).get(name, ()))


_BINDINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _bindings_of(scope: ast.AST) -> dict:
    """name -> [the nodes binding it in `scope`] (scope_bindings'), in the order of one walk with a stack; a nested
    scope declaring names global or nonlocal is their binding, and they are not looked for in its decorators,
    defaults and bases (`hidden`)."""
    found = _BINDINGS.get(scope)
    if found is None:
        found = _BINDINGS[scope] = {}
        stack = [(node, frozenset()) for node in ast.iter_child_nodes(scope)]
        while stack:
            node, hidden = stack.pop()
            imported = isinstance(node, (ast.Import, ast.ImportFrom))
            names = [bound for alias in node.names for bound in bound_by(alias)] if imported else stores(node)
            for bound in dict.fromkeys(names):
                if bound not in hidden:
                    found.setdefault(bound, []).append(node)
            if imported:
                continue
            if not isinstance(node, _OWN_SCOPES):
                stack.extend((child, hidden) for child in ast.iter_child_nodes(node))
                continue
            declared = _declared(node)
            for bound in declared - hidden:  # shares the binding: counted as a binding that is no import
                found.setdefault(bound, []).append(node)
            args, hidden = getattr(node, "args", None), hidden | declared
            stack.extend((part, hidden) for part in (
                *getattr(node, "decorator_list", ()), *getattr(node, "bases", ()), *getattr(node, "keywords", ()),
                *(args.defaults + [d for d in args.kw_defaults if d] if isinstance(args, ast.arguments) else ())))
            if isinstance(node, (ast.GeneratorExp, ast.SetComp, ast.DictComp)):
                stack.append((node.generators[0].iter, hidden))
    return found


_DECLARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _declared(node) -> frozenset:
    """The names a `global` or `nonlocal` statement anywhere in `node` declares (nested scopes too): read once per
    node, which scope_bindings asks about each name it looks for."""
    found = _DECLARED.get(node)
    if found is None:
        found = _DECLARED[node] = frozenset(name for inner in ast.walk(node)
                                            if isinstance(inner, (ast.Global, ast.Nonlocal)) for name in inner.names)
    return found


class ClassBinding(tuple):
    """One binding of a name in a class body's own scope (class_body_bindings): `name`; `node`, the statement
    binding it (a def or class statement, an assignment, a loop, a with or try statement, an import, an exec);
    `value`, what it binds to the name where that is known (the def or class statement itself, an assignment's
    value, its item where a tuple target meets a display of as many items), else None; `plain`, a def, class or
    assignment (not augmented) that is a statement of the body itself, after which a statement of the body runs
    next (where fix puts an alias)."""
    __slots__ = ()
    name = property(lambda self: self[0])
    node = property(lambda self: self[1])
    value = property(lambda self: self[2])
    plain = property(lambda self: self[3])


def assignment_bindings(statement) -> list:
    """[(name, value)] of the names an assignment binds, as a plain `name = value` binds its name: each target of a
    chained assignment (`__div__ = __rdiv__ = f`), each name of a tuple or list target, nested ones too, paired with
    its item where the value is a tuple or list display of as many items, none starred (`(__div__, x), y = (f, 1),
    2`), else None; the name of an annotated or augmented assignment (the augmented's value None). Subscripts and
    attributes bind no name."""
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)) and statement.value is not None:
        targets, value = [statement.target], statement.value if isinstance(statement, ast.AnnAssign) else None
    else:
        return []
    found: list = []
    todo = [(target, value) for target in reversed(targets)]
    while todo:
        target, value = todo.pop()
        if isinstance(target, ast.Name):
            found.append((target.id, value))
        elif isinstance(target, ast.Starred):
            todo.append((target.value, None))
        elif isinstance(target, (ast.Tuple, ast.List)):
            paired = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) and not any(
                isinstance(item, ast.Starred) for item in target.elts + value.elts)
            todo += reversed([(item, value.elts[at] if paired else None) for at, item in enumerate(target.elts)])
    return found


_CLASS_BINDINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_BLOCK_FIELDS = ("body", "orelse", "handlers", "finalbody", "cases")
_NAMESPACES = ("locals", "vars")  # `locals()['__div__'] = f` in a class body writes the class namespace (CPython 2)


def class_body_bindings(cls: ast.ClassDef) -> tuple:
    """Every binding of a name in the class body's own scope, read once per class (ClassBinding each, in the
    order of the text): the one reader of what a class body binds, for the alias rewrites and check's findings
    (rules/py3k/classes.py), the division import (rules/py3k/division.py) and the project index
    (diracmod/source/project_index/). A def or class statement, an assignment in every form (assignment_bindings:
    chained, tuple and list targets, nested), in the body itself or inside its blocks (if, for, while, try, with,
    match); a loop, with or except target, an import, a name a list comprehension leaks (Python 2); an exec
    statement's literal code without a namespace (`exec '__div__ = f'`: the names it binds, each word where it
    does not parse); `locals()[...]` or `vars()[...]` written with a literal key. Not the bodies of nested
    functions and classes. An exec of other code, a computed key, `locals().update(...)` bind names not seen here
    (README's known limits)."""
    found = _CLASS_BINDINGS.get(cls)
    if found is None:
        found = _CLASS_BINDINGS[cls] = tuple(_class_bindings(cls))
    return found


def _class_bindings(cls: ast.ClassDef):
    # a module's body read so too (rules/py3k/classes.py, its `__metaclass__`): its exec and namespace writes are
    # bindings it cannot see (builtin_uses.unseen_bindings), not read here
    in_class = isinstance(cls, ast.ClassDef)
    todo = [(statement, True) for statement in reversed(cls.body)]
    while todo:
        statement, top = todo.pop()
        if isinstance(statement, tuple(_DEFINITIONS)):
            yield ClassBinding((statement.name, statement, statement, top))
            continue
        exec_names = _exec_names(statement) if in_class else None
        if exec_names is not None:
            yield from (ClassBinding((name, statement, None, False)) for name in exec_names)
            continue
        names: dict = {}  # the other names the statement binds (a loop target...): no value known
        if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            plain = top and not isinstance(statement, ast.AugAssign)
            yield from (ClassBinding((name, statement, value, plain)) for name, value in assignment_bindings(statement))
            yield from (ClassBinding((key, statement, statement.value, False))
                        for key in map(_namespace_key, getattr(statement, "targets", ())) if key is not None and in_class)
            if statement.value is not None:  # a list comprehension's variable leaks into the class body (Python 2)
                _collect_expr(statement.value, names, set())
            blocks = []
        else:
            blocks = [inner for field in _BLOCK_FIELDS for inner in getattr(statement, field, None) or ()]
            for handler in (inner for inner in blocks if not isinstance(inner, ast.stmt)):  # except, case clauses
                if getattr(handler, "name", None):
                    _bind(names, handler.name, handler.lineno)
                for part in (getattr(handler, "type", None), getattr(handler, "pattern", None),
                             getattr(handler, "guard", None)):
                    if part is not None:
                        _collect_expr(part, names, set())
            blocks = [inner for part in blocks for inner in ([part] if isinstance(part, ast.stmt) else part.body)]
            for field, value in ast.iter_fields(statement):  # a loop's target and iterable, a with's items...
                if field not in _BLOCK_FIELDS:
                    for part in value if isinstance(value, list) else [value]:
                        if isinstance(part, ast.AST) and not isinstance(part, NOT_VISITED):
                            _collect_expr(part, names, set())
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                for alias in statement.names:
                    if alias.name != "*":
                        _bind(names, bound_by(alias)[0], statement.lineno)
        yield from (ClassBinding((name, statement, None, False)) for name in names)
        todo += [(inner, False) for inner in reversed(blocks)]


def _namespace_key(target) -> str | None:
    """`__div__` for the target `locals()['__div__']` (or vars()'s), else None."""
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Call) \
            and isinstance(target.value.func, ast.Name) and target.value.func.id in _NAMESPACES \
            and not target.value.args and not target.value.keywords \
            and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
        return target.slice.value
    return None


_WORDS = re.compile(r"[A-Za-z_]\w*")


def _exec_names(statement) -> list | None:
    """The names an exec statement of a class body binds there (`exec '__div__ = f'`, Python 2's statement, read as
    a call with one argument), None for any other statement: those the literal code binds at its top level, each
    word of it where it does not parse; none for other code or code given a namespace."""
    call = statement.value if isinstance(statement, ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "exec"):
        return None
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Constant) \
            or not isinstance(call.args[0].value, str):
        return []
    code = call.args[0].value
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return sorted(set(_WORDS.findall(code)))
    scope = Scope(tree, None)
    return sorted(scope.names)


def method_alias(cls: ast.ClassDef, statement, old: str, new: str) -> str:
    """What `new = old` right after `statement` (a def or an assignment of the class body itself binding the Python 2
    method `old`) would be, by class_body_bindings: "alias" where nothing else in the body binds `old` and nothing
    binds `new` (fix adds it: Python 3 then calls the same method); "aliased" where the body already is what fix
    writes: `new = old` among the plain `name = name` aliases right after the statement, or the def `new` delegating
    to `old` right after it (delegation: fix's form for a method whose docstring holds a doctest example), that
    the only binding of `new`, the statement the only one of `old`; else "taken" (a later `next = loud(next)` would
    be Python 2's method and not Python 3's: tryout7 #14; a class binding `new` otherwise may mean another method by
    it). The one place deciding it, for rules/py3k/classes.py (check's findings, fix's MethodAlias) and the project
    index."""
    bindings = class_body_bindings(cls)
    if any(binding.name == old and (binding.node is not statement or not binding.plain) for binding in bindings):
        return "taken"
    news = [binding for binding in bindings if binding.name == new]
    if not news:
        return "alias"
    following = []
    for later in cls.body[next(at for at, inner in enumerate(cls.body) if inner is statement) + 1:]:
        if not (isinstance(later, ast.Assign) and len(later.targets) == 1 and isinstance(later.targets[0], ast.Name)
                and isinstance(later.value, ast.Name)):
            following += [later] if _delegation(later) == (new, old) else []
            break
        following.append(later)
    return "aliased" if len(news) == 1 and news[0].plain and any(
        news[0].node is later and (isinstance(later, ast.FunctionDef) or later.targets[0].id == new
                                   and later.value.id == old) for later in following) else "taken"


def _delegation(statement) -> tuple:
    """(name, method) where `statement` is `def name(self, a, b): return self.method(a, b)`: undecorated, its
    parameters plain positional ones without defaults, its body that return alone (rules/py3k/classes_fix.py
    writes it in place of `name = method`); else ()."""
    if not (isinstance(statement, ast.FunctionDef) and not statement.decorator_list and len(statement.body) == 1
            and isinstance(statement.body[0], ast.Return)):
        return ()
    arguments, call = statement.args, statement.body[0].value
    names = [argument.arg for argument in arguments.args]
    if (arguments.posonlyargs or arguments.vararg or arguments.kwonlyargs or arguments.kwarg or arguments.defaults
            or not names or not isinstance(call, ast.Call) or call.keywords
            or not isinstance(call.func, ast.Attribute) or not isinstance(call.func.value, ast.Name)
            or call.func.value.id != names[0]
            or [argument.id if isinstance(argument, ast.Name) else None for argument in call.args] != names[1:]):
        return ()
    return statement.name, call.func.attr


def deleted_names(target) -> list:
    """The Name nodes `del target` unbinds (`del(i)`, `del a, b`, `del (a, b)`: inside a tuple or list target too)."""
    if isinstance(target, ast.Name):
        return [target]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in deleted_names(element)]
    return []


def bound_names(tree: ast.AST) -> dict:
    """Every name the module binds, in any scope, and how: the import that binds it ("six", "six.moves.range")
    or None for anything else (an assignment, a def, a parameter, a loop or `with` target, `except ... as`). Not a
    class's method or plain attribute named six (`class C: six = None`): the class's methods, where rewrites write
    six, do not see it, and check leaves the findings in the class body's own scope (rules/py3k/six_bound.py)."""
    bound: dict = {}
    attributes = {id(node) for _, nodes in class_attributes(tree, "six") for node in nodes}

    def bind(name, how=None):
        bound.setdefault(name, set()).add(how)

    todo = [tree]
    while todo:  # in any order: a stack of scopes.children, which leaves out Load, Store, operators
        node = todo.pop()
        todo += children(node)
        if id(node) in attributes:
            continue
        kind = node.__class__
        if kind is ast.Name:
            if not isinstance(node.ctx, ast.Load):
                bind(node.id)
        elif kind is ast.Import:
            for alias in node.names:
                bind(alias.asname or alias.name.split(".")[0], alias.name if alias.asname else alias.name.split(".")[0])
        elif kind is ast.ImportFrom:
            for alias in node.names:
                bind(alias.asname or alias.name, f"{'.' * node.level}{node.module or ''}.{alias.name}")
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            bind(node.name)
        elif kind is ast.arg:
            bind(node.arg)
        elif kind is ast.ExceptHandler and node.name:
            bind(node.name)
        elif kind in (ast.Global, ast.Nonlocal):
            for name in node.names:
                bind(name)
    return bound


def _parts(node, scope):
    """(part, the Scope it is read in) of each child of `node`, a node of a scope (SCOPES) read in `scope` (its
    own Scope): its decorators, defaults, annotations, bases and keywords are read in the scope around it, and so
    is a comprehension's first iterable; the rest in its own."""
    outer = scope.parent
    if isinstance(node, ast.Module):
        return [(part, scope) for part in node.body]
    if isinstance(node, COMPREHENSIONS):
        first, *rest = node.generators
        return [(first.iter, outer), (first.target, scope), *((test, scope) for test in first.ifs),
                *((part, scope) for part in (*rest, *children(node)[:-len(node.generators)]))]
    found = [(part, outer) for part in getattr(node, "decorator_list", ())]
    found += [(part, outer) for part in (*getattr(node, "bases", ()), *getattr(node, "keywords", ()))]
    arguments = getattr(node, "args", None)
    if isinstance(arguments, ast.arguments):
        found += [(part, outer) for part in children(arguments)]  # defaults and annotations: arg nodes read none
    if getattr(node, "returns", None) is not None:
        found.append((node.returns, outer))
    body = node.body if isinstance(node.body, list) else [node.body]
    return found + [(part, scope) for part in body]


def name_reads(tree: ast.Module, names) -> tuple:
    """([(Name node, the Scope it is read in)] for each read of one of `names` in `tree`, {the names a function
    or class of it declares global}): a walk with a stack (a deep tree must not exhaust the recursion limit), each
    part of a def, class, lambda or comprehension read in the scope Python 2 reads it in (_parts)."""
    module = Scope(tree, None)
    declared_global = set(module.globals)
    reads = []
    todo = _parts(tree, module)
    while todo:
        node, scope = todo.pop()
        kind = type(node)
        if kind is ast.Name:
            if node.id in names and type(node.ctx) is ast.Load:
                reads.append((node, scope))
        elif kind in _SCOPE_KINDS:
            inner = Scope(node, scope)
            declared_global |= inner.globals
            todo += _parts(node, inner)
        elif kind is not ast.Constant:
            todo += [(child, scope) for child in children(node)]
    return reads, declared_global


_SCOPE_KINDS = frozenset(SCOPES)

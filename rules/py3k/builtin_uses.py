"""Which uses of the removed builtins basestring, long and file `diracmod fix` rewrites (rules/py3k/names_fix.py)
and which it leaves for a person: the one place that decides, for the detector (rules/py3k/names.py reports
pylint's <name>-builtin or the DM rule split off it) and so for the fixer, which rewrites what check reports.

- basestring -> six.string_types only as isinstance/issubclass's class, or an item of the tuple there:
  six.string_types is `(basestring,)` on Python 2, which matches the same objects only there.
- long: `(int, long)` there -> six.integer_types (`long` alone would then match int too); an item of another tuple
  display on one line spliced, `(float, long)` -> `((float,) + six.integer_types[1:])`; `long(x)` -> `int(x)`
  where an int and a long of the same value behave the same: compared, or the one argument of str, float, int
  or bool (Python 2's int() returns a long when needed), and x a number for certain (rules/py3k/names.py
  _long_argument_unsure: Python 2's int() neither calls __long__ nor takes a string's L suffix; tryout23b #5).
- file(...) -> open(...), the same call on Python 2; `file` as a type (isinstance) has no equivalent, nor
  file(...) in a module that may bind both open and builtins unseen (a star import, `globals().update(...)`:
  file_open_unsure), where neither `open(...)` nor `builtins.open(...)` is sure to be the builtin.
- reduce -> functools.reduce, unicode -> six.text_type, except in `reduce = reduce` / `unicode = unicode`: the
  module's own name for the builtin, which other modules import from it (Twisted's python/compat.py).
- cmp(a, b) -> (a > b) - (a < b) where a and b can be read twice (rules/py3k/operands.py); cmp as a value ->
  a getattr of six.moves.builtins that is the builtin on Python 2.
- apply(f, args[, kwargs]) -> f(*args[, **kwargs]), a call of one to three plain arguments, except where args is
  seen not to be a sequence (a dict, a set, a generator, None, a number: NOT_SEQUENCE_CALLS): Python 2's apply
  raised TypeError ("apply() arg 2 expected sequence"), `f(*d)` calls f with the dict's keys (tryout6 #8). An
  args of unknown type is rewritten (README's known limits).
"""
from __future__ import annotations

import ast

from diracmod.rules.py3k.operands import read_twice
from diracmod.source import module_nodes, star_imports, stdout_writes
from diracmod.source.builtins_copy import import_names
from diracmod.source.project_index.writes import INTO_BUILTINS
from diracmod.source.scopes import stores

# The DM rule each pylint rule's shapes left for a person are reported under.
LEFT = {"basestring-builtin": "basestring-builtin-as-value", "long-builtin": "long-builtin-int-differs",
        "file-builtin": "file-builtin-as-type", "cmp-builtin": "cmp-builtin-operands-read-twice",
        "reduce-builtin": "reduce-builtin-rebinding", "unicode-builtin": "unicode-builtin-rebinding",
        "apply-builtin": "apply-builtin-left"}
SAME_FOR_INT_AND_LONG = frozenset({"str", "float", "int", "bool"})
# A file(...) call in a module that may bind both of these unseen (what it could become) is left for a person.
FILE_CALL_NAMES = ("open", "builtins")
_NAMESPACE_WRITES = frozenset({"update", "setdefault", "__setitem__"})
# the builtins whose call makes no sequence (Python 2's apply takes a sequence as its arguments; f(*x) any iterable)
NOT_SEQUENCE_CALLS = frozenset({"dict", "set", "frozenset", "iter", "reversed", "enumerate"})
_NOT_SEQUENCES = (ast.Dict, ast.Set, ast.DictComp, ast.SetComp, ast.GeneratorExp)
APPLY_LEFT_FUNCTIONS = ("map", "filter")  # apply(map, args): apply_left
# apply(range, args) -> range(*args), in list(...) where a list is needed, as range(...)'s own call
APPLY_LISTED = {"range": "range-builtin-not-iterating", "zip": "zip-builtin-not-iterating"}


def star_import_may_bind(level: int, module: str | None, name: str) -> bool:
    """May `from module import *` (with `level` leading dots) bind `name` on Python 2 or 3? A relative one may, and
    one of any module but a standard one that both Pythons say does not (diracmod/source/star_imports.json)."""
    return bool(level) or not module or star_imports.may_bind(module, name)


# the attribute of a module's ast (set by check's engine, which fix's stage 2 reads too) holding what the star imports
# of siblings with a literal `__all__` bind: (level, module) -> frozenset of names (diracmod.core.siblings.star_names)
STAR_NAMES = "diracmod_star_names"


# the attribute of a module's ast (set by check's engine from the project index, which fix's stages read too; the
# syntax stage carries it to the trees its fixers parse: carry_outside) holding what other modules of the project
# (or the module through its own import) assign as its attributes by name: name (or "*", any) -> how
# (diracmod/source/project_index/index.py, ProjectIndex.outside: `import b6; b6.repr = f`, tryout15 #2, #11)
OUTSIDE = "diracmod_outside"


def carry_outside(source, tree):
    """`tree` (an ast or fissix tree of the same module as `source`) with `source`'s OUTSIDE, and the project's
    functions writing sys.stdout that the module names (stdout_writes.IMPORTED); `tree`."""
    setattr(tree, OUTSIDE, getattr(source, OUTSIDE, None) or {})
    setattr(tree, stdout_writes.IMPORTED, getattr(source, stdout_writes.IMPORTED, None) or frozenset())
    return tree


def known_star_names(tree: ast.Module, node: ast.ImportFrom):
    """The names the star import `node` binds, where its module's `__all__` is known (tryout8b D6), else None."""
    return getattr(tree, STAR_NAMES, {}).get((node.level, node.module))


def unseen_binding(tree: ast.Module, name: str, first_party: frozenset = frozenset(),
                   class_bodies: bool = True) -> str:
    """How the module may bind `name` without writing it (a rewrite bringing `name` in would then change what the
    module means by it), or "": the first of unseen_bindings."""
    return next(unseen_bindings(tree, name, first_party, class_bodies), "")


def unseen_bindings(tree: ast.Module, name: str, first_party: frozenset = frozenset(), class_bodies: bool = True):
    """Each way the module may bind `name` without writing it: a star import that may bind it (of a module of
    `first_party`, the project's own, whatever its name), a write to the module's namespace, or to the builtins
    module's (whose names the module reads where it binds none: `__builtin__.open = f`), with a key that may be
    `name` (`globals()[key] = ...`, `sys.modules[__name__].name = ...`, `setattr(builtins, 'name', ...)`) or any
    key (`globals().update(...)`, `setattr(sys.modules[__name__], key, ...)`, `vars(this).update(...)` with
    `this = sys.modules[__name__]`), or from another module of the project (`import b6; b6.name = ...`: OUTSIDE,
    the project index's), or code run in it (exec/execfile outside a function, or in one with the
    module's namespace given, `exec code in globals()`: code that is not a literal, or a literal that may bind
    `name`). `locals()` and `vars()` are the module's namespace at module level only (there they are globals()):
    in a function they are its locals, which no name is read from, and in a class body the class's namespace,
    which only that class body's own names read (class_namespace_binding). Callers that do not tell a class
    body's uses from the others' keep `class_bodies`: a write through a class body's locals() counts then."""
    for how, _ in _unseen(tree, name, first_party, class_bodies):
        yield how


def namespace_unseen_binding(tree: ast.Module, name: str, class_bodies: bool = True) -> str:
    """How the module may bind `name` in its own namespace without writing it (unseen_binding but a write into the
    builtins module, which a name the module binds hides), or ""."""
    return next((how for how, into_builtins in _unseen(tree, name, class_bodies=class_bodies) if not into_builtins),
                "")


def class_namespace_binding(tree: ast.Module, classdef: ast.ClassDef, name: str) -> str:
    """How the body of `classdef` may bind `name` in the class's own namespace without writing it, or "": a write
    through its locals() or vars() (`locals()[key] = ...`, `vars().update(...)`, or through a name the body binds
    to one: `ns = locals()` then `ns[key] = ...`) with a key that may be `name`: a key that is the name of a loop
    over a tuple or list of strings, written in that loop's body and bound nowhere else in the class body (a `del`
    is no binding), is
    one of those strings (MarkupSafe's `for method in 'title', 'lower': locals()[method] = ...`). Only the class
    body's own bare names read that namespace: not its methods' bodies, nor its bases (tryout10b #5)."""
    owners = _namespaces_of(tree)
    functions = module_nodes.once(tree, _ALIASES[False])[3]
    own = [node for statement in classdef.body for node in ast.walk(statement) if owners.get(id(node)) is classdef]

    def local(node) -> bool:  # the body's own locals() or vars()
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not (node.args or node.keywords) \
            and functions.get(node.func.id) in ("locals", "vars") and owners.get(id(node)) is classdef

    aliases = {target.id for node in own if isinstance(node, ast.Assign) and local(node.value)
               for target in node.targets if isinstance(target, ast.Name)}

    def written(node) -> bool:  # the class's namespace: its locals() or vars(), or a name the body binds to one
        return isinstance(node, ast.Name) and node.id in aliases or local(node)

    looped = {}  # id of a node in the body of a loop over strings -> (the loop's name, the strings)
    for node in own:
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) \
                and isinstance(node.iter, (ast.Tuple, ast.List)) and all(
                    isinstance(item, ast.Constant) and isinstance(item.value, str) for item in node.iter.elts) \
                and sum(node.target.id in stores(other) for other in own
                        if not (isinstance(other, ast.Name) and isinstance(other.ctx, ast.Del))) == 1:
            strings = frozenset(item.value for item in node.iter.elts)
            looped.update((id(inner), (node.target.id, strings)) for statement in node.body
                          for inner in ast.walk(statement))

    def may_be(key) -> bool:
        loop = looped.get(id(key))
        return name in loop[1] if loop and isinstance(key, ast.Name) and key.id == loop[0] else _may_be(key, name)

    for node in own:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Subscript) and written(target.value) and may_be(target.slice):
                    return f"{ast.unparse(target)} = ... in the class body on line {classdef.lineno}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and written(node.func.value) \
                and node.func.attr in _NAMESPACE_WRITES:
            return f"{ast.unparse(node.func)}(...) in the class body on line {classdef.lineno}"
    return ""


_NAMESPACE_OF = "diracmod_namespace_of"


def _namespaces_of(tree: ast.Module) -> dict:
    """The id of each node that runs in a function's or a class body's namespace -> that def, lambda or class;
    the other nodes run in the module's (a def's decorators and defaults, a class's bases, run where the def or
    class is; a comprehension is taken as running in place, as Python 2's list comprehension does). Kept on the
    tree: one walk per module."""
    owners = getattr(tree, _NAMESPACE_OF, None)
    if owners is None:
        owners, nodes = {}, [(node, None) for node in ast.iter_child_nodes(tree)]
        while nodes:
            node, owner = nodes.pop()
            if owner is not None:
                owners[id(node)] = owner
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                inner = [node.body] if isinstance(node, ast.Lambda) else node.body
                inside = set(map(id, inner))
                nodes.extend((child, owner) for child in ast.iter_child_nodes(node) if id(child) not in inside)
                nodes.extend((child, node) for child in inner)
            else:
                nodes.extend((child, owner) for child in ast.iter_child_nodes(node))
        setattr(tree, _NAMESPACE_OF, owners)
    return owners


def _at_module_level(tree: ast.Module, class_bodies: bool):
    """Does a call run in the module's namespace (with `class_bodies`: or in a class body's)?"""
    def runs_there(call) -> bool:
        owner = _namespaces_of(tree).get(id(call))
        return owner is None or class_bodies and isinstance(owner, ast.ClassDef)
    return runs_there


def _unseen(tree: ast.Module, name: str, first_party: frozenset = frozenset(), class_bodies: bool = True):
    """unseen_bindings' (how, whether it writes into the builtins module)."""
    at_module_level = _at_module_level(tree, class_bodies)
    modules, builtins, namespaces, functions = module_nodes.once(tree, _ALIASES[class_bodies])
    objects = modules | builtins  # whose names a write may bind for this module
    for node in module_nodes.of_kind(tree, _MAY_BIND):
        if isinstance(node, ast.ImportFrom) and node.names[0].name == "*":
            known = known_star_names(tree, node)
            if known is not None:
                if name in known:
                    yield f"from {'.' * node.level}{node.module or ''} import *", False
            elif node.module and node.module.split(".")[0] in first_party and not node.level \
                    or star_import_may_bind(node.level, node.module, name):
                yield f"from {'.' * node.level}{node.module or ''} import *", False
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                namespace = target.value if isinstance(target, ast.Subscript) else None
                owner = target.value if isinstance(target, ast.Attribute) and target.attr == name else None
                if namespace is not None and _is_namespace(namespace, objects, namespaces, functions,
                                                           runs_at_module_level=at_module_level) \
                        and _may_be(target.slice, name) \
                        or owner is not None and _is_module(owner, objects):
                    yield f"{ast.unparse(target)} = ...", _into_builtins(namespace or owner, builtins)
        elif isinstance(node, ast.Call) and (
                isinstance(node.func, ast.Attribute)
                and _is_namespace(node.func.value, objects, namespaces, functions, runs_at_module_level=at_module_level)
                and node.func.attr in _NAMESPACE_WRITES or _sets_module_attribute(node, name, objects)):
            written = node.func.value if isinstance(node.func, ast.Attribute) else node.args[0]
            yield f"{ast.unparse(node.func)}(...)", _into_builtins(written, builtins)
    yield from ((f"{ast.unparse(call.func)}(...)", False) for call in module_nodes.once(tree, _CODE_RUNS[class_bodies])
                if _code_may_bind(call, name))
    outside = getattr(tree, OUTSIDE, None)
    if outside and (name in outside or "*" in outside):  # a write into the module's namespace, from outside
        how = outside.get(name) or outside["*"]
        # or into the builtins module's, which every module reads (tryout21 #1)
        yield (how, True) if how.endswith(INTO_BUILTINS) else (
            f"{how}, the module's attribute assigned by name in the project", False)


_MAY_BIND = (ast.ImportFrom, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Call)  # the nodes _unseen looks at


def _code_runs(tree: ast.Module, class_bodies: bool) -> list:
    modules, builtins, namespaces, functions = module_nodes.once(tree, _ALIASES[class_bodies])
    return list(_runs_code(tree, modules | builtins, namespaces, functions))


# what _unseen reads of a module whatever the name asked about, once per module (module_nodes.once), for each way
# of counting a class body's namespace writes
_ALIASES = {flag: lambda tree, flag=flag: _module_aliases(tree, _at_module_level(tree, flag)) for flag in (False, True)}
_CODE_RUNS = {flag: lambda tree, flag=flag: _code_runs(tree, flag) for flag in (False, True)}


def _may_be(key, name: str) -> bool:
    """May the key written be `name`? Any but a string literal naming another."""
    return not (isinstance(key, ast.Constant) and isinstance(key.value, (str, bytes)) and key.value != name)


def _module_aliases(tree: ast.Module, runs_at_module_level) -> tuple:
    """The names the module binds to its own module object (`this = sys.modules[__name__]`, `import __main__`: a
    script's own, tryout20 #11), those bound to the builtins module (`import __builtin__`, `import builtins as b`,
    `from six.moves import builtins`, `b = __builtin__`) with __builtins__ (CPython's name for that module, or its
    dict, in every module), and those bound to a namespace dict (`g = globals()`, `d = vars(this)`), whose writes
    bind as the dict's own would, and the names of the namespace functions (globals, vars, locals) with those bound
    to one (`g = globals`), each to the function's name (`runs_at_module_level`: _is_namespace's). An alias of an
    alias counts: the assignments are read until no name is added."""
    modules, builtins, namespaces, functions = set(), {"__builtins__"}, set(), dict(_NAMESPACE_FUNCTIONS)
    assigned = []
    for node in module_nodes.of_kind(tree, (ast.Assign, ast.Import, ast.ImportFrom)):
        if isinstance(node, ast.Assign):
            assigned.append(node)
        else:  # `import six.moves.builtins as b` too (tryout27 #3)
            builtins.update(import_names(node))
            # `import __main__`: the script's own module when the file runs as one (tryout20 #11), another module
            # otherwise, as `sys.modules[...]` may be
            modules.update(alias.asname or alias.name for alias in node.names
                           if isinstance(node, ast.Import) and alias.name == "__main__")
    size = -1
    while size != len(modules) + len(builtins) + len(namespaces) + len(functions):
        size = len(modules) + len(builtins) + len(namespaces) + len(functions)
        known_modules, known_builtins, known_namespaces = frozenset(modules), frozenset(builtins), frozenset(namespaces)
        known_functions = dict(functions)
        objects = known_modules | known_builtins
        for node in assigned:
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            namespace = _is_namespace(node.value, objects, known_namespaces, known_functions,
                                      runs_at_module_level=runs_at_module_level)
            if isinstance(node.value, ast.Name) and node.value.id in known_functions:
                functions.update(dict.fromkeys(names, known_functions[node.value.id]))
            if _is_module(node.value, known_modules):
                modules.update(names)
            if isinstance(node.value, ast.Name) and node.value.id in known_builtins \
                    or namespace and _into_builtins(node.value, known_builtins):
                builtins.update(names)
            if namespace:
                namespaces.update(names)
    return frozenset(modules), frozenset(builtins), frozenset(namespaces), functions


def builtins_aliases(tree: ast.Module) -> frozenset:
    """The names bound to the builtins module or its namespace dict (_module_aliases, a class body's namespace
    counted as the module's: more names, never fewer), `__builtins__` among them."""
    return module_nodes.once(tree, _ALIASES[True])[1]


def own_module_reference(node, tree: ast.Module) -> str | None:
    """What `node` loads by which code may reach any module-level name (tryout15 #3): "module" for a module object
    (`sys.modules[...]`, `sys.modules.get(...)`, any module, maybe this one, or a name _module_aliases binds to one:
    `me = sys.modules[__name__]`), "namespace" for a namespace dict (`sys.modules[...].__dict__`, a name bound to
    one: `g = globals()`; `vars(m)` of a module object m; a call of a name bound to globals: `g = globals`, then
    `g()`, tryout19 #8), None otherwise or for the builtins module's."""
    modules, builtins, namespaces, functions = module_nodes.once(tree, _ALIASES[True])
    if isinstance(node, ast.Name):
        if not isinstance(node.ctx, ast.Load) or node.id in builtins:
            return None
        return "module" if node.id in modules else "namespace" if node.id in namespaces else None
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return "namespace" if own_module_reference(node.value, tree) == "module" else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords \
            and node.func.id in functions:
        function = functions[node.func.id]
        if function == "vars" and len(node.args) == 1:
            return "namespace" if own_module_reference(node.args[0], tree) == "module" else None
        # the builtin globals() itself is each caller's (a name it may be shadowed by is theirs to ask)
        return "namespace" if function == "globals" and node.func.id != "globals" and not node.args else None
    return "module" if isinstance(node, (ast.Subscript, ast.Call)) and _is_module(node, frozenset()) else None


def namespace_function(tree: ast.Module, name: str) -> str | None:
    """"globals", "vars" or "locals" for a name bound to that function (`v = vars`, and the function's own name:
    whether that is the builtin is the caller's to ask), else None (tryout19 #8)."""
    return module_nodes.once(tree, _ALIASES[True])[3].get(name)


_NAMESPACE_FUNCTIONS = {"globals": "globals", "vars": "vars", "locals": "locals"}


def _into_builtins(written, builtins: frozenset) -> bool:
    """Is `written` (a module or its namespace) the builtins module's: a name for it, `six.moves.builtins`,
    `vars(...)` or `....__dict__` of one?"""
    if isinstance(written, ast.Call) and written.args:  # vars(module)
        written = written.args[0]
    elif isinstance(written, ast.Attribute) and written.attr == "__dict__":
        written = written.value
    return isinstance(written, ast.Name) and written.id in builtins or _is_six_moves_builtins(written)


def _is_six_moves_builtins(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "builtins" and isinstance(node.value, ast.Attribute)
            and node.value.attr == "moves" and isinstance(node.value.value, ast.Name) and node.value.value.id == "six")


def _is_module(node, aliases: frozenset) -> bool:
    """`sys.modules[...]`, `sys.modules.get(...)` (a module object, maybe this one), `six.moves.builtins`, or a
    name bound to one."""
    if isinstance(node, ast.Name):
        return node.id in aliases
    if _is_six_moves_builtins(node):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        node = node.func.value
    elif isinstance(node, ast.Subscript):
        node = node.value
    else:
        return False
    return (isinstance(node, ast.Attribute) and node.attr == "modules" and isinstance(node.value, ast.Name)
            and node.value.id == "sys")


def _is_namespace(node, modules: frozenset, namespaces: frozenset, functions: dict,
                  in_function: bool = False, runs_at_module_level=None) -> bool:
    """`globals()`, `vars()`, `locals()` (the module's namespace at module level, globals() only `in_function`,
    and `vars()`, `locals()` only where `runs_at_module_level(the call)` says the call runs at module level), a
    name of `functions` called as the function it names; a module object's: `vars(sys.modules[__name__])`,
    `sys.modules[__name__].__dict__`; `__builtins__` (the builtins module's dict in a module not run as __main__);
    a name of `namespaces`, bound to one of these."""
    if isinstance(node, ast.Name):
        return node.id == "__builtins__" or node.id in namespaces
    if isinstance(node, ast.Attribute):
        return node.attr == "__dict__" and _is_module(node.value, modules)
    function = functions.get(node.func.id) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else None
    return function is not None and not node.keywords and (
        not node.args and (function == "globals" or not in_function and (
            runs_at_module_level is None or runs_at_module_level(node)))
        or function == "vars" and len(node.args) == 1 and _is_module(node.args[0], modules))


def _sets_module_attribute(node: ast.Call, name: str, modules: frozenset) -> bool:
    """`setattr(sys.modules[...], key, ...)`, `setattr(this, key, ...)`, with a key that may be `name`."""
    return (isinstance(node.func, ast.Name) and node.func.id == "setattr" and bool(node.args)
            and _is_module(node.args[0], modules) and (len(node.args) < 2 or _may_be(node.args[1], name)))


def _runs_code(tree: ast.Module, modules: frozenset, namespaces: frozenset, functions: dict):
    """The exec(...) (Python 2's exec statement reads as that call) and execfile(...) calls whose code may write
    into the module's namespace: outside functions, where it runs in the module's namespace unless given another
    (a dict made there: `{}`, `dict(...)`); in a function, where it is given the module's (`exec code in
    globals()`, `execfile(path, g)` with `g = globals()`). Where both namespaces are given, the code writes the
    locals one (`exec code in globals(), locals()` writes the function's locals), and the globals one too where
    it may declare a name global (_may_declare_global). Most modules have none: the walk telling a function's
    calls from the others' is only made where a call of that name is found in the module's kept list of calls."""
    if not any(isinstance(call.func, ast.Name) and call.func.id in ("exec", "execfile")
               for call in module_nodes.of_kind(tree, ast.Call)):
        return
    nodes = [(node, False) for node in tree.body]
    while nodes:
        node, in_function = nodes.pop()
        in_function = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        nodes.extend((child, in_function) for child in ast.iter_child_nodes(node))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("exec", "execfile") \
                and node.args:
            given = node.args[1:3]
            written = given[-1:] + (given[:1] if len(given) == 2 and _may_declare_global(node) else [])
            if in_function:  # only the module's own namespace, given by name
                module_written = any(_is_namespace(namespace, modules, namespaces, functions, in_function=True)
                                     for namespace in written)
            else:  # the module's namespace unless all it may write is a dict made there
                module_written = not written or not all(map(_fresh_dict, written))
            if module_written:
                yield node


def _may_declare_global(call: ast.Call) -> bool:
    """May the code exec/execfile runs hold a `global` statement? execfile's file, and code not a literal, may."""
    run = _literal_code(call)
    return run is None or any(isinstance(node, ast.Global) for node in ast.walk(run))


def _literal_code(call: ast.Call):
    """The tree of the code exec runs, where it is a string literal that parses here; else None."""
    code = call.args[0]
    if call.func.id == "execfile" or not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
        return None
    try:
        return ast.parse(code.value)
    except SyntaxError:
        return None


def exec_in_function(function, name: str) -> str:
    """How the def or lambda `function` may bind `name` unseen, or "": Python 2's exec statement without `in` in
    its body (not in a def or class nested in it) makes it an unoptimised function, which looks each name it does
    not assign up in the namespace that exec wrote into; code that may bind `name` (_code_may_bind) puts it
    there, and so does a write through its locals() or vars() with a key that may be `name` (the namespace they
    give is the one such a function reads). `exec code in namespace` leaves the function's names alone."""
    nodes = [function.body] if isinstance(function, ast.Lambda) else list(function.body)
    unoptimised, written = False, ""
    while nodes:
        node = nodes.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        nodes.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "exec" \
                and len(node.args) == 1 and not node.keywords:
            if _code_may_bind(node, name):
                return f"{ast.unparse(node.func)}(...) in the function on line {function.lineno}"
            unoptimised = True
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if isinstance(target, ast.Subscript) and _is_locals(target.value) and _may_be(target.slice, name) \
                or isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in _NAMESPACE_WRITES and _is_locals(node.func.value):
            written = ast.unparse(target if target is not None else node.func)
    return f"{written} with exec(...) in the function on line {function.lineno}" if unoptimised and written else ""


def _is_locals(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("locals", "vars") \
        and not (node.args or node.keywords)


def _fresh_dict(node) -> bool:
    return isinstance(node, ast.Dict) or (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                                          and node.func.id == "dict")


def _code_may_bind(call: ast.Call, name: str) -> bool:
    """May the code exec/execfile runs bind `name`? execfile's file, and code not a literal, may; a literal may
    when it binds the name, or may bind it unseen, or does not parse here."""
    run = _literal_code(call)
    return run is None or bool(unseen_binding(run, name)) or any(name in stores(node) for node in ast.walk(run))


def file_open_unsure(tree: ast.Module) -> str:
    """How the module may bind both FILE_CALL_NAMES unseen (unseen_binding of open), where it does not import
    builtins from six.moves itself (which builtins.open(...) would use); else "": fix then leaves file(...)."""
    ways = list(_unseen(tree, "open"))
    replaced = next((how for how, into_builtins in ways if into_builtins), "")
    if replaced:  # open(...) and builtins.open(...) both call what the module put there, file(...) did not
        return replaced
    how = ways[0][0] if ways else ""
    if not how or not unseen_binding(tree, "builtins") or any(
            isinstance(node, ast.ImportFrom) and node.module == "six.moves" and not node.level
            and any(alias.name == "builtins" and not alias.asname for alias in node.names) for node in module_nodes.walk(tree)):
        return ""
    return how


def class_argument(node, parent, grandparent) -> bool:
    """`node` is isinstance/issubclass's class argument or an item of the tuple there."""
    if isinstance(parent, ast.Tuple) and node in parent.elts:
        node, parent = parent, grandparent
    return (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name)
            and parent.func.id in ("isinstance", "issubclass") and len(parent.args) == 2 and not parent.keywords
            and parent.args[1] is node and not isinstance(node, ast.Starred))


def _called(node, parent) -> bool:
    return isinstance(parent, ast.Call) and parent.func is node


def apply_left(node, parent) -> str:
    """Why fix leaves this use of apply (builtin_uses' module docstring), or "". apply(range, args) and
    apply(zip, args) are rewritten, with list(...) around where a list is needed (rules/py3k/calls.py reports
    that at the call); apply(map, args) and apply(filter, args) are left: Python 3's call makes an iterator,
    and map(*args)'s None or several iterables, filter(*args)'s string, cannot be seen (tryout6 #7: fix's second
    run changed its own output)."""
    if not _called(node, parent) or parent.keywords or not 1 <= len(parent.args) <= 3 \
            or any(isinstance(arg, ast.Starred) for arg in parent.args):
        return "apply other than called with one to three plain arguments"
    function = parent.args[0]
    if isinstance(function, ast.Name) and function.id in APPLY_LEFT_FUNCTIONS:
        return (f"apply({function.id}, ...): Python 3's {function.id} makes an iterator, and the arguments that "
                "decide how to make a list of it are not seen")
    args = parent.args[1] if len(parent.args) > 1 else None
    if isinstance(args, _NOT_SEQUENCES) or isinstance(args, ast.Constant) and not isinstance(args.value, (str, bytes)) \
            or isinstance(args, ast.Call) and isinstance(args.func, ast.Name) \
            and args.func.id in NOT_SEQUENCE_CALLS:
        return (f"`{ast.unparse(args)}` is no sequence: Python 2's apply raised TypeError, `f(*...)` would call f "
                "with its items")
    return ""


def long_in_tuple_display(node, parent, grandparent) -> bool:
    """`long` an item of a tuple display on one line (tryout12b #7: `PRIMITIVES = str, unicode, int, float, bool,
    long`), which fix splices: `(str, unicode, int, float, bool) + six.integer_types[1:]`, the same classes in the
    same order on Python 2, where six.integer_types is (int, long). Only where the tuple is read as a set of classes
    (tryout24 #2: on Python 3 the splice is one item shorter, so `a, b = int, long`, `"%s|%s" % (int, long)` and
    `for t in int, long:` broke): an `except` clause's, the right operand of `in`/`not in` (last in its chain), and
    the value of an assignment to plain names (a constant such as PRIMITIVES; how the name is read later is not
    followed). Not over several lines (a comment may sit beside the item: left, DM146), nor a tuple assigned to (no
    `long` there is the builtin), nor a subscript's (`table[int, long]`: libcst reads no tuple there)."""
    if not (isinstance(parent, ast.Tuple) and isinstance(parent.ctx, ast.Load) and node in parent.elts
            and parent.lineno == parent.end_lineno
            and not any(isinstance(e, (ast.Starred, ast.Slice)) for e in parent.elts)):
        return False
    if isinstance(grandparent, ast.ExceptHandler):
        return grandparent.type is parent
    if isinstance(grandparent, ast.Compare):
        return grandparent.comparators[-1] is parent and isinstance(grandparent.ops[-1], (ast.In, ast.NotIn))
    return isinstance(grandparent, ast.Assign) and grandparent.value is parent \
        and all(isinstance(target, ast.Name) for target in grandparent.targets)


def left(name: str, node: ast.Name, parents: list) -> str:
    """Why fix leaves this use of the builtin `name` (basestring, long, file) for a person, or "" (it rewrites
    it). `parents`: the node's ancestors, innermost last."""
    parent, grandparent = ([None, None] + parents)[-1], ([None, None] + parents)[-2]
    if name == "basestring":
        return "" if class_argument(node, parent, grandparent) else \
            "basestring other than as isinstance/issubclass's class (six.string_types is another object)"
    if name in ("reduce", "unicode"):
        return "" if not (isinstance(parent, ast.Assign) and parent.value is node and any(
            isinstance(target, ast.Name) and target.id == name for target in parent.targets)) else \
            f"`{name} = {name}`: the module's own name for the builtin, which other modules may import"
    if name == "cmp":
        return "" if not _called(node, parent) or (
            len(parent.args) == 2 and not parent.keywords and all(read_twice(arg) for arg in parent.args)) else \
            "cmp(a, b) whose operands cannot be read twice, as (a > b) - (a < b) would"
    if name == "file":
        return "" if _called(node, parent) else "file as a type: open is no type on Python 3"
    if name == "apply":
        return apply_left(node, parent)
    if isinstance(parent, ast.Tuple) and class_argument(node, parent, grandparent):
        return "" if any(isinstance(e, ast.Name) and e.id == "int" for e in parent.elts) else \
            "long without int in isinstance/issubclass: six.integer_types would match int too"
    if long_in_tuple_display(node, parent, grandparent):
        return ""
    if isinstance(parent, ast.Tuple) and isinstance(parent.ctx, ast.Load) and parent.lineno == parent.end_lineno \
            and not isinstance(grandparent, ast.Subscript):
        return ("long in a tuple not read as a set of classes (unpacked, formatted, iterated, passed on): "
                "spliced around six.integer_types[1:] it would be one item shorter on Python 3")
    if _called(node, parent) and (
            isinstance(grandparent, ast.Compare) or isinstance(grandparent, ast.Call)
            and isinstance(grandparent.func, ast.Name) and grandparent.func.id in SAME_FOR_INT_AND_LONG
            and len(grandparent.args) == 1 and not grandparent.keywords and grandparent.args[0] is parent):
        return ""
    return "long where an int of the same value may behave otherwise (its type, its repr, a class to match)"

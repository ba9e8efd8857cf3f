"""Version guards: which blocks only ever run on Python 2 (exempt from porting rules, as in pylint,
but recognising the spellings real code uses: six.PY2/PY3, sys.version_info in all its forms, `not`,
and try/except ImportError or NameError fallbacks). `deps` reads import fallbacks through here too, so that a
guarded import means the same to both."""
from __future__ import annotations

import ast
import builtins
import operator

from diracmod.source.scopes import stores
from diracmod.source.tables import ATTRIBUTES_BY_MODULE, PY2_ONLY_MODULES, REMOVED_BUILTINS

PY2, PY3 = "py2", "py3"
_OPS = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
        ast.Gt: operator.gt, ast.GtE: operator.ge}
# Compare the test on versions each major could be; a guard must hold for all of one and none of the other.
_SAMPLES = {PY2: [(2, 6, 0), (2, 7, 18)], PY3: [(3, 0, 0), (3, 6, 0), (3, 13, 0)]}


def _is_sys(node, attr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == attr
            and isinstance(node.value, ast.Name) and node.value.id == "sys")


def _is_version_info(node) -> bool:
    return _is_sys(node, "version_info")


def _version_view(node):
    """A function version -> what the left side evaluates to, for sys.version_info[...] / .major,
    sys.hexversion and sys.version[...] (the string, compared as text the way the test does)."""
    if _is_version_info(node):
        return lambda v: v
    if isinstance(node, ast.Attribute) and node.attr == "major" and _is_version_info(node.value):
        return lambda v: v[0]
    if _is_sys(node, "hexversion"):
        return lambda v: v[0] << 24 | v[1] << 16 | v[2] << 8 | 0xF0
    if _is_sys(node, "version"):
        return lambda v: "%d.%d.%d" % v
    if isinstance(node, ast.Subscript) and (_is_version_info(node.value) or _is_sys(node.value, "version")):
        whole = _version_view(node.value)
        index = node.slice
        if isinstance(index, ast.Constant) and index.value == 0:
            return lambda v: whole(v)[0]
        if isinstance(index, ast.Slice) and index.lower is None and isinstance(index.upper, ast.Constant) \
                and isinstance(index.upper.value, int) and index.step is None:
            return lambda v: whole(v)[: index.upper.value]
    return None


def _literal(node):
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, (int, tuple, str)) else None


_OTHER = {PY2: PY3, PY3: PY2}
_NEITHER = (None, None)


def _compare(node: ast.Compare) -> tuple:
    if len(node.ops) != 1 or type(node.ops[0]) not in _OPS:
        return _NEITHER
    view, other = _version_view(node.left), _literal(node.comparators[0])
    if view is None or other is None:
        return _NEITHER
    op = _OPS[type(node.ops[0])]
    try:
        truth = {major: {op(view(v), other) for v in versions} for major, versions in _SAMPLES.items()}
    except TypeError:
        return _NEITHER
    # the body runs on one major only when the test is never true on the other (and sometimes on it), the else
    # on one only when the test is never false on the other: `>= (3, 3)` is a Python 3 body, an else for both
    body = next((major for major in (PY2, PY3) if truth[_OTHER[major]] == {False} and True in truth[major]), None)
    orelse = next((major for major in (PY2, PY3) if truth[_OTHER[major]] == {True} and False in truth[major]), None)
    return body, orelse


# The spellings of a version flag read by name when the module does not define it itself (imported from a compat
# module: `from .compat import PY3`); a module-level definition (module_flags) wins.
_NAMED = {"PY2": (PY2, PY3), "PY3": (PY3, PY2), "IS_PY2": (PY2, PY3), "IS_PY3": (PY3, PY2)}
_SIX_FLAGS = {"PY2": (PY2, PY3), "PY3": (PY3, PY2), "PY34": (PY3, PY2)}


def _common(found):
    return found[0] if found and all(f == found[0] for f in found) else None


def sides(test, flags=None) -> tuple:
    """(body, else): PY2 / PY3 for the block of `if test:` that runs only on that major, None for one that may run
    on both. `flags`: the module's own version flags (module_flags), name -> such a pair."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        body, orelse = sides(test.operand, flags)
        return orelse, body
    if isinstance(test, ast.BoolOp):
        pairs = [sides(value, flags) for value in test.values]
        # `a and b` runs its body when all hold (one Python-3-only test is enough), its else when one fails
        # (each must be Python-2-only for the else to be); `or` the other way round
        first, every = (0, 1) if isinstance(test.op, ast.And) else (1, 0)
        one = {pair[first] for pair in pairs} - {None}
        result = [None, None]
        result[first] = one.pop() if len(one) == 1 else None
        result[every] = _common([pair[every] for pair in pairs])
        return tuple(result)
    if isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name) and test.value.id == "six":
        return _SIX_FLAGS.get(test.attr, _NEITHER)
    if isinstance(test, ast.Attribute) and flags:  # `compat._PY3`: a project module's flag (module_flags' `imported`)
        return flags.get(_dotted(test), _NEITHER)
    if isinstance(test, ast.Name):
        if flags and test.id in flags:
            return flags[test.id]
        return _NAMED.get(test.id, _NEITHER)
    if isinstance(test, ast.Compare):
        return _compare(test)
    return _NEITHER


def module_flags(tree, imported=None) -> dict:
    """The module's own version flags, read by their definition whatever their names: name -> (body, else) as
    sides gives for `if name:`. A module-level `NAME = <version test>` (PY3K = sys.version_info[0] == 3,
    py3 = not six.PY2, ...), `from six import PY3 as IS3`, `if <version test>: NAME = True / else: NAME = False`.
    A name the module binds otherwise too (at module level) is no flag. Module-level statements only.
    `imported`: module key (the last component of a module's dotted name) -> the version flags the project's module
    of that name defines, read the same way (ProjectIndex.flags_of, tryout17 #8): `from twisted.python.compat import
    _PY3 as P3` makes P3 a flag, `from twisted.python import compat` (`import twisted.python.compat as compat`)
    makes `compat._PY3` one.
    tryout20 #6: a default then a version test without else (`PY3K = False` / `if sys.version_info[0] >= 3:` /
    `    PY3K = True`), and the probe of a builtin Python 3 removed (`try: unicode` / `    _PY3 = False` / `except
    NameError:` / `    _PY3 = True`, _probed_flags), where the module binds the name nowhere else (nor the
    probed builtin)."""
    flags: dict = {}
    others: set = set()
    defaults: dict = {}  # name -> the constant its only binding so far gave it (`PY3K = False`)
    checked: dict = {}  # name -> the builtins probed for it: each a flag only where nothing else binds them

    def assigned(stmt):
        if isinstance(stmt, ast.Assign):
            return [t.id for t in stmt.targets if isinstance(t, ast.Name)], stmt.value
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            return [stmt.target.id], stmt.value
        return [], None

    for stmt in tree.body:
        names, value = assigned(stmt)
        if value is not None:
            for name in names:
                if isinstance(value, ast.Constant) and isinstance(value.value, bool) and name not in flags \
                        and name not in others:
                    defaults[name] = value.value
                else:
                    defaults.pop(name, None)
            pair = sides(value, flags)
            others.update(name for name in names if pair == _NEITHER or flags.get(name, pair) != pair)
            flags.update(dict.fromkeys(names, pair))
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and _is_six(stmt.module or ""):
            flags.update((alias.asname or alias.name, _SIX_FLAGS[alias.name])
                         for alias in stmt.names if alias.name in _SIX_FLAGS)
        elif isinstance(stmt, (ast.ImportFrom, ast.Import)) and imported is not None:
            flags.update(_imported_flags(stmt, imported))
        elif isinstance(stmt, ast.If) and not stmt.orelse and defaults:  # `PY3K = False` / `if <test>: PY3K = True`
            pair = sides(stmt.test, flags)
            for name, truth in _constant_flags(stmt.body).items() if pair != _NEITHER else ():
                if defaults.pop(name, None) == (not truth):
                    flags[name], checked[name] = pair if truth else pair[::-1], ()
                    others.discard(name)
        elif isinstance(stmt, ast.Try) and not stmt.orelse and not stmt.finalbody:
            for name, (pair, probed) in _probed_flags(stmt).items():
                if name not in flags and name not in others:
                    flags[name], checked[name] = pair, probed
        elif isinstance(stmt, ast.If) and stmt.body and stmt.orelse:
            pair = sides(stmt.test, flags)
            if pair != _NEITHER:
                inverse = _constant_flags(stmt.orelse)
                flags.update((name, pair if truth else pair[::-1])
                             for name, truth in _constant_flags(stmt.body).items() if inverse.get(name) == (not truth))
        else:
            targets = ([stmt.target] if isinstance(stmt, (ast.AugAssign, ast.For, ast.AsyncFor))
                       else [item.optional_vars for item in stmt.items if item.optional_vars]
                       if isinstance(stmt, (ast.With, ast.AsyncWith)) else getattr(stmt, "targets", []))
            others.update(t.id for t in targets if isinstance(t, ast.Name))
    if checked:  # bound twice (the default and the test's block, the try's and the handler's), the builtin never
        bound: dict = {}
        for node in ast.walk(tree):
            names = [node.id] if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) else \
                [node.name] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else \
                [(node.asname or node.name).split(".")[0]] * 2 if isinstance(node, ast.alias) else \
                node.names * 2 if isinstance(node, (ast.Global, ast.Nonlocal)) else []
            for name in names:
                bound[name] = bound.get(name, 0) + 1
        others.update(name for name, probed in checked.items()
                      if bound.get(name) != 2 or any(bound.get(builtin) for builtin in probed))
    # a name bound otherwise too is no flag, nor the flag its name alone would say (_NAMED), nor a module's flag
    # read through it (`compat._PY3`)
    return {name: _NEITHER if name.split(".", 1)[0] in others else pair for name, pair in flags.items()}


_PROBED = REMOVED_BUILTINS - {"input", "round"}  # names Python 3 has no builtin of


def _probed_flags(stmt: ast.Try) -> dict:
    """name -> ((body, else) of `if name:`, the builtins probed) of the flags a module-level try probing a builtin
    Python 3 removed sets (`try: unicode` / `    _PY3 = False` / `except NameError:` / `    _PY3 = True`): its body
    only such probes and `name = True/False`, one handler catching NameError alone and setting the opposite
    constants. Python 2 runs the body, Python 3 the handler (tryout20 #6)."""
    handler = stmt.handlers[0] if len(stmt.handlers) == 1 else None
    if handler is None or _caught(handler) != {"NameError"}:
        return {}
    probed = {s.value.id for s in stmt.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Name)}
    if not probed or not probed <= _PROBED or not all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Name) or (
            isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
            and isinstance(s.value, ast.Constant) and isinstance(s.value.value, bool)) for s in stmt.body):
        return {}
    tried, caught = _constant_flags(stmt.body), _constant_flags(handler.body)
    return {name: ((PY2, PY3) if truth else (PY3, PY2), tuple(probed))
            for name, truth in tried.items() if caught.get(name) == (not truth)}


def _imported_flags(stmt, imported):
    """(name or dotted name, pair) of the version flags an import statement binds from the project's modules
    (`imported`: module_flags'): an item a module of its from-module defines as a flag, by the name bound; an item
    that is itself such a module (`from pkg import compat`, `import pkg.compat as compat`), each of its flags as
    `bound.flag`. Matched by the last component of the module's name, as the project index names modules."""
    for alias in stmt.names:
        if alias.name == "*":  # the public names (a module's __all__ not read)
            yield from ((name, found) for name, found in imported(stmt.module.rsplit(".", 1)[-1]).items()
                        if not name.startswith("_")) if stmt.module else ()
            continue
        if isinstance(stmt, ast.ImportFrom):
            found = imported(stmt.module.rsplit(".", 1)[-1]).get(alias.name) if stmt.module else None
            if found is not None:
                yield alias.asname or alias.name, found
                continue
        # `import pkg.compat` binds pkg, whose flags are read as `pkg.compat._PY3`
        bound = alias.asname or alias.name
        for name, found in imported(alias.name.rsplit(".", 1)[-1]).items():
            yield f"{bound}.{name}", found


def _dotted(node) -> str:
    """`a.b.c` for an attribute chain on a name, else ""."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(names)]) if isinstance(node, ast.Name) else ""


def _is_six(module: str) -> bool:
    return module == "six" or module.endswith(".six")


def _constant_flags(body) -> dict:
    """name -> True/False for each `name = True` / `name = False` of a block."""
    return {target.id: stmt.value.value for stmt in body if isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, bool)
            for target in stmt.targets if isinstance(target, ast.Name)}


# What a handler must catch to be a fallback for a failing import: a bare `except:`, `except Exception` and
# `except BaseException` catch ImportError too, and code uses them so (`try: import cPickle except Exception:`).
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
# ...and for a name Python 3 removed (`try: unicode except NameError: unicode = str`): only NameError itself,
# since a broad `except Exception` around code is error handling, and would hide everything in its try body.
_NAME_ERRORS = frozenset({"NameError"})


def _caught(handler) -> set:
    """The exception names an except clause catches (the last part of a dotted name); bare: BaseException."""
    if handler.type is None:
        return {"BaseException"}
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {n.id if isinstance(n, ast.Name) else getattr(n, "attr", "") for n in nodes}


def _reraises(handler) -> bool:
    """A handler that raises (a nicer error) is no fallback: what its try imports is required."""
    return any(isinstance(stmt, ast.Raise) for stmt in handler.body)


def catches_import_error(handler) -> bool:
    return bool(_caught(handler) & _IMPORT_ERRORS)


def import_fallback(handler) -> bool:
    """The handler makes its try's imports optional or gives them an alternative: the code goes on."""
    return catches_import_error(handler) and not _reraises(handler)


def _name_fallback(handler) -> bool:
    return bool(_caught(handler) & _NAME_ERRORS) and not _reraises(handler)


def _imports_py2_module(body) -> bool:
    for stmt in body:
        if isinstance(stmt, ast.Import) and any(a.name in PY2_ONLY_MODULES for a in stmt.names):
            return True
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module in PY2_ONLY_MODULES:
            return True
    return False


def no_python3_side(node: ast.Try) -> bool:
    """An import fallback each of whose blocks imports a module Python 3 does not have (`try: import cStringIO
    / except ImportError: import StringIO`): Python 3 fails in every one, so none is a Python-2-only side."""
    return (any(import_fallback(h) for h in node.handlers)
            and all(_imports_py2_module(b) for b in [node.body, *(h.body for h in node.handlers)]))


def try_py2_blocks(node: ast.Try):
    """Which of a try statement's blocks are the Python 2 side of a fallback: a list of bodies."""
    imports = any(import_fallback(h) for h in node.handlers) and not no_python3_side(node)
    names = any(_name_fallback(h) for h in node.handlers)
    if not imports and not names:
        return []
    blocks = [node.body] + [h.body for h in node.handlers]
    py2 = [b for b in blocks if _imports_py2_module(b)] if imports else []
    if names and node.body not in py2:
        py2.append(node.body)  # try: unicode / except NameError: unicode = str
    return py2


def loses_on_python3(node: ast.Try, statement) -> bool:
    """Does Python 3 go on without a name that `statement`, an import of a Python-2-only standard module in the
    try's body, binds (tryout23 #2)? Python 3 fails there (ImportError) and runs the first handler catching it;
    where that handler does not bind each such name again (`try: import simplejson as json / from urllib2 import
    urlopen / except ImportError: import json`: the handler is simplejson's fallback, not urllib2's), or no handler
    catches it, the import is no version-guarded fallback; a handler ending in `return` or `raise` loses nothing
    silently (`try: import cPickle / return cPickle / except ImportError: import pickle / return pickle`). A name
    Python 3 has as a builtin (`from
    future_builtins import map`) is no loss; a star import in the handler may bind any name, and one in the try
    (`try: from Tkinter import *`) stays guarded (which names it binds is not read here). check's W1648, and so
    fix's rewrite (of what check reports), ask this."""
    if statement not in node.body or not _imports_py2_module([statement]):
        return False
    if isinstance(statement, ast.Import):  # `import os, Queue`: os is bound before Queue fails
        aliases = [alias for alias in statement.names if alias.name in PY2_ONLY_MODULES]
    else:
        aliases = statement.names
    names = {alias.asname or alias.name.split(".")[0] for alias in aliases} - _PYTHON3_BUILTINS
    if not names or "*" in names:
        return False
    handler = next((h for h in node.handlers if catches_import_error(h)), None)
    if handler is not None and isinstance(handler.body[-1], (ast.Return, ast.Raise)):
        return False  # it leaves: nothing after the try runs without the names (Twisted's plugin.py returns pickle)
    bound = _bound_in(handler.body) if handler is not None else set()
    return "*" not in bound and not names <= bound


_PYTHON3_BUILTINS = frozenset(dir(builtins))


def _bound_in(body) -> set:
    """The names the statements of `body` bind in their scope (not inside the functions or classes they define)."""
    found, todo = set(), list(body)
    while todo:
        node = todo.pop()
        found.update(stores(node))
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
    return found


def _imports_py2_modules_only(body) -> bool:
    """Each statement of the block imports Python-2-only standard modules and nothing else: it fails on every
    Python 3, never on Python 2. An import of another module beside them (`import cPickle` / `import yaml`) may fail
    on Python 2 too, which then runs the fallback as well (tryout21 #6)."""
    return bool(body) and all(
        isinstance(stmt, ast.Import) and all(alias.name in PY2_ONLY_MODULES for alias in stmt.names)
        or isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module in PY2_ONLY_MODULES for stmt in body)


def _imports_removed_names(body) -> bool:
    """Each statement of the block imports names a standard module had on Python 2 and has no more on Python 3,
    and nothing else (`from itertools import izip, imap`: diracmod/source/tables.py REMOVED_ATTRIBUTES): the block
    fails on every Python 3, never on Python 2. A name of Python 2's module the table does not list (`from
    itertools import izip, count`) may be missing on Python 2 for all it knows: no such block."""
    return bool(body) and all(
        isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module in ATTRIBUTES_BY_MODULE
        and all(any(alias.name in names for _, names in ATTRIBUTES_BY_MODULE[stmt.module]) for alias in stmt.names)
        for stmt in body)


def try_py3_blocks(node: ast.Try):
    """Which of a try statement's handlers only Python 3 runs, a list of bodies: the import fallbacks of a try
    whose body fails on Python 3 only (imports only modules Python 3 lacks, _imports_py2_modules_only, or names only
    Python 2's module has: `try: from itertools import izip` / `except ImportError: izip = zip`), and the name
    fallbacks of `try: xrange` / `except NameError: xrange = range`."""
    imports = [h for h in node.handlers if import_fallback(h)]  # the handlers first: most tries have none such
    if imports and (no_python3_side(node)
                    or not (_imports_py2_modules_only(node.body) or _imports_removed_names(node.body))):
        imports = []
    return [h.body for h in node.handlers
            if h in imports and not _imports_py2_module(h.body) or _name_fallback(h)]

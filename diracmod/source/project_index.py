"""Which methods the project's own classes define in a way a receiver rewrite would not fit (tryout6b #5,
tryout7 #11): check and fix read one module at a time, and rules/py3k/imported_origin.py follows the module's own
flow of values; but a parameter or an attribute (`def f(bag): return bag.keys() + ("x",)`) may be an object of a
class another module of the project defines (`class Bag: def keys(self): return tuple(...)`), for which
`list(bag.keys())` changes Python 2's behaviour. So once per run the project's files are read (the directory
settings are read from, as discovery walks it: its excludes, no symlink out of the tree; regular files within the
size limit) and indexed, cheaply: a bytes scan for the `def` of a watched method inside a class, and an ast parse
of that one method's lines only.

A definition counts where its result (or its shape) may differ from the builtin's a rewrite assumes (`_changes`):
- keys/values/items (list(o.keys())): unless each return gives a list (`[...]`, a list comprehension,
  `list(...)`, `sorted(...)`, `x.keys()`/`values()`/`items()`, Python 2's builtin `zip(...)`/`map(...)`) and the
  body ends in a return or raise. fix wraps such a zip or map in list() in the same run (and a filter, which
  Python 2 gives a str or a tuple of one): `list(zip(...))` is judged as the `zip(...)` it was, so that a second
  run judges the rewritten method as the first did (tryout10b #2); a zip or map is the builtin where the module
  binds the name nowhere (no import, star import, parameter, assignment, def: whatever the scope);
- iterkeys/itervalues/iteritems (six.iteritems(o), iter(o.iteritems()) on Python 2): unless it is a generator or
  each return gives an iterator (`iter(...)`, `x.iteritems()`..., `six.iteritems(...)`...);
- next (next(o)): a staticmethod or classmethod, or parameters beyond self without defaults;
- has_key, sort, xreadlines, translate, encode, decode: any (`in` calls __contains__, key= may not be taken...);
- __contains__ (d.has_key(k) -> k in d, which calls it, Python 2's has_key does not: tryout10 #3): any, in a class
  with a base other than object (an object of a class based on object alone has no has_key);
- __getitem__ (exc[i] -> exc.args[i]): any, in a class that is (by its bases' names, across the project) an
  exception class, or a base of one.
- __div__, __rdiv__, __idiv__ (a float `/` under the division import calls __truediv__...: tryout11 #7): in a class
  whose body binds the one and not its true-division counterpart, in any binding form (a file naming one is parsed,
  its class bodies read by scopes.class_body_bindings: chained and tuple targets, loop targets, exec...: tryout12
  #2); not for a file of the run (`run`) where fix gives the class the alias (scopes.method_alias), kept where fix
  leaves it (DM161-DM165).
- the rich comparisons, and __cmp__ beside one (cmp(a, b) -> (a > b) - (a < b), which calls __gt__ and __lt__
  alone: tryout11 #13): any; kept apart (`ordered`), by class name, with the classes whose bases' names hold such
  a class (across the project), or whose metaclass's name is such a class (`__metaclass__ = M`,
  `@six.add_metaclass(M)`, a module's `__metaclass__ = M` for its classes without bases: the class objects are
  then cmp()'s ordered operands, tryout15 #1): a module naming one of them leaves its cmp() calls
  (rules/py3k/runtime.py, cmp_orders_otherwise). A class `type(name, bases, dict)` (or types.ClassType) makes
  counts too, by the names it is assigned to and its literal name, unless its dict is a display of written-out
  keys none of which is a rich comparison (`type_made`: tryout13 #5), read on the tree of a file whose text holds
  such a call; not one a file that does not parse makes.
Decorated methods (a property, a staticmethod...) and methods whose lines cannot be parsed alone count too.

`assigned` (tryout15 #2, #11): the names each module of the project has assigned as its attributes by another
module (or itself) of the project: `mod.repr = f` with `import mod` (`pkg.mod.repr = f` with `import pkg.mod`,
`m.repr = f` with `from pkg import mod as m`, in any function too), `setattr(mod, 'repr', f)`,
`mod.__dict__['repr'] = f`, `vars(mod).update(...)` or a setattr of a name not written out (any name: "*"), a
test's `mock.patch('pkg.mod.repr', ...)`, `mock.patch.object(mod, 'repr', ...)`, `monkeypatch.setattr(...)`,
`sys.modules['pkg.mod'].repr = f`, `mock.patch.multiple('pkg.mod', repr=f)` (its keywords' names), the module's
namespace handed to a call (`patch.dict(mod.__dict__, {...})`, `monkeypatch.setitem(vars(mod), 'repr', f)`: the
name written out after it, else "*"), through an import on a backslash-continued line too (tryout17 #3): Python 2 then reads that binding where the module names `repr`, which a
rewrite bringing the name in (a backtick's `repr(x)`, `return` for `raise StopIteration`) would change;
builtin_uses' unseen-binding answer reads them (ProjectIndex.outside, set on the module's tree by check's engine).
And a builtin's name written as the attribute of any expression ending in a call or a subscript that names the
module, or into its namespace (`__import__('pkg.b4', None, None, ['x']).raw_input = f`, `vars(sys.modules[
'pkg.b2'])['raw_input'] = f`, `importlib.import_module(...)`: tryout19 #5, _expression_writes).
A module is named by its last dotted component (`mod` for pkg/mod.py, `pkg` for pkg/__init__.py): a module of
another package of that name is taken as assigned too (more left, never less). Read on the bytes alone (no parse:
the scan costs little), a superset: in a comment or a string too, a class's attribute taken as a module's. Not an
alias of the module bound otherwise (`m = mod`, `ns = vars(mod)`): README's known limits. A name written into the
builtins module (`__builtin__.raw_input = f`, six.moves' `builtins`, a module's `__builtins__` dict: BUILTINS_KEYS)
counts for every module (tryout21 #1: ProjectIndex.outside).

Apart from the methods (`readers`, module_reads, tryout16 #5 #6): what a module of the project reads of another by
a star import or as `module.urllib2` (a standard module W1648's rewrite may unbind), for fix's W1613/W1609
spelling (six.moves.range inline where `from six.moves import range` would reach a star importer) and W1648's
import left (DM141) where its removal would take an attribute another module reads. A bytes scan, 0.04 s of the
1,875 files of Django 1.4 (of ~38 s CPU for `fix -j 1`); `from client import urllib2` (any item),
`sys.modules['client'].urllib2`, `__import__('client').urllib2`, `vars(client)['urllib2']` too (tryout17 #1), and
any spelling by a quoted name (`'urllib2'`) in the module's own file or in a file naming the module (tryout19 #1 #2:
_quoted_reads).

Each file is read once, and what the index takes of it (Facts: classes, methods, metaclasses, the attributes it
assigns and reads, its locale call) is kept in one memo keyed by the file's identity and stamp; the names that
name a module (the import items) are read once for the assigned and readers scans (_import_items).

Apart from the classes (`sets_locale`, tryout16 #13): where the first call of the run's files setting the character
locale is (`locale.setlocale(LC_ALL or LC_CTYPE, name)`, or a category not written out; not a query, `setlocale(LC_ALL)`
or with None; `resetlocale()`; through a name bound to either, `from locale import setlocale as set_loc`: tryout17 #7): Python 2's setlocale updates the string module's letters, lowercase and uppercase for the whole
process, so `string.letters` -> `string.ascii_letters` is left in every module of such a run (rules/py3k/moves.py).
"""
from __future__ import annotations

import ast
import bisect
import builtins
import functools
import itertools
import json
import keyword
import os
import re
import stat
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from diracmod.core.config import DEFAULT_EXCLUDE, PROJECT_FILES
from diracmod.core.discover import discover
from diracmod.source import doctest_strings, escape_shims, guards, six_copy
from diracmod.source.parse import parse
from diracmod.source.reader import SourceError, read_regular
from diracmod.source import module_nodes
from diracmod.source.scopes import class_body_bindings, method_alias, stores
from diracmod.source.tables import DICT_READING_BUILTINS, DICT_READING_METHODS, PY2_ONLY_MODULES, STDLIB_MOVES

_LISTS = frozenset({"keys", "values", "items"})
_ITERATORS = frozenset({"iterkeys", "itervalues", "iteritems"})
_LAZY = frozenset({"zip", "map"})  # Python 2's builtins giving a list, whatever they are given
_WRAPPED = _LAZY | {"filter"}  # and filter: fix wraps these in list() (a filter of a str gives a str)
_ANY = frozenset({"has_key", "sort", "xreadlines", "translate", "encode", "decode", "__getitem__", "__contains__"})
# Python 2's classic-division methods and what `/`, `/` from the right and `/=` call under the division import
# (tryout11 #7): a class binding one and not the other in its body is indexed
DIVISION = {"__div__": "__truediv__", "__rdiv__": "__rtruediv__", "__idiv__": "__itruediv__"}
# what Python 2's cmp() calls, which (a > b) - (a < b) does not (tryout11 #13)
ORDERS = ("__cmp__", "__lt__", "__gt__", "__le__", "__ge__", "__eq__", "__ne__")
_ANY = _ANY | frozenset(ORDERS)
WATCHED = _LISTS | _ITERATORS | _ANY | {"next"} | set(DIVISION)

_NAMES = b"|".join(sorted(name.encode() for name in WATCHED))
# each led by a literal, which the regex engine finds fast (a pattern anchored at line starts scans 10x slower)
_DEF = re.compile(rb"def[ \t]+(" + _NAMES + rb")[ \t]*\(")
_HEADER = re.compile(rb"(class|def)[ \t]+(\w+)")
_CLASS = re.compile(rb"class[ \t]+(\w+)[ \t]*(?:\(([^)]*)\)?)?")
# a class attribute of a watched name (`items = _iteritems`): a superset, found by bytes.find, the name first (most
# files hold none of its two needles: half the scans)
_ASSIGNED = tuple((name.encode(), (name.encode() + b" =", name.encode() + b"="))
                  for name in sorted(WATCHED | set(DIVISION.values())))
_WORD = re.compile(rb"\w+")
# a watched method attached outside a class body (tryout9 #9, tryout12 #9): `Token.encode = f`, `cls.sort = f`,
# `setattr(Rows, "sort", f)`, `type.__setattr__(C, "next", f)`: found by these, then read on the file's tree
_ATTACHED = re.compile(rb"\.(" + _NAMES + rb")[ \t]*=(?!=)")
_SETATTR = re.compile(rb"setattr(?:__)?\([^,)]*,[ \t]*['\"](?:" + _NAMES + rb")['\"]|__setattr__\([ \t]*['\"](?:"
                      + _NAMES + rb")['\"]")
# `setattr(Token, name, f)` with a name not written out (a loop over literal names, tryout10 #9)
_SETATTR_COMPUTED = re.compile(rb"setattr\([^,]*,[ \t]*(?![ \t'\"])")
_EXCEPTIONS = frozenset(name for name, value in vars(builtins).items()
                        if isinstance(value, type) and issubclass(value, BaseException)) | {"StandardError"}
_EXCEPTION_NAME = re.compile(r"(Error|Exception|Warning|Exit|Interrupt)$")
# what a file names where an entry concerns it: `exc[i]` is read in an except clause, `__contains__` by has_key's `in`
_CONTEXT = {"__getitem__": b"except", "__contains__": b"has_key", **{old: b"/" for old in DIVISION}}
_ORDERS_CONTEXT = b"cmp"  # a file calling cmp() (or naming it otherwise)
# `type(name, bases, ...`: a call with two commas at its top level (a first argument with one level of parentheses
# too), the superset of the files whose tree type_made reads (tryout13 #5): one pattern for each name, led by it and
# its word boundary looked behind (a leading `\b` or alternation lost the literal's fast search: 5x slower)
_TYPE_CALLS = tuple(re.compile(name + rb"(?<=\b" + name + rb")[ \t]*\((?:[^(),]|\([^()]*\))*,(?:[^(),]|\([^()]*\))*,")
                    for name in (rb"type", rb"ClassType"))
# what the project index says a class type() makes defines, whose dict it does not read (`ordered`'s methods)
MADE = "the comparisons type() may give it"
_RICH = frozenset(ORDERS) - {"__cmp__"}


@dataclass(frozen=True)
class ProjectIndex:
    """(method, where) for each watched method some class of the project defines in a way its rewrite would not
    fit: `where` the first such definition (`path:line`, relative to the root), sorted; `ordered`: (class name,
    methods, where) for each class of the project defining a rich comparison (methods: theirs, where:
    their first definition), or based on such a class (its base's). Picklable, hashable: it travels in check's and
    fix's plans to their workers."""
    entries: tuple = ()
    ordered: tuple = ()
    # (module key, name or "*", how) for each attribute some module of the project assigns another one (or its
    # own) by name: the module's last dotted component (module_key), sorted
    assigned: tuple = ()

    def outside(self, path: str, text=None) -> dict:
        """name (or "*": any name) -> how, for each attribute of the module at `path` that a module of the project
        assigns by its name (`import b6; b6.repr = f`): the module may hold that name bound without writing it.
        With the module's `text` (str or bytes), only the names it may read: "*", those its text holds, and those a
        rewrite may bring in unwritten (READ_UNWRITTEN: a backtick's repr...), so that check's result cache keys on
        what the findings read (two files alike, one of them assigned an attribute it never reads, share results).
        A name (not a dunder) written into the builtins module anywhere in the project is every module's, its how
        ending in INTO_BUILTINS (tryout21 #1)."""
        found = self._assigned_by_module.get(module_key(path), {})
        everywhere = self._assigned_by_module.get(_EVERY_MODULE)
        if everywhere:  # a name written into the builtins module: every module reads it where it binds none
            found = {**everywhere, **found}
        if text is None or not found:
            return found
        held = (lambda name: name in text) if isinstance(text, str) else (lambda name: name.encode() in text)
        return {name: how for name, how in found.items() if name == "*" or name in READ_UNWRITTEN or held(name)}

    @functools.cached_property
    def _assigned_by_module(self) -> dict:
        """module key -> name -> how of `assigned`, built once per index (an lru_cache keyed on the tuple hashed
        its thousands of entries at every file: 0.4 s of a Django fix)."""
        found: dict = {}
        for key, name, how in self.assigned:
            found.setdefault(key, {}).setdefault(name, how)
        for key in sorted(BUILTINS_KEYS & found.keys()):
            for name, how in found[key].items():
                if not name.startswith("__"):  # `__builtin__.__import__ = hook`: DM431's (import_hook_setting)
                    found.setdefault(_EVERY_MODULE, {}).setdefault(name, how + INTO_BUILTINS)
        return found

    @functools.cached_property
    def _flags_by_module(self) -> dict:
        """module key -> name -> (body, else) of `flags`, built once per index."""
        found: dict = {}
        for key, name, body, orelse in self.flags:
            found.setdefault(key, {})[name] = body, orelse
        return found

    # (module stem, name, where) of what some module of the project reads of another (module_reads): `where` the
    # first place, sorted
    readers: tuple = ()

    def read_of(self, path: str) -> dict:
        """name -> where (`path:line`) of what other modules of the project read of the module at `path`
        (module_reads: STAR for a star import of it, `urllib2` for `client.urllib2`), matched by the last
        component of its name (a module of another package named alike counts too)."""
        stem = module_key(path)
        return {name: where for module, name, where in self.readers if module == stem}

    # `path:line` of the first call of the project setting the character locale (_locale_line), "" for none
    sets_locale: str = ""
    # `path:line (how)` of the project's first import hook taking four arguments (import_hook_setting: tryout17b
    # #1), "" for none
    import_hook: str = ""

    def orders(self, name: str) -> tuple:
        """(methods, where) of the project's class `name` defining or inheriting __cmp__ or rich comparisons, or
        ()."""
        return next(((methods, where) for klass, methods, where in self.ordered if klass == name), ())

    def why(self, method: str) -> str:
        return next((where for name, where in self.entries if name == method), "")

    def context(self, data: bytes) -> str:
        """What the entries say about the methods a file's text names (check's result cache keys on it): a `def
        keys` added elsewhere is a cache miss for the files calling some `.keys`, and only for them (for
        __getitem__, the files with an except clause: `exc[i]`)."""
        return "\0".join([f"{name}={where}" for name, where in self.entries
                          if _CONTEXT.get(name, name.encode()) in data]
                         + [f"{klass}={methods}={where}" for klass, methods, where in self.ordered
                            if _ORDERS_CONTEXT in data]
                         + ([f"setlocale={self.sets_locale}"] if self.sets_locale and b"string" in data else [])
                         + ([f"globs={self.doctest_globs}"] if self.doctest_globs and b">>>" in data else [])
                         + [f"flag={key}.{name}={body},{orelse}" for key, name, body, orelse in self.flags
                            if name.encode() in data]
                         + [f"shim={key}.{name}" for key, name in self.escape_shims if name.encode() in data]
                         + [f"mro={name}={where}={base}" for name, where, base in self.classic_mro if name.encode() in data]
                         + [f"reads={key}.{name}={','.join(names)}" for key, name, names in self.dict_readers
                            if name.encode() in data]
                         + [f"raised={name}={where}" for name, where in self.raised_classic
                            if name.encode() in data])

    # `path:line` of the project's first place handing doctest globals of its own (_globs_line), "" for none
    doctest_globs: str = ""
    # (module key, name, body, else) of each version flag a module of the project defines (_flag_definitions: the
    # sides of `if name:`, guards.module_flags), where every module of that key defining the name agrees, sorted
    flags: tuple = ()

    def flags_of(self, key: str) -> dict:
        """name -> (body, else) of the version flags the project's modules named `key` (module_key) define, which
        a module importing them reads as its own (guards.module_flags' `imported`: tryout17 #8)."""
        return self._flags_by_module.get(key, {})

    # (module key, name) of each function a module of the project defines decoding its argument with a
    # unicode-escape codec (Facts.escape_shims: testtools.compat's `_u`), sorted
    escape_shims: tuple = ()

    def escape_shim(self, key: str, name: str) -> bool:
        """Does a module of the project named `key` (module_key) define `name` as a shim of six.u (a literal
        handed to it is text on both Pythons: unicode-escape-in-byte-string's six_u_argument, tryout20b #1)?"""
        return (key, name) in self.escape_shims

    # (old-style class name, `path:line class C(bases)`, base) of each classic class of the project that some
    # class's MRO needs classic (mro_left: tryout20b #7; base "": C3 fails, else the base that may stay classic
    # listed after it, which `object` would precede: tryout23 #3), sorted
    classic_mro: tuple = ()

    def mro_left(self, name: str) -> str:
        """`path:line class C(bases)` of a class of the project Python 2 could no longer create were the classic
        class `name` new-style, "" for none."""
        return next((where for klass, where, base in self.classic_mro if klass == name and not base), "")

    def mro_shadowed(self, name: str) -> tuple:
        """(`path:line class C(bases)`, base) of a class of the project listing the classic class `name` (or a
        classic class based on it) before `base`, a base that may stay classic on Python 2, whose methods
        `object` would shadow were `name` new-style (tryout23 #3); None for none."""
        return next(((where, base) for klass, where, base in self.classic_mro if klass == name and base), None)

    # (module key, class name) of each class of the project with no rich comparison nor __cmp__, nor any base
    # giving one (_plain_classes), sorted
    plain_classes: tuple = ()

    @functools.cached_property
    def plain(self) -> frozenset:
        """plain_classes as a set, built once per index (what cmp-method's rewrite asks: FixContext.plain)."""
        return frozenset(self.plain_classes)

    # (module key, dict name, names) for a module-level dict another module of the project loops over by a view
    # (`cache.CACHE.keys()`, Facts.view_reads): the module's functions and classes none of whose code (nor what it
    # reaches of the module) may change the dict (_dict_readers), where every module of that key agrees, sorted
    dict_readers: tuple = ()

    def reading_functions(self, key: str, name: str) -> tuple:
        """The names of the module `key` (module_key) that only read its dict `name` (tryout18 #12), or ()."""
        return next((names for module, dict_name, names in self.dict_readers if (module, dict_name) == (key, name)),
                    ())

    # (old-style class name, `path:line`) of each classic class of the project that the project raises or catches,
    # itself or a class based on it (classic_raised: tryout23 #7), sorted
    raised_classic: tuple = ()

    def raised_where(self, name: str) -> str:
        """`path:line` of the first place the project raises or catches the classic class `name` (or a class based
        on it), "" for none."""
        return next((where for klass, where in self.raised_classic if klass == name), "")


# the names a module may read without its text holding them, which a rewrite brings in or a rule asks about: the
# builtins of both Pythons, a module-level __metaclass__, six and the builtins module
READ_UNWRITTEN = frozenset(dir(builtins)) | frozenset({
    "basestring", "long", "unicode", "file", "reduce", "cmp", "apply", "xrange", "raw_input", "execfile", "unichr",
    "buffer", "intern", "coerce", "StandardError", "reload", "__metaclass__", "six", "builtins", "__builtin__"})


# the module keys of the builtins module (`import __builtin__`, six.moves' `builtins`; a module's `__builtins__`
# is its dict), whose attributes every module of the process reads where it binds no name of its own (tryout21
# #1): what the project writes there counts for every module (ProjectIndex.outside, under _EVERY_MODULE), its how
# ending in INTO_BUILTINS (builtin_uses tells such a write from one into the module's own namespace)
BUILTINS_KEYS = frozenset({"__builtin__", "builtins", "__builtins__"})
INTO_BUILTINS = ", written into the builtins module in the project (every module reads it)"
_EVERY_MODULE = "\0every module"


def module_key(path: str) -> str:
    """How `assigned` and `readers` name the module at `path`: the last component of the dotted name it is
    imported by (`client` for pkg/client.py, a package's directory's name for its __init__)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.basename(os.path.dirname(os.path.abspath(path))) if stem == "__init__" else stem


def for_config(config, paths, mapped=map) -> ProjectIndex:
    """The index check and fix both read (the same inputs, so the same answers): the project root settings are
    read from, where a settings file marks it and holds some of the checked `paths`; else (a tree without
    pyproject.toml, setup.cfg or tox.ini, or paths outside the working directory's project: tryout9 #8) what was
    given, each directory and each file's own directory, or where that is a package the parent of its top package
    (tryout10 #6), never another parent of them (which may be anything). Walked as
    discovery walks it with the default excludes only (a file `exclude` keeps from being checked still defines
    classes), each regular file within the size limit; `mapped`: build's."""
    root = os.path.abspath(config.root)
    limit = int(config.max_file_size * 1_000_000)
    run = tuple(paths)
    if _marked(root, paths):
        return build(root, DEFAULT_EXCLUDE, limit, run=run, mapped=mapped)
    tops = _tops(paths)
    return build(os.path.commonpath(tops), DEFAULT_EXCLUDE, limit, tops, run, mapped) if tops else ProjectIndex()


def _marked(root: str, paths) -> bool:
    """A settings file marks `root` as the project's, and it holds some of `paths`."""
    return any(os.path.isfile(os.path.join(root, name)) for name in PROJECT_FILES) and any(
        os.path.commonpath([root, os.path.abspath(path)]) == root for path in paths)


def _tops(paths) -> list:
    """The directories for_config reads where no settings file marks the project's root."""
    tops = sorted({_above_packages(os.path.abspath(path) if os.path.isdir(path)
                                   else os.path.dirname(os.path.abspath(path))) for path in paths})
    # a top inside another is walked with it
    return [top for top in tops if not any(top != other and os.path.commonpath([top, other]) == other
                                           for other in tops)]


def unmarked_scope(config, paths) -> list:
    """The directories for_config(config, paths) reads when no settings file (pyproject.toml, setup.cfg, tox.ini)
    was found above them (the working directory is the root then), else []: modules outside them (a test writing
    `__builtin__.raw_input = fake`) are not seen, which fix's summary says (tryout24 #6)."""
    root = os.path.abspath(config.root)
    if not paths or any(os.path.isfile(os.path.join(root, name)) for name in PROJECT_FILES):
        return []
    return _tops(paths)


def _above_packages(directory: str) -> str:
    """The directory, or where it is a package (holds `__init__.py`: `fix pkg/sub/`, tryout10 #6) the parent of
    the top package it belongs to, which Python imports it from, as its modules import their package's classes."""
    while os.path.isfile(os.path.join(directory, "__init__.py")) and os.path.dirname(directory) != directory:
        directory = os.path.dirname(directory)
    return directory


def build(root: str, exclude: tuple, max_bytes: int, tops: list | None = None, run: tuple = (),
          mapped=map) -> ProjectIndex:
    """The index of the files under `tops` (default: `root`), named relative to `root`. `run`: the paths of the
    files checked or fixed in this run, whose classes' division methods are not indexed: fix gives such a class
    `__truediv__ = __div__` in the same run (div-method, W1642), and a second run must judge alike. `mapped`: a map
    reading the *.py files' Facts (check's engine.spread: in the run's -j processes; the index is built before
    them, serial in a run's wall time), whose results are merged in discovery's order."""
    real: list = []  # the real paths of `run`, once a division method is found
    found: dict = {}  # method -> [(relative path, line, class)]
    bases: dict = {}  # class name -> set of the names its bases' text holds
    assigned: set = set()  # (module key, name, how)
    built_by: dict = {}  # class name -> set of the names its metaclass's text holds (_metaclasses)
    readers: dict = {}  # (module stem, name) -> the first (relative path, line) reading it (module_reads)
    # every other name: a file a project file runs is read whatever its name (tryout19 #3), which only the *.py
    # files' reads tell (other_readers keeps the rest to other_reader_name's; Django 1.4: 3,046 names, not 300)
    discovered = discover(tops or [root], exclude, _any_name)
    files = discovered.files
    # the first file's (in discovery's order) call setting the character locale, import hook, doctest globs
    locale = hook = globs = ""
    executed: set = set()  # the names of the files the project's files run by execfile (Facts.executed)
    flags: dict = {}  # (module key, name) -> {(body, else)} of the version flags its modules define
    shims: set = set()  # (module key, name) of the shims of six.u its modules define (Facts.escape_shims)
    lineage: dict = {}  # class name -> [(bases, (relative path, line))] (Facts.lineage)
    unknown: set = set()  # the class names plain_classes does not trust: made by type(), decorated (Facts.decorated)
    hook_imports: list = []  # (module key, name, relative path, `line (how)`) (Facts.hook_imports)
    views: set = set()  # (module key, name) of the dicts of other modules the project's files loop over by a view
    raised: dict = {}  # name -> the first (relative path, line) raising or catching it (Facts.raised)

    def sources():
        """(path, Facts) of the *.py files (read by `mapped`), then of the other files the index reads as Python
        source for every fact alike (tryout18 #2 #4 #17 #18 #23-#25: other_readers), once the *.py files have named
        the files they run (a few: one by one, as a text file an earlier one runs is read whole)."""
        read = [path for path in files if not _six_copy(path)]
        yield from zip(read, _many_facts(read, max_bytes, mapped))
        for path in other_readers(discovered.others, frozenset(executed)):
            if not _six_copy(path):
                yield path, _facts(path, max_bytes,
                                   path.endswith(_TEXT_SUFFIXES) and os.path.basename(path) not in executed)

    for path, facts in sources():
        executed.update(facts.executed)
        relative = os.path.relpath(path, root)
        for stem, name, line in facts.reads:
            place = (relative, line)
            readers[stem, name] = min(readers.get((stem, name), place), place)
        for name, words in facts.classes:
            bases.setdefault(name, set()).update(words)
        for name, words in facts.metaclasses:
            built_by.setdefault(name, set()).update(words)
        assigned.update((key, name, f"{text} ({relative}:{line})") for key, name, line, text in facts.writes)
        methods = facts.methods
        if run and facts.aliased:
            real = real or [frozenset(os.path.realpath(given) for given in run)]
            if os.path.realpath(path) in real[0]:
                methods = [entry for entry in methods if entry not in facts.aliased]
        for method, line, klass in methods:
            found.setdefault(method, []).append((relative, line, klass))
        if facts.locale and not locale:
            locale = f"{relative}:{facts.locale}"
        if facts.hook and not hook:
            hook = f"{relative}:{facts.hook}"
        hook_imports.extend((key, name, relative, where) for key, name, where in facts.hook_imports)
        if facts.globs and not globs:
            globs = f"{relative}:{facts.globs}"
        for name, *pair in facts.flags:
            flags.setdefault((module_key(path), name), set()).add(tuple(pair))
        shims.update((module_key(path), name) for name in facts.escape_shims)
        for name, listed, line in facts.lineage:
            lineage.setdefault(name, []).append((listed, (relative, line)))
        unknown.update(facts.decorated, (name for name, _ in facts.classes[len(facts.lineage):]))
        views.update(facts.view_reads)
        for name, line in facts.raised:
            raised[name] = min(raised.get(name, (relative, line)), (relative, line))
    hook = hook or (_imported_hook(files, root, hook_imports) if hook_imports else "")
    entries = []
    plain = _plain_classes(lineage, found, unknown | built_by.keys())
    exceptions = _exception_classes(bases) if "__getitem__" in found else set()
    # a class whose metaclass orders is ordered itself (its objects, the class objects, are cmp()'s operands:
    # tryout15 #1), and so are the classes based on it (which Python 2 builds with that metaclass too)
    ordered = _ordered_classes({method: found.pop(method) for method in ORDERS + (MADE,) if method in found},
                               {name: bases.get(name, set()) | built_by.get(name, set())
                                for name in bases.keys() | built_by.keys()})
    for method, places in sorted(found.items()):
        places = [p for p in places if p[2] in exceptions] if method == "__getitem__" else places
        if method == "__contains__":  # an object based on object alone has no has_key (tryout10 #3)
            places = [p for p in places if bases.get(p[2], {""}) - {"object"}]
        if places:
            path, line, _ = min(places)
            entries.append((method, f"{path}:{line}"))
    return ProjectIndex(tuple(entries), ordered, tuple(sorted(assigned)), tuple(sorted(
        (stem, name, f"{path}:{line}") for (stem, name), (path, line) in readers.items())),
        sets_locale=locale, import_hook=hook, doctest_globs=globs,
        flags=tuple(sorted((*key, *pairs.pop()) for key, pairs in flags.items() if len(pairs) == 1)),
        escape_shims=tuple(sorted(shims)), classic_mro=tuple(sorted((name, *left) for name, left in mro_left(lineage).items())),
        plain_classes=plain,
        dict_readers=_dict_readers(views, files, max_bytes, assigned) if views else (),
        raised_classic=tuple(sorted(classic_raised(lineage, raised).items())))


def _plain_classes(lineage: dict, found: dict, unknown: set) -> tuple:
    """(module key, class name) of each class of the project Python 2 gives no rich comparison nor __cmp__ (tryout20
    #14: a `__cmp__` class's subclass may take it as its other base): every class statement of that name in the
    project has bases written out (_lineage), each `object` or such a class by its name, none defines or is
    attached one (`found`'s ORDERS, MADE, by the receiver's last name), none is `unknown` (made by type(),
    decorated, built by a metaclass); and no module attaches one to a receiver that is no class's name
    (`cls.__lt__ = f` in a decorator or a loop: it may reach any class, so none is plain then)."""
    comparing = {klass.rsplit(".", 1)[-1] for method in ORDERS + (MADE,) for _, _, klass in found.get(method, ())}
    if comparing - lineage.keys() - unknown:
        return ()
    verdict: dict = {}

    def plain(name: str) -> bool:
        if name not in verdict:
            verdict[name] = False  # a cycle of names is not trusted
            verdict[name] = name in lineage and name not in comparing and name not in unknown and all(
                bases is not None and all(base == "object" or plain(base) for base in bases)
                for bases, _ in lineage[name])
        return verdict[name]

    return tuple(sorted({(module_key(path), name) for name, places in lineage.items() if plain(name)
                         for _, (path, _) in places}))


_DOCTEST_OWN = (b"class DocTestRunner", b"def testmod(")
# doctest's callables taking globals, by the place of their globs parameter among the positional arguments (a
# method's after self; None: by keyword only) (tryout19 #10)
_GLOBS_AT = {"testmod": 2, "testfile": 4, "run_docstring_examples": 1, "DocTestSuite": 1, "DocFileTest": 3,
             "DocTest": 1, "Tester": 1, "debug_src": 2, "debug_script": 2, "get_doctest": 1, "find": 3,
             "DocFileSuite": None}
_GLOBS_CALLS = (b"globs", b"testmod", b"testfile", b"run_docstring_examples", b"DocTestSuite", b"DocFile",
                b"DocTest(", b"Tester", b"debug_src", b"debug_script", b"get_doctest", b".find(", b"compileflags",
                b".run(")
# doctest's callables taking compile flags, by the place of their compileflags parameter among the positional
# arguments (DocTestRunner.run's after self): flags given replace those of the globals' future imports (tryout20 #21)
_FLAGS_AT = {"run": 1, "run_docstring_examples": 4}
# the methods writing a dict in place: `test.globs.clear()` in a DocTestSuite's setUp
_DICT_WRITES = frozenset({"clear", "update", "setdefault", "pop", "popitem", "__setitem__", "__delitem__"})
# the bytes of a file writing a `globs` attribute (_writes_globs): `.globs`, its name quoted or a keyword
_GLOBS_WRITES = (b".globs", b"'globs'", b'"globs"', b"globs=")


def _globs_line(data: bytes) -> int:
    """The line of the file's first place handing doctest globals of its own (tryout18b #6): a call with a `globs=`
    keyword (`doctest.testmod(m, globs={...})`, `DocTestSuite(m, globs=g)`, `testfile(name, globs=g)`), an
    assignment to a `.globs` (`test.globs = {}`, sympy's runner); by position too (tryout19 #10): a call of one of
    doctest's callables taking globals (_GLOBS_AT, by its name) given that argument (`testmod(m, None, g)`,
    `DocTestFinder().find(m, 'm', m, g)`, `DocTestParser().get_doctest(doc, g, ...)`, `run_docstring_examples(f,
    g)`), or a `*args`/`**kw` that may hold it; a write in place (`test.globs.clear()`, `.update(g)`,
    `test.globs[k] = v`, del) in a DocTestSuite's setUp; 0 for none. A literal None hands the module's own.
    doctest compiles an example under the
    future imports of the globals it runs in, so there the examples of a module compile without the print_function
    fix adds to it (`extraglobs=` adds to the module's own: not counted), nor the plumbing of a copy of doctest (a
    module defining DocTestRunner or testmod). Compile flags given (`runner.run(test, compileflags=0)`,
    `run(test, 0)`, `run_docstring_examples(f, g, False, 'f', 0)`: _FLAGS_AT) replace the globals' future
    imports: counted alike (tryout20 #21). Read by a bytes scan for `doctest` and `globs` or a callable's name,
    then the tree of a file that names both; a `.globs` write is read in any file (tryout20 #5: the setUp writing
    it may live in a fixtures module naming no doctest, which a suite elsewhere is handed), but for an object's
    own `self.globs` there. A limit: a copy of the module's own globals handed back (Twisted's `test.globs =
    saved.copy()`), an addition (`.update(g)`) count too, which leaves more than needed, never less."""
    # not a copy of doctest (django/test/_doctest.py): its plumbing hands on the globals it is given
    if any(mark in data for mark in _DOCTEST_OWN):
        return 0
    named = b"doctest" in data and any(name in data for name in _GLOBS_CALLS)
    tree = _tree(data) if named or b"globs" in data and any(spelling in data for spelling in _GLOBS_WRITES) \
        else None
    hands = _hands_globs if named else functools.partial(_writes_globs, own=False)
    return min((node.lineno for node in (module_nodes.of_kind(tree, (ast.Call, ast.Attribute, ast.Subscript))
                                         if tree is not None else ()) if hands(node)), default=0)


def _writes_globs(node, own: bool = True) -> bool:
    """A write to a `globs` attribute (a DocTest's), by any spelling of its name (tryout21 #3): `test.globs = g`,
    `del test.globs`, `test.globs[k] = v`, `test.globs.update(g)`, `setattr(test, 'globs', g)` (setattr_call's
    spellings), `test.__dict__['globs'] = g`, `vars(test).update(globs=g)`, `.update({'globs': g})`,
    `.setdefault('globs', g)`; `own`: to an object's own `self.globs` too. Not a name not written out
    (`setattr(test, name, g)`, `vars(test).update(**kw)`): README's known limits."""
    receiver = _globs_receiver(node)
    return receiver is not None and (own or not (isinstance(receiver, ast.Name) and receiver.id == "self"))


def _globs_receiver(node):
    """The object whose `globs` attribute the node writes (_writes_globs), else None."""
    if isinstance(node, ast.Attribute):  # `test.globs = g`, `del test.globs`
        return node.value if node.attr == "globs" and not isinstance(node.ctx, ast.Load) else None
    if isinstance(node, ast.Subscript):
        if isinstance(node.ctx, ast.Load):
            return None
        if _globs_attribute(node.value):  # `test.globs[k] = v`
            return node.value.value
        return space_object(node.value) if _constant(node.slice) == "globs" else None  # `vars(test)['globs'] = g`
    call = setattr_call(node)
    if call is not None:
        return call[0] if _constant(call[1]) == "globs" else None
    function = node.func
    if not (isinstance(function, ast.Attribute) and function.attr in _DICT_WRITES):
        return None
    if _globs_attribute(function.value):  # `test.globs.update(g)`
        return function.value.value
    # the object's namespace: `test.__dict__.update(globs=g)`, `.update({'globs': g})`, `.setdefault('globs', g)`
    if any(keyword.arg == "globs" for keyword in node.keywords) or node.args and (
            _constant(node.args[0]) == "globs" or isinstance(node.args[0], ast.Dict)
            and any(_constant(key) == "globs" for key in node.args[0].keys if key is not None)):
        return space_object(function.value)
    return None


def _hands_globs(node) -> bool:
    written = _writes_globs(node)
    if written or not isinstance(node, ast.Call):
        return written
    if any(keyword.arg in ("globs", "compileflags") and not _none(keyword.value) for keyword in node.keywords):
        return True
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if name not in _GLOBS_AT and name not in _FLAGS_AT:
        return False
    # a method called on its class, `Base.run(self, result)` (Twisted's trial): the flags one place on
    unbound = bool(isinstance(function, ast.Attribute) and node.args and getattr(node.args[0], "id", None) == "self")
    flags = _FLAGS_AT[name] + unbound if name in _FLAGS_AT else None
    return any(keyword.arg is None for keyword in node.keywords) or any(
        any(isinstance(argument, ast.Starred) for argument in node.args[:at + 1])
        or len(node.args) > at and not _none(node.args[at])
        for at in (_GLOBS_AT.get(name), flags) if at is not None)


def _globs_attribute(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "globs"


def _constant(node):
    """The value of a literal, else None."""
    return node.value if isinstance(node, ast.Constant) else None


def _none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _locale_line(data: bytes) -> int:
    """The line of the file's first call setting the character locale (`setlocale(LC_ALL, '')`, `setlocale(
    LC_CTYPE, name)`, a category not written out: LC_* names but LC_CTYPE and LC_ALL leave the string constants;
    not a query: one argument, or None; `resetlocale()`, which sets LC_ALL or the category it is given; through a
    name the module binds to either, `from locale import setlocale as set_loc`: setlocale_names; or a reference to
    either handed on or fetched by getattr: setlocale_references), 0 for none or for a file that does not parse. Read by a bytes scan for `setlocale` (`resetlocale` holds it), then the tree of a
    file that names it."""
    tree = _tree(data) if b"setlocale" in data else None
    if tree is None:
        return 0
    names = setlocale_names(tree)
    return min((*(node.lineno for node in module_nodes.of_kind(tree, ast.Call)
                  if _sets_character_locale(node, names)), *setlocale_references(tree, names)), default=0)


def setlocale_names(tree: ast.Module) -> dict:
    """name -> "setlocale" or "resetlocale", for each name a call of which may be locale's setlocale or resetlocale
    (tryout17 #7): their own names (`locale.setlocale`, `L.setlocale`, a from-imported one), the names a `from
    locale import setlocale as set_loc` binds, and those a plain assignment gives one (`set_loc =
    locale.setlocale`)."""
    names = {"setlocale": "setlocale", "resetlocale": "resetlocale"}
    for node in module_nodes.of_kind(tree, ast.ImportFrom):
        if node.module == "locale":
            names.update((alias.asname, alias.name) for alias in node.names if alias.asname and alias.name in names)
    for node in module_nodes.of_kind(tree, ast.Assign):
        value = node.value
        written = value.attr if isinstance(value, ast.Attribute) else getattr(value, "id", "")
        if written in ("setlocale", "resetlocale"):
            names.update((target.id, written) for target in node.targets if isinstance(target, ast.Name))
    return names


def setlocale_references(tree: ast.Module, names: dict):
    """The lines of the module's references to setlocale or resetlocale (setlocale_names' `names`) other than a call
    or a plain binding to a name (which setlocale_names follows): handed on (`functools.partial(locale.setlocale,
    locale.LC_ALL)`, `map(locale.setlocale, ...)`), or fetched by `getattr(locale, "setlocale")`: the call is not
    seen, so it counts as setting the character locale (a superset; tryout18 #19)."""
    called, bound = set(), set()
    for node in module_nodes.of_kind(tree, (ast.Call, ast.Assign)):
        if isinstance(node, ast.Call):
            called.add(id(node.func))
            if getattr(node.func, "id", "") == "getattr" and any(
                    isinstance(argument, ast.Constant) and argument.value in ("setlocale", "resetlocale")
                    for argument in node.args[1:2]):
                yield node.lineno
        elif all(isinstance(target, ast.Name) for target in node.targets):
            bound.add(id(node.value))
    for node in module_nodes.of_kind(tree, (ast.Attribute, ast.Name)):
        written = node.attr if isinstance(node, ast.Attribute) else node.id
        if written in names and isinstance(node.ctx, ast.Load) and id(node) not in called and id(node) not in bound:
            yield node.lineno


def _sets_character_locale(call: ast.Call, names: dict) -> bool:
    function = names.get(call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", ""))
    if function is None:
        return False
    given = dict(zip(("category", "locale"), call.args)) | {k.arg: k.value for k in call.keywords}
    if any(isinstance(argument, ast.Starred) for argument in call.args) or None in given:
        return True  # `setlocale(*args)`, `setlocale(**settings)`: may be any
    category, name = given.get("category"), given.get("locale")
    if function == "resetlocale":  # resetlocale(category=LC_ALL): sets it to the default locale
        if category is None:
            return True
    elif name is None or isinstance(name, ast.Constant) and name.value is None:
        return False  # a query
    written = category.attr if isinstance(category, ast.Attribute) else getattr(category, "id", "")
    return not (written.startswith("LC_") and written not in ("LC_CTYPE", "LC_ALL"))


def _ordered_classes(found: dict, bases: dict) -> tuple:
    """(class name, methods, where) of each class defining or inheriting (by its bases' names, across the
    project, as _exception_classes reads them) a rich comparison, with __cmp__ if it has that too (`found`:
    method -> places; MADE for a class type() makes). __cmp__ alone is none: Python 2's `>` and `<` call it, as its
    cmp() does."""
    defined: dict = {}  # class name -> ({method}, first place)
    for method, places in found.items():
        for path, line, klass in places:
            methods, place = defined.get(klass, (frozenset(), (path, line)))
            defined[klass] = methods | {method}, min(place, (path, line))
    # the words of each class naming a class that defines or may inherit one, sorted; most classes name none and are
    # not looped over (Django: 0.5 s of the serial index build were this loop's set operations). Intersected
    # first: `words & possible - {name}` copied `possible` (every class name) for each class (0.3 s on Django)
    possible = defined.keys() | bases.keys()
    linked = [(name, linking) for name, words in sorted(bases.items())
              for linking in [sorted((words & possible) - {name})] if linking]
    changed = True
    while changed:
        changed = False
        for name, linking in linked:
            methods, place = defined.get(name, (frozenset(), None))
            for word in linking:
                if word not in defined:
                    continue
                inherited, there = defined[word]
                if not inherited <= methods:
                    methods, place = methods | inherited, place or there
                    changed = True
            if place is not None:
                defined[name] = methods, place
    return tuple(sorted((klass, ", ".join(method for method in ORDERS + (MADE,) if method in methods), f"{path}:{line}")
                        for klass, (methods, (path, line)) in defined.items() if methods - {"__cmp__"}))


_DIVISION_NAMES = frozenset(DIVISION) | frozenset(DIVISION.values())
_DIVISION_BYTES = tuple(name.encode() for name in DIVISION)
_SIX_FILES = frozenset({"six.py", "__init__.py"})  # a copy of six: six.py or six/__init__.py (source/six_copy.py)
_MEMO: dict = {}  # (path, device, inode, mtime, size, limit) -> _facts: a second run in one process reads changes only


class Facts(NamedTuple):
    """What the index takes of one file, read once (_facts)."""
    classes: tuple = ()  # ((class name, base words), ...)
    methods: tuple = ()  # ((method, line, class), ...) of the watched methods defined in a way a rewrite would not fit
    aliased: frozenset = frozenset()  # those of them fix gives their alias in a run fixing the file (_division_methods)
    metaclasses: tuple = ()  # ((class name, metaclass words), ...) (_metaclasses)
    writes: tuple = ()  # the attributes it assigns modules (_module_writes)
    reads: tuple = ()  # what it reads of other modules (_module_reads)
    locale: int = 0  # the line of its first call setting the character locale (_locale_line)
    hook: str = ""  # `line (how)` of its first four-argument import hook (_hook_line)
    globs: int = 0  # the line of its first place handing doctest globals of its own (_globs_line)
    executed: tuple = ()  # the names of the files it runs by execfile, runpy.run_path, exec of open() (_executions)
    flags: tuple = ()  # ((name, body, else), ...) of its module-level version flags (_flag_definitions)
    escape_shims: tuple = ()  # the names of its module-level shims of six.u (_escape_shims)
    lineage: tuple = ()  # ((class name, its bases' last names or None, line), ...) (_lineage)
    decorated: tuple = ()  # the names of its class statements under a decorator (_decorated_classes)
    # ((module key, function name, `line (how)`), ...) of its installs of an imported function as `__import__`
    # (_hook_imports)
    hook_imports: tuple = ()
    view_reads: tuple = ()  # ((module key, name), ...) of other modules' dicts it reads a view of (_view_reads)
    raised: tuple = ()  # ((name, line), ...) of what it raises or catches, first place each (_raised)


def _facts(path: str, max_bytes: int, doctest: bool = False) -> Facts:
    """The Facts of one file, from one read of it: empty for a file that is not read (not regular, too large...).
    `doctest`: a text file, of which its doctest examples' source only is read (doctest_source)."""
    return _many_facts([path], max_bytes, map, doctest)[0]


def _six_copy(path: str) -> bool:
    """six's own classes hold moved attributes (setattr with computed names), no user's data: not read."""
    return os.path.basename(path) in _SIX_FILES and six_copy.is_own_copy(path, None)


def _many_facts(paths: list, max_bytes: int, mapped, doctest: bool = False) -> list:
    """The _facts of each of `paths`, in order; those not in the memo read by `mapped(function, paths)` (a map:
    build's, in the run's worker processes), each file once."""
    keys = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            keys.append(None)
            continue
        keys.append((path, info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size, max_bytes, doctest))
    found = {key: _MEMO[key] for key in keys if key in _MEMO}
    todo = [(path, key) for path, key in zip(paths, keys) if key is not None and key not in found]
    read = functools.partial(_read_facts, max_bytes=max_bytes, doctest=doctest)
    for (_, key), facts in zip(todo, mapped(read, [path for path, _ in todo])):
        if facts is not None:  # a file that is not read is asked again
            if len(_MEMO) > 200_000:
                _MEMO.clear()
            _MEMO[key] = found[key] = facts
    return [found.get(key, Facts()) for key in keys]


def _read_facts(path: str, max_bytes: int, doctest: bool) -> Facts | None:
    """The Facts of one file's bytes, None for a file that is not read."""
    try:
        data = read_regular(path, max_bytes)
    except SourceError:
        return None
    if doctest:
        data = doctest_source(data)
    try:
        return _file_facts(path, data)
    finally:
        _LAST_TREE[0] = (None, None)  # the tree is the file's only: not kept


def _file_facts(path: str, data: bytes) -> Facts:
    matches = _class_statements(data)
    classes = tuple((match.group(1).decode(), frozenset(word.decode() for word in _WORD.findall(match.group(2) or b"")))
                    for match in matches)
    division = _division_methods(data) if classes and any(name in data for name in _DIVISION_BYTES) else None
    assigned = _assigned_needles(data) if classes else ()
    methods = (tuple(_changing_methods(data, assigned, division is None)) if classes and (
        assigned or _DEF.search(data)) else ()) + tuple(_attached(data))
    if any(pattern.search(data) for pattern in _TYPE_CALLS):
        made = _type_made_classes(data)
        classes += tuple((name, words) for name, _, words, _ in made)
        methods += tuple((MADE, line, name) for name, line, _, compares in made if compares)
    aliased = frozenset()
    if division is not None:
        methods += tuple(entry for entry, _ in division)
        aliased = frozenset(entry for entry, alias in division if alias)
    metaclasses = _metaclasses(data) if classes and b"metaclass" in data else ()
    imports = _import_items(data)
    return Facts(classes, methods, aliased, metaclasses, tuple(_module_writes(data, imports)),
                 _module_reads(path, data, imports), _locale_line(data), _hook_line(data),
                 _globs_line(data), tuple({os.path.basename(name) for _, name, _ in _executions(data)}),
                 _flag_definitions(data) if path.endswith(_MODULE_SUFFIXES) else (), _escape_shims(path, data),
                 _lineage(data, matches), _decorated_classes(data, matches) if b"@" in data else (),
                 _hook_imports(data), _view_reads(data, imports), _raised(data))


def _decorated_classes(data: bytes, matches: list) -> tuple:
    """The names of the class statements `matches` found whose previous line (blank and comment lines skipped) is a
    decorator's: starts with `@`, or ends with `)` (the end of one spread over lines), conservatively: a decorator of
    another module may give the class a rich comparison (`cls.__lt__ = f`), which plain_classes must not trust."""
    found = []
    for match in matches:
        end = match.start()
        while end > 0:
            start = data.rfind(b"\n", 0, end - 1) + 1
            line = data[start:end].strip()
            end = start
            if line and not line.startswith(b"#"):
                if line.startswith(b"@") or line.endswith(b")"):
                    found.append(match.group(1).decode())
                break
    return tuple(found)


# a view of a dict called (`.keys(`, `.iteritems(`...), found by the bytes of its name and `(`; the receiver before it,
# read backwards: `mod.NAME` or `NAME`
_VIEW_NAMES = (b"keys(", b"values(", b"items(")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _view_reads(data: bytes, imports: tuple) -> tuple:
    """((module key, name), ...) of the dicts of other modules the file reads a view of (tryout18 #12): `mod.NAME.keys(`
    where the file imports a module as `mod` (_modules: a superset), `NAME.items(` where a from-import binds NAME
    (`from cache import CACHE`: ("cache", "CACHE")). Read on the bytes, from each `keys(`, `values(`, `items(`:
    which modules' dicts _dict_readers reads; `keys (` spaced out is not seen (DM179 then)."""
    if not imports:
        return ()
    modules = taken = None  # read at the first view called on a receiver
    found = set()
    for at in (at for needle in _VIEW_NAMES for at in _finds(data, needle)):
        if data[at - 4:at] in (b"iter", b"view"):
            at -= 4
        name_at = _dotted_before(data, at)
        if name_at is None:
            continue
        name, at = name_at
        holder_at = _dotted_before(data, at)
        holder = holder_at[0] if holder_at is not None else None
        if modules is None:
            modules = _modules(imports)
            taken = {bound: (source, name) for bound, _, source, name, _ in imports if source is not None}
        if holder is not None and holder in modules:
            found.add((modules[holder].decode(), name.decode()))
        elif holder is None and name in taken and taken[name][0]:
            found.add((taken[name][0].decode(), taken[name][1].decode()))
    return tuple(sorted(found))


def _dotted_before(data: bytes, at: int):
    """(the word before `.` ending at `at`, where it starts) for `word.` (blanks around the dot), else None."""
    at = _blanks_before(data, at)
    if at < 1 or data[at - 1] != 0x2E:  # "."
        return None
    end = at = _blanks_before(data, at - 1)
    while at > 0 and data[at - 1] in _WORD_BYTES:
        at -= 1
    return (data[at:end], at) if at < end else None


def _blanks_before(data: bytes, at: int) -> int:
    while at > 0 and data[at - 1] in (0x20, 0x09):
        at -= 1
    return at


def _finds(data: bytes, needle: bytes):
    """The offsets of `needle` in `data`."""
    at = data.find(needle)
    while at != -1:
        yield at
        at = data.find(needle, at + len(needle))


def _dict_readers(views: set, files: list, max_bytes: int, assigned: set) -> tuple:
    """ProjectIndex.dict_readers: for each (module key, dict name) of `views`, the names every file of the project
    of that key defines only reading the dict (_readers_in), where some are; not a name some module of the project
    assigns that module (`cache.show = other`: `assigned`), nor any where one assigns it names not written out."""
    outside: dict = {}
    for key, name, _ in assigned:
        outside.setdefault(key, set()).add(name)
    wanted = {key for key, _ in views}
    by_key: dict = {}
    for path in files:
        if path.endswith(_MODULE_SUFFIXES) and module_key(path) in wanted:
            by_key.setdefault(module_key(path), []).append(path)
    found = []
    for key, name in sorted(views):
        readers = None
        for path in by_key.get(key, ()):
            mine = _file_readers(path, name, max_bytes)
            readers = mine if readers is None else readers & mine
        readers = frozenset() if "*" in outside.get(key, ()) else (readers or frozenset()) - outside.get(key, set())
        if readers:
            found.append((key, name, tuple(sorted(readers))))
    return tuple(found)


def _file_readers(path: str, name: str, max_bytes: int) -> frozenset:
    """_readers_in of the file at `path` for its dict `name`, memoized by the file's stamp; none for a file not read,
    not binding `name` at its first column, or without a def or class."""
    try:
        info = os.stat(path)
    except OSError:
        return frozenset()
    key = ("dict-readers", path, info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size, max_bytes, name)
    if key not in _MEMO:
        try:
            data = read_regular(path, max_bytes)
        except SourceError:
            data = b""
        found = frozenset()
        if re.search(rb"^" + re.escape(name.encode()) + rb"[ \t]*=", data, re.M) and (
                b"def " in data or b"class " in data):
            tree = parse(data.decode("latin-1")).tree
            found = _readers_in(tree, name) if tree is not None else frozenset()
        _MEMO[key] = found
    return _MEMO[key]


# what reaches any name of a module whatever its spelling: its namespace, code run from text, another module's
_NAMESPACE_NAMES = frozenset({"globals", "vars", "locals", "eval", "exec", "execfile", "__import__", "reload"})
_NAMESPACE_ATTRIBUTES = frozenset({"__dict__", "modules", "import_module"})
_LOOPS = (ast.For, ast.AsyncFor, ast.comprehension)
_BLOCKS = (ast.If, ast.Try, ast.While, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, *(
    (ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def _readers_in(tree: ast.Module, name: str) -> frozenset:
    """The functions and classes the module binds at its top level only by a def or a class, none of whose code
    may change its dict `name`, nor what it loads of the module's other names bound by a def, a class or an
    assignment: `name` (or an attribute
    spelled so) only read (an item looked up, a reading method such as get/keys/copy, a comparison, a loop over
    it, an argument of a reading builtin such as len/sorted), never stored, deleted, changed by a method, handed on
    or declared global; no globals()/vars()/exec/eval/`__dict__`/sys.modules, no string spelling the name
    (`getattr(mod, 'CACHE')`). Empty where the module binds `name` otherwise than by assignments (an import: the
    dict may be another module's, changed there). What a function of another module does is not read."""
    bindings: dict = {}  # top-level name -> its definitions (None: bound otherwise, an import, a loop target)
    todo = list(tree.body)
    while todo:
        statement = todo.pop()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bindings.setdefault(statement.name, []).append(statement)
            continue
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                for node in ast.walk(target):
                    if isinstance(node, ast.Name):
                        bindings.setdefault(node.id, []).append(statement.value if target is node else None)
            continue
        if isinstance(statement, _BLOCKS):  # their statements are the module's top level too
            todo.extend(child for field in ("body", "orelse", "finalbody") for child in getattr(statement, field, ()))
            todo.extend(child for handler in getattr(statement, "handlers", ()) for child in handler.body)
            heads = [getattr(statement, "target", None), *[item.optional_vars for item in getattr(
                statement, "items", ())], *[ast.Name(id=handler.name, ctx=ast.Store()) for handler in getattr(
                    statement, "handlers", ()) if handler.name]]
        else:
            heads = [statement]
        for node in (node for head in heads if head is not None for node in ast.walk(head)):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                bindings.setdefault(node.id, []).append(None)  # a loop's or a with's target, an augmented one...
            elif isinstance(node, ast.alias):
                bindings.setdefault((node.asname or node.name).split(".")[0], []).append(None)
    if not bindings.get(name) or None in bindings[name]:
        return frozenset()
    changes, loads = {}, {}
    for bound, definitions in bindings.items():
        if bound == name or None in definitions:
            continue
        changes[bound], loads[bound] = False, set()
        for definition in definitions:
            touched, loaded = _touches(definition, name, bindings)
            changes[bound] = changes[bound] or touched
            loads[bound] |= loaded
    again = True
    while again:  # what loads a changer changes too
        again = False
        for bound in changes:
            if not changes[bound] and any(changes.get(other) for other in loads[bound]):
                changes[bound] = again = True
    return frozenset(bound for bound, changed in changes.items() if not changed and all(
        isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for definition in bindings[bound]))


def _touches(definition, name: str, bindings: dict) -> tuple:
    """(whether `definition` may change the dict `name` by itself, the module's top-level names it loads)."""
    loaded = set()
    stack = [(definition, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True, loaded
        if isinstance(node, ast.Constant) and node.value == name:
            return True, loaded
        if isinstance(node, ast.Name) and node.id in _NAMESPACE_NAMES \
                or isinstance(node, ast.Attribute) and node.attr in _NAMESPACE_ATTRIBUTES:
            return True, loaded
        spelled = isinstance(node, ast.Name) and node.id == name or isinstance(node, ast.Attribute) \
            and node.attr == name
        if spelled and not _only_read(node, parent, bindings):
            return True, loaded
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in bindings:
            loaded.add(node.id)
        stack.extend((child, node) for child in ast.iter_child_nodes(node))
    return False, loaded


def _only_read(node, parent, bindings: dict) -> bool:
    """The dict `node` (a load of it) only read by `parent`: an item looked up, a reading method, a comparison, a
    loop over it, an argument of a reading builtin the module does not bind."""
    if not isinstance(node.ctx, ast.Load):
        return False
    if isinstance(parent, ast.Subscript):
        return parent.value is node and isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Attribute):
        return parent.attr in DICT_READING_METHODS
    if isinstance(parent, ast.Compare):
        return True
    if isinstance(parent, _LOOPS):
        return parent.iter is node
    return isinstance(parent, ast.Call) and parent.func is not node and any(arg is node for arg in parent.args) \
        and isinstance(parent.func, ast.Name) and parent.func.id in DICT_READING_BUILTINS \
        and parent.func.id not in bindings


def _escape_shims(path: str, data: bytes) -> tuple:
    """The names of the module's functions decoding their argument with a unicode-escape codec (escape_shims:
    testtools.compat's `_u`), which a module importing them calls as six.u (ProjectIndex.escape_shim, tryout20b
    #1). The tree is read only where the text names such a codec (Django 1.4: 3 of 1,875 files)."""
    if not path.endswith(_MODULE_SUFFIXES) or not escape_shims.may_define(data):
        return ()
    tree = _tree(data)
    return () if tree is None else tuple(sorted(escape_shims.decoding_defs(tree)))


# what a module-level definition of a version flag holds on the line it starts (guards.module_flags: `PY3K =
# sys.version_info[0] == 3`, `if sys.version_info < (3, 0):` then `_PY3 = False`..., `from six import PY3 as IS3`,
# `PY2K = six.PY2`), and how that line starts (at column 0: an assignment, an if, a from-import)
_FLAG_NEEDLES = (b"sys.version", b"sys.hexversion", b"PY2", b"PY3")
_FLAG_LINE = re.compile(rb"(?:(if\b)|from[ \t]+(?:[\w.]*\.)?six[ \t]|\w+[ \t]*(?::[^=\n]*)?=(?!=))")
_MODULE_SUFFIXES = (".py", ".pyw")  # what another module imports


def _flag_definitions(data: bytes) -> tuple:
    """((name, body, else), ...) of the module's version flags (guards.module_flags, read by their definition
    whatever their names: Twisted's compat `if sys.version_info < (3, 0): _PY3 = False / else: _PY3 = True`), which
    a module importing them reads alike (ProjectIndex.flags_of: tryout17 #8). The tree is read only where a line at
    column 0 assigning, testing or importing holds one of _FLAG_NEEDLES (Django 1.4: 4 of 1,875 files); nothing for
    a file that does not parse. A definition whose needle is on a continuation line is not seen (the flag is then
    read by its name alone). A try at column 0 whose handler catches NameError may probe a builtin for a flag (`try:
    unicode` / `except NameError: _PY3 = True`: tryout20 #6)."""
    if b"\nexcept NameError" in data:
        return _module_flags(data)
    for needle in _FLAG_NEEDLES:
        at = data.find(needle)
        while at != -1:
            line = _FLAG_LINE.match(data, data.rfind(b"\n", 0, at) + 1)
            if line and line.end() > at:  # in the target (`PY2K = six.PY2`): the line's next one
                at = data.find(needle, line.end())
                continue
            # the needle in the value or the test (not `_PY3Skip = "..."`); a test of a name (`if _PY3:`) only where
            # it is six's (a flag the module defines holds a needle where it is defined)
            if line and (line.group(1) is None or needle.startswith(b"sys.")
                                              or data[at - 4:at] == b"six."):
                return _module_flags(data)
            end = data.find(b"\n", at)  # the next line (a megabyte's one line is scanned back once only)
            at = data.find(needle, end) if end != -1 else -1
    return ()


def _module_flags(data: bytes) -> tuple:
    """((name, body, else), ...) of guards.module_flags of the file's tree; () for a file that does not parse."""
    tree = _tree(data)
    return () if tree is None else tuple(
        (name, *pair) for name, pair in guards.module_flags(tree).items() if pair != (None, None))


_LAST_TREE: list = [(None, None)]  # [(the bytes, their tree)]: one file's, read by several of its scans


def _tree(data: bytes):
    """The tree of a file's bytes (None where it does not parse), parsed once for the scans of _file_facts (one pair
    replaced whole: a thread reading another file's parses its own)."""
    held, tree = _LAST_TREE[0]
    if held is not data:
        tree = parse(data.decode("latin-1")).tree
        _LAST_TREE[0] = (data, tree)
    return tree


# what _module_writes and _module_reads read, on the bytes alone (a file of the project is not parsed for it:
# Django's 1,900 files in about 1 s, where parsing the 130 holding some `name.attr = ...` of an imported name took
# 2 s more): the items of the import statements (`a.b as m`, `name`; a line continued by a backslash too:
# tryout17 #3), and the ways a module's attribute is assigned by name
_IMPORTS = re.compile(rb"\bimport\b[ \t]*(?:\(([^)]*)\)|((?:[^\n;#\\]|\\\r?\n|\\)*))")
_IMPORTED = re.compile(rb"([A-Za-z_][\w.]*)(?:[ \t\\\r\n]+as[ \t\\\r\n]+(\w+))?")
# the `from pkg.mod` before an `import` on its line (looked for in the 300 bytes before it)
_FROM_PART = re.compile(rb"(?:^|;)[ \t]*from[ \t]+\.*[ \t]*([\w.]*)[ \t]+$", re.M)
# a module handed to a call: by its name, a dotted name (`pkg.mod`: the module whose name comes last, where the first
# is one the file imports) or `sys.modules['pkg.mod']` (`.get('pkg.mod')` too): tryout18 #3. Groups: the dotted
# name, the string (_receiver_key)
_DOTTED = rb"(\w+(?:[ \t]*\.[ \t]*\w+)*)"
_SYS_MODULE = rb"modules[ \t]*(?:\[|\.[ \t]*get[ \t]*\()[ \t]*['\"]([\w.]+)['\"][ \t]*[)\]]"
_SETATTR_NAMED = re.compile(rb"(?:setattr|\.object)\([ \t]*(?:" + _DOTTED + rb"|(?:\w+[ \t]*\.[ \t]*)?" + _SYS_MODULE
                            + rb")[ \t]*,[ \t]*(?:['\"](\w+)['\"])?")
# a module's namespace written (`vars(mod).update(...)`, `mod.__dict__['repr'] = f`), or handed to a call as an
# argument before others (`patch.dict(mod.__dict__, {...})`, `monkeypatch.setitem(vars(mod), 'repr', f)`: tryout17
# #3): the name written out after it, else any
_NAMESPACE_WRITE = re.compile(rb"(?:vars\([ \t]*" + _DOTTED + rb"[ \t]*\)|(?:(?<![\w.])" + _DOTTED + rb"|" + _SYS_MODULE
                              + rb")[ \t]*\.[ \t]*__dict__)[ \t]*"
                              rb"(?:\.[ \t]*(?:update|setdefault)\b|[\[,][ \t]*(?:['\"](\w+)['\"])?)")
# `patch('pkg.mod.repr')`, `monkeypatch.setattr('pkg.mod.repr', f)`, `patch.dict('pkg.mod.__dict__', {...})`
# (mock's string target: any name of the module, tryout18 #3)
_STRING_TARGET = re.compile(rb"(?:patch|setattr|dict)\([ \t]*['\"]([\w.]+)\.(\w+)['\"]")
_SYS_MODULES = re.compile(rb"modules\[[ \t]*['\"]([\w.]+)['\"][ \t]*\][ \t]*\.[ \t]*(\w+)[ \t]*=(?!=)")
# `patch.multiple('pkg.mod', repr=f)`, `patch.multiple(mod, repr=f, **more)`: the keywords' names (tryout17 #3)
_MULTIPLE = re.compile(rb"multiple\([ \t]*(?:['\"]([\w.]+)['\"]|" + _DOTTED + rb"|(?:\w+[ \t]*\.[ \t]*)?" + _SYS_MODULE
                       + rb")[ \t]*,")
_KEYWORD = re.compile(rb"[ \t\\\r\n]*(?:(\w+)[ \t]*=(?!=)|(\*\*))")
# a builtin's name (READ_UNWRITTEN) written as the attribute of what a call or a subscript gives (tryout19 #5): the
# expression before it names the module, in any spelling (`__import__('pkg.b4', None, None, ['x']).raw_input = f`,
# `importlib.import_module('b3').repr = f`, `__import__('pkg').b2.raw_input = f`, `reload(b5).repr = f`), or into
# the namespace of such an expression (`.__dict__` or `vars(...)`: `vars(sys.modules['pkg.b2'])['raw_input'] = f`,
# `__import__('b5').__dict__.__setitem__('repr', f)`, `vars(...).update(...)`: any name): anchored on the closing
# bracket (one pattern for each: a literal first byte is found fast, a class of two was 3x slower). Groups: the
# attributes between, the name (an attribute target, a subscript target, a setdefault or __setitem__ argument), the
# method (update, setdefault, __setitem__)
_EXPRESSION_WRITES = tuple(re.compile(
    bracket + rb"((?:[ \t]*\.[ \t]*\w+)*?)[ \t]*(?:\.[ \t]*(\w+)[ \t]*(?:,[^=\n()]*)?=(?!=)|"
    rb"\[[ \t]*['\"](\w+)['\"][ \t]*\][ \t]*=(?!=)|\.[ \t]*(update|setdefault|__setitem__)[ \t]*\([ \t]*(?:['\"](\w+)['\"])?)")
    for bracket in (rb"\)", rb"\]"))
# a string naming a module in such an expression (its last dotted name), a (dotted) name as a call's last argument
# (`reload(b5)`), and `setattr(` handed one (its first argument holding a call or a subscript)
_MODULE_STRING = re.compile(rb"['\"]([A-Za-z_][\w.]*)['\"]")
_LAST_ARGUMENT = re.compile(rb"(?<![\w.])(\w+(?:[ \t]*\.[ \t]*\w+)*)[ \t]*\)")
_VARS = re.compile(rb"(?<!\w)vars[ \t]*\($")
_SETATTR_CALL = re.compile(rb"setattr[ \t]*\(")  # not `\b`: a literal first byte is found fast
# and `patch.object(` (any receiver's named attribute: tryout20 #15), apart (an alternation loses the literal's speed)
_OBJECT_CALL = re.compile(rb"\.[ \t]*object[ \t]*\(")
_SETATTR_NAME = re.compile(rb"[ \t\\\r\n]*,[ \t\\\r\n]*(?:['\"](\w+)['\"])?")
# a write through a module's `__builtins__` (the builtins module's dict, or the module itself in __main__: tryout21
# #1), which every module reads: `cli.__builtins__['raw_input'] = f`, `__builtins__[key] = f` (any name),
# `__builtins__.raw_input = f`, `__builtins__.update(...)`, `.__dict__[...]`. Groups: the attribute, the quoted
# key, the method, its quoted first argument
_BUILTINS_WRITE = re.compile(
    rb"__builtins__[ \t]*(?:\.[ \t]*__dict__[ \t]*)?(?:\.[ \t]*(\w+)[ \t]*(?:,[^=\n]*)?=(?!=)|"
    rb"\[[ \t]*(?:['\"](\w+)['\"]|[^\]\n'\"]*)[ \t]*\][ \t]*=(?!=)|"
    rb"\.[ \t]*(update|setdefault|__setitem__)[ \t]*\([ \t]*(?:['\"](\w+)['\"])?)")
# the bytes a file holds where each of those may match (most files hold none: the pattern is not run)
_HINTS = ((_SETATTR_NAMED, (b"setattr(", b".object(")), (_NAMESPACE_WRITE, (b"vars(", b"__dict__")),
          (_STRING_TARGET, (b"patch(", b"setattr(", b"dict(")), (_SYS_MODULES, (b"modules[",)),
          (_MULTIPLE, (b"multiple(",)))


class _Lines:
    """The line of an offset of `data`, counted on from the last offset asked where offsets grow (a scan's
    matches): a line count from the start for each of a megabyte's matches was quadratic."""

    def __init__(self, data: bytes):
        self.data, self.at, self.line = data, 0, 1

    def __call__(self, at: int) -> int:
        if at < self.at:
            self.at, self.line = 0, 1
        self.line += self.data.count(b"\n", self.at, at)
        self.at = at
        return self.line


def _import_items(data: bytes) -> tuple:
    """(bound name, module key, from, name, offset) of each item of the file's import statements, read on the bytes
    (a superset: in a comment or a string too): the name it binds, the module_key of what it binds where that is a
    module (`import a.b` binds `a`, `import a.b as m` `b`, `from p import x as y` `x`), the last component of the
    module a from-import takes it from (b"" for `from . import x`; None for a plain import), the name imported
    (the dotted name for a plain import) and where the item is. What _module_writes and _module_reads read of the
    names of a file that name a module."""
    found = []
    for match in _IMPORTS.finditer(data) if b"import" in data else ():
        start = data.rfind(b"\n", max(0, match.start() - 300), match.start()) + 1
        before = _FROM_PART.search(data, max(start, match.start() - 300), match.start())
        source = before.group(1).rsplit(b".", 1)[-1] if before else None
        group = 1 if match.group(1) is not None else 2
        for item in _IMPORTED.finditer(match.group(group)):
            dotted, alias = item.group(1), item.group(2)
            if dotted == b"as":
                continue
            bound = alias or dotted.split(b".")[0]
            key = dotted.rsplit(b".", 1)[-1] if alias else bound
            found.append((bound, key, source, dotted, match.start(group) + item.start()))
    return tuple(found)


def _modules(imports: tuple) -> dict:
    """A name an import binds -> the key of the module it is (_import_items; the alias's first)."""
    modules: dict = {}
    for bound, key, _, _, _ in imports:
        if bound != key:
            modules[bound] = key
        else:
            modules.setdefault(bound, key)
    return modules


# what follows `name.` in `name.attr = ...`, `name.sub.attr = ...`, `name.attr, x = ...` (not `==`): (chain between,
# attr); matched where a bytes search finds `name.` (one pattern for every name: compiling one per name cost more
# than the scan)
_CHAIN = re.compile(rb"(?:[ \t]*\.[ \t]*\w+)*")
_ATTRIBUTE_ASSIGNED = re.compile(rb"\.((?:[ \t]*\w+[ \t]*\.)*?)[ \t]*(\w+)[ \t]*(?:,[^=\n]*)?=(?!=)")


def _attribute_assignments(data: bytes, name: bytes):
    """(offset, match of _ATTRIBUTE_ASSIGNED) of each `name.attr = ...` of the file, not overlapping, as a finditer
    of `name` + the pattern would give them."""
    at = data.find(name + b".")
    while at != -1:
        match = _ATTRIBUTE_ASSIGNED.match(data, at + len(name))
        if match:
            yield at, match
        # where none is, none is from a later `name.` of the same dotted chain either (its splits are some of
        # this one's): tried from each of `a.a.a...`'s a megabyte was quadratic
        at = data.find(name + b".", match.end() if match else max(at + 1, _CHAIN.match(data, at + len(name)).end()))


def _keywords(data: bytes, at: int) -> set:
    """The names of the keyword arguments of the call whose arguments go on at `at` (after a first one and its
    comma: patch.multiple's), {"*"} for a `**` or where its end is not found within 4,000 bytes: the arguments'
    text at its top level (brackets counted, strings skipped)."""
    names, depth, end, expect = set(), 0, min(len(data), at + 4000), True
    while at < end:
        if expect and depth == 0:
            match = _KEYWORD.match(data, at, end)
            if match:
                names.add(match.group(1).decode() if match.group(1) else "*")
                at = match.end()
            expect = False
            continue
        char = data[at:at + 1]
        if char in b"'\"":
            close = data.find(char, at + 1, end)
            while close != -1 and data[close - 1:close] == b"\\":
                close = data.find(char, close + 1, end)
            if close == -1:
                break
            at = close
        elif char in b"([{":
            depth += 1
        elif char in b")]}":
            if depth == 0:
                return names
            depth -= 1
        elif char == b"," and depth == 0:
            expect = True
        at += 1
    return {"*"}


def _module_writes(data: bytes, imports: tuple = None):
    """(module key, name or "*", line, how) of each attribute the file's text assigns by name to a module it
    imports (`imports`: _import_items), or names by a dotted string (a patch target), ProjectIndex.assigned: read
    on the bytes, a superset (in a comment or a string too; an imported class's attribute is taken as a
    module's)."""
    imports = _import_items(data) if imports is None else imports
    modules = _modules(imports)
    line = _Lines(data)

    def word_before(at: int) -> bool:
        return at > 0 and (data[at - 1:at].isalnum() or data[at - 1:at] in b"_.")

    for name, key in modules.items():
        if name + b"." not in data:
            continue
        for at, match in _attribute_assignments(data, name):
            if not word_before(at):
                chain = match.group(1).replace(b" ", b"").replace(b"\t", b"")
                owner = chain[:-1].rsplit(b".", 1)[-1] if chain else key
                yield (owner.decode(), match.group(2).decode(), line(at),
                       f"{name.decode()}.{chain.decode()}{match.group(2).decode()} = ...")
    hinted = {pattern for pattern, hints in _HINTS if any(hint in data for hint in hints)}
    for pattern in (_SETATTR_NAMED, _NAMESPACE_WRITE) if modules else ():
        for match in pattern.finditer(data) if pattern in hinted else ():
            groups = match.groups()
            key = _receiver_key(groups[-3] or groups[-4] if pattern is _NAMESPACE_WRITE else groups[-3],
                                groups[-2], modules)
            if key:
                yield (key.decode(), groups[-1].decode() if groups[-1] else "*", line(match.start()),
                       data[match.start():match.end()].decode("latin-1").strip() + "...")
    # past the first 100 calls, any name (the keywords' scan is bounded: a megabyte of `multiple(a,` stays cheap)
    for count, match in enumerate(_MULTIPLE.finditer(data) if _MULTIPLE in hinted else ()):
        key = match.group(1).rsplit(b".", 1)[-1] if match.group(1) else _receiver_key(*match.group(2, 3), modules)
        if key:
            how = data[match.start():match.end()].decode("latin-1") + " ...)"
            for name in sorted(_keywords(data, match.end()) if count < 100 else {"*"}):
                yield key.decode(), name, line(match.start()), how
    for pattern in (_STRING_TARGET, _SYS_MODULES):
        for match in pattern.finditer(data) if pattern in hinted else ():
            name = match.group(2).decode()
            yield (match.group(1).rsplit(b".", 1)[-1].decode(), "*" if name == "__dict__" else name,
                   line(match.start()), data[match.start():match.end()].decode("latin-1").strip() + "...")
    for match in _BUILTINS_WRITE.finditer(data) if b"__builtins__" in data else ():
        name = b"*" if match.group(3) == b"update" else match.group(1) or match.group(2) or match.group(4) or b"*"
        yield ("__builtins__", name.decode(), line(match.start()),
               data[match.start():match.end()].decode("latin-1").strip() + " ...")
    file_modules = _FileModules(data, imports, modules)
    yield from _expression_writes(data, modules, line, file_modules)
    yield from _loose_writes(data, modules, line, file_modules)


def _expression_writes(data: bytes, modules: dict, line, file_modules):
    """(module key, name or "*", line, how) of each builtin's name (READ_UNWRITTEN) the file writes as the attribute
    of an expression ending in a call or a subscript, or into its namespace (_EXPRESSION_WRITES; `setattr(` handed
    one), for each module the expression names (tryout19 #5): a string in it (`sys.modules['pkg.b2']`,
    `__import__('pkg.b4', ...)`, `import_module('b3')`: its last dotted name), a name the file imports as a call's
    last argument (`reload(b5)`), the attribute before the name (`__import__('pkg').b2.raw_input`). The expression
    is read back from its closing bracket to its opening one's line (_opening). A superset, on the bytes: any
    string of the expression is taken as a module's name. The brackets are counted over 200,000 bytes of a file
    at most (`budget`); past them, an expression is its line's last 300 bytes and a setattr's first argument its
    next 300 bytes (any name). Past 1,000 such writes (no real module's: a megabyte of `).repr = f` stays
    linear), every module a string of the file names, any name. An expression naming no module with a builtin's
    name written out (`sys.modules[name].raw_input = f` in a loop, `setattr(mod, 'raw_input', f)` of a loop
    variable) is taken as any module the file names (`file_modules`: _FileModules, tryout20 #15); a name not
    written out there (`setattr(connections[alias], key, value)`) is no module's, unless it is a plain name a for
    loop of the file binds over quoted builtins' names (_looped: tryout21 #2)."""
    budget, matches = [200_000], 0
    for match in (match for pattern in _EXPRESSION_WRITES for match in pattern.finditer(data)):
        matches += 1
        if matches > 1000:
            break
        method, name = match.group(4), match.group(2) or match.group(3) or match.group(5)
        name = "*" if method == b"update" or not name else name.decode()
        if name != "*" and name not in READ_UNWRITTEN:
            continue
        chain = match.group(1).replace(b" ", b"").replace(b"\t", b"").split(b".")
        start = _opening(data, match.start(), budget)
        if match.group(2) is None and chain[-1] != b"__dict__" and not _VARS.search(data, start[1] - 10, start[1]):
            continue  # a subscript or a method of what is no module's namespace
        owner = next((part for part in reversed(chain) if part and part != b"__dict__"), None)
        text = data[start[0]:match.start() + 1]
        how = " ".join(data[start[0]:match.end()].decode("latin-1").split())[-200:] + " ..."
        named = _named_modules(text, modules) | ({owner} if owner else set())
        for key in named or (file_modules() if name != "*" else ()):
            yield key.decode(), name, line(match.start()), how
    calls = itertools.chain(_SETATTR_CALL.finditer(data) if b"setattr" in data else (),
                            _OBJECT_CALL.finditer(data) if b".object(" in data else ())
    for match in calls if matches <= 1000 else ():
        matches += 1
        if matches > 1000:
            break
        before, end = data[match.start() - 1:match.start()], _argument_end(data, match.end(), budget)
        argument = data[match.end():end or match.end() + 300]
        if match.re is _SETATTR_CALL and (before.isalnum() or before == b"_"):
            continue  # `__setattr__(` (not read)
        written = _SETATTR_NAME.match(data, end) if end else None
        name = written.group(1).decode() if written and written.group(1) else "*"
        how = "setattr(" + argument.decode("latin-1")[:200] + ", ..."
        if b"(" not in argument and b"[" not in argument:
            # a receiver by its name: a module the file imports (_SETATTR_NAMED), `self`, or any other (a loop
            # variable: a builtin's name written out, tryout20 #15, or a name not written out that may be a
            # builtin's the file quotes, tryout21 #2)
            if _loose_receiver(argument.strip(b" \t\\\r\n"), modules):
                for written in [name] if name in _LOOSE_NAMES else _looped(data, end, name, file_modules):
                    for key in file_modules():
                        yield key.decode(), written, line(match.start()), how
            continue
        if name == "*" or name in READ_UNWRITTEN:
            named = _named_modules(argument, modules)
            for key in named or (file_modules() if name != "*" else ()):
                yield key.decode(), name, line(match.start()), how
            for written in _looped(data, end, name, file_modules) if not named else ():
                for key in file_modules():  # a module no expression names, a looped builtin's name (tryout21 #2)
                    yield key.decode(), written, line(match.start()), how
    if matches > 1000:
        for key in _named_modules(data, {}):
            yield key.decode(), "*", 1, "past 1,000 writes through an expression: any"


def _named_modules(text: bytes, modules: dict) -> set:
    """The keys of the modules an expression's text names: by a string (its last dotted name), by a (dotted) name
    the file imports as a call's last argument (`modules`: _modules, _receiver_key)."""
    found = {match.group(1).rsplit(b".", 1)[-1] for match in _MODULE_STRING.finditer(text)}
    return found | {key for match in _LAST_ARGUMENT.finditer(text) for key in [
        _receiver_key(match.group(1), None, modules)] if key}


def _opening(data: bytes, close: int, budget: list) -> tuple:
    """(the start of its line, at most 300 bytes before it; the offset after it) of the bracket opening the one
    closing at `close`, looked for within 2,000 bytes (brackets counted, not those of strings) and what is left of
    `budget` (taken from it); the closing one's line (and offset) where it is not found."""
    depth, window = 0, min(2000, budget[0])
    for at in range(close, max(-1, close - window), -1):
        char = data[at]
        if char in b")]}":
            depth += 1
        elif char in b"([{":
            depth -= 1
            if depth == 0:
                budget[0] -= close - at
                return max(data.rfind(b"\n", 0, at) + 1, at - 300), at + 1
    budget[0] -= window
    return max(data.rfind(b"\n", 0, close) + 1, close - 300), close


def _argument_end(data: bytes, at: int, budget: list):
    """The offset of the comma or bracket ending the call argument starting at `at` (brackets counted, strings
    skipped), within 2,000 bytes and what is left of `budget` (taken from it); None where it is not found."""
    depth, end = 0, min(len(data), at + min(2000, budget[0]))
    budget[0] -= end - at
    while at < end:
        char = data[at:at + 1]
        if char in b"'\"":
            at = data.find(char, at + 1, end)
            if at == -1:
                return None
        elif char in b"([{":
            depth += 1
        elif char in b")]}" or char == b"," and depth == 0:
            if depth == 0:
                return at
            depth -= 1
        at += 1
    return None


# ---------------------------------------------------------------- a builtin's name written onto any receiver
# (tryout20 #15): a test's setUp faking raw_input in each module under test from a loop (`for mod in [b2, b4]:
# mod.raw_input = f`, `setattr(mod, 'raw_input', f)`, `patch.object(mod, 'raw_input', f)`, `sys.modules[name].
# raw_input = f`) writes into modules no expression names: such a write of a builtin's name (READ_UNWRITTEN, not a
# dunder: `wrapper.__name__ = ...`, `f.__doc__ = ...` are no module's builtins) onto any receiver but an imported
# module's name (read exactly: _module_writes), `self` or `cls` (an instance's or a class's attribute) is taken as
# written into every module the file names (_FileModules). A superset, on the bytes.
_LOOSE_WRITE = re.compile(rb"\.[ \t]*(\w+)[ \t]*=(?!=)")  # a literal first byte: found fast
_LOOSE_NAMES = frozenset(name for name in READ_UNWRITTEN if not name.startswith("__"))
_LOOSE_BYTES = frozenset(name.encode() for name in _LOOSE_NAMES)  # looked up undecoded: most writes are no builtin's
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_. \t")
_NOT_MODULES = frozenset({b"self", b"cls"})


def _imported_modules(imports: tuple) -> set:
    """The keys of the modules a file's import items (_import_items) name: `import pkg.b2`: pkg and b2, `from pkg
    import b2`: pkg and b2, `from pkg.b2 import x`: b2 and x."""
    return {part for _, key, source, dotted, _ in imports for part in (key, source, dotted.rsplit(b".", 1)[-1]) if part}


class _FileModules:
    """The keys of the modules a file names, computed once where asked: each module its import statements name
    (`import pkg.b2`: pkg and b2, `from pkg import b2`: pkg and b2, `from pkg.b2 import x`: b2 and x), and the last
    dotted component of each string of it that may be a module's dotted name (`'pkg.b4'`: b4)."""

    def __init__(self, data: bytes, imports: tuple, modules: dict):
        self.data, self.imports, self.modules, self.found, self.loops = data, imports, modules, None, None

    def __call__(self) -> set:
        if self.found is None:
            found = set(self.modules.values()) | _imported_modules(self.imports)
            found.update(match.group(1).rsplit(b".", 1)[-1] for match in _MODULE_STRING.finditer(self.data))
            self.found = found
        return self.found

    def looped(self) -> dict:
        """Each name a for loop of the file binds -> the builtins' names (_LOOSE_NAMES) its iterable quotes alone
        (`for n in ('raw_input',):`, `for n, f in [('unichr', g)]:`), read once where asked (_looped)."""
        if self.loops is None:
            self.loops = {}
            for match in _FOR_STRINGS.finditer(self.data) if b"for" in self.data else ():
                quoted = {found.group(1) for found in _MODULE_STRING.finditer(match.group(2))} & _LOOSE_BYTES
                for target in _WORD.findall(match.group(1)) if quoted else ():
                    self.loops.setdefault(target, set()).update(name.decode() for name in quoted)
        return self.loops


# a setattr's name not written out, a plain name (`setattr(m, n, fake)`), and a for loop's targets and (up to its
# colon, at most 2,000 bytes) iterable: a name bound by a loop over quoted builtins' names (`for n in ('raw_input',
# ):`) is one of them (tryout21 #2), as a class body's `locals()[key]` of such a loop is (builtin_uses)
_SETATTR_VARIABLE = re.compile(rb"[ \t\\\r\n]*,[ \t\\\r\n]*(\w+)[ \t\\\r\n]*,")
_FOR_STRINGS = re.compile(rb"for[ \t]+([\w \t,()]{1,200}?)[ \t]+in\b([^:]{0,2000})")


def _looped(data: bytes, end: int | None, name: str, file_modules) -> list:
    """The builtins' names a setattr's second argument may be where it is not written out (`name` "*", the first
    argument's `end`): those quoted in the iterable of a for loop of the file binding the plain name it is."""
    variable = _SETATTR_VARIABLE.match(data, end) if name == "*" and end else None
    return sorted(file_modules.looped().get(variable.group(1), ())) if variable else []


def _loose_receiver(receiver: bytes, modules: dict) -> bool:
    """Is a (dotted) name an attribute is written onto one of _LOOSE_WRITE's receivers: not a module the file
    imports (nor a dotted name starting with one: _module_writes reads those), not `self` or `cls` alone?"""
    receiver = receiver.replace(b" ", b"").replace(b"\t", b"").strip(b".")
    return bool(receiver) and receiver not in _NOT_MODULES and receiver.split(b".")[0] not in modules


def _loose_writes(data: bytes, modules: dict, line, file_modules) -> object:
    """(module key, name, line, how) of each builtin's name the file writes as an attribute of a name that is no
    module it imports (a loop variable, a parameter, `mods[0]`...: _LOOSE_WRITE), for every module the file names
    (file_modules); a receiver ending in a bracket is _expression_writes'. Past 1,000 such writes (no real module's:
    a megabyte of `m.repr = f` stays linear), any name of every module the file names."""
    count = 0
    for match in _LOOSE_WRITE.finditer(data):
        name = match.group(1)
        if name not in _LOOSE_BYTES:
            continue
        start, limit = match.start(), max(0, match.start() - 200)
        while start > limit and data[start - 1] in _NAME_BYTES:  # the receiver's dotted name
            start -= 1
        if start > 0 and data[start - 1] in b")]" or not _loose_receiver(data[start:match.start()], modules):
            continue  # after a bracket (_expression_writes), `self.`, an imported module's name
        count += 1
        if count > 1000:
            for key in file_modules():
                yield key.decode(), "*", line(match.start()), "past 1,000 writes of builtins' names: any"
            return
        how = data[start:match.end()].decode("latin-1").strip() + " ..."
        for key in file_modules():
            yield key.decode(), name.decode(), line(match.start()), how


def _receiver_key(dotted: bytes | None, string: bytes | None, modules: dict) -> bytes | None:
    """The key of the module a call is handed (_SETATTR_NAMED's groups): `sys.modules['pkg.mod']`'s last dotted
    name; a name the file imports (`modules`: _modules) as that module; a dotted name whose first name the file
    imports (`pkg.mod`, `mod.sub`) by its last; None for any other."""
    if string:
        return string.rsplit(b".", 1)[-1]
    names = dotted.replace(b" ", b"").replace(b"\t", b"").split(b".") if dotted else [b""]
    if names[-1] == b"__builtins__":  # a module's builtins (`setattr(__builtins__, ...)`: tryout21 #1)
        return names[-1]
    if names[0] not in modules:
        return None
    return modules[names[0]] if len(names) == 1 else names[-1]


def _type_made_classes(data: bytes) -> list:
    """(name, line, base words, may compare) of each class the file makes by `type(name, bases, dict)`
    (type_made), by the name it is assigned to (`B = type(...)`, `lib.B = type(...)`) and its literal name: the
    words of its bases' names (as _CLASS reads a class statement's), and whether its dict may hold a rich
    comparison; nothing for a file that does not parse (the index then knows none of its type() classes)."""
    tree = _tree(data)
    if tree is None:
        return []
    found = []
    for node in ast.walk(tree):
        call = node.value if isinstance(node, ast.Assign) else node
        if not type_made(call):
            continue
        names = [target.id if isinstance(target, ast.Name) else target.attr for target in node.targets
                 if isinstance(target, (ast.Name, ast.Attribute))] if node is not call else []
        name = call.args[0]
        if node is call and isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.append(name.value)
        words = frozenset(_words(call.args[1]))
        found.extend((name, call.lineno, words, type_made(call, comparing=True)) for name in names)
    return found


def _metaclasses(data: bytes) -> tuple:
    """((class name, metaclass words), ...) of each class of the file Python 2 builds with a metaclass it names
    (tryout15 #1): `__metaclass__ = M` in the class body (scopes.class_body_bindings: in its blocks too),
    `@six.add_metaclass(M)` (any decorator `add_metaclass(M)`), a `metaclass=M` keyword, or, for a class without
    bases whose body binds no `__metaclass__`, the module's own `__metaclass__ = M` (Python 2's rule: a class with
    bases is built with its first base's type); the words of M's name as _CLASS reads a base's (`M`, `meta.M`).
    `six.with_metaclass(M, Base)` is a base's text, which _CLASS reads. A metaclass bound otherwise (`from meta
    import __metaclass__`, an exec) and a file that does not parse give none (README's known limits)."""
    tree = _tree(data)
    if tree is None:
        return ()
    module = _bound_metaclass(class_body_bindings(tree))
    found = []
    for cls in module_nodes.of_kind(tree, ast.ClassDef):
        bindings = class_body_bindings(cls)
        words = _bound_metaclass(bindings)
        for decorator in cls.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else None
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)) == "add_metaclass":
                words |= _words(*decorator.args)
        words |= _words(*(keyword.value for keyword in cls.keywords if keyword.arg == "metaclass"))
        if not cls.bases and not cls.keywords and not any(binding.name == "__metaclass__" for binding in bindings):
            words |= module
        if words:
            found.append((cls.name, frozenset(words)))
    return tuple(found)


def _bound_metaclass(bindings) -> set:
    """The words of the values a scope's bindings (class_body_bindings) give `__metaclass__`."""
    return _words(*(binding.value for binding in bindings if binding.name == "__metaclass__"
                    and isinstance(binding.value, ast.expr)))


def _words(*nodes) -> set:
    """The names and attribute names in the expressions (`meta.Ordered`: meta, Ordered)."""
    return {word.id if isinstance(word, ast.Name) else word.attr for node in nodes for word in ast.walk(node)
            if isinstance(word, (ast.Name, ast.Attribute))}


def type_made(node, comparing: bool = False) -> bool:
    """`type(name, bases, dict)` or `types.ClassType(...)` (three arguments): a class made without a class statement,
    whose methods no class body shows (tryout13 #5); `comparing`: and its dict may hold a rich comparison (any but
    a dict display whose keys are all written out, none a rich comparison)."""
    if not (isinstance(node, ast.Call) and len(node.args) == 3 and not node.keywords and (
            isinstance(node.func, ast.Name) and node.func.id in ("type", "ClassType")
            or isinstance(node.func, ast.Attribute) and node.func.attr == "ClassType")):
        return False
    namespace = node.args[2]
    return not comparing or not (isinstance(namespace, ast.Dict) and all(
        isinstance(key, ast.Constant) and key.value not in _RICH for key in namespace.keys))


def _exception_classes(bases: dict) -> set:
    """The project's class names that may be exceptions (a base named like one, or a project exception class),
    and the bases of those (a mixin's __getitem__ is theirs)."""
    exceptions = {name for name, words in bases.items()
                  if words & _EXCEPTIONS or any(_EXCEPTION_NAME.search(word) for word in words)}
    changed = True
    while changed:
        changed = False
        for name, words in bases.items():
            if name not in exceptions and words & exceptions:
                exceptions.add(name)
                changed = True
    return exceptions | {word for name in exceptions for word in bases.get(name, ())}


_DOTTED = re.compile(rb"[ \t\r\n\\]*[A-Za-z_][\w.]*[ \t\r\n\\]*")


def _class_statements(data: bytes) -> list:
    """_CLASS's matches at a statement's start (_indent), in order."""
    return [match for match in _CLASS.finditer(data) if _indent(data, match.start()) is not None]


def _lineage(data: bytes, matches: list) -> tuple:
    """((class name, bases, line), ...) of each class statement `matches` found (_CLASS, at a statement's start):
    `bases` the last dotted component of each base in order (`asynchat.async_chat` -> async_chat), () for a class
    without bases, None where a base is something else (a call, a keyword, a subscript, a comment...)."""
    found, line, at = [], 1, 0
    for match in matches:
        line += data.count(b"\n", at, match.start())
        at = match.start()
        text = match.group(2)
        if not text or not text.strip():
            bases = ()
        elif data[match.end() - 1:match.end()] != b")":
            bases = None
        else:
            parts = text.split(b",")
            parts = parts[:-1] if len(parts) > 1 and not parts[-1].strip() else parts  # `class C(A, B,)`
            bases = tuple(part.strip().rsplit(b".", 1)[-1].decode() for part in parts) \
                if all(_DOTTED.fullmatch(part) for part in parts) else None
        found.append((match.group(1).decode(), bases, line))
    return tuple(found)


def mro_left(lineage: dict) -> dict:
    """old-style class name -> (`path:line class C(bases)`, base) of the first class (by place) that Python 2 could
    no longer create were the project's classic classes new-style (tryout20b #7; base ""), or else of the first
    class listing it (or a classic class based on it) before `base`, a base that may stay classic, which `object`
    would precede in that class's MRO were it new-style (tryout23 #3): `lineage` maps each class name to
    its definitions, [(bases, (path, line))] (_lineage's bases: () for a classic class, None where unknown). C3 (Python
    2's new-style MRO) of each class with two bases or more, with every class of the project new-style: a base the
    project does not define is taken as new-style (`[name, object]`), as a class with bases not read is; a name
    defined more than once is linearized by its first definition (sorted) that C3 accepts. Where C3 fails, every
    classic class among the class's ancestors (by name, through all their definitions) is kept: Python 2 computes
    C3 as soon as one base is new-style, with its classic bases' depth-first order. Then, for each class with two
    bases or more, none new-style before fix (a class of the project with a definition whose bases include no
    new-style class, or not read; a name the project does not define unless python2.7's standard library binds it
    to new-style classes only: _stdlib_new_style), every classic class among the ancestors of each base but the
    last is kept: made new-style, it would make the class new-style with `object` ahead of the
    latter, a classic class (HTMLParser.HTMLParser, a class of the project fix leaves classic, one it cannot read)
    whose __init__, __repr__, __eq__... `object`'s would then shadow. A classic class listed after such a base is
    harmless (C3 puts `object` last). {} where no class of the project is classic or has two bases."""
    classic = {name for name, definitions in lineage.items() if any(bases == () for bases, _ in definitions)}
    multiple = sorted((place, name, bases) for name, definitions in lineage.items()
                      for bases, place in definitions if bases and len(bases) > 1)
    if not classic or not multiple:
        return {}
    memo: dict = {}

    def linear(name: str, stack: frozenset):
        """The MRO of the class `name`, None where it is unknown (a cycle of names, no definition C3 accepts)."""
        if name == "object" or name not in lineage:
            return ("object",) if name == "object" else (name, "object")
        if name in memo or name in stack:
            return memo.get(name)
        result = None
        known = sorted(bases for bases, _ in lineage[name] if bases is not None)
        for bases in known:
            result = c3(name, bases, stack | {name})
            if result:
                break
        result = result or (None if known else (name, "object"))
        if result is not None or not stack:
            memo[name] = result
        return result

    def c3(name: str, bases: tuple, stack: frozenset):
        """The MRO of a class `name` with `bases`, False where C3 fails, None where a base's is unknown."""
        if not bases:
            return (name, "object")
        if len(set(bases)) < len(bases):
            return None  # a TypeError whatever the bases' kind
        sequences = []
        for base in bases:
            order = linear(base, stack)
            if order is None:
                return None
            sequences.append(list(order))
        sequences.append(list(bases))
        merged = [name]
        while True:
            sequences = [sequence for sequence in sequences if sequence]
            if not sequences:
                return tuple(merged)
            head = next((sequence[0] for sequence in sequences
                         if not any(sequence[0] in other[1:] for other in sequences)), None)
            if head is None:
                return False
            merged.append(head)
            for sequence in sequences:
                if sequence[0] == head:
                    del sequence[0]

    def ancestors(bases) -> set:
        """The names among `bases` and their ancestors (by name, through all their definitions)."""
        seen, todo = set(), list(bases)
        while todo:
            base = todo.pop()
            if base not in seen:
                seen.add(base)
                todo.extend(base for known, _ in lineage.get(base, ()) for base in known or ())
        return seen

    left: dict = {}
    for place, name, bases in multiple:
        if c3(name, bases, frozenset({name})) is not False:
            continue
        for old in sorted(ancestors(bases) & classic):
            left.setdefault(old, (f"{place[0]}:{place[1]} class {name}({', '.join(bases)})", ""))
    new_style: dict = {}

    def new(name: str, stack: frozenset) -> bool:
        """Is the class `name` new-style on Python 2 before fix (every definition with a new-style base; a name
        the project does not define: object, or a class only new-style in python2.7's standard library)?"""
        if name not in lineage:
            return name in _stdlib_new_style()
        if name not in new_style:
            if name in stack:
                return False
            new_style[name] = all(bases is not None and any(new(base, stack | {name}) for base in bases)
                                  for bases, _ in lineage[name])
        return new_style[name]

    for place, name, bases in multiple:
        if any(new(base, frozenset()) for base in bases):
            continue  # new-style already: `object` ends lists that new-style bases' C3 merges, which only delays it
        for base, later in zip(bases, bases[1:]):  # the last base: C3 puts `object` after the classic ones before it
            for old in sorted(ancestors((base,)) & classic):
                left.setdefault(old, (f"{place[0]}:{place[1]} class {name}({', '.join(bases)})", later))
    return left


@functools.cache
def _stdlib_new_style() -> frozenset:
    """object, and the names of the classes python2.7's standard library binds that are new-style only
    (classic_classes.json, from bench/classic_classes.py)."""
    made = json.loads(resources.files(__package__).joinpath("classic_classes.json").read_text("utf-8"))
    return frozenset(made["new"]) - frozenset(made["classic"]) | {"object"}


def module_mro_left(data: bytes, name: str) -> dict:
    """mro_left of the classes of one module's text `data` (a text checked alone, without a project index), its
    places named `name:line`."""
    if b"," not in data or b"class" not in data:
        return {}
    lineage: dict = {}
    for klass, bases, line in _lineage(data, _class_statements(data)):
        lineage.setdefault(klass, []).append((bases, (name, line)))
    return mro_left(lineage)


# what a statement raises or catches (after `raise` or `except`): one dotted name, or a parenthesized list of them
# (the end of the statement, or a call, a comma or a colon after it: not a docstring's `raise C{Error}.`)
_RAISED_NAMES = re.compile(rb"[ \t]*(?:\([ \t]*([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)[ \t]*,?[ \t]*\)"
                           rb"|([A-Za-z_][\w.]*))[ \t]*(?=[(,:;\r\n#]|\Z)")


def _raised(data: bytes) -> tuple:
    """((name, line), ...) of the last dotted component of each name a statement of the file raises or catches
    (`raise Usage('...')`, `raise E, "msg"`, `except errors.Usage, e:`, `except (A, B):`; a statement at a line's
    start or after a `:` or `;`), the first line of each, for classic_raised (tryout23 #7). Found by bytes.find of
    `raise` and `except`, then an anchored match: a name in a docstring's `raise X` counts too (the class is then
    left classic, which keeps Python 2's behaviour)."""
    found: dict = {}
    for needle in (b"raise", b"except"):
        for at in _finds(data, needle):
            end = at + len(needle)
            start = data.rfind(b"\n", 0, at) + 1
            before = data[start:at].strip()
            if (not before or before.endswith((b":", b";"))) and not data[end:end + 1].isalnum() \
                    and data[end:end + 1] != b"_":
                match = _RAISED_NAMES.match(data, end)
                if match:
                    for name in (match.group(1) or match.group(2)).split(b","):
                        found.setdefault(name.strip().rsplit(b".", 1)[-1].decode(), at)
    places, line, last = [], 1, 0
    for name, at in sorted(found.items(), key=lambda item: item[1]):
        line += data.count(b"\n", last, at)
        last = at
        places.append((name, line))
    return tuple(places)


def classic_raised(lineage: dict, raised: dict) -> dict:
    """old-style class name -> `path:line` of the first place (`raised`: name -> (path, line), _raised) raising or
    catching it or a class based on it alone (`lineage`: as mro_left's, bases by their last names): made new-style
    by `(object)`, Python 2 would refuse to raise it (`exceptions must be old-style classes or derived from
    BaseException`: tryout23 #7). A class with a base the project does not define (`pb.Error`, Exception) or does
    not read may derive from BaseException: its classic ancestors are not taken for it."""
    memo: dict = {}

    def roots(name: str):  # the base-less classes a class of that name derives from alone, None: maybe another base
        if name not in memo:
            memo[name] = None  # a cycle: unknown
            found = []
            for bases, _ in lineage.get(name, ()):
                # bases not read (None): roots("") is None, as for a base the project does not define
                below = [frozenset({name})] if bases == () else [roots(base) for base in bases or [""]]
                if None not in below:
                    found.append(frozenset().union(*below))
            memo[name] = frozenset().union(*found) if found else None
        return memo[name]

    found: dict = {}
    for name, (path, line) in sorted(raised.items(), key=lambda item: item[1]):
        for klass in roots(name) or ():
            found.setdefault(klass, f"{path}:{line}")
    return found


def module_raised(data: bytes, name: str) -> dict:
    """classic_raised of one module's text `data` (a text checked alone, without a project index), named `name`."""
    lineage: dict = {}
    for klass, bases, line in _lineage(data, _class_statements(data)):
        lineage.setdefault(klass, []).append((bases, (name, line)))
    return classic_raised(lineage, {raised: (name, line) for raised, line in _raised(data)})


def _indent(data: bytes, at: int) -> int | None:
    """The width of the indentation before `at`, None where something else than blanks (or `async`) precedes it
    on its line."""
    prefix = data[data.rfind(b"\n", 0, at) + 1:at]
    stripped = prefix.strip()
    if stripped and stripped != b"async":
        return None
    return len(prefix[:len(prefix) - len(prefix.lstrip())].expandtabs(8))


def _assigned_needles(data: bytes) -> list:
    """The needles of _ASSIGNED the file holds, in order."""
    return [needle for name, needles in _ASSIGNED if name in data for needle in needles if needle in data]


def _assignments(data: bytes, needles: list):
    """(offset, None, name) of each `name =` of a watched name (not `==`): `needles`, _assigned_needles'."""
    for needle in needles:
        name = needle.rstrip(b" =").decode()
        for at in _finds(data, needle):
            end = at + len(needle)
            if data[end:end + 1] != b"=" and (at == 0 or not (data[at - 1:at].isalnum() or data[at - 1:at] in b"_.")):
                yield at, None, name


def _attached(data: bytes):
    """(method, line, receiver) of each watched method attached outside a class body: an attribute write or a
    setattr (`setattr(o, "sort", f)`, `type.__setattr__(C, "next", f)`, `o.__setattr__("keys", f)`) of a watched
    name on any receiver (tryout12 #9): a class's name (`Token.encode = f`), a class decorator's parameter
    (`cls.encode = f`, `klass.sort = sort`), `self.__class__`, and an instance too (`self.next = it.next`: it
    answers `o.next()` for that object, where `next(o)` calls the class's), counted whatever f is unless it is for
    certain no callable (a literal or a display: `self.keys = {}`, `node.next = None`); and every watched name for
    `setattr(Token, name, f)` with a name not written out (tryout10 #9), on a class only (a capitalised name, a
    decorator's parameter: `class_receiver`). Not a class made by `type(name, bases, {...})`: README's known limits."""
    def spelled_out() -> list:
        return [method for method in sorted(WATCHED - set(DIVISION))
                if b"'%s'" % method.encode() in data or b'"%s"' % method.encode() in data]

    if not (_ATTACHED.search(data) or b"setattr" in data and (_SETATTR.search(data) or _SETATTR_COMPUTED.search(
            data) and spelled_out())):
        return
    spelled = spelled_out()
    tree = _tree(data)
    if tree is None:  # not read: every write of a watched name counts
        for match in _ATTACHED.finditer(data):
            yield match.group(1).decode(), data.count(b"\n", 0, match.start()) + 1, ""
        return
    for node, function in _with_functions(tree):
        for target, value in _attribute_writes(node):
            if target.attr in WATCHED and not _never_callable(value):
                yield target.attr, node.lineno, ast.unparse(target.value)
        call = setattr_call(node)
        if call is None:
            continue
        owner, name, value = call
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            if name.value in WATCHED and not _never_callable(value):
                yield name.value, node.lineno, ast.unparse(owner)
            continue
        # the names a computed setattr may write: the watched ones the file spells as string literals (a loop
        # over literal names); every watched name for any computed setattr left most of Django's dict rewrites
        # to a person for one test module generating its test methods (`setattr(TestSimpleValidators, name,
        # method)`). Not the division methods: one entry would keep the division import out of every module
        # dividing an operand of unknown origin by a float (tryout11 #7)
        if class_receiver(owner, function, capitalised=True):
            yield from ((method, node.lineno, ast.unparse(owner)) for method in spelled)


def _with_functions(tree):
    """(node, innermost def or lambda holding it, or None) of each node of the tree."""
    todo = [(tree, None)]
    while todo:
        node, function = todo.pop()
        yield node, function
        inner = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else function
        todo.extend((child, inner) for child in ast.iter_child_nodes(node))


def _attribute_writes(node):
    """(attribute target, the value it is given, or None where not known) of an assignment."""
    if isinstance(node, ast.Assign):
        pairs = [(target, node.value) for target in node.targets]
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        pairs = [(node.target, None if isinstance(node, ast.AugAssign) else node.value)]
    else:
        return
    while pairs:
        target, value = pairs.pop()
        if isinstance(target, ast.Starred):
            target, value = target.value, None
        if isinstance(target, ast.Attribute):
            yield target, value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(
                target.elts) and not any(isinstance(item, ast.Starred) for item in value.elts) else None
            pairs += [(item, items[at] if items else None) for at, item in enumerate(target.elts)]


def setattr_call(node):
    """(receiver, name, value) of `setattr(o, name, f)`, `X.__setattr__(o, name, f)` (`type.__setattr__(C, ...)`)
    or `o.__setattr__(name, f)`; else None."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    func, args = node.func, node.args
    if isinstance(func, ast.Name) and func.id == "setattr" and len(args) == 3:
        return tuple(args)
    if isinstance(func, ast.Attribute) and func.attr == "__setattr__":
        return tuple(args) if len(args) == 3 else (func.value, *args) if len(args) == 2 else None
    return None


def space_object(node):
    """`o` for `o.__dict__` or `vars(o)` (the object whose namespace it is); else None."""
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars" \
            and len(node.args) == 1 and not node.keywords:
        return node.args[0]
    return None


_NEVER_CALLABLE = (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp,
                   ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _never_callable(value) -> bool:
    """A literal, a display, a comprehension or a `not`: no object of it can be called."""
    return isinstance(value, _NEVER_CALLABLE) or isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not)


def class_receiver(owner, function, capitalised: bool = False) -> bool:
    """An expression that is a class where a method is attached to it outside the class body (tryout12 #9 #15):
    `self.__class__` (any `x.__class__`), `type(x)`, a parameter of the def holding it (`function`) that the def
    returns (a class decorator: `def with_codec(cls): cls.encode = f; return cls`) or the first one of a
    classmethod; with `capitalised`, a name or attribute capitalised (`Token`, `mod.Token`: a class by the usual
    spelling)."""
    if isinstance(owner, ast.Attribute) and owner.attr == "__class__":
        return True
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "type" and len(
            owner.args) == 1 and not owner.keywords:
        return True
    name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    if capitalised and name[:1].isupper():
        return True
    if not isinstance(owner, ast.Name) or not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    parameters = [argument.arg for argument in function.args.posonlyargs + function.args.args]
    if owner.id not in parameters + [argument.arg for argument in function.args.kwonlyargs]:
        return False
    if parameters and owner.id == parameters[0] and any(
            isinstance(decorator, ast.Name) and decorator.id == "classmethod" for decorator in function.decorator_list):
        return True
    todo = list(function.body)
    while todo:
        statement = todo.pop()
        if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Name) and \
                statement.value.id == owner.id:
            return True
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(child for child in ast.iter_child_nodes(statement) if isinstance(child, ast.stmt))
    return False


def _division_methods(data: bytes) -> tuple | None:
    """(((method, line, class name), fix aliases it), ...) of each division method (DIVISION) a class of the file binds
    in its body, in any form (scopes.class_body_bindings: a def, chained or tuple targets, a loop target, an exec,
    `locals()[...]`: tryout12 #2), without its true-division counterpart, the line its first binding's; fix aliases
    it (a run fixing the file gives it `__truediv__ = __div__`) where each binding is a def or a plain assignment of
    a name or a lambda (what check reports as div-method, rules/py3k/classes.py) and scopes.method_alias says
    "alias" (not where fix leaves it: DM163-DM165). None where the file does not parse (the bytes scan reads it)."""
    tree = _tree(data)
    if tree is None:
        return None
    found = []
    for cls in module_nodes.of_kind(tree, ast.ClassDef):
        bindings = class_body_bindings(cls)
        names = {binding.name for binding in bindings}
        for old, new in DIVISION.items():
            olds = [binding for binding in bindings if binding.name == old]
            if not olds or new in names:
                continue
            alias = all(binding.plain and (isinstance(binding.value, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                                           or isinstance(binding.value, ast.Name) and binding.value.id != new)
                        and method_alias(cls, binding.node, old, new) == "alias" for binding in olds)
            found.append(((old, olds[0].node.lineno, cls.name), alias))
    return tuple(found)


def _changing_methods(data: bytes, assigned: list, division_methods: bool = True):
    """(method, line, class name) of each watched method defined in a class whose definition `_changes`; the division
    methods only where `division` (_division_methods reads them where the file parses); `assigned`: the needles of
    _ASSIGNED the file holds."""
    lines = data.split(b"\n") if _DEF.search(data) else []
    events = sorted([*((m.start(), m.group(1), m.group(2).decode()) for m in _HEADER.finditer(data)
                       if m.start() == 0 or not (data[m.start() - 1:m.start()].isalnum()
                                                 or data[m.start() - 1:m.start()] == b"_")),
                     *_assignments(data, assigned)])
    stack = []  # (indent width, kind, name, offset)
    builtins = _Builtins(data)
    division: dict = {}  # offset of a class -> {division method or counterpart its body binds: line}
    for at, kind, name in events:
        indent = _indent(data, at)
        if indent is None:
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        in_class = bool(stack) and stack[-1][1] == b"class" and stack[-1][0] < indent
        if in_class and kind in (None, b"def") and name in _DIVISION_NAMES:  # judged once the body is read
            division.setdefault((stack[-1][3], stack[-1][2]), {}).setdefault(name, data.count(b"\n", 0, at) + 1)
        elif kind is None:  # `keys = ...` in a class body (not in a def's): some other callable, conservatively
            if in_class:
                yield name, data.count(b"\n", 0, at) + 1, stack[-1][2]
            continue
        elif kind == b"def" and name in WATCHED and in_class:
            number = data.count(b"\n", 0, at)  # 0-based
            if _changes(name, _method_lines(lines, number, indent), builtins):
                yield name, number + 1, stack[-1][2]
        if kind is not None:
            stack.append((indent, kind, name, at))
    for (_, klass), bound in division.items() if division_methods else ():
        yield from ((old, bound[old], klass) for old, new in DIVISION.items() if old in bound and new not in bound)


def _method_lines(lines: list, number: int, indent: int) -> str:
    """The text of the def at line `number` (0-based), with its decorators, dedented: the lines up to the next
    one indented no deeper than the def (a blank or comment line does not end it)."""
    first = number
    while first > 0 and lines[first - 1].strip().startswith(b"@") and \
            len(lines[first - 1][:len(lines[first - 1]) - len(lines[first - 1].lstrip())].expandtabs(8)) == indent:
        first -= 1
    last = number + 1
    while last < len(lines):
        stripped = lines[last].strip()
        if stripped and not stripped.startswith(b"#") and \
                len(lines[last][:len(lines[last]) - len(lines[last].lstrip())].expandtabs(8)) <= indent:
            break
        last += 1
    # a comment line is no code: dropped, as one left of the def's indentation (the module's next comment, after
    # the method) would lose its first columns and read as code (mechanize's MappingIterator.next, tryout CI)
    text = b"\n".join(b"" if line.strip().startswith(b"#") else line.expandtabs(8)[indent:]
                       for line in lines[first:last]).decode("latin-1") + "\n"
    return text


class _Builtins:
    """Which of zip and map the module binds nowhere (Python 2's builtins, lists): the whole file is parsed only
    when a method returns one."""

    def __init__(self, data: bytes):
        self.data, self.found = data, None

    def __contains__(self, name: str) -> bool:
        if self.found is None:
            tree = _tree(self.data)
            bound = set() if tree is None else {bound for node in ast.walk(tree) for bound in stores(node)}
            self.found = frozenset() if tree is None or "*" in bound else _LAZY - bound
        return name in self.found


def _changes(method: str, text: str, builtins=frozenset()) -> bool:
    if method in _ANY:
        return True
    tree = parse(text).tree
    function = tree.body[0] if tree is not None and tree.body else None
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function.decorator_list:
        return True  # not read, or a property, a staticmethod...: conservatively counted
    if method == "next":
        arguments = function.args
        return len(arguments.posonlyargs + arguments.args) - len(arguments.defaults) > 1 or bool(
            [k for k, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is None])
    returns, generator = _returns(function)
    if generator:
        return method not in _ITERATORS
    fits = (lambda value: _listed(value, builtins)) if method in _LISTS else _iterated
    return not (returns or _raises(function)) or not all(r.value is not None and fits(r.value) for r in returns) \
        or not isinstance(function.body[-1], (ast.Return, ast.Raise))


def _returns(function) -> tuple:
    """(the function's own return statements, whether it is a generator)."""
    found, stack = [], list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return found, True
        if isinstance(node, ast.Return):
            found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return found, False


def _raises(function) -> bool:
    return isinstance(function.body[-1], ast.Raise)


def _listed(value, builtins=frozenset()) -> bool:
    """A list for certain on Python 2 (a dict's keys(), values(), items() are; a zip or map of `builtins`, and
    list() of one judged as it)."""
    lazy = _lazy_call(value)
    if lazy is not None:
        return lazy in builtins
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "list" and len(
            value.args) == 1 and not value.keywords and _lazy_call(value.args[0]) is not None:
        return _lazy_call(value.args[0]) in builtins
    if isinstance(value, (ast.List, ast.ListComp)):
        return True
    if isinstance(value, ast.Call) and not value.args and not value.keywords and isinstance(
            value.func, ast.Attribute) and value.func.attr in _LISTS:
        return True
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "sorted")


def _lazy_call(value) -> str | None:
    """The name of a call of zip, map or filter (the calls fix wraps in list()), else None."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _WRAPPED:
        return value.func.id
    return None


def _iterated(value) -> bool:
    """An iterator for certain on Python 2 (what iter() gives back as it is)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Name):
        return func.id == "iter"
    return isinstance(func, ast.Attribute) and func.attr in _ITERATORS


# ---------------------------------------------------------------- what other modules read of a module
# (tryout16 #5, #6): a name fix would bind or unbind at a module's top level is seen from outside it by a star
# import of the module (one without `__all__`: every name not starting with `_`) and by `module.NAME` (an
# attribute read or write, a dotted string: `mock.patch('pkg.client.urllib2.urlopen')`). A bytes scan of each
# file of the project (its own field, `readers`; read with the file's other Facts).

STAR = "*"  # the name a star import reads of a module
# the modules W1648's rewrite may unbind (their every use spelled six.moves.<...>, the import gone):
# Python-2-only modules six moved name by name, neither one six.moves module nor renamed (rules/py3k/moves.py)
UNBOUND_MODULES = tuple(sorted(name for name, move in STDLIB_MOVES.items() if name in PY2_ONLY_MODULES
                               and "names" in move and "module" not in move and "renamed" not in move))
_STAR_IMPORT = re.compile(rb"from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import(?:[ \t]|\\\r?\n)*(?:\([ \t]*)?\*")
_ATTRIBUTE_READ = re.compile(rb"\.(" + b"|".join(name.encode() for name in UNBOUND_MODULES) + rb")\b")
# the same attribute named otherwise (tryout17 #15, #1): `patch.object(client, 'urllib2', ...)`, setattr/getattr/
# hasattr(client, 'urllib2'); a word matched from its start only (a megabyte-long word tried from each of its
# letters took minutes). `from client import urllib2` is read on the file's import items (_import_items)
_UNBOUND = b"|".join(name.encode() for name in UNBOUND_MODULES)
# the blanks a reader may hold (tryout19 #12: `getattr(pkg.b1,\n "StringIO")`, `sys.modules[\n "pkg.b1"]`, `(pkg.b1\n
# .StringIO)`): spaces, tabs, line breaks and a continuation's backslash (a run of them is read once: linear)
_BLANK = rb"[ \t\r\n\\]*"
_BLANKS = frozenset(bytes([c]) for c in b" \t\r\n\\")
_NAMED_READ = re.compile(rb"(?<!\w)(\w+)" + _BLANK + rb"," + _BLANK + rb"['\"](" + _UNBOUND + rb")['\"]")
# the quoted name _NAMED_READ ends with: searched first, as most files quote none (_NAMED_READ tried at each word of
# every file was the index's largest scan)
_QUOTED_UNBOUND = re.compile(rb"['\"](?:" + _UNBOUND + rb")['\"]")
# the module object reached otherwise (tryout17 #1): `sys.modules['client'].StringIO`, `__import__('client').
# cStringIO` (`__import__('pkg.client')` gives pkg), `importlib.import_module('client').urllib2`, and its namespace:
# `vars(client)['urlparse']`, `client.__dict__['urlparse']` (`.get('urlparse')` too); tryout18 #1: `sys.modules.
# get('client')`, `getattr(sys.modules['client'], 'urllib2')`, `__import__('pkg.client', None, None, ['x'])` (a
# fromlist gives pkg.client: with more arguments both are counted), `import_module(name='client')`. Groups: the
# __import__, the dotted name, more arguments (`globals()` too; bounded: a megabyte line stays linear), the name
_OBJECT_READ = re.compile(rb"(?:(__import__)\(|import_module\((?:" + _BLANK + rb"name" + _BLANK + rb"=)?|modules(?:\[|"
                          rb"\." + _BLANK + rb"get" + _BLANK + rb"\())" + _BLANK + rb"['\"]([\w.]+)['\"]" + _BLANK
                          + rb"(,[^()]{0,200}(?:\([^()]{0,100}\)[^()]{0,200}){0,3})?[)\]]" + _BLANK
                          + rb"(?:\." + _BLANK + rb"(" + _UNBOUND + rb")\b|,"
                          + _BLANK + rb"['\"](" + _UNBOUND + rb")['\"])")
_NAMESPACE_READ = re.compile(rb"(?:vars\(" + _BLANK + rb"(\w+(?:\.\w+)*)" + _BLANK + rb"\)|(?<![\w.])(\w+(?:\.\w+)*)"
                             + _BLANK + rb"\." + _BLANK + rb"__dict__)" + _BLANK + rb"(?:\[|\." + _BLANK + rb"get"
                             + _BLANK + rb"\()" + _BLANK + rb"['\"](" + _UNBOUND + rb")['\"]")
_READ_HINTS = ((_OBJECT_READ, (b"__import__(", b"import_module(", b"modules[", b"modules.get")),
               (_NAMESPACE_READ, (b"vars(", b"__dict__")))


def module_reads(path: str, max_bytes: int) -> tuple:
    """(module stem, name, line) of what the file at `path` reads of another module (_module_reads); nothing for a
    file that is not read."""
    return _facts(path, max_bytes).reads


def _module_reads(path: str, data: bytes, imports: tuple) -> tuple:
    """(module stem, name, line) of what the file (at `path`, its bytes `data`, its import items `imports`:
    _import_items) reads of another module by a star import (name STAR: `from client import *`, `from . import
    *` the package's) or as its attribute NAME for a NAME of UNBOUND_MODULES: `client.urllib2` (in code or in a
    string), `from client import urllib2`, `getattr(client, 'urllib2')`, `sys.modules['client'].urllib2`,
    `vars(client)['urllib2']`... (a name an import binds to a module read as that module: `import pkg.client as
    c; vars(c)[...]`)."""
    found = []
    line = _Lines(data)
    if b"*" in data:
        for match in _STAR_IMPORT.finditer(data):
            dots, dotted = match.group(1), match.group(2).decode()
            stem = dotted.rsplit(".", 1)[-1] if dotted else ""
            if not stem and dots:  # `from . import *`: the package's own __init__
                directory = os.path.dirname(os.path.abspath(path))
                for _ in range(len(dots) - 1):
                    directory = os.path.dirname(directory)
                stem = os.path.basename(directory)
            if stem:
                found.append((stem, STAR, line(match.start())))
    named = any(name in data for name in _UNBOUND_BYTES)  # the cheap test first: 82 of Django 1.4's 1,875 files
    quoted = _QUOTED_UNBOUND.search(data) if named else None
    for match in _NAMED_READ.finditer(data) if quoted else ():
        found.append((match.group(1).decode(), match.group(2).decode(), line(match.start())))
    words = _word_reads(data) if named else {}
    if words:  # tryout19 #1 #2, tryout20 #2 #3 #13
        found += _quoted_reads(path, data, imports, words)
    found.extend(executed_files(data))  # execfile('settings.py'): a star import of it (tryout17 #9)
    unbound = {name.encode() for name in UNBOUND_MODULES}
    found += [(source.decode(), name.decode(), line(at)) for _, _, source, name, at in imports
              if source and name in unbound]
    hinted = [pattern for pattern, hints in _READ_HINTS if any(hint in data for hint in hints)]
    modules = _modules(imports) if hinted else {}
    for pattern in hinted:
        for match in pattern.finditer(data):
            if pattern is _OBJECT_READ:
                dotted, name = match.group(2), match.group(4) or match.group(5)
                stems = {dotted.rsplit(b".", 1)[-1]} if not match.group(1) or match.group(3) else set()
                stems |= {dotted.split(b".")[0]} if match.group(1) else set()
            else:
                receiver, name = match.group(1) or match.group(2), match.group(3)
                stems = {modules.get(receiver, receiver.rsplit(b".", 1)[-1])}
            found += [(stem.decode(), name.decode(), line(match.start())) for stem in sorted(stems)]
    for match in _ATTRIBUTE_READ.finditer(data):
        end = match.start()
        while end > match.start() - 200 and data[end - 1:end] in _BLANKS:  # `(pkg.b1\n  .StringIO)` (tryout19 #12;
            end -= 1  # bounded: a megabyte of blanks is not walked at each match)
        begin = end
        while begin and (data[begin - 1:begin].isalnum() or data[begin - 1:begin] == b"_"):
            begin -= 1
        # not `StringIO.StringIO` (the module's own), nor `from .StringIO import x` (a keyword: no attribute read)
        if begin < end and data[begin:end] != match.group(1) and not keyword.iskeyword(data[begin:end].decode()):
            found.append((data[begin:end].decode(), match.group(1).decode(), line(match.start())))
    return tuple(found)


# a quoted name (`'pkg.b1'`, `"conf"`), relative too (`".b1"`, `import_module(".b1", "pkg")`: tryout20 #1): the
# modules a file names in its strings, by their last component
_QUOTED_WORD = re.compile(rb"['\"]\.*([A-Za-z_][\w.]*)['\"]")
_UNBOUND_BYTES = tuple(name.encode() for name in UNBOUND_MODULES)  # the cheap test before _WORD_UNBOUND
_WORD_UNBOUND = re.compile(rb"(?:" + _UNBOUND + rb")(?!\w)")  # the word before it tested after (a lookbehind first
# was 2.5 times as slow)
# a comment, or a string literal to its end (an unclosed one quoted once to its line's end, a triple-quoted one to
# the file's): each alternative ends wherever its loop stops, so nothing is tried twice (linear on any bytes).
# Group 1: a string quoted once (`'a b'`, `"a,b"`), not a triple-quoted one (a docstring's prose, a doctest:
# Django 1.4 names `urlparse.urlsplit` in a docstring of forms/fields.py, `from StringIO import StringIO` in a
# test's doctest; mechanize 0.2.5 "that's urllib, not urllib2" in a docstring: read from the file's start, its
# apostrophe opens no string)
_LITERAL = re.compile(rb"#[^\r\n]*+|'''(?:[^'\\]++|\\(?:.|\Z)|'(?!''))*+(?:'''|\Z)"
                      rb'|"""(?:[^"\\]++|\\(?:.|\Z)|"(?!""))*+(?:"""|\Z)'
                      rb"|('(?:[^'\\\r\n]++|\\(?:.|\Z))*+(?:'|(?=[\r\n])|\Z)"
                      rb'|"(?:[^"\\\r\n]++|\\(?:.|\Z))*+(?:"|(?=[\r\n])|\Z))', re.S)


def _word_reads(data: bytes) -> dict:
    """Each name of UNBOUND_MODULES the file reads by a word other than `module.NAME` (name -> the line of its first
    such word), however the name then reaches a module's namespace: the name quoted alone (`'StringIO'`, in a
    comment too: tryout19 #1 #2), a whole word of a string literal (`"StringIO urllib2".split()`, `'a,urllib2'`:
    tryout20 #2), a keyword argument's name (`patch.multiple('pkg.client', urllib2=Fake)`, `vars(client).update(
    urllib2=Fake)`, `dict(urllib2=f)`: tryout20 #13), an attribute of a call's or a subscript's result (`sys.modules[
    __name__].StringIO`, `__import__(__name__).StringIO`, `sys.modules.get(__name__).StringIO`: tryout20 #3). A string
    literal is one quoted once (_LITERAL: not a docstring's prose, nor a doctest), the file's literals read from
    its start once, only as far as a word that is none of the others."""
    line = _Lines(data)
    names: dict = {}
    literals = _LITERAL.finditer(data)  # read on only as far as a word other than those before needs
    literal = next(literals, None)
    for match in _WORD_UNBOUND.finditer(data):
        start, end = match.span()
        if start and (data[start - 1:start].isalnum() or data[start - 1] == 95):  # within a word (95: `_`)
            continue
        name = match.group().decode()
        if name in names:
            continue
        before, after = data[start - 1:start], data[end:end + 1]
        if before in (b"'", b'"') and after == before:  # quoted alone
            names[name] = line(start)
            continue
        back, ahead = _skip_blanks(data, start, -1), _skip_blanks(data, end, 1)
        if (data[back - 1:back] in (b"(", b",") and data[ahead:ahead + 1] == b"="
                and data[ahead + 1:ahead + 2] != b"="):  # a keyword argument
            names[name] = line(start)
            continue
        if data[back - 1:back] == b".":  # `(...).StringIO`, `[...].StringIO`
            dot = _skip_blanks(data, back - 1, -1)
            if data[dot - 1:dot] in (b")", b"]"):
                names[name] = line(start)
            continue
        begin = data.rfind(b"\n", max(start - 2000, 0), start) + 1
        if begin and b"'" not in data[begin:start] and b'"' not in data[begin:start]:
            continue  # no string quoted once opens on the word's line before it
        while literal is not None and literal.end() <= start:  # the file's literals in order, each read once
            literal = next(literals, None)
        if literal is not None and literal.group(1) and literal.start() < start:  # in a string quoted once
            names[name] = line(start)
    return names


def _skip_blanks(data: bytes, at: int, step: int) -> int:
    """The offset past the blanks (_BLANKS, at most 200) from `at` backwards (step -1: the offset after the word
    before) or forwards (step 1)."""
    limit = at + 200 * step
    if step < 0:
        while at > max(limit, 0) and data[at - 1:at] in _BLANKS:
            at -= 1
    else:
        while at < min(limit, len(data)) and data[at:at + 1] in _BLANKS:
            at += 1
    return at


def _quoted_reads(path: str, data: bytes, imports: tuple, names: dict) -> list:
    """(module stem, name, line) of each name of UNBOUND_MODULES the file reads by a word (`names`: _word_reads, name
    -> line: `'StringIO'`, `"StringIO urllib2".split()`, `urllib2=Fake`, `sys.modules[__name__].StringIO`), read of
    the module itself and of every module the file names: an import item's modules (`import pkg.b1`: pkg and b1;
    `from pkg import b2 as c`: pkg and b2) and the last component of a quoted dotted name (`sys.modules['pkg.b1']`,
    a relative one too: `import_module('.b1', 'pkg')`, tryout20 #1). Whatever spelling takes the name to the
    module's namespace (tryout19 #1: the module's own `globals()['StringIO']`, `getattr(sys.modules[__name__],
    'StringIO')`, `vars()['StringIO']`, `globals().get('StringIO')`; #2: `sys.modules['pkg.b1'].__dict__[
    'StringIO']`, `operator.attrgetter('StringIO')(pkg.b1)`): a superset (a message's word too), on the few files
    holding one."""
    stems = {module_key(path)} | {word.decode() for word in _imported_modules(imports)}
    stems.update(match.group(1).rsplit(b".", 1)[-1].decode() for match in _QUOTED_WORD.finditer(data))
    return [(stem, name, at) for name, at in names.items() for stem in sorted(stems - {""})]


def read_outside(tree: ast.Module, name: str, read: dict) -> str:
    """Where another module of the project sees the module's top-level `name` (`read`: ProjectIndex.read_of of the
    module): "`path:line` reads <stem>.name" or "`path:line` star-imports the module" (where the star import binds
    it: star_exports); "" where none is known."""
    if name in read:
        return f"{read[name]} reads it as the module's attribute"
    if name in module_nodes.once(tree, _all_strings):  # public API: any importer, in the project or not (tryout17
        return "the module's __all__ names it"  # #14), however `__all__` is built (tryout18 #14)
    if name in doctest_strings.example_names(tree):  # doctest runs them in the module's globals (tryout18 #16)
        return "the module's doctest examples read it"
    if STAR in read and star_exports(tree, name):
        return f"{read[STAR]} star-imports the module" + ("" if _literal_all(tree) is None else ", whose __all__ names it")
    return ""


def star_exports(tree: ast.Module, name: str) -> bool:
    """Does `from module import *` bind the module's top-level `name`? Not for a name starting with `_`; for one
    the module's `__all__` lists where it has one literal list or tuple (its only mention of `__all__`, assigned at
    its top level); for any other where it has none, or one not known."""
    if name.startswith("_"):
        return False
    listed = _literal_all(tree)
    return listed is None or name in listed


def _all_strings(tree: ast.Module) -> frozenset:
    """Every string literal of a statement of the module naming `__all__`, and each word of it: `__all__ = [...]`,
    `__all__ += [...]`, `__all__.extend([...])`, `__all__.append('x')`, `['a'] + ['b']`, `'a b'.split()` (more,
    never fewer, than the names it lists where they are written out)."""
    lines = {node.lineno for node in module_nodes.of_kind(tree, ast.Name) if node.id == "__all__"}
    if not lines:
        return frozenset()
    found = set()
    for statement in module_nodes.of_kind(tree, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)):
        if any(statement.lineno <= line <= statement.end_lineno for line in lines):
            for node in ast.walk(statement):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.update([node.value, *node.value.split()])
    return frozenset(found)


def _literal_all(tree: ast.Module):
    """The names of the module's `__all__` (star_exports), None where it has none or not one known."""
    named = [node for node in module_nodes.of_kind(tree, ast.Name) if node.id == "__all__"]
    if len(named) != 1:
        return None
    top = next((statement for statement in tree.body if isinstance(statement, ast.Assign)
                and statement.targets == [named[0]]), None)
    if top is None or not isinstance(top.value, (ast.List, ast.Tuple)) or not all(
            isinstance(item, ast.Constant) and isinstance(item.value, str) for item in top.value.elts):
        return None
    return frozenset(item.value for item in top.value.elts)


# ---------------------------------------------------------------- an import hook taking four arguments
# (tryout17b #1): Python 2 compiles an import statement under `from __future__ import absolute_import` (the
# `from __future__ import ...` line itself too) to call `__import__(name, globals, locals, fromlist, 0)`, five
# arguments, where without it the call has four. A py2-era replacement of the builtin `__import__` defined with
# four parameters (`def hook(name, globals, locals, fromlist)`, RestrictedPython's tests' minimal_import) then raises
# TypeError in every module fix gave absolute_import: fix adds it nowhere in a run whose project installs one
# (ProjectIndex.import_hook; rules/py3k/imports.py, import_hook_left). Read with the file's other facts (_facts): a
# bytes scan (a file naming `__import__` in a write: `.__import__ =`, `.__import__] =`, `['__import__'] =`,
# `'__import__':`, `setattr(b, '__import__', f)`, `__import__=f`, `(b.__import__, y) =`), then the tree of such a
# file; a function it installs imported from another module (_hook_imports) is looked up in that module's file,
# read only then (_imported_hook).

# (and a string ending in `__import__` closing a call: `mock.patch('__builtin__.__import__') as imp`)
_HOOK_WRITE = re.compile(rb"__import__(?:['\"][ \t]*\)|['\"]?[ \t]*[\])]*[ \t]*(?:[-+*/%&|^]?=(?!=)|:|,))")
# what reads `__import__` by its name written out (any other call handed `'__import__'` or a dotted name ending in it
# writes it, the argument after it or a `new=` keyword the value: setattr(b, '__import__', f), `b.__dict__.
# __setitem__('__import__', f)`, `.setdefault('__import__', f)`, `mock.patch('__builtin__.__import__', f)`,
# `patch.object(__builtin__, '__import__', f)`, `monkeypatch.setattr('builtins.__import__', f)`: tryout20 #4)
_HOOK_READERS = frozenset({"getattr", "hasattr", "delattr", "get", "pop", "__getitem__", "__getattribute__",
                           "__delitem__", "__delattr__", "__contains__", "index", "count", "startswith", "endswith"})


def import_hook_setting(path: str, max_bytes: int) -> str:
    """`line (how)` of the file's first write of a function that cannot take five positional arguments as the
    builtin `__import__` (four_argument_hook), "" for none, or for a file that is not read or parsed."""
    return _facts(path, max_bytes).hook


def _hook_line(data: bytes) -> str:
    """import_hook_setting's answer on a file's bytes: its tree read only where they name `__import__` and
    write it."""
    tree = _tree(data) if b"__import__" in data and _HOOK_WRITE.search(data) else None
    return four_argument_hook(tree) if tree is not None else ""


def _hook_imports(data: bytes) -> tuple:
    """(module key, function name, `line (how)`) of each write of `__import__` (_hook_writes) whose value is a
    function the module imports (`from hooks import minimal_import [as mi]`, `import hooks` then
    `hooks.minimal_import`): the project index reads that module's def (_imported_hook; tryout21, README's former
    limit "a hook imported from another module"). Read on the tree _hook_line parses, where it does."""
    tree = _tree(data) if b"__import__" in data and _HOOK_WRITE.search(data) else None
    if tree is None:
        return ()
    imported, modules = {}, {}  # bound name -> (module key, name); bound name -> module key
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            if isinstance(node, ast.ImportFrom) and node.module:
                imported[alias.asname or alias.name] = (node.module.rsplit(".", 1)[-1], alias.name)
            if isinstance(node, ast.ImportFrom):  # `from pkg import hooks` (a module, maybe)
                modules[alias.asname or alias.name] = alias.name
            else:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name.rsplit(".", 1)[-1] \
                    if alias.asname else alias.name.split(".")[0]
    found = []
    for node, value in _hook_writes(tree):
        if isinstance(value, ast.Name) and value.id in imported:
            key, name = imported[value.id]
        elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id in modules:
            key, name = modules[value.value.id], value.attr
        else:
            continue
        found.append((key, name, f"{node.lineno} (`{_clipped(value)}`, installed as `__import__`"))
    return tuple(found)


def _imported_hook(files: list, root: str, hook_imports: list) -> str:
    """`path:line (how)` of the first of `hook_imports` ((module key, function name, relative path, `line (how)`)
    of the project's installs of an imported function as `__import__`) whose function a module of the project of
    that key defines at its top level unable to take five positional arguments (fewer than five parameters, no
    `*args`), "". Only the files of those keys are read (most projects install none)."""
    keys = {key for key, _, _, _ in hook_imports}
    defined: dict = {}  # (module key, name) -> (relative path, line, positional parameters)
    for path in files:
        key = module_key(path)
        if key not in keys or not path.endswith(".py"):
            continue
        try:
            tree = parse(read_regular(path, 10_000_000).decode("latin-1")).tree
        except SourceError:
            continue
        for node in tree.body if tree is not None else ():
            if isinstance(node, ast.FunctionDef) and node.args.vararg is None:
                taken = len(node.args.posonlyargs + node.args.args)
                if taken < 5:
                    defined.setdefault((key, node.name), (os.path.relpath(path, root), node.lineno, taken))
    for key, name, relative, where in hook_imports:
        if (key, name) in defined:
            path, line, taken = defined[key, name]
            return f"{relative}:{where}, defined at {path}:{line}, takes at most {taken} positional arguments)"
    return ""


def four_argument_hook(tree: ast.Module) -> str:
    """`line (how)` of the module's first write of the builtin `__import__` (`__builtin__.__import__ = hook`,
    `builtins.__import__ = hook`, `old, __builtin__.__import__ = __builtin__.__import__, hook`, a list display
    or nested tuple target, `__builtins__['__import__'] = hook`, a `'__import__': hook` dict entry, `setattr(
    __builtin__, '__import__', hook)`, `__builtin__.__dict__.__setitem__('__import__', hook)`,
    `dict(__import__=hook)`) whose value is a function of the module (a def or lambda, by the name written or a
    method by its attribute's name) that cannot take five positional arguments: fewer than five parameters (self not
    counted for a method), no `*args`. Else (tryout19 #6 #17) the first write of `__import__` in any of those
    spellings, whatever its value (a parameter, `functools.partial(hook)`, a dict item, the builtin restored), in a
    module that defines a function shaped like a four-argument `__import__` which may reach it: exactly four
    positional parameters (self not counted), no `*args`, handed on as a value (_shaped: tryout20 #20). A value that
    is a function of the module taking `*args` or five positional arguments is harmless. A string naming `__import__`
    (`'__import__'`, `'__builtin__.__import__'`) handed to any call but a reader's (getattr...) is a write too
    (`mock.patch('__builtin__.__import__', hook)`, `patch.object(__builtin__, '__import__', hook)`: tryout20 #4).
    "" for none."""
    functions: dict = {}
    for node in module_nodes.of_kind(tree, (ast.FunctionDef, ast.ClassDef)):
        if isinstance(node, ast.FunctionDef):
            functions.setdefault(node.name, []).append((node.args, 0))
        else:
            for method in node.body:
                if isinstance(method, ast.FunctionDef):
                    static = any(getattr(d, "id", "") == "staticmethod" for d in method.decorator_list)
                    functions.setdefault("." + method.name, []).append((method.args, 0 if static else 1))
    found, installs = [], []
    for node, value in _hook_writes(tree):
        signatures = []
        if isinstance(value, ast.Lambda):
            signatures, name = [(value.args, 0)], "a lambda"
        elif isinstance(value, ast.Name):
            signatures, name = functions.get(value.id, []), f"`{value.id}`"
        elif isinstance(value, ast.Attribute):
            signatures, name = functions.get("." + value.attr, []), f"`{ast.unparse(value)}`"
        if not signatures:  # a value the module does not show (a parameter, a call's result, the builtin restored)
            installs.append((node.lineno, f"`{_clipped(value)}`" if value is not None else "a value"))
            continue
        taken = [len(args.posonlyargs + args.args) - bound for args, bound in signatures if args.vararg is None]
        if taken and min(taken) < 5:
            found.append((node.lineno, f"{name}, installed as `__import__`, takes at most {min(taken)} "
                                      "positional arguments"))
        # else a function taking `*args` or five positional arguments: harmless (tryout20 #20)
    if found:
        line, how = min(found)
        return f"{line} ({how})"
    shaped = _shaped(tree, functions) if installs else ""
    line, installed = min(installs) if installs else (0, "")
    return f"{line} ({shaped}, and the module installs {installed} as `__import__` here, which may be it)" \
        if shaped else ""


def _clipped(value) -> str:
    """An installed value's source, clipped to 60 characters (the note's)."""
    text = " ".join(ast.unparse(value).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _hook_writes(tree: ast.Module):
    """(node, value or None) of each write of `__import__` as an attribute or an item (not a module global, which
    import statements do not read): an assignment's or an augmented assignment's target ending in `__import__` (in
    a tuple or list target at any depth: the value paired where the displays match), a `'__import__':` dict key,
    an `__import__=` keyword, a `'__import__'` string handed to setattr, `__setitem__`, setdefault."""
    for node in module_nodes.of_kind(tree, (ast.Assign, ast.AugAssign, ast.Dict, ast.Call)):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                yield from ((node, value) for target, value in _hook_pairs(target, node.value)
                            if _names_import(target))
        elif isinstance(node, ast.AugAssign):
            if _names_import(node.target):
                yield node, None
        elif isinstance(node, ast.Dict):
            yield from ((node, value) for key, value in zip(node.keys, node.values)
                        if isinstance(key, ast.Constant) and key.value == "__import__")
        else:
            yield from ((node, keyword.value) for keyword in node.keywords if keyword.arg == "__import__")
            setter = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if setter not in _HOOK_READERS:
                new = next((keyword.value for keyword in node.keywords if keyword.arg == "new"), None)
                yield from ((node, following or new) for argument, following in zip(node.args, node.args[1:] + [None])
                            if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                            and (argument.value == "__import__" or argument.value.endswith(".__import__")))


def _hook_pairs(target, value):
    """(target, value or None) of an assignment's target and each target within its tuple or list displays, at any
    depth, the value paired where it is a display of as many items (`old, __builtin__.__import__ =
    __builtin__.__import__, hook`, the save-and-install idiom; tryout18 #6; `[old, b.__import__] = [_orig, hook]`,
    `old, (b.__import__, y) = _orig, (hook, 1)`: tryout19 #17)."""
    yield target, value
    if isinstance(target, (ast.Tuple, ast.List)):
        paired = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts)
        for at, item in enumerate(target.elts):
            yield from _hook_pairs(item.value if isinstance(item, ast.Starred) else item,
                                   value.elts[at] if paired else None)


def _shaped(tree: ast.Module, functions: dict) -> str:
    """"`name` takes four positional arguments..." for the module's first function (def, method, lambda) shaped like
    a four-argument `__import__`: exactly four positional parameters (self not counted for a method), no `*args`,
    that may reach an install whose value the module does not show (tryout20 #20): a def or method whose name the
    module hands on as a value (not only calls it: `install(h=hook)`, `functools.partial(hook)`, `{'x': hook}`,
    `return hook`, `self.hook`), names in a string (`getattr(self, 'hook')`, `globals()['hook']`) or decorates, a
    `__call__` (an instance installed), any lambda; ""."""
    handed = _handed_on(tree, functions) if functions else set()
    for name, signatures in functions.items():
        if name in handed and any(args.vararg is None and len(args.posonlyargs + args.args) - bound == 4
                                  for args, bound in signatures):
            return f"`{name.lstrip('.')}` takes four positional arguments and is handed on as a value"
    lambdas = [node for node in module_nodes.of_kind(tree, ast.Lambda)
               if node.args.vararg is None and len(node.args.posonlyargs + node.args.args) == 4]
    return f"a lambda of line {lambdas[0].lineno} takes four positional arguments" if lambdas else ""


def _handed_on(tree: ast.Module, functions: dict) -> set:
    """The keys of `functions` (a def's name, "." + a method's) the module may hand on as a value (_shaped)."""
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    handed = {".__call__"} & functions.keys()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and id(node) not in called and node.id in functions:
            handed.add(node.id)
        elif isinstance(node, ast.Attribute) and id(node) not in called and "." + node.attr in functions:
            handed.add("." + node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            handed.update(key for key in (node.value, "." + node.value) if key in functions)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            handed.update(key for key in (node.name, "." + node.name) if key in functions)
    return handed


def _names_import(target) -> bool:
    """`x.__import__` or `x['__import__']` (an assignment's target)."""
    if isinstance(target, ast.Attribute):
        return target.attr == "__import__"
    return isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
        and target.slice.value == "__import__"


# ---------------------------------------------------------------- star importers beyond the *.py files (tryout17 #9)
# A module's names reach another namespace by a star import (module_reads) in a file that is no *.py module too: an
# installed script without extension (bin/tool, `#!/usr/bin/env python`), a doctest text file (`>>> from consts
# import *`, run by doctest.testfile), and by an `execfile('settings.py')` / `exec open('settings.py').read()` of
# a project file, which runs it in the caller's namespace. Only files a cheap test selects are read (a script's first
# 256 bytes; a text's doctest examples), and those for every fact, as a *.py file is (build: tryout18 #18 #24 #25,
# a script setting the locale, installing an import hook, assigning a module's attribute).

_TEXT_SUFFIXES = (".txt", ".rst")
# a file with an extension other than .py that Python runs as a script or loads as source (tryout18 #4 #23): a
# Windows GUI script, CGI/WSGI scripts (read where a `#!` python line leads them, as a file without extension)
_SOURCE_SUFFIXES = (".pyw",)
_SCRIPT_SUFFIXES = (".cgi", ".fcgi", ".wsgi")
# what runs a file's text in a namespace: `execfile(...)`, `runpy.run_path(...)` (its globals handed back:
# tryout18 #4), `exec open(...).read()`, `exec(compile(open(...).read(), ...))`; the file is named by the string
# literals of the call's first argument, on the rest of the line (_executions): a string literal, or a bracket or
# comma outside one
_EXEC_FILE = re.compile(rb"(?:execfile|run_path)[ \t]*\(|exec\b[ \t(]*(?:compile[ \t]*\([ \t]*)?open[ \t]*\(")
_ARGUMENT_TOKEN = re.compile(rb"['\"]([^'\"\n]{1,200})['\"]|[][(){},]")
# the interpreters a `#!` line may name (tryout18 #17), and the sh/python polyglot's exec line (`''''exec python
# "$0" "$@" # '''`) in a script's first bytes
_INTERPRETERS = (b"python", b"pypy", b"jython")
# and its other spellings: `"exec" "python" "$0" "$@"`, or a line opening a string for Python (sh's `:`
# command: `""":"`, `''':'`) and the exec line after it (tryout19 #4)
_POLYGLOT = re.compile(rb"^(?:''''|\"\"\"\"|[\"'](?=exec[\"'])|(?:\"\"\"|''')[^\n]*\n(?:[^\n]*\n)*?[ \t]*)[ \t]*"
                       rb"exec\b[^\n]*(?:python|pypy|jython)", re.M)
# a doctest example: its `>>> ` line and the `... ` lines continuing it, at the same indentation (doctest_source)
_EXAMPLE = re.compile(rb"^([ \t]*)>>>(?=[ \r\n]|\Z)[^\n]*(?:\n\1\.\.\.(?=[ \r\n]|\Z)[^\n]*)*", re.M)


def other_reader_name(name: str) -> bool:
    """A file name other than *.py whose file may hold Python the project runs: no extension (a script), .pyw, a
    CGI/WSGI script, or a text (`.txt`, `.rst`) that may hold doctest examples. Hidden files (`.name`) are not."""
    return "." not in name or name.endswith(_TEXT_SUFFIXES + _SOURCE_SUFFIXES + _SCRIPT_SUFFIXES)


def _any_name(name: str) -> bool:
    return True


def other_readers(paths, executed: frozenset = frozenset()) -> list:
    """Those of `paths` (files other than *.py) the index reads as Python source (_facts: for every fact as a *.py
    file, tryout18 #18 #24 #25): a file named by a project file's execfile, run_path or exec of open(), whatever
    its name (`executed`: the names, `SConstruct`, `settings.conf`: tryout19 #3); and of those other_reader_name
    accepts, a .pyw file; a text file (its doctest examples only: doctest_source); a script (no extension, or a
    CGI/WSGI one) whose first line is a `#!` line naming python, pypy or jython, or whose first bytes hold the
    sh/python polyglot's exec line. A script is tested on its first 256 bytes only (it may be a large binary); a file
    found is read by _facts, within the size limit."""
    found = []
    for path in paths:
        name = os.path.basename(path)
        if name in executed or name.endswith(_SOURCE_SUFFIXES + _TEXT_SUFFIXES):
            found.append(path)
            continue
        if not other_reader_name(name):
            continue
        head = _head(path)
        if head.startswith(b"#!") and (any(word in head.split(b"\n", 1)[0] for word in _INTERPRETERS) or (
                b"exec" in head and _POLYGLOT.search(head))):
            found.append(path)
    return found


def doctest_source(data: bytes) -> bytes:
    """The source of the doctest examples of a text (`>>> ` lines and their `... ` continuations, the prompts
    taken off) on their own lines, every other line blank: read as a module is (tryout18 #2 #13 #18)."""
    if b">>>" not in data:
        return b""
    out = []
    at = line = 0  # where the text's lines were counted up to, and their count there; out's lines
    written = 0
    for match in _EXAMPLE.finditer(data):
        line += data.count(b"\n", at, match.start())
        at = match.start()
        out.append(b"\n" * (line - written))
        indent = len(match.group(1)) + 3
        lines = match.group(0).split(b"\n")
        out.append(b"\n".join(text[indent + 1:] if text[indent:indent + 1] == b" " else text[indent:]
                              for text in lines))
        written = line + len(lines) - 1
    return b"".join(out) + b"\n"


def _head(path: str) -> bytes:
    """The first 256 bytes of a regular file (b"" for anything else; O_NONBLOCK: a FIFO does not block)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        return os.read(fd, 256) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def _executions(data: bytes):
    """(line, file name as written, whether it ends in .py) of each run of a file's text the source `data` holds
    (_EXEC_FILE): the name the last string literal of the call's first argument gives, on the rest of the line
    (`os.path.join(here, 'conf', 's_b.py')`: conf/s_b.py's; open()'s for an exec of open(): not compile's mode
    in `compile(open('s.inc').read(), 's.inc', 'exec')`, nor a globals item in `execfile('s.conf', {'a': 'b'})`,
    tryout19 #3)."""
    if b"execfile" not in data and b"run_path" not in data and not (b"exec" in data and b"open" in data):
        return
    for match in _EXEC_FILE.finditer(data):
        end = data.find(b"\n", match.end(), match.end() + 400)
        literals = _first_argument_literals(data, match.end(), end if end >= 0 else match.end() + 400)
        if literals:
            named = literals[-1]
            yield data.count(b"\n", 0, match.start()) + 1, named.decode("latin-1"), named.endswith(b".py")



def _first_argument_literals(data: bytes, start: int, end: int) -> list:
    """The string literals of the call argument starting at `start` (up to its comma or the call's closing
    bracket, within `end`)."""
    literals, depth = [], 0
    for token in _ARGUMENT_TOKEN.finditer(data, start, end):
        if token.group(1) is not None:
            literals.append(token.group(1))
            continue
        bracket = token.group(0)
        if bracket in b"([{":
            depth += 1
        elif depth == 0:
            break  # the first argument's comma, or the call's closing bracket
        elif bracket != b",":
            depth -= 1
    return literals


def executed_files(data: bytes):
    """(module stem, STAR, line) of each project module the source `data` runs in its own namespace by execfile,
    runpy.run_path or an exec of the file's text (its last path component's stem: `conf/settings.py` ->
    settings)."""
    for line, name, module in _executions(data):
        stem = os.path.basename(name)[:-3]
        if module and stem.isidentifier():
            yield stem, STAR, line

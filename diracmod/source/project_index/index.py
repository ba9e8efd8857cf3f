"""The project index (ProjectIndex): built once a run by check and fix alike (for_config, build) from the Facts of
each project file, in discovery's order, and the answers the rules read of it."""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from diracmod.core.config import DEFAULT_EXCLUDE, PROJECT_FILES
from diracmod.core.discover import discover
from diracmod.source import escape_shims
from diracmod.source.project_index.classes import (MADE, classic_raised, _derived, _exception_classes, iterator_classes,
                                                   mro_left, _ordered_classes, _plain_classes)
from diracmod.source.project_index.doctests import _TEXT_SUFFIXES, _any_name, other_readers
from diracmod.source.project_index.facts import _facts, _many_facts, _six_copy
from diracmod.source.project_index.hooks import _imported_hook
from diracmod.source.project_index.messages import message_classes, reexported
from diracmod.source.project_index.methods import _CONTEXT, ORDERS, _ORDERS_CONTEXT
from diracmod.source.project_index.reads import _dict_readers
from diracmod.source.project_index.scan import STAR, module_key
from diracmod.source.project_index.writes import BUILTINS_KEYS, _EVERY_MODULE, INTO_BUILTINS, READ_UNWRITTEN


# a file defining a next (which DM114 may report on a subclass of an iterator class: iterator_classes), the only
# files whose findings the iterator classes change
_NEXT_DEF = re.compile(rb"def[ \t]+next\b")


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
                         + [f"stdout={key}.{name}" for key, name in sorted(self.stdout_calls(data))]
                         + [f"mro={name}={where}={base}" for name, where, base in self.classic_mro if name.encode() in data]
                         + [f"reads={key}.{name}={','.join(names)}" for key, name, names in self.dict_readers
                            if name.encode() in data]
                         + [f"raised={name}={where}" for name, where in self.raised_classic
                            if name.encode() in data]
                         + ([f"message={key}.{name}={kind}" for key, name, kind in self.message_classes
                             if name.encode() in data] if b".message" in data else [])
                         + ([f"iterator={name}" for name in self.iterator_classes if name.encode() in data]
                            if self.iterator_classes and _NEXT_DEF.search(data) else [])
                         + [f"copy={copy}" for copy in self.builtins_copies if copy.rsplit(".", 1)[1].encode() in data]
                         + [f"character={key}.{name}" for key, name in self.character_defs if name.encode() in data]
                         + [f"character_method={'.'.join(entry)}" for entry in self.character_methods
                            if entry[1].encode() in data]
                         + [f"changer={'.'.join(entry)}" for entry in self.dict_changers
                            if all(word.encode() in data for word in entry[1:])]
                         + ([f"{kind}={key}.{name}" for kind, constants in (("tuple", self.tuple_constants),
                                                                            ("text", self.text_constants))
                             for key, name in constants if name.encode() in data] if b"filter" in data else []))

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

    # "module key.name" of each module-level name a module of the project binds to the builtins module, its namespace
    # or a copy of it (Facts.builtins_copies: `SAFE = dict(vars(__builtin__))`), sorted: a module reaching one keeps
    # the future imports out as one making the copy (rules/py3k/division.py, tryout27 #2)
    builtins_copies: tuple = ()

    # (module key, name) of each top-level function a module of the project defines reading its one parameter as one
    # character (Facts.character_defs: `def is_safe(c): return c.isalnum() or c in "-_"`), sorted
    character_defs: tuple = ()

    def reads_one_character(self, name: str) -> bool:
        """Does a module of the project define `name` as a function reading one character (filter() of a str given
        it returned a str on Python 2: filter-keeps-str-or-tuple, tryout27 #1)? By the name alone, as
        message_classes match classes: a package's __init__ re-exports its modules' functions (tryout28 #16)."""
        return any(defined == name for _, defined in self.character_defs)

    # (class name, method, kind) of each method of a class of the project, or inherited by a class based on it (by its
    # bases' words), reading its one parameter as one character (Facts.character_methods: `def okChar(self, c):
    # return c in self.allowed`; kind "static", "class" or "method"), sorted
    character_methods: tuple = ()

    def character_method(self, klass: str, method: str) -> str:
        """The kind of the method `klass.method` a class of the project named `klass` binds or inherits reading one
        character (filter(self.okChar, s) of a str returned a str on Python 2: tryout28 #13), "" for none."""
        return next((kind for name, defined, kind in self.character_methods if (name, defined) == (klass, method)), "")

    # (module key, name) of each name a module of the project assigns at column 0 a tuple display
    # (Facts.tuple_constants: `SEARCH_PATHS = ("/etc/app", "")`), and of each it assigns a text there
    # (Facts.text_constants: `TITLE = "ab"`), sorted
    tuple_constants: tuple = ()
    text_constants: tuple = ()

    def may_be_tuple(self, name: str) -> bool:
        """May `name`, imported from a module of the project, be a tuple (filter() of it returned a tuple on Python 2:
        filter-keeps-str-or-tuple, tryout28 #8)? By the name alone, as reads_one_character."""
        return name in self._constant_names[0]

    def may_be_text(self, name: str) -> bool:
        """May `name`, imported from a module of the project, be a str (filter() of it returned one on Python 2:
        tryout29 #8)? By the name alone, as may_be_tuple."""
        return name in self._constant_names[1]

    @functools.cached_property
    def _constant_names(self) -> tuple:
        """(the names of tuple_constants, those of text_constants), built once per index."""
        return tuple(frozenset(name for _, name in constants) for constants in (self.tuple_constants,
                                                                                 self.text_constants))

    # (module key, class name, method, attribute) of each method of a class of the project changing the size of its
    # dict `self.<attribute>` (Facts.dict_changers: `def drop(self, k): self.items.pop(k)`), sorted
    dict_changers: tuple = ()

    def changes_dict(self, key: str, klass: str, method: str | None, attribute: str) -> bool:
        """Does the class `klass` of a module of the project named `key` (module_key) define `method` (None: any
        method) changing the size of `self.<attribute>` (a loop over `r.items.keys()` calling `r.drop(k)`: tryout28
        #7)?"""
        return any((module, name, attr) == (key, klass, attribute) and method in (None, changer)
                   for module, name, changer, attr in self.dict_changers)

    def escape_shim(self, key: str, name: str) -> bool:
        """Does a module of the project named `key` (module_key) define `name` as a shim of six.u (a literal
        handed to it is text on both Pythons: unicode-escape-in-byte-string's six_u_argument, tryout20b #1)?"""
        return (key, name) in self.escape_shims

    # (module key, name) of each module-level function of the project closing, truncating, seeking or assigning
    # sys.stdout (Facts.stdout_writers), sorted
    stdout_writers: tuple = ()

    def stdout_calls(self, text) -> frozenset:
        """The stdout_writers the module's text (str or bytes) may import and call, which a plain print statement of
        it may call after an earlier item (print_order, DM111: tryout27 #10): their names and their modules' keys
        it holds (an import names the module)."""
        held = (lambda name: name in text) if isinstance(text, str) else (lambda name: name.encode() in text)
        return frozenset(writer for writer in self.stdout_writers if held(writer[1]) and held(writer[0]))

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

    # (module key, class name, kind) of each class of the project whose `message` is its own (kind "message": it sets
    # or binds it) or whose str() is (kind "__str__" or "__unicode__"), or based on such a class by its bases'
    # names (messages.message_classes: tryout27 #4), sorted
    message_classes: tuple = ()

    def message_kind(self, key: str, name: str) -> str:
        """What the class `name` of the project's module `key` (module_key) defines of its message: "message",
        "__str__", "__unicode__", or "" for none."""
        return next((kind for module, klass, kind in self.message_classes if (module, klass) == (key, name)), "")

    def raised_where(self, name: str) -> str:
        """`path:line` of the first place the project raises or catches the classic class `name` (or a class based
        on it), "" for none."""
        return next((where for klass, where in self.raised_classic if klass == name), "")

    # the names of the project's classes binding __iter__ or based on one (iterator_classes: tryout27 #6), sorted
    iterator_classes: tuple = ()

    @functools.cached_property
    def iterators(self) -> frozenset:
        """iterator_classes as a set, built once per index (what DM114 asks of a base of another module)."""
        return frozenset(self.iterator_classes)


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
    writers: set = set()  # (module key, name) of their functions writing sys.stdout (Facts.stdout_writers)
    copies: set = set()  # "module key.name" of its module-level builtins' namespaces (Facts.builtins_copies)
    characters: set = set()  # (module key, name) of the functions reading one character (Facts.character_defs)
    changers: set = set()  # (module key, class, method, attribute) (Facts.dict_changers)
    character_methods: set = set()  # (class, method, kind) reading one character (Facts.character_methods)
    tuples: set = set()  # (module key, name) of its names assigned a tuple display (Facts.tuple_constants)
    texts: set = set()  # (module key, name) of its names assigned a text (Facts.text_constants)
    lineage: dict = {}  # class name -> [(bases, (relative path, line))] (Facts.lineage)
    unknown: set = set()  # the class names plain_classes does not trust: made by type(), decorated (Facts.decorated)
    hook_imports: list = []  # (module key, name, relative path, `line (how)`) (Facts.hook_imports)
    views: set = set()  # (module key, name) of the dicts of other modules the project's files loop over by a view
    raised: dict = {}  # name -> the first (relative path, line) raising or catching it (Facts.raised)
    messages: list = []  # (module key, class name, kind) (Facts.messages)
    class_words: list = []  # (module key, class name, base words) of every class (messages.message_classes)
    reexports: list = []  # (module key, name bound, module key, name) of the from-imports (Facts.reexports)
    iterators: set = set()  # the names of the classes binding __iter__ (Facts.iterators)

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
        messages.extend((module_key(path), name, kind) for name, kind in facts.messages)
        class_words.extend((module_key(path), name, based) for name, based in facts.classes)
        reexports.extend((module_key(path), *entry) for entry in facts.reexports)
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
        writers.update((module_key(path), name) for name in facts.stdout_writers)
        copies.update(f"{module_key(path)}.{name}" for name in facts.builtins_copies)
        characters.update((module_key(path), name) for name in facts.character_defs)
        changers.update((module_key(path), *entry) for entry in facts.dict_changers)
        character_methods.update(facts.character_methods)
        tuples.update((module_key(path), name) for name in facts.tuple_constants)
        texts.update((module_key(path), name) for name in facts.text_constants)
        for name, listed, line in facts.lineage:
            lineage.setdefault(name, []).append((listed, (relative, line)))
        unknown.update(facts.decorated, (name for name, _ in facts.classes[len(facts.lineage):]))
        views.update(facts.view_reads)
        for name, line in facts.raised:
            raised[name] = min(raised.get(name, (relative, line)), (relative, line))
        iterators.update(facts.iterators)
    hook = hook or (_imported_hook(files, root, hook_imports) if hook_imports else "")
    defined = {name for _, name in characters}  # and the names a module imports them as (tryout29 #6)
    characters.update((key, bound) for key, bound, _, name in reexports if bound != name and name in defined)
    entries = []
    plain = _plain_classes(lineage, found, unknown | built_by.keys())
    raised_classic = classic_raised(lineage, raised)
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
        sets_locale=locale, import_hook=hook, doctest_globs=globs, stdout_writers=tuple(sorted(writers)),
        flags=tuple(sorted((*key, *pairs.pop()) for key, pairs in flags.items() if len(pairs) == 1)),
        escape_shims=tuple(sorted(shims)), builtins_copies=tuple(sorted(copies)),
        classic_mro=tuple(sorted((name, *left) for name, left in mro_left(
            lineage, raised_classic.keys() | unknown | built_by.keys()).items())),
        plain_classes=plain,
        dict_readers=_dict_readers(views, files, max_bytes, assigned) if views else (),
        raised_classic=tuple(sorted(raised_classic.items())),
        message_classes=reexported(message_classes(messages, class_words), reexports,
                                   {stem for stem, name in readers if name == STAR}) if messages else (),
        iterator_classes=iterator_classes(iterators, bases),
        character_defs=tuple(sorted(characters)), dict_changers=tuple(sorted(changers)),
        character_methods=_inherited(character_methods, bases) if character_methods else (),
        tuple_constants=tuple(sorted(tuples)), text_constants=tuple(sorted(texts)))


def _inherited(methods: set, bases: dict) -> tuple:
    """`methods` ((class, method, kind), ...) and those the project's classes based on their classes inherit (by their
    bases' words: _derived), where they bind none of that name reading one character themselves, sorted."""
    found = set(methods)
    for klass in {klass for klass, _, _ in methods}:
        own = {(method, kind) for name, method, kind in methods if name == klass}
        bound = {(name, method) for name, method, _ in found}
        found.update((derived, method, kind) for derived in _derived({klass}, bases) for method, kind in own
                     if (derived, method) not in bound)
    return tuple(sorted(found))

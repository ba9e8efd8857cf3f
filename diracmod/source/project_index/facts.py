"""What the project index takes of one file (Facts), read once a run.

Each file is read once, and what the index takes of it (Facts: classes, methods, metaclasses, the attributes it
assigns and reads, its locale call) is kept in one memo keyed by the file's identity and stamp; the names that
name a module (the import items) are read once for the assigned and readers scans (_import_items)."""
from __future__ import annotations

import functools
import os
from typing import NamedTuple

from diracmod.source import escape_shims, six_copy, stdout_writes
from diracmod.source.project_index.attached import _attached
from diracmod.source.project_index.classes import (MADE, _TYPE_CALLS, _class_statements, _decorated_classes,
                                                   _iterator_classes, _lineage, _metaclasses, _raised,
                                                   _type_made_classes)
from diracmod.source.project_index.doctests import doctest_source, _executions, _globs_line
from diracmod.source.project_index.flags import (_builtins_copies, _character_defs, _character_methods, _escape_shims,
                                                 _flag_definitions, _locale_line, _tuple_constants)
from diracmod.source.project_index.hooks import _hook_imports, _hook_line
from diracmod.source.project_index.changers import _dict_changers
from diracmod.source.project_index.messages import _message_classes
from diracmod.source.project_index.methods import (_DEF, _DIVISION_BYTES, _assigned_needles, _changing_methods,
                                                   _division_methods)
from diracmod.source.project_index.reads import _module_reads, _view_reads
from diracmod.source.project_index.scan import _LAST_TREE, _MEMO, _MODULE_SUFFIXES, _WORD, _tree
from diracmod.source.project_index.writes import _import_items, _module_writes
from diracmod.source.reader import SourceError, read_regular


_SIX_FILES = frozenset({"six.py", "__init__.py"})  # a copy of six: six.py or six/__init__.py (source/six_copy.py)


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
    stdout_writers: tuple = ()  # the names of its module-level functions assigning sys.stdout... (_stdout_writers)
    lineage: tuple = ()  # ((class name, its bases' last names or None, line), ...) (_lineage)
    decorated: tuple = ()  # the names of its class statements under a decorator (_decorated_classes)
    # ((module key, function name, `line (how)`), ...) of its installs of an imported function as `__import__`
    # (_hook_imports)
    hook_imports: tuple = ()
    view_reads: tuple = ()  # ((module key, name), ...) of other modules' dicts it reads a view of (_view_reads)
    raised: tuple = ()  # ((name, line), ...) of what it raises or catches, first place each (_raised)
    messages: tuple = ()  # ((class name, kind), ...) of its classes whose message or str() is their own
    iterators: tuple = ()  # the names of its classes binding __iter__ in their body (_iterator_classes)
    character_defs: tuple = ()  # the names of its top-level functions reading one character (_character_defs)
    builtins_copies: tuple = ()  # its module-level names bound to the builtins' namespace or a copy (_builtins_copies)
    dict_changers: tuple = ()  # ((class, method, attribute), ...) of its methods changing a dict of self (_dict_changers)
    character_methods: tuple = ()  # ((class, method, kind), ...) its methods reading one character (_character_methods)
    tuple_constants: tuple = ()  # the names it assigns at column 0 a tuple display (_tuple_constants)
    import_aliases: tuple = ()  # ((name, alias), ...) of its from-imports binding another name (_import_aliases)


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
                 _stdout_writers(path, data),
                 _lineage(data, matches), _decorated_classes(data, matches) if b"@" in data else (),
                 _hook_imports(data), _view_reads(data, imports), _raised(data),
                 _message_classes(data, matches) if classes else (),
                 _iterator_classes(data) if classes else (), _character_defs(path, data),
                 builtins_copies=_builtins_copies(data) if path.endswith(_MODULE_SUFFIXES) else (),
                 dict_changers=_dict_changers(data, matches) if classes else (),
                 character_methods=_character_methods(path, data) if classes else (),
                 tuple_constants=_tuple_constants(path, data), import_aliases=_import_aliases(imports))


def _import_aliases(imports: tuple) -> tuple:
    """((name, alias), ...) of the file's from-imports binding a name of their own (`from tx.preds import isDigit as
    digitPred`: _import_items), sorted: a package re-exporting a function reading one character under another name
    (ProjectIndex.character_defs names the alias too, tryout29 #6)."""
    return tuple(sorted({(dotted.decode(), bound.decode()) for bound, _, source, dotted, _ in imports
                         if source is not None and bound != dotted}))


def _stdout_writers(path: str, data: bytes) -> tuple:
    """The names of the module's module-level functions that close, truncate, seek or assign sys.stdout
    (stdout_writes.stdout_writers: a plain print statement calling one after an earlier item is DM111 in the
    modules importing it, tryout27 #10). The tree is read only where the text may write sys.stdout (may_write)."""
    if not path.endswith(_MODULE_SUFFIXES) or not stdout_writes.may_write(data):
        return ()
    tree = _tree(data)
    return () if tree is None else tuple(sorted(stdout_writes.stdout_writers(tree)))


def module_reads(path: str, max_bytes: int) -> tuple:
    """(module stem, name, line) of what the file at `path` reads of another module (_module_reads); nothing for a
    file that is not read."""
    return _facts(path, max_bytes).reads


def import_hook_setting(path: str, max_bytes: int) -> str:
    """`line (how)` of the file's first write of a function that cannot take five positional arguments as the
    builtin `__import__` (four_argument_hook), "" for none, or for a file that is not read or parsed."""
    return _facts(path, max_bytes).hook

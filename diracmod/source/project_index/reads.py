"""What a module of the project reads of another one.

Apart from the methods (`readers`, module_reads, tryout16 #5 #6): what a module of the project reads of another by
a star import or as `module.urllib2` (a standard module W1648's rewrite may unbind), for fix's W1613/W1609
spelling (six.moves.range inline where `from six.moves import range` would reach a star importer) and W1648's
import left (DM141) where its removal would take an attribute another module reads. A bytes scan, 0.04 s of the
1,875 files of Django 1.4 (of ~38 s CPU for `fix -j 1`); `from client import urllib2` (any item),
`sys.modules['client'].urllib2`, `__import__('client').urllib2`, `vars(client)['urllib2']` too (tryout17 #1), and
any spelling by a quoted name (`'urllib2'`) in the module's own file or in a file naming the module (tryout19 #1 #2:
_quoted_reads).

And which functions of a module read its dicts another module loops over by a view (_dict_readers)."""
from __future__ import annotations

import ast
import keyword
import os
import re

from diracmod.source import doctest_strings, module_nodes
from diracmod.source.parse import parse
from diracmod.source.project_index.doctests import executed_files
from diracmod.source.project_index.scan import _MEMO, _MODULE_SUFFIXES, STAR, _Lines, _dotted_before, _finds, module_key
from diracmod.source.project_index.writes import _imported_modules, _modules
from diracmod.source.reader import SourceError, read_regular
from diracmod.source.tables import DICT_READING_BUILTINS, DICT_READING_METHODS, PY2_ONLY_MODULES, STDLIB_MOVES


# a view of a dict called (`.keys(`, `.iteritems(`...), found by the bytes of its name and `(`; the receiver before it,
# read backwards: `mod.NAME` or `NAME`
_VIEW_NAMES = (b"keys(", b"values(", b"items(")


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


# ---------------------------------------------------------------- what other modules read of a module
# (tryout16 #5, #6): a name fix would bind or unbind at a module's top level is seen from outside it by a star
# import of the module (one without `__all__`: every name not starting with `_`) and by `module.NAME` (an
# attribute read or write, a dotted string: `mock.patch('pkg.client.urllib2.urlopen')`). A bytes scan of each
# file of the project (its own field, `readers`; read with the file's other Facts).

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

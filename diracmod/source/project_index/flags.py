"""Module-level facts of one file: its version flags (Twisted's compat `if sys.version_info < (3, 0): _PY3 = False`:
_flag_definitions), its shims of six.u (_escape_shims), its functions and methods reading one character
(_character_defs, _character_methods), and its call setting the character locale.

Apart from the classes (`sets_locale`, tryout16 #13): where the first call of the run's files setting the character
locale is (`locale.setlocale(LC_ALL or LC_CTYPE, name)`, or a category not written out; not a query, `setlocale(LC_ALL)`
or with None; `resetlocale()`; through a name bound to either, `from locale import setlocale as set_loc`: tryout17 #7): Python 2's setlocale updates the string module's letters, lowercase and uppercase for the whole
process, so `string.letters` -> `string.ascii_letters` is left in every module of such a run (rules/py3k/moves.py)."""
from __future__ import annotations

import ast
import re

from diracmod.source import escape_shims, guards, module_nodes, one_character
from diracmod.source.builtins_copy import RUNNER_VALUES, module_bindings
from diracmod.source.project_index.scan import _MODULE_SUFFIXES, _tree


def _builtins_copies(data: bytes) -> tuple:
    """The module-level names the file binds to the builtins module, its namespace or a copy of it (module_bindings:
    `SAFE = dict(vars(__builtin__))`, which another module imports to call `SAFE["eval"](expr)`: tryout27 #2) or to
    a value naming eval, exec, execfile, compile or input (`evaluate = eval`: tryout28 #3), sorted; read where the
    bytes name the module (`__builtin__`, `builtins`, `__builtins__`) or one of those functions, not called."""
    tree = _tree(data) if b"builtin" in data or RUNNER_VALUES.search(data) else None
    return tuple(sorted(module_bindings(tree))) if tree is not None else ()


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


def _escape_shims(path: str, data: bytes) -> tuple:
    """The names of the module's functions decoding their argument with a unicode-escape codec (escape_shims:
    testtools.compat's `_u`), which a module importing them calls as six.u (ProjectIndex.escape_shim, tryout20b
    #1). The tree is read only where the text names such a codec (Django 1.4: 3 of 1,875 files)."""
    if not path.endswith(_MODULE_SUFFIXES) or not escape_shims.may_define(data):
        return ()
    tree = _tree(data)
    return () if tree is None else tuple(sorted(escape_shims.decoding_defs(tree)))


def _character_defs(path: str, data: bytes) -> tuple:
    """The names of the module's top-level functions reading their one parameter as one character
    (one_character.character_defs), which a module importing them hands filter() of a str
    (ProjectIndex.character_defs, tryout27 #1). The tree is read only where a def at column 0 of one parameter reads
    it so (one_character.may_define)."""
    if not path.endswith(_MODULE_SUFFIXES) or not one_character.may_define(data):
        return ()
    tree = _tree(data)
    return () if tree is None else tuple(sorted(one_character.character_defs(tree)))


def _character_methods(path: str, data: bytes) -> tuple:
    """(class, method, kind) of the methods of the module's top-level classes reading their one parameter as one
    character (one_character.character_methods), which a subclass of another module hands filter() of a str
    (ProjectIndex.character_method, tryout28 #13). The tree is read only where an indented def reads it so
    (one_character.may_define_method)."""
    if not path.endswith(_MODULE_SUFFIXES) or not one_character.may_define_method(data):
        return ()
    tree = _tree(data)
    return () if tree is None else tuple(sorted(one_character.character_methods(tree)))


# what a module-level definition of a version flag holds on the line it starts (guards.module_flags: `PY3K =
# sys.version_info[0] == 3`, `if sys.version_info < (3, 0):` then `_PY3 = False`..., `from six import PY3 as IS3`,
# `PY2K = six.PY2`), and how that line starts (at column 0: an assignment, an if, a from-import)
_FLAG_NEEDLES = (b"sys.version", b"sys.hexversion", b"PY2", b"PY3")
_FLAG_LINE = re.compile(rb"(?:(if\b)|from[ \t]+(?:[\w.]*\.)?six[ \t]|\w+[ \t]*(?::[^=\n]*)?=(?!=))")


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


# a name assigned at column 0 a value starting with a parenthesis (`SEARCH_PATHS = ("/etc/app", "", "/opt/app")`), a
# string literal's prefix or quote (`TITLE = u"ab"`) or `string.` (`SAFE = string.digits + "_"`; after a newline: a
# pattern starting with `^` under re.M is tried at every byte, 7 times as slow on Django), and the next line starting a
# statement at column 0 (not the display's closing parenthesis)
_CONSTANT_ASSIGNMENT = re.compile(rb"\n(\w+)[ \t]*=[ \t]*(?=\(|[uUbBrR]{0,2}[\"']|string\.)")
_NEXT_STATEMENT = re.compile(rb"\n(?=[^\s#)\]}])")
# a one-line string literal without escapes, all the value (`__version__ = "1.0"`): a text, read without a parse
_PLAIN_LITERAL = re.compile(rb"[uUbBrR]{0,2}(?:\"[^\"\\\n]*\"|'[^'\\\n]*')[ \t]*(?:#[^\n]*)?\r?(?:\n|$)")


def _constants(path: str, data: bytes) -> tuple:
    """(the names the module assigns at column 0 a tuple display, those it assigns a text: one_character.text_value),
    each sorted: filter() of one, imported by another module (`from pkg.config import SEARCH_PATHS`), returned a tuple
    or a str on Python 2 (ProjectIndex.may_be_tuple, may_be_text: tryout28 #8, tryout29 #8). By doubt, bound once or
    not; each such statement alone is parsed (up to the next statement at column 0), not the file; one that does not
    parse so (Python 2 syntax, a string's line at column 0) is not counted."""
    if not path.endswith(_MODULE_SUFFIXES) or not (b"(" in data or b"'" in data or b'"' in data):
        return (), ()
    tuples, texts = set(), set()
    data = b"\n" + data  # the first line's too
    for match in _CONSTANT_ASSIGNMENT.finditer(data):
        if _PLAIN_LITERAL.match(data, match.end()):
            texts.add(match.group(1).decode())
            continue
        end = _NEXT_STATEMENT.search(data, match.end())
        try:  # a statement nested too deep for the parser or for text_value is not counted either
            statement = ast.parse(data[match.start(1):end.start() if end else len(data)]).body[0]
            if isinstance(statement.value, ast.Tuple):
                tuples.add(match.group(1).decode())
            elif one_character.text_value(statement.value, ast.unparse):
                texts.add(match.group(1).decode())
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return tuple(sorted(tuples)), tuple(sorted(texts))

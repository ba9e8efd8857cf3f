"""The files read as Python beyond the *.py modules (other_readers: a doctest text file, a script without a
suffix, a file another one runs by execfile: executed_files), their doctest examples (doctest_source), and
where doctest is handed globals of the project's (`doctest_globs`: _globs_line)."""
from __future__ import annotations

import ast
import functools
import keyword
import os
import re
import stat

from diracmod.source import module_nodes
from diracmod.source.project_index.attached import setattr_call, space_object
from diracmod.source.project_index.scan import STAR, _constant, _none, _tree


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

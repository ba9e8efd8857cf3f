"""The modules beside a module, as Python 2's import finds them: its siblings (what an implicit relative import
finds, in a package) and the project's own top-level modules. check asks this for every file it reads (a module run
as a script too, DM193; a module named six that is no copy of six, DM109) and fix for every file it rewrites, so
one answer serves both.

A directory is listed once per state: the listing is kept under the directory's modification time, which
changes when an entry is added, removed or renamed (not when a subdirectory gains its `__init__.py`: a process
that lives on sees that at the directory's next change). A directory that cannot be listed (unreadable, gone, a
symlink loop) has no modules; an entry that cannot be looked at is no package."""
from __future__ import annotations

import ast
import functools
import io
import os
import stat
import tokenize

from diracmod.core.regular_file import SourceError, read_regular

# compiled modules, and bytecode: python2.7 imports a sibling foo.pyc that has no foo.py (a bytecode-only
# deployment, or bytecode a removed foo.py left); foo.pyw is a source on Windows. A lone foo.pyo is imported under
# `python -O` alone (tryout15 #10): no sibling, but optimized_only
_EXTENSIONS = (".so", ".pyd", ".pyc", ".pyw")
_OPTIMIZED = ".pyo"
# Python 2 also imports foo from foomodule.so (imp.get_suffixes(): '.so', 'module.so', '.py', '.pyc')
_MODULE_SO = "module.so"
# sources an extension is built from (build_ext, Cython, SWIG, f2py), matched in any case (Fortran's .F, .F90 are
# preprocessed, C++'s .C): foo.c builds foo.so, foo.i builds _foo.so, foo.f90 foo.so where f2py's -m names it so,
# as does an f2py signature file foo.pyf (its `python module foo`) (tryout16 #1)
_C_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".c++", ".cp")
_FORTRAN_SOURCES = (".f", ".for", ".f77", ".f90", ".f95", ".f03", ".f08", ".pyf")
_BUILD_SOURCES = _C_SOURCES + _FORTRAN_SOURCES + (".pyx", ".i")
# CPython's naming of an extension's C source (the "Extending and Embedding" tutorial, the stdlib's Modules/):
# spammodule.c builds spam (tryout15 #12), and maybe spammodule
_MODULE_SOURCES = tuple("module" + suffix for suffix in _C_SOURCES)
# SWIG's generated wrapper of spam.i, spam_wrap.c (.cxx for C++), builds _spam (and SWIG writes spam.py beside)
_SWIG_WRAPPERS = tuple("_wrap" + suffix for suffix in _C_SOURCES)
# the bytecode of a package's __init__ makes a package for Python 2 as its source does (__init__.pyo under -O alone)
_INITS = ("__init__.py", "__init__.pyc")
# what a directory that cannot be listed has (_listing's tuple)
_UNLISTED = (frozenset(), False, (), frozenset(), frozenset(), frozenset())


def modules(directory) -> frozenset:
    """The names of the modules and packages in `directory`."""
    return _listing(os.fspath(directory))[0]


def implicit(directory) -> frozenset:
    """The module names an implicit relative import in `directory` finds; empty outside a package. `__init__` is
    one of them (tryout23 #8): in a package module, `from __init__ import VERSION` or `import __init__ as base`
    imports the package's `__init__.py` a second time, as the module `pkg.__init__` (no module of `modules`,
    nor of first_party: outside a package, `import __init__` finds a top-level `__init__.py` on both Pythons)."""
    listing = _listing(os.fspath(directory))
    return listing[5] if listing[1] else frozenset()


def is_package(directory) -> bool:
    """Does `directory` hold an `__init__.py` (its modules are a package's)?"""
    return _listing(os.fspath(directory))[1]


def buildable(directory) -> frozenset:
    """The module names a C extension built from a source in `directory` would have, where no such module is
    there yet (build_ext --inplace, pip install: `_speed.c` or `_speed.pyx` builds `_speed`, SWIG's `foo.i`
    builds `_foo` and `foo`): Python 2's implicit relative import finds the module once it is built."""
    return _listing(os.fspath(directory))[3]


def optimized_only(directory) -> frozenset:
    """The names in `directory` that only optimized bytecode provides (a lone `foo.pyo`, a `foo/` whose `__init__`
    is a lone `__init__.pyo`): python2.7 imports them under `-O` alone, without it they are no siblings (tryout15
    #10), so which module an import of that name reaches depends on how Python 2 is run."""
    return _listing(os.fspath(directory))[4]


def sources(directory) -> tuple:
    """The names of the `.py` files in `directory` (its `__init__.py` too), sorted."""
    return _listing(os.fspath(directory))[2]


def package_name(directory) -> str:
    """`a.b` for a/b/ when a/ and a/b/ hold an __init__.py."""
    top = root(directory)
    relative = os.path.relpath(os.path.abspath(directory), top)
    return "" if relative == os.curdir else relative.replace(os.sep, ".")


def first_party(directory) -> frozenset:
    """The project's own top-level modules seen from a module in `directory`: its siblings, which Python 2 imports
    implicitly, and the modules beside its top-level package (the root, which must be on sys.path for the
    package to import, where `import string` may find the project's string.py); outside a package, the modules of
    its script directory, which is sys.path[0] on both Pythons."""
    return modules(directory) | modules(root(directory))


def python2_own(directory, absolute_import: bool) -> frozenset:
    """The project's own top-level modules an absolute-spelled `import name` (`from name import x`) in a module of
    `directory` reaches on Python 2: first_party's, but under `from __future__ import absolute_import` not the
    package's siblings, which only the implicit relative import it turns off finds (`import string` beside a
    pkg/string.py is the standard string module there). check (a finding about the standard module's names) and
    fix (the rewrite of them, its note on the project's own) both ask this, so that they agree."""
    return modules(root(directory)) | (frozenset() if absolute_import else implicit(directory))


def root(directory) -> str:
    """The directory above `directory`'s top package (on sys.path): `directory` itself outside a package."""
    directory = os.path.abspath(directory)
    while _listing(directory)[1] and os.path.dirname(directory) != directory:  # not above the file system's root
        directory = os.path.dirname(directory)
    return directory


def _listing(directory: str) -> tuple:
    """(modules, holds an __init__.py, its .py files, buildable names, optimized-only names, implicit's names) of
    `directory`, listed once per modification time."""
    try:
        modified = os.stat(directory).st_mtime_ns
    except (OSError, ValueError):
        return _UNLISTED
    return _listed(directory, modified)


@functools.lru_cache(maxsize=1024)
def _listed(directory: str, modified: int) -> tuple:
    try:
        names = os.listdir(directory)
    except (OSError, ValueError):
        return _UNLISTED
    found, built, optimized = set(), set(), set()
    for name in names:
        if name.endswith(".py"):
            if name not in ("__init__.py", ".py"):
                found.add(name[:-3])
        elif name.endswith(_EXTENSIONS):
            if not name.startswith("__init__."):
                found.add(name.split(".")[0])  # foo.cpython-311-x86_64-linux-gnu.so is foo
                if name.endswith(_MODULE_SO) and len(name) > len(_MODULE_SO):
                    found.add(name[:-len(_MODULE_SO)])
        elif name.endswith(_OPTIMIZED):
            if not name.startswith("__init__."):
                optimized.add(name.split(".")[0])
        elif name.lower().endswith(_BUILD_SOURCES):
            lower, stem = name.lower(), name.rsplit(".", 1)[0]
            built.update((stem, "_" + stem) if lower.endswith(".i") else (stem,))
            if lower.endswith(_MODULE_SOURCES) and len(stem) > len("module"):
                built.add(stem[:-len("module")])
            if lower.endswith(_SWIG_WRAPPERS) and len(stem) > len("_wrap"):
                built.update((stem[:-len("_wrap")], "_" + stem[:-len("_wrap")]))
        elif any(os.path.isfile(os.path.join(directory, name, init)) for init in _INITS):  # False for a loop
            found.add(name)
        elif os.path.isfile(os.path.join(directory, name, "__init__" + _OPTIMIZED)):
            optimized.add(name)
    package = "__init__.py" in names and os.path.isfile(os.path.join(directory, "__init__.py"))
    return (frozenset(found), package, tuple(sorted(name for name in names if name.endswith(".py") and name != ".py")),
            frozenset(name for name in built if name.isidentifier()) - found,
            frozenset(name for name in optimized if name.isidentifier()) - found,
            frozenset(found | {"__init__"}) if package else frozenset())


def star_names(directory, module: str):
    """The names `from module import *` binds, for the sibling module `module` (a module.py in `directory`) whose
    `__all__` is one literal list or tuple of strings, assigned once at its top level and named nowhere else in
    it (no `__all__ +=`, `__all__.append(...)`, no second assignment): exactly those names on Python 2 and 3
    (tryout8b D6). None where that is not known: no such file, another `__all__`, one that cannot be read."""
    version = source_version(directory, module + ".py")
    return _star_names(*version) if version else None


SOURCE_LIMIT = 5_000_000  # bytes: check's default max-file-size; a larger sibling is not read


def source_version(directory, name: str) -> tuple | None:
    """(path, modification time, size) of the file `name` in `directory`, the key of a memo of what a sibling's
    text says (read it with read_source); None for no regular file of at most SOURCE_LIMIT bytes."""
    path = os.path.join(os.fspath(directory), name)
    try:  # read_regular decides from the opened file itself
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > SOURCE_LIMIT:
        return None
    return path, info.st_mtime_ns, info.st_size


def read_source(path: str) -> bytes | None:
    """The bytes of a sibling's file (source_version's path), or None where it cannot be read: never blocks (a
    FIFO since the stat), never reads past the limit (a device): regular_file.read_regular."""
    try:
        return read_regular(path, SOURCE_LIMIT)
    except SourceError:
        return None


@functools.lru_cache(maxsize=256)
def _star_names(path: str, modified: int, size: int):
    data = read_source(path)
    if data is None or data.count(b"__all__") != 1:
        return None
    try:  # the one `__all__` must be a name at the start of a line (module level), not in a string or comment
        tokens = list(tokenize.tokenize(io.BytesIO(data).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, IndentationError):
        return None
    at = next((t for t in tokens if t.type == tokenize.NAME and t.string == "__all__"), None)
    if at is None or at.start[1] != 0:
        return None
    lines = data.decode(tokens[0].string if tokens[0].type == tokenize.ENCODING else "utf-8", "replace").splitlines()
    for end in range(at.start[0], min(len(lines), at.start[0] + 500) + 1):
        try:
            statement = ast.parse("\n".join(lines[at.start[0] - 1:end]))
        except SyntaxError:
            continue
        if len(statement.body) != 1 or not isinstance(statement.body[0], ast.Assign):
            return None
        assigned = statement.body[0]
        if len(assigned.targets) != 1 or not isinstance(assigned.value, (ast.List, ast.Tuple)) or not all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in assigned.value.elts):
            return None
        return frozenset(e.value for e in assigned.value.elts)
    return None

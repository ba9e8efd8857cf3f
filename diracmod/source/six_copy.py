"""Is a module named six a copy of six? And a module's `import six`: does it find one of the project's modules that
is no copy of six? Read by fix (rules/own_six.py: which six its rewrites import) and by check (a rewrite
that would write six.x where `import six` finds such a module: DM109 rewrite-six-is-project-module, not counted
fixable), so that both answer alike. Likewise a module of the project named like one six itself imports when it
loads on Python 2 (shadowing: DM420 six-shadowed-by-project-module)."""
from __future__ import annotations

import ast
import functools
import os
import re
from pathlib import Path

from diracmod.core import siblings
from diracmod.source import module_nodes, parse, reader

_MOVES = frozenset({"MovedAttribute", "MovedModule"})
_URLLIB = "Module_six_moves_urllib"  # six >= 1.4's class of the six.moves.urllib namespace
SIX_NAMES = frozenset({"__version__", "PY3", "moves"})  # what every six release defines (a sibling is one)
# The modules six imports when it loads on Python 2 that python2.7 has not imported before a program's first module
# runs: six.py (1.17.0; Django's copy of 1.8.0 all but itertools) imports functools, itertools, operator, sys and
# types at its top, and StringIO in the `else:` of its `if PY3:` (struct and io in the other branch: Python 3 has
# imported them at startup); sys is built in, and site has imported types (not under `python -S`). A module of the
# project by one of these names on sys.path is what six imports in their place: six's load fails (tryout12 #18).
LOADED_ON_PYTHON2 = frozenset({"functools", "itertools", "operator", "StringIO"})


def file_in(directory) -> Path | None:
    """The six.py (or six/__init__.py) in `directory`, if there is one."""
    base = Path(directory, "six")
    return next((path for path in (base.with_suffix(".py"), base / "__init__.py") if path.is_file()), None)


def names(path: Path) -> tuple:
    """(module-level names, six.moves names) of a six file; both empty when it cannot be read or parsed."""
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        return frozenset(), frozenset()
    return _names(str(path), modified)


def moves_importable(path: Path) -> bool:
    """Is the copy's `moves` importable as its submodule (`from pkg.six.moves import range`)? six >= 1.4 registers
    it under its own name (`sys.modules[__name__ + ".moves"]`, or its meta path importer of `__name__ + ".moves"`);
    six 1.2/1.3 (Paver 1.2.1's paver/deps/six.py) registers only "six.moves", which a copy's `from .six.moves` or
    implicit-relative `from six.moves` does not find on Python 2 (tryout18b #1)."""
    try:
        return _moves_importable(str(path), path.stat().st_mtime_ns)
    except OSError:
        return False


@functools.lru_cache(maxsize=8)
def _moves_importable(path: str, modified: int) -> bool:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return b".moves" in data and _OWN_MOVES.search(data) is not None


_OWN_MOVES = re.compile(rb"""__name__ *\+ *["']\.moves["']""")


def is_copy(path: Path | None) -> bool:
    """Does the file define what every six does (a project's module that happens to be called six does not)?"""
    return path is not None and SIX_NAMES <= names(path)[0]


def project_six(directory, setting: str | None) -> str:
    """Where the project's module named six is that a module in `directory` imports by `import six` on Python 2
    when it is no copy of six ("beside the module", "at the root of its package"), else "": its sibling (an
    implicit relative import in a package; the script directory, sys.path[0], outside one), else a module at the
    root of its package. A sibling copy of six, or a module named in [tool.diracmod.fix] six (`setting`), is the
    six fix's rewrites import (own_six): then "". `six = "six"` names the top-level six, which such a module hides
    on Python 2 all the same."""
    if setting and setting != "six" or "six" not in siblings.first_party(directory) or is_copy(file_in(directory)):
        return ""
    return "beside the module" if "six" in siblings.modules(directory) else "at the root of its package"


def shadowing(directory) -> str:
    """The project's modules named like one six imports when it loads on Python 2 (LOADED_ON_PYTHON2) that
    `import six` in a module in `directory` would make six import ("functools, operator (beside the module)"),
    else "": those on sys.path, the script directory outside a package (sys.path[0]), else the root above the top
    package (siblings.first_party's modules there). Not a package's siblings: six is a top-level module, whose
    imports are absolute. Whatever six the rewrites would import (a copy of six imports these too)."""
    top = siblings.root(directory)
    names = sorted(siblings.modules(top) & LOADED_ON_PYTHON2)
    if not names:
        return ""
    where = "beside the module" if os.path.abspath(directory) == top else "at the root of its package"
    return f"{', '.join(names)} ({where})"


def is_own_copy(path: str, setting: str | None) -> bool:
    """Is the module at `path` the project's own copy of six: the module [tool.diracmod.fix] six names
    (`setting`), or a six.py / six/__init__.py that is a copy of six? Its Python 2 code is the compatibility
    layer, run where it must be (`if print_ is None:`, `except NameError:`): fix leaves that file as it is
    (diracmod/fix/engine.py), so check counts none of its findings fixable."""
    path = Path(os.path.abspath(path))
    directory = path.parent.parent if path.name == "__init__.py" else path.parent  # six/__init__.py: beside six/
    return (bool(setting) and module_file(directory, setting) == path
            or file_in(directory) == path and is_copy(path))


def module_file(directory, dotted: str) -> Path | None:
    """The file of module `dotted` under the root of `directory`'s package (the directory above its top
    package, which is on sys.path)."""
    return _module_under(Path(siblings.root(directory)), dotted)


def module_above(directory, dotted: str) -> Path | None:
    """The file of module `dotted` under a directory above the root of `directory`'s package (pkg/extern/six.py
    seen from scripts/ beside pkg/): the project's, but not on the sys.path of a module in `directory`."""
    return next(filter(None, (_module_under(above, dotted) for above in Path(siblings.root(directory)).parents)),
                None)


def _module_under(root: Path, dotted: str) -> Path | None:
    base = root.joinpath(*dotted.split("."))
    return next((path for path in (base.with_suffix(".py"), base / "__init__.py") if path.is_file()), None)


@functools.lru_cache(maxsize=8)
def _names(path: str, modified: int) -> tuple:
    """names() of the file at `path`; `modified` makes a changed file a new cache entry."""
    try:
        tree = parse.parse(reader.decode(path, Path(path).read_bytes()).text).tree
    except (OSError, reader.SourceError):
        tree = None
    if tree is None:
        return frozenset(), frozenset()
    found, todo = set(), list(tree.body)
    while todo:  # the module-level statements, in `if PY3:`/`try:` blocks too, not in defs' and classes' bodies
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif not isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            todo.extend(ast.iter_child_nodes(node))
    moved = {node.args[0].value for node in module_nodes.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _MOVES
             and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}
    # six >= 1.4's six.moves.urllib namespace: `class Module_six_moves_urllib` binds its parts (parse = ...,
    # error, request, response, robotparser), each registered as `<copy>.moves.urllib.parse` (tryout26c #5)
    urllib = next((node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == _URLLIB), None)
    moved.update(f"urllib.{target.id}" for node in (urllib.body if urllib is not None else ())
                 if isinstance(node, ast.Assign) for target in node.targets if isinstance(target, ast.Name))
    return frozenset(found), frozenset(moved)

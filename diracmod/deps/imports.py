"""Import scanning: every import in the code (stdlib `ast`; Python 2 only files through
diracmod.source.parse, which rewrites their syntax first), with whether Python 3 can already
survive it (a try/except ImportError fallback, a Python 2 only branch)."""
from __future__ import annotations

import ast
import os
import sys
import sysconfig
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from diracmod.core.config import DEFAULT_EXCLUDE
from diracmod.core.discover import discover
from diracmod.deps.knowledge import load
from diracmod.deps.model import ImportUse
from diracmod.source import guards
from diracmod.source.parse import parse
from diracmod.source.reader import SourceError, read

_TRY = (ast.Try,) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())


@dataclass
class Scan:
    uses: list = field(default_factory=list)  # ImportUse, absolute imports only
    local: set = field(default_factory=set)  # top-level names the scanned tree defines
    problems: list = field(default_factory=list)  # "path: why it was not scanned"
    files: int = 0


@lru_cache(maxsize=1)
def stdlib_names() -> frozenset:
    names = set(getattr(sys, "stdlib_module_names", ()))
    if not names:  # Python 3.9: list the standard library directory
        names.update(sys.builtin_module_names)
        for directory in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]}:
            try:
                entries = os.listdir(directory)
            except OSError:
                continue
            for entry in entries:
                stem = entry.split(".", 1)[0]
                if entry.endswith((".py", ".so", ".pyd")) or os.path.isdir(os.path.join(directory, entry)):
                    if stem.isidentifier() and entry != "site-packages":
                        names.add(stem)
    names.update({"__future__", "__main__", "_thread", "this"})
    return frozenset(names)


def _imported(body) -> list:
    """Absolute modules imported directly in a block (not in nested functions)."""
    found = []
    for stmt in body:
        if isinstance(stmt, ast.Import):
            found += [a.name for a in stmt.names]
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            found.append(stmt.module)
        elif isinstance(stmt, _TRY):
            found += _imported(stmt.body)
    return found


@dataclass(frozen=True)
class _Guard:
    """Why imports in a block cannot break Python 3; `certain`: the alternative is in Python 3's standard
    library (a removed module is only handled by such an alternative, or by none: an optional import)."""
    why: str = ""
    certain: bool = True

    def __bool__(self):
        return bool(self.why)


_NONE = _Guard()


class _Walker:
    def __init__(self, path, removed, available):
        self.path = path
        self.removed = removed  # module -> True when Python 3 no longer has it
        self.available = available  # module -> True when Python 3's standard library has it
        self.uses = []
        self.flags: dict = {}  # the module's own version flags (guards.module_flags)

    def record(self, node, module, names, guard):
        handled = guard.why if guard and (guard.certain or not self.removed(module)) else ""
        self.uses.append(ImportUse(module=module, path=self.path, line=node.lineno, handled=handled, names=names))

    def walk(self, body, handled=_NONE):
        for stmt in body:
            self.statement(stmt, handled)

    def statement(self, stmt, handled):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                self.record(stmt, alias.name, (), handled)
        elif isinstance(stmt, ast.ImportFrom):
            if not stmt.level and stmt.module and stmt.module != "__future__":
                self.record(stmt, stmt.module, tuple(a.name for a in stmt.names), handled)
        elif isinstance(stmt, _TRY):
            self.try_statement(stmt, handled)
        elif isinstance(stmt, ast.If):
            body, orelse = guards.sides(stmt.test, self.flags)
            self.walk(stmt.body, handled or (_Guard("Python 2 branch") if body == guards.PY2 else _NONE))
            self.walk(stmt.orelse, handled or (_Guard("Python 2 branch") if orelse == guards.PY2 else _NONE))
        else:
            for child in ast.iter_child_nodes(stmt):
                if isinstance(child, ast.stmt):
                    self.statement(child, handled)
                elif isinstance(child, (ast.excepthandler,)):
                    self.walk(child.body, handled)

    def _guard(self, label, modules) -> _Guard:
        """Imports guarded by `modules` (their alternatives): handled when one of them survives Python 3."""
        surviving = [m for m in dict.fromkeys(modules) if not self.removed(m)]
        if not surviving:
            return _NONE  # every alternative is gone on Python 3 too (cStringIO -> StringIO)
        return _Guard(f"{label} {', '.join(surviving)}", any(self.available(m) for m in surviving))

    def try_statement(self, node, handled):
        fallbacks = [h for h in node.handlers if guards.catches_import_error(h)]
        usable = [h for h in fallbacks if guards.import_fallback(h)]
        guard = handled
        if usable and not handled:
            alternatives = [m for h in usable for m in _imported(h.body)]
            guard = self._guard("fallback:", alternatives) if alternatives else _Guard("optional: except ImportError")
        self.walk(node.body, guard)
        primary = _imported(node.body)
        for handler in node.handlers:
            inner = handled
            if not inner and handler in fallbacks and primary:
                inner = self._guard("fallback for", primary)
            self.walk(handler.body, inner)
        self.walk(node.orelse, handled)
        self.walk(node.finalbody, handled)


def _top_package(path: str) -> str:
    directory, name = os.path.split(os.path.abspath(path))
    top = name[:-3] if name.endswith(".py") else name
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, top = os.path.split(directory)[0], os.path.basename(directory)
    return top


@lru_cache(maxsize=4096)
def _siblings(directory: str) -> frozenset:
    try:
        entries = os.listdir(directory or ".")
    except OSError:
        return frozenset()
    return frozenset(e[:-3] if e.endswith(".py") else e for e in entries
                     if e.endswith(".py") or os.path.isfile(os.path.join(directory, e, "__init__.py")))


def local_names(files) -> set:
    return {_top_package(f) for f in files} - {"__init__"}


def is_local(use: ImportUse, local: set, absolute_import: bool) -> bool:
    if use.top in local:
        return True
    # Python 2's implicit relative import: a sibling module wins over everything else.
    return not absolute_import and use.top in _siblings(os.path.dirname(use.path))


def available(module: str) -> bool:
    return module.split(".", 1)[0] in stdlib_names()


def _removed(module: str) -> bool:
    return load().stdlib_move(module) is not None


def scan_file(path: str, max_bytes: int = 5_000_000) -> tuple:
    """(imports of one file, whether `from __future__ import absolute_import`, problem or "")."""
    try:
        text = read(path, max_bytes).text
    except SourceError as exc:
        return [], False, f"{path}: not scanned ({exc.detail.get('detail') or exc.symbol})"
    return scan_parsed(path, parse(text))


def scan_parsed(path: str, parsed) -> tuple:
    """scan_file's result for a file already parsed (diracmod.source.parse.parse)."""
    if parsed.tree is None:  # the parser's detail quotes the file's tokens: `check` is where to see it
        return [], False, f"{path}: not scanned, neither Python 2 nor 3 can parse it (`diracmod check` says why)"
    walker = _Walker(path, _removed, lambda m: available(m) and not _removed(m))
    walker.flags = guards.module_flags(parsed.tree)
    walker.walk(parsed.tree.body)
    return walker.uses, "absolute_import" in parsed.future, ""


def _scan_chunk(paths, max_bytes):
    return [scan_file(p, max_bytes) for p in paths]


def _results(files, max_bytes, jobs, scanned=None):
    """Per-file results in file order; big trees are parsed by a process pool (parsing dominates). `scanned`:
    {path: scan_file's result} a caller already has (diracmod report parses each file once for itself and us)."""
    if scanned:
        todo = [f for f in files if f not in scanned]
        done = dict(zip(todo, _results(todo, max_bytes, jobs)))
        return [scanned[f] if f in scanned else done[f] for f in files]
    if jobs <= 1 or len(files) < 200:
        return [scan_file(f, max_bytes) for f in files]
    size = max(20, len(files) // (jobs * 4))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return [r for chunk in pool.map(_scan_chunk, chunks, [max_bytes] * len(chunks)) for r in chunk]
    except (OSError, RuntimeError):  # no processes here (sandbox, frozen app): one at a time
        return [scan_file(f, max_bytes) for f in files]


def scan(paths, exclude=(), max_bytes=5_000_000, jobs=None, scanned=None) -> Scan:
    """Imports of every *.py under the paths that the tree itself does not define (`scanned`: see _results)."""
    result = Scan()
    found = discover(paths, DEFAULT_EXCLUDE + tuple(exclude))
    # discover reports a symlink out of a given directory, unread: it is not the project's code
    result.problems += [f"{path}: {detail}" for path, _, detail in found.problems]
    files = found.files
    result.local = local_names(files)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    # setup.py's imports (setuptools, distutils) are what building needs, not what the code runs with
    code = [f for f in files if os.path.basename(f) != "setup.py"]
    for uses, absolute, problem in _results(code, max_bytes, jobs, scanned):
        if problem:
            result.problems.append(problem)
            continue
        result.files += 1
        result.uses += [u for u in uses if not is_local(u, result.local, absolute)]
    return result

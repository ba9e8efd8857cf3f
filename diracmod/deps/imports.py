"""Import scanning: every import in the code (stdlib `ast`; Python 2 only files through
diracmod.check.parse, which rewrites their syntax first), with whether Python 3 can already
survive it (a try/except ImportError fallback, a Python 2 only branch)."""
from __future__ import annotations

import ast
import os
import sys
import sysconfig
from dataclasses import dataclass, field
from functools import lru_cache

from diracmod.deps.model import ImportUse

_FALLBACK_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
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


def _caught(handler) -> set:
    if handler.type is None:
        return {"BaseException"}
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {n.id if isinstance(n, ast.Name) else getattr(n, "attr", "") for n in nodes}


def _only_raises(body) -> bool:
    return all(isinstance(stmt, (ast.Raise, ast.Expr)) for stmt in body) and any(isinstance(s, ast.Raise) for s in body)


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


class _Walker:
    def __init__(self, path, removed):
        self.path = path
        self.removed = removed  # module -> True when Python 3 no longer has it
        self.uses = []

    def record(self, node, module, names, handled):
        self.uses.append(ImportUse(module=module, path=self.path, line=node.lineno, handled=handled, names=names))

    def walk(self, body, handled=""):
        for stmt in body:
            self.statement(stmt, handled)

    def statement(self, stmt, handled):
        from diracmod.check.guards import PY2, PY3, classify

        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                self.record(stmt, alias.name, (), handled)
        elif isinstance(stmt, ast.ImportFrom):
            if not stmt.level and stmt.module and stmt.module != "__future__":
                self.record(stmt, stmt.module, tuple(a.name for a in stmt.names), handled)
        elif isinstance(stmt, _TRY):
            self.try_statement(stmt, handled)
        elif isinstance(stmt, ast.If):
            side = classify(stmt.test)
            self.walk(stmt.body, handled or ("Python 2 branch" if side == PY2 else ""))
            self.walk(stmt.orelse, handled or ("Python 2 branch" if side == PY3 else ""))
        else:
            for child in ast.iter_child_nodes(stmt):
                if isinstance(child, ast.stmt):
                    self.statement(child, handled)
                elif isinstance(child, (ast.excepthandler,)):
                    self.walk(child.body, handled)

    def _survives(self, modules) -> bool:
        return any(not self.removed(m) for m in modules)

    def try_statement(self, node, handled):
        fallbacks = [h for h in node.handlers if _caught(h) & _FALLBACK_ERRORS]
        usable = [h for h in fallbacks if not _only_raises(h.body)]
        if usable and not handled:
            alternatives = [m for h in usable for m in _imported(h.body)]
            if not alternatives:
                why = "optional: except ImportError"
            elif self._survives(alternatives):
                why = "fallback: " + ", ".join(dict.fromkeys(m for m in alternatives if not self.removed(m)))
            else:
                why = ""  # every fallback is gone on Python 3 too (cStringIO -> StringIO)
            self.walk(node.body, why)
        else:
            self.walk(node.body, handled)
        primary = _imported(node.body)
        for handler in node.handlers:
            inner = handled
            if not inner and handler in fallbacks and primary and self._survives(primary):
                inner = "fallback for " + ", ".join(dict.fromkeys(m for m in primary if not self.removed(m)))
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


def scan(paths, exclude=(), removed=lambda module: False, max_bytes=5_000_000) -> Scan:
    """Imports of every *.py under the paths; `removed(module)` tells a module Python 3 lost."""
    from diracmod.check.parse import parse
    from diracmod.core.config import DEFAULT_EXCLUDE
    from diracmod.core.discover import discover
    from diracmod.core.source import SourceError, read

    result = Scan()
    found = discover(paths, DEFAULT_EXCLUDE + tuple(exclude))
    result.problems += [f"{path}: {detail}" for path, _, detail in found.problems]
    result.local = local_names(found.files)
    for path in found.files:
        try:
            text = read(path, max_bytes).text
        except SourceError as exc:
            detail = exc.detail.get("detail") or exc.symbol
            result.problems.append(f"{path}: not scanned ({detail})")
            continue
        parsed = parse(text)
        if parsed.tree is None:
            detail = parsed.raw[0][3].get("detail", "") if parsed.raw else ""
            result.problems.append(f"{path}: not scanned, neither Python 2 nor 3 can parse it ({detail})")
            continue
        result.files += 1
        walker = _Walker(path, removed)
        walker.walk(parsed.tree.body)
        absolute = "absolute_import" in parsed.future
        result.uses += [u for u in walker.uses if not is_local(u, result.local, absolute)]
    return result

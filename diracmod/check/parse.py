"""Parse once: the stdlib `ast` when Python 3 reads the file, else the Python-2 rewrite (py2syntax),
else a syntax finding saying which grammar failed where."""
from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field

from diracmod.check import py2syntax

_LEADING_WS = re.compile(r"^[ \t]+", re.M)


@dataclass
class Parsed:
    tree: ast.Module | None
    text: str  # what `tree` was parsed from: the file, or its Python-3 rewrite (same line numbers)
    python2_only: bool = False
    raw: list = field(default_factory=list)  # (line, column, symbol, detail)

    @property
    def future(self) -> frozenset:
        names = set()
        for stmt in self.tree.body if self.tree else ():
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                names.update(a.name for a in stmt.names)
        return frozenset(names)


def _ast(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes are reported by our own rule, once
        return ast.parse(text)


def _where(exc: SyntaxError) -> str:
    return f"{exc.msg} (line {exc.lineno})"


def parse(text: str) -> Parsed:
    try:
        return Parsed(_ast(text), text)
    except SyntaxError as py3_error:
        first_error = py3_error
    except (ValueError, RecursionError, MemoryError) as exc:  # pathological input
        return Parsed(None, text, raw=[(1, 0, "syntax-error", {"detail": f"{type(exc).__name__}: {exc}"})])
    try:
        rewritten = py2syntax.rewrite(text)
    except py2syntax.Py2SyntaxError as py2_error:
        detail = f"Python 3: {_where(first_error)}; Python 2.7: {py2_error} (line {py2_error.line})"
        return Parsed(None, text, raw=[(first_error.lineno or 1, 0, "syntax-error", {"detail": detail})])
    except RecursionError:
        return Parsed(None, text, raw=[(first_error.lineno or 1, 0, "syntax-error",
                                        {"detail": f"Python 3: {_where(first_error)}; "
                                                   "too deeply nested for Python 2 parsing"})])
    raw = list(rewritten.findings)
    candidate = rewritten.text
    for attempt in range(2):
        try:
            return Parsed(_ast(candidate), candidate, python2_only=True, raw=raw)
        except SyntaxError as exc:
            if attempt == 0 and isinstance(exc, TabError):
                # Python 2 expands tabs to 8 columns; Python 3 refuses to guess.
                raw.append((exc.lineno or 1, 0, "python3-syntax-error", {"detail": exc.msg}))
                candidate = _LEADING_WS.sub(lambda m: m.group(0).expandtabs(8), candidate)
                continue
            raw.append((exc.lineno or 1, 0, "python3-syntax-error", {"detail": exc.msg}))
            return Parsed(None, text, python2_only=True, raw=raw)

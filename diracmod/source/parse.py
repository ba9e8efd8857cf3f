"""Parse once: the stdlib `ast` when Python 3 reads the file, else the Python-2 rewrite (made from the
file's tokens by py2tokens where it can, else by py2syntax with fissix's grammar), else a syntax finding
saying which grammar failed where.

Each verdict is the interpreter's own: Python 3's is this interpreter's parser run as `python3` would
run the file (at top level, default recursion limit), and Python 2.7's parser limits (nesting depth,
indentation levels) are replayed by py2limits where fissix's grammar has none.
"""
from __future__ import annotations

import ast
import re
import sys
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

from diracmod.core.lines import lone_crs_as_lf
from diracmod.source import except_unpacking, old_raise, py2limits, py2syntax, py2tokens, tokens

_LEADING_WS = re.compile(r"^[ \t]+", re.M)
_DEFAULT_RECURSION_LIMIT = 1000  # CPython's; Python 3.10-3.11 size their parser's depth limit from it


@dataclass
class Parsed:
    tree: ast.Module | None
    text: str  # what `tree` was parsed from: the file, or its Python-3 rewrite (same line numbers)
    python2_only: bool = False
    raw: list = field(default_factory=list)  # (line, column, symbol, detail): about the rest of the line
    python3_error: tuple | None = None  # (line, detail): why Python 3 cannot parse the file

    @property
    def future(self) -> frozenset:
        names = set()
        for stmt in self.tree.body if self.tree else ():
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                names.update(a.name for a in stmt.names)
        return frozenset(names)


class TooDeepForUs(Exception):
    """Python 3 compiles the file, but this interpreter cannot hand its syntax tree to Python code."""


@contextmanager
def _recursion_limit(limit):
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


def _depth() -> int:
    """Frames on this thread's stack below the caller's."""
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    return depth


def _compile_as_a_script(text):
    """Python 3's own verdict on `text`, as `python3 file.py` reaches it: from a fresh thread (the C
    stack of a script's top level) with a script's recursion room (Python 3.10-3.11 size their
    parser's depth limit from it). Raises what python3 would raise."""
    outcome = {}

    def target():
        try:
            # a script's top level has a frame and an interpreter entry in use: measured against
            # `python3 -c "compile(...)"` at the exact limits of Python 3.11
            with _recursion_limit(_DEFAULT_RECURSION_LIMIT - 2 + _depth()):
                compile(text, "<file>", "exec", dont_inherit=True)
        except (SyntaxError, RecursionError, MemoryError, ValueError) as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="diracmod-python3-verdict")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]


def _ast(text):
    """The tree of `text` if Python 3 parses it; raises Python 3's error if not."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes are reported by our own rule, once
        try:
            with _recursion_limit(_DEFAULT_RECURSION_LIMIT + _depth()):
                return ast.parse(text)
        except (RecursionError, MemoryError):  # too deep for us here: is it for python3 itself?
            _compile_as_a_script(text)
        try:  # python3 compiles it: building the tree needs a little more room than compiling
            with _recursion_limit(_DEFAULT_RECURSION_LIMIT + _depth() + 200):
                return ast.parse(text)
        except (RecursionError, MemoryError) as exc:
            raise TooDeepForUs(f"{type(exc).__name__}: {exc}") from None


def _python3_error(exc) -> tuple:
    """(line, detail) for a failed Python 3 parse."""
    if isinstance(exc, SyntaxError):
        return exc.lineno or 1, f"{exc.msg} (line {exc.lineno})"
    return 1, f"too deeply nested or too complex ({type(exc).__name__}: {exc or 'out of parser stack'})"


def parse(text: str) -> Parsed:
    verdict = python3(text)
    if isinstance(verdict, Parsed):
        return verdict
    scanner = tokens.read(text)  # py2tokens respells most files from their tokens
    return python2(text, verdict, scanner.tokens if scanner.complete else None)


def python3(text: str) -> Parsed | tuple:
    """What Python 3 makes of `text`: the Parsed result, or (line, detail) where it fails to parse and
    only Python 2 may (then `python2` says)."""
    try:
        return Parsed(_ast(text), text)
    except TooDeepForUs as exc:
        return Parsed(None, text, raw=[(1, 0, "internal-error", {
            "detail": f"Python 3 compiles this file, but its syntax tree is nested too deeply to check ({exc})"})])
    except (SyntaxError, RecursionError, MemoryError) as exc:
        return _python3_error(exc)
    except ValueError as exc:  # the parser refuses the input itself
        return Parsed(None, text, raw=[(1, 0, "syntax-error", {"detail": f"{type(exc).__name__}: {exc}"})])


def _relabel(tree: ast.Module, raw: list) -> list:
    """The Python-2-syntax findings whose rewrite depends on more than the spelling, under the rules fix leaves."""
    return except_unpacking.relabel(tree, old_raise.relabel(tree, raw))


def python2(text: str, python3_error: tuple, tokens: list | None = None) -> Parsed:
    """`text`, which Python 3 cannot parse (`python3_error`), read as Python 2. `tokens`, if given: every
    token of Python 3's tokenize pass over `text` (tokens.Scanner), from which py2tokens may respell it."""
    first_line, first_detail = python3_error
    text = lone_crs_as_lf(text)  # an old Mac file's endings, which Python 2.7 reads too but fissix's grammar does not
    fast = py2tokens.rewrite(text, tokens) if tokens is not None else None
    if fast is not None:
        try:  # kept only if Python 3 parses it as it is; anything else is for fissix's grammar to say
            tree = _ast(fast.text)
            return Parsed(tree, fast.text, python2_only=True, raw=_relabel(tree, fast.findings),
                          python3_error=(first_line, first_detail))
        except (SyntaxError, RecursionError, MemoryError, ValueError, TooDeepForUs):
            pass
    try:
        rewritten = py2syntax.rewrite(text)
    except py2syntax.Py2SyntaxError as py2_error:
        return _neither(text, (first_line, first_detail), f"{py2_error} (line {py2_error.line})")
    except RecursionError:
        return _neither(text, (first_line, first_detail), "too deeply nested")
    raw = list(rewritten.findings)
    candidate = rewritten.text
    for attempt in range(2):
        try:
            tree = _ast(candidate)
            return Parsed(tree, candidate, python2_only=True, raw=_relabel(tree, raw),
                          python3_error=(first_line, first_detail))
        except SyntaxError as exc:
            if attempt == 0 and isinstance(exc, TabError):
                # Python 2 expands tabs to 8 columns; Python 3 refuses to guess.
                raw.append((exc.lineno or 1, 0, "python3-syntax-error", {"detail": exc.msg}))
                candidate = _LEADING_WS.sub(lambda m: m.group(0).expandtabs(8), candidate)
                continue
            raw.append((exc.lineno or 1, 0, "python3-syntax-error", {"detail": exc.msg}))
        except (RecursionError, MemoryError, TooDeepForUs) as exc:
            line, detail = _python3_error(exc)
            raw.append((line, 0, "python3-syntax-error", {"detail": detail}))
        return Parsed(None, text, python2_only=True, raw=raw, python3_error=(first_line, first_detail))


def _neither(text, python3_error, python2_detail) -> Parsed:
    line, detail = python3_error
    return Parsed(None, text, raw=[(line, 0, "syntax-error",
                                    {"detail": f"Python 3: {detail}; Python 2.7: {python2_detail}"})])


def python2_limits(parsed: Parsed, text: str, depth_bound: float) -> Parsed:
    """`parsed`, told whether python2.7's parser has room for `text`. `depth_bound` (tokens.py) is an
    upper bound of its stack depth: only files that could reach the limit are replayed."""
    if parsed.python3_error is None and parsed.tree is None or depth_bound < py2limits.MAXSTACK:
        return parsed  # neither Python parses it already, or far from any limit
    problem = py2limits.overflow(text)
    if problem is None:
        return parsed
    line, message = problem
    if parsed.python3_error is not None:  # Python 3 cannot parse it either
        return _neither(text, parsed.python3_error, f"{message} (line {line})")
    parsed.raw.append((line, 0, "python2-syntax-error", {"detail": message}))
    return parsed

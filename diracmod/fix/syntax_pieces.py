"""The pieces of a module that stage 1 (fissix) must read: its head and the statements holding the lines check
reported, read by fissix as one small module (`fragment`) and spliced back (`splice`); every other line is kept
as it is. fissix's pure-Python parser costs most of stage 1, and a few statements of a module hold its
Python-2-only syntax.

A piece is whole lines: a top-level statement (`statements.top_level_spans`), or a statement of the body of a
class or function holding such lines (the class or def itself is then no piece: no stage-1 fixer matches a
class, and the caller runs none that matches a def), put under `class _:` in the fragment so that its indentation
reads as it does in the module, and what it binds stays out of the module's top level (fissix's find_binding looks
into an `if`, not into a class). The head (the docstring, the future imports and the statement after them) is
always the fragment's first piece: fissix picks its grammar by those future imports, and the print fixer
places its own after them, as in the whole module (and six.reraise's fixer its `import six` after the first
imports, which the head then holds). Between pieces there are only blank lines, comments and the
headers of the classes and functions gone into, none of which holds a reported line."""
from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from diracmod.source.statements import statements_by_span

WRAPPER = "class _:\n"  # the block a piece from a body sits in, in the fragment
_SCOPES = (ast.ClassDef, ast.FunctionDef)  # what a piece may come from (Python 2 has no async def)
_LINE_START = re.compile(r"\n")


@dataclass(frozen=True)
class Piece:
    first: int  # 1-based, inclusive
    last: int
    wrapped: bool  # from a class's or function's body: read under WRAPPER


def choose(tree: ast.Module, source: str, lines, imports: bool = False) -> list | None:
    """The pieces (in order) that hold the reported `lines` of the module whose ast is `tree` (parsed from
    `source`, which has the module's lines, "\\n" newlines), the head holding its first imports if `imports`;
    or None when fissix must read the whole module: the head would be all of it, or a line continues across a
    piece's edge."""
    spans = statements_by_span(tree.body)
    head = _head_end(spans, imports)
    if head is None:
        return None
    source_lines, lines = source.split("\n"), sorted(lines)
    pieces = [Piece(1, head, False)]
    for first, last, statements in spans:
        if first > head:
            pieces += _holding(first, last, statements, between(lines, first, last), source_lines, False)
    if not _all_held(lines, pieces):
        return None  # a line no statement holds (never met): let fissix say what is there
    if any(source_lines[piece.last - 1].endswith("\\") or piece.first > 1
           and source_lines[piece.first - 2].endswith("\\") for piece in pieces):
        return None  # a backslash would join a piece's line with a line fissix does not read with it
    return pieces


def between(lines, first: int, last: int) -> list:
    """The items of the sorted `lines` from `first` to `last` (inclusive): by bisection, as a module's
    statements are many (a file of 16,000 print statements)."""
    return lines[bisect_left(lines, first):bisect_right(lines, last)]


def _all_held(lines, pieces) -> bool:
    """Whether each of the sorted `lines` is in one of `pieces` (in order, apart)."""
    return sum(len(between(lines, piece.first, piece.last)) for piece in pieces) == len(lines)


def _head_end(spans, imports: bool) -> int | None:
    """The last line of the statement after the docstring and the future imports, and with `imports` of the
    statement after the module's first run of import statements too (where fissix's touch_import adds one);
    None when there is no such statement. fissix takes a first statement for a docstring (a single string
    token) or a future import more rarely than the ast: `"a" "b"` is no docstring to it, and the head is then
    longer than it needs."""
    following = next((index for index, (_, _, statements) in enumerate(spans) if not (
        index == 0 and isinstance(statements[0], ast.Expr) and isinstance(statements[0].value, ast.Constant)
        or isinstance(statements[0], ast.ImportFrom) and statements[0].module == "__future__"
        and not statements[0].level)), None)
    if imports and following is not None:
        run = next((index for index, span in enumerate(spans) if _imports(span)), None)
        after = None if run is None else next((i for i in range(run, len(spans)) if not _imports(spans[i])), None)
        following = None if after is None else max(following, after)
    return None if following is None else spans[following][1]


def _imports(span) -> bool:
    """fissix's import statement: a line whose first statement is an import."""
    return isinstance(span[2][0], (ast.Import, ast.ImportFrom))


def _holding(first, last, statements, lines, source_lines, wrapped) -> list:
    """The pieces of the span [first, last] of `statements` holding the sorted `lines` (none if there are none):
    the span itself, or, for one class or function whose body holds every one of them, the pieces of that body."""
    if not lines:
        return []
    scope = statements[0] if len(statements) == 1 and isinstance(statements[0], _SCOPES) else None
    if scope is not None and _block(scope, source_lines):
        inner = [piece for span in statements_by_span(scope.body) for piece in _holding(
            *span, between(lines, span[0], span[1]), source_lines, True)]
        if _all_held(lines, inner):
            return inner
    return [Piece(first, last, wrapped)]


def _block(scope, source_lines) -> bool:
    """Whether the body of `scope` is an indented block (not `class A: pass`): its first statement starts its
    line. A decorated one does: a decorator starts a statement, never on a colon's line."""
    first = scope.body[0]
    if getattr(first, "decorator_list", None):
        return True
    line = source_lines[first.lineno - 1]
    return len(line) - len(line.lstrip(" \t\f")) == first.col_offset  # whitespace: as many bytes as characters


def fragment(text: str, pieces) -> tuple:
    """(the fragment: the pieces of `text` one after the other, those from a body under WRAPPER; the module's
    line of each fragment line, index 0 unused, 0 for a WRAPPER line; the fragment line each piece starts on)."""
    starts = _line_starts(text)
    parts, line_of, firsts = [], [0], []
    for piece in pieces:
        firsts.append(len(line_of))
        if piece.wrapped:
            parts.append(WRAPPER)
            line_of.append(0)
        parts.append(text[starts[piece.first - 1]:starts[piece.last]])
        line_of.extend(range(piece.first, piece.last + 1))
    return "".join(parts), line_of, firsts


def splice(text: str, pieces, rewritten) -> str:
    """`text` with each piece replaced by its rewrite (a wrapped one's read under its WRAPPER line)."""
    parts = []
    for between, piece, new in zip(_between(text, pieces), pieces, rewritten):
        assert not piece.wrapped or new.startswith(WRAPPER), "a fixer rewrote the line a piece is read under"
        parts += [between, new[len(WRAPPER):] if piece.wrapped else new]
    return "".join(parts) + text[_line_starts(text)[pieces[-1].last]:]


def outside(text: str, pieces) -> str:
    """The lines of `text` no piece holds, one run after another (each ends a line, unless the last)."""
    return "".join(_between(text, pieces)) + text[_line_starts(text)[pieces[-1].last]:]


def _between(text: str, pieces):
    """The lines before each piece, after the one before it."""
    starts, done = _line_starts(text), 0
    for piece in pieces:
        yield text[done:starts[piece.first - 1]]
        done = starts[piece.last]


def _line_starts(text: str) -> list:
    """The offset of each line's start, and len(text) after the last line."""
    return [0, *(match.end() for match in _LINE_START.finditer(text)), len(text)]

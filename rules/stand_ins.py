"""The text stage 2 gives libcst to parse (rules/codemod.py): the module with only the statements its rules need,
each other statement replaced by a stand-in on the same lines, which is put back as the statement's own text in
what is written.

libcst's parse of the whole module was most of stage 2's time, though its rules visit only the statements holding
a finding. Parsed are: the top-level statements holding a finding or a word a rule asks for (FixRule.reads: the
other uses of a name a rewrite would import...), every top-level import (where new imports go, what is imported
already), the first statement when it may be the docstring; and in a def's or class's block so parsed, the
statements holding a finding or a word (the others stood in for, but in a kind of statement a rule visits: it may
read all of it).

A stand-in keeps what the code around the parsed statements sees of the statement it stands for: its lines
(every parsed node keeps its position in the file; the lines between statements, blank or comments, stay as they
are), its indentation, whether it is a def or a class (the blank lines written above one under new imports), and,
for the top-level statement holding the module's first indented block, that block's indentation: libcst takes it
for the module's default indentation, with which it writes every block so indented and every block a rewrite
builds. It holds a name the module never spells, by which it is found again in the code libcst writes.

The whole module is parsed where libcst would not write a statement as its text: a line holding only a backslash
(written as nothing), a form feed (dropped from indentation); and where the first indented block cannot be told
from the ast (the line before it ends with a backslash, which may join it to its header: no indentation then) or
is a `match` statement's. The last statement is parsed whole where indented lines follow it: libcst writes those
after a simple statement ending the module (a stand-in) as the last one only.
A statement stood in for is written as its text even where the parse of the whole module had libcst write it
(the module's first and last statements, a block's last one, the whole module in codemod's fallback): the two
differ where libcst's writing is not the text (it drops the space in `except E :`)."""
from __future__ import annotations

import ast
import bisect
import copy
import dataclasses
import re

from libcst.metadata.position_provider import NEWLINE_RE

from diracmod.source.statements import statements_by_span

BACKSLASH_LINE = re.compile(r"(?:^|[\r\n])[ \t\f]*\\(?:\r\n|\r|\n)")  # libcst writes it as nothing
_INDENTED_LINE = re.compile(r"(?<![^\r\n])[ \t]")  # a line starting with a space or a tab
_INDENTATION = re.compile(r"[ \t]*")
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclasses.dataclass
class Parse:
    """`text` for libcst to parse; `body`: its top-level statements as ast reads them (a stand-in: an ast.Pass on
    its first line), for codemod._statement_starts; `originals`: stand-in number -> (its code, the text it
    stands for); `name`: how the stand-ins' names start."""
    text: str
    body: list
    originals: dict = dataclasses.field(default_factory=dict)
    name: str = ""

    def restore(self, code: str) -> str:
        """`code` (libcst's, from `text`) with each stand-in written as the text it stands for."""
        if not self.originals:
            return code
        pieces, at = [], 0
        for found in re.finditer(rf"(?:\(|def |if ){self.name}(\d+)", code):
            stand_in, original = self.originals[int(found.group(1))]
            pieces += [code[at:found.start()], original]
            at = found.start() + len(stand_in)
        return "".join([*pieces, code[at:]])


def whole(text: str, tree: ast.Module) -> Parse:
    return Parse(text, tree.body)


def parse(text: str, tree: ast.Module, offsets: list, lines: set, words, whole_kinds: tuple = ()) -> Parse:
    """What to parse of `text` (`tree` its ast, `offsets` where its lines start: codemod.line_offsets) for rules
    whose findings are on `lines` and that read the statements holding one of `words` (names). The statements
    of a def's or class's block are stood in for too, but in the `whole_kinds` of statement (ast classes) that a
    rule visits, and so may read all of."""
    if not tree.body or "\f" in text or BACKSLASH_LINE.search(text):
        return whole(text, tree)
    indented = first_indented(text, offsets, tree.body)
    if indented is None:
        return whole(text, tree)
    writer = _Writer(text, offsets, sorted(set(lines) | _word_lines(text, offsets, words)), whole_kinds, indented)
    body = writer.module(tree.body)
    if not writer.originals:
        return whole(text, tree)
    return Parse("".join([*writer.pieces, text[writer.at:]]), body, writer.originals, writer.name)


def _word_lines(text: str, offsets: list, words) -> set:
    if not words:
        return set()
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b")
    return {bisect.bisect_right(offsets, found.start()) for found in pattern.finditer(text)}


class _Writer:
    """The text libcst is given, in `pieces` up to `at` in the module's text, as the statements are met in order
    of the source; the ast statements of its bodies."""

    def __init__(self, text: str, offsets: list, held: list, whole_kinds: tuple, indented: tuple):
        self.text, self.offsets, self.held, self.whole_kinds = text, offsets, held, whole_kinds
        self.indented = indented  # (the module's first indentation, the top-level statement holding it)
        self.name = "_diracmod_stand_in_"
        while self.name in text:
            self.name += "_"
        self.pieces, self.at, self.originals = [], 0, {}

    def module(self, body: list) -> list:
        """The module's statements: those holding a line or word, the first when it may be the docstring (or
        `__strict__ = ...`), which no import goes above, and the imports (where new ones go, what is imported
        already) are parsed."""
        spans, groups = _grouped(body)
        kept = [self._holds(span) or any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in group)
                for span, group in zip(spans, groups)]
        kept[0] = kept[0] or isinstance(groups[0][0], (ast.Expr, ast.Assign))
        last = spans[-1][1]
        if last < len(self.offsets) and _INDENTED_LINE.search(self.text, self.offsets[last]):
            # libcst writes the indented lines after a module's last simple statement (a stand-in) as the last one
            # only, where the blocks of the statement stood for held them: it is parsed whole
            kept[-1] = None
        return self._body(spans, groups, kept)

    def _body(self, spans: list, groups: list, kept: list) -> list:
        """The statements of a body, each group (the statements of a span) kept (narrowed; None: whole) or stood
        in for."""
        body = []
        for (first, last), group, keep in zip(spans, groups, kept):
            if keep is None:
                body += group
            elif keep:
                body += [self._narrowed(statement) for statement in group]
            else:
                body.append(self._stand_in(first, last, group[0]))
        return body

    def _narrowed(self, statement):
        """`statement`, or where it is a def or class (of no kind in `whole_kinds`) whose block holds statements
        holding no line or word, a copy whose block has stand-ins in their place."""
        if not isinstance(statement, _DEFS) or isinstance(statement, self.whole_kinds) \
                or not _starts_line(self.text, self.offsets, statement.body[0]):
            return statement
        spans, groups = _grouped(statement.body)
        body = self._body(spans, groups, [self._holds(span) for span in spans])
        if all(new is old for new, old in zip(body, statement.body)) and len(body) == len(statement.body):
            return statement
        narrowed = copy.copy(statement)
        narrowed.body = body
        return narrowed

    def _holds(self, span) -> bool:
        index = bisect.bisect_left(self.held, span[0])
        return index < len(self.held) and self.held[index] <= span[1]

    def _stand_in(self, first: int, last: int, statement) -> ast.AST:
        """A stand-in for the lines first to last (from the statement's first character, after its indentation),
        ending as they end; the ast statement standing for it."""
        line = self.offsets[first - 1]
        start = _INDENTATION.match(self.text, line).end()
        end = self.offsets[last] if last < len(self.offsets) else len(self.text)
        region = self.text[start:end]
        endings = NEWLINE_RE.findall(region)
        tail = endings.pop() if region.endswith(("\n", "\r")) else ""
        number = len(self.originals)
        name = f"{self.name}{number}"
        def_or_class = isinstance(statement, _DEFS)
        if statement is self.indented[1]:  # its block's first line: the module's first indentation
            head = f"def {name}():" if def_or_class else f"if {name}:"
            stand_in = f"{head}{endings[0]}{self.indented[0]}({''.join(endings[1:])})"
        elif def_or_class:
            stand_in = f"def {name}():({''.join(endings)})"
        else:
            stand_in = f"({name}{''.join(endings)})"
        self.pieces += [self.text[self.at:start], stand_in, tail]
        self.at = end
        self.originals[number] = (stand_in, region[:len(region) - len(tail)])
        return ast.Pass(lineno=first, col_offset=start - line)


def _grouped(body: list) -> tuple:
    """([first, last] of each span of `body`, the statements in each)."""
    found = statements_by_span(body)
    return [[first, last] for first, last, _ in found], [held for _, _, held in found]


def _starts_line(text: str, offsets: list, statement) -> bool:
    """Does the statement start its line, after indentation, and not after a line ending with a backslash (which
    may join the two)? Then it starts an indented block."""
    line = text[offsets[statement.lineno - 1]:]
    prefix = line[:statement.col_offset]  # its line's own text before it: whitespace when it starts the line
    if not prefix or prefix.strip(" \t"):
        return False
    return not text[offsets[statement.lineno - 2]:offsets[statement.lineno - 1]].rstrip("\r\n").endswith("\\")


def indented(text: str, offsets: list, tree: ast.Module) -> bool:
    """Whether the module has an indented block, whose indentation libcst takes for every block it builds (True
    where the ast cannot tell: libcst finds it then)."""
    found = first_indented(text, offsets, tree.body)
    return found is None or found[1] is not None


def first_indented(text: str, offsets: list, body: list):
    """(indentation, top-level statement) of the module's first indented block (the first INDENT token: its
    indentation is libcst's default_indent), ("    ", None) where there is none (libcst's default), or None
    where the ast cannot tell."""
    for statement in body:
        if isinstance(statement, ast.Match):
            return None
        found = _indented_block(text, offsets, statement)
        if found is None:
            return None
        if found:
            return found, statement
    return "    ", None


def _indented_block(text: str, offsets: list, statement) -> str | None:
    """The indentation of the first indented block of a top-level statement, "" where it has none (each block is
    on its header's line), None where the ast cannot tell."""
    for block in _blocks(statement):
        first = block[0]
        prefix = text[offsets[first.lineno - 1]:][:first.col_offset]
        if prefix and not prefix.strip(" \t"):
            return prefix if _starts_line(text, offsets, first) else None
        if hasattr(first, "body"):  # an `elif` (a compound statement is on its header's line only so)
            found = _indented_block(text, offsets, first)
            if found != "":
                return found
    return ""


def _blocks(statement) -> list:
    """The blocks of a compound statement in the order of the source (none for a simple statement)."""
    blocks = [getattr(statement, "body", None)]
    blocks += [handler.body for handler in getattr(statement, "handlers", ())]
    blocks += [getattr(statement, "orelse", None), getattr(statement, "finalbody", None)]
    return [block for block in blocks if isinstance(block, list) and block]

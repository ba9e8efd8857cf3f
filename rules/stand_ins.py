"""The text stage 2 gives libcst to parse (rules/codemod.py): the module with only the top-level statements
its rules need, each other top-level statement replaced by a stand-in on the same lines, which is put back as
the statement's own text in what is written.

libcst's parse of the whole module was most of stage 2's time, though its rules visit only the top-level
statements holding a finding. What else of the module is read is kept too: the first statement when it may be
a docstring, every top-level import (where new imports go, what is imported already), and the statements
holding a word a rule asks for (FixRule.reads: the other uses of a name a rewrite would import...).

A stand-in keeps what the code around the kept statements sees of the statement it stands for: its lines (every
kept node keeps its position in the file; the lines between statements, blank or comments, stay as they are),
whether it is a def or a class (the blank lines written above one under new imports), and, for the statement
holding the module's first indented block, that block's indentation: libcst takes it for the module's default
indentation, with which it writes every block so indented and every block a rewrite builds.
A stand-in holds a name the module never spells, by which it is found again in the code libcst writes.

The whole module is parsed where libcst would not write a statement as its text: a line holding only a backslash
(libcst writes it as nothing), a form feed (libcst drops it from indentation); and where the first indented block cannot be told from the ast (the line before it ends with a backslash, which
may join it to its header: no indentation then) or is a `match` statement's."""
from __future__ import annotations

import ast
import bisect
import dataclasses
import re

from libcst.metadata.position_provider import NEWLINE_RE

from diracmod.source.statements import top_level_spans

_BACKSLASH_LINE = re.compile(r"(?:^|[\r\n])[ \t\f]*\\(?:\r\n|\r|\n)")
_INDENTED_LINE = re.compile(r"(?<![^\r\n])[ \t]")  # a line starting with a space or a tab
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


def parse(text: str, tree: ast.Module, offsets: list, lines: set, words) -> Parse:
    """What to parse of `text` (`tree` its ast, `offsets` where its lines start: codemod.line_offsets) for rules
    whose findings are on `lines` and that read the statements holding one of `words` (names)."""
    if not tree.body or "\f" in text or _BACKSLASH_LINE.search(text):
        return whole(text, tree)
    spans = top_level_spans(tree)
    statements = _by_span(tree.body, spans)
    indented = _first_indented(text, offsets, tree.body)
    if indented is None:
        return whole(text, tree)
    kept = _kept(text, offsets, spans, statements, lines, words)
    if all(kept):
        return whole(text, tree)
    name = "_diracmod_stand_in_"
    while name in text:
        name += "_"
    pieces, body, originals, at = [], [], {}, 0
    for number, ((first, last), held) in enumerate(zip(spans, statements)):
        if kept[number]:
            body += held
            continue
        start, end = offsets[first - 1], offsets[last] if last < len(offsets) else len(text)
        region = text[start:end]
        endings = NEWLINE_RE.findall(region)
        tail = endings.pop() if region.endswith(("\n", "\r")) else ""
        def_or_class = isinstance(held[0], _DEFS)
        if indented[1] is held[0]:  # its block's first line: the module's first indentation
            head = f"def {name}{number}():" if def_or_class else f"if {name}{number}:"
            stand_in = f"{head}{endings[0]}{indented[0]}({''.join(endings[1:])})"
        else:
            stand_in = f"{'def ' if def_or_class else '('}{name}{number}{'():(' if def_or_class else ''}" \
                       f"{''.join(endings)})"
        pieces += [text[at:start], stand_in, tail]
        at = end
        originals[number] = (stand_in, region[:len(region) - len(tail)])
        body.append(ast.Pass(lineno=first, col_offset=0))
    return Parse("".join([*pieces, text[at:]]), body, originals, name)


def _by_span(body: list, spans: list) -> list:
    """The statements of `body` in each span (several where they share a line)."""
    held = [[] for _ in spans]
    index = 0
    for statement in body:
        while statement.lineno > spans[index][1]:
            index += 1
        held[index].append(statement)
    return held


def _kept(text: str, offsets: list, spans: list, statements: list, lines: set, words) -> list:
    """Which spans are parsed: those holding one of `lines` or `words`, a top-level import, or a first statement
    that may be the docstring (or `__strict__ = ...`), which no import goes above."""
    firsts = [first for first, _ in spans]
    kept = [any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in held) for held in statements]
    kept[0] = kept[0] or isinstance(statements[0][0], (ast.Expr, ast.Assign))
    last = spans[-1][1]
    # the lines after the last statement: libcst writes indented ones after a simple statement (a stand-in) as the
    # last one only, where the block of the statement stood for held them
    kept[-1] = kept[-1] or last < len(offsets) and bool(_INDENTED_LINE.search(text, offsets[last]))
    for line in lines:
        index = bisect.bisect_right(firsts, line) - 1
        if index >= 0 and line <= spans[index][1]:
            kept[index] = True
    if words:
        pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b")
        found = pattern.search(text)
        while found:
            line = bisect.bisect_right(offsets, found.start())
            index = bisect.bisect_right(firsts, line) - 1
            if index >= 0 and line <= spans[index][1]:
                kept[index] = True
                end = spans[index][1]
                found = pattern.search(text, offsets[end] if end < len(offsets) else len(text))
            else:
                found = pattern.search(text, found.end())
    return kept


def _first_indented(text: str, offsets: list, body: list):
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
        line = text[offsets[first.lineno - 1]:]
        prefix = line[:first.col_offset]  # its line's own text before it: whitespace when it starts the line
        if prefix and not prefix.strip(" \t"):
            before = text[offsets[first.lineno - 2]:offsets[first.lineno - 1]].rstrip("\r\n")
            return None if before.endswith("\\") else prefix
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

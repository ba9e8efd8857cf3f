"""libcst's parse of a module, made a piece of the module at a time: the same tree as cst.parse_module's.

libcst's native parser holds about 1.3 KB of memory per character of the text it is given at once, and takes more
time per character the longer the text (its memo tables and tokens): 560 MB and 4.4 s for a 10,000-line module, 90 MB
and 3.1 s in pieces of 500 lines. A piece is a run of whole top-level statements (statements sharing a line kept
together), cut only before a statement starting the line right after the previous one's last line: no blank or
comment line lies between them, which libcst would give to the one statement's leading lines or the other's block,
and no token runs from one into the next. The pieces but the first are parsed behind a two-line block indented as
the module's first indented block (stand_ins.first_indented), since libcst takes its indentation for the
module's default one, by which it writes each block so indented; that block is left out of the tree. The module
is parsed whole where a piece could read otherwise: a form feed or a carriage return in it, a text whose lines are
not the ast's, a first indented block the ast cannot tell; and where a piece does not parse, the whole module's
parse says why."""
from __future__ import annotations

import ast

import libcst as cst

from diracmod.rules.stand_ins import first_indented
from diracmod.source.statements import top_level_spans

PIECE = 16_000  # characters: the least a piece holds (but the last); ~20 MB of the parser's memory


def parse_module(text: str, tree: ast.Module, offsets: list, source: tuple | None = None) -> cst.Module:
    """cst.parse_module(text), its pieces parsed one by one. `tree`: the ast of `text`, or of the text with the same
    lines `text` stands for (stand_ins.Parse's), then given as `source` with where its lines start: the module's
    first indentation is found there; `offsets`: where each line of `text` starts (codemod.line_offsets)."""
    cuts = _cuts(text, tree, offsets) if len(text) > 2 * PIECE else None
    indent = cuts and first_indented(*(source or (text, offsets)), tree.body)
    if not indent:
        return cst.parse_module(text)
    block = f"if 1:\n{indent[0]}pass\n"  # the module's first indentation: the piece's default one
    try:
        first = last = cst.parse_module(text[:cuts[0]])
        body = list(first.body)
        for start, end in zip(cuts, [*cuts[1:], len(text)]):
            last = cst.parse_module(block + text[start:end])
            body += last.body[1:]
    except cst.ParserSyntaxError:  # said as the whole module's parse says it
        return cst.parse_module(text)
    return cst.Module(body=body, header=first.header, footer=last.footer, encoding=first.encoding,
                      default_indent=indent[0], default_newline=first.default_newline,
                      has_trailing_newline=last.has_trailing_newline)


def _cuts(text: str, tree: ast.Module, offsets: list) -> list | None:
    """Where each piece but the first starts in `text` (a statement's first line), each PIECE characters or
    more after the one before, or None where the module is parsed whole."""
    if "\f" in text or "\r" in text:
        return None
    spans = top_level_spans(tree)
    if not spans or spans[-1][1] > len(offsets):
        return None
    cuts, at = [], 0
    for (_, last), (first, _) in zip(spans, spans[1:]):
        start = offsets[first - 1]
        if first != last + 1 or start - at < PIECE:
            continue
        before = text[offsets[last - 1]:start].strip(" \t\n")  # the previous statement's last line
        if not before or before.startswith("#") or before.endswith("\\") or text[start] in " \t\n#":
            continue
        cuts.append(start)
        at = start
    return cuts or None

"""`\\u`, `\\U` and `\\N{...}` in a plain string literal of a module without unicode_literals: a byte string on
Python 2, which keeps the backslash and the letters (`"\\u00e9"` is six characters), and one character on
Python 3. pylint --py3k does not report it (its W1402 anomalous-unicode-escape-in-string is not a py3k rule)."""
from __future__ import annotations

import io
import tokenize

from diracmod.source.tokens import unicode_escapes

_MARKS = ("\\u", "\\U", "\\N")


def byte_string_unicode_escapes(segment: str) -> list:
    """The `\\u`/`\\U`/`\\N` escapes (two characters each) of the plain literals (neither r, u nor b) of a
    string constant's source text, several for an implicit concatenation."""
    try:
        tokens = [t.string for t in tokenize.generate_tokens(io.StringIO(segment).readline)
                  if t.type == tokenize.STRING]
    except (tokenize.TokenError, SyntaxError):  # a parenthesised concatenation's indentation: left unread
        return []
    return [literal[offset:offset + 2] for literal in tokens for offset in unicode_escapes(literal)]


def _lines(ctx) -> tuple:
    """The module's lines, and the numbers of those holding a backslash-u, -U or -N: a constant elsewhere holds
    none (a cheap test per constant; ast.get_source_segment would split the whole text each time)."""
    if "unicode-escape-lines" not in ctx.cache:
        lines = ctx.text.split("\n") if any(mark in ctx.text for mark in _MARKS) else []
        ctx.cache["unicode-escape-lines"] = lines, frozenset(
            number for number, line in enumerate(lines, 1) if any(mark in line for mark in _MARKS))
    return ctx.cache["unicode-escape-lines"]


def _source(lines: list, node) -> str:
    """The constant's source text (ast's columns count UTF-8 bytes)."""
    chunk = [line.encode("utf-8") for line in lines[node.lineno - 1:node.end_lineno]]
    chunk[-1] = chunk[-1][:node.end_col_offset]
    chunk[0] = chunk[0][node.col_offset:]
    return b"\n".join(chunk).decode("utf-8", "replace")


class UnicodeEscapeRules:
    @staticmethod
    def visit_Constant(node, ctx):
        if (not isinstance(node.value, str) or "unicode_literals" in ctx.future
                or ctx.text is None):
            return
        lines, marked = _lines(ctx)
        if not any(line in marked for line in range(node.lineno, node.end_lineno + 1)):
            return
        segment = _source(lines, node)
        if any(mark in segment for mark in _MARKS):
            escapes = byte_string_unicode_escapes(segment)
            if escapes:
                ctx.report("unicode-escape-in-byte-string", node, escapes=", ".join(sorted(set(escapes))))

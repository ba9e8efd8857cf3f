"""Fixers for invalid-string-escape (found by diracmod/source/tokens.py, at the backslash) and
unicode-escape-in-byte-string (rules/py3k/unicode_escapes.py, at the string constant)."""
from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from diracmod.rules.codemod import FixRule
from diracmod.source.tokens import escape_position, invalid_escapes, unicode_escapes


class RawOrDoubledEscape(FixRule):
    """'\\d+' -> r'\\d+' when the literal has no valid escape a raw string would change (bytes: br'', which
    Python 2 also reads); otherwise, and for u'' (ur'' is no Python 3 syntax), each invalid backslash is
    doubled: '\\d\\n' -> '\\\\d\\n'. The value is the same on Python 2 and 3."""
    SYMBOLS = ("invalid-string-escape",)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        prefix = node.prefix
        invalid, valid = invalid_escapes(node.value)
        if not invalid:
            return
        start = self.get_metadata(PositionProvider, node).start
        if not any(self.ctx.has_token_finding("invalid-string-escape",
                                              *escape_position(node.value, offset, start.line, start.column))
                   for offset in invalid):
            return
        if valid or "u" in prefix.lower():
            self.replace(node, "invalid-string-escape", lambda updated: updated.with_changes(
                value=_doubled(updated.value, invalid)))
        else:
            self.replace(node, "invalid-string-escape", lambda updated: updated.with_changes(
                value=prefix + "r" + updated.value[len(prefix):]))


def _doubled(value: str, offsets) -> str:
    for offset in sorted(offsets, reverse=True):
        value = value[:offset] + "\\" + value[offset:]
    return value


class KeptUnicodeEscape(FixRule):
    """"\\u00e9" -> "\\\\u00e9" in a module without unicode_literals: the six characters Python 2's byte string
    holds, on Python 3 too (`u"\\u00e9"` would be the one character Python 3 reads, and change Python 2's value).
    Every plain part of an implicit concatenation, reported once at its start."""
    SYMBOLS = ("unicode-escape-in-byte-string",)

    def __init__(self, ctx):
        super().__init__(ctx)
        self._parts: set = set()  # the parts of a reported concatenation, rewritten from it

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if self.reported("unicode-escape-in-byte-string", node):
            self._keep(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if id(node) not in self._parts and self.reported("unicode-escape-in-byte-string", node):
            self._keep(node)

    def _keep(self, node) -> None:
        if isinstance(node, cst.ConcatenatedString):
            for part in (node.left, node.right):
                self._parts.add(id(part))
                self._keep(part)
        elif isinstance(node, cst.SimpleString) and unicode_escapes(node.value):
            self.replace(node, "unicode-escape-in-byte-string", lambda updated: updated.with_changes(
                value=_doubled(updated.value, unicode_escapes(updated.value))))


FIXERS = (RawOrDoubledEscape, KeptUnicodeEscape)

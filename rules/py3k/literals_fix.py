"""Fixer for invalid-string-escape (found by diracmod/source/tokens.py, at the backslash)."""
from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from diracmod.rules.codemod import FixRule
from diracmod.source.tokens import escape_position, invalid_escapes


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


FIXERS = (RawOrDoubledEscape,)

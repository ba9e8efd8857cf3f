"""Fixers for what bytesapi.py detects, with six's converters: both return a Python 2 str unchanged, so Python 2
runs exactly as before wherever the value was a str, and Python 3 gets the type the API has there."""
from __future__ import annotations

import libcst as cst

from diracmod.rules.py3k.bytesapi import TEXT_LIKE_RESULTS
from diracmod.rules.py3k.shadowing_fix import NameIntroducingRule
from diracmod.source.parse import Parsed

_RESULT_FUNCTIONS = frozenset(name.rsplit(".", 1)[1] for name in TEXT_LIKE_RESULTS)


def _six_call(function: str, value: cst.BaseExpression) -> cst.Call:
    """six.function(value); the parentheses around the value stay around the whole."""
    return cst.Call(cst.Attribute(cst.Name("six"), cst.Name(function)),
                    [cst.Arg(value.with_changes(lpar=[], rpar=[]))], lpar=value.lpar, rpar=value.rpar)


def _plain_ascii_literal(node: cst.BaseExpression) -> bool:
    """'abc' (or r'abc'): a str on Python 2, the same bytes as b'abc' there."""
    return (isinstance(node, cst.SimpleString) and set(node.prefix.lower()) <= {"r"}
            and node.value.isascii())


class TextToBinary(NameIntroducingRule):
    """An argument a byte API gets: a plain ASCII literal 'x' -> b'x' (the same str on Python 2), anything else
    -> six.ensure_binary(x). Under `from __future__ import unicode_literals` the literal is unicode on Python 2:
    b'x' would hand the API a str where it had a unicode (struct's `s` refuses a unicode: Python 2 raised, b'x'
    packs), so it becomes six.b('x'), the literal itself on Python 2 and b'x' on Python 3 (tryout2 #11)."""
    SYMBOLS = ("text-to-bytes-api", "str-to-bytes-api")

    def visit_Module(self, node: cst.Module) -> None:
        self._literals_are_text = "unicode_literals" in Parsed(self.ctx.tree, "").future

    def visit_Arg(self, node: cst.Arg) -> None:
        value = node.value
        for symbol in self.SYMBOLS:
            if not self.reported(symbol, value):
                continue
            if symbol == "text-to-bytes-api" and _plain_ascii_literal(value) and self._literals_are_text:
                self.propose(value, symbol, lambda updated: _six_call("b", updated), names=("six",),
                             imports=(("six", None),))
            elif symbol == "text-to-bytes-api" and _plain_ascii_literal(value):
                self.replace(value, symbol, lambda updated: updated.with_changes(value="b" + updated.value))
            else:
                self.propose(value, symbol, lambda updated: _six_call("ensure_binary", updated), names=("six",),
                             imports=(("six", None),))


class BytesResultToStr(NameIntroducingRule):
    """base64.b64encode(x) used as text -> six.ensure_str(base64.b64encode(x)): Python 2's str is returned as
    it is, Python 3's ASCII bytes are decoded."""
    SYMBOLS = ("bytes-result-as-text",)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name in _RESULT_FUNCTIONS and self.reported("bytes-result-as-text", node):
            self.propose(node, "bytes-result-as-text", lambda updated: _six_call("ensure_str", updated),
                         names=("six",), imports=(("six", None),))


FIXERS = (TextToBinary, BytesResultToStr)

"""A module's own shims of six.u under any name: its module-level functions decoding their argument with a
unicode-escape codec (testtools' and subunit's `_u`: `return unicode(s, "unicode_escape")` on Python 2, `return s`
on Python 3; tryout20b #1). A plain literal handed to one is meant as text on both Pythons, as six.u's is
(rules/py3k/unicode_escapes.py six_u_argument); the project index names them for the modules importing them
(project_index.facts.Facts.escape_shims)."""
from __future__ import annotations

import ast

from diracmod.source.module_nodes import module_defs

# the codecs reading `\u00e9` as the character, as Python 2 spells them ("raw_unicode_escape" and
# "raw-unicode-escape" hold the needles too): a text without a needle defines no shim
NEEDLES = (b"unicode_escape", b"unicode-escape")
_CODECS = frozenset({"unicode_escape", "raw_unicode_escape"})


def may_define(text) -> bool:
    """The cheap test before a tree is read: does the text (bytes or str) name a unicode-escape codec?"""
    if isinstance(text, str):
        return any(needle.decode() in text for needle in NEEDLES)
    return any(needle in text for needle in NEEDLES)


def decoding_defs(tree: ast.Module) -> frozenset:
    """The names of the module-level functions (in the module's body or its if/try/with blocks, not inside a def
    or a class) taking an argument and holding a decoding call given a unicode-escape codec by a string constant:
    `unicode(s, "unicode_escape")`, `s.decode("unicode-escape")`, `codecs.decode(s, "raw_unicode_escape")`."""
    return frozenset(node.name for node in module_defs(tree)
                     if (node.args.args or node.args.posonlyargs or node.args.vararg) and _decodes(node))


_DECODERS = frozenset({"decode", "unicode", "str", "text_type"})  # s.decode, codecs.decode, unicode(s, codec)...


def _decodes(function) -> bool:
    """Does the function hold a call of a decoder (_DECODERS: not `c.encode("unicode-escape")`, testtools'
    _slow_escape) given a unicode-escape codec?"""
    return any(isinstance(node, ast.Call) and _DECODERS.intersection(
        (getattr(node.func, "attr", None), getattr(node.func, "id", None))) and any(
        isinstance(argument, ast.Constant) and isinstance(argument.value, str)
        and argument.value.lower().replace("-", "_") in _CODECS
        for argument in (*node.args, *(keyword.value for keyword in node.keywords)))
        for node in ast.walk(function))

"""Stage 1 of `diracmod fix`: fissix fixers for the Python-2-only syntax that diracmod.source.py2syntax
detects (libcst cannot read it). Registered by the symbol check reports; python-modernize's fixers where
they are right, fissix's otherwise, patched where ANCHORS.md shows both wrong:

- 3-argument raise: fissix writes `.with_traceback()` (not Python 2), modernize `six.reraise(E, V, T)`,
  which fails on Python 3 when V is a message rather than an exception: the value is built as `E(V)`.
- `ur''`: fissix makes it `r''`, a byte string on Python 2: here it stays unicode, backslashes spelled out.
- `0777L`: fissix drops the suffix and leaves the old octal; both are rewritten at once here.
"""
from __future__ import annotations

import re

from fissix import fixer_base
from fissix.fixer_util import Call, Comma, Name, Number, is_tuple
from fissix.fixes import fix_except, fix_exec, fix_ne, fix_repr, fix_tuple_params
from fissix.pgen2 import token
from libmodernize import touch_import
from libmodernize.fixes import fix_print, fix_raise

from diracmod.source import fissix_grammar  # noqa: F401  (fissix's grammars load without writing to $HOME)


class FixExcept(fix_except.FixExcept):
    """`except E, e:` -> `except E as e:`; `except E, (a, b):` binds `exc` and unpacks `exc.args`."""

    def new_name(self, template="exc"):
        return super().new_name(template)


class FixTupleParams(fix_tuple_params.FixTupleParams):
    """`def f((a, b)):` -> `def f(params): (a, b) = params`; lambdas index their one parameter."""

    def new_name(self, template="params"):
        return super().new_name(template)


_OLD_OCTAL = re.compile(r"0[0-7]+$")


class FixNumbers(fixer_base.BaseFix):
    """`10L` -> `10`, `0755` -> `0o755`, `0755L` -> `0o755`: same value on Python 2.6+ and 3."""
    _accept_type = token.NUMBER

    @staticmethod
    def _rewritten(value: str) -> str:
        value = value[:-1] if value[-1] in "lL" else value
        return "0o" + value[1:] if _OLD_OCTAL.match(value) and value.strip("0") else value

    def match(self, node):
        return self._rewritten(node.value) != node.value

    def transform(self, node, results):
        return Number(self._rewritten(node.value), prefix=node.prefix)


def _is_message(node) -> bool:
    """A value that cannot be an exception instance: a literal, or an expression starting with one
    (`"failed: %s" % name`, `"a" + b`)."""
    first = next(node.leaves())
    return first.type in (token.STRING, token.NUMBER)


class FixRaiseReraise(fixer_base.BaseFix):
    """`raise E, V, T` -> `six.reraise(E, V, T)`, the value built as `E(V)` / `E(*V)` when V is a message
    or a tuple of arguments (as Python 2 does); a name or call is taken to be the exception already
    (`raise t, v, tb` from sys.exc_info())."""
    BM_compatible = True
    PATTERN = "raise_stmt< 'raise' exc=any ',' val=any ',' tb=any >"

    def transform(self, node, results):
        exc, val, tb = (results[key].clone() for key in ("exc", "val", "tb"))
        exc.prefix, val.prefix, tb.prefix = "", "", " "
        if is_tuple(val):  # Python 2 calls E(*V)
            value = Call(exc.clone(), [child.clone() for child in val.children[1:-1]])
        elif _is_message(val):
            value = Call(exc.clone(), [val])
        else:
            value = val
        value.prefix = " "
        touch_import(None, "six", node)
        return Call(Name("six.reraise"), [exc, Comma(), value, Comma(), tb], prefix=node.prefix)


_BACKSLASHES = re.compile(r"(\\+)(.?)", re.S)


class FixUnicodeRaw(fixer_base.BaseFix):
    """`ur'\\d+'` -> `u'\\\\d+'`: still unicode on Python 2, same characters. Python 2 processed `\\u`
    and `\\U` escapes in `ur''` (after an odd number of backslashes): those stay escapes."""
    _accept_type = token.STRING

    def match(self, node):
        return node.value[:2].lower() == "ur"

    def transform(self, node, results):
        quote = node.value[2:5] if node.value[2:5] in ('"""', "'''") else node.value[2]
        body = node.value[2 + len(quote):-len(quote)]

        def spelled_out(match):
            count, following = len(match.group(1)), match.group(2)
            if following in ("u", "U") and count % 2:
                return "\\" * (2 * (count - 1)) + "\\" + following
            return "\\" * (2 * count) + ("\\" if following == quote[0] else "") + following

        node.value = node.value[0] + quote + _BACKSLASHES.sub(spelled_out, body) + quote
        node.changed()


# symbol -> the fixers that rewrite it (a fixer may serve two symbols: the same syntax node)
BY_SYMBOL = {
    "print-statement": (fix_print.FixPrint,),  # adds `from __future__ import print_function`
    "exec-statement": (fix_exec.FixExec,),
    "backtick": (fix_repr.FixRepr,),
    "old-ne-operator": (fix_ne.FixNe,),
    "long-suffix": (FixNumbers,),
    "old-octal-literal": (FixNumbers,),
    "old-except-syntax": (FixExcept,),
    "unpacking-in-except": (FixExcept,),
    "old-raise-syntax": (fix_raise.FixRaise, FixRaiseReraise),  # modernize's: 2-argument raise only
    "parameter-unpacking": (FixTupleParams,),
    "invalid-unicode-literal": (FixUnicodeRaw,),
}

"""unittest.TestCase's Python 2 aliases -> their names on both Pythons: `self.assertEquals(a, b)` ->
`self.assertEqual(a, b)`, `self.assertItemsEqual(a, b)` -> `six.assertCountEqual(self, a, b)`. Only where check
reports unittest-alias-removed, where `self` is provably a unittest.TestCase (rules/py3k/unittest_aliases.py)."""
from __future__ import annotations

import libcst as cst

from diracmod.rules.py3k.shadowing_fix import NameIntroducingRule
from diracmod.rules.py3k.unittest_aliases import ALIASES


class UnittestAliasToMethod(NameIntroducingRule):
    SYMBOLS = ("unittest-alias-removed",)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (isinstance(func, cst.Attribute) and func.attr.value in ALIASES
                and self.reported("unittest-alias-removed", node)):
            instead = ALIASES[func.attr.value][0]
            if instead.startswith("six."):
                self.propose(node, "unittest-alias-removed", lambda updated: _six_call(updated, instead[4:]),
                             names=("six",), imports=(("six", None),))
            else:
                self.propose(node, "unittest-alias-removed", lambda updated: updated.with_changes(
                    func=updated.func.with_changes(attr=cst.Name(instead))))


def _six_call(updated: cst.Call, name: str) -> cst.Call:
    """`six.name(self, ...)`: the receiver first, with the spacing of a comma after it."""
    receiver = cst.Arg(updated.func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return updated.with_changes(func=cst.Attribute(cst.Name("six"), cst.Name(name)), args=[receiver, *updated.args])


FIXERS = (UnittestAliasToMethod,)

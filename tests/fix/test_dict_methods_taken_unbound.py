"""Python 2 dict methods reached otherwise than by a bound call, and cmp= handed on indirectly: findings for a
person, which fix leaves (tryout9 #11, #12)."""
from __future__ import annotations

import pytest

from diracmod.core import catalogue
from diracmod.fix.engine import fix_file
from tests.fix.helpers import everything
from tests.fix.test_method_fixes import findings

TAKEN = '''\
it = iter([1, 2, 3])
fn = it.next
d = {1: 2}
ks = d.iterkeys
vs = d.itervalues
has = d.has_key
print fn(), list(ks()), list(vs()), has(1), map(dict.viewitems, [d])
'''

UNBOUND = '''\
import functools
def f(a, b):
    return cmp(b, a)
srt = functools.partial(sorted, cmp=f)
d = {1: 2}
print srt([1, 3, 2]), sorted([1, 2], **{'cmp': f}), list(dict.iteritems(d))
print dict.keys(d) + [5], list(dict.itervalues(d)), dict.viewkeys(d), dict.has_key(d, 1)
for key in dict.keys(d):
    print sorted([2, 1], cmp=f), functools.partial([].sort, cmp=f)
'''

OURS = ("dict-iter-method-taken", "dict-unbound-method", "cmp-argument-indirect")


def _ours(code):
    return [(f.line, f.symbol) for f in findings(code) if f.symbol in OURS]


def test_dict_iter_methods_taken_without_a_call_are_reported():
    assert _ours(TAKEN) == [(4, "dict-iter-method-taken"), (5, "dict-iter-method-taken"),
                            (7, "dict-iter-method-taken")]


def test_unbound_dict_methods_and_indirect_cmp_are_reported():
    assert _ours(UNBOUND) == [(4, "cmp-argument-indirect"), (6, "cmp-argument-indirect"),
                              (6, "dict-unbound-method"), (7, "dict-unbound-method"), (7, "dict-unbound-method"),
                              (7, "dict-unbound-method"), (7, "dict-unbound-method"), (9, "cmp-argument-indirect")]


def test_the_hybrid_idiom_catching_attribute_error_is_not_reported():
    code = ("d = {}\ntry:\n    iteritems = dict.iteritems\nexcept AttributeError:\n    iteritems = dict.items\n"
            "try:\n    x = list(dict.iteritems(d))\nexcept (KeyError, AttributeError):\n    pass\n"
            "try:\n    ks = d.iterkeys\nexcept KeyError:\n    pass\n"
            "try:\n    def f():\n        return d.iterkeys\nexcept AttributeError:\n    pass\n")
    assert _ours(code) == [(11, "dict-iter-method-taken"), (16, "dict-iter-method-taken")]


def test_six_functions_taken_are_not_dict_methods():
    assert _ours("import six\npairs = six.iteritems\nfrom six import iterkeys\n") == []


@pytest.mark.parametrize("code", [TAKEN, UNBOUND])
def test_fix_leaves_them_and_check_counts_them_not_fixable(code, tmp_path):
    assert not any(catalogue.load()[symbol].fixable for symbol in OURS)
    (tmp_path / "mod.py").write_text(code)
    fixed = fix_file(str(tmp_path / "mod.py"), everything()).new.decode()
    for kept in ("d.iterkeys\n", "dict.viewitems,", "dict.iteritems(d)", "dict.has_key(d, 1)", "dict.keys(d) + [5]",
                 "partial(sorted, cmp=f)", "**{'cmp': f}"):
        assert (kept in fixed) == (kept in code), kept
    assert sorted(symbol for _, symbol in _ours(fixed)) == sorted(symbol for _, symbol in _ours(code))


NEAR = '''\
import operator
from operator import methodcaller as mc
d = {'a': 1}
f = lambda a, b: (b > a) - (b < a)
r = [operator.methodcaller('iteritems')(d), mc('viewkeys')(d), operator.methodcaller('items')(d),
     sorted([1, 2], **dict(cmp=f)), sorted([1, 2], **dict(key=f)), [].sort(**dict({'cmp': f})),
     operator.attrgetter('itervalues')(d)(), operator.attrgetter('x', 'y.iterkeys'), getattr(d, 'iteritems')(),
     getattr(d, 'iteritems', d.items)(), operator.attrgetter('keys')(d)(),
     type(d).iterkeys(d), d.__class__.has_key(d, 'a'), type(d).keys(d), d.__class__.viewitems(d),
     sorted([1, 2], **{'cmp': f})]
'''


def test_near_variants_are_reported_as_the_rules_they_vary(tmp_path):
    """tryout11 #9: a cmp in `**dict(cmp=f)`, a dict method named by a string (operator.methodcaller,
    operator.attrgetter, two-argument getattr) or called unbound through `type(d)` / `d.__class__`. Not
    `getattr(d, 'iteritems', d.items)`: the hybrid idiom."""
    assert _ours(NEAR) == [(5, "dict-iter-method-taken"), (5, "dict-iter-method-taken"),
                           (6, "cmp-argument-indirect"), (6, "cmp-argument-indirect"),
                           (7, "dict-iter-method-taken"), (7, "dict-iter-method-taken"),
                           (7, "dict-iter-method-taken"),
                           (9, "dict-unbound-method"), (9, "dict-unbound-method"), (9, "dict-unbound-method"),
                           (10, "cmp-argument-indirect")]
    (tmp_path / "mod.py").write_text(NEAR)
    result = fix_file(str(tmp_path / "mod.py"), everything())
    assert result.new is None or result.new.decode() == NEAR
    found = findings(NEAR)
    assert not any(f.fixable for f in found if f.line >= 5), [(f.line, f.symbol) for f in found if f.fixable]

"""Shapes the third hostile tryout found check missing: `sort(None, reverse=True)` (a TypeError on Python 3,
positional-cmp-none: fix drops the None) and object before another base through an alias or
six.with_metaclass (object-base-not-last). Each program runs under python2.7 and Python 3, before and after
the fix. (The has_key method taken, not called, is in test_method_fixes.py's program.)"""
from __future__ import annotations

import sys
import textwrap

from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_rebound_receivers import _run
from tests.fix.helpers import python27

SORTS = textwrap.dedent("""\
    from __future__ import print_function
    values = [1, 3, 2]
    values.sort(None, reverse=True)
    print(values, sorted(values, None), sorted(values, None, key=lambda v: -v))
    """)


def test_a_positional_none_comparison_is_reported_and_dropped(tmp_path):
    assert [f.symbol for f in findings(SORTS)] == ["positional-cmp-none"] * 3
    before = _run(python27(), SORTS, tmp_path, "before")
    assert before[:2] == (0, "[3, 2, 1] [1, 2, 3] [3, 2, 1]\n")
    assert _run(sys.executable, SORTS, tmp_path, "unfixed")[0] != 0  # sort() takes no positional arguments
    fixed, applied = fix(SORTS)
    assert applied["positional-cmp-none"] == 3 and "None" not in fixed
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before


def test_a_positional_none_on_a_receiver_not_known_to_be_a_list_is_reported_and_left():
    text = "def arrange(items):\n    items.sort(None, reverse=True)\n"
    [finding] = findings(text)
    assert finding.symbol == "positional-cmp-argument-not-simple" and "not known to be a list" in finding.message
    assert fix(text)[0] == text


CLASSES = {
    "an alias": "Base = object\n\n\nclass Old:\n    pass\n\n\nclass C(Base, Old):\n    pass\n",
    "six.with_metaclass": "import six\n\n\nclass Old:\n    pass\n\n\n"
                          "class C(six.with_metaclass(type, object, Old)):\n    pass\n",
}


def test_object_before_another_base_through_an_alias_or_with_metaclass(tmp_path):
    for name, text in CLASSES.items():
        assert [f.symbol for f in findings(text) if f.symbol == "object-base-not-last"] == ["object-base-not-last"]
        assert _run(python27(), text, tmp_path)[0] == 0, name
        assert "(MRO) for bases object, Old" in _run(sys.executable, text, tmp_path)[2][0], name

"""Shapes the third hostile tryout found check missing: `sort(None, reverse=True)` (a TypeError on Python 3,
positional-cmp-none: fix drops the None) and object before another base through an alias or
six.with_metaclass (object-base-not-last). Each program runs under python2.7 and Python 3, before and after
the fix. (The has_key method taken, not called, is in test_method_fixes.py's program.)"""
from __future__ import annotations

import ast
import re
import sys
import textwrap

import pytest

from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_rebound_receivers import _run
from tests.fix.helpers import python27

SORTS = textwrap.dedent("""\
    from __future__ import print_function
    values = [1, 3, 2]
    values.sort(None, reverse=True)
    print(values, sorted(values, None), sorted(values, None, key=lambda v: -v))
    """)


CMP_NONE = textwrap.dedent("""\
    from __future__ import print_function
    values = [1, 3, 2]
    values.sort(cmp=None, reverse=True)
    print(values, sorted(values, cmp=None), sorted(values, key=lambda v: -v, cmp=None))
    """)


# the None given positionally or as cmp=None: a TypeError on Python 3 either way, dropped by fix
@pytest.mark.parametrize("text, symbol", [(SORTS, "positional-cmp-none"), (CMP_NONE, "using-cmp-argument")])
def test_a_none_comparison_is_reported_and_dropped(text, symbol, tmp_path):
    assert [f.symbol for f in findings(text)] == [symbol] * 3
    before = _run(python27(), text, tmp_path, "before")
    assert before[:2] == (0, "[3, 2, 1] [1, 2, 3] [3, 2, 1]\n")
    assert _run(sys.executable, text, tmp_path, "unfixed")[0] != 0  # sort() takes no positional arguments, no cmp
    fixed, applied = fix(text)
    assert applied[symbol] == 3 and "None" not in fixed and "functools" not in fixed
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before


@pytest.mark.parametrize("call, symbol", [("items.sort(None, reverse=True)", "positional-cmp-argument-not-simple"),
                                          ("items.sort(cmp=None)", "using-cmp-argument-with-key")])
def test_a_none_comparison_on_a_receiver_not_known_to_be_a_list_is_reported_and_left(call, symbol):
    text = f"def arrange(items):\n    {call}\n"
    [finding] = findings(text)
    assert finding.symbol == symbol and "not known to be a list" in finding.message
    assert fix(text)[0] == text


NAMES_FOR_SORTED = textwrap.dedent("""\
    from __future__ import absolute_import, print_function
    import six
    ordered = sorted
    values = [1, 3, 2]
    print(ordered(values, None), six.moves.builtins.sorted(values, None, reverse=True))
    """)


def test_a_positional_none_given_to_a_name_for_sorted_is_reported_and_dropped(tmp_path):
    assert [f.symbol for f in findings(NAMES_FOR_SORTED) if "cmp" in f.symbol] == ["positional-cmp-none"] * 2
    before = _run(python27(), NAMES_FOR_SORTED, tmp_path, "before")
    assert before[:2] == (0, "[1, 2, 3] [3, 2, 1]\n")
    fixed, applied = fix(NAMES_FOR_SORTED)
    assert applied["positional-cmp-none"] == 2 and "None" not in fixed
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before


def test_a_name_bound_twice_is_not_sorted_for_certain():
    assert not [f for f in findings("ordered = sorted\nordered = list\nx = ordered([2, 1], None)\n")
                if "cmp" in f.symbol]


# list's sort method by its unbound name: Python 2's list.sort(items, cmp, key, reverse) (leftovers2's item 2)
UNBOUND_SORTS = textwrap.dedent("""\
    from __future__ import print_function
    import six


    def compare(a, b):
        return b - a


    values = [1, 3, 2]
    list.sort(values, None, reverse=True)
    print(values)
    list.sort(values, compare)
    print(values)
    six.moves.builtins.list.sort(values, None)
    print(values)
    """)


def test_a_positional_comparison_given_to_the_unbound_list_sort_is_reported_and_fixed(tmp_path):
    assert [f.symbol for f in findings(UNBOUND_SORTS) if "cmp" in f.symbol] == [
        "positional-cmp-none", "positional-cmp-argument", "positional-cmp-none"]
    before = _run(python27(), UNBOUND_SORTS, tmp_path, "before")
    assert before[:2] == (0, "[3, 2, 1]\n[3, 2, 1]\n[1, 2, 3]\n")
    fixed, applied = fix(UNBOUND_SORTS)
    assert applied["positional-cmp-none"] == 2 and applied["positional-cmp-argument"] == 1
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before
    assert fix(fixed)[0] == fixed


def test_a_positional_comparison_given_to_a_name_for_a_sort_method_is_reported_and_left():
    text = ("def compare(a, b):\n    return a - b\n\n\ndef arrange(items):\n    k = items.sort\n"
            "    k(None)\n    k(compare, reverse=True)\n    k(reverse=True)\n")
    found = [f for f in findings(text) if "cmp" in f.symbol]
    assert [(f.symbol, f.line) for f in found] == [("positional-cmp-argument-not-simple", 7),
                                                  ("positional-cmp-argument-not-simple", 8)]
    assert all("`k = items.sort`" in f.message for f in found)
    assert fix(text)[0] == text


def test_a_name_bound_to_a_sort_method_and_to_something_else_is_not_reported():
    text = "def arrange(items, other):\n    k = items.sort\n    if other:\n        k = other\n    k(None)\n"
    assert not [f for f in findings(text) if "cmp" in f.symbol]


# the star-imported module's own sorted(x, how=None, cmp=None), which Python 2 called with the None and the cmp=None
# (tryout1's D19: the None dropped made it a TypeError)
OWN_SORTED = "def sorted(items, how=None, cmp=None):\n    return ('mine', how, cmp)\n"
UNSEEN_SORTED = {
    "a star import": "from __future__ import print_function\nfrom ranking import *\n",
    "a namespace write": "from __future__ import print_function\nimport ranking\n"
                         "globals().update(vars(ranking))\n",
}


@pytest.mark.parametrize("name", sorted(UNSEEN_SORTED))
def test_a_sorted_the_module_may_bind_unseen_is_left_with_the_reason(name, tmp_path):
    text = UNSEEN_SORTED[name] + "print(sorted([2, 1], None), sorted([2, 1], cmp=None))\n"
    (tmp_path / "ranking.py").write_text(OWN_SORTED)
    found = {f.symbol: f.message for f in findings(text) if "cmp" in f.symbol or f.symbol == "builtin-name-unsure"}
    # sorted(x, cmp=None): builtin-name-unsure split off using-cmp-argument (tryout6 #18: it was DM160, whose name
    # says key=, for a call without one)
    assert set(found) == {"positional-cmp-argument-not-simple", "builtin-name-unsure"}
    assert "`sorted` may be bound by `" in found["positional-cmp-argument-not-simple"]
    assert found["builtin-name-unsure"].startswith("sorted built-in, which the module may bind unseen (`")
    assert fix(text)[0] == text
    assert _run(python27(), text, tmp_path)[1] == "('mine', None, None) ('mine', None, None)\n"


# every comment around the None (or the cmp=None) stays, the None goes (tryout1's D1)
COMMENTED = {
    "after the None's comma": "names.sort(None,  # why\n           reverse=True)\n",
    "after the iterable's comma": "x = sorted(names,  # c\n           None)\n",
    "after the None": "x = sorted(names, None  # c\n           )\n",
    "on both commas": "x = sorted(names,  # a\n           None,  # b\n           reverse=True)\n",
    "inside the None's parentheses": "x = sorted(names, (None  # c\n           ), reverse=True)\n",
    "after a trailing comma": "x = sorted(names, None,  # c\n           )\n",
    "after the opening parenthesis": "names.sort(  # a\n    None,  # b\n    reverse=True)\n",
    "on a line of its own": "names.sort(\n    None,\n    # own\n    reverse=True)\n",
    "before the None's comma": "names.sort(None  # a\n   , reverse=True)\n",
    "after cmp=None": "names.sort(cmp=None,  # a\n           reverse=True)\n",
    "around cmp=None": "x = sorted(names,  # a\n           key=len, cmp=None  # b\n           )\n",
}


@pytest.mark.parametrize("name", sorted(COMMENTED))
def test_a_none_dropped_keeps_the_comments_around_it(name):
    text = "names = [2, 1]\n" + COMMENTED[name]
    fixed, applied = fix(text)
    assert sum(applied.values()) == 1 and "None" not in fixed
    assert re.findall("#.*", fixed) == re.findall("#.*", text)
    assert ast.dump(ast.parse(fixed)) == ast.dump(_without_none(ast.parse(text)))
    assert fix(fixed)[0] == fixed


def _without_none(tree):
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        call.args = [arg for arg in call.args if not (isinstance(arg, ast.Constant) and arg.value is None)]
        call.keywords = [k for k in call.keywords if not (isinstance(k.value, ast.Constant) and k.value.value is None)]
    return tree


def test_a_none_followed_by_star_arguments_is_reported_and_left(tmp_path):
    text = "items = [2, 1]\nh = sorted(items, None, *[])\nitems.sort(None, *[])\n"
    assert [(f.symbol, f.line) for f in findings(text)] == [("positional-cmp-argument-not-simple", 2),
                                                              ("positional-cmp-argument-not-simple", 3)]
    assert fix(text)[0] == text
    assert "sorted expected 1 argument, got 2" in _run(sys.executable, text, tmp_path)[2][0]


OLD = "class Old:\n    pass\n\n\n"
CLASSES = {
    "an alias": "Base = object\n\n\nclass Old:\n    pass\n\n\nclass C(Base, Old):\n    pass\n",
    "six.with_metaclass": "import six\n\n\nclass Old:\n    pass\n\n\n"
                          "class C(six.with_metaclass(type, object, Old)):\n    pass\n",
    # tryout1's D6
    "a chained assignment": OLD + "A = B = object\n\n\nclass C(B, Old):\n    pass\n",
    "a tuple assignment": OLD + "T, O = object, Old\n\n\nclass C(T, O):\n    pass\n",
    "an alias of an alias": OLD + "Base = object\nRoot = Base\n\n\nclass C(Root, Old):\n    pass\n",
    "a function's alias": OLD + "def f():\n    Local = object\n\n    class C(Local, Old):\n        pass\n\n\nf()\n",
    # leftovers2's item 3: a chain in a function, and read from a function nested in it
    "an alias of an alias in a function": OLD + "def f():\n    B = object\n    C = B\n\n    class X(C, Old):\n"
                                           "        pass\n\n\nf()\n",
    "an alias of an enclosing function's alias": OLD + "def f():\n    B = object\n\n    def g():\n        C = B\n\n"
                                                  "        class X(C, Old):\n            pass\n    g()\n\n\nf()\n",
    "a class body's alias": OLD + "class Outer(object):\n    Inner = object\n\n    class C(Inner, Old):\n"
                                  "        pass\n",
    "type()": OLD + "C = type('C', (object, Old), {})\n",
    "six.moves.builtins.object": "import six\n\n\n" + OLD + "class C(six.moves.builtins.object, Old):\n    pass\n",
    "a name for six.with_metaclass": "import six\n\n\n" + OLD + "wm = six.with_metaclass\n\n\n"
                                     "class C(wm(type, object, Old)):\n    pass\n",
}
NOT_OBJECT = {
    "an alias of a name bound twice": OLD + "Base = object\nRoot = Base\nBase = dict\n\n\nclass C(Root, Old):\n"
                                      "    pass\n",
    "object a parameter": OLD + "def f(object):\n    Local = object\n\n    class C(Local, Old):\n        pass\n",
    "a class body's alias read in a method": OLD + "class Outer(object):\n    Inner = object\n\n"
                                             "    def make(self):\n        class C(Inner, Old):\n            pass\n",
    # B is another function's local: a NameError there, not object
    "an alias of another function's alias": OLD + "def f():\n    B = object\n\n\ndef g():\n    C = B\n\n"
                                             "    class X(C, Old):\n        pass\n",
    "a tuple assignment's other item": OLD + "T, O = object, Old\n\n\nclass C(O, T):\n    pass\n",
}


def test_names_that_are_not_object_for_certain_are_not_reported():
    for name, text in NOT_OBJECT.items():
        assert "object-base-not-last" not in {f.symbol for f in findings(text)}, name


def test_object_before_another_base_through_an_alias_or_with_metaclass(tmp_path):
    for name, text in CLASSES.items():
        assert [f.symbol for f in findings(text) if f.symbol == "object-base-not-last"] == ["object-base-not-last"]
        assert _run(python27(), text, tmp_path)[0] == 0, name
        assert "(MRO) for bases object, Old" in _run(sys.executable, text, tmp_path)[2][0], name

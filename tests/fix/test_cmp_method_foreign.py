"""tryout20 #16, #7, #14 (`fix --unsafe`, W1630 cmp-method): three more ways the rewrite (@functools.total_ordering,
__eq__ and __lt__ calling __cmp__) changed Python 2's comparisons, each now left with its note:
- a __cmp__ that may return NotImplemented (`if not isinstance(other, C): return NotImplemented`, or what another
  call gives): Python 2 then asks the other operand and falls back to its default order; the rewrite compared
  `NotImplemented < 0`, and Python 2.7's total_ordering derives <=, > and >= without passing NotImplemented on
  (so even a pass-through __lt__ would change `c <= x` for an `x` with rich comparisons: tested here);
- a subclass the class's metaclass makes when reached otherwise than by the name `type` (`type(C)('D', (C,), ns)`,
  `C.__class__(...)`), one six.with_metaclass's base makes, a call handed the class and a comparison;
- a subclass whose other base the module does not define (`from pkg.mixins import ReverseMixin`)."""
from __future__ import annotations

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

KEYED = """\
class Version(object):
    def __init__(self, n):
        self.n = n

    def __cmp__(self, other):
"""
RICH = """\
class Rich(object):
    def __lt__(self, other):
        return 'Rich.lt'
    def __le__(self, other):
        return 'Rich.le'
    def __gt__(self, other):
        return 'Rich.gt'
    def __ge__(self, other):
        return 'Rich.ge'
"""
NEW_CMP = """\
class NewCmp(dict):  # a base other than object: fix leaves it
    def __cmp__(self, other):
        return 1
"""
# Python 2 orders objects none of whose comparisons answers by their addresses (_PyObject_SlotCompare): only what
# does not hang on them is printed for str, int, None, list, unicode, object()
FOREIGN = NEW_CMP + """\
import operator
v = Version(1)
for o in ['a', 3, None, [1], u'x', object()]:
    print o.__class__.__name__, v == o, o == v, v != o, o != v, (v < o) == (o > v), (v <= o) == (o >= v), \\
        (v < o) != (v > o), (v <= o) != (v > o), (v >= o) != (v < o)
for o in [Rich(), NewCmp(), Version(2), Version(1), v]:
    row = []
    for f in (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne):
        row += [f(v, o), f(o, v)]
    print o.__class__.__name__, row
print [x.n for x in sorted([Version(2), 'b', Version(1), 5, None, 2.0, Version(0)]) if isinstance(x, Version)]
print v in ['x', Version(1)], v in [3, None]
"""
NOT_IMPLEMENTED = {
    "returned.py": (KEYED + "        if not isinstance(other, Version):\n            return NotImplemented\n"
                    "        return cmp(self.n, other.n)\n" + RICH + FOREIGN, "its __cmp__ names NotImplemented"),
    "old_style.py": (KEYED.replace("(object)", "") + "        if not isinstance(other, Version):\n"
                     "            return NotImplemented\n        return cmp(self.n, other.n)\n" + RICH + FOREIGN,
                     "its __cmp__ names NotImplemented"),
    "delegated.py": ("def compare(a, b):\n    if not isinstance(b, Version):\n        return NotImplemented\n"
                     "    return cmp(a.n, b.n)\n" + KEYED + "        return compare(self, other)\n" + RICH + FOREIGN,
                     "its __cmp__ returns what `compare(...)` gives, which may be NotImplemented"),
    "through_name.py": (KEYED + "        result = cmp(self.n, other.n) if isinstance(other, Version) else "
                        "getattr(other, 'nope', NotImplemented)\n        return result\n" + RICH + FOREIGN,
                        "its __cmp__ names NotImplemented"),
    "named_call.py": (KEYED + "        result = self.key(other)\n        return result\n"
                      "    def key(self, other):\n        if isinstance(other, Version):\n"
                      "            return cmp(self.n, other.n)\n        return NotImplemented\n" + RICH + FOREIGN,
                      "its __cmp__ returns what `self.key(...)` gives, which may be NotImplemented"),
}


@pytest.mark.parametrize("name", sorted(NOT_IMPLEMENTED))
def test_unsafe_leaves_a_cmp_method_that_may_return_not_implemented(tmp_path, monkeypatch, capsys, name):
    text, why = NOT_IMPLEMENTED[name]
    root = project_dir(tmp_path, monkeypatch, {name: text})
    before = python2_output(root, name)
    assert "Error" not in before and before.count("\n") == 13, before
    main(["fix", "--unsafe", "--write", str(root / name)])
    err = capsys.readouterr().err
    assert "total_ordering" not in (root / name).read_text()
    assert python2_output(root, name) == before, "Python 2 behaviour changed"
    assert "W1630 cmp-method left by --unsafe: " + why in err, err


def test_a_pass_through_rewrite_would_still_change_python2(tmp_path, monkeypatch):
    """Why such a __cmp__ is left rather than given methods passing NotImplemented on: Python 2.7's total_ordering
    derives `<=` as `self < other or self == other`, which asks Rich's reflected `>` where Python 2 asked Rich's
    `>=` (none) and then the default order."""
    text = NOT_IMPLEMENTED["returned.py"][0]
    passing = ("    def __eq__(self, other):\n        c = self.__cmp__(other)\n"
               "        return c if c is NotImplemented else c == 0\n"
               "    def __lt__(self, other):\n        c = self.__cmp__(other)\n"
               "        return c if c is NotImplemented else c < 0\n    __hash__ = object.__hash__\n")
    at = text.index("class Rich")
    rewritten = "import functools\n@functools.total_ordering\n" + text[:at] + passing + text[at:]
    root = project_dir(tmp_path, monkeypatch, {"orig.py": text, "passing.py": rewritten})
    before, after = python2_output(root, "orig.py"), python2_output(root, "passing.py")
    assert [line for line in before.splitlines() if not line.startswith("Rich")] == \
        [line for line in after.splitlines() if not line.startswith("Rich")]
    assert [line for line in before.splitlines() if line.startswith("Rich")] == \
        ["Rich ['Rich.gt', 'Rich.lt', 'Rich.ge', 'Rich.le', 'Rich.lt', 'Rich.gt', 'Rich.le', 'Rich.ge', False, False, True, "
         "True]"]
    assert [line for line in after.splitlines() if line.startswith("Rich")] == \
        ["Rich ['Rich.gt', 'Rich.lt', 'Rich.gt', 'Rich.le', False, 'Rich.gt', False, 'Rich.ge', False, False, True, "
         "True]"]


@pytest.mark.parametrize("returned", ["cmp(self.n, other.n)", "-cmp(other.n, self.n)", "int(self.n - other.n)",
                                      "int(self.n > other.n) - int(self.n < other.n)",
                                      "(self.n > other.n) - (self.n < other.n)",
                                      "len(str(self.n)) - len(str(other.n)) or cmp(self.n, other.n)",
                                      "cmp(self.n, other.n) or cmp(id(self), id(other))"])
def test_unsafe_rewrites_a_cmp_method_returning_numbers(tmp_path, monkeypatch, capsys, returned):
    text = KEYED + f"        return {returned}\n" + "a, b = Version(1), Version(2)\nprint a < b, a > b, a == b, a <= a\n"
    root = project_dir(tmp_path, monkeypatch, {"m.py": text})
    before = python2_output(root, "m.py")
    main(["fix", "--unsafe", "--write", str(root / "m.py")])
    assert "total_ordering" in (root / "m.py").read_text(), capsys.readouterr().err
    assert python2_output(root, "m.py") == before


KEYED_CMP = KEYED + "        return cmp(self.n, other.n)\n\n\ndef _gt(self, other):\n    return self.n < other.n\n"
DRIVER = "print RVersion(1) < RVersion(2), RVersion(1) > RVersion(2), RVersion(2) > RVersion(1)\n"
MADE = {
    "type_of.py": (KEYED_CMP + "RVersion = type(Version)('RVersion', (Version,), {'__gt__': _gt})\n" + DRIVER,
                   "the module's `type(Version)('RVersion', ...)` (a subclass) may define rich comparisons (its dict)"),
    "class_attr.py": (KEYED_CMP + "RVersion = Version.__class__('RVersion', (Version,), dict(__gt__=_gt))\n" + DRIVER,
                      "the module's `Version.__class__('RVersion', ...)` (a subclass) may define rich comparisons"),
    "meta_name.py": (KEYED_CMP + "Meta = type(Version)\nRVersion = Meta('RVersion', (Version,), {'__gt__': _gt})\n"
                     + DRIVER, "the module's `Meta('RVersion', ...)` (a subclass) may define rich comparisons"),
    "with_metaclass.py": ("def with_metaclass(meta, *bases):\n    return meta('NewBase', bases, {})\n" + KEYED_CMP
                          + "class RVersion(with_metaclass(type, Version)):\n    __gt__ = _gt\n" + DRIVER,
                          "the module's class `RVersion` (a subclass) defines __gt__"),
    "handed.py": ("def subclass(*args):\n    return type('R', (args[0],), args[1])\n" + KEYED_CMP
                  + "RVersion = subclass(Version, {'__gt__': _gt})\n" + DRIVER,
                  "the module's `subclass(...)` is handed `Version` and a rich comparison"),
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_unsafe_leaves_a_cmp_class_its_metaclass_subclasses_otherwise(tmp_path, monkeypatch, capsys, name):
    text, why = MADE[name]
    root = project_dir(tmp_path, monkeypatch, {name: text})
    before = python2_output(root, name)
    assert before == "False True False\n"
    main(["fix", "--unsafe", "--write", str(root / name)])
    err = capsys.readouterr().err
    assert "total_ordering" not in (root / name).read_text()
    assert python2_output(root, name) == before, "Python 2 behaviour changed"
    assert "W1630 cmp-method left by --unsafe: " + why in err, err


@pytest.mark.parametrize("bases", ["ReverseMixin, Version", "mixins.ReverseMixin, Version", "Version, dict"])
def test_unsafe_leaves_a_cmp_class_whose_subclass_has_a_base_of_another_module(tmp_path, monkeypatch, capsys, bases):
    files = {"pkg/__init__.py": "",
             "pkg/mixins.py": "class ReverseMixin(object):\n    def __gt__(self, other):\n"
                              "        return self.n < other.n\n",
             "pkg/a.py": "from pkg.mixins import ReverseMixin\nfrom pkg import mixins\n\n\n"
                         + KEYED + "        return cmp(self.n, other.n)\n\n\n"
                         f"class RVersion({bases}):\n    pass\n",
             "main.py": "from pkg.a import RVersion\n"
                        "print RVersion(1) < RVersion(2), RVersion(1) > RVersion(2), RVersion(2) > RVersion(1)\n"}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py")
    main(["fix", "--unsafe", "--write", str(root / "pkg")])
    err = capsys.readouterr().err
    assert "total_ordering" not in (root / "pkg/a.py").read_text()
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"
    unseen = bases.split(", ")[0].split(".")[-1] if "Mixin" in bases else "dict"
    assert (f"W1630 cmp-method left by --unsafe: the module's class `RVersion` (a subclass) derives from `{unseen}`, "
            "which the module does not define") in err, err


# tryout21 #4 #5: a __cmp__ returning a float (Python 2 truncates it: -0.5 is 0, equal) or None (Python 2 raises
# TypeError "an integer is required") where the rewrite's __eq__ and __lt__ compared it with 0 as it was
NON_INT = {
    "difference.py": ("class Job(object):\n    def __init__(self, prio):\n        self.prio = prio\n\n"
                      "    def __cmp__(self, other):\n        return self.prio - other.prio\n\n"
                      "    def __repr__(self):\n        return 'Job(%r)' % self.prio\n\n\n"
                      "jobs = [Job(0.5), Job(0.2), Job(0.25)]\nprint sorted(jobs)\n"
                      "print Job(0.2) == Job(0.7), Job(0.2) < Job(0.7)\n",
                      "its `__cmp__` returns `self.prio - other.prio`, which may be a float",
                      "[Job(0.5), Job(0.2), Job(0.25)]\nTrue False\n"),
    "through_name.py": ("class Job(object):\n    def __init__(self, prio):\n        self.prio = prio\n\n"
                        "    def __cmp__(self, other):\n        d = self.prio\n        d -= other.prio\n"
                        "        return -d if other.prio else d\n\n\n"
                        "print Job(0.2) == Job(0.7), Job(0.2) < Job(0.7), Job(0.7) > Job(0.2)\n",
                        "its `__cmp__` returns `d - other.prio`, which may be a float", "True False False\n"),
    "falls_off.py": ("class Node(object):\n    def __init__(self, key):\n        self.key = key\n\n"
                     "    def __cmp__(self, other):\n        if self.key < other.key:\n            return -1\n"
                     "        if self.key > other.key:\n            return 1\n\n\n"
                     "for op in ('==', '<', '<=', '!='):\n    try:\n        print eval('Node(1) %s Node(1)' % op)\n"
                     "    except TypeError as e:\n        print 'TypeError', e\n",
                     "its `__cmp__` may return a non-int: a path falls off the end of its body (None)",
                     "TypeError an integer is required\n" * 4),
}


@pytest.mark.parametrize("name", sorted(NON_INT))
def test_unsafe_leaves_a_cmp_method_that_may_return_a_float_or_none(tmp_path, monkeypatch, capsys, name):
    text, why, expected = NON_INT[name]
    root = project_dir(tmp_path, monkeypatch, {name: text})
    before = python2_output(root, name)
    assert before == expected
    main(["fix", "--unsafe", "--write", str(root / name)])
    err = capsys.readouterr().err
    assert "total_ordering" not in (root / name).read_text()
    assert python2_output(root, name) == before, "Python 2 behaviour changed"
    assert "W1630 cmp-method left by --unsafe: " + why in err, err


# tryout20 #14's rest: an imported base the project index knows to give no rich comparison (nor any base of it)
# lets the rewrite go on; one whose comparisons it cannot know leaves the class as before
PLAIN_MIXIN = "class Describe(object):\n    def describe(self):\n        return 'v%d' % self.n\n\n\n" \
              "class PlainMixin(Describe):\n    pass\n"
IMPORTED_BASES = {
    "plain": (PLAIN_MIXIN, True),
    "base_compares": ("class Describe(object):\n    def __gt__(self, other):\n        return self.n < other.n\n\n\n"
                      "class PlainMixin(Describe):\n    pass\n", False),
    "builtin_base": ("class PlainMixin(Exception):\n    def __init__(self, n):\n        self.n = n\n", False),
    # the decorator's `setattr(cls, '__gt__', f)` may reach any class: no class of the project is known plain then
    "decorated": ("from pkg.deco import reverse\n\n\n@reverse\nclass PlainMixin(object):\n    pass\n", False),
    "attached": (PLAIN_MIXIN + "\n\nPlainMixin.__gt__ = lambda self, other: self.n < other.n\n", False),
}
DECO = "def reverse(cls):\n    setattr(cls, '__gt__', lambda self, other: self.n < other.n)\n    return cls\n"


@pytest.mark.parametrize("bases", ["PlainMixin, Version", "mixins.PlainMixin, Version", "pkg.mixins.PlainMixin, Version"])
@pytest.mark.parametrize("case", sorted(IMPORTED_BASES))
def test_unsafe_reads_an_imported_base_of_a_subclass_in_the_project_index(tmp_path, monkeypatch, capsys, case, bases):
    mixins, rewritten = IMPORTED_BASES[case]
    files = {"pkg/__init__.py": "", "pkg/mixins.py": mixins, **({"pkg/deco.py": DECO} if case == "decorated" else {}),
             "pkg/a.py": "from pkg.mixins import PlainMixin\nfrom pkg import mixins\nimport pkg.mixins\n\n\n"
                         + KEYED + "        return cmp(self.n, other.n)\n\n\n"
                         f"class RVersion({bases}):\n    pass\n",
             "main.py": "from pkg.a import RVersion\nv = [RVersion(1), RVersion(2)]\n"
                        "print v[0] < v[1], v[0] > v[1], v[1] > v[0], v[0] <= v[1], v[0] == v[0], v[0] != v[1]\n"
                        "print sorted(v, reverse=True)[0].n, max(v).n, v[0] in v, len(set(v))\n"}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py")
    assert "Error" not in before, before
    main(["fix", "--unsafe", "--write", str(root / "pkg")])
    err = capsys.readouterr().err
    assert ("total_ordering" in (root / "pkg/a.py").read_text()) == rewritten, err
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"
    if not rewritten:
        assert "W1630 cmp-method left by --unsafe: the module's class `RVersion` (a subclass) derives from " \
               "`PlainMixin`, which the module does not define" in err, err

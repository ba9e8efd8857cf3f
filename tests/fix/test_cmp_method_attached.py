"""tryout15 #4 (`fix --unsafe`): cmp-method's rewrite (W1630: @functools.total_ordering, __eq__ and __lt__ calling
__cmp__) is only for a class without rich comparisons; one the module attaches to a class outside its body
(`C.__lt__ = f`, `setattr(C, '__lt__', f)`) was not counted, and the added __gt__ of total_ordering changed `a > b`
on Python 2 (it was `b.__lt__(a)`, the attached one). --unsafe now leaves such a class with its note, reading the
comparisons attached outside a class body as DM404 does (rules/py3k/runtime.py, attached_to_classes: one scan for
both). The note names the line of the file as given to fix, not of the file as written (its added header lines)."""
from __future__ import annotations

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

CLASS = """\
class C(object):
    def __init__(self, k, j):
        self.k, self.j = k, j
    def __cmp__(self, other):
        return cmp(self.k, other.k)
"""
DRIVER = "a, b = C(1, 1), C(1, 0)\nprint a > b, a < b, a == b, a >= b, a <= b, a != b\n"
ATTACHED = {
    "attribute.py": CLASS + "C.__lt__ = lambda s, o: s.j < o.j\n" + DRIVER,
    "set_attr.py": CLASS + "setattr(C, '__lt__', lambda s, o: s.j < o.j)\n" + DRIVER,
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, ATTACHED)


@pytest.mark.parametrize("name", sorted(ATTACHED))
def test_unsafe_leaves_a_class_with_a_comparison_attached_outside_its_body(project, capsys, name):
    before = python2_output(project, name)
    assert before == "True False True True True False\n"
    main(["fix", "--unsafe", "--write", str(project / name)])
    err = capsys.readouterr().err
    text = (project / name).read_text()
    assert "total_ordering" not in text and "from __future__ import" in text  # a header was added
    assert python2_output(project, name) == before, "Python 2 behaviour changed"
    # the note names line 4 of the file given, where `def __cmp__` is (the written file has it lower)
    assert f"{name}: line 4: W1630 cmp-method left by --unsafe: the module attaches __lt__ to a class (`C`) outside its " \
           "body" in err, err


"""tryout17 #10: three more ways a rich comparison reaches the __cmp__ class or its instances besides the class's own
body, each of which --unsafe counted not: a subclass of the module defining one in its body (`class D(C): def
__lt__`: total_ordering derived D's `>=` from D's own __lt__ and C's new __eq__, where Python 2 asked the reflected
__lt__ or __cmp__), a metaclass of the module naming one (`ns['__lt__'] = ...` in its `__new__`: it replaced the
rewrite's __lt__, total_ordering's others then called it), a comparison attached through a name for the class
(`e = E; e.__lt__ = f`). Each __cmp__ class is left with its note, Python 2 output unchanged."""
KEYED = """\
    def __init__(self, key, name):
        self.key, self.name = key, name
    def __cmp__(self, other):
        return cmp(self.key, other.key)
"""
ELSEWHERE = {
    "subclass.py": ("class C(object):\n" + KEYED + "class D(C):\n    def __lt__(self, other):\n"
                    "        return self.name < other.name\n"
                    "a, b = D(1, 'b'), D(2, 'a')\nprint a > b, a >= b, a <= b, a == b\n",
                    "True False True False\n", "the module's class `D` (a subclass) defines __lt__"),
    "metaclass.py": ("class ByName(type):\n    def __new__(mcs, name, bases, ns):\n"
                     "        ns['__lt__'] = lambda self, other: self.name < other.name\n"
                     "        return type.__new__(mcs, name, bases, ns)\n"
                     "class C(object):\n    __metaclass__ = ByName\n" + KEYED
                     + "a, b = C(1, 'b'), C(2, 'a')\nprint a < b, a > b, a <= b, a >= b, a == b\n",
                     "False True True False False\n", "the module's metaclass `ByName` names __lt__"),
    "alias.py": ("class E(object):\n" + KEYED + "e = E\ne.__lt__ = lambda self, other: self.key > other.key\n"
                 "x, y = E(1, 'a'), E(2, 'b')\nprint x < y, x > y, x <= y\n",
                 "False True True\n", "the module attaches __lt__ to a class (`e`) outside its body"),
    # tryout18 #7: through another base of the subclass, a class decorator, a loop over classes, type()
    "mixin.py": ("class C(object):\n" + KEYED + "class LtMixin(object):\n    def __lt__(self, other):\n"
                 "        return self.name < other.name\nclass Mid(LtMixin):\n    pass\nclass D(Mid, C):\n    pass\n"
                 "a, b = D(1, 'b'), D(2, 'a')\nprint a < b, a > b, a <= b, a >= b, a == b\n",
                 "False True True False False\n",
                 "the module's class `D` (a subclass) derives from `Mid`, which defines a comparison"),
    "decorator.py": ("def add_lt(cls):\n    cls.__lt__ = lambda self, other: self.name < other.name\n    return cls\n"
                     "class C(object):\n" + KEYED + "@add_lt\nclass D(C):\n    pass\n"
                     "a, b = D(1, 'b'), D(2, 'a')\nprint a < b, a > b, a <= b, a >= b, a == b\n",
                     "False True True False False\n", "the module writes `cls.__lt__`"),
    "loop.py": ("class C(object):\n" + KEYED + "for cls in (C,):\n"
                "    setattr(cls, '__lt__', lambda self, other: self.name < other.name)\n"
                "a, b = C(1, 'b'), C(2, 'a')\nprint a < b, a > b, a <= b, a >= b, a == b\n",
                "False True True False False\n", "the module writes `cls.__lt__`"),
    "type_of.py": ("class C(object):\n" + KEYED + "type(C(0, '')).__lt__ = lambda self, other: self.name < other.name\n"
                   "a, b = C(1, 'b'), C(2, 'a')\nprint a < b, a > b, a <= b, a >= b, a == b\n",
                   "False True True False False\n", "the module writes `type(C(0, '')).__lt__`"),
    # tryout19 #9: a subclass type() makes (through another base, through its dict), type.__setattr__, a class
    # factory's class on a base it is given (any __cmp__ class of the module may be it)
    "type_mixin.py": ("class C(object):\n" + KEYED + "class LtMixin(object):\n    def __lt__(self, other):\n"
                      "        return 'mixin'\nD = type('D', (LtMixin, C), {})\n"
                      "print D(1, 'a') < D(2, 'b'), D(1, 'a') > D(2, 'b'), D(1, 'a') == D(1, 'a')\n",
                      "mixin mixin True\n", "the module's `type('D', ...)` (a subclass) derives from `LtMixin` too"),
    "type_dict.py": ("class C(object):\n" + KEYED + "D = type('D', (C,), {'__lt__': lambda s, o: 'dict'})\n"
                     "print D(1, 'a') < D(2, 'b'), D(1, 'a') > D(2, 'b'), D(1, 'a') == D(1, 'a')\n",
                     "dict dict True\n", "the module's `type('D', ...)` (a subclass) may define rich comparisons (its dict)"),
    "type_bases.py": ("class C(object):\n" + KEYED + "class LtMixin(object):\n    def __lt__(self, other):\n"
                      "        return 'mixin'\nbases = (LtMixin, C)\nD = type('D', bases, {})\n"
                      "print D(1, 'a') < D(2, 'b'), D(1, 'a') > D(2, 'b'), D(1, 'a') == D(1, 'a')\n",
                      "mixin mixin True\n", "the module's `type('D', ...)` (its bases not written out) may make a subclass"),
    "type_setattr.py": ("class C(object):\n" + KEYED + "class D(C):\n    pass\n"
                        "type.__setattr__(D, '__lt__', lambda s, o: 'ts')\n"
                        "print D(1, 'a') < D(2, 'b'), D(1, 'a') > D(2, 'b'), D(1, 'a') == D(1, 'a')\n",
                        "ts ts True\n", "the module writes `D.__lt__`"),
    "factory.py": ("class C(object):\n" + KEYED + "def ordered(cls):\n    class Sub(cls):\n"
                   "        def __lt__(self, other):\n            return 'sub'\n    return Sub\nD = ordered(C)\n"
                   "print D(1, 'a') < D(2, 'b'), D(1, 'a') > D(2, 'b'), D(1, 'a') == D(1, 'a')\n",
                   "sub sub True\n", "the module's class `Sub` (on a base its function is given, which may be "
                   "this class) defines __lt__"),
    "factory_type.py": ("class C(object):\n" + KEYED + "class LtMixin(object):\n    def __lt__(self, other):\n"
                        "        return 'mixin'\ndef ordered(cls):\n    return type('Sub', (LtMixin, cls), {})\n"
                        "D = ordered(C)\n"
                        "print D(1, 'a') < D(2, 'b'), D(1, 'a') > D(2, 'b'), D(1, 'a') == D(1, 'a')\n",
                        "mixin mixin True\n", "the module's `type('Sub', ...)` (on a base its function is given, "
                        "which may be this class) derives from `LtMixin` too"),
}


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, {name: text for name, (text, _, _) in ELSEWHERE.items()})


@pytest.mark.parametrize("name", sorted(ELSEWHERE))
def test_unsafe_leaves_a_cmp_class_a_subclass_metaclass_or_alias_gives_a_comparison(elsewhere, capsys, name):
    _, expected, why = ELSEWHERE[name]
    before = python2_output(elsewhere, name)
    assert before == expected
    main(["fix", "--unsafe", "--write", str(elsewhere / name)])
    err = capsys.readouterr().err
    text = (elsewhere / name).read_text()
    assert "total_ordering" not in text and "from __future__ import" in text  # a header was added
    assert python2_output(elsewhere, name) == before, "Python 2 behaviour changed"
    assert "W1630 cmp-method left by --unsafe: " + why in err, err


@pytest.mark.parametrize("made", ["type('D', (C,), {'tag': 1})", "type('D', (C, object), {})",
                                  "(lambda cls: type('D', (cls,), {}))(C)"])
def test_unsafe_rewrites_a_cmp_class_type_subclasses_without_comparisons(tmp_path, monkeypatch, capsys, made):
    """A subclass type() makes on the __cmp__ class alone (or object), its dict's keys written out and none a
    comparison, brings none: the rewrite is made, Python 2 output unchanged."""
    text = ("class C(object):\n" + KEYED + f"D = {made}\n"
            "a, b = D(1, 'b'), D(2, 'a')\nprint a < b, a > b, a <= b, a >= b, a == b, a != b\n")
    root = project_dir(tmp_path, monkeypatch, {"made.py": text})
    before = python2_output(root, "made.py")
    assert before == "True False True False False True\n"
    main(["fix", "--unsafe", "--write", str(root / "made.py")])
    assert "total_ordering" in (root / "made.py").read_text(), capsys.readouterr().err
    assert python2_output(root, "made.py") == before

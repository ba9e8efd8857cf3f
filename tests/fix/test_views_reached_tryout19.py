"""tryout19 #7, #8, #15: loops over a dict's view whose body changes the dict by a way dict_reach.py (and runtime.py's
DM137) did not read:
- #7: a name bound to an object's namespace (`ns = o.__dict__`, `ns = vars(o)`, an alias of one), then
  `for k in ns.keys(): setattr(o, 'x' + k, 1)`: as `o.__dict__` / `vars(o)` spelled in the loop;
- #8: a module-level loop over the module's namespace in any spelling (`sys.modules[__name__].__dict__`,
  `vars(mod)` of `mod = sys.modules[__name__]`, `g()` of `g = globals`), a class body's `ns = vars()`: DM137;
- #15: a changing method of an attribute's dict handed on without a call of it (`map(self.d.pop, [k])`,
  `filter(d.pop, ...)` with `d = self.d`), or taken by getattr before the loop or in it (`getattr(self.d, 'pop')`).
Each gets list(), what Python 2 iterated."""
from __future__ import annotations

import pytest

from diracmod.check import engine as check_engine
from diracmod.source import reader

from tests.fix.helpers import fixed_in_place, python2_output
from tests.fix.test_views_reached_elsewhere import _findings, _python3_output

V = """class O(object):
    def __init__(self):
        self.a = 1
def t1():
    o = O()
    ns = o.__dict__
    for k in ns.keys():
        setattr(o, 'x' + k, 1)
    return sorted(vars(o))
def t2():
    o = O()
    ns = vars(o)
    for k in ns.keys():
        o.b = 2
    return sorted(vars(o))
def t3():
    o = O()
    ns = vars(o)
    e = ns
    for k, v in e.items():
        vars(o).pop(k)
    return sorted(vars(o))
class S(object):
    def __init__(self):
        self.d = {'a': 1, 'b': 2}
    def t4(self):
        for k in self.d.keys():
            map(self.d.pop, [k])
        return self.d
    def t5(self):
        pop = getattr(self.d, 'pop')
        for k in self.d.keys():
            pop(k)
        return self.d
    def t6(self):
        for k in self.d.keys():
            filter(self.d.pop, [k])
        return self.d
    def t7(self):
        d = self.d
        for k in self.d.keys():
            map(d.pop, [k])
        return self.d
    def t8(self):
        for k in self.d.keys():
            getattr(self.d, 'pop')(k)
        return self.d
    def t9(self):
        pop = self.d.pop
        for k in self.d.keys():
            map(pop, [k])
        return self.d
"""

G4 = """import sys
A, found = 1, []
mod = sys.modules[__name__]
for n in vars(mod).keys():
    found.append(n)
"""

G5 = """import sys
A, found = 1, []
for n in sys.modules[__name__].__dict__.keys():
    found.append(n)
"""

G7 = """A, found = 1, []
g = globals
for n in g().keys():
    found.append(n)
"""

G8 = """class C(object):
    found = []
    ns = vars()
    n2 = ns
    for n in n2.keys():
        found.append(n)
"""

MAIN = """import v, g4, g5, g7, g8
s = v.S
print(repr((v.t1(), v.t2(), v.t3(), s().t4(), s().t5(), s().t6(), s().t7(), s().t8(), s().t9(), 'A' in g4.found,
            'A' in g5.found, 'A' in g7.found, 'found' in g8.C.found)))
"""


def _dm137(code: str) -> list:
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    return [(f.line, f.fixable) for f in found if f.symbol == "namespace-dict-changed-during-iteration"]


def test_views_of_bound_namespaces_handed_on_methods_and_module_namespaces_are_lists(tmp_path):
    """check reports each loop fixable, fix lists it; python2.7 prints the same before and after, Python 3 runs the
    fixed modules without RuntimeError (before the mend every one of these loops was left a view: fix's list() of
    the maps made their pops run in it, RuntimeError)."""
    assert [line for line, symbol, fixable in _findings(V) if fixable and symbol.startswith("dict-")] == [
        7, 13, 20, 27, 32, 36, 41, 45, 50]
    assert _dm137(G4) == [(4, True)] and _dm137(G5) == [(3, True)] and _dm137(G7) == [(3, True)]
    assert _dm137(G8) == [(5, True)]
    files = {"v.py": V, "g4.py": G4, "g5.py": G5, "g7.py": G7, "g8.py": G8, "main.py": MAIN}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    assert "RuntimeError" in _python3_output(tmp_path)[1]  # t1 (the mapped pops are lazy there: fix makes them run)
    before = python2_output(tmp_path, "main.py")
    assert before == "(['a', 'xa'], ['a', 'b'], [], {}, {}, {}, {}, {}, {}, True, True, True, True)\n"
    assert fixed_in_place(tmp_path / "v.py").count(" in list(") == 9
    for name in ("g4.py", "g5.py", "g7.py", "g8.py"):
        assert fixed_in_place(tmp_path / name).count(" in list(") == 1, name
    assert python2_output(tmp_path, "main.py") == before
    assert _python3_output(tmp_path) == (0, before)


@pytest.mark.parametrize("code", [
    # another object's attribute set, another object's namespace bound
    "def f(o, p):\n    ns = o.__dict__\n    for k in ns.keys():\n        setattr(p, 'x' + k, 1)\n",
    "def f(o, p):\n    ns = vars(p)\n    for k in o.__dict__.keys():\n        setattr(p, 'x' + k, 1)\n",
    # the loop's own key set again through the bound namespace's object (Twisted rebuild.py's exemption)
    "def f(o):\n    ns = vars(o)\n    for k in ns.keys():\n        setattr(o, k, None)\n",
    # a reading method handed on or taken by getattr; another attribute's changing method
    "class S(object):\n    def f(self):\n        for k in self.d.keys():\n            map(self.d.get, [k])\n",
    "class S(object):\n    def f(self):\n        get = getattr(self.d, 'get')\n        for k in self.d.keys():\n"
    "            get(k)\n",
    "class S(object):\n    def f(self):\n        for k in self.d.keys():\n            map(self.e.pop, [k])\n",
])
def test_views_those_ways_do_not_reach_stay_views(code):
    assert [found for found in _findings(code) if found[1].startswith("dict-")] == []


@pytest.mark.parametrize("code", [
    # a loop in a function binds its names locally; a class body's loop over the module's globals binds in the class
    "g = globals\ndef f():\n    for n in g().keys():\n        pass\n",
    "class C(object):\n    ns = globals()\n    for n in ns.keys():\n        pass\n",
    "import sys\nclass C(object):\n    for n in sys.modules[__name__].__dict__.keys():\n        pass\n",
    # a module object's attribute other than its namespace; a function's locals() bound in it
    "import sys\nmod = sys.modules[__name__]\nfor n in mod.__name__.split('.'):\n    pass\n",
    "def f():\n    ns = vars()\n    for n in ns.keys():\n        pass\n",
])
def test_loops_binding_elsewhere_are_no_dm137(code):
    assert _dm137(code) == []


@pytest.mark.parametrize("line,code", [
    # any dict not a name, its changing method handed on (the rule, not one more spelling of #15)
    (3, "class A(object):\n    def f(self):\n        for k in self.d['x'].keys():\n"
        "            map(self.d['x'].pop, [k])\n"),
    (2, "def f(o):\n    for k in vars(o).keys():\n        map(vars(o).pop, [k])\n"),
    (3, "class A(object):\n    def f(self, how):\n        for k in self.d.keys():\n"
        "            getattr(self.d, how)(k)\n"),
    (4, "class A(object):\n    def f(self):\n        rm = getattr(self.d, '__delitem__')\n"
        "        for k in self.d.keys():\n            rm(k)\n"),
    # a name bound to a namespace, the object's attribute stored or deleted
    (4, "class A(object):\n    def f(self):\n        ns = self.__dict__\n        for k in ns.keys():\n"
        "            self.x = 1\n"),
    (4, "class A(object):\n    def f(self):\n        ns = vars(self)\n        for k in ns.keys():\n"
        "            delattr(self, k)\n"),
])
def test_other_spellings_of_the_rules_are_lists(line, code):
    assert [found for found in _findings(code) if found[1].startswith("dict-")] == [
        (line, "dict-keys-not-iterating", True)]

"""tryout10 #5: a dict's keys()/values()/items() iterated by a comprehension, generator expression or map/filter whose
element, condition or function changes the dict (`[d.pop(k) for k in d.keys()]`, `map(d.pop, d.keys())`): Python 2
iterated a list, Python 3's view raises RuntimeError. list(d.keys()) as for a for loop whose body changes the dict
(rules/py3k/consumers.py). And a map/filter read by a comprehension changing the list it reads (the addendum)."""
from __future__ import annotations

import sys

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, python27
from tests.fix.test_runtime_behaviour import _run

VIEWS = """from __future__ import print_function
def mk():
    return {1: 'a', 2: 'b', 3: 'c'}
def drop(k):
    d.pop(k)
d = mk()
print([d.pop(k) for k in d.keys()], d)
d = mk()
print(any(d.pop(k) is None for k in d.keys()), d)
d = mk()
print(list(map(d.pop, d.keys())), d)
d = mk()
print(list(filter(lambda k: d.pop(k, 0), d.keys())), d)
d = mk()
print(sorted(d.pop(k) for k in d.keys()), d)
d = mk()
print(sorted(set(d.setdefault(k + 10, k) for k in d.keys())), len(d))
d = mk()
print(sum(1 for k in d.keys() if d.pop(k)), d)
d = mk()
print(sorted({k: d.pop(k) for k in d.keys()}.items()))
d = mk()
print(sorted(zip(d.keys(), [d.pop(k) for k in list(d)])))
d = mk()
print(sorted(v for k, v in d.items() if d.pop(k)), d)
d = mk()
print(list(map(drop, d.keys())), d)
"""


def _findings(code: str) -> list:
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    return [(f.line, f.symbol, f.fixable) for f in found if "not-iterating" in f.symbol]


def test_a_view_a_comprehension_or_map_changes_per_item_is_reported_fixable():
    views = [(line, symbol) for line, symbol, fixable in _findings(VIEWS) if fixable and "dict-" in symbol]
    assert views == [(7, "dict-keys-not-iterating"), (9, "dict-keys-not-iterating"),
                     (11, "dict-keys-not-iterating"), (13, "dict-keys-not-iterating"),
                     (15, "dict-keys-not-iterating"), (17, "dict-keys-not-iterating"),
                     (19, "dict-keys-not-iterating"), (21, "dict-keys-not-iterating"),
                     (23, "dict-keys-not-iterating"), (25, "dict-items-not-iterating"),
                     (27, "dict-keys-not-iterating")]


@pytest.mark.parametrize("code", [
    "d = {1: 2}\nx = [d[k] for k in d.keys()]\n",  # only read
    "d = {1: 2}\nx = list(map(d.get, d.keys()))\n",
    "d = {1: 2}\ne = {}\nx = [e.pop(k, 0) for k in d.keys()]\n",  # another dict changed
    "d = {1: 2}\nx = any(k > 1 for k in d.keys())\n",
])
def test_a_view_only_read_per_item_stays_a_view(code):
    assert _findings(code) == []


def test_the_fixed_views_run_as_python2_ran_them_on_both_pythons(tmp_path):
    result = engine.fix_bytes(str(tmp_path / "m.py"), VIEWS.encode(), everything())
    fixed = result.new.decode()
    assert fixed.count("list(d.keys())") == 10 and "list(d.items())" in fixed
    before = _run(python27(), VIEWS, tmp_path)
    assert before[0] == 0 and before[1].count("\n") == 11
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before
    assert _run(sys.executable, VIEWS, tmp_path)[0] != 0  # RuntimeError: dictionary changed size during iteration


LAZY = """from __future__ import print_function
ys = [1, 2]
r = [ys.append(y) for y in filter(None, ys) if len(ys) < 20]
zs = [1, 2]
s = sum(1 for z in map(abs, zs) if zs.append(z) is None and len(zs) < 20)
ws = set([1, 2])
t = any(ws.add(w * 10) for w in filter(None, ws))
print(len(ys), len(zs), t, len(ws))
"""


def test_a_map_or_filter_a_comprehension_changes_the_list_of_is_a_list(tmp_path):
    result = engine.fix_bytes(str(tmp_path / "m.py"), LAZY.encode(), everything())
    fixed = result.new.decode()
    assert "in list(filter(None, ys))" in fixed and "in list(map(abs, zs))" in fixed
    assert "in list(filter(None, ws))" in fixed
    before = _run(python27(), LAZY, tmp_path)
    assert before == (0, "4 4 False 4\n")
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before


ALIASED = """from __future__ import print_function
def mk():
    return dict.fromkeys('abc', 1)
def pop_all(x, k):
    x.pop(k)
def c2():
    d = mk(); e = d; return [e.pop(k) for k in d.keys()]
def c5():
    d = mk()
    def rm(k): del d[k]
    return [rm(k) for k in d.keys()]
def c6():
    d = mk()
    rm = lambda k: d.pop(k)
    return sorted(rm(k) for k in d.keys())
def c7():
    d = mk(); e = d
    return [pop_all(e, k) for k in d.keys()]
def c8():
    d = mk(); e = d
    for k in d.keys():
        e.pop(k)
    return d
print(c2(), c5(), c6(), c7(), c8())
"""


def test_a_view_changed_through_an_alias_or_a_local_function_is_a_list(tmp_path):
    """tryout11 #4: the dict changed per item through another name bound to it (`e = d`), a function nested in the
    function (closing over d), a lambda, or a function of the module handed the alias: Python 2's list is kept."""
    views = [line for line, symbol, fixable in _findings(ALIASED) if fixable and "dict-" in symbol]
    assert views == [7, 11, 15, 18, 21]
    result = engine.fix_bytes(str(tmp_path / "m.py"), ALIASED.encode(), everything())
    fixed = result.new.decode()
    assert fixed.count("list(d.keys())") == 5
    before = _run(python27(), ALIASED, tmp_path)
    assert before == (0, "[1, 1, 1] [None, None, None] [1, 1, 1] [None, None, None] {}\n")
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before
    assert _run(sys.executable, ALIASED, tmp_path)[0] != 0


REACHED = """from __future__ import print_function
def mk():
    return dict.fromkeys('abc', 1)
class Box(object):
    def __init__(self, d): self.d = d
    def rm(self, k): return self.d.pop(k)
def c2():
    d = mk(); e, f = d, 1; return [e.pop(k) for k in d.keys()]
def c3():
    d = mk(); b = Box(d); return [b.rm(k) for k in d.keys()]
def c6():
    d = mk(); l = [d]; return [l[0].pop(k) for k in d.keys()]
def c10():
    d = mk(); return [dict.pop(d, k) for k in d.keys()]
def c11():
    d = mk(); pop = d.pop; return [pop(k) for k in d.keys()]
def c13():
    d = mk(); b = Box(d)
    for k, v in d.items():
        b.rm(k)
    return len(d)
def c14():
    d = mk(); fs = [lambda k: d.pop(k)]
    return sorted(fs[0](k) for k in d.keys())
def c15():
    d = mk(); [e] = [d]
    for k in d.keys():
        del e[k]
    return len(d)
def c16():
    d = mk(); return sorted(getattr(d, 'popitem')() for v in d.values())
print(c2(), c3(), c6(), c10(), c11(), c13(), c14(), c15(), c16())
"""


def test_a_view_the_loop_may_reach_through_any_name_is_a_list(tmp_path):
    """tryout12 #5: the dict changed per item through a tuple-unpacked alias, an object or a list holding it, a bound
    method taken first (by name or getattr), `dict.pop(d, k)`, a lambda kept in a list: Python 2's list is kept
    (list(d.keys()) is what Python 2 ran), reported fixable by check."""
    views = [line for line, symbol, fixable in _findings(REACHED) if fixable and "dict-" in symbol]
    assert views == [8, 10, 12, 14, 16, 19, 24, 27, 31]
    result = engine.fix_bytes(str(tmp_path / "m.py"), REACHED.encode(), everything())
    fixed = result.new.decode()
    assert fixed.count("in list(d.") == 9
    before = _run(python27(), REACHED, tmp_path)
    assert before == (0, "[1, 1, 1] [1, 1, 1] [1, 1, 1] [1, 1, 1] [1, 1, 1] 0 [1, 1, 1] 0"
                         " [('a', 1), ('b', 1), ('c', 1)]\n")
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before
    assert _run(sys.executable, REACHED, tmp_path)[0] != 0  # RuntimeError: dictionary changed size during iteration


@pytest.mark.parametrize("code", [
    "def f():\n    d = {1: 2}; e, g = d, 1\n    return [e[k] for k in d.keys()]\n",  # an alias only read
    "def f():\n    d = {1: 2}; get = d.get\n    return [get(k) for k in d.keys()]\n",  # a reading bound method
    "def f(o):\n    d = {1: 2}\n    return [o.g(k, len(d), d[k], k in d) for k in d.keys()]\n",  # d only read
    "def f(o):\n    d = {1: 2}\n    o.g(**d)\n    return [o.h(k) for k in d.keys()]\n",  # **d: a copy handed
    "def f(log):\n    d = {1: 2}\n    for k in d.keys():\n        log.debug('%s %s', k, d[k])\n",
    "def f(o):\n    d = {1: 2}; e = {}; o.keep(e)\n    return [o.h(k) for k in d.keys()]\n",  # another dict handed
    "def f(o, x):\n    d = {1: 2}\n    if x and d:\n        o.log('%s %s' % (x, d))\n"
    "    return [o.h(k) for k in d.keys()]\n",  # tested, formatted
])
def test_a_view_the_loop_cannot_reach_stays_a_view(code):
    assert _findings(code) == []


# DIRAC 7.2.0 shapes where pylint 1.9.5 is silent and Python 3 runs as Python 2 did: the dict handed to an object's
# method, or stored on one, is followed no further (m12views' "the dict escaped, then any call" reported 88 of them)
DIRAC_VIEWS = [
    # Core/Utilities/Graph.py:94: a parameter rebound to itself or {} after an isinstance test
    "class N(object):\n  def __init__(self, rwAttrs=None):\n    self.makeProperty('name', 1)\n"
    "    rwAttrs = rwAttrs if isinstance(rwAttrs, dict) else {}\n    for attr, value in rwAttrs.items():\n"
    "      self.makeProperty(attr, value, False)\n",
    # DataManagementSystem/Agent/RequestOperations/RemoveFile.py:164: handed to a method first, its result read
    "def f(self, toRemoveDict, se):\n  bulkRemoval = self.bulkRemoval(toRemoveDict, se)\n"
    "  for lfn, opFile in toRemoveDict.items():\n    opFile.Error = bulkRemoval['Failed'].get(lfn, '')\n"
    "    self.log.info(lfn)\n",
    # Core/Utilities/JEncode.py:153: an item popped first (the item is no holder of the dict)
    "def f(dataDict, importlib):\n  modName = dataDict.pop('__dMod')\n  obj = importlib.import_module(modName).C()\n"
    "  for attrName, attrValue in dataDict.items():\n    setattr(obj, attrName, attrValue)\n",
    # Resources/ProxyProvider/DIRACCAProxyProvider.py:88: stored on self after the loop
    "def f(self, parameters):\n  for k, v in parameters.items():\n    self.check(k, v)\n"
    "  self.parameters = parameters\n",
    # Interfaces/API/Job.py:855: a dict holding it handed to a method by **
    "def f(self, env):\n  kwargs = {'environmentDict': env}\n  for var, val in env.items():\n"
    "    self._reportError('bad', **kwargs)\n",
    # RequestManagementSystem/private/OperationHandlerBase.py:105, RequestDB.py:568: eval of code check cannot read
    "def f(opts):\n  for option, value in opts.items():\n    value = eval(value)\n",
    # Core/Utilities/test/Test_Encode.py:104: a module-level loop looking a name up in globals()
    "from m import funcs\nfor func in funcs.values():\n  globals()['test_%s' % func.__name__]\n",
    # a module-level loop reading another attribute of the module object
    "import sys\nme = sys.modules[__name__]\nd = {1: 2}\nfor k in d.keys():\n  me.log(k)\n",
]


@pytest.mark.parametrize("code", DIRAC_VIEWS)
def test_a_loop_pylint_leaves_on_dirac_stays_a_view(code):
    assert _findings(code) == []


MODULE_SELF = """from __future__ import print_function
import sys
d1 = {1: 1, 2: 2}
for k in d1.keys():
    del globals()['d1'][k]
d2 = {1: 1, 2: 2}
g = globals()
for k in d2.keys():
    g['d2'].pop(k)
d3 = {1: 1, 2: 2}
for k in d3.keys():
    del sys.modules[__name__].d3[k]
d4 = {1: 1, 2: 2}
me = sys.modules[__name__]
def f():
    for k in d4.keys():
        me.d4.pop(k)
f()
d5 = {1: 1, 2: 2}
def h():
    for k, v in d5.items():
        vars(me)['d5'].pop(k)
h()
d6 = {1: 1, 2: 2}
for k in d6.keys():
    sys.modules.get(__name__).__dict__['d6'].pop(k)
print(d1, d2, d3, d4, d5, d6)
"""


def test_a_module_dict_changed_through_globals_or_the_module_object_is_a_list(tmp_path):
    """tryout15 #3: a loop over a module-level dict's view whose body changes it through a name bound to globals()
    (`g['d2'].pop(k)`) or to the module object (`me = sys.modules[__name__]`), or through `sys.modules[...]` itself:
    list(), as for globals() called in the body; Python 2 unchanged, Python 3 no RuntimeError."""
    views = [line for line, symbol, fixable in _findings(MODULE_SELF) if fixable and "dict-" in symbol]
    assert views == [4, 8, 11, 16, 21, 25]
    fixed = engine.fix_bytes(str(tmp_path / "m.py"), MODULE_SELF.encode(), everything()).new.decode()
    assert fixed.count("in list(d") == 6
    before = _run(python27(), MODULE_SELF, tmp_path)
    assert before == (0, "{} {} {} {} {} {}\n")
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before
    assert _run(sys.executable, MODULE_SELF, tmp_path)[0] != 0  # RuntimeError: dictionary changed size


@pytest.mark.parametrize("code", [
    # a function's own dict: globals() or the module object cannot reach it
    "import sys\nme = sys.modules[__name__]\ndef f():\n    d = {1: 2}\n    for k in d.keys():\n        me.d.pop(k)\n",
    "g = globals()\ndef f():\n    d = {1: 2}\n    for k in d.keys():\n        g['d'].pop(k)\n",
    "def f():\n    d = {1: 2}\n    for k in d.keys():\n        globals()['d'].pop(k)\n",
    # the namespace only formatted
    "def f(log):\n    d = {1: 2}\n    for k, v in d.items():\n        log('%(k)s=%(v)s' % vars())\n"
    "        log('{k}={v}'.format(**locals()))\n",
    # another name of the module's namespace
    "g = globals()\nd = {1: 2}\nfor k in d.keys():\n    g['other'].pop(k)\n",
])
def test_the_module_namespace_not_reaching_the_dict_leaves_a_view(code):
    assert _findings(code) == []

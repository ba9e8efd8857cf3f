"""tryout18 #11, #15, #20, #21, #22, #26: loops over a dict's view whose body changes the dict by a way
dict_reach.py (and runtime.py's DM137) did not read:
- #20: the loop's own key rebound in the body before `setattr(o, k, ...)` (`k = k.upper()`, `k += '_old'`, an inner
  for over it): no longer the Twisted rebuild.py exemption;
- #11: the namespace changed through its other spelling (`vars(o).pop(k)` over `o.__dict__`) or by
  `o.__setattr__(...)` / `object.__setattr__(o, ...)`;
- #15: a changing method of the dict taken before the loop (`pop = self.d.pop`), `self.__dict__['d'].pop(k)`;
- #26: a module-level loop over `g = globals()` (the loop's own target, a with/except target bind globals);
- #21, #22: another module's dict reached through a star import or an explicit relative import (DM179, left)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from diracmod.check import engine as check_engine
from diracmod.source import reader

from tests.fix.helpers import fixed_in_place, python2_output
from tests.fix.test_views_reached_elsewhere import _findings, _python3_output

V = """class O(object):
    pass
def mk():
    o = O()
    o.x, o.y = 1, 2
    return o
def a():
    o = mk()
    for k in o.__dict__.keys():
        k = k.upper()
        setattr(o, k, 0)
    return sorted(vars(o))
def b():
    o = mk()
    for k, v in vars(o).items():
        k += '_old'
        setattr(o, k, v)
    return sorted(vars(o))
def c():
    o = mk()
    for k in vars(o).keys():
        for k in (k, k * 2):
            setattr(o, k, 1)
    return sorted(vars(o))
def d():
    o = mk()
    for k in vars(o).keys():
        o.__setattr__('z' + k, 1)
    return sorted(vars(o))
def e():
    o = mk()
    for k in vars(o).keys():
        object.__setattr__(o, k * 2, 1)
    return sorted(vars(o))
def g():
    o = mk()
    for k in o.__dict__.keys():
        vars(o).pop(k)
    return sorted(vars(o))
class H(object):
    def __init__(self):
        self.d = {'x': 1, 'y': 2}
    def c(self):
        for k, v in self.d.items():
            self.__dict__['d'].pop(k)
        return self.d
    def e(self):
        pop = self.d.pop
        for k in self.d.keys():
            pop(k)
        return self.d
"""

M4 = """XA = 1
found = []
g = globals()
for n in g.keys():
    found.append(n)
"""

M5 = """XA = 1
n = e = None
found = []
g = globals()
for n in g.keys():
    try:
        found.append(n)
    except Exception as e:
        pass
    with open(__file__) as fh:
        pass
"""

MAIN = """import v, m4, m5
print(repr((v.a(), v.b(), v.c(), v.d(), v.e(), v.g(), v.H().c(), v.H().e(), 'XA' in m4.found, 'XA' in m5.found)))
"""


def test_views_changed_by_rebound_keys_other_spellings_and_bound_methods_are_lists(tmp_path):
    """check reports each loop fixable, fix lists it; python2.7 prints the same before and after, Python 3 runs the
    fixed modules without RuntimeError."""
    assert [line for line, _symbol, fixable in _findings(V) if fixable] == [9, 15, 21, 27, 32, 37, 44, 49]
    for name, text in {"v.py": V, "m4.py": M4, "m5.py": M5, "main.py": MAIN}.items():
        (tmp_path / name).write_text(text)
    assert _python3_output(tmp_path)[0] != 0  # RuntimeError: dictionary changed size during iteration
    before = python2_output(tmp_path, "main.py")
    assert before == ("(['X', 'Y', 'x', 'y'], ['x', 'x_old', 'y', 'y_old'], ['x', 'xx', 'y', 'yy'],"
                      " ['x', 'y', 'zx', 'zy'], ['x', 'xx', 'y', 'yy'], [], {}, {}, True, True)\n")
    assert fixed_in_place(tmp_path / "v.py").count(" in list(") == 8
    assert fixed_in_place(tmp_path / "m4.py").count(" in list(g.keys())") == 1
    assert fixed_in_place(tmp_path / "m5.py").count(" in list(g.keys())") == 1
    assert python2_output(tmp_path, "main.py") == before
    assert _python3_output(tmp_path) == (0, before)


def test_a_module_name_rebound_before_setattr_is_not_the_own_key():
    """#20 e: `name = name[1:]` then `setattr(mod, name, 1)` over `vars(mod).keys()`: list() needed, left as
    builtin-name-unsure (the setattr may bind `list` itself); before the mend, nothing (the view kept)."""
    code = ("import sys\ndef e():\n    mod = sys.modules[__name__]\n    for name in vars(mod).keys():\n"
            "        name = name[1:]\n        setattr(mod, name, 1)\n")
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    assert [(f.line, f.symbol) for f in found if f.line == 4] == [(4, "builtin-name-unsure")]


@pytest.mark.parametrize("code", [
    "from cache import *\ndef a():\n    for k in CACHE.keys():\n        evict(k)\n",  # 21
    "from . import cache as c\ndef a():\n    for k in c.CACHE.keys():\n        c.evict(k)\n",  # 22
    "from . import cache\ndef a():\n    for k in cache.CACHE.keys():\n        cache.evict(k)\n",
    "from .cache import CACHE, evict\ndef a():\n    for k in CACHE.keys():\n        evict(k)\n",
])
def test_another_modules_dict_through_star_or_relative_imports_is_reported(code):
    assert _findings(code) == [(3, "dict-not-iterating-class-defined", False)]


@pytest.mark.parametrize("code", [
    # the own key not rebound: the Twisted rebuild.py exemption stays
    "def f(o):\n    for k in vars(o).keys():\n        o.__setattr__(k, None)\n        v = k.upper()\n",
    "def f(o):\n    for k in o.__dict__.keys():\n        vars(o)[k] = None\n",
    # another object's namespace, another attribute's dict
    "def f(o, p):\n    for k in o.__dict__.keys():\n        vars(p).pop(k)\n",
    "class H(object):\n    def f(self):\n        pop = self.e.pop\n        for k in self.d.keys():\n"
    "            pop(k)\n",
    "class H(object):\n    def f(self):\n        for k in self.d.keys():\n            self.__dict__['e'].pop(k)\n",
    # star import, the name bound by the module itself; a standard library star import
    "from cache import *\nCACHE = {}\ndef evict(k):\n    pass\ndef a():\n    for k in CACHE.keys():\n"
    "        print(k)\n",
    "from os.path import *\ndef a(d):\n    for k in d.keys():\n        join(k)\n",
])
def test_views_those_ways_do_not_reach_stay_views(code):
    assert _findings(code) == []


def test_another_modules_dict_stays_dm179_after_fix_makes_the_import_explicit_relative(tmp_path):
    """#22: `import cache as c` in a package is rewritten `from . import cache as c` (W1618); a second check reports
    the same DM179 as the first (before the mend: the loop was no longer seen)."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "cache.py").write_text("CACHE = {1: 'a', 2: 'b'}\ndef evict(k):\n    del CACHE[k]\n")
    (package / "user.py").write_text("import cache as c\ndef u1():\n    for k in c.CACHE.keys():\n"
                                     "        c.evict(k)\n    return c.CACHE\n")

    def dm179() -> list:
        proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--no-baseline", "--select",
                               "DM179", "pkg/user.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        return [line.split(" [")[0] for line in proc.stdout.splitlines() if "DM179" in line]

    assert dm179() == ["pkg/user.py:3:"]
    assert "from . import cache as c" in fixed_in_place(package / "user.py")
    assert dm179() == ["pkg/user.py:7:"]  # the future imports (and a blank line) added above it

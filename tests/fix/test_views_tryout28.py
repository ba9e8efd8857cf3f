"""tryout28 #14: a for loop over a dict's view whose body yields (`for k in d.keys(): ... yield k` in a generator):
while the generator is suspended at the yield, its consumer may change the dict (`for k in expired(cache): del
cache[k]`). Python 2 iterated a list; Python 3's view raises RuntimeError. Reported as a loop whose body changes
the dict (dict-*-not-iterating), fixed to list(...). Each: python2.7 -B prints the same before and after fix,
Python 3 runs the fixed code without RuntimeError."""
from __future__ import annotations

import pytest

from diracmod.check import engine as check_engine
from diracmod.source import reader

from tests.fix.helpers import fix_unsafe, fixed_in_place, project_dir, py3k_findings, python2_output, python3_output

GENERATORS = """cache = {"a": 1, "b": 5, "c": 0}


def expired(d, now):
    for k in d.keys():
        if d[k] < now:
            yield k


def expired_items(d, now):
    for k, v in d.items():
        if v < now:
            yield k


class Cache(object):
    def __init__(self):
        self.data = {"x": 1, "y": 7, "z": 0}

    def stale(self):
        for value in self.data.values():
            if value < 2:
                yield value


for k in expired(cache, 2):
    del cache[k]
other = {"a": 1, "b": 5, "c": 0}
for k in expired_items(other, 2):
    other.pop(k)
c = Cache()
for v in c.stale():
    c.data.pop([k for k in sorted(c.data) if c.data[k] == v][0])
print(sorted(cache), sorted(other), sorted(c.data))
"""


def _views(code: str) -> list:
    """(line, symbol, fixable) of check's view findings of `code`, which it reads without an internal error."""
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    assert "internal-error" not in {f.symbol for f in found}
    return [(f.line, f.symbol, f.fixable) for f in found if "not-iterating" in f.symbol]


def test_a_loop_over_a_view_whose_body_yields_is_a_list(tmp_path):
    """#14: check reports the three loops fixable, fix lists their views; python2.7 -B prints the same before and
    after, Python 3 runs the fixed module as Python 2 did (before the fix: RuntimeError)."""
    assert _views(GENERATORS) == [(5, "dict-keys-not-iterating", True), (11, "dict-items-not-iterating", True),
                                  (21, "dict-values-not-iterating", True)]
    (tmp_path / "g.py").write_text(GENERATORS)
    before = python2_output(tmp_path, "g.py")
    assert before == "(['b'], ['b'], ['y'])\n"
    assert "RuntimeError" in python3_output(tmp_path, "g.py")[1]
    fixed = fixed_in_place(tmp_path / "g.py")
    assert fixed.count(" in list(") == 3, fixed
    assert python2_output(tmp_path, "g.py") == before
    assert python3_output(tmp_path, "g.py") == (0, before)


@pytest.mark.parametrize("code", [
    # the yield is a nested generator's, not the loop's
    "def f(d):\n    for k in d.keys():\n        def g():\n            yield k\n",
    "def f(d):\n    for k in d.keys():\n        g = lambda: (yield k)\n",
    # the yield after the loop, or in its else: the view is iterated through by then
    "def f(d):\n    for k in d.keys():\n        pass\n    else:\n        yield 1\n    yield 2\n",
])
def test_a_yield_not_run_in_the_loop_keeps_the_view(code):
    assert _views(code) == []


REGISTRY = {
    "lib/__init__.py": "",
    "lib/utils.py": """class Registry(object):
    def __init__(self):
        self.items = {"a": 1, "b": None}

    def drop(self, k):
        self.items.pop(k)

    def show(self, k):
        return self.items[k]
""",
    "lib/main.py": """from lib.utils import Registry
from . import utils


def go():
    r = Registry()
    for k in r.items.keys():
        r.drop(k)
    s = utils.Registry()
    s.items["c"] = 3
    for k, v in s.items.items():
        s.drop(k)
    t = Registry()
    for k in t.items.keys():
        t.show(k)
    print(sorted(r.items), sorted(s.items), sorted(t.items))
""",
    "run.py": "from lib.main import go\ngo()\n",
}


def test_a_loop_calling_a_method_of_a_sibling_modules_class_changing_the_dict_is_a_list(
        tmp_path, monkeypatch, capsys):
    """#7: `r.drop(k)` over `r.items.keys()`, `r = Registry()` of lib/utils.py (by an absolute or a relative
    import), whose drop pops from self.items: reported fixable and listed, as with the class in the module itself;
    show only reads: the view stays. python2.7 -B prints the same before and after fix, Python 3 runs the fixed
    project (before the fix: RuntimeError)."""
    root = project_dir(tmp_path, monkeypatch, REGISTRY)
    views = [(row["line"], row["symbol"], row["fixable"]) for row in py3k_findings(capsys, root / "lib")
             if "not-iterating" in row["symbol"]]
    assert views == [(7, "dict-keys-not-iterating", True), (11, "dict-items-not-iterating", True)]
    before = python2_output(root, "run.py")
    assert before == "([], [], ['a', 'b'])\n"
    assert "RuntimeError" in python3_output(root, "run.py")[1]
    fix_unsafe(root, "lib")
    assert (root / "lib/main.py").read_text().count(" in list(") == 2
    assert python2_output(root, "run.py") == before
    assert python3_output(root, "run.py") == (0, before)


MIXIN = """class ExpiryMixin{mixin_bases}:
    def expire(self, k):
        del self.entries[k]


class Middle(ExpiryMixin):
    pass


class Registry({bases}):
    def __init__(self):
        self.entries = {{"a": 1, "b": 2, "c": 3}}

    def purge(self):
        for k in self.entries.keys():
            if k != "b":
                self.expire(k)
        return sorted(self.entries)


print(Registry().purge())
"""


@pytest.mark.parametrize("mixin_bases", ["(object)", ""])
@pytest.mark.parametrize("bases", ["ExpiryMixin", "Middle", "Middle, ExpiryMixin"])
def test_a_loop_calling_an_inherited_method_of_the_module_changing_the_dict_is_a_list(tmp_path, mixin_bases, bases):
    """tryout29 #5: `self.expire(k)` over `self.entries.keys()`, expire inherited from a (new-style or classic)
    base of the module, directly or through another, deletes from self.entries: reported fixable and listed, as
    when the class defines it. python2.7 -B prints the same before and after fix, Python 3 runs the fixed module
    (before the fix: RuntimeError)."""
    code = MIXIN.format(mixin_bases=mixin_bases, bases=bases)
    assert _views(code) == [(15, "dict-keys-not-iterating", True)]
    (tmp_path / "reg.py").write_text(code)
    before = python2_output(tmp_path, "reg.py")
    assert before == "['b']\n"
    assert "RuntimeError" in python3_output(tmp_path, "reg.py")[1]
    assert fixed_in_place(tmp_path / "reg.py").count(" in list(self.entries.keys())") == 1
    assert python2_output(tmp_path, "reg.py") == before
    assert python3_output(tmp_path, "reg.py") == (0, before)


@pytest.mark.parametrize("code", [
    # the class's own expire, which only reads, is the one self.expire calls
    MIXIN.format(mixin_bases="", bases="Middle").replace(
        "    def purge", "    def expire(self, k):\n        return self.entries[k]\n\n    def purge"),
    # the inherited expire changes another dict
    MIXIN.format(mixin_bases="", bases="Middle").replace("del self.entries[k]", "del self.others[k]"),
])
def test_an_inherited_method_not_changing_the_dict_keeps_the_view(code):
    assert _views(code) == []


PURGE = """    def __init__(self):
        self.entries = {"a": 1, "b": 2, "c": 3}

    def purge(self):
        for k in self.entries.keys():
            if k != "b":
                self.expire(k)
        return sorted(self.entries)
"""
INHERITED = {
    "lib/__init__.py": "",
    "lib/utils.py": MIXIN[:MIXIN.index("class Registry")].format(mixin_bases=""),
    "lib/main.py": f"""from lib.utils import ExpiryMixin
from . import utils


class Registry(ExpiryMixin):
{PURGE}

class Derived(utils.ExpiryMixin):
{PURGE}

def go():
    print(Registry().purge(), Derived().purge())
""",
    "run.py": "from lib.main import go\ngo()\n",
}


def test_a_loop_calling_a_method_inherited_from_a_sibling_modules_class_changing_the_dict_is_a_list(
        tmp_path, monkeypatch, capsys):
    """tryout29 #5: `self.expire(k)` over `self.entries.keys()` where the class's base, of lib/utils.py (imported
    absolutely or relatively), defines expire deleting from self.entries (the project index's changers): reported
    fixable and listed. python2.7 -B prints the same before and after fix, Python 3 runs the fixed project (before
    the fix: RuntimeError)."""
    root = project_dir(tmp_path, monkeypatch, INHERITED)
    views = [(row["line"], row["symbol"], row["fixable"]) for row in py3k_findings(capsys, root / "lib")
             if "not-iterating" in row["symbol"]]
    assert views == [(10, "dict-keys-not-iterating", True), (21, "dict-keys-not-iterating", True)]
    before = python2_output(root, "run.py")
    assert before == "(['b'], ['b'])\n"
    assert "RuntimeError" in python3_output(root, "run.py")[1]
    fix_unsafe(root, "lib")
    assert (root / "lib/main.py").read_text().count(" in list(") == 2
    assert python2_output(root, "run.py") == before
    assert python3_output(root, "run.py") == (0, before)


HELPER = """class Cleaner(object):
    def __init__(self, owner):
        self.owner = owner

    def drop(self, k):
        del self.owner.cache[k]


class Holder(object):
    def __init__(self):
        self.cache = {"a": 1, "b": 2}
        self.cl = Cleaner(self)

    def purge(self):
        for k in self.cache.keys():
            self.cl.drop(k)
        return sorted(self.cache)


print(Holder().purge())
"""


def test_a_loop_calling_a_method_of_an_object_handed_self_changing_the_dict_is_a_list(tmp_path):
    """tryout29 #5: `self.cl.drop(k)` over `self.cache.keys()`, where the class binds `self.cl` to an object it
    hands itself (`Cleaner(self)`) and a class of the module's drop deletes from `self.owner.cache`: reported
    fixable and listed. python2.7 -B prints the same before and after fix, Python 3 runs the fixed module (before
    the fix: RuntimeError)."""
    assert _views(HELPER) == [(15, "dict-keys-not-iterating", True)]
    (tmp_path / "h.py").write_text(HELPER)
    before = python2_output(tmp_path, "h.py")
    assert before == "[]\n"
    assert "RuntimeError" in python3_output(tmp_path, "h.py")[1]
    assert fixed_in_place(tmp_path / "h.py").count(" in list(self.cache.keys())") == 1
    assert python2_output(tmp_path, "h.py") == before
    assert python3_output(tmp_path, "h.py") == (0, before)


@pytest.mark.parametrize("code", [
    # the object is not handed self: its owner is another object
    HELPER.replace("Cleaner(self)", "Cleaner({})"),
    # drop changes another dict of the owner
    HELPER.replace("del self.owner.cache[k]", "del self.owner.other[k]"),
    # a call of what a call returns (no internal error)
    HELPER.replace("self.cl.drop(k)", "self.dropper()(k)"),
])
def test_a_method_of_a_held_object_not_changing_the_dict_keeps_the_view(code):
    assert _views(code) == []

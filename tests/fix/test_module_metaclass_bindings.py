"""tryout7 #22: `diracmod fix --unsafe` gave `class A:` the `object` base (old-style-class, DM106) in modules whose
`__metaclass__` is bound otherwise than by an assignment or a `from` import of that name: a star import from a
module listing it in `__all__`, a for loop's target, `vars()["__metaclass__"] = M`, `setattr(sys.modules[__name__],
"__metaclass__", M)`. Python 2 then built the class with type instead of M. Now check reports no fixable
old-style-class there (DM195 for the for loop, whose binding is certain; old-style-class-metaclass-unsure, DM124,
for a binding it cannot see) and fix leaves the class: python2.7 builds it with M before and after the fix."""
from __future__ import annotations

import pytest

from diracmod.core import catalogue
from diracmod.fix import engine
from tests.fix.helpers import everything, python27
from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_next_receivers import _run
from tests.fix.test_runtime_behaviour import _run as run

_META = {"meta": "__all__ = ['M', '__metaclass__']\n\n\nclass M(type):\n    def __new__(m, name, bases, ns):\n"
                 "        ns['tagged'] = True\n        return type.__new__(m, name, bases, ns)\n\n\n"
                 "__metaclass__ = M\n"}
_CLASS = "\n\nclass A:\n    pass\n\n\nprint(getattr(A, 'tagged', False))\n"

# name -> (the binding, the symbol reported for it, on its line)
BINDINGS = {
    "a star import": ("from meta import *\n", ("old-style-class-metaclass-unsure", 4)),
    "a for loop's target": ("from meta import M\nfor __metaclass__ in [M]:\n    pass\n",
                            ("module-metaclass-assignment", 2)),
    "a write through vars()": ("from meta import M\nvars()['__metaclass__'] = M\n",
                               ("old-style-class-metaclass-unsure", 5)),
    "setattr of the module in sys.modules": ("import sys\nfrom meta import M\n"
                                             "setattr(sys.modules[__name__], '__metaclass__', M)\n",
                                             ("old-style-class-metaclass-unsure", 6)),
    "globals().update": ("from meta import M\nglobals().update(__metaclass__=M)\n",
                         ("old-style-class-metaclass-unsure", 5)),
}


@pytest.mark.parametrize("name", sorted(BINDINGS))
def test_a_class_without_bases_keeps_the_modules_metaclass_on_python2(name, tmp_path):
    binding, (symbol, line) = BINDINGS[name]
    code = binding + _CLASS
    found = findings(code)
    assert [(f.symbol, f.line) for f in found if "metaclass" in f.symbol or f.symbol == "old-style-class"] == [
        (symbol, line)]
    assert not catalogue.load()[symbol].fixable  # not even under --unsafe, as old-style-class is
    fixed = fix(code)[0]
    assert "class A:" in fixed
    before = _run(python27(), {"m": code, **_META}, tmp_path)
    assert before == "True\n"  # what `(object)` lost: A built by M
    assert _run(python27(), {"m": fixed, **_META}, tmp_path) == before


def test_a_star_import_of_the_standard_library_leaves_old_style_class_fixable():
    code = "from os.path import *\n" + _CLASS
    assert [f.symbol for f in findings(code) if f.symbol.startswith("old-style-class")] == ["old-style-class"]
    assert "class A(object):" in fix(code)[0]


def test_a_class_metaclass_in_a_module_binding_one_is_built_once(tmp_path):
    # tryout9 #4: `class B:` with its own __metaclass__ in a module binding __metaclass__: @six.add_metaclass(M)
    # would rebuild the class the module's metaclass built first, filling the registry twice on Python 2
    code = ("registry = []\nclass Meta(type):\n    def __new__(m, name, bases, d):\n        registry.append(name)\n"
            "        return type.__new__(m, name, bases, d)\n__metaclass__ = Meta\nclass A:\n    pass\n"
            "class B:\n    __metaclass__ = Meta\n    x = 1\nprint registry, type(A).__name__, type(B).__name__\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "add_metaclass" not in fixed and "metaclass-assignment-with-base" in [f.symbol for f in result.left]
    before = run(python27(), code, tmp_path)
    assert before == (0, "['A', 'B'] Meta Meta\n")
    assert run(python27(), fixed, tmp_path) == before

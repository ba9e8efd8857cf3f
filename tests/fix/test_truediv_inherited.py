"""tryout8 #7: `__truediv__ = __div__` (`__rtruediv__`, `__itruediv__`) added to a class whose base has a
`__truediv__` of its own: under true division Python 2 called the inherited one (div-method-truediv-inherited).
Each run under python2.7 before and after `fix`."""
from __future__ import annotations

from diracmod.check import engine as check_engine
from tests.fix.test_py2_order_and_division import _fix, agree


# tryout8 #7 (cases 31, 32): the subclass's `/` under true division is the inherited __truediv__ on Python 2
INHERITED = ("from __future__ import division\nimport fractions\n"
             "class Num(object):\n    def __init__(self, n): self.n = n\n"
             "    def __div__(self, o): return ('floor', self.n // o)\n"
             "    def __truediv__(self, o): return ('true', self.n / o)\n"
             "    def __rtruediv__(self, o): return ('rtrue',)\n    def __rdiv__(self, o): return ('rdiv',)\n"
             "class Logged(Num):\n    def __div__(self, o):\n        return ('logged',) + Num.__div__(self, o)\n"
             "    def __rdiv__(self, o): return ('logged rdiv',)\n"
             "class F(fractions.Fraction):\n    def __div__(self, o):\n        return 'mine'\n"
             "class I(int):\n    def __div__(self, o):\n        return 'int'\n"
             "class Own(object):\n    def __div__(self, o): return 'own'\n"
             "class InPlace(Num):\n    def __idiv__(self, o): return 'idiv'\n"
             "class OwnTrue(object):\n    def __truediv__(self, o): return 'own truediv'\n"
             "    def __idiv__(self, o): return 'own idiv'\n"
             "x, y = InPlace(7), OwnTrue()\nx /= 2\ny /= 2\n"
             "print Num(7) / 2, Logged(7) / 2, 2 / Logged(7), F(7) / 2, I(7) / 2, x, y\n")


def test_no_truediv_alias_where_a_base_may_have_its_own(tmp_path):
    fixed, left, out = _fix(INHERITED, tmp_path)
    # `/=` calls __truediv__ where no __itruediv__ is
    assert out == "('true', 3.5) ('true', 3.5) ('rtrue',) 7/2 3.5 ('true', 3.5) own truediv\n"
    assert fixed.count("__truediv__ = __div__") == 1  # Own's, whose base is object (its `/` raised TypeError on Python 2)
    assert "__rtruediv__ = __rdiv__" not in fixed and "__itruediv__" not in fixed
    assert left.count("div-method-truediv-inherited") == 6  # Logged's two, F's, I's, InPlace's, OwnTrue's
    assert left.count("div-method-name-taken") == 1 and left.count("rdiv-method-name-taken") == 1  # Num's


def test_bool_and_next_aliases_of_a_subclass_do_not_change_python2(tmp_path):
    # Python 2 never calls __bool__ nor __next__: the alias in a subclass of a base with them cannot change it
    code = ("class Base(object):\n    def __len__(self): return 3\n    def __bool__(self): return True\n"
            "    def __iter__(self): return self\n    def __next__(self): return 'base'\n"
            "class Sub(Base):\n    def __nonzero__(self): return False\n    def next(self): return 'sub'\n"
            "print bool(Sub()), next(Sub()), bool(Base())\n")
    fixed, left, out = _fix(code, tmp_path)
    assert out == "False sub True\n"
    assert "__bool__ = __nonzero__" in fixed and "__next__ = next" in fixed


def test_check_counts_fixable_only_what_fix_rewrites(tmp_path):
    agree(INHERITED, {"div-method-truediv-inherited"}, tmp_path)


def test_other_renamed_methods_of_a_class_with_an_imported_base_are_their_own_rules(tmp_path):
    # the base question is true division's alone: __nonzero__/next/__cmp__ of a subclass of an imported class
    # were an internal error (IndexError) that hid the file's every finding (six Django and Twisted modules)
    code = ("import zipfile\nclass Z(zipfile.ZipFile):\n    def __nonzero__(self): return True\n"
            "    def next(self): return 1\n    def __cmp__(self, o): return 0\n")
    path = tmp_path / "m.py"
    path.write_text(code)
    symbols = sorted(f.symbol for f in check_engine.check_file(str(path), check_engine.Plan(frozenset({"py3k"}))).findings)
    assert symbols == ["cmp-method", "next-method-defined", "no-absolute-import", "nonzero-method"]

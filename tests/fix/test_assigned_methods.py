"""A Python 2 method bound by an assignment in the class body (`__nonzero__ = lambda self: False`,
`__nonzero__ = _nz`, `__div__ = ...`, `next = ...`) is reported as the def is, and fix adds the same alias after it
(tryout9 #14): unchanged on python2.7, and Python 3 now calls it."""
from __future__ import annotations

import sys

import pytest

from diracmod.fix.engine import fix_file
from tests.fix.helpers import everything, python27
from tests.fix.test_method_fixes import _run, attached_left_alike, findings

PROGRAM = '''\
from __future__ import print_function


class W(object):
    __nonzero__ = lambda self: False
    __div__ = lambda self, o: "div"


class X(object):
    def _nz(self):
        return False
    __nonzero__ = _nz


class It(object):
    def __iter__(self):
        return self
    next = lambda self: 7


class It2(object):
    def __iter__(self):
        return self

    def _step(self):
        return 8
    next = _step


class Y(object):
    def __bool__(self):
        return False
    __nonzero__ = __bool__


class Z(object):
    def __iter__(self):
        return self

    def _step(self, n):
        return n
    next = _step
    __div__ = property(lambda self: 1)


class V(object):
    x = 1; __nonzero__ = lambda self: False
    __div__ = lambda self, o: 3; y = 2  # c


w = W()
print(bool(w), bool(X()), w.__div__(2), next(It()), next(It2()), bool(Y()), bool(V()), V().__div__(1))
'''


def test_a_method_bound_by_assignment_is_reported_as_the_def_is():
    assert [(f.line, f.symbol) for f in findings(PROGRAM) if f.symbol in (
        "nonzero-method", "div-method", "next-method-defined", "python2-method-aliased")] == [
        (5, "nonzero-method"), (6, "div-method"), (12, "nonzero-method"), (18, "next-method-defined"),
        (27, "next-method-defined"), (47, "nonzero-method"), (48, "div-method")]


def test_fix_adds_the_alias_after_the_assignment_and_python2_is_unchanged(tmp_path):
    (tmp_path / "mod.py").write_text(PROGRAM)
    fixed = fix_file(str(tmp_path / "mod.py"), everything()).new.decode()
    for old, new in (("__nonzero__ = lambda self: False", "__bool__"),
                     ('__div__ = lambda self, o: "div"', "__truediv__"), ("__nonzero__ = _nz", "__bool__"),
                     ("next = lambda self: 7", "__next__"),
                     ("next = _step", "__next__")):
        assert f"    {old}\n    {new} = {old.split()[0]}\n" in fixed, old
    assert fixed.count("__next__") == 2 and fixed.count("__bool__") == 5  # Y's own, Z left alone
    # sharing a line with other statements: after it on that line
    assert "    x = 1; __nonzero__ = lambda self: False; __bool__ = __nonzero__\n" in fixed
    assert "    __div__ = lambda self, o: 3; __truediv__ = __div__; y = 2  # c\n" in fixed
    assert not {f.symbol for f in findings(fixed)} & {"nonzero-method", "div-method", "next-method-defined"}
    assert _run(sys.executable, fixed, tmp_path, "after3.py") == "False False div 7 8 False False 3\n"
    with pytest.raises(AssertionError):  # before the fix Python 3 finds no __next__
        _run(sys.executable, PROGRAM, tmp_path, "before3.py")
    python = python27()
    assert _run(python, fixed, tmp_path, "after2.py") == _run(python, PROGRAM, tmp_path, "before2.py") \
        == "False False div 7 8 False False 3\n"


TUPLES = '''\
from __future__ import print_function


def _f(self):
    return False


class H(object):
    __nonzero__, __div__ = _f, lambda s, o: "H.div"


class J(object):
    def __iter__(self):
        return self

    def _n(self):
        return 9
    k = 1; next, size = _n, 3


print(bool(H()), H() / 2, next(J()), J.size)
'''


def test_a_method_bound_by_a_tuple_assignment_gets_the_alias(tmp_path):
    """tryout11 #2: `__nonzero__, __div__ = _f, lambda ...` in a class body binds both as the plain assignments do:
    reported, and the aliases follow the statement (on its line where it shares one); python2.7 unchanged, Python 3
    calls them."""
    assert [(f.line, f.symbol) for f in findings(TUPLES) if f.symbol in (
        "nonzero-method", "div-method", "next-method-defined")] == [
        (9, "nonzero-method"), (9, "div-method"), (18, "next-method-defined")]
    (tmp_path / "mod.py").write_text(TUPLES)
    fixed = fix_file(str(tmp_path / "mod.py"), everything()).new.decode()
    assert '    __nonzero__, __div__ = _f, lambda s, o: "H.div"\n    __bool__ = __nonzero__\n' \
           "    __truediv__ = __div__\n" in fixed
    assert "    k = 1; next, size = _n, 3; __next__ = next\n" in fixed
    assert not {f.symbol for f in findings(fixed)} & {"nonzero-method", "div-method", "next-method-defined"}
    python = python27()
    expected = "False H.div 9 3\n"
    assert _run(python, TUPLES, tmp_path, "before2.py") == expected
    assert _run(python, fixed, tmp_path, "after2.py") == expected
    assert _run(sys.executable, fixed, tmp_path, "after3.py") == expected
    with pytest.raises(AssertionError):
        _run(sys.executable, TUPLES, tmp_path, "before3.py")


ATTACHED = '''\
from __future__ import print_function


def _f(self):
    return False


class A(object):
    pass


A.__nonzero__ = _f


class B(object):
    pass


setattr(B, '__nonzero__', _f)


class F(object):
    pass


F.__div__ = lambda self, o: 'F.div'


class G(object):
    def __iter__(self):
        return self

    def _n(self):
        raise StopIteration


G.next = G._n
print(bool(A()), bool(B()), F() / 2, list(G()))
'''


def test_a_method_attached_outside_the_class_is_left_for_a_person(tmp_path):
    """tryout11 #2: `A.__nonzero__ = _f`, setattr(B, '__nonzero__', _f), `G.next = G._n`: Python 2 calls them, Python 3
    never does; reported (W1629/W1642/W1653's -name-taken, not fixable), and fix leaves them."""
    found = [(f.line, f.symbol, f.fixable) for f in findings(ATTACHED) if "method" in f.symbol]
    assert found == [(12, "nonzero-method-name-taken", False), (19, "nonzero-method-name-taken", False),
                     (26, "div-method-name-taken", False), (37, "next-method-defined-name-taken", False)]
    assert attached_left_alike(tmp_path, ATTACHED) == "False False F.div []\n"

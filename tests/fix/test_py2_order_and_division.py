"""tryout8 #5, #6: rewrites that changed what Python 2 does, each run under python2.7 before and after `fix`.

- cmp(a, b) -> (a > b) - (a < b) where a class of the module defines __cmp__ and rich comparisons: Python 2's cmp()
  calls __cmp__, the rewrite __gt__/__lt__ (cmp-builtin-rich-comparisons).
- sort(cmp=f) -> key=functools.cmp_to_key(f) where f may return a non-int: Python 2 raised TypeError ("comparison
  function must return int"), cmp_to_key's objects order None and str without complaint (using-cmp-argument-non-int).
tests/fix/test_truediv_inherited.py has #7."""
from __future__ import annotations

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source.reader import decode
from tests.fix.helpers import everything, python27
from tests.fix.test_runtime_behaviour import _run


def _fix(code: str, tmp_path):
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    assert result.refused is None
    fixed = result.new.decode() if result.new is not None else code
    before = _run(python27(), code, tmp_path)
    assert before[0] == 0 and before[1]
    assert _run(python27(), fixed, tmp_path) == before, "Python 2 behaviour changed"
    if result.new is not None:  # a second run: nothing more
        assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything()).new is None
    return fixed, [finding.symbol for finding in result.left], before[1]


# tryout8 #5 (case 29): cmp() of two P calls P.__cmp__, which orders by k; __lt__/__gt__ order by j
CMP_AND_RICH = ("class P(object):\n    def __init__(self, k, j): self.k, self.j = k, j\n"
                "    def __cmp__(self, o): return cmp(self.k, o.k)\n"
                "    def __lt__(self, o): return self.j < o.j\n    def __gt__(self, o): return self.j > o.j\n"
                "a, b = P(1, 2), P(2, 1)\nprint cmp(a, b), cmp((1, a), (1, b)), cmp(1, 2)\n"
                "print sorted([b, a], cmp=lambda x, y: cmp(x, y))[0].k\n")


def test_cmp_where_a_class_defines_cmp_and_rich_comparisons_stays(tmp_path):
    fixed, left, out = _fix(CMP_AND_RICH, tmp_path)
    assert out == "-1 1 -1\n1\n"
    assert "cmp(a, b), cmp((1, a), (1, b))" in fixed and "lambda x, y: cmp(x, y)" in fixed
    assert "return cmp(self.k, o.k)" in fixed  # self.k may be a P too
    assert "(1 > 2) - (1 < 2)" in fixed  # literals are no instance of the module's classes
    assert left.count("cmp-builtin-rich-comparisons") == 4
    assert "cmp-builtin" not in left


@pytest.mark.parametrize("rich,operands,printed", [("__lt__(self, o): return self.n < o.n", "a, b", "1"),
                                                   ("__eq__(self, o): return True", "a, 1", "0")],
                         ids=["__lt__", "__eq__"])
def test_cmp_rich_comparisons_in_another_class_of_the_module_count(rich, operands, printed, tmp_path):
    # a subclass's rich comparison and its base's __cmp__; __eq__ is what Python 2's cmp() tries first for
    # operands of different types (the rewrite's `>` and `<` call __cmp__ there)
    code = ("class A(object):\n    def __init__(self, n): self.n = n\n    def __cmp__(self, o): return 1\n"
            f"class B(A):\n    def {rich}\na, b = B(1), B(2)\nprint cmp({operands})\n")
    fixed, left, out = _fix(code, tmp_path)
    assert out == printed + "\n"
    assert f"print(cmp({operands}))" in fixed and left.count("cmp-builtin-rich-comparisons") == 1


def test_cmp_with_cmp_alone_is_still_rewritten(tmp_path):
    code = ("class A(object):\n    def __cmp__(self, o): return 0\n"
            "class B(object):\n    def __hash__(self): return 1\na, b = A(), A()\nprint cmp(a, b)\n")
    fixed, left, _ = _fix(code, tmp_path)
    assert "(a > b) - (a < b)" in fixed and "cmp-builtin-rich-comparisons" not in left


def test_cmp_with_rich_comparisons_alone_stays(tmp_path):
    # tryout9 #6: two equal Jobs are neither ==, < nor >: Python 2's cmp() falls back to its default order (never 0)
    code = ("class Job(object):\n    def __init__(self, prio): self.prio = prio\n"
            "    def __lt__(self, other): return self.prio < other.prio\n"
            "a, b = Job(1), Job(1)\nprint cmp(a, b) != 0, cmp(a, a), cmp(1, 2)\n")
    fixed, left, out = _fix(code, tmp_path)
    assert out == "True 0 -1\n"
    assert "cmp(a, b) != 0, cmp(a, a)" in fixed and left.count("cmp-builtin-rich-comparisons") == 2


@pytest.mark.parametrize("attach", [
    "Task.__gt__ = lambda self, other: self.prio > other.prio\n",
    "setattr(Task, '__lt__', lambda self, other: False)\n",
    "def make(op):\n    return lambda self, other: False\n"
    "for op in ('__lt__', '__gt__'):\n    setattr(Task, op, make(op))\n",
])
def test_cmp_with_rich_comparisons_attached_outside_the_class_stays(tmp_path, attach):
    # tryout10 #8: a comparison attached to the class after its body is the class's all the same
    code = ("class Task(object):\n    def __init__(self, prio):\n        self.prio = prio\n" + attach
            + "c, d = Task(1), Task(1)\nprint cmp(c, d) != 0\n")
    fixed, left, out = _fix(code, tmp_path)
    assert out == "True\n"
    assert "cmp(c, d) != 0" in fixed and left.count("cmp-builtin-rich-comparisons") == 1


def test_cmp_with_an_attribute_set_on_an_object_is_rewritten(tmp_path):
    code = ("class Task(object):\n    def __init__(self, prio, **kw):\n        self.prio = prio\n"
            "        for k in kw:\n            setattr(self, k, kw[k])\n"
            "c, d = Task(1), Task(2)\nc.__lt__ = None\nprint cmp(c.prio, d.prio)\n")
    fixed, left, out = _fix(code, tmp_path)
    assert out == "-1\n" and "(c.prio > d.prio) - (c.prio < d.prio)" in fixed


# tryout8 #6 (case 30): Python 2 refuses a comparison's None or str; cmp_to_key's objects compare them
NON_INT = ("def c(a, b):\n    if a < b:\n        return -1\n    elif a > b:\n        return 1\n"
           "def d(a, b):\n    if a == b:\n        return\n    return -1 if a < b else 1\n"
           "def e(a, b):\n    return 0.5\n"
           "def ok(a, b):\n    if a < b:\n        return -1\n    return (a > b) * 1\n"
           "for sort in (lambda: [3, 1, 3, 2].sort(cmp=c), lambda: sorted([2, 1], cmp=lambda a, b: str(a - b)),\n"
           "             lambda: sorted([2, 2, 1], cmp=d), lambda: sorted([2, 1], e), lambda: sorted([2, 1], cmp=ok)):\n"
           "    try:\n        print sort()\n    except TypeError as error:\n        print 'TypeError', error\n")


def test_sort_cmp_function_that_may_return_a_non_int_stays(tmp_path):
    fixed, left, out = _fix(NON_INT, tmp_path)
    assert out.splitlines()[:4] == ["TypeError comparison function must return int, not NoneType",
                                    "TypeError comparison function must return int, not str",
                                    "TypeError comparison function must return int, not NoneType",
                                    "TypeError comparison function must return int, not float"]
    assert "sort(cmp=c)" in fixed and "cmp=lambda a, b: str(a - b)" in fixed and "cmp=d)" in fixed
    assert "sorted([2, 1], e)" in fixed
    assert "sorted([2, 1], key=functools.cmp_to_key(ok))" in fixed  # every path returns an int
    assert left.count("using-cmp-argument-non-int") == 3 and "positional-cmp-argument-not-simple" in left
    assert "using-cmp-argument" not in left


@pytest.mark.parametrize("code", [CMP_AND_RICH, NON_INT], ids=["cmp", "non-int"])
def test_check_counts_fixable_only_what_fix_rewrites(code, tmp_path):
    agree(code, {"cmp-builtin-rich-comparisons", "using-cmp-argument-non-int"}, tmp_path)


def agree(code: str, new: set, tmp_path):
    """check counts fixable only what fix rewrites, and reports the findings of the rules `new` fix leaves."""
    found = check_engine.analyse("m.py", decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    left = [finding.symbol for finding in result.left if finding.symbol in new]
    assert left and sorted(left) == sorted(finding.symbol for finding in found if finding.symbol in new)
    assert not any(finding.fixable for finding in found if finding.symbol in new)
    # (everything() adds no future import: check's no-absolute-import is DIRAC's policy's to fix)
    fixable = [finding.symbol for finding in found if finding.fixable and finding.symbol != "no-absolute-import"]
    assert all(result.applied[symbol] == fixable.count(symbol) for symbol in set(fixable))


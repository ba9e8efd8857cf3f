"""PEP 479 (tryout11 #12): from Python 3.7 a StopIteration leaving a generator is `RuntimeError: generator raised
StopIteration`. `raise StopIteration` ending a generator where `return` does the same on Python 2 is
stop-iteration-raised (DM410), which fix makes `return`; the other raises, and `next(it)` / `it.next()` unguarded in
a generator (or a generator expression), are stop-iteration-in-generator (DM411), left for a person. python2.7 runs
the program alike before and after fix, and Python 3 runs the fixed DM410 shapes without RuntimeError."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.fix.helpers import fixed_runs_as_before
from tests.fix.test_names_fixes import findings

RULES = ("stop-iteration-raised", "stop-iteration-in-generator")


def _found(code: str) -> list:
    return [(f.line, f.symbol) for f in findings(textwrap.dedent(code)) if f.symbol in RULES]


TRYOUT = textwrap.dedent("""\
    import sys
    def gen(xs):
        for x in xs:
            if x is None:
                raise StopIteration
            yield x
    def gen2(it):
        while True:
            yield next(it)
    def gen3(it):
        yield it.next()
    sys.stdout.write('%r %r %r\\n' % (list(gen([1, None, 2])), list(gen2(iter([1, 2]))), list(gen3(iter([])))))
    """)


def test_the_tryout_case_is_reported():
    assert _found(TRYOUT) == [(5, "stop-iteration-raised"), (9, "stop-iteration-in-generator"),
                              (11, "stop-iteration-in-generator")]


# the shapes fix rewrites: a raise in a loop, after a try's handler (not in its body), in a handler, with a
# semicolon, in an else of a try, nested in a generator's if
FIXABLE = textwrap.dedent("""\
    import sys


    def rows(xs):
        for x in xs:
            if x is None:
                raise StopIteration
            yield x


    def parsed(xs):
        for x in xs:
            try:
                value = int(x)
            except ValueError:
                raise StopIteration()
            else:
                if value < 0:
                    x = 0; raise StopIteration
            yield value


    def counted(n):
        try:
            while True:
                if n <= 0:
                    break
                n -= 1
                yield n
        finally:
            sys.stdout.write('done\\n')
        raise StopIteration


    sys.stdout.write('%r %r %r\\n' % (list(rows([1, None, 2])), list(parsed(['1', 'x', '3'])),
                                      list(parsed(['4', '-1', '5']))))
    sys.stdout.write('%r\\n' % list(counted(3)))
    """)


def test_fixable_raises_become_return_and_run_alike_on_both_pythons(tmp_path):
    assert _found(FIXABLE) == [(7, "stop-iteration-raised"), (16, "stop-iteration-raised"),
                               (19, "stop-iteration-raised"), (32, "stop-iteration-raised")]
    fixed, _, before = fixed_runs_as_before(tmp_path, FIXABLE)
    assert "StopIteration" not in fixed and "x = 0; return\n" in fixed
    assert before == "[1] [1] [4]\ndone\n[2, 1, 0]\n"
    old = subprocess.run([sys.executable, "old.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "RuntimeError: generator raised StopIteration" in old.stderr
    new = subprocess.run([sys.executable, "new.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (new.returncode, new.stdout) == (0, before), new.stderr
    assert not _found(fixed)


# the raises fix leaves: Python 2 would run `return` otherwise (a handler catching it, a context manager seeing
# it), cannot return a value, or StopIteration is another name
LEFT = textwrap.dedent("""\
    import sys
    import threading

    ERRORS = (KeyError, StopIteration)


    def caught(xs):
        for x in xs:
            try:
                if x is None:
                    raise StopIteration
            except StopIteration:
                sys.stdout.write('caught\\n')
                continue
            yield x


    def broadly(xs):
        for x in xs:
            try:
                if x is None:
                    raise StopIteration
            except Exception:
                yield -1
                continue
            yield x


    def by_name(xs):
        for x in xs:
            try:
                if x is None:
                    raise StopIteration
            except ERRORS:
                yield -2
                continue
            yield x


    def locked(xs, lock=threading.Lock()):
        for x in xs:
            with lock:
                if x is None:
                    raise StopIteration
            yield x


    def valued(xs):
        for x in xs:
            if x is None:
                raise StopIteration('end')
            yield x


    sys.stdout.write('%r %r %r %r %r\\n' % (list(caught([1, None, 2])), list(broadly([1, None, 2])),
                                            list(by_name([1, None])), list(locked([1, None, 2])),
                                            list(valued([1, None, 2]))))
    """)


def test_raises_python2_would_run_otherwise_are_left(tmp_path):
    assert _found(LEFT) == [(line, "stop-iteration-in-generator") for line in (11, 22, 33, 44, 51)]
    fixed, _, before = fixed_runs_as_before(tmp_path, LEFT)
    assert fixed.count("raise StopIteration") == 5
    assert before == "caught\n[1, 2] [1, -1, 2] [1, -2] [1] [1]\n"


def test_stop_iteration_rebound_in_the_module_is_left():
    code = """\
        class StopIteration(Exception):
            pass


        def rows(xs):
            for x in xs:
                raise StopIteration
                yield x
        """
    assert _found(code) == [(7, "stop-iteration-in-generator")]


@pytest.mark.parametrize("code", [
    # guarded: the handler catches it in the generator's own frame, on Python 3 too
    "def g(it):\n    while True:\n        try:\n            yield next(it)\n        except StopIteration:\n"
    "            return\n",
    "def g(it):\n    try:\n        x = it.next()\n    except Exception:\n        x = None\n    yield x\n",
    "def g(it):\n    try:\n        x = next(it)\n    except (ValueError, StopIteration):\n        return\n    yield x\n",
    # a default: no StopIteration
    "def g(it):\n    yield next(it, None)\n",
    "import six\ndef g(it):\n    yield six.next(it, None)\n",
    # no generator: a function's or an iterator's next, a nested function or lambda of a generator
    "def first(it):\n    return next(it)\n",
    "class It(object):\n    def next(self):\n        return self.inner.next()\n",
    "def g(it):\n    def step():\n        return next(it)\n    yield step\n",
    "def g(it):\n    yield lambda: next(it)\n",
    # the first iterable of a generator expression runs in the enclosing function
    "def total(it):\n    return sum(x for x in next(it))\n",
    # a module's own function
    "import gen\ndef g():\n    yield gen.next()\n",
    # a raise of another exception, a raise in a function that is no generator
    "def g(xs):\n    raise ValueError\n    yield 1\n",
    "def f():\n    raise StopIteration\n",
    # a yield of a generator expression's or a set comprehension's own (tryout13 #1): the def is no generator
    "def f():\n    g = ((yield) for i in range(2))\n    raise StopIteration\n",
    "def f(xs):\n    s = {(yield x) for x in xs}\n    raise StopIteration\n",
])
def test_no_finding(code):
    assert _found(code) == []


@pytest.mark.parametrize("code, line", [
    ("def g(it):\n    while True:\n        yield next(it)\n", 3),
    ("import six\ndef g(it):\n    yield six.next(it)\n", 3),
    ("def g(it):\n    head = it.next()\n    yield head\n", 2),
    # a handler catching something else is no guard
    ("def g(it):\n    try:\n        x = next(it)\n    except ValueError:\n        return\n    yield x\n", 3),
    # a list comprehension's StopIteration goes on into the generator's frame
    ("def g(it):\n    yield [next(it) for _ in range(3)]\n", 2),
    # a generator expression is a generator: reported wherever it is, a try around it does not help
    ("def heads(it):\n    return tuple(next(it) for _ in range(3))\n", 2),
    ("def heads(it):\n    try:\n        return list(next(it) for _ in range(3))\n    except StopIteration:\n"
     "        return []\n", 3),
    # a bare raise re-raising StopIteration out of the generator
    ("def g(it):\n    try:\n        x = next(it)\n    except StopIteration:\n        raise\n    yield x\n", 5),
])
def test_next_unguarded_is_reported(code, line):
    assert _found(code) == [(line, "stop-iteration-in-generator")]


# Python 2's `raise E, V`: stage 1 makes `raise StopIteration, None` and `, ()` `raise StopIteration()`, which stage 2
# makes `return`: check counts those fixable, and leaves the others (a value, a traceback) for a person
OLD_RAISE = textwrap.dedent("""\
    def g(xs):
        for x in xs:
            if x is None:
                raise StopIteration, None
            if x == 1:
                raise StopIteration, ()
            if x == 3:
                raise StopIteration, "three"
            yield x


    print list(g([2, None])), list(g([2, 1, 4])), list(g([3]))
    """)


def test_python2_raise_statements_of_stop_iteration(tmp_path):
    assert _found(OLD_RAISE) == [(4, "stop-iteration-raised"), (6, "stop-iteration-raised"),
                                 (8, "stop-iteration-in-generator")]
    fixed, _, before = fixed_runs_as_before(tmp_path, OLD_RAISE)
    assert before == "[2] [2] []\n"
    assert fixed.count("            return\n") == 2 and 'raise StopIteration("three")' in fixed
    assert [symbol for _, symbol in _found(fixed)] == ["stop-iteration-in-generator"]


def _why(code: str) -> list:
    """(line, symbol, the reason DM411 gives or "") of each finding of the two rules."""
    return [(f.line, f.symbol, f.message.split("diracmod fix leaves it: ")[-1] if "leaves it" in f.message else "")
            for f in findings(textwrap.dedent(code)) if f.symbol in RULES]


@pytest.mark.parametrize("code, expected", [
    # tryout13 #6: another function's local StopIteration is no binding the generator reads
    ("def g1():\n    yield 1\n    raise StopIteration\ndef g4():\n    StopIteration = ValueError\n    yield 1\n",
     [(3, "stop-iteration-raised", "")]),
    ("def f(StopIteration):\n    return StopIteration\ndef g():\n    yield 1\n    raise StopIteration\n",
     [(5, "stop-iteration-raised", "")]),
    # a class body's binding is not seen from its methods
    ("class C(object):\n    StopIteration = ValueError\n    def g(self):\n        yield 1\n        raise StopIteration\n",
     [(5, "stop-iteration-raised", "")]),
    # the module's, the generator's own, an enclosing function's: named with their line
    ("def g():\n    yield 1\n    raise StopIteration\nStopIteration = ValueError\n",
     [(3, "stop-iteration-in-generator", "the module binds the name StopIteration (line 4)")]),
    ("def g():\n    yield 1\n    raise StopIteration\ndef h():\n    global StopIteration\n    StopIteration = 1\n",
     [(3, "stop-iteration-in-generator", "the module binds the name StopIteration (declared global in the function of line 4)")]),
    ("def g():\n    from errors import StopIteration\n    yield 1\n    raise StopIteration\n",
     [(4, "stop-iteration-in-generator", "the generator `g` binds the name StopIteration (line 2)")]),
    ("def g(StopIteration=ValueError):\n    yield 1\n    raise StopIteration\n",
     [(3, "stop-iteration-in-generator", "the generator `g` binds the name StopIteration (a parameter)")]),
    ("def outer():\n    StopIteration = KeyError\n    def g():\n        yield 1\n        raise StopIteration\n"
     "    return g\n",
     [(5, "stop-iteration-in-generator", "the function `outer` around it binds the name StopIteration (line 2)")]),
    # bindings no name shows: a star import, a write to the module's namespace
    ("from errors import *\ndef g():\n    yield 1\n    raise StopIteration\n",
     [(4, "stop-iteration-in-generator", "the name StopIteration may be bound unseen: from errors import *")]),
    ("globals().update(d)\ndef g():\n    yield 1\n    raise StopIteration\n",
     [(4, "stop-iteration-in-generator", "the name StopIteration may be bound unseen: globals().update(...)")]),
    ("def g(code):\n    exec code\n    yield 1\n    raise StopIteration\n",
     [(4, "stop-iteration-in-generator",
       "the name StopIteration may be bound unseen: exec(...) in the function on line 1")]),
])
def test_stop_iteration_bound_where_the_generator_reads_it(code, expected):
    assert _why(code) == expected


def test_stop_iteration_bound_unseen_and_another_functions_local(tmp_path):
    """A namespace write binding StopIteration is seen (a `return` made the generator end instead of raising the
    module's own class); another function's local StopIteration no longer withholds the rewrite (tryout13 #6)."""
    code = textwrap.dedent("""\
        import sys
        globals().update({'StopIteration': KeyError})
        def g():
            yield 1
            raise StopIteration
        try:
            list(g())
        except KeyError:
            sys.stdout.write('module KeyError\\n')
        """)
    fixed, _, before = fixed_runs_as_before(tmp_path, code)
    assert "raise StopIteration" in fixed and before == "module KeyError\n"
    code = textwrap.dedent("""\
        import sys
        def g():
            yield 1
            raise StopIteration
        def h():
            StopIteration = ValueError
            yield StopIteration
        sys.stdout.write('%r\\n' % (list(g()),))
        """)
    fixed, _, before = fixed_runs_as_before(tmp_path, code)
    assert "raise StopIteration" not in fixed and before == "[1]\n"

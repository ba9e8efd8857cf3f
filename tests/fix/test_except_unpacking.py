"""`except E, (a, b):` (tryout 3, defect 4): Python 2 unpacks the exception itself, fix's rewrite unpacks
`exc.args`. In a module with a class defining __iter__ or __getitem__ (diracmod/source/except_unpacking.py)
check reports unpacking-in-except-iterable-exception and fix leaves the file; elsewhere the rewrite runs as
Python 2 did."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from bench.suites import six_dir
from diracmod.check import engine
from diracmod.fix.engine import fix_file
from tests.fix.helpers import everything, fixed_file_runs_alike, python27

PLAN = engine.Plan(frozenset({"py3k"}))
# a statement py2tokens leaves to py2syntax's fissix reading: both readings must label the clause alike
FISSIX_READING = "async = 1\n"
PAIR = ("import sys\n\n\nclass Pair(Exception):\n    def __init__(self, a, b):\n"
        "        Exception.__init__(self, '%s-%s' % (a, b))\n        self.a, self.b = a, b\n{method}\n\n"
        "try:\n    raise Pair(1, 2)\nexcept Pair, (x, y):\n    sys.stdout.write('%s %s\\n' % (x, y))\n")
ITERATES = "\n    def __iter__(self):\n        return iter((self.a, self.b))\n"
INDEXES = "\n    def __getitem__(self, index):\n        return (self.a, self.b)[index]\n"


def _symbols(path) -> list:
    return [f.symbol for f in engine.check_file(str(path), PLAN).findings if "except" in f.symbol]


def _run(python: str, path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(six_dir(path.parent))
    return subprocess.run([python, str(path)], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("reading", ["", FISSIX_READING], ids=["tokens", "fissix"])
@pytest.mark.parametrize("method", [ITERATES, INDEXES], ids=["__iter__", "__getitem__"])
def test_an_exception_unpacking_itself_is_reported_and_left(tmp_path, reading, method):
    path = tmp_path / "mod.py"
    path.write_text(reading + PAIR.format(method=method))
    assert _symbols(path) == ["unpacking-in-except-iterable-exception"]
    result = fix_file(str(path), everything())
    assert result.new is None and result.refused.startswith("still Python-2-only after the syntax stage")
    assert "DM187" in result.refused


def test_why_it_is_left_python2_unpacks_the_exception_not_its_args(tmp_path):
    path, naive = tmp_path / "mod.py", tmp_path / "naive.py"
    path.write_text(PAIR.format(method=ITERATES))
    naive.write_text(PAIR.format(method=ITERATES).replace("except Pair, (x, y):\n",
                                                           "except Pair as exc:\n    (x, y) = exc.args\n"))
    assert _run(python27(), path).stdout == "1 2\n"
    assert "ValueError" in _run(python27(), naive).stderr


def test_without_such_a_class_the_rewrite_runs_as_python2_did(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text(PAIR.format(method="").replace("Exception.__init__(self, '%s-%s' % (a, b))",
                                                   "Exception.__init__(self, a, b)"))
    assert _symbols(path) == ["unpacking-in-except"]
    before = _run(python27(), path).stdout
    result = fix_file(str(path), everything())
    assert result.refused is None and "(x, y) = exc.args" in result.new.decode()
    path.write_bytes(result.new)
    assert _run(python27(), path).stdout == before == _run(sys.executable, path).stdout == "1 2\n"


# tryout14 #13: in a class body or at module level the name the rewrite binds would stay, a class attribute or a
# global (exported by `from main import *`) holding the exception on Python 2; Python 3 deletes it at the end of
# the handler. A function's own name is a local: no `del` there.
NAMESPACES = """import sys
holder = [None]


class Options(object):
    try:
        raise ValueError(1, 2)
    except ValueError, (code, msg):
        pass


def f():
    class Inner(object):
        try:
            raise ValueError(5, 6)
        except ValueError, (a, b):
            pass
    try:
        raise ValueError(7, 8)
    except ValueError, (c, d):
        pass
    return sorted(k for k in vars(Inner) if not k.startswith('__')), sorted(locals())


try:
    raise ValueError(1, 2)
except ValueError, (first, second):
    # a comment first in the handler
    pass
for i in range(3):
    try:
        raise IndexError(i)
    except IndexError, holder[0]:
        break
    finally:
        pass
sys.stdout.write('%r\\n' % (sorted(k for k in vars(Options) if not k.startswith('__')),))
sys.stdout.write('%r\\n' % (f(),))
"""
STAR = """import sys
import __future__
from main import *
sys.stdout.write('%r\\n' % (sorted(k for k in globals() if not k.startswith('__')
                                   and k not in __future__.all_feature_names),))
"""


def test_a_class_body_or_the_module_gets_no_name_of_the_rewrites(tmp_path):
    text, out = fixed_file_runs_alike(tmp_path, {"main.py": NAMESPACES, "star.py": STAR}, "main.py", "star.py")
    assert out == ("['code', 'msg']\n(['a', 'b'], ['Inner', 'c', 'd'])\n"
                   "['Options', 'f', 'first', 'holder', 'i', 'second', 'sys']\n")
    text = re.sub(r"\bexc\d*\b", "exc", text)  # the names are numbered in fissix's order
    assert ("    except ValueError as exc:\n        (code, msg) = exc.args\n        del exc\n        pass\n" in text
            and "        except ValueError as exc:\n            (a, b) = exc.args\n            del exc\n" in text
            # f reads its locals(): run without .pyc, `exc2` showed there (a stale .pyc hid it)
            and "    except ValueError as exc:\n        (c, d) = exc.args\n        del exc\n        pass\n" in text
            and "except ValueError as exc:\n    # a comment first in the handler\n    (first, second) = exc.args\n"
                "    del exc\n    pass\n" in text
            and "    except IndexError as exc:\n        holder[0] = exc\n        del exc\n        break\n" in text)


@pytest.mark.parametrize("reads, deleted", [("return a", False), ("return locals()", True),
                                             ("return sorted(vars())", True), ("return eval('a')", True)])
def test_a_function_gets_the_del_only_where_it_reads_its_own_namespace(tmp_path, reads, deleted):
    """A function's new `exc` name is seen only by locals()/vars()/dir()/eval/exec there (tryout16 lead: the
    helpers' python2.7 runs reused a stale .pyc, which hid `exc2` in f's locals())."""
    path = tmp_path / "m.py"
    path.write_text(f"def g():\n    try:\n        raise ValueError(1, 2)\n    except ValueError, (a, b):\n"
                    f"        pass\n    {reads}\n")
    fixed = fix_file(str(path), everything()).new.decode()
    assert ("del exc" in fixed) == deleted, fixed

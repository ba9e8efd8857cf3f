"""`except E, (a, b):` (tryout 3, defect 4): Python 2 unpacks the exception itself, fix's rewrite unpacks
`exc.args`. In a module with a class defining __iter__ or __getitem__ (diracmod/source/except_unpacking.py)
check reports unpacking-in-except-iterable-exception and fix leaves the file; elsewhere the rewrite runs as
Python 2 did."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.suites import six_dir
from diracmod.check import engine
from diracmod.fix.engine import fix_file
from tests.fix.helpers import everything, python27

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

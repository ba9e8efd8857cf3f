"""In a block only Python 3 runs, the *-not-iterating rules (dict-keys/items/values-, map-, zip-, filter-,
range-builtin-not-iterating, their -list-rebound and -class-defined splits) report nothing and fix wraps nothing
in list(...) (tryout20b #3): that code is Python 3's already, often lazy on purpose (`return map(f,
itertools.count())` would never return as list(map(...))). The blocks are those diracmod/source/guards.py reads as
Python-3-only (rules/walker.py learns the side): the body of `if sys.version_info >= (3, 0):` / `if PY3:` (a flag
the module or a project module defines), the else of `if six.PY2:` / `if sys.version_info < (3,)`, and the
fallback of `try: from itertools import izip` (an import of names Python 3 lacks only)."""
import subprocess
import sys
import textwrap

import pytest

from diracmod.check import engine
from diracmod.fix.engine import fix_bytes
from diracmod.source import project_index
from tests.fix.helpers import everything, python2_output

LAZY = ("dict-keys-not-iterating", "dict-items-not-iterating", "dict-values-not-iterating",
        "map-builtin-not-iterating", "zip-builtin-not-iterating", "filter-builtin-not-iterating",
        "range-builtin-not-iterating")
BODY = """\
    def lmap(f, xs):
        return map(f, xs)
    def keys(d):
        return d.keys()
    def ints(n):
        return range(n)
    def pairs(a, b):
        return zip(a, b)
    def odd(xs):
        return filter(None, xs)
    it = lambda d: d.items()
    vals = lambda d: d.values()
"""


def _lazy(path, project=None) -> list:
    plan = engine.Plan(frozenset({"py3k"}), project=project)
    return sorted((f.line, f.symbol) for f in engine.check_file(str(path), plan).findings if "iterating" in f.symbol)


def _indented(text, prefix="    "):
    return textwrap.indent(text, prefix)


@pytest.mark.parametrize("head,tail", [
    ("if sys.version_info >= (3, 0):\n", ""),
    ("if sys.version_info[0] == 3:\n", ""),
    ("if sys.version_info[0] >= 3:\n", "else:\n    pass\n"),
    ("PY3 = sys.version_info[0] == 3\nif PY3:\n", ""),
    ("from six import PY3\nif PY3:\n", ""),
    ("if six.PY2:\n    pass\nelse:\n", ""),
    ("if sys.version_info < (3,):  # pragma: nocover\n    pass\nelse:  # pragma: nocover\n", ""),
    ("try:\n    from itertools import izip\nexcept ImportError:\n", ""),
    ("try:\n    from itertools import imap, ifilter\nexcept ImportError:\n", ""),
    ("try:\n    xrange\nexcept NameError:\n", ""),
])
def test_nothing_lazy_is_reported_or_listed_in_a_python3_block(tmp_path, head, tail):
    code = "import sys\nimport six\n" + head + _indented(BODY) + tail
    path = tmp_path / "mod.py"
    path.write_text(code)
    assert _lazy(path) == []
    assert fix_bytes(str(path), code.encode(), everything()).new is None
    # the same code outside any guard: reported, and listed by fix
    path.write_text("import sys\nimport six\n" + textwrap.dedent(BODY))
    assert [symbol for _, symbol in _lazy(path)] == [
        "map-builtin-not-iterating", "dict-keys-not-iterating", "range-builtin-not-iterating",
        "zip-builtin-not-iterating", "filter-builtin-not-iterating", "dict-items-not-iterating",
        "dict-values-not-iterating"]


@pytest.mark.parametrize("head", [
    # the try's import may fail on Python 2 too (a module of the project, or a name Python 2 has as well)
    "try:\n    from mylib import izip\nexcept ImportError:\n",
    "try:\n    from itertools import izip, count\nexcept ImportError:\n",
    "try:\n    from itertools import izip\n    import mylib\nexcept ImportError:\n",
    # a Python-2-only module beside one that may be missing on Python 2 too (tryout21 #6)
    "try:\n    from cStringIO import StringIO\n    import yaml\nexcept ImportError:\n",
    "try:\n    import cPickle as pickle\n    import mylocal\nexcept ImportError:\n",
    # not a version guard, or a guard both majors pass
    "if sys.version_info >= (2, 6):\n",
    "if x:\n    pass\nelse:\n",
])
def test_a_block_python2_may_run_is_still_checked(tmp_path, head):
    path = tmp_path / "mod.py"
    path.write_text("import sys\n" + head + _indented(BODY))
    assert len(_lazy(path)) == 7


def test_the_python3_branch_of_a_flag_imported_from_the_project(tmp_path):
    """Twisted's `from twisted.python.compat import _PY3` / `if _PY3:`, read as compat defines it."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/compat.py").write_text("import sys\nif sys.version_info < (3, 0):\n    _PY3 = False\n"
                                            "else:\n    _PY3 = True\n")
    (tmp_path / "pkg/mod.py").write_text("from pkg.compat import _PY3\nif not _PY3:\n    pass\nelse:\n"
                                         + _indented(BODY) + "ks = {}.keys()\nks.sort()\n")
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assert _lazy(tmp_path / "pkg/mod.py", index) == [(17, "dict-keys-not-iterating")]


SQUARES = """\
from __future__ import print_function
import itertools
import sys
try:
    from itertools import izip
except ImportError:
    def izip(*its):
        return zip(*its)
if sys.version_info[0] >= 3:
    def squares():
        return map(lambda n: n * n, itertools.count())
    def lazy_keys(d):
        return d.keys()
else:
    def squares():
        return itertools.imap(lambda n: n * n, itertools.count())
    def lazy_keys(d):
        return d.iterkeys()
print(next(iter(squares())), next(iter(izip(itertools.count(), itertools.count()))))
d = {1: 2}
print(sorted(lazy_keys(d)), d.keys()[0])
"""


def _python3_output(root, script) -> str:
    proc = subprocess.run([sys.executable, "-B", script], cwd=root, capture_output=True, text=True, timeout=30)
    return proc.stdout + proc.stderr.strip()[-200:]


def test_a_lazy_python3_helper_still_returns_after_fix(tmp_path):
    """tryout20b #3 (/tmp/t20b/rep13/o/sq.py): list(map(f, itertools.count())) never returns on Python 3."""
    path = tmp_path / "sq.py"
    path.write_text(SQUARES)
    before = python2_output(tmp_path, "sq.py")
    assert before == "0 (0, 0)\n[1] 1\n"
    fixed = fix_bytes(str(path), SQUARES.encode(), everything()).new.decode()
    assert "list(d.keys())[0]" in fixed  # outside the guards: listed
    assert "return map(" in fixed and "return zip(" in fixed and "return d.keys()" in fixed
    path.write_text(fixed)
    assert python2_output(tmp_path, "sq.py") == before
    assert _python3_output(tmp_path, "sq.py") == "0 (0, 0)\n[1] 1\n"


def test_the_rules_kept_out_of_python3_blocks_are_the_catalogues():
    from diracmod.core import catalogue
    from diracmod.rules.walker import LAZY_ON_PYTHON3
    assert set(LAZY) < LAZY_ON_PYTHON3 <= {rule.symbol for rule in catalogue.load().rules}

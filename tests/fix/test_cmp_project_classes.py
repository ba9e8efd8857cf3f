"""tryout11 #13: cmp() on objects of a class another module of the project defines (or a subclass of it the
module defines) with rich comparisons and no __cmp__: `(a > b) - (a < b)` gives 0 where ==, < and > are all
false, where Python 2's cmp() falls back to its default order (never 0 for two objects). The project index
(diracmod/source/project_index/) knows the project's classes with rich comparisons (with __cmp__ or not); a
module naming
one (an import, a base of its own class, across the project's bases) gets cmp-builtin-rich-comparisons
(DM404, not fixable) for check and fix alike."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main

from tests.fix.helpers import python2_output

BASE = """\
class Base(object):
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __gt__(self, other):
        return self.v > other.v
"""
LIB = """\
from base import Base


class A(Base):
    pass


class Plain(object):
    def __init__(self, v):
        self.v = v


class Sorted(Plain):
    def __cmp__(self, other):
        return cmp(self.v, other.v)
"""
MAIN = """\
import sys
import lib


class B(lib.A):
    pass


b1, b2, a1, a2 = B(1), B(1), lib.A(1), lib.A(1)
sys.stdout.write('%r %r\\n' % (cmp(b1, b2) != 0, cmp(a1, a2) != 0))
"""
FROM_IMPORT = """\
import sys
from base import Base

x, y = Base(1), Base(1)
sys.stdout.write('%r\\n' % (cmp(x, y) != 0,))
"""
UNRELATED = """\
import sys
from lib import Plain, Sorted


class Base(Plain):
    pass


x, y, z = Base(1), Sorted(2), Sorted(1)
sys.stdout.write('%r %r\\n' % (cmp(x, 2), cmp(y, z)))
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    root.mkdir()
    (root / "setup.cfg").write_text("[metadata]\nname = proj\n")
    for name, text in (("base.py", BASE), ("lib.py", LIB), ("main.py", MAIN), ("other.py", FROM_IMPORT),
                       ("plain.py", UNRELATED)):
        (root / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return root


def _check(capsys, *paths) -> list:
    main(["check", "--no-cache", "--format", "json", *paths])
    return [(f["path"].rsplit("/", 1)[-1], f["line"], f["symbol"], f["fixable"])
            for f in json.loads(capsys.readouterr().out) if "cmp" in f["symbol"]]


@pytest.mark.parametrize("script,expected", [("main.py", "True True\n"), ("other.py", "True\n"),
                                             ("plain.py", "1 1\n")])
def test_fix_leaves_cmp_on_objects_of_a_project_class_and_python2_runs_alike(project, capsys, script, expected):
    assert python2_output(project, script) == expected
    main(["fix", "--write", str(project / script)])
    capsys.readouterr()
    assert python2_output(project, script) == expected, "Python 2 behaviour changed"
    assert ("cmp(" in (project / script).read_text()) == (script != "plain.py")


def test_check_reports_it_not_fixable_as_fix_leaves_it(project, capsys):
    """Not for a class with __cmp__ alone (Python 2's `>` and `<` call it, as cmp() does), nor for the module's own
    class of the name another module's class with rich comparisons has (module_class_defines reads it)."""
    found = _check(capsys, str(project / "main.py"), str(project / "other.py"), str(project / "plain.py"))
    assert sorted(found) == [("main.py", 10, "cmp-builtin-rich-comparisons", False),
                             ("main.py", 10, "cmp-builtin-rich-comparisons", False),
                             ("other.py", 5, "cmp-builtin-rich-comparisons", False),
                             ("plain.py", 10, "cmp-builtin", True), ("plain.py", 10, "cmp-builtin", True)]

"""tryout11 #7: a `/` with a float side on an operand of unknown origin (`x / 2.0`, `1.0 / x`) took the division
import, though a class of another module of the project binds `__div__` (`__rdiv__`, `__idiv__`) and not
`__truediv__`: under division Python 2 calls the missing method for its objects (TypeError). The project index
(diracmod/source/project_index/) holds such classes; check and fix leave the module's float `/` then (DM140,
not fixable), unless the class's file is fixed in the same run (which gives it `__truediv__ = __div__`)."""
from __future__ import annotations

import json
import textwrap

import pytest

from diracmod.cli import main
from diracmod.core import config
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output

LIB = """\
class V(object):
    def __init__(self, v):
        self.v = v

    def __div__(self, o):
        return 'V.div(%r)' % (o,)

    def __rdiv__(self, o):
        return 'V.rdiv(%r)' % (o,)
"""
MAIN = """\
import sys
from lib import V


def half(x):
    return x / 2.0


def ratio(n, x):
    return float(n) / x


sys.stdout.write('%r %r %r %r\\n' % (half(V(4)), V(4) / 2.0, 1.0 / V(3), ratio(1, V(2))))
"""
EXPECTED = "'V.div(2.0)' 'V.div(2.0)' 'V.rdiv(1.0)' 'V.rdiv(1.0)'\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, {"lib.py": LIB, "main.py": MAIN})


def _python2(root) -> str:
    return python2_output(root, "main.py")


def _check(capsys, *paths) -> dict:
    main(["check", "--no-cache", "--format", "json", *paths])
    return {(f["line"], f["symbol"]): f for f in json.loads(capsys.readouterr().out)}


def test_a_module_fixed_without_the_class_keeps_old_division_and_python2_runs_alike(project, capsys):
    assert _python2(project) == EXPECTED
    main(["fix", "--write", str(project / "main.py")])
    capsys.readouterr()
    fixed = (project / "main.py").read_text()
    assert "import division" not in fixed and "absolute_import" in fixed
    assert _python2(project) == EXPECTED


def test_check_leaves_the_float_division_for_a_person_as_fix_does(project, capsys):
    found = _check(capsys, str(project / "main.py"))
    left = found[(10, "old-division-unknown-operands")]
    assert not left["fixable"] and "line 6" in left["message"] and "__truediv__ (lib.py:5)" in left["message"]
    (project / "lib.py").write_text(LIB + "\n    __truediv__ = __div__\n    __rtruediv__ = __rdiv__\n")
    assert _check(capsys, str(project / "main.py"))[(10, "old-division")]["fixable"]


def test_the_whole_project_fixed_at_once_takes_division_and_a_second_run_changes_nothing(project, capsys):
    assert (10, "old-division") in _check(capsys, str(project))  # lib.py is fixed in the same run
    main(["fix", "--write", str(project)])
    capsys.readouterr()
    assert "__truediv__ = __div__" in (project / "lib.py").read_text()
    assert "from __future__ import division" in (project / "main.py").read_text()
    assert _python2(project) == EXPECTED
    assert main(["fix", "--check", str(project)]) == 0


def _index(tmp_path, body: str, run=()) -> dict:
    (tmp_path / "setup.cfg").write_text("")
    (tmp_path / "m.py").write_text("class C(object):\n" + textwrap.indent(textwrap.dedent(body), "    "))
    (tmp_path / "use.py").write_text("def f(x):\n    return x / 2.0\n")
    paths = [str(tmp_path / name) for name in run or ("use.py",)]
    return dict(project_index.for_config(config.load(tmp_path), paths).entries)


@pytest.mark.parametrize("body, entries", [
    ("def __div__(self, o):\n    return 1\n", {"__div__": "m.py:2"}),
    ("def __rdiv__(self, o):\n    return 1\n", {"__rdiv__": "m.py:2"}),
    ("def __idiv__(self, o):\n    return self\n", {"__idiv__": "m.py:2"}),
    ("__div__ = lambda self, o: 1\n", {"__div__": "m.py:2"}),
    ("def __div__(self, o):\n    return 1\n__truediv__ = __div__\n", {}),
    ("def __div__(self, o):\n    return 1\ndef __truediv__(self, o):\n    return 1\n", {}),
    ("def __truediv__(self, o):\n    return 1\n", {}),
    ("def f(self):\n    __div__ = 1\n", {}),  # a local of a method
])
def test_division_methods_without_their_true_division_counterpart_are_indexed(tmp_path, body, entries):
    assert _index(tmp_path, body) == entries


def test_a_class_in_a_file_of_the_run_is_not_indexed(tmp_path):
    # fix gives it `__truediv__ = __div__` in the same run (div-method): a second run must judge as the first
    assert _index(tmp_path, "def __div__(self, o):\n    return 1\n", run=("use.py", "m.py")) == {}


def test_a_division_method_attached_by_name_is_indexed_a_computed_name_is_not(tmp_path):
    (tmp_path / "setup.cfg").write_text("")
    (tmp_path / "lib.py").write_text("class V(object):\n    pass\nclass W(object):\n    pass\n")
    (tmp_path / "patch.py").write_text("import lib\nlib.V.__div__ = lambda self, o: 1\n"
                                       "for name in ('a', 'b'):\n    setattr(lib.W, name, None)\n")
    entries = dict(project_index.for_config(config.load(tmp_path), [str(tmp_path / "lib.py")]).entries)
    assert entries["__div__"] == "patch.py:2" and "__rdiv__" not in entries and "__idiv__" not in entries

"""A builtin's name a module binds without writing it, from outside or in a function (tryout15 #2, #11): another
module of the run assigning it as the module's attribute (`import b6; b6.repr = ...`, `pkg.mod.repr = ...`,
`setattr(mod, 'repr', ...)`, `mock.patch('pkg.mod.repr', ...)`), recorded by the project index
(diracmod/source/project_index/) for the module it names, and read by builtin_uses' unseen-binding answer (so
by every rule asking it); and an exec statement in the function holding a backtick (Python 2 then looks `repr` up
in the namespace exec wrote, a backtick never looks it up). python2.7 runs the project alike before and after
fix; check counts as fixable only what fix rewrites; the result cache keys on the other modules' assignments."""
import json

import pytest

from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output

BACKTICK = "def f():\n    return `6`\n"
GENERATOR = ("def g():\n    yield 1\n    raise StopIteration\n\n\n"
             "def run():\n    try:\n        return list(g())\n    except KeyError:\n        return 'KeyError'\n")
FILES = {
    # an exec statement in the function itself (tryout15 #2 b3)
    "b3.py": "def f():\n    exec \"repr = lambda x: 'EXEC'\"\n    return `3`\n",
    # the module assigning its own attribute through its own import (b6)
    "b6.py": "import b6\nb6.repr = lambda x: 'SELF'\n\n\n" + BACKTICK,
    # assigned by main.py, by setattr, through the package, through a from-import alias
    "b7.py": BACKTICK,
    "b8.py": BACKTICK,
    "pkg/__init__.py": "",
    "pkg/b9.py": BACKTICK,
    "pkg/b10.py": BACKTICK,
    "s3.py": GENERATOR,  # tryout15 #11
    # print's native str under unicode_literals (`end=str(' ')`), the module's str assigned by main.py
    "p1.py": "from __future__ import unicode_literals\n\n\ndef f():\n    print 'a',\n    print 'b'\n",
    "main.py": ("import b3, b6, b7, b8, s3\nimport pkg.b9\nfrom pkg import b10 as ten\n"
                "b7.repr = lambda x: 'MAIN'\nsetattr(b8, 'repr', lambda x: 'SETATTR')\n"
                "pkg.b9.repr = lambda x: 'DOTTED'\nten.repr = lambda x: 'ALIAS'\ns3.StopIteration = KeyError\n"
                "print b3.f(), b6.f(), b7.f(), b8.f(), pkg.b9.f(), ten.f(), s3.run()\n"
                "import p1\np1.str = lambda x: '<MAIN>'\np1.f()\n"),
}
BACKTICKS = ["b3.py", "b6.py", "b7.py", "b8.py", "pkg/b9.py", "pkg/b10.py"]
FIXED = BACKTICKS + ["s3.py", "p1.py"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, FILES)


def test_fix_keeps_python2_behaviour_where_a_builtin_is_bound_from_outside_or_by_exec(project, capsys):
    before = python2_output(project, "main.py")
    assert before == "3 6 6 6 6 6 KeyError\na b\n"
    assert main(["fix", "--write", *(str(project / name) for name in FIXED)]) == 0
    for name in BACKTICKS:
        assert "six.moves.builtins.repr(" in (project / name).read_text(), name
    assert "raise StopIteration" in (project / "s3.py").read_text()
    assert "end=six.moves.builtins.str(' ')" in (project / "p1.py").read_text()
    assert python2_output(project, "main.py") == before, "Python 2 behaviour changed"


def test_a_backtick_elsewhere_is_still_plain_repr(project, capsys):
    (project / "other.py").write_text(BACKTICK + "\n\ndef h():\n    exec 'y = 1'\n    return 2\n")
    main(["fix", "--write", str(project / "other.py")])
    assert "return repr(6)" in (project / "other.py").read_text()


def test_check_leaves_the_raise_not_fixable_and_says_how(project, capsys):
    main(["check", "--no-cache", "--format", "json", str(project / "s3.py")])
    found = [f for f in json.loads(capsys.readouterr().out) if "StopIteration" in f["message"]]
    assert found and not any(f["fixable"] for f in found), found
    assert any("s3.StopIteration = ..." in f["message"] and "main.py:" in f["message"] for f in found), found


def test_the_result_cache_keys_on_the_assignments_of_other_modules(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"s3.py": GENERATOR, "main.py": "import s3\n"})

    def fixable():
        main(["check", "--format", "json", str(root / "s3.py")])
        return [f["fixable"] for f in json.loads(capsys.readouterr().out) if "StopIteration" in f["message"]]

    assert fixable() == [True]
    (root / "main.py").write_text("import s3\ns3.StopIteration = KeyError\n")
    assert fixable() == [False]
    (root / "main.py").write_text("import s3\n")
    assert fixable() == [True]


@pytest.mark.parametrize("text, module, name", [
    ("import b6\nb6.repr = f\n", "b6", "repr"),
    ("import a.b.c\na.b.c.repr = f\n", "c", "repr"),
    ("import a.b.c as m\nm.repr, x = f, 1\n", "c", "repr"),
    ("from a import b as m\ndef g():\n    m.str = f\n", "b", "str"),
    ("from . import b\nb.__dict__['open'] = f\n", "b", "open"),
    ("import b\nsetattr(b, 'sorted', f)\n", "b", "sorted"),
    ("import b\nsetattr(b, key, f)\n", "b", "*"),
    ("import b\nvars(b).update(d)\n", "b", "*"),
    ("import mock\n@mock.patch('pkg.mod.repr', create=True)\ndef t(): pass\n", "mod", "repr"),
    ("import b\nwith mock.patch.object(b, 'repr', f): pass\n", "b", "repr"),
    ("import b\nmonkeypatch.setattr(b, 'repr', f)\n", "b", "repr"),
    ("def g(monkeypatch):\n    monkeypatch.setattr('pkg.mod.repr', f)\n", "mod", "repr"),
])
def test_the_index_records_the_attributes_other_modules_assign(tmp_path, text, module, name):
    (tmp_path / "user.py").write_text(text)
    index = project_index.build(str(tmp_path), (), 5_000_000)
    assert name in index.outside(str(tmp_path / f"{module}.py")), index.assigned


@pytest.mark.parametrize("text", [
    "import b\nb.x == f\n",  # no assignment
    "import b\nprint(b.repr)\n",
    "self.repr = f\n",  # no module the file imports
    "import b\nb.attr.repr = f\n",  # an attribute of b's attribute
    "def g(b):\n    b.repr = f\n",  # a parameter named like a module, none imported
])
def test_the_index_records_nothing_else(tmp_path, text):
    (tmp_path / "user.py").write_text(text)
    index = project_index.build(str(tmp_path), (), 5_000_000)
    assert "repr" not in index.outside(str(tmp_path / "b.py")), index.assigned

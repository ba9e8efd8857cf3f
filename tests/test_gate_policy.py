"""Per-path policy of [tool.diracmod]: ported directories and `diracmod lock`, fail-on, gate, the 2.6 floor."""
import json
import subprocess
import sys

import pytest

TIMEOUT = 120


def _run(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def _check(cwd, *args):
    code, out, err = _run(cwd, "check", "--format", "json", "--no-cache", *args)
    return code, sorted((f["path"], f["line"], f["symbol"]) for f in json.loads(out or "[]")), err


@pytest.fixture
def project(tmp_path):
    for name, text in {"pilot/start.py": "import argparse\nSITES = {1, 2}\nwith a, b:\n    pass\n",
                       "core/a/x.py": "from __future__ import absolute_import\nx = 1\n",
                       "core/a/deep/w.py": "y = 2\n",
                       "core/b/y.py": "x = unicode(1)\n",
                       "tools/t.py": "S = {1, 2}\nprint('{}'.format(1))\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "pyproject.toml").write_text(
        '# the project\n[tool.diracmod]\nselect = ["py3k", "target"]  # porting only\n\n'
        '[[tool.diracmod.paths]]\npath = "pilot"\ntarget = "2.6"\n')
    return tmp_path


def test_the_26_floor_flags_27_only_code_only_where_it_is_set(project):
    code, found, err = _check(project)
    assert code == 1, err
    assert [f for f in found if f[0].startswith("pilot")] == [
        ("pilot/start.py", 1, "no-absolute-import"), ("pilot/start.py", 1, "py27-only-import"),
        ("pilot/start.py", 2, "py27-set-literal"), ("pilot/start.py", 3, "py27-multiple-context-managers")]
    assert not any(symbol.startswith("py27-") for path, _, symbol in found if not path.startswith("pilot"))
    # a glob works too, and the floor is kept apart in the cache: the same content, another verdict
    text = (project / "pyproject.toml").read_text().replace('path = "pilot"', 'path = "t*"')
    (project / "pyproject.toml").write_text(text)
    code, found, _ = _run(project, "check", "--format", "json", "--select", "target")
    assert sorted((f["path"], f["symbol"]) for f in json.loads(found)) == [
        ("tools/t.py", "py27-auto-numbered-format"), ("tools/t.py", "py27-set-literal")]


def test_lock_adds_directories_at_zero_and_refuses_others(project):
    code, _, err = _run(project, "lock", "core/b")
    assert code == 1 and "core/b: not locked, 1 py3k finding(s) left" in err
    assert "ported" not in (project / "pyproject.toml").read_text()
    code, _, err = _run(project, "lock")
    assert code == 0, err
    text = (project / "pyproject.toml").read_text()
    assert 'ported = [\n    "core/a",\n]' in text  # the top-most directory at zero, not core/a/deep
    assert "# the project" in text and "# porting only" in text  # the file's comments are kept
    code, _, err = _run(project, "lock")
    assert code == 0 and "nothing to lock" in err
    (project / "core/b/y.py").write_text("x = str(1)\n")
    code, _, err = _run(project, "lock", "core/b")
    assert code == 0 and 'ported = [\n    "core/a",\n    "core/b",\n]' in (project / "pyproject.toml").read_text()


def test_a_ported_directory_stays_py3k_clean_whatever_the_baseline(project):
    assert _run(project, "lock")[0] == 0
    (project / "core/a/deep/w.py").write_text("y = 2\nz = unicode(y)\n")
    (project / "core/b/y.py").write_text("x = unicode(1)\nw = unicode(2)\n")
    assert _run(project, "baseline", "create")[0] == 0
    code, found, err = _check(project)
    assert code == 1 and found == [("core/a/deep/w.py", 2, "unicode-builtin")], err


def test_fail_on_and_gate_decide_what_fails_not_what_is_reported(project):
    (project / "pyproject.toml").write_text(
        '[tool.diracmod]\nselect = ["py3k", "pycodestyle"]\nfail-on = "warning"\n\n'
        '[[tool.diracmod.paths]]\npath = "core/b"\ngate = ["syntax"]\n')
    for name in ("pilot/start.py", "tools/t.py", "core/a/x.py"):
        (project / name).unlink()
    (project / "core/a/deep/w.py").write_text("y=2\n")  # E225: a convention, below fail-on
    code, found, err = _check(project)
    assert code == 0, err  # reported, but neither fails: style below "warning", core/b gates syntax only
    assert found == [("core/a/deep/w.py", 1, "missing-whitespace"), ("core/b/y.py", 1, "unicode-builtin")]
    (project / "core/a/deep/w.py").write_text("y = unicode(2)\n")
    assert _check(project)[0] == 1


@pytest.mark.parametrize("table, message", [
    ('[[tool.diracmod.paths]]\npath = "pilot"\ntarget = "2.5"\n', "expected '2.6' or '2.7'"),
    ('[[tool.diracmod.paths]]\ngate = ["py3k"]\n', "needs a `path`"),
    ('[[tool.diracmod.paths]]\npath = "x"\ngate = ["no-such-rule"]\n', "pyproject.toml: [[tool.diracmod.paths]] gate"),
    ('[tool.diracmod]\nported = ["core", "/etc"]\n', "ported: expected paths inside the project"),
    ('[tool.diracmod]\nported = ["../../etc"]\n', "ported: expected paths inside the project"),
    ('[[tool.diracmod.paths]]\npath = "/etc"\n', "path: expected a path inside the project"),
    ('[[tool.diracmod.paths]]\npath = "core/../../x"\n', "path: expected a path inside the project"),
    ('[tool.diracmod]\nfail-on = "fatal"\n', "'convention' or 'warning' or 'error'"),
])
def test_a_bad_policy_is_a_usage_error(project, table, message):
    (project / "pyproject.toml").write_text(table)
    code, _, err = _check(project)
    assert code == 2 and message in err, err


def test_an_empty_gate_fails_nothing_there(project):
    (project / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\n\n'
                                            '[[tool.diracmod.paths]]\npath = "core/b"\ngate = []\n')
    for name in ("pilot/start.py", "tools/t.py"):
        (project / name).unlink()
    code, found, err = _check(project)
    assert code == 0 and found == [("core/b/y.py", 1, "unicode-builtin")], err  # reported, not failing
    (project / "core/a/x.py").write_text("x = unicode(1)\n")
    assert _check(project)[0] == 1  # elsewhere it still fails


def test_lock_refuses_a_directory_outside_the_current_project(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    (other / "pyproject.toml").write_text("[tool.diracmod]\n")
    (other / "clean").mkdir()
    (other / "clean" / "c.py").write_text("x = 1\n")
    before = (other / "pyproject.toml").read_text(), (project / "pyproject.toml").read_text()
    code, _, err = _run(project, "lock", str(other / "clean"))
    assert code == 2 and "not a directory in the project at" in err, err
    assert before == ((other / "pyproject.toml").read_text(), (project / "pyproject.toml").read_text())


def test_lock_help_has_its_own_exit_codes(project):
    code, out, _ = _run(project, "lock", "--help")
    assert code == 0 and "not locked" in out and "-o" not in out.split("exit codes:")[1]

"""The deps checker inside `diracmod check`: imports of blocking distributions, as findings a CI gate reads."""
import json
import subprocess
import sys

import pytest

from diracmod.core import catalogue


def _configure(root, index_url, cache_dir):
    (root / "pyproject.toml").write_text(
        f'[tool.diracmod.deps]\nindex-url = "{index_url}"\ncache-dir = "{cache_dir}"\n')


def _check(root, *args):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json", *args, "."],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def test_imports_of_blockers_are_findings(dirac_tree, fixture_index, tmp_path):
    _configure(dirac_tree, fixture_index.url, tmp_path / "cache")
    code, findings, _ = _check(dirac_tree, "--select", "deps")
    assert code == 1
    found = {(f["path"], f["line"], f["symbol"]) for f in findings}
    assert ("DIRAC/Core/DB.py", 2, "blocked-dependency-import") in found
    # tornado>=5.0.0 is fine as is (6.0 declares Requires-Python: pip on 2.7 installs 5.1.1): no finding
    assert not [f for f in findings if f["path"] == "DIRAC/Web/Server.py"]
    db = [f for f in findings if f["path"] == "DIRAC/Core/DB.py"][0]
    assert db["message"] == ("imports MySQL-python, which blocks the Python 3 migration: "
                             "no Python 3 release; Python 3 replacement: mysqlclient")
    assert db["message-id"] == "DM201" and db["checker"] == "deps"


DEPS_RULES = [r for r in catalogue.load().rules if r.checker == "deps"]


@pytest.mark.parametrize("rule", DEPS_RULES, ids=[r.symbol for r in DEPS_RULES])
def test_catalogue_examples_of_deps_rules(rule, fixture_index, tmp_path):
    for kind, examples in (("bad", rule.bad), ("good", rule.good)):
        for number, example in enumerate(examples):
            root = tmp_path / f"{kind}{number}"
            root.mkdir()
            (root / "example.py").write_text(example.code)
            _configure(root, fixture_index.url, tmp_path / "cache")
            _, findings, _ = _check(root, "--select", rule.symbol)
            lines = sorted(f["line"] for f in findings if f["symbol"] == rule.symbol)
            assert lines == (sorted(example.lines) if kind == "bad" else []), example.code


def test_only_runs_when_selected_and_warns_when_the_index_is_down(tmp_path, dead_url):
    (tmp_path / "app.py").write_text("import MySQLdb\n")
    _configure(tmp_path, dead_url, tmp_path / "cache")
    _, findings, stderr = _check(tmp_path)
    assert "deps" not in stderr and not [f for f in findings if f["checker"] == "deps"]
    code, findings, stderr = _check(tmp_path, "--select", "deps")
    assert code == 0 and findings == [] and "diracmod: deps:" in stderr


def test_noqa_hides_a_deps_finding(tmp_path, fixture_index):
    # BeautifulSoup 3 never ran on Python 3 (undeclared MySQLdb maps to mysqlclient, which is fine as is)
    (tmp_path / "app.py").write_text("import BeautifulSoup  # noqa: DM201\nimport BeautifulSoup as soup\n")
    _configure(tmp_path, fixture_index.url, tmp_path / "cache")
    _, findings, _ = _check(tmp_path, "--select", "deps")
    assert [f["line"] for f in findings] == [2]

"""`diracmod deps` on the command line: help, exit codes, the JSON shape, the table."""
import json
import subprocess
import sys

import pytest

from diracmod.cli import main
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE

KEYS = ["name", "specifier", "source", "supports_py2", "supports_py3", "bridge_version", "kind", "verdict", "evidence",
        "replacement", "blocked_by"]
KINDS = ("blocks", "needs-change", "unknown", "fine")  # the documented values of `kind`


@pytest.fixture
def run(capsys, fixture_index, tmp_path, empty_site):
    def run(*args):
        code = main(["deps", "--index-url", fixture_index.url, "--cache-dir", str(tmp_path / "cache"),
                     "--site-packages", empty_site, *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err
    return run


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["deps", "--help"])
    out = capsys.readouterr().out
    for line in ("0  no dependency blocks the migration", "1  at least one dependency blocks it",
                 "2  usage error", "3  internal error", "--offline", "--index-url", "--allow-include", "--strict",
                 *(f"  {kind}  " for kind in KINDS)):
        assert line in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "deps" in capsys.readouterr().out


def test_json_shape(run, dirac_tree):
    code, out, _ = run("--format", "json", str(dirac_tree))
    document = json.loads(out)
    assert code == EXIT_FINDINGS
    assert list(document) == ["dependencies", "transitive", "imports", "skipped", "warnings", "summary", "index"]
    for entry in document["dependencies"] + document["transitive"]:
        assert list(entry) == KEYS
        assert entry["supports_py2"] in (True, False, None) and entry["supports_py3"] in (True, False, None)
        assert entry["bridge_version"] is None or isinstance(entry["bridge_version"], str)
        assert isinstance(entry["evidence"], list) and isinstance(entry["blocked_by"], list)
        assert entry["kind"] in KINDS
    tornado = [e for e in document["dependencies"] if e["name"] == "tornado"][0]
    assert tornado["source"].endswith("requirements.txt:12") and tornado["bridge_version"] == "5.1.1"
    six = [e for e in document["dependencies"] if e["name"] == "six"][0]
    assert six["source"].startswith("module imports: ")
    summary = document["summary"]
    assert summary["blockers"] == summary["failing"] == ["MySQL-python", "suds-jurko"]
    assert summary["needs_change"] == ["futures", "funcsigs", "typing"] and summary["unknown"] == ["GSI"]
    assert sum(len(summary[key]) for key in ("blockers", "needs_change", "unknown", "fine")) == summary["dependencies"]
    assert {e["name"]: e["kind"] for e in document["dependencies"]}["tornado"] == "fine"
    assert {"undeclared", "unused", "stdlib", "files_scanned"} <= set(document["imports"])


def test_table(run, dirac_tree, tmp_path):
    code, out, _ = run("-v", str(dirac_tree / "requirements.txt"))
    assert code == EXIT_FINDINGS
    for text in ("Dependencies: Python 2.7 and Python 3 readiness", "MySQL-python", "mysqlclient", "5.1.1",
                 "12 dependencies: 2 blocking the migration, 3 needing a change (a pin or a marker), 1 unknown, "
                 "6 fine as is", "Requires-Python"):
        assert text in out
    report = tmp_path / "deps.txt"
    assert run("-o", str(report), str(dirac_tree / "requirements.txt"))[1] == ""
    assert "6 fine as is" in report.read_text()


def test_clean_project_exits_0(run, tmp_path):
    (tmp_path / "requirements.txt").write_text('six>=1.10\nfutures; python_version < "3"\n')
    code, out, _ = run(str(tmp_path / "requirements.txt"))
    assert code == EXIT_CLEAN and "0 blocking the migration" in out


@pytest.mark.parametrize("requirements, plain, strict", [
    ("tornado>=5.0.0\n", EXIT_CLEAN, EXIT_CLEAN),  # fine as is
    ("futures\n", EXIT_CLEAN, EXIT_FINDINGS),  # needs a marker
    ("git+https://github.com/DIRACGrid/pyGSI.git#egg=GSI\n", EXIT_CLEAN, EXIT_FINDINGS),  # unknown
    ("MySQL-python\nsix\n", EXIT_FINDINGS, EXIT_FINDINGS),  # blocks
])
def test_exit_code_fails_on_blockers_and_with_strict_on_the_rest(run, tmp_path, requirements, plain, strict):
    (tmp_path / "requirements.txt").write_text(requirements)
    assert run("--depth", "0", str(tmp_path / "requirements.txt"))[0] == plain
    assert run("--depth", "0", "--strict", str(tmp_path / "requirements.txt"))[0] == strict


@pytest.mark.parametrize("args, message", [
    (["--index-url", "pypi.org/simple"], "expected an http(s) URL"),
    (["--ttl", "-1"], "must not be negative"),
    (["/no/such/requirements.txt"], "no such file or directory"),
])
def test_usage_errors(capsys, args, message):
    assert main(["deps", *args]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_internal_errors_are_reported_without_traceback(run, monkeypatch, tmp_path):
    from diracmod.commands import deps as deps_command

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(deps_command, "analyse", broken)
    (tmp_path / "requirements.txt").write_text("six\n")
    code, _, err = run(str(tmp_path / "requirements.txt"))
    assert code == EXIT_INTERNAL and "internal error: KeyError" in err


def test_as_a_program(tmp_path):
    (tmp_path / "requirements.txt").write_text("MySQL-python\n")
    proc = subprocess.run([sys.executable, "-m", "diracmod", "deps", "--offline", "--cache-dir", str(tmp_path / "c"),
                           "--no-imports", str(tmp_path / "requirements.txt")], capture_output=True, text=True)
    assert proc.returncode == EXIT_FINDINGS and "no Python 3 release" in proc.stdout

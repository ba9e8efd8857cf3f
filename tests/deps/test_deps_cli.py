"""`diracmod deps` on the command line: help, exit codes, the JSON shape, the table."""
import json
import subprocess
import sys

import pytest

from diracmod.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, main

KEYS = ["name", "specifier", "source", "supports_py2", "supports_py3", "bridge_version", "verdict", "evidence",
        "replacement", "blocked_by"]


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
                 "2  usage error", "3  internal error", "--offline", "--index-url"):
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
    tornado = [e for e in document["dependencies"] if e["name"] == "tornado"][0]
    assert tornado["source"].endswith("requirements.txt:12") and tornado["bridge_version"] == "5.1.1"
    six = [e for e in document["dependencies"] if e["name"] == "six"][0]
    assert six["source"].startswith("module imports: ")
    assert document["summary"]["blockers"] == ["matplotlib", "numpy", "tornado", "MySQL-python", "suds-jurko",
                                               "futures", "funcsigs", "typing"]
    assert {"undeclared", "unused", "stdlib", "files_scanned"} <= set(document["imports"])


def test_table(run, dirac_tree, tmp_path):
    code, out, _ = run("-v", str(dirac_tree / "requirements.txt"))
    assert code == EXIT_FINDINGS
    for text in ("Dependencies: Python 2.7 and Python 3 readiness", "MySQL-python", "mysqlclient", "5.1.1",
                 "12 dependencies: 8 blocking the migration, 1 unknown, 3 ready", "Requires-Python"):
        assert text in out
    report = tmp_path / "deps.txt"
    assert run("-o", str(report), str(dirac_tree / "requirements.txt"))[1] == ""
    assert "stay below 6.0" in report.read_text()


def test_clean_project_exits_0(run, tmp_path):
    (tmp_path / "requirements.txt").write_text('six>=1.10\nfutures; python_version < "3"\n')
    code, out, _ = run(str(tmp_path / "requirements.txt"))
    assert code == EXIT_CLEAN and "0 blocking the migration" in out


@pytest.mark.parametrize("args, message", [
    (["--index-url", "pypi.org/simple"], "expected an http(s) URL"),
    (["--ttl", "-1"], "must not be negative"),
    (["/no/such/requirements.txt"], "no such file or directory"),
])
def test_usage_errors(capsys, args, message):
    assert main(["deps", *args]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_internal_errors_are_reported_without_traceback(run, monkeypatch, tmp_path):
    import diracmod.deps.analysis

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(diracmod.deps.analysis, "analyse", broken)
    (tmp_path / "requirements.txt").write_text("six\n")
    code, _, err = run(str(tmp_path / "requirements.txt"))
    assert code == EXIT_INTERNAL and "internal error: KeyError" in err


def test_as_a_program(tmp_path):
    (tmp_path / "requirements.txt").write_text("futures\n")
    proc = subprocess.run([sys.executable, "-m", "diracmod", "deps", "--offline", "--cache-dir", str(tmp_path / "c"),
                           "--no-imports", str(tmp_path / "requirements.txt")], capture_output=True, text=True)
    assert proc.returncode == EXIT_FINDINGS and "py2-only backport" in proc.stdout

"""Test status from `diracmod tests` (tests.json in the output directory): read when present, in the minimal
documented shape or as `diracmod tests` writes it; a greyed-out column, never an error, otherwise."""
import json

import jsonschema
import pytest

from report_helpers import run_report, write_tree
from diracmod.report import render

FILES = {"pkg/__init__.py": "", "pkg/a.py": "print 'a'\n", "pkg/b.py": "X = 1\n"}


def _run(tmp_path, tests_json):
    tree = write_tree(tmp_path / "project", FILES)
    out = tmp_path / "out"
    out.mkdir()
    if tests_json is not None:
        (out / "tests.json").write_text(tests_json if isinstance(tests_json, str) else json.dumps(tests_json))
    code, _, err = run_report(tree, "-o", out, "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    report = json.loads((out / "report.json").read_text())
    jsonschema.validate(report, render.schema())
    return report, (out / "index.html").read_text()


@pytest.mark.parametrize("shape", ["minimal", "diracmod-tests"])
def test_counts_per_module_and_totals(tmp_path, shape):
    counts = {"pkg.a": {"both": 3, "python2_only": 2, "neither": 1}}
    if shape == "diracmod-tests":  # what `diracmod tests` writes: a list, modules named by path
        counts = [{"module": "pkg/a.py", "tests": 6, "both": 3, "python2_only": 2, "python3_only": 0, "neither": 1}]
    report, index = _run(tmp_path, {"schema_version": 1, "modules": counts})
    assert report["inputs"]["tests"]["available"] is True
    modules = {m["id"]: m["tests"] for m in report["modules"]}
    assert modules["pkg/a.py"] == {"both": 3, "python2_only": 2, "python3_only": 0, "neither": 1}
    assert modules["pkg/b.py"] == {"both": 0, "python2_only": 0, "python3_only": 0, "neither": 0}
    assert report["totals"]["tests"]["python2_only"] == 2 and report["systems"][0]["tests"]["both"] == 3
    assert "Tests pass on both" in index and 'title="no test results"' not in index
    assert "tests pass on both" in (tmp_path / "out" / "report.md").read_text()


@pytest.mark.parametrize("content,reason", [
    (None, "has not written tests.json"),
    ("{not json", "not JSON"),
    ({"schema_version": 2, "modules": {}}, "schema_version 2"),
    ({"schema_version": 1, "modules": {"pkg.a": {"both": "3"}}}, "expected counts"),
])
def test_absent_or_unreadable_is_greyed(tmp_path, content, reason):
    report, index = _run(tmp_path, content)
    assert report["inputs"]["tests"]["available"] is False and reason in report["inputs"]["tests"]["detail"]
    assert all(m["tests"] is None for m in report["modules"]) and report["totals"]["tests"] is None
    assert 'title="no test results"' in index

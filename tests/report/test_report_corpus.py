"""Done-when 1 on a real corpus: Django 1.4.22's site, JSON (valid against the shipped schema) and Markdown."""
import json

import jsonschema
import pytest

from bench import corpora
from report_helpers import run_report
from diracmod.report import render

pytestmark = pytest.mark.corpus


def test_django_report(tmp_path):
    root = corpora.fetch("Django")
    code, _, err = run_report(root, "-o", tmp_path / "out", "--deps", "offline", "-q", cwd=tmp_path,
                              timeout=1800)  # a cold check of 1,875 files on a busy 2-core machine
    assert code == 0, err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    jsonschema.validate(report, render.schema())
    files = corpora.python_files(root)
    assert report["totals"]["modules"] == len(files)
    assert report["totals"]["lines"] >= sum((root / f).read_bytes().count(b"\n") for f in files)
    assert len(list((tmp_path / "out" / "modules").glob("*.html"))) == len(files)
    index = (tmp_path / "out" / "index.html").read_text()
    assert index.count("<tr data-status=") == len(files)
    assert "## Systems" in (tmp_path / "out" / "report.md").read_text()
    # the porting order is a topological order of the units: imports first
    position = {m: i for i, unit in enumerate(report["porting_order"]) for m in unit["modules"]}
    for module in report["modules"]:
        for target in module["imports"]:
            assert position[target] <= position[module["id"]]

"""A report of an unchanged tree reuses the last analysis and rewrites no file of the site; any change of an
input (a file, tests.json, CODEOWNERS, the settings) makes a new one."""
import json
import os

from report_helpers import write_tree
from diracmod.core import config as configuration
from diracmod.report import model, pipeline, site

FILES = {"pkg/__init__.py": "", "pkg/a.py": "print 'a'\n", "pkg/b.py": "from pkg import a\nX = 1\n"}


def _run(tree, out, options=None):
    config = configuration.load(tree)
    analysis = pipeline.run(str(tree), config, options or pipeline.RunOptions(jobs=1, deps="off", output=str(out)),
                            {})
    site.write(str(site.prepare_output(str(out), str(tree))), analysis, [])
    return analysis


def _stamps(out):
    return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_unchanged_tree_reuses_everything(tmp_path, monkeypatch):
    tree, out = write_tree(tmp_path / "project", FILES), tmp_path / "out"
    first = _run(tree, out)
    before = _stamps(out)
    built = []
    monkeypatch.setattr(model, "build", lambda *args, **kwargs: built.append(args))
    second = _run(tree, out)
    assert built == [] and second.report == first.report and second.key == first.key
    assert _stamps(out) == before  # not one file rewritten


def test_every_input_counts(tmp_path):
    tree, out = write_tree(tmp_path / "project", FILES), tmp_path / "out"
    keys = [_run(tree, out).key]
    (tree / "pkg" / "b.py").write_text("from pkg import a\nprint 'b'\n")
    keys.append(_run(tree, out).key)
    (out / "tests.json").write_text(json.dumps({"schema_version": 1, "modules": {"pkg.a": {"both": 1, "neither": 0}}}))
    analysis = _run(tree, out)
    keys.append(analysis.key)
    assert analysis.report["inputs"]["tests"]["available"]
    (tree / "CODEOWNERS").write_text("* @someone\n")
    analysis = _run(tree, out)
    keys.append(analysis.key)
    assert analysis.report["modules"][0]["owners"] == ["@someone"]
    (tree / "pyproject.toml").write_text("[tool.diracmod]\nignore = ['print-statement']\n")
    keys.append(_run(tree, out).key)
    assert len(set(keys)) == len(keys)
    os.remove(out / "index.html")  # a deleted page is written again, the analysis still reused
    _run(tree, out)
    assert (out / "index.html").is_file()

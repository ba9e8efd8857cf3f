"""`diracmod report` on the bundled example and on hostile trees: JSON valid against the shipped schema,
Markdown, site; escaping; clear exit-2 messages; nothing written outside --output."""
import json
import os
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from report_helpers import run_report, write_tree
from diracmod.core import catalogue
from diracmod.report import effort, render, site

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legacy_project"


def _files(directory: Path) -> set:
    return {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    work = tmp_path_factory.mktemp("example")
    tree = work / "legacy_project"
    shutil.copytree(EXAMPLE, tree)
    before = _files(work)
    code, _, err = run_report(tree, "-o", work / "out", "--deps", "off", cwd=work)
    assert code == 0, err
    written = _files(work) - before
    return work, json.loads((work / "out" / "report.json").read_text()), written


def test_example_json_matches_schema_and_markdown_is_written(example_report):
    work, report, _ = example_report
    jsonschema.Draft202012Validator.check_schema(render.schema())
    jsonschema.validate(report, render.schema())
    assert report["totals"]["modules"] == len(list((work / "legacy_project").rglob("*.py")))
    markdown = (work / "out" / "report.md").read_text()
    assert "Python 3 readiness" in markdown and "| JobMon |" in markdown
    assert report["inputs"]["deps"]["available"] is False  # --deps off: greyed, not "no blockers"
    assert report["inputs"]["fix"]["available"] is True  # fix has landed: fixable is what it rewrites
    assert all(m["dependency_blockers"] is None for m in report["modules"])


def test_markdown_parses_as_the_tables_it_means(example_report):
    """report.md read by a CommonMark parser with GitHub's tables (markdown-it-py, which rich brings): each
    section's table has one row per status, system, owner and rule, every row as wide as its header."""
    from markdown_it import MarkdownIt

    work, report, _ = example_report
    tokens = MarkdownIt("commonmark").enable("table").parse((work / "out" / "report.md").read_text())
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert headings[:3] == ["Systems", "Owners", next(h for h in headings if h.startswith("Rules"))]
    widths = []
    for t in tokens:
        if t.type == "table_open":
            widths.append([])
        elif t.type == "tr_open":
            widths[-1].append(0)
        elif t.type in ("th_open", "td_open"):
            widths[-1][-1] += 1
    assert [len(rows) - 1 for rows in widths] == [len(report["statuses"]), len(report["systems"]),
                                                  len(report["owners"]),
                                                  min(render.RULES_SHOWN, sum(r["porting"] for r in report["rules"]))]
    assert all(len(set(rows)) == 1 for rows in widths)


def test_example_totals_agree_with_check(example_report, tmp_path):
    """Counts come from `diracmod check` itself: the same findings, file by file."""
    import subprocess
    import sys
    work, report, _ = example_report
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--format", "json", "-q", "legacy_project"],
                          cwd=work, capture_output=True, text=True, timeout=300)
    findings = json.loads(done.stdout)
    assert report["totals"]["findings"] == len(findings)
    per_file = {}
    for f in findings:
        per_file[f["path"]] = per_file.get(f["path"], 0) + 1
    for m in report["modules"]:
        assert m["findings"] == per_file.get(os.path.relpath(m["path"], work), 0), m["id"]
    # per rule and checker, as check counts them; the most effort first; in the Markdown and on the site
    by_rule = {}
    for f in findings:
        by_rule[f["symbol"]] = by_rule.get(f["symbol"], 0) + 1
    assert {r["symbol"]: r["findings"] for r in report["rules"]} == by_rule
    assert {(r["symbol"], r["checker"], tuple(r["msg_ids"])) for r in report["rules"]} == {
        (f["symbol"], f["checker"], tuple(sorted({g["message-id"] for g in findings if g["symbol"] == f["symbol"]})))
        for f in findings}
    assert sum(r["effort"] for r in report["rules"]) == pytest.approx(report["totals"]["effort"], abs=0.5)
    efforts = [r["effort"] for r in report["rules"]]
    assert efforts == sorted(efforts, reverse=True) and efforts[0] > 0
    top = next(r for r in report["rules"] if r["porting"])
    assert f"| `{top['symbol']}` (" in (work / "out" / "report.md").read_text()
    assert f"<code>{top['symbol']}</code>" in (work / "out" / "index.html").read_text()


def test_site_is_self_contained_and_written_only_into_output(example_report):
    work, report, written = example_report
    ours = ("out/", "legacy_project/.diracmod_cache/")
    assert all(name.startswith(ours) for name in written), written
    out = work / "out"
    assert {"index.html", "graph.html", "report.json", "report.md", "assets/chart.umd.min.js"} <= _files(out)
    assert len(list((out / "modules").glob("*.html"))) == report["totals"]["modules"]
    for page in out.rglob("*.html"):
        assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page.read_text()), page  # nothing fetched


def test_effort_weights_come_from_the_catalogue():
    rules = catalogue.load()
    weighted = [rule for rule in rules.rules if rule.effort is not None]
    assert {"unicode-builtin", "old-division", "blocked-dependency-import", "python3-syntax-error"} <= {
        rule.symbol for rule in weighted}
    for rule in weighted:
        assert isinstance(rule.effort, (int, float)) and rule.effort >= 0, rule.symbol
        assert effort.weight(rule.symbol, rule.checker, False) == rule.effort
        assert effort.weight(rule.symbol, rule.checker, True) == effort.FIXABLE
    unweighted = next(rule for rule in rules.rules if rule.effort is None and rule.checker == "py3k")
    assert effort.weight(unweighted.symbol, "py3k", False) == effort.MANUAL
    assert effort.weight("E501", "pycodestyle", False) == effort.STYLE


def test_source_and_messages_are_escaped(tmp_path):
    payload = "</script><script>alert(1)</script>"
    tree = write_tree(tmp_path / "project", {
        "pkg/__init__.py": "",
        "pkg/evil.py": f"s = '{payload}'\nprint s\n",
        f"pkg/x{'<b>'.replace('<', '').replace('>', '')}.py": "import os\n",
    })
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", cwd=tmp_path)
    assert code == 0, err
    for page in (tmp_path / "out").rglob("*.html"):
        assert "<script>alert(1)" not in page.read_text(), page
    evil = next((tmp_path / "out" / "modules").glob("pkg.evil*"))
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in evil.read_text()


def test_source_rows_escape_lines_and_findings(tmp_path):
    """The module page's source rows (built outside the template, for speed) escape the code and every part of
    a finding, and keep Python's line numbering (a form feed does not end a line)."""
    payload = "</script><script>alert(1)</script>"
    (tmp_path / "m.py").write_text(f"s = '{payload}'\f x\r\nprint s\n")
    rows = str(site._source_rows({"path": str(tmp_path / "m.py"), "items": [
        {"line": 2, "checker": "py3k", "msg_id": "<i>E1</i>", "symbol": "<b>sym</b>", "message": payload,
         "fixable": True}]}))
    assert "<script>" not in rows and "<b>" not in rows and "<i>" not in rows
    assert rows.count("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    lines = rows.rstrip("\n").split("\n")
    assert [line.split('"')[1] for line in lines] == ["L1", "L2"] and "\f x</pre>" in lines[0]
    assert 'class="hit"' in lines[1] and "(fixable)" in lines[1] and 'class="hit"' not in lines[0]
    (tmp_path / "empty.py").write_text("")
    assert site._source_rows({"path": str(tmp_path / "empty.py"), "items": []}) == ""
    assert site._source_rows({"path": str(tmp_path / "missing.py"), "items": []}) is None


def test_tree_with_syntax_errors_and_undecodable_files(tmp_path):
    tree = write_tree(tmp_path / "project", {"ok.py": "x = 1\n", "broken.py": "def f(:\n", "sub/__init__.py": ""})
    (tree / "latin.py").write_bytes(b"s = '\xe9\xff\xfe'\n")
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", cwd=tmp_path)
    assert code == 0, err
    modules = {m["id"]: m for m in json.loads((tmp_path / "out" / "report.json").read_text())["modules"]}
    assert modules["broken.py"]["status"] == "syntax-error"
    assert modules["ok.py"]["status"] == "ported"
    assert modules["latin.py"]["status"] in ("syntax-error", "manual")


@pytest.mark.parametrize("exclude", [(), ("--exclude", "**")])
def test_nothing_to_report_is_a_usage_error(tmp_path, exclude):
    tree = write_tree(tmp_path / "tree", {} if not exclude else {"a.py": "x = 1\n"})
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", *exclude, cwd=tmp_path)
    assert code == 2, err
    assert "nothing to report" in err
    assert not (tmp_path / "out" / "report.json").exists()


def test_help_states_the_report_exit_codes(tmp_path):
    code, out, _ = run_report("--help", cwd=tmp_path)
    assert code == 0
    codes = out[out.index("exit codes:"):]
    assert "0  report written" in codes and "nothing to report" in codes and "3  internal error" in codes
    assert "findings" not in codes and "(not used)" not in codes


@pytest.mark.parametrize("case", ["missing-path", "output-is-a-file", "output-read-only", "output-is-the-tree",
                                  "bad-settings"])
def test_clear_usage_errors(tmp_path, case):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    output = tmp_path / "out"
    path = tree
    if case == "missing-path":
        path = tmp_path / "nowhere"
    elif case == "output-is-a-file":
        output.write_text("not a directory")
    elif case == "output-read-only":
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only directories")
        output.mkdir()
        output.chmod(0o500)
    elif case == "output-is-the-tree":
        output = tree
    else:
        (tree / "pyproject.toml").write_text("[tool.diracmod.report]\nsystem-depth = 'two'\n")
    code, out, err = run_report(path, "-o", output, "--deps", "off", cwd=tmp_path)
    assert code == 2, (code, err)
    assert err.startswith("diracmod report: ") and out == ""


def test_output_that_cannot_be_written_as_root(tmp_path):
    """Root ignores permissions: a path under a file still cannot be a directory."""
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    (tmp_path / "file").write_text("")
    code, _, err = run_report(tree, "-o", tmp_path / "file" / "out", "--deps", "off", cwd=tmp_path)
    assert code == 2 and "cannot write there" in err


def test_systems_grouping_from_settings(tmp_path):
    tree = write_tree(tmp_path / "project", {"a/x.py": "", "a/b/y.py": "", "c/z.py": "", "top.py": ""})
    (tree / "pyproject.toml").write_text('[tool.diracmod.report]\nsystem-depth = 2\nsystems = {Core = ["c/*"]}\n')
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", cwd=tmp_path)
    assert code == 0, err
    systems = {m["id"]: m["system"] for m in json.loads((tmp_path / "out" / "report.json").read_text())["modules"]}
    assert systems == {"a/x.py": "a", "a/b/y.py": "a/b", "c/z.py": "Core", "top.py": "(top level)"}


def test_stale_pages_go_but_foreign_files_stay(tmp_path):
    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    foreign = tmp_path / "out" / "modules" / "mine.html"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("not ours")
    assert run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)[0] == 0
    assert len(list(foreign.parent.glob("b.py-*.html"))) == 1
    (tree / "b.py").unlink()
    assert run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)[0] == 0
    assert list(foreign.parent.glob("b.py-*.html")) == [] and foreign.read_text() == "not ours"

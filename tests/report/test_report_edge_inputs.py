"""`diracmod report` on hostile inputs: the tree given as `.`, odd file names, broken CODEOWNERS lines,
nothing to report, malformed tests.json."""
import json

import pytest

from report_helpers import run_report, write_tree

TREE = {"app/__init__.py": "", "app/core.py": "import app.util\nprint 'x'\n", "app/util.py": "x = 1\n",
        "lib/__init__.py": "", "lib/tool.py": "from app import core\n"}


def _numbers(report: dict) -> tuple:
    modules = sorted((m["id"], m["system"], m["status"], m["unit"] >= 0) for m in report["modules"])
    return (modules, report["totals"]["status"], [s["name"] for s in report["systems"]],
            len(report["porting_order"]))


@pytest.mark.parametrize("spelling", [".", "./project", "project", "absolute"])
def test_every_spelling_of_the_tree_gives_the_same_report(tmp_path, spelling):
    tree = write_tree(tmp_path / "project", TREE)
    code, _, err = run_report("project", "-o", tmp_path / "by-name", "--deps", "off", "--no-cache", cwd=tmp_path)
    assert code == 0, err
    expected = _numbers(json.loads((tmp_path / "by-name" / "report.json").read_text()))
    path, cwd = {".": (".", tree), "./project": ("./project", tmp_path), "project": ("project", tmp_path),
                 "absolute": (tree, tmp_path)}[spelling]
    code, _, err = run_report(path, "-o", tmp_path / "out", "--deps", "off", "--no-cache", cwd=cwd)
    assert code == 0, err
    got = _numbers(json.loads((tmp_path / "out" / "report.json").read_text()))
    assert got == expected
    assert set(got[2]) == {"app", "lib"}


@pytest.mark.parametrize("line", ["[", "[a-", "[Sec", "[unclosed", "app/[x @broken"])
def test_codeowners_line_the_library_refuses_is_ignored_with_a_warning(tmp_path, line):
    tree = write_tree(tmp_path / "project", {**TREE, "CODEOWNERS": f"* @all\n{line}\napp/ @app\n"})
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", cwd=tmp_path)
    assert code == 0, err
    assert "CODEOWNERS: line 2 ignored" in err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    owners = {m["id"]: m["owners"] for m in report["modules"]}
    assert owners["app/core.py"] == ["@app"] and owners["lib/tool.py"] == ["@all"]
    assert "line 2 ignored" in report["inputs"]["owners"]["detail"]


def test_markdown_names_with_backticks_and_pipes_and_owners_without_lines(tmp_path):
    """report.md through a CommonMark parser: each odd name is one code span with the name as written,
    no backslash shows outside a table, and an owner of empty files only has no share of lines ported."""
    from markdown_it import MarkdownIt

    names = ["tick`name.py", "pipe|name.py", "`edge.py"]
    tree = write_tree(tmp_path / "project", {**{name: "print 'x'\n" for name in names},
                                             "CODEOWNERS": "* @all\nbinary/ @nolines\n"})
    (tree / "binary").mkdir()
    (tree / "binary" / "blob.py").write_bytes(b"\x00\x01\x02")  # not checked, no lines of code
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", cwd=tmp_path)
    assert code == 0, err
    text = (tmp_path / "out" / "report.md").read_text()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    port_next = tokens[[t.content for t in tokens].index(next(t.content for t in tokens
                                                               if t.content.startswith("Port next"))):]
    spans = [child for t in port_next if t.type == "inline" for child in t.children]
    assert set(names) <= {c.content for c in spans if c.type == "code_inline"}
    assert not any("\\" in c.content for c in spans if c.type == "text")
    row = next(line for line in text.splitlines() if line.startswith("| @nolines |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:5] == ["1", "0.0%", "0", "n/a"], row
    # the site says the same: no share of lines for an owner without lines (it said 100.0%)
    page = (tmp_path / "out" / "index.html").read_text()
    owner_row = page[page.index("<td>@nolines</td>"):]
    owner_row = owner_row[:owner_row.index("</tr>")]
    assert "n/a" in owner_row and "100.0%" not in owner_row, owner_row


def _tests_column(tmp_path, write) -> str:
    tree = write_tree(tmp_path / "project", TREE)
    out = tmp_path / "out"
    out.mkdir()
    write(out / "tests.json")
    code, _, err = run_report(tree, "-o", out, "--deps", "off", "-q", "--no-cache", cwd=tmp_path)
    assert code == 0, err
    report = json.loads((out / "report.json").read_text())
    assert report["inputs"]["tests"]["available"] is False
    assert all(m["tests"] is None for m in report["modules"])
    return report["inputs"]["tests"]["detail"]


@pytest.mark.parametrize("document,reason", [
    ({"schema_version": True, "modules": []}, "schema_version True"),
    ({"schema_version": 1, "modules": [5, None, "x", []]}, "modules[0]: expected an object"),
    ({"schema_version": 1, "modules": [{"module": "app/core.py", "both": 1, "neither": 0}, {"module": 5}]},
     "modules[1]: expected an object"),
    ({"schema_version": 1, "modules": [{"module": "app/core.py", "both": 1e41, "neither": 0}]}, "expected counts"),
    ({"schema_version": 1, "modules": [{"module": "app/core.py", "both": 1, "neither": 0, "extra": 1}]},
     "expected counts"),
    ({"schema_version": 1, "modules": [{"module": "app/core.py", "tests": -1, "both": 1, "neither": 0}]},
     "expected counts"),
])
def test_tests_json_outside_the_tests_schema_is_greyed_with_the_reason(tmp_path, document, reason):
    """Each document is one tests-1.json refuses too (its schema_version and modules parts)."""
    import jsonschema
    from importlib import resources

    schema = json.loads(resources.files("diracmod.testrun").joinpath("schema/tests-1.json").read_text())
    parts = {"type": "object", "properties": {k: schema["properties"][k] for k in ("schema_version", "modules")},
             "$defs": schema["$defs"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, parts)
    assert reason in _tests_column(tmp_path, lambda path: path.write_text(json.dumps(document)))


@pytest.mark.parametrize("kind", ["nested", "directory", "fifo", "device"])
def test_tests_json_that_cannot_be_read_says_why(tmp_path, kind):
    import os

    def write(path):
        if kind == "nested":
            path.write_text("[" * 100_000)
        elif kind == "directory":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")

    detail = _tests_column(tmp_path, write)
    assert "has not written" not in detail
    assert ("nested too deeply" if kind == "nested" else "could not be read") in detail


def test_file_name_that_is_not_utf8_is_reported_escaped(tmp_path):
    """As `check`: the module is reported, its name escaped where it is shown (JSON reads the escape back
    as the same name); a warm run reuses the cached analysis; --history checks such a name out too."""
    import os
    import subprocess

    tree = write_tree(tmp_path / "project", {"ok.py": "print 'x'\n"})
    (tree / os.fsdecode(b"bad\xffname.py")).write_text("y=1\n")
    for run in ("cold", "warm"):
        code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", cwd=tmp_path)
        assert code == 0, (run, err)
        report = json.loads((tmp_path / "out" / "report.json").read_text())
        assert {m["id"] for m in report["modules"]} == {"ok.py", os.fsdecode(b"bad\xffname.py")}
    assert "bad\\udcffname.py" in (tmp_path / "out" / "index.html").read_text()

    def git(*args):
        subprocess.run(["git", "-C", str(tree), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                       check=True, capture_output=True, timeout=60)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    code, _, err = run_report(tree, "-o", tmp_path / "history", "--deps", "off", "--history", "HEAD", cwd=tmp_path)
    assert code == 0, err
    row = json.loads((tmp_path / "history" / "history.jsonl").read_text().splitlines()[-1])
    assert row["totals"]["modules"] == 2


def test_a_system_without_lines_has_no_share_of_lines_in_the_chart(tmp_path):
    """A system of an empty __init__.py and an unreadable module: no bar and no "100.0% of lines" in the chart
    (it said 100%), an empty file counted as 0 lines (it was 1)."""
    tree = write_tree(tmp_path / "project", {"core/a.py": "print 'x'\n", "empty/__init__.py": "",
                                             "empty/b.py": "# coding: nonexist\nprint 1\n"})
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    page = (tmp_path / "out" / "index.html").read_text()
    systems = json.loads(page[page.index('"systems": [') + len('"systems": '):].split("]", 1)[0] + "]")
    assert {s["name"]: s["lines"] for s in systems} == {"core": 0.0, "empty": None}
    assert "empty 50.0% of modules, no lines of code" in page
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {m["id"]: m["lines"] for m in report["modules"]}["empty/__init__.py"] == 0

"""Owners: CODEOWNERS (GitHub's syntax: the last matching pattern wins; GitLab's sections and their default
owners), else the main authors from git history; progress per owner by modules and by lines, in the JSON (valid
against the schema), the Markdown and the site; greyed out when nothing says who owns the code."""
import json
import subprocess

import jsonschema

from report_helpers import run_report, write_tree
from diracmod.report import render

PY2 = "print 'x'\n"
PORTED = "from __future__ import absolute_import\nX = 1\n"


def _report(tmp_path, tree):
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path,
                              env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert code == 0, err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    jsonschema.validate(report, render.schema())
    return report


def _git(repo, *args, author="Ann Author <ann@example.org>"):
    name, _, email = author.partition(" <")
    subprocess.run(["git", "-C", str(repo), "-c", f"user.name={name}", "-c", f"user.email={email[:-1]}", *args],
                   check=True, capture_output=True, timeout=120)


def test_github_codeowners_last_match_wins(tmp_path):
    tree = write_tree(tmp_path / "project", {
        "core/a.py": PY2, "core/b.py": PORTED, "wms/agent.py": PY2 * 3, "wms/special.py": PORTED, "setup.py": PORTED,
        ".github/CODEOWNERS": "# comment\n*  @org/everyone\n/core/ @org/core\n/wms/ @org/wms\n"
                              "wms/special.py @bob @org/core\n/setup.py\n",
    })
    report = _report(tmp_path, tree)
    owners = {m["id"]: m["owners"] for m in report["modules"]}
    assert owners == {"core/a.py": ["@org/core"], "core/b.py": ["@org/core"], "wms/agent.py": ["@org/wms"],
                      "wms/special.py": ["@bob", "@org/core"], "setup.py": []}
    assert report["inputs"]["owners"] == {"available": True, "detail": "CODEOWNERS (.github/CODEOWNERS)"}
    by_owner = {o["name"]: o for o in report["owners"]}
    assert set(by_owner) == {"@org/core", "@org/wms", "@bob", "(no owner)"}
    core = by_owner["@org/core"]  # a.py (not ported), b.py and special.py (ported): counted under each owner
    assert (core["modules"], core["status"]["ported"]) == (3, 2)
    lines = {m["id"]: m["lines"] for m in report["modules"]}
    assert core["lines"] == lines["core/a.py"] + lines["core/b.py"] + lines["wms/special.py"]
    assert core["ported_lines_fraction"] == round((lines["core/b.py"] + lines["wms/special.py"]) / core["lines"], 4)
    markdown = (tmp_path / "out" / "report.md").read_text()
    assert "## Owners" in markdown and "| @org/wms | 1 | 0.0% |" in markdown
    index = (tmp_path / "out" / "index.html").read_text()
    assert 'id="owners"' in index and "@org/wms" in index


def test_gitlab_sections_and_default_owners(tmp_path):
    tree = write_tree(tmp_path / "project", {
        "docs/conf.py": PORTED, "src/x.py": PY2, "src/y.py": PY2,
        "CODEOWNERS": "[Documentation] @docs-team\ndocs/\n\n^[Backend][2] @backend\nsrc/\nsrc/y.py @yvonne\n",
    })
    owners = {m["id"]: m["owners"] for m in _report(tmp_path, tree)["modules"]}
    assert owners == {"docs/conf.py": ["@docs-team"], "src/x.py": ["@backend"], "src/y.py": ["@yvonne"]}


def test_main_authors_from_git_history(tmp_path):
    repo = write_tree(tmp_path / "repo", {"pkg/__init__.py": "", "pkg/a.py": PY2 * 10, "pkg/b.py": PY2})
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "one")
    (repo / "pkg" / "b.py").write_text(PY2 * 20)
    _git(repo, "commit", "-qam", "two", author="Bo Builder <bo@example.org>")
    report = _report(tmp_path, repo)
    owners = {m["id"]: m["owners"] for m in report["modules"]}
    # b.py: Ann 1 line, Bo 20 lines changed: Bo alone has 25% or more
    assert owners == {"pkg/__init__.py": [], "pkg/a.py": ["Ann Author"], "pkg/b.py": ["Bo Builder"]}
    assert "git history" in report["inputs"]["owners"]["detail"]


def test_no_owners_is_greyed_not_empty(tmp_path):
    tree = write_tree(tmp_path / "project", {"a.py": PY2})
    report = _report(tmp_path, tree)
    assert report["inputs"]["owners"]["available"] is False and report["owners"] == []
    assert all(m["owners"] is None for m in report["modules"])
    assert "## Owners" not in (tmp_path / "out" / "report.md").read_text()
    assert "Not available: no CODEOWNERS" in (tmp_path / "out" / "index.html").read_text()


def test_gitlab_exclusions_and_sections_of_one_name(tmp_path):
    """`!path` takes a file out of its section only (GitLab 17.10+: final within the section, whatever the order);
    sections of one name, whatever the case, are one section (its last matching line wins)."""
    tree = write_tree(tmp_path / "project", {
        "src/a.py": PY2, "src/gen/b.py": PY2, "src/vendored.py": PY2, "docs/conf.py": PORTED, "docs/api/x.py": PY2,
        ".gitlab/CODEOWNERS": "* @all\n!src/vendored.py\n\n[Docs] @docs-team\ndocs/\n\n"
                              "^[Backend][2] @backend\nsrc/\n!src/gen/\n\n[DOCS]\ndocs/api/ @api\n",
    })
    report = _report(tmp_path, tree)
    owners = {m["id"]: m["owners"] for m in report["modules"]}
    assert owners == {"src/a.py": ["@backend", "@all"], "src/gen/b.py": ["@all"], "src/vendored.py": ["@backend"],
                      "docs/conf.py": ["@docs-team", "@all"], "docs/api/x.py": ["@api", "@all"]}


def test_github_has_no_negation(tmp_path):
    """GitHub ignores a `!` line (it does not support negation): the file keeps the owners of `*`."""
    tree = write_tree(tmp_path / "project", {"a.py": PY2, ".github/CODEOWNERS": "* @all\n!a.py\n"})
    assert _report(tmp_path, tree)["modules"][0]["owners"] == ["@all"]


def test_history_reads_owners_as_of_each_revision(tmp_path):
    """--history: the repository's CODEOWNERS (outside the reported tree) at each commit, and without one the
    main authors up to that commit; a row's owners equal a report of the tree checked out at that commit."""
    repo = write_tree(tmp_path / "repo", {"src/a.py": PY2, "src/b.py": PORTED})
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "one")  # no CODEOWNERS: Ann wrote everything
    (repo / "src" / "a.py").write_text(PY2 * 20)
    _git(repo, "commit", "-qam", "two", author="Bo Builder <bo@example.org>")
    (repo / ".gitlab").mkdir()
    (repo / ".gitlab" / "CODEOWNERS").write_text("/src/ @team\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "three")
    (repo / ".gitlab" / "CODEOWNERS").write_text("/src/ @team\n/src/b.py @bob\n")
    (repo / "src" / "c.py").write_text(PORTED)  # in the working tree only: not in any revision
    _git(repo, "commit", "-qam", "four")
    code, _, err = run_report(repo / "src", "--history", "HEAD~3,HEAD~2,HEAD~1,HEAD", "-o", tmp_path / "out",
                              "--deps", "off", "-q", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert code == 0, err
    rows = [json.loads(line) for line in (tmp_path / "out" / "history.jsonl").read_text().splitlines()]
    assert [sorted(r["owners"]) for r in rows] == [["Ann Author"], ["Ann Author", "Bo Builder"], ["@team"],
                                                   ["@bob", "@team"]]
    assert rows[3]["owners"]["@bob"]["modules"] == 1 and rows[3]["owners"]["@team"]["modules"] == 1
    assert rows[1]["owners"]["Bo Builder"]["todo"] == 1 and rows[1]["owners"]["Ann Author"]["ported"] == 1
    index = (tmp_path / "out" / "index.html").read_text()
    assert 'id="history-group"' in index  # the burn-down can be drawn per owner

"""Done-when 3: --history over >= 10 revisions of a git repository the test builds: one row per revision,
numbers equal to separate `report` runs at those revisions, in less than 3x the time of one cold report, and an
unchanged file is never re-checked."""
import json
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from report_helpers import TIMEOUT, run_report, write_tree
from diracmod.check import engine
from diracmod.core import config as configuration
from diracmod.report import history, pipeline

ROOT = Path(__file__).resolve().parents[2]
REVISIONS = 10


def _git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          timeout=TIMEOUT).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The bundled example ported one file per commit (plus a commit that adds one, one that removes one,
    one that changes no Python file)."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    (repo / "README").write_text("start\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "start")
    base = _git(repo, "rev-parse", "HEAD")
    shutil.copytree(ROOT / "examples" / "legacy_project", repo / "project")
    (repo / "project" / "pyproject.toml").write_text("[tool.diracmod]\n")
    files = sorted(p for p in (repo / "project").rglob("*.py"))
    steps = ["import"] + [f"port {p.name}" for p in files[:6]] + ["add", "docs", "remove"]
    for step in steps[:REVISIONS]:
        if step.startswith("port "):
            target = next(p for p in files if p.name == step[5:])
            target.write_text("from __future__ import absolute_import\nVALUE = 1\n")
        elif step == "add":
            (repo / "project" / "JobMon" / "New.py").write_text("print 'new'\n")
        elif step == "docs":
            (repo / "project" / "NOTES.txt").write_text("notes\n")
        elif step == "remove":
            (repo / "project" / "JobMon" / "New.py").unlink()
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", step)
    return repo, base


def _cpu_seconds(function, *args, **kwargs):
    """(result, CPU seconds of the processes it ran): the machine is shared, CPU time is what the load does
    not inflate (bench/report_bench.py prints wall time too)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = function(*args, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_history_rows_equal_separate_reports(repo, tmp_path):
    repo, base = repo
    shutil.rmtree(repo / "project" / ".diracmod_cache", ignore_errors=True)  # cold, as the reports it is timed against
    (code, _, err), history_cpu = _cpu_seconds(run_report, repo / "project", "--history", f"{base}..HEAD", "-o",
                                               tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    rows = [json.loads(line) for line in (tmp_path / "out" / "history.jsonl").read_text().splitlines()]
    commits = _git(repo, "rev-list", "--reverse", f"{base}..HEAD").split()
    assert [r["commit"] for r in rows] == commits and len(rows) >= 10
    assert rows[0]["totals"]["todo"] > rows[6]["totals"]["todo"]  # the burn-down goes down
    cold_cpu = []
    for row in rows:
        checkout = tmp_path / row["commit"]
        checkout.mkdir()
        archive = subprocess.run(["git", "-C", str(repo), "archive", row["commit"], "project"], check=True,
                                 capture_output=True, timeout=TIMEOUT).stdout
        subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive, check=True, timeout=TIMEOUT)
        (code, _, err), cpu = _cpu_seconds(run_report, checkout / "project", "-o", checkout / "out", "--deps", "off",
                                           "-q", cwd=checkout)  # its own new cache: a cold report
        assert code == 0, err
        cold_cpu.append(cpu)
        separate = json.loads((checkout / "out" / "report.json").read_text())
        assert row["totals"] == history.row(separate, {})["totals"], row["label"]
        assert row["systems"] == history.row(separate, {})["systems"], row["label"]
        assert row["owners"] == history.row(separate, {})["owners"] and row["owners"], row["label"]
    assert "chart-history" in (tmp_path / "out" / "index.html").read_text()
    markdown = (tmp_path / "out" / "report.md").read_text()
    last = rows[-1]["totals"]
    assert f"| {rows[-1]['label']} | {rows[-1]['date'][:10]} | {last['ported']} of {last['modules']} |" in markdown
    assert history_cpu < 3 * cold_cpu[-1], (history_cpu, cold_cpu)  # all revisions vs one cold report of the last


def test_unchanged_files_are_never_rechecked(repo, tmp_path, monkeypatch):
    repo, base = repo
    checked = []
    original = engine.check_file
    # a content is checked again only where what the project index says of it changed (its cache key: a class it
    # names no longer defining __unicode__ once its module is ported)
    monkeypatch.setattr(engine, "check_file", lambda path, plan: checked.append(
        (Path(path).read_bytes(), plan.project.context(Path(path).read_bytes()) if plan.project else ""))
                        or original(path, plan))
    config = configuration.Config(root=str(tmp_path), cache_dir="cache")
    options = pipeline.RunOptions(jobs=1, deps="off")
    resolved = history.resolve(str(repo / "project"), f"{base}..HEAD")
    rows = history.compute(resolved, config, options, {}, str(tmp_path), print)
    assert len(rows) == REVISIONS
    listing = _git(repo, "log", "--format=", "--raw", "--no-abbrev", "-m", f"{base}..HEAD", "--", "project")
    blobs = {line.split()[3] for line in listing.splitlines() if line.endswith(".py") and line.split()[3] != "0" * 40}
    assert checked and len(checked) == len(set(checked))  # each content and index context checked once at most
    assert len({content for content, _ in checked}) <= len(blobs)


@pytest.mark.parametrize("spec", ["no-such-tag..HEAD", "HEAD,no-such-tag"])
def test_bad_range_is_a_clear_error_and_writes_nothing(repo, tmp_path, spec):
    """tryout14 #10: the revisions are resolved before the output directory is made, and the message is
    diracmod's (which revision git does not know, how to list those it does), not git's advice about `--`."""
    repo, _ = repo
    code, _, err = run_report(repo / "project", "--history", spec, "-o", tmp_path / "out",
                              "--deps", "off", cwd=tmp_path)
    assert code == 2 and "no-such-tag" in err, err
    assert "Use '--'" not in err and "fatal:" not in err and "git tag" in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("spec, says", [
    ("..", "`..` names no commit on either side"),
    ("...", "`...` names no commit on either side"),
    (" .. ", "`..` names no commit on either side"),
    ("HEAD..HEAD..HEAD", "one `..`"),
    ("HEAD^@", "`HEAD^@` is git's notation for a set of commits"),
    ("HEAD^!..HEAD", "`HEAD^!` is git's notation for a set of commits"),
    ("HEAD,HEAD^{tree}", "`HEAD^{tree}` names a tree, not a commit"),
])
def test_odd_range_is_one_true_line_and_writes_nothing(repo, tmp_path, spec, says):
    """tryout15 #5: `..` passed git rev-list's 40-line usage text through, and `HEAD^@` (valid git, a set of
    commits) was called a commit git knows nothing of: one line of diracmod's, saying what is wrong."""
    repo, _ = repo
    code, _, err = run_report(repo / "project", "--history", spec, "-o", tmp_path / "out",
                              "--deps", "off", cwd=tmp_path)
    assert code == 2 and says in err, err
    assert len(err.strip().splitlines()) == 1 and "usage:" not in err and "fatal:" not in err, err
    assert "knows no commit" not in err, err
    assert not (tmp_path / "out").exists()


def test_git_error_text_is_one_line(tmp_path, monkeypatch):
    """Whatever git says when it fails, the error is its one telling line, never its usage text or advice."""
    monkeypatch.setattr(history.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a, 129, "", "usage: git rev-list [<options>] <commit>...\n\n  limiting output:\n    --max-count=<n>\n"))
    with pytest.raises(history.HistoryError) as caught:
        history._git(str(tmp_path), "rev-list", "--reverse", "..")
    assert len(str(caught.value).splitlines()) == 1 and "limiting output" not in str(caught.value)
    monkeypatch.setattr(history.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a, 128, "", "fatal: ambiguous argument 'x': unknown revision or path not in the working tree.\n"
                    "Use '--' to separate paths from revisions, like this:\n'git <command> [<revision>...]'\n"))
    with pytest.raises(history.HistoryError) as caught:
        history._git(str(tmp_path), "rev-list", "x")
    assert str(caught.value) == "git rev-list x: ambiguous argument 'x': unknown revision or path not in the working tree."


def test_not_a_git_repository(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.py").write_text("x = 1\n")
    code, _, err = run_report(tmp_path / "t", "--history", "HEAD~1..HEAD", "-o", tmp_path / "out", "--deps", "off",
                              cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert code == 2 and "not a git repository: --history needs one" in err, err
    assert "fatal:" not in err and not (tmp_path / "out").exists()


def test_nothing_to_report_leaves_no_output_directory(tmp_path):
    """An exit 2 after the output directory was made removes the directories this run made (and only those)."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "notes.txt").write_text("mine\n")
    for out in ("out", "kept"):
        code, _, err = run_report(tmp_path / "empty", "-o", tmp_path / out, "--deps", "off", cwd=tmp_path)
        assert code == 2 and "nothing to report" in err, err
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["notes.txt"]


def _rows(output):
    return [json.loads(line) for line in (output / "history.jsonl").read_text().splitlines()]


def test_append_history_one_row_per_commit_one_label(repo, tmp_path):
    """--append-history twice at one commit, then --history HEAD,HEAD: one row, named the same way throughout."""
    repo, _ = repo
    out = tmp_path / "out"
    for _ in range(2):
        code, _, err = run_report(repo / "project", "--append-history", "-o", out, "--deps", "off", "-q",
                                  cwd=tmp_path)
        assert code == 0, err
    rows = _rows(out)
    assert len(rows) == 1 and rows[0]["commit"] == _git(repo, "rev-parse", "HEAD")
    appended = rows[0]["label"]
    code, _, err = run_report(repo / "project", "--history", "HEAD,HEAD", "-o", out, "--deps", "off", "-q",
                              cwd=tmp_path)
    assert code == 0, err
    rows = _rows(out)
    assert len(rows) == 1 and rows[0]["label"] == appended.rstrip("+")
    assert appended.rstrip("+") == _git(repo, "describe", "--tags", "--always", "--abbrev=10", "HEAD")


def test_history_keeps_rows_added_by_append_history(repo, tmp_path):
    repo, _ = repo
    out = tmp_path / "out"
    assert run_report(repo / "project", "--append-history", "-o", out, "--deps", "off", "-q", cwd=tmp_path)[0] == 0
    code, _, err = run_report(repo / "project", "--history", "HEAD~2..HEAD~1", "-o", out, "--deps", "off", "-q",
                              cwd=tmp_path)
    assert code == 0, err
    assert {r["commit"] for r in _rows(out)} == {_git(repo, "rev-parse", rev) for rev in ("HEAD~1", "HEAD")}


def test_a_symlinked_history_is_replaced_never_appended_through(repo, tmp_path):
    repo, _ = repo
    victim = tmp_path / "passwd"
    victim.write_text("root:x:0:0\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "history.jsonl").symlink_to(victim)
    code, _, err = run_report(repo / "project", "--append-history", "-o", tmp_path / "out", "--deps", "off", "-q",
                              cwd=tmp_path)
    assert code == 0, err
    assert victim.read_text() == "root:x:0:0\n" and "symbolic link" in err
    assert not (tmp_path / "out" / "history.jsonl").is_symlink() and len(_rows(tmp_path / "out")) == 1


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_special_history_file_is_not_read(tmp_path, kind):
    """A FIFO (no writer) or a link to /dev/zero as history.jsonl: read, the report would never end."""
    import os

    tree = write_tree(tmp_path / "project", {"a.py": "x = 1\n"})
    (tmp_path / "out").mkdir()
    history_file = tmp_path / "out" / "history.jsonl"
    if kind == "fifo":
        os.mkfifo(history_file)
    else:
        history_file.symlink_to("/dev/zero")
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path, timeout=60)
    assert code == 0 and "not read" in err, err


def test_an_unreadable_regular_history_is_not_replaced(tmp_path, monkeypatch):
    (tmp_path / "history.jsonl").write_text("x" * 100)
    monkeypatch.setattr(history, "HISTORY_LIMIT", 10)
    with pytest.raises(history.HistoryError, match="losing its rows"):
        history.append(str(tmp_path), {"label": "a", "commit": "a" * 40, "systems": {}}, print)
    assert (tmp_path / "history.jsonl").read_text() == "x" * 100


def test_empty_history_is_a_usage_error(repo, tmp_path):
    repo, _ = repo
    code, _, err = run_report(repo / "project", "--history", "", "-o", tmp_path / "out", "--deps", "off", "-q",
                              cwd=tmp_path)
    assert code == 2 and "--history needs revisions" in err


def test_history_of_an_untracked_tree_warns(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "README").write_text("x\n")
    _git(repo, "add", "README")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "start")
    write_tree(repo / "project", {"a.py": "print 'x'\n"})  # never added
    code, _, err = run_report(repo / "project", "--history", "HEAD", "-o", tmp_path / "out", "--deps", "off", "-q",
                              cwd=tmp_path)
    assert code == 0 and "git tracks no Python file" in err, err


def test_shallow_clone_range_hints_at_unshallow(repo, tmp_path):
    repo, _ = repo
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(tmp_path / "shallow")], check=True,
                   timeout=TIMEOUT)
    code, _, err = run_report(tmp_path / "shallow" / "project", "--history", "HEAD~1..HEAD", "-o", tmp_path / "out",
                              "--deps", "off", "-q", cwd=tmp_path)
    assert code == 2 and "git fetch --unshallow" in err, err


def test_progress_bar_over_revisions_on_a_terminal(repo, tmp_path):
    """On a terminal (stderr a pty), --history shows a progress bar counting the revisions; piped, nothing."""
    import os
    import sys

    repo, base = repo
    master, slave = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "diracmod", "report", str(repo / "project"), "--history",
                                f"{base}..HEAD", "-o", str(tmp_path / "out"), "--deps", "off"], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=slave, env={**os.environ, "COLUMNS": "120"})
    os.close(slave)
    shown = b""
    try:
        while True:  # read as it comes: a full terminal buffer would stop the report
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the report exited and closed its end
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
        returncode = process.wait(timeout=TIMEOUT)
    assert returncode == 0, shown
    assert f"{REVISIONS}/{REVISIONS}".encode() in shown and b"history" in shown
    code, _, err = run_report(repo / "project", "--history", f"{base}..HEAD", "-o", tmp_path / "out2", "--deps",
                              "off", cwd=tmp_path)
    assert code == 0 and f"/{REVISIONS}" not in err

"""`check --diff-base REF` on real git repositories the tests build (Done-when 2 of issue 9)."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from diracmod.check.cache import claim
from diracmod.gate import diffbase

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="diff mode needs git")
TIMEOUT = 120


def _git(cwd, *args):
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=cwd,
                          check=True, capture_output=True, text=True, timeout=TIMEOUT).stdout


def _check(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout or "[]"), done.stderr


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\n')
    (root / "maths.py").write_text("from __future__ import division\n\n\ndef ratio(a, b):\n    return a / b\n")
    (root / "jobs.py").write_text("def show(job):\n    print job\n\n\ndef other():\n    return 1\n")
    (root / "legacy.py").write_text("def old(d):\n    return d.has_key(1)\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    _git(root, "checkout", "-qb", "feature")
    return root


def test_a_change_that_creates_a_finding_on_an_unchanged_line_is_caught(repo):
    (repo / "maths.py").write_text("\n\ndef ratio(a, b):\n    return a / b\n")  # the future import removed
    _git(repo, "commit", "-qam", "drop the future import")
    code, findings, err = _check(repo, "--diff-base", "main")
    assert code == 1, err
    assert [(f["path"], f["line"], f["symbol"]) for f in findings] == [("maths.py", 4, "old-division-unknown-operands")]
    # findings of untouched files (legacy.py) and old ones are not new
    assert len(_check(repo)[1]) > 1


def test_code_moved_between_files_is_not_new(repo):
    (repo / "jobs.py").write_text("def other():\n    return 1\n")
    (repo / "display.py").write_text("def show(job):\n    print job\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "move show()")
    code, findings, err = _check(repo, "--diff-base", "main")
    assert (code, findings) == (0, []), err
    (repo / "display.py").write_text("def show(job):\n    print job\n    print job\n")  # uncommitted: new
    code, findings, _ = _check(repo, "--diff-base", "main")
    assert code == 1 and [(f["path"], f["line"]) for f in findings] == [("display.py", 3)]


def test_shallow_clone_without_the_base_is_a_clear_exit_2(repo, tmp_path):
    (repo / "jobs.py").write_text("def show(job):\n    print(job)\n")
    _git(repo, "commit", "-qam", "port")
    (repo / "jobs.py").write_text("def show(job):\n    print(job)\n    return job\n")
    _git(repo, "commit", "-qam", "more")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repo}", str(clone))
    code, _, err = _check(clone, "--diff-base", "origin/main")
    assert code == 2 and "shallow clone" in err and "--unshallow" in err
    code, _, err = _check(repo, "--diff-base", "no-such-ref")
    assert code == 2 and "no-such-ref: no such branch, tag or commit" in err and "git fetch origin" not in err
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "a.py").write_text("x = 1\n")
    code, _, err = _check(outside, "--diff-base", "main")
    assert code == 2 and "not in a git repository" in err


@pytest.fixture
def styled(tmp_path):
    """A repository whose base has style findings (E225 on line 1) and a def with its two blank lines."""
    root = tmp_path / "styled"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k", "pycodestyle"]\n')
    (root / "app.py").write_text("x=1\n\n\ndef f():\n    return 1\n")
    (root / "util.py").write_text("import os\n\nz=3\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    _git(root, "checkout", "-qb", "feature")
    return root


def _where(findings):
    return sorted((f["path"], f["line"], f["message-id"]) for f in findings)


def test_changed_lines_reports_style_findings_on_changed_lines_only(styled):
    # a blank line removed above the untouched def (E302 there), a line moved from util.py (E225, not new
    # code for --diff-base), a changed line with a new problem, a py3k finding, and a new untracked file
    (styled / "app.py").write_text("x=1\n\ndef f():\n    return  1\n\n\nz=3\ny = unicode(x)\n")
    (styled / "util.py").write_text("import os\n")
    (styled / "extra.py").write_text("a=1\n")
    code, findings, err = _check(styled, "--diff-base", "main", "--changed-lines")
    assert code == 1, err
    assert _where(findings) == [("app.py", 4, "E271"), ("app.py", 7, "E225"), ("app.py", 8, "W1612"),
                                ("extra.py", 1, "E225")]
    # the fingerprint comparison of --diff-base alone: E302 on the untouched def is new, the moved z=3 is not
    assert _where(_check(styled, "--diff-base", "main")[1]) == [
        ("app.py", 3, "E302"), ("app.py", 4, "E271"), ("app.py", 8, "W1612"), ("extra.py", 1, "E225")]


def test_changed_lines_follows_renames_and_committed_changes(styled):
    _git(styled, "mv", "app.py", "main_app.py")
    _git(styled, "commit", "-qm", "rename")
    code, findings, err = _check(styled, "--diff-base", "main", "--changed-lines")
    assert (code, findings) == (0, []), err  # a rename changes no line
    (styled / "main_app.py").write_text("x=1\n\n\ndef f():\n    return 1\ny=2\n")
    _git(styled, "commit", "-qam", "one more line")
    code, findings, err = _check(styled, "--diff-base", "main", "--changed-lines")
    assert code == 1 and _where(findings) == [("main_app.py", 6, "E225"), ("main_app.py", 6, "E305")], err


def test_changed_lines_needs_diff_base(styled):
    code, _, err = _check(styled, "--changed-lines")
    assert code == 2 and "--changed-lines needs --diff-base" in err


def test_base_versions_are_replaced_never_rewritten_in_place(repo):
    """Two `--diff-base` runs at once: a run reading a base version while another exports it again reads a
    whole version (the file it opened), never one truncated and half-written in place."""
    top, base = diffbase.merge_base(str(repo), "main")
    assert claim(repo / ".diracmod_cache")
    [(target, path)] = diffbase.export(top, base, ["maths.py"], str(repo / ".diracmod_cache")).items()
    with open(target, "rb") as reading:
        before = os.fstat(reading.fileno()).st_ino
        assert diffbase.export(top, base, ["maths.py"], str(repo / ".diracmod_cache")) == {target: path}
        assert os.stat(target).st_ino != before  # a new file renamed over the old one
        assert reading.read() == (repo / "maths.py").read_bytes()
    assert sorted(os.listdir(os.path.dirname(target))) == ["maths.py"]  # no temporary left


def test_a_symlinked_diff_base_directory_is_refused_not_written_through(repo, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "maths.py").write_text("\n\ndef ratio(a, b):\n    return a / b\n")
    assert claim(repo / ".diracmod_cache")
    (repo / ".diracmod_cache" / "diff-base").symlink_to(elsewhere)
    code, _, err = _check(repo, "--diff-base", "main")
    assert code == 2 and "diff-base is a symlink" in err, err
    assert os.listdir(elsewhere) == []


def test_a_symlinked_base_version_is_refused_not_written_through(repo, tmp_path):
    top, base = diffbase.merge_base(str(repo), "main")
    cache = repo / ".diracmod_cache"
    assert claim(cache)
    (cache / "diff-base" / base).mkdir(parents=True)
    victim = tmp_path / "victim.py"
    victim.write_text("keep me\n")
    (cache / "diff-base" / base / "maths.py").symlink_to(victim)
    with pytest.raises(diffbase.DiffBaseError, match="maths.py is a symlink"):
        diffbase.export(top, base, ["maths.py"], str(cache))
    assert victim.read_text() == "keep me\n"

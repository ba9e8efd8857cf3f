"""The hooks of .pre-commit-hooks.yaml, run as pre-commit runs them: the entry with the staged Python files
appended (always), and through `pre-commit try-repo` itself (it installs the hook's environment from the
package index: DIRACMOD_NETWORK=1)."""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
LEGACY = "import os\n\nfor i in xrange(3):\n    print i, os.sep\n"
TIMEOUT = 900


def _git(cwd, *args):
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=cwd,
                          check=True, capture_output=True, text=True, timeout=TIMEOUT).stdout


@pytest.fixture
def staged(tmp_path):
    """A repository with a legacy module and a text file staged."""
    (tmp_path / "legacy.py").write_text(LEGACY)
    (tmp_path / "notes.txt").write_text("print i\n")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    return tmp_path


def _fixed_by_the_command(tmp_path):
    """What `diracmod fix --write` makes of the module, run directly."""
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "legacy.py").write_text(LEGACY)
    subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "-q", "legacy.py"], cwd=alone, check=True,
                   timeout=TIMEOUT)
    return (alone / "legacy.py").read_text()


def _as_pre_commit_runs_it(repo, hook):
    """pre-commit's `language: python` run: the entry, then the staged files its `types` select."""
    assert hook["language"] == "python" and hook["types"] == ["python"]
    staged = [name for name in _git(repo, "diff", "--cached", "--name-only").split() if name.endswith(".py")]
    entry = shlex.split(hook["entry"])
    command = [sys.executable, "-m", "diracmod", *entry[1:]] if entry[0] == "diracmod" else entry
    return subprocess.run([*command, *staged], cwd=repo, capture_output=True, text=True, timeout=TIMEOUT)


def test_the_fix_hook_rewrites_the_staged_files(staged, tmp_path):
    done = _as_pre_commit_runs_it(staged, HOOKS["diracmod-fix"])
    assert done.returncode == 0, done.stderr
    assert (staged / "legacy.py").read_text() == _fixed_by_the_command(tmp_path) != LEGACY
    assert (staged / "notes.txt").read_text() == "print i\n"
    _git(staged, "add", "-A")  # the person reviews and stages; the check hook then passes the porting rules
    assert _as_pre_commit_runs_it(staged, HOOKS["diracmod-check-py3k"]).returncode == 0


@pytest.mark.network
@pytest.mark.skipif(not shutil.which("git"), reason="pre-commit needs git")
def test_pre_commit_try_repo_runs_the_fix_hook(staged, tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "diracmod-fix", "--all-files"]
    done = subprocess.run(command, cwd=staged, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert done.returncode == 1 and "files were modified by this hook" in done.stdout, done.stdout + done.stderr
    assert (staged / "legacy.py").read_text() == _fixed_by_the_command(tmp_path)
    _git(staged, "add", "-A")
    done = subprocess.run(command, cwd=staged, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert done.returncode == 0, done.stdout + done.stderr  # nothing left to fix

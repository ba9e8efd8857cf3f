"""Which files of a baseline were renamed since, as git sees it; without git, none (paths only)."""
from __future__ import annotations

import os
import subprocess

GIT_TIMEOUT = 30  # seconds per git command: a hung git never hangs the gate


def _git(root: str, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=GIT_TIMEOUT,
                              errors="surrogateescape")
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _pairs(name_status: str):
    """(old, new) of each rename in `git ... --name-status` output (R<score>\\told\\tnew)."""
    for line in name_status.splitlines():
        fields = line.split("\t")
        if len(fields) == 3 and fields[0].startswith("R"):
            yield fields[1], fields[2]


def renamed(root: str, gone) -> dict:
    """{old path: new path} for the project-relative `gone` paths (in the baseline, no longer on disk).

    Uncommitted renames (git mv) come from `git diff -M HEAD`; committed ones from the commit that last
    touched the old path (`git log -1 -- old`), then that commit's own renames. A chain of renames is
    followed to its end."""
    gone = sorted(gone)
    if not gone:
        return {}
    top = (_git(root, "rev-parse", "--show-toplevel") or "").strip()
    if not top:
        return {}
    prefix = os.path.relpath(os.path.abspath(root), top).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"

    def to_root(path):
        return path[len(prefix):] if path.startswith(prefix) else None

    found = {}
    pending = dict((path, prefix + path) for path in gone)  # project path -> repository path to follow
    worktree = dict(_pairs(_git(top, "diff", "-M", "--name-status", "--diff-filter=R", "HEAD") or ""))
    for _ in range(20):  # a file renamed more than 20 times since the baseline: stop following
        if not pending:
            break
        following = {}
        for start, path in pending.items():
            new = worktree.get(path)
            if new is None:
                commit = (_git(top, "log", "-1", "--format=%H", "HEAD", "--", path) or "").strip()
                if commit:
                    new = dict(_pairs(_git(top, "show", "-M", "--name-status", "--format=",
                                           "--diff-filter=R", commit) or "")).get(path)
            if new is None:
                continue
            if os.path.exists(os.path.join(top, new)) and to_root(new) is not None:
                found[start] = to_root(new)
            else:
                following[start] = new
        pending = following
    return found

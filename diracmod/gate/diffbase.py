"""`check --diff-base REF`: the files changed since the merge-base with REF, and their base versions.

The base versions come from git objects and are written under the result cache directory (our own), so
checking them again costs a cache lookup."""
from __future__ import annotations

import codecs
import os
import re
import stat
import subprocess

from diracmod.core import atomic
from diracmod.gate.renames import GIT_TIMEOUT


class DiffBaseError(Exception):
    """The base cannot be found or read; the message says what to fetch."""


def _git(top, *args, binary=False):
    try:
        done = subprocess.run(["git", *args], cwd=top, capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DiffBaseError(f"git {' '.join(args)}: {exc}") from None
    if done.returncode:
        return None
    return done.stdout if binary else done.stdout.decode("utf-8", "surrogateescape")


def merge_base(root: str, ref: str) -> tuple:
    """(repository top, merge-base commit of `ref` and HEAD)."""
    top = (_git(root, "rev-parse", "--show-toplevel") or "").strip()
    if not top:
        raise DiffBaseError(f"--diff-base {ref}: {root} is not in a git repository")
    base = (_git(top, "merge-base", ref, "HEAD") or "").strip()
    if base:
        return top, base
    if _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
        raise DiffBaseError(f"--diff-base {ref}: no such branch, tag or commit in this clone (fetch it first, "
                            "or check its spelling)")
    shallow = (_git(top, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    hint = ("this is a shallow clone without it: fetch more history (`git fetch --unshallow`, or "
            "`fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab CI)" if shallow else
            f"fetch it first (`git fetch origin {ref}`)")
    raise DiffBaseError(f"--diff-base {ref}: no merge-base with HEAD in this clone; {hint}")


def changed(top: str, base: str) -> list:
    """[(path at base or None, path now)] of the Python files changed since `base`, untracked ones included,
    relative to the repository top."""
    pairs = []
    for line in (_git(top, "diff", "-M", "--name-status", base, "--") or "").splitlines():
        fields = line.split("\t")
        status, paths = fields[0], fields[1:]
        if status.startswith("D") or not paths[-1].endswith(".py"):
            continue
        pairs.append((paths[0] if status[0] in "RM" else None, paths[-1]))
    untracked = _git(top, "ls-files", "--others", "--exclude-standard") or ""
    pairs += [(None, path) for path in untracked.splitlines() if path.endswith(".py")]
    return pairs


def _own_directory(cache: str, parts) -> str:
    """cache/parts..., each made if missing. DiffBaseError when one is a symlink (or not a directory): the
    cache directory may come from the checked repository, so a `diff-base` linked to elsewhere is never
    written through."""
    path = cache
    for part in parts:
        path = os.path.join(path, part)
        try:
            os.mkdir(path)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                raise DiffBaseError(_not_ours(path)) from None
    return path


def _not_ours(path: str) -> str:
    return f"--diff-base: {path} is a symlink or not what diracmod made there: remove it, it is rebuilt"


def export(top: str, base: str, paths, cache: str) -> dict:
    """Base versions of `paths` (repository-relative) written under the cache directory `cache` (ours), in
    diff-base/<base>/; {written file: path}. Each is replaced atomically: another run checking the same base
    meanwhile reads a whole version, never one half-way through being rewritten."""
    written = {}
    for path in paths:
        data = _git(top, "show", f"{base}:{path}", binary=True)
        if data is None:
            continue
        *folders, name = path.split("/")
        target = os.path.join(_own_directory(cache, ["diff-base", base, *folders]), name)
        if os.path.islink(target):
            raise DiffBaseError(_not_ours(target))  # replacing would not write through it; still, it was planted
        atomic.write_bytes(target, data)
        written[target] = path
    return written


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _unquoted(name: str) -> str:
    """A path as git prints it in a patch header: C-quoted ("a\\tb", octal bytes) when it holds odd characters."""
    if name.startswith('"') and name.endswith('"'):
        name = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0].decode("utf-8", "surrogateescape")
    return name


def changed_lines(top: str, base: str) -> dict:
    """{path now: set of its line numbers added or changed since `base`} (repository-relative), as
    `git diff -U0 | pycodestyle --diff` sees them: the new side of every hunk, renames followed."""
    lines, current = {}, None
    patch = _git(top, "diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/",
                 base, "--") or ""
    for line in patch.splitlines():
        if line.startswith("+++ "):
            name = _unquoted(line[4:])
            current = lines.setdefault(name[2:], set()) if name != "/dev/null" else None
        elif current is not None and (hunk := _HUNK.match(line)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            current.update(range(start, start + count))
    return lines

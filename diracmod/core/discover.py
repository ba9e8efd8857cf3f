"""Paths -> the files to check: every *.py under a directory (packages or not), minus excludes;
a file named explicitly is always checked. Unreadable directories and symlink loops become problems
to report, never a crash or an endless walk. One file reached by several paths (absolute and relative,
through a symlinked directory, a hardlink) is checked once, under the simplest of its names."""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field


@dataclass
class Discovery:
    files: list = field(default_factory=list)  # paths as the user would write them
    problems: list = field(default_factory=list)  # (path, symbol, detail)
    excluded: int = 0  # *.py files and directories skipped by the exclude globs


def _identity(path):
    """Two paths naming the same file have the same identity (stat follows symlinks; a hardlink shares it)."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.abspath(path)
    return info.st_dev, info.st_ino


def _simplest(paths):
    """The name a file is shown under, whatever order the paths came in: one without symlinks, relative before
    absolute, then the shallowest, then the first in sort order."""
    if len(paths) == 1:
        return next(iter(paths))
    return min(paths, key=lambda p: (os.path.realpath(p) != os.path.abspath(p), os.path.isabs(p),
                                     p.count(os.sep), p))


def _matcher(patterns):
    """One regex for all globs; each matches a file or directory name, or a path relative to the walk."""
    if not patterns:
        return lambda rel, name: False
    globs = [g for p in patterns for g in (p, p.rstrip("/") + "/*")]
    regex = re.compile("|".join(fnmatch.translate(g) for g in globs))
    return lambda rel, name: bool(regex.match(name) or regex.match(rel))


def _display(base: str, rel: str) -> str:
    return os.path.normpath(os.path.join(base, rel))


def discover(paths, exclude) -> Discovery:
    found = Discovery()
    names = {}  # identity -> every path it was reached by

    def add(path):
        names.setdefault(_identity(path), set()).add(path)

    for given in paths:
        if not os.path.lexists(given):
            found.problems.append((given, "unreadable-file", "no such file or directory"))
        elif not os.path.isdir(given):
            add(os.path.normpath(given))  # named explicitly: checked whatever its name or excludes
        else:
            found.excluded += _walk(given, exclude, add, found.problems)
    found.files = sorted(_simplest(paths) for paths in names.values())
    return found


def _is_loop(dirpath) -> bool:
    """A symlink to a directory that holds it (an endless path), not just a second name for a sibling."""
    real, parent = os.path.realpath(dirpath), os.path.realpath(os.path.dirname(dirpath))
    return os.path.commonpath([real, parent]) == real


def _walk(top, exclude, add, problems) -> int:
    """Adds the files under `top`; returns how many files and directories the exclude globs skipped.

    The real directories are walked first, then the symlinked ones (each once, whatever its names), so a
    file is shown under its path without symlinks whenever it has one."""
    excluded = _matcher(exclude)
    skipped = 0
    visited = set()  # (device, inode) of directories entered
    pending = [top]  # where to walk: `top`, then the symlinks to directories found on the way

    def on_error(error):
        problems.append((_display(error.filename or top, ""), "unreadable-file", error.strerror or str(error)))

    while pending:
        for dirpath, dirnames, filenames in os.walk(pending.pop(0), onerror=on_error):
            try:
                info = os.stat(dirpath)
            except OSError as exc:
                problems.append((dirpath, "unreadable-file", exc.strerror or str(exc)))
                dirnames[:] = []
                continue
            if (info.st_dev, info.st_ino) in visited:  # a second name for a directory: its files are in
                if _is_loop(dirpath):
                    problems.append((os.path.normpath(dirpath), "unreadable-file",
                                     "symlink loop: this directory was already checked under another path"))
                dirnames[:] = []
                continue
            visited.add((info.st_dev, info.st_ino))
            rel_dir = os.path.relpath(dirpath, top)
            real_dirs = []
            for name in sorted(dirnames):
                if excluded(os.path.normpath(os.path.join(rel_dir, name)), name):
                    skipped += 1
                elif os.path.islink(os.path.join(dirpath, name)):
                    pending.append(os.path.join(dirpath, name))
                else:
                    real_dirs.append(name)
            dirnames[:] = real_dirs
            for name in filenames:
                if not name.endswith(".py"):
                    continue
                rel = os.path.normpath(os.path.join(rel_dir, name))
                if excluded(rel, name):
                    skipped += 1
                else:
                    add(_display(top, rel))
    return skipped

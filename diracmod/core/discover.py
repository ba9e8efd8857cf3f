"""Paths -> the files to check: every *.py under a directory (packages or not), minus excludes;
a file named explicitly is always checked. Unreadable directories and symlink loops become problems
to report, never a crash or an endless walk."""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field


@dataclass
class Discovery:
    files: list = field(default_factory=list)  # paths as the user would write them
    problems: list = field(default_factory=list)  # (path, symbol, detail)


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
    seen = set()

    def add(path):
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for given in paths:
        if not os.path.lexists(given):
            found.problems.append((given, "unreadable-file", "no such file or directory"))
        elif not os.path.isdir(given):
            add(os.path.normpath(given))  # named explicitly: checked whatever its name or excludes
        else:
            _walk(given, exclude, add, found.problems)
    found.files.sort()
    return found


def _walk(top, exclude, add, problems):
    excluded = _matcher(exclude)
    visited = set()  # (device, inode) of directories entered: a symlink back up is a loop

    def on_error(error):
        problems.append((_display(error.filename or top, ""), "unreadable-file", error.strerror or str(error)))

    for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=on_error):
        try:
            stat = os.stat(dirpath)
        except OSError as exc:
            problems.append((dirpath, "unreadable-file", exc.strerror or str(exc)))
            dirnames[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:
            problems.append((os.path.normpath(dirpath), "unreadable-file",
                             "symlink loop: this directory was already checked under another path"))
            dirnames[:] = []
            continue
        visited.add(key)
        rel_dir = os.path.relpath(dirpath, top)
        keep = []
        for name in sorted(dirnames):
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if not excluded(rel, name):
                keep.append(name)
        dirnames[:] = keep
        for name in filenames:
            if not name.endswith(".py"):
                continue
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if not excluded(rel, name):
                add(_display(top, rel))

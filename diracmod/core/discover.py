"""Paths -> the files to check: every *.py under a directory (packages or not), minus excludes;
a file named explicitly is always checked; a macOS AppleDouble `._*.py` file (metadata, not Python) is skipped
with a note. Unreadable directories, symlink loops and symlinks leading out
of the walked directory become problems to report, never a crash or an endless walk. One file reached by several paths (absolute and relative,
through a symlinked directory, a hardlink) is checked once, under the simplest of its names."""
from __future__ import annotations

import fnmatch
import os
import re
from operator import attrgetter
from dataclasses import dataclass, field

from diracmod.core.config import DEFAULT_EXCLUDE


@dataclass
class Discovery:
    files: list = field(default_factory=list)  # paths as the user would write them
    problems: list = field(default_factory=list)  # (path, symbol, detail)
    excluded: int = 0  # *.py files and directories skipped by the exclude globs
    notes: list = field(default_factory=list)  # what a person may not expect skipped (_BUILD_OUTPUT packages)
    identities: dict = field(default_factory=dict)  # each of `files` -> its (st_dev, st_ino) when found
    # the other files under the directories walked whose names discover's `others` accepts (not checked: the
    # project index reads some of them, diracmod/source/project_index/), walked as the *.py files are
    others: list = field(default_factory=list)


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


def discover(paths, exclude, others=None) -> Discovery:
    """`others`: a test of a file name other than *.py: the files under the walked directories it accepts are
    listed apart (Discovery.others), each directory listed once for both."""
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
            found.excluded += _walk(given, exclude, add, found.problems, found.notes,
                                    others and (others, found.others))
    found.identities = {_simplest(paths): identity for identity, paths in names.items()}
    found.files = sorted(found.identities)
    return found


def _is_loop(dirpath) -> bool:
    """A symlink to a directory that holds it (an endless path), not just a second name for a sibling."""
    real, parent = os.path.realpath(dirpath), os.path.realpath(os.path.dirname(dirpath))
    return os.path.commonpath([real, parent]) == real


# Build output, virtualenvs and caches are skipped by default at any depth, as ruff and black skip them
# (DEFAULT_EXCLUDE); such a directory that is a package (pkg/build/__init__.py: pip's operations/build), or holds
# modules in a package (pkg/dist/d.py), is code, skipped silently no more (tryout4 #4, tryout5 #11).
_DEFAULT_NAMES = frozenset(DEFAULT_EXCLUDE)


def _walk(top, exclude, add, problems, notes, others=None) -> int:
    """Adds the files under `top`; returns how many files and directories the exclude globs skipped; a package
    among them named like build output is a note.

    Iterative, so no depth of nesting exhausts Python's recursion limit (os.walk recurses before 3.12). The
    real directories are walked first, then the symlinked ones (each directory once, whatever its names), so
    a file is shown under its path without symlinks whenever it has one."""
    excluded = _matcher(exclude)
    inside = _inside(top)
    skipped = 0
    visited = set()  # (device, inode) of directories entered
    real_dirs, symlinked_dirs = [(top, "")], []  # (directory, its path relative to top: "" or ending in a separator)
    while real_dirs or symlinked_dirs:
        directory, rel_dir = real_dirs.pop() if real_dirs else symlinked_dirs.pop(0)
        try:
            info = os.stat(directory)
            if (info.st_dev, info.st_ino) in visited:  # a second name for a directory: its files are in
                if _is_loop(directory):
                    problems.append((os.path.normpath(directory), "unreadable-file",
                                     "symlink loop: this directory was already checked under another path"))
                continue
            visited.add((info.st_dev, info.st_ino))
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=_NAME)
        except OSError as exc:
            problems.append((os.path.normpath(directory), "unreadable-file", exc.strerror or str(exc)))
            continue
        shown = _display(top, rel_dir)  # file names are appended to these: a name has no separator, no ".."
        shown = "" if shown == os.curdir else os.path.join(shown, "")
        subdirs = []
        for entry in entries:
            name = entry.name
            is_dir = _is_dir(entry)
            if not (is_dir or name.endswith(".py")):
                if others is not None and others[0](name) and not excluded(rel_dir + name, name) and (
                        not entry.is_symlink() or inside(entry.path)):
                    others[1].append(shown + name)  # (`others`: (test of a name, the list they join))
                continue  # most of a tree: data, docs, translations
            rel = rel_dir + name
            if excluded(rel, name):
                skipped += 1
                if is_dir and name in _DEFAULT_NAMES and _looks_like_code(entry.path):
                    notes.append(f"{shown + name}: Python code in a directory named like build output or a "
                                 "virtualenv, skipped by the default excludes (as ruff and black skip it): name it "
                                 "on the command line to include it")
            elif entry.is_symlink() and not inside(entry.path):
                # a checked repository must not make us read (and quote, in syntax errors) files elsewhere
                problems.append((shown + name, "unreadable-file", _OUTSIDE))
            elif is_dir:
                (symlinked_dirs if entry.is_symlink() else subdirs).append((entry.path, rel + os.sep))
            elif name.startswith("._") and _apple_double(entry.path):
                notes.append(f"{shown + name}: a macOS AppleDouble file (the metadata of {shown + name[2:]}, "
                             "packed by a Mac's tar or zip), not Python: skipped; name it on the command line to "
                             "include it")
            else:
                add(shown + name)
        real_dirs.extend(reversed(subdirs))  # depth first, in name order
    return skipped


# The magic number AppleDouble files start with (RFC 1740): a `._name.py` beside name.py, binary, in sdists made on
# macOS; never a Python file (a NUL byte), which no tool could ever fix (tryout6b #8).
_APPLE_DOUBLE = b"\x00\x05\x16\x07"


def _apple_double(path: str) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(_APPLE_DOUBLE)) == _APPLE_DOUBLE
    except OSError:
        return False  # read (and its error reported) with the others


def _looks_like_code(directory: str) -> bool:
    """A package, or a directory of modules inside a package (its parent holds an __init__.py)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return False
    return "__init__.py" in names or (any(name.endswith(".py") for name in names)
                                      and os.path.isfile(os.path.join(directory, os.pardir, "__init__.py")))


_NAME = attrgetter("name")
_OUTSIDE = ("a symlink to outside the checked directory: not followed (name its target on the command line "
            "to check it, or exclude the link)")


def _inside(top):
    """Whether a path, symlinks resolved, lies under `top` (symlinks resolved too)."""
    root = os.path.realpath(top)
    return lambda path: os.path.commonpath([root, os.path.realpath(path)]) == root


def _is_dir(entry) -> bool:
    try:
        return entry.is_dir()  # follows symlinks
    except OSError:
        return False  # a symlink loop or a vanished entry: the file check reports it when it is a *.py

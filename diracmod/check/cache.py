"""Per-file results keyed by content hash, valid for one diracmod version + resolved config.

Not keyed on mtimes: CI checkouts reset them. One JSON file per configuration fingerprint, read once
and written once per run (atomically), so a warm run costs one read, not one per file.

`cache-dir` may come from a checked repository's pyproject.toml, so it is not trusted: the cache only
reads and writes in a directory it created itself and marked (CACHEDIR.TAG + README + .gitignore). An
existing directory without that mark (the project root, /tmp, $HOME, a symlink to elsewhere) or a file is
refused: one warning, and the run goes on uncached. What the cache file holds is checked too: anything but
the shape written here is a miss.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from diracmod.core import atomic
from diracmod.source.reader import SourceError, read_regular

_MAX_ENTRIES = 50_000
_MAX_BYTES = 1 << 30  # a cache file larger than this is not ours to read
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"  # https://bford.info/cachedir/
_README = """This directory is diracmod's result cache (one file per configuration).
It is safe to delete at any time; `diracmod check --no-cache` bypasses it.
"""
_MARK = (("CACHEDIR.TAG", _TAG + "# This file is a cache directory tag created by diracmod.\n"),
         ("README", _README), (".gitignore", "*\n"))
# The shape of a cached finding: bump _FORMAT when it changes, so that no run reads another shape's results
# (2: endLine/endColumn).
_FORMAT = 2
_FINDING_TYPES = {"type": str, "path": str, "obj": str, "line": int, "column": int, "endLine": int, "endColumn": int,
                  "message-id": str, "symbol": str, "message": str, "checker": str, "fixable": bool}


def _read_small(path: Path) -> str | None:
    try:
        return read_regular(path, 64 * 1024).decode("utf-8")
    except (SourceError, UnicodeDecodeError):
        return None


def _ours(directory: Path) -> bool:
    """A directory diracmod created: a cache directory tag and our README (the mark of every version)."""
    tag, readme = _read_small(directory / "CACHEDIR.TAG"), _read_small(directory / "README")
    return bool(tag and tag.startswith(_TAG) and readme and readme.startswith(_README.splitlines()[0]))


def refusal(directory: Path) -> str | None:
    """Why the cache may not use `directory` (None: it may: it is ours, or does not exist yet)."""
    if not os.path.lexists(directory):
        return None
    if not directory.is_dir():
        return f"{directory} exists and is not a directory"
    if not _ours(directory):
        return (f"{directory} is not a directory diracmod created (no diracmod CACHEDIR.TAG); "
                f"point cache-dir at a new directory")
    return None


def claim(directory: Path) -> bool:
    """True when `directory` is ours to write in: created and marked now if it was missing (OSError if it
    cannot be created). Every cache of diracmod goes through here before its first write."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        directory.mkdir()
    except FileExistsError:
        return refusal(directory) is None  # it existed (or appeared meanwhile): ours, or not
    for name, text in _MARK:
        (directory / name).write_text(text, encoding="utf-8")
    return True


def _valid_finding(item) -> bool:
    return (isinstance(item, dict) and item.keys() == _FINDING_TYPES.keys()
            and all(type(item[key]) is kind for key, kind in _FINDING_TYPES.items()))  # bool is not an int here


def _valid_entry(entry) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("checkers"), list)
            and all(isinstance(c, str) for c in entry["checkers"])
            and isinstance(entry.get("findings"), list) and all(_valid_finding(f) for f in entry["findings"]))


class ResultCache:
    def __init__(self, directory: Path, fingerprint: str, enabled: bool = True):
        self.directory = Path(directory)
        self.file = self.directory / f"results-{_FORMAT}-{fingerprint}.json"
        self.entries: dict = {}
        self.dirty = False
        self.refused = refusal(self.directory) if enabled else None  # the warning to show, once
        self.enabled = enabled and self.refused is None
        if self.enabled:
            try:
                entries = json.loads(read_regular(self.file, _MAX_BYTES))
            except (SourceError, ValueError):
                entries = {}
            self.entries = entries if isinstance(entries, dict) else {}

    def get(self, digest: str, checkers: frozenset):
        entry = self.entries.get(digest) if self.enabled else None
        if _valid_entry(entry) and checkers <= set(entry["checkers"]):
            return entry["findings"]
        return None

    def put(self, digest: str, checkers: frozenset, findings: list):
        if self.enabled:
            self.entries[digest] = {"checkers": sorted(checkers), "findings": findings}
            self.dirty = True

    def save(self, keep: set):
        """Write the cache; past _MAX_ENTRIES only this run's files (`keep`: their digests) are kept."""
        if not (self.enabled and self.dirty):
            return
        try:
            if not claim(self.directory):
                return
            data = self.entries
            if len(data) > _MAX_ENTRIES:
                data = {k: v for k, v in data.items() if k in keep}
            # dumps, not dump: json.dump streams through the pure-Python encoder, 5x slower on the 10 MB of a
            # large tree (a warm re-check after one change writes the cache again)
            atomic.write_text(self.file, json.dumps(data, separators=(",", ":")))
        except OSError:
            pass  # a read-only checkout still gets its results, just not cached

"""Per-file results keyed by content hash, valid for one diracmod version + resolved config.

Not keyed on mtimes: CI checkouts reset them. The results of one configuration are sharded by the first two
hex digits of the content hash into 256 JSON files (results-<format>-<fingerprint>/<xx>.json), each read when
a digest in it is first asked for and written (atomically) only when it changed: a warm re-check after one
change reads what it needs and rewrites one shard, not the whole cache. A finding is stored as a list in the
order of Finding's fields (without the path), so that checking its shape costs one comparison. Beside each
file's findings: the normalised text of the lines that had findings (the gate's fingerprints need them), so
a warm run does not read and decode the unchanged files again.

`cache-dir` may come from a checked repository's pyproject.toml, so it is not trusted: the cache only
reads and writes in a directory it created itself and marked (CACHEDIR.TAG + README + .gitignore). An
existing directory without that mark (the project root, /tmp, $HOME, a symlink to elsewhere) or a file is
refused: one warning, and the run goes on uncached. Inside it, a shard directory that is not a directory
(a symlink) is neither read nor written. What a shard holds is checked too: anything but the shape written
here is a miss.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from diracmod.core import atomic
from diracmod.core.finding import Finding
from diracmod.source.reader import SourceError, read_regular

_SHARDS = 256  # by the first two hex digits of the key
_MAX_ENTRIES = 50_000  # in all shards together
_MAX_BYTES = 1 << 30  # a shard larger than this is not ours to read
_HEX = frozenset("0123456789abcdef")
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"  # https://bford.info/cachedir/
_README_FIRST = "This directory is diracmod's result cache"  # the mark every version wrote
# The first line byte for byte as every earlier version wrote it: those compare the README's whole first line
# (`_ours`), so a directory made here must still be theirs after a downgrade (and `--diff-base` not exit 2).
_README = _README_FIRST + """ (one file per configuration).
It is safe to delete at any time; `diracmod check --no-cache` bypasses it.
Each configuration's results are a directory of shards now (results-<format>-<fingerprint>/).
"""
_MARK = (("CACHEDIR.TAG", _TAG + "# This file is a cache directory tag created by diracmod.\n"),
         ("README", _README), (".gitignore", "*\n"))
# The shape of a cached finding: bump _FORMAT when it changes, so that no run reads another shape's results
# (2: endLine/endColumn; 3: sharded, findings as lists, the lines with them; 4: split_from).
_FORMAT = 4
_ROW_TYPES = (int, int, str, str, str, str, str, str, bool, int, int, str)  # Finding's fields after the path


def to_row(finding: Finding) -> list:
    """A finding as the cache keeps it: its fields but the path (the same content may sit at several paths)."""
    return list(finding[1:])


def from_rows(path: str, rows: list) -> list:
    """The findings of `path` from the rows `get` returned. tuple.__new__ builds each in C: Finding(path, *row)
    goes through namedtuple's Python-level __new__, 20 ms for the 30,000 findings of a warm re-check."""
    return [tuple.__new__(Finding, (path, *row)) for row in rows]


def _read_small(path: Path) -> str | None:
    try:
        return read_regular(path, 64 * 1024).decode("utf-8")
    except (SourceError, UnicodeDecodeError):
        return None


def _ours(directory: Path) -> bool:
    """A directory diracmod created: a cache directory tag and our README (the mark of every version)."""
    tag, readme = _read_small(directory / "CACHEDIR.TAG"), _read_small(directory / "README")
    return bool(tag and tag.startswith(_TAG) and readme and readme.startswith(_README_FIRST))


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


def _valid_rows(rows) -> bool:
    """Each a list of Finding's field types (type, not isinstance: a bool is not an int here)."""
    return isinstance(rows, list) and {type(row) for row in rows} <= {list} and (
        {tuple(map(type, row)) for row in rows} <= {_ROW_TYPES})


def _text_map(lines) -> bool:
    return isinstance(lines, dict) and all(type(text) is str for text in lines.values())


class ResultCache:
    """{content digest (hex): what was found in that content, for a set of checkers}. Subclasses keep other
    per-content facts in the same life cycle (`answers` says which entries are theirs)."""

    def __init__(self, directory: Path, fingerprint: str, enabled: bool = True):
        self.directory = Path(directory)
        self.folder = self.directory / f"results-{_FORMAT}-{fingerprint}"
        self.shards: dict = {}  # "3f" -> {digest: entry}, each read on first use
        self.dirty: set = set()
        self.refused = refusal(self.directory) if enabled else None  # the warning to show, once
        self.enabled = enabled and self.refused is None and _plain_directory_or_none(self.folder)

    def _entries(self, digest: str) -> dict | None:
        """The shard `digest` belongs to (None: not a key of ours, or no cache)."""
        name = digest[:2]
        if not (self.enabled and len(name) == 2 and name[0] in _HEX and name[1] in _HEX):
            return None
        if name not in self.shards:
            try:
                entries = json.loads(read_regular(self.folder / f"{name}.json", _MAX_BYTES))
            except (SourceError, ValueError, RecursionError):
                entries = {}
            self.shards[name] = entries if isinstance(entries, dict) else {}
        return self.shards[name]

    def answers(self, entry, checkers: frozenset) -> bool:
        """Whether a stored entry is of the shape written here and covers `checkers`."""
        return (isinstance(entry, dict) and entry.keys() == {"checkers", "findings", "lines"}
                and isinstance(entry["checkers"], list) and all(type(c) is str for c in entry["checkers"])
                and checkers <= set(entry["checkers"]) and _text_map(entry["lines"])
                and _valid_rows(entry["findings"]))

    def get(self, digest: str, checkers: frozenset):
        entries = self._entries(digest)
        entry = entries.get(digest) if entries is not None else None
        return entry["findings"] if self.answers(entry, checkers) else None

    def put(self, digest: str, checkers: frozenset, findings: list):
        entries = self._entries(digest)
        if entries is not None:
            entries[digest] = {"checkers": sorted(checkers), "findings": findings, "lines": {}}
            self.dirty.add(digest[:2])

    def lines(self, digest: str) -> dict:
        """{line number: normalised text} kept with `digest`'s results, to be completed by the caller (then
        `learned`); a throwaway dict when there is no such entry."""
        entries = self._entries(digest)
        entry = entries.get(digest) if entries is not None else None
        return entry["lines"] if isinstance(entry, dict) and _text_map(entry.get("lines")) else {}

    def learned(self, digest: str):
        """The lines of `digest` got more entries: its shard is written at the next save."""
        if self._entries(digest) is not None:
            self.dirty.add(digest[:2])

    def save(self, keep: set):
        """Write the changed shards; past _MAX_ENTRIES only this run's files (`keep`: their digests) are kept."""
        if not (self.enabled and self.dirty):
            return
        try:
            if not claim(self.directory):
                return
            _forget_earlier_formats(self.directory)
            self.folder.mkdir(exist_ok=True)
            if not _plain_directory_or_none(self.folder):
                return
            for name in sorted(self.dirty):
                data = self.shards[name]
                if len(data) > _MAX_ENTRIES // _SHARDS:
                    data = {k: v for k, v in data.items() if k in keep}
                try:
                    # dumps, not dump: json.dump streams through the pure-Python encoder, 5x slower
                    atomic.write_text(self.folder / f"{name}.json", json.dumps(data, separators=(",", ":")))
                except IsADirectoryError:
                    pass  # a directory took this shard's name: only its files go uncached
            self.dirty.clear()
        except OSError:
            pass  # a read-only checkout still gets its results, just not cached


def _forget_earlier_formats(directory: Path):
    """The single-file caches of earlier versions (results-2-*.json, about 10 MB each on a large tree, and the
    fingerprints' lines.json) are never read again: removed from this directory of ours whenever found (an
    earlier version run meanwhile writes them again). unlink removes a symlink, never what it points to."""
    for old in [*directory.glob("results-*.json"), directory / "lines.json"]:
        try:
            if not stat.S_ISDIR(os.lstat(old).st_mode):
                os.unlink(old)
        except OSError:
            pass


def _plain_directory_or_none(path: Path) -> bool:
    """Nothing there yet, or a directory itself (not a symlink to one: it could lead anywhere)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


class LineMemo:
    """The normalised lines of the checked files, kept in the result cache with each file's results
    (gate/fingerprint.py LineTexts asks for them): on a warm run only the changed files are read again.
    `digests`: {path: the key the file's results are stored under} of this run; `contents`: {path: content
    digest} where that key is not the content digest itself (check/files.py: a file in a package)."""

    def __init__(self, cache: ResultCache, digests: dict, contents: dict | None = None):
        self.cache, self.digests, self.contents = cache, digests, contents or {}

    def known(self, path: str) -> dict:
        digest = self.digests.get(path)
        return self.cache.lines(digest) if digest else {}

    def learn(self, path: str, data: bytes) -> dict:
        """The dict to complete with lines of `data`, which LineTexts has just read: the cached one while
        `data` is still the content that was checked (else a throwaway: the file changed meanwhile)."""
        digest = self.digests.get(path)
        if not digest or hashlib.sha256(data).hexdigest() != self.contents.get(path, digest):
            return {}
        self.cache.learned(digest)
        return self.cache.lines(digest)

    def save(self):
        self.cache.save({digest for digest in self.digests.values() if digest})

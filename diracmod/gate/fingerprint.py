"""Fingerprints that survive edits elsewhere in a file: no line number in them.

A finding is known by its rule, its normalised line text and its enclosing scope (`obj`), plus an
occurrence index among findings equal in those three in the same file (counted in line order), so a
duplicated line or a second identical finding in one scope is a new finding, not a match. The path is
kept beside the fingerprint, not hashed into it, so that a renamed file maps its old entries over.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from diracmod.core import atomic, catalogue
from diracmod.core.lines import split_lines
from diracmod.source.reader import SourceError, decode, read_regular

_SPACE = re.compile(r"\s+")


class Mark(NamedTuple):
    """Where a finding lives for the gate: project-relative path, fingerprint, normalised line text (a tuple:
    one per finding, made on every gated run)."""
    path: str
    fingerprint: str
    code: str


def normalise(line: str) -> str:
    """Indentation and runs of blanks do not matter: re-indenting a block keeps its findings."""
    return _SPACE.sub(" ", line.strip())


def project_path(path: str, root: str) -> str:
    """`path` relative to the project root, with forward slashes: what baselines and CI reports name."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        relative = path
    return Path(relative).as_posix()


class LineTexts:
    """Line `n` of a file, decoded as the checker decoded it and normalised; only the last file read is kept
    (findings come sorted by path), so memory stays flat on a large tree. With a LineMemo, a file whose bytes
    were seen before is not decoded again: on a warm re-check that is most of the cost of fingerprinting."""

    def __init__(self, max_bytes: int, memo: LineMemo | None = None):
        self.max_bytes, self.memo = max_bytes, memo
        self.path, self.data, self.lines, self.known = None, b"", None, {}

    def __call__(self, path: str, line: int) -> str:
        if path != self.path:
            try:
                self.data = read_regular(path, self.max_bytes)
            except SourceError:
                self.data = b""  # unreadable: its finding is fingerprinted by rule and scope alone
            self.path, self.lines = path, None
            self.known = self.memo.entry(self.data) if self.memo is not None else {}
        key = str(line)
        if key not in self.known:
            if self.lines is None:
                try:
                    text = decode(path, self.data).text
                except SourceError:
                    text = ""
                self.lines = split_lines(text, keepends=False)
            self.known[key] = normalise(self.lines[line - 1]) if 0 < line <= len(self.lines) else ""
            if self.memo is not None:
                self.memo.changed = True
        return self.known[key]


class LineMemo:
    """{sha256 of a file's bytes: {line number: normalised text}} for the lines that had findings, kept in the
    result cache directory between runs (`directory` is the caller's to vouch for: ours, marked). Only this
    run's files are written back, so it never outgrows the tree."""

    def __init__(self, directory: Path):
        self.file = directory / "lines.json"
        try:
            loaded = json.loads(read_regular(self.file, 1 << 30))
        except (SourceError, ValueError):
            loaded = {}
        valid = isinstance(loaded, dict) and all(
            isinstance(entry, dict) and all(isinstance(text, str) for text in entry.values())
            for entry in loaded.values())
        self.entries, self.used, self.changed = loaded if valid else {}, {}, False

    def entry(self, data: bytes) -> dict:
        key = hashlib.sha256(data).hexdigest()
        self.used[key] = self.entries.get(key, {})
        return self.used[key]

    def save(self) -> None:
        if not self.changed and len(self.used) == len(self.entries):
            return
        try:
            atomic.write_text(self.file, json.dumps(self.used, separators=(",", ":")))  # dumps: C encoder
        except OSError:
            pass  # a read-only cache directory: the next run decodes again


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def pylint_symbol(symbol: str) -> str:
    """A finding is known by pylint's rule: a baseline accepting an old-division keeps accepting it when the
    catalogue reports that shape under a DM rule split off old-division (catalogue.pylint)."""
    rule = catalogue.load().pylint(symbol)
    return rule.symbol if rule is not None else symbol


def mark_all(findings, root: str, texts) -> list:
    """One Mark per finding, in the order given; occurrences counted in line order within each file."""
    marks = [None] * len(findings)
    seen, paths = Counter(), {}
    for index in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
        finding = findings[index]
        if finding.path not in paths:  # a file's findings share it: relpath costs 60 us, 30,000 findings 2 s
            paths[finding.path] = project_path(finding.path, root)
        path = paths[finding.path]
        code = texts(finding.path, finding.line)
        identity = (pylint_symbol(finding.symbol), code, finding.obj)
        occurrence = seen[(path, identity)]
        seen[(path, identity)] += 1
        marks[index] = Mark(path, digest(*identity, str(occurrence)), code)
    return marks

"""Fingerprints that survive edits elsewhere in a file: no line number in them.

A finding is known by its rule, its normalised line text and its enclosing scope (`obj`), plus an
occurrence index among findings equal in those three in the same file (counted in line order), so a
duplicated line or a second identical finding in one scope is a new finding, not a match. The path is
kept beside the fingerprint, not hashed into it, so that a renamed file maps its old entries over.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from diracmod.core.lines import split_lines
from diracmod.source.reader import SourceError, read

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Mark:
    """Where a finding lives for the gate: project-relative path, fingerprint, normalised line text."""
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
    """Line `n` of a file, decoded as the checker decoded it; only the last file read is kept (findings
    come sorted by path), so memory stays flat on a large tree."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.path, self.lines = None, []

    def __call__(self, path: str, line: int) -> str:
        if path != self.path:
            try:
                text = read(path, self.max_bytes).text
            except (SourceError, OSError):
                text = ""  # unreadable: its finding is fingerprinted by rule and scope alone
            self.path, self.lines = path, split_lines(text, keepends=False)
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def mark_all(findings, root: str, texts) -> list:
    """One Mark per finding, in the order given; occurrences counted in line order within each file."""
    marks = [None] * len(findings)
    seen = Counter()
    for index in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
        finding = findings[index]
        path = project_path(finding.path, root)
        code = normalise(texts(finding.path, finding.line))
        identity = (finding.symbol, code, finding.obj)
        occurrence = seen[(path, identity)]
        seen[(path, identity)] += 1
        marks[index] = Mark(path, digest(*identity, str(occurrence)), code)
    return marks

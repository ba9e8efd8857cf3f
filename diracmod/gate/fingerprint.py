"""Fingerprints that survive edits elsewhere in a file: no line number in them.

A finding is known by its rule, its normalised line text and its enclosing scope (`obj`), plus an
occurrence index among findings equal in those three in the same file (counted in line order), so a
duplicated line or a second identical finding in one scope is a new finding, not a match. The path is
kept beside the fingerprint, not hashed into it, so that a renamed file maps its old entries over.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from typing import NamedTuple

from diracmod.core import catalogue
from diracmod.core.finding import SORT_KEY
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
    full, base = os.path.abspath(path), os.path.abspath(root)
    if full.startswith(base) and full[len(base):len(base) + 1] == os.sep:  # the usual case, 10x faster than relpath
        relative = full[len(base) + 1:]
    else:
        try:
            relative = os.path.relpath(full, base)
        except ValueError:  # another drive (Windows)
            relative = path
    return relative.replace(os.sep, "/")


class LineTexts:
    """Line `n` of a file, decoded as the checker decoded it and normalised; only the last file read is kept
    (findings come sorted by path), so memory stays flat on a large tree. With a memo (the result cache's, see
    diracmod.check.cache.LineMemo: `known(path)`, `learn(path, data)`, dicts of {str(line): text}), a file
    whose lines are all known is not read at all: on a warm re-check that is most of the cost of fingerprinting."""

    def __init__(self, max_bytes: int, memo=None):
        self.max_bytes, self.memo = max_bytes, memo
        self.path, self.lines, self.known = None, None, {}

    def file(self, path: str) -> dict:
        """{str(line): text} of the lines of `path` known so far: to look in before calling (on a warm run
        every line is known, and a call per finding is most of the cost)."""
        if path != self.path:
            self.path, self.lines = path, None
            self.known = self.memo.known(path) if self.memo is not None else {}
        return self.known

    def __call__(self, path: str, line: int) -> str:
        key = str(line)
        self.file(path)
        if key not in self.known:
            if self.lines is None:
                try:
                    data = read_regular(path, self.max_bytes)
                    text = decode(path, data).text
                except SourceError:
                    data, text = b"", ""  # unreadable: its finding is fingerprinted by rule and scope alone
                if self.memo is not None:
                    self.known = self.memo.learn(path, data)
                self.lines = split_lines(text, keepends=False)
            self.known[key] = normalise(self.lines[line - 1]) if 0 < line <= len(self.lines) else ""
        return self.known[key]


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


@functools.lru_cache(maxsize=None)  # once per rule, not per finding: a warm re-check marks tens of thousands
def pylint_symbol(symbol: str, split_from: str = "") -> str:
    """A finding is known by pylint's rule: a baseline accepting an old-division keeps accepting it when the
    catalogue reports that shape under a DM rule split off old-division (catalogue.pylint)."""
    rule = catalogue.load().pylint(symbol, split_from)
    return rule.symbol if rule is not None else symbol


def mark_all(findings, root: str, texts) -> list:
    """One Mark per finding, in the order given; occurrences counted in line order within each file."""
    marks = [None] * len(findings)
    keys = list(map(SORT_KEY, findings))
    counts, path, shown, seen = {}, None, None, None
    for index in sorted(range(len(findings)), key=keys.__getitem__):
        finding = findings[index]
        if finding.path != path:  # sorted by path: a file's findings come together, and share its project path
            path = finding.path
            shown = project_path(path, root)
            seen = counts.setdefault(shown, {})
            known = texts.file(path)
        code = known.get(str(finding.line))
        if code is None:
            code = texts(path, finding.line)
            known = texts.file(path)
        identity = (pylint_symbol(finding.symbol, finding.split_from), code, finding.obj)
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        marks[index] = Mark(shown, digest(*identity, str(occurrence)), code)
    return marks

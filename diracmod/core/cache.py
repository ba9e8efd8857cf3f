"""Per-file results keyed by content hash, valid for one diracmod version + resolved config.

Not keyed on mtimes: CI checkouts reset them. One JSON file per configuration fingerprint, read once
and written once per run (atomically), so a warm run costs one read, not one per file.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

_MAX_ENTRIES = 50_000
_README = """This directory is diracmod's result cache (one file per configuration).
It is safe to delete at any time; `diracmod check --no-cache` bypasses it.
"""


class ResultCache:
    def __init__(self, directory: Path, fingerprint: str, enabled: bool = True):
        self.directory = directory
        self.file = directory / f"results-{fingerprint}.json"
        self.enabled = enabled
        self.entries: dict = {}
        self.dirty = False
        if enabled:
            try:
                self.entries = json.loads(self.file.read_text("utf-8"))
            except (OSError, ValueError):
                self.entries = {}

    def get(self, digest: str, checkers: frozenset):
        entry = self.entries.get(digest) if self.enabled else None
        if entry and checkers <= set(entry["checkers"]):
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
            self.directory.mkdir(parents=True, exist_ok=True)
            for name, text in (("README", _README), (".gitignore", "*\n"),
                               ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")):
                if not (self.directory / name).exists():
                    (self.directory / name).write_text(text)
            data = self.entries
            if len(data) > _MAX_ENTRIES:
                data = {k: v for k, v in data.items() if k in keep}
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, separators=(",", ":"))
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only checkout still gets its results, just not cached

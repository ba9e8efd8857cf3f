"""The last whole analysis of a tree (report and fix previews), reused while nothing it depends on changed:
the key covers every file's content, the settings, diracmod's version and the other inputs (CODEOWNERS or
git HEAD, tests.json). A warm report then reads one file instead of re-deriving 2,000 modules' facts.

One file per configuration in the result cache's directory (same trust rules: only a directory diracmod
created and marked), the key on its first line."""
from __future__ import annotations

import json
from pathlib import Path

from diracmod.core import atomic
from diracmod.check.cache import claim, refusal
from diracmod.source.reader import SourceError, read_regular

_MAX_BYTES = 1 << 30


class AnalysisCache:
    def __init__(self, directory: Path, fingerprint: str, enabled: bool = True):
        self.directory = Path(directory)
        self.file = self.directory / f"report-{fingerprint}.json"
        self.enabled = enabled and refusal(self.directory) is None

    def get(self, key: str) -> dict | None:
        if not self.enabled:
            return None
        try:
            stored, _, text = read_regular(self.file, _MAX_BYTES).partition(b"\n")
            data = json.loads(text) if stored == key.encode() else None
        except (SourceError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, data: dict) -> None:
        if not self.enabled:
            return
        try:
            if not claim(self.directory):
                return
            atomic.write_text(self.file, key + "\n" + json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # a read-only checkout still gets its report, just not cached

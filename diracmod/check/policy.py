"""Per-path policy of the gate, from [tool.diracmod]: which findings fail where.

    ported = ["src/DIRAC/Core"]          # must stay py3k-clean: a py3k finding there fails, baseline or not
    fail-on = "warning"                  # the lowest severity that fails (findings below are still reported)
    [[tool.diracmod.paths]]
    path = "src/DIRAC/WorkloadManagementSystem/PilotAgent"   # a directory or a glob, from the project root
    target = "2.6"                       # must still run on Python 2.6: 2.7-only syntax is flagged (checker target)
    gate = ["py3k", "syntax", "target"]  # only these (checkers, ids, symbols) fail there; [] nothing
    fail-on = "error"

A finding takes the settings of every entry whose path holds it, later entries over earlier ones.
"""
from __future__ import annotations

import fnmatch
from pathlib import Path

from diracmod.check.selection import Selection, SelectionError
from diracmod.core.config import SEVERITIES, ConfigError
from diracmod.gate.fingerprint import project_path

PY3K_CLEAN = ("py3k", "syntax")  # what `ported` means: what `--select py3k` reports, syntax included


def inside(path: str, directory: str) -> bool:
    """Is the project path `path` in `directory` (a project path, or a glob)?"""
    directory = directory.strip("/") or "."
    return (directory == "." or path == directory or path.startswith(directory + "/")
            or fnmatch.fnmatchcase(path, directory))


class Policy:
    def __init__(self, config):
        self.root, self.ported, self.fail_on = config.root, list(config.ported), config.fail_on
        try:  # each `gate` list read once, as --select reads its names (an empty one is no checker, not all)
            self.entries = [{**entry, "gate": entry["gate"] and Selection(entry["gate"])} if "gate" in entry
                            else entry for entry in config.paths]
        except SelectionError as exc:
            where = Path(config.root, "pyproject.toml")
            raise ConfigError(f"{where}: [[tool.diracmod.paths]] gate: {exc}") from None
        self._by_path: dict = {}  # path -> its settings: asked once per finding, the same for a file's findings

    def _settings(self, path: str) -> dict:
        found = self._by_path.get(path)
        if found is None:
            found = self._by_path[path] = self._settings_of(path)
        return found

    def _settings_of(self, path: str) -> dict:
        where = project_path(path, self.root)
        settings = {"fail_on": self.fail_on}
        for entry in self.entries:
            if inside(where, entry["path"]):
                settings.update(entry)
        return settings

    @property
    def floors(self) -> bool:
        """Does any path have a Python 2.6 floor (so that the target checker has to run)?"""
        return any(entry.get("target") == "2.6" for entry in self.entries)

    def floor(self, path: str) -> str | None:
        return self._settings(path).get("target")

    def in_ported(self, path: str) -> bool:
        where = project_path(path, self.root)
        return any(inside(where, directory) for directory in self.ported)

    def fails(self, finding) -> bool:
        """Does this (reported) finding fail the gate where it is?"""
        settings = self._settings(finding.path)
        if SEVERITIES.index(finding.type) < SEVERITIES.index(settings["fail_on"]):
            return False
        if "gate" not in settings:
            return True
        return bool(settings["gate"]) and settings["gate"].wants(finding.msg_id, finding.symbol, finding.checker,
                                                                   finding.split_from)

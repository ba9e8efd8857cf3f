"""Test status per module from `diracmod tests`, when its JSON is in the report's output directory
(tests.json). Read loosely, so that either side can grow: schema_version 1 and a `modules` entry per
module, as a list [{"module": ID, "both": N, ...}] (what `diracmod tests` writes) or a mapping
{"pkg.mod": {"both": N, "python2_only": N, "neither": N}}; a module is named by its path relative to the
tree or by its dotted name. Counts are tests exercising the module that pass on both interpreters, on
Python 2 only, on Python 3 only, on neither. The parts read are held to tests-1.json (the schema of
`diracmod tests`, diracmod/testrun/schema/): schema_version the integer 1, every `modules` entry an object
with the module's name and counts (integers, 0 or more) and nothing else. Anything else: the column is greyed
out, with the reason."""
from __future__ import annotations

import hashlib
import json
import os

from diracmod.source import reader as sources

FILE = "tests.json"
CATEGORIES = ("both", "python2_only", "python3_only", "neither")
_MAX_BYTES = 200_000_000


def digest(output: str) -> str | None:
    """The content key of tests.json (part of the report's cache key), None when there is none."""
    try:
        return hashlib.sha256(sources.read_regular(os.path.join(output, FILE), _MAX_BYTES)).hexdigest()
    except sources.SourceError:
        return None


_ENTRY_KEYS = frozenset({"module", "tests", *CATEGORIES})  # a list entry's keys in tests-1.json


def _counts(item, known: frozenset) -> dict | None:
    if not isinstance(item, dict) or not item.keys() <= known or not {"both", "neither"} <= item.keys():
        return None
    counts = {c: item.get(c, 0) for c in CATEGORIES}
    if not all(type(v) is int and v >= 0 for v in [*counts.values(), item.get("tests", 0)]):
        return None
    return counts


def _entries(modules) -> tuple:
    """({name: entry}, the keys an entry may have) or (None, why not)."""
    if isinstance(modules, dict):
        return modules, frozenset(CATEGORIES)
    if not isinstance(modules, list):
        return None, "no per-module results (`modules`)"
    entries = {}
    for number, entry in enumerate(modules):
        if not (isinstance(entry, dict) and isinstance(entry.get("module"), str)):
            return None, f"modules[{number}]: expected an object with the module's path (`module`)"
        entries[entry["module"]] = entry
    return entries, _ENTRY_KEYS


def load(output: str) -> tuple:
    """({module id or dotted name: counts} or None, a sentence on where they come from or why not)."""
    path = os.path.join(output, FILE)
    if not os.path.lexists(path):
        return None, f"`diracmod tests` has not written {FILE} into the output directory"
    try:
        document = json.loads(sources.read_regular(path, _MAX_BYTES))
    except sources.SourceError as exc:  # a directory, a FIFO, a device, too large...
        return None, f"{FILE} could not be read ({sources.describe(exc)})"
    except RecursionError:
        return None, f"{FILE} is not JSON this report reads (nested too deeply)"
    except ValueError as exc:
        return None, f"{FILE} is not JSON ({exc})"
    version = document.get("schema_version") if isinstance(document, dict) else None
    if version != 1 or isinstance(version, bool):  # JSON's true is not 1 (tests-1.json: "const": 1)
        return None, f"{FILE}: schema_version {version!r} is not one this report reads (1)"
    entries, known = _entries(document.get("modules"))
    if entries is None:
        return None, f"{FILE}: {known}"
    per_module = {}
    for name, item in entries.items():
        counts = _counts(item, known)
        if counts is None:
            return None, f"{FILE}: module {name!r}: expected counts {', '.join(CATEGORIES)}"
        per_module[name.replace(os.sep, "/")] = counts
    return per_module, f"diracmod tests ({FILE})"


def of(module: dict, per_module: dict) -> dict:
    """A module's counts (all zero when no test exercises it)."""
    found = per_module.get(module["id"]) or per_module.get(module["name"])
    return found or dict.fromkeys(CATEGORIES, 0)

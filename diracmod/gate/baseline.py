"""The baseline (ratchet): the findings a project has accepted, so that only new ones fail the gate.

The file is sorted and holds one finding per line, so two branches that each fix or accept findings
merge without conflicts in the common case. No line numbers: see diracmod.gate.fingerprint.
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter
from typing import NamedTuple

from diracmod.core import catalogue
from diracmod.core.config import PROJECT_FILES
from diracmod.core.report_file import read_by_diracmod, refuse_inputs
from diracmod.gate.fingerprint import pylint_symbol
from diracmod.source.project_index.doctests import other_readers
from diracmod.source.reader import SourceError, describe, read_data

FORMAT_VERSION = 1
DEFAULT_NAME = "diracmod-baseline.json"


class BaselineError(Exception):
    """The baseline file cannot be used; the message says how to fix or recreate it."""


class Entry(NamedTuple):
    """A tuple, not a dataclass: a large tree's baseline holds tens of thousands, made on every run (a frozen
    dataclass costs twice the time to build); compared and sorted as (path, symbol, id, code, fingerprint)."""
    path: str
    symbol: str
    id: str
    code: str  # the normalised line text, for the reviewer of a baseline change
    fingerprint: str


_VALUES = itemgetter(*Entry._fields)  # an entry's values from its JSON object, in C


@dataclass
class Comparison:
    new: list  # indices into the findings compared
    known: int
    fixed: list  # Entries no longer found


def entries(findings, marks) -> list:
    """One Entry per finding, in the order given (the file itself is written sorted), under pylint's rule: a
    shape split off a pylint rule is recorded as that rule, as its fingerprint is (diracmod.gate.fingerprint)."""
    rules = catalogue.load()
    made = []
    for finding, mark in zip(findings, marks):
        rule = rules.pylint(finding.symbol, finding.split_from)
        symbol, msg_id = (rule.symbol, rule.id) if rule is not None else (finding.symbol, finding.msg_id)
        made.append(Entry(mark.path, symbol, msg_id, mark.code, mark.fingerprint))
    return made


def keys(findings, marks) -> list:
    """What identifies each finding against the baseline, (path, symbol, fingerprint), in the order given; in C
    (attrgetters), with no Entry made: a warm re-check compares tens of thousands."""
    return list(zip(map(attrgetter("path"), marks), map(pylint_symbol, map(attrgetter("symbol"), findings),
                                                                 map(attrgetter("split_from"), findings)),
                    map(attrgetter("fingerprint"), marks)))


def dumps(items) -> str:
    body = ",\n".join("    " + json.dumps(entry._asdict()) for entry in sorted(items))
    return (f'{{\n  "diracmod-baseline": {FORMAT_VERSION},\n  "findings": [\n'
            + (body + "\n" if body else "") + "  ]\n}\n")


MARKER = '"diracmod-baseline"'  # the key every baseline file holds, even one a merge conflict has damaged


# Files diracmod or the tools beside it read by their name (lower case): settings (diracmod's, pycodestyle's,
# flake8's, pylint's) and what `diracmod deps` reads (pip's requirements and constraints, Pipfile, conda's files).
_SETTINGS = frozenset((*PROJECT_FILES, ".pycodestyle", ".pep8", ".flake8", "pylintrc", ".pylintrc", "pipfile",
                       "pipfile.lock"))
_SETTINGS_PREFIXES = ("requirements", "constraints", "environment", "conda")  # requirements-dev.txt, conda.yml
_SETTINGS_SUFFIXES = ("requirements.txt", "requirements.in")  # test-requirements.txt


def _settings_name(path: str) -> bool:
    name = os.path.basename(path).lower()
    return name in _SETTINGS or name.endswith(_SETTINGS_SUFFIXES) or (
        name.startswith(_SETTINGS_PREFIXES) and name.endswith((".txt", ".in", ".yml", ".yaml"))) or (
        os.path.basename(os.path.dirname(path)) == "requirements" and name.endswith((".txt", ".in")))


def refuse_unfit(path: str, named_by: str, config, inputs=()) -> None:
    """Raise ReportError when `path` can never be the baseline, whatever --force says, or exists or not (tryout20
    #8: --force replaced pyproject.toml with the baseline's JSON): a file diracmod or its tools read, by its name or
    its link's target's (settings or requirements; Python source: *.py, a `#!` python script, a .pyw, checked or
    excluded) or by identity (one of `inputs`, the checked files; the settings files read, the
    ratchet file the settings name). One message, naming what named the path (`named_by`), for check, update and
    create (tryout20 #12)."""
    real = os.path.realpath(path)
    if any(_settings_name(name) or name.endswith(".py") for name in (path, real)) or (
            not real.lower().endswith((".txt", ".rst")) and other_readers([real])):  # a text: only its doctests
        raise read_by_diracmod(path, named_by)
    ratchet = config.tests.get("ratchet")
    named = [source for source, _ in config.sources] + ([os.path.join(config.root, ratchet)] if ratchet else [])
    refuse_inputs(path, [*inputs, *named], named_by)


def forceable(path: str) -> bool:
    """May `baseline create --force` replace `path`, which holds no baseline's marker: a regular file named *.json
    (by its link's target's name) that is no well-formed JSON (a damaged baseline, whatever damaged it), or an empty
    one; nothing else, which --force would destroy (tryout20 #8), nor well-formed JSON of another tool
    (package.json, tsconfig.json: tryout21 #7), even with a byte-order mark, comments or trailing commas (JSONC:
    tryout23 #4). A name that is not there: nothing to replace."""
    try:
        info = os.stat(path)
    except OSError:
        return not os.path.lexists(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size and not os.path.realpath(path).lower().endswith(".json"):
        return False
    if info.st_size == 0:
        return True
    try:
        text = read_data(path)
    except SourceError:  # unreadable or over the size limit: kept
        return False
    return not (_json(text) or _json(_TRAILING_COMMA.sub(_kept_string, _COMMENT.sub(_kept_string, text))))


# A JSON string (kept as it is), or what another tool's JSON allows and json.loads does not (tryout23 #4), dropped:
# a `//` or `/* */` comment (JSONC: tsconfig.json, .vscode/settings.json), a comma before `}` or `]`. An
# unterminated string or comment is kept and runs to the end (one match, so a re.sub over the text stays linear).
_STRING = r'"(?:[^"\\]|\\.)*(?:"|\Z)'
_COMMENT = re.compile(_STRING + r"|(?P<drop>//[^\n]*|/\*(?:[^*]|\*(?!/))*\*/)|/\*.*", re.DOTALL)
_TRAILING_COMMA = re.compile(_STRING + r"|(?P<drop>,(?=\s*[}\]]))")


def _kept_string(match: re.Match) -> str:
    """A comment or trailing comma as a space; anything else as it is."""
    return " " if match["drop"] else match[0]


def _json(text: str) -> bool:
    """Is `text` one JSON document (after a UTF-8 byte-order mark, which RFC 8259 lets a parser ignore and
    Windows tools write: tryout23 #4)."""
    try:
        json.loads(text.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        return False
    return True


def not_a_baseline(path: str) -> str:
    """How to go on from a file at the baseline's place that holds no baseline's marker: may be no baseline at all
    (a typo in --baseline). The --force advice only where create --force replaces it: check, update and create
    say the same (tryout20 #12: check advised a --force create then refused)."""
    if forceable(path):
        return (f"it holds no {MARKER} key: is it the baseline? Name the baseline with --baseline FILE or "
                "[tool.diracmod] baseline; only if it is the project's damaged baseline, "
                "`diracmod baseline create --force` replaces it")
    return (f"it holds no {MARKER} key and `diracmod baseline create` keeps it, --force or not (--force replaces "
            "only a damaged baseline: a regular file named *.json that is no well-formed JSON, or an empty one). Name "
            "the baseline with --baseline FILE or [tool.diracmod] baseline")


def _recreate(text: str | None, where: str) -> str:
    """How to go on from a baseline that cannot be used."""
    if text is not None and MARKER in text:
        return f"fix it, or recreate it with `diracmod baseline create` (it replaces {where})"
    return not_a_baseline(where)


def replaceable(path: str) -> bool:
    """May `baseline create` write `path` without --force: nothing there, or a diracmod baseline (its marker key,
    even in a file a merge conflict has damaged). Anything else (another file, one that cannot be read) is kept."""
    if not os.path.lexists(path):
        return True
    try:
        return MARKER in read_data(path)
    except SourceError:
        return False


def loads(text: str, where: str) -> list:
    recreate = _recreate(text, where)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested thousands deep
        raise BaselineError(f"{where}: not valid JSON ({exc}); {recreate}") from None
    if not isinstance(data, dict) or data.get("diracmod-baseline") != FORMAT_VERSION:
        raise BaselineError(f"{where}: not a diracmod baseline (format {FORMAT_VERSION}); {recreate}")
    items = data.get("findings")
    try:  # _VALUES raises TypeError on anything but a JSON object, KeyError on one without one of Entry's keys;
        # tuple.__new__ makes each Entry in C (namedtuple's __new__ is Python: 15 ms for a large tree's baseline)
        entries = [tuple.__new__(Entry, values) for values in map(_VALUES, items)] if isinstance(items, list) \
            else None
    except (KeyError, TypeError):
        entries = None
    if (entries is None or set(map(len, items)) - {len(Entry._fields)}  # a key more than Entry's
            or set(map(type, chain.from_iterable(entries))) - {str}):
        raise BaselineError(f"{where}: each finding needs exactly the string keys {', '.join(sorted(Entry._fields))}; "
                            f"{recreate}")
    return entries


def read(path: str) -> list | None:
    """The baseline at `path`, None when there is none."""
    if not os.path.lexists(path):
        return None
    try:
        text = read_data(path)
    except SourceError as exc:
        if os.path.isdir(path):  # no --force advice: create refuses a directory too (tryout18 #8)
            raise BaselineError(f"{path}: that is a directory, not a baseline; name the baseline file with "
                                "--baseline FILE or [tool.diracmod] baseline") from None
        raise BaselineError(f"{path}: cannot be read ({describe(exc)}); {_recreate(None, path)}") from None
    return loads(text, path)


_KEY = itemgetter(0, 1, 4)  # an Entry's (path, symbol, fingerprint): what identifies it


def compare(current: list, baseline: list, renamed: dict, in_scope) -> Comparison:
    """`current` (`keys` of the findings, in report order) against the baseline. A baseline entry of a renamed
    file counts under its new path (`renamed`: old -> new). Only entries `in_scope` (a file that was checked,
    a rule that was selected) can be "fixed": checking a sub-directory does not fix the rest of the project."""
    def renamed_key(entry):
        return renamed.get(entry.path, entry.path), entry.symbol, entry.fingerprint

    key = renamed_key if renamed else _KEY
    remaining = Counter(map(key, baseline))
    new, known = [], 0
    for index, current_key in enumerate(current):
        left = remaining.get(current_key, 0)
        if left > 0:
            remaining[current_key] = left - 1
            known += 1
        else:
            new.append(index)
    fixed = []
    if any(remaining.values()):
        for entry in baseline:  # entries of one key are equal: which of them are the fixed ones does not matter
            entry_key = key(entry)
            if remaining[entry_key] > 0 and in_scope(entry):
                remaining[entry_key] -= 1
                fixed.append(entry)
    return Comparison(new, known, sorted(fixed))  # sorted: fixed ones only (sorting 30,000 entries took 0.2 s)


def updated(baseline: list, current: list, comparison: Comparison, renamed: dict, add: bool) -> list:
    """`diracmod baseline update`: fixed entries go, renamed ones follow their file, new findings are
    accepted only with `add` (the ratchet only tightens by default)."""
    gone = Counter(comparison.fixed)
    kept = []
    for entry in baseline:
        if gone[entry] > 0:
            gone[entry] -= 1
            continue
        path = renamed.get(entry.path, entry.path)
        kept.append(Entry(path, entry.symbol, entry.id, entry.code, entry.fingerprint))
    if add:
        kept += [current[index] for index in comparison.new]
    return sorted(kept)

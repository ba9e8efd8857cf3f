"""The rule catalogue, loaded from the TOML files shipped as diracmod.rules (the repo's rules/)."""
from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from diracmod.core import atomic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 in CI
    import tomli as tomllib


@dataclass(frozen=True)
class Example:
    code: str
    lines: tuple = ()
    pylint: bool = True  # False: real pylint disagrees here (documented in note)
    note: str = ""
    fixed: str | None = None  # a bad example of a fixable rule: exactly what `diracmod fix` makes of it
    # (file name, text) of the files beside the example, for a rule that reads its directory (a package's
    # __init__.py, a sibling module): the example is a module of that directory
    beside: tuple = ()


@dataclass(frozen=True)
class Rule:
    id: str
    symbol: str
    checker: str
    severity: str
    message: str
    summary: str
    rationale: str
    fix: str
    fixable: bool
    unsafe: bool = False  # its rewrite can change behaviour: `diracmod fix` makes it only with --unsafe
    effort: float | None = None  # minutes per finding ported by hand (`diracmod report`); None: report's default
    # the id of the pylint rule this DM rule splits from: it reports the shapes of pylint's rule that `diracmod
    # fix` leaves for a person, and counts as pylint's rule wherever pylint's names are used (Catalogue.pylint)
    pylint: str = ""
    bad: tuple = field(default=())
    good: tuple = field(default=())

    def format_message(self, **detail) -> str:
        """Fill the {placeholders} the checker knows; leave unknown ones readable."""
        return self.message.format_map(_Detail(detail)) if "{" in self.message else self.message


class _Detail(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _example(data: dict) -> Example:
    return Example(code=data["code"], lines=tuple(data.get("lines", ())),
                   pylint=data.get("pylint", True), note=data.get("note", ""), fixed=data.get("fixed"),
                   beside=tuple(sorted(data.get("beside", {}).items())))


def _rule(data: dict) -> Rule:
    return Rule(
        id=data["id"], symbol=data["symbol"], checker=data["checker"], severity=data["severity"],
        message=data["message"], summary=data["summary"], rationale=data["rationale"].strip(),
        fix=data.get("fix", "").strip(), fixable=data.get("fixable", False),
        unsafe=data.get("unsafe", False), effort=data.get("effort"), pylint=data.get("pylint", ""),
        bad=tuple(_example(e) for e in data.get("bad", ())),
        good=tuple(_example(e) for e in data.get("good", ())),
    )


class Catalogue:
    def __init__(self, rules, digest: str = ""):
        # what the rule files hold, hashed: findings carry their rule's message, severity and `fixable`, so
        # results cached under another catalogue are stale even when diracmod's version is the same
        self.digest = digest
        self.rules = sorted(rules, key=lambda r: r.id)
        self.by_id = {r.id: r for r in self.rules}
        self.by_symbol = {r.symbol: r for r in self.rules}
        if len(self.by_id) != len(self.rules) or len(self.by_symbol) != len(self.rules):
            raise ValueError("duplicate rule id or symbol in the catalogue")
        for rule in self.rules:
            if rule.pylint and (rule.pylint not in self.by_id or self.by_id[rule.pylint].pylint
                                or rule.pylint.startswith("DM")):
                raise ValueError(f"{rule.id}: pylint = {rule.pylint!r} names no pylint rule of the catalogue")

    def get(self, key: str) -> Rule | None:
        """By id (case-insensitive) or symbol."""
        return self.by_id.get(key.upper()) or self.by_symbol.get(key)

    def pylint(self, key: str, split_from: str = "") -> Rule | None:
        """The rule pylint reports a finding of `key` (id or symbol) under: the finding's `split_from` (a rule
        split off several of pylint's names it per finding), else the rule a split-off DM rule names in `pylint`,
        else the rule itself. Suppressions, --select/--ignore, baselines, the pylint plugin and the comparisons
        with pylint go by it, so a shape fix leaves is still pylint's rule to all of them."""
        if split_from:
            return self.get(split_from)
        rule = self.get(key)
        return self.by_id[rule.pylint] if rule is not None and rule.pylint else rule

    def __getitem__(self, key: str) -> Rule:
        rule = self.get(key)
        if rule is None:
            raise KeyError(key)
        return rule

    @property
    def checkers(self) -> set:
        return {r.checker for r in self.rules}


# Parsing the catalogue's TOML (200 KB) took 40 ms of every start, more than the rest of `diracmod check`'s
# start-up; its rule tables are kept as JSON (read in 2 ms) beside the files, in __pycache__ as Python keeps
# bytecode: named by the digest of what they were parsed from, written unless Python writes no bytecode
# (PYTHONDONTWRITEBYTECODE, -B), and only where the package is a writable directory.
_COMPILED = "catalogue-{digest}.json"
_RULE_TABLE = re.compile(r"^\[\[rule\]\]", re.MULTILINE)


def _compiled_path(package, digest: str) -> Path | None:
    return Path(package, "__pycache__", _COMPILED.format(digest=digest)) if isinstance(package, Path) else None


def _kept_rules(compiled: Path | None, digest: str, count: int) -> list | None:
    """The rules of the `compiled` copy, if it is one for `digest` holding `count` rules that all build (a
    truncated or hand-edited copy is never trusted: `"rules": []` would be a silent pass); else None."""
    try:
        kept = json.loads(compiled.read_bytes()) if compiled is not None else None
        if not (isinstance(kept, dict) and kept.get("digest") == digest and isinstance(kept.get("rules"), list)
                and len(kept["rules"]) == count):
            return None
        rules = [_rule(table) for table in kept["rules"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # none yet, unreadable, or not rule tables: parsed again
    return rules if all(isinstance(r.id, str) and isinstance(r.symbol, str) for r in rules) else None


def _rules(sources: list, digest: str, compiled: Path | None) -> list:
    """The rules of the [[rule]] tables of `sources` ((file name, text) pairs, whose digest is `digest`): from
    the `compiled` copy when it is sound, else parsed (and the copy written for the next run)."""
    count = sum(len(_RULE_TABLE.findall(text)) for _, text in sources)
    rules = _kept_rules(compiled, digest, count)
    if rules is not None:
        return rules
    tables = [table for _, text in sources for table in tomllib.loads(text).get("rule", ())]
    if compiled is not None and not sys.dont_write_bytecode:
        try:
            compiled.parent.mkdir(exist_ok=True)
            for stale in compiled.parent.glob(_COMPILED.format(digest="*")):
                stale.unlink()
            atomic.write_text(compiled, json.dumps({"digest": digest, "rules": tables}))
        except (OSError, TypeError):  # read-only, or a value JSON cannot hold: parsed again next time
            pass
    return [_rule(table) for table in tables]


@functools.lru_cache(maxsize=None)
def load() -> Catalogue:
    package, sources, digest = resources.files("diracmod.rules"), [], hashlib.sha256()
    for entry in sorted(package.iterdir(), key=lambda p: p.name):
        text = entry.read_text("utf-8") if entry.name.endswith(".toml") else ""
        if "[[rule]]" in text:  # not the curated data of other commands (distributions.toml): parsing is start-up time
            sources.append((entry.name, text))
            digest.update(f"{entry.name}\0{text}\0".encode())
    digest = digest.hexdigest()[:16]
    return Catalogue(_rules(sources, digest, _compiled_path(package, digest)), digest)

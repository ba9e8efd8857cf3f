"""The curated dependency knowledge (rules/distributions.toml, shipped as diracmod.rules)."""
from __future__ import annotations

import fnmatch
import functools
import sys
from dataclasses import dataclass, field
from importlib import resources

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from diracmod.source.tables import STDLIB_MOVES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 in CI
    import tomli as tomllib

FILE = "distributions.toml"


def _version(text):
    try:
        return Version(text) if text else None
    except InvalidVersion:
        return None


@dataclass(frozen=True)
class Facts:
    """What is known about one distribution without asking the index."""
    name: str
    python3: bool | None = None  # False: no release runs on Python 3
    python3_since: Version | None = None
    python2_dropped_in: Version | None = None
    backport: str = ""
    since: str = ""
    replacement: str = ""
    required: bool = False
    imports: tuple = ()
    note: str = ""

    def supports(self, major: int, version: Version):
        """(True/False, why) when a fact covers this release, else (None, "")."""
        if major == 3:
            if self.python3 is False:
                return False, f"curated: {self.name} never ran on Python 3"
            if self.python3_since is not None:
                ok = version >= self.python3_since
                return ok, f"curated: Python 3 from {self.python3_since} on"
        if major == 2 and self.python2_dropped_in is not None:
            ok = version < self.python2_dropped_in
            return ok, f"curated: Python 2.7 dropped in {self.python2_dropped_in}"
        return None, ""


@dataclass(frozen=True)
class StdlibMove:
    module: str
    python3: str
    six: str = ""
    removed: str = ""  # the Python 3 version that removed a module Python 3.0 still had

    def advice(self) -> str:
        text = f"{self.python3}" + (f" (six: {self.six})" if self.six else "")
        if self.removed:
            return f"removed in Python {self.removed}: use {text}"
        return f"Python 3: {text}"


@dataclass
class Knowledge:
    imports: dict = field(default_factory=dict)  # import name -> [distribution names]
    conda: dict = field(default_factory=dict)  # canonical conda name -> index name ("" = none)
    tools: tuple = ()
    stdlib: dict = field(default_factory=dict)  # module -> StdlibMove
    facts: dict = field(default_factory=dict)  # canonical name -> Facts

    def fact(self, name: str) -> Facts | None:
        return self.facts.get(canonicalize_name(name))

    def is_tool(self, name: str) -> bool:
        canonical = canonicalize_name(name)
        return any(fnmatch.fnmatchcase(canonical, p.lower().replace("_", "-").replace(".", "-")) for p in self.tools)

    def conda_name(self, name: str):
        """The index name of a conda package: the same name unless curated ("" = not on the index)."""
        return self.conda.get(canonicalize_name(name), name)

    def distributions_for(self, module: str) -> list:
        """Curated distributions for a dotted import, longest matching prefix first."""
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            found = self.imports.get(".".join(parts[:end]))
            if found:
                return list(found)
        return []

    def stdlib_move(self, module: str) -> StdlibMove | None:
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            move = self.stdlib.get(".".join(parts[:end]))
            if move:
                return move
        return None

    def provided_imports(self, name: str) -> set:
        """Import names a distribution is known to provide (curated), for declared-but-unused."""
        canonical = canonicalize_name(name)
        names = {module for module, dists in self.imports.items()
                 if canonical in {canonicalize_name(d) for d in dists}}
        fact = self.facts.get(canonical)
        if fact:
            names.update(fact.imports)
        return names


def _facts(name: str, data: dict) -> Facts:
    return Facts(
        name=name, python3=data.get("python3"), python3_since=_version(data.get("python3_since")),
        python2_dropped_in=_version(data.get("python2_dropped_in")), backport=data.get("backport", ""),
        since=data.get("since", ""), replacement=data.get("replacement", ""), required=data.get("required", False),
        imports=tuple(data.get("imports", ())), note=data.get("note", ""))


def parse(data: dict) -> Knowledge:
    return Knowledge(
        imports={k: tuple(v) for k, v in data.get("imports", {}).items()},
        conda={canonicalize_name(k): v for k, v in data.get("conda", {}).items()},
        tools=tuple(data.get("tools", {}).get("names", ())),
        stdlib={k: StdlibMove(k, v["python3"], v.get("six", ""), v.get("removed", ""))
                for k, v in STDLIB_MOVES.items() if v.get("python3")},  # the table check and fix read too
        facts={canonicalize_name(k): _facts(k, v) for k, v in data.get("distributions", {}).items()},
    )


@functools.lru_cache(maxsize=None)
def load() -> Knowledge:
    text = resources.files("diracmod.rules").joinpath(FILE).read_text("utf-8")
    return parse(tomllib.loads(text))

"""Import names <-> distributions: installed metadata (top_level.txt, else RECORD), the curated
table for the well-known mismatches (MySQLdb -> MySQL-python / mysqlclient...), else the name itself."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import metadata

from packaging.utils import canonicalize_name

from diracmod.deps.imports import stdlib_names
from diracmod.deps.knowledge import Knowledge

_SKIP_TOP = re.compile(r"(\.dist-info|\.egg-info|\.data|\.pth|__pycache__|\.\.)$")


@dataclass
class Installed:
    """What the installed distributions say (the environment diracmod runs in, or --site-packages)."""
    by_import: dict = field(default_factory=dict)  # top-level import name -> {distribution names}
    by_dist: dict = field(default_factory=dict)  # canonical distribution -> {top-level import names}


def _top_levels(dist) -> set:
    try:
        text = dist.read_text("top_level.txt")
    except (OSError, UnicodeDecodeError):
        text = None
    if text:
        return {line.strip().replace("/", ".").split(".")[0] for line in text.splitlines() if line.strip()}
    names = set()
    for path in dist.files or ():
        first = path.parts[0] if path.parts else ""
        if not first or _SKIP_TOP.search(first) or first.startswith(".."):
            continue
        if len(path.parts) == 1:
            if first.endswith((".py", ".so", ".pyd")):
                names.add(first.split(".", 1)[0])
        else:
            names.add(first)
    return {n for n in names if n.isidentifier()}


def installed(paths=None) -> Installed:
    found = Installed()
    try:
        dists = list(metadata.distributions(path=paths) if paths else metadata.distributions())
    except OSError:
        return found
    for dist in dists:
        try:
            name = dist.metadata["Name"]
        except (KeyError, OSError):
            continue
        if not name:
            continue
        tops = _top_levels(dist)
        found.by_dist.setdefault(canonicalize_name(name), set()).update(tops)
        for top in tops:
            found.by_import.setdefault(top, set()).add(name)
    return found


def name_guesses(distribution: str) -> set:
    """Import names a distribution probably provides when nothing says (PyYAML -> yaml, stomp.py -> stomp)."""
    base = canonicalize_name(distribution).replace("-", "_")
    guesses = {base, base.replace("_", "")}
    for prefix in ("python_", "py_", "py"):
        if base.startswith(prefix) and len(base) > len(prefix) + 1:
            guesses.add(base[len(prefix):])
    for suffix in ("_python", "_py", "python", "2", "3"):
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            guesses.add(base[: -len(suffix)].rstrip("_"))
    return guesses


class Mapper:
    def __init__(self, knowledge: Knowledge, installed_dists: Installed):
        self.knowledge = knowledge
        self.installed = installed_dists

    def distributions(self, module: str) -> tuple:
        """(candidate distributions, preferred first; how they were found) for a third-party import."""
        top = module.split(".", 1)[0]
        found = sorted(self.installed.by_import.get(top, ()))
        if found:
            return found + [d for d in self.knowledge.distributions_for(module) if d not in found], "installed metadata"
        curated = self.knowledge.distributions_for(module)
        if curated:
            return curated, "curated table"
        return [top], "guessed from the import name"

    def imports_of(self, distribution: str) -> set:
        """Lower-cased import names a declared distribution may provide."""
        canonical = canonicalize_name(distribution)
        names = set(self.installed.by_dist.get(canonical, ()))
        names |= self.knowledge.provided_imports(distribution)
        names |= name_guesses(distribution)
        return {n.lower() for n in names}

    def is_stdlib(self, module: str) -> bool:
        return module.split(".", 1)[0] in stdlib_names()

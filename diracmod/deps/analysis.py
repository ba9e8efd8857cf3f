"""One `deps` run: inputs + imports -> dependencies -> index -> verdicts -> the transitive walk with
its blocker chains. No output here (report.py) and no argument parsing (diracmod/commands/deps.py)."""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement as PEP508
from packaging.utils import canonicalize_name

from diracmod.deps import declarations
from diracmod.deps import imports as import_scan
from diracmod.deps.index import DEFAULT_INDEX, DEFAULT_TTL, IndexClient
from diracmod.deps.knowledge import load as load_knowledge
from diracmod.deps.mapping import Mapper, installed
from diracmod.deps.model import Requirement
from diracmod.deps.verdict import (BLOCKED, BLOCKS, DEPENDENCY_NEEDS_CHANGE, FINE, KINDS, NEEDS_CHANGE, UNKNOWN,
                                   Project, assess, needs)

MAX_CHAINS = 5
# Transitive verdicts that reach the dependency that pulls them in, with the phrase it is then given.
_CHAINED = {BLOCKS: BLOCKED, NEEDS_CHANGE: DEPENDENCY_NEEDS_CHANGE}


def default_cache_dir() -> str:
    if os.environ.get("DIRACMOD_CACHE_DIR"):
        return os.environ["DIRACMOD_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "diracmod", "index")


@dataclass
class Options:
    index_url: str = DEFAULT_INDEX
    offline: bool = False
    refresh: bool = False
    cache_dir: str | None = field(default_factory=default_cache_dir)
    ttl: float = DEFAULT_TTL
    timeout: float = 10.0
    jobs: int = 16
    depth: int = 8  # transitive levels walked; 0 = direct dependencies only
    imports: bool = True
    site_packages: tuple = ()
    exclude: tuple = ()
    allow_include: tuple = ()  # directories outside the project that -r/-c/file: includes may read
    strict: bool = False  # needs-a-change and unknown verdicts fail the run too


@dataclass
class Report:
    dependencies: list = field(default_factory=list)  # Entry, direct (declared, then import-only)
    transitive: list = field(default_factory=list)  # Entry
    undeclared: list = field(default_factory=list)  # dicts
    unused: list = field(default_factory=list)
    stdlib: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    index: dict = field(default_factory=dict)
    uses: dict = field(default_factory=dict)  # canonical distribution -> [ImportUse]
    files_scanned: int = 0
    strict: bool = False

    def of_kind(self, kind: str) -> list:
        return [e for e in self.dependencies if e.kind == kind]

    def blockers(self) -> list:
        return self.of_kind(BLOCKS)

    def failing(self) -> list:
        """What fails the run (exit 1): blockers; with --strict also what needs a change or is unknown."""
        return [e for e in self.dependencies if e.kind == BLOCKS or (self.strict and e.kind in (NEEDS_CHANGE, UNKNOWN))]


@dataclass
class _Node:
    requirement: Requirement
    depth: int
    context: tuple = (True, True)
    marker_extras: tuple = ()
    entry: object = None
    edges: list = field(default_factory=list)  # (child Requirement, child key, context, extras, edge Entry)
    parents: list = field(default_factory=list)
    deps_unknown: bool = False


def _merge(requirements) -> list:
    merged = {}
    for requirement in requirements:
        key = requirement.identity()
        if key in merged:
            if requirement.source not in merged[key].source:
                merged[key].source += ", " + requirement.source
        else:
            merged[key] = Requirement(**{f: getattr(requirement, f) for f in requirement.__dataclass_fields__})
    return list(merged.values())


def _constrain(requirements, constraints):
    by_key = defaultdict(list)
    for constraint in constraints:
        by_key[constraint.key].append(constraint)
    for requirement in requirements:
        for constraint in by_key.get(requirement.key, ()):
            if constraint.specifier:
                requirement.specifier = ",".join(s for s in (requirement.specifier, constraint.specifier) if s)
                requirement.source += f" (constrained by {constraint.source})"


def _locations(uses, limit=3) -> str:
    shown = ", ".join(u.where for u in uses[:limit])
    return shown + (f" (+{len(uses) - limit} more)" if len(uses) > limit else "")


class Analysis:
    def __init__(self, options: Options, client=None, scanned=None):
        self.options = options
        self.client = client  # an IndexClient; built from the options when None
        self.scanned = scanned  # {path: imports.scan_file's result} the caller has already (diracmod report)
        self._projects = {}
        self.knowledge = load_knowledge()
        self.report = Report(strict=options.strict)

    # ------------------------------------------------------------ imports

    def _imports(self, inputs, declared):
        scan = import_scan.scan(inputs.code_paths, self.options.exclude, scanned=self.scanned)
        self.report.files_scanned = scan.files
        self.report.warnings += scan.problems
        mapper = Mapper(self.knowledge, installed(list(self.options.site_packages) or None))
        declared_keys = {r.key: r for r in declared}
        stdlib, third, imported = defaultdict(list), defaultdict(list), set()
        candidates_of = {}
        for use in scan.uses:
            parts = use.module.lower().split(".")
            imported.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
            move_key = next((m for m in [use.module] + [f"{use.module}.{n}" for n in use.names]
                             if self.knowledge.stdlib_move(m)), None)
            if move_key:
                stdlib[self.knowledge.stdlib_move(move_key).module].append(use)
            elif not mapper.is_stdlib(use.module):
                dists, how = mapper.distributions(use.module)
                key = next((canonicalize_name(d) for d in dists if canonicalize_name(d) in declared_keys),
                           canonicalize_name(dists[0]))
                third[key].append(use)
                candidates_of.setdefault(key, (dists, how))
        for module, uses in sorted(stdlib.items()):
            move = self.knowledge.stdlib_move(module)
            handled = [u for u in uses if u.handled]
            self.report.stdlib.append({
                "module": module, "replacement": move.advice(), "handled": len(handled),
                "unhandled": len(uses) - len(handled),
                "sources": [u.where + (f" ({u.handled})" if u.handled else "") for u in uses]})
        undeclared = []
        for key, uses in sorted(third.items()):
            self.report.uses[key] = uses
            if key in declared_keys:
                continue
            dists, how = candidates_of[key]
            handled = all(u.handled for u in uses)
            modules = sorted({u.top for u in uses})
            self.report.undeclared.append({
                "module": ", ".join(modules), "distribution": dists[0], "candidates": dists, "found_by": how,
                "handled": handled, "sources": [u.where + (f" ({u.handled})" if u.handled else "") for u in uses]})
            requirement = Requirement(name=dists[0], source=f"module imports: {_locations(uses)}", handled=handled)
            undeclared.append(requirement)
        for requirement in declared if scan.files else ():
            names = mapper.imports_of(requirement.name)
            if requirement.url or self.knowledge.is_tool(requirement.name) or names & imported:
                continue
            self.report.unused.append({"name": requirement.name, "source": requirement.source})
        return undeclared

    # ------------------------------------------------------------ index walk

    def _walk(self, top_requirements):
        options = self.options
        client = self.client = self.client or IndexClient(
            options.index_url, options.cache_dir, options.ttl, options.offline, options.refresh, options.timeout,
            options.jobs)
        nodes, lookups, metadata = {}, {}, {}
        top = []
        for requirement in top_requirements:
            node = _Node(requirement, 0)
            top.append(node)
            nodes.setdefault(requirement.key, node)
        pending = list(top)
        edges_pending = []  # (parent node, index into parent.edges)
        while pending or edges_pending:
            wanted = {n.requirement.key for n in pending if not n.requirement.url}
            wanted |= {p.edges[i][1] for p, i in edges_pending}
            lookups.update(client.lookup_many(wanted - lookups.keys()))
            files = []
            for node in pending:
                files += self._wanted_metadata(node, lookups, metadata)
            metadata.update(client.metadata_many(files))
            for node in pending:
                node.entry = self._assess(node.requirement, lookups, metadata, node.context, node.marker_extras,
                                          node.depth > 0)
            for parent, index in edges_pending:
                requirement, key, context, extras, _ = parent.edges[index]
                parent.edges[index] = (requirement, key, context, extras,
                                       self._assess(requirement, lookups, metadata, context, extras, True))
            edges_pending, next_pending = [], []
            for node in pending:
                if node.depth >= options.depth or node.requirement.url or node.entry.chosen is None:
                    continue
                for requirement, context, extras in self._children(node, lookups, metadata):
                    key = requirement.key
                    node.edges.append((requirement, key, context, extras, None))
                    edges_pending.append((node, len(node.edges) - 1))
                    if key not in nodes:
                        child = _Node(requirement, node.depth + 1, context, extras)
                        nodes[key] = child
                        next_pending.append(child)
                    nodes[key].parents.append(f"{node.entry.name} {node.entry.chosen}")
            pending = next_pending
        self._chains(nodes, top)
        return top, [n for n in nodes.values() if n.depth > 0], lookups

    def _project(self, key, lookups, metadata):
        """One Project per distribution for the whole run: its per-release evidence is computed once."""
        lookup = lookups.get(key)
        if lookup is None or lookup.status != "ok":
            return None
        if key not in self._projects:
            self._projects[key] = Project(lookup.project, self.knowledge.fact(key), metadata)
        return self._projects[key]

    def _assess(self, requirement, lookups, metadata, context, extras, transitive):
        lookup = None if requirement.url else lookups.get(requirement.key)
        return assess(requirement, lookup, self.knowledge.fact(requirement.name), metadata, context, extras, transitive,
                      project=self._project(requirement.key, lookups, metadata) if lookup else None)

    def _wanted_metadata(self, node, lookups, metadata):
        """Wheels whose METADATA would help: the chosen release's (dependencies, classifiers), and the
        newest allowed release's when the index alone leaves its support unknown."""
        lookup = lookups.get(node.requirement.key)
        if node.requirement.url or lookup is None or lookup.status != "ok":
            return []
        entry = self._assess(node.requirement, lookups, metadata, node.context, node.marker_extras, node.depth > 0)
        project = self._project(node.requirement.key, lookups, metadata)
        versions = []
        if entry.chosen is not None and (node.depth < self.options.depth or entry.unknown):
            versions.append(entry.chosen)
        return [f for v in versions if project.needs_metadata(v) for f in project.metadata_files(v)]

    def _children(self, node, lookups, metadata):
        project = self._project(node.requirement.key, lookups, metadata)
        declared = project.requires_dist(node.entry.chosen)
        if declared is None:
            node.deps_unknown = True
            node.entry.evidence.append(f"dependencies of {node.entry.chosen}: unknown (no wheel metadata on the "
                                       "index; only the newest release's are published)")
            return []
        children = []
        for text in declared:
            try:
                parsed = PEP508(text)
            except InvalidRequirement:
                continue
            need2, need3 = needs(parsed.marker, node.entry.extras)
            context = (need2 and node.entry.needs[0], need3 and node.entry.needs[1])
            if not any(context):
                continue  # an extra nobody asked for, another platform's or another Python's dependency
            requirement = Requirement(name=parsed.name, specifier=str(parsed.specifier), url=parsed.url or "",
                                      extras=frozenset(parsed.extras),
                                      source=f"required by {node.entry.name} {node.entry.chosen}")
            children.append((requirement, context, ()))
        return children

    def _chains(self, nodes, top):
        memo = {}

        def chains(node, visiting):
            key = node.requirement.key
            if key in memo:
                return memo[key]
            if key in visiting:
                return []
            visiting = visiting | {key}
            found = []  # (kind, chain)
            head = f"{node.entry.name} {node.entry.chosen}"
            for requirement, child_key, _, _, edge in node.edges:
                if edge is None or not any(edge.needs):
                    continue
                wanted = f"{requirement.name}{requirement.specifier}"
                if edge.kind in _CHAINED:
                    found.append((edge.kind, f"{head} needs {wanted}, {requirement.name}: {edge.verdict}"))
                child = nodes.get(child_key)
                if child is not None and child is not node and child.entry is not None:
                    found += [(kind, f"{head} needs {wanted}, {tail}") for kind, tail in chains(child, visiting)]
            found = sorted(dict.fromkeys(found), key=lambda item: KINDS.index(item[0]))  # blockers first
            memo[key] = found
            return found

        for node in list(nodes.values()) + top:
            if node.entry is None:
                continue
            found = chains(node, frozenset())
            more = [f"... and {len(found) - MAX_CHAINS} more"] if len(found) > MAX_CHAINS else []
            node.entry.blocked_by = [chain for _, chain in found[:MAX_CHAINS]] + more
            if found and KINDS.index(found[0][0]) < KINDS.index(node.entry.kind):
                kind, chain = found[0]
                node.entry.judge(kind, f"{_CHAINED[kind]}: {chain}")

    # ------------------------------------------------------------ run

    def run(self, paths) -> Report:
        report = self.report
        inputs = declarations.read(paths, self.options.allow_include)
        report.skipped = inputs.skipped
        report.warnings += inputs.warnings
        declared = _merge(inputs.requirements)
        _constrain(declared, inputs.constraints)
        undeclared = self._imports(inputs, declared) if self.options.imports and inputs.code_paths else []
        top, transitive, lookups = self._walk(declared + undeclared)
        for node in top:
            node.entry.handled = node.requirement.handled
            if node.entry.handled and node.entry.kind in _CHAINED:  # the code runs without it
                node.entry.kind = FINE
                node.entry.evidence.append("every import of it is guarded by an ImportError fallback: fine as is")
        for node in transitive:
            node.entry.source = "required by " + ", ".join(dict.fromkeys(node.parents))
        report.dependencies = [n.entry for n in top]
        report.transitive = [n.entry for n in transitive]
        self._index_warnings(lookups)
        report.warnings += self.client.warnings
        report.index = {"url": self.client.shown_url, "offline": self.options.offline,
                        "cache": self.options.cache_dir, "requests": self.client.requests}
        return report

    def _index_warnings(self, lookups):
        shown = {e.key: e.name for e in self.report.dependencies + self.report.transitive}
        failed = sorted(shown.get(k, k) for k, v in lookups.items() if v.status == "error")
        offline = sorted(shown.get(k, k) for k, v in lookups.items() if v.status == "offline")
        stale = sorted(shown.get(k, k) for k, v in lookups.items() if v.stale)
        if failed:
            reason = next(v.detail for k, v in lookups.items() if v.status == "error")
            names = ", ".join(failed[:8]) + (", ..." if len(failed) > 8 else "")
            self.report.warnings.append(f"{reason}: {len(failed)} project(s) could not be looked up, their "
                                        f"verdicts are unknown ({names})")
        if offline:
            self.report.warnings.append(
                f"--offline: no cached index data for {len(offline)} project(s), their verdicts "
                f"are unknown ({', '.join(offline[:8])}{', ...' if len(offline) > 8 else ''}); "
                "run once online to fill the cache")
        if stale:
            self.report.warnings.append(f"index data for {len(stale)} project(s) comes from an expired cache entry")


def analyse(paths, options: Options | None = None) -> Report:
    return Analysis(options or Options()).run([str(Path(p)) for p in paths])


def blockers_by_module(paths, options: Options | None = None, warnings: list | None = None,
                       scanned: dict | None = None) -> dict:
    """{module path: [(line, distribution, verdict)]}: where the code imports a dependency that blocks
    the migration (for a `deps` checker in `diracmod check`); imports guarded by a fallback are left out.
    The run's warnings (an unreachable index...) are appended to `warnings`. `scanned`: {path:
    imports.scan_file's result} for files the caller has scanned already."""
    report = Analysis(options or Options(), scanned=scanned).run([str(Path(p)) for p in paths])
    if warnings is not None:
        warnings.extend(report.warnings)
    found = defaultdict(list)
    for entry in report.dependencies:
        if not entry.blocker:
            continue
        for use in report.uses.get(entry.key, ()):
            if not use.handled:
                found[use.path].append((use.line, entry.name, entry.verdict))
    return {path: sorted(items) for path, items in sorted(found.items())}

"""The internal import graph's raw material: every import of every file (relative ones included, which
`deps` leaves out because they never name a distribution), resolved to the modules of the tree; and, from
the same parse, what `deps` scans in the file (so deps does not parse the tree a second time).

Per-file facts (imports, line count, deps' scan) are keyed by content hash in diracmod's result cache, so a
warm report or a revision of `--history` only parses files it has not seen."""
from __future__ import annotations

import ast
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from diracmod.check.cache import ResultCache
from diracmod.deps import imports as deps_imports
from diracmod.deps.model import ImportUse
from diracmod.core.lines import line_count
from diracmod.source import reader as sources
from diracmod.source.parse import parse

FACTS = frozenset({"report-imports"})  # the cache's "checkers" key for these entries


class FactsCache(ResultCache):
    """The result cache's file and life cycle, holding report's per-content facts instead of findings."""

    def answers(self, entry, checkers: frozenset) -> bool:
        return (isinstance(entry, dict) and entry.get("checkers") == sorted(checkers)
                and isinstance(entry.get("findings"), list) and len(entry["findings"]) == 1
                and isinstance(entry["findings"][0], dict))


def module_name(path: str) -> str:
    """Dotted name as Python imports it: the file's stem under every enclosing package."""
    directory, name = os.path.split(os.path.abspath(path))
    parts = [] if name == "__init__.py" else [name[:-3]]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, package = os.path.split(directory)
        parts.insert(0, package)
    return ".".join(parts) or name[:-3]


def _facts(path: str, max_bytes: int) -> tuple:
    """(digest or None, {"lines": n, "imports": [[level, module, [names], line]], "absolute": bool,
    "deps": deps' scan of the file as [[module, line, handled, [names]]], None when it could not parse it})."""
    try:
        src = sources.read(path, max_bytes)
    except sources.SourceError:
        return None, {"lines": 0, "imports": [], "absolute": False, "deps": None}
    parsed = parse(src.text)
    uses, _, problem = deps_imports.scan_parsed(path, parsed)
    found = []
    for node in ast.walk(parsed.tree) if parsed.tree is not None else ():
        if isinstance(node, ast.Import):
            found += [[0, alias.name, [], node.lineno] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            found.append([node.level, node.module or "", [a.name for a in node.names], node.lineno])
    found.sort(key=lambda item: (item[3], item[1]))
    absolute = parsed.tree is not None and "absolute_import" in parsed.future
    return hashlib.sha256(src.data).hexdigest(), {
        "lines": line_count(src.text), "imports": found, "absolute": absolute,
        "deps": None if problem else [[u.module, u.line, u.handled, list(u.names)] for u in uses]}


def _chunk(args):
    paths, max_bytes = args
    return [_facts(path, max_bytes) for path in paths]


def collect(paths: list, digests: dict, cache: ResultCache, max_bytes: int, jobs: int) -> dict:
    """{path: facts} for every path; `digests` (path -> content hash) finds cached facts."""
    facts, todo = {}, []
    for path in paths:
        cached = cache.get(digests[path], FACTS) if digests.get(path) else None
        if cached is None:
            todo.append(path)
        else:
            facts[path] = cached[0]
    if jobs > 1 and len(todo) >= 64:
        size = max(8, len(todo) // (jobs * 4))
        chunks = [(todo[i:i + size], max_bytes) for i in range(0, len(todo), size)]
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
            results = [r for chunk in pool.map(_chunk, chunks) for r in chunk]
    else:
        results = _chunk((todo, max_bytes))
    for path, (digest, data) in zip(todo, results):
        facts[path] = data
        if digest:
            cache.put(digest, FACTS, [data])
    return facts


def deps_scanned(facts: dict) -> dict:
    """{path: deps.imports.scan_file's result} from the facts, for deps' analysis of the same files."""
    return {path: ([ImportUse(module, path, line, handled, tuple(names)) for module, line, handled, names in f["deps"]],
                   f["absolute"], "") for path, f in facts.items() if f.get("deps") is not None}


def resolve(module: str, is_package: bool, facts: dict, known: set) -> list:
    """(line, imported internal module) for each import of `module` that names a module of the tree."""
    package = module if is_package else module.rpartition(".")[0]
    edges = []
    for level, name, names, line in facts["imports"]:
        if level:
            base = package.split(".") if package else []
            base = base[: len(base) - (level - 1)] if level > 1 else base
            candidates = [".".join(base + ([name] if name else []))]
        elif not facts["absolute"] and f"{package}.{name.split('.')[0]}" in known:
            candidates = [f"{package}.{name}"]  # Python 2's implicit relative import: a sibling wins
        else:
            candidates = [name]
        for candidate in candidates:
            target = _longest_known(candidate, names, known)
            if target:
                edges += [(line, t) for t in target if t != module]
                break
    return edges


def _longest_known(name: str, names: list, known: set) -> list:
    """`from a.b import c` imports the module a.b.c when there is one, else a.b (or its package)."""
    submodules = [m for m in (f"{name}.{n}" if name else n for n in names) if m in known]
    if submodules:
        return submodules
    parts = name.split(".") if name else []
    while parts:
        if ".".join(parts) in known:
            return [".".join(parts)]
        parts.pop()
    return []

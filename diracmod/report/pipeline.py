"""One report run over one tree: check's pipeline (its result cache included), the import facts, deps'
blockers when asked, owners, test results, then the model and fix's previews. `--history` calls this once
per revision. A tree whose inputs all match the last run's reuses that run's whole analysis."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from importlib import resources

from diracmod.check import files as check_files
from diracmod.check.selection import Selection
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.deps import knowledge as deps_knowledge
from diracmod.report import imports, model, owners, preview, testresults
from diracmod.report.analysis_cache import AnalysisCache

_DEPS_FACTS = frozenset({"report-deps"})


@dataclass
class RunOptions:
    jobs: int = 1
    cache: bool = True
    deps: str = "offline"  # off | offline (the index cache only) | online
    exclude: tuple = ()
    quiet: bool = True
    output: str | None = None  # the output directory, where `diracmod tests` leaves tests.json; None: not read
    previews: bool = True  # fix previews for the module pages (--history makes no pages)
    reuse: bool = True  # the last whole analysis when nothing changed (--history: every revision differs)
    revision: tuple | None = None  # --history: (the tree in its repository, the commit a checkout of it is at)


@dataclass
class Analysis:
    report: dict
    previews: dict  # module id -> {"diff", "refused"} (preview.make)
    key: str  # what the analysis depends on: equal keys, equal analyses
    warnings: list = field(default_factory=list)


def _beside_code(root: str) -> list:
    """(name, content hash) of the files at the root: requirements, setup.py, pyproject.toml..."""
    found = []
    if os.path.isdir(root):
        for name in sorted(os.listdir(root)):
            path = os.path.join(root, name)
            if os.path.isfile(path) and os.path.getsize(path) < 5_000_000:
                found.append((name, check_files.digest(path, 5_000_000)))  # check's hashing
    return found


def _manifest_digest(root: str, digests: dict, deps_options) -> str:
    """What deps' verdicts depend on in the tree: every file's content and the files beside the code."""
    return hashlib.sha256(json.dumps([sorted(digests.items()), repr(deps_options), _beside_code(root)]).encode()
                          ).hexdigest()


def _deps_blockers(root, config, digests, cache, mode, warnings, facts):
    """deps' blockers per module path, or None (not asked, or deps could not run: said in `warnings`); deps
    reads the files' imports from the facts instead of parsing the tree again."""
    if mode == "off":
        return None
    from diracmod.deps.analysis import Options, blockers_by_module  # here: 0.2 s to load, not needed warm

    settings = {k: v for k, v in config.deps.items() if k in ("index_url", "cache_dir", "timeout")}
    options = Options(**settings, offline=mode == "offline" or config.deps.get("offline", False))
    key = _manifest_digest(root, digests, options)
    cached = cache.get(key, _DEPS_FACTS)
    if cached is not None:
        return {path: [tuple(item) for item in items] for path, items in cached[0].items()}
    try:
        found = blockers_by_module([root], options, warnings, imports.deps_scanned(facts))
    except Exception as exc:  # noqa: BLE001 - an absent input is a greyed-out column, never the end of the run
        warnings.append(f"deps could not run ({type(exc).__name__}: {exc}); the dependency column is empty")
        return None
    cache.put(key, _DEPS_FACTS, [{path: [list(item) for item in items] for path, items in found.items()}])
    return found


def fingerprint(config) -> str:
    """What every cached fact of a report depends on besides the files: check's fingerprint (diracmod, its
    catalogue, the style settings), the report's schema, deps' curated knowledge (its blockers and its import
    scan, cached in the facts) and the standard library deps knows (this Python's)."""
    knowledge = resources.files("diracmod.rules").joinpath(deps_knowledge.FILE).read_bytes()
    return config.fingerprint(report=model.SCHEMA_VERSION, deps=hashlib.sha256(knowledge).hexdigest(),
                              python=list(sys.version_info[:2]))


def _key(root, config, options, settings, found, digests, owner_source) -> str:
    """Every input of the analysis: the files' contents, the settings, the files beside the code (deps'
    manifests), CODEOWNERS or git HEAD, tests.json."""
    parts = [model.SCHEMA_VERSION, fingerprint(config),
             json.dumps(config.as_dict(), sort_keys=True, default=str), os.path.abspath(root), options.deps,
             list(options.exclude), options.previews, settings, sorted(digests.items()), sorted(found.problems),
             _beside_code(root), owner_source.key(),
             options.output and testresults.digest(options.output)]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def run(root: str, config: configuration.Config, options: RunOptions, settings: dict) -> Analysis:
    """`config` is the project's (its cache and exclusions) even when `root` is a temporary checkout of
    another revision."""
    exclude = configuration.DEFAULT_EXCLUDE + tuple(config.exclude) + tuple(options.exclude)
    found = discover([root], exclude)
    max_bytes = int(config.max_file_size * 1_000_000)
    digests = {path: check_files.digest(path, max_bytes) for path in found.files}
    owner_source = owners.Source(root, options.revision)
    key = _key(root, config, options, settings, found, digests, owner_source)
    stored = AnalysisCache(config.cache_path(), fingerprint(config),
                           enabled=options.cache and options.reuse)
    reused = stored.get(key)
    if reused and isinstance(reused.get("report"), dict) and isinstance(reused.get("previews"), dict):
        return Analysis(reused["report"], reused["previews"], key)
    analysis = _analyse(root, config, options, settings, found, digests, owner_source, key)
    stored.put(key, {"report": analysis.report, "previews": analysis.previews})
    if not options.quiet:
        for warning in analysis.warnings:
            print(f"diracmod: report: {warning}", file=sys.stderr)
    return analysis


def _analyse(root, config, options, settings, found, digests, owner_source, key) -> Analysis:
    selection = Selection(config.select, config.ignore)
    check_args = argparse.Namespace(paths=[root], exclude=list(options.exclude), include_py2_branches=False,
                                    no_cache=not options.cache, quiet=options.quiet, jobs=options.jobs)
    findings = check_files.check_files(check_args, config, selection, found)[0]
    max_bytes = int(config.max_file_size * 1_000_000)
    cache = imports.FactsCache(config.cache_path(), fingerprint(config),
                               enabled=options.cache)
    facts = imports.collect(found.files, digests, cache, max_bytes, options.jobs)
    limit = settings.get("fix-previews", preview.PREVIEWS)
    warnings = []
    blockers = _deps_blockers(root, config, digests, cache, options.deps, warnings, facts)
    owner_warnings = []  # apart from deps' warnings, which are the deps column's detail
    owned, owners_detail = owner_source.owners(found.files, cache, owner_warnings)
    tests, tests_detail = testresults.load(options.output) if options.output else (None, "not read")
    inputs = {
        "check": {"available": True, "detail": "diracmod check: py3k, syntax and pycodestyle"},
        "deps": {"available": blockers is not None,
                 "detail": "; ".join(warnings) if warnings else
                 ("not run (--deps off)" if options.deps == "off" else f"diracmod deps ({options.deps})")},
        # `fixable` is the catalogue's flag, true exactly for the rules `diracmod fix` has a fixer for
        # (tests/fix/test_catalogue_fixes.py keeps the two equal); the previews are fix's own output
        "fix": {"available": True, "detail": "fixable: what `diracmod fix` rewrites (the catalogue's fixable rules); "
                                             + (f"its diff is previewed for the first {limit} modules with fixable "
                                                f"findings in porting order ([tool.diracmod.report] fix-previews)"
                                                if options.previews else "no previews")},
        "tests": {"available": tests is not None, "detail": tests_detail},
        "owners": {"available": owned is not None, "detail": "; ".join([owners_detail, *owner_warnings])},
    }
    report = model.build(root, found.files, [f for f in findings if f.path in digests], facts, blockers,
                         settings, found.problems, inputs, owned, tests)
    previews = {}
    if options.previews:
        previews = preview.make(preview.chosen(report, limit), digests, config, selection, cache, options.jobs)
    cache.save({d for d in digests.values() if d})
    return Analysis(report, previews, key, warnings + owner_warnings)

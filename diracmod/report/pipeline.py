"""One report run over one tree: check's pipeline (its result cache included), the import facts, deps'
blockers when asked, then the model. `--history` calls this once per revision."""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from dataclasses import dataclass

from diracmod.check import files as check_files
from diracmod.check.selection import Selection
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.deps.analysis import Options, blockers_by_module
from diracmod.report import imports, model

_DEPS_FACTS = frozenset({"report-deps"})


@dataclass
class RunOptions:
    jobs: int = 1
    cache: bool = True
    deps: str = "offline"  # off | offline (the index cache only) | online
    exclude: tuple = ()
    quiet: bool = True


def _manifest_digest(root: str, digests: dict, deps_options) -> str:
    """What deps' verdicts depend on in the tree: every file's content and the files beside the code
    (requirements, setup.py, pyproject.toml...) at the root."""
    h = hashlib.sha256(json.dumps([sorted(digests.items()), repr(deps_options)]).encode())
    max_bytes = 5_000_000
    if os.path.isdir(root):
        for name in sorted(os.listdir(root)):
            path = os.path.join(root, name)
            if os.path.isfile(path) and os.path.getsize(path) < max_bytes:
                h.update(name.encode())
                h.update((check_files.digest(path, max_bytes) or "").encode())  # check's hashing
    return h.hexdigest()


def _deps_blockers(root, config, digests, cache, mode, warnings):
    """deps' blockers per module path, or None (not asked, or deps could not run: said in `warnings`)."""
    if mode == "off":
        return None
    settings = {k: v for k, v in config.deps.items() if k in ("index_url", "cache_dir", "timeout")}
    options = Options(**settings, offline=mode == "offline" or config.deps.get("offline", False))
    key = _manifest_digest(root, digests, options)
    cached = cache.get(key, _DEPS_FACTS)
    if cached is not None:
        return {path: [tuple(item) for item in items] for path, items in cached[0].items()}
    try:
        found = blockers_by_module([root], options, warnings)
    except Exception as exc:  # noqa: BLE001 - an absent input is a greyed-out column, never the end of the run
        warnings.append(f"deps could not run ({type(exc).__name__}: {exc}); the dependency column is empty")
        return None
    cache.put(key, _DEPS_FACTS, [{path: [list(item) for item in items] for path, items in found.items()}])
    return found


def run(root: str, config: configuration.Config, options: RunOptions, settings: dict) -> tuple:
    """(report dict, warnings). `config` is the project's (its cache and exclusions) even when `root` is
    a temporary checkout of another revision."""
    selection = Selection(config.select, config.ignore)
    check_args = argparse.Namespace(paths=[root], exclude=list(options.exclude), include_py2_branches=False,
                                    no_cache=not options.cache, quiet=options.quiet, jobs=options.jobs)
    exclude = configuration.DEFAULT_EXCLUDE + tuple(config.exclude) + tuple(options.exclude)
    found = discover([root], exclude)
    findings = check_files.check_files(check_args, config, selection, found)[0]
    max_bytes = int(config.max_file_size * 1_000_000)
    digests = {path: check_files.digest(path, max_bytes) for path in found.files}
    cache = imports.FactsCache(config.cache_path(), config.fingerprint(report=model.SCHEMA_VERSION),
                               enabled=options.cache)
    facts = imports.collect(found.files, digests, cache, max_bytes, options.jobs)
    warnings = []
    blockers = _deps_blockers(root, config, digests, cache, options.deps, warnings)
    cache.save({d for d in digests.values() if d})
    inputs = {
        "check": {"available": True, "detail": "diracmod check: py3k, syntax and pycodestyle"},
        "deps": {"available": blockers is not None,
                 "detail": "; ".join(warnings) if warnings else
                 ("not run (--deps off)" if options.deps == "off" else f"diracmod deps ({options.deps})")},
        # not run here: `fixable` is the catalogue's flag, true exactly for the rules `diracmod fix` has a fixer
        # for (tests/fix/test_catalogue_fixes.py keeps the two equal)
        "fix": {"available": True, "detail": "fixable: what `diracmod fix` rewrites (the catalogue's fixable rules)"},
        "tests": {"available": False, "detail": "`diracmod tests` has not landed"},
    }
    report = model.build(root, found.files, [f for f in findings if f.path in digests], facts, blockers,
                         settings, found.problems, inputs)
    if not options.quiet:
        for warning in warnings:
            print(f"diracmod: report: {warning}", file=sys.stderr)
    return report, warnings

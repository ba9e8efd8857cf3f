"""Checking a set of files: the result cache, the engine in processes, the files that cannot be checked
and the deps checker, in the order one run reports them. The `check`, `baseline` and `report` commands
share it."""
from __future__ import annotations

import functools
import hashlib
import os
import sys
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from diracmod.check import engine
from diracmod.check.cache import LineMemo, ResultCache, from_rows, to_row
from diracmod.check.policy import Policy
from diracmod.core import catalogue, hard_links
from diracmod.core import config as configuration
from diracmod.core.finding import SORT_KEY
from diracmod.gate import shard as sharding
from diracmod.source import project_index
from diracmod.source.reader import SourceError, read_regular


_KIND = itemgetter(3, 4, 6, 12)  # a Finding's (msg_id, symbol, checker, split_from): what the selection decides on


def workers(requested: int, files: int) -> int:
    """Processes to start: 0 means every core; never more than there are cores to run them or files."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(requested or cores, cores, files))


def flag_values(values):
    """The items of a repeatable comma-separated flag: `--select a,b --select c` -> [a, b, c]."""
    return [item.strip() for value in values or () for item in value.split(",") if item.strip()]


@contextmanager
def progress(total, enabled, label="checking"):
    if not enabled:
        yield None
        return
    # imported here, not above: only a run on a terminal with more than a few files shows the bar, and rich's
    # console costs every other run (a pre-commit hook, a warm re-check) 30 ms of start-up
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:  # stdout carries the report
        task = bar.add_task("check", total=total)
        yield lambda n: bar.advance(task, n)


def digest(path, max_bytes):
    """The digest of a file's bytes as the engine will read them (regular files, within the size limit)."""
    return keys(path, max_bytes, (frozenset(), "", "", frozenset(), "", ""))[0]


def keys(path, max_bytes, around: tuple, project=None) -> tuple:
    """(content digest, cache key) of a file, the key adding what its findings read beside it in `around`
    (engine.surroundings of its directory) and in the project's index (`project`); (None, None) where the engine
    will report why it cannot be read."""
    try:
        data = read_regular(path, max_bytes)
    except SourceError:
        return None, None
    content = hashlib.sha256(data).hexdigest()
    return content, keyed(content, engine.context_key(around, data, project, path))


def keyed(content: str, context: str) -> str:
    """The cache key of a file's results: its content digest, with what its findings read beside it
    (engine.context_key, "" for nothing) where that is anything: two copies of a script naming different
    siblings have results of their own, while identical files that read nothing beside them (every empty
    __init__.py) share one."""
    return hashlib.sha256(f"{content}\0{context}".encode()).hexdigest() if context else content


def start_dir(paths):
    """Settings are looked up from the checked paths upwards (then from the working directory)."""
    existing = [os.path.abspath(p) for p in paths if os.path.exists(p)]
    if not existing:
        return None
    common = os.path.commonpath(existing)
    return Path(common if os.path.isdir(common) else os.path.dirname(common))


def _without_duplicates(findings):
    """pycodestyle's W605 and our invalid-string-escape report the same escape: keep ours."""
    ours = {(f.path, f.line) for f in findings if f.symbol == "invalid-string-escape"}
    return [f for f in findings if not (f.msg_id == "W605" and (f.path, f.line) in ours)]


def excludes(args, config):
    return configuration.DEFAULT_EXCLUDE + tuple(config.exclude) + tuple(flag_values(args.exclude))


class Checked(NamedTuple):
    findings: list  # sorted
    files: int  # how many files were checked
    checked: list  # their paths, and those of the files that could not be checked
    lines: LineMemo | None  # the cached normalised lines of these files (None: no cache)


def check_files(args, config, selection, discovery, shard=None) -> Checked:
    """The findings of the discovered files; with `shard` (i, n) only share i of the files, and the files that
    cannot be checked at all only in share 1."""
    files = sharding.shares(discovery.files, shard[1])[shard[0] - 1] if shard else discovery.files
    first = not shard or shard[0] == 1
    policy = Policy(config)
    floor = {"target"} if policy.floors and any(selection.wants(r.id, r.symbol, r.checker)
                                                for r in catalogue.load().rules if r.checker == "target") else set()
    # the project's classes, read once a run (a file checked alone too), as fix reads them, in the run's processes
    requested = args.jobs if args.jobs is not None else config.jobs
    project = project_index.for_config(config, discovery.files, functools.partial(
        engine.spread, jobs=workers(requested, len(files)))) if "py3k" in selection.checkers() else None
    plan = engine.Plan(selection.checkers() | floor, config.style_options(), int(config.max_file_size * 1_000_000),
                       guards=not args.include_py2_branches, max_seconds=config.max_file_seconds,
                       six=config.fix.get("six"), project=project)
    # the key reads diracmod's own modules (config.code_stamp): not worked out for a run that caches nothing
    key = "off" if args.no_cache else config.fingerprint(guards=plan.guards, six=plan.six)
    cache = ResultCache(config.cache_path(), key, enabled=not args.no_cache)
    if cache.refused:
        print(f"diracmod: warning: results are not cached: {cache.refused}", file=sys.stderr)
    results, todo, digests, contents, contexts = {}, [], {}, {}, {}
    for path in files:
        content = key = None
        if cache.enabled:
            # what the findings read beside the file (its siblings, a six.py) is part of what they are cached
            # under, worked out once a run for each directory
            directory = os.path.dirname(os.path.abspath(path))
            if directory not in contexts:
                contexts[directory] = engine.surroundings(directory, plan)
            content, key = keys(path, plan.max_bytes, contexts[directory], plan.project)
        cached = cache.get(key, plan.checkers) if key else None
        if cached is None:
            todo.append(path)
        else:
            results[path] = from_rows(path, cached)
        digests[path], contents[path] = key, content
    show = not args.quiet and sys.stderr.isatty() and len(todo) > 20
    jobs = workers(requested, len(todo))
    with progress(len(todo), show) as advance:
        for result in engine.run(todo, plan, jobs, advance):
            results[result.path] = result.findings
            if result.digest and result.digest == contents[result.path]:  # not if it changed since it was keyed
                cache.put(digests[result.path], plan.checkers, list(map(to_row, result.findings)))
    cache.save({d for d in digests.values() if d})
    for path in files:  # fix leaves a hard-linked file whole: not counted fixable (not cached: the links may change)
        if hard_links.refused(path):
            results[path] = [f._replace(fixable=False) for f in results[path]]
    problems = []
    for path, symbol, detail in discovery.problems if first else ():
        problems.extend(engine.file_findings(path, symbol, {"detail": detail}))
    if "deps" in plan.checkers and first:
        # imported here, not above: only a run that selects `deps` needs the index client and the HTTP stack
        # (0.1 s of start-up for every other run); not a cycle
        from diracmod.check import dependencies
        problems.extend(dependencies.findings(args.paths, config))
    everything = problems + [f for path in files for f in results[path]
                             if f.checker != "target" or policy.floor(path) == "2.6"]
    # asked once per kind of finding, not once per finding (a large tree has tens of thousands)
    kinds = set(map(_KIND, everything))
    wanted = {kind for kind in kinds if kind[1] in engine.ALWAYS_REPORTED or selection.wants(*kind)}
    kept = [f for f, kind in zip(everything, map(_KIND, everything)) if kind in wanted]
    kept.sort(key=SORT_KEY)
    checked = list(files) + [path for path, _, _ in discovery.problems] if first else list(files)
    return Checked(_without_duplicates(kept), len(files), checked, LineMemo(cache, digests, contents) if cache.enabled
                   else None)

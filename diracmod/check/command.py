"""`diracmod check`: the CI gate and the developer's linter."""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from diracmod.check import engine, gating, output
from diracmod.check.selection import Selection, SelectionError
from diracmod.core import config as configuration
from diracmod.core.cache import ResultCache
from diracmod.core.discover import discover
from diracmod.core.finding import Finding
from diracmod.core.report_file import ReportError, check_target, write_report
from diracmod.gate import shard as sharding
from diracmod.gate.baseline import BaselineError
from diracmod.gate.diffbase import DiffBaseError
from diracmod.source.reader import SourceError, read_regular

HELP = """Check Python 2 / hybrid code for what breaks or changes on Python 3 (pylint --py3k's whole
catalogue, same ids and symbols, plus what pylint missed), pycodestyle, and syntax under both
Python 2.7 and Python 3. Every *.py under the given directories is checked, packages or not.

examples:
  diracmod check src/                       everything
  diracmod check --select py3k src/         only the porting rules
  diracmod check --ignore E501,W1619 src/   all but these (ids, symbols or checkers)
  diracmod check --format json -o out.json  machine-readable, pylint's JSON keys
  diracmod check --format sarif:out.sarif --format text   several reports at once
  diracmod check --shard 2/4 -o shard-2.json              one CI job's share; then `diracmod merge`

Settings come from the project root, the first directory from the checked paths upwards holding
pyproject.toml, setup.cfg or tox.ini: pyproject.toml [tool.diracmod] (select, ignore, exclude,
max-file-size, jobs, msg-template, cache-dir, baseline, pycodestyle = {...}) over setup.cfg/tox.ini [pycodestyle],
the files pycodestyle itself reads; flags win. -v says which files were read.
Silence one place with `# noqa`, `# noqa: W1612` or `# pylint: disable=unicode-builtin`; a whole file
with `# diracmod: skip-file` (everything), `# pylint: skip-file` (py3k) or `# flake8: noqa` (pycodestyle).
Files that cannot be read or decoded, and syntax Python 2.7 or Python 3 cannot parse, are reported
whatever --select, --ignore or a suppression comment says.
With a baseline (`diracmod baseline create`; used whenever it exists) only new findings fail."""


def _jobs_value(text):
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected 0 (every core) or a positive number of processes")
    return value


def _workers(requested: int, files: int) -> int:
    """Processes to start: 0 means every core; never more than there are cores to run them or files."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(requested or cores, cores, files))


def _list(values):
    return [item.strip() for value in values or () for item in value.split(",") if item.strip()]


def register(sub):
    from diracmod.exits import EXIT_CODES

    parser = sub.add_parser("check", help="check files for Python 3 porting problems and style",
                            description=HELP, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["."], help="files and directories (default: .)")
    parser.add_argument("--select", action="append", metavar="RULES",
                        help="only these ids, id prefixes, symbols or checkers (comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="RULES", help="never these (comma-separated)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip in directories")
    parser.add_argument("--format", action="append", metavar="FORMAT[:FILE]",
                        help=f"{'|'.join(gating.FORMATS)} (default: text); repeat for several reports, all but "
                             f"one with a file: --format sarif:diracmod.sarif --format text")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report here instead of stdout (atomically; never onto a checked file)")
    parser.add_argument("--baseline", metavar="FILE",
                        help="accepted findings: only others fail (default: [tool.diracmod] baseline, "
                             "diracmod-baseline.json at the project root, used when it exists)")
    parser.add_argument("--no-baseline", action="store_true", help="report every finding, baseline or not")
    parser.add_argument("--diff-base", metavar="REF",
                        help="report only findings new since the merge-base with REF (e.g. origin/main): the "
                             "changed files are checked, and their base versions from git")
    parser.add_argument("--shard", metavar="I/N",
                        help="check only share I of N (balanced by bytes) and write it as JSON for `diracmod merge`")
    parser.add_argument("--msg-template",
                        help="text format, pylint style (default: %(default)s)".replace(
                            "%(default)s", configuration.DEFAULT_TEMPLATE.replace("%", "%%")))
    parser.add_argument("-j", "--jobs", type=_jobs_value,
                        help="processes; 0 or default: every core (never more than cores or files); "
                             "results are identical for any value")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument("--include-py2-branches", action="store_true",
                        help="also report code under Python-2-only guards (six.PY2, version_info, ImportError "
                             "fallbacks): for when Python 2 support is dropped")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="say on stderr where settings were read from and the pycodestyle options used")
    parser.set_defaults(func=run)


@contextmanager
def _progress(total, enabled, label="checking"):
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:  # stdout carries the report
        task = bar.add_task("check", total=total)
        yield lambda n: bar.advance(task, n)


def _digest(path, max_bytes):
    """The cache key of a file: its bytes as the engine will read them (regular files, within the size limit)."""
    try:
        return hashlib.sha256(read_regular(path, max_bytes)).hexdigest()
    except SourceError:
        return None  # the engine reports why


def _dependency_findings(paths, config):
    """The deps checker: each unguarded import of a distribution that blocks the migration."""
    from diracmod.source.tokens import scan
    from diracmod.core import suppress
    from diracmod.source.reader import SourceError, read
    from diracmod.deps import blockers_by_module
    from diracmod.deps.analysis import Options

    options = Options(**config.deps)  # checked by configuration.load; the index cache is deps' own
    findings, warnings = [], []
    blockers = blockers_by_module(paths, options, warnings)
    for warning in warnings:  # unknown verdicts are not blockers: say why there may be none
        print(f"diracmod: deps: {warning}", file=sys.stderr)
    for path, uses in blockers.items():
        try:
            text = read(path, 50_000_000).text
        except SourceError:
            continue
        hidden = suppress.collect(scan(text).comments, [])
        for line, dist, verdict in uses:
            findings += [f for f in engine.file_findings(path, "blocked-dependency-import",
                                                         {"dist": dist, "verdict": verdict}, line)
                         if not hidden.hides(f)]
    return findings


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


def _say_settings(config, verbose):
    """Settings read but not used, always; with -v, where settings come from."""
    for warning in config.warnings:
        print(f"diracmod: warning: {warning}", file=sys.stderr)
    if verbose:
        print(f"diracmod: project root: {config.root}", file=sys.stderr)
        for path, section in config.sources:
            print(f"diracmod: settings from {path} [{section}]", file=sys.stderr)
        if not config.sources:
            print("diracmod: settings: none found, defaults", file=sys.stderr)
        print(f"diracmod: pycodestyle options: {dict(config.style_options()) or 'its defaults'}", file=sys.stderr)


def excludes(args, config):
    return configuration.DEFAULT_EXCLUDE + tuple(config.exclude) + tuple(_list(args.exclude))


def _nothing_to_check(args, config, discovery) -> str:
    """Why no file was found, and what to do: an empty run must never look like a clean one."""
    why = [f"{path}: {detail}" for path, _, detail in discovery.problems]
    if discovery.excluded:
        globs = list(config.exclude) + _list(args.exclude)
        why.append(f"{discovery.excluded} file(s) or directories skipped by the exclude globs "
                   + (f"({', '.join(globs)})" if globs else "(the default ones: version control, virtualenvs, caches)"))
    return (f"nothing to check: no *.py file found in {', '.join(args.paths)}" + "".join(f"; {w}" for w in why)
            + ". Name the files or directories that hold the Python code (a file named explicitly is always checked).")


def run(args) -> int:
    from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, internal_error
    try:
        config = configuration.load(start_dir(args.paths))
        if args.select is not None and not _list(args.select):  # `--select ''` must not mean "everything"
            raise SelectionError("--select names no rule; give ids, prefixes, symbols or checkers "
                                 "(see `diracmod rules`), or leave it out to check everything")
        selection = Selection(_list(args.select) or config.select, _list(args.ignore) + config.ignore)
    except (configuration.ConfigError, SelectionError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _say_settings(config, args.verbose)
    template = args.msg_template or config.msg_template
    try:
        targets = gating.parse_formats(args.format, args.output)
        output.check_template(template)
        shard = sharding.parse(args.shard) if args.shard else None
        if shard and (args.format or args.diff_base):
            raise gating.GateError("--shard writes its share as JSON for `diracmod merge` (give --format there); "
                                   "--diff-base checks only the changed files and needs no shards")
        if args.diff_base:
            _refuse_targets(args, config, [], targets)
            outcome, files, checked = gating.diff_check(config, args.diff_base, args.paths, lambda paths: check_files(
                args, config, selection, discover(paths, excludes(args, config))))
        else:
            discovery = discover(args.paths, excludes(args, config))
            if not discovery.files:
                print(f"diracmod: {_nothing_to_check(args, config, discovery)}", file=sys.stderr)
                return EXIT_USAGE
            _refuse_targets(args, config, discovery.files, targets)
            findings, files, checked = check_files(args, config, selection, discovery, shard)
            marks = gating.marks_for(findings, config)
            if shard:
                write_report(args.output, sharding.dumps(*shard, files, checked, findings, marks, selection.as_dict()))
                return EXIT_CLEAN  # the merge step is the gate
            outcome = gating.gate(findings, marks, checked, selection.wants, config, args.baseline,
                                  not args.no_baseline)
        failed = gating.finish(outcome, targets, template, files, args.quiet, config)
    except (output.TemplateError, configuration.ConfigError, ReportError, gating.GateError, BaselineError,
            sharding.ShardError, DiffBaseError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "`--jobs 1 --no-cache` may help narrow it down.")
    return EXIT_FINDINGS if failed else EXIT_CLEAN


def _refuse_targets(args, config, files, targets):
    """Refused before the work rather than after it: no report onto a checked file or into nowhere."""
    settings = [os.path.join(config.root, name) for name in ("pyproject.toml", "setup.cfg", "tox.ini")]
    for target in dict.fromkeys(target for _, target in targets):
        check_target(target, files + settings + [path for path, _ in config.sources],
                     [p for p in args.paths if os.path.isdir(p)], lambda name: name.endswith(".py"))


def check_files(args, config, selection, discovery, shard=None):
    """(sorted findings, number of files, the files checked); with `shard` (i, n) only share i of the files,
    and the files that cannot be checked at all only in share 1."""
    files = sharding.shares(discovery.files, shard[1])[shard[0] - 1] if shard else discovery.files
    first = not shard or shard[0] == 1
    plan = engine.Plan(selection.checkers(), config.style_options(), int(config.max_file_size * 1_000_000),
                       guards=not args.include_py2_branches, max_seconds=config.max_file_seconds)
    cache = ResultCache(config.cache_path(), config.fingerprint(guards=plan.guards), enabled=not args.no_cache)
    if cache.refused:
        print(f"diracmod: warning: results are not cached: {cache.refused}", file=sys.stderr)
    results, todo, digests = {}, [], {}
    for path in files:
        digest = _digest(path, plan.max_bytes) if cache.enabled else None
        cached = cache.get(digest, plan.checkers) if digest else None
        if cached is None:
            todo.append(path)
        else:
            results[path] = [Finding.from_json({**item, "path": path}) for item in cached]
        digests[path] = digest
    show = not args.quiet and sys.stderr.isatty() and len(todo) > 20
    jobs = _workers(args.jobs if args.jobs is not None else config.jobs, len(todo))
    with _progress(len(todo), show) as advance:
        for result in engine.run(todo, plan, jobs, advance):
            results[result.path] = result.findings
            if result.digest:
                cache.put(result.digest, plan.checkers, [f.to_json() for f in result.findings])
    cache.save({d for d in digests.values() if d})
    problems = []
    for path, symbol, detail in discovery.problems if first else ():
        problems.extend(engine.file_findings(path, symbol, {"detail": detail}))
    if "deps" in plan.checkers and first:
        problems.extend(_dependency_findings(args.paths, config))
    everything = problems + [f for path in files for f in results[path]]
    kept = [f for f in everything
            if f.symbol in engine.ALWAYS_REPORTED or selection.wants(f.msg_id, f.symbol, f.checker)]
    kept.sort(key=Finding.sort_key)
    checked = list(files) + [path for path, _, _ in discovery.problems] if first else list(files)
    return _without_duplicates(kept), len(files), checked

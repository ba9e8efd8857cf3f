"""`diracmod check`: the CI gate and the developer's linter."""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from diracmod.check import engine, output
from diracmod.check.selection import Selection, SelectionError
from diracmod.core import config as configuration
from diracmod.core.cache import ResultCache
from diracmod.core.discover import discover
from diracmod.core.finding import Finding
from diracmod.core.report_file import ReportError, check_target, write_report
from diracmod.core.source import SourceError, read_regular

HELP = """Check Python 2 / hybrid code for what breaks or changes on Python 3 (pylint --py3k's whole
catalogue, same ids and symbols, plus what pylint missed), pycodestyle, and syntax under both
Python 2.7 and Python 3. Every *.py under the given directories is checked, packages or not.

examples:
  diracmod check src/                       everything
  diracmod check --select py3k src/         only the porting rules
  diracmod check --ignore E501,W1619 src/   all but these (ids, symbols or checkers)
  diracmod check --format json -o out.json  machine-readable, pylint's JSON keys

Settings come from the project root, the first directory from the checked paths upwards holding
pyproject.toml, setup.cfg or tox.ini: pyproject.toml [tool.diracmod] (select, ignore, exclude,
max-file-size, jobs, msg-template, cache-dir, pycodestyle = {...}) over setup.cfg/tox.ini [pycodestyle],
the files pycodestyle itself reads; flags win. -v says which files were read.
Silence one place with `# noqa`, `# noqa: W1612` or `# pylint: disable=unicode-builtin`; a whole file
with `# diracmod: skip-file` (everything), `# pylint: skip-file` (py3k) or `# flake8: noqa` (pycodestyle).
Files that cannot be read or decoded, and syntax Python 2.7 or Python 3 cannot parse, are reported
whatever --select, --ignore or a suppression comment says."""


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
    from diracmod.cli import EXIT_CODES

    parser = sub.add_parser("check", help="check files for Python 3 porting problems and style",
                            description=HELP, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["."], help="files and directories (default: .)")
    parser.add_argument("--select", action="append", metavar="RULES",
                        help="only these ids, id prefixes, symbols or checkers (comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="RULES", help="never these (comma-separated)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip in directories")
    parser.add_argument("--format", choices=output.FORMATS, default="text")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report here instead of stdout (atomically; never onto a checked file)")
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
def _progress(total, enabled):
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    with Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
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
    from diracmod.check.tokens import scan
    from diracmod.core import suppress
    from diracmod.core.source import SourceError, read
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


def _start_dir(paths):
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


def _relative(path):
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path


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


def _excludes(args, config):
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
    from diracmod.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, internal_error
    try:
        config = configuration.load(_start_dir(args.paths))
        selection = Selection(_list(args.select) or config.select, _list(args.ignore) + config.ignore)
    except (configuration.ConfigError, SelectionError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _say_settings(config, args.verbose)
    template = args.msg_template or config.msg_template
    try:
        discovery = discover(args.paths, _excludes(args, config))
        if not discovery.files:
            print(f"diracmod: {_nothing_to_check(args, config, discovery)}", file=sys.stderr)
            return EXIT_USAGE
        # Refused before the work rather than after it: no report onto a checked file or into nowhere.
        settings = [os.path.join(config.root, name) for name in ("pyproject.toml", "setup.cfg", "tox.ini")]
        check_target(args.output, discovery.files + settings + [path for path, _ in config.sources],
                     [p for p in args.paths if os.path.isdir(p)], lambda name: name.endswith(".py"))
        findings = _check(args, config, selection, discovery)
        report = output.as_json(findings) if args.format == "json" else output.text(findings, template)
        write_report(args.output, report)
    except (output.TemplateError, configuration.ConfigError, ReportError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "`--jobs 1 --no-cache` may help narrow it down.")
    if not args.quiet and (sys.stderr.isatty() or args.format == "text"):
        fixable = sum(f.fixable for f in findings)
        print(f"{len(findings)} finding(s) in {len(discovery.files)} file(s)"
              + (f", {fixable} fixable" if fixable else "")
              + f" (settings: {', '.join(_relative(path) for path, _ in config.sources) or 'defaults'})",
              file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _check(args, config, selection, discovery):
    plan = engine.Plan(selection.checkers(), config.style_options(), int(config.max_file_size * 1_000_000),
                       guards=not args.include_py2_branches)
    cache = ResultCache(config.cache_path(), config.fingerprint(guards=plan.guards), enabled=not args.no_cache)
    if cache.refused:
        print(f"diracmod: warning: results are not cached: {cache.refused}", file=sys.stderr)
    results, todo, digests = {}, [], {}
    for path in discovery.files:
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
    for path, symbol, detail in discovery.problems:
        problems.extend(engine.file_findings(path, symbol, {"detail": detail}))
    if "deps" in plan.checkers:
        problems.extend(_dependency_findings(args.paths, config))
    everything = problems + [f for path in discovery.files for f in results[path]]
    kept = [f for f in everything
            if f.symbol in engine.ALWAYS_REPORTED or selection.wants(f.msg_id, f.symbol, f.checker)]
    kept.sort(key=Finding.sort_key)
    return _without_duplicates(kept)

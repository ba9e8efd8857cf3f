"""`diracmod check`: the CI gate and the developer's linter."""
from __future__ import annotations

import argparse
import os
import sys

from diracmod.check import gating, output
from diracmod.check.files import check_files, excludes, flag_values, start_dir
from diracmod.check.selection import Selection, SelectionError
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.core.report_file import ReportError, check_target, write_report
from diracmod.exits import EXIT_CLEAN, EXIT_CODES, EXIT_FINDINGS, EXIT_USAGE, internal_error
from diracmod.gate import shard as sharding
from diracmod.gate.baseline import BaselineError
from diracmod.gate.diffbase import DiffBaseError

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
max-file-size, jobs, msg-template, cache-dir, baseline, ported, fail-on,
[[paths]], pycodestyle = {...}) over setup.cfg/tox.ini [pycodestyle],
the files pycodestyle itself reads; flags win. -v says which files were read.
Silence one place with `# noqa`, `# noqa: W1612` or `# pylint: disable=unicode-builtin`; a whole file
with `# diracmod: skip-file` (everything), `# pylint: skip-file` (py3k) or `# flake8: noqa` (pycodestyle).
Files that cannot be read or decoded, and syntax Python 2.7 or Python 3 cannot parse, are reported
whatever --select, --ignore or a suppression comment says.
With a baseline (`diracmod baseline create`; used whenever it exists) only new findings fail."""


def jobs_value(text):
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected 0 (every core) or a positive number of processes")
    return value


def register(sub):
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
    parser.add_argument("--changed-lines", action="store_true",
                        help="with --diff-base: style (pycodestyle) findings only on the lines added or changed "
                             "since the merge-base, as `git diff -U0 | pycodestyle --diff` did")
    parser.add_argument("--shard", metavar="I/N",
                        help="check only share I of N (balanced by bytes) and write it as JSON for `diracmod merge`")
    parser.add_argument("--msg-template",
                        help="text format, pylint style (default: %(default)s)".replace(
                            "%(default)s", configuration.DEFAULT_TEMPLATE.replace("%", "%%")))
    parser.add_argument("-j", "--jobs", type=jobs_value,
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


def nothing_to_check(args, config, discovery, verb="check") -> str:
    """Why no file was found, and what to do: an empty run must never look like a clean one."""
    why = [f"{path}: {detail}" for path, _, detail in discovery.problems]
    if discovery.excluded:
        globs = list(config.exclude) + flag_values(args.exclude)
        why.append(f"{discovery.excluded} file(s) or directories skipped by the exclude globs "
                   + (f"({', '.join(globs)})" if globs else "(the default ones: version control, virtualenvs, caches)"))
    return (f"nothing to {verb}: no *.py file found in {', '.join(map(repr, args.paths))}"
            + "".join(f"; {w}" for w in why) + ". Name the files or directories that hold the Python code "
            f"(a file named explicitly is always {verb}ed).")


def settings(args, names="ids, prefixes, symbols or checkers", everything="check everything"):
    """(settings, selection) of a run over args.paths: --select/--ignore on top of [tool.diracmod]'s. Raises
    ConfigError or SelectionError."""
    config = configuration.load(start_dir(args.paths))
    if args.select is not None and not flag_values(args.select):  # `--select ''` must not mean "everything"
        raise SelectionError(f"--select names no rule; give {names} (see `diracmod rules`), or leave it out "
                             f"to {everything}")
    return config, Selection(flag_values(args.select) or config.select, flag_values(args.ignore) + config.ignore)


def run(args) -> int:
    try:
        config, selection = settings(args)
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
        if args.changed_lines and not args.diff_base:
            raise gating.GateError("--changed-lines needs --diff-base REF: the lines changed since the merge-base "
                                   "with REF (e.g. --diff-base origin/main --changed-lines)")
        if args.diff_base:
            _refuse_targets(args, config, [], targets)
            outcome, files, checked = gating.diff_check(
                config, args.diff_base, args.paths,
                lambda paths: check_files(args, config, selection, discover(paths, excludes(args, config))),
                args.changed_lines)
        else:
            discovery = discover(args.paths, excludes(args, config))
            if not discovery.files:
                print(f"diracmod: {nothing_to_check(args, config, discovery)}", file=sys.stderr)
                return EXIT_USAGE
            _refuse_targets(args, config, discovery.files, targets)
            for note in discovery.notes if not args.quiet else ():
                print(f"diracmod: note: {note}", file=sys.stderr)
            result = check_files(args, config, selection, discovery, shard)
            findings, files, checked = result.findings, result.files, result.checked
            marks = gating.marks_for(result, config)
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

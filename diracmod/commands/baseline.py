"""`diracmod baseline create|update`: accept today's findings so that the gate fails only on new ones."""
from __future__ import annotations

import argparse
import os
import sys

from diracmod.check import gating
from diracmod.check.files import check_files, excludes, start_dir
from diracmod.check.selection import Selection, SelectionError
from diracmod.commands.check import nothing_to_check
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.core.report_file import ReportError, check_target, write_report
from diracmod.exits import BASELINE_EXIT_CODES
from diracmod.gate import baseline
from diracmod.gate.baseline import BaselineError

HELP = """Accept the findings of a legacy tree so that `diracmod check` fails only on new ones (a ratchet).

  diracmod baseline create          write diracmod-baseline.json at the project root (replaces a baseline;
                                    any other file there is kept unless --force, which replaces only a
                                    *.json file that is no valid JSON, or an empty one; never settings,
                                    requirements, Python source or another tool's JSON)
  diracmod baseline update          drop the findings fixed since (renamed files followed through git)
  diracmod baseline update --add    ... and accept today's new findings too

The file is sorted, one finding per line, without line numbers (rule + normalised line text + enclosing
scope + occurrence), so edits elsewhere keep it valid and branches merge it cleanly. Commit it.
`check` uses it whenever it exists ([tool.diracmod] baseline = "..." to move it inside the project, --baseline FILE
for one anywhere; --no-baseline to ignore it)."""


def register(sub):
    parser = sub.add_parser("baseline", help="accept today's findings: only new ones fail `check`", description=HELP,
                            epilog=BASELINE_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("create", "update"))
    parser.add_argument("paths", nargs="*", default=["."], help="files and directories (default: .)")
    parser.add_argument("--add", action="store_true", help="update: also accept the new findings")
    parser.add_argument("--baseline", metavar="FILE", help="the baseline file (default: [tool.diracmod] baseline)")
    parser.add_argument("--force", action="store_true",
                        help="create: replace a damaged baseline (a *.json file that is no valid JSON, or an "
                             "empty one)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip in directories")
    parser.add_argument("-j", "--jobs", type=int, help="processes (default: [tool.diracmod] jobs, every core)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument("-q", "--quiet", action="store_true", help="no message on success")
    parser.set_defaults(func=run, select=None, ignore=None, include_py2_branches=False)


def run(args) -> int:
    try:
        config = configuration.load(start_dir(args.paths))
        selection = Selection(config.select, config.ignore)
        path = gating.baseline_path(config, args.baseline)
        # a directory or a missing one: said first, naming what gave the path (never `-o`, never --force: tryout17 #6)
        named_by = gating.named_by(args.baseline)
        check_target(str(path), [], [], lambda name: False, named_by)
        # a file the run or its tools read is refused before any --force advice, whatever --force says: settings,
        # requirements, Python source checked or not (tryout19 #11, tryout20 #8)
        baseline.refuse_unfit(str(path), named_by, config)
        discovery = _discovered(args, config, path)
        inputs = discovery.files + [problem[0] for problem in discovery.problems]
        baseline.refuse_unfit(str(path), named_by, config, inputs)
        if args.action == "create" and not baseline.replaceable(str(path)) and not (
                args.force and baseline.forceable(str(path))):
            raise BaselineError(f"{path}: exists and is no diracmod baseline, so it is left unchanged; "
                                f"{baseline.not_a_baseline(str(path))}")
        result = check_files(args, config, selection, discovery)
        # the file system's state is no finding in code: accepted, a file vanished or unreadable would pass the
        # gate (and `check` reports it whatever the suppressions say)
        kept = [i for i, f in enumerate(result.findings) if f.symbol != "unreadable-file"]
        findings, checked = [result.findings[i] for i in kept], result.checked
        marks = gating.marks_for(result, config)
        marks = [marks[i] for i in kept]
        current = baseline.entries(findings, marks)
        if args.action == "create":
            accepted, message = current, f"{len(current)} finding(s) accepted"
        else:
            compared = gating.compare(findings, marks, checked, selection.wants, config, path)
            if compared is None:
                raise BaselineError(f"{path}: no baseline to update; create it with `diracmod baseline create`")
            old, renamed, comparison = compared
            accepted = baseline.updated(old, current, comparison, renamed, args.add)
            message = (f"{len(comparison.fixed)} fixed finding(s) removed, "
                       + (f"{len(comparison.new)} new finding(s) accepted" if args.add else
                          f"{len(comparison.new)} new finding(s) not accepted (--add accepts them)"))
        write_report(str(path), baseline.dumps(accepted), named_by)
    except (configuration.ConfigError, SelectionError, BaselineError, ReportError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return 2
    unreadable = len(result.findings) - len(findings)
    if unreadable:
        print(f"diracmod: {unreadable} unreadable file(s) not accepted: a baseline holds findings in code; "
              "fix the file system or --exclude them", file=sys.stderr)
    if not args.quiet:
        print(f"diracmod: {path}: {message}; {len(accepted)} in the baseline", file=sys.stderr)
    return 0


def _discovered(args, config, path):
    """The files to baseline. A path that does not exist (a typo) would make a baseline of nothing and replace
    the project's: an error, as is a tree with no Python file."""
    missing = [given for given in args.paths if not os.path.lexists(given)]
    discovery = discover(args.paths, excludes(args, config))
    if missing:
        raise BaselineError(f"{', '.join(map(repr, missing))}: no such file or directory; {path} is left unchanged. "
                            "Name the files or directories that hold the Python code (default: .)")
    if not discovery.files:
        raise BaselineError(f"{nothing_to_check(args, config, discovery)} {path} is left unchanged.")
    return discovery

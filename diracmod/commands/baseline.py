"""`diracmod baseline create|update`: accept today's findings so that the gate fails only on new ones."""
from __future__ import annotations

import argparse
import sys

from diracmod.check import gating
from diracmod.check.files import check_files, excludes, start_dir
from diracmod.check.selection import Selection, SelectionError
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.core.report_file import ReportError, check_target, write_report
from diracmod.exits import EXIT_CODES
from diracmod.gate import baseline
from diracmod.gate.baseline import BaselineError

HELP = """Accept the findings of a legacy tree so that `diracmod check` fails only on new ones (a ratchet).

  diracmod baseline create          write diracmod-baseline.json at the project root (replaces it)
  diracmod baseline update          drop the findings fixed since (renamed files followed through git)
  diracmod baseline update --add    ... and accept today's new findings too

The file is sorted, one finding per line, without line numbers (rule + normalised line text + enclosing
scope + occurrence), so edits elsewhere keep it valid and branches merge it cleanly. Commit it.
`check` uses it whenever it exists ([tool.diracmod] baseline = "..." to move it; --no-baseline to ignore it)."""


def register(sub):
    parser = sub.add_parser("baseline", help="accept today's findings: only new ones fail `check`", description=HELP,
                            epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("create", "update"))
    parser.add_argument("paths", nargs="*", default=["."], help="files and directories (default: .)")
    parser.add_argument("--add", action="store_true", help="update: also accept the new findings")
    parser.add_argument("--baseline", metavar="FILE", help="the baseline file (default: [tool.diracmod] baseline)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip in directories")
    parser.add_argument("-j", "--jobs", type=int, help="processes (default: [tool.diracmod] jobs, every core)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument("-q", "--quiet", action="store_true", help="no message on success")
    parser.set_defaults(func=run, select=None, ignore=None, include_py2_branches=False)


def run(args) -> int:
    try:
        config = configuration.load(start_dir(args.paths))
        selection = Selection(config.select, config.ignore)
        discovery = discover(args.paths, excludes(args, config))
        result = check_files(args, config, selection, discovery)
        findings, checked = result.findings, result.checked
        marks = gating.marks_for(result, config)
        path = gating.baseline_path(config, args.baseline)
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
        check_target(str(path), checked, [], lambda name: name.endswith(".py"))
        write_report(str(path), baseline.dumps(accepted))
    except (configuration.ConfigError, SelectionError, BaselineError, ReportError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"diracmod: {path}: {message}; {len(accepted)} in the baseline", file=sys.stderr)
    return 0

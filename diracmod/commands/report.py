"""`diracmod report`: readiness for release managers, as a static site, JSON and Markdown."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from diracmod.check.files import flag_values
from diracmod.check.selection import SelectionError
from diracmod.core import config as configuration
from diracmod.exits import EXIT_CLEAN, EXIT_USAGE, internal_error

DEPS_MODES = ("off", "offline", "online")

REPORT_EXIT_CODES = """exit codes:
  0  report written (whatever the tree's readiness)
  2  usage or configuration error, nothing to report (no *.py file found), or the report cannot be
     written where -o says (the message says what to change)
  3  internal error (please report it, with the command and the file)"""

HELP = """Readiness of a tree for Python 3, for the people who decide what to port next and when a
release can drop Python 2: per module and per system (top-level package) status - ported, fixable by
`diracmod fix`, needs manual work, blocked by a dependency, blocked by a module it imports, syntax
error - with counts per rule, estimated effort and lines of code; the internal import graph with its
cycles as units and a suggested porting order.

Writes into --output (default reports/), and nowhere else:
  index.html, graph.html, modules/*.html   a static site: open index.html, works offline from file://
  report.json                              versioned JSON (its schema ships in diracmod/report/schema/)
  report.md                                a summary for release notes and merge-request comments
  history.jsonl                            one row per commit (--history and --append-history merge into it)

examples:
  diracmod report src/                       the site in reports/
  diracmod report --deps off src/            without dependency verdicts (the column is greyed out)
  diracmod report --history v1.0..HEAD src/  burn-down per system over those commits
  diracmod report --append-history src/      CI: add this tree's row to reports/history.jsonl

Settings: pyproject.toml [tool.diracmod] (exclude, cache-dir, ...) and [tool.diracmod.report]:
  system-depth = 1                       directories under PATH that name a system
  systems = {Core = ["core/*", "utils/*"]}  explicit grouping (path globs), first match wins
  fix-previews = 20                      module pages with a preview of `diracmod fix` (the first modules
                                         with fixable findings in porting order; 0: none)

Owners: CODEOWNERS (GitHub's or GitLab's) when the repository has one, else each file's main authors in
git history. Test status: from `diracmod tests` when its tests.json is in --output."""


def register(sub):
    parser = sub.add_parser("report", help="readiness report: status per module and system, porting order, site",
                            description=HELP, epilog=REPORT_EXIT_CODES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=".", help="the tree to report on (default: .)")
    parser.add_argument("-o", "--output", default="reports", metavar="DIR",
                        help="directory to write into (default: %(default)s); nothing is written elsewhere")
    parser.add_argument("--deps", choices=DEPS_MODES, default="offline",
                        help="dependency verdicts from `diracmod deps`: offline uses its index cache only "
                             "(default: %(default)s)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip")
    parser.add_argument("--history", metavar="REV_RANGE",
                        help="readiness at each commit of a git range (`v1..v2`, or a list `v1,v2,v3`) into "
                             "history.jsonl, drawn as a burn-down")
    parser.add_argument("--append-history", action="store_true",
                        help="append this tree's totals (with its git commit, if any) to history.jsonl")
    parser.add_argument("-j", "--jobs", type=int, help="processes (default: every core)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary line")
    parser.set_defaults(func=run)


def _usage(message: str, made=()) -> int:
    """Exit 2 with `message`; the output directories this run made (`made`, deepest first) go again while
    empty, so a failed run leaves no half-made report behind."""
    for directory in made:
        try:
            os.rmdir(directory)
        except OSError:  # something was written there after all: keep it
            pass
    print(f"diracmod report: {message}", file=sys.stderr)
    return EXIT_USAGE


def _warn(message: str) -> None:
    print(f"diracmod report: warning: {message}", file=sys.stderr)


def run(args) -> int:
    # The report's machinery (networkx, jinja2, the deps stack: ~0.25 s) loads when `report` runs, so that
    # every other command starts without it.
    from diracmod.report import history, model, pipeline, site

    if not os.path.exists(args.path):
        return _usage(f"{args.path}: no such file or directory (give the tree to report on)")
    made = []  # the output directories this run makes: removed again if it ends without a report
    try:
        config = configuration.load(Path(os.path.abspath(args.path if os.path.isdir(args.path)
                                                         else os.path.dirname(args.path) or ".")))
        settings = model.check_settings(config.report)
        # the revisions first: a range git does not know is an error before anything is written
        revisions = history.resolve(args.path, args.history) if args.history is not None else None
        made = site.missing_output_directories(args.output)
        output = site.prepare_output(args.output, args.path)
    except (site.OutputError, configuration.ConfigError, model.ReportError, history.HistoryError) as exc:
        return _usage(str(exc), made)
    options = pipeline.RunOptions(jobs=args.jobs or config.jobs or os.cpu_count() or 1, cache=not args.no_cache,
                                  deps=args.deps, exclude=tuple(flag_values(args.exclude)), quiet=args.quiet,
                                  output=output)
    try:
        rows = None
        if args.history is not None:
            rows = history.compute(revisions, config, options, settings, output, _warn)
        analysis = pipeline.run(args.path, config, options, settings)
        report = analysis.report
        if not report["modules"]:  # as `check`: an empty report hides a wrong path or --exclude
            return _usage(f"{args.path}: nothing to report (no *.py file found; see --exclude and "
                          f"[tool.diracmod] exclude)", made)
        if args.append_history:
            history.append(output, history.row(report, history.describe(args.path)), _warn)
        site.write(output, analysis, history.load(output, _warn))
    except (SelectionError, configuration.ConfigError, model.ReportError, history.HistoryError) as exc:
        return _usage(str(exc), made)
    except site.OutputError as exc:
        return _usage(str(exc), made)
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "`--jobs 1 --no-cache` may help narrow it down.")
    if not args.quiet:
        totals = report["totals"]
        extra = f", {len(rows)} revision(s) in history.jsonl" if rows is not None else ""
        print(f"diracmod report: {totals['modules']} module(s), {100 * totals['ported_fraction']:.1f}% ported"
              f"{extra}; open {os.path.join(output, 'index.html')}", file=sys.stderr)
    return EXIT_CLEAN

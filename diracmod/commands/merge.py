"""`diracmod merge`: the shards of `check --shard i/n` as one run (same report, same exit code)."""
from __future__ import annotations

import argparse
import sys

from diracmod.check import gating, output
from diracmod.check.selection import Selection, SelectionError
from diracmod.core import config as configuration
from diracmod.core.finding import Finding
from diracmod.core.report_file import ReportError, check_target
from diracmod.exits import EXIT_CODES
from diracmod.gate import shard as sharding
from diracmod.gate.baseline import BaselineError
from diracmod.gate.fingerprint import Mark

HELP = """Combine the JSON of `diracmod check --shard I/N` (one file per CI job of a matrix: GitLab
`parallel:`, GitHub `strategy.matrix`, Jenkins parallel stages) into any report format, with the output
and exit code one unsharded run gives, the baseline included. Run it in the same checkout as the shards.

  diracmod merge shard-*.json --format gitlab:gl-code-quality-report.json --format text"""


def register(sub):
    parser = sub.add_parser("merge", help="combine `check --shard` results into one report and exit code",
                            description=HELP, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shards", nargs="+", metavar="SHARD.json")
    parser.add_argument("--format", action="append", metavar="FORMAT[:FILE]",
                        help=f"{'|'.join(gating.FORMATS)} (default: text); repeatable, as for check")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--msg-template", help="text format, pylint style")
    parser.add_argument("--baseline", metavar="FILE", help="as for check")
    parser.add_argument("--no-baseline", action="store_true", help="report every finding, baseline or not")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary")
    parser.set_defaults(func=run)


def _findings(shards):
    """All shards' findings with their marks, in the order one run reports them."""
    pairs = []
    for data in shards:
        for item in data["findings"]:
            item = dict(item)
            mark = Mark(item.pop("project-path"), item.pop("fingerprint"), item.pop("code"))
            pairs.append((Finding.from_json(item), mark))
    pairs.sort(key=lambda pair: pair[0].sort_key())
    return [f for f, _ in pairs], [m for _, m in pairs]


def run(args) -> int:
    try:
        targets = gating.parse_formats(args.format, args.output)
        shards = sharding.load_all(args.shards)
        try:
            findings, marks = _findings(shards)
        except (KeyError, TypeError, AttributeError) as exc:
            raise sharding.ShardError(f"a shard's findings are damaged ({exc!r}): rerun the shard jobs") from None
        config = configuration.load(None)
        selection = Selection(shards[0]["selection"].get("select", ()), shards[0]["selection"].get("ignore", ()))
        checked = [path for data in shards for path in data["files"]]
        outcome = gating.gate(findings, marks, checked, selection.wants, config, args.baseline, not args.no_baseline)
        for target in dict.fromkeys(target for _, target in targets):
            check_target(target, checked + list(args.shards), [], lambda name: name.endswith(".py"))
        failed = gating.finish(outcome, targets, args.msg_template or config.msg_template,
                               sum(data["file-count"] for data in shards), args.quiet, config)
    except (sharding.ShardError, gating.GateError, BaselineError, configuration.ConfigError, SelectionError,
            output.TemplateError, ReportError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return 2
    return 1 if failed else 0

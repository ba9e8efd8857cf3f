"""What `diracmod check --select py3k` still reports after `diracmod fix --write` on real py2 corpora, per symbol.

    python bench/fix_leftovers.py [--corpus Django --corpus Twisted ...] [--workdir DIR]

Prints a Markdown table (for README): one row per symbol left, its count in each corpus, and whether the
catalogue marks it fixable (`unsafe`: only `fix --unsafe` rewrites it; a safe fixable rule left over is a fixer
that missed). With --workdir the fixed copies and their records are kept and reused by the next run.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import fixrun  # noqa: E402
from diracmod.core.catalogue import load as load_catalogue  # noqa: E402

CORPORA = ("Django", "Twisted", "Paste", "mechanize", "suds", "web.py", "BeautifulSoup")


def _fixable(rule) -> str:
    if not rule or not rule.fixable:
        return "no"
    return "unsafe" if rule.unsafe else "**yes**"


def table(runs) -> str:
    catalogue = load_catalogue()
    counts = {run.name: Counter(finding["symbol"] for finding in run.left) for run in runs}
    total = sum(counts.values(), Counter())
    lines = ["| id | symbol | fixable | " + " | ".join(counts) + " | total |",
             "|---|---|---|" + "---:|" * (len(counts) + 1)]
    for symbol, n in sorted(total.items(), key=lambda item: (-item[1], item[0])):
        rule = catalogue.get(symbol)
        lines.append(f"| {rule.id if rule else '?'} | {symbol} | {_fixable(rule)} | "
                     + " | ".join(str(c[symbol] or "") for c in counts.values()) + f" | {n} |")
    lines.append("| | **total** | | " + " | ".join(str(sum(c.values())) for c in counts.values())
                 + f" | {sum(total.values())} |")
    lines.append("| | files changed / files | | " + " | ".join(f"{len(run.changed)}/{len(run.files)}" for run in runs)
                 + " | |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="default: all of them")
    parser.add_argument("--workdir", type=Path, help="keep the fixed copies here, reuse them next time")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="diracmod-fix-leftovers-"))
    runs = []
    for name in args.corpus or CORPORA:
        run = fixrun.shared_fix(name, workdir)
        print(f"{name}: {len(run.changed)} of {len(run.files)} files changed, fix --write -j {fixrun.JOBS} "
              f"{run.fix_seconds:.1f} s (exit {run.fix_code})", file=sys.stderr)
        runs.append(run)
    print(table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`diracmod fix --write` against python-modernize -w -n, on fresh copies of the same real py2 corpus.

    python bench/fix_bench.py [--corpus Django] [-j 2]

One run each, same machine: wall time, CPU time and two peak RSS figures per tool, and the wall time ratio
(goal: diracmod, doing both stages, <= 1.5x modernize). Peak RSS: "largest" is the largest single process
(getrusage RUSAGE_CHILDREN ru_maxrss, exact); "tree" is the whole process tree (the RSS of the command and all
its descendants summed, sampled from /proc every 20 ms: a lower bound of the true peak). The machine's load
(`uptime`) is printed before and after: figures taken with a 1-minute load above 2 before the runs are labelled
"under load" (the load after includes the two runs' own -j workers, so it does not tell others' work apart).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import corpora, fixrun  # noqa: E402
from bench.check_bench import measure  # noqa: E402


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="Django", choices=sorted(corpora.CORPORA))
    parser.add_argument("-j", "--jobs", type=int, default=fixrun.JOBS)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="diracmod-fix-bench-"))
    ours_root = fixrun.copy_corpus(args.corpus, workdir / "diracmod")
    anchor_root = fixrun.copy_corpus(args.corpus, workdir / "modernize")
    files = corpora.python_files(ours_root)
    lines = sum((ours_root / f).read_bytes().count(b"\n") for f in files)
    print(f"corpus {args.corpus}: {len(files)} files, {lines} lines; -j {args.jobs}; {os.cpu_count()} cores; "
          f"Python {sys.version.split()[0]}")
    load_before = os.getloadavg()[0]
    print(f"before: {_uptime()}")
    # python2.7's own compiler verifies each rewrite, as where python2.7 is on PATH (a pyenv shim that fails
    # to run it is no python2.7: without DIRACMOD_PY27 fix falls back to fissix's grammar, ~20% slower)
    py27 = corpora.py27()
    print(f"python2.7 for fix's verification: {py27 or 'none (fissix grammar)'}")
    ours = measure([sys.executable, "-m", "diracmod", "fix", "--write", "-q", "-j", str(args.jobs), "."], ours_root,
                   env=dict(os.environ, DIRACMOD_PY27=py27) if py27 else None)
    anchor = measure(fixrun.modernize_command(args.jobs), anchor_root)
    print(f"after:  {_uptime()}")
    label = " (under load)" if load_before > 2 else ""

    print(f"{'':<34} {'wall':>9} {'cpu':>9} {'peak RSS largest':>17} {'peak RSS tree':>14}  exit")
    for name, result in (("diracmod fix --write", ours), ("python-modernize -w -n", anchor)):
        print(f"{name:<34} {result['seconds']:7.2f} s {result['cpu']:7.2f} s {result['peak_mb']:14.0f} MB "
              f"{result['tree_mb']:11.0f} MB  {result['code']}")
    ratio = ours["seconds"] / anchor["seconds"]
    print(f"wall time ratio diracmod / modernize: {ratio:.2f}x (goal <= 1.5x){label}")
    changed = sum(1 for f in files if (ours_root / f).read_bytes() != (corpora.fetch(args.corpus) / f).read_bytes())
    print(f"diracmod changed {changed} of {len(files)} files; copies left in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

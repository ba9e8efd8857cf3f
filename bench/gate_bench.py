"""Speed of the CI gate on a real tree (issue 9, done-when 6).

    python bench/gate_bench.py [--corpus Django] [--runs 3]

1. Warm re-check with a baseline of all findings: `diracmod baseline create` (fills the result cache), then
   one file changed (a line with a new finding appended to a file of median size) and `diracmod check`
   timed: goal <= 1 s.
2. `check --diff-base main` after a 10-file change (the same line appended to 10 files of median size),
   cold (no result cache): goal <= 3 s.
3. Start-up: `diracmod --version`, and `diracmod check` of a one-file tree (a pre-commit hook's run).
Prints wall time and CPU time (user + system, worker processes included) of each run, best and median, and the
load average before and after (wall times on a loaded machine say little; CPU times hold).

Python's bytecode of diracmod is cached (in the scratch directory, PYTHONPYCACHEPREFIX), as an installed package
has it: with PYTHONDONTWRITEBYTECODE set (as in some CI images and this project's sandbox) every run of an
editable install compiles diracmod's modules again, 0.15 s CPU that a user's installed copy never spends.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import corpora  # noqa: E402
from bench.check_bench import measure  # noqa: E402

DIRACMOD = [sys.executable, "-m", "diracmod"]
NEW_FINDING = "\ngate_bench_value = unicode('x')\n"  # W1612 on a new line: the gate must fail on it
GOALS = {"warm re-check, one file changed": 1.0, "--diff-base, 10 files changed, cold": 3.0,
         "start-up: diracmod --version": None, "start-up: check of a one-file tree": None}


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=bench@example.org", "-c", "user.name=bench", *args], cwd=cwd,
                   check=True, capture_output=True)


def _median_files(tree: Path, count: int) -> list:
    """`count` Python files around the median size: a typical change, neither the largest module nor a stub."""
    files = sorted(tree.rglob("*.py"), key=lambda path: (path.stat().st_size, str(path)))
    middle = len(files) // 2
    return files[middle - count // 2: middle - count // 2 + count]


def _environment(scratch) -> dict:
    return {**corpora.as_installed(), "PYTHONPYCACHEPREFIX": str(Path(scratch) / "pycache")}


def _load() -> str:
    return "load average " + ", ".join(f"{load:.2f}" for load in os.getloadavg())


def _timed(cwd, args, expected_code, env=None) -> dict:
    result = measure([*DIRACMOD, *args], cwd, env)
    if result["code"] != expected_code:
        raise SystemExit(f"diracmod {' '.join(args)}: exit {result['code']}, expected {expected_code}")
    return result


def _row(name, results):
    walls, cpus = [r["seconds"] for r in results], [r["cpu"] for r in results]
    goal = GOALS[name]
    verdict = f" (goal <= {goal:g} s wall: {'met' if min(walls) <= goal else 'NOT met'})" if goal else ""
    print(f"{name:40s} wall best {min(walls):5.2f} s, median {statistics.median(walls):5.2f} s; "
          f"CPU best {min(cpus):5.2f} s, median {statistics.median(cpus):5.2f} s{verdict}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="Django", choices=sorted(corpora.CORPORA))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(_load())
    with tempfile.TemporaryDirectory(prefix="gate-bench-", ignore_cleanup_errors=True) as scratch:
        env = _environment(scratch)
        tree = Path(scratch) / args.corpus
        shutil.copytree(corpora.fetch(args.corpus), tree, symlinks=True,
                        ignore=shutil.ignore_patterns(".diracmod_cache"))  # cold: none of another run's results
        root = next(path.parent for path in sorted(tree.rglob("setup.py"), key=lambda p: len(p.parts)))
        print(f"{args.corpus}: {sum(1 for _ in root.rglob('*.py'))} Python files at {root.relative_to(tree)}")
        subprocess.run([*DIRACMOD, "baseline", "create", "-q"], cwd=root, check=True, env=env)
        _timed(root, ["check", "-q"], 0, env)  # warm, nothing changed
        warm = []
        for run, path in enumerate(_median_files(root, args.runs)):
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(NEW_FINDING)
            warm.append(_timed(root, ["check", "-q"], 1, env))
            print(f"  warm re-check, {path.relative_to(root)} ({path.stat().st_size} bytes) changed: "
                  f"{warm[-1]['seconds']:.2f} s wall, {warm[-1]['cpu']:.2f} s CPU")
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", "base")
        _git(root, "checkout", "-qb", "change")
        for path in _median_files(root, 10):
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(NEW_FINDING)
        diff = []
        for _ in range(args.runs):
            shutil.rmtree(root / ".diracmod_cache", ignore_errors=True)  # cold
            diff.append(_timed(root, ["check", "-q", "--diff-base", "main"], 1, env))
        one = Path(scratch) / "one-file"
        one.mkdir()
        (one / "module.py").write_text("value = 1\n", encoding="utf-8")
        version = [_timed(one, ["--version"], 0, env) for _ in range(args.runs)]
        small = [_timed(one, ["check", "-q", "--no-cache", "module.py"], 0, env) for _ in range(args.runs)]
        _row("warm re-check, one file changed", warm)
        _row("--diff-base, 10 files changed, cold", diff)
        _row("start-up: diracmod --version", version)
        _row("start-up: check of a one-file tree", small)
    print(_load())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Real py2 suites before and after `diracmod fix --write`: python2.7 before/after, Python 3 after, and python2.7
after python-modernize for comparison.

    python bench/fix_suites.py [--workdir DIR]

Prints a Markdown table (for README). Every run is on its own fresh copy; "lost" is the number of tests that
pass on python2.7 before the fix and not after, compared per test (tests/fix/test_fix_suites.py asserts it is 0).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import fixrun, suites  # noqa: E402


def _passing(run: suites.SuiteRun) -> str:
    passed = sum(run.passed.values())
    return f"{passed}/{len(run.outcomes)}" if run.outcomes else "0 (no test ran)"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keep the copies here (fixed copies are reused next time)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="diracmod-fix-suites-"))
    print("| suite | python2.7 before | python2.7 after `diracmod fix` | lost | Python 3 after `diracmod fix` "
          "| python2.7 after python-modernize |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, suite in suites.SUITES.items():
        before = suites.run_suite(suite, fixrun.copy_corpus(name, workdir / "before"))
        fixed = fixrun.shared_fix(name, workdir / "fixed")
        after = {}
        for python3 in (False, True):
            root = workdir / ("after-py3" if python3 else "after-py2") / name
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(fixed.root, root)
            after[python3] = suites.run_suite(suite, root, python3=python3)
        modernized = fixrun.copy_corpus(name, workdir / "modernize")
        subprocess.run(fixrun.modernize_command(fixrun.JOBS), cwd=modernized, capture_output=True, check=True)
        modernize = suites.run_suite(suite, modernized)
        lost = sum((before.passed - after[False].passed).values())
        print(f"| {name} | {_passing(before)} | {_passing(after[False])} | {lost} | {_passing(after[True])} "
              f"| {_passing(modernize)} |", flush=True)
    print("\npassing/reported tests; python2.7 runs put a copy of six.py on the path")
    return 0


if __name__ == "__main__":
    sys.exit(main())

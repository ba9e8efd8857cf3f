"""How much of each real py2 suite runs on Python 3, measured by `diracmod tests` (python2.7 and Python 3 on each
tree): the untouched sdist, after python-modernize, after `diracmod fix --write` without the runtime-semantics
rules (issue 8: `--ignore` every symbol of diracmod.rules.fixers.RUNTIME) and with them (the default).

    python bench/runs_on_py3.py [--workdir DIR] [--corpus NAME ...]

Prints a Markdown table (for README): python2.7 passes before and after the fix ("lost": tests passing before
and not after, per test id), Python 3 passes after python-modernize, after `diracmod fix` without and with the
runtime rules, and the share of the python2.7 passes after the fix that also pass on Python 3. Each run is on its
own fresh copy.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import fixrun, suites  # noqa: E402
from diracmod.rules.fixers import RUNTIME  # noqa: E402


def diracmod_tests(name: str, root: Path, reports: Path) -> dict:
    """`diracmod tests` on root with the corpus's settings; its JSON report."""
    suites.configure_tests(suites.SUITES[name], root)
    proc = subprocess.run([sys.executable, "-m", "diracmod", "tests", str(root), "--format", "json", "-q",
                           "-o", str(reports)], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"diracmod tests on {root} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def fixed_copy(name: str, workdir: Path, *options: str) -> Path:
    """A fresh copy of corpus `name` after `diracmod fix --write` with these options."""
    root = fixrun.copy_corpus(name, workdir)
    with suites.fix_settings(name, root):  # the corpus's [tool.diracmod.fix], as the Python 2 suite tests fix it
        fix = fixrun.diracmod("fix", "--write", "-q", "-j", str(fixrun.JOBS), *options, ".", cwd=root)
    if fix.returncode not in (0, 1):  # 1: some files left unchanged as not safely fixable
        raise RuntimeError(f"diracmod fix on {root} exited {fix.returncode}:\n{fix.stderr[-3000:]}")
    return root


def passing(document: dict, role: str) -> set:
    return {t["id"] for t in document["tests"] if t[role]["outcome"] == "passed" and not t["id"].endswith("(import)")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keep the copies and reports here")
    parser.add_argument("--corpus", action="append", choices=sorted(suites.SUITES), help="default: all")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="diracmod-runs-on-py3-"))
    print("| corpus | python2.7 passes before | after python-modernize | after `diracmod fix` | lost to the fix "
          "| Python 3 passes after python-modernize | after `diracmod fix` without the runtime rules | with them "
          "| python2.7 passes (after the fix) that pass on Python 3 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.corpus or suites.SUITES:
        before = diracmod_tests(name, fixrun.copy_corpus(name, workdir / "before"), workdir / "reports-before" / name)
        modernized = fixrun.copy_corpus(name, workdir / "modernize")
        subprocess.run(fixrun.modernize_command(fixrun.JOBS), cwd=modernized, capture_output=True, check=True)
        modernize = diracmod_tests(name, modernized, workdir / "reports-modernize" / name)
        without = diracmod_tests(name, fixed_copy(name, workdir / "without", "--ignore", ",".join(sorted(RUNTIME))),
                                 workdir / "reports-without" / name)
        after = diracmod_tests(name, fixed_copy(name, workdir / "after"), workdir / "reports-after" / name)
        share = after["summary"]["python2_passes_on_python3"]
        lost = len(passing(before, "python2") - passing(after, "python2"))
        print(f"| {name} | {len(passing(before, 'python2'))} | {len(passing(modernize, 'python2'))} "
              f"| {len(passing(after, 'python2'))} | {lost} | {len(passing(modernize, 'python3'))} "
              f"| {len(passing(without, 'python3'))} | {len(passing(after, 'python3'))} "
              f"| {'-' if share is None else f'{100 * share:.1f}%'} |", flush=True)
    print(f"\n`diracmod tests` reports in {workdir}/reports-*; python2.7 runs get a copy of six.py on their path")
    return 0


if __name__ == "__main__":
    sys.exit(main())

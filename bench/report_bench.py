"""diracmod report on a real py2 tree, against `diracmod check` of the same tree.

    python bench/report_bench.py [--corpus Django] [--revisions 10]

1. cold: `diracmod check` vs `diracmod report` (default --deps offline), both with an empty result cache
   (goal: report <= 2x check)
2. warm: `diracmod report` again, nothing changed, best of three runs (goal: <= 2 s)
3. history: a git repository of --revisions commits (the corpus, then commits that each port a slice of
   its files), `report --history` over all of them vs one cold `report` of the last one, both --deps off
   (goal: < 3x)
Prints wall time and CPU time (user + sys of the command and its children: on a shared machine the wall
clock depends on the neighbours, the CPU time much less), and the load average after each run.
diracmod runs as an installed copy does: Python may write its bytecode (with PYTHONDONTWRITEBYTECODE set, as
in some CI shells, every start recompiles diracmod's modules: about 0.3 s more per warm report).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import corpora  # noqa: E402

_MEASURE = """
import json, os, subprocess, sys, time
start, before = time.perf_counter(), os.times()
code = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=sys.argv[1])
after = os.times()
cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
print(json.dumps({"seconds": time.perf_counter() - start, "code": code, "cpu": cpu}))
"""


def measure(cmd, cwd) -> dict:
    out = subprocess.run([sys.executable, "-E", "-c", _MEASURE, str(cwd), *map(str, cmd)], capture_output=True,
                         text=True, env=corpora.as_installed())
    result = {**json.loads(out.stdout), "load": os.getloadavg()[0]}
    if result["code"] not in (0, 1):
        raise SystemExit(f"{cmd[:5]}... exited {result['code']}")
    return result


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def build_history(tree: Path, repo: Path, revisions: int) -> str:
    """The tree as the first commit, then commits that each add `from __future__ import absolute_import`
    to the next slice of files (one porting step each). Returns the range covering all of them."""
    shutil.copytree(tree, repo / "project")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=b@example.org", "-c", "user.name=b", "commit", "-q", "--allow-empty", "-m", "base")
    files = sorted((repo / "project").rglob("*.py"))
    step = max(1, len(files) // (4 * revisions))
    for number in range(revisions):
        for path in files[number * step:(number + 1) * step] if number else ():
            data = path.read_bytes()
            path.write_bytes(b"from __future__ import absolute_import\n" + data)
        _git(repo, "add", "-A")
        _git(repo, "-c", "user.email=b@example.org", "-c", "user.name=b", "commit", "-q", "-m", f"step {number}")
    return "HEAD~" + str(revisions) + "..HEAD"


def _line(name, item, goal=""):
    print(f"{name:<44} {item['seconds']:8.2f} s wall {item['cpu']:8.2f} s cpu  load {item['load']:5.1f}  {goal}")


def _print(args, cold_check, cold_report, warm_report) -> int:
    print(f"corpus {args.corpus}" + ("" if args.no_history else f", {args.revisions} revisions for the history"))
    _line("check, cold", cold_check)
    _line("report, cold (deps offline)", cold_report,
          f"ratio to check: {cold_report['seconds'] / cold_check['seconds']:.2f}x wall, "
          f"{cold_report['cpu'] / cold_check['cpu']:.2f}x cpu (goal <= 2x)")
    _line("report, warm", warm_report, "(goal <= 2 s)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="Django", choices=sorted(corpora.CORPORA))
    parser.add_argument("--revisions", type=int, default=10)
    parser.add_argument("--no-history", action="store_true", help="parts 1 and 2 only")
    args = parser.parse_args(argv)
    source = corpora.fetch(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="diracmod-report-bench-"))
    try:
        tree = work / "tree"
        shutil.copytree(source, tree)
        (tree / "pyproject.toml").write_text('[tool.diracmod]\ncache-dir = "../cache"\n')
        diracmod = [sys.executable, "-m", "diracmod"]
        cold_check = measure([*diracmod, "check", "-q", tree], work)
        shutil.rmtree(work / "cache", ignore_errors=True)
        cold_report = measure([*diracmod, "report", "-q", tree, "-o", work / "out"], work)
        warm_report = min((measure([*diracmod, "report", "-q", tree, "-o", work / "out"], work) for _ in range(3)),
                          key=lambda item: item["seconds"])  # the best of three: the neighbours' load varies
        if args.no_history:
            return _print(args, cold_check, cold_report, warm_report)
        shutil.rmtree(work / "cache", ignore_errors=True)
        cold_no_deps = measure([*diracmod, "report", "-q", "--deps", "off", tree, "-o", work / "out2"], work)
        repo = work / "repo"
        repo.mkdir()
        spec = build_history(tree, repo, args.revisions)
        (repo / "project" / "pyproject.toml").write_text('[tool.diracmod]\ncache-dir = "../../hcache"\n')
        history = measure([*diracmod, "report", "-q", "--deps", "off", "--history", spec, repo / "project",
                           "-o", work / "out3"], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(args, cold_check, cold_report, warm_report)
    _line("report, cold, --deps off", cold_no_deps)
    _line(f"report --history ({args.revisions} revisions), cold", history,
          f"ratio to one cold report: {history['seconds'] / cold_no_deps['seconds']:.2f}x wall, "
          f"{history['cpu'] / cold_no_deps['cpu']:.2f}x cpu (goal < 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

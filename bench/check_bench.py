"""diracmod check against its anchors, side by side on the same files of a real py2 tree.

    python bench/check_bench.py [--corpus Django] [--files N]

1. py3k only, cold:  diracmod check --select py3k --no-cache   vs  pylint 1.9.5 --py3k (one process)
2. full check, cold: diracmod check --no-cache (py3k + pycodestyle + syntax)  vs  pylint --py3k, then pycodestyle
3. warm re-run with nothing changed: diracmod check (result cache filled by a first run)
Prints wall time, ratios and the peak RSS of each command (largest process of its tree).
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

# Runs a command; reports its wall time, CPU time (user + system, worker processes included), the peak RSS
# of its largest process (getrusage RUSAGE_CHILDREN, exact) and of its whole process tree (the sum over the
# command and its descendants, sampled from /proc every 20 ms on Linux; 0 elsewhere).
_MEASURE = """
import json, os, resource, subprocess, sys, time
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

def tree_rss(root):
    parent, rss = {}, {}
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parent[int(pid)], rss[int(pid)] = int(fields[1]), int(fields[21]) * PAGE
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [child for child, ppid in parent.items() if ppid == pid and child not in tree]
    return sum(rss.get(pid, 0) for pid in tree)

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=sys.argv[1])
tree_peak = 0
while proc.poll() is None:
    tree_peak = max(tree_peak, tree_rss(proc.pid))
    time.sleep(0.02)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "code": proc.returncode, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024, "tree_mb": tree_peak / 2 ** 20}))
"""


def measure(cmd, cwd, env=None) -> dict:
    # -E: `env` (pylint's PYTHONPATH) is for the measured command, not for this wrapper
    out = subprocess.run([sys.executable, "-E", "-c", _MEASURE, str(cwd), *cmd], capture_output=True, text=True,
                         env=corpora.as_installed(env))
    if out.returncode:
        raise SystemExit(f"measuring {cmd[:4]}... failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="Django", choices=sorted(corpora.CORPORA))
    parser.add_argument("--files", type=int, default=0, help="only the first N files (0: all)")
    args = parser.parse_args(argv)

    root = corpora.fetch(args.corpus)
    files = [p.as_posix() for p in corpora.python_files(root)]
    if args.files:
        files = files[: args.files]
    lines = sum((root / f).read_bytes().count(b"\n") for f in files)
    corpora.ensure_oracle()
    py27 = corpora.py27()
    pylint = [py27, "-m", "pylint", "--py3k", "--output-format=json", "--rcfile=/dev/null", "--persistent=n", *files]
    oracle_env = dict(os.environ, PYTHONPATH=str(corpora.ORACLE))
    pycodestyle = [sys.executable, "-m", "pycodestyle", *files]
    diracmod = [sys.executable, "-m", "diracmod", "check", "-q"]
    cache_dir = Path(tempfile.mkdtemp(prefix="diracmod-bench-cache-"))
    config = root / "pyproject.toml"
    config.write_text(f'[tool.diracmod]\ncache-dir = "{cache_dir}"\n')  # keep the corpus tree clean otherwise
    try:
        print(f"corpus {args.corpus}: {len(files)} files, {lines} lines, {os.cpu_count()} cores, "
              f"Python {sys.version.split()[0]}")
        anchor_py3k = measure(pylint, root, oracle_env)
        anchor_style = measure(pycodestyle, root)
        py3k = measure([*diracmod, "--select", "py3k", "--no-cache", *files], root)
        full = measure([*diracmod, "--no-cache", *files], root)
        shutil.rmtree(cache_dir, ignore_errors=True)
        measure([*diracmod, *files], root)  # fills the cache
        warm = measure([*diracmod, *files], root)
    finally:
        config.unlink()
        shutil.rmtree(cache_dir, ignore_errors=True)

    def row(name, ours, anchor_name, anchor_seconds, anchor_mb, goal):
        ratio = anchor_seconds / ours["seconds"]
        print(f"{name:<34} {ours['seconds']:7.2f} s {ours['peak_mb']:7.0f} MB | {anchor_name:<28} "
              f"{anchor_seconds:7.2f} s {anchor_mb:7.0f} MB | {ratio:6.1f}x (goal >= {goal}x)")

    print(f"{'diracmod':<34} {'wall':>9} {'peak':>10} | {'anchor':<28} {'wall':>9} {'peak':>10} | ratio")
    row("check --select py3k (cold)", py3k, "pylint 1.9.5 --py3k", anchor_py3k["seconds"], anchor_py3k["peak_mb"], 10)
    row("check, everything (cold)", full, "pylint --py3k + pycodestyle",
        anchor_py3k["seconds"] + anchor_style["seconds"], max(anchor_py3k["peak_mb"], anchor_style["peak_mb"]), 5)
    print(f"{'check, warm re-run':<34} {warm['seconds']:7.2f} s {warm['peak_mb']:7.0f} MB | "
          "goal <= 1 s on ~2,000 files")
    print(f"pylint: {1000 * anchor_py3k['seconds'] / len(files):.0f} ms/file; "
          f"diracmod py3k: {1000 * py3k['seconds'] / len(files):.1f} ms/file")
    return 0


if __name__ == "__main__":
    sys.exit(main())

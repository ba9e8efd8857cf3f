"""Differential test: diracmod check --select py3k against real pylint 1.9.5 --py3k.

    python bench/differential.py Django Twisted [--jobs 2] [--oracle-only]

Per corpus: fetch the sdist, run the oracle (cached in .corpora/oracle/), run diracmod on the same
explicit file list, print per-symbol recall, and write missed/extra findings to
.corpora/differential-<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

try:
    import resource  # POSIX only: peak memory of the oracle processes
except ImportError:
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

MAX_ARGS_CHARS = 30_000  # stay under the smallest command-line limit (Windows: 32k)


def _chunks(files: list[str]):
    chunk, size = [], 0
    for f in files:
        if chunk and size + len(f) + 1 > MAX_ARGS_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(f)
        size += len(f) + 1
    if chunk:
        yield chunk


def run_diracmod(root: Path, files: list[str], *options: str) -> list[dict]:
    """diracmod's findings on files (relative to root); raises RuntimeError if it gives no JSON."""
    # -P (3.11+): with -m, cwd (the corpus root) would otherwise shadow modules on sys.path.
    cmd = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else []), "-m", "diracmod", "check",
           "--select", "py3k", "--format", "json", "--no-cache", "-j", "2", *options]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(corpora.ROOT), os.environ.get("PYTHONPATH")])))
    findings = []
    for chunk in _chunks(files):
        proc = subprocess.run(cmd + chunk, cwd=root, env=env, capture_output=True, text=True)
        out = proc.stdout.strip()
        try:  # exit status signals findings, so only the output tells success
            data = json.loads(out) if out or proc.returncode == 0 else None
        except ValueError:
            data = None
        if isinstance(data, dict):  # tolerate a {"findings": [...]} wrapper
            data = data.get("findings", data.get("messages"))
        if not isinstance(data, list):
            raise RuntimeError(f"diracmod gave no JSON list (exit {proc.returncode}):\n"
                               f"{out[:500]}\n{proc.stderr[-2000:]}")
        findings.extend(data)
    return findings


def oracle_summary(name: str, files: list[str], oracle: list[dict], seconds: float) -> str:
    by_symbol = Counter(m["symbol"] for m in oracle)
    unparsed = {m["path"] for m in oracle if m["symbol"] == "syntax-error"}
    crashed = {m["path"] for m in oracle if m["type"] == "fatal"}
    lines = [f"== {name}: {len(files)} files, {len(oracle)} oracle findings, oracle {seconds:.1f} s; "
             f"syntax errors in {len(unparsed)} files, pylint fatal on {len(crashed)} files"]
    lines += [f"   {n:>6}  {sym}" for sym, n in by_symbol.most_common()]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", choices=sorted(corpora.CORPORA), metavar="CORPUS",
                        help=", ".join(corpora.CORPORA))
    parser.add_argument("--jobs", type=int, default=2, help="parallel pylint processes for the oracle")
    parser.add_argument("--oracle-only", action="store_true", help="only run (and cache) the oracle")
    args = parser.parse_args(argv)

    failed = False
    all_oracle, all_ours, all_unguarded = [], [], []
    for name in args.corpora:
        root = corpora.fetch(name)
        files = [p.as_posix() for p in corpora.python_files(root)]
        start = time.perf_counter()
        oracle = corpora.run_oracle(root, files, jobs=args.jobs, cache_name=name)
        print(oracle_summary(name, files, oracle, time.perf_counter() - start))
        # Peak RSS of the largest child so far (Linux: KiB); meaningless when the oracle came from cache.
        if resource:
            print(f"   peak child RSS so far: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024} MiB")
        if args.oracle_only:
            continue
        start = time.perf_counter()
        try:
            ours = run_diracmod(root, files)
            unguarded = run_diracmod(root, files, "--include-py2-branches")
        except (RuntimeError, OSError) as exc:
            print(f"   diracmod failed on {name}: {exc}")
            failed = True
            continue
        print(f"   diracmod: {len(ours)} findings in {time.perf_counter() - start:.1f} s")
        result = corpora.compare(oracle, ours, unguarded)
        print(corpora.format_report(result))
        out = corpora.CACHE / f"differential-{name}.json"
        out.write_text(json.dumps(result, indent=1))
        print(f"   missed/extra lists: {out}")
        # Prefix paths so the overall comparison never matches across corpora.
        all_oracle += [{**m, "path": f"{name}/{m['path']}"} for m in oracle]
        all_ours += [{**m, "path": f"{name}/{m['path']}"} for m in ours]
        all_unguarded += [{**m, "path": f"{name}/{m['path']}"} for m in unguarded]
    if len(args.corpora) > 1 and all_oracle and not args.oracle_only:
        print("== overall")
        print(corpora.format_report(corpora.compare(all_oracle, all_ours, all_unguarded)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

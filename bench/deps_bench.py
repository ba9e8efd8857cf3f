"""`diracmod deps` speed: 40 dependencies against the loopback fixture index (recorded real index data,
tests/deps/data/index.json), with a cold cache and with a warm one.

    .venv/bin/python bench/deps_bench.py [--runs N]

Targets (issue 3): cold <= 2 s, warm <= 0.2 s. Measured in-process (the analysis: requirement
parsing, index requests or cache reads, verdicts, the transitive walk), so interpreter start-up is not
counted; the whole command line, start-up included, is timed too, for information.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"cold": 2.0, "warm": 0.2}
COUNT = 40


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "deps" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def requirements(data: dict) -> str:
    """The DIRAC-like requirements, then other recorded projects up to COUNT lines."""
    dirac_like = _load("dirac_like")
    lines = [line for line in dirac_like.TREE["requirements.txt"].splitlines() if line and not line.startswith("#")]
    named = {line.split("=")[0].split(">")[0].split("<")[0].split("~")[0].lower() for line in lines}
    for name in sorted(data["projects"]):
        if len(lines) >= COUNT:
            break
        if name not in named and data["projects"][name]["info"]["name"].lower() not in named:
            lines.append(data["projects"][name]["info"]["name"])
    assert len(lines) == COUNT, len(lines)
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from diracmod.deps.analysis import Analysis, Options
    from diracmod.deps.verdict import KINDS

    server = _load("indexserver")
    data = server.load()
    timings = {"cold": [], "warm": [], "cli cold": [], "cli warm": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "requirements.txt")
        path.write_text(requirements(data))
        site = Path(tmp, "site-packages")
        site.mkdir()
        for run in range(args.runs):
            with server.FixtureIndex(data) as index:  # a fresh server: nothing prepared on its side either
                cache = Path(tmp, f"cache-{run}")
                options = Options(index_url=index.url, cache_dir=str(cache), site_packages=(str(site),), imports=False)
                started = time.perf_counter()
                report = Analysis(options).run([str(path)])
                timings["cold"].append(time.perf_counter() - started)
                requests = report.index["requests"]
                for _ in range(3):
                    started = time.perf_counter()
                    warm = Analysis(options).run([str(path)])
                    timings["warm"].append(time.perf_counter() - started)
                    assert warm.index["requests"] == 0
                for label, cache_dir in (("cli cold", Path(tmp, f"cli-{run}")), ("cli warm", Path(tmp, f"cli-{run}"))):
                    command = [sys.executable, "-m", "diracmod", "deps", "--no-imports", "--index-url", index.url,
                               "--cache-dir", str(cache_dir), "--site-packages", str(site), "--format", "json",
                               str(path)]
                    started = time.perf_counter()
                    subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
                    timings[label].append(time.perf_counter() - started)
    print(f"diracmod deps: {COUNT} direct dependencies, {len(report.transitive)} transitive, loopback fixture index "
          f"({requests} requests cold)")
    failed = False
    for label, values in timings.items():
        best, median = min(values), statistics.median(values)
        target = TARGETS.get(label)
        verdict = ""
        if target is not None:
            ok = median <= target
            failed |= not ok
            verdict = f"  target <= {target:g} s: {'ok' if ok else 'MISSED'}"
        print(f"  {label:<9} median {median:6.3f} s  best {best:6.3f} s  ({len(values)} runs){verdict}")
    print("  verdicts: " + ", ".join(f"{len(report.of_kind(kind))} {kind}" for kind in KINDS))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

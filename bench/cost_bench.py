"""What `diracmod check` costs where the cost used to grow: findings, excluded work, small trees.

    python bench/cost_bench.py [--runs 3] [--memory-corpus Twisted] [--small-corpus Paste] [--no-pylint]
                               [--files N] [--parts 1,2,3]

Each corpus's *.py files are copied into a temporary directory with an empty pyproject.toml (pycodestyle's
defaults: 79 columns; nothing written into the shared corpus tree). Every command runs `--runs` times; the
table shows the minimum of each figure (the machine may be shared: the minimum is the least disturbed run).
The two sides of a ratio (parts 2 and 4) run in turn, one run of each at a time, so that a change of load
falls on both.

1. memory: full check (py3k + pycodestyle + syntax, text and JSON, cold and warm) on a corpus with tens
   of thousands of style findings, next to `pycodestyle` and `pylint 1.9.5 --py3k` on the same files.
   Goal: <= 150 MB.
2. `check --select pycodestyle -j 1` against `pycodestyle FILES` (one core each). Goal: <= 1.3x.
3. `check --select py3k` on a ~200-file package against `pylint --py3k` (python2.7). Goal: >= 10x.
4. part 2 in one process, CPU only (no start-up either side): `engine.check_file` with pycodestyle selected
   on each file against pycodestyle's `StyleGuide.check_files`, both with pycodestyle's defaults.

Columns: wall time; CPU time (user + system, worker processes included); peak RSS of the largest process
(getrusage, exact) and of the whole process tree (sampled from /proc every 20 ms). The machine's load
average is printed before each part: figures measured under load say so.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import corpora  # noqa: E402
from bench.check_bench import measure  # noqa: E402
from diracmod.check import engine  # noqa: E402 (its pycodestyle reads no user settings: rules/style.py)
import pycodestyle  # noqa: E402

DIRACMOD = [sys.executable, "-m", "diracmod", "check", "-q"]
PYCODESTYLE = [sys.executable, "-m", "pycodestyle"]


def copy_corpus(name: str, into: Path, limit: int) -> tuple[Path, list[str]]:
    """The corpus's *.py files (the first `limit`; 0: all) under `into`/name, with a pyproject.toml that stops
    the settings search there."""
    root = into / name
    if root.exists():
        return root, sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py"))
    source = corpora.fetch(name)
    files = [p.as_posix() for p in corpora.python_files(source)][: limit or None]
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, root / rel)
    (root / "pyproject.toml").write_text("[tool.diracmod]\n")
    return root, files


def best(cmd, cwd, runs, env=None) -> dict:
    """The minimum of each figure over `runs` runs."""
    return _minimum([measure(cmd, cwd, env) for _ in range(runs)])


def _minimum(results) -> dict:
    return {key: min(r[key] for r in results) for key in ("seconds", "cpu", "peak_mb", "tree_mb")}


def best_of_pair(ours, theirs, cwd, runs) -> tuple:
    """The minimum of each figure of two commands run in turn, `runs` times each: on a shared machine the load
    changes from minute to minute, and would otherwise fall on one command's runs more than on the other's."""
    pairs = [(measure(ours, cwd), measure(theirs, cwd)) for _ in range(runs)]
    return _minimum([a for a, _ in pairs]), _minimum([b for _, b in pairs])


def pylint(files) -> tuple[list, dict]:
    corpora.ensure_oracle()
    return ([corpora.py27(), "-m", "pylint", "--py3k", "--output-format=json", "--rcfile=/dev/null",
             "--persistent=n", *files], dict(os.environ, PYTHONPATH=str(corpora.ORACLE)))


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min: {five:.2f}) on {os.cpu_count()} cores"


def row(name, figures, note=""):
    print(f"{name:<52} {figures['seconds']:8.2f} {figures['cpu']:8.2f} {figures['peak_mb']:8.0f} "
          f"{figures['tree_mb']:8.0f}  {note}")


def memory(args, work):
    root, files = copy_corpus(args.memory_corpus, work, args.files)
    print(f"1. memory: {args.memory_corpus}, {len(files)} files, pycodestyle defaults (goal <= 150 MB); {load()}")
    row("   diracmod check (everything, text)", best([*DIRACMOD, "--no-cache", *files], root, args.runs))
    row("   diracmod check --format json", best([*DIRACMOD, "--no-cache", "--format", "json", *files], root,
                                                 args.runs))
    measure([*DIRACMOD, *files], root)  # fills the result cache
    row("   diracmod check, warm cache", best([*DIRACMOD, *files], root, args.runs))
    row("   pycodestyle", best([*PYCODESTYLE, *files], root, 1))
    if not args.no_pylint:
        cmd, env = pylint(files)
        row("   pylint 1.9.5 --py3k (python2.7)", best(cmd, root, 1, env))


def one_core(args, work):
    root, files = copy_corpus(args.style_corpus, work, args.files)
    print(f"2. one core: {args.style_corpus}, {len(files)} files (goal <= 1.3x); {load()}")
    ours, theirs = best_of_pair([*DIRACMOD, "--no-cache", "-j", "1", "--select", "pycodestyle", *files],
                                [*PYCODESTYLE, *files], root, args.runs)
    row("   diracmod check --select pycodestyle -j 1", ours,
        f"{ours['seconds'] / theirs['seconds']:.2f}x wall, {ours['cpu'] / theirs['cpu']:.2f}x cpu")
    row("   pycodestyle", theirs)


def small_tree(args, work):
    if args.no_pylint:
        return
    root, files = copy_corpus(args.small_corpus, work, args.files)
    print(f"3. small tree: {args.small_corpus}, {len(files)} files (goal >= 10x); {load()}")
    ours = best([*DIRACMOD, "--no-cache", "--select", "py3k", *files], root, args.runs)
    cmd, env = pylint(files)
    theirs = best(cmd, root, args.runs, env)
    row("   diracmod check --select py3k", ours, f"{theirs['seconds'] / ours['seconds']:.1f}x faster (wall), "
        f"{theirs['cpu'] / ours['cpu']:.1f}x less cpu")
    row("   pylint 1.9.5 --py3k (python2.7)", theirs)


def _cpu(work) -> float:
    before = resource.getrusage(resource.RUSAGE_SELF)
    work()
    after = resource.getrusage(resource.RUSAGE_SELF)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def in_process(args, work):
    root, files = copy_corpus(args.style_corpus, work, args.files)
    paths = [str(root / f) for f in files]
    print(f"4. one process, CPU: {args.style_corpus}, {len(files)} files (goal <= 1.3x); {load()}")
    plan = engine.Plan(checkers=frozenset({"pycodestyle"}))
    engine.check_file(paths[0], plan)  # loads the catalogue and pycodestyle's checks, as start-up would
    pairs = [(_cpu(lambda: [engine.check_file(path, plan) for path in paths]),
              _cpu(lambda: pycodestyle.StyleGuide(quiet=True).check_files(paths))) for _ in range(args.runs)]
    ours, theirs = min(a for a, _ in pairs), min(b for _, b in pairs)  # in turn, as best_of_pair
    print(f"{'   engine.check_file, pycodestyle selected':<52} {'':>8} {ours:8.2f}  {ours / theirs:.2f}x cpu")
    print(f"{'   pycodestyle StyleGuide.check_files':<52} {'':>8} {theirs:8.2f}")


PARTS = {"1": memory, "2": one_core, "3": small_tree, "4": in_process}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the minimum is shown")
    parser.add_argument("--memory-corpus", default="Twisted", choices=sorted(corpora.CORPORA))
    parser.add_argument("--style-corpus", default="Paste", choices=sorted(corpora.CORPORA))
    parser.add_argument("--small-corpus", default="Paste", choices=sorted(corpora.CORPORA))
    parser.add_argument("--no-pylint", action="store_true", help="skip the pylint anchors (slow)")
    parser.add_argument("--files", type=int, default=0, help="only the first N files of each corpus (0: all)")
    parser.add_argument("--parts", default="1,2,3", help="which parts to run, e.g. 2,3,4 (default: 1,2,3)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="diracmod-cost-bench-"))
    try:
        print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, minimum of {args.runs} run(s); "
              f"peak = largest process (getrusage), tree = whole process tree (sampled)")
        print(f"{'command':<52} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'tree MB':>8}")
        for part in args.parts.split(","):
            PARTS[part.strip()](args, work)
        print(f"end: {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Differential: diracmod check --select pycodestyle against pycodestyle itself, on the same files.

    python bench/style_parity.py Django Paste

Both run from the corpus root with their own settings discovery (pycodestyle's user configuration
left out: diracmod does not read it). Findings are compared as (path, line, column, code), pycodestyle's
1-based columns against diracmod's 0-based ones + 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
from differential import _chunks  # noqa: E402

_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d+) ")
NOT_CHECKED = frozenset({"undecodable-source", "binary-file", "unreadable-file", "file-too-large", "internal-error"})


def _pycodestyle():
    return [str(Path(sys.executable).with_name("pycodestyle"))]


def _pycodestyle_key(root: Path, files: list[str]) -> str:
    """pycodestyle's version, the settings files it may read at `root`, and every file's name and content."""
    digest = hashlib.sha256(subprocess.run(_pycodestyle() + ["--version"], capture_output=True).stdout)
    for name in ("setup.cfg", "tox.ini", ".pycodestyle", *files):
        path = Path(root, name)
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"-") + b"\0")
    return digest.hexdigest()[:16]


def run_pycodestyle(root: Path, files: list[str], timeout: float = 600, cache_name: str | None = None) -> Counter:
    """pycodestyle's own findings, its own settings discovery, no user configuration. With `cache_name`
    (a corpus's), kept in corpora.ANCHOR_RESULTS under the key of everything they depend on."""
    cached = corpora.anchor_cache(f"pycodestyle-{cache_name}-{_pycodestyle_key(root, files)}") if cache_name else None
    rows = cached.load() if cached else None
    if rows is not None:
        return Counter({tuple(key): count for key, count in rows})
    found = _pycodestyle_findings(root, files, timeout)
    if cached:
        cached.save(sorted(found.items()))
    return found


def _pycodestyle_findings(root: Path, files: list[str], timeout: float) -> Counter:
    found = Counter()
    with tempfile.TemporaryDirectory() as empty:  # XDG_CONFIG_HOME without a pycodestyle file
        env = dict(os.environ, XDG_CONFIG_HOME=empty)
        for chunk in _chunks(files):
            proc = subprocess.run(_pycodestyle() + chunk, cwd=root, env=env, capture_output=True, text=True,
                                  timeout=timeout)
            if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
                raise RuntimeError(f"pycodestyle failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
            for line in proc.stdout.splitlines():
                match = _LINE.match(line)
                if match:
                    found[(os.path.normpath(match["path"]), int(match["line"]), int(match["col"]), match["code"])] += 1
    return found


def run_diracmod(root: Path, files: list[str], *options: str, timeout: float = 600) -> tuple[Counter, dict]:
    """diracmod's pycodestyle findings (pycodestyle's columns), and {path: symbol} of files it did not check."""
    cmd = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else []), "-m", "diracmod", "check",
           "--select", "pycodestyle", "--format", "json", "--no-cache", "-q", *options]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(corpora.ROOT), os.environ.get("PYTHONPATH")])))
    found, not_checked = Counter(), {}
    for chunk in _chunks(files):
        proc = subprocess.run(cmd + chunk, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
        if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
            raise RuntimeError(f"diracmod failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
        for item in json.loads(proc.stdout):
            path = os.path.normpath(item["path"])
            if item["checker"] == "pycodestyle":
                found[(path, item["line"], item["column"] + 1, item["message-id"])] += 1
            elif item["symbol"] in NOT_CHECKED:
                not_checked[path] = item["symbol"]
    return found, not_checked


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", choices=sorted(corpora.CORPORA), metavar="CORPUS")
    args = parser.parse_args(argv)
    for name in args.corpora:
        root = corpora.fetch(name)
        files = [p.as_posix() for p in corpora.python_files(root)]
        theirs = run_pycodestyle(root, files, cache_name=name)
        ours, not_checked = run_diracmod(root, files, "-j", "2")
        missed, extra = theirs - ours, ours - theirs
        print(f"== {name}: {len(files)} files; pycodestyle {sum(theirs.values())} findings, diracmod "
              f"{sum(ours.values())}; missed {sum(missed.values())}, extra {sum(extra.values())}; "
              f"not checked by diracmod: {len(not_checked)} files")
        for key, count in sorted((missed + extra).items())[:40]:
            print(f"   {'missed' if key in missed else 'extra '} x{count} {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

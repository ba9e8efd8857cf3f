"""Helpers shared by the report tests (a module with its own name: `from conftest import` clashes with
tests/deps/conftest.py when both directories are collected in one session)."""
import os
import subprocess
import sys
from pathlib import Path

TIMEOUT = 300  # seconds: every CLI run here has a hard limit


def run_report(*args, cwd, env=None, timeout=TIMEOUT):
    """`diracmod report ...` in a subprocess: (exit code, stdout, stderr); never a hang."""
    done = subprocess.run([sys.executable, "-m", "diracmod", "report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "DIRACMOD_CACHE_DIR": str(Path(cwd, ".deps-cache")), **(env or {})})
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def write_tree(root: Path, files: dict) -> Path:
    """A project: its own pyproject.toml, so the result cache stays inside it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.diracmod]\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root

"""What the `diracmod tests` tests share: the command run as a user runs it, against a small project."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema

from diracmod.testrun import model

SCHEMA = json.loads((Path(model.__file__).with_name("schema") / "tests-1.json").read_text())


def project(root: Path, files: dict, settings: str = "") -> Path:
    """A project: `files` (path -> source, dedented) and its [tool.diracmod.tests] `settings`."""
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    (root / "pyproject.toml").write_text("[tool.diracmod.tests]\n" + textwrap.dedent(settings))
    return root


def diracmod(python2: str, *args, cwd=None, timeout=600) -> subprocess.CompletedProcess:
    """`diracmod ARGS` with this python2.7 and this Python 3 (it has six and pytest)."""
    command = [sys.executable, "-m", "diracmod", *args]
    if args and args[0] in ("tests", "run-both"):
        command[4:4] = ["--python2", python2, "--python3", sys.executable]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=timeout)


def report(root: Path, output: str = "reports") -> dict:
    """The JSON report, validated against the schema shipped in the package."""
    document = json.loads((root / output / "tests.json").read_text())
    jsonschema.validate(document, SCHEMA)
    return document


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead: only its parent has not read its status
        return stat.read().split(")")[-1].split()[0] != "Z"

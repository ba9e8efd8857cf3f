"""[tool.diracmod.tests] (checked for types by diracmod.core.config) and the command line, resolved into
what each interpreter runs."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

ROLES = ("python2", "python3")
# DIRACMOD_PY27: where diracmod's own suite finds python2.7 when it is not on PATH
DEFAULT_INTERPRETERS = {"python2": os.environ.get("DIRACMOD_PY27") or "python2.7", "python3": "python3"}


class SettingsError(Exception):
    """A setting `diracmod tests` cannot use (exit 2)."""


@dataclass
class Interpreter:
    role: str  # python2 | python3
    executable: str  # absolute path
    runner: str  # unittest | pytest | nose
    pythonpath: list = field(default_factory=list)  # absolute directories, before the project root


@dataclass
class Settings:
    root: str
    interpreters: list
    paths: list  # what the runner gets: test directories, files or module names, relative to root
    test_timeout: float = 60.0
    deadline: float = 1800.0  # the whole run, per interpreter
    ratchet: str | None = None


def _executable(name: str, role: str) -> str:
    found = shutil.which(os.path.expanduser(name))
    if not found:
        raise SettingsError(f"{role} interpreter {name!r} not found: set [tool.diracmod.tests] {role} = "
                            f"\"/path/to/python\" (a virtual environment's bin/python works) or --{role}")
    return os.path.abspath(found)


def _check_test_file(root: str, path: str) -> None:
    """A file the runners would import as a module: junit_runner takes `setup.cfg` for the module `setup`
    and its attribute `cfg`, so the project's setup.py would run (distutils exits on the runner's options)."""
    full = os.path.join(root, path)
    if not os.path.isfile(full):
        return
    if not full.endswith(".py"):
        raise SettingsError(f"{path}: not a Python test file (a test path is a directory, a *.py file or a "
                            "module name)")
    setup = os.path.join(root, "setup.py")
    if os.path.isfile(setup) and os.path.samefile(full, setup):
        raise SettingsError(f"{path}: the project's setup.py is its build script, not a test module")


def resolve(root: str, table: dict, overrides: dict) -> Settings:
    """Settings from the project's table and the command line's `overrides` (None: not given)."""
    values = {**table, **{key: value for key, value in overrides.items() if value is not None}}

    def directories(key):
        return [os.path.join(root, os.path.expanduser(path)) for path in values.get(key, [])]

    interpreters = []
    for role in ROLES:
        runner = values.get(f"{role}_runner") or values.get("runner", "unittest")
        executable = _executable(values.get(role, DEFAULT_INTERPRETERS[role]), role)
        interpreters.append(Interpreter(role, executable, runner, directories(f"{role}_pythonpath")
                                        + directories("pythonpath")))
    paths = values.get("paths") or (["tests"] if os.path.isdir(os.path.join(root, "tests")) else ["."])
    missing = [path for path in paths if not os.path.exists(os.path.join(root, path)) and "/" in path]
    if missing:
        raise SettingsError(f"test path {missing[0]!r} does not exist under {root}")
    for path in paths:
        _check_test_file(root, path)
    ratchet = values.get("ratchet")
    return Settings(root, interpreters, paths, float(values.get("test_timeout", 60.0)),
                    float(values.get("deadline", 1800.0)), os.path.join(root, ratchet) if ratchet else None)

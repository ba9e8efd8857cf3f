"""What the fix tests share: the plan `diracmod fix` uses when nothing is selected or ignored."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bench import corpora
from bench.suites import six_dir

from diracmod.cli import main
from diracmod.core import catalogue
from diracmod.fix.engine import FixPlan, fix_bytes
from diracmod.fix.futures import Policy
from diracmod.rules.fixers import BY_FUTURE_IMPORT, FIXABLE

NO_FUTURES = Policy(names=())  # print_function still follows converted print statements


def everything(futures: Policy = NO_FUTURES) -> FixPlan:
    """Every fixable rule (none of the catalogue's are unsafe-only here: --unsafe is given), every finding;
    future imports only as `futures` says (tests/fix/test_futures.py is about DIRAC's policy)."""
    return FixPlan(FIXABLE, frozenset(rule.symbol for rule in catalogue.load().rules), futures=futures)


def for_rule(symbol: str) -> FixPlan:
    """The plan a catalogue example is fixed with: the one future import that fixes its rule, if any."""
    return everything(Policy(names=(BY_FUTURE_IMPORT[symbol],)) if symbol in BY_FUTURE_IMPORT else NO_FUTURES)


def python27() -> str:
    """python2.7 for the tests that run fixed code or compile it: required in CI, else skipped with the reason."""
    found = corpora.py27()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("python2.7 is required in CI (set DIRACMOD_PY27)")
        pytest.skip("python2.7 not found (set DIRACMOD_PY27)")
    return found


def assert_table_is_python27s(name: str) -> None:
    """diracmod/source/<name>.json is what bench/<name>.py prints under python2.7 (a table python2.7 itself makes:
    classic_classes, python2_modules), else the message says how to regenerate it."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    generator = os.path.join(root, "bench", f"{name}.py")
    stored = os.path.join(root, "diracmod", "source", f"{name}.json")
    made = subprocess.run([python27(), "-B", generator], capture_output=True, text=True, timeout=300, check=True)
    with open(stored, encoding="utf-8") as table:
        assert json.loads(made.stdout) == json.load(table), f"regenerate it: PYTHON2.7 -B {generator} > {stored}"


def python2_output(root, script: str) -> str:
    """What python2.7 prints running `script` in `root`: its output, then the end of its errors (PYTHON* unset)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    # -B: no .pyc, which python2.7 would reuse for a module fixed within the second it was first run (its
    # stamp is the mtime in seconds): the run after fix would run the code before it
    proc = subprocess.run([python27(), "-B", script], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr.strip()[-200:]


def python3_output(root, script: str) -> tuple:
    """(exit status, output then the end of the errors) of this Python 3 running `script` in `root`, six on its
    path (bench.suites.six_dir, beside `root`): how the fixed code runs on Python 3."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(six_dir(root.parent / (root.name + "-six")))
    proc = subprocess.run([sys.executable, "-B", script], cwd=root, env=env, capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, proc.stdout + proc.stderr[-300:]


def project_dir(tmp_path, monkeypatch, files: dict):
    """tmp_path/proj, a project (its setup.cfg marks the root) holding `files` (a name may hold a package's
    directory), with tmp_path the current directory."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "setup.cfg").write_text("[metadata]\nname = proj\n")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)  # `pkg/lib.py`: a package's module
        (root / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return root


def fix_unsafe(root, *names, codes=(0,)) -> str:
    """`diracmod fix --unsafe --write NAMES` run in `root` as a user runs it (exit status one of `codes`, no
    traceback); its output."""
    proc = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--unsafe", "--write", *names],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode in codes and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def old_style_findings(root, *names) -> list:
    """(file name, line, symbol) of `diracmod check --select py3k`'s old-style-class findings and their splits
    (DM121, DM112, DM435...) in `names` (default: all of `root`), sorted."""
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--select", "py3k", "--format", "json",
                           *(names or ["."])], cwd=root, capture_output=True, text=True, timeout=300)
    found = json.loads(proc.stdout)
    rows = found if isinstance(found, list) else found.get("findings", found.get("messages", []))
    return sorted((row.get("path", row.get("file", "")).split("/")[-1], row["line"], row["symbol"])
                  for row in rows if "old-style" in row["symbol"])


def py3k_findings(capsys, path) -> list:
    """check's py3k findings (JSON rows) of `path`, run in process without the result cache."""
    main(["check", "--no-cache", "--select", "py3k", "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)


def fixed_in_place(path) -> str:
    """The file at `path` after fix under DIRAC's future imports (written back as `fix --write` does; fix must
    not refuse it): its text."""
    result = fix_bytes(str(path), path.read_bytes(), everything(Policy()))
    assert result.refused is None, result.refused
    if result.new is not None:
        path.write_bytes(result.new)
    return path.read_text()


def fixed_file_runs_alike(tmp_path, files: dict, fixed: str, script: str) -> tuple:
    """`files` written into tmp_path, the file `fixed` of them fixed in place (fixed_in_place): (its text, what
    python2.7 prints running `script`, the same before and after)."""
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    before = python2_output(tmp_path, script)
    text = fixed_in_place(tmp_path / fixed)
    assert python2_output(tmp_path, script) == before
    return text, before


def fixed_runs_as_before(tmp_path, code: str, files: dict | None = None) -> tuple:
    """(fixed text, fix result, Python 2's output) of the module `code` under DIRAC's future imports, with `files`
    beside it: python2.7 runs it before and after alike (and it runs without error), and a second fix changes
    nothing."""
    plan = everything(Policy())
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text)
    (tmp_path / "old.py").write_text(code)
    result = fix_bytes(str(tmp_path / "new.py"), code.encode(), plan)
    fixed = result.new.decode() if result.new is not None else code
    (tmp_path / "new.py").write_text(fixed)
    old, new = (subprocess.run([python27(), str(tmp_path / name)], cwd=tmp_path, capture_output=True, text=True,
                               timeout=60) for name in ("old.py", "new.py"))
    assert old.returncode == 0 and old.stdout, old.stderr
    assert (new.returncode, new.stdout) == (old.returncode, old.stdout), \
        f"Python 2 behaviour changed:\n{fixed}\n{new.stderr}"
    if result.new is not None:  # a second run: nothing more
        assert fix_bytes(str(tmp_path / "new.py"), result.new, plan).new is None
    return fixed, result, old.stdout

"""The layers import only downwards and no package's modules import each other in a cycle: pyproject.toml's
import-linter contracts, run on a copy of the package laid out as a wheel installs it (rules/ inside it as
diracmod.rules: in the work tree it sits beside the package, where import-linter would not look)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
_NO_CACHE = shutil.ignore_patterns("__pycache__")


@pytest.fixture
def installed(tmp_path):
    """A copy of the package as installed: diracmod/ with rules/ as diracmod/rules."""
    shutil.copytree(ROOT / "diracmod", tmp_path / "diracmod", ignore=_NO_CACHE)
    shutil.copytree(ROOT / "rules", tmp_path / "diracmod" / "rules", ignore=_NO_CACHE)
    return tmp_path


def _lint(tree: Path, config: Path):
    """(exit code, output) of lint-imports on `tree`, which comes first on the path (before the editable
    install of the work tree)."""
    proc = subprocess.run([str(LINT_IMPORTS), str(config), "--no-cache"], cwd=tree, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(tree)}, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def test_the_contracts_hold(installed):
    code, output = _lint(installed, ROOT / "pyproject.toml")
    assert code == 0, output
    assert "3 kept, 0 broken" in output
    assert "diracmod.rules" in (installed / "diracmod" / "check" / "engine.py").read_text()  # rules/ is linted


def test_an_upward_import_breaks_the_layers(installed):
    (installed / "diracmod" / "core" / "upward.py").write_text("from diracmod.check import engine\n")
    code, output = _lint(installed, ROOT / "pyproject.toml")
    assert code == 1
    assert "layers import only downwards (README, Development) BROKEN" in output
    assert "diracmod.core.upward -> diracmod.check.engine" in output


def test_a_cycle_inside_a_package_is_found(installed):
    gate = installed / "diracmod" / "gate"
    (gate / "loop.py").write_text("from diracmod.gate import formats\n")
    with open(gate / "formats.py", "a") as formats:
        formats.write("from diracmod.gate import loop  # noqa: E402\n")
    code, output = _lint(installed, ROOT / "pyproject.toml")
    assert code == 1
    assert "no import cycle between the modules or subpackages of any package BROKEN" in output
    assert "No cycles are allowed in diracmod.gate." in output and ".loop -> .formats" in output


def test_a_contract_the_code_breaks_fails(installed, tmp_path):
    """The harness reports a broken contract (here: check placed under core, which check imports)."""
    config = tmp_path / "inverted.toml"
    config.write_text('[tool.importlinter]\nroot_package = "diracmod"\n\n[[tool.importlinter.contracts]]\n'
                      'name = "inverted"\ntype = "layers"\nlayers = ["diracmod.core", "diracmod.check"]\n')
    code, output = _lint(installed, config)
    assert code == 1 and "inverted BROKEN" in output
    assert "diracmod.check.engine -> diracmod.core" in output


def test_testrun_sits_between_the_commands_and_report(installed):
    """`diracmod tests` reuses report's import graph: report importing it back would be a cycle of layers."""
    (installed / "diracmod" / "report" / "upward.py").write_text("from diracmod.testrun import model\n")
    code, output = _lint(installed, ROOT / "pyproject.toml")
    assert code == 1 and "diracmod.report.upward -> diracmod.testrun.model" in output

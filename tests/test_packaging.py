"""The wheel must carry every package: a missing one only shows up after `pip install .`."""
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "diracmod").rglob("__init__.py")}
    # rules/ (catalogue data and the rule families) ships as diracmod.rules
    found |= {".".join(("diracmod", *p.parent.relative_to(ROOT).parts)) for p in (ROOT / "rules").rglob("__init__.py")}
    assert found == listed

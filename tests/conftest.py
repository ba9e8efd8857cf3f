import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/corpora.py: shared by benchmarks and corpus tests

from bench import corpora  # noqa: E402


def pytest_configure(config):
    """Once, before any xdist worker starts: python2.7 runs the code fix wrote, which imports six."""
    if not hasattr(config, "workerinput"):
        corpora.ensure_py27_six()


def pytest_collection_modifyitems(config, items):
    """`network` tests ask the real package index: only with DIRACMOD_NETWORK=1 (CI runs without)."""
    if os.environ.get("DIRACMOD_NETWORK") == "1":
        return
    skip = pytest.mark.skip(reason="talks to the real package index: set DIRACMOD_NETWORK=1 to run")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _no_pytest_options_for_child_suites():
    """PYTEST_ADDOPTS (CI sets --basetemp, --durations in it) is this run's: a project suite that a test runs
    with pytest (`diracmod tests`) must not inherit it (its --basetemp would wipe this run's temporary files)."""
    saved = os.environ.pop("PYTEST_ADDOPTS", None)
    yield
    if saved is not None:
        os.environ["PYTEST_ADDOPTS"] = saved


@pytest.fixture(autouse=True, scope="session")
def _no_bytecode_for_child_pythons():
    """Tests run python2.7 on a module before and after fix: a .pyc written by the first run, whose stamp is the
    module's mtime in seconds, would be reused by the second when fix wrote within that second, and the "after"
    run would run the code before fix. No child Python writes one (a test wanting a .pyc compiles it itself)."""
    saved = os.environ.get("PYTHONDONTWRITEBYTECODE")
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    yield
    if saved is None:
        os.environ.pop("PYTHONDONTWRITEBYTECODE")

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/corpora.py: shared by benchmarks and corpus tests


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

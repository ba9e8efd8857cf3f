"""Fixtures of the `diracmod deps` tests: a package index on 127.0.0.1 serving recorded responses,
and the DIRAC-like project. Every test gets its own index cache directory."""
import socket
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # dirac_like, indexserver

import dirac_like  # noqa: E402
import indexserver  # noqa: E402

from diracmod.deps.analysis import Options  # noqa: E402


@pytest.fixture(scope="session")
def index_data():
    return indexserver.load()


@pytest.fixture(scope="session")
def fixture_index(index_data):
    with indexserver.FixtureIndex(index_data) as index:
        yield index


@pytest.fixture
def empty_site(tmp_path):
    """No installed distributions: import -> distribution mapping from the curated table only."""
    path = tmp_path / "site-packages"
    path.mkdir()
    return str(path)


@pytest.fixture
def options(tmp_path, fixture_index, empty_site):
    def make(**changes):
        values = dict(index_url=fixture_index.url, cache_dir=str(tmp_path / "index-cache"),
                      site_packages=(empty_site,), timeout=5.0)
        values.update(changes)
        return Options(**values)
    return make


@pytest.fixture
def dirac_tree(tmp_path):
    return dirac_like.write(tmp_path / "dirac")


@pytest.fixture
def dead_url():
    """An index URL where nothing listens: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/simple/"

import functools
import os

import pytest

from bench import fixrun


@pytest.fixture(scope="session")
def fixed_corpus(tmp_path_factory):
    """fixed_corpus(name) -> bench.fixrun.FixedCorpus: each corpus is copied and fixed once per test session,
    whichever test (and pytest-xdist worker) asks first; the others read the recorded result."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's base directory, shared by its workers (new for each session)
    return functools.partial(fixrun.shared_fix, workdir=base / "fixed-corpora")

"""Verdicts on the DIRAC-like project against recorded index data (served from 127.0.0.1)."""
import copy

import dirac_like
import indexserver
import pytest

from diracmod.deps.analysis import Options, analyse
from diracmod.deps.verdict import (BACKPORT, BLOCKED, DROPPED_PY2, NO_PY3, PIN_EXCLUDES_PY3, READY, REPLACEMENT,
                                   SPEC_EXCLUDES_PY3, UNKNOWN)


def find(entries, name):
    matches = [e for e in entries if e.name.lower() == name.lower()]
    assert matches, f"{name} not in {[e.name for e in entries]}"
    return matches[0]


@pytest.fixture(scope="module")
def report(tmp_path_factory, fixture_index):
    """One run for the module's read-only checks."""
    root = dirac_like.write(tmp_path_factory.mktemp("dirac"))
    options = Options(index_url=fixture_index.url, cache_dir=str(tmp_path_factory.mktemp("cache")),
                      site_packages=(str(tmp_path_factory.mktemp("site-packages")),))
    return analyse([root / "requirements.txt"], options)


def test_mysql_python_has_no_python3_release_and_mysqlclient_replaces_it(report):
    entry = find(report.dependencies, "MySQL-python")
    assert entry.supports_py2 is True and entry.supports_py3 is False
    assert entry.verdict.startswith(NO_PY3)
    assert entry.replacement == "mysqlclient" and "mysqlclient" in entry.verdict
    assert entry.blocker and entry.bridge_version is None


def test_tornado_bridge_is_5_1_1_and_newer_releases_dropped_python2(report):
    entry = find(report.dependencies, "tornado")
    assert entry.bridge_version == "5.1.1"
    assert entry.supports_py2 is True and entry.supports_py3 is True
    assert entry.verdict == f"{DROPPED_PY2} - stay below 6.0 during the migration"
    assert any("6.0" in line and "Requires-Python '>= 3.5' excludes Python 2.7" in line for line in entry.evidence)


def test_pygsi_from_git_is_unknown_never_assumed_ported(report):
    entry = find(report.dependencies, "GSI")
    assert entry.specifier == "git+https://github.com/DIRACGrid/pyGSI.git#egg=GSI"
    assert entry.verdict.startswith(UNKNOWN) and "VCS" in entry.verdict
    assert entry.supports_py2 is None and entry.supports_py3 is None and not entry.blocker


def test_futures_is_a_py2_only_backport(report):
    entry = find(report.dependencies, "futures")
    assert entry.verdict.startswith(BACKPORT) and "concurrent.futures" in entry.verdict
    assert 'python_version < "3.2"' in entry.verdict and entry.blocker


def test_ipython_5_3_0_supports_both(report):
    entry = find(report.dependencies, "ipython")
    assert entry.supports_py2 is True and entry.supports_py3 is True
    assert entry.bridge_version == "5.3.0" and entry.verdict.startswith(READY) and not entry.blocker
    assert any("ipython-5.3.0-py2-none-any.whl" in line for line in entry.evidence)


def test_the_other_dirac_dependencies(report):
    numpy, matplotlib = find(report.dependencies, "numpy"), find(report.dependencies, "matplotlib")
    assert (numpy.bridge_version, numpy.verdict) == ("1.16.6",
                                                     f"{DROPPED_PY2} - stay below 1.17.0 during the migration")
    assert matplotlib.bridge_version == "2.2.5"
    assert matplotlib.verdict == f"{DROPPED_PY2} - stay below 3.0.0 during the migration"
    m2crypto = find(report.dependencies, "M2Crypto")  # sdist only: the curated facts decide
    assert m2crypto.bridge_version == "0.32.0" and m2crypto.verdict.startswith(READY)
    assert any("curated" in line for line in m2crypto.evidence)
    for name in ("funcsigs", "typing"):
        assert find(report.dependencies, name).verdict.startswith(BACKPORT)
    suds = find(report.dependencies, "suds-jurko")
    assert suds.verdict == f"{REPLACEMENT}: suds-community" and suds.supports_py3 is True
    elastic = find(report.dependencies, "elasticsearch-dsl")
    assert elastic.bridge_version == "6.3.1" and elastic.verdict.startswith(READY)
    assert [e.name for e in report.blockers()] == ["matplotlib", "numpy", "tornado", "MySQL-python", "suds-jurko",
                                                   "futures", "funcsigs", "typing"]


def test_transitive_dependencies_of_the_chosen_release_are_walked(report):
    # ipython 5.3.0 is not its newest release: its Requires-Dist came from its wheel, read by range requests
    traitlets = find(report.transitive, "traitlets")
    assert traitlets.source == "required by ipython 5.3.0"
    # a transitive dependency may differ between the two Pythons when Requires-Python says so
    assert traitlets.verdict.startswith(f"{READY}: pip installs 4.3.3 on Python 2.7")
    # markers decide which side needs it
    assert find(report.transitive, "pathlib2").verdict.startswith(f"{READY}: Python 2.7 only")
    assert find(report.transitive, "urllib3").source == "required by elasticsearch 6.8.2"
    # nothing below ipython blocks
    assert not find(report.dependencies, "ipython").blocked_by


def test_m2crypto_pin_excludes_every_python3_release(tmp_path, options):
    (tmp_path / "requirements.txt").write_text("M2Crypto==0.27.0\nM2Crypto<0.28\n")
    pinned, ranged = analyse([tmp_path / "requirements.txt"], options()).dependencies
    assert pinned.verdict.startswith(PIN_EXCLUDES_PY3) and "Python 3 from 0.28.0" in pinned.verdict
    assert "0.40.1 runs on Python 2.7 and 3" in pinned.verdict and pinned.supports_py3 is False
    assert ranged.verdict.startswith(SPEC_EXCLUDES_PY3) and ranged.blocker


def test_markers_and_constraints(tmp_path, options):
    (tmp_path / "requirements.txt").write_text(
        'futures; python_version < "3"\n'
        "tornado>=5.0.0\n"
        "-c constraints.txt\n")
    (tmp_path / "constraints.txt").write_text("tornado<6\nnumpy==1.16.6\n")
    report = analyse([tmp_path / "requirements.txt"], options())
    futures, tornado = report.dependencies
    assert futures.verdict.startswith(f"{READY}: Python 2.7 only") and not futures.blocker
    assert tornado.specifier == ">=5.0.0,<6" and "constrained by" in tornado.source
    assert tornado.verdict == f"{READY}: 5.1.1 runs on Python 2.7 and 3"
    assert [e.name for e in report.dependencies] == ["futures", "tornado"]  # constraints add nothing


def test_yanked_releases_are_skipped(tmp_path, options):
    (tmp_path / "requirements.txt").write_text('futures>=3.0,<3.2; python_version < "3"\nfutures==3.1.1\n')
    ranged, pinned = analyse([tmp_path / "requirements.txt"], options()).dependencies
    assert ranged.chosen is not None and str(ranged.chosen) == "3.1.1.post1"  # 3.1.0 and 3.1.1 are yanked
    assert any("only yanked releases match" in line for line in pinned.evidence)


@pytest.fixture(scope="module")
def chain_index(index_data):
    """The recorded data plus two made-up projects, to see blockers deep in the tree."""
    data = copy.deepcopy(index_data)
    wheel = {"filename": "gridtools-2.0-py2.py3-none-any.whl", "size": 2000}
    data["projects"]["gridtools"] = {
        "info": {"name": "gridtools", "version": "2.0", "requires_python": None, "yanked": False, "classifiers": [],
                 "requires_dist": ["dbwrap>=1.0", 'futures; python_version < "3"', "six"]},
        "releases": {"2.0": [wheel]}}
    data["projects"]["dbwrap"] = {
        "info": {"name": "dbwrap", "version": "1.0", "requires_python": None, "yanked": False, "classifiers": [],
                 "requires_dist": ["MySQL-python>=1.2.3"]},
        "releases": {"1.0": [{"filename": "dbwrap-1.0-py2.py3-none-any.whl", "size": 2000}]}}
    with indexserver.FixtureIndex(data) as index:
        yield index


def test_blocker_chain_is_shown(tmp_path, options, chain_index):
    (tmp_path / "requirements.txt").write_text("gridtools\n")
    report = analyse([tmp_path / "requirements.txt"], options(index_url=chain_index.url))
    gridtools = report.dependencies[0]
    assert gridtools.supports_py2 is True and gridtools.supports_py3 is True
    assert gridtools.blocker and gridtools.verdict.startswith(BLOCKED)
    assert gridtools.blocked_by == [
        "gridtools 2.0 needs dbwrap>=1.0, dbwrap 1.0 needs MySQL-python>=1.2.3, "
        "MySQL-python: no Python 3 release; Python 3 replacement: mysqlclient"]
    # futures is asked for on Python 2 only: no blocker there
    assert find(report.transitive, "futures").verdict.startswith(f"{READY}: Python 2.7 only")


def test_depth_zero_walks_nothing(dirac_tree, options):
    report = analyse([dirac_tree / "requirements.txt"], options(depth=0))
    assert report.transitive == [] and find(report.dependencies, "tornado").bridge_version == "5.1.1"

"""Verdicts on the DIRAC-like project against recorded index data (served from 127.0.0.1): the three
kinds a release manager acts on (blocks / needs-change / fine) and unknown, each with real examples."""
import copy
import json

import dirac_like
import indexserver
import pytest

from diracmod.deps.analysis import Options, analyse
from diracmod.deps.verdict import (BACKPORT, BLOCKED, BLOCKS, DEPENDENCY_NEEDS_CHANGE, DROPPED_PY2, FINE,
                                   NEEDS_CHANGE, NO_PY2, NO_PY3, PIN_EXCLUDES_PY3, READY, REPLACEMENT,
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
    assert entry.kind == BLOCKS and entry.blocker and entry.bridge_version is None


def test_tornado_is_fine_as_written_pip_on_2_7_installs_the_bridge_itself(report, index_data):
    # tornado 6.0 and later declare Requires-Python >= 3.5: pip on 2.7 skips them and installs 5.1.1
    newest = index_data["projects"]["tornado"]["info"]["version"]
    entry = find(report.dependencies, "tornado")
    assert entry.bridge_version == "5.1.1" and entry.kind == FINE and not entry.blocker
    assert entry.supports_py2 is True and entry.supports_py3 is True
    assert entry.verdict == (f"{READY}: pip installs 5.1.1 on Python 2.7 (newer releases declare Requires-Python) "
                             f"and {newest} on Python 3")
    assert any(line.startswith("6.0: Requires-Python '>= 3.5' excludes Python 2.7") for line in entry.evidence)


def test_pygsi_from_git_is_unknown_never_assumed_ported(report):
    entry = find(report.dependencies, "GSI")
    assert entry.specifier == "git+https://github.com/DIRACGrid/pyGSI.git#egg=GSI"
    assert entry.verdict.startswith(UNKNOWN) and "VCS" in entry.verdict
    assert entry.supports_py2 is None and entry.supports_py3 is None and not entry.blocker


def test_futures_is_a_py2_only_backport(report):
    entry = find(report.dependencies, "futures")
    assert entry.verdict.startswith(BACKPORT) and "concurrent.futures" in entry.verdict
    assert 'python_version < "3.2"' in entry.verdict and entry.kind == NEEDS_CHANGE and not entry.blocker


def test_ipython_5_3_0_supports_both(report):
    entry = find(report.dependencies, "ipython")
    assert entry.supports_py2 is True and entry.supports_py3 is True
    assert entry.bridge_version == "5.3.0" and entry.verdict.startswith(READY) and entry.kind == FINE
    assert any("ipython-5.3.0-py2-none-any.whl" in line for line in entry.evidence)


def test_the_other_dirac_dependencies(report):
    numpy, matplotlib = find(report.dependencies, "numpy"), find(report.dependencies, "matplotlib")
    assert numpy.bridge_version == "1.16.6" and numpy.kind == FINE  # numpy 1.17: Requires-Python >= 3.5
    assert numpy.verdict.startswith(f"{READY}: pip installs 1.16.6 on Python 2.7 (newer releases declare")
    assert matplotlib.bridge_version == "2.2.5" and matplotlib.kind == FINE
    m2crypto = find(report.dependencies, "M2Crypto")  # sdist only: the curated facts decide
    assert m2crypto.bridge_version == "0.32.0" and m2crypto.verdict.startswith(READY)
    assert any("curated" in line for line in m2crypto.evidence)
    for name in ("funcsigs", "typing"):
        assert find(report.dependencies, name).verdict.startswith(BACKPORT)
    suds = find(report.dependencies, "suds-jurko")
    assert suds.verdict == f"{REPLACEMENT}: suds-community" and suds.supports_py3 is True and suds.kind == BLOCKS
    elastic = find(report.dependencies, "elasticsearch-dsl")
    assert elastic.bridge_version == "6.3.1" and elastic.verdict.startswith(READY)
    kinds = {kind: [e.name for e in report.of_kind(kind)] for kind in (BLOCKS, NEEDS_CHANGE, UNKNOWN, FINE)}
    assert kinds == {BLOCKS: ["MySQL-python", "suds-jurko"], NEEDS_CHANGE: ["futures", "funcsigs", "typing"],
                     UNKNOWN: ["GSI"], FINE: ["M2Crypto", "ipython", "matplotlib", "numpy", "tornado",
                                              "elasticsearch-dsl"]}
    assert report.blockers() == report.failing() == report.of_kind(BLOCKS)


@pytest.fixture(scope="module")
def extra_index(index_data):
    """The recorded data plus psutil and mock (tests/deps/data/index-extra.json, recorded the same way)."""
    data = copy.deepcopy(index_data)
    with open(indexserver.DATA.parent / "index-extra.json", encoding="utf-8") as handle:
        data["projects"].update(json.load(handle)["projects"])
    with indexserver.FixtureIndex(data) as index:
        yield index, data


def test_dirac_requirements_by_kind_with_more_real_projects(tmp_path, options, extra_index):
    index, data = extra_index
    (tmp_path / "requirements.txt").write_text("mock>=1.0.1\nrequests>=2.9.1\npsutil>=4.2.0\n"
                                               'psutil>=4.2.0,<6; python_version < "3"\nMySQL-python>=1.2.5\n'
                                               'tomli\ntomli; python_version >= "3"\n')
    mock, requests, psutil, pinned, mysql, tomli, tomli3 = analyse([tmp_path / "requirements.txt"],
                                                                   options(index_url=index.url, depth=0)).dependencies
    # mock 4.0 and requests 2.28 declare Requires-Python without 2.7: pip on 2.7 picks the bridge itself
    assert (mock.kind, mock.bridge_version) == (FINE, "3.0.5")
    assert mock.verdict.startswith(f"{READY}: pip installs 3.0.5 on Python 2.7 (newer releases declare")
    assert (requests.kind, requests.bridge_version) == (FINE, "2.27.1")
    # psutil 6.0 dropped Python 2 but its Requires-Python still allows 2.7 (recorded): pip on 2.7 would take
    # the newest 6.x, whose build fails there - a pin below 6.0 on Python 2.7 is the fix
    six_x = [v for v, files in data["projects"]["psutil"]["releases"].items() if v.startswith("6.")]
    assert all(">=2.7" in f["requires_python"] for v in six_x for f in data["projects"]["psutil"]["releases"][v])
    assert psutil.kind == NEEDS_CHANGE and psutil.bridge_version == "5.9.8"
    assert psutil.verdict == (f"{DROPPED_PY2} without saying so in Requires-Python - pip would install "
                              f"{max(six_x, key=lambda v: tuple(map(int, v.split('.'))))} on Python 2.7: pin it "
                              'below 6.0.0 there (add `psutil<6.0.0; python_version < "3"`)')
    assert pinned.kind == FINE and pinned.verdict.startswith(f"{READY}: Python 2.7 only")  # the fix, applied
    assert mysql.kind == BLOCKS
    # tomli never ran on Python 2.7 (every release's Requires-Python says so): Python 3 only, a marker says it
    assert tomli.kind == NEEDS_CHANGE and tomli.verdict.startswith(NO_PY2) and 'python_version >= "3"' in tomli.verdict
    assert tomli3.kind == FINE


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
    assert ranged.verdict.startswith(SPEC_EXCLUDES_PY3)
    assert pinned.kind == ranged.kind == NEEDS_CHANGE  # a release on the index runs on both: change the pin


def test_markers_and_constraints(tmp_path, options):
    (tmp_path / "requirements.txt").write_text(
        'futures; python_version < "3"\n'
        "tornado>=5.0.0\n"
        "-c constraints.txt\n")
    (tmp_path / "constraints.txt").write_text("tornado<6\nnumpy==1.16.6\n")
    report = analyse([tmp_path / "requirements.txt"], options())
    futures, tornado = report.dependencies
    assert futures.verdict.startswith(f"{READY}: Python 2.7 only") and futures.kind == FINE
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
    data["projects"]["gridutils"] = {
        "info": {"name": "gridutils", "version": "1.0", "requires_python": None, "yanked": False, "classifiers": [],
                 "requires_dist": ["futures", "M2Crypto==0.27.0", "six"]},
        "releases": {"1.0": [{"filename": "gridutils-1.0-py2.py3-none-any.whl", "size": 2000}]}}
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
    assert gridtools.kind == BLOCKS and gridtools.verdict.startswith(BLOCKED)
    assert gridtools.blocked_by == [
        "gridtools 2.0 needs dbwrap>=1.0, dbwrap 1.0 needs MySQL-python>=1.2.3, "
        "MySQL-python: no Python 3 release; Python 3 replacement: mysqlclient"]
    # futures is asked for on Python 2 only: no blocker there
    assert find(report.transitive, "futures").verdict.startswith(f"{READY}: Python 2.7 only")


def test_a_dependency_that_needs_a_change_is_shown_on_its_parent(tmp_path, options, chain_index):
    (tmp_path / "requirements.txt").write_text("gridutils\n")
    report = analyse([tmp_path / "requirements.txt"], options(index_url=chain_index.url))
    gridutils = report.dependencies[0]
    # gridutils 1.0 pins M2Crypto to a Python 2 only release: another gridutils (or a replacement) is needed
    assert gridutils.kind == NEEDS_CHANGE and gridutils.verdict.startswith(
        f"{DEPENDENCY_NEEDS_CHANGE}: gridutils 1.0 needs M2Crypto==0.27.0, M2Crypto: {PIN_EXCLUDES_PY3}")
    # it also asks for the futures backport on every Python: not the project's line to change, so the index
    # alone judges it (no release pip would take on Python 3 says whether it runs there)
    assert len(gridutils.blocked_by) == 1 and find(report.transitive, "futures").kind == UNKNOWN


def test_depth_zero_walks_nothing(dirac_tree, options):
    report = analyse([dirac_tree / "requirements.txt"], options(depth=0))
    assert report.transitive == [] and find(report.dependencies, "tornado").bridge_version == "5.1.1"

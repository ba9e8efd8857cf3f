"""The index client against the loopback index: JSON API, Simple API (PEP 691 JSON and PEP 503 HTML)
when the JSON API is missing, PEP 658 metadata files, wheel METADATA through range requests."""
import indexserver
import pytest

from diracmod.deps import wheelmeta
from diracmod.deps.analysis import analyse
from diracmod.deps.index import IndexClient, index_urls, version_of


@pytest.mark.parametrize("url, expected", [
    ("https://pypi.org/simple/", ("https://pypi.org/pypi", "https://pypi.org/simple/")),
    ("https://pypi.org/simple", ("https://pypi.org/pypi", "https://pypi.org/simple/")),
    ("https://mirror.example/pypi", ("https://mirror.example/pypi", "https://mirror.example/simple/")),
    ("https://devpi.example/root/pypi/+simple/", ("https://devpi.example/root/pypi/+simple/pypi",
                                                  "https://devpi.example/root/pypi/+simple/simple/")),
])
def test_index_urls(url, expected):
    assert index_urls(url) == expected


def test_versions_from_file_names():
    assert version_of("tornado-5.1.1.tar.gz", "tornado") == "5.1.1"
    assert version_of("MySQL-python-1.2.5.win32-py2.7.exe", "mysql-python") == "1.2.5"
    assert version_of("MySQL-python-1.2.5.win-amd64-py2.7.exe", "mysql-python") == "1.2.5"
    assert version_of("numpy-1.16.6-cp27-cp27mu-manylinux1_x86_64.whl", "numpy") == "1.16.6"
    assert version_of("setuptools-0.6c11-py2.7.egg", "setuptools") == "0.6c11"


def _tornado(tmp_path, options, url):
    (tmp_path / "requirements.txt").write_text("tornado>=5.0.0\nipython==5.3.0\n")
    return analyse([tmp_path / "requirements.txt"], options(index_url=url, depth=1))


@pytest.mark.parametrize("simple_format", ["json", "html"])
def test_simple_api_when_there_is_no_json_api(tmp_path, options, index_data, simple_format):
    with indexserver.FixtureIndex(index_data, json_api=False, simple_format=simple_format) as index:
        report = _tornado(tmp_path, options, index.url)
        paths = [path for _, path, _ in index.requests]
    tornado, ipython = report.dependencies
    assert tornado.bridge_version == "5.1.1" and "stay below 6.0" in tornado.verdict
    assert ipython.bridge_version == "5.3.0" and ipython.verdict.startswith("ready")
    assert "/simple/tornado/" in paths
    # once the JSON API answered 404 for a project the Simple API has, it is not asked again (the two
    # direct dependencies are looked up at the same time; the transitive ones later)
    assert sum(path.startswith("/pypi/") for path in paths) <= 2
    # the dependencies of ipython 5.3.0 come from its wheel's METADATA
    assert {"traitlets", "pexpect"} <= {e.name for e in report.transitive}


def test_metadata_by_range_requests(tmp_path, options, index_data):
    with indexserver.FixtureIndex(index_data) as index:
        report = _tornado(tmp_path, options, index.url)
        ranged = [(path, rng) for _, path, rng in index.requests if path.startswith("/files/ipython-5.3.0-py2")]
    assert ranged and all(rng and rng.startswith("bytes=") for _, rng in ranged)
    assert len(ranged) == 2  # the zip's tail (central directory), then METADATA
    assert not any(path.count("/") > 3 and path.startswith("/pypi/") for _, path in ranged)
    assert "traitlets" in {e.name for e in report.transitive}


def test_pep658_metadata_files_are_preferred(tmp_path, options, index_data):
    with indexserver.FixtureIndex(index_data, pep658=True) as index:
        report = _tornado(tmp_path, options, index.url)
        paths = [(path, rng) for _, path, rng in index.requests if path.startswith("/files/ipython-5.3.0-py2")]
    assert paths == [("/files/ipython-5.3.0-py2-none-any.whl.metadata", None)]
    assert "traitlets" in {e.name for e in report.transitive}


def test_the_per_release_endpoint_only_for_sdist_only_releases(tmp_path, options, fixture_index, dirac_tree):
    before = len(fixture_index.requests)
    analyse([dirac_tree / "requirements.txt"], options())
    asked = [p for _, p, _ in fixture_index.requests[before:] if p.startswith("/pypi/") and p.count("/") > 3]
    assert len(asked) == len(set(asked))
    for path in asked:
        name, version = path.split("/")[2:4]
        files = fixture_index.projects[name]["releases"][version]
        assert not any(f["filename"].endswith(".whl") for f in files), path


def test_not_on_the_index(tmp_path, options):
    (tmp_path / "requirements.txt").write_text("surely-not-a-project-diracmod-knows\n")
    entry = analyse([tmp_path / "requirements.txt"], options()).dependencies[0]
    assert entry.verdict.startswith("unknown: not on the index") and not entry.blocker


def test_wheel_metadata_without_range_support():
    data = indexserver.build_wheel("demo-1.0-py2.py3-none-any.whl",
                                   {"requires_dist": ["six"], "requires_python": ">=2.7", "classifiers": []},
                                   size=200_000)
    calls = []

    def whole_file(start, end):  # a server that ignores Range
        calls.append((start, end))
        return data

    assert wheelmeta.wheel_metadata(whole_file, len(data))["requires_dist"] == ["six"]
    assert len(calls) == 1
    with pytest.raises(wheelmeta.MetadataError, match="not a readable wheel"):
        wheelmeta.wheel_metadata(lambda s, e: b"not a zip", 9)


def test_lookups_run_concurrently(tmp_path, fixture_index):
    client = IndexClient(fixture_index.url, str(tmp_path / "cache"), jobs=8)
    found = client.lookup_many(["tornado", "six", "numpy", "Tornado", "no-such-project-here"])
    assert set(found) == {"tornado", "six", "numpy", "no-such-project-here"}
    assert found["tornado"].status == "ok" and found["no-such-project-here"].status == "missing"

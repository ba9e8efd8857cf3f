"""The index client against the loopback index: JSON API, Simple API (PEP 691 JSON and PEP 503 HTML)
when the JSON API is missing, PEP 658 metadata files, wheel METADATA through range requests."""
import json
import types
import urllib.parse

import indexserver
import pytest

from diracmod.cli import main
from diracmod.deps import credentials, wheelmeta
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
    assert tornado.bridge_version == "5.1.1" and "pip installs 5.1.1 on Python 2.7" in tornado.verdict
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


# ------------------------------------------------------------ credentials

TOKEN = "tok3n/with@odd:chars"  # percent-encoded in a URL, as pip expects
QUOTED = urllib.parse.quote(TOKEN, safe="")


def _with_login(url: str, login: str) -> str:
    return url.replace("http://", f"http://{login}@")


def _run_cli(tmp_path, capsys, url, *extra):
    (tmp_path / "requirements.txt").write_text("six\nipython==5.3.0\n")
    report = tmp_path / "reports" / "deps.json"
    report.parent.mkdir(exist_ok=True)
    code = main(["deps", "--no-imports", "--index-url", url, "--cache-dir", str(tmp_path / "cache"), "--depth", "1",
                 "--format", "json", "-o", str(report), *extra, str(tmp_path / "requirements.txt")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err, json.loads(report.read_text()) if report.exists() else None


def _assert_nowhere(tmp_path, err, *secrets):
    for secret in secrets:
        assert secret not in err
        for path in tmp_path.rglob("*"):
            assert secret not in str(path)
            assert not path.is_file() or secret.encode() not in path.read_bytes(), path


@pytest.fixture
def private_index(index_data, no_netrc):
    """An index that wants user/TOKEN, its files on another host (127.0.0.2) that wants nothing."""
    with indexserver.FixtureIndex(index_data, host="127.0.0.2") as files:
        with indexserver.FixtureIndex(index_data, login=("user", TOKEN),
                                      files_url=files.url.replace("/simple/", "/files/")) as index:
            yield index, files


@pytest.fixture
def no_netrc(tmp_path, monkeypatch):
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def _answered(report):
    six, ipython = report["dependencies"]
    assert six["verdict"].startswith("ready") and ipython["verdict"].startswith("ready")
    assert "traitlets" in {e["name"] for e in report["transitive"]}  # ipython's METADATA, from the file host


def test_credentials_in_the_index_url(tmp_path, capsys, private_index):
    index, files = private_index
    code, err, report = _run_cli(tmp_path, capsys, _with_login(index.url, f"user:{QUOTED}"))
    assert code == 0
    assert all("HTTP 404" in w for w in report["warnings"])  # the recording lacks one wheel; no 401
    _answered(report)
    assert report["index"]["url"] == _with_login(index.url, "user:****")  # as pip shows it
    assert set(index.authorizations) == {index.login}
    assert files.requests and set(files.authorizations) == {None}  # never sent to another host
    _assert_nowhere(tmp_path, err, TOKEN, QUOTED)


def test_wrong_credentials_are_a_warning_without_the_secret(tmp_path, capsys, private_index):
    index, _ = private_index
    code, err, report = _run_cli(tmp_path, capsys, _with_login(index.url, "user:not-the-token"))
    assert code == 0 and "HTTP 401" in err
    assert all(e["verdict"].startswith("unknown: ") for e in report["dependencies"])
    _assert_nowhere(tmp_path, err, "not-the-token")


def test_credentials_from_netrc(tmp_path, capsys, private_index, monkeypatch):
    index, _ = private_index
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1\n  login user\n  password {TOKEN}\n")
    monkeypatch.setenv("NETRC", str(netrc))
    (tmp_path / "run").mkdir()
    code, err, report = _run_cli(tmp_path / "run", capsys, index.url)
    assert code == 0
    _answered(report)
    assert set(index.authorizations) == {index.login}
    _assert_nowhere(tmp_path / "run", err, TOKEN)


def test_credentials_from_keyring_after_a_401(tmp_path, capsys, private_index, monkeypatch):
    """As pip: keyring (when importable) is asked only once the index says 401, with the index URL."""
    index, _ = private_index
    asked = []

    class Keyring:
        @staticmethod
        def get_credential(url, username):
            asked.append((url, username))
            return types.SimpleNamespace(username="user", password=TOKEN)

    monkeypatch.setattr(credentials, "keyring", Keyring)
    code, err, report = _run_cli(tmp_path, capsys, index.url)
    assert code == 0
    _answered(report)
    assert asked == [(index.url, None)]
    assert index.authorizations[0] is None and index.authorizations[-1] == index.login
    _assert_nowhere(tmp_path, err, TOKEN)


def test_a_bad_index_url_is_shown_redacted(capsys):
    code = main(["deps", "--index-url", f"ftp://user:{QUOTED}@example.org/simple/", "."])
    out, err = capsys.readouterr()
    assert code == 2 and "ftp://user:****@example.org/simple/" in err and QUOTED not in out + err


@pytest.mark.parametrize("text, shown", [
    ("https://user:tok@host/simple/", "https://user:****@host/simple/"),
    ("https://tok@host/simple/", "https://****@host/simple/"),  # a lone user name is a token
    ("see https://a:b@h/x and http://c:d@e/", "see https://a:****@h/x and http://c:****@e/"),
    ("https://host/simple/", "https://host/simple/"),
])
def test_redact_as_pip_does(text, shown):
    assert credentials.redact(text) == shown


# ------------------------------------------------------------ evidence the project page lacks

# Real metadata (read from the files on the package index) of two releases whose project page does not
# say enough: autopep8 1.3.3 is an sdist only (its PKG-INFO has the classifiers, Metadata-Version 1.1,
# no Requires-Dist), CMRESHandler 1.0.0 has a py2 and a py3 wheel whose Requires-Dist differ by `enum`.
AUTOPEP8_133 = {"name": "autopep8", "version": "1.3.3", "requires_python": None, "requires_dist": None,
                "classifiers": ["Programming Language :: Python", "Programming Language :: Python :: 2",
                                "Programming Language :: Python :: 2.6", "Programming Language :: Python :: 2.7",
                                "Programming Language :: Python :: 3", "Programming Language :: Python :: 3.2",
                                "Programming Language :: Python :: 3.3", "Programming Language :: Python :: 3.4",
                                "Programming Language :: Python :: 3.5",
                                "Topic :: Software Development :: Quality Assurance"]}
CMRES_PY3 = ["elasticsearch", "requests", "check-manifest; extra == 'dev'", "pylint; extra == 'dev'",
             "six; extra == 'dev'", "coverage; extra == 'test'"]
CMRES_PY2 = CMRES_PY3[:1] + ["enum"] + CMRES_PY3[1:]
CMRES_CLASSIFIERS = ["Programming Language :: Python :: 2.7", "Programming Language :: Python :: 3.6"]


def _gap_data(index_data):
    projects = dict(index_data["projects"])
    projects["autopep8"] = {
        "info": {"name": "autopep8", "version": "2.0.4", "requires_python": ">=3.6", "requires_dist": [],
                 "classifiers": ["Programming Language :: Python :: 3"]},
        "releases": {"1.3.3": [{"filename": "autopep8-1.3.3.tar.gz"}],
                     "2.0.4": [{"filename": "autopep8-2.0.4-py2.py3-none-any.whl", "requires_python": ">=3.6",
                                "size": 45000}]}}
    projects["CMRESHandler"] = {  # the project page's requires_dist is the py2 wheel's, as uploaded first
        "info": {"name": "CMRESHandler", "version": "1.0.0", "requires_python": None, "requires_dist": CMRES_PY2,
                 "classifiers": CMRES_CLASSIFIERS},
        "releases": {"1.0.0": [{"filename": "CMRESHandler-1.0.0-py2-none-any.whl", "size": 15327},
                               {"filename": "CMRESHandler-1.0.0-py3-none-any.whl", "size": 15319}]}}
    # `enum` (made up here): a py2-only wheel, so on Python 3 it would block
    projects["enum"] = {"info": {"name": "enum", "version": "0.4.7", "requires_dist": None, "classifiers": []},
                        "releases": {"0.4.7": [{"filename": "enum-0.4.7-py2-none-any.whl", "size": 5000}]}}
    metadata = dict(index_data["metadata"])
    metadata["CMRESHandler-1.0.0-py2-none-any.whl"] = {"requires_dist": CMRES_PY2, "classifiers": CMRES_CLASSIFIERS}
    metadata["CMRESHandler-1.0.0-py3-none-any.whl"] = {"requires_dist": CMRES_PY3, "classifiers": CMRES_CLASSIFIERS}
    metadata["autopep8-1.3.3.tar.gz"] = AUTOPEP8_133  # its PKG-INFO, for an index without the JSON API
    return {"projects": projects, "metadata": metadata, "release_info": {"autopep8": {"1.3.3": AUTOPEP8_133}}}


@pytest.mark.parametrize("json_api", [True, False])
def test_sdist_only_release_evidence(tmp_path, options, index_data, json_api):
    """From the JSON API's per-release page, else (a Simple-API-only index) from the sdist's PKG-INFO."""
    (tmp_path / "requirements.txt").write_text("autopep8==1.3.3\n")
    with indexserver.FixtureIndex(_gap_data(index_data), json_api=json_api) as index:
        (entry,) = analyse([tmp_path / "requirements.txt"], options(index_url=index.url)).dependencies
        asked = [p for _, p, _ in index.requests if "/autopep8" in p]
    assert entry.verdict == "ready: 1.3.3 runs on Python 2.7 and 3"
    assert "classifiers list Python 2.7" in entry.evidence[0] and "classifiers list Python 3" in entry.evidence[0]
    assert asked[-1] == ("/pypi/autopep8/1.3.3/json" if json_api else "/files/autopep8-1.3.3.tar.gz")
    assert any("dependencies of 1.3.3: unknown" in line for line in entry.evidence)  # PKG-INFO 1.1 cannot say


def test_requirements_of_a_python2_build_apply_to_python2_only(tmp_path, options, index_data):
    (tmp_path / "requirements.txt").write_text("CMRESHandler==1.0.0\n")
    with indexserver.FixtureIndex(_gap_data(index_data)) as index:
        report = analyse([tmp_path / "requirements.txt"], options(index_url=index.url, depth=1))
    (entry,) = report.dependencies
    transitive = {e.name: e for e in report.transitive}
    assert not entry.blocker and entry.verdict.startswith("ready"), entry.verdict
    assert transitive["enum"].needs == (True, False) and not transitive["enum"].blocker
    assert transitive["enum"].source == "required by CMRESHandler 1.0.0"
    assert transitive["requests"].needs == (True, True)


def test_a_release_file_over_the_cap_is_its_own_trouble(tmp_path, options, index_data, monkeypatch):
    """Wheels over the cap (a server without range support sends them whole) cost their metadata, with a
    warning; they do not make the index look unreachable."""
    monkeypatch.setattr(wheelmeta, "MAX_WHOLE", 1000)
    with indexserver.FixtureIndex(index_data) as index:
        report = _tornado(tmp_path, options, index.url)
    tornado, ipython = report.dependencies
    assert ipython.verdict.startswith("ready") and "pip installs 5.1.1 on Python 2.7" in tornado.verdict
    assert any("metadata of ipython-5.3.0-py2-none-any.whl not read: the answer (65536 bytes) is over the "
               "1000-byte limit" in w for w in report.warnings), report.warnings
    assert not any("unreachable" in w or "could not be looked up" in w for w in report.warnings)


@pytest.mark.parametrize("url", [f"user:{QUOTED}@127.0.0.1:1", f"http://user:{QUOTED}@[::1:1/simple/",
                                 f"{QUOTED}@host/simple/"])
def test_an_index_url_too_broken_to_parse_never_shows_its_secret(capsys, url):
    code = main(["deps", "--offline", "--index-url", url, "."])
    out, err = capsys.readouterr()
    assert code == 2 and "expected an http(s) URL" in err and QUOTED not in out + err

"""`diracmod deps` against a hostile package index on 127.0.0.1 (indexserver.HostileIndex): slow (one
byte per second), endless, gzip bomb, zip-bomb wheel, valid JSON of the wrong shape, redirects off the
host, HTTP 500/503, connection reset, a listener that never accepts. Each run is a real subprocess
under a hard timeout: it must end within its deadline, with "unknown" verdicts and a warning, exit 0,
no traceback, and the index token in no output and no written file."""
import io
import json
import os
import tarfile
import subprocess
import sys
import time

import indexserver
import pytest
from packaging.requirements import Requirement

from diracmod.deps import wheelmeta
from diracmod.deps.index import simple_html_files

TOKEN = "s3cr3t-T0KEN-4-diracmod"
TIMEOUT = 2.0  # --timeout
# Index requests run concurrently and three failures in a row mark the index unreachable, so one round
# of deadlines decides every lookup; a second round is the worst case (metadata after the lookups). On
# top: the same run without the network (start-up, reading, verdicts), measured under the same load.
NETWORK_BOUND = 2 * TIMEOUT + 3.0
HARD_LIMIT = 90  # seconds: the subprocess is killed past this, whatever happens
REQUIREMENTS = "six>=1.10\nsimplejson>=3.8\ndemo==1.0\n"
WRONG_JSON = "".join(f"{name}\n" for name in indexserver.WRONG_JSON)  # one wrong shape per project


def requirements_for(mode: str) -> str:
    return WRONG_JSON if mode == "wrong-json" else REQUIREMENTS


def run_deps(tmp_path, url, requirements=REQUIREMENTS, *extra):
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / "reports").mkdir(exist_ok=True)
    report = tmp_path / "reports" / "deps.json"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "diracmod", "deps", "--no-imports", "--index-url", url, "--timeout", str(TIMEOUT),
         "--cache-dir", str(tmp_path / "cache"), "--format", "json", "-o", str(report), *extra,
         str(tmp_path / "requirements.txt")],
        capture_output=True, text=True, timeout=HARD_LIMIT, cwd=tmp_path,
        env={**os.environ, "NETRC": str(tmp_path / "no-netrc")})
    elapsed = time.monotonic() - started
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    document = json.loads(report.read_text()) if report.exists() else None
    return done, elapsed, document


@pytest.fixture
def deadline(tmp_path):
    """NETWORK_BOUND plus what an --offline run of the same command takes on this machine right now."""
    offline = tmp_path / "offline"
    offline.mkdir()
    _, elapsed, _ = run_deps(offline, "http://127.0.0.1:9/simple/", REQUIREMENTS, "--offline")
    return elapsed + NETWORK_BOUND


def assert_no_secret(tmp_path, done, secret=TOKEN):
    assert secret not in done.stdout + done.stderr
    for root, dirs, files in os.walk(tmp_path):
        for name in dirs + files:
            assert secret not in name
        for name in files:
            assert secret.encode() not in (tmp_path / root / name).read_bytes(), name


@pytest.mark.parametrize("mode", [m for m in indexserver.HOSTILE_MODES if not m.startswith("zip-bomb")])
def test_hostile_index_gives_unknown_within_the_deadline(tmp_path, mode, deadline):
    with indexserver.HostileIndex(mode) as index:
        done, elapsed, document = run_deps(tmp_path, index.url(f"user:{TOKEN}"), requirements_for(mode))
        elsewhere = list(index.elsewhere)
    print(f"{mode}: {elapsed:.2f} s (bound {deadline:.2f} s)")
    assert elapsed < deadline, f"{mode}: {elapsed:.1f} s"
    assert done.returncode == 0, done.stderr
    assert "diracmod deps: warning:" in done.stderr
    verdicts = {d["name"]: d["verdict"] for d in document["dependencies"]}
    assert set(verdicts) == {Requirement(line).name for line in requirements_for(mode).split("\n") if line}
    assert all(v.startswith("unknown: ") for v in verdicts.values()), verdicts
    assert document["summary"]["blockers"] == [] and sorted(document["summary"]["unknown"]) == sorted(verdicts)
    assert not elsewhere  # the redirect target never saw a request, let alone the credentials
    assert_no_secret(tmp_path, done)


EXPECTED_WARNING = {
    "slow-headers": "timed out: no complete answer within 2 s",
    "slow-body": "timed out: no complete answer within 2 s",
    "hanging-accept": "timed out: no complete answer within 2 s",
    "endless": "over the 67108864-byte limit",
    "gzip-bomb": "gzip answer inflates past the 67108864-byte limit",
    "redirect-off-host": "refused a redirect from 127.0.0.1 to another host",
    "redirect-file": "refused a redirect (302) to file:///etc/passwd",
    "http-500": "HTTP 500",
    "http-503": "HTTP 503",
    "reset": "ConnectionResetError",
    "wrong-json": "not JSON API data",
}


@pytest.mark.parametrize("mode", sorted(EXPECTED_WARNING))
def test_the_warning_says_what_happened(tmp_path, mode):
    # the caps' messages: time enough to reach the cap on a busy machine (else the deadline speaks)
    more_time = ["--timeout", "60"] if mode in ("endless", "gzip-bomb") else []
    with indexserver.HostileIndex(mode) as index:
        done, _, document = run_deps(tmp_path, index.url(), "info-string\n" if mode == "wrong-json" else "six\n",
                                     *more_time)
    assert EXPECTED_WARNING[mode] in done.stderr
    assert EXPECTED_WARNING[mode] in document["dependencies"][0]["verdict"]


@pytest.mark.parametrize("mode", ["zip-bomb", "zip-bomb-lying"])
def test_zip_bomb_wheel_metadata_is_refused_without_inflating_it(tmp_path, mode, deadline):
    """demo 1.0's wheel tags say Python 2.7 and 3; its dependencies, in a METADATA that inflates to
    64 MB (declared as such, or declared as 1,000 bytes), stay unknown."""
    indexserver.zip_bomb_wheel(mode == "zip-bomb-lying")  # built before the clock starts
    with indexserver.HostileIndex(mode) as index:
        done, elapsed, document = run_deps(tmp_path, index.url(f"user:{TOKEN}"), "demo==1.0\n", "--depth", "1")
    print(f"{mode}: {elapsed:.2f} s (bound {deadline:.2f} s)")
    assert elapsed < deadline and done.returncode == 0
    assert "metadata of demo-1.0-py2.py3-none-any.whl not read" in done.stderr
    assert ("over the 4194304-byte limit" if mode == "zip-bomb" else "Bad CRC-32") in done.stderr
    demo = document["dependencies"][0]
    assert any("dependencies of 1.0: unknown" in line for line in demo["evidence"])
    assert document["transitive"] == []  # its Requires-Dist: six was never read
    assert_no_secret(tmp_path, done)


def test_wrong_shapes_in_the_index_cache_are_misses(tmp_path, index_data):
    """A cache file of valid JSON but another shape reads as no cache entry: offline, that is unknown."""
    with indexserver.FixtureIndex(index_data) as index:
        done, _, first = run_deps(tmp_path, index.url, "six>=1.10\n")
    assert first["dependencies"][0]["verdict"].startswith("ready")
    (entry,) = (tmp_path / "cache").glob("*/projects/six.json")
    for wrong in ([], {"fetched": "yesterday", "project": None}, {"fetched": 1, "project": {"releases": []}},
                  {"fetched": 1, "project": {"name": "six", "releases": {"1.0": [{"filename": 3}]}}},
                  {"fetched": 1, "project": {"name": "six", "releases": {"1.0": "six-1.0.tar.gz"}}},
                  {"fetched": 1, "project": {"name": "six", "classifiers": "Python 3", "releases": {}}}):
        entry.write_text(json.dumps(wrong))
        done, _, document = run_deps(tmp_path, "http://127.0.0.1:9/simple/", "six>=1.10\n", "--offline")
        assert done.returncode == 0
        assert document["dependencies"][0]["verdict"] == "unknown: offline, and the index cache has no data for it"


@pytest.mark.parametrize("page", ["<" * 8_000_000, "<a <a " * 1_500_000, "<a " + "x=1 " * 2_000_000])
def test_crafted_simple_html_parses_in_linear_time(page):
    """html.parser needs 12 s for a megabyte of "<" (it rescans its buffer); the anchors' patterns do not."""
    started = time.monotonic()
    assert simple_html_files(page) == []
    assert time.monotonic() - started < 5


def test_simple_html_anchors():
    page = ('<a href="../../files/six-1.0.tar.gz#sha256=ab" data-requires-python="&gt;=2.7, !=3.0.*" data-yanked>'
            "six-1.0.tar.gz</a>\n<A HREF=x-1.0-py3-none-any.whl data-core-metadata='sha256=1'>x</A><a name=top>")
    assert simple_html_files(page) == [
        {"filename": "six-1.0.tar.gz", "url": "../../files/six-1.0.tar.gz#sha256=ab",
         "requires-python": ">=2.7, !=3.0.*", "yanked": True, "core-metadata": None},
        {"filename": "x-1.0-py3-none-any.whl", "url": "x-1.0-py3-none-any.whl", "requires-python": None,
         "yanked": False, "core-metadata": "sha256=1"}]


def _tarball(*members) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, size in members:
            info = tarfile.TarInfo(name)
            info.size = size
            archive.addfile(info, io.BytesIO(b"\0" * size))
    return buffer.getvalue()


@pytest.mark.parametrize("members, why", [
    ((("demo-1.0/big.bin", 100 * 1024 * 1024), ("demo-1.0/PKG-INFO", 10)), "inflates past 67108864 bytes"),
    ((("demo-1.0/PKG-INFO", 5 * 1024 * 1024),), "over the limit"),
])
def test_sdist_bomb_pkg_info_is_refused(members, why):
    """A Simple-API-only index's sdists are inflated up to their PKG-INFO: never past the cap."""
    data = _tarball(*members)
    started = time.monotonic()
    with pytest.raises(wheelmeta.MetadataError, match=why):
        wheelmeta.sdist_metadata(data, "demo-1.0.tar.gz")
    assert time.monotonic() - started < 10

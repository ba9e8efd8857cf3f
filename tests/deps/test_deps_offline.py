"""No network, a dead index, a hanging one, the cache and its TTL: clear "unknown" verdicts, a warning,
the documented exit code, never a traceback."""
import json
import socket
import threading
import time

import indexserver
import pytest

from diracmod.cli import main
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS
from diracmod.deps.analysis import analyse

# Nothing curated about these two: without the index nothing can be said about them.
PLAIN = "six>=1.10\nsimplejson>=3.8.1\n"


def _cli(capsys, *args):
    code = main(["deps", "--no-imports", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _requirements(tmp_path, text=PLAIN):
    path = tmp_path / "requirements.txt"
    path.write_text(text)
    return str(path)


def test_offline_with_an_empty_cache(tmp_path, capsys):
    code, out, err = _cli(capsys, "--offline", "--cache-dir", str(tmp_path / "empty"), "--format", "json",
                          _requirements(tmp_path))
    document = json.loads(out)
    verdicts = {d["name"]: d for d in document["dependencies"]}
    for name in ("six", "simplejson"):
        assert verdicts[name]["verdict"] == "unknown: offline, and the index cache has no data for it"
        assert verdicts[name]["supports_py2"] is None and verdicts[name]["supports_py3"] is None
    assert "--offline: no cached index data for 2 project(s)" in err
    assert document["summary"]["unknown"] == ["six", "simplejson"]
    assert code == EXIT_CLEAN  # unknown is never "ported", but only --strict fails on it


def test_offline_unknowns_fail_with_strict(tmp_path, capsys):
    code, _, err = _cli(capsys, "--offline", "--strict", "--cache-dir", str(tmp_path / "empty"),
                        _requirements(tmp_path))
    assert code == EXIT_FINDINGS and "warning" in err


def test_offline_still_knows_the_curated_facts(tmp_path, capsys):
    text = PLAIN + "MySQL-python>=1.2.5\nfutures\ntornado>=5.0.0\n"
    code, out, _ = _cli(capsys, "--offline", "--cache-dir", str(tmp_path / "empty"), "--format", "json",
                        _requirements(tmp_path, text))
    verdicts = {d["name"]: d["verdict"] for d in json.loads(out)["dependencies"]}
    assert verdicts["MySQL-python"] == "no Python 3 release; Python 3 replacement: mysqlclient"
    assert verdicts["futures"].startswith("py2-only backport, not needed on Python 3")
    assert verdicts["tornado"] == "newer releases dropped Python 2 - stay below 6.0 during the migration"
    assert code == EXIT_FINDINGS


def test_dead_index_url(tmp_path, capsys, dead_url):
    started = time.monotonic()
    code, out, err = _cli(capsys, "--index-url", dead_url, "--cache-dir", str(tmp_path / "cache"), "--format", "json",
                          _requirements(tmp_path, PLAIN + "pytz\ncolorama\ndecorator<5\n"))
    assert time.monotonic() - started < 10
    for entry in json.loads(out)["dependencies"]:
        assert entry["verdict"].startswith("unknown: ") and "ConnectionRefusedError" in entry["verdict"]
        assert entry["supports_py2"] is None and entry["bridge_version"] is None
    assert "project(s) could not be looked up, their verdicts are unknown" in err
    assert code == EXIT_CLEAN


def test_hanging_index_times_out(tmp_path, capsys):
    """A server that accepts connections and never answers: --timeout, then unknown."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/simple/"
        started = time.monotonic()
        code, out, err = _cli(capsys, "--index-url", url, "--timeout", "0.5", "--cache-dir", str(tmp_path / "c"),
                              "--format", "json", _requirements(tmp_path))
        assert time.monotonic() - started < 10
    assert all(d["verdict"].startswith("unknown: ") for d in json.loads(out)["dependencies"])
    assert "timed out" in err and code == EXIT_CLEAN


def test_server_errors_are_warnings(tmp_path, capsys):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Broken(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_error(503, "down for maintenance")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/simple/"
        code, out, err = _cli(capsys, "--index-url", url, "--cache-dir", str(tmp_path / "c"), "--format", "json",
                              _requirements(tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    assert all("HTTP 503" in d["verdict"] for d in json.loads(out)["dependencies"])
    assert code == EXIT_CLEAN and "HTTP 503" in err


def test_warm_cache_asks_nothing(dirac_tree, options, fixture_index):
    requirements = dirac_tree / "requirements.txt"
    cold = analyse([requirements], options())
    before = len(fixture_index.requests)
    warm = analyse([requirements], options())
    assert len(fixture_index.requests) == before and warm.index["requests"] == 0
    assert [e.to_json() for e in warm.dependencies] == [e.to_json() for e in cold.dependencies]
    offline = analyse([requirements], options(offline=True))
    assert [e.verdict for e in offline.dependencies] == [e.verdict for e in cold.dependencies]


def test_ttl_and_refresh(tmp_path, options, fixture_index):
    requirements = _requirements(tmp_path, "tornado>=5.0.0\n")
    analyse([requirements], options(depth=0))
    before = fixture_index.count("/pypi/tornado/json")
    analyse([requirements], options(depth=0))
    assert fixture_index.count("/pypi/tornado/json") == before
    analyse([requirements], options(depth=0, ttl=0))
    analyse([requirements], options(depth=0, refresh=True))
    assert fixture_index.count("/pypi/tornado/json") == before + 2


def test_stale_cache_is_used_when_the_index_goes_away(tmp_path, options, index_data):
    requirements = _requirements(tmp_path, "tornado>=5.0.0\n")
    with indexserver.FixtureIndex(index_data) as index:
        url = index.url
        first = analyse([requirements], options(index_url=url, depth=0))
    later = analyse([requirements], options(index_url=url, depth=0, ttl=0))  # expired, and nobody answers
    assert later.dependencies[0].verdict == first.dependencies[0].verdict
    assert later.dependencies[0].bridge_version == "5.1.1"
    assert any("expired cache" in w for w in later.warnings)
    assert any("index data from the cache" in line for line in later.dependencies[0].evidence)


@pytest.mark.parametrize("flag", ["--no-cache"])
def test_no_cache_writes_nothing(tmp_path, capsys, fixture_index, flag, empty_site):
    code, _, _ = _cli(capsys, "--index-url", fixture_index.url, flag, "--cache-dir", str(tmp_path / "c"),
                      "--site-packages", empty_site, "--depth", "0", _requirements(tmp_path, "six\n"))
    assert code == EXIT_CLEAN and not (tmp_path / "c").exists()

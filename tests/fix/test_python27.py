"""verify's Python 2.7 check: python2.7's own compiler in a server beside each fix process when there is a
python2.7, fissix's grammar when there is none or it fails; the server never hangs a run and never
outlives it (diracmod/fix/python27.py)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest

from diracmod.fix import engine, python27, verify
from diracmod.rules import fixers
from tests.fix.helpers import everything, python27 as find_python27
from tests.processes import tagged, wait_until_gone
from tests.fix.test_safety import PY2, ToPython3Only


@pytest.fixture
def server(monkeypatch):
    """This process's compiler, with python2.7 (skipped without one, required in CI)."""
    monkeypatch.setenv("DIRACMOD_PY27", find_python27())  # for the compiler of a forked child
    compiler = python27.Compiler(find_python27())
    monkeypatch.setattr(python27, "_compiler", compiler)
    yield compiler
    compiler.stop()


@pytest.fixture
def no_python27(monkeypatch):
    monkeypatch.setattr(python27, "_compiler", python27.Compiler(None))


def test_the_server_answers_as_python27_compiles(server):
    assert server.compile(b"print 1\nexec 'x = 1'\n") == ""
    assert server.compile(b'x = f"{1}"\n') == "invalid syntax (line 1)"
    assert server.compile(b"def f():\n    pass\nreturn 1\n") == "'return' outside function (line 3)"
    # the bytes as they will be written: python2.7 reads the coding declaration itself
    assert server.compile("# -*- coding: latin-1 -*-\nx = 'é'\n".encode("latin-1")) == ""


def test_python2_problem_uses_the_server_or_else_the_grammar(server, monkeypatch):
    text = "print 1\nx = `1`\n"
    assert verify.python2_problem(text, verify.python2_verdict(text.encode())) is None
    bad = "from __future__ import print_function\nprint 1\n"
    assert verify.python2_problem(bad, verify.python2_verdict(bad.encode())) == \
        "Python 2.7 cannot compile it: invalid syntax (line 2)"
    monkeypatch.setattr(python27, "_compiler", python27.Compiler(None))
    assert verify.python2_verdict(text.encode()) is None
    assert verify.python2_problem(text, None) is None
    assert verify.python2_problem(bad, None).startswith("Python 2.7 cannot parse it: ")


@pytest.mark.parametrize("with_python27", [True, False])
def test_a_rewrite_python27_cannot_read_is_refused_either_way(tmp_path, monkeypatch, request, with_python27):
    request.getfixturevalue("server" if with_python27 else "no_python27")
    monkeypatch.setattr(fixers, "FIXERS", (ToPython3Only,))
    monkeypatch.setattr(fixers, "BY_SYMBOL", {"xrange-builtin": ToPython3Only})
    path = tmp_path / "m.py"
    path.write_bytes(PY2)
    result = engine.fix_file(str(path), everything())
    reason = ("the rewrite would not parse: Python 2.7 cannot compile it: invalid syntax (line 1)" if with_python27
              else "the rewrite would not parse on both Pythons: Python 2.7 rejects this: f-string")
    assert result.new is None and result.refused.startswith(reason)
    assert path.read_bytes() == PY2


def _fake_python(tmp_path, body: str) -> str:
    fake = tmp_path / "python2.7"
    fake.write_text(f"#!/bin/sh\n{body}\n")
    fake.chmod(0o755)
    return str(fake)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_server_that_stops_answering_is_killed_and_the_grammar_used(tmp_path, monkeypatch):
    monkeypatch.setattr(python27, "_MIN_SECONDS", 0.3)
    monkeypatch.setattr(python27, "_SECONDS_PER_MB", 0)
    compiler = python27.Compiler(_fake_python(tmp_path, "echo 2.7\nexec sleep 60"))
    started = time.monotonic()
    assert compiler.compile(b"x = 1\n" * 100_000) is None  # more than a pipe holds: the write must not block
    assert time.monotonic() - started < 5
    assert compiler.process is None and compiler.failures == 1


@pytest.mark.parametrize("body", ["exec sleep 60", "exit 1", "echo 3.6"])
def test_a_server_that_does_not_start_right_is_not_used(tmp_path, monkeypatch, body):
    monkeypatch.setattr(python27, "_START_SECONDS", 0.3)
    compiler = python27.Compiler(_fake_python(tmp_path, body))
    assert compiler.compile(b"x = 1\n") is None and compiler.process is None
    started = time.monotonic()
    assert compiler.compile(b"x = 1\n") is None and compiler.process is None  # given up: not started again
    assert time.monotonic() - started < 0.2


def test_a_server_that_died_is_started_again(server):
    assert server.compile(b"x = 1\n") == ""
    pid = server.process.pid
    server.process.kill()
    assert server.compile(b"x = 1\n") is None  # this answer comes from the grammar
    assert _gone(pid)
    assert server.compile(b"x = 1\n") == "" and server.process.pid != pid


def test_an_interrupted_exchange_kills_the_server(server, monkeypatch):
    """The file's deadline (SIGALRM) or Ctrl-C between question and answer: the pipe is out of step."""
    assert server.compile(b"x = 1\n") == ""
    pid = server.process.pid

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(server, "_read", interrupted)
    with pytest.raises(KeyboardInterrupt):
        server.compile(b"x = 1\n")
    assert server.process is None and _gone(pid)


def test_a_forked_child_starts_its_own_server(server):
    assert python27.compiler().compile(b"x = 1\n") == ""
    parent_pid = server.process.pid
    child = os.fork()
    if child == 0:  # the child must not talk on its parent's pipe
        own = python27.compiler()
        ok = own is not server and own.compile(b"x = 1\n") == "" and own.process.pid != parent_pid
        own.stop()
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert server.compile(b"print 1\n") == "" and server.process.pid == parent_pid


def _project(tmp_path, files: int, lines: int = 300):
    for i in range(files):
        (tmp_path / f"m{i}.py").write_text("import os\nfor i in xrange(3):\n    print i\n" + "x = 1\n" * lines)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stop", [None, signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_no_server_outlives_a_fix_run(tmp_path, stop):
    """Ended normally, by SIGTERM (a cancelled CI job), by Ctrl-C or by SIGKILL (a CI timeout, the OOM
    killer): every worker and every worker's server ends too."""
    _project(tmp_path, 24, lines=3000)  # enough source for two worker processes (engine._processes)
    tag = f"DIRACMOD_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, "DIRACMOD_PY27": find_python27(), tag.split("=")[0]: tag.split("=")[1]}
    run = subprocess.Popen([sys.executable, "-m", "diracmod", "fix", "--write", "-q", "-j", "2", "."], cwd=tmp_path,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if stop:
        for _ in range(600):  # until a worker's server runs: the run is under way
            # the command, two workers, a worker's server
            if len(tagged(tag)) >= 4 or run.poll() is not None:
                break
            time.sleep(0.05)
        assert run.poll() is None
        run.send_signal(stop)
    run.wait(timeout=300)
    assert wait_until_gone(tag) == []


@pytest.mark.parametrize("setting", ["missing", "python3"])
def test_a_broken_diracmod_py27_is_said_once_and_the_grammar_used(tmp_path, setting):
    """A set variable that does not run python2.7 is the user's mistake: said, not silently worked around."""
    _project(tmp_path, 12)
    value = str(tmp_path / "no-such-python") if setting == "missing" else sys.executable
    run = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--check", "-j", "2", "."], cwd=tmp_path,
                         env={**os.environ, "DIRACMOD_PY27": value}, capture_output=True, text=True, timeout=300)
    why = "does not run" if setting == "missing" else "runs, but is not Python 2.7"  # tryout2 #19: python3 runs
    warning = f"diracmod: DIRACMOD_PY27={value} {why}: verifying with fissix's Python 2.7 grammar instead\n"
    assert run.returncode == 1 and run.stderr.count(warning) == 1
    assert "12 file(s) would be changed" in run.stderr


def test_a_broken_python27_on_path_is_said_once_and_the_grammar_used(tmp_path):
    """A pyenv shim named python2.7 with no 2.7 installed: said, with its path; its own stderr is not ours to
    print (tryout2 #19)."""
    _project(tmp_path, 2)
    shims = tmp_path / "shims"
    shims.mkdir()
    (shims / "python2.7").write_text("#!/bin/sh\necho 'pyenv: python2.7: command not found' >&2\nexit 127\n")
    (shims / "python2.7").chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key != "DIRACMOD_PY27"}
    run = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--check", "."], cwd=tmp_path,
                         env={**env, "PATH": f"{shims}{os.pathsep}{env['PATH']}"}, capture_output=True, text=True,
                         timeout=300)
    assert run.stderr.startswith(f"diracmod: python2.7 on PATH ({shims / 'python2.7'}) does not run: verifying "
                                 f"with fissix's Python 2.7 grammar instead\ndiracmod fix: 2 file(s) would be changed")
    assert "pyenv" not in run.stderr.replace(str(tmp_path), "")


def test_a_working_diracmod_py27_is_not_mentioned(tmp_path):
    _project(tmp_path, 1)
    run = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--check", "."], cwd=tmp_path,
                         env={**os.environ, "DIRACMOD_PY27": find_python27()}, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1 and "DIRACMOD_PY27" not in run.stderr

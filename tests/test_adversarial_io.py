"""What `check` and `deps` read and write, under hostile input: a report never replaces an input and is written
atomically; the result cache writes only in a directory it created and marked; FIFOs, devices and sockets never
hang a run; a broken $HOME, odd file names, closed streams never crash one. Every case runs under a hard
timeout and checks: no traceback, the exit code, the finding or message, no file written outside the
report/cache (the tree is compared before and after), and the good file still checked."""
import errno
import hashlib
import json
import os
import socket
import stat
import subprocess
import signal
import sys
import time
import uuid

import pytest

from diracmod.check import files as check_files
from diracmod.commands import check as check_command
from diracmod.cli import main
from diracmod.core import report_file
from diracmod.core.config import DEFAULT_EXCLUDE
from diracmod.core.discover import discover
from tests.processes import tagged, wait_until_gone

TIMEOUT = 120  # seconds: generous on a loaded machine; a hang is what it catches
GOOD = b"import os\n"  # W1618 no-absolute-import: proves the good file was checked


def _run(*args, cwd, env=None, stdin=subprocess.DEVNULL, timeout=TIMEOUT):
    proc = subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, env=env, stdin=stdin,
                          capture_output=True, timeout=timeout)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return proc.returncode, proc.stdout, err


def _check_json(*args, cwd, **kwargs):
    code, out, err = _run("check", "--format", "json", *args, cwd=cwd, **kwargs)
    return code, (json.loads(out.decode("utf-8")) if out else None), err


def _snapshot(root):
    """Every name under root (symlinks not followed, FIFOs never opened) with its type, mode and content."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            content = None
            if stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    content = hashlib.sha256(handle.read()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            state[os.path.relpath(path, root)] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), content)
    return state


def _symbols(findings):
    found = {}
    for f in findings:
        found.setdefault(f["path"], set()).add(f["symbol"])
    return found


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "c.py").write_bytes(b"print 'x'\n")
    (tmp_path / "ok.py").write_bytes(GOOD)
    return tmp_path


# 1. Reports: never onto an input, atomic, clear exit 2 when they cannot be written


@pytest.mark.parametrize("target", ["c.py", "./c.py", "new.py", "sub/new.py", "link.json", "hard.txt"])
def test_report_never_replaces_a_checked_file(tree, target):
    (tree / "sub").mkdir()
    (tree / "link.json").symlink_to("c.py")
    os.link(tree / "c.py", tree / "hard.txt")
    before = _snapshot(tree)
    code, out, err = _run("check", "--no-cache", "-o", target, ".", cwd=tree)
    assert code == 2 and "the report would replace it" in err and out == b""
    assert _snapshot(tree) == before


def test_report_onto_an_explicit_input_or_the_settings_is_refused_whatever_its_name(tree):
    (tree / "script").write_bytes(GOOD)
    (tree / "pyproject.toml").write_text("[tool.diracmod]\n")
    (tree / "setup.cfg").write_text("[pycodestyle]\nmax_line_length = 120\n")
    before = _snapshot(tree)
    for target, paths in (("script", ["script"]), ("pyproject.toml", ["."]), ("setup.cfg", ["c.py"])):
        code, _, err = _run("check", "--no-cache", "-o", target, *paths, cwd=tree)
        assert code == 2 and "the report would replace it" in err
    assert _snapshot(tree) == before


@pytest.mark.parametrize("target, message", [
    ("missing/dir/report.txt", "does not exist"),
    ("sub", "is a directory"),
    ("/dev/full", "No space left on device"),
])
def test_report_that_cannot_be_written_is_a_clear_exit_2(tree, target, message):
    (tree / "sub").mkdir()
    before = _snapshot(tree)
    code, _, err = _run("check", "--no-cache", "-o", target, ".", cwd=tree)
    assert code == 2 and message in err and "-o" in err
    assert _snapshot(tree) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_report_into_a_read_only_directory_is_a_clear_exit_2(tree):
    (tree / "ro").mkdir()
    (tree / "ro" / "report.txt").write_text("old\n")
    os.chmod(tree / "ro", 0o555)
    try:
        code, _, err = _run("check", "--no-cache", "-o", "ro/report.txt", ".", cwd=tree)
    finally:
        os.chmod(tree / "ro", 0o755)
    assert code == 2 and "Permission denied" in err
    assert (tree / "ro" / "report.txt").read_text() == "old\n"


def test_report_to_dev_null_and_a_fifo_without_reader(tree):
    code, out, _ = _run("check", "--no-cache", "-o", "/dev/null", ".", cwd=tree)
    assert code == 1 and out == b""
    os.mkfifo(tree / "pipe.txt")
    code, _, err = _run("check", "--no-cache", "-o", "pipe.txt", ".", cwd=tree)  # would block forever
    assert code == 2 and "cannot write the report" in err


def test_report_is_atomic_and_keeps_the_mode_of_the_old_one(tree):
    report = tree / "report.txt"
    report.write_text("old report\n")
    os.chmod(report, 0o640)
    before = _snapshot(tree)
    code, _, _ = _run("check", "--no-cache", "--msg-template", "{nope}", "-o", "report.txt", ".", cwd=tree)
    assert code == 2 and _snapshot(tree) == before  # a failed run leaves the old report as it was
    code, out, _ = _run("check", "--no-cache", "-o", "report.txt", ".", cwd=tree)
    assert code == 1 and out == b""
    assert "ok.py:1: [W1618(no-absolute-import)" in report.read_text()
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert sorted(os.listdir(tree)) == ["c.py", "ok.py", "report.txt"]  # no temporary file left behind


@pytest.mark.parametrize("failing", ["_temporary", "fsync", "replace"])
def test_a_failure_while_writing_leaves_the_old_report_and_no_temporary(tree, monkeypatch, capsys, failing):
    """ENOSPC (full disk) or EACCES (read-only directory) at each step of the write: exit 2, old report intact."""
    report = tree / "report.txt"
    report.write_text("old report\n")
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) if failing != "_temporary" else \
        PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    def fail(*args, **kwargs):
        raise error

    target = report_file if failing == "_temporary" else report_file.os
    monkeypatch.setattr(target, failing, fail)
    monkeypatch.chdir(tree)
    assert main(["check", "--no-cache", "-j", "1", "-o", "report.txt", "."]) == 2
    assert error.strerror in capsys.readouterr().err
    assert report.read_text() == "old report\n"
    assert sorted(os.listdir(tree)) == ["c.py", "ok.py", "report.txt"]


def test_closed_stdout_and_closed_stderr(tree):
    run = [sys.executable, "-m", "diracmod", "check", "--no-cache", "."]
    proc = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *run], cwd=tree, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 2 and "standard output is closed" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *run, "-o", "r.txt"], cwd=tree, capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert proc.returncode == 1 and "W1618" in (tree / "r.txt").read_text()
    proc = subprocess.run(["sh", "-c", 'exec "$@" 2>&-', "sh", *run], cwd=tree, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 1 and proc.stdout.splitlines() == [
        "c.py:1: [E1601(print-statement), ] print statement used",
        "ok.py:1: [W1618(no-absolute-import), ] import missing `from __future__ import absolute_import`"]


@pytest.mark.parametrize("command", [["check", "--no-cache", "."], ["check", "--no-cache", "--format", "json", "."],
                                     ["rules"]])
def test_broken_pipe_is_quiet(tree, command):
    for n in range(200):  # ~500 KB of report: more than a pipe holds, so the write meets the closed end
        (tree / f"m{n}.py").write_bytes(GOOD + b"x=1\n" * 30)
    proc = subprocess.Popen([sys.executable, "-m", "diracmod", *command], cwd=tree, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    _, err = proc.communicate(timeout=TIMEOUT)
    assert "Traceback" not in err.decode() and "Exception ignored" not in err.decode()
    assert proc.returncode == (0 if command == ["rules"] else 1)  # the command's own code: the files have findings


@pytest.mark.parametrize("command", [["check", "--no-cache", "."], ["fix", "--check", "."],
                                     ["fix", "--check", "-q", "."], ["fix", "."]])
def test_a_reader_gone_before_the_output_keeps_the_exit_code(tree, command):
    # `diracmod fix --check . 2>&1 | head -0` in CI: the outcome (c.py would change / has findings) must fail it
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "diracmod", *command], cwd=tree, stdout=write, stderr=write,
                              timeout=TIMEOUT)
    finally:
        os.close(write)
    assert proc.returncode == (0 if command == ["fix", "."] else 1)


def test_deps_report_never_replaces_what_deps_reads(tmp_path):
    (tmp_path / "requirements.txt").write_text("six\n")
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup(name='x')\n")
    before = _snapshot(tmp_path)
    for target in ("requirements.txt", "setup.py", "code.py"):
        code, _, err = _run("deps", "--offline", "--no-cache", "--no-imports", "-o", target, ".", cwd=tmp_path)
        assert code == 2 and "the report would replace it" in err
    code, _, err = _run("deps", "--offline", "--no-cache", "-o", "missing/deps.txt", ".", cwd=tmp_path)
    assert code == 2 and "does not exist" in err
    assert _snapshot(tmp_path) == before
    code, out, _ = _run("deps", "--offline", "--no-cache", "--format", "json", "-o", "deps.json", ".", cwd=tmp_path)
    assert code in (0, 1) and out == b""
    assert "six" in json.dumps(json.loads((tmp_path / "deps.json").read_text()))


# 2. The result cache: only in a directory it created and marked; a foreign or malformed cache is a miss


@pytest.mark.parametrize("setting", ['"."', '".."', '"~"', '"elsewhere"', '"a-file"', '"link"', '"dangling"',
                                     '"~/.cache"'])
def test_cache_refuses_a_directory_it_did_not_create(tmp_path, setting):
    project, home = tmp_path / "project", tmp_path / "home"
    for directory in (project, home, home / ".cache", tmp_path / "elsewhere"):
        directory.mkdir()
    (project / "ok.py").write_bytes(GOOD)
    (project / "a-file").write_text("keep me\n")
    (project / "elsewhere").mkdir()
    (project / "link").symlink_to(tmp_path / "elsewhere")
    (project / "dangling").symlink_to(tmp_path / "nowhere")
    (project / "pyproject.toml").write_text(f"[tool.diracmod]\ncache-dir = {setting}\n")
    before = _snapshot(tmp_path)
    code, findings, err = _check_json(".", cwd=project, env={**os.environ, "HOME": str(home)})
    # the link leads out of the checked directory: reported, not followed (its own test below)
    assert code == 1 and _symbols(findings) == {"ok.py": {"no-absolute-import"}, "link": {"unreadable-file"}}
    assert err.count("results are not cached") == 1
    assert _snapshot(tmp_path) == before


def test_cache_is_created_marked_and_then_used(tree):
    (tree / "pyproject.toml").write_text('[tool.diracmod]\ncache-dir = "build/cache"\n')
    first = _check_json(".", cwd=tree)
    cache = tree / "build" / "cache"
    assert {"CACHEDIR.TAG", "README", ".gitignore"} <= set(os.listdir(cache))
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert _check_json(".", cwd=tree) == first and "not cached" not in first[2]


@pytest.mark.parametrize("content", [
    "[]", "null", '"text"', "{", '{"DIGEST": []}', '{"DIGEST": {"checkers": "py3k", "findings": [], "lines": {}}}',
    '{"DIGEST": {"checkers": ["py3k", "pycodestyle"], "findings": []}}',  # no lines
    '{"DIGEST": {"checkers": ["py3k", "pycodestyle"], "findings": [1], "lines": {}}}',
    '{"DIGEST": {"checkers": ["py3k", "pycodestyle"], "findings": [{"line": "one"}], "lines": {}}}',
    '{"DIGEST": {"checkers": ["py3k", "pycodestyle"], "findings": [FINDING_WITH_A_STRING_LINE], "lines": {}}}',
    '{"DIGEST": {"checkers": ["py3k", "pycodestyle"], "findings": [FINDING_WITH_A_FIELD_MORE], "lines": {}}}',
    '{"DIGEST": {"checkers": ["py3k", "pycodestyle"], "findings": [], "lines": {"1": 2}}}',
])
def test_cache_of_valid_json_but_the_wrong_shape_is_a_miss(tree, content):
    _, expected, _ = _check_json("--no-cache", ".", cwd=tree)
    _check_json(".", cwd=tree)
    [shard, *_] = sorted((tree / ".diracmod_cache").glob("results-*/*.json"))
    entries = json.loads(shard.read_text())
    digest, entry = next(iter(entries.items()))  # every file of `tree` has a finding
    row = entry["findings"][0]
    content = content.replace("FINDING_WITH_A_STRING_LINE", json.dumps(["1", *row[1:]]))
    shard.write_text(content.replace("DIGEST", digest).replace("FINDING_WITH_A_FIELD_MORE", json.dumps(row + [1])))
    code, findings, _ = _check_json(".", cwd=tree)
    assert code == 1 and findings == expected


def test_cache_shards_behind_a_symlink_are_neither_read_nor_written(tree, tmp_path_factory):
    """Inside the cache directory too: a shard directory planted as a symlink (a repository can commit a marked
    cache directory) could lead the writes anywhere."""
    _, expected, _ = _check_json("--no-cache", ".", cwd=tree)
    _check_json(".", cwd=tree)
    [folder] = (tree / ".diracmod_cache").glob("results-*")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for shard in folder.iterdir():
        (elsewhere / shard.name).write_text("{}")  # a miss if it were read
    before = _snapshot(elsewhere)
    for shard in folder.iterdir():
        shard.unlink()
    folder.rmdir()
    folder.symlink_to(elsewhere)
    (tree / "ok.py").write_bytes(GOOD + b"# changed: a result to write\n")
    code, findings, err = _check_json(".", cwd=tree)
    assert code == 1 and {f["symbol"] for f in findings} == {f["symbol"] for f in expected}
    assert _snapshot(elsewhere) == before and "Traceback" not in err


def test_cache_digest_reads_no_more_than_the_size_limit(tmp_path):
    (tmp_path / "big.py").write_bytes(b"x = 1\n" * 100)
    assert check_files.digest(str(tmp_path / "big.py"), 100) is None
    assert check_files.digest(str(tmp_path / "big.py"), 1000) == hashlib.sha256(b"x = 1\n" * 100).hexdigest()
    assert check_files.digest("/dev/zero", 100) is None


# 3. No hang, no unbounded read: FIFOs, devices, sockets, directories named *.py


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_special_files_are_findings_and_never_hang(tmp_path, cache):
    (tmp_path / "ok.py").write_bytes(GOOD)
    os.mkfifo(tmp_path / "x.py")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "stdin.py").symlink_to("/dev/stdin")
    (tmp_path / "y.py").mkdir()  # a directory named *.py is walked like any directory
    (tmp_path / "y.py" / "inner.py").write_bytes(GOOD)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.py"))
    try:
        before = {k: v for k, v in _snapshot(tmp_path).items()}
        explicit = ["x.py", "zero.py", "stdin.py", "sock.py", "/dev/stdin", "y.py", "ok.py"]
        for paths in (["."], explicit):
            # stdin: a pipe nobody writes to and whose write end stays open: reading it would block forever
            never_written, writer = os.pipe()
            try:
                code, findings, _ = _check_json(*cache, *paths, cwd=tmp_path, stdin=never_written)
            finally:
                os.close(never_written)
                os.close(writer)
            symbols = _symbols(findings)
            assert code == 1
            for name in ("x.py", "zero.py", "stdin.py", "sock.py"):
                assert symbols[name] == {"unreadable-file"}, name
            assert symbols["ok.py"] == symbols["y.py/inner.py"] == {"no-absolute-import"}
            messages = {f["path"]: f["message"] for f in findings if f["symbol"] == "unreadable-file"}
            # walked, a link to /dev/zero leads out of the directory; named, it is opened and found a device
            zero = "character device" if paths == explicit else "outside the checked directory"
            assert "FIFO" in messages["x.py"] and zero in messages["zero.py"]
            assert "socket" in messages["sock.py"]
        after = _snapshot(tmp_path)
        assert {k: v for k, v in after.items() if not k.startswith(".diracmod_cache")} == before
    finally:
        server.close()


# 4. Crashes: $HOME, file names, -j, unexpected exceptions


@pytest.mark.parametrize("home", ["missing", "a-file", "unset", "read-only"])
def test_a_broken_home_breaks_nothing_and_nothing_is_written_there(tmp_path, home):
    (tmp_path / "old.py").write_bytes(b"print 'x'\nimport os\n")  # Python 2 only: fissix's grammar is needed
    (tmp_path / "a-file").write_text("")
    (tmp_path / "read-only").mkdir(mode=0o555)
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    if home != "unset":
        env["HOME"] = str(tmp_path / home)
    before = _snapshot(tmp_path)
    code, out, _ = _run("--version", cwd=tmp_path, env=env)
    assert code == 0 and out.startswith(b"diracmod ")
    code, findings, _ = _check_json("--no-cache", "old.py", cwd=tmp_path, env=env)
    assert code == 1 and {"print-statement", "no-absolute-import"} <= _symbols(findings)["old.py"]
    assert _snapshot(tmp_path) == before and not (tmp_path / "missing").exists()


def test_file_names_that_are_not_utf8(tmp_path):
    name = b"caf\xe9.py"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write(GOOD)
    (tmp_path / "ok.py").write_bytes(GOOD)
    code, out, _ = _run("check", "--no-cache", ".", cwd=tmp_path)
    assert code == 1 and b"\ncaf\xe9.py:1: [W1618" in b"\n" + out and b"ok.py:1:" in out
    code, out, _ = _run("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    findings = json.loads(out.decode("utf-8"))  # strict UTF-8: valid JSON whatever the file names
    assert {os.fsencode(f["path"]) for f in findings} == {name, b"ok.py"}
    code, out, _ = _run("check", "--no-cache", "--format", "json", "-o", "r.json", ".", cwd=tmp_path)
    assert json.loads((tmp_path / "r.json").read_bytes().decode("utf-8")) == findings
    code, out, _ = _run("check", "--no-cache", ".", cwd=tmp_path,
                        env={**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    assert code == 1 and b"caf\xe9.py:1:" in out


def test_jobs(tmp_path):
    for n in range(12):
        (tmp_path / f"m{n}.py").write_bytes(GOOD)
    _, serial, _ = _check_json("--no-cache", "-j", "1", ".", cwd=tmp_path)
    for jobs in ("1000", "0"):
        code, findings, _ = _check_json("--no-cache", "-j", jobs, ".", cwd=tmp_path)
        assert code == 1 and findings == serial
    for jobs in ("-1", "many"):
        code, _, err = _run("check", "-j", jobs, ".", cwd=tmp_path)
        assert code == 2 and "--jobs" in err
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert check_files.workers(1000, 3) == min(3, cores)
    assert check_files.workers(1000, 10_000) == check_files.workers(0, 10_000) == cores
    assert check_files.workers(0, 0) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_no_worker_outlives_a_check_killed_by_sigkill(tmp_path):
    """A CI timeout or the OOM killer sends SIGKILL, which the command cannot handle: its workers must
    end by themselves, not go on checking files nobody will read."""
    for n in range(2):  # minutes each in pycodestyle, and big enough for a process each
        (tmp_path / f"slow{n}.py").write_text("x = " + " and ".join(["a"] * 60_000) + "\n")
    tag = f"DIRACMOD_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, tag.split("=")[0]: tag.split("=")[1]}
    run = subprocess.Popen([sys.executable, "-m", "diracmod", "check", "--no-cache", "-j", "2", "."], cwd=tmp_path,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):  # until both workers run
        if len(tagged(tag)) >= 3 or run.poll() is not None:
            break
        time.sleep(0.05)
    assert run.poll() is None
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    assert wait_until_gone(tag) == []


def test_a_deleted_working_directory_is_a_usage_error(tmp_path):
    (tmp_path / "ok.py").write_bytes(GOOD)
    gone = tmp_path / "gone"
    gone.mkdir()
    proc = subprocess.run(["sh", "-c", f'cd "{gone}" && rmdir "{gone}" && exec "$@"', "sh", sys.executable, "-m",
                           "diracmod", "check", str(tmp_path / "ok.py")], capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 2 and "current directory no longer exists" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unexpected_exception_in_a_command_is_exit_3_without_traceback(tree, monkeypatch, capsys):
    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(check_command.configuration, "load", broken)
    monkeypatch.chdir(tree)
    assert main(["check", "."]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


# 5. One file, one report; nothing to check is said, not silent


def _stack_depth():
    frame, depth = sys._getframe(), 0
    while frame:
        frame, depth = frame.f_back, depth + 1
    return depth


def test_a_very_deep_tree_is_walked_without_exhausting_the_recursion_limit(tmp_path):
    """os.walk recursed once per level before Python 3.12: a tree deeper than the recursion limit (1,000) ended
    the run. The limit is lowered here instead of building such a tree, which shutil.rmtree (pytest's clean-up
    of tmp_path) could not remove either."""
    deepest = tmp_path
    for _ in range(200):
        deepest = deepest / "a"
    deepest.mkdir(parents=True)
    (deepest / "deep.py").write_bytes(GOOD)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_stack_depth() + 100)  # enough for discover, not for one frame per level
    try:
        found = discover([str(tmp_path)], ())
    finally:
        sys.setrecursionlimit(limit)
    assert found.files == [str(deepest / "deep.py")] and not found.problems


def test_the_same_file_by_several_paths_is_checked_once_under_one_name(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_bytes(GOOD)
    (tmp_path / "alias").symlink_to("src")
    os.link(tmp_path / "src" / "a.py", tmp_path / "hard.py")
    given = ["src/a.py", str(tmp_path / "src" / "a.py"), "./src/a.py", "alias/a.py", "alias", "src", ".",
             "hard.py"]
    outputs = set()
    for paths in (given, given[::-1]):
        code, findings, _ = _check_json("--no-cache", *paths, cwd=tmp_path)
        assert code == 1
        outputs.add(json.dumps(findings))
        assert [f["path"] for f in findings] == ["hard.py"]  # hard.py is the shallowest name of the one file
    assert len(outputs) == 1
    code, findings, _ = _check_json("--no-cache", "alias", "src", cwd=tmp_path)
    assert [f["path"] for f in findings] == ["src/a.py"]  # the name without symlinks


def test_a_package_named_like_build_output_is_skipped_as_ruff_does_and_said(tmp_path):
    """tryout4 #4: pkg/build/__init__.py was skipped by the default excludes with nothing said; setup.py's build/
    output (no package) is skipped silently as before, a package so named is noted by check and fix."""
    # tryout5 #11: also a package's dist/ of modules (no __init__.py) and its packages venv/, _build/
    for path in ("pkg/__init__.py", "pkg/f.py", "pkg/build/__init__.py", "pkg/build/c.py", "build/lib/a.py",
                 "dist/d.py", "pkg/dist/d.py", "pkg/venv/__init__.py", "pkg/_build/__init__.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"print 1\n" if path.endswith(("c.py", "f.py")) else b"")
    found = discover([str(tmp_path)], DEFAULT_EXCLUDE)
    assert [os.path.relpath(f, tmp_path) for f in found.files] == ["pkg/__init__.py", "pkg/f.py"]
    noted = ["pkg/_build", "pkg/build", "pkg/dist", "pkg/venv"]
    said = ": Python code in a directory named like build output or a virtualenv, skipped by the default excludes"
    assert sorted(note.split(": ")[0] for note in found.notes) == [f"{tmp_path}/{name}" for name in noted]
    for command in ("check", "fix"):
        code, _, err = _run(command, "--no-cache" if command == "check" else "--check", ".", cwd=tmp_path)
        assert code == 1 and all(f"note: {name}{said}" in err for name in noted)
        assert "note: dist" not in err and "build/lib" not in err and "to include it" in err
    assert "note:" not in _run("check", "--no-cache", "-q", ".", cwd=tmp_path)[2]


@pytest.mark.parametrize("case", ["empty", "excluded", "missing"])
def test_nothing_to_check_is_exit_2_and_says_why(tmp_path, case):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.py").write_bytes(GOOD)
    if case == "excluded":
        (tmp_path / "pyproject.toml").write_text('[tool.diracmod]\nexclude = ["*"]\n')
    paths = {"empty": ["empty"], "excluded": ["."], "missing": ["nowhere", "gone.py"]}[case]
    before = _snapshot(tmp_path)
    code, out, err = _run("check", *paths, cwd=tmp_path)
    assert code == 2 and out == b"" and "nothing to check" in err
    assert all(p in err for p in paths)
    assert {"empty": "Name the files", "excluded": "exclude globs (*)", "missing": "no such file"}[case] in err
    assert _snapshot(tmp_path) == before  # not even the cache


def test_symlinks_out_of_the_walked_directory_are_reported_not_followed(tmp_path):
    """A repository must not make check read, and quote in a syntax error, a file elsewhere (a secret)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("password ghp_S3CRETt0ken\n")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "good.py").write_bytes(GOOD)
    (tree / "leak.py").symlink_to(outside / "secret.py")
    (tree / "leakdir").symlink_to(outside, target_is_directory=True)
    (tree / "sub" / "alias.py").symlink_to(tree / "good.py")  # inside: a second name, checked once
    before = _snapshot(tree)
    code, findings, err = _check_json("--no-cache", "tree", cwd=tmp_path)
    assert code == 1 and "ghp_S3CRETt0ken" not in json.dumps(findings) + err
    assert _symbols(findings) == {"tree/good.py": {"no-absolute-import"}, "tree/leak.py": {"unreadable-file"},
                                  "tree/leakdir": {"unreadable-file"}}
    assert all("outside the checked directory" in f["message"] for f in findings if f["path"] != "tree/good.py")
    assert _snapshot(tree) == before
    code, findings, _ = _check_json("--no-cache", "tree/leak.py", cwd=tmp_path)  # named: the user's choice
    assert code == 1 and _symbols(findings) == {"tree/leak.py": {"syntax-error"}}


def test_a_file_too_slow_to_check_is_a_finding_and_the_run_goes_on(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod]\nmax-file-seconds = 1\n")
    (tmp_path / "slow.py").write_text("x = " + " and ".join(["a"] * 60_000) + "\n")  # minutes in pycodestyle
    (tmp_path / "good.py").write_bytes(GOOD)
    for jobs in ("1", "2"):
        code, findings, _ = _check_json("--no-cache", "-j", jobs, ".", cwd=tmp_path, timeout=60)
        assert code == 1 and _symbols(findings) == {"slow.py": {"file-too-slow"}, "good.py": {"no-absolute-import"}}
    assert not (tmp_path / ".diracmod_cache").exists() or "slow" not in str(list((tmp_path / ".diracmod_cache").iterdir()))


@pytest.mark.parametrize("target", ["nope/../a.py", "./nope/../a.py"])
def test_a_report_path_through_a_missing_directory_never_lands_on_an_input(tmp_path, target):
    (tmp_path / "a.py").write_bytes(GOOD)
    code, out, err = _run("check", "-o", target, "a.py", cwd=tmp_path)
    assert code == 2 and "does not exist" in err and (tmp_path / "a.py").read_bytes() == GOOD


def test_macos_appledouble_files_are_skipped_with_a_note_unless_named(tmp_path, monkeypatch, capsys):
    # tryout6b #8: configobj's sdist ships `._configobj.py` (binary metadata): fix --check failed on it forever
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.py").write_bytes(b"x = 1\n")  # nothing to fix
    (tmp_path / "._m.py").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (tmp_path / "._n.py").write_bytes(b"y = 2\n")  # no AppleDouble magic: a Python file whatever its name
    found = discover(["."], ())
    assert found.files == ["._n.py", "m.py"] and not found.problems
    assert len(found.notes) == 1 and found.notes[0].startswith("._m.py: a macOS AppleDouble file")
    assert main(["fix", "-q", "--check", "."]) == 0
    assert "._m.py: a macOS AppleDouble file" in capsys.readouterr().err
    assert discover(["._m.py"], ()).files == ["._m.py"]  # named explicitly: read (and reported) as it is

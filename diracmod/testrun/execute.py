"""One interpreter's run of the suite: its runner in its own process group, a per-test timeout (junit_runner
interrupts a test with an alarm; a test that ignores it, or any test under pytest/nose, is killed when no test
finished for the timeout plus a grace), and a whole-run deadline. A killed run's finished tests are kept, the
killed test is reported by name, and junit_runner's run starts again without them; every process the run left
is killed: its group, and what carries the run's mark (processes.py)."""
from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from diracmod.testrun import junit, processes
from diracmod.testrun.settings import Interpreter, Settings

RUNNER_SCRIPT = Path(__file__).with_name("junit_runner.py")
GRACE = 10.0  # at most this past the per-test timeout before the process group is killed: the alarm comes first
_VERBOSE_OUTCOME = re.compile(r" (\.\.\. )?(ok|PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS|FAIL|skipped\b.*)\s*(\[.*\])?$")


@dataclass
class Run:
    interpreter: Interpreter
    version: str = ""
    junit_files: list = field(default_factory=list)
    results: list = field(default_factory=list)  # junit.TestResult
    killed: list = field(default_factory=list)  # (test, why) of each test killed from outside: classname::name
    # (nose: its -v description); the alarm's are in results
    problems: list = field(default_factory=list)  # what went wrong with the run itself


class _Watch:
    """What the runner is doing, from its events (junit_runner) or its -v output (pytest, nose)."""

    def __init__(self, on_progress):
        self.on_progress = on_progress
        self.current = None  # the test running now
        self.importing = None  # junit_runner: the test module being imported now
        self.done = []
        self.outcomes = {}  # pytest and nose: test -> the outcome word of its -v line
        self.last = time.monotonic()
        self.total = None

    def event(self, line: str):
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "total":
            self.total = int(rest)
        elif kind == "import":  # a module's import is progress too: a slow one must not count against a test
            self.importing, self.last = rest, time.monotonic()
        elif kind == "imported":
            self.importing = None
        elif kind == "start":
            self.current, self.last = rest, time.monotonic()
        elif kind == "end":
            self.done.append(rest)
            self.current, self.last = None, time.monotonic()
        self.on_progress(len(self.done), self.total)

    def verbose(self, partial: str, complete: bool):
        """pytest and nose -v print a test's name, then its outcome when it ends."""
        text = partial.strip()
        if not text:
            return
        match = _VERBOSE_OUTCOME.search(text)
        if match:
            self.done.append(_VERBOSE_OUTCOME.sub("", text))
            self.outcomes[self.done[-1]] = match.group(2).split()[0]
            self.current, self.last = None, time.monotonic()
            self.on_progress(len(self.done), self.total)
        elif not complete or self.current is None:
            self.current = text.rstrip(". ")


def clean_environment() -> dict:
    """This environment without the PYTHON* variables of diracmod's own Python 3 (a PYTHONHOME or PYTHONPATH
    of it would break python2.7), output in UTF-8."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _environment(interpreter: Interpreter, root: str) -> dict:
    env = clean_environment()
    env["PYTHONPATH"] = os.pathsep.join([*interpreter.pythonpath, root])
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the tree stays as it was
    return env


def version(executable: str, runner: str = "unittest", pythonpath=()) -> str:
    """The interpreter's version; it must run and, for pytest and nose, import its runner (a setup problem,
    exit 2, not a suite that ran nothing), with the path the run gets (the runner may be installed there)."""
    code = "import sys; print('%d.%d.%d' % sys.version_info[:3])"
    env = clean_environment()
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(pythonpath)
    proc = subprocess.run([executable, "-c", code if runner == "unittest" else f"{code}; import {runner}"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, env=env)
    if proc.returncode and proc.stdout.strip():
        raise InterpreterError(f"{executable} cannot import {runner} (the --runner): install it for that "
                               "interpreter, or use --runner unittest")
    if proc.returncode:
        raise InterpreterError(f"{executable} does not run (exit status {proc.returncode}): "
                               f"{proc.stderr.strip()[-500:]}")
    return proc.stdout.strip()


def _command(interpreter: Interpreter, settings: Settings, junit_file: Path, events_fd, exclude: Path | None,
             skip: list):
    python = interpreter.executable
    if interpreter.runner == "pytest":
        # half-ported trees: a test module that does not import must not stop the others
        return [python, "-m", "pytest", "-v", "-p", "no:cacheprovider", f"--junitxml={junit_file}",
                "--continue-on-collection-errors", "-o", "junit_logging=system-out",
                "-o", "console_output_style=classic",
                *(f"--deselect={test}" for test in skip), *settings.paths]
    if interpreter.runner == "nose":
        return [python, "-m", "nose", "-v", "--with-xunit", f"--xunit-file={junit_file}", *settings.paths]
    command = [python, str(RUNNER_SCRIPT), "--junit", str(junit_file), "--events-fd", str(events_fd),
               "--timeout", str(settings.test_timeout)]
    return command + (["--exclude-from", str(exclude)] if exclude else []) + list(settings.paths)


def _attempt(interpreter, settings, workdir: Path, number: int, skip: list, deadline: float, on_progress, log):
    """One start of the runner, without the tests in `skip`: (junit file, watch, killed reason or None, the
    runner's exit status)."""
    junit_file = workdir / f"{interpreter.role}-{number}.xml"
    exclude = None
    if skip:
        exclude = workdir / f"{interpreter.role}-{number}.exclude"
        exclude.write_text("".join(f"{test}\n" for test in skip), encoding="utf-8")
    read_end, write_end = os.pipe()
    command = _command(interpreter, settings, junit_file, write_end, exclude, skip)
    watch = _Watch(on_progress)
    env = processes.marked(_environment(interpreter, settings.root))
    proc = subprocess.Popen(command, cwd=settings.root, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            pass_fds=(write_end,), start_new_session=True)
    os.close(write_end)
    verbose = interpreter.runner != "unittest"  # junit_runner's events say what runs, not its output
    readers = [threading.Thread(target=_read_events, args=(read_end, watch), daemon=True),
               threading.Thread(target=_read_output, args=(proc.stdout, watch if verbose else None, log),
                                daemon=True)]
    for reader in readers:
        reader.start()
    reason, patience = None, settings.test_timeout + min(GRACE, settings.test_timeout)
    try:
        while proc.poll() is None:
            now = time.monotonic()
            if now > deadline:
                reason = f"killed at the whole-run deadline ({settings.deadline:g} s)"
            elif now - watch.last > patience:
                reason = (f"killed: no test finished for {patience:g} s (test-timeout {settings.test_timeout:g} s, "
                          "then a grace for the alarm to come)")
            if reason:
                break
            time.sleep(0.1)
    finally:
        processes.kill_all(proc, env[processes.MARK])  # also after a normal exit: a test's leftover children
        proc.wait()
        for reader in readers:
            reader.join(5)
    return junit_file, watch, reason, proc.returncode


def _import_ended(module: str, reason: str | None, status: int) -> junit.TestResult:
    """The result of the test module whose import the runner's process did not survive: killed by us (`reason`:
    the import hung), else it ended the process itself (os._exit(), a crash, a signal)."""
    if reason:
        return junit.TestResult(module, junit.IMPORT, "killed", reason)
    return junit.TestResult(module, junit.IMPORT, "error",
                            f"diracmod.ProcessExit: the test process ended (exit status {status}) while importing "
                            f"{module} (os._exit(), a crash or a signal); the suite ran again without it")


def _pytest_lines(watch: _Watch, killed: str | None, reason: str) -> list:
    """A killed pytest wrote no JUnit: its -v lines give the outcome of each test that finished (no details)."""
    words = {"PASSED": "passed", "FAILED": "failed", "ERROR": "error", "SKIPPED": "skipped", "XFAIL": "skipped",
             "XPASS": "failed"}
    results = []
    for test in watch.done:
        outcome = words.get(watch.outcomes.get(test), "error")
        error = "" if outcome in ("passed", "skipped") else "(details lost: pytest was killed before its JUnit)"
        results.append(junit.from_nodeid(test, outcome, error))
    if killed:
        results.append(junit.from_nodeid(killed, "killed", reason))
    return results


class InterpreterError(Exception):
    """The interpreter does not start (exit 2)."""


def _read_events(fd: int, watch: _Watch):
    with os.fdopen(fd, "r", encoding="utf-8", errors="replace") as events:
        for line in events:
            watch.event(line)


def _read_output(stream, watch: _Watch | None, log: Path):
    """The runner's output into the log; -v lines tell pytest's and nose's progress (`watch`)."""
    partial = ""
    with open(log, "ab") as output:
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                break
            output.write(chunk)
            output.flush()
            if watch is None:
                continue
            *lines, partial = (partial + chunk.decode("utf-8", "replace")).split("\n")
            for line in lines:
                watch.verbose(line, True)
            watch.verbose(partial, False)


def run(interpreter: Interpreter, settings: Settings, workdir: Path, on_progress=lambda done, total: None) -> Run:
    """The suite under one interpreter; the runner's output goes to workdir/<role>.log."""
    result = Run(interpreter, version(interpreter.executable, interpreter.runner, interpreter.pythonpath))
    log = workdir / f"{interpreter.role}.log"
    log.write_bytes(b"")
    deadline = time.monotonic() + settings.deadline
    skip = []  # finished and killed tests, for a restart
    for number in range(1, 1000):
        junit_file, watch, reason, status = _attempt(interpreter, settings, workdir, number, skip, deadline,
                                                     on_progress, log)
        killed = watch.current if reason else None  # a test we killed (not one that ended the runner itself)
        ended = None  # junit_runner: the test module whose import the process did not survive
        if watch.importing and not junit_file.exists():  # (the runner opens its JUnit after the imports)
            ended = _import_ended(watch.importing, reason, status)
            result.results.append(ended)
            reason = reason or ended.error
        if reason is None and not junit.is_complete(junit_file):
            reason = (f"the runner stopped before writing its results (its output: tests-{interpreter.role}.log "
                      "beside tests.json)")
        if reason and interpreter.runner == "unittest" and junit_file.exists():
            junit.complete(junit_file, killed, reason)
        if junit.is_complete(junit_file):
            result.junit_files.append(junit_file)
            result.results += junit.read(junit_file, settings.root)
        elif reason and interpreter.runner == "pytest":
            result.results += _pytest_lines(watch, killed, reason)
        if killed:
            result.killed.append((junit.from_nodeid(killed).id if interpreter.runner == "pytest" else killed, reason))
        elif ended and ended.outcome == "killed":
            result.killed.append((ended.id, reason))
        elif reason and not ended:  # (a module that ended the process: its result says so)
            result.problems.append(reason)
        # junit_runner (--exclude-from) and pytest (--deselect) can start again without what already ran
        culprit = killed or (ended and ended.id)
        if not (culprit and interpreter.runner != "nose" and time.monotonic() < deadline) or culprit in skip:
            break
        skip += [*watch.done, culprit]
    if not result.junit_files:
        tail = log.read_text("utf-8", "replace")[-2000:]
        result.problems.append(f"{interpreter.role} ({interpreter.runner}) wrote no JUnit results; "
                               f"its output ended with:\n{tail}")
    return result

"""The same code under both interpreters, compared line by line: output, exit status, exceptions. Only the
reprs that differ by nature are normalised (u'x' / u"x" and 10L): a dict order, a division or a `map` that
prints differently is exactly what the comparison is for."""
from __future__ import annotations

import difflib
import re
import subprocess
import time
from dataclasses import dataclass

from diracmod.testrun import processes

_UNICODE_PREFIX = re.compile(r"(?<![\w'\"])u(?=['\"])")
_LONG_SUFFIX = re.compile(r"\b(\d+)L\b")


def normalise(line: str) -> str:
    return _LONG_SUFFIX.sub(r"\1", _UNICODE_PREFIX.sub("", line))


def differing(python2: str, python3: str, labels=("python2", "python3")) -> list:
    """The unified diff (no context) of two outputs after normalisation; [] when they agree."""
    a = [normalise(line) for line in python2.splitlines()]
    b = [normalise(line) for line in python3.splitlines()]
    return list(difflib.unified_diff(a, b, labels[0], labels[1], n=0, lineterm=""))


# After the script's own exit, how long a process it started may keep its output open before it is killed
# (a daemonising script: fork, the parent returns): what is buffered in the pipes by then is read
HELD_OUTPUT_GRACE = 1.0
_POLL = 0.2  # how often the script's own exit is looked at while its output is still open


@dataclass
class Outcome:
    code: int | None  # None: killed at the timeout
    stdout: str
    stderr: str
    held: bool = False  # the script exited, a process it started kept its output open (and was killed)

    def transcript(self) -> str:
        """What the comparison looks at: the output, the last line of the error output (the exception, if
        one was raised) and the exit status."""
        last = next((line for line in reversed(self.stderr.splitlines()) if line.strip()), "")
        status = "killed at the timeout" if self.code is None else f"exit status {self.code}"
        return self.stdout + (f"\n[stderr] {last}" if last else "") + f"\n[{status}]"


def run_script(executable: str, argv: list, timeout: float, env: dict) -> Outcome:
    """The script, killed with every process it started once `timeout` seconds have passed. A script that has
    exited while a process it started still holds its output open (tryout16 #14) is done: what the pipes hold
    after HELD_OUTPUT_GRACE is its output, and that process is killed too (`held`)."""
    env = processes.marked(env)
    proc = subprocess.Popen([executable, *argv], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, env=env)
    deadline = time.monotonic() + timeout
    code, held = None, False
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:  # communicate again after its TimeoutExpired loses no output (subprocess's documentation)
                stdout, stderr = proc.communicate(timeout=max(0.0, min(_POLL, remaining)))
                code = proc.returncode
                break
            except subprocess.TimeoutExpired:
                if proc.poll() is not None:  # it has exited: its output may still be open (a daemon child)
                    try:
                        stdout, stderr = proc.communicate(timeout=HELD_OUTPUT_GRACE)
                    except subprocess.TimeoutExpired:
                        held = True
                        processes.kill_all(proc, env[processes.MARK])
                        stdout, stderr = proc.communicate()
                    code = proc.returncode
                    break
                if remaining <= 0:
                    processes.kill_all(proc, env[processes.MARK])
                    stdout, stderr = proc.communicate()
                    break
    finally:
        processes.kill_all(proc, env[processes.MARK])
    return Outcome(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"), held)


def tests(python2_results: list, python3_results: list, key) -> list:
    """(test id, diff) for each test run under python2 whose outcome, first error line or output differ under
    python3, or that python3 did not run; `key` gives a result's id."""
    by_id = {key(result): result for result in python3_results}
    found = []
    for result in python2_results:
        other = by_id.get(key(result))
        # not run under python3 at all: its module did not import there (that failure is its own entry)
        theirs = f"[{other.outcome}] {other.error}\n{other.output}" if other else "[not run: its module did not import]\n"
        lines = differing(f"[{result.outcome}] {result.error}\n{result.output}", theirs)
        if lines:
            found.append((key(result), lines[2:]))  # without the ---/+++ header
    return found

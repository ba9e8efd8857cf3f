"""Every process a run started, found again at its end: the runner's process group, and each process that
still carries the run's mark in its environment (DIRACMOD_RUN). A test's child that called setsid (or forked
twice to become a daemon) has left the group, but it inherited the mark, so it dies with the run."""
from __future__ import annotations

import os
import signal
import subprocess
import uuid

MARK = "DIRACMOD_RUN"


def marked(env: dict) -> dict:
    """`env` with a mark of its own: give it to the process whose leftovers are to be killed."""
    return {**env, MARK: uuid.uuid4().hex}


def _carrying(mark: str) -> list:
    """The pids whose environment holds MARK=mark (this user's processes: /proc/PID/environ of others is
    unreadable)."""
    needle = f"{MARK}={mark}\0".encode()
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as handle:
                environ = handle.read()
        except OSError:  # gone, or not ours
            continue
        if environ.startswith(needle) or b"\0" + needle in environ:
            found.append(int(entry.name))
    return found


def _signal_all(proc: subprocess.Popen, mark: str | None, sig) -> bool:
    """`sig` to the group and to every marked process; whether any was still there."""
    alive = False
    try:
        os.killpg(proc.pid, sig)
        alive = True
    except (ProcessLookupError, PermissionError):
        pass
    for pid in _carrying(mark) if mark else ():
        try:
            os.kill(pid, sig)
            alive = True
        except (ProcessLookupError, PermissionError):
            pass
    return alive


def kill_all(proc: subprocess.Popen, mark: str | None = None) -> None:
    """The runner, everything in its session, and every process with the run's mark: TERM, then KILL."""
    if not _signal_all(proc, mark, signal.SIGTERM):
        return
    try:
        proc.wait(3.0)
    except subprocess.TimeoutExpired:
        pass
    _signal_all(proc, mark, signal.SIGKILL)

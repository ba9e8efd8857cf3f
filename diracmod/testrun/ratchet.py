"""The ratchet: a committed, sorted list of tests known to pass on Python 3, one id a line (`#` comments).
A listed test that no longer passes fails the run; `update` adds the newly passing ones and removes none."""
from __future__ import annotations

import os


class RatchetError(Exception):
    """The ratchet file cannot be read or written (exit 2)."""


def read(path: str) -> list:
    try:
        with open(path, encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    except FileNotFoundError:
        raise RatchetError(f"{path}: no such ratchet file (create it with --update)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RatchetError(f"{path}: cannot be read: {exc}") from None


def lost(listed: list, passing: set) -> list:
    """The listed tests that do not pass now."""
    return sorted(test for test in listed if test not in passing)


def update(path: str, passing: set) -> list:
    """Add the passing tests the file does not list; returns them. Its comments stay at the top."""
    listed = read(path) if os.path.exists(path) else []
    added = sorted(passing - set(listed))
    comments = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            comments = [line for line in handle if line.startswith("#")]
    if added or not os.path.exists(path):
        tmp = f"{path}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.writelines(comments)
                handle.writelines(f"{test}\n" for test in sorted(set(listed) | set(added)))
            os.replace(tmp, path)
        except OSError as exc:
            raise RatchetError(f"{path}: cannot be written: {exc}") from None
    return added

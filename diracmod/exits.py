"""Exit codes and the last-resort error handler every command shares. Imports nothing of diracmod, so
any layer can use it without a cycle."""
from __future__ import annotations

import sys

class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, `timeout`, `kill`): the same clean stop as Ctrl-C - worker processes
    shut down, no file half-written - instead of dying with workers left running."""


def stopped(stop: KeyboardInterrupt) -> tuple:
    """How a run was stopped ("interrupted" or "terminated") and its exit code (128 + the signal)."""
    import signal

    if isinstance(stop, Terminated):
        return "terminated", 128 + signal.SIGTERM
    return "interrupted", 128 + signal.SIGINT


EXIT_CODES = """exit codes:
  0  no findings
  1  findings (or files that could not be checked: they are findings too)
  2  usage or configuration error, nothing to check (no *.py file found), or the report cannot be
     written where -o says (the message says what to change)
  3  internal error (please report it, with the command and the file)"""

FIX_EXIT_CODES = """exit codes:
  0  done: the diff is printed, or with --write every change is written; with --check: nothing would change
  1  some file was left unchanged because it could not be read or fixed safely (each is listed with the
     reason: it still needs work); with --check also: some file would change
  2  usage or configuration error, or nothing to fix (no *.py file found)
  3  internal error (please report it, with the command and the file)
  130 interrupted (Ctrl-C; 143: SIGTERM): with --write the files already fixed stay written, each whole (one by
     one, each atomically); the message says how many: run it again to fix the rest"""

BASELINE_EXIT_CODES = """exit codes:
  0  the baseline is written (its findings accepted: `diracmod check` fails only on new ones)
  2  usage or configuration error, a path that does not exist, or nothing to check (no *.py file found):
     the baseline is left unchanged
  3  internal error (please report it, with the command and the file)"""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def internal_error(exc: Exception, hint: str) -> int:
    """The last line of defence of every command: say what happened, no traceback."""
    print(f"diracmod: internal error: {type(exc).__name__}: {exc}\n"
          f"Please report it with the command line; {hint}", file=sys.stderr)
    return EXIT_INTERNAL

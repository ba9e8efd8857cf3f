"""diracmod's command line. Each subcommand is a module with a `register(subparsers)` (diracmod/commands/); this file only wires them, in the order `--help` lists them."""
from __future__ import annotations

import argparse
import gc
import importlib
import os
import signal
import sys
import threading
import warnings

from diracmod import __version__
from diracmod.core.report_file import ReaderMayLeave, reader_gone
from diracmod.exits import EXIT_CLEAN, EXIT_USAGE, Terminated, internal_error, stopped

# Each command has its own exit codes (1 is check's findings, fix's file left unchanged, tests' Python 2 only
# pass): the top-level help gives what they share and sends to each command's table.
EXIT_CODES = """exit codes: each command's own, in `diracmod COMMAND --help`. What they share:
  0  nothing to report (check: no findings; fix: done; tests: every test passing on Python 2 passes on 3)
  1  something needs a person (check: findings; fix: a file left unchanged, with the reason; tests: a test
     passes on Python 2 and not on Python 3)
  2  usage or configuration error
  3  internal error (please report it, with the command)"""

# Command name -> its module in diracmod.commands, in the order `--help` lists them. The modules are loaded by
# name, here and nowhere else, and only the named command's: start-up time, not a cycle. `check` has no use for
# libcst (fix), the HTTP stack (deps) or rich's syntax highlighter (explain); a pre-commit hook or a warm
# re-check pays each command's imports only when that command runs.
COMMANDS = {"check": "check", "fix": "fix", "rules": "rules", "explain": "rules", "deps": "deps",
            "report": "report", "tests": "tests", "run-both": "run_both", "baseline": "baseline", "lock": "lock",
            "merge": "merge"}


def _terminate(signum, frame):
    raise Terminated()


def _version_only(options) -> bool:
    """Every option is --version or an abbreviation argparse expands to it (allow_abbrev: "--vers")."""
    return all(len(option) > 2 and "--version".startswith(option) for option in options)


def _modules(argv):
    """The command modules `argv` needs: the named command's; none for `--version` alone; every one to list
    them (`--help`, no command, an unknown one). Only --version may come before an unambiguous command word:
    anything else there (-h, --he that argparse expands to --help, `--`, an unknown option) ends in a listing or
    an error that names every command."""
    position = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), len(argv))
    named, before = argv[position] if position < len(argv) else None, argv[:position]
    if not _version_only(before):  # `diracmod --he check` lists every command
        names = COMMANDS.values()
    elif named in COMMANDS:
        names = [COMMANDS[named]]
    elif named is None and before:
        names = []
    else:
        names = COMMANDS.values()
    return [importlib.import_module(f"diracmod.commands.{name}") for name in dict.fromkeys(names)]


def build_parser(argv=()) -> argparse.ArgumentParser:
    return _parsers(argv)[0]


def _parsers(argv):
    """(the top-level parser, its sub-commands' action)."""
    parser = argparse.ArgumentParser(
        prog="diracmod",
        description="Python 2 -> 3 migration toolkit: the pylint --py3k catalogue, pycodestyle and "
                    "syntax under both interpreters, in one fast pass.",
        epilog="Start with `diracmod check .`; `diracmod explain SYMBOL` tells why a rule matters and "
               "what to write instead.\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"diracmod {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in _modules(argv):
        command.register(sub)
    return parser, sub


def _parse(argv):
    """The arguments, or exit 2 with the usage of the command they are wrong for. argparse leaves the words
    after a sub-command's positionals once an option comes between (`baseline create -q m.py`) and reports any
    leftover with the top-level usage: the sub-command parses its own words again, intermixed, so that it takes
    them or says what it does take."""
    parser, sub = _parsers(argv)
    args, extra = parser.parse_known_args(argv)
    command = sub.choices.get(getattr(args, "command", None))
    if not extra or command is None:
        return parser.parse_args(argv)
    words = argv[argv.index(args.command) + 1:]
    try:
        parsed = command.parse_intermixed_args(words)
    except TypeError:  # argparse cannot intermix a command line given whole (run-both's): its own parse, usage
        parsed = command.parse_args(words)
    parsed.command = args.command
    return parsed


def main(argv=None) -> int:
    if sys.stderr is None:  # started with 2>&-: print(file=None) would put messages into the report on stdout
        sys.stderr = open(os.devnull, "w")
    try:
        os.getcwd()  # relative paths and settings are found from it
    except FileNotFoundError:
        print("diracmod: the current directory no longer exists: cd into an existing one", file=sys.stderr)
        return EXIT_USAGE
    # A run keeps what it makes (tens of thousands of findings, their fingerprints, the baseline's entries) and
    # makes little cyclic garbage: the default generation-0 threshold (700 allocations) spent 0.15 s of a warm
    # re-check's 0.8 s CPU in collections that free nothing
    gc.set_threshold(10_000, 10, 10)
    # Python 3's warnings on the code under study (`1else`, `"\d"`), raised by every ast.parse of it, are not
    # ours to print mid-run with no file name; invalid escapes have their own rule (forked workers inherit this)
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning, message="invalid escape sequence")
    if threading.current_thread() is threading.main_thread():  # signal handlers: main thread only
        signal.signal(signal.SIGTERM, _terminate)
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        args = _parse(argv)
        if not getattr(args, "func", None):
            build_parser(argv).print_help()
            return EXIT_USAGE
        return _run(args)
    except KeyboardInterrupt as stop:
        how, code = stopped(stop)
        print(f"diracmod: {how}", file=sys.stderr)
        return code
    except BrokenPipeError:  # a write that bypassed _run's streams (kept by a library): its outcome is lost
        reader_gone()
        return EXIT_CLEAN
    except Exception as exc:  # noqa: BLE001  a command's own handler missed it: still no traceback
        return internal_error(exc, "run it again with a smaller set of paths to narrow it down.")


def _run(args) -> int:
    """The command, with stdout and stderr that survive their reader leaving early: its exit code stands."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (stream if stream is None else ReaderMayLeave(stream) for stream in streams)
    try:
        return args.func(args)
    finally:
        sys.stdout, sys.stderr = streams

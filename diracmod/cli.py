"""diracmod's command line. Each subcommand lives with its feature; this file only wires them."""
from __future__ import annotations

import argparse
import os
import sys

from diracmod import __version__
from diracmod.core.report_file import reader_gone

EXIT_CODES = """exit codes:
  0  no findings
  1  findings (or files that could not be checked: they are findings too)
  2  usage or configuration error, nothing to check (no *.py file found), or the report cannot be
     written where -o says (the message says what to change)
  3  internal error (please report it, with the command and the file)"""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def internal_error(exc: Exception, hint: str) -> int:
    """The last line of defence of every command: say what happened, no traceback."""
    print(f"diracmod: internal error: {type(exc).__name__}: {exc}\n"
          f"Please report it with the command line; {hint}", file=sys.stderr)
    return EXIT_INTERNAL


def build_parser() -> argparse.ArgumentParser:
    from diracmod.check import baseline_command, merge_command
    from diracmod.check import command as check_command
    from diracmod.core import rules_command
    from diracmod.deps import command as deps_command
    from diracmod.report import command as report_command

    parser = argparse.ArgumentParser(
        prog="diracmod",
        description="Python 2 -> 3 migration toolkit: the pylint --py3k catalogue, pycodestyle and "
                    "syntax under both interpreters, in one fast pass.",
        epilog="Start with `diracmod check .`; `diracmod explain SYMBOL` tells why a rule matters and "
               "what to write instead.\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"diracmod {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check_command.register(sub)
    rules_command.register(sub)
    deps_command.register(sub)
    report_command.register(sub)
    baseline_command.register(sub, EXIT_CODES)
    merge_command.register(sub, EXIT_CODES)
    return parser


def main(argv=None) -> int:
    if sys.stderr is None:  # started with 2>&-: print(file=None) would put messages into the report on stdout
        sys.stderr = open(os.devnull, "w")
    try:
        os.getcwd()  # relative paths and settings are found from it
    except FileNotFoundError:
        print("diracmod: the current directory no longer exists: cd into an existing one", file=sys.stderr)
        return EXIT_USAGE
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_USAGE
        return args.func(args)
    except KeyboardInterrupt:
        print("diracmod: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        reader_gone()
        return EXIT_CLEAN
    except Exception as exc:  # noqa: BLE001  a command's own handler missed it: still no traceback
        return internal_error(exc, "run it again with a smaller set of paths to narrow it down.")

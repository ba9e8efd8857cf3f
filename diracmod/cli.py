"""diracmod's command line. Each subcommand lives with its feature; this file only wires them."""
from __future__ import annotations

import argparse
import os
import sys

from diracmod import __version__
from diracmod.core.report_file import reader_gone
from diracmod.exits import EXIT_CLEAN, EXIT_CODES, EXIT_USAGE, internal_error


def build_parser() -> argparse.ArgumentParser:
    from diracmod.check import baseline_command, merge_command
    from diracmod.check import command as check_command
    from diracmod.core import rules_command
    from diracmod.deps import command as deps_command
    from diracmod.fix import command as fix_command
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
    fix_command.register(sub)
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

"""`diracmod run-both SCRIPT ARGS...`: a script under Python 2 and Python 3, and where their output differs."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from diracmod.core import config as configuration
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, internal_error

HELP = """Run SCRIPT with ARGS under the Python 2 and the Python 3 interpreter of `diracmod tests` and show
the lines where what they print differs (stdout, then the last line of stderr - the exception, if one was
raised - and the exit status), the way porters check dict order, division, `map` and sort order by hand.
Only the reprs that differ by nature are normalised: u'x' and 10L.

examples:
  diracmod run-both scripts/report.py --since 2020-01-01
  diracmod run-both --python2 venv27/bin/python tool.py"""

RUN_BOTH_EXIT_CODES = """exit codes:
  0  the same output under both interpreters
  1  the outputs differ (the differing lines are shown), or the script was killed at --timeout (a script that
     exited while a process it started kept its output open is compared, and that process killed)
  2  usage error: the script or an interpreter not found
  3  internal error (please report it, with the command)"""


def register(sub):
    parser = sub.add_parser("run-both", help="run a script under Python 2 and 3 and show differing output",
                            description=HELP, epilog=RUN_BOTH_EXIT_CODES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python2", metavar="PYTHON", help="default: [tool.diracmod.tests] python2, or python2.7")
    parser.add_argument("--python3", metavar="PYTHON", help="default: [tool.diracmod.tests] python3, or python3")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S",
                        help="per interpreter, a wall-clock limit: the script and every process it started are then "
                        "killed, and the run fails (default: 300)")
    parser.add_argument("script", help="the Python script")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    parser.set_defaults(func=run)


def run(args) -> int:
    from diracmod.testrun import compare
    from diracmod.testrun.execute import clean_environment
    from diracmod.testrun.settings import SettingsError, resolve

    if not os.path.isfile(args.script):
        print(f"diracmod run-both: {args.script}: no such file", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = configuration.load(Path(os.path.abspath(os.path.dirname(args.script) or ".")))
        settings = resolve(config.root, config.tests, {"python2": args.python2, "python3": args.python3})
    except (configuration.ConfigError, SettingsError) as exc:
        print(f"diracmod run-both: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        outcomes = [compare.run_script(interpreter.executable, [args.script, *args.args], args.timeout,
                                       clean_environment()) for interpreter in settings.interpreters]
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "run the script under each interpreter by hand to narrow it down.")
    timed_out = [i.executable for i, outcome in zip(settings.interpreters, outcomes) if outcome.code is None]
    for executable in timed_out:
        print(f"diracmod run-both: killed at the timeout ({args.timeout:g} s) under {executable}, with every "
              "process the script started", file=sys.stderr)
    for interpreter, outcome in zip(settings.interpreters, outcomes):
        if outcome.held:  # a daemonising script (tryout16 #14): its own exit and output are compared
            print(f"diracmod run-both: under {interpreter.executable} the script exited {outcome.code}; a process "
                  f"it started kept its output open: what it printed by {compare.HELD_OUTPUT_GRACE:g} s later "
                  "is compared, and it was killed", file=sys.stderr)
    lines = compare.differing(*(outcome.transcript() for outcome in outcomes),
                              labels=tuple(i.executable for i in settings.interpreters))
    if not lines and not timed_out:
        print("diracmod run-both: the same output under both interpreters", file=sys.stderr)
        return EXIT_CLEAN
    for line in lines:
        print(line)
    return EXIT_FINDINGS

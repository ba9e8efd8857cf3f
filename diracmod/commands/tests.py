"""`diracmod tests`: the project's own test suite under Python 2 and Python 3, per module."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from diracmod.check.files import excludes
from diracmod.core import config as configuration
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, internal_error

TESTS_EXIT_CODES = """exit codes:
  0  every test that passes on Python 2 also passes on Python 3 (with --ratchet: no listed test stopped
     passing on Python 3)
  1  some test passes on Python 2 and not on Python 3 (with --ratchet: a listed test no longer passes, named),
     or an interpreter's run gave no result at all (the summary says why)
  2  usage or configuration error: an interpreter not found, a test path or ratchet file missing, a test
     path that is not a Python test file or holds no test (Python 2 finds none), a report that cannot be
     written
  3  internal error (please report it, with the command)"""

HELP = """Run the project's own test suite under Python 2 and Python 3 and say, per module, which tests
pass on both, on Python 2 only, or on neither, with the failures grouped by cause (ImportError of X,
TypeError bytes/str, NameError unicode...). A test exercises the project modules its test module imports,
directly or not.

A test's id is the same whichever runner ran it, in pytest's form: tests/test_x.py::Class::test_name; a test
module that does not import is its `(import)` test, and its tests carry that failure.

Each interpreter runs in its own process group with the project root on its path; nothing but --output is
written into the tree (no .pyc). A test gets --test-timeout seconds (unittest: an alarm interrupts it; pytest and nose:
the runner is killed when no test finishes in time); a test that cannot be interrupted is killed with its
processes, reported by name, and the rest of the suite runs on (unittest: so does a test module whose import
hangs or ends the process, os._exit(), a crash: its (import) result says so). --deadline bounds each interpreter's run.

Writes reports/tests.json (schema: diracmod/testrun/schema/tests-1.json) and the JUnit files of each run.

examples:
  diracmod tests                               the suite under tests/ (or .): unittest discovery
  diracmod tests --runner pytest               with pytest under both interpreters
  diracmod tests tests/test_jobdb.py           one test file's tests (the project: where its pyproject.toml is)
  diracmod tests tests/unit                    one test directory's tests, in its project likewise
  diracmod tests --python2 venv27/bin/python   a virtual environment's interpreter
  diracmod tests --ratchet tests-py3.txt       CI: exit 1 when a test listed there stops passing on Python 3
  diracmod tests --ratchet tests-py3.txt --update   add the tests that pass on Python 3 now
  diracmod tests --compare                     show tests whose outcome or output differ
  diracmod tests --format junit > both.xml     both runs' JUnit XML in one document

Settings: pyproject.toml [tool.diracmod.tests]:
  python2 = "python2.7"        python3 = "python3"      interpreters (names on PATH or paths)
  runner = "unittest"          unittest | pytest | nose (python2-runner, python3-runner: per interpreter)
  paths = ["tests"]            what the runner gets: directories ([Tt]est*.py), files, module names
  pythonpath = []              directories before the project root (python2-pythonpath, python3-pythonpath)
  test-timeout = 60            deadline = 1800       seconds
  ratchet = "tests-py3.txt"    the default for --ratchet"""


def register(sub):
    parser = sub.add_parser("tests", help="run the project's tests under Python 2 and 3: per module, by cause",
                            description=HELP, epilog=TESTS_EXIT_CODES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=".",
                        help="the project (default: .), or a test file or directory of it: its tests alone")
    parser.add_argument("--format", choices=("text", "json", "junit"), default="text",
                        help="stdout: text tables, the JSON report, or both runs' JUnit XML (default: text)")
    parser.add_argument("-o", "--output", default="reports", metavar="DIR",
                        help="where tests.json and the JUnit files go, relative to the project (default: reports)")
    parser.add_argument("--python2", metavar="PYTHON",
                        help="the Python 2 interpreter (default: $DIRACMOD_PY27, else python2.7)")
    parser.add_argument("--python3", metavar="PYTHON", help="the Python 3 interpreter (default: python3)")
    parser.add_argument("--runner", choices=configuration.TEST_RUNNERS, help="default: unittest")
    parser.add_argument("--test-timeout", type=_seconds, metavar="S", help="per test (default: 60)")
    parser.add_argument("--deadline", type=_seconds, metavar="S", help="per interpreter's whole run (default: 1800)")
    parser.add_argument("--ratchet", metavar="FILE",
                        help="sorted list of tests known to pass on Python 3: exit 1 naming any that no longer does")
    parser.add_argument("--update", action="store_true", help="with --ratchet: add the newly passing tests")
    parser.add_argument("--compare", action="store_true",
                        help="show the tests whose outcome or output differ between the interpreters")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to leave out of "
                                                                            "the module map")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value < 1e9:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def _usage(message: str) -> int:
    print(f"diracmod tests: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args) -> int:
    # networkx (the import graph) loads when `tests` runs, as for `report`
    from diracmod.testrun import ratchet
    from diracmod.testrun.execute import InterpreterError
    from diracmod.testrun.settings import SettingsError

    if not os.path.exists(args.path):
        return _usage(f"{args.path}: no such file or directory (give the project's root or a test file)")
    try:
        return _run(args)
    except (configuration.ConfigError, SettingsError, InterpreterError, ratchet.RatchetError) as exc:
        return _usage(str(exc))
    except OSError as exc:
        return _usage(f"cannot write the report: {exc}")
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "the runner's output is in the .log files next to tests.json.")


def _root_and_tests(path: str) -> tuple:
    """(the project's root, the test file or directory given or None: the settings' paths). A path's project
    is the nearest directory at or above it holding pyproject.toml, setup.cfg or tox.ini (where its settings
    are: `diracmod tests tests` runs tests/ in its project, whose root is on the path so that the project's
    modules import). Without one, a directory is the root; a file's is the working directory when the file is
    in it (its module map and imports), else the file's directory."""
    is_directory = os.path.isdir(path)
    directory = Path(path) if is_directory else Path(path).parent
    cwd = Path.cwd()
    found = configuration.find_root(directory)
    root = found or (directory if is_directory or not (directory == cwd or cwd in directory.parents) else cwd)
    return str(root), (path if root != Path(path) else None)


def _run(args) -> int:
    from rich.console import Console

    from diracmod.testrun import compare, execute, junit, model, ratchet, render, settings as test_settings
    from diracmod.testrun.mapping import ModuleMap
    from diracmod.testrun.progress import bars

    root, tests = _root_and_tests(os.path.abspath(args.path))
    config = configuration.load(Path(root))
    overrides = {"python2": args.python2, "python3": args.python3, "runner": args.runner,
                 "test_timeout": args.test_timeout, "deadline": args.deadline,
                 "ratchet": os.path.abspath(args.ratchet) if args.ratchet else None,
                 "paths": [os.path.relpath(tests, root)] if tests else None}
    settings = test_settings.resolve(root, config.tests, overrides)
    if args.update and not settings.ratchet:
        return _usage("--update needs --ratchet FILE (or ratchet = ... in [tool.diracmod.tests])")
    if settings.ratchet and not args.update:
        listed = ratchet.read(settings.ratchet)  # a missing file is a usage error before the suite runs
    output = Path(root, args.output)
    output.mkdir(parents=True, exist_ok=True)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="diracmod-tests-") as workdir:
        with bars(not args.quiet and sys.stderr.isatty()) as progress:
            for interpreter in settings.interpreters:
                runs[interpreter.role] = execute.run(interpreter, settings, Path(workdir), progress(interpreter.role))
        junit_files = {}
        for role, result in runs.items():  # kept next to the report: the raw results, and the runner's output
            os.replace(Path(workdir, f"{role}.log"), output / f"tests-{role}.log")
            junit_files[role] = []
            for number, path in enumerate(result.junit_files, 1):
                junit_files[role].append(output / f"tests-{role}-{number}.xml")
                os.replace(path, junit_files[role][-1])
    modules = ModuleMap(root, excludes(args, config), settings.paths, int(config.max_file_size * 1_000_000))
    document = model.build(root, runs, modules, settings)
    (output / "tests.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    console = Console(highlight=False)
    if args.format == "json":
        print(json.dumps(document, indent=1))
    elif args.format == "junit":
        print(junit.merge(junit_files))
    else:
        render.text(document, console)
    if args.compare:
        render.comparison(compare.tests(runs["python2"].results, runs["python3"].results,
                                        lambda result: modules.test_id(result.classname, result.name)[1]),
                          Console(stderr=args.format != "text", highlight=False))
    passing3 = {row["id"] for row in document["tests"] if row["python3"]["outcome"] == "passed"
                and not row["id"].endswith("::" + junit.IMPORT)}
    python2 = runs["python2"]
    if not (python2.results or python2.problems or python2.killed):  # it ran to the end and found nothing
        return _usage(f"{', '.join(settings.paths)}: no test there (Python 2's {python2.interpreter.runner} "
                      "finds none)")
    if any(not run.results for run in runs.values()):
        return EXIT_FINDINGS  # an interpreter that ran nothing (its problem is in the summary) proves nothing
    if not settings.ratchet:
        return EXIT_CLEAN if document["summary"]["python2_only"] == 0 else EXIT_FINDINGS
    if args.update:
        added = ratchet.update(settings.ratchet, passing3)
        print(f"diracmod tests: {len(added)} test(s) added to {settings.ratchet}", file=sys.stderr)
        listed = ratchet.read(settings.ratchet)
    stopped = ratchet.lost(listed, passing3)
    for test in stopped:
        print(f"diracmod tests: {test} is in {settings.ratchet} and no longer passes on Python 3", file=sys.stderr)
    return EXIT_FINDINGS if stopped else EXIT_CLEAN

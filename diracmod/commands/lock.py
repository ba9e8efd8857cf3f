"""`diracmod lock`: add the directories that reached zero py3k findings to [tool.diracmod] ported, the
directories that must stay py3k-clean (DIRAC kept that list by hand in tests/py3CheckDirs.txt)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path, PurePosixPath

import tomlkit

from diracmod.check.files import check_files, excludes
from diracmod.check.policy import PY3K_CLEAN, inside
from diracmod.check.selection import Selection
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.core.report_file import ReportError, write_report
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from diracmod.gate.fingerprint import project_path

HELP = """Lock the directories that have no py3k finding left (what `diracmod check --select py3k` reports,
syntax included) into [tool.diracmod] ported in the project's pyproject.toml: from then on a py3k finding
there fails the gate whatever the baseline says.

  diracmod lock                 every directory of the project at zero (the top-most ones)
  diracmod lock src/DIRAC/Core  this one; refused, with its findings counted, unless it is at zero

Only the pyproject.toml of the current directory's project is written, and only for directories inside it."""

LOCK_EXIT_CODES = """exit codes:
  0  locked, or nothing to lock
  1  a directory given was not locked: py3k findings are left there (counted)
  2  usage error: bad option or configuration, a directory not in the current project, pyproject.toml
     not writable
  3  internal error (please report it, with the command)"""


def register(sub):
    parser = sub.add_parser("lock", help="add the directories at zero py3k findings to [tool.diracmod] ported",
                            description=HELP, epilog=LOCK_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directories", nargs="*", help="directories to lock (default: every one at zero)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip in directories")
    parser.add_argument("-j", "--jobs", type=int, help="processes (default: [tool.diracmod] jobs, every core)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.set_defaults(func=run, quiet=True, include_py2_branches=False)


def _dirty(findings, root) -> dict:
    """{project path of a file: its py3k findings}."""
    counts = {}
    for finding in findings:
        if finding.checker in PY3K_CLEAN:
            path = project_path(finding.path, root)
            counts[path] = counts.get(path, 0) + 1
    return counts


def _directories(files, root) -> set:
    """Every directory holding a checked file, with the directories above it up to the project root."""
    found = set()
    for path in files:
        found.update(str(parent) for parent in PurePosixPath(project_path(path, root)).parents)
    return found


def _at_zero(directories, dirty, ported) -> list:
    """The top-most of `directories` with no finding under them and not yet in `ported`."""
    clean = {d for d in directories if not any(inside(path, d) for path in dirty)}
    return sorted(d for d in clean if not any(inside(d, p) for p in ported)
                  and not any(inside(d, other) and other != d for other in clean))


def _write(root: str, ported: list) -> str:
    """`ported` into [tool.diracmod] of the root's pyproject.toml (created if missing), comments kept."""
    path = Path(root, "pyproject.toml")
    document = tomlkit.parse(path.read_text("utf-8")) if path.is_file() else tomlkit.document()
    table = document.setdefault("tool", tomlkit.table(is_super_table=True)).setdefault("diracmod", tomlkit.table())
    entries = tomlkit.array()
    entries.extend(sorted(ported))
    table["ported"] = entries.multiline(True)
    write_report(str(path), tomlkit.dumps(document))
    return str(path)


def run(args) -> int:
    try:
        config = configuration.load(Path.cwd())  # the project whose pyproject.toml may be written
        wanted = [project_path(d, config.root) for d in args.directories]
        for directory, name in zip(wanted, args.directories):
            if not os.path.isdir(name) or directory.startswith("..") or os.path.isabs(directory):
                raise configuration.ConfigError(f"{name}: not a directory in the project at {config.root} "
                                                "(lock writes only the current directory's project)")
        args.paths = args.directories or [config.root]
        discovery = discover(args.paths, excludes(args, config))
        findings, _, checked, _ = check_files(args, config, Selection(["py3k"]), discovery)
    except (configuration.ConfigError, ReportError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    dirty = _dirty(findings, config.root)
    refused = []
    for directory in wanted:
        left = sum(count for path, count in dirty.items() if inside(path, directory))
        if left:
            refused.append(directory)
            print(f"diracmod: {directory}: not locked, {left} py3k finding(s) left "
                  f"(`diracmod check --select py3k {directory}`)", file=sys.stderr)
    added = ([d for d in wanted if d not in refused and not any(inside(d, p) for p in config.ported)] if wanted
             else _at_zero(_directories(checked, config.root), dirty, config.ported))
    if added:
        try:
            where = _write(config.root, [p for p in config.ported if not any(inside(p, a) for a in added)] + added)
        except ReportError as exc:
            print(f"diracmod: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"diracmod: {where}: locked {', '.join(added)} ({len(config.ported)} before)", file=sys.stderr)
    elif not refused:
        print("diracmod: nothing to lock: no directory outside [tool.diracmod] ported is at zero py3k findings",
              file=sys.stderr)
    return EXIT_FINDINGS if refused else EXIT_CLEAN

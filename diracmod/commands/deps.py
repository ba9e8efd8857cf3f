"""`diracmod deps`: dependency readiness for Python 3 and Python 2.7, at once."""
from __future__ import annotations

import argparse
import io
import os
import sys
import urllib.parse

from rich.console import Console

from diracmod.core import config as configuration
from diracmod.core.report_file import ReportError, check_target, write_report
from diracmod.deps import report as output
from diracmod.deps.analysis import Options, analyse, default_cache_dir
from diracmod.deps.credentials import origin, redact
from diracmod.deps.index import DEFAULT_INDEX
from diracmod.deps.inputs import discover
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, internal_error

HELP = """Find what a tree depends on and say, for each dependency, whether the versions it allows run on
Python 2.7 and on Python 3 (3.6 or newer) - both at once being what a hybrid code base needs while it
migrates - which release runs on both (the bridge), and what blocks the migration, named plainly.

Reads requirements files (nested -r/-c, markers, extras, VCS/URL lines), setup.py (its AST, never
executed), setup.cfg, pyproject.toml (PEP 621 and Poetry), conda environment.yml (and its pip:
section), and the imports in the code: undeclared third-party imports and declared-but-unused
distributions are reported, and so are Python 2 standard-library modules Python 3 renamed or removed.

Evidence comes from the package index's JSON API (every release's Requires-Python, wheel tags,
yanked flag; classifiers of the newest release or read from a wheel's METADATA), then from diracmod's
curated table. Dependencies of the chosen release are walked (Requires-Dist) and blockers deep in the
tree are shown as chains ("A needs B, B: no Python 3 release"). Index answers are cached on disk
(--ttl); --offline uses the cache only. When the index cannot be reached the verdicts say "unknown"
(a warning says why): an unknown is never taken as ported.

Each verdict is of one kind (the JSON `kind`):
  blocks        no release on the index runs on Python 3 (or a curated replacement is required): replace it
  needs-change  a pin or an environment marker fixes it: pip would install, on Python 2.7, a release
                that dropped Python 2 without saying so in Requires-Python; a py2-only backport
                (futures, enum34) lacks `; python_version < "3"`; the pin excludes every Python 3 release;
                a Python 3 only distribution lacks `; python_version >= "3"`
  fine          pip installs, on each Python, a release that runs there, as written (a newer release
                declaring Requires-Python is skipped by pip on 2.7 itself: the bridge is installed)
  unknown       no evidence (VCS/URL requirement, index unreachable, nothing declared): check by hand

Only files are read, never more than 2 MB each; FIFOs, devices and directories are skipped with a
warning. A path a project file points at (-r/-c includes, setup.cfg `file:`, a symlinked
requirements file) is read only inside the project - the directory given, or the nearest directory
above a given file with pyproject.toml, setup.py, setup.cfg, tox.ini or .git - or under an
--allow-include directory; otherwise a warning names it and nothing of it is read. Warnings never
quote a file's lines (at most a requirement's name), and credentials in requirement URLs are masked.

examples:
  diracmod deps                           this directory (requirements*.txt, setup.py, ..., imports)
  diracmod deps requirements.txt          one file (its -r includes too)
  diracmod deps --format json -o deps.json
  diracmod deps --offline                 no network: cached answers, else "unknown"
  diracmod deps --index-url https://mirror.example/simple/
  diracmod deps --index-url https://user:TOKEN@private.example/simple/   (or ~/.netrc, or keyring)"""

EXIT_CODES = """exit codes:
  0  no dependency blocks the migration (needs-change and unknown verdicts do not fail the run
     unless --strict)
  1  at least one dependency blocks it (or, with --strict, needs a change or is unknown)
  2  usage error (bad option, missing path, invalid --index-url)
  3  internal error (please report it, with the command line)"""


def register(sub):
    parser = sub.add_parser("deps", help="check that dependencies run on Python 2.7 and Python 3",
                            description=HELP, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH|FILE",
                        help="directories (searched for requirement files, their code scanned for imports) and files")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    parser.add_argument("--index-url", default=DEFAULT_INDEX, metavar="URL",
                        help="package index, as pip's --index-url (default: %(default)s); its JSON API "
                             "(/pypi/NAME/json) is used, else its Simple API")
    parser.add_argument("--offline", action="store_true", help="never touch the network: the cache, else unknown")
    parser.add_argument("--refresh", action="store_true", help="ignore cached index data younger than --ttl")
    parser.add_argument("--cache-dir", metavar="DIR", help="index cache (default: $DIRACMOD_CACHE_DIR, else "
                                                           "~/.cache/diracmod/index)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the index cache")
    parser.add_argument("--ttl", type=float, default=24.0, metavar="HOURS",
                        help="cache lifetime (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="total time per request - connect, answer, redirects - however slowly the server "
                             "sends (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=16, help="concurrent requests (default: %(default)s)")
    parser.add_argument("--depth", type=int, default=8,
                        help="transitive levels to walk; 0: direct only (default: %(default)s)")
    parser.add_argument("--no-imports", action="store_true", help="do not scan the code for imports")
    parser.add_argument("--site-packages", action="append", metavar="DIR",
                        help="map imports to distributions with the metadata installed here "
                             "(default: the environment diracmod runs in)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="path globs not scanned for imports")
    parser.add_argument("--allow-include", action="append", metavar="DIR", default=[],
                        help="let -r/-c includes, setup.cfg `file:` and symlinks read files under DIR, outside "
                             "the project (repeatable)")
    parser.add_argument("--strict", action="store_true",
                        help="needs-change and unknown verdicts fail the run too (exit 1), not only blockers")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the evidence behind every verdict")
    parser.set_defaults(func=run)


def _options(args):
    try:
        valid = urllib.parse.urlsplit(args.index_url).scheme in ("http", "https") and origin(args.index_url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        valid = False
    if not valid:
        shown = redact(args.index_url)
        if "@" in shown and "****" not in shown:  # not URL-shaped enough to redact: show only what follows the @
            shown = "****@" + shown.rsplit("@", 1)[1]
        raise ValueError(f"--index-url {shown!r}: expected an http(s) URL with a host and a valid port, such as "
                         "https://pypi.org/simple/ (credentials as https://user:TOKEN@host/simple/)")
    for name in ("ttl", "timeout"):
        if getattr(args, name) < 0:
            raise ValueError(f"--{name} must not be negative")
    if args.jobs < 1 or args.depth < 0:
        raise ValueError("--jobs must be at least 1 and --depth at least 0")
    excludes = tuple(item.strip() for value in args.exclude or () for item in value.split(",") if item.strip())
    return Options(index_url=args.index_url, offline=args.offline, refresh=args.refresh,
                   cache_dir=None if args.no_cache else (args.cache_dir or default_cache_dir()),
                   ttl=args.ttl * 3600, timeout=args.timeout, jobs=args.jobs, depth=args.depth,
                   imports=not args.no_imports, site_packages=tuple(args.site_packages or ()), exclude=excludes,
                   allow_include=tuple(args.allow_include), strict=args.strict)


def _refuse_unsafe_output(args):
    """-o must never replace a file deps reads: the given files, the requirement files and manifests found in
    the given directories (by any name), or code under them."""
    found, _, _ = discover(args.paths)
    inputs = [str(path) for _, path in found] + [p for p in args.paths if not os.path.isdir(p)]
    check_target(args.output, inputs, [p for p in args.paths if os.path.isdir(p)], lambda name: name.endswith(".py"))


def run(args) -> int:
    try:
        options = _options(args)
    except ValueError as exc:
        print(f"diracmod deps: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:  # [tool.diracmod] exclude applies to the import scan too
        options.exclude = tuple(configuration.load().exclude) + options.exclude
    except configuration.ConfigError as exc:
        print(f"diracmod deps: {exc}", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        print(f"diracmod deps: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        _refuse_unsafe_output(args)
        report = analyse(args.paths, options)
        if args.format == "json":
            text = output.as_json(report)
        else:
            terminal = args.output is None and sys.stdout.isatty()
            buffer = io.StringIO()
            console = Console(file=buffer, width=None if terminal else 160, force_terminal=terminal,
                              no_color=not terminal, highlight=False, soft_wrap=False)
            output.render(report, console, verbose=args.verbose)
            text = buffer.getvalue()
        write_report(args.output, text)
    except ReportError as exc:
        print(f"diracmod deps: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"diracmod deps: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "--no-imports or --depth 0 may help narrow it down.")
    for warning in report.warnings:
        print(f"diracmod deps: warning: {warning}", file=sys.stderr)
    return EXIT_FINDINGS if report.failing() else EXIT_CLEAN

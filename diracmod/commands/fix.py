"""`diracmod fix`: the diff by default, `--write` to apply, `--check` for CI."""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

from diracmod.check import gating
from diracmod.check.engine import in_order
from diracmod.check.files import excludes, progress, workers
from diracmod.check.selection import SelectionError
from diracmod.commands.check import jobs_value, nothing_to_check, settings
from diracmod.core import catalogue, hard_links
from diracmod.core import config as configuration
from diracmod.core.discover import discover
from diracmod.core.regular_file import SourceError, read_entry
from diracmod.core.report_file import EntryChanged, ReportError, replace_atomically, write_report
from diracmod.exits import (EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, FIX_EXIT_CODES, internal_error,
                            stopped)
from diracmod.source import project_index

HELP = """Rewrite Python 2 code into hybrid code that runs on Python 2.7 and Python 3 (six and the
__future__ imports, DIRAC's style). Only what `diracmod check` reports is rewritten, and only rules the
catalogue marks fixable (`diracmod rules` shows them): first the Python-2-only syntax (print statement,
`except E, e`, backticks, `0777`, `10L`... with fissix), then the rest (libcst codemods). A `# noqa` or
`# pylint: disable=` comment on a line stops its rewrite.

A file is changed only if the result parses under Python 2.7 and Python 3, compiles under Python 3 (or
the original did not either: then its note says why it still needs a person), uses no name that was not
defined before, and keeps every comment; otherwise it is left byte for byte as it was and listed with the
reason. Encoding, coding line, BOM, line endings (a file mixing CRLF and LF gets its first line's, as
black does) and indentation are kept; a second run changes nothing.

examples:
  diracmod fix src/                          show the diff, change nothing
  diracmod fix --write src/                  apply it (each file replaced atomically; mode, owner, group kept)
  diracmod fix --check src/                  CI: exit 1 if anything would change or cannot be fixed
  diracmod fix --select xrange-builtin,W1612 src/   only these rules
  diracmod fix --ignore print-statement src/        all fixable rules but this one
  diracmod fix --unsafe --write src/         also the rewrites that can change behaviour

Settings (exclude, select, ignore, max-file-size, jobs) are check's: pyproject.toml [tool.diracmod]."""


def register(sub):
    parser = sub.add_parser("fix", help="rewrite Python 2 code into hybrid Python 2/3 code",
                            description=HELP, epilog=FIX_EXIT_CODES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["."], help="files and directories (default: .)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="apply the changes (default: print a diff only)")
    # the default's own spelling, which black and ruff users type first (`black --diff`, `ruff check --diff`)
    mode.add_argument("--diff", action="store_true", help="print a diff only, write nothing (the default)")
    mode.add_argument("--check", action="store_true",
                      help="print nothing but the summary; exit 1 if any file would change or was left "
                           "unchanged because it could not be fixed safely")
    parser.add_argument("--select", action="append", metavar="RULES",
                        help="only these ids, id prefixes, symbols or checkers (comma-separated)")
    parser.add_argument("--ignore", action="append", metavar="RULES", help="never these (comma-separated)")
    parser.add_argument("--exclude", action="append", metavar="GLOBS", help="extra path globs to skip in directories")
    parser.add_argument("--unsafe", action="store_true",
                        help="also make the rewrites the catalogue marks unsafe (they can change behaviour)")
    parser.add_argument("--include-py2-branches", action="store_true",
                        help="also rewrite code under Python-2-only guards (six.PY2, version_info, ImportError "
                             "fallbacks)")
    parser.add_argument("-j", "--jobs", type=jobs_value,
                        help="processes; 0 or default: every core; results are identical for any value")
    # as ruff's: -q still prints what needs a person, -qq (--silent) nothing but the diff
    parser.add_argument("-q", "--quiet", action="count", default=0,
                        help="no progress bar, no summary: only what needs a person (each file left unchanged, "
                             "with why, and the notes on rewrites left); -qq: not that either")
    parser.add_argument("-s", "--silent", action="store_const", const=2, dest="quiet",
                        help="as -qq: nothing on standard error (the diff is still printed without --write or "
                             "--check); the exit code says the rest")
    parser.set_defaults(func=run)


def _show(diff: bytes) -> None:
    try:
        write_report(None, diff)
    except ReportError:  # its advice is check's (-o FILE): fix has no report file
        raise ReportError("cannot print the diff: standard output is closed or failing; use --write to apply "
                          "the fixes or --check for the exit code alone") from None


def _write(result, max_bytes, identity) -> str | None:
    """Replace the file with the fixed bytes; why not, if it is no longer the file that was found and read.

    The name is resolved once; the file there is opened without following a symlink and must be the one
    discovery found (`identity`: a symlink swapped in since then leads elsewhere), with the bytes fixed; the
    replace renames over that directory entry only if it still is that file (replace_atomically's expected)."""
    real = os.path.realpath(result.path)
    try:
        data, status = read_entry(real, max_bytes, follow=False)
        if (status.st_dev, status.st_ino) != identity:
            return "it was replaced (by another file or a symlink) while diracmod was fixing it: run again"
        if data != result.data:
            return "it changed while diracmod was fixing it: run again"
        # the atomic replace gives this name a new inode: every other name of the file would keep Python 2
        if hard_links.refusal(status.st_nlink):
            return hard_links.refusal(status.st_nlink)
        replace_atomically(real, result.new, status, expected=status)
    except EntryChanged:
        return "it was replaced or changed while diracmod was writing it: run again"
    except (SourceError, OSError) as exc:
        return f"cannot write it: {getattr(exc, 'strerror', None) or exc}"
    return None


def _interrupted(how: str, written: int, left: int) -> str:
    """What an interrupted `fix --write` did: the files it wrote stay written (each whole), the rest need a rerun."""
    if not written:
        return f"diracmod fix: {how} before writing any file; run it again to fix them"
    return (f"diracmod fix: {how} after writing {written} file(s) ({left} not yet fixed); "
            f"run it again to fix the rest")


def _baseline_note(baseline, written: bool) -> str:
    """The baseline knows a finding by its line's text and scope: one fix leaves on a line it rewrote for
    another rule (print wrapped in a call) or in a method it renamed (next -> __next__) is new to it (tryout5 #25)."""
    when = "now" if written else "after `fix --write`"
    return (f"diracmod fix: note: {baseline.name} accepts findings by their line's text and scope: those left on "
            f"lines fix rewrites (a print made a call, a method renamed) count as new {when}: review "
            "`diracmod check`, then `diracmod baseline update --add` to accept them again")


def _scope_note(tops: list) -> str:
    """The project index read only the directories given (no settings file above them): what it cannot see."""
    shown = ", ".join(f"{os.path.relpath(top)}/" if os.path.relpath(top) != "." else
                      f"{os.path.basename(top) or top}/ (the working directory)" for top in tops)
    return (f"diracmod fix: note: project index: read {shown} only (no pyproject.toml, setup.cfg or tox.ini found "
            f"above it): writes made by modules outside it (a test faking raw_input) are not seen; run fix on the "
            f"project's root or add a settings file there")


def run(args) -> int:
    try:
        config, selection = settings(args, "ids, prefixes or symbols", "fix every fixable rule")
    except (configuration.ConfigError, SelectionError) as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    discovery = discover(args.paths, excludes(args, config))
    if not discovery.files:
        print(f"diracmod: {nothing_to_check(args, config, discovery, 'fix')}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, config, selection, discovery)
    except ReportError as exc:
        print(f"diracmod: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001
        return internal_error(exc, "`--jobs 1` on a single file may help narrow it down.")


def _run(args, config, selection, discovery) -> int:
    # here, not at the top: the fixers load libcst, fissix's fixers and modernize, which no other
    # command needs at start-up (the CLI builds every command's parser)
    from diracmod.fix import engine, output, python27
    from diracmod.rules import own_six
    from diracmod.rules.fixers import FIXABLE

    unknown = own_six.unresolved(config.fix.get("six"), discovery.files)
    if unknown:  # a typo would make every rewrite import a module that does not exist
        print(f"diracmod: [tool.diracmod.fix] six: {unknown}", file=sys.stderr)
        return EXIT_USAGE
    jobs = workers(args.jobs if args.jobs is not None else config.jobs, len(discovery.files))
    plan = output.plan(config, selection, unsafe=args.unsafe, guards=not args.include_py2_branches,
                       left=not args.quiet, paths=discovery.files, jobs=jobs)  # -q: no summary, no findings left
    broken = not args.quiet and python27.broken()  # -q: only what needs a person (the grammar verifies too)
    if broken:
        print(f"diracmod: {broken}: verifying with fissix's Python 2.7 grammar instead", file=sys.stderr)
    summary = Summary(args.write, plan, FIXABLE, check=args.check)
    for path, _, detail in discovery.problems:
        summary.refused.append((path, detail))
    for note in discovery.notes if args.quiet < 2 else ():  # before the diffs: they may be long
        print(f"diracmod fix: note: {note}", file=sys.stderr)
    show = not args.quiet and sys.stderr.isatty() and len(discovery.files) > 20
    written, done = [], 0  # written: the files --write replaced so far, done: fixed (an interruption says how many)
    position = {path: index for index, path in enumerate(discovery.files)}

    def made(advance):
        """(index, result) as the processes make them, each written at once with --write: in the paths' order,
        which the processes' largest-files-first order reaches at the end, the writes were the end of the run."""
        nonlocal done
        for result in engine.run(discovery.files, plan, jobs, advance, ordered=False):
            if result.new is not None and args.write:
                result.refused = _write(result, plan.max_bytes, discovery.identities[result.path])
                written.extend([result.path] if not result.refused else [])
            done += 1
            yield position[result.path], result
    try:
        with progress(len(discovery.files), show, "fixing") as advance:
            for result in in_order(made(advance)):  # the diffs and the summary in the paths' order
                if result.new is not None and not args.write:  # the dry run and --check give --write's answer
                    result.refused = hard_links.refused(result.path)
                    if not result.refused and not args.check:
                        _show(output.patch(result))
                summary.add(result)
    except KeyboardInterrupt as stop:
        if not args.write:  # nothing written: the plain "interrupted" says it all
            raise
        # each file is replaced whole, one by one: the ones done stay done (tryout16 #15)
        how, code = stopped(stop)
        print(_interrupted(how, len(written), len(discovery.files) - done), file=sys.stderr)
        return code
    if not args.quiet:
        print(summary.text(), file=sys.stderr)
        try:
            baseline = gating.baseline_path(config, None)
        except configuration.ConfigError:  # a baseline out of bounds: check says so; fix only notes one
            baseline = None
        if summary.changed and baseline is not None and baseline.is_file():
            print(_baseline_note(baseline, args.write), file=sys.stderr)
        scope = project_index.unmarked_scope(config, discovery.files)
        if scope:
            print(_scope_note(scope), file=sys.stderr)
    elif args.quiet == 1:  # no progress nor summary, but what a person must do (pre-commit's only output)
        for path, note in summary.notes:
            print(f"diracmod fix: note: {path}: {note}", file=sys.stderr)
        for path, reason in summary.refused:
            print(f"diracmod fix: left unchanged: {path}: {reason}", file=sys.stderr)
    # a file left by a bug of ours (the others are done) is the internal error --help documents;
    # a refused file needed work that was not done: --check fails on it too (CI must not pass it)
    if summary.internal:
        return EXIT_INTERNAL
    return EXIT_FINDINGS if summary.refused or (args.check and summary.changed) else EXIT_CLEAN


class Summary:
    def __init__(self, write: bool, plan, fixable: frozenset, check: bool = False):
        self.write, self.plan, self.fixable, self.check = write, plan, fixable, check
        self.changed, self.unchanged = 0, 0
        self.would_change = []  # --check: the paths a fix would change, which CI must name (black's "would reformat")
        self.rewrites, self.left = Counter(), Counter()
        self.unsafe_rewrites = Counter()  # of `left`: the findings --unsafe rewrites (in files fix does not refuse)
        self.refused = []  # (path, reason)
        self.internal = False  # some file was left by an internal error
        self.notes = []  # (path, why findings fix could otherwise rewrite are left)

    def add(self, result) -> None:
        self.internal = self.internal or result.symbol == "internal-error"
        if result.refused:
            self.refused.append((result.path, result.refused))
        elif result.new is not None:
            self.changed += 1
            self.would_change += [result.path] if self.check and not self.write else []
            self.rewrites.update(result.applied)
        else:
            self.unchanged += 1
        self.left.update((f.msg_id, f.symbol) for f in result.left)
        self.notes += [(result.path, note) for note in result.notes]
        rules = catalogue.load()
        for f in result.left:
            why = result.why_left.get((f.line, f.symbol))
            if f.symbol in self.plan.symbols and why:  # --unsafe (or a safe rule's fixer) left it: say why
                line = result.given_lines.get(f.line, f.line)  # the file as given
                self.notes.append((result.path, f"line {line}: {f.msg_id} {f.symbol} left by "
                                                f"{'--unsafe' if rules[f.symbol].unsafe else 'fix'}: {why}"))
            self.unsafe_rewrites[(f.msg_id, f.symbol)] += not result.refused and not why

    def text(self) -> str:
        rules = catalogue.load()
        verb = "changed" if self.write else "would be changed"
        lines = [f"diracmod fix: {self.changed} file(s) {verb}, {self.unchanged} unchanged, "
                 f"{len(self.refused)} left unchanged because they could not be fixed safely"]
        if self.rewrites:
            lines.append("rewrites per rule:")
            by_id = sorted(self.rewrites.items(), key=lambda item: rules[item[0]].id)
            lines += [f"  {rules[symbol].id} {symbol}: {count}" for symbol, count in by_id]
        if self.left:
            lines.append("findings left for a person (`diracmod explain SYMBOL` says what to write):")
            for (msg_id, symbol), count in sorted(self.left.items()):
                rule = rules.get(symbol)
                rewritten = self.unsafe_rewrites[(msg_id, symbol)]
                why = ("" if not (rule and rule.unsafe and symbol in self.fixable and symbol not in self.plan.symbols
                                  and rewritten)
                       else " (unsafe: --unsafe rewrites it)" if rewritten == count
                       else f" (unsafe: --unsafe rewrites {rewritten} of them)")
                lines.append(f"  {msg_id} {symbol}: {count}{why}")
        if self.notes:
            lines.append("notes:")
            lines += [f"  {path}: {note}" for path, note in self.notes]
        if self.would_change:
            lines.append("would be changed:")
            lines += [f"  {path}" for path in self.would_change]
        if self.refused:
            lines.append("left unchanged:")
            lines += [f"  {path}: {reason}" for path, reason in self.refused]
        return "\n".join(lines)

"""Between a check's findings and what CI sees: the baseline, the report formats, shards.

Shared by `check`, `merge` and `baseline`, so that a merged run and a single run go through the very
same steps (same output, same exit code).
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from diracmod.check import cache, engine, output
from diracmod.check.policy import PY3K_CLEAN, Policy
from diracmod.core import catalogue
from diracmod.core import config as configuration
from diracmod.core.report_file import write_report
from diracmod.gate import baseline, diffbase, formats, renames
from diracmod.gate.fingerprint import LineTexts, mark_all, project_path

FORMATS = ("text", "json", *formats.RENDERERS)


class GateError(Exception):
    """A usage problem of the gate (formats, baseline, shards): exit 2 with this message."""


def parse_formats(specs, output_file):
    """[(format, file or None for stdout)] from `--format NAME[:FILE]` (repeatable) and -o."""
    targets = []
    for spec in specs or ["text"]:
        name, _, target = spec.partition(":")
        if name not in FORMATS:
            raise GateError(f"--format {spec!r}: unknown format {name!r}; one of {', '.join(FORMATS)}, "
                            f"optionally with a file: --format sarif:diracmod.sarif")
        targets.append((name, target or None))
    on_stdout = [name for name, target in targets if target is None]
    if len(on_stdout) > 1:
        raise GateError(f"--format: {' and '.join(on_stdout)} would both go to standard output; give all "
                        f"but one a file, e.g. --format {on_stdout[1]}:report.{on_stdout[1]}")
    resolved = [(name, target or output_file) for name, target in targets]
    files = [os.path.realpath(target) for _, target in resolved if target]
    if len(files) != len(set(files)):  # the second report would silently replace the first
        raise GateError("--format: two reports name the same file; give each format its own file, "
                        "e.g. --format sarif:diracmod.sarif --format junit:diracmod.xml")
    return resolved


class _Marks(Sequence):
    """The findings' fingerprints, made on first use: they cost a second read of every file with findings and
    about 1 KB per finding, which a run without a baseline, a shard or a fingerprinted format never needs.
    With `lines` (check_files' LineMemo), the normalised lines of files seen before come from the result cache."""

    def __init__(self, findings, config, lines):
        self.findings, self.config, self.lines, self.made = findings, config, lines, None

    def __len__(self):
        return len(self.findings)

    def __getitem__(self, index):
        return self._made()[index]

    def __iter__(self):  # Sequence's own goes through __getitem__, a Python call per finding
        return iter(self._made())

    def _made(self):
        if self.made is None:
            self.made = mark_all(self.findings, self.config.root,
                                 LineTexts(int(self.config.max_file_size * 1_000_000), self.lines))
            if self.lines is not None:
                self.lines.save()
        return self.made


def marks_for(checked, config):
    """The marks of check_files' findings (`checked`: what it returned)."""
    return _Marks(checked.findings, config, checked.lines)


def baseline_path(config, option):
    """The baseline file: `--baseline` as the user typed it, else [tool.diracmod] baseline, which a cloned repository
    sets: inside the project with its links followed too (tryout17 #5: `create --force` wrote through a link in the
    project to a file outside it; the setting's own check, configuration._project_path, reads only the text)."""
    if option == "":  # as the setting's empty value is an error, not the default (tryout20 #12)
        raise baseline.BaselineError("--baseline '': expected a file name, e.g. --baseline diracmod-baseline.json "
                                     "(without the option: [tool.diracmod] baseline, else diracmod-baseline.json)")
    if option:
        return Path(config.root, option)
    path = Path(config.root, config.baseline)
    root = os.path.realpath(config.root)
    if os.path.commonpath([os.path.realpath(path), root]) != root:
        raise configuration.ConfigError(
            f"[tool.diracmod] baseline = {config.baseline!r} leads outside the project (through a symbolic link): "
            "remove the link and run `diracmod baseline create`, or give --baseline FILE")
    return path


@dataclass
class Outcome:
    findings: list  # what fails the gate: all findings, or without a baseline's known ones
    marks: list
    known: int = 0
    fixed: list = ()
    against: str = ""  # what known findings are known from: the baseline file, or the merge-base


def _checker(entry) -> str:
    rule = catalogue.load().get(entry.id)
    return rule.checker if rule else "pycodestyle"


def compare(findings, marks, checked, wants, config, path):
    """(baseline entries, renames, Comparison) for the findings of the `checked` files against `path`."""
    accepted = baseline.read(str(path))
    if accepted is None:
        return None
    root = config.root
    checked = {project_path(p, root) for p in checked}
    gone = {name for name in {e.path for e in accepted} if not os.path.exists(os.path.join(root, name))}
    renamed = renames.renamed(root, gone)

    def in_scope(entry):
        """A file deleted (not renamed) is fixed whatever was checked; otherwise only checked files."""
        path = renamed.get(entry.path, entry.path)
        return (path in checked or path in gone) and (
            entry.symbol in engine.ALWAYS_REPORTED or wants(entry.id, entry.symbol, _checker(entry)))

    return accepted, renamed, baseline.compare(baseline.keys(findings, marks), accepted, renamed, in_scope)


def named_by(option) -> str:
    """What named the baseline file, as the user gave it, for the messages (tryout17 #6)."""
    return "--baseline" if option else "[tool.diracmod] baseline"


def gate(findings, marks, checked, wants, config, option, use_baseline=True) -> Outcome:
    path = baseline_path(config, option)
    compared = None
    if use_baseline:
        # what create refuses, check and merge refuse in its words (tryout20 #12); a checked file by another name
        # (a hard link) only when the file is no baseline: no stat of every checked file on each run
        baseline.refuse_unfit(str(path), named_by(option), config)
        try:
            compared = compare(findings, marks, checked, wants, config, path)
        except baseline.BaselineError:
            baseline.refuse_unfit(str(path), named_by(option), config, checked)
            raise
    if compared is None:
        if option and use_baseline:
            raise GateError(f"--baseline {option}: no such file; create it with `diracmod baseline create`")
        return Outcome(findings, marks)
    _, _, comparison = compared
    # a ported directory must stay py3k-clean: the baseline cannot accept a finding there
    policy = Policy(config)
    new = sorted(set(comparison.new) | ({i for i, f in enumerate(findings)
                                         if f.checker in PY3K_CLEAN and policy.in_ported(f.path)}
                                        if policy.ported else set()))
    return Outcome([findings[i] for i in new], [marks[i] for i in new],
                   comparison.known - (len(new) - len(comparison.new)), comparison.fixed, path.name)


def _under(path, tops) -> bool:
    return any(path == top or path.startswith(top.rstrip(os.sep) + os.sep) for top in tops)


def _on_changed_lines(top, base, changes):
    """`on(finding)`: is the finding on a line added or changed since `base` (a new file: every line)?"""
    lines = diffbase.changed_lines(top, base)
    where = {os.path.realpath(os.path.join(top, new)): lines.get(new, set() if old else None) for old, new in changes}

    def on(finding):
        wanted = where.get(os.path.realpath(finding.path), set())
        return wanted is None or finding.line in wanted
    return on


def diff_check(config, ref, paths, check, changed_lines=False):
    """(Outcome, files, checked) of `check --diff-base REF`: the Python files changed since the merge-base
    (under `paths`) are checked, and so are their base versions; a finding is new unless its base version
    had it (rule + normalised line + scope, counted, wherever in the changed files: moved code is not new).
    With `changed_lines`, style findings are new when they are on a changed line instead, whatever the
    base had (`git diff -U0 | pycodestyle --diff`). `check(paths)` runs the check on those paths: what
    check_files returns."""
    top, base = diffbase.merge_base(config.root, ref)
    tops = [os.path.abspath(path) for path in paths]
    changes = [(old, new) for old, new in diffbase.changed(top, base) if _under(os.path.join(top, new), tops)]
    current = check([_relative(os.path.join(top, new)) for _, new in changes]) if changes else None
    findings, files, checked = current[:3] if current else ([], 0, [])
    marks = marks_for(current, config) if current else []
    try:
        ours = cache.claim(config.cache_path())
    except OSError as exc:
        ours, why = False, exc.strerror
    else:
        why = "it is not a directory diracmod created"
    if not ours:
        raise GateError(f"--diff-base keeps the base versions in the cache directory {config.cache_path()}, and "
                        f"cannot write there ({why}): set [tool.diracmod] cache-dir to a new directory")
    exported = diffbase.export(top, base, [old for old, _ in changes if old], str(config.cache_path()))
    before = check(list(exported)) if exported else None
    remaining = Counter((f.symbol, m.code, f.obj) for f, m in zip(before.findings, marks_for(before, config))
                        ) if before else Counter()
    new, on_changed_line = [], _on_changed_lines(top, base, changes) if changed_lines else None
    for index, (finding, mark) in enumerate(zip(findings, marks)):
        key = (finding.symbol, mark.code, finding.obj)
        if on_changed_line and finding.checker == "pycodestyle":
            if on_changed_line(finding):
                new.append(index)
        elif remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(index)
    return (Outcome([findings[i] for i in new], [marks[i] for i in new], len(findings) - len(new),
                    against=f"merge-base {base[:12]}"), files, checked)


def render(name, findings, marks, template) -> str:
    if name == "text":
        return output.text(findings, template)
    if name == "json":
        return output.as_json(findings)
    return formats.RENDERERS[name](findings, marks)


def _relative(path):
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path


def finish(outcome: Outcome, targets, template, files, quiet, config) -> bool:
    """Write the reports and say the counts; True when the gate fails (findings that are not accepted, and
    that the per-path policy lets fail)."""
    for name, target in targets:
        write_report(target, render(name, outcome.findings, outcome.marks, template))
    if any(name == "github" for name, _ in targets):
        formats.append_step_summary(formats.step_summary(outcome.findings, outcome.known, len(outcome.fixed)))
    if outcome.fixed:
        print(f"diracmod: {len(outcome.fixed)} finding(s) fixed since the baseline: run `diracmod baseline update` "
              f"to remove them from {outcome.against}", file=sys.stderr)
    failing = sum(map(Policy(config).fails, outcome.findings))
    if not quiet and (sys.stderr.isatty() or any(name == "text" for name, _ in targets)):
        fixable = sum(f.fixable for f in outcome.findings)
        counted = f"{len(outcome.findings)} {'new ' if outcome.against else ''}finding(s) in {files} file(s)"
        counted += f"; {outcome.known} known from {outcome.against}" if outcome.against else ""
        below = len(outcome.findings) - failing
        counted += f"; {below} of them do not fail the gate (fail-on, gate: per-path policy)" if below else ""
        settings = ", ".join(_relative(path) for path, _ in config.sources) or "defaults"
        print(f"{counted} (settings: {settings})", file=sys.stderr)
        if fixable:  # as ruff says it: what the next command would do for you
            print(f"[*] {fixable} fixable with `diracmod fix`", file=sys.stderr)
    return bool(failing)

"""The check pipeline: discover -> read -> parse once -> every selected checker in one pass ->
suppressions -> findings, in parallel over files with identical results for every -j."""
from __future__ import annotations

import ast
import bisect
import contextlib
import ctypes
import functools
import gc
import hashlib
import os
import re
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from diracmod.core import catalogue, siblings, suppress
from diracmod.core.finding import Finding
from diracmod.core.lines import split_lines
from diracmod.rules import own_six, style, syntaxwalk
from diracmod.rules.py3k import RULE_SETS, print_order, six_bound
from diracmod.rules.py3k.builtin_uses import OUTSIDE, STAR_NAMES
from diracmod.rules.py3k.division import module_strings
from diracmod.rules.py3k.imports import (OWN_REMOVED, absolute_import_withheld, import_candidates, path_extended,
                                         top_level_importer)
from diracmod.rules.target import FloorRules
from diracmod.rules.walker import STATEMENT_LISTS, Context, Walker
from diracmod.source import module_nodes, reader as sources
from diracmod.source import main_block, project_index, six_copy, stdout_writes
from diracmod.source.parse import Parsed, python2, python2_limits, python3
from diracmod.source.tables import ATTRIBUTES_BY_MODULE, PY2_ONLY_MODULES
from diracmod.source import tokens as token_scan

# A file not checked is never silent, and neither is one that Python 2.7 or Python 3 cannot parse (the
# tree must run on both): whatever the selection or the suppressions say, like ruff's syntax errors.
ALWAYS_REPORTED = frozenset({"syntax-error", "python2-syntax-error", "python3-syntax-error", "undecodable-source",
                             "binary-file", "unreadable-file", "file-too-large", "file-too-slow", "internal-error"})

# What keeps a file from parsing on one of the Pythons that `diracmod fix` has no rewrite for (Python-2-only syntax,
# a non-ASCII file without a coding line): fix leaves the file whole (diracmod/fix/engine.py), and none of its
# findings is fixable there.
_LEFT_BY_FIX = frozenset({"syntax-error", "python2-syntax-error", "python3-syntax-error",
                          "old-raise-syntax-value-unknown", "unpacking-in-except-iterable-exception",
                          "python3-only-module"})  # Python 3 code: fix skips it (tryout18b #4)
# Python-2-only syntax fix rewrites, where a rule split off it says fix leaves it (rewrite-name-bound-by-module's
# six.reraise): the file stays Python 2 syntax, which fix leaves whole too.
_LEFT_PYTHON2_SYNTAX = frozenset({"old-raise-syntax"})


@dataclass(frozen=True)
class Plan:
    """What every worker needs to check a file (picklable)."""
    checkers: frozenset  # among "py3k", "pycodestyle", "target" (parsing and syntax always run)
    style_options: tuple = ()
    max_bytes: int = 5_000_000
    guards: bool = True  # exempt code under Python-2-only version guards
    max_seconds: float = 60.0  # per file: pathological input (a 600 KB expression) must not stall the run
    six: str | None = None  # [tool.diracmod.fix] six: the six fix's rewrites import (DM109 is not reported then)
    # the methods the project's classes define in a way a receiver rewrite does not fit (source/project_index/,
    # read once a run: fix's plan carries the same); None: a text alone, no project
    project: project_index.ProjectIndex | None = None


@dataclass
class FileResult:
    path: str
    digest: str | None  # content hash; None when the file could not be read
    findings: list = field(default_factory=list)


class _Findings:
    """Turns (line, column, symbol, detail, end) into Findings through the catalogue."""

    def __init__(self, path, blocks, text=""):
        self.path, self.blocks, self.items, self.text = path, blocks, [], text
        self.also: dict = {}  # index in items -> the other lines whose suppressions count for that finding
        self.rules = catalogue.load()
        self._starts = [b[0] for b in blocks]
        self._enclosing = _enclosing(blocks)

    def obj_at(self, line):
        # innermost def/class containing the line: the last one starting at or before it, or the innermost
        # of those enclosing that one (defs and classes nest, and no two start on one line); up the nesting,
        # not along the blocks, as a module may hold thousands of them
        index = bisect.bisect_right(self._starts, line) - 1
        while index >= 0 and self.blocks[index][1] < line:
            index = self._enclosing[index]
        return self.blocks[index][2] if index >= 0 else ""

    @functools.cached_property
    def lines(self):  # split only for a finding that ends with its line (rare): not every file pays for it
        return split_lines(self.text, keepends=False)

    def add(self, symbol, line, column, detail=None, end_line=None, end_column=None):
        """`end_*`: where the reported node or token ends; None: at the end of the line (a finding about the
        line, from the parser), or of `column` when the line is not known (a file that could not be read)."""
        if end_line is None:
            end_line, end_column = line, len(self.lines[line - 1]) if 0 < line <= len(self.lines) else column
        rule = self.rules[symbol]
        detail = detail or {}
        # the pylint rule of this finding, where its rule spans several (or the diracmod rule of its shape, where
        # pylint has none: os-getcwdu); not a rule split off another, which the finding would count as instead
        split_from = detail.get("split_from", "")
        if split_from and (rule.pylint or self.rules[split_from].pylint or self.rules[split_from] is rule):
            raise ValueError(f"{rule.id}: split_from={split_from!r} names a rule split off another, or the rule has "
                             f"its own")
        if detail.get("suppressed_on"):  # W1623's class line: the `__metaclass__ = M` line's noqa counts too
            self.also[len(self.items)] = tuple(detail["suppressed_on"])
        # `fixable`: what `diracmod fix` rewrites by default (an --unsafe rewrite waits for a person's choice)
        self.items.append(Finding(
            path=self.path, line=line, column=column, msg_id=rule.id, symbol=rule.symbol,
            message=rule.format_message(**detail), checker=rule.checker, type=rule.severity,
            obj=self.obj_at(line), fixable=rule.fixable and not rule.unsafe, end_line=end_line, end_column=end_column,
            split_from=split_from))

    def add_style(self, line, column, code, symbol, message):
        self.items.append(Finding(self.path, line, column, code, symbol, message, "pycodestyle", "convention",
                                  self.obj_at(line), end_line=line, end_column=column))  # pycodestyle: a point


def _enclosing(blocks) -> list:
    """For each of the sorted `blocks`, the index of the innermost block holding it, -1 for none."""
    enclosing, open_ = [], []
    for first, _, _ in blocks:
        while open_ and blocks[open_[-1]][1] < first:
            open_.pop()
        enclosing.append(open_[-1] if open_ else -1)
        open_.append(len(enclosing) - 1)
    return enclosing


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _blocks(tree) -> list:
    """(first line, last line, dotted name) of every def and class (defs and classes are statements: the
    walk never enters an expression)."""
    found = []
    todo = [(tree, "")] if tree is not None else []
    while todo:  # iterative: no recursion limit to meet, however deep the statements nest
        node, prefix = todo.pop()
        for field in STATEMENT_LISTS:
            for child in getattr(node, field, ()):
                if isinstance(child, _DEFINITIONS):
                    name = prefix + child.name
                    first = min([child.lineno] + [d.lineno for d in child.decorator_list])
                    found.append((first, child.end_lineno, name))
                    todo.append((child, name + "."))
                else:
                    todo.append((child, prefix))
    found.sort()
    return found


_walkers = {}


def _get_walker(rule_sets) -> Walker:
    if rule_sets not in _walkers:
        _walkers[rule_sets] = Walker(rule_sets)
    return _walkers[rule_sets]


def _first_non_ascii_line(text) -> int:
    for number, line in enumerate(split_lines(text), 1):
        if not line.isascii():
            return number
    return 1


@dataclass
class Analysis:
    """A file's findings, and what they were found in (fix verifies a rewrite with the same parse and scan)."""
    findings: list
    parsed: Parsed
    tokens: token_scan.TokenScan
    kept: list  # the Python-2-only syntax findings a noqa or pylint disable hides: fix leaves the file whole


def surroundings(directory: str, plan: Plan) -> tuple:
    """What the findings of a file in `directory` (absolute) read beside its text: from the file system around it
    (each directory listed once, diracmod.core.siblings), the modules its implicit relative imports find (DM193
    where it is also run as a script) and where its `import six` finds a module of the project's that is no copy
    of six (DM109), as fix reads them, and the project's own top-level modules (siblings.first_party: an import of
    one named like a standard module Python 3 removed is the project's, tryout9 #7), and the project's modules
    that its `import six` would make six import on Python 2 in place of standard ones (six_copy.shadowing: DM420,
    tryout12 #18). A file given alone on the command line has its directory around it too."""
    own = own_six.find(Path(directory), plan.six)  # what rewrites write and the module's own six lacks (tryout18b #3)
    lacks = ",".join(sorted(chain for chain in own_six.WRITES.values() if own is not None and not own.provides(chain)))
    return (siblings.implicit(directory), six_copy.project_six(directory, plan.six), directory,
            siblings.first_party(directory), six_copy.shadowing(directory), lacks)


def star_names(tree, directory: str, implicit: frozenset, future: frozenset) -> dict:
    """(level, module) -> the names each star import of a sibling whose `__all__` is a literal binds
    (diracmod.core.siblings.star_names): `from error import *` (an implicit relative import, without
    absolute_import) and `from .error import *` of the module's package (tryout8b D6)."""
    found = {}
    for node in module_nodes.of_kind(tree, ast.ImportFrom):
        if node.names[0].name == "*" and node.module in implicit \
                and (node.level == 1 or node.level == 0 and "absolute_import" not in future):
            names = siblings.star_names(directory, node.module)
            if names is not None:
                found[node.level, node.module] = names
    return found


_STAR = re.compile(rb"from\s*\.?\s*([A-Za-z_][A-Za-z0-9_]*)\s+import\s*\(?\s*\*")


_WORD = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_SCRIPT_WORDS = tuple(word.encode() for word in main_block.SCRIPT_WORDS)
# the standard modules whose import, or removed names, check reports unless the project's own module of that name
# is what Python 2 imports (rules/py3k/imports.py's _project_module): Python-2-only ones, `string`, `types`...
PY2_ONLY_TOPS = frozenset(name.split(".")[0] for name in (*PY2_ONLY_MODULES, *ATTRIBUTES_BY_MODULE, *OWN_REMOVED))


def context_key(around: tuple, data: bytes, project: project_index.ProjectIndex | None = None,
                path: str | None = None) -> str:
    """What the result cache keys a file's findings on beside its bytes `data` (check/files.py), from `around`, its
    directory's surroundings(): where `import six` finds a module of the project's that is no copy of six, and the
    siblings the file names if it may run as a script (DM193 reads its implicit relative imports then): a text
    holding `__name__` or one of main_block.SCRIPT_WORDS (`argv`, `exit`, `stdin`...), or a shebang line, a cheap
    superset of source.main_block.script_sign's signs; so that a new sibling is a cache miss only for the scripts
    that name it; the `__all__` of each sibling the file may star-import (star_names: a change of it changes the findings); and what the project's index says about the
    methods the file names (`project`, ProjectIndex.context: a `def keys` added in another module is a miss for the
    files naming keys), and the attributes the project's modules assign the module at `path` by name
    (ProjectIndex.outside: `s3.StopIteration = KeyError` added in another module is a miss for s3); the module
    beside the file at `path` that imports it top-level (imports.top_level_importer, read for a file whose text may
    import a sibling, imports.import_candidates: no-absolute-import-imported-top-level reads it then, and it changes
    with a sibling's text, not only with the directory's listing); the siblings among the modules the file may
    import (no-absolute-import-call-shadowed is reported only for an import of a sibling); whether the package's
    `__init__` extends `__path__` and the extension sources beside it the file may import
    (no-absolute-import-package-path-extended, -unknown-module); and the project's modules six would import in place
    of standard ones (a functools.py coming beside a script is a miss for it); and what other modules of the project
    read of the file's module (ProjectIndex.read_of: `from module import *`, `module.urllib2`); "" where there is nothing (outside a
    package, no module named six nor like one six imports, no watched method defined in the project)."""
    implicit, six, directory, first_party, shadowing, lacks = around
    script = b"__name__" in data or any(word in data for word in _SCRIPT_WORDS) \
        or data.startswith((b"#!", b"\xef\xbb\xbf#!"))
    words = {word.decode() for word in _WORD.findall(data)} \
        if implicit and script or first_party & PY2_ONLY_TOPS else set()
    named = sorted(implicit & words) if implicit and script else []
    # a file importing no sibling gets no no-absolute-import-imported-top-level: its siblings are not read
    candidates = import_candidates(data) if implicit or siblings.is_package(directory) else frozenset()
    imported = sorted(implicit & candidates)
    importer = top_level_importer(path) if path and imported else ""
    # no-absolute-import-package-path-extended reads the package's __init__, -unknown-module the sources beside
    # that build an extension (siblings.buildable) and lone .pyo files (optimized_only): a file importing anything in
    # a package keys on both
    spread = "spread" if candidates and path_extended(directory) else ""
    built = sorted((siblings.buildable(directory) | siblings.optimized_only(directory)) & candidates)
    starred = sorted(implicit & {word.decode() for word in _STAR.findall(data)}) if implicit else []
    alls = [f"{module}:{','.join(sorted(siblings.star_names(directory, module) or ['?']))}" for module in starred]
    indexed = project.context(data) if project is not None else ""
    # the attributes the project's modules assign this one by name (builtin_uses.OUTSIDE)
    outside = sorted(project.outside(path, data).items()) if project is not None and path else []
    # what other modules read of the file's module (ProjectIndex.read_of: W1648 leaves an import they read, W1613's
    # range is spelled inline for a star import): a new `from module import *` elsewhere is a miss for the module
    reads = sorted(project.read_of(path).items()) if project is not None and path else []
    # an import hook of the project taking four arguments (ProjectIndex.import_hook: DM431 in place of W1618)
    hook = project.import_hook if project is not None and b"import" in data else ""
    # the project's own modules named like a Python-2-only standard one that the file names (ImportRules)
    own = sorted(first_party & PY2_ONLY_TOPS & words)
    read = "\0".join([six, *named, *alls, *[f"own\0{name}" for name in own],
                      *([f"top\0{importer}"] if importer else []), *([f"loads\0{shadowing}"] if shadowing else []),
                      *([f"imports\0{','.join(imported)}"] if imported else []), *([spread] if spread else []),
                      *([f"built\0{','.join(built)}"] if built else []),
                      *([f"project\0{indexed}"] if indexed else []),
                      *[f"outside\0{name}\0{how}" for name, how in outside],
                      *[f"read\0{name}\0{where}" for name, where in reads],
                      *([f"hook\0{hook}"] if hook else []), *([f"lacks\0{lacks}"] if lacks else [])])
    return hashlib.sha256(read.encode()).hexdigest() if read else ""


def analyse(path: str, src: sources.Source, plan: Plan) -> list:
    return analysis(path, src, plan).findings


def analysis(path: str, src: sources.Source, plan: Plan) -> Analysis:
    text = src.text
    parsed = python3(text)
    # pycodestyle tokenizes the file anyway: the scan, and the Python 2 rewrite of a file Python 3 does not
    # parse, take those tokens
    scanner = token_scan.Scanner()
    styled = style.check(path, text, plan.style_options, scanner) if "pycodestyle" in plan.checkers else ()
    scanner = token_scan.read(text, scanner)
    if not isinstance(parsed, Parsed):
        parsed = python2(text, parsed, scanner.tokens if scanner.complete else None)
    tokens = scanner.finish(parsed.python2_only, escapes="py3k" in plan.checkers)
    parsed = python2_limits(parsed, text, tokens.python2_depth)
    blocks = _blocks(parsed.tree)
    out = _Findings(path, blocks, text)
    implicit, project_six, directory, first_party, shadowing, lacks = surroundings(
        os.path.dirname(os.path.abspath(path)), plan)
    # the rewrites naming six are left where the module binds six itself, or where `import six` finds a module of
    # the project's that is no copy of six, or makes six import one of the project's in place of a standard one, or
    # imports six below a sys.path set-up or in a block (rules/py3k/six_bound.py)
    add = (six_bound.reporter(out.add, parsed.tree, project_six, parsed.text, shadowing)
           if "py3k" in plan.checkers and parsed.tree is not None else out.add)
    for line, column, symbol, detail, *end in parsed.raw + tokens.raw:
        add(symbol, line, column, detail, *end)
    if not src.cookie and not src.bom and not text.isascii():
        out.add("python2-syntax-error", _first_non_ascii_line(text), 0,
                {"detail": "non-ASCII character without a coding declaration (add `# -*- coding: utf-8 -*-`)"})
    respelled = frozenset((line, symbol) for line, _, symbol, *_ in parsed.raw)  # the walker's and the noqa test's
    ctx = None
    print_left = False  # a `print >>stream, values` fix leaves the module for (print_order.SYMBOLS, not bound)
    if parsed.tree is not None:
        setattr(parsed.tree, STAR_NAMES, star_names(parsed.tree, directory, implicit, parsed.future))
        # what the project's modules assign as this module's attributes by name (`import b6; b6.repr = f`)
        setattr(parsed.tree, OUTSIDE, plan.project.outside(path, text) if plan.project is not None else {})
        # the project's functions writing sys.stdout that the module's text names (print_order: tryout27 #10)
        setattr(parsed.tree, stdout_writes.IMPORTED,
                plan.project.stdout_calls(text) if plan.project is not None else frozenset())
        ctx = Context(parsed.tree, parsed.future, add, plan.guards, parsed.text)
        ctx.respelled = respelled
        ctx.siblings = implicit
        ctx.path = path
        ctx.first_party = first_party
        ctx.project = plan.project
        rule_sets = ((RULE_SETS if "py3k" in plan.checkers else ())
                     + ((FloorRules,) if "target" in plan.checkers else ()))
        if rule_sets:  # one pass for every rule family selected
            _get_walker(rule_sets).run(ctx)
        if "py3k" not in plan.checkers:  # the Python-3-only syntax rules are among the py3k rule sets;
            syntaxwalk.run(ctx)  # they are the syntax checker's: looked for whatever the selection
        if any(f.symbol == "print-statement" for f in out.items):  # fissix reads the module only then
            for line, column, symbol, detail in print_order.findings(text, parsed.tree):
                add(symbol, line, column, detail)
                print_left = print_left or bool(detail["left"])
    for item in styled:
        out.add_style(*item)
    hidden = suppress.collect(tokens.comments, [(a, b) for a, b, _ in blocks], parsed.tree)
    kept = [f.symbol in ALWAYS_REPORTED or not hidden.hides(f, out.also.get(at, ())) for at, f in enumerate(out.items)]
    findings = [f for f, shown in zip(out.items, kept) if shown]
    # Python-2-only syntax under noqa or a pylint disable (a print statement, or what the Python 2 reading respelled:
    # an exec statement, an old raise, 0777...) stays Python 2 syntax, which Python 3 cannot parse (or, for a print
    # statement, stage 1 would make the others calls needing print_function): fix leaves the file whole (tryout4
    # #17, tryout5 #13)
    suppressed = [f for f, shown in zip(out.items, kept) if not shown]
    python2_kept = [f for f in suppressed if f.symbol == "print-statement"
                    or {(f.line, f.symbol), (f.line, f.split_from)} & respelled]
    if lacks and parsed.tree is not None and any(f.fixable and f.symbol in own_six.WRITES for f in findings):
        # fix leaves them with a note where the project's own copy of six lacks what they write (tryout18b #3)
        own = own_six.for_module(path, plan.six, parsed.tree)
        absolute = ctx is None or not absolute_import_withheld(ctx)  # as fix's futures stage (tryout20 #10)
        left = {f.symbol for f in findings
                if own_six.lacking(own, plan.six, parsed.tree, parsed.future, f.symbol, absolute)}
        findings = [f._replace(fixable=False) if f.symbol in left else f for f in findings]
    if (python2_kept or _left_whole_by_fix(findings, ctx, out.items, print_left)
            or any(f.fixable for f in findings) and (six_copy.is_own_copy(path, plan.six) or sources.unwritable(src))):
        findings = [f._replace(fixable=False) for f in findings]
    return Analysis(findings, parsed, tokens, python2_kept)


def _left_whole_by_fix(findings, ctx: Context | None, every: list, print_left: bool) -> bool:
    """Whether `diracmod fix` leaves the file as it is whatever else it could rewrite: Python-2-only syntax it
    has no rewrite for, or print statements in a module whose exec/execfile/compile calls Python 2 compiles under
    the print_function their calls need, or whose doctest examples hold print statements fix cannot make calls
    exactly (doctest-example-print-left among `every` finding, those suppressed too: fix's futures.apply refuses
    both), or one of whose `print >>stream, values` would evaluate them in another order and whose stream fix
    cannot bind to a name first (`print_left`: print-stream-evaluated-late or -twice, suppressed too: stage 1
    refuses it). Then check's "N fixable" and each finding's `fixable` do not promise
    what the next `diracmod fix` would not do. `ctx`: the walker's, None where the module has no tree."""
    symbols = {f.symbol for f in findings}
    if symbols & _LEFT_BY_FIX or any(f.split_from in _LEFT_PYTHON2_SYNTAX for f in findings):
        return True
    return "print-statement" in symbols and ctx is not None and (
        print_left or any(f.symbol == "doctest-example-print-left" for f in every)
        or bool(module_strings(ctx)["print_function"]))


def file_findings(path: str, symbol: str, detail: dict, line: int = 1) -> list:
    """A finding made outside the per-file pass: a file that could not be checked, a deps verdict."""
    out = _Findings(path, [])
    out.add(symbol, line, 0, detail)
    return out.items


@contextlib.contextmanager
def collector_paused():
    """The cyclic garbage collector waits while a file is checked: its syntax tree and tokens are tens of
    thousands of small objects without cycles, whose allocation would otherwise start collections that
    traverse everything alive (5-8% of a `--select pycodestyle` run, measured). Cycles made meanwhile are
    collected after the file, at the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_file(path: str, plan: Plan) -> FileResult:
    """Never raises: every problem with the file becomes a finding."""
    try:
        src = sources.read(path, plan.max_bytes)
        digest = hashlib.sha256(src.data).hexdigest()
        with time_limit(plan.max_seconds), collector_paused():
            try:
                return FileResult(path, digest, analyse(path, src, plan))
            except RecursionError:  # a syntax tree deeper than our stack: legal Python 3 goes ~3,000+ levels
                return FileResult(path, digest, with_deep_stack(analyse, path, src, plan))
    except TooSlow:  # not cached (no digest): another machine, or a raised limit, may get through it
        return FileResult(path, None, file_findings(path, "file-too-slow", {"limit": f"{plan.max_seconds:g}"}))
    except sources.SourceError as problem:
        return FileResult(path, None, file_findings(path, problem.symbol, problem.detail, problem.line))
    except Exception as exc:  # a bug of ours, reading or checking, must not end the run or hide the file
        where = traceback.extract_tb(exc.__traceback__)[-1]
        detail = f"{type(exc).__name__}: {exc} ({os.path.basename(where.filename)}:{where.lineno})"
        return FileResult(path, None, file_findings(path, "internal-error", {"detail": detail}))


class TooSlow(BaseException):
    """The file's max-file-seconds are up. Not an Exception, as KeyboardInterrupt is not: a stage's `except
    Exception` (fissix's parse, print_order's, the syntax stage's fallback to the whole module) took it for its
    own error and ran on without a deadline (tryout23 #5)."""


def _raise_too_slow(signum, frame):
    raise TooSlow()


_REARM_SECONDS = 0.01


def _rearm_when_swallowed(previous_hook):
    """A sys.unraisablehook for time_limit: the deadline landing in code whose exceptions Python only reports
    (a weakref callback, a __del__: seen under load) printed "Exception ignored ... TooSlow" and the file ran on
    unbounded; it is taken as a sign to raise the deadline again at once, in the code that called it."""
    def hook(unraisable):
        if isinstance(unraisable.exc_value, TooSlow):
            signal.setitimer(signal.ITIMER_REAL, _REARM_SECONDS)
        else:
            previous_hook(unraisable)
    return hook


@contextlib.contextmanager
def time_limit(seconds: float):
    """Stop the check of one file after `seconds` (SIGALRM: pure-Python parsing and pycodestyle stop between
    bytecodes). Only where signals can be used: the main thread of a POSIX process, as workers and -j 1 are."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_too_slow)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _rearm_when_swallowed(previous_hook)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    except SystemError:
        # the alarm landed inside ast's C constructor, which reports it as "AST constructor recursion depth
        # mismatch" (seen on CPython 3.11 under load): still the deadline, not a bug of the file's
        if time.monotonic() - started >= seconds:
            raise TooSlow() from None
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
        if outer:  # a caller's own alarm (a test's deadline) keeps running, less the time spent here
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - started)))


_DEEP_STACK_BYTES = 512 * 1024 * 1024  # address space; only the pages a deep tree touches are used
_DEEP_RECURSION_LIMIT = 150_000


def with_deep_stack(function, *args):
    """`function(*args)` in a thread whose C stack can hold the recursion limit it is given: raising
    the limit alone would trade a RecursionError for a segmentation fault."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # handed to the caller's thread as is
            outcome["error"] = exc

    saved_size, saved_limit = threading.stack_size(_DEEP_STACK_BYTES), sys.getrecursionlimit()
    sys.setrecursionlimit(_DEEP_RECURSION_LIMIT)  # the caller only waits meanwhile
    try:
        worker = threading.Thread(target=target, name="diracmod-deep-stack")
        worker.start()
        try:
            worker.join()
        except BaseException as stop:  # the deadline (TooSlow) or Ctrl-C, which only the main thread receives
            _raise_in(worker, type(stop))  # the work stops too: it would hold the process (tryout23 #5)
            worker.join()
            raise
    finally:
        threading.stack_size(saved_size)
        sys.setrecursionlimit(saved_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _raise_in(thread: threading.Thread, exception: type) -> None:
    """Raise `exception` in `thread` at its next bytecode, as a signal's handler raises it in the main thread."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(exception))


# In a worker of `run`'s pool: (plan, work), given once when it starts (the pool's initializer: forked, not
# pickled), not with each chunk: a plan carries the project index, which took a run's parent more time to
# pickle for every chunk (and its workers to unpickle) than the run spent anywhere else of its own.
_task = None


def _check_chunk(paths):
    plan, work = _task
    return [work(path, plan) for path in paths]


# Below this much source per process (~0.1 s of work), starting a process costs more than it saves:
# a pre-commit run over a handful of files stays in one process.
_MIN_BYTES_PER_PROCESS = 64_000


def _processes(paths: list, jobs: int) -> int:
    size = 0
    for path in paths:
        try:
            size += os.stat(path).st_size
        except OSError:
            pass  # check_file reports it
        if size >= jobs * _MIN_BYTES_PER_PROCESS:
            return jobs
    return max(1, size // _MIN_BYTES_PER_PROCESS)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """Have the kernel send SIGTERM when the parent dies: one killed by SIGKILL (a CI timeout, the OOM
    killer) cannot shut its pool down, and its workers would wait on the task queue for ever. Linux only
    (elsewhere nothing: the pool's own shutdown still covers SIGTERM and Ctrl-C). The signal fires when
    the parent's thread that forked this worker ends: the pool forks every worker from the thread that
    first submits (fork context), the one that reads the results here."""
    import ctypes  # here, not above: only a worker needs it (start-up of a -j 1 run, as multiprocessing below)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):  # no libc with prctl (not Linux)
        return
    if os.getppid() != parent:  # it died before prctl took effect: no signal will come
        os._exit(1)


def _start_worker(parent: int, task) -> None:
    """A worker ends on SIGTERM (the pool's shutdown, or its parent's death) whatever handler the command
    set in its parent; `task`: its (plan, work), for _check_chunk."""
    global _task
    _task = task
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)


def _pool(jobs: int, task=None):
    # imported here, not above: a run in one process (-j 1, a few files) starts without them (5 ms)
    import concurrent.futures
    import multiprocessing
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return concurrent.futures.ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                                                  initializer=_start_worker, initargs=(os.getpid(), task))


def _largest_first(paths: list, jobs: int) -> list:
    """Chunks of indexes into `paths`, the largest files first, each chunk about as large as 1/64th of a
    worker's share (a large file alone): the workers finish together rather than one of them ending the
    run with a chunk of large files."""
    sizes = []
    for index, path in enumerate(paths):
        try:
            sizes.append((os.stat(path).st_size, index))
        except OSError:
            sizes.append((0, index))  # the work reports it
    sizes.sort(key=lambda item: -item[0])
    target = max(1, sum(size for size, _ in sizes) // (jobs * 64))
    chunks, chunk, chunk_bytes = [], [], 0
    for size, index in sizes:
        chunk.append(index)
        chunk_bytes += size
        if chunk_bytes >= target or len(chunk) == 32:
            chunks.append(chunk)
            chunk, chunk_bytes = [], 0
    return chunks + [chunk] if chunk else chunks


def spread(function, paths: list, jobs: int) -> list:
    """[function(path) for path in paths], spread over `jobs` processes as `run` spreads its files (one process
    for a few small files): for work a run does before `run`'s (the project index's files, source/project_index/:
    serial, it was a tenth of a Django fix's wall time at -j 2). `function` must be picklable."""
    jobs = _processes(paths, jobs) if jobs > 1 else 1
    if jobs == 1:
        return list(map(function, paths))
    pool = _pool(jobs)
    try:
        return list(pool.map(function, paths, chunksize=max(1, min(32, len(paths) // (jobs * 8)))))
    finally:
        pool.shutdown(cancel_futures=True)


def run(paths: list, plan: Plan, jobs: int, progress=None, work=None, largest_first: bool = False,
        ordered: bool = True):
    """FileResults in the order of `paths`, whatever `jobs` is, each yielded as soon as it and those
    before it are done: the caller never has to hold them all (but with `largest_first`, where the
    processes take the largest files first and the results wait for those before them; not `ordered`: each
    as soon as it is done, which `in_order` puts back in order). `work(path, plan)` makes one file's result
    (default check_file; `diracmod fix` passes its own: a module-level function, so that workers can unpickle
    it)."""
    work = work or check_file  # looked up at call time (tests replace check_file)
    jobs = _processes(paths, jobs) if jobs > 1 else 1
    if jobs == 1:
        for path in paths:
            yield work(path, plan)
            if progress:
                progress(1)
        return
    if largest_first:
        yield from _run_largest_first(paths, plan, jobs, progress, work, ordered)
        return
    size = max(1, min(32, len(paths) // (jobs * 8)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    pool = _pool(jobs, (plan, work))
    try:
        for chunk_results in pool.map(_check_chunk, chunks):
            if progress:
                progress(len(chunk_results))
            yield from chunk_results
    finally:  # the caller may stop early (an error): do not wait for the chunks nobody will read
        pool.shutdown(cancel_futures=True)


def _run_largest_first(paths, plan, jobs, progress, work, ordered):
    order = _largest_first(paths, jobs)
    pool = _pool(jobs, (plan, work))

    def made():  # (index in paths, result), as the chunks come
        for indexes, chunk_results in zip(order, pool.map(_check_chunk, [[paths[i] for i in chunk]
                                                                         for chunk in order])):
            if progress:
                progress(len(chunk_results))
            yield from zip(indexes, chunk_results)
    try:
        yield from in_order(made()) if ordered else (result for _, result in made())
    finally:
        pool.shutdown(cancel_futures=True)


def in_order(made):
    """The items of (index, item) pairs `made` in any order of the indexes 0, 1, 2...: in their indexes' order,
    each as soon as it and those before it came."""
    done, following = {}, 0
    for index, item in made:
        done[index] = item
        while following in done:
            yield done.pop(following)
            following += 1

"""The fix pipeline for one file: read -> check's findings -> stage 1 (fissix, only when Python 3 cannot
parse the file) -> stage 2 (libcst, only when fixable findings remain) -> the __future__-import policy ->
verify -> encode as the file was. Never raises: a file that cannot be fixed safely is left as it is and
its result says why."""
from __future__ import annotations

import ast
import codecs
import dataclasses
import difflib
import os
import traceback
from collections import Counter
from dataclasses import dataclass, field

import libcst as cst

from diracmod.check import engine as check_engine
from diracmod.core import catalogue, siblings
from diracmod.core.lines import first_ending, lone_crs_as_lf
from diracmod.fix import formfeeds, futures, syntax_stage, verify
from diracmod.rules import own_six
from diracmod.rules import codemod, fixers, style
from diracmod.rules.py3k.py3only import PRINT_CALL_NEEDS_FUTURE
from diracmod.rules.py3k.rebound import rebound_names
from diracmod.rules.py3k.unicode_escapes import PYTHON3_ONLY
from diracmod.source import comments, reader, six_copy, star_imports
from diracmod.source.parse import Parsed, python3
from diracmod.source.project_index import ProjectIndex
from diracmod.source.statements import statements
from diracmod.source.tokens import scan

# Findings that say the file cannot be parsed at all, or not by one of the two Pythons.
_SYNTAX_PROBLEMS = frozenset({"syntax-error", "python2-syntax-error", "python3-syntax-error"})
_ANALYSIS = check_engine.Plan(checkers=frozenset({"py3k"}))
_TAB_ERROR = "inconsistent use of tabs and spaces in indentation"  # Python 3's TabError
def _fixer_bug(applied: Counter) -> str:
    """What to do about a rewrite the checks refused: report it, and fix the rest without the rule that made it,
    one of those that rewrote the file (named: `--select` of the one that made it would refuse the file too)."""
    rules = catalogue.load()
    made = ", ".join(f"{rules[symbol].id} {symbol}" for symbol in sorted(+applied))
    return ("; the file is unchanged. A fixer made this: please report it with the file; meanwhile, to fix the "
            f"rest, `--ignore` the rule that made it, one of those that rewrote the file ({made or 'none counted'}; "
            "`diracmod fix --select RULE FILE` shows one rule's rewrite)")


@dataclass(frozen=True)
class FixPlan:
    """What every worker needs to fix a file (picklable)."""
    symbols: frozenset  # the fixable symbols to rewrite (selected; unsafe ones only when asked)
    wanted: frozenset  # every selected py3k symbol: findings of these left in the file are reported
    max_bytes: int = 5_000_000
    guards: bool = True
    max_seconds: float = 60.0  # per file, as check's max-file-seconds: a huge dense file must not hold the run
    futures: futures.Policy = futures.Policy()  # [tool.diracmod.fix]
    six: str | None = None  # [tool.diracmod.fix] six: the project's own six module, which rewrites import
    indent: str | None = None  # pycodestyle's indent-size, for blocks built in a module without one (None: 4)
    max_line: int | None = None  # pycodestyle's max-line-length, for the lines a rewrite re-wraps (None: none)
    # check's max-line-length where the project's check reports E501: the lines the rewrites take over it are noted
    # (tryout23 #6); None: none noted
    long_lines: int | None = None
    left: bool = True  # report the findings left in a fixed file (the summary's; `fix -q` shows none)
    project: ProjectIndex | None = None  # the project's classes, as check reads them (source/project_index/)


@dataclass
class FixResult:
    path: str
    data: bytes | None = None  # the file's bytes as read (None: not read)
    new: bytes | None = None  # the bytes to write; None: nothing to change
    applied: Counter = field(default_factory=Counter)  # symbol -> rewrites made
    left: list = field(default_factory=list)  # selected findings still in the (fixed) file, for a person
    refused: str | None = None  # why the file is left unchanged although it needed work
    notes: list = field(default_factory=list)  # why some findings are left that fix could rewrite otherwise
    symbol: str | None = None  # with `refused`: the input problem (unreadable-file, ...), if that is why
    # (line, symbol) -> why its fixer, were the rule selected (--unsafe), would leave that finding of `left`
    # (a fixer's why_left: rules/py3k/runtime_fix.py); the summary's "--unsafe rewrites it" counts the others
    why_left: dict = field(default_factory=dict)
    # line of the written file -> line of the file as given, for the findings of `why_left` the summary's notes name
    # (tryout15 #4: the lines a person finds in the file they ran fix on, not those after the added header lines)
    given_lines: dict = field(default_factory=dict)


def _newline_style(text: str) -> tuple[str, str]:
    """The text with "\\n" newlines, and its first line's ending (CRLF, an old Mac file's CR, or LF): a fixed file
    is written with that ending throughout, as black writes it, so a file mixing CRLF and LF gets the lines fix
    adds (a future import, `import six`) with the ending its own lines start with, and a second run changes
    nothing. A lone CR is a line's end to both Pythons (tryout4 #3), among CRLF or LF lines too (tryout11 #3: fissix
    read it as a bad token)."""
    ending, text = first_ending(text), text.replace("\r\n", "\n")
    return lone_crs_as_lf(text), ending


class NotWritable(Exception):
    """The fixed text cannot be written in the file's encoding so that Python reads it back (tryout10 #12)."""

    def __init__(self, encoding: str, why: str):
        super().__init__(f"cannot write the fixed text back in its encoding {encoding}: {why}; re-encode the file "
                         f"(and its coding line) as UTF-8 by hand, then run fix again")


def _encode(text: str, src: reader.Source, ending: str) -> bytes:
    """The bytes of `text`, as the file was written; NotWritable where they would not read back as `text` (whatever
    the codec: one failing to encode it, or one writing a character as another)."""
    if ending != "\n":
        text = text.replace("\n", ending)
    try:
        data = text.encode(src.encoding)  # "utf-8-sig" (a BOM and no cookie, or a utf-8 one) writes the BOM itself
        data = codecs.BOM_UTF8 + data if src.bom and not data.startswith(codecs.BOM_UTF8) else data
        back = reader.decode(src.path, data).text
    except (UnicodeError, LookupError, ValueError, TypeError) as exc:
        raise NotWritable(src.encoding, " ".join(str(exc).split())) from None
    except reader.SourceError as problem:
        raise NotWritable(src.encoding, reader.describe(problem)) from None
    if back != text:
        raise NotWritable(src.encoding, "its bytes would read back as other text")
    return data


def _analyse(path: str, src: reader.Source, text: str, plan: FixPlan, rules: bool = True) -> check_engine.Analysis:
    """check's analysis of `text`; without `rules`, only what verifies a rewrite: the parse, the tokens and
    the syntax rules (no py3k rule's finding)."""
    checkers = _ANALYSIS.checkers if rules else frozenset()
    return check_engine.analysis(path, dataclasses.replace(src, text=text),
                                 dataclasses.replace(_ANALYSIS, checkers=checkers, guards=plan.guards, six=plan.six,
                                                     project=plan.project))


def _print_calls(findings) -> bool:
    """print(..., file=f) in a module without print_function (tryout10b #9): Python 2 cannot parse it, and no
    print of the module is a statement it ran; the import fix adds makes Python 2 read them all as Python 3 does."""
    return any(f.symbol == "python2-syntax-error" and f.message.endswith(PRINT_CALL_NEEDS_FUTURE) for f in findings)


def _stage1(path, src, text, analysis, plan, applied):
    """Stage 1 when the file has Python-2-only syntax; the new text and its analysis."""
    findings = analysis.findings
    symbols = {f.symbol for f in findings if f.symbol in fixers.SYNTAX_BY_SYMBOL and f.symbol in plan.symbols}
    if _print_calls(findings):  # Python 3 code: its print(...) are calls already, which print_function keeps so
        symbols.discard("print-statement")
    if not symbols:
        return text, analysis
    new = syntax_stage.rewrite(text, {s: {f.line for f in findings if f.symbol == s} for s in symbols}, path,
                               analysis.parsed)
    if new == text:  # no fixer rewrote anything: the analysis stands
        return text, analysis
    after = _analyse(path, src, new, plan)
    before_counts, after_counts = Counter(f.symbol for f in findings), Counter(f.symbol for f in after.findings)
    for symbol in sorted(symbols):
        applied[symbol] += before_counts[symbol] - after_counts[symbol]
    return new, after


def _stage2(path, text, analysis, plan, applied, top_six: bool, stage_one: frozenset) -> tuple[str, bool, list]:
    """The text after stage 2 (`stage_one`: the import lines stage 1 added); whether its rewrites import the top-level six in place of the module's sibling
    copy (then `import six` must mean the top-level one: absolute_import, which the caller checks); and the
    notes on what the rewrites left (what the project's own copy lacks: "six.ensure_binary")."""
    fixable = [f for f in analysis.findings if f.symbol in fixers.BY_SYMBOL and f.symbol in plan.symbols]
    if not fixable:
        return text, False, []  # only files with fixable findings reach libcst
    wanted = {fixers.BY_SYMBOL[f.symbol] for f in fixable}
    rules = [rule for rule in fixers.FIXERS if rule in wanted]
    directory = os.path.dirname(os.path.abspath(path))
    first_party, tree = siblings.first_party(directory), analysis.parsed.tree
    own, lacking, late = own_six.for_module(path, plan.six, tree), set(), set()
    if six_copy.shadowing(directory):
        # `import six` would make six import the project's operator.py (functools.py...) on Python 2, whichever six:
        # no rewrite imports six (check reports the findings of the rules writing it as DM420, which fix is not
        # given; rules/py3k/six_bound.py), as for a module of the project named six
        first_party, own = first_party | {"six"}, None
    read = plan.project.read_of(path) if plan.project is not None else {}  # as check's detectors read it
    # the module's own `import six` is the top-level six (absolute_import), or `six = "six"` asks for it
    future = analysis.parsed.future
    python2_own = siblings.python2_own(directory, "absolute_import" in future)  # as check's ImportRules ask
    top = own_six.takes_top_level(own, plan.six, tree, future, False, top_six)
    if not top:
        new, counts = codemod.apply(text, fixable, rules, first_party, tree, own, lacking, plan.indent, stage_one, late,
                                    read, plan.max_line, _plain(plan), python2_own)
        # a sibling copy of six found by default (not a configured one: the user's choice) lacks what some
        # rewrites need (Django's six 1.8.0 has no ensure_binary, no moves.getcwd): the module's rewrites all
        # use the top-level six, as the project's modules outside that package do
        top = own_six.takes_top_level(own, plan.six, tree, future, bool(lacking), top_six)
    if top:
        new, counts = codemod.apply(text, fixable, rules, first_party - {"six"}, tree, indent=plan.indent,
                                    stage_one=stage_one, late=late, read=read, max_line=plan.max_line,
                                    plain=_plain(plan), python2_own=python2_own)
    applied.update(counts)
    notes = [f"{own_six.describe(own, path)} lacks {', '.join(sorted(lacking))}: the rewrites needing it are left (a "
             f"newer copy of six has it)"] if lacking and not top else []
    if late:
        notes.append(f"the module imports {', '.join(sorted(late))} itself below other code setting up where imports "
                     f"are found (sys.path, sys.modules): an import the rewrites add at the top would run before that "
                     f"code, and the module's own line stays where it is: the rewrites are left for a person")
    if sum(counts.values()) < len(fixable) and "six" in rebound_names(tree):
        notes.append("the module binds `six` itself (a parameter, an assignment, `from pkg import six`: not a "
                     "module-level `import six`): the rewrites writing six.x are left for a person")
    return new, top, notes


def _stage2_and_futures(path, text, before, syntax, analysis, selected, plan, applied,
                        top_six: bool) -> tuple[str, bool, list]:
    """Stage 2 and the future-import policy on `syntax` (stage 1's text, which `analysis` read; `before`: the
    file's own parse); and, as _stage2 says, whether the rewrites import the top-level six in place of a sibling
    copy, and the notes on what they left (why a future import is not added, where a DM rule counted as its
    rule says fix leaves it: tryout10b #4)."""
    new, top_six, notes = _stage2(path, syntax, analysis, plan, applied, top_six,  # Python 3 parses `syntax`
                                  _lines_added(text, syntax))
    added = (new != text and "no-absolute-import" in plan.symbols and not _imports_anything(before.tree)
             and _imports_anything(python3(new).tree))
    if added:  # the imports the stages added (six, functools) would be reported on the next run: one run, not two
        selected = selected + check_engine.file_findings(path, "no-absolute-import", {})
    staged = new
    new, counts, left = futures.apply(new, path, plan.futures, touched=new != text, findings=selected,
                                      tree=analysis.parsed.tree if new == syntax else None,  # the ast of `syntax`
                                      absolute=frozenset({"six"}) if top_six else frozenset(), original=before.tree,
                                      print_calls=_print_calls(analysis.findings), project=plan.project,
                                      # the reasons name the file's lines, as check does (tryout13 #4)
                                      line_of=lambda line: verify.original_line(text, staged, line))
    if added:  # no finding of the file's: not a rewrite to count (tryout2 #19)
        del counts["no-absolute-import"]
    applied.update(counts)
    rules = catalogue.load()  # a DM rule counted as the future import's rule (DM176 as W1618), or split off it
    reported = {f.split_from for f in analysis.findings} | {rules.by_symbol[f.symbol].pylint
                                                            for f in analysis.findings if f.symbol in rules.by_symbol}
    for why in left:
        name, _, reason = why.partition(": ")
        symbol = futures.SYMBOLS.get(name)
        if symbol and {symbol, rules.by_symbol[symbol].id} & reported:
            notes.append(f"`from __future__ import {name}` not added: {reason}")
    return new, top_six, notes


def _lines_added(text: str, syntax: str) -> frozenset:
    """The top-level import lines stage 1 added to `text` (`syntax` is its output): fissix's `import six` for
    six.reraise, which stage 2 may merge into the imports it adds at the top; the module's own lines stay."""
    before = Counter(line for line in text.splitlines() if line.startswith("import "))
    return frozenset(Counter(line for line in syntax.splitlines() if line.startswith("import ")) - before)


def _project_standard_names(tree: ast.Module, first_party: frozenset) -> list:
    """The modules the module imports absolutely that are the project's own (`first_party`: those Python 2
    reaches so, siblings.python2_own) though named like
    standard ones (a sibling Tkinter.py, a string.py at the project's root): check, reading the file alone,
    took them for the standard ones; fix leaves what it reported of them."""
    imported = {alias.name for node in statements(tree) if isinstance(node, ast.Import) for alias in node.names} | {
        node.module for node in statements(tree) if isinstance(node, ast.ImportFrom) and not node.level and node.module}
    return sorted(module for module in imported if module.split(".")[0] in first_party and module != "__future__"
                  and star_imports.standard(module.split(".")[0]))


def _left(findings, plan) -> list:
    """Selected findings still there (a file's parse problems are its refusal's reason, not listed again)."""
    return [f for f in findings if f.symbol in plan.wanted and f.symbol not in check_engine.ALWAYS_REPORTED]


def _plain(plan: FixPlan) -> frozenset:
    """The project index's classes giving no rich comparison (ProjectIndex.plain), which cmp-method's rewrite reads."""
    return plan.project.plain if plan.project is not None else frozenset()


def _why_fixers_leave(findings, text: str, plain: frozenset = frozenset()) -> dict:
    """(line, symbol) -> why the fixer of each finding's rule leaves it, for the rules whose fixer can say
    (a `why_left(tree, finding, plain)`, `plain`: _plain's); the text is parsed only when it holds such a finding."""
    asked = [f for f in findings if hasattr(fixers.BY_SYMBOL.get(f.symbol), "why_left")]
    parsed = python3(text) if asked else None
    tree = parsed.tree if isinstance(parsed, Parsed) else None
    if tree is None:
        return {}
    reasons = {(f.line, f.symbol): fixers.BY_SYMBOL[f.symbol].why_left(tree, f, plain) for f in asked}
    return {key: why for key, why in reasons.items() if why}


def _imports_anything(tree) -> bool:
    return tree is None or any(isinstance(node, ast.Import) or isinstance(node, ast.ImportFrom)
                               and node.module != "__future__" for node in statements(tree))


def _comments(analysis: check_engine.Analysis) -> int:
    """The COMMENT tokens of the text the analysis parsed: its own scan's, unless the text is the Python 3
    rewrite of a Python 2 file (then that rewrite's, which a Python 3 tokenizer reads throughout)."""
    parsed = analysis.parsed
    if not parsed.python2_only:
        return len(analysis.tokens.comments)
    return comments.count(parsed.text, parsed.tree) if parsed.tree is not None else len(scan(parsed.text, True).comments)


def _verification(path, src, first, new, data, plan, applied) -> tuple:
    """(why the rewrite `new` of the text `first` analysed, `data` as it will be written, is refused, or None;
    the selected findings left in it; why it still needs a person, or None). With python2.7's compiler at hand and no findings wanted (`fix -q`), the
    rewrite needs no analysis but Python 3's parse: python2.7's verdict on `data` covers every Python 2 syntax
    finding the analysis makes (from the tokens, the tree and the parser's limits), and the comments are counted
    on the tree (a tokenize pass cost twice the parse)."""
    python2 = verify.python2_verdict(data)
    parsed = None if plan.left or python2 is None else python3(new)
    if isinstance(parsed, Parsed) and parsed.tree is not None:
        after, count, findings = parsed, comments.count(new, parsed.tree), []
    else:
        analysis = _analyse(path, src, new, plan, rules=plan.left)
        after, count, findings = analysis.parsed, _comments(analysis), analysis.findings
    refused, unported = verify.problem(first.parsed, _comments(first), after, count, new, python2)
    if not refused:
        broken = next((f for f in findings if f.symbol in _SYNTAX_PROBLEMS), None)
        refused = verify.cookie_problem(src.data, data) or (
            broken and f"the rewrite would not parse on both Pythons: {broken.message}")
    original = refused and python2 and verify.python2_verdict(src.data)
    if original:  # what python2.7's compiler refuses that check does not see (tryout11 #14): no fixer's doing
        return f"Python 2.7 cannot compile the original either: {original}: change that by hand first", [], None
    return (refused + _fixer_bug(applied), [], None) if refused else (None, _left(findings, plan), unported)


def _why_left(analysis: check_engine.Analysis, plan: FixPlan, original: str, rewritten: str) -> str:
    """Why the syntax stage left Python 2 syntax, by the rules check reports it under: none of fix's
    (DM177 old-raise-syntax-value-unknown, DM196 where the rule's finding is split off: `diracmod explain` says
    what to write), not selected, or kept by the line's own noqa or pylint disable (check's `kept`); `analysis`
    is of `rewritten`, the syntax stage's output of the user's `original`, whose lines the message names."""
    rules = catalogue.load()
    kept = {(f.line, symbol) for f in analysis.kept for symbol in (f.symbol, f.split_from)}
    split = {(f.line, f.split_from): f.symbol for f in analysis.findings if f.split_from}
    left = [rules.by_symbol[symbol] for symbol in dict.fromkeys(split.get((raw[0], raw[2]), raw[2])
                                                                for raw in analysis.parsed.raw  # a rule, not "syntax"
                                                                if (raw[0], raw[2]) not in kept)
            if symbol in rules.by_symbol and symbol not in check_engine.ALWAYS_REPORTED]
    unfixable = [f"{r.id} {r.symbol} (`diracmod explain {r.id}`)" for r in left if r.symbol not in fixers.FIXABLE]
    unselected = [f"{r.id} {r.symbol}" for r in left if r.symbol in fixers.FIXABLE and r.symbol not in plan.symbols]
    missed = [f"{r.id} {r.symbol}" for r in left if r.symbol in fixers.FIXABLE and r.symbol in plan.symbols]
    return "; ".join([*([f"no fixer rewrites {', '.join(unfixable)}"] if unfixable else []),
                      *([f"not selected: {', '.join(unselected)}"] if unselected else []),
                      *([f"the syntax stage did not rewrite {', '.join(missed)}"] if missed else []),
                      *([_kept_by(analysis.kept, analysis.tokens.comments, original, rewritten)]
                        if analysis.kept else []),
                      *([] if left or analysis.kept else ["no fixer rewrites that (or its rule is not selected)"])]) \
        + ": change it by hand, then run fix again"


def _tabs_left(python3: str) -> str:
    """What to do where Python 3 refuses the indentation's mix of tabs and spaces (its TabError), which Python 2
    reads with a tab as up to 8 columns (tryout8 #4), or ""; the rules left in such a file may be the mix's doing
    (a statement the syntax stage could not reach), so none is named."""
    if _TAB_ERROR not in python3:
        return ""
    return ("Python 2 reads a tab as up to 8 columns, Python 3 refuses to guess: expand the indentation's tabs to 8 "
            "columns (GNU `expand -i -t 8`, leading tabs only: the same code on Python 2; a tab starting a line of "
            "a multi-line string changes too), then run fix again")


def _kept_by(kept: list, comments: list, original: str, rewritten: str, shown: int = 3) -> str:
    """Which suppressions keep Python 2 syntax (check's `kept` findings in `rewritten`): the comment ending each
    line (or the last of the lines a backslash or a multi-line string joins it to), or one above it; the first
    `shown`, each at its line in `original` (the syntax stage adds lines above: tryout28 #6)."""
    ending = {line: c.text for c in comments if not c.own_line for line in range(c.joined_from, c.line + 1)}
    said = [f"line {verify.original_line(original, rewritten, f.line)} {f.symbol} by "
            + (f"its `{ending[f.line]}`" if f.line in ending else "a comment above it")
            for f in kept[:shown]]
    more = f" and {len(kept) - shown} more" if len(kept) > shown else ""
    return f"kept as Python 2 wrote it by a noqa or pylint disable: {', '.join(said)}{more}"


def _fix(path: str, src: reader.Source, plan: FixPlan, result: FixResult) -> FixResult:
    """`result` (the caller's) gets the findings as soon as they are known: a file refused by an exception
    still counts them among those left for a person (a second try, on a deep stack, starts it afresh)."""
    text, ending = _newline_style(src.text)
    first = _analyse(path, src, text, plan)
    findings = first.findings
    result.left, result.notes = _left(findings, plan), []
    unwritable = reader.unwritable(src)
    if unwritable and any(f.symbol in plan.symbols for f in findings):  # check counts none of them fixable
        result.refused = str(NotWritable(src.encoding, unwritable))
        return result
    neither = next((f for f in findings if f.symbol == "syntax-error"), None)
    if neither:
        result.refused = neither.message
        return result
    print_calls = "print_function" in plan.futures.names and _print_calls(findings)
    python3_only = next((f for f in findings if f.symbol == "python2-syntax-error"
                         and not (print_calls and f.message.endswith(PRINT_CALL_NEEDS_FUTURE))), None)
    if python3_only:  # whatever fix did, the result could not run on both Pythons
        result.refused = f"{python3_only.message} (line {python3_only.line}): change that by hand first"
        return result
    python3_code = next((f for f in findings if f.symbol == PYTHON3_ONLY), None)
    if python3_code:  # a note, not a refusal (which fails `fix --check` forever): the file is Python 3 code
        result.notes.append(f"skipped: Python 3 code (line {python3_code.line}: {python3_code.message}); exclude it "
                            f"(--exclude) if it is, or write the escape as it is meant")
        return result
    applied = Counter()
    selected = [f for f in findings if f.symbol in plan.symbols]  # what the future-import policy may fix
    if selected and six_copy.is_own_copy(path, plan.six):
        # skipped on purpose, as ruff skips an excluded file: a note, not a refusal (which fails `fix --check`
        # forever, since no run can ever fix the copy)
        result.notes.append(f"skipped: the project's own copy of six: its Python 2 code runs only where it must, "
                            f"and the rewrites would import six from itself; its {len(result.left)} finding(s) "
                            f"are not counted as left for a person (exclude it from check to silence them there)")
        result.left = []  # left on purpose: the summary's "findings left for a person" are the project's
        return result
    new, analysis = _stage1(path, src, text, first, plan, applied)
    syntax = new
    python3 = verify.python3_problem(analysis.parsed, original=text, rewritten=new)
    too_deep = python3 and next((f for f in findings if f.symbol == "python3-syntax-error"
                                 and "RecursionError" in f.message), None)
    if too_deep:  # Python 3's compiler gives up on a line before any print statement it would name (tryout8 #10)
        result.refused = (f"still Python-2-only after the syntax stage: {too_deep.message} (line {too_deep.line}): "
                          f"split that expression by hand, then run fix again")
        return result
    if python3:
        why = _tabs_left(python3) or _why_left(analysis, plan, text, new)
        result.refused = f"still Python-2-only after the syntax stage: {python3}; {why}"
        return result
    before = first.parsed  # verify.problem compares the rewrite with it
    rewritten = Counter(applied)
    new, top_six, notes = _stage2_and_futures(path, text, before, syntax, analysis, selected, plan, rewritten,
                                              top_six=True)
    if top_six and "absolute_import" not in Parsed(ast.parse(new), new).future:
        # absolute_import could not be added: `import six` would import the sibling copy on Python 2
        rewritten = Counter(applied)
        new, _, notes = _stage2_and_futures(path, text, before, syntax, analysis, selected, plan, rewritten,
                                            top_six=False)
    applied = rewritten
    result.notes.extend(notes)
    new = formfeeds.restore(syntax, new)  # the libcst passes drop form feeds from indentation
    # the project's modules the module's absolute imports reach on Python 2 (no sibling under absolute_import)
    own = siblings.python2_own(os.path.dirname(os.path.abspath(path)), "absolute_import" in analysis.parsed.future)
    shadowing = _project_standard_names(analysis.parsed.tree, own)
    if shadowing:
        result.notes.append(f"{', '.join(shadowing)}: the project's own module(s) here on Python 2, named like "
                            f"standard ones: what check took for the standard module's is left as it is (a star "
                            f"import of the project's may bind anything)")
    if new == text:
        result.why_left = _why_fixers_leave(result.left, text, _plain(plan))
        return result
    data = _encode(new, src, ending)
    result.refused, left, unported = _verification(path, src, first, new, data, plan, applied)
    if not result.refused:
        result.new, result.applied, result.left = data, +applied, left
        result.notes += [unported] if unported else []
        made_long = plan.long_lines and _made_long(text, new, plan.long_lines)
        result.notes += [made_long] if made_long else []
        result.why_left = _why_fixers_leave(left, new, _plain(plan))
        result.given_lines = _given_lines(text, new, [line for line, symbol in result.why_left
                                                      if symbol in plan.symbols])
    return result


def _made_long(text: str, new: str, limit: int, shown: int = 10) -> str:
    """The note naming the lines of `new` that check's E501 reports (longer than `limit`, pycodestyle's test) and
    that were within it in `text`: the rewrites made them so (tryout23 #6: `urllib.urlencode` ->
    `six.moves.urllib.parse.urlencode`); "" where none. A line with a noqa comment is left out (it may suppress
    E501). Nothing is wrapped: where a line breaks is the person's choice, as black's or the project's."""
    lines = new.split("\n")
    long = [number for number, line in enumerate(lines, 1) if len(line) > limit]
    if not long:
        return ""
    old = text.split("\n")
    before = {line for line in old if len(line) > limit}
    long = [number for number in long if lines[number - 1] not in before and "noqa" not in lines[number - 1].lower()
            and style.too_long(lines[number - 1], limit, number)]
    given = _given_lines(text, new, long)
    made = [number for number in long if not (0 < given[number] <= len(old)
                                              and style.too_long(old[given[number] - 1], limit, given[number]))]
    if not made:
        return ""
    said = ", ".join(f"{number} ({len(lines[number - 1].rstrip())} characters)" for number in made[:shown])
    more = f" and {len(made) - shown} more" if len(made) > shown else ""
    return (f"the rewrites make line{'s' if len(made) > 1 else ''} {said}{more} longer than max-line-length {limit} "
            f"(lines of the fixed file; pycodestyle's E501, which `diracmod check` reports): wrap them by hand")


def _given_lines(text: str, new: str, lines: list) -> dict:
    """line of `new` -> line of `text` (1-based) for each of `lines`: in a run of lines both have alike (difflib's
    opcodes), the same line of the text; in lines the rewrite changed, the text's line as far into the changed run,
    or its last one; in lines it added, the text's line after them. Read only where a note names a line."""
    if not lines:
        return {}
    found = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, text.split("\n"), new.split("\n"),
                                                       autojunk=False).get_opcodes():
        for line in lines:
            if j1 < line <= j2:
                found[line] = i1 + 1 if tag == "insert" else i1 + min(line - 1 - j1, i2 - i1 - 1) + 1
    return found


def fix_file(path: str, plan: FixPlan) -> FixResult:
    """Never raises: every problem with the file becomes a refusal with its reason."""
    try:
        data = reader.read_regular(path, plan.max_bytes)
    except reader.SourceError as problem:
        return FixResult(path, refused=reader.describe(problem), symbol=problem.symbol)
    return fix_bytes(path, data, plan)


def fix_bytes(path: str, data: bytes, plan: FixPlan) -> FixResult:
    """The fix of a file's bytes (read by the caller); never raises."""
    try:
        src = reader.decode(path, data)
    except reader.SourceError as problem:
        return FixResult(path, data, refused=reader.describe(problem), symbol=problem.symbol)
    result = FixResult(path, src.data)  # _fix fills it: a refusal below keeps the findings check made
    try:
        with check_engine.time_limit(plan.max_seconds), check_engine.collector_paused():
            try:  # its trees (ast, libcst, fissix's) are many small objects, as check's
                return _fix(path, src, plan, result)
            except RecursionError:  # a 600-branch elif, a 500-term `+`: as check, again on a deep stack
                return check_engine.with_deep_stack(_fix, path, src, plan, result)
    except RecursionError:
        return _refused(result, "too deeply nested for diracmod fix's rewriters (a long elif chain, `+` chain or run "
                                "of string literals): fix it by hand or split the expression")
    except check_engine.TooSlow:
        return _refused(result, f"fixing it took longer than max-file-seconds ({plan.max_seconds:g} s): raise it in "
                                f"[tool.diracmod], or fix the file rule by rule (--select)", "file-too-slow")
    except (syntax_stage.SyntaxStageError, futures.NotSafe) as exc:
        return _refused(result, str(exc))
    except cst.ParserSyntaxError as exc:  # libcst's tokenizer is stricter than Python's on mixed tabs and spaces
        return _refused(result, f"libcst, which makes the rewrites, cannot read it: {' '.join(exc.message.split())} "
                                f"(libcst is stricter than Python about indentation mixing tabs and spaces: "
                                f"`expand -i` it, or fix it by hand)")
    except NotWritable as exc:
        return _refused(result, str(exc))
    except Exception as exc:  # a bug of ours must not end the run or touch the file
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return _refused(result, f"internal error: {type(exc).__name__}: {exc} "
                                f"({os.path.basename(where.filename)}:{where.lineno})", "internal-error")


def _refused(result: FixResult, reason: str, symbol: str | None = None) -> FixResult:
    """The file left as it is, with why; the findings check made in it (if it got that far) are left for a person:
    the summary's count is what `diracmod check` reports after the run."""
    return FixResult(result.path, result.data, left=result.left, refused=reason, symbol=symbol)


def run(paths: list, plan: FixPlan, jobs: int, progress=None, ordered: bool = True):
    """FixResults in the order of `paths` (not `ordered`: in the order they are made, the largest files first),
    identical for every `jobs` (check's process pool)."""
    return check_engine.run(paths, plan, jobs, progress, work=fix_file, largest_first=True, ordered=ordered)

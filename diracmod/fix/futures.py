"""`from __future__` imports by policy ([tool.diracmod.fix]), each added only where the module is ready.

The fix engine calls, once per file, after stage 1 (fissix) and stage 2 (libcst codemods):

    policy = futures.Policy.from_config(config.fix)
    text, counts, left = futures.apply(text, path, policy, touched=changed, findings=findings)

- `text`: the file as the stages left it (decoded, newlines as in the file); `path`: where it lives
  (its directory decides which imports are implicit relative ones).
- `touched`: did stage 1 or 2 change the file? A file gets the policy's future imports when it was
  touched, or when one of them is the fix of a finding in it (no-absolute-import -> absolute_import,
  old-division -> division, print-statement -> print_function), or with
  `futures-in-untouched-files = true`; otherwise none.
- `findings`: what check reported on the file before the fix, for the rules being fixed (after
  --select/--ignore and suppressions). `print-statement` among them means stage 1 rewrote print
  statements, so `print_function` is added whatever the policy; `no-absolute-import` must be among them
  for `absolute_import` to be added to a module that imports anything (not when it was ignored or
  suppressed).
- Returns the new text, rewrites per symbol (Counter: relative imports made explicit, and each future
  import added where its symbol was reported, count for no-absolute-import, old-division,
  print-statement) and `left`: why a future import the policy wants was not added (for the summary of
  what a person must do). Raises NotSafe when stage 1's print_function would break doctest examples it
  cannot rewrite (the file is then left as it was).

Each future import is added only where it changes nothing Python 2 does:
- absolute_import: after every implicit relative import became explicit (diracmod.fix.relative); none
  left over (an import cycle), else not added and no import is touched.
- division: when no `/` or `/=` left can be int / int: each has a float side or a side that is no number
  (rules/py3k/division_types.py; the old-division fixer already turned the provable int ones into `//`).
- print_function: unless a `print(...)` call with other than one argument is left that Python 2 reads
  as a print statement of a tuple (when print-statement was not fixed).
- division never in a module that calls eval, exec, execfile, compile (unless with dont_inherit=True) or the
  builtin input (Python 2's is eval(raw_input()) under the caller's flags), or takes one as a value or from the
  builtins module (`ev = eval`, `map(eval, ...)`, `__builtin__.execfile`): Python 2 compiles the code in those
  strings under the caller's future imports, so `eval("7/2")` would change (Paste's templates do this); the
  old-division findings stay for a person. print_function and absolute_import not where exec, execfile or
  compile run statements (eval and input read an expression, where `print` or an import could not appear
  before: every string they read reads the same after; `exec "import sibling"` in a package finds the
  sibling only without absolute_import): there a file whose print statements stage 1 rewrote is refused
  (those calls need print_function), and its implicit relative imports stay as they are.
A module binding `__test__` to other than a dict display of string literals (or naming it otherwise than as the
variable assigned: an import, `globals()['__test__']`, setattr), or naming doctest.run_docstring_examples in any way
(a call, an import, getattr), counts as one running statements from strings (runs_strings: tryout11 #10, tryout12 #4).
doctest compiles a module's docstring examples under the module's future imports (diracmod.fix.doctests):
their print statements are made calls with print_function (when that cannot be done exactly, the import
is not added), their `/` count as the module's for division (and a class of the module with `__div__`
but no `__truediv__` keeps division out while any `/` is left), and an example importing a sibling module
implicitly keeps absolute_import out.
Placement (DIRAC's, and isort's for required imports): after the module docstring, shebang, coding line
and leading comments, before `__RCSID__` and any code, merged with the future imports already there,
never duplicated, their comments kept; one per line (the block in policy order when it holds only plain
one-name lines) or one combined line (extending an existing combined one). With keep-line-numbers
(Policy.keep_lines) always one combined line, stage 1's print_function line joining it, in place of a blank line
of the module (_blank_line_given), so that the code below keeps its line numbers; never one of the two blank
lines pycodestyle wants around a top-level def or class (E302, E305), and a def or class that was the first
statement gets its two (_definition_spaced): where no other blank line is free, the lines below move down.
A file with no code (empty, only comments, only a docstring) gets none, as isort and ruff do for required
imports. libcst keeps everything else byte for byte: newlines (CRLF), indentation, comments.
"""
from __future__ import annotations

import ast
import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import libcst as cst

from diracmod.core import siblings
from diracmod.core.config import FUTURE_FEATURES
from diracmod.fix import doctests, relative, top
from diracmod.rules import cst_parse
from diracmod.rules.codemod import line_offsets
from diracmod.rules.fixers import BY_FUTURE_IMPORT
from diracmod.rules.py3k import division as divisions_left
from diracmod.rules.py3k.division_types import Divisions
from diracmod.rules.py3k.imports import absolute_import_left, example_imports_sibling, import_hook_left
from diracmod.rules.py3k.names import prints_alike, starts_with_print
from diracmod.source import doctest_strings
from diracmod.source.reader import declared_encoding
from diracmod.source.scopes import Scope, children
from diracmod.source.statements import statements

# The check symbol each future import resolves (for the counts per rule).
SYMBOLS = {name: symbol for symbol, name in BY_FUTURE_IMPORT.items()}


@dataclass(frozen=True)
class Policy:
    names: tuple = FUTURE_FEATURES  # in the order they are written
    combined: bool = False  # one `from __future__ import a, b, c` line instead of one per name
    untouched: bool = False  # also into files the fix did not otherwise change
    keep_lines: bool = False  # one combined line where a blank line was: the lines below keep their numbers

    @classmethod
    def from_config(cls, fix: dict) -> Policy:
        """From Config.fix, already checked by diracmod.core.config."""
        return cls(tuple(fix.get("future_imports", FUTURE_FEATURES)), fix.get("future_style") == "combined",
                   fix.get("futures_in_untouched_files", False), fix.get("keep_line_numbers", False))

    def selected(self, symbols) -> Policy:
        """Only the future imports whose rule is among the `symbols` being fixed (--select print-statement
        adds no absolute_import): no-absolute-import, old-division, print-statement."""
        return replace(self, names=tuple(name for name in self.names if SYMBOLS.get(name, "") in symbols
                                         or name not in SYMBOLS))


class NotSafe(Exception):
    """The file as the stages left it cannot keep Python 2's behaviour (the message says why): leave it."""


class Futures(NamedTuple):
    text: str
    counts: Counter
    left: list  # why a future import the policy asks for was not added


def apply(text: str, path, policy: Policy, *, touched: bool, findings, tree: ast.Module | None = None,
          absolute: frozenset = frozenset(), original: ast.Module | None = None, print_calls: bool = False,
          project=None, line_of=None) -> Futures:
    """`text` with the future imports `policy` asks for that the module is ready for (module docstring).
    `tree`: the stdlib ast of `text` if the caller has it (it is only read), else `text` is parsed.
    `absolute`: top-level modules named like a sibling whose imports mean the top-level one (stage 2's `import
    six` where the sibling copy lacked what it needs): absolute_import makes them so, they are not made explicit.
    `original`: the ast of the file as read, if there is one: the reasons name its lines (stage 1's print_function
    line moves the ones below in `text`). `print_calls`: the module has print(...) calls Python 2 cannot parse
    without print_function (keywords, a starred argument: tryout10b #9), which need it as stage 1's calls do.
    `project`: the project's index (source/project_index/), as check reads it: a class of another module with
    `__div__` and no `__truediv__` keeps the division import out of a module dividing what may be its objects, a
    copy of the builtins' namespace another module makes every import a module reaching it (tryout27 #2).
    `line_of`: the line of the file as read that a line of `text` comes from (the stages add lines above), which the
    reasons read from `text`'s tree name (tryout13 #4)."""
    symbols = counted = {f.symbol for f in findings}
    if print_calls:  # the module needs print_function as if stage 1 had made them; no rewrite of a finding to count
        symbols = symbols | {"print-statement"}
    needed = [name for name, symbol in SYMBOLS.items() if symbol in symbols]  # the fix of a finding
    wanted = list(policy.names) if touched or needed or policy.untouched else []
    if "print-statement" in symbols and "print_function" not in wanted:
        wanted.append("print_function")  # stage 1 wrote print(...) calls that need it
    outside = [f"{name}: not in [tool.diracmod.fix] future-imports" for name in needed if name not in wanted]
    if not wanted:  # before parsing: most files of a run end here
        return Futures(text, Counter(), outside)
    try:
        tree = ast.parse(text) if tree is None else tree
        beside = siblings.implicit(os.path.dirname(os.path.abspath(path)))  # what check's DM193 read too
        own = siblings.first_party(os.path.dirname(os.path.abspath(path)))  # and its project modules
        parsed, rest = _parse(text, tree, beside - absolute, whole=policy.keep_lines)
    except (cst.ParserSyntaxError, SyntaxError):  # the stages left Python 2 syntax: nothing to add to
        return Futures(text, Counter(), [])
    module = _futures_gathered(parsed, policy.keep_lines)
    rejoined = ()
    if policy.keep_lines and "print-statement" in symbols:
        # stage 1 wrote `from __future__ import print_function` on a line of its own: it joins the one line
        module, rejoined = _without_print_function_line(module)
    present = {name for stmt in module.body for name in _future_names(stmt) or ()}
    missing = [name for name in wanted if name not in present]
    why = _after_the_docstring(module) if missing or "print-statement" in symbols else ""
    if why and ("print-statement" in symbols or absolute):  # stage 1's calls, stage 2's imports need theirs
        raise NotSafe(why)
    if why:
        return Futures(text, Counter(), outside + [f"{name}: {why}" for name in missing])
    counts, left, ready = Counter(), outside, []
    # the text only tells whether any eval/exec/compile is named (the stages add and remove none)
    strings = divisions_left.runs_strings(tree if original is None else original, text, project)
    if strings["print_function"] and "print-statement" in symbols:
        raise NotSafe(f"the print statements made calls need print_function, and {strings['print_function']}: "
                      f"rewrite the prints by hand, or --ignore print-statement")
    if "print-statement" in symbols:  # stage 1 added print_function: the examples must compile under it too
        module, examples_rewritten = doctests.print_calls(module if policy.keep_lines else _spaced(module), text,
                                                          _globs(project))
        if examples_rewritten < 0:
            raise NotSafe(f"the print statements made calls need print_function, and {_DOCTEST_PRINTS} (doctest "
                          f"compiles them under it): rewrite those by hand, or --ignore print-statement")
    if not missing or _no_code(module):
        return Futures(text if module is parsed else module.code + rest, Counter(), left)
    examples = doctests.sources(tree, text)
    for name in missing:
        # before absolute_import's explicit relative imports: none are made then
        read = tree if original is None else original
        # check asks import_hook_left and absolute_import_left too (DM431; DM193, DM419, DM414, DM427, DM428)
        why = strings.get(name) or (name == "absolute_import"
                                    and (import_hook_left(read, text, project)
                                         or absolute_import_left(read, text, path, beside, own)[1]))
        if why:
            left.append(f"{name}: {why}")
            continue
        if name == "absolute_import":
            explicit, converted, why = _absolute_import(module, tree, text, Path(path), beside - absolute, symbols)
            if why:
                left.extend(why)
                continue
            module, counts["no-absolute-import"] = explicit, converted
        elif name == "division":
            why = _division(tree, text, examples, strings, project, line_of)
            if why:
                left.append(why)
                continue
        else:
            module, why = _print_function(module, tree, text, symbols, _globs(project))
            if why:
                left.append(why)
                continue
        ready.append(name)
        if SYMBOLS[name] in counted and name not in rejoined:  # the fix of a finding, not only by policy
            # division fixes the old-division findings still there (stage 2 made the others `//`)
            counts[SYMBOLS[name]] += _reported_divisions(tree) if name == "division" else 1
    if not ready:
        return Futures(text if module is parsed else module.code + rest, Counter(), left)
    return Futures(_insert(_stage_comments_below(module, original), ready, policy).code + rest, +counts, left)


def _stage_comments_below(module: cst.Module, original: ast.Module | None) -> cst.Module:
    """`module` with the comment lines the stages put above its first statement (more header lines than the file
    as read had above its own first statement: W1648's split of a parenthesised `from urllib2 import (  # side` /
    `urlopen,  # opener` puts a name's comments on lines above its new import) given back to that statement, so
    the future imports go above them, not between them and what they describe (libcst reads every comment above
    a module's first statement as the file's header: tryout17 #11). The file's own header (a licence, a coding
    line, a shebang) stays on top; a coding line or shebang is never moved."""
    if original is None or not original.body or not module.body or _is_docstring(module.body[0]):
        return module
    first = original.body[0]
    extra = len(module.header) - (min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", ()))]) - 1)
    moved = 0
    for line in reversed(module.header[len(module.header) - extra:] if extra > 0 else ()):
        comment = line.comment.value if line.comment is not None else ""
        if not comment or comment.startswith("#!") or declared_encoding(comment.encode("utf-8", "replace")):
            break
        moved += 1
    if not moved:
        return module
    kept, given = module.header[:len(module.header) - moved], module.header[len(module.header) - moved:]
    statement = module.body[0].with_changes(leading_lines=[*given, *module.body[0].leading_lines])
    return module.with_changes(header=kept, body=[statement, *module.body[1:]])


def _parse(text: str, tree, implicit: frozenset, whole: bool) -> tuple:
    """libcst's tree of `text`, and the text after what it holds: its top alone (diracmod.fix.top) when
    nothing else is to be changed (not `whole`: keep-line-numbers looks for a blank line anywhere; no doctest
    example print_calls may rewrite, no implicit relative import) and the top holds the statement after the
    future-import block, else the whole module. `implicit`: the modules an implicit relative import finds
    (siblings.implicit)."""
    end = (None if whole or doctest_strings.may_rewrite(text) or relative.has_implicit(tree, implicit)
           else top.end(text, tree))
    if end is not None:
        try:
            module = cst.parse_module(text[:end])
        except cst.ParserSyntaxError:
            module = None
        # libcst's parse of a top ending in blank lines then a line holding only a backslash (the top ends after
        # it) drops those blank lines (tryout13 #2): the whole module's parse keeps them
        if module is not None and _block(module.body)[1] < len(module.body) and module.code == text[:end]:
            return module, text[end:]
    return cst_parse.parse_module(text, tree, line_offsets(text)), ""


# ---------------------------------------------------------------- is the module ready?

def _absolute_import(module, tree, text: str, path: Path, implicit: frozenset, symbols) -> tuple:
    """(module with explicit relative imports, how many converted, why absolute_import cannot be added)."""
    found = example_imports_sibling(tree, text, implicit)  # check's no-absolute-import-code-from-strings asks too
    if found:
        return module, 0, [f"absolute_import: {found}"]
    imports = any(isinstance(node, ast.Import) or isinstance(node, ast.ImportFrom) and node.module != "__future__"
                  for node in statements(tree))
    if not imports:
        return module, 0, []
    if "no-absolute-import" not in symbols:
        return module, 0, ["absolute_import: no-absolute-import is not being fixed in this module"]
    explicit, converted = relative.make_explicit(module, tree, path, implicit)
    return explicit, converted, []


def _example_trees(examples):
    for source in examples:
        try:
            yield ast.parse(source)
        except SyntaxError:  # Python-2-only syntax: doctest fails on Python 3 anyway, python2.7 reads it
            continue


def _division(tree, text: str, examples, strings: dict, project=None, line_of=None) -> str:
    """Why the module (stage 2 made its provable int `/` into `//`) and its doctest examples cannot take the
    division import: rules/py3k/division.py decides for the module, as check does when it reports old-division
    or old-division-unknown-operands. `strings`: runs_strings(tree)."""
    unreadable = [source for source in examples if "/" in source and not _parses(source)]
    in_examples = sum(len(divisions_left.may_divide_ints(example, list(Divisions(example)), ints_left=True))
                      for example in _example_trees(examples))
    if unreadable or in_examples:
        return (f"division: {len(unreadable) + in_examples} `/` in doctest examples may divide two ints (doctest "
                f"runs them under the module's future imports; old-division: a person decides)")
    typed = Divisions(tree) if _divides(text, tree) else None
    divisions = list(typed) if typed is not None else []
    why = divisions_left.no_division_import(tree, divisions, ints_left=True, strings=strings, typed=typed,
                                            project=project, line_of=line_of)
    return f"division: {why} (a person decides)" if why else ""


# A `/` that is no part of a `//`: every `/` or `/=` operator is one (most modules' are only in strings and comments).
_LONE_SLASH = re.compile(r"(?<!/)/(?!/)")


def _divides(text: str, tree) -> bool:
    """Does the module (`text`, read by ast as `tree`) hold a `/` or `/=`? (Divisions reads every binding of the
    module: only then.) The walk enters only the nodes whose lines hold a lone `/` (a node's lines hold its
    children's), but the whole of an f-string: Python 3.11 misplaces the expressions in one."""
    lines = _lone_slash_lines(text)
    todo = [(tree, "\r" not in text)] if lines else []  # ast ends a line at a lone CR too: no line numbers then
    while todo:
        node, prune = todo.pop()
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.Div):
            return True
        prune = prune and not isinstance(node, ast.JoinedStr)
        todo += [(child, prune) for child in children(node) if not prune or _on_lines(child, lines)]
    return False


def _lone_slash_lines(text: str) -> list:
    """The numbers of the lines of `text` that hold a lone `/`, in order."""
    lines, line, done = [], 1, 0
    for match in _LONE_SLASH.finditer(text):
        line += text.count("\n", done, match.start())
        done = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _on_lines(node, lines: list) -> bool:
    """Does `node` span one of the `lines` (sorted)? True for a node without a place (ast.arguments)."""
    if getattr(node, "lineno", None) is None:
        return True
    first = min([node.lineno, *(decorator.lineno for decorator in getattr(node, "decorator_list", ()))])
    index = bisect.bisect_left(lines, first)  # decorators stand above a def's line
    return index < len(lines) and lines[index] <= node.end_lineno


def _reported_divisions(tree) -> int:
    scope = Scope(tree, None)
    return sum(1 for node, _ in Divisions(tree)
               if divisions_left.division_may_change(divisions_left.sides(node), scope))


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return False
    return True


# doctest compiles a module's examples with its future imports (diracmod.fix.doctests)
_DOCTEST_PRINTS = "doctest examples in docstrings use print statements that cannot be rewritten exactly"


def _globs(project) -> str:
    """Where the project hands doctest globals of its own (ProjectIndex.doctest_globs), "" for none or no project."""
    return project.doctest_globs if project is not None else ""


def _print_function(module, tree, text, symbols, globs: str = "") -> tuple:
    """(module with its doctest examples' print statements made calls, why print_function cannot be added)."""
    if "print-statement" not in symbols:
        # the print statements left (under noqa): `print(a, b)` printed a tuple, `print ("%d") % n` the string
        other = [node for node in statements(tree) if isinstance(node, ast.Expr) and starts_with_print(node)
                 and not prints_alike(node, text)]
        if other:
            return module, (f"print_function: {len(other)} print statement(s) would print otherwise on Python 2 "
                            "(print-statement is not being fixed)")
    new, rewritten = doctests.print_calls(module, text, globs)
    if rewritten < 0:
        return module, f"print_function: {_DOCTEST_PRINTS}"
    return new, ""


# ---------------------------------------------------------------- placement


def _future_names(stmt) -> list | None:
    """The names a `from __future__ import ...` line imports; None for any other statement."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    if not all(_is_future(small) for small in stmt.body):
        return None
    return [alias.name.value for small in stmt.body for alias in small.names]


def _is_future(small) -> bool:
    return (isinstance(small, cst.ImportFrom) and not small.relative and isinstance(small.module, cst.Name)
            and small.module.value == "__future__" and not isinstance(small.names, cst.ImportStar))


def _futures_gathered(module: cst.Module, keep_lines: bool) -> cst.Module:
    """`module` with its future imports in one block after the docstring, where the stages left some below other
    statements: a future import sharing its line with another statement (`from __future__ import with_statement;
    import os`, tryout6 #22) is no future-import line to the stages, which add their imports above it (libcst's
    `from six.moves import range`) or below it (fissix's print_function). Each future import moves up, on a line
    of its own; the statements that shared its line stay where they were (their code may need the stages'
    imports). Python 2 compiled the same future imports: a future import, legal only before any other statement,
    does nothing else. With `keep_lines`, each line a split added takes a blank line back (_blank_line_given)."""
    body = list(module.body)
    _, end = _block(body)
    moved, kept, splits, carried = [], [], 0, []  # carried: the lines above a line moved, for the next statement
    for stmt in body[end:]:
        simple = isinstance(stmt, cst.SimpleStatementLine)
        futures = [small for small in stmt.body if _is_future(small)] if simple else []
        rest = [small for small in stmt.body if not _is_future(small)] if futures else [None]
        if futures:
            moved.append(cst.SimpleStatementLine([small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                                                  for small in futures]))
        if not rest:
            carried += stmt.leading_lines
            continue
        if futures:
            splits += 1
            stmt = stmt.with_changes(body=[*rest[:-1], rest[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
        kept.append(stmt.with_changes(leading_lines=[*carried, *stmt.leading_lines]) if carried else stmt)
        carried = []
    if not moved:
        return module
    cookies = _cookie_lines(module)
    gathered = module.with_changes(body=[*body[:end], *moved, *kept], footer=[*carried, *module.footer])
    for _ in range(splits if keep_lines else 0):
        gathered = _blank_line_given(gathered, end + len(moved) - 1, cookies)
    return gathered


def _is_docstring(stmt) -> bool:
    return (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _after_the_docstring(module: cst.Module) -> str:
    """Why no future import can go after the module's docstring (tryout3 #33), if it cannot: one before it would
    take its place (`__doc__` None on Python 2)."""
    first = module.body[0] if module.body else None
    if not (isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr)
            and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString))):
        return ""
    if len(first.body) > 1:
        return ("the module docstring shares its line with other statements, which the future imports must come "
                "before: put the docstring on a line of its own")
    if isinstance(first.body[0].value.evaluated_value, bytes):
        return ("the module docstring is a byte string: the docstring on Python 2, not on Python 3, which allows no "
                "future import after it: drop its b prefix")
    return ""


def _no_code(module: cst.Module) -> bool:
    return not module.body or (len(module.body) == 1 and _is_docstring(module.body[0]))


def _plain(stmt, first: bool) -> bool:
    """`from __future__ import x` alone on its line, without a comment on it or above it."""
    small = stmt.body[0]
    return (len(stmt.body) == 1 and len(small.names) == 1 and small.names[0].asname is None
            and not isinstance(small.lpar, cst.LeftParen) and stmt.trailing_whitespace.comment is None
            and (first or not stmt.leading_lines))


def _line(names) -> cst.SimpleStatementLine:
    """`from __future__ import a, b` (built, not parsed: the module's newline is written where it has none)."""
    return cst.SimpleStatementLine([cst.ImportFrom(module=cst.Name("__future__"),
                                                   names=[cst.ImportAlias(cst.Name(name)) for name in names])])


def _block(body) -> tuple[int, int]:
    """Where the future imports are or go: after the docstring, the lines that are future imports."""
    start = end = 1 if body and _is_docstring(body[0]) else 0
    while end < len(body) and _future_names(body[end]) is not None:
        end += 1
    return start, end


def _insert(module: cst.Module, names: list, policy: Policy) -> cst.Module:
    cookies = _cookie_lines(module) if policy.keep_lines else []
    body = list(module.body)
    start, end = _block(body)
    block = body[start:end]
    if policy.combined or policy.keep_lines:
        new = _combined(block, names)
    elif block and all(_plain(stmt, i == 0) for i, stmt in enumerate(block)):
        # only plain lines (as python-modernize adds print_function): rewrite the block in policy order
        existing = [name for stmt in block for name in _future_names(stmt)]
        order = {name: i for i, name in enumerate(policy.names)}
        ordered = sorted(existing + names, key=lambda n: (order.get(n, len(order)), (existing + names).index(n)))
        new = [_line([name]) for name in ordered]
        new[0] = new[0].with_changes(leading_lines=block[0].leading_lines)
    else:
        new = block + [_line([name]) for name in names]
    module = module.with_changes(body=body[:start] + new + body[end:])
    if not policy.keep_lines:
        return _spaced(module)
    if len(new) == len(block):
        return module
    added = start + len(new) - 1
    module, lines = _definition_spaced(module, added)
    for _ in range(lines):
        module = _blank_line_given(module, added, cookies)
    return module


def _definition_spaced(module: cst.Module, added: int) -> tuple:
    """(`module`, how many lines the insertion added): where the new line at body[added] is the module's first
    statement and a def or class, the first before, follows it, the two blank lines pycodestyle's E302 now
    wants above that (a first statement needs none)."""
    body = module.body
    if added or len(body) < 2 or not isinstance(body[1], _DEFINITIONS) or _blank_run(body[1].leading_lines) >= 2:
        return module, 1
    leading = list(body[1].leading_lines)
    missing = 2 - _blank_run(leading[:1])  # no run is two long: the new ones join the one blank line on top, if any
    spaced = body[1].with_changes(leading_lines=[cst.EmptyLine()] * missing + leading)
    return module.with_changes(body=[body[0], spaced, *body[2:]]), 1 + missing


def _blank_line_given(module: cst.Module, added: int, cookies: list) -> cst.Module:
    """`module` less one blank line for the line at body[added], so that the lines below keep their numbers
    (_blank_lines_taken, best first), where the coding cookie stays on its line: `cookies` (_cookie_lines
    before the insertion). None: every line below moves down one."""
    return next((given for given in _blank_lines_taken(module, added) if _cookie_lines(given) == cookies), module)


def _blank_lines_taken(module: cst.Module, added: int):
    """`module` less one of its blank lines, best first: the first blank line right after body[added] (nothing
    moves), else one above it from the last (among the leading comments, docstring and future imports: those
    move up one line), else the first one between two later top-level statements (the statements in between
    move down one). Never one of the two blank lines pycodestyle wants around a top-level def or class
    (_spacing_kept)."""
    body = module.body
    after = _blank_indexes(body[added + 1].leading_lines) if added + 1 < len(body) else []
    if after and _spacing_kept(body, added + 1, after[0]):
        yield _without_line(module, added + 1, after[0])
    for index in reversed(range(added)):
        for line in reversed(_blank_indexes(body[index].leading_lines)):
            if _spacing_kept(body, index, line):
                yield _without_line(module, index, line)
    for line in reversed(_blank_indexes(module.header)):  # above the first statement: pycodestyle wants none
        yield module.with_changes(header=[*module.header[:line], *module.header[line + 1:]])
    for index in range(added + 2, len(body)):
        below = _blank_indexes(body[index].leading_lines)
        if below and _spacing_kept(body, index, below[0]):
            yield _without_line(module, index, below[0])
            return


_DEFINITIONS = (cst.FunctionDef, cst.ClassDef)


def _spacing_kept(body, index: int, line: int) -> bool:
    """Taking the blank line `line` above body[index] keeps what pycodestyle reports: it wants two blank lines
    (the longest run among the comments: _blank_run) above a top-level def or class and above what follows
    one (E302, E305); where there were two, two stay (where there were not, it already reports them)."""
    if not index or not isinstance(body[index], _DEFINITIONS) and not isinstance(body[index - 1], _DEFINITIONS):
        return True
    leading = body[index].leading_lines
    return _blank_run(leading) != 2 or _blank_run([*leading[:line], *leading[line + 1:]]) == 2


def _blank_run(lines) -> int:
    """The most blank lines in a row among `lines` (EmptyLine): pycodestyle's count above a statement."""
    blank = set(_blank_indexes(lines))
    longest = run = 0
    for index in range(len(lines)):
        run = run + 1 if index in blank else 0
        longest = max(longest, run)
    return longest


def _cookie_lines(module: cst.Module) -> list:
    """Which of lines 1-3 look like a coding cookie: Python 2 and 3 read one on line 1 or 2, so taking a blank
    line above one moves it in or out of effect (line 3 -> 2) or off its line."""
    head = "".join(module.code_for_node(line) for line in module.header)
    for stmt in module.body:
        if head.count("\n") >= 3:
            break
        head += module.code_for_node(stmt)
    return [number for number, line in enumerate(head.splitlines()[:3])
            if declared_encoding(line.encode("utf-8", "replace"))]


def _blank_indexes(lines) -> list:
    """The blank lines among `lines` (EmptyLine): not a comment, nor a form feed (a page break stays)."""
    return [index for index, line in enumerate(lines) if line.comment is None and "\f" not in line.whitespace.value]


def _without_line(module: cst.Module, index: int, line: int) -> cst.Module:
    """`module` less the leading line `line` of its statement body[index]."""
    stmt = module.body[index]
    stmt = stmt.with_changes(leading_lines=[*stmt.leading_lines[:line], *stmt.leading_lines[line + 1:]])
    return module.with_changes(body=[*module.body[:index], stmt, *module.body[index + 1:]])


def _without_print_function_line(module: cst.Module) -> tuple:
    """(`module` without the `from __future__ import print_function` line of its block, the lines above it
    given back to the statement after it, the names taken out). Stage 1 writes that line: a module with print
    statements had none."""
    body = list(module.body)
    start, end = _block(body)
    index = next((i for i in range(start, end) if _future_names(body[i]) == ["print_function"]), None)
    if index is None or index + 1 == len(body):
        return module, ()
    following = body[index + 1]
    body[index + 1] = following.with_changes(leading_lines=[*body[index].leading_lines, *following.leading_lines])
    return module.with_changes(body=body[:index] + body[index + 1:]), ("print_function",)


def _spaced(module: cst.Module) -> cst.Module:
    """The future-import block this run added to or made followed by a blank line, as DIRAC writes it
    (two before a def or class, as pycodestyle's E302 wants), whether stage 1 or the policy wrote it."""
    body = list(module.body)
    start, end = _block(body)
    if start == end or end == len(body):
        return module
    after = body[end]
    blank = 2 if isinstance(after, (cst.FunctionDef, cst.ClassDef)) else 1
    leading = list(after.leading_lines)
    present = next((i for i, line in enumerate(leading) if line.comment is not None), len(leading))
    if present >= blank:
        return module
    body[end] = after.with_changes(leading_lines=[cst.EmptyLine()] * (blank - present) + leading)
    return module.with_changes(body=body)


def _combined(block, names) -> list:
    """Add `names` to the last existing future import without `as`, else one new combined line."""
    for index in reversed(range(len(block))):
        stmt = block[index]
        small = stmt.body[-1]
        if all(alias.asname is None for alias in small.names):
            aliases = [*small.names, *(cst.ImportAlias(name=cst.Name(name)) for name in names)]
            block = list(block)
            block[index] = stmt.with_changes(body=[*stmt.body[:-1], small.with_changes(names=aliases)])
            return block
    return [*block, _line(names)]

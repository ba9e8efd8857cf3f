"""The doctest examples in a module's docstrings, as the future-import policy must see them.

doctest compiles a module's examples with the `__future__` features it finds in the module's globals
(DocTestRunner.run, compileflags from `_extract_future_flags(test.globs)`, python2.7 and Python 3 alike;
DocTestFinder takes the globs from the module). So a future import added to the module applies to its
examples too: `>>> print x` no longer compiles under print_function, `>>> 7 / 2` gives 3.5 under division,
`>>> import sibling` finds another module under absolute_import.

- `print_calls` rewrites the print statements of those examples into calls with stage 1's print fixer
  (fissix's, without the future import it adds to a module, and without `print x,`, whose `end=" "`
  prints a trailing space Python 2 did not), in the docstring's source text, and keeps
  the rewrite only when doctest itself reads the new docstring as the same examples with only their print
  statements rewritten (same text around them, same expected output, options and lines). Otherwise the
  module is not ready for print_function, and it says so.
- `sources` gives the examples' code (print statements made calls) for the division and absolute_import
  checks, from the module's ast: the docstrings Python itself gives the module, its classes and functions
  (their __doc__, which DocTestFinder reads), so that libcst reads the whole module only where
  print_calls may rewrite one.

Docstrings (a module's, a class's, a function's first statement), and the other strings DocTestFinder reads:
the string values of a module's `__test__` dict and a string assigned to a `__doc__` (`f.__doc__ = "..."`),
written as literals there (`__test__ = {"name": "..."}`, `__test__["name"] = "..."`). Other strings are
data that must not change. A module that binds `__test__` or a `__doc__` otherwise (`__test__ = {"t": TEXT}`,
`f.__doc__ = TEMPLATE % x`, `__test__.update(...)`) may give doctest any of its strings: print_calls refuses
print_function for it when it holds a print example anywhere (tryout2 #7: those examples stopped compiling).
"""
from __future__ import annotations

import ast
import doctest
import re

import libcst as cst
from fissix.fixer_util import Comma
from fissix.fixes import fix_print

from diracmod.fix import syntax_stage
from diracmod.fix.statement_nodes import HOLD_STATEMENTS
from diracmod.rules.py3k import syntax_fix
from diracmod.rules.py3k.names import prints_alike
from diracmod.source import doctest_strings

_PROMPT_WIDTH = len(">>> ")


class _ExactPrint(fix_print.FixPrint):
    """fissix's print fixer, refusing `print x,`: its `end=" "` leaves a trailing space where Python 2's
    softspace printed none, and doctest compares the output exactly; `print ()` printed an empty tuple: print(())
    (fissix leaves it, the call printing an empty line: tryout6 #21)."""

    def transform(self, node, results):
        if node.children[-1] == Comma():
            raise ValueError("a print statement ending in a comma")
        return syntax_fix.empty_tuple_print(node) or super().transform(node, results)


def _prints_alike(source: str) -> bool:
    """Code that prints the same with print_function and without: Python 3 reads it, and every `print` in
    it starts a statement that is a call of one plain argument (`print(x)`: the statement printing `(x)`; not
    `print ("%d") % n`, the statement printing the string formatted: names.prints_alike). fissix would write
    `print((x % y))` there, and `print(a, b)` -> `print((a, b))` keeps Python 2's tuple, so it must run."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    alike = {id(node.value.func) for node in ast.walk(tree)
             if isinstance(node, ast.Expr) and prints_alike(node, source)}
    return all(id(node) in alike for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == "print")


def _print_calls(source: str) -> str | None:
    """One example's code with its print statements made calls; None when fissix cannot read it (or it
    holds `print x,`)."""
    if _prints_alike(source):
        return source
    try:
        return syntax_stage.rewrite_with(source, [_ExactPrint], "<doctest>")
    except syntax_stage.SyntaxStageError:
        return None


def _docstring(body):
    """The string node of the docstring statement that starts `body`, or None."""
    first = body[0] if body else None
    if (isinstance(first, cst.SimpleStatementLine) and len(first.body) == 1 and isinstance(first.body[0], cst.Expr)
            and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString))):
        return first.body[0].value
    return None


def _docstrings(module: cst.Module) -> list:
    """The docstrings' string nodes: the module's, and every class's and function's, however nested, in source
    order; then the string literals assigned to `__test__` or a `__doc__` (_assigned). Only statements are read:
    no expression holds a def, and expressions are most of a module."""
    found = [_docstring(module.body), *(_docstring(definition.body.body) for definition in _definitions(module.body))]
    return [node for node in found if node is not None] + [value for _, value in _assigned(_lines(module.body))]


def _lines(statements):
    """Every simple statement line among `statements` and in their blocks, however nested."""
    for statement in statements:
        if isinstance(statement, cst.SimpleStatementLine):
            yield statement
        elif isinstance(statement, cst.BaseCompoundStatement):
            yield from _lines(_inner(statement))


def _assigned(lines):
    """(target, value) of each value doctest reads that an assignment among `lines` writes (libcst nodes):
    `__test__ = {key: value}`, `__test__[key] = value`, `X.__doc__ = value`; the value may be no literal."""
    for line in lines:
        for small in line.body:
            if not isinstance(small, cst.Assign):
                continue
            for target in (assign.target for assign in small.targets):
                if isinstance(target, cst.Name) and target.value == "__test__" and isinstance(small.value, cst.Dict):
                    yield from ((target, getattr(element, "value", None)) for element in small.value.elements)
                elif (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name)
                      and target.value.value == "__test__"
                      or isinstance(target, cst.Attribute) and target.attr.value == "__doc__"):
                    yield target, small.value


# The parts of a compound statement that hold statements, in source order.
_CLAUSES = ("body", "handlers", "orelse", "finalbody", "cases")


def _definitions(statements):
    """Every function and class definition among `statements` and inside them, outer ones first."""
    for statement in statements:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            yield statement
        if isinstance(statement, cst.BaseCompoundStatement):
            yield from _definitions(_inner(statement))


def _inner(node):
    """The statements of a compound statement's blocks, its clauses' (elif, except, else, finally, case) included;
    none of a block on the line of its header (`if x: y`: small statements only)."""
    for name in _CLAUSES:
        value = getattr(node, name, None)
        for part in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(part, cst.IndentedBlock):
                yield from part.body
            elif part is not None and not isinstance(part, cst.BaseSuite):
                yield from _inner(part)


def _value(node) -> str | None:
    """The docstring's text; None for a byte string (a docstring on Python 2 only) or a formatted one."""
    try:
        value = node.evaluated_value
    except (SyntaxError, ValueError):  # an f-string part, or a literal that does not evaluate
        return None
    return value if isinstance(value, str) else None


def _needs_rewrite(examples) -> bool:
    """An example that fissix rewrites, or cannot read."""
    return any(isinstance(example, doctest.Example) and _print_calls(example.source) != example.source
               for example in examples)


def _rewrite_sources(body: str) -> str:
    """The examples' code lines of `body` (a literal's source text) with print statements made calls,
    each line keeping its prompt and indentation; an example fissix cannot read is left as it is."""
    pieces, done = [], 0
    for match in doctest_strings.PARSER._EXAMPLE_RE.finditer(body):
        lines = match.group("source").split("\n")
        width = len(match.group("indent")) + _PROMPT_WIDTH
        code = "".join(line[width:] + "\n" for line in lines)
        new = _print_calls(code)
        if new is None or new == code or new.count("\n") != len(lines):
            continue
        rebuilt = "\n".join(line[:width] + new_line for line, new_line in zip(lines, new[:-1].split("\n")))
        pieces += [body[done:match.start("source")], rebuilt]
        done = match.end("source")
    return "".join(pieces) + body[done:]


def _same_examples_but_prints(old: list, new: list) -> bool:
    """doctest reads `new` as `old` with only the print statements in examples' code made calls."""
    if len(old) != len(new):
        return False
    for before, after in zip(old, new):
        if isinstance(before, str) or isinstance(after, str):
            if before != after:
                return False
        elif ((after.source, after.want, after.exc_msg, after.options, after.lineno, after.indent)
              != (_print_calls(before.source) or before.source, before.want, before.exc_msg, before.options,
                  before.lineno, before.indent)):
            return False
    return True


def _rewritten(node, examples) -> cst.SimpleString | None:
    """The docstring with its examples' print statements made calls, or None when that cannot be done
    exactly (then the examples would stop compiling under print_function)."""
    if not isinstance(node, cst.SimpleString):
        return None  # implicitly concatenated literals: the text of the docstring is no one literal's source
    if any(isinstance(example, doctest.Example) and _print_calls(example.source) is None
           and re.search(r"\bprint\b", example.source) for example in examples):
        return None  # fissix cannot read it: it may hold a print statement
    start = len(node.prefix) + len(node.quote)
    body = node.value[start:-len(node.quote)]
    new = node.with_changes(value=node.value[:start] + _rewrite_sources(body) + node.quote)
    value = _value(new)  # None if it does not evaluate: a rewrite would have ended the literal early
    after = doctest_strings.examples(value) if value is not None else None
    return new if after is not None and _same_examples_but_prints(examples, after) else None


def print_calls(module: cst.Module, text: str) -> tuple[cst.Module, int]:
    """The module (whose code is `text`) with print statements in its docstrings' examples made calls, and
    how many docstrings changed; -1 for the count when a docstring's examples cannot be rewritten exactly."""
    if not doctest_strings.may_rewrite(text):
        return module, 0
    if not doctest_strings.only_literals(ast.parse(text)):
        return module, -1
    replacements = {}
    for node in _docstrings(module):
        value = _value(node)
        if value is None:
            if doctest_strings.PRINT_EXAMPLE.search(module.code_for_node(node)):
                return module, -1
            continue
        examples = doctest_strings.examples(value) if doctest_strings.PRINT_EXAMPLE.search(value) else None
        if not examples or not _needs_rewrite(examples):
            continue
        new = _rewritten(node, examples)
        if new is None:
            return module, -1
        replacements[node] = new
    if not replacements:
        return module, 0
    return module.visit(_Replace(replacements)), len(replacements)


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements):
        super().__init__()
        self.replacements = replacements

    def on_visit(self, node) -> bool:
        # a docstring is an expression statement's string; `__test__ = {"k": "..."}` and `X.__doc__ = "..."` hold
        # theirs in an assignment (_assigned)
        return isinstance(node, (*HOLD_STATEMENTS, cst.Expr, cst.Assign, cst.Dict, cst.DictElement))

    def leave_SimpleString(self, original_node, updated_node):
        return self.replacements.get(original_node, updated_node)


def sources(tree: ast.Module, text: str) -> list:
    """The code of every example in the docstrings of the module (`text`, read by ast as `tree`), print statements
    made calls, in the order of the text."""
    if ">>>" not in text:
        return []
    found = []
    for _, _, value in doctest_strings.docstrings(tree):
        for piece in doctest_strings.examples(value) or []:
            if isinstance(piece, doctest.Example):
                found.append(_print_calls(piece.source) or piece.source)
    return found

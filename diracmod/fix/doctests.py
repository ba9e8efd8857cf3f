"""The doctest examples in a module's docstrings, as the future-import policy must see them.

doctest compiles a module's examples with the `__future__` features it finds in the module's globals
(DocTestRunner.run, compileflags from `_extract_future_flags(test.globs)`, python2.7 and Python 3 alike;
DocTestFinder takes the globs from the module). So a future import added to the module applies to its
examples too: `>>> print x` no longer compiles under print_function, `>>> 7 / 2` gives 3.5 under division,
`>>> import sibling` finds another module under absolute_import.

- `print_calls` rewrites the print statements of those examples into calls with stage 1's print fixer
  (its calls, softspace splits included, without the future import it adds to a module, without `print x,`,
  whose `end=" "` prints a trailing space Python 2 did not, nor a stream the call would evaluate late or
  twice, which an example cannot bind first), in the docstring's source text, and keeps
  the rewrite only when doctest itself reads the new docstring as the same examples with only their print
  statements rewritten (same text around them, same expected output, options and lines). Otherwise the
  module is not ready for print_function, and it says so.
- `sources` gives the examples' code (print statements made calls) for the division and absolute_import
  checks, from the module's ast: the docstrings Python itself gives the module, its classes and functions
  (their __doc__, which DocTestFinder reads), so that libcst reads the whole module only where
  print_calls may rewrite one.

The strings are those of diracmod.source.doctest_strings.texts, the one reader check uses too: docstrings (a
module's, a class's, a function's first statement), and the other strings DocTestFinder reads: the string values
of a module's `__test__` dict, a string assigned to a `__doc__` (`f.__doc__ = "..."`, `__doc__ = "..."` in a class
body) and a property's doc (`property(f, doc="...")`, its fourth argument: tryout10b #1), written as literals
there (`__test__ = {"name": "..."}`, `__test__["name"] = "..."`). Other strings are data that must not change. A
module that binds `__test__`, a `__doc__` or a property's doc otherwise (`__test__ = {"t": TEXT}`,
`f.__doc__ = TEMPLATE % x`, `property(f, doc=DOC)`, `__test__.update(...)`) may give doctest any of its strings:
print_calls refuses print_function for it when it holds a print example anywhere (tryout2 #7: those examples
stopped compiling). A limit: the doc given to a subclass of property (`class cached(property)`, `cached(f,
doc="...")`) is not read, though DocTestFinder reads it (any call named `property` is).
"""
from __future__ import annotations

import ast
import difflib
import doctest
import re
import warnings

import libcst as cst
from fissix.fixer_util import Comma
from fissix.pygram import python_symbols

from diracmod.fix import syntax_stage
from diracmod.rules.py3k import print_order, syntax_fix
from diracmod.rules.py3k.doctest_examples import print_forms
from diracmod.rules.py3k.names import prints_alike
from diracmod.source import doctest_strings

_PROMPT_WIDTH = len(">>> ")


class _ExactPrint(syntax_fix.FixPrint):
    """Stage 1's print fixer writing its calls (syntax_fix.FixPrint.calls: one call per run of items where Python
    2 wrote no space, `print "Rows:\\n", n` -> `print("Rows:\\n", end=''); print(n)`, tryout26c #4; `print ()`
    -> `print(())`), without the future import it adds to a module, refusing `print x,` (its `end=" "` leaves a
    trailing space where Python 2's softspace printed none, and doctest compares the output exactly) and a
    `print >>stream, values` whose stream the call would evaluate late or twice (print_order.why, why_twice):
    outside an example fix binds such a stream to a name on a line before it, which inside one would be a
    statement of the example's own."""

    def transform(self, node, results):
        if node.children[-1] == Comma():
            raise ValueError("a print statement ending in a comma")
        if node.type == python_symbols.print_stmt and (print_order.why(node) or print_order.why_twice(node)):
            raise ValueError("a stream the call would evaluate late or twice")
        return self.calls(node, results)


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


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _spans(code: str, nodes) -> list:
    """(start, end) character offsets in `code` of each ast node (ast's columns count UTF-8 bytes)."""
    starts, lines, at = [], [], 0
    for match in _LINE.finditer(code):
        starts.append(at)
        lines.append(match.group())
        at += len(match.group())

    def offset(line, column):
        text = lines[line - 1]
        return starts[line - 1] + (column if text.isascii() else len(text.encode("utf-8")[:column].decode("utf-8")))
    return [(offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)) for node in nodes]


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


def _codes(text: str) -> list:
    """(the example's match, its code without prompts) for each example of `text` (doctest's reading of it)."""
    found = []
    for match in doctest_strings.PARSER._EXAMPLE_RE.finditer(text):
        width = len(match.group("indent")) + _PROMPT_WIDTH
        found.append((match, "".join(line[width:] + "\n" for line in match.group("source").split("\n"))))
    return found


def _rewrite_sources(body: str, value: str) -> str:
    """The examples' code lines of `body` (a literal's source text, whose value is `value`) with print statements
    made calls, each line keeping its prompt and indentation; an example fissix cannot read is left as it is.
    Where the body spells an example's code with escapes (`"Rows:\\\\n"` in a docstring that is no raw string),
    the code rewritten is the value's, the one doctest runs, and the change is made in the body's spelling
    (_spelled: the softspace split of `print "Rows:\\n", n` is decided on the value's `"Rows:\\n"`)."""
    pieces, done = [], 0
    values = _codes(value)
    spelled = _codes(body)
    for index, (match, code) in enumerate(spelled):
        lines = match.group("source").split("\n")
        width = len(match.group("indent")) + _PROMPT_WIDTH
        read = values[index][1] if len(values) == len(spelled) else code
        new = _print_calls(read)
        if new is None or new == read:
            continue
        new = new if read == code else _spelled(code, read, new)
        if new is None or new.count("\n") != len(lines):
            continue
        rebuilt = "\n".join(line[:width] + new_line for line, new_line in zip(lines, new[:-1].split("\n")))
        pieces += [body[done:match.start("source")], rebuilt]
        done = match.end("source")
    return "".join(pieces) + body[done:]


# an escape sequence of a string literal (Python 3's, as the docstring's value is read), or one character
_SPELLING = re.compile(r"\\(?:[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|.)|.", re.S)


def _spelled(code: str, value: str, new: str) -> str | None:
    """`code` (an example's code as a literal's source text spells it) changed as `new` changes `value` (its value:
    the escapes decoded): the text `value` and `new` share keeps the spelling of `code`, the new text (calls'
    parentheses, `end=''`, a stream moved) has its backslashes doubled. None where `code` does not decode to
    `value`. _rewritten checks the literal so made reads as the examples rewritten."""
    starts, decoded = [], []
    try:
        for match in _SPELLING.finditer(code):
            piece = match.group()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown escape (`\\d`) keeps its backslash
                text = ast.literal_eval(f'"{piece}"') if piece.startswith("\\") and len(piece) > 1 else piece
            starts += [match.start()] * len(text)
            decoded.append(text)
    except (SyntaxError, ValueError):
        return None
    if "".join(decoded) != value:
        return None
    starts.append(len(code))
    pieces = []
    for tag, old_start, old_end, new_start, new_end in difflib.SequenceMatcher(
            None, value, new, autojunk=False).get_opcodes():
        pieces.append(code[starts[old_start]:starts[old_end]] if tag == "equal"
                      else new[new_start:new_end].replace("\\", "\\\\"))
    return "".join(pieces)


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
    new = node.with_changes(value=node.value[:start] + _rewrite_sources(body, _value(node) or body) + node.quote)
    value = _value(new)  # None if it does not evaluate: a rewrite would have ended the literal early
    after = doctest_strings.examples(value) if value is not None else None
    return new if after is not None and _same_examples_but_prints(examples, after) else None


def print_calls(module: cst.Module, text: str, globs: str = "") -> tuple[cst.Module, int]:
    """The module (whose code is `text`, some lines added or moved at its top) with print statements in the
    examples of the strings doctest reads (doctest_strings.texts: the one reader check uses too) made calls, and
    how many strings changed; -1 for the count when a string's examples cannot be rewritten exactly. The literals
    are rewritten in the module's code, which libcst then reads again (a module with an example to rewrite).
    `globs`: where the project hands doctest globals of its own (ProjectIndex.doctest_globs: tryout18b #6), which
    compile the examples without the module's print_function: then only `print x` -> `print(x)` is exact either way,
    and an example with another print form (doctest_examples.print_forms: `print a, b`, `print x,`, `print >>f, x`,
    a bare `print`) makes the count -1, as check's doctest-example-print-left says."""
    if not doctest_strings.may_rewrite(text):
        return module, 0
    if not doctest_strings.only_literals(ast.parse(text)):
        return module, -1
    code = module.code
    try:
        nodes = doctest_strings.texts(ast.parse(code))
    except SyntaxError:
        return module, -1
    replacements = []
    for (start, end), node in zip(_spans(code, nodes), nodes):
        literal = code[start:end]
        value = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        if value is None:
            if doctest_strings.PRINT_EXAMPLE.search(literal):
                return module, -1  # a byte string (Python 2's docstring) or a formatted one
            continue
        examples = doctest_strings.examples(value) if doctest_strings.PRINT_EXAMPLE.search(value) else None
        if not examples or not _needs_rewrite(examples):
            continue
        if globs and any(isinstance(example, doctest.Example) and print_forms(example.source) for example in examples):
            return module, -1
        try:
            new = _rewritten(cst.parse_expression(literal), examples)
        except cst.ParserSyntaxError:  # literals continued over lines in brackets: no one literal's source
            new = None
        if new is None:
            return module, -1
        replacements.append((start, end, module.code_for_node(new)))
    if not replacements:
        return module, 0
    pieces, done = [], 0
    for start, end, new in replacements:
        pieces += [code[done:start], new]
        done = end
    return cst.parse_module("".join(pieces) + code[done:]), len(replacements)


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

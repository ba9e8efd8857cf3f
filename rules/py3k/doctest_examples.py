"""Doctest examples Python 3 cannot compile (tryout2 #15): doctest compiles each example when it runs, so an
example in Python 2 syntax fails there though the module imports. `diracmod fix` rewrites only the print
statements of examples (diracmod/fix/doctests.py, or it leaves the module saying why): the examples holding other
Python-2-only syntax (backticks, `<>`, `10L`, `exec code`, `raise E, V`...) are doctest-example-python2-only; the
print statements fix cannot make calls exactly, for which it leaves a module with print statements whole, are
doctest-example-print-left (tryout4 #13).
"""
from __future__ import annotations

import ast
import doctest
import io
import re
import tokenize

from diracmod.rules.py3k import print_order
from diracmod.source import doctest_strings, parse

_PRINT = "print-statement"  # the Python-2-only syntax fix rewrites in an example
_PRINT_WORD = re.compile(r"\bprint\b")
_UNKNOWN_STRINGS = ("the module gives doctest strings other than literals (`f.__doc__ = TEXT`, `__test__ = {...}` "
                    "of names), whose examples fix cannot read")


def _python2_only(parsed) -> list:
    """The Python-2-only syntax of an example's code other than print statements (the symbols check's Python-2
    reading of it reports), none where Python 3 compiles it or neither Python does (a doctest failing already)."""
    return sorted({symbol for _, _, symbol, _ in parsed.raw if symbol != _PRINT} if parsed.python2_only else ())


def _print_left(source: str, parsed, globs: str = "") -> str:
    """Why fix cannot make the example's print statements calls exactly (diracmod/fix/doctests.py: stage 1's
    print fixer, refusing `print x,` and a stream the call would evaluate late or twice: print_order.findings,
    tryout26c #4), or "" where it can or the example names no print. `globs`: where a file of
    the project hands doctest globals of its own (ProjectIndex.doctest_globs), "" for none."""
    if not _PRINT_WORD.search(source):
        return ""
    if parsed.tree is None:
        return "neither Python reads it, so its print statements cannot be told"
    if _print_ends_with_comma(source):
        return ("`print x,`: Python 3's print(x, end=\" \") would print the trailing space Python 2 did not, and "
                "doctest compares it")
    late = print_order.findings(source)
    if late:
        _, _, symbol, detail = late[0]
        return (f"the stream {detail['stream']}: {detail['why']} ({symbol}): outside an example fix binds a stream "
                f"to a name on a line before it, which inside one would be a statement of the example's own")
    if globs and print_forms(source):
        return (f"{globs} hands doctest globals of its own, which compile the examples without the module's "
                f"print_function: only `print x` -> `print(x)` prints alike either way, not "
                f"{_FORMS[min(print_forms(source))]}")
    return ""


_FORMS = {"comma": "`print x,`", "empty": "a bare `print` (`print()` prints `()` there)",
          "items": "`print a, b` (`print(a, b)` prints a tuple there)", "stream": "`print >>f, x`"}


def _print_ends_with_comma(source: str) -> bool:
    """Does a print statement of `source` end with a comma (`print x,`, `print >>f, x,`)?"""
    return "comma" in print_forms(source)


def print_forms(source: str) -> set:
    """The forms of the print statements of `source` that print otherwise as a call where the print_function
    compiling it is missing: "comma" (`print x,`, its last item followed by a comma), "items" (`print a, b`: the
    call `print(a, b)` prints a tuple then), "stream" (`print >>f, x`), "empty" (a bare `print`: `print()` prints
    `()`). `print x` alone (or `print (x)`) is none: `print(x)` prints alike with print_function and without."""
    forms, depth, starts, printing, commas, last = set(), 0, True, False, 0, ""
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
                continue
            if depth == 0 and (token.type in (tokenize.NEWLINE, tokenize.ENDMARKER)
                               or token.type == tokenize.OP and token.string in (";", ":")):
                if printing:
                    forms |= ({"comma"} if last == "," else set()) | ({"items"} if commas else set()) | (
                        {"empty"} if last == "print" else set())
                starts, printing, commas = True, False, 0
            else:
                if printing and depth == 0 and token.string == ",":
                    commas += 1
                if printing and last == "print" and token.string == ">>":
                    forms.add("stream")
                if token.type == tokenize.OP and token.string in "([{":
                    depth += 1
                elif token.type == tokenize.OP and token.string in ")]}":
                    depth -= 1
                printing = printing or starts and token.type == tokenize.NAME and token.string == "print"
                starts = False
            last = token.string
    except (tokenize.TokenError, SyntaxError):  # unreadable: parse said so already, or doctest fails it anyway
        return forms
    return forms


def _at(line: int, column: int, first: str) -> ast.AST:
    return ast.Pass(lineno=line, col_offset=column, end_lineno=line, end_col_offset=column + len(">>> ") + len(first))


class DoctestExampleRules:
    @staticmethod
    def visit_Module(node, ctx):
        if ctx.text is not None and ">>>" not in ctx.text:  # most modules have no example: they pay nothing more
            return
        # as fix looks at them; not under a print_function the module has already (fix adds none, and its examples'
        # print statements fail on both Pythons alike)
        prints = "print_function" not in ctx.future and (ctx.text is None or doctest_strings.may_rewrite(ctx.text))
        if prints and ctx.text is not None and not doctest_strings.only_literals(node):
            first = doctest_strings.PRINT_EXAMPLE.search(ctx.text)
            line = ctx.text.count("\n", 0, first.start()) + 1
            column = first.start() - (ctx.text.rfind("\n", 0, first.start()) + 1)
            ctx.report("doctest-example-print-left", _at(line, column, first.group()[len(">>> "):]),
                       why=_UNKNOWN_STRINGS)
            prints = False  # one finding says it for the module
        globs = ctx.project.doctest_globs if prints and ctx.project is not None else ""
        for line, column, text in doctest_strings.docstrings(node):
            for example in doctest_strings.examples(text) or ():
                if not isinstance(example, doctest.Example):
                    continue
                parsed = parse.parse(example.source)
                found, why = _python2_only(parsed), _print_left(example.source, parsed, globs) if prints else ""
                if found or why:
                    # the example's prompt (the docstring's own lines; the first starts at the literal)
                    first = example.source.split("\n", 1)[0]
                    at = line + example.lineno
                    where = _at(at, example.indent if example.lineno else column, first)
                    if found:
                        ctx.report("doctest-example-python2-only", where, syntax=", ".join(found))
                    if why:
                        ctx.report("doctest-example-print-left", where, why=why)

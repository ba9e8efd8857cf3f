"""Doctest examples Python 3 cannot compile (tryout2 #15): doctest compiles each example when it runs, so an
example in Python 2 syntax fails there though the module imports. `diracmod fix` rewrites only the print
statements of examples (diracmod/fix/doctests.py, or it leaves the module saying why): the examples holding other
Python-2-only syntax (backticks, `<>`, `10L`, `exec code`, `raise E, V`...) are doctest-example-python2-only.
"""
from __future__ import annotations

import ast
import doctest

from diracmod.source import doctest_strings, parse

_PRINT = "print-statement"  # the Python-2-only syntax fix rewrites in an example


def _python2_only(source: str) -> list:
    """The Python-2-only syntax of an example's code other than print statements (the symbols check's Python-2
    reading of it reports), none where Python 3 compiles it or neither Python does (a doctest failing already)."""
    parsed = parse.parse(source)
    return sorted({symbol for _, _, symbol, _ in parsed.raw if symbol != _PRINT} if parsed.python2_only else ())


class DoctestExampleRules:
    @staticmethod
    def visit_Module(node, ctx):
        if ctx.text is not None and ">>>" not in ctx.text:  # most modules have no example: they pay nothing more
            return
        for line, column, text in doctest_strings.docstrings(node):
            for example in doctest_strings.examples(text) or ():
                if not isinstance(example, doctest.Example):
                    continue
                found = _python2_only(example.source)
                if found:
                    # the example's prompt (the docstring's own lines; the first starts at the literal)
                    first = example.source.split("\n", 1)[0]
                    at = line + example.lineno
                    start = example.indent if example.lineno else column
                    where = ast.Pass(lineno=at, col_offset=start, end_lineno=at,
                                     end_col_offset=start + len(">>> ") + len(first))
                    ctx.report("doctest-example-python2-only", where, syntax=", ".join(found))

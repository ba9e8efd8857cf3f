"""The strings doctest reads examples from in a module, found from its ast, and doctest's own reading of one:
check reports the examples Python 3 cannot compile (rules/py3k/doctest_examples.py), fix's future-import policy
reads their code (diracmod/fix/doctests.py).

doctest reads a module's docstring and its classes' and functions' (their __doc__), the string values of its
`__test__` dict and the strings assigned to a `__doc__` (DocTestFinder).
"""
from __future__ import annotations

import ast
import doctest
import re

from diracmod.source.statements import statements

PARSER = doctest.DocTestParser()
_WORD = re.compile(r"[^\W\d]\w*")
_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def examples(text: str):
    """doctest's own reading of a docstring: its examples, or None when doctest cannot parse it (a doctest
    that fails whatever the module imports)."""
    try:
        return PARSER.parse(text)
    except ValueError:
        return None


def example_names(tree: ast.Module) -> frozenset:
    """Every identifier-like word of the examples of the module's docstrings (a word in an example's string too:
    more, never fewer, than the names the examples read)."""
    return frozenset(word for _, _, value in docstrings(tree) if ">>>" in value
                     for example in examples(value) or () if isinstance(example, doctest.Example)
                     for word in _WORD.findall(example.source))


def docstrings(tree: ast.Module) -> list:
    """(line, column, text) of the module's docstring and its classes' and functions', however nested, and of the
    string literals assigned to `__test__` or a `__doc__`, in the order of the text: where the literal starts (a
    byte string is none: Python 3 gives no __doc__ for it)."""
    found = []
    for node in [tree, *statements(tree)]:
        value = ast.get_docstring(node, clean=False) if isinstance(node, _DOCUMENTED) else None
        if value is not None:
            found.append((node.body[0].lineno, node.body[0].col_offset, value))
    found += [(value.lineno, value.col_offset, value.value) for _, value in assigned(tree)
              if isinstance(value, ast.Constant) and isinstance(value.value, str)]
    return sorted(found)


def assigned(tree: ast.Module):
    """(target, value) of `__test__ = {key: value}`, `__test__[key] = value`, `X.__doc__ = value` (a `**mapping`
    in the dict: value None)."""
    for statement in statements(tree):
        for target in statement.targets if isinstance(statement, ast.Assign) else ():
            if isinstance(target, ast.Name) and target.id == "__test__" and isinstance(statement.value, ast.Dict):
                yield from ((target, value) for value in statement.value.values)
            elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                  and target.value.id == "__test__" or isinstance(target, ast.Attribute) and target.attr == "__doc__"):
                yield target, statement.value

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
from diracmod.source import module_nodes

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


# A prompt followed by code that names print: only modules with one are looked at (most have none).
PRINT_EXAMPLE = re.compile(r"(?:>>>|\.\.\.)[ \t].*\bprint\b")


def may_rewrite(text: str) -> bool:
    """May the module's docstrings hold examples whose print statements fix makes calls (diracmod/fix/doctests.py
    reads the whole module only then; check reports those it cannot make exactly)? A prompt followed by code
    that names print (`in` first: a module without a prompt is not searched)."""
    return ("..." in text or ">>>" in text) and PRINT_EXAMPLE.search(text) is not None


def only_literals(tree: ast.Module) -> bool:
    """Does the module give doctest, besides docstrings, only string literals by assignment (`assigned`)? Not when
    it assigns `__test__` or a `__doc__` anything else or uses `__test__` otherwise (`__test__.update(d)`): then any
    of its strings may be an example (the value of a function or class is read for its docstrings, which
    `docstrings` has)."""
    targets = set()
    for target, value in assigned(tree):
        targets.update((id(target), id(getattr(target, "value", target))))  # `__test__[key]`: its name too
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return False
    return not any(isinstance(node, ast.Name) and node.id == "__test__" and id(node) not in targets
                   or isinstance(node, ast.Attribute) and node.attr == "__doc__" and isinstance(node.ctx, ast.Store)
                   and id(node) not in targets
                   for node in module_nodes.walk(tree))

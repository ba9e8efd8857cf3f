"""The strings doctest reads examples from in a module, found from its ast, and doctest's own reading of one:
check reports the examples Python 3 cannot compile (rules/py3k/doctest_examples.py), fix's future-import policy
reads their code (diracmod/fix/doctests.py).

doctest reads a module's docstring and its classes' and functions' (their __doc__), the string values of its
`__test__` dict, the strings assigned to a `__doc__` and a property's doc (DocTestFinder).
"""
from __future__ import annotations

import ast
import doctest
import re

from diracmod.source import module_nodes
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
    """(line, column, text) of every string `texts` finds that Python 3 gives as text (a byte string is none: no
    __doc__ for it), in the order of the text: where the literal starts."""
    return [(node.lineno, node.col_offset, node.value) for node in texts(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def texts(tree: ast.Module) -> list:
    """The expressions whose value DocTestFinder may read as a docstring, in the order of the text (the one reader
    of check's DM189/DM197 and of fix's print rewrite of examples, diracmod/fix/doctests.py): the docstring of the
    module and of its classes and functions, however nested (a byte string or an f-string too: Python 2 reads
    `b"..."` as its docstring); the values assigned to `__test__` or a `__doc__` (`assigned`); the doc of a
    `property(...)` (`property_docs`). Any kind of expression: callers take the literals."""
    return list(module_nodes.once(tree, _texts))


def _texts(tree: ast.Module) -> tuple:
    found = [node.body[0].value for node in [tree, *statements(tree)] if isinstance(node, _DOCUMENTED)
             and node.body and isinstance(node.body[0], ast.Expr) and _literal(node.body[0].value)]
    found += [value for _, value in assigned(tree) if value is not None]
    found += property_docs(tree)
    return tuple(sorted(found, key=lambda node: (node.lineno, node.col_offset)))


def _literal(node) -> bool:
    return isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))


def property_docs(tree: ast.Module) -> list:
    """The doc argument of every `property(...)` call, `doc=` or the fourth positional one (DocTestFinder reads a
    property of a class, its doc its __doc__); any call of a name or attribute `property` (more, never fewer)."""
    return [doc for node in module_nodes.of_kind(tree, ast.Call) if _named(node.func, "property")
            for doc in [*node.args[3:4], *(k.value for k in node.keywords if k.arg == "doc")]]


def _named(node, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name or isinstance(node, ast.Attribute) and node.attr == name


def assigned(tree: ast.Module):
    """(target, value) of `__test__ = {key: value}`, `__test__[key] = value`, `X.__doc__ = value`, `__doc__ = value`
    (a class body's binds the class's docstring; a `**mapping` in the dict: value None)."""
    for statement in statements(tree):
        for target in statement.targets if isinstance(statement, ast.Assign) else ():
            if isinstance(target, ast.Name) and target.id == "__test__" and isinstance(statement.value, ast.Dict):
                yield from ((target, value) for value in statement.value.values)
            elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                  and target.value.id == "__test__" or _named(target, "__doc__")):
                yield target, statement.value


# A prompt followed by code that names print: only modules with one are looked at (most have none).
PRINT_EXAMPLE = re.compile(r"(?:>>>|\.\.\.)[ \t].*\bprint\b")


def may_rewrite(text: str) -> bool:
    """May the module's docstrings hold examples whose print statements fix makes calls (diracmod/fix/doctests.py
    reads the whole module only then; check reports those it cannot make exactly)? A prompt followed by code
    that names print (`in` first: a module without a prompt is not searched)."""
    return ("..." in text or ">>>" in text) and PRINT_EXAMPLE.search(text) is not None


def only_literals(tree: ast.Module) -> bool:
    """Does the module give doctest, besides docstrings, only string literals (`texts`)? Not when it gives
    `__test__` anything else (`test_not_literal`), assigns a `__doc__` anything else, or passes a property any
    other doc than a literal or None: then any of its strings may be an example (the value of a function or class
    is read for its docstrings, which `texts` has)."""
    if test_not_literal(tree) is not None:
        return False
    targets = set()
    for target, value in assigned(tree):
        if _named(target, "__doc__"):
            targets.add(id(target))
            if not _string(value):
                return False
    if not all(isinstance(doc, ast.Constant) and isinstance(doc.value, (str, bytes, type(None)))
               for doc in property_docs(tree)):
        return False
    return not any(_named(node, "__doc__") and isinstance(node.ctx, ast.Store) and id(node) not in targets
                   for node in module_nodes.walk(tree))


def test_not_literal(tree: ast.Module) -> ast.Name | None:
    """The first use of the name `__test__` (in module_nodes.walk's order) by which the module may give doctest
    other than string literals to read examples from, or None where every use gives literals: `__test__ = {key:
    "...", ...}` (and `__test__ = "..."`, which doctest cannot read at all), `__test__[key] = "..."`. Not a dict
    display with another value or a `**mapping`, any other value (`dict(x=DOC)`), any other use
    (`__test__.update(d)`, `del __test__`). The one reading of check's and fix's doctest rules (`only_literals`)
    and of the future-import policy (rules/py3k/division.py: doctest compiles the entries under the module's
    future imports)."""
    values: dict = {}  # id of a __test__ name assigned -> the values it gives
    for statement in module_nodes.of_kind(tree, ast.Assign):
        for target in statement.targets:
            value = statement.value
            if isinstance(target, ast.Name) and target.id == "__test__":
                values.setdefault(id(target), value.values if isinstance(value, ast.Dict) and None not in value.keys
                                  else [value])
            elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                    and target.value.id == "__test__":
                values.setdefault(id(target.value), [value])
    return next((node for node in module_nodes.walk(tree) if isinstance(node, ast.Name) and node.id == "__test__"
                 and not all(map(_string, values.get(id(node), [None])))), None)


def _string(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)

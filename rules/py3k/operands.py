"""Which operands a rewrite may read twice: `cmp(a, b)` -> `(a > b) - (a < b)` and `s.translate(None, chars)` ->
`(s.translate(...) if six.PY2 or isinstance(s, (bytes, bytearray)) else ...)` (on Python 3) evaluate them twice,
so only where that has no side effect and gives the same value (names, number and string literals, attributes
of names, tuples and subscripts of those). The one place deciding it: the detectors report the other shapes under
the DM rules split off pylint's (cmp-builtin-operands-read-twice, deprecated-str-translate-call-receiver-read-twice),
which no fixer rewrites."""
from __future__ import annotations

import ast


def read_twice(node) -> bool:
    if isinstance(node, ast.Tuple):
        return all(read_twice(element) for element in node.elts)
    if isinstance(node, ast.Subscript):
        return read_twice(node.value) and read_twice(node.slice)  # not a slice: `a[1:2]`
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float, str, bytes)
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, (ast.Name, ast.Attribute))
    return isinstance(node, ast.Name)

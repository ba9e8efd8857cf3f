"""The number of COMMENT tokens Python's tokenizer reads in a text Python 3 has parsed, found from its syntax tree
rather than a tokenize pass of the whole text (fix counts the comments of every rewrite it verifies: tokenizing
it cost twice its parse).

Outside string literals a `#` can only start or continue a comment, which runs to the end of its line: a line
holds a comment when one of its `#` is outside every string literal of the tree. A literal made of pieces
(implicit concatenation: `("a"  # why` newline `"b")`) spans what lies between them, comments included: such a
span, when it holds a `#`, is tokenized on its own."""
from __future__ import annotations

import ast
import bisect
import io
import tokenize

from diracmod.core.lines import universal_newlines
from diracmod.source.scopes import children


def count(text: str, tree: ast.Module) -> int:
    """The COMMENT tokens of `text`, which Python 3 parsed into `tree`."""
    if "#" not in text:
        return 0
    lines = universal_newlines(text).split("\n")  # as the parser numbers them
    marked = [number for number, line in enumerate(lines, 1) if "#" in line]
    covered = {}  # line -> [(first, last) character range inside a string literal]
    found = 0
    for first, first_col, last, last_col in _literals(tree, marked):
        start, end = _column(lines[first - 1], first_col), _column(lines[last - 1], last_col)
        if first == last:
            covered.setdefault(first, []).append((start, end))
            continue
        span = "\n".join([lines[first - 1][start:], *lines[first:last - 1], lines[last - 1][:end]])
        if "#" in span:
            found += _tokenized(span)
        covered.setdefault(first, []).append((start, len(lines[first - 1])))
        for number in range(first + 1, last):
            covered[number] = [(0, len(lines[number - 1]))]
        covered.setdefault(last, []).append((0, end))
    for number in marked:
        line, ranges = lines[number - 1], covered.get(number, ())
        column = line.find("#")
        while column >= 0 and any(start <= column < end for start, end in ranges):
            column = line.find("#", column + 1)
        found += column >= 0
    return found


def _column(line: str, offset: int) -> int:
    """The character column of the parser's UTF-8 byte offset in `line`."""
    return offset if line.isascii() else len(line.encode("utf-8")[:offset].decode("utf-8"))


def _literals(tree: ast.Module, marked: list):
    """(line, byte column, end line, end byte column) of every outermost string or f-string literal on the lines
    `marked` (sorted): subtrees whose lines hold no marked one are not entered."""
    todo = [tree]
    while todo:
        node = todo.pop()
        last = getattr(node, "end_lineno", None)
        if last is not None:
            decorators = getattr(node, "decorator_list", None)
            first = decorators[0].lineno if decorators else node.lineno  # decorators come before a def's line
            index = bisect.bisect_left(marked, first)
            if index == len(marked) or marked[index] > last:
                continue
            if isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(
                    node.value, (str, bytes)):
                yield node.lineno, node.col_offset, node.end_lineno, node.end_col_offset
                continue
        todo += children(node)


def _tokenized(span: str) -> int:
    """The COMMENT tokens of a literal's span, read in brackets as in the file."""
    tokens = tokenize.generate_tokens(io.StringIO(f"({span})\n").readline)
    return sum(1 for token in tokens if token.type == tokenize.COMMENT)

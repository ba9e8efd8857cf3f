"""The project index's shared pieces: its bytes helpers (the word before an offset, a statement's indent, the
line of an offset, the class and def headers holding an offset: _nested...), small literal helpers on a tree, the
memo every file's facts are kept in (_MEMO) and the tree of the file read last (_tree), which several scans of one
file share."""
from __future__ import annotations

import ast
import os
import re

from diracmod.source.parse import parse


_WORD = re.compile(rb"\w+")


def module_key(path: str) -> str:
    """How `assigned` and `readers` name the module at `path`: the last component of the dotted name it is
    imported by (`client` for pkg/client.py, a package's directory's name for its __init__)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.basename(os.path.dirname(os.path.abspath(path))) if stem == "__init__" else stem


def _constant(node):
    """The value of a literal, else None."""
    return node.value if isinstance(node, ast.Constant) else None


def _none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


_MEMO: dict = {}  # (path, device, inode, mtime, size, limit) -> _facts: a second run in one process reads changes only

_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _dotted_before(data: bytes, at: int):
    """(the word before `.` ending at `at`, where it starts) for `word.` (blanks around the dot), else None."""
    at = _blanks_before(data, at)
    if at < 1 or data[at - 1] != 0x2E:  # "."
        return None
    end = at = _blanks_before(data, at - 1)
    while at > 0 and data[at - 1] in _WORD_BYTES:
        at -= 1
    return (data[at:end], at) if at < end else None


def _blanks_before(data: bytes, at: int) -> int:
    while at > 0 and data[at - 1] in (0x20, 0x09):
        at -= 1
    return at


def _finds(data: bytes, needle: bytes):
    """The offsets of `needle` in `data`."""
    at = data.find(needle)
    while at != -1:
        yield at
        at = data.find(needle, at + len(needle))


_MODULE_SUFFIXES = (".py", ".pyw")  # what another module imports


_LAST_TREE: list = [(None, None)]  # [(the bytes, their tree)]: one file's, read by several of its scans


def _tree(data: bytes):
    """The tree of a file's bytes (None where it does not parse), parsed once for the scans of _file_facts (one pair
    replaced whole: a thread reading another file's parses its own)."""
    held, tree = _LAST_TREE[0]
    if held is not data:
        tree = parse(data.decode("latin-1")).tree
        _LAST_TREE[0] = (data, tree)
    return tree


class _Lines:
    """The line of an offset of `data`, counted on from the last offset asked where offsets grow (a scan's
    matches): a line count from the start for each of a megabyte's matches was quadratic."""

    def __init__(self, data: bytes):
        self.data, self.at, self.line = data, 0, 1

    def __call__(self, at: int) -> int:
        if at < self.at:
            self.at, self.line = 0, 1
        self.line += self.data.count(b"\n", self.at, at)
        self.at = at
        return self.line


def _words(*nodes) -> set:
    """The names and attribute names in the expressions (`meta.Ordered`: meta, Ordered)."""
    return {word.id if isinstance(word, ast.Name) else word.attr for node in nodes for word in ast.walk(node)
            if isinstance(word, (ast.Name, ast.Attribute))}


def _indent(data: bytes, at: int) -> int | None:
    """The width of the indentation before `at`, None where something else than blanks (or `async`) precedes it
    on its line."""
    prefix = data[data.rfind(b"\n", 0, at) + 1:at]
    stripped = prefix.strip()
    if stripped and stripped != b"async":
        return None
    return len(prefix[:len(prefix) - len(prefix.lstrip())].expandtabs(8))


# a class or def header, each led by its literal, which the regex engine finds fast (their alternation: 7x slower)
_CLASS_HEADER = re.compile(rb"class[ \t]+(\w+)")
_DEF_HEADER = re.compile(rb"def[ \t]+(\w+)")


def _headers(data: bytes, classes=None) -> list:
    """(offset, b"class" or b"def", name) of the class headers (`classes`: a class pattern's matches, default
    _CLASS_HEADER's) and def headers of the bytes, wherever they stand (_nested reads their indent)."""
    return [*((match.start(), b"class", match.group(1).decode())
              for match in (_CLASS_HEADER.finditer(data) if classes is None else classes)),
            *((match.start(), b"def", match.group(1).decode()) for match in _DEF_HEADER.finditer(data))]


def _nested(events: list, indent):
    """(event, its indent, the headers holding it) of each event (offset, kind, name): a header of _headers' or a
    needle (kind None), by offset, where `indent(event)` (its statement's indent width) is not None. The headers
    holding it: (indent, kind, name, offset) of the headers before it indented less, outermost first."""
    stack: list = []
    for event in sorted(events):
        width = indent(event)
        if width is None:
            continue
        while stack and stack[-1][0] >= width:
            stack.pop()
        yield event, width, tuple(stack)
        if event[1] is not None:
            stack.append((width, event[1], event[2], event[0]))


def _word_indent(data: bytes, at: int) -> int | None:
    """_indent, None where a word character precedes `at` too (`xdef f`)."""
    return None if at and data[at - 1] in _WORD_BYTES else _indent(data, at)


STAR = "*"  # the name a star import reads of a module

"""Lines as Python's tokenizer counts them: only CRLF, CR and LF end a line.

`str.splitlines` also splits on form feed, vertical tab, \\x1c-\\x1e, \\x85, \\u2028 and \\u2029, which
Python (and pycodestyle) treat as ordinary characters: using it shifts every line number after one.
Every place that numbers lines uses these helpers.
"""
from __future__ import annotations

import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_SPLITLINES_ONLY = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits and Python does not
_NEWLINE = re.compile(r"\r\n?")
_ENDING = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


def split_lines(text: str, keepends: bool = True) -> list:
    """The lines of `text`, each with its own line ending when `keepends`."""
    if not any(char in text for char in _SPLITLINES_ONLY):  # nearly every file: str.splitlines splits the same
        return text.splitlines(keepends)
    lines = _LINE.findall(text)
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def line_count(text: str) -> int:
    """The lines of `text`, as `wc -l` and editors count them: a last line without an ending counts, the empty
    "line" after a final newline does not (an empty file has none)."""
    return len(_ENDING.findall(text)) + (1 if text and text[-1] not in "\r\n" else 0)


def lone_crs_as_lf(text: str) -> str:
    """A CR not followed by LF (an old Mac file's line ending) as LF, as Python 2 and 3 read it: every offset,
    line and column stays what it was, CRLF too."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def first_ending(text: str) -> str:
    """The ending of the first line ("\r\n", "\r" or "\n"; "\n" for a text of one unended line)."""
    found = _ENDING.search(text)
    return found.group() if found else "\n"


def universal_newlines(text: str) -> str:
    """CRLF and CR as LF, as Python's tokenizer reads them: same line numbers, same columns."""
    return _NEWLINE.sub("\n", text)

"""Reading a file the way Python does: bytes -> BOM / PEP 263 encoding -> text.

Problems become `SourceError`s carrying the syntax-checker rule to report, never exceptions that end a run.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import tokenize
from dataclasses import dataclass

# PEP 263: the cookie may sit on line 1 or 2.
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


@dataclass
class Source:
    path: str  # as given / discovered, relative where the user was relative
    data: bytes
    text: str  # decoded, BOM stripped, newlines as in the file
    encoding: str
    bom: bool
    cookie: bool  # an explicit PEP 263 declaration is present


class SourceError(Exception):
    """A file that cannot be checked as Python source; `symbol` names the syntax rule."""

    def __init__(self, symbol: str, line: int = 1, **detail):
        super().__init__(symbol, detail)
        self.symbol = symbol
        self.line = line
        self.detail = detail


def declared_encoding(data: bytes) -> str | None:
    for line in data.splitlines()[:2]:
        match = _COOKIE.match(line)
        if match:
            return match.group(1).decode("ascii")
        if not line.strip().startswith(b"#") and line.strip():
            break
    return None


def _late_cookie(data: bytes):
    """The line number of a coding declaration on line 3 or later (Python reads only lines 1 and 2: tryout8 #16), or
    None."""
    return next((number for number, line in enumerate(data.splitlines()[2:50], 3) if _COOKIE.match(line)), None)


def decode(path: str, data: bytes) -> Source:
    if b"\0" in data:
        raise SourceError("binary-file", line=data[: data.index(b"\0")].count(b"\n") + 1)
    bom = data.startswith(codecs.BOM_UTF8)
    declared = declared_encoding(data)
    try:
        # tokenize applies Python's own rules (BOM vs cookie conflicts, unknown codecs); its lines end at CR too,
        # as Python's own reader's do (a CR-only file's first line is not the whole file: tryout5 #10)
        encoding, _ = tokenize.detect_encoding(iter(data.splitlines(keepends=True)).__next__)
    except SyntaxError as exc:
        raise SourceError("undecodable-source", encoding=declared or "utf-8", detail=str(exc)) from None
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        late = None if declared else _late_cookie(body)
        hint = ("" if declared else f" (the coding line on line {late} is ignored: it must be on line 1 or 2)" if late
                else " (no coding line: add `# -*- coding: latin-1 -*-` or the file's real encoding)")
        raise SourceError("undecodable-source", line=line, encoding=encoding,
                          detail=f"{exc.reason} at byte {exc.start}{hint}") from None
    except (LookupError, ValueError, TypeError) as exc:  # rot13, base64, zlib...: not a text encoding, as Python says
        raise SourceError("undecodable-source", encoding=encoding, detail=" ".join(str(exc).split())) from None
    return Source(path=path, data=data, text=text, encoding=encoding, bom=bom, cookie=declared is not None)


# What a fix writes beside the module's own text: every printable ASCII character and its longest added line (the future
# import). A codec that cannot write this back after the module's text, so that it reads as the same text again (idna:
# over 63 characters between two dots; a codec writing one character as another), cannot write a fixed module.
_WRITTEN = "\nfrom __future__ import absolute_import, division, print_function\n" + "".join(map(chr, range(32, 127)))
_ROUND_TRIPPING = frozenset({"utf-8", "utf-8-sig", "iso-8859-1", "latin-1"})  # every text they read, they write back


def write_back_problem(text: str, encoding: str) -> str | None:
    """Why `text` written in `encoding` would not read back as `text`, or None."""
    if encoding in _ROUND_TRIPPING:
        return None
    try:
        back = codecs.decode(codecs.encode(text, encoding), encoding)
    except (UnicodeError, LookupError, ValueError, TypeError) as exc:
        return " ".join(str(exc).split())
    return None if back == text else "its bytes would read back as other text"


def unwritable(src: Source) -> str | None:
    """Why `diracmod fix` cannot write a rewrite of the file in the encoding it was read with (tryout10 #12), or None:
    check counts nothing of such a file fixable, and fix leaves it."""
    return write_back_problem(src.text + _WRITTEN, src.encoding)


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _why_not_opened(path, error: OSError) -> str:
    """A socket cannot even be opened ("No such device or address"): say what the file is instead."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return error.strerror or str(error)
    return (error.strerror or str(error)) if stat.S_ISREG(mode) else f"{_kind(mode)}, not a regular file: not read"


def read_regular(path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or a SourceError; never blocks or reads past the limit.

    O_NONBLOCK: opening a FIFO for reading would otherwise wait forever for a writer. The type and size are
    taken from the opened descriptor (fstat), so a file swapped after a check is still caught, and at most
    max_bytes + 1 bytes are read in case the file grows while it is read.
    """
    return read_entry(path, max_bytes, follow=True)[0]


def read_entry(path, max_bytes: int, follow: bool) -> tuple[bytes, os.stat_result]:
    """read_regular's bytes and the fstat of the file they came from; with follow=False a symlink in the last
    component is refused (O_NOFOLLOW), so the file read is the very directory entry named (fix's --write)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags if follow else flags | os.O_NOFOLLOW)
    except OSError as exc:
        raise SourceError("unreadable-file", detail=_why_not_opened(path, exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("unreadable-file", detail=f"{_kind(info.st_mode)}, not a regular file: not read")
        if info.st_size > max_bytes:
            raise SourceError("file-too-large", size=f"{info.st_size / 1e6:.1f}", limit=f"{max_bytes / 1e6:.1f}")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise SourceError("file-too-large", size=f"> {max_bytes / 1e6:.1f}", limit=f"{max_bytes / 1e6:.1f}")
        return b"".join(chunks), info
    except OSError as exc:
        raise SourceError("unreadable-file", detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


DATA_LIMIT = 256_000_000  # a baseline, shard or history file of a huge tree stays far below this


def read_data(path, max_bytes: int = DATA_LIMIT) -> str:
    """A data file of ours (baseline, shard, history) as UTF-8 text, read as safely as source: a symlink to
    /dev/zero or a FIFO under its name is an error, not an endless read. Raises SourceError."""
    data = read_regular(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError("undecodable-source", encoding="utf-8", detail=str(exc)) from None


def describe(problem: SourceError) -> str:
    """A SourceError in words, for a message about a file that is not source (a baseline, a shard)."""
    detail = problem.detail
    if problem.symbol == "file-too-large":
        return f"larger than {detail.get('limit')} MB"
    if problem.symbol == "binary-file":
        return f"it holds a NUL byte (line {problem.line}), which neither Python accepts in source: not a Python file"
    return str(detail.get("detail") or problem.symbol)


def read(path: str, max_bytes: int) -> Source:
    return decode(path, read_regular(path, max_bytes))

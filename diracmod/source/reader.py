"""Reading a file the way Python does: bytes -> BOM / PEP 263 encoding -> text.

Problems become `SourceError`s carrying the syntax-checker rule to report, never exceptions that end a run.
"""
from __future__ import annotations

import codecs
import re
import tokenize
from dataclasses import dataclass

# the one reader of a regular file, in core (diracmod.core.siblings reads with it too); named here for the
# modules that read source
from diracmod.core.regular_file import SourceError, read_regular  # noqa: F401

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


def _undecodable(body: bytes, exc: UnicodeDecodeError, encoding: str, declared: str | None) -> tuple:
    """(line, detail) of bytes that do not decode in the file's encoding, the one wording check's
    undecodable-source and fix's "left unchanged" give: where (line, column in characters, byte of the file),
    whether in a comment (Python 2 compiles such a file, Python 3 refuses it: icalendar's latin-1 comment under a
    utf-8 coding line, tryout20b #4), and what to do next."""
    start = body.rfind(b"\n", 0, exc.start) + 1
    line = body.count(b"\n", 0, exc.start) + 1
    column = len(body[start:exc.start].decode(encoding, "replace")) + 1
    where = f"{exc.reason} (0x{body[exc.start]:02x}) at line {line}, column {column} (byte {exc.start})"
    if declared:
        comment = ", in a comment" if body[start:exc.start].lstrip().startswith(b"#") else ""
        return line, (f"{where}{comment}: the file is not {declared} as its coding line says (Python 2 may read it, "
                      f"Python 3 refuses it): re-save the file as {declared}, or change the coding line to the "
                      f"file's real encoding (`# -*- coding: latin-1 -*-`, say), then run again")
    late = _late_cookie(body)
    hint = (f" (the coding line on line {late} is ignored: it must be on line 1 or 2)" if late
            else " (no coding line: add `# -*- coding: latin-1 -*-` or the file's real encoding)")
    return line, where + hint


def _encoding_problem(body: bytes, bom: bool, declared: str | None, exc: SyntaxError) -> tuple:
    """(line, encoding, detail) of a declaration Python refuses (tokenize.detect_encoding's SyntaxError), the one
    wording check's undecodable-source and fix's "left unchanged" give. A UTF-8 BOM under a coding line naming
    another encoding (tokenize says only "encoding problem: utf-8"; Python 2 and 3 refuse the file with "encoding
    problem: iso-8859-1 with BOM": tryout21 #8) is named, with which of the two to remove, as the bytes after it
    tell; any other problem in tokenize's words."""
    # declared_encoding(data) does not see a cookie behind the BOM; an unknown codec is said as tokenize says it
    cookie = declared_encoding(body) if bom and str(exc).startswith("encoding problem") else None
    if cookie is None and declared is None and str(exc).startswith("invalid or missing encoding declaration"):
        # line 1 or 2 is not UTF-8 (tokenize's words, which name neither the line nor the byte: tryout24 #4)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as undecodable:
            line, detail = _undecodable(body, undecodable, "utf-8", None)
            return line, "utf-8", detail
    if cookie is None:
        return 1, declared or "utf-8", str(exc)
    line = next(number for number, text in enumerate(body.splitlines()[:2], 1) if _COOKIE.match(text))
    if body.isascii():
        real = "its bytes are ASCII: either will do"
    else:
        try:
            body.decode("utf-8")
            real = "its bytes read as UTF-8: remove the coding line"
        except UnicodeDecodeError:
            real = f"its bytes are not UTF-8: remove the BOM (the file's first 3 bytes) if the file is {cookie}"
    return line, cookie, (f"the file starts with a UTF-8 BOM but its coding line (line {line}) says {cookie}: "
                          f"Python 2 refuses it too, as Python 3 does (\"encoding problem: ... with BOM\"): remove "
                          f"one of the two ({real}), then run again")


_WIDE_BOMS = ((b"\0\0\xfe\xff", "UTF-32"), (b"\xff\xfe\0\0", "UTF-32"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def _wide(data: bytes) -> str | None:
    """Why a file is UTF-16 or UTF-32 (its byte-order mark, or ASCII text with a NUL byte after or before every
    character), in words with what to do, or None: Python 2 reads neither (it calls such a file's NUL bytes a
    syntax error), check said "NUL bytes: not Python source" and fix "invalid or missing encoding declaration"
    (tryout24 #4)."""
    bom, name = next(((bom, name) for bom, name in _WIDE_BOMS if data.startswith(bom)), (b"", None))
    if name:
        seen = f"it starts with the byte-order mark {' '.join(f'0x{byte:02x}' for byte in bom)}"
    else:
        head = data[:64]
        if len(head) < 4 or not (not any(head[1::2]) and all(head[0::2]) or not any(head[0::2]) and all(head[1::2])):
            return None
        name, seen = "UTF-16", "a NUL byte before or after every character"
    return f"the file is {name} ({seen}): Python 2 cannot read {name} source: save it as UTF-8, then run again"


def decode(path: str, data: bytes) -> Source:
    if data[:1] in (b"\xff", b"\xfe") or b"\0" in data:
        wide = _wide(data)
        if wide:
            raise SourceError("undecodable-source", encoding="utf-8", detail=wide)
    if b"\0" in data:
        raise SourceError("binary-file", line=data[: data.index(b"\0")].count(b"\n") + 1)
    bom = data.startswith(codecs.BOM_UTF8)
    declared = declared_encoding(data)
    try:
        # tokenize applies Python's own rules (BOM vs cookie conflicts, unknown codecs); its lines end at CR too,
        # as Python's own reader's do (a CR-only file's first line is not the whole file: tryout5 #10)
        encoding, _ = tokenize.detect_encoding(iter(data.splitlines(keepends=True)).__next__)
    except SyntaxError as exc:
        body = data[len(codecs.BOM_UTF8):] if bom else data
        line, encoding, detail = _encoding_problem(body, bom, declared, exc)
        raise SourceError("undecodable-source", line=line, encoding=encoding, detail=detail) from None
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line, detail = _undecodable(body, exc, encoding, declared)
        raise SourceError("undecodable-source", line=line, encoding=encoding, detail=detail) from None
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

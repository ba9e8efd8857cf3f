"""Reading a file the way Python does: bytes -> BOM / PEP 263 encoding -> text.

Problems become `SourceError`s carrying the syntax-checker rule to report, never exceptions that end a run.
"""
from __future__ import annotations

import codecs
import io
import os
import re
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


def decode(path: str, data: bytes) -> Source:
    if b"\0" in data:
        raise SourceError("binary-file", line=data[: data.index(b"\0")].count(b"\n") + 1)
    bom = data.startswith(codecs.BOM_UTF8)
    declared = declared_encoding(data)
    try:
        # tokenize applies Python's own rules (BOM vs cookie conflicts, unknown codecs).
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError("undecodable-source", encoding=declared or "utf-8", detail=str(exc)) from None
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        hint = "" if declared else " (no coding line: add `# -*- coding: latin-1 -*-` or the file's real encoding)"
        raise SourceError("undecodable-source", line=line, encoding=encoding,
                          detail=f"{exc.reason} at byte {exc.start}{hint}") from None
    return Source(path=path, data=data, text=text, encoding=encoding, bom=bom, cookie=declared is not None)


def read(path: str, max_bytes: int) -> Source:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise SourceError("file-too-large", size=f"{size / 1e6:.1f}", limit=f"{max_bytes / 1e6:.1f}")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise SourceError("unreadable-file", detail=exc.strerror or str(exc)) from None
    return decode(path, data)

"""Reading a regular file without blocking or reading past a limit: the one reader of every file diracmod reads
(source, its own data files, a sibling's `__all__`: diracmod.core.siblings). diracmod.source.reader names it for
the modules reading source.

Problems become `SourceError`s carrying the syntax-checker rule to report, never exceptions that end a run.
"""
from __future__ import annotations

import os
import stat


class SourceError(Exception):
    """A file that cannot be read, or checked as Python source; `symbol` names the syntax rule."""

    def __init__(self, symbol: str, line: int = 1, **detail):
        super().__init__(symbol, detail)
        self.symbol = symbol
        self.line = line
        self.detail = detail


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


def _megabytes(count: int, exact: bool = False) -> str:
    """`count` bytes in MB: one decimal from 1 MB on (a size: `7.3`), else (or `exact`: a limit, as max-file-size
    sets it: `5`, `2.5`) every digit to the byte (`0.0002`, not `0.0`: tryout19 #16)."""
    if count >= 1_000_000 and not exact:
        return f"{count / 1e6:.1f}"
    return f"{count / 1e6:.6f}".rstrip("0").rstrip(".")


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
            raise SourceError("file-too-large", size=_megabytes(info.st_size), limit=_megabytes(max_bytes, True))
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise SourceError("file-too-large", size=f"> {_megabytes(max_bytes, True)}",
                              limit=_megabytes(max_bytes, True))
        return b"".join(chunks), info
    except OSError as exc:
        raise SourceError("unreadable-file", detail=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)

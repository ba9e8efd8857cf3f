"""Writing a report (`-o FILE`, else stdout) so that a failed run never costs a file.

A report file is written to a temporary file next to it, then renamed over it (atomic on POSIX and Windows):
until the rename the old report is intact, and a crash, a full disk or an interrupt leave it as it was.
A report never replaces a file the command reads (`refuse_inputs`). File names that are not UTF-8 (kept by
Python as lone surrogates) are written back as the bytes they came from, as Python's own `os` functions do.
"""
from __future__ import annotations

import codecs
import os
import secrets
import stat
import sys

from diracmod.core import atomic


class ReportError(Exception):
    """The report cannot be written where asked; the message says what to do instead."""


def _raw_or_escaped(error: UnicodeEncodeError):
    """Lone surrogates from undecodable file names become their original bytes; any other character the
    output encoding lacks becomes a backslash escape (never an exception)."""
    text = error.object[error.start:error.end]
    if all("\udc80" <= char <= "\udcff" for char in text):
        return bytes(ord(char) - 0xDC00 for char in text), error.end
    return codecs.backslashreplace_errors(error)


codecs.register_error("diracmod-report", _raw_or_escaped)


def _identity(path):
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


_STDOUT_CLOSED = "standard output is closed: give -o FILE to write the report to a file"


def check_target(target: str | None, inputs, directories, is_input_name, option: str = "-o") -> None:
    """Raise ReportError, before any work is done, when the report could not be written to `target` (None:
    stdout) or would replace an input: one of `inputs` by any name (symlink, hardlink), or a file named like
    an input (`is_input_name`) anywhere under one of `directories`. `option`: what named the target in the
    messages, as the user gave it (`--baseline`, `[tool.diracmod] baseline`: tryout17 #6)."""
    if target is None:
        if sys.stdout is None:
            raise ReportError(_STDOUT_CLOSED)
        return
    parent = os.path.dirname(target) or "."
    if not os.path.isdir(parent):  # also `missing/../x.py`: realpath would make that x.py, the kernel refuses it
        raise _no_directory(target, parent, option)
    refuse_inputs(target, inputs, option)
    real = os.path.realpath(target)
    if is_input_name(os.path.basename(real)):
        for directory in directories:
            top = os.path.realpath(directory)
            if os.path.commonpath([top, real]) == top:
                raise ReportError(f"{option} {target}: that file is under {directory}, which is being checked: "
                                  f"{_elsewhere(option)}")
    if os.path.isdir(target):
        raise _is_a_directory(target, option)
    if not os.path.isdir(os.path.dirname(real)):
        raise _no_directory(target, os.path.dirname(real), option)


def refuse_inputs(target: str, inputs, option: str = "-o") -> None:
    """Raise ReportError when `target` is one of `inputs` by any name (symlink, hardlink)."""
    where = _identity(target)
    if where is not None and any(_identity(path) == where for path in inputs):
        raise read_by_diracmod(target, option)


def read_by_diracmod(target: str, option: str = "-o") -> ReportError:
    """The refusal of a target diracmod or its tools read, whatever --force says (the baseline's too: tryout20 #8)."""
    return ReportError(f"{option} {target}: diracmod reads that file (it is checked or Python code, or holds settings "
                       f"or requirements): {_elsewhere(option)}")


def _with(option: str) -> str:
    """How a person names another target with what named this one: `with -o`, `in [tool.diracmod] baseline`."""
    return f"{'with' if option.startswith('-') else 'in'} {option}"


def _elsewhere(option: str) -> str:
    """Where to write instead, said with what named the target (tryout18 #8: never an -o the user did not give)."""
    if option == "-o":
        return "the report would replace it. Write the report elsewhere, e.g. -o reports/diracmod.txt"
    return f"it cannot be the baseline; name another file {_with(option)}"


def _is_a_directory(target: str, option: str = "-o") -> ReportError:
    example = os.path.join(target, "diracmod.txt" if option == "-o" else "diracmod-baseline.json")
    return ReportError(f"{option} {target}: that is a directory; name a file in it, e.g. {option} {example}"
                       if option.startswith("-") else
                       f"{option} {target}: that is a directory; name a file in it, e.g. {example}")


def _no_directory(target: str, directory: str, option: str = "-o") -> ReportError:
    return ReportError(f"{option} {target}: the directory {directory} does not exist; create it first "
                       f"(mkdir -p {directory})")


def write_report(target: str | None, text: str | bytes, option: str = "-o") -> None:
    """`text` to `target` (atomically), or to stdout when `target` is None; bytes as they are (a patch in its
    files' encodings). A reader closing the pipe early (`| head`) is not an error. `option`: what named the
    target, for the messages (`--baseline`, `[tool.diracmod] baseline`: the file is then the baseline)."""
    if target is None:
        _to_stdout(text)
        return
    data = text if isinstance(text, bytes) else text.encode("utf-8", "diracmod-report")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot_write(target, exc, option) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _is_a_directory(target, option)
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            _to_special_file(target, data)  # /dev/null, a FIFO: never renamed over
        else:
            replace_atomically(os.path.realpath(target), data, info)
    except OSError as exc:
        raise _cannot_write(target, exc, option) from None


def _to_stdout(text: str | bytes) -> None:
    if sys.stdout is None:
        raise ReportError(_STDOUT_CLOSED)
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a stream of text only (a test's): bytes as their UTF-8 reading
            sys.stdout.write(text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
        else:
            sys.stdout.flush()
            buffer.write(text if isinstance(text, bytes) else
                         text.encode(sys.stdout.encoding or "utf-8", "diracmod-report"))
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except OSError as exc:
        raise ReportError(f"cannot write the report to standard output: {exc.strerror or exc}; "
                          f"give -o FILE instead") from None


def reader_gone(stream=None) -> None:
    """The reader of `stream` (stdout by default) closed the pipe (`| head`): point it at /dev/null, so that
    what is still written, and Python's flush at exit, go nowhere instead of failing again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, (stream or sys.stdout).fileno())
    os.close(devnull)


class ReaderMayLeave:
    """A text stream (stdout, stderr) whose reader may close the pipe early (`| head`, a pager quit): the rest
    of the output is dropped and the command runs on to its own exit code, as ruff and pylint do (a failing
    `fix --check ... | head` must still fail CI, and an interrupted run would have lost its outcome)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            reader_gone(self.stream)
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            reader_gone(self.stream)

    def __getattr__(self, name):  # encoding, buffer, fileno, isatty...: the stream's own
        return getattr(self.stream, name)


def _to_special_file(target: str, data: bytes) -> None:
    # O_NONBLOCK: a FIFO without a reader fails (ENXIO) instead of waiting forever; then blocking writes.
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


class EntryChanged(OSError):
    """The name no longer points at the file that was read: it was replaced or edited while we worked."""


def _entry(info) -> tuple:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def replace_atomically(real: str, data: bytes, info, expected=None) -> None:
    """Write `data` beside `real` under a temporary name, give it `info`'s mode and, where this process may,
    its owner and group (as `sed -i` does), then rename it over `real`. Every step is relative to the opened
    directory and a rename never follows a symlink: a symlink put in the file's place, or a directory swapped,
    while we worked is replaced or misses, never written through. `expected` (the stat of the file that was
    read): the entry must still be that file, same inode, size and mtime, just before the rename, else
    EntryChanged and nothing is replaced."""
    directory, name = os.path.split(real)
    try:
        dir_fd = os.open(directory or ".", os.O_RDONLY | os.O_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        raise _no_directory(real, directory) from None
    try:
        fd, temporary = _temporary(name, dir_fd)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if info is not None:
                    _keep_owner(handle.fileno(), info)  # before the mode: a chown clears set-uid/set-gid
                os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode) if info is not None else atomic.default_mode())
                os.fsync(handle.fileno())  # the data is on disk before the name points at it
            if expected is not None and _entry(os.stat(name, dir_fd=dir_fd, follow_symlinks=False)) != _entry(expected):
                raise EntryChanged(f"{real} is no longer the file that was read")
            os.replace(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            os.unlink(temporary, dir_fd=dir_fd)
            raise
    finally:
        os.close(dir_fd)


def _temporary(name: str, dir_fd: int) -> tuple[int, str]:
    """A new file `.NAME.XXXXXXXX.tmp` in the directory (O_EXCL, no symlink followed), as mkstemp, which takes
    no directory descriptor."""
    while True:
        temporary = f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                           dir_fd=dir_fd), temporary
        except FileExistsError:
            continue


def _keep_owner(fd: int, info) -> None:
    """The original's owner and group; as a non-root user the owner cannot be given away but the group may
    (a member of it): keep what the system allows, as editors do."""
    for uid in (info.st_uid, -1):
        try:
            os.fchown(fd, uid, info.st_gid)
            return
        except PermissionError:
            continue


def _cannot_write(target: str, exc: OSError, option: str = "-o") -> ReportError:
    what = "report" if option == "-o" else "baseline"  # tryout20 #12: baseline has no -o
    return ReportError(f"cannot write the {what} to {target}: {exc.strerror or exc}; nothing was written "
                       f"(an existing {what} is unchanged). Choose a writable place {_with(option)}"
                       + (" FILE" if option.startswith("-") else ""))

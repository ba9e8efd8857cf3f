"""A failure's first error line (the exception line of its traceback) and its cause, the key failures are
grouped by: the same cause across many tests is one thing to fix ("ImportError of StringIO")."""
from __future__ import annotations

import os
import re

# The line a traceback ends with: `module.ExceptionName: message` or a bare exception name, at column 0.
_EXCEPTION_LINE = re.compile(r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Warning|Interrupt|Timeout|Killed"
                             r"|Iteration|Failure))(?::\s*(?P<message>.*))?$")
_PYTEST_MARK = re.compile(r"^E\s+")  # pytest's prefix of the exception lines in its report
_MODULE = re.compile(r"No module named '?(?P<name>[\w.]+)'?")
_NAME = re.compile(r"cannot import name '?(?P<name>\w+)'?(?: from '(?P<module>[\w.]+)')?")
_UNDEFINED = re.compile(r"(?:global )?name '(?P<name>\w+)' is not defined")
_ATTRIBUTE = re.compile(r"has no attribute '(?P<name>\w+)'")
# TypeError messages of bytes/str mixing, Python 3's wording (hashlib, base64, sockets, concatenation, io)
_BYTES_STR = re.compile(r"bytes|\bstr\b.*\bbytes|Unicode-objects must be encoded|buffer interface|"
                        r"string argument expected|a bytes-like object|decode|encode")
_ORDERING = re.compile(r"not supported between instances of|unorderable types")


# What runners append to a traceback: the test's captured output (nose, unittest's buffer), not its error.
_CAPTURED = re.compile(r"^-+ >> begin captured (?:stdout|logging) << -+$|^Stdout:$|^Stderr:$", re.M)


def first_error_line(message: str, text: str) -> str:
    """The last exception line of the traceback in `text`, else the first line of `message`."""
    for line in reversed(_CAPTURED.split(text, 1)[0].splitlines()):
        line = _PYTEST_MARK.sub("", line)
        if _EXCEPTION_LINE.match(line):
            return line.strip()
    for line in message.splitlines():
        if line.strip():
            return line.strip()
    return ""


# A traceback's frames: Python's `File "path", line N` and pytest's short form `path:N: in function`.
_FRAME = re.compile(r'^\s*File "(?P<path>[^"<]+)", line (?P<line>\d+)|^(?P<short>[^\s:]+\.py):(?P<short_line>\d+): in ',
                    re.M)


def raised_at(text: str, root: str) -> str | None:
    """`path:line` of the innermost frame of the traceback in `text` that is the project's (under `root`, the
    path made relative to it; else the last frame): for an import failure, the project's line that failed,
    however deep in the project, not the standard library's (json/decoder.py under `CONF = json.loads('{')`)."""
    frames = [(frame["path"] or frame["short"], frame["line"] or frame["short_line"])
              for frame in _FRAME.finditer(_CAPTURED.split(text, 1)[0])]
    if not frames:
        return None
    path, line = ([frame for frame in frames if _in_project(frame[0], root)] or frames)[-1]
    return f"{path.removeprefix(os.path.join(root, ''))}:{line}"


def _in_project(path: str, root: str) -> bool:
    """A relative path (pytest's, from the project's root) or one under `root`, but not an installed package's
    (a virtualenv inside the project)."""
    installed = f"{os.sep}site-packages{os.sep}" in path or f"{os.sep}dist-packages{os.sep}" in path
    return not installed and (not os.path.isabs(path) or path.startswith(os.path.join(root, "")))


def cause(line: str, killed: bool = False) -> str:
    """What `line` (a first error line) is an instance of."""
    if killed:
        return "killed (timeout)"
    match = _EXCEPTION_LINE.match(line)
    if not match:
        return line[:80] or "unknown"
    kind, message = match["type"].rpartition(".")[2], match["message"] or ""
    if kind in ("ImportError", "ModuleNotFoundError"):
        found = _MODULE.search(message) or _NAME.search(message)
        if found:
            module = found.groupdict().get("module")
            return f"ImportError of {found['name']}" + (f" from {module}" if module else "")
    elif kind == "NameError" and _UNDEFINED.search(message):
        return f"NameError {_UNDEFINED.search(message)['name']}"
    elif kind == "AttributeError" and _ATTRIBUTE.search(message):
        return f"AttributeError .{_ATTRIBUTE.search(message)['name']}"
    elif kind == "TypeError" and _ORDERING.search(message):
        return "TypeError ordering of mixed types"
    elif kind == "TypeError" and _BYTES_STR.search(message):
        return "TypeError bytes/str"
    return kind

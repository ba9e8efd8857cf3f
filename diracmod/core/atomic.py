"""Replace a cache file atomically: written beside it under a temporary name, then renamed over it, so a
reader never sees half a file and a failed run leaves the old one. Raises OSError (callers that only lose
speed without a cache ignore it); the temporary file never outlives a failure."""
from __future__ import annotations

import os
import tempfile


def default_mode() -> int:
    """The mode open() gives a new file: 0o666 less the umask. mkstemp's 0o600 would hide a cache shared by a
    group (or a report) from the other users the umask lets read it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_bytes(path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.fspath(path)) or ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, default_mode())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_text(path, text: str) -> None:
    """UTF-8. A file name that is not UTF-8 reaches the text as lone surrogates (Python's surrogateescape):
    each is written as its escape, `\\udcff`, which JSON reads back as the same name and a page shows as is."""
    write_bytes(path, text.encode("utf-8", "backslashreplace"))

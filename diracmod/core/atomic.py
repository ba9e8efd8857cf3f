"""Replace a cache file atomically: written beside it under a temporary name, then renamed over it, so a
reader never sees half a file and a failed run leaves the old one. Raises OSError (callers that only lose
speed without a cache ignore it); the temporary file never outlives a failure."""
from __future__ import annotations

import os
import tempfile


def write_text(path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.fspath(path)) or ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise

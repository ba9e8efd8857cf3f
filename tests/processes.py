"""Which processes a test started are still alive, found by a tag in their environment (/proc, Linux)."""
from __future__ import annotations

import os
import time


def tagged(tag: str) -> list:
    """Processes whose environment holds `tag` (the servers of one run, whatever else runs here)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                if tag.encode() in environ.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def wait_until_gone(tag: str) -> list:
    for _ in range(50):
        left = tagged(tag)
        if not left:
            return []
        time.sleep(0.1)
    return left

"""A file with several hard links is one `diracmod fix --write` refuses: its atomic replace gives the name it
writes a new inode, and every other name of the file would keep the Python 2 code. The dry run, `fix --check`
and check's fixable count say so too, so that all of them give --write's answer."""
from __future__ import annotations

import os


def refusal(links: int) -> str | None:
    """Why a file with `links` hard links is left as it is, or None."""
    if links < 2:
        return None
    return (f"it has {links} hard links, which writing would split (one name fixed, the others not): fix one "
            "name with a copy, then link the others to it again")


def refused(path: str) -> str | None:
    """refusal() for the file at `path` (a symlink followed, as fix writes its target); None if it is gone."""
    try:
        return refusal(os.stat(path).st_nlink)
    except OSError:
        return None

"""`check --shard i/n`: a stable, size-balanced share of the files; `merge`: the shards back into one run.

Files are dealt greedily, largest first (ties by path), each to the share with the fewest bytes so far
(LPT scheduling): the same file set always gives the same shares, within one file's size of balance.
"""
from __future__ import annotations

import json
import os
import re

from diracmod.source.reader import SourceError, describe, read_data

FORMAT_VERSION = 1
_SPEC = re.compile(r"([0-9]+)/([0-9]+)")


class ShardError(Exception):
    """Bad --shard value or shard files that do not make one whole run; the message says what to do."""


def parse(spec: str) -> tuple:
    """`i/n` with 1 <= i <= n, as GitLab's CI_NODE_INDEX/CI_NODE_TOTAL count."""
    match = _SPEC.fullmatch(spec.strip())
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise ShardError(f"--shard {spec!r}: expected i/n with 1 <= i <= n, e.g. --shard 2/3 "
                         f"(GitLab: --shard $CI_NODE_INDEX/$CI_NODE_TOTAL)")
    return int(match.group(1)), int(match.group(2))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # it will be reported as unreadable by whichever shard gets it


def shares(paths, count: int) -> list:
    """`count` lists of paths (each in the order given), balanced by bytes."""
    loads = [0] * count
    owner = {}
    for size, path in sorted(((_size(p), p) for p in set(paths)), key=lambda item: (-item[0], item[1])):
        lightest = min(range(count), key=lambda i: (loads[i], i))
        loads[lightest] += size
        owner[path] = lightest
    result = [[] for _ in range(count)]
    for path in paths:
        result[owner[path]].append(path)
    return result


def dumps(index: int, count: int, file_count: int, files: list, findings: list, marks: list, selection: dict) -> str:
    """A shard's result: its findings with their gate marks, the files it checked (`file_count` of them
    Python files, the rest files that could not be read), the selection used."""
    items = [{**finding.to_json(), "project-path": mark.path, "fingerprint": mark.fingerprint, "code": mark.code}
             for finding, mark in zip(findings, marks)]
    document = {"diracmod-shard": FORMAT_VERSION, "shard": [index, count], "file-count": file_count, "files": files,
                "selection": selection, "findings": items}
    return json.dumps(document, indent=1) + "\n"


def _well_formed(data) -> bool:
    shard = data.get("shard") if isinstance(data, dict) else None
    return (data.get("diracmod-shard") == FORMAT_VERSION if isinstance(data, dict) else False) \
        and isinstance(shard, list) and len(shard) == 2 and all(type(n) is int for n in shard) \
        and 1 <= shard[0] <= shard[1] and isinstance(data.get("files"), list) and type(data.get("file-count")) is int \
        and isinstance(data.get("findings"), list) and isinstance(data.get("selection"), dict)


def load_all(paths) -> list:
    """The shard documents, checked to be exactly shards 1..n of one run (same n, same selection)."""
    shards = {}
    for path in paths:
        try:
            data = json.loads(read_data(path))
        except (SourceError, ValueError, RecursionError) as exc:
            reason = describe(exc) if isinstance(exc, SourceError) else exc
            raise ShardError(f"{path}: cannot be read as a shard ({reason}); write it with "
                             f"`diracmod check --shard i/n -o {path}`") from None
        if not _well_formed(data):
            raise ShardError(f"{path}: not a diracmod shard (format {FORMAT_VERSION}); write it with "
                             f"`diracmod check --shard i/n -o {path}`")
        index, count = data["shard"]
        if index in shards:
            raise ShardError(f"{path}: shard {index}/{count} given twice")
        shards[index] = data
    counts = {data["shard"][1] for data in shards.values()}
    if len(counts) != 1:
        raise ShardError(f"the shards come from runs split differently (n = {sorted(counts)}): merge one run's")
    count = counts.pop()
    missing = [str(i) for i in range(1, count + 1) if i not in shards]
    if missing:
        raise ShardError(f"shard(s) {', '.join(missing)} of {count} missing: a merged report needs every shard")
    if len({json.dumps(data["selection"], sort_keys=True) for data in shards.values()}) != 1:
        raise ShardError("the shards were checked with different settings (--select/--ignore): rerun them alike")
    return [shards[i] for i in range(1, count + 1)]

"""The deps checker inside `check`: each unguarded import of a distribution that blocks the migration."""
from __future__ import annotations

import sys

from diracmod.check import engine
from diracmod.core import suppress
from diracmod.deps.analysis import Options, blockers_by_module
from diracmod.source.reader import SourceError, read
from diracmod.source.tokens import scan


def findings(paths, config):
    """blocked-dependency-import findings of the files under `paths`, suppressions honoured."""
    options = Options(**config.deps)  # checked by configuration.load; the index cache is deps' own
    found, warnings = [], []
    blockers = blockers_by_module(paths, options, warnings)
    for warning in warnings:  # unknown verdicts are not blockers: say why there may be none
        print(f"diracmod: deps: {warning}", file=sys.stderr)
    for path, uses in blockers.items():
        try:
            text = read(path, 50_000_000).text
        except SourceError:
            continue
        hidden = suppress.collect(scan(text).comments, [])
        for line, dist, verdict in uses:
            found += [f for f in engine.file_findings(path, "blocked-dependency-import",
                                                      {"dist": dist, "verdict": verdict}, line)
                      if not hidden.hides(f)]
    return found

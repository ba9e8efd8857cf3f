"""Estimated porting effort, in minutes of a developer who knows the code, per finding.

The per-rule weights are the catalogue's `effort` field (rules/*.toml): set on the rules whose fix needs a
decision about the program's data or behaviour, not a rename (text or bytes, floor division, a dependency
to replace, a file neither grammar reads). They are an estimate for ordering work and sizing a release, not
a measurement. Anything `diracmod fix` rewrites costs only a review; style (pycodestyle) is not porting work.
"""
from __future__ import annotations

import functools

from diracmod.core import catalogue

FIXABLE = 1.0  # reviewing a rewrite made by `diracmod fix`
MANUAL = 5.0  # a porting finding whose rule sets no effort
STYLE = 0.0


@functools.lru_cache(maxsize=None)
def _by_hand(symbol: str) -> float:
    rules = catalogue.load()
    rule = rules.get(symbol)
    if rule is not None and rule.effort is None:
        rule = rules.pylint(symbol)  # a shape split off a pylint rule weighs what that rule does
    return MANUAL if rule is None or rule.effort is None else float(rule.effort)


def weight(symbol: str, checker: str, fixable: bool) -> float:
    if checker == "pycodestyle":
        return STYLE
    if fixable:
        return FIXABLE
    return _by_hand(symbol)

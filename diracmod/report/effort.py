"""Estimated porting effort, in minutes of a developer who knows the code, per finding.

The catalogue has no weight field (its loader does not read one), so the weights live here. They are
an estimate for ordering work and sizing a release, not a measurement: a rule whose fix needs the
reader to decide between text and bytes costs more than a mechanical rename, and anything
`diracmod fix` rewrites costs only a review. Style (pycodestyle) is not porting work: weight 0.
"""
from __future__ import annotations

from diracmod.core import catalogue

FIXABLE = 1.0  # reviewing a rewrite made by `diracmod fix`
MANUAL = 5.0  # a porting finding not listed below
SYNTAX = 30.0  # a file neither grammar (or only Python 2's) reads: someone has to look at all of it
STYLE = 0.0

# Rules whose fix needs a decision about the program's data or behaviour, not a rename.
WEIGHTS = {
    "unicode-builtin": 15.0,  # text or bytes? follow the value through the program
    "raw_input-builtin": 3.0,
    "old-division": 10.0,  # / on ints: which callers relied on floor division?
    "cmp-method": 10.0,
    "cmp-builtin": 10.0,
    "dict-iter-method": 2.0,
    "dict-view-method": 2.0,
    "no-absolute-import": 2.0,
    "print-statement": 1.0,
    "blocked-dependency-import": 60.0,  # replace or port a dependency
    "python3-syntax-error": SYNTAX,
    "python2-syntax-error": SYNTAX,
    "syntax-error": SYNTAX,
    "undecodable-source": SYNTAX,
    "binary-file": 0.0,
    "unreadable-file": 0.0,
    "file-too-large": SYNTAX,
    "internal-error": 0.0,
}


def weight(symbol: str, checker: str, fixable: bool) -> float:
    if checker == "pycodestyle":
        return STYLE
    if fixable:
        return FIXABLE
    rule = catalogue.load().pylint(symbol)  # a shape split off a pylint rule weighs what that rule does
    return WEIGHTS.get(rule.symbol if rule is not None else symbol, MANUAL)

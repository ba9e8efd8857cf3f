"""Every stage-2 fixer, by the symbol it rewrites. It imports libcst: only `diracmod fix` loads this module,
`check` never does. A rule is `fixable` in the catalogue exactly when a fixer here (or a stage-1 fissix
fixer) is registered for its symbol; tests/fix/test_catalogue_fixes.py checks both ways."""
from __future__ import annotations

from diracmod.rules.py3k import calls_fix, classes_fix, division_fix, imports_fix, literals_fix, names_fix
from diracmod.rules.py3k import syntax_fix

FIXERS = (*names_fix.FIXERS, *imports_fix.FIXERS, *division_fix.FIXERS)
FIXERS += (*calls_fix.FIXERS, *classes_fix.FIXERS, *literals_fix.FIXERS)  # calls, dicts, classes, escapes

BY_SYMBOL = {symbol: rule for rule in FIXERS for symbol in rule.SYMBOLS}
assert len(BY_SYMBOL) == sum(len(rule.SYMBOLS) for rule in FIXERS), "a symbol has two fixers"

# Stage 1 (fissix, on files with Python-2-only syntax): symbol -> fissix fixer classes.
SYNTAX_BY_SYMBOL = syntax_fix.BY_SYMBOL

# What the catalogue must mark `fixable`.
FIXABLE = frozenset(BY_SYMBOL) | frozenset(SYNTAX_BY_SYMBOL)

"""Every stage-2 fixer, by the symbol it rewrites. It imports libcst: only `diracmod fix` loads this module,
`check` never does. A rule is `fixable` in the catalogue exactly when a fixer here (or a stage-1 fissix
fixer) is registered for its symbol; tests/fix/test_catalogue_fixes.py checks both ways."""
from __future__ import annotations

from diracmod.rules.py3k import calls_fix, classes_fix, division_fix, imports_fix, literals_fix, names_fix, syntax_fix
from diracmod.rules.py3k import bytesapi_fix, runtime_fix  # runtime semantics (issue 8)
from diracmod.rules.py3k import function_attributes_fix, unittest_aliases_fix

FIXERS = (*names_fix.FIXERS, *imports_fix.FIXERS, *calls_fix.FIXERS, *classes_fix.FIXERS, *literals_fix.FIXERS,
          *division_fix.FIXERS)
FIXERS += (*bytesapi_fix.FIXERS, *runtime_fix.FIXERS)
FIXERS += (*unittest_aliases_fix.FIXERS, *function_attributes_fix.FIXERS)

# The runtime-semantics rewrites (issue 8): what bench/runs_on_py3.py leaves out (`fix --ignore`) to measure them.
RUNTIME = frozenset(symbol for rule in (*bytesapi_fix.FIXERS, *runtime_fix.FIXERS) for symbol in rule.SYMBOLS)

BY_SYMBOL = {symbol: rule for rule in FIXERS for symbol in rule.SYMBOLS}
assert len(BY_SYMBOL) == sum(len(rule.SYMBOLS) for rule in FIXERS), "a symbol has two fixers"

# Stage 1 (fissix, on files with Python-2-only syntax): symbol -> fissix fixer classes.
SYNTAX_BY_SYMBOL = syntax_fix.BY_SYMBOL

# Fixed (also) by a __future__ import that the policy adds where the module is ready (diracmod/fix/futures.py).
BY_FUTURE_IMPORT = {"no-absolute-import": "absolute_import", "old-division": "division",
                    "print-statement": "print_function"}

# What the catalogue must mark `fixable`.
FIXABLE = frozenset(BY_SYMBOL) | frozenset(SYNTAX_BY_SYMBOL) | frozenset(BY_FUTURE_IMPORT)

"""The libcst nodes that may hold a statement: the module, compound statements, their suites and clauses, a
line of simple statements. A transformer that rewrites statements (or a docstring, with cst.Expr) enters no
other node: no expression holds a statement, and expressions are most of a module's nodes."""
from __future__ import annotations

import libcst as cst

HOLD_STATEMENTS = (cst.Module, cst.BaseCompoundStatement, cst.BaseSuite, cst.SimpleStatementLine, cst.Else,
                   cst.Finally, cst.ExceptHandler, cst.ExceptStarHandler, cst.MatchCase)

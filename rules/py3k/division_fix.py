"""Fixer for old-division: a reported `/` or `/=` between two provable ints becomes `//` or `//=` (what
Python 2 computed). A `/` with a float side stays: true division gives the same result. Every other one
is reported as old-division-unknown-operands, for a person, and diracmod.fix.futures then does not add
`division` to that module. Which `/` are whose: rules/py3k/division.py."""
from __future__ import annotations

import libcst as cst

from diracmod.core.lines import split_lines
from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.division import kinds
from diracmod.rules.py3k.division_types import INT, Divisions


class IntDivisionToFloorDivision(FixRule):
    SYMBOLS = ("old-division",)

    def __init__(self, ctx):
        super().__init__(ctx)
        self._kinds = None  # division.where(node) -> kind, computed on the first reported division
        self._lines = ()

    def _int_division(self, node) -> bool:
        """Reported, and both sides provable ints (the module's divisions are typed only when one is reported)."""
        if not self.reported("old-division", node):
            return False
        if self._kinds is None:
            self._kinds = kinds(Divisions(self.ctx.tree))
            self._lines = split_lines(self.ctx.text)
        span = self.get_metadata(cst.metadata.PositionProvider, node)  # as ast's: parentheses around it left out
        return self._kinds.get((*self._bytes(span.start), *self._bytes(span.end))) == INT

    def _bytes(self, position) -> tuple:
        """(line, byte column) of a libcst position (ast counts bytes)."""
        return position.line, len(self._lines[position.line - 1][:position.column].encode("utf-8"))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Divide) and self._int_division(node):
            self.replace(node, "old-division", lambda updated: updated.with_changes(operator=cst.FloorDivide(
                whitespace_before=updated.operator.whitespace_before,
                whitespace_after=updated.operator.whitespace_after)))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.DivideAssign) and self._int_division(node):
            self.replace(node, "old-division", lambda updated: updated.with_changes(operator=cst.FloorDivideAssign(
                whitespace_before=updated.operator.whitespace_before,
                whitespace_after=updated.operator.whitespace_after)))


FIXERS = (IntDivisionToFloorDivision,)

"""Fixers for the renamed and removed builtins that names.py detects."""
from __future__ import annotations

import libcst as cst

from diracmod.rules.codemod import FixRule


class XrangeToSixRange(FixRule):
    """xrange(...) -> range(...) with `from six.moves import range` (lazy on both Pythons)."""
    SYMBOLS = ("xrange-builtin",)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "xrange" and self.reported("xrange-builtin", node):
            self.replace(node, "xrange-builtin", lambda updated: updated.with_changes(value="range"))
            self.need_import("six.moves", "range")


FIXERS = (XrangeToSixRange,)

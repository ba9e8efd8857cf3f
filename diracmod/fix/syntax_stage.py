"""Stage 1: fissix's RefactoringTool with the fixers registered for the Python-2-only syntax check
reported (rules/py3k/syntax_fix.py), on the text of one file; each fixer rewrites only the nodes that span a
line where check reported one of its symbols (`# noqa`, `# pylint: disable=` and Python-2-only guards hide
the finding, and so the rewrite)."""
from __future__ import annotations

from operator import attrgetter

from fissix.refactor import RefactoringTool

from diracmod.rules.fixers import SYNTAX_BY_SYMBOL


class SyntaxStageError(Exception):
    """fissix could not read or rewrite the file; the message says why."""


class _Tool(RefactoringTool):
    """fissix's tool given fixer classes rather than module names (ours live beside their detectors)."""

    def __init__(self, classes, lines=None):
        self._classes, self._lines = classes, lines
        self.skipped = {}  # fixer class -> lines of nodes it matched but left (no finding there)
        self.rewritten = set()  # fixer classes that rewrote a node
        super().__init__([])

    def get_fixers(self):
        fixers = [fixer_class(self.options, self.fixer_log) for fixer_class in self._classes]
        if self._lines is not None:
            for fixer in fixers:
                self._only_reported(fixer)
        return (sorted((f for f in fixers if f.order == "pre"), key=attrgetter("run_order")),
                sorted((f for f in fixers if f.order == "post"), key=attrgetter("run_order")))

    def traverse_by(self, fixers, traversal):
        """fissix's walk of every node for the fixers its bottom matcher cannot run, skipped when there is none
        of them: their head-node dict names every node type even then (each with no fixer)."""
        if any(fixers.values()):
            super().traverse_by(fixers, traversal)

    def _only_reported(self, fixer) -> None:
        lines = {line for symbol, classes in SYNTAX_BY_SYMBOL.items() if type(fixer) in classes
                 for line in self._lines.get(symbol, ())}
        transform = fixer.transform

        def reported(node, results):
            start = node.get_lineno()  # a node may span several lines: fix_except matches the whole try
            end = start + str(node)[len(node.prefix):].rstrip("\n").count("\n")
            if not any(start <= line <= end for line in lines):
                self.skipped.setdefault(type(fixer), set()).add(node.get_lineno())
                return None
            self.rewritten.add(type(fixer))
            return transform(node, results)

        fixer.transform = reported


def fixer_classes(symbols) -> list:
    """The fixers for `symbols`, each once, in registry order (the same run for the same symbols)."""
    return list(dict.fromkeys(c for symbol, classes in SYNTAX_BY_SYMBOL.items() if symbol in symbols
                              for c in classes))


def rewrite(text: str, lines: dict, name: str) -> str:
    """`text` with the stage-1 fixers of the symbols in `lines` (symbol -> the lines check reported it on)
    applied on those lines. Newlines must be "\\n" (fissix writes "\\n" in the lines it adds)."""
    return rewrite_with(text, fixer_classes(lines), name, lines)


def rewrite_with(text: str, classes, name: str, lines: dict | None = None) -> str:
    """`text` with the fissix fixer `classes` applied, as `rewrite` (everywhere when `lines` is None)."""
    if not classes:
        return text
    missing_newline = not text.endswith("\n")
    tool = _Tool(classes, lines)
    try:
        tree = tool.refactor_string(text + "\n" if missing_newline else text, name)
    except Exception as exc:  # noqa: BLE001  fissix raises its parser's errors and its fixers' asserts
        raise SyntaxStageError(f"the syntax stage (fissix) failed: {type(exc).__name__}: {exc}") from None
    for fixer_class, skipped in tool.skipped.items():
        future = getattr(fixer_class, "FUTURE_IMPORT", None)  # ours: one that adds a future import
        if future and fixer_class in tool.rewritten:
            raise SyntaxStageError(
                f"the syntax stage's `from __future__ import {future}` would change what the statements "
                f"left under noqa/pylint: disable on line(s) {', '.join(map(str, sorted(skipped)))} do on "
                f"Python 2: rewrite those by hand, or drop their suppression")
    new = str(tree)
    return new[:-1] if missing_newline and new.endswith("\n") else new

"""Stage 1: fissix's RefactoringTool with the fixers registered for the Python-2-only syntax check
reported (rules/py3k/syntax_fix.py), on the text of one file."""
from __future__ import annotations

from operator import attrgetter

from fissix.refactor import RefactoringTool

from diracmod.rules.fixers import SYNTAX_BY_SYMBOL


class SyntaxStageError(Exception):
    """fissix could not read or rewrite the file; the message says why."""


class _Tool(RefactoringTool):
    """fissix's tool given fixer classes rather than module names (ours live beside their detectors)."""

    def __init__(self, classes):
        self._classes = classes
        super().__init__([])

    def get_fixers(self):
        fixers = [fixer_class(self.options, self.fixer_log) for fixer_class in self._classes]
        return (sorted((f for f in fixers if f.order == "pre"), key=attrgetter("run_order")),
                sorted((f for f in fixers if f.order == "post"), key=attrgetter("run_order")))


def fixer_classes(symbols) -> list:
    """The fixers for `symbols`, each once, in registry order (the same run for the same symbols)."""
    return list(dict.fromkeys(c for symbol, classes in SYNTAX_BY_SYMBOL.items() if symbol in symbols
                              for c in classes))


def rewrite(text: str, symbols, name: str) -> str:
    """`text` with the stage-1 fixers of `symbols` applied. Newlines must be "\\n" (fissix writes "\\n" in
    the lines it adds)."""
    return rewrite_with(text, fixer_classes(symbols), name)


def rewrite_with(text: str, classes, name: str) -> str:
    """`text` with the fissix fixer `classes` applied, as `rewrite`."""
    if not classes:
        return text
    missing_newline = not text.endswith("\n")
    try:
        tree = _Tool(classes).refactor_string(text + "\n" if missing_newline else text, name)
    except Exception as exc:  # noqa: BLE001  fissix raises its parser's errors and its fixers' asserts
        raise SyntaxStageError(f"the syntax stage (fissix) failed: {type(exc).__name__}: {exc}") from None
    new = str(tree)
    return new[:-1] if missing_newline and new.endswith("\n") else new

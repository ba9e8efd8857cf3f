"""Stage 1: fissix's RefactoringTool with the fixers registered for the Python-2-only syntax check
reported (rules/py3k/syntax_fix.py), on the text of one file; each fixer rewrites only the nodes that span a
line where check reported one of its symbols (`# noqa`, `# pylint: disable=` and Python-2-only guards hide
the finding, and so the rewrite)."""
from __future__ import annotations

import re
from bisect import bisect
from operator import attrgetter

from fissix.fixes import fix_exec, fix_ne
from fissix.refactor import RefactoringTool

from diracmod.fix import syntax_pieces
from diracmod.rules.fixers import SYNTAX_BY_SYMBOL
from diracmod.rules.py3k import print_order, syntax_fix
from diracmod.rules.py3k.builtin_uses import carry_outside
from diracmod.source import py2syntax, stdout_writes

# The fixers that read nothing but the node they match, and the module's head, which a run on the module's pieces
# (syntax_pieces) always reads: FixPrint puts its future import after the docstring and the future imports
# there, FixRaiseReraise its `import six` after the first imports (the head then holds them), unless the module
# binds six elsewhere; and new_name, which picks a name the module does not use (FixExcept naming the exception
# itself, `except E, (a, b):`), stops such a run (_Tool). The others (FixTupleParams: it matches a def, which may
# hold a piece, and names its parameters) read the whole module.
_PIECEWISE = frozenset({syntax_fix.FixPrint, fix_exec.FixExec, syntax_fix.FixRepr, fix_ne.FixNe, syntax_fix.FixNumbers,
                        syntax_fix.FixExcept, syntax_fix.FixRaise, syntax_fix.FixRaiseReraise,
                        syntax_fix.FixComprehensionTuple, syntax_fix.FixUnicodeRaw})
# where a print statement may start: a line (after its indentation), or after `;` or a compound statement's colon
_PRINT_STATEMENT = re.compile(r"(?:^[ \t\f]*|[;:][ \t\f]*)print\b", re.M)
_SIX = re.compile(r"\bsix\b")


class SyntaxStageError(Exception):
    """fissix could not read or rewrite the file; the message says why."""


class _NeedsModule(Exception):
    """A run on the module's pieces met a fixer picking a name the module does not use."""


def _needs_module(*_):
    raise _NeedsModule


class _Tool(RefactoringTool):
    """fissix's tool given fixer classes rather than module names (ours live beside their detectors). On a
    module's pieces (`piecewise`), a fixer that would pick a name unused in the module (new_name), or the print
    fixer splitting a statement whose stream is an attribute (how the module binds `sys` in `sys.stderr` is the
    whole module's: print_order.why_twice), deciding on a call of a builtin among a stream's values (whether the
    module binds it: print_order.reads_bindings) or binding a stream to a new name (print_order.stream_name,
    binding), raises _NeedsModule."""

    def __init__(self, classes, lines=None, piecewise=False, module=None):
        self._classes, self._lines, self._piecewise, self._module = classes, lines, piecewise, module
        self.skipped = {}  # fixer class -> lines of nodes it matched but left (no finding there)
        self.rewritten = set()  # fixer classes that rewrote a node
        self.statement_lines = []  # the line of each top-level statement of the tree, as parsed
        self.replaced = []  # the nodes the fixers replaced (each a tree of its own now)
        super().__init__([])

    def get_fixers(self):
        fixers = [fixer_class(self.options, self.fixer_log) for fixer_class in self._classes]
        if self._lines is not None:
            for fixer in fixers:
                self._only_reported(fixer)
        if self._piecewise:
            for fixer in fixers:
                fixer.new_name = _needs_module
                if isinstance(fixer, syntax_fix.FixPrint):
                    fixer.needs_module = _needs_module
        return (sorted((f for f in fixers if f.order == "pre"), key=attrgetter("run_order")),
                sorted((f for f in fixers if f.order == "post"), key=attrgetter("run_order")))

    def refactor_tree(self, tree, name):
        self.statement_lines = [child.get_lineno() for child in tree.children]
        # what the project assigns the module by name, read by the fixers asking whether it binds a builtin
        carry_outside(self._module, tree)
        return super().refactor_tree(tree, name)

    def traverse_by(self, fixers, traversal):
        """fissix's walk of every node for the fixers its bottom matcher cannot run, skipped when there is none
        of them: their head-node dict names every node type even then (each with no fixer)."""
        if any(fixers.values()):
            super().traverse_by(fixers, traversal)

    def _only_reported(self, fixer) -> None:
        lines = sorted({line for symbol, classes in SYNTAX_BY_SYMBOL.items() if type(fixer) in classes
                        for line in self._lines.get(symbol, ())})
        transform = fixer.transform

        def reported(node, results):
            # the line of the node's first leaf read from the file: a fixer's own leaves have none (line 0), and
            # `print; print` is matched again once its first print is the call fix_print made
            start = next((leaf.lineno for leaf in node.leaves() if leaf.lineno), 0)
            # a node may span several lines: fix_except matches the whole try
            end = start + str(node)[len(node.prefix):].rstrip("\n").count("\n")
            if not syntax_pieces.between(lines, start, end):
                self.skipped.setdefault(type(fixer), set()).add(start)
                return None
            self.rewritten.add(type(fixer))
            new = transform(node, results)
            if new is not None and new is not node:
                self.replaced.append(node)
            return new

        fixer.transform = reported

    def release(self, tree) -> None:
        """Take apart the tree, once its text is written, and the nodes the fixers replaced (py2syntax.unlink)."""
        for node in [tree, *self.replaced]:
            py2syntax.unlink(node)
        self.replaced = []


def fixer_classes(symbols) -> list:
    """The fixers for `symbols`, each once, in registry order (the same run for the same symbols)."""
    return list(dict.fromkeys(c for symbol, classes in SYNTAX_BY_SYMBOL.items() if symbol in symbols
                              for c in classes))


def rewrite(text: str, lines: dict, name: str, parsed=None) -> str:
    """`text` with the stage-1 fixers of the symbols in `lines` (symbol -> the lines check reported it on)
    applied on those lines. Newlines must be "\\n" (fissix writes "\\n" in the lines it adds). With check's
    `parsed` text (its tree has the lines of `text`), fissix reads only the pieces of the module holding those
    lines where the fixers allow (syntax_pieces): the same rewrite."""
    classes = fixer_classes(lines)
    pieces = _pieces(text, classes, lines, parsed)
    if pieces:
        try:
            return _rewrite_pieces(text, pieces, classes, name, lines, parsed.tree)
        except (_NeedsModule, SyntaxStageError):  # the whole module's run says what it makes of it
            pass
    return rewrite_with(text, classes, name, lines, parsed.tree if parsed is not None else None)


def _pieces(text, classes, lines, parsed) -> list | None:
    """syntax_pieces.choose's pieces, or None when the whole module must be read: fixers that read it (not
    _PIECEWISE), a lone CR (a newline to Python's ast, whose lines the pieces are, not to fissix), a print
    fixer and a `print` outside the pieces (a statement under noqa that would make its future import unsafe),
    six.reraise's fixer and `six` outside the pieces (fissix's touch_import adds no import where six is bound),
    the backtick fixer in a module that may bind `repr`, the print fixer in one that may bind `str` under
    unicode_literals (they read the module for that: syntax_fix.builtin_bound) or whose text may replace sys.stdout
    (print_order.STDOUT_WRITTEN) or that names a function of the project's that may (stdout_writes.IMPORTED)."""
    if parsed is None or parsed.tree is None or "\r" in text or not set(classes) <= _PIECEWISE:
        return None
    if syntax_fix.FixRepr in classes and syntax_fix.builtin_bound(parsed.tree, "repr"):
        return None
    if syntax_fix.FixPrint in classes and (print_order.STDOUT_WRITTEN.search(text)
                                           or getattr(parsed.tree, stdout_writes.IMPORTED, None)):
        # whether a function of the module, or one it imports from the project, rebinds sys.stdout
        # (print_order.why: tryout26c #3, tryout27 #10)
        return None
    if syntax_fix.FixPrint in classes and "unicode_literals" in parsed.future \
            and syntax_fix.builtin_bound(parsed.tree, "str"):
        return None  # its native-str literals are six.moves.builtins.str(' ') there
    reraise = syntax_fix.FixRaiseReraise in classes
    pieces = syntax_pieces.choose(parsed.tree, parsed.text, {line for found in lines.values() for line in found},
                                  imports=reraise)
    if pieces is None:
        return None
    outside = syntax_pieces.outside(text, pieces)
    if syntax_fix.FixPrint in classes and _PRINT_STATEMENT.search(outside) or reraise and _SIX.search(outside):
        return None
    return pieces


def _rewrite_pieces(text, pieces, classes, name, lines, module=None) -> str:
    """`rewrite` on the fragment of `pieces`, spliced back into `text`."""
    fragment, line_of, firsts = syntax_pieces.fragment(text, pieces)
    at = {line: index for index, line in enumerate(line_of) if line}
    tool = _Tool(classes, {symbol: {at[line] for line in found} for symbol, found in lines.items()}, True, module)
    tree, missing_newline = _refactor(tool, fragment, name)
    # each top-level statement of the fragment is of the piece its line is in; those fixers add at the top
    # (the print fixer's future import, six.reraise's `import six`) are of the head
    counts = [0] * len(pieces)
    for line in tool.statement_lines:
        counts[bisect(firsts, line) - 1] += 1
    added = len(tree.children) - sum(counts)
    assert added in (0, 1, 2), "a fixer added a top-level statement other than a future import or `import six`"
    counts[0] += added
    rewritten, done = [], 0
    for count in counts:
        rewritten.append("".join(map(str, tree.children[done:done + count])))
        done += count
    tool.release(tree)
    if missing_newline and rewritten[-1].endswith("\n"):
        rewritten[-1] = rewritten[-1][:-1]
    return syntax_pieces.splice(text, pieces, rewritten)


def rewrite_with(text: str, classes, name: str, lines: dict | None = None, module=None) -> str:
    """`text` with the fissix fixer `classes` applied, as `rewrite` (everywhere when `lines` is None); `module`:
    check's ast of `text`, whose builtin_uses.OUTSIDE the fixers read."""
    if not classes:
        return text
    tool = _Tool(classes, lines, module=module)
    tree, missing_newline = _refactor(tool, text, name)
    new = str(tree)
    tool.release(tree)
    return new[:-1] if missing_newline and new.endswith("\n") else new


def _lone_backslash(text: str, exc: Exception) -> int:
    """The line of a line holding only a backslash continuation, followed by a blank line on which fissix's parser
    stopped (`exc`), or 0. Python 2 joins the two into one blank line; fissix's tokenizer makes the blank line a
    NEWLINE token, which a def's or class's body cannot hold (at module level it can): tryout13 #2."""
    context = getattr(exc, "context", None)
    try:
        line = context[1][0]
    except (TypeError, IndexError):
        return 0
    lines = text.splitlines()
    return line - 1 if 2 <= line <= len(lines) and lines[line - 2].strip() == "\\" and not lines[line - 1].strip() \
        else 0


def _refactor(tool, text: str, name: str) -> tuple:
    """(fissix's tree of `text` after `tool`'s fixers; whether `text` lacked the final newline fissix needs,
    which the tree has)."""
    missing_newline = not text.endswith("\n")
    try:
        tree = tool.refactor_string(text + "\n" if missing_newline else text, name)
    except _NeedsModule:
        raise
    except syntax_fix.LeftForAPerson as exc:
        raise SyntaxStageError(f"left for a person: {exc}") from None
    except Exception as exc:  # noqa: BLE001  fissix raises its parser's errors and its fixers' asserts
        lone = _lone_backslash(text, exc)
        if lone:
            raise SyntaxStageError(
                f"the syntax stage (fissix) cannot read line {lone}, a line holding only a backslash continuation "
                f"followed by a blank line (Python 2 reads both as one blank line): delete that backslash and run "
                f"fix again") from None
        raise SyntaxStageError(f"the syntax stage (fissix) failed: {type(exc).__name__}: {exc}") from None
    for fixer_class, skipped in tool.skipped.items():
        future = getattr(fixer_class, "FUTURE_IMPORT", None)  # ours: one that adds a future import
        if future and fixer_class in tool.rewritten:
            raise SyntaxStageError(
                f"the syntax stage's `from __future__ import {future}` would change what the statements "
                f"left under noqa/pylint: disable on line(s) {', '.join(map(str, sorted(skipped)))} do on "
                f"Python 2: rewrite those by hand, or drop their suppression")
    return tree, missing_newline

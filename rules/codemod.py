"""Stage 2: libcst rules, all in one visit of one parse, each rewriting only the nodes where `check`
reported one of its symbols (so a rewrite is never made that check does not report, and `# noqa` or a
Python-2-only guard that hides a finding also stops its rewrite).

A rule is a `FixRule`: a libcst batchable visitor whose visit_* methods ask `self.reported(symbol, node)`
and call `self.replace(node, symbol, make)`; `make(updated_node)` builds the new node from the node as
already rewritten by rules on its children, so nested rewrites compose in one pass. Imports a rewrite
needs are asked for with `self.need_import(module, name)` and added once, by libcst's AddImportsVisitor.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import MetadataWrapper, PositionProvider

from diracmod.core.lines import split_lines


class FixContext:
    """What one file's rules share: where check reported what, and the edits asked for so far."""

    def __init__(self, text: str, findings):
        lines = split_lines(text)
        self._at: dict = defaultdict(set)  # symbol -> {(line, character column)}
        for f in findings:
            self._at[f.symbol].add((f.line, _char_column(lines, f.line, f.column)))
        self.edits: dict = {}  # id(original node) -> (node, [(symbol, make), ...])
        self.imports: list = []  # (module, name or None, asname or None)
        self.applied: Counter = Counter()  # symbol -> rewrites made

    def has(self, symbol: str, line: int, column: int) -> bool:
        return (line, column) in self._at.get(symbol, ())


def _char_column(lines, line: int, byte_column: int) -> int:
    """ast's col_offset counts UTF-8 bytes, libcst's positions count characters."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.isascii():
        return byte_column
    return len(text.encode("utf-8")[:byte_column].decode("utf-8", "replace"))


class FixRule(cst.BatchableCSTVisitor):
    """Base of every stage-2 rule. SYMBOLS: the catalogue symbols it rewrites (the registry's keys)."""
    SYMBOLS: tuple = ()
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, ctx: FixContext):
        super().__init__()
        self.ctx = ctx

    def reported(self, symbol: str, node: cst.CSTNode) -> bool:
        """Did check report `symbol` where `node` starts?"""
        start = self.get_metadata(PositionProvider, node).start
        return self.ctx.has(symbol, start.line, start.column)

    def replace(self, node: cst.CSTNode, symbol: str, make: Callable[[cst.CSTNode], cst.CSTNode]) -> None:
        self.ctx.edits.setdefault(id(node), (node, []))[1].append((symbol, make))

    def need_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        """`import module` (name None) or `from module import name [as asname]`, added once if missing."""
        if (module, name, asname) not in self.ctx.imports:
            self.ctx.imports.append((module, name, asname))


class _Apply(cst.CSTTransformer):
    def __init__(self, ctx: FixContext):
        super().__init__()
        self.ctx = ctx

    def on_leave(self, original_node, updated_node):
        edit = self.ctx.edits.get(id(original_node))
        if edit is None:
            return updated_node
        for symbol, make in edit[1]:
            updated_node = make(updated_node)
            self.ctx.applied[symbol] += 1
        return updated_node


def apply(text: str, findings, rule_classes) -> tuple[str, Counter]:
    """`text` with every rule in `rule_classes` applied where `findings` say; and the rewrites per symbol."""
    symbols = {s for rule in rule_classes for s in rule.SYMBOLS}
    relevant = [f for f in findings if f.symbol in symbols]
    if not relevant:
        return text, Counter()
    found = {f.symbol for f in relevant}
    active = [rule for rule in rule_classes if found.intersection(rule.SYMBOLS)]  # their metadata only
    ctx = FixContext(text, relevant)
    wrapper = MetadataWrapper(cst.parse_module(text))
    wrapper.visit_batched([rule(ctx) for rule in active])
    if not ctx.edits:
        return text, Counter()
    module = wrapper.module.visit(_Apply(ctx))
    if ctx.imports:
        context = CodemodContext()
        for module_name, name, asname in ctx.imports:
            AddImportsVisitor.add_needed_import(context, module_name, name, asname)
        module = AddImportsVisitor(context).transform_module(module)
    return module.code, ctx.applied

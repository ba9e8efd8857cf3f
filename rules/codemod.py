"""Stage 2: libcst rules, all in one visit of one parse, each rewriting only the nodes where `check`
reported one of its symbols (so a rewrite is never made that check does not report, and `# noqa` or a
Python-2-only guard that hides a finding also stops its rewrite).

A rule is a `FixRule`: a libcst batchable visitor whose visit_* methods ask `self.reported(symbol, node)`
and call `self.replace(node, symbol, make)`; `make(updated_node)` builds the new node from the node as
already rewritten by rules on its children, so nested rewrites compose in one pass. Imports a rewrite
needs are asked for with `self.need_import(module, name)` and added once, by libcst's AddImportsVisitor.
"""
from __future__ import annotations

import ast
from collections import Counter, defaultdict
from typing import Callable

import libcst as cst
import libcst.matchers as m
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
    """Rebuilds only the nodes whose source span holds an edited node (the ancestors of the edits, and a
    few neighbours spanning the same text): every other subtree is kept as it is, unvisited."""

    def __init__(self, ctx: FixContext, positions):
        super().__init__()
        self.ctx = ctx
        self.positions = positions
        self.spans = [_span(positions[node]) for node, _ in ctx.edits.values()]

    def on_visit(self, node) -> bool:
        where = self.positions.get(node)
        if where is None or isinstance(node, cst.Param):  # libcst's Param span ends before its default
            return True
        start, end = _span(where)
        return any(start <= inner_start and inner_end <= end for inner_start, inner_end in self.spans)

    def on_leave(self, original_node, updated_node):
        edit = self.ctx.edits.get(id(original_node))
        if edit is None:
            return updated_node
        for symbol, make in edit[1]:
            updated_node = make(updated_node)
            self.ctx.applied[symbol] += 1
        return updated_node


def _span(where) -> tuple:
    return (where.start.line, where.start.column), (where.end.line, where.end.column)


def apply(text: str, findings, rule_classes) -> tuple[str, Counter]:
    """`text` with every rule in `rule_classes` applied where `findings` say; and the rewrites per symbol."""
    symbols = {s for rule in rule_classes for s in rule.SYMBOLS}
    relevant = [f for f in findings if f.symbol in symbols]
    if not relevant:
        return text, Counter()
    found = {f.symbol for f in relevant}
    active = [rule for rule in rule_classes if found.intersection(rule.SYMBOLS)]  # their metadata only
    ctx = FixContext(text, relevant)
    wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)  # a fresh tree: no copy needed
    wrapper.visit_batched([rule(ctx) for rule in active])
    if not ctx.edits or _taken(text, ctx.imports):  # a rewrite would reach the module's own `six`, `next`...
        return text, Counter()
    module = wrapper.module.visit(_Apply(ctx, wrapper.resolve(PositionProvider)))
    if ctx.imports:
        module = _add_imports(module, ctx.imports)
    return module.code, ctx.applied


def _add_imports(module: cst.Module, imports) -> cst.Module:
    """libcst's AddImportsVisitor, run on the top of the module only. It reads and changes nothing but the
    docstring, the import block after it and the blank lines before the first other statement, yet it
    copies and walks the whole tree twice (most of stage 2's time): it is given those statements and a
    `pass` carrying the first other statement's leading lines, whose new leading lines are put back."""
    body = module.body
    start = 1 if body and _is_header(body[0]) else 0
    end = next((i for i in range(start, len(body)) if not _is_import_line(body[i])), len(body))
    top = list(body[:end])
    if end < len(body):
        top.append(cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=body[end].leading_lines))
    context = CodemodContext()
    for module_name, name, asname in imports:
        AddImportsVisitor.add_needed_import(context, module_name, name, asname)
    new_top = list(AddImportsVisitor(context).transform_module(module.with_changes(body=top)).body)
    if end == len(body):
        return module.with_changes(body=new_top)
    first = body[end].with_changes(leading_lines=new_top.pop().leading_lines)
    return module.with_changes(body=[*new_top, first, *body[end + 1:]])


def _is_header(stmt) -> bool:
    """What AddImportsVisitor never puts an import before: a docstring or a `__strict__ = ...` line."""
    return m.matches(stmt, m.SimpleStatementLine(body=[m.Expr(value=m.SimpleString())])
                     | m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(target=m.Name("__strict__"))])]))


def _is_import_line(stmt) -> bool:
    return m.matches(stmt, m.SimpleStatementLine(body=[m.ImportFrom() | m.Import()]))


def _bound_names(tree: ast.AST) -> dict:
    """Every name the module binds, in any scope, and how: the import that binds it ("six", "six.moves.range")
    or None for anything else (an assignment, a def, a parameter, a loop or `with` target, `except ... as`)."""
    bound: dict = {}

    def bind(name, how=None):
        bound.setdefault(name, set()).add(how)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bind(alias.asname or alias.name.split(".")[0], alias.name if alias.asname else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                bind(alias.asname or alias.name, f"{'.' * node.level}{node.module or ''}.{alias.name}")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bind(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bind(node.name)
        elif isinstance(node, ast.arg):
            bind(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bind(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                bind(name)
    return bound


def _taken(text: str, imports) -> str | None:
    """The first name an import a rewrite needs would bind that the module already binds otherwise (`six = 6`,
    `def f(six)`, `import foo as six`): every rewrite using it would then reach the module's own object."""
    bound = _bound_names(ast.parse(text))
    for module, name, asname in imports:
        local = asname or name or module.split(".")[0]
        source = f"{module}.{name}" if name else module.split(".")[0]
        if bound.get(local, {source}) - {source}:
            return local
    return None

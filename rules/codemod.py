"""Stage 2: libcst rules, all in one visit of one parse, each rewriting only the nodes where `check`
reported one of its symbols (so a rewrite is never made that check does not report, and `# noqa` or a
Python-2-only guard that hides a finding also stops its rewrite).

A rule is a `FixRule`: a libcst batchable visitor whose visit_* methods ask `self.reported(symbol, node)`
and call `self.replace(node, symbol, make)`; `make(updated_node)` builds the new node from the node as
already rewritten by rules on its children, so nested rewrites compose in one pass. Imports a rewrite
needs are asked for with `self.need_import(module, name)` and added once, as libcst's AddImportsVisitor adds
them (rules/import_block.py).
"""
from __future__ import annotations

import ast
import bisect
import dataclasses
import functools
import inspect
import warnings
from collections import Counter, defaultdict
from typing import Callable

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, ParentNodeProvider, PositionProvider
from libcst._nodes.internal import CodegenState
from libcst.metadata.position_provider import NEWLINE_RE

from diracmod.core.lines import split_lines
from diracmod.source.import_setup import imported_below_setup
from diracmod.source.scopes import bound_names, children, class_attributes
from diracmod.rules import cst_parse, import_block, stand_ins
from diracmod.rules.own_six import AS_MODULE


class FixContext:
    """What one file's rules share: the text and its stdlib ast (rules that need the whole module read that,
    not libcst's tree), where check reported what, and the edits asked for so far."""

    def __init__(self, text: str, findings, tree: ast.Module, first_party: frozenset = frozenset(),
                 read: dict | None = None, max_line: int | None = None, plain: frozenset = frozenset(),
                 python2_own: frozenset | None = None):
        self.text, self.tree = text, tree
        self.plain = plain  # apply()'s: the project index's plain classes (ProjectIndex.plain: cmp-method's rewrite)
        self.max_line = max_line  # apply()'s: the project's max-line-length, for the lines a rewrite re-wraps
        self.first_party = first_party  # apply()'s: the project's own top-level modules, siblings included
        # apply()'s: those an absolute-spelled import reaches on Python 2 (siblings.python2_own: no sibling under
        # absolute_import), first_party where not given
        self.python2_own = first_party if python2_own is None else python2_own
        # apply()'s: what other modules of the project read of this one (ProjectIndex.read_of: `client.urllib2`,
        # a star import), as check's detectors read it (ctx.project)
        self.read = read or {}
        lines = split_lines(text)
        self._at: dict = defaultdict(set)  # symbol -> {(line, character column)}
        self._as_reported: dict = defaultdict(set)  # symbol -> {(line, column as the finding has it)}
        self._ends: dict = defaultdict(set)  # symbol -> {(line, character column, end line, its end column)}
        for f in findings:
            self._at[f.symbol].add((f.line, _char_column(lines, f.line, f.column)))
            self._as_reported[f.symbol].add((f.line, f.column))
            if f.end_line is not None:
                self._ends[f.symbol].add((f.line, _char_column(lines, f.line, f.column), f.end_line,
                                          _char_column(lines, f.end_line, f.end_column)))
        self.edits: dict = {}  # id(original node) -> (node, [(symbol, make), ...])
        self.within: dict = {}  # id(original node) -> the top-level statement holding it (FixRule.replace)
        self.imports: list = []  # (module, name or None, asname or None)
        self.applied: Counter = Counter()  # symbol -> rewrites made

    def has(self, symbol: str, line: int, column: int) -> bool:
        return (line, column) in self._at.get(symbol, ())

    def spans(self, symbol: str, start: CodePosition, end: CodePosition) -> bool:
        return (start.line, start.column, end.line, end.column) in self._ends.get(symbol, ())

    def lines(self, symbol: str) -> set:
        """The lines check reported `symbol` on."""
        return {line for line, _ in self._at.get(symbol, ())}

    def has_token_finding(self, symbol: str, line: int, column: int) -> bool:
        """For the findings of check's token scan (diracmod/source/tokens.py), whose columns count characters
        as libcst's do, not UTF-8 bytes as ast's: `has` would shift them on a line with non-ASCII text."""
        return (line, column) in self._as_reported.get(symbol, ())


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

    @classmethod
    def reads(cls, ctx: FixContext) -> frozenset:
        """The names (words) whose statements the rule reads though they hold none of its findings (the module's
        other uses of a name): apply() parses them. The module a rule is given holds the statements holding a
        finding or one of these words, the top-level imports and the docstring; the others are stand-ins
        (rules/stand_ins.py), but in the blocks of a def or class when a rule visits that kind of node."""
        return frozenset()

    def get_visitors(self):
        """libcst's, which inspects every attribute of the instance for each file: the names once per class."""
        return {name: getattr(self, name) for name in _visitor_names(type(self))}

    def reported(self, symbol: str, node: cst.CSTNode) -> bool:
        """Did check report `symbol` where `node` starts? (A node without a position lies in a statement
        holding no finding, which apply() did not give positions to.)"""
        where = self.get_metadata(PositionProvider, node, None)
        return where is not None and self.ctx.has(symbol, where.start.line, where.start.column)

    def reported_exactly(self, symbol: str, node: cst.CSTNode) -> bool:
        """Did check report `symbol` on `node` itself, where it starts and ends: not on another node starting
        there (`saved[0]` in `saved[0][1]`)?"""
        where = self.get_metadata(PositionProvider, node, None)
        return where is not None and self.ctx.spans(symbol, where.start, where.end)

    def replace(self, node: cst.CSTNode, symbol: str, make: Callable[[cst.CSTNode], cst.CSTNode],
                within: cst.CSTNode | None = None) -> None:
        """`within`: for a node the visit did not reach (a use rewritten at its import), the top-level statement
        holding it, where apply() finds it (else in the whole module)."""
        self.ctx.edits.setdefault(id(node), (node, []))[1].append((symbol, make))
        if within is not None:
            self.ctx.within[id(node)] = within

    def need_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        """`import module` (name None) or `from module import name [as asname]`, added once if missing."""
        if (module, name, asname) not in self.ctx.imports:
            self.ctx.imports.append((module, name, asname))


def dotted(node) -> str:
    """`a.b.c` of a Name/Attribute chain, "" for anything else (`f().c`)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return head and f"{head}.{node.attr.value}"
    return ""


def read(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """`node.visit(visitor)` for a visitor that only reads, and whose visit_* and leave_* methods do not depend on
    the order: the same nodes, taken from their fields (libcst's visit rebuilds every node it passes), not in
    the source's order."""
    kind = type(visitor)
    plain = kind.on_visit is cst.CSTVisitor.on_visit and kind.on_leave is cst.CSTVisitor.on_leave
    methods = _Methods.of(kind)
    todo = [node]
    while todo:
        node = todo.pop()
        if node.__class__ is tuple:  # (leave, node), its children read
            node[0](visitor, node[1])
            continue
        if plain:  # CSTVisitor's on_visit and on_leave, calling the methods of the node's class
            visit, leave = methods[node.__class__]
            descend = visit is None or visit(visitor, node) is not False
        else:
            leave, descend = kind.on_leave, visitor.on_visit(node)
        if leave is not None:
            if not descend:
                leave(visitor, node)
                continue
            todo.append((leave, node))
        if descend:
            todo += _children(node)


class _Methods(dict):
    """node class -> a visitor class's (visit_X, leave_X), each None where it has none but libcst's no-op."""

    def __init__(self, visitor_class):
        super().__init__()
        self.visitor_class = visitor_class

    @classmethod
    @functools.cache
    def of(cls, visitor_class) -> _Methods:
        return cls(visitor_class)

    def __missing__(self, node_class) -> tuple:
        pair = self[node_class] = tuple(self._method(f"{kind}_{node_class.__name__}") for kind in ("visit", "leave"))
        return pair

    def _method(self, name: str):
        method = getattr(self.visitor_class, name, None)
        return None if method is None or getattr(method, "_is_no_op", False) else method


@functools.cache
def _visitor_names(rule_class) -> tuple:
    return tuple(name for name, _ in inspect.getmembers(rule_class, lambda member: (
        inspect.isfunction(member) and member.__name__.startswith(("visit_", "leave_"))
        and not getattr(member, "_is_no_op", False))))


class _Apply(cst.CSTTransformer):
    """Rebuilds only the edited nodes and their ancestors (`path`: their ids): every other subtree is kept as
    it is, unvisited. With `six`, the module's own name for six (`import six as sx`): the rewrites write `sx.x`
    where they wrote `six.x`. With `own`, the project's own six ("django.utils.six"): the imports the rewrites
    write in place (`from six.moves.urllib.parse import quote`) import from it (_FromOwnSix)."""

    def __init__(self, ctx: FixContext, path: set, six: str = "six", own: str | None = None):
        super().__init__()
        self.ctx, self.path, self.six, self.own = ctx, path, six, own

    def on_visit(self, node) -> bool:
        return id(node) in self.path

    def on_leave(self, original_node, updated_node):
        edit = self.ctx.edits.get(id(original_node))
        if edit is None:
            return updated_node
        for symbol, make in edit[1]:
            updated_node = make(updated_node)
            self.ctx.applied[symbol] += 1
        if self.own is not None:
            updated_node = _visit_made(updated_node, _FromOwnSix(self.own))
        return updated_node if self.six == "six" else _visit_made(updated_node, _SixAs(self.six))


def _visit_made(made, transformer: cst.CSTTransformer):
    """What a rewrite made (a node, the statements replacing one, or its removal) visited by `transformer`."""
    if isinstance(made, cst.FlattenSentinel):
        return cst.FlattenSentinel([node.visit(transformer) for node in made.nodes])
    return made.visit(transformer) if isinstance(made, cst.CSTNode) else made


class _SixAs(cst.CSTTransformer):
    """`six.x` -> `name.x` (the rewrites spell six's attributes so, and nothing else is `six` here)."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def leave_Attribute(self, original_node, updated_node):
        if m.matches(updated_node.value, m.Name("six")):
            return updated_node.with_changes(value=updated_node.value.with_changes(value=self.name))
        return updated_node


class _FromOwnSix(cst.CSTTransformer):
    """`from six.moves import x` -> `from django.utils.six.moves import x` (the project's own six `own`), as
    _from_own_six makes the imports the rewrites ask for (tryout26c #5)."""

    def __init__(self, own: str):
        super().__init__()
        self.own = own

    def leave_ImportFrom(self, original_node, updated_node):
        name = dotted(updated_node.module) if updated_node.module is not None and not updated_node.relative else ""
        if name.startswith("six."):
            return updated_node.with_changes(module=cst.parse_expression(self.own + name[3:]))
        return updated_node


def _path(edited, parents: dict, module: cst.Module, within: dict) -> set:
    """The ids of the `edited` nodes and of their ancestors: up `parents` (the visit's) where it leads to
    `module`, else (a node the visit did not reach: a use rewritten at its import) as found in the tree: in the
    top-level statement `within` gives for it, else in the whole module."""
    path, lost = {id(module)}, []
    for node in edited:
        chain, up = [], node
        while up is not None and id(up) not in path:
            chain.append(id(up))
            up = parents.get(id(up))
        if up is None:
            lost.append(id(node))
        else:
            path.update(chain)
    for root in (*{id(statement): statement for statement in map(within.get, lost) if statement}.values(), module):
        if not lost:
            break
        above = _parents(root)
        for key in [key for key in lost if key in above]:
            lost.remove(key)
            while key is not None and key not in path:
                path.add(key)
                key = above.get(key)
    return path


_FIELDS: dict = {}  # node class -> the names of its fields
_NODE_CLASSES: dict = {}  # class -> is it a CSTNode's (an abstract class's isinstance costs more than this)


def _children(node: cst.CSTNode) -> list:
    """The nodes in `node`'s fields (libcst's `children`, in the order of the fields: it rebuilds the node)."""
    names = _FIELDS.get(node.__class__)
    if names is None:
        names = _FIELDS[node.__class__] = tuple(field.name for field in dataclasses.fields(node))
    found = []
    for name in names:
        value = getattr(node, name)
        kind = value.__class__
        if kind is list or kind is tuple:
            found += [child for child in value if _is_node(child.__class__)]
        elif _is_node(kind):
            found.append(value)
    return found


def _is_node(kind) -> bool:
    node = _NODE_CLASSES.get(kind)
    if node is None:
        node = _NODE_CLASSES[kind] = issubclass(kind, cst.CSTNode)
    return node


def _parents(root: cst.CSTNode) -> dict:
    """id(node) -> id(its parent) for every node under `root`."""
    above, todo = {}, [root]
    while todo:
        node = todo.pop()
        for child in _children(node):
            above[id(child)] = id(node)
            todo.append(child)
    return above


# the kinds of statement whose blocks a rule visiting these libcst nodes may read all of
_WHOLE_KINDS = {"ClassDef": (ast.ClassDef,), "FunctionDef": (ast.FunctionDef, ast.AsyncFunctionDef),
                "IndentedBlock": (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)}


def apply(text: str, findings, rule_classes, first_party: frozenset = frozenset(),
          tree: ast.Module | None = None, own_six=None, lacking: set | None = None,
          indent: str | None = None, stage_one: frozenset = frozenset(),
          late: set | None = None, read: dict | None = None, max_line: int | None = None,
          plain: frozenset = frozenset(), python2_own: frozenset | None = None) -> tuple[str, Counter]:
    """`text` with every rule in `rule_classes` applied where `findings` say; and the rewrites per symbol.
    `first_party`: the top-level names of the project's own modules (the imports a new import goes before).
    `tree`: the stdlib ast of `text` if the caller has it (check's analysis), else `text` is parsed.
    `own_six`: the project's own six (diracmod.rules.own_six.OwnSix: `.module`, `.provides("six.x.y")`), which
    the rewrites then import instead of six; a module whose rewrites need what it lacks is left as it is.
    `lacking`: a set given by the caller, to which what the rewrites needed and `own_six` lacks is added
    ("six.ensure_binary"). `indent`: the project's indentation (pycodestyle's indent-size), for the blocks a
    rewrite builds in a module that has none of its own to follow (None: libcst's four spaces). `stage_one`: the
    import lines stage 1 added (fissix's `import six` for six.reraise), which may go into the top's new imports;
    `late`: a set given by the caller, to which the modules are added that the rewrites would import at the top
    while the module imports them itself below other code (the module is then left as it is). `read`: what other
    modules of the project read of this one (source/project_index/index.py's ProjectIndex.read_of), as check reads it.
    `max_line`: the project's max-line-length (pycodestyle's), for the lines a rewrite re-wraps (None: none).
    `plain`: the project index's classes giving no rich comparison (ProjectIndex.plain), as fix's summary reads it.
    `python2_own`: the project's modules an absolute-spelled import of the module reaches on Python 2
    (diracmod.core.siblings.python2_own), whose names are not the standard module's (None: `first_party`)."""
    symbols = {s for rule in rule_classes for s in rule.SYMBOLS}
    relevant = [f for f in findings if f.symbol in symbols]
    if not relevant:
        return text, Counter()
    found = {f.symbol for f in relevant}
    active = [rule for rule in rule_classes if found.intersection(rule.SYMBOLS)]  # their metadata only
    if tree is None:
        with warnings.catch_warnings():  # invalid escapes: SyntaxWarning on 3.12+, reported by check already
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
    ctx = FixContext(text, relevant, tree, first_party, read, max_line, plain, python2_own)
    lines, offsets = {f.line for f in relevant}, line_offsets(text)
    # what the rules read, and the module's uses of six when the rewrites may use the project's own (_six_names)
    words = {word for rule in active for word in rule.reads(ctx)} | ({"six"} if own_six is not None else set())
    # a rule visiting a def or class (or a block) may read all of it: their blocks are then parsed whole
    visited = {name.split("_", 1)[1] for rule in active for name in _visitor_names(rule)}
    whole_kinds = tuple(kind for name, kinds in _WHOLE_KINDS.items() if name in visited for kind in kinds)
    parse = stand_ins.parse(text, tree, offsets, lines, words, whole_kinds)
    module = cst_parse.parse_module(parse.text, tree, offsets if parse.text is text else line_offsets(parse.text),
                                    source=(text, offsets))
    if indent is not None and not stand_ins.indented(text, offsets, tree):
        module = module.with_changes(default_indent=indent)
    rules = [rule(ctx) for rule in active]
    partial = _visit_statements(module, parse.body, parse.text, lines, rules)
    if partial is None:  # the whole module's metadata and visit (libcst's own way)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)  # a fresh tree: no copy needed
        wrapper.visit_batched(rules)
    if not ctx.edits:
        return text, Counter()
    bound = bound_names(tree) if ctx.imports else {}  # read only about the imports asked for
    own = own_six if own_six is not None and any(_is_six(module) for module, _, _ in ctx.imports) else None
    requests = [_from_own_six(request, own.module) for request in ctx.imports] if own else ctx.imports
    if own and bound.get("six", {None}) <= _own_six_imports(own):  # the module imports the own six already
        requests = [request for request in requests if request != _from_own_six(("six", None, None), own.module)]
    if _taken(bound, requests):  # a rewrite would reach the module's own `six`, `next`...
        return text, Counter()
    if any(name.split(".")[0] in first_party for name, _, _ in ctx.imports if not (own and _is_six(name))):
        # a module of the project named like one a rewrite imports (a sibling six.py that is no own_six, a
        # functools.py): Python 2 imports the sibling for `import six` (implicit relative import), and
        # making that explicit gives `from . import six`; those rewrites stay for a person
        return text, Counter()
    below = imported_below_setup(tree, text, stage_one) & {name.split(".")[0] for name, _, _ in requests}
    if below:
        # the module's own `import six` below a `sys.path.insert` of a vendored copy: a new import at the top
        # would run before that set-up, and the module's line must stay where it is (check reports the findings of
        # the rules whose rewrite names it as rewrite-name-bound-by-module, rules/py3k/six_bound.py: fix is not
        # given them; this leaves a rewrite of another rule that imports the module too)
        if late is not None:
            late.update(below)
        return text, Counter()
    six = _six_alias(tree, bound) if ("six", None, None) in ctx.imports and not own else "six"
    imports = [request for request in requests if six == "six" or request != ("six", None, None)]
    path = _path([node for node, _ in ctx.edits.values()], partial[0] if partial else {}, module, ctx.within)
    new = module.visit(_Apply(ctx, path, six, own_six.module if own_six is not None else None))  # the statements it keeps are `module`'s, alive while texts are used
    # what the rewrites use of six (not what the module used already: `six.__name__`, guarded uses)
    # (own_six, not `own`: W1648's `from six.moves import builtins` asks no `import six` and reaches the copy all
    # the same, an implicit relative import on Python 2, tryout18b #1)
    used = _six_names(new, ctx.imports, own_six) - _six_names(module, (), own_six) if own_six is not None else set()
    missing = {name for name in used if not own_six.provides(name)}
    if lacking is not None:
        lacking.update(missing)
    if missing:
        # the project's six is older than some rules' rewrites need (six 1.8 has no ensure_binary): their
        # findings are left for a person, the other rules' rewrites made (each rule tried alone to tell them,
        # and the findings of a rule rewritten in part alone each alone, as a rule's rewrites differ: 'x' ->
        # b'x' needs no six, x -> six.ensure_binary(x) does: else the next run would make those it can)
        again = functools.partial(apply, text, rule_classes=rule_classes, first_party=first_party, tree=tree,
                                  own_six=own_six, indent=indent, read=read, max_line=max_line)
        rest = [f for f in relevant if f.symbol not in ctx.applied]
        for symbol in ctx.applied:
            some = [f for f in relevant if f.symbol == symbol]
            made = again(some)[1] if len(ctx.applied) > 1 else {}
            if made.get(symbol) == ctx.applied[symbol]:
                rest += some
            elif len(relevant) > 1:
                rest += [f for f in some if again([f])[1]]
        return again(rest) if rest and len(rest) < len(relevant) \
            else (text, Counter())
    if imports:
        new = _add_imports(new, imports, first_party, stage_one)
    return parse.restore(new.code if partial is None else _code(new, partial[1])), ctx.applied


# ---------------------------------------------------------------- metadata of the statements with findings


def _visit_statements(module: cst.Module, body: list, text: str, lines: set, rules):
    """Visit with `rules` only the statements holding a line in `lines` (and the module node itself), giving
    them the positions and parents of those statements' nodes alone: libcst's PositionProvider would generate
    the code of the whole module, and its visit rebuild every node. The statements are the top-level ones,
    and in a def or class the statements of its body that hold such a line (_Narrowing).
    Returns (parents, _statement_texts), or None when the statements' first lines cannot be told from `body`
    (the module's top-level statements as ast reads them; the caller then does it for the whole module). Each
    statement's position is checked: its code must be the text at the line it is placed on."""
    starts = _statement_starts(module.body, body)
    if starts is None:
        return None
    offsets = line_offsets(text)
    narrowing = _Narrowing(lines, text, offsets, module.default_indent)
    selected = [narrowing.statement(statement, parsed, start, end) for statement, (start, parsed), end
                in zip(module.body, starts, [start for start, _ in starts[1:]] + [len(offsets) + 1])
                if narrowing.holds(start, end)]
    state = _Recording(narrowing, text, offsets, module.default_indent, module.default_newline)
    for statement in selected:
        state.parents[id(narrowing.original(statement))] = module
        statement._codegen(state)
    if not state.placed_right:
        return None
    narrowing.give_back(state.positions)
    for rule in rules:
        rule.metadata = {PositionProvider: _ById(state.positions, _code_range), ParentNodeProvider: _ById(state.parents)}
    for rule in rules:
        visit = getattr(rule, "visit_Module", None)
        if visit:
            visit(module)
    methods = defaultdict(list)  # as libcst's visit_batched collects them
    for rule in rules:
        for name, method in rule.get_visitors().items():
            methods[name].append(method)
    for node, entering in state.visits():
        for method in methods.get(("visit_" if entering else "leave_") + type(node).__name__, ()):
            method(node)
    for rule in rules:
        leave_module = getattr(rule, "leave_Module", None)
        if leave_module:
            leave_module(module)
    return state.parents, {**_statement_texts(module.body, [start for start, _ in starts], offsets, text), **narrowing.texts}


class _Narrowing:
    """The statements a visit generates code for: each top-level statement holding a line in `lines`, where it
    is a def or class a copy of it whose body keeps only the statements holding such a line, each narrowed
    in turn (a class's other methods are neither generated nor visited). The copies stand for their
    originals in the positions, parents and visit (`original`). With the module's `text`, the statements of
    the bodies it reads get their text (`texts`, for _code)."""

    def __init__(self, lines: set, text: str = "", offsets: list = (), indent: str = "    "):
        self.lines = sorted(lines)
        # id(node generated) -> (first line or None, generated whole, a copy's block, the node it stands for): the
        # statements placed on their first line, and the copies (a copy's block: its code after the block's
        # header is not the text's)
        self.marks: dict = {}
        self.copies: list = []  # (copy of a def or class, or of its block; the original)
        self.text, self.offsets, self.indent = text, offsets, indent
        # libcst writes a line holding only a backslash as nothing, and indentation without its form feeds
        self.texts_right = bool(text) and "\f" not in text and not stand_ins.BACKSLASH_LINE.search(text)
        self.texts: dict = {}  # id(statement of a body) -> (statement, its text, the indentation it is in)

    def holds(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.lines, start)
        return index < len(self.lines) and self.lines[index] < end

    def original(self, node):
        mark = self.marks.get(id(node))
        return node if mark is None else mark[3]

    def statement(self, statement, parsed, start: int, end: int, indents: tuple = ()):
        """The statement to generate for `statement` (lines start to end - 1; `parsed` its ast; `indents` the
        indentation of the blocks it is in)."""
        narrowed = self._narrowed(statement, parsed, start, end, indents)
        self.marks[id(narrowed)] = (start, narrowed is statement, False, statement)
        return narrowed

    def _narrowed(self, statement, parsed, start: int, end: int, indents: tuple):
        block = getattr(statement, "body", None)
        if not (isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and isinstance(block, cst.IndentedBlock)
                and isinstance(parsed, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))):
            return statement
        starts = _statement_starts(block.body, parsed.body)
        if starts is None or not start < starts[0][0] or not starts[-1][0] < end:
            return statement
        indents = (*indents, self.indent if block.indent is None else block.indent)
        if self.texts_right:  # each statement's text runs to the next one's first line: the last one's is not known
            for child, (child_start, _), (following, _) in zip(block.body, starts, starts[1:]):
                self.texts[id(child)] = (child, self.text[self.offsets[child_start - 1]:self.offsets[following - 1]],
                                         indents)
        body = [self.statement(child, child_parsed, child_start, child_end, indents)
                for child, (child_start, child_parsed), child_end
                in zip(block.body, starts, [start for start, _ in starts[1:]] + [end])
                if self.holds(child_start, child_end)]
        if len(body) == len(block.body) and all(new is old for new, old in zip(body, block.body)):
            return statement
        narrowed_block = block.with_changes(body=body)
        narrowed = statement.with_changes(body=narrowed_block)
        self.marks[id(narrowed_block)] = (None, False, True, block)
        self.copies += [(narrowed_block, block), (narrowed, statement)]
        return narrowed

    def give_back(self, positions: dict) -> None:
        """The copies' positions (by id) to their originals (where they start: a copy ends earlier)."""
        for copy, original in self.copies:
            positions[id(original)] = positions.pop(id(copy))


def line_offsets(text: str) -> list:
    """Where each line starts, as libcst counts lines (str.splitlines also splits at a form feed)."""
    return [0, *(newline.end() for newline in NEWLINE_RE.finditer(text))]


def _statement_texts(body, starts: list, offsets: list, text: str) -> dict:
    """id(statement) -> (statement, its code: the text from its first line to the next statement's first) for
    the top-level statements but the first (the module's header ends where it starts) and the last (the
    module's footer and its trailing newline follow). None of them if a line holds only a backslash: libcst
    drops it from the code it generates."""
    lines = [offsets[start - 1] for start in starts if 0 < start <= len(offsets)]
    if len(lines) != len(starts) or stand_ins.BACKSLASH_LINE.search(text):
        return {}
    return {id(statement): (statement, text[lines[index]:lines[index + 1]])
            for index, statement in enumerate(body[1:-1], 1)}


def _code(module: cst.Module, texts: dict) -> str:
    """`module.code`, the statements in `texts` (top-level ones, and those of def and class bodies: a rewrite
    kept them as they were parsed) written as their text rather than generated again (the rest as
    Module._codegen_impl generates it)."""
    state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
    for line in module.header:
        line._codegen(state)
    for statement in module.body:
        kept = texts.get(id(statement))
        if kept is not None and kept[0] is statement:
            state.add_token(kept[1])
        else:
            _with_texts(statement, texts)._codegen(state)
    for line in module.footer:
        line._codegen(state)
    if not module.has_trailing_newline:
        state.pop_trailing_newline()
    elif not state.tokens:
        state.add_token(state.default_newline)
    return "".join(state.tokens)


def _with_texts(statement, texts: dict):
    """`statement`, or where it is a def or class whose body holds statements in `texts`, a copy of it whose
    body has those as _Text."""
    block = getattr(statement, "body", None)
    if not (isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and isinstance(block, cst.IndentedBlock)):
        return statement
    body = []
    for child in block.body:
        kept = texts.get(id(child))
        body.append(_Text(child, *kept[1:]) if kept is not None and kept[0] is child else _with_texts(child, texts))
    if all(new is old for new, old in zip(body, block.body)):
        return statement
    return statement.with_changes(body=block.with_changes(body=body))


@dataclasses.dataclass(frozen=True)
class _Text(cst.CSTNode):
    """A statement of a body written as its `text` where the blocks around it are indented as where it was
    parsed (`indents`), else generated."""
    statement: cst.CSTNode
    text: str
    indents: tuple

    def _visit_and_replace_children(self, visitor):
        return self

    def _codegen_impl(self, state: CodegenState) -> None:
        if tuple(state.indent_tokens) == self.indents:
            state.add_token(self.text)
        else:
            self.statement._codegen(state)


class _Recording(CodegenState):
    """The code generation of the statements a _Narrowing gives, recording each node's position as libcst's
    PositionProvider does (its state's, with lighter bookkeeping: tuples keyed by id(node), no context manager
    generator per node), its parent, and the order it enters and leaves the nodes in: libcst's visit order
    (whitespace nodes aside, which no rule visits: tests/fix/test_codemod_statements.py), so the rules' visit
    replays it rather than walking the statements again with libcst's visit, which rebuilds every node it
    passes. Each statement starts on its first line (the copies leave statements out), and its code there must
    be the text's (`placed_right`; of a copy, its code up to its block)."""

    def __init__(self, narrowing: _Narrowing, text: str, offsets: list, default_indent: str, default_newline: str):
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.line, self.column = 1, 0  # where the next token goes (PositionProvider's: 1-based, 0-based)
        self.positions: dict = {}  # id(node) -> start line, start column, end line, end column (_code_range)
        self.parents: dict = {}  # id(node) -> its parent
        self.events: list = []  # each node entered, None where the last one entered and not left is left (visits)
        self.open: list = []  # the nodes entered and not left
        self.entered: list = []  # where each of them starts (line << 32 | column)
        self.syntactic: list = []  # (node, start node, end node, line, column) of record_syntactic_position
        self.marks = narrowing.marks
        self.text, self.offsets = text, offsets
        self.run = None  # (line, index of the first token) of the code to check against the text
        self.placed_right = True

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        if "\n" in value or "\r" in value:
            segments = NEWLINE_RE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node) -> None:
        mark = self.marks.get(id(node))
        if mark is not None:
            line, _, cut, node = mark
            if line is not None:
                self._check()
                self.line, self.column = line, 0
                self.run = (line, len(self.tokens))
            elif cut:
                self._check()
        if self.open:
            self.parents[id(node)] = self.open[-1]
        self.open.append(node)
        self.events.append(node)
        self.entered.append(self.line << 32 | self.column)

    def after_codegen(self, node) -> None:
        start = self.entered.pop()
        if id(node) not in self.positions:  # a syntactic position recorded is kept
            self.positions[id(node)] = start << 64 | self.line << 32 | self.column
        self.open.pop()
        self.events.append(None)  # a pair (node, False) per node would hold ~90 bytes more
        mark = self.marks.get(id(node))
        if mark is not None and mark[1]:
            self._check()

    def visits(self):
        """(node, whether it is entered, else left) in the order of the events."""
        entered = []
        for node in self.events:
            if node is None:
                yield entered.pop(), False
            else:
                entered.append(node)
                yield node, True

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        self.syntactic.append((node, start_node, end_node, self.line, self.column))
        return self

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exception) -> None:
        node, start_node, end_node, line, column = self.syntactic.pop()
        start = self.positions[id(start_node)] >> 64 if start_node is not None else line << 32 | column
        end = self.positions[id(end_node)] & _END if end_node is not None else self.line << 32 | self.column
        self.positions[id(node)] = start << 64 | end

    def _check(self) -> None:
        if self.run is None:
            return
        line, first = self.run
        self.run = None
        code = "".join(self.tokens[first:])
        if not 0 < line <= len(self.offsets) or not self.text.startswith(code, self.offsets[line - 1]):
            self.placed_right = False


class _ById:
    """What libcst's get_metadata asks of a provider's values (`get`, `[]`, by node), from a dict keyed by
    id(node); `convert` makes the value of what the dict holds."""

    def __init__(self, values: dict, convert=None):
        self.values, self.convert = values, convert

    def get(self, node, default=None):
        value = self.values.get(id(node))
        return default if value is None else self.convert(value) if self.convert else value

    def __getitem__(self, node):
        value = self.values[id(node)]
        return self.convert(value) if self.convert else value


_COLUMN = (1 << 32) - 1
_END = (1 << 64) - 1


def _code_range(where: int) -> CodeRange:
    """The range _Recording packs in one int (start line, start column, end line, end column: 32 bits each): a
    tuple of four would hold ~85 bytes more per node (a line number above 256 is an int object of its own)."""
    return CodeRange(CodePosition(where >> 96, where >> 64 & _COLUMN), CodePosition(where >> 32 & _COLUMN,
                                                                                     where & _COLUMN))


def _statement_starts(statements, parsed: list) -> list | None:
    """(first line, ast node) of each statement of a body (the module's, a def's or a class's) as libcst reads
    it: the line its code starts on (its leading blank and comment lines included), from the first line `ast`
    gives its first statement (`a; b` is two statements there, one line here), in `parsed`, the body as ast
    reads it."""
    starts, index = [], 0
    for statement in statements:
        if index >= len(parsed):
            return None
        node = parsed[index]
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        decorators = getattr(statement, "decorators", ())
        starts.append((first - len(statement.leading_lines) - (len(decorators[0].leading_lines) if decorators else 0),
                       node))
        index += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    ordered = all(0 < a < b for (a, _), (b, _) in zip(starts, starts[1:]))
    return starts if index == len(parsed) and starts and starts[0][0] > 0 and ordered else None


def _six_alias(tree: ast.Module, bound: dict) -> str:
    """The module's own name for six when it imports it as another name at module level and binds that
    name nothing else (`import six as sx`), so that the rewrites use it rather than importing six again;
    else "six"."""
    if "six" in bound:  # `import six` too (or six is taken, and nothing is rewritten)
        return "six"
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.name == "six" and alias.asname and bound.get(alias.asname) == {"six"}:
                    return alias.asname
    return "six"


def _add_imports(module: cst.Module, imports, first_party: frozenset, stage_one: frozenset) -> cst.Module:
    """The imports added as libcst's AddImportsVisitor adds them (rules/import_block.py), to the top of the
    module only: it is given the docstring, the import block after it and a `pass` carrying the first other
    statement's leading lines, whose new leading lines are put back.
    The block ends before the first local import (relative, or of a `first_party` module), so that new
    imports (six, functools) go with the other third-party and standard ones, before the project's own."""
    body = _header_alone(module.body)
    start = 1 if body and _is_header(body[0]) else 0
    block = next((i for i in range(start, len(body)) if not _is_import_line(body[i])), len(body))
    end = next((i for i in range(start, block) if _is_local(body[i].body[0], first_party)), block)
    present = {imported for stmt in body[end:block] for imported in _imported(stmt.body[0])}
    imports = [request for request in imports if request not in present]
    if not imports:
        return module
    body = _without_later_imports(body, block, imports, stage_one)
    module = module.with_changes(body=body)
    top = list(body[:end])
    if end < len(body):
        top.append(cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=body[end].leading_lines))
    new_top = list(import_block.add(module.with_changes(body=top), imports).body)
    if end == len(body):
        return module.with_changes(body=new_top)
    leading = new_top.pop().leading_lines
    if all(_is_future(body[i]) for i in range(start, end)):  # only future imports (stage 1's) above the new
        leading = _two_before_def(body[end], leading)  # ones, then a def or class: the blank lines are ours
    first = body[end].with_changes(leading_lines=leading)
    return module.with_changes(body=[*new_top, first, *body[end + 1:]])


def _header_alone(body) -> list:
    """`body` with a docstring (or `__strict__` line) that shares its first line with other statements (`"Doc.";
    import os`) on a line of its own: an import added before the line would take the docstring's place
    (`__doc__` None on Python 2). The line's comment stays with the statements after it."""
    first = body[0] if body else None
    if not (isinstance(first, cst.SimpleStatementLine) and len(first.body) > 1
            and _is_header(first.with_changes(body=first.body[:1]))):
        return list(body)
    header = first.with_changes(body=[first.body[0].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)],
                                trailing_whitespace=cst.TrailingWhitespace())
    return [header, cst.SimpleStatementLine(body=first.body[1:], trailing_whitespace=first.trailing_whitespace),
            *body[1:]]


def _without_later_imports(body, block: int, imports, stage_one: frozenset) -> list:
    """`body` without the lines after the top's import block (index `block`) that stage 1 added (`stage_one`)
    and that import only what the top now imports (`imports`), each line's leading lines kept by the statement
    after it: the `import six` stage 1's six.reraise put after the first imports of a module whose top holds
    none (fissix's touch_import), another import of the same module, which the new one at the top runs before
    (tryout6 #16). The module's own lines stay where they are (tryout7 #23). Only lines without a comment,
    followed by a statement (not a stand-in)."""
    kept = list(body[:block])
    dropped = []  # the leading lines of the dropped lines, for the next statement kept
    for statement in body[block:]:
        if (_is_import_line(statement) and isinstance(statement.body[0], cst.Import)
                and set(_imported(statement.body[0])) <= set(imports)
                and cst.Module(body=[statement.with_changes(leading_lines=[])]).code.strip() in stage_one
                and not m.findall(statement, m.Comment()) and not any(line.comment for line in statement.leading_lines)):
            dropped += statement.leading_lines
            continue
        if dropped and hasattr(statement, "leading_lines"):
            statement = statement.with_changes(leading_lines=[*dropped, *statement.leading_lines])
        elif dropped:  # a stand-in: the line stays where it was
            return list(body)
        dropped = []
        kept.append(statement)
    return kept if not dropped else list(body)


def _two_before_def(statement, leading: list) -> list:
    """`leading` (the lines above `statement`, now below new imports) with two blank lines before a top-level
    def or class (before its first comment), as pycodestyle's E302 wants: AddImportsVisitor leaves one."""
    if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return leading
    blank = next((i for i, line in enumerate(leading) if line.comment is not None), len(leading))
    return [cst.EmptyLine()] * max(0, 2 - blank) + list(leading)


def _is_future(statement) -> bool:
    return m.matches(statement, m.SimpleStatementLine(body=[m.ImportFrom(module=m.Name("__future__"))]))


def _is_local(statement, first_party: frozenset) -> bool:
    if isinstance(statement, cst.ImportFrom):
        return bool(statement.relative) or get_full_name_for_node(statement.module).split(".")[0] in first_party
    return any(get_full_name_for_node(alias.name).split(".")[0] in first_party for alias in statement.names)


def _imported(statement) -> list:
    """(module, name or None, asname or None) of what an import statement imports, as need_import asks."""
    if isinstance(statement, cst.ImportFrom):
        if statement.relative or isinstance(statement.names, cst.ImportStar):
            return []
        module = get_full_name_for_node(statement.module)
        return [(module, alias.name.value, alias.asname and alias.asname.name.value) for alias in statement.names]
    return [(get_full_name_for_node(alias.name), None, alias.asname and alias.asname.name.value)
            for alias in statement.names]


def _is_header(stmt) -> bool:
    """What AddImportsVisitor never puts an import before: a docstring or a `__strict__ = ...` line."""
    return m.matches(stmt, m.SimpleStatementLine(body=[m.Expr(value=m.SimpleString())])
                     | m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(target=m.Name("__strict__"))])]))


def _is_import_line(stmt) -> bool:
    return m.matches(stmt, m.SimpleStatementLine(body=[m.ImportFrom() | m.Import()]))


def _is_six(module: str) -> bool:
    return module == "six" or module.startswith("six.")


def _own_six_imports(own) -> set:
    """How bound_names spells the imports binding `six` to the own six: `from django.utils import six`; when
    it is the module's sibling, also `import six` (Python 2's implicit relative import) and `from . import six`."""
    return {own.module, *(("six", "..six") if own.beside else ())}


def _from_own_six(request: tuple, own: str) -> tuple:
    """An import of six made an import of the project's own six `own` ("django.utils.six"): `import six`
    -> `from django.utils import six`, `from six.moves import range` -> `from django.utils.six.moves ...`."""
    module, name, asname = request
    if module == "six" and name is None:
        package, _, base = own.rpartition(".")
        asname = None if base == "six" else "six"
        return (package, base, asname) if package else (own, None, asname)
    return (own + module[3:], name, asname) if _is_six(module) else request


class _SixNames(cst.CSTVisitor):
    """The dotted names `six.a.b` the module writes (the longest: `six.moves.range` and not `six.moves`), those
    of the project's own six `own` ("django.utils.six.moves.range", which _FromOwnSix writes) spelled so too."""

    def __init__(self, own: str | None = None):
        super().__init__()
        self.found, self.own = set(), own

    def _six(self, name: str) -> str:
        """`name` as a dotted name of six ("six.moves"), else ""."""
        if self.own is not None and name.startswith(f"{self.own}."):
            return f"six{name[len(self.own):]}"
        return name if name.startswith("six.") else ""

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        name = dotted(node)
        if name.startswith("six."):
            self.found.add(name)
            return False
        return True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        # `from six.moves import builtins` (W1648's rewrite of `import __builtin__`): six.moves imported as a module;
        # `from six.moves.urllib.parse import quote`: six.moves.urllib.parse.quote, as a rewrite's attribute
        # `six.moves.urllib.parse.quote` (tryout26c #5)
        name = self._six(dotted(node.module)) if node.module is not None and not node.relative else ""
        if name:
            self.found.add(f"{name}{AS_MODULE}")
            self.found.update(f"{name}.{dotted(alias.name)}" for alias in node.names
                              if not isinstance(node.names, cst.ImportStar))
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        self.found.update(f"{name}{AS_MODULE}" for name in (self._six(dotted(alias.name)) for alias in node.names)
                          if name)
        return True


def _six_names(module: cst.Module, imports, own=None) -> set:
    """What the module uses of six after the rewrites: `six.x` it writes, names it imports from six (or from the
    project's own six `own`: OwnSix)."""
    names = _SixNames(own.module if own is not None else None)
    read(module, names)
    return names.found | {f"{name}.{item}" for name, item, _ in imports if _is_six(name) and item} | {
        f"{name}{AS_MODULE}" for name, _, _ in imports if _is_six(name) and name != "six"}


def _taken(bound: dict, imports) -> str | None:
    """The first name an import a rewrite needs would bind that the module already binds otherwise (`six = 6`,
    `def f(six)`, `import foo as six`): every rewrite using it would then reach the module's own object. And
    "six" for an import from six (`from six.moves import range`) where the module binds `six` otherwise than by
    `import six` (`from vendor import six`, at module level or in a block): it states which six it means, and
    the top-level six may not be there (tryout7 #24)."""
    if any(_is_six(module) for module, _, _ in imports) and bound.get("six", {"six"}) - {"six"}:
        return "six"
    for module, name, asname in imports:
        local = asname or name or module.split(".")[0]
        source = f"{module}.{name}" if name else module.split(".")[0]
        if bound.get(local, {source}) - {source}:
            return local
    return None

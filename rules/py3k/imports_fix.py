"""Fixers for renamed modules and removed module attributes (imports.py and calls.py detect them), driven by
the one stdlib-moves table (diracmod/source/stdlib_moves.toml): every replacement there is the same object
on Python 2, so Python 2 behaves as before.

- `import Queue [as Q]` -> `from six.moves import queue as Queue` (a six.moves module: the module itself);
  `import urllib2` whose every use is `urllib2.<a name six moved>` -> those uses spelled
  `six.moves.urllib.request.urlopen`, the import replaced by `import six`; otherwise left whole. The uses are
  those of what the import binds, by scope (a function's own `from six.moves import StringIO` is another
  name); in `try: import cStringIO as StringIO / except ImportError: import StringIO` the try body's import
  is rewritten with every read of the name; where that leaves the try body `import six` alone and the handlers
  import nothing else than the name, the block goes whole (it chooses nothing any more), else the handler
  (never run again) stays.
- `import markupbase` / `from markupbase import ParserBase` (Python 3 renamed the module, six has no name
  for it) -> `try:` the import as it is `/ except ImportError:` the same from `_markupbase`; `import urllib2
  as u2` whose uses six.moves cannot all spell (u2.__version__) but urllib.request has -> `try:` it `/ except
  ImportError: import urllib.request as u2`; `import urlparse` never used -> `try:` it `/ except ImportError:
  import urllib.parse as urlparse` (the table's `unused`: what another module takes from this one, or
  globals()['urlparse'], is the same module on Python 2). Each on a line of its own, after the line's other
  imports.
- `from UserDict import DictMixin [as D]` -> `try:` the import `/ except ImportError:` a DictMixin (D) on
  collections.abc.MutableMapping with DictMixin's own __iter__, __len__, __repr__ and has_key from keys()
  (MutableMapping asks a subclass for __iter__ and __len__; DictMixin derived them from keys()).
- `from rfc822 import formatdate` -> `try:` the import `/ except ImportError:` formatdate defined to call
  email.utils' with usegmt=True (rfc822's format, in GMT); rfc822's other names are left (rules/py3k/moves.py).
- `from new import classobj` -> `try:` the import `/ except ImportError: classobj = type` (Python 3, where every
  class is new-style: type makes a class from the same name, bases and dict).
- `from M import a, b as c` -> the same names imported from where they moved, aliased to the names the
  module uses (`from itertools import izip` -> `from six.moves import zip as izip`), so no other line
  changes; left whole when one of its removed names has no importable replacement. A parenthesised one over
  several lines keeps its names' lines and comments, split one import a module (_split_in_place).
- `M.attribute` -> its replacement (`types.StringTypes` -> `six.string_types`, `sys.maxint` -> `sys.maxsize`);
  `six.string_types` is `(basestring,)` on Python 2, not `(str, unicode)`: it matches the same objects only
  as isinstance/issubclass's class argument or an `except` clause's, so it is written only there (a
  `from types import StringTypes` only when every use is there); `type(s) in types.StringTypes` stays.
  `string.upper(s)` -> `s.upper()`, `string.join(words, sep)` -> `sep.join(words)`. `(type, types.ClassType)`
  as a class to match -> `six.class_types` (those two classes on Python 2).
Which shapes these are is decided by rules/py3k/moves.py, for check too: check reports the others under the DM
rules split off pylint's (bad-python3-import-unmoved, deprecated-*-no-equivalent), which no fixer rewrites.
"""
from __future__ import annotations

import libcst as cst
import libcst.matchers as m

import ast
import functools

from diracmod.rules.codemod import FixRule, read
from diracmod.rules.py3k.moves import (ATTRIBUTE_SYMBOLS, DICTMIXIN_BASE, JOIN_FUNCTIONS, MODULE_SYMBOL, dead_fallback,
                                       NEW_ON_PYTHON3, ModuleUses, import_left, importable, names, python3_module)
from diracmod.rules.py3k.names_fix import (arg_whitespace, atom, dotted, expression, kept_comments,
                                             last_without_comma)
from diracmod.source.statements import statements as every_statement
from diracmod.source.tables import PY2_ONLY_MODULES, STDLIB_MOVES


# Python 3's stand-in for UserDict.DictMixin: its methods that MutableMapping does not derive, as DictMixin wrote
# them (iteritems and the like are six's to call: six.iteritems(d) calls d.items() on Python 3). DictMixin asked
# nothing of a subclass (one without __setitem__ is a read-only mapping): no method stays abstract.
_DICTMIXIN = f"""\
from collections.abc import {DICTMIXIN_BASE}
class {{name}}({DICTMIXIN_BASE}):
    \"\"\"UserDict.DictMixin's __iter__, __len__, __repr__ and has_key, from keys().\"\"\"

    def __iter__(self):
        for k in self.keys():
            yield k

    def __len__(self):
        return len(self.keys())

    def __repr__(self):
        return repr(dict(self.items()))

    def has_key(self, key):
        return key in self
{{name}}.__abstractmethods__ = frozenset()
"""


# rfc822.formatdate(timeval=None): the date in GMT, "Sun, 06 Nov 1994 08:49:37 GMT"; email.utils' writes "-0000"
# for GMT unless usegmt. The import in the function binds no module-level name the module might use.
_FORMATDATE = """\
def {name}(timeval=None):
    \"\"\"rfc822.formatdate: email.utils' in GMT.\"\"\"
    from email.utils import formatdate
    return formatdate(timeval, usegmt=True)
"""


def _from_email_utils(statement: cst.ImportFrom) -> list:
    """rfc822.formatdate (each name it is imported as) as a function of its own, rfc822's format."""
    lines, blank = [], []
    for alias in statement.names:
        local = _bound(alias)
        lines.append(cst.parse_statement(_FORMATDATE.format(name=local)).with_changes(leading_lines=blank))
        blank = [cst.EmptyLine(indent=False)]
    return lines


def _import_from(module: str, aliases: list) -> cst.ImportFrom:
    """`from module import a, b as c` from [(name, local name)]."""
    names = [cst.ImportAlias(cst.Name(name), asname=None if local == name else cst.AsName(cst.Name(local)))
             for name, local in aliases]
    return cst.ImportFrom(module=expression(module), names=names)


class _Attributes(cst.CSTVisitor):
    """Every `bound.attribute` of the module in the order of the source, as ModuleUses.attribute_reads lists
    the same nodes of its ast: the nodes of apply()'s statements only have positions."""

    def __init__(self, bound: str):
        super().__init__()
        self.bound, self.found = bound, []

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if isinstance(node.value, cst.Name) and node.value.value == self.bound:
            self.found.append(node)
            return False
        return True


def _aligned(whitespace, column: int, moved: int):
    """Whitespace inside an import's parentheses whose module name changed length: a line starting exactly under
    the first name (the visual indent, `column`) starts under the new one (`moved`); any other stays (a hanging
    indent). Comment-only lines among the names likewise (tryout18 #9, tryout19 #13)."""
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace
    lines = [line.with_changes(whitespace=cst.SimpleWhitespace(" " * moved))
             if len(line.whitespace.value) == column else line for line in whitespace.empty_lines]
    last = cst.SimpleWhitespace(" " * moved) if len(whitespace.last_line.value) == column else whitespace.last_line
    return whitespace.with_changes(empty_lines=lines, last_line=last)


def _module_renamed(statement: cst.ImportFrom, name: str) -> cst.ImportFrom:
    """`from Queue import (Queue,` / `                   Empty)` with its module `name`, the continuation lines
    aligned with the parenthesis moved with it (tryout18 #9: E128 under-indented for visual indent)."""
    old = dotted(statement.module) if statement.module is not None else ""
    renamed = statement.with_changes(module=expression(name))
    if statement.lpar is None or len(name) == len(old):
        return renamed
    column, moved = len(f"from {old} import ("), len(f"from {name} import (")
    names = [alias.with_changes(comma=alias.comma.with_changes(
        whitespace_after=_aligned(alias.comma.whitespace_after, column, moved)))
        if isinstance(alias.comma, cst.Comma) else alias for alias in statement.names]
    return renamed.with_changes(names=names)


def _split_in_place(updated: cst.SimpleStatementLine, statement: cst.ImportFrom, parts: list, start: int = 0,
                    limit: int | None = None) -> list | None:
    """A parenthesised `from M import (a,` / `b)` spread over lines, split into one import a module (`parts`:
    [(module, [(name, local name)])], each in the names' order): each import with its names on the lines they had
    (a name whose line began with another import's name follows the one before it), in parentheses, continuation
    lines aligned under the new parenthesis (tryout19 #13: one line each, a new E501); each comment beside the
    name it followed, a comment-only line above the name it precedes (above the import where that name comes
    first). An import left on one line has no parentheses. A run of lines that would pass `limit` (the project's
    max-line-length; `start`: the statement's column) is re-filled (_refilled, tryout20 #18). None where a comment is
    elsewhere (_name_comments then places them)."""
    if statement.lpar is None or isinstance(statement.names, cst.ImportStar):
        return None
    aliases = list(statement.names)
    before = [statement.lpar.whitespace_after] + [alias.comma.whitespace_after for alias in aliases[:-1]]
    if not any(isinstance(w, cst.ParenthesizedWhitespace) for w in before) or any(
            _comments(alias.comma.whitespace_before) for alias in aliases if isinstance(alias.comma, cst.Comma)):
        return None
    index = {_bound(alias): at for at, alias in enumerate(aliases)}
    last = len(aliases) - 1
    column = len(f"from {dotted(statement.module)} import (")
    beside = [w.first_line if isinstance(w, cst.ParenthesizedWhitespace) and w.first_line.comment else None
              for w in before[1:]] + [None]
    lines = []
    for module, names in parts:
        members = [index.get(local) for _, local in names]
        if None in members or members != sorted(set(members)):
            return None
        moved = len(f"from {module} import (")
        first = members[0] == 0  # the import starts as the original did: its other indents stay (hanging)

        def indent(at):
            """The indent of the line that name `at` is on."""
            line = next((w for w in reversed(before[:at + 1]) if isinstance(w, cst.ParenthesizedWhitespace)), None)
            if line is None or not first:
                return cst.SimpleWhitespace(" " * moved)
            return _aligned(line, column, moved).last_line

        new = list(_import_from(module, names).names)
        for position, at in enumerate(members[:-1]):
            following = members[position + 1]
            whitespace = before[following]
            if isinstance(whitespace, cst.ParenthesizedWhitespace) or beside[at] is not None:
                above = whitespace.empty_lines if isinstance(whitespace, cst.ParenthesizedWhitespace) else ()
                above = [line.with_changes(whitespace=cst.SimpleWhitespace(" " * moved))
                         if not first or len(line.whitespace.value) == column else line for line in above]
                whitespace = cst.ParenthesizedWhitespace(
                    first_line=beside[at] or cst.TrailingWhitespace(), empty_lines=above, indent=True,
                    last_line=indent(following))
            else:
                whitespace = cst.SimpleWhitespace(" ")
            new[position] = new[position].with_changes(comma=cst.Comma(whitespace_after=whitespace))
        end = members[-1]
        leading = list(updated.leading_lines) if not lines else []
        if first:
            lpar = statement.lpar.with_changes(whitespace_after=_aligned(before[0], column, moved))
        else:
            lpar = cst.LeftParen()
            opening = before[members[0]]
            leading += list(opening.empty_lines) if isinstance(opening, cst.ParenthesizedWhitespace) else []
            leading = [line.with_changes(indent=True, whitespace=cst.SimpleWhitespace("")) for line in leading]
        if end == last:
            trailing = updated.trailing_whitespace
            if first:
                comma = aliases[last].comma
                if isinstance(comma, cst.Comma):
                    comma = comma.with_changes(whitespace_after=_aligned(comma.whitespace_after, column, moved))
                new[-1] = new[-1].with_changes(comma=comma)
                rpar = statement.rpar.with_changes(
                    whitespace_before=_aligned(statement.rpar.whitespace_before, column, moved))
            else:  # `HTTPError,  # he` / `)`: the comment goes to the line's end, if it has none
                comma = aliases[last].comma
                closing = _comments(comma.whitespace_after) if isinstance(comma, cst.Comma) else []
                closing += _comments(statement.rpar.whitespace_before)
                if closing and (trailing.comment is not None or len(closing) > 1 or closing[0][1]):
                    return None
                if closing:
                    trailing = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "),
                                                      comment=cst.Comment(closing[0][0]))
                rpar = cst.RightParen()
        else:
            rpar = cst.RightParen()
            trailing = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=beside[end].comment) \
                if beside[end] is not None else cst.TrailingWhitespace()
        new = _refilled(new, lpar, rpar, trailing, start, moved, limit)
        made = cst.ImportFrom(module=expression(module), names=new, lpar=lpar, rpar=rpar)
        if not any(isinstance(node, cst.ParenthesizedWhitespace) for node in _descendants(made)):
            bare = [*new[:-1], new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            made = made.with_changes(lpar=None, rpar=None, names=bare)
        lines.append(cst.SimpleStatementLine(body=[made], leading_lines=leading, trailing_whitespace=trailing))
    if sum(1 for line in lines for _ in _comment_nodes(line)) != sum(1 for _ in _comment_nodes(updated)):
        return None
    return lines


def _refilled(new: list, lpar: cst.LeftParen, rpar: cst.RightParen, trailing: cst.TrailingWhitespace, start: int,
              moved: int, limit: int | None) -> list:
    """The names `new` of an import in parentheses (their commas set) where a line of them would pass `limit` (the
    project's max-line-length; None: none) re-filled (tryout20 #18: the split's longer prefix made a new E501): each
    run of names whose lines no comment and no blank line ends gets as many names a line as fit, the lines after its
    first at the run's indent (under the first name, or the hanging indent). A comment stays after the name it
    follows. `start`: the statement's column; `moved`: the width of `from M import (`."""
    if limit is None or len(new) < 2:
        return new
    opening = lpar.whitespace_after
    if isinstance(opening, cst.ParenthesizedWhitespace):
        first_column, first_indent = start + len(opening.last_line.value), opening.last_line.value
    else:
        first_column, first_indent = start + moved + len(opening.value), " " * (moved + len(opening.value))
    widths = [len(_code(alias.with_changes(comma=alias.comma.with_changes(whitespace_after=cst.SimpleWhitespace(""))
                                           if isinstance(alias.comma, cst.Comma) else alias.comma))) for alias in new]
    if not isinstance(rpar.whitespace_before, cst.ParenthesizedWhitespace):
        widths[-1] += len(_code(rpar)) + (len(trailing.whitespace.value) + len(trailing.comment.value)
                                          if trailing.comment is not None else 0)
    breaks = [alias.comma.whitespace_after for alias in new[:-1]]
    runs, column, indent = [[0]], [first_column], [first_indent]
    for at, whitespace in enumerate(breaks):
        if isinstance(whitespace, cst.ParenthesizedWhitespace) and (
                whitespace.first_line.comment is not None or whitespace.empty_lines):
            if whitespace.first_line.comment is not None:
                widths[at] += len(whitespace.first_line.whitespace.value) + len(whitespace.first_line.comment.value)
            runs.append([at + 1])
            column.append(start + len(whitespace.last_line.value))
            indent.append(whitespace.last_line.value)
        else:
            runs[-1].append(at + 1)
    new = list(new)
    for run, begin, own in zip(runs, column, indent):
        at_end, longest = begin, begin
        for at in run:
            whitespace = breaks[at - 1] if at != run[0] else None
            if isinstance(whitespace, cst.ParenthesizedWhitespace):
                at_end, own = start + len(whitespace.last_line.value), whitespace.last_line.value
            elif whitespace is not None:
                at_end += len(whitespace.value)
            at_end += widths[at]
            longest = max(longest, at_end)
        if longest <= limit:
            continue
        at_end = begin + widths[run[0]]
        for at in run[1:]:
            if at_end + 1 + widths[at] > limit:
                whitespace = cst.ParenthesizedWhitespace(first_line=cst.TrailingWhitespace(), indent=True,
                                                         last_line=cst.SimpleWhitespace(own))
                at_end = start + len(own) + widths[at]
            else:
                whitespace, at_end = cst.SimpleWhitespace(" "), at_end + 1 + widths[at]
            new[at - 1] = new[at - 1].with_changes(comma=new[at - 1].comma.with_changes(whitespace_after=whitespace))
    return new


def _continued(statement: cst.ImportFrom) -> bool:
    """Is the import continued by a backslash onto more lines (`from m import a, \\` / `    b`)?"""
    return statement.lpar is None and not isinstance(statement.names, cst.ImportStar) and any(
        "\\" in _code(alias.comma) for alias in statement.names if isinstance(alias.comma, cst.Comma))


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _descendants(node: cst.CSTNode):
    """Every node below `node`, depth first."""
    for child in node.children:
        yield child
        yield from _descendants(child)


class ModuleMoves(FixRule):
    SYMBOLS = (MODULE_SYMBOL, *ATTRIBUTE_SYMBOLS.values())

    @classmethod
    def reads(cls, ctx) -> frozenset:
        """The names the reported `import M [as N]` bind: their uses may be rewritten where they are (_attributes)."""
        lines = ctx.lines(MODULE_SYMBOL)
        if not lines:
            return frozenset()
        return frozenset(alias.asname or alias.name for node in every_statement(ctx.tree)
                         if isinstance(node, ast.Import) and node.lineno in lines for alias in node.names)

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node
        self._uses = None  # rules/py3k/moves.py's view of the module, when first needed
        self._blocks = None  # id(statement) -> id(the statement list holding it), when first needed
        self._placed = set()  # (block, top): an `import top` written in place in that block

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if len(node.body) != 1:
            return
        statement = node.body[0]
        if isinstance(statement, cst.Import) and self.reported(MODULE_SYMBOL, statement):
            self._import(node, statement)
        elif isinstance(statement, cst.ImportFrom) and statement.module is not None and not statement.relative:
            module = dotted(statement.module)
            symbol = ATTRIBUTE_SYMBOLS.get(module, MODULE_SYMBOL)
            if self.reported(symbol, statement) and not self._projects(module):
                self._import_from(node, statement, module, symbol)

    def visit_Try(self, node: cst.Try) -> None:
        """`try: import cStringIO as sio / except ImportError: import StringIO as sio` whose try's import the
        rewrite removes (moves.dead_fallback): the statement becomes the try's rewritten body alone, as Python 2
        ran it, not a handler binding a name nothing reads (tryout12b #5)."""
        first = node.body.body[0] if isinstance(node.body, cst.IndentedBlock) else None
        if not (isinstance(first, cst.SimpleStatementLine) and len(first.body) == 1
                and isinstance(first.body[0], cst.Import) and self.reported(MODULE_SYMBOL, first.body[0])):
            return
        if self._uses is None:
            self._uses = ModuleUses.for_tree(self.ctx.tree)
        start = self.get_metadata(cst.metadata.PositionProvider, node).start.line
        parsed = next((s for s in every_statement(self.ctx.tree) if isinstance(s, ast.Try) and s.lineno == start),
                      None)
        if (parsed is not None and not self._projects(parsed.body[0].names[0].name)
                and dead_fallback(self._uses, parsed, self.ctx.text, self.ctx.read)):
            self.replace(node, MODULE_SYMBOL, lambda updated: updated.body.body[0].with_changes(
                leading_lines=updated.leading_lines))

    def _import(self, line, statement: cst.Import) -> None:
        """Each name check reported as bad-python3-import and moves.import_left does not leave: a six.moves module
        aliased to the name, every `name.attribute` spelled where six moved it, or the import tried."""
        if self._uses is None:
            self._uses = ModuleUses.for_tree(self.ctx.tree)
        start = self.get_metadata(cst.metadata.PositionProvider, statement).start.line
        # the same statement as ast reads it: the one Import on its line (a line of one statement only)
        parsed = next(node for node in every_statement(self.ctx.tree)
                      if isinstance(node, ast.Import) and node.lineno == start)
        kept, moved, tops, tried = [], [], [], []
        for alias, parsed_alias in zip(statement.names, parsed.names):
            bound = _bound(alias)
            move = STDLIB_MOVES.get(dotted(alias.name), {})
            python3 = python3_module(move, self._uses.of(bound, parsed)[0])
            # a module Python 3 still has (`types` in `import types, cStringIO`) is no part of the finding, nor is a
            # module of the project's (`solar` in `import solar, urllib2`, tryout20b #9: it stays, alone, and
            # futures.py makes it `from . import solar` in a package, in the same run as the rename)
            if (parsed_alias.name not in PY2_ONLY_MODULES or self._projects(parsed_alias.name)
                    or import_left(self._uses, parsed, parsed_alias, self.ctx.read)):
                kept.append(alias)
            elif python3:  # its own `try:` after the line's other statements
                fallback = cst.Import(names=[cst.ImportAlias(expression(python3), asname=cst.AsName(cst.Name(bound)))])
                tried.append((cst.Import(names=[alias.with_changes(comma=cst.MaybeSentinel.DEFAULT)]), fallback))
            elif "module" in move:
                parent, _, name = move["module"].rpartition(".")
                moved.append(_import_from(parent, [(name, bound)]))
            else:
                for attribute, holding in self._attributes(parsed, bound):
                    replacement = move["names"][attribute.attr.value]
                    self.replace(attribute, MODULE_SYMBOL, lambda updated, r=replacement: expression(r), holding)
                    tops.append(replacement.split(".")[0])
        if not moved and not tops and not tried:
            return
        statements = [statement.with_changes(names=last_without_comma(kept))] if kept else []
        statements += moved
        fallback = None if statements or tried else self._fallback_block(line, statement)
        if fallback is not None:  # tryout6 #16: no `try: import six` / `except ImportError: import StringIO` left
            self.replace(fallback, MODULE_SYMBOL, lambda updated: cst.RemovalSentinel.REMOVE)
            for top in dict.fromkeys(tops):
                if not _imported(self._module, top):
                    self.need_import(top)
            return
        for top in dict.fromkeys(tops):
            if _imported(self._module, top):
                continue
            # at the top, where the other rewrites' `import six` goes: one import, not two (tryout2 #19); in place
            # in a def or block (six imported when that code runs, as the module it replaces was: a bootstrap
            # script's function) or where the line would be left empty but for its comments
            if line not in self._module.body or not statements and not tried and _has_comments(line):
                if self._blocks is None:
                    self._blocks = _blocks(self.ctx.tree)
                block = self._blocks[id(parsed)]
                # an earlier line of the block got it: one `import six`, not one per import replaced (tryout16b
                # #5); but for a line that would be left empty with its comments
                if (block, top) in self._placed and (statements or tried or not _has_comments(line)):
                    continue
                self._placed.add((block, top))
                statements.append(cst.Import(names=[cst.ImportAlias(cst.Name(top))]))
            else:
                self.need_import(top)
        if not tried:
            self.replace(line, MODULE_SYMBOL, lambda updated: _lines(updated, statements))
            return
        self.replace(line, MODULE_SYMBOL, lambda updated: _lines_and_tries(updated, statements, tried))

    def _fallback_block(self, line, statement: cst.Import):
        """The module-level `try: <line> / except ImportError: <imports>` that `line` (an import all of whose uses
        become six's) is the whole body of, where every import of its handlers binds only what the line binds
        (`try: import cStringIO as StringIO / except ImportError: import StringIO`), without comments, else
        None: with every use spelled six's, the block chooses nothing any more, and goes whole."""
        bound = {_bound(alias) for alias in statement.names}
        block = next((node for node in self._module.body if isinstance(node, cst.Try)
                      and len(node.body.body) == 1 and node.body.body[0] is line), None)
        if block is None or block.orelse is not None or block.finalbody is not None or m.findall(block, m.Comment()):
            return None
        for handler in block.handlers:
            imports = [small for handler_line in handler.body.body
                       for small in getattr(handler_line, "body", (handler_line,))]  # lines, or a one-line suite's
            if not (m.matches(handler.type, m.Name("ImportError")) and handler.name is None and all(
                    isinstance(imported, cst.Import) and {_bound(alias) for alias in imported.names} <= bound
                    for imported in imports)):
                return None
        return block

    def _attributes(self, parsed: ast.Import, bound: str) -> list:
        """The `bound.attribute` nodes that are the uses of what `parsed` binds (rules/py3k/moves.py), among
        every `bound.attribute` (a function's own `bound` has others); each with its top-level statement."""
        attributes, _ = self._uses.of(bound, parsed)
        uses = {id(attribute) for attribute in attributes}
        every = []
        for statement in self._module.body:  # libcst's visit, in the source's order, of the statements holding one
            held = _Attributes(bound)
            read(statement, held)
            if held.found:
                in_order = _Attributes(bound)
                statement.visit(in_order)
                every += [(node, statement) for node in in_order.found]
        reads = self._uses.attribute_reads(bound)
        if len(reads) != len(every):  # the Python-2 rewrite check parsed reads other nodes: none is sure
            return []
        return [found for found, attribute in zip(every, reads) if id(attribute) in uses]

    def _import_from(self, line, statement: cst.ImportFrom, module: str, symbol: str) -> None:
        """Reported as pylint's rule, so every name has its replacement or stays (rules/py3k/moves.py)."""
        move = STDLIB_MOVES.get(module, {})
        if module == "rfc822":
            self.replace(line, symbol, lambda updated: _try_renamed(updated, _from_email_utils(statement)))
            return
        if module == "new":  # every name in NEW_ON_PYTHON3 (rules/py3k/moves.py)
            fallback = [cst.parse_statement(f"{_bound(alias)} = "
                                            f"{NEW_ON_PYTHON3[dotted(alias.name)]}") for alias in statement.names]
            self.replace(line, symbol, lambda updated: _try_renamed(updated, fallback))
            return
        if module == "UserDict" and [dotted(alias.name) for alias in statement.names] == ["DictMixin"]:
            alias = statement.names[0]
            local = alias.asname.name.value if alias.asname else "DictMixin"
            base, mixin, concrete = cst.parse_module(_DICTMIXIN.format(name=local)).body
            # one blank line around the class: it is indented (E303 counts two as too many there)
            blank = [cst.EmptyLine(indent=False)]
            fallback = [base, mixin.with_changes(leading_lines=blank), concrete.with_changes(leading_lines=blank)]
            self.replace(line, symbol, lambda updated: _try_renamed(updated, fallback))
            return
        if "renamed" in move:
            fallback = _module_renamed(statement, move["renamed"])
            self.replace(line, symbol, lambda updated: _try_renamed(updated, fallback))
            return
        if "module" in move:  # the module itself on Python 2: `from Tkinter import *` imports the same names
            self.replace(statement, symbol, lambda updated: _module_renamed(updated, move["module"]))
            return
        moved_names(self, line, statement, module, symbol)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        module = self._attribute_module(node)
        replacement = names(module).get(node.attr.value) if module else None
        if replacement:
            if replacement.startswith(f"{module}."):  # sys.maxint -> sys.maxsize, through the module's own name
                self.replace(node, ATTRIBUTE_SYMBOLS[module],
                             lambda updated: updated.with_changes(attr=cst.Name(replacement.split(".", 1)[1])))
            else:
                self.replace(node, ATTRIBUTE_SYMBOLS[module], lambda updated: expression(replacement))
                if "." in replacement:
                    self.need_import(replacement.split(".")[0])

    def visit_Tuple(self, node: cst.Tuple) -> None:
        """(type, types.ClassType) or (types.TypeType, types.ClassType), either order, where check reported the
        ClassType as fixable (rules/py3k/moves.py class_types_pair)."""
        attributes = [e.value for e in node.elements if isinstance(e.value, cst.Attribute)
                      and not (e.value.attr.value == "TypeType" and self._attribute_module(e.value) == "types")]
        if (len(node.elements) == 2 and len(attributes) == 1 and attributes[0].attr.value == "ClassType"
                and self._attribute_module(attributes[0]) == "types"):
            self.replace(node, ATTRIBUTE_SYMBOLS["types"], lambda updated: expression("six.class_types").with_changes(
                lpar=updated.lpar[1:], rpar=updated.rpar[1:]))  # the tuple's own parentheses go
            self.need_import("six")

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func  # reported as pylint's rule: called with the string first (rules/py3k/moves.py)
        if not (isinstance(func, cst.Attribute) and self._attribute_module(func) == "string"):
            return
        name = func.attr.value
        if name in STDLIB_MOVES["string"]["methods"]:
            self.replace(node, ATTRIBUTE_SYMBOLS["string"], _method_call)
        elif name in JOIN_FUNCTIONS:
            self.replace(node, ATTRIBUTE_SYMBOLS["string"], _join_call)
        elif name == "atoi" and len(node.args) == 1:  # Python 2's base: int(s, 10) refuses a number (_atoi_left)
            self.replace(node, ATTRIBUTE_SYMBOLS["string"], _base_10)

    def _attribute_module(self, node: cst.Attribute) -> str | None:
        """The module of `M.attribute` where check reported the attribute as removed (not a module of the
        project's of that name)."""
        if not isinstance(node.value, cst.Name):
            return None
        return next((m for m, s in ATTRIBUTE_SYMBOLS.items() if self.reported(s, node) and not self._projects(m)),
                    None)

    def _projects(self, module: str) -> bool:
        """Is `module` the project's own where Python 2 imports it (a sibling Tkinter.py, which its implicit
        relative import finds first, or a module at the project's root named so): not the standard one that
        check, reading the file alone, took it for. Its import stays (made explicit with absolute_import); in
        `import solar, urllib2` the statement's other modules are rewritten (_import). Under absolute_import a
        sibling is no such module (siblings.python2_own, which check asks too)."""
        return module.split(".")[0] in self.ctx.python2_own


def moved_names(rule: FixRule, line, statement: cst.ImportFrom, module: str, symbol: str) -> None:
    """`from module import a, b as c` (the one statement of `line`) with each name the stdlib_moves table moves
    imported from its new place under the name it bound, the others kept from `module` (`from itertools import
    izip, chain` -> `from itertools import chain` / `from six.moves import zip as izip`), written by `rule` under
    `symbol`: ModuleMoves' names of pylint's rules, GetcwduToSixMoves' `from os import getcwdu`."""
    moved = STDLIB_MOVES.get(module, {}).get("names", {})
    kept, sources = [], {}
    for alias in statement.names:
        name = dotted(alias.name)
        local = alias.asname.name.value if alias.asname else name
        found = importable(moved[name]) if name in moved else None
        if found:
            sources.setdefault(found[0], []).append((found[1], local))
        else:  # a name the module still has
            kept.append((name, local))
    if module in sources:  # `from string import digits, ascii_letters as letters`: one statement
        kept += sources.pop(module)
    grouped = ([kept] if kept else []) + list(sources.values())
    statements = ([_import_from(module, kept)] if kept else []) + [_import_from(m, a) for m, a in sources.items()]
    parts = ([(module, kept)] if kept else []) + list(sources.items())
    start = rule.get_metadata(cst.metadata.PositionProvider, statement).start.column
    split = functools.partial(_split_in_place, statement=statement, parts=parts, start=start,
                              limit=rule.ctx.max_line)
    if split(line) is not None:  # the names' lines kept (tryout19 #13)
        rule.replace(line, symbol, lambda updated: cst.FlattenSentinel(split(updated)))
        return
    comments = _name_comments(line, statement)
    if comments is None and _continued(statement) and line.trailing_whitespace.comment is not None:
        # `from urllib2 import urlopen, \` / `    URLError  # errors`: the comment after the last name goes with
        # its import (tryout20 #9)
        last = _bound(statement.names[-1])
        comments = {last: [(line.trailing_whitespace.comment.value, False)]}
    if comments is None:
        rule.replace(line, symbol, lambda updated: _lines(updated, statements))
    else:  # each new line takes the comments of its names (tryout16 #8)
        rule.replace(line, symbol, lambda updated: _commented_lines(
            updated, statements, [[c for _, local in names for c in comments.get(local, ())] for names in grouped]))


def _method_call(updated: cst.Call) -> cst.Call:
    """string.upper(s, *rest) -> s.upper(*rest)."""
    receiver, *rest = updated.args
    method = cst.Attribute(value=atom(receiver.value), attr=updated.func.attr)
    return updated.with_changes(func=method, args=last_without_comma(rest), whitespace_before_args=kept_comments(
        updated.whitespace_before_args, *arg_whitespace(receiver)))


def _base_10(updated: cst.Call) -> cst.Call:
    """int(s) -> int(s, 10) (string.atoi(s): Python 2's string module passes int() its base); a comment after the
    string (in its comma) follows the base."""
    string = updated.args[0]
    comma = string.comma if isinstance(string.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT
    base = cst.Arg(cst.Integer("10"), comma=comma, whitespace_after_arg=string.whitespace_after_arg)
    return updated.with_changes(args=[string.with_changes(
        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")), whitespace_after_arg=cst.SimpleWhitespace("")),
        base])


def _join_call(updated: cst.Call) -> cst.Call:
    """string.join(words[, sep]) -> sep.join(words) (" " by default)."""
    words, *given = updated.args  # the comments beside the separator follow the words
    words = last_without_comma([words.with_changes(whitespace_after_arg=kept_comments(
        words.whitespace_after_arg, *(w for arg in given for w in arg_whitespace(arg))))])[0]
    separator = given[0].value if given else cst.SimpleString('" "')
    return updated.with_changes(func=cst.Attribute(value=atom(separator), attr=cst.Name("join")), args=[words])


def _imported(module: cst.Module, name: str) -> bool:
    """The module already has `import name` at its top level (a second run must not add another)."""
    return any(isinstance(statement, cst.Import) and any(alias.asname is None and dotted(alias.name) == name
                                                         for alias in statement.names)
               for line in module.body if isinstance(line, cst.SimpleStatementLine) for statement in line.body)


def _blocks(tree: ast.Module) -> dict:
    """id(statement) -> id(the statement list holding it: a module's, def's or block's body, an else, a handler's)."""
    found = {}
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                found.update((id(statement), id(block)) for statement in block)
    return found


def _bound(alias: cst.ImportAlias) -> str:
    """The name `import <alias>` binds as the import's uses know it (`a.b` for `import a.b`)."""
    return alias.asname.name.value if alias.asname else dotted(alias.name)


def _has_comments(line: cst.SimpleStatementLine) -> bool:
    return any(empty.comment for empty in line.leading_lines) or line.trailing_whitespace.comment is not None


def _try_renamed(updated: cst.SimpleStatementLine, fallback) -> cst.Try:
    """try: <the import as it was> / except ImportError: <fallback: a statement, or statement lines>; the
    line's comments stay on it."""
    lines = fallback if isinstance(fallback, (list, tuple)) else [cst.SimpleStatementLine([fallback])]
    handler = cst.ExceptHandler(cst.IndentedBlock(lines), type=cst.Name("ImportError"))
    return cst.Try(cst.IndentedBlock([updated.with_changes(leading_lines=[])]), handlers=[handler],
                   leading_lines=updated.leading_lines)


def _lines_and_tries(updated: cst.SimpleStatementLine, statements: list, tried: list) -> cst.FlattenSentinel:
    """One import line -> these statements, one a line, then `try: <import> / except ImportError: <fallback>`
    for each (import, fallback) tried; the first keeps the line's comments."""
    if statements:
        first = _lines(updated, statements)
        nodes = list(first.nodes) if isinstance(first, cst.FlattenSentinel) else [first]
        bare = updated.with_changes(leading_lines=[], trailing_whitespace=cst.TrailingWhitespace())
    else:
        nodes, bare = [], updated
    for statement, fallback in tried:
        nodes.append(_try_renamed(bare.with_changes(body=[statement]), fallback))
        bare = updated.with_changes(leading_lines=[], trailing_whitespace=cst.TrailingWhitespace())
    return cst.FlattenSentinel(nodes)


def _comments(whitespace) -> list:
    """(comment, alone) of a piece of whitespace inside parentheses (a comment ends each of its lines): alone for a
    comment-only line, not for one ending the line before (beside a name)."""
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return []
    lines = [(whitespace.first_line, False), *((line, True) for line in whitespace.empty_lines)]
    return [(line.comment.value, alone) for line, alone in lines if line.comment is not None]


def _name_comments(line: cst.SimpleStatementLine, statement: cst.ImportFrom) -> dict | None:
    """{local name: its comments, (comment, alone)} of a parenthesised `from m import (a,  # a's` / `b)  # b's`, one
    comment a line (alone: on a line of its own):
    a name's are those after it up to the next name (after its comma; the line's own after the closing parenthesis
    for the last name), those after the opening parenthesis the first name's. None where there is no comment
    inside the parentheses, or one this does not place (the line then stays one statement's: _lines)."""
    if statement.lpar is None or isinstance(statement.names, cst.ImportStar):
        return None
    names = list(statement.names)
    found = {}
    for index, alias in enumerate(names):
        local = alias.asname.name.value if alias.asname else dotted(alias.name)
        here = _comments(statement.lpar.whitespace_after) if index == 0 else []
        if isinstance(alias.comma, cst.Comma):
            here += _comments(alias.comma.whitespace_before) + _comments(alias.comma.whitespace_after)
        if index == len(names) - 1:
            here += _comments(statement.rpar.whitespace_before)
            if line.trailing_whitespace.comment is not None:
                here.append((line.trailing_whitespace.comment.value, False))
        found.setdefault(local, []).extend(here)
    placed = sum(map(len, found.values()))
    inside = sum(1 for _ in _comment_nodes(statement))
    if not inside or placed != inside + (line.trailing_whitespace.comment is not None):
        return None
    return found


def _comment_nodes(node: cst.CSTNode):
    return (child for child in _descendants(node) if isinstance(child, cst.Comment))


def _commented_lines(updated: cst.SimpleStatementLine, statements: list, comments: list) -> cst.FlattenSentinel:
    """One import line -> these statements, one a line, each with its names' comments (the last after it, the
    others on lines above it); the first keeps the line's leading comments. A comment-only line (`alone`) never
    goes after a statement, where it would read as describing it (tryout18 #9): the last comment beside a name
    does, the others go above, in their order."""
    nodes = []
    for index, (statement, own) in enumerate(zip(statements, comments)):
        beside = max((at for at, (_, alone) in enumerate(own) if not alone), default=None)
        above = [cst.EmptyLine(comment=cst.Comment(comment)) for at, (comment, _) in enumerate(own) if at != beside]
        after = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(own[beside][0])) \
            if beside is not None else cst.TrailingWhitespace()
        nodes.append(cst.SimpleStatementLine(body=[statement], trailing_whitespace=after,
                                             leading_lines=(list(updated.leading_lines) if index == 0 else []) + above))
    return cst.FlattenSentinel(nodes)


def _lines(updated: cst.SimpleStatementLine, statements: list):
    """One import line -> these statements, one a line; the first keeps the line's comments."""
    if not statements:
        return cst.RemovalSentinel.REMOVE
    first = updated.with_changes(body=[statements[0]])
    return cst.FlattenSentinel([first, *(cst.SimpleStatementLine(body=[s]) for s in statements[1:])])


FIXERS = (ModuleMoves,)

"""Fixers for runtime semantics: what runtime.py detects (sys.exc_type, os.getcwdu) and the py3k rules whose
fix had been left to a person (`x.encode('hex')`, `cmp(a, b)`, `e.message`). Each keeps Python 2's result;
the catalogue marks `exception-message-attribute` unsafe (see its entry)."""
from __future__ import annotations

import ast

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, PositionProvider

from diracmod.rules.codemod import FixRule
from diracmod.rules.own_six import WRITES
from diracmod.rules.py3k.names_fix import expression
from diracmod.rules.py3k.classes import cmp_method_left, own_cmp_class
from diracmod.rules.py3k.dropped_argument import without_argument
from diracmod.rules.py3k.imports_fix import moved_names
from diracmod.rules.py3k.shadowing_fix import NameIntroducingRule
from diracmod.source.scopes import class_body_bindings

_EXC_INFO_INDEX = {"exc_type": 0, "exc_value": 1, "exc_traceback": 2}
# Parents a `(a > b) - (a < b)` standing for a call needs parentheses in (a call binds tighter than all these).
_TIGHTER_PARENTS = (cst.BinaryOperation, cst.UnaryOperation, cst.Attribute, cst.Subscript, cst.Call, cst.Await)


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class SysExcToExcInfo(FixRule):
    """sys.exc_type / exc_value / exc_traceback -> sys.exc_info()[0 / 1 / 2]: what Python 2 copied them from."""
    SYMBOLS = ("sys-exc-attribute",)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in _EXC_INFO_INDEX and self.reported("sys-exc-attribute", node):
            self.replace(node, "sys-exc-attribute", _exc_info_item)


def _exc_info_item(updated: cst.Attribute) -> cst.Subscript:
    call = cst.Call(cst.Attribute(updated.value, cst.Name("exc_info")))
    index = cst.Integer(str(_EXC_INFO_INDEX[updated.attr.value]))
    return cst.Subscript(call, [cst.SubscriptElement(cst.Index(index))], lpar=updated.lpar, rpar=updated.rpar)


class GetcwduToSixMoves(NameIntroducingRule):
    """os.getcwdu -> six.moves.getcwd (os.getcwdu on Python 2, os.getcwd on Python 3); `from os import getcwdu
    [as cwd]` -> `from six.moves import getcwd as getcwdu` (`as cwd`), the other names kept from os (tryout20 #17:
    the very function on Python 2, `six.moves.getcwd is os.getcwdu`)."""
    SYMBOLS = ("os-getcwdu",)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        statement = node.body[0]
        if len(node.body) == 1 and isinstance(statement, cst.ImportFrom) and self.reported("os-getcwdu", statement):
            moved_names(self, node, statement, "os", "os-getcwdu")

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "getcwdu" and self.reported("os-getcwdu", node):
            self.propose(node, "os-getcwdu", lambda updated: expression(WRITES["os-getcwdu"]).with_changes(
                lpar=updated.lpar, rpar=updated.rpar), names=("six",), imports=(("six", None),))


class CodecMethodToCodecs(NameIntroducingRule):
    """x.encode('hex') -> codecs.encode(x, 'hex'), x.decode('base64') -> codecs.decode(x, 'base64'): on Python 2
    the method calls the very same codec; on Python 3 only codecs reaches the bytes-to-bytes codecs. The codec
    in another spelling (`'HEX'`) or by keyword (`encoding='hex'`: invalid-str-codec-spelled) alike; keywords become
    positional arguments, since Python 2's codecs.encode/decode take none (TypeError)."""
    SYMBOLS = ("invalid-str-codec", "invalid-str-codec-spelled")

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("encode", "decode")
                and not any(a.star for a in node.args) and _positional(node.args) is not None):
            return
        symbol = next((s for s in self.SYMBOLS if self.reported(s, node)), None)
        if symbol:
            self.propose(node, symbol, _codecs_call, names=("codecs",), imports=(("codecs", None),))


def _positional(args) -> list | None:
    """The arguments of str.encode/decode(encoding, errors) in that order, all positional; None where they are not
    just those two."""
    positional = [a.value for a in args if a.keyword is None]
    named = {a.keyword.value: a.value for a in args if a.keyword is not None}
    order = ("encoding", "errors")[len(positional):]
    if set(named) - set(order) or len(positional) > 2:
        return None
    ordered = positional + [named[name] for name in order if name in named]
    return ordered if len(ordered) == len(positional) + len(named) and all(
        name in named for name in order[:len(named)]) else None


def _codecs_call(updated: cst.Call) -> cst.Call:
    receiver, values = updated.func.value, _positional(updated.args)
    if all(a.keyword is None for a in updated.args):  # as written, comments and all
        args = list(updated.args)
    else:
        args = [cst.Arg(value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if more else
                        cst.MaybeSentinel.DEFAULT) for value, more in zip(values, [True] * (len(values) - 1) + [False])]
    return updated.with_changes(func=cst.Attribute(cst.Name("codecs"), updated.func.attr),
                                args=[cst.Arg(receiver, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                                      *args])


class CmpToComparisons(NameIntroducingRule):
    """cmp(a, b) -> (a > b) - (a < b): Python 2's cmp() asks the rich comparisons (then __cmp__) and gives the
    same -1, 0 or 1 where ==, < and > form a total order; not for NaN (cmp gives -1, this 0) nor sets (cmp
    raises TypeError): the rule's rationale and README's known limits say so. Only for operands that can be read twice (names, attributes,
    literals, subscripts and tuples of those: rules/py3k/operands.py, where check reports the others as
    cmp-builtin-operands-read-twice); parenthesised where the parent binds tighter than `-`.
    `cmp` as a value (`sorted(x, cmp)`, `sortUsing=cmp`) -> `getattr(six.moves.builtins, "cmp", lambda a, b:
    (a > b) - (a < b))`, in staticmethod(...) for a class attribute (`sortTestMethodsUsing = cmp`)."""
    SYMBOLS = ("cmp-builtin",)
    METADATA_DEPENDENCIES = (PositionProvider, ParentNodeProvider)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value != "cmp" or not self.reported("cmp-builtin", node):
            return
        call = self.get_metadata(ParentNodeProvider, node)
        if isinstance(call, cst.Call) and call.func is node:
            if not m.findall(call, m.Comment()):  # operands read twice safely (rules/py3k/operands.py, for check)
                tight = isinstance(self.get_metadata(ParentNodeProvider, call), _TIGHTER_PARENTS)
                self.replace(call, "cmp-builtin", lambda updated: _comparisons(updated, tight))
        else:
            # Python 2 keeps its very builtin (`x is cmp` still holds), Python 3 gets the same answers; a function
            # stored as a class attribute would become a method on Python 3: staticmethod keeps it a function
            # (and returns the builtin itself on Python 2)
            value = 'getattr(six.moves.builtins, "cmp", lambda a, b: (a > b) - (a < b))'
            if self._class_attribute(node, call):
                value = f"staticmethod({value})"
            self.propose(node, "cmp-builtin", lambda updated: cst.parse_expression(value),
                         names=("six", "getattr", "staticmethod"), imports=(("six", None),))

    def _class_attribute(self, node, assign) -> bool:
        """`name = cmp` directly in a class body (`class A: key = cmp` too)."""
        if not (isinstance(assign, cst.Assign) and assign.value is node):
            return False
        line = self.get_metadata(ParentNodeProvider, assign)  # a line, or the statements after a colon
        block = line if isinstance(line, cst.SimpleStatementSuite) else self.get_metadata(ParentNodeProvider, line)
        # the module, a block's owner at the top level, has no parent
        return isinstance(self.get_metadata(ParentNodeProvider, block, None), cst.ClassDef)


def _comparisons(updated: cst.Call, parenthesize: bool) -> cst.BaseExpression:
    a, b = (arg.value.with_changes(lpar=[], rpar=[]) for arg in updated.args)
    a, b = (_parenthesized(v) if isinstance(v, cst.Tuple) else v for v in (a, b))

    def compared(operator):
        return _parenthesized(cst.Comparison(a, [cst.ComparisonTarget(operator, b)]))
    difference = cst.BinaryOperation(compared(cst.GreaterThan()), cst.Subtract(), compared(cst.LessThan()),
                                     lpar=updated.lpar, rpar=updated.rpar)
    return _parenthesized(difference) if parenthesize and not updated.lpar else difference


class MessageToStr(NameIntroducingRule):
    """e.message -> str(e): the same text for an exception built with one str argument; not for others (no
    argument or several: Python 2's message was '', str(e) is not; a unicode argument: str(e) may raise on
    Python 2), so the catalogue marks it unsafe. Never an assignment target (`self.message = ...`)."""
    SYMBOLS = ("exception-message-attribute",)
    METADATA_DEPENDENCIES = (PositionProvider, ParentNodeProvider)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if not (node.attr.value == "message" and self.reported("exception-message-attribute", node)):
            return
        parent = self.get_metadata(ParentNodeProvider, node)
        if isinstance(parent, (cst.AssignTarget, cst.Del)) or (
                isinstance(parent, (cst.AugAssign, cst.AnnAssign)) and parent.target is node):
            return
        self.propose(node, "exception-message-attribute", lambda updated: cst.Call(
            cst.Name("str"), [cst.Arg(updated.value)], lpar=updated.lpar, rpar=updated.rpar), names=("str",))


class TranslateDeleteToHybrid(NameIntroducingRule):
    """s.translate(None, chars) -> (s.translate(None, chars) if six.PY2 or isinstance(s, (bytes, bytearray)) else
    s.translate(dict.fromkeys(map(ord, chars)))): Python 2 makes the very call whatever the receiver (tryout26 #1:
    a UserString, or a unicode whose TypeError code catches, took the text branch), as do Python 3's bytes and
    bytearray (tryout8 #15); a Python 3 text string deletes the same characters through the mapping its
    str.translate wants. Only for a receiver read twice without a side effect. `else` (and `if` where the line
    would pass pycodestyle's default 79 columns) starts a line of its own, under the first character after the
    parenthesis (tryout6 #5: one line was E501 on fix's own output)."""
    SYMBOLS = ("deprecated-str-translate-call",)

    def visit_Call(self, node: cst.Call) -> None:
        if (isinstance(node.func, cst.Attribute) and len(node.args) == 2 and not m.findall(node, m.Comment())
                and self.reported("deprecated-str-translate-call", node)):  # a receiver read twice safely
            breaks = self._breaks(node)
            self.propose(node, "deprecated-str-translate-call", lambda updated: _translate_either(updated, breaks),
                         names=("six", "isinstance", "bytes", "bytearray", "dict", "map", "ord"),
                         imports=(("six", None),))

    def _breaks(self, node: cst.Call) -> tuple:
        """(the column `else` goes to on a line of its own, whether `if` does too: when the call and its `if` clause
        would pass 79 characters on the first line). The one-line rewrite never fits in 79 (it adds 71 characters
        and the receiver twice). The column is the first after the parenthesis (the call's own, whose position
        libcst gives without it, or the one the rewrite adds)."""
        where = self.get_metadata(PositionProvider, node)
        code = cst.Module([]).code_for_node
        column = where.start.column + (0 if node.lpar else 1)
        test = len(" if six.PY2 or isinstance(, (bytes, bytearray))") + len(code(node.func.value))
        first_line = column + len(code(node)) + test
        return column, where.start.line != where.end.line or first_line > _PYCODESTYLE_MAX_LINE


_PYCODESTYLE_MAX_LINE = 79


def _translate_either(updated: cst.Call, breaks: tuple) -> cst.IfExp:
    receiver, chars = updated.func.value, updated.args[1].value.with_changes(lpar=[], rpar=[])
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    codes = cst.Call(cst.Name("map"), [cst.Arg(cst.Name("ord"), comma=comma), cst.Arg(chars)])
    table = cst.Call(cst.Attribute(cst.Name("dict"), cst.Name("fromkeys")), [cst.Arg(codes)])
    binary = cst.Tuple([cst.Element(cst.Name("bytes"), comma=comma), cst.Element(cst.Name("bytearray"))])
    binary_test = cst.Call(cst.Name("isinstance"), [cst.Arg(receiver, comma=comma), cst.Arg(binary)])
    test = cst.BooleanOperation(expression(WRITES["deprecated-str-translate-call"]), cst.Or(), binary_test)
    text = cst.Call(updated.func, [cst.Arg(table)])
    space = cst.SimpleWhitespace(" ")
    column, before_if = breaks
    new_line = cst.ParenthesizedWhitespace(last_line=cst.SimpleWhitespace(" " * column))
    return cst.IfExp(test, updated.with_changes(lpar=[], rpar=[]), text, whitespace_before_else=new_line,
                     whitespace_before_if=new_line if before_if else space,
                     lpar=updated.lpar or [cst.LeftParen()], rpar=updated.rpar or [cst.RightParen()])


class PositionalCmpToKey(NameIntroducingRule):
    """items.sort(compare) / sorted(items, compare), `reverse=` kept -> key=functools.cmp_to_key(compare) (Python
    2.7+: the same comparisons in the same stable sort). Check reports the shapes this is not made for as
    positional-cmp-argument-not-simple (rules/py3k/runtime.py)."""
    SYMBOLS = ("positional-cmp-argument",)

    def visit_Call(self, node: cst.Call) -> None:
        if self.reported("positional-cmp-argument", node):
            self.propose(node, "positional-cmp-argument", _cmp_as_key, names=("functools",),
                         imports=(("functools", None),))


def _cmp_as_key(updated: cst.Call) -> cst.Call:
    """The comparison function is the last positional argument (check reports only that shape, with at most
    `reverse=` after it): it becomes key=functools.cmp_to_key(compare) in its place, the keywords kept."""
    compare = [arg for arg in updated.args if arg.keyword is None][-1]
    to_key = cst.Call(cst.Attribute(cst.Name("functools"), cst.Name("cmp_to_key")),
                      [cst.Arg(compare.value, comma=cst.MaybeSentinel.DEFAULT)])
    key = compare.with_changes(keyword=cst.Name("key"), value=to_key, equal=cst.AssignEqual(
        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
    return updated.with_changes(args=[key if arg is compare else arg for arg in updated.args])


class PositionalCmpNoneDropped(FixRule):
    """items.sort(None, reverse=True) / sorted(items, None) -> items.sort(reverse=True) / sorted(items): None is
    Python 2's default comparison, so the call is the same there; the comments around the None stay
    (rules/py3k/dropped_argument.py). Check reports positional-cmp-none only with at most `key=` and `reverse=`
    after the None (rules/py3k/runtime.py)."""
    SYMBOLS = ("positional-cmp-none",)

    def visit_Call(self, node: cst.Call) -> None:
        if self.reported("positional-cmp-none", node):
            self.replace(node, "positional-cmp-none", lambda updated: without_argument(
                updated, [arg for arg in updated.args if arg.keyword is None][-1]))  # the None: last positional


_FROM_CMP = cst.parse_module(
    "def __eq__(self, other):\n    return self.__cmp__(other) == 0\n\n"
    "def __lt__(self, other):\n    return self.__cmp__(other) < 0\n").body
_IDENTITY_HASH = cst.parse_statement("__hash__ = object.__hash__\n")


class CmpMethodToTotalOrdering(NameIntroducingRule):
    """A class with `__cmp__` and no rich comparison, based on object or nothing: `@functools.total_ordering`
    and `__eq__`/`__lt__` calling `__cmp__` after it (Python 2 asks them first, with the same answers, and
    total_ordering derives <=, >, >=; != falls back to __cmp__ on Python 2 and to __eq__ on Python 3). Unless
    the class has its own __hash__, `__hash__ = object.__hash__` keeps instances hashable on Python 3 (which
    drops __hash__ with __eq__) as a new-style class's were on Python 2; an old-style class's were not, one
    reason the catalogue marks the rewrite unsafe. Which classes: classes.cmp_method_left decides, for fix's
    summary too (why_left)."""
    SYMBOLS = ("cmp-method",)

    @staticmethod
    def why_left(tree: ast.Module, finding, plain: frozenset = frozenset()) -> str:
        """Why this rewrite leaves `finding` (a cmp-method finding in the module `tree`), or "" (`plain`: the
        project index's plain classes, ProjectIndex.plain)."""
        return cmp_method_left(own_cmp_class(tree, finding.line), tree, plain)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        cmp = next((s for s in node.body.body if m.matches(s, m.FunctionDef(name=m.Name("__cmp__")))), None)
        if cmp is None or not self.reported("cmp-method", cmp):
            return
        klass = own_cmp_class(self.ctx.tree, self.get_metadata(PositionProvider, cmp).start.line)
        if cmp_method_left(klass, self.ctx.tree, self.ctx.plain):
            return
        bound = {binding.name for binding in class_body_bindings(klass)}
        added = [*_FROM_CMP, *(() if "__hash__" in bound else (_IDENTITY_HASH,))]
        self.propose(node, "cmp-method", lambda updated: _with_rich_comparisons(updated, added),
                     names=("functools",), imports=(("functools", None),))


def _with_rich_comparisons(updated: cst.ClassDef, added) -> cst.ClassDef:
    body = list(updated.body.body)
    at = next(i for i, s in enumerate(body) if m.matches(s, m.FunctionDef(name=m.Name("__cmp__")))) + 1
    blank = [cst.EmptyLine(indent=False)] if any(s.leading_lines for s in body[1:]) else []  # the class's spacing
    new = [s.with_changes(leading_lines=blank) for s in added]
    decorator = cst.Decorator(cst.Attribute(cst.Name("functools"), cst.Name("total_ordering")))
    return updated.with_changes(decorators=[*updated.decorators, decorator],
                                body=updated.body.with_changes(body=[*body[:at], *new, *body[at:]]))


class ViewToList(NameIntroducingRule):
    """for k, v in d.items(): ... (the body resizing d) -> for k, v in list(d.items()): ...: Python 2's items()
    is a list already (list() copies it: the same values in the same order), Python 3 gets a list of the
    view taken before the loop changes the dict, as Python 2 had."""
    SYMBOLS = ("namespace-dict-changed-during-iteration",)

    def visit_For(self, node: cst.For) -> None:
        # a body that also deletes from it (`del globals()[name]`) is dict-keys-not-iterating's too, which lists
        # the view itself (calls_fix.WrapInList, or fissix's fix_dict in the syntax stage)
        if self.reported("namespace-dict-changed-during-iteration", node.iter) and not any(
                self.reported(f"dict-{view}-not-iterating", node.iter) for view in ("keys", "items", "values")):
            self.propose(node.iter, "namespace-dict-changed-during-iteration", lambda updated: cst.Call(
                cst.Name("list"), [cst.Arg(updated.with_changes(lpar=[], rpar=[]))],
                lpar=updated.lpar, rpar=updated.rpar), names=("list",))


class StopIterationToReturn(FixRule):
    """`raise StopIteration` (no arguments) in a generator's own body -> `return`, which Python 2 runs alike where
    nothing of the generator catches the raise nor a `with` sees it (rules/py3k/generator_stop.py decides, for
    check too), and which Python 3.7's generators do not turn into RuntimeError (PEP 479)."""
    SYMBOLS = ("stop-iteration-raised",)

    def visit_Raise(self, node: cst.Raise) -> None:
        if self.reported("stop-iteration-raised", node):
            self.replace(node, "stop-iteration-raised", lambda updated: cst.Return(semicolon=updated.semicolon))


FIXERS = (SysExcToExcInfo, GetcwduToSixMoves, CodecMethodToCodecs, CmpToComparisons, MessageToStr,
          CmpMethodToTotalOrdering, TranslateDeleteToHybrid, PositionalCmpToKey, PositionalCmpNoneDropped, ViewToList,
          StopIterationToReturn)

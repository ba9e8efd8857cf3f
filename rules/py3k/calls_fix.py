"""Fixers for what calls.py detects: dict methods, iterator results a list is needed from, `it.next()`,
`f.xreadlines()`, `cmp=` sorting and `exc[0]`. Each rewrites only the node check reported, and only in the
shape the detector describes; a rewrite that would name `list`, `next`, `six` or `functools` is not made in
a module that binds that name itself (shadowing_fix; `next(it)` becomes `six.next(it)` there)."""
from __future__ import annotations

import ast

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ParentNodeProvider, PositionProvider

from diracmod.core.lines import split_lines
from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.builtin_uses import APPLY_LISTED
from diracmod.rules.py3k.dropped_argument import without_argument
from diracmod.rules.py3k.moves import read_only
from diracmod.rules.py3k.shadowing_fix import NameIntroducingRule
from diracmod.source.scopes import FUNCTIONS, function_locals

# Operands looser than a comparison (and `not x`): as the key of `key in d` they need parentheses.
_LOOSER_THAN_COMPARISON = (cst.Comparison, cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr, cst.Yield)
# Where `k in d` replacing a call stands without parentheses: the places any expression down to a comparison
# fills (a statement's, an argument's, an element's, an operand of `and`/`or`, a part of `a if b else c`...).
# Anywhere else it needs them (a call binds tighter than anything else): either side of another comparison
# (`x == k in d` is a chain), an operand of an arithmetic, bitwise or unary operator or of `await`, the
# receiver of an attribute, subscript or call, a `*`/`**` argument or element, and a parent not listed here.
_COMPARISON_FITS = (cst.Expr, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Arg, cst.Element,
                    cst.DictElement, cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.Index, cst.Slice, cst.CompIf,
                    cst.CompFor, cst.If, cst.While, cst.For, cst.WithItem, cst.Assert, cst.Raise, cst.Yield,
                    cst.NamedExpr, cst.Param, cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node if node.lpar else node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _method_call(node: cst.Call, names, args: int = 0) -> bool:
    """`receiver.name(...)` with `args` positional arguments and nothing else."""
    return (isinstance(node.func, cst.Attribute) and node.func.attr.value in names and len(node.args) == args
            and all(a.keyword is None and not a.star for a in node.args))


def _without_comments(node: cst.CSTNode) -> bool:
    """The rewrite rebuilds this call from its parts: a comment between them would be lost."""
    return not m.findall(node, m.Comment())


class HasKeyToIn(FixRule):
    """d.has_key(k) -> k in d; not d.has_key(k) -> k not in d; parenthesised where precedence needs it; the
    attribute otherwise read -> d.__contains__, and so the call where the order of `d` and `k` may show
    (_order_shows): Python 2 evaluated `d` before `k`, `k in d` evaluates `k` first (tryout26c #1, tryout27 #7).
    Not in a module one of whose classes defines has_key (a method or an alias): `d` may be one of its
    objects, which need not support `in` (or mean the same by it); check reports those calls as
    dict-has-key-class-defined (calls.py). os.environ (environ-has-key) is os's mapping whatever the module
    defines."""
    SYMBOLS = ("dict-has-key", "environ-has-key")
    METADATA_DEPENDENCIES = (PositionProvider, ParentNodeProvider)

    def visit_Module(self, node: cst.Module) -> None:
        self._text_lines = None
        self._function_locals = {}

    def visit_Call(self, node: cst.Call) -> None:
        symbol = self._symbol(node) if self._as_membership(node) else None
        if symbol is None:
            return
        parent = self.get_metadata(ParentNodeProvider, node)
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            touching = self._touches_word(parent)
            self.replace(parent, symbol, lambda updated: _membership(
                updated.expression.with_changes(lpar=updated.lpar, rpar=updated.rpar), cst.NotIn(), touching))
            return
        tight = not _comparison_fits(parent) or self._touches_word(node)
        self.replace(node, symbol, lambda updated: _membership(updated, cst.In(), tight))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        """`d.has_key` otherwise read (`filter(d.has_key, names)`, `d.has_key(*keys)`, a call with a comment in
        it) -> d.__contains__: on Python 2 the very method has_key is for a dict and for os.environ (UserDict
        defines both alike), and Python 3's dict and os.environ have it."""
        if node.attr.value != "has_key":
            return
        call = self.get_metadata(ParentNodeProvider, node)
        if isinstance(call, cst.Call) and call.func is node and self._as_membership(call):
            return
        symbol = self._symbol(node)
        if symbol:
            self.replace(node, symbol, lambda updated: updated.with_changes(attr=cst.Name("__contains__")))

    def _as_membership(self, call: cst.Call) -> bool:
        """Is `call` rewritten as `k in d`? Not as a decorator (`@d.has_key(k)`): Python 2.7's grammar takes a
        dotted name and one call there, so `@(k in d)` would not parse; it becomes `@d.__contains__(k)`."""
        return (_rewritten_as_membership(call) and not self._order_shows(call)
                and not isinstance(self.get_metadata(ParentNodeProvider, call), cst.Decorator))

    def _order_shows(self, call: cst.Call) -> bool:
        """May `k in d` for `d.has_key(k)` show that it evaluates `k` before `d`: may one side run code (neither a
        literal, a name nor an attribute of a name: moves.read_only) and the other be neither a literal nor a
        variable of the function around the call (an attribute, a global or a closure's name the code may rebind:
        `self.data.has_key(self.key(name))`, tryout27 #7; `registry().has_key(current)`, tryout28 #9)?
        `d.__contains__(k)` keeps Python 2's order."""
        parts = [_as_ast(part) for part in (call.func.value, call.args[0].value)]
        return any(map(_runs_code, parts)) and not any(
            isinstance(part, ast.Constant) or isinstance(part, ast.Name) and part.id in self._locals(call)
            for part in parts)

    def _locals(self, call: cst.Call) -> set:
        """The variables (scopes.function_locals) of the def or lambda whose body holds `call`: none outside a
        function or in a class body. Read from the module's ast, whole where libcst's holds stand-ins."""
        where = self.get_metadata(PositionProvider, call)
        scope = _innermost_scope(self.ctx.tree, (where.start.line, where.start.column))
        if not isinstance(scope, FUNCTIONS):
            return set()
        if scope not in self._function_locals:
            self._function_locals[scope] = function_locals(scope)
        return self._function_locals[scope]

    def _touches_word(self, node: cst.CSTNode) -> bool:
        """Does a keyword touch `node` in the text (`d.has_key(k)and x`, `1if d.has_key(k)else 2`)? The call's
        parentheses end it, `k in d` ends with a name: parenthesised, as libcst then requires."""
        where = self.get_metadata(PositionProvider, node)
        lines = self._lines()
        before = lines[where.start.line - 1][:where.start.column][-1:]
        after = lines[where.end.line - 1][where.end.column:][:1]
        return any(c.isalnum() or c == "_" for c in before + after)

    def _lines(self) -> list:
        if self._text_lines is None:
            self._text_lines = split_lines(self.ctx.text)
        return self._text_lines

    def _symbol(self, node: cst.CSTNode) -> str | None:
        """The has_key finding at `node`, if it is one this rule rewrites."""
        return next((symbol for symbol in self.SYMBOLS if self.reported(symbol, node)), None)


def _rewritten_as_membership(call: cst.Call) -> bool:
    """`d.has_key(k)` (one plain argument, no comment to lose): HasKeyToIn makes it `k in d`."""
    return _method_call(call, ("has_key",), 1) and _without_comments(call)


def _innermost_scope(tree: ast.Module, at: tuple):
    """The innermost def, lambda or class whose body holds the position `at` (line, column), else None. Python 2's
    comprehensions read their function's variables; a default or decorator is read around its def."""
    found, node = None, tree
    while node is not None:
        node, parent = None, node
        for child in ast.iter_child_nodes(parent):
            if hasattr(child, "end_lineno") and (
                    (child.lineno, child.col_offset) <= at <= (child.end_lineno, child.end_col_offset)):
                node = child
                break
        if isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            body = node.body if isinstance(node.body, list) else [node.body]
            if (body[0].lineno, body[0].col_offset) <= at:
                found = node
    return found


def _runs_code(node: ast.expr) -> bool:
    """May evaluating `node` run code (moves.read_only)? A generator expression runs only `iter()` of its first
    iterable when made (`d.has_key(k for k in "a")`), the rest when iterated."""
    if isinstance(node, ast.GeneratorExp):
        return not read_only(node.generators[0].iter)
    return not read_only(node)


def _as_ast(node: cst.BaseExpression) -> ast.expr:
    """The stdlib ast of the expression `node` (parenthesised, it parses alone: a `yield` too)."""
    return ast.parse(f"({cst.Module([]).code_for_node(node)})", mode="eval").body


def _comparison_fits(parent: cst.CSTNode) -> bool:
    return isinstance(parent, _COMPARISON_FITS) and getattr(parent, "star", None) not in ("*", "**")


def _membership(call: cst.Call, operator, parenthesize: bool = False) -> cst.Comparison:
    key = call.args[0].value
    # a generator expression, the call's sole argument, has no parentheses of its own: `(k for k in x) in d`
    if isinstance(key, (*_LOOSER_THAN_COMPARISON, cst.GeneratorExp)) or m.matches(key, m.UnaryOperation(operator=m.Not())):
        key = _parenthesized(key)
    comparison = cst.Comparison(left=key, comparisons=[cst.ComparisonTarget(operator, call.func.value)],
                                lpar=call.lpar, rpar=call.rpar)
    return _parenthesized(comparison) if parenthesize else comparison


class IterMethodToSix(NameIntroducingRule):
    """d.iteritems() -> six.iteritems(d), and the other iter*/view* methods: on Python 2 six calls the same
    method, so whatever `d` is, Python 2 does exactly what it did."""
    SYMBOLS = ("dict-iter-method", "dict-view-method")
    _METHODS = {"iterkeys": "dict-iter-method", "itervalues": "dict-iter-method", "iteritems": "dict-iter-method",
                "viewkeys": "dict-view-method", "viewvalues": "dict-view-method", "viewitems": "dict-view-method"}

    def visit_Call(self, node: cst.Call) -> None:
        if not _method_call(node, self._METHODS):
            return
        symbol = self._METHODS[node.func.attr.value]
        if self.reported(symbol, node):
            self.propose(node, symbol, _six_call, names=("six",), imports=(("six", None),))


def _six_call(updated: cst.Call) -> cst.Call:
    method = updated.func.attr.value
    return updated.with_changes(func=cst.Attribute(cst.Name("six"), cst.Name(method)),
                                args=[cst.Arg(updated.func.value)])


class NextMethodToBuiltin(NameIntroducingRule):
    """it.next() -> next(it) (Python 2.6+ has the builtin; it calls the same method, and a class's `next`
    method is its iterator slot on Python 2); six.next(it), the same builtin, in a module that binds `next`
    itself (a local `next = it.next`, a nested `def next()`). Not where `x.next()` may call something else
    (an attribute `self.next = callback`, a proxy's `__getattr__`, a mock's, a class's classmethod...), which
    next(x) never does: check reports next-method-called-attribute-assigned there (rules/py3k/next_attribute.py
    decides). A class of another module with such an attribute is not seen (the rule's catalogue entry says so)."""
    SYMBOLS = ("next-method-called",)

    def visit_Call(self, node: cst.Call) -> None:
        if _method_call(node, ("next",)) and self.reported("next-method-called", node):
            self.propose(node, "next-method-called", lambda updated: _next_call(updated, cst.Name("next")),
                         names=("next",),
                         otherwise=(lambda updated: _next_call(updated, cst.Attribute(cst.Name("six"), cst.Name("next"))),
                                    ("six",), (("six", None),)))


def _next_call(updated: cst.Call, function: cst.BaseExpression) -> cst.Call:
    return updated.with_changes(func=function, args=[cst.Arg(updated.func.value)])


class XreadlinesToFile(FixRule):
    """f.xreadlines() -> f: a file is its own line iterator (Python 2's xreadlines() returned the file). The
    attribute otherwise used is xreadlines-attribute-not-called (calls.py)."""
    SYMBOLS = ("xreadlines-attribute",)

    def visit_Call(self, node: cst.Call) -> None:
        if _method_call(node, ("xreadlines",)) and self.reported("xreadlines-attribute", node):
            self.replace(node, "xreadlines-attribute", lambda updated: updated.func.value)


class WrapInList(NameIntroducingRule):
    """x -> list(x) for the views, iterators and ranges check reports where a list is needed (indexed,
    sorted or appended to, returned or stored, the dict changed while iterating); on Python 2 the copy of
    a fresh list behaves as the list did."""
    SYMBOLS = ("dict-keys-not-iterating", "dict-items-not-iterating", "dict-values-not-iterating",
               "map-builtin-not-iterating", "filter-builtin-not-iterating", "zip-builtin-not-iterating",
               "range-builtin-not-iterating")
    _VIEWS = {"keys": "dict-keys-not-iterating", "items": "dict-items-not-iterating",
              "values": "dict-values-not-iterating"}
    _BUILTINS = {"map": "map-builtin-not-iterating", "filter": "filter-builtin-not-iterating",
                 "zip": "zip-builtin-not-iterating", "range": "range-builtin-not-iterating"}
    METADATA_DEPENDENCIES = (PositionProvider, ParentNodeProvider)

    def visit_Call(self, node: cst.Call) -> None:
        if _method_call(node, self._VIEWS):
            symbol = self._VIEWS[node.func.attr.value]
        elif isinstance(node.func, cst.Name) and node.func.value in self._BUILTINS:
            symbol = self._BUILTINS[node.func.value]
        elif _applies(node, APPLY_LISTED):  # apply(range, args): wrapped after ApplyToCall's f(*args)
            symbol = APPLY_LISTED[node.args[0].value.value]
            if self.reported(symbol, node) and self.reported("apply-builtin", node.func):
                self.propose(node, symbol, _listed, names=("list",))
            return
        else:
            return
        if not self.reported(symbol, node):
            return
        # a map whose Python 3 meaning differs even when iterated (map_padding), check reports inside list(...)
        # too: it needs no list(...) of its own there, the one around it makes Python 2's list (tryout14b D5)
        listed = _listed if symbol != "map-builtin-not-iterating" or not self._listed_already(node) else _as_is
        if symbol == "map-builtin-not-iterating" and len(node.args) > 2 and not _maps_none(node):
            # several iterables: Python 2 pads the shorter ones with None (check reports only a lambda's or a
            # builtin's map so: rules/py3k/map_padding.py)
            self.propose(node, symbol, lambda updated: listed(_padded_starmap(updated)),
                         names=("list", "itertools", "six"), imports=(("itertools", None), ("six", None)))
        elif symbol != "map-builtin-not-iterating" or not _maps_none(node):
            self.propose(node, symbol, _listed, names=("list",))
        # Python 2's map(None, ...): list(map(None, ...)) would call None on Python 3. Rebuilt from its
        # arguments: not when a comment among them would be lost, nor with `*args` (check reports those as
        # map-several-iterables: rules/py3k/map_padding.py)
        elif not _without_comments(node) or any(a.keyword is not None or a.star for a in node.args):
            return
        elif len(node.args) == 2:  # map(None, a) is list(a); a in list(...) already
            self.propose(node, symbol, (lambda updated: _listed(updated.args[1].value)) if listed is _listed
                         else lambda updated: _within(updated, updated.args[1].value), names=("list",))
        else:  # map(None, a, b) pads the shorter with None, as zip_longest does
            self.propose(node, symbol, lambda updated: listed(_zip_longest(updated)), names=("list", "six"),
                         imports=(("six", None),))

    def _listed_already(self, node: cst.Call) -> bool:
        """`node` is the sole argument of a call of list (the builtin: a module binding `list` gets no rewrite,
        `names`), which makes a list of any iterable at once."""
        arg = self.get_metadata(ParentNodeProvider, node, None)
        call = self.get_metadata(ParentNodeProvider, arg, None) if isinstance(arg, cst.Arg) else None
        return (isinstance(call, cst.Call) and m.matches(call.func, m.Name("list")) and len(call.args) == 1
                and call.args[0] is arg and arg.keyword is None and not arg.star)


def _applies(node: cst.Call, functions) -> bool:
    """`apply(f, ...)` with f the name of one of `functions`."""
    return (m.matches(node.func, m.Name("apply")) and bool(node.args)
            and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value in functions)


def _maps_none(node: cst.Call) -> bool:
    """`map(None, ...)`: Python 2 builds a list of the items, or of their tuples padded with None."""
    return len(node.args) >= 2 and m.matches(node.args[0].value, m.Name("None"))


_ZIP_LONGEST = cst.Attribute(cst.Attribute(cst.Name("six"), cst.Name("moves")), cst.Name("zip_longest"))


def _zip_longest(updated: cst.Call) -> cst.Call:
    """map(None, a, b) -> six.moves.zip_longest(a, b) (list()ed by the caller where a list is needed)."""
    return updated.with_changes(func=_ZIP_LONGEST, args=updated.args[1:])


def _padded_starmap(updated: cst.Call) -> cst.Call:
    """map(f, a, b) -> itertools.starmap(f, six.moves.zip_longest(a, b)), whose list is Python 2's padded list."""
    starmap = cst.Attribute(cst.Name("itertools"), cst.Name("starmap"))
    padded = cst.Arg(cst.Call(_ZIP_LONGEST, updated.args[1:]))
    return updated.with_changes(func=starmap, args=[updated.args[0], padded])


def _within(updated: cst.Call, value: cst.BaseExpression) -> cst.BaseExpression:
    """`value` in the place of the call `updated`, inside the call's parentheses: (map(None, a)) -> ((a))."""
    return value.with_changes(lpar=[*updated.lpar, *value.lpar], rpar=[*value.rpar, *updated.rpar]) \
        if updated.lpar else value


def _as_is(updated: cst.BaseExpression) -> cst.BaseExpression:
    return updated


def _listed(updated: cst.BaseExpression) -> cst.Call:
    """The parentheses around the value stay around the whole: (d.keys()) -> (list(d.keys())); but a tuple's
    are its own: map(None, (1, 2)) -> list((1, 2)), not (list(1, 2)) (tryout9 #5: a TypeError on Python 2, and
    map(None, ((1, 2),)) gave [1, 2] for [(1, 2)])."""
    if isinstance(updated, cst.Tuple):
        return cst.Call(cst.Name("list"), [cst.Arg(updated)])
    return cst.Call(cst.Name("list"), [cst.Arg(updated.with_changes(lpar=[], rpar=[]))],
                    lpar=updated.lpar, rpar=updated.rpar)


class CmpToKey(NameIntroducingRule):
    """sort(cmp=f) / sorted(x, cmp=f) -> key=functools.cmp_to_key(f) (Python 2.7+; the same comparisons
    in the same stable sort); `cmp=None`, Python 2's default, dropped (the same call there, with `key=` too).
    Not when `key=` is also given to an f (cmp then compares keys): check decides (calls.py)."""
    SYMBOLS = ("using-cmp-argument",)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.reported("using-cmp-argument", node):  # check leaves cmp=f with key=, and more (calls.py)
            return
        cmp = next(arg for arg in node.args if arg.keyword is not None and arg.keyword.value == "cmp")
        if m.matches(cmp.value, m.Name("None")):
            self.replace(node, "using-cmp-argument", lambda updated: without_argument(updated, next(
                arg for arg in updated.args if arg.keyword is not None and arg.keyword.value == "cmp")))
        else:
            self.propose(node, "using-cmp-argument", _key_from_cmp, names=("functools",),
                         imports=(("functools", None),))


def _key_from_cmp(updated: cst.Call) -> cst.Call:
    def rewritten(arg: cst.Arg) -> cst.Arg:
        if arg.keyword is None or arg.keyword.value != "cmp":
            return arg
        to_key = cst.Attribute(cst.Name("functools"), cst.Name("cmp_to_key"))
        return arg.with_changes(keyword=cst.Name("key"), value=cst.Call(to_key, [cst.Arg(arg.value)]))
    return updated.with_changes(args=[rewritten(a) for a in updated.args])


class IndexingExceptionToArgs(FixRule):
    """exc[i] -> exc.args[i] for the exception check reports (a handler-bound name, `saved[0]` of a display
    holding it, `sys.exc_info()[1]` or a name bound to it): Python 2's BaseException indexing reads exactly that.
    The subscript check reported, not another starting there (`saved[0]` of `saved[0][1]`)."""
    SYMBOLS = ("indexing-exception", "indexing-exception-exc-info")

    def visit_Subscript(self, node: cst.Subscript) -> None:
        for symbol in self.SYMBOLS:
            if self.reported_exactly(symbol, node):
                self.replace(node, symbol, lambda updated: updated.with_changes(
                    value=cst.Attribute(updated.value, cst.Name("args"))))


FIXERS = (HasKeyToIn, IterMethodToSix, NextMethodToBuiltin, XreadlinesToFile, WrapInList, CmpToKey,
          IndexingExceptionToArgs)

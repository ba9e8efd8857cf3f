"""Fixers for the class protocol changes classes.py detects: a Python 3 alias after a Python 2 method
(`def __nonzero__(self): ...` then `__bool__ = __nonzero__`; PORTING-STYLE's "`__nonzero__` gets a `__bool__`
alias"), `@six.add_metaclass(M)` as in DIRAC's own code."""
from __future__ import annotations

import ast
import doctest

import libcst as cst
import libcst.matchers as m
from libcst.metadata import PositionProvider

from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.classes import RENAMES
from diracmod.rules.py3k.shadowing_fix import NameIntroducingRule
from diracmod.rules.py3k.unicode_compatible import unicode_compatible_place
from diracmod.source.doctest_strings import examples
from diracmod.source.scopes import Scope
from diracmod.source import module_nodes

# Python 2 method -> ((symbol, Python 3 name), ...): next's are W1653's and DM114's (a next with defaults)
_BY_METHOD = {old: tuple((symbol, new) for symbol, (name, new) in RENAMES.items() if name == old)
              for old, _ in RENAMES.values()}


class MethodAlias(FixRule):
    """def __nonzero__ followed by `__bool__ = __nonzero__` (likewise next, __div__, __idiv__, __rdiv__):
    Python 3 finds the same function under its new name, and the function keeps its name (`__name__`, which a
    decorator registering it by name reads, tracebacks, logging's funcName: tryout6 #12). Not made when the class
    already binds the new name (it may be a different method): check reports that as `<symbol>-name-taken`
    (classes.RENAMES)."""
    SYMBOLS = tuple(RENAMES)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for symbol, new in _BY_METHOD.get(node.name.value, ()):
            if self.reported(symbol, node):
                self.replace(node, symbol, lambda updated, new=new, symbol=symbol: _with_alias(updated, new, symbol))

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        """`__nonzero__ = lambda self: False` / `__nonzero__ = _nz` in a class body (classes.assigned_methods):
        the alias after the assignment, as after a def (tryout9 #14): on a line of its own where the assignment
        is alone on its line, else after it on the same line (`x = 1; __nonzero__ = f; __bool__ = __nonzero__`).
        A tuple target's names each get theirs, in the target's order (tryout11 #2), nested ones and each target of
        a chained assignment too (tryout12 #2: `__div__ = __rdiv__ = f`)."""
        for statement in node.body:
            if not isinstance(statement, cst.Assign):
                continue
            for old in [name for target in statement.targets for name in _target_names(target.target)]:
                symbol, new = _BY_METHOD[old][0] if old in _BY_METHOD else (None, None)
                if symbol is None or not self.reported(symbol, statement):
                    continue
                if len(node.body) == 1:
                    self.replace(node, symbol, lambda updated, new=new, old=old: _followed(
                        updated, cst.SimpleStatementLine([_alias(new, old)])))
                else:
                    self.replace(statement, symbol, lambda updated, new=new, old=old: _followed_on_line(
                        updated, _alias(new, old)))


def _target_names(target) -> list:
    """The names an assignment target binds, in its order: a name, those of a tuple or list target, nested ones too
    (classes.assigned_methods reads the same)."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _target_names(element.value)]
    return []


def _followed(updated, line: cst.SimpleStatementLine) -> cst.FlattenSentinel:
    """The statement line (or what an earlier alias made of it) followed by `line`."""
    before = list(updated.nodes) if isinstance(updated, cst.FlattenSentinel) else [updated]
    return cst.FlattenSentinel([*before, line])


def _followed_on_line(updated, alias: cst.Assign) -> cst.FlattenSentinel:
    """The small statement (or it and the aliases added so far) followed by `alias` on its line: the last one's
    separator moves to the alias."""
    before = list(updated.nodes) if isinstance(updated, cst.FlattenSentinel) else [updated]
    last = before[-1]
    before[-1] = last.with_changes(semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" ")))
    return cst.FlattenSentinel([*before, alias.with_changes(semicolon=last.semicolon)])


def _alias(new: str, old: str) -> cst.Assign:
    return cst.Assign([cst.AssignTarget(cst.Name(new))], cst.Name(old))


# the symbols whose method Python calls with self alone, its other parameters all defaulted (DM114's next): the
# delegating def takes self alone, and the defaults apply as they did for Python 2's call (tryout27 #9)
_CALLED_WITH_SELF = frozenset({"next-method-with-defaults"})


def _with_alias(method: cst.FunctionDef, new: str, symbol: str) -> cst.FlattenSentinel:
    """The method followed by its alias, or by a def delegating to it where its docstring holds a doctest example
    (_delegates)."""
    return cst.FlattenSentinel([method, _delegating(method, new, symbol) if _delegates(method, symbol)
                                else cst.SimpleStatementLine([_alias(new, method.name.value)])])


def _delegates(method: cst.FunctionDef, symbol: str) -> bool:
    """Does the method get `def __next__(self): return self.next()` rather than `__next__ = next`: its docstring
    holds a doctest example (doctest's own reading: doctest_strings.examples), which Python 2's DocTestFinder, walking
    the class's __dict__ in hash order and keeping each function under one name, may collect under the alias's name
    instead (`Iterator.__next__`: a test id a ratchet or a CI history lists changes; tryout24b #2), and Python calls
    the def as it calls the method: undecorated (not a staticmethod, a classmethod), its parameters plain positional
    ones without defaults, or for a method Python calls with self alone (_CALLED_WITH_SELF: DM114's
    `next(self, skip=True, *args)`) a plain first one (scopes.method_alias reads the delegating def as done)."""
    parameters = method.params
    if method.decorators or not parameters.params or parameters.posonly_params or parameters.params[0].default \
            or symbol not in _CALLED_WITH_SELF and (
                parameters.kwonly_params or parameters.star_kwarg is not None
                or isinstance(parameters.star_arg, (cst.Param, cst.ParamStar))
                or any(parameter.default is not None for parameter in parameters.params)):
        return False
    docstring = method.get_docstring(clean=False)
    return docstring is not None and ">>>" in docstring and any(
        isinstance(example, doctest.Example) for example in examples(docstring) or ())


def _delegating(method: cst.FunctionDef, new: str, symbol: str) -> cst.FunctionDef:
    """`def new(self, other): return self.method(other)` (`def __next__(self): return self.next()` for
    _CALLED_WITH_SELF's), one blank line above it, its body indented as the method's: no docstring, so doctest
    collects the method's examples under its own name only."""
    names = [parameter.name.value for parameter in method.params.params]
    names = names[:1] if symbol in _CALLED_WITH_SELF else names
    call = cst.Call(cst.Attribute(cst.Name(names[0]), cst.Name(method.name.value)),
                    [cst.Arg(cst.Name(name)) for name in names[1:]])
    return cst.FunctionDef(cst.Name(new), cst.Parameters([cst.Param(cst.Name(name)) for name in names]),
                           cst.IndentedBlock([cst.SimpleStatementLine([cst.Return(call)])],
                                             indent=getattr(method.body, "indent", None)),
                           leading_lines=[cst.EmptyLine(indent=False)])


class MetaclassDecorator(NameIntroducingRule):
    """`__metaclass__ = M` in the body -> `@six.add_metaclass(M)` on the class, the assignment's comments
    moved onto the decorator line. Only for a class with no base or only `object`: six creates the class
    once without the metaclass first, and a base's own metaclass would run (side effects) for it; check reports
    the others as metaclass-assignment-with-base (classes.metaclass_left decides)."""
    SYMBOLS = ("metaclass-assignment",)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.reported("metaclass-assignment", node):
            self.propose(node, "metaclass-assignment", _decorated, names=("six",), imports=(("six", None),))


def _statements(klass: cst.ClassDef, predicate) -> list:
    body = klass.body.body if isinstance(klass.body, cst.IndentedBlock) else ()
    return [s for s in body if predicate(s)]


def _metaclass_assignment(statement) -> bool:
    return m.matches(statement, m.SimpleStatementLine(
        body=[m.Assign(targets=[m.AssignTarget(target=m.Name("__metaclass__"))])]))


def _decorated(klass: cst.ClassDef) -> cst.ClassDef:
    """The class as rewritten so far (another rule may have changed its body): found again by shape."""
    statement = _statements(klass, _metaclass_assignment)[0]
    metaclass = statement.body[0].value
    decorator = _decorator("add_metaclass", [cst.Arg(metaclass)])
    decorator = decorator.with_changes(leading_lines=[line for line in statement.leading_lines if line.comment],
                                       trailing_whitespace=statement.trailing_whitespace)
    klass = _without(klass, statement)  # innermost, right above `class`: the metaclass makes the class
    return klass.with_changes(decorators=[*klass.decorators, decorator])


def _decorator(name: str, args=None) -> cst.Decorator:
    target = cst.Attribute(cst.Name("six"), cst.Name(name))
    return cst.Decorator(target if args is None else cst.Call(target, args))


def _without(klass: cst.ClassDef, statement) -> cst.ClassDef:
    """The class without `statement`; `pass` in its place where it was first and a string statement follows, which
    would become the docstring (tryout3 #33), or where it was alone."""
    body = [s for s in klass.body.body if s is not statement]
    if not body or klass.body.body[0] is statement and _string_statement(body[0]):
        body.insert(0, cst.SimpleStatementLine([cst.Pass()]))
    return klass.with_changes(body=klass.body.with_changes(body=body))


def _string_statement(statement) -> bool:
    return m.matches(statement, m.SimpleStatementLine(
        body=[m.Expr(value=m.SimpleString() | m.ConcatenatedString()), m.ZeroOrMore()]))


class UnicodeCompatible(NameIntroducingRule):
    """A class whose __str__ is only the UTF-8 encoding of its __unicode__ (check reports unicode-method only
    there: rules/py3k/classes.py): __unicode__ renamed __str__, the old __str__ removed (its comments moved above
    the new one), and the class decorated with @six.python_2_unicode_compatible, which on Python 2 makes exactly
    that pair again, where rules/py3k/unicode_compatible.py places it among the class's decorators."""
    SYMBOLS = ("unicode-method",)

    def __init__(self, ctx):
        super().__init__(ctx)
        self._module = None  # the module's Scope, made for the first class rewritten

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        unicodes = _statements(node, _defines("__unicode__"))
        strs = _statements(node, _defines("__str__"))
        if len(unicodes) == 1 and len(strs) == 1 and self.reported("unicode-method", unicodes[0]):
            place = self._place(node)
            if isinstance(place, int):
                self.propose(node, "unicode-method", lambda klass: _unicode_compatible(klass, place),
                             names=("six",), imports=(("six", None),))

    def _place(self, node: cst.ClassDef) -> int | str:
        """unicode_compatible_place of the stdlib ast's class statement on the line `node`'s `class` is."""
        line = self.get_metadata(PositionProvider, node).start.line
        klass = next(sub for sub in module_nodes.of_kind(self.ctx.tree, ast.ClassDef) if sub.lineno == line)
        if self._module is None:
            self._module = Scope(self.ctx.tree, None)
        return unicode_compatible_place(klass, self.ctx.tree, self._module)


def _defines(name: str):
    return lambda statement: isinstance(statement, cst.FunctionDef) and statement.name.value == name


def _unicode_compatible(klass: cst.ClassDef, place: int) -> cst.ClassDef:
    old_str = _statements(klass, _defines("__str__"))[0]
    # the old __str__'s comments, in and above it, go above the new one (tryout4 #1: they were a reason to leave)
    comments = [cst.EmptyLine(comment=comment) for comment in m.findall(old_str, m.Comment())]
    renamed = [s.with_changes(name=s.name.with_changes(value="__str__"),
                              leading_lines=[*s.leading_lines, *comments]) if _defines("__unicode__")(s) else s
               for s in _without(klass, old_str).body.body]
    klass = klass.with_changes(body=klass.body.with_changes(body=renamed))
    # `place` counts the decorators check saw: @six.add_metaclass, which MetaclassDecorator appends for a
    # `__metaclass__ = M` of the body in the same pass, comes after them, below six's
    decorators = list(klass.decorators)
    decorators.insert(place, _decorator("python_2_unicode_compatible"))
    return klass.with_changes(decorators=decorators)


class NewStyleClass(NameIntroducingRule):
    """class C: / class C(): -> class C(object): (unsafe: Python 2 then runs the new-style class Python 3 has)."""
    SYMBOLS = ("old-style-class",)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if not node.bases and not node.keywords and self.reported("old-style-class", node):
            self.propose(node, "old-style-class", _with_object_base, names=("object",))


def _with_object_base(klass: cst.ClassDef) -> cst.ClassDef:
    parens = {} if isinstance(klass.lpar, cst.LeftParen) else {"lpar": cst.LeftParen(), "rpar": cst.RightParen()}
    return klass.with_changes(bases=[cst.Arg(cst.Name("object"))], **parens)


FIXERS = (MethodAlias, MetaclassDecorator, UnicodeCompatible, NewStyleClass)

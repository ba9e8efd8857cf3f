"""Fixers for the renamed and removed builtins that names.py detects, in six's hybrid spelling.

A rewrite that brings a name in with a module-level `from M import name` (`range`, `input`, `reduce`...)
must not change what the module's other uses of that name mean: when the module uses the name anywhere
else (a builtin `range(...)` that must stay a list on Python 2, a local called `input`, a star import that
may bind it), or when the module runs code from strings (eval, exec, execfile, compile: that code sees the
module's globals), or when its docstrings' examples name it (doctest runs them in the module's globals), the
rewritten sites spell it `six.moves.range` / `functools.reduce` with `import six` /
`import functools` instead (ImportingRule); likewise where another module of the project star-imports the
module and its `__all__` does not keep the name out (tryout16 #5: the star import would bind six's range there)."""
from __future__ import annotations

import builtins
import functools
from typing import Callable

import libcst as cst

from diracmod.rules.codemod import FixRule, dotted, read
from diracmod.rules.py3k.builtin_uses import SAME_FOR_INT_AND_LONG, unseen_binding
from diracmod.rules.py3k.division import runs_strings
from diracmod.source import doctest_strings
from diracmod.source.project_index.reads import read_outside

# the builtins' names: a module-level import of another object by such a name (six.moves' range, input) is bound
# by a star import of the module too
_BUILTIN_NAMES = frozenset(dir(builtins))


def expression(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


def last_without_comma(items: list) -> list:
    """Elements, arguments or aliases, the last one without the comma it may have had before others (an
    argument keeps the comment that followed its comma)."""
    return [*items[:-1], *(item.with_changes(comma=cst.MaybeSentinel.DEFAULT, **(
        {"whitespace_after_arg": kept_comments(item.whitespace_after_arg, *separator_whitespace(item.comma))}
        if isinstance(item, cst.Arg) else {})) for item in items[-1:])]


def separator_whitespace(comma) -> list:
    """The whitespace around a comma (none for a missing one)."""
    return [comma.whitespace_before, comma.whitespace_after] if isinstance(comma, cst.Comma) else []


def arg_whitespace(arg: cst.Arg) -> list:
    """The whitespace an argument holds around its value: where a comment inside a call's brackets lives."""
    return [arg.whitespace_after_star, arg.whitespace_after_arg, *separator_whitespace(arg.comma)]


def kept_comments(kept, *dropped):
    """`kept` (whitespace a rewrite keeps) with the comments of the whitespace it drops added, one a line: a
    rewrite that removes or moves an argument or element must not lose the comment beside it (the fix engine
    refuses a file whose comment count changes)."""
    commented = [w for w in dropped if isinstance(w, cst.ParenthesizedWhitespace)
                 and (w.first_line.comment or any(line.comment for line in w.empty_lines))]
    if not commented:
        return kept  # a line break alone is layout: the kept whitespace's
    lines = [w for w in (kept, *commented) if isinstance(w, cst.ParenthesizedWhitespace)]
    first, *others = lines
    added = [line for other in others for line in (  # aligned with the line that follows them
        [cst.EmptyLine(whitespace=first.last_line, comment=other.first_line.comment)]
        if other.first_line.comment else []) + list(other.empty_lines)]
    return first.with_changes(empty_lines=[*first.empty_lines, *added])


def with_comments(node: cst.BaseExpression, whitespace) -> cst.BaseExpression:
    """`node` put in brackets that end with `whitespace` when it holds a comment (a line break): a
    replacement keeps the comments of what it replaces."""
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return node
    return node.with_changes(lpar=[*node.lpar, cst.LeftParen()],
                             rpar=[cst.RightParen(whitespace_before=whitespace), *node.rpar])


class _OtherUses(cst.CSTVisitor):
    """Does the module use `name` other than at `ours` (and, with calls_keep_meaning, other than by calling
    it)? `already`: the module imports it from `module` itself, so every use is the imported one already. The
    bindings it does not write out (a star import, `globals().update(...)`) are builtin_uses.unseen_binding's,
    which check reads too."""

    def __init__(self, name: str, module: str | None, ours: Callable, calls_keep_meaning: bool):
        super().__init__()
        self.name, self.module, self.ours, self.calls_keep_meaning = name, module, ours, calls_keep_meaning
        self.found = self.already = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # `x.input` is no use of the name input
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # neither is the keyword of `f(input=1)`
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if isinstance(node.names, cst.ImportStar):
            return False  # the bindings the module does not write out: unseen_binding
        if node.module is not None and not node.relative and dotted(node.module) == self.module and any(
                dotted(alias.name) == self.name and alias.asname is None for alias in node.names):
            self.already = True
        return True

    def visit_Call(self, node: cst.Call) -> bool:
        if self.calls_keep_meaning and isinstance(node.func, cst.Name) and node.func.value == self.name:
            for arg in node.args:
                arg.visit(self)
            return False
        return True

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name and not self.ours(node):
            self.found = True


def _imports_six_whole(module: cst.Module) -> bool:
    """Does the module `import six` and never `from six[.moves] import ...` at its top level?"""
    imports = [s for line in module.body if isinstance(line, cst.SimpleStatementLine) for s in line.body
               if isinstance(s, (cst.Import, cst.ImportFrom))]
    whole = any(isinstance(s, cst.Import) and any(dotted(a.name) == "six" and a.asname is None for a in s.names)
                for s in imports)
    return whole and not any(isinstance(s, cst.ImportFrom) and s.module is not None and not s.relative
                             and dotted(s.module).split(".")[0] == "six" for s in imports)


class ImportingRule(FixRule):
    """A rule whose rewritten sites use `name` from `module` (module None: a builtin). Sites are collected
    while visiting and rewritten at the end of the module, once it is known how to spell the name."""
    # symbols whose reported names become the same imported name (raw_input and input both become input)
    SHARED: tuple = ()

    # the names `use` is given, whose other uses _spelling reads in the whole module; with `builtins` when one is
    # a builtin's (_builtin)
    NAMES: tuple = ()

    @classmethod
    def reads(cls, ctx) -> frozenset:
        return frozenset(cls.NAMES)

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node
        self._sites: dict = {}  # (module, name, calls_keep_meaning) -> [(node, symbol, build)]

    def use(self, node, symbol: str, module: str | None, name: str,
            build: Callable[[cst.CSTNode, cst.BaseExpression], cst.CSTNode], calls_keep_meaning=False) -> None:
        """Rewrite `node` (reported as `symbol`) with build(updated node, the expression naming module.name)."""
        assert name in self.reads(self.ctx) and (module or "builtins" in self.reads(self.ctx)), "not in NAMES"
        self._sites.setdefault((module, name, calls_keep_meaning), []).append((node, symbol, build))

    def leave_Module(self, original_node: cst.Module) -> None:
        for (module, name, calls_keep_meaning), sites in self._sites.items():
            spelled = self._spelling(module, name, calls_keep_meaning)
            for node, symbol, build in sites if spelled is not None else ():
                self.replace(node, symbol, lambda updated, b=build, s=spelled: b(updated, s))

    def _spelling(self, module: str | None, name: str, calls_keep_meaning: bool) -> cst.BaseExpression | None:
        """`name` imported from `module`, or `module.name` with `import <top>`; None: leave the sites."""
        qualified = module is not None and expression(f"{module}.{name}")
        if module is not None and module.startswith("six.") and _imports_six_whole(self._module):
            return qualified  # the file's own style: `import six` and six.moves.x
        if module is not None and (runs_strings(self.ctx.tree)["globals"]
                                   or name in doctest_strings.example_names(self.ctx.tree)):
            # the code the module runs from strings (eval, exec...), and doctest its docstrings' examples, sees
            # its globals: a module-level `from six.moves import range` would make eval("range(3)") or an
            # example's `range(3)` an xrange on Python 2 (tryout3 #6)
            self.need_import(module.split(".")[0])
            return qualified
        if module is not None and name in _BUILTIN_NAMES and read_outside(self.ctx.tree, name, self.ctx.read):
            # another module of the project star-imports this one, which has no `__all__` (or one naming it):
            # `from six.moves import range` would be bound there too, making its builtin range() an xrange on
            # Python 2 (tryout16 #5)
            self.need_import(module.split(".")[0])
            return qualified
        shared = self.SHARED or self.SYMBOLS
        scan = _OtherUses(name, module, lambda n: any(self.reported(s, n) for s in shared), calls_keep_meaning)
        read(self._module, scan)
        if not (scan.found or unseen_binding(self.ctx.tree, name, self.ctx.first_party)) or scan.already:
            if module is not None:
                self.need_import(module, name)
            return cst.Name(name)
        if module is not None:
            self.need_import(module.split(".")[0])
            return qualified
        return self._builtin(name)

    def _builtin(self, name: str) -> cst.BaseExpression | None:
        """The builtin `name` in a module that uses the name otherwise (a method or a parameter named open):
        `builtins.name` with `from six.moves import builtins` (Python 2's __builtin__, so the very object);
        None (leave the sites) when the module uses the name `builtins` otherwise too."""
        scan = _OtherUses("builtins", "six.moves", lambda node: False, False)
        read(self._module, scan)
        if (scan.found or unseen_binding(self.ctx.tree, "builtins", self.ctx.first_party)) and not scan.already:
            return None
        self.need_import("six.moves", "builtins")
        return expression(f"builtins.{name}")


def _renamed(updated, spelled):
    return spelled


class _RenameBuiltin(ImportingRule):
    """A reported builtin name -> the same object imported from a module (MOVES: name -> (module, new))."""
    MOVES: dict = {}

    @classmethod
    def reads(cls, ctx) -> frozenset:
        return frozenset(name for _, name in cls.MOVES.values())

    def visit_Name(self, node: cst.Name) -> None:
        move = self.MOVES.get(node.value)
        symbol = f"{node.value.lower()}-builtin"
        if move and self.reported(symbol, node):
            self.use(node, symbol, move[0], move[1], _renamed)


class XrangeToSixRange(_RenameBuiltin):
    """xrange(...) -> range(...) with `from six.moves import range` (lazy on both Pythons)."""
    SYMBOLS = ("xrange-builtin",)
    MOVES = {"xrange": ("six.moves", "range")}


class RawInputToSixInput(_RenameBuiltin):
    """raw_input -> six.moves.input (Python 2's raw_input)."""
    SYMBOLS = ("raw_input-builtin",)
    SHARED = ("raw_input-builtin", "input-builtin")  # where input is rewritten too, it is six's input
    MOVES = {"raw_input": ("six.moves", "input")}


class InputToSixInput(_RenameBuiltin):
    """input -> six.moves.input. Unsafe: Python 2's input evaluated what was typed, six's does not."""
    SYMBOLS = ("input-builtin",)
    SHARED = ("raw_input-builtin", "input-builtin")
    MOVES = {"input": ("six.moves", "input")}


class ReduceFromFunctools(_RenameBuiltin):
    SYMBOLS = ("reduce-builtin",)
    MOVES = {"reduce": ("functools", "reduce")}


class InternFromSixMoves(_RenameBuiltin):
    SYMBOLS = ("intern-builtin",)
    MOVES = {"intern": ("six.moves", "intern")}


class ReloadToSixReloadModule(_RenameBuiltin):
    SYMBOLS = ("reload-builtin",)
    MOVES = {"reload": ("six.moves", "reload_module")}


class FileCallToOpen(ImportingRule):
    """file(...) -> open(...): the same call on Python 2 (builtins.open where the module uses the name `open`
    otherwise: `from io import open`, a method or a parameter). Not `isinstance(f, file)` (open is no type on
    Python 3: check reports file-builtin-as-type there)."""
    SYMBOLS = ("file-builtin",)
    NAMES = ("open", "builtins")

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "file" and self.reported("file-builtin", node.func):
            self.use(node.func, "file-builtin", None, "open", _renamed, calls_keep_meaning=True)


class SixNames(FixRule):
    """unicode -> six.text_type and unichr -> six.unichr: the same objects on Python 2, wherever used."""
    SYMBOLS = ("unicode-builtin", "unichr-builtin")
    SPELLING = {"unicode": "six.text_type", "unichr": "six.unichr"}

    def visit_Name(self, node: cst.Name) -> None:
        spelling = self.SPELLING.get(node.value)
        if spelling and self.reported(f"{node.value}-builtin", node):
            self.replace(node, f"{node.value}-builtin", lambda updated: expression(spelling))
            self.need_import("six")


def _class_arguments(node: cst.Call) -> list:
    """The class-or-tuple argument of isinstance(x, C) / issubclass(x, C), as a list of elements."""
    if not (isinstance(node.func, cst.Name) and node.func.value in ("isinstance", "issubclass")
            and len(node.args) == 2 and not node.args[1].star and node.args[1].keyword is None):
        return []
    classes = node.args[1].value
    return [e.value for e in classes.elements] if isinstance(classes, cst.Tuple) else [classes]


class StringTypesInIsinstance(FixRule):
    """basestring -> six.string_types where check reports basestring-builtin: isinstance/issubclass's class
    argument ((basestring,) on Python 2, a tuple these accept nested); elsewhere (a base class) it would not be
    the same, and check reports basestring-builtin-as-value (rules/py3k/builtin_uses.py)."""
    SYMBOLS = ("basestring-builtin",)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "basestring" and self.reported("basestring-builtin", node):
            self.replace(node, "basestring-builtin", lambda updated: expression("six.string_types").with_changes(
                lpar=updated.lpar, rpar=updated.rpar))
            self.need_import("six")


class Long(FixRule):
    """`(int, long)` in isinstance/issubclass -> six.integer_types (`long` alone is left: six.integer_types
    also matches int on Python 2); `long` an item of another tuple display on one line -> the tuple spliced around
    six.integer_types[1:] (tryout12b #7); `long(x)` -> `int(x)` where an int and a long of the same value behave
    the same (compared, or given to str/float/int/bool) and x is a number for certain, as Python 2's int()
    returns a long when needed.
    Check reports the other uses as long-builtin-int-differs (rules/py3k/builtin_uses.py decides)."""
    SYMBOLS = ("long-builtin",)

    def __init__(self, ctx):
        super().__init__(ctx)
        self._classes = set()  # the ids of the isinstance/issubclass class tuples (visit_Call's)

    def visit_Call(self, node: cst.Call) -> None:
        classes = node.args[1].value if _class_arguments(node) else None
        if isinstance(classes, cst.Tuple):
            self._classes.add(id(classes))
            if any(isinstance(e.value, cst.Name) and e.value.value == "long" and self.reported("long-builtin", e.value)
                   for e in classes.elements):
                self.replace(classes, "long-builtin", self._integer_types)
                self.need_import("six")
        elif isinstance(node.func, cst.Name) and node.func.value in SAME_FOR_INT_AND_LONG and len(node.args) == 1:
            self._long_call(node.args[0].value)

    def visit_Tuple(self, node: cst.Tuple) -> None:
        """`long` an item of a tuple display other than isinstance's classes (tryout12b #7; builtin_uses.
        long_in_tuple_display decides): `(float, int, long)` -> `((float, int) + six.integer_types[1:])`."""
        if id(node) not in self._classes and any(self._long(e) for e in node.elements):
            self.replace(node, "long-builtin", functools.partial(self._spliced, [self._long(e) for e in node.elements]))
            self.need_import("six")

    def _long(self, element) -> bool:
        return isinstance(element.value, cst.Name) and element.value.value == "long" \
            and self.reported("long-builtin", element.value)

    @staticmethod
    def _spliced(longs: list, updated: cst.Tuple) -> cst.BaseExpression:
        """The tuple's other items in tuples, each `long` (`longs`: by place) as six.integer_types[1:], added up in
        the tuple's order, in its brackets: on Python 2 the same classes in the same order."""
        pieces, run = [], []
        for element, spliced in zip(updated.elements, longs):
            if not spliced:
                run.append(element)
                continue
            if run:
                pieces.append(cst.Tuple(elements=last_without_comma(run) if len(run) > 1
                                        else [run[0].with_changes(comma=cst.Comma())]))
                run = []
            pieces.append(expression("six.integer_types[1:]"))
        if run:
            pieces.append(cst.Tuple(elements=last_without_comma(run) if len(run) > 1
                                    else [run[0].with_changes(comma=cst.Comma())]))
        return functools.reduce(lambda left, right: cst.BinaryOperation(left, cst.Add(), right), pieces).with_changes(
            lpar=updated.lpar, rpar=updated.rpar)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self._long_call(node.left)
        for target in node.comparisons:
            self._long_call(target.comparator)

    def _long_call(self, node) -> None:
        if (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "long"
                and self.reported("long-builtin", node.func)):
            self.replace(node.func, "long-builtin", lambda updated: updated.with_changes(value="int"))

    @staticmethod
    def _integer_types(updated: cst.Tuple) -> cst.BaseExpression:
        """(int, long) -> six.integer_types; (int, long, float) -> (six.integer_types, float)."""
        def integer(element):
            return isinstance(element.value, cst.Name) and element.value.value in ("int", "long")
        rest = [e for e in updated.elements if not integer(e)]
        closing = updated.rpar[-1].whitespace_before if updated.rpar else cst.SimpleWhitespace("")
        comments = kept_comments(closing, *(w for e in updated.elements if integer(e) or e is updated.elements[-1]
                                            for w in separator_whitespace(e.comma)))
        if not rest:
            opening = updated.lpar[0].whitespace_after if updated.lpar else cst.SimpleWhitespace("")
            return with_comments(expression("six.integer_types"), kept_comments(opening, comments))
        elements = [cst.Element(expression("six.integer_types"), comma=rest[0].comma)] + rest
        return updated.with_changes(elements=last_without_comma(elements),
                                    rpar=[*updated.rpar[:-1],
                                          *(last.with_changes(whitespace_before=comments) for last in updated.rpar[-1:])])


_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString)


def atom(node: cst.BaseExpression) -> cst.BaseExpression:
    """`node` parenthesized unless it already binds tighter than a call or attribute."""
    return node if isinstance(node, _ATOMS) or node.lpar else node.with_changes(
        lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class ApplyToCall(FixRule):
    """apply(f, args[, kwargs]) -> f(*args[, **kwargs])."""
    SYMBOLS = ("apply-builtin",)

    def visit_Call(self, node: cst.Call) -> None:
        if (isinstance(node.func, cst.Name) and node.func.value == "apply" and 1 <= len(node.args) <= 3
                and all(not a.star and a.keyword is None for a in node.args)
                and self.reported("apply-builtin", node.func)):
            self.replace(node, "apply-builtin", self._call)

    @staticmethod
    def _call(updated: cst.Call) -> cst.Call:
        """The arguments keep their commas and the comments beside them; the function's go after the bracket."""
        function, *rest = updated.args
        args = [arg.with_changes(star=star) for arg, star in zip(rest, ("*", "**"))]
        return cst.Call(func=atom(function.value), args=last_without_comma(args), lpar=updated.lpar, rpar=updated.rpar,
                        whitespace_before_args=kept_comments(updated.whitespace_before_args, *arg_whitespace(function)))


class StandardErrorToException(FixRule):
    """StandardError -> Exception. Unsafe: Exception also catches StopIteration and warnings, and a class
    derived from it is no longer caught by `except StandardError` elsewhere on Python 2."""
    SYMBOLS = ("standarderror-builtin",)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == "StandardError" and self.reported("standarderror-builtin", node):
            self.replace(node, "standarderror-builtin", lambda updated: updated.with_changes(value="Exception"))


class RaiseTupleFirst(FixRule):
    """`raise (E, V)` -> `raise E`: Python 2 raised the tuple's first item (of a nested tuple, its first item's),
    dropping the rest, as `raise E` does on both Pythons. `raise err`, where check saw `err` bound only to tuple
    displays (rules/py3k/names.py), -> `raise err[0]`."""
    SYMBOLS = ("raise-tuple",)

    def visit_Raise(self, node: cst.Raise) -> None:
        if self.reported("raise-tuple", node):
            self.replace(node, "raise-tuple", _first_raised)


def _first_raised(updated: cst.Raise) -> cst.Raise:
    exc = updated.exc
    if isinstance(exc, cst.Name):
        return updated.with_changes(exc=cst.Subscript(exc, [cst.SubscriptElement(cst.Index(cst.Integer("0")))]))
    while isinstance(exc, cst.Tuple):
        exc = exc.elements[0].value
    space = updated.whitespace_after_raise  # `raise(E, V)`: the name needs a space after `raise`
    return updated.with_changes(exc=exc, whitespace_after_raise=space if space.value else cst.SimpleWhitespace(" "))


FIXERS = (XrangeToSixRange, RawInputToSixInput, InputToSixInput, ReduceFromFunctools, InternFromSixMoves,
          ReloadToSixReloadModule, FileCallToOpen, SixNames, StringTypesInIsinstance, Long, ApplyToCall,
          StandardErrorToException, RaiseTupleFirst)

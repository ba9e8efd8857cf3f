"""Syntax Python 3 reads but Python 2.7 cannot (python2-syntax-error): the hybrid code base must keep
parsing on both. Found on the Python 3 AST, one finding per construct, naming it."""
from __future__ import annotations

import ast


def _report(ctx, node, what):
    ctx.report("python2-syntax-error", node, always=True, detail=what)


_EXEC, _EXEC_AND_PRINT = frozenset({"exec"}), frozenset({"exec", "print"})
# python2-syntax-error's detail on a print(...) call Python 2.7 cannot parse: fix adds print_function for it
PRINT_CALL_NEEDS_FUTURE = "print(...) with keywords needs `from __future__ import print_function`"


def _py2_keywords(ctx) -> frozenset:
    """Names that are keywords to Python 2.7 but not to Python 3."""
    return _EXEC if "print_function" in ctx.future else _EXEC_AND_PRINT


def _starts_statement(node, ctx) -> bool:
    """`print(x)`, `print >>f, x`, `exec(code)` ... at the start of an expression statement: Python 2
    reads a print or exec statement there."""
    statement = next((p for p in reversed(ctx.parents) if isinstance(p, ast.stmt)), None)
    return (isinstance(statement, ast.Expr) and statement.lineno == node.lineno
            and statement.col_offset == node.col_offset)


_OWNERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)  # what a yield makes a generator


def _owner(ctx, kinds):
    return next((p for p in reversed(ctx.parents) if isinstance(p, kinds)), None)


def _yielded(node, ctx):
    """A yield makes the def it is in a generator: its returns with a value, seen already or to come, are
    reported (one walk: looking for yields in every def that returns a value walked each def twice)."""
    function = _owner(ctx, _OWNERS)
    returns = ctx.cache.get(("returns", id(function)))
    ctx.cache[("returns", id(function))] = None  # None: a generator, reported as they come
    for value_return in returns or ():
        _report(ctx, value_return, "'return' with a value inside a generator")


def print_call_python2_cannot_parse(call) -> bool:
    """`print(x, file=f)`, `print(*args)`: a print(...) with keywords or a starred argument, which Python 2.7 (its
    print statement's grammar) cannot parse without the print_function future import: no print statement."""
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print" and bool(
        call.keywords or any(isinstance(arg, ast.Starred) for arg in call.args))


def _dotted(node) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


class Py3OnlySyntaxRules:
    @staticmethod
    def visit_JoinedStr(node, ctx):
        if not isinstance(ctx.parent, ast.JoinedStr):  # nested format specs are part of the same f-string
            _report(ctx, node, "f-string")

    @staticmethod
    def visit_Nonlocal(node, ctx):
        _report(ctx, node, "nonlocal statement")

    @staticmethod
    def visit_AsyncFunctionDef(node, ctx):
        _report(ctx, node, "async def")

    @staticmethod
    def visit_Await(node, ctx):
        _report(ctx, node, "await")

    @staticmethod
    def visit_Yield(node, ctx):
        _yielded(node, ctx)

    @staticmethod
    def visit_YieldFrom(node, ctx):
        _report(ctx, node, "yield from")
        _yielded(node, ctx)

    @staticmethod
    def visit_AnnAssign(node, ctx):
        _report(ctx, node, "variable annotation")

    @staticmethod
    def visit_NamedExpr(node, ctx):
        _report(ctx, node, "assignment expression (:=)")

    @staticmethod
    def visit_BinOp(node, ctx):
        if isinstance(node.op, ast.MatMult):
            _report(ctx, node, "matrix multiplication operator @")

    @staticmethod
    def visit_AugAssign(node, ctx):
        if isinstance(node.op, ast.MatMult):
            _report(ctx, node, "matrix multiplication operator @=")

    @staticmethod
    def visit_Return(node, ctx):
        function = _owner(ctx, (ast.FunctionDef, ast.Lambda))
        if node.value is not None and isinstance(function, ast.FunctionDef):
            returns = ctx.cache.setdefault(("returns", id(function)), [])
            if returns is None:  # a yield came first
                _report(ctx, node, "'return' with a value inside a generator")
            else:
                returns.append(node)

    @staticmethod
    def visit_Raise(node, ctx):
        if node.cause is not None:
            _report(ctx, node, "raise ... from ...")

    @staticmethod
    def visit_FunctionDef(node, ctx):
        Py3OnlySyntaxRules._signature(node, ctx)
        Py3OnlySyntaxRules._decorators(node, ctx)
        Py3OnlySyntaxRules._keyword_name(node, node.name, ctx)
        if getattr(node, "type_params", None):
            _report(ctx, node, "type parameters")

    @staticmethod
    def visit_Lambda(node, ctx):
        Py3OnlySyntaxRules._signature(node, ctx)

    @staticmethod
    def _signature(node, ctx):
        """One finding per def, naming every Python-3-only feature of its signature."""
        args = node.args
        every = (*getattr(args, "posonlyargs", ()), *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
        found = []
        if any(a is not None and a.annotation is not None for a in every) or getattr(node, "returns", None):
            found.append("annotation")
        if args.kwonlyargs:
            found.append("keyword-only argument")
        if getattr(args, "posonlyargs", None):
            found.append("positional-only argument")
        if found:
            _report(ctx, node, ", ".join(found))

    @staticmethod
    def visit_ClassDef(node, ctx):
        Py3OnlySyntaxRules._keyword_name(node, node.name, ctx)
        if getattr(node, "type_params", None):
            _report(ctx, node, "type parameters")
        if node.keywords:
            _report(ctx, node, "class keyword argument (metaclass=...)")
        if any(isinstance(b, ast.Starred) for b in node.bases):
            _report(ctx, node, "unpacking in class bases")
        Py3OnlySyntaxRules._decorators(node, ctx)

    @staticmethod
    def _decorators(node, ctx):
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not _dotted(target):
                _report(ctx, decorator, "decorator that is not a dotted name")

    @staticmethod
    def visit_Starred(node, ctx):
        parent = ctx.parent
        if isinstance(parent, ast.Call):
            return  # checked with the call
        _report(ctx, node, "starred expression (extended unpacking)")

    @staticmethod
    def visit_Dict(node, ctx):
        if any(key is None for key in node.keys):
            _report(ctx, node, "** unpacking in a dict literal")

    @staticmethod
    def visit_Call(node, ctx):
        starred = [a for a in node.args if isinstance(a, ast.Starred)]
        double = [k for k in node.keywords if k.arg is None]
        if len(starred) > 1 or len(double) > 1:
            _report(ctx, node, "more than one * or ** unpacking in a call")
        elif double and node.keywords[-1] is not double[0]:
            _report(ctx, node, "keyword argument after **kwargs")
        elif starred and node.args[-1] is not starred[0]:
            _report(ctx, node, "positional argument after *args")
        if "print_function" not in ctx.future and print_call_python2_cannot_parse(node) \
                and isinstance(ctx.parent, ast.Expr):
            _report(ctx, node, PRINT_CALL_NEEDS_FUTURE)

    @staticmethod
    def visit_Name(node, ctx):
        if not node.id.isascii():
            _report(ctx, node, "non-ASCII identifier")
        elif node.id in _py2_keywords(ctx) and not _starts_statement(node, ctx):
            _report(ctx, node, f"`{node.id}` is a keyword in Python 2")

    @staticmethod
    def _keyword_name(node, name, ctx):
        """`exec` (and `print` without the print_function future) as an attribute, argument or def name."""
        keywords = _py2_keywords(ctx).intersection(name.split("."))
        if keywords:
            _report(ctx, node, f"`{min(keywords)}` is a keyword in Python 2")

    @staticmethod
    def visit_Attribute(node, ctx):
        Py3OnlySyntaxRules._keyword_name(node, node.attr, ctx)

    @staticmethod
    def visit_arg(node, ctx):
        Py3OnlySyntaxRules._keyword_name(node, node.arg, ctx)

    @staticmethod
    def visit_keyword(node, ctx):
        if node.arg:  # None for **kwargs
            Py3OnlySyntaxRules._keyword_name(ctx.parent, node.arg, ctx)

    @staticmethod
    def visit_alias(node, ctx):
        Py3OnlySyntaxRules._keyword_name(ctx.parent, node.asname or node.name, ctx)

    @staticmethod
    def visit_Constant(node, ctx):
        if node.value is Ellipsis and not isinstance(ctx.parent, (ast.Subscript, ast.Slice, ast.Tuple)):
            _report(ctx, node, "... outside a subscript")

    if hasattr(ast, "TryStar"):
        @staticmethod
        def visit_TryStar(node, ctx):
            _report(ctx, node, "except*")

    if hasattr(ast, "TypeAlias"):
        @staticmethod
        def visit_TypeAlias(node, ctx):
            _report(ctx, node, "type statement")

    if hasattr(ast, "Match"):
        @staticmethod
        def visit_Match(node, ctx):
            _report(ctx, node, "match statement")

"""What python2.7 refuses after parsing (python2-syntax-error, in its own words): its compiler's checks, which Python
3's parser does not make, so that the tree of a file python2.7 cannot compile is read here without complaint
(tryout11 #14). Some Python 3 refuses too when it compiles (a duplicate parameter, `return` outside a function,
`import *` in a function); several it accepts (a bare `exec` in a function with a nested function reading a free
variable, `continue` in a `finally` clause, `del` of a variable a nested function reads, `from __future__ import
annotations`, a call with more than 255 arguments). The refusals that depend on scopes are decided on
source/py2blocks.py's reading of Python 2.7's symbol table, built only for a function running a bare exec or a star
import, or deleting a name: the pass stays one walk."""
from __future__ import annotations

import ast

from diracmod.source import module_nodes, py2blocks
from diracmod.source.scopes import deleted_names

_PY27_FEATURES = frozenset({"nested_scopes", "generators", "division", "absolute_import", "with_statement",
                            "print_function", "unicode_literals"})
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_UNITS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)  # each compiled apart: loops end there
_MAX_ARGUMENTS = 255


def _report(ctx, node, what):
    ctx.report("python2-syntax-error", node, always=True, detail=what)


def _innermost(ctx, kinds):
    """(index in ctx.parents, node) of the innermost ancestor of one of `kinds`, or (-1, None)."""
    parents = ctx.parents
    for at in range(len(parents) - 1, -1, -1):
        if isinstance(parents[at], kinds):
            return at, parents[at]
    return -1, None


def _function_block(ctx):
    """(index, node) of the def whose own block holds the statement visited, or (-1, None) in a module or class
    body."""
    at, owner = _innermost(ctx, py2blocks.BLOCKS)
    return (at, owner) if isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)) else (-1, None)


def _global_anywhere(ctx) -> frozenset:
    return module_nodes.once(ctx.tree, _declared_global)


def _declared_global(tree) -> frozenset:
    return frozenset(name for node in module_nodes.of_kind(tree, ast.Global) for name in node.names)


def _block(ctx, function) -> py2blocks.Block | None:
    """python2.7's block of `function`, None where the Python 3 reading of the file lost names it binds (`except E,
    (a, b)` respelled `except E as _unpacked`): then nothing is said."""
    key = ("py2block", id(function))
    if key not in ctx.cache:
        if any(symbol == "unpacking-in-except" for _, symbol in ctx.respelled):
            ctx.cache[key] = None
        else:
            backticks = {line for line, symbol in ctx.respelled if symbol == "backtick"}
            statements = "print_function" not in ctx.future  # a print is a statement, no name

            def skip(name) -> bool:
                return name.id == "exec" or name.id == "print" and statements or (
                    name.id == "repr" and name.lineno in backticks)
            ctx.cache[key] = py2blocks.block(function, skip)
    return ctx.cache[key]


def _unoptimized(node, ctx, what):
    """`what` ("import *", "unqualified exec") in a function: refused where a block in it is free, or where it is
    nested and free itself (python2.7's check_unoptimized)."""
    at, function = _function_block(ctx)
    if function is None:
        return  # a module or class body may do either
    block = _block(ctx, function)
    if block is None:
        return
    anywhere = _global_anywhere(ctx)
    if py2blocks.has_free_block(block, anywhere):
        because = "contains a nested function with free variables"
    elif block.free_names(anywhere) and any(isinstance(p, py2blocks.FUNCTION_BLOCKS) for p in ctx.parents[:at]):
        because = "is a nested function"
    else:
        return
    if len(block.unoptimized) > 1:
        _report(ctx, node, f"function '{function.name}' uses import * and bare exec, which are illegal because it "
                           f"{because}")
    else:
        _report(ctx, node, f"{what} is not allowed in function '{function.name}' because it {because}")


def _leading_futures(tree) -> frozenset:
    """The future imports python2.7 reads as such (future.c): those before any other statement but one docstring."""
    found, docstring = [], False
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__" and not statement.level:
            found.append(statement)
        elif not docstring and isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
                and isinstance(statement.value.value, (str, bytes)):
            docstring = True
        else:
            break
    return frozenset(map(id, found))


def _in(child, parent, field: str) -> bool:
    return any(child is item for item in getattr(parent, field, ()))


def _loop_exit(node, ctx, finally_stops: bool):
    """What a break or continue finds going out: "loop" (a loop's body holds it), "finally" (with `finally_stops`: a
    finally clause is met first, where python2.7 cannot continue) or None (neither, up to its function or class)."""
    path = [*ctx.parents, node]
    for at in range(len(path) - 2, -1, -1):
        parent, child = path[at], path[at + 1]
        if isinstance(parent, _LOOPS) and _in(child, parent, "body"):
            return "loop"
        if finally_stops and isinstance(parent, ast.Try) and _in(child, parent, "finalbody"):
            return "finally"
        if isinstance(parent, _UNITS):
            return None
    return None


class Py2CompileRules:
    @staticmethod
    def visit_FunctionDef(node, ctx):
        Py2CompileRules._duplicates(node, ctx)

    @staticmethod
    def visit_AsyncFunctionDef(node, ctx):
        Py2CompileRules._duplicates(node, ctx)

    @staticmethod
    def visit_Lambda(node, ctx):
        Py2CompileRules._duplicates(node, ctx)

    @staticmethod
    def _duplicates(node, ctx):
        names = py2blocks.parameters(node.args)
        if len(set(names)) < len(names):
            seen = set()
            twice = next(name for name in names if name in seen or seen.add(name))
            _report(ctx, node, f"duplicate argument '{twice}' in function definition")

    @staticmethod
    def visit_Global(node, ctx):
        _, owner = _innermost(ctx, py2blocks.BLOCKS)
        if isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
            parameters = set(py2blocks.parameters(owner.args))
            for name in node.names:
                if name in parameters:
                    _report(ctx, node, f"name '{name}' is local and global")

    @staticmethod
    def visit_ImportFrom(node, ctx):
        if any(alias.name == "*" for alias in node.names):
            _unoptimized(node, ctx, "import *")
        if node.module != "__future__" or node.level:
            return
        leading = module_nodes.once(ctx.tree, _leading_futures)
        if id(node) not in leading:
            _report(ctx, node, "from __future__ imports must occur at the beginning of the file")
            return
        for alias in node.names:
            if alias.name == "braces":
                _report(ctx, node, "not a chance")
            elif alias.name not in _PY27_FEATURES:
                _report(ctx, node, f"future feature {alias.name} is not defined")

    @staticmethod
    def visit_Call(node, ctx):
        keywords = node.keywords
        if len(keywords) > 1:
            named = [keyword.arg for keyword in keywords if keyword.arg]
            if len(set(named)) < len(named):
                _report(ctx, node, "keyword argument repeated")
        if len(node.args) + len(keywords) > _MAX_ARGUMENTS and sum(
                not isinstance(arg, ast.Starred) for arg in node.args) + sum(
                keyword.arg is not None for keyword in keywords) > _MAX_ARGUMENTS:
            _report(ctx, node, "more than 255 arguments")
        if py2blocks.bare_exec(node, ctx.parent):
            _unoptimized(node, ctx, "unqualified exec")

    @staticmethod
    def visit_Delete(node, ctx):
        names = [target for top in node.targets for target in deleted_names(top)]
        if not names:
            return
        _, function = _function_block(ctx)
        block = function and _block(ctx, function)
        if not block or not block.children:
            return
        referenced = py2blocks.cells(block, _global_anywhere(ctx))
        for name in names:
            if name.id in referenced:
                _report(ctx, name, f"can not delete variable '{name.id}' referenced in nested scope")

    @staticmethod
    def visit_Return(node, ctx):
        _, owner = _innermost(ctx, _UNITS)
        if owner is None or isinstance(owner, ast.ClassDef):
            _report(ctx, node, "'return' outside function")

    @staticmethod
    def visit_Yield(node, ctx):
        _, owner = _innermost(ctx, py2blocks.BLOCKS)
        if owner is None or isinstance(owner, ast.ClassDef):
            _report(ctx, node, "'yield' outside function")

    @staticmethod
    def visit_Break(node, ctx):
        if _loop_exit(node, ctx, finally_stops=False) is None:
            _report(ctx, node, "'break' outside loop")

    @staticmethod
    def visit_Continue(node, ctx):
        exit_ = _loop_exit(node, ctx, finally_stops=True)
        if exit_ == "finally":
            _report(ctx, node, "'continue' not supported inside 'finally' clause")
        elif exit_ is None:
            _report(ctx, node, "'continue' not properly in loop")

    @staticmethod
    def visit_Try(node, ctx):
        for handler in node.handlers[:-1]:
            if handler.type is None:
                _report(ctx, handler, "default 'except:' must be last")

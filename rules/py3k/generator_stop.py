"""PEP 479 (tryout11 #12): from Python 3.7 a StopIteration leaving a generator's frame becomes `RuntimeError: generator
raised StopIteration`, where Python 2 (and 3.6) ended the generator silently. Two Python 2 idioms relied on that:
`raise StopIteration` to end a generator, and a bare `next(it)` / `it.next()` whose StopIteration ends the generator
with the iterator it reads.

- stop-iteration-raised (DM410, fixable): `raise StopIteration` / `raise StopIteration()` directly in a generator
  function's own body where `return` does on Python 2 what the raise did: no `try` of the generator around it whose
  handler may catch it, no `with` around it (its context manager would see an exception where `return` gives none),
  the name StopIteration the builtin there (stop_iteration_bound: no binding in the module, the generator or a
  function around it, none unseen). The fixer (runtime_fix.StopIterationToReturn) writes `return`.
- stop-iteration-in-generator (DM411, not fixable): the other `raise StopIteration` of a generator (with a value,
  which Python 2's generators cannot return; or in such a try or with), a bare `raise` in a handler catching
  StopIteration by name, and `next(x)` (one argument: the builtin or six.next) or `x.next()` in a generator's own
  body outside a try whose handlers may catch StopIteration, for a person (`try: ... except StopIteration: return`).

A generator's own body: not a def, lambda or class nested in it; a list, set or dict comprehension in it is (its
StopIteration leaves it into the generator's frame on both Pythons), a generator expression is a generator itself:
`next(it)` in its element or conditions ends it silently on Python 2 (`tuple(next(it) for _ in range(3))` of a short
iterator gives what there was), RuntimeError on Python 3 (checked on 3.11), whatever try is around it; its first
iterable runs in the enclosing scope. The one place deciding it, for check and fix alike."""
from __future__ import annotations

import ast
import builtins

from diracmod.rules.py3k.next_attribute import generator_function
from diracmod.rules.py3k.rebound import plain_module
from diracmod.rules.py3k.runtime import builtin_unseen
from diracmod.source.scopes import COMPREHENSIONS, bound_by, scope_bindings

_IN_PLACE = (ast.ListComp, ast.SetComp, ast.DictComp)  # no generators: their StopIteration goes on into the frame
_CATCHING = frozenset({"StopIteration", "Exception", "BaseException"})
# the builtin exception classes of either Python that catch no StopIteration (Python 2's StopIteration is no
# StandardError)
_NOT_CATCHING = frozenset(name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(
    value, BaseException) and not issubclass(StopIteration, value)) | {"StandardError"}
_TRY = (ast.Try, getattr(ast, "TryStar", ast.Try))


def generator_of(ctx):
    """The generator whose own body the node visited is in: a def whose own body yields, or a generator expression
    (its element, conditions and later iterables); None elsewhere."""
    scope = ctx.scope
    while isinstance(scope.node, _IN_PLACE):
        scope = scope.parent
    node = scope.node
    if isinstance(node, ast.GeneratorExp):
        return node
    if not isinstance(node, ast.FunctionDef):
        return None
    known = ctx.cache.setdefault("generator functions", {})
    if node not in known:
        known[node] = generator_function(node)
    return node if known[node] else None


def catches(handler: ast.ExceptHandler) -> str:
    """"yes" where the except clause catches StopIteration (by that name, Exception, BaseException, bare), "maybe"
    where it names something else than a builtin exception class (a tuple held by a name, `socket.error`, a class
    of the project), "" where it cannot."""
    if handler.type is None:
        return "yes"
    found = ""
    for kind in handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]:
        name = kind.id if isinstance(kind, ast.Name) else kind.attr if isinstance(kind, ast.Attribute) else None
        if name in _CATCHING:
            return "yes"
        if not (isinstance(kind, ast.Name) and name in _NOT_CATCHING):
            found = "maybe"
    return found


def _around(node, generator, ctx) -> tuple:
    """(the strongest `catches` of the handlers of a try of the generator whose body holds `node`, the first line of a
    `with` of the generator whose body holds it, or 0)."""
    chain, caught, within = ctx.parents, "", 0
    for at in range(len(chain) - 1, -1, -1):
        parent = chain[at]
        if parent is generator:
            break
        child = chain[at + 1] if at + 1 < len(chain) else node
        if isinstance(parent, _TRY) and any(child is statement for statement in parent.body):
            for handler in parent.handlers:
                found = catches(handler)
                caught = "yes" if "yes" in (caught, found) else caught or found
        elif isinstance(parent, (ast.With, ast.AsyncWith)) and any(child is statement for statement in parent.body):
            within = parent.lineno
    return caught, within


def _stop_iteration(exc) -> tuple:
    """(whether the raise's exception is StopIteration, whether it is given a value): `StopIteration`,
    `StopIteration(...)`, and Python 2's `raise StopIteration, V[, T]` as the parse reads it, `raise (E, V[, T])`
    (stage 1 makes `raise StopIteration, None` and `raise StopIteration, ()` `raise StopIteration()`)."""
    if isinstance(exc, ast.Tuple) and len(exc.elts) in (2, 3):
        value = exc.elts[1]
        return _stop_iteration(exc.elts[0])[0], len(exc.elts) == 3 or not (
            isinstance(value, ast.Constant) and value.value is None or isinstance(value, ast.Tuple) and not value.elts)
    func = exc.func if isinstance(exc, ast.Call) else exc
    return (isinstance(func, ast.Name) and func.id == "StopIteration",
            isinstance(exc, ast.Call) and bool(exc.args or exc.keywords))


def stop_iteration_bound(node, ctx) -> str:
    """Where the name StopIteration the raise `node` reads may be bound (tryout13 #6): the scope of a binding it
    resolves to (the module, the generator, a function around it; not another function's local, nor a class body
    around a method), or how the module or a function around it may bind it unseen (a star import, a write to the
    module's namespace, exec: runtime.builtin_unseen); "" where it is surely the builtin."""
    name = "StopIteration"
    if not ctx.is_builtin(name, node.lineno):
        scope, first = ctx.scope, True
        while scope.parent is not None and name not in scope.globals and not (
                (first or not scope.is_class) and name in scope.names):
            first = first and isinstance(scope.node, ast.ListComp)
            scope = scope.parent
        if name in scope.globals or scope.parent is None:
            scope = scope.module()
            where, lines = "the module", scope.names.get(name, ())
            if not lines:  # bound by a function declaring it global
                return f"the module binds the name {name} (declared global in the function of line " + str(min(
                    binding.lineno for binding in scope_bindings(scope.node, name) if name not in bound_by(binding)
                    and isinstance(binding, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))) + ")"
        else:
            lines = scope.names[name]
            kind = ("generator" if scope.node is generator_of(ctx) else "function" if scope.is_function
                    else "comprehension" if isinstance(scope.node, COMPREHENSIONS) else "scope")
            where = f"the {kind} `{scope.node.name}`" if hasattr(scope.node, "name") else f"the {kind}"
            where += "" if kind == "generator" else " around it"
        lines = sorted(line for line in lines if line)
        return f"{where} binds the name {name} " + (f"(line {lines[0]})" if lines else "(a parameter)")
    how = builtin_unseen(ctx, name)
    return f"the name {name} may be bound unseen: {how}" if how else ""


def _next_call(node: ast.Call, ctx) -> str:
    """`next(x)`, `six.next(x)` (one argument) or `x.next()` of an object that may be an iterator: the call as a
    person reads it, else ""."""
    func = node.func
    if node.keywords:
        return ""
    if isinstance(func, ast.Attribute) and func.attr == "next":
        if not node.args and not plain_module(ctx, func.value) and ctx.scope.qualified_name(func) != "six.next":
            return f"`{ast.unparse(func.value)}.next()`"[:80]
        if len(node.args) == 1 and ctx.scope.qualified_name(func) == "six.next":
            return "`six.next(...)` without a default"
        return ""
    if isinstance(func, ast.Name) and len(node.args) == 1 and not isinstance(node.args[0], ast.Starred) and (
            func.id == "next" and ctx.is_builtin("next", func.lineno)
            or ctx.scope.qualified_name(func) == "six.next"):
        return f"`{func.id}(...)` without a default"
    return ""


class GeneratorStopRules:
    @staticmethod
    def visit_Raise(node, ctx):
        generator = generator_of(ctx)
        if generator is None:
            return
        if node.exc is None:
            handler = next((parent for parent in reversed(ctx.parents)
                            if isinstance(parent, (ast.ExceptHandler, ast.FunctionDef))), None)
            if isinstance(handler, ast.ExceptHandler) and handler.type is not None and any(
                    isinstance(kind, ast.Name) and kind.id == "StopIteration" for kind in (
                        handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type])):
                ctx.report("stop-iteration-in-generator", node, what="`raise` re-raising StopIteration",
                           where="a generator", why="a person decides where the generator ends")
            return
        stop, valued = _stop_iteration(node.exc)
        if not stop:
            return
        caught, within = _around(node, generator, ctx)
        why = ("it raises StopIteration with a value, which a Python 2 generator cannot return" if valued else
               "it has a cause (`from`)" if node.cause is not None else
               "a handler of the try around it catches it" if caught == "yes" else
               "a handler of the try around it may catch it" if caught else
               f"in the `with` of line {within}, whose context manager would see no exception after `return`"
               if within else
               stop_iteration_bound(node, ctx))
        if why:
            ctx.report("stop-iteration-in-generator", node, what="`raise StopIteration`", where="a generator",
                       why=why)
        else:
            ctx.report("stop-iteration-raised", node)

    @staticmethod
    def visit_Call(node, ctx):
        if not (isinstance(node.func, ast.Name) and node.func.id == "next"
                or isinstance(node.func, ast.Attribute) and node.func.attr == "next"):
            return
        generator = generator_of(ctx)
        if generator is None:
            return
        what = _next_call(node, ctx)
        if not what:
            return
        if isinstance(generator, ast.GeneratorExp):
            ctx.report("stop-iteration-in-generator", node, what=what, where="a generator expression",
                       why="Python 2 ends the generator expression silently, whatever try is around it")
        elif not _around(node, generator, ctx)[0]:
            ctx.report("stop-iteration-in-generator", node, what=what, where=f"the generator `{generator.name}`",
                       why="no try around it catches StopIteration")

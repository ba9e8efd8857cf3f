"""What a comparison function of the module may return, read from its code: Python 2's sort and sorted raise
TypeError ("comparison function must return int") at a comparison returning anything but an int (a bool is one),
where key=functools.cmp_to_key(f) orders what it returns against 0 without complaint on Python 2 (None and a str
compare with an int there: tryout8 #6). The one place deciding it, for using-cmp-argument and
positional-cmp-argument (rules/py3k/runtime.py, comparison_non_int), so for check and fix alike.

A return is not an int where it is seen to be another type: `return` without a value, a path falling off the end
of the body, a yield (a generator), a literal other than an int or a bool (None, a str, a float), a call of a
builtin making another type (str(), float()...), a display (a list, a tuple...), a `%` or `+` of a string
literal, or a conditional or `and`/`or` one of whose values is one of those. Anything else (`a - b`, a call of
another function) may be an int: fix rewrites it (a float of `a - b` is README's known limit)."""
from __future__ import annotations

import ast

from diracmod.source.scopes import own_nodes

_NOT_INT_CALLS = frozenset({"str", "unicode", "repr", "bytes", "float", "complex", "hex", "oct", "chr", "unichr",
                            "format", "list", "tuple", "dict", "set", "frozenset"})
_DISPLAYS = (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
             ast.JoinedStr, ast.Lambda)
_OWN_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def non_int_return(function) -> str:
    """Why the def or lambda `function` may return something other than an int, or ""."""
    if isinstance(function, ast.Lambda):
        why = _non_int_value(function.body)
        return f"the lambda may return a non-int: {why}" if why else ""
    nodes = list(own_nodes(function.body))
    if any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in nodes):
        return f"`{function.name}` is a generator function"
    for node in nodes:
        if isinstance(node, ast.Return):
            why = "`return` without a value (None)" if node.value is None else _non_int_value(node.value)
            if why:
                return f"`{function.name}` may return a non-int: {why}"
    if _may_fall_off(function.body):
        return f"`{function.name}` may return a non-int: a path falls off the end of its body (None)"
    return ""


def _non_int_value(node) -> str:
    """Why the expression `node` is seen to be something other than an int, or ""."""
    if isinstance(node, ast.Constant):
        return "" if type(node.value) in (int, bool) else f"`{ast.unparse(node)}`"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NOT_INT_CALLS:
        return f"`{ast.unparse(node)}`"
    if isinstance(node, _DISPLAYS):
        return f"`{ast.unparse(node)}`"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)) and any(
            isinstance(side, ast.Constant) and isinstance(side.value, (str, bytes)) for side in (node.left, node.right)):
        return f"`{ast.unparse(node)}`"
    if isinstance(node, ast.IfExp):
        return _non_int_value(node.body) or _non_int_value(node.orelse)
    if isinstance(node, ast.BoolOp):
        return next(filter(None, map(_non_int_value, node.values)), "")
    return ""


def _may_fall_off(body) -> bool:
    """May running the statements `body` reach their end (the function then returns None)? Certainly not after a
    return or a raise, an if both of whose branches end so, a try whose body (or else) and handlers do (or whose
    finally does), a `while True` without a break; anything else may."""
    if not body:
        return True
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return False
    if isinstance(last, ast.If):
        return _may_fall_off(last.body) or _may_fall_off(last.orelse)
    if isinstance(last, ast.Try):
        if last.finalbody and not _may_fall_off(last.finalbody):
            return False
        completes = _may_fall_off(last.body) and (not last.orelse or _may_fall_off(last.orelse))
        return completes or any(_may_fall_off(handler.body) for handler in last.handlers)
    if isinstance(last, ast.While):
        forever = isinstance(last.test, ast.Constant) and bool(last.test.value)
        return not forever or any(isinstance(node, ast.Break) for node in _loop_own_nodes(last.body))
    if isinstance(last, ast.With):  # a context manager may swallow the exception of a raise: only a return counts
        return _may_fall_off(last.body) or not isinstance(last.body[-1], ast.Return)
    return True


def _loop_own_nodes(body):
    """The nodes of a loop's body, not those of the loops, functions and classes in it (whose break is theirs)."""
    stack = list(body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*_OWN_SCOPES, ast.For, ast.While, ast.AsyncFor)):
            stack.extend(ast.iter_child_nodes(node))
        elif isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
            stack.extend(node.orelse)  # a loop's else belongs to the loop around it


# arithmetic whose result is a float where an operand is one (bit operations and shifts raise TypeError on a float)
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_INT_CALLS = frozenset({"cmp", "int", "long", "len", "hash", "ord", "id", "bool"})


def arithmetic_return(function) -> str:
    """A value the def `function` returns that is arithmetic (`a - b`, `a * b`, `a / b`...) on operands not all
    seen to be ints, directly or through a conditional, `and`/`or`, a unary minus or a name the function assigns:
    said, or "". Where `a - b` is a float, a `__cmp__`'s result is truncated by Python 2 (-0.5 is 0, equal:
    tryout21 #4), which a rewrite comparing it with 0 would not do; non_int_return does not count it (a sort's
    comparison function of `a - b` is using-cmp-argument's known limit). Seen ints: int and bool literals,
    comparisons, cmp(), int(), len()..., and arithmetic of those other than `/` (true division under the future
    import)."""
    nodes = list(own_nodes(function.body))
    assigned: dict = {}
    for node in nodes:
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            assigned.setdefault(node.target.id, []).append(ast.BinOp(node.target, node.op, node.value))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            for target in getattr(node, "targets", None) or [node.target]:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)

    def found(value, seen: frozenset):
        if isinstance(value, ast.BinOp):
            return value if isinstance(value.op, _ARITHMETIC) and not _int_valued(value) else None
        if isinstance(value, ast.UnaryOp):
            return found(value.operand, seen)
        if isinstance(value, ast.IfExp):
            return found(value.body, seen) or found(value.orelse, seen)
        if isinstance(value, ast.BoolOp):
            return next(filter(None, (found(item, seen) for item in value.values)), None)
        if isinstance(value, ast.Name) and value.id not in seen:
            return next(filter(None, (found(item, seen | {value.id}) for item in assigned.get(value.id, ()))), None)
        return None

    for node in nodes:
        value = found(node.value, frozenset()) if isinstance(node, ast.Return) and node.value is not None else None
        if value is not None:
            return f"`{function.name}` returns `{ast.unparse(value)[:60]}`, which may be a float"
    return ""


def _int_valued(node) -> bool:
    """Is the expression `node` seen to be an int (or a bool)?"""
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, bool)
    if isinstance(node, ast.Compare):
        return True
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id in _INT_CALLS
    if isinstance(node, ast.UnaryOp):
        return _int_valued(node.operand)
    if isinstance(node, ast.BinOp):
        return not isinstance(node.op, ast.Div) and _int_valued(node.left) and _int_valued(node.right)
    if isinstance(node, ast.BoolOp):
        return all(map(_int_valued, node.values))
    if isinstance(node, ast.IfExp):
        return _int_valued(node.body) and _int_valued(node.orelse)
    return False

"""map() calls whose Python 3 meaning differs even where they are only iterated (tryout2 #18).

Python 2's map(f, a, b) pads the shorter iterables with None (as zip_longest does) where Python 3's stops at
the shortest, and Python 2's map(None, ...) lists the items (or their tuples) where Python 3's calls None: so
`for x in map(f, a, b)` changes too, not only a map used as a list. What fix writes for them (rules/py3k/
calls_fix.py, WrapInList): `list(itertools.starmap(f, six.moves.zip_longest(a, b)))`, `list(a)` and
`list(six.moves.zip_longest(a, b))`, each Python 2's own list there (without a list() of its own where the map is
already the argument of list(): `list(map(None, a, b))` -> `list(six.moves.zip_longest(a, b))`).
"""
from __future__ import annotations

import ast
import builtins

from diracmod.rules.py3k.rebound import rebound_in
from diracmod.source.tables import REMOVED_BUILTINS


# builtins that order their arguments: given the None padding Python 2 sorted it first, Python 3 raises TypeError
# (tryout4 #15); `sorted(items, None)` takes no positional cmp there either
_ORDERING = frozenset({"max", "min", "cmp", "sorted"})


def differs_when_iterated(node: ast.Call) -> bool:
    """A call of map (`node`) with the function None or several iterables (`*` arguments may be several)."""
    args = node.args
    return any(isinstance(arg, ast.Starred) for arg in args) or len(args) > 2 or (
        len(args) == 2 and _none(args[0]))


def _none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _builtin_function(node, ctx) -> bool:
    """A builtin function by its name: never None when map calls it (a module binding the name is not it)."""
    return isinstance(node, ast.Name) and (
        node.id in REMOVED_BUILTINS or callable(getattr(builtins, node.id, None))) and ctx.is_builtin(
        node.id, node.lineno)


def left_why(node: ast.Call, ctx) -> str:
    """Why fix leaves such a map call for a person (map-several-iterables), or "" where it rewrites it (as
    map-builtin-not-iterating): the one place deciding it; the fixer rewrites what check reports."""
    args = node.args
    if any(isinstance(arg, ast.Starred) for arg in args):
        return "`*` arguments: perhaps several iterables, which Python 2 padded with None"
    function = args[0]
    if _none(function):  # rebuilt from its parts (calls_fix.py): a comment among them would be lost
        segment = ast.get_source_segment(ctx.text, node) if ctx.text is not None else None
        if segment is None or "#" in segment:  # `'#'` in a string too: left, never a wrong rewrite
            return "a comment among its arguments, which the rewrite from its parts would lose"
    if len(args) == 2:  # map(None, a) -> list(a)
        return ""
    if not (_none(function) or isinstance(function, ast.Lambda) or _builtin_function(function, ctx)):
        return ("several iterables, and a function that may be None when it runs (Python 2 then builds tuples, "
                "itertools.starmap would call None)")
    if isinstance(function, ast.Name) and function.id in _ORDERING:
        return (f"several iterables, and `{function.id}` orders its arguments: Python 3 cannot compare the None "
                "padding of a shorter one (TypeError), which Python 2 did")
    taken = sorted(({"six"} if _none(function) else {"itertools", "six"}) & rebound_in(ctx))
    return f"several iterables, and the module binds {' and '.join(taken)} itself" if taken else ""

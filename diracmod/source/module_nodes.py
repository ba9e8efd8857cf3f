"""A module's nodes, listed once: the rules look over the whole module dozens of times per file (star imports,
namespace writes, class attributes, how the file is run...), and `ast.walk` rebuilds the same order of nodes each
time from `ast.iter_child_nodes`, which was a third of `diracmod fix`'s time on Django. A module's tree is only
read once parsed (a rewrite is parsed afresh), so its list, and each filtered list asked for, is kept on it.

What is kept never holds the module node itself: a tree holding itself is a cycle, freed only by the cyclic
collector, which waits while a file is checked (check/engine.py collector_paused): the trees of a whole run piled
up (+23 MB peak on Django at -j 1, measured) where without a cycle each is freed as soon as its file is done.
"""
from __future__ import annotations

import ast
import itertools

_KEPT = "diracmod_nodes"  # on the ast.Module: {None: the nodes below it, kinds: those of these kinds, function: value}


def walk(tree: ast.AST):
    """The nodes of `tree` in `ast.walk`'s order (an iterator); a module's from its kept list."""
    if not isinstance(tree, ast.Module):
        return ast.walk(tree)
    return itertools.chain((tree,), _kept(tree)[None])


def of_kind(tree: ast.AST, kinds) -> tuple:
    """The nodes of `tree` that are instances of `kinds` (a class or a tuple of them), in `ast.walk`'s order."""
    if not isinstance(tree, ast.Module):
        return tuple(node for node in ast.walk(tree) if isinstance(node, kinds))
    kept = _kept(tree)
    found = kept.get(kinds)
    if found is None:
        found = kept[kinds] = tuple(node for node in kept[None] if isinstance(node, kinds))
    return (tree, *found) if isinstance(tree, kinds) else found


def once(tree: ast.AST, function):
    """function(tree), computed once for a module: what does not depend on the question asked of it (the names bound
    to its namespace, the exec calls that may write it) though a rule asks once per name. The value must not hold
    the module node (see above)."""
    if not isinstance(tree, ast.Module):
        return function(tree)
    kept = _kept(tree)
    if function not in kept:
        kept[function] = function(tree)
    return kept[function]


_BLOCKS = (ast.If, ast.Try, ast.With)  # a module-level def may sit under a version test, a try/except ImportError


def module_defs(tree: ast.Module) -> list:
    """The module-level function definitions of `tree`: in the module's body or its if/try/with blocks, not inside
    a def or a class."""
    found = []
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(node)
        elif isinstance(node, _BLOCKS):
            stack.extend(node.body)
            stack.extend(node.orelse if not isinstance(node, ast.With) else ())
            stack.extend(getattr(node, "finalbody", ()))
            for handler in getattr(node, "handlers", ()):
                stack.extend(handler.body)
    return found


def _kept(tree: ast.Module) -> dict:
    kept = tree.__dict__.get(_KEPT)
    if kept is None:
        kept = {None: _below(tree)}
        setattr(tree, _KEPT, kept)
    return kept


def _below(tree: ast.AST) -> tuple:
    """tuple(ast.walk(tree))[1:], in the same breadth-first order, without a generator per node: half the time."""
    found = [tree]
    add = found.append
    for node in found:  # grows as it goes: each node's children after those already found
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, ast.AST):
                add(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        add(item)
    return tuple(found[1:])

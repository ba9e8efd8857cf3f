"""A module's nodes, listed once: the rules look over the whole module dozens of times per file (star imports,
namespace writes, class attributes, how the file is run...), and `ast.walk` rebuilds the same order of nodes each
time from `ast.iter_child_nodes`, which was a third of `diracmod fix`'s time on Django. A module's tree is only
read once parsed (a rewrite is parsed afresh), so its list, and each filtered list asked for, is kept on it.
"""
from __future__ import annotations

import ast

_KEPT = "diracmod_nodes"  # on the ast.Module: {None: every node, kinds: the nodes of those kinds, function: its value}


def walk(tree: ast.AST):
    """The nodes of `tree` in `ast.walk`'s order; a module's from its kept list, any other node's walked."""
    if not isinstance(tree, ast.Module):
        return ast.walk(tree)
    return _kept(tree)[None]


def of_kind(tree: ast.AST, kinds) -> tuple:
    """The nodes of `tree` that are instances of `kinds` (a class or a tuple of them), in `ast.walk`'s order."""
    if not isinstance(tree, ast.Module):
        return tuple(node for node in ast.walk(tree) if isinstance(node, kinds))
    kept = _kept(tree)
    found = kept.get(kinds)
    if found is None:
        found = kept[kinds] = tuple(node for node in kept[None] if isinstance(node, kinds))
    return found


def once(tree: ast.AST, function):
    """function(tree), computed once for a module: what does not depend on the question asked of it (the names bound
    to its namespace, the exec calls that may write it) though a rule asks once per name."""
    if not isinstance(tree, ast.Module):
        return function(tree)
    kept = _kept(tree)
    if function not in kept:
        kept[function] = function(tree)
    return kept[function]


def _kept(tree: ast.Module) -> dict:
    kept = tree.__dict__.get(_KEPT)
    if kept is None:
        kept = {None: _walked(tree)}
        setattr(tree, _KEPT, kept)
    return kept


def _walked(tree: ast.AST) -> tuple:
    """tuple(ast.walk(tree)), in the same breadth-first order, without a generator per node: half the time."""
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
    return tuple(found)

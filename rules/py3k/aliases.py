"""Names a module gives a builtin (`Base = object`, `ordered = sorted`) or six's with_metaclass: read where the
detectors ask whether a name is that object for certain (object-base-not-last, positional-cmp-none)."""
from __future__ import annotations

import ast

from diracmod.rules.py3k.builtin_uses import unseen_binding
from diracmod.source import module_nodes
from diracmod.source.scopes import stores

WITH_METACLASS = frozenset({"six.with_metaclass", "future.utils.with_metaclass"})


def is_alias(node, found: dict, ctx, line: int) -> bool:
    """A name read at `line` that finds the one binding of an alias of `found` (bound on an earlier line)."""
    return (isinstance(node, ast.Name) and node.id in found and found[node.id][0] < line
            and not ctx.is_builtin(node.id, line) and _source_seen(node.id, found, ctx.scope))


def _source_seen(name: str, found: dict, scope) -> bool:
    """Does the alias `name = source` read its source's one binding? The scope binding `name` (as seen from
    `scope`) must see the source's (its own, an enclosing function's or the module's: not another function's
    local, a NameError there), and so on down the chain."""
    source = found[name][1]
    if source is None:
        return True
    where = scope.binding_scope(name)
    return where is not None and where.binding_scope(source) is not None and _source_seen(source, found, where)


def aliases(ctx, of: str) -> dict:
    """{name: (line, the alias it is assigned, or None)} of the assignments that make a name the builtin `of`
    ("object", "sorted") or six's (or future's) with_metaclass (`of` "with_metaclass"): `Base = object`,
    `A = B = object`, `T, M = object, Mixin` in any scope, `B = Base` of such a name bound on an earlier line
    (is_alias asks whether it reads that binding), and at module level `wm = six.with_metaclass`; each the one
    binding of its name in the whole module (no other assignment, def, import, parameter or global anywhere, nor
    one unseen: builtin_uses.unseen_binding), so that a read finding that binding after its line reads the
    object. A name read is one only where is_alias finds it so (ctx.is_builtin: the read sees the binding)."""
    key = ("aliases", of)
    if key not in ctx.cache:
        ctx.cache[key] = _aliases(ctx, of)
    return ctx.cache[key]


def _aliases(ctx, of: str) -> dict:
    module = ctx.scope.module()
    pairs = _assigned_pairs(ctx)
    if not any(_root_candidate(of, at_top, value, module) for _, at_top, _, value in pairs):
        return {}  # the common case: nothing is bound to `of`, so no binding need be counted
    counted = {name for _, _, name, _ in pairs} | {of}
    bindings = dict.fromkeys(counted, 0)
    for node in module_nodes.walk(ctx.tree) if pairs else ():  # one look at each node, not one per name counted
        for name in stores(node):
            if name in bindings:
                bindings[name] += 1
    found: dict = {}
    for line, at_top, name, value in pairs:
        if bindings[name] != 1:
            continue
        root = _root_candidate(of, at_top, value, module) and (
            of == "with_metaclass" or (module.resolves_to_builtin(of, ctx.module_globals, line) if at_top
                                       else not bindings[of] and of not in ctx.module_globals))
        chained = not root and isinstance(value, ast.Name) and value.id in found and found[value.id][0] < line
        if (root or chained) and not unseen_binding(ctx.tree, name):
            found[name] = (line, value.id if chained else None)
    return found


def _assigned_pairs(ctx) -> list:
    """(line, at module level, name, value) of each name an assignment of the module binds to a value of its own,
    by line: read once for every `of` asked."""
    if "assigned-pairs" not in ctx.cache:
        top = {id(statement) for statement in ctx.tree.body}
        ctx.cache["assigned-pairs"] = sorted(
            ((node.lineno, id(node) in top, name, value) for node in module_nodes.of_kind(ctx.tree, ast.Assign)
             for target in node.targets for name, value in _paired(target, node.value)),
            key=lambda pair: pair[0])
    return ctx.cache["assigned-pairs"]


def _root_candidate(of: str, at_top: bool, value, module) -> bool:
    """Whether `name = value` may make a name `of` itself (the builtin `of` by its name, or six's with_metaclass at
    module level), before asking whether that name is bound nowhere else."""
    if of == "with_metaclass":
        return at_top and not isinstance(value, ast.Name) and module.qualified_name(value) in WITH_METACLASS
    return isinstance(value, ast.Name) and value.id == of


def _paired(target, value):
    """(name, value) for each name the assignment `target = value` binds to a value of its own: `A = v`, and the
    items of `A, B = v, w` (no starred item)."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif (isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List))
          and len(target.elts) == len(value.elts)
          and not any(isinstance(item, ast.Starred) for item in (*target.elts, *value.elts))):
        for inner_target, inner_value in zip(target.elts, value.elts):
            yield from _paired(inner_target, inner_value)

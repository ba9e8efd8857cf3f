"""A list comprehension in a class body reading a name the class body bound (tryout8 #9).

Python 2 runs a list comprehension in place: in a class body it reads the class's names (`ys = [x + base for x in
xs]` with `base = 10` and `xs = [1, 2]` of the class). Python 3 runs it as a function, which does not see the class
body (3.12's inlined comprehensions do not either): only its first iterable is read in the class body. Anything
else (the element, a condition, a later `for`'s iterable, a nested list comprehension, the first iterable of a
generator expression in it) reading a class-level name raises NameError there, or reads the module's name of that
spelling. Generator expressions, set and dict comprehensions and lambdas are functions on Python 2 as well: they
never saw the class body, so they change nothing. No rewrite: a person moves the computation after the class or
passes the names in through the first iterable."""
from __future__ import annotations

import ast

from diracmod.source.scopes import COMPREHENSIONS

_OTHER_SCOPES = (ast.GeneratorExp, ast.SetComp, ast.DictComp, ast.Lambda)


def _reads(node, bound: set):
    """The names a list comprehension (or a part of one) reads in Python 2's enclosing scope, its own loop
    variables (`bound`, collected on the way) aside; into a nested generator expression, set or dict
    comprehension only its first iterable, into a lambda only its defaults (those run in place)."""
    if isinstance(node, ast.Name):
        if isinstance(node.ctx, ast.Load):
            yield node
        return
    if isinstance(node, ast.ListComp):
        for generator in node.generators:
            bound.update(name.id for name in ast.walk(generator.target) if isinstance(name, ast.Name))
    if isinstance(node, COMPREHENSIONS) and not isinstance(node, ast.ListComp):
        yield from _reads(node.generators[0].iter, bound)
        return
    if isinstance(node, ast.Lambda):
        for default in (*node.args.defaults, *[d for d in node.args.kw_defaults if d]):
            yield from _reads(default, bound)
        return
    for child in ast.iter_child_nodes(node):
        yield from _reads(child, bound)


def class_names_read(node: ast.ListComp, scope) -> list:
    """The names (ast.Name nodes) the list comprehension `node`, directly in the class body whose scope is `scope`,
    reads from that class body outside its first iterable: bound there on a line before it, not bound by the
    comprehension itself."""
    bound: set = set()
    reads = []
    for generator in node.generators:
        bound.update(name.id for name in ast.walk(generator.target) if isinstance(name, ast.Name))
    for part in (*node.generators[0].ifs, *node.generators[1:], node.elt):
        reads += _reads(part, bound)
    return [read for read in reads if read.id not in bound
            and any(line < node.lineno for line in scope.names.get(read.id, ()))]


class ClassComprehensionRules:
    @staticmethod
    def visit_ListComp(node, ctx):
        scope = ctx.scope
        if not scope.is_class:
            return  # in a function or the module, or nested in another list comprehension (reported with it)
        seen = set()
        for read in class_names_read(node, scope):
            if read.id not in seen:
                seen.add(read.id)
                ctx.report("class-body-list-comprehension", read, name=read.id)

"""The syntax checker's pass over the AST when the py3k rules are not selected: only the
Python-3-only syntax rules and what python2.7's compiler refuses, without the py3k walker's scope
analysis, iteratively (a legal Python 3 expression can nest thousands of levels deep)."""
from __future__ import annotations

from diracmod.rules.py3k.py2compile import Py2CompileRules
from diracmod.rules.py3k.py3only import Py3OnlySyntaxRules
from diracmod.rules.walker import Context, Walker, children

_DISPATCH = Walker((Py3OnlySyntaxRules, Py2CompileRules)).dispatch
_LEAVE = object()


def run(ctx: Context):
    todo, parents = [ctx.tree], ctx.parents
    while todo:
        node = todo.pop()
        if node is _LEAVE:
            parents.pop()
            continue
        for handler in _DISPATCH.get(type(node), ()):
            handler(node, ctx)
        found = children(node)
        if found:  # a node without children is nobody's parent: no need to stack it
            parents.append(node)
            todo.append(_LEAVE)
            found.reverse()
            todo += found

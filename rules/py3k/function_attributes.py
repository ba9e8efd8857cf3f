"""Function and method attributes Python 3 removed (`f.func_name`, `f.func_code`, `m.im_func`, `m.im_self`...):
AttributeError on Python 3, which renamed them to the dunder names Python 2.6 already has (`__name__`, `__code__`,
`__func__`, `__self__`). pylint --py3k knows none of them.

An attribute of that name on an arbitrary object is not a function's: `f.func_name` is function-attribute-removed
(fix writes `f.__name__`) only where `f` is provably a function: a name whose only binding in the scope it
resolves to is an undecorated def (not a name declared global anywhere, nor a module-level name a star import or
a namespace write may rebind unseen: builtin_uses.namespace_unseen_binding; tryout7 #4). Then Python 2 reads the very same
attribute under either name. Every other read is function-attribute-removed-unsure: the receiver may be another
callable (a bound or unbound method, a functools.partial, a class with such an attribute), where the dunder name may
differ on Python 2 (`__dict__` of a method, `__doc__` of a partial), and the im_* attributes, whose receiver is a
method of which Python 3 has no unbound kind (`C.m.im_func` is `C.m` itself there). Not reported: an attribute of a
module, or of a name the module sets that attribute on (`self.func_name = ...`: the class's own attribute)."""
from __future__ import annotations

import ast

from diracmod.rules.py3k.builtin_uses import namespace_unseen_binding
from diracmod.source import module_nodes

# attribute -> its name on Python 3 (and on Python 2.6+), or what to write instead
FUNCTION_ATTRIBUTES = {
    "func_name": "__name__", "func_doc": "__doc__", "func_dict": "__dict__", "func_code": "__code__",
    "func_defaults": "__defaults__", "func_globals": "__globals__", "func_closure": "__closure__",
}
METHOD_ATTRIBUTES = {
    "im_func": "__func__, or six.get_method_function / six.get_unbound_function",
    "im_self": "__self__, or six.get_method_self",
    "im_class": "type(m.__self__) for a bound method; Python 3 has no unbound method",
}
_SIX = {"func_code": "six.get_function_code", "func_defaults": "six.get_function_defaults",
        "func_globals": "six.get_function_globals", "func_closure": "six.get_function_closure"}


def _attributes_set(ctx) -> frozenset:
    """The attribute names the module sets on `self` or `cls` (a class's own attributes), once per module."""
    if "own attributes set" not in ctx.cache:
        ctx.cache["own attributes set"] = frozenset(
            node.attr for node in module_nodes.of_kind(ctx.tree, ast.Attribute)
            if not isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls"))
    return ctx.cache["own attributes set"]


def _provably_function(ctx, receiver) -> bool:
    """Is `receiver` a name bound only by an undecorated def in the scope it resolves to?"""
    if not isinstance(receiver, ast.Name):
        return False
    scope = ctx.scope.binding_scope(receiver.id)
    if scope is None or len(scope.names[receiver.id]) != 1 or receiver.id in ctx.module_globals:
        return False
    if scope.parent is None and namespace_unseen_binding(ctx.tree, receiver.id):
        return False  # `from helpers import *` or `globals()['f'] = W()` may bind another object to the name
    definitions = [node for node in ast.iter_child_nodes(scope.node) if isinstance(
        node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == receiver.id]
    return len(definitions) == 1 and not definitions[0].decorator_list \
        and definitions[0].lineno == scope.names[receiver.id][0]


class FunctionAttributeRules:
    @staticmethod
    def visit_Attribute(node, ctx):
        name = node.attr
        if name not in FUNCTION_ATTRIBUTES and name not in METHOD_ATTRIBUTES:
            return
        if name in _attributes_set(ctx) or ctx.scope.qualified_name(node.value) is not None:
            return  # the class's own attribute, a module's (or an imported object's)
        if name in FUNCTION_ATTRIBUTES and _provably_function(ctx, node.value):
            ctx.report("function-attribute-removed", node, name=name, instead=FUNCTION_ATTRIBUTES[name])
            return
        instead = METHOD_ATTRIBUTES.get(name) or FUNCTION_ATTRIBUTES[name] + " where the object is a function" + (
            f"; {_SIX[name]}(f) reads {name} on Python 2" if name in _SIX else "")
        ctx.report("function-attribute-removed-unsure", node, name=name, instead=instead)

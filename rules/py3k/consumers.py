"""Where a Python 3 iterator, dict view or range does what the Python 2 list did, so no rule reports it.

The base is pylint's definition (lib2to3's fixer_util.in_special_context): contexts that iterate the
value once. diracmod adds the consumers pylint missed (zip/map arguments, itertools, set methods,
dict.fromkeys, `not in`) and, for views and ranges, which are not one-shot, the questions they answer
as the list did: len(), truth, the set operators of keys() and items() views, and a local name bound
to the value and then only used in those ways. Each rule's rationale in rules/py3k.toml says where
this differs from pylint.
"""
from __future__ import annotations

import ast

from diracmod.source.scopes import COMPREHENSIONS
from diracmod.source.tables import (ACCEPTS_ITERATOR, ATTRIBUTES_ACCEPTING_ITERATOR, FUNCTIONS_ACCEPTING_ITERATOR,
                                   MODULES_ACCEPTING_ITERATOR)

_SET_OPERATORS = (ast.BitAnd, ast.BitOr, ast.BitXor, ast.Sub)
_TRUTH_TESTED = (ast.If, ast.While, ast.IfExp, ast.Assert)
_MUTATORS = frozenset({"pop", "popitem", "clear", "update", "setdefault", "__setitem__", "__delitem__"})


def in_iterating_context(node, ctx, parents=None) -> bool:
    """The value is iterated once, whole or lazily by a consumer: an iterator serves as well as a list.
    `parents`: the node's ancestors, innermost last (default: the walker's, for the node it visits)."""
    parents = ctx.parents if parents is None else parents
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Starred) and len(parents) > 1:  # f(*map(...)) is an argument of f
        node, parent = parent, parents[-2]
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)):
        return parent.iter is node
    if isinstance(parent, ast.Call) and any(arg is node for arg in parent.args):
        return _consumes(parent.func, ctx)
    if isinstance(parent, ast.Assign):
        target = parent.targets[0]
        return isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) > 1
    if isinstance(parent, ast.Compare):
        return len(parent.ops) == 1 and isinstance(parent.ops[0], (ast.In, ast.NotIn))
    return False


def in_list_like_context(node, ctx, set_operators=False, receiver=None) -> bool:
    """A view or range is used as the list would be: iterated, len(), truth-tested, or (`set_operators`,
    for keys() and items() views, which are sets) an operand of & | ^ -; or it is bound to a local name
    used only in those ways, with `receiver` (the dict, for a view) not changed in that scope. A loop over
    a view whose body adds or removes keys of the dict is no such use."""
    if receiver is not None and _loop_resizes(node, ctx, receiver):
        return False
    if _list_like_use(node, ctx, ctx.parents, set_operators):
        return True
    uses = _local_uses(ctx, receiver)
    return bool(uses) and all(_list_like_use(use, ctx, parents, set_operators) for use, parents in uses)


def iterated_once(node, ctx) -> bool:
    """An iterator is in an iterating context, or bound to a local name loaded once, there iterated,
    and not by a loop that would read the exhausted iterator again."""
    if in_iterating_context(node, ctx):
        return True
    uses = _local_uses(ctx, None)
    if not uses or len(uses) != 1:
        return False
    use, parents = uses[0]
    return in_iterating_context(use, ctx, parents) and not _repeated(use, parents, ctx.parents)


def _local_uses(ctx, receiver):
    """The loads of the local name the value is assigned to (`x = d.keys()` in a function), else None."""
    assign = ctx.parent
    if not (ctx.scope.is_function and isinstance(assign, ast.Assign) and len(assign.targets) == 1
            and isinstance(assign.targets[0], ast.Name)):  # a module or class attribute may be read anywhere
        return None
    return _uses(ctx.scope.node, assign.targets[0].id, receiver)


def _repeated(use, parents, assign_parents) -> bool:
    """The load runs more than once per assignment: in a loop body or test, or a comprehension's
    element, filter or inner loop, that does not also hold the assignment."""
    shared = {id(p) for p in assign_parents}
    path = [*parents, use]
    for parent, child in zip(path, path[1:]):
        if id(parent) in shared:
            continue
        if isinstance(parent, (ast.For, ast.AsyncFor)) and any(child is s for s in parent.body):
            return True
        if isinstance(parent, ast.While) and not any(child is s for s in parent.orelse):
            return True
        if isinstance(parent, COMPREHENSIONS) and child is not parent.generators[0]:
            return True
        if isinstance(parent, ast.comprehension) and child is not parent.iter:
            return True
    return False


def _list_like_use(node, ctx, parents, set_operators) -> bool:
    if in_iterating_context(node, ctx, parents):
        return True
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Call) and len(parent.args) == 1 and parent.args[0] is node and not parent.keywords:
        func = parent.func
        return isinstance(func, ast.Name) and func.id in ("len", "bool") and ctx.is_builtin(func.id, func.lineno)
    if isinstance(parent, ast.BinOp):
        return set_operators and isinstance(parent.op, _SET_OPERATORS)
    return _truth_tested(node, parents)


def _consumes(func, ctx) -> bool:
    if isinstance(func, ast.Name) and func.id in ACCEPTS_ITERATOR and ctx.is_builtin(func.id, func.lineno):
        return True
    if isinstance(func, ast.Attribute) and func.attr in ATTRIBUTES_ACCEPTING_ITERATOR:
        return True
    name = ctx.scope.qualified_name(func)
    return bool(name) and (name in FUNCTIONS_ACCEPTING_ITERATOR or name.split(".")[0] in MODULES_ACCEPTING_ITERATOR)


def _truth_tested(node, parents) -> bool:
    """Only the truth of the value counts: an if/while/assert test, `not x`, a comprehension filter,
    or an operand of and/or that is itself one of those."""
    for parent in reversed(parents):
        if isinstance(parent, _TRUTH_TESTED):
            return parent.test is node
        if isinstance(parent, ast.comprehension):
            return any(test is node for test in parent.ifs)
        if isinstance(parent, ast.UnaryOp):
            return isinstance(parent.op, ast.Not)
        if not isinstance(parent, ast.BoolOp):
            return False
        node = parent
    return False


def _uses(scope_node, name, receiver):
    """Every load of `name` in the function with its ancestors, or None when it is augmented, declared
    global/nonlocal, seen from a nested def/class/lambda, or the receiver is changed in the function (a
    view shows later changes, the Python 2 list did not). Other bindings of the name do not matter: a
    load that is only iterated, len()-ed or truth-tested is safe whatever value reaches it."""
    uses = []
    target = ast.dump(receiver) if receiver is not None else None
    stack = [(child, [scope_node]) for child in scope_node.body]
    while stack:
        node, parents = stack.pop()
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return None
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return None  # `names += [x]`: the list's +=, a view has none
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            uses.append((node, parents))
        if target is not None and _mutates(node, target):
            return None
        nested = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
        if nested and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)):
            return None
        if not nested:
            stack.extend((child, parents + [node]) for child in ast.iter_child_nodes(node))
    return uses


def _loop_resizes(node, ctx, receiver) -> bool:
    """`for k in d.keys(): del d[k]`: Python 2 looped over a list, Python 3's view raises RuntimeError once
    the dict changes size. `d[k] = v` for the loop's own key changes no size and does not count. A call in
    the body of a function or method of this module that changes the dict counts too (_call_resizes)."""
    parents = ctx.parents
    loop = parents[-1] if parents else None
    if not (isinstance(loop, (ast.For, ast.AsyncFor)) and loop.iter is node):
        return False
    key = loop.target.elts[0] if isinstance(loop.target, ast.Tuple) and loop.target.elts else loop.target
    target = ast.dump(receiver)
    for statement in loop.body:
        for sub in ast.walk(statement):
            if (isinstance(sub, ast.Subscript) and isinstance(sub.ctx, ast.Store) and isinstance(key, ast.Name)
                    and isinstance(sub.slice, ast.Name) and sub.slice.id == key.id):
                continue
            if _mutates(sub, target) or isinstance(sub, ast.Call) and _call_resizes(sub, receiver, ctx):
                return True
    return False


def _call_resizes(call, receiver, ctx) -> bool:
    """The loop body calls a function of this module that changes the dict: `f(d)` whose parameter it changes,
    `f()` changing the module-level dict `d`, `self.m()` changing `self.d` (a method of the enclosing class).
    One call deep, found by name in this module (what the function does is read, not inferred)."""
    func = call.func
    if isinstance(func, ast.Name):
        definition = _definition(ctx.tree.body, func.id)
        skip = 0
        module_level = isinstance(receiver, ast.Name) and receiver.id in _module_names(ctx) and (
            not ctx.scope.is_function or receiver.id not in ctx.scope.names)
        changed = [ast.dump(receiver)] if module_level else []
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
        klass = next((p for p in reversed(ctx.parents) if isinstance(p, ast.ClassDef)), None)
        definition = klass and _definition(klass.body, func.attr)
        skip = 1
        self_attribute = isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) \
            and receiver.value.id == "self"
        changed = [ast.dump(receiver)] if self_attribute else []
    else:
        return False
    if definition is None:
        return False
    parameters = [a.arg for a in definition.args.args][skip:]
    target = ast.dump(receiver)
    changed += [ast.dump(ast.Name(id=name, ctx=ast.Load())) for name, arg in zip(parameters, call.args)
                if ast.dump(arg) == target]
    return any(_mutates(sub, dumped) for sub in ast.walk(definition) for dumped in changed)


def _definition(body, name):
    """The function `name` defined directly in `body` (a module's or a class's), if exactly one is."""
    found = [s for s in body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name]
    return found[0] if len(found) == 1 else None


def _module_names(ctx) -> set:
    """Names bound at module level (a function changing one of them changes the module's object)."""
    return set(ctx.scope.module().names)


def _mutates(node, target) -> bool:
    """`d[k] = v`, `del d[k]`, `d.pop(k)`... where d dumps as `target`."""
    if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        return ast.dump(node.value) == target
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
        return ast.dump(node.func.value) == target
    return False

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

from diracmod.rules.py3k.dict_reach import body_reaches, bound_values, reach, reached_otherwise
from diracmod.rules.py3k.imported_origin import python2_qualified_name, sibling_class
from diracmod.source import module_nodes
from diracmod.source.scopes import COMPREHENSIONS, own_nodes
from diracmod.source.tables import (ACCEPTS_ITERATOR, ATTRIBUTES_ACCEPTING_ITERATOR, FUNCTIONS_ACCEPTING_ITERATOR,
                                   MODULES_ACCEPTING_ITERATOR)

_SET_OPERATORS = (ast.BitAnd, ast.BitOr, ast.BitXor, ast.Sub)
_TRUTH_TESTED = (ast.If, ast.While, ast.IfExp, ast.Assert)
_MUTATORS = frozenset({"pop", "popitem", "clear", "update", "setdefault", "__setitem__", "__delitem__"})
# what changes a list or set a lazy map/filter/zip reads as the loop goes (values too, not only the size)
_LIST_MUTATORS = _MUTATORS | {"append", "extend", "insert", "remove", "add", "discard", "sort", "reverse",
                              "difference_update", "intersection_update", "symmetric_difference_update"}
# the builtin types whose methods may be called unbound (`dict.pop(d, k)`) and operator's item functions
_BUILTIN_CONTAINERS = frozenset({"dict", "list", "set"})
_OPERATOR_MUTATORS = frozenset({"delitem", "setitem", "__delitem__", "__setitem__"})
# calls whose result reads its arguments as it is iterated (Python 3), so a change to them shows
_LAZY_READERS = frozenset({"map", "filter", "zip", "iter", "reversed", "enumerate"})
_VIEWS = frozenset({"keys", "values", "items", "iterkeys", "itervalues", "iteritems"})
# builtins that only read their arguments (what a user class's __int__, __str__... does is not looked at)
_PURE_BUILTINS = frozenset({
    "abs", "all", "any", "bin", "bool", "callable", "chr", "cmp", "complex", "dict", "divmod", "enumerate", "float",
    "format", "frozenset", "getattr", "hasattr", "hash", "hex", "id", "int", "isinstance", "issubclass", "len",
    "list", "long", "max", "min", "oct", "ord", "pow", "repr", "reversed", "round", "set", "sorted", "str", "sum",
    "tuple", "type", "unichr", "unicode", "zip", "bytes", "basestring"})


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
        return _consumes(parent.func, ctx) and not _not_iterated_argument(node, parent, ctx)
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


def _not_iterated_argument(node, call, ctx) -> bool:
    """An argument of a consumer that it does not iterate: max(a, b) and min(a, b) compare their two or more
    positional arguments (Python 3 cannot order a map with an int), sum(xs, start)'s start and reduce(f, xs,
    start)'s initial value are values (tryout8 #8). `max(*xs)` iterates xs."""
    func = call.func
    if isinstance(node, ast.Starred) or not (isinstance(func, ast.Name) and ctx.is_builtin(func.id, func.lineno)):
        return False
    if func.id in ("max", "min"):
        return len(call.args) > 1
    start = {"sum": 1, "reduce": 2}.get(func.id)
    return start is not None and len(call.args) > start and call.args[start] is node


def laziness_shows(node, ctx) -> bool:
    """A map/filter/zip call (`node`) that is only iterated, where Python 3's lazy iterator still differs from
    Python 2's list (tryout8 #2, #8), so fix makes it list(...) as Python 2 had it:
    - the for loop over it changes what it reads (`for y in map(f, xs): xs.append(y)`): Python 3 sees the
      appended items, or raises "Set changed size during iteration" (_body_changes, as for a dict's views);
    - its function may do anything (not a lambda or builtin that only reads: _calls_only_read) and Python 2
      called it on every item first: a for loop or comprehension that does anything itself between the items
      (a call, break, return...), a generator expression (run later), any(), all(), `in`, next(iter(...)),
      which stop at the first answer where Python 2 had called the function on every item.
    Only where it is the loop's iterable or the consumer's argument itself: held in a local first, not seen."""
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is node:
        if _body_changes(parent.body, ctx, _read_lazily(node), _LIST_MUTATORS):
            return True
        return not _calls_only_read(node, ctx) and _does_something(parent.body, ctx)
    comprehension = parents[-2] if isinstance(parent, ast.comprehension) and parent.iter is node and len(parents) > 1 \
        else None
    # a comprehension whose element or condition changes what it reads, as the for loop's body (tryout10 #5)
    if comprehension is not None and _body_changes(_run_per_item(comprehension, parent), ctx, _read_lazily(node),
                                                   _LIST_MUTATORS):
        return True
    if _calls_only_read(node, ctx):
        return False
    if comprehension is not None:
        return isinstance(comprehension, ast.GeneratorExp) or _does_something(_run_per_item(comprehension, parent),
                                                                              ctx)
    if isinstance(parent, ast.Compare):  # not filter's: Python 2's filter of a str was a str, `in` a substring test
        return (len(parent.ops) == 1 and isinstance(parent.ops[0], (ast.In, ast.NotIn))
                and parent.comparators[0] is node and node.func.id != "filter")
    if not (isinstance(parent, ast.Call) and len(parent.args) == 1 and parent.args[0] is node):
        return False
    if _builtin_call(parent, ctx, ("any", "all")):
        return True
    outer = parents[-2] if len(parents) > 1 else None
    return (_builtin_call(parent, ctx, ("iter",)) and isinstance(outer, ast.Call)
            and _builtin_call(outer, ctx, ("next",)) and bool(outer.args) and outer.args[0] is parent)


def _builtin_call(call, ctx, names) -> bool:
    func = call.func
    return isinstance(func, ast.Name) and func.id in names and ctx.is_builtin(func.id, func.lineno)


def _read_lazily(node):
    """What a lazy call reads as it is iterated: its iterables, through nested map/filter/zip/iter/reversed/
    enumerate calls, and the dict of a view among them."""
    found, todo = [], [node]
    while todo:
        expr = todo.pop()
        if isinstance(expr, ast.Starred):
            expr = expr.value
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in _LAZY_READERS:
            todo.extend(expr.args[1:] if expr.func.id in ("map", "filter") else expr.args)
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in _VIEWS:
            todo.append(expr.func.value)
        elif isinstance(expr, (ast.Name, ast.Attribute, ast.Subscript)):
            found.append(expr)
    return found


def _calls_only_read(node, ctx) -> bool:
    """Every function the lazy call (and the lazy calls nested in it) calls only reads: None, a builtin of
    _PURE_BUILTINS, a method of str/unicode/bytes, or a lambda calling nothing else. A function of the module,
    a method or an imported function may write (a list, a file, a counter) where the loop reads it."""
    todo = [node]
    while todo:
        expr = todo.pop()
        if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in _LAZY_READERS):
            continue
        args = expr.args
        if expr.func.id in ("map", "filter"):
            if not args or not _reads_only(args[0], ctx):
                return False
            args = args[1:]
        todo.extend(a.value if isinstance(a, ast.Starred) else a for a in args)
    return True


def _reads_only(function, ctx) -> bool:
    if isinstance(function, ast.Constant) and function.value is None:
        return True
    if isinstance(function, ast.Name):
        return function.id in _PURE_BUILTINS and ctx.is_builtin(function.id, function.lineno)
    if isinstance(function, ast.Attribute):  # str.strip
        owner = function.value
        return isinstance(owner, ast.Name) and owner.id in ("str", "unicode", "bytes") and ctx.is_builtin(
            owner.id, owner.lineno)
    if isinstance(function, ast.Lambda):
        return all(_reads_only(sub.func, ctx) for sub in ast.walk(function.body) if isinstance(sub, ast.Call)) \
            and not any(isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await, ast.NamedExpr))
                        for sub in ast.walk(function.body))
    return False


_DOING = (ast.Call, ast.Yield, ast.YieldFrom, ast.Await, ast.Break, ast.Return, ast.Raise, ast.Delete, ast.Global,
          ast.Nonlocal, ast.Assert)


def _does_something(nodes, ctx) -> bool:
    """Between two items, the loop body (or comprehension) may show that the function ran, or stop early:
    a call (not of a builtin that only reads), break, return, raise, yield, or a store into an object
    (`x.a = `, `x[i] = `)."""
    for statement in nodes:
        for sub in ast.walk(statement):
            if isinstance(sub, ast.Call) and _reads_only(sub.func, ctx) and not isinstance(sub.func, ast.Lambda):
                continue
            if isinstance(sub, _DOING):
                return True
            if isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, (ast.Store, ast.Del)):
                return True
    return False


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
    the body of a function or method of this module that changes the dict counts too (_call_resizes).
    So does a comprehension or generator expression over the view whose element, condition or inner loop changes
    the dict (`[d.pop(k) for k in d.keys()]`), and the view read through map/filter/zip... (_lazy_chain) whose
    function changes it (`map(d.pop, d.keys())`, a lambda popping), or whose later argument does (tryout10 #5).
    A view of sys.modules changes with any import or call in the body (_imports_into, tryout20 #19). A for loop
    whose body yields hands control to the generator's consumer, which may change the dict (tryout28 #14)."""
    top, at, functions, later = _lazy_chain(node, ctx)
    if _imports_into(receiver, ctx, functions + later) or any(
            _function_changes(function, ctx, receiver) for function in functions) or _body_changes(
            later, ctx, [receiver], _MUTATORS) or body_reaches(functions + later, ctx, receiver) \
            or reached_otherwise(functions + later, ctx, receiver):
        return True
    parents = ctx.parents
    loop = parents[at] if at >= 0 else None
    if isinstance(loop, (ast.For, ast.AsyncFor)) and loop.iter is top:
        body, target = loop.body, loop.target
    elif isinstance(loop, ast.comprehension) and loop.iter is top and at > 0:
        body, target = _run_per_item(parents[at - 1], loop), loop.target
    else:
        return False
    if isinstance(loop, (ast.For, ast.AsyncFor)) and _suspends(body):
        return True  # the generator waits at its yield while its consumer may change the dict (tryout28 #14)
    key = target.elts[0] if isinstance(target, ast.Tuple) and target.elts else target
    # another name bound to the dict in the function (`e = d`) changes it too (tryout11 #4)
    receivers = [receiver] + _aliases(ctx, receiver)
    if isinstance(loop, ast.comprehension) and _calls_a_changing_function(body, ctx):
        return True
    if _imports_into(receiver, ctx, body):
        return True
    # anything else that may reach the dict: a tuple-unpacked alias, a bound method taken, an object or container
    # holding it, the dict handed to a function (tryout12 #5), the module's namespace for a dict of the module
    # (tryout15 #3); list() is what Python 2 ran
    if body_reaches(body, ctx, receiver) or reached_otherwise(
            body, ctx, receiver, key if top is node and node.func.attr not in ("values", "itervalues") else None):
        return True
    if isinstance(receiver, ast.Name):
        receivers += [ast.Name(id=name, ctx=ast.Load()) for name in sorted(reach(ctx, receiver.id)[0])]
    return _body_changes(body, ctx, receivers, _MUTATORS, key if top is node else None)


def _suspends(body) -> bool:
    """A yield of the loop's own function in `body` (not of a def or lambda it defines): the generator stops there and
    whoever iterates it runs, free to change the dict before the loop goes on."""
    return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in own_nodes(body))


def _imports_into(receiver, ctx, parts) -> bool:
    """`sys.modules` (`modules` of `from sys import modules`), which every import of a module not loaded yet
    changes, with an import statement or any call in `parts` (a call may import: importlib.import_module,
    __import__, reload, a function of the module importing) (tryout20 #19)."""
    if not (isinstance(receiver, ast.Attribute) and receiver.attr == "modules"
            or isinstance(receiver, ast.Name) and receiver.id == "modules") \
            or ctx.scope.qualified_name(receiver) != "sys.modules":
        return False
    return any(isinstance(node, (ast.Call, ast.Import, ast.ImportFrom)) for part in parts for node in ast.walk(part))


def _aliases(ctx, receiver) -> list:
    """The names assigned the receiver (`e = d`), or that the receiver's name is assigned (`d = e`), anywhere in the
    function or module: each is the same object, so a change through it changes what the view reads."""
    target = ast.dump(receiver)
    found = []
    for sub in ast.walk(ctx.scope.node):
        if not (isinstance(sub, ast.Assign) and isinstance(sub.value, (ast.Name, ast.Attribute))):
            continue
        for name in sub.targets:
            if isinstance(name, ast.Name) and ast.dump(sub.value) == target:
                found.append(ast.Name(id=name.id, ctx=ast.Load()))
            elif isinstance(name, ast.Name) and isinstance(receiver, ast.Name) and name.id == receiver.id:
                found.append(sub.value)
    return found


def _calls_a_changing_function(body, ctx) -> bool:
    """For a comprehension over a view, conservatively (tryout11 #4): its element or condition calls a function that
    may change a dict or list: one of the module (_may_change), one defined in the function (closing over the dict:
    `def rm(k): del d[k]`), or a name the function binds to a lambda that changes something."""
    functions = module_functions(ctx)
    local = {}
    if ctx.scope.is_function:
        for sub in ast.walk(ctx.scope.node):
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)) and sub is not ctx.scope.node:
                local.setdefault(sub.name, []).append(sub)
            elif isinstance(sub, ast.Assign) and isinstance(sub.value, ast.Lambda):
                for name in sub.targets:
                    if isinstance(name, ast.Name):
                        local.setdefault(name.id, []).append(sub.value)
    for statement in body:
        for sub in ast.walk(statement):
            if not (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)):
                continue
            name = sub.func.id
            if name in local and any(_definition_may_change(definition, ctx) for definition in local[name]):
                return True
            if name not in local and name in functions and _may_change(name, ctx):
                return True
    return False


def _definition_may_change(definition, ctx) -> bool:
    """A function or lambda defined in a function may change a dict or list: itself (as _changes_in says) or
    through a function or method of the module it calls (_may_change)."""
    changes, called = _changes_in(definition, _module_methods(ctx), module_functions(ctx))
    return changes or any(_may_change(name, ctx) for name in called)


def _lazy_chain(node, ctx) -> tuple:
    """(what iterates `node` lazily at the top: the outermost of the map/filter/zip/iter/reversed/enumerate
    calls of the builtins reading it as an iterable, or `node`; the index in ctx.parents of the node holding that;
    the functions the map/filter calls among them call on each item; the arguments evaluated after it, which
    run while the lazy value exists)."""
    parents, top, functions, later = ctx.parents, node, [], []
    at = len(parents) - 1
    while at >= 0:
        parent = parents[at]
        if isinstance(parent, ast.Starred):
            top, at = parent, at - 1
            continue
        if not (isinstance(parent, ast.Call) and _builtin_call(parent, ctx, _LAZY_READERS)):
            break
        first = 1 if parent.func.id in ("map", "filter") else 0
        place = next((index for index, arg in enumerate(parent.args) if arg is top), None)
        if place is None or place < first:
            break
        functions += parent.args[:first]
        later += parent.args[place + 1:] + [keyword.value for keyword in parent.keywords]
        top, at = parent, at - 1
    return top, at, functions, later


def _run_per_item(comprehension, generator) -> list:
    """What a comprehension or generator expression runs for each item of `generator`, one of its own: its element
    (key, value), every condition, and the iterables of the other loops (the later ones run per item)."""
    parts = [getattr(comprehension, name, None) for name in ("elt", "key", "value")]
    parts += [test for other in comprehension.generators for test in other.ifs]
    parts += [other.iter for other in comprehension.generators if other is not generator]
    return [part for part in parts if part is not None]


def _function_changes(function, ctx, receiver, mutators=_MUTATORS) -> bool:
    """The function map/filter calls on each item changes `receiver`: its bound method (`d.pop`), a lambda
    changing it, or a function or method of the module that does (_call_resizes)."""
    if isinstance(function, ast.Attribute) and function.attr in mutators:
        return ast.dump(function.value) == ast.dump(receiver)
    if isinstance(function, ast.Lambda):
        return _body_changes([function.body], ctx, [receiver], mutators)
    return isinstance(function, (ast.Name, ast.Attribute)) and _call_resizes(
        ast.Call(func=function, args=[], keywords=[]), receiver, ctx, mutators)


def _body_changes(body, ctx, receivers, mutators, key=None) -> bool:
    """The loop body changes one of `receivers` (by `mutators`, `del x[i]`, `x[i] = v`, `x += ...`, or a call of
    a function of this module that does: _call_resizes); `x[key] = v` for the loop's own `key` (a dict's size
    stays) does not count."""
    targets = [ast.dump(receiver) for receiver in receivers]
    for statement in body:
        for sub in ast.walk(statement):
            if (isinstance(sub, ast.Subscript) and isinstance(sub.ctx, ast.Store) and isinstance(key, ast.Name)
                    and isinstance(sub.slice, ast.Name) and sub.slice.id == key.id):
                continue
            if any(_mutates(sub, target, mutators) for target in targets) or isinstance(sub, ast.Call) and (any(
                    _call_resizes(sub, receiver, ctx, mutators) for receiver in receivers)
                    or mutators is _LIST_MUTATORS and _method_may_change(sub, receivers, ctx)):
                return True
    return False


def _method_may_change(call, receivers, ctx) -> bool:
    """For a lazy map/filter/zip's loop (the list mutators), conservatively (tryout10 #4): the body calls a method
    of a class of the module (any class defining the name: the object's class is not known) that may reach a
    change (_may_change: through other methods too, an inherited one, a classmethod's `cls.items.append(v)`, a
    staticmethod handed the list), or a method no class of the module defines on an object whose attribute the
    loop reads (`self.push(v)` inherited from another module's class over `self.l`, `self.box.push(v)` over
    `self.box.l`): it may change what the loop reads; a function of the module that may reach a change too
    (`grow(b, v)` calling `b.push(v)`). Python 2's list is then what the loop must get."""
    func = call.func
    if isinstance(func, ast.Name):
        return any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == func.id
                   for s in ctx.tree.body) and _may_change(func.id, ctx)
    if not isinstance(func, ast.Attribute):
        return False
    methods = _module_methods(ctx)
    if func.attr in methods:
        return _may_change(func.attr, ctx)
    owner = ast.dump(func.value)
    return any(isinstance(receiver, ast.Attribute) and owner in _attribute_owners(receiver) for receiver in receivers)


def _attribute_owners(receiver) -> list:
    """`self.box` and `self` for `self.box.l`: the objects whose method may change the attribute read."""
    found = []
    while isinstance(receiver, (ast.Attribute, ast.Subscript)):
        receiver = receiver.value
        found.append(ast.dump(receiver))
    return found


def _module_methods(ctx) -> dict:
    """Method name -> its definitions in the classes of the module (at any depth), read once per module."""
    found = ctx.cache.get("consumers-module-methods")
    if found is None:
        found = ctx.cache["consumers-module-methods"] = {}
        for klass in module_nodes.of_kind(ctx.tree, ast.ClassDef):
            for statement in klass.body:
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found.setdefault(statement.name, []).append(statement)
    return found


def _may_change(name: str, ctx) -> bool:
    """A method `name` of a class of the module (or a function of the module) may change a list or dict,
    conservatively: one of its definitions, or of the methods and functions of the module it calls (followed to the
    end), calls a method of a changing name on anything (append, pop, update...), writes or deletes an item, assigns
    augmentedly (`self.l += [v]`, a parameter's `lst += ...`), or calls a method the module's classes do not define
    on self or cls or an attribute of one (an inherited one, another object's)."""
    cache = ctx.cache.setdefault("consumers-may-change", {})
    if name not in cache:
        seen, todo = {name}, [name]
        while todo:
            changes, called = _changes_and_calls(todo.pop(), ctx)
            if changes:
                break
            todo += [callee for callee in called if callee not in seen]
            seen.update(called)
        cache[name] = changes
    return cache[name]


def _changes_and_calls(name: str, ctx) -> tuple:
    """(whether the definitions of `name`, the module's methods and module-level function of that name, change
    something themselves (_may_change), the names of the module's methods and functions they call), once per
    module."""
    cache = ctx.cache.setdefault("consumers-changes-and-calls", {})
    if name in cache:
        return cache[name]
    methods, functions = _module_methods(ctx), module_functions(ctx)
    changes, called = False, set()
    for definition in methods.get(name, []) + ([functions[name]] if name in functions else []):
        changed, calls = _changes_in(definition, methods, functions)
        changes, called = changes or changed, called | calls
    cache[name] = changes, called
    return cache[name]


def module_functions(ctx) -> dict:
    """Name -> the function defined at the module's top level, read once per module."""
    functions = ctx.cache.get("consumers-module-functions")
    if functions is None:
        functions = ctx.cache["consumers-module-functions"] = {
            s.name: s for s in ctx.tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return functions


def _changes_in(definition, methods, functions) -> tuple:
    """(whether `definition` changes something itself: an augmented assignment, an item written or deleted, a
    changing method called on anything, a method the module's classes do not define called on self or cls; the
    names of the module's methods and functions it calls)."""
    changes, called = False, set()
    for sub in ast.walk(definition):
        if isinstance(sub, ast.AugAssign) or isinstance(sub, ast.Subscript) and not isinstance(sub.ctx, ast.Load):
            changes = True
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            attr = sub.func.attr
            if attr in methods:
                called.add(attr)
            changes = changes or attr in _LIST_MUTATORS or attr not in methods and _self_rooted(sub.func.value)
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id in functions:
            called.add(sub.func.id)
    return changes, called


def _self_rooted(node) -> bool:
    """`self`, `cls` or an attribute of one (`self.box`): an object a method may change the state of."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return isinstance(node, ast.Name) and node.id in ("self", "cls")


def _call_resizes(call, receiver, ctx, mutators=_MUTATORS) -> bool:
    """The loop body calls a function of this module that changes the dict: `f(d)` whose parameter it changes,
    `f()` changing the module-level dict `d`, `self.m()` changing `self.d` (a method of the enclosing class),
    `o.m()` changing `o.d` (a method `m` of any class of the module changing `self.d`, or of the class of another
    module of the project the scope makes `o` an object of: _project_object_changes); `self.m()` where the class
    inherits `m` from a class of the module (_inherited_definition) or of another module of the project
    (_project_class_changes, tryout29 #5).
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
        others: list = []
        definition = klass and _inherited_definition(klass, func.attr, ctx, others, set())
        skip = 1
        self_attribute = _self_attribute(receiver)
        if self_attribute and any(_project_class_changes(base, func.attr, receiver.attr, ctx) for base in others):
            return True
        changed = [ast.dump(receiver)] if self_attribute else []
    elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and isinstance(receiver, ast.Attribute)
          and ast.dump(receiver.value) == ast.dump(func.value)):
        # `b.push(v)` changing `b.l` through a method of a class of the module that changes `self.l` (tryout9 #1):
        # any class of the module with such a method, as the object's class is not known
        self_receiver = ast.dump(ast.Attribute(value=ast.Name(id="self", ctx=ast.Load()), attr=receiver.attr,
                                               ctx=ast.Load()))
        return any(_mutates(sub, self_receiver, mutators)
                   for klass in module_nodes.of_kind(ctx.tree, ast.ClassDef)
                   for definition in [_definition(klass.body, func.attr)] if definition is not None
                   for sub in ast.walk(definition)) or _project_object_changes(func.value.id, func.attr,
                                                                              receiver.attr, ctx)
    elif isinstance(func, ast.Attribute) and _self_attribute(func.value) and _self_attribute(receiver):
        return _held_object_changes(func, receiver, ctx, mutators)
    else:
        return False
    if definition is None:
        return False
    parameters = [a.arg for a in definition.args.args][skip:]
    target = ast.dump(receiver)
    changed += [ast.dump(ast.Name(id=name, ctx=ast.Load())) for name, arg in zip(parameters, call.args)
                if ast.dump(arg) == target]
    return any(_mutates(sub, dumped, mutators) for sub in ast.walk(definition) for dumped in changed)


def _self_attribute(node) -> bool:
    """`self.x`."""
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"


def _held_object_changes(func, receiver, ctx, mutators) -> bool:
    """`self.cl.drop(k)` over `self.cache` where the enclosing class binds `self.cl` to a call it hands itself
    (`self.cl = Cleaner(self)`) and a method `drop` of a class of the module changes `self.<any>.cache` (`del
    self.owner.cache[k]`): the object may hold the loop's (tryout29 #5). One call deep, as _call_resizes."""
    definitions = _module_methods(ctx).get(func.attr, [])
    klass = next((p for p in reversed(ctx.parents) if isinstance(p, ast.ClassDef)), None)
    if not definitions or klass is None or not any(
            isinstance(sub, ast.Assign) and isinstance(sub.value, ast.Call) and any(
                isinstance(arg, ast.Name) and arg.id == "self" for arg in sub.value.args)
            and any(_self_attribute(target) and target.attr == func.value.attr for target in sub.targets)
            for sub in ast.walk(klass)):
        return False
    for definition in definitions:
        targets = {ast.dump(node) for node in ast.walk(definition) if isinstance(node, ast.Attribute)
                   and node.attr == receiver.attr and _self_attribute(node.value)}
        if any(_mutates(sub, target, mutators) for sub in ast.walk(definition) for target in targets):
            return True
    return False


def project_dict_attribute(receiver, ctx) -> bool:
    """`r.items` where the scope binds `r` to an object of a class of another module of the project one of whose
    methods changes the size of `self.items` (_project_object_changes): the class's own dict, whose keys() fix may
    list as it lists a class of the module's (tryout28 #7)."""
    return isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name) and _project_object_changes(
        receiver.value.id, None, receiver.attr, ctx)


def _project_object_changes(name: str, method: str | None, attribute: str, ctx) -> bool:
    """`r.drop(k)` over `r.items` where the scope binds `r` (`name`) to an object of a class another module of the
    project defines (`r = Registry()`, `from lib.utils import Registry`, or a relative import) whose method `drop`
    (None: any) changes the size of `self.items` (tryout28 #7)."""
    return bool(ctx.project and ctx.project.dict_changers) and any(
        isinstance(value, ast.Call) and _project_class_changes(value.func, method, attribute, ctx)
        for value in bound_values(ctx, name))


def _project_class_changes(made, method: str | None, attribute: str, ctx) -> bool:
    """The class `made` names is one another module of the project defines whose own method `method` (None: any)
    changes the size of `self.<attribute>` (ProjectIndex.changes_dict)."""
    if ctx.project is None or not ctx.project.dict_changers:
        return False
    qualified = python2_qualified_name(made, ctx) if isinstance(made, (ast.Name, ast.Attribute)) else None
    module, _, klass = qualified.rpartition(".") if qualified else ("", "", "")
    found = (module.rpartition(".")[2], klass) if module else sibling_class(made, ctx)
    return bool(found) and ctx.project.changes_dict(*found, method, attribute)


def _inherited_definition(klass, name: str, ctx, others: list, seen: set):
    """The function `name` the class `klass` defines, or inherits from a class of the module its bases name
    (tryout29 #5: `class Registry(ExpiryMixin)`), depth first and left to right (Python 2's classic classes, and
    its new-style ones short of a diamond); None for none. `others` gets the bases of the classes searched that no
    class of the module is (another module's, whose changing methods the project index knows)."""
    definition = _definition(klass.body, name)
    if definition is not None or id(klass) in seen:
        return definition
    seen.add(id(klass))
    classes = _module_classes(ctx)
    for base in klass.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            definition = _inherited_definition(classes[base.id], name, ctx, others, seen)
            if definition is not None:
                return definition
        else:
            others.append(base)
    return None


def _module_classes(ctx) -> dict:
    """Name -> the class the module's top level defines by that name, where one class statement does, read once
    per module."""
    found = ctx.cache.get("consumers-module-classes")
    if found is None:
        defined: dict = {}
        for statement in ctx.tree.body:
            if isinstance(statement, ast.ClassDef):
                defined.setdefault(statement.name, []).append(statement)
        found = ctx.cache["consumers-module-classes"] = {name: one[0] for name, one in defined.items()
                                                         if len(one) == 1}
    return found


def _definition(body, name):
    """The function `name` defined directly in `body` (a module's or a class's), if exactly one is."""
    found = [s for s in body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name]
    return found[0] if len(found) == 1 else None


def _module_names(ctx) -> set:
    """Names bound at module level (a function changing one of them changes the module's object)."""
    return set(ctx.scope.module().names)


def _unbound_on(call, target) -> bool:
    """`dict.pop(self.d, k)`, `list.append(self.l, v)`: the builtin type's method called on `target` (tryout17 #2;
    the builtin's name not checked for shadowing: list() costs only precision)."""
    owner = call.func.value
    return isinstance(owner, ast.Name) and owner.id in _BUILTIN_CONTAINERS and bool(call.args) \
        and ast.dump(call.args[0]) == target


def _mutates(node, target, mutators=_MUTATORS) -> bool:
    """`d[k] = v`, `del d[k]`, `d.pop(k)`... where d dumps as `target`; with the list mutators, `xs += ys` too (a
    list's or set's augmented assignment changes it in place)."""
    if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        return ast.dump(node.value) == target
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in mutators:
        return ast.dump(node.func.value) == target or _unbound_on(node, target)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _OPERATOR_MUTATORS:
        return isinstance(node.func.value, ast.Name) and node.func.value.id == "operator" and bool(node.args) \
            and ast.dump(node.args[0]) == target
    if mutators is _LIST_MUTATORS and isinstance(node, ast.AugAssign):
        loaded = node.target
        if isinstance(loaded, ast.Name):
            loaded = ast.Name(id=loaded.id, ctx=ast.Load())
        elif isinstance(loaded, ast.Attribute):
            loaded = ast.Attribute(value=loaded.value, attr=loaded.attr, ctx=ast.Load())
        return ast.dump(loaded) == target
    return False

"""May a loop's body (or a comprehension's element) reach the dict whose view it iterates, by a way the rest of
consumers.py does not read (tryout12 #5)? Python 2's keys()/values()/items() returned a list, so `list(d.keys())`
is exactly what Python 2 ran: where the answer is not a sure no, the view gets list() and costs nothing.

Read per scope (the function, or the module for a module-level loop), over the whole scope whatever the order, and
conservatively:
- aliases: names bound to the dict itself (`e = d`, `e, f = d, 1`, `d = e`), followed from one to the next;
- holders: names bound to anything made with the dict or an alias other than by reading it (`b = Box(d)`,
  `l = [d]`, `pop = d.pop`, `x = d or {}`, a def or lambda mentioning it, `o.m(d)` makes `o` one, `o.x = d` and
  `l[0] = d` make `o` and `l` ones), followed from one to the next;
- escaped: the dict, an alias or a holder handed to a call or stored into an object or container: then any call,
  yield or await of the body may reach it (another object now holds it).
The body reaches the dict when it loads a holder, uses an alias other than by reading it (an item, a reading
method such as get/keys/copy, a comparison, an argument of a builtin that only reads), calls vars()/locals()/
globals()/eval/exec, or, the dict escaped, calls anything but a builtin that only reads or a reading method of an
alias, or yields. A dict reached only through a parameter the caller also holds, an attribute (`self.d`) or
another module's state is not followed (what consumers.py reads of those stays).
"""
from __future__ import annotations

import ast

from diracmod.source.scopes import assignment_bindings

# dict methods that only read the dict: called, or taken bound (`get = d.get`), they do not change it
_READING_METHODS = frozenset({
    "get", "has_key", "keys", "values", "items", "iterkeys", "itervalues", "iteritems", "viewkeys", "viewvalues",
    "viewitems", "copy", "__contains__", "__getitem__", "__len__", "__iter__", "__repr__", "__str__"})
# builtins that only read their arguments and hand back nothing holding them (not getattr: `getattr(d, 'pop')`)
_READING_BUILTINS = frozenset({
    "abs", "all", "any", "bin", "bool", "callable", "chr", "cmp", "complex", "dict", "divmod", "enumerate", "filter",
    "float", "format", "frozenset", "hasattr", "hash", "hex", "id", "int", "isinstance", "issubclass", "iter", "len",
    "list", "long", "map", "max", "min", "oct", "ord", "pow", "print", "repr", "reversed", "round", "set", "sorted",
    "str", "sum", "tuple", "type", "unichr", "unicode", "zip", "bytes", "basestring"})
# calls that reach every local name of the scope (or the module's)
_NAMESPACE_CALLS = frozenset({"vars", "locals", "globals", "eval", "exec", "execfile"})


def body_reaches(parts, ctx, receiver) -> bool:
    """Do `parts` (a loop's body statements, a comprehension's element, conditions and later iterables, a map's
    function) reach the dict `receiver` (a Name) by an alias, a holder, a namespace call, or, the dict having
    escaped, any call or yield (the module docstring says how)?"""
    if not isinstance(receiver, ast.Name):
        return False
    aliases, holders, escaped = reach(ctx, receiver.id)
    for part in parts:
        for node, parent in _walk(part, None):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id in holders or node.id in aliases and not _reading_use(node, parent, ctx):
                    return True
            elif isinstance(node, ast.Call):
                if isinstance(node.func, ast.Name) and node.func.id in _NAMESPACE_CALLS \
                        and ctx.is_builtin(node.func.id, node.func.lineno):
                    return True
                if escaped and not _reading_call(node, aliases, ctx):
                    return True
            elif escaped and isinstance(node, (ast.Yield, ast.YieldFrom, ast.Await)):
                return True
    return False


def reach(ctx, name: str) -> tuple:
    """(aliases, holders, escaped) of the dict named `name` in the scope read (the module docstring), once per scope
    and name."""
    scope = ctx.scope.node
    cache = ctx.cache.setdefault("dict-reach", {})
    key = (id(scope), name)
    if key not in cache:
        cache[key] = _reach(_sites(ctx, scope), name, ctx)
    return cache[key]


def _reach(sites, name, ctx) -> tuple:
    aliases, holders, escaped = {name}, set(), False
    grown = True
    while grown:
        grown = False
        for kind, targets, value, parent in sites:
            if kind == "call":  # value: the call; targets: a method call's object
                if not _reading_call(value, aliases, ctx) and any(
                        _mentions(arg, value, aliases, holders, ctx) for arg in _arguments(value)):
                    grown = _add(holders, targets) or grown
                    if not escaped:
                        escaped = grown = True
                continue
            if kind == "bind" and isinstance(value, ast.Name) and (value.id in aliases or set(targets) & aliases):
                grown = _add(aliases, [*targets, value.id]) or grown  # `e = d`, or `d = e`: e is the dict too
                continue
            if value is not None and _mentions(value, parent, aliases, holders, ctx):
                grown = _add(holders, targets) or grown
                if kind == "store" and not escaped:
                    escaped = grown = True
    return frozenset(aliases), frozenset(holders - aliases), escaped


def _add(found: set, names) -> bool:
    new = set(names) - found
    found.update(new)
    return bool(new)


def _sites(ctx, scope) -> list:
    """[(kind, target names, value, value's parent)] of the scope, read once per scope: "bind" for a name an
    assignment or a walrus binds (its item where a tuple target meets a display), "name" for one a loop or with
    target binds, a def or class (its whole statement as value),
    "store" for an attribute or item stored (`o.x = v`: `o`), "call" for a call (its value the call; a method
    call's object as target: `o.add(d)` may keep d in o)."""
    cache = ctx.cache.setdefault("dict-reach-sites", {})
    if id(scope) in cache:
        return cache[id(scope)]
    sites = []
    for node in ast.walk(scope):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            for name, value in assignment_bindings(node):
                sites.append(("bind", [name], value if value is not None else node.value,
                              node if value is None or value is node.value else None))
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, (ast.Attribute, ast.Subscript)) and not isinstance(sub.ctx, ast.Load):
                        sites.append(("store", _roots(sub), node.value, node))
        elif isinstance(node, ast.NamedExpr):
            sites.append(("bind", [node.target.id], node.value, node))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            sites.append(("name", _names(node.target), node.iter, node))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            sites.append(("name", _names(node.optional_vars), node.context_expr, node))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not scope:
            sites.append(("name", [node.name], node, None))
        elif isinstance(node, ast.Call):
            func = node.func
            owner = _roots(func.value) if isinstance(func, ast.Attribute) else []
            if owner and (owner[0] == "dict" or ctx.scope.qualified_name(func.value)):
                owner = []  # `dict.pop(d, k)`, `json.dump(d, f)`: the builtin or a module keeps nothing in itself
            sites.append(("call", owner, node, None))
    cache[id(scope)] = sites
    return sites


def _names(target) -> list:
    return [sub.id for sub in ast.walk(target) if isinstance(sub, ast.Name)]


def _roots(node) -> list:
    """`o` of `o.x`, `o.a[i].b`, `o.m()`: the name whose object a store or a method call may change."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return [node.id] if isinstance(node, ast.Name) else []


def _arguments(call) -> list:
    return [*call.args, *call.keywords]


def _mentions(value, parent, aliases, holders, ctx) -> bool:
    """`value` (whose parent is `parent`) loads a holder, or an alias other than by reading it."""
    for node, above in _walk(value, parent):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and (
                node.id in holders or node.id in aliases and not _reading_use(node, above, ctx)):
            return True
    return False


def _walk(node, parent):
    """(node, its parent) for `node` and everything under it; a tuple or dict display formatted (`'%s' % (k, d)`) and
    an and/or tested (`if x and d:`) stand for their parent, which only reads them."""
    stack = [(node, parent)]
    while stack:
        node, parent = stack.pop()
        yield node, parent
        shown = parent if _read_whole(node, parent) else node
        stack.extend((child, shown) for child in ast.iter_child_nodes(node))


def _read_whole(node, parent) -> bool:
    if isinstance(node, (ast.Tuple, ast.Dict)):
        return isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mod) and parent.right is node
    return isinstance(node, ast.BoolOp) and isinstance(parent, (ast.If, ast.While, ast.Assert, ast.UnaryOp)) and (
        getattr(parent, "test", getattr(parent, "operand", None)) is node)


def _reading_use(name: ast.Name, parent, ctx) -> bool:
    """The dict loaded only to be read: an item (`d[k]`, its stores and deletions are consumers.py's), a reading
    method (`d.get`), a comparison or `in`, formatting, a test, iterated by a loop, an argument of a builtin that
    only reads, of `dict.get(d, k)` and the other reading methods of the builtin dict."""
    if parent is None:  # a part itself: a comprehension's element or condition, an argument of zip() or map()
        return True
    if isinstance(parent, ast.Subscript):
        return parent.value is name
    if isinstance(parent, ast.Attribute):
        return parent.attr in _READING_METHODS
    if isinstance(parent, (ast.Compare, ast.BinOp, ast.FormattedValue, ast.UnaryOp, ast.If, ast.While, ast.Assert,
                           ast.Expr)):
        return True
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)):
        return parent.iter is name
    if isinstance(parent, ast.Starred) or isinstance(parent, ast.keyword) and parent.arg is None:
        return True  # `f(*d)`, `f(**d)`: its keys, a copy
    if isinstance(parent, ast.Call) and parent.func is not name:
        return _reading_call(parent, {name.id}, ctx)
    return False


def _reading_call(call, aliases, ctx) -> bool:
    """A call that only reads: a builtin that only reads its arguments, a reading method of an alias or of the
    builtin dict (`dict.get(d, k)`), a method of a string literal (`', '.join(...)`)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in _READING_BUILTINS and ctx.is_builtin(func.id, func.lineno)
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    if isinstance(owner, ast.Constant) and isinstance(owner.value, (str, bytes)):
        return True
    if isinstance(owner, ast.Name) and func.attr in _READING_METHODS and (
            owner.id in aliases or owner.id == "dict" and ctx.is_builtin("dict", owner.lineno)):
        return True
    return False

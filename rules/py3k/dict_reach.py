"""May a loop's body (or a comprehension's element) reach the dict whose view it iterates, by a way the rest of
consumers.py does not read (tryout12 #5, tryout15 #3)? Python 2's keys()/values()/items() returned a list, so
`list(d.keys())` is exactly what Python 2 ran: where the body plainly holds another way to the dict, the view gets
list() and costs nothing on Python 2.

Read per scope (the function, or the module for a module-level loop), over the whole scope whatever the order:
- aliases: names bound to the dict itself (`e = d`, `e, f = d, 1`, `[e] = [d]`, `d = e`), followed from one to
  the next;
- holders: names bound to something that may hold the dict (`b = Box(d)`, `l = [d]`, `pop = d.pop`,
  `x = d or {}`, a def or lambda mentioning it), names the scope binds that the dict is stored into (`o.x = d`,
  `l[0] = d`) or handed to by a storing method (`l.append(d)`), followed from one to the next. Not holders: a
  method's result (`x = d.pop(k)`, `r = self.remove(d)`), a name rebound to the dict or another (`d = d if
  isinstance(d, dict) else {}`: still the alias), a parameter the dict is stored on (`self.x = d`);
- the module's own namespace, for a dict of the module (a module-level loop, or a name the function does not
  bind): globals() called, a name bound to it or to a module object, `sys.modules[...]`
  (builtin_uses.own_module_reference), unless it only gives another name (`g['other']`, `me.other`,
  `globals()[k]` only looked up and read).
The body reaches the dict when it loads a holder, uses an alias other than by reading it (an item, a reading
method such as get/keys/copy, a comparison, an argument of a builtin that only reads) and other than as an
argument of an object's method, calls globals()/vars()/locals(), eval/exec of a string literal naming the dict,
or reaches the module's namespace as above.
Not followed, narrowed after DIRAC 7.2.0 (m12views also took "the dict handed to any call, then any call of the
body": 88 loops pylint 1.9.5 leaves and Python 3 runs as Python 2 did): the dict handed to a call once, then a
call of the body reaching what the callee kept (`keep(d)` then `for k in d.keys(): drop(k)`); the dict handed to
an object's method (`o.forget(d, k)`: consumers.py reads the module's own methods one call deep); eval/exec of
code check cannot read; a dict reached only through a parameter the caller also holds, an attribute (`self.d`)
or another module's state. Python 3 raises RuntimeError there if the callee changes the dict's size.
reached_otherwise reads two more ways (tryout17 #2, #12): setattr/delattr of the object whose namespace the loop
reads (a name the scope binds to it too: `ns = o.__dict__`, tryout19 #7), and a function of the module that owns
the dict (another module's: DM179 then, calls.py); for a dict not a name (`self.d`), a changing method of it
going anywhere but a call of it (`map(self.d.pop, ks)`, `pop = getattr(self.d, 'pop')`, tryout19 #15).
"""
from __future__ import annotations

import ast
import builtins

from diracmod.rules.py3k.builtin_uses import own_module_reference
from diracmod.source import module_nodes
from diracmod.source.project_index.attached import space_object
from diracmod.source.scopes import assignment_bindings
from diracmod.source.tables import DICT_READING_BUILTINS as _READING_BUILTINS
from diracmod.source.tables import DICT_READING_METHODS as _READING_METHODS
from diracmod.source.tables import PY2_ONLY_MODULES, REMOVED_BUILTINS, STDLIB_MODULES

# dict methods that change it: called, or taken bound (`pop = d.pop`)
_CHANGING_METHODS = frozenset({"pop", "popitem", "clear", "update", "setdefault", "__delitem__", "__setitem__",
                               "__init__", "__ior__"})
# methods by which a container keeps what it is handed (`l.append(d)` makes l a holder of d)
_STORING_METHODS = frozenset({"append", "extend", "insert", "add", "setdefault", "appendleft", "put", "push",
                              "__setitem__"})
# calls that reach every local name of the scope (or the module's)
_NAMESPACE_CALLS = frozenset({"vars", "locals", "globals", "eval", "exec", "execfile"})
_NAMESPACES = frozenset({"vars", "locals", "globals"})
# six's functions that only read the dict they are handed: what W1620/W1655's rewrites write (`six.iteritems(d)`)
# reads d as `d.iteritems()` does (tryout18b #5: else a second `fix` gave another loop over d.keys() list())
_SIX_READING = frozenset({"iteritems", "iterkeys", "itervalues", "viewitems", "viewkeys", "viewvalues"})
_BUILTIN_NAMES = frozenset(dir(builtins)) | REMOVED_BUILTINS
_TRUSTED = STDLIB_MODULES | PY2_ONLY_MODULES | {"six", "future", "past", "builtins", "__builtin__"}
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def body_reaches(parts, ctx, receiver) -> bool:
    """Do `parts` (a loop's body statements, a comprehension's element, conditions and later iterables, a map's
    function) reach the dict `receiver` (a Name) by an alias, a holder, a namespace call or, for a dict of the
    module, the module's namespace or object (the module docstring says how)?"""
    if not isinstance(receiver, ast.Name):
        return False
    aliases, holders = reach(ctx, receiver.id)
    bound = ctx.scope.binding_scope(receiver.id)
    of_the_module = bound is None or bound.parent is None
    for part in parts:
        skipped, called = _passed_to_methods(part, ctx), _called(part)
        for node, parent in _walk(part, None):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and _may_reach(
                    node, parent, aliases, holders, ctx, called):
                return True
            if isinstance(node, (ast.Subscript, ast.Attribute)) and _reads_another(node, parent, ctx, aliases):
                skipped.add(id(node.value))  # `globals()[name]` only looked up, `me.other`: not the dict
                continue
            namespace = _namespace(node, ctx)
            if namespace == "call" and not _runs_other_code(node, aliases) and not _formatted(node, parent) and (
                    of_the_module or node.func.id != "globals") or of_the_module and namespace in (
                    "module", "namespace"):
                return True  # `g['d'].pop(k)`, `del sys.modules[__name__].d[k]`, `me.d.pop(k)` (tryout15 #3)
    return False


def _namespace(node, ctx) -> str | None:
    """"call" for a call of globals()/vars()/locals() (every name of the scope, or the module's) or of
    eval/exec/execfile (code that may name anything); for a module object or the module's namespace dict, as
    builtin_uses.own_module_reference reads them, "module" or "namespace"."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NAMESPACE_CALLS \
            and ctx.is_builtin(node.func.id, node.func.lineno):
        return None if node.func.id in _NAMESPACES and node.args else "call"  # vars(o): o's, o is read as itself
    return own_module_reference(node, ctx.tree)


def _formatted(node, parent) -> bool:
    """`'%(k)s' % vars()`, `'{k}'.format(**locals())`: the namespace only read to format a string."""
    return isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mod) and parent.right is node \
        or isinstance(parent, ast.keyword) and parent.arg is None


def _runs_other_code(call, aliases) -> bool:
    """eval/exec/execfile of code that does not name the dict: a string literal naming none of its aliases, or
    code check cannot read (`eval('%s.%s' % (table, key))`, a file: not followed, as pylint does not)."""
    if call.func.id not in ("eval", "exec", "execfile"):
        return False
    code = call.args[0] if call.args else None
    return not (isinstance(code, ast.Constant) and isinstance(code.value, str)
                and any(name in code.value for name in aliases))


def _reads_another(node, parent, ctx, aliases) -> bool:
    """Does `node` (a subscript or attribute of a namespace or module object) only give another name than the
    dict's: `globals()['other']`, `globals()[k]` only looked up and read (a statement, compared, formatted),
    `me.other` (not `me.__dict__`)?"""
    namespace = _namespace(node.value, ctx)
    if namespace == "module" and isinstance(node, ast.Attribute):
        return node.attr not in aliases and node.attr != "__dict__"
    if namespace not in ("call", "namespace") or not isinstance(node, ast.Subscript) \
            or not isinstance(node.ctx, ast.Load) or namespace == "call" and node.value.func.id not in _NAMESPACES:
        return False
    key = node.slice
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value not in aliases
    return isinstance(parent, (ast.Expr, ast.Compare, ast.BinOp, ast.FormattedValue, ast.If, ast.While, ast.Assert,
                               ast.UnaryOp))


def reach(ctx, name: str) -> tuple:
    """(aliases, holders) of the dict named `name` in the scope read (the module docstring), once per scope and
    name."""
    scope = ctx.scope.node
    cache = ctx.cache.setdefault("dict-reach", {})
    key = (id(scope), name)
    if key not in cache:
        cache[key] = _reach(_sites(ctx, scope), name, ctx)
    return cache[key]


def _reach(sites, name, ctx) -> tuple:
    aliases, holders = {name}, set()
    # names the scope's assignments bind (not its parameters: `self.x = d` or `self.add(d)` is followed no further,
    # the object is the caller's too): `l.append(d)`, `o.x = d`, `l[0] = d` keep d in l, o
    local = {target for kind, targets, _value, _parent in sites if kind == "bind" for target in targets}
    grown = True
    while grown:
        grown = False
        for kind, targets, value, parent in sites:
            if kind == "call":  # value: the call; targets: the object of a container's storing method
                if targets[0] in local and any(
                        _mentions(arg, value, aliases, holders, ctx) for arg in _arguments(value)):
                    grown = _add(holders, set(targets) - aliases) or grown
                continue
            if kind == "bind" and isinstance(value, ast.Name) and (value.id in aliases or name in targets):
                grown = _add(aliases, [*targets, value.id]) or grown  # `e = d`, or `d = e`: e is the dict too
                continue
            if kind == "store" and not set(targets) & local:
                continue
            if value is not None and _mentions(value, parent, aliases, holders, ctx):
                # `d = d if isinstance(d, dict) else {}` rebinds the name read: still an alias, not a holder
                grown = _add(holders, set(targets) - aliases) or grown
    return frozenset(aliases), frozenset(holders - aliases)


def _add(found: set, names) -> bool:
    new = set(names) - found
    found.update(new)
    return bool(new)


def _sites(ctx, scope) -> list:
    """[(kind, target names, value, value's parent)] of the scope, read once per scope: "bind" for a name an
    assignment or a walrus binds (its item where a tuple target meets a display), "name" for one a loop or with
    target binds, a def or class (its whole statement as value),
    "store" for an attribute or item stored (`o.x = v`: `o`), "call" for a storing method's call on a name (its
    value the call, its target the name: `l.append(d)` may keep d in l)."""
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
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in _STORING_METHODS and isinstance(node.func.value, ast.Name):
            sites.append(("call", [node.func.value.id], node, None))  # `l.append(d)`: l a container of the scope?
    cache[id(scope)] = sites
    return sites


def bound_values(ctx, name: str) -> list:
    """The values the scope's assignments bind `name` to (`r = Registry()`: the call), in any order."""
    return [value for kind, targets, value, _parent in _sites(ctx, ctx.scope.node) if kind == "bind" and name in targets]


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
    """`value` (whose parent is `parent`) may hold the dict: it loads an alias other than by reading it, or a holder
    other than by reading it (an item of a holder may be the dict: `l[0]`), neither as the object of a method call
    (`d.pop(k)` gives an item; `d.pop` alone is a bound method holding it) nor as an argument of an object's method
    (_passed_to_methods)."""
    wanted = aliases | holders
    if not any(isinstance(node, ast.Name) and node.id in wanted for node in ast.walk(value)):
        return False  # nothing below names the dict or a holder (most values: one walk, not five)
    inside = set()
    for function in ast.walk(value):  # a def or lambda runs later, whatever it does with the dict: it holds it
        if isinstance(function, _FUNCTIONS) and id(function) not in inside:
            if _free_names(function) & (aliases | holders):
                return True
            inside.update(id(node) for node in ast.walk(function))
    called = _called(value)
    skipped = inside | _passed_to_methods(value, ctx) | {id(node.value) for node in ast.walk(value)
                                                         if isinstance(node, ast.Attribute) and id(node) in called}
    return any(isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in skipped
               and _may_reach(node, above, aliases, holders, ctx, called) for node, above in _walk(value, parent))


def _free_names(function) -> set:
    """The names a def, lambda or class loads and does not bind itself (its parameters, its assignments)."""
    loaded, bound = set(), set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return loaded - bound


def _may_reach(name: ast.Name, parent, aliases, holders, ctx, called) -> bool:
    """`name` loaded (its parent `parent`) may give the dict or change it: an alias used other than by reading it, a
    holder used other than by reading it or by an item or attribute (which may be the dict: `l[0]`, `b.d`)."""
    if name.id in aliases:
        return not _reading_use(name, parent, ctx, called)
    return name.id in holders and (isinstance(parent, (ast.Subscript, ast.Attribute)) and parent.value is name
                                   or not _reading_use(name, parent, ctx, called))


def _called(part) -> set:
    """The ids of the functions `part` calls (`d.pop` of `d.pop(k)`)."""
    return {id(node.func) for node in ast.walk(part) if isinstance(node, ast.Call)}


def _passed_to_methods(part, ctx) -> set:
    """The ids of the arguments of the methods of objects `part` calls (`self.remove(d)`, `o.m(**kw)`; not of a
    module's function, `mod.Box(d)`, nor of the builtin dict's methods, `dict.pop(d, k)`): the dict handed to an
    object's method is followed no further, as pylint does not (what consumers.py reads of the module's own methods,
    one call deep, stays)."""
    passed = set()
    for node in ast.walk(part):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and not ctx.scope.qualified_name(node.func) and not (
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "dict"):
            passed.update(id(arg.value if isinstance(arg, ast.Starred) else arg) for arg in node.args)
            passed.update(id(keyword.value) for keyword in node.keywords)
    return passed


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


def _reading_use(name: ast.Name, parent, ctx, called=frozenset()) -> bool:
    """The dict loaded only to be read: an item (`d[k]`, its stores and deletions are consumers.py's), a reading
    method (`d.get`), a comparison or `in`, formatting, a test, iterated by a loop, an argument of a builtin that
    only reads, of `dict.get(d, k)` and the other reading methods of the builtin dict."""
    if parent is None:  # a part itself: a comprehension's element or condition, an argument of zip() or map()
        return True
    if isinstance(parent, ast.Subscript):  # `d[k]`, or `x[d]`: a key
        return True
    if isinstance(parent, ast.Attribute):  # `self.model` of a dict subclass: not its items; `d.custom(k)` may be
        return parent.attr in _READING_METHODS or parent.attr not in _CHANGING_METHODS and id(parent) not in called
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
    if _six_reading(func, ctx):
        return True  # `six.iteritems(d)`, `iteritems(d)` imported from six or the project's copy of it
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


def reached_otherwise(parts, ctx, receiver, key=None) -> bool:
    """Do `parts` (as body_reaches's) change the dict `receiver` by a way read nowhere else (tryout17 #2, #12):
    - for the namespace of an object (`o.__dict__`, `vars(o)`, a name the scope binds to one or an alias of it:
      `ns = vars(o)`, tryout19 #7; the module's own, `sys.modules[__name__].__dict__`,
      `globals()`, `g = globals()`): setattr/delattr of the object (the module's object in any spelling
      own_module_reference reads for the module's own), an attribute of it stored or deleted (`o.x = v`, `del o.x`),
      for the module's own a changing method or item store of its namespace in another spelling;
    - for a dict another module owns (`cache.CACHE` after `import cache`, `CACHE` after `from cache import CACHE`,
      `Registry.items` of an imported class): a call of a function of that same owner (`cache.evict(k)`, `evict(k)`
      from `from cache import evict`, `Registry.drop(k)`), or that function handed to map/filter, unless the
      project's index reads it as only reading the dict and it is not handed the dict (_only_reads, tryout18 #12);
    - for a dict not a name (`self.d`, `self.d['x']`, or a name the scope binds to it): a changing method of it
      taken without a call (`map(self.d.pop, ks)`), taken by getattr (`getattr(self.d, 'pop')`, or a name not
      spelled), or a name the scope binds to one (`pop = self.d.pop` or by getattr) loaded in the body, called or
      handed on.
    `setattr(o, key, v)` for the loop's own `key` (a Name) changes no size and does not count (Twisted 12.3.0's
    rebuild.py: `for k, v in mod.__dict__.items(): ... setattr(mod, k, nv)`).
    Not seen: a function of a third module changing the dict (`helpers.reset()` calling `cache.evict`)."""
    owner = _owned_by(receiver, ctx)
    # the dict's own spelling, and for a name bound to an object's namespace (`ns = o.__dict__`, `ns = vars(o)`)
    # that namespace's spellings too (tryout19 #7)
    spellings = [receiver, *_namespace_values(receiver, ctx)]
    namespaces = [found for found in map(lambda spelling: _namespace_of(spelling, ctx), spellings) if found]
    if isinstance(key, ast.Name) and any(_rebinds(part, key.id) for part in parts):
        key = None  # `k = k.upper()` then `setattr(o, k, v)`: no longer the loop's own key (tryout18 #20)
    same = _same_dict(receiver, ctx)
    bound = _bound_changers(same, ctx)
    for part in parts:
        if owner is not None and isinstance(part, (ast.Name, ast.Attribute)) and _owner(part, ctx) == owner \
                and not _only_reads(part, None, receiver, ctx):
            return True  # map(cache.evict, cache.CACHE.keys())
        called = _called(part) if same else frozenset()
        for node in ast.walk(part):
            if owner is not None and isinstance(node, ast.Call) and _owner(node.func, ctx) == owner \
                    and not _only_reads(node.func, node, receiver, ctx):
                return True
            if any(_changes_namespace(node, namespace, ctx) for namespace in namespaces) \
                    and not _sets_own_key(node, key):
                return True
            if bound and isinstance(node, ast.Name) and node.id in bound and isinstance(node.ctx, ast.Load):
                return True  # `pop = self.d.pop` before the loop, `pop(k)` or `map(pop, ks)` in it (tryout18 #15)
            if same and _changing_method_taken(node, same, called):
                return True  # `map(self.d.pop, [k])`, `getattr(self.d, 'pop')` (tryout19 #15)
            if any(_changes_in_namespace(node, spelling, key, spelling is not receiver) for spelling in spellings):
                return True  # `self.__dict__['d'].pop(k)` over `self.d` (tryout18 #15)
    return False


def _namespace_values(receiver, ctx) -> list:
    """The namespaces (`o.__dict__`, `vars(o)`) the scope binds the name `receiver` or one of its aliases to (`ns =
    o.__dict__`, then `for k in ns.keys(): setattr(o, ...)`: tryout19 #7); else []."""
    if not isinstance(receiver, ast.Name):
        return []
    aliases = reach(ctx, receiver.id)[0]
    return [value for kind, targets, value, _parent in _sites(ctx, ctx.scope.node) if kind == "bind"
            and set(targets) & aliases and space_object(value) is not None]


def _same_dict(receiver, ctx) -> frozenset:
    """The dumps of the spellings of a dict `receiver` not a name (`self.d`, `self.d['x']`, `vars(o)`) in the scope:
    its own, and the names the scope binds to it (`d = self.d`); for a name body_reaches reads its aliases and
    holders already."""
    if isinstance(receiver, ast.Name):
        return frozenset()
    dumped = ast.dump(receiver)
    dumps = ctx.cache.setdefault("dict-reach-dumps", {})  # id(value) -> its dump: each bound value dumped once
    names = [ast.Name(id=target, ctx=ast.Load()) for kind, targets, value, _parent in _sites(ctx, ctx.scope.node)
             if kind == "bind" and type(value) is type(receiver)
             and (dumps.get(id(value)) or dumps.setdefault(id(value), ast.dump(value))) == dumped for target in targets]
    return frozenset([dumped, *map(ast.dump, names)])


def _changing_method_taken(node, same, called) -> bool:
    """A changing method of the dict (one of the dumps `same`) taken without being called there (`map(self.d.pop,
    ks)`, `f = self.d.pop`), or taken by getattr whatever the name (`getattr(self.d, 'pop')(k)`; a name not
    spelled, `getattr(self.d, how)`, may be a changing one): the dict may change wherever it goes (tryout19 #15)."""
    if isinstance(node, ast.Attribute):
        return node.attr in _CHANGING_METHODS and id(node) not in called and ast.dump(node.value) in same
    return _getattr_changing(node) is not None and ast.dump(node.args[0]) in same


def _getattr_changing(node):
    """The object of `getattr(x, 'pop')` (a changing method's name, or a name not spelled as a string); else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
            and len(node.args) >= 2):
        return None
    name = node.args[1]
    spelled = isinstance(name, ast.Constant) and isinstance(name.value, str)
    return node.args[0] if not spelled or name.value in _CHANGING_METHODS else None


def _rebinds(part, name: str) -> bool:
    """Does `part` bind `name` (an assignment, augmented or not, a for/with/except target, an import, a def)?"""
    for node in ast.walk(part):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load) \
                or isinstance(node, ast.ExceptHandler) and node.name == name \
                or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name \
                or isinstance(node, ast.alias) and (node.asname or node.name.split(".")[0]) == name:
            return True
    return False


def _bound_changers(same, ctx) -> frozenset:
    """Names the scope binds to a changing method of a dict not a name (`same`: _same_dict's dumps), taken as an
    attribute or by getattr (`pop = self.d.pop`, `pop = getattr(self.d, 'pop')`): the dict may change wherever one
    goes (tryout18 #15, tryout19 #15; for a Name receiver body_reaches reads them as holders already)."""
    if not same:
        return frozenset()
    return frozenset(target for kind, targets, value, _parent in _sites(ctx, ctx.scope.node) if kind == "bind"
                     and _method_of(value) is not None and ast.dump(_method_of(value)) in same for target in targets)


def _method_of(value):
    """The object of `x.pop` (a changing method taken) or of `getattr(x, 'pop')` (tryout19 #15); else None."""
    if isinstance(value, ast.Attribute) and value.attr in _CHANGING_METHODS:
        return value.value
    return _getattr_changing(value)


def _namespace_item(node):
    """(the object, the attribute name) for `o.__dict__['d']` or `vars(o)['d']`; else None."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)):
        return None
    space = space_object(node.value)
    return (space, node.slice.value) if space is not None else None


def _changes_in_namespace(node, receiver, key, bound=False) -> bool:
    """`self.__dict__['d'].pop(k)`, `vars(self)['d'][k2] = v` over `self.d`: the same dict reached through its
    object's namespace (tryout18 #15); `vars(o).pop(k)`, `vars(o)[k2] = v` over `o.__dict__` and the other way
    round: the same namespace in its other spelling (tryout18 #11), or in any spelling where the loop's dict is a
    name `bound` to the namespace `receiver` (`ns = vars(o)`, tryout19 #7)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CHANGING_METHODS:
        changed, item = node.func.value, None
    elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        changed, item = node.value, node.slice
        if isinstance(key, ast.Name) and isinstance(item, ast.Name) and item.id == key.id \
                and isinstance(node.ctx, ast.Store):
            return False  # the loop's own key stored again: no size change
    else:
        return False
    if isinstance(receiver, ast.Attribute) and receiver.attr != "__dict__":
        found = _namespace_item(changed)
        return found is not None and found[1] == receiver.attr and ast.dump(found[0]) == ast.dump(receiver.value)
    mine, theirs = space_object(receiver), space_object(changed)
    return mine is not None and theirs is not None and ast.dump(mine) == ast.dump(theirs) \
        and (bound or ast.dump(changed) != ast.dump(receiver))  # the loop's own spelling is consumers.py's


_SETATTR_METHODS = frozenset({"__setattr__", "__delattr__"})


def _attribute_call(node):
    """(the object, its arguments after it, "setattr" or "delattr") for `setattr(o, ...)`, `o.__setattr__(...)`,
    `object.__setattr__(o, ...)` (and delattr's); else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id in ("setattr", "delattr") and node.args:
        return node.args[0], node.args[1:], func.id
    if isinstance(func, ast.Attribute) and func.attr in _SETATTR_METHODS:
        kind = "setattr" if func.attr == "__setattr__" else "delattr"
        if isinstance(func.value, ast.Name) and func.value.id in ("object", "type") and node.args:
            return node.args[0], node.args[1:], kind
        return func.value, node.args, kind
    return None


def _sets_own_key(node, key) -> bool:
    """`setattr(o, k, v)` (`o.__setattr__(k, v)`) where `k` is the loop's own key, not rebound in the body: the
    attribute is in the namespace already."""
    found = _attribute_call(node) if isinstance(key, ast.Name) else None
    return found is not None and found[2] == "setattr" and bool(found[1]) and isinstance(found[1][0], ast.Name) \
        and found[1][0].id == key.id


def _only_reads(function, call, receiver, ctx) -> bool:
    """Does the project's index say that `function`, a function or class of the other module owning the dict
    `receiver` (`cache.show` over `cache.CACHE`), cannot change that dict, nor what it reaches of its module
    (ProjectIndex.dict_readers, tryout18 #12), and is the dict not handed to it (`call`'s arguments)?"""
    if ctx.project is None or not ctx.project.dict_readers:
        return False
    dict_name, function_name = _qualified(receiver, ctx), _qualified(function, ctx)
    if not dict_name or not function_name:
        return False
    module, _, name = dict_name.rpartition(".")
    if function_name.rpartition(".")[2] not in ctx.project.reading_functions(module.rpartition(".")[2], name):
        return False
    return call is None or not any(isinstance(node, (ast.Name, ast.Attribute)) and node is not function
                                   and _qualified(node, ctx) == dict_name for node in ast.walk(call))


def _owner(node, ctx) -> str | None:
    """`cache` for `cache.CACHE` (`import cache`) or `CACHE` (`from cache import CACHE`), `cache.Registry` for
    `Registry.items` (`from cache import Registry`): what holds the imported name, else None."""
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return None
    name = _qualified(node, ctx)
    return name.rpartition(".")[0] or None if name else None


def _qualified(node, ctx) -> str | None:
    """scopes.qualified_name, and for a name an explicit relative import binds (`from . import cache as c`:
    `.cache`; `from .cache import CACHE`: `.cache.CACHE`) or a star import from outside the standard library may
    bind (a name nothing binds, no builtin's: `*.CACHE`, every such name one owner's), tryout18 #21, #22."""
    if isinstance(node, ast.Attribute):
        base = _qualified(node.value, ctx)
        return f"{base}.{node.attr}" if base else None
    if not isinstance(node, ast.Name):
        return None
    name = ctx.scope.qualified_name(node)
    if name or ctx.scope.binding_scope(node.id) is None and (
            node.id in _BUILTIN_NAMES or not _other_imports(ctx)[1]):
        return name
    return _other_imports(ctx)[0].get(node.id) if ctx.scope.binding_scope(node.id) else f"*.{node.id}"


def _other_imports(ctx) -> tuple:
    """({name: qualified name} the module's explicit relative imports bind, whether the module star-imports from
    outside the standard library), once per module."""
    return module_nodes.once(ctx.tree, _read_other_imports)


def _read_other_imports(tree) -> tuple:
    relative, star = {}, False
    for node in module_nodes.of_kind(tree, ast.ImportFrom):
        if node.names[0].name == "*":
            star = star or bool(node.level) or (node.module or "").split(".")[0] not in _TRUSTED
            continue
        if not node.level:
            continue
        base = "." * node.level + (node.module or "")
        for alias in node.names:
            relative[alias.asname or alias.name] = f"{base}{'.' if node.module else ''}{alias.name}"
    return relative, star


def _owned_by(receiver, ctx) -> str | None:
    return _owner(receiver, ctx) if isinstance(receiver, (ast.Name, ast.Attribute)) else None


def _namespace_of(receiver, ctx) -> tuple | None:
    """(the dump of the object whose namespace `receiver` is, or None; whether it is the module's own namespace)
    for `o.__dict__`, `vars(o)`, `globals()`, a name bound to the module's namespace; else None."""
    value = None
    if isinstance(receiver, ast.Attribute) and receiver.attr == "__dict__":
        value = receiver.value
    elif isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id in _NAMESPACES \
            and ctx.is_builtin(receiver.func.id, receiver.func.lineno):
        if len(receiver.args) == 1 and not receiver.keywords:
            value = receiver.args[0]
        elif receiver.args or receiver.func.id != "globals":
            return None  # vars(), locals(): a function's locals maybe, not followed
        else:
            return None, True
    own = own_module_reference(receiver, ctx.tree) == "namespace" or value is not None and own_module_reference(
        value, ctx.tree) == "module"
    if value is None and not own:
        return None
    return (ast.dump(value) if value is not None else None), own


def _changes_namespace(node, namespace, ctx) -> bool:
    """`setattr(o, ...)`, `delattr(o, ...)`, `o.x = v`, `del o.x` for the object `namespace` names; for the module's
    own namespace, the module's object in any spelling too, and its namespace changed in another spelling
    (`globals()[k] = v`, `sys.modules[__name__].__dict__.pop(k)`)."""
    dumped, own = namespace

    def is_object(value) -> bool:
        return dumped is not None and ast.dump(value) == dumped or own and own_module_reference(
            value, ctx.tree) == "module"

    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
        return bool(node.args) and is_object(node.args[0]) and ctx.is_builtin(node.func.id, node.func.lineno)
    found = _attribute_call(node)
    if found is not None:  # `o.__setattr__(name, v)`, `object.__setattr__(o, name, v)` (tryout18 #11)
        return is_object(found[0])
    if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
        return is_object(node.value)
    if not own:
        return False
    if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        space = node.value
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CHANGING_METHODS:
        space = node.func.value
    else:
        return False
    return own_module_reference(space, ctx.tree) == "namespace" or isinstance(space, ast.Call) and isinstance(
        space.func, ast.Name) and space.func.id == "globals" and not space.args


def _six_reading(func, ctx) -> bool:
    """Is `func` six's iteritems/viewkeys/... (six's, or a copy's: `django.utils.six.iteritems`)?"""
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in _SIX_READING:
        return False
    qualified = (ctx.scope.qualified_name(func) or "").split(".")
    return len(qualified) >= 2 and qualified[-1] in _SIX_READING and qualified[-2] == "six"

"""May a receiver be an object (or a class) of another module of the project? Then its `sort`, `keys`, `next`,
`xreadlines`, `encode`... may be that class's own methods, which the rewrites for a list, a dict, an iterator, a
file or a str (`key=functools.cmp_to_key(f)`, `list(d.keys())`, `next(x)`, `f`, `codecs.encode(s, 'hex')`) do
not call (tryout6 #25, #26, #27). Check reads one file at a time, so it cannot see that class: it asks whether
the value may derive from a name bound outside the standard library, following the flow of values in the module
rather than one assignment shape. The one place deciding it for every receiver-based rule (rules/py3k/calls.py,
next_attribute.py, runtime.py's known_list).

A value derives from such a name where it reads one (`T`, `tbl.Table`, `seq.factory()`, `T.create()`, `t.rows`),
or a name some binding of which (in the scope it resolves to) derives from one: an assignment (`t2 = t`, a
conditional expression, an element `[T()][0]`), a `with ... as`, a loop or comprehension target over a value
holding one (`for r in [tbl.Table()]`), an except clause's class, a call of a function of the module returning
one, a def or class decorated by one, a class with such a base; a name read where nothing binds it, in a module
with a star import from outside the standard library, too. A value that is a builtin's for certain whatever it
holds is none: a literal or display, a comprehension, a call of `dict`, `list`, `sorted`, `len`... (their result
is the builtin's type), a call of a standard library function (`collections.OrderedDict(...)`), a function's
parameter (unknown: not followed, as before)."""
from __future__ import annotations

import ast
import builtins

from diracmod.rules.py3k.rebound import scope_bindings
from diracmod.source.scopes import COMPREHENSIONS, Scope
from diracmod.source.tables import PY2_ONLY_MODULES, REMOVED_BUILTINS, STDLIB_MODULES

# compatibility layers whose names are the standard library's (or the builtins') objects on either Python
_TRUSTED = STDLIB_MODULES | PY2_ONLY_MODULES | {"six", "future", "past", "builtins", "__builtin__"}
# builtins returning a value of their own type (a dict, a list, a str, a number, a builtin iterator) whatever
# they are given; getattr, min, max, next, reduce, type, copy... may return what they are given, and are not here
_TYPED_BUILTINS = frozenset({
    "dict", "list", "tuple", "set", "frozenset", "sorted", "str", "unicode", "bytes", "bytearray", "int", "long",
    "float", "complex", "bool", "len", "repr", "hash", "id", "range", "xrange", "open", "file", "enumerate", "zip",
    "map", "filter", "reversed", "iter", "format", "hex", "oct", "bin", "chr", "unichr", "ord", "round", "divmod",
    "isinstance", "issubclass", "callable", "hasattr", "globals", "locals", "vars", "dir", "cmp", "any", "all",
    "intern", "raw_input", "input", "slice", "memoryview", "buffer", "object"})
_BUILTIN_NAMES = frozenset(dir(builtins)) | REMOVED_BUILTINS
# expressions whose value is a builtin's whatever the names in them hold
_BUILTIN_VALUES = (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Set, ast.Dict, *COMPREHENSIONS,
                   ast.Compare, ast.Lambda, ast.Yield, ast.YieldFrom, ast.Await)
_UNPACKED = (ast.Tuple, ast.List, ast.Starred)


def imported_owner(receiver, ctx, method: str, stdlib_objects: bool = False) -> str:
    """Why `receiver.method()` may be the method of another module's class, for a person; "" where the receiver
    derives from no name bound outside the standard library. With `stdlib_objects`, an object the standard library
    makes counts too: a call of one of its classes (a capitalised name: `json.JSONEncoder()`,
    `email.header.Header(s)`, `codecs.StreamWriter(f)`) or of what one of its functions returns
    (`codecs.getincrementalencoder('utf-8')()`), whose encode()/decode() are their own (tryout8 #12); its functions'
    results (`os.urandom(8)`, `binascii.hexlify(s)`) stay str."""
    origin = _Origins(ctx, stdlib_objects).value(receiver, ctx.scope)
    if origin is None:
        return ""
    name, line, *made = origin
    if made:
        return (f"`{ast.unparse(receiver)}` may be an object the standard library makes (`{name}`, line {line}), "
                f"whose class defines {method} itself")
    return (f"`{ast.unparse(receiver)}` may be an object or a class of another module (`{name}`, line {line}, "
            f"bound outside the standard library), which may define {method} itself")


_STDLIB = STDLIB_MODULES | PY2_ONLY_MODULES


def _stdlib_made(call: ast.Call, scope):
    """(name, line, True) where `call` makes an object of the standard library that is no str (see
    imported_owner), else None."""
    func = call.func
    qualified = scope.qualified_name(func)
    if qualified and qualified.split(".")[0] in _STDLIB and qualified.split(".")[-1][:1].isupper():
        return f"{qualified}(...)", call.lineno, True
    if isinstance(func, ast.Call):
        inner = scope.qualified_name(func.func)
        if inner and inner.split(".")[0] in _STDLIB:
            return f"{inner}(...)(...)", call.lineno, True
    return None


class _Origins:
    """One question's walk: each (scope, name, sense) is followed once; a name met again while its own bindings
    are being read adds nothing (they are read where it was met first). The answers for the name asked first are
    kept for the module (ctx.cache): complete, as every binding reachable from it was read. Two senses: the value
    itself (`value`), or the value and anything it holds (`held`: what iterating or indexing it may give)."""

    def __init__(self, ctx, stdlib_objects: bool = False):
        self.ctx, self.stdlib_objects = ctx, stdlib_objects
        self.done: dict = {}
        self.reading: set = set()

    def value(self, node, scope):
        """(name, line) of a binding outside the standard library that the value of `node` may be, or be made or
        reached from; None where there is none."""
        if node is None or isinstance(node, _BUILTIN_VALUES):
            return None
        if isinstance(node, ast.Name):
            return self.name(node.id, scope, False)
        if isinstance(node, (ast.Attribute, ast.Starred, ast.NamedExpr)):
            return self.value(node.value, scope)
        if isinstance(node, ast.Subscript):  # an element of a container holding one, or the object's own item
            return self.held(node.value, scope)
        if isinstance(node, ast.IfExp):
            return self.value(node.body, scope) or self.value(node.orelse, scope)
        if isinstance(node, ast.BoolOp):
            return next(filter(None, (self.value(value, scope) for value in node.values)), None)
        if isinstance(node, ast.BinOp):  # an operator method of the object's class may return anything
            return self.value(node.left, scope) or self.value(node.right, scope)
        if isinstance(node, ast.UnaryOp):
            return None if isinstance(node.op, ast.Not) else self.value(node.operand, scope)
        if isinstance(node, ast.Call):
            return self._called(node, scope)
        return self.held(node, scope)

    def held(self, node, scope):
        """What the value of `node` or anything it holds may derive from: iterating or indexing it may give any
        value read in it (`[T()]`, `zip(names, tables)`, `enumerate(rows)`)."""
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, ast.Call):
                found = self._returned(current, scope, True)
                stack.extend(_result_parts(current))
            else:
                found = self.name(current.id, scope, True) if isinstance(current, ast.Name) and isinstance(
                    current.ctx, ast.Load) else None
                if not isinstance(current, ast.Lambda):  # a function: what it returns is read where it is called
                    stack.extend(ast.iter_child_nodes(current))
            if found:
                return found
        return None

    def _called(self, call: ast.Call, scope):
        func = call.func
        made = self.stdlib_objects and _stdlib_made(call, scope)
        if made:
            return made
        if isinstance(func, ast.Name) and func.id in _TYPED_BUILTINS and scope.binding_scope(func.id) is None:
            return None
        qualified = scope.qualified_name(func)
        if qualified and qualified.split(".")[0] in _TRUSTED:
            return self.held(call, scope) if qualified in ("copy.copy", "copy.deepcopy") else None
        if isinstance(func, ast.Attribute):  # a str's method makes a str; a container's may give what it holds
            return None if isinstance(func.value, (ast.Constant, ast.JoinedStr)) else self.held(call, scope)
        if isinstance(func, ast.Name) and scope.binding_scope(func.id) is None and func.id in _BUILTIN_NAMES:
            return self.held(call, scope)  # getattr(o, name), max(tables), next(rows): what it is given
        return self.value(func, scope) or self._returned(call, scope, False)

    def _returned(self, call: ast.Call, scope, held: bool):
        """What a function of the module called by name returns (not a generator's)."""
        func = call.func
        bound = scope.binding_scope(func.id) if isinstance(func, ast.Name) else None
        if bound is None:
            return None
        for definition in scope_bindings(bound.node, func.id):
            key = ("returns", id(definition), held)
            if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) and key not in self.reading:
                self.reading.add(key)
                inner = Scope(definition, bound)
                found = next(filter(None, ((self.held if held else self.value)(node.value, inner)
                                           for node in _returns(definition))), None)
                if found:
                    return found
        return None

    def name(self, name: str, scope, held: bool):
        bound = scope.binding_scope(name)
        if bound is None:
            return self._star_imported(name)
        key = (id(bound.node), name, held, self.stdlib_objects)
        cached = self.ctx.cache.get(("imported-origin", *key), False)
        if cached is not False:
            return cached
        if key in self.done:
            return self.done[key]
        if key in self.reading:
            return None
        first = not self.reading
        self.reading.add(key)
        found = next(filter(None, (self._binding(binding, name, bound, held)
                                   for binding in scope_bindings(bound.node, name))), None)
        if found is None and held:  # `rows.append(T())`, `index[k] = T()`
            found = next(filter(None, (self.held(put, bound) for put in _filled(self.ctx, bound.node, name))), None)
        self.done[key] = found
        if first:
            self.ctx.cache[("imported-origin", *key)] = found
        return found

    def _binding(self, binding, name: str, scope, held: bool):
        """What a binding of `name` in `scope` gives it, where that derives from a binding outside the standard
        library."""
        if isinstance(binding, (ast.Import, ast.ImportFrom)):
            alias = next(alias for alias in binding.names if (alias.asname or alias.name.split(".")[0]) == name)
            if isinstance(binding, ast.Import):
                return (f"import {alias.name}", binding.lineno) if alias.name.split(".")[0] not in _TRUSTED else None
            module = binding.module or ""
            return (f"from {'.' * binding.level}{module} import {alias.name}", binding.lineno) if (
                binding.level or module.split(".")[0] not in _TRUSTED) else None
        if isinstance(binding, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if binding.name != name:  # a def declaring the name global: its assignments to it
                inner = Scope(binding, scope)
                return next(filter(None, (self._binding(node, name, inner, held) for node in ast.walk(binding)
                                          if isinstance(node, ast.Name) and node.id == name
                                          and isinstance(node.ctx, ast.Store))), None)
            # the name is what the decorators make of it; a class's objects have its bases' methods
            return next(filter(None, (self.value(node, scope) for node in (
                *binding.decorator_list, *getattr(binding, "bases", ())))), None)
        if isinstance(binding, ast.ExceptHandler):
            return self.value(binding.type, scope)
        if isinstance(binding, ast.Name):
            return self._assigned(binding, scope, held)
        return None  # a parameter, a `global` statement: not followed

    def _assigned(self, target: ast.Name, scope, held: bool):
        parents = _parents(self.ctx)
        holder, unpacked = parents.get(id(target)), False
        while isinstance(holder, _UNPACKED):
            holder, unpacked = parents.get(id(holder)), True
        if isinstance(holder, (ast.For, ast.AsyncFor, ast.comprehension)):
            return self.held(holder.iter, scope)
        if isinstance(holder, ast.withitem):
            source = holder.context_expr
        elif isinstance(holder, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            source = holder.value
        else:
            return None  # `del name`
        return self.held(source, scope) if held or unpacked else self.value(source, scope)

    def _star_imported(self, name: str):
        """A name nothing binds that is no builtin's, in a module with a star import from outside the standard
        library: that import may bind it."""
        if name in _BUILTIN_NAMES:
            return None
        star = next((node for node in self.ctx.tree.body if isinstance(node, ast.ImportFrom)
                     and node.names[0].name == "*" and (node.level or (node.module or "").split(".")[0]
                                                        not in _TRUSTED)), None)
        return (f"from {'.' * star.level}{star.module or ''} import *", star.lineno) if star else None


# methods putting a value into the container they are called on (the last argument: `insert(i, x)`, `setdefault(k, x)`)
_FILLING = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "appendleft", "extendleft"})


# methods returning (or putting in and returning) the last argument they are given: `d.get(k, default)`
_RETURNING_ARGUMENT = frozenset({"get", "setdefault", "pop"})


def _result_parts(call: ast.Call) -> list:
    """The parts of a call whose values (or what they hold) its result may be or hold: a method's object (a
    container gives what it holds; its other arguments are keys, indexes, options, not results: `d.getlist(key)`)
    and the default of get/setdefault/pop; a function's name and every argument (`zip(a, b)`, `max(rows)`)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return [func.value, *call.args[-1:]] if func.attr in _RETURNING_ARGUMENT and len(call.args) > 1 else [
            func.value]
    return [func, *call.args, *(keyword.value for keyword in call.keywords)]


def _filled(ctx, scope_node, name: str) -> list:
    """The values put into the container `name` in the scope (and the scopes nested in it, conservatively):
    `name.append(v)`, `name[k] = v`... Read once per scope."""
    key = ("container-fills", id(scope_node))
    fills = ctx.cache.get(key)
    if fills is None:
        fills = ctx.cache[key] = {}
        for node in ast.walk(scope_node):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FILLING \
                    and isinstance(node.func.value, ast.Name) and node.args:
                fills.setdefault(node.func.value.id, []).append(node.args[-1])
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                        fills.setdefault(target.value.id, []).append(node.value)
    return fills.get(name, [])


def _parents(ctx) -> dict:
    """id(node) -> its parent, for the module's tree, built once."""
    found = ctx.cache.get("parents-by-id")
    if found is None:
        found = ctx.cache["parents-by-id"] = {id(child): node for node in ast.walk(ctx.tree)
                                              for child in ast.iter_child_nodes(node)}
    return found


def _returns(definition):
    """The `return value` statements of a function's own body; none for a generator (its call makes a generator)."""
    found, stack = [], list(definition.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return []
        if isinstance(node, ast.Return) and node.value is not None:
            found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return found

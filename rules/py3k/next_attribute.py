"""Where `x.next()` may call something else than an iterator's next method, which `next(x)` (the rewrite of
next-method-called) never calls: the builtin looks `next`/`__next__` up on the type of x, so an attribute of the
instance, a proxy's `__getattr__`, a mock's configured method, a namedtuple field, a module's function or a
class's classmethod are not reached (TypeError: not an iterator). The one place deciding it, for check and fix
(calls.py reports next-method-called-attribute-assigned, DM148, with the reason, and the fixer leaves those)."""
from __future__ import annotations

import ast
import re

from diracmod.rules.py3k.classes import iterator_next
from diracmod.rules.py3k.imported_origin import imported_owner, project_owner
from diracmod.rules.py3k.rebound import assigned_values, plain_module
from diracmod.rules.py3k.runtime import every_binding, module_class_defines
from diracmod.rules.py3k.unittest_aliases import class_binds, method_class
from diracmod.source import module_nodes
from diracmod.source.scopes import assignment_bindings

# the instance namespace, written through: `o.__dict__[...] = ...`, `o.__dict__.update(...)`, `vars(o)[...]`
_NAMESPACE_METHODS = frozenset({"update", "setdefault", "__setitem__"})
_FIELD_SEPARATORS = re.compile(r"[\s,]+")
# builtins whose result is an iterator on Python 2 (a `next` method) and Python 3 (`__next__` only)
_ITERATOR_BUILTINS = frozenset({"iter", "enumerate", "reversed", "open"})
_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_OWN_GENERATORS = (ast.GeneratorExp, ast.SetComp, ast.DictComp)  # scopes of their own on Python 2 (not a list's)


def next_attribute_source(ctx) -> str:
    """How objects of the module may have an attribute named `next` that is no iterator method, for a person;
    "" where none: the module assigns one (`self.next = callback`, `m.next.return_value = 5` configuring a
    mock's), sets one by `setattr` (with "next" or a name computed) or through an instance namespace
    (`o.__dict__.update(...)`, `vars(o)[k] = ...`), imports mock, makes a namedtuple or `type(...)` class with
    a `next` field (or fields it cannot read), or has a class defining `__getattr__` or `__getattribute__` (a
    proxy: xmlrpclib.ServerProxy-style objects answer any attribute) or `next` as a classmethod or staticmethod
    (an ID generator's `Counter.next()`) or with parameters beyond self (a cursor's `next(self, n=1)`, which fix
    does not rename). Read once per module."""
    found = ctx.cache.get("next-attribute-source")
    if found is None:
        found = ctx.cache["next-attribute-source"] = _next_attribute_source(ctx)
    return found


def next_receiver_source(receiver, ctx) -> str | None:
    """Why `receiver.next()` is no iterator step, for a person: `receiver` names a class of the module (a class
    is no iterator; its next is a classmethod or staticmethod), or a name an import binds other than a plain
    `import X` alone (a `from` import may be a class or a module); "" where it may be an iterator; None where it
    is surely a module (`import gen` alone binds it, `pkg.gen` after `import pkg.gen`, or `__import__("gen")`:
    rebound.plain_module): `gen.next()` calls the module's own function on both Pythons, nothing to report (nor
    `self.next()` in the class's own `__next__`: _in_own_next). A `super(...)` proxy is no iterator either
    (`next(super(Sub, self))` is a TypeError on both Pythons), nor a name bound to a class of the module (`S2 =
    Seq`), nor what getattr or a namespace takes from an import (a module), nor a receiver of unknown origin where a class of the project defines a next that next(x) does not call alike
    (a staticmethod, a classmethod, a property, parameters beyond self: imported_origin.project_owner)."""
    proxy = _super_proxy(receiver, ctx, set())
    if proxy:
        return f"{proxy}, not an iterator: its next() is the base class's method"
    if plain_module(ctx, receiver) or isinstance(receiver, ast.Name) and _in_own_next(ctx, receiver):
        return None
    reached = _reached_through_import(receiver, ctx)
    if not reached and isinstance(receiver, ast.Name):
        reached = next((f"`{receiver.id}` may be {found}" for found in map(
            lambda value: _reached_through_import(value, ctx), assigned_values(ctx, receiver)) if found), "")
    if reached:
        return reached
    if not isinstance(receiver, ast.Name):
        return imported_owner(receiver, ctx, "next") or project_owner(receiver, ctx, "next")
    nextless = _nextless_class(ctx, receiver)
    if nextless:
        return (f"`{receiver.id}` is an instance of `{nextless}`, whose class and bases define no next: Python 2's "
                f"`{receiver.id}.next()` raises AttributeError, next({receiver.id}) TypeError")
    if ctx.scope.qualified_name(receiver):
        return f"`{receiver.id}` is bound by an import: a module or a class, not an iterator"
    if receiver.id in _class_names(ctx):
        return f"`{receiver.id}` is a class of the module, not an iterator"
    alias = next((value for value in assigned_values(ctx, receiver)
                  if isinstance(value, ast.Name) and value.id in _class_names(ctx)), None)
    if alias:
        return f"`{receiver.id}` may be bound to the class `{alias.id}` (line {alias.lineno}), not an iterator"
    return imported_owner(receiver, ctx, "next") or project_owner(receiver, ctx, "next")


def _in_own_next(ctx, receiver: ast.Name) -> bool:
    """Is `receiver` the first parameter of a method `__next__` (method_class), where `self.next()` calls the Python 2
    method on both Pythons (fix's delegating `__next__`, rules/py3k/classes_fix.py) and next(self) would call that
    `__next__` again on Python 3, without end?"""
    return method_class(ctx, receiver) is not None and ctx.scope.binding_scope(receiver.id).node.name == "__next__"


def _nextless_class(ctx, receiver: ast.Name) -> str:
    """The name of the class of which `receiver` is the never-rebound first parameter of an undecorated method
    (`self`), where neither it nor any base binds `next`, `__next__`, `__getattr__` or `__getattribute__`: every
    base `object` or a class of the module (its one binding there) that is such a class too, none decorated or
    with a metaclass, and no class of the module defines `next` (a subclass's instance may be an iterator; leaving
    `self.next()` is safe on both Pythons then too, but noise); else "" (tryout19b #3: dpkt's pcap.Reader calls
    `self.next()`, an AttributeError a caller may catch, where next(self) raises TypeError)."""
    cls = method_class(ctx, receiver)
    if cls is None or module_class_defines(ctx, "next") or module_class_defines(ctx, "__next__"):
        return ""
    module, todo, seen = ctx.scope.module(), [cls], set()
    while todo:
        current = todo.pop()
        if id(current) in seen:
            return ""
        seen.add(id(current))
        if current.decorator_list or current.keywords or class_binds(current, _NEXT_OR_PROXY):
            return ""
        for base in current.bases:
            if isinstance(base, ast.Name) and base.id == "object" and "object" not in module.names:
                continue
            defined = [node for node in ctx.tree.body if isinstance(node, ast.ClassDef)
                       and isinstance(base, ast.Name) and node.name == base.id]
            if len(defined) != 1 or len(module.names.get(base.id, ())) != 1:
                return ""
            todo.append(defined[0])
    return cls.name


_NEXT_OR_PROXY = frozenset({"next", "__next__", "__getattr__", "__getattribute__"})


def _super_proxy(node, ctx, seen: set) -> str:
    """How `node` may be a `super(...)` proxy, for a person, else "": the call itself, a name some binding of which
    assigns one, or a call of a name some binding of which is a lambda or def returning one (tryout6 #1: `sup =
    super(Sub, s)`, `b = lambda: super(Sub, s)`; `next(sup)` is a TypeError on both Pythons)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super":
        return "a `super(...)` proxy"
    if isinstance(node, ast.Name) and node.id not in seen:
        seen.add(node.id)
        if any(value is not None and _super_proxy(value, ctx, seen) for value in assigned_values(ctx, node)):
            return f"`{node.id}` may be a `super(...)` proxy"
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in seen:
        seen.add(node.func.id)
        returned = [value.body for value in assigned_values(ctx, node.func) if isinstance(value, ast.Lambda)] + [
            sub.value for definition in _definitions(ctx, node.func) for sub in _own_returns(definition)]
        if any(value is not None and _super_proxy(value, ctx, seen) for value in returned):
            return f"`{ast.unparse(node)}` may return a `super(...)` proxy"
    return ""


def _definitions(ctx, name: ast.Name) -> list:
    """The `def` statements of the module binding the name (any scope: a superset is only more cautious)."""
    return [node for node in module_nodes.of_kind(ctx.tree, ast.FunctionDef) if node.name == name.id]


def _own_returns(function: ast.FunctionDef):
    """The `return` statements of the function's own body (not of a function, class or lambda nested in it)."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            yield node
        if not isinstance(node, _NESTED_SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def _reached_through_import(node, ctx) -> str:
    """How `node` is an attribute of a name an import binds taken by `getattr(X, ...)` or `X.__dict__[...]` /
    `vars(X)[...]`, for a person, else "": a submodule, a class or a function of another module as likely as an
    iterator (tryout6 #2: `getattr(pkg, 'gen').next()` of a module gen)."""
    holder = None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" and node.args \
            and ctx.is_builtin("getattr", node.lineno):
        holder = node.args[0]
    elif isinstance(node, ast.Subscript) and _namespace(node.value):
        holder = node.value.value if isinstance(node.value, ast.Attribute) else (node.value.args or [None])[0]
    if holder is not None and (ctx.scope.qualified_name(holder) or plain_module(ctx, holder)):
        return (f"`{ast.unparse(node)}`, an attribute of an imported `{ast.unparse(holder)}`: a module, a class or "
                "a function")
    return ""


def _class_names(ctx) -> frozenset:
    """The names of the module's class statements (at any depth), read once per module."""
    found = ctx.cache.get("class-statement-names")
    if found is None:
        found = ctx.cache["class-statement-names"] = frozenset(
            node.name for node in module_nodes.of_kind(ctx.tree, ast.ClassDef))
    return found


def iterator_for_certain(node, ctx) -> bool:
    """An iterator of Python 2's own, whatever the module does: a generator expression, a call of a builtin
    `iter`, `enumerate`, `reversed` or `open`, or of a generator function of the module (not decorated), or a
    name every binding of which (in its scope, global nowhere) assigns one of those. Its `next` is the
    iterator's method on Python 2 and missing on Python 3 (next-method-taken)."""
    if isinstance(node, ast.GeneratorExp):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in _ITERATOR_BUILTINS:
            return ctx.is_builtin(node.func.id, node.lineno)
        defined = every_binding(node.func, ctx)
        return bool(defined) and all(
            isinstance(d, ast.FunctionDef) and not d.decorator_list and generator_function(d) for d in defined)
    if isinstance(node, ast.Name):
        assigned = every_binding(node, ctx)
        return bool(assigned) and all(isinstance(a, ast.Assign) and not isinstance(a.value, ast.Name)
                                      and iterator_for_certain(a.value, ctx) for a in assigned)
    return False


def generator_function(function: ast.FunctionDef) -> bool:
    """A `yield` in the function's own body (not in a function, class or lambda nested in it, nor in a generator
    expression or a set or dict comprehension, whose own generator it makes on Python 2, but for its first
    iterable, which the function evaluates: tryout13 #1)."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, _OWN_GENERATORS):
            stack.append(node.generators[0].iter)
        elif not isinstance(node, _NESTED_SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return False


def _next_attribute_source(ctx) -> str:
    for node in module_nodes.walk(ctx.tree):
        found = _sets_next(node)
        if found:
            return f"line {node.lineno}: {found}"
    special = next((name for name in ("__getattr__", "__getattribute__") if module_class_defines(ctx, name)), "")
    if special:
        return f"a class of the module defines {special}"
    classes = module_nodes.of_kind(ctx.tree, ast.ClassDef)
    if any(_class_level_next(klass) for klass in classes):
        return "a class of the module defines next as a classmethod or staticmethod"
    other = next((method for klass in classes for method in klass.body
                  if isinstance(method, ast.FunctionDef) and method.name == "next" and not iterator_next(method)), None)
    # fix does not rename such a next (it is no iterator's), so `next(x)` would not reach it on Python 3
    return f"a class of the module defines next with parameters other than self (line {other.lineno})" if other \
        else ""


def _sets_next(node) -> str:
    """The statement or expression `node` may give an object an attribute `next`: how, else ""."""
    if isinstance(node, ast.Attribute):
        if node.attr == "next" and isinstance(node.ctx, ast.Store):
            return f"`{ast.unparse(node)}` assigned"
        if isinstance(node.value, ast.Attribute) and node.value.attr == "next":
            return f"`{ast.unparse(node)}`, configuring a mock's next"
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
        if any(name == "mock" or name.startswith("mock.") or name.endswith(".mock") for name in names):
            return "mock imported, whose Mock answers any attribute"
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and _namespace(node.value):
        if not _other_name(node.slice):
            return f"`{ast.unparse(node)}` assigned"
    elif isinstance(node, ast.Call):
        return _call_sets_next(node)
    return ""


def _call_sets_next(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) > 1 and not _other_name(node.args[1]):
        return f"`setattr(..., {ast.unparse(node.args[1])}, ...)`"
    # object.__setattr__(o, "next", f) or o.__setattr__("next", f): the name is the second argument from the end
    if isinstance(func, ast.Attribute) and func.attr == "__setattr__" and len(node.args) > 1 and not _other_name(
            node.args[-2]):
        return f"`{ast.unparse(func)}(..., {ast.unparse(node.args[-2])}, ...)`"
    if isinstance(func, ast.Attribute) and func.attr in _NAMESPACE_METHODS and _namespace(func.value):
        if func.attr == "update" and _keys_not_next(node):
            return ""
        if func.attr != "update" and node.args and _other_name(node.args[0]):
            return ""
        return f"`{ast.unparse(func)}(...)`"
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name == "namedtuple":
        fields = node.args[1] if len(node.args) > 1 else next(
            (keyword.value for keyword in node.keywords if keyword.arg == "field_names"), None)
        if fields is None or _may_name_next(fields):
            return "a namedtuple whose fields may include `next`"
    elif name == "type" and len(node.args) == 3 and _may_hold_next(node.args[2]):
        return "a class made by `type(...)` whose members may include `next`"
    return ""


def _namespace(node) -> bool:
    """An instance namespace: `x.__dict__` or `vars(x)`."""
    return (isinstance(node, ast.Attribute) and node.attr == "__dict__"
            or isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars")


def _other_name(node) -> bool:
    """A name written out as a string other than "next", or computed but starting with text "next" does not start
    with (`'test_' + name`)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != "next"
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    return (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != ""
            and not "next".startswith(node.value))


def _keys_not_next(call: ast.Call) -> bool:
    """`update({...literal keys...}, key=...)`: every name it sets is written out, and none is next."""
    return (all(isinstance(arg, ast.Dict) and all(key is not None and _other_name(key) for key in arg.keys)
                for arg in call.args)
            and all(keyword.arg not in (None, "next") for keyword in call.keywords))


def _may_name_next(fields) -> bool:
    """A namedtuple's field names: "next other", ["next", "other"], or anything not written out."""
    if isinstance(fields, ast.Constant) and isinstance(fields.value, str):
        return "next" in _FIELD_SEPARATORS.split(fields.value)
    if isinstance(fields, (ast.List, ast.Tuple)):
        return not all(_other_name(element) for element in fields.elts)
    return True


def _may_hold_next(members) -> bool:
    if isinstance(members, ast.Dict):
        return not all(key is not None and _other_name(key) for key in members.keys)
    return not (isinstance(members, ast.Call) and isinstance(members.func, ast.Name) and members.func.id == "dict"
                and not members.args and all(keyword.arg not in (None, "next") for keyword in members.keywords))


def _class_level_next(klass: ast.ClassDef) -> bool:
    """The class body defines `next` as a classmethod or staticmethod (decorated, or `next = classmethod(f)`), or
    as an alias of one (`next = __next__`, a port's own spelling)."""
    class_level = set()
    for statement in klass.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(_class_level(decorator) for decorator in statement.decorator_list):
                class_level.add(statement.name)
        else:  # each name an assignment binds, as a plain one binds it (chained, tuple targets: tryout12 #2)
            class_level.update(name for name, value in assignment_bindings(statement) if value is not None and (
                _class_level(getattr(value, "func", None)) or isinstance(value, ast.Name) and value.id in class_level))
    return "next" in class_level


def _class_level(node) -> bool:
    return isinstance(node, ast.Name) and node.id in ("classmethod", "staticmethod")

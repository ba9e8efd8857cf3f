"""`raise E, V[, T]`: the shapes whose meaning on Python 2 is known from the spelling alone.

Python 2 raised V itself when V was an instance of E, built `E(*V)` when V was a tuple and `E()` when V was None,
raised E itself when E was an instance (V None), and `E(V)` only otherwise. So `raise E(V)` is exact only when E
is a class and V is none of those: a string or number (a `%`-format or `+` of strings, repr(), str()), a list, dict
or set display or comprehension (tryout13 #9), a tuple display (its items are the arguments) or None (no argument).
check reports the other shapes as old-raise-syntax-value-unknown and fix leaves them (rules/py3k/syntax_fix.py
reads the same function).

The 3-argument form becomes `six.reraise(E, V, T)`, which on Python 3 raises V as it is (and fails on a V that
is no exception: `'str' object has no attribute '__traceback__'`): V is built as in the 2-argument form (from a
string, a tuple or None, E a class), or passed on where it is surely an instance of E (tryout12 #6): a call of
E itself (`raise E, E(msg), tb`, E spelled as a class), or the type and value of one sys.exc_info() (`raise
e[0], e[1], e[2]` with `e = sys.exc_info()`, `raise t, v, tb` with `t, v, tb = sys.exc_info()`, or
`sys.exc_info()[0], sys.exc_info()[1]`): names of the function the raise is in, bound there by nothing else
(None aside for `e`, whose items then fail alike), no exec in it, sys the module (`exc_info_pairs`). Any other V
(a name, an attribute, a call, a subscript) is old-raise-syntax-value-unknown, as in the 2-argument form.

The statement is read in its Python 3 spelling, `raise (E, V[, T])` (py2syntax, py2tokens).
"""
from __future__ import annotations

import ast

from diracmod.source.scopes import bound_only_by_import, own_nodes, scope_bindings
from diracmod.source.statements import statements
from diracmod.source import module_nodes

_NUMBERS = (int, float, complex)


def _class_like(node) -> bool:
    """E spelled as a class is: a name or a dotted name (whether it names a class is not known: the convention)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


# calls that return a string or raise: repr() (Python 2 makes a unicode __repr__'s result a str), str(), unicode()
_STRING_BUILTINS = frozenset({"repr", "str", "unicode"})
# methods of a string returning one: `", ".join(names)`, `"{0}".format(x)`
_STRING_METHODS = frozenset({"join", "format"})


def _text(node, rebound=frozenset()) -> bool:
    """Certainly a string: a string literal, a `%`-format of one (a string whatever its operand), `+` of two,
    repr(x), str(x) or unicode(x) (the builtins: not where the module may bind the name, `rebound`), a literal's
    join() or format()."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, bytes))
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Name) and func.id in _STRING_BUILTINS - rebound and len(node.args) == 1
                and not node.keywords and not isinstance(node.args[0], ast.Starred)
                or isinstance(func, ast.Attribute) and func.attr in _STRING_METHODS and _text(func.value))
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod):
            return _text(node.left, rebound)
        return isinstance(node.op, ast.Add) and _text(node.left, rebound) and _text(node.right, rebound)
    return False


def string_builtins_rebound(tree: ast.Module) -> frozenset:
    """Which of repr, str and unicode the module may bind itself (any scope: conservative), all of them under a
    star import."""
    names = set()
    for node in module_nodes.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) or isinstance(node, ast.arg):
            names.add(getattr(node, "id", None) or node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any(alias.name == "*" for alias in node.names):
                return _STRING_BUILTINS
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return _STRING_BUILTINS & names


def _number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, _NUMBERS) and not isinstance(node.value, bool)


# a list, dict or set display or comprehension: a new list, dict or set, never an exception (tryout13 #9)
_CONTAINERS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


def message(value, rebound=frozenset()) -> bool:
    """A value that is certainly neither an exception, a tuple nor None, which Python 2 made E's one argument: a
    string or a number, or a list, dict or set display or comprehension."""
    return _text(value, rebound) or _number(value) or isinstance(value, _CONTAINERS)


def _built(value, rebound=frozenset()) -> bool:
    """A value Python 2 turned into E's arguments by its shape: None, a tuple display, or a message()."""
    return (isinstance(value, ast.Constant) and value.value is None or isinstance(value, ast.Tuple)
            or message(value, rebound))


def _shown(node) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _item(node, index: int):
    """X where `node` is `X[index]`, else None."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and type(node.slice.value) is int \
            and node.slice.value == index:
        return node.value
    return None


def _made_of(exc, value) -> bool:
    """V a call of E itself, E spelled as a class: an instance of E (`raise E, E(msg), tb`)."""
    return _class_like(exc) and isinstance(value, ast.Call) and ast.dump(value.func) == ast.dump(exc)


def _pair_shape(exc, value) -> str:
    """What E and V are spelled as when they may be the type and value of one sys.exc_info(): "" if they may not,
    "items" (`X[0], X[1]`, X one name or two calls), "names" (`t, v`)."""
    first, second = _item(exc, 0), _item(value, 1)
    if first is not None and second is not None and (
            isinstance(first, ast.Name) and isinstance(second, ast.Name) and first.id == second.id
            or isinstance(first, ast.Call) and isinstance(second, ast.Call)):
        return "items"
    return "names" if isinstance(exc, ast.Name) and isinstance(value, ast.Name) and exc.id != value.id else ""


def unknown(node: ast.Raise, rebound=frozenset(), pairs=frozenset()) -> str | None:
    """Why the meaning of `raise E, V[, T]` (node: its Python 3 spelling) is not known from its shape; None when
    it is. `rebound`: string_builtins_rebound of the module (check's relabel reads it; fix rewrites only the
    statements check reports as old-raise-syntax). `pairs`: exc_info_pairs of the module, or None where the
    bindings are not read (fix's fixer, which reads the statement alone: a statement of that shape there is one
    check reported as old-raise-syntax, having read them)."""
    exc, value, *traceback = node.exc.elts
    if traceback and not _built(value, rebound):
        if _made_of(exc, value):
            return None  # six.reraise(E, E(...), T): Python 2 raised that instance as it is
        shape = _pair_shape(exc, value)
        if shape and (pairs is None or (node.lineno, node.col_offset) in pairs):
            return None  # sys.exc_info()'s type and value: an instance of that type, raised as it is
        if shape == "items":
            return (f"`{_shown(exc)}` and `{_shown(value)}` are not known to be the type and value of one "
                    f"sys.exc_info() (not bound by `X = sys.exc_info()` alone in the function: a parameter, an "
                    f"attribute, another value): six.reraise raises the value as it is, Python 2 only an instance "
                    f"of the type")
        return (f"`{_shown(value)}` may be other than an instance of the exception: Python 2 then raised E(V) "
                f"(E(*V) for a tuple, E() for None), six.reraise raises V as it is (or fails on a string)")
    if not _class_like(exc):
        return (f"`{_shown(exc)}` may be an instance (or a string): Python 2 raised an instance itself and "
                f"called only a class")
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add) and _text(value.left, rebound) \
            and not _built(value, rebound):
        return (f"`{_shown(value)}` is a string unless `{_shown(value.right)}` is an object whose class defines "
                f"__radd__ (Python 2 raised what that returned, if an instance of the exception)")
    if not _built(value, rebound):
        return (f"`{_shown(value)}` may be an instance of the exception (Python 2 raised it itself), a tuple "
                f"(its items the arguments) or None (no argument)")
    return None


def relabel(tree: ast.Module, raw: list) -> list:
    """`raw` findings (line, column, symbol, detail) with each old-raise-syntax whose statement's meaning is not
    known from its shape reported as old-raise-syntax-value-unknown (why in its detail)."""
    lines = {item[0] for item in raw if item[2] == "old-raise-syntax"}
    if not lines:
        return list(raw)
    raises = {}  # line -> its comma raises, left to right (the findings on a line come in that order)
    for statement in statements(tree):
        if isinstance(statement, ast.Raise) and statement.lineno in lines and isinstance(statement.exc, ast.Tuple):
            raises.setdefault(statement.lineno, []).append(statement)
    for found in raises.values():
        found.sort(key=lambda statement: statement.col_offset)
    rebound = string_builtins_rebound(tree)
    pairs = exc_info_pairs(tree) if any(len(statement.exc.elts) == 3 for found in raises.values()
                                        for statement in found) else frozenset()
    seen, relabelled = {}, []
    for item in raw:
        line = item[0]
        if item[2] == "old-raise-syntax":
            index = seen[line] = seen.get(line, -1) + 1
            found = raises.get(line, ())  # each finding has its statement; a miss must not stop the check
            why = unknown(found[index], rebound, pairs) if index < len(found) else None
            if why:
                item = (line, item[1], "old-raise-syntax-value-unknown", {"detail": why}, *item[4:])
        relabelled.append(item)
    return relabelled


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def exc_info_pairs(tree: ast.Module) -> frozenset:
    """(line, column) of each `raise E, V, T` (Python 3 spelling) whose E and V are surely the type and value of
    one sys.exc_info() (unknown's pairs): `X[0], X[1]` with X `sys.exc_info()` itself, or a name of the function
    the raise is in bound there only by `X = sys.exc_info()` (or None: its items then fail alike); `t, v` names of
    that function bound only together, at the first two places of `t, v, tb = sys.exc_info()`. No exec or
    execfile in the function (Python 2's may bind its names); sys (or exc_info) imported from the standard
    module where it resolves."""
    found = set()
    stack = [(tree, ())]
    while stack:
        node, chain = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _SCOPES):
                stack.append((child, (*chain, child)))
                continue
            if isinstance(child, ast.Raise) and isinstance(child.exc, ast.Tuple) and len(child.exc.elts) == 3 \
                    and _a_pair(*child.exc.elts[:2], chain, tree):
                found.add((child.lineno, child.col_offset))
            stack.append((child, chain))
    return frozenset(found)


def _a_pair(exc, value, chain, tree) -> bool:
    shape = _pair_shape(exc, value)
    if shape == "items" and isinstance(_item(exc, 0), ast.Call):
        return _exc_info_call(_item(exc, 0), chain, tree) and _exc_info_call(_item(value, 1), chain, tree)
    function = chain[-1] if chain else None
    if not shape or not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or _runs_code(function):
        return False
    if shape == "items":  # `X = sys.exc_info()`, or `X = None`
        return _bound_only(function, _item(exc, 0).id, lambda target, assign: target in assign.targets, True,
                           chain, tree)
    first, second = exc.id, value.id  # `first, second, tb = sys.exc_info()`
    return (_bound_only(function, first, lambda target, assign: _placed(assign, target, 0, second), False,
                        chain, tree)
            and _bound_only(function, second, lambda target, assign: _placed(assign, target, 1, first), False,
                            chain, tree))


def _placed(assign: ast.Assign, target: ast.Name, index: int, other: str) -> bool:
    """`target` is the item `index` of a 3-item target of `assign` whose item 1 - index is the name `other`."""
    return any(isinstance(each, (ast.Tuple, ast.List)) and len(each.elts) == 3 and each.elts[index] is target
               and isinstance(each.elts[1 - index], ast.Name) and each.elts[1 - index].id == other
               for each in assign.targets)


def _bound_only(function, name: str, placed, none_too: bool, chain, tree) -> bool:
    """Is `name` bound in `function` (its own scope), and only by assignments of `sys.exc_info()` whose targets
    hold it where `placed(target, assign)` says (or by `name = None`, `none_too`)?"""
    accepted = set()
    for assign in own_nodes(ast.iter_child_nodes(function)):
        if not isinstance(assign, ast.Assign):
            continue
        none = none_too and isinstance(assign.value, ast.Constant) and assign.value.value is None
        if none or _exc_info_call(assign.value, chain, tree):
            for target in assign.targets:
                for each in (target.elts if isinstance(target, (ast.Tuple, ast.List)) else (target,)):
                    if isinstance(each, ast.Name) and each.id == name \
                            and (target is each if none else placed(each, assign)):
                        accepted.add(id(each))
    bindings = list(scope_bindings(function, name))  # parameters, loops, imports, `del`, globals... too
    return bool(bindings) and all(id(binding) in accepted for binding in bindings)


def _runs_code(function) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("exec", "execfile")
               for node in own_nodes(ast.iter_child_nodes(function)))


def _exc_info_call(node, chain, tree) -> bool:
    """`sys.exc_info()` (or `exc_info()` imported from sys), the name resolving to the standard module's: bound
    only by its import in the innermost function of `chain` binding it, or the module."""
    if not isinstance(node, ast.Call) or node.args or node.keywords:
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "exc_info" and isinstance(func.value, ast.Name):
        name, qualified = func.value.id, "sys"
    elif isinstance(func, ast.Name):
        name, qualified = func.id, "sys.exc_info"
    else:
        return False
    for depth, scope in reversed(list(enumerate(chain))):  # a class's names are not its methods'
        if (depth == len(chain) - 1 or not isinstance(scope, ast.ClassDef)) \
                and any(True for _ in scope_bindings(scope, name)):
            return bound_only_by_import(scope, name, qualified)
    return bound_only_by_import(tree, name, qualified)

"""`raise E, V[, T]`: the shapes whose meaning on Python 2 is known from the spelling alone.

Python 2 raised V itself when V was an instance of E, built `E(*V)` when V was a tuple and `E()` when V was None,
raised E itself when E was an instance (V None), and `E(V)` only otherwise. So `raise E(V)` is exact only when E
is a class and V is none of those: a string or number (a `%`-format or `+` of strings, repr(), str()), a tuple display (its
items are the arguments) or None (no argument). check reports the other shapes as
old-raise-syntax-value-unknown and fix leaves them (rules/py3k/syntax_fix.py reads the same function). In the
3-argument form `six.reraise(E, V, T)` is Python 2's own statement, V passed as it is; only the value fix
builds (from a string, a tuple or None) needs E to be a class.

The statement is read in its Python 3 spelling, `raise (E, V[, T])` (py2syntax, py2tokens).
"""
from __future__ import annotations

import ast

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


def message(value, rebound=frozenset()) -> bool:
    """A value that is certainly neither an exception, a tuple nor None: a string or a number."""
    return _text(value, rebound) or _number(value)


def _built(value, rebound=frozenset()) -> bool:
    """A value Python 2 turned into E's arguments by its shape: None, a tuple display, a string or a number."""
    return (isinstance(value, ast.Constant) and value.value is None or isinstance(value, ast.Tuple)
            or message(value, rebound))


def _shown(node) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def unknown(node: ast.Raise, rebound=frozenset()) -> str | None:
    """Why the meaning of `raise E, V[, T]` (node: its Python 3 spelling) is not known from its shape; None when
    it is. `rebound`: string_builtins_rebound of the module (check's relabel reads it; fix rewrites only the
    statements check reports as old-raise-syntax)."""
    exc, value, *traceback = node.exc.elts
    if traceback and not _built(value, rebound):
        return None  # six.reraise(E, V, T) passes V as it is: Python 2's own statement
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
    seen, relabelled = {}, []
    for item in raw:
        line = item[0]
        if item[2] == "old-raise-syntax":
            index = seen[line] = seen.get(line, -1) + 1
            found = raises.get(line, ())  # each finding has its statement; a miss must not stop the check
            why = unknown(found[index], rebound) if index < len(found) else None
            if why:
                item = (line, item[1], "old-raise-syntax-value-unknown", {"detail": why}, *item[4:])
        relabelled.append(item)
    return relabelled

"""The builtins module, its namespace and copies of it, as a module binds them: the names an import binds to the
module (import_names: rules/py3k/builtin_uses.py's aliases), a copy of its namespace (builtins_copy: `SAFE =
dict(vars(__builtin__))`, which holds eval; rules/py3k/division.py), the module-level names bound to any of them
(module_bindings: what the project index keeps of each module, tryout27 #2) and the places a module reaches such a
name of another module of the project (copy_references), where eval taken from it compiles its string under this
module's future imports."""
from __future__ import annotations

import ast
import re

from diracmod.source import module_nodes

# `__builtin__` (Python 2), `builtins` (Python 3), `__builtins__` (CPython's name for that module, or its dict, in
# every module), `six.moves.builtins`: in a text, where no name bound to the module is known
NAMES = re.compile(r"(?<!\w)(?:__builtins?__|builtins)(?!\w)")
_IMPORTED = frozenset({"__builtin__", "builtins"})
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def import_names(node) -> list:
    """The names the import `node` binds to the builtins module: `import __builtin__`, `import builtins as b`, `import
    six.moves.builtins as b` (without `as` that binds six: tryout27 #3), `from six.moves import builtins [as b]`."""
    if isinstance(node, ast.Import):
        return [alias.asname or alias.name for alias in node.names
                if alias.name in _IMPORTED or alias.asname and alias.name == "six.moves.builtins"]
    if isinstance(node, ast.ImportFrom) and node.module == "six.moves" and not node.level:
        return [alias.asname or alias.name for alias in node.names if alias.name == "builtins"]
    return []


def namespace_copy(node):
    """What `node` copies into a dict, or None: the argument of `dict(x)` or `d.update(x)`, the `x` of `x.copy()`.
    Of the builtins' namespace (`SAFE = dict(vars(__builtin__))`, `__builtin__.__dict__.copy()`,
    `ns.update(__builtins__)`), the copy holds eval: `SAFE['eval'](expr)` is not seen (tryout26 #2)."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id == "dict" or isinstance(func, ast.Attribute) and func.attr == "update":
        return node.args[0] if len(node.args) == 1 else None
    return func.value if isinstance(func, ast.Attribute) and func.attr == "copy" and not node.args else None


def names_builtins(owner, aliases) -> bool:
    """Does the expression `owner` name the builtins module or its namespace: a name of `aliases` (bound to either)
    in it, or one of NAMES (`six.moves.builtins`, `sys.modules["__builtin__"]`, `vars(__builtins__)`)?"""
    return any(isinstance(name, ast.Name) and name.id in aliases for name in ast.walk(owner)) \
        or bool(NAMES.search(ast.unparse(owner)))


def builtins_copy(node, aliases) -> bool:
    """Is `node` a copy of the builtins' namespace (namespace_copy of what names_builtins)?"""
    copied = namespace_copy(node)
    return copied is not None and names_builtins(copied, aliases)


def module_bindings(tree: ast.Module) -> frozenset:
    """The names the module binds at its top level (not in a def or class) to the builtins module (an import of it,
    `B = __builtin__`, `B = six.moves.builtins`), its namespace (`NS = vars(__builtin__)`, `__builtin__.__dict__`)
    or a copy of it (builtins_copy: `SAFE = dict(vars(__builtin__))`, `SAFE.update(vars(__builtin__))`), or to one
    of those names: another module importing one reaches eval through it (tryout27 #2)."""
    level = list(_top_level(tree.body))
    bound = {name for node in level for name in import_names(node)}
    size = -1
    while size != len(bound):
        size = len(bound)
        aliases = frozenset(bound | {"__builtins__"})
        for node in level:
            if isinstance(node, ast.Assign) and (
                    _builtins_value(node.value, aliases) or builtins_copy(node.value, aliases)):
                bound.update(target.id for target in node.targets if isinstance(target, ast.Name))
            elif isinstance(node, ast.Expr) and builtins_copy(node.value, aliases) \
                    and isinstance(node.value.func, ast.Attribute) and isinstance(node.value.func.value, ast.Name):
                bound.add(node.value.func.value.id)  # `SAFE.update(vars(__builtin__))`
    return frozenset(bound)


def _top_level(body):
    """The statements of a module's top level, those inside its if, try, with and loop statements too."""
    for node in body:
        yield node
        if not isinstance(node, _DEFS):
            for field in ("body", "orelse", "handlers", "finalbody"):
                yield from _top_level(getattr(node, field, ()))


def _builtins_value(value, aliases) -> bool:
    """The builtins module (a name of `aliases`, `six.moves.builtins`) or its namespace (`vars(b)`, `b.__dict__`)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "vars" \
            and len(value.args) == 1:
        value = value.args[0]
    elif isinstance(value, ast.Attribute) and value.attr == "__dict__":
        value = value.value
    return isinstance(value, ast.Name) and value.id in aliases or _dotted(value) == "six.moves.builtins"


def copy_references(tree: ast.Module, copies) -> dict:
    """id -> node of each import or attribute of the module reaching a name another module of the project binds to
    the builtins module, its namespace or a copy of it (`copies`: "module key.name", ProjectIndex.builtins_copies,
    the module matched by the last component of its dotted name, as the index names it): `from safeenv import SAFE`
    (absolute, implicit relative or explicit relative alike: `from .safeenv import SAFE`, `from . import SAFE`, any
    module then), `from safeenv import *`, and `safeenv.SAFE` after `import safeenv`, `import pkg.safeenv [as s]`,
    `from pkg import safeenv`. Any of them counts, however the name is used then (handed on, aliased: the module's
    own copy counts where it is made, too)."""
    by_module: dict = {}
    for qualified in copies:
        key, name = qualified.split(".")
        by_module.setdefault(key, set()).add(name)
    names = set().union(*by_module.values()) if by_module else set()
    found, modules = {}, {}  # modules: how the module spells an imported module holding copies -> its key
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom)):
        if isinstance(node, ast.ImportFrom):
            key = node.module.split(".")[-1] if node.module else None
            held = by_module.get(key, ()) if key is not None else names
            if any(alias.name in held or alias.name == "*" and key in by_module for alias in node.names):
                found[id(node)] = node
        modules.update((alias.asname or alias.name, alias.name.split(".")[-1]) for alias in node.names
                       if alias.name.split(".")[-1] in by_module)
    if modules:
        for node in module_nodes.of_kind(tree, ast.Attribute):
            if node.attr in names and node.attr in by_module.get(modules.get(_dotted(node.value)), ()):
                found[id(node)] = node
    return found


def _dotted(node) -> str | None:
    """`a.b.c` for a chain of attributes of a name, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None

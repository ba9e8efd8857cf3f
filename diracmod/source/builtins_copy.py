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
from diracmod.source.scopes import name_reads

# `__builtin__` (Python 2), `builtins` (Python 3), `__builtins__` (CPython's name for that module, or its dict, in
# every module), `six.moves.builtins`: in a text, where no name bound to the module is known
NAMES = re.compile(r"(?<!\w)(?:__builtins?__|builtins)(?!\w)")
_IMPORTED = frozenset({"__builtin__", "builtins"})
# the modules `from M import eval` takes the builtin from (not relative)
BUILTINS_MODULES = ("__builtin__", "builtins", "six.moves.builtins")
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Python 2 compiles the code these are given under the calling module's future imports; its builtin input() too:
# eval(raw_input()) compiled with the caller's flags (PyEval_MergeCompilerFlags), so `7/2` typed in gives 3.5 under
# division. input reads an expression, as eval does: no print statement, no import there (rules/py3k/division.py).
RUNNERS = ("eval", "exec", "execfile", "compile", "input")
# those a module may bind itself (Storm's `compile = Compile()`, imported as `from storm.expr import compile`, a
# `def compile`, a parameter): not `exec`, a keyword of Python 2 (tryout20b #5)
REBINDABLE = frozenset(RUNNERS) - {"exec"}
# one of them (but exec, a keyword of Python 2) as a value: after `=`, `,`, a bracket, `:` or return, yield, lambda, an
# operator word, and neither called nor an attribute's owner (`= eval`, `{"e": eval}`, `staticmethod(eval)`, `return
# eval`): a file without one binds none to a name of its own (module_bindings; the gate of a parse)
RUNNER_VALUES = re.compile(rb"(?:[=,(\[{:]|(?<![\w.])(?:return|yield|or|and|else|if|lambda))[ \t]*"
                           rb"(?:eval|execfile|compile|input)(?!\w)(?!\s*[(.])")


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


def builtins_runner(node, aliases: frozenset):
    """Which function of RUNNERS `node` takes from the builtins module (`b.eval`, `getattr(b, "eval")`,
    `b.__dict__["eval"]`, a copy of its namespace: `dict(vars(b))`; `aliases`: names bound to the module or its
    namespace): its name, None for a key that is no literal or a copy, "" for none."""
    if isinstance(node, ast.Attribute):
        owner, key = node.value, ast.Constant(node.attr)
    elif isinstance(node, ast.Subscript):
        owner, key = node.value, node.slice
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
            and len(node.args) >= 2:
        owner, key = node.args[:2]
    elif (copied := namespace_copy(node)) is not None:
        owner, key = copied, None
    else:
        return ""
    if isinstance(key, ast.Constant) and not (isinstance(key.value, str) and key.value in RUNNERS):
        return ""
    return ("" if not names_builtins(owner, aliases) else key.value if isinstance(key, ast.Constant) else None)


def runner_value(node, called) -> bool:
    """Is `node` a function of RUNNERS taken as a value by its name (`ev = eval`, `{"e": eval}`, `return eval`,
    `staticmethod(eval)`): a name read that is not the function of a call (`called`: the ids of those)?"""
    return isinstance(node, ast.Name) and node.id in RUNNERS and isinstance(node.ctx, ast.Load) \
        and id(node) not in called


def module_bindings(tree: ast.Module) -> frozenset:
    """The names the module binds at its top level (not in a def or class) to the builtins module (an import of it,
    `B = __builtin__`, `B = six.moves.builtins`), its namespace (`NS = vars(__builtin__)`, `__builtin__.__dict__`)
    or a copy of it (builtins_copy: `SAFE = dict(vars(__builtin__))`, `SAFE.update(vars(__builtin__))`), or to one
    of those names (a tuple or list target's names paired with the value's items, _paired: tryout29 #11): another
    module importing one reaches eval through it (tryout27 #2). And those it binds to a value naming a function of
    RUNNERS, by its name or through those (runner_bindings, tryout28 #3, tryout29 #2)."""
    level = list(_top_level(tree.body))
    bound = {name for node in level for name in import_names(node)}
    size = -1
    while size != len(bound):
        size = len(bound)
        aliases = frozenset(bound | {"__builtins__"})
        for node in level:
            if isinstance(node, ast.Assign):  # `B, x = __builtin__, 1` too (_paired)
                bound.update(target.id for whole in node.targets for target, value in _paired(whole, node.value)
                             if isinstance(target, ast.Name)
                             and (_builtins_value(value, aliases) or builtins_copy(value, aliases)))
            elif isinstance(node, ast.Expr) and builtins_copy(node.value, aliases) \
                    and isinstance(node.value.func, ast.Attribute) and isinstance(node.value.func.value, ast.Name):
                bound.add(node.value.func.value.id)  # `SAFE.update(vars(__builtin__))`
    aliases = frozenset(bound | {"__builtins__"})
    if runner_bindings(level, set(), aliases):  # the scopes are walked only where a value names one
        bound |= runner_bindings(level, own_reads(tree, REBINDABLE), aliases)
    return frozenset(bound)


def runner_bindings(level, not_builtin, aliases: frozenset) -> set:
    """The names the module's top level statements `level` bind to a value that names a function of RUNNERS, not
    called (runner_value, as rules/py3k/division.py sees the module's own alias: `evaluate = eval`, `TOOLS = {"eval":
    eval}`, `RUN = [eval]`, `Engine.run = staticmethod(eval)`: Engine) or takes one from the builtins module
    (builtins_runner, `aliases`: names bound to the module or its namespace; `evaluate = __builtin__.eval`,
    `getattr(b, "eval")`, `vars(b)["eval"]`, `from __builtin__ import eval as evaluate`: tryout29 #2), to a def
    returning one (`def make(): return eval`), to a class whose body binds one (`run = staticmethod(eval)`), or to
    one of those names (`ev = evaluate`); a tuple or list target's names paired with the value's items (_paired:
    `ev, other = eval, 1` binds ev alone): another module calling it compiles the string under its own future
    imports. `not_builtin`: ids of the reads that are no builtin (own_reads: `def compile`, a parameter, a local
    `input = ...`)."""
    found: set = set()
    size = -1
    while size != len(found):
        size = len(found)
        for node in level:
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None \
                    and _names_runner(node.value, not_builtin, found, aliases):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found.update(_base_name(target) for whole in targets for target, value in _paired(whole, node.value)
                             if value is node.value or _names_runner(value, not_builtin, found, aliases))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    isinstance(sub, (ast.Return, ast.Yield)) and sub.value is not None
                    and _names_runner(sub.value, not_builtin, found, aliases) for sub in ast.walk(node)):
                found.add(node.name)
            elif isinstance(node, ast.ClassDef) and runner_bindings(node.body, not_builtin, aliases):
                found.add(node.name)
            elif isinstance(node, ast.ImportFrom) and node.module in BUILTINS_MODULES and not node.level:
                found.update(alias.asname or alias.name for alias in node.names if alias.name in RUNNERS)
    return found - {None}


def own_reads(tree, names) -> set:
    """id of each read of one of `names` (of REBINDABLE) that is no builtin: the scope it is read in (or one around
    it) binds it before (a module or class body) or anywhere (a function): `from storm.expr import compile`,
    `compile = Compile()`, `def compile(...)`, a parameter (Storm's handlers `def compile_insert(compile, insert,
    state)`: tryout20b #5). A parameter's default is read around the def: `def run(s, eval=eval)` takes the builtin
    as a value there. The builtin handed in by another module's call is README's known limit. A name some function
    declares global is the builtin until that function ran: every read of it stays one (and `from __builtin__
    import compile` is reported as the import)."""
    if not names:
        return set()
    reads, declared_global = name_reads(tree, names)
    return {id(node) for node, scope in reads if node.id not in declared_global
            and not scope.resolves_to_builtin(node.id, frozenset(), node.lineno)}


def _names_runner(value, not_builtin, found, aliases) -> bool:
    """Does the expression `value` name a function of RUNNERS (runner_value; not a read of `not_builtin`), take one
    from the builtins module, not called (builtins_runner: `__builtin__.eval`, not `__builtin__.eval(s)`; not
    exec, which Python 2's builtins do not hold: six's `exec_ = getattr(moves.builtins, "exec")` is Python 3's), or
    name a name of `found`?"""
    called = {id(node.func) for node in ast.walk(value) if isinstance(node, ast.Call)} | not_builtin
    return any(runner_value(node, called) or isinstance(node, ast.Name) and node.id in found
               or id(node) not in called and builtins_runner(node, aliases) not in ("", "exec")
               for node in ast.walk(value))


def _paired(target, value):
    """(target, value) of an assignment's target, or of each target within its tuple or list displays, at any depth,
    paired with the value's item where the value is a display of as many items, none starred (`ev, other = eval, 1`:
    ev alone takes eval; tryout29 #11), else with the whole value (`a, b = pair`: each may take it)."""
    if not isinstance(target, (ast.Tuple, ast.List)):
        yield target, value
        return
    paired = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) and not any(
        isinstance(item, ast.Starred) for item in target.elts + value.elts)
    for at, item in enumerate(target.elts):
        yield from _paired(item.value if isinstance(item, ast.Starred) else item, value.elts[at] if paired else value)


def _base_name(target):
    """The name an assignment's target binds or changes: `x`, `x.attr`, `x[key]` (x), None for other targets."""
    while isinstance(target, (ast.Attribute, ast.Subscript)):
        target = target.value
    return target.id if isinstance(target, ast.Name) else None


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

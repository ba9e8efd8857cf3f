"""An import hook taking four arguments (tryout17b #1): Python 2 compiles an import statement under `from __future__
import absolute_import` (the `from __future__ import ...` line itself too) to call `__import__(name, globals,
locals, fromlist, 0)`, five arguments, where without it the call has four. A py2-era replacement of the builtin
`__import__` defined with four parameters (`def hook(name, globals, locals, fromlist)`, RestrictedPython's tests'
minimal_import) then raises TypeError in every module fix gave absolute_import: fix adds it nowhere in a run whose
project installs one (ProjectIndex.import_hook; rules/py3k/imports.py, import_hook_left). Read with the file's other
facts (_facts): a bytes scan (a file naming `__import__` in a write: `.__import__ =`, `.__import__] =`,
`['__import__'] =`, `'__import__':`, `setattr(b, '__import__', f)`, `__import__=f`, `(b.__import__, y) =`), then the
tree of such a file; a function it installs imported from another module (_hook_imports) is looked up in that
module's file, read only then (_imported_hook)."""
from __future__ import annotations

import ast
import keyword
import os
import re

from diracmod.source import module_nodes
from diracmod.source.parse import parse
from diracmod.source.project_index.scan import module_key, _tree
from diracmod.source.reader import SourceError, read_regular


# (and a string ending in `__import__` closing a call: `mock.patch('__builtin__.__import__') as imp`)
_HOOK_WRITE = re.compile(rb"__import__(?:['\"][ \t]*\)|['\"]?[ \t]*[\])]*[ \t]*(?:[-+*/%&|^]?=(?!=)|:|,))")
# what reads `__import__` by its name written out (any other call handed `'__import__'` or a dotted name ending in it
# writes it, the argument after it or a `new=` keyword the value: setattr(b, '__import__', f), `b.__dict__.
# __setitem__('__import__', f)`, `.setdefault('__import__', f)`, `mock.patch('__builtin__.__import__', f)`,
# `patch.object(__builtin__, '__import__', f)`, `monkeypatch.setattr('builtins.__import__', f)`: tryout20 #4)
_HOOK_READERS = frozenset({"getattr", "hasattr", "delattr", "get", "pop", "__getitem__", "__getattribute__",
                           "__delitem__", "__delattr__", "__contains__", "index", "count", "startswith", "endswith"})


def _hook_line(data: bytes) -> str:
    """import_hook_setting's answer on a file's bytes: its tree read only where they name `__import__` and
    write it."""
    tree = _tree(data) if b"__import__" in data and _HOOK_WRITE.search(data) else None
    return four_argument_hook(tree) if tree is not None else ""


def _hook_imports(data: bytes) -> tuple:
    """(module key, function name, `line (how)`) of each write of `__import__` (_hook_writes) whose value is a
    function the module imports (`from hooks import minimal_import [as mi]`, `import hooks` then
    `hooks.minimal_import`): the project index reads that module's def (_imported_hook; tryout21, README's former
    limit "a hook imported from another module"). Read on the tree _hook_line parses, where it does."""
    tree = _tree(data) if b"__import__" in data and _HOOK_WRITE.search(data) else None
    if tree is None:
        return ()
    imported, modules = {}, {}  # bound name -> (module key, name); bound name -> module key
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            if isinstance(node, ast.ImportFrom) and node.module:
                imported[alias.asname or alias.name] = (node.module.rsplit(".", 1)[-1], alias.name)
            if isinstance(node, ast.ImportFrom):  # `from pkg import hooks` (a module, maybe)
                modules[alias.asname or alias.name] = alias.name
            else:
                modules[alias.asname or alias.name.split(".")[0]] = alias.name.rsplit(".", 1)[-1] \
                    if alias.asname else alias.name.split(".")[0]
    found = []
    for node, value in _hook_writes(tree):
        if isinstance(value, ast.Name) and value.id in imported:
            key, name = imported[value.id]
        elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id in modules:
            key, name = modules[value.value.id], value.attr
        else:
            continue
        found.append((key, name, f"{node.lineno} (`{_clipped(value)}`, installed as `__import__`"))
    return tuple(found)


def _imported_hook(files: list, root: str, hook_imports: list) -> str:
    """`path:line (how)` of the first of `hook_imports` ((module key, function name, relative path, `line (how)`)
    of the project's installs of an imported function as `__import__`) whose function a module of the project of
    that key defines at its top level unable to take five positional arguments (fewer than five parameters, no
    `*args`), "". Only the files of those keys are read (most projects install none)."""
    keys = {key for key, _, _, _ in hook_imports}
    defined: dict = {}  # (module key, name) -> (relative path, line, positional parameters)
    for path in files:
        key = module_key(path)
        if key not in keys or not path.endswith(".py"):
            continue
        try:
            tree = parse(read_regular(path, 10_000_000).decode("latin-1")).tree
        except SourceError:
            continue
        for node in tree.body if tree is not None else ():
            if isinstance(node, ast.FunctionDef) and node.args.vararg is None:
                taken = len(node.args.posonlyargs + node.args.args)
                if taken < 5:
                    defined.setdefault((key, node.name), (os.path.relpath(path, root), node.lineno, taken))
    for key, name, relative, where in hook_imports:
        if (key, name) in defined:
            path, line, taken = defined[key, name]
            return f"{relative}:{where}, defined at {path}:{line}, takes at most {taken} positional arguments)"
    return ""


def four_argument_hook(tree: ast.Module) -> str:
    """`line (how)` of the module's first write of the builtin `__import__` (`__builtin__.__import__ = hook`,
    `builtins.__import__ = hook`, `old, __builtin__.__import__ = __builtin__.__import__, hook`, a list display
    or nested tuple target, `__builtins__['__import__'] = hook`, a `'__import__': hook` dict entry, `setattr(
    __builtin__, '__import__', hook)`, `__builtin__.__dict__.__setitem__('__import__', hook)`,
    `dict(__import__=hook)`) whose value is a function of the module (a def or lambda, by the name written or a
    method by its attribute's name) that cannot take five positional arguments: fewer than five parameters (self not
    counted for a method), no `*args`. Else (tryout19 #6 #17) the first write of `__import__` in any of those
    spellings, whatever its value (a parameter, `functools.partial(hook)`, a dict item, the builtin restored), in a
    module that defines a function shaped like a four-argument `__import__` which may reach it: exactly four
    positional parameters (self not counted), no `*args`, handed on as a value (_shaped: tryout20 #20). A value that
    is a function of the module taking `*args` or five positional arguments is harmless. A string naming `__import__`
    (`'__import__'`, `'__builtin__.__import__'`) handed to any call but a reader's (getattr...) is a write too
    (`mock.patch('__builtin__.__import__', hook)`, `patch.object(__builtin__, '__import__', hook)`: tryout20 #4).
    "" for none."""
    functions: dict = {}
    for node in module_nodes.of_kind(tree, (ast.FunctionDef, ast.ClassDef)):
        if isinstance(node, ast.FunctionDef):
            functions.setdefault(node.name, []).append((node.args, 0))
        else:
            for method in node.body:
                if isinstance(method, ast.FunctionDef):
                    static = any(getattr(d, "id", "") == "staticmethod" for d in method.decorator_list)
                    functions.setdefault("." + method.name, []).append((method.args, 0 if static else 1))
    found, installs = [], []
    for node, value in _hook_writes(tree):
        signatures = []
        if isinstance(value, ast.Lambda):
            signatures, name = [(value.args, 0)], "a lambda"
        elif isinstance(value, ast.Name):
            signatures, name = functions.get(value.id, []), f"`{value.id}`"
        elif isinstance(value, ast.Attribute):
            signatures, name = functions.get("." + value.attr, []), f"`{ast.unparse(value)}`"
        if not signatures:  # a value the module does not show (a parameter, a call's result, the builtin restored)
            installs.append((node.lineno, f"`{_clipped(value)}`" if value is not None else "a value"))
            continue
        taken = [len(args.posonlyargs + args.args) - bound for args, bound in signatures if args.vararg is None]
        if taken and min(taken) < 5:
            found.append((node.lineno, f"{name}, installed as `__import__`, takes at most {min(taken)} "
                                      "positional arguments"))
        # else a function taking `*args` or five positional arguments: harmless (tryout20 #20)
    if found:
        line, how = min(found)
        return f"{line} ({how})"
    shaped = _shaped(tree, functions) if installs else ""
    line, installed = min(installs) if installs else (0, "")
    return f"{line} ({shaped}, and the module installs {installed} as `__import__` here, which may be it)" \
        if shaped else ""


def _clipped(value) -> str:
    """An installed value's source, clipped to 60 characters (the note's)."""
    text = " ".join(ast.unparse(value).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _hook_writes(tree: ast.Module):
    """(node, value or None) of each write of `__import__` as an attribute or an item (not a module global, which
    import statements do not read): an assignment's or an augmented assignment's target ending in `__import__` (in
    a tuple or list target at any depth: the value paired where the displays match), a `'__import__':` dict key,
    an `__import__=` keyword, a `'__import__'` string handed to setattr, `__setitem__`, setdefault."""
    for node in module_nodes.of_kind(tree, (ast.Assign, ast.AugAssign, ast.Dict, ast.Call)):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                yield from ((node, value) for target, value in _hook_pairs(target, node.value)
                            if _names_import(target))
        elif isinstance(node, ast.AugAssign):
            if _names_import(node.target):
                yield node, None
        elif isinstance(node, ast.Dict):
            yield from ((node, value) for key, value in zip(node.keys, node.values)
                        if isinstance(key, ast.Constant) and key.value == "__import__")
        else:
            yield from ((node, keyword.value) for keyword in node.keywords if keyword.arg == "__import__")
            setter = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if setter not in _HOOK_READERS:
                new = next((keyword.value for keyword in node.keywords if keyword.arg == "new"), None)
                yield from ((node, following or new) for argument, following in zip(node.args, node.args[1:] + [None])
                            if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                            and (argument.value == "__import__" or argument.value.endswith(".__import__")))


def _hook_pairs(target, value):
    """(target, value or None) of an assignment's target and each target within its tuple or list displays, at any
    depth, the value paired where it is a display of as many items (`old, __builtin__.__import__ =
    __builtin__.__import__, hook`, the save-and-install idiom; tryout18 #6; `[old, b.__import__] = [_orig, hook]`,
    `old, (b.__import__, y) = _orig, (hook, 1)`: tryout19 #17)."""
    yield target, value
    if isinstance(target, (ast.Tuple, ast.List)):
        paired = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts)
        for at, item in enumerate(target.elts):
            yield from _hook_pairs(item.value if isinstance(item, ast.Starred) else item,
                                   value.elts[at] if paired else None)


def _shaped(tree: ast.Module, functions: dict) -> str:
    """"`name` takes four positional arguments..." for the module's first function (def, method, lambda) shaped like
    a four-argument `__import__`: exactly four positional parameters (self not counted for a method), no `*args`,
    that may reach an install whose value the module does not show (tryout20 #20): a def or method whose name the
    module hands on as a value (not only calls it: `install(h=hook)`, `functools.partial(hook)`, `{'x': hook}`,
    `return hook`, `self.hook`), names in a string (`getattr(self, 'hook')`, `globals()['hook']`) or decorates, a
    `__call__` (an instance installed), any lambda; ""."""
    handed = _handed_on(tree, functions) if functions else set()
    for name, signatures in functions.items():
        if name in handed and any(args.vararg is None and len(args.posonlyargs + args.args) - bound == 4
                                  for args, bound in signatures):
            return f"`{name.lstrip('.')}` takes four positional arguments and is handed on as a value"
    lambdas = [node for node in module_nodes.of_kind(tree, ast.Lambda)
               if node.args.vararg is None and len(node.args.posonlyargs + node.args.args) == 4]
    return f"a lambda of line {lambdas[0].lineno} takes four positional arguments" if lambdas else ""


def _handed_on(tree: ast.Module, functions: dict) -> set:
    """The keys of `functions` (a def's name, "." + a method's) the module may hand on as a value (_shaped)."""
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    handed = {".__call__"} & functions.keys()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and id(node) not in called and node.id in functions:
            handed.add(node.id)
        elif isinstance(node, ast.Attribute) and id(node) not in called and "." + node.attr in functions:
            handed.add("." + node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            handed.update(key for key in (node.value, "." + node.value) if key in functions)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            handed.update(key for key in (node.name, "." + node.name) if key in functions)
    return handed


def _names_import(target) -> bool:
    """`x.__import__` or `x['__import__']` (an assignment's target)."""
    if isinstance(target, ast.Attribute):
        return target.attr == "__import__"
    return isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
        and target.slice.value == "__import__"

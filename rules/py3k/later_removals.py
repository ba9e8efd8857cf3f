"""Standard library modules and module attributes that a Python 3 later than 3.0 removed (imp, distutils,
xml.etree.cElementTree, collections.Mapping, time.clock, base64.encodestring...): the table is
diracmod/source/stdlib_moves.toml's (modules with `removed`, attributes_removed_later). pylint --py3k knows
only 3.0's removals. An import that is a fallback (imports.fallback_import: in a try with an except clause, or
under if) is left, as bad-python3-import leaves it: `try: import cElementTree` / `except ImportError:` runs; but
not in the branch of a version guard that only Python 3 runs (`if six.PY3:`): that is Python 3's code.
Also three calls of functions Python 3 keeps that it no longer accepts: json's `encoding=` argument, array's 'c'
typecode and hmac.new without digestmod (Python 2's default, MD5, is gone in 3.8). And open mode 'U' (gone in 3.11:
open-universal-newlines-mode), which fix leaves: no hybrid spelling is a rename."""
from __future__ import annotations

import ast

from diracmod.rules.py3k.imports import fallback_import
from diracmod.source import guards
from diracmod.source.tables import REMOVED_LATER_ATTRIBUTES, REMOVED_LATER_MODULES

_ATTRIBUTE_NAMES = frozenset(name for names in REMOVED_LATER_ATTRIBUTES.values() for name in names)
# json.load(s) took `encoding=` until Python 3.9 (ignored since 3.1), json.dump(s) only on Python 2: then TypeError
_JSON_ENCODING_REMOVED = {"json.loads": "3.9", "json.load": "3.9", "json.dumps": "3.0", "json.dump": "3.0"}
_CALLED_NAMES = frozenset({"loads", "load", "dumps", "dump", "array", "new"})


# the openers Python 2 let read with mode 'U' which refuse it from Python 3.11 (ValueError; gzip's and bz2's on every
# Python 3: _REFUSED_BEFORE), by the place of their mode among the positional arguments: the builtins by name
# (where the module binds none), the others by their qualified name
_BUILTIN_OPENERS = frozenset({"open", "file"})  # file(...): fix makes it open(...)
_MODE_AT = {"io.open": 1, "codecs.open": 1, "os.fdopen": 1, "__builtin__.open": 1, "__builtin__.file": 1,
            "builtins.open": 1, "six.moves.builtins.open": 1, "fileinput.input": 4, "fileinput.FileInput": 4,
            "gzip.open": 1, "gzip.GzipFile": 1, "bz2.BZ2File": 1}
_REFUSED_BEFORE = frozenset({"gzip.open", "gzip.GzipFile", "bz2.BZ2File"})
_MODE_PLACES = frozenset(_MODE_AT.values())


def _universal_mode(node: ast.Call):
    """(place, mode) of a string literal holding 'U' given as a mode to `node`: place the positional argument's
    index, or "mode" for the keyword; None for none. Read before the callee, which is asked only then."""
    for keyword in node.keywords:
        if keyword.arg == "mode" and _u_literal(keyword.value):
            return "mode", keyword.value.value
    return next(((at, node.args[at].value) for at in _MODE_PLACES if len(node.args) > at and _u_literal(node.args[at])),
                None)


def _u_literal(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and "U" in node.value


def _report_universal_mode(node: ast.Call, ctx, place, mode: str):
    func = node.func
    if isinstance(func, ast.Name) and func.id in _BUILTIN_OPENERS and ctx.is_builtin(func.id, func.lineno):
        opener = func.id
        at = 1
    else:
        opener = ctx.scope.qualified_name(func)
        at = _MODE_AT.get(opener)
    if at is not None and place in ("mode", at):
        ctx.report("open-universal-newlines-mode", node, mode=repr(mode), opener=opener,
                   version="3" if opener in _REFUSED_BEFORE else "3.11")


def _removed_module(dotted: str):
    """The removed module `dotted` is or lies in (distutils for distutils.core), else None."""
    parts = dotted.split(".")
    return next((".".join(parts[:n]) for n in range(1, len(parts) + 1) if ".".join(parts[:n]) in REMOVED_LATER_MODULES),
                None)


def _report_module(ctx, node, module):
    move = REMOVED_LATER_MODULES[module]
    ctx.report("stdlib-removed-later", node, name=module, version=move["removed"], instead=move["python3"])


def _report_attribute(ctx, node, module, name):
    removed = REMOVED_LATER_ATTRIBUTES[module][name]
    ctx.report("stdlib-removed-later", node, name=f"{module}.{name}", version=removed["removed"],
               instead=removed["python3"])


def _left(node, ctx) -> bool:
    """A fallback import, but for one in the branch of a version guard only Python 3 runs (bottle 0.11 and
    transaction 1.4's `if PY3: from collections import MutableMapping`: ImportError from 3.10, tryout16b)."""
    parent = ctx.parent
    if isinstance(parent, ast.If):
        body, orelse = guards.sides(parent.test, ctx.version_flags)
        if body == guards.PY3 and node in parent.body or orelse == guards.PY3 and node in parent.orelse:
            return False
    return fallback_import(node, ctx)


class LaterRemovalRules:
    @staticmethod
    def visit_Import(node, ctx):
        if _left(node, ctx):
            return
        for alias in node.names:
            module = _removed_module(alias.name)
            if module:
                _report_module(ctx, node, module)

    @staticmethod
    def visit_ImportFrom(node, ctx):
        if node.level or not node.module or _left(node, ctx):
            return
        module = _removed_module(node.module)
        if module:
            _report_module(ctx, node, module)
            return
        for alias in node.names:
            if alias.name in REMOVED_LATER_ATTRIBUTES.get(node.module, ()):
                _report_attribute(ctx, node, node.module, alias.name)
            elif _removed_module(f"{node.module}.{alias.name}"):  # from xml.etree import cElementTree
                _report_module(ctx, node, _removed_module(f"{node.module}.{alias.name}"))

    @staticmethod
    def visit_Attribute(node, ctx):
        if isinstance(node.value, ast.Name) and node.attr in _ATTRIBUTE_NAMES:  # a set lookup before the scopes'
            module = ctx.scope.module_named(node.value.id)
            if node.attr in REMOVED_LATER_ATTRIBUTES.get(module, ()):
                _report_attribute(ctx, node, module, node.attr)

    @staticmethod
    def visit_Call(node, ctx):
        universal = _universal_mode(node) if node.keywords or len(node.args) > 1 else None
        if universal is not None:
            _report_universal_mode(node, ctx, *universal)
        func = node.func
        if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)) not in _CALLED_NAMES:
            return  # a set lookup before the scopes'
        called = ctx.scope.qualified_name(func)
        if called in _JSON_ENCODING_REMOVED and any(keyword.arg == "encoding" for keyword in node.keywords):
            ctx.report("stdlib-removed-later", node, name=f"{called}'s encoding= argument",
                       version=_JSON_ENCODING_REMOVED[called], instead="drop it: Python 3 reads and writes str")
        elif called == "array.array" and node.args and isinstance(node.args[0], ast.Constant) \
                and node.args[0].value == "c":
            ctx.report("stdlib-removed-later", node, name="array's typecode 'c'", version="3.0",
                       instead="typecode 'b' or 'B' with a byte string, or a bytearray")
        elif called == "hmac.new" and len(node.args) < 3 and not any(
                keyword.arg in ("digestmod", None) for keyword in node.keywords):
            ctx.report("stdlib-removed-later", node, name="hmac.new's default digestmod (MD5)", version="3.8",
                       instead="digestmod=hashlib.md5, Python 2's default")

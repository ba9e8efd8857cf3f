"""Which imports of modules Python 3 renamed or removed, and which uses of module attributes it removed,
`diracmod fix` rewrites (rules/py3k/imports_fix.py) and which it leaves for a person: the one place that decides,
for the detectors (imports.py and calls.py report pylint's bad-python3-import / deprecated-*-field|function, or
the DM rule split off it) and for the fixer alike. Pure `ast`: the fixer reads the same module with it.

Fix rewrites only into what the one stdlib-moves table (diracmod/source/stdlib_moves.toml) lists, the same
object on Python 2: a six.moves module, `module.<moved name>` when that is every use of the module (the
module's six.moves stand-in, where it has one, when the name is never used; where six.moves lacks one of the
names read, the import tried and, when it fails, Python 3's module that has them all: urllib.request for
urllib2), a
`from M import ...` whose every name has an importable replacement; a module Python 3 only renamed, six
having no name for it (markupbase), imported under its Python 2 name, else its Python 3 one.
six.string_types is `(basestring,)` on Python 2, another object than types.StringTypes that matches the same
classes only as isinstance/issubclass's class or an `except` clause's: written only there. `string.upper(s)`
becomes `s.upper()` when called with the string as its first argument, `string.join(words[, sep])` becomes
`sep.join(words)`.
A removed or moved attribute the module writes itself (assigned, deleted, setattr()'d, mock.patch()ed:
ModuleUses.patched) is left, the write and the reads (DM409 removed-module-attribute-patched; for a module
renamed whole the import stays, DM141): six's name is not the real module's attribute (tryout8 #13 #14).
"""
from __future__ import annotations

import ast
import functools
import importlib

from diracmod.source import guards, module_nodes
from diracmod.source.scopes import COMPREHENSIONS, FUNCTIONS, SCOPES, Scope, binds, children, stores
from diracmod.source.parse import Parsed
from diracmod.source.project_index.flags import setlocale_names, setlocale_references
from diracmod.source.project_index.reads import read_outside
from diracmod.source.tables import REMOVED_ATTRIBUTES, STDLIB_MOVES
from diracmod.rules.py3k.rebound import rebound_names

# The symbol check reports for a removed attribute of each module, and the DM rule its shapes left for a person
# are reported under.
ATTRIBUTE_SYMBOLS = {"types": "deprecated-types-field", "string": "deprecated-string-function",
                     "itertools": "deprecated-itertools-function", "urllib": "deprecated-urllib-function",
                     "sys": "sys-max-int"}
LEFT = {"bad-python3-import": "bad-python3-import-unmoved",
        "deprecated-types-field": "deprecated-types-field-no-equivalent",
        "deprecated-string-function": "deprecated-string-function-no-equivalent",
        "deprecated-urllib-function": "deprecated-urllib-function-no-equivalent",
        "deprecated-itertools-function": "deprecated-itertools-function-left"}
MODULE_SYMBOL = "bad-python3-import"
JOIN_FUNCTIONS = ("join", "joinfields")  # string.join(words, sep=" ") is sep.join(words)
# string's constants that follow the locale on Python 2 (LC_CTYPE: a single-byte locale adds its letters, 117 in
# de_DE.ISO-8859-1 for 52; a UTF-8 one adds none), and their ascii_* replacements never do (tryout6 #23).
LOCALE_CONSTANTS = ("letters", "lowercase", "uppercase")
# Replacements that are another object on Python 2, matching the same classes only as a class argument.
CLASS_ARGUMENT_ONLY = {"six.string_types"}
# `from UserDict import DictMixin`, alone: Python 3 has no DictMixin; fix tries the import and, where it fails,
# defines DictMixin on collections.abc.MutableMapping with what DictMixin derived from keys() (imports_fix.py).
DICTMIXIN_BASE = "MutableMapping"
# `from rfc822 import ...` of these names: tried as it is and, where rfc822 is gone (Python 3), taken from
# email.utils, whose formatdate writes rfc822's "GMT" with usegmt=True (imports_fix.py). Not its parsedate,
# parsedate_tz and mktime_tz: they answer otherwise (isdst -1 for 0, a date without a zone in UTC for local
# time, two-digit years as 19xx/20xx, "-0000" as no zone, an int for a float), so they are left.
RFC822_IN_EMAIL_UTILS = ("formatdate",)
# itertools.imap(None, a, b) makes tuples (zip's), six.moves.map(None, ...) is Python 3's map, calling None
# (tryout6 #4): the calls of imap with None as the function are left, and a `from itertools import imap` whose name
# is called so.
_NONE_FUNCTION = "{} with None as the function: Python 2's imap makes tuples there, Python 3's map calls None"
# `from new import classobj`: tried as it is and, where `new` is gone (Python 3, where every class is new-style),
# bound to what makes a class there from the same (name, bases, dict) (imports_fix.py).
NEW_ON_PYTHON3 = {"classobj": "type"}


def names(module: str) -> dict:
    return STDLIB_MOVES.get(module, {}).get("names", {})


def importable(replacement: str) -> tuple | None:
    """(module, name) a replacement can be imported as; a builtin from six.moves.builtins; None for an
    expression (`type(None)`)."""
    if not replacement.replace(".", "").replace("_", "").isalnum():
        return None
    module, _, name = replacement.rpartition(".")
    return (module or "six.moves.builtins", name)


@functools.cache
def _python3_names(module: str) -> frozenset:
    """The names Python 3's `module` has (check runs on Python 3: the module is this interpreter's)."""
    return frozenset(dir(importlib.import_module(module)))


def python3_module(move: dict, attributes: list) -> str | None:
    """The module `try: import M / except ImportError:` imports under M's name: the very module Python 3 renamed
    (markupbase), or, for `M.<name>` reads six.moves cannot all spell (urllib2.__version__), Python 3's module
    that has every name read, none of them a module on Python 2 (the table's `fallback`), or, for a module never
    read, Python 3's module for it (the table's `unused`)."""
    if "renamed" in move:
        return move["renamed"]
    if not attributes and "unused" in move:  # never read here: Python 2 imports the very module as before
        return move["unused"]
    read = {attribute.attr for attribute in attributes}
    fallback = move.get("fallback")
    if (fallback and read - set(move.get("names", {})) and read <= _python3_names(fallback)
            and not read & set(move.get("python2_modules", ()))):  # urllib2.urlparse: a module, a function there
        return fallback
    return None


def dead_fallback(uses: ModuleUses, node: ast.Try, text: str, read: dict | None = None) -> bool:
    """Is `node` the import fallback pair `try: import cStringIO as sio / except ImportError: import StringIO as
    sio` and nothing else (one import of one module each, on lines of their own, binding the same name; one
    handler of ImportError alone; no else, finally, comment), whose try's import fix rewrites into six.moves'
    spelling of the name's reads, removing that import (`sio.StringIO()` -> `six.moves.cStringIO()`)? The
    handler would then bind a name nothing reads, where `import six` fails: a dead fallback that reads as a bug
    (tryout12b #5). fix makes the whole statement the try's rewritten body, as Python 2 ran it, and check reports
    the pair once, at the try's import (the handler's import is no finding of its own)."""
    if node.orelse or node.finalbody or len(node.body) != 1 or len(node.handlers) != 1:
        return False
    handler, tried = node.handlers[0], node.body[0]
    fallback = handler.body[0]
    if not (isinstance(handler.type, ast.Name) and handler.type.id == "ImportError" and handler.name is None
            and len(handler.body) == 1 and isinstance(tried, ast.Import) and isinstance(fallback, ast.Import)
            and len(tried.names) == len(fallback.names) == 1
            and tried.lineno > node.lineno and fallback.lineno > handler.lineno):
        return False
    alias, other = tried.names[0], fallback.names[0]
    bound = alias.asname or alias.name
    move = STDLIB_MOVES.get(alias.name, {})
    if (other.asname or other.name) != bound or not move.get("names") or "module" in move or "renamed" in move:
        return False
    lines = text.splitlines()[node.lineno - 1:node.end_lineno]
    if any("#" in line for line in lines) or import_left(uses, tried, alias, read):
        return False
    return python3_module(move, uses.of(bound, tried)[0]) is None  # not tried: the reads spelled by six.moves


def removed_name(symbol: str, module: str, name: str) -> bool:
    """Is `name` one of the names of `module` the finding `symbol` is about? (operator's div and sys's exc_clear
    are in no ATTRIBUTE_SYMBOLS entry: fix rewrites neither, tryout8b D1.)"""
    return name in REMOVED_ATTRIBUTES.get(symbol, {}).get(module, ())


_LAST: list = [None, None]  # the tree ModuleUses.for_tree was last asked about, and its ModuleUses


class ModuleUses:
    """One module's names as they are used, computed once: the nodes Python takes as classes to match
    (isinstance/issubclass's second argument, an `except` clause's type, the items of a tuple there), and per
    name the attributes read from it and whether it is used other than as `name.attribute`."""

    def __init__(self, tree: ast.Module):
        self.tree = tree
        self._of: dict = {}  # (name, id(statement)) -> of(name, statement)
        self.class_arguments = set()
        self._parents = {}  # of every node but the contexts, operators... (scopes.children): nobody asks theirs
        todo = [tree]
        while todo:  # one walk for both
            node = todo.pop()
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("isinstance", "issubclass") and len(node.args) == 2 and not node.keywords
                    and not any(isinstance(arg, ast.Starred) for arg in node.args)):
                self._add(node.args[1])
            elif isinstance(node, ast.ExceptHandler) and node.type is not None:
                self._add(node.type)
            found = children(node)
            for child in found:
                self._parents[id(child)] = node
            todo += found

    @classmethod
    def for_tree(cls, tree: ast.Module) -> ModuleUses:
        """The ModuleUses of `tree`, the one made last if it was for `tree`: fix's stage 2 (imports_fix.py) reads
        the tree check's detectors (rules/py3k/imports.py) have just read. (One kept: it holds its tree.)"""
        if _LAST[0] is not tree:
            _LAST[:] = [tree, cls(tree)]
        return _LAST[1]

    @functools.cached_property
    def sets_locale(self) -> int:
        """The line of the module's first call of a function named setlocale or resetlocale (`locale.setlocale(...)`,
        a from-imported one, one bound to another name: `from locale import setlocale as set_loc`, tryout17 #7;
        project_index.flags.setlocale_names), or a reference to one handed on or fetched by getattr (tryout18 #19:
        `functools.partial(locale.setlocale, locale.LC_ALL)`; setlocale_references), 0 for none."""
        names = setlocale_names(self.tree)
        return min((*(node.lineno for node in module_nodes.of_kind(self.tree, ast.Call)
                      if (node.func.attr if isinstance(node.func, ast.Attribute)
                          else getattr(node.func, "id", "")) in names), *setlocale_references(self.tree, names)),
                   default=0)

    @functools.cached_property
    def patched(self) -> dict:
        """(module, attribute) -> how the module itself first writes that attribute of that module (tryout8 #13
        #14): assigned, augmented or deleted through a name an `import module [as name]` binds (`urllib.quote =
        myquote`, `del itertools.imap`), `setattr`/`delattr(name, "attribute", ...)` (a pytest monkeypatch's
        too), `patch.object(name, "attribute")`, Twisted's `self.patch(name, "attribute", ...)`, or
        `patch("module.attribute")` / `setattr("module.attribute", ...)`. A rewrite of such a write would patch
        six's name (or, for a renamed attribute, clobber another one) instead of the real module, which the
        standard library and every module not fixed keep calling; a read in the same module must keep seeing
        the patch, which six's cached name does not (it resolved the real module's function at its first use).
        Keyed by the module's name, whichever name reads it. The module is reached through a name an import
        binds, a name assigned one (`s = string`, `t = s`, `u = __import__('urllib')`: every such name, wherever
        it is, whatever else it is bound to: the more names, the more writes left), `sys.modules['string']` or
        `sys.modules.get('string')`, or `__import__('m')`/`importlib.import_module('m')` (tryout10 #2)."""
        imported: dict = {}
        for node in module_nodes.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    imported.setdefault(bound, set()).add(alias.name if alias.asname else bound)

        def module_of(node):  # the names of the modules `node` may be, empty where it is none of them
            if isinstance(node, ast.Name):
                return imported.get(node.id, set())
            key = None
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                holder, key = node.value, node.slice
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                    and node.args:
                holder, key = node.func.value, node.args[0]
            if key is not None:
                return {key.value} if (
                    isinstance(holder, ast.Attribute) and holder.attr == "modules" and isinstance(holder.value, ast.Name)
                    and "sys" in imported.get(holder.value.id, ()) and isinstance(key, ast.Constant)
                    and isinstance(key.value, str)) else set()
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                name = node.args[0].value
                if function == "__import__" or function == "import_module" and not name.startswith("."):
                    return {name.split(".")[0] if function == "__import__" else name}
            return set()

        aliases = [(target.id, node.value) for node in module_nodes.of_kind(self.tree, ast.Assign)
                   for target in node.targets if isinstance(target, ast.Name)]
        grown = True
        while grown:  # `t = s` after `s = string`: until no alias adds a module
            grown = False
            for name, value in aliases:
                modules = module_of(value)
                if not modules <= imported.get(name, set()):
                    imported.setdefault(name, set()).update(modules)
                    grown = True
        found: dict = {}

        def add(modules, attribute, how, line):
            for module in sorted(modules):
                found.setdefault((module, attribute), f"{how} on line {line}")

        def namespace(node):  # `name.__dict__` or `vars(name)` of an imported module: its modules, else empty
            if isinstance(node, ast.Attribute) and node.attr == "__dict__":
                return module_of(node.value)
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars"
                    and len(node.args) == 1):
                return module_of(node.args[0])
            return set()

        for node in _in_order(module_nodes.of_kind(self.tree, (ast.Attribute, ast.Call, ast.Subscript))):
            if isinstance(node, ast.Subscript):  # `string.__dict__['letters'] = ...`, `del vars(m)['x']` (tryout9 #3)
                modules = namespace(node.value) if isinstance(node.ctx, (ast.Store, ast.Del)) else None
                if modules and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                    add(modules, node.slice.value, f"{ast.unparse(node.value)}[{node.slice.value!r}] written",
                        node.lineno)
                continue
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "update", "setdefault", "pop", "__setitem__") and namespace(node.func.value)):
                modules = namespace(node.func.value)  # `.update({'quote': q})`, `.update(quote=q)`: the keys given
                keys = [k.value for a in node.args[:1] if isinstance(a, ast.Dict) for k in a.keys
                        if isinstance(k, ast.Constant) and isinstance(k.value, str)]
                keys += [k.arg for k in node.keywords if k.arg]
                keys += [a.value for a in node.args[:1] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                for key in keys:
                    add(modules, key, f"{ast.unparse(node.func)}({key!r}...)", node.lineno)
                continue
            if isinstance(node, ast.Attribute):
                if isinstance(node.ctx, (ast.Store, ast.Del)) and module_of(node.value):
                    how = "deleted" if isinstance(node.ctx, ast.Del) else "assigned"
                    add(module_of(node.value), node.attr, f"{ast.unparse(node.value)}.{node.attr} {how}", node.lineno)
                continue
            function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0] if node.args and not isinstance(node.args[0], ast.Starred) else None
            second = node.args[1] if len(node.args) > 1 else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and function in (
                    "patch", "setattr") and "." in first.value:  # mock.patch("urllib.quote"), monkeypatch's
                module, _, attribute = first.value.rpartition(".")
                add({module}, attribute, f"{function}({first.value!r})", node.lineno)
            elif (first is not None and module_of(first) and isinstance(second, ast.Constant)
                  and isinstance(second.value, str)
                  and (function in ("setattr", "delattr", "patch") or function == "object" and isinstance(
                      node.func, ast.Attribute) and _last_name(node.func.value) == "patch")):
                add(module_of(first), second.value, f"{function}({ast.unparse(first)}, {second.value!r})",
                    node.lineno)
        return found

    def locale_left(self, module: str, name: str, elsewhere: str = "") -> str:
        """Why fix leaves `module.name` where it is one of string's LOCALE_CONSTANTS and the module sets the
        locale, or another module of the run does (`elsewhere`: where, `path:line`, from the project's index,
        ProjectIndex.sets_locale: Python 2's setlocale updates the string module for the whole process; tryout16
        #13), or "". (A locale set by a module outside the run is not seen: README's limits.)"""
        if module != "string" or name not in LOCALE_CONSTANTS or not (self.sets_locale or elsewhere):
            return ""
        where = f"the module sets (setlocale, line {self.sets_locale})" if self.sets_locale \
            else f"a module of the project sets for the whole process (setlocale, {elsewhere})"
        return f"string.{name} follows the locale on Python 2, which {where}: string.ascii_{name} never does"

    def _add(self, node) -> None:
        self.class_arguments.add(id(node))
        if isinstance(node, ast.Tuple):
            for element in node.elts:
                if not isinstance(element, ast.Starred):
                    self._add(element)

    def of(self, name: str, statement) -> tuple:
        """(attributes read as `name.attribute`, uses of `name` that are no such read) of the binding `statement`
        gives `name`: in its scope and the nested ones that do not bind `name` for themselves (a function's own
        `from StringIO import StringIO` is another name). Another binding of `name` in that scope is such a use
        (rebound: no single module stands behind the name), except the imports of a fallback whose try body is
        `statement` and whose every block imports a module Python 3 does not have (`try: import cStringIO as
        StringIO / except ImportError: import StringIO`): Python 2 runs the try body, and so will Python 3 once
        it is rewritten, so the name's reads are all the try body's."""
        found = self._of.get((name, id(statement)))
        if found is None:
            found = self._of[name, id(statement)] = self._uses(name, statement)
        return found

    def _uses(self, name: str, statement) -> tuple:
        attributes, other = [], []
        for node in self._scope_nodes(self._scope_of(statement), name):
            if isinstance(node, ast.Name) and node.id == name:
                parent = self._parents.get(id(node))
                if isinstance(parent, ast.Attribute) and parent.value is node:
                    attributes.append(parent)
                else:
                    other.append(node)
            elif (binds(node, name) and not self._inside(node, statement)
                  and not self._fallback_of(node, statement)):
                other.append(node)
        return _in_order(attributes), _in_order(other)

    def attribute_reads(self, name: str) -> list:
        """Every `name.attribute` of the module, whichever binding `name` is, in the order of the source."""
        return _in_order([node for node in module_nodes.of_kind(self.tree, ast.Attribute)
                          if isinstance(node.value, ast.Name) and node.value.id == name])

    def _scope_of(self, node):
        while not isinstance(node, SCOPES):
            node = self._parents[id(node)]
        return node

    def _scope_nodes(self, scope, name: str):
        """The nodes of `scope` and of the scopes nested in it where `name` is the same binding as in `scope`:
        a nested function, lambda or comprehension binding `name` itself is left out, but for what runs in
        `scope` (decorators, defaults, the first iterable); a class body binding it is a use (its body reads
        either binding)."""
        pending = children(scope)
        while pending:
            node = pending.pop()
            yield node
            if isinstance(node, SCOPES) and not self._same_binding(node, name, scope):
                pending += _run_outside(node)
            else:
                pending += children(node)

    def _same_binding(self, nested, name: str, scope) -> bool:
        if isinstance(scope, ast.ClassDef) and not isinstance(nested, ast.ListComp):
            return False  # a class body's names are not its nested scopes'
        found = Scope(nested, None)
        if name in found.globals:
            return isinstance(scope, ast.Module)
        # a class body reads either binding; Python 2's list comprehension binds its variables in `scope`
        return isinstance(nested, (ast.ClassDef, ast.ListComp)) or name not in found.names

    def _fallback_of(self, node, statement) -> bool:
        """`node` (an alias) is imported in an except clause of the try whose body holds `statement`, a try
        whose every block imports a module Python 3 does not have."""
        handler = self._parents.get(id(self._parents.get(id(node))))
        attempt = self._parents.get(id(handler))
        return (isinstance(node, ast.alias) and isinstance(handler, ast.ExceptHandler)
                and statement in attempt.body and guards.no_python3_side(attempt))

    def _inside(self, node, statement) -> bool:
        while node is not None:
            if node is statement:
                return True
            node = self._parents.get(id(node))
        return False


def _last_name(node) -> str:
    """`patch` of `patch`, `mock.patch`, `unittest.mock.patch`; "" for anything else."""
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _in_order(nodes: list) -> list:
    return sorted(nodes, key=lambda node: (node.lineno, node.col_offset))


def _run_outside(nested) -> list:
    """What of a nested scope's node its enclosing scope runs: decorators and defaults, a comprehension's
    first iterable."""
    if isinstance(nested, COMPREHENSIONS):
        return [nested.generators[0].iter]
    found = list(getattr(nested, "decorator_list", ()))
    if isinstance(nested, FUNCTIONS):
        found += [*nested.args.defaults, *(d for d in nested.args.kw_defaults if d is not None)]
    return found


def import_left(uses: ModuleUses, statement: ast.Import, alias: ast.alias, read: dict | None = None) -> str:
    """Why fix leaves `import M [as N]` (M renamed or removed by Python 3) for a person, or "" (it rewrites it).
    `read`: what other modules of the project read of this one (ProjectIndex.read_of): an import whose every use
    six.moves spells is removed, which unbinds the module's attribute M that `client.urllib2.urlopen = fake`,
    `mock.patch('client.urllib2.urlopen')` or `from client import *` (no `__all__`) in another module reads
    (tryout16 #6)."""
    move = STDLIB_MOVES.get(alias.name, {})
    bound = alias.asname or alias.name
    if "." in bound:
        return f"`import {bound}`: a dotted name"
    if "module" in move:
        return ""
    if "renamed" in move:  # the import tried, its new name imported when it fails
        return ""
    moved = move.get("names")
    if not moved:
        return f"Python 3 removed {alias.name} and six.moves has no name for it"
    attributes, other = uses.of(bound, statement)
    if other:
        first = other[0]
        if bound in stores(first):
            return f"{bound} is bound again (line {first.lineno}): no single module stands behind the name"
        return f"{bound} is used other than as `{bound}.<name six moved>` (line {first.lineno})"
    unmoved = [attribute for attribute in attributes if attribute.attr not in moved]
    if unmoved and python3_module(move, attributes):  # the import tried, Python 3's module when it fails
        return ""
    patched = next((f"{alias.name}.{attribute} ({how})" for (module, attribute), how in uses.patched.items()
                    if module == alias.name), "")
    if patched:
        return (f"the module patches {patched}: six.moves' name for it is no longer the real module's attribute, "
                "which the standard library and the modules not fixed call")
    modules = [attribute for attribute in unmoved if attribute.attr in move.get("python2_modules", ())]
    if modules:
        return (f"{alias.name}.{modules[0].attr} (line {modules[0].lineno}) is a module on Python 2, another "
                f"object in Python 3's {move['fallback']}, and six.moves has no such name")
    if unmoved:
        return f"six.moves has no {alias.name}.{unmoved[0].attr} (line {unmoved[0].lineno})" + (
            f", nor Python 3's {move['fallback']}" if "fallback" in move else "")
    seen = read_outside(uses.tree, bound, read or {}) if attributes else ""
    if seen:
        return (f"a module of the project may read {bound} of this module ({seen}): the rewrite would "
                f"remove the import, and with it the module's attribute {bound}")
    if attributes or "unused" in move:  # never used: tried, Python 3's module when it fails (stdlib_moves.toml)
        return ""
    return f"{bound} is never used, and six.moves has no one module for {alias.name}"


def import_from_left(uses: ModuleUses, statement: ast.ImportFrom, symbol: str, locale_set: str = "") -> str:
    """Why fix leaves `from M import a, b as c` (M renamed, or with names Python 3 removed: `symbol`), or "".
    `locale_set`: where a module of the run sets the character locale (ModuleUses.locale_left)."""
    module = statement.module
    move = STDLIB_MOVES.get(module, {})
    # the module itself on Python 2 (its names are the same), or the import tried as it is and, when it
    # fails, from the module's new name
    if "module" in move or "renamed" in move:
        return ""
    if statement.names[0].name == "*":
        return f"`from {module} import *`"
    if module == "new":
        other = [alias.name for alias in statement.names if alias.name not in NEW_ON_PYTHON3]
        return f"{module}.{other[0]} has no replacement that imports on both Pythons" if other else ""
    if module == "rfc822":
        other = [alias.name for alias in statement.names if alias.name not in RFC822_IN_EMAIL_UTILS]
        return f"{module}.{other[0]} has no replacement that imports on both Pythons" if other else ""
    if module == "UserDict" and [alias.name for alias in statement.names] == ["DictMixin"]:
        bound = any(binds(node, DICTMIXIN_BASE) or isinstance(node, ast.Name) and node.id == DICTMIXIN_BASE
                    for node in module_nodes.walk(uses.tree))
        return f"the module uses the name {DICTMIXIN_BASE} (the replacement's base)" if bound else ""
    moved = names(module)
    called_with_none = next((alias for alias in statement.names if module == "itertools" and alias.name == "imap"
                             and any(_none_function(uses._parents.get(id(node)), node)
                                     for node in uses.of(alias.asname or alias.name, statement)[1])), None)
    if called_with_none is not None:
        return _NONE_FUNCTION.format(f"{called_with_none.asname or called_with_none.name}(...)")
    for alias in statement.names:
        replacement = moved.get(alias.name)
        if module == "string" and alias.name == "atoi":  # its calls would be int's, without the base (_atoi_left)
            return ATOI_BASE.format(f"`from string import atoi{' as ' + alias.asname if alias.asname else ''}`")
        if replacement and uses.locale_left(module, alias.name, locale_set):
            return uses.locale_left(module, alias.name, locale_set)
        if replacement and importable(replacement):
            local = alias.asname or alias.name
            if replacement in CLASS_ARGUMENT_ONLY and not only_class_argument(uses, local, statement):
                return f"{local} is used other than as a class to match ({replacement} is another object)"
        elif symbol == MODULE_SYMBOL or removed_name(symbol, module, alias.name):
            return f"{module}.{alias.name} has no replacement that imports on both Pythons"
    return ""


def class_types_pair(uses: ModuleUses, node) -> bool:
    """`(type, types.ClassType)` (either order) as a class to match: six.class_types, the same two classes on
    Python 2 (and `(type,)` on Python 3, where every class is a type). `type` the builtin: never bound here.
    `(types.TypeType, types.ClassType)` too, through the same module's name: one rewrite, not `type` first and
    six.class_types at the next run (tryout16b #3)."""
    if not (isinstance(node, ast.Tuple) and id(node) in uses.class_arguments and len(node.elts) == 2):
        return False
    modules = {e.value.id for e in node.elts if isinstance(e, ast.Attribute) and e.attr == "ClassType"
               and isinstance(e.value, ast.Name)}
    builtin = [e for e in node.elts if isinstance(e, ast.Name) and e.id == "type"
               or isinstance(e, ast.Attribute) and e.attr == "TypeType" and isinstance(e.value, ast.Name)
               and e.value.id in modules]
    return len(builtin) == 1 and not any("type" in stores(n) for n in module_nodes.walk(uses.tree))


def only_class_argument(uses: ModuleUses, local: str, statement) -> bool:
    attributes, other = uses.of(local, statement)
    return not attributes and all(id(node) in uses.class_arguments for node in other)


def attribute_left(uses: ModuleUses, node: ast.Attribute, module: str, call: ast.Call | None,
                   locale_set: str = "") -> str:
    """Why fix leaves `module.name` (a name Python 3 removed from `module`) for a person, or "". `call`: the call
    whose function the attribute is, if it is one; `locale_set`: where a module of the run sets the character
    locale (ModuleUses.locale_left)."""
    name = node.attr
    replacement = names(module).get(name)
    if module == "itertools" and name == "imap" and _none_function(call, node):
        return _NONE_FUNCTION.format(f"{module}.{name}(...)")
    if replacement:
        builtin = _builtin_written(replacement)
        if builtin in rebound_names(uses.tree):  # tryout12 #10: `def create(name, type=None)`
            return f"{module}.{name} -> {replacement}: the module binds `{builtin}` itself, which the rewrite would call"
        if module == "string" and name == "atoi" and _atoi_left(call, node):
            return _atoi_left(call, node)
        if uses.locale_left(module, name, locale_set):
            return uses.locale_left(module, name, locale_set)
        if replacement in CLASS_ARGUMENT_ONLY and id(node) not in uses.class_arguments:
            return f"{module}.{name} other than as a class to match ({replacement} is another object on Python 2)"
        return ""
    if module == "types" and name == "ClassType" and class_types_pair(uses, uses._parents.get(id(node))):
        return ""
    plain = call is not None and call.args and not call.keywords and not any(
        isinstance(arg, ast.Starred) for arg in call.args)
    if module == "string" and plain and name in JOIN_FUNCTIONS and len(call.args) == 2 \
            and not _reorderable(*call.args):
        return f"{module}.{name}(words, sep) whose arguments may have side effects: sep.join(words) evaluates sep first"
    if module == "string" and plain and name in JOIN_FUNCTIONS and len(call.args) == 1 \
            and "unicode_literals" in Parsed(uses.tree, "").future:
        return f"{module}.{name}(words) under unicode_literals: \" \".join(words) would be unicode on Python 2"
    if module == "string" and plain and (name in STDLIB_MOVES["string"]["methods"]
                                         or name in JOIN_FUNCTIONS and len(call.args) <= 2):
        return ""
    return f"{module}.{name} has no equivalent on both Pythons"


def _builtin_written(replacement: str) -> str | None:
    """The builtin's name a replacement is spelled with (`int`, `type` of `type(None)`), None for `six.x`."""
    name = replacement.split("(")[0]
    return None if "." in name else name


def _atoi_left(call, function) -> str:
    """Why `string.atoi` (`function`, in `call` if called) cannot become `int`, or "". Python 2's string.atoi(s,
    base=10) is `int(s, base)`: an explicit base, which refuses a number (TypeError) where int(3.7) is 3
    (tryout23 #1); fix writes the base (`int(s, 10)`), so only a call giving the string as its first positional
    argument and nothing but the base besides can be rewritten (string.atof is float() itself)."""
    if not (isinstance(call, ast.Call) and call.func is function):
        return ATOI_BASE.format("string.atoi other than called (int would be called without it)")
    if _number_argument(call, function):
        return ("string.atoi(...) of a number: Python 2 raises TypeError there (it takes a str only), int(...) "
                "would convert it")
    if not call.args or isinstance(call.args[0], ast.Starred) or len(call.args) + len(call.keywords) > 2 or any(
            isinstance(arg, ast.Starred) for arg in call.args) or any(k.arg != "base" for k in call.keywords):
        return ATOI_BASE.format("string.atoi(...) not called with the string and at most the base")
    return ""


ATOI_BASE = ("{}: Python 2's string.atoi passes int() the base (10 by default), which refuses a number where "
             "int(3.7) is 3")


def _number_argument(call, function) -> bool:
    """Is `call` a call of `function` whose first argument is a number literal (`string.atoi(3.7)`, `-2`; tryout7
    #7)?"""
    if not (isinstance(call, ast.Call) and call.func is function and call.args):
        return False
    argument = call.args[0].operand if isinstance(call.args[0], ast.UnaryOp) else call.args[0]
    return isinstance(argument, ast.Constant) and isinstance(argument.value, (int, float, complex))


def _none_function(call, function) -> bool:
    """Is `call` a call of `function` whose first argument is None?"""
    return isinstance(call, ast.Call) and call.func is function and bool(call.args) \
        and isinstance(call.args[0], ast.Constant) and call.args[0].value is None


def _reorderable(first, second) -> bool:
    """May `second` be evaluated before `first` (string.join(words, sep) -> sep.join(words))? Where one is a
    literal, or both are names, literals or attribute reads of names: nothing then runs between them that the
    other could see or do (a call in either may print, or change what the other reads)."""
    return (isinstance(first, ast.Constant) or isinstance(second, ast.Constant)
            or (read_only(first) and read_only(second)))


def read_only(node) -> bool:
    """A literal, a name, or an attribute read of a name: evaluating it runs no code of the module's."""
    return isinstance(node, (ast.Name, ast.Constant)) or (
        isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name))

"""Imports: absolute_import, modules removed in Python 3, removed module attributes, import * placement."""
from __future__ import annotations

import ast
import doctest
import functools
import importlib.machinery
import os
import re
import sys
from importlib import resources

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

from diracmod.core import siblings as siblings_of
from diracmod.core.regular_file import SourceError
from diracmod.rules.py3k.builtin_uses import (class_namespace_binding, exec_in_function, namespace_unseen_binding,
                                               unseen_binding)
from diracmod.rules.py3k.division import module_strings
from diracmod.rules.py3k.moves import (LEFT, MODULE_SYMBOL, ModuleUses, attribute_left, dead_fallback,
                                       import_from_left, import_left)
from diracmod.rules.py3k.rebound import module_rebinding
from diracmod.source import doctest_strings, guards, module_nodes
from diracmod.source.main_block import script_sign
from diracmod.source.parse import parse
from diracmod.source.project_index.hooks import four_argument_hook
from diracmod.source.reader import decode
from diracmod.source.scopes import scope_bindings
from diracmod.source.statements import statements
from diracmod.source.tables import ATTRIBUTES_BY_MODULE, PY2_ONLY_MODULES, STDLIB_MODULES


# Python 2.6+'s module of Python 3's builtins (map, zip, filter as iterators; ascii, hex, oct): no Python 3 has it,
# and pylint --py3k does not report it.
FUTURE_BUILTINS = "future_builtins"
# module -> (symbol, names): the removed attributes no pylint rule lists (tables.REMOVED_ATTRIBUTES), by diracmod's
# own rule (runtime.py's `os.getcwdu`), from-imported or star-imported (tryout20 #17); the names stdlib_moves.toml
# moves, which fix imports from there (runtime_fix.GetcwduToSixMoves)
OWN_REMOVED = {"os": ("os-getcwdu", frozenset({"getcwdu"}))}


def fallback_import(node, ctx) -> bool:
    """Directly under if / try-except / except (pylint's definition: a fallback import), unless no block of
    that try imports on Python 3 (`try: import cStringIO / except ImportError: import StringIO`), or, for an
    import of a Python-2-only module in the try, unless the handler Python 3 runs does not bind its names again
    (guards.loses_on_python3: `try: import simplejson as json / from urllib2 import urlopen / except ImportError:
    import json`, tryout23 #2)."""
    parent = ctx.parent
    if isinstance(parent, ast.ExceptHandler):
        return not guards.no_python3_side(ctx.parents[-2])
    if isinstance(parent, ast.If):
        return True
    return (isinstance(parent, ast.Try) and bool(parent.handlers) and node not in parent.finalbody
            and not guards.no_python3_side(parent) and not guards.loses_on_python3(parent, node))


def uses(ctx) -> ModuleUses:
    return ModuleUses.for_tree(ctx.tree)


def read_of(ctx) -> dict:
    """What other modules of the project read of the module (ProjectIndex.read_of), as fix's stage 2 is given it:
    none for a text alone."""
    return ctx.project.read_of(ctx.path) if ctx.project is not None and ctx.path else {}


def locale_set(ctx) -> str:
    """Where a module of the run sets the character locale (the project's index, read once per run by check and
    fix: ProjectIndex.sets_locale), "" where none does or the project is not known (a text alone)."""
    return ctx.project.sets_locale if ctx.project is not None else ""


def _report(ctx, symbol, node, why):
    """pylint's symbol where fix rewrites the node, the DM rule split off it where it leaves it
    (rules/py3k/moves.py)."""
    if why and symbol in LEFT:
        ctx.report(LEFT[symbol], node, why=why)
    else:
        ctx.report(symbol, node)


def removed_attributes(ctx, node, module, names, unsure=""):
    """`from module import names` (an ImportFrom) or `module.name` (an Attribute) where Python 3 removed a name;
    `unsure`: how the Attribute's name may be another object than the module, where module_name_unsure cannot
    tell (a parameter defaulting to the module: parameter_defaulting_to_module). Not where `module` is the
    project's own where Python 2 imports it (_project_module: a sibling string.py without absolute_import)."""
    if module in ATTRIBUTES_BY_MODULE and _project_module(ctx, module):
        return
    for symbol, removed in ATTRIBUTES_BY_MODULE.get(module, ()):
        if removed & names:
            if isinstance(node, ast.ImportFrom):
                why = import_from_left(uses(ctx), node, symbol, locale_set(ctx))
            elif unsure or isinstance(node.value, ast.Name) and module_name_unsure(ctx, node.value):
                report_module_rebound(ctx, symbol, node, module, unsure)
                continue
            elif report_module_patched(ctx, symbol, node, module):
                continue
            else:
                call = ctx.parent if isinstance(ctx.parent, ast.Call) and ctx.parent.func is node else None
                why = attribute_left(uses(ctx), node, module, call, locale_set(ctx))
            _report(ctx, symbol, node, why)


def module_name_unsure(ctx, name: ast.Name) -> str:
    """How the name `name` read here, which an `import X [as Y]` binds, may be another object than that module:
    rebound.module_rebinding's bindings written out, or one made unseen in the scope of the import (a star import
    or a namespace write of the module: builtin_uses.namespace_unseen_binding, as for a builtin's name; an exec
    statement in the function: builtin_uses.exec_in_function), "" where it is surely the module."""
    rebinding = module_rebinding(ctx, name)
    if rebinding:
        return rebinding
    scope = ctx.scope.binding_scope(name.id)
    key = ("module-name-unseen", id(scope.node), name.id)
    if key not in ctx.cache:
        how = (exec_in_function(scope.node, name.id) if scope.is_function
               else namespace_unseen_binding(ctx.tree, name.id) if scope.parent is None else "")
        ctx.cache[key] = f"`{how}` may bind it" if how else ""
    return ctx.cache[key]


def parameter_defaulting_to_module(ctx, name: ast.Name) -> tuple:
    """(module, how) where the name `name` read here is a parameter of its function whose default is a name an
    `import X [as Y]` binds (`def f(string=string)`, binding the module at definition time): a call may pass any
    other object; (None, "") otherwise."""
    scope = ctx.scope.binding_scope(name.id)
    arguments = getattr(scope.node, "args", None) if scope is not None and scope.is_function else None
    if not isinstance(arguments, ast.arguments):
        return None, ""
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [*zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults),
                *zip(arguments.kwonlyargs, arguments.kw_defaults)]
    default = next((value for arg, value in defaults if arg.arg == name.id), None)
    module = scope.parent.module_named(default.id) if isinstance(default, ast.Name) else None
    return (module, f"a parameter defaulting to the module on line {default.lineno}: a call may pass another "
                    "object") if module else (None, "")


def report_module_rebound(ctx, symbol, node, module, how=""):
    """`module.name` where the module's name may be another object (`how`, or module_name_unsure's): fix leaves
    it, under the DM rule split off `symbol`, pylint's rule or diracmod's own (runtime.py's os-getcwdu and
    sys-exc-attribute), which suppressions, --select/--ignore and baselines read the finding as."""
    ctx.report("removed-module-attribute-name-rebound", node, split_from=symbol,
               attribute=f"{module}.{node.attr}", name=node.value.id, how=how or module_name_unsure(ctx, node.value))


def report_module_patched(ctx, symbol, node, module) -> bool:
    """`module.name` (a removed or moved attribute, `symbol`'s) where the module writes that attribute of that
    module itself (rules/py3k/moves.py, ModuleUses.patched): fix leaves the write and every read of it, under the
    DM rule split off `symbol`. True when reported so."""
    how = uses(ctx).patched.get((module, node.attr))
    if how:
        ctx.report("removed-module-attribute-patched", node, split_from=symbol, attribute=f"{module}.{node.attr}",
                   how=how)
    return bool(how)


def run_as_script(tree: ast.Module, text: str, siblings: frozenset) -> str:
    """Why fix neither adds absolute_import to the module nor makes its implicit relative imports explicit, when it
    is also run as a script (main_block.script_sign: an `if __name__ == "__main__":` block, tryout5 #38, a `#!`
    line, tryout6 #24) and imports one of its `siblings` (siblings.implicit: empty outside a package, where no
    import is implicitly relative) by an absolute import, else "". Run as `python pkg/m.py` it is no package's
    module: `from . import sibling` fails there (Python 2: "Attempted relative import in non-package"), while
    imported as pkg.m, under absolute_import, `import sibling` no longer finds pkg/sibling.py: no one spelling works
    both ways on Python 2. check and fix both ask this, with the same siblings, so that check reports DM193 exactly
    where fix leaves the module."""
    name = next(implicit_relative_imports(tree, siblings), "")  # first: cheaper than the signs' walk
    sign = name and script_sign(tree, text)
    why = (f"the module is also run as a script ({sign}): in a package, `from . import {name}` would fail there, and "
           f"imported from the package `import {name}` needs Python 2's implicit relative import")
    return why if sign else ""


def imported_top_level(tree: ast.Module, path, siblings: frozenset) -> str:
    """Why fix neither adds absolute_import to the module at `path` nor makes its implicit relative imports
    explicit, when it imports one of its `siblings` (siblings.implicit: empty outside a package) by an absolute
    import and a module beside it imports it top-level (top_level_importer: rsa 3.1.1's tests/test_strings.py,
    under absolute_import, `from constants import unicode_string`, its runner putting tests/ on sys.path;
    tryout12b #1), else "". Imported top-level it is no package's module: `from . import sibling` fails there
    (Python 2: "Attempted relative import in non-package"), while imported from the package, under absolute_import,
    `import sibling` no longer finds pkg/sibling.py. check and fix both ask this, so that check reports
    no-absolute-import-imported-top-level exactly where fix leaves the module."""
    name = next(implicit_relative_imports(tree, siblings), "") if path else ""
    importer = name and top_level_importer(path)
    module = os.path.basename(os.fspath(path))[:-3] if importer else ""
    return (f"the module is imported top-level: {importer} beside it imports `{module}` by its bare name under "
            f"absolute_import (the directory is on sys.path), where `from . import {name}` would fail, and "
            f"imported from the package `import {name}` needs Python 2's implicit relative import") if importer else ""


def top_level_importer(path) -> str:
    """The file name of a module beside the module at `path` (a `.py` file of its package's directory, its
    `__init__.py` too) that imports it by its bare name under `from __future__ import absolute_import`, where
    that import is absolute: the directory is on sys.path and the module imported as a top-level one; else "".
    Not for a module named like a standard one (string.py: such an import means the standard module, as for
    check's own-module imports) nor for `__init__.py` (imported top-level it is still a package). Each sibling is
    read once per modification time, and parsed only when its text names absolute_import and imports the module
    (import_candidates, _absolute_imports)."""
    directory, filename = os.path.split(os.path.abspath(os.fspath(path)))
    module = filename[:-3] if filename.endswith(".py") else ""
    if (not module or module == "__init__" or module in STDLIB_MODULES or module in PY2_ONLY_MODULES
            or module not in siblings_of.implicit(directory)):
        return ""
    for name in siblings_of.sources(directory):
        version = siblings_of.source_version(directory, name) if name != filename else None
        if version and module in _named_in_imports(*version) and module in _absolute_imports(*version):
            return name
    return ""


# what follows `import` / `from` anywhere (an import statement, a string, a comment: a superset), with its
# continuation lines; two patterns starting with their word, which re finds fast (one with `^|;` before: 14 times
# slower on Twisted)
_REST = rb"[ \t]+([^\n#;\\]*(?:\\(?:\r?\n)?[^\n#;\\]*)*)"
_IMPORT, _FROM = re.compile(rb"import" + _REST), re.compile(rb"from" + _REST)
_NAME = re.compile(rb"[ \t\\\r\n(]*([A-Za-z_][A-Za-z0-9_]*)")


def import_candidates(data: bytes) -> frozenset:
    """The first names of the modules the absolute imports of the source `data` may import (`import a.b, c as d`:
    a, c; `from a.b import c`: a), read from the text alone: a superset of what its syntax tree says (words after
    `import` or `from` in a string or comment count too), a cheap pre-filter before any parse."""
    parts = [part for rest in _IMPORT.findall(data) for part in rest.split(b",")] + _FROM.findall(data)
    return frozenset(name.group(1).decode() for name in map(_NAME.match, parts) if name)


@functools.lru_cache(maxsize=4096)
def _named_in_imports(path: str, modified: int, size: int) -> frozenset:
    """import_candidates of the sibling file if its text names absolute_import (most do not), else none."""
    data = siblings_of.read_source(path)
    return import_candidates(data) if data is not None and b"absolute_import" in data else frozenset()


@functools.lru_cache(maxsize=1024)
def _absolute_imports(path: str, modified: int, size: int) -> frozenset:
    """The first names of the absolute imports (`import a.b`, `from a import b`, anywhere in it) of the sibling
    file if it has `from __future__ import absolute_import`, else none."""
    data = siblings_of.read_source(path)
    try:
        parsed = parse(decode(path, data).text) if data is not None else None  # Python 2 where Python 3 fails
    except SourceError:
        return frozenset()
    if parsed is None or parsed.tree is None or "absolute_import" not in parsed.future:
        return frozenset()
    return frozenset(name.split(".")[0] for node in statements(parsed.tree) for name in (
        [alias.name for alias in node.names] if isinstance(node, ast.Import)
        else [node.module] if isinstance(node, ast.ImportFrom) and not node.level and node.module else []))


def example_imports_sibling(tree: ast.Module, text: str, siblings: frozenset) -> str:
    """Why fix neither adds absolute_import to the module nor makes its implicit relative imports explicit, when
    an example of its docstrings imports one of its `siblings` by its bare name (`>>> import iso8601` in
    colander/iso8601.py): doctest compiles the examples under the module's future imports, where that import would
    be absolute; else "". check and fix both ask this (an example Python 3 cannot parse is read as Python 2), so
    that check reports no-absolute-import-code-from-strings exactly where fix leaves the module (tryout10b #4)."""
    if not siblings or ">>>" not in text:
        return ""
    for _, _, value in doctest_strings.docstrings(tree):
        for piece in doctest_strings.examples(value) or ():
            example = parse(piece.source).tree if isinstance(piece, doctest.Example) else None
            name = next(implicit_relative_imports(example, siblings), "") if example else ""
            if name:
                return (f"a doctest example imports {name} from its own package implicitly (doctest runs it under "
                        f"the module's future imports)")
    return ""


# what the relative import call fix writes for `import sibling` reads (diracmod/fix/relative.py: `sibling =
# __import__("sibling", globals(), level=1)`, in an import cycle, where the package binds the name, `import a.b`)
_CALL_NAMES = ("globals", "__import__")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def relative_call_shadowed(tree: ast.Module, siblings: frozenset) -> str:
    """Why fix neither adds absolute_import to the module nor makes its implicit relative imports explicit, when
    an `import sibling` of one of its `siblings` (siblings.implicit) runs where `globals` or `__import__` may be no
    builtin (tryout13 #8): bound in the function holding the import (a parameter `def load(globals=None)`, a
    local `__import__ = None`), in a function around it, in the class body holding it, or in the module (`def
    globals()`, or unseen: a star import, `globals().update(...)`, exec: builtin_uses.unseen_binding), else "".
    There the relative import call fix may write for it would call that object. Whether fix would write the call or
    `from . import sibling` (an import cycle, the package's `__init__` binding the name) is not asked: check and
    fix both ask this, with the same siblings, so that check reports no-absolute-import-call-shadowed exactly
    where fix leaves the module."""
    if not siblings or next(implicit_relative_imports(tree, siblings), None) is None:
        return ""
    todo, found = [(tree, (tree,))], []
    while todo:
        node, chain = todo.pop()
        for child in ast.iter_child_nodes(node):
            inner = chain + (child,) if isinstance(child, (*_FUNCTIONS, ast.ClassDef)) else chain
            todo.append((child, inner))
        name = next((alias.name for alias in node.names if alias.name.split(".")[0] in siblings), "") \
            if isinstance(node, ast.Import) else ""
        how = name and next(filter(None, (_call_name_bound(tree, chain, called) for called in _CALL_NAMES)), "")
        if how:
            found.append((node.lineno, name, how))
    line, name, how = min(found, default=(0, "", ""))  # the first in the file
    return (f"`import {name}` on line {line} runs where {how}: the relative import call fix may write for it, "
            f"`__import__(\"{name}\", globals(), level=1)`, would call that object") if found else ""


def path_extended_import(tree: ast.Module, path, siblings: frozenset, first_party: frozenset) -> str:
    """Why fix neither adds absolute_import to the module at `path` nor makes its implicit relative imports
    explicit, when its package's `__init__.py` extends or rebinds `__path__` (`__path__ =
    pkgutil.extend_path(__path__, __name__)`, `pkg_resources.declare_namespace(__name__)`,
    `__path__.append(...)`: a package spread over several directories, path_extended) and it imports a name found
    nowhere (found_nowhere: no module of its own directory, no standard module, none of the project's top-level
    modules, none installed): Python 2's implicit relative import searches every directory of the package's
    `__path__`, where that name may be a sibling in another portion, which `import name` no longer finds under
    absolute_import (tryout14 #12); else "". check and fix both ask this, with the same siblings."""
    directory = _package_directory(path)
    if not directory or not path_extended(directory):
        return ""
    name, line = next(_imports_found_nowhere(tree, directory, siblings, first_party), ("", 0))
    return (f"the package's __init__.py extends `__path__` (a package over several directories) and `import "
            f"{name}` on line {line} finds no module here, nor a standard or installed one: it may be a sibling in "
            f"another directory of the package, which Python 2 imports implicitly and absolute_import would not "
            f"find") if name else ""


def unknown_module_import(tree: ast.Module, path, siblings: frozenset, first_party: frozenset) -> str:
    """Why fix neither adds absolute_import to the module at `path` nor makes its implicit relative imports
    explicit, when, in a package, it imports a name found nowhere (found_nowhere) that a sibling made later may
    provide (tryout14 #9): a C extension a source beside it builds (`_speed.c`, `.pyx`, SWIG's `.i`:
    siblings.buildable), or any name imported under `try: ... except ImportError` (an optional
    `local_settings.py` deployed later, a generated `_version.py`, an accelerator not built yet). Python 2's
    implicit relative import finds that sibling once it exists; under absolute_import `import name` does not;
    `from . import name` would fail where the module is in fact top-level or installed later. Else ""."""
    directory = _package_directory(path)
    if not directory:
        return ""
    optimized = siblings_of.optimized_only(directory) - siblings
    for name, line, _ in _absolute_import_names(tree) if optimized else ():
        if name in optimized:  # tryout15 #10: json.pyo alone beside `import json`
            return (f"`import {name}` on line {line}: only optimized bytecode ({name}.pyo) is beside it, which Python 2 "
                    f"imports under `python -O` alone (without -O the standard, top-level or installed module): "
                    f"which one is meant a person decides")
    built = siblings_of.buildable(directory)
    guarded = {id(node) for node in _under_import_error_handlers(tree)}
    for name, line, node in _imports_found_nowhere(tree, directory, siblings, first_party, nodes=True):
        if name in built:
            return (f"`import {name}` on line {line} finds no module, but a source beside it builds one (a C "
                    f"extension not built yet): Python 2 imports it from the package once built, absolute_import "
                    f"would not")
        if id(node) in guarded:
            return (f"`import {name}` on line {line}, under `except ImportError`, finds no module here, nor a "
                    f"standard or installed one: a sibling made later (deployed, generated, built) Python 2 would "
                    f"import from the package, absolute_import would not")
    return ""


def _package_directory(path) -> str:
    directory = os.path.dirname(os.path.abspath(os.fspath(path))) if path else ""
    return directory if directory and siblings_of.is_package(directory) else ""


def _imports_found_nowhere(tree, directory: str, siblings: frozenset, first_party: frozenset, nodes=False):
    """(first name, line[, the import node]) of the module's absolute imports, in the order of statements(), whose
    first name is found nowhere (found_nowhere)."""
    for top, line, node in _absolute_import_names(tree):
        if top not in siblings and top not in first_party and found_nowhere(top):
            yield (top, line, node) if nodes else (top, line)


def _absolute_import_names(tree):
    """(first name, line, the import node) of the module's absolute imports, in the order of statements() (that of
    ast.walk: the module's kept list of imports)."""
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom)):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and not node.level and node.module
                 and node.module != "__future__" else [])
        for name in names:
            yield name.split(".")[0], node.lineno, node


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException", "StandardError"})


def _under_import_error_handlers(tree):
    """The import statements in the body of a `try` one of whose handlers catches ImportError (or any exception)."""
    for node in module_nodes.of_kind(tree, ast.Try):
        if any(_catches_import_error(handler.type) for handler in node.handlers):
            for statement in node.body:
                yield from (child for child in ast.walk(statement)
                            if isinstance(child, (ast.Import, ast.ImportFrom)))


def _catches_import_error(kind) -> bool:
    if kind is None:
        return True
    if isinstance(kind, ast.Tuple):
        return any(map(_catches_import_error, kind.elts))
    name = kind.id if isinstance(kind, ast.Name) else kind.attr if isinstance(kind, ast.Attribute) else ""
    return name in _IMPORT_ERRORS


def found_nowhere(name: str) -> bool:
    """Is the top-level module `name` none Python 2 or 3 has in its standard library, none a distribution of the
    curated table provides (rules/distributions.toml, which `diracmod deps` reads: MySQLdb, Crypto, PIL...) and
    none installed where diracmod runs (sys.path, without the current directory)? The caller rules out the
    project's own modules."""
    return (name not in STDLIB_MODULES and name not in PY2_ONLY_MODULES and name not in _curated_imports()
            and not _installed(name))


@functools.lru_cache(maxsize=1)
def _curated_imports() -> frozenset:
    """The import names rules/distributions.toml knows: its [imports] table, its distributions' `imports`, and
    the distribution names that are import names too (numpy, tornado)."""
    try:
        data = tomllib.loads(resources.files("diracmod.rules").joinpath("distributions.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return frozenset()
    distributions = data.get("distributions", {})
    return frozenset([*data.get("imports", {}), *(name for name in distributions if name.isidentifier()),
                      *(module.split(".")[0] for facts in distributions.values() for module in facts.get("imports", ()))])


@functools.lru_cache(maxsize=4096)
def _installed(name: str) -> bool:
    here = os.getcwd()
    path = [entry for entry in sys.path if entry and os.path.abspath(entry) != here]
    try:
        return importlib.machinery.PathFinder.find_spec(name, path) is not None
    except (ImportError, ValueError, OSError):
        return False


def path_extended(directory: str) -> bool:
    """Does the `__init__.py` in `directory` name `__path__` (`__path__ = extend_path(__path__, __name__)`,
    `__path__.append(...)`, `__path__ += [...]`; as an attribute, `sys.modules[__name__].__path__`, or a string,
    `globals()['__path__']`) or call declare_namespace or extend_path (pkg_resources's and
    pkgutil's namespace packages)? Read once per modification time; one that cannot be read says no."""
    version = siblings_of.source_version(directory, "__init__.py")
    return _path_extended(*version) if version else False


@functools.lru_cache(maxsize=1024)
def _path_extended(path: str, modified: int, size: int) -> bool:
    data = siblings_of.read_source(path)
    if data is None or not any(word in data for word in (b"__path__", b"declare_namespace", b"extend_path")):
        return False
    try:
        parsed = parse(decode(path, data).text)
    except SourceError:
        return False
    if parsed is None or parsed.tree is None:
        return False
    # `__path__` itself or any attribute of that name (`sys.modules[__name__].__path__.append(d)`) where it may be
    # changed (tryout15 #9, tryout16 #9), and any string holding it (`globals()['__path__'].extend(...)`,
    # `vars()['__path__']`, code exec'd: `exec("__path__.append(d)")`, tryout16 #2)
    parents = {child: node for node in ast.walk(parsed.tree) for child in ast.iter_child_nodes(node)}
    return any((isinstance(node, ast.Name) and node.id == "__path__"
                or isinstance(node, ast.Attribute) and node.attr == "__path__") and not _path_read(node, parents)
               or isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
               and ("__path__" in node.value if isinstance(node.value, str) else b"__path__" in node.value)
               or isinstance(node, (ast.Name, ast.Attribute)) and _called(node) in ("declare_namespace", "extend_path")
               for node in ast.walk(parsed.tree))


# what reads a list and changes it not: `len(__path__)`, `__path__.index(d)`
_READING_CALLS = frozenset(("len", "print", "list", "tuple", "sorted", "reversed", "iter", "enumerate", "set", "frozenset",
                            "repr", "str", "bool", "any", "all", "min", "max", "id", "type", "isinstance"))
_READING_METHODS = frozenset(("index", "count", "copy", "__getitem__", "__len__", "__contains__", "__iter__"))


def _path_read(node, parents) -> bool:
    """Is this `__path__` only read (`__path__[0]`, `len(__path__)`, `for d in __path__`, `d in __path__`)? Anything
    else may extend it: a store, del or augmented assignment, an item or slice assigned, a method called on it that
    may change it (`append`), the list handed to a call or bound to another name (a helper, an alias)."""
    if not isinstance(getattr(node, "ctx", None), ast.Load):
        return False
    parent = parents.get(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Attribute) and parent.value is node:  # a method: read-only ones alone
        return parent.attr in _READING_METHODS
    if isinstance(parent, ast.Call) and node in parent.args:
        return isinstance(parent.func, ast.Name) and parent.func.id in _READING_CALLS
    if isinstance(parent, ast.Compare) or isinstance(parent, ast.BinOp):  # `d in __path__`, `__path__ + [d]`
        return True
    return isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node


def _called(node) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr


def _call_name_bound(tree: ast.Module, chain: tuple, name: str) -> str:
    """How `name` read by a statement in the innermost scope of `chain` (the module, then the defs and classes
    around the statement) may be no builtin: a binding in that scope, in a function around it, or in the module."""
    innermost, scopes = chain[-1], [chain[-1]] + [scope for scope in reversed(chain[1:-1])
                                                   if isinstance(scope, _FUNCTIONS)]
    for scope in scopes if innermost is not tree else ():
        binding = next(scope_bindings(scope, name), None)
        kind = "class body" if isinstance(scope, ast.ClassDef) else "function"
        if binding is not None:
            return (f"`{name}` is bound on line {getattr(binding, 'lineno', scope.lineno)} in the {kind} on line "
                    f"{scope.lineno}")
        how = (class_namespace_binding(tree, scope, name) if isinstance(scope, ast.ClassDef)
               else exec_in_function(scope, name))
        if how:
            return f"`{how}` may bind `{name}`"
    binding = next(scope_bindings(tree, name), None)
    if binding is not None:
        return f"the module binds `{name}` on line {binding.lineno}"
    how = unseen_binding(tree, name)
    return f"`{how}` may bind `{name}`" if how else ""


def implicit_relative_imports(tree: ast.Module, siblings: frozenset):
    """The first names of the module's absolute imports (`import a.b`, `from a.b import c`, anywhere in it) that
    are among `siblings`: Python 2 imports those implicitly relative, from the module's own package. In the order
    of ast.walk, from the module's kept list of imports (asked several times per module)."""
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom)) if siblings else ():
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and not node.level and node.module
                 else [])
        yield from (name.split(".")[0] for name in names if name.split(".")[0] in siblings)


def absolute_import_left(tree: ast.Module, text: str, path, siblings: frozenset, first_party: frozenset) -> tuple:
    """(symbol, why) of the first reason, in this order, why fix adds no absolute_import to the module at `path`
    and makes none of its implicit relative imports explicit (DM193, DM419, DM414, DM427, DM428), else ("", ""):
    check reports that symbol in place of no-absolute-import where fix (diracmod/fix/futures.py) leaves the module
    for it. The reasons are read lazily: the first found ends the search."""
    reasons = (
        ("no-absolute-import-run-as-script", lambda: run_as_script(tree, text, siblings)),
        ("no-absolute-import-imported-top-level", lambda: imported_top_level(tree, path, siblings)),
        ("no-absolute-import-call-shadowed", lambda: relative_call_shadowed(tree, siblings)),
        ("no-absolute-import-package-path-extended", lambda: path_extended_import(tree, path, siblings, first_party)),
        ("no-absolute-import-unknown-module", lambda: unknown_module_import(tree, path, siblings, first_party)))
    for symbol, reason in reasons:
        why = reason()
        if why:
            return symbol, why
    return "", ""


HOOK_SYMBOL = "no-absolute-import-four-argument-hook"


def import_hook_left(tree: ast.Module, text: str, project) -> str:
    """Why fix adds absolute_import to no module of the run (DM431, tryout17b #1): the module itself, or a module
    of the project (`project`: its index, ProjectIndex.import_hook), installs as the builtin `__import__` a function
    taking at most four positional arguments (`def hook(name, globals, locals, fromlist)`); under absolute_import
    Python 2 calls `__import__` with five at every import statement, the `from __future__` line too (TypeError).
    "" where none is known."""
    where = project.import_hook if project is not None else ""
    if not where and "__import__" in text:
        own = four_argument_hook(tree)
        where = own and f"line {own}"
    return (f"an import hook takes four arguments ({where}): under absolute_import every import statement, its "
            f"`from __future__` line too, calls `__import__` with five (TypeError on Python 2)") if where else ""


def absolute_import_withheld(ctx) -> bool:
    """Does fix leave the module without absolute_import for a reason check reports in place of W1618 (_first_import:
    code from strings, DM431's four-argument hook, absolute_import_left's, a doctest example importing a sibling)?
    check asks it where a rewrite imports the top-level six in place of a sibling copy only under absolute_import
    (own_six.lacking, tryout20 #10), as fix's futures stage declines it (diracmod/fix/futures.py)."""
    return "absolute_import" not in ctx.future and bool(
        module_strings(ctx)["absolute_import"] or import_hook_left(ctx.tree, ctx.text, ctx.project)
        or absolute_import_left(ctx.tree, ctx.text, ctx.path, ctx.siblings, ctx.first_party)[1]
        or example_imports_sibling(ctx.tree, ctx.text, ctx.siblings))


def _first_import(ctx, node):
    # Reported once per module, at its first import, as pylint does.
    if "absolute_import" not in ctx.future and not ctx.cache.get("absolute-import-reported"):
        ctx.cache["absolute-import-reported"] = True
        why = module_strings(ctx)["absolute_import"]  # fix keeps the import out of such a module
        hook = "" if why else import_hook_left(ctx.tree, ctx.text, ctx.project)
        symbol, left = ("", "") if why else (HOOK_SYMBOL, hook) if hook else absolute_import_left(
            ctx.tree, ctx.text, ctx.path, ctx.siblings, ctx.first_party)
        if not (why or left):  # doctest runs the examples' code under the future imports too
            why = example_imports_sibling(ctx.tree, ctx.text, ctx.siblings)
        if why:
            ctx.report("no-absolute-import-code-from-strings", node, always=True, why=why)
        elif left:
            ctx.report(symbol, node, always=True, why=left)
        else:
            ctx.report("no-absolute-import", node, always=True)  # about the module, not this branch


def _project_module(ctx, name: str) -> bool:
    """`import user` where user.py is the project's own (tryout9 #7): a module of the script's directory or of the
    root above the module's package (siblings.first_party), which both Pythons import, or a sibling in the
    package, which Python 2 imports implicitly relative (and fix makes `from . import user`: no-absolute-import),
    but not under `from __future__ import absolute_import`, where Python 2 imports the standard one. fix leaves
    such an import as it is (its note: "the project's own module(s) here"), and, an import of the standard
    module's removed names alike (`string.letters`, `from types import StringType`), what it reads of it.
    siblings.python2_own decides, for fix as well."""
    if not ctx.first_party or name.split(".")[0] not in ctx.first_party:
        return False  # no module of the project's named so: no directory to list
    key = "python2-own"
    if key not in ctx.cache:
        ctx.cache[key] = siblings_of.python2_own(os.path.dirname(os.path.abspath(ctx.path or "")),
                                                 "absolute_import" in ctx.future)
    return name.split(".")[0] in ctx.cache[key]


def _dead_fallback(node: ast.Import, ctx) -> bool:
    """The handler's import of a fallback pair whose try's import fix rewrites, removing the pair whole
    (moves.dead_fallback): reported once, at the try's import."""
    if not isinstance(ctx.parent, ast.ExceptHandler) or len(ctx.parents) < 2 or ctx.text is None:
        return False
    tried = ctx.parents[-2]
    return (isinstance(tried, ast.Try) and isinstance(tried.body[0], ast.Import)
            and tried.body[0].names[0].name in PY2_ONLY_MODULES
            and not _project_module(ctx, tried.body[0].names[0].name)
            and dead_fallback(uses(ctx), tried, ctx.text, read_of(ctx)))


class ImportRules:
    @staticmethod
    def visit_Import(node, ctx):
        _first_import(ctx, node)
        if fallback_import(node, ctx) or _dead_fallback(node, ctx):
            return
        for alias in node.names:
            if alias.name == FUTURE_BUILTINS:
                ctx.report("future-builtins-import", node)
            if alias.name in PY2_ONLY_MODULES and not _project_module(ctx, alias.name):
                _report(ctx, MODULE_SYMBOL, node, import_left(uses(ctx), node, alias, read_of(ctx)))

    @staticmethod
    def visit_ImportFrom(node, ctx):
        if node.module == "__future__":
            return
        _first_import(ctx, node)
        if not node.level and not fallback_import(node, ctx):
            if node.module == FUTURE_BUILTINS:
                ctx.report("future-builtins-import", node)
            if node.module in PY2_ONLY_MODULES and not _project_module(ctx, node.module):
                _report(ctx, MODULE_SYMBOL, node, import_from_left(uses(ctx), node, MODULE_SYMBOL))
            removed_attributes(ctx, node, node.module, {a.name for a in node.names})
            own = OWN_REMOVED.get(node.module)
            if own and own[1] & {a.name for a in node.names} and not _project_module(ctx, node.module):
                ctx.report(own[0], node)  # `from os import getcwdu` (tryout20 #17)
        if node.names[0].name == "*" and not isinstance(ctx.scope.node, ast.Module):
            ctx.report("import-star-module-level", node)
        star_removed = node.module in ATTRIBUTES_BY_MODULE or node.module in OWN_REMOVED
        if node.names[0].name == "*" and not node.level and star_removed:
            _star_of_removed_names(node, ctx)


def _star_of_removed_names(node, ctx):
    """`from urllib import *` and then `quote(...)`: Python 2's star import binds the name, Python 3's module
    lacks it (a NameError there). The names of the module's removed attributes (its deprecated-*-function
    rule's table) that the module reads and binds nowhere itself."""
    removed = frozenset().union(*(names for _symbol, names in ATTRIBUTES_BY_MODULE.get(node.module, ())),
                                *OWN_REMOVED.get(node.module, ())[1:])
    read, bound = set(), set()
    for child in module_nodes.walk(ctx.tree):
        if isinstance(child, ast.Name):
            (read if isinstance(child.ctx, ast.Load) else bound).add(child.id)
        elif isinstance(child, ast.arg):
            bound.add(child.arg)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(child.name)
        elif isinstance(child, ast.alias):
            bound.add((child.asname or child.name).partition(".")[0])
    names = sorted(read & removed - bound)
    if names:
        ctx.report("import-star-removed-names", node, module=node.module, names=", ".join(names))

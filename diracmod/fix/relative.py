"""Implicit relative imports made explicit, so that `from __future__ import absolute_import` can be added
without changing what any import finds.

On Python 2 without absolute_import, `import sibling` in a module of package P finds P/sibling.py (or
P/sibling/, P/sibling.so, P/sibling.pyc) before any top-level module of that name. Which names are siblings is read
from the file system: the module's own directory, when it holds an `__init__.py` (outside a package
there is no implicit relative import): diracmod/core/siblings.py, which check reads too (DM193).

- `from sibling[.x] import y` becomes `from .sibling[.x] import y`: the same import, cycles included (both
  import the module, then read `y` from it).
- `import sibling [as z]` becomes `from . import sibling [as z]`, except in an import cycle. There
  Python 2 fails where the implicit import worked: `from . import sibling` reads the attribute
  `P.sibling`, which Python 2 sets only when sibling.py has finished executing, while the implicit
  import bound the half-initialised module from sys.modules (mechanize 0.2.5 breaks this way under
  python-modernize; Python 3.7+ falls back to sys.modules, Python 2 never does). `import P.sibling as z`
  fails the same way on Python 2 (it is IMPORT_NAME then LOAD_ATTR), and `import P.sibling` binds `P`,
  not `sibling`, so every use would have to be rewritten. So an `import sibling` whose
  sibling may import this module back (through imports of the same directory: mechanize's
  _request/_urllib2_fork, Twisted's lore tree/latex/process) becomes
  `sibling = __import__("sibling", globals(), level=1)`: the same relative import as a call, which
  binds the module from sys.modules as the implicit import did, half-initialised or not, on both
  Pythons. Whether a sibling imports this module back is read from every import of its file, function bodies
  too (a function may run while its module is being imported: called at module level, by a decorator, by a
  module it imports), and a sibling importing by a string (`importlib.import_module("pkg.a")`,
  `__import__(name)`, imp's loaders, exec: _STRING_IMPORTS) may import any module (tryout14 #14); an import
  inside a function is in the cycle as a module-level one is. Under `if __name__ == "__main__":` an import
  runs after both modules have finished importing (a module imported by name is never `__main__`), and
  becomes `from . import sibling`; so does one outside any cycle, unless the package's `__init__.py`
  binds the name `sibling` itself (`from Worksheet import Worksheet`, or a star import of a module defining it:
  `from config import *` with `config = Config()` in config.py, tryout16 #16): `from . import sibling` would read that
  package attribute, the class, where the implicit import bound the module; the call binds the module there
  too, at any depth. `import __init__` (the package's `__init__.py` imported again as the module `pkg.__init__`,
  tryout23 #8) always becomes the call: the package's attribute `__init__` is its method `__init__` until
  `pkg.__init__` is first imported, so `from . import __init__` would bind that method (`from __init__ import x`
  becomes `from .__init__ import x`, as for any sibling).
- `import sibling.sub` binds `sibling` and also imports `sibling.sub`: no `from . import` does both, the call
  does: `sibling = __import__("sibling.sub", globals(), level=1)` (both Pythons return the first name's module for
  a relative dotted name without fromlist; tryout6 #6). `import sibling.sub as z` binds the submodule itself:
  `from .sibling import sub as z`, as `from sibling.x import y` becomes `from .sibling.x import y`.
Not seen: cycles through modules of other directories, or through an object handed in from outside that
calls back while the module is being imported.
"""
from __future__ import annotations

import ast
import functools
import os
from pathlib import Path

import libcst as cst

from diracmod.core import siblings
from diracmod.fix.statement_nodes import HOLD_STATEMENTS
from diracmod.rules.py3k.builtin_uses import star_import_may_bind
from diracmod.rules.py3k.imports import implicit_relative_imports
from diracmod.source import parse, reader
from diracmod.source.main_block import is_main_guard, is_main_test
from diracmod.source.scopes import stores


def _module_level(tree: ast.Module):
    """The statements executed when the module is imported (not function bodies, nor the body of
    `if __name__ == "__main__":`, which runs only when the file is the script: a module imported by name
    is never `__main__`; web.py's debugerror.py imports application there, its demo)."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        yield node
        if is_main_guard(node):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))


def _import_time(tree: ast.Module):
    """The nodes that may run while the module is being imported: all but the body of `if __name__ ==
    "__main__":` (module-level statements, and function bodies too: a function may be called then, by the module
    itself, a decorator, a registration helper, a module it imports; tryout14 #14)."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if is_main_guard(node):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))


# calls that import a module named by a string (or run code that may): importlib.import_module, __import__ (but
# the relative call fix writes, whose sibling is read), imp's loaders, exec/execfile; by their last name
_STRING_IMPORTS = frozenset({"import_module", "__import__", "load_module", "load_source", "load_compiled",
                             "load_package", "load_dynamic", "exec", "execfile"})


def _imports_while_importing(tree: ast.Module) -> tuple | None:
    """The dotted names a module may import while it is being imported (_import_time), as written (relative ones
    without their dot); None where it imports by a string (_STRING_IMPORTS: `importlib.import_module("pkg.a")`,
    `__import__("pkg.a", fromlist=[...])`, a computed name), which may be any module of the package."""
    found = []
    for node in _import_time(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            found += [node.module] if node.module else [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif _relative_import_call(node):  # what _from_sys_modules writes (a sibling fixed before this one)
            found.append(node.args[0].value)
        elif isinstance(node, ast.Call) and _called_name(node.func) in _STRING_IMPORTS:
            return None
    return tuple(found)


def _called_name(func) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _relative_import_call(node) -> bool:
    """`__import__("name", ..., level=1)`."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__"
            and bool(node.args) and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
            and any(k.arg == "level" and isinstance(k.value, ast.Constant) and k.value.value == 1
                    for k in node.keywords))


def _imported_siblings(dotted, names: frozenset, package: str) -> set:
    """The siblings among the `dotted` names a module imports, in any spelling."""
    found = set()
    for name in dotted:
        absolute = name[len(package) + 1:] if package and name.startswith(package + ".") else name
        found.add(absolute.split(".")[0])
    return found & names


@functools.lru_cache(maxsize=32)
def _graph(directory: str, state: tuple) -> dict:
    """sibling -> siblings it may import while it is being imported (None when the file cannot be read or parsed,
    or imports by a string).
    `state` (file names and modification times) makes a changed directory a new cache entry."""
    names = siblings.implicit(directory)
    package = siblings.package_name(directory)
    graph = {}
    for name, modified in state:
        dotted = _file_imports(os.path.join(directory, name), modified)
        graph[name[:-3]] = None if dotted is None else _imported_siblings(dotted, names, package)
    return graph


@functools.lru_cache(maxsize=4096)
def _file_imports(path: str, modified: int) -> tuple | None:
    """_imports_while_importing of a file, None when it cannot be read or parsed; `modified` (its modification
    time) makes a changed file a new cache entry: a directory's graph is made again when `fix --write` has
    written one of its files, and re-reads that file alone."""
    try:
        tree = parse.parse(reader.decode(path, Path(path).read_bytes()).text).tree
    except (OSError, reader.SourceError):
        return None
    return None if tree is None else _imports_while_importing(tree)


def _reaches(graph: dict, start: str, goal: str) -> bool:
    """Does importing `start` import `goal` on the way (an unreadable module may import anything)?"""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name in seen or name not in graph:
            continue
        seen.add(name)
        if graph[name] is None:
            return True
        todo.extend(graph[name])
    return False


def _in_cycle(path: Path, sibling: str) -> bool:
    directory = path.parent
    state = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.py")))
    return _reaches(_graph(str(directory), state), sibling, path.stem)


@functools.lru_cache(maxsize=1024)
def _module_bindings(path: str, modified: int) -> tuple | None:
    """(the names a module binds while it is imported, its star imports as (level, module), whether it imports
    absolute_import) of the file at `path`, None when it cannot be read or parsed. `modified` makes a changed file
    a new cache entry."""
    try:
        parsed = parse.parse(reader.decode(path, Path(path).read_bytes()).text)
    except (OSError, reader.SourceError):
        return None
    if parsed.tree is None:
        return None
    nodes = list(_module_level(parsed.tree))
    stars = tuple((node.level, node.module) for node in nodes
                  if isinstance(node, ast.ImportFrom) and node.names[0].name == "*")
    return (frozenset(name for node in nodes for name in stores(node)), stars,
            "absolute_import" in parsed.future)


def _binds(path: Path, name: str, seen: frozenset = frozenset()) -> bool:
    """Does the module at `path` (a package's `__init__.py`, a sibling) bind the name `name` while it is imported:
    itself, or through a star import (tryout16 #16: `from config import *` where config.py defines `config =
    Config()`)? A star import of a module of the project (a sibling, `from .x import *`, `from pkg.sub.x import
    *` under the top package's directory: _star_file) binds the names of its `__all__` where that is a literal
    (siblings.star_names), else the public names that module binds, so asked again; one of another module those it
    may bind (builtin_uses.star_import_may_bind: any, but for a standard module's known names). An unreadable
    module may bind any."""
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        return True
    found = _module_bindings(str(path), modified)
    if found is None:
        return True
    names, stars, absolute = found
    if name in names:
        return True
    for level, module in stars:
        source = _star_file(path.parent, level, module, absolute)
        if source is None:
            if star_import_may_bind(level, module, name):
                return True
            continue
        listed = siblings.star_names(source.parent, source.stem)
        if listed is not None:
            if name in listed:
                return True
        elif not name.startswith("_") and source not in seen and _binds(source, name, seen | {path}):
            return True
    return False


def _star_file(directory: Path, level: int, module: str | None, absolute: bool) -> Path | None:
    """The project's source file a star import in `directory` reads (`from x import *` of a sibling without
    absolute_import, `from .x import *`, `from ..x import *`, `from top.sub.x import *` under the top package's
    directory), None for another module (the standard library's, another project's) or one without a source."""
    parts = module.split(".") if module else []
    if level:
        base = directory
        for _ in range(level - 1):
            base = base.parent
    elif parts and not absolute and parts[0] in siblings.implicit(directory):
        base = directory
    elif parts and siblings.is_package(directory):
        base = Path(siblings.root(directory))
    else:
        return None
    target = base.joinpath(*parts)
    for candidate in (target.with_name(target.name + ".py") if parts else None, target / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _package_binds(path: Path, sibling: str) -> bool:
    """Does the package's `__init__.py` bind the name `sibling` (`from Worksheet import Worksheet`: the package
    attribute is then the class, which `from . import Worksheet` reads; tablib's vendored xlwt, tryout12b #8), a
    star import included (_binds)? An unreadable one may."""
    return _binds(path.parent / "__init__.py", sibling)


def _is_main_if(node: cst.If) -> bool:
    return isinstance(node.test, cst.Comparison) and is_main_test(
        ast.parse(cst.Module([]).code_for_node(node.test).strip(), mode="eval").body)


class _Explicit(cst.CSTTransformer):
    def __init__(self, path: Path, names: frozenset):
        super().__init__()
        self.path, self.names = path, names
        self.main = 0  # > 0 inside a main guard
        self.converted = 0

    def on_visit(self, node) -> bool:
        return super().on_visit(node) and isinstance(node, HOLD_STATEMENTS)  # imports are statements

    def visit_If_body(self, node):
        # the body of `if __name__ == "__main__":` runs after the module's, as the script alone
        self.main += _is_main_if(node)

    def leave_If_body(self, node):
        self.main -= _is_main_if(node)

    def leave_ImportFrom(self, original_node, updated_node):
        if updated_node.relative or updated_node.module is None:
            return updated_node
        top = cst.helpers.get_full_name_for_node(updated_node.module).split(".")[0]
        if top == "__future__" or top not in self.names:
            return updated_node
        self.converted += 1
        return updated_node.with_changes(relative=[cst.Dot()])

    def leave_Import(self, original_node, updated_node):
        groups = []  # [kind, aliases]: consecutive aliases of one kind, in the order written (it is import order)
        for alias in updated_node.names:
            kind = self._kind(cst.helpers.get_full_name_for_node(alias.name))
            if groups and groups[-1][0] == kind and kind not in _ONE_PER_STATEMENT:
                groups[-1][1].append(alias)
            else:
                groups.append([kind, [alias]])
        if all(kind == "kept" for kind, _ in groups):
            return updated_node
        self.converted += sum(len(aliases) for kind, aliases in groups if kind != "kept")
        parts = [_statement(kind, aliases, updated_node) for kind, aliases in groups]
        between = cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" "))
        parts = [part.with_changes(semicolon=between) for part in parts[:-1]] + [
            parts[-1].with_changes(semicolon=updated_node.semicolon)]
        return parts[0] if len(parts) == 1 else cst.FlattenSentinel(parts)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        """A line that held only the import, now several statements (`import os, sib.sub` -> `import os` and
        `sib = __import__(...)`): a line each, with the line's indentation (tryout7 #6: `; ` is pycodestyle's
        E702, which check reports); the comment stays on the last. A line of several statements keeps its `; `."""
        if len(original_node.body) > 1 or len(updated_node.body) == 1:
            return updated_node
        body = updated_node.body
        lines = [cst.SimpleStatementLine([statement.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
                 for statement in body]
        lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
        lines[-1] = lines[-1].with_changes(trailing_whitespace=updated_node.trailing_whitespace)
        return cst.FlattenSentinel(lines)

    def _kind(self, name: str) -> str:
        """"explicit" (becomes `from . import`), "cyclic" (a relative __import__ call: in an import cycle, where
        the package's `__init__` binds the name, and for `__init__` itself), "dotted" (`import sibling.sub`:
        _dotted) or "kept" as it is."""
        if name.split(".")[0] not in self.names:
            return "kept"
        if "." in name:
            return "dotted"
        if name == "__init__" or _package_binds(self.path, name) or not self.main and _in_cycle(self.path, name):
            return "cyclic"
        return "explicit"


# the kinds of import alias made a statement of its own each
_ONE_PER_STATEMENT = ("cyclic", "dotted")


def _statement(kind: str, aliases: list, original: cst.Import):
    if kind == "cyclic":
        return _from_sys_modules(aliases[0])
    if kind == "dotted":
        return _dotted(aliases[0])
    aliases = [*aliases[:-1], aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
    if kind == "kept":
        return original.with_changes(names=aliases)
    return cst.ImportFrom(module=None, relative=[cst.Dot()], names=aliases)


def _from_sys_modules(alias: cst.ImportAlias) -> cst.Assign:
    """`import sibling [as z]` in an import cycle -> `z = __import__("sibling", globals(), level=1)`: the explicit
    relative import that, as the implicit one did, binds the module from sys.modules even while it is still
    being imported (both Pythons return the submodule itself for a relative name without fromlist)."""
    name = alias.name.value
    target = alias.asname.name.value if alias.asname else name
    return cst.Assign(targets=[cst.AssignTarget(cst.Name(target))],
                      value=cst.parse_expression(f'__import__("{name}", globals(), level=1)'))


def _dotted(alias: cst.ImportAlias):
    """`import sibling.sub` -> `sibling = __import__("sibling.sub", globals(), level=1)`: binds `sibling` and
    imports sibling.sub, as the implicit import did (the module from sys.modules, in a cycle too); `import
    sibling.sub as z` -> `from .sibling import sub as z` (Python 2 read the attribute sub of sibling, after
    importing it, both ways)."""
    name = cst.helpers.get_full_name_for_node(alias.name)
    if alias.asname:
        package, _, last = name.rpartition(".")
        return cst.ImportFrom(module=cst.parse_expression(package), relative=[cst.Dot()],
                              names=[cst.ImportAlias(cst.Name(last), asname=alias.asname)])
    return cst.Assign(targets=[cst.AssignTarget(cst.Name(name.split(".")[0]))],
                      value=cst.parse_expression(f'__import__("{name}", globals(), level=1)'))


def has_implicit(tree: ast.Module, names: frozenset) -> bool:
    """Does the module (read by `ast`) import one of `names`, its siblings (siblings.implicit(its directory)),
    implicitly (what make_explicit converts)?"""
    return next(implicit_relative_imports(tree, names), None) is not None


def make_explicit(module: cst.Module, tree: ast.Module, path: Path, names: frozenset) -> tuple:
    """(module, imports converted); `tree` is the same module read by `ast`, to skip the libcst pass where no
    import names a sibling; `names`: siblings.implicit(path.parent)."""
    if not has_implicit(tree, names):
        return module, 0
    transformer = _Explicit(path, names)
    return module.visit(transformer), transformer.converted

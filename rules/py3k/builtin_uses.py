"""Which uses of the removed builtins basestring, long and file `diracmod fix` rewrites (rules/py3k/names_fix.py)
and which it leaves for a person: the one place that decides, for the detector (rules/py3k/names.py reports
pylint's <name>-builtin or the DM rule split off it) and so for the fixer, which rewrites what check reports.

- basestring -> six.string_types only as isinstance/issubclass's class, or an item of the tuple there:
  six.string_types is `(basestring,)` on Python 2, which matches the same objects only there.
- long: `(int, long)` there -> six.integer_types (`long` alone would then match int too); `long(x)` -> `int(x)`
  where an int and a long of the same value behave the same: compared, or the one argument of str, float, int
  or bool (Python 2's int() returns a long when needed).
- file(...) -> open(...), the same call on Python 2; `file` as a type (isinstance) has no equivalent, nor
  file(...) in a module with a star import that may bind both open and builtins (file_star_import), where
  neither `open(...)` nor `builtins.open(...)` is sure to be the builtin.
- reduce -> functools.reduce, unicode -> six.text_type, except in `reduce = reduce` / `unicode = unicode`: the
  module's own name for the builtin, which other modules import from it (Twisted's python/compat.py).
- cmp(a, b) -> (a > b) - (a < b) where a and b can be read twice (rules/py3k/operands.py); cmp as a value ->
  a getattr of six.moves.builtins that is the builtin on Python 2.
"""
from __future__ import annotations

import ast

from diracmod.rules.py3k.operands import read_twice
from diracmod.source import star_imports

# The DM rule each pylint rule's shapes left for a person are reported under.
LEFT = {"basestring-builtin": "basestring-builtin-as-value", "long-builtin": "long-builtin-int-differs",
        "file-builtin": "file-builtin-as-type", "cmp-builtin": "cmp-builtin-operands-read-twice",
        "reduce-builtin": "reduce-builtin-rebinding", "unicode-builtin": "unicode-builtin-rebinding"}
SAME_FOR_INT_AND_LONG = frozenset({"str", "float", "int", "bool"})
# A file(...) call in a module whose star import may bind both of these (what it could become) is left for a person.
FILE_CALL_NAMES = ("open", "builtins")


def star_import_may_bind(level: int, module: str | None, name: str) -> bool:
    """May `from module import *` (with `level` leading dots) bind `name` on Python 2? A relative one may, and one
    of any module but a standard one that python2.7 says does not (diracmod/source/star_imports.json)."""
    return bool(level) or not module or star_imports.may_bind(module, name)


def file_star_import(tree: ast.Module) -> str:
    """`from M import *`, the module's first star import that may bind both FILE_CALL_NAMES, where the module does
    not import builtins from six.moves itself (which builtins.open(...) would use); else ""."""
    star = next((node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.names[0].name == "*"
                 and all(star_import_may_bind(node.level, node.module, name) for name in FILE_CALL_NAMES)), None)
    if star is None or any(isinstance(node, ast.ImportFrom) and node.module == "six.moves" and not node.level
                           and any(a.name == "builtins" and not a.asname for a in node.names)
                           for node in ast.walk(tree)):
        return ""
    return f"from {'.' * star.level}{star.module or ''} import *"


def class_argument(node, parent, grandparent) -> bool:
    """`node` is isinstance/issubclass's class argument or an item of the tuple there."""
    if isinstance(parent, ast.Tuple) and node in parent.elts:
        node, parent = parent, grandparent
    return (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name)
            and parent.func.id in ("isinstance", "issubclass") and len(parent.args) == 2 and not parent.keywords
            and parent.args[1] is node and not isinstance(node, ast.Starred))


def _called(node, parent) -> bool:
    return isinstance(parent, ast.Call) and parent.func is node


def left(name: str, node: ast.Name, parents: list) -> str:
    """Why fix leaves this use of the builtin `name` (basestring, long, file) for a person, or "" (it rewrites
    it). `parents`: the node's ancestors, innermost last."""
    parent, grandparent = ([None, None] + parents)[-1], ([None, None] + parents)[-2]
    if name == "basestring":
        return "" if class_argument(node, parent, grandparent) else \
            "basestring other than as isinstance/issubclass's class (six.string_types is another object)"
    if name in ("reduce", "unicode"):
        return "" if not (isinstance(parent, ast.Assign) and parent.value is node and any(
            isinstance(target, ast.Name) and target.id == name for target in parent.targets)) else \
            f"`{name} = {name}`: the module's own name for the builtin, which other modules may import"
    if name == "cmp":
        return "" if not _called(node, parent) or (
            len(parent.args) == 2 and not parent.keywords and all(read_twice(arg) for arg in parent.args)) else \
            "cmp(a, b) whose operands cannot be read twice, as (a > b) - (a < b) would"
    if name == "file":
        return "" if _called(node, parent) else "file as a type: open is no type on Python 3"
    if isinstance(parent, ast.Tuple) and class_argument(node, parent, grandparent):
        return "" if any(isinstance(e, ast.Name) and e.id == "int" for e in parent.elts) else \
            "long without int in isinstance/issubclass: six.integer_types would match int too"
    if _called(node, parent) and (
            isinstance(grandparent, ast.Compare) or isinstance(grandparent, ast.Call)
            and isinstance(grandparent.func, ast.Name) and grandparent.func.id in SAME_FOR_INT_AND_LONG
            and len(grandparent.args) == 1 and not grandparent.keywords and grandparent.args[0] is parent):
        return ""
    return "long where an int of the same value may behave otherwise (its type, its repr, a class to match)"

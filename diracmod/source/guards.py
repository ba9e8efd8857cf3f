"""Version guards: which blocks only ever run on Python 2 (exempt from porting rules, as in pylint,
but recognising the spellings real code uses: six.PY2/PY3, sys.version_info in all its forms, `not`,
and try/except ImportError or NameError fallbacks). `deps` reads import fallbacks through here too, so that a
guarded import means the same to both."""
from __future__ import annotations

import ast
import operator

from diracmod.source.tables import PY2_ONLY_MODULES

PY2, PY3 = "py2", "py3"
_OPS = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
        ast.Gt: operator.gt, ast.GtE: operator.ge}
# Compare the test on versions each major could be; a guard must hold for all of one and none of the other.
_SAMPLES = {PY2: [(2, 6, 0), (2, 7, 18)], PY3: [(3, 0, 0), (3, 6, 0), (3, 13, 0)]}


def _is_version_info(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "version_info"
            and isinstance(node.value, ast.Name) and node.value.id == "sys")


def _version_view(node):
    """A function version -> what the left side evaluates to, for sys.version_info[...] / .major."""
    if _is_version_info(node):
        return lambda v: v
    if isinstance(node, ast.Attribute) and node.attr == "major" and _is_version_info(node.value):
        return lambda v: v[0]
    if isinstance(node, ast.Subscript) and _is_version_info(node.value):
        index = node.slice
        if isinstance(index, ast.Constant) and index.value == 0:
            return lambda v: v[0]
        if isinstance(index, ast.Slice) and index.lower is None and isinstance(index.upper, ast.Constant):
            return lambda v: v[: index.upper.value]
    return None


def _literal(node):
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
    return value if isinstance(value, (int, tuple)) else None


def _compare(node: ast.Compare):
    if len(node.ops) != 1 or type(node.ops[0]) not in _OPS:
        return None
    view, other = _version_view(node.left), _literal(node.comparators[0])
    if view is None or other is None:
        return None
    op = _OPS[type(node.ops[0])]
    try:
        truth = {major: {op(view(v), other) for v in versions} for major, versions in _SAMPLES.items()}
    except TypeError:
        return None
    if truth[PY2] == {True} and truth[PY3] == {False}:
        return PY2
    if truth[PY2] == {False} and truth[PY3] == {True}:
        return PY3
    return None


def classify(test) -> str | None:
    """PY2 when the test is true only on Python 2, PY3 when only on Python 3, else None."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = classify(test.operand)
        return {PY2: PY3, PY3: PY2}.get(inner)
    if isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name) and test.value.id == "six":
        return {"PY2": PY2, "PY3": PY3, "PY34": PY3}.get(test.attr)
    if isinstance(test, ast.Name):
        return {"PY2": PY2, "PY3": PY3, "IS_PY2": PY2, "IS_PY3": PY3}.get(test.id)
    if isinstance(test, ast.Compare):
        return _compare(test)
    return None


# What a handler must catch to be a fallback for a failing import: a bare `except:`, `except Exception` and
# `except BaseException` catch ImportError too, and code uses them so (`try: import cPickle except Exception:`).
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
# ...and for a name Python 3 removed (`try: unicode except NameError: unicode = str`): only NameError itself,
# since a broad `except Exception` around code is error handling, and would hide everything in its try body.
_NAME_ERRORS = frozenset({"NameError"})


def _caught(handler) -> set:
    """The exception names an except clause catches (the last part of a dotted name); bare: BaseException."""
    if handler.type is None:
        return {"BaseException"}
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {n.id if isinstance(n, ast.Name) else getattr(n, "attr", "") for n in nodes}


def _reraises(handler) -> bool:
    """A handler that raises (a nicer error) is no fallback: what its try imports is required."""
    return any(isinstance(stmt, ast.Raise) for stmt in handler.body)


def catches_import_error(handler) -> bool:
    return bool(_caught(handler) & _IMPORT_ERRORS)


def import_fallback(handler) -> bool:
    """The handler makes its try's imports optional or gives them an alternative: the code goes on."""
    return catches_import_error(handler) and not _reraises(handler)


def _name_fallback(handler) -> bool:
    return bool(_caught(handler) & _NAME_ERRORS) and not _reraises(handler)


def _imports_py2_module(body) -> bool:
    for stmt in body:
        if isinstance(stmt, ast.Import) and any(a.name in PY2_ONLY_MODULES for a in stmt.names):
            return True
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module in PY2_ONLY_MODULES:
            return True
    return False


def no_python3_side(node: ast.Try) -> bool:
    """An import fallback each of whose blocks imports a module Python 3 does not have (`try: import cStringIO
    / except ImportError: import StringIO`): Python 3 fails in every one, so none is a Python-2-only side."""
    return (any(import_fallback(h) for h in node.handlers)
            and all(_imports_py2_module(b) for b in [node.body, *(h.body for h in node.handlers)]))


def try_py2_blocks(node: ast.Try):
    """Which of a try statement's blocks are the Python 2 side of a fallback: a list of bodies."""
    imports = any(import_fallback(h) for h in node.handlers) and not no_python3_side(node)
    names = any(_name_fallback(h) for h in node.handlers)
    if not imports and not names:
        return []
    blocks = [node.body] + [h.body for h in node.handlers]
    py2 = [b for b in blocks if _imports_py2_module(b)] if imports else []
    if names and node.body not in py2:
        py2.append(node.body)  # try: unicode / except NameError: unicode = str
    return py2

"""What `from M import *` binds on Python 2 and on Python 3, for the standard library's modules: a table made by
the Pythons themselves (star_imports.json, from bench/star_imports.py: python2.7's part, and the union of the
parts of Pythons 3.6 to 3.13; tests/test_star_imports.py makes python2.7's part and the running Python 3's again
and compares), of each module's star-import names (its `__all__`, else its public names) among the names that
matter here: Python 2's builtins' names and NAMES (the names rewrites bring into a module, and environ). Only
the modules binding one of those are listed with them; `modules` lists every module that imported, `failed` those found that
did not. A star import of any other module (the project's, a third party's, a standard one that did not import
where the table was made) may bind anything; on Python 3, one of a Python 2 standard module that Python 3 does
not have binds nothing (it fails)."""
from __future__ import annotations

import json
from importlib import resources

# The names rewrites bring into a module besides Python 2's builtins' (open, range, input, reduce, intern...):
# `import six`, `from six.moves import builtins`, `import functools`, `import codecs`, six.moves' reload_module;
# environ, which `from os import *` binds to os.environ (environ-has-key's receiver: rules/py3k/calls.py); and the
# modules whose removed attributes rewrites read through the module's name (`types.StringTypes`: DM185 where a
# star import may bind the name, tryout28 #17).
NAMES = ("builtins", "codecs", "functools", "reload_module", "six", "environ",
         "itertools", "operator", "os", "string", "sys", "types", "urllib")

TABLE = json.loads(resources.files(__package__).joinpath("star_imports.json").read_text("utf-8"))


class _Part:
    """One Python's part of the table (for Python 3: the union over the Pythons 3 it was made with)."""

    def __init__(self, made: dict):
        self.considered, self.modules = frozenset(made["names"]), frozenset(made["modules"])
        self.failed = frozenset(made["failed"])
        self.binds = {module: frozenset(names) for module, names in made["binds"].items()}

    def may_bind(self, module: str, name: str) -> bool | None:
        """Yes, no, or None: not a module this Python's standard library has."""
        if module in self.failed:
            return True
        if module not in self.modules:
            return None
        return name not in self.considered or name in self.binds.get(module, ())


_PYTHON2, _PYTHON3 = _Part(TABLE["python2"]), _Part(TABLE["python3"])


def may_bind(module: str, name: str) -> bool:
    """May `from module import *` bind `name` on Python 2 or on Python 3? `module` as the import finds it
    (absolute: a module of the project named like a standard one is the caller's to rule out, as is a relative
    import). No only for a standard library module of the table and a name the table considers that the module
    binds on neither Python (on Python 3 a Python-2-only standard module fails to import: it binds nothing)."""
    python2 = _PYTHON2.may_bind(module, name)
    if python2 is None:
        return True  # the project's, a third party's, or a standard module that did not import
    python3 = _PYTHON3.may_bind(module, name)
    return python2 or bool(python3)


def binds(module: str, name: str) -> bool:
    """Does `from module import *` bind `name` (a name the table considers) on python2.7 and on a Python 3?"""
    return all(name in part.binds.get(module, ()) for part in (_PYTHON2, _PYTHON3))


def standard(module: str) -> bool:
    """Is `module` a standard library module of python2.7's or of a Python 3's (one that imported there)?"""
    return any(module in part.modules | part.failed for part in (_PYTHON2, _PYTHON3))

"""What `from M import *` binds on Python 2, for the standard library's modules: a table python2.7 made of itself
(star_imports.json, from bench/star_imports_py27.py; tests/test_star_imports.py makes it again and compares), of
each module's star-import names (its `__all__`, else its public names) among the names that matter here: Python
2's builtins' names and the names rewrites bring into a module (INTRODUCED). Only the modules binding one of those
are listed with them; `modules` lists every module looked at. A star import of any other module (the project's,
a third party's, a standard one that did not import where the table was made) may bind anything."""
from __future__ import annotations

import json
from importlib import resources

# The names rewrites bring into a module besides Python 2's builtins' (open, range, input, reduce, intern...):
# `import six`, `from six.moves import builtins`, `import functools`, `import codecs`, six.moves' reload_module.
INTRODUCED = ("builtins", "codecs", "functools", "reload_module", "six")

_TABLE = json.loads(resources.files(__package__).joinpath("star_imports.json").read_text("utf-8"))
_CONSIDERED = frozenset(_TABLE["names"])
_MODULES = frozenset(_TABLE["modules"])
_BINDS = {module: frozenset(names) for module, names in _TABLE["binds"].items()}


def may_bind(module: str, name: str) -> bool:
    """May `from module import *` bind `name` on Python 2? `module` as the import finds it (absolute: a module
    of the project named like a standard one is the caller's to rule out, as is a relative import). No only
    for a standard library module of the table and a name the table considers that the module does not bind."""
    return module not in _MODULES or name not in _CONSIDERED or name in _BINDS.get(module, ())

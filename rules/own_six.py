"""A project's own copy of six, which the rewrites import instead of the top-level `six`.

A project that ships six (Django 1.4.22: django/utils/six.py, a copy of six 1.8.0) wants no new dependency:
its rewrites must import that copy, as Django 1.5 did by hand (`from django.utils import six`,
`from django.utils.six.moves import range`). Which copy:
- `[tool.diracmod.fix] six = "django.utils.six"`: for every module fixed, but one whose sys.path lacks it (a
  script in scripts/ beside the package, importing nothing of it: out_of_reach), which gets the top-level six;
- else a six.py (or six/) beside the module, when it is a copy of six (it defines __version__, PY3 and
  moves): on Python 2 the module's `import six` finds that sibling (in a package, an implicit relative
  import; in a script directory, which is sys.path[0], on Python 3 too), and `from . import six` is not what
  the rewrites mean. A sibling six that is no copy of six stops the rewrites using six (rules/codemod.py:
  it is one of the module's `first_party` names; check reports those findings as DM109).
A copy may be older than what a rewrite uses (six 1.8.0 has no python_2_unicode_compatible, ensure_binary,
moves.getcwd): its file is read, and in a module where a rule's rewrites name anything the copy does not
define (a module-level name, a name of `six.moves` given to MovedAttribute/MovedModule, a part of six >= 1.4's
`six.moves.urllib` (parse, request...: tryout26c #5), or `<copy>.moves` as a
module to import from, which six before 1.4 does not register: tryout18b #1), that rule's
findings are left for a person (rules/codemod.py), unless the copy is a sibling found by default: then that
module's rewrites import the top-level six, as the project's other modules do, where the module neither binds
nor imports six of its own (`import six as sx`, `from six.moves import range` mean the copy on Python 2 too)
and absolute_import can be added (the fix engine: `import six` is then the top-level one on Python 2 too).
`six = "six"` names the top-level six: a module beside a copy gets it the same way, also where the copy has
everything (a module importing six itself keeps the copy, with what it lacks left). A module whose
absolute_import makes its own `import six` the top-level one uses that. A configured copy in one of the
project's packages that is not found there is a configuration error (the fix command: a typo would make every
rewrite import a module that does not exist); one outside the project is trusted as it is. A copy's own file
(six.py or six/__init__.py) is left as it is (engine: skipped with a note, which does not fail `fix --check`), whatever the setting.
"""
from __future__ import annotations

import ast
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from diracmod.core import siblings
from diracmod.source import six_copy
from diracmod.source.scopes import bound_names

# what rules/codemod.py's _six_names says of a module of six a rewrite imports (`from six.moves import builtins`:
# "six.moves as a module"): a copy of six before 1.4 registers only "six.moves", not `<copy>.moves`
AS_MODULE = " as a module"


@dataclass(frozen=True)
class OwnSix:
    module: str  # its dotted name: "django.utils.six"
    path: Path | None  # its file, None: not found
    names: frozenset | None  # what it defines at module level, None: not read (trusted)
    moved: frozenset | None  # the names its six.moves (urllib's parts included) defines
    beside: bool = False  # it is the module's sibling: the module's own `import six` already imports it
    moves_module: bool = True  # its six.moves is importable as `<copy>.moves` (six >= 1.4: six_copy.moves_importable)
    above: bool = False  # a configured copy above the module's root, off its sys.path (out_of_reach)

    def provides(self, chain: str) -> bool:
        """Does this six have `six.a.b` (a dotted name written with six's own name)? `six.moves` imported as
        a module (AS_MODULE: `from six.moves import builtins`): only where the copy registers it so."""
        if chain.endswith(AS_MODULE):
            return self.names is None or self.moves_module
        parts = chain.split(".")[1:]
        if self.names is None or not parts:
            return True
        if parts[0] != "moves" or len(parts) == 1:
            return parts[0] in self.names
        if parts[1] == "urllib" and len(parts) > 2:
            # six.moves.urllib.parse[.quote], imported from or written as an attribute chain alike: the part of six
            # >= 1.4's urllib namespace (six_copy), and the name among the copy's moves (MovedAttribute)
            return f"urllib.{parts[2]}" in self.moved and (len(parts) == 3 or parts[3] in self.moved)
        # six.moves.x, and an attribute of its module (six.moves.html_entities.name2codepoint: Python's own)
        return parts[1] in self.moved


def gives_way(own: OwnSix | None, setting: str | None, tree: ast.Module) -> bool:
    """May a module's rewrites import the top-level six in place of `own`? Only a sibling copy found by
    default or beside a module when the setting is "six", in a package (a script directory's six.py is the
    top-level six of its scripts): a configured copy is the user's choice. And only where the module neither
    binds `six` nor imports six itself: on Python 2 its `import six as sx`, `from six.moves import range` mean
    the copy, and the absolute_import the switch adds would make them mean the top-level six."""
    return (own is not None and own.beside and setting in (None, "six") and own.module != "six"
            and not imports_six(tree) and "six" not in bound_names(tree))


# The six name a rule's rewrites always write (rules/py3k/runtime_fix.py builds it from here), which an old copy of
# six may lack (six 1.8.0 and older: no moves.getcwd): check counts such a finding fixable only where fix writes it
# (lacking, tryout18b #3); six.PY2 came with six 1.4 (Paver 1.2.1 vendors 1.2.0: tryout26 #1), and so did
# six.moves.urllib, whose parts every rewrite of deprecated-urllib-function writes (six.moves.urllib.parse.quote:
# tryout26c #5). A rule whose rewrite writes six only at times (text-to-bytes-api: b'x' or six.ensure_binary(x);
# bad-python3-import: `from six.moves import queue`, or the import tried) is not listed: check still counts it
# fixable beside a copy lacking the name.
WRITES = {"os-getcwdu": "six.moves.getcwd", "deprecated-str-translate-call": "six.PY2",
          "deprecated-urllib-function": "six.moves.urllib"}


def takes_top_level(own: OwnSix | None, setting: str | None, tree: ast.Module, future: frozenset, lacking: bool,
                    absolute: bool = True) -> bool:
    """Do the module's rewrites import the top-level six in place of `own`: its `import six` is the top-level six
    (imports_top_level), or a sibling copy gives way (gives_way, where absolute_import can be added: `absolute`)
    because `six = "six"` asks for it or the copy lacks what the rewrites write (`lacking`)."""
    return imports_top_level(own, tree, future) or absolute and gives_way(own, setting, tree) and (
        setting == "six" or lacking)


def lacking(own: OwnSix | None, setting: str | None, tree: ast.Module, future: frozenset, symbol: str,
            absolute: bool = True) -> bool:
    """Does fix leave the findings of `symbol` in the module (`tree`, its `future` imports) because its own six
    `own` lacks the name their rewrite writes (WRITES)? check asks this to count them not fixable, as fix's note
    says "<copy> lacks six.moves.getcwd". `absolute`: can fix add the module's absolute_import (not where a
    four-argument import hook of the project, DM431, or another reason check reports in place of W1618 withholds
    it: tryout20 #10; then the module keeps its sibling copy, and what the copy lacks is left)."""
    chain = WRITES.get(symbol)
    return (chain is not None and own is not None and not own.provides(chain)
            and not takes_top_level(own, setting, tree, future, True, absolute))


def imports_top_level(own: OwnSix | None, tree: ast.Module, future: frozenset) -> bool:
    """Does the module beside a copy import six under absolute_import (then its `import six` is the
    top-level six on Python 2 too, and so is what the rewrites write with it)?"""
    return own is not None and own.beside and own.module != "six" and "absolute_import" in future \
        and imports_six(tree)


def imports_six(tree: ast.Module) -> bool:
    """Does the module import six by that name anywhere (`import six as sx`, `from six.moves import range`)?"""
    return imports_module(tree, "six")


def imports_module(tree: ast.Module, top: str) -> bool:
    """Does the module import the top-level module or package `top` or one of its modules anywhere?"""
    return any(isinstance(node, ast.Import) and any(alias.name.split(".")[0] == top for alias in node.names)
               or isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == top
               for node in ast.walk(tree))


def out_of_reach(own: OwnSix | None, tree: ast.Module) -> bool:
    """Is the configured copy `own` off the sys.path of the module (`tree`): under a directory above the module's
    root (pkg/extern/six.py seen from scripts/fetch.py, run as `python scripts/fetch.py`: sys.path[0] is scripts/,
    tryout27 #8), and the module imports nothing of the copy's top package itself (a script importing pkg, a test
    tree importing django, has it on its path wherever it runs)? Its rewrites then import the top-level six, as
    without the setting."""
    return own is not None and own.above and not imports_module(tree, own.module.split(".")[0])


def describe(own: OwnSix, path: str) -> str:
    """The copy as the note on the module at `path` names it: its module, and its file as seen from `path`
    (a script directory's copy is called "six" too)."""
    if own.path is None:
        return own.module
    directory = os.path.dirname(path)
    seen = os.path.normpath(os.path.join(directory, os.path.relpath(own.path, os.path.abspath(directory))))
    return f"{own.module} ({seen})"


def for_module(path: str, setting: str | None, tree: ast.Module) -> OwnSix | None:
    """The own six the rewrites of the module at `path` (`tree`) import (none in that six's own file, nor where the
    configured copy is out of the module's reach: out_of_reach)."""
    own = None if six_copy.is_own_copy(path, setting) else find(Path(os.path.abspath(path)).parent, setting)
    return None if out_of_reach(own, tree) else own


def unresolved(setting: str | None, paths) -> str | None:
    """Why the configured copy `setting` cannot be the six of the modules at `paths`: its top package is one
    of the project's (under the root of a module's package) but holds no such module; None if it is found,
    or lies outside the project (trusted), or is "six"."""
    if not setting or setting == "six":
        return None
    roots = {Path(siblings.root(os.path.dirname(os.path.abspath(path)))) for path in paths}
    if any(six_copy.module_file(root, setting) for root in roots):
        return None
    top = setting.split(".")[0]
    ours = sorted(str(root) for root in roots
                  if (root / top / "__init__.py").is_file() or (root / f"{top}.py").is_file())
    if not ours:
        return None
    where = setting.replace(".", "/")
    return (f"{setting!r} is not found: no {where}.py nor {where}/__init__.py under {', '.join(ours)}; name the "
            f"project's copy of six by its dotted module name (\"django.utils.six\"), \"six\" for the top-level six, "
            f"or remove the setting (a six.py beside a module is found by default)")


@functools.lru_cache(maxsize=64)
def find(directory: Path, setting: str | None) -> OwnSix | None:
    """The own six of a module in `directory`, if any: the setting, else a sibling copy of six; with
    `six = "six"`, the sibling copy still, which the module's `import six` finds on Python 2 (gives_way)."""
    if setting and setting != "six":
        found = six_copy.module_file(directory, setting)
        above = None if found else six_copy.module_above(directory, setting)
        return _read(setting, found or above, directory, above is not None)
    package = siblings.package_name(directory)
    dotted = f"{package}.six" if package else "six"  # a script directory's sibling is the top-level six
    found = six_copy.file_in(directory)
    # a module of the project that happens to be called six is no copy of six: its names would not mean six's
    if six_copy.is_copy(found):
        return _read(dotted, found, directory)
    return _read(setting, six_copy.module_file(directory, setting), directory) if setting else None


def _read(module: str, path: Path | None, directory: Path, above: bool = False) -> OwnSix:
    if path is None:
        return OwnSix(module, None, None, None)
    names, moved = six_copy.names(path)
    return OwnSix(module, path, names, moved, path in (directory / "six.py", directory / "six" / "__init__.py"),
                  module == "six" or six_copy.moves_importable(path),  # "six": its "six.moves" is the one imported
                  above)

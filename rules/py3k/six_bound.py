"""A module that binds `six` itself otherwise than by an import (a parameter, an assignment, a def, `global six`:
tryout4 #19): fix's stage 2 then makes none of the rewrites that need `import six` (rules/codemod.py's _taken:
the name would reach that other object). Likewise a module with a star import that may bind functools or
codecs (of the project's module: builtin_uses.star_import_may_bind; tryout6 #17): the `import codecs` a rewrite adds
would be rebound by `from helpers import *`, and `codecs.encode(...)` call the helpers module's object. (Not a
namespace write of any key, `globals()[name] = wrap(...)`, which builtin-name-unsure reads for a builtin's name:
a module's own loop re-wrapping its functions names no module it never imported, and leaving every rewrite
naming six there would leave the whole of such a module for a `raise E, V, T`); and one binding codecs itself (`def g(codecs)`), which the fixer's own test reads.
check reports the findings of the rules whose rewrite may write such a name as rewrite-name-bound-by-module instead
of counting them fixable, each split off its own rule, so that `check`'s "N fixable" is what `fix` does; and fix,
given none of them, makes the module's other rewrites. The findings that would write six are
rewrite-six-is-project-module where the module's `import six` finds a module of the project that is no copy of
six (tryout5 #33: a six.py beside it; diracmod/source/six_copy.py, which the check engine asks with the file's
directory): rules/codemod.py then makes no rewrite importing six either. And six-shadowed-by-project-module where
the module's `import six` would make six import a module of the project's named like one six imports when it loads
on Python 2 (tryout12 #18: a script directory's operator.py, functools.py; six_copy.shadowing): fix's stage 2 is
told "six" is one of the project's modules then (diracmod/fix/engine.py).
Likewise where an import at the top may not be the module's own (diracmod/source/import_setup.py, which fix's
stage 2 reads too): the module imports six (functools, codecs, itertools) itself below code setting up where
imports are found (`sys.path.insert(...)` of a vendored six: tryout7 #23), or binds six by an import in a block or
a def (`try: import six` / `except ImportError: from vendor import six`, `if X: import six`: tryout7 #24). Not the
`raise E, V, T` there: stage 1's six.reraise is left as it was before.

IMPORT_WRITING: for each module a rewrite imports (six, functools, codecs), the fixable rules whose rewrite may name
it. SIX_WRITING: the fixable rules whose stage-2 rewrite may name six (`six.text_type`, `six.iteritems(d)`, a
`from six.moves import range` spelled `six.moves.range` where the module uses range otherwise...): a superset,
tests/fix/test_catalogue_fixes.py checks it against the catalogue's fixed examples. An import of six under
another name or from a package (`from django.utils import six`) is not looked at: it may be the project's own
six, which fix uses (rules/own_six.py).
"""
from __future__ import annotations

import ast

from diracmod.core import catalogue
from diracmod.rules.py3k.builtin_uses import star_import_may_bind
from diracmod.rules.py3k.moves import ATTRIBUTE_SYMBOLS, MODULE_SYMBOL
from diracmod.rules.py3k.rebound import rebound_names
from diracmod.source.import_setup import imported_below_setup, imported_in_block
from diracmod.source.scopes import class_attributes, class_scope_spans, stores
from diracmod.source import module_nodes

SIX_WRITING = frozenset({
    MODULE_SYMBOL, *ATTRIBUTE_SYMBOLS.values(), "basestring-builtin", "bytes-result-as-text", "cmp-builtin",
    "deprecated-str-translate-call", "dict-iter-method", "dict-view-method", "file-builtin", "input-builtin",
    "intern-builtin", "long-builtin", "map-builtin-not-iterating", "metaclass-assignment", "next-method-called",
    "os-getcwdu", "raw_input-builtin", "reload-builtin", "str-to-bytes-api", "text-to-bytes-api", "unichr-builtin",
    "unicode-builtin", "unicode-method", "unittest-alias-removed", "xrange-builtin", "zip-builtin-not-iterating"})
# functools: key=functools.cmp_to_key(f), functools.total_ordering, functools.reduce; codecs: codecs.encode(s,
# 'hex'). A star import that may bind itertools may bind map too: map's rewrites are builtin-name-unsure then
# (runtime.py).
IMPORT_WRITING = {"six": SIX_WRITING,
                  "functools": frozenset({"using-cmp-argument", "positional-cmp-argument", "cmp-method",
                                          "reduce-builtin"}),
                  "codecs": frozenset({"invalid-str-codec", "invalid-str-codec-spelled"})}
# the modules a rewrite may import, IMPORT_WRITING's and map's padded `itertools.starmap(...)`: where the module
# imports one below a set-up of where imports are found, the import a rewrite adds at the top would run before it
LATE_WRITING = {**IMPORT_WRITING, "itertools": frozenset({"map-builtin-not-iterating"})}
_LATE = "by its own import below code setting up where imports are found (sys.path, sys.modules, addsitedir)"
# the modules whose binding by the module itself check reads here (six's, codecs'); functools' is read by the
# detectors of its rules (calls.py, runtime.py), which report their own DM rules for it
_BOUND_HERE = ("six", "codecs")


def binds_otherwise(tree: ast.Module, name: str) -> bool:
    """Does the module bind `name` in any scope otherwise than by an import?"""
    return name in rebound_names(tree) and any(
        name in stores(node) for node in module_nodes.walk(tree) if not isinstance(node, ast.alias))


def _bindings(tree: ast.Module) -> dict:
    """For each module of IMPORT_WRITING the module binds otherwise than by an import (_BOUND_HERE) or a star import
    of it may bind, how, for check's message."""
    stars = [node for node in module_nodes.of_kind(tree, ast.ImportFrom) if node.names[0].name == "*"]
    found = {}
    for name in IMPORT_WRITING:
        # not six: a star import of a module binding six to anything but six is too rare to leave every rewrite
        # naming six, and with them the whole of a module whose `raise E, V, T` needs six.reraise (Django 1.4's
        # database backends, `from django.db.backends import *`: 8 modules left Python-2-only)
        star = next((node for node in stars if name != "six" and star_import_may_bind(node.level, node.module, name)),
                    None)
        if star is not None:
            found[name] = f"unseen, maybe (`from {'.' * star.level}{star.module or ''} import *`)"
        elif name in _BOUND_HERE and binds_otherwise(tree, name):
            found[name] = "itself"
    return found


def _placed(tree: ast.Module, text: str) -> dict:
    """For each module of LATE_WRITING that an import added at the top may not be the module's own
    (diracmod/source/import_setup.py, as fix's stage 2 reads it), how, for check's message."""
    found = {name: _LATE for name in sorted(imported_below_setup(tree, text) & set(LATE_WRITING))} if text else {}
    line = imported_in_block(tree, "six")
    if line and "six" not in found:
        found["six"] = f"by an import in a block or a def (line {line}), not at the module's top level"
    return found


def _reraise_lines(tree: ast.Module) -> frozenset:
    """The lines of the `raise E, V, T` statements (`raise (E, V, T)` in the Python 3 spelling check reads), which
    stage 1 of fix makes `six.reraise(E, V, T)` (rules/py3k/syntax_fix.py)."""
    return frozenset(node.lineno for node in module_nodes.of_kind(tree, ast.Raise)
                     if isinstance(node.exc, ast.Tuple) and len(node.exc.elts) == 3)


def _in_class_scope(attributes: list):
    """Is a position (line, column) in the own scope of one of the classes `attributes` whose bodies bind `six` as
    a method or a plain attribute (`class C: six = None`; scopes.class_attributes)? A rewrite there would read
    that attribute; one in its methods reads the module's `six` (a class body's names are not the methods'),
    which fix writes (rules/codemod.py leaves such bindings out of the names a rewrite's import may not take)."""
    spans = [class_scope_spans(cls) for cls, _ in attributes]
    return lambda position: any(first <= position <= last and not any(start <= position <= end
                                                                      for start, end in bodies)
                                for (first, last), bodies in spans)


def reporter(add, tree: ast.Module, project_six: str = "", text: str = "", shadowing: str = ""):
    """`add` (check's sink of findings: the parser's and a rules/walker.py Context's) reporting each finding of a
    rule of IMPORT_WRITING, and `raise E, V, T`'s old-raise-syntax (six.reraise), as rewrite-name-bound-by-module,
    split off that rule's pylint rule (none for a rule of diracmod's own): everywhere where the module binds the
    module the rewrite names otherwise than by an import or may bind it unseen (_bindings), else, for six, in the
    own scope of a class binding six (_in_class_scope); elsewhere, those writing six, as
    rewrite-six-is-project-module where the module's `import six` finds a module of the project's that is no copy
    of six (`project_six`: where it is, diracmod.source.six_copy.project_six; fix's stage 2 then makes no rewrite
    importing six, rules/codemod.py), else as six-shadowed-by-project-module where it would make six import a
    module of the project's in place of a standard one (`shadowing`: which, diracmod.source.six_copy.shadowing);
    likewise, but for `raise E, V, T`, where an import added at the top may not be the module's own (_placed:
    `text` is what `tree` was parsed from); `add` itself where none of these."""
    bindings, placed = _bindings(tree), _placed(tree, text)
    attributes = [] if "six" in bindings else class_attributes(tree, "six")
    if not bindings and not placed and not attributes and not project_six and not shadowing:
        return add
    in_class = _in_class_scope(attributes)
    rules, reraise = catalogue.load(), _reraise_lines(tree)

    def report(symbol, line, column, detail=None, *end):
        raising = symbol == "old-raise-syntax" and line in reraise
        writes = ("six",) if raising else [name for name, symbols in LATE_WRITING.items() if symbol in symbols]
        bound = next((name for name in writes if name in bindings), None)
        how = bindings.get(bound, "itself")
        if bound is None and not raising:
            bound = next((name for name in writes if name in placed), None)
            how = placed.get(bound, how)
        if bound is None and "six" in writes and in_class((line, column)):
            bound = "six"
        if bound is not None or (project_six or shadowing) and "six" in writes:
            pylint = rules.pylint(symbol)
            detail = {"original": symbol, "name": bound or "six", "how": how, "where": project_six,
                      "modules": shadowing, "split_from": "" if pylint.id.startswith("DM") else pylint.symbol}
            symbol = ("rewrite-name-bound-by-module" if bound is not None else
                      "rewrite-six-is-project-module" if project_six else "six-shadowed-by-project-module")
        add(symbol, line, column, detail, *end)
    return report

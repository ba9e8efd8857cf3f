"""A module that binds `six` itself otherwise than by an import (a parameter, an assignment, a def, `global six`:
tryout4 #19): fix's stage 2 then makes none of the rewrites that need `import six` (rules/codemod.py's _taken:
the name would reach that other object). check reports the findings of the rules whose rewrite may write six as
rewrite-name-bound-by-module instead of counting them fixable, each split off its own rule, so that `check`'s
"N fixable" is what `fix` does; and fix, given none of them, makes the module's other rewrites. The same findings
are rewrite-six-is-project-module where the module's `import six` finds a module of the project that is no copy of
six (tryout5 #33: a six.py beside it; diracmod/source/six_copy.py, which the check engine asks with the file's
directory): rules/codemod.py then makes no rewrite importing six either.

SIX_WRITING: the fixable rules whose stage-2 rewrite may name six (`six.text_type`, `six.iteritems(d)`, a
`from six.moves import range` spelled `six.moves.range` where the module uses range otherwise...): a superset,
tests/fix/test_catalogue_fixes.py checks it against the catalogue's fixed examples. An import of six under
another name or from a package (`from django.utils import six`) is not looked at: it may be the project's own
six, which fix uses (diracmod/fix/own_six.py).
"""
from __future__ import annotations

import ast

from diracmod.core import catalogue
from diracmod.rules.py3k.moves import ATTRIBUTE_SYMBOLS, MODULE_SYMBOL
from diracmod.rules.py3k.rebound import rebound_names, stores
from diracmod.source.scopes import class_attributes, class_scope_spans

SIX_WRITING = frozenset({
    MODULE_SYMBOL, *ATTRIBUTE_SYMBOLS.values(), "basestring-builtin", "bytes-result-as-text", "cmp-builtin",
    "dict-iter-method", "dict-view-method", "file-builtin", "input-builtin", "intern-builtin", "long-builtin",
    "map-builtin-not-iterating", "metaclass-assignment", "next-method-called", "os-getcwdu", "raw_input-builtin",
    "reload-builtin", "str-to-bytes-api", "text-to-bytes-api", "unichr-builtin", "unicode-builtin",
    "unicode-method", "unittest-alias-removed", "xrange-builtin", "zip-builtin-not-iterating"})


def binds_six_otherwise(tree: ast.Module) -> bool:
    """Does the module bind `six` in any scope otherwise than by an import?"""
    return "six" in rebound_names(tree) and any(
        "six" in stores(node) for node in ast.walk(tree) if not isinstance(node, ast.alias))


def _reraise_lines(tree: ast.Module) -> frozenset:
    """The lines of the `raise E, V, T` statements (`raise (E, V, T)` in the Python 3 spelling check reads), which
    stage 1 of fix makes `six.reraise(E, V, T)` (rules/py3k/syntax_fix.py)."""
    return frozenset(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Raise)
                     and isinstance(node.exc, ast.Tuple) and len(node.exc.elts) == 3)


def _in_class_scope(attributes: list):
    """Is a position (line, column) in the own scope of one of the classes `attributes` whose bodies bind `six` as
    a method or a plain attribute (`class C: six = None`; scopes.class_attributes)? A rewrite there would read
    that attribute; one in its methods reads the module's `six` (a class body's names are not the methods'),
    which fix writes (rules/codemod.py leaves such bindings out of the names a rewrite's import may not take)."""
    spans = [class_scope_spans(cls) for cls, _ in attributes]
    return lambda position: any(first <= position <= last and not any(start <= position <= end
                                                                      for start, end in bodies)
                                for (first, last), bodies in spans)


def reporter(add, tree: ast.Module, project_six: str = ""):
    """`add` (check's sink of findings: the parser's and a rules/walker.py Context's) reporting each finding of a
    SIX_WRITING rule, and `raise E, V, T`'s old-raise-syntax, as rewrite-name-bound-by-module, split off that
    rule's pylint rule (none for a rule of diracmod's own): everywhere where the module binds six otherwise than
    by an import (binds_six_otherwise), else in the own scope of a class binding six (_in_class_scope); elsewhere
    as rewrite-six-is-project-module where the module's `import six` finds a module of the project's that is no
    copy of six (`project_six`: where it is, diracmod.source.six_copy.project_six; fix's stage 2 then makes no
    rewrite importing six, rules/codemod.py); `add` itself where none of these."""
    everywhere = binds_six_otherwise(tree)
    attributes = [] if everywhere else class_attributes(tree, "six")
    if not everywhere and not attributes and not project_six:
        return add
    in_class = _in_class_scope(attributes)
    rules, reraise = catalogue.load(), _reraise_lines(tree)

    def report(symbol, line, column, detail=None, *end):
        if symbol in SIX_WRITING or symbol == "old-raise-syntax" and line in reraise:
            bound = everywhere or in_class((line, column))
            if bound or project_six:
                pylint = rules.pylint(symbol)
                detail = {"original": symbol, "name": "six", "where": project_six,
                          "split_from": "" if pylint.id.startswith("DM") else pylint.symbol}
                symbol = "rewrite-name-bound-by-module" if bound else "rewrite-six-is-project-module"
        add(symbol, line, column, detail, *end)
    return report

"""Fixers for renamed modules and removed module attributes (imports.py and calls.py detect them), driven by
the one stdlib-moves table (diracmod/source/stdlib_moves.toml): every replacement there is the same object
on Python 2, so Python 2 behaves as before.

- `import Queue [as Q]` -> `from six.moves import queue as Queue` (a six.moves module: the module itself);
  `import urllib2` whose every use is `urllib2.<a name six moved>` -> those uses spelled
  `six.moves.urllib.request.urlopen`, the import replaced by `import six`; otherwise left whole.
- `from M import a, b as c` -> the same names imported from where they moved, aliased to the names the
  module uses (`from itertools import izip` -> `from six.moves import zip as izip`), so no other line
  changes; left whole when one of its removed names has no importable replacement.
- `M.attribute` -> its replacement (`types.StringTypes` -> `six.string_types`, `sys.maxint` -> `sys.maxsize`);
  `six.string_types` is `(basestring,)` on Python 2, not `(str, unicode)`: it matches the same objects only
  as isinstance/issubclass's class argument or an `except` clause's, so it is written only there (a
  `from types import StringTypes` only when every use is there); `type(s) in types.StringTypes` stays.
  `string.upper(s)` -> `s.upper()`, `string.join(words, sep)` -> `sep.join(words)`.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, ScopeProvider

from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.names_fix import atom, dotted, expression, last_without_comma
from diracmod.source.tables import REMOVED_ATTRIBUTES, STDLIB_MOVES

# The symbol check reports for a removed attribute of each module (imports.py, calls.py).
ATTRIBUTE_SYMBOLS = {"types": "deprecated-types-field", "string": "deprecated-string-function",
                     "itertools": "deprecated-itertools-function", "urllib": "deprecated-urllib-function",
                     "sys": "sys-max-int"}
MODULE_SYMBOL = "bad-python3-import"
JOIN_FUNCTIONS = ("join", "joinfields")  # string.join(words, sep=" ") is sep.join(words)
# Replacements that are another object on Python 2, matching the same classes only as a class argument.
CLASS_ARGUMENT_ONLY = {"six.string_types"}


def _names(module: str) -> dict:
    return STDLIB_MOVES.get(module, {}).get("names", {})


def _importable(replacement: str) -> tuple | None:
    """(module, name) a replacement can be imported as; a builtin from six.moves.builtins; None for an
    expression (`type(None)`)."""
    if not replacement.replace(".", "").replace("_", "").isalnum():
        return None
    module, _, name = replacement.rpartition(".")
    return (module or "six.moves.builtins", name)


def _import_from(module: str, aliases: list) -> cst.ImportFrom:
    """`from module import a, b as c` from [(name, local name)]."""
    names = [cst.ImportAlias(cst.Name(name), asname=None if local == name else cst.AsName(cst.Name(local)))
             for name, local in aliases]
    return cst.ImportFrom(module=expression(module), names=names)


class _ClassArguments(cst.CSTVisitor):
    """The ids of the nodes Python takes as classes to match: isinstance/issubclass's second argument and an
    `except` clause's type, and the items of a tuple there (nested tuples match item by item)."""

    def __init__(self):
        super().__init__()
        self.ids = set()

    def visit_Call(self, node: cst.Call) -> None:
        if (isinstance(node.func, cst.Name) and node.func.value in ("isinstance", "issubclass")
                and len(node.args) == 2 and not any(arg.star or arg.keyword for arg in node.args)):
            self._add(node.args[1].value)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.type is not None:
            self._add(node.type)

    def _add(self, node: cst.CSTNode) -> None:
        self.ids.add(id(node))
        if isinstance(node, cst.Tuple):
            for element in node.elements:
                if not isinstance(element, cst.StarredElement):
                    self._add(element.value)


class ModuleMoves(FixRule):
    SYMBOLS = (MODULE_SYMBOL, *ATTRIBUTE_SYMBOLS.values())

    def visit_Module(self, node: cst.Module) -> None:
        self._module = node
        self._class_arguments = None  # ids of the nodes that are class arguments, when first needed
        self._scopes = self._parents = None  # the whole module's, when first needed

    def _is_class_argument(self, node: cst.CSTNode) -> bool:
        if self._class_arguments is None:
            found = _ClassArguments()
            self._module.visit(found)
            self._class_arguments = found.ids
        return id(node) in self._class_arguments

    def _reads(self, statement: cst.CSTNode, bound: str) -> list | None:
        """The names reading what `statement` (an import) binds to `bound`, wherever they are: libcst's scope
        analysis, so a function's own `from six.moves import StringIO` is another StringIO, and a use in a
        nested function or class body is this one. None when the import's scope binds `bound` elsewhere too
        (rebound): no single module stands behind the name; except for the imports of a fallback whose try
        body is this import (`try: import cStringIO as StringIO / except ImportError: import StringIO`, both
        Python-2-only, or check would not report it): Python 2 runs the try body, and so will Python 3 once it
        is rewritten, so its reads are all of the name's."""
        if self._scopes is None:
            wrapper = MetadataWrapper(self._module, unsafe_skip_copy=True)  # the same nodes: ids line up
            self._scopes, self._parents = wrapper.resolve(ScopeProvider), wrapper.resolve(ParentNodeProvider)
        assignments = self._scopes[statement].assignments[bound]
        if not any(a.node is statement for a in assignments):
            return None
        others = [a.node for a in assignments if a.node is not statement]
        if others and not all(self._handler_import_of(node, statement) for node in others):
            return None
        return list({id(access.node): access.node for a in assignments for access in a.references}.values())

    def _handler_import_of(self, node: cst.CSTNode, statement: cst.CSTNode) -> bool:
        """`node` is an import in an except clause of the try statement whose body holds `statement`."""
        block = self._parents[self._parents[statement]]
        attempt = self._parents.get(block)  # the module has none
        if not (isinstance(node, (cst.Import, cst.ImportFrom)) and isinstance(attempt, cst.Try)
                and attempt.body is block):
            return False
        return self._parents[self._parents[self._parents[node]]] in attempt.handlers

    def _moved_attributes(self, statement: cst.Import, bound: str, names: dict) -> list:
        """The `bound.name` attributes that are every read of `bound`, when each name is in `names`; else []."""
        reads = self._reads(statement, bound) or ()
        attributes = [self._parents[name] for name in reads]
        if all(isinstance(a, cst.Attribute) and a.value is name and a.attr.value in names
               for a, name in zip(attributes, reads)):
            return attributes
        return []

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if len(node.body) != 1:
            return
        statement = node.body[0]
        if isinstance(statement, cst.Import) and self.reported(MODULE_SYMBOL, statement):
            self._import(node, statement)
        elif isinstance(statement, cst.ImportFrom) and statement.module is not None and not statement.relative:
            module = dotted(statement.module)
            symbol = ATTRIBUTE_SYMBOLS.get(module, MODULE_SYMBOL)
            if self.reported(symbol, statement):
                self._import_from(node, statement, module, symbol)

    def _renamed(self, line, statement, module: str) -> bool:
        """`import markupbase` / `from markupbase import ParserBase`, alone on its line: Python 2 runs it as it
        is, Python 3 the same import of the module's new name when it raises ImportError."""
        renamed = STDLIB_MOVES.get(module, {}).get("renamed")
        if not renamed or isinstance(statement, cst.Import) and len(statement.names) != 1:
            return False
        if isinstance(statement, cst.Import):
            alias = statement.names[0]
            bound = alias.asname.name.value if alias.asname else module
            if "." in bound:
                return False
            fallback = cst.Import(names=[cst.ImportAlias(expression(renamed), asname=cst.AsName(cst.Name(bound)))])
        else:
            fallback = statement.with_changes(module=expression(renamed))
        self.replace(line, MODULE_SYMBOL, lambda updated: _try_renamed(updated, fallback))
        return True

    def _import(self, line, statement: cst.Import) -> None:
        if self._renamed(line, statement, dotted(statement.names[0].name)):
            return
        kept, moved, tops = [], [], []
        for alias in statement.names:
            module = dotted(alias.name)
            bound = alias.asname.name.value if alias.asname else module
            move = STDLIB_MOVES.get(module, {})
            attributes = self._moved_attributes(statement, bound, move["names"]) if (
                move.get("names") and "." not in bound) else []
            if "module" in move and "." not in bound:
                parent, _, name = move["module"].rpartition(".")
                moved.append(_import_from(parent, [(name, bound)]))
            elif attributes:
                for attribute in attributes:
                    replacement = move["names"][attribute.attr.value]
                    self.replace(attribute, MODULE_SYMBOL, lambda updated, r=replacement: expression(r))
                    tops.append(replacement.split(".")[0])
            else:
                kept.append(alias)
        if not moved and not tops:
            return
        statements = [statement.with_changes(names=last_without_comma(kept))] if kept else []
        statements += moved
        for top in dict.fromkeys(tops):
            if _imported(self._module, top):
                continue
            if statements or line not in self._module.body or _has_comments(line):
                statements.append(cst.Import(names=[cst.ImportAlias(cst.Name(top))]))
            else:
                self.need_import(top)
        self.replace(line, MODULE_SYMBOL, lambda updated: _lines(updated, statements))

    def _import_from(self, line, statement: cst.ImportFrom, module: str, symbol: str) -> None:
        if self._renamed(line, statement, module):
            return
        move = STDLIB_MOVES.get(module, {})
        if "module" in move:  # the module itself on Python 2: `from Tkinter import *` imports the same names
            self.replace(statement, symbol, lambda updated: updated.with_changes(module=expression(move["module"])))
            return
        if isinstance(statement.names, cst.ImportStar):
            return
        names = move.get("names", {})
        module_stays = symbol != MODULE_SYMBOL  # a module Python 3 still has keeps the names it still has
        kept, sources = [], {}
        for alias in statement.names:
            name = dotted(alias.name)
            local = alias.asname.name.value if alias.asname else name
            found = _importable(names[name]) if name in names else None
            if found and names[name] in CLASS_ARGUMENT_ONLY and not self._only_class_argument(statement, local):
                return  # `type(s) in StringTypes`: the statement stays for a person
            if found:
                sources.setdefault(found[0], []).append((found[1], local))
            elif module_stays and not self._removed_name(module, name):
                kept.append((name, local))
            else:
                return  # a name with no importable replacement: the statement stays for a person
        if module in sources:  # `from string import digits, ascii_letters as letters`: one statement
            kept += sources.pop(module)
        statements = ([_import_from(module, kept)] if kept else []) + [_import_from(m, a) for m, a in sources.items()]
        self.replace(line, symbol, lambda updated: _lines(updated, statements))

    def _only_class_argument(self, statement: cst.ImportFrom, local: str) -> bool:
        reads = self._reads(statement, local)
        return reads is not None and all(self._is_class_argument(name) for name in reads)

    @staticmethod
    def _removed_name(module: str, name: str) -> bool:
        return name in REMOVED_ATTRIBUTES[ATTRIBUTE_SYMBOLS[module]][module]

    def visit_Attribute(self, node: cst.Attribute) -> None:
        module = self._attribute_module(node)
        replacement = _names(module).get(node.attr.value) if module else None
        if replacement in CLASS_ARGUMENT_ONLY and not self._is_class_argument(node):
            return  # `type(s) in types.StringTypes`: left for a person
        if replacement:
            if replacement.startswith(f"{module}."):  # sys.maxint -> sys.maxsize, through the module's own name
                self.replace(node, ATTRIBUTE_SYMBOLS[module],
                             lambda updated: updated.with_changes(attr=cst.Name(replacement.split(".", 1)[1])))
            else:
                self.replace(node, ATTRIBUTE_SYMBOLS[module], lambda updated: expression(replacement))
                if "." in replacement:
                    self.need_import(replacement.split(".")[0])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and self._attribute_module(func) == "string" and node.args
                and all(not a.star and a.keyword is None for a in node.args)):
            return
        name = func.attr.value
        if name in STDLIB_MOVES["string"]["methods"]:
            self.replace(node, ATTRIBUTE_SYMBOLS["string"], _method_call)
        elif name in JOIN_FUNCTIONS and len(node.args) <= 2:
            self.replace(node, ATTRIBUTE_SYMBOLS["string"], _join_call)

    def _attribute_module(self, node: cst.Attribute) -> str | None:
        """The module of `M.attribute` where check reported the attribute as removed."""
        if not isinstance(node.value, cst.Name):
            return None
        return next((m for m, s in ATTRIBUTE_SYMBOLS.items() if self.reported(s, node)), None)


def _method_call(updated: cst.Call) -> cst.Call:
    """string.upper(s, *rest) -> s.upper(*rest)."""
    receiver, *rest = updated.args
    method = cst.Attribute(value=atom(receiver.value), attr=updated.func.attr)
    return updated.with_changes(func=method, args=last_without_comma(rest))


def _join_call(updated: cst.Call) -> cst.Call:
    """string.join(words[, sep]) -> sep.join(words) (" " by default)."""
    words = updated.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    separator = updated.args[1].value if len(updated.args) == 2 else cst.SimpleString('" "')
    return updated.with_changes(func=cst.Attribute(value=atom(separator), attr=cst.Name("join")), args=[words])


def _imported(module: cst.Module, name: str) -> bool:
    """The module already has `import name` at its top level (a second run must not add another)."""
    return any(isinstance(statement, cst.Import) and any(alias.asname is None and dotted(alias.name) == name
                                                         for alias in statement.names)
               for line in module.body if isinstance(line, cst.SimpleStatementLine) for statement in line.body)


def _has_comments(line: cst.SimpleStatementLine) -> bool:
    return any(empty.comment for empty in line.leading_lines) or line.trailing_whitespace.comment is not None


def _try_renamed(updated: cst.SimpleStatementLine, fallback) -> cst.Try:
    """try: <the import as it was> / except ImportError: <fallback>; the line's comments stay on it."""
    handler = cst.ExceptHandler(cst.IndentedBlock([cst.SimpleStatementLine([fallback])]), type=cst.Name("ImportError"))
    return cst.Try(cst.IndentedBlock([updated.with_changes(leading_lines=[])]), handlers=[handler],
                   leading_lines=updated.leading_lines)


def _lines(updated: cst.SimpleStatementLine, statements: list):
    """One import line -> these statements, one a line; the first keeps the line's comments."""
    if not statements:
        return cst.RemovalSentinel.REMOVE
    first = updated.with_changes(body=[statements[0]])
    return cst.FlattenSentinel([first, *(cst.SimpleStatementLine(body=[s]) for s in statements[1:])])


FIXERS = (ModuleMoves,)

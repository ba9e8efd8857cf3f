"""Stage 2's new imports written into the top of a module as libcst's AddImportsVisitor writes them (the
output it gave is the output we keep), without its cost: it copies the tree it is given for its metadata and
introspects its matcher-decorated visitor methods for every instance, most of stage 2's time on files that
only gain an import. It reads nothing but the top statements, which is all that is done here:

- a first statement that is a docstring or `__strict__ = ...` stays first;
- the import lines after it are the block: what it already imports is not added again (`from M import *`
  covers every name of M), and a name from a module that the block already imports from is added to the
  first such `from M import` statement, before its own names (sorted, the aliased ones after the others);
- the rest go after the block: `import M` (sorted), `import M as A`, then `from M import a, b as c` (the
  modules of aliased names first, then the others, each sorted; the names of each sorted);
- the first statement after the block gets a blank line above it, unless one is there already (a comment
  right above it gets one above the comment)."""
from __future__ import annotations

from collections import defaultdict

import libcst as cst
from libcst.helpers import get_full_name_for_node


def _skip_first(statement) -> bool:
    """A docstring or a `__strict__ = ...` line, which no import is put before."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    if isinstance(small, cst.Expr):
        return isinstance(small.value, cst.SimpleString)
    return (isinstance(small, cst.Assign) and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == "__strict__")


def _import_line(statement) -> cst.Import | cst.ImportFrom | None:
    if (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], (cst.Import, cst.ImportFrom))):
        return statement.body[0]
    return None


class _Wanted:
    """The requested imports, less those the block has, grouped as AddImportsVisitor groups them."""

    def __init__(self, imports):
        self.modules = {module for module, name, asname in imports if name is None and asname is None}
        self.module_aliases = {module: asname for module, name, asname in imports if name is None and asname}
        self.names = {module: {n for m, n, a in imports if m == module and n is not None and a is None}
                      for module in sorted({m for m, n, a in imports if n is not None and a is None})}
        self.aliased = {module: [(n, a) for m, n, a in imports if m == module and n is not None and a is not None]
                        for module in sorted({m for m, n, a in imports if n is not None and a is not None})}

    def drop_present(self, block: list) -> None:
        plain, module_aliases, names, aliased = set(), {}, {}, defaultdict(list)
        for node in block:
            if isinstance(node, cst.Import):
                for alias in node.names:
                    if alias.asname is None:
                        plain.add(alias.evaluated_name)
                    else:
                        module_aliases[alias.evaluated_name] = alias.evaluated_alias
                continue
            module = _absolute(node)
            if module is None:
                continue
            if isinstance(node.names, cst.ImportStar):
                names[module] = {"*"}
                continue
            aliased[module] += [(a.evaluated_name, a.evaluated_alias) for a in node.names if a.asname is not None]
            unaliased = {a.evaluated_name for a in node.names if a.asname is None}
            if unaliased:
                names[module] = {"*"} if "*" in names.get(module, ()) else names.get(module, set()) | unaliased
        self.modules -= plain
        for module, alias in module_aliases.items():
            if self.module_aliases.get(module) == alias:
                del self.module_aliases[module]
        for module, pairs in aliased.items():
            for pair in pairs:
                if pair in self.aliased.get(module, ()):
                    self.aliased[module].remove(pair)
                    if not self.aliased[module]:
                        del self.aliased[module]
        for module, present in names.items():
            if module in self.names:
                self.names[module] = set() if "*" in present else self.names[module] - present
                if not self.names[module]:
                    del self.names[module]

    def merge_into(self, node: cst.ImportFrom) -> cst.ImportFrom:
        """`from M import ...` of the block with the names wanted from M put before its own."""
        module = None if isinstance(node.names, cst.ImportStar) else _absolute(node)
        if module is None or module not in self.names and module not in self.aliased:
            return node
        plain, aliased = self.names.pop(module, ()), self.aliased.pop(module, [])
        return node.with_changes(names=[
            *(cst.ImportAlias(name=cst.Name(name)) for name in sorted(plain)),
            *(cst.ImportAlias(name=cst.Name(name), asname=cst.AsName(name=cst.Name(alias)))
              for name, alias in sorted(aliased)),
            *node.names])

    def __bool__(self) -> bool:
        return bool(self.modules or self.module_aliases or self.names or self.aliased)

    def statements(self, config) -> list:
        from_imports = defaultdict(list)
        for module, pairs in self.aliased.items():
            from_imports[module].extend(pairs)
        for module, names in self.names.items():
            from_imports[module].extend((name, None) for name in names)
        return [*(cst.parse_statement(f"import {module}", config=config) for module in sorted(self.modules)),
                *(cst.parse_statement(f"import {module} as {asname}", config=config)
                  for module, asname in self.module_aliases.items()),
                *(cst.parse_statement(f"from {module} import " + ", ".join(
                    name if alias is None else f"{name} as {alias}" for name, alias in sorted(pairs)), config=config)
                  for module, pairs in from_imports.items())]


def _absolute(node: cst.ImportFrom) -> str | None:
    """The module a `from` import names; None for a relative one (no package is known here)."""
    if node.relative or node.module is None:
        return None
    return get_full_name_for_node(node.module)


def add(module: cst.Module, imports) -> cst.Module:
    """`module` with `imports` ((module, name or None, asname or None), none relative, none from __future__)
    added as AddImportsVisitor(...).transform_module(module) adds them."""
    body = list(module.body)
    start = 1 if body and _skip_first(body[0]) else 0
    end = next((i for i in range(start, len(body)) if _import_line(body[i]) is None), len(body))
    wanted = _Wanted(imports)
    wanted.drop_present([_import_line(statement) for statement in body[start:end]])
    for index in range(start, end):
        node = body[index].body[0]
        if isinstance(node, cst.ImportFrom):
            merged = wanted.merge_into(node)
            if merged is not node:
                body[index] = body[index].with_changes(body=[merged])
    if not wanted:
        return module.with_changes(body=body)
    after = body[end:]
    if after and not after[0].leading_lines:
        after[0] = after[0].with_changes(leading_lines=(cst.EmptyLine(),))
    elif after and after[0].leading_lines[0].comment is not None:
        after[0] = after[0].with_changes(leading_lines=(cst.EmptyLine(), *after[0].leading_lines))
    return module.with_changes(body=[*body[:end], *wanted.statements(module.config_for_parsing), *after])

"""--select / --ignore: by id (or id prefix), symbol, or checker name."""
from __future__ import annotations

import re

from diracmod.core import catalogue

_STYLE_CODE = re.compile(r"^[EWC]\d{0,3}$", re.I)


class SelectionError(ValueError):
    pass


def _known(token, rules) -> bool:
    return (rules.get(token) is not None or token in rules.checkers or token == "pycodestyle"
            or any(r.id.startswith(token.upper()) for r in rules.rules) or bool(_STYLE_CODE.match(token)))


class Selection:
    def __init__(self, select=(), ignore=()):
        self.rules = catalogue.load()
        for token in (*select, *ignore):
            if not _known(token, self.rules):
                raise SelectionError(f"unknown rule or checker {token!r}: `diracmod rules` lists them "
                                     f"(ids like W1612, symbols like unicode-builtin, checkers: "
                                     f"{', '.join(sorted(self.rules.checkers | {'pycodestyle'}))})")
        self.select, self.ignore = tuple(select), tuple(ignore)

    @staticmethod
    def _matches(token, msg_id, symbol, checker) -> bool:
        return token in (symbol, checker) or msg_id.upper().startswith(token.upper())

    def as_dict(self) -> dict:
        return {"select": list(self.select), "ignore": list(self.ignore)}

    def _named(self, tokens, msg_id, symbol, checker, split_from="") -> bool:
        """Any token names the rule, or the pylint rule it splits from (--ignore old-division ignores its shapes
        that fix leaves, reported under a DM rule of their own; Finding.split_from where that is per finding)."""
        pylint = self.rules.pylint(symbol, split_from)
        names = [(msg_id, symbol)] + ([(pylint.id, pylint.symbol)] if pylint and pylint.symbol != symbol else [])
        return any(self._matches(t, i, s, checker) for t in tokens for i, s in names)

    def wants(self, msg_id, symbol, checker, split_from="") -> bool:
        if self._named(self.ignore, msg_id, symbol, checker, split_from):
            return False
        return not self.select or self._named(self.select, msg_id, symbol, checker, split_from)

    def checkers(self) -> frozenset:
        """Which optional checkers have to run at all. `deps` asks the package index: it runs only
        when selected explicitly, never as part of "everything"."""
        needed = set()
        if any(self._matches(t, r.id, r.symbol, r.checker) for t in self.select for r in self.rules.rules
               if r.checker == "deps") and self.wants("DM201", "blocked-dependency-import", "deps"):
            needed.add("deps")
        if any(self.wants(r.id, r.symbol, r.checker) for r in self.rules.rules if r.checker == "py3k"):
            needed.add("py3k")
        style_tokens = [t for t in self.select
                        if t == "pycodestyle" or (_STYLE_CODE.match(t) and not self.rules.get(t))]
        if (not self.select or style_tokens) and "pycodestyle" not in self.ignore:
            needed.add("pycodestyle")
        return frozenset(needed)

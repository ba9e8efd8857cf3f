"""For fixers whose rewrite introduces a name (`list(...)`, `next(it)`, `six.x`, `functools.x`): a rewrite is
made only if the module binds none of those names itself, so `list = []`, a parameter `next` or a local
`six = None` never turn a rewrite into a call of the wrong object. Such a rule collects its candidates
during the visit and decides in leave_Module, once it has seen the whole module; only then is the
module's stdlib ast (fast, stage 2's) read to find what it binds, and only if there are candidates."""
from __future__ import annotations

import ast

import libcst as cst

from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.rebound import rebound_names


class NameIntroducingRule(FixRule):
    """A FixRule whose rewrites introduce names: `self.propose(node, symbol, make, names, imports)`
    instead of replace/need_import; proposals whose names the module rebinds are dropped."""

    def __init__(self, ctx):
        super().__init__(ctx)
        self._proposals = []
        self._otherwise = {}  # id(node) -> (make, names, imports)

    def propose(self, node, symbol, make, names=(), imports=(), otherwise=None):
        """`imports`: (module, name or None) pairs for need_import. `otherwise`: (make, names, imports) of the
        rewrite to make instead when the module rebinds one of `names` (`six.next(it)` where it binds `next`)."""
        self._proposals.append((node, symbol, make, names, imports))
        if otherwise:
            self._otherwise[id(node)] = otherwise

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self._proposals:
            return
        rebound = rebound_names(self.ctx.tree)
        for node, symbol, make, names, imports in self._proposals:
            if not rebound.isdisjoint(names) and id(node) in self._otherwise:
                make, names, imports = self._otherwise[id(node)]
            if rebound.isdisjoint(names):
                self.replace(node, symbol, make)
                for module, name in imports:
                    self.need_import(module, name)

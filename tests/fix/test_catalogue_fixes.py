"""The catalogue's `fixed` texts, through the whole fix engine: each bad example of a fixable rule becomes
exactly its fixed text, which check no longer reports for that rule, which a second fix leaves alone, and
which python2.7 compiles. And `fixable` is true exactly where a fixer is registered."""
from __future__ import annotations

import json
import subprocess

import pytest

from diracmod.check import engine as check_engine
from diracmod.core import catalogue
from diracmod.fix.engine import fix_bytes
from diracmod.rules.fixers import BY_FUTURE_IMPORT, BY_SYMBOL, FIXABLE, SYNTAX_BY_SYMBOL
from diracmod.rules.py3k.six_bound import IMPORT_WRITING, SIX_WRITING
from diracmod.source.reader import decode
from tests.fix.helpers import for_rule, python27

RULES = catalogue.load()
FIXED_EXAMPLES = [(rule.symbol, number, example) for rule in RULES.rules if rule.fixable
                  for number, example in enumerate(rule.bad) if example.fixed is not None]


def test_fixable_is_true_exactly_for_the_symbols_with_a_registered_fixer():
    marked = {rule.symbol for rule in RULES.rules if rule.fixable}
    assert marked - FIXABLE == set(), "marked fixable in the catalogue, but no fixer is registered"
    assert FIXABLE - marked == set(), "a fixer is registered, but the catalogue does not mark the rule fixable"
    assert set(SYNTAX_BY_SYMBOL) | set(BY_SYMBOL) | set(BY_FUTURE_IMPORT) == FIXABLE


def test_every_fixable_rule_shows_its_fix():
    assert {rule.symbol for rule in RULES.rules if rule.fixable} == {symbol for symbol, _, _ in FIXED_EXAMPLES}


def test_the_rules_whose_rewrite_may_name_six_are_known_to_check():
    """rules/py3k/six_bound.py's SIX_WRITING (what check reports as rewrite-name-bound-by-module where the module
    binds six itself) holds every stage-2 rule whose fixed example brings six in; stage 1's (fissix's
    old-raise-syntax six.reraise) is not reported through the rule sets and is not in it."""
    introducing = {symbol for symbol, _, example in FIXED_EXAMPLES
                   if "six" in example.fixed and "six" not in example.code}
    assert introducing - set(SYNTAX_BY_SYMBOL) <= SIX_WRITING
    assert SIX_WRITING <= set(BY_SYMBOL)


@pytest.mark.parametrize("name", sorted(set(IMPORT_WRITING) - {"six"}))
def test_the_rules_whose_rewrite_imports_a_module_are_known_to_check(name):
    """IMPORT_WRITING (what check reports as rewrite-name-bound-by-module where a star import may bind the
    module's name: tryout6 #17) holds every rule whose fixed example brings `import functools` (codecs) in."""
    introducing = {symbol for symbol, _, example in FIXED_EXAMPLES
                   if f"import {name}\n" in example.fixed and f"import {name}\n" not in example.code}
    assert introducing and introducing <= IMPORT_WRITING[name] <= set(BY_SYMBOL)


def test_only_fixable_rules_have_fixed_texts():
    assert [rule.symbol for rule in RULES.rules if not rule.fixable
            and any(example.fixed is not None for example in rule.bad)] == []


@pytest.mark.parametrize("symbol,number,example", FIXED_EXAMPLES,
                         ids=[f"{symbol}-{number}" for symbol, number, _ in FIXED_EXAMPLES])
def test_bad_example_becomes_its_fixed_text(symbol, number, example):
    result = fix_bytes("example.py", example.code.encode("utf-8"), for_rule(symbol))
    assert result.refused is None
    assert result.new is not None and result.new.decode("utf-8") == example.fixed
    assert result.applied[symbol] >= 1

    fixed = example.fixed.encode("utf-8")
    findings = check_engine.analyse("example.py", decode("example.py", fixed),
                                    check_engine.Plan(checkers=frozenset({"py3k"})))
    assert [f for f in findings if f.symbol == symbol] == []

    again = fix_bytes("example.py", fixed, for_rule(symbol))
    assert (again.new, again.refused) == (None, None)


_COMPILE_ALL = """
import json, sys
failures = {}
for name, code in json.load(sys.stdin).items():
    try:
        compile(code.encode("utf-8"), name, "exec")
    except SyntaxError as exc:
        failures[name] = "%s (line %s)" % (exc.msg, exc.lineno)
print(json.dumps(failures))
"""


def test_fixed_texts_compile_underpython27():
    snippets = {f"{symbol}-{number}": example.fixed for symbol, number, example in FIXED_EXAMPLES}
    out = subprocess.run([python27(), "-c", _COMPILE_ALL], input=json.dumps(snippets), capture_output=True,
                         text=True, timeout=120, check=True)
    assert json.loads(out.stdout) == {}

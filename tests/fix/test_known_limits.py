"""The rewrites' known limits are said in two places, each rule's rationale (`diracmod explain`) and the
README's `diracmod fix` section: the same rules in both."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from diracmod.check import engine
from diracmod.core import catalogue
from diracmod.rules import codemod
from diracmod.rules.fixers import FIXERS
from diracmod.source.reader import decode
from tests.fix.helpers import python27

README = Path(__file__).resolve().parents[2] / "README.md"
MARK = "Known limit of the rewrite:"


def _readme_limits() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("Known limits of the rewrites", text.index("## `diracmod fix`"))
    return text[start:text.index("\n#", start)]  # to the next heading


def test_every_rule_with_a_known_limit_is_in_the_readme_list_and_nothing_else():
    rules = catalogue.load()
    limited = {rule.symbol: rule.id for rule in rules.rules if MARK in rule.rationale}
    assert limited and all(rules[symbol].fixable for symbol in limited)
    listed = dict(re.findall(r"^- `([a-z0-9-]+)` \(([A-Z]+\d+)\)", _readme_limits(), re.M))
    assert listed == limited


def test_the_readme_says_fixed_code_needs_six_on_both_interpreters():
    start = README.read_text(encoding="utf-8").split("\n## ", 1)[0]  # before the first section: the quick start
    assert "six" in start and "python2.7" in start and "Python 3" in start


def test_the_cmp_builtin_limit_is_real_and_said():
    """`(a > b) - (a < b)` is not Python 2's cmp for NaN and sets: python2.7 prints other results for the fixed
    text, so the rule's rationale and the README's list must say it."""
    code = "def order(a, b):\n    return cmp(a, b)\n"
    found = engine.analyse("m.py", decode("m.py", code.encode()), engine.Plan(checkers=frozenset({"py3k"})))
    fixed, rewrites = codemod.apply(code, found, FIXERS)
    assert rewrites == {"cmp-builtin": 1}
    driver = ("nan = float('nan')\n"
              "for a, b in [(nan, 1), ([nan], [1.0]), ((1, nan), (1, 2)), (set([1]), set([1, 2]))]:\n"
              "    try:\n        print(order(a, b))\n    except TypeError:\n        print('TypeError')\n")
    before, after = (subprocess.run([python27(), "-c", text + driver], capture_output=True, text=True,
                                    check=True).stdout.split() for text in (code, fixed))
    assert all(old != new for old, new in zip(before, after)), (before, after)
    assert MARK in catalogue.load()["cmp-builtin"].rationale
    assert "- `cmp-builtin` (W1604)" in _readme_limits()

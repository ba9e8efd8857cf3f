"""The rewrites' known limits are said in two places, each rule's rationale (`diracmod explain`) and the
README's `diracmod fix` section: the same rules in both."""
from __future__ import annotations

import re
from pathlib import Path

from diracmod.core import catalogue

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

"""Every rule's examples are tests: bad examples flagged on exactly their lines, good ones clean."""
import pytest

from diracmod.check import engine
from diracmod.core import catalogue
from tests import examples

RULES = catalogue.load().rules
PLAN = engine.Plan(frozenset({"py3k", "target"}))  # target: the 2.6-floor rules, on every path here


def _lines(tmp_path, example, symbol):
    findings = engine.check_file(str(examples.write(tmp_path / "example.py", example.code, example)), PLAN).findings
    return sorted(f.line for f in findings if f.symbol == symbol)


def _examples(kind):
    for rule in RULES:
        if rule.checker == "deps":
            continue  # they need a package index: tests/deps/test_deps_check.py runs them
        for number, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.symbol}-{number}")


@pytest.mark.parametrize("rule,example", list(_examples("bad")))
def test_bad_example_is_flagged(tmp_path, rule, example):
    assert _lines(tmp_path, example, rule.symbol) == sorted(example.lines), example.code


@pytest.mark.parametrize("rule,example", list(_examples("good")))
def test_good_example_is_clean(tmp_path, rule, example):
    assert _lines(tmp_path, example, rule.symbol) == [], example.code


def test_every_rule_has_examples_and_texts():
    missing = [r.id for r in RULES if not (r.bad or r.checker == "syntax") or not r.good and r.checker != "syntax"
               or not (r.summary and r.rationale and r.message)]
    assert missing == []


def test_catalogue_has_the_whole_pylint_py3k_list():
    ids = {r.id for r in RULES if r.checker == "py3k" and not r.id.startswith("DM")}
    assert len(ids) == 72 and {"E1601", "E1611", "W1601", "W1662"} <= ids and "W1631" not in ids

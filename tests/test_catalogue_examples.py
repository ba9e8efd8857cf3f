"""Every rule's examples are tests: bad examples flagged on exactly their lines, good ones clean. And the
catalogue's texts show their `code spans` as written."""
import pathlib
import re
import tomllib
from importlib import resources

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


# A TOML escape that decodes to a control character (\b \t \n \f \r, \u0000-\u001f, \U00000000-\U0000001f), not
# itself after an escaped backslash; an odd count of backslashes before the letter
_CONTROL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:[btnfr]|u00[01][0-9A-Fa-f]|U0000001[0-9A-Fa-f]|U0000000[0-9A-Fa-f])")
_MARK = "\u2400"  # what each such escape decodes to in the scan's copy of the file: no catalogue text holds it
_CODE_FIELDS = ("code", "fixed")  # Python source: backticks there are Python 2's repr


def _prose(value, path=()):
    """(path, text) of every string of a TOML document but the examples' code."""
    if isinstance(value, str):
        if not path or path[-1] not in _CODE_FIELDS:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _prose(item, (*path, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _prose(item, (*path, number))


@pytest.mark.parametrize("path", sorted(pathlib.Path(str(resources.files("diracmod.rules"))).glob("*.toml")),
                         ids=lambda path: path.name)
def test_no_backtick_span_of_the_catalogue_holds_a_decoded_control_character(path):
    """`explain` prints a span such as `print "a\\n",` as it is written: in a basic ("...", \"\"\"...\"\"\") TOML
    string `\\n` is a newline (tryout8 #1 broke print-statement's own example over two lines). A span may wrap at a
    line's end (a newline in the file itself); an escape decoding to a control character, or a raw control
    character other than the line's end, is never wanted there."""
    text = path.read_text("utf-8")
    assert _MARK not in text
    marked = tomllib.loads(_CONTROL_ESCAPE.sub(lambda m: m.group(1) + "\\u2400", text))
    bad = [(where, span) for where, value in _prose(marked) for span in re.findall(r"`[^`]*`", value)
           if _MARK in span or any(ord(c) < 32 and c != "\n" for c in span)]
    assert bad == []

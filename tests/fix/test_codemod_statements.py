"""Stage 2 gives positions to, and visits, only the top-level statements that hold a finding
(rules/codemod.py): its output must be exactly what the whole-module way (libcst's PositionProvider
and visit) gives, whatever the layout of the module."""
from __future__ import annotations

import ast

import libcst as cst
import pytest

from diracmod.fix import engine
from diracmod.rules import codemod, fixers
from diracmod.source import reader

SOURCES = {
    "decorators and comments": (
        "import os\n\n# a comment\n@decorate\n# between\n@other(1,\n       2)\ndef f(d):\n"
        "    return d.iteritems()\n\n\nclass C:\n    def next(self):\n        return xrange(3)\n"),
    "semicolons and a form feed": "x = 1; y = unicode(x)\n\x0c\nfor i in xrange(3): print(i)\nz = 2\n",
    "a rewrite away from its finding": (
        "import urllib2\n\n\ndef fetch(url):\n    return urllib2.urlopen(url)\n\n\n"
        "def other():\n    return urllib2.Request('x')\n"),
    "multi-line strings": 'x = """\n\\d\n"""\ny = "\\d"\nfor k in d.iterkeys(): pass\n',
    "statements kept as their text": (
        "import os\n\n# c1\nA = 1\n\n\ndef f(d):\n    return d.iteritems()\n\n# c2\nB = [1,\n     2]\n"
        "C = 3 \\\n    + 4\nif A:  # c3\n    pass\n    # c4\nD = unicode(5)\n\n# footer\n\n"),
    "no trailing newline": "x = unicode(1)\ny = 2\nz = 3",
    "a name rewritten everywhere": (
        "def f():\n    return xrange(3)\n\n\nr = range(3)\n\n\ndef g():\n    return reduce(f, [])\n"),
}


def _fix(text: str):
    plan = engine.FixPlan(fixers.FIXABLE, frozenset())
    findings = engine._analyse("m.py", reader.decode("m.py", text.encode()), text, plan).findings
    fixable = [f for f in findings if f.symbol in fixers.BY_SYMBOL]
    return codemod.apply(text, fixable, fixers.FIXERS)


@pytest.mark.parametrize("text", SOURCES.values(), ids=SOURCES.keys())
def test_the_statements_with_findings_give_what_the_whole_module_gives(text, monkeypatch):
    visit_statements, outcomes = codemod._visit_statements, []
    monkeypatch.setattr(codemod, "_visit_statements", lambda *args: outcomes.append(visit_statements(*args))
                        or outcomes[-1])
    partial = _fix(text)
    assert outcomes and outcomes[0] is not None  # the statements' own way did run
    visited = []
    monkeypatch.setattr(codemod, "_statement_starts", lambda module, tree: visited.append(module) and None)
    whole = _fix(text)
    assert visited  # the whole-module way did run
    assert partial == whole
    assert partial[0] != text


def test_a_statement_placed_on_the_wrong_line_falls_back_to_the_whole_module(monkeypatch):
    text = SOURCES["decorators and comments"]
    expected = _fix(text)
    starts = codemod._statement_starts
    monkeypatch.setattr(codemod, "_statement_starts", lambda module, tree: [s + 1 for s in starts(module, tree)])
    assert _fix(text) == expected


def test_a_last_line_without_newline_falls_back_to_the_whole_module():
    """libcst writes the last statement's newline, then takes it away from the module's code."""
    text = "import os\n\ndef f(d):\n    return d.has_key(1)"
    assert _fix(text)[0] == "import os\n\ndef f(d):\n    return 1 in d"


@pytest.mark.parametrize("text", [SOURCES["statements kept as their text"], "x = 1\ny = 2\nz = 3"])
def test_statements_kept_are_written_as_their_text_as_libcst_writes_them(text):
    module = cst.parse_module(text)
    texts = codemod._statement_texts(module.body, codemod._statement_starts(module, ast.parse(text)),
                                     codemod.line_offsets(text), text)
    assert len(texts) == len(module.body) - 2
    assert codemod._code(module, texts) == module.code == text


def test_no_statement_is_kept_as_text_after_a_backslash_line():
    """libcst drops a line holding only a backslash (its code is not the text): no statement is written as
    its text then."""
    for text in ("x = 1\n\\\ny = 2\nz = 3\nw = 4\n", "x = 1\n# a\n  \\\n# b\ny = 2\nz = 3\n"):
        module = cst.parse_module(text)
        starts = codemod._statement_starts(module, ast.parse(text))
        assert codemod._statement_texts(module.body, starts, codemod.line_offsets(text), text) == {}
    assert cst.parse_module("x = 1\n\\\ny = 2\n").code == "x = 1\ny = 2\n"  # why

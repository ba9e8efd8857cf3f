"""Stage 2 gives positions to, and visits, only the top-level statements that hold a finding
(rules/codemod.py): its output must be exactly what the whole-module way (libcst's PositionProvider
and visit) gives, whatever the layout of the module."""
from __future__ import annotations

import ast
import inspect

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

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
    "methods of a class": (
        "class C(object):\n    '''doc'''\n\n    # above\n    @property\n    # between\n    @other\n"
        "    def a(self, d):\n        return d.iteritems()\n        # in a's block\n# at column 0\n\n"
        "    def b(self):\n        x = 1\n\n        def inner(d):\n            y = 2\n"
        "            return d.has_key(x)\n        return inner\n\n"
        "    def c(self, d): return d.itervalues()\n\n    async def e(self):\n        return 3\n\n"
        "    def f(self, n=xrange(3)):\n        z = 4\n        return z\n\n"
        "    class D:\n        def g(self):\n            return unicode(1)\n\n        def h(self):\n"
        "            return 5\n    w = 6; v = unicode(7)\n"),
    "a use rewritten in a method holding no finding": (
        "import urllib2\n\n\nclass C(object):\n    def fetch(self, url):\n        return urllib2.urlopen(url)\n\n"
        "    def keys(self, d):\n        return d.iterkeys()\n\n    def other(self):\n"
        "        return urllib2.Request('x')\n"),
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
    monkeypatch.setattr(codemod, "_statement_starts", lambda statements, parsed: visited.append(statements) and None)
    whole = _fix(text)
    assert visited  # the whole-module way did run
    assert partial == whole
    assert partial[0] != text


class _NamesSeen(codemod.FixRule):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.names = []

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node.value)


def test_a_class_s_statements_holding_no_finding_are_neither_generated_nor_visited():
    text = SOURCES["methods of a class"]
    module, tree = cst.parse_module(text), ast.parse(text)
    seen = _NamesSeen(codemod.FixContext(text, [], tree))
    codemod._visit_statements(module, tree.body, text, {9, 18}, [seen])
    names = set(seen.names)
    assert {"a", "iteritems", "b", "inner", "has_key"} <= names
    assert not names & {"c", "itervalues", "e", "f", "D", "unicode", "z", "w"}


def test_a_nested_statement_placed_on_the_wrong_line_falls_back_to_the_whole_module(monkeypatch):
    text = SOURCES["methods of a class"]
    expected = _fix(text)
    starts, nested = codemod._statement_starts, []
    monkeypatch.setattr(codemod, "_statement_starts", lambda statements, parsed: nested.append(statements) or [
        (start + (len(nested) > 1), node) for start, node in starts(statements, parsed)])
    assert _fix(text) == expected
    assert len(nested) > 1


def test_a_statement_placed_on_the_wrong_line_falls_back_to_the_whole_module(monkeypatch):
    text = SOURCES["decorators and comments"]
    expected = _fix(text)
    starts = codemod._statement_starts
    monkeypatch.setattr(codemod, "_statement_starts",
                        lambda statements, parsed: [(s + 1, node) for s, node in starts(statements, parsed)])
    assert _fix(text) == expected


def test_a_last_line_without_newline_falls_back_to_the_whole_module():
    """libcst writes the last statement's newline, then takes it away from the module's code."""
    text = "import os\n\ndef f(d):\n    return d.has_key(1)"
    assert _fix(text)[0] == "import os\n\ndef f(d):\n    return 1 in d"


def _starts(module, text: str) -> list:
    return [start for start, _ in codemod._statement_starts(module.body, ast.parse(text).body)]


@pytest.mark.parametrize("text", [SOURCES["statements kept as their text"], "x = 1\ny = 2\nz = 3"])
def test_statements_kept_are_written_as_their_text_as_libcst_writes_them(text):
    module = cst.parse_module(text)
    texts = codemod._statement_texts(module.body, _starts(module, text), codemod.line_offsets(text), text)
    assert len(texts) == len(module.body) - 2
    assert codemod._code(module, texts) == module.code == text


def test_no_statement_is_kept_as_text_after_a_backslash_line():
    """libcst drops a line holding only a backslash (its code is not the text): no statement is written as
    its text then."""
    for text in ("x = 1\n\\\ny = 2\nz = 3\nw = 4\n", "x = 1\n# a\n  \\\n# b\ny = 2\nz = 3\n"):
        module = cst.parse_module(text)
        assert codemod._statement_texts(module.body, _starts(module, text), codemod.line_offsets(text), text) == {}
    assert cst.parse_module("x = 1\n\\\ny = 2\n").code == "x = 1\ny = 2\n"  # why


_WHITESPACE = (cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.Newline, cst.EmptyLine, cst.TrailingWhitespace,
               cst.Comment)


class _Visit(cst.CSTVisitor):
    """libcst's visit order and parents, whitespace nodes left out of the order."""

    def __init__(self):
        super().__init__()
        self.events, self.parents, self.open = [], {}, []

    def on_visit(self, node) -> bool:
        if self.open:
            self.parents[node] = self.open[-1]
        self.open.append(node)
        if not isinstance(node, _WHITESPACE):
            self.events.append((node, True))
        return True

    def on_leave(self, original_node) -> None:
        self.open.pop()
        if not isinstance(original_node, _WHITESPACE):
            self.events.append((original_node, False))


# code of many shapes: decorators, comprehensions, lambdas, f-strings, annotations, star arguments, with, try
SAMPLES = [codemod.__file__, engine.__file__, inspect.getsourcefile(cst.Call)]


@pytest.mark.parametrize("path", SAMPLES)
def test_the_replayed_order_is_libcsts_visit_order(path):
    """The rules' visit replays the code generation's order (codemod._Recording): libcst's visit order, but for
    the whitespace nodes, and the same parents."""
    module = cst.parse_module(open(path, encoding="utf-8").read())
    for statement in module.body:
        state = codemod._Recording(codemod._Narrowing(set()), "", [], module.default_indent, module.default_newline)
        state.parents[id(statement)] = module
        statement._codegen(state)
        visit = _Visit()
        visit.parents[statement] = module
        statement.visit(visit)
        assert [(id(n), e) for n, e in state.visits() if not isinstance(n, _WHITESPACE)] == [
            (id(n), e) for n, e in visit.events]
        assert state.parents == {id(node): parent for node, parent in visit.parents.items()}


@pytest.mark.parametrize("path", SAMPLES)
def test_the_recorded_positions_are_libcsts(path):
    """codemod._Recording keeps positions as PositionProvider does (its own bookkeeping)."""
    module = cst.parse_module(open(path, encoding="utf-8").read())
    state = codemod._Recording(codemod._Narrowing(set()), "", [], module.default_indent, module.default_newline)
    module._codegen(state)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    assert {id(node): where for node, where in expected.items()} == {
        key: codemod._code_range(where) for key, where in state.positions.items()}


def test_no_rule_visits_what_the_replay_orders_otherwise():
    """No rule visits a whitespace node or an attribute of a node (visit_Call_func), which the replay does not
    call."""
    names = {name for rule in fixers.FIXERS for name in codemod._visitor_names(rule)}
    node_types = {name.split("_", 1)[1] for name in names}
    assert all(hasattr(cst, node_type) for node_type in node_types)
    assert not node_types & {cls.__name__ for cls in _WHITESPACE}


_CLASS_LAST = ("import os\n\n\nclass C(object):\n    def a(self):\n        return 1\n\n    # c\n    def b(self):\n"
               "        if os:\n            pass\n        return d.iteritems()\n    x = 2\n")


def _body_texts(text: str, lines: set) -> tuple:
    module = cst.parse_module(text)
    return module, codemod._visit_statements(module, ast.parse(text).body, text, lines, [])[1]


def test_statements_of_a_body_kept_are_written_as_their_text_as_libcst_writes_them():
    module, texts = _body_texts(_CLASS_LAST, {12})
    klass = module.body[-1]
    method_b = klass.body.body[1]
    assert {id(klass.body.body[0]), id(method_b), id(method_b.body.body[0])} <= set(texts)
    written = codemod._with_texts(klass, texts)
    assert [type(s) for s in written.body.body] == [codemod._Text, codemod._Text, cst.SimpleStatementLine]
    assert codemod._code(module, texts) == module.code == _CLASS_LAST


def test_a_body_indented_otherwise_is_generated():
    module, texts = _body_texts(_CLASS_LAST, {12})
    klass = module.body[-1]
    new = module.with_changes(body=[*module.body[:-1], klass.with_changes(body=klass.body.with_changes(indent="  "))])
    assert codemod._code(new, texts) == new.code != module.code


def test_no_statement_of_a_body_is_kept_as_text_in_a_module_with_a_form_feed():
    """libcst writes indentation without its form feeds (diracmod/fix/formfeeds.py puts them back)."""
    text = _CLASS_LAST.replace("    # c\n", "\x0c\n    # c\n")
    module, texts = _body_texts(text, {13})
    assert set(texts) == {id(statement) for statement in module.body[1:-1]}
    assert len(_body_texts(_CLASS_LAST, {12})[1]) > len(texts)


class _Met(cst.CSTVisitor):
    def __init__(self, skip=()):
        super().__init__()
        self.met, self.left, self.skip = [], [], skip

    def on_visit(self, node) -> bool:
        self.met.append(id(node))
        return not isinstance(node, self.skip)

    def on_leave(self, original_node) -> None:
        self.left.append(id(original_node))


@pytest.mark.parametrize("path", SAMPLES)
@pytest.mark.parametrize("skip", [(), (cst.Attribute, cst.Call)])
def test_read_meets_the_nodes_libcst_s_visit_meets(path, skip):
    module = cst.parse_module(open(path, encoding="utf-8").read())
    visit, fields = _Met(skip), _Met(skip)
    module.visit(visit)
    codemod.read(module, fields)
    assert sorted(visit.met) == sorted(fields.met) and sorted(visit.left) == sorted(fields.left)
    assert len(set(visit.met)) == len(visit.met)


def test_a_node_the_visit_did_not_reach_is_found_where_the_rule_says_else_in_the_module():
    module = cst.parse_module(SOURCES["a use rewritten in a method holding no finding"])
    klass = module.body[-1]
    request = klass.body.body[-1].body.body[0].body[0].value.func  # urllib2.Request, in `other`
    whole = codemod._path([request], {}, module, {})
    assert {id(module), id(klass), id(klass.body), id(request)} <= whole
    for within in ({id(request): klass}, {id(request): module.body[0]}):  # right, wrong
        assert codemod._path([request], {}, module, within) == whole

"""Stage 2 parses only the top-level statements it needs, the others stood in for (rules/stand_ins.py): its
output must be exactly what the parse of the whole module gives, whatever the untouched statements hold."""
from __future__ import annotations

import ast
import inspect

import libcst as cst
import pytest

from diracmod.fix import engine
from diracmod.rules.own_six import OwnSix
from diracmod.rules import codemod, fixers, stand_ins
from diracmod.rules.py3k import imports_fix, names_fix
from diracmod.source import reader

_TAIL = "\n\ndef g(d):\n    return d.iterkeys()\n"  # a statement holding a finding, after the untouched ones

SOURCES = {
    "the stand-ins' text in a string": (
        "'''doc'''\nimport os\nA = '(_diracmod_stand_in_1)'\nB = 'def _diracmod_stand_in_2():()'\n"
        "_diracmod_stand_in_3 = 1\n\n\nclass C(object):\n    x = '_diracmod_stand_in_'\n" + _TAIL),
    "CRLF": "import os\r\n\r\n\r\ndef f():\r\n  return 1\r\n\r\n\r\ndef g(d):\r\n  return d.iterkeys()\r\n",
    "CR alone": "import os\r\r\rdef f():\r  return 1\r\r\rdef g(d):\r  return d.iterkeys()\r",
    "mixed line endings": "import os\n\r\ndef f():\r\n    return [1,\r\n            2]\n" + _TAIL,
    "a tab as the first indentation": "import os\n\n\nclass C(object):\n\tdef f(self):\n\t\treturn 1\n" + _TAIL,
    "a first indentation of two spaces, new blocks built": (
        "def f():\n  return 1\n\n\nimport urlparse\n\n\ndef g(d):\n    return d.iterkeys()\n"),
    "the first indented block after one-line blocks": (
        "import os\nif os: pass\nelif os.sep:\n   x = 1\nelse: y = 2\ntry: z = 3\nexcept ImportError:\n"
        "     z = 4\n" + _TAIL),
    "statements sharing a line": "import os; x = 1\ny = 2; z = 3\nclass C: pass\n" + _TAIL,
    "decorators and comments between statements": (
        "import os\n\n# above\n@property\n# between\n@other(1,\n       2)\ndef f():\n    return 1\n"
        "    # in f's block\n# at column 0\n\n\n@decorate\nclass C(object):\n    pass\n" + _TAIL),
    "new imports above a decorated def left as it is": (
        "'''doc'''\nimport os\n\n# c\n@decorate\ndef f():\n    return 1\n\n\ndef g():\n    return xrange(3)\n"),
    "new imports above a class left as it is": (
        "import os\nclass C(object):\n    pass\n\n\ndef g():\n    return unicode(3)\n"),
    "no import, a first statement left as it is": (
        "if x:\n    y = [1,\n         2]\n\n\ndef g():\n    return unicode(3)\n"),
    "a backslash continuation": "import os\nx = 1 + \\\n    2\ny = (3 +\n     4)\n" + _TAIL,
    "the last statement left as it is, no trailing newline": (
        "def g(d):\n    return d.iterkeys()\n\n\nclass C(object):\n    def f(self):\n        return 1"),
    "a name rewritten everywhere, used in an untouched statement": (
        "def f():\n    return xrange(3)\n\n\nr = range(3)\n\n\ndef g():\n    return 1\n"),
    "a use rewritten at its import, far from it": (
        "import urllib2\n\n\ndef fetch(url):\n    return urllib2.urlopen(url)\n\n\n"
        "def other():\n    return 1\n\n\ndef last():\n    return urllib2.Request('x')\n"),
    "indented lines after the last statement": (
        "import os\n\n\ndef e():\n    return 2\n" + _TAIL + "\n\ndef f():\n    return 1\n    # a\n    # b\n    \n"),
    "methods of a class": (
        "import os\n\n\nclass C(object):\n   \"doc\"\n\n   # above\n   @property\n   def a(self):\n"
        "       return 1\n       # in a\n\n   def b(self, d):\n       return d.iterkeys()\n\n   class D(object):\n"
        "       def c(self):\n           return 2\n\n       def e(self, d):\n           return d.itervalues()\n"
        "   x = 1; y = 2\n\n   def f(self):\n       return 3\n  # dedented\n# at column 0\n\n\nZ = 4\n"),
    "a builtin used otherwise in an untouched statement": (
        "def f(path):\n    return file(path)\n\n\ndef g(open):\n    return open\n\n\ndef h():\n    return 1\n"),
}

_WHOLE = {  # the whole module is parsed
    "a form feed": "import os\n\x0c\ndef f():\n    return 1\n" + _TAIL,
    "a line holding only a backslash": "import os\nx = [1,\n\\\n2]\n" + _TAIL,
    "a first block the ast cannot tell": "import os\nif os: \\\n    x = 1\nif os:\n  y = 2\n" + _TAIL,
}


_PARSE = stand_ins.parse


def _apply(text: str, own_six=None):
    plan = engine.FixPlan(fixers.FIXABLE, frozenset())
    findings = engine._analyse("m.py", reader.decode("m.py", text.encode()), text, plan).findings
    fixable = [f for f in findings if f.symbol in fixers.BY_SYMBOL]
    return codemod.apply(text, fixable, fixers.FIXERS, own_six=own_six)


def _both_ways(text: str, monkeypatch, own_six=None) -> tuple:
    """apply() as it is, the stand-ins it made; and apply() parsing the whole module."""
    parse, made = _PARSE, []
    monkeypatch.setattr(stand_ins, "parse", lambda *args: made.append(parse(*args)) or made[-1])
    sparse = _apply(text, own_six)
    monkeypatch.setattr(stand_ins, "parse", lambda text, tree, *args: stand_ins.whole(text, tree))
    return sparse, _apply(text, own_six), made


@pytest.mark.parametrize("text", SOURCES.values(), ids=SOURCES.keys())
def test_the_statements_stood_in_for_give_what_the_whole_module_gives(text, monkeypatch):
    sparse, whole, made = _both_ways(text, monkeypatch)
    assert any(parse.originals for parse in made)  # statements were stood in for
    assert sparse == whole
    assert sparse[0] != text


@pytest.mark.parametrize("text", _WHOLE.values(), ids=_WHOLE.keys())
def test_a_module_libcst_would_not_write_as_its_text_is_parsed_whole(text, monkeypatch):
    sparse, whole, made = _both_ways(text, monkeypatch)
    assert made and not any(parse.originals for parse in made)
    assert sparse == whole


def test_what_a_rule_reads_is_parsed(monkeypatch):
    """Without the words ModuleMoves reads, the uses it rewrites far from the import would be stood in for."""
    monkeypatch.setattr(imports_fix.ModuleMoves, "reads", classmethod(lambda cls, ctx: frozenset()))
    sparse, whole, _ = _both_ways(SOURCES["a use rewritten at its import, far from it"], monkeypatch)
    assert sparse != whole


@pytest.mark.parametrize("source, rule", [
    ("a name rewritten everywhere, used in an untouched statement", names_fix.XrangeToSixRange),
    ("a builtin used otherwise in an untouched statement", names_fix.FileCallToOpen)])
def test_a_name_whose_uses_a_rule_reads_must_be_one_it_says_it_reads(source, rule, monkeypatch):
    monkeypatch.setattr(rule, "reads", classmethod(lambda cls, ctx: frozenset()))
    with pytest.raises(AssertionError):
        _apply(SOURCES[source])


_CMP = ("class C(object):\n    def __cmp__(self, other):\n        return 0\n\n    def __hash__(self):\n"
        "        return 1\n")


_UNICODE = ("class C(object):\n    def __unicode__(self):\n        return u'c'\n\n    def __str__(self):\n"
            "        return self.__unicode__().encode('utf-8')\n")


def test_a_class_is_parsed_whole_for_a_rule_visiting_classes(monkeypatch):
    """CmpMethodToTotalOrdering (which reads the class's bindings from the stdlib ast: classes.cmp_method_left) sees
    the __hash__ that holds no finding; UnicodeCompatible reads the class's __str__, which holds no finding, from
    libcst's tree: the class is parsed whole for it."""
    sparse, whole, made = _both_ways(_CMP, monkeypatch)
    assert sparse == whole and "object.__hash__" not in sparse[0] and "functools.total_ordering" in sparse[0]
    assert "def __hash__" in made[0].text
    sparse, whole, made = _both_ways(_UNICODE, monkeypatch)
    assert sparse == whole and "python_2_unicode_compatible" in sparse[0] and "def __str__" in made[0].text
    monkeypatch.setattr(codemod, "_WHOLE_KINDS", {})
    sparse, whole, made = _both_ways(_UNICODE, monkeypatch)
    assert "def __str__" not in made[0].text and sparse != whole


def test_the_module_s_uses_of_six_are_read_with_the_project_s_own_six(monkeypatch):
    """A rewrite using what the own six lacks is left unless the module used it already (codemod._six_names)."""
    own = OwnSix("pkg.six", None, frozenset({"moves", "text_type"}), frozenset())
    text = ("from pkg import six\n\n\ndef f():\n    return six.string_types\n\n\n"
            "def g(x):\n    return isinstance(x, basestring)\n")
    sparse, whole, _ = _both_ways(text, monkeypatch, own)
    assert sparse == whole and sparse[0] != text


def test_a_stand_in_is_written_back_as_the_text_it_stands_for():
    text = SOURCES["decorators and comments between statements"]
    tree = ast.parse(text)
    parse = stand_ins.parse(text, tree, codemod.line_offsets(text), {20}, set())
    assert len(parse.originals) == 2 and "@property" not in parse.text and "class C" not in parse.text
    assert parse.text.count("\n") == text.count("\n")
    module = cst.parse_module(parse.text)
    assert [type(s) for s in module.body] == [cst.SimpleStatementLine, cst.FunctionDef, cst.FunctionDef,
                                              cst.FunctionDef]
    assert parse.restore(module.code) == text


@pytest.mark.parametrize("path", [codemod.__file__, engine.__file__, inspect.getsourcefile(ast)])
def test_libcst_writes_a_module_of_stand_ins_as_it_writes_the_module(path):
    """What the stand-ins rely on, with every other top-level statement kept, or none but the imports."""
    text = open(path, encoding="utf-8").read()
    tree, whole = ast.parse(text), cst.parse_module(text)
    for lines in ({statement.lineno for statement in tree.body[::2]}, set()):
        parse = stand_ins.parse(text, tree, codemod.line_offsets(text), lines, set())
        module = cst.parse_module(parse.text)
        assert parse.originals and parse.text.count("\n") == text.count("\n")
        assert parse.restore(module.code) == whole.code
        assert (module.default_indent, module.default_newline) == (whole.default_indent, whole.default_newline)


def test_indented_lines_after_the_last_statement_keep_it():
    """libcst writes indented lines after a module's last simple statement as the last one only."""
    assert cst.parse_module("x = 1\n    # a\n    # b\n").code == "x = 1\n    # b\n"
    text = SOURCES["indented lines after the last statement"]
    tree = ast.parse(text)
    parse = stand_ins.parse(text, tree, codemod.line_offsets(text), set(), set())
    assert parse.text.endswith(text[text.index("def f"):])


def test_the_statements_of_a_class_s_block_are_stood_in_for():
    text = SOURCES["methods of a class"]
    tree = ast.parse(text)
    parse = stand_ins.parse(text, tree, codemod.line_offsets(text), {21}, set())
    module = cst.parse_module(parse.text)
    outer = module.body[1].body
    assert [type(s) for s in outer.body] == [cst.SimpleStatementLine, cst.FunctionDef, cst.FunctionDef,
                                             cst.ClassDef, cst.SimpleStatementLine, cst.FunctionDef]
    assert [s.name.value for s in outer.body[3].body.body][1] == "e"
    assert outer.indent is None and module.default_indent == "   "  # a's own line keeps its indentation
    assert "def a" not in parse.text and "def c" not in parse.text and "Z = 4" not in parse.text
    assert [type(s) for s in parse.body[1].body] == [ast.Pass, ast.Pass, ast.Pass, ast.ClassDef, ast.Pass, ast.Pass]
    assert parse.restore(module.code) == text


@pytest.mark.parametrize("text", [*SOURCES.values(), "x = 1\n", "class C: pass\nif x:\n\tpass\n",
                                  "try: x\nexcept E: y\nfinally:\n      z\n", "if x: pass\nelif y: pass\nelse:\n w\n"])
def test_the_first_indentation_is_libcst_s_default_indent(text):
    tree = ast.parse(text)
    indentation, _ = stand_ins.first_indented(text, codemod.line_offsets(text), tree.body)
    assert indentation == cst.parse_module(text).default_indent



def test_a_file_with_a_byte_order_mark(monkeypatch, tmp_path):
    """The reader strips the mark (ast would not parse it), the writer puts it back."""
    data = b"\xef\xbb\xbf" + SOURCES["decorators and comments between statements"].encode()
    plan = engine.FixPlan(fixers.FIXABLE, frozenset())
    parse, made = stand_ins.parse, []
    monkeypatch.setattr(stand_ins, "parse", lambda *args: made.append(parse(*args)) or made[-1])
    sparse = engine.fix_bytes(str(tmp_path / "m.py"), data, plan)
    monkeypatch.setattr(stand_ins, "parse", lambda text, tree, *args: stand_ins.whole(text, tree))
    whole = engine.fix_bytes(str(tmp_path / "m.py"), data, plan)
    assert any(parse.originals for parse in made)
    assert sparse.new == whole.new and sparse.new.startswith(b"\xef\xbb\xbf") and sparse.new != data

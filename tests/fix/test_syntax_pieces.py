"""Stage 1 on the module's pieces (diracmod/fix/syntax_pieces.py): fissix reads only the head and the statements
holding check's lines, and the rewrite is the one of the whole module, byte for byte; where a fixer needs the
rest of the module, or a piece could not be read alone, fissix reads the whole module."""
from __future__ import annotations

import os

import pytest

from bench import corpora
from tests.fix.test_fix_corpora import BIG
from diracmod.check import engine as check_engine
from diracmod.fix import engine, syntax_stage
from diracmod.rules.fixers import SYNTAX_BY_SYMBOL
from diracmod.source import reader

_PLAN = check_engine.Plan(checkers=frozenset({"py3k"}))


def _lines(path: str, text: str):
    """(check's lines of each stage-1 symbol in `text`, its parse)."""
    analysis = check_engine.analysis(path, reader.decode(path, text.encode("utf-8")), _PLAN)
    symbols = {f.symbol for f in analysis.findings if f.symbol in SYNTAX_BY_SYMBOL}
    return {s: {f.line for f in analysis.findings if f.symbol == s} for s in symbols}, analysis.parsed


def _outcome(call):
    try:
        return call()
    except syntax_stage.SyntaxStageError as exc:
        return f"refused: {exc}"


def _both(text: str, monkeypatch) -> tuple:
    """(the rewrite of `text` on its pieces, the whole module's rewrite, the texts fissix read for the first)."""
    lines, parsed = _lines("mod.py", text)
    assert lines, "the shape must have Python-2-only syntax"
    read = []
    refactor_string = syntax_stage._Tool.refactor_string

    def spied(tool, data, name):
        read.append(data)
        return refactor_string(tool, data, name)

    monkeypatch.setattr(syntax_stage._Tool, "refactor_string", spied)
    pieces = _outcome(lambda: syntax_stage.rewrite(text, lines, "mod.py", parsed))
    monkeypatch.undo()
    whole = _outcome(lambda: syntax_stage.rewrite_with(text, syntax_stage.fixer_classes(lines), "mod.py", lines))
    return pieces, whole, read


HEAD = '"""Docstring."""\n# a comment above the first statement\nfrom __future__ import division\n\nimport os\n'

# Shapes fissix reads in pieces: (id, source, a line that must not be read)
PIECEWISE = [
    ("print in a method, future import after the head", HEAD + """
UNREAD = 1


class A(object):
    '''Doc.'''

    # comment between methods, at column 0
    @property
    def f(self):
        print "x", os.sep
        return 1

    def g(self):
        return UNREAD
""", "return UNREAD"),
    ("print as the statement after the docstring", '"""Doc."""\n# above\nprint "first"\n\ndef unread():\n    pass\n\n'
     'def f():\n    print >>sys.stderr, "x",\n', "def unread"),
    ("print_function module: print calls read with its grammar",
     "from __future__ import print_function\nimport sys\n\ndef unread():\n    print('a', file=sys.stderr)\n\n"
     "def f():\n    try:\n        print(1, end='')\n    except ValueError, e:\n        print(e, file=sys.stderr)\n",
     "def unread"),
    ("no final newline, the last statement rewritten", "import os\nUNREAD = 2\nx = 0777L", "UNREAD"),
    ("statements sharing a line, a trailing comment", "import os\nUNREAD = 2\nx = 0777; y = 1L  # octal\n",
     "UNREAD"),
    ("two-space and one-space indentation, nested classes in a function",
     "import os\n\ndef outer():\n  UNREAD = 1\n  class A:\n   class B:\n    def f(self):\n     return `self`\n"
     "   y = 2\n  return A\n", "UNREAD"),
    ("tabs, and a form feed before a method", "import os\n\nclass A:\n\tUNREAD = 1\n\n\x0c\n\tdef f(self):\n"
     "\t\tif self <> 0:\n\t\t\treturn ur'\\d'\n", "UNREAD"),
    ("a coding cookie and a comment ending the piece", "# -*- coding: utf-8 -*-\nimport os\nx = 1\nUNREAD = 'é'\n"
     "def f():\n    try:\n        pass\n    except (IOError, OSError), e:  # both\n        raise ValueError, e\n"
     "    # a comment after, in the body\n\n# at the end\n", "UNREAD"),
    ("a class body on the header's line is read with its class",
     "import os\nUNREAD = 2\nclass A: x = 0777L\nclass B(object):\n    y = [n for n in 1, 2]\n", "UNREAD"),
    ("a finding in a def's header: the def is read whole", "import os\nUNREAD = 2\nclass A:\n    def f(self, "
     "mode=0777):\n        return mode\n    def g(self):\n        exec 'x = 1' in {}\n", "UNREAD"),
    ("three-argument raise: six.reraise's import after the first run of imports, which the head holds",
     '"""Doc."""\nimport os\n\nimport sys\nx = 1\nUNREAD = 2\n\ndef f():\n    raise ValueError, "bad", '
     'sys.exc_info()[2]\n', "UNREAD"),
    ("three-argument raise, and a class body binding six: it binds no module name",
     "import os\nx = 1\nUNREAD = 2\nclass A(object):\n    six = 0777L\n    def f(self):\n"
     "        raise ValueError, 'bad', None\n", "UNREAD"),
    ("print and three-argument raise: both imports at the top", '"""Doc."""\nimport os\nx = 1\nUNREAD = 2\n'
     'def f():\n    print "a"\n    raise ValueError, "b", None\n', "UNREAD"),
    ("a string spanning lines, a backslash inside the piece", "import os\nUNREAD = 2\ndef f():\n    s = '''\n"
     "print x\n'''\n    return s + \\\n        `s`\n", "UNREAD"),
]

# Shapes fissix reads whole: (id, source)
WHOLE = [
    ("a print under noqa elsewhere: the future import would change it", "import os\n\ndef f():\n"
     "    print 'x'  # noqa\n\ndef g():\n    print 'y'\n"),
    ("three-argument raise, and six bound outside the pieces: no import", "import os\nx = 1\n\ndef f():\n"
     "    raise ValueError, 'bad', None\n\ntry:\n    import six\nexcept ImportError:\n    from vendor import six\n"),
    ("three-argument raise in a module without imports: the import goes after a later string statement",
     "x = 1\n\ndef f():\n    raise ValueError, 'bad', None\n'a string'\n"),
    ("except with a tuple target: the name it binds must be unused in the module", "import os\nexc = 1\n\ndef f():\n"
     "    try:\n        pass\n    except ValueError, (a, b):\n        return a\n"),
    ("tuple parameters: the def may hold a piece", "import os\n\ndef f((a, b)):\n    return `a`\n"),
    ("a backslash ending a piece's last line: the next piece would continue it", "import os\nx = 0777 \\\n\n"
     "(1L)\n"),
    ("a lone CR (a newline to the ast, not to fissix): read whole, as a precaution", "import os\ns = '''a\rb'''\nUNREAD = 1\nx = 0777L\n"),
    ("nothing after the docstring and future imports", '"""Doc."""\nfrom __future__ import division\nx = 1L\n'),
]


@pytest.mark.parametrize("source, unread", [case[1:] for case in PIECEWISE], ids=[case[0] for case in PIECEWISE])
def test_pieces_rewrite_as_the_whole_module(source, unread, monkeypatch):
    pieces, whole, read = _both(source, monkeypatch)
    assert pieces == whole
    assert pieces != source and not pieces.startswith("refused")
    assert len(read) == 1 and unread not in read[0]


@pytest.mark.parametrize("source", [case[1] for case in WHOLE], ids=[case[0] for case in WHOLE])
def test_whole_module_where_a_fixer_or_a_line_needs_it(source, monkeypatch):
    pieces, whole, read = _both(source, monkeypatch)
    assert pieces == whole
    assert read[-1] in (source, source + "\n")


def test_no_parse_no_pieces(monkeypatch):
    """Without check's parse (doctests' use), the whole text is read."""
    text = "import os\nx = 0777L\n"
    lines, _ = _lines("mod.py", text)
    assert syntax_stage.rewrite(text, lines, "mod.py") == syntax_stage.rewrite(text, lines, "mod.py",
                                                                               _lines("mod.py", text)[1])


@pytest.mark.corpus
@pytest.mark.parametrize("name", [*(BIG if os.environ.get("DIRACMOD_BIG_CORPORA") else ()), "Paste", "mechanize",
                                  "BeautifulSoup", "suds", "web.py"])
def test_pieces_rewrite_every_corpus_file_as_the_whole_module(name):
    """Every Python-2-only file of the corpus: the same rewrite (or refusal) on pieces as on the whole module."""
    differ, pieced = [], 0
    root = corpora.fetch(name)
    for directory, _, files in os.walk(root):
        for file in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(directory, file)
            try:
                text = engine._newline_style(reader.decode(path, open(path, "rb").read()).text)[0]
            except reader.SourceError:
                continue
            lines, parsed = _lines(path, text)
            if not lines:
                continue
            classes = syntax_stage.fixer_classes(lines)
            pieced += syntax_stage._pieces(text, classes, lines, parsed) is not None
            if _outcome(lambda: syntax_stage.rewrite(text, lines, path, parsed)) != _outcome(
                    lambda: syntax_stage.rewrite_with(text, classes, path, lines)):
                differ.append(os.path.relpath(path, root))
    assert differ == []
    assert pieced

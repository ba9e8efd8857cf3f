"""source/comments.count (fix's verification counts a rewrite's comments on its tree) must say what a tokenize
pass says: the COMMENT tokens of the text."""
import ast

import pytest

from bench import corpora
from diracmod.source import comments, parse, reader
from diracmod.source.tokens import scan

CASES = {
    "none": "x = 1\n",
    "own line and trailing": "# one\nx = 1  # two\n\n    # three\ndef f():  # four\n    pass\n",
    "hash in strings": "x = '#'  # real\ny = \"a # b\"\nz = b'#' + u'#'\nw = r'\\#'\n",
    "docstring with hashes": 'def f():\n    """\n    # not a comment\n    >>> 1  # nor this\n    """\n',
    "comment after a multi-line string": 'x = """\n#\n"""  # yes\n',
    "between concatenated pieces": 'x = ("a #"  # one\n     # two\n     "b")  # three\n',
    "concatenated without comments": 'x = ("#a"\n     "#b")\n',
    "f-strings": 'x = f"{1}#"  # c\ny = (f"#{2}"  # d\n     "e")\n',
    "several hashes on a line": "x = 1  # a # b\n",
    "decorators": "@d  # one\n# two\n@e('#')\ndef f(): pass  # three\n",
    "non-ASCII before a literal": "x = ('é', '#')  # c\ny = 'ü' # d\n",
    "CR and CRLF lines": "x = 1  # a\r\ny = '#'\r\n# b\rz = 2\n",
    "form feed": "\x0c# a\nx = 1\n",
    "match": "match x:\n    case {'#': 1}:  # c\n        pass\n",
}


@pytest.mark.parametrize("name", CASES)
def test_counts_what_tokenize_reads(name):
    text = CASES[name]
    assert comments.count(text, ast.parse(text)) == len(scan(text).comments)


def test_counts_the_comments_of_a_python2_files_rewrite():
    text = "print 'a #'  # one\nx = `y`  # two\n"
    parsed = parse.parse(text)
    assert parsed.python2_only
    assert comments.count(parsed.text, parsed.tree) == len(scan(parsed.text, True).comments) == 2


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["Django", "Twisted"])
def test_every_corpus_file(name):
    for path in corpora.python_files(corpora.fetch(name)):
        src = reader.read(str(corpora.fetch(name) / path), 5_000_000)
        parsed = parse.parse(src.text)
        if parsed.tree is not None:
            assert comments.count(parsed.text, parsed.tree) == len(scan(parsed.text, True).comments), path

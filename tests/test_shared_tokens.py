"""The tokens pycodestyle reads are handed to diracmod's own scan (one tokenize pass per file): the scan
must come out as its own tokenize pass would make it, whatever the file's shape."""
import pytest

from diracmod.rules import style
from diracmod.source import tokens

TEXTS = {
    "plain": "import os  # a comment\n\n\ndef f(*args,):\n    return '\\d', 1_000\n",
    "no final newline": "x = 1  # noqa\nif x:\n    y = (\n        2)",
    "crlf and cr": "a = 1  # one\r\nb = 2  # two\rc = rb'x'\r\n",
    "form feed": "x = 1\n\x0c\n# after the form feed\ny = 2\n",
    "unclosed bracket": "x = (1,\n# comment\n",
    "bad dedent": "if x:\n        y = 1\n    z = 2  # here\n",
    "only a comment": "# nothing else",
    "empty": "",
    "deep": "x = " + "(" * 90 + "1" + ")" * 90 + "\n",
    "multi-line string": 'x = """a\n\\q\n"""  # c\nwith (open(f) as g):\n    pass\n',
}


@pytest.mark.parametrize("python2_only", [False, True])
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_scan_fed_by_pycodestyle_equals_its_own_tokenize_pass(name, python2_only):
    text = TEXTS[name]
    scanner = tokens.Scanner()
    style.check("x.py", text, (), scanner)
    shared = tokens.scan(text, python2_only, scanner)
    own = tokens.scan(text, python2_only)
    assert (shared.comments, shared.raw, shared.python2_depth) == (own.comments, own.raw, own.python2_depth)

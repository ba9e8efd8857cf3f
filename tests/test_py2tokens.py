"""py2tokens respells a Python-2-only file from its tokens exactly as py2syntax does with fissix's grammar
(same text, same findings at the same positions), or declines; and check's findings are the same whichever
of the two made the rewrite."""
import io
import tokenize
import warnings

import pytest

from bench import corpora
from diracmod.check import engine
from diracmod.core.lines import universal_newlines
from diracmod.source import parse, py2syntax, py2tokens, reader

# HANDLED: Python 2 parses each, Python 3 does not, py2tokens respells it. DECLINED: left to py2syntax
# (Python 2 parses some, not all).
HANDLED = {
    "print": "print 'a', x\nprint\nprint >>f, x,\nprint >>f\nif x: print x; print\nprint(1)\nprint (a, b)  # c\n",
    "exec": "exec code\nexec code in ns\nexec 'x' in g, l\nexec(code)\n",
    "except": "try:\n    pass\nexcept E, e:\n    pass\nexcept (A, B),e: pass\nexcept E, (a, b):\n    pass\n"
              "except E, self.error:\n    pass\n",
    "raise": "raise E, 'message'\nraise E, V, tb\nif x: raise E, (a, b)\nraise E\n",
    "literals": "x = 0777 + 10L + 0x1fL + 0L + 0777L + 00 + 1.5 + 1j\ny = ur'\\d' + UR\"x\" + b'\\xe9' + '\\N \\u'\n",
    "binary and 0o longs": "x = 0b1010L + 0B1l + 0o17L + 0O7l + 0b1010L.real\n",  # tryout28 #12: python2.7 reads each
    "attribute of a long": "x = 7L.real + -7L.__index__() + 0L.bit_length() + 7L .real + 0x1fL.real + 07L.real\n",
    "backticks": "x = `a` + `b, c`\ny = `a + `b``\nprint `x`\nz = `f(a, b), [c, d]` + `(e, f)` + `g, `h, i``\n",
    "not equal": "if a <> b: pass\nx = a<>b\n",
    "tuple parameters": "def f(a, (b, c), ((d,), e)=x):\n    pass\ng = lambda (k, v): k\nh = lambda a, (b,): b\n",
    # tryout14 #8: after a default, each name of a tuple parameter with a default needs one in Python 3's spelling
    "tuple parameter after a default": "def m(y=0777, (p, q)=(3, 4), ((r,), s)=t, *a, **k): pass\n"
                                       "g = lambda y=1, (k, v)=(1, 2): k\nprint 1\n",
    "crlf": "print 'a'\r\nx = '''\r\n\\u'''\r\n",
    "print function": "from __future__ import print_function\nprint('a', end='')\nexec 'x'\n",
    "continuation": "print \\\n    x\nexcept_ = 1\ntry:\n    pass\nexcept E, \\\n        e:\n    pass\n",
    "assigned True": "try:\n    True\nexcept NameError:\n    False = 0; True = 1\nx = True = (1 == 1)\n"
                     "def f(a, False=False, True=True, g=lambda True=1: True):\n    print a\nh = lambda True=0: True\n",
}
DECLINED = {
    "async name": "async = 1\nprint x\n",
    "True as a keyword argument": "f(True=1)\nprint x\n",
    "True as an attribute": "a.True = 1\nprint x\n",
    "True in a call's lambda": "f(lambda True=1: True)\nprint x\n",
    "print as a name": "x = print\nprint x\n",
    "bare tuple in a comprehension": "x = [a for a in 1, 2]\n",
    "lone CR": "print x\rprint y\r",
    "exec alone": "exec\nprint x\n",
}


def _tokens(text):
    return list(tokenize.generate_tokens(io.StringIO(universal_newlines(text)).readline))


@pytest.mark.parametrize("name", sorted(HANDLED))
def test_rewrite_from_tokens_is_fissixs(name):
    text = HANDLED[name]
    fast = py2tokens.rewrite(text, _tokens(text))
    assert fast is not None
    reference = py2syntax.rewrite(text)
    assert (fast.text, fast.findings) == (reference.text, reference.findings)
    compile(fast.text, name, "exec")


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_declines_what_it_does_not_know(name):
    text = DECLINED[name]
    fast = py2tokens.rewrite(text, _tokens(text))
    if fast is not None:  # declined by the caller: Python 3 does not parse the result
        with pytest.raises(SyntaxError):
            compile(fast.text, name, "exec")


def test_check_findings_do_not_depend_on_which_rewrite_ran(monkeypatch):
    plan = engine.Plan(checkers=frozenset({"py3k", "pycodestyle"}))
    for name, text in {**HANDLED, **DECLINED}.items():
        src = reader.decode(f"{name}.py", text.encode())
        fast = engine.analyse(f"{name}.py", src, plan)
        with monkeypatch.context() as patch:
            patch.setattr(py2tokens, "rewrite", lambda text, tokens: None)
            slow = engine.analyse(f"{name}.py", src, plan)
        assert fast == slow, name


def _python2_only_corpus_files():
    for name in sorted(corpora.CORPORA):
        root = corpora.fetch(name)
        for path in corpora.python_files(root):
            try:
                text = reader.read(str(root / path), 5_000_000).text
            except reader.SourceError:
                continue
            if not isinstance(parse.python3(text), parse.Parsed):
                yield f"{name}/{path}", text


@pytest.mark.corpus
def test_every_python2_only_corpus_file():
    """On every corpus file only Python 2 parses: py2tokens' rewrite is fissix's, or py2tokens declines
    (then the file still gets fissix's); it declines few."""
    handled, declined = 0, []
    for path, text in _python2_only_corpus_files():
        fast = py2tokens.rewrite(text, _tokens(text))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the corpora's invalid escapes
                compile(fast.text if fast else "(", path, "exec", dont_inherit=True)
        except SyntaxError:
            declined.append(path)
            continue
        reference = py2syntax.rewrite(text)
        assert (fast.text, fast.findings) == (reference.text, reference.findings), path
        handled += 1
    assert handled > 500 and len(declined) < 0.05 * (handled + len(declined)), declined

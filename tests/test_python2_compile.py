"""tryout11 #14: what python2.7 refuses after parsing (its symbol table and compiler: a duplicate parameter, a bare
exec or a star import in a function with a nested function reading a free variable, `del` of a variable a nested
block reads...) is python2-syntax-error (DM001), found in the one pass (rules/py3k/py2compile.py), and `diracmod
fix` says the original does not compile instead of blaming a fixer. Each refused shape has an accepted near
variant beside it; python2.7 itself says which is which (test_python27_decides_the_table)."""
from __future__ import annotations

import pytest

from diracmod.check import engine
from diracmod.fix import python27 as python27_server
from diracmod.fix.engine import fix_bytes
from diracmod.source import py2syntax, py2tokens, tokens
from diracmod.source.reader import decode
from tests.fix.helpers import everything, python27
from tests.test_syntax_limits import compile_verdicts

# name -> source; the names python2.7 refuses are in REFUSED, the others it compiles
CASES = {
    "duplicate-parameter": "def f(a, a):\n    pass\n",
    "two-parameters": "def f(a, b):\n    pass\n",
    "duplicate-lambda-parameter": "g = lambda a, a: 0\n",
    "duplicate-tuple-parameter": "def f(a, (a, b)):\n    pass\n",
    "tuple-parameter": "def f(a, (b, c)):\n    pass\n",
    "duplicate-star-parameter": "def f(a, *a):\n    pass\n",
    "star-import-free-lambda": "def f():\n    from os import *\n    return lambda: path\n",
    "star-import-lambda-reads-its-parameter": "def f():\n    from os import *\n    return lambda x: x\n",
    "star-import-at-module-level": "from os import *\ng = lambda: path\n",
    "star-import-in-class": "def f():\n    class C:\n        from os import *\n        y = lambda: len\n",
    "exec-then-cmp-lambda": "def f(code):\n    xs = [3, 1, 2]\n    exec code\n"
                            "    xs.sort(cmp=lambda a, b: cmp(b, a))\n",
    "exec-in-then-cmp-lambda": "def f(code):\n    xs = [3, 1, 2]\n    exec code in {}\n"
                               "    xs.sort(cmp=lambda a, b: cmp(b, a))\n",
    "exec-call-form": "def f(code):\n    exec(code)\n    return lambda: len\n",
    "exec-call-form-one-tuple": "def f(code):\n    exec(code,)\n    return lambda: len\n",
    "exec-call-form-namespace": "def f(code):\n    exec(code, {})\n    return lambda: len\n",
    "exec-tuple-form-three": "def f(code):\n    exec(code, {}, {})\n    return lambda: len\n",
    "exec-and-star-import": "def f():\n    from os import *\n    exec 'x'\n    return lambda: path\n",
    "exec-in-nested-free-function": "def outer():\n    def f():\n        exec 'pass'\n        return len\n"
                                    "    return f\n",
    "exec-in-nested-closed-function": "def outer():\n    def f():\n        exec 'pass'\n        x = 1\n"
                                      "        return x\n    return f\n",
    "exec-in-method": "class C:\n    def m(self):\n        exec 'pass'\n        return len\n",
    "exec-empty-class": "def f():\n    exec 'pass'\n    class C:\n        pass\n    return C\n",
    "exec-class-reads-global": "def f():\n    exec 'pass'\n    class C:\n        y = len\n    return C\n",
    "exec-lambda-none": "def f():\n    exec 'pass'\n    return lambda: None\n",
    "exec-lambda-true": "def f():\n    exec 'pass'\n    return lambda: True\n",
    "exec-lambda-number": "def f():\n    exec 'pass'\n    return lambda: 1\n",
    "exec-print-statement-in-nested": "def f():\n    exec 'pass'\n    def g():\n        print 'x'\n    return g\n",
    "exec-print-function-in-nested": "from __future__ import print_function\ndef f():\n    exec 'pass'\n"
                                     "    def g():\n        print('x')\n    return g\n",
    "exec-backtick-in-lambda": "def f():\n    exec 'pass'\n    return lambda: `1`\n",
    "exec-genexp-closed": "def f(xs):\n    exec 'pass'\n    return list(x for x in xs)\n",
    "exec-genexp-free": "def f(xs):\n    exec 'pass'\n    return list(x for x in xs if y)\n",
    "exec-genexp-second-iterable-free": "def f(ys):\n    exec 'pass'\n    return list(a for a in ys for b in z)\n",
    "exec-list-comprehension": "def f(xs):\n    exec 'pass'\n    return [x for x in xs if y]\n",
    "exec-dict-comprehension-free": "def f(ys):\n    exec 'pass'\n    return {k: z for k in ys}\n",
    "exec-dict-comprehension-closed": "def f(ys):\n    exec 'pass'\n    return {k: 1 for k in ys}\n",
    "exec-nested-declares-global": "def f():\n    exec 'pass'\n    def g():\n        global z\n        return z\n"
                                   "    return g\n",
    "exec-method-of-nested-class-free": "def f():\n    exec 'x'\n    class C:\n        def m(self):\n"
                                        "            return len\n",
    "exec-method-of-nested-class-closed": "def f():\n    exec 'x'\n    class C:\n        def m(self):\n"
                                          "            return self\n",
    "exec-default-and-decorator": "def f():\n    exec 'x'\n    @dec\n    def g(a=len):\n        return a\n",
    "exec-except-unpacking": "def f():\n    exec 'x'\n    def g():\n        try:\n            pass\n"
                             "        except ValueError, (a, b):\n            return a\n",
    "parameter-declared-global": "def f(x):\n    global x\n",
    "star-parameter-declared-global": "def f(*x):\n    if x:\n        global x\n",
    "parameter-declared-global-in-nested": "def f(x):\n    def g():\n        global x\n",
    "assigned-before-global": "def f():\n    x = 1\n    global x\n",  # a SyntaxWarning only
    "delete-cell": "def f():\n    x = 1\n    g = lambda: x\n    del x\n",
    "delete-local": "def f():\n    x = 1\n    g = lambda x: x\n    del x\n",
    "delete-cell-read-by-class": "def f():\n    x = 1\n    class C:\n        y = x\n    del x\n",
    "delete-cell-read-by-method": "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n"
                                  "            return x\n    del x\n",
    "delete-cell-in-tuple": "def f():\n    x = 1\n    def g():\n        return x\n    del (x, y)\n",
    "delete-cell-generator-expression": "def f():\n    x = 1\n    g = (x for _ in y)\n    del x\n",
    "delete-first-iterable": "def f():\n    x = 1\n    g = (_ for _ in x)\n    del x\n",
    "delete-shadowed": "def f():\n    x = 1\n    def g():\n        x = 2\n        return lambda: x\n    del x\n",
    "delete-declared-global-below": "def f():\n    x = 1\n    def g():\n        global x\n        return x\n"
                                    "    del x\n",
    "delete-subscript": "def f():\n    x = 1\n    def g():\n        return x\n    del x[0]\n",
    "delete-in-class-body": "class C:\n    x = 1\n    g = lambda: x\n    del x\n",
    "continue-in-finally": "for i in range(3):\n    try:\n        pass\n    finally:\n        continue\n",
    "continue-in-try-in-finally": "for i in x:\n    try:\n        pass\n    finally:\n        try:\n"
                                  "            continue\n        except:\n            pass\n",
    "loop-in-finally": "try:\n    pass\nfinally:\n    for i in range(3):\n        continue\n",
    "continue-in-try-body": "for i in x:\n    try:\n        continue\n    finally:\n        pass\n",
    "break-in-finally": "for i in x:\n    try:\n        pass\n    finally:\n        break\n",
    "continue-in-loop-else": "for i in x:\n    pass\nelse:\n    continue\n",
    "continue-outside-loop": "continue\n",
    "break-outside-loop": "break\n",
    "break-in-function-in-loop": "for i in x:\n    def f():\n        break\n",
    "return-outside-function": "return 1\n",
    "return-in-class": "class C:\n    return 1\n",
    "return-in-function": "def f():\n    return 1\n",
    "yield-outside-function": "yield 1\n",
    "yield-in-class": "class C:\n    yield 1\n",
    "yield-in-module-list-comprehension": "[(yield x) for x in y]\n",
    "yield-in-lambda": "g = lambda: (yield)\n",
    "bare-except-first": "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    "bare-except-last": "try:\n    pass\nexcept ValueError:\n    pass\nexcept:\n    pass\n",
    "keyword-argument-repeated": "f(a=1, a=2)\n",
    "keyword-argument-and-double-star": "dict(a=1, **{'a': 2})\n",
    "256-arguments": "f(%s)\n" % ", ".join(f"a{i}" for i in range(256)),
    "255-arguments-and-star": "f(%s, *b)\n" % ", ".join(f"a{i}" for i in range(255)),
    "256-keyword-arguments": "f(%s)\n" % ", ".join(f"a{i}=1" for i in range(256)),
    "future-annotations": "from __future__ import annotations\n",
    "future-generator-stop": "from __future__ import generator_stop\n",
    "future-braces": "from __future__ import braces\n",
    "future-every-python2-feature": "from __future__ import nested_scopes, generators, division, absolute_import, "
                                    "with_statement, print_function, unicode_literals\n",
    "future-after-docstring": '"""doc"""\nfrom __future__ import division\n',
    "future-after-import": "import os\nfrom __future__ import division\n",
    "future-in-function": "def f():\n    from __future__ import division\n",
    # tryout17 #13: refused by python2.7's compiler, read by Python 3 once the tuple parameter is respelled
    "parenthesized-tuple-parameter-default": "def k(n, ((lo, hi))=(0, 9)):\n    return n, lo, hi\n",
    "parenthesized-parameter-default": "def k((x)=1):\n    pass\n",
    "parenthesized-lambda-parameter-default": "g = lambda ((a, b))=(1, 2): a\n",
    "tuple-parameter-default": "def k(n, (lo, hi)=(0, 9)):\n    pass\n",
    "one-tuple-parameter-default": "def k(((a, b),)=((1, 2),)):\n    pass\n",
    # ...and what Python 3 cannot parse either (python3-syntax-error too)
    "non-default-after-default": "def f(x=1, y):\n    pass\n",
    "non-default-tuple-after-default": "def f(x=1, (y, z)):\n    pass\n",
    "lambda-non-default-after-default": "g = lambda x=1, y: 0\n",
    "star-after-default": "def f(x=1, *a):\n    pass\n",
    "positional-after-keyword": "f(x=1, 2)\n",
    "star-after-keyword": "f(x=1, *a)\n",
    "assign-to-none": "None = 1\n",
    "none-in-a-target": "(a, None) = 1, 2\n",
    "none-attribute-target": "x.None = 1\n",
    "none-augmented": "None += 1\n",
    "none-for-target": "for None in x:\n    pass\n",
    "none-def": "def None():\n    pass\n",
    "none-parameter": "def f(a, None):\n    pass\n",
    "none-lambda-parameter": "g = lambda None: 0\n",
    "none-keyword-argument": "f(None=1)\n",
    "none-import-as": "import a as None\n",
    "none-import-list": "import os, None\n",
    "none-dotted-import": "import os, None.x\n",
    "none-from-import": "from a import (b, None)\n",
    "none-with-as": "with x as None:\n    pass\n",
    "none-except-target": "try:\n    pass\nexcept E, None:\n    pass\n",
    "none-read-as-attribute": "x = y.None\ny.None.z = 1\n",
    "none-imported-as": "from a import None as b\n",
    "none-deleted": "del None\n",
}
REFUSED = {
    "duplicate-parameter", "duplicate-lambda-parameter", "duplicate-tuple-parameter", "duplicate-star-parameter",
    "star-import-free-lambda", "exec-then-cmp-lambda", "exec-call-form", "exec-call-form-one-tuple",
    "exec-and-star-import", "exec-in-nested-free-function", "exec-class-reads-global", "exec-lambda-none",
    "exec-lambda-true", "exec-print-function-in-nested", "exec-genexp-free", "exec-genexp-second-iterable-free",
    "exec-dict-comprehension-free",
    "exec-method-of-nested-class-free", "exec-except-unpacking", "parameter-declared-global",
    "star-parameter-declared-global", "delete-cell", "delete-cell-read-by-class", "delete-cell-read-by-method",
    "delete-cell-in-tuple", "delete-cell-generator-expression", "continue-in-finally", "continue-in-try-in-finally",
    "continue-in-loop-else", "continue-outside-loop", "break-outside-loop", "break-in-function-in-loop",
    "return-outside-function", "return-in-class", "yield-outside-function", "yield-in-class",
    "yield-in-module-list-comprehension", "bare-except-first", "keyword-argument-repeated", "256-arguments",
    "256-keyword-arguments", "future-annotations", "future-generator-stop", "future-braces", "future-after-import",
    "future-in-function", "parenthesized-tuple-parameter-default", "parenthesized-parameter-default",
    "parenthesized-lambda-parameter-default", "non-default-after-default", "non-default-tuple-after-default",
    "lambda-non-default-after-default", "positional-after-keyword", "assign-to-none", "none-in-a-target",
    "none-attribute-target", "none-augmented", "none-for-target", "none-def", "none-parameter",
    "none-lambda-parameter", "none-keyword-argument", "none-import-as", "none-import-list", "none-from-import", "none-with-as",
    "none-except-target",
}
# python2.7 refuses these, check does not see it: the Python 3 reading lost the names `except E, (a, b)` binds
MISSED = {"exec-except-unpacking"}


def _findings(source: str, checkers: frozenset) -> list:
    return engine.analyse("example.py", decode("example.py", source.encode()), engine.Plan(checkers=checkers))


@pytest.mark.parametrize("checkers", [frozenset({"py3k"}), frozenset()], ids=["py3k-walker", "syntax-walk"])
def test_check_reports_python2_syntax_error_where_python27_refuses(checkers):
    """Both passes (the py3k rules', and the syntax checker's alone as `--select DM001` runs it) agree both ways."""
    disagreements = []
    for name, source in CASES.items():
        found = [f.message for f in _findings(source, checkers) if f.symbol == "python2-syntax-error"]
        if bool(found) != (name in REFUSED - MISSED):
            disagreements.append((name, found))
    assert disagreements == []


@pytest.mark.skipif(python27_server.interpreter() is None, reason="python2.7 not found (set DIRACMOD_PY27)")
def test_python27_decides_the_table():
    """python2.7 refuses exactly REFUSED, and check's detail is python2.7's own message."""
    verdicts = compile_verdicts(python27(), CASES)
    assert {name for name, error in verdicts.items() if error} == REFUSED
    for name in REFUSED - MISSED:
        details = [f.message.split(": ", 1)[1] for f in _findings(CASES[name], frozenset({"py3k"}))
                   if f.symbol == "python2-syntax-error"]
        assert any(detail in verdicts[name] for detail in details), (name, details, verdicts[name])


def test_a_refused_file_counts_nothing_fixable_and_fix_leaves_it_saying_why():
    """tryout11 #14 (cases/62): check said "3 fixable"; fix rewrote it, and python2.7 refusing the rewrite, blamed a
    fixer, naming a line of its intermediate text: the original already does not compile."""
    source = ("def f(code):\n    xs = [3, 1, 2]\n    exec code\n    xs.sort(cmp=lambda a, b: cmp(b, a))\n"
              "    print xs\n")
    found = _findings(source, frozenset({"py3k"}))
    assert [(f.line, f.symbol) for f in found if f.symbol == "python2-syntax-error"] == [(3, "python2-syntax-error")]
    assert not any(f.fixable for f in found)
    result = fix_bytes("main.py", source.encode(), everything())
    assert result.new is None
    assert result.refused == ("Python 2.7 rejects this: unqualified exec is not allowed in function 'f' because "
                              "it contains a nested function with free variables (line 3): change that by hand first")


def test_fix_says_the_original_does_not_compile_where_check_cannot_tell(monkeypatch):
    """A refusal check does not model (`x.__debug__ = 1`): python2.7 refuses the rewrite, and the original too, which
    is no fixer's doing."""
    compiler = python27_server.Compiler(python27())
    monkeypatch.setattr(python27_server, "_compiler", compiler)
    try:
        result = fix_bytes("m.py", b"import os\nx = os\nx.__debug__ = 1\nprint 'x'\n", everything())
    finally:
        compiler.stop()
    assert result.new is None
    assert result.refused == ("Python 2.7 cannot compile the original either: cannot assign to __debug__ (line 3): "
                              "change that by hand first")


def test_a_parenthesized_parameter_with_a_default_is_left_by_fix():
    """tryout17 #13 (cases/41): python2.7 refuses `def k(n, ((lo, hi))=(0, 9)):` ("parenthesized arg with
    default"); check said only E1602 and fix rewrote it into `def k(n, params1=(0, 9)):`, which Python 2 runs."""
    source = "def k(n, ((lo, hi))=(0, 9)):\n    return n, lo, hi\n"
    found = _findings(source, frozenset({"py3k"}))
    assert [(f.line, f.symbol) for f in found if f.symbol == "python2-syntax-error"] == [(1, "python2-syntax-error")]
    assert not any(f.fixable for f in found)
    result = fix_bytes("main.py", source.encode(), everything())
    assert result.new is None
    assert result.refused == "Python 2.7 rejects this: parenthesized arg with default (line 1): change that by hand first"


@pytest.mark.parametrize("source", ["def k(n, ((lo, hi))=(0, 9)):\n    pass\n", "g = lambda (x)=1: x\n"])
def test_both_python2_readers_see_a_parenthesized_parameter_with_a_default(source):
    """The rewrite from the tokens (py2tokens) and the one with fissix's grammar (py2syntax, when the tokens' one
    cannot) say the same."""
    by_grammar = py2syntax.rewrite(source).findings
    by_tokens = py2tokens.rewrite(source, tokens.read(source).tokens).findings
    for findings in (by_grammar, by_tokens):
        assert [(line, detail) for line, _, symbol, detail in findings if symbol == "python2-syntax-error"] == [
            (1, {"detail": "parenthesized arg with default"})]

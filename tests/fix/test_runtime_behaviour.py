"""The runtime-semantics rules' catalogue examples, run (issue 8, done-when 2): each bad example and its fixed
text, with a few lines that use them, under python2.7 and Python 3. Python 2 must print exactly what it
printed before the fix; Python 3 must print, after the fix, what Python 2 printed (text compared as text:
u''/b'' reprs never reach the output, the drivers print text); and before the fix Python 3 must fail or
print something else, or the example would show nothing the rule is for."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.suites import six_dir
from diracmod.check import engine as check_engine
from diracmod.cli import main
from diracmod.core import catalogue
from diracmod.fix import engine
from diracmod.fix.futures import Policy
from diracmod.source import project_index, reader
from tests.fix.helpers import (everything, fixed_runs_as_before, project_dir, py3k_findings, python27,
                               python2_output)

# What each runtime rule's bad examples are run with, by (symbol, example number): statements appended to
# the module, printing text only, one value per print (the examples have no print_function).
DRIVERS = {
    ("text-to-bytes-api", 0): 'print(key("user", 7))',
    ("text-to-bytes-api", 1): 'import binascii\nprint(binascii.hexlify(header + digest).decode("ascii"))',
    ("text-to-bytes-api", 2): 'print(session_id(7))',
    ("text-to-bytes-api", 3): 'print(DIGEST)',
    ("str-to-bytes-api", 0): 'print(fingerprint("some data"))',
    ("str-to-bytes-api", 1): 'print(lower("ABC").decode("ascii"))',
    ("bytes-result-as-text", 0): 'print(basic_auth("user", "secret"))',
    ("bytes-result-as-text", 1): 'print(SEPARATOR)',
    ("sys-exc-attribute", 0): 'print(failure)',
    ("os-getcwdu", 0): 'print("%s %s" % (here == os.getcwd(), type(here) is type(u"")))',
    ("os-getcwdu", 1): 'import os\n'
                       'print("%s %s" % (here == os.path.join(os.getcwd(), "data"), type(here) is type(u"")))',
    ("invalid-str-codec", 0): 'print(digest.decode("ascii"))',
    ("invalid-str-codec", 1): 'import base64\nprint(unpack(base64.b64encode(b"hello")).decode("ascii"))',
    ("invalid-str-codec-spelled", 0): 'print(digest.decode("ascii") + raw.decode("ascii"))',
    ("cmp-builtin", 0): 'print([compare(1, 2), compare("b", "a"), compare(3, 3)])',
    ("cmp-builtin", 1): 'import collections, functools\nF = collections.namedtuple("F", "size name")\n'
                        'files = [F(1, "b"), F(2, "a"), F(1, "a")]\n'
                        'print(sorted(files, key=functools.cmp_to_key(reversed_order)))',
    ("cmp-builtin", 2): 'import sys\nprint(Loader().order(["b", "c", "a"]))\n'
                        '# Python 2 keeps the very builtin\n'
                        'print(sys.version_info[0] == 3 or Loader.compare is __builtins__.cmp is Loader().compare)',
    ("exception-message-attribute", 0): 'print(text)',
    ("deprecated-str-translate-call", 0): 'print(slug)',
    ("deprecated-str-translate-call", 1): 'print(digits("(01) 234-56"))',
    ("deprecated-str-translate-call", 2): 'print(bare("a-b.c!"))',
    ("positional-cmp-argument", 0): 'import collections\nS = collections.namedtuple("S", "name created")\n'
                                    'print(newest_first([S("b", 1), S("a", 3), S("c", 2)]))',
    ("positional-cmp-argument", 2): 'print(values)\nprint(ranked)',
    ("positional-cmp-argument", 1): 'print(by_rank([("b", 1), ("a", 2), ("c", 3)], {"a": 2, "b": 1, "c": 1}))',
    ("positional-cmp-argument", 3): 'class Names(list):\n    def sort(self, *args):\n        raise ValueError\n'
                                    'print(ordered([3, 1, 2]))\nprint(ordered(Names([2, 1])))',
    ("positional-cmp-argument", 4): 'print(newest_first((3, 1, 2)))\nprint(newest_first(iter([1, 5])))',
    ("cmp-method", 0): 'a, b = Version(), Version()\nprint([a == b, a < b, a <= b, a != b, hash(a) == hash(a)])',
    ("cmp-method", 1): 'vs = [Version((1, 2)), Version((1, 0)), Version((2,))]\nprint(sorted(vs))\n'
                       'print([vs[0] > vs[1], vs[0] == Version((1, 2)), len(set(vs)), max(vs)])',
    ("namespace-dict-changed-during-iteration", 0): 'print(sorted(BY_CODE.items()))',
    ("namespace-dict-changed-during-iteration", 1): 'print([Colours.RED, Colours.GREEN, hasattr(Colours, "key")])',
    # tryout19 #8: the module's namespace spelled through sys.modules
    ("namespace-dict-changed-during-iteration", 2): 'print([HOOKS, globals()[HOOKS[0]]()])',
    # a module never used, seen from outside (a module importing it from this one), and urllib2 as urllib.request
    ("bad-python3-import", 1): 'print(urlparse.urljoin("http://a/b/", "c"))',
    ("bad-python3-import", 5): 'print(version()[1].__class__.__name__)',
    # an import blocker: DictMixin defined on MutableMapping where UserDict is missing
    ("bad-python3-import", 7): 'h = Headers([("content-type", "text/plain"), ("server", "x")])\n'
                               'print([h["Content-Type"], len(h), sorted(h), h.has_key("server"), "server" in h,\n'
                               '       h.get("date"), h == {"content-type": "text/plain", "server": "x"}])',
    ("deprecated-types-field", 2): 'class Old:\n    pass\nclass New(ValueError):\n    pass\n'
                                   'print(exception_classes({"Old": Old, "New": New, "KeyError": KeyError, "n": 1}))',
    ("bad-python3-import", 9): 'print(make("Point").__name__)',
    ("bad-python3-import", 8): 'print(http_date(784111777))\nprint(http_date(0.5))',
    # tryout3 #31: Python 2's byte string keeps "\u00e9" as six characters
    # tryout7 #13: a plain part after a u'' part (Python 2: u'a' + '\\u00e9', seven characters)
    ("unicode-escape-in-byte-string", 0): 'print([len(ACCENT), len(SMILE), ACCENT + SMILE, len(PREFIXED)])',
    # the flow rule: a method called in the loop deletes from the dict iterated
    ("dict-keys-not-iterating", 2): 'r = Registry()\nr.entries = {1: None, 2: 3, 4: None}\nr.purge()\n'
                                    'print(sorted(r.entries))',
    # tryout10 #5: a comprehension's element and map's function pop from the dict whose keys() they read
    ("dict-keys-not-iterating", 4): 'print(take_all({1: "a", 2: "b"}))',
    # tryout8 #2: a loop changing what a lazy map/zip/filter reads; a map whose function writes, under any()
    ("map-builtin-not-iterating", 2): 'print(doubled([1, 2]))',
    ("map-builtin-not-iterating", 3): 'print(any_true([0, 1, 2]))\nprint(CALLED)',
    ("zip-builtin-not-iterating", 1): 'print(mirrored([1, 2]))',
    ("filter-builtin-not-iterating", 1): 'print(grow(set([0, 1, 2])))',
    # tryout8 #8: max() of two arguments compares them
    ("map-builtin-not-iterating", 4): 'print(newest("1.10", "1.9"))',
    ("range-builtin-not-iterating", 1): 'print(widest(2, 3))',
    # tryout6 #20: Python 3.11 has no assertItemsEqual (3.12 none of the aliases)
    ("unittest-alias-removed", 0): 'result = unittest.TestResult()\nT("test_a").run(result)\n'
                                   'print([result.testsRun, len(result.failures), len(result.errors)])',
    # tryout6 #19
    ("function-attribute-removed", 0): 'print([described[0], described[1], described[2], f.__doc__])',
}
# The rules issue 8 added or made fixable: every bad example of theirs has a driver.
RUNTIME_SYMBOLS = {"text-to-bytes-api", "str-to-bytes-api", "bytes-result-as-text", "sys-exc-attribute",
                   "os-getcwdu", "invalid-str-codec", "cmp-builtin", "exception-message-attribute", "cmp-method",
                   "deprecated-str-translate-call", "positional-cmp-argument",
                   "namespace-dict-changed-during-iteration", "unicode-escape-in-byte-string",
                   "invalid-str-codec-spelled"}
EXAMPLES = [(rule.symbol, number, example) for rule in catalogue.load().rules
            for number, example in enumerate(rule.bad) if (rule.symbol, number) in DRIVERS]


def _run(python: str, code: str, tmp_path) -> tuple:
    """(exit code, stdout) of `code` as a module under `python`, six on its path."""
    script = tmp_path / f"example_{abs(hash((python, code)))}.py"
    script.write_text(code)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(six_dir(tmp_path))
    proc = subprocess.run([python, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, proc.stdout


def test_every_example_of_the_runtime_rules_has_a_driver():
    examples = {(rule.symbol, number) for rule in catalogue.load().rules if rule.symbol in RUNTIME_SYMBOLS
                for number, _ in enumerate(rule.bad)}
    assert examples - set(DRIVERS) == set()
    assert len(EXAMPLES) == len(DRIVERS), "a driver for an example that is not in the catalogue"


@pytest.mark.parametrize("symbol,number,example", EXAMPLES, ids=[f"{s}-{n}" for s, n, _ in EXAMPLES])
def test_fixed_example_runs_as_python2_ran_the_original(symbol, number, example, tmp_path):
    py27 = python27()
    driver = "\n" + DRIVERS[symbol, number] + "\n"
    bad, fixed = example.code + driver, example.fixed + driver
    before = _run(py27, bad, tmp_path)
    assert before[0] == 0 and before[1], "the bad example must run on Python 2"
    assert _run(py27, fixed, tmp_path) == before, "Python 2 behaviour changed"
    assert _run(sys.executable, fixed, tmp_path) == before, "the fixed example does not run on Python 3 as on 2"
    assert _run(sys.executable, bad, tmp_path) != before, "the bad example already ran on Python 3 as on 2"


def test_a_literal_under_unicode_literals_stays_unicode_on_python2(tmp_path):
    # tryout2 #11: b"abc" handed struct's `s` a str where Python 2 had a unicode, which it refuses: the run that
    # raised packed after the fix. six.b("abc") is the literal itself on Python 2, b"abc" on Python 3.
    code = ('from __future__ import unicode_literals\nimport hashlib, struct, sys\n'
            'sys.stdout.write(hashlib.md5("abc").hexdigest() + "\\n")\n'
            'try:\n    sys.stdout.write(repr(struct.pack("3s", "abc")) + "\\n")\n'
            'except struct.error:\n    sys.stdout.write("struct.error\\n")\n')
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert 'hashlib.md5(six.b("abc"))' in fixed and 'struct.pack("3s", six.b("abc"))' in fixed
    py27 = python27()
    assert _run(py27, fixed, tmp_path) == _run(py27, code, tmp_path) == (
        0, "900150983cd24fb0d6963f7d28e17f72\nstruct.error\n")
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything()).new is None  # a second run: nothing


def test_an_argument_that_is_never_text_is_no_str_to_bytes_argument(tmp_path):
    # tryout10b #3 (Werkzeug, --unsafe): hmac.new(key, None, mod) became hmac.new(key, six.ensure_binary(None), mod),
    # which raises TypeError on both Pythons; None, a number, a container are never text: no finding, no rewrite
    code = ('import hmac, hashlib, zlib\n\n\ndef sign(key, data):\n    h = hmac.new(key, None, hashlib.sha1)\n'
            '    h.update(data)\n    return h.hexdigest()\n\n\n'
            'print(sign("k", "v"))\nprint(zlib.crc32(b"abc", 0))\n')
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    assert [(f.line, f.column) for f in found if "bytes-api" in f.symbol] == [(5, 17), (6, 13)]  # key, data
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "hmac.new(six.ensure_binary(key), None, hashlib.sha1)" in fixed and "h.update(six.ensure_binary(data))" in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "94fc6a2f7e89b8196cf74e1079a8c11eb679a552\n891568578\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before


def test_an_argument_that_may_be_none_is_no_str_to_bytes_argument(tmp_path):
    # tryout11 #6 (--unsafe): hmac's own spelling, a `msg=None` parameter handed on, became six.ensure_binary(msg),
    # which raises TypeError for None on Python 2; so did `msg or None` and a name the function assigns None.
    # They are left (no finding, no rewrite); an argument that cannot be None is still wrapped
    code = ('import hmac, hashlib, sys\n\n\ndef sign(key, msg=None):\n    return hmac.new(key, msg, hashlib.md5).hexdigest()\n'
            '\n\ndef sign3(key, msg=None):\n    return hmac.new(key, msg or None, hashlib.md5).hexdigest()\n\n\n'
            'def sign4(key, parts):\n    body = None\n    if parts:\n        body = "".join(parts)\n'
            '    return hmac.new(key, body, hashlib.md5).hexdigest()\n\n\n'
            'sys.stdout.write("%s %s %s\\n" % (sign("k"), sign3("k"), sign4("k", [])))\n')
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    assert [(f.line, f.column) for f in found if "bytes-api" in f.symbol] == [(5, 20), (9, 20), (16, 20)]  # keys
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "hmac.new(six.ensure_binary(key), msg, hashlib.md5)" in fixed
    assert "hmac.new(six.ensure_binary(key), msg or None, hashlib.md5)" in fixed
    assert "hmac.new(six.ensure_binary(key), body, hashlib.md5)" in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, " ".join(["cd32bedd46aa63cffa3023f050fc78e3"] * 3) + "\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before


def test_the_builtin_cmp_as_a_value_at_the_top_level_and_after_a_colon(tmp_path):
    # tryout3 #34: `f = cmp` at the module's top level was an internal error (the module has no parent); a
    # one-line class body holds a function that must stay one (staticmethod), an `if` body does not
    code = ('f = cmp\nprint(f(1, 2))\nclass A(object): key = cmp\nprint(A().key(2, 1))\nif f: g = cmp\n'
            'print(g(1, 1))\n')
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    value = 'getattr(six.moves.builtins, "cmp", lambda a, b: (a > b) - (a < b))'
    assert f"f = {value}\n" in fixed and f"class A(object): key = staticmethod({value})\n" in fixed
    assert f"if f: g = {value}\n" in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "-1\n1\n0\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything()).new is None


# tryout3 #33: what Python 2 makes the docstring (a string first in the body, however spelled) stays it, and a
# string that is not one does not become it
DIRAC_FUTURES = Policy()  # all three future imports
DOCSTRINGS = {
    "concatenated": '"""Doc""" \\\n"""continued"""\nprint __doc__\n',
    "parenthesised": '("""Paren doc.""")\nprint __doc__, 1 / 2\n',
    "sharing its line": '"""Doc."""; import os\nprint __doc__\n',
    # stage 2 adds `import six`: not before the line, which would take the docstring's place
    "sharing its line, an import added": '"""Doc."""; x = unicode("a")  # text\nimport sys\n'
                                         'sys.stdout.write(__doc__ + x + "\\n")\n',
    "sharing its line with the future imports": '"""Doc."""; from __future__ import print_function\n'
                                                'x = unicode("a")\nprint(__doc__, x)\n',
    "of a def with a tuple parameter": 'def f((a, b)):\n    ("""Doc of f.""")\n    return a\n'
                                       'def g((a, b)):\n    """Doc """ \\\n    """of g."""\n    return a\n'
                                       'print f.__doc__, g.__doc__, f((1, 2))\n',
    # tryout12 #8: the unpacking of a one-line suite went before its docstring, which was then no docstring
    "of a one-line def with a tuple parameter": 'class K:\n  def n(self, (x, y)): """n doc"""; return y\n'
                                                '  def m(self, (x, y), (z, w)): """m doc"""\n'
                                                'def v((a, b)): \\\n    ("""v doc"""); return b\n'
                                                'print K.n.__doc__, K().n((1, 2)), K.m.__doc__, v.__doc__, '
                                                'v((3, 4))\n',
    "after a metaclass": 'class M(type):\n    pass\nclass A(object):\n    __metaclass__ = M\n'
                         '    """Not a docstring in Python 2."""\n    x = 1\nprint repr(A.__doc__), type(A).__name__\n',
}


@pytest.mark.parametrize("code", DOCSTRINGS.values(), ids=DOCSTRINGS)
def test_the_docstring_python2_reads_stays_the_docstring(code, tmp_path):
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything(DIRAC_FUTURES))
    assert result.refused is None
    before = _run(python27(), code, tmp_path)
    assert before[0] == 0
    assert _run(python27(), result.new.decode(), tmp_path) == before
    assert _run(sys.executable, result.new.decode(), tmp_path) == before
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything(DIRAC_FUTURES)).new is None


def test_a_comment_after_a_tuple_parameters_docstring_is_kept(tmp_path):
    # tryout16b #4 (rdflib's memory.py): fissix's unpacking line took over the next statement's prefix, comments
    # and all; the comment guard then left the whole file
    code = ('def add((s, p), c):\n    """doc"""\n    # a comment\n    # another\n\n    return s + p + c\n'
            'class K(object):\n    def m(self, (a, b)):\n        """m doc"""\n        # about a\n        return a\n'
            'print add((1, 2), 3), add.__doc__, K().m((4, 5)), K.m.__doc__\n')
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything(DIRAC_FUTURES))
    assert result.refused is None
    fixed = result.new.decode()
    assert ('    """doc"""\n    (s, p) = params1\n    # a comment\n    # another\n\n    return s + p + c\n'
            in fixed)
    assert '        """m doc"""\n        (a, b) = params\n        # about a\n        return a\n' in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "6 doc 4 m doc\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything(DIRAC_FUTURES)).new is None


# tryout6 #22: a future import sharing its line with other statements is no future-import line to libcst or fissix,
# which added their imports above it (six.moves) and below it (print_function): the file was refused
SHARED_FUTURE_LINES = {
    "first": 'from __future__ import with_statement; import os  # os\nprint list(xrange(1)), os.sep\n',
    "after a docstring": ('"""Doc."""\nfrom __future__ import with_statement; import sys\n'
                          'print "z", list(xrange(2))\n'),
    "two future imports": 'from __future__ import division\nfrom __future__ import with_statement; x = 1 / 2\n'
                          '# about y\ny = range(3)\nprint x, y, list(xrange(1))\n',
}


@pytest.mark.parametrize("keep_lines", [False, True], ids=["default", "keep-line-numbers"])
@pytest.mark.parametrize("code", SHARED_FUTURE_LINES.values(), ids=SHARED_FUTURE_LINES)
def test_a_future_import_sharing_its_line_moves_up_alone(code, keep_lines, tmp_path):
    plan = everything(Policy(keep_lines=keep_lines))
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), plan)
    assert result.refused is None and result.new is not None
    fixed = result.new.decode()
    assert "; import" not in fixed and "with_statement" in fixed.split("\nprint")[0]
    before = _run(python27(), code, tmp_path)
    assert before[0] == 0
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, plan).new is None


def test_a_docstring_no_future_import_can_follow_keeps_them_out(tmp_path):
    code = '"""Doc."""; import os\nd = {}\nx = d.has_key(1)\n'
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything(DIRAC_FUTURES))
    assert result.new.decode() == code.replace("d.has_key(1)", "1 in d")
    assert "no-absolute-import" in {finding.symbol for finding in result.left}  # left for a person
    # stage 1's print calls need print_function: the file is left
    result = engine.fix_bytes(str(tmp_path / "m.py"), b'b"""Doc."""\nprint __doc__\n', everything(DIRAC_FUTURES))
    assert result.new is None and result.refused.startswith("the module docstring is a byte string")


def test_lambda_tuple_parameters_keep_python2s_unpacking(tmp_path):
    # tryout6b #3: `lambda (a, b): a + b` became `lambda a_b: a_b[0] + a_b[1]`, which took an iterator or a set no
    # more and a tuple of any length; the unpacking stays Python 2's (nested tuples, defaults, a lambda in the body)
    code = ('pair = lambda (a, b): a + b\none = lambda(x):x + 1\nglued = lambda(a, b):a\nnest = lambda ((a, b), c), (e, f)=(5, 6), d=4: (a, b, c, d, e, f)\n'
            'two = lambda x, (y, z): lambda (p, q): (x, y, z, p, q)\nkw = lambda (a, b), a_b=1: dict(a=a).get("a", b)\n'
            'print one(1), glued((2, 3)), pair([1, 2]), nest(((1, 2), 3)), nest([iter("ab"), 3], "xy", 1), two(1, (2, 3))((4, 5)), kw((1, 2))\n'
            'for args in (iter([1, 2]), set([7]), (1, 2, 3), 5):\n    try:\n        print pair(args)\n'
            '    except Exception as e:\n        print type(e).__name__\n')
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    # names the module does not use (it has `a_b`)
    assert "pair = lambda a_b1: [a + b for (a, b) in [a_b1]][0]\n" in fixed and "kw = lambda a_b3, a_b=1: [" in fixed
    assert "one = lambda x:x + 1\nglued = lambda a_b2:[a for (a, b) in [a_b2]][0]\n" in fixed  # `lambda(x):`
    before = _run(python27(), code, tmp_path)
    assert before == (0, "2 2 3 (1, 2, 3, 4, 5, 6) ('a', 'b', 3, 1, 'x', 'y') (1, 2, 3, 4, 5) 1\n"
                         "3\nValueError\nValueError\nTypeError\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything()).new is None


def test_a_parenthesised_single_def_parameter_is_only_parenthesised(tmp_path):
    # tryout16 #10: in Python 2's grammar `(value)` is no tuple (`f(value=4)` works); only `(a,)`/`(a, b)` unpack.
    # The parameter became `params` and every keyword call of it a TypeError; `((c, d))` is one unpacking
    code = ('def scale((value), factor=2):\n  return value * factor\n'
            'def f(((a)), (b,), ((c, d)), e=1):\n  return a, b, c, d, e\n'
            'class K(object):\n  def m(self, ((x))): return x\n'
            'print scale(3), scale(value=4), scale(factor=3, value=1), f(1, [2], (3, 4)), f(5, *[(6,), (7, 8)], e=2)\n'
            'print K().m(3), K().m(x=9)\n')
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "def scale(value, factor=2):\n" in fixed and "def m(self, x): return x" in fixed
    assert "def f(a, params, params1, e=1):" in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "6 8 3 (1, 2, 3, 4, 1) (5, 6, 7, 8, 2)\n3 9\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before


def test_self_message_where_str_self_recurses_or_differs_stays(tmp_path):
    # tryout6b #1 (Jinja2's exceptions.py): `--unsafe` wrote str(self) inside the class's own __unicode__, which
    # six.python_2_unicode_compatible's __str__ calls: infinite recursion; and the base's property is no args[0]
    code = ("class TemplateError(Exception):\n    @property\n    def message(self):\n"
            "        return u'msg: %s' % self.args[0]\n\n\nclass TemplateSyntaxError(TemplateError):\n"
            "    def __unicode__(self):\n        return u'%s at line %d' % (self.message, 3)\n\n"
            "    def __str__(self):\n        return unicode(self).encode('utf-8')\n\n    def short(self):\n"
            "        return self.message\n\n\nclass ParseError(ValueError):\n    def __str__(self):\n"
            "        return 'parse: %s' % self.message\n\n\n"
            "print str(TemplateSyntaxError('bad tag')), TemplateSyntaxError('x').short(), str(ParseError('y'))\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "str(self)" not in fixed and fixed.count("self.message") == 3
    assert {f.symbol for f in result.left} >= {"exception-message-self-left"}
    before = _run(python27(), code, tmp_path)
    assert before == (0, "msg: bad tag at line 3 msg: x parse: y\n")
    assert _run(python27(), fixed, tmp_path) == before  # ParseError's is left for a person (Python 3 lacks it)


def test_filter_whose_function_reads_one_character_is_left_as_python2_returned_text(tmp_path):
    # tryout26b #1 (demjson 1.6's strip_format_control_chars): list(filter(lambda c: ..., txt)) of a unicode parameter
    # gave a list where Python 2 gave a unicode; 17 of demjson's 39 tests failed after a safe fix
    code = ("import unicodedata\n\n\ndef strip_format_control_chars(txt):\n"
            "    return filter(lambda c: unicodedata.category(unicode(c)) != 'Cf', txt)\n\n\n"
            "def vowel(c):\n    return c in 'aeiou'\n\n\n"
            "def pick(s, words):\n    return filter(lambda c: ord(c) < 128, s), filter(lambda c: c.isdigit(), s), "
            "filter(vowel, s), filter(lambda w: w.startswith('a'), words), "
            "filter(lambda x: not (x in map(chr, range(33))), s)\n\n\n"
            "s = strip_format_control_chars(u'[ 4\\u200b2 ]')\nprint repr(s), int(s[2:4])\n"
            "print repr(pick(u'caf\\xe9 a1', ['ab', 'b']))\n")
    fixed, result, before = fixed_runs_as_before(tmp_path, code)
    assert before == "u'[ 42 ]' 42\n(u'caf a1', u'1', u'aa', ['ab'], u'caf\\xe9a1')\n"
    assert fixed.count("list(filter(") == 1 and "list(filter(lambda w: w.startswith('a'), words))" in fixed
    assert [f.symbol for f in result.left].count("filter-keeps-str-or-tuple") == 5


# tryout27 #1: the classic sanitising idioms, each a filter of a str (a name: no literal shows its type) that
# Python 2 returned as a str
CHARACTER_PREDICATES = r"""import string
VALID = "abcdefghijklmnopqrstuvwxyz0123456789" + "-_."
ALLOWED = set(string.ascii_letters + string.digits + "_")
VOWELS = frozenset(["a", "e"])
WORDS = ("alpha", "beta")
PHONE, HOST, SPACED, CONTROL, MIXED = "+1 (555) 010-9999", "My Host.ex", "a b\tc", "a\x00b", "my-job 1"


def allowed(c):
    return c in ALLOWED


def run(number):
    def keep(c):
        return c.isdigit()
    return filter(keep, number)


print filter(lambda c: c in string.digits, PHONE), filter(lambda c: c in VALID, HOST.lower()), \
    filter(lambda c: c not in string.whitespace, SPACED), filter(lambda c: c in string.printable, CONTROL)
print run(MIXED), filter(allowed, MIXED), filter(string.digits.__contains__, PHONE), \
    filter(VALID.__contains__, HOST), filter(ALLOWED.__contains__, SPACED), filter(lambda c: c not in VOWELS, MIXED), \
    filter(lambda c: c in string.hexdigits + "x", HOST)
print filter(lambda w: w in WORDS, ["alpha", "gamma"])
print (lambda f, t: len(filter(f, PHONE)) + len(filter(lambda c: c in t, PHONE)))(str.isdigit, "5")
"""


def test_filter_whose_function_reads_one_character_of_a_constant_or_set_is_left(tmp_path):
    # tryout27 #1: `c in string.digits`, a module constant, a set of characters, a nested def, `X.__contains__` were
    # rewritten to list(filter(...)): Python 2's '15550109999' became a list; only `w in WORDS` (no characters) is
    code = CHARACTER_PREDICATES
    fixed, result, before = fixed_runs_as_before(tmp_path, code)
    assert before == "15550109999 myhost.ex abc ab\n1 myjob1 15550109999 yost.ex abc my-job 1 ex\n['alpha']\n14\n"
    # names bound by a lambda's parameters (no statement binds them): W1639, whose len() is alike
    assert fixed.count("list(filter(") == 3 and "list(filter(lambda w: w in WORDS, " in fixed
    assert [f.symbol for f in result.left].count("filter-keeps-str-or-tuple") == 11


def test_filter_whose_method_or_helper_reads_one_character_is_left(tmp_path):
    # tryout28 #1 #13: a staticmethod `Checker.ok`, a def or lambda handing the character to a helper reading it, a
    # method `self.keep` of the class, one inherited from a base of the module, a classmethod: list(filter(...)) made
    # Python 2's str a list (`c in self.allowed` of a class attribute bound to characters too); `self.word`,
    # `self.known` (no character) and the unbound `Checker.plain` (not a predicate) are W1639
    code = ("class Checker(object):\n    allowed = 'abc'\n    words = ['ab', 'b']\n\n"
            "    @staticmethod\n    def ok(c):\n        return c.isalnum()\n\n"
            "    def okChar(self, c):\n        return c in self.allowed\n\n"
            "    def known(self, w):\n        return w in self.words\n\n"
            "    @classmethod\n    def isWord(cls, c):\n        return c.isalpha()\n\n"
            "    def plain(self, c):\n        return c.isdigit()\n\n\n"
            "def _isdig(c):\n    return c.isdigit()\n\n\ndef keepDigit(c):\n    return _isdig(c)\n\n\n"
            "def loop(c):\n    return loop(c)\n\n\n"
            "class Name(Checker):\n    def keep(self, c):\n        return c.isdigit()\n\n"
            "    def word(self, w):\n        return w.startswith('a')\n\n"
            "    def clean(self, s):\n        return (filter(self.keep, s), filter(self.okChar, s), "
            "filter(Checker.isWord, s), filter(self.isWord, s), filter(self.ok, s), filter(self.word, ['ab', 'b']),\n"
            "                filter(self.known, ['ab', 'x']))\n\n\n"
            "def top(s):\n    return filter(Checker.ok, s), filter(keepDigit, s), filter(lambda c: _isdig(c), s), "
            "filter(Checker.isWord, s), filter(loop, []), filter(Checker.plain, [])\n\n\n"
            "print top('a-1 b')\nprint Name().clean('ab1-x')\n")
    fixed, result, before = fixed_runs_as_before(tmp_path, code)
    assert before == "('a1b', '1', '1', 'ab', [], [])\n('1', 'ab', 'abx', 'abx', 'ab1x', ['ab'], ['ab'])\n"
    assert fixed.count("list(filter(") == 4 and "list(filter(self.word, " in fixed
    assert "list(filter(self.known, " in fixed  # `w in self.words`: a list of words, no characters
    assert "list(filter(Checker.plain, " in fixed and "list(filter(loop, " in fixed
    assert [f.symbol for f in result.left].count("filter-keeps-str-or-tuple") == 9


def test_filter_whose_method_bound_to_a_lambda_or_of_a_nested_class_reads_one_character_is_left(tmp_path):
    # tryout29 #9: `keep = staticmethod(lambda c: ...)`, `keep2 = lambda self, c: ...` (self-method), a classmethod of
    # a lambda, and a staticmethod of a nested class (`Tok.Inner.ok`): list(filter(...)) made Python 2's str a list;
    # a lambda reading no character (`word`), the unbound `Tok.keep2` and `Tok.Inner.plain` are W1639
    code = ("class Tok(object):\n    keep = staticmethod(lambda c: c.isalnum())\n"
            "    keep2 = lambda self, c: c.isdigit()\n    isWord = classmethod(lambda cls, c: c.isalpha())\n"
            "    word = lambda self, w: w.startswith('a')\n\n"
            "    class Inner(object):\n        @staticmethod\n        def ok(c):\n            return c != ' '\n\n"
            "        def plain(self, c):\n            return c.isdigit()\n\n"
            "    def run(self, s):\n        return (filter(self.keep, s), filter(self.keep2, s), "
            "filter(Tok.Inner.ok, s), filter(Tok.keep, s),\n                filter(self.isWord, s), filter(Tok.isWord, s), "
            "filter(self.word, ['ab', 'b']), filter(Tok.keep2, []), filter(Tok.Inner.plain, []))\n\n\n"
            "print Tok().run('ab c1')\n")
    fixed, result, before = fixed_runs_as_before(tmp_path, code)
    assert before == "('abc1', '1', 'abc1', 'abc1', 'abc', 'abc', ['ab'], [], [])\n"
    assert fixed.count("list(filter(") == 3 and "list(filter(self.word, " in fixed
    assert "list(filter(Tok.keep2, " in fixed and "list(filter(Tok.Inner.plain, " in fixed
    assert [f.symbol for f in result.left].count("filter-keeps-str-or-tuple") == 6


def test_filter_whose_function_of_a_sibling_module_reads_one_character_is_left(tmp_path, monkeypatch, capsys):
    # tryout27 #1: the predicate imported from the project (ProjectIndex.character_defs); check and fix alike
    root = project_dir(tmp_path, monkeypatch, {
        "textutil.py": 'def is_safe(c):\n    return c.isalnum() or c in "-_"\n\n\n'
                       'def shout(w):\n    return w.startswith("A")\n\n\n'
                       # simplejson's encoder: the nested def's own `s` is read by ord(), not quote's
                       'def quote(s):\n    def one(s):\n        return "%04x" % ord(s)\n    return map(one, s)\n',
        "m.py": "from textutil import is_safe, shout\nimport textutil\n\n\n"
                "def slug(s):\n    return filter(is_safe, s)\n\n\n"
                "def slug2(s):\n    return filter(textutil.is_safe, s)\n\n\n"
                "print slug('a b-c'), slug2('x/y'), filter(shout, ['A', 'b'])\n"})
    assert project_index.build(str(root), (), 1_000_000).character_defs == (("textutil", "is_safe"),)
    before = python2_output(root, "m.py")
    assert before == "ab-c xy ['A']\n"
    found = [(row["line"], row["symbol"]) for row in py3k_findings(capsys, root / "m.py")]
    assert (6, "filter-keeps-str-or-tuple") in found and (10, "filter-keeps-str-or-tuple") in found
    assert (13, "filter-builtin-not-iterating") in found  # w.startswith(): no character
    main(["fix", "--write", str(root)])
    fixed = (root / "m.py").read_text()
    assert fixed.count("list(filter(") == 1 and "list(filter(shout, " in fixed
    assert python2_output(root, "m.py") == before


def test_filter_whose_method_of_another_modules_class_reads_one_character_is_left(tmp_path, monkeypatch, capsys):
    # tryout28 #13: `self.okChar` / `self.isWord` inherited from lib/base.py's Validator, `Validator.isWord` of the
    # imported class, `c in self.allowed` of a class attribute bound to characters (in the class, or in the imported
    # base): list(filter(...)) made Python 2's str a list; `self.word` (no character) and the unbound
    # `Validator.plain` are W1639
    root = project_dir(tmp_path, monkeypatch, {
        "lib/__init__.py": "",
        "lib/base.py": "class Validator(object):\n    allowed = 'abc'\n\n    def okChar(self, c):\n"
                       "        return c in self.allowed\n\n    @classmethod\n    def isWord(cls, c):\n"
                       "        return c.isalpha()\n\n    def word(self, w):\n        return w.startswith('a')\n\n"
                       "    def plain(self, c):\n        return c.isdigit()\n",
        "lib/main.py": "from lib.base import Validator\n\n\nclass Name(Validator):\n    def keep(self, c):\n"
                       "        return c.isdigit()\n\n    def inBase(self, c):\n"
                       "        return c not in self.allowed\n\n"
                       "    def clean(self, s):\n        return (filter(self.keep, s), filter(self.okChar, s),\n"
                       "                filter(Validator.isWord, s), filter(self.isWord, s), filter(self.inBase, s),\n"
                       "                filter(self.word, ['ab', 'b']), filter(Validator.plain, []))\n",
        "run.py": "from lib.main import Name\nprint Name().clean('ab1-x')\n"})
    before = python2_output(root, "run.py")
    assert before == "('1', 'ab', 'abx', 'abx', '1-x', ['ab'], [])\n"
    found = [symbol for row in py3k_findings(capsys, root / "lib" / "main.py") for symbol in [row["symbol"]]
             if "filter" in symbol]
    assert found.count("filter-keeps-str-or-tuple") == 5 and found.count("filter-builtin-not-iterating") == 2
    assert project_index.build(str(root), (), 1_000_000).character_methods == (
        ("Name", "inBase", "method"), ("Name", "isWord", "class"), ("Name", "keep", "method"),
        ("Name", "okChar", "method"), ("Name", "plain", "method"), ("Validator", "isWord", "class"),
        ("Validator", "okChar", "method"), ("Validator", "plain", "method"))
    main(["fix", "--write", str(root)])
    fixed = (root / "lib" / "main.py").read_text()
    assert fixed.count("list(filter(") == 2 and "list(filter(self.word, " in fixed
    assert python2_output(root, "run.py") == before


def test_filter_of_a_name_bound_once_to_a_tuple_display_is_left(tmp_path):
    # tryout28 #8: filter(None, LOCAL) with `LOCAL = (...)` became list(filter(...)): Python 2's tuple became a list
    code = ('LOCAL = ("a", "", "b")\nNAMES = ["a", ""]\n\n\n'
            'def paths():\n    return filter(None, LOCAL), filter(lambda p: p, LOCAL), filter(None, NAMES)\n\n\n'
            'print paths(), paths()[0] + ("x",)\n')
    fixed, result, before = fixed_runs_as_before(tmp_path, code)
    assert before == "(('a', 'b'), ('a', 'b'), ['a']) ('a', 'b', 'x')\n"
    assert fixed.count("list(filter(") == 1 and "list(filter(None, NAMES))" in fixed
    assert [f.symbol for f in result.left].count("filter-keeps-str-or-tuple") == 2


def test_filter_of_another_modules_name_bound_to_a_tuple_display_is_left(tmp_path, monkeypatch, capsys):
    # tryout28 #8: filter(None, SEARCH_PATHS) of `from pkg.config import SEARCH_PATHS`, `config.SEARCH_PATHS`, a
    # relative import, a package's re-export, a star import: list(filter(...)) made Python 2's tuple a list; a list
    # display (`NAMES`) and a value starting with a parenthesis (`ROOTS`, a list) are W1639
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "from pkg.config import SEARCH_PATHS\n",
        "pkg/config.py": 'SEARCH_PATHS = (\n    "/etc/app", "", "/opt/app",\n)\nNAMES = ["a", ""]\n'
                         'ROOTS = ("/etc:" ":/opt").split(":")\nEMPTY = ()\n',
        "pkg/stars.py": "from pkg.config import *\n\n\ndef starred():\n    return filter(None, EMPTY)\n",
        "pkg/main.py": "import pkg\nfrom pkg.config import SEARCH_PATHS, NAMES, ROOTS\nfrom pkg import config\n"
                       "from .config import SEARCH_PATHS as NEAR\n\n\n"
                       "def paths():\n    return (filter(None, SEARCH_PATHS), filter(None, config.SEARCH_PATHS),\n"
                       "            filter(lambda p: p, NEAR), filter(None, pkg.SEARCH_PATHS), filter(None, NAMES),\n"
                       "            filter(None, ROOTS))\n",
        "run.py": "from pkg.main import paths\nfrom pkg.stars import starred\nprint paths(), starred()\n"})
    assert project_index.build(str(root), (), 1_000_000).tuple_constants == (
        ("config", "EMPTY"), ("config", "SEARCH_PATHS"))
    before = python2_output(root, "run.py")
    assert before == ("(('/etc/app', '/opt/app'), ('/etc/app', '/opt/app'), ('/etc/app', '/opt/app'), "
                      "('/etc/app', '/opt/app'), ['a'], ['/etc', '/opt']) ()\n")
    found = [row["symbol"] for row in py3k_findings(capsys, root / "pkg" / "main.py") if "filter" in row["symbol"]]
    assert found.count("filter-keeps-str-or-tuple") == 4 and found.count("filter-builtin-not-iterating") == 2
    main(["fix", "--write", str(root)])
    fixed = (root / "pkg" / "main.py").read_text()
    assert fixed.count("list(filter(") == 2 and "list(filter(None, NAMES))" in fixed
    assert "list(filter(" not in (root / "pkg" / "stars.py").read_text()
    assert python2_output(root, "run.py") == before


def test_filter_of_a_call_returning_a_tuple_or_of_a_text_is_left(tmp_path):
    # tryout29 #8: filter(None, m.groups()) (and os.path.split(p), tuple(...), divmod, .partition(), sys.exc_info(),
    # a slice of one, a name bound once to one, a name bound once to a text) became list(filter(...)): Python 2's
    # tuple or str became a list, and `"%s.%s" % filter(None, m.groups())[:2]` a TypeError; time.localtime() (no
    # tuple on Python 2), a list display and `.groups` of two arguments are W1639
    code = ("import os\nimport re\nimport sys\nimport time\nfrom os.path import split\n"
            "VER = re.compile(r'v(\\d+)r(\\d+)(?:p(\\d+))?')\nTITLE = 'a b' + ' c'\n\n\n"
            "class G(object):\n    def groups(self, a, b):\n        return [a, b]\n\n\n"
            "def short(s):\n    m = VER.match(s)\n    return '%s.%s' % filter(None, m.groups())[:2]\n\n\n"
            "def rest(p):\n    parts = os.path.split(p)\n    return (filter(None, parts), filter(None, split(p)),\n"
            "            filter(None, tuple(sorted(['b', '', 'a']))), filter(None, divmod(7, 7)),\n"
            "            filter(None, 'a=b'.partition('=')[1:]), filter(None, 'a'.rpartition('=')),\n"
            "            filter(lambda c: c != ' ', TITLE), filter(None, VER.match('v1r2').groups('')))\n\n\n"
            "def error():\n    try:\n        raise ValueError('x')\n    except ValueError:\n"
            "        return len(filter(None, sys.exc_info())) + len(filter(None, ()))\n\n\n"
            "def others():\n    return (filter(None, time.gmtime(0))[:2], filter(None, [0, 1]),\n"
            "            filter(None, G().groups(0, 1)))\n\n\n"
            "print short('v6r22'), rest('/a/'), error(), others()\n")
    fixed, result, before = fixed_runs_as_before(tmp_path, code)
    assert before == ("6.22 (('/a',), ('/a',), ('a', 'b'), (1,), ('=', 'b'), ('a',), 'abc', ('1', '2')) 3 "
                      "([1970, 1], [1], [1])\n")
    assert fixed.count("list(filter(") == 3 and "list(filter(None, time.gmtime(0)))" in fixed
    assert [f.symbol for f in result.left].count("filter-keeps-str-or-tuple") == 11


def test_the_project_index_reads_a_long_concatenation_without_recursing(tmp_path):
    """A text table built by thousands of `+` (a generated module, a test's data) nests its ast that deep: the index's
    text constants read it in a loop (CI: RecursionError building the index, every check of the tree exit 3); a
    statement nested too deep even to parse is not counted, and the build goes on."""
    (tmp_path / "table.py").write_text("TABLE = " + " + ".join(['"ab"'] * 1500) + "\n")
    (tmp_path / "deep.py").write_text("DEEP = " + "(" * 5000 + "1" + ")" * 5000 + "\nNAME = 'x'\n")
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assert index.text_constants == (("deep", "NAME"), ("table", "TABLE"))


def test_filter_of_another_modules_name_bound_to_a_text_is_left(tmp_path, monkeypatch, capsys):
    # tryout29 #8 (m29tuple's note): filter(None, TITLE) of `from pkg.consts import TITLE`, `consts.TITLE`, a text
    # another module assigns at column 0 (a string literal, a `+` of texts, `string.digits`): list(filter(...)) made
    # Python 2's str a list; a list of texts (`WORDS`) and a call of a text's method (`UPPER`, a list) are W1639
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "",
        "pkg/consts.py": 'import string\nTITLE = "a b"\nSAFE = string.digits + u" "\nWORDS = ["a", ""]\n'
                         'UPPER = "A B".split()\nFMT = "%s-%s" % (1, 2)\n',
        "pkg/main.py": "from pkg.consts import TITLE, SAFE, WORDS, UPPER\nfrom pkg import consts\n\n\n"
                       "def clean():\n    return (filter(lambda c: c != ' ', TITLE), filter(str.strip, consts.TITLE),\n"
                       "            filter(None, SAFE[:3]), filter(lambda c: c != '-', consts.FMT),\n"
                       "            filter(None, WORDS), filter(None, UPPER))\n",
        "run.py": "from pkg.main import clean\nprint clean()\n"})
    index = project_index.build(str(root), (), 1_000_000)
    assert index.text_constants == (("consts", "FMT"), ("consts", "SAFE"), ("consts", "TITLE"))
    assert index.tuple_constants == ()
    before = python2_output(root, "run.py")
    assert before == "('ab', 'ab', u'012', '12', ['a'], ['A', 'B'])\n"
    found = [row["symbol"] for row in py3k_findings(capsys, root / "pkg" / "main.py") if "filter" in row["symbol"]]
    assert found.count("filter-keeps-str-or-tuple") == 4 and found.count("filter-builtin-not-iterating") == 2
    main(["fix", "--write", str(root)])
    fixed = (root / "pkg" / "main.py").read_text()
    assert fixed.count("list(filter(") == 2 and "list(filter(None, WORDS))" in fixed
    assert python2_output(root, "run.py") == before


def test_filter_whose_function_or_text_is_another_modules_constant_lambda_or_re_export_is_left(
        tmp_path, monkeypatch, capsys):
    # tryout28 #2 and #16: a text of characters imported from another module (`SAFE.__contains__`,
    # `textutil.SAFE.__contains__`, a def reading `c in SAFE` of a third module's), a lambda bound at module level in
    # another module, a def re-exported by a package's __init__ or imported relatively: Python 2's str became a list
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "",
        "pkg/consts.py": 'import string\nSAFE = string.ascii_letters + "_"\n',
        "pkg/textutil.py": "import string\nfrom pkg.consts import SAFE\nfrom pkg import consts\n"
                           "isSafe = lambda c: c in SAFE\n\n\ndef ok(c):\n    return c in SAFE\n\n\n"
                           "def ok2(c):\n    return c in consts.SAFE\n\n\ndef shout(w):\n    return w.startswith('A')\n",
        "pkg/util/__init__.py": "from pkg.util.text import isAlnum\n",
        "pkg/util/text.py": "def isAlnum(c):\n    return c.isalnum()\n",
        "pkg/main.py": "from pkg import textutil as T, util\nfrom pkg.textutil import isSafe, SAFE\n"
                       "from pkg.util import isAlnum\nfrom .textutil import ok as near\n\n\n"
                       "def clean(name):\n    return (filter(isSafe, name), filter(SAFE.__contains__, name),\n"
                       "            filter(T.SAFE.__contains__, name), filter(T.ok, name), filter(T.ok2, name),\n"
                       "            filter(isAlnum, name), filter(util.isAlnum, name), filter(T.shout, ['A', 'b']),\n"
                       "            filter(near, name))\n",
        "run.py": 'from pkg.main import clean\nprint clean("a-1 b_")\n'})
    before = python2_output(root, "run.py")
    assert before == "('ab_', 'ab_', 'ab_', 'ab_', 'ab_', 'a1b', 'a1b', ['A'], 'ab_')\n"
    found = [(row["line"], row["symbol"]) for row in py3k_findings(capsys, root / "pkg" / "main.py")]
    assert [symbol for line, symbol in found if "filter" in symbol].count("filter-keeps-str-or-tuple") == 8
    main(["fix", "--write", str(root)])
    fixed = (root / "pkg" / "main.py").read_text()
    assert fixed.count("list(filter(") == 1 and "list(filter(T.shout, " in fixed
    assert python2_output(root, "run.py") == before


def test_filter_whose_function_reads_one_character_through_a_default_argument_is_left(tmp_path, monkeypatch, capsys):
    # tryout28 #8 (after #2): `def ok3(c, allowed=SAFE): return c in allowed` of SAFE another module's text of
    # characters, in a third module's filter(T.ok3, s), the module's own `lambda c, keep="ab": ...`: Python 2's str
    # became a list; a default of words (`w in words`), a parameter without default, one the body rebinds are W1639
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "",
        "pkg/consts.py": 'import string\nSAFE = string.ascii_letters + "_"\n',
        "pkg/textutil.py": "from pkg.consts import SAFE\nfrom pkg import consts\n\n\n"
                           "def ok3(c, allowed=SAFE):\n    return c in allowed\n\n\n"
                           "def ok4(c, allowed=consts.SAFE, strict=False):\n    return c in allowed\n\n\n"
                           "def word(w, words=('ab', 'cd')):\n    return w in words\n\n\n"
                           "def bare(c, allowed):\n    return c in allowed\n\n\n"
                           "def lowered(c, allowed=SAFE):\n    allowed = [allowed]\n    return c in allowed\n",
        "pkg/main.py": "from pkg import textutil as T\nkeep = lambda c, allowed='ab': c in allowed\n\n\n"
                       "def clean(s):\n    return (filter(T.ok3, s), filter(T.ok4, s), filter(keep, s),\n"
                       "            filter(T.word, ['ab', 'x']), filter(T.lowered, [SAFE_LIST]))\n\n\n"
                       "SAFE_LIST = 'a'\n",
        "run.py": 'from pkg.main import clean\nprint clean("a-b_")\n'})
    assert project_index.build(str(root), (), 1_000_000).character_defs == (
        ("main", "keep"), ("textutil", "ok3"), ("textutil", "ok4"))
    before = python2_output(root, "run.py")
    assert before == "('ab_', 'ab_', 'ab', ['ab'], [])\n"
    found = [symbol for _, symbol in ((row["line"], row["symbol"])
                                      for row in py3k_findings(capsys, root / "pkg" / "main.py")) if "filter" in symbol]
    assert found.count("filter-keeps-str-or-tuple") == 3 and found.count("filter-builtin-not-iterating") == 2
    main(["fix", "--write", str(root)])
    fixed = (root / "pkg" / "main.py").read_text()
    assert fixed.count("list(filter(") == 2 and "list(filter(T.word, " in fixed
    assert python2_output(root, "run.py") == before


def test_filter_whose_helper_hands_its_character_to_another_modules_predicate_is_left(tmp_path, monkeypatch, capsys):
    # tryout29 #1: `def h1(c): return tu.isHex(c)` / `def h2(c): return isHex(c)` of pkg/tu.py's isHex (`from pkg
    # import tu`, `from pkg.tu import isHex`): list(filter(h1, s)) made Python 2's str a list; a helper handing its
    # item to another module's function reading no character (`tu.shout`) is W1639
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "",
        "pkg/tu.py": 'HEX = "0123456789abcdef"\n\n\ndef isHex(ch):\n    return ch in HEX\n\n\n'
                     "def shout(w):\n    return w.startswith('A')\n",
        "pkg/m.py": "from pkg import tu\nfrom pkg.tu import isHex\n\n\n"
                    "def h1(c):\n    return tu.isHex(c)\n\n\ndef h2(c):\n    return isHex(c)\n\n\n"
                    "def h3(w):\n    return tu.shout(w)\n\n\n"
                    "def run(name):\n    return filter(h1, name), filter(h2, name), filter(h3, ['A', 'b'])\n",
        "drive.py": 'from pkg import m\nprint m.run("abxz9")\n'})
    before = python2_output(root, "drive.py")
    assert before == "('ab9', 'ab9', ['A'])\n"
    found = [row["symbol"] for row in py3k_findings(capsys, root / "pkg" / "m.py") if "filter" in row["symbol"]]
    assert found.count("filter-keeps-str-or-tuple") == 2 and found.count("filter-builtin-not-iterating") == 1
    main(["fix", "--write", str(root)])
    fixed = (root / "pkg" / "m.py").read_text()
    assert fixed.count("list(filter(") == 1 and "list(filter(h3, " in fixed
    assert python2_output(root, "drive.py") == before


def test_filter_whose_predicate_a_package_re_exports_under_an_alias_is_left(tmp_path, monkeypatch, capsys):
    # tryout29 #6: `from tx.preds import isDigit as digitPred` in tx/__init__.py, then `from tx import digitPred`:
    # list(filter(digitPred, s)) made Python 2's str a list (the index names the alias too); `shoutAlias` of a
    # function reading no character is W1639
    root = project_dir(tmp_path, monkeypatch, {
        "tx/__init__.py": "from tx.preds import isDigit as digitPred, shout as shoutAlias\n",
        "tx/preds.py": "def isDigit(c):\n    return c.isdigit()\n\n\ndef shout(w):\n    return w.startswith('A')\n",
        "tx/use.py": "from tx import digitPred, shoutAlias\nfrom tx.preds import isDigit as dig\n\n\n"
                     "def a(s):\n    return filter(digitPred, s), filter(dig, s), filter(shoutAlias, ['A', 'b'])\n",
        "drive.py": 'from tx import use\nprint use.a("a1b2")\n'})
    assert ("tx", "digitPred") in project_index.build(str(root), (), 1_000_000).character_defs
    before = python2_output(root, "drive.py")
    assert before == "('12', '12', ['A'])\n"
    found = [row["symbol"] for row in py3k_findings(capsys, root / "tx" / "use.py") if "filter" in row["symbol"]]
    assert found.count("filter-keeps-str-or-tuple") == 2 and found.count("filter-builtin-not-iterating") == 1
    main(["fix", "--write", str(root)])
    fixed = (root / "tx" / "use.py").read_text()
    assert fixed.count("list(filter(") == 1 and "list(filter(shoutAlias, " in fixed
    assert python2_output(root, "drive.py") == before


def test_filter_of_a_name_bound_once_to_a_str_method_is_left(tmp_path, monkeypatch, capsys):
    # tryout29 #7: `keep = str.isdigit`, `alpha = unicode.isalpha` at module level, `keepDigit = str.isdigit` of a
    # shared module imported elsewhere, a lambda calling `str.isdigit(c)` or `keep(c)`: list(filter(keep, s)) made
    # Python 2's str a list, as filter(str.isdigit, s) itself is left; a name bound twice (`twice`) or to a list's
    # method is W1639
    root = project_dir(tmp_path, monkeypatch, {
        "shared.py": "keepDigit = str.isdigit\n",
        "m.py": "from shared import keepDigit\nimport shared\nkeep = str.isdigit\nalpha = unicode.isalpha\n"
                "twice = str.isdigit\ntwice = bool\nhas = [1].__contains__\n\n\n"
                "def c(s):\n    return (filter(keep, s), filter(alpha, u'a1b2'), filter(keepDigit, s),\n"
                "            filter(shared.keepDigit, s), filter(twice, [0, 1]), filter(has, [1, 2]),\n"
                "            filter(lambda c: str.isdigit(c), s), filter(lambda c: keep(c), s))\n\n\n"
                'print c("a1b2")\n'})
    assert project_index.build(str(root), (), 1_000_000).character_defs == (
        ("m", "alpha"), ("m", "keep"), ("shared", "keepDigit"))
    before = python2_output(root, "m.py")
    assert before == "('12', u'ab', '12', '12', [1], [1], '12', '12')\n"
    found = [row["symbol"] for row in py3k_findings(capsys, root / "m.py") if "filter" in row["symbol"]]
    assert found.count("filter-keeps-str-or-tuple") == 6 and found.count("filter-builtin-not-iterating") == 2
    main(["fix", "--write", str(root)])
    fixed = (root / "m.py").read_text()
    assert fixed.count("list(filter(") == 2 and "list(filter(twice, " in fixed
    assert python2_output(root, "m.py") == before


def test_the_result_cache_keys_on_the_character_functions_a_file_names():
    """A function reading one character defined in another module is a cache miss for the files naming it only."""
    index = project_index.ProjectIndex(character_defs=(("textutil", "is_safe"),))
    assert index.context(b"filter(is_safe, s)") != project_index.ProjectIndex().context(b"filter(is_safe, s)")
    assert index.context(b"X = 1") == project_index.ProjectIndex().context(b"X = 1")


def test_the_result_cache_keys_on_the_character_methods_a_file_names():
    """A method reading one character of a class of the project is a cache miss for the files naming it only."""
    index = project_index.ProjectIndex(character_methods=(("Validator", "okChar", "method"),))
    assert index.context(b"filter(self.okChar, s)") != project_index.ProjectIndex().context(b"filter(self.okChar, s)")
    assert index.context(b"X = 1") == project_index.ProjectIndex().context(b"X = 1")


def test_the_result_cache_keys_on_the_tuple_constants_a_filter_file_names():
    """Another module's name bound to a tuple display is a cache miss for the files calling filter() naming it only."""
    index = project_index.ProjectIndex(tuple_constants=(("config", "PATHS"),))
    assert index.context(b"filter(None, PATHS)") != project_index.ProjectIndex().context(b"filter(None, PATHS)")
    assert index.context(b"print PATHS") == project_index.ProjectIndex().context(b"print PATHS")
    texts = project_index.ProjectIndex(text_constants=(("consts", "TITLE"),))
    assert texts.context(b"filter(None, TITLE)") != project_index.ProjectIndex().context(b"filter(None, TITLE)")


def test_map_none_of_a_tuple_keeps_the_tuples_own_parentheses(tmp_path):
    # tryout9 #5: map(None, (1, 2)) became (list(1, 2)): a TypeError on Python 2, and map(None, ((1, 2),)) gave [1, 2]
    code = ("t = (3, 4)\nprint map(None, (1, 2)), map(None, (1,)), map(None, t), map(None, ((1, 2),))\n"
            "print map(None, [5] + [6]), map(None, (x for x in 'ab')), len(map(None, ()))\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "list((1, 2))" in fixed and "list(((1, 2),))" in fixed and "list(())" in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "[1, 2] [1] [3, 4] [(1, 2)]\n[5, 6] ['a', 'b'] 0\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before
    assert engine.fix_bytes(str(tmp_path / "m.py"), result.new, everything()).new is None


def test_map_none_of_a_tuple_in_iterated_contexts_keeps_the_tuples_own_parentheses(tmp_path):
    # tryout9 #5's addendum: `for v in map(None, (1, 2))`, sorted(...), list(...) became `(list(1, 2))` (a TypeError
    # on Python 2); already right on main d6e81f4 (the mend of #5), kept so here
    code = ("for v in map(None, (1, 2)):\n    print v,\nprint sorted(map(None, (3, 1))), list(map(None, (1, 2))), "
            "[w for w in map(None, ((1, 2),))]\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "list(1, 2)" not in fixed and "list(3, 1)" not in fixed and "list((1, 2),)" not in fixed
    before = _run(python27(), code, tmp_path)
    assert before == (0, "1 2 [1, 3] [1, 2] [(1, 2)]\n")
    assert _run(python27(), fixed, tmp_path) == before and _run(sys.executable, fixed, tmp_path) == before


@pytest.mark.parametrize("default", ["0777", "`2`", "1L", "1 <> 2", "1"])
def test_a_tuple_parameter_after_a_default_is_fixed_with_the_modules_prints(default, tmp_path):
    # tryout14 #8: Python 3's spelling of `def m(y=D, (p, q)=(3, 4))` for check (` p, q =`) left p without a
    # default after one: check read nothing, reported no print statement, and fix left the module naming line 2
    code = (f"def m(y={default}, (p, q)=(3, 4), *rest):\n    return str(y), p, q, rest\n"
            f"g = lambda y={default}, (k, v)=(1, 2): (str(y), k, v)\nprint m(), m(0, (5, 6), 7), g(), g(0, 'ab')\n")
    findings = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                    check_engine.Plan(checkers=frozenset({"py3k"})))
    assert "print-statement" in {f.symbol for f in findings} and "python3-syntax-error" not in {
        f.symbol for f in findings}
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    assert result.refused is None and result.new is not None
    fixed = result.new.decode()
    assert "print(m(), m(0, (5, 6), 7), g(), g(0, 'ab'))" in fixed
    before = _run(python27(), code, tmp_path)
    assert before[0] == 0 and _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before

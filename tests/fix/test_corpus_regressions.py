"""What the corpus harness (tests/fix/test_fix_corpora.py) found, each on a minimal snippet of the file it came
from: the first run does the whole rewrite (a second changes nothing), and Python-2-only syntax the syntax stage
can rewrite safely no longer makes the file refused."""
from __future__ import annotations

import dataclasses
import subprocess
import textwrap
from collections import Counter

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix.engine import fix_file
from diracmod.fix.futures import Policy
from diracmod.rules import codemod, fixers
from diracmod.source import reader
from bench.suites import six_dir
from tests.fix.helpers import everything, python27


def fixed(tmp_path, source: str) -> str:
    """The whole `diracmod fix` on `source` (no future imports); asserts a second run changes nothing."""
    path = tmp_path / "m.py"
    path.write_text(textwrap.dedent(source))
    result = fix_file(str(path), everything())
    assert result.refused is None, result.refused
    assert result.new is not None
    path.write_bytes(result.new)
    again = fix_file(str(path), everything())
    assert (again.refused, again.new) == (None, None), again.new
    return result.new.decode()


def test_six_moves_zip_alias_consumes_keys(tmp_path):
    # Django gis/db/models/sql/compiler.py: izip became `from six.moves import zip as izip`, still a consumer
    out = fixed(tmp_path, """\
        from itertools import izip

        def f(q, row):
            aliases = q.keys()
            return [v for v, a in izip(row, aliases)]
        """)
    assert "from six.moves import zip as izip" in out and "aliases = q.keys()" in out


def test_module_named_like_another_modules_attribute_moves_in_one_run(tmp_path):
    # Twisted web/test/test_wsgi.py: `cStringIO.StringIO` is no use of the module StringIO
    out = fixed(tmp_path, """\
        import StringIO, cStringIO, tempfile

        def streams():
            return StringIO.StringIO, cStringIO.StringIO, tempfile.TemporaryFile
        """)
    assert out.count("import six\n") == 1
    assert "return six.moves.StringIO, six.moves.cStringIO, tempfile.TemporaryFile" in out


def test_six_already_imported_is_not_imported_again(tmp_path):
    out = fixed(tmp_path, """\
        import six
        import StringIO, tempfile

        def stream():
            return StringIO.StringIO, tempfile.TemporaryFile, six.PY2
        """)
    assert out.count("import six\n") == 1 and "six.moves.StringIO" in out


def test_comprehension_over_bare_tuple_is_parenthesised(tmp_path):
    # mechanize _form.py and Twisted conch/ssh/keys.py (the tuple spread over two lines)
    out = fixed(tmp_path, """\
        nonce = "".join([str(i) for i in 0,1,2])
        numbers = [n for n in sig[:20],
                   sig[20:]]
        """)
    assert 'nonce = "".join([str(i) for i in (0,1,2)])' in out
    assert "numbers = [n for n in (sig[:20],\n           sig[20:])]" in out


# Python-2-only syntax with no rewrite that keeps every caller working: the file is refused, and says why.
REFUSED = {
    "a Python 3 keyword as a parameter (Twisted conch/manhole.py, mail/imap4.py)":
        "def write(data, async=False):\n    return async\n",
    "locals named True/False (Django simplejson/encoder.py)": "def f(x, False=False, True=True):\n    return x\n",
    "Python 2.2's True/False shim (Paste util/subprocess24.py, mechanize test/test_form.py)":
        "try:\n    True\nexcept NameError:\n    True = 1\n",
    "module-level True/False (Twisted manhole/explorer.py)": "True=(1==1)\nFalse=not True\n",
    "a string exception (Paste tests/test_util/test_datetimeutil.py)": 'raise "type error expected", 1\n',
    "`raise E, name`: the key may be a tuple, Python 2 called E(*key) (web.py session.py, suds client.py)":
        "def lookup(table, key):\n    if key not in table:\n        raise KeyError, key\n",
    "`raise I, None, tb`: I may be an instance, six.reraise would call it on Python 3 (Django handlers/base.py)":
        "def reraise(exc_info):\n    raise exc_info[1], None, exc_info[2]\n",
}


@pytest.mark.parametrize("name", REFUSED)
def test_python2_only_syntax_with_no_safe_rewrite_is_refused(tmp_path, name):
    path = tmp_path / "m.py"
    path.write_text(REFUSED[name])
    result = fix_file(str(path), everything())
    assert result.new is None
    assert result.refused.startswith("still Python-2-only after the syntax stage: Python 3 cannot parse it")
    assert "change it by hand" in result.refused


def test_method_next_of_a_class_inside_a_function_does_not_block_next(tmp_path):
    # web.py template.py: a class defined in a function has a method `next`; `tokens.next()` elsewhere is rewritten
    out = fixed(tmp_path, """\
        def read(tokens):
            class Items(object):
                def next(self):
                    return 1
            return tokens.next(), Items
        """)
    assert "return next(tokens), Items" in out


def test_local_next_makes_it_six_next(tmp_path):
    out = fixed(tmp_path, """\
        def read(tokens):
            next = 1
            return tokens.next(), next, 0755
        """)
    assert "return six.next(tokens), next, 0o755" in out


def test_a_module_without_imports_gets_absolute_import_with_the_six_import_fix_adds(tmp_path):
    # Paste's paste/util/intset.py: the import of six came in the first run, absolute_import only in the second
    path = tmp_path / "intset.py"
    path.write_text("def count(n):\n    return [i for i in xrange(n)]\n")
    plan = dataclasses.replace(everything(), futures=Policy())  # DIRAC's three future imports
    first = fix_file(str(path), plan)
    assert b"from __future__ import absolute_import\n" in first.new and b"from six.moves import range" in first.new
    path.write_bytes(first.new)
    assert fix_file(str(path), plan).new is None


def test_parameter_defaults_and_decorators_are_rewritten(tmp_path):
    # mechanize _form.py: `_urljoin=urlparse.urljoin` as a default kept the name its import no longer bound (the
    # file was refused); libcst's position of a parameter leaves out its default, a def's its decorators
    out = fixed(tmp_path, """\
        import urlparse

        @register(xrange(2))
        class Form(object):
            @cached(xrange(3))
            def parse(self, url, _urljoin=urlparse.urljoin, _count=xrange(4)):
                return urlparse.urlparse(url)
        """)
    assert "urlparse.urljoin\n" not in out and "_urljoin=six.moves.urllib.parse.urljoin" in out
    assert "xrange" not in out


def test_invalid_escape_after_non_ascii_text_on_its_line(tmp_path):
    # Django admin_views/tests.py: `send_keys(u'a tÃbűlaŘ ... ;"&*^\%$#@')`: check's token scan counts columns in
    # characters, ast in UTF-8 bytes; the escape was looked for at a byte column and never rewritten
    path = tmp_path / "m.py"
    path.write_text("# -*- coding: utf-8 -*-\nkeys(u'a tÃbűlaŘ ;^\\%$#@')\n", encoding="utf-8")
    result = fix_file(str(path), everything())
    assert result.refused is None and result.new.decode("utf-8").endswith("keys(u'a tÃbűlaŘ ;^\\\\%$#@')\n")


def test_a_fallback_block_whose_uses_all_become_six_goes_whole(tmp_path):
    # tryout6 #16 (web.py 0.38 wsgiserver): no `try: import six` / `except ImportError: import StringIO` next to the
    # top's `import six`; a block with a comment, or whose handler imports something else, stays
    out = fixed(tmp_path, """\
        import re
        try:
            import cStringIO as StringIO
        except ImportError:
            import StringIO
        x = isinstance("a", basestring)
        f = StringIO.StringIO()
        """)
    assert out.count("import six") == 1 and "try:" not in out and "except" not in out
    assert "f = six.moves.cStringIO()" in out
    kept = fixed(tmp_path, """\
        try:
            import cStringIO as StringIO
        except ImportError:  # pure Python fallback
            import StringIO
        f = StringIO.StringIO()
        """)
    assert "except ImportError:  # pure Python fallback" in kept


def test_stage_one_six_import_after_late_imports_is_not_doubled(tmp_path):
    # tryout6 #16 (web.py 0.38 wsgiserver): six.reraise's `import six` went after the first imports, below code;
    # stage 2 then put another at the top
    out = fixed(tmp_path, """\
        CRLF = '\\r\\n'
        import os
        import re
        import sys
        x = isinstance(CRLF, basestring)


        def f():
            exc_info = sys.exc_info()
            raise exc_info[0], exc_info[1], exc_info[2]
        """)
    assert out.count("import six\n") == 1 and out.index("import six") < out.index("CRLF")


def test_the_modules_own_late_import_stays_where_it_is(tmp_path):
    # tryout7 #23: the module's `import six` below its sys.path set-up (a vendored six) went to the top, above
    # that set-up: ImportError on python2.7; the rewrites needing six are left, with a note
    six_dir(tmp_path / "vendor")
    source = textwrap.dedent("""\
        import os
        import sys
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vendor', 'six'))
        import six
        print("%s %s %s" % (six.PY2, list(xrange(2)), {}.iteritems().__class__.__name__))
        """)
    path = tmp_path / "main.py"
    path.write_text(source)
    result = fix_file(str(path), everything())
    assert result.refused is None
    new = result.new.decode() if result.new else source
    assert new.index("sys.path.insert") < new.index("import six") and new.count("import six") == 1
    # check reports what needs six as rewrite-name-bound-by-module (tests/fix/test_late_six_agreement.py): fix is not
    # given it; given it as the rules it is split off (a rule whose rewrite check does not know to import six),
    # stage 2 still leaves the module and says why
    assert {(f.symbol, f.split_from) for f in result.left} >= {("rewrite-name-bound-by-module", "xrange-builtin"),
                                                               ("rewrite-name-bound-by-module", "dict-iter-method")}
    analysis = check_engine.analysis(str(path), reader.decode(str(path), path.read_bytes()),
                                     check_engine.Plan(checkers=frozenset({"py3k"})))
    unsplit = [f._replace(symbol=f.split_from) for f in analysis.findings if f.symbol == "rewrite-name-bound-by-module"]
    late = set()
    assert codemod.apply(source, unsplit, fixers.FIXERS, late=late) == (source, Counter()) and late == {"six"}
    path.write_text(new)
    run = subprocess.run([python27(), str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "True [0, 1] dictionary-itemiterator\n", run.stderr
    # a later `import itertools` below other code stays where it is
    late = fixed(tmp_path, """\
        itertools = 'x'
        import itertools
        print(list(itertools.imap(abs, [-1])))
        """)
    assert "\nitertools = 'x'\nimport itertools\n" in late


def test_the_two_branch_translate_puts_else_and_a_long_if_on_lines_of_their_own(tmp_path):
    # tryout6 #5: `print(repr(s.translate(None, x)))` made a 120-column line, E501 in a 79-column project
    out = fixed(tmp_path, """\
        s = b'abc'
        t = (s.translate(None, 'b'))
        value = 'some longer receiver text here'.translate(None, 'aeiou') + 'tail'
        if s:
            (s.translate(None, b))
        """)
    assert ("t = (s.translate(None, 'b') if six.PY2 or isinstance(s, (bytes, bytearray))\n"
            "     else s.translate(dict.fromkeys(map(ord, 'b'))))\n") in out
    assert ("    (s.translate(None, b) if six.PY2 or isinstance(s, (bytes, bytearray))\n"
            "     else s.translate(dict.fromkeys(map(ord, b))))\n") in out
    assert ("value = ('some longer receiver text here'.translate(None, 'aeiou')\n"
            "         if six.PY2 or isinstance('some longer receiver text here', (bytes, bytearray))\n"
            "         else 'some longer receiver text here'.translate(dict.fromkeys(map(ord, 'aeiou')))) + 'tail'\n"
            ) in out

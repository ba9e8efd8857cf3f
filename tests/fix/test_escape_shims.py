"""A shim of six.u of another name (testtools', subunit's and fixtures' `_u`: `return unicode(s, "unicode_escape")` on
Python 2, `return s` on Python 3) is six's idiom too (tryout20b #1): a plain literal handed to a function the module
defines as decoding its argument with a unicode-escape codec, or imports from a module of the project defining it
so (ProjectIndex.escape_shim), gets no unicode-escape-in-byte-string and keeps its one backslash. Before, only a
callee named `u` was exempt: fix doubled the backslash of `_u("caf\\u00e9")`, and Python 3 got six characters
where it had one (python2.7 unchanged)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output
from tests.fix.test_names_fixes import findings, fix

SYMBOL = "unicode-escape-in-byte-string"

# testtools 0.9.24's testtools/compat.py, its `_u` and a module-level call of it
COMPAT = textwrap.dedent('''\
    import sys
    if sys.version_info > (3, 0):
        def _u(s):
            return s
    else:
        def _u(s):
            return unicode(s, "unicode_escape")
    DASH = _u("\\u2014")
    ''')

PROGRAM = textwrap.dedent('''\
    from __future__ import print_function
    from pkg.compat import _u, DASH
    from pkg import compat
    S = _u("caf\\u00e9")
    T = compat._u("\\u00e9t\\u00e9")
    print(len(S), len(T), len(DASH), S == u"caf\\xe9")
    ''')


@pytest.mark.parametrize("text", [
    COMPAT,
    'import sys\nif sys.version_info[0] >= 3:\n    def _u(s):\n        return s\nelse:\n'
    '    def _u(s):\n        return unicode(s, "unicode_escape")\nX = _u("caf\\u00e9")\n',  # testtools' tests
    'def text(s):\n    return s.decode("unicode-escape")\nX = text("\\u00e9")\n',
    'import codecs\ntry:\n    unicode\nexcept NameError:\n    def T(s):\n        return s\nelse:\n'
    '    def T(s):\n        return codecs.decode(s, encoding="raw_unicode_escape")\n'
    'def f():\n    return T("\\u00e9" +\n             "\\u00e9")\n',
])
def test_a_literal_given_to_a_module_shim_of_any_name_is_not_reported_nor_rewritten(text):
    assert SYMBOL not in {f.symbol for f in findings(text)}
    assert fix(text)[0] == text


@pytest.mark.parametrize("text", [
    'def _u(s):\n    return s\nX = _u("\\u00e9")\n',  # no decoding: any function
    'def f():\n    def _u(s):\n        return unicode(s, "unicode_escape")\n    return _u("\\u00e9")\n',  # a local def
    'def _u(s):\n    return unicode(s, "unicode_escape")\n_u = str\nX = _u("\\u00e9")\n',  # bound otherwise too
    'def _u(s):\n    return unicode(s, "utf-8")\nX = _u("\\u00e9")\n',  # another codec
    'def _u(s):\n    return s.encode("unicode-escape")\nX = _u("\\u00e9")\n',  # encoding (testtools' _slow_escape)
    'def _u(s):\n    return unicode(s, "unicode_escape")\nX = _u("\\u00e9", 1)\n',  # not the one argument
    'from pkg.compat import _u\nX = _u("\\u00e9")\n',  # no project index: its definition unseen
    'from pkg import compat\nX = compat._u("\\u00e9")\n',
])
def test_a_function_not_surely_a_shim_of_six_u_is_reported_and_rewritten(text):
    assert SYMBOL in {f.symbol for f in findings(text)}
    assert "\\\\u00e9" in fix(text)[0]


def _python3_output(root, script: str) -> str:
    proc = subprocess.run([sys.executable, "-B", script], cwd=root, capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr.strip()[-200:]


def test_an_imported_shim_keeps_its_text_on_both_pythons_after_fix(tmp_path, monkeypatch, capsys):
    """testtools' layout (tryout20b #1): compat.py defines `_u` under a version test, the tests import it; check
    reports no literal handed to it, fix leaves them; python2.7 prints the same before and after, Python 3 gets
    the one character as before."""
    root = project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/compat.py": COMPAT, "main.py": PROGRAM})
    assert project_index.build(str(root), (), 1_000_000).escape_shims == (("compat", "_u"),)
    expected = "4 3 1 True\n"
    assert python2_output(root, "main.py") == expected
    assert _python3_output(root, "main.py") == expected
    main(["check", "--no-cache", "--format", "json", "--select", "py3k", str(root)])
    assert SYMBOL not in {f["symbol"] for f in json.loads(capsys.readouterr().out)}
    main(["fix", "--write", "--unsafe", str(root)])
    assert "\\\\u00e9" not in (root / "main.py").read_text()
    assert python2_output(root, "main.py") == expected
    assert _python3_output(root, "main.py") == expected


def test_the_result_cache_keys_on_the_shims_a_file_names():
    """A shim defined in another module is a cache miss for the files naming it, and only for them."""
    shim = project_index.ProjectIndex(escape_shims=(("compat", "_u"),))
    assert shim.context(b'X = _u("\\u00e9")') != project_index.ProjectIndex().context(b'X = _u("\\u00e9")')
    assert shim.context(b"X = 1") == project_index.ProjectIndex().context(b"X = 1")

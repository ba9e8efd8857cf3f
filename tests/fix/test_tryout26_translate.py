"""What the twenty-sixth hostile tryout found about str.translate's rewrite (defect 1): Python 2 took the text
branch, `s.translate(dict.fromkeys(...))`, for every receiver but a str or a bytearray: a UserString's
translate(None, chars) raised TypeError, a unicode's TypeError that code caught was no longer raised. Python 2
now makes the original call whatever the receiver (`six.PY2 or isinstance(...)`); Python 3 picks by type."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.fix.helpers import fixed_runs_as_before
from tests.fix.test_names_fixes import findings

USER_STRING = '''from UserString import UserString
import sys


def clean(s):
    return s.translate(None, "/:")


sys.stdout.write(repr(clean(UserString("a/b:c"))) + "\\n")
'''

UNICODE_FALLBACK = '''import sys


def label(name):
    try:
        return name.translate(None, "/\\\\:")
    except TypeError:
        return name + " (unicode path)"


sys.stdout.write(repr(label(u"a/b")) + "\\n")
'''


def test_a_user_string_makes_the_original_call_on_python2(tmp_path):
    fixed, _, before = fixed_runs_as_before(tmp_path, USER_STRING)
    assert before == "'abc'\n"
    assert "if six.PY2 or isinstance(s, (bytes, bytearray))" in fixed and "import six\n" in fixed, fixed


def test_a_unicode_still_raises_the_type_error_code_catches_on_python2(tmp_path):
    fixed, _, before = fixed_runs_as_before(tmp_path, UNICODE_FALLBACK)
    assert before == "u'a/b (unicode path)'\n"
    assert "if six.PY2 or isinstance(name, (bytes, bytearray))" in fixed, fixed


def test_python3_deletes_from_text_bytes_bytearray_and_a_user_string(tmp_path):
    code = ('import sys\n\n\ndef clean(s, chars):\n    return s.translate(None, chars)\n\n\n'
            'sys.stdout.write(repr(clean("a/b:c", "/:")) + "\\n")\n')
    fixed, _, before = fixed_runs_as_before(tmp_path, code)
    assert before == "'abc'\n"
    function = fixed[:fixed.index("sys.stdout.write(")]
    driver = ('from collections import UserString\n'
              'print([clean("a/b:c", "/:"), clean(b"a/b:c", b"/:"), clean(bytearray(b"a/b:c"), b"/:"),\n'
              '       clean(UserString("a/b:c"), "/:")])\n')
    (tmp_path / "py3.py").write_text(function + driver)
    py3 = subprocess.run([sys.executable, str(tmp_path / "py3.py")], capture_output=True, text=True, timeout=60)
    assert py3.stdout == "['abc', b'abc', bytearray(b'abc'), 'abc']\n", py3.stderr


def _translate_reported(code: str) -> list:
    return [f.line for f in findings(code) if f.symbol == "deprecated-str-translate-call"]


@pytest.mark.parametrize("test,reported", [
    ("six.PY2 or isinstance(s, (bytes, bytearray))", []),  # what fix writes: Python 3 takes it for bytes only
    ("six.PY3 or isinstance(s, (bytes, bytearray))", [2]),  # Python 3 takes it for text too
    ("ready or isinstance(s, (bytes, bytearray))", [2]),
])
def test_the_call_after_six_py2_or_a_bytes_test_is_not_reported(test, reported):
    code = f"def clean(s, ready):\n    return (s.translate(None, 'a') if {test}\n            else s)\n"
    assert _translate_reported(code) == reported

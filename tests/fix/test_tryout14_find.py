"""What the fourteenth hostile tryout found diracmod did not report (defects 4, 5, 7): a two-argument
str.translate pylint's W1650 does not read, an exception indexed through a list display or sys.exc_info(), and a
raw string with \\u escapes under unicode_literals. Where fix rewrites them, python2.7 runs the module alike before
and after, and Python 3 prints what Python 2 did."""
from __future__ import annotations

import subprocess
import sys

from tests.fix.helpers import fixed_runs_as_before
from tests.fix.test_names_fixes import findings


def _reported(code: str) -> list:
    return sorted((f.line, f.symbol) for f in findings(code)
                  if "translate" in f.symbol or f.symbol in ("method-class-defined",))


# tryout14 #4: pylint's W1650 reads only `translate(None, <a literal or a name>)`
TRANSLATE = '''import string
import sys


def get():
    return "a-b!c"


def chars():
    return "-"


def clean(name):
    a = name.translate(None, string.punctuation)
    r = get().translate(None, chars())
    e = name.translate(string.maketrans("a", "b"), "c")
    return a, r, e


sys.stdout.write(repr(clean("a-b!c")) + "\\n")
'''


def test_every_two_argument_str_translate_is_reported():
    assert _reported(TRANSLATE) == [(14, "deprecated-str-translate-call"),
                                    (15, "deprecated-str-translate-call-receiver-read-twice"),
                                    (16, "deprecated-str-translate-call-table")]


def test_a_translation_clients_translate_is_not_reported():
    assert _reported("def fr(client, text):\n    return client.translate(text, 'fr')\n") == []


def test_translate_of_an_attribute_or_a_call_is_rewritten_and_runs_alike(tmp_path):
    code = ('import string\nimport sys\n\n\ndef chars():\n    return "-"\n\n\n'
            'def clean(name):\n    return name.translate(None, string.punctuation) + name.translate(None, chars())\n'
            '\n\nsys.stdout.write(clean("a-b!c") + "\\n")\n')
    fixed, _, before = fixed_runs_as_before(tmp_path, code)
    assert before == "abcab!c\n"
    assert "six.PY2 or isinstance(name, (bytes, bytearray))" in fixed, fixed
    assert "dict.fromkeys(map(ord, chars()))" in fixed, fixed
    (tmp_path / "py3.py").write_text(fixed)
    py3 = subprocess.run([sys.executable, str(tmp_path / "py3.py")], capture_output=True, text=True, timeout=60)
    assert py3.stdout == before, py3.stderr


def _python3_prints(tmp_path, fixed: str) -> str:
    (tmp_path / "py3.py").write_text(fixed)
    py3 = subprocess.run([sys.executable, str(tmp_path / "py3.py")], capture_output=True, text=True, timeout=60)
    assert py3.returncode == 0, py3.stderr
    return py3.stdout


# tryout14 #5: an exception read back from a list display (pylint infers it), or taken from sys.exc_info()
INDEXING = '''import sys


def f():
    try:
        open('/nonexistent')
    except IOError as e:
        saved = [e]
        b = sys.exc_info()[1][0]
        err = sys.exc_info()[1]
        return saved[0][0], b, err[1], saved[-1][1]


sys.stdout.write(repr(f()) + "\\n")
'''


def test_an_exception_from_a_display_or_sys_exc_info_is_reported():
    found = sorted((f.line, f.symbol) for f in findings(INDEXING) if "indexing" in f.symbol)
    assert found == [(9, "indexing-exception-exc-info"), (11, "indexing-exception"), (11, "indexing-exception"),
                     (11, "indexing-exception-exc-info")]


def test_a_display_appended_to_or_rebound_is_not_followed():
    code = INDEXING.replace("        b = ", "        saved.append(1)\n        b = ")
    assert [f.line for f in findings(code) if f.symbol == "indexing-exception"] == []
    code = INDEXING.replace("        b = ", "        saved = [1]\n        b = ")
    assert [f.line for f in findings(code) if f.symbol == "indexing-exception"] == []


def test_the_indexed_exception_is_rewritten_to_args_and_runs_alike(tmp_path):
    fixed, _, before = fixed_runs_as_before(tmp_path, INDEXING)
    assert "saved[0].args[0], b, err.args[1], saved[-1].args[1]" in fixed and "exc_info()[1].args[0]" in fixed, fixed
    assert before == "(2, 2, 'No such file or directory', 'No such file or directory')\n"
    assert _python3_prints(tmp_path, fixed) == before


def test_only_the_reported_subscript_of_several_starting_at_one_place_is_rewritten(tmp_path):
    code = ("import sys\ntry:\n    open('/nonexistent')\nexcept IOError as e:\n"
            "    sys.stdout.write(e[1][0] + sys.exc_info()[1][1][:2] + '\\n')\n")
    fixed, _, before = fixed_runs_as_before(tmp_path, code)
    assert "e.args[1][0] + sys.exc_info()[1].args[1][:2]" in fixed, fixed
    assert _python3_prints(tmp_path, fixed) == before == "NNo\n"


# tryout14 #7: under unicode_literals r'...' is Python 2's ur'...', which reads \u and \U escapes
RAW = r"""from __future__ import unicode_literals
import sys
vals = [r'caf\u00e9 \d', R'''x\U0001F600
\\u''', 'a' r'\\\u00b7', r'\\u00e9', ur'\u00e9']
sys.stdout.write(repr([[ord(c) for c in v] for v in vals]) + str('\n'))
"""


def test_a_raw_literal_with_a_unicode_escape_under_unicode_literals_is_reported():
    found = sorted((f.line, f.symbol) for f in findings(RAW) if "unicode" in f.symbol)
    # line 4's r'\\\u00b7' shares its line with E1611's ur'': the rewrite of that line takes both
    assert found == [(3, "raw-unicode-escape-under-unicode-literals"), (3, "raw-unicode-escape-under-unicode-literals"),
                     (4, "invalid-unicode-literal")]
    assert not [f for f in findings(RAW.replace("from __future__ import unicode_literals", ""))
                if f.symbol == "raw-unicode-escape-under-unicode-literals"]


def test_the_raw_literal_fixed_has_the_same_value_on_python2_and_python3(tmp_path):
    fixed, _, before = fixed_runs_as_before(tmp_path, RAW)
    assert "vals = ['caf\\u00e9 \\\\d', '''x\\U0001F600\n\\\\\\\\u''', 'a' '\\\\\\\\\\u00b7', r'\\\\u00e9', u'\\u00e9']" \
        in fixed, fixed
    assert _python3_prints(tmp_path, fixed) == before
    assert before.startswith("[[99, 97, 102, 233, 32, 92, 100], [120, 128512, 10, 92, 92, 117]")

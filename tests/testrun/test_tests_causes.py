"""A failure's first error line and its cause, on the messages Python 2.7 and Python 3 really print."""
import pytest

from diracmod.testrun.causes import cause, first_error_line, raised_at


@pytest.mark.parametrize("line, expected", [
    ("ImportError: No module named StringIO", "ImportError of StringIO"),
    ("ModuleNotFoundError: No module named 'StringIO'", "ImportError of StringIO"),
    ("ModuleNotFoundError: No module named 'six.moves.foo'", "ImportError of six.moves.foo"),
    ("ImportError: cannot import name 'izip' from 'itertools' (unknown location)",
     "ImportError of izip from itertools"),
    ("ImportError: cannot import name izip", "ImportError of izip"),
    ("NameError: name 'unicode' is not defined", "NameError unicode"),
    ("NameError: global name 'xrange' is not defined", "NameError xrange"),
    ("AttributeError: module 'sys' has no attribute 'maxint'", "AttributeError .maxint"),
    ("TypeError: Unicode-objects must be encoded before hashing", "TypeError bytes/str"),
    ("TypeError: a bytes-like object is required, not 'str'", "TypeError bytes/str"),
    ("TypeError: can't concat str to bytes", "TypeError bytes/str"),
    ("TypeError: '<' not supported between instances of 'NoneType' and 'int'", "TypeError ordering of mixed types"),
    ("TypeError: unorderable types: NoneType() < int()", "TypeError ordering of mixed types"),
    ("TypeError: 'map' object is not subscriptable", "TypeError"),
    ("AssertionError: 1500.5 != 1500", "AssertionError"),
    ("foo.bar.CustomError: boom", "CustomError"),
])
def test_cause(line, expected):
    assert cause(line) == expected


def test_killed_is_its_own_cause():
    assert cause("TestTimeout: killed after the per-test timeout", killed=True) == "killed (timeout)"


def test_first_error_line_is_the_exception_line_of_the_traceback():
    text = ('Traceback (most recent call last):\n  File "t.py", line 3, in test\n    raise ValueError("a: b")\n'
            "ValueError: a: b\n\nStdout:\nnoise\n")
    assert first_error_line("ignored", text) == "ValueError: a: b"


def test_first_error_line_in_pytest_report_and_fallback_to_message():
    assert first_error_line("collection failure", "    import StringIO\nE   ModuleNotFoundError: No module named "
                            "'StringIO'\n") == "ModuleNotFoundError: No module named 'StringIO'"
    assert first_error_line("[Errno -2] Name or service not known\nmore", "no traceback here") == \
        "[Errno -2] Name or service not known"


def test_first_error_line_leaves_out_what_the_test_printed():
    text = ('Traceback (most recent call last):\n  File "t.py", line 62, in test_start_res\n'
            "    assert 'line 26' in res\nAssertionError\n\n-------------------- >> begin captured stdout << "
            "---------------------\nValueError: hi\n")
    assert first_error_line("", text) == "AssertionError"
    assert first_error_line("", "Traceback...\nKeyError: 'a'\n\nStdout:\nTypeError: printed\n") == "KeyError: 'a'"


def test_raised_at_is_the_last_frame_of_either_traceback_form():
    python = ('Traceback (most recent call last):\n  File "/r/run.py", line 9, in test\n    raise ImportError(m)\n'
              'ImportError: Traceback (most recent call last):\n  File "<frozen importlib._bootstrap>", line 241, in x\n'
              '  File "/r/pkg/http.py", line 24, in <module>\n    import urllib2 as u2\n'
              "ModuleNotFoundError: No module named 'urllib2'")
    pytest_short = ("Traceback:\ntests/builtin.py:2: in <module>\n    import pkg\npkg/transport.py:2: in <module>\n"
                    "    import urllib2\nE   ModuleNotFoundError: No module named 'urllib2'")
    assert raised_at(python, "/r") == "pkg/http.py:24"
    assert raised_at(pytest_short, "/r") == "pkg/transport.py:2"
    assert raised_at("ImportError: no traceback", "/r") is None


def test_raised_at_is_the_innermost_frame_of_the_project():
    # tryout 2, defect 8: proj/pkg/deep.py `CONF = json.loads('{')`, the error raised in the standard library
    python = ('Traceback (most recent call last):\n  File "/r/tests/test_a.py", line 1, in <module>\n    import pkg.deep\n'
              '  File "/r/pkg/deep.py", line 2, in <module>\n    CONF = json.loads(\'{\')\n'
              '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads\n    return _default_decoder.decode(s)\n'
              '  File "/r/.venv/lib/python3.11/site-packages/simplejson/decoder.py", line 337, in decode\n'
              '    obj, end = self.raw_decode(s, idx=_w(s, 0).end())\n'
              "json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes\n")
    pytest_short = ("Traceback:\ntests/test_a.py:1: in <module>\n    import pkg.deep\npkg/deep.py:2: in <module>\n"
                    "    CONF = json.loads('{')\n/usr/lib/python3.11/json/__init__.py:346: in loads\n"
                    "    return _default_decoder.decode(s)\nE   json.decoder.JSONDecodeError: Expecting value\n")
    assert raised_at(python, "/r") == raised_at(pytest_short, "/r") == "pkg/deep.py:2"
    outside = 'Traceback (most recent call last):\n  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads\n'
    assert raised_at(outside, "/r") == "/usr/lib/python3.11/json/__init__.py:346"  # no frame of the project

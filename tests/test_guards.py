"""Version guards: code that only runs on Python 2 is exempt, nested blocks included; Python 3 code is not."""
import textwrap

import pytest

from diracmod.check import engine
from diracmod.deps.imports import scan_file


def _lines(tmp_path, code, guards=True):
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(code))
    findings = engine.check_file(str(path), engine.Plan(frozenset({"py3k"}), guards=guards)).findings
    return sorted(f.line for f in findings if f.symbol == "unicode-builtin")


def _scan(tmp_path, code):
    path = tmp_path / "mod.py"
    path.write_text(code)
    return scan_file(str(path))[0]


@pytest.mark.parametrize("test", ["six.PY2", "not six.PY3", "sys.version_info[0] == 2", "sys.version_info < (3,)",
                                  "sys.version_info < (3, 0)", "sys.version_info.major < 3",
                                  "sys.version_info[:2] <= (2, 7)", "sys.version_info[0] != 3", "PY2"])
def test_python2_branch_is_exempt_and_else_is_not(tmp_path, test):
    code = f"""\
        if {test}:
            a = unicode(1)
            if x:
                b = unicode(2)
        else:
            c = unicode(3)
        """
    assert _lines(tmp_path, code) == [6]


@pytest.mark.parametrize("test", ["six.PY3", "sys.version_info >= (3,)", "sys.version_info[0] == 3",
                                  "sys.version_info > (3,)"])
def test_else_of_a_python3_test_is_exempt(tmp_path, test):
    assert _lines(tmp_path, f"if {test}:\n    a = unicode(1)\nelse:\n    b = unicode(2)\n") == [2]


@pytest.mark.parametrize("test", ["sys.version_info >= (3, 6)", "debug", "six.PY2 and x"])
def test_tests_that_are_not_version_guards_exempt_nothing(tmp_path, test):
    assert _lines(tmp_path, f"if {test}:\n    a = unicode(1)\nelse:\n    b = unicode(2)\n") == [2, 4]


def test_import_and_name_fallbacks(tmp_path):
    code = """\
        try:
            import urllib2
            a = unicode(1)
        except ImportError:
            b = unicode(2)
        try:
            c = unicode
        except NameError:
            c = str
        try:
            import json
            d = unicode(4)
        except ImportError:
            pass
        """
    assert _lines(tmp_path, code) == [5, 12]
    assert _lines(tmp_path, code, guards=False) == [3, 5, 7, 12]


def test_a_fallback_importing_python2_modules_only_is_no_guard(tmp_path):
    # Python 3 fails in both blocks (Paste: cStringIO, else StringIO): both run there, nothing is exempt
    code = """\
        try:
            from cStringIO import StringIO
            a = unicode(1)
        except ImportError:
            from StringIO import StringIO
            b = unicode(2)
        """
    assert _lines(tmp_path, code) == [3, 6]
    path = tmp_path / "mod.py"
    findings = engine.check_file(str(path), engine.Plan(frozenset({"py3k"}))).findings
    assert sorted(f.line for f in findings if f.symbol == "bad-python3-import") == [2, 5]


def test_ternary_guard(tmp_path):
    assert _lines(tmp_path, "x = unicode if six.PY2 else str\ny = str if six.PY3 else unicode\n") == []


# The same try statement means the same to check (is its try body the Python 2 side, exempt?) and to deps
# (is the import handled?): both read it through diracmod.source.guards.
_HANDLERS = {
    "except ImportError:": True,
    "except (ValueError, ImportError):": True,
    "except ModuleNotFoundError:": True,
    "except Exception:": True,
    "except BaseException:": True,
    "except:": True,
    "except ValueError:": False,
}  # NameError guards names, not imports: test_only_name_error_makes_a_name_fallback


@pytest.mark.parametrize("handler,guarded", list(_HANDLERS.items()))
@pytest.mark.parametrize("reraise", [False, True])
def test_check_and_deps_agree_on_import_fallbacks(tmp_path, handler, guarded, reraise):
    fallback = "raise RuntimeError('cPickle is required')" if reraise else "import pickle as cPickle"
    code = f"try:\n    import cPickle\n    a = unicode(1)\n{handler}\n    {fallback}\n"
    handled = {use.module: use.handled for use in _scan(tmp_path, code)}["cPickle"]
    expected = guarded and not reraise  # a handler that raises makes the import required
    assert bool(handled) is expected, handled
    assert _lines(tmp_path, code) == ([] if expected else [3])


@pytest.mark.parametrize("handler,exempt", [("except NameError:", True), ("except Exception:", False),
                                            ("except:", False), ("except ImportError:", False)])
def test_only_name_error_makes_a_name_fallback(tmp_path, handler, exempt):
    """A broad handler around code is error handling: everything in its try is still checked."""
    assert _lines(tmp_path, f"try:\n    a = unicode(1)\n{handler}\n    a = str(1)\n") == ([] if exempt else [2])

"""Version guards: code that only runs on Python 2 is exempt, nested blocks included; Python 3 code is not."""
import dataclasses
import textwrap

import pytest

from diracmod.check import engine
from diracmod.deps.imports import scan_file
from diracmod.fix.engine import fix_bytes
from tests.fix.helpers import everything


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


# `six.PY2 and x` makes a Python-2-only body: test_guards_that_hold_one_way_only
@pytest.mark.parametrize("test", ["sys.version_info >= (3, 6)", "debug", "six.PY2 or x", "x == 2"])
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


def _dm174(tmp_path, code, guards=True):
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(code))
    findings = engine.check_file(str(path), engine.Plan(frozenset({"py3k"}), guards=guards)).findings
    return sorted(f.line for f in findings if f.symbol == "stdlib-removed-later")


# tryout17 #8: a module's own version flag is read by its definition, whatever its name
_FLAG_DEFINITIONS = [
    ("PY3K", "import sys\nPY3K = sys.version_info[0] == 3"),
    ("PYTHON3", "import sys\nPYTHON3 = sys.version_info >= (3, 0)"),
    ("_PY3", "import sys\n_PY3 = sys.version_info.major >= 3"), ("py3", "import sys\npy3 = sys.version_info > (3,)"),
    ("PY3_OR_LATER", "import six\nPY3_OR_LATER = not six.PY2"), ("IS_PYTHON3", "import six\nIS_PYTHON3 = six.PY3"),
    ("HAS_PY3", "import sys\nHAS_PY3 = sys.hexversion >= 0x3000000"),
    ("ISPY3", "import sys\nISPY3 = sys.version >= '3'"), ("IS3", "from six import PY3 as IS3"),
    ("IS3", "from django.utils.six import PY3 as IS3"), ("PY3K", "import sys\nPY3K: bool = sys.version_info[:2] >= (3, 0)"),
    ("_PY3", "import sys\nif sys.version_info < (3, 0):\n    _PY3 = False\nelse:\n    _PY3 = True"),  # Twisted's
    ("FLAG", "import sys\nPY2K = sys.version_info[0] == 2\nFLAG = not PY2K"),
]


@pytest.mark.parametrize("name,definition", _FLAG_DEFINITIONS)
def test_a_module_flag_is_read_by_its_definition(tmp_path, name, definition):
    code = f"{definition}\nif {name}:\n    from collections import Mapping as M\nelse:\n    a = unicode(1)\n"
    lines = len(definition.split("\n"))
    assert _dm174(tmp_path, code) == [lines + 2]  # the branch Python 3 runs: ImportError from 3.10
    assert _lines(tmp_path, code) == []  # its else only runs on Python 2
    assert _lines(tmp_path, code, guards=False) == [lines + 4]
    # not(flag): the same branches swapped
    code = f"{definition}\nif not {name}:\n    a = unicode(1)\nelse:\n    from collections import Mapping as M\n"
    assert (_dm174(tmp_path, code), _lines(tmp_path, code)) == ([lines + 4], [])


@pytest.mark.parametrize("test,body,orelse", [
    ("six.PY3 and x", "py3", "both"), ("x and not six.PY2", "py3", "both"), ("six.PY2 and x", "py2", "both"),
    ("six.PY2 or x", "both", "py3"), ("sys.version_info >= (3, 3)", "py3", "both"),
    ("sys.version_info < (3, 3)", "both", "py3"), ("sys.version_info < (2, 7)", "py2", "both"),
    ("sys.hexversion >= 0x3000000", "py3", "py2"), ("sys.hexversion < 0x03000000", "py2", "py3"),
    ("sys.version >= '3'", "py3", "py2"), ("sys.version[0] == '2'", "py2", "py3"),
    ("sys.version_info[0] == '3'", "both", "both"), ("sys.version >= (3,)", "both", "both"),
])
def test_guards_that_hold_one_way_only(tmp_path, test, body, orelse):
    """A test true only on Python 3 (`six.PY3 and x`, `>= (3, 3)`) makes its body Python-3-only, its else runs on
    both; check (DM174 in the Python 3 branch, nothing reported in the Python 2 one) and deps agree."""
    code = f"import sys, six\nif {test}:\n    a = unicode(1)\n    from collections import Mapping\n" \
           f"    import urllib2\nelse:\n    b = unicode(2)\n    from collections import Set\n    import urllib2\n"
    assert _lines(tmp_path, code) == [line for line, side in ((3, body), (7, orelse)) if side != "py2"]
    assert _dm174(tmp_path, code) == [line for line, side in ((4, body), (8, orelse)) if side == "py3"]
    handled = [use.line for use in _scan(tmp_path, code) if use.module == "urllib2" and use.handled]
    assert handled == [line for line, side in ((5, body), (9, orelse)) if side == "py2"]


@pytest.mark.parametrize("rebinding", ["PY3K = False", "PY3K += 1", "for PY3K in x:\n    pass",
                                       "PY3K = sys.version_info[0] == 2"])
def test_a_flag_bound_otherwise_too_is_none(tmp_path, rebinding):
    code = f"import sys\nPY3K = sys.version_info[0] == 3\n{rebinding}\nif PY3K:\n    a = 1\nelse:\n    b = unicode(1)\n"
    assert _lines(tmp_path, code) == [code.count("\n")]  # the else is checked


def test_a_module_binding_a_known_flag_name_otherwise_is_no_guard(tmp_path):
    # `PY3` alone is read as six's (imported from a compat module); bound here to a non-test, it is no flag
    assert _lines(tmp_path, "PY3 = check()\nif PY3:\n    a = 1\nelse:\n    b = unicode(1)\n") == [5]


def test_fix_leaves_the_python2_branch_of_a_module_flag(tmp_path):
    """check and fix agree (tryout17 #8): fix leaves the branch check exempts, --include-py2-branches fixes it."""
    code = b"import sys\nPYTHON3 = sys.version_info >= (3,)\nif PYTHON3:\n    a = str(1)\nelse:\n    a = unicode(1)\n"
    path = tmp_path / "mod.py"
    path.write_bytes(code)
    assert fix_bytes(str(path), code, everything()).new is None
    fixed = fix_bytes(str(path), code, dataclasses.replace(everything(), guards=False)).new
    assert fixed is not None and b"unicode(1)" not in fixed

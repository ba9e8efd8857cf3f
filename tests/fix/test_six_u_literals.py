"""A str literal given to six.u, or to a module-level `u` that `from six import u`, a project's compat shim
(`from whoosh.compat import u`) or a `def u` binds, is six's documented idiom for text on both Pythons: its
`\\u00e9` is meant as the character on both, which six.u makes of it. No unicode-escape-in-byte-string there and
no doubled backslash (tryout8b D3: `six.u("caf\\\\u00e9")` is 9 characters on Python 3, 4 before the fix).
Any other `u` (a parameter, a local def, an assignment, another name imported as u) is reported as before. The argument may
be literals joined by `+` (Whoosh's tests: `u('\\u9AD8' + '...')`)."""
from __future__ import annotations

import sys
import textwrap

import pytest

from tests.fix.helpers import python27
from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_rebound_receivers import _run

SYMBOL = "unicode-escape-in-byte-string"

# Whoosh 2.4.1's whoosh/compat.py, and a module-level call of its own u
COMPAT = textwrap.dedent('''\
    import sys
    if sys.version_info[0] < 3:
        def u(s):
            return unicode(s, "unicode_escape")
    else:
        def u(s):
            return s
    DASH = u("\\u2014")
    ''')

PROGRAM = textwrap.dedent('''\
    from __future__ import print_function
    import six
    from six import u as six_u
    from pkg.compat import u, DASH
    E = six.u("caf\\u00e9")
    F = u("caf\\u00e9")
    G = six_u("\\u00e9" "t\\u00e9")
    H = u("\\u00e9" +
          "\\u00e9")
    def g():
        return u("\\N{BULLET}")
    print(len(E), len(F), E == F, len(G), len(g()), len(DASH), len(H))
    ''')


@pytest.mark.parametrize("text", [PROGRAM, COMPAT], ids=["program", "compat"])
def test_a_literal_given_to_six_u_or_a_compat_u_is_not_reported_nor_rewritten(text):
    assert SYMBOL not in {f.symbol for f in findings(text)}
    assert fix(text)[0] == text


def test_six_u_and_a_compat_u_keep_their_text_on_both_pythons_after_fix(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "compat.py").write_text(COMPAT)
    expected = (0, "4 4 True 3 1 1 2\n")
    before = {python: _run(python, PROGRAM, tmp_path, "before")[:2] for python in (python27(), sys.executable)}
    assert before == {python27(): expected, sys.executable: expected}
    (package / "compat.py").write_text(fix(COMPAT)[0])
    fixed = fix(PROGRAM)[0]
    for python in (python27(), sys.executable):
        assert _run(python, fixed, tmp_path, "after")[:2] == expected, python


@pytest.mark.parametrize("text", [
    'import six\nX = six.u("\\u00e9")\n',
    'import six as sx\nX = sx.u("\\u00e9")\n',
    'from django.utils import six\nX = six.u("\\u00e9")\n',  # a project's own copy of six
    'from six import u\nX = u("\\u00e9")\n',
    'from whoosh.compat import u\nX = u("\\u00e9")\n',
    "from whoosh.compat import u\nX = u('\\u9AD8' +\n      '\\u6821' + ('\\u307E' + 'a'))\n",  # Whoosh's tests
    'from .compat import u\ndef f():\n    return u("\\u00e9")\n',
    'def u(s):\n    return s\nclass C(object):\n    X = u("\\u00e9")\n',
])
def test_the_six_idiom_in_every_spelling_is_not_reported(text):
    assert SYMBOL not in {f.symbol for f in findings(text)}


@pytest.mark.parametrize("text", [
    'def f(u):\n    return u("\\u00e9")\n',  # a parameter: any function
    'def f():\n    def u(s):\n        return s\n    return u("\\u00e9")\n',  # not the module's
    'u = len\nX = u("\\u00e9")\n',  # an assignment
    'from helpers import v as u\nX = u("\\u00e9")\n',  # another name, imported as u
    'from six import u\nu = str\nX = u("\\u00e9")\n',  # bound otherwise too
    'X = u("\\u00e9")\n',  # bound nowhere
    'import six\nX = six.b("\\u00e9")\n',  # six.b keeps the bytes
    'import six\nX = six.u("\\u00e9" + name)\n',  # not literals only
    'import six\nX = six.u("a", "\\u00e9")\n',
    'import helpers\nX = helpers.u("\\u00e9")\n',
])
def test_a_u_that_is_not_surely_six_u_or_a_module_shim_is_reported_and_rewritten(text):
    assert SYMBOL in {f.symbol for f in findings(text)}
    assert "\\\\u00e9" in fix(text)[0]

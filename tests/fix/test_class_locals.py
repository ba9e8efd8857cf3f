"""tryout10b #5: `locals()[name] = ...` in a class body (MarkupSafe's `class Markup(unicode)` making its methods in
a loop) made every builtin of the whole module "may be bound unseen" (DM175): 36 uses left, the package unported.
A class body's locals() is that class's namespace: a write there binds a class attribute, which only the class
body's own bare names read (a method's body, the class's bases and every other scope look past it). A function's
locals() binds nothing anyone reads by name. Only at module level is locals() (and vars()) the module's namespace,
globals(). Each program runs under python2.7 before the fix and after it, and under Python 3 after it."""
from __future__ import annotations

import sys

import pytest

from tests.fix.helpers import python27
from tests.fix.test_names_fixes import findings, fix
from tests.fix.test_next_receivers import _run

# prints whether a value is text: the same on Python 2 and 3 where the rewrite keeps the type
_U = "def _u(x):\n    return '%s %s' % (x, type(x) is type(u''))\n\n\n"
_UNICODE = {"unicode-builtin", "builtin-name-unsure"}

# name -> (program, the (line, symbol) of each unicode use, what fix makes of the program's `unicode`s)
PROGRAMS = {
    "a loop writing methods through a class body's locals() (the MarkupSafe shape)": (
        "def helper(x):\n    return unicode(x)\n\n\nclass M(unicode):\n    def up(self):\n"
        "        return unicode(self).upper()\n    for name in 'lower', 'title':\n"
        "        locals()[name] = lambda self, n=name: 'own ' + n\n\n\n"
        "print(' | '.join(map(str, [_u(helper('a')), _u(M('b').up()), M('c').lower(), M('d').title()])))\n",
        [(2, "unicode-builtin"), (5, "unicode-builtin"), (7, "unicode-builtin")], 0),
    "a class body reading a name its own locals() may have bound is left, the rest rewritten": (
        "def key():\n    return 'unicode'\n\n\nclass C(object):\n    first = unicode(1)\n"
        "    locals()[key()] = str\n    second = unicode(2)\n\n    def method(self):\n"
        "        return unicode(3)\n\n\n"
        "print(' | '.join([_u(C.first), _u(C.second), _u(C().method()), _u(unicode(4))]))\n",
        [(6, "builtin-name-unsure"), (8, "builtin-name-unsure"), (11, "unicode-builtin"), (14, "unicode-builtin")],
        2),
    "a loop over strings writing the class body's locals(): only those names (MarkupSafe)": (
        "class C(object):\n    for method in 'up', 'down':\n        locals()[method] = len\n"
        "    for name in ['unicode']:\n        locals()[name] = str\n    x = unicode(1)\n    del method\n"
        "    for method in 'up', 'title':\n        vars()[method] = len\n    y = unicode(2)\n\n\n"
        "print(' | '.join([_u(C.x), _u(C.y), C.name]))\n",
        [(6, "builtin-name-unsure"), (10, "builtin-name-unsure")], 2),
    "a loop over strings naming none of them: rewritten": (
        "class C(object):\n    for method in 'up', 'down':\n        locals()[method] = len\n"
        "    x = unicode(1)\n    del method\n\n\nprint(_u(C.x))\n",
        [(4, "unicode-builtin")], 0),
    "a name bound to a class body's locals()": (
        "class C(object):\n    ns = locals()\n    ns['unic' + 'ode'] = str\n    x = unicode(1)\n\n\n"
        "print(' | '.join(map(str, [_u(C.x), _u(unicode(2))])))\n",
        [(4, "builtin-name-unsure"), (7, "unicode-builtin")], 1),
    "a literal key naming another name": (
        "class C(object):\n    locals()['other'] = 1\n    vars()['more'] = 2\n    x = unicode(1)\n\n\n"
        "print(' | '.join(map(str, [_u(C.x), C.other, C.more])))\n",
        [(4, "unicode-builtin")], 0),
    "a function's locals() and vars() bind nothing read by name": (
        "def f(k):\n    locals()[k] = str\n    vars().update({k: str})\n    return unicode(1)\n\n\n"
        "print(' | '.join(map(str, [_u(f('unicode')), _u(unicode(2))])))\n",
        [(4, "unicode-builtin"), (7, "unicode-builtin")], 0),
    "a function with an exec statement reads what its locals() got: left": (
        "def f(k):\n    locals()[k] = str\n    exec('')\n    return unicode(1)\n\n\n"
        "print(' | '.join([_u(f('unicode')), _u(unicode(2))]))\n",
        [(4, "builtin-name-unsure"), (7, "unicode-builtin")], 1),
    "at module level locals() is globals(): still left": (
        "k = 'unic' + 'ode'\nlocals()[k] = str\n\n\ndef f():\n    return unicode(1)\n\n\nprint(_u(f()))\n",
        [(6, "builtin-name-unsure")], 1),
    "at module level vars() is globals(): still left": (
        "vars().update({'unicode': str})\nprint(_u(unicode(1)))\n",
        [(2, "builtin-name-unsure")], 1),
    "a class body's locals() at module level's class, nested in a class: only the inner body": (
        "class A(object):\n    class B(object):\n        locals().update(unicode=str)\n        x = unicode(1)\n"
        "    y = unicode(2)\n\n\nprint(' | '.join([_u(A.B.x), _u(A.y)]))\n",
        [(4, "builtin-name-unsure"), (5, "unicode-builtin")], 1),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_a_class_body_locals_write_taints_only_that_class_body(name, tmp_path):
    code, uses, kept = PROGRAMS[name]
    code = _U + code
    assert [(f.line - 4, f.symbol) for f in findings(code) if f.symbol in _UNICODE] == uses
    fixed = fix(code)[0]
    assert fixed.count("unicode(") == kept, fixed
    before = _run(python27(), {"m": code}, tmp_path)
    assert "Error" not in before
    assert _run(python27(), {"m": fixed}, tmp_path) == before
    if not kept:
        assert _run(sys.executable, {"m": fixed}, tmp_path) == before

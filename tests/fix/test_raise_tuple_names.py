"""tryout10 #10: a tuple raised through a name (`err = (ValueError, 'x')` ... `raise err`): Python 2 raises the first
item, Python 3 fails with TypeError. DM198 raise-tuple where every binding of the name in its scope is a tuple
display, and fix writes `raise err[0]`."""
from __future__ import annotations

import sys

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, python27
from tests.fix.test_runtime_behaviour import _run

CODE = """err = (ValueError, 'x')
def d():
    raise err
def local():
    bad = (KeyError('k'), 'dropped')
    if bad:
        bad = (IndexError, 1, 2)
    raise bad
for f in (d, local):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ' ' + repr(e.args))
"""


def _lines(code: str) -> list:
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    return [f.line for f in found if f.symbol == "raise-tuple"]


def test_a_name_bound_only_to_tuples_is_reported_and_raises_its_first_item_on_both_pythons(tmp_path):
    assert _lines(CODE) == [3, 8]
    result = engine.fix_bytes(str(tmp_path / "m.py"), CODE.encode(), everything())
    fixed = result.new.decode()
    assert "    raise err[0]\n" in fixed and "    raise bad[0]\n" in fixed and result.applied["raise-tuple"] == 2
    before = _run(python27(), CODE, tmp_path)
    assert before == (0, "ValueError ()\nIndexError ()\n")
    assert _run(python27(), fixed, tmp_path) == before
    assert _run(sys.executable, fixed, tmp_path) == before


@pytest.mark.parametrize("code", [
    "err = (ValueError, 'x')\nerr = ValueError('y')\nraise err\n",  # another binding
    "def f(err=(ValueError, 'x')):\n    raise err\n",  # a parameter
    "err = ((KeyError, IndexError), 'x')\nraise err\n",  # nested: Python 3 could not raise err[0] either
    "err = (ValueError, 'x')\nfor err in [KeyError]:\n    pass\nraise err\n",  # a loop binds it too
    "err = (ValueError, 'x')\nglobals()['err'] = KeyError\nraise err\n",  # bound unseen
    "err = (ValueError, 'x')\ndef f():\n    global err\n    err = KeyError\nraise err\n",
    "raise err\n",  # not bound by the module
])
def test_a_name_that_may_be_bound_to_anything_else_is_not_reported(code):
    assert _lines(code) == []

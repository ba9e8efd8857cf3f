"""tryout10b #9: `print(e, file=sys.stderr)` in a module without the print_function future import is a call
Python 2.7 cannot parse (python2-syntax-error DM001 says so), no print statement: print-statement (E1601, counted
fixable) was reported on it too. A print(...) Python 2 reads as its statement, `print(x)`, still is one."""
from __future__ import annotations

import pytest

from tests.fix.test_names_fixes import findings

CALLS = {
    "a keyword": "import sys\n\n\ndef warn(e):\n    print(e, file=sys.stderr)\n",
    "end=": "print('a', end='')\n",
    "a starred argument": "args = [1, 2]\nprint(*args)\n",
    "** keywords": "kw = {}\nprint(1, **kw)\n",
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_print_call_python2_cannot_parse_is_no_print_statement(name):
    found = {f.symbol for f in findings(CALLS[name])}
    assert "python2-syntax-error" in found
    assert "print-statement" not in found


@pytest.mark.parametrize("code", ["print(1)\n", "print(1, 2)\n", "print (1), 2\n", "print ('%d') % 3\n"])
def test_a_print_python2_reads_as_its_statement_is_still_reported(code):
    found = [f for f in findings(code) if f.symbol == "print-statement"]
    assert len(found) == 1 and found[0].fixable

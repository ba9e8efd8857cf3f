"""tryout10b #9: `print(e, file=sys.stderr)` in a module without the print_function future import is a call
Python 2.7 cannot parse (python2-syntax-error DM001 says so), no print statement: print-statement (E1601, counted
fixable) was reported on it too. A print(...) Python 2 reads as its statement, `print(x)`, still is one."""
from __future__ import annotations

import subprocess
import sys

import pytest

from diracmod.core.config import FUTURE_FEATURES
from diracmod.fix.engine import fix_bytes
from diracmod.fix.futures import Policy
from tests.fix.helpers import everything, python27
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


def test_fix_adds_print_function_where_only_print_calls_keep_python2_out(tmp_path):
    """tryout10b #9: the module is Python 3 code whose only Python 2 problem is print(..., file=...): fix left it
    ("change that by hand first") though the import it adds everywhere makes it parse on Python 2, where it then
    does what it does on Python 3."""
    code = ("import sys\n\n\ndef warn(e):\n    print(e, 'warned', file=sys.stderr)\n    print(*e, sep='-')\n"
            "    print(1, 2)\n\n\nwarn('ab')\n")  # print(1, 2): a call too, no statement Python 2 ever ran
    result = fix_bytes(str(tmp_path / "w.py"), code.encode(), everything(Policy(names=FUTURE_FEATURES)))
    assert result.refused is None and result.new is not None, result.refused
    fixed = result.new.decode()
    assert "from __future__ import print_function" in fixed and fixed.endswith(code.split("\n", 1)[1])
    (tmp_path / "w.py").write_text(code)
    python3 = subprocess.run([sys.executable, "w.py"], cwd=tmp_path, capture_output=True, text=True)
    assert (python3.returncode, python3.stdout, python3.stderr) == (0, "a-b\n1 2\n", "ab warned\n")
    assert subprocess.run([python27(), "w.py"], cwd=tmp_path, capture_output=True).returncode == 1  # SyntaxError
    (tmp_path / "w.py").write_text(fixed)
    after = subprocess.run([python27(), "w.py"], cwd=tmp_path, capture_output=True, text=True)
    assert (after.returncode, after.stdout, after.stderr) == (0, python3.stdout, python3.stderr)


def test_fix_still_leaves_a_print_call_when_print_function_is_not_wanted(tmp_path):
    code = "import sys\nprint(1, file=sys.stderr)\n"
    result = fix_bytes(str(tmp_path / "w.py"), code.encode(), everything(Policy(names=("division",))))
    assert result.new is None and "print_function" in result.refused

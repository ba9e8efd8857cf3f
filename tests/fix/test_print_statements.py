"""Stage 1's print fixer on a parenthesised value: `print (x)` printed x and stays (the call prints it too),
`print (a, b)` printed the tuple, `print ()` the empty tuple: run under python2.7 and Python 3."""
from __future__ import annotations

import subprocess
import sys

from diracmod.fix import engine
from tests.fix.helpers import everything, python27

SOURCE = b"""import sys
x, y = 7, 2
print "start"
print (x)
print(x + y)
print(sys.maxsize > 0)
print (
    x % y  # a comment
)
print (x, y)
print(x,)
print ()
print (n for n in ()) is None
"""


def _run(interpreter: str, path) -> str:
    return subprocess.run([interpreter, str(path)], capture_output=True, text=True, check=True).stdout


def test_a_parenthesised_value_prints_what_python2_printed(tmp_path):
    path = tmp_path / "prints.py"
    path.write_bytes(SOURCE)
    expected = _run(python27(), path)
    result = engine.fix_file(str(path), everything())
    assert result.refused is None
    assert result.new == b"from __future__ import print_function\n\n" + SOURCE.replace(
        b'print "start"', b'print("start")').replace(b"print (x, y)", b"print((x, y))").replace(
        b"print(x,)", b"print((x,))").replace(b"print ()", b"print(())").replace(
        b"print (n for n in ()) is None", b"print((n for n in ()) is None)")
    path.write_bytes(result.new)
    assert _run(python27(), path) == expected
    assert _run(sys.executable, path) == expected
    assert engine.fix_file(str(path), everything()).new is None

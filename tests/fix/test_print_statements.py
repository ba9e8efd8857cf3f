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


def _fixed_prints_alike(tmp_path, source: bytes) -> bytes:
    """What fix makes of `source`, which python2.7 and Python 3 then run printing what python2.7 printed before."""
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    expected = _run(python27(), path)
    result = engine.fix_file(str(path), everything())
    assert result.refused is None
    path.write_bytes(result.new)
    assert _run(python27(), path) == expected
    assert _run(sys.executable, path) == expected
    assert engine.fix_file(str(path), everything()).new is None  # a second run changes nothing
    return result.new


def test_a_parenthesised_value_prints_what_python2_printed(tmp_path):
    fixed = _fixed_prints_alike(tmp_path, SOURCE)
    assert fixed == b"from __future__ import print_function\n\n" + SOURCE.replace(
        b'print "start"', b'print("start")').replace(b"print (x, y)", b"print((x, y))").replace(
        b"print(x,)", b"print((x,))").replace(b"print ()", b"print(())").replace(
        b"print (n for n in ()) is None", b"print((n for n in ()) is None)")


# A print statement Python 3 also reads, as a call followed by more (tryout3 #22): Python 2 prints the whole
# expression; the call print_function makes of `print (x)` would print x alone and apply the rest to None.
CALL_AND_MORE = b"""import os
n = 3
print ("%d items") % n
print ("ab")[0]
print ("ab")[0:1]
print ("ab").upper()
print ("ab") * 2
print (1) + 2
print (4) / 2
print (2) ** 2
print (1) == 1
print (1) is None
print ("a") in "abc"
print (0) or "x"
print (1) and "y"
print ("c") if False else "z"
print (len)("ab")
print (1) << 2
print (1, 2)[0]
if n: print (n) - 1
print; print (n) & 1
print; print
"""


def test_a_print_statement_python3_reads_as_a_call_and_more_is_reported_and_rewritten(tmp_path):
    fixed = _fixed_prints_alike(tmp_path, CALL_AND_MORE)
    assert b'print(("%d items") % n)\n' in fixed and b"print((len)(\"ab\"))\n" in fixed
    # the second bare print of a line is matched once the first is a call (its line was read as 0: tryout3 #22)
    assert b"if n: print((n) - 1)\nprint(); print((n) & 1)\nprint(); print()\n" in fixed


STREAMS = b"""import sys
name = "n"


class Log(object):
    out = sys.stdout


def stream():
    sys.stdout.write("stream\\n")
    return sys.stdout


def value():
    sys.stdout.write("value\\n")
    return "v"


print >>sys.stdout, "a %s" % value()
print >>Log.out, value(), 2
print >>stream(), "literal", name
print >>stream()
"""


def test_print_to_a_stream_is_rewritten_where_the_values_may_be_evaluated_first(tmp_path):
    # tryout3 #1: print(values, file=stream) evaluates the values before the stream, Python 2 the stream first
    fixed = _fixed_prints_alike(tmp_path, STREAMS)
    assert b'print("literal", name, file=stream())' in fixed


def test_print_to_a_stream_both_running_code_leaves_the_module_with_the_reason(tmp_path):
    path = tmp_path / "prints.py"
    path.write_bytes(STREAMS + b"print >>stream(), value()\n")
    result = engine.fix_file(str(path), everything())
    assert result.new is None
    assert "line 23: `print >>stream(), ...`" in result.refused and "stream first" in result.refused

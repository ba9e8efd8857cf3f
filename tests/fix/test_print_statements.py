"""Stage 1's print fixer on a parenthesised value: `print (x)` printed x and stays (the call prints it too),
`print (a, b)` printed the tuple, `print ()` the empty tuple: run under python2.7 and Python 3."""
from __future__ import annotations

import subprocess
import sys

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, fixed_runs_as_before, python27, python2_output

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


def local_stream():
    out = sys.stdout
    print >>out, value(), len(name)


print >>sys.stdout, "a %s" % name
print >>Log.out, name, 2
print >>stream(), "literal", 2
print >>stream()
local_stream()
"""


def test_print_to_a_stream_is_rewritten_where_the_order_cannot_show(tmp_path):
    # tryout3 #1: print(values, file=stream) evaluates the values before the stream, Python 2 the stream first:
    # literal values, a stream local to the function (no call rebinds it), values that call nothing
    fixed = _fixed_prints_alike(tmp_path, STREAMS)
    assert b'print("literal", 2, file=stream())' in fixed and b"print(value(), len(name), file=out)" in fixed


# tryout5 #35: (statement, what python2.7 prints running STREAMS then it, before the fix)
ORDER_SHOWS = [
    # the values' call rebinds the global stream / replaces the attribute Python 2 had read
    (b"def reset():\n    global out\n    out = Log\n    return 1\nout = sys.stdout\nprint >>out, reset()", "1\n"),
    (b"def redirect():\n    sys.stdout = Log\n    return 1\nprint >>sys.stdout, redirect()", "1\n"),
    (b"print >>Log.out, value(), 2", "value\nv 2\n"),
    # DM111's harmless calls are builtins the module does not bind: here it binds len, and sorted's key= is a call
    (b"def len(x):\n    sys.stdout = Log\n    return 0\nprint >>sys.stdout, len(name)", "0\n"),
    (b"def by(x):\n    sys.stdout = Log\n    return x\nprint >>sys.stdout, sorted([2, 1], key=by)", "[1, 2]\n"),
    (b"class Text(str):\n    def join(self, items):\n        sys.stdout = Log\n        return 'j'\n"
     b"print >>sys.stdout, Text(',').join('ab')", "j\n"),  # a method of no literal
]

# tryout7 (3 corpus modules left whole for DM111): calls that cannot write to or rebind the stream, builtins the
# module does not bind and str methods of literals, among a `print >>stream, values` statement's values
HARMLESS_CALLS = STREAMS + b"""args = [1, 2]
print >>sys.stdout, 'while parsing %s%s:' % (name, tuple(args))
print >>sys.stdout, 'ERR:', str(name), repr(name), len(args), int('7'), float(1), list(args), dict(a=1)
print >>Log.out, '%s (%s)' % (int(round(2.6)), abs(-1)), sorted(args), min(args), max(2, 3), hex(10), oct(8) > ''
print >>sys.stdout, ord('a'), chr(98), unichr(99), unicode(name), bool(args), len(set(args)), len(frozenset(args))
print >>sys.stdout, isinstance(name, str), getattr(Log, 'out') is sys.stdout, ', '.join(['a', 'b']), '{0}'.format(1)
"""


def test_print_to_a_stream_with_harmless_calls_among_the_values_is_rewritten(tmp_path):
    findings = check_engine.analyse("prints.py", reader.decode("prints.py", HARMLESS_CALLS),
                                    check_engine.Plan(frozenset({"py3k"})))
    assert "print-stream-evaluated-late" not in {f.symbol for f in findings}
    assert any(f.fixable and f.symbol == "print-statement" for f in findings)
    fixed = _fixed_prints_alike(tmp_path, HARMLESS_CALLS)
    assert b"print('while parsing %s%s:' % (name, tuple(args)), file=sys.stdout)" in fixed
    assert b"print(ord('a'), chr(98), six.unichr(99)" in fixed


@pytest.mark.parametrize("statement, printed", ORDER_SHOWS)
def test_print_to_a_stream_whose_order_may_show_binds_the_stream_first(tmp_path, statement, printed):
    # tryout23: the stream bound to a new name on a line before the statement, in Python 2's order; python2.7 -B
    # prints the same before and after (and Python 3 after), check counts the finding fixable
    source = STREAMS + statement + b"\n"
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    assert python2_output(tmp_path, "prints.py").endswith(printed)
    findings = check_engine.analyse(str(path), reader.decode(str(path), source), check_engine.Plan(frozenset({"py3k"})))
    line = source.count(b"\n")
    late = [f for f in findings if f.symbol == "print-stream-evaluated-late"]
    assert [f.line for f in late] == [line] and all(f.fixable for f in late)
    assert "binds the stream to a name" in late[0].message
    result = engine.fix_file(str(path), everything())  # (Python 3 cannot run these: sys.stdout made a class)
    assert result.refused is None
    fixed = result.new
    path.write_bytes(fixed)
    assert python2_output(tmp_path, "prints.py").endswith(printed)
    assert engine.fix_file(str(path), everything()).new is None
    stream = statement.rsplit(b"\n", 1)[-1].split(b">>", 1)[1].split(b",", 1)[0]
    assert b"\n_stream = " + stream + b"\nprint(" in fixed and b", file=_stream)\n" in fixed


def test_print_to_a_stream_of_true_and_false_is_checked_and_rewritten(tmp_path):
    # tryout12 #12: the values of `print >>f, ...` are spelled apart, a lone True had no parent: an internal error
    source = b"import sys\nprint >>sys.stdout, False, True\nprint >>sys.stderr, 1, True\nprint True\n"
    findings = check_engine.analyse("prints.py", reader.decode("prints.py", source), check_engine.Plan(frozenset({"py3k"})))
    assert "internal-error" not in {f.symbol for f in findings}
    assert sum(f.symbol == "print-statement" and f.fixable for f in findings) == 3
    assert b"print(False, True, file=sys.stdout)" in _fixed_prints_alike(tmp_path, source)


# tryout14 #6: a yield among the values hands control to the caller, which may rebind the stream (as a call may)
YIELDED_VALUE = b"""import sys
import StringIO
out = StringIO.StringIO()
first = out
def logger():
    while True:
        print >>out, "got", (yield)
g = logger()
g.next()
out = StringIO.StringIO()
g.send("a")
g.send("b")
sys.stdout.write('%r %r\\n' % (first.getvalue(), out.getvalue()))
"""


def test_print_to_a_stream_with_a_yield_among_the_values_leaves_the_module(tmp_path):
    # the stream could be bound first, but Python 2 wrote "got" before the caller ran, print() after (tryout23)
    path = tmp_path / "prints.py"
    path.write_bytes(YIELDED_VALUE)
    assert _run(python27(), path) == "'got a\\n' 'got b\\ngot'\n"
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "print-stream-evaluated-late" in result.refused and "a yield" in result.refused
    findings = check_engine.analyse(str(path), reader.decode(str(path), YIELDED_VALUE),
                                    check_engine.Plan(frozenset({"py3k"})))
    assert [f.line for f in findings if f.symbol == "print-stream-evaluated-late"] == [7]
    assert not any(f.fixable for f in findings)


def test_print_to_a_stream_of_a_backtick_of_literals_is_rewritten(tmp_path):
    # tryout14 #6 side note: `` `1, 2` `` is repr((1, 2)), no call of unknown code (it was read as repr(1, 2))
    source = STREAMS + b"print >>sys.stdout, `1, 2`, `(3)`, `name`\n"
    findings = check_engine.analyse("prints.py", reader.decode("prints.py", source), check_engine.Plan(frozenset({"py3k"})))
    assert "print-stream-evaluated-late" not in {f.symbol for f in findings}
    assert b"print(repr((1, 2)), repr((3)), repr(name), file=sys.stdout)" in _fixed_prints_alike(tmp_path, source)


# tryout14 #1: Python 2 wrote no space after an item that is a string ending in whitespace other than a space (its
# softspace reset); print() writes sep between any two values: where such an item is a literal, one call per run
SOFTSPACE = r'''import sys
rows = [1, 2]
print "Results:\n", rows
print "a\t", "b"
print >>sys.stdout, "x\n", "y\r", "z\x0b", ("w\x0c"), "v" "\n", 1, "u ", 2, "", 3,
print ""
if rows: print u"t\x1c", u"s\x1f", 4, "q\x1c", 5; print "next\n", 6,
print "a\n", `7, 8`, 9 <> 10, 0777
def f(out):
    print >>out, "in\n", out is sys.stdout
f(sys.stdout)
'''


def test_print_items_after_a_literal_ending_in_a_newline_are_not_spaced(tmp_path):
    fixed, _, printed = fixed_runs_as_before(tmp_path, SOFTSPACE)
    assert printed.startswith("Results:\n[1, 2]\na\tb\nx\ny\nz\x0bw\x0cv\n1 u  2  3 \nt\x1cs\x1f4 q\x1c 5\nnext\n6 a\n")
    assert "print(\"Results:\\n\", end=''); print(rows)\n" in fixed
    assert ("print(\"x\\n\", end='', file=sys.stdout); print(\"y\\r\", end='', file=sys.stdout); "
            "print(\"z\\x0b\", end='', file=sys.stdout); print((\"w\\x0c\"), end='', file=sys.stdout); "
            "print(\"v\" \"\\n\", end='', file=sys.stdout); print(1, \"u \", 2, \"\", 3, end=' ', file=sys.stdout)\n"
            ) in fixed
    assert "if rows: print(u\"t\\x1c\", end=''); print(u\"s\\x1f\", end=''); print(4, \"q\\x1c\", 5); " in fixed
    assert "print(\"a\\n\", end=''); print(repr((7, 8)), 9 != 10, 0o777)\n" in fixed  # the other fixers too
    assert "print(\"in\\n\", end='', file=out); print(out is sys.stdout, file=out)" in fixed


# tryout15 #6 note: `print "p\n",` left the softspace unset as between items: the next print writes no space
TRAILING = r"""import sys
from StringIO import StringIO
print "p\n",
print 5
print "a\t",
print 1
print "x", "q\n",
print 3
print "s\n" "",
print 4
print >>sys.stdout, "f\r",
print 6
print ("d\x0c"),
print 7
print u"u\x1c",
print 8
print "k ",
print 9
print "n\n", 10,
print 11
out = StringIO()
print >>out, "w\n",
out.write("!")
print >>out, "v\x0b",
sys.stdout.write(repr(out.getvalue()) + "\n")
"""


def test_a_trailing_comma_after_a_literal_ending_in_a_newline_writes_no_space(tmp_path):
    fixed, _, printed = fixed_runs_as_before(tmp_path, TRAILING)
    assert printed == "p\n5\na\t1\nx q\n3\ns\n4\nf\n6\nd\x0c7\nu\x1c8\nk  9\nn\n10 11\n'w\\n!v\\x0b'\n"  # \r read as \n
    assert "print(\"p\\n\", end='')\nprint(5)\n" in fixed
    assert "print(\"a\\t\", end='')\n" in fixed and "print(\"x\", \"q\\n\", end='')\n" in fixed
    assert "print(\"s\\n\" \"\", end='')\n" in fixed and "print(\"f\\r\", end='', file=sys.stdout)\n" in fixed
    assert "print((\"d\\x0c\"), end='')\n" in fixed and "print(u\"u\\x1c\", end='')\n" in fixed
    assert "print(\"k \", end=' ')\n" in fixed  # a space does not reset it
    assert "print(\"n\\n\", end=''); print(10, end=' ')\n" in fixed
    # under unicode_literals the `end` literal is a native str, as for `end=' '`
    fixed, _, _ = fixed_runs_as_before(tmp_path, "from __future__ import unicode_literals\n" + TRAILING)
    assert "print(\"p\\n\", end=str(''))\n" in fixed and "print(\"k \", end=str(' '))\n" in fixed


@pytest.mark.parametrize("stream", [b"streams[0]", b"log()"])
def test_print_items_after_a_newline_to_a_stream_that_runs_code_leave_the_module(tmp_path, stream):
    # the exact rewrite evaluates the stream once per call: Python 2 evaluated it once
    source = (b"import sys\nstreams = [sys.stdout]\ndef log():\n    return sys.stdout\nprint 'start'\n"
              b"print >>" + stream + b", 'Results:\\n', 1")
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "print-stream-evaluated-twice" in result.refused
    findings = check_engine.analyse(str(path), reader.decode(str(path), source), check_engine.Plan(frozenset({"py3k"})))
    assert [f.line for f in findings if f.symbol == "print-stream-evaluated-twice"] == [6]
    assert findings and not any(f.fixable for f in findings)
    assert "a name" in result.refused and "a name" in [f for f in findings if f.symbol.endswith("twice")][0].message
    # a trailing item ending in a newline needs no second call: rewritten
    path.write_bytes(source.replace(b"'Results:\\n', 1", b"1, 'Results:\\n'"))
    assert engine.fix_file(str(path), everything()).new is not None


# tryout14 #3: under unicode_literals, `end=' '` is unicode on Python 2, where the print statement wrote bytes
UNICODE_LITERALS = b"""# -*- coding: utf-8 -*-
from __future__ import unicode_literals
import sys
import StringIO
data = b'caf\\xc3\\xa9'
buf = StringIO.StringIO()
print >>buf, data,
print >>buf, data
print >>buf, b'x\\n', data, data
sys.stdout.write(repr(buf.getvalue()) + b'\\n')
"""


def test_print_end_literals_are_native_strings_under_unicode_literals(tmp_path):
    fixed, _, printed = fixed_runs_as_before(tmp_path, UNICODE_LITERALS.decode())
    assert printed == "'caf\\xc3\\xa9 caf\\xc3\\xa9\\nx\\ncaf\\xc3\\xa9 caf\\xc3\\xa9\\n'\n"
    assert "print(data, end=str(' '), file=buf)\n" in fixed
    assert "print(b'x\\n', end=str(''), file=buf); print(data, data, file=buf)\n" in fixed
    # where the module binds str, the builtin by its full name
    bound = UNICODE_LITERALS.decode().replace("sys.stdout.write", "def show(str):\n    print >>buf, str,\nshow(data)\nprint >>buf, b'!'\nsys.stdout.write")
    fixed, _, _ = fixed_runs_as_before(tmp_path, bound)
    assert "print(data, end=six.moves.builtins.str(' '), file=buf)\n" in fixed and "import six\n" in fixed
    # and where it may bind str unseen (as a backtick's repr: syntax_fix.builtin_bound)
    unseen = UNICODE_LITERALS.decode().replace("sys.stdout.write", "globals().update({'st' + 'r': bytes})\nsys.stdout.write")
    fixed, _, _ = fixed_runs_as_before(tmp_path, unseen)
    assert "print(data, end=six.moves.builtins.str(' '), file=buf)\n" in fixed
    # without unicode_literals, a plain literal is a native str
    plain = UNICODE_LITERALS.replace(b"from __future__ import unicode_literals\n", b"").decode()
    assert "print(data, end=' ', file=buf)\n" in fixed_runs_as_before(tmp_path, plain)[0]


# tryout15 #6: an implicitly concatenated literal whose last piece is empty ends as its last non-empty piece does
def test_print_items_after_a_concatenated_literal_ending_in_an_empty_piece_are_not_spaced(tmp_path):
    code = 'x = 1\nprint "s\\n" "", x\nprint "t\\n" \\\n      "", x\nprint u"u\\n" r"", x\nprint b"s\\r\\n" b"", x\n'
    fixed, _, printed = fixed_runs_as_before(tmp_path, code)
    assert printed == "s\n1\nt\n1\nu\n1\ns\n1\n"  # \r\n read as \n
    assert "print(\"s\\n\" \"\", end=''); print(x)\n" in fixed


# tryout15 #7: a byte string literal holding non-ASCII text: its value is its text in the module's encoding
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_print_items_after_a_non_ascii_byte_string_ending_in_a_newline_are_not_spaced(tmp_path, encoding):
    code = (f"# -*- coding: {encoding} -*-\nx = 3\nprint \"caf\u00e9\\n\", x\nprint \"\u00e9\\t\", x\n"
            "print r\"\u00e9\\\n\", x\nprint \"\u00e9\\q\", x\n")
    (tmp_path / "old.py").write_bytes(code.encode(encoding))
    path = tmp_path / "new.py"
    path.write_bytes(code.encode(encoding))
    result = engine.fix_file(str(path), everything())
    assert result.new is not None
    path.write_bytes(result.new)
    old, new = (subprocess.run([python27(), str(tmp_path / name)], capture_output=True, timeout=60)
                for name in ("old.py", "new.py"))
    assert old.returncode == 0 and (new.returncode, new.stdout) == (0, old.stdout), new.stderr
    assert old.stdout == "caf\u00e9\n3\n\u00e9\t3\n\u00e9\\\n3\n\u00e9\\q 3\n".encode(encoding)
    assert "print(\"caf\u00e9\\n\", end=''); print(x)\n".encode(encoding) in result.new


# tryout15 #8: a stream that is an attribute of an object may be a property: split, it would run twice
PROPERTY_STREAM = '''import sys
class W(object):
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
class Log(object):
    def __init__(self): self.n = 0; self.ws = [W(), W(), W()]
    @property
    def out(self):
        self.n += 1
        return self.ws[self.n - 1]
    def run(self, x):
        print >>self.out, "head\\n", x
log = Log(); log.run(5)
print log.n, [w.parts for w in log.ws]
'''


def test_print_items_after_a_newline_to_an_attribute_of_an_object_bind_it_first(tmp_path):
    # tryout26 #5: the stream bound once to a name (print_order.binding), which each call reads (the text written
    # is compared: each `end=''` call writes an empty string more, README's print-statement limit)
    fixed, result, printed = fixed_runs_as_before(
        tmp_path, PROPERTY_STREAM.replace("[w.parts for w in log.ws]", "[''.join(w.parts) for w in log.ws]"))
    assert printed == "1 ['head\\n5\\n', '', '']\n"
    assert ("        _stream = self.out\n"
            "        print(\"head\\n\", end='', file=_stream); print(x, file=_stream)\n") in fixed
    assert result.applied["print-stream-evaluated-twice"] == 1
    path = tmp_path / "prints.py"
    findings = check_engine.analyse(str(path), reader.decode(str(path), PROPERTY_STREAM.encode()),
                                    check_engine.Plan(frozenset({"py3k"})))
    twice = [f for f in findings if f.symbol == "print-stream-evaluated-twice"]
    assert [f.line for f in twice] == [12] and "binds the stream to a name" in twice[0].message
    assert all(f.fixable for f in findings)
    # an attribute of a standard library module imported by its name runs no code: split
    fixed, _, _ = fixed_runs_as_before(tmp_path, PROPERTY_STREAM.replace("self.out", "sys.stdout"))
    assert "print(\"head\\n\", end='', file=sys.stdout); print(x, file=sys.stdout)\n" in fixed
    # not where the module binds that name otherwise: bound first
    rebound = PROPERTY_STREAM.replace("self.out", "sys.stdout").replace("log = Log()", "if 0: sys = None\nlog = Log()")
    fixed, _, _ = fixed_runs_as_before(tmp_path, rebound)
    assert "_stream = sys.stdout\n        print(\"head\\n\", end='', file=_stream); print(x, file=_stream)\n" in fixed
    # where it cannot be bound unseen: left, saying why
    path.write_bytes(PROPERTY_STREAM.replace("print >>self.out", "if x: print >>self.out").encode())
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "print-stream-evaluated-twice" in result.refused
    assert "the body of a one-line if" in result.refused


# tryout23: `print >>stream, values` whose order may show, the stream bound first (print_order.binding): values
# that print or rebind the global stream, a value reassigning sys.stderr; in a
# function and at module level, a 2-space module, CRLF line endings
BOUND = b"""import sys
import StringIO
first, second = StringIO.StringIO(), StringIO.StringIO()
out = first


def shout(x):
    print "value", x
    return x


def swap():
    global out
    out = second
    return "swapped"


def f(x):
    sys.stderr = second
    return x


def run():
  # a value that prints
  print >>out, shout(1), 2
  if True:
    print >>out, swap()  # rebinds the global stream
  print >>sys.stderr, f("to the old stderr")
  sys.stderr = sys.__stderr__


run()
out = first
print >>out, shout(3)
print >>out, swap()
print >>sys.stdout, f("module level")
_stream2 = "the name _stream is taken: _stream3 then"
sys.stdout.write("%r %r\\n" % (first.getvalue(), second.getvalue()))
"""


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_a_stream_bound_first_prints_as_python2_did(tmp_path, ending):
    source = BOUND.replace(b"_stream2", b"_stream").replace(b"\n", ending)
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    before = python2_output(tmp_path, "prints.py")
    # the stream evaluated before the values: to the old stderr, to `first` before swap() rebound `out`
    assert before.startswith("value 1\n") and before.endswith("'' \nto the old stderr") is False
    assert "'1 2\\nswapped\\n3\\nswapped\\n' ''\nto the old stderr" in before
    result = engine.fix_file(str(path), everything())
    assert result.refused is None and result.applied["print-stream-evaluated-late"] == 6
    new = result.new.decode()
    assert new.count("\r\n") == (new.count("\n") if ending == b"\r\n" else 0)  # the file's line endings kept
    new = new.replace("\r\n", "\n")
    # the project's 2-space indentation, comments kept, a new name the module's text lacks (_stream is there)
    # and unbound right after it, where Python 2 dropped its reference to the stream (tryout26c #6)
    assert ("  # a value that prints\n  _stream2 = out\n  print(shout(1), 2, file=_stream2)\n  del _stream2\n"
            "  if True:\n    _stream2 = out\n    print(swap(), file=_stream2)  # rebinds the global stream\n"
            "    del _stream2\n"
            "  _stream2 = sys.stderr\n  print(f(\"to the old stderr\"), file=_stream2)\n  del _stream2\n") in new
    assert "out = first\n_stream2 = out\nprint(shout(3), file=_stream2)\ndel _stream2\n" in new
    path.write_bytes(result.new)
    assert python2_output(tmp_path, "prints.py") == before
    assert engine.fix_file(str(path), everything()).new is None  # a second run changes nothing


# where the new name could show, or the statement is not on a line of its own: the module is left, as before
LEFT = [
    (b"if True: print >>sys.stdout, redirect()", "the body of a one-line if"),
    (b"for i in 'a': print >>sys.stdout, redirect()", "the body of a one-line for"),
    (b"if 0: pass\nelse: print >>sys.stdout, redirect()", "the body of a one-line else"),
    (b"x = 1; print >>sys.stdout, redirect()", "it follows another statement on its line"),
    (b"class Report(object):\n    print >>sys.stdout, redirect()", "class body"),
    (b"def report():\n    print >>sys.stdout, redirect()\n    return sorted(locals())\nreport()", "locals()"),
    (b"def report(code):\n    print >>sys.stdout, redirect()\n    exec code\nreport('pass')", "exec"),
    (b"print >>sys.stdout, redirect()\nnames = [n for n in globals() if n.startswith('_')]", "globals()"),
    # a stream that may make a new object Python 2 closed at the end of the statement (tryout24 #1, #5)
    (b"print >>open('log.txt', 'a'), redirect()", "a name"),
    (b"def stream():\n    return sys.stdout\nprint >>stream(), redirect()", "a name"),
    (b"streams = [sys.stdout]\nprint >>streams[0], redirect()", "a name"),
    (b"print >>(sys.stdout or open('log.txt', 'a')), redirect()", "a name"),
    (b"print >>(sys.stdout if redirect else open('log.txt', 'a')), redirect()", "a name"),
]


@pytest.mark.parametrize("statement, reason", LEFT)
def test_a_stream_that_cannot_be_bound_unseen_leaves_the_module(tmp_path, statement, reason):
    source = (b"import sys\n\n\ndef redirect():\n    sys.stdout = sys.stderr\n    return 1\n\n\nprint 'a'\n"
              + statement + b"\n")
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "print-stream-evaluated-late" in result.refused and "not here: " in result.refused
    assert reason in result.refused.split("not here: ", 1)[1]
    findings = check_engine.analyse(str(path), reader.decode(str(path), source), check_engine.Plan(frozenset({"py3k"})))
    late = [f for f in findings if f.symbol == "print-stream-evaluated-late"]
    assert len(late) == 1 and "diracmod fix leaves the module" in late[0].message and reason in late[0].message
    assert findings and not any(f.fixable for f in findings)


def test_a_builtin_the_module_binds_outside_the_piece_read_is_seen(tmp_path):
    # the syntax stage reads the pieces of a module holding the lines reported (syntax_pieces): whether the module
    # binds len was read from the piece alone, and the statement below was made a call where check reported DM111
    source = (b"import sys\n\n\ndef len(items):\n    sys.stdout = sys.stderr\n    return 0\n\n\n"
              b"class Report(object):\n    print >>sys.stdout, len('ab')\n")
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "print-stream-evaluated-late" in result.refused and "class body" in result.refused
    # at module level the stream is bound first
    path.write_bytes(source.replace(b"class Report(object):\n    ", b""))
    result = engine.fix_file(str(path), everything())
    assert result.refused is None and b"\n_stream = sys.stdout\nprint(len('ab'), file=_stream)\n" in result.new


# tryout24 #1, #5: a stream that makes a new object (`open(LOG, 'a')`): Python 2 (refcounting) closed and flushed it
# at the end of the statement; a name bound to it kept it open until the frame ended: a line not on disk when read
# back, a file truncated by a later open('w') then the old object's buffer flushed over it. print_order.binding
# binds only a name or an attribute chain of names (held elsewhere): any other stream leaves the module
MADE_STREAMS = [
    ("""LOG = 'app.log'
state = {'n': 0}
def stamp():
    state['n'] += 1
    return "#%d" % state['n']
def log(msg):
    print >>open(LOG, 'a'), stamp(), msg
    return open(LOG).read().count('\\n')
def main():
    open(LOG, 'w').close()
    print log("start"), log("work")
    print >>open(LOG, 'a'), stamp(), "module-level style"
    print repr(open(LOG).read())
main()
""", "1 2\n'#1 start\\n#2 work\\n#3 module-level style\\n'\n"),
    ("""STATUS = 'status.txt'
steps = []
def stamp(what):
    steps.append(what)
    return len(steps)
def run():
    print >>open(STATUS, 'w'), "running step", stamp("start")
    print >>open(STATUS, 'w'), "done", stamp("end")
run()
print repr(open(STATUS).read())
""", "'done 2\\n'\n"),
]


@pytest.mark.parametrize("source, printed", MADE_STREAMS)
def test_a_stream_that_makes_a_new_object_is_not_bound_and_leaves_the_module(tmp_path, source, printed):
    path = tmp_path / "app.py"
    path.write_text(source)
    assert python2_output(tmp_path, "app.py") == printed
    result = engine.fix_file(str(path), everything())
    if result.new is not None:
        path.write_bytes(result.new)
    assert python2_output(tmp_path, "app.py") == printed  # python2.7 -B after fix: the lines on disk, whole
    assert result.new is None and "print-stream-evaluated-late" in result.refused and "a name" in result.refused
    findings = check_engine.analyse(str(path), reader.decode(str(path), source.encode()),
                                    check_engine.Plan(frozenset({"py3k"})))
    late = [f for f in findings if f.symbol == "print-stream-evaluated-late"]
    assert late and all("diracmod fix leaves the module" in f.message and not f.fixable for f in late)


# tryout25 #1: the literal None as the stream (Python 2's stdout), with items: an internal error left the module
def test_print_to_the_literal_none_is_a_call_to_stdout(tmp_path):
    fixed, result, printed = fixed_runs_as_before(
        tmp_path, 'def f():\n    print >>None, "in f"\nf()\nprint >>None, "to", 1\nprint >>None\n')
    assert result.refused is None and printed == "in f\nto 1\n\n"
    assert 'print("in f", file=None)' in fixed and 'print("to", 1, file=None)' in fixed


# tryout26 #4: Python 2's list comprehension binds its loop variable in the enclosing scope: one among the values
# rebinding the stream's name is read before the stream by the call; a generator expression has its own scope
BUFFER = """class Buffer(object):
    def __init__(self):
        self.parts = []
    def write(self, text):
        self.parts.append(text)
    def getvalue(self):
        return "".join(self.parts)
"""
LEAKED = BUFFER + """class Log(object):
    def __init__(self, name):
        self.name, self.buf = name, Buffer()
    def write(self, text):
        self.buf.write(text)
logs = [Log("a"), Log("b")]
def report():
    log = logs[0]
    print >>log, [log.name for log in logs]
report()
log = logs[0]
print >>log, len(logs), [log.name for log in logs]
print >>log.buf, [log for log in logs if 0]
print >>log, list(log.name for log in logs), {log for log in ()}
print repr(logs[0].buf.getvalue()), repr(logs[1].buf.getvalue())
"""


def test_a_list_comprehension_rebinding_the_stream_name_binds_the_stream_first(tmp_path):
    fixed, result, printed = fixed_runs_as_before(tmp_path, LEAKED)
    # the second statement's comprehension leaves log the second Log: the later statements print to it
    assert printed == "\"['a', 'b']\\n2 ['a', 'b']\\n\" \"[]\\n['a', 'b'] set([])\\n\"\n"
    assert "    _stream = log\n    print([log.name for log in logs], file=_stream)\n" in fixed
    assert "_stream = log\nprint(len(logs), [log.name for log in logs], file=_stream)\n" in fixed
    assert "_stream = log.buf\nprint([log for log in logs if 0], file=_stream)\n" in fixed
    assert "print(list(log.name for log in logs), {log for log in ()}, file=log)\n" in fixed
    path = tmp_path / "old.py"
    findings = check_engine.analyse(str(path), reader.decode(str(path), LEAKED.encode()),
                                    check_engine.Plan(frozenset({"py3k"})))
    late = [f for f in findings if f.symbol == "print-stream-evaluated-late"]
    assert [f.line for f in late] == [16, 19, 20]
    assert all("a list comprehension" in f.message and "binds the stream to a name" in f.message for f in late)


# two buffers and a swap() rebinding the global stream `out` from the first to the second
SWAPPING = BUFFER + """import sys
first, second = Buffer(), Buffer()
out = first
def swap(x):
    global out
    out = second
    return x
"""

# tryout26 #5: a stream choosing between objects held elsewhere (`out or sys.stdout`) makes no new object: bound
CHOSEN = SWAPPING + """print >>(out or sys.stdout), swap(1)
out = None
print >>out or sys.stdout, "to stdout", swap(2)
out = None
print >>(first if out is None else out), swap(3)
print repr(first.getvalue()), repr(second.getvalue())
"""


def test_a_stream_choosing_between_names_is_bound_first(tmp_path):
    fixed, result, printed = fixed_runs_as_before(tmp_path, CHOSEN)
    assert printed == "to stdout 2\n'1\\n3\\n' ''\n"
    assert "_stream = (out or sys.stdout)\nprint(swap(1), file=_stream)\n" in fixed
    assert "_stream = out or sys.stdout\nprint(\"to stdout\", swap(2), file=_stream)\n" in fixed
    assert "_stream = (first if out is None else out)\nprint(swap(3), file=_stream)\n" in fixed


# tryout26 #3: the print statement first on its line, `;` statements after it: the binding goes on the line before
FIRST_ON_LINE = SWAPPING + """def run():
    print >>out, swap(1), "bad:"; print >>out, "then"
    if out is second:
        print >>out, swap(2); print "after"
run()
print repr(first.getvalue()), repr(second.getvalue())
"""


def test_a_print_statement_first_on_its_line_is_bound_first(tmp_path):
    fixed, result, printed = fixed_runs_as_before(tmp_path, FIRST_ON_LINE)
    assert printed == "after\n'1 bad:\\n' 'then\\n2\\n'\n"
    # unbound right after the call, before the statements after it (tryout26c #6)
    assert ("    _stream = out\n    print(swap(1), \"bad:\", file=_stream); del _stream; print(\"then\", file=out)\n"
            "    if out is second:\n        _stream = out\n"
            "        print(swap(2), file=_stream); del _stream; print(\"after\")\n") in fixed


# tryout26c #6: Python 2 dropped its reference to the stream at the end of the print statement: a file the code then
# drops (`self.log = None`, a log rotation) was closed and flushed there, and read back whole; the name the stream is
# bound to kept it open and unflushed until the frame ended (an empty read): `del _stream` right after the call(s),
# before the statements after `;` on its line, after the last of a split's calls, at module level too
DROPPED = """import time
LOG = 'job.log'
def stamp():
    return time.strftime('%Y', time.gmtime(0))
class Job(object):
    def __init__(self):
        self.log = open(LOG, 'w')
    def finish(self):
        print >>self.log, "finished", stamp()
        self.log = None  # CPython closes and flushes the file here
        return open(LOG).read()
    def semi(self):
        print >>self.log, "semi", stamp(); self.log = None; text = open(LOG).read()
        return text
    def split(self):
        print >>self.log, "head\\n", stamp()
        self.log = None
        return open(LOG).read()
print repr(Job().finish()), repr(Job().semi()), repr(Job().split())
log = open(LOG, 'w')
print >>log, "module", stamp()
log = None
print repr(open(LOG).read())
"""


def test_a_bound_stream_is_unbound_where_python2_dropped_it(tmp_path):
    fixed, result, printed = fixed_runs_as_before(tmp_path, DROPPED)
    assert printed == "'finished 1970\\n' 'semi 1970\\n' 'head\\n1970\\n'\n'module 1970\\n'\n"
    assert result.refused is None
    assert ("        _stream = self.log\n        print(\"finished\", stamp(), file=_stream)\n        del _stream\n"
            "        self.log = None") in fixed
    assert ("        print(\"semi\", stamp(), file=_stream); del _stream; self.log = None; text = open(LOG).read()\n"
            in fixed)
    assert ("        print(\"head\\n\", end='', file=_stream); print(stamp(), file=_stream)\n        del _stream\n"
            in fixed)
    assert "_stream = log\nprint(\"module\", stamp(), file=_stream)\ndel _stream\nlog = None\n" in fixed


# tryout26 #2: Python 2 wrote each item as soon as it was evaluated: "done;" went to the stream before rotate() ran;
# print() writes every item after. A function of the module closing, truncating, seeking or rebinding the stream,
# called after an earlier item, leaves the module; one that does not is bound as before
ROTATED = BUFFER + """import sys
class Log(Buffer):
    closed = False
    def write(self, text):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        Buffer.write(self, text)
    def close(self):
        self.closed = True
    def truncate(self, size=0):
        self.parts = []
first = out = Log()
class Rotating(object):
    out = first
    def rotate(self):
        DISTURB_SELF
        return "rotated"
    def _close(self):
        self.out.close()
    def run(self):
        try:
            print >>self.out, "done;", self.rotate()
        except ValueError as error:
            print "error", error
def rotate():
    DISTURB
    return "rotated"
def describe():
    return "described"
def close_out():
    global out
    out.close()
def reopen_stdout(again=False):
    return reopen_stdout() if again else _install()
def _install():
    sys.stdout = Log()
    return reopen_stdout
def run():
    try:
        print >>STREAM, "done;", rotate()
    except ValueError as error:
        print "error", error
    print >>STREAM, "then", describe()
run()
Rotating().run()
print first.parts
"""
DISTURBED = [
    ("out", "global out\n    out.close()\n    out = Log()", "pass", "rotate"),
    ("out", "out.truncate()", "pass", "rotate"),
    ("sys.stdout", "sys.stdout = Log()", "pass", "rotate"),
    ("out", "pass", "self.out.close()", "self.rotate"),
    # through further calls of functions of the module (a cycle among them), or of a method of it
    ("out", "close_out()", "pass", "rotate"),
    ("sys.stdout", "reopen_stdout()", "pass", "rotate"),
    ("out", "pass", "self._close()", "self.rotate"),
]


@pytest.mark.parametrize("stream, disturb, disturb_self, called", DISTURBED)
def test_a_value_after_an_item_calling_a_function_that_disturbs_the_stream_leaves_the_module(
        tmp_path, stream, disturb, disturb_self, called):
    _left_as_before(tmp_path, ROTATED.replace("STREAM", stream).replace("DISTURB_SELF", disturb_self)
                    .replace("DISTURB", disturb), called)


# the stream an attribute of another object, whose method of that name closes its own attribute so named: by name,
# whatever the object (`log.rotate()` closing `self.out`), directly or through a further method
JOURNAL = BUFFER + """class Log(Buffer):
    closed = False
    def write(self, text):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        Buffer.write(self, text)
    def close(self):
        self.closed = True
class Journal(object):
    def __init__(self):
        self.out = Log()
    def rotate(self):
        ROTATE
        return "rotated"
    def _shut(self):
        self.out.close()
journal = Journal()
try:
    print >>journal.out, "done;", journal.rotate()
except ValueError as error:
    print "error", error
print journal.out.parts
"""


@pytest.mark.parametrize("rotate", ["self.out.close()", "self._shut()"])
def test_a_value_calling_a_method_that_closes_the_stream_attribute_leaves_the_module(tmp_path, rotate):
    _left_as_before(tmp_path, JOURNAL.replace("ROTATE", rotate), "journal.rotate")


def _left_as_before(tmp_path, source, called):
    """fix leaves `source` whole, its print statement calling `called` DM111 and no finding fixable; python2.7
    prints alike before and after."""
    path = tmp_path / "prints.py"
    path.write_text(source)
    before = python2_output(tmp_path, "prints.py")
    result = engine.fix_file(str(path), everything())
    if result.new is not None:
        path.write_bytes(result.new)
    assert python2_output(tmp_path, "prints.py") == before
    assert result.new is None and "print-stream-evaluated-late" in result.refused
    assert f"calls {called}(), which the module defines" in result.refused
    findings = check_engine.analyse(str(path), reader.decode(str(path), source.encode()),
                                    check_engine.Plan(frozenset({"py3k"})))
    late = [f for f in findings
            if f.symbol == "print-stream-evaluated-late" and "which the module defines" in f.message]
    assert late and "diracmod fix leaves the module" in late[0].message and not any(f.fixable for f in findings)


def test_a_value_after_an_item_calling_a_function_that_leaves_the_stream_alone_is_bound(tmp_path):
    fixed, result, printed = fixed_runs_as_before(
        tmp_path, ROTATED.replace("STREAM", "sys.stdout").replace("DISTURB_SELF", "pass").replace("DISTURB", "pass"))
    assert "_stream = sys.stdout\n        print(\"done;\", rotate(), file=_stream)\n" in fixed
    assert "_stream = self.out\n            print(\"done;\", self.rotate(), file=_stream)\n" in fixed


# tryout26c #3: a print statement without `>>` to sys.stdout: Python 2 looked sys.stdout up for each item as it wrote
# it, print() once after the values: "Output goes to" went to the terminal, then to the file. No name bound first can
# help, so the module is left (DM111, the stream shown as sys.stdout); a call that replaces nothing stays fixable
REDIRECTED = """import sys
from traceback import format_exc


def redirect(path):
    sys.stdout = open(path, 'w')
    return path


def mark():
    return '*'


def report():
    try:
        1 / 0
    except ZeroDivisionError:
        print "Error:", format_exc().splitlines()[-1], mark()
    print "Output goes to", %s
    print "done"
    sys.stdout.close()
    sys.stdout = sys.__stdout__
    print "log held:", repr(open('out.log').read())


report()
"""


# redirect() reaching sys.stdout through further calls of the module's functions, a cycle among them
FURTHER = ("    return _swap(path)\n\n\ndef _swap(path):\n    return _reopen(path)\n\n\n"
           "def _reopen(path):\n    if not path:\n        return _swap(path)\n    sys.stdout = open(path, 'w')\n"
           "    return path\n")


@pytest.mark.parametrize("further", [False, True])
def test_a_plain_print_whose_value_rebinds_sys_stdout_leaves_the_module(tmp_path, further):
    source = (REDIRECTED % "redirect('out.log')").encode()
    if further:
        source = source.replace(b"    sys.stdout = open(path, 'w')\n    return path\n", FURTHER.encode())
        assert b"_reopen" in source
    path = tmp_path / "prints.py"
    path.write_bytes(source)
    assert python2_output(tmp_path, "prints.py").endswith("Output goes to log held: 'out.log\\ndone\\n'\n")
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "print-stream-evaluated-late" in result.refused and "redirect()" in result.refused
    findings = check_engine.analyse(str(path), reader.decode(str(path), source), check_engine.Plan(frozenset({"py3k"})))
    late = [f for f in findings if f.symbol == "print-stream-evaluated-late"]
    assert [f.line for f in late] == [source.count(b"\n", 0, source.index(b'print "Output'))  + 1]
    assert "print to sys.stdout" in late[0].message and "diracmod fix leaves the module" in late[0].message
    assert findings and not any(f.fixable for f in findings)


def test_a_plain_print_whose_values_replace_no_stream_is_rewritten_beside_a_redirect(tmp_path):
    fixed, result, _ = fixed_runs_as_before(tmp_path, REDIRECTED % "'out.log'; redirect('out.log')")
    assert result.refused is None and "print(\"Error:\", format_exc().splitlines()[-1], mark())" in fixed

"""`raise E, V[, T]` (tryout 2, defect 1): fix rewrites only the shapes whose Python 2 meaning the spelling
tells (diracmod/source/old_raise.py); check reports the others as old-raise-syntax-value-unknown and fix leaves
their file. Each shape is run under python2.7 before the fix and under python2.7 and Python 3 after it."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from bench.suites import six_dir
from diracmod.check import engine
from diracmod.fix.engine import fix_file
from tests.fix.helpers import everything, python27

PLAN = engine.Plan(frozenset({"py3k"}))
HEAD = "import sys\n\n\nclass Failed(Exception):\n    pass\n\n\n"
# a statement py2tokens leaves to py2syntax's fissix reading: both readings must label the raise alike
FISSIX_READING = "async = 1\n"

# (name, statement raising Failed or KeyError, what it is run with): Python 2's meaning depends on the value
UNKNOWN = [
    ("an instance of E", "raise Failed, value", 'value = Failed("orig")'),
    ("a tuple in a name", "raise Failed, value", 'value = ("x", 1)'),
    ("None in a name", "raise Failed, value", "value = None"),
    ("a message in a name", "raise Failed, value", 'value = "message"'),
    ("a call", "raise Failed, describe(value)", "describe = str\nvalue = 1"),
    # a string unless value's class defines __radd__ (tryout6b #2: the reason says so)
    ("a + of a string and a name", 'raise Failed, "a " + value', 'value = "b"'),
    ("str() where the module binds str", "raise Failed, str(value)", "str = lambda v: Failed(v)\nvalue = 1"),
    ("E an instance", 'raise Failed("i"), None', ""),
    ("E from a subscript", "raise value[0], None", 'value = [Failed("i")]'),
    ("a string exception", 'raise "failed", value', "value = 1"),
    ("3 arguments, E an instance", "raise value[1], None, value[2]", 'value = (Failed, Failed("t"), None)'),
    ("3 arguments, E an instance, a message", 'raise value[1], "m", None', 'value = (Failed, Failed("t"), None)'),
    # tryout12 #6: six.reraise(E, V, T) raises V as it is, Python 2 only an instance of E (E(V), E(*V), E() else)
    ("3 arguments, a message in a name", "raise Failed, value, None", 'value = "wrapped: %s" % 1'),
    ("3 arguments, a tuple in a name", "raise Failed, value, None", 'value = ("x", 1)'),
    ("3 arguments, another exception", 'raise Failed, KeyError("inner"), None', ""),
    ("3 arguments, a call", "raise Failed, describe(value), None", "describe = str\nvalue = 1"),
    ("3 arguments, items of a tuple not sys.exc_info()'s", "raise value[0], value[1], value[2]",
     'value = (Failed, "m", None)'),
    ("3 arguments, names not from sys.exc_info()", "raise t, v, tb", 't, v, tb = Failed, "m", None'),
    ("3 arguments, the value bound again", "raise t, v, tb", 't, v, tb = sys.exc_info()\nv = "m"'),
    ("3 arguments, type and value of two tuples", "raise t, v, tb",
     't, _, tb = sys.exc_info()\n_, v, _ = (Failed, "m", None)'),
    ("3 arguments, exc_info bound again", "raise value[0], value[1], value[2]",
     'value = sys.exc_info()\nvalue = (Failed, "m", None)'),
    ("3 arguments, a tuple from another call", "raise value[0], value[1], value[2]",
     'value = (lambda value: value)((Failed, "m", None))'),
    ("3 arguments, exc_info of another module", "raise value[0], value[1], value[2]",
     'sys = type("S", (), {"exc_info": staticmethod(lambda: (Failed, "m", None))})\nvalue = sys.exc_info()'),
]
# what six.reraise(E, V, T), the rewrite before tryout12 #6, raised on Python 3: not what Python 2 did
RERAISE_DIFFERENT = {"3 arguments, a message in a name", "3 arguments, a tuple in a name",
                     "3 arguments, another exception", "3 arguments, a call"}
DIFFERENT = {"an instance of E", "a tuple in a name", "None in a name", "E an instance", "E from a subscript"}
# the start of an except clause, in which the statement runs
CAUGHT = 'try:\n    raise Failed("t")\nexcept Failed:\n    '
# (name, statement, what it is run with, what fix writes): the shapes with one meaning
KNOWN = [
    ("a string", 'raise Failed, "message"', "", 'raise Failed("message")'),
    ("a %-format", 'raise Failed, "no %s" % (value,)', "value = 1", 'raise Failed("no %s" % (value,))'),
    ("a + of strings", 'raise Failed, "a" + "b" % value', "value = ()", 'raise Failed("a" + "b" % value)'),
    ("a number", "raise Failed, -1", "", "raise Failed(-1)"),
    # tryout6b #2: repr(), str() and a literal's join() return a string (or raise)
    ("a + of a string and repr()", 'raise Failed, "got " + repr(1 + value)', "value = 2",
     'raise Failed("got " + repr(1 + value))'),
    ("str()", "raise Failed, str(value)", "value = 1", "raise Failed(str(value))"),
    ("a literal's join()", 'raise Failed, ", ".join(value)', 'value = ["a", "b"]', 'raise Failed(", ".join(value))'),
    ("a tuple display", 'raise Failed, ("x", value)', "value = 1", 'raise Failed("x", value)'),
    ("an empty tuple", "raise Failed, ()", "", "raise Failed()"),
    ("None", "raise Failed, None", "", "raise Failed()"),
    ("a dotted class", 'raise os.error, "m"', "import os", 'raise os.error("m")'),
    ("3 arguments, a tuple", 'raise Failed, ("x", 1), None', "",
     'six.reraise(Failed, Failed("x", 1), None)'),
    ("3 arguments, None", "raise Failed, None, None", "", "six.reraise(Failed, None, None)"),
    # V passed on as it is only where it is an instance of E: E and V from one sys.exc_info() (tryout12 #6), or V
    # a call of E itself
    ("3 arguments, from exc_info", "raise value[0], value[1], value[2]", f"{CAUGHT}value = sys.exc_info()",
     "six.reraise(value[0], value[1], value[2])"),
    ("3 arguments, exc_info or None", "raise value[0], value[1], value[2]",
     f"value = None\n{CAUGHT}value = sys.exc_info()", "six.reraise(value[0], value[1], value[2])"),
    ("3 arguments, names from exc_info", "raise t, v, tb", f"{CAUGHT}t, v, tb = sys.exc_info()",
     "six.reraise(t, v, tb)"),
    ("3 arguments, sys.exc_info()'s items", "    raise sys.exc_info()[0], sys.exc_info()[1], sys.exc_info()[2]",
     CAUGHT.rstrip(), "six.reraise(sys.exc_info()[0], sys.exc_info()[1], sys.exc_info()[2])"),
    ("3 arguments, an instance made of E", 'raise Failed, Failed("x", value), None', "value = 1",
     'six.reraise(Failed, Failed("x", value), None)'),
    # tryout13 #9: a list or dict display or comprehension is never an instance, a tuple or None: E(V)
    ("a list display", 'raise Failed, ["x", value]', "value = 1", 'raise Failed(["x", value])'),
    ("an empty list", "raise Failed, []", "", "raise Failed([])"),
    ("a dict display", 'raise Failed, {"x": value}', "value = 1", 'raise Failed({"x": value})'),
    ("an empty dict", "raise Failed, {}", "", "raise Failed({})"),
    ("a list comprehension", "raise Failed, [v * 2 for v in value]", "value = (1, 2)",
     "raise Failed([v * 2 for v in value])"),
    ("a dict comprehension", "raise Failed, {v: 1 for v in value}", "value = (1,)",
     "raise Failed({v: 1 for v in value})"),
    ("3 arguments, a list display", 'raise Failed, ["x", value], None', "value = 1",
     'six.reraise(Failed, Failed(["x", value]), None)'),
]


def _module(setup: str, statement: str) -> str:
    """A module that runs `statement` and prints what was raised, as text the same on both Pythons."""
    body = textwrap.indent(f"{setup}\n{statement}\n", "        ")
    return (HEAD + f"def run():\n    try:\n{body}    except (Failed, KeyError, TypeError) as exc:\n"
            "        sys.stdout.write('%s %r\\n' % (type(exc).__name__, exc.args))\n    except BaseException:\n"
            "        sys.stdout.write('other\\n')\n\n\nrun()\n")


def _symbols(tmp_path, code: str) -> list:
    path = tmp_path / "mod.py"
    path.write_text(code)
    return [f.symbol for f in engine.check_file(str(path), PLAN).findings if "raise" in f.symbol]


def _run(python: str, path) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(six_dir(path.parent))
    proc = subprocess.run([python, str(path)], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("reading", ["", FISSIX_READING], ids=["tokens", "fissix"])
@pytest.mark.parametrize("name,statement,setup", UNKNOWN, ids=[case[0] for case in UNKNOWN])
def test_a_shape_whose_meaning_depends_on_the_values_is_reported_and_left(tmp_path, reading, name, statement,
                                                                          setup):
    code = reading + _module(setup, statement)
    assert _symbols(tmp_path, code) == ["old-raise-syntax-value-unknown"]
    result = fix_file(str(tmp_path / "mod.py"), everything())
    assert result.new is None and result.refused.startswith("still Python-2-only after the syntax stage")
    assert [f.symbol for f in result.left if "raise" in f.symbol] == ["old-raise-syntax-value-unknown"]


@pytest.mark.parametrize("name,statement,setup", [case for case in UNKNOWN if case[0] in DIFFERENT],
                         ids=sorted(DIFFERENT, key=[case[0] for case in UNKNOWN].index))
def test_python2_gives_the_shapes_left_meanings_raise_e_of_v_would_not(tmp_path, name, statement, setup):
    """Why they are left: `raise E(V)` (what fissix and modernize wrote) runs differently on Python 2 for these
    values, and the spelling does not tell them from the others (a message in a name, a call)."""
    py27 = python27()
    original, naive = tmp_path / "original.py", tmp_path / "naive.py"
    original.write_text(_module(setup, statement))
    exc, value = statement[len("raise "):].split(", ", 1)
    naive.write_text(_module(setup, f"raise {exc}({value})"))
    assert _run(py27, original) != _run(py27, naive)


@pytest.mark.parametrize("name,statement,setup", [case for case in UNKNOWN if case[0] in RERAISE_DIFFERENT],
                         ids=sorted(RERAISE_DIFFERENT, key=[case[0] for case in UNKNOWN].index))
def test_six_reraise_of_the_three_argument_shapes_left_raises_otherwise_on_python3(tmp_path, name, statement,
                                                                                    setup):
    """tryout12 #6: `six.reraise(E, V, T)`, what fix wrote for any V not built into a value, raises V as it is
    on Python 3 (or fails on a str's __traceback__): Python 2 raised E(V), E(*V) or E() for these values."""
    original, reraised = tmp_path / "original.py", tmp_path / "reraised.py"
    original.write_text(_module(setup, statement))
    exc, value, traceback = statement[len("raise "):].split(", ")
    reraised.write_text("import six\n" + _module(setup, f"six.reraise({exc}, {value}, {traceback})"))
    assert _run(python27(), original) != _run(sys.executable, reraised)


@pytest.mark.parametrize("reading", ["", FISSIX_READING], ids=["tokens", "fissix"])
@pytest.mark.parametrize("name,statement,setup,written", KNOWN, ids=[case[0] for case in KNOWN])
def test_a_shape_with_one_meaning_is_rewritten_and_runs_as_before(tmp_path, reading, name, statement, setup,
                                                                  written):
    code = _module(setup, statement)
    assert _symbols(tmp_path, reading + code) == ["old-raise-syntax"]
    path = tmp_path / "mod.py"
    path.write_text(code)
    result = fix_file(str(path), everything())
    assert result.refused is None and result.new is not None
    fixed = result.new.decode()
    assert written in fixed
    py27 = python27()
    before = _run(py27, path)
    path.write_text(fixed)
    assert _run(py27, path) == before, "Python 2 behaviour changed"
    assert _run(sys.executable, path) == before, "Python 3 does not do what Python 2 did"
    assert fix_file(str(path), everything()).new is None


def test_a_three_argument_raise_where_the_module_binds_six_itself_is_left_whole(tmp_path):
    """six.reraise would be the parameter's attribute (found with tryout4 #19): the raise is
    rewrite-name-bound-by-module (DM196, split off old-raise-syntax), nothing of the file is fixable, and fix leaves
    it (Python 2 syntax kept) saying so; a two-argument raise beside it needs no six and is still old-raise-syntax."""
    code = HEAD + ('def f(six):\n    try:\n        pass\n    except Failed:\n'
                   '        raise Failed, "x", sys.exc_info()[2]\n    raise Failed, "y"\n')
    (tmp_path / "m.py").write_text(code)
    found = engine.check_file(str(tmp_path / "m.py"), engine.Plan(checkers=frozenset({"py3k"}))).findings
    assert [(f.line, f.symbol, f.split_from) for f in found if "raise" in f.symbol or f.split_from] == [
        (12, "rewrite-name-bound-by-module", "old-raise-syntax"), (13, "old-raise-syntax", "")]
    assert not any(f.fixable for f in found)
    result = fix_file(str(tmp_path / "m.py"), everything())
    assert result.new is None and "no fixer rewrites DM196 rewrite-name-bound-by-module" in result.refused


def test_the_note_of_a_file_left_names_the_line_of_the_file_python3_stops_at(tmp_path):
    """tryout11 #8: the syntax stage adds `import six` (for six.reraise) and rewrites the raises around the one it
    leaves; the note named the line of its own text's stand-in (every Python 2 raise spelt as a tuple), one below
    the line of the file that stops Python 3 (check's DM177 line)."""
    code = ("import sys\ndef r1(): raise ValueError, (1, 2)\ndef r2(): raise ValueError, ()\n"
            "def r3(): raise ValueError, None\ndef r4(): raise ValueError, ((1, 2),)\n"
            "def r5(): raise KeyError, 'k', None\ndef r6(): raise ValueError, [1, 2][0]\n"
            "def r8(): raise ValueError, ((1)), None\ndef r9(): raise (ValueError, KeyError), 'x'\n")
    path = tmp_path / "main.py"
    path.write_text(code)
    found = engine.check_file(str(path), PLAN).findings
    assert [f.line for f in found if f.symbol == "old-raise-syntax-value-unknown"] == [7, 9]
    result = fix_file(str(path), everything())
    assert result.new is None
    assert "Python 3 cannot parse it: invalid syntax (line 7);" in result.refused, result.refused


# tryout13 #9: a set display or comprehension, whose repr differs between the Pythons (`set([1])`, `{1}`)
SETS = [("a set display", "raise Failed, {value, 2}", "raise Failed({value, 2})"),
        ("a set comprehension", "raise Failed, {v for v in (value, 2)}", "raise Failed({v for v in (value, 2)})"),
        ("3 arguments, a set display", "raise Failed, {value, 2}, None",
         "six.reraise(Failed, Failed({value, 2}), None)")]


@pytest.mark.parametrize("name,statement,written", SETS, ids=[case[0] for case in SETS])
def test_a_set_value_is_the_one_argument_of_the_exception_as_on_python2(tmp_path, name, statement, written):
    code = HEAD + (f"def run(value):\n    try:\n        {statement}\n    except Failed as exc:\n"
                   "        sys.stdout.write('%s %s\\n' % (len(exc.args), sorted(exc.args[0])))\n\n\nrun(1)\n")
    assert _symbols(tmp_path, code) == ["old-raise-syntax"]
    path = tmp_path / "mod.py"
    result = fix_file(str(path), everything())
    assert result.refused is None and written in result.new.decode()
    before = _run(python27(), path)
    assert before == "1 [1, 2]\n"
    path.write_bytes(result.new)
    assert _run(python27(), path) == before == _run(sys.executable, path)

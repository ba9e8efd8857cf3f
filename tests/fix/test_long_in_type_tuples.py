"""`long` as an item of a tuple display other than isinstance's class (tryout12b #7: jsonpickle's `PRIMITIVES = str,
unicode, int, float, bool, long`, uncertainties' `CONSTANT_TYPES = (float, int, complex, long)`): the module failed
to import on Python 3. `six.integer_types[1:]` is `(long,)` on Python 2 and `()` on Python 3, so the tuple spliced
around it, `(float, int, complex) + six.integer_types[1:]`, holds on Python 2 the same classes in the same order
as before; but one item shorter on Python 3, so only where the tuple is read as a set of classes (tryout24 #2:
`a, b = int, long`, `"%s|%s" % (int, long)`, `for t in int, long:` broke there): an except clause's, `in`/`not in`'s
right operand, an assignment's value to plain names. Elsewhere, and a tuple display over several lines (where comments
may sit), it is left (DM146), check and fix alike."""
from __future__ import annotations

import subprocess
import sys

from diracmod.check import engine

from tests.fix.helpers import fixed_runs_as_before

CODE = '''\
PRIMITIVES = str, unicode, int, float, bool, long
CONSTANT_TYPES = (float, int, complex, long)
MIDDLE = (int, long, float)
ONLY = (long,)
table = {long: 'big', int: 'small'}


def kinds():
    return bool, long


for types in (PRIMITIVES, CONSTANT_TYPES, MIDDLE, ONLY, kinds()):
    print len(types), [t.__name__ for t in types], types[-1], types.index(bool) if bool in types else -1
print isinstance(3, CONSTANT_TYPES), isinstance(2 ** 70, MIDDLE), table[int, long][0] if 0 else table[long]
for t in int, long:
    print t.__name__
'''
SEVERAL_LINES = "TYPES = (float,\n         long)\nprint [t.__name__ for t in TYPES]\n"

PLAN = engine.Plan(frozenset({"py3k"}))


def _symbols(tmp_path, code) -> list:
    path = tmp_path / "mod.py"
    path.write_text(code)
    return sorted((f.line, f.symbol) for f in engine.check_file(str(path), PLAN).findings
                  if f.symbol.startswith("long-builtin"))


def test_long_in_a_tuple_display_becomes_a_splice_of_six_integer_types(tmp_path):
    fixed, _, before = fixed_runs_as_before(tmp_path, CODE)
    assert "PRIMITIVES = (str, six.text_type, int, float, bool) + six.integer_types[1:]\n" in fixed, fixed
    assert "CONSTANT_TYPES = ((float, int, complex) + six.integer_types[1:])\n" in fixed, fixed
    assert "MIDDLE = ((int,) + six.integer_types[1:] + (float,))\n" in fixed, fixed
    assert "ONLY = (six.integer_types[1:])\n" in fixed and "return bool, long\n" in fixed  # returned: left
    assert "for t in int, long:\n" in fixed, fixed  # iterated: left
    assert "long: 'big'" in fixed and "table[int, long]" in fixed  # a dict's key, a subscript's: left
    assert before.startswith("6 ['str', 'unicode', 'int', 'float', 'bool', 'long'] <type 'long'> 4\n"), before
    # Python 3 now imports it (the dict's long aside)
    (tmp_path / "py3.py").write_text(fixed.replace("table = {long: 'big', int: 'small'}\n", "")
                                     .split("for types in")[0] + "print(CONSTANT_TYPES, PRIMITIVES, ONLY)\n")
    out = subprocess.run([sys.executable, str(tmp_path / "py3.py")], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and "(<class 'float'>, <class 'int'>, <class 'complex'>)" in out.stdout, out.stderr


def test_check_counts_the_one_line_tuples_fixable_and_leaves_one_over_several_lines(tmp_path):
    found = _symbols(tmp_path, CODE)
    assert [line for line, symbol in found if symbol == "long-builtin"] == [1, 2, 3, 4], found
    assert [line for line, symbol in found if symbol == "long-builtin-int-differs"] == [5, 9, 14, 14, 15], found
    assert _symbols(tmp_path, SEVERAL_LINES) == [(2, "long-builtin-int-differs")]
    fixed, result, _ = fixed_runs_as_before(tmp_path, SEVERAL_LINES.replace("print [", "print [len(TYPES)] + ["))
    assert "(float,\n         long)" in fixed


# tryout24 #2: the tuple's length and positions matter on Python 3 (ValueError, TypeError, a loop run once)
LENGTH_MATTERS = '''\
a, b = int, long
print "%s|%s" % (int, long)
for t in int, long:
    print t.__name__
print a.__name__, b.__name__
'''
# read as a set of classes: spliced
SETS = '''\
PRIMITIVES = str, int, long
A = B = (float, long)


def kind(x):
    try:
        raise ValueError(x)
    except (ValueError, long):
        return type(x) in (int, long), type(x) not in (float, long), isinstance(x, PRIMITIVES), type(x) in A


print kind(3), kind(2 ** 70), kind(1.5), len(PRIMITIVES), [t.__name__ for t in B]
'''


def test_long_in_a_tuple_whose_length_matters_is_left_check_and_fix_alike(tmp_path):
    found = _symbols(tmp_path, LENGTH_MATTERS)
    assert found == [(1, "long-builtin-int-differs"), (2, "long-builtin-int-differs"),
                     (3, "long-builtin-int-differs")], found
    fixed, _, before = fixed_runs_as_before(tmp_path, LENGTH_MATTERS)
    assert "a, b = int, long\n" in fixed and '"%s|%s" % (int, long)' in fixed and "for t in int, long:\n" in fixed, fixed
    assert "integer_types" not in fixed, fixed
    assert before == "<type 'int'>|<type 'long'>\nint\nlong\nint long\n", before


def test_long_in_a_tuple_read_as_classes_is_spliced_and_runs_on_python_3(tmp_path):
    found = _symbols(tmp_path, SETS)
    assert found == [(1, "long-builtin"), (2, "long-builtin"), (8, "long-builtin"), (9, "long-builtin"),
                     (9, "long-builtin")], found
    fixed, _, before = fixed_runs_as_before(tmp_path, SETS)
    assert "PRIMITIVES = (str, int) + six.integer_types[1:]\n" in fixed, fixed
    assert "A = B = ((float,) + six.integer_types[1:])\n" in fixed, fixed
    assert "except ((ValueError,) + six.integer_types[1:]):\n" in fixed, fixed
    assert "type(x) in ((int,) + six.integer_types[1:])" in fixed, fixed
    assert "type(x) not in ((float,) + six.integer_types[1:])" in fixed, fixed
    assert before == "(True, True, True, False) (True, False, True, True) (False, False, False, True) 3 " \
        "['float', 'long']\n", before
    (tmp_path / "py3.py").write_text(fixed)
    out = subprocess.run([sys.executable, str(tmp_path / "py3.py")], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("(True, True, True, False)"), (out.stdout, out.stderr)

"""tryout10 #11, #14, #7: `/` rewrites and the division import that changed what Python 2 computes, each run under
python2.7 before and after `fix` (DIRAC's future imports).

- #11: in a chain `7 / 2 / 2.0` both operators became `//`: each `/` was keyed by where its expression starts, and
  the inner `7 / 2` starts where the outer one does (left-associative), so the inner's int overwrote the outer's kind.
- #14: a list comprehension in a class body runs in the class body on Python 2: its `n` is the class's, not a
  module-level int (Python 3's scoping was used).
- #7: eval/execfile/compile reached other than by a call of the bare name (`ev = eval`, `map(eval, ...)`,
  `__builtin__.eval`, `getattr(__builtin__, 'eval')`, `run = execfile`) compile their code under the calling module's
  future imports on Python 2 too: such a module must not get `division` (nor print_function where statements run)."""
from __future__ import annotations

import ast

import pytest

from diracmod.check import engine as check_engine
from diracmod.rules.py3k.division import runs_strings
from diracmod.rules.py3k.division_types import INT, UNKNOWN, Divisions
from diracmod.source.reader import decode
from tests.fix.helpers import fixed_runs_as_before
from tests.fix.test_py2_order_and_division import agree


# ---------------------------------------------------------------- #11 chained division

# tryout10 cases 43 and 89: one statement per module
CHAINS = [
    ("r = 7 / 2 / 2.0", "r = 7 // 2 / 2.0", "1.5"),
    ("r = (7 / 2) / 2.0", "r = (7 // 2) / 2.0", "1.5"),
    ("r = 7 / 2.0 / 2", "r = 7 / 2.0 / 2", "1.75"),
    ("r = 9 / 2 / 2", "r = 9 // 2 // 2", "2"),
    ("r = 7 / 2 / 1e0", "r = 7 // 2 / 1e0", "3.0"),
    ("r = 7 / 2 / float(2)", "r = 7 // 2 / float(2)", "1.5"),
    ("r = 7 / 2 / (1 + 1.0)", "r = 7 // 2 / (1 + 1.0)", "1.5"),
    ("r = 7 / (2 / 1.5)", "r = 7 / (2 / 1.5)", "5.25"),
    ("r = len('abc') / 2 / 2.0", "r = len('abc') // 2 / 2.0", "0.5"),
    ("r = 7 / 2 / 2j", "r = 7 // 2 / 2j", "-1.5j"),
    ("r = 7 / 2 * 1.5 / 2", "r = 7 // 2 * 1.5 / 2", "2.25"),
    ("data = 'x' * 7000\nchunks = ['a', 'b']\nr = len(data) / len(chunks) / 1000.0",
     "r = len(data) // len(chunks) / 1000.0", "3.5"),
    ("r = 7 / 2 / \\\n    2.0", "r = 7 // 2 / \\\n    2.0", "1.5"),
    ("x = 7\nx /= 2 / 2.0\nr = x", "x /= 2 / 2.0", "7.0"),
]


@pytest.mark.parametrize("code, rewritten, printed", CHAINS, ids=[c[0].splitlines()[-1] for c in CHAINS])
def test_each_operator_of_a_division_chain_is_judged_on_its_own_operands(code, rewritten, printed, tmp_path):
    fixed, _, out = fixed_runs_as_before(tmp_path, f"import sys\n{code}\nsys.stdout.write('%r\\n' % (r,))\n")
    assert out == printed + "\n" and rewritten in fixed


# tryout10 case 44: an unknown right operand after an int division
UNKNOWN_AFTER_INT = ("import sys\ndef scale(y):\n    return 7 / 2 / y\n"
                     "sys.stdout.write('%r %r\\n' % (7 / 2 * 1.5 / 2, scale(2.0)))\n")


def test_an_unknown_operand_after_an_int_division_is_left_and_keeps_division_out(tmp_path):
    fixed, result, out = fixed_runs_as_before(tmp_path, UNKNOWN_AFTER_INT)
    assert out == "2.25 1.5\n"
    assert "return 7 // 2 / y" in fixed and "7 // 2 * 1.5 / 2" in fixed
    assert "import division" not in fixed
    assert [f.symbol for f in result.left].count("old-division-unknown-operands") == 2  # `/ y`, and `/ 2` then


def test_check_reports_the_outer_division_of_a_chain_for_a_person(tmp_path):
    found = check_engine.analyse("m.py", decode("m.py", UNKNOWN_AFTER_INT.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    on_3 = sorted((f.symbol, f.fixable) for f in found if f.line == 3 and "division" in f.symbol)
    assert on_3 == [("old-division", True), ("old-division-unknown-operands", False)]
    agree(UNKNOWN_AFTER_INT, {"old-division-unknown-operands"}, tmp_path)


# ---------------------------------------------------------------- #14 class-body list comprehensions

# tryout10 cases 85 and 88: Python 2 runs a list comprehension in the class body, a generator expression apart
CLASS_BODY = ("import sys\nn = 7\nclass C(object):\n    n = 2.5\n    comp = [n / 2 for _ in (1,)]\n"
              "    @staticmethod\n    def g(z=[n / 2 for _ in (1,)]):\n        return z\n"
              "    d = dict((k, n / 2) for k in (1,))\n"
              "    nested = [[n / 2 for _ in (1,)] for _ in (1,)]\n"
              "    comp2 = [n / 2 for n in (4.5,)]\n"  # Python 2: the class's n is 4.5 after it
              "def f():\n    n = 9.5\n    return [n / 2 for _ in (1,)]\n"
              "m = 7\n[0 for m in (3.5,)]\nr = m / 2\n"
              "sys.stdout.write('%r\\n' % ((C.comp, C.g(), C.d, C.nested, C.comp2, C.n, f(), r),))\n")


def test_a_class_body_list_comprehension_reads_the_class_names_as_python2_does(tmp_path):
    fixed, _, out = fixed_runs_as_before(tmp_path, CLASS_BODY)
    assert out == "([1.25], [1.25], {1: 3}, [[1.25]], [2.25], 4.5, [4.75], 1.75)\n"
    assert fixed.count("[n / 2 for _ in (1,)]") == 4 and "dict((k, n // 2) for k in (1,))" in fixed


def test_a_list_comprehension_in_a_class_body_resolves_names_to_the_class():
    # the class's n, not the module's int counter: no provable int (a float is typed by its literal only)
    tree = ast.parse("n = 7\nclass C(object):\n    n = 2.5\n    comp = [n / 2 for _ in (1,)]\n"
                     "    gen = list(n / 2 for _ in (1,))\n")
    assert [kind for _, kind in Divisions(tree)] == [UNKNOWN, INT]
    # the class's int counter, not the module's float
    tree = ast.parse("n = 2.5\nclass C(object):\n    n = 7\n    comp = [n / 2 for _ in (1,)]\n"
                     "    gen = list(n / 2 for _ in (1,))\n")
    assert [kind for _, kind in Divisions(tree)] == [INT, UNKNOWN]


# ---------------------------------------------------------------- #7 eval and execfile as values

# tryout10 case 23
EVAL_VALUES = ("import __builtin__\nimport sys\nev = eval\nw = sys.stdout.write\n"
               "w('%s %s %s %s\\n' % (map(eval, ['7/2']), ev('7/2'), __builtin__.eval('7/2'), "
               "getattr(__builtin__, 'eval')('7/2')))\nw('%s\\n' % (7 / 2))\n")


def test_eval_reached_as_a_value_keeps_division_out(tmp_path):
    fixed, result, out = fixed_runs_as_before(tmp_path, EVAL_VALUES)
    assert out == "[3] 3 3 3\n3\n"
    assert "import division" not in fixed and "7 // 2" in fixed


@pytest.mark.parametrize("use", [
    "ev = eval\nx = ev('7/2')",
    "x = map(eval, ['7/2'])[0]",
    "table = {'e': eval}\nx = table['e']('7/2')",
    "import __builtin__\nx = __builtin__.eval('7/2')",
    "import __builtin__ as b\nx = b.eval('7/2')",
    "from __builtin__ import eval as e\nx = e('7/2')",
    "import __builtin__\nx = getattr(__builtin__, 'eval')('7/2')",
    "import __builtin__\nname = 'eval'\nx = getattr(__builtin__, name)('7/2')",
    "x = __builtins__['eval']('7/2') if isinstance(__builtins__, dict) else __builtins__.eval('7/2')",
    "import __builtin__\nx = vars(__builtin__)['eval']('7/2')",
    "import sys\nx = eval(compile('7/2', '<s>', 'eval'))",
    # tryout26 #2: a copy of the builtins' namespace, eval taken from it
    "import __builtin__\nSAFE = dict(vars(__builtin__))\nx = SAFE['eval']('7/2', {'__builtins__': SAFE})",
    "import __builtin__\nns = __builtin__.__dict__.copy()\nx = ns['eval']('7/2')",
    "ns = {}\nns.update(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__))\nx = ns['eval']('7/2')",
    "ns = dict(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__))\nx = ns['eval']('7/2')",
    # tryout27 #3: every spelling of an import binding the builtins module, the dotted six.moves one too
    "import six.moves.builtins as bi\nNS = dict(vars(bi))\nx = NS['eval']('7/2')",
    "import __builtin__ as b\nNS = dict(vars(b))\nx = NS['eval']('7/2')",
    "try:\n    import builtins as b\nexcept ImportError:\n    import __builtin__ as b\nNS = b.__dict__.copy()\n"
    "x = NS['eval']('7/2')",
    "from six.moves import builtins as b\nNS = dict(vars(b))\nx = NS['eval']('7/2')",
])
def test_each_way_of_reaching_eval_keeps_division_out(use, tmp_path):
    code = f"import sys\ny = 1.0 / 2\n{use}\nsys.stdout.write('%r %r\\n' % (x, y))\n"
    fixed, _, out = fixed_runs_as_before(tmp_path, code)
    assert out == "3 0.5\n" and "import division" not in fixed
    assert runs_strings(ast.parse(code), code)["division"]


@pytest.mark.parametrize("code", [
    "import re\nimport sys\ny = 1.0 / 2\nx = re.compile('a')\n",
    "import __builtin__\ny = 1.0 / 2\nx = __builtin__.len('a')\n",
    "import __builtin__\ny = 1.0 / 2\nx = getattr(__builtin__, 'len')('a')\n",
    "y = 1.0 / 2\nclass K(object):\n    def eval(self):\n        return self.input\n",
    "import __builtin__\ny = 1.0 / 2\nd = dict(f=__builtin__.len)\nd.update({'a': 1})\ne = dict(d.copy())\n",
])
def test_other_builtins_and_attributes_named_alike_do_not(code):
    assert runs_strings(ast.parse(code), code) == {"division": "", "print_function": "", "absolute_import": "",
                                                   "globals": ""}


def test_input_as_a_value_keeps_division_out_alone():
    # Python 2's input() is eval(raw_input()) under the caller's flags (the rewrite to six.moves.input is --unsafe's)
    code = "ev = input\nx = ev()\n"
    strings = runs_strings(ast.parse(code), code)
    assert strings["division"] and not strings["print_function"] and not strings["globals"]
    code = "from six.moves import input\nev = input\nx = ev()\n"  # the module's own
    assert not runs_strings(ast.parse(code), code)["division"]


# tryout10 case 92: Python 2's execfile compiles the file under the caller's future imports
EXECFILE_VALUES = ("import __builtin__\nrun = execfile\nprint 'main'\nrun('script.txt')\n"
                   "__builtin__.execfile('script.txt')\n")


def test_execfile_reached_as_a_value_keeps_every_future_import_out(tmp_path):
    fixed, result, out = fixed_runs_as_before(tmp_path, EXECFILE_VALUES, {"script.txt": "print 'from script', 7 / 2\n"})
    assert out == "main\nfrom script 3\nfrom script 3\n"
    assert result.new is None and "execfile" in result.refused  # its print statement needs print_function


def test_execfile_as_a_value_keeps_print_function_and_absolute_import_out():
    for code in ("run = execfile\nrun('s.txt')\n", "import __builtin__\n__builtin__.execfile('s.txt')\n",
                 "import __builtin__\ngetattr(__builtin__, 'compile')('1', 's', 'exec')\n"):
        strings = runs_strings(ast.parse(code), code)
        assert strings["division"] and strings["print_function"] and strings["absolute_import"], code


def test_check_counts_the_float_division_of_a_module_reaching_eval_for_a_person(tmp_path):
    code = "import __builtin__\nev = __builtin__.eval\ndef ratio(a, b):\n    return float(a) / b\n"
    agree(code, {"old-division-unknown-operands"}, tmp_path)

"""Rewrites that write a builtin's name (`` `x` `` -> repr(x), types.NoneType -> type(None), string.atoi -> int) in
a module binding that name itself: a parameter `type=None`, a module function `repr`, a class attribute `int`
(tryout12 #10). Python 2 would call the module's object: backticks become six.moves.builtins.repr(x), the
others are left for a person (check says so, not fixable)."""
from __future__ import annotations

from diracmod.check import engine as check_engine
from diracmod.source import reader
from tests.fix.helpers import fixed_runs_as_before

CODE = """import sys, string, types
def g4(int=float):
    return string.atoi("12"), int
def g7(repr=len):
    return `"abc"`, repr
def g5(type=None):
    return isinstance(None, types.NoneType), type
class K(object):
    int = staticmethod(lambda s: 'class attribute')
    v = string.atoi("5")
sys.stdout.write("%r\\n" % ([g4()[0], g7()[0], g5()[0], K.v],))
"""

# bound at module level, away from the statement stage 1 rewrites (it may read the module's pieces only)
MODULE_REPR = """import sys
def repr(x):
    return "module repr"
x = 1
c = `x`
sys.stdout.write("%s %s\\n" % (c, repr(x)))
"""

UNBOUND = """import sys, string, types
sys.stdout.write("%r\\n" % ([`1`, string.atoi("12"), isinstance(None, types.NoneType)],))
"""


def test_a_builtin_the_module_binds_is_not_written_by_a_rewrite(tmp_path):
    fixed, result, printed = fixed_runs_as_before(tmp_path, CODE)
    assert printed == "[12, \"'abc'\", True, 5]\n"
    assert 'six.moves.builtins.repr("abc")' in fixed and "import six" in fixed
    assert 'string.atoi("12")' in fixed and "types.NoneType" in fixed and 'string.atoi("5")' in fixed
    findings = check_engine.analyse("m.py", reader.decode("m.py", CODE.encode()), check_engine.Plan(frozenset({"py3k"})))
    left = {(f.line, f.symbol) for f in findings if not f.fixable}
    assert {(3, "deprecated-string-function-no-equivalent"), (7, "deprecated-types-field-no-equivalent"),
            (10, "deprecated-string-function-no-equivalent")} <= left


def test_a_module_function_named_repr_is_not_called_for_a_backtick(tmp_path):
    fixed, _, printed = fixed_runs_as_before(tmp_path, MODULE_REPR)
    assert printed == "1 module repr\n" and "c = six.moves.builtins.repr(x)" in fixed


def test_the_builtins_are_written_where_the_module_binds_none_of_them(tmp_path):
    fixed, _, printed = fixed_runs_as_before(tmp_path, UNBOUND)
    assert printed == "['1', 12, True]\n"
    assert '[repr(1), int("12", 10), isinstance(None, type(None))]' in fixed


# a write to the module's namespace with a key not seen to be another name may bind repr (tryout13 #3): the test
# README's file -> open uses (builtin_uses.unseen_binding)
UNSEEN_REPR = {
    "update": "globals().update({'repr': lambda o: 'upd-repr'})\n",
    "computed key": "globals()['re' + 'pr'] = lambda o: 'key-repr'\n",
    "vars of the module": "import sys\nvars(sys.modules[__name__]).update(repr=lambda o: 'vars-repr')\n",
}


def test_a_backtick_in_a_module_that_may_bind_repr_unseen_calls_the_builtin(tmp_path):
    for index, (how, binding) in enumerate(UNSEEN_REPR.items()):
        root = tmp_path / str(index)
        root.mkdir()
        code = f"import sys\n{binding}def f():\n    return `2`\nsys.stdout.write(f() + ' ' + repr(1) + '\\n')\n"
        fixed, _, printed = fixed_runs_as_before(root, code)
        assert printed.startswith("2 "), how
        assert "return six.moves.builtins.repr(2)" in fixed, how

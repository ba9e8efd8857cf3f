"""tryout11 #10: doctests reached through `__test__` other than string literals in a dict display, and
doctest.run_docstring_examples(obj, globals()), run under the module's future imports: fix adds neither division
nor print_function (nor absolute_import) there, and check counts those findings left, as for eval/exec."""
import pytest

from diracmod.fix import engine, futures
from tests.fix.helpers import everything, fixed_file_runs_alike, fixed_in_place

OTHER = 'def helper():\n    """\n    >>> print \'other\', 7 / 2\n    other 3\n    """\n'
DOC = '_DOC = """\n>>> print \'x\', 7 / 2\nx 3\n"""\n'
TAIL = "def f():\n    sys.stdout.write('%d\\n' % (7 / 2))\n"
RUN = "import doctest, mod\nfailed, tried = doctest.testmod(mod)\nprint(failed)\n"

CASES = {
    "name": "import sys\nimport other\n" + DOC + "__test__ = {'x': _DOC}\n" + TAIL,
    "dict-call": "import sys\nimport other\n" + DOC + "__test__ = dict(x=_DOC)\n" + TAIL,
    "function": "import sys\nimport other\n__test__ = {'h': other.helper}\n" + TAIL,
    "item": "import sys\nimport other\n" + DOC + "__test__ = {}\n__test__['x'] = _DOC\n" + TAIL,
}
MAIN = ("import doctest, sys\nimport other\ndoctest.run_docstring_examples(other.helper, globals())\n"
        "sys.stdout.write('done %r\\n' % (7 / 2,))\n")


@pytest.mark.parametrize("case", sorted(CASES))
def test_test_entries_not_literals_keep_division_and_print_function_out(tmp_path, case):
    fixed, printed = fixed_file_runs_alike(tmp_path, {"other.py": OTHER, "mod.py": CASES[case], "run.py": RUN},
                                           "mod.py", "run.py")
    assert printed.strip() == "0"
    assert "division" not in fixed and "print_function" not in fixed


def test_run_docstring_examples_with_own_globals(tmp_path):
    fixed, printed = fixed_file_runs_alike(tmp_path, {"other.py": OTHER, "main.py": MAIN}, "main.py", "main.py")
    assert printed.strip() == "done 3"
    assert "__future__" not in fixed


def test_literal_dict_still_takes_the_imports(tmp_path):
    (tmp_path / "mod.py").write_text("import sys\n__test__ = {'x': '>>> 1\\n1\\n'}\n" + TAIL)
    assert "division" in fixed_in_place(tmp_path / "mod.py")


def test_check_counts_nothing_fixable_where_fix_refuses(tmp_path):
    """check and fix agree: the print statements fix cannot make calls (print_function stays out) are not fixable."""
    from diracmod.check import engine as check_engine
    from diracmod.source import reader
    code = "import other\n__test__ = {'h': other.helper}\nprint 'x'\n"
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything(futures.Policy()))
    assert result.new is None and "binds __test__" in result.refused
    assert "print-statement" in {f.symbol for f in found} and not any(f.fixable for f in found)


@pytest.mark.parametrize("code", [
    "__test__ = {'x': '>>> 1\\n1\\n'}\n", "__test__ = {}\n__test__['x'] = 'y'\n", "__test__ = dict(x='y')\n",
    "__test__ = {'x': DOC}\n", "__test__ = {'x': 'y', **more}\n", "__test__ = {}\n__test__.update(more)\n",
    "__test__ = {}\n__test__['x'] = DOC\n", "del __test__\n", "x = 1\n"])
def test_check_and_the_future_policy_read_test_entries_alike(code):
    """One reading of `__test__` (doctest_strings.test_not_literal) for check's doctest rules and fix's future
    imports: the module gives doctest only literals exactly where the future imports reach no doctest."""
    import ast
    from diracmod.rules.py3k.division import runs_strings
    from diracmod.source import doctest_strings
    tree = ast.parse(code)
    assert doctest_strings.only_literals(tree) == (runs_strings(tree)["division"] == "")

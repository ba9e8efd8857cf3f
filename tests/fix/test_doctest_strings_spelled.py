"""tryout12 #4: the tryout11 #10 mend (tests/fix/test_doctest_strings_unread.py) saw `__test__` only as a variable
assigned and doctest.run_docstring_examples only where called by that name. Any other spelling binds or reaches
them as well: `from t import __test__`, `globals()['__test__'] = {...}`, `setattr(module, '__test__', ...)`,
`from doctest import run_docstring_examples as rde`, `getattr(doctest, 'run_docstring_examples')`. Each is read as
the mended forms: doctest runs examples fix cannot read under the module's future imports, so fix adds none of
division, print_function, absolute_import, and check counts nothing fixable that needs them."""
import ast

import pytest

from diracmod.fix import engine, futures
from diracmod.rules.py3k.division import runs_strings
from tests.fix.helpers import everything, fixed_file_runs_alike, fixed_in_place

LITERAL = '"""\n>>> print \'x\', 7 / 2\nx 3\n"""'
TAIL = "def f():\n    sys.stdout.write('%d\\n' % (7 / 2))\n"
RUN = "import doctest, mod\nfailed, tried = doctest.testmod(mod)\nprint(failed)\n"
T = '__test__ = {"t": """\n>>> print "t", 7 / 2\nt 3\n"""}\n'
OTHER = 'def helper():\n    """\n    >>> print \'other\', 7 / 2\n    other 3\n    """\n'

# Bindings of `__test__` other than a plain assignment of a dict display of string literals.
BINDINGS = {
    "from-import": "import sys\nfrom t import __test__\n",
    "import-as": "import sys\nfrom t import __test__ as __test__\n",
    "globals-item": "import sys\nglobals()['__test__'] = {'x': " + LITERAL + "}\n",
    "setattr": "import sys\nsetattr(sys.modules[__name__], '__test__', {'x': " + LITERAL + "})\n",
    "attribute": "import sys\nsys.modules[__name__].__test__ = {'x': " + LITERAL + "}\n",
    "keyword": "import sys\nglobals().update(__test__={'x': " + LITERAL + "})\n",
}
# References to doctest.run_docstring_examples other than a call by that name.
RUNNERS = {
    "import-as": "from doctest import run_docstring_examples as rde\nimport sys\nimport other\n"
                 "rde(other.helper, globals())\n",
    "getattr": "import doctest, sys\nimport other\nrun = getattr(doctest, 'run_docstring_examples')\n"
               "run(other.helper, globals())\n",
    "attribute-value": "import doctest, sys\nimport other\nrun = doctest.run_docstring_examples\n"
                       "run(other.helper, globals())\n",
    "vars-item": "import doctest, sys\nimport other\nvars(doctest)['run_docstring_examples'](other.helper, globals())\n",
}
END = "sys.stdout.write('done %r\\n' % (7 / 2,))\n"


@pytest.mark.parametrize("case", sorted(BINDINGS))
def test_test_bound_otherwise_keeps_division_and_print_function_out(tmp_path, case):
    fixed, printed = fixed_file_runs_alike(tmp_path, {"t.py": T, "mod.py": BINDINGS[case] + TAIL, "run.py": RUN},
                                           "mod.py", "run.py")
    assert printed.strip() == "0"
    assert "division" not in fixed and "print_function" not in fixed


@pytest.mark.parametrize("case", sorted(RUNNERS))
def test_run_docstring_examples_reached_otherwise(tmp_path, case):
    fixed, printed = fixed_file_runs_alike(tmp_path, {"other.py": OTHER, "main.py": RUNNERS[case] + END},
                                           "main.py", "main.py")
    assert printed.strip() == "done 3"
    assert "__future__" not in fixed


@pytest.mark.parametrize("code", [
    "import sys\nNAME = '%s.__test__.%s'\n" + TAIL,  # the names inside a longer string: no spelling of them
    "import sys\nHELP = 'see doctest.run_docstring_examples'\n" + TAIL,
    "import sys\n__test__ = {'x': '>>> 1\\n1\\n'}\n" + TAIL,
])
def test_other_strings_still_take_the_imports(tmp_path, code):
    assert not runs_strings(ast.parse(code), code)["print_function"]
    (tmp_path / "mod.py").write_text(code)
    assert "division" in fixed_in_place(tmp_path / "mod.py")


@pytest.mark.parametrize("code", [*(BINDINGS[case] + "print 'x'\n" for case in sorted(BINDINGS)),
                                  *(RUNNERS[case] + "print 'x'\n" for case in sorted(RUNNERS))],
                         ids=[*(f"test-{case}" for case in sorted(BINDINGS)),
                              *(f"runner-{case}" for case in sorted(RUNNERS))])
def test_check_counts_nothing_fixable_where_fix_refuses(tmp_path, code):
    """check and fix agree: the print statements fix cannot make calls (print_function stays out) are not fixable."""
    from diracmod.check import engine as check_engine
    from diracmod.source import reader
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything(futures.Policy()))
    assert result.new is None and ("__test__" in result.refused or "run_docstring_examples" in result.refused)
    assert "print-statement" in {f.symbol for f in found} and not any(f.fixable for f in found)

"""diracmod/source/python2_modules.json is python2.7's list of its standard top-level modules (tryout29b #2: those
Python 3.11 dropped, future_builtins, __main__, formatter..., were taken for modules found nowhere)."""

from diracmod.source.tables import PY2_STDLIB_MODULES
from diracmod.rules.py3k.imports import found_nowhere
from tests.fix.helpers import assert_table_is_python27s


def test_the_table_is_python27s():
    assert_table_is_python27s("python2_modules")


def test_python2_standard_modules_are_found_whatever_python3_runs_diracmod():
    dropped = {"future_builtins", "__main__", "formatter", "parser", "symbol", "binhex", "dummy_threading", "strop",
               "macpath", "asyncore", "imp", "distutils", "cgi", "telnetlib"}
    assert dropped <= PY2_STDLIB_MODULES and "test" not in PY2_STDLIB_MODULES
    assert not any(found_nowhere(name) for name in dropped)
    assert found_nowhere("zzfoo_generated")

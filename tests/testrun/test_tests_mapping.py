"""Test ids and the modules a test exercises, from the classnames runners write."""
from diracmod.core.config import DEFAULT_EXCLUDE
from diracmod.testrun.mapping import ModuleMap
from tests.testrun.helpers import project


def _map(tmp_path):
    root = project(tmp_path, {
        "pkg/__init__.py": "", "pkg/core.py": "from pkg import util\n", "pkg/util.py": "", "pkg/unused.py": "",
        "tests/__init__.py": "", "tests/helper.py": "",
        "tests/test_core.py": "from pkg import core\nfrom tests import helper\n",
        "flat/Test_Util.py": "import pkg.util\n"})
    return ModuleMap(str(root), DEFAULT_EXCLUDE, ["tests", "flat"], 5_000_000), root


def test_one_id_whatever_the_runner_spelled_the_module(tmp_path):
    modules, root = _map(tmp_path)
    # unittest from the root, pytest, nose: the package's dotted name
    assert modules.test_id("tests.test_core.Core", "test_a") == ("tests/test_core.py",
                                                                 "tests/test_core.py::Core::test_a")
    assert modules.test_id("tests.test_core", "test_f") == ("tests/test_core.py", "tests/test_core.py::test_f")
    # unittest discovery of a directory without __init__.py: imported by its bare name
    assert modules.test_id("Test_Util.UtilTests", "test_b") == ("flat/Test_Util.py",
                                                                "flat/Test_Util.py::UtilTests::test_b")
    assert modules.test_id("elsewhere.Thing", "test_c") == (None, "elsewhere.Thing::test_c")
    assert modules.test_id("tests.test_core", f"test_gen('{root}/tests/data.txt',)")[1] == \
        "tests/test_core.py::test_gen('tests/data.txt',)"


def test_a_test_exercises_what_its_module_imports_transitively_but_not_test_code(tmp_path):
    modules, _root = _map(tmp_path)
    # report's import graph: `from pkg import core` is an edge to pkg.core (not to pkg/__init__.py as well)
    assert modules.exercised("tests/test_core.py") == ["pkg/core.py", "pkg/util.py"]
    assert modules.exercised("flat/Test_Util.py") == ["pkg/util.py"]

"""`diracmod tests` on the bundled example project: per-module table, causes, JSON valid against its schema,
--format junit, --compare and the exit codes."""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import six
import xmlschema

from tests.fix.helpers import python27
from tests.testrun.helpers import diracmod, project, report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legacy_project"


def _tests_in(path: Path) -> list:
    """The test methods a test file defines, by name (what unittest discovery runs)."""
    return re.findall(r"^  def (test\w+)", path.read_text(), re.M)


@pytest.fixture
def example(tmp_path):
    root = tmp_path / "legacy_project"
    shutil.copytree(EXAMPLE, root)
    return root


def test_the_example_project_per_module(example):
    proc = diracmod(python27(), "tests", str(example))
    assert proc.returncode == 1, proc.stderr  # its tests pass on Python 2 only
    document = report(example)
    jobdb_tests = _tests_in(example / "tests" / "Test_JobDB.py")
    all_tests = jobdb_tests + _tests_in(example / "tests" / "Test_Utilities.py")
    assert document["interpreters"]["python2"]["passed"] == len(all_tests)
    assert document["summary"]["python2_only"] == len(all_tests) and document["summary"]["both"] == 0
    modules = {row["module"]: row for row in document["modules"]}
    assert not [m for m in modules if m.startswith("tests")]  # test code is not a project module
    assert modules["JobMon/JobDB.py"]["tests"] == len(jobdb_tests)  # only Test_JobDB imports it
    assert modules["JobMon/Utilities.py"]["tests"] == len(all_tests)  # JobDB imports it: both test modules
    causes = {(c["interpreter"], c["cause"]): c for c in document["causes"]}
    stringio = causes[("python3", "ImportError of StringIO")]
    assert sorted(t.rpartition("::")[2] for t in stringio["tests"]) == sorted(jobdb_tests)
    assert "StringIO" in stringio["first_error"]
    for name in ("JobMon/JobDB.py", "JobMon/Utilities.py", "ImportError of StringIO"):
        assert name in proc.stdout
    assert sorted(p.name for p in (example / "reports").iterdir()) == [
        "tests-python2-1.xml", "tests-python2.log", "tests-python3-1.xml", "tests-python3.log", "tests.json"]
    assert not list(example.rglob("*.pyc")) and not list(example.rglob("__pycache__"))


def test_after_fix_python2_keeps_its_passes_and_the_differences_are_named(example):
    before = diracmod(python27(), "tests", str(example), "--format", "json", "-o", "before")
    fixed = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "--unsafe", str(example)],
                           capture_output=True, text=True)
    # exit 1: JobDB.py runs `exec` and has print statements, so fix leaves it (print_function would reach the
    # exec'd code); every other file is rewritten
    assert fixed.returncode == 1 and "JobDB.py: the print statements made calls need print_function" in fixed.stderr
    sixdir = example.parent / "sixdir"
    sixdir.mkdir()
    shutil.copy(six.__file__, sixdir / "six.py")
    with open(example / "pyproject.toml", "a") as pyproject:
        pyproject.write(f'[tool.diracmod.tests]\npython2-pythonpath = ["{sixdir}"]\n')
    proc = diracmod(python27(), "tests", str(example), "--compare")
    document = report(example)

    def passing(doc, role):
        return {t["id"] for t in doc["tests"] if t[role]["outcome"] == "passed"}

    assert passing(document, "python2") == passing(report(example, "before"), "python2") != set()
    assert before.returncode == 1
    assert proc.returncode == (1 if document["summary"]["python2_only"] else 0)
    assert sum(document["summary"][c] for c in ("both", "python2_only", "python3_only", "neither")) == len(
        [t for t in document["tests"] if not t["id"].endswith("(import)")])
    for test in document["tests"]:
        if test["category"] == "python2_only" and not test["id"].endswith("(import)"):  # a test, not a module
            assert test["id"] in proc.stdout  # --compare names it
            assert test["python3"]["cause"]  # and its failure has a cause
    for cause in document["causes"]:
        assert cause["count"] == len(cause["tests"])


def test_format_junit_is_both_runs_in_one_valid_document(example):
    proc = diracmod(python27(), "tests", str(example), "--format", "junit")
    xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit-10.xsd")).validate(proc.stdout)
    suites = ET.fromstring(proc.stdout).findall("testsuite")
    assert [s.get("name").partition(":")[0] for s in suites] == ["python2", "python3"]
    assert int(suites[0].get("tests")) == report(example)["interpreters"]["python2"]["tests"]


def test_exit_0_when_every_python2_pass_passes_on_python3(tmp_path):
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/half.py": "def half(n):\n    return n // 2\n",
                              "tests/test_half.py": """\
        import unittest
        from pkg.half import half

        class Half(unittest.TestCase):
            def test_half(self):
                self.assertEqual(half(7), 3)

            def test_skipped(self):
                self.skipTest("not here")
        """})
    proc = diracmod(python27(), "tests", str(root), "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    document = report(root)
    assert document["modules"] == [{"module": "pkg/half.py", "tests": 2, "both": 1, "python2_only": 0,
                                    "python3_only": 0, "neither": 1}]
    assert document["summary"]["python2_passes_on_python3"] == 1.0


@pytest.mark.parametrize("args, message", [
    (["--python2", "/no/such/python"], "interpreter '/no/such/python' not found"),
    (["--ratchet", "missing.txt"], "no such ratchet file"),
    (["--update"], "--update needs --ratchet"),
])
def test_usage_errors(example, args, message):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "tests", str(example), "--python2", python27(),
                           *args], capture_output=True, text=True, cwd=example)
    assert proc.returncode == 2 and message in proc.stderr


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path):
    proc = diracmod(python27(), "tests", str(tmp_path / "tests" / "test_gone.py"))
    assert proc.returncode == 2 and "test_gone.py: no such file or directory" in proc.stderr


def test_a_setting_of_the_wrong_type_is_a_usage_error(example):
    with open(example / "pyproject.toml", "a") as pyproject:
        pyproject.write('[tool.diracmod.tests]\nrunner = "trial"\n')
    proc = diracmod(python27(), "tests", str(example))
    assert proc.returncode == 2 and "runner: expected 'unittest' or 'pytest' or 'nose'" in proc.stderr


def test_a_runner_the_interpreter_cannot_import_is_a_setup_error(tmp_path):
    root = project(tmp_path, {"tests/test_one.py": """\
        import unittest

        class One(unittest.TestCase):
            def test_one(self):
                pass
        """}, 'python2-runner = "nose"\n')
    proc = diracmod(python27(), "tests", str(root))  # python2.7 has no nose here
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "cannot import nose (the --runner)" in proc.stderr


def test_a_runner_on_the_interpreters_pythonpath_setting_is_found(tmp_path):
    runner = tmp_path / "runner"
    runner.mkdir()
    (runner / "nose.py").write_text("")  # importable: all the check asks
    root = project(tmp_path, {"tests/test_one.py": "import unittest\n"},
                  f'python2-runner = "nose"\npython2-pythonpath = ["{runner}"]\n')
    proc = diracmod(python27(), "tests", str(root))
    assert "cannot import nose" not in proc.stderr, proc.stderr


def test_a_test_package_module_that_does_not_import_on_python3_names_its_tests(tmp_path):
    root = project(tmp_path, {"tests/__init__.py": "", "tests/test_buffer.py": """\
        import unittest
        from StringIO import StringIO

        class Buffer(unittest.TestCase):
            def test_write(self):
                StringIO().write("x")
        """})
    proc = diracmod(python27(), "tests", str(root))
    assert proc.returncode == 1
    document = report(root)
    (test,) = [t for t in document["tests"] if not t["id"].endswith("(import)")]
    assert test["id"] == "tests/test_buffer.py::Buffer::test_write" and test["category"] == "python2_only"
    assert test["python3"] == {"outcome": "absent", "cause": "ImportError of StringIO",
                               "error": "ModuleNotFoundError: No module named 'StringIO' (raised at "
                                        "tests/test_buffer.py:2)"}
    assert [(c["cause"], c["tests"]) for c in document["causes"]] == [("ImportError of StringIO", [test["id"]])]


@pytest.mark.parametrize("runner", ["unittest", "pytest"])
def test_a_test_file_whose_imports_fail_on_python3_names_the_blocker_and_where(tmp_path, runner):
    """suds's case: a file of a test package is given as a path (unittest imports it by its bare name, pytest
    as tests.builtin), and the failing import is deep in the project."""
    root = project(tmp_path, {"pkg/__init__.py": "from pkg import transport\n", "tests/__init__.py": "",
                              "pkg/transport.py": "import os\nimport urllib2 as u2\n",
                              "tests/builtin.py": """\
        import unittest
        import pkg

        class Date(unittest.TestCase):
            def test_one(self):
                pass
        """}, f'paths = ["tests/builtin.py"]\npython3_runner = "{runner}"\n')
    proc = diracmod(python27(), "tests", str(root))
    assert proc.returncode == 1, proc.stderr
    document = report(root)
    (test,) = [t for t in document["tests"] if not t["id"].endswith("(import)")]
    assert test["id"] == "tests/builtin.py::Date::test_one" and test["category"] == "python2_only"
    error = "ModuleNotFoundError: No module named 'urllib2' (raised at pkg/transport.py:2)"
    assert test["python3"] == {"outcome": "absent", "error": error, "cause": "ImportError of urllib2"}
    assert [(c["cause"], c["first_error"], c["tests"]) for c in document["causes"]] == [
        ("ImportError of urllib2", error, [test["id"]])]
    assert [(m["module"], m["python2_only"]) for m in document["modules"]] == [("pkg/__init__.py", 1),
                                                                             ("pkg/transport.py", 1)]
    assert "ImportError of urllib2" in proc.stdout and "pkg/transport.py:2" in proc.stdout


PASSING_AND_BROKEN = {"tests/__init__.py": "", "tests/test_fine.py": """\
    import unittest

    class Fine(unittest.TestCase):
        def test_fine(self):
            pass
    """, "tests/test_broken.py": """\
    import unittest
    import no_such_module_on_either_python

    class Broken(unittest.TestCase):
        def test_never_runs(self):
            pass
    """}


def test_test_modules_that_import_on_neither_python_are_counted_and_shown(tmp_path):
    root = project(tmp_path, PASSING_AND_BROKEN)
    proc = diracmod(python27(), "tests", str(root))
    summary = report(root)["summary"]
    assert (summary["both"], summary["importing_on_neither"]) == (1, 1), proc.stdout
    assert summary["importing_on_neither_modules"] == ["tests/test_broken.py"]
    assert ("1 test module(s) import on neither Python, so none of their tests ran (none is counted above): "
            "tests/test_broken.py"
            in " ".join(proc.stdout.split()))


def test_a_test_file_given_as_the_path_runs_alone_in_its_project(tmp_path):
    root = project(tmp_path / "project", PASSING_AND_BROKEN)
    proc = diracmod(python27(), "tests", str(root / "tests" / "test_fine.py"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    document = report(root)  # the project's reports/: where its pyproject.toml is
    assert [test["id"] for test in document["tests"]] == ["tests/test_fine.py::Fine::test_fine"]
    assert document["settings"]["paths"] == ["tests/test_fine.py"]
    assert document["summary"]["importing_on_neither"] == 0


@pytest.mark.parametrize("path, message", [
    ("setup.cfg", "setup.cfg: not a Python test file"),
    ("setup.py", "setup.py: the project's setup.py is its build script, not a test module"),
])
def test_a_path_that_is_not_a_test_module_is_a_usage_error_and_runs_nothing(example, path, message):
    """`setup.cfg` was the module `setup` to junit_runner: the project's setup.py ran under both interpreters."""
    proc = diracmod(python27(), "tests", "-q", path, cwd=example)
    assert proc.returncode == 2 and message in proc.stderr, proc.stdout + proc.stderr
    assert not (example / "reports").exists()


def test_a_file_without_tests_is_a_usage_error_and_its_import_row_says_where_it_imports(example):
    proc = diracmod(python27(), "tests", "-q", "JobMon/Utilities.py", cwd=example)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "JobMon/Utilities.py: no test there (Python 2's unittest finds none)" in proc.stderr
    document = report(example)
    # it imports on Python 2 only (a Python 2 literal): its (import) row says so; no test is counted
    rows = [(t["id"], t["category"]) for t in document["tests"]]
    assert rows == [("JobMon/Utilities.py::(import)", "python2_only")]
    assert document["summary"]["python2_only"] == document["summary"]["neither"] == 0


def test_the_tests_directory_runs_in_its_project(example):
    proc = diracmod(python27(), "tests", "-q", "tests", cwd=example)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # as for the whole project: Python 2 only
    document = report(example)  # the project's reports/, not tests/reports/
    assert document["root"] == str(example) and document["settings"]["paths"] == ["tests"]
    assert document["summary"]["importing_on_neither"] == 0
    assert document["summary"]["python2_only"] == len(_tests_in(example / "tests" / "Test_JobDB.py")) + len(
        _tests_in(example / "tests" / "Test_Utilities.py"))


def test_the_summary_line_does_not_read_as_counting_the_modules_that_import_on_neither(tmp_path):
    root = project(tmp_path, PASSING_AND_BROKEN)
    text = " ".join(diracmod(python27(), "tests", str(root)).stdout.split())
    assert "0 ran and pass on neither" in text and "so none of their tests ran (none is counted above)" in text
    document = report(root)
    assert [t["category"] for t in document["tests"] if t["id"].endswith("(import)")] == ["neither"]

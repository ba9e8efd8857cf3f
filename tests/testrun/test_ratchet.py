"""--ratchet: a listed test that stops passing on Python 3 fails the run by name; --update adds the newly
passing tests and never removes one."""
from tests.fix.helpers import python27
from tests.testrun.helpers import diracmod, project

TESTS = """\
    import unittest


    class Numbers(unittest.TestCase):
        def test_addition(self):
            self.assertEqual(1 + 1, 2)

        def test_division(self):
            self.assertEqual(7 / 2, {expected})
    """
ADDITION, DIVISION = "tests/test_numbers.py::Numbers::test_addition", "tests/test_numbers.py::Numbers::test_division"


def _project(tmp_path, expected):
    return project(tmp_path / "p", {"tests/test_numbers.py": TESTS.format(expected=expected)})


def test_a_listed_test_that_stops_passing_fails_the_run(tmp_path):
    root = _project(tmp_path, "3.5")  # passes on Python 3 only
    ratchet = tmp_path / "tests-py3.txt"
    ratchet.write_text(f"# tests known to pass on Python 3\n{ADDITION}\n{DIVISION}\n")
    assert diracmod(python27(), "tests", str(root), "--ratchet", str(ratchet)).returncode == 0
    _project(tmp_path, "3")  # now it passes on Python 2 only
    proc = diracmod(python27(), "tests", str(root), "--ratchet", str(ratchet))
    assert proc.returncode == 1
    assert f"{DIVISION} is in {ratchet} and no longer passes on Python 3" in proc.stderr
    assert ADDITION not in proc.stderr
    proc = diracmod(python27(), "tests", str(root), "--ratchet", str(ratchet), "--update")
    assert proc.returncode == 1 and DIVISION in proc.stderr  # --update does not make it go away
    assert ratchet.read_text() == f"# tests known to pass on Python 3\n{ADDITION}\n{DIVISION}\n"


def test_update_adds_the_newly_passing_tests_sorted(tmp_path):
    root = _project(tmp_path, "3.5")
    ratchet = tmp_path / "tests-py3.txt"
    ratchet.write_text(f"{DIVISION}\n")
    proc = diracmod(python27(), "tests", str(root), "--ratchet", str(ratchet), "--update")
    assert proc.returncode == 0 and "1 test(s) added" in proc.stderr
    assert ratchet.read_text() == f"{ADDITION}\n{DIVISION}\n"
    proc = diracmod(python27(), "tests", str(root), "--ratchet", str(ratchet), "--update")
    assert "0 test(s) added" in proc.stderr and ratchet.read_text() == f"{ADDITION}\n{DIVISION}\n"


def test_update_creates_the_file_and_the_setting_names_it(tmp_path):
    root = project(tmp_path / "p", {"tests/test_numbers.py": TESTS.format(expected="3.5")},
                   'ratchet = "tests-py3.txt"\n')
    proc = diracmod(python27(), "tests", str(root), "--update")
    assert proc.returncode == 0, proc.stderr
    assert (root / "tests-py3.txt").read_text() == f"{ADDITION}\n{DIVISION}\n"
    # the setting makes it the ratchet of every run: both listed tests pass on Python 3
    assert diracmod(python27(), "tests", str(root)).returncode == 0

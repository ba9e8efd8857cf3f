"""A chatty suite: what a test prints is kept to its first and last KEPT characters, in the JUnit files and in
what diracmod reads of them, so that its memory does not grow with the output."""
import subprocess
import sys

from diracmod.testrun import junit
from diracmod.testrun.junit_runner import KEPT
from tests.fix.helpers import python27
from tests.testrun.helpers import diracmod, project

SIZE = 20 * 1024 * 1024
PRINTED = 2 * 1024 * 1024  # per stream, each interpreter: enough to show the cut, quick under load
CHATTY = f"""\
    import sys
    import unittest


    class Chatty(unittest.TestCase):
        def test_prints_a_lot(self):
            sys.stdout.write("x" * {PRINTED})
            sys.stderr.write("y" * {PRINTED})
            self.fail("z" * {PRINTED})
    """


def test_a_tests_output_is_cut_in_the_junit_files(tmp_path):
    root = project(tmp_path / "chatty", {"tests/test_chatty.py": CHATTY})
    proc = diracmod(python27(), "tests", str(root), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # it fails on both: no regression
    files = sorted((root / "reports").glob("tests-python*.xml"))
    assert len(files) == 2
    for path in files:
        assert path.stat().st_size < 10 * KEPT, path
        assert "characters cut by diracmod" in path.read_text()


def test_reading_a_huge_pytest_junit_keeps_each_text_bounded(tmp_path):
    path = tmp_path / "pytest.xml"
    with open(path, "w") as handle:
        handle.write('<testsuites><testsuite name="pytest">')
        for number in range(3):
            handle.write(f'<testcase classname="t" name="test_{number}"><failure message="AssertionError: big">'
                         f'{"z" * SIZE}</failure><system-out>{"x" * SIZE}</system-out></testcase>')
        handle.write("</testsuite></testsuites>")
    script = ("import resource, sys; from diracmod.testrun import junit; "
              f"results = junit.read({str(path)!r}, ''); "
              "print(max(len(r.output) for r in results), len(results), "
              "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    size, count, maxrss_kb = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                            check=True).stdout.split()
    assert int(count) == 3 and int(size) < 3 * KEPT
    assert int(maxrss_kb) < 400 * 1024, maxrss_kb  # the file is 120 MB; ET.parse of it took ~1 GB
    assert junit.is_complete(path)

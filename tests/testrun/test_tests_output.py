"""A chatty suite: what a test prints is kept to its first and last KEPT characters, in the JUnit files and in
what diracmod reads of them, so that its memory does not grow with the output."""
import os
import subprocess
import sys

import pytest

from diracmod.testrun import junit
from diracmod.testrun.junit_runner import KEPT
from tests.fix.helpers import python27
from tests.testrun.helpers import diracmod, project

SIZE = 8 * 1024 * 1024  # characters of each text of a test in a huge JUnit file
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


def _junit(path, cases: int, size: int):
    """A pytest JUnit file of `cases` failed tests, each with a failure text and an output of `size` characters."""
    with open(path, "w") as handle:
        handle.write('<testsuites><testsuite name="pytest">')
        for number in range(cases):
            handle.write(f'<testcase classname="t" name="test_{number}"><failure message="AssertionError: big">'
                         f'{"z" * size}</failure><system-out>{"x" * size}</system-out></testcase>')
        handle.write("</testsuite></testsuites>")


def _read_growth(path) -> tuple:
    """(longest output kept, tests read, peak RSS growth in KB) of junit.read in a fresh interpreter: its peak RSS
    after the read less its peak before it (the interpreter and diracmod's modules loaded). The peak is VmHWM, the
    process's own since its exec, not ru_maxrss: Linux's ru_maxrss of a child keeps the RSS of the process it was
    forked from (a pytest worker of some hundred MB, more or less as the tests it ran before left it)."""
    hwm = "int(next(line for line in open('/proc/self/status') if line.startswith('VmHWM:')).split()[1])"
    script = (f"import sys; from diracmod.testrun import junit; before = {hwm}; "
              f"results = junit.read({str(path)!r}, ''); "
              f"print(max(len(r.output) for r in results), len(results), {hwm} - before)")
    return tuple(map(int, subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                         check=True).stdout.split()))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the peak RSS from Linux's /proc")
def test_reading_a_huge_pytest_junit_keeps_each_text_bounded(tmp_path):
    """junit.read's memory is bounded by one test's texts, not the file's: a file of 8 such tests (128 MB) grows
    the reader's peak RSS about as much as a file of one (measured: 24 MB and 41 MB). Measured against that one-test
    run, as growth over each interpreter's own baseline, not as an absolute peak: the absolute bound this test had
    (ru_maxrss under 400 MB) failed once under load (414,992 KB), as ru_maxrss counts the RSS of the pytest worker
    the reader was forked from. Reading the whole tree (ET.parse) grows with the file (measured: 16 MB for one
    test, 131 MB for eight), and fails here."""
    one, eight = tmp_path / "one.xml", tmp_path / "eight.xml"
    _junit(one, 1, SIZE)
    _junit(eight, 8, SIZE)
    size, count, alone = _read_growth(one)
    assert count == 1 and size < 3 * KEPT
    size, count, grown = _read_growth(eight)
    assert count == 8 and size < 3 * KEPT
    # one test's texts are 2 * SIZE characters (16 MB): a reader keeping the file grows by 8 times that, 128 MB
    assert grown < 2 * alone + 4 * SIZE // 1024, (grown, alone)
    assert junit.is_complete(eight)

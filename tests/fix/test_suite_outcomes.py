"""bench/suites.py reads per-test results from the runners' verbose output (unittest, nose, pytest)."""
from collections import Counter

from bench import suites

UNITTEST = """\
testBasic (BeautifulSoupTests.FollowThatTag) ... ok
test_tokens (test.test_pullparser.PullParserTests) ... FAIL
Doctest: test.test_urllib2.test_request_headers_dict ... ok
test_ftp (test.test_functional.FtpTestCase) ... skipped ''
tests.test_profilemiddleware.test_basic ... long_func()
0.001 seconds
ok
test_broken (m.T) ... ERROR
test_dup (m.T) ... ok
test_dup (m.T) ... ok

----------------------------------------------------------------------
Ran 9 tests in 0.1s
"""

PYTEST = """\
tests/test_x.py::test_one PASSED                                         [ 50%]
tests/test_x.py::test_two FAILED                                         [100%]
ERROR tests/test_y.py - ImportError
"""


def test_unittest_and_nose_verbose_output():
    assert suites.outcomes(UNITTEST) == [
        ("testBasic (BeautifulSoupTests.FollowThatTag)", "ok"),
        ("test_tokens (test.test_pullparser.PullParserTests)", "FAIL"),
        ("Doctest: test.test_urllib2.test_request_headers_dict", "ok"),
        ("test_ftp (test.test_functional.FtpTestCase)", "skipped"),
        ("tests.test_profilemiddleware.test_basic", "ok"),  # it printed before its outcome
        ("test_broken (m.T)", "ERROR"),
        ("test_dup (m.T)", "ok"),
        ("test_dup (m.T)", "ok"),
    ]


def test_passed_is_a_multiset_of_passing_tests():
    run = suites.SuiteRun(1, suites.outcomes(UNITTEST), "")
    assert run.passed == Counter({"testBasic (BeautifulSoupTests.FollowThatTag)": 1,
                                  "Doctest: test.test_urllib2.test_request_headers_dict": 1,
                                  "tests.test_profilemiddleware.test_basic": 1, "test_dup (m.T)": 2})


def test_pytest_verbose_output():
    assert suites.outcomes(PYTEST) == [("tests/test_x.py::test_one", "PASSED"), ("tests/test_x.py::test_two", "FAILED")]


def test_fix_settings_are_the_projects_pyproject_while_fix_runs(tmp_path):
    with suites.fix_settings("Paste", tmp_path):
        assert (tmp_path / "pyproject.toml").read_text() == "[tool.diracmod.fix]\nkeep-line-numbers = true\n"
    assert not (tmp_path / "pyproject.toml").exists()  # the fixed tree holds only what the fix wrote
    with suites.fix_settings("BeautifulSoup", tmp_path):
        assert not (tmp_path / "pyproject.toml").exists()

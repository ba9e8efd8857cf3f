"""Python 2 behaviour is kept (issue 7, Done-when 3): real corpora's own test suites under python2.7, on the
untouched sdist and on the copy `diracmod fix --write` rewrote: no test that passed before may fail after.
Compared per test, not by count. The fixed copies are the ones tests/fix/test_fix_corpora.py checks."""
import shutil

import pytest

from bench import fixrun, suites

pytestmark = pytest.mark.corpus

# Tests that cannot pass after any rewrite adding lines above them, by suite: test name -> why. They assert the
# line numbers of their own functions in the traceback they provoke; the __future__ imports the policy adds at
# the top of every rewritten module (PORTING-STYLE.md: one per line, then a blank line) move those lines down,
# and no placement keeps them: a future import must come before any other statement. Python 2 behaviour is
# unchanged: the same exception, four lines lower. test_line_numbers_asserted_by_tests_are_kept below keeps
# this gap visible (strict xfail).
SHIFTED_LINES = {"Paste": {
    "test_cgitb_catcher.test_start_res": "asserts 'line 26, in start_response_app' of its own source",
    "test_cgitb_catcher.test_after_start": "asserts 'line 30' of its own source",
    "test_error_middleware.test_start_res": "asserts ':52 in start_response_app' of its own source"}}


def _after(name, fixed_corpus, tmp_path):
    """The suite run on a copy of the fixed corpus (the suite may write into its tree: the shared copy stays)."""
    run = fixed_corpus(name)
    assert run.changed, f"fix changed nothing in {name}: {run.fix_stderr}"
    after_root = tmp_path / "after" / "project"
    shutil.copytree(run.root, after_root)
    return suites.run_suite(suites.SUITES[name], after_root)


@pytest.mark.parametrize("name", sorted(suites.SUITES))
def test_python2_suite_passes_as_before(name, fixed_corpus, tmp_path):
    suite = suites.SUITES[name]
    before = suites.run_suite(suite, fixrun.copy_corpus(name, tmp_path / "before"))
    # the harness runs the whole suite as CORPORA.md says it stands on python2.7
    assert (len(before.outcomes), sum(before.passed.values())) == (suite.tests, suite.passing), before.tail

    after = _after(name, fixed_corpus, tmp_path)
    shifted = SHIFTED_LINES.get(name, {})
    lost = {test: count for test, count in (before.passed - after.passed).items()
            if not any(test.endswith(excluded) for excluded in shifted)}
    assert all(any(test.endswith(excluded) for test in before.passed) for excluded in shifted), \
        "an exclusion names no test that passes before the fix"
    assert not lost, (f"{sum(lost.values())} tests pass on python2.7 before the fix and not after: "
                      f"{sorted(lost)[:20]}\n{after.tail}")


@pytest.mark.xfail(reason="issue 7 open: the added __future__ imports move the lines these tests assert "
                          "(SHIFTED_LINES); a future import must come first, so no placement keeps them", strict=True)
@pytest.mark.parametrize("name", sorted(SHIFTED_LINES))
def test_line_numbers_asserted_by_tests_are_kept(name, fixed_corpus, tmp_path):
    passed = _after(name, fixed_corpus, tmp_path).passed
    failing = [test for test in SHIFTED_LINES[name] if not any(done.endswith(test) for done in passed)]
    assert not failing, f"fail after the fix: {failing}"

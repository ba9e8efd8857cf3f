"""Python 2 behaviour is kept (issue 7, Done-when 3): real corpora's own test suites under python2.7, on the
untouched sdist and on the copy `diracmod fix --write` rewrote: no test that passed before may fail after.
Compared per test, not by count. The fixed copies are the ones tests/fix/test_fix_corpora.py checks, fixed with
each project's [tool.diracmod.fix] (bench/suites.py: Paste's tests assert their own line numbers, it keeps them)."""
import shutil

import pytest

from bench import fixrun, suites

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name", sorted(suites.SUITES))
def test_python2_suite_passes_as_before(name, fixed_corpus, tmp_path):
    suite = suites.SUITES[name]
    before = suites.run_suite(suite, fixrun.copy_corpus(name, tmp_path / "before"))
    # the harness runs the whole suite as CORPORA.md says it stands on python2.7
    assert (len(before.outcomes), sum(before.passed.values())) == (suite.tests, suite.passing), before.tail

    run = fixed_corpus(name)
    assert run.changed, f"fix changed nothing in {name}: {run.fix_stderr}"
    after_root = tmp_path / "after" / "project"
    shutil.copytree(run.root, after_root)  # the suite may write into its tree: the shared copy stays
    after = suites.run_suite(suite, after_root)
    lost = before.passed - after.passed
    assert not lost, (f"{sum(lost.values())} tests pass on python2.7 before the fix and not after: "
                      f"{sorted(lost)[:20]}\n{after.tail}")

"""`diracmod tests` on a real corpus, BeautifulSoup 3.2.2's own suite (bench/suites.py's settings): the
untouched sdist, and after `diracmod fix --write`: python2.7 keeps every pass, and what stops Python 3 is named."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import fixrun, suites
from tests.fix.helpers import python27
from tests.testrun.helpers import report

pytestmark = pytest.mark.corpus


def _run(root: Path) -> dict:
    suites.configure_tests(suites.SUITES["BeautifulSoup"], root)
    proc = subprocess.run([sys.executable, "-m", "diracmod", "tests", str(root), "-q"], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # nothing passes on Python 3 yet
    assert "BeautifulSoup.py" in proc.stdout
    return report(root)


def _passing(document: dict, role: str) -> set:
    return {t["id"] for t in document["tests"] if t[role]["outcome"] == "passed"}


def test_beautifulsoup_before_and_after_fix(tmp_path):
    python27()
    before = _run(fixrun.copy_corpus("BeautifulSoup", tmp_path / "before"))
    assert len(_passing(before, "python2")) == suites.SUITES["BeautifulSoup"].passing
    assert before["modules"][0]["module"] == "BeautifulSoup.py"
    assert before["modules"][0]["python2_only"] == suites.SUITES["BeautifulSoup"].passing
    fixed = fixrun.fix_corpus("BeautifulSoup", tmp_path / "fixed")
    root = tmp_path / "after" / "BeautifulSoup"
    shutil.copytree(fixed.root, root)
    after = _run(root)
    assert _passing(after, "python2") == _passing(before, "python2")  # 0 regressions
    blockers = [c for c in after["causes"] if c["interpreter"] == "python3"]
    # sgmllib left the standard library with no six.moves equivalent: the blocker is named, for every test
    assert blockers[0]["cause"] == "ImportError of sgmllib"
    assert blockers[0]["count"] == len(_passing(before, "python2"))
    # ...and check reports it, at each import of it, as a finding fix leaves for a person
    lines = (root / "BeautifulSoup.py").read_text().splitlines()
    imports = {number for number, line in enumerate(lines, 1) if line.startswith(("from sgmllib ", "import sgmllib"))}
    reported = {f["line"] for f in fixed.left if f["path"] == "BeautifulSoup.py" and f["symbol"] == "bad-python3-import-unmoved"}
    assert imports and imports <= reported, fixed.left

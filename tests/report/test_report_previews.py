"""The module page previews what `diracmod fix` would change: fix's own diff, escaped, only for modules with
fixable findings, at most `fix-previews` of them in porting order, and each computed once per content."""
import html
import re
import subprocess
import sys

import pytest

from report_helpers import run_report, write_tree
from diracmod.core import config as configuration
from diracmod.fix import engine as fix_engine
from diracmod.report import pipeline

FILES = {
    "pkg/__init__.py": "",
    "pkg/evil.py": "for i in xrange(3):\n    print '</pre><script>alert(1)</script>'\n",
    "pkg/manual.py": "class K(object):\n    def __cmp__(self, other):\n        return 0\n",
    "pkg/user.py": "from pkg import evil\nd = {}\nprint d.has_key(1)\n",
}


def _page(out, stem):
    return next((out / "modules").glob(f"{stem}.py-*.html")).read_text()


def test_preview_is_fixes_diff_escaped(tmp_path):
    tree = write_tree(tmp_path / "project", FILES)
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    page = _page(tmp_path / "out", "pkg.evil")
    diff = "".join(html.unescape(line) + "\n" for line in re.findall(r'<span class="d-[a-z]+">(.*?)</span>', page))
    done = subprocess.run([sys.executable, "-m", "diracmod", "fix", "pkg/evil.py"], cwd=tree, capture_output=True,
                          text=True, timeout=300)
    assert diff == done.stdout  # what `diracmod fix` prints
    assert "+for i in range(3):" in diff or "six.moves" in diff
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'id="fix-preview"' not in _page(tmp_path / "out", "pkg.manual")  # nothing fixable: no section


def test_previews_are_bounded_and_in_porting_order(tmp_path):
    tree = write_tree(tmp_path / "project", FILES)
    (tree / "pyproject.toml").write_text("[tool.diracmod.report]\nfix-previews = 1\n")
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    out = tmp_path / "out"
    assert '<pre class="diff"' in _page(out, "pkg.evil")  # imported by user.py: first in porting order
    user = _page(out, "pkg.user")
    assert '<pre class="diff"' not in user and "No preview on this page" in user and "diracmod fix pkg/user.py" in user


@pytest.mark.parametrize("reuse", [True, False])
def test_previews_are_cached_by_content(tmp_path, monkeypatch, reuse):
    tree = write_tree(tmp_path / "project", FILES)
    made = []
    original = fix_engine.fix_file
    monkeypatch.setattr(fix_engine, "fix_file", lambda path, plan: made.append(path) or original(path, plan))
    config = configuration.load(tree)
    options = pipeline.RunOptions(jobs=1, deps="off", reuse=reuse)
    first = pipeline.run(str(tree), config, options, {})
    assert sorted(made) == [str(tree / "pkg" / "evil.py"), str(tree / "pkg" / "user.py")]
    assert first.previews["pkg/evil.py"]["diff"].startswith("--- a/pkg/evil.py\n+++ b/pkg/evil.py\n")
    (tree / "pkg" / "user.py").write_text(FILES["pkg/user.py"] + "print 'changed'\n")
    second = pipeline.run(str(tree), config, options, {})
    assert sorted(made[2:]) == [str(tree / "pkg" / "user.py")]  # the unchanged file's preview is the cached one
    assert second.previews["pkg/evil.py"] == first.previews["pkg/evil.py"]
    assert "changed" in second.previews["pkg/user.py"]["diff"]

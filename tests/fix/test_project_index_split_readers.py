"""The run-wide project index (diracmod/source/project_index/), tryout19 #12: a reader of a module's attribute
split over lines (`getattr(pkg.b1,\\n "StringIO")`, `sys.modules[\\n "pkg.b2"].StringIO`, `(pkg.b3\\n .StringIO)`, a
backslash continuation, a doctest example's `... ` continuation) is seen as on one line: W1648 keeps the import
(DM141). Each runs under python2.7 before and after `fix --write`."""
from __future__ import annotations

from diracmod.cli import main
from diracmod.source.project_index import facts

from tests.fix.helpers import project_dir, python2_output

CLIENT = 'import StringIO\n\n\ndef f():\n    return StringIO.StringIO("x").read()\n'
READING = """\
import sys
import pkg.b1, pkg.b2, pkg.b3, pkg.b4, pkg.b5, pkg.b6
print getattr(pkg.b1,
              "StringIO").__name__
print sys.modules[
    "pkg.b2"].StringIO.__name__
print (pkg.b3
       .StringIO.__name__)
print pkg.b4 \\
    .StringIO.__name__
print vars(
    pkg.b5)['StringIO'].__name__
"""
DOCTEST = """\
>>> import pkg.b6
>>> print getattr(pkg.b6,
...               'StringIO').__name__
StringIO
"""
RUN_DOCTEST = "import doctest\nprint doctest.testfile('docs/c.txt', module_relative=False)\n"
CLIENTS = [f"pkg/b{n}.py" for n in range(1, 7)]


def test_w1648_keeps_imports_read_by_a_reader_split_over_lines(tmp_path, monkeypatch):
    files = {"pkg/__init__.py": "", **{name: CLIENT for name in CLIENTS}, "main.py": READING,
             "docs/c.txt": DOCTEST, "run_doctest.py": RUN_DOCTEST}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py"), python2_output(root, "run_doctest.py")
    assert before == ("StringIO\n" * 5, "TestResults(failed=0, attempted=2)\n")
    main(["fix", "--write", *(str(root / name) for name in CLIENTS)])
    for name in CLIENTS:
        assert "import StringIO\n" in (root / name).read_text(), name
    assert (python2_output(root, "main.py"), python2_output(root, "run_doctest.py")) == before, \
        "Python 2 behaviour changed"


def test_a_relative_from_import_of_a_module_named_like_an_unbound_one_reads_no_attribute(tmp_path):
    (tmp_path / "m.py").write_text("from .StringIO import x\nfrom . StringIO import y\n")
    reads = facts.module_reads(str(tmp_path / "m.py"), 1 << 20)
    assert not [read for read in reads if read[1] == "StringIO"]

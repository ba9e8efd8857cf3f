"""DM114 next-method-with-defaults on a subclass of another module's iterator class (tryout27 #6): the project index
names the classes binding `__iter__` (and those based on one, by name), so `class RawReader(RowReader)` overriding
`next(self, skip_blank=False)` in raw.py gets its own `__next__ = next`, as W1653 gives any `def next(self)`; the
base's alias would call the base's next on Python 3."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.fix.helpers import fix_unsafe, project_dir, py3k_findings, python2_output

ROWS = '''\
class RowReader(object):
    def __init__(self, rows):
        self.rows = list(rows)

    def __iter__(self):
        return self

    def next(self, skip_blank=True):
        while self.rows:
            row = self.rows.pop(0)
            if skip_blank and not row:
                continue
            return row
        raise StopIteration


class Cursor(object):
    def next(self, n=1):
        return n
'''
RAW = '''\
import rows
from rows import RowReader, Cursor


class RawReader(RowReader):
    def next(self, skip_blank=False):
        return RowReader.next(self, skip_blank)


class Upper(rows.RowReader):
    def next(self, upper=True):
        row = rows.RowReader.next(self, False)
        return row.upper() if upper else row


class Page(Cursor):
    def next(self, n=10):
        return n
'''
MAIN = '''\
import raw
print list(raw.RowReader(["a", "", "b"])), list(raw.RawReader(["a", "", "b"])), list(raw.Upper(["a", "", "b"]))
'''


def _symbols(capsys, path) -> list:
    return [(row["path"].rsplit("/", 1)[-1], row["line"], row["symbol"]) for row in py3k_findings(capsys, path)
            if "next-method" in row["symbol"]]


def test_a_subclass_of_another_modules_iterator_class_gets_its_own_alias(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"rows.py": ROWS, "raw.py": RAW, "main.py": MAIN})
    assert sorted(_symbols(capsys, root)) == [("raw.py", 6, "next-method-with-defaults"),
                                              ("raw.py", 11, "next-method-with-defaults"),
                                              ("rows.py", 8, "next-method-with-defaults")]
    before = python2_output(root, "main.py")
    assert before == "['a', 'b'] ['a', '', 'b'] ['A', '', 'B']\n"
    fix_unsafe(root, ".")
    assert (root / "raw.py").read_text().count("\n    __next__ = next\n") == 2
    assert "class Page(Cursor):\n    def next(self, n=10):\n        return n\n" in (root / "raw.py").read_text()
    assert python2_output(root, "main.py") == before
    assert subprocess.run([sys.executable, "main.py"], cwd=root, capture_output=True, text=True,
                          timeout=60).stdout == before
    assert "0 file(s) changed" in fix_unsafe(root, ".") and _symbols(capsys, root) == []


def test_checks_cache_sees_a_base_of_another_module_become_an_iterator(tmp_path, monkeypatch):
    """The result cache keys a file defining next on the iterator classes its text names (ProjectIndex.context):
    raw.py unchanged, its findings follow rows.py's RowReader gaining `__iter__`."""
    rows = ROWS.replace("    def __iter__(self):\n        return self\n\n", "")
    root = project_dir(tmp_path, monkeypatch, {"rows.py": rows, "raw.py": RAW})

    def reported() -> list:
        proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--select", "py3k", "--format", "json",
                               "raw.py"], cwd=root, capture_output=True, text=True, timeout=300)
        return [row["line"] for row in json.loads(proc.stdout) if row["symbol"] == "next-method-with-defaults"]

    assert reported() == []
    (root / "rows.py").write_text(ROWS)
    assert reported() == [6, 11]

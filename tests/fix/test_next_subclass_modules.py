"""DM114 next-method-with-defaults on a subclass of another module's iterator class (tryout27 #6): the project index
names the classes binding `__iter__` (and those based on one, by name), so `class RawReader(RowReader)` overriding
`next(self, skip_blank=False)` in raw.py gets its own `__next__ = next`, as W1653 gives any `def next(self)`; the
base's alias would call the base's next on Python 3."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.fix.helpers import fix_unsafe, project_dir, py3k_findings, python2_output, python3_output

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


TOK = '''\
class Base(object):
    def __init__(self, items):
        self.items = list(items)

    def __iter__(self):
        return self

    def next(self, skip=False):
        if not self.items:
            raise StopIteration
        return self.items.pop(0)


class Mid(Base):
    pass
'''
TOK2 = '''\
{imports}


class B({mid}):
    def next(self, skip=False):
        return {mid}.next(self) * 2


class D({base}):
    def next(self, skip=False):
        return {base}.next(self) + "?"
'''


@pytest.mark.parametrize("imports, mid, base", [
    ("from lib.tok import Mid\nfrom lib.tok import Base as TokenBase", "Mid", "TokenBase"),
    ("from lib.tok import Mid as M, Base as TokenBase", "M", "TokenBase"),
    ("from .tok import Mid as M, Base as TokenBase", "M", "TokenBase"),
    ("from tok import Mid as M, Base as TokenBase", "M", "TokenBase"),  # implicitly relative on Python 2
])
def test_a_base_imported_under_another_name_is_read_by_its_own(tmp_path, monkeypatch, capsys, imports, mid, base):
    """tryout28 #4: `from lib.tok import Base as TokenBase`: the project index names the iterator classes by the
    names they are defined by, so the base is resolved through the module's imports (imported_origin.class_name),
    not by the alias the subclass writes."""
    root = project_dir(tmp_path, monkeypatch, {
        "lib/__init__.py": "", "lib/tok.py": TOK, "lib/tok2.py": TOK2.format(imports=imports, mid=mid, base=base),
        "run.py": "from lib.tok2 import B, D\nprint(list(B(['x'])), list(D(['y'])))\n"})
    lines = imports.count("\n")
    assert sorted(line for name, line, symbol in _symbols(capsys, root / "lib")
                  if name == "tok2.py" and symbol == "next-method-with-defaults") == [5 + lines, 10 + lines]
    before = python2_output(root, "run.py")
    assert before == "(['xx'], ['y?'])\n"
    fix_unsafe(root, ".")
    assert (root / "lib" / "tok2.py").read_text().count("\n    __next__ = next\n") == 2
    assert python2_output(root, "run.py") == before
    assert subprocess.run([sys.executable, "run.py"], cwd=root, capture_output=True, text=True,
                          timeout=60).stdout == before
    assert "0 file(s) changed" in fix_unsafe(root, ".") and _symbols(capsys, root / "lib") == []


READER = '''\
class Other(object):
    pass


class Reader(object):
    def __init__(self, items):
        self.items = list(items)

    def __iter__(self):
        return self

    def next(self):
        if not self.items:
            raise StopIteration
        return self.items.pop(0)
'''
DEEP = '''\
{imports}


class Deep2({mid}):
    def next(self, n=0):
        return {mid}.next(self) * 2
'''


@pytest.mark.parametrize("mid, deep", [
    ("from rd.base import Reader as _R\n\n\nclass Mid(_R):\n    pass\n", ("from rd.mid import Mid", "Mid")),
    ("from rd.base import Reader as _R\n\n\nclass Mid(_R):\n    pass\n", ("from rd.mid import Mid as M", "M")),
    ("from .base import Reader as _R\n\n\nclass Mid(_R):\n    pass\n", ("from rd.mid import Mid", "Mid")),
    ("from .base import Other, Reader as _R\n\n\nclass Mid(Other, _R):\n    pass\n",
     ("from rd.mid import Mid", "Mid")),
])
def test_an_intermediate_modules_base_imported_under_another_name_is_read_by_its_own(tmp_path, monkeypatch, capsys,
                                                                                     mid, deep):
    """tryout29 #3: Mid (mid.py) derives from the iterator class Reader imported `as _R`: the project index reads
    mid.py's bases through its imports' aliases (classes._alias_resolved), so Deep2 of r7.py, based on Mid, is an
    iterator's subclass and its `next(self, n=0)` gets its own `__next__ = next`, as Python 2 iterates with it."""
    root = project_dir(tmp_path, monkeypatch, {
        "rd/__init__.py": "", "rd/base.py": READER, "rd/mid.py": mid,
        "rd/r7.py": DEEP.format(imports=deep[0], mid=deep[1]),
        "drive.py": "from rd import r7\nprint list(r7.Deep2([' aB ', 'cd']))\n"})
    assert ("r7.py", 5, "next-method-with-defaults") in _symbols(capsys, root / "rd")
    before = python2_output(root, "drive.py")
    assert before == "[' aB  aB ', 'cdcd']\n"
    fix_unsafe(root, ".")
    assert (root / "rd" / "r7.py").read_text().count("\n    __next__ = next\n") == 1
    assert python2_output(root, "drive.py") == before
    assert python3_output(root, "drive.py") == (0, before)

"""`long(x)` -> `int(x)` where x may not be a number (tryout23b #5): Python 2's int() neither calls `__long__` (a
class defining it and no `__int__`: TypeError, or AttributeError for a classic class, after the rewrite) nor
accepts the `L` suffix in a string (`long('12L')`, `long('ffL', 16)`: ValueError after). fix rewrites `long(x)`
only where x is a number for certain (rules/py3k/division_types.py is_number: literals, len()/int()/float() of the
builtins, arithmetic of those, names only ever bound so); the rest is left for a person (DM146)."""
from __future__ import annotations

from diracmod.cli import main

from tests.fix.helpers import project_dir, py3k_findings, python2_output

MODULE = '''\
class Addr(object):
    def __init__(self, n):
        self.n = n
    def __long__(self):
        return long(self.n)
    def __lt__(self, other):
        return long(self) < long(other)


class Old:
    def __long__(self):
        return 5L


def positive(s):
    return long(s) > 0


print Addr(1) < Addr(2), long(Old()) == 5, str(long("77L")), long("ffL", 16) > 0
print positive(repr(10L ** 20))
count = 3
count += 1
print long(len("abc") * 2.5) > 6, str(long(-count)), long(1e20) == 10 ** 20, long() < 1
'''


def test_long_of_what_may_be_no_number_is_left_and_python_2_unchanged(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE})
    before = python2_output(root, "m.py")
    assert before == "True True 77 True\nTrue\nTrue -4 True True\n", before
    found = sorted((f["line"], f["symbol"]) for f in py3k_findings(capsys, root / "m.py") if "long-builtin" in f["symbol"])
    assert found == [(5, "long-builtin-int-differs"), (7, "long-builtin-int-differs"),
                     (7, "long-builtin-int-differs"), (16, "long-builtin-int-differs"),
                     (19, "long-builtin-int-differs"), (19, "long-builtin-int-differs"),
                     (19, "long-builtin-int-differs"), (23, "long-builtin"), (23, "long-builtin"),
                     (23, "long-builtin"), (23, "long-builtin")], found
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    text = (root / "m.py").read_text()
    assert "return long(self) < long(other)" in text and "return long(s) > 0" in text, text
    assert 'int(len("abc") * 2.5) > 6, str(int(-count)), int(1e20) == 10 ** 20, int() < 1' in text, text
    assert python2_output(root, "m.py") == before

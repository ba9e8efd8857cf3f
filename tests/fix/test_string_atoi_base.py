"""`string.atoi(x)` (tryout23 #1): Python 2's string.atoi(s, base=10) is `int(s, base)`, an explicit base, which
refuses a non-string (TypeError "int() can't convert non-string with explicit base"); fix wrote `int(x)`, which
truncates 3.7 to 3. It writes what Python 2's string module does, `int(x, 10)`; where no call can be written so
(atoi passed as a value, imported by name, called with `s=` or *args) the use is left for a person (DM143)."""
from __future__ import annotations

from diracmod.cli import main

from tests.fix.helpers import project_dir, py3k_findings, python2_output

MODULE = '''\
import string
for bad in [3.7, 12, "12", " 7 "]:
    try:
        print string.atoi(bad), string.atoi(bad,), string.atoi(bad, 10), string.atoi(bad, base=10)
    except TypeError, e:
        print 'TypeError', e
print string.atoi("ff", 16), string.atof("1.5")
'''

LEFT = '''\
import string
from string import atoi
print map(string.atoi, ["1", "2"]), atoi("3"), string.atoi(s="4")
'''


def test_string_atoi_becomes_int_with_python_2s_base_10(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE})
    before = python2_output(root, "m.py")
    assert before.count("TypeError int() can't convert non-string with explicit base") == 2, before
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    text = (root / "m.py").read_text()
    assert "print(int(bad, 10), int(bad, 10,), int(bad, 10), int(bad, base=10))" in text, text
    assert python2_output(root, "m.py") == before


def test_string_atoi_not_called_with_the_string_is_left_for_a_person(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": LEFT})
    before = python2_output(root, "m.py")
    assert before == "[1, 2] 3 4\n", before
    found = [(f["line"], f["symbol"], f["fixable"]) for f in py3k_findings(capsys, root / "m.py")
             if "string-function" in f["symbol"]]
    assert found == [(2, "deprecated-string-function-no-equivalent", False)] + [
        (3, "deprecated-string-function-no-equivalent", False)] * 2, found
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    text = (root / "m.py").read_text()
    assert "from string import atoi\n" in text and "map(string.atoi, " in text and "string.atoi(s=" in text, text
    assert python2_output(root, "m.py") == before

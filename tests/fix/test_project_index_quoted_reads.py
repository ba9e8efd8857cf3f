"""The run-wide project index (diracmod/source/project_index/), tryout19 #1 #2: a module's attribute named by a
quoted string is read however the string reaches it. The module's own namespace (`globals()['StringIO']`,
`getattr(sys.modules[__name__], 'StringIO')`, `vars()['StringIO']`, `globals().get('StringIO')`: tryout19 #1) and
another module's spellings not written into the index one by one (`sys.modules['pkg.b1'].__dict__['StringIO']`,
`operator.attrgetter('StringIO')(pkg.b1)`: tryout19 #2): W1648 keeps the import (DM141) where the module's own file,
or a file of the project naming the module (importing it, or quoting its name), holds the name quoted. Each runs
under python2.7 before and after `fix --write`; a module no such file names is still rewritten."""
from __future__ import annotations

import json

from diracmod.cli import main
from diracmod.source.project_index import facts

from tests.fix.helpers import project_dir, python2_output

CLIENT = 'import sys\nimport StringIO\n\n\ndef f():\n    return StringIO.StringIO("x").read()\n'
OWN = {
    "pkg/b1.py": 'print globals()["StringIO"].__name__\n',
    "pkg/b2.py": 'print getattr(sys.modules[__name__], "StringIO").__name__\n',
    "pkg/b3.py": "print vars()['StringIO'].__name__\n",
    "pkg/b4.py": "print globals().get('StringIO').__name__\n",
}
READING = """\
import sys, operator
import pkg.b1, pkg.b2, pkg.b3, pkg.b4, pkg.b5, pkg.b6
print sys.modules["pkg.b5"].__dict__["StringIO"].__name__
print operator.attrgetter("StringIO")(pkg.b6).__name__
"""
CLIENTS = [f"pkg/b{n}.py" for n in range(1, 7)]


def test_w1648_keeps_imports_the_module_or_another_reads_by_a_quoted_name(tmp_path, monkeypatch, capsys):
    files = {"pkg/__init__.py": "", **{name: CLIENT + OWN.get(name, "") for name in CLIENTS}, "main.py": READING}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py")
    assert before == "StringIO\n" * 6
    capsys.readouterr()
    main(["check", "--no-cache", "--format", "json", "--select", "W1648,DM141", *(str(root / n) for n in CLIENTS)])
    found = json.loads(capsys.readouterr().out)
    assert sorted(f["message-id"] for f in found) == ["DM141"] * 6, found  # none counted fixable
    main(["fix", "--write", *(str(root / name) for name in CLIENTS)])
    for name in CLIENTS:
        assert "import StringIO\n" in (root / name).read_text(), name
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


PLAIN = 'import StringIO\n\n\ndef f():\n    return StringIO.StringIO("x").read()\n'
OTHER = "import pkg.b1\nprint getattr(pkg.b1, 'StringIO').__name__\n"


def test_w1648_still_rewrites_a_module_no_file_quoting_the_name_names(tmp_path, monkeypatch):
    """pkg/b7 is imported by main.py, which quotes no module name; other.py quotes 'StringIO' but names b1 only."""
    files = {"pkg/__init__.py": "", "pkg/b1.py": PLAIN, "pkg/b7.py": PLAIN, "other.py": OTHER,
             "main.py": "import pkg.b7\nprint pkg.b7.f()\n"}
    root = project_dir(tmp_path, monkeypatch, files)
    before = python2_output(root, "main.py"), python2_output(root, "other.py")
    assert before == ("x\n", "StringIO\n")
    main(["fix", "--write", str(root / "pkg/b1.py"), str(root / "pkg/b7.py")])
    assert "import StringIO\n" in (root / "pkg/b1.py").read_text()
    text = (root / "pkg/b7.py").read_text()
    assert "import StringIO" not in text and "six.moves" in text, text
    assert (python2_output(root, "main.py"), python2_output(root, "other.py")) == before, \
        "Python 2 behaviour changed"


def test_a_quoted_name_is_read_of_the_modules_the_file_names_and_of_itself(tmp_path):
    (tmp_path / "m.py").write_text("import os, pkg.b1\nfrom pkg import b2 as c\nx = {'k': 'conf.b3'}['urllib2']\n")
    reads = {(stem, name) for stem, name, _ in facts.module_reads(str(tmp_path / "m.py"), 1 << 20)}
    assert {(stem, "urllib2") for stem in ("m", "os", "b1", "b2", "b3")} <= reads, reads
    assert ("c", "urllib2") not in reads, reads  # an alias is no module's name

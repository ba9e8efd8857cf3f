"""Open mode 'U' (tryout19b #2): Python 3.11 removed it, `open(name, "rU")` raises `ValueError: invalid mode: 'rU'`
(io.open, codecs.open, os.fdopen alike; fileinput: "FileInput opening mode must be 'r' or 'rb'"). No hybrid
spelling is a rename (Python 2's 'U' translates \\r\\n and \\r; io.open(newline=None) does on both but returns
unicode on Python 2): check reports it (open-universal-newlines-mode, DM110), fix leaves it."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diracmod.check import engine
from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

PLAN = engine.Plan(frozenset({"py3k"}))


def _lines(tmp_path, code) -> list:
    path = tmp_path / "mod.py"
    path.write_text(code)
    return [f.line for f in engine.check_file(str(path), PLAN).findings if f.symbol == "open-universal-newlines-mode"]


@pytest.mark.parametrize("call", [
    "open(name, 'rU')", "open(name, 'U')", "open(name, mode='rbU')", "open(name, \"Ur\", 1)",
    "file(name, 'rU')",  # fix makes it open(name, 'rU')
    "io.open(name, 'rU')", "io.open(name, mode='rtU', encoding='utf-8')", "codecs.open(name, 'rU', 'utf-8')",
    "os.fdopen(fd, 'rU')", "fileinput.input(names, mode='rU')", "fileinput.FileInput(names, mode='U')",
    "fileinput.input(names, False, '', 0, 'rU')",  # Python 2's bufsize before mode
    "from_io(name, 'rU')", "six.moves.builtins.open(name, 'rU')",
    "gzip.open(name, 'rU')", "bz2.BZ2File(name, mode='rU')",  # Python 2 took it; every Python 3 refuses it
])
def test_a_literal_mode_holding_u_is_reported(tmp_path, call):
    code = ("import bz2, codecs, fileinput, gzip, io, os\nimport six\nfrom io import open as from_io\n\n\n"
            f"def read(name, names, fd):\n    return {call}\n")
    assert _lines(tmp_path, code) == [7]


@pytest.mark.parametrize("code", [
    "def read(name):\n    return open(name, 'rb'), open(name), open(name, mode='r')\n",
    "def read(name, mode):\n    return open(name, mode)\n",  # no literal: not known
    "def read(name, open):\n    return open(name, 'rU')\n",  # a parameter named open
    "def open(name, mode):\n    return name\n\n\nopen('x', 'rU')\n",  # the module's own open
    "import gzip\n\n\ndef read(name):\n    return gzip.open(name, 'rb')\n",
    "class Store(object):\n    def read(self, name):\n        return self.open(name, 'rU')\n",  # an attribute
    "def read(name):\n    return open('U', 'r')\n",  # the name, not the mode
    # a limit: ZipFile.open took 'U' until Python 3.6, a method of an object not known here
    "from zipfile import ZipFile\n\n\ndef read(z, name):\n    return ZipFile(z).open(name, 'rU')\n",
    "def read(name):\n    open = None\n    return open(name, 'rU')\n",  # a local
])
def test_no_finding_where_the_mode_is_no_literal_u_of_these_openers(tmp_path, code):
    assert _lines(tmp_path, code) == []


MODULE = '''\
def read(name):
    with open(name, "rU") as fp:
        return fp.read()
print(len(read(__file__)) > 0)
'''


def test_fix_leaves_the_mode_for_a_person_and_check_counts_it_not_fixable(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE})
    before = python2_output(root, "m.py")
    assert before == "True\n", before
    main(["check", "--no-cache", "--format", "json", str(root / "m.py")])
    findings = [f for f in json.loads(capsys.readouterr().out) if f["symbol"] == "open-universal-newlines-mode"]
    assert [(f["line"], f["fixable"]) for f in findings] == [(2, False)], findings
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    text = (root / "m.py").read_text()
    assert 'open(name, "rU")' in text, text
    assert python2_output(root, "m.py") == before
    proc = subprocess.run([sys.executable, "-B", "m.py"], cwd=root, capture_output=True, text=True, timeout=60)
    if sys.version_info >= (3, 11):  # why it is reported
        assert "ValueError: invalid mode: 'rU'" in proc.stderr, proc.stderr

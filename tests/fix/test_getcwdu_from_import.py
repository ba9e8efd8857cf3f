"""`from os import getcwdu` (tryout20 #17): check said nothing of it, fix left it, and the fixed module raised
ImportError on Python 3. Reported as os-getcwdu (DM134) and fixed as `from six.moves import getcwd as getcwdu`
(six.moves.getcwd is os.getcwdu itself on Python 2); a star import of os read for getcwdu is left for a person
(import-star-removed-names); the hybrid `try:` / `except ImportError:` import is neither."""
from __future__ import annotations

import subprocess
import sys

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, py3k_findings, python2_output

MODULE = '''\
import os
from os import getcwdu
from os import getcwdu as cwd
from os import path, getcwdu as here  # the place
f = os.getcwdu
print type(getcwdu()).__name__, type(cwd()).__name__, type(here()).__name__, type(f()).__name__, f.__name__
print getcwdu is os.getcwdu, cwd.__name__, path.basename('a/b')
'''


def test_from_os_import_getcwdu_is_reported_and_fixed_alike_on_python_2(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE})
    before = python2_output(root, "m.py")
    assert before == "unicode unicode unicode unicode getcwdu\nTrue getcwdu b\n", before
    found = [f for f in py3k_findings(capsys, root / "m.py") if f["symbol"] == "os-getcwdu"]
    assert [(f["line"], f["fixable"]) for f in found] == [(2, True), (3, True), (4, True), (5, True), (7, True)], found
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    text = (root / "m.py").read_text()
    assert "from six.moves import getcwd as getcwdu\n" in text and "from six.moves import getcwd as cwd\n" in text
    assert "from os import path  # the place\nfrom six.moves import getcwd as here\n" in text, text
    assert "from os import getcwdu" not in text, text
    assert python2_output(root, "m.py") == before
    assert not [f for f in py3k_findings(capsys, root / "m.py") if f["symbol"] == "os-getcwdu"]
    python3 = subprocess.run([sys.executable, "-B", "m.py"], cwd=root, capture_output=True, text=True, timeout=60)
    assert python3.stdout == "str str str str getcwd\nTrue getcwd b\n", python3.stderr


def test_a_star_import_of_os_read_for_getcwdu_is_left_for_a_person(tmp_path, monkeypatch, capsys):
    code = "from os import *\nprint getcwdu() == getcwd()\n"
    root = project_dir(tmp_path, monkeypatch, {"m.py": code})
    found = [f for f in py3k_findings(capsys, root / "m.py") if f["symbol"] == "import-star-removed-names"]
    assert len(found) == 1 and "getcwdu" in found[0]["message"] and not found[0]["fixable"], found
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert "from os import *\n" in (root / "m.py").read_text()


@pytest.mark.parametrize("code", [
    "try:\n    from os import getcwdu\nexcept ImportError:\n    from os import getcwd as getcwdu\n",
    "from os import getcwd, path\n",
    "from os import *\nprint getcwd()\n",
])
def test_other_imports_of_os_are_not_reported(tmp_path, monkeypatch, capsys, code):
    root = project_dir(tmp_path, monkeypatch, {"m.py": code})
    symbols = {f["symbol"] for f in py3k_findings(capsys, root / "m.py")}
    assert not symbols & {"os-getcwdu", "import-star-removed-names"}, symbols

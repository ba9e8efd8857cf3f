"""A Python-3-only module shipped beside its Python 2 twin (tryout18b #4: httplib2's python3/ tree, chosen by
setup.py's package_dir from sys.version_info) often parses as Python 2 too, and fix rewrote it as Python 2 code:
`"\\N{COMET}"` -> `"\\\\N{COMET}"` (DM183), `print(a, b)` -> `print((a, b))`; Python 3, its only reader, then
printed otherwise. A `\\N{NAME}` escape of a known character in a plain literal is Python 3 code
(python3-only-module, DM122): check counts nothing of the module fixable, fix skips it with a note."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir

MODULE = 'SEP = "\\u2304"\nprint(len("\\N{COMET}"), len(SEP))\n'
SETUP = ("import sys\nfrom distutils.core import setup\n"
         "setup(name='m', py_modules=['m'], package_dir={'': 'python%s' % sys.version_info[0]})\n")


def _python3(root) -> str:
    return subprocess.run([sys.executable, "python3/m.py"], cwd=root, capture_output=True, text=True,
                          timeout=60).stdout


def test_a_python3_module_is_skipped_and_still_runs_alike_on_python3(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"setup.py": SETUP, "python3/m.py": MODULE})
    before = _python3(root)
    assert before == "1 1\n"
    main(["check", "--no-cache", "--format", "json", str(root / "python3")])
    findings = json.loads(capsys.readouterr().out)
    assert [f["line"] for f in findings if f["symbol"] == "python3-only-module"] == [2]
    assert not any(f["fixable"] for f in findings), findings
    main(["fix", "--write", str(root)])
    assert "skipped: Python 3 code (line 2" in capsys.readouterr().err
    assert (root / "python3" / "m.py").read_text() == MODULE
    assert _python3(root) == before
    assert main(["fix", "--check", str(root / "python3")]) in (0, None)


@pytest.mark.parametrize("code", [
    'TEXT = u"\\N{COMET}"\n', 'RAW = r"\\N{COMET}"\n', 'KEPT = "\\\\N{COMET}"\n',
    'from __future__ import unicode_literals\nTEXT = "\\N{COMET}"\n',
    'import six\nTEXT = six.u("\\N{COMET}")\n',
    'SEP = "\\u2304"\n',  # a Python 2 author's six characters, maybe: rewritten as Python 2 code
])
def test_other_literals_do_not_mark_python3_code(tmp_path, monkeypatch, capsys, code):
    root = project_dir(tmp_path, monkeypatch, {"m.py": code})
    main(["check", "--no-cache", "--format", "json", str(root / "m.py")])
    assert "python3-only-module" not in {f["symbol"] for f in json.loads(capsys.readouterr().out)}

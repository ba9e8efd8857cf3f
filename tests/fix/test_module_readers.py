"""What other modules of the project read of a module (tryout16 #5, #6; diracmod/source/project_index/facts.py's
module_readers): a name fix would bind or unbind at the module's top level is seen by `from module import *` (a
module without `__all__`) and by `module.NAME` / `patch('module.NAME...')` in another module. W1613 and W1609's
`from six.moves import input, range` would make every star-importer's builtin range() an xrange on Python 2:
six.moves.range is spelled inline there; W1648's removal of `import urllib2, StringIO` would take the attribute
those modules read: the import is left (bad-python3-import-unmoved, with that reason)."""
from __future__ import annotations

import json
import subprocess
import sys

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

GRIDCONST = """\
\"\"\"Constants and small helpers shared by the scripts\"\"\"
MAX_RETRIES = 3


def retries():
    return [i for i in xrange(MAX_RETRIES)]


def ask(prompt):
    return raw_input(prompt)
"""
STARRING = """\
import sys, StringIO
from gridconst import *
r = range(3)
print type(r).__name__, retries(), MAX_RETRIES
sys.stdin = StringIO.StringIO("1 + 1\\nLCG\\n")
print input("expr? "), ask("site? ")
"""


def _fixed(root, *names):
    main(["fix", "--write", *(str(root / name) for name in names)])


def test_a_star_imported_module_without_all_spells_six_moves_range_and_input_inline(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"gridconst.py": GRIDCONST, "main.py": STARRING})
    before = python2_output(root, "main.py")
    assert before == "list [0, 1, 2] 3\nexpr? 2 site? LCG\n"
    _fixed(root, "gridconst.py")
    text = (root / "gridconst.py").read_text()
    assert "six.moves.range(MAX_RETRIES)" in text and "six.moves.input(prompt)" in text, text
    assert "from six.moves import" not in text, text
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


def test_a_module_with_all_or_star_imported_by_none_imports_range_at_the_top(tmp_path, monkeypatch, capsys):
    """`__all__` says what a star import binds; a module no module star-imports binds range for itself alone."""
    root = project_dir(tmp_path, monkeypatch, {
        "gridconst.py": GRIDCONST + "\n\n__all__ = ['MAX_RETRIES', 'retries', 'ask']\n", "main.py": STARRING,
        "alone.py": GRIDCONST})
    _fixed(root, "gridconst.py", "alone.py")
    for name in ("gridconst.py", "alone.py"):
        text = (root / name).read_text()
        assert "from six.moves import input, range" in text and "six.moves.range" not in text, text


CLIENT = """\
import urllib2, StringIO, Queue


def fetch(url):
    try:
        return urllib2.urlopen(url, timeout=2).read()
    except urllib2.URLError, e:
        return "failed: %s" % e.reason


def buffer(text):
    return StringIO.StringIO(text).read(), Queue.Queue().qsize()
"""
PATCHING = """\
import client


class FakeResponse(object):
    def read(self):
        return "fake body"


def run():
    orig = client.urllib2.urlopen
    client.urllib2.urlopen = lambda url, timeout=None: FakeResponse()
    try:
        return client.fetch("http://example.invalid/"), client.buffer("x")
    finally:
        client.urllib2.urlopen = orig
"""
STARRING_CLIENT = """\
from client import *


def run():
    return buffer("x"), StringIO.StringIO("y").read()
"""


def _runs(root, module: str) -> str:
    (root / "run.py").write_text(f"import {module}\nprint {module}.run()\n")
    return python2_output(root, "run.py")


def _w1648(root, capsys, name: str) -> list:
    capsys.readouterr()
    main(["check", "--no-cache", "--format", "json", str(root / name)])
    return sorted((f["symbol"], f["fixable"], "urllib2 of this module" in f.get("message", ""))
                  for f in json.loads(capsys.readouterr().out) if "bad-python3-import" in f["symbol"])


def test_w1648_leaves_an_import_other_modules_read_as_the_module_attribute(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"client.py": CLIENT, "test_client.py": PATCHING})
    before = _runs(root, "test_client")
    assert before.startswith("('fake body', ('x', 0))")
    assert _w1648(root, capsys, "client.py") == [("bad-python3-import", True, False)] * 2 + [
        ("bad-python3-import-unmoved", False, True)]
    _fixed(root, "client.py")
    text = (root / "client.py").read_text()
    # urllib2 kept, StringIO (which no other module reads) rewritten
    assert "import urllib2\n" in text and "urllib2.urlopen(" in text and "six.moves.urllib" not in text, text
    assert "StringIO.StringIO(text)" not in text, text
    assert _runs(root, "test_client") == before, "Python 2 behaviour changed"


def test_w1648_leaves_the_imports_a_star_import_exports(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"client.py": CLIENT, "starring.py": STARRING_CLIENT})
    before = _runs(root, "starring")
    assert before == "(('x', 0), 'y')\n"
    _fixed(root, "client.py")
    text = (root / "client.py").read_text()
    assert "import urllib2, StringIO" in text, text
    assert _runs(root, "starring") == before, "Python 2 behaviour changed"


def test_w1648_sees_a_patch_target_string_naming_the_module_attribute(tmp_path, monkeypatch, capsys):
    patching = "import mock\n\n\ndef test():\n    with mock.patch('pkg.client.urllib2.urlopen'):\n        pass\n"
    root = project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/client.py": CLIENT,
                                               "tests/test_c.py": patching})
    assert ("bad-python3-import-unmoved", False, True) in _w1648(root, capsys, "pkg/client.py")
    _fixed(root, "pkg/client.py")
    assert "import urllib2" in (root / "pkg/client.py").read_text()


def test_w1648_still_rewrites_an_import_no_other_module_reads(tmp_path, monkeypatch, capsys):
    """A module with `__all__` exports only what it names; `client.fetch` is no read of client.urllib2."""
    root = project_dir(tmp_path, monkeypatch, {
        "client.py": CLIENT + "\n\n__all__ = ['fetch', 'buffer']\n", "starring.py": STARRING_CLIENT.replace(
            'StringIO.StringIO("y").read()', 'fetch'), "user.py": "import client\nclient.fetch('x')\n"})
    assert _w1648(root, capsys, "client.py") == [("bad-python3-import", True, False)] * 3
    _fixed(root, "client.py")
    text = (root / "client.py").read_text()
    assert "six.moves.urllib.request.urlopen(" in text and "import urllib2" not in text, text


def test_the_check_cache_keys_on_what_other_modules_read_of_the_module(tmp_path, monkeypatch):
    # W1648 is fixable until another module reads client.urllib2: the warm cache must see that module come and go
    root = project_dir(tmp_path, monkeypatch, {"client.py": CLIENT})

    def symbols():
        proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--format", "json", "--select", "W1648",
                               "client.py"], cwd=root, capture_output=True, text=True, timeout=300)
        return sorted(finding["symbol"] for finding in json.loads(proc.stdout))

    assert symbols() == ["bad-python3-import"] * 3
    (root / "user.py").write_text(PATCHING)
    assert symbols() == ["bad-python3-import"] * 2 + ["bad-python3-import-unmoved"]
    (root / "user.py").unlink()
    assert symbols() == ["bad-python3-import"] * 3


def test_module_reads_finds_star_imports_and_attribute_reads_by_the_module_last_name(tmp_path):
    from diracmod.source.project_index.facts import module_reads
    from diracmod.source.project_index.scan import STAR, module_key
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    reader = tmp_path / "pkg" / "sub" / "reader.py"
    reader.write_text("from gridconst import *\nfrom .helpers import *\nfrom pkg.consts import (*)\nfrom . import *\n"
                      "from .. import *\nimport client\nclient.StringIO.StringIO('x')\n"
                      "PATCHED = 'pkg.client.urllib2.urlopen'\nsix.moves.urllib2_like = 1\n")
    assert sorted(module_reads(str(reader), 10_000)) == [
        ("client", "StringIO", 7), ("client", "urllib2", 8), ("consts", STAR, 3), ("gridconst", STAR, 1),
        ("helpers", STAR, 2), ("pkg", STAR, 5), ("sub", STAR, 4)]
    assert module_key(str(tmp_path / "pkg" / "__init__.py")) == "pkg" and module_key(str(reader)) == "reader"


READERS = {
    "patch_object.py": "import client\nclass Fake(object):\n    pass\n"
                       "def patched(patch):\n    return patch.object(client, 'urllib2', Fake)\n",
    "from_import.py": "from client import StringIO\nprint StringIO.StringIO('s').read()\n",
}


def test_w1648_sees_patch_object_and_from_imports_of_the_module_attribute(tmp_path, monkeypatch, capsys):
    """tryout17 #15 (`mock.patch.object(client, 'urllib2', Fake)`, the standard recipe) and #1 (`from client
    import StringIO`): readers of the attribute the removal would take; the import stays, as for `client.urllib2`."""
    root = project_dir(tmp_path, monkeypatch, {"client.py": CLIENT, **READERS})
    before = python2_output(root, "from_import.py")
    assert before == "s\n"
    _fixed(root, "client.py")
    text = (root / "client.py").read_text()
    assert "import urllib2, StringIO" in text, text
    assert python2_output(root, "from_import.py") == before


def test_w1648_keeps_an_import_the_modules_own_all_lists(tmp_path, monkeypatch, capsys):
    """tryout17 #14: `__all__` names it: a star import anywhere (in the project or not) takes it."""
    star = "from client import *\nprint urllib2.__name__\n"
    root = project_dir(tmp_path, monkeypatch, {"client.py": CLIENT + "\n\n__all__ = ['fetch', 'urllib2']\n",
                                               "star.py": star})
    before = python2_output(root, "star.py")
    (root / "star.py").unlink()  # an importer outside the run: the project holds none
    _fixed(root, "client.py")
    assert "import urllib2" in (root / "client.py").read_text()
    (root / "star.py").write_text(star)
    assert python2_output(root, "star.py") == before == "urllib2\n"

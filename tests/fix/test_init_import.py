"""A package module importing its package's own `__init__` implicitly (`from __init__ import VERSION`, `import
__init__ as base`: Python 2 imports pkg/__init__.py a second time, as the module `pkg.__init__`; tryout23 #8). The
name `__init__` is a sibling (diracmod/core/siblings.py), so fix makes the imports explicit as Python 2 resolved
them before adding absolute_import: `from .__init__ import VERSION`, and, for the module itself, the relative
import call (`from . import __init__` would read the package's attribute `__init__`, its method `__init__` until
`pkg.__init__` is first imported)."""
from __future__ import annotations

import json

from diracmod.cli import main
from diracmod.core import siblings
from tests.fix.helpers import project_dir, python2_output

FILES = {
    "pkg/__init__.py": "VERSION = '1.0'\nCOUNT = [0]\nCOUNT[0] += 1\n",
    "pkg/mod.py": ("from __init__ import VERSION, COUNT\nimport __init__ as base\n\n\n"
                   "def info():\n    return VERSION, COUNT[0], base.__name__\n"),
    # the module itself first: `from . import __init__` would bind the package's method
    "pkg/alone.py": "import __init__\n\n\ndef name():\n    return __init__.__name__, __init__.VERSION\n",
    "main.py": ("import pkg\nfrom pkg import mod, alone\nimport sys\n"
                "print mod.info(), alone.name(), pkg.COUNT[0],"
                " sorted(k for k in sys.modules if k.startswith('pkg'))\n"),
}


def test_fix_makes_an_import_of_the_package_init_explicit_and_python2_runs_alike(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, FILES)
    before = python2_output(root, "main.py")
    assert before == ("('1.0', 1, 'pkg.__init__') ('pkg.__init__', '1.0') 1 "
                      "['pkg', 'pkg.__init__', 'pkg.alone', 'pkg.mod']\n")
    assert main(["fix", "--write", str(root / "pkg")]) == 0
    mod, alone = (root / "pkg/mod.py").read_text(), (root / "pkg/alone.py").read_text()
    assert "from __future__ import absolute_import" in mod and "from __future__ import absolute_import" in alone
    assert "from .__init__ import VERSION, COUNT\n" in mod
    assert 'base = __import__("__init__", globals(), level=1)\n' in mod
    assert '__init__ = __import__("__init__", globals(), level=1)\n' in alone
    assert python2_output(root, "main.py") == before, "Python 2 behaviour changed"


def test_init_is_a_sibling_in_a_package_only(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "__init__.py").write_text("")  # no package above: a script directory's top-level module
    (tmp_path / "top").mkdir()
    assert "__init__" in siblings.implicit(tmp_path / "pkg")
    assert "__init__" not in siblings.modules(tmp_path / "pkg")
    assert siblings.implicit(tmp_path / "top") == frozenset()


def test_check_counts_the_import_of_init_fixable_as_fix_makes_it_explicit(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, FILES)
    main(["check", "--no-cache", "--format", "json", "--select", "py3k", str(root / "pkg/mod.py")])
    found = [f for f in json.loads(capsys.readouterr().out) if f["symbol"] == "no-absolute-import"]
    assert found and all(f["fixable"] for f in found), found

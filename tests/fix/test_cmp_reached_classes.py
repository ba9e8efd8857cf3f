"""tryout13 #5: cmp() on objects of a project class with rich comparisons that the module reaches otherwise than
by `import lib` / `from lib import A`: a submodule imported by `from pkg import lib` (`lib.A`, `K = lib.A`), a
module `__import__` or importlib.import_module loads, a class `type(name, bases, dict)` makes (in another module or
its own), whose methods no class body shows. `(a > b) - (a < b)` gives 0 where ==, < and > are all false, Python
2's cmp() falls back to its default order (never 0 for two objects): fix leaves the calls
(cmp-builtin-rich-comparisons, DM404), check reports them not fixable. A class of the package without
comparisons is still rewritten."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

LIB2 = """\
class Base(object):
    def __init__(self, k):
        self.k = k

    def __lt__(self, o):
        return False
"""
LIB = """\
from pkg.lib2 import Base


class A(Base):
    pass


class Plain(object):
    def __init__(self, k):
        self.k = k


B = type('B', (object,), {'__lt__': lambda s, o: False, '__init__': lambda s, k: None})
D = type('D', (Plain,), {'twice': lambda s: 2 * s.k})
"""
REACHED = {
    "from_submodule.py": "from pkg import lib\n\n\ndef go():\n    a = lib.A(1); b = lib.A(1)\n    return cmp(a, b)\n",
    "alias.py": "from pkg import lib\nK = lib.A\n\n\ndef go():\n    a = K(1); b = K(1)\n    return cmp(a, b)\n",
    "dunder_import.py": ("lib = __import__('pkg.lib', fromlist=['A'])\n\n\n"
                         "def go():\n    a = lib.A(1); b = lib.A(1)\n    return cmp(a, b)\n"),
    "import_module.py": ("import importlib\nlib = importlib.import_module('pkg.lib')\n\n\n"
                         "def go():\n    a = lib.A(1); b = lib.A(1)\n    return cmp(a, b)\n"),
    "type_made.py": "from pkg import lib\n\n\ndef go():\n    a = lib.B(1); b = lib.B(1)\n    return cmp(a, b)\n",
    "own_type_made.py": ("C = type('C', (object,), {'__lt__': lambda s, o: False})\n\n\n"
                         "def go():\n    a = C(); b = C()\n    return cmp(a, b)\n"),
}
PLAIN = ("from pkg import lib\nE = type('E', (object,), {'k': 1})\n\n\n"
         "def go():\n    x = lib.D(1).twice(); y = lib.Plain(2).k + E.k\n    return cmp(x, y)\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/lib.py": LIB, "pkg/lib2.py": LIB2,
                                               "plain.py": PLAIN, **REACHED})


def _run(root, module: str) -> str:
    (root / "run.py").write_text(f"import sys\nimport {module}\nsys.stdout.write('%r\\n' % ({module}.go() != 0,))\n")
    return python2_output(root, "run.py")


@pytest.mark.parametrize("name", sorted(REACHED))
def test_fix_leaves_cmp_on_a_class_reached_otherwise_and_python2_runs_alike(project, capsys, name):
    module = name[:-3]
    assert _run(project, module) == "True\n"
    main(["fix", "--write", str(project / name)])
    assert "cmp(a, b)" in (project / name).read_text()
    assert _run(project, module) == "True\n", "Python 2 behaviour changed"


def test_classes_of_the_package_without_comparisons_are_still_rewritten(project, capsys):
    """Not for a class type() makes with a dict display of other written-out keys (in the package or the module)."""
    assert _run(project, "plain") == "True\n"
    main(["fix", "--write", str(project / "plain.py")])
    assert "(x > y) - (x < y)" in (project / "plain.py").read_text()
    assert _run(project, "plain") == "True\n"


def test_check_reports_them_not_fixable_as_fix_leaves_them(project, capsys):
    main(["check", "--no-cache", "--format", "json", *(str(project / name) for name in sorted(REACHED)),
          str(project / "plain.py")])
    found = sorted((f["path"].rsplit("/", 1)[-1], f["symbol"], f["fixable"])
                   for f in json.loads(capsys.readouterr().out) if "cmp" in f["symbol"])
    assert found == sorted([(name, "cmp-builtin-rich-comparisons", False) for name in REACHED]
                           + [("plain.py", "cmp-builtin", True)])

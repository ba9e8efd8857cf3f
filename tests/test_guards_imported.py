"""A version flag imported from another module of the project (tryout17 #8, Twisted's `from twisted.python.compat
import _PY3`) is read as that module defines it (diracmod/source/guards.py module_flags, through the project index's
ProjectIndex.flags_of), whatever its name: its Python 2 branch is exempt from check and left by fix, its Python 3
branch gets stdlib-removed-later (DM174), as for a flag the module defines itself (tests/test_guards.py)."""
import json
import textwrap

import pytest

from diracmod.check import engine
from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output

TWISTED_COMPAT = "import sys\n\nif sys.version_info < (3, 0):\n    _PY3 = False\nelse:\n    _PY3 = True\n"
BODY = "    from collections import Mapping as M\nelse:\n    a = unicode(1)\n"


def _findings(root, name, guards=True) -> dict:
    """symbol -> sorted lines of the py3k findings of `name` under `root`, checked with the project's index."""
    index = project_index.build(str(root), (), 1_000_000)
    plan = engine.Plan(frozenset({"py3k"}), guards=guards, project=index)
    found: dict = {}
    for finding in engine.check_file(str(root / name), plan).findings:
        found.setdefault(finding.symbol, []).append(finding.line)
    return {symbol: sorted(lines) for symbol, lines in found.items()}


def _tree(tmp_path, files: dict):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text))
    return tmp_path


@pytest.mark.parametrize("imports,test", [
    ("from pkg.compat import _PY3", "_PY3"),
    ("from .compat import _PY3 as P3", "P3"),
    ("from pkg import compat", "compat._PY3"),
    ("from . import compat as c", "c._PY3"),
    ("import pkg.compat as compat", "compat._PY3"),
    ("import pkg.compat", "pkg.compat._PY3"),
])
def test_a_flag_imported_from_a_project_module_is_read_by_its_definition(tmp_path, imports, test):
    root = _tree(tmp_path, {"pkg/__init__.py": "", "pkg/compat.py": TWISTED_COMPAT,
                            "pkg/mod.py": f"{imports}\nif {test}:\n{BODY}"})
    assert project_index.build(str(root), (), 1_000_000).flags == (("compat", "_PY3", "py3", "py2"),)
    found = _findings(root, "pkg/mod.py")
    # the branch Python 3 runs: ImportError from 3.10; the else only runs on Python 2
    assert found.get("stdlib-removed-later") == [3] and "unicode-builtin" not in found, found
    assert _findings(root, "pkg/mod.py", guards=False).get("unicode-builtin") == [5]
    # not(flag): the branches swapped
    (root / "pkg/mod.py").write_text(f"{imports}\nif not {test}:\n    a = unicode(1)\nelse:\n"
                                     "    from collections import Mapping as M\n")
    found = _findings(root, "pkg/mod.py")
    assert found.get("stdlib-removed-later") == [5] and "unicode-builtin" not in found, found


@pytest.mark.parametrize("compat,other,imports", [
    ("import sys\n_PY3 = check()\n", None, "from pkg.compat import _PY3"),  # no version test
    # two modules named compat that disagree: neither is known to be the one imported
    (TWISTED_COMPAT, "import sys\n_PY3 = sys.version_info[0] == 2\n", "from pkg.compat import _PY3"),
    (TWISTED_COMPAT, None, "from pkg.compat import _PY3\n_PY3 = False"),  # bound otherwise too
    (TWISTED_COMPAT, None, "from pkg import compat\ncompat = None"),
    (TWISTED_COMPAT, None, "from pkg.other import _PY3"),  # another module's name
    (TWISTED_COMPAT, None, "from pkg.compat import *"),  # a star import binds no _name
])
def test_a_name_imported_otherwise_is_no_flag(tmp_path, compat, other, imports):
    test = "compat._PY3" if "import compat" in imports else "_PY3"
    files = {"pkg/__init__.py": "", "pkg/compat.py": compat, "pkg/mod.py": f"{imports}\nif {test}:\n{BODY}"}
    if other:
        files["lib/compat.py"] = other
    root = _tree(tmp_path, files)
    lines = imports.count("\n")
    found = _findings(root, "pkg/mod.py")
    # the else is checked (`unicode` may be the star import's under it)
    assert [lines + 5] in (found.get("unicode-builtin"), found.get("builtin-name-unsure")), found
    assert "stdlib-removed-later" not in found, found


def test_a_star_import_binds_the_public_flags(tmp_path):
    root = _tree(tmp_path, {"compat.py": "import sys\nPYTHON3 = sys.version_info >= (3,)\n",
                            "mod.py": f"from compat import *\nif PYTHON3:\n{BODY}"})
    found = _findings(root, "mod.py")
    assert found.get("stdlib-removed-later") == [3] and "unicode-builtin" not in found, found


MAIN = """\
from pkg.compat import _PY3
from pkg import compat

if _PY3:
    text = str
else:
    text = unicode
if not compat._PY3:
    def describe(d):
        return sorted(d.keys()), isinstance(u'x', basestring), type(text('a')).__name__
else:
    def describe(d):
        return sorted(d), True, 'str'
print(describe({'b': 1, 'a': 2}))
"""


def test_fix_leaves_the_python2_branch_of_an_imported_flag(tmp_path, monkeypatch, capsys):
    """check and fix agree: what check exempts (the Python 2 branches, through `_PY3` and `compat._PY3`) fix leaves;
    python2.7 prints the same before and after."""
    root = project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/compat.py": TWISTED_COMPAT,
                                               "main.py": MAIN})
    before = python2_output(root, "main.py")
    assert before == "(['a', 'b'], True, 'unicode')\n"
    main(["check", "--no-cache", "--format", "json", "--select", "py3k", str(root / "main.py")])
    # the imports and the print only: nothing in the branches (`text = str`'s branch has nothing to report)
    assert {f["line"] for f in json.loads(capsys.readouterr().out)} == {1, 14}
    main(["fix", "--write", "--unsafe", str(root)])
    fixed = (root / "main.py").read_text()
    assert fixed.endswith(MAIN[MAIN.index("if _PY3:"):]), fixed  # the future imports only added
    assert python2_output(root, "main.py") == before


def test_the_index_reads_the_flag_lines_only(tmp_path):
    """The tree of a file is read for its flags where a line at column 0 assigns, tests or imports from six a
    version test; not for an import of a flag or a test of one (the importers), nor a name holding PY3."""
    root = _tree(tmp_path, {
        "a.py": "from pkg.compat import _PY3\nif _PY3:\n    x = 1\n_PY3Skip = 'later'\n",
        "b.py": "import sys\ndef f():\n    PY3 = sys.version_info[0] == 3\n",  # not at module level
        "c.py": "from six import PY3 as IS3\n", "d.py": "import six\nPY2K = six.PY2\n",
        "e.py": "import sys\nif sys.hexversion >= 0x3000000:\n    P = True\nelse:\n    P = False\n",
        "f.py": "import sys\n" + "x" * 100_000 + " PY3 sys.version\n" * 3,
    })
    assert project_index.build(str(root), (), 1_000_000).flags == (
        ("c", "IS3", "py3", "py2"), ("d", "PY2K", "py2", "py3"), ("e", "P", "py3", "py2"))


def test_the_result_cache_keys_on_the_flags_a_file_names(tmp_path):
    """A flag defined otherwise in another module is a cache miss for the files naming it, and only for them."""
    flag = project_index.ProjectIndex(flags=(("compat", "_PY3", "py3", "py2"),))
    other = project_index.ProjectIndex(flags=(("compat", "_PY3", "py2", "py3"),))
    importer = b"from twisted.python.compat import _PY3\nif _PY3:\n    pass\n"
    assert len({index.context(importer) for index in (flag, other, project_index.ProjectIndex())}) == 3
    assert flag.context(b"import os\n") == other.context(b"import os\n") == ""

"""tryout20 #6: a version flag defined by a default then a version test without else (`PY3K = False` / `if
sys.version_info[0] >= 3:` / `    PY3K = True`), or by the probe of a builtin Python 3 removed (`try: unicode` /
`    _PY3 = False` / `except NameError:` / `    _PY3 = True`), is read as a flag (diracmod/source/guards.py
module_flags), in the module and imported from a project module (ProjectIndex.flags_of): its Python 2 branch is
not reported. A name bound once more, or a probed builtin the module binds, is no flag."""
import ast
import textwrap

import pytest

from diracmod.check import engine
from diracmod.source import guards, project_index

DEFAULT = """\
import sys

PY3K = False
if sys.version_info[0] >= 3:
    PY3K = True
"""
PROBE = """\
try:
    unicode
    _PY3 = False
except NameError:
    _PY3 = True
"""
PY2_FIRST = """\
IS_OLD = True
if sys.version_info >= (3,):
    IS_OLD = False
"""


def _flags(text: str) -> dict:
    return guards.module_flags(ast.parse(textwrap.dedent(text)))


def test_a_default_and_a_test_without_else_make_a_flag():
    assert _flags(DEFAULT)["PY3K"] == ("py3", "py2")
    assert _flags(PROBE)["_PY3"] == ("py3", "py2")
    assert _flags("import sys\n" + PY2_FIRST)["IS_OLD"] == ("py2", "py3")
    assert _flags(PROBE.replace("False", "X").replace("True", "False").replace("X", "True"))["_PY3"] == ("py2", "py3")


@pytest.mark.parametrize("text", [
    DEFAULT + "PY3K = 1\n",                                  # bound once more
    DEFAULT + "def f():\n    global PY3K\n    PY3K = False\n",
    DEFAULT.replace("PY3K = True", "PY3K = False"),           # the same constant
    DEFAULT.replace("PY3K = False\n", "PY3K = None\n"),       # no bool default
    "import sys\nif sys.version_info[0] >= 3:\n    PY3K = True\nPY3K = False\n",  # the default after
    "unicode = str\n" + PROBE,                               # the probed builtin bound by the module
    PROBE.replace("    unicode\n", "    unicode\n    other()\n"),  # another statement may raise NameError
    PROBE.replace("NameError", "Exception"),
    PROBE.replace("unicode", "input"),                       # Python 3 has it
    PROBE + "_PY3 = 0\n",
])
def test_no_flag_where_the_definition_is_not_sound(text):
    flags = _flags(text)
    assert flags.get("PY3K", (None, None)) == (None, None) and flags.get("_PY3", (None, None)) == (None, None), flags


def _findings(root, name) -> dict:
    index = project_index.build(str(root), (), 1_000_000)
    plan = engine.Plan(frozenset({"py3k"}), guards=True, project=index)
    found: dict = {}
    for finding in engine.check_file(str(root / name), plan).findings:
        found.setdefault(finding.symbol, []).append(finding.line)
    return found


USE = """\
def f(d, k):
    if {flag}:
        return k in d
    else:
        return d.has_key(k)
"""


@pytest.mark.parametrize("compat,flag", [(DEFAULT, "PY3K"), (PROBE, "_PY3")])
@pytest.mark.parametrize("imported", [True, False])
def test_the_python2_branch_of_such_a_flag_is_not_reported(tmp_path, compat, flag, imported):
    files = {"pkg/__init__.py": "", "pkg/compat.py": compat,
             "pkg/a.py": f"from pkg.compat import {flag}\n\n\n" + USE.format(flag=flag)} if imported else \
        {"pkg/__init__.py": "", "pkg/a.py": compat + "\n\n" + USE.format(flag=flag)}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert "dict-has-key" not in _findings(tmp_path, "pkg/a.py")
    # not(flag): the branches swapped, the Python 2 one reported no more
    (tmp_path / "pkg/a.py").write_text(files["pkg/a.py"].replace(f"if {flag}:", f"if not {flag}:"))
    assert "dict-has-key" in _findings(tmp_path, "pkg/a.py")

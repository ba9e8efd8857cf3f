"""A package's sibling named like a standard module (pkg/string.py, pkg/types.py, pkg/StringIO.py, pkg/Queue.py
beside pkg/a.py): without `from __future__ import absolute_import` Python 2's `import string` in pkg/a.py imports
the sibling (implicit relative import), with it the standard module. check reports the standard module's
findings (W1648 bad-python3-import, W1649 deprecated-string-function, W1652 deprecated-types-field) only where
Python 2 imports the standard one, fix rewrites exactly those, and neither calls the standard module "the
project's own module" under absolute_import (siblings.python2_own decides for both)."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from diracmod.fix import engine as engine_fix, futures
from tests.fix.helpers import everything, python2_output

ABSOLUTE = "from __future__ import absolute_import\n"
SIBLINGS = {
    "__init__.py": "",
    "string.py": "def upper(s):\n    return 'sibling ' + s\n",
    "types.py": "StringType = 'sibling'\n",
    "StringIO.py": "class StringIO(object):\n    pass\n",
    "Queue.py": "class Queue(object):\n    pass\n",
}
# each shape: `import X`, `import X as y`, `from X import y`, for the string functions, types.*, StringIO and a
# renamed module (Queue)
USER = """import sys
import string
import types
import StringIO
import Queue
import string as S
import types as T
from types import StringType
from Queue import Queue as Q
sys.stdout.write(repr((string.upper('a'), types.StringType is str, StringIO.StringIO.__module__,
                       Queue.Queue.__module__, S.upper('b'), T.StringType is str, StringType is str,
                       Q.__module__)) + '\\n')
"""
RULES = ("bad-python3-import", "deprecated-string-function", "deprecated-types-field")
# what python2.7 prints: the siblings' objects without absolute_import, the standard modules' with it
PRINTED = {"": "('sibling a', False, 'pkg.StringIO', 'pkg.Queue', 'sibling b', False, False, 'pkg.Queue')\n",
           ABSOLUTE: "('A', True, 'StringIO', 'Queue', 'B', True, True, 'Queue')\n"}


def _project(tmp_path, future: str):
    root = tmp_path / "proj"
    (root / "pkg").mkdir(parents=True)
    (root / "setup.cfg").write_text("[metadata]\nname = proj\n")
    for name, text in SIBLINGS.items():
        (root / "pkg" / name).write_text(text)
    (root / "pkg" / "a.py").write_text(future + USER)
    (root / "main.py").write_text("import pkg.a\n")
    return root


def _checked(path) -> list:
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json", "--select",
                           "py3k", str(path)], capture_output=True, text=True, timeout=300)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("future", ["", ABSOLUTE], ids=["implicit-relative", "absolute_import"])
def test_the_standard_modules_names_are_rewritten_only_where_python2_imports_the_standard_module(tmp_path, future):
    root = _project(tmp_path, future)
    before = python2_output(root, "main.py")
    assert before == PRINTED[future]
    result = engine_fix.fix_file(str(root / "pkg" / "a.py"), everything(futures.Policy()))
    (root / "pkg" / "a.py").write_bytes(result.new)
    assert python2_output(root, "main.py") == before
    text = result.new.decode()
    if future:  # the standard modules: rewritten as anywhere else, no note calling them the project's
        assert "'a'.upper()" in text and "six.moves" in text and "import StringIO\n" not in text, text
        assert not any("project's own module" in note for note in result.notes), result.notes
        assert not [f.symbol for f in result.left if f.symbol in RULES]
    else:  # the siblings: imported explicitly relative, their names left as they are
        assert "from . import string\n" in text and "string.upper('a')" in text and "six" not in text, text


@pytest.mark.parametrize("future", ["", ABSOLUTE], ids=["implicit-relative", "absolute_import"])
def test_check_counts_fixable_what_fix_rewrites_of_a_standard_module_named_like_a_sibling(tmp_path, future):
    root = _project(tmp_path, future)
    findings = _checked(root / "pkg" / "a.py")
    counted = Counter(f["symbol"] for f in findings if f["fixable"] and f["symbol"] in RULES)
    reported = Counter(f["symbol"] for f in findings if f["symbol"] in RULES or f.get("split-from") in RULES)
    result = engine_fix.fix_file(str(root / "pkg" / "a.py"), everything(futures.Policy()))
    applied = {symbol for symbol in result.applied if symbol in RULES}  # rewrites, not findings, are counted
    assert set(counted) == applied and not [f.symbol for f in result.left if f.symbol in RULES]
    assert bool(reported) == bool(future)  # the siblings' names are no finding of the standard module's

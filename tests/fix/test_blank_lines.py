"""The imports fix inserts keep pycodestyle's blank lines (D26): check's pycodestyle findings do not grow: no
new code, and no more blank-line (E30x) findings. (A line fix adds in a file indented by 2 spaces is indented
like the file, so E111 may count one more: the file's own style.)"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine, futures
from diracmod.source import reader
from tests.fix.helpers import everything

EXAMPLE = Path(__file__).parents[2] / "examples" / "legacy_project"
STYLE = check_engine.Plan(checkers=frozenset({"pycodestyle"}))
CRAFTED = {
    "def.py": "def f():\n    return unicode(1)\n",
    "decorated.py": "@staticmethod\ndef f():\n    return unicode(1)\n",
    "class.py": '"""Doc."""\nimport os\n\n\nclass A(object):\n    x = unicode(os.sep)\n',
    "comment.py": "# leading\n\n\n# about f\ndef f():\n    return unicode(1)\n",
    # keep-line-numbers' future line takes a blank line: none of the two above a def (Paste's mimeparse.py)...
    "two blank.py": '"""Doc."""\n\n\ndef f():\n    return unicode(1)\n\nx = 1\n',
    # ... nor of those stage 2 wrote below `import six` (Paste's converters.py)
    "comments.py": "# (c) someone\n# licence\ndef f():\n    return unicode(1)\n",
    # the module's first statement, a class, now follows the future line: two blank lines above it (filemixin.py)
    "first class.py": "# (c) someone\n\nclass A(object):\n    def next(self):\n        return 1\n",
    # stage 1's future line is above the def when stage 2 adds its import: two blank lines after the import
    "first def, print.py": "def f():\n    return xrange(3)\n\n\nprint list(f())\n",
}


def _style(path: str, data: bytes) -> Counter:
    return Counter(f.msg_id for f in check_engine.analyse(path, reader.decode(path, data), STYLE)
                   if f.checker == "pycodestyle")


def _grown(before: Counter, after: Counter) -> Counter:
    return Counter({code: count for code, count in (after - before).items()
                    if code not in before or code.startswith("E30")})


def _cases(tmp_path):
    for name, code in CRAFTED.items():
        (tmp_path / name).write_text(code)
        yield str(tmp_path / name)
    yield from map(str, sorted(EXAMPLE.rglob("*.py")))


@pytest.mark.parametrize("policy", [futures.Policy(), futures.Policy(names=()), futures.Policy(keep_lines=True)],
                         ids=["DIRAC", "no futures", "keep-line-numbers"])
def test_fix_adds_no_pycodestyle_finding(tmp_path, policy):
    grown, fixed = {}, 0
    for path in _cases(tmp_path):
        result = engine.fix_file(path, everything(policy))
        if result.new:
            fixed += 1
            before, after = _style(path, result.data), _style(path, result.new)
            if _grown(before, after):
                grown[path] = (_grown(before, after), result.new.decode())
    assert fixed >= len(CRAFTED) and grown == {}


@pytest.mark.parametrize("code", [
    # tryout13 #2: libcst's parse of the module's top alone lost the blank lines above a line holding only a
    # backslash continuation (the top ended just after it)
    "y = 1\n\n\n\n\\\n\nprint 1\n",
    '"""Doc."""\nimport os\n\n\n\n\\\n\nprint os\n',
    # with stage 2's rewrites too
    "y = unicode(1)\n\n\n\n\\\n\nx = 2\n",
])
def test_blank_lines_above_a_lone_backslash_line_are_kept(tmp_path, code):
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    fixed = result.new.decode()
    assert "\n\n\n\n\\\n\n" in fixed, fixed


def test_a_lone_backslash_line_in_a_def_fissix_cannot_read_is_named(tmp_path):
    """python2.7 reads `    \\` then a blank line in a def as a blank line; fissix's parser refuses it: the file is
    left, and the reason says which line and what to do."""
    code = "def f():\n    x = 1\n\n\n\n    \\\n\n    return x\nprint f()\n"
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    assert result.new is None and result.refused == (
        "the syntax stage (fissix) cannot read line 6, a line holding only a backslash continuation followed by a "
        "blank line (Python 2 reads both as one blank line): delete that backslash and run fix again")

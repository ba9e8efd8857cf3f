"""Form feeds (page breaks, `\\f`) at the top of a module, where the future imports go: each is kept once, on its
own line (fissix's print fixer moved the first statement's prefix onto the import it adds and the print call
kept it too: the tryout's `\\fprint "a"` came out with two; keep-line-numbers took a `\\f` line as a blank)."""
from __future__ import annotations

import collections
import subprocess

import pytest

from diracmod.fix import engine, futures
from diracmod.rules import style
from tests.fix.helpers import everything, python27

SOURCES = {
    "the module starts with one, on a print statement": b"\x0cprint 'a'\n\x0c\nprint 1/2\n",
    "on the statement after the docstring": b'"""Doc."""\n\x0cimport os\n\nprint unicode(os.sep)\n',
    "a line of its own among the leading comments": b"# c\n\x0c\nimport os\nprint unicode(os.sep)\n",
    "a line of its own before a def": b"import os\n\x0c\ndef f():\n    print unicode(os.sep)\n",
    "before the comment above a print": b"\x0c# c\nprint 'a'\n",
}
POLICIES = {"one per line": futures.Policy(), "keep-line-numbers": futures.Policy(keep_lines=True)}


def _fix(path, data: bytes, policy) -> bytes:
    path.write_bytes(data)
    result = engine.fix_file(str(path), everything(policy))
    assert result.refused is None
    return data if result.new is None else result.new


def _form_feed_codes(text: str) -> collections.Counter:
    """pycodestyle's E/W codes on `text` that its form feeds make (E111/E113 for a `\\f` before code)."""
    def codes(source):
        return collections.Counter(code for _, _, code, _, _ in style.check("m.py", source, ()) if code[0] in "EW")
    return codes(text) - codes(text.replace("\f", ""))


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("name", SOURCES)
def test_each_form_feed_is_kept_once_and_the_result_is_stable(tmp_path, name, policy):
    source = SOURCES[name]
    path = tmp_path / "m.py"
    fixed = _fix(path, source, POLICIES[policy])
    assert b"from __future__ import" in fixed
    assert fixed.count(b"\f") == source.count(b"\f")
    assert _fix(path, fixed, POLICIES[policy]) == fixed
    compile(fixed, "m.py", "exec")
    subprocess.run([python27(), "-c", "import sys; compile(open(sys.argv[1]).read(), 'm.py', 'exec')", str(path)],
                   check=True)
    assert _form_feed_codes(fixed.decode()) == _form_feed_codes(source.decode())


@pytest.mark.parametrize("policy, expected", [
    ("one per line", b"from __future__ import absolute_import\nfrom __future__ import division\n"
                     b"from __future__ import print_function\n\n\x0cprint('a')\n\x0c\nprint(1//2)\n"),
    ("keep-line-numbers", b"from __future__ import absolute_import, division, print_function\n\x0cprint('a')\n"
                          b"\x0c\nprint(1//2)\n"),
])
def test_the_tryouts_file(tmp_path, policy, expected):
    assert _fix(tmp_path / "m.py", SOURCES["the module starts with one, on a print statement"],
                POLICIES[policy]) == expected

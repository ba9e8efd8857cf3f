"""fix's memory grows with the file as check's does (tryout11 #11: ~100 KB per rewritten line, 1 GB for a 10,000-line
file): libcst's parser given the module a piece at a time (rules/cst_parse.py), fissix's trees taken apart once read
(py2syntax.unlink), stage 2's record of its visit kept compact (codemod._Recording's events and positions)."""
from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

import libcst as cst
import pytest

from diracmod.rules import codemod, cst_parse

_PEAK = textwrap.dedent("""
    import resource, sys
    from diracmod.fix import engine
    from diracmod.rules import fixers
    path, n = sys.argv[1], int(sys.argv[2])
    with open(path, "w") as out:
        out.write("import sys\\nd = {}\\n" + "".join(f"print {i} / 2, d.keys(), xrange({i})\\n" for i in range(n)))
    plan = engine.FixPlan(symbols=frozenset(fixers.FIXABLE), wanted=frozenset(fixers.FIXABLE), max_seconds=600)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = engine.fix_file(path, plan)
    assert result.refused is None and sum(result.applied.values()) == 4 * n + 1, (result.refused, result.applied)
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / n)
""")


def test_fix_peak_memory_per_rewritten_line(tmp_path):
    """The peak resident memory fixing a generated file of 1,000 rewritten lines (four rewrites each), over what the
    process held before, per line: ~100 KB before (libcst's parse of the whole module ~50, fissix's trees kept
    until the file's end ~16, stage 2's record ~25), ~50 KB after (the interpreter's heap and a piece's parse
    weigh more on a small file: ~34 KB per line at 10,000 lines)."""
    proc = subprocess.run([sys.executable, "-c", _PEAK, str(tmp_path / "big.py"), "1000"], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) < 70, f"{proc.stdout.strip()} KB per line"


_MODULE = '''\
# a comment heading the module
"""The docstring."""
import os
x = 1
def f(a):
  return a  # two spaces: the module's first indentation
@decorator
class C(object):
    def m(self):
        return [
  1, 2]
y = f(
    2)
if y:
  pass
elif x:
        print(x)
else: z = 3
a = 1; b = 2
s = """a string
# not a comment
"""
t = 4
'''


@pytest.mark.parametrize("tail", ["", "# a comment closing it\n", "last = 5", "    \n"])
@pytest.mark.parametrize("piece", [1, 20, 60])
def test_pieces_parse_as_the_whole_module(monkeypatch, tail, piece):
    """Cut before each statement that starts the line after the previous one ends (tiny pieces), the module
    libcst's parses give is the whole module's: the same nodes, indentation, header and footer."""
    monkeypatch.setattr(cst_parse, "PIECE", piece)
    text = _MODULE + tail
    tree = ast.parse(text)
    offsets = codemod.line_offsets(text)
    assert cst_parse._cuts(text, tree, offsets)
    module = cst_parse.parse_module(text, tree, offsets)
    assert module.deep_equals(cst.parse_module(text))
    assert module.code == text and module.default_indent == "  "


def test_no_cut_between_statements_a_blank_or_comment_line_parts(monkeypatch):
    """The lines between two statements are the next one's leading lines, or the block's above (indented
    comments): libcst decides, so the pieces are cut only where there are none."""
    monkeypatch.setattr(cst_parse, "PIECE", 1)
    text = "def f():\n    pass\n    # the block's\n\nx = 1\n# x's\ny = 2\n"
    assert cst_parse._cuts(text, ast.parse(text), codemod.line_offsets(text)) is None

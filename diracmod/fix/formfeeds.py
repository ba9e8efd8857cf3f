"""Form feeds in indentation, which libcst drops: `\\f` at the start of a statement's line (a page break
before a def, as old code and Emacs users write) is read as whitespace by Python and by libcst, whose
code generation then writes the line with its block's indentation alone. fissix keeps them; the stage-2
codemods and the future-import policy (both libcst) do not. `restore` puts each one back on its line.
"""
from __future__ import annotations

import difflib
import re

from diracmod.core.lines import split_lines

_INDENT = re.compile(r"[ \t\f]*")


def restore(before: str, after: str) -> str:
    """`after` (libcst's output for `before`) with the indentation of every line of `before` whose
    indentation held a form feed, where libcst wrote that line with the indentation Python reads (what
    follows the last form feed)."""
    if "\f" not in before:
        return after
    old, new = split_lines(before), split_lines(after)
    lost = {i for i, line in enumerate(old) if "\f" in _INDENT.match(line).group()}
    if not lost:
        return after
    # lines are paired on their text after the indentation: libcst changed only that, rewrites a few lines
    matcher = difflib.SequenceMatcher(None, [line.lstrip(" \t\f") for line in old],
                                      [line.lstrip(" \t\f") for line in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if i in lost:
                    new[j] = _indented(old[i], new[j])
    return "".join(new)


def _indented(old_line: str, new_line: str) -> str:
    old_indent, new_indent = _INDENT.match(old_line).group(), _INDENT.match(new_line).group()
    if new_indent != old_indent.rsplit("\f", 1)[1]:
        return new_line  # libcst kept this line's form feed (an empty or comment line): nothing lost
    return old_indent + new_line[len(new_indent):]

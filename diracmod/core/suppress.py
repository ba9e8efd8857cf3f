"""In-code suppressions, as pylint and flake8 users write them:

    x = unicode(y)  # noqa                  this line, every rule
    x = unicode(y)  # noqa: W1612,E501      this line, these rules
    x = unicode(y)  # pylint: disable=unicode-builtin      this line
    # pylint: disable=unicode-builtin       from here to the end of the enclosing def/class/module
    def f():  # pylint: disable=W1612       the whole def (a pragma on a block's first line)
    # pylint: enable=unicode-builtin        ends a block disable
    # pylint: disable-next=unicode-builtin  the next line
    # pylint: skip-file                     nothing in this file is reported

Rules are named by id, symbol, checker (py3k, pycodestyle, syntax) or `all`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[\w\-]+(?:[,\s]+[\w\-]+)*))?", re.I)
_PRAGMA = re.compile(
    r"#\s*pylint\s*:\s*(?P<what>disable-next|disable|enable|skip-file)\b\s*(?:=\s*(?P<names>[\w\-, ]+))?")
_ALL = frozenset({"all"})


def _names(text):
    return frozenset(n.strip() for n in re.split(r"[,\s]+", text or "") if n.strip()) or _ALL


@dataclass
class Suppressions:
    skip_file: bool = False
    lines: dict = field(default_factory=dict)  # line -> set of names
    ranges: list = field(default_factory=list)  # (first, last, names)

    def _add_line(self, line, names):
        self.lines.setdefault(line, set()).update(names)

    def hides(self, finding) -> bool:
        keys = {"all", finding.msg_id, finding.msg_id.lower(), finding.symbol, finding.checker}
        if self.skip_file or keys & self.lines.get(finding.line, set()):
            return True
        return any(first <= finding.line <= last and keys & names for first, last, names in self.ranges)


def collect(comments, blocks, last_line) -> Suppressions:
    """`blocks`: (first, last) line ranges of defs and classes, for block-scoped pragmas."""
    result = Suppressions()
    open_ranges = {}  # name -> start line, for disable ... enable pairs

    def enclosing_end(line):
        ends = [last for first, last in blocks if first < line <= last]
        return min(ends) if ends else last_line

    for comment in comments:
        noqa = _NOQA.search(comment.text)
        if noqa:
            codes = noqa.group("codes")
            result._add_line(comment.line, _names(codes) if codes else _ALL)
        for pragma in _PRAGMA.finditer(comment.text):
            what, names = pragma.group("what"), _names(pragma.group("names"))
            if what == "skip-file":
                result.skip_file = True
            elif what == "disable-next":
                result._add_line(comment.line + 1, names)
            elif what == "enable":
                for name in names:
                    start = open_ranges.pop(name, None)
                    if start is not None:
                        result.ranges.append((start[0], comment.line, frozenset({name})))
            elif comment.own_line:
                end = enclosing_end(comment.line)
                for name in names:
                    open_ranges[name] = (comment.line, end)
            else:
                block = [last for first, last in blocks if first == comment.line]
                if block:
                    result.ranges.append((comment.line, max(block), names))
                result._add_line(comment.line, names)
    for name, (start, end) in open_ranges.items():
        result.ranges.append((start, end, frozenset({name})))
    return result

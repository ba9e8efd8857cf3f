"""In-code suppressions, as pylint, flake8 and ruff users write them:

    x = unicode(y)  # noqa                  this line, every rule (as flake8: with the lines a backslash
                                            continuation or a multi-line string joins to it; not the other
                                            lines of a statement in brackets)
    x = unicode(y)  # noqa: W1612,E501      this line, these rules
    x = unicode(y)  # pylint: disable=unicode-builtin      this line
    # pylint: disable=unicode-builtin       from here to the end of the enclosing block (def, class,
                                            if/else branch, loop, try clause ... or the module)
    def f():  # pylint: disable=W1612       the whole def (a pragma on a def/class line)
    # pylint: enable=unicode-builtin        ends a disable, to the end of the enclosing block
    # pylint: disable-next=unicode-builtin  the next line
    # pylint: disable-msg=W1612             pylint 0.x's `disable` (`enable-msg`: `enable`), which 1.9.5 obeys
    # pylint: skip-file                     no pylint-catalogue finding in this file (pycodestyle's stay)
    # flake8: noqa                          (own line) no pycodestyle finding in this file
    # diracmod: skip-file                   no finding at all (also `# diracmod: noqa`)
    # diracmod: noqa: E501,W1612            (own line) these rules nowhere in this file

Rules are named by id, symbol, checker (py3k, pycodestyle, syntax) or `all`. pylint's blanket forms
(`all`, skip-file) leave pycodestyle's findings alone, as pylint itself would: it never reports them.
Syntax and input findings (engine.ALWAYS_REPORTED) are never suppressed.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from diracmod.core import catalogue

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[\w\-]+(?:[,\s]+[\w\-]+)*))?", re.I)
_PRAGMA = re.compile(
    r"#\s*pylint\s*:\s*(?P<what>disable-next|disable-msg|disable|enable-msg|enable|skip-file)\b\s*"
    r"(?:=\s*(?P<names>[\w\-, ]+))?")
# flake8 skips a file on `# flake8: noqa` alone on a line, and ignores the form with codes (it is not
# file-wide there); ruff's `# ruff: noqa[: codes]` is file-wide with or without codes: so is ours.
_FILE_NOQA = re.compile(r"^#\s*(?P<tool>flake8|diracmod)\s*[:=]\s*(?:noqa(?::\s*(?P<codes>[\w\-, ]+))?|"
                        r"(?P<skip>skip-file))\s*$", re.I)
_ALL = frozenset({"all"})
_PYLINT_BLIND = "pycodestyle"  # the checker pylint's blanket pragmas never reach


def _names(text):
    return frozenset(n.strip() for n in re.split(r"[,\s]+", text or "") if n.strip()) or _ALL


_PYLINT_CHECKER_NAMES = {"py3k": "python3"}  # `# pylint: disable=python3` names pylint's own checker


def _keys(finding) -> tuple:
    """(the names of the finding's own rule, of the groups it is in: its checker and `all`, of the pylint rule it
    was split off)."""
    own = {finding.msg_id, finding.msg_id.lower(), finding.symbol}
    groups = {finding.checker, _PYLINT_CHECKER_NAMES.get(finding.checker, finding.checker)} | _ALL
    pylint = catalogue.load().pylint(finding.symbol, finding.split_from)
    split = {pylint.id, pylint.id.lower(), pylint.symbol} if pylint is not None and pylint.symbol != finding.symbol \
        else set()
    return own, groups, split


@dataclass
class Suppressions:
    file_wide: set = field(default_factory=set)  # names hidden everywhere ("all" included)
    lines: dict = field(default_factory=dict)  # line -> names hidden there (noqa)
    pragmas: list = field(default_factory=list)  # (first, last, names, disabled), in source order

    def hides(self, finding, also=()) -> bool:
        """Is the finding hidden on its line or on one of the lines `also` (a finding whose rule names another
        line too: W1623 is reported on the class line, and suppressed on its `__metaclass__ = M` line too)?"""
        return self._hides(finding) or any(self._hides(finding._replace(line=line)) for line in also)

    def _hides(self, finding) -> bool:
        """A shape split off a pylint rule has two rules' names (DM179 and dict-keys-not-iterating): it is hidden
        while either rule is disabled, each by the latest pragma covering the line that names it or a group, as
        pylint's block scoping decides for one rule; pylint's rule counts only where a pragma names it (an enable
        of one rule leaves the other's disable standing; `disable=all` then `enable=DM179` reports DM179)."""
        own, groups, split = _keys(finding)
        if (own | groups | split) & (self.file_wide | self.lines.get(finding.line, set())):
            return True
        if finding.checker == _PYLINT_BLIND:
            groups -= _ALL
        own_off = split_off = False
        for first, last, names, disabled in self.pragmas:
            if first > finding.line:
                break
            if finding.line <= last:
                if names & (own | groups):
                    own_off = disabled
                if names & (split | groups):
                    split_off = disabled and bool(names & split)
        return own_off or split_off


def statement_blocks(tree) -> list:
    """(header line, last line) of every statement list: def/class bodies, if/else branches, loop
    bodies, try/except/finally clauses... where an own-line pragma ends, as pylint's block scoping."""
    found = []
    for node in ast.walk(tree):
        start = getattr(node, "lineno", 0)
        for name in ("body", "orelse", "finalbody"):
            suite = getattr(node, name, None)
            if isinstance(suite, list) and suite and isinstance(suite[0], ast.stmt):
                found.append((start, suite[-1].end_lineno))
                start = suite[-1].end_lineno  # the `else:` / `finally:` header follows
    return found


def collect(comments, defs, tree=None) -> Suppressions:
    """`defs`: (first, last) lines of defs and classes (a pragma on their first line covers them);
    `tree`: the module's AST, for the blocks own-line pragmas end with (None: they reach the end)."""
    result = Suppressions()
    blocks = None

    def block_end(line):
        nonlocal blocks
        if blocks is None:
            blocks = statement_blocks(tree) if tree is not None else []
        ends = [(first, last) for first, last in blocks if first < line <= last]
        return max(ends)[1] if ends else float("inf")  # the innermost block starts last

    for comment in comments:
        whole = _FILE_NOQA.match(comment.text) if comment.own_line else None
        if whole:
            if whole.group("tool").lower() == "diracmod":
                result.file_wide |= _names(whole.group("codes"))
            elif whole.group("codes") is None and whole.group("skip") is None:
                result.file_wide.add("pycodestyle")
            continue
        noqa = _NOQA.search(comment.text)
        if noqa:  # as flake8: on the lines a backslash or a multi-line string joins to the comment's too
            for line in range(comment.joined_from, comment.line + 1):
                result.lines.setdefault(line, set()).update(_names(noqa.group("codes")))
        for pragma in _PRAGMA.finditer(comment.text):
            # pylint 0.x's `disable-msg`/`enable-msg`: 1.9.5 obeys them as `disable`/`enable` (deprecated-pragma)
            what, names = pragma.group("what").removesuffix("-msg"), _names(pragma.group("names"))
            if what != "skip-file" and not (pragma.group("names") or "").strip(",\t "):
                continue  # `disable=` naming nothing disables nothing (pylint: bad-option-value), not everything
            if what == "skip-file":
                result.file_wide.add("py3k")
            elif what == "disable-next":
                result.pragmas.append((comment.line + 1, comment.line + 1, names, True))
            elif comment.own_line:
                result.pragmas.append((comment.line, block_end(comment.line), names, what == "disable"))
            else:
                ends = [last for first, last in defs if first == comment.line]
                result.pragmas.append((comment.line, max(ends, default=comment.line), names, what == "disable"))
    result.pragmas.sort(key=lambda pragma: pragma[0])  # stable: same-line pragmas keep their order
    return result

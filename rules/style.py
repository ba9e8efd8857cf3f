"""pycodestyle through its own library, in the same pass as the other checkers.

Findings keep pycodestyle's codes; their symbol is the name of the pycodestyle check that emits them.
"""
from __future__ import annotations

import functools
import inspect
import re
import sys
from operator import attrgetter
from pathlib import PurePath

import pycodestyle

from diracmod.core.lines import split_lines, universal_newlines

# Settings come from the project's files only (diracmod.core.config), as with flake8 >= 4: the same tree
# gives the same findings, and the same cache key, on every machine. Without this the library would
# also read the user's ~/.config/pycodestyle under them, unseen by the cache key and by `-v`.
pycodestyle.USER_CONFIG = None

_CODE = re.compile(r"\b([EWC]\d{3})\b")


@functools.lru_cache(maxsize=None)
def symbols() -> dict:
    """pycodestyle code -> check name, read from pycodestyle's registry and its checks' docstrings."""
    table = {}
    for checks in pycodestyle._checks.values():
        for check in checks:
            for code in _CODE.findall(check.__doc__ or ""):
                table.setdefault(code, check.__name__.replace("_", "-"))
    table.setdefault("E901", "tokenize-error")
    table.setdefault("E902", "io-error")
    table.setdefault("E999", "syntax-error")
    return table


def explain(code: str) -> str | None:
    """The docstring of the pycodestyle check that reports `code` (with its Okay/code examples)."""
    for checks in pycodestyle._checks.values():
        for check in checks:
            if code.upper() in _CODE.findall(check.__doc__ or ""):
                return inspect.cleandoc(check.__doc__)
    return None


class _Collect(pycodestyle.BaseReport):
    def __init__(self, options):
        super().__init__(options)
        self.found = []

    def error(self, line_number, offset, text, check):
        code = super().error(line_number, offset, text, check)
        if code:
            # interned: a tree yields tens of thousands of these, held until the report is written, from a
            # few dozen codes and messages (~130 bytes a finding as separate copies, measured)
            self.found.append((line_number, offset, sys.intern(code), sys.intern(text[5:])))
        return code


@functools.lru_cache(maxsize=8)
def _guide(options: tuple):
    # Without a configured `exclude`, none: diracmod's own discovery already skips .git, .tox and the like.
    kwargs = {"exclude": [], **dict(options)}
    return pycodestyle.StyleGuide(quiet=True, **kwargs)


def line_limit(options: tuple) -> int | None:
    """The max-line-length pycodestyle checks lines against under `options` (check's), or None where it reports no
    E501 (ignored, or not selected, in the project's pycodestyle settings)."""
    guide = _guide(options)
    return None if guide.ignore_code("E501") else guide.options.max_line_length


def too_long(line: str, limit: int, number: int) -> bool:
    """pycodestyle's own E501 test of the code `line` (line `number`; not one inside a multi-line string)."""
    return pycodestyle.maximum_line_length(line, limit, False, number, False) is not None


def _excluded(guide, path: str) -> bool:
    """pycodestyle's `exclude`, tested as its directory walk does: on the file and each directory above it."""
    if not guide.options.exclude:
        return False
    here = PurePath(path)
    return any(guide.excluded(str(part)) for part in (here, *here.parents) if str(part) != ".")


@functools.lru_cache(maxsize=8)
def _compiled(checks: tuple) -> tuple:
    """(name, check, attrgetter of its arguments, whether it takes several, whether it keeps checker_state) of
    each of pycodestyle's (name, check, argument names) `checks`, in their order."""
    return tuple((name, check, attrgetter(*arguments), len(arguments) > 1, "checker_state" in arguments)
                 for name, check, arguments in checks)


def _each(checks: list) -> tuple:
    return _compiled(tuple((name, check, tuple(arguments)) for name, check, arguments in checks))


def _logical_checks(checker):
    """Every logical check of the guide, run on the current logical line as pycodestyle's own
    Checker.check_logical runs them, in the same order: checker_state set for a check that takes it, the
    same arguments, whatever each yields yielded in turn (check_logical places and reports them as it would
    each check's). Given to pycodestyle as its one logical check."""
    states = checker._checker_states
    for name, check, arguments, several, stateful in checker.each_logical_check:
        if stateful:
            checker.checker_state = states.setdefault(name, {})
        found = check(*arguments(checker)) if several else check(arguments(checker))
        if found is not None:
            yield from found


class _Checker(pycodestyle.Checker):
    """pycodestyle's Checker running the same checks with the same arguments in the same order, without its
    own calls around each check (init_checker_state, run_check and a getattr per argument, for each of 28
    logical checks on every logical line and 6 physical ones on every line: 20% of its time on Paste,
    measured): the logical checks run as one logical check of pycodestyle's (_logical_checks; pycodestyle
    still places and reports what they yield), the physical ones in check_physical below."""

    _ONE_LOGICAL_CHECK = [("diracmod-logical-checks", _logical_checks, ["itself"])]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.each_logical_check, self.each_physical_check = _each(self._logical_checks), _each(self._physical_checks)
        self._logical_checks = self._ONE_LOGICAL_CHECK

    @property
    def itself(self):  # the argument of _logical_checks
        return self

    def check_physical(self, line):
        """pycodestyle's Checker.check_physical, each check called directly."""
        self.physical_line = line
        for name, check, arguments, several, stateful in self.each_physical_check:
            if stateful:
                self.checker_state = self._checker_states.setdefault(name, {})
            result = check(*arguments(self)) if several else check(arguments(self))
            if result is not None:
                offset, text = result
                self.report_error(self.line_number, offset, text, check)
                if text[:4] == "E101":  # as pycodestyle: the line's first character is the file's indent from now
                    self.indent_char = line[0]


class _SharingChecker(_Checker):
    """pycodestyle's Checker, handing every token it reads to `scanner` (diracmod.source.tokens.Scanner):
    the file is tokenized once for both. The tokens are the same either way: the same text, read as
    universal newlines. pycodestyle gathers a logical line's tokens in `self.tokens`, which check_logical
    empties (not for a line of nothing but layout: those tokens wait for the next line); they are handed
    over there, a line at a time rather than a call per token. The lone NL of a blank line, which
    pycodestyle drops before, is no token any scan reads."""

    def __init__(self, *args, scanner, **kwargs):
        super().__init__(*args, **kwargs)
        self.scanner, self._handed = scanner, 0  # _handed: how many of self.tokens the scanner has

    def check_logical(self):
        self.scanner.take(self.tokens[self._handed:])
        super().check_logical()
        self._handed = len(self.tokens)

    def report_invalid_syntax(self):
        self.scanner.failed()
        super().report_invalid_syntax()


def check(path: str, text: str, options: tuple, scanner=None) -> list:
    """[(line, column, code, symbol, message)]; `options` are StyleGuide keyword arguments as a tuple.
    `scanner`, if given, is fed the tokens of `text` (unless the file is excluded)."""
    guide = _guide(options)
    if _excluded(guide, path):
        return []
    report = _Collect(guide.options)
    # The lines pycodestyle reads itself (text-mode readlines): CRLF and CR read as LF, and only those end
    # a line (a form feed does not, unlike str.splitlines).
    lines = split_lines(universal_newlines(text))
    if scanner is None:
        _Checker(path, lines=lines, options=guide.options, report=report).check_all()
    else:
        _SharingChecker(path, lines=lines, options=guide.options, report=report, scanner=scanner).check_all()
    table = symbols()
    return [(line, col, code, table.get(code, code.lower()), message) for line, col, code, message in report.found]

"""diracmod's py3k rules inside today's pylint: `pylint --load-plugins=diracmod.pylint_plugin`.

pylint 2.14 removed its python3 checker; teams that run pylint keep their `# pylint: disable=` comments
and their message ids with this plugin. The messages are the catalogue's (ids and symbols of pylint 1.9.5's
python3 checker, W1612 unicode-builtin...), the findings diracmod's own engine, run on each module's file:
the same findings as `diracmod check --select py3k`.

pylint >= 3 parses with Python 3 only and gives no checker a module it cannot parse (a `print` statement):
it reports syntax-error and moves on. Those are the modules that need porting most, so the plugin also
wraps the linter's get_ast to report the py3k findings of a module pylint could not parse.

diracmod's own rules (DM1xx, then DM4xx once DM1xx was full) need an id pylint accepts (a letter and four
digits, one two-digit checker number per checker): they are registered as {letter}{checker number}{last two
digits}, the checker number 88 for DM1xx (W8801 for DM101) and 89 for DM4xx (W8901 for DM401), with their own
symbols (dict-has-key). A DM rule split off one of pylint's (its `pylint`
field: the shapes `diracmod fix` leaves, as old-division-unknown-operands of W1619) is reported as pylint's rule.

Not a dependency of diracmod: pylint imports this module, this module imports pylint.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from pylint.checkers import BaseRawFileChecker

from diracmod.check import engine
from diracmod.core import catalogue
from diracmod.core import config as configuration

PYLINT_CHECKER_NUMBER = "16"  # pylint 1.9.5's python3 checker: its ids are the catalogue's
# pylint reserves 51-99 for external checkers: one number per hundred of DM ids (a checker has 100 message numbers)
DIRACMOD_CHECKER_NUMBERS = {"1": "88", "4": "89"}
_LETTER = {"error": "E", "warning": "W", "convention": "C"}


def pylint_id(rule) -> str:
    """The id pylint knows `rule` by: its own for pylint's python3 messages, a mapped one for DM1xx/DM4xx."""
    if rule.id.startswith("DM"):
        return f"{_LETTER[rule.severity]}{DIRACMOD_CHECKER_NUMBERS[rule.id[2]]}{rule.id[-2:]}"
    return rule.id


def _message(rule) -> tuple:
    # a message with {placeholders} is given already filled in, as the single %s argument
    text = "%s" if "{" in rule.message else rule.message
    return text, rule.symbol, f"{rule.summary} {rule.rationale}".strip()


def _py3k_rules(diracmod_rules: bool) -> list:
    return [rule for rule in catalogue.load().rules
            if rule.checker == "py3k" and rule.id.startswith("DM") == diracmod_rules and not rule.pylint]


@functools.lru_cache(maxsize=None)
def _plan(directory: str) -> engine.Plan:
    """What `diracmod check --select py3k` would use for a file in `directory`: the project's limits."""
    config = configuration.load(Path(directory))
    return engine.Plan(frozenset({"py3k"}), max_bytes=int(config.max_file_size * 1_000_000),
                       max_seconds=config.max_file_seconds, six=config.fix.get("six"))


def _report(linter, filepath: str) -> None:
    """Add the py3k findings of `filepath` to the module pylint is checking."""
    for finding in engine.check_file(filepath, _plan(os.path.dirname(os.path.abspath(filepath)))).findings:
        if finding.checker != "py3k":
            continue  # unreadable or unparseable files: pylint says so itself
        rule = catalogue.load().pylint(finding.symbol, finding.split_from)  # a shape split off a pylint rule is that rule to pylint
        linter.add_message(rule.symbol, line=finding.line, col_offset=finding.column,
                           end_lineno=finding.end_line, end_col_offset=finding.end_column,
                           args=finding.message if "{" in rule.message else None)


class _Py3kChecker(BaseRawFileChecker):
    name = "diracmod-py3k"
    msgs = {rule.id: _message(rule) for rule in _py3k_rules(diracmod_rules=False)}

    def process_module(self, node) -> None:
        if node.file:
            _report(self.linter, node.file)


class _DiracmodChecker(BaseRawFileChecker):
    """diracmod's own porting rules of one hundred (DM1xx, DM4xx): pylint wants one checker number per checker,
    so each hundred has its checker, all named "diracmod"; the findings come with _Py3kChecker's (one engine
    run per file)."""
    name = "diracmod"
    msgs: dict = {}

    def process_module(self, node) -> None:
        """Nothing: the engine run of _Py3kChecker reports these too."""


_DIRACMOD_CHECKERS = [
    type(f"_DiracmodChecker{hundred}xx", (_DiracmodChecker,),
         {"msgs": {pylint_id(rule): _message(rule) for rule in _py3k_rules(diracmod_rules=True)
                   if rule.id[2] == hundred}})
    for hundred in DIRACMOD_CHECKER_NUMBERS]


def _also_unparseable(linter, get_ast):
    if getattr(get_ast, "reports_unparseable", False):
        return get_ast  # `pylint -j N` copies the linter, wrapper included, to workers that register us again

    @functools.wraps(get_ast)
    def wrapper(filepath, modname, data=None):
        node = get_ast(filepath, modname, data)
        if node is None and data is None and os.path.isfile(filepath):
            _report(linter, filepath)
        return node
    wrapper.reports_unparseable = True
    return wrapper


def register(linter) -> None:
    """pylint's plugin entry point (also run in each worker of `pylint -j N`)."""
    linter.register_checker(_Py3kChecker(linter))
    for checker in _DIRACMOD_CHECKERS:
        if checker.msgs:
            linter.register_checker(checker(linter))
    linter.get_ast = _also_unparseable(linter, linter.get_ast)

"""What the fix tests share: the plan `diracmod fix` uses when nothing is selected or ignored."""
from __future__ import annotations

from diracmod.core import catalogue
from diracmod.fix.engine import FixPlan
from diracmod.rules.fixers import FIXABLE


def everything() -> FixPlan:
    """Every fixable rule (none of the catalogue's are unsafe-only here: --unsafe is given), every finding."""
    return FixPlan(FIXABLE, frozenset(rule.symbol for rule in catalogue.load().rules))

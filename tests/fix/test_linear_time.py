"""Fix's own work grows linearly with the number of Python-2-only statements (tryout3 #14: 16,000 print statements
took over 60 s, and the file was refused): the time for 4n statements is compared with the time for n, the best
of a few runs each (a quadratic step makes it about 16 times; linear, 4)."""
from __future__ import annotations

import time

from tests.fix.test_syntax_pieces import _lines
from diracmod.fix import syntax_stage
from diracmod.source import py2syntax

_RATIO = 8  # between linear (4) and quadratic (16): the machine's load moves each figure


def _best_seconds(work) -> float:
    times = []
    for _ in range(3):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def _growth(make, work, n: int) -> float:
    small, large = make(n), make(4 * n)
    return _best_seconds(lambda: work(large)) / _best_seconds(lambda: work(small))


def _stage1(text: str) -> str:
    lines, parsed = _lines("mod.py", text)
    return syntax_stage.rewrite(text, lines, "mod.py", parsed)


def test_stage1_on_print_statements_is_linear():
    """syntax_pieces.choose and the fixers' check of their reported lines: by bisection, not line by line."""
    assert _growth(lambda n: "".join(f"print {i}\n" for i in range(n)), _stage1, 1000) < _RATIO


def test_check_of_many_except_handlers_is_linear():
    """exception-escape: each handler against the uses of its name after it, by bisection, not every use."""
    statement = "try:\n    pass\nexcept ValueError, e:\n    print e\n"
    assert _growth(lambda n: statement * n, lambda text: _lines("mod.py", text), 300) < _RATIO


def _long_literals(n: int) -> str:
    """One statement of n `L` literals (tryout23 #5: a generated table of 60,000 took minutes)."""
    return "DATA = [" + ", ".join(f"{i}L" for i in range(n)) + "]\n"


def test_stage1_on_one_statement_of_many_long_literals_is_linear():
    """The number fixer respells the leaf in place (fissix's replace() copies the parent's children), and reads
    the leaf's next sibling only in a `power` node (fissix's next_sibling scans the parent's children)."""
    assert _growth(_long_literals, _stage1, 1000) < _RATIO


def test_the_python3_spelling_of_one_statement_of_many_long_literals_is_linear():
    """py2syntax.rewrite: check's Python 3 reading of a Python 2 file, and verify's without python2.7."""
    assert _growth(_long_literals, py2syntax.rewrite, 2000) < _RATIO

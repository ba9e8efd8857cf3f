"""top_level_spans: the line ranges of a module's top-level statements."""
import ast

from diracmod.source.statements import top_level_spans

SOURCE = '''"""Doc."""
import os; x = 1
# a comment between

@decorator(
    1)
def f():
    return (1,
            2)
    # an indented comment after the body

class C:  # trailing
    pass
y = [1,
  2]; z = 3
'''


def test_each_top_level_statement_with_its_decorators_and_shared_lines_merged():
    assert top_level_spans(ast.parse(SOURCE)) == [[1, 1], [2, 2], [5, 9], [12, 13], [14, 15]]


def test_lines_outside_every_span_hold_no_code():
    lines = SOURCE.splitlines()
    covered = {n for first, last in top_level_spans(ast.parse(SOURCE)) for n in range(first, last + 1)}
    outside = [lines[n - 1].strip() for n in range(1, len(lines) + 1) if n not in covered]
    assert all(not line or line.startswith("#") for line in outside), outside

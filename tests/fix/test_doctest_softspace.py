"""Print statements in doctest examples after which Python 2 wrote no space (tryout26c #4): `>>> print "Rows:\\n", n`
is rewritten as the code outside the docstrings is, one call per run of items (`print("Rows:\\n", end='');
print(n)`), so the example's output stays the same; where the call would evaluate the stream late or twice, which
outside an example fix binds to a name first, the example is doctest-example-print-left (DM197) and fix leaves the
module."""
import textwrap

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, fixed_file_runs_alike

RUN = "import doctest, m\nprint doctest.testmod(m)\n"

SPLIT = textwrap.dedent('''\
    import sys


    def report(rows):
        """Print a report.

        >>> print "Rows:\\\\n", len([1, 2])
        Rows:
        2
        >>> out = sys.stdout
        >>> print >>out, "Head:\\\\n", [1], "-\\\\n", "x"
        Head:
        [1] -
        x
        >>> for row in [1, 2]:
        ...     print "Row:\\\\n", row
        Row:
        1
        Row:
        2
        """
        print "Rows:\\n", len(rows)


    def raw():
        r"""
        >>> print "Raw:\\n", 3
        Raw:
        3
        """
    ''')


def test_examples_printing_after_a_newline_keep_their_output(tmp_path):
    (tmp_path / "run.py").write_text(RUN)
    fixed, printed = fixed_file_runs_alike(tmp_path, {"m.py": SPLIT}, "m.py", "run.py")
    assert printed == "TestResults(failed=0, attempted=5)\n"
    assert ">>> print(\"Rows:\\\\n\", end=''); print(len([1, 2]))\n" in fixed
    assert ">>> print(\"Head:\\\\n\", end='', file=out); print([1], \"-\\\\n\", end='', file=out); print(\"x\", " \
           "file=out)\n" in fixed
    assert "...     print(\"Row:\\\\n\", end=''); print(row)\n" in fixed
    assert ">>> print(\"Raw:\\n\", end=''); print(3)\n" in fixed


# the stream evaluated late or twice: fix binds it first outside examples, which it cannot inside one
LEFT = {
    "twice": ('>>> print >>sys.stdout, "Head:\\\\n", [1]', "Head:\n    [1]", "print-stream-evaluated-twice"),
    "late": ('>>> print >>out, "x", f()', "x 1", "print-stream-evaluated-late"),
}


@pytest.mark.parametrize("name", LEFT)
def test_an_example_whose_stream_would_be_read_late_or_twice_is_left(tmp_path, name):
    example, output, symbol = LEFT[name]
    code = (f'import sys\nout = sys.stdout\n\n\ndef f():\n    """\n    {example}\n    {output}\n    """\n'
            f'    return 1\n\n\nprint "done"\n')
    path = tmp_path / "m.py"
    path.write_text(code)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and "doctest examples" in result.refused
    found = check_engine.analyse(str(path), reader.decode(str(path), code.encode()),
                                 check_engine.Plan(frozenset({"py3k"})))
    left = [f for f in found if f.symbol == "doctest-example-print-left"]
    assert len(left) == 1 and symbol in left[0].message and "the stream " in left[0].message
    assert not any(f.fixable for f in found)

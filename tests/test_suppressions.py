"""# noqa and # pylint: disable=... in all the forms pylint and flake8 users write them."""
import textwrap

import pytest

from diracmod.check import engine

PLAN = engine.Plan(frozenset({"py3k", "pycodestyle"}))


def _found(tmp_path, code):
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(code))
    return {(f.line, f.symbol) for f in engine.check_file(str(path), PLAN).findings}


@pytest.mark.parametrize("comment", ["# noqa", "# noqa: W1612", "# NOQA:unicode-builtin", "# noqa: py3k",
                                     "# pylint: disable=unicode-builtin", "# pylint: disable=W1612,W1602",
                                     "# pylint: disable=all"])
def test_line_suppressions(tmp_path, comment):
    found = _found(tmp_path, f"x = unicode(1)  {comment}\ny = unicode(2)\n")
    assert (1, "unicode-builtin") not in found and (2, "unicode-builtin") in found


def test_noqa_for_another_code_does_not_hide(tmp_path):
    assert (1, "unicode-builtin") in _found(tmp_path, "x = unicode(1)  # noqa: E501\n")


def test_block_disable_lasts_to_the_end_of_the_enclosing_def(tmp_path):
    found = _found(tmp_path, """\
        def f():
            # pylint: disable=unicode-builtin
            a = unicode(1)
            b = unicode(2)


        c = unicode(3)
        """)
    assert {line for line, s in found if s == "unicode-builtin"} == {7}


def test_disable_on_a_def_line_covers_the_def(tmp_path):
    found = _found(tmp_path, "def f():  # pylint: disable=W1612\n    return unicode(1)\n\n\nx = unicode(2)\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {5}


def test_enable_ends_a_module_level_disable(tmp_path):
    found = _found(tmp_path, "# pylint: disable=unicode-builtin\na = unicode(1)\n"
                             "# pylint: enable=unicode-builtin\nb = unicode(2)\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {4}


def test_disable_next_and_skip_file(tmp_path):
    found = _found(tmp_path, "# pylint: disable-next=unicode-builtin\na = unicode(1)\nb = unicode(2)\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {3}
    assert _found(tmp_path, "# pylint: skip-file\na = unicode(1)\nb = basestring\n") == set()


def test_suppressions_work_in_python2_only_files(tmp_path):
    found = _found(tmp_path, "print 'a'  # noqa\nprint 'b'\n")
    assert (1, "print-statement") not in found and (2, "print-statement") in found

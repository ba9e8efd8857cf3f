"""# noqa and # pylint: disable=... in all the forms pylint and flake8 users write them."""
import textwrap

import pytest

from diracmod.check import engine
from diracmod.core import catalogue

PLAN = engine.Plan(frozenset({"py3k", "pycodestyle"}))


def _found(tmp_path, code):
    """(line, symbol) of each finding, under pylint's symbol where the finding is a shape split off a pylint rule
    (basestring-builtin-as-value is basestring-builtin to pylint and to its pragmas)."""
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(code))
    rules = catalogue.load()
    return {(f.line, (rules.pylint(f.symbol, f.split_from) or f).symbol)
            for f in engine.check_file(str(path), PLAN).findings}


@pytest.mark.parametrize("comment", ["# noqa", "# noqa: W1612", "# NOQA:unicode-builtin", "# noqa: py3k",
                                     "# pylint: disable=unicode-builtin", "# pylint: disable=W1612,W1602",
                                     "# pylint: disable=all"])
def test_line_suppressions(tmp_path, comment):
    found = _found(tmp_path, f"x = unicode(1)  {comment}\ny = unicode(2)\n")
    assert (1, "unicode-builtin") not in found and (2, "unicode-builtin") in found


def test_noqa_covers_the_lines_flake8_joins_to_its_own_not_a_bracket_s(tmp_path):
    """tryout6 #13: flake8 7 joins a backslash continuation and a multi-line string to the comment's line, never
    the lines of a bracketed statement (pylint neither): check and so fix do the same."""
    found = _found(tmp_path, 'w = [xrange(\n    2)]  # noqa\nx = unicode + \\\n    1  # noqa\n'
                             'z = unicode("""\n""")  # noqa\ny = unicode(2)\n')
    assert {(line, s) for line, s in found if s in ("xrange-builtin", "unicode-builtin")} == {
        (1, "xrange-builtin"), (7, "unicode-builtin")}


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


def test_pylint_0x_disable_msg_and_enable_msg_mean_disable_and_enable(tmp_path):
    """(tryout28 #10) pylint 1.9.5 still obeys its 0.x spelling (deprecated-pragma, I0022), on the line and for
    the block."""
    found = _found(tmp_path, "a = unicode(1)  # pylint: disable-msg=W1612\nb = unicode(2)\n"
                             "def f():\n    # pylint: disable-msg=unicode-builtin\n    c = unicode(3)\n"
                             "    # pylint: enable-msg=unicode-builtin\n    return unicode(4)\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {2, 7}


def test_disable_next_and_skip_file(tmp_path):
    found = _found(tmp_path, "# pylint: disable-next=unicode-builtin\na = unicode(1)\nb = unicode(2)\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {3}
    assert _found(tmp_path, "# pylint: skip-file\na = unicode(1)\nb = basestring\n") == set()


def test_suppressions_work_in_python2_only_files(tmp_path):
    found = _found(tmp_path, "print 'a'  # noqa\nprint 'b'\n")
    assert (1, "print-statement") not in found and (2, "print-statement") in found


def test_the_same_block_disable_in_two_functions_covers_both(tmp_path):
    found = _found(tmp_path, """\
        def f():
            # pylint: disable=unicode-builtin
            a = unicode(1)
            return a


        def g():
            # pylint: disable=unicode-builtin
            b = unicode(2)
            return b


        c = unicode(3)
        """)
    assert {line for line, s in found if s == "unicode-builtin"} == {13}


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_line_numbers_of_comments_follow_every_line_ending(tmp_path, newline):
    code = newline.join(["x = unicode(1)  # noqa", "# pylint: disable-next=unicode-builtin", "y = unicode(2)",
                         "z = unicode(3)", "def f():", "    # pylint: disable=unicode-builtin",
                         "    return unicode(4)", "w = unicode(5)", ""])
    path = tmp_path / "mod.py"
    path.write_bytes(code.encode())
    found = {(f.line, f.symbol) for f in engine.check_file(str(path), PLAN).findings}
    assert {line for line, s in found if s == "unicode-builtin"} == {4, 8}


def test_a_form_feed_does_not_shift_the_noqa_line(tmp_path):
    found = _found(tmp_path, "a = 1\n\x0c\nx = unicode(1)  # noqa\ny = unicode(2)\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {4}


LONG = "x = 1  # " + "a" * 120 + "\n"


def test_pylint_skip_file_leaves_pycodestyle_alone(tmp_path):
    found = _found(tmp_path, "# pylint: skip-file\na = unicode(1)\n" + LONG)
    assert {s for _, s in found} == {"maximum-line-length"}


def test_pylint_disable_all_leaves_pycodestyle_alone_but_a_named_code_is_honoured(tmp_path):
    assert {s for _, s in _found(tmp_path, "# pylint: disable=all\na = unicode(1)\n" + LONG)} == {
        "maximum-line-length"}
    assert _found(tmp_path, "# pylint: disable=all,E501\na = unicode(1)\n" + LONG) == set()


def test_flake8_noqa_on_its_own_line_skips_pycodestyle_for_the_file(tmp_path):
    assert {s for _, s in _found(tmp_path, "a = unicode(1)\n# flake8: noqa\n" + LONG)} == {"unicode-builtin"}
    # flake8 does not treat the form with codes as file-wide, nor a trailing one
    assert "maximum-line-length" in {s for _, s in _found(tmp_path, "# flake8: noqa: E501\n" + LONG)}
    assert "maximum-line-length" in {s for _, s in _found(tmp_path, "a = 1  # flake8: noqa\n" + LONG)}


@pytest.mark.parametrize("directive", ["# diracmod: skip-file", "# diracmod: noqa", "# DIRACMOD: NOQA"])
def test_diracmod_skip_file_hides_every_rule_but_not_syntax(tmp_path, directive):
    assert _found(tmp_path, f"{directive}\na = unicode(1)\n" + LONG) == set()
    found = _found(tmp_path, f"{directive}\na = unicode(1)\nb = f'{{a}}'\n")
    assert found == {(3, "python2-syntax-error")}  # Python 2.7 still cannot import this module


def test_diracmod_noqa_with_codes_is_file_wide_for_those_codes(tmp_path):
    found = _found(tmp_path, "# diracmod: noqa: E501, unicode-builtin\na = unicode(1), basestring\n" + LONG)
    assert {s for _, s in found} == {"basestring-builtin"}


def test_syntax_findings_cannot_be_suppressed(tmp_path):
    found = _found(tmp_path, "x = 1\ny = f'{x}'  # noqa\n# pylint: skip-file\n")
    assert (2, "python2-syntax-error") in found


# ------------------------------------------------------------------ pylint 1.9.5 itself as the oracle

# Every placement whose meaning diracmod shares with pylint 1.9.5. Two deliberate differences are
# documented in the README instead: a pragma on a def/class line covers the whole block (1.9.5: that
# line only, modern pylint: the block) and `disable=all` is block-scoped (1.9.5: skips the file).
PRAGMAS = """\
def first():
    # pylint: disable=unicode-builtin
    a = unicode(1)
    return a


def second():
    # pylint: disable=unicode-builtin
    b = unicode(2)
    return b


c = unicode(3)
d = unicode(4)  # pylint: disable=unicode-builtin
e = unicode(5)
# pylint: disable=unicode-builtin
f = unicode(6)


def third():
    # pylint: enable=unicode-builtin
    g = unicode(7)
    return g


h = unicode(8)


def fourth(x):
    i = basestring
    # pylint: disable=basestring-builtin
    j = basestring
    if x:
        # pylint: enable=basestring-builtin
        k = basestring
    else:
        k = basestring
    for _ in x:
        # pylint: enable=basestring-builtin
        m = basestring
    n = basestring
    try:
        # pylint: enable=basestring-builtin
        o = basestring
    except ValueError:
        o = basestring
    return i, j, k, m, n, o


# pylint: enable=unicode-builtin
p = unicode(9), basestring  # pylint: disable=basestring-builtin
q = unicode(10)  # pylint: disable=W1612
r = unicode(11)  # pylint: disable=python3
s = unicode(12)  # pylint: disable=W1612,basestring-builtin
t = unicode(13)
u = unicode(14)  # pylint: disable-msg=W1612
# pylint: disable-msg=unicode-builtin
v = unicode(15)
# pylint: enable-msg=W1612
w = unicode(16)


def fifth():
    # pylint: disable-msg=basestring-builtin
    x = basestring
    return x


y = basestring
"""


@pytest.mark.oracle
def test_pragmas_mean_what_they_mean_to_pylint(tmp_path):
    import subprocess

    from bench import corpora

    corpora.ensure_oracle()
    (tmp_path / "pragmas.py").write_text(PRAGMAS)
    proc = subprocess.run([corpora.py27(), "-m", "pylint", "--py3k", "--rcfile=/dev/null", "--persistent=n",
                           "--msg-template={line}:{symbol}", "pragmas.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env={"PYTHONPATH": str(corpora.ORACLE), "PATH": "/usr/bin:/bin"})
    theirs = {(int(line), symbol) for line, _, symbol in (row.partition(":") for row in proc.stdout.splitlines())
              if line.isdigit() and symbol in ("unicode-builtin", "basestring-builtin")}
    ours = {item for item in _found(tmp_path, PRAGMAS) if item[1] in ("unicode-builtin", "basestring-builtin")}
    assert theirs and ours == theirs


def test_a_disable_naming_nothing_disables_nothing(tmp_path):
    found = _found(tmp_path, "x = unicode(1)  # pylint: disable=\ny = unicode(2)  # pylint: disable= ,\n")
    assert {line for line, s in found if s == "unicode-builtin"} == {1, 2}


def test_a_metaclass_finding_is_suppressed_on_its_assignment_line_too(tmp_path):
    """tryout4 #27: W1623 is reported on the class line, as pylint does; its `__metaclass__ = M` line is where
    people suppress it (and the line fix rewrites). Another finding of the class line stays."""
    found = _found(tmp_path, """\
        class B:
            __metaclass__ = M  # noqa: W1623


        class C:
            __metaclass__ = M  # noqa: W1623

            def __eq__(self, other):
                return unicode(self) == other
        """)
    assert not {symbol for _, symbol in found} & {"metaclass-assignment"}
    assert {(5, "eq-without-hash"), (9, "unicode-builtin")} <= found

"""Future imports and the doctest examples in docstrings (diracmod.fix.doctests): doctest compiles a module's
examples with the module's future imports, so print statements there are rewritten with print_function, and
division / absolute_import are added only when the examples keep their meaning."""
import subprocess
import textwrap

from collections import namedtuple

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine, futures
from diracmod.source import reader
from tests.fix.helpers import everything, python27

DIRAC = futures.Policy()
Finding = namedtuple("Finding", "symbol")

# print statements in examples: one-line, continued, to a file, escapes in the literal
PRINTS = textwrap.dedent('''\
    """Printing helpers.

    >>> print greet("you")
    hello you
    >>> for word in ["a", "b"]:
    ...     print word, "!"
    a !
    b !
    >>> import sys
    >>> print >>sys.stdout, "x\\\\ny"
    x
    y
    """
    import os

    DATA = """
    >>> print not_a_docstring
    """


    def greet(name):
        """>>> print greet("me"), len(os.sep)
    hello me 1
    """
        return "hello " + name
    ''')


def _fix(tmp_path, code: str, name="mod.py", policy=DIRAC):
    path = tmp_path / name
    path.write_text(code)
    result = engine.fix_file(str(path), everything(policy))
    assert result.refused is None, result.refused
    return (result.new.decode() if result.new is not None else code), result


def _doctest(python: str, directory, module: str) -> str:
    snippet = f"import doctest, {module}; print(doctest.testmod({module}))"
    return subprocess.run([python, "-B", "-c", snippet], cwd=directory, capture_output=True, text=True,
                          check=True).stdout


def test_print_statements_in_docstring_examples_become_calls_with_print_function(tmp_path):
    fixed, result = _fix(tmp_path, PRINTS)
    assert "from __future__ import print_function\n" in fixed
    assert '>>> print(greet("you"))\n' in fixed and "...     print(word, \"!\")\n" in fixed
    assert '>>> print("x\\\\ny", file=sys.stdout)\n' in fixed
    assert '""">>> print(greet("me"), len(os.sep))\n' in fixed
    assert ">>> print not_a_docstring\n" in fixed  # data, not a docstring: never changed
    assert fixed.count("\n") == PRINTS.count("\n") + 4  # the three imports and a blank line: nothing else moved


def test_the_rewritten_examples_pass_on_python2_as_before_and_on_python3(tmp_path):
    python = python27()
    (tmp_path / "before").mkdir()
    (tmp_path / "before" / "mod.py").write_text(PRINTS)
    (tmp_path / "after").mkdir()
    fixed, _ = _fix(tmp_path / "after", PRINTS)
    (tmp_path / "after" / "mod.py").write_text(fixed)
    assert _doctest(python, tmp_path / "before", "mod") == "TestResults(failed=0, attempted=5)\n"
    assert _doctest(python, tmp_path / "after", "mod") == "TestResults(failed=0, attempted=5)\n"
    assert _doctest("python3", tmp_path / "after", "mod") == "TestResults(failed=0, attempted=5)\n"


def test_print_statements_in_code_and_in_examples_are_rewritten_together(tmp_path):
    code = 'def f():\n    """\n    >>> f()\n    1 2\n    >>> print 3\n    3\n    """\n    print 1, 2\n'
    fixed, result = _fix(tmp_path, code, policy=futures.Policy(names=()))
    assert fixed == ('from __future__ import print_function\n\n\n' + code.replace("print 3", "print(3)")
                     .replace("print 1, 2", "print(1, 2)"))
    assert result.left == []


def _add(tmp_path, code: str, policy=DIRAC, findings=("no-absolute-import",)):
    """futures.apply on Python 3 code in tmp_path/mod.py: (text, why a future import was not added)."""
    result = futures.apply(code, tmp_path / "mod.py", policy, touched=True,
                           findings=[Finding(symbol) for symbol in findings])
    return result.text, result.left


def test_examples_that_cannot_be_rewritten_exactly_keep_print_function_out(tmp_path):
    # a docstring made of two literals: its text is not one literal's source
    code = 'import os\n\n\ndef f():\n    (">>> print os.sep\\n"\n     "/\\n")\n    return os.sep\n'
    fixed, left = _add(tmp_path, code)
    assert "print_function" not in fixed and ">>> print os.sep" in fixed
    assert left == ["print_function: doctest examples in docstrings use print statements that cannot be "
                    "rewritten exactly"]


def test_int_divisions_in_examples_keep_division_out(tmp_path):
    code = 'import os\n\n\ndef half(n):\n    """\n    >>> half(7) / 2\n    1\n    """\n    return n // 2\n'
    fixed, left = _add(tmp_path, code)
    assert "import division" not in fixed and "import absolute_import" in fixed
    assert left == ["division: 1 `/` in doctest examples may divide two ints (doctest runs them under the module's "
                    "future imports; old-division: a person decides)"]


def test_a_class_with_div_but_no_truediv_keeps_division_out(tmp_path):
    code = textwrap.dedent('''\
        """
        >>> Path("a") / "b"
        'a/b'
        """
        import os


        class Path(object):
            def __init__(self, text):
                self.text = text

            def join(self, other):
                return os.path.join(self.text, other)

            __div__ = join
        ''')
    fixed, left = _add(tmp_path, code)
    assert "import division" not in fixed
    assert left == ["division: class Path defines __div__ but not __truediv__: under division a `/` on it "
                    "calls the missing __truediv__ on Python 2 too (a person decides)"]


def test_an_example_importing_a_sibling_implicitly_keeps_absolute_import_out(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "helper.py").write_text("VALUE = 1\n")
    code = '"""\n>>> import helper\n>>> helper.VALUE\n1\n"""\nx = 1\n'
    fixed, left = _add(tmp_path, code)
    assert "import absolute_import" not in fixed and "import division" in fixed
    assert left == ["absolute_import: a doctest example imports helper from its own package implicitly "
                    "(doctest runs it under the module's future imports)"]


def test_a_print_statement_ending_in_a_comma_keeps_print_function_out(tmp_path):
    # print(x, end=" ") would print a trailing space where Python 2's softspace printed none
    code = 'import os\n\n\ndef f():\n    """\n    >>> print os.sep,\n    /\n    """\n'
    fixed, left = _add(tmp_path, code)
    assert "print_function" not in fixed and left == [
        "print_function: doctest examples in docstrings use print statements that cannot be rewritten exactly"]


def test_print_calls_that_print_alike_are_kept_and_a_tuple_stays_a_tuple(tmp_path):
    code = ('import os\n\n\ndef f():\n    """\n    >>> print("%s" % os.sep)\n    /\n    >>> print(1, 2)\n'
            '    (1, 2)\n    """\n')
    fixed, left = _add(tmp_path, code)
    assert left == [] and "from __future__ import print_function\n" in fixed
    assert '>>> print("%s" % os.sep)\n' in fixed and ">>> print((1, 2))\n" in fixed


def test_an_example_printing_an_empty_tuple_prints_it_under_print_function(tmp_path):
    """`>>> print()` printed `()` on Python 2: print(()), as in code (tryout6 #21: left, it printed an empty line
    once the module had print_function, and the example failed on python2.7)."""
    code = 'def f():\n    """\n    >>> print()\n    ()\n    >>> print ()\n    ()\n    """\n    print 1, 2\n'
    fixed, _ = _fix(tmp_path, code)
    assert "from __future__ import print_function\n" in fixed and fixed.count(">>> print(())\n") == 2
    (tmp_path / "after").mkdir()
    (tmp_path / "after" / "mod.py").write_text(fixed)
    for python in (python27(), "python3"):
        assert _doctest(python, tmp_path / "after", "mod") == "TestResults(failed=0, attempted=2)\n"


def test_print_statements_in_code_with_examples_that_cannot_be_rewritten_leave_the_file(tmp_path):
    code = 'def f():\n    """\n    >>> print 1,\n    1\n    """\n    print 1, 2\n'
    (tmp_path / "mod.py").write_text(code)
    result = engine.fix_file(str(tmp_path / "mod.py"), everything(futures.Policy(names=())))
    assert result.new is None and result.refused.startswith(
        "the print statements made calls need print_function, and doctest examples in docstrings use print "
        "statements that cannot be rewritten exactly")


def test_the_first_example_importing_a_sibling_is_the_first_in_the_text(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "alpha.py").write_text("")
    (tmp_path / "beta.py").write_text("")
    code = textwrap.dedent('''\
        import os


        def outer():
            def inner():
                """
                >>> import alpha
                """


        def later():
            """
            >>> import beta
            """
        ''')
    fixed, left = _add(tmp_path, code)
    assert left == ["absolute_import: a doctest example imports alpha from its own package implicitly "
                    "(doctest runs it under the module's future imports)"]


def test_the_docstring_of_a_one_line_def_is_read_as_doctest_reads_it(tmp_path):
    # Python gives `f` that __doc__ (DocTestFinder reads it) though the string stands on the line of the def
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "helper.py").write_text("")
    fixed, left = _add(tmp_path, 'import os\n\n\ndef f(): """\n>>> import helper\n"""\n')
    assert "import absolute_import" not in fixed and left == [
        "absolute_import: a doctest example imports helper from its own package implicitly (doctest runs it under "
        "the module's future imports)"]


# tryout2 #7: DocTestFinder also reads a module's __test__ values and a __doc__ assigned after the definition
OUTSIDE_DOCSTRINGS = textwrap.dedent('''\
    """
    >>> x = 7
    >>> print x // 2
    3
    """
    import doctest
    __test__ = {"extra": """
    >>> print "from __test__"
    from __test__
    """}
    __test__["more"] = """
    >>> print "more"
    more
    """
    def g():
        pass
    g.__doc__ = """
    >>> print "assigned doc"
    assigned doc
    """
    print doctest.testmod()
    ''')


@pytest.mark.parametrize("module, printed, attempted", [
    ("OUTSIDE_DOCSTRINGS", ['"from __test__"', '"more"', '"assigned doc"'], 5),
    ("MORE_DOCTEST_STRINGS", ["Locale().value", "Locale().other + 1", '"inner"'], 3),  # tryout10b #1
], ids=["test-dicts-and-assigned-docs", "property-docs-and-class-body-docs"])
def test_examples_outside_docstrings_are_rewritten_like_docstrings(module, printed, attempted, tmp_path):
    code, python = globals()[module], python27()
    (tmp_path / "before").mkdir()
    (tmp_path / "before" / "mod.py").write_text(code)
    (tmp_path / "after").mkdir()
    fixed, _ = _fix(tmp_path / "after", code)
    assert "from __future__ import print_function\n" in fixed
    for text in printed:
        assert f">>> print({text})\n" in fixed
    (tmp_path / "after" / "mod.py").write_text(fixed)
    for directory, python in ((tmp_path / "before", python), (tmp_path / "after", python),
                              (tmp_path / "after", "python3")):
        run = subprocess.run([python, "-B", "mod.py"], cwd=directory, capture_output=True, text=True)
        assert run.stdout == f"TestResults(failed=0, attempted={attempted})\n", run.stdout + run.stderr


def test_divisions_in_test_dict_examples_keep_division_out(tmp_path):
    code = 'import os\n__test__ = {"half": """\n>>> 7 / 2\n3\n"""}\n'
    fixed, left = _add(tmp_path, code)
    assert "import division" not in fixed and left[0].startswith("division: 1 `/` in doctest examples")


def test_a_test_dict_doctest_cannot_read_keeps_print_function_out(tmp_path):
    # the value is a name: any string of the module may be an example
    code = 'import os\nTEXT = """\n>>> print os.sep\n/\n"""\n__test__ = {"t": TEXT}\n'
    fixed, left = _add(tmp_path, code)
    assert "print_function" not in fixed and ">>> print os.sep" in fixed
    # tryout11 #10: a module binding __test__ to other than literals keeps all three out, as eval/exec does
    assert "print_function: the module binds __test__ (line 6)" in "\n".join(left)
    refused = engine.fix_bytes(str(tmp_path / "m.py"), (code + 'print "x"\n').encode(), everything(DIRAC))
    assert refused.new is None and "doctest examples of its entries" in refused.refused


def test_examples_python_3_cannot_compile_after_fix_are_reported_on_their_line(tmp_path):
    """tryout2 #15: fix rewrites only the print statements of examples; an example in other Python-2-only syntax
    is doctest-example-python2-only (DM189) at its prompt, before and after fix; a print statement is not."""
    code = textwrap.dedent('''\
        """Tools.

        >>> 1 <> 2
        True
        """


        def f(d):
            """
            >>> print `3`
            '3'
            >>> print 3
            3
            """
            print d
        __test__ = {"x": """
        >>> 10L
        10L
        """}
        ''')
    fixed, _ = _fix(tmp_path, code)

    def reported(text):
        found = check_engine.analyse("mod.py", reader.decode("mod.py", text.encode()),
                                     check_engine.Plan(checkers=frozenset({"py3k"})))
        return [(f.line, f.column, f.message) for f in found if f.symbol == "doctest-example-python2-only"]
    expected = [(3, 0, "doctest example that Python 3 cannot compile: old-ne-operator"),
                (10, 4, "doctest example that Python 3 cannot compile: backtick"),
                (17, 0, "doctest example that Python 3 cannot compile: long-suffix")]
    assert reported(code) == expected
    added = fixed.count("\n") - code.count("\n")  # the future imports' lines, below the module's docstring
    assert "    >>> print(`3`)\n" in fixed and ">>> print(3)\n" in fixed
    assert reported(fixed) == [(line + added * (line > 5), column, message) for line, column, message in expected]


def test_a_print_example_python3_reads_as_a_call_and_more_is_rewritten(tmp_path):
    # Python 2 prints ("ab")[0]: `a`; the call print("ab") would print `ab`, then fail indexing None
    code = 'import os\n\n\ndef f():\n    """\n    >>> print ("ab")[0]\n    a\n    >>> print (1, 2)[0]\n    1\n    """\n'
    fixed, left = _add(tmp_path, code)
    assert left == [] and '>>> print(("ab")[0])\n' in fixed and ">>> print((1, 2)[0])\n" in fixed


LEFT_FOR_EXAMPLES = {
    "a __doc__ assigned a name (tryout4 #13)": 'DOC = """\n>>> print 4, 5\n4 5\n"""\ndef g():\n    pass\n'
                                               'g.__doc__ = DOC\nprint "x"\n',
    "print x, in a loop and alone": 'def f():\n    """\n    >>> for i in range(2):\n    ...     print i,\n'
                                    '    0 1\n    >>> print "a",\n    a\n    """\nprint "x"\n',
    "print >>f, x,": 'import sys\n\n\ndef f():\n    """\n    >>> print >>sys.stdout, 1,\n    1\n    """\nprint 1\n',
    "an example neither Python reads": 'def f():\n    """\n    >>> print 1 +\n    1\n    """\nprint "x"\n',
    "a test dict of a name": 'TEXT = """\n>>> print 3\n3\n"""\n__test__ = {"t": TEXT}\nprint "x"\n',
    "a property doc of a name (tryout10b #1)": 'T = """\n>>> print 3\n3\n"""\nclass A(object):\n'
                                               '    p = property(len, doc=T)\nprint "x"\n',
    "a class body's __doc__ of a name": 'T = """\n>>> print 3\n3\n"""\nclass A(object):\n'
                                        '    __doc__ = T\nprint "x"\n',
}
REWRITTEN_EXAMPLES = {
    "print statements made calls": 'def f():\n    """\n    >>> print 1, 2\n    1 2\n    >>> x = [1, (2,)]\n'
                                   '    >>> print x[1]; print 3\n    (2,)\n    3\n    """\nprint "x"\n',
    "a trailing comma in brackets": 'def f():\n    """\n    >>> print (1,)\n    (1,)\n    """\nprint "x"\n',
    "print_function there already": 'from __future__ import print_function\n\n\ndef f():\n    """\n'
                                    '    >>> print 1 +\n    1\n    """\nprint(1)\nx = xrange(2)\n',
    "print alike, and a literal __doc__": 'def f():\n    """\n    >>> print(3)\n    3\n    """\n'
                                          'f.__doc__ = """\n>>> print 4\n4\n"""\nprint "x"\n',
    "a property doc (tryout10b #1)": 'class A(object):\n    p = property(len, None, None, """\n'
                                     '    >>> print 4\n    4\n    """)\nprint "x"\n',
}


@pytest.mark.parametrize("name", [*LEFT_FOR_EXAMPLES, *REWRITTEN_EXAMPLES])
def test_check_counts_nothing_fixable_exactly_where_fix_leaves_the_file_for_its_examples(tmp_path, name):
    """tryout4 #13: fix left such files whole while check counted their print statements fixable and said nothing
    of the examples; now the examples are doctest-example-print-left (DM197), and nothing is fixable there."""
    code = LEFT_FOR_EXAMPLES.get(name) or REWRITTEN_EXAMPLES[name]
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything(DIRAC))
    left = name in LEFT_FOR_EXAMPLES
    assert (result.new is None and "doctest examples" in (result.refused or "")) == left, result.refused
    assert ("doctest-example-print-left" in {f.symbol for f in found}) == left
    assert any(f.fixable for f in found) != left


# tryout10b #1: DocTestFinder reads a property's doc (property(f, doc=...), the 4th argument) and a `__doc__` bound in
# a class body as the class's docstring; their examples run under the module's future imports like a docstring's
MORE_DOCTEST_STRINGS = textwrap.dedent('''\
    import doctest


    class Locale(object):
        def _get(self):
            return 42
        value = property(_get, doc="""The value.

        >>> print Locale().value
        42
        """)
        other = property(_get, None, None, """
        >>> print Locale().other + 1
        43
        """)
        none = property(_get, None, None, None)

        class Inner(object):
            __doc__ = """
            >>> print "inner"
            inner
            """


    def show():
        print "shown"


    if __name__ == "__main__":
        print doctest.testmod()
    ''')


def test_a_property_doc_doctest_cannot_read_keeps_print_function_out(tmp_path):
    code = ('import os\nDOC = """\n>>> print os.sep\n/\n"""\n\n\nclass A(object):\n'
            '    p = property(lambda self: 1, doc=DOC)\n')
    fixed, left = _add(tmp_path, code)
    assert "print_function" not in fixed and ">>> print os.sep" in fixed
    assert left == [f"print_function: {futures._DOCTEST_PRINTS}"]

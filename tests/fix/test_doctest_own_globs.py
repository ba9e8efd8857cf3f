"""doctest compiles an example under the future imports of the globals it runs in (tryout18b #6): a runner
handing it globals of its own (`doctest.testmod(m, globs={...})`, `DocTestSuite(m, globs=g)`, `test.globs = {}`
as sympy's runner) compiles a module's examples without the print_function fix adds to the module. There only
`print x` -> `print(x)` prints alike either way: where any file of the project hands doctest its own globals
(ProjectIndex.doctest_globs), an example with another print form is left (doctest-example-print-left, DM197), and
check counts the module's findings not fixable."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python2_output

MODULE = '''\
def pair(a, b):
    """Show a pair.

    >>> for x in [1, 2]:
    ...     print pair(x, 'y'), x
    1-y 1
    2-y 2
    """
    return '%s-%s' % (a, b)

print pair(0, 'z')
'''
SINGLE = MODULE.replace("print pair(x, 'y'), x", "print pair(x, 'y') + ' %s' % x")
RUN = "import doctest, m\nprint doctest.testmod(m, globs={'pair': m.pair})\n"


def _findings(capsys, root) -> list:
    main(["check", "--no-cache", "--format", "json", str(root / "m.py")])
    return json.loads(capsys.readouterr().out)


def test_a_runner_s_own_globs_keep_a_multi_item_print_example(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE, "run.py": RUN})
    before = python2_output(root, "run.py")
    assert before.endswith("TestResults(failed=0, attempted=1)\n"), before
    findings = _findings(capsys, root)
    left = [f for f in findings if f["symbol"] == "doctest-example-print-left"]
    assert len(left) == 1 and "run.py:2" in left[0]["message"], findings
    assert not any(f["fixable"] for f in findings), findings
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert (root / "m.py").read_text() == MODULE
    assert python2_output(root, "run.py") == before


# the globals handed otherwise than by a `globs=` keyword (tryout19 #10): positionally to testmod, to
# DocTestFinder.find, to DocTestParser.get_doctest run by a DocTestRunner; written by a DocTestSuite's setUp
GLOBS = "{'pair': m.pair}"
SUMMARY = "print runner.summarize(verbose=False)\n"
RUNNERS = {
    "testmod": (f"import doctest, m\nprint doctest.testmod(m, None, {GLOBS})\n", 2),
    "find": (f"import doctest, m\nrunner = doctest.DocTestRunner()\n"
             f"for t in doctest.DocTestFinder().find(m, 'm', m, {GLOBS}):\n    runner.run(t)\n{SUMMARY}", 3),
    "get_doctest": (f"import doctest, m\nrunner = doctest.DocTestRunner()\n"
                    f"runner.run(doctest.DocTestParser().get_doctest(m.pair.__doc__, {GLOBS}, 'pair', 'm.py', 0))\n"
                    f"{SUMMARY}", 3),
    "setUp": ("import doctest, unittest, m\n\n\ndef setup(test):\n    test.globs.clear()\n"
              "    test.globs['pair'] = m.pair\n\n\nresult = unittest.TestResult()\n"
              "doctest.DocTestSuite(m, setUp=setup).run(result)\n"
              "print doctest.TestResults(len(result.failures), result.testsRun)\n", 5),
    # written by setattr with the attribute's name quoted (tryout21 #3)
    "setattr": ("import doctest, m\nrunner = doctest.DocTestRunner(verbose=False)\n"
                f"for t in doctest.DocTestFinder().find(m):\n    setattr(t, 'globs', {GLOBS})\n    runner.run(t)\n"
                f"{SUMMARY}", 4),
}


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_globs_handed_otherwise_than_by_keyword_keep_a_multi_item_print_example(tmp_path, monkeypatch, capsys,
                                                                               runner):
    run, line = RUNNERS[runner]
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE, "run.py": run})
    before = python2_output(root, "run.py")
    assert before.endswith("TestResults(failed=0, attempted=1)\n"), before
    findings = _findings(capsys, root)
    left = [f for f in findings if f["symbol"] == "doctest-example-print-left"]
    assert len(left) == 1 and f"run.py:{line}" in left[0]["message"], findings
    assert not any(f["fixable"] for f in findings), findings
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert (root / "m.py").read_text() == MODULE
    assert python2_output(root, "run.py") == before


def test_a_runner_s_own_globs_still_take_a_single_item_print(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": SINGLE, "run.py": RUN})
    before = python2_output(root, "run.py")
    assert before.endswith("TestResults(failed=0, attempted=1)\n"), before
    assert not [f for f in _findings(capsys, root) if f["symbol"] == "doctest-example-print-left"]
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert "...     print(pair(x, 'y') + ' %s' % x)" in (root / "m.py").read_text()
    assert python2_output(root, "run.py") == before


def test_without_such_a_runner_the_multi_item_example_is_rewritten(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE, "run.py": RUN.replace(", globs={'pair': m.pair}", "")})
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert "...     print(pair(x, 'y'), x)" in (root / "m.py").read_text()


@pytest.mark.parametrize("code,found", [
    ("doctest.testmod(m, globs={'pair': m.pair})", True),
    ("suite = doctest.DocTestSuite(m, globs=dict(g))", True),
    ("doctest.testfile('a.txt', globs={})", True),
    ("test.globs = {}", True),
    ("runner.test.globs = dict(vars(m))", True),
    ("doctest.testmod(m, extraglobs={'x': 1})", False),  # added to the module's own globals
    ("globs = test.globs", False),
    ("print 'no globs handed here'", False),
    # by position (tryout19 #10): each doctest callable taking globals, at its globs parameter
    ("doctest.testmod(m, None, {'x': 1})", True),
    ("print doctest.testmod(m, 'm')", False),
    ("doctest.testmod(m, None, None, True)", False),  # None: the module's own globals
    ("doctest.testmod(m, globs=None)", False),
    ("doctest.testmod(m, None, None, False, True, 0, {'x': 1})", False),  # extraglobs
    ("doctest.testfile('a.txt', False, 'a', None, g)", True),
    ("doctest.testfile('a.txt', False, 'a', None)", False),
    ("doctest.run_docstring_examples(m.f, {})", True),
    ("doctest.DocTestFinder().find(m, 'm', m, {})", True),
    ("runner.finder.find(m, 'm', m)", False),
    ("'abc'.find('b', 0, 2)", False),
    ("doctest.DocTestParser().get_doctest(m.__doc__, {}, 'm', 'm.py', 0)", True),
    ("doctest.DocTestSuite(m, g)", True),
    ("doctest.DocTestSuite(m, None, g)", False),  # extraglobs
    ("doctest.DocFileTest('a.txt', False, None, g)", True),
    ("doctest.DocTest([], g, 'n', 'n.py', 0, None)", True),
    ("doctest.Tester(m, g)", True),
    ("doctest.debug_src(m.__doc__, False, g)", True),
    ("doctest.testmod(*test)", True),  # unknown: counted
    ("doctest.DocFileSuite('a.txt', **g)", True),
    # a write to a test's globals (a DocTestSuite's setUp)
    ("test.globs.clear()", True),
    ("test.globs.update(g)", True),
    ("test.globs['x'] = 1", True),
    ("del test.globs['x']", True),
    ("x = test.globs.get('x')", False),
    ("g = test.globs.copy()", False),
    # compile flags given replace the globals' future imports (tryout20 #21): by keyword, by position
    ("runner.run(test, compileflags=0)", True),
    ("doctest.DocTestRunner().run(test, 0)", True),
    ("runner.run(test, None, out)", False),  # None: the globals' own
    ("runner.run(test, compileflags=None)", False),
    ("runner.run(test)", False),
    ("runner.run(test, out=out)", False),
    ("runner.run(*test)", True),
    ("runner.run()", False),
    ("TestDecorator.run(self, result)", False),  # a method called on its class: self first (Twisted's trial)
    ("doctest.DocTestRunner.run(self, test, 0)", True),
    ("doctest.run_docstring_examples(m.f, None, False, 'f', 0)", True),
    ("doctest.run_docstring_examples(m.f, None, False, 'f', compileflags=0)", True),
    ("doctest.run_docstring_examples(m.f, None, False, 'f')", False),
])
def test_the_index_records_doctest_handed_globals_of_its_own(tmp_path, code, found):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "run.py").write_text(f"import doctest\n\n\ndef start(m, test, runner, g):\n    {code}\n")
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assert index.doctest_globs == ("app/run.py:5" if found else "")


@pytest.mark.parametrize("text", [
    "class Context(object):\n    def __init__(self, globs):\n        self.globs = globs\n",  # no doctest named
    "import doctest\n\n\nclass DocTestRunner:\n    def run(self, test, globs):\n        test.globs = globs\n",
])
def test_the_index_skips_files_handing_doctest_nothing(tmp_path, text):
    """An object's own attribute named globs in a file naming no doctest; a copy of doctest (django/test/_doctest.py),
    whose plumbing hands on the globals it is given."""
    (tmp_path / "ctx.py").write_text(text)
    assert project_index.build(str(tmp_path), (), 1_000_000).doctest_globs == ""


@pytest.mark.parametrize("source,forms", [
    ("print x\n", set()), ("print (a, b)\n", set()), ("print(x)\n", set()), ("print f(a, b)\n", set()),
    ("print a, b\n", {"items"}), ("print x,\n", {"comma", "items"}), ("print >>f, x\n", {"stream", "items"}),
    ("print\n", {"empty"}), ("for x in y:\n    print x; print x, y\n", {"items"}), ("x = print_it, 2\n", set()),
])
def test_print_forms_tell_the_prints_a_call_prints_otherwise(source, forms):
    from diracmod.rules.py3k.doctest_examples import print_forms
    assert print_forms(source) == forms


def test_check_s_cache_keys_on_a_runner_handing_its_own_globs(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE})

    def left():
        main(["check", "--format", "json", "--select", "DM197", str(root / "m.py")])
        return len(json.loads(capsys.readouterr().out))

    for _ in range(2):  # the first run fills the cache, the second reads it
        assert left() == 0
    (root / "run.py").write_text(RUN)
    assert left() == 1
    (root / "run.py").unlink()
    assert left() == 0


# a DocTestSuite's setUp written in a fixtures module naming no doctest (tryout20 #5), handed by name to a suite
# in a module that names doctest but writes no `.globs`
CALC = '''\
def pair(a, b):
    """
    >>> print a, b
    1 2
    """
    print a, b
'''
FIXTURES = {
    "clear_update": "def setup_globs(test):\n    test.globs.clear()\n    test.globs.update({'a': 1, 'b': 2})\n",
    "assign": "def setup_globs(test):\n    test.globs = {'a': 1, 'b': 2}\n",
    "item": "def setup_globs(test):\n    test.globs['a'] = 1\n    test.globs['b'] = 2\n",
    # any write of the attribute name (tryout21 #3): setattr with the quoted name, the object's namespace
    "setattr": "def setup_globs(test):\n    setattr(test, 'globs', {'a': 1, 'b': 2})\n",
    "vars_item": "def setup_globs(test):\n    vars(test)['globs'] = {'a': 1, 'b': 2}\n",
    "namespace_item": "def setup_globs(test):\n    test.__dict__['globs'] = {'a': 1, 'b': 2}\n",
    "vars_update": "def setup_globs(test):\n    vars(test).update(globs={'a': 1, 'b': 2})\n",
    "namespace_update_dict": "def setup_globs(test):\n    test.__dict__.update({'globs': {'a': 1, 'b': 2}})\n",
}
SUITE = ("import doctest\nfrom pkg import calc\nfrom tests.fixtures import setup_globs\n\n\n"
         "def suite():\n    return doctest.DocTestSuite(calc, setUp=setup_globs)\n")
MAIN = ("import unittest\nfrom tests import test_docs\n"
        "r = unittest.TestResult()\ntest_docs.suite().run(r)\nprint r.wasSuccessful(), r.testsRun\n")


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_a_setup_writing_globs_in_a_module_naming_no_doctest_keeps_a_multi_item_print(
        tmp_path, monkeypatch, capsys, fixture):
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "", "pkg/calc.py": CALC, "tests/__init__.py": "", "tests/fixtures.py": FIXTURES[fixture],
        "tests/test_docs.py": SUITE, "main.py": MAIN})
    before = python2_output(root, "main.py")
    assert before == "True 1\n", before
    main(["check", "--no-cache", "--format", "json", str(root / "pkg" / "calc.py")])
    findings = json.loads(capsys.readouterr().out)
    left = [f for f in findings if f["symbol"] == "doctest-example-print-left"]
    assert len(left) == 1 and "tests/fixtures.py:2" in left[0]["message"], findings
    assert not any(f["fixable"] for f in findings), findings
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert (root / "pkg" / "calc.py").read_text() == CALC
    assert python2_output(root, "main.py") == before


@pytest.mark.parametrize("text,found", [
    ("def setup_globs(test):\n    test.globs.update(g)\n", True),
    ("def setup_globs(t):\n    t.globs = {}\n", True),
    ("def setup_globs(t):\n    del t.globs['x']\n", True),
    ("class Context(object):\n    def reset(self):\n        self.globs.clear()\n", False),  # an object's own
    # any write of the attribute name (tryout21 #3)
    ("def setup_globs(t):\n    setattr(t, 'globs', {})\n", True),
    ("def setup_globs(t):\n    setattr(t, \"globs\", {})\n", True),
    ("def setup_globs(t):\n    t.__setattr__('globs', {})\n", True),
    ("def setup_globs(t):\n    vars(t)['globs'] = {}\n", True),
    ("def setup_globs(t):\n    t.__dict__.setdefault('globs', {})\n", True),
    ("def setup_globs(t):\n    t.__dict__.update(globs={})\n", True),
    ("def setup_globs(t):\n    vars(t).update({'globs': {}})\n", True),
    ("def setup_globs(t):\n    t.__dict__.__setitem__('globs', {})\n", True),
    ("def setup_globs(t):\n    setattr(t, 'globals', {})\n", False),
    ("def setup_globs(t):\n    return getattr(t, 'globs')\n", False),
    ("def setup_globs(t):\n    return t.__dict__['globs']\n", False),
    ("def setup_globs(t):\n    t.__dict__.update(other={})\n", False),
    ("class Context(object):\n    def reset(self):\n        setattr(self, 'globs', {})\n", False),
    ("def show(test):\n    return test.globs.get('x')\n", False),
])
def test_the_index_reads_globs_writes_in_files_naming_no_doctest(tmp_path, text, found):
    (tmp_path / "fixtures.py").write_text(text)
    assert project_index.build(str(tmp_path), (), 1_000_000).doctest_globs == ("fixtures.py:2" if found else "")


# compile flags given to the runner replace the future imports of the globals (tryout20 #21): `print 1, 2` then
# compiles as a statement under a module's print_function
FLAGGED = {
    "keyword": "runner.run(t, compileflags=0)",
    "positional": "runner.run(t, 0)",
}


@pytest.mark.parametrize("call", sorted(FLAGGED))
def test_compile_flags_given_keep_a_multi_item_print_example(tmp_path, monkeypatch, capsys, call):
    run = ("import doctest, m\nrunner = doctest.DocTestRunner(verbose=False)\n"
           f"for t in doctest.DocTestFinder().find(m):\n    {FLAGGED[call]}\n{SUMMARY}")
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE, "run.py": run})
    before = python2_output(root, "run.py")
    assert before.endswith("TestResults(failed=0, attempted=1)\n"), before
    findings = _findings(capsys, root)
    left = [f for f in findings if f["symbol"] == "doctest-example-print-left"]
    assert len(left) == 1 and "run.py:4" in left[0]["message"], findings
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert (root / "m.py").read_text() == MODULE
    assert python2_output(root, "run.py") == before


def test_run_docstring_examples_with_compile_flags_keeps_a_multi_item_print(tmp_path, monkeypatch, capsys):
    run = "import doctest, m\ndoctest.run_docstring_examples(m.pair, None, False, 'pair', 0)\nprint 'done'\n"
    root = project_dir(tmp_path, monkeypatch, {"m.py": MODULE, "run.py": run})
    before = python2_output(root, "run.py")
    assert before == "0-z\ndone\n", before
    main(["fix", "--write", str(root)])
    capsys.readouterr()
    assert (root / "m.py").read_text() == MODULE
    assert python2_output(root, "run.py") == before

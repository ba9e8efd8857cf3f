"""A module of the project named like one six imports when it loads on Python 2 (functools, itertools, operator,
StringIO), on sys.path: a script directory's, or at the root above the top package (tryout12 #18). The `import six` a
rewrite adds makes six import that module on Python 2, and six's load fails (`operator.attrgetter`,
`functools.partial`): the program no longer starts. check reports the findings whose rewrite writes six as
six-shadowed-by-project-module (DM420, not fixable) and fix leaves them, as for a module named six that is no copy
of six (DM109)."""
import subprocess

import pytest

from diracmod.check import engine as check_engine
from diracmod.cli import main
from diracmod.fix import engine
from diracmod.fix.futures import Policy
from tests.fix.helpers import everything, fixed_runs_as_before, python27

# tryout12 #18, /tmp/t12/cases/62: a sibling operator.py the script imports itself
OPERATOR_MAIN = ('import sys\nimport operator\nd = {"a": 1}\n'
                 'sys.stdout.write("%r %r\\n" % (sorted(d.iteritems()), operator.add(1, 2)))\n')
# /tmp/t12/cases/63: a sibling functools.py the script never imports
PLAIN_MAIN = 'import sys\nd = {"a": 1}\nsys.stdout.write("%r\\n" % (sorted(d.iteritems()),))\n'
SHADOWED = "six-shadowed-by-project-module"


@pytest.mark.parametrize("name, text, code", [
    ("operator", "def add(a, b): return a + b\n", OPERATOR_MAIN),
    ("functools", "def wraps(f): return lambda g: g\n", PLAIN_MAIN),
    ("itertools", "def count(): return 0\n", PLAIN_MAIN),
    ("StringIO", "class StringIO(object): pass\n", PLAIN_MAIN),
])
def test_a_script_directory_module_six_would_import_keeps_six_out(tmp_path, name, text, code):
    fixed, result, output = fixed_runs_as_before(tmp_path, code, files={f"{name}.py": text})
    assert output.startswith("[('a', 1)]")
    assert "six" not in fixed and "d.iteritems()" in fixed
    assert ("dict-iter-method", 1) not in result.applied.items()
    assert (SHADOWED, "dict-iter-method") in {(f.symbol, f.split_from) for f in result.left}


def test_check_reports_the_finding_as_left_and_counts_it_not_fixable(tmp_path, capsys):
    (tmp_path / "operator.py").write_text("def add(a, b): return a + b\n")
    (tmp_path / "main.py").write_text(OPERATOR_MAIN)
    path = str(tmp_path / "main.py")
    findings = check_engine.check_file(path, check_engine.Plan(frozenset({"py3k"}))).findings
    left = [f for f in findings if f.symbol == SHADOWED]
    assert [(f.msg_id, f.line, f.split_from, f.fixable) for f in left] == [("DM420", 4, "dict-iter-method", False)]
    assert left[0].message == (
        "dict-iter-method where `import six` would make six import the project's own operator (beside the module) "
        "on Python 2, not the standard library's: diracmod fix leaves it")
    assert main(["check", "--no-cache", "--select", "py3k", path]) == 1
    assert "[*] 1 fixable" in capsys.readouterr().err  # no-absolute-import alone, which fix adds
    fixed = engine.fix_file(path, everything(Policy()))  # DIRAC's future imports: absolute_import is the one
    assert fixed.applied == {"no-absolute-import": 1} and b"six" not in fixed.new


def test_at_the_root_of_the_package_too_but_not_a_package_sibling(tmp_path):
    # six's own imports are absolute (a top-level module's): the root above the top package is on sys.path, and its
    # functools.py is what six imports; a sibling functools.py in the package is not
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "m.py").write_text(PLAIN_MAIN)
    (tmp_path / "pkg" / "functools.py").write_text("def wraps(f): return lambda g: g\n")
    path = str(tmp_path / "pkg" / "m.py")
    before = subprocess.run([python27(), "-B", "-c", "import pkg.m"], cwd=tmp_path, capture_output=True, text=True)
    result = engine.fix_file(path, everything())
    assert result.applied["dict-iter-method"] == 1 and "six.iteritems(d)" in result.new.decode()
    (tmp_path / "pkg" / "m.py").write_bytes(result.new)
    after = subprocess.run([python27(), "-B", "-c", "import pkg.m"], cwd=tmp_path, capture_output=True, text=True)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "[('a', 1)]\n"), after.stderr
    (tmp_path / "pkg" / "m.py").write_text(PLAIN_MAIN)
    (tmp_path / "functools.py").write_text("def wraps(f): return lambda g: g\n")
    left = [f for f in check_engine.check_file(path, check_engine.Plan(frozenset({"py3k"}))).findings
            if f.symbol == SHADOWED]
    assert [f.message for f in left] == [
        "dict-iter-method where `import six` would make six import the project's own functools (at the root of its "
        "package) on Python 2, not the standard library's: diracmod fix leaves it"]
    assert engine.fix_file(path, everything()).new is None


def test_the_cache_keys_on_such_a_module_coming_and_going(tmp_path, capsys, monkeypatch):
    (tmp_path / "main.py").write_text(PLAIN_MAIN)
    monkeypatch.chdir(tmp_path)

    def symbols():
        assert main(["check", "--select", "py3k", "main.py"]) == 1
        return "DM420" in capsys.readouterr().out

    assert [symbols(), symbols()] == [False, False]  # the first run fills the cache, the second reads it
    (tmp_path / "functools.py").write_text("def wraps(f): return lambda g: g\n")
    assert [symbols(), symbols()] == [True, True]
    (tmp_path / "functools.py").unlink()
    assert symbols() is False


def test_a_raise_with_a_traceback_leaves_the_file_whole_and_check_counts_nothing_fixable(tmp_path):
    # stage 1 writes six.reraise(E, V, T) for it: split off old-raise-syntax, the file stays Python 2 syntax (as DM109)
    (tmp_path / "operator.py").write_text("def add(a, b): return a + b\n")
    (tmp_path / "main.py").write_text('import sys\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n'
                                      '    raise ValueError, ValueError("x"), sys.exc_info()[2]\n')
    path = str(tmp_path / "main.py")
    findings = check_engine.check_file(path, check_engine.Plan(frozenset({"py3k"}))).findings
    assert (SHADOWED, "old-raise-syntax") in {(f.symbol, f.split_from) for f in findings}
    assert not any(f.fixable for f in findings)
    result = engine.fix_file(path, everything(Policy()))
    assert result.new is None and "no fixer rewrites DM420 six-shadowed-by-project-module" in result.refused

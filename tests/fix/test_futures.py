"""Future imports by policy (diracmod.fix.futures), the old-division fixer, implicit relative imports.

`fix` below is the pipeline as the fix engine runs it on Python-3-parsable input: check's findings, the
stage-2 fixers, then futures.apply.
"""
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from collections import namedtuple
from pathlib import Path

import pytest

from bench import corpora
from diracmod.check import engine
from diracmod.cli import main
from diracmod.core import config, siblings
from diracmod.fix import engine as engine_fix, futures
from diracmod.rules import codemod, fixers
from diracmod.source import reader
from tests.fix.helpers import everything, fixed_runs_as_before, python27

DIRAC = futures.Policy()
FUTURES = ("from __future__ import absolute_import\nfrom __future__ import division\n"
           "from __future__ import print_function\n")
Finding = namedtuple("Finding", "symbol")
IMPORTS = [Finding("no-absolute-import")]


def fix(path: Path, policy=DIRAC):
    """(text, counts, left) of fixing the file at `path` (not written)."""
    source = reader.decode(str(path), path.read_bytes())
    findings = _findings(path)
    text, counts = codemod.apply(source.text, findings, fixers.FIXERS)
    result = futures.apply(text, path, policy, touched=text != source.text, findings=findings)
    return result.text, counts + result.counts, result.left


def fix_text(tmp_path, code: str, policy=DIRAC, name="module.py"):
    path = tmp_path / name
    path.write_bytes(textwrap.dedent(code).encode())
    return fix(path, policy)


def add(code: str, policy=DIRAC, touched=True, findings=IMPORTS, path="/nonexistent/module.py"):
    return futures.apply(code, path, policy, touched=touched, findings=findings).text


# ---------------------------------------------------------------- placement


def test_after_the_docstring_and_before_rcsid():
    code = '"""Doc."""\n__RCSID__ = "$Id$"\n\nimport os\n'
    assert add(code) == '"""Doc."""\n' + FUTURES + '\n__RCSID__ = "$Id$"\n\nimport os\n'


def test_after_shebang_coding_line_and_leading_comments():
    code = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Copyright CERN\n\nimport os\n"
    assert add(code) == "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Copyright CERN\n\n" + FUTURES \
        + "\nimport os\n"


def test_two_blank_lines_before_a_def_as_pycodestyle_wants():
    assert add("def f():\n  return 1\n") == FUTURES + "\n\ndef f():\n  return 1\n"


def test_an_existing_plain_line_is_merged_into_the_block_in_policy_order():
    # python-modernize's fix_print adds print_function alone right after the docstring
    code = '"""Doc."""\nfrom __future__ import print_function\n\nimport os\n'
    assert add(code) == '"""Doc."""\n' + FUTURES + "\nimport os\n"


def test_the_block_is_followed_by_a_blank_line_whoever_wrote_it():
    # an existing line the policy adds to, and the line stage 1 writes for converted print statements
    code = '"""D."""\nfrom __future__ import print_function\nimport os\n'
    assert add(code) == '"""D."""\n' + FUTURES + "\nimport os\n"
    out = add('from __future__ import print_function\nprint("a")\n', futures.Policy(names=()),
              findings=[Finding("print-statement")])
    assert out == 'from __future__ import print_function\n\nprint("a")\n'


def test_an_existing_combined_line_and_its_comment_are_kept_and_nothing_is_duplicated():
    code = '"""Doc."""\nfrom __future__ import print_function, division  # py3\n\nimport os\n'
    assert add(code) == ('"""Doc."""\nfrom __future__ import print_function, division  # py3\n'
                         "from __future__ import absolute_import\n\nimport os\n")


def test_combined_style_writes_one_line_or_extends_the_existing_one():
    combined = futures.Policy(combined=True)
    assert add("import os\n", combined) == \
        "from __future__ import absolute_import, division, print_function\n\nimport os\n"
    # the block this run changed is followed by a blank line, as DIRAC writes it
    assert add("from __future__ import division\nimport os\n", combined) == \
        "from __future__ import division, absolute_import, print_function\n\nimport os\n"


def test_crlf_and_two_space_indentation_are_kept():
    code = '"""Doc."""\r\nimport os\r\n\r\n\r\ndef f(x):\r\n  if x:\r\n    return os.sep\r\n'
    out = add(code)
    assert out == '"""Doc."""\r\n' + FUTURES.replace("\n", "\r\n") + "\r\n" + code[len('"""Doc."""\r\n'):]


@pytest.mark.parametrize("code", ["", "# just a comment\n", '"""Only a docstring."""\n', "\n\n"])
def test_a_file_without_code_gets_nothing(code):
    assert add(code) == code


def test_untouched_files_get_them_only_when_the_policy_says_so():
    code = "x = 1\n"
    assert add(code, touched=False, findings=[]) == code
    assert add(code, futures.Policy(untouched=True), touched=False, findings=[]) == FUTURES + "\n" + code
    # a future import that is the fix of a finding in the file counts as touching it
    assert add("import os\n", touched=False) == FUTURES + "\nimport os\n"


def test_only_the_names_of_the_policy():
    policy = futures.Policy(names=("print_function",))
    assert add('"""D."""\nx = 1\n', policy) == '"""D."""\nfrom __future__ import print_function\n\nx = 1\n'
    left = futures.apply("import os\n", "/x/m.py", policy, touched=True, findings=IMPORTS).left
    assert left == ["absolute_import: not in [tool.diracmod.fix] future-imports"]


@pytest.mark.parametrize("code", [
    '"""Doc."""\n__RCSID__ = "$Id$"\nimport os\n',
    "#!/usr/bin/env python\nimport os\r\n",
    '"""Doc."""\nfrom __future__ import print_function, division  # py3\n\nimport os\n',
])
def test_a_second_run_changes_nothing(code):
    once = add(code)
    assert once != code and add(once) == once


def test_print_statements_rewritten_by_stage_1_get_print_function_whatever_the_policy():
    none = futures.Policy(names=())
    out = add('print("a", "b")\n', none, findings=[Finding("print-statement")])
    assert out == 'from __future__ import print_function\n\nprint("a", "b")\n'
    # print-statement not being fixed: Python 2 prints a tuple there, print_function would change that
    result = futures.apply('print("a", "b")\n', "/x/m.py", DIRAC, touched=True, findings=[])
    assert "print_function" not in result.text
    assert result.left == ["print_function: 1 print statement(s) would print otherwise on Python 2 "
                           "(print-statement is not being fixed)"]


# ---------------------------------------------------------------- policy from pyproject.toml


def test_policy_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.diracmod.fix]\nfuture-imports = ["print_function", "division"]\nfuture-style = "combined"\n'
        "futures-in-untouched-files = true\n")
    policy = futures.Policy.from_config(config.load(tmp_path).fix)
    assert policy == futures.Policy(names=("print_function", "division"), combined=True, untouched=True)
    assert futures.Policy.from_config(config.Config().fix) == futures.Policy(
        names=("absolute_import", "division", "print_function"), combined=False, untouched=False)


@pytest.mark.parametrize("line, message", [
    ('future-imports = "division"', "future-imports: expected a list of strings"),
    ('future-imports = ["unicode_literals"]', "future-imports: expected a list of distinct names from absolute_import, "
                                              "division, print_function, got a string ('unicode_literals')"),
    ('future-imports = ["division", "division"]', "future-imports: expected a list of distinct names"),
    ('future-style = "two"', "future-style: expected 'one-per-line' or 'combined', got a string ('two')"),
    ("futures-in-untouched-files = 1", "futures-in-untouched-files: expected true or false, got an integer (1)"),
    ('six = "django/utils/six"', 'six: expected a dotted module name, e.g. "django.utils.six", got a string'),
    ("future-order = []", "unknown key 'future-order'"),
])
def test_wrong_values_are_a_clear_exit_2(tmp_path, line, message):
    (tmp_path / "pyproject.toml").write_text(f"[tool.diracmod.fix]\n{line}\n")
    (tmp_path / "a.py").write_text("x = 1\n")
    with pytest.raises(config.ConfigError, match="tool.diracmod.fix"):
        config.load(tmp_path)
    run = subprocess.run([sys.executable, "-m", "diracmod", "check", "a.py"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


# ---------------------------------------------------------------- division


def test_provable_int_divisions_become_floor_divisions_and_division_is_added(tmp_path):
    text, counts, left = fix_text(tmp_path, """\
        def chunks(items, size):
            count = 0
            for item in items:
                count += 1
            half = count / 2
            pages = (len(items) + 1) / 3
            step = (count // 2) / 4
            count /= 2
            return half, pages, step, count, 7 / 2
        """)
    assert text == FUTURES + "\n\n" + textwrap.dedent("""\
        def chunks(items, size):
            count = 0
            for item in items:
                count += 1
            half = count // 2
            pages = (len(items) + 1) // 3
            step = (count // 2) // 4
            count //= 2
            return half, pages, step, count, 7 // 2
        """)
    # one per finding: five `//`, and the import adds nothing to count (no `/` is left)
    assert counts["old-division"] == 5 == len(_findings(tmp_path / "module.py")) and left == []


def test_float_divisions_stay_and_are_safe_with_division(tmp_path):
    code = "def ratio(done, total):\n    return float(done) / total, done / 2.0, -1.5 / total\n"
    text, counts, left = fix_text(tmp_path, code)
    assert text == FUTURES + "\n\n" + code and left == []
    # the import fixes the two findings (`done / 2.0` is none: a float literal divides the same on both)
    reported = [f for f in _findings(tmp_path / "module.py") if f.symbol == "old-division"]
    assert counts["old-division"] == len(reported) == 2


@pytest.mark.parametrize("code", [
    "def mean(values):\n    return sum(values) / len(values)\n",  # a parameter: anything
    "total = 0\ntotal += 0.5\nx = total / 2\n",  # a counter also bound to a float
    "n = 1\n\n\ndef f():\n    global n\n    n = 2.5\n\n\nx = n / 2\n",  # rebound through `global`
    "def len(x):\n    return 2.5\n\n\nx = len([]) / 2\n",  # not the builtin len
    "class C(object):\n    m = 4\n\n    def h(self):\n        return m / 2\n",  # class names are not seen in methods
    "def f(x):\n    x /= 2\n    return x\n",
    "n = 7\nfor n in range(3):\n    pass\nx = n / 2\n",  # a loop target
    "p = 9\nglobals()[\"p\"] = 9.0\nx = p / 2\n",  # rebound unseen: a namespace write
    "p = 9\ng = globals()\ng[\"p\"] = 9.0\nx = p / 2\n",
])
def test_unknown_divisions_are_left_for_a_person_and_division_is_not_added(tmp_path, code):
    text, counts, left = fix_text(tmp_path, code)
    assert "old-division" not in counts and "division" not in text and code in text
    # check reports it under the rule fix leaves alone, so fix was never asked to add the import
    assert [f.symbol for f in _findings(tmp_path / "module.py")] == ["old-division-unknown-operands"] and left == []


@pytest.mark.parametrize("code", [
    "import sys\np = 9\nsetattr(sys.modules[__name__], \"p\", 9.0)\nx = p / 2\n",  # a namespace write
    "p = 9\nfrom cfg import *\nx = p / 2\n",  # a star import that may bind it
    "def f():\n    p = 9\n    exec \"p = 9.0\"\n    return p / 2\n",  # an exec statement in the function
])
def test_a_name_the_module_may_bind_unseen_is_no_provable_int(tmp_path, code):
    (tmp_path / "module.py").write_text(code)
    assert [f.symbol for f in _findings(tmp_path / "module.py") if "division" in f.symbol] \
        == ["old-division-unknown-operands"]


def test_a_division_under_noqa_keeps_its_finding_and_blocks_division(tmp_path):
    text, counts, left = fix_text(tmp_path, "import os\nn = 3\nx = n / 2  # noqa\n")
    assert "x = n / 2  # noqa" in text and "import division" not in text and "import absolute_import" in text
    assert left == ["division: the `/` on line 3 may divide two ints, so the module cannot take the division import "
                    "(a person decides)"]


@pytest.mark.parametrize("code", [
    "import os\n\n\ndef f(n):\n    @register(n / 2)\n    def g():\n        pass\n",  # above the line of its def
    "import os\r\r\rdef f(n):\r    return n / 2\r",  # lines ended by a lone CR (ast counts them)
])
def test_a_division_the_search_for_slashes_must_not_miss(code):
    # futures walks only the nodes on the lines that hold a lone `/`: these are where a line number misleads
    result = futures.apply(code, "/nonexistent/module.py", DIRAC, touched=True, findings=IMPORTS)
    assert "division" not in result.text and result.left == [
        "division: the `/` on line 5 may divide two ints, so the module cannot take the division import (a person "
        "decides)"]


def test_only_slashes_in_strings_and_comments_leave_division_free():
    assert "import division" in add('import os\nURL = "http://host/path"  # a/b\nx = 1 // 2\n')


@pytest.mark.skipif(corpora.py27() is None, reason="python2.7 is needed (DIRACMOD_PY27)")
def test_the_rewritten_divisions_compute_what_python2_computed(tmp_path):
    code = textwrap.dedent("""\
        items = [1, 2, 3, 4, 5, 6, 7]
        count = 0
        for item in items:
            count += 3
        count /= 2
        print(repr((count / 4, len(items) / 2, (count // 3) / 2, -7 / 2, float(count) / 4, count / 4.0)))
        """)
    (tmp_path / "old.py").write_text(code)
    fixed, _, left = fix(tmp_path / "old.py")
    assert left == [] and "from __future__ import division" in fixed
    (tmp_path / "new.py").write_text(fixed)
    outputs = {subprocess.run([python, str(tmp_path / name)], capture_output=True, text=True, check=True).stdout
               for python, name in ((corpora.py27(), "old.py"), (corpora.py27(), "new.py"), (sys.executable, "new.py"))}
    assert outputs == {"(2, 3, 1, -4, 2.5, 2.5)\n"}


# ---------------------------------------------------------------- implicit relative imports

PACKAGE = {
    "__init__.py": "",
    "string.py": "WHO = 'the sibling string.py'\n",  # shadows the stdlib module on Python 2
    "data.py": "VALUE = 42\n",
    "user.py": textwrap.dedent("""\
        import os, string
        from data import VALUE
        import json

        WHO = string.WHO
        """),
    # a imports b at module level, b imports a inside a function: a cycle if the function runs while b is being
    # imported (tryout14 #14), which fix does not try to prove it never does
    "lazy_a.py": "import lazy_b\nNAME = 'a'\n\n\ndef other():\n    return lazy_b.NAME\n",
    "lazy_b.py": "NAME = 'b'\n\n\ndef other():\n    import lazy_a\n    return lazy_a.NAME\n",
    # a real cycle while importing
    "loop_a.py": "import loop_b\nNAME = 'a'\n\n\ndef other():\n    return loop_b.NAME\n",
    "loop_b.py": "import loop_a\nNAME = 'b'\n\n\ndef other():\n    return loop_a.NAME\n",
}
IMPORT_ALL = ("import sys; sys.path.insert(0, {root!r}); import pkg.user as u, pkg.lazy_a as a; "
              "sys.stdout.write(' '.join(map(str, [u.WHO, u.VALUE, a.other(), a.lazy_b.other()])))")
IMPORT_CYCLE = ("import sys; sys.path.insert(0, {root!r}); import pkg.loop_a as a; "
                "sys.stdout.write(a.other() + a.loop_b.other())")


def _package(root: Path, files: dict) -> Path:
    for name, code in files.items():
        (root / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "pkg" / name).write_text(code)
    return root / "pkg"


def _run(python: str, snippet: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-B", "-c", snippet.format(root=str(root))], capture_output=True, text=True)


@pytest.fixture
def package(tmp_path):
    return _package(tmp_path / "src", PACKAGE)


def test_implicit_relative_imports_become_explicit_and_cycles_a_relative_import_call(package):
    user, counts, left = fix(package / "user.py")
    assert user == FUTURES + "\n" + textwrap.dedent("""\
        import os
        from . import string
        from .data import VALUE
        import json

        WHO = string.WHO
        """)
    assert counts["no-absolute-import"] == 3 and left == []  # string, data, and the future import
    assert fix(package / "lazy_a.py")[0] == (FUTURES + '\nlazy_b = __import__("lazy_b", globals(), level=1)\n'
                                             + PACKAGE["lazy_a.py"][14:])
    assert '\n    lazy_a = __import__("lazy_a", globals(), level=1)\n' in fix(package / "lazy_b.py")[0]
    text, counts, left = fix(package / "loop_a.py")
    assert text == FUTURES + '\nloop_b = __import__("loop_b", globals(), level=1)\n' + PACKAGE["loop_a.py"][14:]
    assert counts["no-absolute-import"] == 2 and left == []  # the import, and the future import


STRING_CYCLE = {  # tryout14 #14: b imports a back by a string, or by an import in a function run while b imports
    "import_module": "import importlib\na = importlib.import_module('pkg.a')\n",
    "__import__ fromlist": "a = __import__('pkg.a', fromlist=['f'])\n",
    "sys.modules or __import__": "import sys\na = sys.modules.get('pkg.a') or __import__('pkg.a', fromlist=['f'])\n",
    "implicit __import__": "a = [__import__('a', globals()) for _ in [1]][0]\n",
    "function run at import": "def _load():\n    import a\n    return a\n\n\na = _load()\n",
}


@pytest.mark.parametrize("case", sorted(STRING_CYCLE))
def test_a_cycle_closed_by_a_string_import_or_a_function_run_at_import_keeps_the_module(tmp_path, case):
    # `from . import b` in a.py fails on Python 2 while b is half-imported ("cannot import name b"), whichever end
    # is imported first: the relative __import__ call binds the module from sys.modules, as the implicit import did
    files = {"__init__.py": "", "a.py": "import b\n\n\ndef f():\n    return 'f' + b.B\n",
             "b.py": STRING_CYCLE[case] + "B = 'B'\n\n\ndef h():\n    return a.f()\n"}
    root = _package(tmp_path, files)
    snippets = ["import sys; sys.path.insert(0, {root!r}); import pkg.b; sys.stdout.write(pkg.b.h())",
                "import sys; sys.path.insert(0, {root!r}); import pkg.a, pkg.b; sys.stdout.write(pkg.b.h())"]
    before = [_run(python27(), snippet, tmp_path) for snippet in snippets]
    assert [(run.returncode, run.stdout) for run in before] == [(0, "fB")] * 2, before[0].stderr
    fixed = {name: fix(root / name)[0] for name in files}
    assert 'b = __import__("b", globals(), level=1)' in fixed["a.py"]
    for name, text in fixed.items():
        (root / name).write_text(text)
    for python in (python27(), sys.executable)[:1 if case == "implicit __import__" else 2]:  # b is Python 2 alone
        after = [_run(python, snippet, tmp_path) for snippet in snippets]
        assert [(run.returncode, run.stdout) for run in after] == [(0, "fB")] * 2, [run.stderr for run in after]


_ROOT_B = "os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'rootB', 'pkg')"
PATH_EXTENDED = {  # tryout14 #12: the package's __init__ spreads it over rootA/ and rootB/
    "extend_path": "from pkgutil import extend_path\n__path__ = extend_path(__path__, __name__)\n",
    "append": f"import os\n__path__.append({_ROOT_B})\n",
    # tryout15 #9: through the module object, globals() and vars()
    "module object": f"import os, sys\nsys.modules[__name__].__path__.append({_ROOT_B})\n",
    "globals": f"import os\nglobals()['__path__'].extend([{_ROOT_B}])\n",
    "vars": f"import os\nvars()['__path__'].insert(0, {_ROOT_B})\n",
    # tryout16 #2 p1: code exec'd from a string holding `__path__`; #9: what extends it, not a mere read
    "exec'd string": f'import os\nexec("__path__.append({_ROOT_B})")\n',
    "alias": f"import os\npaths = __path__\npaths.append({_ROOT_B})\n",
    "slice assignment": f"import os\n__path__[len(__path__):] = [{_ROOT_B}]\n",
    "augmented assignment": f"import os\n__path__ += [{_ROOT_B}]\n",
    "handed to a helper": f"import os\ndef add(paths):\n    paths.append({_ROOT_B})\nadd(__path__)\n",
}


def test_a_mere_read_of_path_is_no_extension(tmp_path):
    # tryout16 #9: reading `__path__` (a data directory beside the package, its length) spreads the package over no
    # other directory: DM427's reason ("the package's __init__.py extends __path__") was false
    init = ('import os\nDATA = os.path.join(__path__[0], "data")\nN = len(__path__)\nFIRST = [d for d in __path__]\n'
            'HAS = DATA in __path__\nWHERE = __path__[0].upper()\nfor d in __path__:\n    pass\n')
    root = _package(tmp_path, {"__init__.py": init, "a.py": "import os\nimport zzfoo_generated\nV = 1\n"})
    symbols = {f.symbol for f in _findings(root / "a.py")}
    assert "no-absolute-import-package-path-extended" not in symbols and "no-absolute-import" in symbols
    (root / "__init__.py").write_text(init + "__path__.append(DATA)\n")
    symbols = {f.symbol for f in _findings(root / "a.py")}
    assert "no-absolute-import-package-path-extended" in symbols and "no-absolute-import" not in symbols


@pytest.mark.parametrize("case", sorted(PATH_EXTENDED))
def test_a_module_of_a_package_over_several_directories_keeps_its_bare_imports(tmp_path, case):
    # Python 2's implicit relative import searches every directory of pkg.__path__: `import b` in rootA/pkg/a.py
    # finds rootB/pkg/b.py, which `import b` under absolute_import does not (ImportError)
    files = {"rootA/pkg/__init__.py": PATH_EXTENDED[case], "rootA/pkg/a.py": "import b\nV = b.W\n",
             "rootB/pkg/__init__.py": PATH_EXTENDED[case] if case == "extend_path" else "",
             "rootB/pkg/b.py": "W = 'from rootB'\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    snippet = ("import sys; sys.path[:0] = [{root!r} + '/rootA', {root!r} + '/rootB']; import pkg.a; "
               "sys.stdout.write(pkg.a.V)")
    before = _run(python27(), snippet, tmp_path)
    assert (before.returncode, before.stdout) == (0, "from rootB"), before.stderr
    for name in files:
        (tmp_path / name).write_text(fix(tmp_path / name)[0])
    assert (tmp_path / "rootA/pkg/a.py").read_text() == files["rootA/pkg/a.py"]  # left whole, for a person
    after = _run(python27(), snippet, tmp_path)
    assert (after.returncode, after.stdout) == (0, "from rootB"), after.stderr
    symbols = {f.symbol for f in _findings(tmp_path / "rootA/pkg/a.py")}
    assert "no-absolute-import-package-path-extended" in symbols and "no-absolute-import" not in symbols


MADE_LATER = {  # tryout14 #9: a sibling that does not exist when fix runs
    "deployed settings": ("try:\n    import local_settings\n    VALUE = local_settings.VALUE\nexcept ImportError:\n"
                          "    VALUE = 'default'\n", {}, "local_settings.py"),
    "extension under try": ("try:\n    import _speed\n    VALUE = _speed.VALUE\nexcept ImportError:\n"
                            "    VALUE = 'default'\n", {"_speed.c": "/* built later */\n"}, "_speed.py"),
    "extension source beside": ("import _speed\nVALUE = _speed.VALUE\n", {"_speed.pyx": "VALUE = 'x'\n"}, "_speed.py"),
    "swig interface": ("import _wrapped\nVALUE = _wrapped.VALUE\n", {"wrapped.i": "%module wrapped\n"}, "_wrapped.py"),
    # tryout15 #12: CPython's naming of extension spam's source, spammodule.c
    **{f"cpython module source .{ext}": ("import spam\nVALUE = spam.VALUE\n", {f"spammodule.{ext}": "/* initspam */\n"},
                                        "spam.py") for ext in ("c", "cpp", "cc")},
    "f2py source": ("import qux\nVALUE = qux.VALUE\n", {"qux.f90": "subroutine s\nend\n"}, "qux.py"),
    # tryout16 #1: Fortran's suffixes in any case (.F, .F90: preprocessed), f2py's signature file, SWIG's generated
    # wrapper (spam_wrap.c builds _spam), C++'s rarer suffixes
    **{f"f2py source .{ext}": ("import flux\nVALUE = flux.VALUE\n", {f"flux.{ext}": "subroutine s\nend\n"}, "flux.py")
       for ext in ("F", "F90", "f95", "f77", "for", "f03", "f08", "FOR")},
    "f2py signature file": ("import quad\nVALUE = quad.VALUE\n", {"quad.pyf": "python module quad\nend\n"}, "quad.py"),
    **{f"swig wrapper .{ext}": ("import _spam\nVALUE = _spam.VALUE\n", {f"spam_wrap.{ext}": "/* SWIG */\n"}, "_spam.py")
       for ext in ("c", "cxx")},
    **{f"c++ source .{ext}": ("import _speed\nVALUE = _speed.VALUE\n", {f"_speed.{ext}": "/* C++ */\n"}, "_speed.py")
       for ext in ("C", "c++", "cp")},
}


@pytest.mark.parametrize("case", sorted(MADE_LATER))
def test_a_module_importing_a_sibling_made_later_keeps_its_bare_imports(tmp_path, case):
    # the sibling appears after fix (build_ext --inplace, a deployment): Python 2 imports it from the package, where
    # under absolute_import `import name` would not find it
    code, beside, made = MADE_LATER[case]
    root = _package(tmp_path, {"__init__.py": "", "conf.py": code, **beside})
    text, counts, left = fix(root / "conf.py")
    assert text == code and not counts["no-absolute-import"]
    symbols = {f.symbol for f in _findings(root / "conf.py")}
    assert "no-absolute-import-unknown-module" in symbols and "no-absolute-import" not in symbols
    (root / made).write_text("VALUE = 'made later'\n")
    snippet = "import sys; sys.path.insert(0, {root!r}); import pkg.conf; sys.stdout.write(pkg.conf.VALUE)"
    after = _run(python27(), snippet, tmp_path)
    assert (after.returncode, after.stdout) == (0, "made later"), after.stderr


def test_a_python2_standard_module_python3_dropped_is_found_and_absolute_import_added(tmp_path):
    # tryout29b #2: python2.7's future_builtins (and formatter, parser, __main__...) is a standard module whatever
    # Python 3 runs diracmod: no sibling made later, so W1618 is fixed, not DM428
    code = ("import os\ntry:\n    from future_builtins import map, zip\nexcept ImportError:\n    pass\n\n\n"
            "def pairs(a, b):\n    return list(zip(map(os.path.basename, a), b))\n")
    root = _package(tmp_path, {"__init__.py": "", "mod.py": code})
    symbols = {f.symbol for f in _findings(root / "mod.py")}
    assert "no-absolute-import-unknown-module" not in symbols and "no-absolute-import" in symbols
    snippet = "import sys; sys.path.insert(0, {root!r}); import pkg.mod; print(pkg.mod.pairs(['/a/b'], 'x'))"
    before = _run(python27(), snippet, tmp_path)
    assert (before.returncode, before.stdout) == (0, "[('b', 'x')]\n"), before.stderr
    text, counts, left = fix(root / "mod.py")
    assert "from __future__ import absolute_import" in text and counts["no-absolute-import"] == 1
    (root / "mod.py").write_text(text)
    assert _run(python27(), snippet, tmp_path).stdout == before.stdout


@pytest.mark.parametrize("name", ["__main__", "formatter", "strop"])
def test_a_python2_standard_module_in_a_path_extended_package_keeps_no_bare_import(tmp_path, name):
    # tryout29b #2 (Importing 1.10's peak/util/imports.py): `import __main__` finds the standard module whatever
    # directories the package spans: not DM427
    root = _package(tmp_path, {"__init__.py": PATH_EXTENDED["extend_path"], "mod.py": f"import sys\nimport {name}\n"})
    symbols = {f.symbol for f in _findings(root / "mod.py")}
    assert "no-absolute-import-package-path-extended" not in symbols and "no-absolute-import" in symbols


def test_a_lone_pyo_is_no_sibling_and_its_import_is_left_for_a_person(tmp_path):
    # tryout15 #10: python2.7 imports pkg/json.pyo under -O alone: without -O `import json` is the standard json,
    # so `from . import json` would fail; with -O the bytecode: the import is left (DM428), both ways run as before
    py2 = python27()
    root = _package(tmp_path, {"__init__.py": "", "json.py": "V = 'pyo json'\n", "sub/__init__.py": "V = 'sub pkg'\n",
                               "a.py": "import sub\nimport json\nV = sub.V, getattr(json, 'V', 'stdlib json')\n"})
    compiled = subprocess.run([py2, "-O", "-c", "import py_compile; py_compile.compile('json.py')"], cwd=root,
                              capture_output=True, text=True)
    assert compiled.returncode == 0, compiled.stderr
    for flags in ([], ["-O"]):  # sub/__init__.pyc, and the .pyo that -O reads
        subprocess.run([py2, *flags, "-c", "import py_compile; py_compile.compile('sub/__init__.py')"], cwd=root,
                       check=True)
    (root / "json.py").unlink()
    (root / "sub" / "__init__.py").unlink()
    assert "json" not in siblings.implicit(root) and "json" in siblings.optimized_only(root)
    assert "sub" in siblings.implicit(root)  # a package with only __init__.pyc: Python 2 imports it
    runs = {flags: ["-B", *flags, "-c", "import sys; sys.path.insert(0, {root!r}); import pkg.a; print(pkg.a.V)"]
            for flags in ((), ("-O",))}

    def outputs():
        found = {}
        for flags, args in runs.items():
            proc = subprocess.run([py2, *args[:-1], args[-1].format(root=str(tmp_path))], capture_output=True,
                                  text=True)
            found[flags] = (proc.returncode, proc.stdout, proc.stderr[-200:])
        return found

    before = outputs()
    assert before[()][:2] == (0, "('sub pkg', 'stdlib json')\n") and before[("-O",)][:2] == (0, "('sub pkg', 'pyo json')\n")
    code = (root / "a.py").read_text()
    text, counts, left = fix(root / "a.py")
    assert text == code and not counts["no-absolute-import"]
    symbols = {f.symbol for f in _findings(root / "a.py")}
    assert "no-absolute-import-unknown-module" in symbols and "no-absolute-import" not in symbols
    (root / "a.py").write_text(text)
    assert outputs() == before


def test_a_module_so_is_a_sibling_and_a_module_importing_a_known_name_under_try_is_fixed(tmp_path):
    # Python 2 imports `_c` from _cmodule.so; `import json` under try is the standard module's
    root = _package(tmp_path, {"__init__.py": "", "_cmodule.so": "", "m.py": "try:\n    import _c\n    import json\n"
                               "except ImportError:\n    _c = None\n"})
    assert "_c" in siblings.implicit(root)
    text, _, left = fix(root / "m.py")
    assert "from . import _c\n" in text and "import json\n" in text and left == []


def test_a_cycle_stays_a_cycle_once_one_end_is_fixed(package):
    (package / "loop_a.py").write_text(fix(package / "loop_a.py")[0])  # as `fix --write` does, file by file
    assert '\nloop_a = __import__("loop_a", globals(), level=1)\n' in fix(package / "loop_b.py")[0]


def test_imports_in_one_statement_keep_their_order(tmp_path):
    # the order they are written in is the order they run in: in an import cycle, it decides what is half-done
    code = "import os, loop_b as lb, data, string, json; import sys\nNAME = 'a'\n"
    root = _package(tmp_path / "src", {**PACKAGE, "loop_a.py": code})
    text, _, left = fix(root / "loop_a.py")
    assert text == FUTURES + ('\nimport os; lb = __import__("loop_b", globals(), level=1); from . import data, string; '
                              "import json; import sys\nNAME = 'a'\n") and left == []


def test_a_second_run_over_the_package_changes_nothing(package):
    for name in ("user.py", "loop_a.py", "lazy_b.py", "data.py"):
        once, _, _ = fix(package / name)
        (package / name).write_text(once)
        assert fix(package / name)[0] == once


def test_outside_a_package_there_is_no_implicit_relative_import(tmp_path):
    (tmp_path / "data.py").write_text("VALUE = 1\n")
    text, counts, left = fix_text(tmp_path, "import data\n", name="script.py")
    assert text == FUTURES + "\nimport data\n" and left == []


SUBMODULE_USER = ("import sys, sub.x\nimport sub.x as y\n\n\n"
                  "def f():\n    import os, sub.x  # both\n    return sub.__name__\n\n\n"
                  "sys.stdout.write('%s %s %s %s' % (sub.__name__, sub.x.W, y.W, f()))\n")


def test_import_of_a_sibling_submodule_binds_the_sibling_and_imports_the_submodule(tmp_path):
    # tryout6 #6: `import sub.x` binds sub (and imports sub.x): the relative __import__ call does both; tryout7 #6:
    # on a line of its own, with the line's indentation (not `import sys; sub = ...`: E702)
    root = _package(tmp_path, {"__init__.py": "", "sub/__init__.py": "", "sub/x.py": "W = 'w'\n",
                               "user.py": SUBMODULE_USER})
    text, counts, left = fix(root / "user.py")
    assert text.startswith(FUTURES) and left == [] and counts["no-absolute-import"] == 4
    assert ('\nimport sys\nsub = __import__("sub.x", globals(), level=1)\nfrom .sub import x as y\n' in text
            and '\n    import os\n    sub = __import__("sub.x", globals(), level=1)  # both\n' in text)
    pythons = list(filter(None, (corpora.py27(), sys.executable)))
    snippet = "import sys; sys.path.insert(0, {root!r}); import pkg.user"
    before = _run(pythons[0], snippet, tmp_path)
    (root / "user.py").write_text(text)
    for python in pythons:
        after = _run(python, snippet, tmp_path)
        assert (after.returncode, after.stdout) == (0, "pkg.sub w w pkg.sub"), after.stderr
    assert (before.returncode, before.stdout) == (0, "pkg.sub w w pkg.sub") or pythons[0] == sys.executable
    assert fix(root / "user.py")[0] == text  # a second run changes nothing


def test_a_sibling_whose_name_the_package_binds_is_imported_as_the_module(tmp_path):
    # tryout12b #8 (tablib's vendored xlwt): `from . import Worksheet` would read the package attribute, the class
    # its __init__ imported under the module's name; the relative __import__ call binds the module, at any depth
    files = {"__init__.py": "from Worksheet import Worksheet\nfrom Workbook import Workbook\n",
             "Worksheet.py": "class Worksheet(object):\n    def __init__(self, name):\n        self.name = name\n",
             "Workbook.py": "import Worksheet as W\n\n\nclass Workbook(object):\n    def add_sheet(self, name):\n"
                            "        import Worksheet\n        return Worksheet.Worksheet(W.Worksheet(name).name)\n"}
    root = _package(tmp_path, files)
    snippet = "import sys; sys.path.insert(0, {root!r}); import pkg; sys.stdout.write(pkg.Workbook().add_sheet('s').name)"
    pythons = list(filter(None, (corpora.py27(), sys.executable)))
    before = _run(pythons[0], snippet, tmp_path)
    text, _, left = fix(root / "Workbook.py")
    assert left == [] and 'W = __import__("Worksheet", globals(), level=1)' in text
    assert '        Worksheet = __import__("Worksheet", globals(), level=1)\n' in text
    for name in ("__init__.py", "Workbook.py", "Worksheet.py"):
        (root / name).write_text(fix(root / name)[0])
    for python in pythons:
        after = _run(python, snippet, tmp_path)
        assert (after.returncode, after.stdout) == (0, "s"), after.stderr
    assert (before.returncode, before.stdout) == (0, "s") or pythons[0] == sys.executable


STAR_BOUND = {  # tryout16 #16: the package's __init__ binds `config` and `log` through star imports
    "__init__.py": "from config import *\nfrom pkg.logsetup import *\nfrom .listed import *\nfrom pkg.tools import *\n",
    "config.py": "DEFAULTS = {'site': 'CERN'}\n\n\nclass Config(object):\n    def get(self, k):\n"
                 "        return DEFAULTS.get(k)\n\n\nconfig = Config()\n",
    "logsetup.py": "import logging\nlog = logging.getLogger('app')\n",
    "log.py": "LEVEL = 'INFO'\n",
    "listed.py": "__all__ = ['names']\nnames = 1\nother = 2\n",  # its __all__ leaves `other` out
    "other.py": "V = 'other module'\n",
    "tools.py": "T = 1\n",  # binds no `names` nor `other`
    "names.py": "V = 'names module'\n",
    "worker.py": "import config, log, other\nfrom config import DEFAULTS\n\n\ndef run():\n"
                 "    return config.DEFAULTS, config.config.get('site'), log.LEVEL, DEFAULTS, other.V\n",
}


def test_a_sibling_whose_name_a_star_import_of_the_package_binds_is_imported_as_the_module(tmp_path):
    # `from config import *` in __init__.py binds the package attribute `config` to config.py's own `config`
    # object: `from . import config` would read that object, where the implicit import bound the module; a star
    # import whose module's __all__ leaves the name out, or which binds no such name, changes nothing
    root = _package(tmp_path, STAR_BOUND)
    snippet = "import sys; sys.path.insert(0, {root!r}); import pkg.worker; sys.stdout.write(repr(pkg.worker.run()))"
    before = _run(python27(), snippet, tmp_path)
    expected = "({'site': 'CERN'}, 'CERN', 'INFO', {'site': 'CERN'}, 'other module')"
    assert (before.returncode, before.stdout) == (0, expected), before.stderr
    text, _, left = fix(root / "worker.py")
    assert left == []
    assert 'config = __import__("config", globals(), level=1)\n' in text
    assert 'log = __import__("log", globals(), level=1)\n' in text
    assert "from . import other\n" in text
    (root / "worker.py").write_text(text)
    after = _run(python27(), snippet, tmp_path)
    assert (after.returncode, after.stdout) == (0, expected), after.stderr


SHADOWED_CALL = {  # tryout13 #8: the scope of `import Worksheet` binds globals or __import__ (the relative call's)
    "parameter": "def load(globals=None):\n    import Worksheet\n    return Worksheet.V\n",
    "local": "def load():\n    __import__ = None\n    import Worksheet\n    return Worksheet.V\n",
    "enclosing": "def outer(__import__=None):\n    def load():\n        import Worksheet\n        return Worksheet.V\n"
                 "    return load\n\n\nload = outer()\n",
    "module def": "def globals():\n    return {}\n\n\nimport Worksheet as W\n\n\ndef load():\n    return W.V\n",
    "module update": "globals().update(__import__=None)\nimport Worksheet as W\n\n\ndef load():\n    return W.V\n",
    "class body": "class C(object):\n    globals = None\n    import Worksheet\n\n\ndef load():\n"
                  "    return C.Worksheet.V\n",
}


@pytest.mark.parametrize("case", sorted(SHADOWED_CALL))
def test_an_import_whose_scope_binds_globals_or_import_is_left_with_a_finding(tmp_path, case):
    # `__import__("Worksheet", globals(), level=1)` would call the module's own globals or __import__ (ImportError,
    # TypeError): the module keeps its implicit relative imports and no absolute_import, for a person (DM414)
    files = {"__init__.py": "from Worksheet import Worksheet\n",
             "Worksheet.py": "class Worksheet(object):\n    pass\n\n\nV = 'ws module'\n",
             "book.py": SHADOWED_CALL[case]}
    root = _package(tmp_path, files)
    snippet = "import sys; sys.path.insert(0, {root!r}); import pkg.book as b; sys.stdout.write(b.load())"
    before = _run(python27(), snippet, tmp_path)
    assert (before.returncode, before.stdout) == (0, "ws module"), before.stderr
    text, counts, left = fix(root / "book.py")
    assert text == SHADOWED_CALL[case]  # no import touched, no absolute_import
    assert not counts["no-absolute-import"] and left == []  # check's finding says why (as DM193's)
    symbols = {f.symbol for f in _findings(root / "book.py")}
    assert "no-absolute-import-call-shadowed" in symbols and "no-absolute-import" not in symbols
    (root / "book.py").write_text(text)
    after = _run(python27(), snippet, tmp_path)
    assert (after.returncode, after.stdout) == (0, "ws module"), after.stderr


def _w1618_symbols(root, path) -> list:
    """The symbols `diracmod check --select W1618` reports on `path`, run in `root` (its result cache warm)."""
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--format", "json", "--select", "W1618", path],
                          cwd=root, capture_output=True, text=True, timeout=300)
    return [finding["symbol"] for finding in json.loads(proc.stdout)]


def test_the_cache_keys_on_the_siblings_a_shadowed_call_would_import(tmp_path):
    # `import helpers` is DM414 only while helpers.py is a sibling: the warm cache must see it come and go
    root = _package(tmp_path, {"__init__.py": "", "book.py": SHADOWED_CALL["parameter"].replace("Worksheet", "helpers")})

    def symbols():
        return _w1618_symbols(tmp_path, "pkg/book.py")

    assert symbols() == ["no-absolute-import"]
    (root / "helpers.py").write_text("V = 1\n")
    assert symbols() == ["no-absolute-import-call-shadowed"]
    (root / "helpers.py").unlink()
    assert symbols() == ["no-absolute-import"]


def test_a_binding_of_globals_elsewhere_leaves_the_relative_import_call(tmp_path):
    # the function's own parameter `globals` is no binding the module-level import's call reads
    files = {"__init__.py": "from Worksheet import Worksheet\n", "Worksheet.py": "V = 'ws module'\n",
             "book.py": "import Worksheet as W\n\n\ndef load(globals=None):\n    return W.V\n"}
    root = _package(tmp_path, files)
    text, _, left = fix(root / "book.py")
    assert 'W = __import__("Worksheet", globals(), level=1)' in text and left == []
    assert "no-absolute-import" in {f.symbol for f in _findings(root / "book.py")}


@pytest.mark.parametrize("sibling", ["_speedups.pyc", "_speedups.so"])
def test_a_compiled_or_bytecode_only_sibling_is_a_sibling(tmp_path, sibling):
    # tryout3 #16: python2.7 imports pkg/_speedups.pyc without a _speedups.py; a top-level import would miss it
    root = _package(tmp_path, {"__init__.py": "", "__init__.pyc": "", sibling: "",
                               "mod.py": "try:\n    import _speedups\nexcept ImportError:\n    _speedups = None\n"})
    text, _, left = fix(root / "mod.py")
    assert "    from . import _speedups\n" in text and left == []
    assert "__init__" not in siblings.modules(root)


@pytest.mark.skipif(corpora.py27() is None, reason="python2.7 is needed (DIRACMOD_PY27)")
def test_the_package_behaves_the_same_on_python2_and_works_on_python3(package):
    expected = "the sibling string.py 42 b a"
    before = _run(corpora.py27(), IMPORT_ALL, package.parent)
    assert (before.returncode, before.stdout) == (0, expected), before.stderr
    assert _run(sys.executable, IMPORT_ALL, package.parent).returncode != 0  # Python 3 cannot import it yet
    cycle_before = _run(corpora.py27(), IMPORT_CYCLE, package.parent).stdout
    assert _run(sys.executable, IMPORT_CYCLE, package.parent).returncode != 0
    for path in package.glob("*.py"):
        path.write_text(fix(path)[0])
    for python in (corpora.py27(), sys.executable):
        after = _run(python, IMPORT_ALL, package.parent)
        assert (after.returncode, after.stdout) == (0, expected), after.stderr
        # the cycle imports, from either end, as Python 2 imported it
        cycle = _run(python, IMPORT_CYCLE, package.parent)
        assert (cycle.returncode, cycle.stdout) == (0, cycle_before), cycle.stderr
        other_end = _run(python, IMPORT_CYCLE.replace("loop_a as a", "loop_b as b").replace(
            "a.other() + a.loop_b.other()", "b.other() + b.loop_a.other()"), package.parent)
        assert (other_end.returncode, other_end.stdout) == (0, "ab"), other_end.stderr
    assert cycle_before == "ba"


MAIN_GUARD = {
    "__init__.py": "",
    "app.py": "import demo\nNAME = 'app+' + demo.NAME\n",
    # its demo imports app back, but only when run as the script: imported as pkg.demo, it is no __main__
    "demo.py": "NAME = 'demo'\n\nif __name__ == '__main__':\n    import app\n    NAME = app.NAME\n",
}


def test_an_import_under_the_main_guard_is_no_import_cycle(tmp_path):
    root = _package(tmp_path / "src", MAIN_GUARD)
    app, counts, left = fix(root / "app.py")
    assert app == FUTURES + "\nfrom . import demo\nNAME = 'app+' + demo.NAME\n" and left == []
    demo, _, left = fix(root / "demo.py")
    # a module run as a script too keeps its implicit relative imports (DM193; tryout5 #38)
    assert demo == MAIN_GUARD["demo.py"] and left == []
    assert "no-absolute-import-run-as-script" in {f.symbol for f in _findings(root / "demo.py")}
    for name, text in (("app.py", app), ("demo.py", demo)):
        (root / name).write_text(text)
    for python in filter(None, (corpora.py27(), sys.executable)):
        run = _run(python, "import sys; sys.path.insert(0, {root!r}); import pkg.app as a; sys.stdout.write(a.NAME)",
                   root.parent)
        assert (run.returncode, run.stdout) == (0, "app+demo"), run.stderr
    if corpora.py27():  # demo's `import app`, left for a person, works on Python 2 alone
        run = subprocess.run([corpora.py27(), "-B", "-m", "pkg.demo"], cwd=root.parent, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


@pytest.mark.skipif(corpora.py27() is None, reason="python2.7 is needed (DIRACMOD_PY27)")
def test_from_dot_import_inside_a_cycle_really_fails_on_python2(tmp_path):
    """Why cycles get no `from . import`: python-modernize's rewrite of the cycle breaks Python 2 at import."""
    files = {"__init__.py": "",
             "loop_a.py": "from . import loop_b\nNAME = 'a'\n\n\ndef other():\n    return loop_b.NAME\n",
             "loop_b.py": "from . import loop_a\nNAME = 'b'\n\n\ndef other():\n    return loop_a.NAME\n"}
    root = tmp_path / "src"
    _package(root, files)
    python2 = _run(corpora.py27(), IMPORT_CYCLE, root)
    assert python2.returncode != 0 and "cannot import name loop_a" in python2.stderr
    python3 = _run(sys.executable, IMPORT_CYCLE, root)  # 3.7+ falls back to sys.modules
    assert (python3.returncode, python3.stdout) == (0, "ba")


def _findings(path):
    return engine.analyse(str(path), reader.decode(str(path), path.read_bytes()),
                          engine.Plan(checkers=frozenset({"py3k"})))


# ---------------------------------------------------------------- code run from strings

EVAL = 'n = eval("7/2")\nns = {}\nexec("y = 1/2", ns)\nsys.stdout.write("%r %r\\n" % (n, ns["y"]))\n'


def test_a_module_running_strings_gets_neither_division_nor_print_function(tmp_path):
    code = "import sys\nx = 1.0 / 2\n" + EVAL + "import string\nu = string.upper('a')\n"  # rewritten: futures are asked for
    _, result, _ = fixed_runs_as_before(tmp_path, code)
    assert b"import division" not in (result.new or b"") and b"print_function" not in (result.new or b"")
    text, _, left = fix_text(tmp_path, code)
    assert left == [f"{name}: the module calls {call}() (line {line}): Python 2 compiles that code under the "
                    f"module's future imports" for name, call, line in (("absolute_import", "exec", 5),
                                                                      ("division", "eval", 3),
                                                                      ("print_function", "exec", 5))]


def test_eval_alone_keeps_division_out_but_not_print_function(tmp_path):
    # eval reads an expression: no print statement could be in it, so print_function changes nothing there
    _, result, _ = fixed_runs_as_before(tmp_path, 'import sys\nprint "a", 1\nn = eval("7/2")\nprint n\n')
    assert b"import print_function" in result.new and b"import division" not in result.new


def test_the_builtin_input_keeps_division_out(tmp_path):
    # tryout2 #10a: Python 2's input() is eval(raw_input()) compiled under the caller's future flags
    code = 'import sys\nx = 1.0 / 2\ny = input()\nprint y\n'
    (tmp_path / "old.py").write_text(code)
    plan = everything(DIRAC)
    plan = replace(plan, symbols=plan.symbols - {"input-builtin"})  # as without --unsafe: the call stays
    result = engine_fix.fix_bytes(str(tmp_path / "new.py"), code.encode(), plan)
    assert b"import division" not in result.new and b"import print_function" in result.new
    (tmp_path / "new.py").write_bytes(result.new)
    old, new = (subprocess.run([python27(), str(tmp_path / name)], input="7/2\n", capture_output=True, text=True)
                for name in ("old.py", "new.py"))
    assert old.stdout == new.stdout == "3\n", new.stderr
    # a module that binds input itself calls no builtin input
    assert "division" in add('import os\nfrom six.moves import input\nx = 1.0 / 2\ny = input()\n')


SCRIPT_MAIN = "\n\n\ndef main():\n    print sib.X\n\n\n"


@pytest.mark.parametrize("code", [
    # tryout5 #38: the usual block
    'import sib' + SCRIPT_MAIN + 'if __name__ == "__main__":\n    main()\n',
    # tryout6 #24: another spelling of the test, and a script with no block at all, its code at module level
    'import sib' + SCRIPT_MAIN + 'if __name__ in ("__main__",):\n    main()\n',
    '#!/usr/bin/env python\nimport sib' + SCRIPT_MAIN + 'main()\n',
    # tryout7 #5: other tests of how the module is run
    'import sib' + SCRIPT_MAIN + 'if __name__.startswith("__main"):\n    main()\n',
    'import sib' + SCRIPT_MAIN + 'if __name__ not in ("pkg.m",):\n    main()\n',
    'import sys\nimport sib' + SCRIPT_MAIN + 'if sys.argv[0].endswith("m.py"):\n    main()\n',
])
def test_a_package_module_run_as_a_script_keeps_its_implicit_relative_imports(tmp_path, code):
    # `from . import sib` fails in `python2.7 pkg/m.py`; absolute_import alone breaks `import pkg.m`
    package = _package(tmp_path, {"__init__.py": "", "sib.py": 'X = "sib"\n', "m.py": code})
    runs = ([python27(), str(package / "m.py")], [python27(), "-c", "import pkg.m; pkg.m.main()"])
    before = [subprocess.run(run, cwd=tmp_path, capture_output=True, text=True) for run in runs]
    result = engine_fix.fix_file(str(package / "m.py"), everything(DIRAC))
    new = result.new.decode()
    assert "absolute_import" not in new and "\nimport sib\n" in new and "print(sib.X)" in new
    assert "no-absolute-import-run-as-script" in {f.symbol for f in result.left}
    (package / "m.py").write_text(new)
    after = [subprocess.run(run, cwd=tmp_path, capture_output=True, text=True) for run in runs]
    assert [(r.returncode, r.stdout) for r in after] == [(r.returncode, r.stdout) for r in before]
    assert all(r.returncode == 0 and r.stdout.startswith("sib\n") for r in before)
    assert engine_fix.fix_file(str(package / "m.py"), everything(DIRAC)).new is None  # a second run changes nothing


ARGV_SCRIPTS = [  # tryout16 #3: a plain script (no __name__ test, no #!) reading its arguments or exiting at module level
    'import sys\nimport sib\nsys.stdout.write("<%s %s>\\n" % (sib.X, sys.argv[1]))\n',
    'import sys, getopt\nimport sib\nopts, args = getopt.getopt(sys.argv[1:], "v")\nprint sib.X, args\n',
    'import sys\nimport sib\nif len(sys.argv) > 1:\n    print sib.X\n',
    'import sys\nimport sib\nprint sib.X, list(sys.argv)[1:]\n',
    'import sib\nfrom optparse import OptionParser\nopts, args = OptionParser().parse_args()\nprint sib.X, args\n',
    'import sys\nimport sib\nprint sib.X\nsys.exit(0)\n',
    'import sys\nimport sib\n\n\nclass Job(object):\n    name = sys.argv[1]\n\n\nprint sib.X, Job.name\n',
    # tryout17 #4: fileinput reads sys.argv itself; SystemExit is sys.exit's twin; a filter of standard input
    'import sib\nimport fileinput\nfor line in fileinput.input():\n    print sib.X, line.strip()\n',
    'import sib\n\n\ndef main():\n    print sib.X\n    return 0\n\n\nraise SystemExit(main())\n',
    'import sib\nprint sib.X\nraise SystemExit\n',
    'import sys\nimport sib\nfor line in sys.stdin:\n    print sib.X, line.strip()\n',
    'import sys\nimport sib\nprint sib.X, len(sys.stdin.read())\n',
    'import argparse\nimport sib\nargs, rest = argparse.ArgumentParser().parse_known_args()\nprint sib.X, rest\n',
    'import sib\nprint sib.X\nexit(0)\n',
    'import sib\nprint sib.X\nquit()\n',
    'import os\nimport sys\nimport sib\nprint sib.X\nsys.stdout.flush()\nos._exit(0)\n',
]


INPUT_SCRIPTS = [  # tryout18 #5: the Python 2 spelling of raise SystemExit(0), a test runner, input read
    'import sib\nprint sib.X\nraise SystemExit, 0\n',
    'import sib\nimport unittest\n\n\nclass T(unittest.TestCase):\n    def test(self):\n        print sib.X\n\n\n'
    'unittest.main()\n',
    'import sib\nimport doctest\n\n\ndef f():\n    """\n    >>> sib.X\n    \'sib\'\n    """\n\n\n'
    'doctest.testmod()\nprint sib.X\n',
    'import sib\nline = raw_input()\nprint sib.X, line\n',
    'import sib\nline = input()\nprint sib.X, line\n',
    'import sib\nimport sys\nfor line in iter(sys.stdin.readline, ""):\n    print sib.X, line.strip()\n',
    'import sib\nimport fileinput\nfor line in fileinput.FileInput():\n    print sib.X, line.strip()\n',
    # tryout19 #14: standard input handed to a call or a comprehension
    'import sys\nimport sib\nimport json\ntry:\n    data = json.load(sys.stdin)\nexcept ValueError:\n    data = None\n'
    'print sib.X, data\n',
    'import sys\nimport sib\nimport csv\nprint sib.X, list(csv.reader(sys.stdin))\n',
    'import sys\nimport sib\nprint sib.X, list(sys.stdin)\n',
    'import sys\nimport sib\nprint sib.X, [l for l in sys.stdin]\n',
    'import sys\nimport sib\nprint sib.X, map(str.strip, sys.stdin)\n',
]


@pytest.mark.parametrize("code, arguments", [(code, ["job1"]) for code in ARGV_SCRIPTS]
                         + [(code, []) for code in INPUT_SCRIPTS])  # unittest.main() would take job1 for a test
def test_a_package_module_reading_its_arguments_or_input_at_module_level_is_run_as_a_script(tmp_path, code, arguments):
    # `python2.7 pkg/m.py job1`, as a job wrapper is launched: `from . import sib` would fail there
    package = _package(tmp_path, {"__init__.py": "", "sib.py": 'X = "sib"\n', "m.py": code})
    run = [python27(), "-B", str(package / "m.py"), *arguments]
    (tmp_path / "job1").write_text("a line\n")  # fileinput's file
    before = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, input="1\n")
    assert before.returncode == 0 and before.stdout.startswith(("sib", "<sib")), before.stderr
    result = engine_fix.fix_file(str(package / "m.py"), everything(DIRAC))
    new = result.new.decode() if result.new else code
    assert "absolute_import" not in new and "\nimport sib\n" in new
    assert "no-absolute-import-run-as-script" in {f.symbol for f in result.left}
    assert _symbols(package / "m.py") == {"no-absolute-import-run-as-script": False}  # check agrees
    (package / "m.py").write_text(new)
    after = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, input="1\n")
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout), after.stderr


def test_reading_the_arguments_or_exiting_in_a_function_is_no_sign_of_a_script(tmp_path):
    package = _package(tmp_path, {"__init__.py": "", "sib.py": 'X = "sib"\n',
                                  "m.py": 'import sys\nimport sib\n\n\ndef main():\n    print sib.X, sys.argv[1:]\n'
                                          '    sys.exit(len(sys.argv))\n'})
    new = engine_fix.fix_file(str(package / "m.py"), everything(DIRAC)).new.decode()
    assert "from __future__ import absolute_import" in new and "from . import sib\n" in new


def test_a_module_without_a_main_block_or_sibling_still_gets_absolute_import(tmp_path):
    package = _package(tmp_path, {"__init__.py": "", "sib.py": 'X = "sib"\n',
                                  "m.py": 'import sib\n\n\ndef main():\n    return sib.X\n'})
    new = engine_fix.fix_file(str(package / "m.py"), everything(DIRAC)).new.decode()
    assert "from __future__ import absolute_import" in new and "from . import sib\n" in new
    # a script importing only the standard library: absolute_import changes none of its imports
    (package / "s.py").write_text('import os\n\nif __name__ == "__main__":\n    print os.sep\n')
    assert "from __future__ import absolute_import" in engine_fix.fix_file(str(package / "s.py"),
                                                                          everything(DIRAC)).new.decode()


SCRIPT_OF_THE_PACKAGE = ('import os\nfrom pkg.sib import X\n\n\ndef main():\n    print os.sep, X\n\n\n'
                         'if __name__ == "__main__":\n    main()\n')


def _symbols(path) -> dict:
    return {f.symbol: f.fixable for f in _findings(path) if "absolute-import" in f.symbol}


def test_a_script_in_a_package_importing_no_sibling_is_fixed_as_check_says(tmp_path):
    # check read the file alone and reported DM193 for any import beyond the standard library (181 corpus modules,
    # Twisted's `twisted.*` imports); fix reads its directory: `from pkg.sib import X` is absolute already
    package = _package(tmp_path, {"__init__.py": "", "sib.py": 'X = "sib"\n', "m.py": SCRIPT_OF_THE_PACKAGE})
    assert _symbols(package / "m.py") == {"no-absolute-import": True}
    runs = ([python27(), str(package / "m.py")], [python27(), "-m", "pkg.m"])
    before = [subprocess.run(run, cwd=tmp_path, capture_output=True, text=True) for run in runs]
    result = engine_fix.fix_file(str(package / "m.py"), everything(DIRAC))
    assert result.applied["no-absolute-import"] == 1 and b"from __future__ import absolute_import" in result.new
    (package / "m.py").write_bytes(result.new)
    after = [subprocess.run(run, cwd=tmp_path, capture_output=True, text=True) for run in runs]
    assert [(r.returncode, r.stdout) for r in after] == [(r.returncode, r.stdout) for r in before]
    assert before[1].stdout == "/ sib\n"
    # a module outside a package imports nothing implicitly relative: its script directory is sys.path[0] anyway
    (tmp_path / "tool.py").write_text('import helpers\n\nif __name__ == "__main__":\n    print helpers.X\n')
    (tmp_path / "helpers.py").write_text("X = 1\n")
    assert _symbols(tmp_path / "tool.py") == {"no-absolute-import": True}


def test_check_reads_the_siblings_of_a_file_named_alone_and_fix_agrees(tmp_path, capsys, monkeypatch):
    # a compiled sibling counts, and an entry that cannot be looked at (a symlink loop) is no package
    package = _package(tmp_path, {"__init__.py": "", "m.py": 'import _speedups\n\nif __name__ == "__main__":\n'
                                                             '    print _speedups\n'})
    (package / "_speedups.so").write_bytes(b"")
    (package / "loop").symlink_to(package / "loop")
    monkeypatch.chdir(package)
    assert main(["check", "--no-cache", "--select", "no-absolute-import", "m.py"]) == 1
    assert "m.py:1: [DM193(no-absolute-import-run-as-script), ]" in capsys.readouterr().out
    result = engine_fix.fix_file("m.py", everything(DIRAC))
    assert b"absolute_import" not in result.new and "no-absolute-import-run-as-script" in {
        f.symbol for f in result.left}
    # the cache keys on what check read beside the file: the sibling gone, the module is W1618 again
    (package / "_speedups.so").unlink()
    for _ in range(2):  # the first run fills the cache, the second reads it
        assert main(["check", "--select", "no-absolute-import", "m.py"]) == 1
        assert "m.py:1: [W1618(no-absolute-import), ]" in capsys.readouterr().out
    (package / "_speedups.py").write_text("")
    assert main(["check", "--select", "no-absolute-import", "m.py"]) == 1
    assert "DM193" in capsys.readouterr().out
    # the same text in a package without that sibling has results of its own, cached beside the first's (the ones
    # found above before _speedups.py came: the same text, the same siblings)
    other = _package(tmp_path / "other", {"__init__.py": "", "m.py": (package / "m.py").read_text()})
    checked = []
    monkeypatch.setattr(engine, "check_file", lambda path, plan, work=engine.check_file: checked.append(path) or
                        work(path, plan))
    for _ in range(2):
        assert main(["check", "--select", "no-absolute-import", "m.py", str(other / "m.py")]) == 1
        out = capsys.readouterr().out
        assert "m.py:1: [DM193" in out and f"{other / 'm.py'}:1: [W1618(no-absolute-import), ]" in out
        assert checked == []  # both from the cache, each under its own key


@pytest.mark.parametrize("script", [
    # a script shown by sys.argv[0] alone (no "__main__" in its text)
    'import helper\nimport sys\n\nif sys.argv[0].endswith("m.py"):\n    print helper\n',
    # tryout16 #3: a module-level sys.exit(), in a text naming neither argv nor __name__
    'import helper\nimport sys\nprint helper\nsys.exit(0)\n',
    # tryout17 #4: a filter of standard input, a module-level SystemExit (texts naming neither argv nor exit)
    'import helper\nimport sys\nfor line in sys.stdin:\n    print helper, line\n',
    'import helper\nprint helper\nraise SystemExit\n',
], ids=["argv0", "module-level-exit", "stdin-filter", "system-exit"])
def test_check_s_cache_follows_the_siblings_of_a_script_known_by_any_sign(tmp_path, capsys, monkeypatch, script):
    # a sibling coming is a cache miss for a script whatever shows it is one
    package = _package(tmp_path, {"__init__.py": "", "m.py": script})
    monkeypatch.chdir(package)
    for _ in range(2):  # the first run fills the cache, the second reads it
        assert main(["check", "--select", "no-absolute-import", "m.py"]) == 1
        assert "m.py:1: [W1618(no-absolute-import), ]" in capsys.readouterr().out
    (package / "helper.py").write_text("")
    assert main(["check", "--select", "no-absolute-import", "m.py"]) == 1
    assert "m.py:1: [DM193(no-absolute-import-run-as-script), ]" in capsys.readouterr().out


def test_a_directory_that_cannot_be_listed_has_no_siblings(tmp_path, monkeypatch):
    package = _package(tmp_path, {"__init__.py": "", "sib.py": "", "m.py": 'import sib\n\nif __name__ == "__main__":\n'
                                                                           '    print sib\n'})

    listdir = siblings.os.listdir

    def unreadable(directory):
        if directory == str(package):
            raise PermissionError(13, "Permission denied", directory)
        return listdir(directory)

    monkeypatch.setattr(siblings.os, "listdir", unreadable)
    assert siblings.implicit(package) == siblings.first_party(package) == frozenset()
    assert _symbols(package / "m.py") == {"no-absolute-import": True}


def test_exec_of_an_implicit_relative_import_keeps_absolute_import_out(tmp_path):
    # tryout2 #10b: the exec'd code inherits absolute_import, and `import sibling` then fails on Python 2
    code = 'import os\nimport sibling\nexec "import sibling as s1"\nWHO = s1.WHO + sibling.WHO + os.sep\n'
    package = _package(tmp_path, {"__init__.py": "", "sibling.py": 'WHO = "pkg.sibling"\n', "m.py": code})
    driver = "import pkg.m\nprint(pkg.m.WHO)\n"
    before = subprocess.run([python27(), "-c", driver], cwd=tmp_path, capture_output=True, text=True)
    result = engine_fix.fix_file(str(package / "m.py"), everything(DIRAC))
    new = result.new.decode()
    assert "absolute_import" not in new and "\nimport sibling\n" in new  # no import made explicit either
    assert "no-absolute-import-code-from-strings" in {f.symbol for f in result.left}
    (package / "m.py").write_text(new)
    after = subprocess.run([python27(), "-c", driver], cwd=tmp_path, capture_output=True, text=True)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "pkg.siblingpkg.sibling/\n")


def test_print_statements_in_a_module_running_strings_are_refused(tmp_path):
    _, result, _ = fixed_runs_as_before(
        tmp_path, 'import sys\nprint "a", 1\nexec compile("print 3/2", "<s>", "exec")\n')
    assert result.new is None and "the module calls exec()" in result.refused


def test_a_call_of_eval_in_another_spelling_still_blocks_division():
    # Python 3 reads a non-ASCII identifier in NFKC form: \uff45val is eval (the text search must not skip it)
    assert "division" not in add('import os\nx = 1.0 / 2\n\uff45val("1")\n')
    assert "import division" in add('import os\nx = 1.0 / 2\nre.compile("1")\n')  # an attribute: no builtin


def test_the_refusal_names_the_line_of_the_file_as_read(tmp_path):
    """Stage 1 puts its print_function line at the top: the exec statement is line 3 of the file, 4 of stage 1's."""
    _, result, _ = fixed_runs_as_before(tmp_path, 'import sys\nprint "a", 1\nexec "print 3/2"\n')
    assert result.new is None and "the module calls exec() (line 3)" in result.refused


def test_compile_with_dont_inherit_does_not_block_them(tmp_path):
    code = 'import sys\nx = 1.0 / 2\nc = compile("7/2", "<s>", "eval", 0, True)\nsys.stdout.write(repr(eval(c)))\n'
    text, _, left = fix_text(tmp_path, code.replace("eval(c)", "c"))
    assert "from __future__ import division" in text and left == []
    fixed_runs_as_before(tmp_path, code.replace("eval(c)", "c.co_consts"))


def test_a_package_with_its_own_six_keeps_the_rewrites_that_need_six_for_a_person(tmp_path):
    py27 = python27()
    pkg = _package(tmp_path, {"__init__.py": "", "six.py": 'string_types = ("LOCAL SIX",)\n',
                              "m.py": 'import sys\nsys.stdout.write(repr(isinstance("x", basestring)))\n'})
    before = _run(py27, "import sys; sys.path.insert(0, {root!r}); import pkg.m", tmp_path)
    result = engine_fix.fix_file(str(pkg / "m.py"), everything(DIRAC))
    if result.new:
        (pkg / "m.py").write_bytes(result.new)
    after = _run(py27, "import sys; sys.path.insert(0, {root!r}); import pkg.m", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "True"), after.stderr
    # check says so (DM109, tryout5 #33): not counted fixable
    assert ("rewrite-six-is-project-module", "basestring-builtin") in {(f.symbol, f.split_from) for f in result.left}


def test_a_sibling_named_like_a_moved_standard_module_is_imported_from_the_package_not_renamed(tmp_path):
    py27 = python27()
    pkg = _package(tmp_path, {"__init__.py": "", "Tkinter.py": "def helper():\n    return 'sibling helper'\n",
                              "string.py": "def upper(s):\n    return 'sibling upper'\n",
                              "m.py": "from Tkinter import *\nimport string\nprint helper(), string.upper('a')\n"})
    before = _run(py27, "import sys; sys.path.insert(0, {root!r}); import pkg.m", tmp_path)
    result = engine_fix.fix_file(str(pkg / "m.py"), everything(DIRAC))
    (pkg / "m.py").write_bytes(result.new)
    assert "from .Tkinter import *\nfrom . import string\n" in result.new.decode() and "Tkinter, string" in \
        result.notes[0]
    after = _run(py27, "import sys; sys.path.insert(0, {root!r}); import pkg.m", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (
        0, "sibling helper sibling upper\n"), after.stderr


def test_a_module_at_the_project_root_named_like_a_standard_one_may_bind_anything(tmp_path):
    (tmp_path / "string.py").write_text("def open(p):\n    return ['the project string.open']\n")
    code = "from __future__ import absolute_import, division, print_function\nfrom string import *\n" \
           "print(file('d').read())\n"
    pkg = _package(tmp_path, {"__init__.py": "", "m.py": code})
    result = engine_fix.fix_file(str(pkg / "m.py"), everything(DIRAC))
    assert result.new is None and [f.symbol for f in result.left] == ["file-builtin"]
    assert result.notes == ["string: the project's own module(s) here on Python 2, named like standard ones: what "
                            "check took for the standard module's is left as it is (a star import of the "
                            "project's may bind anything)"]


@pytest.mark.parametrize("select,expected", [
    ("print-statement", "from __future__ import print_function\n"),
    ("print-statement,old-division", "from __future__ import division\nfrom __future__ import print_function\n"),
    ("print-statement,no-absolute-import,old-division", FUTURES),
])
def test_only_the_future_imports_of_the_selected_rules(tmp_path, monkeypatch, capsys, select, expected):
    (tmp_path / "m.py").write_text('x = 1.0 / 2\nprint "a"\n')
    monkeypatch.chdir(tmp_path)
    main(["fix", "--write", "--select", select, "m.py"])
    assert (tmp_path / "m.py").read_text() == expected + '\nx = 1.0 / 2\nprint("a")\n'


@pytest.mark.parametrize("code", [
    "x = 1\nprint x\n",  # stage 1's print_function only
    "x = xrange(3)\nprint x\n",  # and `from six.moves import range`, which absolute_import would fix on the next run
])
def test_a_module_without_imports_counts_no_absolute_import_rewrite(code):
    """The file had no import, so no no-absolute-import finding: the future import the policy brings is not
    counted as a rewrite of one (tryout2 #19)."""
    for policy in (DIRAC, futures.Policy(names=())):
        result = engine_fix.fix_bytes("m.py", code.encode(), everything(policy))
        assert "no-absolute-import" not in result.applied and result.new is not None
        assert (b"absolute_import" in result.new) == (policy is DIRAC), result.new


def test_a_print_statement_left_that_python3_reads_as_a_call_and_more_keeps_print_function_out():
    # `print ("%d") % n` under noqa prints "3 items" on Python 2; under print_function "%d items", then a TypeError
    code = 'n = 3\nprint ("%d items") % n  # noqa\nprint (n)\nprint(n,)  # noqa\n'
    result = futures.apply(code, "/x/m.py", DIRAC, touched=True, findings=[])
    assert "print_function" not in result.text
    assert result.left == ["print_function: 2 print statement(s) would print otherwise on Python 2 "
                           "(print-statement is not being fixed)"]


# ---------------------------------------------------------------- a module its siblings import top-level

# rsa 3.1.1's tests/ (tryout12b #1): a package, but its runner puts tests/ on sys.path and imports the test modules
# top-level; test_strings.py, under absolute_import, imports `constants` by its bare name: a top-level module
RSA_TESTS = {
    "__init__.py": "",
    "py2kconstants.py": "value = 'py2 constants'\n",
    "constants.py": "# -*- coding: utf-8 -*-\nimport sys\n\nif sys.version_info[0] >= 3:\n"
                    "    from py3kconstants import *\nelse:\n    from py2kconstants import *\n",
    "py3kconstants.py": "value = 'py3 constants'\n",
    "test_strings.py": "from __future__ import absolute_import\n\nfrom constants import value\n",
}
RUN_TOP_LEVEL = "import sys; sys.path[0:0] = [{root!r} + '/pkg']; import test_strings; sys.stdout.write(test_strings.value)"
RUN_FROM_PACKAGE = "import sys; sys.path.insert(0, {root!r}); import pkg.constants as c; sys.stdout.write(c.value)"


def test_a_module_a_sibling_imports_top_level_keeps_its_implicit_relative_imports(tmp_path, capsys):
    python = python27()
    package = _package(tmp_path, RSA_TESTS)
    runs = [_run(python, snippet, tmp_path) for snippet in (RUN_TOP_LEVEL, RUN_FROM_PACKAGE)]
    assert [(r.returncode, r.stdout) for r in runs] == [(0, "py2 constants")] * 2, [r.stderr for r in runs]
    assert main(["check", "--no-cache", "--select", "W1618,DM193,DM419", str(package)]) == 1
    out = capsys.readouterr().out
    assert "constants.py:2: [DM419(no-absolute-import-imported-top-level), " in out
    assert "test_strings.py beside it imports `constants` by its bare name under absolute_import" in out
    assert _symbols(package / "constants.py") == {"no-absolute-import-imported-top-level": False}
    main(["fix", "-q", "--write", "-j", "1", str(package)])
    capsys.readouterr()
    assert (package / "constants.py").read_text() == RSA_TESTS["constants.py"]  # left, as check says
    after = [_run(python, snippet, tmp_path) for snippet in (RUN_TOP_LEVEL, RUN_FROM_PACKAGE)]
    assert [(r.returncode, r.stdout) for r in after] == [(r.returncode, r.stdout) for r in runs], \
        [r.stderr for r in after]
    result = engine_fix.fix_file(str(package / "constants.py"), everything(DIRAC))
    assert "no-absolute-import-imported-top-level" in {f.symbol for f in result.left}


def test_only_a_sibling_under_absolute_import_shows_a_top_level_import(tmp_path):
    # without absolute_import the sibling's `from constants import value` is an implicit relative import (fix makes
    # it `from .constants import value`): no sign that the directory is on sys.path
    files = {**RSA_TESTS, "test_strings.py": "from constants import value\n"}
    package = _package(tmp_path, files)
    assert _symbols(package / "constants.py") == {"no-absolute-import": True}
    # the sign in a comment or a string is none; nor an import of a standard module a sibling is named like
    (package / "test_strings.py").write_text("# from __future__ import absolute_import\nfrom constants import value\n")
    (package / "string.py").write_text("import os\n")
    (package / "test_b.py").write_text("from __future__ import absolute_import\nimport string\n")
    assert _symbols(package / "constants.py") == {"no-absolute-import": True}
    assert _symbols(package / "string.py") == {"no-absolute-import": True}
    # a sibling Python 3 cannot parse is read as Python 2
    (package / "test_strings.py").write_text("from __future__ import absolute_import\nimport constants\n"
                                             "print constants.value\n")
    assert _symbols(package / "constants.py") == {"no-absolute-import-imported-top-level": False}
    # a module importing no sibling keeps its imports' meaning under absolute_import: W1618, which fix rewrites
    (package / "constants.py").write_text("import os\nvalue = os.sep\n")
    assert _symbols(package / "constants.py") == {"no-absolute-import": True}


def test_check_s_cache_follows_a_sibling_importing_the_module_top_level(tmp_path, capsys, monkeypatch):
    package = _package(tmp_path, {name: text for name, text in RSA_TESTS.items() if name != "test_strings.py"})
    monkeypatch.chdir(package)
    for _ in range(2):  # the first run fills the cache, the second reads it
        assert main(["check", "--select", "W1618,DM419", "constants.py"]) == 1
        assert "constants.py:2: [W1618(no-absolute-import), ]" in capsys.readouterr().out
    (package / "test_strings.py").write_text(RSA_TESTS["test_strings.py"])
    for _ in range(2):
        assert main(["check", "--select", "W1618,DM419", "constants.py"]) == 1
        assert "constants.py:2: [DM419(no-absolute-import-imported-top-level), " in capsys.readouterr().out
    # the sibling's text changes (its directory does not): its absolute_import gone, the module is W1618 again
    (package / "test_strings.py").write_text("from constants import value  # no future import\n")
    os.utime(package / "test_strings.py", ns=(0, 10**9))
    assert main(["check", "--select", "W1618,DM419", "constants.py"]) == 1
    assert "constants.py:2: [W1618(no-absolute-import), ]" in capsys.readouterr().out


def test_the_text_pre_filter_finds_every_absolute_import_the_syntax_tree_has():
    # imports.import_candidates decides which siblings are parsed and which files' cache keys read their siblings:
    # a superset of the first names of the absolute imports, on diracmod's own modules and Python 2 shapes
    from diracmod.rules.py3k.imports import implicit_relative_imports, import_candidates
    from diracmod.source.parse import parse
    texts = [path.read_bytes() for top in ("diracmod", "rules", "tests") for path in
             sorted((Path(__file__).resolve().parents[2] / top).rglob("*.py"))]
    texts.append(b"try: import a\nexcept ImportError: a = None\nx = 1; import b.c as d, e\nimport f, \\\n    g\n"
                 b"if x:\n\tfrom h.i import (j,\n k)\nprint 'py2'\nexec 'import no'\n")
    for data in texts:
        tree = parse(data.decode("utf-8", "surrogateescape")).tree
        names = {name for name in implicit_relative_imports(tree, _EVERY)} if tree else set()
        assert names <= import_candidates(data), names - import_candidates(data)
    assert {"a", "b", "e", "f", "g", "h"} <= import_candidates(texts[-1])


class _Every(frozenset):
    def __contains__(self, name):
        return True

    def __bool__(self):
        return True


_EVERY = _Every()


@pytest.mark.parametrize("code, line", [
    # tryout13 #4: stage 1 added the print_function import above the `/`, the note named that text's line 7
    ('"""doc"""\nimport os\nprint os\n\ndef f(y):\n    return y / 2\n', 6),
    # stage 1's `import six` (six.reraise) above a `/` dividing maybe ints, and another float one below
    ('import sys\nraise ValueError, "v", sys.exc_info()[2]\n\ndef f(y):\n    return y / 2\nprint 3.0 / 2\n', 5),
])
def test_the_withheld_division_note_names_the_original_line(tmp_path, code, line):
    (tmp_path / "m.py").write_text(code)
    result = engine_fix.fix_file(str(tmp_path / "m.py"), everything(DIRAC))
    assert [note for note in result.notes if "division" in note] == [
        f"`from __future__ import division` not added: the `/` on line {line} may divide two ints, so the module "
        f"cannot take the division import (a person decides)"]


def test_the_cache_keys_on_the_package_path_and_the_extension_sources_beside(tmp_path):
    # DM427 comes and goes with the __init__'s `__path__` extension, DM428 with the `_speed.c` beside the module
    root = _package(tmp_path, {"__init__.py": "", "fast.py": "import _speed\n"})

    def symbols():
        return _w1618_symbols(tmp_path, "pkg/fast.py")

    assert symbols() == ["no-absolute-import"]
    (root / "_speed.c").write_text("/* built later */\n")
    assert symbols() == ["no-absolute-import-unknown-module"]
    (root / "_speed.c").unlink()
    (root / "__init__.py").write_text("__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n")
    assert symbols() == ["no-absolute-import-package-path-extended"]
    (root / "__init__.py").write_text("")
    assert symbols() == ["no-absolute-import"]

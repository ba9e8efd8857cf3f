"""What the second hostile tryout found (defects 2, 3, 4 and 6): has_key rewritten as if os.environ where
`os`/`environ` is bound again or os.environ assigned; `x.sort(compare)` rewritten where x's class (of another
module) has a sort of its own; W1640's fix making `l.sort(compare, cmp=compare)` sort where Python 2 raised
TypeError; `d.has_key(<bare generator expression>)` giving text that does not parse. Each program is run
under python2.7 and Python 3, before and after the fix."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from bench.suites import six_dir
from diracmod.rules import codemod
from diracmod.rules.py3k.calls_fix import HasKeyToIn
from tests.fix.helpers import python27
from tests.fix.test_names_fixes import findings, fix

# A class answering has_key and `in` differently: a rewrite of its has_key calls shows.
ENVIRON_LIKE = """
class E(object):
    def has_key(self, k):
        return 'hk'

    def __contains__(self, k):
        return 'contains'
"""
# os or environ is some other object where has_key is called: environ-has-key's rewrite (a safe one) must not
# be made; the call is dict-has-key (--unsafe) like any other receiver, here dict-has-key-class-defined (E).
REBOUND = {
    "environ bound again": "from os import environ\n" + ENVIRON_LIKE + "environ = E()\n"
                           "print(environ.has_key('PATH'))\n",
    "os bound again": "import os\n" + ENVIRON_LIKE + "class X(object):\n    environ = E()\nos = X\n"
                      "print(os.environ.has_key('PATH'))\n",
    "os.environ assigned": "import os\n" + ENVIRON_LIKE + "os.environ = E()\nprint(os.environ.has_key('PATH'))\n",
    "os a loop variable": "import os\n" + ENVIRON_LIKE + "for os in [type('M', (), {'environ': E()})]:\n"
                          "    pass\nprint(os.environ.has_key('PATH'))\n",
    "os a parameter": "import os\n" + ENVIRON_LIKE + "def show(os):\n    print(os.environ.has_key('PATH'))\n"
                      "show(type('M', (), {'environ': E()}))\n",
    # `from os import *` binds environ, but another star import may bind it too, or a later binding (leftovers2 4)
    "environ bound after os's star import": "from os import *\n" + ENVIRON_LIKE + "environ = E()\n"
                                            "print(environ.has_key('PATH'))\n",
    "environ of another star import too": "from os import *\nfrom envmod import *\n" + ENVIRON_LIKE +
                                          "print(environ.has_key('PATH'))\n",
    "os declared global and bound in a function": "import os\n" + ENVIRON_LIKE + "def rebind():\n    global os\n"
                                                  "    os = type('M', (), {'environ': E()})\n"
                                                  "rebind()\nprint(os.environ.has_key('PATH'))\n",
}


def _run(python: str, code: str, tmp_path, name: str = "program") -> tuple:
    """(exit code, stdout, last line of stderr) of `code` as a module under `python`, six on its path."""
    script = tmp_path / f"{name}.py"
    script.write_text(code)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join([str(six_dir(tmp_path)), str(tmp_path)])
    proc = subprocess.run([python, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, proc.stdout, proc.stderr.strip().splitlines()[-1:]


def _safe_fix(text: str) -> str:
    """What the default (safe) fix makes of has_key calls: environ-has-key's rewrites only."""
    return codemod.apply(text, [f for f in findings(text) if f.symbol == "environ-has-key"], (HasKeyToIn,))[0]


@pytest.mark.parametrize("name", sorted(REBOUND))
def test_has_key_of_a_rebound_os_or_environ_is_not_environ_has_key(name, tmp_path):
    text = REBOUND[name]
    (tmp_path / "envmod.py").write_text(ENVIRON_LIKE + "environ = E()\n")
    symbols = {f.symbol for f in findings(text)}
    # E, a class of the module, defines has_key: the call is dict-has-key-class-defined, which no fix rewrites
    assert "environ-has-key" not in symbols and "dict-has-key-class-defined" in symbols
    assert _safe_fix(text) == text
    py27 = python27()
    assert _run(py27, text, tmp_path)[:2] == (0, "hk\n")
    assert _run(sys.executable, text, tmp_path)[:2] == (0, "hk\n")


@pytest.mark.parametrize("text", ["import os\nprint(os.environ.has_key('PATH'))\n",
                                  "from os import environ\nprint(environ.has_key('PATH'))\n",
                                  "import os as system\nprint(system.environ.has_key('PATH'))\n",
                                  "import os, os.path\nprint(os.environ.has_key('PATH'))\n",
                                  # tryout1 D16, D5: os bound by `import os.path`; environ imported in a function;
                                  # a parameter or local of another function named os or environ
                                  "import os.path\nprint(os.environ.has_key('PATH'))\n",
                                  "def f():\n    from os import environ\n    return environ.has_key('PATH')\n"
                                  "print(f())\n",
                                  "import os\nprint(os.environ.has_key('PATH'))\ndef shadow(os):\n    return os\n",
                                  "from os import environ as env\nprint(env.has_key('PATH'))\n"
                                  "def g():\n    env = {}\n    return env\n",
                                  # environ bound by os's star import alone (star_imports.json: os binds it)
                                  "from os import *\nprint(environ.has_key('PATH'))\n",
                                  "from os import *\ndef f():\n    return environ.has_key('PATH')\nprint(f())\n"])
def test_os_environ_bound_by_its_import_alone_is_still_rewritten(text, tmp_path):
    fixed = _safe_fix(text)
    assert "has_key" not in fixed
    before = _run(python27(), text, tmp_path, "before")
    assert before[:2] == (0, "True\n")
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before


def test_a_parameter_named_os_elsewhere_leaves_the_modules_os_environ_has_key_environ_has_key():
    """Only the call in the function whose parameter is `os` is dict-has-key (tryout1 D5)."""
    text = "import os\nf = os.environ.has_key\ndef shadow(os):\n    return os.environ.has_key('x')\n"
    assert [(f.line, f.symbol) for f in findings(text) if "has-key" in f.symbol] == [
        (2, "environ-has-key"), (4, "dict-has-key")]
    assert _safe_fix(text) == text.replace("os.environ.has_key\n", "os.environ.__contains__\n")


@pytest.mark.parametrize("text", ['import os\nprint(os.environ.has_key(k for k in "a"))\n',
                                  'd = {"a": 1}\nprint(d.has_key(k for k in "a"))\n'])
def test_has_key_of_a_bare_generator_expression_is_parenthesised(text, tmp_path):
    fixed, applied = fix(text)
    assert applied and '(k for k in "a") in ' in fixed
    compile(fixed, "fixed.py", "exec")
    before = _run(python27(), text, tmp_path, "before")
    assert before[:2] == (0, "False\n")
    assert _run(python27(), fixed, tmp_path, "after") == before
    if "os" not in text:  # Python 3's os.environ raises TypeError for a key that is no str, as it should
        assert _run(sys.executable, fixed, tmp_path, "after") == before


# A class of another module with a sort method of its own (numpy's signature): `a.sort(compare)` may be its.
OTHER_MODULE = """
class Arr(object):
    def __init__(self, values):
        self.values = values

    def sort(self, axis=-1, kind=None, order=None):
        self.values.sort(reverse=True)
        return 'own sort, by %s' % getattr(axis, '__name__', axis)
"""
COMPARE = "def compare(a, b):\n    return (a > b) - (a < b)\n"
NOT_KNOWN_LISTS = {
    "a keyword of the receiver's own sort": "from othermod import Arr\n" + COMPARE +
                                            "print(Arr([1, 3, 2]).sort(compare, order=None))\n",
    "a parameter": "from othermod import Arr\n" + COMPARE +
                   "def go(a):\n    return a.sort(compare)\nprint(go(Arr([1, 3, 2])))\n",
}


@pytest.mark.parametrize("name", sorted(NOT_KNOWN_LISTS))
def test_sort_with_a_comparison_of_a_receiver_not_known_to_be_a_list_is_left(name, tmp_path):
    text = NOT_KNOWN_LISTS[name]
    (tmp_path / "othermod.py").write_text(OTHER_MODULE)
    symbols = {f.symbol for f in findings(text)}
    assert "positional-cmp-argument-not-simple" in symbols and "positional-cmp-argument" not in symbols
    assert fix(text)[0] == text
    for python in (python27(), sys.executable):
        assert _run(python, text, tmp_path)[:2] == (0, "own sort, by compare\n")


def test_sort_with_a_comparison_of_a_known_list_and_sorted_are_rewritten(tmp_path):
    text = COMPARE + textwrap.dedent("""
        values = [1, 3, 2]
        values.sort(compare, reverse=True)
        print(values)
        print(sorted([2, 1, 3], compare))
        """)
    fixed, applied = fix(text)
    assert applied["positional-cmp-argument"] == 2
    before = _run(python27(), text, tmp_path, "before")
    assert before[:2] == (0, "[3, 2, 1]\n[1, 2, 3]\n")
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before


def test_cmp_given_twice_is_left_by_both_rules(tmp_path):
    text = COMPARE + textwrap.dedent("""
        values = [1, 3, 2]
        try:
            values.sort(compare, cmp=compare)
        except TypeError:
            print('TypeError')
        print(values)
        """)
    symbols = {f.symbol for f in findings(text)}
    assert {"using-cmp-argument-with-key", "positional-cmp-argument-not-simple"} <= symbols
    assert "using-cmp-argument" not in symbols
    assert fix(text)[0] == text
    assert _run(python27(), text, tmp_path)[:2] == (0, "TypeError\n[1, 3, 2]\n")


# Paste's shape: a sort of `d.values()`'s result, which dict-values-not-iterating makes list(...): the first run
# must rewrite the sort as the second would (it left it, and a second run rewrote it).
DICT_VIEW_SORTED = """\
class Registry(object):
    def __init__(self):
        self.infos = {1: 'b', 2: 'a', 3: 'c'}

    def ordered(self):
        items = self.infos.values()
        items.sort(lambda a, b: cmp(a, b))
        return items


pairs = {'d': 3, 'h': 2}.items()
pairs.sort(lambda a, b: -cmp(a[1], b[1]))
print(Registry().ordered(), pairs)
"""


def test_a_sort_of_a_dict_methods_result_is_rewritten_in_the_first_run(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(DICT_VIEW_SORTED)
    env = {**os.environ, "DIRACMOD_PY27": python27()}
    first = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "-q", str(module)],
                           capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    assert module.read_text().count("functools.cmp_to_key") == 2
    second = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--check", str(module)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 0 and " 0 file(s) would be changed" in second.stderr, second.stderr
    outputs = {subprocess.run([python, str(module)], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(six_dir(tmp_path / "tools"))}).stdout
               for python in (python27(), sys.executable)}
    assert outputs == {"(['a', 'b', 'c'], [('d', 3), ('h', 2)])\n"}


# tryout2 #3: Python 2 takes a None comparison as the default order; key=functools.cmp_to_key(None) raises
# TypeError at the first comparison. A comparison that may be None is left, by both rules, with a finding.
MAYBE_NONE = {
    "a call's result": ("def pick(flag):\n    return (lambda a, b: b - a) if flag else None\n"
                        "print(sorted([3, 1, 2], cmp=pick(False)))\n", "using-cmp-argument-maybe-none"),
    "a name assigned None": ("c = None\nprint(sorted([2, 1], c))\n", "positional-cmp-argument-not-simple"),
    "a parameter": ("def ordered(items, compare=None):\n    return sorted(items, cmp=compare)\n"
                    "print(ordered([2, 1]))\n", "using-cmp-argument-maybe-none"),
    "a def bound to None too": (COMPARE + "if True:\n    compare = None\nvalues = [2, 3, 1]\n"
                                "values.sort(compare)\nprint(values)\n", "positional-cmp-argument-not-simple"),
    "a parameter passed positionally to a list's sort (tryout5 #28)": (
        "def ordered(seq, cmp=None):\n    out = list(seq)\n    out.sort(cmp)\n    return out\n"
        "print(ordered([1, 3, 2], cmp=lambda a, b: b - a))\n", "positional-cmp-argument-not-simple"),
}


@pytest.mark.parametrize("name", sorted(MAYBE_NONE))
def test_a_comparison_that_may_be_none_is_left_with_a_finding(name, tmp_path):
    text, symbol = MAYBE_NONE[name]
    symbols = {f.symbol for f in findings(text)}
    assert symbol in symbols and not symbols & {"using-cmp-argument", "positional-cmp-argument"}
    assert fix(text)[0] == text
    assert _run(python27(), text, tmp_path)[0] == 0


# Comparisons that are never None: a def'd function, a name bound to a lambda, a function of the standard
# library, the builtin cmp; rewritten, and sorting as before on both Pythons.
NEVER_NONE = COMPARE + textwrap.dedent("""
    import operator
    from locale import strcoll
    newest = lambda a, b: b - a
    values = [1, 3, 2]
    values.sort(cmp=compare)
    print(values)
    print(sorted([1, 3, 2], newest))
    print(sorted(["b", "c", "a"], cmp=strcoll))
    print(sorted([1, 3, 2], cmp=lambda a, b: operator.sub(b, a)))
    """)


def test_a_comparison_that_is_never_none_is_rewritten(tmp_path):
    fixed, applied = fix(NEVER_NONE)
    assert applied["using-cmp-argument"] == 3 and applied["positional-cmp-argument"] == 1
    before = _run(python27(), NEVER_NONE, tmp_path, "before")
    assert before[:2] == (0, "[1, 2, 3]\n[3, 2, 1]\n['a', 'b', 'c']\n[3, 2, 1]\n")
    assert _run(python27(), fixed, tmp_path, "after") == before
    assert _run(sys.executable, fixed, tmp_path, "after") == before


# Tryout 3 defect 10: a module's name bound otherwise too (module level, or in a function declaring it global) may
# be another object where a removed attribute of the module is read: the rewrite (`'x'.upper()`,
# six.moves.urllib.parse.quote, six.moves.getcwd, zip) would call the module instead. Each prints "fake".
FAKE = "class F(object):\n    def __getattr__(self, name):\n        return lambda *a: 'fake'\n"
MODULE_REBOUND = {
    "assigned at module level": ("import urllib\n" + FAKE + "urllib = F()\nprint(urllib.quote('a b'))\n",
                                 "deprecated-urllib-function"),
    "assigned in an if": ("import string\n" + FAKE + "if True:\n    string = F()\nprint(string.upper('x'))\n",
                          "deprecated-string-function"),
    "a constant of a rebound string": ("import string\n" + FAKE + "string = F()\nprint(string.letters())\n",
                                       "deprecated-string-function"),
    "assigned under global": ("import string\n" + FAKE + "def install():\n    global string\n    string = F()\n"
                              "install()\nprint(string.upper('x'))\n", "deprecated-string-function"),
    "a loop target": ("import itertools\n" + FAKE + "for itertools in [F()]:\n    pass\n"
                      "print(itertools.izip([1]))\n", "deprecated-itertools-function"),
    "a with target": ("import string\n" + FAKE + "class C(object):\n    def __enter__(self):\n        return F()\n"
                      "    def __exit__(self, *a):\n        pass\nwith C() as string:\n    pass\n"
                      "print(string.upper('x'))\n", "deprecated-string-function"),
    "another import of the name": ("if True:\n    import fakemod as string\nelse:\n    import string\n"
                                   "print(string.upper('x'))\n",
                                   "deprecated-string-function"),
    # tryout4 #12: bound unseen, as a builtin's name may be (builtin-name-unsure)
    "a star import": ("import string\nfrom fakemod import *\nprint(string.upper('x'))\n", "deprecated-string-function"),
    "a globals() write": ("import string\n" + FAKE + "globals()['string'] = F()\nprint(string.upper('x'))\n",
                          "deprecated-string-function"),
    "exec": ("import string\n" + FAKE + "exec('string = F()')\nprint(string.upper('x'))\n",
             "deprecated-string-function"),
    "exec in the function": (FAKE + "def f():\n    import string\n    exec('string = F()')\n"
                             "    return string.upper('x')\nprint(f())\n", "deprecated-string-function"),
    # tryout5 #27: bound at definition time, a call may pass another object
    "a parameter defaulting to the module": ("import string\n" + FAKE + "def f(string=string):\n"
                                             "    return string.upper('x')\nprint(f(F()))\n",
                                             "deprecated-string-function"),
    # diracmod's own rules: the finding names them as it names pylint's (tests/test_split_rules.py)
    "os-getcwdu": ("import os\n" + FAKE + "os = F()\nprint(os.getcwdu())\n", "os-getcwdu"),
    "sys-exc-attribute": ("import sys\n" + FAKE + "def install():\n    global sys\n    sys = F()\n"
                          "install()\nprint(sys.exc_type())\n", "sys-exc-attribute"),
}


@pytest.mark.parametrize("name", sorted(MODULE_REBOUND))
def test_a_removed_attribute_of_a_module_name_bound_otherwise_too_is_left(name, tmp_path):
    text, split_from = MODULE_REBOUND[name]
    (tmp_path / "fakemod.py").write_text(FAKE.replace("class F", "class _F") + "upper = _F().upper\nstring = _F()\n")
    left = [f for f in findings(text) if f.symbol == "removed-module-attribute-name-rebound"]
    assert [f.split_from for f in left] == [split_from]
    assert not {f.symbol for f in findings(text)} & {split_from, "os-getcwdu", "sys-exc-attribute"}
    fixed, _ = fix(text)
    assert fixed == text
    assert _run(python27(), text, tmp_path)[:2] == (0, "fake\n")


def test_a_rebinding_that_straight_line_code_runs_after_the_read_leaves_the_module_there():
    # tryout4 #28: the read runs before the rebinding; in a loop, or read from a nested function, it may run after
    text = ("def f():\n    import string\n    r = string.upper('a')\n    string = None\n    return r\n"
            "def g(words):\n    import string\n    for w in words:\n        print(string.upper(w))\n"
            "        string = None\n"
            "def h():\n    import string\n    k = lambda: string.upper('a')\n    string = None\n    return k\n")
    assert [(f.line, f.symbol) for f in findings(text) if f.symbol.endswith(("string-function", "rebound"))] == [
        (3, "deprecated-string-function"), (9, "removed-module-attribute-name-rebound"),
        (13, "removed-module-attribute-name-rebound")]
    assert "    r = 'a'.upper()\n" in fix(text)[0]


def test_a_star_import_of_the_standard_module_itself_leaves_its_name_the_module(tmp_path):
    """(tryout28 #17) `from types import *` binds types' public names, none of them `types` (star_imports.json):
    types.X is the module's, fixed as without the star import; Python 2's output the same."""
    text = ("import types\nfrom types import *\nimport string\nfrom string import *\n"
            "print(types.NoneType, types.TupleType, isinstance(u'x', StringTypes), string.upper('x'))\n")
    found = {f.symbol for f in findings(text)}
    assert "removed-module-attribute-name-rebound" not in found
    assert {"deprecated-types-field", "deprecated-string-function"} <= found
    fixed, _ = fix(text)
    assert "types.NoneType" not in fixed and "string.upper" not in fixed
    assert _run(python27(), fixed, tmp_path, "fixed") == _run(python27(), text, tmp_path)


def test_a_module_name_bound_by_its_import_alone_is_still_the_module():
    """A parameter or local of that name in another function is another variable."""
    text = ("import string\nimport os\nprint(string.upper('x'), os.getcwdu())\n"
            "def f(string):\n    os = 1\n    return string, os\n")
    assert {f.symbol for f in findings(text) if f.line == 3} >= {"deprecated-string-function", "os-getcwdu"}
    assert "removed-module-attribute-name-rebound" not in {f.symbol for f in findings(text)}

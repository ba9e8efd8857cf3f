"""tryout20 #11, #19: two dicts a loop over a view changes unseen by DM137 and dict_reach.py.
- #11: a script's module-level loop over `__main__`'s namespace (`import __main__` then `__main__.__dict__`,
  `vars(__main__)`, `sys.modules['__main__'].__dict__`): the script's own namespace when it runs, and the loop binds
  its names there: DM137, list() (Python 2's list, whichever module `__main__` is).
- #19: a loop over `sys.modules.items()` / `.keys()` / `.values()` whose body imports (an import statement,
  `importlib.import_module`, `__import__`) or calls anything (a call may import): the import adds a key to the
  dict the view reads. Reported dict-*-not-iterating, fixable; list() is what Python 2 iterated.
Each: python2.7 -B prints the same before and after fix, Python 3 runs the fixed code without RuntimeError."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.suites import six_dir
from diracmod.check import engine as check_engine
from diracmod.source import reader

from tests.fix.helpers import fixed_in_place, python2_output

MAIN_SCRIPTS = {
    "s1.py": """import __main__


def test_one():
    return 1


def test_two():
    return 2
for name, f in __main__.__dict__.items():
    if name.startswith('test_'):
        print(f())
""",
    "s2.py": """import __main__ as top
A = 1
found = []
for n in vars(top).keys():
    found.append(n)
print('A' in found)
""",
    "s3.py": """import sys
A = 1
found = []
for n in sys.modules['__main__'].__dict__.keys():
    found.append(n)
print('A' in found)
""",
}

SYS_MODULES = {
    "pkg/__init__.py": "",
    "pkg/extra.py": "X = 1\n",
    "pkg/extra2.py": "X = 2\n",
    "pkg/extra3.py": "X = 3\n",
    "pkg/extra4.py": "X = 4\n",
    "pkg/extra5.py": "X = 5\n",
    "main.py": """import sys
import importlib
from sys import modules
import pkg


def load(name):
    return importlib.import_module(name + '.extra5').X


def load_extras():
    found = []
    for name, mod in sys.modules.items():
        if name == 'pkg' and mod is not None:
            found.append(importlib.import_module(name + '.extra').X)
    for name in sys.modules.keys():
        if name == 'pkg':
            found.append(__import__(name + '.extra2', fromlist=['X']).X)
    for mod in sys.modules.values():
        if getattr(mod, '__name__', None) == 'pkg':
            import pkg.extra3
            found.append(pkg.extra3.X)
    for name, mod in modules.items():
        if name == 'pkg':
            found.append(importlib.import_module('pkg.extra4').X)
    for name in sys.modules.keys():
        if name == 'pkg':
            found.append(load(name))
    return found
print(load_extras())
""",
}


def _py3k(code: str) -> list:
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    return [(f.line, f.symbol, f.fixable) for f in found
            if f.symbol == "namespace-dict-changed-during-iteration" or "not-iterating" in f.symbol]


def _write(root, files: dict) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _python3(root, script: str) -> tuple:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(six_dir(root.parent / (root.name + "-six")))
    proc = subprocess.run([sys.executable, "-B", script], cwd=root, env=env, capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, proc.stdout + proc.stderr[-300:]


@pytest.mark.parametrize("script,line", [("s1.py", 10), ("s2.py", 4), ("s3.py", 4)])
def test_a_scripts_loop_over_main_namespace_is_a_list(tmp_path, script, line):
    """#11: check reports DM137 fixable, fix lists the view; python2.7 -B prints the same, Python 3 runs it."""
    text = MAIN_SCRIPTS[script]
    assert _py3k(text) == [(line, "namespace-dict-changed-during-iteration", True)]
    _write(tmp_path, {script: text})
    before = python2_output(tmp_path, script)
    assert before in ("1\n2\n", "True\n")
    fixed = fixed_in_place(tmp_path / script)
    assert fixed.count(" in list(") == 1, fixed
    assert python2_output(tmp_path, script) == before
    assert _python3(tmp_path, script) == (0, before)


def test_a_loop_over_sys_modules_whose_body_imports_or_calls_is_a_list(tmp_path):
    """#19: each of the five loops is reported fixable and listed; python2.7 -B prints the same, Python 3 runs the
    fixed module without RuntimeError (dictionary changed size during iteration)."""
    assert [(line, fixable) for line, _, fixable in _py3k(SYS_MODULES["main.py"])] == [
        (13, True), (16, True), (19, True), (23, True), (26, True)]
    _write(tmp_path, SYS_MODULES)
    before = python2_output(tmp_path, "main.py")
    assert before == "[1, 2, 3, 4, 5]\n"
    assert "RuntimeError" in _python3(tmp_path, "main.py")[1]
    fixed = fixed_in_place(tmp_path / "main.py")
    assert fixed.count(" in list(") == 5, fixed
    assert python2_output(tmp_path, "main.py") == before
    assert _python3(tmp_path, "main.py") == (0, before)


@pytest.mark.parametrize("code", [
    # another module's namespace; a function's loop over __main__'s (binds its names locally)
    "import os\nfor n in vars(os).keys():\n    pass\n",
    "import __main__\ndef f():\n    for n in __main__.__dict__.keys():\n        pass\n",
    # sys.modules iterated by a body that neither imports nor calls; another dict's body importing
    "import sys\ncount = 0\nfor n in sys.modules.keys():\n    count += 1\n",
    "import sys\nd = {}\nfor n in d.keys():\n    import json\n",
])
def test_loops_those_ways_do_not_change_stay_views(code):
    assert _py3k(code) == []


def test_a_sys_modules_view_beside_a_class_defining_the_method_is_listed():
    """#19, Django 1.4.22's autoreload.py: `map(lambda m: getattr(m, '__file__', None), sys.modules.values())` in a
    project with a class defining values() was made dict-not-iterating-class-defined (left): sys.modules is the
    interpreter's dict, the view listed as any dict's."""
    code = ("import sys\nfrom sys import modules\n\n\nclass Q(object):\n    def values(self):\n        return []\n\n"
            "    def items(self):\n        return []\n\n\n"
            "def changed():\n"
            "    return [f for f in filter(None, map(lambda m: getattr(m, '__file__', None),\n"
            "                                        sys.modules.values()))]\n\n\n"
            "def more():\n"
            "    for name, mod in modules.items():\n"
            "        __import__(name)\n")
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    assert [(f.line, f.symbol, f.fixable) for f in found if "iterating" in f.symbol] == [
        (15, "dict-values-not-iterating", True), (19, "dict-items-not-iterating", True)]

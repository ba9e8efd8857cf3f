"""tryout19 #5, #6, #17: what another module writes into a module's namespace, and a module's own four-argument
`__import__` hook, in the spellings the project index did not see (diracmod/source/project_index/).

#5: a builtin's name (`raw_input`) written as an attribute of another module through any expression naming it (a
call's or a subscript's result: `vars(sys.modules['pkg.b2'])['raw_input'] = f`, `__import__('pkg.b4', None, None,
['x']).raw_input = f`, `importlib.import_module(...)`, a setattr or an update of such an expression): the module's
`raw_input` is left (not `from six.moves import input`, which would ignore the fake).
#6, #17: a module defining a function shaped like a four-argument `__import__` (exactly four positional
parameters, no `*args`) and installing anything as the builtin `__import__`, in any spelling (through a parameter,
`functools.partial(hook)`, a dict item, `__builtin__.__dict__.__setitem__('__import__', hook)`, a list-display or
nested tuple target): DM431, absolute_import added nowhere. Each case runs under python2.7 before and after
`fix --write`."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main
from diracmod.source import project_index
from diracmod.source.project_index import writes

from tests.fix.helpers import project_dir, python2_output

ASK = 'def ask():\n    return raw_input("q? ")\n'
WRITES = {
    # tryout19 #5
    "vars-of-sys-modules": "vars(sys.modules['pkg.b2'])['raw_input'] = fake\n",
    "import-fromlist": "__import__('pkg.b2', None, None, ['x']).raw_input = fake\n",
    # documented unseen before: a module importlib gives
    "import-module": "importlib.import_module('pkg.b2').raw_input = fake\n",
    "import-chain": "__import__('pkg').b2.raw_input = fake\n",
    "dict-of-import": "__import__('pkg.b2', {}, {}, ['x']).__dict__['raw_input'] = fake\n",
    "setattr-of-call": "setattr(importlib.import_module('pkg.b2'), 'raw_input', fake)\n",
    "update-of-vars": "vars(sys.modules['pkg.b2']).update(raw_input=fake)\n",
    "setitem-of-dict": "sys.modules['pkg.b2'].__dict__.__setitem__('raw_input', fake)\n",
    "spread-over-lines": "__import__('pkg.b2', None, None,\n           ['x']).raw_input = fake\n",
}
MAIN = ("import sys, os, importlib\nimport pkg.b1, pkg.b2\nsys.stdin = open(os.devnull)\n"
        "fake = lambda p: 'fake'\n{write}print pkg.b2.ask()\n")


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES)
def test_a_builtin_written_into_another_module_by_any_expression_naming_it_is_left(tmp_path, monkeypatch, write):
    root = project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/b1.py": ASK, "pkg/b2.py": ASK,
                                               "main.py": MAIN.format(write=write)})
    before = python2_output(root, "main.py")
    assert before == "fake\n", before
    main(["fix", "--write", "-j", "1", str(root)])
    assert "raw_input" in (root / "pkg" / "b2.py").read_text()
    assert "from six.moves import input" in (root / "pkg" / "b1.py").read_text()  # unrelated: still rewritten
    assert python2_output(root, "main.py") == before


@pytest.mark.parametrize("text, module, name", [
    ("import sys\nvars(sys.modules['pkg.b2'])['raw_input'] = f\n", "b2", "raw_input"),
    ("__import__('pkg.b4', None, None, ['x']).raw_input = f\n", "b4", "raw_input"),
    ("import b5\nreload(b5).repr = f\n", "b5", "repr"),
    ("import sys\nsys.modules['pkg.b6'].__dict__.__setitem__('repr', f)\n", "b6", "repr"),
    ("import sys\nvars(sys.modules['pkg.b7']).update(d)\n", "b7", "*"),
    ("setattr(__import__('pkg.b8'), name, f)\n", "b8", "*"),
])
def test_the_index_records_builtins_written_through_an_expression(tmp_path, text, module, name):
    (tmp_path / "user.py").write_text(text)
    index = project_index.build(str(tmp_path), (), 5_000_000)
    assert name in index.outside(str(tmp_path / f"{module}.py")), index.assigned


@pytest.mark.parametrize("text", [
    "items()[0].repr = f\n",  # names no module (one the file names would be kept: tryout20 #15)
    "import b\nf(x).value = b\n",  # not a builtin's name
    "import b\nsettings()['input'] == b\n",  # no write
])
def test_the_index_records_no_other_write_through_an_expression(tmp_path, text):
    (tmp_path / "user.py").write_text(text)
    index = project_index.build(str(tmp_path), (), 5_000_000)
    assert index.assigned == (), index.assigned


HOOK = ("import __builtin__\n_orig = __builtin__.__import__\n\n\n"
        "def hook(name, globals=None, locals=None, fromlist=None):\n"
        "    return _orig(name, globals, locals, fromlist)\n\n\n{install}")
INSTALLS = {
    # tryout19 #6
    "parameter-default": "def install(h=hook):\n    __builtin__.__import__ = h\n\n\ninstall()\n",
    "partial": "import functools\n__builtin__.__import__ = functools.partial(hook)\n",
    "dict-item": "HOOKS = {'x': hook}\n__builtin__.__import__ = HOOKS['x']\n",
    "dict-setitem": "__builtin__.__dict__.__setitem__('__import__', hook)\n",
    # tryout19 #17
    "list-display": "[old, __builtin__.__import__] = [_orig, hook]\n",
    "nested-tuple": "old, (__builtin__.__import__, y) = _orig, (hook, 1)\n",
}


@pytest.mark.parametrize("install", INSTALLS.values(), ids=INSTALLS)
def test_a_four_argument_hook_installed_in_any_spelling_keeps_absolute_import_out(
        tmp_path, monkeypatch, capsys, install):
    root = project_dir(tmp_path, monkeypatch, {"hook.py": HOOK.format(install=install),
                                               "main.py": "import hook\nimport os\nprint os.sep\n"})
    before = python2_output(root, "main.py")
    assert before == "/\n", before
    main(["check", "--no-cache", "--format", "json", "--select", "W1618,DM431", str(root / "main.py")])
    assert [f["symbol"] for f in json.loads(capsys.readouterr().out)] == ["no-absolute-import-four-argument-hook"]
    main(["fix", "--write", "-j", "1", str(root)])
    assert "absolute_import" not in (root / "main.py").read_text()
    assert python2_output(root, "main.py") == before


def test_a_four_argument_function_of_a_module_installing_no_hook_keeps_absolute_import_in(tmp_path, monkeypatch):
    root = project_dir(tmp_path, monkeypatch, {"hook.py": HOOK.format(install="x = __builtin__.__import__\n"),
                                               "main.py": "import hook\nimport os\nprint os.sep\n"})
    main(["fix", "--write", "-j", "1", str(root)])
    assert "absolute_import" in (root / "main.py").read_text()
    assert python2_output(root, "main.py") == "/\n"


def test_a_megabyte_of_writes_through_expressions_is_read_once_past_a_thousand():
    # no real module's: past 1,000 writes, every module a string of the file names, any name (linear)
    data = b"import b\n" + b"__import__('pkg.b').repr = f; setattr(g(x), 'repr', f)\n" * 20000
    found = list(writes._module_writes(data))
    assert len(found) < 1010 and ("b", "*") in {(key, name) for key, name, _, _ in found}, found[-3:]

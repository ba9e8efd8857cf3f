"""`from __future__ import absolute_import` makes Python 2 call `__import__` with five arguments at every import
statement of the module (the future import line itself too), where without it the call has four (tryout17b #1,
RestrictedPython's tests' minimal_import): a replacement `__import__` taking four parameters, installed anywhere in
the project, breaks every module fix gives absolute_import. The project's index (diracmod/source/project_index/,
ProjectIndex.import_hook) records such a hook; fix then adds absolute_import nowhere and check reports DM431
no-absolute-import-four-argument-hook in place of W1618."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main
from diracmod.source.project_index import facts

from tests.fix.helpers import project_dir, python2_output

HOOK = """\
import __builtin__
orig = __builtin__.__import__


def hook(name, globals, locals, fromlist):  # 4-parameter import hook
    return orig(name, globals, locals, fromlist)
__builtin__.__import__ = hook
import mod
import pkg.user
"""
MOD = 'print "ok"\n'


def test_a_four_argument_import_hook_keeps_absolute_import_out_of_the_run(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"main.py": HOOK, "mod.py": MOD, "pkg/__init__.py": "",
                                               "pkg/helper.py": "X = 'helper'\n",
                                               "pkg/user.py": "import helper\nprint helper.X / 2.0\n"})
    (root / "pkg" / "helper.py").write_text("X = 4\n")
    before = python2_output(root, "main.py")
    assert before == "ok\n2.0\n"
    main(["check", "--no-cache", "--format", "json", "--select", "W1618,DM431", str(root / "pkg" / "user.py")])
    findings = json.loads(capsys.readouterr().out)
    assert [(f["line"], f["symbol"]) for f in findings] == [(1, "no-absolute-import-four-argument-hook")]
    assert "main.py:7" in findings[0]["message"] and "`hook`" in findings[0]["message"], findings
    main(["fix", "--write", str(root)])
    fixed = {name: (root / name).read_text() for name in ("main.py", "mod.py", "pkg/user.py")}
    assert not any("absolute_import" in text for text in fixed.values()), fixed
    assert "print_function" in fixed["mod.py"] and "import helper\n" in fixed["pkg/user.py"]  # left implicit
    assert python2_output(root, "main.py") == before
    main(["fix", "--write", str(root)])  # a second run changes nothing
    assert {name: (root / name).read_text() for name in fixed} == fixed


def test_fix_given_the_module_alone_reads_the_hook_elsewhere_in_the_project(tmp_path, monkeypatch):
    # tryout17b's repro: `fix --write mod.py`, main.py (the hook) not fixed
    root = project_dir(tmp_path, monkeypatch, {"main.py": HOOK.replace("import pkg.user\n", ""), "mod.py": MOD})
    assert python2_output(root, "main.py") == "ok\n"
    main(["fix", "--write", str(root / "mod.py")])
    assert "absolute_import" not in (root / "mod.py").read_text()
    assert "print_function" in (root / "mod.py").read_text()
    assert python2_output(root, "main.py") == "ok\n"


def test_a_hook_installed_by_a_tuple_assignment_keeps_absolute_import_out(tmp_path, monkeypatch):
    # tryout18 #6: `old, __builtin__.__import__ = __builtin__.__import__, hook`
    main_py = HOOK.replace("__builtin__.__import__ = hook", "old, __builtin__.__import__ = __builtin__.__import__, hook")
    root = project_dir(tmp_path, monkeypatch, {"main.py": main_py.replace("import pkg.user\n", ""), "mod.py": MOD})
    assert python2_output(root, "main.py") == "ok\n"
    main(["fix", "--write", str(root)])
    assert "absolute_import" not in (root / "mod.py").read_text()
    assert python2_output(root, "main.py") == "ok\n"


@pytest.mark.parametrize("install,hooked", [
    ("__builtin__.__import__ = hook", True),
    ("import builtins\nbuiltins.__import__ = hook", True),
    ("__builtins__['__import__'] = hook", True),
    ("NS = {'__builtins__': {'__import__': hook}}", True),
    ("NS = dict(__import__=hook)", True),
    ("setattr(__builtin__, '__import__', hook)", True),
    ("__builtin__.__import__ = lambda name, g=None, l=None, f=None: orig(name, g, l, f)", True),
    ("__builtin__.__import__ = Loader().load", True),
    # tryout18 #6: the save-and-install idiom, a tuple assignment
    ("old, __builtin__.__import__ = __builtin__.__import__, hook", True),
    ("[old, __builtin__.__import__] = [__builtin__.__import__, hook]", True),
    ("__builtin__.__import__, old = hook, __builtin__.__import__", True),
    # tryout19 #6 #17: anything installed, in a module defining a function shaped like a four-argument hook (hook)
    ("old, __builtin__.__import__ = hook, __builtin__.__import__", True),  # the hook saved
    # tryout20 #20: a visible function taking five or `*args` is harmless; the shape rule counts a four-parameter
    # function only where the module hands it on as a value (hook is not, here)
    ("__builtin__.__import__ = Loader().five", False),  # self and five more
    ("__builtin__.__import__ = five", False),
    ("__builtin__.__import__ = spread", False),  # *args
    ("__builtin__.__import__ = orig", False),  # restored, hook never handed on
    ("HOOKS = [hook]\n__builtin__.__import__ = orig", True),  # hook handed on: may be what orig is
    ("__import__ = hook", False),  # a module global: import statements read the builtins' one
    ("x = __builtin__.__import__ == hook", False),
])
def test_which_writes_of_import_install_a_four_argument_hook(tmp_path, install, hooked):
    source = ("import __builtin__\norig = __builtin__.__import__\n\n\n"
              "def hook(name, globals=None, locals=None, fromlist=None):\n"
              "    return orig(name, globals, locals, fromlist)\n\n\n"
              "def five(name, globals=None, locals=None, fromlist=None, level=-1):\n    return orig(name)\n\n\n"
              "def spread(name, *args):\n    return orig(name, *args)\n\n\n"
              "class Loader(object):\n"
              "    def load(self, name, globals, locals, fromlist):\n        return orig(name)\n\n"
              "    def five(self, name, globals, locals, fromlist, level):\n        return orig(name)\n\n\n"
              + install + "\n")
    (tmp_path / "m.py").write_text(source)
    found = facts.import_hook_setting(str(tmp_path / "m.py"), 1_000_000)
    assert bool(found) == hooked, found
    if hooked:
        assert found.startswith(f"{source.count(chr(10))} ("), found


@pytest.mark.parametrize("install", [
    "old, __builtin__.__import__ = five, __builtin__.__import__",
    "__builtin__.__import__ = Loader().five",  # self and five more
    "__builtin__.__import__ = five",
    "__builtin__.__import__ = spread",  # *args
    "__builtin__.__import__ = orig",  # restored
    "__builtin__.__import__ = functools.partial(five)",
])
def test_a_module_with_no_four_argument_function_installs_no_four_argument_hook(tmp_path, install):
    # tryout19 #6: anything installed counts only in a module defining a function of four positional parameters
    source = ("import __builtin__, functools\norig = __builtin__.__import__\n\n\n"
              "def five(name, globals=None, locals=None, fromlist=None, level=-1):\n    return orig(name)\n\n\n"
              "def spread(name, *args):\n    return orig(name, *args)\n\n\n"
              "class Loader(object):\n"
              "    def five(self, name, globals, locals, fromlist, level):\n        return orig(name)\n\n\n"
              + install + "\n")
    (tmp_path / "m.py").write_text(source)
    assert facts.import_hook_setting(str(tmp_path / "m.py"), 1_000_000) == ""

"""tryout20 #15, #4, #20: what the project index reads of builtins' names written into modules and of `__import__`
hooks (diracmod/source/project_index/).

#15: a test's setUp faking `raw_input` in several modules from a loop (`for mod in [b2, b4]: setattr(mod,
'raw_input', f)`, `for name in ('pkg.b4',): sys.modules[name].raw_input = f`, `for m in mods: m.raw_input = f`)
writes into modules no expression names: a builtin's name written onto any receiver (not `self`, not an imported
module's name, which is read exactly) counts for every module the file names. Each case runs under python2.7 before
and after `fix --write`: the fake still answers, and a module the file does not name is still rewritten.
#4: a four-argument hook installed by a string target (`mock.patch('__builtin__.__import__', hook)`) or
`patch.object(__builtin__, '__import__', hook)`: DM431.
#20: the shape rule (a four-parameter function in a module installing a value it does not show) counts only a
function that can reach the install (handed on as a value); a visible `*args` hook is harmless; the note names what
was installed and where."""
from __future__ import annotations

import ast
import json
import time

import pytest

from diracmod.cli import main
from diracmod.source import project_index
from diracmod.source.project_index import hooks, writes

from tests.fix.helpers import project_dir, python2_output

ASK = 'def ask():\n    return raw_input("q? ")\n'
FAKES = ("import sys\nfrom pkg import b2, b4\n\n\nclass patch(object):\n    @staticmethod\n"
         "    def object(target, name, new):\n        target.__dict__[name] = new\n\n\n"
         "def install(fake):\n{write}")
LOOPS = {
    "loop-setattr": "    for mod in [b2, b4]:\n        setattr(mod, 'raw_input', fake)\n",
    "loop-sys-modules": "    for name in ('pkg.b2', 'pkg.b4'):\n        sys.modules[name].raw_input = fake\n",
    "loop-attribute": "    mods = [b2, b4]\n    for m in mods:\n        m.raw_input = fake\n",
    "loop-patch-object": "    for m in (b2, b4):\n        patch.object(m, 'raw_input', fake)\n",
    "loop-call-result": "    for get in (lambda: b2, lambda: b4):\n        get().raw_input = fake\n",
}
MAIN = ("import sys, os\nsys.stdin = open(os.devnull)\nimport fakes\nimport pkg.b1, pkg.b2, pkg.b4\n"
        "fakes.install(lambda p: 'fake')\nprint pkg.b2.ask(), pkg.b4.ask()\n")


@pytest.mark.parametrize("write", LOOPS.values(), ids=LOOPS)
def test_a_builtin_written_into_modules_from_a_loop_is_left(tmp_path, monkeypatch, write):
    root = project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/b1.py": ASK, "pkg/b2.py": ASK,
                                               "pkg/b4.py": ASK, "fakes.py": FAKES.format(write=write),
                                               "main.py": MAIN})
    before = python2_output(root, "main.py")
    assert before == "fake fake\n", before
    main(["fix", "--write", "-j", "1", str(root)])
    for name in ("b2", "b4"):
        assert "raw_input(" in (root / "pkg" / f"{name}.py").read_text()
    assert "from six.moves import input" in (root / "pkg" / "b1.py").read_text()  # not named by fakes.py
    assert python2_output(root, "main.py") == before


@pytest.mark.parametrize("text, module, name", [
    ("from pkg import b2\nfor m in [b2]:\n    m.raw_input = f\n", "b2", "raw_input"),
    ("import sys\nfor n in ('pkg.b7',):\n    sys.modules[n].repr = f\n", "b7", "repr"),
    ("import b3\nfor m in mods:\n    setattr(m, 'file', f)\n", "b3", "file"),
    ("import pkg.b5\nfor m in mods:\n    mock.patch.object(m, 'unichr', f)\n", "b5", "unichr"),
    ("from pkg.b6 import ask\nholder.mod.raw_input = f\n", "b6", "raw_input"),
])
def test_the_index_records_builtins_written_onto_any_receiver(tmp_path, text, module, name):
    (tmp_path / "user.py").write_text(text)
    index = project_index.build(str(tmp_path), (), 5_000_000)
    assert name in index.outside(str(tmp_path / f"{module}.py")), index.assigned


@pytest.mark.parametrize("text", [
    "import b\nself.raw_input = f\ncls.file = g\n",  # an instance's, a class's attribute
    "import b\nwrapper.__name__ = f.__name__\nm.__doc__ = 'x'\n",  # no module's builtin
    "import b\nm.value = 1\nsetattr(m, 'value', 2)\nsetattr(m, name, 3)\n",  # not a builtin's name written out
    "items()[0].repr = f\nm.raw_input = g\n",  # names no module
    "import b\nm.raw_input == f\n",  # no write
    "import b\nsetattr(connections[alias], key, value)\n",  # a name not written out, an expression naming none
])
def test_the_index_records_no_other_write_onto_any_receiver(tmp_path, text):
    (tmp_path / "user.py").write_text(text)
    index = project_index.build(str(tmp_path), (), 5_000_000)
    assert index.assigned == (), index.assigned


def test_a_megabyte_of_writes_onto_any_receiver_is_read_in_linear_time():
    # no real module's: past 1,000 writes, any name of every module the file names
    data = b"import b\n" + b"m.repr = f; a.b.c.d.e.file = g\n" * 40000
    started = time.process_time()
    found = list(writes._module_writes(data))
    assert time.process_time() - started < 5
    assert len(found) < 1010 and ("b", "*") in {(key, name) for key, name, _, _ in found}, found[-3:]


HOOK_MODULE = ("import __builtin__\n\nimport mock\n\n_real_import = __builtin__.__import__\n\n\n"
               "def fake_import(name, globals=None, locals=None, fromlist=None):\n"
               "    if name == 'json':\n        raise ImportError(name)\n"
               "    return _real_import(name, globals, locals, fromlist)\n\n\n"
               "def run():\n    with {patch}:\n        try:\n            import helper\n"
               "        except ImportError:\n            return 'no json'\n    return 'json'\n")
# a stand-in for mock.patch (mock is not installed for python2.7): setattr on the resolved target
MOCK = ("class patch(object):\n    def __init__(self, target, new):\n"
        "        self.owner, self.name = target.rsplit('.', 1)\n        self.new = new\n\n"
        "    def __enter__(self):\n        owner = __import__(self.owner)\n"
        "        self.old = getattr(owner, self.name)\n        setattr(owner, self.name, self.new)\n\n"
        "    def __exit__(self, *exc):\n        setattr(__import__(self.owner), self.name, self.old)\n")
PATCHES = {
    "string-target": "mock.patch('__builtin__.__import__', fake_import)",
    "string-target-new": "mock.patch('__builtin__.__import__', new=fake_import)",
}


@pytest.mark.parametrize("patch", PATCHES.values(), ids=PATCHES)
def test_a_four_argument_hook_installed_by_a_patch_string_keeps_absolute_import_out(
        tmp_path, monkeypatch, capsys, patch):
    root = project_dir(tmp_path, monkeypatch, {
        "pkg/__init__.py": "", "pkg/helper.py": "import json\n", "mock.py": MOCK,
        "pkg/t_opt.py": HOOK_MODULE.format(patch=patch), "main.py": "from pkg import t_opt\nprint t_opt.run()\n"})
    before = python2_output(root, "main.py")
    assert before == "no json\n", before
    main(["check", "--no-cache", "--format", "json", "--select", "W1618,DM431", str(root / "main.py")])
    assert [f["symbol"] for f in json.loads(capsys.readouterr().out)] == ["no-absolute-import-four-argument-hook"]
    main(["fix", "--write", "-j", "1", str(root)])
    assert "absolute_import" not in (root / "pkg" / "t_opt.py").read_text()
    assert python2_output(root, "main.py") == before


@pytest.mark.parametrize("install", [
    "mock.patch('__builtin__.__import__', hook)",
    "mock.patch('builtins.__import__', new=hook)",
    "monkeypatch.setattr('six.moves.builtins.__import__', hook)",
    "mock.patch.object(__builtin__, '__import__', hook)",
    "patch.object(builtins, '__import__', self.hook)",
])
def test_a_string_naming_import_handed_to_a_call_is_a_write(install):
    tree = ast.parse("class H:\n    def hook(self, n, g, l, f):\n        pass\n\n\n"
                     "def hook(n, g=None, l=None, f=None):\n    pass\n\n\n" + install + "\n")
    assert "takes at most 4 positional arguments" in hooks.four_argument_hook(tree)


def test_a_string_naming_import_read_is_no_write():
    tree = ast.parse("def hook(n, g=None, l=None, f=None):\n    pass\n\n\n"
                     "x = getattr(__builtin__, '__import__', hook)\n")
    assert hooks.four_argument_hook(tree) == ""


OPTIONAL = ("import __builtin__\nimport unittest\n\n_real_import = __builtin__.__import__\n\n\n"
            "def make_job(owner, group, site, cpu):\n"
            "    return dict(owner=owner, group=group, site=site, cpu=cpu)\n\n\n"
            "def _no_json(name, *args, **kw):\n    if name == 'json':\n        raise ImportError(name)\n"
            "    return _real_import(name, *args, **kw)\n\n\n{more}"
            "class OptionalTest(unittest.TestCase):\n"
            "    def setUp(self):\n        __builtin__.__import__ = _no_json\n\n"
            "    def tearDown(self):\n        __builtin__.__import__ = _real_import\n")


def test_an_unrelated_four_parameter_helper_beside_an_args_hook_withholds_nothing(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {
        "tests/__init__.py": "", "tests/test_optional.py": OPTIONAL.format(more="JOB = make_job(1, 2, 3, 4)\n\n\n"),
        "pkg/__init__.py": "", "pkg/helper.py": "X = 1\n", "pkg/user.py": "import helper\nY = helper.X\n",
        "main.py": "import pkg.user\nprint pkg.user.Y\n"})
    before = python2_output(root, "main.py")
    assert before == "1\n", before
    main(["fix", "--write", "-j", "1", str(root)])
    assert "absolute_import" not in capsys.readouterr().err.split("notes:")[-1]
    user = (root / "pkg" / "user.py").read_text()
    assert "from __future__ import absolute_import" in user and "from . import helper" in user, user
    assert python2_output(root, "main.py") == before


def test_a_four_parameter_function_handed_on_beside_an_unseen_install_is_named_in_the_note(tmp_path, capsys):
    (tmp_path / "t.py").write_text(OPTIONAL.format(more="JOBS = {'make': make_job}\n\n\n") + "import os\n")
    main(["check", "--no-cache", "--format", "json", "--select", "DM431", str(tmp_path / "t.py")])
    [found] = json.loads(capsys.readouterr().out)
    assert "`make_job` takes four positional arguments and is handed on as a value" in found["message"]
    assert "t.py:25 (" in found["message"] and "installs `_real_import` as `__import__` here" in found["message"]


@pytest.mark.parametrize("hook, withheld", [
    ("def hook(name, *args):\n    pass\n", False),
    ("def hook(name, g, l, f, level):\n    pass\n", False),
    ("def hook(name, g, l, f):\n    pass\n", True),
])
def test_a_visible_installed_function_is_judged_by_its_own_parameters(hook, withheld):
    tree = ast.parse(hook + "\n\ndef helper(a, b, c, d):\n    pass\n\n\n__builtin__.__import__ = hook\n")
    assert bool(hooks.four_argument_hook(tree)) == withheld

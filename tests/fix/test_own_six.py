"""A project's own copy of six (rules/own_six.py): the rewrites import that copy, not the top-level six
(Django 1.4.22 ships django/utils/six.py); python2.7 here has no six of its own, so a run proves which one."""
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import six

from bench.suites import six_dir
from diracmod.check import engine as check_engine
from diracmod.cli import main
from diracmod.fix import engine
from diracmod.fix.futures import Policy
from tests.fix.helpers import everything, python27

MODULE = ('import sys\nfor i in xrange(2):\n'
          '    sys.stdout.write(repr((isinstance("x", basestring), unicode(i), {1: 2}.iteritems().next())))\n')


def _package(root, files: dict):
    for name, code in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(code)


def _copy_of_six(root, where: str):
    shutil.copy(six.__file__, root / where)


def _fixed(path, plan=everything()):
    result = engine.fix_file(str(path), plan)
    if result.new:
        path.write_bytes(result.new)
    return result


def _run(python, module: str, root, *path) -> subprocess.CompletedProcess:
    """Import `module` from `root` under `python`, with the directories `path` (a top-level six) after it."""
    paths = [str(root), *map(str, path)]
    return subprocess.run([python, "-B", "-c", f"import sys; sys.path[:0] = {paths!r}; import {module}"],
                          capture_output=True, text=True, cwd=root)


def test_a_sibling_copy_of_six_is_the_one_the_rewrites_import(tmp_path):
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/m.py": MODULE})
    _copy_of_six(tmp_path, "pkg/six.py")
    before = _run(python27(), "pkg.m", tmp_path)
    result = _fixed(tmp_path / "pkg" / "m.py")
    text = result.new.decode()
    assert "from pkg import six\n" in text and "from pkg.six.moves import range\n" in text
    assert "\nimport six" not in text and result.applied["unicode-builtin"] == 1
    after = _run(python27(), "pkg.m", tmp_path)
    expected = "(True, u'0', (1, 2))(True, u'1', (1, 2))"
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, expected), after.stderr
    assert _run(sys.executable, "pkg.m", tmp_path).returncode == 0


def test_a_sibling_six_that_is_no_copy_of_six_says_why_its_rewrites_are_left(tmp_path, capsys):
    # tryout5 #33: check counted unicode and xrange fixable, fix left them "for a person" with no word on b/six.py
    _package(tmp_path, {"b/six.py": "X = 1\n", "b/m.py": "print unicode(1), xrange(2)\n"})
    path = str(tmp_path / "b" / "m.py")
    checked = check_engine.check_file(path, check_engine.Plan(frozenset({"py3k"}))).findings
    split = {(f.split_from, f.fixable, f.message) for f in checked if f.symbol == "rewrite-six-is-project-module"}
    where = "where `import six` finds the project's own module six (beside the module), which is no copy of six"
    assert split == {(symbol, False, f"{symbol} {where}: diracmod fix leaves it")
                     for symbol in ("unicode-builtin", "xrange-builtin")}
    assert main(["check", "--no-cache", "--select", "py3k", path]) == 1
    assert "[*] 1 fixable" in capsys.readouterr().err  # the print statement, which fix makes a call
    result = _fixed(tmp_path / "b" / "m.py")
    assert result.applied == {"print-statement": 1} and result.notes == []
    assert {(f.symbol, f.split_from) for f in result.left} == {("rewrite-six-is-project-module", "unicode-builtin"),
                                                               ("rewrite-six-is-project-module", "xrange-builtin")}
    assert _fixed(tmp_path / "b" / "m.py").new is None  # and the next run agrees: nothing more to do
    # the project's copy of six named in the settings is the one the rewrites import: check counts them fixable
    _copy_of_six(tmp_path, "b/vendored_six.py")
    configured = check_engine.check_file(path, check_engine.Plan(frozenset({"py3k"}), six="vendored_six")).findings
    assert {f.symbol for f in configured if f.fixable} == {"unicode-builtin", "xrange-builtin"}
    assert _fixed(tmp_path / "b" / "m.py", replace(everything(), six="vendored_six")).applied == {
        "unicode-builtin": 1, "xrange-builtin": 1}


def test_rules_whose_rewrites_the_copy_lacks_are_left(tmp_path):
    # an old six: no text_type (as six 1.8 has no ensure_binary): unicode stays for a person, basestring is fixed
    old_six = '__version__ = "0.1"\nPY3 = False\nmoves = None\nstring_types = (basestring,)\n'
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": old_six,
                        "pkg/m.py": 'ok = isinstance("x", basestring)\nname = unicode(ok)\n'})
    result = _fixed(tmp_path / "pkg" / "m.py")
    assert "ok = isinstance(\"x\", six.string_types)\nname = unicode(ok)\n" in result.new.decode()
    assert "from pkg import six\n" in result.new.decode()
    assert result.applied == {"basestring-builtin": 1}
    # no future imports here: without absolute_import, an `import six` would find the copy on Python 2
    assert {f.symbol for f in result.left} - {"no-absolute-import"} == {"unicode-builtin"}


def test_the_copy_itself_is_left_as_it_is(tmp_path):
    _package(tmp_path, {"pkg/__init__.py": ""})
    _copy_of_six(tmp_path, "pkg/six.py")
    with open(tmp_path / "pkg" / "six.py", "a") as copy:
        copy.write("\n\ndef legacy(x):\n    return isinstance(x, basestring)\n")
    result = _fixed(tmp_path / "pkg" / "six.py")
    assert result.new is None and result.refused is None  # skipped, not refused: `fix --check` can pass
    # left on purpose: its findings are not the summary's "findings left for a person"
    assert result.left == [] and len(result.notes) == 1
    assert result.notes[0].startswith("skipped: the project's own copy of six") and "not counted as left" in result.notes[0]


SCRIPT = 'import six\nfor i in xrange(2):\n    print i, unicode(i), six.__name__\n'


def test_a_copy_of_six_in_a_script_directory_is_the_six_its_scripts_import(tmp_path):
    # no __init__.py: the directory is sys.path[0] of its scripts, whose `import six` finds six.py there
    _package(tmp_path, {"tool.py": SCRIPT})
    _copy_of_six(tmp_path, "six.py")
    before = _run(python27(), "tool", tmp_path)
    result = _fixed(tmp_path / "tool.py")
    assert result.applied["unicode-builtin"] == result.applied["xrange-builtin"] == 1
    assert "\nimport six\n" in result.new.decode()
    after = _run(python27(), "tool", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "0 0 six\n1 1 six\n")
    copy = _fixed(tmp_path / "six.py")
    assert copy.new is None and copy.refused is None and "the project's own copy of six" in copy.notes[0]


def test_a_script_directorys_six_that_is_no_six_stops_the_six_based_rewrites(tmp_path):
    _package(tmp_path, {"tool.py": SCRIPT, "six.py": "VALUE = 6\n"})
    before = _run(python27(), "tool", tmp_path)
    result = _fixed(tmp_path / "tool.py")
    left = {(f.symbol, f.split_from) for f in result.left}
    assert {("rewrite-six-is-project-module", "unicode-builtin"), ("rewrite-six-is-project-module", "xrange-builtin")} \
        <= left
    after = _run(python27(), "tool", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "0 0 six\n1 1 six\n")
    assert _fixed(tmp_path / "six.py").refused is None  # a module of the project like any other


def test_a_module_importing_its_sibling_copy_as_six_gets_rewrites_using_it(tmp_path):
    _package(tmp_path, {"pkg/__init__.py": "",
                        "pkg/m.py": 'import six\nx = unicode("x")\nfor i in xrange(2):\n    print i, x\n'})
    _copy_of_six(tmp_path, "pkg/six.py")
    before = _run(python27(), "pkg.m", tmp_path)
    result = _fixed(tmp_path / "pkg" / "m.py")
    assert result.applied["unicode-builtin"] == result.applied["xrange-builtin"] == 1
    assert "from pkg import six" not in result.new.decode()  # its `import six` is the copy: no second import
    after = _run(python27(), "pkg.m", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "0 x\n1 x\n")
    assert _fixed(tmp_path / "pkg" / "m.py").new is None  # its `from . import six` is the copy too


def test_a_second_run_changes_nothing_where_the_copy_lacks_what_some_rewrites_need(tmp_path):
    # six before 1.12 has no ensure_binary: hashlib.md5(str(n)) stays, base64.b64encode("x") gets b"x" at once
    old_six = '__version__ = "1.10.0"\nPY3 = False\nmoves = None\ntext_type = unicode\n'
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/compat/__init__.py": "", "pkg/compat/six.py": old_six,
                        "pkg/m.py": 'import base64, hashlib\nn = 5\nd = hashlib.md5(str(n)).hexdigest()\n'
                                    'e = base64.b64encode("x") + "!"\nu = unicode("x")\n'})
    plan = replace(everything(), six="pkg.compat.six")
    first = _fixed(tmp_path / "pkg" / "m.py", plan)
    assert 'b64encode(b"x")' in first.new.decode() and "md5(str(n))" in first.new.decode()
    second = _fixed(tmp_path / "pkg" / "m.py", plan)
    assert second.new is None and second.refused is None


def test_the_six_setting_names_the_copy_for_every_module(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.compat.six"\n')
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/compat/__init__.py": "", "pkg/web/__init__.py": "",
                        "pkg/web/m.py": MODULE})
    _copy_of_six(tmp_path, "pkg/compat/six.py")
    before = _run(python27(), "pkg.web.m", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--write", "pkg/web/m.py"]) == 0
    text = (tmp_path / "pkg" / "web" / "m.py").read_text()
    assert "from pkg.compat import six\n" in text and "from pkg.compat.six.moves import range\n" in text
    after = _run(python27(), "pkg.web.m", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout), after.stderr


def test_a_module_binding_six_itself_is_left(tmp_path):
    """The module's own six: nothing could reach the copy. check reports the rewrites naming six as left
    (rewrite-name-bound-by-module, split off their rules: tryout4 #19), so fix needs no note for them."""
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/m.py": "six = None\nok = isinstance(x, basestring)\n"})
    _copy_of_six(tmp_path, "pkg/six.py")
    result = _fixed(tmp_path / "pkg" / "m.py", replace(everything(), six=None))
    assert [(f.symbol, f.split_from, f.fixable) for f in result.left] == [
        ("rewrite-name-bound-by-module", "basestring-builtin", False)]
    assert result.notes == [] and result.new is None


def test_a_configured_six_whose_file_is_not_found_is_trusted(tmp_path):
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/m.py": 'ok = isinstance("x", basestring)\n'})
    result = _fixed(tmp_path / "pkg" / "m.py", replace(everything(), six="vendor.six"))
    assert result.new.decode() == 'from vendor import six\n\nok = isinstance("x", six.string_types)\n'


# Django 1.4.22's django/utils/six.py is six 1.8.0: no ensure_binary, no moves.getcwd
OLD_SIX = '__version__ = "1.8.0"\nPY3 = False\nmoves = None\nstring_types = (basestring,)\n'
NEEDS_NEWER_SIX = ('import hashlib, os, sys\nhere = os.getcwdu()\n'
                   'sys.stdout.write("%s %s %s" % (hashlib.md5("%s" % 5).hexdigest(), type(here).__name__, here))\n')


def test_rewrites_a_sibling_copy_lacks_use_the_top_level_six_under_absolute_import(tmp_path):
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX, "pkg/m.py": NEEDS_NEWER_SIX})
    six_path = six_dir(tmp_path / "tools")
    before = _run(python27(), "pkg.m", tmp_path)
    result = _fixed(tmp_path / "pkg" / "m.py", everything(Policy()))
    text = result.new.decode()
    assert "from __future__ import absolute_import\n" in text and "\nimport six\n" in text
    assert "six.ensure_binary(" in text and "six.moves.getcwd()" in text and "from pkg import six" not in text
    assert result.applied["text-to-bytes-api"] == result.applied["os-getcwdu"] == 1
    after = _run(python27(), "pkg.m", tmp_path, six_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout), after.stderr
    assert before.stdout.startswith("e4da3b7fbbce2345d7772b0674a318d5 unicode ")
    python3 = _run(sys.executable, "pkg.m", tmp_path, six_path)
    assert (python3.returncode, python3.stdout) == (0, before.stdout.replace(" unicode ", " str ")), python3.stderr
    # the module's six is the top-level one on python2.7 (the copy has no ensure_binary: the run proves it too)
    which = _run(python27(), "pkg.m; sys.stdout.write(' ' + pkg.m.six.__name__)", tmp_path, six_path)
    assert which.stdout.endswith(" six")
    assert result.notes == [] and _fixed(tmp_path / "pkg" / "m.py", everything(Policy())).new is None


LACKS = ("pkg.six ({}) lacks six.ensure_binary, six.moves.getcwd: the rewrites needing it are left (a newer copy of "
         "six has it)")


@pytest.mark.parametrize("files,code,notes", [
    # absolute_import cannot be added (a module also run as a script, DM193): `import six` is the copy
    ({"pkg/sub/__init__.py": "", "pkg/sub/x.py": ""}, "#!/usr/bin/env python\nimport sub.x\n" + NEEDS_NEWER_SIX,
     [LACKS]),
])
def test_rewrites_a_sibling_copy_lacks_are_left_where_import_six_would_not_be_the_top_level_six(
        tmp_path, files, code, notes):
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX, "pkg/m.py": code, **files})
    result = _fixed(tmp_path / "pkg" / "m.py", everything(Policy()))
    assert {"text-to-bytes-api", "os-getcwdu"} <= {f.symbol for f in result.left}
    assert "\nimport six\n" not in (result.new or b"").decode()
    assert result.notes == [note.format(tmp_path / "pkg" / "six.py") for note in notes]


def test_a_configured_copy_lacking_what_rewrites_need_keeps_them_left_saying_what_it_lacks(
        tmp_path, monkeypatch, capsys):
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX, "pkg/m.py": NEEDS_NEWER_SIX})
    result = _fixed(tmp_path / "pkg" / "m.py", replace(everything(Policy()), six="pkg.six"))
    assert {"text-to-bytes-api", "os-getcwdu"} <= {f.symbol for f in result.left}
    assert "\nimport six\n" not in (result.new or b"").decode()
    assert result.notes == [LACKS.format(tmp_path / "pkg" / "six.py")]
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.six"\n')
    (tmp_path / "pkg" / "m.py").write_text(NEEDS_NEWER_SIX)
    monkeypatch.chdir(tmp_path)
    main(["fix", "pkg/m.py"])
    assert f"notes:\n  pkg/m.py: {LACKS.format('pkg/six.py')}\n" in capsys.readouterr().err
    # -q drops the progress and the summary, not what a person must do (ruff's -q prints its diagnostics too)
    main(["fix", "-q", "pkg/m.py"])
    printed = capsys.readouterr()
    assert printed.err == f"diracmod fix: note: pkg/m.py: {LACKS.format('pkg/six.py')}\n" and printed.out
    for silent in ("-qq", "--silent", "-s"):
        main(["fix", silent, "pkg/m.py"])
        assert capsys.readouterr().err == ""


@pytest.mark.parametrize("setting", [None, "six", "pkg.compat.six"])
@pytest.mark.parametrize("where", ["pkg/six.py", "pkg/six/__init__.py"])
def test_a_copy_of_six_is_left_as_it_is_whatever_the_setting_and_layout(tmp_path, setting, where):
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/compat/__init__.py": "", "pkg/m.py": MODULE})
    (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
    _copy_of_six(tmp_path, where)
    _copy_of_six(tmp_path, "pkg/compat/six.py")
    with open(tmp_path / where, "a") as copy:
        copy.write("\n\ndef legacy(x):\n    return isinstance(x, basestring)\n")
    result = _fixed(tmp_path / where, replace(everything(), six=setting))
    assert result.new is None and result.refused is None and "the project's own copy of six" in result.notes[0]
    # and check, reporting the copy's Python 2 names, counts none of them fixable (Django's django/utils/six.py)
    checked = check_engine.check_file(str(tmp_path / where), check_engine.Plan(frozenset({"py3k"}), six=setting))
    assert "basestring-builtin" in {f.symbol for f in checked.findings}
    assert not any(f.fixable for f in checked.findings)
    if setting is None:  # the modules beside a six/ package use it as they use a six.py
        assert "from pkg import six\n" in _fixed(tmp_path / "pkg" / "m.py").new.decode()


HASOWN = 'import os\nimport six\nsys = __import__("sys")\nsys.stdout.write("%s %s" % (six.PY3, type(os.getcwdu())))\n'


def test_the_six_setting_six_gives_the_top_level_six_where_the_module_imports_none(tmp_path, monkeypatch, capsys):
    # `six = "six"` beside a copy that lacks what rewrites need: the modules importing no six get the top-level
    # one (absolute_import); a module whose `import six` is the copy keeps it, what it lacks left with a note
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "six"\n')
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX, "pkg/needs.py": NEEDS_NEWER_SIX,
                        "pkg/hasown.py": HASOWN, "pkg/plain.py": MODULE})
    six_path = six_dir(tmp_path / "tools")
    before = {name: _run(python27(), f"pkg.{name}", tmp_path, six_path) for name in ("needs", "hasown", "plain")}
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--write", "pkg"]) == 0
    lacks = LACKS.format("pkg/six.py").replace("six.ensure_binary, ", "")
    assert f"  pkg/hasown.py: {lacks}" in capsys.readouterr().err
    for name in ("needs", "plain"):
        text = (tmp_path / "pkg" / f"{name}.py").read_text()
        assert "from __future__ import absolute_import\n" in text and "\nimport six\n" in text, text
        assert "from . import six" not in text and "from .six" not in text and "pkg.six" not in text
    assert "os.getcwdu()" in (tmp_path / "pkg" / "hasown.py").read_text()
    assert (tmp_path / "pkg" / "six.py").read_text() == OLD_SIX
    for name, was in before.items():
        after = _run(python27(), f"pkg.{name}", tmp_path, six_path)
        assert (after.returncode, after.stdout) == (was.returncode, was.stdout) and was.returncode == 0, after.stderr
    assert main(["fix", "--check", "pkg"]) == 0  # a second run changes nothing


def test_a_six_setting_naming_a_missing_module_of_the_project_is_a_configuration_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.sxi"\n')
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/m.py": MODULE})
    _copy_of_six(tmp_path, "pkg/six.py")
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--write", "."]) == 2
    err = capsys.readouterr().err
    assert "[tool.diracmod.fix] six: 'pkg.sxi' is not found: no pkg/sxi.py nor pkg/sxi/__init__.py under" in err
    assert (tmp_path / "pkg" / "m.py").read_text() == MODULE


@pytest.mark.parametrize("code", [
    "import six as sx\nsys = __import__('sys')\nsys.stdout.write('%s %s' % (sx.__version__, type(os.getcwdu())))\n",
    "from six import __version__ as v\nsys = __import__('sys')\nsys.stdout.write('%s %s' % (v, type(os.getcwdu())))\n",
])
def test_a_module_importing_six_by_another_name_keeps_the_copy(tmp_path, code):
    # on Python 2 its `import six as sx` is the sibling copy: absolute_import (for the top-level six) would change it
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX, "pkg/m.py": "import os\n" + code})
    six_path = six_dir(tmp_path / "tools")
    before = _run(python27(), "pkg.m", tmp_path, six_path)
    result = _fixed(tmp_path / "pkg" / "m.py", everything(Policy()))
    assert "os-getcwdu" in {f.symbol for f in result.left} and "\nimport six\n" not in result.new.decode()
    assert result.notes == [LACKS.format(tmp_path / "pkg" / "six.py").replace("six.ensure_binary, ", "")]
    after = _run(python27(), "pkg.m", tmp_path, six_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "1.8.0 <type 'unicode'>")


def test_a_module_whose_import_six_is_the_top_level_one_under_absolute_import_gets_rewrites_using_it(tmp_path):
    code = ('from __future__ import absolute_import\nimport os\nimport six\nsys = __import__("sys")\n'
            'sys.stdout.write("%s %s" % (six.__version__ != "1.8.0", type(os.getcwdu())))\n')
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX, "pkg/m.py": code})
    six_path = six_dir(tmp_path / "tools")
    before = _run(python27(), "pkg.m", tmp_path, six_path)
    result = _fixed(tmp_path / "pkg" / "m.py", everything(Policy()))
    assert "six.moves.getcwd()" in result.new.decode() and result.notes == [] and result.applied["os-getcwdu"] == 1
    after = _run(python27(), "pkg.m", tmp_path, six_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "True <type 'unicode'>")
    assert _fixed(tmp_path / "pkg" / "m.py", everything(Policy())).new is None


def test_the_note_on_a_script_directorys_copy_names_its_file(tmp_path):
    _package(tmp_path, {"scripts/six.py": OLD_SIX, "scripts/run.py": NEEDS_NEWER_SIX})
    result = _fixed(tmp_path / "scripts" / "run.py", everything(Policy()))
    assert result.notes == [LACKS.format(tmp_path / "scripts" / "six.py").replace("pkg.six", "six", 1)]


def test_a_copy_of_six_is_skipped_with_a_note_and_does_not_fail_fix_check(tmp_path, monkeypatch, capsys):
    # tryout2 #17: the copy counted among the files "that could not be fixed safely", so `fix --check` exited 1
    # forever; it is skipped on purpose (as ruff skips an excluded file): a note, exit 0 once the rest is fixed
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.six"\n')
    _package(tmp_path, {"pkg/__init__.py": "", "m.py": "x = xrange(3)\nprint unicode(x)\n"})
    _copy_of_six(tmp_path, "pkg/six.py")
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--write", "."]) == 0
    err = capsys.readouterr().err
    assert "0 left unchanged because they could not be fixed safely" in err
    assert "notes:\n  pkg/six.py: skipped: the project's own copy of six" in err
    assert main(["fix", "--check", "."]) == 0
    capsys.readouterr()
    assert main(["fix", "--check", "-q", "."]) == 0
    # -q prints what needs a person, the notes too (as ruff -q prints its diagnostics); --silent nothing
    assert capsys.readouterr().err.startswith("diracmod fix: note: pkg/six.py: skipped: the project's own copy of six")
    assert main(["fix", "--check", "--silent", "."]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("binding, left", [("from vendor import six\n", "xrange-builtin"),
                                           ("if True:\n    from vendor import six\n", "rewrite-name-bound-by-module")])
def test_a_six_the_module_takes_from_a_vendored_copy_is_not_replaced_by_the_top_level_one(binding, left, tmp_path):
    """tryout7 #24: `if ...: from vendor import six` (or the same at module level) and `xrange` got a top-level
    `from six.moves import range`: ImportError on a python2.7 with only the vendored copy. Left: at module level
    with the note; in a block check reports it as rewrite-name-bound-by-module, not fixable
    (tests/fix/test_late_six_agreement.py), and fix is not given it."""
    _package(tmp_path, {"vendor/__init__.py": "", "m.py": f"import sys\n{binding}print(list(xrange(2)))\n"})
    _copy_of_six(tmp_path, "vendor/six.py")
    result = _fixed(tmp_path / "m.py", replace(everything(), six=None))
    assert left in [f.symbol for f in result.left]
    assert left != "xrange-builtin" or any("binds `six` itself" in note for note in result.notes)
    assert "six.moves" not in (tmp_path / "m.py").read_text()
    run = subprocess.run([python27(), str(tmp_path / "m.py")], capture_output=True, text=True)
    assert run.stdout == "[0, 1]\n", run.stderr


def _old_six(registered: str) -> str:
    """A stand-in copy of six whose moves is registered in sys.modules as `registered` (six 1.2.0, Paver 1.2.1's
    paver/deps/six.py: "six.moves"; six >= 1.4: `__name__ + ".moves"`)."""
    return ('import sys\nimport types\n__version__ = "1.2.0"\nPY3 = False\ntext_type = unicode\n\n\n'
            'class MovedModule(object):\n    def __init__(self, name, old):\n        self.name, self.old = name, old\n\n\n'
            'class _MovedItems(types.ModuleType):\n    pass\n\n\n'
            'for item in [MovedModule("builtins", "__builtin__")]:\n'
            '    setattr(_MovedItems, item.name, __import__(item.old))\n'
            f'moves = sys.modules[{registered}] = _MovedItems("moves")\n')


PAVER = ('import __builtin__\ntry:\n    import win32security\nexcept ImportError:\n    win32security = None\n\n\n'
         'def is_text(s):\n    return isinstance(s, unicode)\n\n\n'
         'import sys\nsys.stdout.write(repr((is_text(u"x"), __builtin__.len("ab"))))\n')


@pytest.mark.parametrize("registered, importable", [('"six.moves"', False), ('__name__ + ".moves"', True)])
def test_a_copy_whose_moves_is_no_submodule_leaves_the_imports_from_it(tmp_path, registered, importable):
    # tryout18b #1: beside six 1.2.0 (only sys.modules["six.moves"]), `from six.moves import builtins` is an implicit
    # relative import of pkg.deps.six.moves, which Python 2 does not find: ImportError. absolute_import cannot be
    # added here (win32security, under except ImportError, may be a sibling made later): the rewrite is left
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/deps/__init__.py": "", "pkg/deps/six.py": _old_six(registered),
                        "pkg/deps/m.py": PAVER})
    before = _run(python27(), "pkg.deps.m", tmp_path)
    assert (before.returncode, before.stdout) == (0, "(True, 2)"), before.stderr
    result = _fixed(tmp_path / "pkg" / "deps" / "m.py")
    text = result.new.decode()
    assert "from pkg.deps import six\n" in text and "isinstance(s, six.text_type)" in text
    # the copy's moves, as `from pkg.deps.six.moves import range` (tryout26c #5): not the top-level six's
    assert ("from pkg.deps.six.moves import builtins as __builtin__\n" in text) is importable
    assert ("import __builtin__\n" in text) is not importable
    lacks = [note for note in result.notes if "lacks six.moves as a module" in note]
    assert bool(lacks) is not importable and ("bad-python3-import" in result.applied) is importable
    after = _run(python27(), "pkg.deps.m", tmp_path)
    assert (after.returncode, after.stdout) == (0, "(True, 2)"), after.stderr
    assert _fixed(tmp_path / "pkg" / "deps" / "m.py").new is None


def test_a_module_beside_such_a_copy_that_can_take_absolute_import_gets_the_top_level_six(tmp_path):
    # the same module without the import absolute_import would change: its rewrites all import the top-level six
    code = PAVER.replace("try:\n    import win32security\nexcept ImportError:\n    win32security = None\n", "")
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/deps/__init__.py": "", "pkg/deps/six.py": _old_six('"six.moves"'),
                        "pkg/deps/m.py": code})
    result = _fixed(tmp_path / "pkg" / "deps" / "m.py", everything(Policy()))  # DIRAC's future imports
    text = result.new.decode()
    assert "from __future__ import absolute_import\n" in text and "from six.moves import builtins as __builtin__\n" \
        in text and "\nimport six\n" in text and "pkg.deps" not in text
    after = _run(python27(), "pkg.deps.m", tmp_path, Path(six.__file__).parent)
    assert (after.returncode, after.stdout) == (0, "(True, 2)"), after.stderr


URLLIB = ('from urllib import quote\nfrom urlparse import urljoin\nfrom urllib2 import urlopen, HTTPError\n'
          'import urllib\nimport urlparse\nimport sys\n\n\ndef g(k):\n'
          '    return quote(k), urljoin("http://a/b", k), urllib.quote(k), urlparse.urlsplit(k).path\n\n\n'
          'sys.stdout.write(repr((g("a b"), urlopen.__name__, HTTPError.__name__)))\n')


def test_a_configured_copy_registering_moves_urllib_gets_its_from_imports_rewritten(tmp_path):
    """tryout26c #5: six 1.17.0 registers moves.urllib.parse by its class Module_six_moves_urllib, not by a
    MovedModule named parse: `from urllib import quote` was left ("lacks six.moves.urllib.parse") while
    `urllib.quote(k)` was rewritten; both import from the copy now."""
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.extern.six"\n')
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/extern/__init__.py": "", "pkg/m.py": URLLIB})
    _copy_of_six(tmp_path, "pkg/extern/six.py")
    before = _run(python27(), "pkg.m", tmp_path)
    assert before.returncode == 0, before.stderr
    result = _fixed(tmp_path / "pkg" / "m.py", replace(everything(Policy()), six="pkg.extern.six"))
    text = result.new.decode()
    for line in ("from pkg.extern.six.moves.urllib.parse import quote", "from pkg.extern.six.moves.urllib.parse "
                 "import urljoin", "from pkg.extern.six.moves.urllib.request import urlopen",
                 "from pkg.extern.six.moves.urllib.error import HTTPError", "from pkg.extern import six"):
        assert f"{line}\n" in text
    assert "six.moves.urllib.parse.quote(k)" in text and not result.left and not result.notes
    assert "import urlparse" not in text and "six.moves.urllib.parse.urlsplit(k)" in text  # its import removed
    assert result.applied["bad-python3-import"] == 4 and result.applied["deprecated-urllib-function"] == 2
    after = _run(python27(), "pkg.m", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout), after.stderr
    assert _run(sys.executable, "pkg.m", tmp_path).returncode == 0
    assert _fixed(tmp_path / "pkg" / "m.py", replace(everything(Policy()), six="pkg.extern.six")).new is None


def test_a_name_imported_from_a_module_the_copy_moves_is_the_modules_own(tmp_path):
    # `from six.moves.html_entities import codepoint2name` names Python's module's attribute, not one of six.moves:
    # the copy has it (Django 1.4.22's django/utils/html.py beside its six 1.8.0 took the top-level six for it)
    code = ('import htmlentitydefs\nfrom htmlentitydefs import codepoint2name\nimport sys\n\n\n'
            'sys.stdout.write(repr((htmlentitydefs.name2codepoint["amp"], codepoint2name[38])))\n')
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/extern/__init__.py": "", "pkg/m.py": code})
    _copy_of_six(tmp_path, "pkg/extern/six.py")
    before = _run(python27(), "pkg.m", tmp_path)
    result = _fixed(tmp_path / "pkg" / "m.py", replace(everything(Policy()), six="pkg.extern.six"))
    assert "from pkg.extern.six.moves.html_entities import codepoint2name\n" in result.new.decode()
    assert result.applied["bad-python3-import"] == 2 and not result.notes
    after = _run(python27(), "pkg.m", tmp_path)
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout) == (0, "(38, 'amp')"), after.stderr


def test_a_script_out_of_reach_of_the_configured_copy_gets_the_top_level_six(tmp_path, monkeypatch):
    """tryout27 #8: scripts/fetch.py, run as `python scripts/fetch.py` (sys.path[0] is scripts/), cannot import
    pkg.extern.six: its rewrites import the top-level six, as without the setting. A script importing pkg itself
    (pkg is importable wherever it runs) keeps the copy, as the package's modules and a script beside pkg/ do."""
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.extern.six"\n')
    fetch = 'import urllib\nprint urllib.quote("a b")\n'
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/extern/__init__.py": "", "scripts/fetch.py": fetch,
                        "scripts/uses.py": "import pkg\n" + fetch, "setup_tool.py": fetch})
    _copy_of_six(tmp_path, "pkg/extern/six.py")
    scripts, six_path = tmp_path / "scripts", six_dir(tmp_path.parent / "tools")
    runs = {"fetch": (scripts, six_path), "uses": (scripts, tmp_path), "setup_tool": (tmp_path,)}
    before = {name: _run(python27(), name, *path) for name, path in runs.items()}
    monkeypatch.chdir(tmp_path)
    assert main(["fix", "--write", "."]) == 0
    texts = {name: (path[0] / f"{name}.py").read_text() for name, path in runs.items()}
    assert "\nimport six\n" in texts["fetch"] and "pkg.extern" not in texts["fetch"], texts["fetch"]
    assert "from pkg.extern import six\n" in texts["uses"] and "from pkg.extern import six\n" in texts["setup_tool"]
    for name, path in runs.items():  # the copy only where pkg is on the path, the top-level six only for fetch
        after = _run(python27(), name, *path)
        assert (after.returncode, after.stdout) == (before[name].returncode, before[name].stdout) == (0, "a%20b\n"), \
            (texts[name], after.stderr)
    assert main(["fix", "--check", "."]) == 0  # a second run changes nothing


def test_a_module_above_whose_root_the_configured_copy_lies_has_it_read(tmp_path):
    """tryout27 #8: a script of tests/ (no package) importing pkg keeps pkg.six, read from pkg/six.py above its
    root (it was trusted unread): what the copy lacks is left with the note, and check counts it left too; one
    importing nothing of pkg gets the top-level six, which has it."""
    _package(tmp_path, {"pkg/__init__.py": "", "pkg/six.py": OLD_SIX,
                        "tests/t.py": "import pkg\n" + NEEDS_NEWER_SIX, "tests/alone.py": NEEDS_NEWER_SIX})
    plan = replace(everything(Policy()), six="pkg.six")
    result = _fixed(tmp_path / "tests" / "t.py", plan)
    assert result.notes == [LACKS.format(tmp_path / "pkg" / "six.py")] and "os-getcwdu" in {
        f.symbol for f in result.left}
    checked = check_engine.check_file(str(tmp_path / "tests" / "t.py"), check_engine.Plan(frozenset({"py3k"}),
                                                                                        six="pkg.six")).findings
    assert [f.fixable for f in checked if f.symbol == "os-getcwdu"] == [False]
    alone = _fixed(tmp_path / "tests" / "alone.py", plan)
    assert "\nimport six\n" in alone.new.decode() and "six.moves.getcwd()" in alone.new.decode() and not alone.left

"""`diracmod check` says, as ruff does, how many of its findings `diracmod fix` would rewrite (Finding.fixable,
from the catalogue's `fixable`)."""
import dataclasses
import json
from pathlib import Path

import pytest
import six

from diracmod.cli import main
from diracmod.core import catalogue

CODE = "for i in xrange(3):\n    print(unicode(i))\nfor j in xrange(2):\n    pass\n"


@pytest.fixture
def module(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "mod.py"
    path.write_text(CODE)
    return str(path)


RULES = catalogue.load().rules


def _fixable_catalogue(symbols):
    return catalogue.Catalogue([dataclasses.replace(rule, fixable=rule.symbol in symbols) for rule in RULES],
                               digest=",".join(sorted(symbols)))  # another catalogue content, another digest


def _check(module, capsys, *flags):
    code = main(["check", "--no-cache", "-j", "1", "--select", "py3k", *flags, module])
    return code, capsys.readouterr().err


def test_the_summary_counts_the_fixable_findings(module, capsys, monkeypatch):
    monkeypatch.setattr(catalogue, "load", lambda: _fixable_catalogue({"xrange-builtin"}))
    code, err = _check(module, capsys)
    assert code == 1
    assert "[*] 2 fixable with `diracmod fix`" in err.splitlines()
    monkeypatch.setattr(catalogue, "load", lambda: _fixable_catalogue({"xrange-builtin", "unicode-builtin"}))
    assert "[*] 3 fixable with `diracmod fix`" in _check(module, capsys)[1].splitlines()


def test_nothing_said_when_nothing_is_fixable_or_quiet(module, capsys, monkeypatch):
    monkeypatch.setattr(catalogue, "load", lambda: _fixable_catalogue(set()))
    code, err = _check(module, capsys)
    assert code == 1 and "finding(s) in 1 file(s)" in err and "fixable" not in err
    monkeypatch.setattr(catalogue, "load", lambda: _fixable_catalogue({"xrange-builtin"}))
    assert "fixable" not in _check(module, capsys, "-q")[1]


def test_cached_results_follow_the_catalogue(module, capsys, monkeypatch):
    """The result cache is keyed by the catalogue's digest too: a rule made fixable (same diracmod version)
    must not be read back as not fixable from results cached before."""
    monkeypatch.setattr(catalogue, "load", lambda: _fixable_catalogue({"xrange-builtin"}))
    cached = ["check", "-j", "1", "--select", "py3k", module]
    assert main(cached) == 1 and "[*] 2 fixable with `diracmod fix`" in capsys.readouterr().err.splitlines()
    monkeypatch.setattr(catalogue, "load", lambda: _fixable_catalogue({"xrange-builtin", "unicode-builtin"}))
    assert main(cached) == 1 and "[*] 3 fixable with `diracmod fix`" in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("left", [
    'raise ValueError, "not a job: " + name\n',  # old-raise-syntax-value-unknown: fix has no rewrite for it
    'exec "x = 1"\nprint x\n',  # exec calls compiled under the print_function the print statements would need
    # its functions' source read back and compiled alone, without the print_function the calls need (tryout17b #2)
    "import inspect\nsource = inspect.getsource(len)\n",
    "from inspect import getsourcelines\nsource = getsourcelines(len)\n",
    "# caf\xe9: non-ASCII without a coding line, which Python 2 cannot parse\n",
    # a print statement left by its suppression stays Python 2 syntax (tryout4 #17)
    "print name  # noqa\n",
    "print name  # pylint: disable=print-statement\n",
    # as is any Python-2-only syntax stage 1 rewrites, left by its suppression (tryout5 #13)
    'exec "y = 1"  # noqa\n',
    'def f():\n    raise ValueError, "a"  # pylint: disable=old-raise-syntax\n',
    "y = 0777  # noqa\n",
    "y = `name`, 1 <> 2  # noqa\n",
    "# pylint: disable=old-octal-literal\ny = 0777\n",
])
def test_nothing_fixable_in_a_file_fix_leaves_whole(tmp_path, capsys, left):
    """fix leaves such a file as it is (tests/fix/test_command.py, tests/fix/test_old_raise.py): its xrange is not
    fixable there (tryout2 #15: after `fix --write`, check still said "[*] N fixable")."""
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "mod.py"
    path.write_text("name = 'x'\nfor i in xrange(3):\n    print i\n" + left, encoding="utf-8")
    code, err = _check(str(path), capsys)
    assert code == 1 and "finding(s) in 1 file(s)" in err and "fixable" not in err
    assert not any(f["fixable"] for f in _json(str(path), capsys))
    assert main(["fix", "--check", str(path)]) == 1 and "left unchanged:\n  " in capsys.readouterr().err
    path.write_text("name = 'x'\nfor i in xrange(3):\n    print i\n")
    assert "[*] 2 fixable with `diracmod fix`" in _check(str(path), capsys)[1].splitlines()


def _json(path, capsys):
    main(["check", "--no-cache", "-j", "1", "--select", "py3k", "--format", "json", path])
    return json.loads(capsys.readouterr().out)


def test_nothing_fixable_beside_an_exec_statement_left_by_its_noqa(tmp_path, capsys):
    # tryout5 #13: no print statement in the file, whose exec statement stays Python 2 syntax
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "mod.py"
    path.write_text('x = xrange(3)\nif False:\n    exec "y = 1"  # noqa\n', encoding="utf-8")
    code, err = _check(str(path), capsys)
    assert code == 1 and "finding(s) in 1 file(s)" in err and "fixable" not in err
    assert main(["fix", "--check", str(path)]) == 1 and "left unchanged:\n  " in capsys.readouterr().err


OLD_SIX = '''"""six 1.2.0, as vendored by Paver 1.2.1 (paver/deps/six.py), trimmed: no moves.getcwd."""
import sys
__version__ = "1.2.0"
PY3 = sys.version_info[0] == 3


class MovedAttribute(object):
    def __init__(self, name, old_mod, new_mod, old_attr=None, new_attr=None):
        self.name = name


_moved_attributes = [MovedAttribute("reduce", "__builtin__", "functools")]
moves = None
'''


def _beside_an_old_six(tmp_path, name):
    """A package `name` of a project, holding Paver's six 1.2.0 (no six.moves.getcwd)."""
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = p\n")
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "six.py").write_text(OLD_SIX)
    return package


@pytest.mark.parametrize("use, unchanged", [
    ("import os\nPY3 = six.PY3\n_getcwd = os.getcwdu\n", "os.getcwdu"),
    ("from os import getcwdu\nPY3 = six.PY3\n_getcwd = getcwdu\n", "from os import getcwdu")],
    ids=["attribute", "from_import"])
@pytest.mark.parametrize("imports", ["import six\n", "from __future__ import absolute_import\nimport six\n"])
def test_a_rewrite_an_old_vendored_six_lacks_is_not_fixable_where_fix_leaves_it(tmp_path, capsys, imports, use,
                                                                                 unchanged):
    """tryout18b #3: beside Paver's six 1.2.0, which lacks six.moves.getcwd, fix left `os.getcwdu` with a note
    ("... lacks six.moves.getcwd") and check still counted it fixable: both read own_six's predicate now. A module
    importing six under absolute_import takes the top-level six: rewritten, and fixable. tryout20 #17: `from os
    import getcwdu` is os-getcwdu too (fixed as `from six.moves import getcwd as getcwdu`), alike."""
    path = _beside_an_old_six(tmp_path, "deps") / "path2.py"
    path.write_text(imports + use)
    found = [f for f in _json(str(path), capsys) if f["symbol"] == "os-getcwdu"]
    assert len(found) == 1
    main(["fix", "--write", "-j", "1", str(path)])
    err = capsys.readouterr().err
    left = unchanged in path.read_text()
    assert left == ("absolute_import" not in imports), path.read_text()
    assert ("lacks six.moves" in err) == left, err  # `.getcwd`, or `as a module` for a from-import
    assert found[0]["fixable"] == (not left)
    after = [f for f in _json(str(path), capsys) if f["symbol"] == "os-getcwdu"]
    assert [f["fixable"] for f in after] == ([False] if left else [])


@pytest.mark.parametrize("imports", ["import six\n", "from __future__ import absolute_import\nimport six\n"])
def test_the_translate_rewrite_an_old_vendored_six_lacks_is_not_fixable_where_fix_leaves_it(tmp_path, capsys, imports):
    """tryout26 #1: the str.translate rewrite names six.PY2, which six 1.2.0 lacks: as os-getcwdu above."""
    path = _beside_an_old_six(tmp_path, "deps") / "clean.py"
    path.write_text(imports + "PY3 = six.PY3\n\n\ndef clean(s):\n    return s.translate(None, 'a')\n")
    found = [f for f in _json(str(path), capsys) if f["symbol"] == "deprecated-str-translate-call"]
    assert len(found) == 1
    main(["fix", "--write", "-j", "1", str(path)])
    err = capsys.readouterr().err
    left = "six.PY2" not in path.read_text()
    assert left == ("absolute_import" not in imports), path.read_text()
    assert ("lacks six.PY2" in err) == left, err
    assert found[0]["fixable"] == (not left)


FOUR_ARGUMENT_HOOK = ("import __builtin__\n_o = __builtin__.__import__\n\n\n"
                      "def hook(name, g=None, l=None, f=None):\n    return _o(name, g, l, f)\n\n\n"
                      "def install():\n    __builtin__.__import__ = hook\n")


@pytest.mark.parametrize("hooked", [False, True])
def test_a_rewrite_an_old_vendored_six_lacks_is_not_fixable_where_a_hook_withholds_absolute_import(
        tmp_path, capsys, hooked):
    """tryout20 #10: beside a six lacking six.moves.getcwd, fix rewrites `os.getcwdu` with the top-level six only
    under absolute_import, which a four-argument import hook of the project (DM431) withholds: check counted it
    fixable. Both read the same absolute_import knowledge now."""
    package = _beside_an_old_six(tmp_path, "pkg")
    if hooked:
        (package / "hooks.py").write_text(FOUR_ARGUMENT_HOOK)
    path = package / "mod.py"
    path.write_text("import os\nprint type(os.getcwdu()).__name__\n")
    found = [f for f in _json(str(path), capsys) if f["symbol"] == "os-getcwdu"]
    assert [f["fixable"] for f in found] == [not hooked]
    main(["fix", "--write", "-j", "1", str(tmp_path)])
    err = capsys.readouterr().err
    assert ("os.getcwdu" in path.read_text()) == hooked, path.read_text()
    assert ("lacks six.moves.getcwd" in err) == hooked, err


@pytest.mark.parametrize("copy", ["current", "old"])
def test_a_configured_copy_is_read_alike_by_check_and_fix_for_the_urllib_rewrites(tmp_path, capsys, monkeypatch,
                                                                                   copy):
    """tryout26c #5: six 1.17.0 has six.moves.urllib (six >= 1.4: class Module_six_moves_urllib), which fix took
    for lacking in `from urllib import quote` while check counted it fixable; six 1.2.0 lacks it: both fix and
    check leave the rewrites of urllib's functions then, and fix says why."""
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod.fix]\nsix = "pkg.six"\n')
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "six.py").write_text(OLD_SIX if copy == "old" else Path(six.__file__).read_text())
    path = package / "m.py"
    path.write_text("from urllib import quote\nimport urllib\n\n\ndef g(k):\n    return quote(k), urllib.unquote(k)\n")
    monkeypatch.chdir(tmp_path)
    found = [f for f in _json("pkg/m.py", capsys) if f["symbol"] == "deprecated-urllib-function"]
    assert len(found) == 2
    main(["fix", "--write", "-j", "1", "pkg/m.py"])
    err = capsys.readouterr().err
    left = "from urllib import quote" in path.read_text()
    assert left == (copy == "old") == ("lacks six.moves.urllib.parse" in err), err
    fixed = "from pkg import six\n" in path.read_text() and "six.moves.urllib.parse.unquote(k)" in path.read_text()
    assert fixed is not left and ("from pkg.six.moves.urllib.parse import quote\n" in path.read_text()) is not left
    assert [f["fixable"] for f in found] == [not left, not left]

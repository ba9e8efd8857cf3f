"""tryout10 #6, #9, #3: the project's index of the methods its classes define (diracmod/source/project_index/)
missed classes a rewrite must not assume builtins of, each run under python2.7 before and after `fix`.

- #6: without a settings file, fixing one subpackage (`fix pkg/sub/`) indexed pkg/sub alone, not the package
  pkg/sub belongs to (its `__init__.py` says so): the index climbs through the packages to the top package's parent.
- #9: `setattr(Token, name, f)` with a computed name (a loop over names) counts as defining every watched method.
- #3: a project class defining `__contains__` (a dict subclass of another module) leaves `--unsafe`'s has_key of
  an unknown receiver (Python 2's has_key never calls `__contains__`, `in` does)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diracmod.core import config
from diracmod.source import project_index
from diracmod.fix import engine
from tests.fix.helpers import everything, python2_output


def _python2(root, script="main.py") -> str:
    return python2_output(root, script)


def _write(root, files: dict):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _fix(root, *args) -> str:
    done = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "-j", "1", *args], cwd=root,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout + done.stderr


def _check(root, path) -> list:
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json", path],
                          cwd=root, capture_output=True, text=True, timeout=300)
    return json.loads(done.stdout)


SUBPACKAGE = {
    "pkg/__init__.py": "",
    "pkg/sub/__init__.py": "",
    "pkg/other.py": ("class Token(object):\n    def encode(self, how):\n        return 'tok-' + how\n"
                     "    def keys(self):\n        return 'not-a-list'\n"),
    "pkg/sub/use.py": "def enc(t):\n    return t.encode('hex'), t.keys()\n",
    "main.py": "from pkg.other import Token\nfrom pkg.sub.use import enc\nprint enc(Token())\n",
}


def test_a_subpackage_fixed_alone_without_settings_reads_its_enclosing_package(tmp_path):
    root = tmp_path / "work"
    _write(root, SUBPACKAGE)
    before = _python2(root)
    assert before == "('tok-hex', 'not-a-list')\n"
    found = {f["symbol"]: f["fixable"] for f in _check(root, "pkg/sub/")}
    assert found == {"method-class-defined": False, "dict-not-iterating-class-defined": False}, found
    _fix(root, "pkg/sub/")
    assert (root / "pkg/sub/use.py").read_text() == SUBPACKAGE["pkg/sub/use.py"]
    assert _python2(root) == before


def test_the_index_climbs_packages_only(tmp_path):
    root = tmp_path / "work"
    _write(root, {**SUBPACKAGE, "plain/sub/__init__.py": "", "plain/sub/m.py": "x = 1\n",
                  "plain/lib.py": "class Q(object):\n    def sort(self):\n        pass\n"})
    index = project_index.for_config(config.load(root / "pkg" / "sub"), [str(root / "pkg" / "sub" / "use.py")])
    # pkg/ is the top package: work/ is read (what Python imports pkg from), plain/ too
    assert dict(index.entries) == {"encode": "pkg/other.py:2", "keys": "pkg/other.py:4", "sort": "plain/lib.py:2"}
    # plain/ holds no __init__.py: plain/sub is the top package, plain/ its parent is read, not work/
    index = project_index.for_config(config.load(root / "plain"), [str(root / "plain" / "sub")])
    assert dict(index.entries) == {"sort": "lib.py:2"}


COMPUTED = {
    "setup.cfg": "",
    "lib.py": ("class Token(object):\n    pass\n"
               "def _make(name):\n    return lambda self, *a: 'tok-%s%r' % (name, a)\n"
               "for _name in ('encode', 'keys'):\n    setattr(Token, _name, _make(_name))\n"),
    "main.py": "import lib\ndef enc(t):\n    return t.encode('hex'), t.keys()\nprint enc(lib.Token())\n",
}


def test_setattr_with_a_computed_name_counts_the_watched_names_the_file_spells(tmp_path):
    _write(tmp_path, COMPUTED)
    before = _python2(tmp_path)
    assert before == "(\"tok-encode('hex',)\", 'tok-keys()')\n"
    _fix(tmp_path, ".")
    assert "t.encode('hex'), t.keys()" in (tmp_path / "main.py").read_text()
    assert _python2(tmp_path) == before
    entries = dict(project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries)
    # the names the file spells as string literals, the loop's: not every watched one (Django's generated tests)
    assert set(entries) == {"encode", "keys"} and entries["keys"] == "lib.py:6"


def test_setattr_with_a_computed_name_on_an_instance_counts_nothing(tmp_path):
    _write(tmp_path, {"setup.cfg": "", "m.py": "class C(object):\n    def __init__(self, **kw):\n"
                      "        for k in kw:\n            setattr(self, k, kw[k])\n"})
    assert project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries == ()


CONTAINS = {
    "setup.cfg": "",
    "lib.py": ("class CIDict(dict):\n    def __setitem__(self, k, v):\n        dict.__setitem__(self, k.lower(), v)\n"
               "    def __contains__(self, k):\n        return dict.__contains__(self, k.lower())\n"),
    "main.py": ("import lib\ndef check(d, k):\n    return d.has_key(k)\n"
                "def plain(d, k):\n    return d.has_key(k)\n"
                "d = lib.CIDict()\nd['A'] = 1\nprint d.has_key('A'), check(d, 'A'), plain({'a': 1}, 'a')\n"),
}


ATTACHED = ("class CIDict(dict):\n    def __setitem__(self, k, v):\n        dict.__setitem__(self, k.lower(), v)\n"
            "def _contains(self, k):\n    return dict.__contains__(self, k.lower())\n"
            "CIDict.__contains__ = _contains\n")


@pytest.mark.parametrize("lib", [CONTAINS["lib.py"], ATTACHED], ids=["in-the-body", "attached"])
def test_has_key_of_a_parameter_is_left_where_a_project_dict_subclass_defines_contains(tmp_path, lib):
    _write(tmp_path, {**CONTAINS, "lib.py": lib})
    before = _python2(tmp_path)
    assert before == "False False True\n"
    found = {(f["line"], f["symbol"]): f["fixable"] for f in _check(tmp_path, "main.py")}
    assert found[(3, "dict-has-key-class-defined")] is False and found[(5, "dict-has-key-class-defined")] is False
    _fix(tmp_path, "--unsafe", ".")
    assert "return d.has_key(k)" in (tmp_path / "main.py").read_text()
    assert _python2(tmp_path) == before


def test_contains_of_a_class_based_on_object_alone_is_not_indexed(tmp_path):
    # its objects have no has_key at all: a has_key call is never theirs
    _write(tmp_path, {"setup.cfg": "", "m.py": "class Box(object):\n    def __contains__(self, k):\n"
                      "        return False\nclass Old:\n    def __contains__(self, k):\n        return False\n"})
    assert project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries == ()
    _write(tmp_path, {"m.py": "class D(dict):\n    def __contains__(self, k):\n        return False\n"})
    assert dict(project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries) == {"__contains__": "m.py:2"}


def test_a_file_calling_has_key_keys_its_cache_on_contains():
    index = project_index.ProjectIndex((("__contains__", "lib.py:4"),))
    assert index.context(b"x in d\n") == "" and index.context(b"d.has_key(k)\n") == "__contains__=lib.py:4"


def test_has_key_is_left_where_the_module_attaches_contains_to_its_dict_subclass(tmp_path):
    code = ATTACHED + "d = CIDict()\nd['A'] = 1\nprint d.has_key('A')\n"
    _write(tmp_path, {"m.py": code})
    before = _python2(tmp_path, "m.py")
    assert before == "False\n"
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())  # --unsafe's plan
    assert "d.has_key('A')" in result.new.decode()
    assert [f.symbol for f in result.left].count("dict-has-key-class-defined") == 1


def test_setattr_with_a_name_computed_otherwise_counts_nothing(tmp_path):
    """Django's tests/modeltests/validators/tests.py generates its test methods (`setattr(TestSimpleValidators, name,
    method)`): counting every watched method for it left most of Django's dict rewrites to a person."""
    _write(tmp_path, {"setup.cfg": "", "m.py": "class T(object):\n    pass\n"
                      "for i in range(2):\n    setattr(T, 'test_%d' % i, lambda self: i)\n"})
    assert project_index.for_config(config.load(tmp_path), [str(tmp_path)]).entries == ()

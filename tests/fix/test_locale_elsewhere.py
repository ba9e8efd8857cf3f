"""Python 2's locale.setlocale(LC_CTYPE or LC_ALL, ...) updates the string module's letters, lowercase and
uppercase for the whole process (tryout16 #13): whichever module of the program calls it, usually its main
module, `string.letters` -> `string.ascii_letters` in a library module changes what Python 2 answers under a
single-byte locale. The project's index (diracmod/source/project_index/) records the first such call of the run,
and check leaves the constants (DM143, the reason naming that call), so fix does too."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from diracmod.cli import main
from diracmod.source import project_index

from tests.fix.helpers import project_dir, python27

TEXTUTIL = """\
import string


def isWord(w):
    return len(w) > 0 and not [c for c in w if c not in string.letters]


def upperFirst(w):
    return w[0] in string.lowercase and w[0].upper() + w[1:] or w
"""
MAIN = """\
import locale
locale.setlocale(locale.LC_ALL, 'fr_FR.ISO-8859-1')
import textutil
print textutil.isWord('caf\\xe9'), textutil.isWord('cafe'), repr(textutil.upperFirst('\\xe9t\\xe9'))
"""


def _locale(tmp_path) -> dict:
    """The environment holding a single-byte locale fr_FR.ISO-8859-1 built under tmp_path (skipped where localedef
    or its sources are missing)."""
    if shutil.which("localedef") is None:
        pytest.skip("localedef not found")
    where = tmp_path / "loc"
    where.mkdir()
    built = subprocess.run(["localedef", "-i", "fr_FR", "-f", "ISO-8859-1", str(where / "fr_FR.ISO-8859-1")],
                           capture_output=True, text=True)
    if not (where / "fr_FR.ISO-8859-1").exists():
        pytest.skip(f"localedef could not build fr_FR.ISO-8859-1: {built.stderr[-200:]}")
    return {**{k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}, "LOCPATH": str(where)}


def _run(root, env) -> str:
    proc = subprocess.run([python27(), "main.py"], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr.strip()[-200:]


def test_a_locale_another_module_sets_keeps_the_string_constants(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"textutil.py": TEXTUTIL, "main.py": MAIN})
    env = _locale(tmp_path)
    before = _run(root, env)
    assert before == "True True '\\xc9t\\xe9'\n"
    main(["check", "--no-cache", "--format", "json", "--select", "W1649", str(root / "textutil.py")])
    findings = json.loads(capsys.readouterr().out)
    assert [(f["line"], f["symbol"]) for f in findings] == [(5, "deprecated-string-function-no-equivalent"),
                                                            (9, "deprecated-string-function-no-equivalent")]
    assert all("main.py:2" in f["message"] for f in findings), findings
    main(["fix", "--write", str(root)])
    assert "string.letters" in (root / "textutil.py").read_text()
    assert "string.lowercase" in (root / "textutil.py").read_text()
    assert _run(root, env) == before


@pytest.mark.parametrize("call,sets", [
    ("locale.setlocale(locale.LC_ALL, '')", True),
    ("locale.setlocale(locale.LC_CTYPE, 'fr_FR')", True),
    ("from locale import setlocale, LC_ALL\nsetlocale(LC_ALL, '')", True),
    ("locale.setlocale(category, name)", True),  # a category not written out may be LC_CTYPE
    ("locale.setlocale(*name)", True),
    ("locale.setlocale(locale.LC_NUMERIC, 'fr_FR')", False),  # the string constants follow LC_CTYPE alone
    ("locale.setlocale(locale.LC_ALL)", False),  # a query
    ("locale.setlocale(locale.LC_ALL, None)", False),
    ("print 'setlocale is not called here'", False),
    # tryout17 #7: an imported alias, the module imported under another name, resetlocale (LC_ALL by default)
    ("from locale import setlocale as set_loc, LC_ALL\nset_loc(LC_ALL, '')", True),
    ("import locale as L\nL.setlocale(L.LC_CTYPE, 'fr_FR')", True),
    ("set_loc = locale.setlocale\nset_loc(locale.LC_ALL, '')", True),
    ("locale.resetlocale()", True),
    ("from locale import resetlocale as reset\nreset(locale.LC_CTYPE)", True),
    ("locale.resetlocale(locale.LC_NUMERIC)", False),
    ("from locale import setlocale as set_loc\nset_loc(locale.LC_ALL)", False),  # a query still
    # tryout18 #19: a reference other than a call or a plain binding (the call not seen) counts
    ("getattr(locale, 'setlocale')(locale.LC_ALL, '')", True),
    ("import functools\nset_all = functools.partial(locale.setlocale, locale.LC_ALL)", True),
    ("from functools import partial\nfrom locale import setlocale\nset_all = partial(setlocale, locale.LC_ALL)", True),
    ("getattr(locale, 'getlocale')()", False),
])
def test_the_index_records_a_call_setting_the_character_locale(tmp_path, call, sets):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "run.py").write_text("import locale\n\n\ndef start(category, name):\n    " +
                                            call.replace("\n", "\n    ") + "\n")
    index = project_index.build(str(tmp_path), (), 1_000_000)
    assert index.sets_locale == (f"app/run.py:{5 + call.count(chr(10))}" if sets else "")


MAIN_ALIASED = MAIN.replace("import locale\nlocale.setlocale(locale.LC_ALL,",
                             "import locale\nfrom locale import setlocale as set_loc\nset_loc(locale.LC_ALL,")


@pytest.mark.parametrize("call", ["from locale import setlocale as set_loc\nset_loc(locale.LC_ALL, '')",
                                  "locale.resetlocale()"])
def test_check_leaves_the_string_constants_for_an_aliased_setlocale_or_resetlocale(tmp_path, monkeypatch, capsys,
                                                                                     call):
    root = project_dir(tmp_path, monkeypatch, {"textutil.py": TEXTUTIL, "main.py": f"import locale\n{call}\n"})
    main(["check", "--no-cache", "--format", "json", "--select", "W1649", str(root / "textutil.py")])
    findings = json.loads(capsys.readouterr().out)
    assert [f["symbol"] for f in findings] == ["deprecated-string-function-no-equivalent"] * 2, findings
    assert all(f"main.py:{1 + call.count(chr(10)) + 1}" in f["message"] for f in findings), findings


def test_a_module_setting_its_locale_through_an_alias_keeps_its_own_constants(tmp_path, monkeypatch, capsys):
    """The module's own call (ModuleUses.sets_locale), read through the same names (setlocale_names)."""
    text = "from locale import setlocale as set_loc, LC_ALL\n" + TEXTUTIL + "\n\nset_loc(LC_ALL, '')\n"
    root = project_dir(tmp_path, monkeypatch, {"textutil.py": text})
    main(["check", "--no-cache", "--format", "json", "--select", "W1649", str(root / "textutil.py")])
    findings = json.loads(capsys.readouterr().out)
    assert [f["symbol"] for f in findings] == ["deprecated-string-function-no-equivalent"] * 2, findings
    assert all("the module sets" in f["message"] for f in findings), findings


_PARTIAL = "from functools import partial\nset_all = partial(locale.setlocale, locale.LC_ALL)\nset_all('fr_FR.ISO-8859-1')"
_GETATTR = "getattr(locale, 'setlocale')(locale.LC_ALL, 'fr_FR.ISO-8859-1')"


@pytest.mark.parametrize("main_py, setting", [
    (MAIN_ALIASED, None),  # tryout17 #7: `from locale import setlocale as set_loc; set_loc(LC_ALL, ...)`
    (MAIN.replace("locale.setlocale(locale.LC_ALL, 'fr_FR.ISO-8859-1')", _PARTIAL), _PARTIAL),  # tryout18 #19
    (MAIN.replace("locale.setlocale(locale.LC_ALL, 'fr_FR.ISO-8859-1')", _GETATTR), _GETATTR),
], ids=["imported-alias", "partial", "getattr"])
def test_a_locale_set_through_another_spelling_keeps_the_string_constants(tmp_path, monkeypatch, main_py, setting):
    """The setlocale call is not written out as `locale.setlocale(...)`: an alias, or a reference to it (counted as
    a setting)."""
    root = project_dir(tmp_path, monkeypatch, {"textutil.py": TEXTUTIL, "main.py": main_py})
    env = _locale(tmp_path)
    before = _run(root, env)
    assert before == "True True '\\xc9t\\xe9'\n"
    main(["fix", "--write", str(root)])
    assert "string.letters" in (root / "textutil.py").read_text()
    assert _run(root, env) == before
    if setting is not None:  # the module's own constants too (ModuleUses.sets_locale)
        (tmp_path / "own").mkdir()
        own = project_dir(tmp_path / "own", monkeypatch,
                          {"textutil.py": "import locale\n" + TEXTUTIL + "\n\n" + setting + "\n"})
        main(["fix", "--write", str(own)])
        assert "string.letters" in (own / "textutil.py").read_text()


def test_check_s_cache_keys_on_a_locale_another_module_sets(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"textutil.py": TEXTUTIL})

    def symbols():
        main(["check", "--format", "json", "--select", "W1649", str(root / "textutil.py")])
        return sorted({f["symbol"] for f in json.loads(capsys.readouterr().out)})

    for _ in range(2):  # the first run fills the cache, the second reads it
        assert symbols() == ["deprecated-string-function"]
    (root / "main.py").write_text(MAIN)
    assert symbols() == ["deprecated-string-function-no-equivalent"]
    (root / "main.py").unlink()
    assert symbols() == ["deprecated-string-function"]

"""diracmod's pycodestyle findings equal pycodestyle's own (run from the venv, its own settings discovery).

Compared as (path, line, column, code). The few deliberate differences are each asserted with the reason.
"""
import codecs
import json
import subprocess
import sys

import pytest

from bench import corpora
from bench.style_parity import run_diracmod, run_pycodestyle

DIRAC_SETUP_CFG = """[metadata]
name = DIRAC

[pycodestyle]
# E111, E114: DIRAC indents by 2 spaces; E402: scripts set up the environment before importing
max_line_length=120
ignore=E111,E114,E402
"""

PY2_MODULE = '''""" Utilities for lists (DIRAC style: 2-space indentation, 120 columns, Python 2) """
__RCSID__ = "$Id$"

import os
import sys, types
def uniqueElements(aList):
  """ doc """
  try:
    seen = set()
    return [x for x in aList if not (x in seen or seen.add(x))]
  except Exception, x:
    print "error", x
    return []
def fits():
  return "%s" % ('x' * 10) + "..............................................................................."
def tooLong():
  return "%s" % ('x' * 10) + "LONG"
import re
PATTERN = re.compile('\\d+\\.\\d+')
MULTI = """
first \\d
second \\w"""
if PATTERN == None :
    x=1 \x20\x20
    if x <> 2 :
     print >>sys.stderr, `x`
'''.replace("LONG", "." * 100)  # a line over 120 columns: E501

FILES = {
    "DIRAC/__init__.py": b"",
    "DIRAC/Core/__init__.py": b"",
    "DIRAC/Core/Utilities/List.py": PY2_MODULE.encode(),
    "DIRAC/Core/Utilities/crlf.py": PY2_MODULE.replace("\n", "\r\n").encode(),
    "DIRAC/Core/Utilities/cr_only.py": PY2_MODULE.replace("\n", "\r").encode(),
    "DIRAC/Core/Utilities/bom.py": codecs.BOM_UTF8 + PY2_MODULE.encode(),
    "DIRAC/Core/Utilities/latin1.py": ("# -*- coding: latin-1 -*-\nNAME = 'Andr\xe9'  \n"
                                       + PY2_MODULE).encode("latin-1"),
    "DIRAC/Core/Utilities/form_feed.py": ("import os\n\x0c\ndef f():\n  return os.sep  \n\x0c\n\n\n\nclass A:\n"
                                          "  x=1\n  \x0c  \n  y = 2 \n").encode(),
    "DIRAC/Core/Utilities/separators.py": "x = 1  \x1c\ny = 2\x0b\nz = '\u2028'  \nw=3\x85\n".encode(),
    "DIRAC/Core/Utilities/tabs.py": b"def f():\n\tif True:\n\t\treturn 1\n        return 2\n\tx = 1 \t\n",
    "DIRAC/Core/Utilities/no_final_newline.py": b"import os\nx=os.sep",
    "DIRAC/Core/Utilities/trailing_blank.py": b"x = 1\n\n\n",
    "DIRAC/Core/Utilities/bad_dedent.py": b"if True:\n        x = 1\n    y = 2\n",  # neither Python tokenizes it
    "DIRAC/Core/Utilities/open_string.py": b'x = """never closed\n',
    "DIRAC/Core/Utilities/open_bracket.py": b"x = (1,\n",
    "scripts/dirac-admin.py": b"#!/usr/bin/env python\nimport DIRAC\nDIRAC.initialize()\nimport os\nprint os.sep\n",
}


def _tree(root, files=FILES, setup_cfg=DIRAC_SETUP_CFG):
    (root / "setup.cfg").write_text(setup_cfg)
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return sorted(files)


def test_dirac_style_tree_with_only_setup_cfg_gives_exactly_pycodestyles_findings(tmp_path):
    files = _tree(tmp_path)
    theirs = run_pycodestyle(tmp_path, files, timeout=120)
    ours, not_checked = run_diracmod(tmp_path, files, "-j", "1", timeout=120)
    assert not_checked == {}
    assert sum(theirs.values()) > 100  # pycodestyle really ran, with the settings below
    codes = {code for _, _, _, code in theirs}
    assert {"E501", "E401", "E302", "E711", "E225", "W291", "W605", "W191", "E101", "W292", "W391", "E901"} <= codes
    assert not codes & {"E111", "E114", "E402"}  # DIRAC's ignore list applied
    assert ours == theirs


def test_the_whole_tree_from_a_subdirectory_uses_the_setup_cfg_above_as_pycodestyle_does(tmp_path):
    files = _tree(tmp_path)
    sub = tmp_path / "DIRAC" / "Core"
    inside = [name.split("DIRAC/Core/", 1)[1] for name in files if name.startswith("DIRAC/Core/")]
    theirs = run_pycodestyle(sub, inside, timeout=120)
    ours, _ = run_diracmod(sub, inside, "-j", "1", timeout=120)
    assert ours == theirs and not any(code == "E111" for *_, code in theirs)


def test_a_nested_setup_cfg_without_settings_stops_the_search_in_both_tools(tmp_path):
    files = _tree(tmp_path)
    (tmp_path / "DIRAC" / "Core" / "setup.cfg").write_text("[egg_info]\ntag_build =\n")
    inside = [name.split("DIRAC/Core/", 1)[1] for name in files if name.startswith("DIRAC/Core/")]
    theirs = run_pycodestyle(tmp_path / "DIRAC" / "Core", inside, timeout=120)
    ours, _ = run_diracmod(tmp_path / "DIRAC" / "Core", inside, "-j", "1", timeout=120)
    assert ours == theirs and any(code == "E111" for *_, code in theirs)  # pycodestyle's defaults there


def _full_run(root, files):
    """Every checker (no --select): pycodestyle findings, and the lines of our invalid-string-escape."""
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json", "-q", *files],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    findings = json.loads(proc.stdout)
    escapes = {(f["path"], f["line"]) for f in findings if f["symbol"] == "invalid-string-escape"}
    style = {(f["path"], f["line"], f["column"] + 1, f["message-id"])
             for f in findings if f["checker"] == "pycodestyle"}
    return style, escapes


def test_w605_is_left_out_of_a_full_run_only_where_invalid_string_escape_reports_the_same_line(tmp_path):
    files = _tree(tmp_path)
    theirs = set(run_pycodestyle(tmp_path, files, timeout=120))
    style, escapes = _full_run(tmp_path, files)
    assert style <= theirs
    left_out = theirs - style
    assert left_out and {code for *_, code in left_out} == {"W605"}
    assert {(path, line) for path, line, _, _ in left_out} <= escapes  # each one still reported, by us


def test_documented_differences_noqa_undecodable_and_missing_files(tmp_path):
    files = _tree(tmp_path, {
        # A bare `# noqa` hides every finding of its line, as in flake8; pycodestyle only skips the checks
        # that look at noqa (E711 does, E225 does not). `# noqa: E501` works as pycodestyle has it, plus E501.
        "noqa.py": b"x=1  # noqa\nif x == None:  # noqa: E501\n    pass\n",
        # not UTF-8 and no coding line: Python 3 cannot read it; pycodestyle falls back to latin-1,
        # diracmod reports the file as undecodable-source (it is a finding) and checks nothing else in it.
        "undecodable.py": b"x = 'caf\xe9'  \n",
    }, setup_cfg="")
    files.append("missing.py")  # pycodestyle: E902 (its I/O error); diracmod: the unreadable-file finding
    theirs = run_pycodestyle(tmp_path, files, timeout=120)
    ours, not_checked = run_diracmod(tmp_path, files, "-j", "1", timeout=120)
    assert not_checked == {"undecodable.py": "undecodable-source", "missing.py": "unreadable-file"}
    assert theirs - ours == {("noqa.py", 1, 2, "E225"): 1, ("undecodable.py", 1, 11, "W291"): 1,
                             ("missing.py", 1, 1, "E902"): 1}
    assert ours - theirs == {}


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["Django", "Paste"])
def test_corpus_findings_equal_pycodestyles_with_its_defaults(name):
    """Both from the sdist's root: its setup.cfg (no [pycodestyle]) is the root, so pycodestyle's defaults."""
    if corpora.py27() is None:
        pytest.skip("python2.7's pip is needed to download the py2-era sdists (set DIRACMOD_PY27)")
    root = corpora.fetch(name)
    files = [p.as_posix() for p in corpora.python_files(root)]
    theirs = run_pycodestyle(root, files, cache_name=name)  # computed once per pycodestyle version
    ours, not_checked = run_diracmod(root, files, "-j", "2")
    assert sum(theirs.values()) > 4000
    # Files Python 3 cannot decode: pycodestyle reads them as latin-1, diracmod reports them (see above).
    undecodable = {path for path, symbol in not_checked.items() if symbol == "undecodable-source"}
    assert set(not_checked) == undecodable
    missed = {key: n for key, n in (theirs - ours).items() if key[0] not in undecodable}
    assert missed == {} and ours - theirs == {}

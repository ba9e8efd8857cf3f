"""A module's names reach another namespace by a star import in a file that is no *.py module, and by an execfile
of the module (tryout17 #9): an installed script without extension (`#!/usr/bin/env python`, bin/tool), a doctest
text file (`>>> from consts import *`, doctest.testfile), `execfile('settings.py')` / `exec open(...).read()`. The
project index (diracmod/source/project_index/facts.py, module_reads) reads them as star importers, so fix spells
six.moves.range inline in the module rather than bind `range` at its top, where the reader would get it."""
from __future__ import annotations

import subprocess

import pytest

from diracmod.cli import main
from diracmod.source.project_index import doctests, facts, scan

from tests.fix.helpers import python27

CONSTS = "SIZES = [i for i in xrange(3)]\n\n\ndef ask():\n    return raw_input\n"
TOOL = """\
#!/usr/bin/env python
import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from consts import *
print type(range(3)).__name__, input is raw_input
"""
USAGE = """\
Usage
=====

>>> from consts import *
>>> SIZES
[0, 1, 2]
>>> type(range(2)).__name__
'list'
"""

CASES = {
    "script": ({"consts.py": CONSTS, "bin/tool": TOOL}, ["bin/tool"], "list False\n"),
    "execfile": ({"settings.py": "PORTS = [8000 + i for i in xrange(3)]\n",
                  "main.py": "execfile('settings.py')\nprint PORTS, type(range(2)).__name__\n"},
                 ["main.py"], "[8000, 8001, 8002] list\n"),
    "exec-open": ({"settings.py": "PORTS = [8000 + i for i in xrange(3)]\n",
                   "main.py": "exec open('settings.py').read()\nprint PORTS, type(range(2)).__name__\n"},
                  ["main.py"], "[8000, 8001, 8002] list\n"),
    "doctest-file": ({"consts.py": "SIZES = [i for i in xrange(3)]\n", "usage.txt": USAGE,
                      "main.py": 'import doctest\nprint doctest.testfile("usage.txt")\n'},
                     ["main.py"], "TestResults(failed=0, attempted=3)\n"),
}


def _run(root, command) -> str:
    proc = subprocess.run([python27(), "-B", *command], cwd=root, capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr.strip()[-300:]


@pytest.mark.parametrize("case", CASES)
def test_a_star_importer_that_is_no_module_keeps_python2_s_builtins(tmp_path, monkeypatch, case):
    files, command, expected = CASES[case]
    root = tmp_path / "proj"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    monkeypatch.chdir(root)
    assert _run(root, command) == expected
    main(["fix", "--write", "-j", "1", "."])
    module = next(name for name in files if name in ("consts.py", "settings.py"))
    assert "xrange" not in (root / module).read_text()  # fixed, but range spelled inline
    assert _run(root, command) == expected


def test_which_other_files_are_read_as_star_importers(tmp_path):
    texts = {"tool": TOOL, "tool2": "#!/usr/bin/python2.7 -u\nfrom consts import *\n",
             "run.sh": "#!/bin/sh\nexec python tool\n", "Makefile": "all:\n\tpython -c 'from consts import *'\n",
             "LICENSE": "from consts import *\n", "usage.txt": USAGE, "notes.rst": "Just text: from consts import *\n",
             "readme.txt": ">>> import os\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    names = sorted(name for name in texts if doctests.other_reader_name(name))
    assert names == ["LICENSE", "Makefile", "notes.rst", "readme.txt", "tool", "tool2", "usage.txt"]
    read = doctests.other_readers([str(tmp_path / name) for name in names])
    # every text file is read, for its doctest examples only (tryout18 #2 #13): notes.rst's prose is no reader
    assert sorted(path.rsplit("/", 1)[1] for path in read) == ["notes.rst", "readme.txt", "tool", "tool2", "usage.txt"]
    assert doctests.doctest_source(texts["notes.rst"].encode()) == b""
    assert facts._facts(str(tmp_path / "usage.txt"), 1_000_000, True).reads == (("consts", "*", 4),)


@pytest.mark.parametrize("line,stem", [
    ("execfile('settings.py')", "settings"),
    ("execfile(os.path.join(here, 'conf/local_settings.py'), ns)", "local_settings"),
    ('exec open("settings.py").read()', "settings"),
    ("exec(open('settings.py').read())", "settings"),
    ("exec(compile(open('settings.py').read(), 'settings.py', 'exec'))", "settings"),
    ("data = open('settings.py').read()", None),  # read, not run
    ("execfile(path)", None),  # not written out
])
def test_executed_files(line, stem):
    found = list(doctests.executed_files(line.encode() + b"\n"))
    assert found == ([(stem, scan.STAR, 1)] if stem else [])


@pytest.mark.parametrize("line,name", [
    ("exec compile(open('conf/third.inc').read(), 'third.inc', 'exec')", "conf/third.inc"),
    ("execfile('settings.conf', {'__name__': '__main__'})", "settings.conf"),
    ("execfile(os.path.join(here, 'conf', 'settings.conf'), g)", "settings.conf"),
    ("exec open(os.path.join(here, 'local.cfg'), 'rb').read()", "local.cfg"),
    ("g = runpy.run_path('k5.py', run_name='__main__')", "k5.py"),
])
def test_the_file_an_execution_names_is_its_first_argument_s(line, name):
    """tryout19 #3: the name is the last string literal of the call's first argument (the opened file's for an
    exec of open()), not the last of the line (`'exec'`: compile's mode, `'__main__'`: a globals item)."""
    assert [named for _, named, _ in doctests._executions(line.encode() + b"\n")] == [name]

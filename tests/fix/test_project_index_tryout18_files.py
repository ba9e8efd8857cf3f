"""The project index reads the files that are Python without being *.py modules for every fact it gathers, as it
reads a *.py file (tryout18 #2 #4 #13 #17 #18 #23 #24 #25; diracmod/source/project_index/doctests.py, other_readers): an
extensionless `#!` script (python, pypy, jython, the sh/python polyglot) or a CGI one (`bin/t4.cgi`), a .pyw
file, a file a project file runs by execfile whatever its name (`SConstruct`), and the examples of a doctest text
file: their star imports, the module attributes they read or assign, their setlocale calls and their
four-argument import hooks. Each case runs under python2.7 before and after `fix --write`."""
from __future__ import annotations

import pytest

from diracmod.cli import main
from diracmod.source import project_index
from diracmod.source.project_index import doctests

from tests.fix.helpers import project_dir, python2_output

CONSTS = "SIZES = [i for i in xrange(3)]\n"
PATH = "import sys, os\nsys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n"
URLLIB2 = "import urllib2\n\n\ndef get(u):\n    return urllib2.Request(u).get_full_url()\n"
STRINGIO = "import StringIO\n\n\ndef f():\n    return StringIO.StringIO('x').read()\n"
RUN = "import subprocess, sys\nfor t in {scripts!r}:\n    sys.stdout.write(subprocess.check_output([sys.executable, '-B', t]))\n"

CASES = {
    # 2: a doctest text file reads a module's attribute (DM141: the import stays)
    "doctest-attribute-reads": ({
        "pkg/__init__.py": "", "pkg/c1.py": URLLIB2, "pkg/c2.py": URLLIB2,
        "usage.txt": ">>> import pkg.c1\n>>> pkg.c1.urllib2.__name__\n'urllib2'\n>>> from pkg.c2 import urllib2\n"
                     ">>> urllib2.__name__\n'urllib2'\n",
        "main.py": "import doctest\nprint doctest.testfile('usage.txt')\n"}, "main.py",
        "TestResults(failed=0, attempted=4)\n"),
    # 13: `import*` without a space; 4: `import \` + `...     *` continued
    "doctest-star-spellings": ({
        "k3.py": CONSTS, "k7.py": CONSTS,
        "d.txt": ">>> from k3 import*\n>>> type(range(2)).__name__\n'list'\n",
        "d2.txt": ">>> from k7 import \\\n...     *\n>>> type(range(2)).__name__\n'list'\n",
        "main.py": "import doctest\nprint doctest.testfile('d.txt')\nprint doctest.testfile('d2.txt')\n"}, "main.py",
        "TestResults(failed=0, attempted=2)\nTestResults(failed=0, attempted=2)\n"),
    # 4: execfile of a path in pieces, runpy.run_path, a .cgi `#!` script, an execfile'd SConstruct without `#!`
    "executed-and-cgi": ({
        "conf/s_b.py": CONSTS, "k5.py": CONSTS, "k4.py": CONSTS, "k3.py": CONSTS,
        "bin/t4.cgi": "#!/usr/bin/env python\n" + PATH + "from k4 import *\nprint 't4', type(range(3)).__name__\n",
        "SConstruct": "# -*- mode: python -*-\nfrom k3 import *\nprint 'sc', type(range(3)).__name__\n",
        "main.py": "import os, runpy\n" + RUN.format(scripts=["bin/t4.cgi"]) +
                   "here = os.path.dirname(os.path.abspath(__file__))\ng = {}\n"
                   "execfile(os.path.join(here, 'conf', 's_b.py'), g)\n"
                   "exec \"print 'b', type(range(3)).__name__\" in g\n"
                   "execfile('SConstruct', {})\n"
                   "g = runpy.run_path('k5.py')\nexec \"print 'k5', type(range(3)).__name__\" in g\n"}, "main.py",
        "t4 list\nb list\nsc list\nk5 list\n"),
    # tryout19 #3: files run by execfile, exec of open() and exec of compile(open()) whatever their extension
    "executed-whatever-extension": ({
        "pkg/__init__.py": "", "pkg/b5.py": STRINGIO, "pkg/b6.py": STRINGIO, "pkg/b7.py": STRINGIO,
        "conf/settings.conf": "import pkg.b5\nprint pkg.b5.StringIO.__name__\n",
        "conf/other.cfg": "import pkg.b6\nprint pkg.b6.StringIO.__name__\n",
        "conf/third.inc": "import pkg.b7\nprint pkg.b7.StringIO.__name__\n",
        "main.py": "import os\nhere = os.path.dirname(os.path.abspath(__file__))\n"
                   "execfile(os.path.join(here, 'conf', 'settings.conf'))\nexec(open('conf/other.cfg').read())\n"
                   "exec compile(open('conf/third.inc').read(), 'third.inc', 'exec')\n"}, "main.py",
        "StringIO\nStringIO\nStringIO\n"),
    # 17: `#!/usr/bin/env pypy` and the sh/python polyglot
    "pypy-and-polyglot-scripts": ({
        "k2.py": CONSTS, "k3.py": CONSTS,
        "bin/t2": "#!/usr/bin/env pypy\n" + PATH + "from k2 import *\nprint 't2', type(range(3)).__name__\n",
        "bin/t3": "#!/bin/sh\n''''exec python \"$0\" \"$@\" # '''\n" + PATH +
                  "from k3 import *\nprint 't3', type(range(3)).__name__\n",
        "main.py": RUN.format(scripts=["bin/t2", "bin/t3"])}, "main.py", "t2 list\nt3 list\n"),
    # tryout19 #4: the other sh/python polyglots, `"exec" "python" "$0" "$@"` and `""":"` / exec line / `"""`
    "other-polyglot-scripts": ({
        "pkg/__init__.py": "", "pkg/b1.py": STRINGIO, "pkg/b4.py": STRINGIO,
        "bin/t5": "#!/bin/sh\n\"exec\" \"python\" \"$0\" \"$@\"\n" + PATH +
                  "import pkg.b1\nprint pkg.b1.StringIO.__name__\n",
        "bin/t6": "#!/bin/sh\n\"\"\":\"\nexec python \"$0\" \"$@\"\n\"\"\"\n" + PATH +
                  "import pkg.b4\nprint pkg.b4.StringIO.__name__\n",
        "main.py": RUN.format(scripts=["bin/t5", "bin/t6"])}, "main.py", "StringIO\nStringIO\n"),
    # 23: a .pyw file reading a module's attribute and star-importing, run by execfile
    "pyw": ({"client.py": URLLIB2, "consts.py": CONSTS,
             "gui.pyw": "import client\nfrom consts import *\nprint client.urllib2.__name__, type(range(2)).__name__\n",
             "main.py": "execfile('gui.pyw')\n"}, "main.py", "urllib2 list\n"),
    # 24: a `#!` script installing a four-argument import hook (DM431: no absolute_import anywhere)
    "script-import-hook": ({
        "mod.py": "import os\nprint 'ok', os.sep\n",
        "bin/tool": "#!/usr/bin/env python\n" + PATH + "import __builtin__\norig = __builtin__.__import__\n"
                    "def hook(name, globals=None, locals=None, fromlist=None):\n"
                    "    return orig(name, globals, locals, fromlist)\n"
                    "__builtin__.__import__ = hook\nimport mod\n"}, "bin/tool", "ok /\n"),
    # 25: a `#!` script assigning modules' attributes (DM175: raw_input and the backtick stay)
    "script-assigns-attributes": ({
        "pkg/__init__.py": "", "pkg/b1.py": "def ask(q):\n    return raw_input(q + '? ')\n",
        "pkg/b2.py": "def show(x):\n    return `x`\n",
        "bin/tool": "#!/usr/bin/env python\n" + PATH + "import pkg.b1, pkg.b2\n"
                    "pkg.b1.raw_input = lambda p: 'yes to ' + p\npkg.b2.repr = lambda x: '<patched>'\n"
                    "print pkg.b1.ask('go'), pkg.b2.show(1)\n"}, "bin/tool", "yes to go?  1\n"),
}


@pytest.mark.parametrize("case", CASES)
def test_python_files_that_are_no_py_modules_keep_python2_behaviour(tmp_path, monkeypatch, case):
    files, script, expected = CASES[case]
    root = project_dir(tmp_path, monkeypatch, files)
    assert python2_output(root, script) == expected
    main(["fix", "--write", "-j", "1", str(root)])
    assert python2_output(root, script) == expected, "Python 2 behaviour changed"


LOCALE_SETTERS = {
    "bin/tool": "#!/usr/bin/env python\nimport locale\nfrom lib import textutil\n"
                "locale.setlocale(locale.LC_ALL, '')\nprint textutil.letters()\n",
    "doc.txt": "Setup:\n\n    >>> import locale\n    >>> _ = locale.setlocale(locale.LC_ALL, '')\n",
}


@pytest.mark.parametrize("setter", LOCALE_SETTERS)
def test_a_script_or_doctest_setting_the_locale_keeps_string_letters(tmp_path, monkeypatch, setter):
    """tryout18 #18: bin/tool (or a doctest example) sets the character locale, under which the library's
    string.letters holds the locale's letters on Python 2 (DM143 leaves it; run in a single-byte locale, bin/tool
    printed 117 before fix and 52 after it)."""
    root = project_dir(tmp_path, monkeypatch, {
        "lib/__init__.py": "", "lib/textutil.py": "import string\n\n\ndef letters():\n    return len(string.letters)\n",
        setter: LOCALE_SETTERS[setter]})
    assert project_index.build(str(root), (), 1_000_000).sets_locale == setter + ":4"
    main(["fix", "--write", "-j", "1", str(root)])
    assert "string.letters" in (root / "lib/textutil.py").read_text()


def test_which_other_files_are_read(tmp_path):
    texts = {"t1": "#!/usr/bin/env pypy\n", "t2": "#!/usr/bin/jython\n", "t3": "#!/bin/sh\n''''exec python \"$0\"\n",
             "t4.cgi": "#!/usr/bin/python\n", "gui.pyw": "", "SConstruct": "from k import *\n", "usage.txt": "",
             "run": "#!/bin/sh\nexec python tool\n", "t5": "#!/bin/sh\n\"exec\" \"python\" \"$0\" \"$@\"\n",
             "t6": "#!/bin/sh\n''':'\nexec python -u \"$0\"\n'''\n", "run2": "#!/bin/sh\necho '\"exec\"'\nexec python x\n", "Makefile": "all:\n", "x.cgi": "#!/usr/bin/perl\n",
             "LICENSE": "from consts import *\n", "data.csv": "a,b\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    names = sorted(name for name in texts if doctests.other_reader_name(name))
    assert "data.csv" not in names
    read = doctests.other_readers([str(tmp_path / name) for name in names], frozenset({"SConstruct"}))
    assert sorted(path.rsplit("/", 1)[1] for path in read) == [
        "SConstruct", "gui.pyw", "t1", "t2", "t3", "t4.cgi", "t5", "t6", "usage.txt"]


def test_a_file_a_project_file_runs_is_read_whatever_its_extension(tmp_path):
    """tryout19 #3: discovery listed only the names other_reader_name accepts, so a file run by execfile named
    `settings.conf` was never among those other_readers was given; a file of that extension no project file runs
    is not read, nor one over the size limit."""
    reads = "import pkg.b1\nprint pkg.b1.StringIO.__name__\n"
    texts = {"pkg/__init__.py": "", "pkg/b1.py": STRINGIO, "main.py": "execfile('conf/settings.conf')\n",
             "conf/settings.conf": reads, "conf/unused.conf": reads.replace("StringIO", "cStringIO")}
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert project_index.build(str(tmp_path), (), 1_000_000).read_of("pkg/b1.py") == {
        "StringIO": "conf/settings.conf:2"}
    assert project_index.build(str(tmp_path), (), 40).read_of("pkg/b1.py") == {}


def test_doctest_source_keeps_the_lines_and_takes_the_prompts_off():
    text = b"Intro >>> not one\n\n  >>> from k import \\\n  ...     *\n  'out'\n  ... not code\n>>>\n>>> x = 1\n"
    source = doctests.doctest_source(text)
    assert source.split(b"\n") == [b"", b"", b"from k import \\", b"    *", b"", b"", b"", b"x = 1", b""]

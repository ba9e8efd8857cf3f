"""The run-wide project index (diracmod/source/project_index/), tryout20 #1 #2 #3 #13: a module's attribute of
UNBOUND_MODULES read by a word other than `module.NAME` keeps W1648's import (DM141) where the module's own file or a
file naming the module holds the word: a whole word of a string literal (`"StringIO urllib2".split()`: #2), a keyword
argument's name (`mock.patch.multiple('pkg.b8', urllib2=Fake)`, `vars(b9).update(urllib2=Fake)`: #13), an attribute
of a call's or a subscript's result (`sys.modules[__name__].StringIO`, `__import__(__name__).StringIO`: #3); and a
file names a module by a relative quoted name too (`importlib.import_module(".b1", "pkg")`: #1). Each spelling runs
under python2.7 before and after `fix --write`; a module no such file names is still rewritten."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main
from diracmod.source.project_index import facts
from diracmod.source.project_index.reads import _word_reads

from tests.fix.helpers import project_dir, python2_output
from tests.fix.test_linear_time import _RATIO, _growth

STRINGIO = 'import sys\nimport StringIO\n\n\ndef f():\n    return StringIO.StringIO("x").read()\n'
URLLIB2 = 'import urllib2\n\n\ndef fetch(u):\n    return urllib2.urlopen(u).read()\n'
BOTH = 'import os\nimport StringIO\nimport urllib2\n\n\ndef f():\n    return StringIO.StringIO(urllib2.__name__).read()\n'
FAKE = """\
class Fake(object):
    @staticmethod
    def urlopen(u):
        class R(object):
            def read(self):
                return "fake " + u
        return R()


class FakeS(object):
    @staticmethod
    def StringIO(x):
        return FakeS
    read = staticmethod(lambda: "fakeS")
"""
MOCK = """\
import sys


class _Multi(object):  # mock's patch.multiple: getattr of each name first, then setattr
    def __init__(self, target, kw):
        __import__(target)
        self.t, self.kw = sys.modules[target], kw

    def __enter__(self):
        self.old = dict((k, getattr(self.t, k)) for k in self.kw)
        for k, v in self.kw.items():
            setattr(self.t, k, v)

    def __exit__(self, *a):
        for k, v in self.old.items():
            setattr(self.t, k, v)


class patch(object):
    multiple = staticmethod(lambda target, **kw: _Multi(target, kw))
"""
# the spellings, each in a file of its own (a reader, or the module itself) with what it prints under python2.7
SPELLINGS = {
    # tryout20 #1: relative quoted names
    "r1.py": ('import importlib\nm = importlib.import_module(".b1", "pkg")\nprint getattr(m, "urllib2").__name__\n',
              "urllib2"),
    "pkg/r2.py": ('import sys\nimport pkg\n'
                  'print getattr(sys.modules[__name__.rsplit(".", 1)[0] + ".b2"], "StringIO").__name__\n', "StringIO"),
    "pkg/r3.py": ("m = __import__('b3', globals(), level=1)\nprint getattr(m, 'StringIO').__name__\n", "StringIO"),
    # tryout20 #2: names split off one string at run time
    "r4.py": ('from pkg import b4\nfor n in "StringIO urllib2".split():\n    print getattr(b4, n).__name__\n',
              "StringIO\nurllib2"),
    "r5.py": ("from pkg import b5\nfor n in 'os,StringIO'.split(','):\n    print getattr(b5, n).__name__\n",
              "os\nStringIO"),
    # tryout20 #3: the module's own attribute read through its module object
    "pkg/b6.py": (STRINGIO + "print sys.modules[__name__].StringIO.__name__\n", "StringIO"),
    "pkg/b7.py": (STRINGIO + "print sys.modules.get(__name__).StringIO.__name__\n", "StringIO"),
    "own.py": (STRINGIO + "print __import__(__name__).StringIO.__name__\n", "StringIO"),
    # tryout20 #13: the name as a keyword
    "r8.py": ("import mock\nfrom fakes import Fake\nfrom pkg import b8\n"
              "with mock.patch.multiple('pkg.b8', urllib2=Fake):\n    print b8.fetch('u')\n", "fake u"),
    "r9.py": ("from fakes import Fake\nfrom pkg import b9\nvars(b9).update(urllib2=Fake)\nprint b9.fetch('u')\n",
              "fake u"),
    "r10.py": ("from fakes import FakeS\nimport pkg.b10\npkg.b10.__dict__.update(dict(StringIO=FakeS))\n"
               "print pkg.b10.f()\n", "fakeS"),
}
MODULES = {"pkg/b1.py": URLLIB2, "pkg/b2.py": STRINGIO, "pkg/b3.py": STRINGIO, "pkg/b4.py": BOTH, "pkg/b5.py": BOTH,
           "pkg/b8.py": URLLIB2, "pkg/b9.py": URLLIB2, "pkg/b10.py": STRINGIO}
FIXED = [*MODULES, "pkg/b6.py", "pkg/b7.py", "own.py"]
PLAIN = "pkg/plain.py"  # imported by main.py, read by nobody: still rewritten


@pytest.fixture
def project(tmp_path, monkeypatch):
    files = {"pkg/__init__.py": "", "fakes.py": FAKE, "mock.py": MOCK, PLAIN: STRINGIO, **MODULES,
             **{name: text for name, (text, _) in SPELLINGS.items()},
             "main.py": "import pkg.plain\nprint pkg.plain.f()\n"}
    return project_dir(tmp_path, monkeypatch, files)


def _outputs(root) -> dict:
    """What python2.7 prints running each spelling (a package's module imported by its dotted name, after pkg.b2,
    which pkg/r2.py finds in sys.modules) and main.py."""
    found = {}
    for name in [*SPELLINGS, "main.py"]:
        if name.startswith("pkg/"):
            (root / "run.py").write_text(f"import pkg.b2\nimport {name[:-3].replace('/', '.')}\n")  # r2's b2
            found[name] = python2_output(root, "run.py")
        else:
            found[name] = python2_output(root, name)
    return found


def test_w1648_keeps_imports_read_by_a_word_other_than_module_dot_name(project, capsys):
    before = _outputs(project)
    assert before == {**{name: out + "\n" for name, (_, out) in SPELLINGS.items()}, "main.py": "x\n"}, before
    capsys.readouterr()
    main(["check", "--no-cache", "--format", "json", "--select", "W1648,DM141",
          *(str(project / name) for name in [*FIXED, PLAIN])])
    found = json.loads(capsys.readouterr().out)
    fixable = sorted((f["path"].rsplit("proj/", 1)[-1], f["line"]) for f in found if f["message-id"] == "W1648")
    # check counts fixable what fix rewrites, no more: b4's urllib2 (its rewrite for `urllib2.__name__` keeps the
    # name bound: `try: import urllib2`), b5's (no file reads it) and plain's StringIO
    assert fixable == [("pkg/b4.py", 3), ("pkg/b5.py", 3), (PLAIN, 2)], found
    main(["fix", "--write", *(str(project / name) for name in [*FIXED, PLAIN])])
    for name in FIXED:
        text = (project / name).read_text()
        assert "import StringIO\n" in text or "import urllib2\n" in text, (name, text)
    plain = (project / PLAIN).read_text()
    assert "import StringIO" not in plain and "six.moves" in plain, plain
    assert _outputs(project) == before, "Python 2 behaviour changed"


def test_the_words_read_and_the_modules_a_file_names(tmp_path):
    """The word reads of tryout20 #2 #3 #13 and a relative quoted name (#1); neither a code word (`import urllib2`,
    `urllib2.urlopen`, `urlparse = 1`, `f(urlparse == 1)`), a comment's unquoted word nor a triple-quoted string's
    (a docstring: mechanize 0.2.5's "that's urllib, not urllib2", whose apostrophe opens no string) reads."""
    (tmp_path / "m.py").write_text(
        "import urllib2\nx = urllib2.urlopen  # urlparse, UserDict\nurlparse = 1\nf(urlparse == 1)\n"  # 1-4
        "g = importlib.import_module('.b1', 'pkg')\n"  # 5
        "h = ' a StringIO'.split(), dict(commands=1), __import__(__name__).cStringIO, x[0] .UserList\n"  # 6
        'def f():\n    """Return a robotparser.\n\n    note that\'s urllib, not UserString).\n    """\n')
    reads = {(stem, name) for stem, name, _ in facts.module_reads(str(tmp_path / "m.py"), 1 << 20)}
    words = {"StringIO", "commands", "cStringIO", "UserList"}
    assert {(stem, name) for stem in ("m", "urllib2", "b1", "pkg") for name in words} <= reads, sorted(reads)
    assert not {name for _, name in reads} & {"urlparse", "UserDict", "robotparser", "UserString"}, sorted(reads)
    assert not {stem for stem, _ in reads} & {"", "."}, sorted(reads)


@pytest.mark.parametrize("make", [
    lambda n: b"'" + b"x StringIO " * n,  # one unclosed string's words
    lambda n: b"'''" + b"\\" * (10 * n) + b"StringIO",  # a triple-quoted string of escapes to the end
    lambda n: b"f(" + b" " * (10 * n) + b"urllib2" + b" " * (10 * n) + b"==1)",  # blanks around a word
    lambda n: b"x" + b")" * (5 * n) + b".StringIO" * n,  # attributes of a result
    lambda n: b"x = [" + b"StringIO.x, " * n + b"]\n" + b"'a' " * n,  # words in code, then many literals
    lambda n: b"'a' StringIO.x " * n,  # words in code between literals on one line
])
def test_word_reads_grow_linearly_on_hostile_bytes(make):
    """_word_reads on a long line: 4n bytes take about 4 times as long as n (a quadratic step: 16)."""
    assert _growth(make, _word_reads, 10_000) < _RATIO

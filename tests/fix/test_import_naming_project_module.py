"""W1648 in an import statement that also names a module of the project (tryout20b #9, Pysolar 0.5's
`import datetime, random, solar, time, urllib, urllib2`, solar a sibling): the project's module stays, imported
alone (futures.py makes it `from . import solar` in a package), and the standard modules Python 3 renamed are
rewritten in the same run. Before, the whole statement was left: no note in a flat project while check called
it fixable, and in a package the first run only split it and the second rewrote urllib2 (fix not idempotent)."""
from __future__ import annotations

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

SOLAR = "X = 1\n"
FLAT = """\
#!/usr/bin/env python
import datetime, urllib2, solar


def get(url):
    return urllib2.Request(url).get_full_url(), solar.X, datetime.date(2000, 1, 2).day
"""
PACKAGE = """\
import StringIO, solar
import cPickle as pickle, solar as s2
import urllib2, solar as s3


def get():
    import Queue, solar
    buf = StringIO.StringIO()
    buf.write('x')
    return (buf.getvalue(), solar.X, s2.X, s3.X, Queue.Queue().qsize(), pickle.loads(pickle.dumps(1)),
            urllib2.Request('http://h/p').get_full_url())
"""
RUN = """\
import b
from pkg import q
print b.get('http://h/x'), q.get()
"""


def _fix(*paths, check=False) -> int:
    return main(["fix", "--check" if check else "--write", "-j", "1", *map(str, paths)])


def test_the_renamed_modules_are_rewritten_in_the_same_run_as_the_project_module_stays(tmp_path, monkeypatch,
                                                                                        capsys):
    root = project_dir(tmp_path, monkeypatch, {"solar.py": SOLAR, "b.py": FLAT, "run.py": RUN,
                                               "pkg/__init__.py": "", "pkg/solar.py": SOLAR, "pkg/q.py": PACKAGE})
    before = python2_output(root, "run.py")
    assert before == "('http://h/x', 1, 2) ('x', 1, 1, 1, 0, 1, 'http://h/p')\n", before
    fixed = (root / "b.py", root / "pkg" / "q.py")
    _fix(*fixed)
    flat, package = (path.read_text() for path in fixed)
    assert "import datetime, solar\n" in flat and "six.moves.urllib.request.Request(url)" in flat, flat
    assert "urllib2" not in flat and "urllib2" not in package, package
    for line in ("from . import solar\n", "from . import solar as s2\n", "from six.moves import cPickle as pickle\n",
                 "from . import solar as s3\n", "    from . import solar\n",
                 "    from six.moves import queue as Queue\n", "    buf = six.moves.StringIO()\n"):
        assert line in package, package
    assert python2_output(root, "run.py") == before, "Python 2 behaviour changed"
    capsys.readouterr()
    assert _fix(*fixed, check=True) == 0, capsys.readouterr()  # a second run changes nothing
    assert main(["check", "--no-cache", "-j", "1", *map(str, fixed)]) in (0, 1)
    err = capsys.readouterr().err
    assert "W1648" not in err and "fixable with" not in err, err

"""A Python-2-only import in a try whose `except ImportError:` handler is the fallback of another import of that try
(`try: import simplejson as json / from urllib2 import urlopen / except ImportError: import json`, tryout23 #2):
Python 3 fails at urllib2 and runs a handler that does not bind `urlopen` again, so the name is lost. No
version-guarded fallback (diracmod/source/guards.py loses_on_python3): check reports W1648 there, fix rewrites it
to six's name (what it does for an unguarded import), and Python 2 runs as before. A handler binding the names
again (`try: import cPickle as pickle / except ImportError: import pickle`) keeps the import exempt."""
import json

import pytest

from diracmod.check import engine
from diracmod.cli import main
from diracmod.fix.engine import fix_bytes
from tests.fix.helpers import everything, python2_output

LOST = """\
try:
    import simplejson as json
    from urllib2 import urlopen, Request
except ImportError:
    import json
"""


def _w1648(path) -> list:
    plan = engine.Plan(frozenset({"py3k"}))
    return sorted((f.line, f.fixable) for f in engine.check_file(str(path), plan).findings
                  if f.symbol == "bad-python3-import")


@pytest.mark.parametrize("code,lines", [
    (LOST, [3]),
    # tryout23's case lazy: Queue beside yaml, a handler binding neither
    ("try:\n    import Queue\n    import yaml\nexcept (ImportError, AttributeError):\n    Y = 1\n", [2]),
    ("try:\n    import Queue\nexcept KeyError:\n    pass\n", [2]),  # no handler catches ImportError
    # the handler binds the name again: a version-guarded fallback
    ("try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n", []),
    ("try:\n    import cPickle as pickle\n    import yaml\nexcept ImportError:\n    import pickle\n", []),
    ("try:\n    import Queue\nexcept ImportError:\n    Queue = None\n", []),
    ("try:\n    import os, Queue\nexcept ImportError:\n    Queue = None\n", []),  # os is bound on Python 3
    # the handler leaves: nothing runs without the name (Twisted's plugin.py)
    ("def f():\n    try:\n        import cPickle\n        return cPickle\n    except ImportError:\n"
     "        import pickle\n        return pickle\n", []),
    ("try:\n    import json\n    import urllib2\nexcept ImportError:\n    raise SystemExit(\"needs json\")\n", []),
    ("try:\n    from urllib2 import urlopen\nexcept ImportError:\n    if 1:\n"
     "        from urllib.request import urlopen\n", []),
    ("try:\n    import yaml\n    from future_builtins import map\nexcept ImportError:\n    pass\n", []),  # a builtin
    ("try:\n    import yaml\n    from Tkinter import *\nexcept ImportError:\n    pass\n", []),  # not read
    ("try:\n    import yaml\n    import urllib2\nexcept ImportError:\n    from compat import *\n", []),
])
def test_a_py2_only_import_is_reported_where_the_handler_python3_runs_does_not_bind_it(tmp_path, code, lines):
    path = tmp_path / "m.py"
    path.write_text(code)
    assert _w1648(path) == [(line, True) for line in lines]


def test_an_outer_python2_block_still_holds_the_import(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("import sys\nif sys.version_info[0] == 2:\n" + "".join("    " + line + "\n"
                                                                          for line in LOST.splitlines()))
    assert _w1648(path) == []


def test_fix_rewrites_what_check_reports_and_python2_runs_alike(tmp_path, capsys):
    (tmp_path / "helper.py").write_text("X = 1\n")  # a module Python 2 imports: the try's body runs whole there
    code = ("try:\n    import helper\n    from urllib2 import urlopen, Request\n    import Queue\n"
            "except ImportError:\n    import json\n\n\n"
            "print urlopen.__name__, Request.__name__, Queue.Queue.__name__\n")
    (tmp_path / "m.py").write_text(code)
    before = python2_output(tmp_path, "m.py")
    assert before == "urlopen Request Queue\n"
    main(["check", "--no-cache", "--select", "py3k", "--format", "json", str(tmp_path / "m.py")])
    reported = sorted(f["line"] for f in json.loads(capsys.readouterr().out)
                      if f["symbol"] == "bad-python3-import" and f["fixable"])
    assert reported == [3, 4]
    assert main(["fix", "--write", str(tmp_path / "m.py")]) == 0
    fixed = (tmp_path / "m.py").read_text()
    assert "from six.moves.urllib.request import urlopen, Request\n" in fixed
    assert "urllib2" not in fixed and "import Queue\n" not in fixed
    assert python2_output(tmp_path, "m.py") == before, "Python 2 behaviour changed"
    assert fix_bytes(str(tmp_path / "m.py"), fixed.encode(), everything()).new is None  # nothing more


def test_fix_leaves_the_classic_fallback(tmp_path):
    code = "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n\nprint(pickle.dumps(1))\n"
    result = fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    assert result.new is None or b"import cPickle as pickle" in result.new

"""DM415 bad-python3-import-under-if (tryout28 #15): pylint --py3k takes every import directly under an `if` for a
version-guarded fallback, W1648 with it; an if whose test chooses nothing by the Python running it (`if url:`) runs
the import on Python 3 too. check reports it under DM415, fix rewrites it as W1648's fixer does; a real guard (a
version test, a module's presence, hasattr, an else or a try giving the name another way) stays silent."""
import textwrap

import pytest

from diracmod.check import engine
from diracmod.fix.engine import fix_bytes
from tests.fix.helpers import everything, fixed_runs_as_before, python3_output

REPRODUCER = '''\
def other(url):
    if url:
        import urllib2 as U
        return U.quote(url)

print other("c d")
'''

PROXY = '''\
import sys


class Options(object):
    proxy = "http://proxy:3128"


def fetch(options):
    if options.proxy:
        import urllib2
        return urllib2.ProxyHandler({"http": options.proxy}).proxies["http"]
    return None

print fetch(Options())
'''


def _symbols(tmp_path, code) -> list:
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(code))
    findings = engine.check_file(str(path), engine.Plan(frozenset({"py3k"}))).findings
    return sorted((f.line, f.symbol) for f in findings if "python3-import" in f.symbol)


@pytest.mark.parametrize("code, line", [(REPRODUCER, 3), (PROXY, 10)], ids=["if-url", "if-options-proxy"])
def test_import_under_a_feature_test_is_reported_and_fixed(tmp_path, code, line):
    assert _symbols(tmp_path, code) == [(line, "bad-python3-import-under-if")]  # W1648 silent, as pylint
    fixed, result, output = fixed_runs_as_before(tmp_path, code)
    assert result.applied["bad-python3-import-under-if"], fixed
    assert python3_output(tmp_path, "new.py") == (0, output), fixed


GUARDED = {
    "version-info": "if sys.version_info[0] == 2:\n    import urllib2\n",
    "six-py2": "if six.PY2:\n    import urllib2\n",
    "py2-name": "if PY2:\n    import urllib2\n",
    "hexversion-in-and": "if url and sys.hexversion < 0x3000000:\n    import urllib2\n",
    "hasattr": "if hasattr(sys, 'maxint'):\n    import urllib2\n",
    "if-else": "if url:\n    import urllib2 as U\nelse:\n    import urllib.request as U\n",
    "elif": "if url:\n    from urllib2 import urlopen\nelif data:\n    from urllib.request import urlopen\n",
    "try-around": "try:\n    if url:\n        import urllib2\nexcept ImportError:\n    urllib2 = None\n",
    "presence-flag": ("try:\n    import ssl\n    HAS_SSL = True\nexcept ImportError:\n    HAS_SSL = False\n"
                      "if HAS_SSL:\n    import httplib\n"),
    "never-runs": "if 0:\n    import urllib2\n",
}


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_a_guard_or_a_fallback_stays_silent_and_unchanged(tmp_path, name):
    code = "import sys\nimport six\nurl = data = None\n" + GUARDED[name]
    assert _symbols(tmp_path, code) == []
    assert fix_bytes(str(tmp_path / "mod.py"), code.encode(), everything()).applied.get(
        "bad-python3-import-under-if", 0) == 0


def test_a_test_of_the_platform_or_a_constant_true_is_no_python_guard(tmp_path):
    code = ("import sys\nif sys.platform == 'win32':\n    import _winreg\nif url:\n    import Queue\n"
            "if 1:\n    import cPickle\n")
    assert _symbols(tmp_path, code) == [(line, "bad-python3-import-under-if") for line in (3, 5, 7)]

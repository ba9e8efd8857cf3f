"""tryout18 #12: a loop over another module's dict whose body calls a function of that module was DM179 whatever the
function did; where the project's index reads that the function (and what it reaches of its module) only reads the
dict, the loop is a plain iteration, as the loop without the call is: no finding, and fix leaves it a view, which
Python 3 runs as Python 2 ran the list. A function changing the dict, handed the dict, or reaching the module's
namespace keeps DM179."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.suites import six_dir
from diracmod.cli import main
from tests.fix.helpers import project_dir, python2_output

CACHE = """CACHE = {1: 'a', 2: 'b'}
def show(k):
    return CACHE[k]
def lookup(k):
    if k in CACHE:
        return show(k) + CACHE.get(k, '')
class Shower(object):
    def __init__(self, k):
        self.text = CACHE[k]
def evict(k):
    del CACHE[k]
def purge(k):
    evict(k)
def size(d):
    return len(d)
def sneaky(k):
    return globals()['CACHE'].get(k)
"""

M = """import cache
from cache import CACHE, show
def b():
    return [cache.show(k) for k in cache.CACHE.keys()]
def c():
    out = []
    for k in cache.CACHE.keys():
        out.append(cache.show(k))
    return out
def d():
    return [cache.lookup(k) + cache.Shower(k).text for k in cache.CACHE.keys()]
def e():
    return sorted(show(k) for k, v in CACHE.items())
def f():
    for k in cache.CACHE.keys():
        cache.purge(k)
def g():
    for k in cache.CACHE.keys():
        cache.size(cache.CACHE)
def h():
    for k in cache.CACHE.keys():
        cache.sneaky(k)
"""

MAIN = "import m\nprint(repr((m.b(), m.c(), m.d(), m.e())))\n"


def _python3_output(root) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = str(six_dir(root))
    proc = subprocess.run([sys.executable, "-B", "main.py"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=60)
    return proc.stdout + proc.stderr[-300:]


def test_a_loop_calling_a_reading_function_of_the_dicts_module_is_an_iteration(tmp_path, monkeypatch, capsys):
    root = project_dir(tmp_path, monkeypatch, {"cache.py": CACHE, "m.py": M, "main.py": MAIN})
    main(["check", "--no-cache", "-j", "1", "--select", "py3k", "--format", "json", str(root)])
    found = json.loads(capsys.readouterr().out)
    views = sorted((item["line"], item["symbol"], item["fixable"]) for item in found
                   if item["path"].endswith("m.py") and "not-iterating" in item["symbol"])
    # show, lookup (show and the dict read), Shower (a class reading it): iterations; purge (evict changes it),
    # size (handed the dict), sneaky (globals()): DM179, left
    assert views == [(15, "dict-not-iterating-class-defined", False), (18, "dict-not-iterating-class-defined", False),
                     (21, "dict-not-iterating-class-defined", False)], views
    before = python2_output(root, "main.py")
    assert before == "(['a', 'b'], ['a', 'b'], ['aaa', 'bbb'], ['a', 'b'])\n", before
    main(["fix", "--write", "-j", "1", str(root)])
    fixed = (root / "m.py").read_text()
    assert "list(" not in fixed  # check and fix agree: nothing of the views rewritten
    assert python2_output(root, "main.py") == before
    assert _python3_output(root) == before

"""The rewrites' known limits are said in two places, each rule's rationale (`diracmod explain`) and the
README's `diracmod fix` section: the same rules in both."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from diracmod.check import engine
from diracmod.core import catalogue
from diracmod.fix import engine as engine_fix
from diracmod.rules import codemod
from diracmod.rules.fixers import FIXERS
from diracmod.source.reader import decode
from tests.fix.helpers import everything, python27

README = Path(__file__).resolve().parents[2] / "README.md"
MARK = "Known limit of the rewrite:"


def _readme_limits() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("Known limits of the rewrites", text.index("## `diracmod fix`"))
    return text[start:text.index("\n#", start)]  # to the next heading


def test_every_rule_with_a_known_limit_is_in_the_readme_list_and_nothing_else():
    rules = catalogue.load()
    limited = {rule.symbol: rule.id for rule in rules.rules if MARK in rule.rationale}
    assert limited and all(rules[symbol].fixable for symbol in limited)
    listed = dict(re.findall(r"^- `([a-z0-9-]+)` \(([A-Z]+\d+)\)", _readme_limits(), re.M))
    assert listed == limited


def test_the_readme_says_fixed_code_needs_six_on_both_interpreters():
    start = README.read_text(encoding="utf-8").split("\n## ", 1)[0]  # before the first section: the quick start
    assert "six" in start and "python2.7" in start and "Python 3" in start


def test_the_cmp_builtin_limit_is_real_and_said():
    """`(a > b) - (a < b)` is not Python 2's cmp for NaN and sets: python2.7 prints other results for the fixed
    text, so the rule's rationale and the README's list must say it."""
    code = "def order(a, b):\n    return cmp(a, b)\n"
    found = engine.analyse("m.py", decode("m.py", code.encode()), engine.Plan(checkers=frozenset({"py3k"})))
    fixed, rewrites = codemod.apply(code, found, FIXERS)
    assert rewrites == {"cmp-builtin": 1}
    driver = ("nan = float('nan')\n"
              "for a, b in [(nan, 1), ([nan], [1.0]), ((1, nan), (1, 2)), (set([1]), set([1, 2]))]:\n"
              "    try:\n        print(order(a, b))\n    except TypeError:\n        print('TypeError')\n")
    before, after = (subprocess.run([python27(), "-c", text + driver], capture_output=True, text=True,
                                    check=True).stdout.split() for text in (code, fixed))
    assert all(old != new for old, new in zip(before, after)), (before, after)
    assert MARK in catalogue.load()["cmp-builtin"].rationale
    assert "- `cmp-builtin` (W1604)" in _readme_limits()


def test_the_print_order_limit_is_real_and_said(tmp_path):
    """tryout5 #36: the print statement writes each item as it is evaluated, print() evaluates all first: an item
    that writes to stdout itself moves that output (python2.7 prints another order for the fixed text)."""
    code = ('import sys\n\n\ndef compute():\n    sys.stdout.write("computing...\\n")\n    return 42\n\n\n'
            'print "Result:", compute()\n')
    fixed = engine_fix.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything()).new.decode()
    assert 'print("Result:", compute())' in fixed
    before, after = (subprocess.run([python27(), "-c", text], capture_output=True, text=True, check=True).stdout
                     for text in (code, fixed))
    assert (before, after) == ("Result:computing...\n42\n", "computing...\nResult: 42\n")
    rationale = catalogue.load()["print-statement"].rationale
    assert MARK in rationale and "the order of\nthe output" in rationale
    item = _readme_limits().split("- `print-statement` (E1601)", 1)[1].split("\n- ", 1)[0]
    assert "the order of the output" in item and "print \"Result:\",\n  compute()" in item


def test_the_print_loop_then_bare_print_limit_is_real_and_said(tmp_path):
    """tryout14 #2: `print i,` in a loop then a bare `print`: Python 2's softspace wrote no space before the
    newline, `print(i, end=' ')` then `print()` leaves a trailing space. No hybrid spelling keeps it (the call
    cannot know what prints next): the commonest softspace case is named in the rationale and the README."""
    code = "for i in range(3):\n    print i,\nprint\n"
    fixed = engine_fix.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything()).new.decode()
    assert "print(i, end=' ')\nprint()\n" in fixed
    before, after = (subprocess.run([python27(), "-c", text], capture_output=True, text=True, check=True).stdout
                     for text in (code, fixed))
    assert (before, after) == ("0 1 2\n", "0 1 2 \n")
    rationale = catalogue.load()["print-statement"].rationale
    assert MARK in rationale and "followed by a bare `print`" in rationale and "`print()`" in rationale
    item = _readme_limits().split("- `print-statement` (E1601)", 1)[1].split("\n- ", 1)[0]
    assert "then a bare `print`" in item and "`end=' '` followed by `print()`" in item


def test_the_print_empty_end_write_limit_is_real_and_said(tmp_path):
    """tryout15 #8's side note: each `end=''` of the softspace rewrites is a write of an empty string, which
    Python 2's statement never made: the same output, seen only by a writer that records its writes."""
    code = ('class W(object):\n    def __init__(self): self.parts = []\n    def write(self, s): self.parts.append(s)\n'
            'w = W()\nprint >>w, "t\\n", 1\nprint >>w, "u\\n",\nprint w.parts\n')
    fixed = engine_fix.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything()).new.decode()
    assert "print(\"u\\n\", end='', file=w)\n" in fixed
    before, after = (subprocess.run([python27(), "-c", text], capture_output=True, text=True, check=True).stdout
                     for text in (code, fixed))
    assert (before, after) == ("['t\\n', '1', '\\n', 'u\\n']\n", "['t\\n', '', '1', '\\n', 'u\\n', '']\n")
    rationale = catalogue.load()["print-statement"].rationale
    assert MARK in rationale and "writes an empty string" in rationale
    item = _readme_limits().split("- `print-statement` (E1601)", 1)[1].split("\n- ", 1)[0]
    assert "writes an empty string" in item and "`print \"p\\n\",` -> `print(\"p\\n\", end='')`" in item


def test_the_apply_limit_is_real_and_said():
    """`f(*args)` takes any iterable where Python 2's apply raised TypeError for a dict of unknown type (a name):
    the rule's rationale and the README's list say it (tryout6 #8; a literal dict is DM115, left)."""
    code = "def f(*a):\n    return a\n\n\ndef call(args):\n    return apply(f, args)\n"
    found = engine.analyse("m.py", decode("m.py", code.encode()), engine.Plan(checkers=frozenset({"py3k"})))
    fixed, rewrites = codemod.apply(code, found, FIXERS)
    assert rewrites == {"apply-builtin": 1}
    driver = "try:\n    print(call({'x': 1}))\nexcept TypeError:\n    print('TypeError')\n"
    before, after = (subprocess.run([python27(), "-c", text + driver], capture_output=True, text=True,
                                    check=True).stdout for text in (code, fixed))
    assert (before, after) == ("TypeError\n", "('x',)\n")
    assert MARK in catalogue.load()["apply-builtin"].rationale
    assert "- `apply-builtin` (W1601)" in _readme_limits()


def test_the_reraise_frame_limit_is_real_and_said(tmp_path):
    """tryout12 #7: `raise E, V, tb` -> `six.reraise(E, V, tb)` raises from six's function: on Python 2 the
    traceback gains an entry for the reraise line (the exception and its values are the same). No hybrid spelling
    avoids it: the rule's rationale and the README's list say it."""
    from bench.suites import six_dir

    code = ("import sys\nimport traceback\n\n\ndef run():\n    try:\n        {}['k']\n    except KeyError:\n"
            "        raise ValueError, 'plain', sys.exc_info()[2]\n\n\ntry:\n    run()\nexcept ValueError as exc:\n"
            "    entries = traceback.extract_tb(sys.exc_info()[2])\n"
            "    sys.stdout.write('%r %d\\n' % (exc.args, len(entries)))\n")
    fixed = engine_fix.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything()).new.decode()
    assert "six.reraise(ValueError, ValueError('plain'), sys.exc_info()[2])" in fixed
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(six_dir(tmp_path))}
    before, after = (subprocess.run([python27(), "-c", text], capture_output=True, text=True, check=True,
                                    env=env, cwd=tmp_path).stdout.split() for text in (code, fixed))
    assert before == ["('plain',)", "2"] and after == ["('plain',)", "3"]
    assert MARK in catalogue.load()["old-raise-syntax"].rationale
    assert "- `old-raise-syntax` (E1604)" in _readme_limits()


def test_the_parameter_unpacking_limit_is_real_and_said(tmp_path):
    """tryout13 #7: Python 2 named a tuple parameter's hidden argument `.0`; the rewrite's plain parameter has a
    name, which locals() and co_varnames show (a `**locals()` call forwards it)."""
    code = "def p((a, b)):\n    return locals()\nprint sorted(p((1, 2))), p.__code__.co_varnames[0]\n"
    fixed = engine_fix.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything()).new.decode()
    before, after = (subprocess.run([python27(), "-c", text], capture_output=True, text=True, check=True).stdout
                     for text in (code, fixed))
    assert before == "['.0', 'a', 'b'] .0\n" and after != before
    rationale = catalogue.load()["parameter-unpacking"].rationale
    assert MARK in rationale and "`.0`" in rationale and "**locals()" in rationale
    item = _readme_limits().split("- `parameter-unpacking` (E1602)", 1)[1].split("\n- ", 1)[0]
    assert "`.0`" in item and "co_varnames" in item


def test_the_dict_changed_by_another_thread_limit_is_real_and_said():
    """tryout16 #12: a loop over `self.jobs.keys()` while a thread the class starts fills `self.jobs` is left as only
    iterated (Python 3 may raise "dictionary changed size during iteration"): each dict view rule and the README say
    it is not seen."""
    code = ("import threading\n\n\nclass JobCache(object):\n    def __init__(self):\n        self.jobs = {}\n\n"
            "    def feeder(self):\n        for i in range(100):\n            self.jobs[i] = 'Received'\n\n"
            "    def start(self):\n        threading.Thread(target=self.feeder).start()\n\n"
            "    def waiting(self):\n        return [k for k in self.jobs if self.jobs.get(k) == 'Waiting']\n\n"
            "    def count(self):\n        n = 0\n        for job in self.jobs.keys():\n            n += 1\n"
            "        return n\n")
    found = engine.analyse("m.py", decode("m.py", code.encode()), engine.Plan(checkers=frozenset({"py3k"})))
    assert not [f for f in found if f.line == 20], found  # the loop: no finding, so no list()
    rules = catalogue.load()
    for symbol in ("dict-keys-not-iterating", "dict-items-not-iterating", "dict-values-not-iterating"):
        assert "threading.Thread(target=...)" in rules[symbol].rationale, symbol
    assert "`dict-keys-not-iterating` & co. (W1655, W1654, W1656), loops left as only iterated" in _readme_limits()

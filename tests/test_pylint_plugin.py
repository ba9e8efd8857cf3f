"""`pylint --load-plugins=diracmod.pylint_plugin` under the current pylint release (issue 9, done-when 5)."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pylint
import pytest

from diracmod.core import catalogue
from diracmod.pylint_plugin import pylint_id

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "legacy_project"
PYLINT = [sys.executable, "-m", "pylint", "--load-plugins=diracmod.pylint_plugin", "--disable=all",
          "--enable=diracmod-py3k,diracmod", "--output-format=json", "--persistent=n"]
TIMEOUT = 300


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    copy = tmp_path_factory.mktemp("plugin") / "legacy_project"
    shutil.copytree(EXAMPLE, copy)
    return copy


def _pylint(cwd, *args):
    done = subprocess.run([*PYLINT, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def _diracmod(cwd):
    done = subprocess.run([sys.executable, "-m", "diracmod", "check", "--select", "py3k", "--format", "json",
                           "--no-cache", "-q", "."], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1, done.stderr
    return json.loads(done.stdout)


def test_the_current_pylint_is_3_or_later():
    """The point of the plugin: a pylint without the python3 checker (removed in 2.14)."""
    assert int(pylint.__version__.split(".")[0]) >= 3


def test_same_py3k_findings_as_check_on_the_bundled_example(example):
    ours = _diracmod(example)
    rules = catalogue.load()
    # a shape split off a pylint rule (old-division-unknown-operands) is pylint's rule to pylint, with its message
    expected = sorted((f["path"], f["line"], f["column"], pylint_id(rule), rule.symbol,
                       f["message"] if rule.symbol == f["symbol"] else rule.message)
                      for f in ours if f["checker"] == "py3k" for rule in [rules.pylint(f["symbol"])])
    files = sorted({f["path"] for f in ours})
    reported = _pylint(example, *files)
    got = sorted((m["path"], m["line"], m["column"], m["message-id"], m["symbol"], m["message"])
                 for m in reported if m["symbol"] != "syntax-error")
    assert got == expected
    assert {"E1601", "W1612", "W8801"} <= {message_id for _, _, _, message_id, _, _ in got}  # ours, pylint's ids
    # the bundled example has shapes fix leaves: reported by the plugin under pylint's rules, never their own
    split = {f["symbol"] for f in ours} - {symbol for *_, symbol, _ in got}
    assert split and all(rules[symbol].pylint for symbol in split)
    # the modules pylint itself cannot parse (print statements) are reported too
    assert {m["path"] for m in reported if m["symbol"] == "syntax-error"} & {path for path, *_ in got}


def test_pylint_pragmas_and_parallel_workers(tmp_path):
    (tmp_path / "a.py").write_text("x = unicode(1)\ny = unicode(2)  # pylint: disable=unicode-builtin\n"
                                   "z = d.has_key(1)  # pylint: disable=W8801\n")
    (tmp_path / "b.py").write_text("print 'py2 only'\nfor i in xrange(3): pass\n")
    got = sorted((m["path"], m["line"], m["symbol"]) for m in _pylint(tmp_path, "-j", "2", "a.py", "b.py")
                 if m["symbol"] != "syntax-error")
    assert got == [("a.py", 1, "unicode-builtin"), ("b.py", 1, "print-statement"), ("b.py", 2, "xrange-builtin")]


def test_every_py3k_rule_is_registered_under_a_pylint_id(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pylint", "--load-plugins=diracmod.pylint_plugin", "--list-msgs"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    for rule in catalogue.load().rules:
        if rule.checker == "py3k" and not rule.pylint:
            assert f":{rule.symbol} ({pylint_id(rule)})" in done.stdout
        elif rule.checker == "py3k":  # a shape split off a pylint rule is reported as that rule
            assert f":{rule.symbol} " not in done.stdout


def test_every_diracmod_py3k_rule_has_its_own_pylint_id():
    # pylint registers a message id once: two DM rules sharing their last two digits (DM101, DM401) must map
    # to two checker numbers, and a DM rule outside the mapped hundreds would raise KeyError here.
    mine = [rule for rule in catalogue.load().rules if rule.checker == "py3k" and rule.id.startswith("DM")
            and not rule.pylint]
    ids = [pylint_id(rule) for rule in mine]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 5 and i[1:].isdigit() for i in ids)

"""DM rules split off a pylint rule (their `pylint` field): the shapes of pylint's rule that `diracmod fix` leaves
for a person, reported under an id of their own, and pylint's rule to everything that names rules the pylint way:
suppressions, --select/--ignore, baselines, the pylint plugin (tests/test_pylint_plugin.py) and the comparisons
with pylint (bench/differential.py)."""
import json
import subprocess
import sys

import pytest

from bench import differential
from diracmod.check import engine
from diracmod.check.selection import Selection
from diracmod.core import catalogue
from tests import examples

PLAN = engine.Plan(frozenset({"py3k"}))
SPLIT = [rule for rule in catalogue.load().rules if rule.pylint]


def _symbols(tmp_path, code, example=catalogue.Example("")):
    path = examples.write(tmp_path / "example.py", code, example)  # the name a sibling in `beside` imports
    return [(f.line, f.symbol) for f in engine.check_file(str(path), PLAN).findings]


def test_split_rules_are_the_shapes_fix_leaves_of_a_fixable_pylint_rule():
    rules = catalogue.load()
    assert SPLIT
    for rule in SPLIT:
        pylint = rules.by_id[rule.pylint]
        assert rule.id.startswith("DM") and rule.checker == pylint.checker == "py3k", rule.id
        assert not rule.fixable and pylint.fixable, f"{rule.id}: fix rewrites {pylint.symbol}, not {rule.symbol}"
        rationale = rule.rationale.replace("\n", " ").lower()
        assert pylint.symbol in rationale and "no safe rewrite" in rationale, rule.id
        assert rules.pylint(rule.symbol) is rules.pylint(rule.id) is pylint is rules.pylint(pylint.symbol)


@pytest.mark.parametrize("rule", SPLIT, ids=[rule.symbol for rule in SPLIT])
def test_one_finding_per_spot(tmp_path, rule):
    """A bad example of the split rule: pylint's symbol is not reported there as well."""
    pylint = catalogue.load().by_id[rule.pylint]
    for example in rule.bad:
        found = _symbols(tmp_path, example.code, example)
        assert {line for line, symbol in found if symbol == rule.symbol} == set(example.lines)
        assert not {line for line, symbol in found if symbol == pylint.symbol} & set(example.lines)


@pytest.mark.parametrize("rule", SPLIT, ids=[rule.symbol for rule in SPLIT])
def test_pylints_names_suppress_the_split_rule(tmp_path, rule):
    pylint = catalogue.load().by_id[rule.pylint]
    example = rule.bad[0]
    lines = example.code.splitlines()
    for name in (pylint.symbol, pylint.id, rule.symbol, rule.id):
        for pragma in (f"# pylint: disable={name}", f"# noqa: {name}"):
            marked = "\n".join(f"{text}  {pragma}" if number in example.lines else text
                               for number, text in enumerate(lines, 1)) + "\n"
            assert not [s for _, s in _symbols(tmp_path, marked, example)
                        if s in (rule.symbol, pylint.symbol)], pragma


@pytest.mark.parametrize("rule", SPLIT, ids=[rule.symbol for rule in SPLIT])
def test_select_and_ignore_by_pylints_names(rule):
    pylint = catalogue.load().by_id[rule.pylint]
    for name in (pylint.symbol, pylint.id):
        assert Selection(select=[name]).wants(rule.id, rule.symbol, rule.checker)
        assert not Selection(ignore=[name]).wants(rule.id, rule.symbol, rule.checker)
    # the split rule's own name selects only its shapes
    assert Selection(select=[rule.symbol]).wants(rule.id, rule.symbol, rule.checker)
    assert not Selection(select=[rule.symbol]).wants(pylint.id, pylint.symbol, pylint.checker)
    assert Selection(ignore=[rule.id]).wants(pylint.id, pylint.symbol, pylint.checker)


def test_a_baseline_records_pylints_rule(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\n')
    (tmp_path / "mod.py").write_text("def half(n):\n    return n / 2\n")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=300)

    assert run("baseline", "create").returncode == 0
    entries = json.loads((tmp_path / "diracmod-baseline.json").read_text())["findings"]
    assert [(e["symbol"], e["id"]) for e in entries] == [("old-division", "W1619")]
    assert run("check", "--no-cache").returncode == 0  # the finding is the baseline's


def test_the_comparison_with_pylint_reads_pylints_symbol():
    found = {"message-id": "DM140", "symbol": "old-division-unknown-operands", "line": 2}
    assert differential._as_pylint(found) == {"message-id": "W1619", "symbol": "old-division", "line": 2}


# DM rules spanning several pylint rules: each finding names its own (Finding.split_from)
PER_FINDING = '''\
from helpers import *
a = unicode(b)
for i in xrange(3):
    pass


class Bag(object):
    def keys(self):
        return 'k'

    def iteritems(self):
        return iter(())

    def xreadlines(self):
        return ['line']

    def encode(self, codec):
        return codec


def use(d):
    k = d.keys()
    lines = d.xreadlines()
    d.encode('hex')
    return d.iteritems()
'''
PER_FINDING_SPLITS = {2: "unicode-builtin", 3: "xrange-builtin", 22: "dict-keys-not-iterating",
                      23: "xreadlines-attribute", 24: "invalid-str-codec", 25: "dict-iter-method"}


def _findings(tmp_path, code):
    path = tmp_path / "mod.py"
    path.write_text(code)
    return engine.check_file(str(path), PLAN).findings


def test_a_rule_spanning_several_pylint_rules_names_each_findings(tmp_path):
    found = {f.line: (f.symbol, f.split_from) for f in _findings(tmp_path, PER_FINDING) if f.split_from}
    assert {line: split for line, (_, split) in found.items()} == PER_FINDING_SPLITS
    assert {symbol for symbol, _ in found.values()} == {"builtin-name-unsure", "dict-not-iterating-class-defined",
                                                        "dict-iter-view-method-class-defined", "method-class-defined"}
    rules = catalogue.load()
    for symbol, split in found.values():
        assert not rules[symbol].pylint and rules.pylint(symbol, split) is rules[split]


@pytest.mark.parametrize("line", sorted(PER_FINDING_SPLITS))
def test_pylints_name_of_one_finding_hides_that_finding_only(tmp_path, line):
    pylint = catalogue.load()[PER_FINDING_SPLITS[line]]
    for name in (pylint.symbol, pylint.id):
        lines = PER_FINDING.splitlines()
        lines[line - 1] += f"  # pylint: disable={name}"
        left = {f.line for f in _findings(tmp_path, "\n".join(lines) + "\n") if f.split_from}
        assert left == set(PER_FINDING_SPLITS) - {line}, name


def test_select_and_ignore_go_by_each_findings_pylint_rule(tmp_path):
    for finding in _findings(tmp_path, PER_FINDING):
        if not finding.split_from:
            continue
        kind = (finding.msg_id, finding.symbol, finding.checker, finding.split_from)
        others = set(PER_FINDING_SPLITS.values()) - {finding.split_from}
        assert Selection(select=[finding.split_from]).wants(*kind)
        assert not Selection(ignore=[catalogue.load()[finding.split_from].id]).wants(*kind)
        assert not Selection(select=sorted(others)).wants(*kind)
        assert Selection(select=[finding.symbol]).wants(*kind)  # the DM rule's own name: all of its findings


def test_json_baselines_and_the_comparison_with_pylint_carry_the_findings_pylint_rule(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.diracmod]\nselect = ["py3k"]\n')
    (tmp_path / "mod.py").write_text(PER_FINDING)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=300)

    reported = json.loads(run("check", "--no-cache", "--format", "json").stdout)
    splits = {f["line"]: f["split-from"] for f in reported if f["split-from"]}
    assert splits == PER_FINDING_SPLITS
    compared = {f["line"]: f["symbol"] for f in map(differential._as_pylint, reported) if f["line"] in splits}
    assert compared == PER_FINDING_SPLITS
    assert run("baseline", "create").returncode == 0
    entries = json.loads((tmp_path / "diracmod-baseline.json").read_text())["findings"]
    assert set(PER_FINDING_SPLITS.values()) <= {e["symbol"] for e in entries}
    assert run("check", "--no-cache").returncode == 0


def test_a_finding_may_name_only_a_pylint_rule(tmp_path):
    found = engine._Findings(str(tmp_path / "mod.py"), [])
    with pytest.raises(ValueError):
        found.add("builtin-name-unsure", 1, 0, {"name": "x", "how": "y", "split_from": "old-division-unknown-operands"})
    with pytest.raises(ValueError):  # a split rule with its own `pylint` field
        found.add("old-division-unknown-operands", 1, 0, {"split_from": "unicode-builtin"}, 1, 1)


SPLIT_SHAPE = "class S(object):\n    def keys(self):\n        return 1\ndef f(d):\n{pragmas}    return d.keys()\n"


@pytest.mark.parametrize("pragmas, hidden", [
    # both rules disabled, one enabled again: the other's disable stands (tryout3 #5)
    (["disable=dict-keys-not-iterating,DM179", "enable=dict-keys-not-iterating"], True),
    (["disable=dict-keys-not-iterating,DM179", "enable=DM179"], True),
    # one disabled, the other enabled: the disabled one still hides it
    (["disable=DM179", "enable=dict-keys-not-iterating"], True),
    (["disable=dict-keys-not-iterating", "enable=dict-not-iterating-class-defined"], True),
    (["disable=W1655,DM179", "enable=W1655,DM179"], False),
    # groups: `all` and the checker are both rules' names; pylint's rule hides only where it is named
    (["disable=all", "enable=DM179"], False),
    (["disable=py3k", "enable=dict-not-iterating-class-defined"], False),
    (["disable=all", "enable=dict-keys-not-iterating"], True),
    (["disable=dict-keys-not-iterating", "enable=all"], False),
])
def test_a_split_finding_is_hidden_while_either_rule_is_disabled(tmp_path, pragmas, hidden):
    code = SPLIT_SHAPE.format(pragmas="".join(f"    # pylint: {p}\n" for p in pragmas))
    assert [s for _, s in _symbols(tmp_path, code)] == ([] if hidden else ["dict-not-iterating-class-defined"])


# removed-module-attribute-name-rebound on an attribute whose rule is diracmod's own (os-getcwdu, sys-exc-attribute)
# names that rule as it names pylint's (deprecated-sys-function): `# pylint: disable=`, --select and baselines
# read it as that rule
REBOUND_MODULES = '''\
import os
import sys
if len(sys.argv) > 5:
    os = sys = None
here = os.getcwdu()
kind = sys.exc_type
sys.exc_clear()
'''
REBOUND_SPLITS = {5: "os-getcwdu", 6: "sys-exc-attribute", 7: "deprecated-sys-function"}


def test_a_rebound_modules_attribute_names_the_rule_of_its_shape(tmp_path):
    found = [f for f in _findings(tmp_path, REBOUND_MODULES) if f.symbol == "removed-module-attribute-name-rebound"]
    assert {f.line: f.split_from for f in found} == REBOUND_SPLITS
    for finding in found:
        kind = (finding.msg_id, finding.symbol, finding.checker, finding.split_from)
        assert Selection(select=[catalogue.load()[finding.split_from].id]).wants(*kind)
        lines = REBOUND_MODULES.splitlines()
        lines[finding.line - 1] += f"  # pylint: disable={finding.split_from}"
        assert finding.line not in {f.line for f in _findings(tmp_path, "\n".join(lines) + "\n")
                                    if f.symbol == "removed-module-attribute-name-rebound"}

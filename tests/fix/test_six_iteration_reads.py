"""tryout18b #5: W1620's own output `six.iteritems(d)` counted as "d handed to a call" for W1655's dict-reach scan
(rules/py3k/dict_reach.py), so an iterated `d.keys()` elsewhere in the function got list() on the next `fix`: fix was
not idempotent. six's iteritems/iterkeys/itervalues/viewitems/viewkeys/viewvalues only read the dict, as
`d.iteritems()` does."""
from __future__ import annotations

import pytest

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, python2_output

SYMPY = """def build(impl_ab):
    names = set(k.upper() for k in impl_ab.keys())
    full = {}
    for k, (impl, idx) in impl_ab.iteritems():
        full[k] = idx
    return sorted(names), full

print build({'a': (1, 2), 'b': (3, 4)})
"""


def _views(code: str) -> list:
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    return [(f.symbol, f.fixable) for f in found if "not-iterating" in f.symbol]


@pytest.mark.parametrize("call", ["six.iteritems(d)", "six.iterkeys(d)", "six.itervalues(d)", "six.viewitems(d)",
                                  "six.viewkeys(d)", "six.viewvalues(d)", "iteritems(d)", "list(d.items())"])
def test_six_reading_the_dict_is_no_way_to_it(call):
    head = "import six\nfrom six import iteritems\n"
    code = f"{head}def f(d):\n    names = set(k.upper() for k in d.keys())\n    for k in {call}:\n        pass\n    return names\n"
    assert _views(code) == []
    if call.startswith("list("):
        return  # a builtin that only reads, around a reading method: read so before
    # a function of another module still counts: it may keep the dict
    kept = code.replace(call, call.replace("six.", "helper.").replace("iteritems(", "helper.iteritems("))
    assert _views("import helper\n" + kept) == [("dict-keys-not-iterating", True)]


def test_a_second_fix_changes_nothing(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(SYMPY)
    before = python2_output(tmp_path, "m.py")
    first = engine.fix_file(str(path), everything())
    assert "six.iteritems(impl_ab)" in first.new.decode() and "list(" not in first.new.decode()
    path.write_bytes(first.new)
    assert _views(SYMPY) == _views(first.new.decode()) == []
    assert engine.fix_file(str(path), everything()).new is None
    assert python2_output(tmp_path, "m.py") == before == "(['A', 'B'], {'a': 2, 'b': 4})\n"

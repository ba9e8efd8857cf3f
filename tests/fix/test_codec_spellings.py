"""tryout10 #13: a bytes-to-bytes codec named in capitals (`s.encode('HEX')`) or by keyword (`s.encode(encoding='hex')`),
which Python 2's codec lookup reads as `'hex'` and pylint's invalid-str-codec (W1646) does not: DM408
invalid-str-codec-spelled, rewritten as W1646 is (codecs.encode), W1646 still where pylint reports it."""
from __future__ import annotations

import sys

from diracmod.check import engine as check_engine
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, python27
from tests.fix.test_runtime_behaviour import _run

CODE = ("import sys\ns = 'a\\nb'\n"
        "out = [s.encode('HEX'), s.encode(encoding='hex'), s.encode('hex'), '610a62'.decode(' Hex-Codec '),\n"
        "       s.encode('hex', errors='strict'), s.encode(errors='strict', encoding='Base64'), s.encode('utf-8')]\n"
        "sys.stdout.write(repr('|'.join(x if isinstance(x, str) else x.decode('latin-1') for x in out)) + '\\n')\n")


def _found(code: str) -> list:
    found = check_engine.analyse("m.py", reader.decode("m.py", code.encode()),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    return [(f.line, f.symbol, f.fixable) for f in found if "codec" in f.symbol or "decode" in f.symbol]


def test_every_spelling_python2s_lookup_reads_is_reported_pylints_under_w1646():
    assert _found(CODE) == [(3, "invalid-str-codec-spelled", True), (3, "invalid-str-codec-spelled", True),
                            (3, "invalid-str-codec", True), (3, "invalid-str-codec-spelled", True),
                            (4, "invalid-str-codec", True), (4, "invalid-str-codec-spelled", True)]
    # not a codec Python 2 finds ('ba se64'), nor a text codec; a str literal's decode with a text codec: DM128
    assert _found("x = s.encode('ba se64'), s.encode(encoding='UTF-8'), 'ab'.decode(encoding='ascii')\n") == [
        (1, "str-literal-decode", False)]


def test_a_class_of_the_module_defining_encode_leaves_it_under_its_own_rule():
    found = check_engine.analyse("m.py", reader.decode("m.py", b"class C(object):\n    def encode(self, encoding):\n"
                                                                b"        return 1\nx = C().encode(encoding='HEX')\n"),
                                 check_engine.Plan(checkers=frozenset({"py3k"})))
    assert [(f.symbol, f.split_from, f.fixable) for f in found if f.line == 4] == [
        ("method-class-defined", "invalid-str-codec-spelled", False)]


def test_the_rewrite_runs_as_python2_ran_it_on_both_pythons(tmp_path):
    result = engine.fix_bytes(str(tmp_path / "m.py"), CODE.encode(), everything())
    fixed = result.new.decode()
    assert "codecs.encode(s, 'HEX')" in fixed and "codecs.encode(s, 'hex')" in fixed
    assert "codecs.encode(s, 'hex', 'strict')" in fixed and "codecs.encode(s, 'Base64', 'strict')" in fixed
    assert "codecs.decode('610a62', ' Hex-Codec ')" in fixed and "s.encode('utf-8')" in fixed
    assert result.applied == {"invalid-str-codec-spelled": 4, "invalid-str-codec": 2}
    before = _run(python27(), CODE, tmp_path)
    assert before == (0, "'610a62|610a62|610a62|a\\nb|610a62|YQpi\\n|a\\nb'\n")
    assert _run(python27(), fixed, tmp_path) == before
    # Python 3 given bytes where Python 2 had a str (the value's type is the porter's, as everywhere bytes meet str)
    python3 = fixed.replace("s = 'a\\nb'", "s = b'a\\nb'").replace("('610a62',", "(b'610a62',").replace(
        "s.encode('utf-8')", "s")
    assert _run(sys.executable, python3, tmp_path) == before

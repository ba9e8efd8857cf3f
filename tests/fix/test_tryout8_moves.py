"""What the eighth hostile tryout found about the rename/move rewrites and str.translate (defects 13, 14, 15):
a write or `del` of a moved or renamed module attribute rewritten onto six's proxy (or another attribute), the
reads of a patched attribute no longer seeing the patch, and a bytearray taking translate's text branch. Each
program runs under python2.7 before and after `diracmod fix` (the whole pipeline, every rule)."""
from __future__ import annotations

import sys

import pytest

from diracmod.fix import engine
from tests.fix.helpers import everything, python27
from tests.fix.test_names_fixes import findings
from tests.fix.test_runtime_behaviour import _run


def _fixed(code: str, tmp_path) -> str:
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    return code if result.new is None else result.new.decode()


# tryout8 #15: bytearray.translate(None, x) is the call Python 2 (and 3) makes for bytes; dict.fromkeys(...)
# as its table raised TypeError.
TRANSLATE = ("def clean(s):\n    return s.translate(None, 'aeiou')\n"
             "print(repr(clean('education')))\nprint(repr(clean(bytearray('education'))))\n")


def test_translate_of_a_bytearray_takes_the_bytes_branch(tmp_path):
    fixed = _fixed(TRANSLATE, tmp_path)
    assert "isinstance(s, (bytes, bytearray))" in fixed, fixed
    py27 = python27()
    before = _run(py27, TRANSLATE, tmp_path)
    assert before == (0, "'dctn'\nbytearray(b'dctn')\n")
    assert _run(py27, fixed, tmp_path) == before
    # Python 3: the bytearray branch is the same call (a bytearray's translate takes deletechars there too)
    function = fixed[:fixed.index("print(")].replace("'aeiou'", "b'aeiou'")
    assert _run(sys.executable, function + "print(repr(clean(bytearray(b'education'))))\n", tmp_path) == (
        0, "bytearray(b'dctn')\n")
    # a second run finds nothing more: the call in the (bytes, bytearray) branch is not reported
    assert "deprecated-str-translate-call" not in {f.symbol for f in findings(fixed)}
    assert engine.fix_bytes(str(tmp_path / "m.py"), fixed.encode(), everything()).new is None

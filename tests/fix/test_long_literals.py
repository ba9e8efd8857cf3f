"""E1606's rewrite of a long literal an attribute is taken on: `7L.real` -> `(7).real`, since Python 3 reads `7.real`
as the float `7.` then a name (tryout12 #13: the file was left "still Python-2-only")."""
from __future__ import annotations

from tests.fix.helpers import fixed_runs_as_before, py3k_findings

CODE = """import sys
values = [7L.real, -7L.__index__(), 0L.bit_length(), 10l .bit_length(), 0x1FL.real, 07L.real]
sys.stdout.write('%r\\n' % ([int(v) for v in values],))
"""


def test_an_attribute_of_a_long_literal_keeps_its_value(tmp_path):
    fixed, result, printed = fixed_runs_as_before(tmp_path, CODE)
    assert result.refused is None
    assert "values = [(7).real, -(7).__index__(), (0).bit_length(), 10 .bit_length(), 0x1F.real, 0o7.real]" in fixed
    assert printed == "[7, -7, 0, 4, 31, 7]\n"
    compile(fixed, "new.py", "exec")  # Python 3 reads it


def test_a_binary_long_literal_is_python2_and_loses_its_suffix(tmp_path, capsys):
    """(tryout28 #12) python2.7 reads `0b1010L` (and `0o17L`), fissix's tokenizer did not: check said DM003
    "Neither Python 2.7 nor Python 3 can parse this" and fix left the file."""
    code = ("import sys\nFLAGS = [0b1010L, 0B1l | 0b10L, 0o17L, 0b11L.real]\n"
            "sys.stdout.write('%r\\n' % ([int(v) for v in FLAGS],))\n")
    (tmp_path / "t.py").write_text(code)
    found = [row["symbol"] for row in py3k_findings(capsys, tmp_path / "t.py")]
    assert "syntax-error" not in found and found.count("long-suffix") == 5
    fixed, result, printed = fixed_runs_as_before(tmp_path, code)
    assert "FLAGS = [0b1010, 0B1 | 0b10, 0o17, 0b11.real]" in fixed and printed == "[10, 3, 15, 3]\n"
    compile(fixed, "new.py", "exec")

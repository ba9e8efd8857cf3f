"""E1606's rewrite of a long literal an attribute is taken on: `7L.real` -> `(7).real`, since Python 3 reads `7.real`
as the float `7.` then a name (tryout12 #13: the file was left "still Python-2-only")."""
from __future__ import annotations

from tests.fix.helpers import fixed_runs_as_before

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

"""Why fix leaves a file, said as precisely as check says it (tryout10b #4, #7)."""
from __future__ import annotations

from diracmod.fix.engine import fix_bytes
from tests.fix.helpers import everything


def test_a_python3_keyword_is_named_as_check_names_it():
    """tryout10b #7 (Beaker's synchronization.py): `async` as a name; fix said "invalid syntax (line 5)", check
    "`async` is a keyword in Python 3"."""
    code = b"import os\n\n\ndef wait(async=False):\n    print 'x'\n    return async\n"
    refused = fix_bytes("m.py", code, everything()).refused
    assert "`async` is a keyword in Python 3 (line 4)" in refused, refused

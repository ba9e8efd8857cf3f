"""`try: import cStringIO as sio / except ImportError: import StringIO as sio` (tryout12b #5): where fix
rewrites the try's import into six.moves' spelling of the name's reads (`sio.StringIO()` ->
`six.moves.cStringIO()`), the handler would bind a name nothing reads (a dead fallback that reads as a bug): the
whole statement becomes the try's rewritten body, when the try and the handler hold nothing else; check reports
the pair once, at the try's import (rules/py3k/moves.py's dead_fallback decides for both). Otherwise as before."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diracmod.fix import engine as engine_fix, futures
from tests.fix.helpers import everything, python2_output

IN_FUNCTION = """import struct
def utf32le(obj):
    try:
        import cStringIO as sio
    except ImportError:
        import StringIO as sio
    f = sio.StringIO()
    for c in obj:
        f.write(struct.pack('<L', ord(c)))
    return f.getvalue()
print(repr(utf32le(u'ab')))
"""
AT_TOP = """import sys
try:
    import cStringIO as sio
except ImportError:
    import StringIO as sio

f = sio.StringIO()
f.write('ab')
sys.stdout.write(repr((f.getvalue(), type(f).__name__)) + '\\n')
"""
# the same pair holding something else, or catching more: left as before (the try's import rewritten, the
# handler's a finding left for a person)
OTHERWISE = {
    "handler-holds-more": AT_TOP.replace("    import StringIO as sio\n", "    import StringIO as sio\n    X = 1\n"),
    "try-holds-more": AT_TOP.replace("    import cStringIO as sio\n", "    import cStringIO as sio\n    X = 1\n"),
    "comment": AT_TOP.replace("except ImportError:", "except ImportError:  # PyPy"),
    "more-caught": AT_TOP.replace("except ImportError:", "except (ImportError, AttributeError):"),
    "else": AT_TOP.replace("\nf = sio", "else:\n    X = 1\nf = sio"),
}


def _symbols(path) -> list:
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json", "--select",
                           "py3k", str(path)], capture_output=True, text=True, timeout=300)
    return [(f["symbol"], f["fixable"]) for f in json.loads(proc.stdout) if "import" in f["symbol"]
            and f["symbol"] != "no-absolute-import"]


@pytest.mark.parametrize("code", [IN_FUNCTION, AT_TOP], ids=["in-function", "at-top"])
def test_a_dead_fallback_pair_becomes_the_rewritten_import_alone(tmp_path, code):
    (tmp_path / "m.py").write_text(code)
    before = python2_output(tmp_path, "m.py")
    assert _symbols(tmp_path / "m.py") == [("bad-python3-import", True)]  # the pair, once, fixable
    result = engine_fix.fix_file(str(tmp_path / "m.py"), everything(futures.Policy()))
    text = result.new.decode()
    assert "try:" not in text and "ImportError" not in text and " sio" not in text, text
    assert "six.moves.cStringIO()" in text and not result.left, text
    (tmp_path / "m.py").write_text(text)
    assert python2_output(tmp_path, "m.py") == before
    assert before in ("'a\\x00\\x00\\x00b\\x00\\x00\\x00'\n", "('ab', 'StringO')\n")


@pytest.mark.parametrize("name", sorted(OTHERWISE))
def test_a_pair_holding_anything_else_is_left_as_before(tmp_path, name):
    (tmp_path / "m.py").write_text(OTHERWISE[name])
    before = python2_output(tmp_path, "m.py")
    assert ("bad-python3-import-unmoved", False) in _symbols(tmp_path / "m.py")
    result = engine_fix.fix_file(str(tmp_path / "m.py"), everything(futures.Policy()))
    text = result.new.decode()
    assert "import StringIO as sio" in text and "except" in text, text
    (tmp_path / "m.py").write_text(text)
    assert python2_output(tmp_path, "m.py") == before

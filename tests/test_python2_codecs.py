"""DM123 python2-only-codec: the codecs only Python 2 has (tryout6 #29: pylint's invalid-str-codec list lacks
them, and Python 3 raises LookupError)."""
from __future__ import annotations

import codecs
import subprocess

import pytest

from bench import corpora
from diracmod.check import engine
from diracmod.source import reader
from diracmod.source.tables import PY2_ONLY_CODECS

# python2.7's codecs, by module name, that its own lookup finds
PY2_CODECS = """
import encodings, os, pkgutil, codecs
for _, name, _ in pkgutil.iter_modules([os.path.dirname(encodings.__file__)]):
    try:
        codecs.lookup(name)
    except (LookupError, AttributeError, ImportError):
        continue
    print(name)
"""


def _findings(code: str) -> list:
    found = engine.analyse("m.py", reader.decode("m.py", code.encode()), engine.Plan(checkers=frozenset({"py3k"})))
    return [(f.line, f.symbol) for f in found if f.symbol in ("python2-only-codec", "invalid-str-codec")]


def _python3_has(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


@pytest.mark.skipif(corpora.py27() is None, reason="python2.7 is needed (DIRACMOD_PY27)")
def test_the_table_is_python2s_codecs_that_python3_lacks():
    names = subprocess.run([corpora.py27(), "-c", PY2_CODECS], capture_output=True, text=True, check=True).stdout
    assert {name for name in names.split() if not _python3_has(name)} == PY2_ONLY_CODECS


def test_each_spelling_the_lookup_accepts_is_reported():
    code = ('a = "x".encode("string_escape")\nb = "x".decode("String-Escape")\nc = s.encode(" string escape ")\n'
            'd = open("f", encoding="unicode_internal")\ne = s.decode("hex")\nf = s.encode("utf-8")\n')
    assert _findings(code) == [(1, "python2-only-codec"), (2, "python2-only-codec"), (3, "python2-only-codec"),
                               (4, "python2-only-codec"), (5, "invalid-str-codec")]

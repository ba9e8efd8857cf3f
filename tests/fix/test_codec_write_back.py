"""A file whose coding declaration names a codec Python 2 reads the file with but that cannot write the fixed text back
so that Python reads the same text (tryout10 #12: `# -*- coding: idna -*-` ended in "internal error: UnicodeError:
label too long"): fix leaves the file with a plain reason, and check does not count its findings fixable."""
from __future__ import annotations

import codecs
import json
import subprocess

import pytest

from diracmod.check import engine as check_engine
from diracmod.cli import main
from diracmod.fix import engine
from diracmod.source import reader
from tests.fix.helpers import everything, python27

IDNA = b"# -*- coding: idna -*-\nprint 7 / 2\n"


def _fixable(path, capsys) -> list:
    main(["check", "--no-cache", "-j", "1", "--format", "json", str(path)])
    return [f["symbol"] for f in json.loads(capsys.readouterr().out) if f["fixable"]]


def test_an_idna_file_is_left_with_the_reason_not_an_internal_error(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "c_idna.py"
    path.write_bytes(IDNA)
    before = subprocess.run([python27(), str(path)], capture_output=True, text=True, check=True).stdout
    assert before == "3\n"
    code = main(["fix", "--write", "-j", "1", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "internal error" not in err
    assert "cannot write the fixed text back in its encoding idna" in err and "too long" in err
    assert path.read_bytes() == IDNA
    assert subprocess.run([python27(), str(path)], capture_output=True, text=True, check=True).stdout == before
    assert _fixable(path, capsys) == []  # check and fix agree: nothing of it is fixable


class _Swapping(codecs.Codec):
    """A codec that reads as latin-1 but writes `(` as `[`: its encode does not round-trip."""

    def encode(self, text, errors="strict"):
        return text.replace("(", "[").encode("latin-1", errors), len(text)

    def decode(self, data, errors="strict"):
        return bytes(data).decode("latin-1", errors), len(data)


def _lookup(name):
    if name == "m10swap":
        return codecs.CodecInfo(_Swapping().encode, _Swapping().decode, name="m10swap")
    return None


@pytest.fixture
def swapping():
    codecs.register(_lookup)
    yield
    codecs.unregister(_lookup)


def test_a_codec_whose_encode_does_not_read_back_leaves_the_file(swapping):
    """The general class: whatever the codec, the bytes to write must read back as the fixed text."""
    data = b"# -*- coding: m10swap -*-\nprint 7 / 2\n"
    src = reader.decode("m.py", data)
    assert src.encoding == "m10swap"
    result = engine.fix_bytes("m.py", data, everything())
    assert result.new is None and result.symbol is None
    assert "cannot write the fixed text back in its encoding m10swap" in result.refused
    found = check_engine.analyse("m.py", src, check_engine.Plan(checkers=frozenset({"py3k"})))
    assert {f.symbol for f in found} >= {"print-statement", "old-division"} and not any(f.fixable for f in found)


@pytest.mark.parametrize("cookie", ["utf-8", "latin-1", "euc-jp", "utf-7"])
def test_codecs_that_write_back_are_still_fixed(cookie):
    data = f"# -*- coding: {cookie} -*-\nprint 7 / 2\n".encode(cookie)
    result = engine.fix_bytes("m.py", data, everything())
    assert result.refused is None and b"print(" in result.new
    found = check_engine.analyse("m.py", reader.decode("m.py", data), check_engine.Plan(checkers=frozenset({"py3k"})))
    assert any(f.fixable for f in found)


def test_the_bytes_written_must_read_back_whatever_the_fixed_text_holds(swapping):
    """The last guard, on the bytes to write: a character the file's codec lacks (a latin-1 file), or one the codec
    writes as another, leaves the file with the reason."""
    latin = reader.decode("m.py", b"# -*- coding: latin-1 -*-\nx = 1\n")
    with pytest.raises(engine.NotWritable, match="encoding iso-8859-1: .*can't encode character"):
        engine._encode("# -*- coding: latin-1 -*-\nx = '\u20ac'\n", latin, "\n")
    swap = reader.decode("m.py", b"# -*- coding: m10swap -*-\nx = 1\n")
    with pytest.raises(engine.NotWritable, match="encoding m10swap: its bytes would read back as other text"):
        engine._encode("# -*- coding: m10swap -*-\nprint(1)\n", swap, "\n")
    assert engine._encode("# -*- coding: m10swap -*-\nx = 2\n", swap, "\r\n") == (
        b"# -*- coding: m10swap -*-\r\nx = 2\r\n")

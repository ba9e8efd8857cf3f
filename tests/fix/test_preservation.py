"""A fixed file keeps what is not the rewrite's business: encoding and its coding line, BOM, CRLF, its own
indentation, every comment, its mode bits; and a second run changes nothing."""
from __future__ import annotations

import dataclasses
import os
import stat

import pytest

from diracmod.cli import main
from diracmod.fix.engine import fix_bytes, fix_file
from tests.fix.helpers import everything


def _fixed(path) -> bytes:
    result = fix_file(str(path), everything())
    assert result.refused is None and result.new is not None
    return result.new


def _idempotent(path, data: bytes):
    path.write_bytes(data)
    again = fix_file(str(path), everything())
    assert (again.new, again.refused) == (None, None)


CASES = {
    "latin-1 with its cookie": (
        "# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\nprint NAME\n".encode("latin-1"),
        "# -*- coding: latin-1 -*-\nfrom __future__ import print_function\n\nNAME = 'caf\xe9'\nprint(NAME)\n"
        .encode("latin-1")),
    "utf-8 BOM": (
        b"\xef\xbb\xbfNAME = u'caf\xc3\xa9'\nprint NAME\n",
        b"\xef\xbb\xbffrom __future__ import print_function\n\nNAME = u'caf\xc3\xa9'\nprint(NAME)\n"),
    "CRLF": (
        b"import os\r\nprint os.sep\r\nfor i in xrange(2):\r\n  pass\r\n",
        b"from __future__ import print_function\r\n\r\nimport os\r\nfrom six.moves import range\r\n\r\n"
        b"print(os.sep)\r\nfor i in range(2):\r\n  pass\r\n"),
    # a file mixing line endings is written with its first line's throughout, as black writes it (tryout2 #19)
    "CRLF first, LF after": (
        b"import os\r\nprint os.sep\nx = 1\n",
        b"from __future__ import print_function\r\n\r\nimport os\r\nprint(os.sep)\r\nx = 1\r\n"),
    "LF first, CRLF after": (
        b"import os\nprint os.sep\r\nx = 1\r\n",
        b"from __future__ import print_function\n\nimport os\nprint(os.sep)\nx = 1\n"),
    # an old Mac file: a lone CR ends a line for both Pythons (tryout4 #3: reported unparsable, left)
    "CR": (
        b"import os\rprint os.sep\rfor i in xrange(2):\r  pass\r",
        b"from __future__ import print_function\r\rimport os\rfrom six.moves import range\r\r"
        b"print(os.sep)\rfor i in range(2):\r  pass\r"),
    # a lone CR among CRLF or LF lines ends its line too, written with the first line's ending (tryout11 #3: fissix's
    # "ParseError: bad token: type=58")
    "CRLF first, a lone CR after": (
        b"x = 1\r\nprint x\rprint 2\n",
        b"from __future__ import print_function\r\n\r\nx = 1\r\nprint(x)\r\nprint(2)\r\n"),
    "LF first, a lone CR after": (
        b"x = 1\nprint x\rprint 2\n",
        b"from __future__ import print_function\n\nx = 1\nprint(x)\nprint(2)\n"),
    # stage 1's print_function goes below them; the print call kept them too (the comments doubled: refused)
    "comments above the first print statement": (
        b"#!/usr/bin/env python\n# c\nprint 'a'\n",
        b"#!/usr/bin/env python\n# c\nfrom __future__ import print_function\n\nprint('a')\n"),
    "2-space indent and comments": (
        b"# head\ndef f(a):  # why\n  # inside\n  if a <> 1:  # compare\n    return 0755L  # mode\n",
        b"# head\ndef f(a):  # why\n  # inside\n  if a != 1:  # compare\n    return 0o755  # mode\n"),
    # a page break before a def, at module level and in a class (libcst alone would drop it)
    "form feeds in indentation": (
        b"import os\n\x0c\ndef f():\n    return xrange(3)\n\x0cdef g():\n    return os.sep\n"
        b"class A(object):\n    pass\n\x0c    def h(self):\n        return xrange(2)\n",
        b"import os\nfrom six.moves import range\n\x0c\ndef f():\n    return range(3)\n"
        b"\x0cdef g():\n    return os.sep\n"
        b"class A(object):\n    pass\n\x0c    def h(self):\n        return range(2)\n"),
    # a comment beside an argument the rewrite moves or removes stays inside the call (tryout3 #8, #9)
    "comments beside moved string arguments": (
        b'import string\nx = string.join(["a"],  # words\n                "-")\n'
        b'y = string.upper("x"  # up\n    )\nz = string.replace("aa",  # s\n    "a", "b",  # end\n)\n',
        b'import string\nx = "-".join(["a"]  # words\n                )\n'
        b'y = "x".upper(  # up\n    )\nz = "aa".replace(  # s\n    "a", "b"  # end\n)\n'),
    "line breaks without comments stay where they were": (
        b"import string\nx = 5\nisinstance(x, (str,\n               int, long,\n               float))\n"
        b"y = string.join([],\n                '-')\nz = apply(max,\n          (1, 2))\n",
        b"import string\nimport six\n\nx = 5\nisinstance(x, (six.integer_types,\n               str,\n"
        b"               float))\ny = '-'.join([])\nz = max(*(1, 2))\n"),
    "comments in apply()": (
        b"x = apply(max,  # f\n          (1, 2)  # args\n          )\n",
        b"x = max(  # f\n          *(1, 2)  # args\n          )\n"),
    "comments in isinstance's classes": (
        b"x = 5\nisinstance(x, (int,  # ints\n               long))\n"
        b"isinstance(x, (int,  # a\n               long, float))\nisinstance(x, (basestring  # text\n    ))\n",
        b"import six\n\nx = 5\nisinstance(x, (six.integer_types  # ints\n               ))\n"
        b"isinstance(x, (six.integer_types, float  # a\n               ))\n"
        b"isinstance(x, (six.string_types  # text\n    ))\n"),
}


@pytest.mark.parametrize("name", CASES)
def test_kept_byte_for_byte_outside_the_rewrite(tmp_path, name):
    before, expected = CASES[name]
    path = tmp_path / "m.py"
    path.write_bytes(before)
    assert _fixed(path) == expected
    _idempotent(path, expected)


def test_write_keeps_mode_bits_and_replaces_through_a_symlink(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod.fix]\nfuture-imports = []\n")
    target = tmp_path / "real.py"
    target.write_bytes(b"x = 0755\n")
    target.chmod(0o751)
    os.symlink("real.py", tmp_path / "link.py")
    assert main(["fix", "--write", "link.py"]) == 0
    assert os.path.islink(tmp_path / "link.py")
    assert target.read_bytes() == b"x = 0o755\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o751
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("indent", ["  ", None])
def test_blocks_built_in_a_module_without_any_use_the_configured_indent_size(indent):
    """No block of its own to follow: pycodestyle's indent-size (DIRAC's 2), else libcst's four (tryout2 #19)."""
    code = b"import urllib2\nx = urllib2.__version__\n"
    new = fix_bytes("m.py", code, dataclasses.replace(everything(), indent=indent)).new.decode()
    assert f"try:\n{indent or '    '}import urllib2\nexcept ImportError:\n{indent or '    '}import urllib.request" in new
    own = b"import urllib2\nx = urllib2.__version__\nif x:\n\tx = 1\n"  # its own tab wins
    new = fix_bytes("m.py", own, dataclasses.replace(everything(), indent="  ")).new.decode()
    assert "try:\n\timport urllib2\n" in new


@pytest.mark.parametrize("where, text", [("pyproject.toml", "[tool.diracmod.pycodestyle]\nindent-size = 2\n"),
                                         ("setup.cfg", "[pycodestyle]\nindent-size = 2\n")])
def test_the_command_reads_indent_size_from_the_project(tmp_path, monkeypatch, capsys, where, text):
    monkeypatch.chdir(tmp_path)
    (tmp_path / where).write_text(text)
    (tmp_path / "m.py").write_text("import urllib2\nx = urllib2.__version__\n")
    assert main(["fix", "--write", "m.py"]) == 0
    assert "try:\n  import urllib2\n" in (tmp_path / "m.py").read_text()


def test_a_lone_cr_among_crlf_lines_runs_as_before_on_python2(tmp_path):
    """tryout11 #3: the file python2.7 ran (a lone CR ends `print x`'s line) is fixed, and runs the same."""
    import subprocess

    from tests.fix.helpers import python27
    python = python27()
    path = tmp_path / "mixed.py"
    path.write_bytes(b"x = 1\r\nprint x\rprint 2\n")
    before = subprocess.run([python, str(path)], capture_output=True, timeout=60)
    assert (before.returncode, before.stdout) == (0, b"1\n2\n")
    path.write_bytes(_fixed(path))
    after = subprocess.run([python, str(path)], capture_output=True, timeout=60)
    assert (after.returncode, after.stdout) == (0, b"1\n2\n")

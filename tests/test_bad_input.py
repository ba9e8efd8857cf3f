"""Bad input gets a clear finding, the documented exit code, no traceback - and the run goes on."""
import json
import os
import re
import subprocess
import sys

import pytest

from diracmod.source import py2syntax, reader
from tests.fix.helpers import python27

GOOD = "import os\n"


def _tree(tmp_path):
    files = {
        "undecodable.py": b"x = '\xff\xfe caf\xe9'\n",
        "nul.py": b"x = 1\n\x00\x00\n",
        "tabs.py": b"if True:\n        x = 1\n\ty = 2\n",
        "both_bad.py": b"def f(:\n    print 'x'\n",
        "empty.py": b"",
        "latin1.py": "# -*- coding: latin-1 -*-\nname = 'caf\u00e9'\n".encode("latin-1"),
        "bom_crlf.py": b"\xef\xbb\xbfimport os\r\nprint 'x'\r\n",
        "cr_only.py": b"x = 1\rprint x\r",  # an old Mac file, which python2.7 runs (tryout4 #3)
        "huge.py": (b"x = '" + b"a" * 1000 + b"'\n") * (10 * 1024 + 1),  # 10 MB of generated data
        "ok.py": GOOD.encode(),
        "unreadable.py": GOOD.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    os.chmod(tmp_path / "unreadable.py", 0)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self_loop.py").symlink_to(tmp_path / "self_loop.py")
    (tmp_path / "vanished.py").symlink_to(tmp_path / "nowhere.py")  # unreadable even for root
    return tmp_path


def _check(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--no-cache", "--format", "json", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 files (vanished.py covers unreadable files)")
def test_unreadable_file_is_reported(tmp_path):
    _tree(tmp_path)
    _, findings, _ = _check(".", cwd=tmp_path)
    assert any(f["path"] == "unreadable.py" and f["symbol"] == "unreadable-file" for f in findings)


def test_every_bad_input_gets_a_clear_finding_and_the_rest_is_checked(tmp_path):
    _tree(tmp_path)
    code, findings, _ = _check(".", cwd=tmp_path)
    assert code == 1
    by_path = {}
    for f in findings:
        by_path.setdefault(f["path"], set()).add(f["symbol"])
    assert "undecodable-source" in by_path["undecodable.py"]
    assert "binary-file" in by_path["nul.py"]
    assert "python3-syntax-error" in by_path["tabs.py"]  # Python 2 accepts the tab, Python 3 does not
    assert "syntax-error" in by_path["both_bad.py"]
    assert "empty.py" not in by_path  # empty is fine
    assert "undecodable-source" not in by_path.get("latin1.py", set())
    assert "print-statement" in by_path["bom_crlf.py"]  # decoded through the BOM, CRLF kept working
    assert by_path["cr_only.py"] == {"print-statement"}  # a lone CR ends a line for both Pythons
    assert "file-too-large" in by_path["huge.py"]
    assert "no-absolute-import" in by_path["ok.py"]  # the good file is still checked
    assert "unreadable-file" in by_path["self_loop.py"]
    assert "unreadable-file" in by_path["vanished.py"]
    loop_messages = [f["message"] for f in findings if f["symbol"] == "unreadable-file" and "loop" in f["path"]]
    assert loop_messages and "symlink loop" in loop_messages[0]
    # every finding reads as a sentence with a location, never a Python error dump
    assert all(f["line"] >= 1 and f["message"] and "Traceback" not in f["message"] for f in findings)


def test_bad_input_is_reported_even_when_not_selected(tmp_path):
    _tree(tmp_path)
    _, findings, _ = _check("--select", "W1612", "nul.py", "both_bad.py", "ok.py", cwd=tmp_path)
    assert {f["symbol"] for f in findings} == {"binary-file", "syntax-error"}


def test_big_file_is_checked_when_the_limit_allows(tmp_path):
    _tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod]\nmax-file-size = 20\n")
    _, findings, _ = _check("--select", "py3k", "huge.py", cwd=tmp_path)
    assert findings == []


def test_missing_path_is_a_finding_not_a_crash(tmp_path):
    (tmp_path / "ok.py").write_text(GOOD)
    code, findings, _ = _check("nowhere", "ok.py", cwd=tmp_path)
    assert code == 1
    assert [f["path"] for f in findings if f["symbol"] == "unreadable-file"] == ["nowhere"]
    assert any(f["path"] == "ok.py" for f in findings)


def test_usage_errors_exit_2_with_a_hint(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "--select", "no-such-rule", "."],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and "diracmod rules" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod]\nmax-file-size = 'big'\n")
    proc = subprocess.run([sys.executable, "-m", "diracmod", "check", "."],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and "max-file-size" in proc.stderr and "Traceback" not in proc.stderr


def test_a_crash_in_diracmod_becomes_a_finding_for_that_file(tmp_path, monkeypatch):
    from diracmod.check import engine

    def broken(*args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(engine, "analyse", broken)
    (tmp_path / "a.py").write_text(GOOD)
    [finding] = engine.check_file(str(tmp_path / "a.py"), engine.Plan(frozenset({"py3k"}))).findings
    assert finding.symbol == "internal-error" and "ZeroDivisionError: boom" in finding.message


def test_a_cr_only_file_s_coding_line_is_read_as_python_reads_it():
    # tryout5 #10: the cookie's line ran to the end of the file, which then did not decode as UTF-8
    src = reader.decode("m5.py", b'# coding: latin-1\rprint "\xe9"\r')
    assert (src.encoding, src.text, src.cookie) == ("iso-8859-1", '# coding: latin-1\rprint "\u00e9"\r', True)


def test_a_coding_line_too_late_to_count_is_named_not_called_missing():
    # tryout8 #16: Python reads a coding declaration on line 1 or 2 only; the file has one, on line 3
    with pytest.raises(reader.SourceError) as raised:
        reader.decode("late.py", b'\n\n# -*- coding: latin-1 -*-\ns = "\xe9"\nprint len(s)\n')
    detail = raised.value.detail["detail"]
    assert "the coding line on line 3 is ignored: it must be on line 1 or 2" in detail and "no coding" not in detail
    with pytest.raises(reader.SourceError) as raised:
        reader.decode("none.py", b'x = 1\ny = 2\ns = "\xe9"\n')
    assert "no coding line" in raised.value.detail["detail"]


@pytest.mark.parametrize("codec", ["rot13", "hex", "base64", "zlib", "bz2", "uu", "punycode", "undefined"])
def test_a_coding_line_naming_a_non_text_codec_is_a_finding_not_a_crash(tmp_path, codec):
    """Python itself refuses these files ("encoding problem"): a finding for that file, the run goes on."""
    (tmp_path / "odd.py").write_bytes(f"# -*- coding: {codec} -*-\nx = 1\n".encode())
    (tmp_path / "ok.py").write_text(GOOD)
    code, findings, _ = _check(".", cwd=tmp_path)
    assert code == 1
    assert [f["symbol"] for f in findings if f["path"] == "odd.py"] == ["undecodable-source"]
    assert any(f["path"] == "ok.py" for f in findings)
    assert all("\n" not in f["message"] for f in findings)


@pytest.mark.parametrize("size,limit,shown", [
    (350, 200, ("0.00035", "0.0002")),  # tryout19 #16: max-file-size = 0.0002 said "larger than 0.0 MB"
    (2_100, 1_000, ("0.0021", "0.001")),
    (7_340_000, 5_000_000, ("7.3", "5")),
    (3_000_000, 2_500_000, ("3.0", "2.5")),
])
def test_a_file_over_the_limit_says_the_limit_as_set(tmp_path, size, limit, shown):
    (tmp_path / "big.py").write_bytes(b"#" * (size - 1) + b"\n")
    with pytest.raises(reader.SourceError) as raised:
        reader.read_regular(str(tmp_path / "big.py"), limit)
    assert (raised.value.detail["size"], raised.value.detail["limit"]) == shown
    assert reader.describe(raised.value) == f"larger than {shown[1]} MB"


COMMENT_NOT_UTF8 = b'# -*- coding: utf-8 -*-\n# caf\xe9 cr\xc3\xa8me \xe9\nx = 1\n'


def test_bytes_not_in_the_declared_coding_are_placed_and_the_way_out_named(tmp_path):
    # tryout20b #4: fix said only "invalid continuation byte at byte 1071" (icalendar's latin-1 comment under a utf-8
    # coding line); check and fix now give the line and column, that it is a comment, and what to do
    (tmp_path / "c.py").write_bytes(COMMENT_NOT_UTF8)
    code, findings, _ = _check(".", cwd=tmp_path)
    [finding] = [f for f in findings if f["symbol"] == "undecodable-source"]
    fixed = subprocess.run([sys.executable, "-m", "diracmod", "fix", "c.py"], cwd=tmp_path, capture_output=True,
                           text=True)
    [left] = [line for line in (fixed.stdout + fixed.stderr).splitlines() if line.strip().startswith("c.py:")]
    for said in (finding["message"], left):
        assert "line 2, column 6 (byte 29)" in said and "a comment" in said and "as its coding line says" in said
        assert "re-save the file as utf-8" in said and "`# -*- coding: latin-1 -*-`" in said
    assert finding["line"] == 2 and fixed.returncode != 0 and (tmp_path / "c.py").read_bytes() == COMMENT_NOT_UTF8
    # the column counts characters: the second bad byte comes after `è`, two bytes in UTF-8
    with pytest.raises(reader.SourceError) as raised:
        reader.decode("s.py", b'# coding: utf-8\ns = "cr\xc3\xa8me \xe9"\n')
    assert "line 2, column 12 (byte 28)" in raised.value.detail["detail"]
    assert "a comment" not in raised.value.detail["detail"]


@pytest.mark.parametrize("data,line,real", [
    (b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", 1, "ascii"),
    (b"\xef\xbb\xbf#!/usr/bin/env python\n# -*- coding: iso-8859-15 -*-\nx = 'caf\xe9'\n", 2, "not utf-8"),
    (b"\xef\xbb\xbf# coding: latin-1\nx = 'caf\xc3\xa9'\n", 1, "utf-8"),
])
def test_a_bom_under_a_coding_line_saying_another_encoding_says_so_and_the_way_out(tmp_path, data, line, real):
    # tryout21 #8: check and fix said only "encoding problem: utf-8"; Python 2 refuses such a file as well
    # ("SyntaxError: encoding problem: iso-8859-1 with BOM")
    from tests.fix.helpers import python27
    (tmp_path / "b.py").write_bytes(data)
    python2 = subprocess.run([python27(), "-B", "b.py"], cwd=tmp_path, capture_output=True, text=True)
    assert python2.returncode == 1 and "with BOM" in python2.stderr, python2.stderr
    code, findings, _ = _check(".", cwd=tmp_path)
    [finding] = [f for f in findings if f["symbol"] == "undecodable-source"]
    fixed = subprocess.run([sys.executable, "-m", "diracmod", "fix", "b.py"], cwd=tmp_path, capture_output=True,
                           text=True)
    [left] = [said for said in (fixed.stdout + fixed.stderr).splitlines() if said.strip().startswith("b.py:")]
    declared = "latin-1" if line == 1 else "iso-8859-15"
    for said in (finding["message"], left):
        assert f"the file starts with a UTF-8 BOM but its coding line (line {line}) says {declared}" in said, said
        assert "Python 2 refuses it too" in said and "remove one of the two" in said, said
        assert {"ascii": "its bytes are ASCII: either will do", "not utf-8": "its bytes are not UTF-8: remove the BOM",
                "utf-8": "its bytes read as UTF-8: remove the coding line"}[real] in said, said
    assert finding["line"] == line and fixed.returncode != 0 and (tmp_path / "b.py").read_bytes() == data


@pytest.mark.parametrize("data,line,words", [
    # tryout24 #4: fix said only "invalid or missing encoding declaration" (tokenize's words for a first or second
    # line that is not UTF-8), for a latin-1 file and a UTF-16 one alike
    (b'print "caf\xe9"\n', 1, ("(0xe9) at line 1, column 11 (byte 10)", "no coding line: add `# -*- coding: latin-1")),
    (b'#!/usr/bin/env python\nx = "\xff"\n', 2, ("(0xff) at line 2, column 6", "no coding line")),
    (b"\xff\xfep\x00r\x00i\x00n\x00t\x00 \x001\x00\n\x00", 1, ("Python 2 cannot read UTF-16 source: save it as UTF-8",)),
    (b"\xfe\xff\x00p\x00=\x001\x00\n", 1, ("Python 2 cannot read UTF-16 source: save it as UTF-8",)),
    (b"i\x00m\x00p\x00o\x00r\x00t\x00 \x00o\x00s\x00\n\x00", 1, ("Python 2 cannot read UTF-16 source",)),
])
def test_a_file_not_utf8_without_a_coding_line_is_placed_and_the_way_out_named_by_check_and_fix(tmp_path, data, line,
                                                                                                   words):
    (tmp_path / "n.py").write_bytes(data)
    code, findings, _ = _check(".", cwd=tmp_path)
    [finding] = [f for f in findings if f["symbol"] == "undecodable-source"]
    fixed = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "-j", "1", "n.py"], cwd=tmp_path,
                           capture_output=True, text=True)
    [left] = [said for said in (fixed.stdout + fixed.stderr).splitlines() if said.strip().startswith("n.py:")]
    for said in (finding["message"], left):
        assert all(word in said for word in words), said
        assert "invalid or missing encoding declaration" not in said, said
    assert finding["line"] == line and fixed.returncode != 0 and (tmp_path / "n.py").read_bytes() == data


def test_nul_bytes_not_in_a_utf16_pattern_stay_a_binary_file():
    with pytest.raises(reader.SourceError) as raised:
        reader.decode("b.py", b"x = 1\n\x00\x00\n")
    assert raised.value.symbol == "binary-file" and raised.value.line == 2


UNFINISHED_HEADERS = [  # tryout26 #3: fissix's scan for future imports stops on them (was "internal error", exit 3)
    b'"""abc\n', b'# c\n"""abc\nx = 1\n', b"'''doc\n\ndef f():\n  pass\n", b'r"""abc\n', b'"doc" \\\n',
    b'"""doc"""\nfrom __future__ import (division,\n', b"from __future__ import (\n", b'"""a"""\n"""b\n',
    b'#!/bin/sh\n"""\n', b'\xef\xbb\xbf"""abc\n', b'x = 1\n"""abc\n',
]


def test_an_unfinished_string_or_bracket_in_the_header_is_a_syntax_error_for_check_and_fix(tmp_path):
    for number, data in enumerate(UNFINISHED_HEADERS):
        (tmp_path / f"u{number}.py").write_bytes(data)
    _, findings, _ = _check(".", cwd=tmp_path)
    fixed = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "-j", "1", "."], cwd=tmp_path,
                           capture_output=True, text=True)
    assert fixed.returncode == 1 and "Traceback" not in fixed.stderr, fixed.stdout + fixed.stderr
    neither = "Neither Python 2.7 nor Python 3 can parse this"
    for number, data in enumerate(UNFINISHED_HEADERS):
        name = f"u{number}.py"
        said = {f["symbol"]: f["message"] for f in findings if f["path"].endswith(name)}
        assert "internal-error" not in said and neither in said["syntax-error"], (data, said)
        [left] = [line for line in (fixed.stdout + fixed.stderr).splitlines() if line.strip().startswith(name)]
        assert neither in left and "internal error" not in left, left
        assert (tmp_path / name).read_bytes() == data


UNTERMINATED_STRINGS = [  # tryout27 #11: (file, the line the string starts on)
    (b'x = "abc\nprint x\n', 1), (b'x = ")\n', 1), (b'x = r"\\"\n', 1), (b'# coding: latin-1\ns = "\xe9\n', 2),
    (b'\xef\xbb\xbfx = "\n', 1), (b'x = u"abc\n', 1), (b'x = f("abc, 1)\n', 1), (b'def f():\n    return "a\n', 2),
    (b'x = "abc\\\ny\n', 1), (b'x = "abc\\\n', 1), (b'x = 1\ny = """abc\nmore\n', 2), (b"y = '''abc", 1),
    (b'x = 1\nd = {\n  "k": ur"""v\n', 3),
]


def test_an_unterminated_string_is_named_in_python27s_words_for_check_and_fix(tmp_path):
    """tryout27 #11: the Python 2.7 half of the reason said `invalid syntax near ' '` (the space before the quote) or
    `EOF in multi-line string` (fissix's words): now python2.7's own, with the line the string starts on (python2.7
    says that line for a one-line string; at the end of the file its line differs between compile() and a run)."""
    for number, (data, _) in enumerate(UNTERMINATED_STRINGS):
        (tmp_path / f"s{number}.py").write_bytes(data)
    _, findings, _ = _check(".", cwd=tmp_path)
    fixed = subprocess.run([sys.executable, "-m", "diracmod", "fix", "--write", "-j", "1", "."], cwd=tmp_path,
                           capture_output=True, text=True)
    assert fixed.returncode == 1 and "Traceback" not in fixed.stderr, fixed.stdout + fixed.stderr
    for number, (data, line) in enumerate(UNTERMINATED_STRINGS):
        name = f"s{number}.py"
        python2 = subprocess.run([python27(), "-B", "-c", "import sys\ntry:\n compile(open(sys.argv[1]).read(), "
                                  "sys.argv[1], 'exec')\nexcept SyntaxError as e:\n print e.msg, e.lineno", name],
                                 cwd=tmp_path, capture_output=True, text=True).stdout.split()
        words, python2_line = " ".join(python2[:-1]), int(python2[-1])
        assert words in ("EOL while scanning string literal", "EOF while scanning triple-quoted string literal")
        assert line == python2_line or words.startswith("EOF") or data.count(b"\\\n")
        said = f"; Python 2.7: {words} (line {line})"
        [message] = [f["message"] for f in findings if f["path"] == name and f["symbol"] == "syntax-error"]
        assert message.endswith(said), (data, message)
        [left] = [text for text in (fixed.stdout + fixed.stderr).splitlines() if text.strip().startswith(name)]
        assert said in left, left


@pytest.mark.parametrize("text, words", [("x = 1 $ 2\n", "invalid syntax near '$'"),
                                         ('x = 1 $ "abc\n', "invalid syntax near '$'"),
                                         ("x = 1 1\n", "invalid syntax near '1'")])
def test_python27s_reason_names_what_it_could_not_read_not_the_blank_before_it(text, words):
    # tryout27 #11: fissix's tokenizer stops at the blank before what it cannot read (its ERRORTOKEN ' ')
    with pytest.raises(py2syntax.Py2SyntaxError, match=f"^{re.escape(words)}$"):
        py2syntax.rewrite(text)

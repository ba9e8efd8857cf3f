"""Lines as Python's tokenizer counts them, whichever way split_lines splits (str.splitlines where it agrees)."""
import itertools

from diracmod.core import lines

PIECES = ["a", "\n", "\r", "\r\n", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def test_only_cr_lf_and_crlf_end_a_line():
    assert lines.split_lines("a\fb\x85c\u2028d\r\ne\rf\n") == ["a\fb\x85c\u2028d\r\n", "e\r", "f\n"]
    assert lines.split_lines("a\vb\r\nc", keepends=False) == ["a\vb", "c"]


def test_every_text_of_three_pieces_splits_as_the_tokenizer_counts():
    for pieces in itertools.product(PIECES, repeat=3):
        text = "".join(pieces)
        expected = lines._LINE.findall(text)
        assert lines.split_lines(text) == expected, repr(text)
        assert lines.split_lines(text, keepends=False) == [line.rstrip("\r\n") for line in expected], repr(text)
        assert len(lines.split_lines(text)) == lines.line_count(text), repr(text)
        assert len(lines.split_lines(text + "x")) == lines.line_count(text + "x")


def test_a_final_newline_ends_the_last_line_and_starts_none():
    assert [lines.line_count(text) for text in ("", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n")] == [0, 1, 1, 1, 2, 2]

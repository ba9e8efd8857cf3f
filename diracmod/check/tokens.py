"""One tokenize pass per file: comments (for suppressions) and the rules that live in string and
number tokens (invalid escapes, Python-3-only literal spellings)."""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

_ESCAPE = re.compile(r"\\(.)", re.S)
_STR_ESCAPES = set("\n\\'\"abfnrtv01234567xNuU")
_BYTES_ESCAPES = _STR_ESCAPES - set("NuU")
_PREFIX = re.compile(r"^[A-Za-z]*")


@dataclass
class Comment:
    line: int
    text: str
    own_line: bool  # nothing but whitespace before it


@dataclass
class TokenScan:
    comments: list = field(default_factory=list)
    raw: list = field(default_factory=list)  # (line, column, symbol, detail)


def _string(scan: TokenScan, tok, python2_only):
    value = tok.string
    prefix = _PREFIX.match(value).group(0).lower()
    if "r" in prefix:
        if prefix in ("rb",) and not python2_only:
            scan.raw.append((tok.start[0], tok.start[1], "python2-syntax-error", {"detail": "rb'' string prefix"}))
        return
    valid = _BYTES_ESCAPES if "b" in prefix else _STR_ESCAPES
    body = value[len(prefix):]
    for match in _ESCAPE.finditer(body):
        if match.group(1) not in valid:
            before = value[: len(prefix) + match.start()]
            line = tok.start[0] + before.count("\n")
            column = len(before) - before.rfind("\n") - 1 if "\n" in before else tok.start[1] + len(before)
            scan.raw.append((line, column, "invalid-string-escape", {"escape": "\\" + match.group(1)}))


def scan(text: str, python2_only: bool = False) -> TokenScan:
    result = TokenScan()
    last_line = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = tok.type
            if kind == tokenize.COMMENT:
                result.comments.append(Comment(tok.start[0], tok.string, tok.start[0] != last_line))
            elif kind == tokenize.STRING:
                _string(result, tok, python2_only)
            elif kind == tokenize.NUMBER and "_" in tok.string and not python2_only:
                result.raw.append((tok.start[0], tok.start[1], "python2-syntax-error",
                                   {"detail": "underscore in a number literal"}))
            if kind not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                last_line = tok.end[0]
    except (tokenize.TokenError, SyntaxError):
        pass  # unparseable files are reported by the parser; keep the comments read so far
    return result

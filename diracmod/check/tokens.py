"""One tokenize pass per file: comments (for suppressions) and the rules that live in string and
number tokens (invalid escapes, Python-3-only literal spellings)."""
from __future__ import annotations

import io
import keyword
import re
import tokenize
from dataclasses import dataclass, field

from diracmod.core.lines import universal_newlines

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


class _Brackets:
    """Python-3-only spellings the AST does not keep, found on the tokens: a trailing comma after
    `*args` or `**kwargs` in a call or def, and parenthesized context managers."""

    def __init__(self, raw):
        self.raw, self.open, self.previous = raw, [], None

    def _py2_error(self, where, detail):
        self.raw.append((where[0], where[1], "python2-syntax-error", {"detail": detail}))

    def feed(self, tok):
        kind, text, previous = tok.type, tok.string, self.previous
        level = self.open[-1] if self.open else None
        if level is not None and level["comma_after_star"] and text != ")":
            level["comma_after_star"] = None  # another argument follows: the comma is not trailing
        if kind == tokenize.OP and text in "([{":
            after_name = previous is not None and previous.type == tokenize.NAME
            call = text == "(" and (after_name and not keyword.iskeyword(previous.string)
                                    or previous is not None and previous.string in (")", "]"))
            self.open.append({"call": call, "with": text == "(" and after_name and previous.string == "with",
                              "star": False, "comma_after_star": None})
        elif kind == tokenize.OP and text in ")]}":
            if level is not None and level["call"] and level["comma_after_star"]:
                self._py2_error(level["comma_after_star"], "trailing comma after *args or **kwargs")
            if self.open:
                self.open.pop()
        elif level is not None and level["call"] and kind == tokenize.OP and text in ("*", "**") \
                and previous is not None and previous.string in ("(", ","):
            level["star"] = True
        elif level is not None and level["call"] and text == "," and level["star"]:
            level["star"], level["comma_after_star"] = False, tok.start
        elif level is not None and level["with"] and kind == tokenize.NAME and text == "as":
            self._py2_error(tok.start, "parenthesized context managers")
            level["with"] = False  # once per statement
        self.previous = tok


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
    brackets = _Brackets(result.raw)
    last_line = 0
    try:
        # StringIO splits only on LF: CR-only files would be one long line, every comment on line 1
        for tok in tokenize.generate_tokens(io.StringIO(universal_newlines(text)).readline):
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
                brackets.feed(tok)
    except (tokenize.TokenError, SyntaxError):
        pass  # unparseable files are reported by the parser; keep the comments read so far
    return result

"""One tokenize pass per file: comments (for suppressions), the rules that live in string and
number tokens (invalid escapes, Python-3-only literal spellings), how deep python2.7's parser
could have to go (py2limits), and the tokens themselves, from which py2tokens respells a file only
Python 2 can parse. The file is read as written, whichever Python parses it."""
from __future__ import annotations

import io
import keyword
import re
import tokenize
from dataclasses import dataclass, field

from diracmod.core.lines import universal_newlines
from diracmod.source import py2limits
from diracmod.source.py2tokens import BACKQUOTE, operand_expected

_ESCAPE = re.compile(r"\\(.)", re.S)
_STR_ESCAPES = set("\r\n\\'\"abfnrtv01234567xNuU")  # \r: a CRLF line continuation, read as is by libcst
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
    raw: list = field(default_factory=list)  # (line, column, symbol, detail, end line, end column)
    python2_depth: float = 0  # upper bound of python2.7's parser stack depth (inf: unknown)
    python3_literals: list = field(default_factory=list)  # raw findings about literals only Python 3 reads


_CLOSERS = frozenset(")]}")
_OPENERS = frozenset("([{")
_SIGNS = frozenset({"-", "+", "~"})
_NESTING_NAMES = frozenset({"lambda", "not", "if", "else", "for"})
# Upper bounds of the stack entries python2.7's parser needs for: a statement's own rules, each
# indentation level (stmt, compound_stmt, if_stmt/funcdef..., suite), each bracket (the atom or trailer
# and every rule down to the next atom: about 15-17), and each right-recursive rule (a sign, `not`,
# `**`, lambda, conditional expression, comprehension clause: 1 or 2).
_PER_STATEMENT, _PER_INDENT, _PER_BRACKET, _PER_NESTING = 40, 6, 20, 2


class _Python2Depth:
    """A cheap, safe upper bound of python2.7's parser stack depth, so that only files that could
    come near its limit are replayed (py2limits). Right-recursive rules add up until a comma at the
    same bracket level ends the element (not inside a lambda's parameters or a comprehension)."""

    def __init__(self):
        self.levels = [[0, True]]  # the statement, then each open bracket: [nesting count, comma ends it]
        self.indent, self.depth, self.bound, self.previous = 0, _PER_STATEMENT, 0, (None, None)

    def _operand_expected(self) -> bool:
        previous = self.previous
        return operand_expected(previous[0], previous[1])

    def _deeper(self, step):
        self.depth += step
        self.bound = max(self.bound, self.depth, float("inf") if self.indent >= py2limits.MAXINDENT else 0)

    def _nest(self, level, ends_at_comma=True):
        level[0] += 1
        level[1] = level[1] and ends_at_comma
        self._deeper(_PER_NESTING)

    def _end_element(self, level):
        self.depth -= _PER_NESTING * level[0]
        level[0], level[1] = 0, True

    def feed(self, tok):
        kind, text, level = tok.type, tok.string, self.levels[-1]
        if kind == tokenize.NAME or kind == tokenize.NUMBER or kind == tokenize.STRING:  # most tokens
            if kind == tokenize.NAME and text in _NESTING_NAMES:
                self._nest(level, ends_at_comma=text not in ("lambda", "for"))
            self.previous = tok
            return
        if kind == tokenize.ERRORTOKEN and text == "`":  # Python 2's repr: a bracket
            kind, text = BACKQUOTE, "repr(" if self._operand_expected() else ")"
            tok = (kind, text)
        if kind == tokenize.INDENT:
            self.indent += 1
            self._deeper(_PER_INDENT)
        elif kind == tokenize.DEDENT:
            self.indent -= 1
            self.depth -= _PER_INDENT
        elif kind == tokenize.NEWLINE or text == ";" and len(self.levels) == 1:
            self._end_element(level)
            self.previous = (None, None)
            return
        elif kind == tokenize.OP or kind == BACKQUOTE:
            if text in _OPENERS or text == "repr(":
                self.levels.append([0, True])
                self._deeper(_PER_BRACKET)
            elif text in _CLOSERS and len(self.levels) > 1:
                self.depth -= _PER_BRACKET + _PER_NESTING * self.levels.pop()[0]
            elif text == "," and level[1]:
                self._end_element(level)
            elif text == "**" or text in _SIGNS and self._operand_expected():
                self._nest(level)
        if kind not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT) and not (
                kind == tokenize.ERRORTOKEN and text.isspace()):
            self.previous = tok


class _Brackets:
    """Python-3-only spellings the AST does not keep, found on the tokens: a trailing comma after
    `*args` or `**kwargs` in a call or def, and parenthesized context managers."""

    def __init__(self, raw):
        self.raw, self.open, self.previous = raw, [], None

    def _py2_error(self, tok, detail):
        self.raw.append((*tok.start, "python2-syntax-error", {"detail": detail}, *tok.end))

    def feed(self, tok):
        kind, text, previous = tok.type, tok.string, self.previous
        if not self.open and kind != tokenize.OP:  # outside brackets only a bracket matters
            self.previous = tok
            return
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
            level["star"], level["comma_after_star"] = False, tok
        elif level is not None and level["with"] and kind == tokenize.NAME and text == "as":
            self._py2_error(tok, "parenthesized context managers")
            level["with"] = False  # once per statement
        self.previous = tok


def _string(scan: TokenScan, tok, python2_prefix=""):
    """`python2_prefix`: ur, which Python 3's tokenizer reads as a name before the string."""
    value = tok.string
    prefix = _PREFIX.match(value).group(0).lower()
    if prefix in ("rb",):
        scan.python3_literals.append((*tok.start, "python2-syntax-error", {"detail": "rb'' string prefix"}, *tok.end))
    for offset in invalid_escapes(python2_prefix + value)[0]:
        line, column = escape_position(value, offset - len(python2_prefix), *tok.start)
        scan.raw.append((line, column, "invalid-string-escape", {"escape": value[offset:offset + 2]}, line, column + 2))


def invalid_escapes(literal: str) -> tuple:
    """The offsets in a string literal (prefix and quotes included) of each backslash starting an escape
    Python does not know, and whether the literal also has a known escape (raw literals have neither)."""
    prefix = _PREFIX.match(literal).group(0).lower()
    if "r" in prefix:
        return [], False
    known = _BYTES_ESCAPES if "b" in prefix else _STR_ESCAPES
    invalid, valid = [], False
    for match in _ESCAPE.finditer(literal, len(prefix)):
        if match.group(1) in known:
            valid = True
        else:
            invalid.append(match.start())
    return invalid, valid


def escape_position(literal: str, offset: int, line: int, column: int) -> tuple:
    """(line, column) of literal[offset] for a literal that starts at (line, column)."""
    before = literal[:offset]
    if "\n" in before:
        return line + before.count("\n"), len(before) - before.rfind("\n") - 1
    return line, column + offset


_LAYOUT = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT})


class Scanner:
    """Takes a file's tokens one at a time, from its own tokenize pass (`read`) or from one another
    tokenizer of the same text already runs (pycodestyle's: rules/style.py), so the file is tokenized once.
    If `keep`, `tokens` keeps them for py2tokens until `finish`; `complete` says whether the tokenizer
    read them all."""

    def __init__(self, keep: bool = False):
        self.result, self.tokens, self.keep, self.complete = TokenScan(), [], keep, True
        self._brackets, self._depth, self._last_line = _Brackets(self.result.raw), _Python2Depth(), 0
        self._previous, self.fed = None, False

    def feed(self, tok):
        self.fed = True
        if self.keep:
            self.tokens.append(tok)
        kind, result = tok.type, self.result
        self._depth.feed(tok)
        if kind == tokenize.COMMENT:
            result.comments.append(Comment(tok.start[0], tok.string, tok.start[0] != self._last_line))
        elif kind == tokenize.STRING and ("\\" in tok.string or tok.string[0] not in "'\""):  # else nothing to say
            previous = self._previous
            ur = previous is not None and previous.end == tok.start and previous.string.lower() == "ur"
            _string(result, tok, previous.string if ur else "")
        elif kind == tokenize.NUMBER and "_" in tok.string:
            result.python3_literals.append((*tok.start, "python2-syntax-error",
                                            {"detail": "underscore in a number literal"}, *tok.end))
        if kind not in _LAYOUT:
            self._last_line = tok.end[0]
            self._brackets.feed(tok)
        self._previous = tok

    def failed(self):
        """The tokenizer gave up: unparseable files are reported by the parser; the comments read so far stay."""
        self._depth.bound = float("inf")
        self.complete, self.fed = False, True

    def finish(self, python2_only: bool = False) -> TokenScan:
        """The scan; `python2_only`: the file is read as Python 2, where Python 3's literals are no concern
        (Python 2 cannot read them: the parser says so)."""
        result, self.tokens = self.result, None
        result.python2_depth = self._depth.bound
        if not python2_only:
            result.raw += result.python3_literals
        result.python3_literals = []
        return result


def read(text: str, scanner: Scanner | None = None) -> Scanner:
    """`scanner` if it was already fed the tokens of `text`, else a scanner fed by a tokenize pass of its own."""
    if scanner is not None and scanner.fed:
        return scanner
    scanner = Scanner(scanner is not None and scanner.keep)
    try:
        # StringIO splits only on LF: CR-only files would be one long line, every comment on line 1
        for tok in tokenize.generate_tokens(io.StringIO(universal_newlines(text)).readline):
            scanner.feed(tok)
    except (tokenize.TokenError, SyntaxError):
        scanner.failed()
    return scanner


def scan(text: str, python2_only: bool = False, scanner: Scanner | None = None) -> TokenScan:
    """The scan of `text`: `scanner`'s, if it was already fed the tokens of `text`, else a tokenize pass's."""
    return read(text, scanner).finish(python2_only)

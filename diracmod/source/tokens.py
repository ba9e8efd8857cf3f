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
    # the first line of the physical lines flake8 reads as one for a `# noqa` here: those a backslash continuation or a
    # token spanning lines (a triple-quoted string) joins to the comment's (a bracket's line breaks do not join)
    joined_from: int


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
_NAME, _NUMBER, _STRING, _OP = tokenize.NAME, tokenize.NUMBER, tokenize.STRING, tokenize.OP
_NOT_PREVIOUS = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT})


def python2_depth(tokens) -> float:
    """A cheap, safe upper bound of python2.7's parser stack depth over `tokens`, so that only files that
    could come near its limit are replayed (py2limits). Right-recursive rules add up until a comma at the
    same bracket level ends the element (not inside a lambda's parameters or a comprehension).
    One loop over the list, names held in locals: it runs on every token of every file."""
    levels = [[0, True]]  # the statement, then each open bracket: [nesting count, comma ends it]
    indent, depth, bound = 0, _PER_STATEMENT, 0
    previous_kind, previous_text = None, None
    for tok in tokens:
        kind, text = tok[0], tok[1]
        if kind == _NAME or kind == _NUMBER or kind == _STRING:  # most tokens
            if kind == _NAME and text in _NESTING_NAMES:
                level = levels[-1]
                level[0] += 1
                level[1] = level[1] and text != "lambda" and text != "for"
                depth += _PER_NESTING
                bound = max(bound, depth, float("inf") if indent >= py2limits.MAXINDENT else 0)
            previous_kind, previous_text = kind, text
            continue
        if kind == tokenize.ERRORTOKEN and text == "`":  # Python 2's repr: a bracket
            kind, text = BACKQUOTE, "repr(" if operand_expected(previous_kind, previous_text) else ")"
        if kind == _OP or kind == BACKQUOTE:
            level = levels[-1]
            if text in _OPENERS or text == "repr(":
                levels.append([0, True])
                depth += _PER_BRACKET
            elif text in _CLOSERS and len(levels) > 1:
                depth -= _PER_BRACKET + _PER_NESTING * levels.pop()[0]
                previous_kind, previous_text = kind, text
                continue
            elif text == "," and level[1] or text == ";" and len(levels) == 1:  # the element ends
                depth -= _PER_NESTING * level[0]
                level[0], level[1] = 0, True
                if text == ";":
                    previous_kind, previous_text = None, None
                    continue
                previous_kind, previous_text = kind, text
                continue
            elif text == "**" or text in _SIGNS and operand_expected(previous_kind, previous_text):
                level[0] += 1
                depth += _PER_NESTING
            else:
                previous_kind, previous_text = kind, text
                continue
        elif kind == tokenize.INDENT:
            indent += 1
            depth += _PER_INDENT
        elif kind == tokenize.DEDENT:
            indent -= 1
            depth -= _PER_INDENT
            continue
        elif kind == tokenize.NEWLINE:
            level = levels[-1]
            depth -= _PER_NESTING * level[0]
            level[0], level[1] = 0, True
            previous_kind, previous_text = None, None
            continue
        else:
            if kind not in _NOT_PREVIOUS and not (kind == tokenize.ERRORTOKEN and text.isspace()):
                previous_kind, previous_text = kind, text
            continue
        bound = max(bound, depth, float("inf") if indent >= py2limits.MAXINDENT else 0)
        if kind != tokenize.INDENT:
            previous_kind, previous_text = kind, text
    return bound


def _brackets(tokens, raw):
    """Python-3-only spellings the AST does not keep, found on the tokens: a trailing comma after
    `*args` or `**kwargs` in a call or def, and parenthesized context managers."""
    open_, previous = [], None  # open_: each open bracket, [call, with, star, comma after star]

    def py2_error(tok, detail):
        raw.append((*tok.start, "python2-syntax-error", {"detail": detail}, *tok.end))

    for tok in tokens:
        kind = tok[0]
        if not open_ and kind != _OP or kind in _LAYOUT:  # outside brackets only a bracket matters
            if kind not in _LAYOUT:
                previous = tok
            continue
        text = tok[1]
        level = open_[-1] if open_ else None
        if level is not None and level[3] and text != ")":
            level[3] = None  # another argument follows: the comma is not trailing
        if kind == _OP and text in _OPENERS:
            after_name = previous is not None and previous[0] == _NAME
            call = text == "(" and (after_name and not keyword.iskeyword(previous[1])
                                    or previous is not None and previous[1] in (")", "]"))
            open_.append([call, text == "(" and after_name and previous[1] == "with", False, None])
        elif kind == _OP and text in _CLOSERS:
            if level is not None and level[0] and level[3]:
                py2_error(level[3], "trailing comma after *args or **kwargs")
            if open_:
                open_.pop()
        elif level is not None and level[0] and kind == _OP and (text == "*" or text == "**") \
                and previous is not None and previous[1] in ("(", ","):
            level[2] = True
        elif level is not None and level[0] and text == "," and level[2]:
            level[2], level[3] = False, tok
        elif level is not None and level[1] and kind == _NAME and text == "as":
            py2_error(tok, "parenthesized context managers")
            level[1] = False  # once per statement
        previous = tok


def _string(scan: TokenScan, tok, python2_prefix="", escapes=True):
    """`python2_prefix`: ur, which Python 3's tokenizer reads as a name before the string."""
    value = tok.string
    prefix = _PREFIX.match(value).group(0).lower()
    if prefix in ("rb",):
        scan.python3_literals.append((*tok.start, "python2-syntax-error", {"detail": "rb'' string prefix"}, *tok.end))
    if not escapes:
        return
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


def unicode_escapes(literal: str) -> list:
    """The offsets in a plain string literal (no r, u nor b prefix: a byte string on Python 2 without
    unicode_literals) of each `\\u`, `\\U` or `\\N` escape: Python 2 keeps the backslash and the letters, Python 3
    reads one character."""
    prefix = _PREFIX.match(literal).group(0).lower()
    if prefix:
        return []
    return [match.start() for match in _ESCAPE.finditer(literal) if match.group(1) in "uUN"]


def escape_position(literal: str, offset: int, line: int, column: int) -> tuple:
    """(line, column) of literal[offset] for a literal that starts at (line, column)."""
    before = literal[:offset]
    if "\n" in before:
        return line + before.count("\n"), len(before) - before.rfind("\n") - 1
    return line, column + offset


_LAYOUT = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT})


def _comments_and_literals(tokens, scan: TokenScan, escapes: bool):
    """Comments, and the rules that live in string and number tokens (`escapes`: invalid escapes too)."""
    code, previous = None, None  # code: the last token that is not layout
    joined_from = None  # the line of the first token after the last line break token (flake8's noqa line range)
    for tok in tokens:
        kind = tok[0]
        if kind == tokenize.NL or kind == tokenize.NEWLINE:
            joined_from = None
        elif joined_from is None and kind != tokenize.DEDENT:
            joined_from = tok[2][0]
        if kind == tokenize.COMMENT:
            line = tok[2][0]
            scan.comments.append(Comment(line, tok[1], code is None or code[3][0] != line, joined_from))
        elif kind == _STRING:
            value = tok[1]
            if value[0] not in "'\"" or escapes and "\\" in value:  # else nothing to say
                ur = previous is not None and previous[3] == tok[2] and previous[1].lower() == "ur"
                _string(scan, tok, previous[1] if ur else "", escapes)
        elif kind == _NUMBER and "_" in tok[1]:
            scan.python3_literals.append((*tok[2], "python2-syntax-error",
                                          {"detail": "underscore in a number literal"}, *tok[3]))
        if kind not in _LAYOUT:
            code = tok
        previous = tok


class Scanner:
    """A file's tokens, kept as its own tokenize pass (`read`) or another tokenizer of the same text that
    already runs (pycodestyle's: rules/style.py) reads them, so the file is tokenized once; `finish` scans
    them in one go (a loop per concern, over a list: cheaper than a call per token). py2tokens may respell
    the file from `tokens` before that; `complete` says whether the tokenizer read them all."""

    def __init__(self):
        self.tokens, self.complete, self.fed = [], True, False

    def take(self, tokens: list):
        """Keeps `tokens`, the next ones the tokenizer read."""
        self.fed = True
        self.tokens += tokens

    def failed(self):
        """The tokenizer gave up: unparseable files are reported by the parser; the comments read so far stay."""
        self.complete, self.fed = False, True

    def finish(self, python2_only: bool = False, escapes: bool = True) -> TokenScan:
        """The scan; `python2_only`: the file is read as Python 2, where Python 3's literals are no concern
        (Python 2 cannot read them: the parser says so); `escapes`: look for invalid-string-escape (a py3k
        rule: not when only pycodestyle is selected)."""
        tokens, self.tokens = self.tokens, None
        result = TokenScan(python2_depth=python2_depth(tokens) if self.complete else float("inf"))
        _comments_and_literals(tokens, result, escapes)
        _brackets(tokens, result.raw)
        result.raw.sort(key=lambda raw: raw[:2])  # in the file's order, as one pass over the tokens made them
        if not python2_only:
            result.raw += result.python3_literals
        result.python3_literals = []
        return result


def read(text: str, scanner: Scanner | None = None) -> Scanner:
    """`scanner` if it was already fed the tokens of `text`, else a scanner fed by a tokenize pass of its own."""
    if scanner is not None and scanner.fed:
        return scanner
    scanner = Scanner()
    try:
        # StringIO splits only on LF: CR-only files would be one long line, every comment on line 1. extend
        # keeps the tokens read before an error (no loop of ours per token)
        scanner.tokens.extend(tokenize.generate_tokens(io.StringIO(universal_newlines(text)).readline))
    except (tokenize.TokenError, SyntaxError):
        scanner.failed()
    return scanner


def scan(text: str, python2_only: bool = False, scanner: Scanner | None = None, escapes: bool = True) -> TokenScan:
    """The scan of `text`: `scanner`'s, if it was already fed the tokens of `text`, else a tokenize pass's."""
    return read(text, scanner).finish(python2_only, escapes)

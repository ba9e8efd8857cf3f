"""py2syntax's rewrite, made from the tokens the file's one tokenize pass already read (pycodestyle's or
the scan's, tokens.Scanner) instead of a second, pure-Python parse with fissix's grammar: the common
Python-2-only spellings are respelled at the same positions, byte for byte as py2syntax.rewrite spells them
(tests/test_py2tokens.py compares the two on every Python-2-only corpus file).

Handled: print and exec statements, `except E, e`, `raise E, V[, T]`, backticks, `<>`, long and old octal
literals, ur'' and the escapes of Python 2 byte strings, `True =` and `False =` as a statement's target or
a parameter. Anything else returns None and the caller uses py2syntax.rewrite: a token Python 3's tokenizer
could not read, print or exec elsewhere than at the start of a statement, names that are keywords only to
Python 3, True or False as a keyword argument, a string prefix only one Python reads, a lone CR line ending. So does a result Python 3 cannot parse (tuple parameters, `[x for x in a, b]`): the
caller only keeps a rewrite that parses.
"""
from __future__ import annotations

import keyword
import re
import tokenize

from diracmod.source import py2syntax
from diracmod.source.fissix_grammar import PYTHON2_NUMBER

_NUMBER = re.compile(PYTHON2_NUMBER)  # fissix's: Python 3's tokenizer splits 0777L into 0, 777 and L
_ENDING = re.compile(r"\r\n|\r|\n")
_PREFIX = re.compile(r"[A-Za-z]*")
NAME, OP, NUMBER, STRING = tokenize.NAME, tokenize.OP, tokenize.NUMBER, tokenize.STRING
BACKQUOTE = -1  # a leaf kind of its own (Python 3's tokenizer has only an ERRORTOKEN): `repr(` or `)`
_ENDS_STATEMENT = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER})
_NOT_LEAVES = frozenset({tokenize.NL, tokenize.COMMENT})
_COMPOUND = frozenset({"if", "elif", "else", "while", "for", "try", "except", "finally", "with", "def", "class"})
_PYTHON3_KEYWORDS = frozenset({"async", "await", "nonlocal"})
_PYTHON2_PREFIXES = frozenset({"", "u", "r", "b", "ur", "br"})
_OPENERS, _CLOSERS = frozenset("([{"), frozenset(")]}")
_PYTHON2_KEYWORDS = frozenset(keyword.kwlist) | {"print", "exec"}
# the leaves whose spelling or position matters here; the others (most names) are only counted
_WATCHED = frozenset({"print", "exec", "lambda", "def", "in", "True", "False", *_PYTHON3_KEYWORDS})


class _Unhandled(Exception):
    """A spelling this rewrite leaves to py2syntax."""


def operand_expected(kind, value) -> bool:
    """After a token of this kind and value (kind None: none; a backquote's value: `repr(` where it opens,
    `)` where it closes), whether an operand starts next: a backquote there opens one (and a sign is unary)."""
    return (kind is None or kind == OP and value not in _CLOSERS
            or kind == NAME and value in _PYTHON2_KEYWORDS or kind == BACKQUOTE and value == "repr(")


def _leaves(tokens: list) -> list:
    """Python 3's tokens as Python 2's tokenizer cuts them (TokenInfos), without comments and blank lines:
    glued where Python 3 splits one (0777L, ur'', <>), backquotes as BACKQUOTE."""
    leaves, index, count = [], 0, len(tokens)
    while index < count:
        tok = tokens[index]
        kind = tok.type
        index += 1
        if kind in _NOT_LEAVES:
            continue
        if index < count and tokens[index].start == tok.end and kind != tokenize.ERRORTOKEN:
            following = tokens[index]
            if kind == NUMBER:  # fissix's reading of the number; Python 3's tokens inside it are skipped
                match = _NUMBER.match(tok.line, tok.start[1])
                if match is None or match.end() < tok.end[1]:
                    raise _Unhandled(tok.string)
                while index < count and tokens[index].start[0] == tok.start[0] \
                        and tokens[index].start[1] < match.end():
                    if tokens[index].end[1] > match.end():
                        raise _Unhandled(tok.string)
                    index += 1
                tok = tok._replace(string=match.group(0), end=(tok.start[0], match.end()))
            elif kind == NAME and following.type == STRING and tok.string.lower() == "ur":
                tok = following._replace(string=tok.string + following.string, start=tok.start)
                index += 1
            elif kind == OP and tok.string == "<" and following.string == ">":
                tok = tok._replace(string="<>", end=following.end)
                index += 1
        elif kind == tokenize.ERRORTOKEN:
            if tok.string.isspace():
                continue
            if tok.string != "`":
                raise _Unhandled(tok.string)
            previous = leaves[-1] if leaves else None
            opens = operand_expected(previous and previous.type, previous and previous.string)
            tok = tok._replace(type=BACKQUOTE, string="repr(" if opens else ")")
        leaves.append(tok)
    return leaves


class _Statement:
    __slots__ = ("first", "keyword", "commas", "last", "exec_in")

    def __init__(self, first, leaf):
        self.first = first  # index of its first leaf
        self.keyword = leaf.string if leaf.type == NAME else None
        self.commas, self.last, self.exec_in = [], first, False


class _Rewrite:
    """Edits are kept apart from the leaves (index -> [before, value, after], as py2syntax's `around`), so
    every pass reads the tokens as written."""

    def __init__(self, text, leaves, print_function):
        self.text, self.leaves, self.print_function = text, leaves, print_function
        self.findings, self.edits, self.signatures = [], {}, []  # signatures: where each def and lambda is

    def edit(self, index) -> list:
        return self.edits.setdefault(index, ["", None, ""])

    def report(self, index, symbol, detail=None):
        self.findings.append((*self.leaves[index].start, symbol, detail or {}))

    def run(self):
        leaves, statement, depth, lambdas = self.leaves, None, 0, 0
        ticks = []  # each backquote open: [its index, the depth inside it, whether a comma is directly inside]
        for index, leaf in enumerate(leaves):
            kind, value = leaf.type, leaf.string
            if kind in _ENDS_STATEMENT:
                self.end(statement)
                statement, depth, lambdas, ticks = None, 0, 0, []
                continue
            if statement is None:
                statement = _Statement(index, leaf)
                if self.start(statement):
                    continue
            if kind == OP:
                if value == "," and ticks and ticks[-1][1] == depth:
                    ticks[-1][2] = True  # `` `a, b` ``: the repr of a tuple, as py2syntax spells it
                if value in _OPENERS:
                    depth += 1
                elif value in _CLOSERS:
                    depth -= 1
                elif depth:
                    pass
                elif value == ",":
                    statement.commas.append(index)
                elif value == ";":
                    self.end(statement)
                    statement = None
                    continue
                elif value == ":":
                    if lambdas:
                        lambdas -= 1
                    elif statement.keyword in _COMPOUND:  # the header ends: a statement may follow on its line
                        if statement.keyword == "except":
                            self.except_clause(statement, index)
                        statement = None
                        continue
                elif value == "<>":
                    self.report(index, "old-ne-operator")
                    self.edit(index)[1] = "!="
            elif kind == NAME:
                if value in _WATCHED:
                    lambdas += self.name(statement, index, depth)
            elif kind == BACKQUOTE:
                depth += 1 if value == "repr(" else -1
                self.edit(index)[1] = value
                if value == "repr(":
                    self.report(index, "backtick")
                    ticks.append([index, depth, False])
                elif ticks:
                    opened, _, comma = ticks.pop()
                    if comma:
                        self.edit(opened)[1], self.edit(index)[1] = "repr((", "))"
            elif kind == NUMBER or kind == STRING:
                self.literal(index)
            statement.last = index
        self.end(statement)
        self.tuple_parameters()

    def name(self, statement, index, depth) -> int:
        """A watched name not starting a statement; returns 1 for a lambda at the statement's own level."""
        value = self.leaves[index].string
        if value == "def" or value == "lambda":
            self.signatures.append(index)
        if value in _PYTHON3_KEYWORDS or value == "exec" or value == "print" and not self.print_function:
            raise _Unhandled(value)  # a keyword to one Python only, where py2syntax renames or refuses it
        if value in ("True", "False") and index + 1 < len(self.leaves) and self.leaves[index + 1].string == "=":
            self.assigned_constant(statement, index, depth)
        if depth:
            return 0
        if value == "in" and statement.keyword == "exec" and not statement.exec_in:
            self.edit(index)[1], statement.exec_in = ",", True  # exec code in ns  ->  exec( code , ns)
        return value == "lambda"

    def assigned_constant(self, statement, index, depth):
        """`True = 1` (a shim for Pythons before 2.3), `def f(False=False)`: renamed as py2syntax renames it
        and reported, Python 3 cannot parse it. Only where fissix's grammar makes the name a whole assignment
        target or a parameter (py2syntax._is_assigned): at the statement's own level (an assignment, a lambda's
        parameter) or in a def's parameters; a keyword argument or an attribute is left to py2syntax."""
        value = self.leaves[index].string
        if index and self.leaves[index - 1].string == "." or depth > 1 or depth == 1 and statement.keyword != "def":
            raise _Unhandled(value)
        self.findings.append((*self.leaves[index].start, "python3-syntax-error",
                              {"detail": f"cannot assign to {value} in Python 3"}))
        self.edit(index)[1] = value + "_"

    def literal(self, index):
        leaf = self.leaves[index]
        value = leaf.string
        if leaf.type == NUMBER and value[0] != "0" and value[-1] not in "lL" or (
                leaf.type == STRING and value[0] in "'\"" and "\\" not in value):
            return  # most literals: the same in both Pythons
        if "\r" in self.text:  # a string across lines: its line endings as written
            value = self.text[self.offset(leaf.start):self.offset(leaf.end)]
        if leaf.type == STRING and _PREFIX.match(value).group(0).lower() not in _PYTHON2_PREFIXES:
            raise _Unhandled(value)
        if leaf.type == NUMBER:
            following = self.leaves[index + 1] if index + 1 < len(self.leaves) else None
            new, symbols = py2syntax.number(value, following is not None and following.string == "."
                                            and following.start == leaf.end)
        else:
            new, symbols = py2syntax.string(value)
        for symbol, detail in symbols:
            self.report(index, symbol, detail)
        if new != value:
            self.edit(index)[1] = new

    def start(self, statement) -> bool:
        """The first leaf of a statement; True if it needs nothing else."""
        leaves, first, keyword_ = self.leaves, statement.first, statement.keyword
        following = leaves[first + 1] if first + 1 < len(leaves) else None
        alone = following is None or following.type in _ENDS_STATEMENT or following.string == ";"
        if keyword_ == "print" and not self.print_function:
            if alone:
                self.edit(first)[1] = "print()"
            else:
                self.edit(first)[2] = "("
                if following.string == ">>":
                    self.edit(first + 1)[1] = ""  # print >>f, x  ->  print( f, x)
            return True
        if keyword_ == "exec":
            if alone:
                raise _Unhandled("exec")  # not a statement to Python 2
            self.report(first, "exec-statement")
            self.edit(first)[2] = "("
            return True
        return False

    def end(self, statement):
        if statement is None:
            return
        keyword_, last = statement.keyword, statement.last
        if keyword_ == "print" and not self.print_function and last != statement.first or keyword_ == "exec":
            self.edit(last)[2] += ")"
        elif keyword_ == "raise" and statement.commas:
            self.report(statement.first, "old-raise-syntax")
            # raise E, V[, T] -> raise (E, V, T): Python 2 raises the tuple's first item, as before
            self.edit(statement.first + 1)[0] = "("
            self.edit(last)[2] += ")"

    def except_clause(self, statement, colon):
        """except E, e: -> except E as e:; except E, (a, b): -> except E as _unpacked:"""
        if not statement.commas:
            return
        comma = statement.commas[0]
        if len(statement.commas) > 1 or comma + 1 == colon:
            raise _Unhandled("except")
        leaves = self.leaves
        spaced = leaves[comma].end != leaves[comma + 1].start  # whitespace, a comment or a continuation
        self.edit(comma)[1] = " as" if spaced else " as "
        if colon == comma + 2 and leaves[comma + 1].type == NAME:
            self.report(statement.first, "old-except-syntax")
            return
        self.report(statement.first, "unpacking-in-except")
        for index in range(comma + 1, colon):
            if leaves[index].type not in (NAME, OP):
                raise _Unhandled("except")
            self.edit(index)[1] = "_unpacked" if index == comma + 1 else ""

    def tuple_parameters(self):
        """def f(a, (b, c)) and lambda (k, v): ... -> def f(a,  b, c ): the names stay bound."""
        leaves = self.leaves
        for index in self.signatures:
            if leaves[index].string == "lambda":
                self.parameters(index + 1, ":")
            elif index + 2 < len(leaves) and leaves[index + 2].string == "(":
                self.parameters(index + 3, ")")

    def parameters(self, index, closer):
        """The parameters from `index` to `closer` (at their own level)."""
        leaves, depth, expected = self.leaves, 0, True  # expected: where a parameter starts
        while index < len(leaves):
            leaf = leaves[index]
            if leaf.type in _ENDS_STATEMENT or leaf.type == OP and depth == 0 and leaf.string == closer:
                return
            if leaf.type == OP and depth == 0 and expected and leaf.string == "(":
                self.report(index, "parameter-unpacking")
                index = self.tuple_parameter(index)
                expected = False
                continue
            if leaf.type == OP:
                depth += (leaf.string in _OPENERS) - (leaf.string in _CLOSERS)
            expected = depth == 0 and leaf.string == ","
            index += 1

    def tuple_parameter(self, index) -> int:
        """Respells the tuple parameter opening at `index`; returns the index after it. With a default, each name
        but the last gets one too (py2syntax.TUPLE_NAME_DEFAULT)."""
        leaves, depth, names, start, tupled = self.leaves, 0, [], index, False
        while True:
            leaf = leaves[index]
            if leaf.type != OP and leaf.type != NAME:
                raise _Unhandled(leaf.string)
            if leaf.string == "(" or leaf.string == ")":
                depth += 1 if leaf.string == "(" else -1
                self.edit(index)[1] = " "
            elif leaf.string == ",":
                tupled = tupled or depth == 1
                if leaves[index + 1].string == ")":
                    self.edit(index)[1] = " "  # the one-name tuple (a,)
            elif leaf.type == NAME:
                names.append(index)
            index += 1
            if depth == 0:
                if leaves[index].string == "=":
                    if not tupled:  # `((a, b))=x`, `(a)=x`: python2.7's compiler refuses it
                        self.report(start, "python2-syntax-error", {"detail": py2syntax.PARENTHESIZED_DEFAULT})
                    for name in names[:-1]:
                        self.edit(name)[2] += py2syntax.TUPLE_NAME_DEFAULT
                return index

    def offset(self, position) -> int:
        if not hasattr(self, "_starts"):
            self._starts = [0] + [m.end() for m in _ENDING.finditer(self.text)]
        return self._starts[position[0] - 1] + position[1]

    def text_out(self) -> str:
        pieces, done, leaves, text = [], 0, self.leaves, self.text
        for index in sorted(self.edits):
            before, value, after = self.edits[index]
            start, end = self.offset(leaves[index].start), self.offset(leaves[index].end)
            pieces += [text[done:start], before, text[start:end] if value is None else value, after]
            done = end
        pieces.append(text[done:])
        return "".join(pieces)


def rewrite(text: str, tokens: list) -> py2syntax.Py2Result | None:
    """py2syntax.rewrite(text)'s result from `tokens` (Python 3's tokenize of `text` as universal newlines),
    or None where this rewrite does not know that it would be the same."""
    if text.count("\r") != text.count("\r\n"):
        return None  # a lone CR: fissix's tokenizer reads the file as one line
    try:
        rewrite_ = _Rewrite(text, _leaves(tokens), py2syntax.print_function(text))
        rewrite_.run()
    except (_Unhandled, IndexError):  # IndexError: a statement cut short at the end of the file
        return None
    return py2syntax.Py2Result(text=rewrite_.text_out(), findings=sorted(rewrite_.findings, key=lambda f: f[:2]))

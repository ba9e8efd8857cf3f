"""Python-2-only syntax: found with fissix's Python 2 grammar, then rewritten in place into the nearest
Python 3 spelling so that the stdlib `ast` (and so every other rule) can read the file.

Rewrites never add or remove a newline, so every line number of the rewritten text is the original's.
Only used on files Python 3 cannot parse.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from fissix import pygram, pytree
from fissix.pgen2 import driver, parse, tokenize as f_tokenize, token
from fissix.refactor import _detect_future_features

_syms = pygram.python_symbols
_ESCAPE_IN_PY2_STR = re.compile(r"(?<!\\)((?:\\\\)*)\\([NuU])")
# an escape that may name a character: `\N{NAME}`, `\uXXXX`, `\UXXXXXXXX` (fewer hex digits: Python 3 refuses it)
_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)(\\N\{[^}\\]*\}|\\N|\\u[0-9a-fA-F]{0,4}|\\U[0-9a-fA-F]{0,8})")
_UNDECODABLE = ("`{}` in a byte string, which Python 2 keeps as it is and Python 3 cannot decode: write the backslash "
                "doubled by hand (the same string on Python 2)")
_OLD_OCTAL = re.compile(r"^0\d+$")
# where a string starts: Python 2's prefixes (u, b, r, ur, br) and its opening quote(s)
_STRING_OPENER = re.compile(r"[uUbB]?[rR]?('''|\"\"\"|'|\")")


@dataclass
class Py2Result:
    text: str  # Python-3-parseable rewrite, same lines
    findings: list = field(default_factory=list)  # (line, column, symbol, detail)


class Py2SyntaxError(Exception):
    def __init__(self, msg, line):
        super().__init__(msg)
        self.line = line


def _grammar(text):
    if print_function(text):
        return pygram.python_grammar_no_print_statement, True
    return pygram.python_grammar, False


def _last_leaf(node):
    while not isinstance(node, pytree.Leaf):
        node = node.children[-1]
    return node


def _first_leaf(node):
    while not isinstance(node, pytree.Leaf):
        node = node.children[0]
    return node


def _is_old_octal(value):
    if _OLD_OCTAL.match(value) and value.strip("0"):
        try:
            int(value, 8)
            return True
        except ValueError:
            return False
    return False


# What Python 3's spelling gives each name but the last of a tuple parameter with a default (`def f(y=1, (a,
# b)=x)`: ` a=None, b =x`; py2tokens spells it alike), so that no name without a default follows one.
TUPLE_NAME_DEFAULT = "=None"
# python2.7's compiler on a parameter in parentheses that are no tuple (`((a, b))=x`, `(a)=x`) with a default
PARENTHESIZED_DEFAULT = "parenthesized arg with default"


def _parenthesized(fpdef) -> bool:
    """A tuple parameter `( ... )` whose parentheses hold one parameter, no tuple: `((a, b))`, `(a)`."""
    inner = fpdef.children[1]
    return inner.type not in (_syms.tfplist, _syms.vfplist)


# What holds an assignment's target whole (`(a, None) = x`), and what binds the name after it in a statement
_TARGET_GROUPS = frozenset({_syms.atom, _syms.testlist_gexp, _syms.testlist, _syms.exprlist, _syms.testlist_star_expr,
                            _syms.listmaker, _syms.power, _syms.trailer})
_PARAMETERS = frozenset({_syms.parameters, _syms.typedargslist, _syms.varargslist, _syms.tfpdef, _syms.tfplist,
                         _syms.vfpdef, _syms.vfplist})
_BOUND_AFTER = {_syms.for_stmt: 1, _syms.comp_for: 1, _syms.funcdef: 1, _syms.classdef: 1,
                _syms.import_name: 1}


def _stores(leaf) -> bool:
    """The name `leaf` is bound, which python2.7's compiler refuses for None ("cannot assign to None"): an assignment
    or for target (an attribute `x.None` in one too), a def, class, parameter or keyword argument's name, an
    import's or an `as`'s name. A read of `x.None` it accepts. A leaf its statement's rewrite took out of the tree
    (`print >>None, x`'s stream, now the call's keyword: tryout25 #1) binds nothing."""
    if leaf.parent is None:
        return False
    before = leaf.prev_sibling
    if leaf.parent.type == _syms.trailer and (leaf.parent.next_sibling is not None or before.type != token.DOT):
        return False  # x.None.y, x.None(): a read
    node = leaf
    while node.parent is not None and node.parent.type in _TARGET_GROUPS:
        node = node.parent
    parent, following, before = node.parent, node.next_sibling, node.prev_sibling
    if parent is None:
        return False
    if parent.type in (_syms.expr_stmt, _syms.argument):
        return following is not None and (following.type == token.EQUAL or parent.type == _syms.expr_stmt
                                          and following.value in _AUGMENTED)
    if parent.type in _PARAMETERS or parent.type in (_syms.lambdef, _syms.old_lambdef) and node is parent.children[1]:
        return before is None or before.type != token.EQUAL
    if parent.type == _syms.dotted_as_names:  # import None, os (a dotted name is no leaf of it)
        return True
    if parent.type in (_syms.import_as_names, _syms.import_from) and leaf is node:
        return before is not None and before.value in ("import", ",", "(")
    if before is not None and before.type == token.NAME and before.value == "as" or (
            parent.type == _syms.except_clause and before is not None and before.type == token.COMMA):
        return True
    index = _BOUND_AFTER.get(parent.type)
    return index is not None and len(parent.children) > index and parent.children[index] is node


_AUGMENTED = frozenset({"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "**=", "//="})


def _is_assigned(leaf) -> bool:
    following = leaf.next_sibling
    return (leaf.parent is not None  # a lone value spelled apart (python3_spelling of `print >>f, x, True`'s True)
            and leaf.parent.type in (_syms.expr_stmt, _syms.typedargslist, _syms.varargslist)
            and following is not None and following.type == token.EQUAL)


class _Rewriter:
    """Token values are replaced in place; text added around a leaf is kept apart (`around`) and
    applied last, so an enclosing rewrite (print's closing paren) and the leaf's own rewrite
    (a backtick, a long suffix) never overwrite each other."""

    def __init__(self, print_function):
        self.print_function = print_function
        self.findings = []
        self.around = {}  # id(leaf) -> [leaf, before, after]

    def wrap(self, leaf, before="", after=""):
        entry = self.around.setdefault(id(leaf), [leaf, "", ""])
        entry[1], entry[2] = before + entry[1], entry[2] + after

    def apply(self):
        for leaf, before, after in self.around.values():
            leaf.value = before + leaf.value + after

    def report(self, leaf, symbol, **detail):
        self.findings.append((leaf.lineno, leaf.column, symbol, detail))

    def visit(self, node):
        if isinstance(node, pytree.Leaf):
            self.leaf(node)
            return
        handler = getattr(self, "node_" + pytree.type_repr(node.type), None)
        if handler:
            handler(node)
        for child in node.children:
            self.visit(child)

    # --- statements -------------------------------------------------------------------------
    def node_print_stmt(self, node):
        self.wrap(node.children[0], after="(")
        if len(node.children) > 1 and node.children[1].type == token.RIGHTSHIFT:
            node.children[1].value = ""  # print >>f, x  ->  print( f, x)
        self.wrap(_last_leaf(node), after=")")

    def node_exec_stmt(self, node):
        self.report(node.children[0], "exec-statement")
        self.wrap(node.children[0], after="(")
        for child in node.children:
            if isinstance(child, pytree.Leaf) and child.value == "in":
                child.value = ","
        self.wrap(_last_leaf(node), after=")")

    def node_raise_stmt(self, node):
        if any(c.type == token.COMMA for c in node.children):
            self.report(node.children[0], "old-raise-syntax")
            # raise E, V[, T] -> raise (E, V, T): Python 2 raises the tuple's first item, as before
            self.wrap(_first_leaf(node.children[1]), before="(")
            self.wrap(_last_leaf(node), after=")")

    def node_except_clause(self, node):
        if len(node.children) == 4 and node.children[2].type == token.COMMA:
            comma, target = node.children[2], node.children[3]
            comma.value = " as" if _first_leaf(target).prefix else " as "
            if isinstance(target, pytree.Leaf) and target.type == token.NAME:
                self.report(node.children[0], "old-except-syntax")
                return
            self.report(node.children[0], "unpacking-in-except")
            leaves = list(target.leaves())
            for leaf in leaves:
                leaf.value = ""
            leaves[0].value = "_unpacked"

    def node_tfpdef(self, node):
        self._tuple_parameter(node)

    def node_vfpdef(self, node):
        self._tuple_parameter(node)

    def _tuple_parameter(self, node):
        if node.children[0].type != token.LPAR:
            return
        top = node.parent.type not in (_syms.tfpdef, _syms.vfpdef, _syms.tfplist, _syms.vfplist)
        if top:
            self.report(node.children[0], "parameter-unpacking")
        for leaf in node.leaves():  # def f((a, b)) -> def f( a, b ): the names stay bound
            if leaf.type in (token.LPAR, token.RPAR):
                leaf.value = " "
            elif leaf.type == token.COMMA and leaf.next_sibling is None:
                leaf.value = " "  # the one-name tuple (a,)
        following = node.next_sibling
        if top and following is not None and following.type == token.EQUAL and _parenthesized(node):
            self.report(node.children[0], "python2-syntax-error", detail=PARENTHESIZED_DEFAULT)
        if top and following is not None and following.type == token.EQUAL:
            # def f(y=1, (a, b)=x) -> def f(y=1,  a=None, b =x): after a default each name needs one (tryout14 #8)
            for leaf in [leaf for leaf in node.leaves() if leaf.type == token.NAME][:-1]:
                self.wrap(leaf, after=TUPLE_NAME_DEFAULT)

    def node_typedargslist(self, node):
        self._defaults_order(node)

    def node_varargslist(self, node):
        self._defaults_order(node)

    def _defaults_order(self, node):
        """python2.7's compiler on `def f(x=1, y)` (which Python 3 cannot parse either: both are said)."""
        children, defaulted = node.children, False
        for index, child in enumerate(children):
            if child.type in (token.STAR, token.DOUBLESTAR):
                return
            if child.type in (token.COMMA, token.EQUAL) or index and children[index - 1].type == token.EQUAL:
                continue
            default = index + 1 < len(children) and children[index + 1].type == token.EQUAL
            if defaulted and not default:
                self.report(_first_leaf(child), "python2-syntax-error",
                            detail="non-default argument follows default argument")
                return
            defaulted = default

    def node_arglist(self, node):
        """python2.7's compiler on `f(x=1, 2)` (which Python 3 cannot parse either: both are said)."""
        keyword = False
        for child in node.children:
            if child.type == _syms.argument and child.children[0].type in (token.STAR, token.DOUBLESTAR):
                return  # after *args or **kwargs python2.7 says other things, and the Python 3 parse says them
            named = child.type == _syms.argument and child.children[1].type == token.EQUAL
            if keyword and not named and child.type != token.COMMA:
                self.report(_first_leaf(child), "python2-syntax-error", detail="non-keyword arg after keyword arg")
                return
            keyword = keyword or named

    def node_comp_for(self, node):
        # [x for x in a, b] -> [x for x in (a, b)]
        iterable = node.children[3] if len(node.children) > 3 else None
        if iterable is not None and iterable.type == _syms.testlist_safe and len(iterable.children) > 1:
            self.report(node.children[0], "comprehension-over-bare-tuple")
            self.wrap(_first_leaf(iterable), before="(")
            self.wrap(_last_leaf(iterable), after=")")

    def node_atom(self, node):
        if node.children[0].type == token.BACKQUOTE:
            self.report(node.children[0], "backtick")
            # `` `1, 2` `` is the repr of the tuple: repr((1, 2)), not the call repr(1, 2) (tryout14 #6)
            tuple_ = node.children[1].type == _syms.testlist1
            node.children[0].value = "repr((" if tuple_ else "repr("
            node.children[-1].value = "))" if tuple_ else ")"

    # --- tokens -----------------------------------------------------------------------------
    def leaf(self, leaf):
        if not leaf.value:  # emptied by its statement's rewrite (an except target `l[0]` is now `_unpacked`)
            return
        if leaf.type == token.NAME:
            if leaf.value == "print" and not self.print_function and leaf.parent.type == _syms.simple_stmt:
                leaf.value = "print()"  # a bare `print` statement
            elif leaf.value in ("async", "await", "nonlocal"):
                self.report(leaf, "python3-syntax-error", detail=f"`{leaf.value}` is a keyword in Python 3")
                leaf.value += "_"
            elif leaf.value == "None" and _stores(leaf):  # Python 3 cannot parse it either: both are said
                self.report(leaf, "python2-syntax-error", detail="cannot assign to None")
            elif leaf.value in ("True", "False") and _is_assigned(leaf):
                self.report(leaf, "python3-syntax-error", detail=f"cannot assign to {leaf.value} in Python 3")
                leaf.value += "_"
        elif leaf.type == token.NUMBER:
            leaf.value, symbols = number_leaf(leaf)
            for symbol, detail in symbols:
                self.report(leaf, symbol, **detail)
        elif leaf.type == token.STRING:
            leaf.value, symbols = string(leaf.value)
            for symbol, detail in symbols:
                self.report(leaf, symbol, **detail)
        elif leaf.type == token.NOTEQUAL and leaf.value == "<>":
            self.report(leaf, "old-ne-operator")
            leaf.value = "!="


# The spellings of one token, shared with the rewrite made on the tokens (py2tokens): (Python 3 spelling,
# symbols to report at the token).

def number(value: str, attribute_follows: bool = False) -> tuple:
    """`attribute_follows`: a `.name` right after the literal (`7L.real`), which Python 3 would read as `7.`."""
    symbols = []
    if value[-1] in "lL":
        symbols.append(("long-suffix", {}))
        value = value[:-1]
    elif _is_old_octal(value):
        symbols.append(("old-octal-literal", {}))
    if _is_old_octal(value):
        value = "0o" + value.lstrip("0")
    if symbols and attribute_follows and value.isdigit():
        value = f"({value})"
    return value, symbols


def number_leaf(leaf) -> tuple:
    """`number` of a fissix NUMBER leaf, reading whether an attribute follows it: only a `power` node holds
    trailers (fissix's next_sibling scans the parent's children: a 60,000-item list took minutes, tryout23 #5)."""
    trailer = leaf.next_sibling if leaf.parent is not None and leaf.parent.type == _syms.power else None
    return number(leaf.value, trailer is not None and trailer.type == _syms.trailer
                  and trailer.children[0].value == "." and not trailer.prefix)


def undecodable(body: str) -> list:
    """The `\\N`, `\\u` and `\\U` escapes of a byte string literal's `body` (quotes included) that Python 3 cannot
    decode in the text string it makes of it: `\\N{DASH}` (no such name), a bare `\\N`, `\\u12`. Python 3 then
    cannot parse the file, and no rule of fix doubles the backslash at its syntax stage (tryout6 #14)."""
    found = []
    for match in _UNICODE_ESCAPE.finditer(body):
        try:
            codecs.decode(match.group(2), "unicode_escape")
        except UnicodeDecodeError:
            found.append(match.group(2))
    return found


BACKSLASHES = re.compile(r"(\\+)(.?)", re.S)  # a run of backslashes and the character after it
_RAW_PREFIX = re.compile(r"[uU]?[rR](?=['\"])")


def raw_unicode_escape(literal: str) -> bool:
    """Does the raw string literal `literal` (`ur'...'`, or `r'...'` under unicode_literals: Python 2's raw unicode
    literal) hold a `\\u` or `\\U` escape, which Python 2 reads as one character (after an odd number of
    backslashes) where Python 3's r'' keeps the backslash and the letters (tryout14 #7)?"""
    prefix = _RAW_PREFIX.match(literal)
    return bool(prefix) and any(following in ("u", "U") and len(run) % 2
                                for run, following in BACKSLASHES.findall(literal[prefix.end():]))


def string(value: str) -> tuple:
    quote = min(i for i in (value.find("'"), value.find('"')) if i >= 0)
    prefix, body = value[:quote].lower(), value[quote:]
    symbols = []
    if prefix.startswith("ur"):
        symbols.append(("invalid-unicode-literal", {}))
        prefix = "r"
    if "b" in prefix and any(ord(ch) > 127 for ch in body):
        symbols.append(("non-ascii-bytes-literal", {}))
        body = "".join(ch if ord(ch) < 128 else "?" for ch in body)
    if not prefix:  # a Python 2 byte string: \u and \N are not escapes there, but are in Python 3
        symbols += [("python3-syntax-error", {"detail": _UNDECODABLE.format(escape)}) for escape in undecodable(body)]
        body = _ESCAPE_IN_PY2_STR.sub(r"\1\\\\\2", body)
    return (value[:quote] if prefix == value[:quote].lower() else prefix) + body, symbols


def print_function(text: str) -> bool:
    """Whether `from __future__ import print_function` makes `print` a name (fissix's own reading). A header that
    its tokenizer cannot finish (an unclosed string or bracket: tryout26 #3) imports nothing: the parse that
    follows meets the same TokenError and names it as a syntax error."""
    try:
        return "print_function" in _detect_future_features(text)
    except f_tokenize.TokenError:
        return False


def unlink(tree) -> None:
    """Take a fissix tree apart once it is read: each node links to its parent, a cycle per node, which the cyclic
    collector (paused while a file is checked or fixed: check.engine.collector_paused) would free only after the
    file, ~16 KB per line of the module kept meanwhile; apart, each node goes as soon as nothing holds it."""
    todo = [tree]
    while todo:
        node = todo.pop()
        node.parent = None
        if node.children:  # a Node's list (a Leaf's is an empty tuple)
            todo += node.children
            node.children = []


def python3_spelling(node) -> str:
    """The fissix `node` (without its prefix) spelled for Python 3 as `rewrite` spells it, for a question asked of
    its ast (a fixer reading a statement as check read it)."""
    copy = node.clone()
    copy.prefix = ""
    rewriter = _Rewriter(print_function=False)  # a `print` statement cannot be inside another statement
    rewriter.visit(copy)
    rewriter.apply()
    return str(copy)


def _unread(text: str, where: tuple) -> str:
    """The rest of the line from fissix's (line, column) `where` of what its tokenizer could not read, blanks skipped
    (it stops at the blank before an unended string: `x = "abc` is an ERRORTOKEN ' ')."""
    lines = text.split("\n")  # as fissix's tokenizer reads them
    return lines[where[0] - 1][where[1]:].lstrip() if 0 < where[0] <= len(lines) else ""


def _unended_string(rest: str) -> str | None:
    """python2.7's words for a string that does not end, if one starts `rest` (_unread: a quote on its line, a
    string continued by backslashes, or, at the end of the file, a triple-quoted or continued string's start), else
    None (tryout27 #11)."""
    opener = _STRING_OPENER.match(rest)
    if opener is None:
        return None
    if len(opener[1]) == 3:
        return "EOF while scanning triple-quoted string literal"
    return "EOL while scanning string literal"


def rewrite(text: str) -> Py2Result:
    """Parse `text` with the Python 2 grammar; raise Py2SyntaxError if Python 2 cannot parse it either."""
    grammar, print_function = _grammar(text)
    drv = driver.Driver(grammar, convert=pytree.convert)
    try:
        tree = drv.parse_string(text if text.endswith("\n") else text + "\n")
    except parse.ParseError as exc:
        rest = _unread(text, exc.context[1]) if exc.type == token.ERRORTOKEN else ""
        words = _unended_string(rest) or f"invalid syntax near {(rest[:1] or exc.value)!r}"
        raise Py2SyntaxError(words, exc.context[1][0]) from None
    except (f_tokenize.TokenError, IndentationError) as exc:
        where = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else (1, 0)
        unended = _unended_string(_unread(text, where)) if exc.args[0] == "EOF in multi-line string" else None
        raise Py2SyntaxError(unended or str(exc.args[0]), where[0]) from None
    rewriter = _Rewriter(print_function)
    rewriter.visit(tree)
    rewriter.apply()
    new = str(tree)
    unlink(tree)
    return Py2Result(text=new if text.endswith("\n") else new[:-1], findings=rewriter.findings)

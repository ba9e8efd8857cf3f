"""`\\u`, `\\U` and `\\N{...}` in a plain string literal of a module without unicode_literals: a byte string on
Python 2, which keeps the backslash and the letters (`"\\u00e9"` is six characters), and one character on
Python 3. pylint --py3k does not report it (its W1402 anomalous-unicode-escape-in-string is not a py3k rule).
Not the literal that is the one argument of six.u or of a module-level `u` shim (six's idiom for text on both
Pythons: the escape is meant as the character, tryout8b D3), nor of a shim of another name: a function the module, or
a module of the project it imports it from, defines as decoding its argument with a unicode-escape codec
(testtools' `_u`, tryout20b #1: diracmod/source/escape_shims.py)."""
from __future__ import annotations

import ast
import io
import re
import tokenize
import unicodedata

from diracmod.source import escape_shims, module_nodes
from diracmod.source.py2syntax import raw_unicode_escape
from diracmod.source.tokens import unicode_escapes
from diracmod.source.scopes import binds, scope_bindings

_MARKS = ("\\u", "\\U", "\\N")


def byte_string_unicode_escapes(segment: str) -> list:
    """The `\\u`/`\\U`/`\\N` escapes (two characters each) of the plain literals (neither r, u nor b) of a
    string constant's source text, several for an implicit concatenation."""
    return [literal[offset:offset + 2] for literal in _literals(segment) for offset in unicode_escapes(literal)]


def _literals(segment: str) -> list:
    """The string tokens of a string constant's source text."""
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(segment).readline) if t.type == tokenize.STRING]
    except (tokenize.TokenError, SyntaxError):  # a parenthesised concatenation's indentation: left unread
        return []


_NAMED = re.compile(r"\\N\{([^}]*)\}")
PYTHON3_ONLY = "python3-only-module"


def named_character(segment: str) -> str:
    """The first `\\N{NAME}` escape, NAME a character Python 3 knows, of the plain literals of a string
    constant's source text, or "": a Python 2 author gets the nine (or more) characters as written, which no one
    means; a Python 3 author the one character (tryout18b #4: httplib2's python3/ tree, beside its python2/ twin)."""
    if "\\N{" not in segment:
        return ""
    for literal in _literals(segment):
        for offset in unicode_escapes(literal):
            match = _NAMED.match(literal, offset)
            if match and _known(match.group(1)):
                return match.group()
    return ""


def _known(name: str) -> bool:
    try:
        unicodedata.lookup(name)
    except KeyError:
        return False  # Python 3 cannot parse the literal: Python 2 code (python3-syntax-error)
    return True


def _lines(ctx) -> tuple:
    """The module's lines, and the numbers of those holding a backslash-u, -U or -N: a constant elsewhere holds
    none (a cheap test per constant; ast.get_source_segment would split the whole text each time)."""
    if "unicode-escape-lines" not in ctx.cache:
        lines = ctx.text.split("\n") if any(mark in ctx.text for mark in _MARKS) else []
        ctx.cache["unicode-escape-lines"] = lines, frozenset(
            number for number, line in enumerate(lines, 1) if any(mark in line for mark in _MARKS))
    return ctx.cache["unicode-escape-lines"]


def _source(lines: list, node) -> str:
    """The constant's source text (ast's columns count UTF-8 bytes)."""
    chunk = [line.encode("utf-8") for line in lines[node.lineno - 1:node.end_lineno]]
    chunk[-1] = chunk[-1][:node.end_col_offset]
    chunk[0] = chunk[0][node.col_offset:]
    return b"\n".join(chunk).decode("utf-8", "replace")


def _six_name(alias: ast.alias) -> bool:
    return alias.name == "six" or alias.name.endswith(".six")  # a project's own copy: django.utils.six


def _module_binds_only(scope, name: str, accepted) -> bool:
    """Is `name`, read in `scope`, the module's own name, every binding of which `accepted(binding, node)` takes
    (an import's alias binding it and the import statement, or another binding node twice)?"""
    bound = scope.binding_scope(name)
    if bound is None or bound.parent is not None:
        return False
    bindings = list(scope_bindings(bound.node, name))
    return bool(bindings) and all(
        accepted(next(alias for alias in node.names if binds(alias, name)), node)
        if isinstance(node, (ast.Import, ast.ImportFrom)) else accepted(node, node) for node in bindings)


def _own_shims(ctx) -> frozenset:
    """The names of the module's own shims of six.u (escape_shims.decoding_defs), the tree read once and only where
    the text names a unicode-escape codec."""
    if not escape_shims.may_define(ctx.text):
        return frozenset()
    return module_nodes.once(ctx.tree, escape_shims.decoding_defs)


def _project_names(ctx, name: str) -> bool:
    """Does a module of the project define a shim of six.u named `name`?"""
    return ctx.project is not None and any(shim == name for _, shim in ctx.project.escape_shims)


def _project_shim(ctx, node, alias) -> bool:
    """Does the import `node` bind, by `alias`, a shim of six.u that a module of the project defines
    (ProjectIndex.escape_shim: `from testtools.compat import _u`)?"""
    return (ctx.project is not None and isinstance(node, ast.ImportFrom) and bool(node.module)
            and ctx.project.escape_shim(node.module.rsplit(".", 1)[-1], alias.name))


def _literal_sum(node) -> bool:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and all(
        isinstance(side, ast.Constant) and isinstance(side.value, str) or _literal_sum(side)
        for side in (node.left, node.right))


def six_u_argument(node, ctx) -> bool:
    """Is the constant the one argument (or a part of the `+` of literals that is) of six.u (`import six`,
    `from django.utils import six`), of a `u` the module binds only by `from ... import u` (six's, or a
    project's shim: whoosh.compat) or `def u`, or of a shim of six.u of another name (testtools' `_u`, tryout20b
    #1) the module binds only by defs of which one decodes its argument with a unicode-escape codec, or by an import
    of such a function from a module of the project (`from testtools.compat import _u`, `compat._u` after `from
    testtools import compat`)? Then its `\\u00e9` is meant as the character on both Pythons, which six.u makes of it
    (unicode_escape on Python 2)."""
    at = len(ctx.parents) - 1  # up through `"..." + "..."`, literals only (Whoosh's tests: u('\\u9AD8' + '...'))
    while at > 0 and _literal_sum(ctx.parents[at]):
        node, at = ctx.parents[at], at - 1
    call = ctx.parents[at] if at >= 0 else None
    if not (isinstance(call, ast.Call) and len(call.args) == 1 and call.args[0] is node and not call.keywords):
        return False
    func = call.func
    # the module's bindings are walked only for a name some shim has (a cheap test first)
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and (
            func.attr == "u" or _project_names(ctx, func.attr)):
        return _module_binds_only(ctx.scope, func.value.id, lambda b, _: isinstance(b, ast.alias) and (
            func.attr == "u" and _six_name(b) or ctx.project is not None
            and ctx.project.escape_shim(b.name.rsplit(".", 1)[-1], func.attr)))
    if isinstance(func, ast.Name):
        named_u = func.id == "u" or ctx.scope.qualified_name(func) == "six.u"
        if not (named_u or func.id in _own_shims(ctx) or _project_names(ctx, func.id)):
            return False
        return _module_binds_only(ctx.scope, func.id, lambda b, node: isinstance(b, ast.alias) and (
            named_u and b.name == "u" or _project_shim(ctx, node, b)) or (
            isinstance(b, (ast.FunctionDef, ast.AsyncFunctionDef)) and (named_u or b.name in _own_shims(ctx))))
    return False


def _raw_unicode_literals(segment: str) -> list:
    """(line, column) in `segment` (a string constant's source text) of each of its raw literals that Python 2
    reads as `ur'...'` (under unicode_literals) holding a `\\u` or `\\U` escape (a `ur'...'` itself is E1611)."""
    try:
        return [t.start for t in tokenize.generate_tokens(io.StringIO(segment).readline)
                if t.type == tokenize.STRING and t.string[:1] in "rR" and raw_unicode_escape(t.string)]
    except (tokenize.TokenError, SyntaxError):  # a parenthesised concatenation's indentation: left unread
        return []


def _report_raw(node, ctx, segment: str) -> None:
    """raw-unicode-escape-under-unicode-literals at each such literal of the constant (its own line: the syntax
    stage rewrites the literals on the lines reported)."""
    for row, column in _raw_unicode_literals(segment):
        if (node.lineno + row - 1, "invalid-unicode-literal") in ctx.respelled:
            continue  # the parse read `ur'...'` as r'...': E1611, whose rewrite of the line takes both
        at = ast.Constant(node.value, lineno=node.lineno + row - 1, end_lineno=node.end_lineno,
                          col_offset=node.col_offset + column if row == 1 else column,
                          end_col_offset=node.end_col_offset)
        ctx.report("raw-unicode-escape-under-unicode-literals", at)


class UnicodeEscapeRules:
    @staticmethod
    def visit_Constant(node, ctx):
        if not isinstance(node.value, str) or ctx.text is None:
            return
        lines, marked = _lines(ctx)
        if not any(line in marked for line in range(node.lineno, node.end_lineno + 1)):
            return
        segment = _source(lines, node)
        if "unicode_literals" in ctx.future:  # r'\u00e9' is Python 2's ur'\u00e9' there (tryout14 #7)
            _report_raw(node, ctx, segment)
            return
        if any(mark in segment for mark in _MARKS):
            escapes = byte_string_unicode_escapes(segment)
            if escapes and not six_u_argument(node, ctx):
                ctx.report("unicode-escape-in-byte-string", node, escapes=", ".join(sorted(set(escapes))))
                named = "\\N" in escapes and PYTHON3_ONLY not in ctx.cache and named_character(segment)
                if named:  # one finding says it for the module
                    ctx.cache[PYTHON3_ONLY] = True
                    ctx.report(PYTHON3_ONLY, node, escape=named)

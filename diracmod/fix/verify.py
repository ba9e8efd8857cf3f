"""What a rewrite must keep before it is written: parsing under Python 3 and the Python 2.7 grammar, the
names the module resolves (no new undefined name, as libcst's RenameCommand can leave), every comment,
and the coding declaration. Each check returns why the rewrite is refused, or None."""
from __future__ import annotations

import ast
import builtins
import difflib
import sys
import warnings

from diracmod.fix import python27
from diracmod.source import py2syntax
from diracmod.source.parse import Parsed
from diracmod.source.reader import declared_encoding
from diracmod.source.scopes import SCOPES, Scope, children

_BUILTINS = frozenset(dir(builtins))
_SCOPES = frozenset(SCOPES)  # the node types (a parser's tree holds no subclass of them)


class _AnyLineScope(Scope):
    """A Scope whose bindings count wherever they are: a `del name` statement of a module or class body unbinds
    the name for no read either (unresolved_names reads every load as if after the whole body, so a module-level
    `del _stream` after the print fix's binding made its read unresolved: tryout26c #6)."""
    __slots__ = ()

    def _deleted(self, name: str, line: int, lines) -> bool:
        return False


def unresolved_names(tree: ast.Module) -> set:
    """Names loaded somewhere that no scope around them binds and that are not builtins. Bindings anywhere
    in a scope count (not only earlier ones): this compares two versions of a module, it is no linter."""
    module = _AnyLineScope(tree, None)
    declared_global = set(module.globals)
    loads = set()  # (name, scope): each resolved once
    todo = [(tree, module)]
    while todo:  # iterative: a deep tree must not exhaust the recursion limit
        node, scope = todo.pop()
        for child in children(node):  # not the contexts, operators...: no name, no scope
            kind = type(child)
            if kind is ast.Name:  # it holds no other node, nor does a constant
                if type(child.ctx) is ast.Load and child.id not in _BUILTINS:
                    loads.add((child.id, scope))
                continue
            if kind is ast.Constant:
                continue
            inner = scope
            if kind in _SCOPES:
                inner = _AnyLineScope(child, scope)
                declared_global |= inner.globals
            todo.append((child, inner))
    return {name for name, scope in loads if scope.resolves_to_builtin(name, declared_global, sys.maxsize)}


def python3_problem(parsed: Parsed, original: str | None = None, rewritten: str | None = None) -> str | None:
    """Why Python 3 cannot parse `parsed`, in check's words where it reports python3-syntax-error on the line
    Python 3 stops at; `original`: the user's text that `rewritten` (the text `parsed` was read from) was
    rewritten from, whose line numbers the message gives (the syntax stage adds lines: `import six`). Not
    parsed.text: that is Python 3's stand-in for the text, every Python 2 statement in it spelt otherwise, whose
    lines the original's share less (tryout11 #8: every `raise E, V` a tuple, the line mapped one too low)."""
    if parsed.tree is not None and not parsed.python2_only:
        return None
    if parsed.python3_error:
        line, detail = parsed.python3_error
        named = next((raw[3]["detail"] for raw in parsed.raw if raw[0] == line and raw[2] == "python3-syntax-error"
                      and raw[3].get("detail")), None)
        if named:  # check's python3-syntax-error there names the cause (`async` is a keyword...; tryout10b #7)
            detail = f"{named} (line {line})"
        if original is not None:
            mapped = original_line(original, parsed.text if rewritten is None else rewritten, line)
            detail = detail.replace(f"(line {line})", f"(line {mapped})")
        return f"Python 3 cannot parse it: {detail}"
    details = [raw[3].get("detail", raw[2]) for raw in parsed.raw]
    return "Python 3 cannot parse it" + (f": {details[0]}" if details else "")


def original_line(original: str, rewritten: str, line: int) -> int:
    """The line of `original` that line `line` of its rewrite `rewritten` comes from: an unchanged or changed
    line is its original's, a line the rewrite added is the original line it was put before."""
    lines = original.splitlines()
    index = line - 1
    matcher = difflib.SequenceMatcher(None, lines, rewritten.splitlines(), autojunk=False)
    for tag, first, last, new_first, new_last in matcher.get_opcodes():
        if new_first <= index < new_last:  # a deleted block holds no line of the rewrite
            if tag == "insert":
                return max(1, min(first + 1, len(lines)))
            return first + 1 + min(index - new_first, last - first - 1)
    return line


def _compile_problem(tree: ast.Module) -> str | None:
    """What Python 3's compiler, past the parser, refuses (a __future__ import after other code...)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the compiler's SyntaxWarnings are no reason to refuse
            compile(tree, "<fixed>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return f"{exc.msg} (line {exc.lineno})"
    return None


def python2_verdict(data: bytes) -> str | None:
    """python2.7's own compiler on the bytes to be written: its error, "" when they compile, None when no
    python2.7 is at hand (exact, and ~20 times faster than the grammar)."""
    return python27.compiler().compile(data)


def python2_problem(text: str, verdict: str | None) -> str | None:
    """python2.7's `verdict` (python2_verdict) on the bytes of `text`; without one, fissix's Python 2.7 grammar
    on the text."""
    if verdict is not None:
        return f"Python 2.7 cannot compile it: {verdict}" if verdict else None
    try:
        py2syntax.rewrite(text)
    except py2syntax.Py2SyntaxError as exc:
        return f"Python 2.7 cannot parse it: {exc} (line {exc.line})"
    return None


def problem(before: Parsed, comments_before: int, after: Parsed, comments_after: int, after_text: str,
            verdict: str | None) -> tuple[str | None, str | None]:
    """(why the rewrite of `before` into `after_text` (parsed as `after`; `verdict`: python2_verdict of its
    bytes as they will be written) must not be written, or None; why the rewrite, which may be written, still
    needs a person, or None). The comment counts are those of the two parsed texts."""
    python3 = python3_problem(after)
    if python3:
        return f"the rewrite would not parse: {python3}", None
    compiled = _compile_problem(after.tree)
    if compiled and (before.tree is None or not _compile_problem(before.tree)):
        return f"the rewrite would not compile on Python 3: {compiled}", None
    # the original did not compile either (`import *` in a function...): no fixer's doing, the rewrite is still
    # progress, and the file still needs a person
    unported = compiled and (f"Python 3 cannot compile the fixed file (nor the original): {compiled}: "
                             "change that by hand")
    python2 = python2_problem(after_text, verdict)  # python2.7's compiler, if any, refuses that too
    if python2:
        return f"the rewrite would not parse: {python2}", None
    unresolved = unresolved_names(after.tree) if before.tree is not None else set()
    if unresolved:  # (none: nothing gained, and the original's scopes need no walk)
        gained = unresolved - unresolved_names(before.tree)
        if gained:
            return f"the rewrite would use undefined names: {', '.join(sorted(gained))}", None
    if comments_before != comments_after:
        return f"the rewrite would change the number of comments ({comments_before} -> {comments_after})", None
    return None, unported


def cookie_problem(before: bytes, after: bytes) -> str | None:
    if declared_encoding(before) != declared_encoding(after):
        return "the rewrite would move or change the coding declaration (it must stay on line 1 or 2)"
    return None

"""Stage 1 of `diracmod fix`: fissix fixers for the Python-2-only syntax that diracmod.source.py2syntax
detects (libcst cannot read it). Registered by the symbol check reports; python-modernize's fixers where
they are right, fissix's otherwise, patched where ANCHORS.md shows both wrong:

- raise: fissix and modernize write `raise E(V)` whatever V is, which Python 2 meant only when V was not an
  instance of E, a tuple or None (diracmod/source/old_raise.py): only those shapes are rewritten. For
  `raise E, V, T` fissix writes `.with_traceback()` (not Python 2), modernize `six.reraise(E, V, T)`, which
  fails on Python 3 when V is a message rather than an exception: the value is built as `E(V)`.
- `ur''`: fissix makes it `r''`, a byte string on Python 2: here it stays unicode, backslashes spelled out.
- `0777L`: fissix drops the suffix and leaves the old octal; both are rewritten at once here.
- print: modernize adds `from __future__ import print_function` after every leading string statement, not
  only the docstring: after a second string it is a SyntaxError (Paste's util/PySourceColor.py).
"""
from __future__ import annotations

import ast
import re

from fissix import fixer_base
from fissix import pytree
from fissix.fixer_util import (Assign, Attr, Call, Comma, FromImport, ListComp, LParen, Name, Newline, Number,
                               RParen, String, Subscript, find_indentation, find_root, is_list,
                               is_tuple)
from fissix.fixes import fix_except, fix_exec, fix_ne, fix_print, fix_repr, fix_tuple_params
from fissix.pgen2 import token
from fissix.pygram import python_symbols as _syms
from libmodernize import check_future_import, touch_import
from libmodernize.fixes import fix_raise

from diracmod.source import fissix_grammar  # noqa: F401  (fissix's grammars load without writing to $HOME)
from diracmod.rules.py3k import print_order
from diracmod.rules.py3k.builtin_uses import carry_outside, exec_in_function, unseen_binding
from diracmod.rules.py3k.rebound import rebound_names
from diracmod.source import except_unpacking, old_raise, py2syntax


class LeftForAPerson(Exception):
    """A statement whose rewrite Python 2 would not run alike, and which the print fixer's future import does not
    allow to leave as it is: the module is left, the message says why."""


def _add_future_import(node, feature: str) -> None:
    """`from __future__ import feature` after the docstring and the future imports already there (leading
    comments stay above it), unless it is there."""
    root = find_root(node)
    position = 1 if _docstring(root.children[0]) else 0
    if position and len(root.children[0].children) > 2:  # `"""Doc."""; import os`: the import goes between
        _split_after_first(root.children[0])
    while position < len(root.children) - 1:
        features = check_future_import(root.children[position])
        if not features:
            break
        if feature in features:
            return
        position += 1
    following = root.children[position]
    import_ = FromImport("__future__", [pytree.Leaf(token.NAME, feature, prefix=" ")])
    # the comments above the statement go above the import; a form feed starting the statement's own line (a
    # page break, read as indentation) stays on it
    above = following.prefix.rstrip(" \t\f")
    import_.prefix, following.prefix = above, following.prefix[len(above):]
    root.insert_child(position, pytree.Node(_syms.simple_stmt, [import_, Newline()]))


def _docstring(statement) -> bool:
    """The statement Python makes the docstring: a string however spelled, `"a"`, `("a")`, `"a" "b"` (or `"a" \\`
    on two lines), first on its line."""
    return statement.type == _syms.simple_stmt and _string(statement.children[0])


def _string(node) -> bool:
    if node.type == token.STRING:
        return True
    if node.type != _syms.atom:
        return False
    if node.children[0].type == token.LPAR:
        return len(node.children) == 3 and _string(node.children[1])
    return all(child.type == token.STRING for child in node.children)  # implicitly concatenated


def _split_after_first(line) -> None:
    """`a; b; c` -> `a` and `b; c`, two lines (the `;` dropped)."""
    rest = line.children[2:]
    for child in rest:
        child.remove()
    line.children[1].replace(Newline())
    rest[0].prefix = ""
    line.parent.insert_child(line.parent.children.index(line) + 1, pytree.Node(_syms.simple_stmt, rest))


class FixPrint(fix_print.FixPrint):
    """fissix's print fixer (`print >>f, x,` -> `print(x, file=f, end=" ")`), with the future import that
    keeps `print("a", "b")` printing the same on Python 2. A statement printing one parenthesised value,
    `print (x.y)`, is left: under print_function it is the call print(x.y), which prints the same (fissix
    leaves only a name or literal there and writes `print((x.y))`); `print ()` printed an empty tuple:
    `print(())` (fissix left it, the call printing an empty line)."""
    FUTURE_IMPORT = "print_function"  # it changes every print left: all are rewritten or none

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self._str = None
        self._stream_name = None

    def transform(self, node, results):
        if print_order.reads_bindings(node):
            self.needs_module()  # print_order.why read this piece's bindings of a builtin, not the module's
        if node.type == _syms.print_stmt and (print_order.why(node) or print_order.why_twice(node)) \
                and not print_order.binding(node):
            self.needs_module()  # the name it picks must be unused in the whole module, its scope read whole
            self._bind_stream(node)
        else:
            _check_order(node)
        # first: the call built from `node` takes its prefix, which the import may have taken (comments above)
        _add_future_import(node, self.FUTURE_IMPORT)
        return self.calls(node, results)

    def calls(self, node, results):
        """The print statement `node` as print() calls (None: left as it is, `print (x.y)`), the stream already
        read: one call, or one per run of items where Python 2 wrote no space between them (softspace_splits),
        `print ()` as `print(())`. Doctest examples' print fixer (diracmod/fix/doctests.py) writes them so too."""
        self._node = node
        splits = print_order.softspace_splits(node) if node.type == _syms.print_stmt else []
        if splits and node.children[1].type == token.RIGHTSHIFT and node.children[2].type != token.NAME:
            self.needs_module()  # print_order.why_twice read this piece's bindings of the stream, not the module's
        value = node.children[1] if node.type == _syms.print_stmt and len(node.children) == 2 else None
        if value is not None and value.type == _syms.atom and value.children[0].value == "(":
            if len(value.children) == 2:  # `print ()`
                return empty_tuple_print(node)
            if not _is_tuple_display(value.children[1]):
                return None
        if splits or node.type == _syms.print_stmt and print_order.trailing_end(node) == "":
            node.replace(self._split(node, splits))
            return None
        return super().transform(node, results)

    def _bind_stream(self, node) -> None:
        """`print >>log(), count()` -> `_stream = log()` on a line before it, at its indentation (the comments
        above go above the new line), and `print >>_stream, count()`, which the call then evaluates as Python 2
        did (print_order.why, print_order.binding: where the new name is not seen), then `del _stream` where
        Python 2 dropped its reference, at the end of the statement (tryout26c #6: a file the code then drops,
        `self.log = None`, was closed and flushed there): right after the call(s), `; del _stream`, where
        statements follow it on its line, else on a line of its own after it. The stream is moved, not copied:
        the other fixers' matches in it stay in the tree. The name is print_order.stream_name's, one for the
        module."""
        if self._stream_name is None:
            self._stream_name = print_order.stream_name(str(find_root(node)))
        line, stream = node.parent, node.children[2]
        above = node.prefix
        # its indentation: the last line of its prefix, or the block's INDENT (the first statement of a block)
        indent = above[above.rfind("\n") + 1:] if above else find_indentation(node)
        stream.replace(Name(self._stream_name))
        binding = pytree.Node(_syms.simple_stmt, [
            pytree.Node(_syms.expr_stmt, [Name(self._stream_name), pytree.Leaf(token.EQUAL, "=", prefix=" "), stream]),
            Newline()])
        stream.prefix = " "
        binding.prefix, node.prefix = above, indent
        line.parent.insert_child(line.parent.children.index(line), binding)
        unbind = pytree.Node(_syms.del_stmt, [Name("del"), Name(self._stream_name, prefix=" ")])
        if any(child.type not in (token.SEMI, token.NEWLINE) for child in line.children[1:]):
            unbind.prefix = " "
            line.insert_child(1, pytree.Leaf(token.SEMI, ";"))
            line.insert_child(2, unbind)
        else:
            line.parent.insert_child(line.parent.children.index(line) + 1,
                                     pytree.Node(_syms.simple_stmt, [unbind, Newline()], prefix=indent))

    def needs_module(self) -> None:
        """Called where the decision read the module's bindings: the syntax stage, run on a piece of the module,
        has it raise to run on the whole module."""

    def _split(self, node, splits) -> list:
        """`print "Results:\\n", rows` -> `print("Results:\\n", end=''); print(rows)`: a call for each run of items
        ending after one of `splits` (print_order.softspace_splits: Python 2 wrote no space after it), on the
        statement's line, in the same order; the last call's `end` is print_order.trailing_end's (`print "p\\n",`
        -> `print("p\\n", end='')`, one call). The items are moved, not copied: the other fixers' matches in
        them stay in the tree (fissix re-matches only a node the transform returns)."""
        items = print_order.statement_items(node)
        stream = node.children[2] if node.children[1].type == token.RIGHTSHIFT else None
        trailing = print_order.trailing_end(node)
        parts, start = [], 0
        for stop in [*(split + 1 for split in splits), len(items)]:
            args = []
            for item in items[start:stop]:
                item.remove()
                if args:
                    args.append(Comma())
                else:
                    item.prefix = ""
                args.append(item)
            end = "" if stop < len(items) else trailing
            if end is not None:
                self.add_kwarg(args, "end", String(repr(end)))
            if stream is not None:
                self.add_kwarg(args, "file", stream.clone())
            if parts:
                parts.append(pytree.Leaf(token.SEMI, ";"))
            parts.append(Call(Name("print"), args, prefix=" " if parts else node.prefix))
            start = stop
        return parts

    def add_kwarg(self, l_nodes, s_kwd, n_expr):
        """fissix's, the `end=` and `sep=` literals native strings under unicode_literals (tryout14 #3): a unicode
        `end=' '` joined with the bytes a stream such as StringIO holds fails on Python 2, where the print
        statement's softspace wrote a byte string."""
        if s_kwd in ("end", "sep") and self._native_str():
            n_expr.prefix = ""
            n_expr = Call(Name(self._native_str()), [n_expr])
            if "." in self._str:
                touch_import(None, "six", self._node)
        super().add_kwarg(l_nodes, s_kwd, n_expr)

    def _native_str(self) -> str:
        """The callable making a literal a native str in this module: "" without unicode_literals (a plain literal
        is one), `str`, or `six.moves.builtins.str` where the module may bind str (builtin_bound, as FixRepr)."""
        if self._str is None:  # read once a print statement needs it, not for every file
            module = print_order.module_tree(self._node)
            self._str = ("" if "unicode_literals" not in print_order.futures(self._node)
                         else "six.moves.builtins.str" if builtin_bound(module, "str") else "str")
        return self._str


def empty_tuple_print(node):
    """`print ()` (fissix's print_stmt `node`), the statement printing an empty tuple, as the call `print(())`
    (fissix leaves it, the call printing an empty line); None for any other node (tryout6 #21)."""
    value = node.children[1] if node.type == _syms.print_stmt and len(node.children) == 2 else None
    if value is None or value.type != _syms.atom or len(value.children) != 2 or value.children[0].value != "(":
        return None
    return Call(Name("print"), [pytree.Node(_syms.atom, [LParen(), RParen()])], prefix=node.prefix)


def _check_order(node) -> None:
    """Raises LeftForAPerson where `print >>stream, values` -> `print(values, file=stream)` may print otherwise
    (rules/py3k/print_order.py: check reports print-stream-evaluated-late there) and FixPrint does not bind the
    stream to a name first (print_order.binding)."""
    why, twice = print_order.why(node), print_order.why_twice(node)
    if twice and not why:
        raise LeftForAPerson(f"line {node.get_lineno()}: `print >>{str(node.children[2]).strip()}, ...`: {twice} "
                             f"(print-stream-evaluated-twice): bind the stream to a name first, by hand (fix binds "
                             f"the stream itself where a new name cannot show; not here: {print_order.binding(node)})")
    if why and node.children[1].type != token.RIGHTSHIFT:
        raise LeftForAPerson(
            f"line {node.get_lineno()}: `print ...` would become a call reading sys.stdout after the values (Python 2 "
            f"read it for each item as it wrote it), and {why} (print-stream-evaluated-late): bind the values to "
            f"names first, by hand ({print_order.binding(node)})")
    if why:
        raise LeftForAPerson(
            f"line {node.get_lineno()}: `print >>{str(node.children[2]).strip()}, ...` would become a call "
            f"evaluating the values before the stream (Python 2 evaluates the stream first), and {why} "
            f"(print-stream-evaluated-late): bind the stream or the values to names first, by hand (fix binds the "
            f"stream itself where a new name cannot show; not here: {print_order.binding(node)})")


def _is_tuple_display(inside) -> bool:
    """What is between a pair of parentheses makes a tuple: `a, b` or `a,` (not a generator expression)."""
    return inside.type == _syms.testlist_gexp and any(child.type == token.COMMA for child in inside.children)


class FixExcept(fix_except.FixExcept):
    """`except E, e:` -> `except E as e:`; `except E, (a, b):` binds `exc` and unpacks `exc.args`, except in a
    module where an exception may unpack otherwise (except_unpacking.iterating_class: check's
    unpacking-in-except-iterable-exception): there the try statement is left for a person. In a class body or
    at module level `del exc` follows the unpacking (tryout14 #13): the name would stay a class attribute or a
    global (exported by a star import) holding the exception on Python 2; Python 3 deletes it at the end of
    the handler anyway. fissix's insertion is redone: it put the handler's leading comments twice (the file was
    refused) and joined a one-line handler's statement to the unpacking (invalid): such a try is left."""

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        try:
            self._iterating = except_unpacking.iterating_class(ast.parse(py2syntax.python3_spelling(tree)))
        except SyntaxError:  # check could not read it either: nothing to leave
            self._iterating = None

    def transform(self, node, results):
        unpacking = [clause for clause, _ in fix_except.find_excepts(results["cleanup"])
                     if len(clause.children) == 4 and clause.children[2].value != "as"
                     and clause.children[3].type != token.NAME]
        if self._iterating and unpacking:
            return None  # unpacking-in-except-iterable-exception: left for a person
        if any(suite.type != _syms.suite for clause, suite in fix_except.find_excepts(results["cleanup"])
               if clause in unpacking):
            return None  # `except E, (a, b): x = a` on one line: left (no fixer rewrites it)
        namespace = _namespace_scope(node)
        try_cleanup = [child.clone() for child in results["cleanup"]]
        changed = False
        for clause, suite in fix_except.find_excepts(try_cleanup):
            if len(clause.children) != 4 or clause.children[2].value == "as":
                continue
            comma, target = clause.children[2:4]
            comma.replace(Name("as", prefix=" "))
            changed = True
            if target.type == token.NAME:
                if target.prefix == "":
                    target.prefix = " "
                continue
            name = self.new_name()
            unpacked = target.clone()
            unpacked.prefix = ""
            target.replace(Name(name, prefix=" "))
            value = Attr(Name(name, prefix=" "), Name("args")) if is_tuple(unpacked) or is_list(unpacked) else Name(name)
            lines = [Assign(unpacked, value)]
            if namespace:
                lines.append(pytree.Node(_syms.del_stmt, [Name("del"), Name(name, prefix=" ")]))
            _first_in_suite(suite, lines)
        if not changed:
            return None
        tail = [child.clone() for child in results["tail"]]
        return pytree.Node(node.type, [child.clone() for child in node.children[:3]] + try_cleanup + tail)

    def new_name(self, template="exc"):
        return super().new_name(template)


def builtin_bound(tree: ast.Module, name: str) -> bool:
    """May the module bind the builtin `name` itself, so that a rewrite writing `name(...)` (a backtick's
    `repr(x)`, print's `str(' ')`) would call that? A binding it writes (a parameter, a function of that name:
    rebound_names, as for the names stage 2 writes; tryout12 #10) or one it may make unseen (`globals().update(...)`,
    `globals()['re' + 'pr'] = ...`, a star import: the test file -> open uses, builtin_uses.unseen_binding;
    tryout13 #3)."""
    return name in rebound_names(tree) or bool(unseen_binding(tree, name))


def _namespace_scope(node) -> bool:
    """Is a name `node` binds seen: it runs in a class body or at module level (the name is an attribute of
    either), or in a function that reads its own namespace (locals(), vars(), dir(), eval, exec: the test run
    without .pyc showed `exc2` in a function's locals())?"""
    while node is not None and node.type not in (_syms.funcdef, _syms.classdef):
        node = node.parent
    return node is None or node.type == _syms.classdef or any(
        leaf.type == token.NAME and leaf.value in _NAMESPACE_READERS for leaf in node.leaves())


_NAMESPACE_READERS = frozenset({"locals", "vars", "dir", "eval", "exec", "execfile"})


def _first_in_suite(suite, statements) -> None:
    """`statements` (small statements) as the first lines of the indented `suite`, after its leading comments
    (the INDENT's prefix), each on a line of its own."""
    indent = suite.children[1].value
    first = suite.children[2]
    lines = [pytree.Node(_syms.simple_stmt, [statement, Newline()], prefix="" if i == 0 else indent)
             for i, statement in enumerate(statements)]
    first.prefix = indent + first.prefix
    for i, line in enumerate(lines):
        suite.insert_child(2 + i, line)


class FixRepr(fix_repr.FixRepr):
    """`` `x` `` -> `repr(x)` (fissix's); `six.moves.builtins.repr(x)` in a module that may bind `repr` itself
    (builtin_bound: with what the project assigns it by name, builtin_uses.OUTSIDE, which the syntax stage gives
    the fissix tree), or in a function around it that may bind it by an exec statement (exec_in_function: Python
    2 then looks `repr` up in the namespace exec wrote, a backtick never looks it up: tryout15 #2)."""

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self._tree, self._repr_bound, self._exec = tree, None, {}

    def transform(self, node, results):
        call = super().transform(node, results)
        if self._repr_bound is None:  # read once a backtick is met, not for every file
            try:
                self._repr_bound = builtin_bound(
                    carry_outside(self._tree, ast.parse(py2syntax.python3_spelling(self._tree))), "repr")
            except SyntaxError:  # check could not read it either: the spelling that is right either way
                self._repr_bound = True
        if self._repr_bound or any(_exec_binds(self._exec, function, "repr") for function in _functions_around(node)):
            touch_import(None, "six", node)
            call.children[0].value = "six.moves.builtins.repr"
        return call


def _exec_binds(cache: dict, function, name: str) -> bool:
    """May an exec statement in the fissix `function` (a funcdef) bind `name` there (builtin_uses.exec_in_function),
    kept in `cache` (a fixer's, for a module)?"""
    key = id(function), name
    if key not in cache:
        try:
            cache[key] = bool(exec_in_function(ast.parse(py2syntax.python3_spelling(function)).body[0], name))
        except SyntaxError:  # the spelling that is right either way
            cache[key] = True
    return cache[key]


def _functions_around(node):
    """The fissix funcdefs around `node`, innermost first."""
    node = node.parent
    while node is not None:
        if node.type == _syms.funcdef:
            yield node
        node = node.parent


class FixTupleParams(fix_tuple_params.FixTupleParams):
    """`def f((a, b)):` -> `def f(params): (a, b) = params` (fissix's). A lambda's tuple parameters become
    names that a one-item list comprehension unpacks, `lambda x, (k, v): v` -> `lambda x, k_v: [v for (k, v)
    in [k_v]][0]`: Python 2's own unpacking, any iterable of the right length, ValueError otherwise. fissix's
    indexing `k_v[1]` took a set or an iterator no more and a tuple of any length; it also misses a tuple
    parameter after another parameter (`lambda a, (b, c): ...`)."""
    PATTERN = fix_tuple_params.FixTupleParams.PATTERN + """
              |
              lambda=lambdef< 'lambda' several=varargslist< any* > ':' body=any >
              """

    def new_name(self, template="params"):
        return super().new_name(template)

    def transform(self, node, results):
        if "lambda" not in results:
            return self._transform_def(node, results)
        parameters = results["several"].children if "several" in results else [results["args"]]
        self._unpack_in_body(node, [parameter for parameter in parameters if parameter.type == _syms.vfpdef])
        return None

    def _unpack_in_body(self, lambda_, parameters):
        """Each tuple parameter becomes a name; the body, `[body for (a, b), (c, d) in [(a_b, c_d)]][0]`,
        unpacks them left to right as Python 2 did on the call. `(x)` alone is only parenthesised: `x`."""
        targets, names = [], []
        for parameter in parameters:
            inner = fix_tuple_params.simplify_args(parameter.children[1])
            prefix = parameter.prefix or " "  # `lambda(x): x` has none: the name needs one
            if inner.type == token.NAME:
                parameter.replace(Name(inner.value, prefix=prefix))
                continue
            name = self.new_name(fix_tuple_params.tuple_name(fix_tuple_params.find_params(parameter)))
            target = parameter.clone()
            target.prefix = " " if targets else ""
            targets.append(target)
            names.append(Name(name, prefix=" " if names else ""))
            parameter.replace(Name(name, prefix=prefix))
        if not targets:
            return
        body = lambda_.children[-1]
        prefix = body.prefix
        body.remove()
        names = _listed(names, _syms.testlist_gexp)
        if len(targets) > 1:
            names = pytree.Node(_syms.atom, [LParen(), names, RParen()])
        listed = pytree.Node(_syms.atom, [pytree.Leaf(token.LSQB, "["), names, pytree.Leaf(token.RSQB, "]")])
        comprehension = ListComp(body, _listed(targets, _syms.exprlist), listed)
        lambda_.append_child(pytree.Node(_syms.power, [comprehension, Subscript(Number("0"))], prefix=prefix))

    def _transform_def(self, node, results):
        """fissix's, its unpacking lines put after a docstring it does not know as one (`("Doc.")`, `"a" "b"`),
        and after the docstring of a one-line suite (`def f((a, b)): "Doc."; return a`), which fissix put them
        before (tryout12 #8: the function lost its __doc__)."""
        self._only_parenthesised(results["args"])
        if not any(leaf.type == _syms.tfpdef for leaf in _parameters(results["args"])):
            return None
        block = results["suite"][0]
        indented = block.children[1].type == token.INDENT
        if not indented:
            return self._transform_one_line(node, results, block)
        docstring = block.children[2] if _docstring(block.children[2]) else None
        before = docstring.prefix if docstring is not None else ""
        # fissix gives the statement after a docstring its indent as prefix, comments and all (tryout16b #4)
        following = block.children[3] if docstring is not None and len(block.children) > 3 else None
        kept = following.prefix if following is not None else ""
        super().transform(node, results)
        if following is not None and following.parent is block:
            following.prefix = kept
        if docstring is not None and block.children.index(docstring) != 2:
            indent = docstring.prefix  # fissix's, for the line after its first one
            docstring.remove()
            block.insert_child(2, docstring)
            docstring.prefix, block.children[3].prefix = before, indent

    @staticmethod
    def _only_parenthesised(args):
        """`def scale((value), factor=2)`: in Python 2's grammar `(value)` is `value` (`scale(value=4)` works), only
        `(a,)` or `(a, b)` unpack: the parentheses go, as for a lambda's, and the name stays (tryout16 #10)."""
        for parameter in _parameters(args):
            if parameter.type != _syms.tfpdef:
                continue
            inner = parameter
            while inner.type == _syms.tfpdef:
                inner = inner.children[1]
            if inner.type == token.NAME:
                parameter.replace(Name(inner.value, prefix=parameter.prefix))

    def _transform_one_line(self, node, results, line):
        """`def f((a, b)): "Doc."; return a` -> `def f(params): "Doc."; (a, b) = params; return a`. fissix puts
        its statements first in the line (each a simple_stmt whose successor's prefix holds the `; `)."""
        docstring = line.children[0] if _string(line.children[0]) else None
        before = docstring.prefix if docstring is not None else ""
        super().transform(node, results)
        if docstring is not None and line.children.index(docstring) != 0:
            docstring.remove()
            line.insert_child(0, docstring)
            docstring.prefix, line.children[1].prefix = before, "; "


def _parameters(args) -> list:
    """A def's parameters and their punctuation: the children of its argument list, or the one parameter."""
    return list(args.children) if args.type == _syms.typedargslist else [args]


def _listed(items, type_):
    """`a`, or `a, b` as a node of type_."""
    if len(items) == 1:
        return items[0]
    children = [items[0]]
    for item in items[1:]:
        children += [Comma(), item]
    return pytree.Node(type_, children)


class FixNumbers(fixer_base.BaseFix):
    """`10L` -> `10`, `0755` -> `0o755`, `0755L` -> `0o755`, `7L.real` -> `(7).real`: same value on Python 2.6+ and 3."""
    _accept_type = token.NUMBER

    def match(self, node):
        return py2syntax.number_leaf(node)[0] != node.value

    def transform(self, node, results):
        # the leaf respelled in place: fissix's replace() copies the parent's children (tryout23 #5: one list of
        # 60,000 `0L` items took minutes)
        node.value = py2syntax.number_leaf(node)[0]
        node.changed()


def _as_checked(node) -> ast.Raise:
    """The statement `raise E, V[, T]` as check reads it: `raise (E, V[, T])`."""
    return ast.parse(py2syntax.python3_spelling(node)).body[0]


def _is_none(node) -> bool:
    return node.type == token.NAME and node.value == "None"


class FixRaise(fix_raise.FixRaise):
    """`raise E, V` -> `raise E(V)` (modernize's, fissix's `E(a, b)` for a tuple display), `raise E, None` ->
    `raise E()`: only the shapes whose meaning Python 2's rules fix (old_raise.unknown)."""

    def transform(self, node, results):
        if "val" in results and old_raise.unknown(_as_checked(node)):
            return None  # old-raise-syntax-value-unknown: left for a person
        if "val" in results and _is_none(results["val"]):  # Python 2 called E()
            exc = results["exc"].clone()
            exc.prefix = " "
            return pytree.Node(_syms.raise_stmt, [Name("raise"), Call(exc, [])], prefix=node.prefix)
        return super().transform(node, results)


class FixRaiseReraise(fixer_base.BaseFix):
    """`raise E, V, T` -> `six.reraise(E, V, T)`, Python 2's own statement there; the value built as `E(V)` /
    `E(*V)` when V is a message or a tuple of arguments (as Python 2 does: Python 3's reraise raises the value
    it is given); None stays, six.reraise calls `E()` itself. Only when E is a class if the value is built; V
    passed as it is only where it is an instance of E, `E(...)` or the type and value of one sys.exc_info()
    (old_raise.unknown: check, which reads where those names are bound, reported the statement as old-raise-syntax;
    the other shapes are old-raise-syntax-value-unknown, tryout12 #6)."""
    BM_compatible = True
    PATTERN = "raise_stmt< 'raise' exc=any ',' val=any ',' tb=any >"

    def transform(self, node, results):
        statement = _as_checked(node)
        if old_raise.unknown(statement, pairs=None):
            return None  # old-raise-syntax-value-unknown: left for a person
        exc, val, tb = (results[key].clone() for key in ("exc", "val", "tb"))
        exc.prefix, val.prefix, tb.prefix = "", "", " "
        if isinstance(statement.exc.elts[1], ast.Tuple):  # Python 2 calls E(*V); a tuple display is in parentheses
            value = Call(exc.clone(), [child.clone() for child in val.children[1:-1]])
        elif old_raise.message(statement.exc.elts[1]):
            value = Call(exc.clone(), [val])
        else:
            value = val
        value.prefix = " "
        touch_import(None, "six", node)
        return Call(Name("six.reraise"), [exc, Comma(), value, Comma(), tb], prefix=node.prefix)


class FixComprehensionTuple(fixer_base.BaseFix):
    """`[x for x in 1, 2]` -> `[x for x in (1, 2)]`: fissix's fix_paren, which wants a single name before
    `in` and misses a nested `for`; here any target and every `for` of the comprehension."""
    BM_compatible = True
    PATTERN = "comp_for< 'for' any 'in' target=testlist_safe< any (',' any)+ [','] > [any] >"

    def transform(self, node, results):
        target = results["target"]
        target.insert_child(0, LParen())
        target.children[0].prefix, target.children[1].prefix = target.children[1].prefix, ""
        target.append_child(RParen())


class FixUnicodeRaw(fixer_base.BaseFix):
    """`ur'\\d+'` -> `u'\\\\d+'`: still unicode on Python 2, same characters. Python 2 processed `\\u`
    and `\\U` escapes in `ur''` (after an odd number of backslashes): those stay escapes. Under unicode_literals
    `r'...'` is Python 2's `ur'...'`: one holding such an escape (raw-unicode-escape-under-unicode-literals,
    tryout14 #7) becomes `'...'` (unicode there too) the same way."""
    _accept_type = token.STRING

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.unicode_literals = "unicode_literals" in getattr(tree, "future_features", ())

    def match(self, node):
        prefix = node.value[:2].lower()
        return prefix == "ur" or (self.unicode_literals and prefix[0] == "r"
                                  and py2syntax.raw_unicode_escape(node.value))

    def transform(self, node, results):
        unicode_prefix = node.value[:1] if node.value[:1] in "uU" else ""
        start = len(unicode_prefix) + 1
        quote = node.value[start:start + 3] if node.value[start:start + 3] in ('"""', "'''") else node.value[start]
        body = node.value[start + len(quote):-len(quote)]

        def spelled_out(match):
            count, following = len(match.group(1)), match.group(2)
            if following in ("u", "U") and count % 2:
                return "\\" * (2 * (count - 1)) + "\\" + following
            return "\\" * (2 * count) + ("\\" if following == quote[0] else "") + following

        node.value = unicode_prefix + quote + py2syntax.BACKSLASHES.sub(spelled_out, body) + quote
        node.changed()


# symbol -> the fixers that rewrite it (a fixer may serve two symbols: the same syntax node)
BY_SYMBOL = {
    "print-statement": (FixPrint,),
    "print-stream-evaluated-late": (FixPrint,),  # its stream bound to a name first (FixPrint._bind_stream)
    "print-stream-evaluated-twice": (FixPrint,),  # so too, then a call per run of items (FixPrint._split)
    "exec-statement": (fix_exec.FixExec,),
    "backtick": (FixRepr,),
    "old-ne-operator": (fix_ne.FixNe,),
    "long-suffix": (FixNumbers,),
    "old-octal-literal": (FixNumbers,),
    "old-except-syntax": (FixExcept,),
    "unpacking-in-except": (FixExcept,),
    "old-raise-syntax": (FixRaise, FixRaiseReraise),
    "parameter-unpacking": (FixTupleParams,),
    "comprehension-over-bare-tuple": (FixComprehensionTuple,),
    "invalid-unicode-literal": (FixUnicodeRaw,),
    "raw-unicode-escape-under-unicode-literals": (FixUnicodeRaw,),
}

"""A call without one of its arguments, every comment around it kept: what the fixers that drop a `None` Python 2
took as its default (positional-cmp-none's `sort(None, reverse=True)`, using-cmp-argument's `cmp=None`) share.
The argument's value is a name (None): only the whitespace around it and its comma may hold comments."""
from __future__ import annotations

import libcst as cst


def without_argument(call: cst.Call, dropped: cst.Arg) -> cst.Call:
    """`call` without `dropped` (one of its args): the whitespace from the comma before it (or the opening
    parenthesis) to the comma after it (or the closing parenthesis) becomes one, keeping its comments."""
    args = list(call.args)
    at = args.index(dropped)
    args.pop(at)
    own = _around(dropped)
    if at == len(args):  # it was last: the argument before it ends the call now, with the dropped one's comma
        if not args:
            return call.with_changes(args=[], whitespace_before_args=_merged(
                [call.whitespace_before_args, *own, *_comma(dropped.comma)]))
        before = args[-1]
        args[-1] = before.with_changes(comma=dropped.comma, whitespace_after_arg=_merged(
            [before.whitespace_after_arg, *_comma(before.comma), *own]))
        return call.with_changes(args=args)
    own += _comma(dropped.comma)
    if not at:
        return call.with_changes(args=args, whitespace_before_args=_merged([call.whitespace_before_args, *own]))
    comma = args[at - 1].comma
    args[at - 1] = args[at - 1].with_changes(comma=comma.with_changes(
        whitespace_after=_merged([comma.whitespace_after, *own])))
    return call.with_changes(args=args)


def _around(arg: cst.Arg) -> list:
    """The whitespace of the argument itself, in the order of its text (lpar outermost first, rpar innermost)."""
    pieces = [arg.whitespace_after_star]
    if isinstance(arg.equal, cst.AssignEqual):
        pieces += [arg.equal.whitespace_before, arg.equal.whitespace_after]
    pieces += [paren.whitespace_after for paren in arg.value.lpar]
    pieces += [paren.whitespace_before for paren in arg.value.rpar]
    return [*pieces, arg.whitespace_after_arg]


def _comma(comma) -> list:
    return [comma.whitespace_before, comma.whitespace_after] if isinstance(comma, cst.Comma) else []


def _merged(pieces: list):
    """One whitespace for the run `pieces` (the first stands where the run starts): without a line break, the
    first; with line breaks, the last of them (the line break after the dropped argument stays, in place of
    the space before it) carrying every comment of the run, each on a line of its own."""
    breaks = [piece for piece in pieces if isinstance(piece, cst.ParenthesizedWhitespace)]
    if not breaks:
        return pieces[0]
    last = breaks[-1]
    commented = [line for piece in breaks for line in (piece.first_line, *piece.empty_lines) if line.comment]
    if not commented:
        return last
    first, *rest = commented
    if isinstance(first, cst.EmptyLine):  # a comment on a line of its own now ends the line before
        first = cst.TrailingWhitespace(cst.SimpleWhitespace("  "), first.comment, first.newline)
    rest = [line if isinstance(line, cst.EmptyLine) else cst.EmptyLine(
        indent=last.indent, whitespace=last.last_line, comment=line.comment, newline=line.newline) for line in rest]
    return last.with_changes(first_line=first, empty_lines=rest)

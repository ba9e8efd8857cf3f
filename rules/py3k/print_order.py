"""`print >>stream, values` -> `print(values, file=stream)`: Python 2 evaluates the stream first, the call the
values first (tryout3 #1, tryout5 #35). Where that may show, the print statement is reported as
print-stream-evaluated-late and `diracmod fix` leaves the module whole (its print_function would make every print
statement a call): check (diracmod/check/engine.py) and the fixer (syntax_fix.FixPrint) read this one function.

The order may show when one side's evaluation can change what the other evaluates to, or when both may run code
(each may write output, or change what the other reads):
- values that are all literals: nothing to reorder;
- a stream that runs code (a call, a subscript, an attribute of anything but a name: anything but
  moves.read_only): its code may rebind or change any value but a literal or a name local to the function;
- a stream that is a name or an attribute of a name: a call among the values may rebind that name or assign that
  attribute (`print >>out, reset()` where reset() rebinds the global out; `print >>sys.stdout, redirect()`), except
  for a name local to an enclosing function (Python 2 has no `nonlocal`: no call rebinds it). Operators and
  attribute reads among the values are taken not to (a property or `__mod__` that replaces the stream).
"""
from __future__ import annotations

import ast
import re

from fissix import pygram, pytree
from fissix.pgen2 import driver, token
from fissix.pygram import python_symbols as _syms

from diracmod.rules.py3k.moves import read_only
from diracmod.source import fissix_grammar  # noqa: F401  (fissix's grammars load without writing to $HOME)
from diracmod.source.py2syntax import python3_spelling

SYMBOL = "print-stream-evaluated-late"
_CHEVRON = re.compile(r"\bprint\s*>>")  # the text may hold one: only then is the module read with fissix
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def why(node) -> str:
    """Why the fissix print statement `node` may print otherwise as a call, or "" (not `print >>stream, ...`, or
    the order cannot show)."""
    if node.type != _syms.print_stmt or len(node.children) < 4 or node.children[1].type != token.RIGHTSHIFT:
        return ""
    stream = _expression(node.children[2])
    values = [_expression(child) for child in node.children[4:] if child.type != token.COMMA]
    if all(isinstance(value, ast.Constant) for value in values):
        return ""
    if stream is None or not read_only(stream):
        if all(isinstance(value, ast.Constant) or (isinstance(value, ast.Name) and _local(node, value.id))
               for value in values):
            return ""
        return "the stream runs code that may change the values printed, or write before them"
    if isinstance(stream, ast.Name) and _local(node, stream.id):
        return ""
    if any(value is None or any(isinstance(part, ast.Call) for part in ast.walk(value)) for value in values):
        return "a value calls code that may rebind or replace the stream"
    return ""


def findings(text: str) -> list:
    """(line, column, SYMBOL, detail) for each print statement of the module `text` (Python 2, no print_function)
    whose order may show; none where fissix cannot read it (fix cannot either)."""
    if not _CHEVRON.search(text):
        return []
    try:
        tree = driver.Driver(pygram.python_grammar, convert=pytree.convert).parse_string(
            text if text.endswith("\n") else text + "\n")
    except Exception:  # noqa: BLE001  fissix raises its parser's and tokenizer's errors
        return []
    found = []
    for node in tree.pre_order():
        reason = why(node) if node.type == _syms.print_stmt else ""
        if reason:
            found.append((node.get_lineno(), _column(node), SYMBOL,
                          {"stream": str(node.children[2]).strip(), "why": reason}))
    return found


def _column(node) -> int:
    leaf = node
    while not isinstance(leaf, pytree.Leaf):
        leaf = leaf.children[0]
    return leaf.column


def _expression(node):
    """The ast of the fissix expression `node` as check reads it; None where Python 3 cannot read it."""
    try:
        return ast.parse(f"({python3_spelling(node)})", mode="eval").body
    except SyntaxError:
        return None


def _local(node, name: str) -> bool:
    """Is `name` a variable of a function enclosing `node` (bound there, not declared global): no call can rebind
    it on Python 2."""
    parent = node.parent
    while parent is not None:
        if parent.type == _syms.funcdef:
            try:
                function = ast.parse(python3_spelling(parent).lstrip()).body[0]
            except SyntaxError:
                return False
            if name in _bound(function):
                return True
        parent = parent.parent
    return False


def _bound(function) -> set:
    """The names `function`'s own body binds (not its nested functions' or classes'), less those it declares
    global."""
    names = {arg.arg for arg in ast.walk(function.args) if isinstance(arg, ast.arg)}
    declared = set()
    pending = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Global):
            declared.update(node.names)
        elif isinstance(node, (ast.Name,)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        if isinstance(node, _FUNCTIONS):
            if not isinstance(node, ast.Lambda):
                names.add(node.name)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return names - declared

"""`print >>stream, values` -> `print(values, file=stream)`: Python 2 evaluates the stream first, the call the
values first (tryout3 #1, tryout5 #35). Where that may show, the print statement is reported as
print-stream-evaluated-late, and `diracmod fix` binds the stream to a new name on a line before it (`_stream =
sys.stderr`, then `print(count(), file=_stream)`: tryout23) where the stream is a name or an attribute chain of
names and that name cannot show (binding, stream_name), and
leaves the module whole otherwise (its print_function would make every print statement a call): check
(diracmod/check/engine.py) and the fixer (syntax_fix.FixPrint) read these same functions.
So they read softspace_splits (where Python 2 wrote no space between two items: the fixer writes a call per run
of items), trailing_end (`end=''` after a last item that leaves the softspace unset) and why_twice
(print-stream-evaluated-twice: those calls would evaluate a stream that runs code twice, unless fix binds it to a
name first: binding). A print statement without `>>` writes to sys.stdout, which Python 2 looked up for each item
as it wrote it and print() once after the values: where a value after an earlier item calls a function the module
defines that assigns or closes sys.stdout, itself or through further calls of the module's functions (_stdout_late,
read only where the module's text matches STDOUT_WRITTEN), or a module-level function of another module of the
project that does, which the module imports (the project index's, stdout_writes.IMPORTED: tryout27 #10), it is
print-stream-evaluated-late too, and fix leaves the module, no name bound first helping (tryout26c #3).

The order may show when one side's evaluation can change what the other evaluates to, or when both may run code
(each may write output, or change what the other reads):
- values that are all literals: nothing to reorder;
- a stream that runs code (a call, a subscript, an attribute of anything but a name: anything but
  moves.read_only): its code may rebind or change any value but a literal or a name local to the function;
- a stream that is a name or an attribute of a name: a call among the values may rebind that name or assign that
  attribute (`print >>out, reset()` where reset() rebinds the global out; `print >>sys.stdout, redirect()`), and so
  may a yield among the values (`print >>out, "got", (yield)`: the caller runs before the stream is read), and a
  list comprehension whose loop variable is the stream's name (`print >>log, [log.name for log in logs]`: Python
  2's binds it in the enclosing scope; tryout26 #4), except
  for a name local to an enclosing function (Python 2 has no `nonlocal`: no call rebinds it). Operators and
  attribute reads among the values are taken not to (a property or `__mod__` that replaces the stream), and so are
  the calls that run no code of the module's but what those do (harmless): a builtin of HARMLESS_BUILTINS the
  module never binds, in any scope, nor may bind unseen (a star import, a write to its namespace or the builtins
  module's: builtin_uses.unseen_binding), called without a function to call back (no `key=`, no sorted's cmp, no
  `*args`/`**kwargs`, getattr with two arguments), and a method of HARMLESS_METHODS of a string literal
  (`", ".join(names)`); their arguments are read the same way. The special methods and the iteration they run
  (`__str__`, `__len__`, a generator's body) are taken not to replace the stream, as an operator's are.
"""
from __future__ import annotations

import ast
import codecs
import re
import warnings

from fissix import pygram, pytree
from fissix.pgen2 import driver, token
from fissix.pygram import python_symbols as _syms

from diracmod.rules.py3k.builtin_uses import carry_outside, unseen_binding
from diracmod.rules.py3k.moves import read_only
from diracmod.source import fissix_grammar  # noqa: F401  (fissix's grammars load without writing to $HOME)
from diracmod.source import module_nodes
from diracmod.source.py2syntax import python3_spelling
from diracmod.source.reader import declared_encoding
from diracmod.source.scopes import function_locals, stores
from diracmod.source.stdout_writes import IMPORTED, STDOUT, STDOUT_WRITTEN, defined, reaches
from diracmod.source.tables import STDLIB_MODULES

SYMBOL = "print-stream-evaluated-late"
# `print >>stream(), "Results:\n", rows`: exact only as two calls, each evaluating the stream (softspace_splits)
TWICE_SYMBOL = "print-stream-evaluated-twice"
SYMBOLS = (SYMBOL, TWICE_SYMBOL)  # fix leaves a module holding either, unless it binds the stream (binding)
STREAM_NAME = "_stream"  # the name fix binds a stream to (stream_name: _stream2... where the module's text has it)
# calls that read or write a namespace by its keys, or run code that may: a new name there may show
_NAMESPACE_READERS = frozenset({"locals", "vars", "globals", "dir", "eval", "exec", "execfile", "input"})
_CHEVRON = re.compile(r"\bprint\s*>>")  # the text may hold one: only then is the module read with fissix
_WRITTEN: list = [None, False]  # the fissix root last asked about, and whether its text matches STDOUT_WRITTEN
_CLAUSES = frozenset({"if", "elif", "else", "for", "while", "try", "finally", "with", "def", "class"})
# Python 2's builtins whose call runs no code but the special methods of its arguments (and their iteration), given
# no function to call (key=, cmp): their number of positional arguments at most, None for any
HARMLESS_BUILTINS = {"len": 1, "str": 1, "repr": 1, "int": 2, "long": 2, "float": 1, "tuple": 1, "list": 1,
                     "dict": 1, "sorted": 1, "min": None, "max": None, "abs": 1, "round": 2, "hex": 1, "oct": 1,
                     "ord": 1, "chr": 1, "unichr": 1, "unicode": 3, "bool": 1, "set": 1, "frozenset": 1,
                     "isinstance": 2, "getattr": 2}
_KEYWORDS_ALLOWED = {"sorted": {"reverse"}, "dict": None}  # None: any (dict(a=1) calls nothing)
# str (and unicode) methods calling nothing but their arguments' special methods (not encode, decode: a codec)
HARMLESS_METHODS = frozenset({
    "join", "format", "upper", "lower", "strip", "lstrip", "rstrip", "replace", "split", "rsplit", "splitlines",
    "center", "ljust", "rjust", "zfill", "title", "capitalize", "swapcase", "startswith", "endswith", "find",
    "rfind", "index", "rindex", "count", "expandtabs", "partition", "rpartition", "isdigit", "isalpha", "isalnum",
    "isspace", "islower", "isupper", "istitle"})
_BOUND: list = [None, None]  # the fissix root last asked about, and the names its module binds
_FUTURES: list = [None, frozenset()]  # _BOUND's module read, and the future features it imports
# _BOUND's module read, the functions it defines by name (stdout_writes.defined) and {(name, stream): reaches}
_DEFINED: list = [None, {}, {}]
_IMPORTS: list = [None, {}]  # _BOUND's module read, and the project's stdout writers it imports (_imported_writers)


def why(node) -> str:
    """Why the fissix print statement `node` may print otherwise as a call, or "" (the order cannot show; for a
    print statement without `>>`, _stdout_late)."""
    if node.type != _syms.print_stmt:
        return ""
    if len(node.children) < 4 or node.children[1].type != token.RIGHTSHIFT:
        return _stdout_late(node)
    stream = _expression(node.children[2])
    values = [_expression(child) for child in node.children[4:] if child.type != token.COMMA]
    if all(isinstance(value, ast.Constant) for value in values):
        return ""
    if stream is None or not read_only(stream):
        if all(isinstance(value, ast.Constant) or (isinstance(value, ast.Name) and _local(node, value.id))
               for value in values):
            return ""
        return "the stream runs code that may change the values printed, or write before them"
    root = stream
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(root, ast.Name) and root.id in _leaked(values):
        return f"a list comprehension among the values rebinds the stream's name {root.id} (Python 2's binds its " \
               f"loop variable in the enclosing scope)"
    if isinstance(stream, ast.Name) and _local(node, stream.id):
        return ""
    if any(value is None for value in values):
        return "a value calls code that may rebind or replace the stream"
    calls = [part for value in values for part in ast.walk(value) if isinstance(part, (ast.Call, ast.Yield))]
    if calls and not all(isinstance(call, ast.Call) and _harmless(call, node) for call in calls):
        return "a value calls code that may rebind or replace the stream"
    return ""


def _stdout_late(node) -> str:
    """Why the fissix print statement `node` without `>>` may print otherwise as a call, or "": a value after an
    earlier item calls a function the module defines, or one of another module of the project it imports, that
    assigns, closes, truncates or seeks sys.stdout (_disturbing). Python 2 looked sys.stdout up for each item as it
    wrote it, print() once after the values (tryout26c #3: `print "Output goes to", redirect(path)` wrote its first
    item to the terminal, print() to the file). Read only where a value after the first holds a call and the
    module's text matches STDOUT_WRITTEN or names such a function of the project (stdout_writes.IMPORTED)."""
    items = statement_items(node)
    if not any(part.type == _syms.trailer and part.children[0].type == token.LPAR
               for item in items[1:] for part in item.pre_order()):
        return ""
    root = node
    while root.parent is not None:
        root = root.parent
    if _WRITTEN[0] is not root:
        _WRITTEN[:] = [root, bool(getattr(root, IMPORTED, None) or STDOUT_WRITTEN.search(str(root)))]
    called = _WRITTEN[1] and _disturbing(node, STDOUT)
    if not called:
        return ""
    return f"a value after an earlier item calls {called} and which assigns, closes, truncates or seeks " \
           f"sys.stdout: Python 2 wrote the items before it to the sys.stdout of then"


def stream_text(node) -> str:
    """The stream of the fissix print statement `node` as written: sys.stdout where it has no `>>`."""
    if len(node.children) > 2 and node.children[1].type == token.RIGHTSHIFT:
        return str(node.children[2]).strip()
    return "sys.stdout"


def _leaked(values) -> set:
    """The names the list comprehensions among the ast `values` bind in the enclosing scope on Python 2: their loop
    targets (not a generator expression's, a set or dict comprehension's or a lambda's, which have their own scope,
    though a comprehension's first iterable is evaluated in the enclosing one)."""
    names, pending = set(), [value for value in values if value is not None]
    while pending:
        part = pending.pop()
        if isinstance(part, ast.Lambda):
            continue
        if isinstance(part, (ast.GeneratorExp, ast.SetComp, ast.DictComp)):
            pending.append(part.generators[0].iter)
            continue
        if isinstance(part, ast.ListComp):
            names.update(name.id for generator in part.generators for name in ast.walk(generator.target)
                         if isinstance(name, ast.Name))
        pending.extend(ast.iter_child_nodes(part))
    return names


def reads_bindings(node) -> bool:
    """Does why(`node`) read the module's bindings: a call of a name of HARMLESS_BUILTINS among the values of
    `print >>stream, values` (the module may bind it outside the piece of it the syntax stage reads)."""
    if node.type != _syms.print_stmt or len(node.children) < 4 or node.children[1].type != token.RIGHTSHIFT:
        return False
    return any(isinstance(part, ast.Call) and isinstance(part.func, ast.Name) and part.func.id in HARMLESS_BUILTINS
               for child in node.children[4:] if child.type != token.COMMA
               for part in ast.walk(_expression(child) or ast.Constant(None)))


def binding(node) -> str:
    """Why `diracmod fix` cannot bind the stream of the fissix print statement `node` to a new name on a line
    before it (`_stream = sys.stderr` then `print(count(), file=_stream)`: evaluated in Python 2's order), or ""
    where it can: the stream is a name or an attribute chain of names (_held_elsewhere: a call such as
    `open(LOG, 'a')` makes an object Python 2 closed at the end of the statement, which the name would keep open:
    tryout24 #1, #5; or a choice between such, `out or sys.stdout`), the statement is the first on its line in a
    block (`;` statements may follow it; not after `;`, nor the body of a one-line compound statement), holds no
    yield among its values (Python 2 wrote the items before it to the stream before the caller ran), nor a call
    after an earlier item of a function the module defines that closes, truncates, seeks or rebinds the stream
    (_disturbing: Python 2 wrote the items before the call first), not in a class body (the name would be a class attribute), not in a function using locals(), vars(), dir(),
    eval, exec or execfile (a new local shows there), nested functions included, nor at module level in a module
    using those or globals() anywhere (a new global shows there; a star import does not take an underscore name
    of a module without `__all__`, and one with `__all__` does not list a name its text lacks: stream_name). Never
    a statement without `>>`: print() reads sys.stdout after the values, whatever a name bound first holds."""
    if node.children[1].type != token.RIGHTSHIFT:
        return "it has no stream to bind (no `>>`): print() looks sys.stdout up after the values"
    if not _held_elsewhere(_expression(node.children[2])):
        # Python 2 (refcounting) closed and flushed an object the stream made (`open(LOG, 'a')`) at the end of
        # the statement; a name would keep it open until the frame ends (tryout24 #1, #5)
        return "the stream is not a name or an attribute of one: it may make a new object (open(...)), which " \
               "Python 2 closed at the end of the statement and a name would keep open"
    line = node.parent
    if line is None or line.type != _syms.simple_stmt or line.parent is None:
        return "it is not a statement of a block"
    if line.children[0] is not node:
        return "it follows another statement on its line (after `;`), where no line before it is its own"
    if line.parent.type not in (_syms.suite, _syms.file_input):
        return f"it is the body of a one-line {_clause(line)} statement, where no line before it is its own"
    if any(isinstance(part, (ast.Yield, ast.YieldFrom)) for child in statement_items(node)
           for part in ast.walk(_expression(child) or ast.Constant(None))):
        # the statement wrote the items before it as it went, before the caller ran: print() writes them after
        return "a yield among the values hands control to the caller after the items before it were written"
    disturbing = _disturbing(node, _expression(node.children[2]))
    if disturbing:
        # Python 2 wrote the items before the call to the stream first: print() writes them after it ran
        return f"a value after an earlier item calls {disturbing} and which closes, " \
               f"truncates, seeks or rebinds the stream: Python 2 wrote the items before it first, print() after"
    scope = line.parent
    while scope is not None and scope.type not in (_syms.funcdef, _syms.classdef):
        scope = scope.parent
    if scope is not None and scope.type == _syms.classdef:
        return "it is in a class body, where the name would be a class attribute"
    if scope is None:
        module = _module(node)
        tree = None if module is None else module[0]
    else:
        try:
            tree = ast.parse(python3_spelling(scope).lstrip())
        except SyntaxError:
            tree = None
    if tree is None:
        return "Python 3 cannot read its scope"
    readers = {"globals"} | _NAMESPACE_READERS if scope is None else _NAMESPACE_READERS
    if any(isinstance(part, ast.Call) and isinstance(part.func, ast.Name) and part.func.id in readers
           and (part.func.id != "dir" or not part.args) for part in ast.walk(tree)):
        return f"its {'module' if scope is None else 'function'} reads or runs code in a namespace by its keys " \
               f"(locals(), vars(), dir(), eval, exec{', globals()' if scope is None else ''}), where a new name shows"
    return ""


def _disturbing(node, stream) -> str:
    """The function called in a value after the first item of the print statement `node` to `stream` (`rotate()`,
    `self.rotate()`, with who defines it: "which the module defines") whose body closes, truncates or seeks the
    stream (`out.close()`, the stream's text; `self.out` for `log.out`) or assigns it (`sys.stdout = ...`; a name
    declared global there), or calls, to any depth, a function of the module that does (stdout_writes.reaches):
    one the module defines (a def of that name, any scope, methods by name whatever the object), or for
    sys.stdout a module-level function of another module of the project the module imports (_imported_writers:
    tryout27 #10); or "": Python 2 wrote the items before it as it went (tryout26 #2)."""
    called = {}
    for item in statement_items(node)[1:]:
        for part in ast.walk(_expression(item) or ast.Constant(None)):
            if isinstance(part, ast.Call) and isinstance(part.func, (ast.Name, ast.Attribute)):
                called.setdefault(ast.unparse(part.func),
                                  part.func.id if isinstance(part.func, ast.Name) else part.func.attr)
    defs, known = _defined(node)
    for spelled, name in called.items():
        key = (name, ast.unparse(stream))
        if key not in known:
            known[key] = name in defs and reaches(defs[name], stream, defs)
        if known[key]:
            return f"{spelled}(), which the module defines"
    imported = _imported_writers(node) if ast.unparse(stream) == "sys.stdout" else {}
    return next((f"{spelled}(), which the project's module {imported[spelled]} defines" for spelled in called
                 if spelled in imported), "")


def _imported_writers(node) -> dict:
    """The calls (as spelled: `capture`, `helpers.capture`) naming a module-level function of another module of
    the project that closes, truncates, seeks or assigns sys.stdout (IMPORTED: the project index's, by that
    module's last dotted name, which the check engine hands the module's tree and the syntax stage its fissix
    tree), the module of the fissix `node` imports: `from helpers import capture [as c]` (implicitly relative,
    `from .helpers`, `from pkg.helpers`, `from helpers import *`), `import helpers`, `import pkg.helpers [as h]`,
    `from pkg import helpers`, `from . import helpers`; by each import statement, any scope. A module named alike
    in another package counts too (more left than needed, never less), as does a sibling Python 2 imports
    implicitly relative, which its spelling names as another module (imported_origin.python2_qualified_name): the
    same module key either way. Read once per module, only where the index names such a function the module's
    text holds."""
    root = node
    while root.parent is not None:
        root = root.parent
    writers, module = getattr(root, IMPORTED, None), _module(node)
    if not writers or module is None:
        return {}
    if _IMPORTS[0] is not module:
        found = {}
        for statement in module_nodes.of_kind(module[0], (ast.Import, ast.ImportFrom)):
            key = statement.module.rsplit(".", 1)[-1] if isinstance(statement, ast.ImportFrom) and \
                statement.module else None
            for alias in statement.names:
                bound = alias.asname or alias.name
                found.update((bound if alias.name != "*" else name, key) for owner, name in writers
                             if key is not None and owner == key and alias.name in (name, "*"))
                module_key = alias.name.rsplit(".", 1)[-1]  # the module imported by its name
                found.update((f"{bound}.{name}", owner) for owner, name in writers if owner == module_key)
        _IMPORTS[:] = [module, found]
    return _IMPORTS[1]


def _defined(node) -> tuple:
    """(the functions the module of the fissix `node` defines, any scope, by name; what is known of which of them
    reach a stream, (name, stream text) -> bool), read once per module."""
    module = _module(node)
    if _DEFINED[0] is not module:
        _DEFINED[:] = [module, defined(module[0]) if module is not None else {}, {}]
    return _DEFINED[1], _DEFINED[2]


def _clause(line) -> str:
    """The keyword of the clause of the one-line compound statement whose body is the fissix simple_stmt `line`
    (`if`, `else`, `for`, `while`, `try`, `except`, `with`, `def`...)."""
    sibling = line.prev_sibling
    while sibling is not None and not (sibling.type == token.NAME and sibling.value in _CLAUSES
                                       or sibling.type == _syms.except_clause):
        sibling = sibling.prev_sibling
    return "compound" if sibling is None else next(sibling.leaves()).value


def _held_elsewhere(stream) -> bool:
    """Is the ast `stream` a name or an attribute chain of names (`sys.stderr`, `self.log`): an object held
    elsewhere, which a new name bound to it does not keep open longer (a call, a subscript may make a new one)?
    So is a choice between such (`out or sys.stdout`, `a if c else b`: tryout26 #5)."""
    if isinstance(stream, ast.BoolOp):
        return all(_held_elsewhere(value) for value in stream.values)
    if isinstance(stream, ast.IfExp):
        return _held_elsewhere(stream.body) and _held_elsewhere(stream.orelse)
    while isinstance(stream, ast.Attribute):
        stream = stream.value
    return isinstance(stream, ast.Name)


def stream_name(text: str) -> str:
    """STREAM_NAME, or it followed by the first number from 2 that makes a name the module's `text` does not hold
    anywhere (code, strings, comments, attributes)."""
    if STREAM_NAME not in text:
        return STREAM_NAME
    taken = set(re.findall(r"\b_stream(\d*)\b", text))
    if "" not in taken:
        return STREAM_NAME
    number = 2
    while str(number) in taken:
        number += 1
    return f"{STREAM_NAME}{number}"


def why_twice(node) -> str:
    """Why the fissix print statement `node` cannot be rewritten exactly, or "": its exact rewrite is several
    calls (softspace_splits), each evaluating the stream, which may run code that Python 2 ran once: anything but
    a name or an attribute of a standard library module imported by its name (_runs_no_code: `out`,
    `sys.stderr`); an attribute of an object may be a property (tryout15 #8)."""
    if node.type != _syms.print_stmt or len(node.children) < 4 or node.children[1].type != token.RIGHTSHIFT:
        return ""
    stream = _expression(node.children[2])
    if stream is not None and _runs_no_code(stream, node) or not softspace_splits(node):
        return ""
    return ("an item before the last is a string ending in a newline or a tab, after which Python 2 wrote no "
            "space: the exact rewrite is one print() call per run of items, each evaluating the stream")


def _runs_no_code(stream, node) -> bool:
    """Does evaluating `stream` (the stream of the print statement `node`) surely run no code: a name, or an
    attribute of a name the module binds only by importing the standard library module of that name
    (`import sys`: a module's attribute read runs no code on Python 2), nowhere else nor unseen?"""
    if isinstance(stream, ast.Name):
        return True
    if not (isinstance(stream, ast.Attribute) and isinstance(stream.value, ast.Name)
            and stream.value.id in STDLIB_MODULES):
        return False
    module, name = _module(node), stream.value.id
    if module is None or unseen_binding(module[0], name):
        return False
    imports = {id(alias) for part in ast.walk(module[0]) if isinstance(part, ast.Import) for alias in part.names
               if alias.asname is None and alias.name.split(".")[0] == name}
    binders = [part for part in ast.walk(module[0]) if name in stores(part)]
    return bool(binders) and all(id(part) in imports for part in binders)


def softspace_splits(node) -> list:
    """The positions (0-based, among the items) of the items of the fissix print statement `node` after which
    Python 2 wrote no separator, the last item aside: a string literal ending in whitespace other than a space
    (`print "Results:\n", rows`). Python 2's print statement writes the space before an item only where the
    stream's softspace is set, which writing a str or unicode ending so resets; print() writes `sep` between
    any two values (tryout14 #1)."""
    items = statement_items(node)
    strings = [index for index, item in enumerate(items[:-1]) if _string_leaves(item)]
    text = bool(strings) and "unicode_literals" in futures(node)  # the module read only then
    return [index for index in strings if _resets_softspace(items[index], text)]


def trailing_end(node) -> str | None:
    """The `end` of the call for the fissix print statement `node`'s last item: None (a newline) without a trailing
    comma; after one, "" where the last item is a string literal that leaves Python 2's softspace unset (the
    test of softspace_splits: `print "p\n",` then `print x` wrote no space before x), else " " (the softspace
    the next print statement turns into a space; see E1601's known limit)."""
    if node.children[-1].type != token.COMMA:
        return None
    items = statement_items(node)
    if not items or not _string_leaves(items[-1]):
        return " "
    return "" if _resets_softspace(items[-1], "unicode_literals" in futures(node)) else " "


def statement_items(node) -> list:
    """The items (values) of the fissix print statement `node`, without the stream."""
    children = node.children[1:]
    if children and children[0].type == token.RIGHTSHIFT:
        children = children[3:]
    return [child for child in children if child.type != token.COMMA]


def _resets_softspace(item, unicode_literals: bool) -> bool:
    """Whether the fissix expression `item` is a string literal (parenthesised, implicitly concatenated) whose
    value, all its pieces together (`"s\\n" ""`: tryout15 #6), ends in a character that resets Python 2's
    softspace: whitespace other than a space (C's isspace for a byte string; Py_UNICODE_ISSPACE for unicode,
    which U+180E still was in Python 2's Unicode 5.2). A byte string's value is Python 2's: its text in the
    module's encoding, escapes decoded (`"café\\n"`: tryout15 #7). False where it cannot tell (a raw unicode
    literal with a \\u escape)."""
    leaves = _string_leaves(item)
    if not leaves:
        return False
    prefixes = [leaf.value[:len(leaf.value) - len(leaf.value.lstrip("bBuUrR"))].lower() for leaf in leaves]
    text = any("u" in prefix or unicode_literals and "b" not in prefix for prefix in prefixes)
    value = "" if text else b""
    for leaf, prefix in zip(leaves, prefixes):
        body = leaf.value[len(prefix):]
        if "r" in prefix and text and re.search(r"\\[uU]", body):
            return False  # Python 2's ur'' still decodes \u escapes
        try:
            value += _text_value(prefix, body) if text else _bytes_value(prefix, body, leaf)
        except (SyntaxError, ValueError, LookupError, UnicodeError):
            return False
    if text:
        return value[-1:] != " " and (value[-1:].isspace() or value[-1:] == "\u180e")
    return value[-1:] in (b"\t", b"\n", b"\x0b", b"\x0c", b"\r")


def _text_value(prefix: str, body: str) -> str:
    """The unicode value of a string literal's piece `body` (its quotes included), its prefix `prefix`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.literal_eval(prefix.replace("u", "").replace("b", "") + body)


def _bytes_value(prefix: str, body: str, leaf) -> bytes:
    """Python 2's value of the byte string literal's piece `body` (its quotes included), its prefix `prefix`:
    its text in the module's encoding (_encoding), escapes decoded unless raw."""
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    raw = body[len(quote):len(body) - len(quote)].encode(_encoding(leaf) if not body.isascii() else "ascii")
    if "r" in prefix:
        return raw
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return codecs.escape_decode(raw)[0]


def _encoding(leaf) -> str:
    """The encoding Python 2 reads the module of the fissix `leaf` in: its PEP 263 declaration (in the comments
    before its first token, on line 1 or 2), else UTF-8 (a module holding non-ASCII text without one has a
    BOM). A piece of the module (syntax_stage's pieces) may lack the declaration: UTF-8 then, which gives the
    same ending, as no ASCII-compatible encoding ends a non-ASCII character in a whitespace byte."""
    root = leaf
    while root.parent is not None:
        root = root.parent
    first = next(root.leaves(), None)
    return declared_encoding((first.prefix if first is not None else "").encode("utf-8")) or "utf-8"


def _string_leaves(item) -> list:
    """The STRING leaves of the fissix expression `item` where it is a string literal (parenthesised, implicitly
    concatenated), else []."""
    while item.type == _syms.atom and item.children[0].type == token.LPAR and len(item.children) == 3:
        item = item.children[1]
    leaves = [item] if item.type == token.STRING else item.children if item.type == _syms.atom else []
    return leaves if leaves and all(leaf.type == token.STRING for leaf in leaves) else []


def module_tree(node):
    """The ast of the module of the fissix `node` (read once per module), None where Python 3 cannot read it."""
    module = _module(node)
    return None if module is None else module[0]


def futures(node) -> frozenset:
    """The future features the module of the fissix `node` imports (none where Python 3 cannot read it), read
    once per module (a file of 16,000 print statements)."""
    module = _module(node)
    if _FUTURES[0] is not module:
        _FUTURES[:] = [module, frozenset() if module is None else frozenset(
            alias.name for statement in module[0].body if isinstance(statement, ast.ImportFrom)
            and statement.module == "__future__" for alias in statement.names)]
    return _FUTURES[1]


def _harmless(call: ast.Call, node) -> bool:
    """Does `call` (among the values of the print statement `node`) run no code that may rebind or replace the
    stream: a builtin of HARMLESS_BUILTINS the module neither binds nor may bind unseen, given no function to
    call back, or a method of HARMLESS_METHODS of a string literal?"""
    func = call.func
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(k.arg is None for k in call.keywords):
        return False
    if isinstance(func, ast.Attribute):
        return (func.attr in HARMLESS_METHODS and isinstance(func.value, ast.Constant)
                and isinstance(func.value.value, (str, bytes)))
    if not isinstance(func, ast.Name) or func.id not in HARMLESS_BUILTINS:
        return False
    most, allowed = HARMLESS_BUILTINS[func.id], _KEYWORDS_ALLOWED.get(func.id, set())
    if most is not None and len(call.args) > most or allowed is not None and {k.arg for k in call.keywords} - allowed:
        return False
    module = _module(node)
    return module is not None and func.id not in module[1] and not unseen_binding(module[0], func.id)


def _module(node):
    """(the module's ast, every name it binds in any scope) of the fissix `node`'s module, or None where Python 3
    cannot read it."""
    root = node
    while root.parent is not None:
        root = root.parent
    if _BOUND[0] is not root:
        try:  # what the project assigns the module by name (builtin_uses.OUTSIDE) is the fissix tree's
            tree = carry_outside(root, ast.parse(python3_spelling(root)))
        except SyntaxError:
            tree = None
        names = frozenset(name for part in ast.walk(tree) for name in stores(part)) if tree is not None else None
        _BOUND[:] = [root, None if tree is None else (tree, names)]
    return _BOUND[1]


def findings(text: str, module=None) -> list:
    """(line, column, SYMBOL, detail) for each print statement of the module `text` (Python 2, no print_function)
    whose order may show; none where fissix cannot read it (fix cannot either). `module`: check's ast of it,
    whose OUTSIDE (builtin_uses: what the project assigns it by name) the fissix tree takes, as fix's does."""
    if not (_CHEVRON.search(text) or STDOUT_WRITTEN.search(text) or getattr(module, IMPORTED, None)):
        return []
    try:
        tree = driver.Driver(pygram.python_grammar, convert=pytree.convert).parse_string(
            text if text.endswith("\n") else text + "\n")
    except Exception:  # noqa: BLE001  fissix raises its parser's and tokenizer's errors
        return []
    carry_outside(module, tree)
    found = []
    for node in tree.pre_order():
        if node.type != _syms.print_stmt:
            continue
        for symbol, reason in ((SYMBOL, why(node)), (TWICE_SYMBOL, why_twice(node))):
            if reason:
                left = binding(node)
                found.append((node.get_lineno(), _column(node), symbol,
                              {"stream": stream_text(node), "why": reason, "left": left,
                               "outcome": f"diracmod fix leaves the module: {left}" if left else
                               "diracmod fix binds the stream to a name on a line before it"}))
                break
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
            if name in function_locals(function):
                return True
        parent = parent.parent
    return False

"""bytes/str at the standard library's byte APIs: their contract is bytes on Python 3 and str on Python 2.

Going in: an argument of hashlib, hmac, base64/binascii, zlib, a struct `s`/`c` field or a binary-mode
subprocess pipe's communicate() that is (or may be) text on Python 3 raises TypeError there;
`six.ensure_binary(x)` gives Python 3 the bytes and returns a Python 2 str unchanged. Coming out: the ASCII results of base64/hex encoders and the output of
subprocess.check_output are bytes on Python 3; used as text (formatted into a str, added to or compared
with a str literal) they print as `b'...'` or never compare equal: `six.ensure_str(...)` returns a Python 2
str unchanged and decodes on Python 3. The callee is known by its qualified name (an import of the module
or of the function), never guessed from a variable's name.
The other way round, csv-binary-file (tryout24 #3): a file opened in a binary mode given to csv's reader or writer,
which Python 2's csv wanted and Python 3's refuses (it reads and writes text); no one hybrid spelling exists, so it
is reported for a person only.
"""
from __future__ import annotations

import ast
import re

from diracmod.rules.py3k.imported_origin import parents_by_id
from diracmod.source.scopes import Scope, scope_bindings

# Functions whose positional arguments (by index) must be bytes on Python 3.
BYTES_ARGUMENTS = {
    **{f"hashlib.{name}": (0,) for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")},
    # Python 2.4's md5 and sha modules: the fallback of `try: from hashlib import md5 / except ImportError: from md5
    # import md5`, the binding check resolves the name to (hashlib's on every Python that runs the module)
    **{f"{module}.{name}": (0,) for module in ("md5", "sha") for name in (module, "new")},
    "hashlib.new": (1,), "hmac.new": (0, 1),
    **{f"base64.{name}": (0,) for name in (
        "b64encode", "standard_b64encode", "urlsafe_b64encode", "b32encode", "b16encode", "encodestring")},
    **{f"binascii.{name}": (0,) for name in ("hexlify", "b2a_hex", "b2a_base64", "crc32", "b2a_qp")},
    **{f"zlib.{name}": (0,) for name in ("compress", "decompress", "crc32", "adler32")},
}
# Hash and hmac objects' `update(data)`: the receiver is a name bound to one of these calls in the same scope.
HASH_CONSTRUCTORS = frozenset(name for name in BYTES_ARGUMENTS if name.startswith(("hashlib.", "hmac.", "md5.", "sha.")))
# Results that are ASCII bytes on Python 3 (a str on Python 2): decoding them cannot fail.
TEXT_LIKE_RESULTS = frozenset({
    "base64.b64encode", "base64.standard_b64encode", "base64.urlsafe_b64encode", "base64.b32encode",
    "base64.b16encode", "base64.encodestring", "binascii.hexlify", "binascii.b2a_hex", "binascii.b2a_base64",
    "subprocess.check_output"})
# str methods that return bytes for bytes: `b64encode(x).strip()` is still bytes.
_SAME_TYPE_METHODS = frozenset({"strip", "rstrip", "lstrip", "lower", "upper", "replace", "rjust", "ljust"})
# Functions returning bytes on Python 3 (a str on Python 2).
_BYTES_FUNCTIONS = frozenset({
    "six.b", "six.ensure_binary", "six.binary_type", "os.urandom", "struct.pack", "zlib.compress",
    "zlib.decompress", "bz2.compress", "bz2.decompress", "gzip.compress", "gzip.decompress",
    *(f"base64.{name}" for name in ("b64encode", "b64decode", "standard_b64encode", "standard_b64decode",
                                     "urlsafe_b64encode", "urlsafe_b64decode", "b32encode", "b32decode",
                                     "b16encode", "b16decode", "encodestring", "decodestring", "encodebytes",
                                     "decodebytes")),
    *(f"binascii.{name}" for name in ("hexlify", "unhexlify", "b2a_hex", "a2b_hex", "b2a_base64", "a2b_base64"))})
# csv's readers and writers: text files on Python 3, binary ones on Python 2 (its docs said 'rb'/'wb')
CSV_FILE_USERS = frozenset({"csv.reader", "csv.writer", "csv.DictReader", "csv.DictWriter"})
# the openers whose mode holding 'b' makes a file of bytes on Python 3: the builtins by name, io.open by its import
_BINARY_OPENERS = frozenset({"open", "file"})
_STRUCT_FIELD = re.compile(r"(\d*)([xcbB?hHiIlLqQnNefdspP])")


def _is_text_literal(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def provably_text(node, ctx) -> bool:
    """An expression that is a str or unicode on Python 2 and a str on Python 3, whatever the names in it:
    a string literal, `str(...)`/`unicode(...)`/`six.text_type(...)`, `'...' % x`, `'...'.format(...)`,
    `'...'.join(...)`, or `+` of such."""
    if _is_text_literal(node) or isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod):
            return _is_text_literal(node.left)
        if isinstance(node.op, ast.Add):
            return provably_text(node.left, ctx) or provably_text(node.right, ctx)
        return False
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name) and func.id in ("str", "unicode") and ctx.is_builtin(func.id, func.lineno):
        return True
    if isinstance(func, ast.Attribute) and func.attr in ("format", "join") and _is_text_literal(func.value):
        return True
    return ctx.scope.qualified_name(func) in ("six.text_type", "six.ensure_str", "six.ensure_text")


def provably_bytes(node, ctx, follow=True) -> bool:
    """Already what a byte API wants on both Pythons (or a buffer type ensure_binary would refuse): a bytes
    literal, `x.encode(...)`, `bytes(...)`, `bytearray(...)`, `memoryview(...)`, `six.b(...)`,
    `six.ensure_binary(...)`, `struct.pack(...)`, `os.urandom(...)`, a digest; a local name bound to one of
    those (`follow`: one assignment deep)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
        return True
    if isinstance(node, ast.Name):
        return follow and _bound_to_bytes(node.id, ctx)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name) and func.id in ("bytes", "bytearray", "memoryview", "buffer"):
        return True
    if isinstance(func, ast.Attribute) and func.attr in ("encode", "digest"):
        return True
    return ctx.scope.qualified_name(func) in _BYTES_FUNCTIONS


def _bound_to_bytes(name: str, ctx) -> bool:
    """A local name of a function that some assignment there binds to bytes (`data = zlib.compress(x)`):
    the code already deals in bytes there; check does not follow the others."""
    if not ctx.scope.is_function or name not in ctx.scope.names:
        return False
    return any(isinstance(stmt, ast.Assign) and provably_bytes(stmt.value, ctx, follow=False)
               and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
               for stmt in ast.walk(ctx.scope.node))


class BytesApiRules:
    @staticmethod
    def visit_Call(node, ctx):
        name = ctx.scope.qualified_name(node.func)
        if name in BYTES_ARGUMENTS:
            _arguments(ctx, [node.args[i] for i in BYTES_ARGUMENTS[name] if i < len(node.args)])
        elif name in ("struct.pack", "struct.pack_into") and node.args and _is_text_literal(node.args[0]):
            skip = 3 if name == "struct.pack_into" else 1  # pack_into(fmt, buffer, offset, ...)
            fields = _struct_bytes_fields(node.args[0].value)
            values = node.args[skip:]
            if not any(isinstance(v, ast.Starred) for v in values):
                _arguments(ctx, [values[i] for i in fields if i < len(values)])
        elif name in CSV_FILE_USERS and node.args:
            _csv_file(node, name, ctx)
        elif isinstance(node.func, ast.Attribute) and len(node.args) == 1 and not node.keywords:
            method, receiver = node.func.attr, node.func.value
            if (method == "update" and _is_hash_object(receiver, ctx)
                    or method == "communicate" and _is_binary_pipe(receiver, ctx)):
                _arguments(ctx, node.args)
        if name in TEXT_LIKE_RESULTS and _used_as_text(node, ctx.parents):
            ctx.report("bytes-result-as-text", node, function=name)


def _csv_file(node, function: str, ctx):
    """csv-binary-file: the file argument is a binary open (`csv.reader(open(p, 'rb'))`) or a name this scope binds
    once, by an assignment or a with statement, to one (`f = open(p, 'rb')`, `with open(p, 'wb') as f:`)."""
    argument, opened = node.args[0], node.args[0]
    if isinstance(argument, ast.Name):
        bindings = list(scope_bindings(ctx.scope.node, argument.id)) if len(
            ctx.scope.names.get(argument.id, ())) == 1 else []
        holder = parents_by_id(ctx).get(id(bindings[0])) if len(bindings) == 1 else None
        if isinstance(holder, ast.Assign) and holder.targets == bindings:
            opened = holder.value
        elif isinstance(holder, ast.withitem) and holder.optional_vars is bindings[0]:
            opened = holder.context_expr
    mode = binary_mode(opened, ctx)
    if mode:
        ctx.report("csv-binary-file", argument, function=function, mode=repr(mode), line=opened.lineno)


def binary_mode(node, ctx) -> str:
    """The literal mode holding 'b' of a call of the builtin open or file, or of io.open: a file of bytes on Python
    3; "" for any other value."""
    if not isinstance(node, ast.Call):
        return ""
    func = node.func
    if not (isinstance(func, ast.Name) and func.id in _BINARY_OPENERS and ctx.is_builtin(func.id, func.lineno)
            or ctx.scope.qualified_name(func) == "io.open"):
        return ""
    mode = next((keyword.value for keyword in node.keywords if keyword.arg == "mode"),
                node.args[1] if len(node.args) > 1 else None)
    return mode.value if _is_text_literal(mode) and "b" in mode.value else ""


def _arguments(ctx, values):
    for value in values:
        if provably_text(value, ctx):
            ctx.report("text-to-bytes-api", value)
        elif not (provably_bytes(value, ctx) or isinstance(value, ast.Starred) or never_text(value)
                  or may_be_none(value, ctx)):
            ctx.report("str-to-bytes-api", value)


# expressions whose value is never a str: a display, a comprehension, a lambda, a comparison, `not x`
_NEVER_TEXT = (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
               ast.Lambda, ast.Compare)


def never_text(node) -> bool:
    """A value that is no str on either Python, whatever the names in it: a literal None, number or bool
    (`hmac.new(key, None, mod)`: msg's default), a display, a comprehension... six.ensure_binary raises TypeError
    for it on both Pythons, where the API may take it (tryout10b #3)."""
    if isinstance(node, ast.Constant):
        return not isinstance(node.value, (str, bytes))
    return isinstance(node, _NEVER_TEXT) or isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)


def may_be_none(node, ctx) -> bool:
    """A value that may be None (tryout11 #6, tryout12 #1), read by where it comes from rather than by its spelling:
    None; `x or None` (the last value of an `or`, any of an `and`), `a if c else None`; `d.get(k)` without a default
    or with one that may be None, `getattr(o, name, None)`; a call of a function the module defines that may return
    None (a bare `return`, `return None`, or a body that may end without a return); `self.x` where the class assigns
    `self.x` (or its own `x`) a value that may be None, a None-defaulting parameter among them; a name whose scope
    binds it to any such value (an alias `m = msg` followed), or a parameter whose default is such a value (`msg=NOMSG`
    with `NOMSG = None`). six.ensure_binary(None) raises TypeError on both Pythons, where the API takes None
    (hmac.new's msg): the argument is left, whatever it holds at the call (flow-insensitive). A value from elsewhere
    (a parameter without a default, an unknown call, an attribute of another object) is not known to be None."""
    return _may_be_none(node, ctx.scope, ctx, set())


def _may_be_none(node, scope, ctx, seen) -> bool:
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.BoolOp):  # `a or b` gives b where a is false: None only from the last; `and` any
        values = node.values[-1:] if isinstance(node.op, ast.Or) else node.values
        return any(_may_be_none(value, scope, ctx, seen) for value in values)
    if isinstance(node, ast.IfExp):
        return _may_be_none(node.body, scope, ctx, seen) or _may_be_none(node.orelse, scope, ctx, seen)
    if isinstance(node, ast.NamedExpr):
        return _may_be_none(node.value, scope, ctx, seen)
    if isinstance(node, ast.Call):
        return _call_may_be_none(node, scope, ctx, seen)
    if isinstance(node, ast.Attribute):
        return _attribute_may_be_none(node, scope, ctx, seen)
    if not isinstance(node, ast.Name) or scope is None:
        return False
    owner = scope.binding_scope(node.id)
    if owner is None or (id(owner.node), node.id) in seen:
        return False
    seen.add((id(owner.node), node.id))
    return any(_may_be_none(value, value_scope, ctx, seen) for value, value_scope in _bound_values(owner, ctx).get(
        node.id, ()))


def _call_may_be_none(node, scope, ctx, seen) -> bool:
    """`d.get(k)`, `d.get(k, None)`, `getattr(o, name, None)`, a call of a function of the module that may return
    None."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "get" and 1 <= len(node.args) <= 2 and not node.keywords:
        return len(node.args) == 1 or _may_be_none(node.args[1], scope, ctx, seen)
    if not isinstance(func, ast.Name) or scope is None:
        return False
    if func.id == "getattr" and ctx.is_builtin("getattr", func.lineno):
        return len(node.args) == 3 and _may_be_none(node.args[2], scope, ctx, seen)
    owner = scope.binding_scope(func.id)
    if owner is None:
        return False
    return any(isinstance(bound, (ast.FunctionDef, ast.AsyncFunctionDef)) and _returns_none(bound)
               for bound in scope_bindings(owner.node, func.id))


def _returns_none(function) -> bool:
    """Whether a function may return None: a bare `return`, a returned None (or `x or None`...), or a body whose
    last statement is no return or raise (it may end without one); a generator never does."""
    returns, todo = [], list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(node, ast.Return):
            returns.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
    return not isinstance(function.body[-1], (ast.Return, ast.Raise)) or any(
        _may_be_none(ret.value, None, None, set()) if ret.value is not None else True for ret in returns)


def _attribute_may_be_none(node, scope, ctx, seen) -> bool:
    """`self.x` in a method, where the class assigns `self.x` (any method's first parameter's) or its own `x` a value
    that may be None, in that method's scope (`def __init__(self, msg=None): self.msg = msg`)."""
    receiver = node.value
    if scope is None or not (isinstance(receiver, ast.Name) and scope.is_function and scope.parent is not None
                             and scope.parent.is_class and _first_parameter(scope.node) == receiver.id):
        return False
    klass = scope.parent
    if (id(klass.node), "." + node.attr) in seen:
        return False
    seen.add((id(klass.node), "." + node.attr))
    for value, value_scope in _bound_values(klass, ctx).get(node.attr, ()):
        if _may_be_none(value, value_scope, ctx, seen):
            return True
    for method in klass.node.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or _first_parameter(method) is None:
            continue
        first = _first_parameter(method)
        method_scope = _scope_of(method, klass, ctx)
        for statement in ast.walk(method):
            if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None and any(
                    isinstance(target, ast.Attribute) and target.attr == node.attr and isinstance(
                        target.value, ast.Name) and target.value.id == first
                    for target in getattr(statement, "targets", [getattr(statement, "target", None)])) \
                    and _may_be_none(statement.value, method_scope, ctx, seen):
                return True
    return False


def _first_parameter(function) -> str | None:
    positional = [*function.args.posonlyargs, *function.args.args] if isinstance(
        function, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
    return positional[0].arg if positional else None


def _scope_of(function, parent, ctx):
    """A Scope for `function` (a def of the scope `parent`), made once a run of the file."""
    key = ("scope-of", id(function))
    if key not in ctx.cache:
        ctx.cache[key] = Scope(function, parent)
    return ctx.cache[key]


def _bound_values(scope, ctx) -> dict:
    """name -> [(value, the scope reading its names)] of what `scope` binds a name to by an assignment of its own
    (not a nested scope's) and, for a function, by a parameter's default (read in the scope around it)."""
    key = ("bound-values", id(scope.node))
    if key in ctx.cache:
        return ctx.cache[key]
    found: dict = {}
    if isinstance(getattr(scope.node, "args", None), ast.arguments):
        args = scope.node.args
        positional = [*args.posonlyargs, *args.args]
        pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults),
                 *zip(args.kwonlyargs, args.kw_defaults)]
        for arg, default in pairs:
            if default is not None:
                found.setdefault(arg.arg, []).append((default, scope.parent))
    body = getattr(scope.node, "body", [])
    todo = list(body) if isinstance(body, list) else []
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue  # their own scopes
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append((node.value, scope))
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None and isinstance(
                node.target, ast.Name):
            found.setdefault(node.target.id, []).append((node.value, scope))
        todo.extend(ast.iter_child_nodes(node))
    ctx.cache[key] = found
    return found


def _struct_bytes_fields(fmt: str) -> list:
    """Indexes of the values a struct format packs from bytes (`s`, `p` and each `c`)."""
    fields, index = [], 0
    for count, code in _STRUCT_FIELD.findall(fmt):
        repeat = int(count) if count else 1
        if code in "sp":
            fields.append(index)
            index += 1
        elif code == "c":
            fields.extend(range(index, index + repeat))
            index += repeat
        elif code != "x":
            index += repeat
    return fields


def _is_hash_object(receiver, ctx) -> bool:
    """`hashlib.md5(...).update(x)`, or `h.update(x)` where h is bound in this scope only to hash constructors."""
    return _made_by(receiver, ctx, _is_hash_constructor)


def _is_binary_pipe(receiver, ctx) -> bool:
    """`subprocess.Popen(...)` without text mode (universal_newlines, text, encoding, errors), or a name bound in
    this scope only to such calls: its pipes carry bytes on Python 3."""
    return _made_by(receiver, ctx, _is_binary_popen)


def _is_hash_constructor(call, ctx) -> bool:
    return ctx.scope.qualified_name(call.func) in HASH_CONSTRUCTORS


def _is_binary_popen(call, ctx) -> bool:
    return ctx.scope.qualified_name(call.func) == "subprocess.Popen" and not any(
        k.arg in ("universal_newlines", "text", "encoding", "errors") or k.arg is None for k in call.keywords)


def _made_by(receiver, ctx, made) -> bool:
    if isinstance(receiver, ast.Call):
        return made(receiver, ctx)
    return isinstance(receiver, ast.Name) and all(
        isinstance(v, ast.Call) and made(v, ctx) for v in _only_assignments(ctx).get(receiver.id, [None]))


def _only_assignments(ctx) -> dict:
    """name -> the values assigned to it, for the names this scope binds by plain assignment only (once per
    scope)."""
    key = ("assignments", id(ctx.scope.node))
    if key not in ctx.cache:
        values: dict = {}
        for stmt in ast.walk(ctx.scope.node):
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        values.setdefault(target.id, []).append(stmt.value)
        ctx.cache[key] = {name: bound for name, bound in values.items()
                          if len(bound) == len(ctx.scope.names.get(name, ()))}
    return ctx.cache[key]


def _used_as_text(node, parents) -> bool:
    """The value (through `.strip()` and the like) is formatted into a str literal with `%`, added to one, or
    compared with one."""
    chain = list(parents)
    while (len(chain) >= 2 and isinstance(chain[-1], ast.Attribute) and chain[-1].attr in _SAME_TYPE_METHODS
           and isinstance(chain[-2], ast.Call) and chain[-2].func is chain[-1]):
        node = chain[-2]
        chain = chain[:-2]
    parent = chain[-1] if chain else None
    if isinstance(parent, ast.Tuple) and len(chain) >= 2:  # '%s:%s' % (a, b)
        outer = chain[-2]
        return isinstance(outer, ast.BinOp) and isinstance(outer.op, ast.Mod) and outer.right is parent \
            and _is_text_literal(outer.left)
    if isinstance(parent, ast.BinOp):
        if isinstance(parent.op, ast.Mod):
            return parent.right is node and _is_text_literal(parent.left)
        other = parent.left if parent.right is node else parent.right
        return isinstance(parent.op, ast.Add) and _is_text_literal(other)
    if isinstance(parent, ast.Compare) and len(parent.ops) == 1 and isinstance(parent.ops[0], (ast.Eq, ast.NotEq)):
        return _is_text_literal(parent.comparators[0] if parent.left is node else parent.left)
    return False

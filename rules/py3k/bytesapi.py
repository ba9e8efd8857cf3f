"""bytes/str at the standard library's byte APIs: their contract is bytes on Python 3 and str on Python 2.

Going in: an argument of hashlib, hmac, base64/binascii, zlib, a struct `s`/`c` field or a binary-mode
subprocess pipe's communicate() that is (or may be) text on Python 3 raises TypeError there;
`six.ensure_binary(x)` gives Python 3 the bytes and returns a Python 2 str unchanged. Coming out: the ASCII results of base64/hex encoders and the output of
subprocess.check_output are bytes on Python 3; used as text (formatted into a str, added to or compared
with a str literal) they print as `b'...'` or never compare equal: `six.ensure_str(...)` returns a Python 2
str unchanged and decodes on Python 3. The callee is known by its qualified name (an import of the module
or of the function), never guessed from a variable's name.
"""
from __future__ import annotations

import ast
import re

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
        elif isinstance(node.func, ast.Attribute) and len(node.args) == 1 and not node.keywords:
            method, receiver = node.func.attr, node.func.value
            if (method == "update" and _is_hash_object(receiver, ctx)
                    or method == "communicate" and _is_binary_pipe(receiver, ctx)):
                _arguments(ctx, node.args)
        if name in TEXT_LIKE_RESULTS and _used_as_text(node, ctx.parents):
            ctx.report("bytes-result-as-text", node, function=name)


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
    """A value that may be None (tryout11 #6): `x or None`, `a if c else None`, or a name that resolves to a
    parameter defaulting to None (`def sign(key, msg=None)`: hmac's own spelling) or that its scope assigns None
    (or such a value) anywhere. six.ensure_binary(None) raises TypeError on both Pythons, where the API takes
    None (hmac.new's msg): the argument is left, whatever it holds at the call (flow-insensitive)."""
    if _none_value(node):
        return True
    if not isinstance(node, ast.Name):
        return False
    scope = ctx.scope.binding_scope(node.id)
    if scope is None:
        return False
    key = ("may-be-none", id(scope.node))
    if key not in ctx.cache:
        ctx.cache[key] = _none_names(scope)
    return node.id in ctx.cache[key]


def _none_names(scope) -> frozenset:
    """The names of `scope` a parameter default or an assignment of the scope's own may bind to None."""
    names = set()
    if scope.is_function:
        args = scope.node.args
        positional = [*args.posonlyargs, *args.args]
        pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults),
                 *zip(args.kwonlyargs, args.kw_defaults)]
        names.update(arg.arg for arg, default in pairs if _none_value(default))
    body = getattr(scope.node, "body", [])
    todo = list(body) if isinstance(body, list) else []
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue  # their own scopes
        if isinstance(node, ast.Assign) and _none_value(node.value):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and _none_value(node.value) and isinstance(
                node.target, ast.Name):
            names.add(node.target.id)
        todo.extend(ast.iter_child_nodes(node))
    return frozenset(names)


def _none_value(node) -> bool:
    """None, or an expression that may give it whatever its names hold (`x or None`, `a if c else None`)."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return node.value is None
    if isinstance(node, ast.BoolOp):
        return any(_none_value(value) for value in node.values)
    return isinstance(node, ast.IfExp) and (_none_value(node.body) or _none_value(node.orelse))


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

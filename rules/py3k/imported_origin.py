"""May a receiver be an object (or a class) of another module of the project? Then its `sort`, `keys`, `next`,
`xreadlines`, `encode`... may be that class's own methods, which the rewrites for a list, a dict, an iterator, a
file or a str (`key=functools.cmp_to_key(f)`, `list(d.keys())`, `next(x)`, `f`, `codecs.encode(s, 'hex')`) do
not call (tryout6 #25, #26, #27). Check reads one file at a time, so it cannot see that class: it asks whether
the value may derive from a name bound outside the standard library, following the flow of values in the module
rather than one assignment shape. The one place deciding it for every receiver-based rule (rules/py3k/calls.py,
next_attribute.py, runtime.py's known_list).

A value derives from such a name where it reads one (`T`, `tbl.Table`, `seq.factory()`, `T.create()`, `t.rows`),
or a name some binding of which (in the scope it resolves to) derives from one: an assignment (`t2 = t`, a
conditional expression, an element `[T()][0]`), a `with ... as`, a loop or comprehension target over a value
holding one (`for r in [tbl.Table()]`), an except clause's class, a call of a function of the module returning
one, a def or class decorated by one, a class with such a base; a name read where nothing binds it, in a module
with a star import from outside the standard library, too. A value that is a builtin's for certain whatever it
holds is none: a literal or display, a comprehension, a call of `dict`, `list`, `sorted`, `len`... (their result
is the builtin's type), a call of a standard library function making a new value that holds none of the values it
is given (_FRESH: `json.loads(s)`, `os.path.join(...)`, `re.match(p, s)`, `os.environ.copy()`), a function's
parameter (unknown: not followed, as before).

A call the module cannot see into may hand back what it is given (tryout7 #1-#3, #20): the result of any other
call of the standard library (`copy.copy(t)`, `pickle.loads(pickle.dumps(t))`, `functools.reduce`,
`itertools.chain`, `operator.itemgetter(0)(rows)`, `collections.deque([t]).pop()`, `functools.partial(T)()`;
but a standard library class's object is its own: `OrderedDict(t=t).keys()`), of a method (`q.get()` after
`q.put(t)`: a container holds what is put in it), of a value that is no name (`outer()()`: what
the value called may give, a function's returns too) derives from what it is given; a module imported by its
name (`importlib.import_module("tbl")`, `__import__`) or taken from sys.modules is another module's; a function's
results are its returns, a generator's its yields (`next(gen())`, `for t in gen()`), a lambda bound to a name its
body's, a method called on a class of the module or on a method's self or cls those of the module's methods of
that name (`Factory.make()`, `self.build()`); a name the module may bind unseen (`globals()["t"] = T()`,
`setattr(sys.modules[__name__], "t", T())`, code run in it, a write into the builtins module:
builtin_uses.unseen_bindings) may be anything. Tuple targets take their own element of a display (`g, l = f(),
{}`). A parameter, or an attribute set elsewhere (`self.rows = T()`), is still not followed."""
from __future__ import annotations

import ast
import builtins

from diracmod.rules.py3k.builtin_uses import unseen_bindings
from diracmod.source.scopes import COMPREHENSIONS, Scope, scope_bindings
from diracmod.source.tables import PY2_ONLY_MODULES, REMOVED_BUILTINS, SIX_MOVES_NAMES, STDLIB_MODULES
from diracmod.source import module_nodes

# compatibility layers whose names are the standard library's (or the builtins') objects on either Python
# what a value's own iter* method hands back: certain where the value is, alike before and after fix rewrites one
# into the other (a second run decides as the first: tryout11 lead)
_DICT_ITERATORS = frozenset({"iterkeys", "itervalues", "iteritems", "iterlists"})
_SIX_ITERATORS = frozenset(f"six.{name}" for name in _DICT_ITERATORS)
_TRUSTED = STDLIB_MODULES | PY2_ONLY_MODULES | {"six", "future", "past", "builtins", "__builtin__"}
# builtins returning a value of their own type (a dict, a list, a str, a number, a builtin iterator) whatever
# they are given; getattr, min, max, next, reduce, type, copy... may return what they are given, and are not here
_TYPED_BUILTINS = frozenset({
    "dict", "list", "tuple", "set", "frozenset", "sorted", "str", "unicode", "bytes", "bytearray", "int", "long",
    "float", "complex", "bool", "len", "repr", "hash", "id", "range", "xrange", "open", "file", "enumerate", "zip",
    "map", "filter", "reversed", "iter", "format", "hex", "oct", "bin", "chr", "unichr", "ord", "round", "divmod",
    "isinstance", "issubclass", "callable", "hasattr", "globals", "locals", "vars", "dir", "cmp", "any", "all",
    "intern", "raw_input", "input", "slice", "memoryview", "buffer", "object"})
_BUILTIN_NAMES = frozenset(dir(builtins)) | REMOVED_BUILTINS
# expressions whose value is a builtin's whatever the names in them hold
_BUILTIN_VALUES = (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Set, ast.Dict, *COMPREHENSIONS,
                   ast.Compare, ast.Lambda, ast.Yield, ast.YieldFrom, ast.Await)
_UNPACKED = (ast.Tuple, ast.List, ast.Starred)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_HOW = "bound outside the standard library"
# standard library functions whose result is a new value (a str, a number, a list of str, a match object...)
# holding none of the values they are given, whatever they are given: a module's functions, or one function
_FRESH_MODULES = frozenset({
    "os.path", "posixpath", "ntpath", "re", "string", "struct", "math", "cmath", "base64", "binascii", "hashlib",
    "hmac", "md5", "sha", "zlib", "time", "calendar", "fnmatch", "glob", "shlex", "textwrap", "unicodedata",
    "urllib", "urlparse", "urllib.parse", "cgi", "locale", "stat", "uuid", "mimetypes", "quopri", "keyword"})
_FRESH_FUNCTIONS = frozenset({
    "json.loads", "json.load", "json.dumps", "json.dump", "os.listdir", "os.getcwd", "os.getcwdu", "os.walk",
    "os.stat", "os.lstat", "os.urandom", "os.readlink", "os.environ.copy", "os.environ.keys", "os.environ.items",
    "os.environ.values", "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.date.today",
    "datetime.datetime.strptime", "datetime.datetime.fromtimestamp", "datetime.datetime.utcfromtimestamp",
    "subprocess.check_output", "traceback.format_exc", "traceback.format_exception", "traceback.extract_stack",
    "traceback.extract_tb", "traceback.format_stack", "sys.exc_info", "sys.getdefaultencoding", "socket.gethostname",
    "platform.system", "platform.python_version", "codecs.encode", "codecs.decode", "cgi.parse_qs",
    "inspect.getargspec", "inspect.getsource", "inspect.getfile", "tempfile.mkdtemp", "tempfile.mkstemp",
    "xml.sax.saxutils.escape", "xml.sax.saxutils.unescape", "xml.sax.saxutils.quoteattr"})
# classes of the standard library named in lower case (_stdlib_class)
_STDLIB_LOWER_CLASSES = frozenset({
    "deque", "defaultdict", "partial", "array", "count", "cycle", "repeat", "chain", "islice", "izip", "imap",
    "ifilter", "groupby", "product", "permutations", "combinations", "itemgetter", "attrgetter", "methodcaller",
    "datetime", "date", "time", "timedelta", "local", "socket", "error"})
# keywords making json.load(s) call what it is given
_JSON_HOOKS = frozenset({"object_hook", "object_pairs_hook", "cls", "parse_float", "parse_int", "parse_constant"})
# functions making objects of any class, the project's too, from their data
_UNPICKLING = frozenset({"pickle.load", "pickle.loads", "cPickle.load", "cPickle.loads",
                         "six.moves.cPickle.load", "six.moves.cPickle.loads"})
# functions importing a module by its name: another module's, unless the name is a standard library module's
_IMPORTING = frozenset({"importlib.import_module", "imp.load_module", "imp.load_source", "imp.load_package",
                        "imp.load_compiled", "importlib.reload", "imp.reload"})


def imported_owner(receiver, ctx, method: str, stdlib_objects: bool = False) -> str:
    """Why `receiver.method()` may be the method of another module's class, for a person; "" where the receiver
    derives from no name bound outside the standard library. With `stdlib_objects`, an object the standard library
    makes counts too: a call of one of its classes (a capitalised name: `json.JSONEncoder()`,
    `email.header.Header(s)`, `codecs.StreamWriter(f)`), of a class of the module deriving from one (`class
    S(UserString)`) or of what one of its functions returns (`codecs.getincrementalencoder('utf-8')()`), whose
    encode()/decode() are their own (tryout8 #12); its functions' results (`os.urandom(8)`, `binascii.hexlify(s)`)
    stay str."""
    origin = _Origins(ctx, stdlib_objects).value(receiver, ctx.scope)
    if origin is None:
        return ""
    name, line, how = origin
    if how == _MADE:
        return (f"`{ast.unparse(receiver)}` may be an object the standard library makes (`{name}`, line {line}), "
                f"whose class defines {method} itself")
    if how == _DERIVED:
        return (f"`{ast.unparse(receiver)}` may be an object of a class of the module deriving from a standard "
                f"library class (`{name}`, line {line}), which may define {method} itself")
    return (f"`{ast.unparse(receiver)}` may be an object or a class of another module (`{name}`, "
            f"{f'line {line}, ' if line else ''}{how}), which may define {method} itself")


def project_owner(receiver, ctx, method: str) -> str:
    """Why `receiver.method()` may be the method of a class of another module of the project that defines it in a
    way the rewrite does not fit (diracmod/source/project_index/, read once per run by check and fix alike:
    ctx.project), for a person; "" where no class of the project does, where the project is not known (a text
    alone), or where the receiver is a builtin's value for certain (`builtin_for_certain`). A receiver of unknown
    origin (a parameter, an attribute, a call's result) may be one of that class's objects (tryout6b #5)."""
    where = ctx.project.why(method) if ctx.project is not None else ""
    if not where or builtin_for_certain(receiver, ctx):
        return ""
    return (f"`{ast.unparse(receiver)}` may be an object of a class of the project defining {method} ({where}), "
            f"whose result the rewrite may not fit")


def python2_qualified_name(node, ctx) -> str | None:
    """ctx.scope.qualified_name(node), but None where the import binding it is an implicit relative one: an
    absolute-spelled `from errors import AppError` (`import errors`, `from sub.errors import ...`) in a module
    without absolute_import whose first name is a sibling of its package (ctx.siblings:
    diracmod.core.siblings.implicit), which Python 2 imports from the package, the project's own pkg/errors.py:
    named as `from .errors import AppError` names it (no qualified name), not as a module of another project
    (tryout26 #4). For the rules resolving a class by its import (calls.py's exception-message-attribute)."""
    qualified = ctx.scope.qualified_name(node)
    if qualified and "absolute_import" not in ctx.future and qualified.split(".")[0] in ctx.siblings:
        return None
    return qualified


def sibling_class(node, ctx) -> tuple | None:
    """(module key, class name) of a class of a module of the project's package that `node` names, as the project
    index names it (ProjectIndex.message_kind): by a relative import (`from .errors import E`, `errors.E` after `from
    . import errors`) or by one Python 2 imports implicitly relative (python2_qualified_name: `from errors import E`,
    `import errors`); a name nothing in the module binds, by the module's last star import from outside the standard
    library (`from lib.errs import *`, relative or not: tryout28 #11), the index then holding the name for that
    module or not; None for any other name (tryout27 #4)."""
    qualified = ctx.scope.qualified_name(node)
    if qualified:
        module, _, name = qualified.rpartition(".")
        return (module.rpartition(".")[2], name) if module and python2_qualified_name(node, ctx) is None else None
    head, name = (node.value, node.attr) if isinstance(node, ast.Attribute) else (node, None)
    bound = ctx.scope.binding_scope(head.id) if isinstance(head, ast.Name) else None
    if bound is None and name is None and isinstance(head, ast.Name):
        star = next((statement.module for statement in reversed(ctx.tree.body) if isinstance(statement, ast.ImportFrom)
                     and statement.names[0].name == "*" and (statement.level or (statement.module or "").split(".")[0]
                                                             not in _TRUSTED)), None)
        return (star.rpartition(".")[2], head.id) if star else None
    for binding in scope_bindings(bound.node, head.id) if bound is not None else ():
        if isinstance(binding, ast.ImportFrom) and binding.level:
            alias = next(alias for alias in binding.names if (alias.asname or alias.name) == head.id)
            if name is None and binding.module:  # `from .errors import E`: E
                return binding.module.rpartition(".")[2], alias.name
            if name is not None:  # `from . import errors` (a module): errors.E
                return alias.name, name
    return None


def defined_name(node, ctx) -> str | None:
    """The name the class (or function) `node` names is defined by in its module, resolved through the module's
    imports: `Base` for `TokenBase` after `from lib.tok import Base as TokenBase` (`from .tok`, `from tok` too:
    sibling_class) or for `tok.Base`; else the name or attribute written (tryout28 #4); None for any other
    expression."""
    found = sibling_class(node, ctx)
    if found:
        return found[1]
    qualified = ctx.scope.qualified_name(node)
    if qualified:
        return qualified.rpartition(".")[2]
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def builtin_for_certain(node, ctx) -> bool:
    """A value that is a builtin's (or the standard library's) whatever the names in it hold: a literal, a
    display or a comprehension, a call of a builtin returning its own type (`dict(...)`, `sorted(...)`) or of the
    standard library (`collections.OrderedDict()`), a function's `**kwargs`, or a name every binding of which (in
    the scope it resolves to) assigns one of those."""
    return _certain(node, ctx.scope, ctx, set())


def _certain(node, scope, ctx, seen: set) -> bool:
    if isinstance(node, _BUILTIN_VALUES):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in _TYPED_BUILTINS:
            return scope.binding_scope(func.id) is None
        qualified = scope.qualified_name(func)
        if qualified in _SIX_ITERATORS and node.args:  # six.iteritems(d) calls d.iteritems() on Python 2
            return _certain(node.args[0], scope, ctx, seen)
        if not qualified and isinstance(func, ast.Attribute) and func.attr in _DICT_ITERATORS and not node.args:
            return _certain(func.value, scope, ctx, seen)  # d.iteritems(): a dict's for a dict, as fix makes it six's
        return bool(qualified) and qualified.split(".")[0] in _TRUSTED
    if not isinstance(node, ast.Name):
        return False
    bound = scope.binding_scope(node.id)
    if bound is None or (id(bound.node), node.id) in seen:
        return False
    seen.add((id(bound.node), node.id))
    bindings = list(scope_bindings(bound.node, node.id))
    arguments = getattr(bound.node, "args", None)
    if isinstance(arguments, ast.arguments) and arguments.kwarg is not None and arguments.kwarg.arg == node.id:
        return len(bindings) == 1  # the parameter alone
    parents = _parents(ctx)
    return bool(bindings) and all(
        isinstance(binding, ast.Name) and isinstance(parents.get(id(binding)), (ast.Assign, ast.AnnAssign))
        and parents[id(binding)].value is not None and _certain(parents[id(binding)].value, bound, ctx, seen)
        for binding in bindings)


_STDLIB = STDLIB_MODULES | PY2_ONLY_MODULES


# functions returning a codecs stream, whose xreadlines() is the wrapped file's (undecoded lines, tryout9 #13)
_STREAM_MAKERS = frozenset({"codecs.open", "codecs.EncodedFile"})
_MADE = "made by the standard library"  # an origin's `how` for _stdlib_made's objects
_DERIVED = "a class of the module deriving from a standard library class"


def _stdlib_made_class(qualified) -> bool:
    """A capitalised name of the standard library (`json.JSONEncoder`, `UserString.UserString`, and by six.moves'
    spellings: _standard): a class, whose objects are no str."""
    return bool(qualified) and _standard(qualified) and qualified.split(".")[-1][:1].isupper()


def _standard(qualified: str) -> bool:
    """A name of the standard library: of one of its modules, or six.moves' name of its object (the stdlib-moves
    table's: `six.moves.UserString`, `six.moves.http_client.HTTPConnection`), which a first fix run writes for the
    Python 2 import a second run must judge alike (tryout27 #5)."""
    parts = qualified.split(".")
    return parts[0] in _STDLIB or parts[:2] == ["six", "moves"] and any(
        ".".join(parts[:end]) in SIX_MOVES_NAMES for end in range(3, len(parts) + 1))


def _stdlib_made(call: ast.Call, scope):
    """(name, line, _MADE) where `call` makes an object of the standard library that is no str (see
    imported_owner), else None."""
    func = call.func
    qualified = scope.qualified_name(func)
    if _stdlib_made_class(qualified) or qualified in _STREAM_MAKERS:
        return f"{qualified}(...)", call.lineno, _MADE
    if isinstance(func, ast.Call):
        inner = scope.qualified_name(func.func)
        if inner and _standard(inner):
            return f"{inner}(...)(...)", call.lineno, _MADE
    return None


class _Origins:
    """One question's walk: each (scope, name, sense) is followed once; a name met again while its own bindings
    are being read adds nothing (they are read where it was met first). The answers for the name asked first are
    kept for the module (ctx.cache): complete, as every binding reachable from it was read. Two senses: the value
    itself (`value`), or the value and anything it holds (`held`: what iterating or indexing it may give)."""

    def __init__(self, ctx, stdlib_objects: bool = False):
        self.ctx, self.stdlib_objects = ctx, stdlib_objects
        self.done: dict = {}
        self.reading: set = set()

    def value(self, node, scope):
        """(name, line, how) of a binding outside the standard library (or of a source the module cannot see:
        a module imported by its name, sys.modules, a namespace write) that the value of `node` may be, or be
        made or reached from; None where there is none."""
        if node is None or isinstance(node, _BUILTIN_VALUES):
            return None
        if isinstance(node, ast.Name):
            return self.name(node.id, scope, False)
        if isinstance(node, (ast.Attribute, ast.Starred, ast.NamedExpr)):
            return self.value(node.value, scope)
        if isinstance(node, ast.Subscript):  # an element of a container holding one, or the object's own item
            return self.held(node.value, scope)
        if isinstance(node, ast.IfExp):
            return self.value(node.body, scope) or self.value(node.orelse, scope)
        if isinstance(node, ast.BoolOp):
            return next(filter(None, (self.value(value, scope) for value in node.values)), None)
        if isinstance(node, ast.BinOp):  # an operator method of the object's class may return anything
            return self.value(node.left, scope) or self.value(node.right, scope)
        if isinstance(node, ast.UnaryOp):
            return None if isinstance(node.op, ast.Not) else self.value(node.operand, scope)
        if isinstance(node, ast.Call):
            return self._called(node, scope)
        return self.held(node, scope)

    def held(self, node, scope):
        """What the value of `node` or anything it holds may derive from: iterating or indexing it may give any
        value read in it (`[T()]`, `zip(names, tables)`, `enumerate(rows)`)."""
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, ast.Call):
                found = self._imported_by_name(current, scope) or (
                    None if self._fresh(current, scope) else self._returned(current, scope, True))
                if not found and not self._fresh(current, scope):
                    stack.extend(_result_parts(current, scope))
            elif isinstance(current, ast.Attribute) and scope.qualified_name(current) == "sys.modules":
                found = _any_module(current)
            else:
                found = self.name(current.id, scope, True) if isinstance(current, ast.Name) and isinstance(
                    current.ctx, ast.Load) else None
                if not isinstance(current, ast.Lambda):  # a function: what it returns is read where it is called
                    stack.extend(ast.iter_child_nodes(current))
            if found:
                return found
        return None

    def _called(self, call: ast.Call, scope):
        func = call.func
        made = self.stdlib_objects and _stdlib_made(call, scope)
        if made:
            return made
        if isinstance(func, ast.Name) and func.id in _TYPED_BUILTINS and scope.binding_scope(func.id) is None:
            return None
        if self._fresh(call, scope):
            return None
        imported = self._imported_by_name(call, scope)
        if imported:
            return imported
        qualified = scope.qualified_name(func) or ""
        if qualified.split(".")[0] in _TRUSTED and _stdlib_class(qualified):
            return None  # an object of the standard library's class, whatever it holds: `OrderedDict(t=t).keys()`
        if isinstance(func, ast.Attribute):  # a str's method makes a str; a container's may give what it holds
            if isinstance(func.value, (ast.Constant, ast.JoinedStr)):
                return None
            # what a method of that name of the module's classes returns, or what the object holds
            return self._returned(call, scope, False) or next(filter(None, (
                self.held(part, scope) for part in _result_parts(call, scope))), None)
        if isinstance(func, ast.Name) and scope.binding_scope(func.id) is None and func.id in _BUILTIN_NAMES:
            return self.held(call, scope)  # getattr(o, name), max(tables), next(rows): what it is given
        if not isinstance(func, ast.Name):  # `outer()()`, `partial(T)()`, `handlers[k]()`: what the value may give
            return self.held(call, scope)
        return self.value(func, scope) or self._returned(call, scope, False)

    def _fresh(self, call: ast.Call, scope) -> bool:
        """A call of the standard library whose result is a new value holding none of the values it is given
        (_FRESH_FUNCTIONS, _FRESH_MODULES)."""
        func = call.func
        qualified = scope.qualified_name(func)
        if not qualified or qualified.split(".")[0] not in _TRUSTED:
            return False
        if qualified in ("json.loads", "json.load"):
            return not any(keyword.arg in _JSON_HOOKS or keyword.arg is None for keyword in call.keywords)
        return qualified in _FRESH_FUNCTIONS or qualified.rpartition(".")[0] in _FRESH_MODULES

    def _imported_by_name(self, call: ast.Call, scope):
        """`importlib.import_module("tbl")`, `__import__(name)`: a module outside the standard library, unless the
        name is a constant naming one of the standard library's; `pickle.load(f)`: an object of any class."""
        func = call.func
        qualified = scope.qualified_name(func)
        if not (qualified in _IMPORTING | _UNPICKLING or isinstance(func, ast.Name) and func.id in (
                "__import__", "reload") and scope.binding_scope(func.id) is None):
            return None
        if qualified in _UNPICKLING:
            return ast.unparse(call), call.lineno, "an object unpickled, of any class"
        name = call.args[0] if call.args else None
        if isinstance(name, ast.Constant) and isinstance(name.value, str) and name.value.split(".")[0] in _TRUSTED:
            return None
        return ast.unparse(call), call.lineno, "a module imported by its name"

    def _returned(self, call: ast.Call, scope, held: bool):
        """What a function of the module called by name returns (a generator's yields, in the `held` sense: what
        iterating it gives), or a lambda bound to the name; a method called on a class of the module, or on self
        or cls: any method of that name of the module's classes."""
        func = call.func
        if isinstance(func, ast.Attribute):
            return next(filter(None, (self._results(definition, outer, held) for definition, outer in _methods(
                self.ctx, func.attr))), None) if self._own_class(func.value, scope) else None
        bound = scope.binding_scope(func.id) if isinstance(func, ast.Name) else None
        if bound is None:
            return None
        for definition in scope_bindings(bound.node, func.id):
            if isinstance(definition, ast.Name):  # `make = lambda: T()`
                holder = _parents(self.ctx).get(id(definition))
                definition = getattr(holder, "value", None) if isinstance(holder, ast.Assign) else None
                if not isinstance(definition, ast.Lambda):
                    continue
            found = self._results(definition, bound, held)
            if found:
                return found
        return None

    def _own_class(self, receiver, scope) -> bool:
        """Is `receiver` a class of the module (`Factory` in `Factory.make()`), or a method's first parameter in a
        class of the module (`self.build()`, `cls.make()`)? Its methods are then the module's."""
        if not isinstance(receiver, ast.Name):
            return False
        bound = scope.binding_scope(receiver.id)
        if bound is None:
            return False
        if isinstance(bound.node, _DEFS):
            arguments = [*getattr(bound.node.args, "posonlyargs", ()), *bound.node.args.args]
            return bool(arguments) and arguments[0].arg == receiver.id and isinstance(
                _parents(self.ctx).get(id(bound.node)), ast.ClassDef)
        return any(isinstance(binding, ast.ClassDef) for binding in scope_bindings(bound.node, receiver.id))

    def _results(self, definition, scope, held: bool):
        """What calling the def or lambda `definition` (bound in `scope`) returns: a generator's yields in the
        `held` sense, none in the value sense (a generator)."""
        key = ("returns", id(definition), held)
        if not isinstance(definition, (*_DEFS, ast.Lambda)) or key in self.reading:
            return None
        self.reading.add(key)
        inner = Scope(definition, scope)
        if isinstance(definition, ast.Lambda):
            return (self.held if held else self.value)(definition.body, inner)
        returned, yielded = _returns(definition)
        if yielded is not None and not held:
            return None  # a generator
        return next(filter(None, ((self.held if held else self.value)(node, inner)
                                  for node in (returned if yielded is None else yielded))), None)

    def name(self, name: str, scope, held: bool):
        bound = scope.binding_scope(name)
        if bound is None:
            return self._star_imported(name) or self._written(name)
        key = (id(bound.node), name, held, self.stdlib_objects)
        cached = self.ctx.cache.get(("imported-origin", *key), False)
        if cached is not False:
            return cached
        if key in self.done:
            return self.done[key]
        if key in self.reading:
            return None
        first = not self.reading
        self.reading.add(key)
        found = next(filter(None, (self._binding(binding, name, bound, held)
                                   for binding in scope_bindings(bound.node, name))), None)
        if found is None and held:  # `rows.append(T())`, `index[k] = T()`
            found = next(filter(None, (self.held(put, bound) for put in _filled(self.ctx, bound.node, name))), None)
        if found is None and bound.parent is None:
            found = self._written(name)
        self.done[key] = found
        if first:
            self.ctx.cache[("imported-origin", *key)] = found
        return found

    def _binding(self, binding, name: str, scope, held: bool):
        """What a binding of `name` in `scope` gives it, where that derives from a binding outside the standard
        library."""
        if isinstance(binding, (ast.Import, ast.ImportFrom)):
            alias = next(alias for alias in binding.names if (alias.asname or alias.name.split(".")[0]) == name)
            if isinstance(binding, ast.Import):
                return (f"import {alias.name}", binding.lineno, _HOW) if alias.name.split(".")[0] not in _TRUSTED \
                    else None
            module = binding.module or ""
            return (f"from {'.' * binding.level}{module} import {alias.name}", binding.lineno, _HOW) if (
                binding.level or module.split(".")[0] not in _TRUSTED) else None
        if isinstance(binding, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if binding.name != name:  # a def declaring the name global: its assignments to it
                inner = Scope(binding, scope)
                return next(filter(None, (self._binding(node, name, inner, held) for node in ast.walk(binding)
                                          if isinstance(node, ast.Name) and node.id == name
                                          and isinstance(node.ctx, ast.Store))), None)
            # the name is what the decorators make of it; a class's objects have its bases' methods (with
            # stdlib_objects a standard library class's too: `class S(UserString)`); a function held (given to a
            # call the module cannot see: `partial(make)()`) may give what it returns
            return next(filter(None, (self.value(node, scope) for node in (
                *binding.decorator_list, *getattr(binding, "bases", ())))), None) or self._stdlib_based(
                binding, scope) or (self._results(binding, scope, True) if held and isinstance(binding, _DEFS)
                                    else None)
        if isinstance(binding, ast.ExceptHandler):
            return self.value(binding.type, scope)
        if isinstance(binding, ast.Name):
            return self._assigned(binding, scope, held)
        return None  # a parameter, a `global` statement: not followed

    def _stdlib_based(self, binding, scope):
        """(class line, line, _DERIVED) where, with stdlib_objects, the class `binding` has a standard library
        class for a base (`class S(UserString.UserString)`): its objects have that class's encode()/decode()."""
        base = next((qualified for qualified in map(scope.qualified_name, getattr(binding, "bases", ()))
                     if _stdlib_made_class(qualified)), None) if self.stdlib_objects else None
        return (f"class {binding.name}({base})", binding.lineno, _DERIVED) if base else None

    def _assigned(self, target: ast.Name, scope, held: bool):
        parents = _parents(self.ctx)
        holder, unpacked = parents.get(id(target)), False
        paired = _paired(target, holder, parents.get(id(holder)))
        if paired is not None:  # `g, l = make(), {}`: l is the display's
            return (self.held if held else self.value)(paired, scope)
        while isinstance(holder, _UNPACKED):
            holder, unpacked = parents.get(id(holder)), True
        if isinstance(holder, (ast.For, ast.AsyncFor, ast.comprehension)):
            return self.held(holder.iter, scope)
        if isinstance(holder, ast.withitem):
            source = holder.context_expr
        elif isinstance(holder, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            source = holder.value
        else:
            return None  # `del name`
        return self.held(source, scope) if held or unpacked else self.value(source, scope)

    def _written(self, name: str):
        """A name of the module a write to its namespace may bind (`globals()["t"] = T()`): anything."""
        key = ("namespace-unseen", name)
        if key not in self.ctx.cache:
            # a star import is _star_imported's (binding a name nothing else binds)
            self.ctx.cache[key] = next((how for how in unseen_bindings(self.ctx.tree, name)
                                        if not how.startswith("from ")), "") if name not in _BUILTIN_NAMES else ""
        how = self.ctx.cache[key]
        return (how, 0, "a write to the module's namespace, of any value") if how else None

    def _star_imported(self, name: str):
        """A name nothing binds that is no builtin's, in a module with a star import from outside the standard
        library: that import may bind it."""
        if name in _BUILTIN_NAMES:
            return None
        star = next((node for node in self.ctx.tree.body if isinstance(node, ast.ImportFrom)
                     and node.names[0].name == "*" and (node.level or (node.module or "").split(".")[0]
                                                        not in _TRUSTED)), None)
        return (f"from {'.' * star.level}{star.module or ''} import *", star.lineno, _HOW) if star else None


def _stdlib_class(qualified: str) -> bool:
    """A class of the standard library by its name (`collections.OrderedDict`, `Queue.Queue`, `collections.deque`),
    whose call makes an object of its own class: its keys(), next()... are the standard library's."""
    name = qualified.rpartition(".")[2]
    return name[:1].isupper() or name in _STDLIB_LOWER_CLASSES


def _any_module(node):
    """sys.modules: any module, this one and those of the project too."""
    return ast.unparse(node), node.lineno, "any module, this one too"


# methods returning (or putting in and returning) the last argument they are given: `d.get(k, default)`
_RETURNING_ARGUMENT = frozenset({"get", "setdefault", "pop"})


def _result_parts(call: ast.Call, scope) -> list:
    """The parts of a call whose values (or what they hold) its result may be or hold: a method's object (a
    container gives what it holds; its other arguments are keys, indexes, options, not results: `d.getlist(key)`)
    and the default of get/setdefault/pop; a function's name (a module's, `copy.copy`, too) and every argument,
    which a function the module cannot see into may hand back (`zip(a, b)`, `max(rows)`, `copy.copy(t)`,
    `functools.reduce(f, rows)`, `partial(T)()`)."""
    func = call.func
    if isinstance(func, ast.Attribute) and not scope.qualified_name(func):
        return [func.value, *call.args[-1:]] if func.attr in _RETURNING_ARGUMENT and len(call.args) > 1 else [
            func.value]
    return [func, *call.args, *(keyword.value for keyword in call.keywords)]


# methods putting a value into the container they are called on (the last argument: `insert(i, x)`, `setdefault(k, x)`;
# a queue's `put(x)`, a heap's or a stack's `push(x)`: tryout7 #2)
_FILLING = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "appendleft", "extendleft", "put",
                      "put_nowait", "push", "appendlist", "setlist", "setlistdefault"})


def _filled(ctx, scope_node, name: str) -> list:
    """The values put into the container `name` in the scope (and the scopes nested in it, conservatively):
    `name.append(v)`, `name.put(v)`, `name[k] = v`... Read once per scope."""
    key = ("container-fills", id(scope_node))
    fills = ctx.cache.get(key)
    if fills is None:
        fills = ctx.cache[key] = {}
        for node in ast.walk(scope_node):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FILLING \
                    and isinstance(node.func.value, ast.Name) and node.args:
                fills.setdefault(node.func.value.id, []).append(node.args[-1])
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                        fills.setdefault(target.value.id, []).append(node.value)
    return fills.get(name, [])


def _paired(target: ast.Name, pattern, statement):
    """The value a name of a tuple target gets from a display of as many values (`a, b = x, y`), else None."""
    value = getattr(statement, "value", None) if isinstance(statement, ast.Assign) else None
    if not (isinstance(pattern, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List))
            and len(pattern.elts) == len(value.elts)) or any(
            isinstance(node, ast.Starred) for node in (*pattern.elts, *value.elts)):
        return None
    return value.elts[pattern.elts.index(target)]


def _parents(ctx) -> dict:
    """id(node) -> its parent, for the module's tree, built once."""
    found = ctx.cache.get("parents-by-id")
    if found is None:
        found = ctx.cache["parents-by-id"] = {id(child): node for node in module_nodes.walk(ctx.tree)
                                              for child in ast.iter_child_nodes(node)}
    return found


parents_by_id = _parents  # the same map for the other rules (bytesapi's csv-binary-file)


def _returns(definition) -> tuple:
    """The values a function's own body returns, and those it yields, None for no generator (a generator's call
    makes a generator, which gives them when iterated; `yield from x` gives what x holds, read as x)."""
    returned, yielded, stack = [], None, list(definition.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            yielded = [*(yielded or ()), *([node.value] if node.value is not None else [])]
        if isinstance(node, ast.Return) and node.value is not None:
            returned.append(node.value)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return returned, yielded


def _methods(ctx, name: str) -> list:
    """(def, the scope of its class) of the methods called `name` of the module's classes, nested ones too (a
    method called on any object may be one of them: `Factory.make()`, `self.build()`). Read once per module."""
    key = ("methods-by-name",)
    found = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = {}
        stack = [(ctx.tree, Scope(ctx.tree, None))]
        while stack:
            node, scope = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (*_DEFS, ast.ClassDef)):
                    inner = Scope(child, scope)
                    if isinstance(node, ast.ClassDef) and isinstance(child, _DEFS):
                        found.setdefault(child.name, []).append((child, scope))
                    stack.append((child, inner))
                else:
                    stack.append((child, scope))
    return found.get(name, [])

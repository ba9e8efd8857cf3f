"""Functions reading one character of their one parameter: `ord(c)`, `unicodedata.category(unicode(c))`, `c.isalpha()`,
`c == "x"`, `c in` a text of characters (a string literal, a `string` module constant, a constant of the module, a set
of characters). filter(f, s) of such an f was given a str (or unicode) on Python 2, and returned one, which
`list(filter(...))` would make a list (rules/py3k/calls.py: filter-keeps-str-or-tuple, DM126). The project index
names the module-level ones of every module (character_defs), for the modules importing them (tryout27 #1)."""
from __future__ import annotations

import ast
import re

from diracmod.source.scopes import Scope, own_nodes, scope_bindings
from diracmod.source.tables import STDLIB_MODULES

_CHARACTER_METHODS = frozenset({"isalpha", "isalnum", "isdigit", "isspace", "isupper", "islower", "isdecimal",
                                "isnumeric"})
_TEXT_OF_A_CHARACTER = frozenset({"unicode", "str"})
_TEXT_TYPES = frozenset({"str", "unicode", "bytes"})
# the string module's texts of characters (Python 2's letters, lowercase, uppercase too)
STRING_CONSTANTS = frozenset(f"string.{name}" for name in (
    "ascii_letters", "ascii_lowercase", "ascii_uppercase", "letters", "lowercase", "uppercase", "digits", "hexdigits",
    "octdigits", "punctuation", "whitespace", "printable"))
_SETS = frozenset({"set", "frozenset"})
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def character_use(definition, scope, builtin, first: int = 0, depth: int = 2, klass=None, elsewhere=None) -> str:
    """How `definition` (a def or lambda of one parameter after its `first` ones: a method's self or cls, and after
    it defaulted ones only, whose names resolve through `scope`) takes its parameter for one character of a text:
    `ord(c)`, `unicodedata.category(c)` (of `unicode(c)` too), `c.isalpha()` (`str.isalpha(c)`: str_method),
    `c in "..."` (characters; `c in
    self.allowed` of a method of `klass`, the class or a base binding it to characters: class_text), `c == "x"`, or
    `helper(c)` of a function of the scope doing one of these (`depth` calls deep: tryout28 #1), or of one
    `elsewhere(func)` says another module's reading one character (`tu.isHex(c)`: the project index's, tryout29 #1);
    "" where it does none of these. `builtin(name, line)`: does the name read there find the builtin?"""
    arguments = definition.args if isinstance(definition, (*_DEFS, ast.Lambda)) else None
    if (arguments is None or not first < len(arguments.args) <= first + 1 + len(arguments.defaults)
            or arguments.vararg or arguments.kwarg or arguments.kwonlyargs):
        return ""
    name = arguments.args[first].arg
    defaults = _defaults(definition, first)
    body = definition.body if isinstance(definition.body, list) else [definition.body]
    for sub in own_nodes(body):  # not a nested def's, whose own `c` is another name (simplejson's replace(match))
        if isinstance(sub, ast.Call) and len(sub.args) == 1 and _is_item(sub.args[0], name, scope, builtin):
            func = sub.func
            if isinstance(func, ast.Name) and func.id == "ord" and builtin("ord", func.lineno):
                return f"ord({name})"
            qualified = scope.qualified_name(func) or ""
            if qualified.startswith("unicodedata.") or str_method(func, scope, builtin).partition(".")[
                    2] in _CHARACTER_METHODS:  # `str.isdigit(c)`, `keep(c)` of `keep = str.isdigit`
                return f"{ast.unparse(func)}({name})"
            helper, helper_scope = named_function(func, scope) if depth else (None, None)
            if helper is not None and character_use(helper, helper_scope, builtin, depth=depth - 1,
                                                    elsewhere=elsewhere) or (
                    depth and helper is None and elsewhere is not None and elsewhere(func)):
                return f"{ast.unparse(func)}({name})"
        elif (isinstance(sub, ast.Call) and not sub.args and isinstance(sub.func, ast.Attribute)
              and sub.func.attr in _CHARACTER_METHODS and _is_item(sub.func.value, name, scope, builtin)):
            return f"{name}.{sub.func.attr}()"
        elif isinstance(sub, ast.Compare) and len(sub.ops) == 1 and _is_item(sub.left, name, scope, builtin):
            other = sub.comparators[0]
            other = defaults.get(other.id, other) if isinstance(other, ast.Name) else other
            if isinstance(sub.ops[0], (ast.In, ast.NotIn)) and (characters(other, scope, builtin) or (
                    first and klass is not None and isinstance(other, ast.Attribute) and isinstance(
                        other.value, ast.Name) and other.value.id == arguments.args[0].arg
                    and class_text(klass, other.attr, scope, builtin))) or isinstance(
                    sub.ops[0], (ast.Eq, ast.NotEq)) and _character(other):
                return f"{name} {'in' if isinstance(sub.ops[0], (ast.In, ast.NotIn)) else '=='} {ast.unparse(other)}"
    return ""


def _defaults(definition, first: int) -> dict:
    """name -> default value of the parameters after the item's (the `first` + 1 st) that the body never rebinds:
    `def ok(c, allowed=SAFE): return c in allowed` reads `allowed` as SAFE, evaluated in the def's scope (tryout28
    #8)."""
    arguments = definition.args
    named = arguments.args[len(arguments.args) - len(arguments.defaults):]
    return {parameter.arg: value for parameter, value in zip(named, arguments.defaults)
            if parameter is not arguments.args[first] and all(
                isinstance(binding, ast.arg) for binding in scope_bindings(definition, parameter.arg))}


def named_function(node, scope) -> tuple:
    """(the function a name read in `scope` is, the scope binding it), or (None, None): a name bound once there, by a
    def (at the module's top level, or in a function: tryout27 #1) or by an assignment of a lambda."""
    bound = scope.binding_scope(node.id) if isinstance(node, ast.Name) else None
    if bound is None:
        return None, None
    bindings = list(scope_bindings(bound.node, node.id))
    if len(bindings) == 1 and isinstance(bindings[0], _DEFS):
        return bindings[0], bound
    value = assigned_once(node.id, scope)
    return (value, bound) if isinstance(value, ast.Lambda) else (None, None)


def str_method(node, scope, builtin) -> str:
    """`str.isdigit` where `node` is a method of the builtin str, unicode or bytes (`unicode.isalpha`), or a name its
    scope binds once, by an assignment of one (`keep = str.isdigit`: tryout29 #7); else "". filter() of one took
    strings only: its argument was one, or held them."""
    value = assigned_once(node.id, scope) if isinstance(node, ast.Name) else node
    return ast.unparse(value) if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and (
        value.value.id in _TEXT_TYPES and builtin(value.value.id, value.lineno)) else ""


def class_binding(klass: ast.ClassDef, name: str, scope, depth: int = 4) -> tuple:
    """(the one binding of `name` in the body of the class, or of its bases that `scope` binds once to a class
    (`depth` deep): a def, or the name an assignment targets; the class holding it; the scope binding that class; ()),
    or (None, None, None, outside): `outside` the bases met that only an import from out of the standard library
    binds (`from lib.base import Validator`: imported_value), whose class, another module's, may bind it
    (tryout28 #13); () where a class binds it more than once."""
    bindings = list(scope_bindings(klass, name))
    if bindings:
        return (bindings[0], klass, scope, ()) if len(bindings) == 1 else (None, None, None, ())
    outside = ()
    for base in klass.bases if depth else ():
        base_class = named_class(base, scope)
        if base_class is None:
            outside += (base,) if imported_value(base, scope) else ()
            continue
        found = class_binding(base_class, name, scope.binding_scope(base.id), depth - 1)
        if found[0] is not None:
            return found
        outside += found[3]
    return None, None, None, outside


def class_text(klass: ast.ClassDef, name: str, scope, builtin) -> bool:
    """Does the class (or a base: class_binding) bind `name` once, by an assignment of a text of characters
    (`allowed = "abc"`), its names read in the scope binding that class? By doubt, where only a base of another
    module of the project may bind it (class_binding's `outside`; tryout28 #13)."""
    binding, holder, bound, outside = class_binding(klass, name, scope)
    if binding is None:
        return bool(outside)
    value = _assigned_value(holder.body, binding)
    return value is not None and characters(value, bound, builtin)


def named_class(node, scope):
    """The class a name read in `scope` is, where its scope binds it once, by a class statement; else None."""
    bound = scope.binding_scope(node.id) if isinstance(node, ast.Name) else None
    bindings = list(scope_bindings(bound.node, node.id)) if bound is not None else []
    return bindings[0] if len(bindings) == 1 and isinstance(bindings[0], ast.ClassDef) else None


def reached_class(node, scope) -> tuple:
    """(the class `node` reads in `scope`, the scope binding the outermost one): a name bound once to a class
    (named_class), or an attribute of such a class that its body binds once, by a class statement (`Tok.Inner`,
    tryout29 #9); else (None, None)."""
    if isinstance(node, ast.Attribute):
        outer, bound = reached_class(node.value, scope)
        inner = list(scope_bindings(outer, node.attr)) if outer is not None else []
        return (inner[0], bound) if len(inner) == 1 and isinstance(inner[0], ast.ClassDef) else (None, None)
    klass = named_class(node, scope)
    return (klass, scope.binding_scope(node.id)) if klass is not None else (None, None)


def method_definition(binding, klass: ast.ClassDef) -> tuple:
    """(the function a binding of the body of `klass` (class_binding's) defines, its kind: "static", "class" or
    "method"), or (None, ""): a def, @staticmethod or @classmethod ones too, or an assignment of a lambda, or of
    staticmethod() or classmethod() of one (`keep = staticmethod(lambda c: c.isalnum())`, tryout29 #9)."""
    if isinstance(binding, _DEFS):
        return binding, next((kind for kind in ("static", "class") if decorated(binding, f"{kind}method")), "method")
    value = _assigned_value(klass.body, binding) if binding is not None else None
    if (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and len(value.args) == 1
            and not value.keywords and value.func.id in ("staticmethod", "classmethod")):
        kind, value = value.func.id[:-len("method")], value.args[0]
    else:
        kind = "method"
    return (value, kind) if isinstance(value, ast.Lambda) else (None, "")


def decorated(definition, name: str) -> bool:
    """Is the def decorated with `@name` (staticmethod, classmethod)?"""
    return any(isinstance(decorator, ast.Name) and decorator.id == name for decorator in definition.decorator_list)


def _character(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) == 1


def characters(node, scope, builtin, seen: frozenset = frozenset()) -> bool:
    """A text of characters: a string literal, a display of one-character literals, made with chr/unichr (Twisted's
    dict.py `x in map(chr, range(33) + [34, 39, 92])`), a constant of the string module (`string.digits`), a `+` of
    these, set() or frozenset() of one, or a name its scope binds once, by an assignment of one (`VALID = "abc"`,
    `ALLOWED = set(string.ascii_letters + "_")`: tryout27 #1); by doubt, a name imported from out of the standard
    library, or an attribute of one (`SAFE`, `consts.SAFE` of the project: imported_value)."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return bool(node.elts) and all(_character(element) for element in node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return characters(node.left, scope, builtin, seen) and characters(node.right, scope, builtin, seen)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _SETS and len(
            node.args) == 1 and not node.keywords and builtin(node.func.id, node.func.lineno):
        return characters(node.args[0], scope, builtin, seen)
    if isinstance(node, ast.Name) and node.id not in seen:
        value = assigned_once(node.id, scope)
        return characters(value, scope, builtin, seen | {node.id}) if value is not None else imported_value(
            node, scope)
    if isinstance(node, ast.Attribute) and imported_value(node, scope):
        return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str) or scope.qualified_name(
        node) in STRING_CONSTANTS or any(isinstance(sub, ast.Name) and sub.id in ("chr", "unichr")
                                         and builtin(sub.id, sub.lineno) for sub in ast.walk(node))


def text_value(node, qualified_name) -> bool:
    """A str (or unicode) on Python 2 for certain: a string literal, a constant of the string module
    (`qualified_name(node)` one of STRING_CONSTANTS), a `+` of these, a literal's `%` formatting (`VALID = "abc" + "_"`:
    filter() of one returned one, filter-keeps-str-or-tuple; the project index's text_constants)."""
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # `"a" + "b" + ...` nests to the left: a
        if not text_value(node.right, qualified_name):                     # loop, not a call per `+` (a long table)
            return False
        node = node.left
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.Mod) and text_value(node.left, lambda _: None)
    return isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) or isinstance(
        node, ast.Attribute) and qualified_name(node) in STRING_CONSTANTS


def assigned_once(name: str, scope):
    """The value of the one binding of `name` in the scope its read resolves to, where that is an assignment
    statement of the scope's own body to the name alone (`VALID = "..."`, `keep = lambda c: ...`), else None."""
    bound = scope.binding_scope(name)
    body = getattr(bound.node, "body", None) if bound is not None else None  # a lambda's is an expression
    bindings = list(scope_bindings(bound.node, name)) if isinstance(body, list) else []
    return _assigned_value(body, bindings[0]) if len(bindings) == 1 else None


def _assigned_value(body: list, target):
    """The value of the assignment statement of `body` to the name `target` alone, else None."""
    return next((statement.value for statement in body
                 if isinstance(statement, ast.Assign) and len(statement.targets) == 1
                 and statement.targets[0] is target), None)


def imported_value(node, scope) -> bool:
    """A name, or an attribute of one (`consts.SAFE`), that only imports bind, from a module out of the standard
    library (a relative import, the project's `from pkg.consts import SAFE`): its value, another module's, is not
    seen here, and may be a text of characters (tryout28 #2)."""
    head = node
    while isinstance(head, ast.Attribute):
        head = head.value
    bound = scope.binding_scope(head.id) if isinstance(head, ast.Name) else None
    bindings = list(scope_bindings(bound.node, head.id)) if bound is not None else []
    qualified = scope.qualified_name(node)
    return bool(bindings) and all(isinstance(binding, (ast.Import, ast.ImportFrom)) for binding in bindings) and (
        qualified is None or qualified.split(".")[0] not in STDLIB_MODULES)


def _is_item(node, name: str, scope, builtin) -> bool:
    """`node` is the parameter `name`, or `unicode(name)` / `str(name)` / `six.text_type(name)` (fix's spelling of
    unicode: a second run reads what the first wrote alike)."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords and (
            isinstance(node.func, ast.Name) and node.func.id in _TEXT_OF_A_CHARACTER
            and builtin(node.func.id, node.func.lineno)
            or scope.qualified_name(node.func) == "six.text_type"):
        node = node.args[0]
    return isinstance(node, ast.Name) and node.id == name


# a def of one parameter (its name: group 1), and what its body holds reading that parameter as one character
# (character_use's shapes): the cheap test before a file's tree is read for the project index
# (its later ones, on the line, defaulted: `def ok(c, allowed=SAFE):`, tryout28 #8)
_ONE_PARAMETER_DEF = re.compile(rb"def[ \t]+\w+[ \t]*\([ \t]*(\w+)[ \t]*(?:,[^)\n]*=[^\n]*?)?\)[ \t]*:")
# a lambda of one parameter bound at column 0 (`isSafe = lambda c: c in SAFE`, tryout28 #2; its later ones
# defaulted), its body to the line's end
_ONE_PARAMETER_LAMBDA = re.compile(rb"^\w+[ \t]*=[ \t]*lambda[ \t]+(\w+)[ \t]*(?:,[^:\n]*=[^:\n]*)?:(.*)", re.M)
_NEXT_STATEMENT = re.compile(rb"\n(?=[^\s#])")
_READING = (rb"\b%(p)s(?:[ \t]*\))?(?:[ \t]*\.is(?:alpha|alnum|digit|space|upper|lower|decimal|numeric)\("
            rb"|[ \t]+(?:not[ \t]+)?in\b|[ \t]*[=!]=[ \t]*[uUbB]?(?:'(?:\\.|[^'\\])'|\"(?:\\.|[^\"\\])\"))"
            rb"|\b(?:ord|unicodedata\.\w+)\([ \t]*(?:[\w.]+\([ \t]*)?%(p)s\b")


# a name bound at column 0 to a str method reading one character (`keepDigit = str.isdigit`, tryout29 #7)
_STR_METHOD_BINDING = re.compile(rb"^\w+[ \t]*=[ \t]*(?:str|unicode|bytes)\.is(?:alpha|alnum|digit|space|upper|lower"
                                 rb"|decimal|numeric)[ \t]*(?:#|\r?$)", re.M)


def may_define(data: bytes) -> bool:
    """Does a def at column 0 of one parameter (or a lambda assigned there) read it in a way character_use may
    accept (Django 1.4: 5 of 1,875 files), or a name bound there to a str method reading one character? Read by
    bytes alone, from each `def` starting a line."""
    if b".is" in data and _STR_METHOD_BINDING.search(data):
        return True
    if b"lambda" in data and any(re.search(_READING % {b"p": re.escape(match.group(1))}, match.group(2))
                                 for match in _ONE_PARAMETER_LAMBDA.finditer(data)):
        return True
    at = 0 if data.startswith(b"def") else data.find(b"\ndef") + 1 or -1
    while at >= 0:
        match = _ONE_PARAMETER_DEF.match(data, at)
        if match:
            end = _NEXT_STATEMENT.search(data, match.end())  # the body: up to the next statement at column 0
            if re.search(_READING % {b"p": re.escape(match.group(1))},
                         data[match.end():end.start() if end else len(data)]):
                return True
        at = data.find(b"\ndef", at) + 1 or -1
    return False


# a def of one parameter after self or cls, or of one alone (a staticmethod's), whose next line returns what reads
# it as character_use may accept (_READING): a predicate of one line, as filter() is handed
_METHOD_PREDICATE = re.compile(rb"def[ \t]+\w+[ \t]*\((?:[ \t]*\w+[ \t]*,)?[ \t]*(?P<p>\w+)[ \t]*\)[ \t]*:[ \t]*"
                               rb"(?:#[^\n]*)?\r?\n[ \t]+return\b[^\n]*?(?:" + _READING % {b"p": rb"(?P=p)"} + rb")")


def may_define_method(data: bytes) -> bool:
    """Does an indented def of one parameter after self or cls (or of one alone) return on its next line what reads
    it in a way character_use may accept? Read by bytes alone (one search with the parameter's backreference)."""
    return b"class" in data and any(data[match.start() - 1:match.start()] in (b" ", b"\t")
                                    for match in _METHOD_PREDICATE.finditer(data))


def _module_scope(tree: ast.Module) -> tuple:
    """(the module's scope, builtin(name, line) of character_use: a name the module binds nowhere)."""
    scope = Scope(tree, None)

    def builtin(name: str, _) -> bool:
        return scope.binding_scope(name) is None

    return scope, builtin


def character_methods(tree: ast.Module) -> frozenset:
    """(class name, method name, kind) of the defs of the module's top-level classes whose body is one return statement
    reading their one parameter after self or cls (or their one: a staticmethod's) as one character (character_use,
    `c in self.allowed` too), kind "static", "class" or "method" (tryout28 #13): a predicate as filter() is handed,
    not a method that compares its argument somewhere on its way."""
    scope, builtin = _module_scope(tree)
    found = set()
    for klass in (statement for statement in tree.body if isinstance(statement, ast.ClassDef)):
        for method in (statement for statement in klass.body if isinstance(statement, _DEFS)
                       and len(statement.body) == 1 and isinstance(statement.body[0], ast.Return)):
            kind = method_definition(method, klass)[1]
            if character_use(method, scope, builtin, 0 if kind == "static" else 1, klass=klass):
                found.add((klass.name, method.name, kind))
    return frozenset(found)


def character_defs(tree: ast.Module) -> frozenset:
    """The names of the module's top-level defs (in its body itself), and of its names bound once there to a lambda
    (tryout28 #2), reading their one parameter as one character (character_use, a name found builtin where the
    module binds none), or to a str method doing so (`keepDigit = str.isdigit`: str_method, tryout29 #7)."""
    scope, builtin = _module_scope(tree)
    found = set()
    for statement in tree.body:
        if isinstance(statement, _DEFS) and character_use(statement, scope, builtin):
            found.add(statement.name)
        elif isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name) and (
                isinstance(statement.value, ast.Lambda)
                and character_use(assigned_once(statement.targets[0].id, scope), scope, builtin)
                or str_method(statement.targets[0], scope, builtin).partition(".")[2] in _CHARACTER_METHODS):
            found.add(statement.targets[0].id)
    return frozenset(found)

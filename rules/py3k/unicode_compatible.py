"""When `@six.python_2_unicode_compatible` keeps what Python 2 did with a class's `__unicode__`, and where among the
class's decorators it goes: read by check (rules/py3k/classes.py, unicode-method or the rules fix leaves) and by
the fixer (rules/py3k/classes_fix.py, UnicodeCompatible) alike, from the stdlib ast and the module's Scope."""
from __future__ import annotations

import ast

from diracmod.rules.py3k.aliases import WITH_METACLASS
from diracmod.rules.py3k.builtin_uses import unseen_binding
from diracmod.source import module_nodes
from diracmod.source.scopes import binds, imports, stores


def _resolved(node, tree: ast.Module, module) -> str | None:
    """The qualified name of a name or dotted name whose first name is a module-level import that every binding of
    the name in the module repeats (`import six` twice, `import six.moves`), none unseen: what the name surely is
    wherever it is read."""
    root = node
    while isinstance(root, ast.Attribute):
        root = root.value
    qualified = module.qualified_name(root) if isinstance(root, ast.Name) else None
    if qualified is None or unseen_binding(tree, root.id) or any(
            isinstance(sub, (ast.Import, ast.ImportFrom)) and not all(
                imports(sub, alias, qualified) for alias in sub.names if binds(alias, root.id))
            or not isinstance(sub, (ast.Import, ast.ImportFrom, ast.alias)) and root.id in stores(sub)
            for sub in module_nodes.walk(tree)):
        return None
    return module.qualified_name(node)


def _bound_once(name: str, tree: ast.Module) -> bool:
    return sum(name in stores(sub) for sub in module_nodes.walk(tree)) == 1 and not unseen_binding(tree, name)


def _is_six(qualified: str | None, attribute: str) -> bool:
    """six's `attribute` from six or a copy of it (`django.utils.six`, a project's `vendor.six`)."""
    return qualified is not None and (qualified == f"six.{attribute}" or qualified.endswith(f".six.{attribute}"))


def _encodes_unicode(method, tree: ast.Module, module) -> bool:
    """`def __str__(self): return unicode(self).encode('utf-8')` (or `self.__unicode__()`, `six.text_type(self)`,
    'utf8'), undecorated."""
    args = method.args
    if (method.decorator_list or [a.arg for a in args.args] != ["self"] or args.defaults or args.vararg
            or args.kwarg or args.kwonlyargs or args.posonlyargs or len(method.body) != 1
            or not isinstance(method.body[0], ast.Return)):
        return False
    call = method.body[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "encode"
            and not call.keywords and len(call.args) == 1 and isinstance(call.args[0], ast.Constant)
            and str(call.args[0].value).lower() in ("utf-8", "utf8")):
        return False
    text = call.func.value
    if not isinstance(text, ast.Call) or text.keywords:
        return False
    of_self = len(text.args) == 1 and isinstance(text.args[0], ast.Name) and text.args[0].id == "self"
    # six.text_type(self): what fix makes of unicode(self) first, or a half-ported class (tryout4 #2)
    return (of_self and isinstance(text.func, ast.Name) and text.func.id == "unicode"
            or of_self and _is_six(_resolved(text.func, tree, module), "text_type")
            or isinstance(text.func, ast.Attribute) and text.func.attr == "__unicode__" and not text.args
            and isinstance(text.func.value, ast.Name) and text.func.value.id == "self")


def _defs(node: ast.ClassDef, name: str) -> list:
    return [stmt for stmt in node.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name]


def _named_in_body(node: ast.ClassDef) -> set:
    """The names the class body's own statements read or bind (decorators and defaults of its defs included, not
    their bodies, whose names are not the class's)."""
    found = set()
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            parts = [*statement.decorator_list, *statement.args.defaults, *statement.args.kw_defaults]
        elif isinstance(statement, ast.ClassDef):
            parts = [*statement.decorator_list, *statement.bases, *statement.keywords]
        else:
            parts = [statement]
        found |= {sub.id for part in parts if part is not None for sub in ast.walk(part) if isinstance(sub, ast.Name)}
    return found


def utf8_str_pair(node: ast.ClassDef, tree: ast.Module, module) -> bool:
    """One __unicode__ and one __str__ that is only its UTF-8 encoding, neither named otherwise in the class body
    (rebound, or read: `__repr__ = __str__` would keep the function six's decorator replaces, tryout5 #18): what
    @six.python_2_unicode_compatible makes on Python 2, so fix can rewrite the class (unicode-method); any other
    class with __unicode__ is unicode-method-unpaired, for a person. `module`: the module's Scope."""
    strs = _defs(node, "__str__")
    return (len(_defs(node, "__unicode__")) == 1 and len(strs) == 1 and _encodes_unicode(strs[0], tree, module)
            and not {"__str__", "__unicode__"} & _named_in_body(node))


def pair_rewritten(klass: ast.ClassDef, tree: ast.Module, module) -> bool:
    """Does fix make the class @six.python_2_unicode_compatible (and so drop its __str__)?"""
    return utf8_str_pair(klass, tree, module) and isinstance(unicode_compatible_place(klass, tree, module), int)


def _returns_its_argument(function) -> bool:
    """`def register(cls): ...; return cls`: every return gives back its one parameter, never rebound, and the
    body ends with one (no generator, no decorator of its own)."""
    args = function.args
    if (function.decorator_list or len(args.args) != 1 or args.defaults or args.vararg or args.kwarg
            or args.kwonlyargs or args.posonlyargs or not isinstance(function.body[-1], ast.Return)):
        return False
    param = args.args[0].arg
    inner = [sub for statement in function.body for sub in ast.walk(statement)]
    return not any(isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await)) or param in stores(sub)
                   or isinstance(sub, ast.Return) and not (isinstance(sub.value, ast.Name) and sub.value.id == param)
                   for sub in inner)


def _kind(decorator, tree: ast.Module, module) -> str:
    """"rebuilds" (six.add_metaclass(M), however six is imported: M makes a new class of the one it is given),
    "orders" (functools.total_ordering: returns the class, reading only its comparison methods), "returns it" (a
    function of the module returning its argument, which may read anything of the class first), else ""."""
    if isinstance(decorator, ast.Call):
        return "rebuilds" if _is_six(_resolved(decorator.func, tree, module), "add_metaclass") else ""
    if _resolved(decorator, tree, module) == "functools.total_ordering":
        return "orders"
    functions = [statement for statement in tree.body if isinstance(statement, ast.FunctionDef)
                 and isinstance(decorator, ast.Name) and statement.name == decorator.id]
    own = functions and _bound_once(decorator.id, tree) and _returns_its_argument(functions[0])
    return "returns it" if own else ""


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _metaclasses(klass: ast.ClassDef, tree: ast.Module, module) -> list:
    """The expressions that may give the class its metaclass: `__metaclass__ = M` in its body (or in the module's,
    for a class without bases), six.add_metaclass(M), six.with_metaclass(M, ...), `metaclass=M`."""
    bodies = [klass.body, tree.body] if not klass.bases and not klass.keywords else [klass.body]
    found = [statement.value for body in bodies for top in body if not isinstance(top, _SCOPES)
             for statement in ast.walk(top) if isinstance(statement, ast.Assign) and _binds_metaclass(statement)]
    calls = [call for call in [*klass.decorator_list, *klass.bases] if isinstance(call, ast.Call) and call.args]
    found += [call.args[0] for call in calls if _is_six(_resolved(call.func, tree, module), "add_metaclass")
              or _is_six(_resolved(call.func, tree, module), "with_metaclass")
              or _resolved(call.func, tree, module) in WITH_METACLASS]
    return found + [keyword.value for keyword in klass.keywords if keyword.arg == "metaclass"]


def _binds_metaclass(statement: ast.Assign) -> bool:
    return any(isinstance(target, ast.Name) and target.id == "__metaclass__" for target in statement.targets)


def _namespace_blind(metaclass, tree: ast.Module, module) -> bool:
    """type, abc.ABCMeta, or a class of the module deriving only those that makes classes without a __new__,
    __init__ or __prepare__ of its own: metaclasses that read no method of the namespace six's decorator changes."""
    if isinstance(metaclass, ast.Name) and metaclass.id == "type":
        return not any("type" in stores(sub) for sub in module_nodes.walk(tree)) and not unseen_binding(tree, "type")
    if _resolved(metaclass, tree, module) == "abc.ABCMeta":
        return True
    own = [statement for statement in tree.body if isinstance(statement, ast.ClassDef)
           and isinstance(metaclass, ast.Name) and statement.name == metaclass.id]
    if not own or not _bound_once(metaclass.id, tree) or own[0].decorator_list or own[0].keywords:
        return False
    named = {getattr(sub, "name", None) or getattr(sub, "id", None) for sub in ast.walk(own[0]) if sub is not own[0]}
    return not named & _CLASS_MAKING and all(
        not (isinstance(base, ast.Name) and base.id == metaclass.id) and _namespace_blind(base, tree, module)
        for base in own[0].bases)


_CLASS_MAKING = frozenset({"__new__", "__init__", "__prepare__"})


def unicode_compatible_place(klass: ast.ClassDef, tree: ast.Module, module) -> int | str:
    """Where fix puts @six.python_2_unicode_compatible among the class's decorators (an index of its decorator list,
    the same in the fixer's libcst class), or why it leaves the class (a str). `module`: the module's Scope.
    On Python 2 six's decorator stores the class's methods, unbound, as `__unicode__`: a decorator above it that
    makes another class of the class (six.add_metaclass) copies them there, and str() raises TypeError (tryout4
    #18); one below it that returns something else than the class (an instance) hands that to six (tryout3 #27).
    So it goes right above the topmost decorator known to rebuild the class, else innermost (the others then get the
    __unicode__/__str__ pair Python 2 had), and only where every decorator is known for one or the other, and none
    below it may read the methods it would find changed; nor where a metaclass may read the namespace it changes
    (tryout5 #20)."""
    kinds = [_kind(decorator, tree, module) for decorator in klass.decorator_list]
    unknown = [decorator for decorator, kind in zip(klass.decorator_list, kinds) if not kind]
    if unknown:
        return (f"the class decorator `@{ast.unparse(unknown[0])}` is not known to return the class it is given: "
                "@six.python_2_unicode_compatible cannot go below a decorator that may rebuild the class (Python 2's "
                "str() would then raise TypeError) nor above one that may return something else")
    place = kinds.index("rebuilds") if "rebuilds" in kinds else len(kinds)
    reading = [decorator for decorator, kind in zip(klass.decorator_list[place:], kinds[place:]) if kind == "returns it"]
    if reading:
        return (f"the class decorator `@{ast.unparse(reading[0])}` is below six.add_metaclass, where "
                "@six.python_2_unicode_compatible goes: it would get the class without the __unicode__/__str__ pair "
                "Python 2 gave it")
    metaclass = next((m for m in _metaclasses(klass, tree, module) if not _namespace_blind(m, tree, module)), None)
    if metaclass is not None:  # tryout5 #20
        return (f"the class's metaclass `{ast.unparse(metaclass)}` would get the class namespace six's decorator "
                "changed (no `__unicode__`, a `__str__` returning text): one reading it (a registry, an ORM "
                "checking `'__unicode__' in attrs`) would see another class than on Python 2")
    return place

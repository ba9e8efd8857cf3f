"""Calls and attributes: dict views and iterators, lazy builtins, removed methods and module attributes.

pylint decided several of these with astroid inference; diracmod decides from the call's shape alone
(each rule's rationale in rules/ says how), which also catches receivers inference cannot follow.
"""
from __future__ import annotations

import ast
import re

from diracmod.rules.py3k.builtin_uses import APPLY_LISTED, apply_left, unseen_bindings
from diracmod.rules.py3k.consumers import in_list_like_context, iterated_once, laziness_shows, project_dict_attribute
from diracmod.rules.py3k.map_padding import differs_when_iterated, left_why
from diracmod.rules.py3k.next_attribute import iterator_for_certain, next_attribute_source, next_receiver_source
from diracmod.rules.py3k.imported_origin import (defined_name, imported_owner, project_owner, python2_qualified_name,
                                                 sibling_class)
from diracmod.rules.py3k.imports import parameter_defaulting_to_module, removed_attributes
from diracmod.rules.py3k.operands import read_twice
from diracmod.rules.py3k.rebound import plain_module, rebound_in
from diracmod.rules.py3k.runtime import (builtin_unseen, cmp_passed_positionally, comparison_never_none,
                                         comparison_non_int, known_list, module_class_defines, plain_file,
                                         report_builtin)
from diracmod.source import guards, module_nodes, one_character, star_imports
from diracmod.source.scopes import bound_only_by_import
from diracmod.source.project_index.messages import MESSAGE
from diracmod.source.statements import module_lineage
from diracmod.source.tables import (BYTES_CODECS, PY2_ONLY_CODECS, PY2_ONLY_MODULES, STDLIB_MODULES,
                                    TUPLE_RESULT_FUNCTIONS, TUPLE_RESULT_METHODS)

_LAZY_BUILTINS = {"filter": "filter-builtin-not-iterating", "map": "map-builtin-not-iterating",
                  "zip": "zip-builtin-not-iterating"}
_LAZY_VALUES = frozenset({"range", *_LAZY_BUILTINS})
_DICT_VIEWS = {"keys": "dict-keys-not-iterating", "items": "dict-items-not-iterating",
               "values": "dict-values-not-iterating"}
# the builtins visit_Call asks about (before asking whether the name is the builtin)
_CALLED_BUILTINS = frozenset({"range", "open", "sorted", *_LAZY_BUILTINS})
_DICT_ITER = {"iterkeys": "dict-iter-method", "itervalues": "dict-iter-method", "iteritems": "dict-iter-method",
              "viewkeys": "dict-view-method", "viewvalues": "dict-view-method", "viewitems": "dict-view-method"}


def _report_list_needed(ctx, symbol, node, builtin=()):
    """A view, iterator or range where a list is needed: fix wraps it in list(...), unless the module binds `list`
    itself (rules/py3k/rebound.py, as the fixer reads it): then the DM rule split off pylint's,
    `<symbol>-list-rebound`; or unless it may bind `list` or the `builtin` called (map, range...) unseen:
    builtin-name-unsure (report_builtin)."""
    if "list" in rebound_in(ctx):
        ctx.report(f"{symbol}-list-rebound", node)
    else:
        report_builtin(ctx, symbol, node, *builtin, "list")


def _report_applied(node, ctx):
    """apply(range, args) -> range(*args) (builtin_uses.apply_left): the call range's own would be, so where a
    list is needed, as for range(...) (or for zip(...)), the rule that wraps it in list(...) is reported at the
    apply call, whose rewrite the wrap then takes (tryout6 #7: a second fix run made the list)."""
    function = node.args[0] if node.args else None
    symbol = APPLY_LISTED.get(function.id) if isinstance(function, ast.Name) else None
    if symbol is None or apply_left(node.func, node) or not ctx.is_builtin(function.id, function.lineno):
        return
    if not (in_list_like_context(node, ctx) if function.id == "range" else iterated_once(node, ctx)):
        _report_list_needed(ctx, symbol, node, (function.id,))


def _report_map(ctx, node):
    """map(f, a, b) or map(None, ...), wherever it is: Python 3's differs even when only iterated (map_padding)."""
    why = left_why(node, ctx)
    if why:
        ctx.report("map-several-iterables", node, why=why)
    else:
        function = node.args[0]  # a builtin's name, which an unseen binding may make another value
        _report_list_needed(ctx, "map-builtin-not-iterating", node,
                            ("map", function.id) if isinstance(function, ast.Name) else ("map",))


def _report_cmp_argument(ctx, node):
    """sort(cmp=f) / sorted(x, cmp=f): fix writes key=functools.cmp_to_key(f), and drops a `cmp=None` (Python 2's
    default, with or without `key=`: the same call there), the one place deciding where (the fixer rewrites what
    check reports): not f with `key=` too (cmp then compares keys), nor where the module binds functools itself
    (rules/py3k/rebound.py: rewrite-name-bound-by-module), nor with a comparison function passed positionally too
    (Python 2 raised TypeError; positional-cmp-argument-not-simple reports it as well), nor a sorted() the module
    may bind unseen (builtin-name-unsure), nor `cmp=None` with `**` keywords or on a receiver not known to be a list (as
    positional-cmp-none's None); and f only where it is never None (runtime.comparison_never_none): else
    using-cmp-argument-maybe-none; nor f seen to return a non-int (runtime.comparison_non_int, tryout8 #6):
    using-cmp-argument-non-int. Nor `x.sort(cmp=...)` where x is not known to be a list and may be an object
    with a sort of its own (_sort_owner): method-class-defined."""
    defines = _sort_owner(node.func.value, ctx) if isinstance(node.func, ast.Attribute) else ""
    if defines:
        # key=functools.cmp_to_key(f), or cmp=None dropped, is list.sort's: not the sort(cmp=...) of a class,
        # which may take no key= (DM186)
        ctx.report("method-class-defined", node, method="sort", defines=defines, split_from="using-cmp-argument")
        return
    keywords = {keyword.arg: keyword.value for keyword in node.keywords}
    none = isinstance(keywords["cmp"], ast.Constant) and keywords["cmp"].value is None
    twice = cmp_passed_positionally(node, ctx)
    if not twice and isinstance(node.func, ast.Name) and builtin_unseen(ctx, "sorted"):
        # the builtin's name a star import may bind, as for any builtin's rewrite (tryout6 #18: it was DM160,
        # whose name says key=)
        ctx.report("builtin-name-unsure", node, name="sorted", how=builtin_unseen(ctx, "sorted"),
                   split_from="using-cmp-argument")
        return
    why = ("a comparison function passed positionally too: cmp given twice" if twice
           else ("`**` keywords, which may hold cmp= too" if None in keywords
                 else "cmp=None on a receiver not known to be a list" if isinstance(node.func, ast.Attribute)
                 and not known_list(node.func.value, ctx) else "") if none
           else "`key=` too: cmp then compares the keys" if "key" in keywords
           else "")
    if not why and not none and "functools" in rebound_in(ctx):  # key=functools.cmp_to_key(f) would reach it
        ctx.report("rewrite-name-bound-by-module", node, original="using-cmp-argument", name="functools",
                   how="itself", split_from="using-cmp-argument")
    elif why:
        ctx.report("using-cmp-argument-with-key", node, why=why)
    elif not none and not comparison_never_none(keywords["cmp"], ctx):
        ctx.report("using-cmp-argument-maybe-none", node, value=ast.unparse(keywords["cmp"]))
    elif not none and comparison_non_int(keywords["cmp"], ctx):
        ctx.report("using-cmp-argument-non-int", node, why=comparison_non_int(keywords["cmp"], ctx))
    else:
        ctx.report("using-cmp-argument", node)


def _sort_owner(receiver, ctx) -> str:
    """Why `receiver.sort(...)` may be the sort of a class (_method_owner), "" where none is seen or where the
    receiver is known to be a list."""
    return "" if known_list(receiver, ctx) else _method_owner(receiver, ctx, "sort")


def _method_owner(receiver, ctx, method: str, stdlib_objects: bool = False, imported: bool = True) -> str:
    """Why `receiver.method()` may be the method of a class, for a person, "" where none is seen: a class of the
    module defines the method, or `__getattr__`/`__getattribute__` (a proxy answers any name), or the receiver may
    be an object or a class of another module (rules/py3k/imported_origin.py: `t2 = t` after `t = Table()` and
    `from tbl import Table`, `with Table() as w`, `for r in [tbl.Table()]`...): a class of another module may
    define it; or the receiver, of unknown origin (a parameter, an attribute), may be an object of a class another
    module of the project defines it in, in a way the rewrite does not fit (imported_origin.project_owner). Not
    `imported`: the receiver's origin is the project's, read as project_owner reads one of unknown origin."""
    special = next((name for name in (method, "__getattr__", "__getattribute__") if module_class_defines(ctx, name)),
                   "")
    return f"a class of the module defines {special}" if special else (
        imported and imported_owner(receiver, ctx, method, stdlib_objects) or project_owner(receiver, ctx, method))


def _codec(ctx, node, value, method="", keyword=False):
    """`value` names the codec of `node`, an encode()/decode() call (`method`; given as `encoding=`: `keyword`) or
    open(): a bytes-to-bytes codec is W1646 where pylint reads it (a positional literal spelled as in its list),
    DM408 where Python 2's codec lookup finds it in another spelling or by keyword (tryout10 #13)."""
    spelled = (isinstance(value, ast.Constant) and isinstance(value.value, str)
               and _CODEC_SPELLING.match(value.value) and _codec_name(value.value) in BYTES_CODECS)
    if spelled and (method or value.value in BYTES_CODECS):
        symbol = "invalid-str-codec" if value.value in BYTES_CODECS and not keyword else "invalid-str-codec-spelled"
        # fix makes it codecs.encode(x, codec), not the encode() of a class of the module or of another (DM186)
        # a standard library object's own encode() too: json.JSONEncoder, email.header.Header (tryout8 #12)
        defines = method and _method_owner(node.func.value, ctx, method, stdlib_objects=True)
        if defines:
            ctx.report("method-class-defined", node, method=method, defines=defines, split_from=symbol)
        else:
            ctx.report(symbol, node, codec=value.value)
    elif (isinstance(value, ast.Constant) and isinstance(value.value, str)
          and _codec_name(value.value) in PY2_ONLY_CODECS):
        ctx.report("python2-only-codec", node, codec=value.value)


# how a codec's name is written: `'"hex"'` (which Python 2's lookup reads as hex too) is rather another decode()'s
# argument, a JSON text (tests/fix/test_stdlib_encoders.py)
_CODEC_SPELLING = re.compile(r"[A-Za-z0-9_. -]+\Z")


def _codec_argument(node: ast.Call):
    """The codec an encode()/decode() call names: its first argument, or its `encoding=` keyword; None."""
    return node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "encoding"), None)


def _codec_name(name: str) -> str:
    """`name` as Python's codec lookup reads it (encodings.normalize_encoding, lower case): `String-Escape` is
    string_escape."""
    return re.sub(r"[^0-9a-z.]+", "_", name.lower()).strip("_")


def _is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _str_translate_table(table, receiver, ctx) -> bool:
    """Is `x.translate(table, chars)` Python 2's str.translate with its deletechars (tryout14 #4)? A `None` table
    (pylint's W1650 wants a literal or a name as `chars` too; any will do: `string.punctuation`, `chars()`), a
    table string.maketrans made (the call, or a name every binding of which is one), or a byte string literal's
    translate: not the translate(text, language) of a translation client's object."""
    return _is_none(table) or _maketrans_call(table, ctx) or _only_assigned(table, ctx, _maketrans_call) or (
        isinstance(receiver, ast.Constant) and isinstance(receiver.value, str) and not _unicode_literal(receiver, ctx))


def _maketrans_call(node, ctx) -> bool:
    return isinstance(node, ast.Call) and ctx.scope.qualified_name(node.func) == "string.maketrans"


def _not_a_string(node):
    return isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple, ast.ListComp, ast.DictComp)) or (
        isinstance(node, ast.Constant) and not isinstance(node.value, (str, bytes)))


def _module_of(ctx, node):
    """Our stand-in for astroid inference: the name resolves to an `import X [as Y]` binding."""
    return ctx.scope.module_named(node.id) if isinstance(node, ast.Name) else None


def _class_defined(ctx, method: str, receiver) -> str:
    """Why `receiver.method()` may be a class's own method rather than a dict's, for a person, for the dict-method
    rules' -class-defined splits (_method_owner); "" where none is seen, or where the receiver is a dict for
    certain (_dict_for_certain)."""
    return "" if _dict_for_certain(receiver, ctx) else _method_owner(
        receiver, ctx, method, imported=not project_dict_attribute(receiver, ctx))


def _dict_for_certain(receiver, ctx) -> bool:
    """A display, a comprehension, `dict(...)` of the builtin, an object's `__dict__` (a class's is a dictproxy,
    with the same methods), `sys.modules` (the interpreter's own dict, tryout20 #19), or a function's `**kwargs`
    parameter that nothing else binds in its scope."""
    if isinstance(receiver, (ast.Dict, ast.DictComp)) or (
            isinstance(receiver, ast.Attribute) and receiver.attr == "__dict__"):
        return True
    if (isinstance(receiver, ast.Attribute) and receiver.attr == "modules" or isinstance(receiver, ast.Name)
            and receiver.id == "modules") and ctx.scope.qualified_name(receiver) == "sys.modules":
        return True
    if isinstance(receiver, ast.Call):
        return isinstance(receiver.func, ast.Name) and receiver.func.id == "dict" and ctx.is_builtin(
            "dict", receiver.lineno)
    if not isinstance(receiver, ast.Name):
        return False
    scope = ctx.scope.binding_scope(receiver.id)
    arguments = getattr(scope.node, "args", None) if scope is not None else None
    return (isinstance(arguments, ast.arguments) and arguments.kwarg is not None
            and arguments.kwarg.arg == receiver.id and len(scope.names[receiver.id]) == 1)


def _filter_kept_type(node, ctx) -> str | None:
    """What Python 2's filter(f, x) returned where it was no list: a str or unicode for a string (a literal, or
    any x when f is a method of str/unicode/bytes, which takes strings only: x is one or holds them), a tuple
    for a tuple display (or a name bound once to one). `list(filter(...))` would change it."""
    if len(node.args) != 2 or node.keywords:
        return None
    function, iterable = node.args
    shown = _tuple_or_text(iterable, ctx)
    if shown:
        return f"{shown[0]} ({shown[1]})"
    method = one_character.str_method(function, ctx.scope, ctx.is_builtin)
    if method:
        return f"a string where its argument is one (`{method}` takes strings only)"
    if isinstance(function, ast.Attribute) and function.attr == "__contains__" and one_character.characters(
            function.value, ctx.scope, ctx.is_builtin):
        return f"a string where its argument is one (its function is `{ast.unparse(function)}` of characters)"
    definition, scope, first, klass = _filter_function(function, ctx)
    character_use = one_character.character_use(
        definition, scope, ctx.is_builtin, first, klass=klass,
        elsewhere=(lambda func: _project_predicate(func, ctx)) if ctx.project is not None else None) if (
        definition) else ""
    if character_use:
        return f"a string where its argument is one (its function hands each item to `{character_use}`)"
    inherited = _project_character_method(function, ctx) if ctx.project is not None and isinstance(
        function, ast.Attribute) else ""
    if inherited:
        return (f"a string where its argument is one (its function `{ast.unparse(function)}` may be the project's "
                f"`{inherited}`, reading one character)")
    name = _project_name(function, ctx)
    if name and ctx.project.reads_one_character(name):
        return (f"a string where its argument is one (its function `{ast.unparse(function)}` may be the project's "
                f"`{name}`, reading one character)")
    return None


def _tuple_or_text(node, ctx, seen: frozenset = frozenset()) -> tuple:
    """("a tuple" or "a string", why) where filter() of `node` returned that on Python 2, else (): a tuple display, a
    text (one_character.text_value: a string literal...), a call returning a tuple (_tuple_result: `m.groups()`,
    `os.path.split(p)`, tryout29 #8), a slice of one of these, a name bound once to one, or a name imported from the
    project that may be its name bound at column 0 to a tuple display or a text (ProjectIndex.may_be_tuple,
    may_be_text: by the name alone)."""
    while isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        node = node.value  # a slice of a tuple or str is one
    returned = _tuple_result(node, ctx) if isinstance(node, ast.Call) else ""
    if isinstance(node, ast.Tuple) or returned:
        return "a tuple", f"a call of `{returned}`" if returned else "a tuple display"
    if one_character.text_value(node, ctx.scope.qualified_name):
        return "a string", "a string literal" if isinstance(node, ast.Constant) else f"the text `{ast.unparse(node)}`"
    if isinstance(node, ast.Name) and node.id not in seen:
        value = one_character.assigned_once(node.id, ctx.scope)
        shown = _tuple_or_text(value, ctx, seen | {node.id}) if value is not None else ()
        if shown:
            return shown[0], f"`{node.id}` is bound once, to {shown[1]}"
    name = _project_name(node, ctx) if isinstance(node, (ast.Name, ast.Attribute)) else None
    kind = "a tuple" if name and ctx.project.may_be_tuple(name) else "a string" if name and ctx.project.may_be_text(
        name) else ""
    return (kind, f"where `{ast.unparse(node)}` is one: it may be the project's `{name}`, bound to "
                  f"{'a tuple display' if kind == 'a tuple' else 'a text'}") if kind else ()


def _tuple_result(call, ctx) -> str:
    """The function (its qualified name) or method (`.groups`) the call is of, where it returns a tuple on Python 2
    (TUPLE_RESULT_FUNCTIONS, TUPLE_RESULT_METHODS: a method by its name alone, of one argument, or none for
    groups), else ""."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in TUPLE_RESULT_METHODS:
        arity = (0, 1) if func.attr == "groups" else (1,)  # match.groups(default), str.partition(separator)
        return f".{func.attr}" if not call.keywords and len(call.args) in arity else ""
    name = func.id if isinstance(func, ast.Name) and ctx.is_builtin(func.id, func.lineno) else ctx.scope.qualified_name(
        func)
    return name if name in TUPLE_RESULT_FUNCTIONS else ""


def _project_predicate(node, ctx) -> bool:
    """May `node`, a function a helper of the module calls with its item, be a function of another module of the
    project reading one character (`tu.isHex`, `isHex` imported: ProjectIndex.reads_one_character, tryout29 #1)?"""
    name = _project_name(node, ctx)
    return bool(name) and ctx.project.reads_one_character(name)


def _project_name(node, ctx) -> str | None:
    """The name `node` (a name or an attribute) may have in a module of the project, which the project index matches
    by the name alone: imported from out of the standard library (`from pkg.config import PATHS`, `config.PATHS`),
    relatively or by a star import (sibling_class); None for any other, or without a project index."""
    imported = ctx.scope.qualified_name(node) if ctx.project is not None else None
    relative = sibling_class(node, ctx) if ctx.project is not None and imported is None else None
    return relative[1] if relative else imported.rpartition(".")[2] if imported and "." in imported and imported.split(
        ".")[0] not in STDLIB_MODULES else None


def _filter_function(function, ctx) -> tuple:
    """(filter's function as a definition, the scope its names resolve through, the index of the parameter taking the
    item, the class holding it: a method's), or (None, None, 0, None): a lambda, a function a name is bound to
    (one_character.named_function: demjson's `filter(lambda c: unicodedata.category(unicode(c)) != 'Cf', txt)`,
    tryout26b #1), a method of a class of the module or of its bases (_class_member): `Checker.ok` of a staticmethod
    or classmethod, `self.keep` / `cls.keep` in a method of the class (tryout28 #1 #13), a def or a lambda the class
    body binds (one_character.method_definition: `keep = staticmethod(lambda c: ...)`, tryout29 #9)."""
    if isinstance(function, ast.Lambda):
        return function, ctx.scope, 0, None
    if not isinstance(function, ast.Attribute):
        return (*one_character.named_function(function, ctx.scope), 0, None)
    binding, holder, scope, _, instance = _class_member(function, ctx)
    method, kind = one_character.method_definition(binding, holder)
    if method is None or not instance and kind == "method":
        return None, None, 0, None  # `Class.method` unbound: Python 2 calls it with an instance only
    return method, scope, 0 if kind == "static" else 1, holder


def _class_member(function, ctx) -> tuple:
    """(one_character.class_binding of `X.name`'s name, then whether X is an instance) for X self (or cls) of a
    method of a class of the module, or a class of the module (`Tok.Inner` too: one_character.reached_class); else
    (None, None, None, outside, False), `outside` holding X where only an import from out of the standard library
    binds it (`from lib.base import Validator`)."""
    owner = function.value
    bound = ctx.scope.binding_scope(owner.id) if isinstance(owner, ast.Name) else None
    if bound is not None and bound.is_function and bound.parent is not None and bound.parent.is_class and (
            bound.node.args.args and bound.node.args.args[0].arg == owner.id) and not one_character.decorated(
            bound.node, "staticmethod"):  # self (or cls) of a method
        return (*one_character.class_binding(bound.parent.node, function.attr, bound.parent.parent), True)
    klass, scope = one_character.reached_class(owner, ctx.scope)
    if klass is not None:
        return (*one_character.class_binding(klass, function.attr, scope), False)
    return None, None, None, (owner,) if one_character.imported_value(owner, ctx.scope) else (), False


def _project_character_method(function, ctx) -> str:
    """`Class.name` of a class of another module of the project that the project index says binds `name` to a method
    reading one character (ProjectIndex.character_method, by the class's name), where filter's function `X.name`
    finds no binding of it in the module: X that class imported (a staticmethod or classmethod), or self (cls) of a
    method of a class based on it (tryout28 #13); else ""."""
    binding, _, _, outside, instance = _class_member(function, ctx)
    for base in outside if binding is None else ():
        name = defined_name(base, ctx)
        kind = ctx.project.character_method(name, function.attr) if name else ""
        if kind and (instance or kind != "method"):
            return f"{name}.{function.attr}"
    return ""


_LAZY_ON_PYTHON2 = frozenset({"xrange", "imap", "izip", "ifilter"})


def _lazy_on_python2(target) -> bool:
    """A name (or attribute) Python 2 spells a lazy builtin with: xrange, itertools.imap/izip/ifilter."""
    name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
    return name in _LAZY_ON_PYTHON2


def _python3_side(node, ctx) -> bool:
    """The node is in a block only Python 3 runs: `if six.PY3:`, the else of `if PY2:`, the fallback of `try:
    xrange` / `except NameError: xrange = range` (diracmod/source/guards.py): an alias there is meant lazy."""
    path = [*ctx.parents, node]
    for parent, child in zip(path, path[1:]):
        if isinstance(parent, (ast.If, ast.IfExp)):
            sides = guards.sides(parent.test, ctx.version_flags)
            body = parent.body if isinstance(parent, ast.If) else [parent.body]
            if sides[0 if any(child is s for s in body) else 1] == guards.PY3 and child is not parent.test:
                return True
        elif isinstance(parent, ast.Try) and not any(child is s for s in (*parent.orelse, *parent.finalbody)):
            py2 = guards.try_py2_blocks(parent)
            block = child.body if isinstance(child, ast.ExceptHandler) else parent.body
            if py2 and not any(block is b for b in py2):
                return True
    return False


class CallRules:
    @staticmethod
    def visit_Name(node, ctx):
        """range/map/zip/filter taken as a value (`f = range`, `map(range, xs)`, `fn=range`, staticmethod(range)): who
        calls it later gets Python 3's lazy object where Python 2's list was (tryout8 #3). Where it is called, no one
        can say: lazy-builtin-as-value, for a person. Not `apply(range, args)` (range-builtin-not-iterating's)."""
        if node.id not in _LAZY_VALUES or not isinstance(node.ctx, ast.Load):
            return
        parent = ctx.parent
        if isinstance(parent, ast.Call) and parent.func is node or isinstance(parent, ast.Attribute):
            return  # called here (visit_Call's), or an attribute of it read (range.__name__)
        if (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "apply"
                and parent.args and parent.args[0] is node and node.id in APPLY_LISTED):
            return
        if isinstance(parent, ast.Assign) and all(_lazy_on_python2(target) for target in parent.targets):
            return  # `xrange = range`, `izip = zip`: the name's callers expect no list on Python 2 either
        if ctx.is_builtin(node.id, node.lineno) and not _python3_side(node, ctx):
            ctx.report("lazy-builtin-as-value", node, name=node.id)

    @staticmethod
    def visit_Call(node, ctx):
        func = node.func
        if isinstance(func, ast.Attribute):
            CallRules._method_call(node, func, ctx)
        elif isinstance(func, ast.Name) and func.id in _CALLED_BUILTINS and ctx.is_builtin(func.id, func.lineno):
            if func.id == "range":  # a range object is no one-shot iterator: it answers len(), `in`, truth
                if not in_list_like_context(node, ctx):
                    _report_list_needed(ctx, "range-builtin-not-iterating", node, (func.id,))
            elif func.id == "map" and differs_when_iterated(node):
                _report_map(ctx, node)
            elif func.id in _LAZY_BUILTINS and not iterated_once(node, ctx):
                kept = _filter_kept_type(node, ctx) if func.id == "filter" else None
                if kept:
                    ctx.report("filter-keeps-str-or-tuple", node, kept=kept)
                else:
                    _report_list_needed(ctx, _LAZY_BUILTINS[func.id], node, (func.id,))
            elif func.id in _LAZY_BUILTINS and laziness_shows(node, ctx):  # iterated, yet not as the list was
                _report_list_needed(ctx, _LAZY_BUILTINS[func.id], node, (func.id,))
            elif func.id == "open":
                for keyword in node.keywords:
                    if keyword.arg == "encoding":
                        _codec(ctx, node, keyword.value)
            elif func.id == "sorted" and any(k.arg == "cmp" for k in node.keywords):
                _report_cmp_argument(ctx, node)
        elif isinstance(func, ast.Name) and func.id == "apply" and ctx.is_builtin("apply", func.lineno):
            _report_applied(node, ctx)
        _report_cmp_indirect(node, ctx)
        _report_method_named(node, ctx)

    @staticmethod
    def _method_call(node, func, ctx):
        name, receiver = func.attr, func.value
        if name == "sort" and any(k.arg == "cmp" for k in node.keywords):
            _report_cmp_argument(ctx, node)
        # not a module's function (string.join(...): reported once, by visit_Attribute)
        if name in _DICT_VIEWS and not node.args and not node.keywords and not _module_of(ctx, receiver):
            if not in_list_like_context(node, ctx, set_operators=name != "values", receiver=receiver):
                defines = _class_defined(ctx, name, receiver)
                if defines:  # list(x.keys()) of the class's own keys(): anything
                    ctx.report("dict-not-iterating-class-defined", node, method=name, defines=defines,
                               split_from=_DICT_VIEWS[name])
                else:
                    _report_list_needed(ctx, _DICT_VIEWS[name], node)
        if isinstance(receiver, ast.Name) and receiver.id == "dict" and node.args \
                and ctx.is_builtin("dict", receiver.lineno):
            _report_unbound_dict_method(node, name, ctx)
        elif _class_of_first_argument(receiver, node, ctx) and len(node.args) == (2 if name == "has_key" else 1) \
                and (name in _DICT_ITER or name == "has_key") and not _attribute_error_caught(ctx):
            # `type(d).iterkeys(d)`, `d.__class__.has_key(d, k)`: dict.X(d) whatever d's class (tryout11 #9),
            # as dict-iter-method-taken reports `d.iterkeys` whatever d
            ctx.report("dict-unbound-method", node, method=name)
        codec = _codec_argument(node) if name in ("encode", "decode") else None
        if name == "decode" and isinstance(receiver, ast.Constant) and isinstance(receiver.value, str) and not (
                isinstance(codec, ast.Constant) and isinstance(codec.value, str)
                and _codec_name(codec.value) in BYTES_CODECS):
            ctx.report("str-literal-decode", node)  # text on Python 3, which has no str.decode (invalid-str-codec: hex...)
        if codec is not None and not node.args and not _not_a_string(receiver):  # s.encode(encoding='hex')
            _codec(ctx, node, codec, name, keyword=True)
        if node.args:
            if name == "has_key" and len(node.args) == 1 and not node.keywords:
                _report_has_key(ctx, node, receiver)
            if _not_a_string(receiver):
                return
            if name in ("encode", "decode"):
                _codec(ctx, node, node.args[0], name)
            elif (name == "translate" and len(node.args) == 2 and not node.keywords
                  and not any(isinstance(a, ast.Starred) for a in node.args)
                  and _str_translate_table(node.args[0], receiver, ctx) and not _bytes_guarded(node, receiver, ctx)):
                defines = _method_owner(receiver, ctx, "translate")
                if defines:  # a class's own translate(None, chars): not str's (DM186)
                    ctx.report("method-class-defined", node, method="translate", defines=defines,
                               split_from="deprecated-str-translate-call")
                elif _visibly_unicode(receiver, ctx):  # unicode.translate(None, chars): TypeError on Python 2
                    ctx.report("deprecated-str-translate-call-unicode", node,
                               why=f"`{ast.unparse(receiver)}` is unicode on Python 2, whose translate takes one "
                                   "argument (TypeError), where the rewrite would return a string")
                elif not _is_none(node.args[0]):  # translate(table, chars): no rewrite (tryout14 #4)
                    ctx.report("deprecated-str-translate-call-table", node)
                else:  # fix reads the receiver twice: only where that is safe (rules/py3k/operands.py), else DM150;
                    # any second argument (`string.punctuation`, `chars()`: pylint reads only a literal or a name)
                    ctx.report("deprecated-str-translate-call" if read_twice(receiver)
                               else "deprecated-str-translate-call-receiver-read-twice", node)
            return
        if node.keywords:
            return
        if name == "next":
            # fix makes it next(it), except where `x.next()` may call something else (DM148); a module's own
            # function (`import gen` / `gen.next()`) is called alike on both Pythons: nothing to report
            source = next_receiver_source(receiver, ctx)
            source = source if source is None else source or next_attribute_source(ctx)
            if source:
                ctx.report("next-method-called-attribute-assigned", node, source=source)
            elif source is not None:
                ctx.report("next-method-called", node)
        elif name in _DICT_ITER and not plain_module(ctx, receiver):
            # six.iterkeys(x) calls x.keys() on Python 3: not the iterkeys() a class of the module defines
            defines = _class_defined(ctx, name, receiver)
            if defines:
                ctx.report("dict-iter-view-method-class-defined", node, method=name, defines=defines,
                           split_from=_DICT_ITER[name])
            else:
                ctx.report(_DICT_ITER[name], node)

    @staticmethod
    def visit_Attribute(node, ctx):
        if node.attr == "next" and isinstance(node.ctx, ast.Load) and not (
                isinstance(ctx.parent, ast.Call) and ctx.parent.func is node):
            # `advance = iter(seq).next`: the method taken, which Python 3's iterators lack (called: visit_Call)
            if iterator_for_certain(node.value, ctx):
                ctx.report("next-method-taken", node)
        if node.attr == "xreadlines":
            # fix makes `f.xreadlines()` f (a file is its own line iterator); not the attribute otherwise used
            called = isinstance(ctx.parent, ast.Call) and ctx.parent.func is node and not ctx.parent.args \
                and not ctx.parent.keywords
            if not called:
                ctx.report("xreadlines-attribute-not-called", node)
            elif defines := _method_owner(node.value, ctx, "xreadlines", stdlib_objects=True) or (
                    "" if plain_file(node.value, ctx) else
                    f"`{ast.unparse(node.value)}` is not known to be a plain file (open(), file(), os.fdopen(), or a "
                    "name bound only to one): a codecs stream's xreadlines() gives the wrapped file's undecoded "
                    "lines, iterating the stream decodes them"):
                # its xreadlines() may return anything: a codecs stream's gives the file's undecoded lines
                ctx.report("method-class-defined", node, method="xreadlines", defines=defines,
                           split_from="xreadlines-attribute")
            else:
                ctx.report("xreadlines-attribute", node)
            return
        if node.attr in _DICT_ITER and isinstance(node.ctx, ast.Load) and not (
                isinstance(ctx.parent, ast.Call) and ctx.parent.func is node) and not plain_module(ctx, node.value):
            # `ks = d.iterkeys`: the bound method taken, which Python 3's dicts lack (tryout9 #11); left for a
            # person, as next-method-taken: `functools.partial(six.iterkeys, d)` is no bound method. Not in the
            # body of a `try` catching AttributeError: the hybrid idiom that falls back to the Python 3 method
            if not _attribute_error_caught(ctx):
                ctx.report("dict-iter-method-taken", node, method=node.attr)
            return
        if node.attr == "has_key" and isinstance(node.ctx, ast.Load) and not (
                isinstance(ctx.parent, ast.Call) and ctx.parent.func is node):
            # the bound method taken (`filter(d.has_key, names)`): fix makes it d.__contains__, the same method
            # on Python 2 (dict, and os.environ's UserDict); called, visit_Call reports it
            _report_has_key(ctx, node, node.value)
            return
        module = _module_of(ctx, node.value)
        defaulted, how = parameter_defaulting_to_module(ctx, node.value) if isinstance(node.value, ast.Name) \
            and not module else (None, "")
        if module or defaulted:
            removed_attributes(ctx, node, module or defaulted, {node.attr}, how)
        elif node.attr == "message" and isinstance(node.value, ast.Name) and _is_exception(node.value, ctx):
            why = _self_message_left(node.value, ctx) or _caught_message_left(node.value, ctx) \
                or _str_left(node.value, ctx)
            if why:
                ctx.report("exception-message-self-left", node, why=why)
            else:
                ctx.report("exception-message-attribute", node)

    @staticmethod
    def visit_Subscript(node, ctx):
        value = node.value
        handler = _bound_by_handler(value, ctx) if isinstance(value, ast.Name) else _displayed_exception(value, ctx)
        exc_info = handler is None and _exc_info_value(value, ctx)
        if handler or exc_info:
            # `sys.exc_info()[1][0]`: the exception being handled, which pylint does not infer (tryout14 #5)
            why = _own_indexing(handler or _enclosing_handler(ctx), ctx)
            if why:
                ctx.report("indexing-exception-class-defined", node, why=why)
            else:
                ctx.report("indexing-exception-exc-info" if exc_info else "indexing-exception", node)


def _report_has_key(ctx, node, receiver):
    """`d.has_key(k)`, or `d.has_key` taken: environ-has-key where d is os.environ for certain (a safe rewrite),
    dict-has-key for any other receiver (which only `diracmod fix --unsafe` rewrites), but
    dict-has-key-class-defined in a module one of whose classes defines has_key, __contains__ (or __getattr__), or where `d` may
    be an object of another module's class (_method_owner) or of a project class defining __contains__: `d` may be one of its objects, whose `in` need not mean
    the same, and no fix rewrites it (the one place deciding it, for check and fix)."""
    if _is_os_environ(receiver, ctx):
        ctx.report("environ-has-key", node)
        return
    # a dict subclass of the module overriding __contains__: Python 2's has_key never calls it, `in` does
    # (tryout9 #2)
    defines = _method_owner(receiver, ctx, "has_key") or (
        "a class of the module defines __contains__" if module_class_defines(ctx, "__contains__") else "") or (
        project_owner(receiver, ctx, "__contains__"))  # another module's (tryout10 #3)
    ctx.report("dict-has-key-class-defined", node, defines=defines) if defines else ctx.report("dict-has-key", node)


def _report_unbound_dict_method(node: ast.Call, name: str, ctx) -> None:
    """`dict.iteritems(d)`, `dict.has_key(d, k)`, `dict.keys(d) + [5]`: a method of the builtin dict called
    unbound, which Python 3's dict lacks (iter*, view*, has_key) or where its view is no list (keys, values,
    items, not iterated: consumers.in_list_like_context). Left for a person (tryout9 #12): `six.iteritems(d)`,
    `k in d`, `list(d.keys())` call the object's own method, which `dict.X(d)` bypasses on Python 2 (a dict
    subclass overriding it)."""
    if _attribute_error_caught(ctx):  # `try: dict.iteritems(d) / except AttributeError: ...`: the hybrid idiom
        return
    if name in _DICT_ITER or name == "has_key" or name in _DICT_VIEWS and not in_list_like_context(
            node, ctx, set_operators=name != "values", receiver=node.args[0]):
        ctx.report("dict-unbound-method", node, method=name)


_CATCHING_ATTRIBUTE_ERROR = frozenset({"AttributeError", "Exception", "BaseException", "StandardError"})


def _attribute_error_caught(ctx) -> bool:
    """Is the node visited in the body of a `try` of its own function (or module) whose handlers catch
    AttributeError (by that name, Exception, BaseException, StandardError, or a bare `except:`)?"""
    chain = ctx.parents
    for at in range(len(chain) - 1, -1, -1):
        parent = chain[at]
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False
        if isinstance(parent, ast.Try) and at + 1 < len(chain) and any(chain[at + 1] is s for s in parent.body) \
                and any(handler.type is None or any(
                    isinstance(name, ast.Name) and name.id in _CATCHING_ATTRIBUTE_ERROR
                    for name in (handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]))
                    for handler in parent.handlers):
            return True
    return False


def _class_of_first_argument(receiver, node: ast.Call, ctx) -> bool:
    """`type(d).X(d, ...)` (the builtin type) or `d.__class__.X(d, ...)`: the method of d's class called unbound
    on d itself, which is d's own method called (`d.X(...)`) unless the instance overrides it."""
    if not node.args:
        return False
    if isinstance(receiver, ast.Attribute) and receiver.attr == "__class__":
        of = receiver.value
    elif isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "type" \
            and len(receiver.args) == 1 and not receiver.keywords and ctx.is_builtin("type", receiver.func.lineno):
        of = receiver.args[0]
    else:
        return False
    return ast.dump(of) == ast.dump(node.args[0])


_NAMING_CALLS = {"operator.methodcaller": "first", "operator.attrgetter": "all"}


def _report_method_named(node: ast.Call, ctx) -> None:
    """A dict iter*/view* method named by a string (tryout11 #9): `operator.methodcaller('iteritems')`,
    `operator.attrgetter('itervalues')` (or 'x.itervalues'), `getattr(d, 'iterkeys')` with no default (with one
    it is the hybrid idiom, `getattr(d, 'iteritems', d.items)`): the method taken as `d.iterkeys` is
    (dict-iter-method-taken), which Python 3's dicts lack; not a plain module's (`getattr(six, 'iteritems')`), nor
    in the body of a `try` catching AttributeError."""
    func = node.func
    if isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) == 2 and not node.keywords \
            and ctx.is_builtin("getattr", func.lineno):
        if plain_module(ctx, node.args[0]):
            return
        names = [node.args[1]]
    else:
        which = _NAMING_CALLS.get(ctx.scope.qualified_name(func)) if isinstance(func, (ast.Name, ast.Attribute)) \
            else None
        names = node.args[:1] if which == "first" else node.args if which else []
    for name in names:
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            method = next((part for part in name.value.split(".") if part in _DICT_ITER), None)
            if method and not _attribute_error_caught(ctx):
                ctx.report("dict-iter-method-taken", node, method=method)
                return


def _cmp_in_mapping(value, ctx) -> bool:
    """A `**` argument naming cmp plainly: a dict display `{'cmp': f}`, or the builtin `dict(cmp=f)` /
    `dict({'cmp': f})` (tryout11 #9)."""
    if isinstance(value, ast.Dict):
        return any(isinstance(key, ast.Constant) and key.value == "cmp" for key in value.keys)
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" \
        and ctx.is_builtin("dict", value.func.lineno) and (
            any(keyword.arg == "cmp" for keyword in value.keywords)
            or any(_cmp_in_mapping(argument, ctx) for argument in value.args[:1]))


def _report_cmp_indirect(node: ast.Call, ctx) -> None:
    """A cmp= that reaches sort or sorted otherwise than as the call's own keyword (tryout9 #12): in a
    `**{'cmp': f}` dict literal (or `**dict(cmp=f)`: tryout11 #9) of sorted(...)/x.sort(...), or given to
    `functools.partial(sorted, cmp=f)` (`partial(list.sort, ...)`, `partial(xs.sort, ...)`). Python 3's sort and
    sorted take no cmp (TypeError); left for a person."""
    func = node.func
    target = func
    if ctx.scope.qualified_name(func) == "functools.partial" and node.args:
        target = node.args[0]
    elif not (isinstance(func, ast.Name) and func.id == "sorted" or isinstance(func, ast.Attribute)
              and func.attr == "sort"):
        return
    if not (isinstance(target, ast.Name) and target.id == "sorted" and ctx.is_builtin("sorted", target.lineno)
            or isinstance(target, ast.Attribute) and target.attr == "sort"):
        return
    direct = target is func  # its own cmp= keyword: using-cmp-argument's
    mapping = next((keyword.value for keyword in node.keywords
                    if keyword.arg is None and _cmp_in_mapping(keyword.value, ctx)), None)
    if mapping is not None or any(keyword.arg == "cmp" and not direct for keyword in node.keywords):
        ctx.report("cmp-argument-indirect", node, how=(
            "a **{'cmp': ...} argument" if isinstance(mapping, ast.Dict) else "a **dict(cmp=...) argument")
            if direct else f"functools.partial({ast.unparse(target)}, cmp=...)")


def _is_os_environ(receiver, ctx) -> bool:
    """`os.environ` (or `environ` from os) for certain: Python 2's os._Environ (a UserDict) answers `in` as
    has_key, a safe rewrite. Only where the name read is bound in its scope by its import alone (rebound.py; a
    parameter `os` of another function does not count), or `environ` bound by `from os import *` alone
    (_star_imported_environ), and nothing assigns an `environ` attribute (`os.environ = E()`): else it may be any
    object (dict-has-key)."""
    if ctx.scope.qualified_name(receiver) == "os.environ":
        root, qualified = (receiver.value, "os") if isinstance(receiver, ast.Attribute) else (receiver, "os.environ")
        scope = ctx.scope.binding_scope(root.id) if isinstance(root, ast.Name) else None
        if scope is None or not bound_only_by_import(scope.node, root.id, qualified):
            return False
    elif not _star_imported_environ(receiver, ctx):
        return False
    return not any(isinstance(node, ast.Attribute) and node.attr == "environ" and not isinstance(node.ctx, ast.Load)
                   for node in module_nodes.walk(ctx.tree))


def _star_imported_environ(receiver, ctx) -> bool:
    """`environ` read where no scope binds it and the module's one unseen binding of it is `from os import *` at
    its top level, which binds os.environ on python2.7 and Python 3 (diracmod/source/star_imports.json); any
    other star import that may bind environ, or a namespace write, leaves it unsure."""
    return (isinstance(receiver, ast.Name) and receiver.id == "environ" and ctx.is_builtin("environ", receiver.lineno)
            and star_imports.binds("os", "environ")
            and any(isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level
                    and node.names[0].name == "*" for node in ctx.tree.body)
            and set(unseen_bindings(ctx.tree, "environ")) == {"from os import *"})


def _bytes_guarded(node, receiver, ctx) -> bool:
    """In the true branch of `isinstance(receiver, bytes)` or `isinstance(receiver, (bytes, bytearray))` (an if
    expression or statement), alone or after `six.PY2 or` (any test true only on Python 2: what `diracmod fix`
    writes, tryout26 #1): bytes and bytearray keep the deletechars argument on Python 3."""
    receiver_dump = ast.dump(receiver)
    for parent, child in zip(reversed(ctx.parents), [node, *reversed(ctx.parents)]):
        branch = [parent.body] if isinstance(parent, ast.IfExp) else getattr(parent, "body", None)
        if isinstance(parent, (ast.If, ast.IfExp)) and any(child is b for b in branch):
            test = parent.test
            if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) and all(
                    guards.sides(value, ctx.version_flags)[0] == guards.PY2 for value in test.values[:-1]):
                test = test.values[-1]
            if (isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance"
                    and len(test.args) == 2 and ast.dump(test.args[0]) == receiver_dump
                    and _binary_classes(test.args[1])):
                return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False
    return False


def _binary_classes(classes) -> bool:
    """`bytes`, or a tuple of `bytes` and `bytearray` (either order, bytes in it)."""
    found = [e.id if isinstance(e, ast.Name) else None
             for e in (classes.elts if isinstance(classes, ast.Tuple) else [classes])]
    return "bytes" in found and set(found) <= {"bytes", "bytearray"}


_EXCEPTION_NAME = re.compile(r"(Error|Exception|Warning|Exit|Interrupt)$")
_EXCEPTION_VARIABLES = {"e", "ex", "exc", "err", "error", "exception"}
_STR_METHODS = ("__str__", "__unicode__")


def _looks_like_exception_class(node) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return bool(_EXCEPTION_NAME.search(name))


def _is_exception(name: ast.Name, ctx) -> bool:
    """Stand-in for inference: the except-bound name, `self` in an exception class that does not set
    its own `message`, or an exception-named variable assigned a new instance in this scope; for the
    first and the last, of a class that may lack `message` (_may_lack_message)."""
    handler = _bound_by_handler(name, ctx)
    if handler:
        return handler.type is None or any(_may_lack_message(c, ctx) for c in _caught(handler))
    if name.id == "self":
        klass = next((p for p in reversed(ctx.parents) if isinstance(p, ast.ClassDef)), None)
        return bool(klass and any(_looks_like_exception_class(b) for b in klass.bases)
                    and not _sets_own_message(klass))
    if name.id in _EXCEPTION_VARIABLES:
        for stmt in ast.walk(ctx.scope.node) if ctx.scope.is_function else ():
            if (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
                    and any(isinstance(t, ast.Name) and t.id == name.id for t in stmt.targets)):
                func = stmt.value.func
                callee = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if callee[:1].isupper() and _may_lack_message(func, ctx):
                    return True
    return False


def _self_message_left(name: ast.Name, ctx) -> str:
    """Why `self.message` is no place for fix's `str(self)`: inside the class's own __str__/__unicode__ (str(self)
    calls it again, forever), or where the class or a base class of the module defines `message` (a property,
    a method, a class attribute: Python 2 read that, not args[0])."""
    if name.id != "self":
        return ""
    klass = next(p for p in reversed(ctx.parents) if isinstance(p, ast.ClassDef))
    method = next((p for p in reversed(ctx.parents) if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    if method is not None and method in klass.body and method.name in ("__str__", "__unicode__"):
        return f"inside the class's own {method.name}, which str(self) would call again"
    defining = next((current for current in module_lineage(ctx.tree, klass) if _defines_message(current)), None)
    return f"the class {defining.name} defines message" if defining else ""


def _defines_message(klass) -> bool:
    """`message` as a method or property, a class attribute, or set on self."""
    return _sets_own_message(klass) or any(
        isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "message"
        or isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "message" for t in stmt.targets)
        or isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == "message"
        for stmt in klass.body)


def _may_lack_message(klass, ctx) -> bool:
    """A builtin or standard-library class (none has `message` on Python 3), one of this module or of a module of
    its package (relative imports, and those Python 2 makes implicitly relative: imported_origin.sibling_class) that
    does not define its own, nor a base of it does (_message_kind; a name, a builtin's too, that the module's star
    import of a project module may bind is that module's class: tryout28 #11), or a name we cannot resolve; not a
    class imported from another project (gfal2.GError, twisted's web.error.Error set `message`): pylint inferred
    those, diracmod cannot and stays silent."""
    qualified = python2_qualified_name(klass, ctx)
    if qualified:
        top = qualified.split(".")[0]
        return top in STDLIB_MODULES or top in PY2_ONLY_MODULES
    return _message_kind(klass, ctx) != MESSAGE  # a builtin's name too: a star import of the project may bind it


def _message_kind(klass, ctx) -> str:
    """MESSAGE where the class `klass` names defines `message` (_defines_message), else the str method it defines
    (__str__, __unicode__), else "": a class of the module with the module's classes it derives from by name
    (module_lineage), and for the other bases, or a class of a module of the package, what the project index read
    there (ProjectIndex.message_kind, by its bases' names too: tryout27 #4)."""
    defined = next((c for c in ctx.tree.body if isinstance(c, ast.ClassDef) and c.name == klass.id), None) \
        if isinstance(klass, ast.Name) else None
    lineage = list(module_lineage(ctx.tree, defined)) if defined is not None else []
    own = {c.name for c in lineage}
    kinds = [MESSAGE if _defines_message(c) else next((s.name for s in c.body if isinstance(s, ast.FunctionDef)
                                                       and s.name in _STR_METHODS), "") for c in lineage]
    outside = [base for c in lineage for base in c.bases if not (isinstance(base, ast.Name) and base.id in own)] \
        if lineage else [klass]
    sibling = [sibling_class(base, ctx) for base in outside] if ctx.project is not None else []
    kinds += [ctx.project.message_kind(*found) for found in sibling if found]
    return MESSAGE if MESSAGE in kinds else next(filter(None, kinds), "")


def _caught(handler) -> list:
    """The classes an except clause names: each of a tuple's, none for a bare `except:`."""
    return [] if handler is None or handler.type is None else \
        handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]


def _caught_message_left(name: ast.Name, ctx) -> str:
    """Why fix's `str(e)` is no place for `e.message` (an except clause's name) caught with a tuple: a class of it
    that, caught alone, would leave the line unreported (_may_lack_message: it or a base defines `message`, or it
    is another project's, which may), its message Python 2 read and Python 3 reads too (tryout29 #10)."""
    found = next((klass for klass in _caught(_bound_by_handler(name, ctx)) if not _may_lack_message(klass, ctx)),
                 None)
    if found is None:
        return ""
    defines = "defines" if _message_kind(found, ctx) == MESSAGE else "is imported from outside the standard " \
        "library and may define"
    return f"the class {ast.unparse(found)} caught {defines} message, which str({name.id}) would not read"


def _str_left(name: ast.Name, ctx) -> str:
    """Why fix's `str(e)` is no place for `e.message` (an except clause's name): a class caught that may lack
    message defines __str__ or __unicode__ (itself, or a base of it: _message_kind), which str(e) would call, another
    text than Python 2's message (tryout27 #4)."""
    found = next(((klass, kind) for klass in _caught(_bound_by_handler(name, ctx)) for kind in
                  [_message_kind(klass, ctx)] if kind in _STR_METHODS and _may_lack_message(klass, ctx)), None)
    return f"the class {ast.unparse(found[0])} defines {found[1]}, which str({name.id}) would call" if found else ""


def _sets_own_message(klass) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "message" and isinstance(n.ctx, ast.Store)
               and isinstance(n.value, ast.Name) and n.value.id == "self" for n in ast.walk(klass))


def _unicode_literal(node, ctx) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and (
        node.kind == "u" or "unicode_literals" in ctx.future)


def _visibly_unicode(receiver, ctx) -> bool:
    """Is `receiver` a unicode literal on Python 2, or a name of its scope every binding of which assigns one
    (`u = u'ab'`; tryout7 #17)? Assignments in nested scopes are counted too: a miscount only leaves a call."""
    return _unicode_literal(receiver, ctx) or _only_assigned(receiver, ctx, _unicode_literal)


def _only_assigned(name, ctx, kind) -> bool:
    """Is `name` a name of its scope every binding of which assigns a value of `kind(value, ctx)`? Assignments in
    nested scopes are counted too: a miscount only leaves a call."""
    scope = ctx.scope.binding_scope(name.id) if isinstance(name, ast.Name) else None
    if scope is None or name.id in ctx.module_globals:
        return False
    assigned = _plain_assignments(scope.node, ctx).get(name.id, [])
    return len(assigned) == len(scope.names[name.id]) and all(kind(value, ctx) for value in assigned)


def _plain_assignments(node, ctx) -> dict:
    """name -> the values `name = value` assigns in `node` (nested scopes too), by one walk a scope: asked for each
    subscript and string call (a walk of the module each time was a tenth of fix's analysis on django/db)."""
    key = ("plain-assignments", id(node))
    if key not in ctx.cache:
        found: dict = {}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0], ast.Name):
                found.setdefault(sub.targets[0].id, []).append(sub.value)
        ctx.cache[key] = found
    return ctx.cache[key]


def _displayed_exception(value, ctx):
    """The except clause of `saved[k]`, an exception read back from a list or tuple display (`saved = [e]` in the
    clause binding e; tryout14 #5: pylint infers the element), else None. Only where that is the exception for
    certain: `saved` a name of a function, bound once by that display, and read only by `saved[<a number>]`
    (nothing appends to it, nothing else holds it)."""
    if not (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name)
            and _constant_index(value.slice) is not None):
        return None
    name = value.value.id
    scope = ctx.scope.binding_scope(name)
    if scope is None or not scope.is_function or name in ctx.module_globals or len(scope.names[name]) != 1:
        return None
    walked = list(ast.walk(scope.node))
    displays = [a for a in walked if isinstance(a, ast.Assign) and len(a.targets) == 1
                and isinstance(a.targets[0], ast.Name) and a.targets[0].id == name]
    if len(displays) != 1 or not isinstance(displays[0].value, (ast.List, ast.Tuple)):
        return None
    read = {id(n.value) for n in walked if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Load)
            and _constant_index(n.slice) is not None}
    if any(isinstance(n, ast.Name) and n.id == name and n is not displays[0].targets[0] and id(n) not in read
           for n in walked):
        return None
    elements, index = displays[0].value.elts, _constant_index(value.slice)
    if any(isinstance(e, ast.Starred) for e in elements) or not -len(elements) <= index < len(elements):
        return None
    element = elements[index]
    if not isinstance(element, ast.Name):
        return None
    return next((h for h in walked if isinstance(h, ast.ExceptHandler) and h.name == element.id
                 and not _rebinds(h, element.id) and any(displays[0] is n for s in h.body for n in ast.walk(s))),
                None)


def _constant_index(index):
    """The int a subscript's index spells (`0`, `-1`), else None."""
    if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
        inner = _constant_index(index.operand)
        return None if inner is None else -inner
    return index.value if isinstance(index, ast.Constant) and type(index.value) is int else None


def _exc_info_value(value, ctx) -> bool:
    """`sys.exc_info()[1]`, or a name every binding of which assigns it (`err = sys.exc_info()[1]`): the exception
    being handled, which Python 2 indexes as its args (tryout14 #5)."""
    if ctx.text is not None and "exc_info" not in ctx.text:  # most modules: no subscript's value can be it
        return False
    return _exc_info_item(value, ctx) or _only_assigned(value, ctx, _exc_info_item)


def _exc_info_item(value, ctx) -> bool:
    return (isinstance(value, ast.Subscript) and _constant_index(value.slice) in (1, -2)
            and isinstance(value.value, ast.Call) and not value.value.args and not value.value.keywords
            and ctx.scope.qualified_name(value.value.func) == "sys.exc_info")


def _enclosing_handler(ctx):
    """The except clause the node being visited lies in, within its scope, else None."""
    for parent in reversed(ctx.parents):
        if isinstance(parent, ast.ExceptHandler):
            return parent
        if parent is ctx.scope.node:
            return None
    return None


def _own_indexing(handler: ast.ExceptHandler | None, ctx) -> str:
    """Why the exception `handler` catches may index in its own way, or "": exc.args[0] is BaseException's
    indexing, not the __getitem__ a class of the module, or a class the except clause names from another module
    (`except errors.MyErr as e`; tryout7 #11), may give it; nor where an exception class of the project (by its
    bases' names: diracmod/source/project_index/), which the clause may catch as a subclass of the class it
    names (`except ValueError as e` catching `class MyErr(ValueError)`), defines __getitem__."""
    if module_class_defines(ctx, "__getitem__"):
        return "in a module whose own class defines __getitem__"
    classes = [] if handler is None else handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    where = ctx.project.why("__getitem__") if ctx.project is not None else ""
    return next(filter(None, (imported_owner(cls, ctx, "__getitem__") for cls in classes)), "") or (
        f"an exception class of the project defines __getitem__ ({where}): the exception caught may be one"
        if where else "")


def _rebinds(handler: ast.ExceptHandler, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
               for stmt in handler.body for n in ast.walk(stmt))


def _bound_by_handler(name: ast.Name, ctx):
    """The except clause enclosing `name` (in the same scope) that binds it and does not rebind it
    (`for t, e in ...`), else None."""
    for parent in reversed(ctx.parents):
        if isinstance(parent, ast.ExceptHandler) and parent.name == name.id:
            return None if _rebinds(parent, name.id) else parent
        if parent is ctx.scope.node:
            return None
    return None

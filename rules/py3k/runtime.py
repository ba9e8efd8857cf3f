"""Runtime semantics pylint's tables miss: module attributes Python 3 removed with a hybrid spelling,
ordering that Python 2 defined for any two values (None before every number) and Python 3 refuses, and a
loop over the views of the very namespace dict its names are bound in (a list on Python 2, a live view on
Python 3). A loop whose body changes a dict it iterates otherwise is consumers.py's (dict-*-not-iterating)."""
from __future__ import annotations

import ast

from diracmod.core import catalogue
from diracmod.rules.py3k.aliases import aliases, is_alias
from diracmod.rules.py3k.builtin_uses import class_namespace_binding, exec_in_function, namespace_function, \
    own_module_reference, unseen_binding
from diracmod.rules.py3k.comparisons import non_int_return
from diracmod.rules.py3k.imported_origin import imported_owner, project_owner
from diracmod.rules.py3k.imports import module_name_unsure, report_module_patched, report_module_rebound
from diracmod.rules.py3k.rebound import imported_at_run_time, rebound_in
from diracmod.source.project_index.classes import type_made
from diracmod.source.scopes import COMPREHENSIONS, bound_only_by_import
from diracmod.source.tables import PY2_ONLY_MODULES, STDLIB_MODULES
from diracmod.source import module_nodes

# Qualified name -> symbol. `sys.exc_type` and friends were Python 2's non-thread-safe copies of
# sys.exc_info(); os.getcwdu() returned the working directory as unicode (six.moves.getcwd on both).
REMOVED_RUNTIME_ATTRIBUTES = {
    "sys.exc_type": "sys-exc-attribute", "sys.exc_value": "sys-exc-attribute",
    "sys.exc_traceback": "sys-exc-attribute", "os.getcwdu": "os-getcwdu",
}

# the last part of each: a qualified name ends with the attribute's own name (scopes.Scope.qualified_name)
_REMOVED_RUNTIME_ATTRIBUTE_NAMES = frozenset(name.rsplit(".", 1)[1] for name in REMOVED_RUNTIME_ATTRIBUTES)
_VIEWS = frozenset({"keys", "items", "values"})
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_ORDERING_BUILTINS = frozenset({"sorted", "min", "max"})
_PY2_STANDARD_LIBRARY = STDLIB_MODULES | PY2_ONLY_MODULES


def _is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def _namespace_call(node, ctx) -> str | None:
    """"globals", "vars" or "locals" for a call with no arguments of that builtin or of a name bound to it (`g =
    globals`, then `g()`: tryout19 #8); else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and not node.keywords):
        return None
    function = namespace_function(ctx.tree, node.func.id)
    return function if function != node.func.id or ctx.is_builtin(function, node.lineno) else None


def _class_namespace_names(classdef, ctx) -> frozenset:
    """The names a class body binds to its own namespace (`ns = vars()`, `ns = locals()`, an alias of one: `n2 =
    ns`), in its own statements, not those of a def or class in it (tryout19 #8)."""
    key = ("class-namespace-names", id(classdef))
    if key not in ctx.cache:
        own, stack = [], list(classdef.body)
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Assign):
                own.append(node)
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.extend(ast.iter_child_nodes(node))
        names, size = set(), -1
        while size != len(names):
            size = len(names)
            names.update(target.id for node in own if _namespace_call(node.value, ctx) in ("vars", "locals")
                         or isinstance(node.value, ast.Name) and node.value.id in names
                         for target in node.targets if isinstance(target, ast.Name))
        ctx.cache[key] = frozenset(names)
    return ctx.cache[key]


class RuntimeRules:
    @staticmethod
    def visit_For(node, ctx):
        """`for name, value in globals().items():` at module level (vars() or locals() there or in a class
        body): the loop binds its names, and what its body binds, in that very dict. Python 2 iterated a list,
        Python 3's view raises RuntimeError (dictionary changed size during iteration) at the next step."""
        view = node.iter
        if not (isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) and view.func.attr in _VIEWS
                and not view.args and not view.keywords):
            return
        namespace = view.func.value
        scope = ctx.scope
        if scope.parent is None and own_module_reference(namespace, ctx.tree) == "namespace":
            # the module's namespace in any spelling at module level: `g = globals()` then `g.keys()` (tryout18 #26),
            # `sys.modules[__name__].__dict__`, `vars(mod)` of `mod = sys.modules[__name__]`, `g()` of `g = globals`
            # (tryout19 #8); list() of a namespace dict is what Python 2 ran whichever module's it is
            ctx.report("namespace-dict-changed-during-iteration", view)
            return
        function = _namespace_call(namespace, ctx)
        binds_there = (scope.parent is None and function in ("globals", "vars", "locals")
                       or scope.is_class and (function in ("vars", "locals") or isinstance(namespace, ast.Name)
                                              and namespace.id in _class_namespace_names(scope.node, ctx)))
        if binds_there:
            ctx.report("namespace-dict-changed-during-iteration", view)

    @staticmethod
    def visit_Attribute(node, ctx):
        if node.attr not in _REMOVED_RUNTIME_ATTRIBUTE_NAMES:  # before resolving the chain: most attributes
            return
        qualified = ctx.scope.qualified_name(node)
        symbol = REMOVED_RUNTIME_ATTRIBUTES.get(qualified)
        if symbol and isinstance(node.value, ast.Name) and module_name_unsure(ctx, node.value):
            report_module_rebound(ctx, symbol, node, qualified.rsplit(".", 1)[0])
        elif symbol and report_module_patched(ctx, symbol, node, qualified.rsplit(".", 1)[0]):
            return
        elif symbol:
            ctx.report(symbol, node)

    @staticmethod
    def visit_Compare(node, ctx):
        """`x < None`, `None >= y`: Python 2 put None below everything, Python 3 raises TypeError."""
        operands = [node.left, *node.comparators]
        if any(isinstance(op, _ORDERING) and (_is_none(left) or _is_none(right))
               for op, left, right in zip(node.ops, operands, operands[1:])):
            ctx.report("ordering-with-none", node)

    @staticmethod
    def visit_Call(node, ctx):
        RuntimeRules._none_ordered(node, ctx)
        found = _positional_cmp(node, ctx)
        if found:
            symbol, why = found
            ctx.report(symbol, node, why=why) if why else ctx.report(symbol, node)

    @staticmethod
    def _none_ordered(node, ctx):
        """sorted/min/max of a display (or arguments) holding None and a number, with no key= (which orders
        other values)."""
        func = node.func
        if not (isinstance(func, ast.Name) and func.id in _ORDERING_BUILTINS and ctx.is_builtin(func.id, func.lineno)
                and not any(k.arg == "key" for k in node.keywords)):
            return
        values = list(node.args)
        if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple, ast.Set)):
            values = values[0].elts
        if any(_is_none(v) for v in values) and any(_is_number(v) for v in values):
            ctx.report("ordering-with-none", node)


_BUILTIN_SORTED = frozenset({"six.moves.builtins.sorted", "builtins.sorted", "__builtin__.sorted"})
_BUILTIN_LIST_SORT = frozenset({"six.moves.builtins.list.sort", "builtins.list.sort", "__builtin__.list.sort"})


def cmp_position(node, ctx) -> int | None:
    """Where Python 2 took a comparison function positionally in this call: 1 for the builtin sorted(iterable,
    cmp, key, reverse) (by its name, a name for it: rules/py3k/aliases.py, or six.moves.builtins.sorted) and for
    the unbound `list.sort(items, cmp, key, reverse)`, 0 for `x.sort(cmp, key, reverse)` and for a name bound to
    a sort method (`k = items.sort`: sort_method_binding); None for any other call."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "sort":
        return 1 if _unbound_list_sort(func, ctx) else 0
    if not (isinstance(func, ast.Name) or isinstance(func, ast.Attribute) and func.attr == "sorted"):
        # only a name or `x.sorted` may be the builtin sorted (a qualified name ends with the attribute's name)
        return None
    if (isinstance(func, ast.Name) and func.id == "sorted" and ctx.is_builtin("sorted", func.lineno)
            or ctx.scope.qualified_name(func) in _BUILTIN_SORTED
            or is_alias(func, aliases(ctx, "sorted"), ctx, func.lineno)):
        return 1
    return 0 if sort_method_binding(func, ctx) else None


def _unbound_list_sort(func, ctx) -> bool:
    """`list.sort` of the builtin list (by its name, or six.moves.builtins.list): list's own sort whatever the
    class of the list given (a subclass's sort is not called), and no object but a list is taken."""
    return isinstance(func, ast.Attribute) and func.attr == "sort" and (
        isinstance(func.value, ast.Name) and func.value.id == "list" and ctx.is_builtin("list", func.lineno)
        or ctx.scope.qualified_name(func) in _BUILTIN_LIST_SORT)


def sort_method_binding(func, ctx) -> ast.Assign | None:
    """The first assignment `k = x.sort` binding the name `func` reads, where every binding of it in the scope it
    resolves to is one of those (`k = items.sort` then `k(None)`); else None. The names so assigned anywhere
    are read once, so that a call of any other name costs a set look-up."""
    if "sort-method-names" not in ctx.cache:
        ctx.cache["sort-method-names"] = frozenset(
            node.targets[0].id for node in module_nodes.of_kind(ctx.tree, ast.Assign)
            if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and _is_sort_attribute(node.value))
    if not (isinstance(func, ast.Name) and func.id in ctx.cache["sort-method-names"]):
        return None
    assigned = every_binding(func, ctx)
    return assigned[0] if assigned and all(isinstance(n, ast.Assign) and _is_sort_attribute(n.value)
                                           for n in assigned) else None


def _is_sort_attribute(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "sort"


def builtin_unseen(ctx, name: str) -> str:
    """How the module may bind the builtin `name` without writing it (a star import, a namespace write:
    builtin_uses.unseen_binding, what file-builtin-open-unsure asks of open), or the class body the use is in may
    (a write through its locals(): builtin_uses.class_namespace_binding), or a function around the use may (an
    exec statement: builtin_uses.exec_in_function), or "": then `sorted(...)` (or
    `list.sort(...)`) may be the module's own function, whose arguments no rewrite for the builtin's may touch."""
    if ("unseen", name) not in ctx.cache:
        ctx.cache["unseen", name] = unseen_binding(ctx.tree, name, class_bodies=False)
    scope = ctx.scope
    while isinstance(scope.node, COMPREHENSIONS):  # taken as running in place, as Python 2's list comprehension
        scope = scope.parent
    if scope.is_class and not ctx.cache["unseen", name]:
        key = ("class-namespace", id(scope.node), name)
        if key not in ctx.cache:
            ctx.cache[key] = class_namespace_binding(ctx.tree, scope.node, name)
        if ctx.cache[key]:
            return ctx.cache[key]
    scope = ctx.scope
    while not ctx.cache["unseen", name] and scope.parent is not None:  # a function around the use runs exec
        if scope.is_function:
            key = ("exec-in-function", id(scope.node), name)
            if key not in ctx.cache:
                ctx.cache[key] = exec_in_function(scope.node, name)
            if ctx.cache[key]:
                return ctx.cache[key]
        scope = scope.parent
    return ctx.cache["unseen", name]


def report_builtin(ctx, symbol: str, node, *names: str):
    """Report pylint's `symbol` for a use of builtins `names` (the one used; `list` where the rewrite wraps the
    value in list(...)), or builtin-name-unsure where `diracmod fix` would rewrite it as the builtin's but the
    module may bind one of them unseen (a star import of the project's or a third party's module, a write into
    its namespace or the builtins module: builtin_uses.unseen_binding, which the fixers read too): the name may
    then be what that binding put there, which the rewrite would replace or call. builtin-name-maybe-bound where a
    module-level loop binds the name after the use (Context.loop_rebinding): the next turn reads that binding."""
    fixable = catalogue.load()[symbol].fixable
    looped = fixable and next(((name, at) for name in names if (at := ctx.loop_rebinding(name, node.lineno))), None)
    unsure = fixable and next((name for name in names if builtin_unseen(ctx, name)), "")
    if looped:  # the loop's next turn reads the module's own binding
        ctx.report("builtin-name-maybe-bound", node, name=looped[0], split_from=symbol,
                   how=f"bound on line {looped[1]} in the loop around the use, which reads it on the loop's next turn")
    elif unsure:
        ctx.report("builtin-name-unsure", node, name=unsure, how=builtin_unseen(ctx, unsure), split_from=symbol)
    else:
        ctx.report(symbol, node)


def cmp_passed_positionally(node, ctx) -> bool:
    """A positional argument in the comparison function's place: with `cmp=` too, Python 2 raised TypeError
    (cmp given twice), and a rewrite of either must not make it sort (W1640's check and DM168's share this)."""
    position = cmp_position(node, ctx)
    return position is not None and len(node.args) > position


def _positional_cmp(node, ctx):
    """`sorted(items, compare)` (Python 2's sorted(iterable, cmp, key, reverse)), and `items.sort(compare)` where
    compare is None, a two-parameter lambda, the builtin cmp or a two-parameter function of the module (or of the
    function the call is in), or anything where items is known to be a list: Python 3's sort and sorted take no
    positional argument. Returns (symbol, why):
    positional-cmp-argument where fix writes key=functools.cmp_to_key(compare) (a comparison that is never None:
    comparison_never_none), positional-cmp-none where it drops the None (Python 2's default: `sort(None,
    reverse=True)` is `sort(reverse=True)`), the one place deciding both; positional-cmp-argument-not-simple with
    the reason where fix does neither; None otherwise.
    `x.sort(compare)` is rewritten only where x is known to be a list: a class of any module may have a sort
    method of its own (numpy's `sort(axis, kind, order)`)."""
    func, args = node.func, node.args
    position = cmp_position(node, ctx)
    starred = next((at for at, arg in enumerate(args) if isinstance(arg, ast.Starred)), len(args))
    if position is None or starred <= position:
        return None
    none = _is_none(args[position])
    if position == 0 and not none and not _comparison_function(args[0], ctx) and not known_list(func.value, ctx) \
            and (_literal(args[0]) or module_class_defines(ctx, "sort")):
        # any positional argument to a list's sort() is a TypeError on Python 3 (tryout5 #28), a parameter or any
        # other value that may be a comparison too (tryout8 #17); not a literal number or string (numpy's
        # `a.sort(0)`, `a.sort(-1, 'mergesort')`: an axis), nor where a class of the module sorts its own way
        return None
    keywords = [keyword.arg for keyword in node.keywords]
    builtin = "list" if position == 1 and _unbound_list_sort(func, ctx) else "sorted"
    alias = sort_method_binding(func, ctx) if position == 0 else None
    why = (f"`{builtin}` may be bound by `{builtin_unseen(ctx, builtin)}`" if position == 1
           and builtin_unseen(ctx, builtin)
           else "`*` arguments after it, which may hold the key and reverse" if starred == position + 1 < len(args)
           else "the key (and reverse) passed positionally too" if len(args) > position + 1
           else "`**` keywords, which may hold key= or cmp=" if None in keywords
           else "`key=` too: cmp then compares the keys" if "key" in keywords and not none
           else "cmp= given twice" if "cmp" in keywords
           else f"`{next(k for k in keywords if k not in ('key', 'reverse'))}=`: no argument of Python 2's sort "
                "or sorted" if set(keywords) - {"key", "reverse"}
           else "the module binds functools itself" if not none and "functools" in rebound_in(ctx)
           else f"a name for a sort method (`{ast.unparse(alias)}`): fix rewrites only a call of the method itself"
           if alias
           else "the receiver is not known to be a list: its class may have a sort method of its own"
           if position == 0 and not known_list(func.value, ctx)
           else f"`{ast.unparse(args[position])}` may be None (Python 2's default order), and "
                "functools.cmp_to_key(None) raises TypeError"
           if not none and not comparison_never_none(args[position], ctx)
           else comparison_non_int(args[position], ctx) if not none
           else "")
    if why:
        return "positional-cmp-argument-not-simple", why
    return ("positional-cmp-none" if none else "positional-cmp-argument"), ""


def _literal(node) -> bool:
    """A number or a string written out (`0`, `-1`, `'mergesort'`): no comparison function."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and node.value is not None


def module_class_defines(ctx, name: str) -> bool:
    """Does a class of the module define `name` (`def name` or `name = ...` in its body, under an `if` or `try`
    there too), or does the module attach it to a class outside its body (`Task.__gt__ = f`, `setattr(Item,
    '__lt__', f)`; every name for `setattr(Item, name, f)` with a name not written out: tryout10 #8)? Then an
    object of unknown type may be one of its instances: a rewrite for the builtin method may not fit. The names
    are read once per module (the dict-method, has_key, cmp and exception-indexing rules ask)."""
    defined = ctx.cache.get("class-defined-names")
    if defined is None:
        classes = module_nodes.of_kind(ctx.tree, ast.ClassDef)
        defined = ctx.cache["class-defined-names"] = frozenset(
            [name for cls in classes for name in _defined_in(cls.body)]
            + [name for name, _ in attached_to_classes(ctx.tree)])
    return name in defined or ANY_NAME in defined


ANY_NAME = "*"  # a name attached by a setattr() that does not write it out


def attached_to_classes(tree: ast.Module) -> list:
    """(name, node) of each name the module attaches to a class outside its body: `Task.__gt__ = f` (the
    attribute) and `setattr(Task, "__lt__", f)` (the call), where Task is a class of the module or a capitalised
    name (`lib.Token`: a class by the usual spelling, as diracmod/source/project_index/ reads another module's), or
    a name assigned a class of the module (`e = E; e.__lt__ = f`: tryout17 #10);
    ANY_NAME for a setattr() whose name is not a string literal (`for op in ('__lt__', '__gt__'): setattr(Task,
    op, make(op))`). An object's attribute (`setattr(self, k, v)`) is not the class's. The one reader of them for
    the rules that count a class's methods (module_class_defines) and cmp-method's rewrite (rules/py3k/classes.py,
    cmp_method_left: tryout15 #4)."""
    classes = {cls.name for cls in module_nodes.of_kind(tree, ast.ClassDef)}
    classes |= {target.id for node in module_nodes.of_kind(tree, ast.Assign) if isinstance(node.value, ast.Name)
                and node.value.id in classes for target in node.targets if isinstance(target, ast.Name)}

    def a_class(node) -> bool:
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        return name in classes or name[:1].isupper()

    found = []
    for node in module_nodes.of_kind(tree, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and a_class(node.value):
            found.append((node.attr, node))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                and len(node.args) >= 2 and a_class(node.args[0]):
            name = node.args[1]
            if not isinstance(name, ast.Constant):
                found.append((ANY_NAME, node))
            elif isinstance(name.value, str):
                found.append((name.value, node))
    return found


def _defined_in(body):
    """`def name` or `name = ...` (a target of its own, not in a tuple) in a class body, into its compound
    statements but not into a function's body (its locals are no attributes) or a nested class's (walked apart)."""
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield statement.name
        elif isinstance(statement, ast.Assign):
            yield from (target.id for target in statement.targets if isinstance(target, ast.Name))
        elif not isinstance(statement, ast.ClassDef):
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _defined_in(getattr(statement, field, ()))


def known_list(node, ctx) -> bool:
    """A list display or comprehension, list(...) or sorted(...) of the builtins, `d.keys()`, `d.values()` or
    `d.items()` (lists on Python 2, and the dict-*-not-iterating fixers make them list(...) where they are
    reported: a second run must decide as the first did; not where a class of the module defines the method,
    nor where d may be an object of another module's class: rules/py3k/imported_origin.py, or of a class of the
    project defining the method (project_owner); their result may be anything), or a name every binding of which
    (in the scope it resolves to, none declared global anywhere) assigns one of those alone."""
    if isinstance(node, (ast.List, ast.ListComp)):
        return True
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args and not node.keywords
            and node.func.attr in ("keys", "values", "items")):
        return not module_class_defines(ctx, node.func.attr) and not imported_owner(node.func.value, ctx, "") \
            and not project_owner(node.func.value, ctx, node.func.attr)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "sorted"):
        return ctx.is_builtin(node.func.id, node.func.lineno) and not (
            node.func.id == "sorted" and builtin_unseen(ctx, "sorted"))
    if not isinstance(node, ast.Name):
        return False
    assigned = every_binding(node, ctx)
    if assigned:
        return all(_assigns_list(n, ctx) for n in assigned)
    return _parameter_made_list(node, ctx)


def _assigns_list(statement, ctx) -> bool:
    return isinstance(statement, ast.Assign) and not isinstance(statement.value, ast.Name) \
        and known_list(statement.value, ctx)


def _parameter_made_list(node: ast.Name, ctx) -> bool:
    """A parameter of the function the name is read in, rebound to a list before the read: `xs = list(xs)` a
    statement of the function's body itself (no `if` or loop around it: it surely ran) ending on a line before the
    read, and every other binding of the name in the function an assignment of a list too (tryout8 #17)."""
    scope = ctx.scope
    lines = scope.names.get(node.id, ()) if scope.is_function else ()
    if 0 not in lines or any(node.id in n.names for n in module_nodes.of_kind(ctx.tree, ast.Global)):
        return False
    bound = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Assign) and len(n.targets) == 1
             and isinstance(n.targets[0], ast.Name) and n.targets[0].id == node.id]
    if len(bound) != len(lines) - 1 or not all(_assigns_list(n, ctx) for n in bound):
        return False
    return any(statement in bound and statement.end_lineno < node.lineno for statement in scope.node.body)


def every_binding(node: ast.Name, ctx, with_items: bool = False) -> list:
    """The assignments `name = value` (the name the one target) and the `def name(...)` statements in the scope
    the name read at `node` resolves to (with `with_items`, a `with value as name` item too), if they are every
    binding of it there and it is declared global nowhere; else []."""
    scope, first = ctx.scope, True
    while scope is not None and not ((first or not scope.is_class) and node.id in scope.names):
        scope, first = scope.parent, False
    if scope is None or any(node.id in n.names for n in module_nodes.of_kind(ctx.tree, ast.Global)):
        return []
    bound = [n for n in _own_nodes(scope.node) if isinstance(n, ast.Assign) and len(n.targets) == 1
             and isinstance(n.targets[0], ast.Name) and n.targets[0].id == node.id
             or isinstance(n, ast.FunctionDef) and n.name == node.id
             or with_items and isinstance(n, ast.withitem) and isinstance(n.optional_vars, ast.Name)
             and n.optional_vars.id == node.id]
    return bound if len(bound) == len(scope.names[node.id]) else []


# what makes a plain file on Python 2, whose xreadlines() returns the file itself (io.open's objects have none)
_PLAIN_FILE_BUILTINS = frozenset({"open", "file"})
_PLAIN_FILE_FUNCTIONS = frozenset({"os.fdopen", "os.popen"})


def plain_file(node, ctx) -> bool:
    """A plain file object of Python 2 for certain: a call of the builtin open() or file() (not rebound in the
    module, nor bound unseen by a star import such as codecs' `open`), of os.fdopen() or os.popen(), or a name
    every binding of which (in its scope, global nowhere) assigns one of those or is a `with ... as name` of one.
    Anything else (an attribute, an element, a parameter, a call of anything else) may be a codecs stream, whose
    xreadlines() is the wrapped file's and gives its undecoded lines, where iterating the stream decodes them
    (tryout9 #13, tryout10 #1)."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in _PLAIN_FILE_BUILTINS:
            return ctx.is_builtin(func.id, func.lineno) and func.id not in rebound_in(ctx) \
                and not builtin_unseen(ctx, func.id)
        return ctx.scope.qualified_name(func) in _PLAIN_FILE_FUNCTIONS
    if not isinstance(node, ast.Name) or builtin_unseen(ctx, node.id):  # an exec in the function may rebind it
        return False  # (tryout11 #1: `exec 'f = wrap(f)'`), as may a star import or a namespace write
    bound = every_binding(node, ctx, with_items=True)
    return bool(bound) and all(
        isinstance(b, ast.Assign) and isinstance(b.value, ast.Call) and plain_file(b.value, ctx)
        or isinstance(b, ast.withitem) and isinstance(b.context_expr, ast.Call) and plain_file(b.context_expr, ctx)
        for b in bound)


def _own_nodes(scope_node):
    """The nodes of a scope's body, the functions, classes, lambdas and comprehensions in it too but not their
    insides."""
    body = getattr(scope_node, "body", [])  # a comprehension has none: its names are bound by its loops
    stack = list(body) if isinstance(body, list) else [body]
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, _NESTED_SCOPES):
            stack.extend(ast.iter_child_nodes(current))


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp,
                  ast.DictComp, ast.GeneratorExp)


def _comparison_function(node, ctx) -> bool:
    if isinstance(node, ast.Lambda):
        return _two_parameters(node.args)
    if not isinstance(node, ast.Name):
        return False
    if node.id == "cmp" and ctx.is_builtin("cmp", node.lineno):
        return True
    scope = ctx.scope
    if scope.is_function and node.id in scope.names:  # a function of its own, bound once: `def compare(a, b)`
        body = scope.node.body if len(scope.names[node.id]) == 1 else []
    else:
        body = ctx.tree.body
    found = [s for s in body if isinstance(s, ast.FunctionDef) and s.name == node.id]
    return len(found) == 1 and _two_parameters(found[0].args)


def _two_parameters(args) -> bool:
    return (len(args.args) == 2 and not args.defaults and not args.vararg and not args.kwarg
            and not args.kwonlyargs and not getattr(args, "posonlyargs", None))


def comparison_never_none(node, ctx) -> bool:
    """Is `node`, given as sort's or sorted()'s comparison function, an object Python 2 calls, never None (its "no
    comparison": the default order)? Only then does key=functools.cmp_to_key(node) sort as Python 2 did:
    cmp_to_key(None) raises TypeError at the first comparison. Certain: a lambda; the builtin cmp (the module
    binds no cmp, seen or unseen); a name every binding of which, in the scope it resolves to, is an undecorated
    `def` or an assignment of a lambda (declared global nowhere); a function of Python 2's standard library
    (`locale.strcoll`, or `strcoll` from `from locale import strcoll`), its name bound by that import alone and
    no attribute of that name assigned in the module -- a judgement: the standard library sets none of its
    functions to None, where a project's module may (`compare = None`, a hook). Anything else (a parameter,
    `self.compare`, a call's result) may be None. The one place deciding it, for using-cmp-argument and
    positional-cmp-argument (each leaves the others under a DM rule of its own)."""
    if isinstance(node, ast.Lambda):
        return True
    if isinstance(node, ast.Name) and node.id == "cmp" and ctx.is_builtin("cmp", node.lineno):
        return not builtin_unseen(ctx, "cmp")
    qualified = ctx.scope.qualified_name(node)
    if qualified:
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        scope = ctx.scope.binding_scope(root.id)
        return (qualified.split(".")[0] in _PY2_STANDARD_LIBRARY and scope is not None
                and bound_only_by_import(scope.node, root.id, ctx.scope.qualified_name(root))
                and not any(isinstance(n, ast.Attribute) and n.attr == qualified.rsplit(".", 1)[1]
                            and not isinstance(n.ctx, ast.Load) for n in module_nodes.walk(ctx.tree)))
    if not isinstance(node, ast.Name):
        return False
    bound = every_binding(node, ctx)
    return bool(bound) and all(isinstance(n, ast.FunctionDef) and not n.decorator_list
                               or isinstance(n, ast.Assign) and isinstance(n.value, ast.Lambda) for n in bound)


def comparison_non_int(node, ctx) -> str:
    """Why `node`, a comparison function given to sort or sorted, may return something other than an int (read
    from its code: a lambda, or a name every binding of which is a def or a lambda of the module:
    rules/py3k/comparisons.py), or "". Python 2 raised TypeError at such a return, key=functools.cmp_to_key(node)
    sorts without complaint there (tryout8 #6): using-cmp-argument-non-int and positional-cmp-argument-not-simple
    leave it."""
    if isinstance(node, ast.Lambda):
        return non_int_return(node)
    if not isinstance(node, ast.Name) or node.id == "cmp" and ctx.is_builtin("cmp", node.lineno):
        return ""
    for binding in every_binding(node, ctx):
        why = non_int_return(binding if isinstance(binding, ast.FunctionDef) else binding.value) \
            if isinstance(binding, ast.FunctionDef) or isinstance(binding.value, ast.Lambda) else ""
        if why:
            return why
    return ""


# Python 2's cmp(a, b) calls __cmp__ for two objects of one class that defines it, after trying __eq__, __lt__ and
# __gt__ for objects of two types; `(a > b) - (a < b)` calls __gt__ and __lt__ (or their reflections), and
# functools.total_ordering makes those of __le__ or __ge__
RICH_COMPARISONS = ("__lt__", "__gt__", "__le__", "__ge__", "__eq__", "__ne__")


def cmp_orders_otherwise(call: ast.Call, ctx) -> str:
    """Why `(a > b) - (a < b)` may order the operands of the call `cmp(a, b)` otherwise than Python 2's cmp(), or
    "": a class of the module defines a rich comparison (with __cmp__ in the same or another class: a subclass
    inherits both; or alone, tryout9 #6), or a class of another module of the project the module names does
    (_project_class_ordered: tryout11 #13), or a class the module makes by `type(name, bases, dict)` may (its
    dict not a display of other keys: tryout13 #5), and an operand is no literal (which no such class makes).
    Classes of modules outside the project are not seen (README's known limits)."""
    rich = [name for name in RICH_COMPARISONS if module_class_defines(ctx, name)]
    if all(map(_constant_operand, call.args)):
        return ""
    if not rich:
        made = next((node for node in module_nodes.of_kind(ctx.tree, ast.Call) if type_made(node, comparing=True)),
                    None)
        if made is not None:
            return (f"the class type() makes on line {made.lineno} may define rich comparisons (its dict is not "
                    "read): where ==, < and > are all false Python 2's cmp() falls back to its default order, "
                    "(a > b) - (a < b) gives 0")
        return _project_class_ordered(ctx)
    if module_class_defines(ctx, "__cmp__"):
        return (f"a class of the module defines __cmp__, and {', '.join(rich)}: Python 2's cmp() calls __cmp__, "
                "(a > b) - (a < b) the rich comparisons")
    # tryout9 #6: with `__lt__` alone, two equal objects are neither ==, < nor >: Python 2's cmp() then orders them
    # by its default (never 0 for two objects), (a > b) - (a < b) gives 0
    return (f"a class of the module defines {', '.join(rich)}: where ==, < and > are all false Python 2's cmp() "
            "falls back to its default order, (a > b) - (a < b) gives 0")


def _project_class_ordered(ctx) -> str:
    """Why an object of a class of the project the module names may be cmp()'s operand, or "": a class the
    project index (ctx.project: diracmod/source/project_index/) holds as defining a rich comparison (with
    __cmp__ or not), or based on one, or made by type() (its dict not read), which the module imports (`from lib
    import A`), reads from a module it imports (`lib.A`, a submodule `from pkg import lib` binds, one `__import__`
    loads: tryout13 #5), or names as a base of its own class (`class B(lib.A)`). A class reached otherwise (a star
    import, an object handed in by another module) is not seen."""
    if ctx.project is None or not ctx.project.ordered:
        return ""
    names = ctx.cache.get("project-named-classes")
    if names is None:
        names = ctx.cache["project-named-classes"] = _named_classes(ctx)
    for name in names:
        found = ctx.project.orders(name)
        if found:
            methods, where = found
            return (f"`{name}`, a class of the project the module names, defines {methods}, or its bases or its "
                    f"metaclass do ({where}): "
                    "where ==, < and > are all false Python 2's cmp() falls back to its default order (or calls "
                    "__cmp__), (a > b) - (a < b) gives 0")
    return ""


def _named_classes(ctx) -> list:
    """The names the module may use another module's class by: what `from X import A` imports (X not the standard
    library), the attributes read from a module `import X` binds, from what `from X import lib` binds (a submodule
    `pkg.lib` may be: tryout13 #5, `lib.A`, `K = lib.A`), from a module imported at run time (a name assigned
    `__import__(...)`, `importlib.import_module(...)`, `sys.modules[...]`: rebound.imported_at_run_time, or such a
    call itself) and by `getattr(lib, 'A')`, the last names of its classes' bases; not the names of its own classes
    (module_class_defines reads those, whatever another module's class of that name defines); sorted."""
    tree = ctx.tree
    modules, names = set(), set()
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom, ast.Assign)):
        if isinstance(node, ast.Import):
            modules.update(alias.asname or alias.name.split(".")[0] for alias in node.names
                           if alias.name.split(".")[0] not in _PY2_STANDARD_LIBRARY)
        elif isinstance(node, ast.Assign):
            if imported_at_run_time(ctx, node.value):
                modules.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif node.level or (node.module or "").split(".")[0] not in _PY2_STANDARD_LIBRARY:
            names.update(alias.name for alias in node.names)
            modules.update(alias.asname or alias.name for alias in node.names)
    for node in module_nodes.of_kind(tree, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Call):  # getattr(lib, 'A')
            if isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2 \
                    and isinstance(node.args[0], ast.Name) and node.args[0].id in modules \
                    and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                names.add(node.args[1].value)
            continue
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in modules or imported_at_run_time(ctx, root):
            names.add(node.attr)
    classes = module_nodes.of_kind(tree, ast.ClassDef)
    for cls in classes:
        names.update(base.id if isinstance(base, ast.Name) else base.attr for base in cls.bases
                     if isinstance(base, (ast.Name, ast.Attribute)))
    return sorted(names - {cls.name for cls in classes})


def _constant_operand(node) -> bool:
    """A constant or a tuple of constants: no instance of a class of the module among cmp()'s operands."""
    return isinstance(node, ast.Constant) or isinstance(node, ast.Tuple) and all(map(_constant_operand, node.elts))

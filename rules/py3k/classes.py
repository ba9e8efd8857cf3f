"""Class protocol changes: methods Python 3 never calls, __metaclass__, __eq__ without __hash__, old-style classes."""
from __future__ import annotations

import ast
import os

from diracmod.rules.py3k.aliases import WITH_METACLASS, aliases, is_alias
from diracmod.rules.py3k.builtin_uses import unseen_bindings
from diracmod.rules.py3k.comparisons import arithmetic_return, non_int_return
from diracmod.rules.py3k.imported_origin import defined_name
from diracmod.rules.py3k.rebound import rebound_in, rebound_names
from diracmod.rules.py3k.runtime import ANY_NAME, attached_to_classes
from diracmod.rules.py3k.unicode_compatible import unicode_compatible_place, utf8_str_pair

from diracmod.source.scopes import assignment_bindings, class_body_bindings, method_alias
from diracmod.source.tables import PY2_ONLY_MODULES, STDLIB_MODULES, UNUSED_MAGIC_METHODS
from diracmod.source import module_nodes
from diracmod.source.project_index.attached import class_receiver, setattr_call
from diracmod.source.project_index.classes import module_mro_left, module_raised, type_made


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _assigned_by(statement) -> set:
    """The names an assignment statement binds (scopes.assignment_bindings)."""
    return {name for name, _ in assignment_bindings(statement)}


_BLOCKS = ("body", "orelse", "handlers", "finalbody", "cases")


def _assigned_in_blocks(node: ast.ClassDef) -> set:
    """The names the class body binds otherwise than by a def, class or assignment statement of the body itself
    (scopes.class_body_bindings): inside its blocks (if, try, for, while, with, match), a loop or with target,
    an import, an exec, `locals()[...]`; bound only when that runs, or in ways no alias follows."""
    return {binding.name for binding in class_body_bindings(node) if not binding.plain}


def _class_locals(node: ast.ClassDef) -> set:
    """The names the def, class and assignment statements of the class body itself bind."""
    return {binding.name for binding in class_body_bindings(node) if binding.plain}


def _is_staticmethod(node) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)


def iterator_next(node: ast.FunctionDef) -> bool:
    """A method `next` of a class that may be an iterator's: it takes only self (or nothing, as a staticmethod).
    Only those are next-method-defined, which fix renames; `next(self, n=1)` keeps its name."""
    return len(node.args.args) == (0 if _is_staticmethod(node) else 1)


def next_with_defaults(node: ast.FunctionDef, klass: ast.ClassDef, ctx) -> bool:
    """A method `def next(self, skip_ws=True)` of a class binding `__iter__`, or based on a class of the module
    that does (_module_ancestry), or on one of another module the project index names so (ProjectIndex.iterators,
    by the name the class is defined by, through the module's imports: imported_origin.defined_name, tryout28 #4);
    tryout27 #6: a subclass overriding the iterator's next needs its own alias, the base's calls the base's next on
    Python 3, as W1653 gives a subclass's `def next(self)` its own): every
    parameter after self has a default, so Python 2's next() and for call it with none, as the iterator's method
    (tryout26c #2); pylint's W1653 counts only `next(self)` (iterator_next), so this is next-method-with-defaults,
    DM114. Python 3 calls `__next__()` with no argument too: the alias fix writes for W1653 is exact."""
    parameters = node.args.posonlyargs + node.args.args
    if _is_staticmethod(node) or len(parameters) < 2 or len(node.args.defaults) < len(parameters) - 1:
        return False
    ancestry = list(_module_ancestry(klass, ctx, {klass}))
    classes = [klass, *(defined for _, _, defined in ancestry if defined is not None)]
    return any(binding.name == "__iter__" for cls in classes for binding in class_body_bindings(cls)) or (
        ctx.project is not None and any(defined is None and defined_name(base, ctx) in ctx.project.iterators
                                        for _, base, defined in ancestry))


# symbol -> (Python 2 method, Python 3 name fix binds to it: `def next` stays, `__next__ = next` follows it, so the
# function keeps its __name__, which a decorator keyed by name reads on Python 2: tryout6 #12): not where the class
# already binds the new name otherwise (it may be another method), which is reported as `<symbol>-name-taken`
RENAMES = {"nonzero-method": ("__nonzero__", "__bool__"), "next-method-defined": ("next", "__next__"),
           "div-method": ("__div__", "__truediv__"), "idiv-method": ("__idiv__", "__itruediv__"),
           "rdiv-method": ("__rdiv__", "__rtruediv__"), "next-method-with-defaults": ("next", "__next__")}


def _renamed_or_taken(symbol, klass, method) -> str:
    """The symbol to report for a method fix aliases (rules/py3k/classes_fix.py, MethodAlias): scopes.method_alias
    decides; python2-method-aliased (not fixable: nothing is left to do) where the class is already what fix writes,
    `<symbol>-name-taken` where the alias may not be Python 3's method."""
    if symbol not in RENAMES:
        return symbol
    decided = method_alias(klass, method, *RENAMES[symbol])
    return symbol if decided == "alias" else "python2-method-aliased" if decided == "aliased" \
        else f"{symbol}-name-taken"


# Python 2 calls these names too, under `from __future__ import division` (in this module or another using the
# class): `/` __truediv__, `x / y`'s reflection __rtruediv__, `/=` __itruediv__ and, where that is missing,
# __truediv__. An alias fix adds in a class whose base binds one of them replaces the inherited method there.
_TRUE_DIVISION_NAMES = {"div-method": ("__truediv__",), "rdiv-method": ("__rtruediv__",),
                        "idiv-method": ("__itruediv__", "__truediv__")}
# the builtin classes having __truediv__ and __rtruediv__ on Python 2 (none has __itruediv__)
_TRUE_DIVIDING_BUILTINS = frozenset({"int", "long", "float", "complex", "bool"})


def true_division_reached(symbol: str, klass: ast.ClassDef, ctx) -> str:
    """Why the alias fix adds for a div-method, rdiv-method or idiv-method of `klass` (`__truediv__ = __div__`...)
    may replace a method Python 2 calls under true division, or "" (tryout8 #7): the class binds __truediv__
    itself (for `/=`, which calls it where no __itruediv__ is), or a base does: a class of the module binding
    one of the names (or a base of it), int, long, float, complex or bool; or a base is imported or unknown
    (`fractions.Fraction`, `numpy.ndarray`: it may have them). object and the other builtins have none."""
    names = _TRUE_DIVISION_NAMES.get(symbol)
    if names is None:  # __nonzero__, next, __cmp__...: Python 2 calls no other name for them
        return ""
    own = [name for name in names[1:] if name in _class_locals(klass) | _assigned_in_blocks(klass)]
    if own:
        return f"the class binds {own[0]}, which Python 2's `/=` calls under true division where no {names[0]} is"
    return _base_binds(klass, names, ctx, {klass})


def _base_binds(klass: ast.ClassDef, names: tuple, ctx, seen: set) -> str:
    for owner, base, defined in _module_ancestry(klass, ctx, seen):
        if defined is None and isinstance(base, ast.Name) and ctx.is_builtin(base.id, owner.lineno):
            if base.id in _TRUE_DIVIDING_BUILTINS:
                return f"its base {base.id} has {names[0]}, which Python 2 calls under true division"
            continue
        if defined is None:
            return (f"its base `{ast.unparse(base)}` is no class of the module: it may have {names[0]}, which "
                    "Python 2 calls under true division")
        bound = [name for name in names if name in _class_locals(defined) | _assigned_in_blocks(defined)]
        if bound:
            return f"its base {defined.name} binds {bound[0]}, which Python 2 calls under true division"
    return ""


def _module_ancestry(klass: ast.ClassDef, ctx, seen: set):
    """(class, base, the class of the module the base names or None) for each base `klass` is built with other than
    object, depth first through the module's classes, each of them once (`seen`): a base names a class of the
    module where it is a name the module defines one class by and binds no otherwise; None for a builtin (int),
    an imported or any other base."""
    for base in _built_with(klass, ctx):
        if _is_object(base, ctx, klass.lineno):
            continue
        defined = [] if isinstance(base, ast.Name) and ctx.is_builtin(base.id, klass.lineno) else [
            node for node in module_nodes.of_kind(ctx.tree, ast.ClassDef)
            if isinstance(base, ast.Name) and node.name == base.id]
        if len(defined) != 1 or _module_rebinds(ctx.tree, defined[0]):
            yield klass, base, None
        elif defined[0] not in seen:
            seen.add(defined[0])
            yield klass, base, defined[0]
            yield from _module_ancestry(defined[0], ctx, seen)


def _module_rebinds(tree: ast.Module, klass: ast.ClassDef) -> bool:
    """Does the module bind the class's name otherwise too (an import, an assignment, another definition)?"""
    return any(isinstance(node, ast.Name) and node.id == klass.name and not isinstance(node.ctx, ast.Load)
               or isinstance(node, ast.alias) and (node.asname or node.name).split(".")[0] == klass.name
               or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == klass.name
               for node in module_nodes.walk(tree))


def _renamed_in_block(node, ctx) -> None:
    """A method fix would alias (RENAMES) defined inside a block (if, try...) of a class body: Python 2 calls it
    (pylint reports it), but no alias right after it is sure to be Python 3's method: `<symbol>-name-taken`
    (tryout7 #14)."""
    inner = next((parent for parent in reversed(ctx.parents) if isinstance(parent, (*_DEFINITIONS, ast.Lambda))),
                 None)
    if not isinstance(inner, ast.ClassDef):
        return
    symbol = "next-method-defined" if node.name == "next" and iterator_next(node) else UNUSED_MAGIC_METHODS.get(
        node.name)
    if symbol in RENAMES:
        ctx.report(f"{symbol}-name-taken", node)


def _report_unaliased(klass: ast.ClassDef, ctx) -> None:
    """A Python 2 method (RENAMES) the class body binds otherwise than by a def or an assignment of the body itself
    (scopes.class_body_bindings): an assignment in a block, a loop or with target, an import, an exec, `locals()[...]`
    (tryout12 #2: `for __nonzero__ in [f]: pass`, `exec '__div__ = f'`). Python 2 calls it, Python 3 never does, and
    no alias after it is sure to be Python 3's method: `<symbol>-name-taken`, once per statement and symbol (a value
    _assigned_symbol does not take, `__nonzero__ = __bool__` in an if block, is none). A def in a block is
    _renamed_in_block's."""
    reported = set()
    for binding in class_body_bindings(klass):
        if binding.plain or isinstance(binding.node, _DEFINITIONS):
            continue
        symbol = "next-method-defined" if binding.name == "next" else UNUSED_MAGIC_METHODS.get(binding.name)
        if symbol not in RENAMES:
            continue
        if binding.value is not None:
            symbol = _assigned_symbol(binding.name, binding.value, klass)
        if symbol and (id(binding.node), symbol) not in reported:
            reported.add((id(binding.node), symbol))
            ctx.report(f"{symbol}-name-taken", binding.node)


def _bound_in_body(node: ast.ClassDef) -> set:
    """Every name the class body binds, conservatively (those of its functions too): assigned, imported, defined,
    a loop or `with`/`except` target."""
    found = set()
    for sub in (inner for statement in node.body for inner in ast.walk(statement)):
        if isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
            found.add(sub.id)
        elif isinstance(sub, ast.alias):
            found.add((sub.asname or sub.name).split(".")[0])
        elif isinstance(sub, (*_DEFINITIONS, ast.ExceptHandler)) and sub.name:
            found.add(sub.name)
    return found


def _metaclass_read(tree: ast.Module) -> bool:
    """The module reads `__metaclass__` (`self.__metaclass__`, a metaclass's `ns['__metaclass__']`, getattr's
    string, the bare name): Python 2 keeps the assignment in the class namespace, @six.add_metaclass does not
    (six.add_metaclass builds the class from its __dict__, which the removed assignment no longer fills)."""
    return any(isinstance(sub, ast.Attribute) and sub.attr == "__metaclass__"
               or isinstance(sub, ast.Constant) and sub.value == "__metaclass__"
               or isinstance(sub, ast.Name) and sub.id == "__metaclass__" and isinstance(sub.ctx, ast.Load)
               for sub in module_nodes.walk(tree))


def metaclass_left(node: ast.ClassDef, rebound: set, metaclass_read: bool, outer: ast.ClassDef | None) -> str:
    """Why fix leaves the class's `__metaclass__ = M` for a person, or "" (it writes @six.add_metaclass(M)): the
    one place deciding it, for the fixer too (rules/py3k/classes_fix.py rewrites what check reports).
    `outer`: the class whose body holds this class statement, if any. Keeping the assignment beside the
    decorator is no way out: on Python 2, M would build the class twice."""
    if node.keywords or not all(isinstance(base, ast.Name) and base.id == "object" for base in node.bases):
        return ("a base other than object: @six.add_metaclass would first build the class with the base's own "
                "metaclass, running its side effects")
    if not node.bases and not node.keywords and _slots_named(node):
        return ("a class statement without bases that names `__slots__`: @six.add_metaclass would first build a "
                "classic class, which makes no slot descriptors, and six's copy of its namespace fails (KeyError)")
    if "__metaclass__" in _assigned_in_blocks(node):
        return ("`__metaclass__` assigned inside a block (if, try, for, with) of the class body, which Python 3 "
                "ignores: @six.add_metaclass cannot apply it only when the block runs")
    assignments = [statement for statement in node.body if isinstance(statement, ast.Assign)
                   and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name)
                   and statement.targets[0].id == "__metaclass__"]
    if len(assignments) != 1:
        return "no single plain `__metaclass__ = M` in the class body"
    statement = assignments[0]
    if statement.lineno == node.lineno or any(  # the fixer moves a whole line of the body (tryout4 #26)
            other is not statement and other.lineno <= statement.end_lineno and other.end_lineno >= statement.lineno
            for other in node.body):
        return "`__metaclass__ = M` shares its line with another statement or the class line"
    # the decorator's M is evaluated in the enclosing scope, before the class body: a body name means another
    # object there (the module's of that spelling) or nothing (tryout3 #17); in a class around it, a name
    # Python 2's class body never sees (class scopes do not nest) would mean that class's
    local = sorted({sub.id for sub in ast.walk(assignments[0].value) if isinstance(sub, ast.Name)}
                   & (_bound_in_body(node) | (_bound_in_body(outer) if outer else set())))
    if local:
        return (f"the metaclass expression reads {', '.join(local)}, bound in the class body (or the class "
                "around it): @six.add_metaclass would evaluate it in the enclosing scope")
    earlier = node.body[:node.body.index(statement)]
    if not _dotted(statement.value) and not all(
            isinstance(other, ast.Expr) and isinstance(other.value, ast.Constant) for other in earlier):
        # a decorator's expression runs before the class body: a call or subscript there would run before the
        # body's earlier statements, or read what they had not set yet (tryout4 #9)
        return ("the metaclass expression is no name or dotted name and follows other statements of the class "
                "body: @six.add_metaclass would evaluate it before them")
    if metaclass_read:
        return ("the module reads `__metaclass__` (an attribute, the name or the string), which "
                "@six.add_metaclass removes from the class namespace")
    return "the module binds six itself" if "six" in rebound else ""


def _slots_named(node: ast.ClassDef) -> bool:
    """Does the class body bind `__slots__` to anything but an empty tuple or list display (six.add_metaclass pops
    each slot name from the namespace of the class it was given)?"""
    return any(not (isinstance(value, (ast.Tuple, ast.List)) and not value.elts)
               for value in _slots_values(node))


def _slots_values(node: ast.ClassDef):
    """The values the class body assigns to `__slots__` (None for a binding of another kind)."""
    for statement in node.body:
        for sub in ast.walk(statement):
            if isinstance(sub, ast.Name) and sub.id == "__slots__" and not isinstance(sub.ctx, ast.Load):
                yield statement.value if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                    and sub is statement.targets[0] else None


def _dotted(node) -> bool:
    """`M`, `abc.ABCMeta`: a name or a dotted name."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _metaclass_lines(node: ast.ClassDef) -> tuple:
    """The lines of the class body's `__metaclass__` assignments (in its blocks too, not in its defs), whose
    `# noqa` or `# pylint: disable=` counts for W1623, reported on the class line (tryout4 #27)."""
    todo, found = list(node.body), set()
    while todo:
        statement = todo.pop()
        if isinstance(statement, _DEFINITIONS):
            continue
        if "__metaclass__" in _assigned_by(statement):
            found |= {statement.lineno, statement.end_lineno}
        todo += [inner for name in _BLOCKS for inner in getattr(statement, name, ())]
    return tuple(sorted(found))


def _module_metaclass(ctx) -> bool:
    """The module binds `__metaclass__`, which Python 2 uses for its class statements without bases: `= type`
    makes them new-style, another M builds them (an `object` base would drop M on Python 2). Bound by an
    assignment (in a block too), an import (`from meta import __metaclass__`), a write through `globals()` or in
    a function declaring it global (tryout6 #9, #10), any other statement of the module binding it (a for loop's
    target: tryout7 #22)."""
    key = ("module-metaclass",)
    if key not in ctx.cache:
        ctx.cache[key] = "__metaclass__" in ctx.scope.module().names or "__metaclass__" in (
            _class_locals(ctx.tree) | _assigned_in_blocks(ctx.tree)) or (
            "__metaclass__" in ctx.global_bindings) or any(
            isinstance(node, ast.ImportFrom) and any(map(_binds_metaclass, node.names))
            for node in _own_statements(ctx.tree)) or any(
            isinstance(node, ast.Subscript) and _namespace_metaclass(node) for node in module_nodes.walk(ctx.tree))
    return ctx.cache[key]


def _metaclass_unseen(ctx) -> str:
    """How the module may bind its `__metaclass__` without a statement saying so, or "" (tryout7 #22): a star import
    (but of a standard library module, which exports no `__metaclass__`), a write to its namespace with a key that
    may be `__metaclass__` (`vars()["__metaclass__"] = M`, `setattr(sys.modules[__name__], "__metaclass__", M)`,
    `globals().update(...)`), code run in it: builtin_uses.unseen_bindings, as for a builtin's name."""
    key = ("module-metaclass-unseen",)
    if key not in ctx.cache:
        standard = {f"from {node.module} import *" for node in module_nodes.of_kind(ctx.tree, ast.ImportFrom)
                    if node.names[0].name == "*" and not node.level
                    and (node.module or "").split(".")[0] in STDLIB_MODULES | PY2_ONLY_MODULES}
        ctx.cache[key] = next((how for how in unseen_bindings(ctx.tree, "__metaclass__") if how not in standard), "")
    return ctx.cache[key]


def _at_module_level(ctx) -> bool:
    """The node visited binds a name of the module: outside any def, class or lambda, or declared global there."""
    return not any(isinstance(p, (*_DEFINITIONS, ast.Lambda)) for p in ctx.parents) or (
        "__metaclass__" in ctx.scope.globals)


def _own_statements(node):
    """The statements of a module (or class) body, those in its blocks too, not those of its functions and
    classes."""
    todo = list(node.body)
    while todo:
        statement = todo.pop()
        yield statement
        if not isinstance(statement, _DEFINITIONS):
            todo += [inner for name in _BLOCKS for inner in getattr(statement, name, ())]


def _binds_metaclass(alias: ast.alias) -> bool:
    return (alias.asname or alias.name) == "__metaclass__"


def _namespace_metaclass(target) -> bool:
    """`globals()["__metaclass__"]` written: the module's own `__metaclass__`, from any scope."""
    return (isinstance(target, ast.Subscript) and isinstance(target.ctx, ast.Store)
            and isinstance(target.value, ast.Call) and isinstance(target.value.func, ast.Name)
            and target.value.func.id == "globals" and not target.value.args
            and isinstance(target.slice, ast.Constant) and target.slice.value == "__metaclass__")


def _outer_class(ctx) -> ast.ClassDef | None:
    """The class whose body holds the class statement being visited (through if/try blocks), if any."""
    scope = next((p for p in reversed(ctx.parents) if isinstance(p, (*_DEFINITIONS, ast.Lambda))), None)
    return scope if isinstance(scope, ast.ClassDef) else None


def _module_reads_metaclass(ctx) -> bool:
    key = ("module-reads-metaclass",)
    if key not in ctx.cache:
        ctx.cache[key] = _metaclass_read(ctx.tree)
    return ctx.cache[key]


def _adds_a_metaclass(node: ast.ClassDef) -> bool:
    """`@six.add_metaclass(M)` (what fix makes of `__metaclass__ = M`): M builds the class, new-style."""
    for decorator in node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else None
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "add_metaclass":
            return True
    return False


_BUILTIN_OBJECT = frozenset({"six.moves.builtins.object", "builtins.object", "__builtin__.object"})


def _built_with(node: ast.ClassDef, ctx) -> list:
    """The bases the class is built with: those of `class C(six.with_metaclass(M, *bases))` (or of a name
    for six.with_metaclass, `wm = six.with_metaclass`), whose metaclass builds the class as M(name, bases, body)."""
    if len(node.bases) == 1 and isinstance(node.bases[0], ast.Call) and not node.bases[0].keywords and (
            ctx.scope.qualified_name(node.bases[0].func) in WITH_METACLASS
            or is_alias(node.bases[0].func, aliases(ctx, "with_metaclass"), ctx, node.lineno)):
        return node.bases[0].args[1:]
    return node.bases


def _is_object(base, ctx, line: int) -> bool:
    """The builtin object: by its name, as six.moves.builtins.object (builtins', __builtin__'s), or by a name
    for it (`Base = object`: rules/py3k/aliases.py)."""
    if isinstance(base, ast.Name) and base.id == "object":
        return ctx.is_builtin("object", line)
    return ctx.scope.qualified_name(base) in _BUILTIN_OBJECT or is_alias(base, aliases(ctx, "object"), ctx, line)


_RICH_COMPARISONS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")


def own_cmp_class(tree: ast.Module, line: int) -> ast.ClassDef | None:
    """The class whose own body has the `def __cmp__` starting on `line` (where check reports cmp-method)."""
    return next((node for node in ast.walk(tree) if isinstance(node, ast.ClassDef) and any(
        isinstance(s, ast.FunctionDef) and s.name == "__cmp__" and s.lineno == line for s in node.body)), None)


def cmp_method_left(klass: ast.ClassDef | None, tree: ast.Module, plain: frozenset = frozenset()) -> str:
    """Why `fix --unsafe` leaves the cmp-method finding of `klass` (own_cmp_class; None: the __cmp__ is no def of
    a class body), or "" where it rewrites it (rules/py3k/runtime_fix.py, CmpMethodToTotalOrdering, asks this;
    so does fix's summary, for its "--unsafe rewrites it"). A rich comparison in the class body, or one the module
    attaches to a class outside its body (_attached_comparisons, as DM404 counts them: tryout15 #4), leaves it.
    `plain`: the project index's plain_classes, the imported classes a subclass may take as its other base."""
    if klass is None:
        return "the __cmp__ is not a def in its class's body (attached afterwards): define the rich comparisons by hand"
    if klass.keywords or not all(isinstance(base, ast.Name) and base.id == "object" for base in klass.bases):
        return ("the class has a base other than object, whose comparisons and __hash__ would mix with those the "
                "rewrite adds: define __eq__ and __lt__ (and __hash__) by hand")
    unknown = _cmp_may_not_implement(klass)
    if unknown:
        return (f"its __cmp__ {unknown}, where Python 2 asks the other operand's comparisons and then its default "
                f"order: the rewrite's __lt__ would compare NotImplemented with 0, and Python 2.7's total_ordering "
                f"derives <=, > and >= without passing NotImplemented on: define the rich comparisons by hand "
                f"(each returning NotImplemented where __cmp__ does)")
    returned = next(filter(None, (non_int_return(function) or arithmetic_return(function) for function in klass.body
                                  if isinstance(function, ast.FunctionDef) and function.name == "__cmp__")), "")
    if returned:  # tryout21 #4 #5
        return (f"its {returned}, where Python 2 truncates a float to an int (-0.5 is 0: equal) and raises "
                f"TypeError at anything else not an int (None from a path falling off the end), while the "
                f"rewrite's __eq__ and __lt__ compare it with 0 as it is: make every path return an int (cmp(), "
                f"int()), or define the rich comparisons by hand")
    rich = [name for name in _RICH_COMPARISONS if name in {binding.name for binding in class_body_bindings(klass)}]
    if rich:
        return (f"the class defines {', '.join(rich)} itself, and the rewrite adds __eq__ and __lt__ calling __cmp__ "
                f"only to a class with none: define the missing ones by hand (__lt__ and @functools.total_ordering "
                f"where instances are ordered)")
    around = _subclass_or_metaclass_comparisons(klass, tree, plain)
    if around:
        return (f"{around}, which Python 2 asks before __cmp__ and the rewrite's __eq__, __lt__ and total_ordering's "
                f"others would mix with: define the rich comparisons by hand (__eq__, __lt__ and "
                f"@functools.total_ordering where instances are ordered)")
    attached = _attached_comparisons(tree)
    if attached:
        return (f"the module attaches {attached} outside its body, which Python 2 asks before __cmp__ and the "
                f"rewrite's __eq__, __lt__ and total_ordering's others would replace or mix with: define the rich "
                f"comparisons by hand (__eq__, __lt__ and @functools.total_ordering where instances are ordered)")
    written = _comparison_written(tree)
    if written:
        return (f"the module writes {written}, which may reach the class or a subclass (a class decorator, a loop "
                f"over classes), asked by Python 2 before __cmp__: define the rich comparisons by hand (__eq__, "
                f"__lt__ and @functools.total_ordering where instances are ordered)")
    if "functools" in rebound_names(tree):
        return "the module binds `functools` itself, which the rewrite's @functools.total_ordering would read"
    return ""


# calls whose result is a number (or raises), never NotImplemented: what a __cmp__ returns through them is known
_NUMBER_CALLS = frozenset({"cmp", "int", "len", "abs", "hash", "ord", "id"})


def _cmp_may_not_implement(klass: ast.ClassDef) -> str:
    """How the class's own __cmp__ may return NotImplemented, said, or "" (tryout20 #16): it names NotImplemented
    (`if not isinstance(other, C): return NotImplemented`), or returns what a call gives other than cmp() and a few
    builtins giving numbers (`return self.key.__cmp__(other.key)`, `return compare(a, b)`), directly or through a
    name the function assigns. On Python 2 such a NotImplemented sends the comparison on to the other operand and
    then to the default order (by type name), which the rewrite's `NotImplemented < 0` and Python 2.7's
    total_ordering (its derived methods call `<` and `==` and negate them) would not do."""
    for function in klass.body:
        if not (isinstance(function, ast.FunctionDef) and function.name == "__cmp__"):
            continue
        nodes = list(ast.walk(function))
        if any(isinstance(node, ast.Name) and node.id == "NotImplemented" for node in nodes):
            return "names NotImplemented"
        assigned: dict = {}
        for node in nodes:
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and node.value is not None:
                for target in getattr(node, "targets", None) or [node.target]:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            assigned.setdefault(name.id, []).append(node.value)

        def unknown(value, seen: frozenset = frozenset()):  # the call whose result may be NotImplemented, or None
            if isinstance(value, ast.Call):
                known = isinstance(value.func, ast.Name) and value.func.id in _NUMBER_CALLS
                return None if known else value
            if isinstance(value, ast.BoolOp):
                return next(filter(None, (unknown(item, seen) for item in value.values)), None)
            if isinstance(value, ast.IfExp):
                return unknown(value.body, seen) or unknown(value.orelse, seen)
            if isinstance(value, ast.Name) and value.id not in seen:
                return next(filter(None, (unknown(item, seen | {value.id}) for item in assigned.get(value.id, ()))),
                            None)
            return None  # a number, an operation (raising on NotImplemented), an attribute, a parameter

        for node in nodes:
            call = unknown(node.value) if isinstance(node, ast.Return) and node.value is not None else None
            if call is not None:
                return f"returns what `{ast.unparse(call.func)[:40]}(...)` gives, which may be NotImplemented"
    return ""


def _subclass_or_metaclass_comparisons(klass: ast.ClassDef, tree: ast.Module, plain: frozenset) -> str:
    """A rich comparison the class's instances get besides its body and the attached ones, said, or "" (tryout17
    #10): a subclass of the module (through its other classes too) defining one in its body (total_ordering would
    derive the subclass's `>=` from its own __lt__ and the rewrite's __eq__, where Python 2 asked the reflected
    __lt__ or __cmp__), or a metaclass of the module (a class deriving from `type`, or one of the module's, or what
    a class body's `__metaclass__ = f` names) whose text names one (`ns['__lt__'] = ...` in its `__new__` replaces
    the rewrite's __lt__), whichever class it builds: read where a __cmp__ class is, its module's classes only.
    tryout19 #9: a subclass type() makes (`type('D', (LtMixin, C), {})`, `type('D', (C,), {'__lt__': f})`, bases
    not written out: any), and a class a function makes on a base it is given (a class factory, `def ordered(cls):
    class Sub(cls): ...`, or its type(): the base may be this class), count as subclasses too."""
    classes = module_nodes.of_kind(tree, ast.ClassDef)
    calls = module_nodes.of_kind(tree, ast.Call)
    made = [call for call in calls if _class_made(call)]
    given = _on_given_bases(tree)  # id of a class or a type() call -> the parameters its bases name

    def base_names(bases) -> set:  # a call's arguments for a base it makes: `six.with_metaclass(M, C)` (tryout20 #7)
        return {base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                for written in bases for base in (written.args if isinstance(written, ast.Call) else (written,))}

    def made_call(call) -> str:  # a line would be the rewritten file's (fix's header lines): `type('D', ...)`
        return f"{ast.unparse(call.func)}({ast.unparse(call.args[0])[:40]}, ...)"

    def made_bases(call) -> set:
        bases = call.args[1]
        return base_names(bases.elts) if isinstance(bases, (ast.Tuple, ast.List)) else set()

    made_names = [(call, _made_names(call, tree)) for call in made]
    subclasses, metaclasses, grown = {klass.name} | {cls.name for cls in classes if id(cls) in given}, {"type"}, True
    while grown:
        grown = False
        for cls in classes:
            for found in (subclasses, metaclasses):
                if cls.name not in found and base_names(cls.bases) & found:
                    found.add(cls.name)
                    grown = True
        for call, names in made_names:  # `D = type('D', (C,), {})`, then `class E(D)`
            if not names <= subclasses and (made_bases(call) & subclasses or id(call) in given):
                subclasses |= names
                grown = True

    def said(node) -> str:
        return "on a base its function is given, which may be this class" if id(node) in given else "a subclass"

    for cls in classes:
        rich = [name for name in _RICH_COMPARISONS if cls is not klass and cls.name in subclasses
                and name in {binding.name for binding in class_body_bindings(cls)}]
        if rich:
            return f"the module's class `{cls.name}` ({said(cls)}) defines {', '.join(rich)}"
    # tryout18 #7: a subclass's other base of the module bringing one (`class D(LtMixin, C)`), through its bases too
    ordered, grown = {cls.name for cls in classes if cls is not klass and cls.name not in subclasses and any(
        binding.name in _RICH_COMPARISONS for binding in class_body_bindings(cls))}, True
    while grown:
        grown = False
        for cls in classes:
            if cls.name not in ordered and cls.name not in subclasses and base_names(cls.bases) & ordered:
                ordered.add(cls.name)
                grown = True
    for cls in classes:
        mixed = sorted(base_names(cls.bases) & ordered) if cls.name in subclasses and cls is not klass else []
        if mixed:
            return (f"the module's class `{cls.name}` ({said(cls)}) derives from `{mixed[0]}`, which defines a "
                    f"comparison")
    # tryout20 #14: a subclass's other base the module does not define (`from mixins import LtMixin`, `dict`):
    # its comparisons are unknown, unless it is imported from a module of the project whose class the project
    # index knows to have none, nor a base giving one (`plain`: ProjectIndex.plain_classes)
    defined = {cls.name for cls in classes} | {"object"}
    known = _imported_plain(tree, plain) if plain else set()
    for cls in classes:
        unseen = sorted(base_names([base for base in cls.bases if ast.unparse(base) not in known]) - defined
                        - subclasses - given.get(id(cls), set())) \
            if cls.name in subclasses and cls is not klass else []
        if unseen:
            return (f"the module's class `{cls.name}` ({said(cls)}) derives from `{unseen[0] or '...'}`, which the "
                    f"module does not define (its comparisons are unknown)")
    # a subclass type() makes: its dict, or a base other than this class, its subclasses, the parameter it is
    # given and object, may bring a comparison (any base, imported ones too); bases not written out may be any
    for call in made:
        if not isinstance(call.args[1], (ast.Tuple, ast.List)):
            return f"the module's `{made_call(call)}` (its bases not written out) may make a subclass"
        if not (made_bases(call) & subclasses or id(call) in given):
            continue
        if _namespace_may_compare(call.args[2]):
            return f"the module's `{made_call(call)}` ({said(call)}) may define rich comparisons (its dict)"
        others = sorted(made_bases(call) - subclasses - given.get(id(call), set()) - {"object"})
        if others:
            return f"the module's `{made_call(call)}` ({said(call)}) derives from `{others[0]}` too"
    # tryout20 #7: any call handed a subclass and naming a rich comparison (a class factory of the project or
    # another module's: `make(C, {'__gt__': f})`, `make(C, __gt__=f)`); a setattr() is _comparison_written's
    for call in calls:
        handed = sorted({arg.id for arg in call.args if isinstance(arg, ast.Name)} & subclasses) \
            if not setattr_call(call) else ()
        if handed and any(isinstance(node, ast.Constant) and node.value in _RICH_COMPARISONS
                          or isinstance(node, ast.keyword) and node.arg in _RICH_COMPARISONS
                          for written in (*call.args, *call.keywords) for node in ast.walk(written)):
            return (f"the module's `{ast.unparse(call.func)[:40]}(...)` is handed `{handed[0]}` and a rich "
                    f"comparison (it may make a subclass)")
    named = {statement.value.id for cls in classes for statement in cls.body if isinstance(statement, ast.Assign)
             and isinstance(statement.value, ast.Name) and any(
                 isinstance(target, ast.Name) and target.id == "__metaclass__" for target in statement.targets)}
    for node in module_nodes.of_kind(tree, (ast.ClassDef, ast.FunctionDef)):
        if node.name != "type" and (node.name in metaclasses or node.name in named):
            text = ast.unparse(node)
            rich = [name for name in _RICH_COMPARISONS if name in text]
            if rich:
                return f"the module's metaclass `{node.name}` names {', '.join(rich)}"
    return ""


def _imported_plain(tree: ast.Module, plain: frozenset) -> set:
    """The bases as written (`ReverseMixin`, `mixins.ReverseMixin`) naming a class the module imports from a module of
    the project whose class of that name the project index knows to give no rich comparison (`plain`: (module key,
    class name), ProjectIndex.plain_classes): by `from pkg.mixins import ReverseMixin [as R]`, or as an attribute of
    a module it imports (`from pkg import mixins`, `import pkg.mixins [as m]`); a name the module binds otherwise
    too (an assignment, a second import) is not known."""
    imported: dict = {}  # name bound -> [(module key, name imported from it or None), ...]
    dotted = []  # `import pkg.mixins`: the names read as `pkg.mixins.ReverseMixin`
    for node in module_nodes.of_kind(tree, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            if isinstance(node, ast.ImportFrom):
                imported.setdefault(alias.asname or alias.name, []).append(
                    ((node.module or "").rsplit(".", 1)[-1], alias.name))
            elif alias.asname or "." not in alias.name:
                imported.setdefault(alias.asname or alias.name, []).append((alias.name.rsplit(".", 1)[-1], None))
            else:
                dotted.append(alias.name)
    stored = {node.id for node in module_nodes.of_kind(tree, ast.Name) if not isinstance(node.ctx, ast.Load)}
    known = set()
    for name, origins in imported.items():
        if len(origins) != 1 or name in stored:
            continue
        (module, item), = origins
        if item is not None and (module, item) in plain:  # `from pkg.mixins import ReverseMixin`: the class
            known.add(name)
        module = module if item is None else item  # `from pkg import mixins`, `import pkg.mixins as m`: a module
        known.update(f"{name}.{klass}" for key, klass in plain if key == module)
    for name in dotted:
        if name.split(".")[0] not in stored and name.split(".")[0] not in imported:
            known.update(f"{name}.{klass}" for key, klass in plain if key == name.rsplit(".", 1)[-1])
    return known


def _class_made(node) -> bool:
    """type_made (`type(name, bases, dict)`), or any call given three arguments whose second is a tuple or list
    display, the bases: the metaclass reached otherwise than by the name `type` (`type(C)('D', (C,), ns)`,
    `C.__class__('D', (C,), ns)`, a name bound to either; tryout20 #7). Only one whose bases name a subclass counts."""
    return type_made(node) or isinstance(node, ast.Call) and len(node.args) == 3 and isinstance(
        node.args[1], (ast.Tuple, ast.List))


def _namespace_may_compare(namespace) -> bool:
    """A made class's dict may hold a rich comparison: any but a dict display whose keys are all written out, none
    a rich comparison (type_made's `comparing`)."""
    return not (isinstance(namespace, ast.Dict) and all(
        isinstance(key, ast.Constant) and key.value not in _RICH_COMPARISONS for key in namespace.keys))


def _on_given_bases(tree: ast.Module) -> dict:
    """id of a class or a type() call -> the parameters its bases name, for each the module makes in a def or lambda
    on a base that is a parameter of it (or of a def around it): a class factory, `def ordered(cls): class Sub(cls):
    ...` or `return type('Sub', (Mixin, cls), {})`, whose base may be any class of the module (tryout19 #9)."""
    found: dict = {}
    for function in module_nodes.of_kind(tree, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        arguments = function.args
        parameters = {argument.arg for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                                                    arguments.vararg, arguments.kwarg) if argument is not None}
        for node in ast.walk(function):
            bases = node.bases if isinstance(node, ast.ClassDef) else node.args[1].elts if _class_made(node) and \
                isinstance(node.args[1], (ast.Tuple, ast.List)) else ()
            named = {base.id for base in bases if isinstance(base, ast.Name)} & parameters
            if named:
                found.setdefault(id(node), set()).update(named)
    return found


def _made_names(call: ast.Call, tree: ast.Module) -> frozenset:
    """The names a type() call's class is bound to (`D = type('D', ...)`) and its literal name."""
    name = call.args[0]
    names = {name.value} if isinstance(name, ast.Constant) and isinstance(name.value, str) else set()
    names.update(target.id for node in module_nodes.of_kind(tree, ast.Assign) if node.value is call
                 for target in node.targets if isinstance(target, ast.Name))
    return frozenset(names)


def _comparison_written(tree: ast.Module) -> str:
    """The first write of a rich comparison as an attribute of anything but `self` (an instance's attribute, which
    Python 2 does not ask for a new-style class's operators), said (`cls.__lt__`), or "" (tryout18 #7):
    `cls.__lt__ = f` in a class decorator or a function given classes, `for cls in (C,): cls.__lt__ = f`,
    `type(c).__lt__ = f`, `REG['c'].__lt__ = f`, `setattr(cls, '__lt__', f)`, `type.__setattr__(D, '__lt__', f)`
    (project_index.attached.setattr_call's spellings); whatever class it reaches (a
    superset of _attached_comparisons', which reads class names only)."""
    for node in module_nodes.of_kind(tree, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute):
            receiver = node.value if isinstance(node.ctx, ast.Store) and node.attr in _RICH_COMPARISONS else None
            name = node.attr
        else:  # `setattr(cls, '__lt__', f)`, `type.__setattr__(D, '__lt__', f)` (tryout19 #9)
            receiver, written, _ = setattr_call(node) or (None, None, None)
            receiver = receiver if isinstance(written, ast.Constant) and written.value in _RICH_COMPARISONS else None
            name = written.value if receiver is not None else ""
        if receiver is not None and not (isinstance(receiver, ast.Name) and receiver.id == "self"):
            return f"`{ast.unparse(receiver)}.{name}`"
    return ""


def _attached_comparisons(tree: ast.Module) -> str:
    """The rich comparisons the module attaches to a class outside its body, as DM404 counts them
    (runtime.attached_to_classes: `C.__lt__ = f`, `setattr(C, '__lt__', f)`, a setattr with a name not written
    out), said with the first class they go to (`__lt__ to a class (`C`)`), or "" (tryout15 #4). Any class of the
    module (or capitalised name): one the __cmp__ class's subclass is given overrides the rewrite's too."""
    found = [(name, node) for name, node in attached_to_classes(tree) if name in _RICH_COMPARISONS or name == ANY_NAME]
    if not found:
        return ""
    names = [name for name in _RICH_COMPARISONS if name in {name for name, _ in found}]
    names += ["a comparison a setattr() does not write out"] if any(name == ANY_NAME for name, _ in found) else []
    first = min(found, key=lambda item: (item[1].lineno, item[1].col_offset))[1]
    receiver = first.value if isinstance(first, ast.Attribute) else first.args[0]
    return f"{', '.join(names)} to a class (`{ast.unparse(receiver)}`)"


def _has_rich_comparisons(node: ast.ClassDef) -> bool:
    """__eq__ and an ordering method (`functools.total_ordering` derives the others from one)."""
    names = _class_locals(node)
    return "__eq__" in names and bool(names & {"__lt__", "__le__", "__gt__", "__ge__"})


def _unicode_method(node, ctx) -> None:
    """unicode-method where fix makes the class @six.python_2_unicode_compatible, else the rule it leaves."""
    klass, module = ctx.parent, ctx.scope.module()
    if not utf8_str_pair(klass, ctx.tree, module):
        ctx.report("unicode-method-unpaired", node)
        return
    place = unicode_compatible_place(klass, ctx.tree, module)
    if isinstance(place, str):
        ctx.report("unicode-method-decorated", node, why=place)
    else:
        ctx.report("unicode-method", node)


def _type_probe(name: str, ctx) -> str:
    """How the module probes the type of the class `name` or of its objects, or "": `type(X)`, `type(X())`,
    `type(self.X)` (PyYAML's `class classobj: pass`, whose type tells old-style classes: tryout8b D5), or any
    class's: `types.ClassType`, `types.InstanceType`. `(object)` would change what such a test finds on Python 2.
    Read once per module."""
    probes = ctx.cache.get("type-probes")
    if probes is None:
        probes = ctx.cache["type-probes"] = {}
        for node in module_nodes.walk(ctx.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type" \
                    and len(node.args) == 1:
                probed = node.args[0].func if isinstance(node.args[0], ast.Call) else node.args[0]
                probed = probed.id if isinstance(probed, ast.Name) else getattr(probed, "attr", None)
                if probed:
                    probes.setdefault(probed, ast.unparse(node))
            elif isinstance(node, (ast.Attribute, ast.Name)) and getattr(node, "attr", getattr(
                    node, "id", None)) in ("ClassType", "InstanceType"):
                probes.setdefault("", ast.unparse(node))
    return probes.get(name) or probes.get("", "")


def _report_renamed(symbol: str, node, name: str, ctx) -> None:
    """The finding for the method `name` of the class ctx.parent, a def or an assignment (assigned_methods)."""
    reported = _renamed_or_taken(symbol, ctx.parent, node)
    if reported == symbol and true_division_reached(symbol, ctx.parent, ctx):
        ctx.report("div-method-truediv-inherited", node, method=name,
                   why=true_division_reached(symbol, ctx.parent, ctx), split_from=symbol)
    elif reported == "python2-method-aliased":  # pylint still reports the Python 2 name: under its rule
        ctx.report("python2-method-aliased", node, method=name, alias=RENAMES[symbol][1], split_from=symbol)
    elif reported:
        ctx.report(reported, node)


def assigned_methods(node: ast.Assign, klass: ast.ClassDef) -> list:
    """[(name, RENAMES symbol)] of the Python 2 methods an assignment in the class body binds (_assigned_symbol), each
    name as a plain assignment binds it (scopes.assignment_bindings): every target of a chained assignment
    (tryout12 #2: `__div__ = __rdiv__ = f`), a tuple or list target's names, nested ones too, where the value is a
    display of as many items, none starred (tryout11 #2: `__nonzero__, __div__ = _f, lambda s, o: ...`)."""
    found = [(name, _assigned_symbol(name, value, klass)) for name, value in assignment_bindings(node)
             if value is not None]
    return [(name, symbol) for name, symbol in found if symbol]


def _report_attached(owner, name: str, value, node, ctx) -> None:
    """`C.__nonzero__ = f`, `setattr(C, 'next', C._step)`: a Python 2 method attached to a class outside its body
    (as _assigned_symbol judges the value; `C._step` as the class's own `_step`), the class a class of the module
    or one known by its shape (project_index.attached.class_receiver: a class decorator's parameter `cls.__nonzero__ = f`,
    `self.__class__`, `type(self)`; tryout12 #15), where a name `f` is judged as the def of the class, of the def
    holding the attachment or of the module it names. Python 2 calls it, Python 3 never does; fix adds no alias
    there (what the class binds by then is not known): `<symbol>-name-taken`, for a person (tryout11 #2)."""
    klass = next((klass for klass in module_nodes.of_kind(ctx.tree, ast.ClassDef)
                  if isinstance(owner, ast.Name) and klass.name == owner.id), None)
    if klass is None:
        function = next((parent for parent in reversed(ctx.parents)
                         if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))), None)
        if not class_receiver(owner, function):
            return
        # the defs the value may name: those of the bodies holding the attachment (a decorator's own `def next`),
        # and the module's
        bodies = [parent.body for parent in ctx.parents if isinstance(getattr(parent, "body", None), list)]
        klass = ast.ClassDef(name="", bases=[], keywords=[], decorator_list=[],
                             body=[statement for body in [ctx.tree.body, *bodies] for statement in body])
    if isinstance(value, ast.Attribute):
        value = ast.Name(id=value.attr, ctx=ast.Load())
    symbol = _assigned_symbol(name, value, klass)
    if symbol:
        ctx.report(f"{symbol}-name-taken", node)


def _assigned_symbol(name: str, value, klass: ast.ClassDef) -> str:
    """The RENAMES symbol of `name`, a Python 2 method bound to `value` by an assignment in the class body, as a
    def binds it (tryout9 #14): `__nonzero__ = lambda self: False`, `__div__ = _div` (a name: a def of the class, or any
    other); `next = lambda self: ...` or `next = _step` (a def of the class taking only self). Python 2 calls
    it as it calls a def, Python 3 never does. "" for anything else: `__nonzero__ = __bool__` (the alias of a
    Python 3 method), `next = property(next)`, a value of any other kind."""
    symbol = "next-method-defined" if name == "next" else UNUSED_MAGIC_METHODS.get(name)
    if symbol not in RENAMES or isinstance(value, ast.Name) and value.id == RENAMES[symbol][1]:
        return ""
    if isinstance(value, ast.Lambda):
        takes_self = len(value.args.posonlyargs + value.args.args) == 1 and not value.args.vararg
        return symbol if name != "next" or takes_self else ""
    if not isinstance(value, ast.Name):
        return ""
    if name != "next":
        return symbol
    defined = [statement for statement in klass.body if isinstance(statement, ast.FunctionDef)
               and statement.name == value.id]
    return symbol if len(defined) == 1 and iterator_next(defined[0]) else ""


def _mro_needs_classic(name: str, ctx) -> tuple:
    """(`path:line class C(bases)`, base) of a class Python 2 could no longer create were the classic class `name`
    new-style (tryout20b #7; base ""), or of a class listing it before `base`, a base that may stay classic, whose
    methods `object` would then shadow (tryout23 #3); ("", "") for none: the project index's
    (ProjectIndex.mro_left, mro_shadowed), or, for a text checked alone, its own classes'."""
    if ctx.project is not None:
        where = ctx.project.mro_left(name)
        return (where, "") if where else ctx.project.mro_shadowed(name) or ("", "")
    if "module-mro-left" not in ctx.cache:
        text = (ctx.text or "").encode("utf-8", "surrogateescape")
        ctx.cache["module-mro-left"] = module_mro_left(text, os.path.basename(ctx.path or "") or "<text>")
    return ctx.cache["module-mro-left"].get(name, ("", ""))


def _raised_where(name: str, ctx) -> str:
    """`path:line` of the first place the project raises or catches the classic class `name` or a class based on it
    (tryout23 #7): the project index's (ProjectIndex.raised_where), or, for a text checked alone, its own."""
    if ctx.project is not None:
        return ctx.project.raised_where(name)
    if "module-raised" not in ctx.cache:
        text = (ctx.text or "").encode("utf-8", "surrogateescape")
        ctx.cache["module-raised"] = module_raised(text, os.path.basename(ctx.path or "") or "<text>")
    return ctx.cache["module-raised"].get(name, "")


class ClassRules:
    @staticmethod
    def visit_ClassDef(node, ctx):
        names = _class_locals(node) | _assigned_in_blocks(node)
        if (not node.bases and not node.keywords and "__metaclass__" not in names and not _module_metaclass(ctx)
                and not _adds_a_metaclass(node)):
            how, probe = _metaclass_unseen(ctx), _type_probe(node.name, ctx)
            if how:  # an `object` base would drop the metaclass Python 2 may build the class with
                ctx.report("old-style-class-metaclass-unsure", node, how=how, split_from="old-style-class")
            elif probe:
                ctx.report("old-style-class-probed", node, probe=probe)
            elif (left := _mro_needs_classic(node.name, ctx))[0] and not left[1]:
                ctx.report("old-style-class-mro-unsure", node, where=left[0], split_from="old-style-class")
            elif left[0]:
                ctx.report("old-style-class-before-classic", node, where=left[0], base=left[1],
                           split_from="old-style-class")
            elif where := _raised_where(node.name, ctx):  # by name only: after DM121's C3, which is exact
                ctx.report("old-style-class-raised", node, where=where, split_from="old-style-class")
            else:
                ctx.report("old-style-class", node)
        if "__metaclass__" in names:
            why = metaclass_left(node, rebound_in(ctx), _module_reads_metaclass(ctx), _outer_class(ctx)) or (
                "no base, in a module binding `__metaclass__`: Python 2 builds the class with the module's metaclass "
                "first, and @six.add_metaclass would build it again, running the metaclass twice (tryout9 #4)"
                if not node.bases and _module_metaclass(ctx) else "")
            lines = _metaclass_lines(node)
            if why:  # fix leaves it: the DM rule split off pylint's
                ctx.report("metaclass-assignment-with-base", node, why=why, suppressed_on=lines)
            else:
                ctx.report("metaclass-assignment", node, suppressed_on=lines)
        if "__unicode__" in names and not any(
                isinstance(statement, ast.FunctionDef) and statement.name == "__unicode__" for statement in node.body):
            # bound otherwise than by a def of the body (`__unicode__ = name`, a def in an if block): no pair fix
            # rewrites, and Python 3 never calls it (tryout5 #19)
            ctx.report("unicode-method-unpaired", node)
        if "__eq__" in names and "__hash__" not in names:
            ctx.report("eq-without-hash", node)
        _report_unaliased(node, ctx)
        # every Python 3 class derives object: listed before another base, no consistent MRO exists
        bases = _built_with(node, ctx)
        if not any(isinstance(base, ast.Starred) for base in bases) and any(
                _is_object(base, ctx, node.lineno) for base in bases[:-1]):
            ctx.report("object-base-not-last", node)

    @staticmethod
    def visit_Assign(node, ctx):
        """A Python 2 method bound by an assignment in a class body (assigned_methods); `__metaclass__ = M` of the
        module (M not the builtin type): Python 2 builds the module's class statements without bases with M,
        Python 3 ignores it (tryout5 #7). old-style-class is not reported for them (an `object` base would lose M
        on Python 2 too), so this is the finding: no rewrite keeps Python 2's classes."""
        if isinstance(ctx.parent, ast.ClassDef):
            for name, symbol in assigned_methods(node, ctx.parent):
                _report_renamed(symbol, node, name, ctx)
            return
        for target in node.targets:
            if isinstance(target, ast.Attribute):
                _report_attached(target.value, target.attr, node.value, node, ctx)
        module_level = _at_module_level(ctx)
        if not any(isinstance(target, ast.Name) and target.id == "__metaclass__" and module_level
                   or _namespace_metaclass(target) and ctx.is_builtin("globals", node.lineno)
                   for target in node.targets):
            return
        if not (isinstance(node.value, ast.Name) and node.value.id == "type" and ctx.is_builtin("type", node.lineno)):
            ctx.report("module-metaclass-assignment", node, metaclass=ast.unparse(node.value))

    @staticmethod
    def visit_For(node, ctx):
        """`for __metaclass__ in (M,):` at module level binds the module's `__metaclass__` too (tryout7 #22)."""
        if any(isinstance(sub, ast.Name) and sub.id == "__metaclass__" for sub in ast.walk(node.target)) \
                and _at_module_level(ctx):
            ctx.report("module-metaclass-assignment", node, metaclass=f"an item of {ast.unparse(node.iter)}")

    @staticmethod
    def visit_ImportFrom(node, ctx):
        """`from meta import __metaclass__` at module level: the module-level assignment's effect, M unknown here
        (tryout6 #9)."""
        if not any(isinstance(p, (*_DEFINITIONS, ast.Lambda)) for p in ctx.parents):
            for alias in filter(_binds_metaclass, node.names):
                ctx.report("module-metaclass-assignment", node,
                           metaclass=f"{'.' * node.level}{node.module + '.' if node.module else ''}{alias.name}")

    @staticmethod
    def visit_Call(node, ctx):
        """type('C', (object, Base), {}): the class statement's MRO, built by a call; setattr(C, '__nonzero__', f)
        (or type.__setattr__(C, ...)) attaching a Python 2 method (_report_attached)."""
        func = node.func
        if (len(node.args) == 3 and not node.keywords
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and (isinstance(func, ast.Name) and func.id == "setattr" and ctx.is_builtin("setattr", node.lineno)
                     # type.__setattr__(B, '__nonzero__', f) (tryout12 #15)
                     or isinstance(func, ast.Attribute) and func.attr == "__setattr__"
                     and isinstance(func.value, ast.Name) and func.value.id == "type"
                     and ctx.is_builtin("type", node.lineno))):
            _report_attached(node.args[0], node.args[1].value, node.args[2], node, ctx)
        if (isinstance(func, ast.Name) and func.id == "type" and len(node.args) == 3 and not node.keywords
                and isinstance(node.args[1], ast.Tuple) and ctx.is_builtin("type", node.lineno)):
            bases = node.args[1].elts
            if not any(isinstance(base, ast.Starred) for base in bases) and any(
                    _is_object(base, ctx, node.lineno) for base in bases[:-1]):
                ctx.report("object-base-not-last", node)

    @staticmethod
    def visit_FunctionDef(node, ctx):
        if not isinstance(ctx.parent, ast.ClassDef):
            _renamed_in_block(node, ctx)
            return
        symbol = UNUSED_MAGIC_METHODS.get(node.name)
        if symbol == "cmp-method" and _has_rich_comparisons(ctx.parent):
            return  # Python 3 orders it with those; __cmp__ is left for Python 2
        if symbol == "unicode-method":
            _unicode_method(node, ctx)
            return
        if node.name == "next" and iterator_next(node):
            symbol = "next-method-defined"
        elif node.name == "next" and next_with_defaults(node, ctx.parent, ctx):
            # only where fix adds the alias: a class binding __next__ already is an iterator on Python 3
            if method_alias(ctx.parent, node, *RENAMES["next-method-with-defaults"]) == "alias":
                ctx.report("next-method-with-defaults", node)
            return
        if symbol:
            _report_renamed(symbol, node, node.name, ctx)

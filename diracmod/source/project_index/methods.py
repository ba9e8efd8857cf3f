"""The watched methods (WATCHED): where a class of the project defines one in a way the rewrite of its call would
not fit.

A definition counts where its result (or its shape) may differ from the builtin's a rewrite assumes (`_changes`):
- keys/values/items (list(o.keys())): unless each return gives a list (`[...]`, a list comprehension,
  `list(...)`, `sorted(...)`, `x.keys()`/`values()`/`items()`, Python 2's builtin `zip(...)`/`map(...)`) and the
  body ends in a return or raise. fix wraps such a zip or map in list() in the same run (and a filter, which
  Python 2 gives a str or a tuple of one): `list(zip(...))` is judged as the `zip(...)` it was, so that a second
  run judges the rewritten method as the first did (tryout10b #2); a zip or map is the builtin where the module
  binds the name nowhere (no import, star import, parameter, assignment, def: whatever the scope);
- iterkeys/itervalues/iteritems (six.iteritems(o), iter(o.iteritems()) on Python 2): unless it is a generator or
  each return gives an iterator (`iter(...)`, `x.iteritems()`..., `six.iteritems(...)`...);
- next (next(o)): a staticmethod or classmethod, or parameters beyond self without defaults;
- has_key, sort, xreadlines, translate, encode, decode: any (`in` calls __contains__, key= may not be taken...);
- __contains__ (d.has_key(k) -> k in d, which calls it, Python 2's has_key does not: tryout10 #3): any, in a class
  with a base other than object (an object of a class based on object alone has no has_key);
- __getitem__ (exc[i] -> exc.args[i]): any, in a class that is (by its bases' names, across the project) an
  exception class, or a base of one.
- __div__, __rdiv__, __idiv__ (a float `/` under the division import calls __truediv__...: tryout11 #7): in a class
  whose body binds the one and not its true-division counterpart, in any binding form (a file naming one is parsed,
  its class bodies read by scopes.class_body_bindings: chained and tuple targets, loop targets, exec...: tryout12
  #2); not for a file of the run (`run`) where fix gives the class the alias (scopes.method_alias), kept where fix
  leaves it (DM161-DM165).
- the rich comparisons, and __cmp__ beside one (cmp(a, b) -> (a > b) - (a < b), which calls __gt__ and __lt__
  alone: tryout11 #13): any; kept apart (`ordered`), by class name, with the classes whose bases' names hold such
  a class (across the project), or whose metaclass's name is such a class (`__metaclass__ = M`,
  `@six.add_metaclass(M)`, a module's `__metaclass__ = M` for its classes without bases: the class objects are
  then cmp()'s ordered operands, tryout15 #1): a module naming one of them leaves its cmp() calls
  (rules/py3k/runtime.py, cmp_orders_otherwise). A class `type(name, bases, dict)` (or types.ClassType) makes
  counts too, by the names it is assigned to and its literal name, unless its dict is a display of written-out
  keys none of which is a rich comparison (`type_made`: tryout13 #5), read on the tree of a file whose text holds
  such a call; not one a file that does not parse makes.
Decorated methods (a property, a staticmethod...) and methods whose lines cannot be parsed alone count too."""
from __future__ import annotations

import ast
import re

from diracmod.source import module_nodes
from diracmod.source.parse import parse
from diracmod.source.project_index.scan import _finds, _headers, _nested, _tree, _word_indent
from diracmod.source.scopes import class_body_bindings, method_alias, stores


_LISTS = frozenset({"keys", "values", "items"})
_ITERATORS = frozenset({"iterkeys", "itervalues", "iteritems"})
_LAZY = frozenset({"zip", "map"})  # Python 2's builtins giving a list, whatever they are given
_WRAPPED = _LAZY | {"filter"}  # and filter: fix wraps these in list() (a filter of a str gives a str)
_ANY = frozenset({"has_key", "sort", "xreadlines", "translate", "encode", "decode", "__getitem__", "__contains__"})
# Python 2's classic-division methods and what `/`, `/` from the right and `/=` call under the division import
# (tryout11 #7): a class binding one and not the other in its body is indexed
DIVISION = {"__div__": "__truediv__", "__rdiv__": "__rtruediv__", "__idiv__": "__itruediv__"}
# what Python 2's cmp() calls, which (a > b) - (a < b) does not (tryout11 #13)
ORDERS = ("__cmp__", "__lt__", "__gt__", "__le__", "__ge__", "__eq__", "__ne__")
_ANY = _ANY | frozenset(ORDERS)
WATCHED = _LISTS | _ITERATORS | _ANY | {"next"} | set(DIVISION)

_NAMES = b"|".join(sorted(name.encode() for name in WATCHED))
# each led by a literal, which the regex engine finds fast (a pattern anchored at line starts scans 10x slower)
_DEF = re.compile(rb"def[ \t]+(" + _NAMES + rb")[ \t]*\(")

# a class attribute of a watched name (`items = _iteritems`): a superset, found by bytes.find, the name first (most
# files hold none of its two needles: half the scans)
_ASSIGNED = tuple((name.encode(), (name.encode() + b" =", name.encode() + b"="))
                  for name in sorted(WATCHED | set(DIVISION.values())))

# what a file names where an entry concerns it: `exc[i]` is read in an except clause, `__contains__` by has_key's `in`
_CONTEXT = {"__getitem__": b"except", "__contains__": b"has_key", **{old: b"/" for old in DIVISION}}
_ORDERS_CONTEXT = b"cmp"  # a file calling cmp() (or naming it otherwise)


_DIVISION_NAMES = frozenset(DIVISION) | frozenset(DIVISION.values())
_DIVISION_BYTES = tuple(name.encode() for name in DIVISION)


def _assigned_needles(data: bytes) -> list:
    """The needles of _ASSIGNED the file holds, in order."""
    return [needle for name, needles in _ASSIGNED if name in data for needle in needles if needle in data]


def _assignments(data: bytes, needles: list):
    """(offset, None, name) of each `name =` of a watched name (not `==`): `needles`, _assigned_needles'."""
    for needle in needles:
        name = needle.rstrip(b" =").decode()
        for at in _finds(data, needle):
            end = at + len(needle)
            if data[end:end + 1] != b"=" and (at == 0 or not (data[at - 1:at].isalnum() or data[at - 1:at] in b"_.")):
                yield at, None, name


def _division_methods(data: bytes) -> tuple | None:
    """(((method, line, class name), fix aliases it), ...) of each division method (DIVISION) a class of the file binds
    in its body, in any form (scopes.class_body_bindings: a def, chained or tuple targets, a loop target, an exec,
    `locals()[...]`: tryout12 #2), without its true-division counterpart, the line its first binding's; fix aliases
    it (a run fixing the file gives it `__truediv__ = __div__`) where each binding is a def or a plain assignment of
    a name or a lambda (what check reports as div-method, rules/py3k/classes.py) and scopes.method_alias says
    "alias" (not where fix leaves it: DM163-DM165). None where the file does not parse (the bytes scan reads it)."""
    tree = _tree(data)
    if tree is None:
        return None
    found = []
    for cls in module_nodes.of_kind(tree, ast.ClassDef):
        bindings = class_body_bindings(cls)
        names = {binding.name for binding in bindings}
        for old, new in DIVISION.items():
            olds = [binding for binding in bindings if binding.name == old]
            if not olds or new in names:
                continue
            alias = all(binding.plain and (isinstance(binding.value, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                                           or isinstance(binding.value, ast.Name) and binding.value.id != new)
                        and method_alias(cls, binding.node, old, new) == "alias" for binding in olds)
            found.append(((old, olds[0].node.lineno, cls.name), alias))
    return tuple(found)


def _changing_methods(data: bytes, assigned: list, division_methods: bool = True):
    """(method, line, class name) of each watched method defined in a class whose definition `_changes`; the division
    methods only where `division` (_division_methods reads them where the file parses); `assigned`: the needles of
    _ASSIGNED the file holds."""
    lines = data.split(b"\n") if _DEF.search(data) else []
    builtins = _Builtins(data)
    division: dict = {}  # offset of a class -> {division method or counterpart its body binds: line}
    for (at, kind, name), indent, headers in _nested([*_headers(data), *_assignments(data, assigned)],
                                                     lambda event: _word_indent(data, event[0])):
        in_class = bool(headers) and headers[-1][1] == b"class"
        if in_class and kind in (None, b"def") and name in _DIVISION_NAMES:  # judged once the body is read
            division.setdefault((headers[-1][3], headers[-1][2]), {}).setdefault(name, data.count(b"\n", 0, at) + 1)
        elif kind is None:  # `keys = ...` in a class body (not in a def's): some other callable, conservatively
            if in_class:
                yield name, data.count(b"\n", 0, at) + 1, headers[-1][2]
        elif kind == b"def" and name in WATCHED and in_class:
            number = data.count(b"\n", 0, at)  # 0-based
            if _changes(name, _method_lines(lines, number, indent), builtins):
                yield name, number + 1, headers[-1][2]
    for (_, klass), bound in division.items() if division_methods else ():
        yield from ((old, bound[old], klass) for old, new in DIVISION.items() if old in bound and new not in bound)


def _method_lines(lines: list, number: int, indent: int) -> str:
    """The text of the def at line `number` (0-based), with its decorators, dedented: the lines up to the next
    one indented no deeper than the def (a blank or comment line does not end it)."""
    first = number
    while first > 0 and lines[first - 1].strip().startswith(b"@") and \
            len(lines[first - 1][:len(lines[first - 1]) - len(lines[first - 1].lstrip())].expandtabs(8)) == indent:
        first -= 1
    last = number + 1
    while last < len(lines):
        stripped = lines[last].strip()
        if stripped and not stripped.startswith(b"#") and \
                len(lines[last][:len(lines[last]) - len(lines[last].lstrip())].expandtabs(8)) <= indent:
            break
        last += 1
    # a comment line is no code: dropped, as one left of the def's indentation (the module's next comment, after
    # the method) would lose its first columns and read as code (mechanize's MappingIterator.next, tryout CI)
    text = b"\n".join(b"" if line.strip().startswith(b"#") else line.expandtabs(8)[indent:]
                       for line in lines[first:last]).decode("latin-1") + "\n"
    return text


class _Builtins:
    """Which of zip and map the module binds nowhere (Python 2's builtins, lists): the whole file is parsed only
    when a method returns one."""

    def __init__(self, data: bytes):
        self.data, self.found = data, None

    def __contains__(self, name: str) -> bool:
        if self.found is None:
            tree = _tree(self.data)
            bound = set() if tree is None else {bound for node in ast.walk(tree) for bound in stores(node)}
            self.found = frozenset() if tree is None or "*" in bound else _LAZY - bound
        return name in self.found


def _changes(method: str, text: str, builtins=frozenset()) -> bool:
    if method in _ANY:
        return True
    tree = parse(text).tree
    function = tree.body[0] if tree is not None and tree.body else None
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function.decorator_list:
        return True  # not read, or a property, a staticmethod...: conservatively counted
    if method == "next":
        arguments = function.args
        return len(arguments.posonlyargs + arguments.args) - len(arguments.defaults) > 1 or bool(
            [k for k, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is None])
    returns, generator = _returns(function)
    if generator:
        return method not in _ITERATORS
    fits = (lambda value: _listed(value, builtins)) if method in _LISTS else _iterated
    return not (returns or _raises(function)) or not all(r.value is not None and fits(r.value) for r in returns) \
        or not isinstance(function.body[-1], (ast.Return, ast.Raise))


def _returns(function) -> tuple:
    """(the function's own return statements, whether it is a generator)."""
    found, stack = [], list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return found, True
        if isinstance(node, ast.Return):
            found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return found, False


def _raises(function) -> bool:
    return isinstance(function.body[-1], ast.Raise)


def _listed(value, builtins=frozenset()) -> bool:
    """A list for certain on Python 2 (a dict's keys(), values(), items() are; a zip or map of `builtins`, and
    list() of one judged as it)."""
    lazy = _lazy_call(value)
    if lazy is not None:
        return lazy in builtins
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "list" and len(
            value.args) == 1 and not value.keywords and _lazy_call(value.args[0]) is not None:
        return _lazy_call(value.args[0]) in builtins
    if isinstance(value, (ast.List, ast.ListComp)):
        return True
    if isinstance(value, ast.Call) and not value.args and not value.keywords and isinstance(
            value.func, ast.Attribute) and value.func.attr in _LISTS:
        return True
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "sorted")


def _lazy_call(value) -> str | None:
    """The name of a call of zip, map or filter (the calls fix wraps in list()), else None."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _WRAPPED:
        return value.func.id
    return None


def _iterated(value) -> bool:
    """An iterator for certain on Python 2 (what iter() gives back as it is)."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Name):
        return func.id == "iter"
    return isinstance(func, ast.Attribute) and func.attr in _ITERATORS

"""The project's classes by their bases' names, read on the bytes (_class_statements, _lineage): which Python 2
makes old-style (mro_left, classic_raised, _plain_classes), which order their objects (a rich comparison
or __cmp__ of theirs, of a base's or of their metaclass's: _ordered_classes, _metaclasses; a class type()
makes: type_made) and which are exception classes (_exception_classes)."""
from __future__ import annotations

import ast
import builtins
import functools
import json
import re
from importlib import resources

from diracmod.source import module_nodes
from diracmod.source.project_index.methods import ORDERS
from diracmod.source.project_index.scan import (_finds, _headers, _indent, module_key, _nested, _tree, _word_indent,
                                                _words)
from diracmod.source.scopes import class_body_bindings


_CLASS = re.compile(rb"class[ \t]+(\w+)[ \t]*(?:\(([^)]*)\)?)?")

_EXCEPTIONS = frozenset(name for name, value in vars(builtins).items()
                        if isinstance(value, type) and issubclass(value, BaseException)) | {"StandardError"}
_EXCEPTION_NAME = re.compile(r"(Error|Exception|Warning|Exit|Interrupt)$")

# `type(name, bases, ...`: a call with two commas at its top level (a first argument with one level of parentheses
# too), the superset of the files whose tree type_made reads (tryout13 #5): one pattern for each name, led by it and
# its word boundary looked behind (a leading `\b` or alternation lost the literal's fast search: 5x slower)
_TYPE_CALLS = tuple(re.compile(name + rb"(?<=\b" + name + rb")[ \t]*\((?:[^(),]|\([^()]*\))*,(?:[^(),]|\([^()]*\))*,")
                    for name in (rb"type", rb"ClassType"))
# what the project index says a class type() makes defines, whose dict it does not read (`ordered`'s methods)
MADE = "the comparisons type() may give it"
_RICH = frozenset(ORDERS) - {"__cmp__"}


def _plain_classes(lineage: dict, found: dict, unknown: set) -> tuple:
    """(module key, class name) of each class of the project Python 2 gives no rich comparison nor __cmp__ (tryout20
    #14: a `__cmp__` class's subclass may take it as its other base): every class statement of that name in the
    project has bases written out (_lineage), each `object` or such a class by its name, none defines or is
    attached one (`found`'s ORDERS, MADE, by the receiver's last name), none is `unknown` (made by type(),
    decorated, built by a metaclass); and no module attaches one to a receiver that is no class's name
    (`cls.__lt__ = f` in a decorator or a loop: it may reach any class, so none is plain then)."""
    comparing = {klass.rsplit(".", 1)[-1] for method in ORDERS + (MADE,) for _, _, klass in found.get(method, ())}
    if comparing - lineage.keys() - unknown:
        return ()
    verdict: dict = {}

    def plain(name: str) -> bool:
        if name not in verdict:
            verdict[name] = False  # a cycle of names is not trusted
            verdict[name] = name in lineage and name not in comparing and name not in unknown and all(
                bases is not None and all(base == "object" or plain(base) for base in bases)
                for bases, _ in lineage[name])
        return verdict[name]

    return tuple(sorted({(module_key(path), name) for name, places in lineage.items() if plain(name)
                         for _, (path, _) in places}))


def _ordered_classes(found: dict, bases: dict) -> tuple:
    """(class name, methods, where) of each class defining or inheriting (by its bases' names, across the
    project, as _exception_classes reads them) a rich comparison, with __cmp__ if it has that too (`found`:
    method -> places; MADE for a class type() makes). __cmp__ alone is none: Python 2's `>` and `<` call it, as its
    cmp() does."""
    defined: dict = {}  # class name -> ({method}, first place)
    for method, places in found.items():
        for path, line, klass in places:
            methods, place = defined.get(klass, (frozenset(), (path, line)))
            defined[klass] = methods | {method}, min(place, (path, line))
    # the words of each class naming a class that defines or may inherit one, sorted; most classes name none and are
    # not looped over (Django: 0.5 s of the serial index build were this loop's set operations). Intersected
    # first: `words & possible - {name}` copied `possible` (every class name) for each class (0.3 s on Django)
    possible = defined.keys() | bases.keys()
    linked = [(name, linking) for name, words in sorted(bases.items())
              for linking in [sorted((words & possible) - {name})] if linking]
    changed = True
    while changed:
        changed = False
        for name, linking in linked:
            methods, place = defined.get(name, (frozenset(), None))
            for word in linking:
                if word not in defined:
                    continue
                inherited, there = defined[word]
                if not inherited <= methods:
                    methods, place = methods | inherited, place or there
                    changed = True
            if place is not None:
                defined[name] = methods, place
    return tuple(sorted((klass, ", ".join(method for method in ORDERS + (MADE,) if method in methods), f"{path}:{line}")
                        for klass, (methods, (path, line)) in defined.items() if methods - {"__cmp__"}))


def _type_made_classes(data: bytes) -> list:
    """(name, line, base words, may compare) of each class the file makes by `type(name, bases, dict)`
    (type_made), by the name it is assigned to (`B = type(...)`, `lib.B = type(...)`) and its literal name: the
    words of its bases' names (as _CLASS reads a class statement's), and whether its dict may hold a rich
    comparison; nothing for a file that does not parse (the index then knows none of its type() classes)."""
    tree = _tree(data)
    if tree is None:
        return []
    found = []
    for node in ast.walk(tree):
        call = node.value if isinstance(node, ast.Assign) else node
        if not type_made(call):
            continue
        names = [target.id if isinstance(target, ast.Name) else target.attr for target in node.targets
                 if isinstance(target, (ast.Name, ast.Attribute))] if node is not call else []
        name = call.args[0]
        if node is call and isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.append(name.value)
        words = frozenset(_words(call.args[1]))
        found.extend((name, call.lineno, words, type_made(call, comparing=True)) for name in names)
    return found


def _metaclasses(data: bytes) -> tuple:
    """((class name, metaclass words), ...) of each class of the file Python 2 builds with a metaclass it names
    (tryout15 #1): `__metaclass__ = M` in the class body (scopes.class_body_bindings: in its blocks too),
    `@six.add_metaclass(M)` (any decorator `add_metaclass(M)`), a `metaclass=M` keyword, or, for a class without
    bases whose body binds no `__metaclass__`, the module's own `__metaclass__ = M` (Python 2's rule: a class with
    bases is built with its first base's type); the words of M's name as _CLASS reads a base's (`M`, `meta.M`).
    `six.with_metaclass(M, Base)` is a base's text, which _CLASS reads. A metaclass bound otherwise (`from meta
    import __metaclass__`, an exec) and a file that does not parse give none (README's known limits)."""
    tree = _tree(data)
    if tree is None:
        return ()
    module = _bound_metaclass(class_body_bindings(tree))
    found = []
    for cls in module_nodes.of_kind(tree, ast.ClassDef):
        bindings = class_body_bindings(cls)
        words = _bound_metaclass(bindings)
        for decorator in cls.decorator_list:
            func = decorator.func if isinstance(decorator, ast.Call) else None
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)) == "add_metaclass":
                words |= _words(*decorator.args)
        words |= _words(*(keyword.value for keyword in cls.keywords if keyword.arg == "metaclass"))
        if not cls.bases and not cls.keywords and not any(binding.name == "__metaclass__" for binding in bindings):
            words |= module
        if words:
            found.append((cls.name, frozenset(words)))
    return tuple(found)


def _bound_metaclass(bindings) -> set:
    """The words of the values a scope's bindings (class_body_bindings) give `__metaclass__`."""
    return _words(*(binding.value for binding in bindings if binding.name == "__metaclass__"
                    and isinstance(binding.value, ast.expr)))


def type_made(node, comparing: bool = False) -> bool:
    """`type(name, bases, dict)` or `types.ClassType(...)` (three arguments): a class made without a class statement,
    whose methods no class body shows (tryout13 #5); `comparing`: and its dict may hold a rich comparison (any but
    a dict display whose keys are all written out, none a rich comparison)."""
    if not (isinstance(node, ast.Call) and len(node.args) == 3 and not node.keywords and (
            isinstance(node.func, ast.Name) and node.func.id in ("type", "ClassType")
            or isinstance(node.func, ast.Attribute) and node.func.attr == "ClassType")):
        return False
    namespace = node.args[2]
    return not comparing or not (isinstance(namespace, ast.Dict) and all(
        isinstance(key, ast.Constant) and key.value not in _RICH for key in namespace.keys))


def _exception_classes(bases: dict) -> set:
    """The project's class names that may be exceptions (a base named like one, or a project exception class),
    and the bases of those (a mixin's __getitem__ is theirs)."""
    exceptions = _derived({name for name, words in bases.items()
                           if words & _EXCEPTIONS or any(_EXCEPTION_NAME.search(word) for word in words)}, bases)
    return exceptions | {word for name in exceptions for word in bases.get(name, ())}


def _alias_resolved(classes: tuple, imports: tuple) -> tuple:
    """`classes` ((class name, base words), ...) with the name each word a from-import binds under another name
    imports (writes._import_items: `Reader` for `_R` after `from rd.base import Reader as _R`) added to the words,
    so the project's classes read by their bases' words reach the class that name defines (tryout29 #3 #4)."""
    aliases = {bound.decode(): dotted.decode() for bound, _, source, dotted, _ in imports
               if source is not None and bound != dotted}
    if not aliases:
        return classes
    return tuple((name, words | {aliases[word] for word in words & aliases.keys()}) for name, words in classes)


def _derived(names: set, bases: dict) -> set:
    """`names` and the project's class names based on one of them, through others too (by their bases' words)."""
    found, changed = set(names), True
    while changed:
        changed = False
        for name, words in bases.items():
            if name not in found and words & found:
                found.add(name)
                changed = True
    return found


def _iterator_classes(data: bytes) -> tuple:
    """The names of the file's classes whose body binds `__iter__` by a def or an assignment at a statement's start
    (a subclass of another module overriding their next is an iterator's: tryout27 #6, DM114), read on the bytes
    as methods._changing_methods reads class bodies (the innermost class or def header above at a smaller indent;
    parsing the files naming `__iter__` took seconds on Django), sorted."""
    if b"__iter__" not in data:
        return ()
    assigned = [(m.start(), None, None) for m in _ITER_ASSIGNED.finditer(data)
                if data[m.end():m.end() + 1] != b"=" and _indent(data, m.start()) is not None]
    if not assigned and b"def" not in data:
        return ()
    return tuple(sorted({headers[-1][2] for (_, kind, name), _, headers in _nested(
        [*_headers(data), *assigned], lambda event: _word_indent(data, event[0]))
        if (kind is None or name == "__iter__" and kind == b"def") and headers and headers[-1][1] == b"class"}))


def iterator_classes(iterators: set, bases: dict) -> tuple:
    """The project's class names binding `__iter__` (Facts.iterators) or based on such a class, by their bases'
    words across the project (a class of another package named alike counts too), sorted."""
    return tuple(sorted(_derived(iterators, bases))) if iterators else ()


_ITER_ASSIGNED = re.compile(rb"__iter__[ \t]*=")

_DOTTED = re.compile(rb"[ \t\r\n\\]*[A-Za-z_][\w.]*[ \t\r\n\\]*")


def _class_statements(data: bytes) -> list:
    """_CLASS's matches at a statement's start (_indent), in order."""
    return [match for match in _CLASS.finditer(data) if _indent(data, match.start()) is not None]


def _lineage(data: bytes, matches: list) -> tuple:
    """((class name, bases, line), ...) of each class statement `matches` found (_CLASS, at a statement's start):
    `bases` the last dotted component of each base in order (`asynchat.async_chat` -> async_chat), () for a class
    without bases, None where a base is something else (a call, a keyword, a subscript, a comment...)."""
    found, line, at = [], 1, 0
    for match in matches:
        line += data.count(b"\n", at, match.start())
        at = match.start()
        text = match.group(2)
        if not text or not text.strip():
            bases = ()
        elif data[match.end() - 1:match.end()] != b")":
            bases = None
        else:
            parts = text.split(b",")
            parts = parts[:-1] if len(parts) > 1 and not parts[-1].strip() else parts  # `class C(A, B,)`
            bases = tuple(part.strip().rsplit(b".", 1)[-1].decode() for part in parts) \
                if all(_DOTTED.fullmatch(part) for part in parts) else None
        found.append((match.group(1).decode(), bases, line))
    return tuple(found)


def _decorated_classes(data: bytes, matches: list) -> tuple:
    """The names of the class statements `matches` found whose previous line (blank and comment lines skipped) is a
    decorator's: starts with `@`, or ends with `)` (the end of one spread over lines), conservatively: a decorator of
    another module may give the class a rich comparison (`cls.__lt__ = f`), which plain_classes must not trust."""
    found = []
    for match in matches:
        end = match.start()
        while end > 0:
            start = data.rfind(b"\n", 0, end - 1) + 1
            line = data[start:end].strip()
            end = start
            if line and not line.startswith(b"#"):
                if line.startswith(b"@") or line.endswith(b")"):
                    found.append(match.group(1).decode())
                break
    return tuple(found)


def mro_left(lineage: dict, kept=frozenset()) -> dict:
    """old-style class name -> (`path:line class C(bases)`, base) of the first class (by place) that Python 2 could
    no longer create were the project's classic classes new-style (tryout20b #7; base ""), or else of the first
    class listing it (or a classic class based on it) before `base`, a base that may stay classic, which `object`
    would precede in that class's MRO were it new-style (tryout23 #3): `lineage` maps each class name to
    its definitions, [(bases, (path, line))] (_lineage's bases: () for a classic class, None where unknown). C3 (Python
    2's new-style MRO) of each class with two bases or more, with every class of the project new-style: a base the
    project does not define is taken as new-style (`[name, object]`), as a class with bases not read is; a name
    defined more than once is linearized by its first definition (sorted) that C3 accepts. Where C3 fails, every
    classic class among the class's ancestors (by name, through all their definitions) is kept: Python 2 computes
    C3 as soon as one base is new-style, with its classic bases' depth-first order. Then, for each class with two
    bases or more, none new-style before fix (a class of the project with a definition whose bases include no
    new-style class, or not read; a name the project does not define unless python2.7's standard library binds it
    to new-style classes only: _stdlib_new_style), every classic class among the ancestors of each base but the
    last is kept: made new-style, it would make the class new-style with `object` ahead of the
    latter, a classic class (HTMLParser.HTMLParser, a class of the project fix leaves classic, one it cannot read)
    whose __init__, __repr__, __eq__... `object`'s would then shadow; none where the latter is a classic class the
    same pass makes new-style (made: tryout29b #1, to a fixpoint; `kept`: the names other rules keep classic, as
    DM112's). A classic class listed after such a base is harmless (C3 puts `object` last). {} where no class of
    the project is classic or has two bases."""
    classic = {name for name, definitions in lineage.items() if any(bases == () for bases, _ in definitions)}
    multiple = sorted((place, name, bases) for name, definitions in lineage.items()
                      for bases, place in definitions if bases and len(bases) > 1)
    if not classic or not multiple:
        return {}
    memo: dict = {}

    def linear(name: str, stack: frozenset):
        """The MRO of the class `name`, None where it is unknown (a cycle of names, no definition C3 accepts)."""
        if name == "object" or name not in lineage:
            return ("object",) if name == "object" else (name, "object")
        if name in memo or name in stack:
            return memo.get(name)
        result = None
        known = sorted(bases for bases, _ in lineage[name] if bases is not None)
        for bases in known:
            result = c3(name, bases, stack | {name})
            if result:
                break
        result = result or (None if known else (name, "object"))
        if result is not None or not stack:
            memo[name] = result
        return result

    def c3(name: str, bases: tuple, stack: frozenset):
        """The MRO of a class `name` with `bases`, False where C3 fails, None where a base's is unknown."""
        if not bases:
            return (name, "object")
        if len(set(bases)) < len(bases):
            return None  # a TypeError whatever the bases' kind
        sequences = []
        for base in bases:
            order = linear(base, stack)
            if order is None:
                return None
            sequences.append(list(order))
        sequences.append(list(bases))
        merged = [name]
        while True:
            sequences = [sequence for sequence in sequences if sequence]
            if not sequences:
                return tuple(merged)
            head = next((sequence[0] for sequence in sequences
                         if not any(sequence[0] in other[1:] for other in sequences)), None)
            if head is None:
                return False
            merged.append(head)
            for sequence in sequences:
                if sequence[0] == head:
                    del sequence[0]

    def ancestors(bases) -> set:
        """The names among `bases` and their ancestors (by name, through all their definitions)."""
        seen, todo = set(), list(bases)
        while todo:
            base = todo.pop()
            if base not in seen:
                seen.add(base)
                todo.extend(base for known, _ in lineage.get(base, ()) for base in known or ())
        return seen

    left: dict = {}
    for place, name, bases in multiple:
        if c3(name, bases, frozenset({name})) is not False:
            continue
        for old in sorted(ancestors(bases) & classic):
            left.setdefault(old, (f"{place[0]}:{place[1]} class {name}({', '.join(bases)})", ""))
    new_style: dict = {}

    def new(name: str, stack: frozenset) -> bool:
        """Is the class `name` new-style on Python 2 before fix (every definition with a new-style base; a name
        the project does not define: object, or a class only new-style in python2.7's standard library)?"""
        if name not in lineage:
            return name in _stdlib_new_style()
        if name not in new_style:
            if name in stack:
                return False
            new_style[name] = all(bases is not None and any(new(base, stack | {name}) for base in bases)
                                  for bases, _ in lineage[name])
        return new_style[name]

    def made(name: str, before: tuple, held) -> bool:
        """Does fix --unsafe make the classic class `name`, the last base of a class listing `before` ahead of it,
        new-style in the pass that would make their classic ancestors so (tryout29b #1)? Defined once, without
        bases, in the one file every classic ancestor of `before` is defined in (fix rewrites them all or none), and
        nothing the index knows keeps it: `held` (mro_left's own, fixpoint) nor `kept`."""
        if name not in classic or name in held or name in kept or len(lineage[name]) > 1:
            return False
        return len({path for old in ancestors(before) & classic | {name} for _, (path, _) in lineage[old]}) == 1

    mixed = [(place, name, bases) for place, name, bases in multiple
             if not any(new(base, frozenset()) for base in bases)]  # new-style already: `object` ends lists that
    held = set(left)                                                # new-style bases' C3 merges, which only delays it
    while True:  # the classic ancestors kept: a last base fix makes new-style keeps none (C3 puts `object` after it)
        grown = held | {old for _, _, bases in mixed if not made(bases[-1], bases[:-1], held)
                        for old in ancestors(bases[:-1]) & classic}
        if grown == held:
            break
        held = grown
    for place, name, bases in mixed:
        if made(bases[-1], bases[:-1], held):
            continue
        for base, later in zip(bases, bases[1:]):  # the last base: C3 puts `object` after the classic ones before it
            for old in sorted(ancestors((base,)) & classic):
                left.setdefault(old, (f"{place[0]}:{place[1]} class {name}({', '.join(bases)})", later))
    return left


@functools.cache
def _stdlib_new_style() -> frozenset:
    """object, and the names of the classes python2.7's standard library binds that are new-style only
    (classic_classes.json, from bench/classic_classes.py)."""
    made = json.loads(resources.files("diracmod.source").joinpath("classic_classes.json").read_text("utf-8"))
    return frozenset(made["new"]) - frozenset(made["classic"]) | {"object"}


def module_mro_left(data: bytes, name: str) -> dict:
    """mro_left of the classes of one module's text `data` (a text checked alone, without a project index), its
    places named `name:line`, the classes it raises or catches (classic_raised) or decorates kept."""
    if b"," not in data or b"class" not in data:
        return {}
    matches = _class_statements(data)
    lineage = _module_lineage(data, name, matches)
    return mro_left(lineage, classic_raised(lineage, {raised: (name, line) for raised, line in _raised(data)}).keys()
                    | set(_decorated_classes(data, matches)))


def _module_lineage(data: bytes, name: str, matches: list) -> dict:
    """mro_left's `lineage` of one module's text `data` (its class statements `matches`), its places named `name`."""
    lineage: dict = {}
    for klass, bases, line in _lineage(data, matches):
        lineage.setdefault(klass, []).append((bases, (name, line)))
    return lineage


# what a statement raises or catches (after `raise` or `except`): one dotted name, or a parenthesized list of them
# (the end of the statement, or a call, a comma or a colon after it: not a docstring's `raise C{Error}.`)
_RAISED_NAMES = re.compile(rb"[ \t]*(?:\([ \t]*([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)[ \t]*,?[ \t]*\)"
                           rb"|([A-Za-z_][\w.]*))[ \t]*(?=[(,:;\r\n#]|\Z)")


def _raised(data: bytes) -> tuple:
    """((name, line), ...) of the last dotted component of each name a statement of the file raises or catches
    (`raise Usage('...')`, `raise E, "msg"`, `except errors.Usage, e:`, `except (A, B):`; a statement at a line's
    start or after a `:` or `;`), the first line of each, for classic_raised (tryout23 #7). Found by bytes.find of
    `raise` and `except`, then an anchored match: a name in a docstring's `raise X` counts too (the class is then
    left classic, which keeps Python 2's behaviour)."""
    found: dict = {}
    for needle in (b"raise", b"except"):
        for at in _finds(data, needle):
            end = at + len(needle)
            start = data.rfind(b"\n", 0, at) + 1
            before = data[start:at].strip()
            if (not before or before.endswith((b":", b";"))) and not data[end:end + 1].isalnum() \
                    and data[end:end + 1] != b"_":
                match = _RAISED_NAMES.match(data, end)
                if match:
                    for name in (match.group(1) or match.group(2)).split(b","):
                        found.setdefault(name.strip().rsplit(b".", 1)[-1].decode(), at)
    places, line, last = [], 1, 0
    for name, at in sorted(found.items(), key=lambda item: item[1]):
        line += data.count(b"\n", last, at)
        last = at
        places.append((name, line))
    return tuple(places)


def classic_raised(lineage: dict, raised: dict) -> dict:
    """old-style class name -> `path:line` of the first place (`raised`: name -> (path, line), _raised) raising or
    catching it or a class based on it alone (`lineage`: as mro_left's, bases by their last names): made new-style
    by `(object)`, Python 2 would refuse to raise it (`exceptions must be old-style classes or derived from
    BaseException`: tryout23 #7). A class with a base the project does not define (`pb.Error`, Exception) or does
    not read may derive from BaseException: its classic ancestors are not taken for it."""
    memo: dict = {}

    def roots(name: str):  # the base-less classes a class of that name derives from alone, None: maybe another base
        if name not in memo:
            memo[name] = None  # a cycle: unknown
            found = []
            for bases, _ in lineage.get(name, ()):
                # bases not read (None): roots("") is None, as for a base the project does not define
                below = [frozenset({name})] if bases == () else [roots(base) for base in bases or [""]]
                if None not in below:
                    found.append(frozenset().union(*below))
            memo[name] = frozenset().union(*found) if found else None
        return memo[name]

    found: dict = {}
    for name, (path, line) in sorted(raised.items(), key=lambda item: item[1]):
        for klass in roots(name) or ():
            found.setdefault(klass, f"{path}:{line}")
    return found


def module_raised(data: bytes, name: str) -> dict:
    """classic_raised of one module's text `data` (a text checked alone, without a project index), named `name`."""
    return classic_raised(_module_lineage(data, name, _class_statements(data)),
                          {raised: (name, line) for raised, line in _raised(data)})

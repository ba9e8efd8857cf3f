"""The project's classes whose `message` or whose str() is their own (exception-message-attribute, W1645, on a class
another module imports: tryout27 #4): a class setting `self.message` (in any of its methods) or binding `message` in
its body (a property, a method, a class attribute) keeps `e.message` working on Python 3; one defining `__str__` or
`__unicode__` makes `str(e)` another text than Python 2's message. Read on the bytes, by the indentation of the class
statements (as the watched methods are), in a file holding one of the needles only."""
from __future__ import annotations

import re

from diracmod.source.project_index.scan import _dotted_before, _headers, _nested, _word_indent

MESSAGE = "message"  # the kind of a class whose `message` is its own
_NEEDLES = (b"def message", b"__str__", b"__unicode__")  # or an assignment of message (_ASSIGNED)
# each led by a literal, which the regex engine finds fast (an alternation of them scanned 2.5x slower)
_ASSIGNED = re.compile(rb"message[ \t]*=(?!=)")
_STR = frozenset({"__str__", "__unicode__"})


def _message_classes(data: bytes, matches: list) -> tuple:
    """((class name, MESSAGE or the str method), ...) of the file's classes (`matches`: classes._class_statements')
    that set or bind `message` (MESSAGE first: `e.message` works whatever its str()) or define __str__/__unicode__,
    sorted."""
    if not (any(needle in data for needle in _NEEDLES) or _ASSIGNED.search(data)):
        return ()

    def indent(event):  # `self.message =`: the indent of `self`, no other word's
        dotted = None if event[1] else _dotted_before(data, event[0])
        return None if dotted and dotted[0] != b"self" else _word_indent(data, dotted[1] if dotted else event[0])

    found: dict = {}
    events = [*_headers(data, matches), *((match.start(), None, MESSAGE) for match in _ASSIGNED.finditer(data))]
    for (at, kind, name), _, headers in _nested(events, indent):
        if kind is None and _dotted_before(data, at):  # `self.message = ...` in a method: the nearest class's
            klass = next((header[2] for header in reversed(headers) if header[1] == b"class"), None)
            if klass is not None:
                found[klass] = MESSAGE
        elif headers and headers[-1][1] == b"class" and name in (MESSAGE, *_STR):  # directly in a class body
            found[headers[-1][2]] = MESSAGE if MESSAGE in (name, found.get(headers[-1][2])) else name
    return tuple(sorted(found.items()))


def message_classes(defined: list, bases: list) -> tuple:
    """(module key, class name, kind) of each class `defined` names ((module key, name, kind), _message_classes'),
    and of each class whose bases' words (`bases`: (module key, name, words)) name such a class, across the project
    by the class's name (a class setting message wins over one defining only __str__), sorted."""
    kinds: dict = {}
    for _, name, kind in defined:
        kinds[name] = MESSAGE if MESSAGE in (kind, kinds.get(name)) else kind
    found = {(key, name): kind for key, name, kind in defined}
    changed = bool(kinds)
    while changed:
        changed = False
        for key, name, words in bases:
            named = [kinds[word] for word in words & kinds.keys() if word != name]
            if not named:
                continue
            kind = found.get((key, name))
            best = MESSAGE if MESSAGE in (kind, *named) else kind or named[0]
            if best != kind:
                found[key, name] = best
                kinds[name] = MESSAGE if MESSAGE in (best, kinds.get(name)) else best
                changed = True
    return tuple(sorted((key, name, kind) for (key, name), kind in found.items()))


def _reexports(imports: tuple) -> tuple:
    """((name bound, module key, name), ...) of the file's from-imports of a module's names (writes._import_items:
    `from core.errors import GridError`; not `from . import x`, nor a star), which another module's star import of
    it binds too (tryout29 #4)."""
    return tuple((bound.decode(), source.decode(), dotted.decode()) for bound, _, source, dotted, _ in imports
                 if source and dotted != b"*")


def reexported(found: tuple, reexports: list, starred: set) -> tuple:
    """message_classes' `found` ((module key, class name, kind), ...) with, for each from-import (`reexports`: (module
    key, name bound, module key imported from, name), _reexports') of such a class, through such imports of imports
    too, the class under the importing module's key and the name it binds (`from core import *` after
    core/__init__.py's `from core.errors import GridError`: tryout29 #4): where it sets message (`e.message` works),
    or where a star import reads that module (`starred`: their keys; every import of a class defining __str__ or
    __unicode__, Django's models, made 1,776 more entries on Django 1.4, these 259), sorted."""
    kinds = {(key, name): kind for key, name, kind in found}
    changed = True
    while changed:
        changed = False
        for key, bound, source, name in reexports:
            kind = kinds.get((source, name))
            if kind and (key, bound) not in kinds:
                kinds[key, bound] = kind
                changed = True
    own = {(key, name) for key, name, _ in found}
    return tuple(sorted((key, name, kind) for (key, name), kind in kinds.items()
                        if (key, name) in own or kind == MESSAGE or key in starred))

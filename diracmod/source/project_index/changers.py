"""The methods of the project's classes that change the size of a dict they hold as an attribute (tryout28 #7):
`def drop(self, k): self.items.pop(k)` (a changing method of `self.<attr>`, `del self.<attr>[k]`, `self.<attr>[k] =
v`). A loop of another module over `r.items.keys()` whose body calls `r.drop(k)`, `r` an object of that class,
changes the dict it iterates: Python 2's list, Python 3's RuntimeError (rules/py3k/consumers.py, as for a class of
the module itself). Read on the bytes, by the indentation of the class and def statements (as messages.py reads), a
method's own lines only (not a method it calls)."""
from __future__ import annotations

import re

from diracmod.source.project_index.scan import _headers, _indent, _nested

# each led by a literal (the regex engine finds it fast)
_CHANGES = re.compile(rb"self[ \t]*\.[ \t]*(\w+)[ \t]*(?:\.[ \t]*(?:pop|popitem|clear|update|setdefault)[ \t]*\("
                      rb"|\[[^\]\n]*\][ \t]*=(?!=))")
_DELETES = re.compile(rb"del[ \t]+self[ \t]*\.[ \t]*(\w+)[ \t]*\[")


def _dict_changers(data: bytes, matches: list) -> tuple:
    """((class name, method name, attribute), ...) of the methods defined directly in the file's classes
    (`matches`: classes._class_statements') whose lines change the size of `self.<attribute>`, sorted."""
    changes = [(match.start(), None, match.group(1).decode()) for pattern in (_CHANGES, _DELETES)
               for match in pattern.finditer(data)]
    if not changes:
        return ()

    def indent(event):  # a change's: its line's
        if event[1]:
            return _indent(data, event[0])
        start = data.rfind(b"\n", 0, event[0]) + 1
        line = data[start:event[0]]
        return _indent(data, start + len(line) - len(line.lstrip()))

    found: set = set()
    for (_, kind, name), _, headers in _nested([*_headers(data, matches), *changes], indent):
        if kind is None:
            found.update((klass[2], method[2], name) for klass, method in zip(headers, headers[1:])
                         if klass[1] == b"class" and method[1] == b"def")
    return tuple(sorted(found))

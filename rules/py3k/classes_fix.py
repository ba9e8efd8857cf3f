"""Fixers for the class protocol changes classes.py detects, in DIRAC's own style (its Request.py:
`def __bool__(self): ...` then `__nonzero__ = __bool__`; `@six.add_metaclass(M)`)."""
from __future__ import annotations

import libcst as cst

from diracmod.rules.codemod import FixRule
from diracmod.rules.py3k.shadowing_fix import NameIntroducingRule

# symbol -> (Python 2 method, Python 3 name it is renamed to; the Python 2 name stays as an alias)
_RENAMES = {"nonzero-method": ("__nonzero__", "__bool__"), "next-method-defined": ("next", "__next__"),
            "div-method": ("__div__", "__truediv__"), "idiv-method": ("__idiv__", "__itruediv__"),
            "rdiv-method": ("__rdiv__", "__rtruediv__")}
_BY_METHOD = {old: (symbol, new) for symbol, (old, new) in _RENAMES.items()}


def _class_names(node: cst.ClassDef) -> set:
    """Names the class body binds directly: its defs, classes and plain assignments."""
    names = set()
    for statement in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            names.add(statement.name.value)
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    names.update(t.target.value for t in small.targets if isinstance(t.target, cst.Name))
                elif isinstance(small, (cst.AnnAssign, cst.AugAssign)) and isinstance(small.target, cst.Name):
                    names.add(small.target.value)
    return names


class MethodAlias(FixRule):
    """def __nonzero__ -> def __bool__ followed by `__nonzero__ = __bool__` (likewise next, __div__,
    __idiv__, __rdiv__): Python 2 finds the same function under its old name, Python 3 under the new
    one. Not made when the class already binds the new name (it may be a different method)."""
    SYMBOLS = tuple(_RENAMES)

    def __init__(self, ctx):
        super().__init__(ctx)
        self._classes = []  # names bound by each enclosing class body, innermost last

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.append(_class_names(node))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if node.name.value not in _BY_METHOD or not self._classes:
            return
        symbol, new = _BY_METHOD[node.name.value]
        if new not in self._classes[-1] and self.reported(symbol, node):
            self.replace(node, symbol, lambda updated: _renamed_with_alias(updated, new))


def _renamed_with_alias(method: cst.FunctionDef, new: str) -> cst.FlattenSentinel:
    old = method.name.value
    alias = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(old))], cst.Name(new))])
    return cst.FlattenSentinel([method.with_changes(name=method.name.with_changes(value=new)), alias])


class MetaclassDecorator(NameIntroducingRule):
    """`__metaclass__ = M` in the body -> `@six.add_metaclass(M)` on the class, the assignment's comments
    moved onto the decorator line. Only for a class with no base or only `object`: six creates the class
    once without the metaclass first, and a base's own metaclass would run (side effects) for it."""
    SYMBOLS = ("metaclass-assignment",)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if node.keywords or not all(_is_object(b.value) for b in node.bases):
            return
        assignments = [i for i, s in enumerate(node.body.body) if _metaclass_assignment(s)]
        if len(assignments) == 1 and self.reported("metaclass-assignment", node):
            index = assignments[0]
            self.propose(node, "metaclass-assignment", lambda updated: _decorated(updated, index),
                         names=("six",), imports=(("six", None),))


def _is_object(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "object"


def _metaclass_assignment(statement) -> bool:
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return False
    assign = statement.body[0]
    return (isinstance(assign, cst.Assign) and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name) and assign.targets[0].target.value == "__metaclass__")


def _decorated(klass: cst.ClassDef, index: int) -> cst.ClassDef:
    statement = klass.body.body[index]
    metaclass = statement.body[0].value
    add_metaclass = cst.Attribute(cst.Name("six"), cst.Name("add_metaclass"))
    decorator = cst.Decorator(cst.Call(add_metaclass, [cst.Arg(metaclass)]),
                              leading_lines=[line for line in statement.leading_lines if line.comment],
                              trailing_whitespace=statement.trailing_whitespace)
    body = [*klass.body.body[:index], *klass.body.body[index + 1:]] or [cst.SimpleStatementLine([cst.Pass()])]
    return klass.with_changes(decorators=[*klass.decorators, decorator],
                              body=klass.body.with_changes(body=body))


FIXERS = (MethodAlias, MetaclassDecorator)

"""A watched method attached to a class outside its body (`Token.encode = f`, `setattr(Rows, 'sort', f)`,
`cls.sort = f` in a class decorator: tryout9 #9, tryout12 #9), read on the tree of a file whose bytes write one;
and the spellings of a setattr and of a namespace rules read too (setattr_call, space_object, class_receiver)."""
from __future__ import annotations

import ast
import re

from diracmod.source.project_index.methods import DIVISION, _NAMES, WATCHED
from diracmod.source.project_index.scan import _tree


# a watched method attached outside a class body (tryout9 #9, tryout12 #9): `Token.encode = f`, `cls.sort = f`,
# `setattr(Rows, "sort", f)`, `type.__setattr__(C, "next", f)`: found by these, then read on the file's tree
_ATTACHED = re.compile(rb"\.(" + _NAMES + rb")[ \t]*=(?!=)")
_SETATTR = re.compile(rb"setattr(?:__)?\([^,)]*,[ \t]*['\"](?:" + _NAMES + rb")['\"]|__setattr__\([ \t]*['\"](?:"
                      + _NAMES + rb")['\"]")
# `setattr(Token, name, f)` with a name not written out (a loop over literal names, tryout10 #9)
_SETATTR_COMPUTED = re.compile(rb"setattr\([^,]*,[ \t]*(?![ \t'\"])")


def _attached(data: bytes):
    """(method, line, receiver) of each watched method attached outside a class body: an attribute write or a
    setattr (`setattr(o, "sort", f)`, `type.__setattr__(C, "next", f)`, `o.__setattr__("keys", f)`) of a watched
    name on any receiver (tryout12 #9): a class's name (`Token.encode = f`), a class decorator's parameter
    (`cls.encode = f`, `klass.sort = sort`), `self.__class__`, and an instance too (`self.next = it.next`: it
    answers `o.next()` for that object, where `next(o)` calls the class's), counted whatever f is unless it is for
    certain no callable (a literal or a display: `self.keys = {}`, `node.next = None`); and every watched name for
    `setattr(Token, name, f)` with a name not written out (tryout10 #9), on a class only (a capitalised name, a
    decorator's parameter: `class_receiver`). Not a class made by `type(name, bases, {...})`: README's known limits."""
    def spelled_out() -> list:
        return [method for method in sorted(WATCHED - set(DIVISION))
                if b"'%s'" % method.encode() in data or b'"%s"' % method.encode() in data]

    if not (_ATTACHED.search(data) or b"setattr" in data and (_SETATTR.search(data) or _SETATTR_COMPUTED.search(
            data) and spelled_out())):
        return
    spelled = spelled_out()
    tree = _tree(data)
    if tree is None:  # not read: every write of a watched name counts
        for match in _ATTACHED.finditer(data):
            yield match.group(1).decode(), data.count(b"\n", 0, match.start()) + 1, ""
        return
    for node, function in _with_functions(tree):
        for target, value in _attribute_writes(node):
            if target.attr in WATCHED and not _never_callable(value):
                yield target.attr, node.lineno, ast.unparse(target.value)
        call = setattr_call(node)
        if call is None:
            continue
        owner, name, value = call
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            if name.value in WATCHED and not _never_callable(value):
                yield name.value, node.lineno, ast.unparse(owner)
            continue
        # the names a computed setattr may write: the watched ones the file spells as string literals (a loop
        # over literal names); every watched name for any computed setattr left most of Django's dict rewrites
        # to a person for one test module generating its test methods (`setattr(TestSimpleValidators, name,
        # method)`). Not the division methods: one entry would keep the division import out of every module
        # dividing an operand of unknown origin by a float (tryout11 #7)
        if class_receiver(owner, function, capitalised=True):
            yield from ((method, node.lineno, ast.unparse(owner)) for method in spelled)


def _with_functions(tree):
    """(node, innermost def or lambda holding it, or None) of each node of the tree."""
    todo = [(tree, None)]
    while todo:
        node, function = todo.pop()
        yield node, function
        inner = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else function
        todo.extend((child, inner) for child in ast.iter_child_nodes(node))


def _attribute_writes(node):
    """(attribute target, the value it is given, or None where not known) of an assignment."""
    if isinstance(node, ast.Assign):
        pairs = [(target, node.value) for target in node.targets]
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        pairs = [(node.target, None if isinstance(node, ast.AugAssign) else node.value)]
    else:
        return
    while pairs:
        target, value = pairs.pop()
        if isinstance(target, ast.Starred):
            target, value = target.value, None
        if isinstance(target, ast.Attribute):
            yield target, value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(
                target.elts) and not any(isinstance(item, ast.Starred) for item in value.elts) else None
            pairs += [(item, items[at] if items else None) for at, item in enumerate(target.elts)]


def setattr_call(node):
    """(receiver, name, value) of `setattr(o, name, f)`, `X.__setattr__(o, name, f)` (`type.__setattr__(C, ...)`)
    or `o.__setattr__(name, f)`; else None."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    func, args = node.func, node.args
    if isinstance(func, ast.Name) and func.id == "setattr" and len(args) == 3:
        return tuple(args)
    if isinstance(func, ast.Attribute) and func.attr == "__setattr__":
        return tuple(args) if len(args) == 3 else (func.value, *args) if len(args) == 2 else None
    return None


def space_object(node):
    """`o` for `o.__dict__` or `vars(o)` (the object whose namespace it is); else None."""
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars" \
            and len(node.args) == 1 and not node.keywords:
        return node.args[0]
    return None


_NEVER_CALLABLE = (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp,
                   ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _never_callable(value) -> bool:
    """A literal, a display, a comprehension or a `not`: no object of it can be called."""
    return isinstance(value, _NEVER_CALLABLE) or isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not)


def class_receiver(owner, function, capitalised: bool = False) -> bool:
    """An expression that is a class where a method is attached to it outside the class body (tryout12 #9 #15):
    `self.__class__` (any `x.__class__`), `type(x)`, a parameter of the def holding it (`function`) that the def
    returns (a class decorator: `def with_codec(cls): cls.encode = f; return cls`) or the first one of a
    classmethod; with `capitalised`, a name or attribute capitalised (`Token`, `mod.Token`: a class by the usual
    spelling)."""
    if isinstance(owner, ast.Attribute) and owner.attr == "__class__":
        return True
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "type" and len(
            owner.args) == 1 and not owner.keywords:
        return True
    name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    if capitalised and name[:1].isupper():
        return True
    if not isinstance(owner, ast.Name) or not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    parameters = [argument.arg for argument in function.args.posonlyargs + function.args.args]
    if owner.id not in parameters + [argument.arg for argument in function.args.kwonlyargs]:
        return False
    if parameters and owner.id == parameters[0] and any(
            isinstance(decorator, ast.Name) and decorator.id == "classmethod" for decorator in function.decorator_list):
        return True
    todo = list(function.body)
    while todo:
        statement = todo.pop()
        if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Name) and \
                statement.value.id == owner.id:
            return True
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(child for child in ast.iter_child_nodes(statement) if isinstance(child, ast.stmt))
    return False

"""Which `/` (and `/=`) of a module divide two provable ints, which have a float side, which are unknown.

Pure `ast`, flow-insensitive, read with Python 2 semantics (where int / int is int):
- int: int literals; `len(...)` and `int(...)` of the builtins; `+ - * // % / << >> & | ^` and unary
  `- + ~` of ints (not `**`: `2 ** -1` is a float); names whose every binding in the scope they resolve
  to is `name = <int>` or `name <op>= <int>` with one of those operators ("counters"). A name bound any
  other way (parameter, loop target, unpacking, import, `del`, `with`/`except` target, `global` or
  `nonlocal` anywhere in the module, walrus) is unknown. `a // b` is an int only when both sides are:
  `7.5 // 2` is 3.0.
- float: a float or complex literal, a `float(...)` call of the builtin, or arithmetic with such a side.
  Old and true division agree there, so the `/` may stay.
- unknown: everything else; a person decides (which is what old-division then reports).
Names resolve as Python 2 resolves them: a list comprehension has no scope of its own (in a class body it reads the
class's names), a generator expression, set and dict comprehension, lambda and def have theirs, from which a class
body's names are not seen.
A name the module may bind unseen (a star import, a write through `globals()` or `sys.modules[__name__]`:
builtin_uses.namespace_unseen_binding; an exec statement in the function: builtin_uses.exec_in_function, the test
DM175/DM185 use) is unknown too. Not seen: a module attribute set from outside (`mod.COUNT = 2.5`).
"""
from __future__ import annotations

import ast

from diracmod.rules.py3k.builtin_uses import exec_in_function, namespace_unseen_binding

INT = "int"
FLOAT = "float"
UNKNOWN = "unknown"

_INT_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.Div, ast.LShift, ast.RShift,
                  ast.BitAnd, ast.BitOr, ast.BitXor)
_FLOAT_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_INT_CALLS = ("len", "int")
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class _Bindings(ast.NodeVisitor):
    """Every binding of every name, per scope; and every division with the scopes it is evaluated in."""

    def __init__(self, tree: ast.Module):
        self.bindings: dict = {}  # id(scope node) -> {name: [(kind, operator, value, chain) or None]}
        self.declared: set = set()  # names in a global/nonlocal statement or a walrus: never counters
        self.divisions: list = []  # (BinOp or AugAssign node, chain)
        self.chain: tuple = (tree,)
        self.generic_visit(tree)

    def _bind(self, name, binding=None, scope=None):
        scope = self.chain[-1] if scope is None else scope
        self.bindings.setdefault(id(scope), {}).setdefault(name, []).append(binding)

    def _inside(self, scope, nodes, arguments=None):
        outer, self.chain = self.chain, (*self.chain, scope)
        for arg in _argument_names(arguments) if arguments else ():
            self._bind(arg)
        for node in nodes:
            self.visit(node)
        self.chain = outer

    def _function(self, node):
        self._bind(node.name)
        args = node.args
        for expr in (*node.decorator_list, *args.defaults, *(d for d in args.kw_defaults if d is not None)):
            self.visit(expr)
        self._inside(node, node.body, args)

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_Lambda(self, node):
        for expr in (*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)):
            self.visit(expr)
        self._inside(node, [node.body], node.args)

    def visit_ClassDef(self, node):
        self._bind(node.name)
        for expr in (*node.decorator_list, *node.bases, *node.keywords):
            self.visit(expr)
        self._inside(node, node.body)

    def _comprehension(self, node):
        first, *rest = node.generators
        self.visit(first.iter)  # evaluated in the enclosing scope
        parts = [first.target, *first.ifs, *(n for g in rest for n in (g.target, g.iter, *g.ifs))]
        elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        self._inside(node, parts + elements)

    visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_ListComp(self, node):
        """Python 2 runs a list comprehension in the scope around it, no scope of its own: its targets are bound
        there, and its names resolve there, to a class body's own in a class body (tryout10 #14)."""
        self.generic_visit(node)

    def visit_Assign(self, node):
        for target in node.targets:
            if isinstance(target, ast.Name):
                self._bind(target.id, ("=", None, node.value, self.chain))
            else:
                self.visit(target)
        self.visit(node.value)

    def visit_AnnAssign(self, node):
        if not isinstance(node.target, ast.Name):
            self.visit(node.target)
        if node.value is not None:
            if isinstance(node.target, ast.Name):
                self._bind(node.target.id, ("=", None, node.value, self.chain))
            self.visit(node.value)

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self._bind(node.target.id, ("aug", node.op, node.value, self.chain))
        else:
            self.visit(node.target)
        if isinstance(node.op, ast.Div):
            self.divisions.append((node, self.chain))
        self.visit(node.value)

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.Div):
            self.divisions.append((node, self.chain))
        self.generic_visit(node)

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load):
            self._bind(node.id)

    def visit_Import(self, node):
        for alias in node.names:
            self._bind((alias.asname or alias.name).split(".")[0])

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, node):
        if node.name:
            self._bind(node.name)
        self.generic_visit(node)

    def visit_Global(self, node):
        self.declared.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_NamedExpr(self, node):
        self.declared.add(node.target.id)
        self.visit(node.value)


def _argument_names(args: ast.arguments):
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if arg is not None:
            yield arg.arg


class Divisions:
    """The divisions of one module, each classified INT, FLOAT or UNKNOWN (see the module docstring)."""

    def __init__(self, tree: ast.Module):
        self._tree = tree
        self._scopes = _Bindings(tree)
        self._unseen: dict = {}  # (id(scope node), name) -> whether the scope may bind name unseen
        self._chains: dict | None = None  # id(division node) -> its chain of scopes

    def __iter__(self):
        """(node, kind) for every `/` (ast.BinOp) and `/=` (ast.AugAssign) in the module."""
        for node, chain in self._scopes.divisions:
            yield node, self.kind(node, chain)

    def unsure_sides(self, node) -> tuple:
        """(left, right): is each side of this `/` (or `/=`) of the module of unknown origin, not a number for
        certain (`is_number`)? An object of a class with `__div__` and no `__truediv__` may be one (tryout11 #7)."""
        if self._chains is None:
            self._chains = {id(division): chain for division, chain in self._scopes.divisions}
        chain = self._chains[id(node)]
        left, right = (node.target, node.value) if isinstance(node, ast.AugAssign) else (node.left, node.right)
        return not self.is_number(left, chain), not self.is_number(right, chain)

    def is_number(self, node, chain) -> bool:
        """An int or a float for certain: is_int, or a float literal, `float(...)` of the builtin, or arithmetic
        of numbers for certain (unlike is_float, not `x * 1.0`, whose x may be any object)."""
        if self.is_int(node, chain, set()):
            return True
        if isinstance(node, ast.Constant):
            return type(node.value) in (float, complex)
        if isinstance(node, ast.UnaryOp):
            return isinstance(node.op, (ast.USub, ast.UAdd)) and self.is_number(node.operand, chain)
        if isinstance(node, ast.BinOp):
            return isinstance(node.op, _FLOAT_OPERATORS) and self.is_number(node.left, chain) \
                and self.is_number(node.right, chain)
        return self._builtin_call(node, ("float",), chain)

    def is_number_at(self, node, parents: list) -> bool:
        """is_number for a node anywhere in the module, `parents` its ancestors (the tree first, innermost last)."""
        return self.is_number(node, scope_chain(self._tree, parents, node))

    def kind(self, node, chain) -> str:
        left, right = (node.target, node.value) if isinstance(node, ast.AugAssign) else (node.left, node.right)
        if self.is_float(left, chain) or self.is_float(right, chain):
            return FLOAT
        return INT if self.is_int(left, chain, set()) and self.is_int(right, chain, set()) else UNKNOWN

    def _resolve(self, name: str, chain):
        """The scope node `name` resolves to from the innermost scope of `chain` (class bodies are not seen from
        their methods) and its bindings there; (None, None) for a builtin or undefined name."""
        for depth, scope in enumerate(reversed(chain)):
            if depth and isinstance(scope, ast.ClassDef):
                continue
            bound = self._scopes.bindings.get(id(scope), {}).get(name)
            if bound:
                return scope, bound
        return None, None

    def _bound_unseen(self, name: str, scope) -> bool:
        """May `scope` bind `name` where no statement writes it (see the module docstring)?"""
        key = (id(scope), name)
        if key not in self._unseen:
            self._unseen[key] = bool(
                namespace_unseen_binding(self._tree, name) if isinstance(scope, ast.Module)
                else exec_in_function(scope, name) if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                            ast.Lambda))
                else "")
        return self._unseen[key]

    def _builtin_call(self, node, names, chain) -> bool:
        """A call of the builtin `len`, `int` or `float`: no binding of that name, no `import *` that
        could bring one."""
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                and self._resolve(node.func.id, chain)[1] is None and node.func.id not in self._scopes.declared
                and self._resolve("*", chain)[1] is None)

    def is_int(self, node, chain, seen: set) -> bool:
        if isinstance(node, ast.Constant):
            return type(node.value) is int  # not bool, not float
        if isinstance(node, ast.UnaryOp):
            return isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert)) and self.is_int(node.operand, chain, seen)
        if isinstance(node, ast.BinOp):
            return isinstance(node.op, _INT_OPERATORS) and self.is_int(node.left, chain, seen) \
                and self.is_int(node.right, chain, seen)
        if isinstance(node, ast.Name):
            return self._is_counter(node.id, chain, seen)
        return self._builtin_call(node, _INT_CALLS, chain)

    def _is_counter(self, name: str, chain, seen: set) -> bool:
        scope, bindings = self._resolve(name, chain)
        if not bindings or name in self._scopes.declared or self._bound_unseen(name, scope):
            return False
        key = (name, id(chain[-1]))
        if key in seen:  # `n += n`: the other bindings decide
            return True
        seen.add(key)
        return all(binding is not None and (binding[0] == "=" or isinstance(binding[1], _INT_OPERATORS))
                   and self.is_int(binding[2], binding[3], seen) for binding in bindings)

    def is_float(self, node, chain) -> bool:
        if isinstance(node, ast.Constant):
            return type(node.value) in (float, complex)
        if isinstance(node, ast.UnaryOp):
            return isinstance(node.op, (ast.USub, ast.UAdd)) and self.is_float(node.operand, chain)
        if isinstance(node, ast.BinOp):
            return isinstance(node.op, _FLOAT_OPERATORS) and (
                self.is_float(node.left, chain) or self.is_float(node.right, chain))
        return self._builtin_call(node, ("float",), chain)


def scope_chain(tree: ast.Module, parents: list, node) -> tuple:
    """The chain of scopes `node` is evaluated in, as _Bindings chains them (`parents`: its ancestors, the tree
    first): a def's or lambda's body, a class body, a comprehension but a list comprehension and its first
    iterable; not a def's decorators, defaults or a class's bases, evaluated around them."""
    chain = [tree]
    path = [*(p for p in parents if p is not tree), node]
    for at, (parent, child) in enumerate(zip(path, path[1:])):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and child in parent.body \
                or isinstance(parent, ast.Lambda) and child is parent.body \
                or isinstance(parent, _COMPREHENSIONS) and not isinstance(parent, ast.ListComp) and not (
                    child is parent.generators[0] and at + 2 < len(path) and path[at + 2] is child.iter):
            chain.append(parent)
    return tuple(chain)

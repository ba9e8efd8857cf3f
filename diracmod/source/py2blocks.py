"""Python 2.7's symbol table, as far as its compiler's refusals after parsing need it (rules/py3k/py2compile.py).

A block is what python2.7's symtable.c opens one for: a def, a lambda, a class, a generator expression, a set or
dict comprehension; not a list comprehension, which runs in the block around it in Python 2. For each, the names
it binds, declares global and reads. symtable.c calls a block *free* (`ste_free`) when it reads a name it neither
binds nor declares global and it is nested in a function: an enclosing function's variable, or a module global or
builtin read from a nested block alike (`lambda: len`). A function running a bare `exec` or `from m import *`
must have no free block in it and must not be one itself ("unqualified exec is not allowed in function 'f'
because it contains a nested function with free variables"); a function's variable that a block in it reads (a
cell) cannot be deleted ("can not delete variable 'x' referenced in nested scope").

Read from Python 3's tree of the file (of its respelling, for a Python-2-only file: parse.py): `None`, `True` and
`False` are names to Python 2 (a nested `lambda: None` is free); a print or exec statement reads no name `print`
or `exec`, nor does a backtick read `repr` (`skip` says which names to leave out). A name some `global` statement
of the module declares is never counted free: python2.7 then calls it global in the blocks below that function
and, through the dictionary it shares between sibling blocks, in some siblings too (a block left unflagged is a
refusal missed, never one python2.7 does not make)."""
from __future__ import annotations

import ast

from diracmod.source.scopes import children

BLOCKS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.GeneratorExp, ast.SetComp,
          ast.DictComp)
FUNCTION_BLOCKS = tuple(kind for kind in BLOCKS if kind is not ast.ClassDef)  # a block in one is nested
_BLOCK_KINDS = frozenset(BLOCKS)
_DEFINITIONS = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_NAME, _LOAD, _CONSTANT = ast.Name, ast.Load, ast.Constant


class Block:
    __slots__ = ("node", "bound", "declared", "read", "children", "unoptimized")

    def __init__(self, node):
        self.node = node
        self.bound, self.declared, self.read = set(), set(), set()  # declared: by a global statement
        self.children: list = []
        self.unoptimized: set = set()  # "import *", "exec" (bare): what the block itself runs

    def free_names(self, global_anywhere: frozenset) -> set:
        """The names the block reads that it neither binds nor declares global (nor does any global statement)."""
        return self.read - self.bound - self.declared - global_anywhere

    def below(self) -> list:
        """The blocks nested in this one, at any depth."""
        found = list(self.children)
        for block in found:  # grows as it goes
            found += block.children
        return found


def parameters(args: ast.arguments) -> list:
    """The names of a def's or lambda's parameters (Python 2's tuple parameters, respelled, among them)."""
    every = [*getattr(args, "posonlyargs", ()), *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return [arg.arg for arg in every if arg is not None]


def _inner(node, block: Block) -> list:
    """The parts of the block `node` opens that run in it (its parameters bound)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        block.bound.update(parameters(node.args))
        return [node.body] if isinstance(node, ast.Lambda) else list(node.body)
    if isinstance(node, ast.ClassDef):
        return list(node.body)
    first = node.generators[0]  # its iterable is read in the block around it
    elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
    return [first.target, *first.ifs, *node.generators[1:], *elements]


def _outer(node) -> list:
    """The parts of a nested block's node that run in the block around it."""
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *(keyword.value for keyword in node.keywords)]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = node.args
        return [*getattr(node, "decorator_list", ()), *args.defaults, *(d for d in args.kw_defaults if d is not None)]
    return [node.generators[0].iter]


def block(node, skip) -> Block:
    """The block `node` (one of BLOCKS) opens, with the blocks nested in it; `skip(name_node)`: a read that is
    none to Python 2 (see above). Iterative: a legal expression may nest hundreds of lambdas."""
    top = Block(node)
    pending = [top]
    while pending:
        current = pending.pop()
        todo = _inner(current.node, current)
        while todo:
            child = todo.pop()
            kind = type(child)
            if kind is _NAME:
                if type(child.ctx) is not _LOAD:
                    current.bound.add(child.id)
                elif not skip(child):
                    current.read.add(child.id)
            elif kind is _CONSTANT:
                value = child.value
                if value is None or value is True or value is False:  # names to Python 2
                    current.read.add(str(value))
            elif kind in _BLOCK_KINDS:
                nested = Block(child)
                current.children.append(nested)
                pending.append(nested)
                todo += _outer(child)
                if kind in _DEFINITIONS:
                    current.bound.add(child.name)
            elif kind is ast.Global or kind is ast.Nonlocal:
                current.declared.update(child.names)
            elif kind is ast.Import or kind is ast.ImportFrom:
                current.bound.update((alias.asname or alias.name).split(".")[0] for alias in child.names
                                     if alias.name != "*")
                if any(alias.name == "*" for alias in child.names):
                    current.unoptimized.add("import *")
            else:
                if kind is ast.Expr and bare_exec(child.value, child):
                    current.unoptimized.add("exec")
                if kind is ast.ExceptHandler and child.name:
                    current.bound.add(child.name)
                todo += children(child)
    return top


def bare_exec(call, statement) -> bool:
    """Is `call`, the value of the expression statement `statement` or not, an exec statement to Python 2 (`exec
    code`, respelled `exec(code)`; `exec(code)` at the start of a statement) without the namespace that makes it
    qualified (`exec code in ns`, `exec(code, ns)`)?"""
    if not (type(call) is ast.Call and type(call.func) is _NAME and call.func.id == "exec"
            and type(statement) is ast.Expr and statement.value is call and call.col_offset == statement.col_offset):
        return False
    args = call.args
    return len(args) == 1 and not call.keywords and not (
        isinstance(args[0], ast.Tuple) and len(args[0].elts) in (2, 3))  # exec (code, ns): Python 2's tuple form


def has_free_block(top: Block, global_anywhere: frozenset) -> bool:
    """Whether a block nested in `top` (a function's block) is free: python2.7's `ste_child_free`."""
    return any(nested.free_names(global_anywhere) for nested in top.below())


def cells(top: Block, global_anywhere: frozenset) -> set:
    """The variables of `top` (a function's block) that a block nested in it reads: a name free in a nested
    block is the innermost enclosing function's that binds it (a class binding it is skipped over)."""
    up: dict = {}  # id(block) -> the free names it passes up
    order = top.below()
    for nested in reversed(order):  # the innermost first
        inherited = set().union(*(up[id(child)] for child in nested.children))
        if not isinstance(nested.node, ast.ClassDef):
            inherited -= nested.bound
        up[id(nested)] = (nested.free_names(global_anywhere) | inherited) - nested.declared - global_anywhere
    read_below = set().union(*(up[id(child)] for child in top.children))
    return (top.bound - top.declared) & read_below

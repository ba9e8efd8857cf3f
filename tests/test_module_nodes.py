"""diracmod/source/module_nodes.py: a module's nodes kept on it stand for ast.walk exactly, in its order."""
import ast
from pathlib import Path

from diracmod.source import module_nodes

_MODULE = '''
class A(object):
    """doc"""
    x = [i for i in range(3) if i]
    def f(self, a=1, *args, **kw):
        global g
        return lambda y: {k: v for k, v in kw.items()}
try:
    import os.path as p
except (ImportError, KeyError) as e:
    from . import *
print(f"{1!r:>{2}}", *[1], **{})
'''


def _trees():
    yield ast.parse(_MODULE)
    for path in sorted(Path(ast.__file__).parent.glob("[a-c]*.py"))[:12]:  # real modules of every shape
        yield ast.parse(path.read_text(encoding="utf-8"))


def test_walk_is_ast_walk_in_order_for_modules_and_other_nodes():
    for tree in _trees():
        assert list(module_nodes.walk(tree)) == list(ast.walk(tree))
        some_class = next((node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)), tree.body[0])
        assert list(module_nodes.walk(some_class)) == list(ast.walk(some_class))


def test_of_kind_filters_in_walk_order_and_is_kept():
    for tree in _trees():
        for kinds in (ast.ClassDef, (ast.Call, ast.Attribute), ast.Global):
            expected = [node for node in ast.walk(tree) if isinstance(node, kinds)]
            assert list(module_nodes.of_kind(tree, kinds)) == expected
            assert module_nodes.of_kind(tree, kinds) is module_nodes.of_kind(tree, kinds)
        assert isinstance(module_nodes.of_kind(tree, ast.Name), tuple)  # shared: nobody may change it


def test_once_computes_once_per_module_not_for_other_nodes():
    calls = []

    def count(tree):
        calls.append(tree)
        return len(calls)

    tree = ast.parse(_MODULE)
    assert module_nodes.once(tree, count) == module_nodes.once(tree, count) == 1
    other = ast.parse(_MODULE)
    assert module_nodes.once(other, count) == 2  # a new parse (a rewrite) is asked afresh
    assert module_nodes.once(other.body[0], count) == 3 and module_nodes.once(other.body[0], count) == 4


def test_what_is_kept_makes_no_cycle_a_tree_is_freed_as_soon_as_it_is_dropped():
    import gc
    import weakref

    tree = ast.parse(_MODULE)
    module_nodes.of_kind(tree, ast.Name), module_nodes.of_kind(tree, ast.Module), list(module_nodes.walk(tree))
    module_nodes.once(tree, lambda module: len(module.body))
    assert module_nodes.of_kind(tree, (ast.Module, ast.ClassDef))[:1] == (tree,)  # asked for, it is given
    gone = weakref.ref(tree)
    enabled = gc.isenabled()
    gc.disable()  # as while a file is checked: only reference counts free anything
    try:
        del tree
        assert gone() is None
    finally:
        if enabled:
            gc.enable()

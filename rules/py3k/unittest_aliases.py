"""unittest.TestCase's Python 2 aliases (`assertEquals`, `failUnless`, `assertItemsEqual`, `assertRaisesRegexp`...):
Python 3.12 removed most of them, assertItemsEqual never was in Python 3. pylint --py3k knows none.

A call `self.<alias>(...)` is unittest-alias-removed (fix rewrites it) only where `self` is provably a
unittest.TestCase: the first parameter, never rebound, of an undecorated method of a class whose bases are all
unittest.TestCase itself or classes of the module that are such classes too, none binding the alias or its
replacement in its body, in a module that sets no attribute of either name (`self.assertEqual = ...`, `T.assertEquals = ...`). Then Python 2 calls the same method before and
after: assertEquals, assertNotEquals, assert_, assertAlmostEquals and assertNotAlmostEquals are the very function
objects of their replacements on Python 2.7, the fail* ones call them through a wrapper that only adds a
PendingDeprecationWarning (ignored by default), and six.assertCountEqual / assertRaisesRegex / assertRegex /
assertNotRegex call the Python 2 name on Python 2. Any other read of an alias on an object that may be a TestCase
is unittest-alias-removed-unsure (left for a person); not in a class that a base of Twisted's trial or unittest2
builds (they keep the aliases on Python 3), nor on a module (`numpy.testing.assert_`)."""
from __future__ import annotations

import ast

from diracmod.source.statements import module_lineage
from diracmod.source import module_nodes

# alias -> (what to write instead, the Python that removed the alias); a replacement `six.x` is called
# `six.x(self, ...)`.
ALIASES = {
    "assertEquals": ("assertEqual", "3.12"), "failUnlessEqual": ("assertEqual", "3.12"),
    "assertNotEquals": ("assertNotEqual", "3.12"), "failIfEqual": ("assertNotEqual", "3.12"),
    "failUnless": ("assertTrue", "3.12"), "assert_": ("assertTrue", "3.12"), "failIf": ("assertFalse", "3.12"),
    "failUnlessRaises": ("assertRaises", "3.12"),
    "assertAlmostEquals": ("assertAlmostEqual", "3.12"), "failUnlessAlmostEqual": ("assertAlmostEqual", "3.12"),
    "assertNotAlmostEquals": ("assertNotAlmostEqual", "3.12"),
    "failIfAlmostEqual": ("assertNotAlmostEqual", "3.12"),
    "assertRegexpMatches": ("six.assertRegex", "3.12"), "assertNotRegexpMatches": ("six.assertNotRegex", "3.12"),
    "assertRaisesRegexp": ("six.assertRaisesRegex", "3.12"), "assertItemsEqual": ("six.assertCountEqual", "3.0"),
    "assertDictContainsSubset": ("no replacement: compare the items (`assertEqual(dict(actual, **expected), actual)`)",
                                 "3.12"),
}
_TESTCASES = frozenset({"unittest.TestCase", "unittest.case.TestCase"})
_KEEPING_FRAMEWORKS = ("twisted.", "unittest2")  # their TestCase keeps the aliases on Python 3


def _replaceable(alias: str) -> bool:
    return ALIASES[alias][0].replace("six.", "").isidentifier()


def _attributes_set(ctx) -> frozenset:
    """The attribute names the module sets anywhere (`x.name = ...`, `del x.name`), once per module."""
    if "attributes set" not in ctx.cache:
        ctx.cache["attributes set"] = frozenset(node.attr for node in module_nodes.walk(ctx.tree) if isinstance(
            node, ast.Attribute) and not isinstance(node.ctx, ast.Load))
    return ctx.cache["attributes set"]


def class_binds(cls: ast.ClassDef, names) -> bool:
    """Does the class body (its nested blocks too, not its methods' bodies) bind one of `names`?"""
    todo = list(cls.body)
    while todo:
        statement = todo.pop()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if statement.name in names:
                return True
            continue
        if any(isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load) and node.id in names
               or isinstance(node, ast.alias) and (node.asname or node.name) in names for node in ast.walk(statement)):
            return True
    return False


def method_class(ctx, receiver: ast.Name):
    """The class of which `receiver` is the never-rebound first parameter of an undecorated method, else None."""
    scope = ctx.scope.binding_scope(receiver.id)
    if scope is None or not isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    function, lines = scope.node, scope.names[receiver.id]
    positional = [*getattr(function.args, "posonlyargs", ()), *function.args.args]
    if function.decorator_list or not positional or positional[0].arg != receiver.id or lines != [0]:
        return None
    return scope.parent.node if scope.parent is not None and scope.parent.is_class else None


def _base_names(ctx, cls: ast.ClassDef) -> list:
    """The qualified names of the class's bases (None for a base read otherwise than through an import)."""
    return [ctx.scope.module().qualified_name(base) for base in cls.bases]


def _keeps_aliases(ctx, cls: ast.ClassDef) -> bool:
    """Does a base of the class (or of a class of this module it derives from) come from Twisted's trial or
    unittest2, whose TestCase keeps the aliases on Python 3?"""
    return any(name and name.startswith(_KEEPING_FRAMEWORKS)
               for current in module_lineage(ctx.tree, cls) for name in _base_names(ctx, current))


def _testcase_chain(ctx, cls: ast.ClassDef, names, seen=()) -> bool:
    """Is every base of the class unittest.TestCase itself or a class of this module (its only binding there, a
    statement of the module's body) that is such a class too, none of them decorated, with keywords (a
    metaclass) or binding one of `names`?"""
    if cls.decorator_list or cls.keywords or not cls.bases or class_binds(cls, names):
        return False
    module = ctx.scope.module()
    for base, name in zip(cls.bases, _base_names(ctx, cls)):
        if name in _TESTCASES:
            continue
        defined = [node for node in ctx.tree.body if isinstance(node, ast.ClassDef) and isinstance(base, ast.Name)
                   and node.name == base.id]
        if len(defined) != 1 or len(module.names.get(base.id, ())) != 1 or defined[0] in seen \
                or not _testcase_chain(ctx, defined[0], names, (*seen, cls)):
            return False
    return True


def _provably_testcase_call(ctx, node: ast.Attribute, cls) -> bool:
    alias = node.attr
    call = ctx.parent
    names = {alias, ALIASES[alias][0].replace("six.", "")}
    return (_replaceable(alias) and isinstance(call, ast.Call) and call.func is node and cls is not None
            and _testcase_chain(ctx, cls, names) and not names & _attributes_set(ctx))


class UnittestAliasRules:
    @staticmethod
    def visit_Attribute(node, ctx):
        if node.attr not in ALIASES:
            return
        receiver = node.value
        cls = method_class(ctx, receiver) if isinstance(receiver, ast.Name) else None
        if cls is not None and (class_binds(cls, {node.attr}) or _keeps_aliases(ctx, cls)):
            return  # the class's own method, or a framework's that Python 3 keeps
        qualified = ctx.scope.qualified_name(receiver)
        if qualified is not None and qualified not in _TESTCASES:
            return  # an attribute of a module or of an object imported from one (numpy.testing.assert_)
        instead, version = ALIASES[node.attr]
        symbol = ("unittest-alias-removed" if _provably_testcase_call(ctx, node, cls)
                  else "unittest-alias-removed-unsure")
        ctx.report(symbol, node, name=node.attr, version=version, instead=instead)

"""The `if __name__ == "__main__":` block: code that runs only when the file is the script (a module imported by
name is never `__main__`); and the signs that the file is meant to be run directly too."""
from __future__ import annotations

import ast
from diracmod.source import module_nodes


def is_main_test(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    return (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and {ast.unparse(test.left), ast.unparse(test.comparators[0])} == {"__name__", "'__main__'"})


def is_main_guard(node) -> bool:
    return isinstance(node, ast.If) and is_main_test(node.test)


def script_sign(tree: ast.Module, text: str) -> str:
    """How the file shows it is meant to be run directly too (`python pkg/m.py`, `./pkg/m.py`), "" where it does
    not: a `#!` first line (tryout6 #24: a script whose code is all at module level), any comparison of `__name__`
    (with "__main__" `==` either way round or `in ("__main__",)`, or with the module's own name, `__name__ not in
    ("pkg.m",)`, inside a function called at the top level...), a method called on `__name__`
    (`__name__.startswith("__main")`), or a read of `sys.argv[0]` (`sys.argv[0].endswith("m.py")`; tryout7 #5);
    or, in the code run while the module is executed (module level, class bodies: not in a function), a read of its
    arguments, `sys.argv` subscripted, sliced or handed to a call (`sys.argv[1]`, `getopt.getopt(sys.argv[1:], ...)`,
    `len(sys.argv)`), a command line parsed (`OptionParser().parse_args()`) or `sys.exit(...)`: nothing but a script
    gives these a meaning there (a job wrapper in a package launched by path; tryout16 #3).
    The executable bit alone is no sign: without a `#!` line the shell, not Python, runs the file."""
    if text.startswith("#!"):
        return "its first line is a `#!` line"
    test = next((node for node in module_nodes.of_kind(tree, _HOW_RUN_KINDS) if _tests_how_run(node)), None)
    if test is None and ("argv" in text or "exit" in text or "parse_args" in text):  # else no node reads them
        test = next((node for node in _executed(tree) if _reads_arguments(node)), None)
    return f"`{ast.unparse(test)}` on line {test.lineno}" if test else ""


_HOW_RUN_KINDS = (ast.Compare, ast.Call, ast.Subscript)  # the nodes _tests_how_run may hold true
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _tests_how_run(node) -> bool:
    if isinstance(node, ast.Compare):
        return any(_is_name(operand) for side in (node.left, *node.comparators) for operand in ast.walk(side))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _is_name(node.func.value)
    return isinstance(node, ast.Subscript) and ast.unparse(node) == "sys.argv[0]"


def _executed(tree: ast.Module):
    """The nodes run while the module is executed, in source order: all but function bodies (and decorators' and
    defaults' own code, which runs then too, is kept)."""
    todo = list(reversed(tree.body))
    while todo:
        node = todo.pop()
        yield node
        children = list(ast.iter_child_nodes(node))
        if isinstance(node, _FUNCTIONS):
            children = [*getattr(node, "decorator_list", ()), *node.args.defaults, *node.args.kw_defaults]
        todo.extend(reversed([child for child in children if child is not None]))


def _reads_arguments(node) -> bool:
    """`sys.argv[...]`, `f(..., sys.argv, ...)`, `x.parse_args(...)`, `sys.exit(...)`."""
    if isinstance(node, ast.Subscript):
        return _is_argv(node.value)
    if not isinstance(node, ast.Call):
        return False
    name = ast.unparse(node.func)
    return name == "sys.exit" or isinstance(node.func, ast.Attribute) and node.func.attr == "parse_args" \
        or any(_is_argv(argument) for argument in node.args)


def _is_argv(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "argv" and isinstance(node.value, ast.Name) \
        and node.value.id == "sys"


def _is_name(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "__name__"

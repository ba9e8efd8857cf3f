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
    `len(sys.argv)`), a command line parsed (`OptionParser().parse_args()`, `parse_known_args()`), `fileinput.input()`
    (which reads sys.argv itself), standard input read (`for line in sys.stdin:`, `sys.stdin.read()`, `readline()`,
    `readlines()`, sys.stdin handed to a call, `json.load(sys.stdin)`, or a comprehension's loop: tryout19 #14) or
    the process ended (`sys.exit(...)`, `raise SystemExit(...)`, a bare `raise SystemExit`, `exit()`, `quit()`,
    `os._exit(...)`; `raise SystemExit, 0` too), its input read (`raw_input()`, `input()`,
    `iter(sys.stdin.readline, "")`, `fileinput.FileInput()`) or its tests run unguarded (`unittest.main()`,
    `doctest.testmod()`): nothing but a script gives these a meaning there (a job wrapper in a package launched by
    path; tryout16 #3, tryout17 #4, tryout18 #5). Not seen: `from sys import argv`, `import sys as s`, a read in a
    function the module calls (README's known limits).
    The executable bit alone is no sign: without a `#!` line the shell, not Python, runs the file."""
    if text.startswith("#!"):
        return "its first line is a `#!` line"
    test = next((node for node in module_nodes.of_kind(tree, _HOW_RUN_KINDS) if _tests_how_run(node)), None)
    if test is None and any(word in text for word in SCRIPT_WORDS):  # else no node reads them
        test = next((node for node in _executed(tree) if _reads_arguments(node)), None)
    if isinstance(test, (ast.For, ast.comprehension)):  # `for line in sys.stdin:`: the loop's head, not its body
        test = test.iter
    return f"`{ast.unparse(test)}` on line {test.lineno}" if test else ""


# the words one of _reads_arguments' nodes holds (a cheap test of the text before its nodes are walked; check's
# result cache keys a text holding one on its siblings: diracmod/check/engine.py's context_key)
SCRIPT_WORDS = ("argv", "exit", "parse_args", "parse_known_args", "fileinput", "FileInput", "stdin", "SystemExit",
                "quit", "input", "unittest", "testmod")
# module-level calls only a script makes: the process ended, its arguments read by fileinput (or its FileInput
# class), its input read (raw_input(), input()), its tests run (unittest.main() and doctest.testmod() unguarded:
# tryout18 #5)
_SCRIPT_CALLS = frozenset({"sys.exit", "os._exit", "exit", "quit", "fileinput.input", "fileinput.FileInput",
                           "raw_input", "input", "unittest.main", "doctest.testmod"})
_READS = frozenset({"read", "readline", "readlines", "xreadlines"})  # of sys.stdin


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
    """`sys.argv[...]`, `f(..., sys.argv, ...)`, `x.parse_args(...)`, `x.parse_known_args(...)`, `sys.exit(...)`,
    `os._exit(...)`, `exit(...)`, `quit(...)`, `fileinput.input(...)`, `sys.stdin.read()` (readline, readlines),
    `for ... in sys.stdin:` (a comprehension's too), `f(..., sys.stdin.readline, ...)` (`iter(sys.stdin.readline,
    "")`), `f(..., sys.stdin, ...)` (`json.load(sys.stdin)`, `list(sys.stdin)`: tryout19 #14), `raw_input()`,
    `input()`, `fileinput.FileInput(...)`, `unittest.main()`, `doctest.testmod()`, `raise SystemExit`
    (`raise SystemExit(...)`, and Python 2's `raise SystemExit, 0`, read as `raise (SystemExit, 0)`: parse.py)."""
    if isinstance(node, ast.Subscript):
        return _is_argv(node.value)
    if isinstance(node, (ast.For, ast.comprehension)):  # `[line for line in sys.stdin]` too (tryout19 #14)
        return _is_sys(node.iter, "stdin")
    if isinstance(node, ast.Raise):
        raised = node.exc.elts[0] if isinstance(node.exc, ast.Tuple) and node.exc.elts else node.exc
        raised = raised.func if isinstance(raised, ast.Call) else raised
        return isinstance(raised, ast.Name) and raised.id == "SystemExit"
    if not isinstance(node, ast.Call):
        return False
    name = ast.unparse(node.func)
    attribute = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    return name in _SCRIPT_CALLS or attribute in ("parse_args", "parse_known_args") \
        or attribute in _READS and _is_sys(node.func.value, "stdin") \
        or any(_is_argv(argument) or _is_stdin_read(argument) or _is_sys(argument, "stdin")
               for argument in (*node.args, *(keyword.value for keyword in node.keywords)))


def _is_sys(node, attribute: str) -> bool:
    """`sys.<attribute>`."""
    return isinstance(node, ast.Attribute) and node.attr == attribute and isinstance(node.value, ast.Name) \
        and node.value.id == "sys"


def _is_stdin_read(node) -> bool:
    """`sys.stdin.readline` (read, readlines, xreadlines) handed on: `iter(sys.stdin.readline, "")`."""
    return isinstance(node, ast.Attribute) and node.attr in _READS and _is_sys(node.value, "stdin")


def _is_argv(node) -> bool:
    return _is_sys(node, "argv")


def _is_name(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "__name__"

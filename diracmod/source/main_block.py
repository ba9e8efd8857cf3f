"""The `if __name__ == "__main__":` block: code that runs only when the file is the script (a module imported by
name is never `__main__`); and the signs that the file is meant to be run directly too."""
from __future__ import annotations

import ast


def is_main_test(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    return (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and {ast.unparse(test.left), ast.unparse(test.comparators[0])} == {"__name__", "'__main__'"})


def is_main_guard(node) -> bool:
    return isinstance(node, ast.If) and is_main_test(node.test)


def script_sign(tree: ast.Module, text: str) -> str:
    """How the file shows it is meant to be run directly too (`python pkg/m.py`, `./pkg/m.py`), "" where it does
    not: a `#!` first line (tryout6 #24: a script whose code is all at module level), or any comparison of
    `__name__` with "__main__" (`==` either way round, `in ("__main__",)`, inside a function called at the top
    level...). The executable bit alone is no sign: without a `#!` line the shell, not Python, runs the file."""
    if text.startswith("#!"):
        return "its first line is a `#!` line"
    test = next((node for node in ast.walk(tree) if isinstance(node, ast.Compare) and _compares_name_and_main(node)),
                None)
    return f"`{ast.unparse(test)}` on line {test.lineno}" if test else ""


def _compares_name_and_main(test: ast.Compare) -> bool:
    operands = [node for side in (test.left, *test.comparators) for node in ast.walk(side)]
    return (any(isinstance(node, ast.Name) and node.id == "__name__" for node in operands)
            and any(isinstance(node, ast.Constant) and node.value == "__main__" for node in operands))

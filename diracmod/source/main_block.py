"""The `if __name__ == "__main__":` block: code that runs only when the file is the script (a module imported by
name is never `__main__`), and the sign that the file is meant to be run directly too."""
from __future__ import annotations

import ast


def is_main_test(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    return (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and {ast.unparse(test.left), ast.unparse(test.comparators[0])} == {"__name__", "'__main__'"})


def is_main_guard(node) -> bool:
    return isinstance(node, ast.If) and is_main_test(node.test)


def main_block(tree: ast.Module) -> ast.If | None:
    """The module's first top-level `if __name__ == "__main__":`, if it has one."""
    return next((node for node in tree.body if is_main_guard(node)), None)

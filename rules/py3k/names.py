"""Removed builtins, print statements, classic division, raising strings."""
from __future__ import annotations

import ast
import io
import tokenize

from diracmod.rules.py3k import builtin_uses
from diracmod.rules.py3k.division import LeftForAPerson, division_may_change, not_a_number
from diracmod.rules.py3k.division_types import Divisions
from diracmod.rules.py3k.py3only import print_call_python2_cannot_parse
from diracmod.rules.py3k.rebound import assigned_values
from diracmod.rules.py3k.runtime import builtin_unseen, cmp_orders_otherwise, report_builtin
from diracmod.rules.py3k.unicode_compatible import pair_rewritten
from diracmod.source.scopes import leaked_into, list_comprehension_names
from diracmod.source.tables import REMOVED_BUILTINS


def _long_argument_unsure(node, ctx) -> str:
    """Why `long(x)`, which builtin_uses would let fix make `int(x)`, stays, or "": x is no number for certain
    (division_types' is_number; tryout23b #5). Python 2's int() does not call `__long__` (an instance of a class
    defining it and no `__int__`: TypeError after) nor take a string's `L` suffix (`long("12L")`, `long("ffL", 16)`:
    ValueError after)."""
    call = ctx.parent
    if not isinstance(call, ast.Call) or call.func is not node or not call.args and not call.keywords:
        return ""  # long as isinstance's class (builtin_uses decided), or long(): 0
    if len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred):
        key = ("division-types", id(ctx.tree))
        if key not in ctx.cache:
            ctx.cache[key] = Divisions(ctx.tree)
        if ctx.cache[key].is_number_at(call.args[0], ctx.parents):
            return ""
    return ("long(x) whose x may be no number: Python 2's int() neither calls a class's __long__ (one without "
            "__int__) nor takes a string's L suffix (long('12L'))")


class NameRules:
    @staticmethod
    def visit_Name(node, ctx):
        if not (node.id in REMOVED_BUILTINS and isinstance(node.ctx, ast.Load)):
            return
        symbol = node.id.lower() + "-builtin"
        if ctx.is_builtin(node.id, node.lineno) and not _leaked(node, ctx):
            why = builtin_uses.left(node.id, node, ctx.parents) if symbol in builtin_uses.LEFT else ""
            if symbol == "long-builtin" and not why:
                why = _long_argument_unsure(node, ctx)
            if symbol == "unicode-builtin" and _unicode_of_self_in_str(node, ctx):
                ctx.report("unicode-of-self-in-str", node)
            elif why:  # a use fix leaves: the DM rule split off pylint's (rules/py3k/builtin_uses.py)
                ctx.report(builtin_uses.LEFT[symbol], node, why=why)
            elif symbol == "cmp-builtin" and _cmp_orders_otherwise(node, ctx):
                ctx.report("cmp-builtin-rich-comparisons", node, why=_cmp_orders_otherwise(node, ctx))
            elif symbol == "file-builtin" and _file_open_unsure(ctx):
                ctx.report("file-builtin-open-unsure", node, how=_file_open_unsure(ctx))
            else:
                report_builtin(ctx, symbol, node, node.id)
        elif _class_binding_read_in_place(node, ctx):
            ctx.report("builtin-name-maybe-bound", node, name=node.id, split_from=symbol,
                       how=f"bound by the class body on line {_class_binding_read_in_place(node, ctx)}, which "
                           "Python 2's list comprehension there reads and Python 3's does not")
        elif ctx.global_deletion(node.id):  # the module's binding, or the builtin once that function ran
            ctx.report("builtin-name-maybe-bound", node, name=node.id, split_from=symbol,
                       how=f"`del {node.id}` on line {ctx.global_deletion(node.id)}, in a function declaring it global, "
                           "makes it the builtin")
        elif ctx.global_binding(node.id, node.lineno):  # the builtin until that function ran
            ctx.report("builtin-name-maybe-bound", node, name=node.id, split_from=symbol,
                       how=f"line {ctx.global_binding(node.id, node.lineno)}, in a function declaring it global, "
                           "binds it")

    @staticmethod
    def visit_Expr(node, ctx):
        # Without the future import, Python 2 reads `print(x)` as the print statement (pylint does too);
        # `print(x, file=f)` it cannot parse at all: python2-syntax-error, no print statement (tryout10b #9)
        if "print_function" not in ctx.future and starts_with_print(node) \
                and not print_call_python2_cannot_parse(node.value):
            ctx.report("print-statement", node, always=True)
        # Python 2 reads `exec` as its statement too: `exec (code) in ns` runs code in ns, Python 3 in the
        # module's globals before testing `None in ns`; only the call `exec(...)` means the same (tryout3 #23)
        call = node.value
        if starts_with_name(node, "exec") and not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            ctx.report("exec-statement", node, always=True)

    @staticmethod
    def visit_BinOp(node, ctx):
        if isinstance(node.op, ast.Div):
            _division(node, (node.left, node.right), ctx)

    @staticmethod
    def visit_AugAssign(node, ctx):
        # `x /= y` changes meaning as `x / y` does (pylint does not report it).
        if isinstance(node.op, ast.Div):
            _division(node, (node.target, node.value), ctx)

    @staticmethod
    def visit_Raise(node, ctx):
        exc = node.exc
        if isinstance(exc, ast.Tuple) and exc.elts:  # `raise E, V` as rewritten from Python 2, or as written
            if not ctx.respelled & {(node.lineno, "old-raise-syntax"), (node.lineno, "old-raise-syntax-value-unknown")}:
                # `raise (E, V)`: Python 2 raises the tuple's first item, Python 3 a TypeError (tryout3 #37); a
                # line holding a respelled `raise E, V` too is taken for that one alone
                ctx.report("raise-tuple", node)
            exc = exc.elts[0]
        elif isinstance(exc, ast.Name) and _bound_only_to_tuples(exc, ctx):  # `err = (E, V)` ... `raise err`
            ctx.report("raise-tuple", node)
        if _is_byte_string(exc) or (isinstance(exc, ast.Name) and _module_string(ctx, exc.id)):
            ctx.report("raising-string", node)


def _bound_only_to_tuples(name: ast.Name, ctx) -> bool:
    """Does every binding of `name` in the scope it is read from assign a tuple display whose first item is no
    tuple display nor starred (`err = (ValueError, "x")`), the module binding it no other way unseen (a namespace
    write, exec)? Then Python 2's `raise name` raises `name[0]`, which fix writes (tryout10 #10); a nested first
    item would need `name[0][0]`, which Python 3 cannot raise either: not reported."""
    values = assigned_values(ctx, name)
    return bool(values) and all(
        isinstance(value, ast.Tuple) and value.elts and not isinstance(value.elts[0], (ast.Tuple, ast.Starred))
        for value in values) and not builtin_unseen(ctx, name.id)


def _unicode_of_self_in_str(node, ctx) -> bool:
    """`unicode(self)` in a `__str__` of a class (a def, or `__str__ = lambda self: ...`) that fix does not drop
    with its pair (rules/py3k/unicode_compatible.py): six.text_type(self) is str(self) on Python 3, which calls
    this __str__ again, endlessly (tryout5 #8, #19)."""
    call, parents = ctx.parent, ctx.parents
    scope_at = next((at for at in range(len(parents) - 1, -1, -1)
                     if isinstance(parents[at], (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))), None)
    if not (isinstance(call, ast.Call) and call.func is node and len(call.args) == 1 and not call.keywords
            and scope_at is not None and not isinstance(parents[scope_at], ast.ClassDef)):
        return False
    function, outer = parents[scope_at], parents[:scope_at]
    params = function.args.posonlyargs + function.args.args
    if not (params and isinstance(call.args[0], ast.Name) and call.args[0].id == params[0].arg):
        return False
    if isinstance(function, ast.Lambda):  # `__str__ = lambda self: ...`, a statement of the class body
        return len(outer) >= 2 and isinstance(outer[-2], ast.ClassDef) and isinstance(outer[-1], ast.Assign) \
            and any(isinstance(target, ast.Name) and target.id == "__str__" for target in outer[-1].targets)
    return function.name == "__str__" and bool(outer) and isinstance(outer[-1], ast.ClassDef) \
        and not pair_rewritten(outer[-1], ctx.tree, ctx.scope.module())


def _class_binding_read_in_place(node, ctx) -> int:
    """The line where a class body binds the builtin's name `node` reads in a list comprehension of that body (not
    its first iterable, read in the body itself), where Python 3 would find the builtin: Python 2 runs the list
    comprehension in place and reads the class's binding, Python 3 gives it a scope of its own, which does not see
    the class body's names (tryout6 #11); 0 otherwise."""
    scope = ctx.scope
    if not isinstance(scope.node, ast.ListComp):
        return 0
    while isinstance(scope.node, ast.ListComp):
        if node.id in scope.names:  # the comprehension's own variable
            return 0
        scope = scope.parent
    earlier = [at for at in scope.names.get(node.id, ()) if at < node.lineno] if scope.is_class else []
    return max(earlier) if earlier and scope.parent.resolves_to_builtin(
        node.id, ctx.module_globals, scope.node.lineno) else 0


def _leaked(node, ctx) -> bool:
    """Is the read the variable a list comprehension of its statement leaked (escapes.py's comprehension-escape)?
    The names those bind are read once per statement: a statement may be a long table of such reads."""
    statement = ctx.statement
    key = ("list-comprehension-names", id(statement))
    if key not in ctx.cache:
        ctx.cache[key] = list_comprehension_names(statement)
    return node.id in ctx.cache[key] and leaked_into(statement, node) is not None


def _file_open_unsure(ctx) -> str:
    if "file-open-unsure" not in ctx.cache:
        ctx.cache["file-open-unsure"] = builtin_uses.file_open_unsure(ctx.tree)
    return ctx.cache["file-open-unsure"]


def _classic_division(sides, ctx) -> bool:
    """A `/` whose meaning Python 3 changes: no division future import, and `division_may_change`."""
    return "division" not in ctx.future and division_may_change(sides, ctx.scope)


def _division(node, sides, ctx):
    """A `/` or `/=` of a module without the division import: reported where its meaning changes
    (_classic_division), and where a float literal side (`x / 2.0`) may divide an object of a project class with
    `__div__` alone while fix keeps the division import out (tryout12 #3: LeftForAPerson.project_class)."""
    if "division" in ctx.future:
        return
    if division_may_change(sides, ctx.scope):
        _report_division(node, ctx)
    elif ctx.project is not None and ctx.project.entries and not any(not_a_number(side, ctx.scope) for side in sides):
        why = _divisions_left(ctx).project_class(node)
        if why:
            ctx.report("old-division-unknown-operands", node, why=why)


def _divisions_left(ctx):
    left = ctx.cache.get("divisions-left")
    if left is None:
        left = ctx.cache["divisions-left"] = LeftForAPerson(ctx.tree, ctx.project)
    return left


def _report_division(node, ctx):
    """old-division where `diracmod fix` rewrites the `/`, old-division-unknown-operands (pylint's W1619 all
    the same) where it leaves it for a person: rules/py3k/division.py decides, for the fixer too."""
    why = _divisions_left(ctx).why(node)
    if why:
        ctx.report("old-division-unknown-operands", node, why=why)
    else:
        ctx.report("old-division", node)


def starts_with_print(stmt) -> bool:
    """The statement's first token is the name `print`: Python 2 reads the print statement there, whatever
    Python 3 makes of the text (`print(x)`, `print >>f, x`, `print (a), b`, and `print ("%d") % n` or
    `print (x)[0]`: a call followed by more). Its leftmost node starts where the statement does; `(print)(x)`
    starts with the parenthesis (a syntax error on Python 2)."""
    return starts_with_name(stmt, "print")


# the field holding the leftmost child of the commonest nodes a statement starts with, which min() would find
_LEFTMOST = {ast.Call: "func", ast.Attribute: "value", ast.Subscript: "value", ast.BinOp: "left", ast.Compare: "left",
             ast.IfExp: "body"}


def starts_with_name(stmt, name: str) -> bool:
    """The first token of the expression statement `stmt` is the name `name` (starts_with_print)."""
    node, start = stmt.value, (stmt.lineno, stmt.col_offset)
    while node is not None and (node.lineno, node.col_offset) == start:
        if isinstance(node, ast.Name):
            return node.id == name
        leftmost = _LEFTMOST.get(type(node))
        if leftmost is not None:
            node = getattr(node, leftmost)
            continue
        # the leftmost child (operators, contexts and comprehension clauses have no position)
        node = min((child for child in ast.iter_child_nodes(node) if hasattr(child, "lineno")),
                   key=lambda child: (child.lineno, child.col_offset), default=None)
    return False


def prints_alike(stmt, text: str) -> bool:
    """A print statement (starts_with_print) that prints the same as the call print_function makes of it:
    `print(x)`, one plain argument (the statement prints `(x)`), without the trailing comma of `print(x,)` (the
    statement prints that tuple; Python 3's tree has no trace of it but in `text`, which `stmt` was parsed from)."""
    call = stmt.value
    if not (starts_with_print(stmt) and isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred)):
        return False
    argument = call.args[0]
    if (argument.end_lineno, argument.end_col_offset + 1) == (call.end_lineno, call.end_col_offset):
        return True  # `print(x)`: nothing between the argument and the closing parenthesis
    depth = 0  # a comma within the call's own parentheses, not the argument's: the trailing one
    for token in tokenize.generate_tokens(io.StringIO(ast.get_source_segment(text, call)).readline):
        if token.type != tokenize.OP:
            continue
        if token.string in ("(", "[", "{"):
            depth += 1
        elif token.string in (")", "]", "}"):
            depth -= 1
        elif token.string == "," and depth == 1:
            return False
    return True


def _is_byte_string(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.kind != "u"


def _module_string(ctx, name) -> bool:
    """A module-level name bound only to a (byte) string literal."""
    strings = ctx.cache.get("module-strings")
    if strings is None:
        strings, others = set(), set()
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        (strings if _is_byte_string(stmt.value) else others).add(target.id)
        strings = ctx.cache["module-strings"] = strings - others
    return name in strings


def _cmp_orders_otherwise(node, ctx) -> str:
    """Why the call `cmp(a, b)` (two operands read twice safely) is left: (a > b) - (a < b) may order them
    otherwise (rules/py3k/runtime.py, cmp_orders_otherwise), or ""; "" for cmp as a value, which fix makes a
    getattr that is the builtin on Python 2."""
    parent = ctx.parents[-1] if ctx.parents else None
    return cmp_orders_otherwise(parent, ctx) if isinstance(parent, ast.Call) and parent.func is node else ""

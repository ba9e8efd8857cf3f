"""Which `/` old-division is about, and which of them `diracmod fix` leaves for a person: the one place that
decides, read by the detector (rules/py3k/names.py reports old-division or old-division-unknown-operands),
the fixer (rules/py3k/division_fix.py makes the int ones `//`) and diracmod.fix.futures (adds
`from __future__ import division` where no `/` left can divide two ints).

Fix rewrites a `/` (old-division) when both sides are provable ints (it becomes `//`), or when the division
import keeps its value (a float side, or a side fix cannot tell, in a module that takes the import). It leaves
(old-division-unknown-operands) a `/` whose sides may both be ints, and every other `/` of a module that cannot
take the import: one with such a `/`, one that runs code from strings (eval, exec, execfile, compile, called,
taken as values or from the builtins module, a copy of its namespace another module of the project makes too:
Python 2 compiles that code under the calling module's future imports), one with a class defining `__div__` without
`__truediv__`. Doctest examples in docstrings also keep the import out (diracmod.fix.futures reads them); their
`/` are not reported, the module's own stay old-division findings then.
"""
from __future__ import annotations

import ast
import re
import unicodedata

from diracmod.rules.py3k.builtin_uses import builtins_aliases
from diracmod.rules.py3k.division_types import FLOAT, INT, UNKNOWN, Divisions
from diracmod.rules.py3k.rebound import rebound_names
from diracmod.source.builtins_copy import (BUILTINS_MODULES, REBINDABLE, RUNNERS, builtins_runner, copy_references,
                                           own_reads, runner_value)
from diracmod.source.scopes import Scope, class_body_bindings
from diracmod.source.statements import statements
from diracmod.source.tables import PATH_CLASSES, PATH_METHODS
from diracmod.source import doctest_strings, module_nodes

# Python 2 compiles the code RUNNERS are given under the calling module's future imports (source/builtins_copy.py);
# those that may compile statements: a print statement (print_function) or an implicit relative import
# (absolute_import: `exec "import sibling"` in a package finds the sibling only without it)
_STATEMENTS = ("exec", "execfile", "compile")
# One of those names as a name of its own (not an attribute: `re.compile`) in a module's text: there is no call of
# one without it, once the text is in NFKC form as Python reads identifiers (`\uff45val` is eval). NFKC keeps an
# identifier's neighbours: in valid code they are ASCII (operators, brackets, spaces, quotes), whatever the rest is.
_NAMES_INHERITING = re.compile(rf"(?<![\w.])(?:{'|'.join(RUNNERS)})(?!\w)")
_NO_STRINGS = {"division": "", "print_function": "", "absolute_import": "", "globals": ""}
_DIVISION_METHODS = {"__div__": "__truediv__", "__rdiv__": "__rtruediv__", "__idiv__": "__itruediv__"}
_NOT_NUMBERS = (ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp)
MAY_DIVIDE_INTS = "both sides may be ints"


def sides(node):
    return (node.target, node.value) if isinstance(node, ast.AugAssign) else (node.left, node.right)


def division_may_change(operands, scope) -> bool:
    """No float literal side (old and true division agree then), no side that is provably no number: the
    `/` that old-division reports in a module without the division future import."""
    return not any(isinstance(side, ast.Constant) and isinstance(side.value, float) for side in operands) \
        and not any(not_a_number(side, scope) for side in operands)


def not_a_number(node, scope) -> bool:
    """An operand that is provably no number, so `/` is no division whose meaning Python 3 changes:
    a string, a display, a pathlib path (`Path(p) / "name"` joins paths on both Pythons)."""
    return (isinstance(node, _NOT_NUMBERS) or _is_path(node, scope)
            or isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def _is_path(node, scope) -> bool:
    """`Path(...)`, `Path.cwd()`, `path.parent`, `path.with_suffix(...)` and `path / x` of such a path."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _is_path(node.left, scope) or _is_path(node.right, scope)
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        return _is_path(node.value, scope)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if scope.qualified_name(func) in PATH_CLASSES:
        return True
    return isinstance(func, ast.Attribute) and func.attr in PATH_METHODS and (
        _is_path(func.value, scope) or scope.qualified_name(func.value) in PATH_CLASSES)


def where(node) -> tuple:
    """Where a `/` or `/=` is, as kinds() keys it: its expression's start and end (line, byte column). Not the start
    alone: in a chain `7 / 2 / y` the outer `(7 / 2) / y` starts where the inner `7 / 2` does (tryout10 #11)."""
    return node.lineno, node.col_offset, node.end_lineno, node.end_col_offset


def kinds(divisions) -> dict:
    """{where(node) of every `/` and `/=`: INT, FLOAT or UNKNOWN} (rules/py3k/division_types.py)."""
    return {where(node): kind for node, kind in divisions}


def may_divide_ints(tree, divisions, ints_left: bool) -> list:
    """The `/` of `divisions` (Divisions(tree), listed) that would change under the division import: no float
    side, no side that is provably no number, and UNKNOWN or (`ints_left`) INT: without it, provable int ones are
    the fixer's, which makes them `//`."""
    scope = Scope(tree, None)  # module-level imports tell a pathlib Path (`Path(p) / "x"` joins paths)
    return [node for node, kind in divisions if (kind == UNKNOWN or ints_left and kind == INT)
            and not any(not_a_number(side, scope) for side in sides(node))]


def runs_strings(tree, text: str | None = None, project=None) -> dict:
    """{"division": ..., "print_function": ..., "absolute_import": ...}: why the module's own future import would
    reach code it runs from strings (the first use that does, in one walk), or "". `text`: the module's code, when
    the caller has it: a text that names none of those functions, nor the builtins module, nor a name `project`
    (the project index) says another module binds to the builtins' namespace, is not walked. A module
    that binds `input` itself (`from six.moves import input`, a def) calls no builtin input. And "globals": why the
    module's own strings of code see its module-level names (eval, exec, execfile, compile: not input, whose code is
    what a user types)."""
    names = None if text is None else text if text.isascii() else unicodedata.normalize("NFKC", text)
    doctests = _doctest_strings(tree) if names is None or "__test__" in names or _DOCTEST_RUNNER in names else ""
    if doctests:  # doctest compiles those examples, statements, under the module's future imports (tryout11 #10)
        return {"division": doctests, "print_function": doctests, "absolute_import": doctests, "globals": doctests}
    read = source_read(tree) if names is None or "getsource" in names or "findsource" in names \
        or "__file__" in names and ("open" in names or "getline" in names or "file(" in names) else ""
    copies = _named_copies(project, names)
    if names is not None and "builtin" not in names and not copies and not (
            any(name in names for name in RUNNERS) and _NAMES_INHERITING.search(names)):  # `in` first: faster
        return {**_NO_STRINGS, "print_function": read}
    found = dict(_NO_STRINGS)
    for name, why in _string_runners(tree, names is None or "builtin" in names, copies):
        found["division"] = found["division"] or why
        if name != "input":
            found["globals"] = found["globals"] or why
        if name in _STATEMENTS or name is None:
            found["print_function"] = found["absolute_import"] = why
            break  # the first statement runner comes after (or is) the first inheriting one
    found["print_function"] = found["print_function"] or read
    return found


def _named_copies(project, names: str | None) -> tuple:
    """The names of other modules of the project bound to the builtins module, its namespace or a copy of it
    (ProjectIndex.builtins_copies: "module key.name") that the module's text (`names`, None: unknown) holds as a
    word: not the module key, which `from . import SAFE` does not spell (tryout27 #2)."""
    copies = project.builtins_copies if project is not None else ()
    return tuple(copy for copy, name in ((copy, copy.split(".")[1]) for copy in copies)
                 if names is None or name in names and re.search(rf"(?<!\w){name}(?!\w)", names))


_SOURCE_READERS = frozenset({"getsource", "getsourcelines", "findsource"})


def source_read(tree) -> str:
    """Why the module's print_function may not reach its own code, or "": it reads its functions' source back as
    text (inspect.getsource, getsourcelines, findsource: as an attribute, `from inspect import getsource as gs`;
    its own file read, `linecache.getlines(__file__)`, `open(__file__)`: _reads_own_file),
    which whatever compiles it then (`ast.parse`, a restricting compiler) compiles without the module's future
    imports: `print("foo", file=out)` no longer parses there, `print(a, b)` prints a tuple (tryout17b #2). The
    module itself only: one another module reads (RestrictedPython's tests) is a known limit."""
    named = {alias.asname or alias.name for node in module_nodes.of_kind(tree, ast.ImportFrom)
             if node.module == "inspect" for alias in node.names if alias.name in _SOURCE_READERS}
    for call in module_nodes.of_kind(tree, ast.Call):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _SOURCE_READERS \
                or isinstance(func, ast.Name) and (func.id in _SOURCE_READERS or func.id in named) \
                or _reads_own_file(call):
            return (f"it reads its functions' source back (`{ast.unparse(func)}(...)`, line {call.lineno}), which "
                    f"compiles it without the module's future imports")
    return ""


_FILE_READERS = frozenset({"open", "file", "getline", "getlines"})  # open(), io/codecs.open, linecache's
_OTHER_FILE = ("dirname", "join", "split")  # `open(os.path.join(os.path.dirname(__file__), "data.txt"))`: another file


def _reads_own_file(call: ast.Call) -> bool:
    """`open(__file__)`, `linecache.getlines(__file__)`, `linecache.getline(__file__, n)` (`io.open`, `codecs.open`,
    `file(...)`, `open(__file__.rstrip("c"))`, `open(os.path.abspath(__file__))`): the module's own file read,
    its source (tryout18 #10); not a path made from its directory (dirname, join, split)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in _FILE_READERS or not call.args:
        return False
    first = call.args[0]
    return any(isinstance(node, ast.Name) and node.id == "__file__" for node in ast.walk(first)) \
        and not any(isinstance(node, ast.Attribute) and node.attr in _OTHER_FILE
                    or isinstance(node, ast.Name) and node.id in _OTHER_FILE for node in ast.walk(first))


_DOCTEST_RUNNER = "run_docstring_examples"


def _spelled_otherwise(node) -> str:
    """Which of `__test__` and run_docstring_examples `node` names otherwise than as the variable `__test__`
    (whose assignments _doctest_strings reads), or "": an imported name or its alias (`from t import __test__`, `from
    doctest import run_docstring_examples as rde`), an attribute (`sys.modules[__name__].__test__ = ...`,
    `run = doctest.run_docstring_examples`), a string of just the name (`globals()['__test__'] = ...`,
    `setattr(module, '__test__', ...)`, `getattr(doctest, 'run_docstring_examples')`), a keyword, parameter,
    function or class name, and the variable run_docstring_examples itself. Any of them may bind `__test__` to
    anything, or run examples under the flags of the globals given (tryout12 #4). A limit: a name built at run time
    (`getattr(doctest, 'run_' + kind)`) is not seen."""
    if isinstance(node, ast.alias):
        words = {*node.name.split("."), node.asname}
    elif isinstance(node, ast.Attribute):
        words = {node.attr}
    elif isinstance(node, ast.Constant):
        words = {node.value} if isinstance(node.value, str) else ()
    elif isinstance(node, (ast.keyword, ast.arg)):
        words = {node.arg}
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        words = {node.name}
    else:
        words = {node.id} if isinstance(node, ast.Name) and node.id == _DOCTEST_RUNNER else ()
    return next((name for name in ("__test__", _DOCTEST_RUNNER) if name in words), "")


def _doctest_strings(tree) -> str:
    """Why doctest may run examples of the module that fix cannot read under its future imports, or "": the module
    binds `__test__` to anything but a dict display of string literals (`{"x": DOC}`, `dict(x="...")`,
    `{"h": other.helper}`: doctest compiles every `__test__` entry, another module's function too, under the
    testing module's flags), or calls doctest.run_docstring_examples (which compiles the examples of the object it is
    given under the flags of the globals it is given: the module's own, `globals()`). A limit: other runners given
    the module's globals (`DocTestRunner` with compileflags read from them) are not seen."""
    test = doctest_strings.test_not_literal(tree)  # the first in module_nodes.walk's order, as this loop's
    for node in module_nodes.walk(tree):
        spelled = _spelled_otherwise(node)  # tryout12 #4
        if spelled:
            how = ("may bind __test__ otherwise than by an assignment" if spelled == "__test__"
                   else "reaches doctest.run_docstring_examples otherwise than by calling it by that name")
            return (f"the module {how} (line {getattr(node, 'lineno', 1)}, `{spelled}` as an import, attribute, "
                    f"string or name): doctest may compile doctest examples fix cannot read under the module's "
                    f"future imports")
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Name) and func.id == _DOCTEST_RUNNER \
                or isinstance(func, ast.Attribute) and func.attr == _DOCTEST_RUNNER:
            return (f"the module calls doctest.run_docstring_examples (line {node.lineno}): doctest compiles the "
                    f"doctest examples of what it is given under the future imports of the globals it is given")
        if node is test:
            return (f"the module binds __test__ (line {node.lineno}) to other than a dict of string literals: "
                    f"doctest compiles the doctest examples of its entries (another module's functions "
                    f"too) under the module's future imports")
    return ""


def _string_runners(tree, via_builtins: bool, copies: tuple = ()):
    """(name, why) for each use of a function of RUNNERS, in ast.walk's order (a parent before its children):
    a call of its bare name; its name taken as a value (`ev = eval`, `map(eval, ...)`, `{"e": eval}`: however it is
    called then, from the module's code or from C, Python 2 compiles under the calling frame's future imports); one
    reached through the builtins module (`__builtin__.eval`, `from __builtin__ import execfile`, `getattr(__builtin__,
    "eval")`, `vars(__builtin__)["eval"]`, `__builtins__["eval"]`, `sys.modules["__builtin__"].eval`). name is None
    where the key is no literal (`getattr(__builtin__, name)`) or the namespace is copied (`dict(vars(__builtin__))`):
    any of them. (tryout10 #7) `via_builtins`: may the
    module name the builtins module (its text says "builtin")? `copies`: names other modules of the project bind to
    the builtins module, its namespace or a copy of it (_named_copies): an import or attribute reaching one counts as
    the module's own copy does, name None (tryout27 #2)."""
    own_input = "input" in rebound_names(tree)
    called = _own_reads(tree)  # id of each bare name called, and of each read of a function the module binds itself
    aliases = None
    imported = copy_references(tree, copies) if copies else {}
    for node in module_nodes.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and id(node.func) not in called:
            called.add(id(node.func))
            if node.func.id in RUNNERS and not _dont_inherit(node) and not (own_input and node.func.id == "input"):
                yield node.func.id, (f"the module calls {node.func.id}() (line {node.lineno}): Python 2 compiles "
                                     f"that code under the module's future imports")
                continue
        if isinstance(node, ast.Name):
            if not runner_value(node, called) or own_input and node.id == "input":
                continue
            name, how = node.id, "takes {} as a value"
        elif isinstance(node, ast.ImportFrom) and node.module in BUILTINS_MODULES and not node.level:
            name = next((alias.name for alias in node.names if alias.name in RUNNERS), "")
            how = "imports {} from the builtins module"
        elif id(node) in imported:  # another module's copy: `from safeenv import SAFE`, `safeenv.SAFE`
            name, how = None, "reaches {} through the builtins module"
        elif via_builtins:
            if aliases is None:
                aliases = builtins_aliases(tree)
            name = builtins_runner(node, aliases)
            how = "reaches {} through the builtins module"
        else:
            continue
        if name != "":
            what = "a function running code from strings" if name is None else name
            yield name, (f"the module {how.format(what)} (line {node.lineno}): Python 2 compiles the code it runs "
                         f"under the calling module's future imports")


def _own_reads(tree) -> set:
    """own_reads (diracmod/source/builtins_copy.py) of the names of REBINDABLE the module binds: walked only where
    it binds one (rebound_names, computed once a tree)."""
    return own_reads(tree, rebound_names(tree) & REBINDABLE)


def module_strings(ctx) -> dict:
    """runs_strings of the module the walker's `ctx` reads, computed once (the absolute_import rule asks, and check's
    engine after the walk: diracmod/check/engine.py)."""
    if "runs-strings" not in ctx.cache:
        ctx.cache["runs-strings"] = runs_strings(ctx.tree, ctx.text, ctx.project)
    return ctx.cache["runs-strings"]


def _dont_inherit(call: ast.Call) -> bool:
    """compile(..., dont_inherit=True), by keyword or as the fifth argument."""
    if call.func.id != "compile":
        return False
    fifth = call.args[4] if len(call.args) > 4 else None
    flag = next((keyword.value for keyword in call.keywords if keyword.arg == "dont_inherit"), fifth)
    return isinstance(flag, ast.Constant) and flag.value is True


def div_without_truediv(tree) -> str:
    """A class of the module binding `__div__` (`__rdiv__`, `__idiv__`) and not `__truediv__` (`__rtruediv__`,
    `__itruediv__`) in its body, in any form (scopes.class_body_bindings: chained or tuple targets, a loop target, an
    exec: tryout12 #2), or one of them attached to a class outside its body (`C.__div__ = f`, `setattr(C, '__div__',
    f)`), or ""."""
    for node in statements(tree):
        if isinstance(node, ast.ClassDef):
            defined = {binding.name for binding in class_body_bindings(node)}
            if any(old in defined and new not in defined for old, new in _DIVISION_METHODS.items()):
                return node.name
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in getattr(node, "targets", None) or [node.target]:
                if isinstance(target, ast.Attribute) and target.attr in _DIVISION_METHODS:
                    return ast.unparse(target.value)
    for node in module_nodes.of_kind(tree, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "setattr" and len(node.args) >= 2 \
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in _DIVISION_METHODS:
            return ast.unparse(node.args[0])
    return ""


def project_div_class(typed, divisions, project, line_of=None) -> str:
    """Why a `/` with a float side may divide an object of a class of another module of the project that binds
    `__div__` (`__rdiv__`, `__idiv__`) and not `__truediv__` (`__rtruediv__`, `__itruediv__`) in its body
    (diracmod/source/project_index/, read by check and fix alike: `project`), or "": under the division import
    Python 2 calls the missing method for that object (TypeError), where the other side is of unknown origin (a
    parameter, an attribute, a call: not a number for certain). `typed`: the module's Divisions, `divisions`: it
    listed; `line_of`: as no_division_import's. A class of a library outside the project is not seen (tryout11 #7:
    README's known limits)."""
    return next(iter(project_div_divisions(typed, divisions, project, line_of).values()), "")


def project_div_divisions(typed, divisions, project, line_of=None) -> dict:
    """where(node) -> why (project_div_class) for each `/` with a float side that may divide an object of a project
    class binding a division method without its counterpart: each keeps the division import out, and check reports
    each as old-division-unknown-operands, `x / 2.0` too, which old and true division otherwise compute alike
    (tryout12 #3)."""
    found: dict = {}
    if project is None or not project.entries:
        return found
    for node, kind in divisions:
        if kind != FLOAT:
            continue
        left, right = typed.unsure_sides(node)
        methods = (("__idiv__", "__div__") if isinstance(node, ast.AugAssign) else ("__div__",)) if left else ()
        for method in methods + (("__rdiv__",) if right else ()):
            where_ = project.why(method)
            if where_:
                found[where(node)] = (
                    f"the `/` on line {(line_of or int)(node.lineno)} has a side of unknown origin, which may be an object of a "
                    f"class of the project defining {method} without {_DIVISION_METHODS[method]} ({where_}): "
                    f"under division Python 2 calls the missing {_DIVISION_METHODS[method]} for it")
                break
    return found


def no_division_import(tree, divisions, ints_left: bool, strings: dict | None = None, typed=None,
                       project=None, line_of=None) -> str:
    """Why `from __future__ import division` cannot be added to the module (its doctest examples aside), or "".
    `strings`: runs_strings(tree) if the caller has it; `typed`: the Divisions `divisions` lists, `project`: the
    project's index (project_div_class); `line_of`: the line of the file as read that a line of `tree` comes from,
    where `tree` is a rewrite of it (fix's stages add lines above: tryout13 #4)."""
    ints = may_divide_ints(tree, divisions, ints_left)
    line_of = line_of or (lambda line: line)
    if ints:
        return (f"the `/` on line {line_of(ints[0].lineno)} may divide two ints, so the module cannot take the "
                f"division import")
    strings = (runs_strings(tree, project=project) if strings is None else strings)["division"]
    if strings:
        return strings
    only_div = div_without_truediv(tree)
    if only_div:
        return (f"class {only_div} defines __div__ but not __truediv__: under division a `/` on it "
                f"calls the missing __truediv__ on Python 2 too")
    return project_div_class(typed, divisions, project, line_of) if typed is not None else ""


class LeftForAPerson:
    """The `/` of one module that fix leaves, for the detector, computed once."""

    def __init__(self, tree, project=None):
        typed = Divisions(tree)
        divisions = list(typed)
        self.kinds = kinds(divisions)
        self.module = no_division_import(tree, divisions, ints_left=False, typed=typed, project=project) if any(
            kind == FLOAT for kind in self.kinds.values()) else ""  # only FLOAT ones need the import
        self.project = project_div_divisions(typed, divisions, project) if self.module else {}

    def project_class(self, node) -> str:
        """Why this `/` with a float literal side (`x / 2.0`: no old-division finding, old and true division agree on
        numbers) is left all the same, or "": it may divide an object of a project class with `__div__` alone
        (project_div_divisions), and fix keeps the division import out (tryout12 #3: check and fix agree)."""
        return self.project.get(where(node), "")

    def why(self, node) -> str:
        """Why fix leaves this reported `/` (old-division-unknown-operands), or "" (old-division: fix rewrites it:
        `//` between ints, else the division import)."""
        kind = self.kinds.get(where(node), UNKNOWN)
        return "" if kind == INT else MAY_DIVIDE_INTS if kind == UNKNOWN else self.module

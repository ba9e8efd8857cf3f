"""tryout20b #5: "runs code from strings" (no-absolute-import-code-from-strings DM176, and the division and
print_function decisions of diracmod.fix.futures) took any call of a name `compile` (eval, execfile, input) for the
builtin, even where the module binds that name itself: Storm's SQL compiler `compile = Compile()`, imported as `from
storm.expr import compile`, a module-level `def compile`, a parameter. Such a module got none of the future imports,
check reported DM176 there, and the reason given was false. A name the scope of the call binds is not the builtin;
Storm's handlers take the compiler as a parameter, `def compile_insert(compile, insert, state)`. A real builtin call
(or one the module reaches by `from __builtin__ import compile`, or takes as a parameter's default: `def run(s,
eval=eval)`) still keeps the imports out.
`exec` is a keyword of Python 2: no binding hides it."""
from __future__ import annotations

import ast

import pytest

from diracmod.rules.py3k.division import runs_strings
from diracmod.source.parse import parse
from tests.fix.helpers import fixed_file_runs_alike, fixed_in_place, python2_output

EXPR = ("class Compile(object):\n"
        "    def __call__(self, expr):\n"
        "        return 'SQL(%s)' % (expr,)\n"
        "compile = Compile()\n")
DB = ("from pkg.expr import compile\n"
      "def run(x):\n"
      "    print 'running', compile(x)\n"
      "    return len(x) / 2\n"
      "class Database(object):\n"
      "    compile = compile\n"
      "    def go(self, x):\n"
      "        return self.compile(x)\n")
MAIN = ("from pkg import db\n"
        "print db.run('abcde'), db.Database().go(3)\n")
FUTURES = [f"from __future__ import {name}\n" for name in ("absolute_import", "division", "print_function")]


def _project(tmp_path, db: str):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "expr.py").write_text(EXPR)
    (tmp_path / "pkg" / "db.py").write_text(db)
    (tmp_path / "main.py").write_text(MAIN)


def test_a_module_s_own_imported_compile_takes_the_future_imports_and_runs_alike(tmp_path):
    _project(tmp_path, DB)
    before = python2_output(tmp_path, "main.py")
    assert before == "running SQL(abcde)\n2 SQL(3)\n"
    fixed = fixed_in_place(tmp_path / "pkg" / "db.py")
    assert all(line in fixed for line in FUTURES) and "print('running', compile(x))" in fixed and "len(x) // 2" in fixed
    assert python2_output(tmp_path, "main.py") == before


def test_a_builtin_compile_still_keeps_the_future_imports_out(tmp_path):
    db = DB.replace("from pkg.expr import compile\n", "")
    db = db.replace("print 'running', compile(x)\n    return len(x) / 2",
                    "return eval(compile(x, 's', 'eval')), len(x) / 2")
    _project(tmp_path, db)
    (tmp_path / "main.py").write_text("from pkg import db\nprint db.run('7/2')\n")
    before = python2_output(tmp_path, "main.py")
    assert before == "(3, 1)\n"
    fixed = fixed_in_place(tmp_path / "pkg" / "db.py")
    assert "from __future__" not in fixed
    assert python2_output(tmp_path, "main.py") == before


def test_a_parameter_holding_the_builtin_keeps_division_out(tmp_path):
    code = "def half(s, eval=eval):\n    return eval(s)\nprint half('7/2'), len('abc') / 2\n"
    fixed, before = fixed_file_runs_alike(tmp_path, {"m.py": code}, "m.py", "m.py")
    assert before == "3 1\n" and "division" not in fixed


OWN = [  # (code, the name of the function the module binds itself)
    ("def compile_insert(compile, insert, state):\n    return compile(insert, state)\n", "compile"),  # Storm's
    ("from pkg.expr import compile\nx = compile(1)\n", "compile"),
    ("import os\ndef compile(pattern):\n    return pattern.upper()\ndef f(x):\n    return compile(x), len(x) / 2\n",
     "compile"),
    ("from fabric.api import execfile\nexecfile('fabfile.py')\n", "execfile"),
    ("class Database(object):\n    compile = None\nfrom pkg.expr import compile\n"
     "class Other(object):\n    compile = compile\n", "compile"),
    ("def f():\n    compile = make()\n    return [compile(x) for x in 'ab']\n", "compile"),
]


@pytest.mark.parametrize("code, name", OWN, ids=[f"{name}-{n}" for n, (_, name) in enumerate(OWN)])
def test_a_function_the_module_binds_itself_runs_no_code_from_strings(code, name):
    assert runs_strings(ast.parse(code), code) == {"division": "", "print_function": "", "absolute_import": "",
                                                   "globals": ""}


BUILTIN = [  # the builtin for all the module binds
    "compile('x', 's', 'exec')\ncompile = None\n",  # read before the module-level binding
    "def f():\n    return compile('x', 's', 'exec')\ndef g(compile):\n    return compile\n",  # another scope's
    "from __builtin__ import compile\ncompile('x', 's', 'exec')\n",
    "class C(object):\n    def compile(self):\n        return compile('x', 's', 'exec')\n",  # a method's name
    "def f():\n    global compile\n    compile = None\ncompile('x', 's', 'exec')\n",
    "def f(compile=compile('x', 's', 'exec')):\n    return compile\n",  # a default is read around the def
    "g = (compile for compile in [compile('x', 's', 'exec')])\n",  # a first iterable is read around it
    "exec 'x = 1'\n",
    # a parameter's default (the old speed idiom) is read around the def: the builtin taken as a value
    "def g(s, eval=eval):\n    return eval(s)\n",
    "f = lambda s, eval=eval: eval(s)\n",
]


@pytest.mark.parametrize("code", BUILTIN, ids=range(len(BUILTIN)))
def test_the_builtin_compile_still_runs_code_from_strings(code):
    found = runs_strings(parse(code).tree, code)  # Python 2's exec statement reads as a call of exec
    assert found["division"] and found["globals"]
    assert "eval" in code or found["absolute_import"] and found["print_function"]  # eval compiles an expression

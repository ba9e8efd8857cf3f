"""A copy of the builtins' namespace made by another module of the project (tryout27 #2): `safeenv.py` binds `SAFE =
dict(vars(__builtin__))`, `a.py` imports it and calls `SAFE["eval"](expr)`. Python 2 compiles the string under the
future imports of the module calling eval, a.py's: `from __future__ import division` there made `7/2` 3.5. The
project index holds the module-level names bound to such a copy (ProjectIndex.builtins_copies), and a module
reaching one, however it imports it, keeps the future imports out as a module making the copy itself does
(rules/py3k/division.py); check reports its `/` for a person alike."""
from __future__ import annotations

import pytest

from diracmod.source.project_index import build
from tests.fix.helpers import fix_unsafe, project_dir, py3k_findings, python2_output

SAFEENV = "import __builtin__\nSAFE = dict(vars(__builtin__))\ndel SAFE['open']\nLIMIT = 10\n"
# a rewrite (0644 -> 0o644) makes fix add the future imports; a `/` fix would leave alike with them (old-division
# reported), that it says why it leaves without
EVALUATE = ("{imports}\nimport sys\nMODE = 0644\nHALF = float(MODE) / 2\ndef evaluate(expr):\n    return {call}\n"
            "sys.stdout.write('%s\\n' % evaluate('7/2'))\n")
REASON = ("the module reaches a function running code from strings through the builtins module (line {line}): "
          "Python 2 compiles the code it runs under the calling module's future imports")


def _fixed_alike(root, name: str, main: str) -> str:
    """python2.7 -B prints `3` running `main` before and after `fix --write` of the project; fix's output."""
    assert python2_output(root, main) == "3\n"
    output = fix_unsafe(root, ".")
    assert python2_output(root, main) == "3\n", (root / name).read_text()
    assert "import division" not in (root / name).read_text()
    return output


def test_the_reproducer_with_its_print_is_left_as_it_is(tmp_path, monkeypatch):
    """tryout27 #2: eval, compile or execfile taken from the copy (any of them) may run print statements too, so the
    print statement's call would need print_function, which the copy keeps out as the module's own copy does."""
    code = "from safeenv import SAFE\ndef evaluate(expr):\n    return SAFE['eval'](expr)\nprint(evaluate('7/2'))\n"
    root = project_dir(tmp_path, monkeypatch, {"safeenv.py": SAFEENV, "a.py": code})
    assert python2_output(root, "a.py") == "3\n"
    output = fix_unsafe(root, ".", codes=(1,))
    assert (root / "a.py").read_text() == code and python2_output(root, "a.py") == "3\n"
    assert f"a.py: the print statements made calls need print_function, and {REASON.format(line=1)}" in output


@pytest.mark.parametrize("imports, call", [
    ("from safeenv import SAFE", "SAFE['eval'](expr)"),
    ("from safeenv import SAFE as ns", "ns.get('eval')(expr)"),
    ("import safeenv", "safeenv.SAFE['eval'](expr)"),
    ("import safeenv as env", "env.SAFE[chr(101) + 'val'](expr)"),
    ("from safeenv import *", "SAFE['eval'](expr)"),
])
def test_a_module_reaching_a_siblings_builtins_copy_keeps_division_out(tmp_path, monkeypatch, imports, call):
    root = project_dir(tmp_path, monkeypatch, {"safeenv.py": SAFEENV,
                                               "a.py": EVALUATE.format(imports=imports, call=call)})
    output = _fixed_alike(root, "a.py", "a.py")
    line = 1 if imports.startswith("from") else 6  # the import of the name, or the module's attribute read
    assert f"a.py: `from __future__ import division` not added: {REASON.format(line=line)}" in output


@pytest.mark.parametrize("imports, call", [
    ("from safeenv import SAFE", "SAFE['eval'](expr)"),  # Python 2's implicit relative import
    ("from .safeenv import SAFE", "SAFE['eval'](expr)"),
    ("from . import safeenv", "safeenv.SAFE['eval'](expr)"),
    ("from pkg.safeenv import SAFE", "SAFE['eval'](expr)"),
    ("import pkg.safeenv", "pkg.safeenv.SAFE['eval'](expr)"),
    ("from pkg import safeenv as env", "env.SAFE['eval'](expr)"),
])
def test_in_a_package_every_spelling_of_the_import(tmp_path, monkeypatch, imports, call):
    root = project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/safeenv.py": SAFEENV,
                                               "pkg/a.py": EVALUATE.format(imports=imports, call=call),
                                               "main.py": "import pkg.a\n"})
    _fixed_alike(root, "pkg/a.py", "main.py")


@pytest.mark.parametrize("made", [
    "import __builtin__\nSAFE = __builtin__.__dict__.copy()\n",
    "import __builtin__ as b\nSAFE = {}\nSAFE.update(vars(b))\n",
    "try:\n    import builtins\nexcept ImportError:\n    import __builtin__ as builtins\nSAFE = vars(builtins)\n",
    "import six.moves.builtins as bi\nSAFE = bi\n",
    # tryout29 #11: in a tuple or list assignment
    "import __builtin__\nSAFE, LIMIT = dict(vars(__builtin__)), 10\n",
    "import __builtin__\n[LIMIT, (SAFE, N)] = [10, (__builtin__, 1)]\n",
])
def test_each_way_the_sibling_binds_the_builtins(tmp_path, monkeypatch, made):
    call = "getattr(SAFE, 'eval')(expr) if not isinstance(SAFE, dict) else SAFE['eval'](expr)"
    root = project_dir(tmp_path, monkeypatch, {"safeenv.py": made,
                                               "a.py": EVALUATE.format(imports="from safeenv import SAFE", call=call)})
    _fixed_alike(root, "a.py", "a.py")


def test_the_index_holds_the_module_level_names_bound_to_the_builtins(tmp_path, monkeypatch):
    root = project_dir(tmp_path, monkeypatch, {
        "safeenv.py": SAFEENV, "pkg/__init__.py": "import __builtin__ as B\nNS = vars(B)\n",
        "local.py": "import __builtin__\ndef run(s):\n    ns = dict(vars(__builtin__))\n    return ns['eval'](s)\n",
        "other.py": "SAFE = dict(vars(object))\nimport __builtin__\nN = __builtin__.len\n",
        "pairs.py": "import __builtin__\nNS, N = vars(__builtin__), 1\n(B, (C, M)) = (__builtin__, (dict(NS), 2))\n"
                    "P, Q = 1, dict(vars(object))\n"})
    index = build(str(root), (), 1_000_000)
    assert index.builtins_copies == ("local.__builtin__", "other.__builtin__", "pairs.B", "pairs.C", "pairs.NS",
                                     "pairs.__builtin__", "pkg.B", "pkg.NS", "safeenv.SAFE", "safeenv.__builtin__")
    assert "copy=safeenv.SAFE" in index.context(b"from safeenv import SAFE") \
        and "copy=" not in index.context(b"from safeenv import LIMIT")


@pytest.mark.parametrize("imports", ["from safeenv import LIMIT", "import safeenv\nLIMIT = safeenv.LIMIT"])
def test_other_names_of_that_module_do_not(tmp_path, monkeypatch, imports):
    code = f"{imports}\nprint(LIMIT * 2.0 / 4)\n"
    root = project_dir(tmp_path, monkeypatch, {"safeenv.py": SAFEENV, "a.py": code})
    assert python2_output(root, "a.py") == "5.0\n"
    fix_unsafe(root, ".")
    assert "import division" in (root / "a.py").read_text()
    assert python2_output(root, "a.py") == "5.0\n"


SAFE_RATIO = "from safeenv import SAFE\nMODE = 0644\n\n\ndef ratio(a, b):\n    return float(a) / b\n"


def test_check_reports_the_division_left_for_the_same_reason(tmp_path, monkeypatch, capsys):
    """check's old-division-unknown-operands for a `/` fix would make true division with the import, which the
    import of the copy keeps out; no-absolute-import's reason is the same one."""
    root = project_dir(tmp_path, monkeypatch, {"safeenv.py": SAFEENV, "a.py": SAFE_RATIO})
    rows = {row["symbol"]: row for row in py3k_findings(capsys, root / "a.py")}
    assert rows["old-division-unknown-operands"]["line"] == 6 and not rows["old-division-unknown-operands"]["fixable"]
    assert REASON.format(line=1) in rows["old-division-unknown-operands"]["message"]
    assert "no-absolute-import" not in rows and "no-absolute-import-code-from-strings" in rows
    output = fix_unsafe(root, ".")
    assert f"a.py: `from __future__ import division` not added: {REASON.format(line=1)}" in output


# tryout28 #3: a module-level name of another module bound to eval itself (or to a value naming it: a table, a def
# returning it, a class whose body binds it) is reached as a copy of the builtins is
@pytest.mark.parametrize("utils, imports, call", [
    ("evaluate = eval\n", "from calc.utils import evaluate as ev", "ev(expr)"),
    ("TOOLS = {'eval': eval, 'abs': abs}\n", "from calc.utils import TOOLS", "TOOLS['eval'](expr)"),
    ("RUN = [eval]\n", "from calc import utils", "utils.RUN[0](expr)"),
    ("def make():\n    return eval\n", "from calc.utils import make", "make()(expr)"),
    ("make = lambda: eval\n", "from calc.utils import make as m", "m()(expr)"),
    ("class Engine(object):\n    run = staticmethod(eval)\n", "from calc.utils import Engine", "Engine.run(expr)"),
    ("class Engine(object):\n    pass\nEngine.run = staticmethod(eval)\n", "import calc.utils",
     "calc.utils.Engine.run(expr)"),
    ("evaluate = eval\nev = evaluate\n", "from .utils import ev", "ev(expr)"),
    # tryout29 #2: eval taken from the builtins module (an attribute, getattr, a key of its namespace), as the
    # module's own use of it is seen (rules/py3k/division.py)
    ("import __builtin__\nevaluate = __builtin__.eval\n", "from calc.utils import evaluate as ev", "ev(expr)"),
    ("import __builtin__\nevaluate = __builtin__.eval\n", "from calc import utils", "utils.evaluate(expr)"),
    ("from six.moves import builtins\nevaluate = builtins.eval\n", "from calc.utils import evaluate as ev",
     "ev(expr)"),
    ("import __builtin__\nBE = getattr(__builtin__, 'eval')\n", "from calc import utils", "utils.BE(expr)"),
    ("import __builtin__\nBE = __builtin__.__dict__['eval']\n", "from calc.utils import BE", "BE(expr)"),
    ("import __builtin__ as b\nBE = vars(b)['eval']\n", "import calc.utils", "calc.utils.BE(expr)"),
    ("import __builtin__\nNS = vars(__builtin__)\nTOOLS = {'e': NS['eval']}\n", "from calc.utils import TOOLS",
     "TOOLS['e'](expr)"),
    ("import __builtin__\nclass Engine(object):\n    run = staticmethod(__builtin__.eval)\n",
     "from calc.utils import Engine", "Engine.run(expr)"),
    ("import __builtin__\ndef make():\n    return getattr(__builtin__, 'eval')\nev = make\n",
     "from calc.utils import ev", "ev()(expr)"),
    ("from __builtin__ import eval as evaluate\n", "from calc.utils import evaluate as ev", "ev(expr)"),
    # tryout29 #11: a tuple or list assignment, its names paired with the value's items
    ("ev4, other = eval, 1\n", "from calc.utils import ev4", "ev4(expr)"),
    ("(ev4, other) = (eval, 1)\n", "from calc import utils", "utils.ev4(expr)"),
    ("[ev4, other] = [eval, 1]\n", "from calc.utils import ev4", "ev4(expr)"),
    ("other, ev4 = 1, eval\n", "from calc.utils import ev4", "ev4(expr)"),
    ("import __builtin__\nother, (ev4, more) = 1, (__builtin__.eval, 2)\n", "from calc.utils import ev4",
     "ev4(expr)"),
])
def test_a_siblings_name_bound_to_eval_keeps_division_out(tmp_path, monkeypatch, utils, imports, call):
    root = project_dir(tmp_path, monkeypatch, {"calc/__init__.py": "", "calc/utils.py": utils,
                                               "calc/formula.py": EVALUATE.format(imports=imports, call=call),
                                               "run.py": "import calc.formula\n"})
    output = _fixed_alike(root, "calc/formula.py", "run.py")
    line = 6 if call.startswith(("utils.", "calc.")) else 1  # the module's attribute read, or the import of the name
    assert f"formula.py: `from __future__ import division` not added: {REASON.format(line=line)}" in output


def test_the_index_holds_the_names_bound_to_a_value_naming_eval(tmp_path, monkeypatch):
    root = project_dir(tmp_path, monkeypatch, {
        "utils.py": "import re\nevaluate = eval\nPAT = re.compile('a')\nONE = eval('1')\n"
                    "def make():\n    return eval\ndef run(s, compile):\n    return compile\n"
                    "def apply(s):\n    return eval(s)\nclass E(object):\n    run = staticmethod(execfile)\n"
                    "class F(object):\n    name = 'eval'\nG = E\ndef h(p):\n    input = p + 'x'\n    return input\n"
                    "K = lambda input: input.read()\n",
        "own.py": "def compile(s):\n    return s\nC = compile\nfrom re import compile as input\nI = input\n",
        "taken.py": "import __builtin__ as b\nE = b.execfile\nC = getattr(b, 'compile')\nI = vars(b)['input']\n"
                    "A = getattr(b, NAME)\nL = b.len\nONE = b.eval('1')\nTWO = getattr(b, 'eval')('2')\n"
                    "K = b.__dict__['len']\nfrom six.moves.builtins import input as ask, len\n",
        # Python 2's builtins hold no exec (a keyword): six's Python 3 branch
        "six.py": "from six.moves import builtins\nif PY3:\n    exec_ = getattr(builtins, 'exec')\n",
        # tryout29 #11: each name paired with its item; all the names where the value is no display of as many
        "pairs.py": "import __builtin__\nev4, other = eval, 1\n(P, Q) = (1, compile)\n"
                    "[R, (S, T)] = [execfile, (2, input)]\nU, V = W = eval, 1\n"
                    "X, Y = (eval, 1) if R else (1, 2)\nZ.run, z = staticmethod(eval), 1\nM, N = 1, 2\n"
                    "B1, B2 = __builtin__.execfile, 3\nC1, C2 = eval('1, 2')\n"})
    index = build(str(root), (), 1_000_000)
    assert index.builtins_copies == (
        "pairs.B1", "pairs.Q", "pairs.R", "pairs.T", "pairs.U", "pairs.W", "pairs.X", "pairs.Y", "pairs.Z",
        "pairs.__builtin__", "pairs.ev4", "six.builtins", "taken.A", "taken.C", "taken.E", "taken.I", "taken.ask",
        "taken.b", "utils.E", "utils.G", "utils.evaluate", "utils.make")


@pytest.mark.parametrize("utils", ["evaluate = eval\n", "import __builtin__\nevaluate = __builtin__.eval\n"])
def test_check_reports_the_division_left_for_a_siblings_eval(tmp_path, monkeypatch, capsys, utils):
    ratio = SAFE_RATIO.replace("from safeenv import SAFE", "from utils import evaluate")
    root = project_dir(tmp_path, monkeypatch, {"utils.py": utils, "a.py": ratio})
    rows = {row["symbol"]: row for row in py3k_findings(capsys, root / "a.py")}
    assert rows["old-division-unknown-operands"]["line"] == 6 and not rows["old-division-unknown-operands"]["fixable"]
    assert REASON.format(line=1) in rows["old-division-unknown-operands"]["message"]
    output = fix_unsafe(root, ".")
    assert f"a.py: `from __future__ import division` not added: {REASON.format(line=1)}" in output

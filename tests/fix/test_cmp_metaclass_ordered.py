"""tryout15 #1: cmp() of two *classes* whose metaclass, a class of another module of the project, defines rich
comparisons (plugin classes ordered by a `priority` attribute): Python 2's cmp(C, D) asks ==, < and > (the
metaclass's), and where all are false falls back to its default order (never 0 for two objects), where `(C > D) -
(C < D)` gives 0. The project index (diracmod/source/project_index/) counts a class whose metaclass (by its name:
`__metaclass__ = M` in the body, `@six.add_metaclass(M)`, a module's `__metaclass__ = M` for its classes without
bases, `six.with_metaclass(M, ...)`) orders as ordering itself, and the classes based on it: fix leaves the calls
(cmp-builtin-rich-comparisons, DM404), check reports them not fixable. A class whose metaclass defines no
comparison, or one with bases in a module binding `__metaclass__` (Python 2 builds it with its base's type), is
still rewritten."""
from __future__ import annotations

import json

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

META = """\
class Ordered(type):
    def __lt__(cls, other):
        return cls.priority < other.priority

    def __gt__(cls, other):
        return cls.priority > other.priority


class Registry(type):
    def __init__(cls, name, bases, body):
        type.__init__(cls, name, bases, body)
"""
DEFINED = {
    "pkg/body.py": ("from pkg.meta import Ordered\n\n\nclass BodyA(object):\n    __metaclass__ = Ordered\n"
                    "    priority = 1\n\n\nclass BodyB(object):\n    __metaclass__ = Ordered\n    priority = 1\n"),
    "pkg/decorated.py": ("import six\n\nfrom pkg import meta\n\n\n@six.add_metaclass(meta.Ordered)\n"
                         "class DecoA(object):\n    priority = 1\n\n\n@six.add_metaclass(meta.Ordered)\n"
                         "class DecoB(object):\n    priority = 1\n"),
    "pkg/module_level.py": ("from pkg.meta import Ordered\n\n__metaclass__ = Ordered\n\n\nclass OldA:\n"
                            "    priority = 1\n\n\nclass OldB:\n    priority = 1\n\n\n"
                            "class NewA(object):\n    priority = 1\n\n\nclass NewB(object):\n    priority = 1\n"),
    "pkg/derived.py": ("from pkg.body import BodyA\n\n\nclass SubA(BodyA):\n    pass\n\n\n"
                       "class SubB(BodyA):\n    pass\n"),
    "pkg/with_metaclass.py": ("import six\n\nfrom pkg.meta import Ordered\n\n\n"
                              "class WithA(six.with_metaclass(Ordered, object)):\n    priority = 1\n\n\n"
                              "class WithB(six.with_metaclass(Ordered, object)):\n    priority = 1\n"),
    "pkg/registered.py": ("from pkg.meta import Registry\n\n\nclass RegA(object):\n    __metaclass__ = Registry\n"
                          "    priority = 1\n\n\nclass RegB(object):\n    __metaclass__ = Registry\n"
                          "    priority = 1\n"),
}
CALLER = "from pkg.{module} import {a}, {b}\n\n\ndef go():\n    return cmp({a}, {b})\n"
ORDERED = {"body.py": ("body", "BodyA", "BodyB"), "decorated.py": ("decorated", "DecoA", "DecoB"),
           "module_level.py": ("module_level", "OldA", "OldB"), "derived.py": ("derived", "SubA", "SubB"),
           "with_metaclass.py": ("with_metaclass", "WithA", "WithB")}
PLAIN = {"registered.py": ("registered", "RegA", "RegB"), "new_style.py": ("module_level", "NewA", "NewB")}


@pytest.fixture
def project(tmp_path, monkeypatch):
    callers = {f"use_{name}": CALLER.format(module=module, a=a, b=b)
               for name, (module, a, b) in {**ORDERED, **PLAIN}.items()}
    return project_dir(tmp_path, monkeypatch, {"pkg/__init__.py": "", "pkg/meta.py": META, **DEFINED, **callers})


def _run(root, module: str) -> str:
    (root / "run.py").write_text(f"import sys\nimport {module}\nsys.stdout.write('%r\\n' % ({module}.go() != 0,))\n")
    return python2_output(root, "run.py")


@pytest.mark.parametrize("name", sorted(ORDERED))
def test_fix_leaves_cmp_of_classes_a_metaclass_orders_and_python2_runs_alike(project, capsys, name):
    module = f"use_{name[:-3]}"
    assert _run(project, module) == "True\n"
    main(["fix", "--write", str(project / f"{module}.py")])
    _, a, b = ORDERED[name]
    assert f"cmp({a}, {b})" in (project / f"{module}.py").read_text()
    assert _run(project, module) == "True\n", "Python 2 behaviour changed"


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_classes_whose_metaclass_does_not_order_them_are_still_rewritten(project, capsys, name):
    module = f"use_{name[:-3]}"
    assert _run(project, module) == "True\n"
    main(["fix", "--write", str(project / f"{module}.py")])
    _, a, b = PLAIN[name]
    assert f"({a} > {b}) - ({a} < {b})" in (project / f"{module}.py").read_text()
    assert _run(project, module) == "True\n"


def test_check_reports_them_not_fixable_as_fix_leaves_them(project, capsys):
    names = sorted(f"use_{name}" for name in {**ORDERED, **PLAIN})
    main(["check", "--no-cache", "--format", "json", *(str(project / name) for name in names)])
    found = sorted((f["path"].rsplit("/", 1)[-1], f["symbol"], f["fixable"])
                   for f in json.loads(capsys.readouterr().out) if "cmp" in f["symbol"])
    assert found == sorted([(f"use_{name}", "cmp-builtin-rich-comparisons", False) for name in ORDERED]
                           + [(f"use_{name}", "cmp-builtin", True) for name in PLAIN])
    main(["check", "--no-cache", "--format", "json", str(project / "use_body.py")])
    message = next(f["message"] for f in json.loads(capsys.readouterr().out) if "cmp" in f["symbol"])
    assert "`BodyA`" in message and "its metaclass" in message and "pkg/meta.py:2" in message, message

"""tryout12 #2 and #3: every binding form of a class-body name is read as a plain assignment is, in one place
(diracmod/source/scopes.py class_body_bindings, method_alias) that the alias rewrites, check's findings, the module's
own division import and the project index all use: a chained assignment (`__div__ = __rdiv__ = _d`), a nested or flat
tuple target, a loop target, an exec or `locals()[...]` in a class body. Where fix leaves a class's alias (DM161-165),
the modules dividing operands of unknown origin by a float keep the division import out as for a class of a module
outside the run; and check reports such a `/` (DM140) whenever fix keeps the import out for it, `x / 2.0` too."""
from __future__ import annotations

import json
import sys
import textwrap

import pytest

from diracmod.cli import main
from diracmod.core import config
from diracmod.fix.engine import fix_file
from diracmod.source import project_index

from tests.fix.helpers import everything, project_dir, python27, python2_output
from tests.fix.test_method_fixes import _run, findings

LIB = """\
def _d(self, o):
    return 'div'


class A(object):
    __div__, __rdiv__ = _d, _d


class B(object):
    pass


B.__div__ = _d


class C(object):
    (__div__, x), y = (_d, 1), 2


class E(object):
    __div__ = __rdiv__ = _d


class K(object):
    for __div__ in [_d]:
        pass


class G(object):
    exec '__div__ = _d'


class H(object):
    locals()['__div__'] = _d
"""
MAIN = """\
import sys
import lib


def half(x):
    return x / 2.0


def inv(x):
    return 1.0 / x


def idiv(x):
    x /= 2.0
    return x


out = []
for name in 'ABCEKGH':
    o = getattr(lib, name)()
    for f in (half, inv, idiv):
        try:
            out.append('%s.%s=%r' % (name, f.__name__, f(o)))
        except TypeError:
            out.append('%s.%s=TE' % (name, f.__name__))
sys.stdout.write(' '.join(out) + '\\n')
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, {"lib.py": LIB, "main.py": MAIN})


def _check(capsys, *paths) -> tuple:
    main(["check", "--no-cache", "-j", "1", "--format", "json", *paths])
    return [(f["path"].rsplit("/", 1)[-1], f["line"], f["symbol"], f["fixable"])
            for f in json.loads(capsys.readouterr().out)]


@pytest.mark.parametrize("run", [("main.py",), (".",)], ids=["main-alone", "whole-project"])
def test_classes_bound_in_every_form_keep_division_out_and_python2_runs_alike(project, capsys, run):
    """python2.7 before and after fix: main.py alone (lib.py's classes read by the project index; B's attached
    `__div__` and E's first target were indexed already and are left out here) or with lib.py in the run (B, K, G, H
    left by fix)."""
    if run == ("main.py",):
        (project / "lib.py").write_text(LIB.replace("B.__div__ = _d", "B.__neg__ = _d").replace(
            "__div__ = __rdiv__ = _d", "__neg__ = __rdiv__ = _d"))
    before = python2_output(project, "main.py")
    assert "A.half='div'" in before and "E.inv='div'" in before and "K.half='div'" in before \
        and "G.half='div'" in before and "H.half='div'" in before
    main(["fix", "--write", "-j", "1", *(str(project / path) for path in run)])
    capsys.readouterr()
    fixed = (project / "main.py").read_text()
    assert "import division" not in fixed and "absolute_import" in fixed
    assert python2_output(project, "main.py") == before
    assert main(["fix", "--check", "-j", "1", *(str(project / path) for path in run)]) == 0


def test_the_whole_project_aliases_what_it_can_and_leaves_the_rest_for_a_person(project, capsys):
    found = _check(capsys, str(project))
    lib = [(line, symbol, fixable) for path, line, symbol, fixable in found if path == "lib.py" and "div" in symbol]
    assert lib == [(6, "div-method", True), (6, "rdiv-method", True), (13, "div-method-name-taken", False),
                   (17, "div-method", True), (21, "div-method", True), (21, "rdiv-method", True),
                   (25, "div-method-name-taken", False), (30, "div-method-name-taken", False),
                   (34, "div-method-name-taken", False)]
    # check and fix agree: the float `/` and `/=` of main.py are left (B, K, G and H keep their __div__ alone),
    # DM140; `1.0 / x` is not (each __rdiv__ is aliased in the run: no class left with __rdiv__ alone)
    assert [(line, symbol, fixable) for path, line, symbol, fixable in found if path == "main.py" and "division" in
            symbol] == [(6, "old-division-unknown-operands", False), (14, "old-division-unknown-operands", False)]
    main(["fix", "--write", "-j", "1", str(project)])
    capsys.readouterr()
    text = (project / "lib.py").read_text()
    assert "    __div__ = __rdiv__ = _d\n    __truediv__ = __div__\n    __rtruediv__ = __rdiv__\n" in text
    assert "    (__div__, x), y = (_d, 1), 2\n    __truediv__ = __div__\n" in text
    assert "import division" not in (project / "main.py").read_text()


def _index(tmp_path, body: str, run=()) -> dict:
    (tmp_path / "setup.cfg").write_text("")
    (tmp_path / "m.py").write_text("def _d(self, o):\n    return 1\n\n\nclass C(object):\n"
                                   + textwrap.indent(textwrap.dedent(body), "    "))
    (tmp_path / "use.py").write_text("def f(x):\n    return x / 2.0\n")
    paths = [str(tmp_path / name) for name in run or ("use.py",)]
    return dict(project_index.for_config(config.load(tmp_path), paths).entries)


@pytest.mark.parametrize("body, outside, in_run", [
    ("__div__ = __rdiv__ = _d\n", {"__div__": "m.py:6", "__rdiv__": "m.py:6"}, {}),
    ("__div__, __rdiv__ = _d, _d\n", {"__div__": "m.py:6", "__rdiv__": "m.py:6"}, {}),
    ("(__div__, x), y = (_d, 1), 2\n", {"__div__": "m.py:6"}, {}),
    ("__div__, __rdiv__ = [_d] * 2\n", {"__div__": "m.py:6", "__rdiv__": "m.py:6"},
     {"__div__": "m.py:6", "__rdiv__": "m.py:6"}),  # no value per name: no div-method finding, no alias
    ("for __div__ in [_d]:\n    pass\n", {"__div__": "m.py:6"}, {"__div__": "m.py:6"}),
    ("exec '__idiv__ = _d'\n", {"__idiv__": "m.py:6"}, {"__idiv__": "m.py:6"}),
    ("locals()['__rdiv__'] = _d\n", {"__rdiv__": "m.py:6"}, {"__rdiv__": "m.py:6"}),
    ("def __div__(self, o):\n    return 1\n__div__ = staticmethod(__div__)\n", {"__div__": "m.py:6"},
     {"__div__": "m.py:6"}),  # bound twice: div-method-name-taken, no alias
    ("__div__ = __truediv__ = _d\n", {}, {}),
])
def test_every_binding_form_is_indexed_and_kept_in_a_run_where_fix_leaves_the_alias(tmp_path, body, outside, in_run):
    assert _index(tmp_path, body) == outside
    assert _index(tmp_path, body, run=("use.py", "m.py")) == in_run


def test_a_method_attached_outside_a_class_of_the_run_stays_indexed(tmp_path):
    """`B.__div__ = _d` is div-method-name-taken (fix adds no alias): a run fixing the file still indexes it."""
    (tmp_path / "setup.cfg").write_text("")
    (tmp_path / "m.py").write_text("def _d(self, o):\n    return 1\n\n\nclass B(object):\n    pass\n\n\n"
                                   "B.__div__ = _d\nsetattr(B, '__rdiv__', _d)\n")
    (tmp_path / "use.py").write_text("def f(x):\n    return x / 2.0\n")
    entries = dict(project_index.for_config(config.load(tmp_path), [str(tmp_path / "use.py"),
                                                                    str(tmp_path / "m.py")]).entries)
    assert entries == {"__div__": "m.py:9", "__rdiv__": "m.py:10"}


V2_LIB = "class E(object):\n    def __div__(self, o): return 1\n"
V2_MAIN = "import lib\ndef half(x):\n    return x / 2.0\nprint half(lib.E())\n"


def test_check_reports_the_float_division_fix_leaves_for_a_class_of_another_module(tmp_path, monkeypatch, capsys):
    """tryout12 #3: `x / 2.0` (no old-division finding: old and true division agree on numbers) in a module whose
    division import fix keeps out because a project class of another module has `__div__` alone: DM140 there, not
    fixable; the summary counts only what fix rewrites, and after fix only DM140 is left of the py3k findings."""
    (tmp_path / "setup.cfg").write_text("")
    (tmp_path / "lib.py").write_text(V2_LIB)
    (tmp_path / "main.py").write_text(V2_MAIN)
    monkeypatch.chdir(tmp_path)
    before = python2_output(tmp_path, "main.py")
    assert main(["check", "--no-cache", "-j", "1", "--select", "py3k", "main.py"]) == 1
    err = "".join(capsys.readouterr())
    assert "main.py:3: [DM140(old-division-unknown-operands), half]" in err and "(lib.py:2)" in err
    assert "[*] 2 fixable with `diracmod fix`" in err.splitlines()  # W1618 and E1601, not DM140
    main(["fix", "--write", "-j", "1", "main.py"])
    capsys.readouterr()
    fixed = (tmp_path / "main.py").read_text()
    assert "import division" not in fixed and "print_function" in fixed
    assert python2_output(tmp_path, "main.py") == before == "1\n"
    assert main(["check", "--no-cache", "-j", "1", "--select", "py3k", "main.py"]) == 1
    err = "".join(capsys.readouterr())
    assert "main.py:" in err and "DM140" in err and "fixable" not in err
    # the class given its alias: nothing keeps the division import out, no DM140 (x / 2.0 is then no finding)
    (tmp_path / "lib.py").write_text(V2_LIB + "    __truediv__ = __div__\n")
    main(["check", "--no-cache", "-j", "1", "--select", "py3k", "main.py"])
    assert "DM140" not in "".join(capsys.readouterr())


CHAINED = '''\
from __future__ import print_function


class M(object):
    __nonzero__ = _nz = lambda self: False


class G(object):
    def __iter__(self):
        return self
    next = _n = lambda self: 1


class K(object):
    for __nonzero__ in [lambda self: False]:
        pass


class X(object):
    exec('__nonzero__ = lambda self: False')


print(bool(M()), next(iter(G())), bool(K()), bool(X()))
'''


def test_chained_assignments_of_python2_methods_get_their_alias_other_forms_are_left(tmp_path):
    """`__nonzero__ = _nz = lambda self: False`, `next = _n = lambda self: 1`: W1629/W1653 and the alias after the
    statement, as for `__nonzero__ = ...` alone; a loop target and an exec in the class body are left
    (nonzero-method-name-taken). python2.7 unchanged, Python 3 calls the aliased ones."""
    assert [(f.line, f.symbol) for f in findings(CHAINED) if "method" in f.symbol] == [
        (5, "nonzero-method"), (11, "next-method-defined"), (15, "nonzero-method-name-taken"),
        (20, "nonzero-method-name-taken")]
    (tmp_path / "mod.py").write_text(CHAINED)
    fixed = fix_file(str(tmp_path / "mod.py"), everything()).new.decode()
    assert "    __nonzero__ = _nz = lambda self: False\n    __bool__ = __nonzero__\n" in fixed
    assert "    next = _n = lambda self: 1\n    __next__ = next\n" in fixed
    assert fixed.count("__bool__") == 1
    assert {f.symbol for f in findings(fixed) if "method" in f.symbol} == {
        "python2-method-aliased", "nonzero-method-name-taken"}
    expected = "False 1 False False\n"
    assert _run(python27(), CHAINED, tmp_path, "before2.py") == expected
    assert _run(python27(), fixed, tmp_path, "after2.py") == expected
    assert _run(sys.executable, fixed, tmp_path, "after3.py") == "False 1 True True\n"

"""tryout15 #4 (`fix --unsafe`): cmp-method's rewrite (W1630: @functools.total_ordering, __eq__ and __lt__ calling
__cmp__) is only for a class without rich comparisons; one the module attaches to a class outside its body
(`C.__lt__ = f`, `setattr(C, '__lt__', f)`) was not counted, and the added __gt__ of total_ordering changed `a > b`
on Python 2 (it was `b.__lt__(a)`, the attached one). --unsafe now leaves such a class with its note, reading the
comparisons attached outside a class body as DM404 does (rules/py3k/runtime.py, attached_to_classes: one scan for
both). The note names the line of the file as given to fix, not of the file as written (its added header lines)."""
from __future__ import annotations

import pytest

from diracmod.cli import main

from tests.fix.helpers import project_dir, python2_output

CLASS = """\
class C(object):
    def __init__(self, k, j):
        self.k, self.j = k, j
    def __cmp__(self, other):
        return cmp(self.k, other.k)
"""
DRIVER = "a, b = C(1, 1), C(1, 0)\nprint a > b, a < b, a == b, a >= b, a <= b, a != b\n"
ATTACHED = {
    "attribute.py": CLASS + "C.__lt__ = lambda s, o: s.j < o.j\n" + DRIVER,
    "set_attr.py": CLASS + "setattr(C, '__lt__', lambda s, o: s.j < o.j)\n" + DRIVER,
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, monkeypatch, ATTACHED)


@pytest.mark.parametrize("name", sorted(ATTACHED))
def test_unsafe_leaves_a_class_with_a_comparison_attached_outside_its_body(project, capsys, name):
    before = python2_output(project, name)
    assert before == "True False True True True False\n"
    main(["fix", "--unsafe", "--write", str(project / name)])
    err = capsys.readouterr().err
    text = (project / name).read_text()
    assert "total_ordering" not in text and "from __future__ import" in text  # a header was added
    assert python2_output(project, name) == before, "Python 2 behaviour changed"
    # the note names line 4 of the file given, where `def __cmp__` is (the written file has it lower)
    assert f"{name}: line 4: W1630 cmp-method left by --unsafe: the module attaches __lt__ to a class (`C`) outside its " \
           "body" in err, err

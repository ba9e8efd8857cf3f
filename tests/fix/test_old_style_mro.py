"""`diracmod fix --unsafe` leaves a classic class that some class of the project could no longer be created with
once it is new-style (tryout20b #7: supervisor 3.0's medusa `class dispatcher:`, base of asynchat's async_chat,
and http_client's `class HTTPHandler(object, asynchat.async_chat)`: with `dispatcher(object)` Python 2 raised
`TypeError: Cannot create a consistent method resolution order (MRO)` at class creation). check reports it as
old-style-class-mro-unsure (DM121, not fixable); python2.7 runs the program the same after fix --unsafe --write;
a classic class no such class needs is still made new-style."""
from __future__ import annotations

import textwrap

from diracmod.core.discover import DEFAULT_EXCLUDE
from diracmod.source import project_index
from tests.fix.helpers import fix_unsafe, old_style_findings, project_dir, python2_output

BASE = textwrap.dedent("""\
    class Dispatcher:
        def handle(self):
            return "dispatched"


    class Chat(Dispatcher):
        pass


    class Plain:
        pass
    """)
CLIENT = textwrap.dedent("""\
    from base import Chat, Plain


    class Handler(object, Chat):
        pass


    print Handler().handle(), type(Plain()).__name__
    """)
# variant (b): a classic class listed before its own subclass (legal for classic classes, depth-first lookup)
BEFORE_SUBCLASS = textwrap.dedent("""\
    class A:
        def who(self):
            return "A"


    class B(A):
        pass


    class C(A, B):
        pass


    class D:
        pass


    print C().who(), D.__name__
    """)


def test_a_base_of_a_class_listing_object_first_stays_classic(tmp_path, monkeypatch):
    root = project_dir(tmp_path, monkeypatch, {"base.py": BASE, "client.py": CLIENT})
    assert old_style_findings(root) == [("base.py", 1, "old-style-class-mro-unsure"),
                                        ("base.py", 10, "old-style-class")]
    before = python2_output(root, "client.py")
    assert before == "dispatched instance\n"
    fix_unsafe(root, "base.py", "client.py")
    fixed = (root / "base.py").read_text()
    assert "class Dispatcher:" in fixed and "class Plain(object):" in fixed, fixed
    assert python2_output(root, "client.py") == "dispatched Plain\n"  # Plain only: new-style, as intended


def test_a_classic_class_listed_before_its_subclass_stays_classic(tmp_path, monkeypatch):
    root = project_dir(tmp_path, monkeypatch, {"m.py": BEFORE_SUBCLASS})
    assert old_style_findings(root) == [("m.py", 1, "old-style-class-mro-unsure"), ("m.py", 14, "old-style-class")]
    before = python2_output(root, "m.py")
    assert before == "A D\n"
    fix_unsafe(root, "m.py")
    fixed = (root / "m.py").read_text()
    assert "class A:" in fixed and "class D(object):" in fixed, fixed
    assert python2_output(root, "m.py") == before


def _left(tmp_path, files: dict) -> dict:
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    index = project_index.build(str(tmp_path), DEFAULT_EXCLUDE, 10_000_000)
    return {name: index.mro_left(name) for name in ("A", "B", "Old", "Mixin", "Free")}


def test_the_index_tells_which_classic_classes_an_mro_needs(tmp_path):
    left = _left(tmp_path, {"a.py": """\
        import mixins
        class Old:
            pass
        class Mixin:
            pass
        class A(Old, mixins.Unknown):  # consistent once Old is new-style
            pass
        class B(Mixin, object):  # object last: consistent
            pass
        class Diamond(A, B):
            pass
        """})
    assert left == {"A": "", "B": "", "Old": "", "Mixin": "", "Free": ""}
    left = _left(tmp_path, {"a.py": """\
        class Old:
            pass
        class Mid(Old):
            pass
        class Top(Mid):
            pass
        class Mixin:
            pass
        class X(six.moves.builtins.object, Top):
            pass
        class Y(Mixin, Old, Mid):
            pass
        class Free:
            pass
        """})
    # Y is new-style as soon as Mixin is: Python 2 then linearizes its classic bases too, Old before Mid fails
    assert left["Old"].startswith("a.py:9 ") and left["Mixin"].startswith("a.py:11 ") and left["Free"] == "", left
    # a class of the project whose bases fix does not make new-style: its MRO is Python 2's already
    left = _left(tmp_path, {"a.py": """\
        class Old:
            pass
        class New(object):
            pass
        class Z(New, object):
            pass
        class W(object, New):
            pass
        """})
    assert left["Old"] == "", left

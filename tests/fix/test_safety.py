"""A file that cannot be fixed safely is reported with the reason and left byte for byte as it was: bad
input (undecodable, binary, unparseable by both Pythons, a FIFO, a symlink loop, too large), and a
rewrite that would not parse or would use an undefined name (made by deliberately broken fixers)."""
from __future__ import annotations

import ast
import dataclasses
import os

import libcst as cst
import pytest

from diracmod.cli import main
from diracmod.fix import engine, verify
from diracmod.rules import fixers
from diracmod.rules.codemod import FixRule
from tests.fix.helpers import everything

PY2 = b"for i in xrange(3):\n    pass\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod]\nmax-file-size = 0.001\n")  # 1 kB
    return tmp_path


def _bad_inputs(tmp_path) -> dict:
    """name -> what the summary must say about it."""
    (tmp_path / "undecodable.py").write_bytes(b"x = '\xe9'\nprint x\n")
    (tmp_path / "binary.py").write_bytes(b"print 1\n\x00\x01")
    (tmp_path / "neither.py").write_bytes(b"def f(:\n    print x\n")
    (tmp_path / "large.py").write_bytes(b"print 1\n" + b"x = 1\n" * 400)
    os.mkfifo(tmp_path / "fifo.py")
    os.symlink("loop_b.py", tmp_path / "loop_a.py")
    os.symlink("loop_a.py", tmp_path / "loop_b.py")
    return {"undecodable.py": "(0xe9) at line 1, column 6 (byte 5) (no coding line: add", "binary.py": "NUL byte",
            "neither.py": "Neither Python 2.7 nor Python 3 can parse this", "large.py": "larger than 0.001 MB",
            "fifo.py": "a FIFO (named pipe), not a regular file", "loop_a.py": "Too many levels of symbolic links"}


def _snapshot(directory) -> dict:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file() and not p.is_symlink()
            and not p.name.startswith("pyproject")}


@pytest.mark.parametrize("mode", ["--write", "--check"])
def test_bad_input_is_reported_with_the_reason_and_left_byte_identical(tree, capsys, mode):
    reasons = _bad_inputs(tree)
    before = _snapshot(tree)
    code = main(["fix", mode, *reasons])
    err = capsys.readouterr().err
    assert code == 1  # with --check too: the files still need work
    for name, reason in reasons.items():
        assert any(line.startswith(f"  {name}: ") and reason in line for line in err.splitlines()), (name, err)
    assert _snapshot(tree) == before


class ToPython3Only(FixRule):
    """Broken on purpose: the result is valid Python 3 that Python 2.7 cannot parse (an f-string)."""
    SYMBOLS = ("xrange-builtin",)

    def visit_Name(self, node):
        if self.reported("xrange-builtin", node):
            self.replace(node, "xrange-builtin", lambda updated: cst.parse_expression('f"{range}"'))


class _ToUndefinedName(FixRule):
    """Broken on purpose: renames to a name nothing defines (as libcst's RenameCommand can leave one)."""
    SYMBOLS = ("xrange-builtin",)

    def visit_Name(self, node):
        if self.reported("xrange-builtin", node):
            self.replace(node, "xrange-builtin", lambda updated: updated.with_changes(value="lazy_range"))


class _DroppingComments(FixRule):
    """Broken on purpose: the statement is rebuilt without its trailing comment."""
    SYMBOLS = ("xrange-builtin",)

    def visit_For(self, node):
        self.replace(node, "xrange-builtin", lambda updated: cst.parse_statement("for i in range(3):\n    pass\n"))

    def visit_Name(self, node):
        self.reported("xrange-builtin", node)


@pytest.mark.parametrize("rule,reason,source", [
    (_ToUndefinedName, "the rewrite would use undefined names: lazy_range", PY2),
    (_DroppingComments, "the rewrite would change the number of comments (1 -> 0)",
     b"for i in xrange(3):  # three\n    pass\n"),
])
def test_a_rewrite_that_breaks_the_file_is_refused(tmp_path, monkeypatch, rule, reason, source):
    monkeypatch.setattr(fixers, "FIXERS", (rule,))
    monkeypatch.setattr(fixers, "BY_SYMBOL", {"xrange-builtin": rule})
    path = tmp_path / "m.py"
    path.write_bytes(source)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and result.refused.startswith(reason)
    # the rules that rewrote it are named, to --ignore the one that made it (tryout3 #8)
    assert "`--ignore` the rule that made it, one of those that rewrote the file (W1613 xrange-builtin;" \
        in result.refused
    assert path.read_bytes() == source


def test_a_broken_fixer_leaves_the_file_byte_identical_under_write(tree, capsys, monkeypatch):
    monkeypatch.setattr(fixers, "FIXERS", (_ToUndefinedName,))
    monkeypatch.setattr(fixers, "BY_SYMBOL", {"xrange-builtin": _ToUndefinedName})
    (tree / "m.py").write_bytes(PY2)
    assert main(["fix", "--write", "-j", "1", "m.py"]) == 1
    assert "m.py: the rewrite would use undefined names: lazy_range" in capsys.readouterr().err
    assert (tree / "m.py").read_bytes() == PY2


def test_an_internal_error_leaves_the_file_alone(tmp_path, monkeypatch):
    def explode(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine.codemod, "apply", explode)
    path = tmp_path / "m.py"
    path.write_bytes(PY2)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and result.refused.startswith("internal error: RuntimeError: boom")


def test_a_rewrite_python3_would_not_compile_is_refused(tmp_path, monkeypatch):
    """ast.parse accepts a __future__ import after other code; the compiler does not."""
    class _LateFuture(FixRule):
        SYMBOLS = ("xrange-builtin",)

        def visit_For(self, node):
            late = cst.parse_statement("from __future__ import division\n")
            self.replace(node, "xrange-builtin", lambda updated: late)

        def visit_Name(self, node):
            self.reported("xrange-builtin", node)

    monkeypatch.setattr(fixers, "FIXERS", (_LateFuture,))
    monkeypatch.setattr(fixers, "BY_SYMBOL", {"xrange-builtin": _LateFuture})
    path = tmp_path / "m.py"
    source = b'"""Doc."""\n"""Second string."""\nfor i in xrange(3):\n    pass\n'
    path.write_bytes(source)
    result = engine.fix_file(str(path), everything())
    assert result.new is None and result.refused.startswith("the rewrite would not compile on Python 3: ")


def test_a_rewrite_of_a_file_python3_could_not_compile_before_is_written_and_still_needs_a_person(tmp_path):
    """`import *` in a function: Python 3's parser takes it, its compiler does not, nor Python 2's original."""
    path = tmp_path / "m.py"
    path.write_bytes(b'def f():\n    from Tkinter import *\n    return file("data.txt").read()\n')
    result = engine.fix_file(str(path), everything())
    assert result.new is not None and result.refused is None  # the rewrite is progress: it is written
    line = result.new.decode().splitlines().index("    from six.moves.tkinter import *") + 1
    assert [note for note in result.notes if note.startswith("Python 3 cannot compile the fixed file")] == [
        "Python 3 cannot compile the fixed file (nor the original): import * only allowed at module level "
        f"(line {line}): change that by hand"]
    assert main(["fix", "--write", str(path)]) == 0
    again = engine.fix_file(str(path), everything())  # nothing more to do; check's finding still says it
    assert again.new is None and [f.symbol for f in again.left] == ["import-star-module-level"]


def test_a_file_python27_cannot_parse_is_left_alone_with_what_to_do(tmp_path):
    path = tmp_path / "m.py"
    source = b'name = "x"\nprint(f"{name}")\nfor i in xrange(3):\n    pass\n'
    path.write_bytes(source)
    result = engine.fix_file(str(path), everything())
    assert result.new is None
    assert result.refused.endswith("(line 2): change that by hand first") and "f-string" in result.refused


def test_a_file_that_takes_too_long_is_left_unchanged_with_the_reason():
    code = "".join(f"def f{i}(d):\n    return d.has_key(1), xrange({i}), unicode(d)\n\n" for i in range(2000))
    plan = dataclasses.replace(everything(), max_seconds=0.05)
    result = engine.fix_bytes("big.py", code.encode(), plan)
    assert result.new is None and "max-file-seconds (0.05 s)" in result.refused
    assert result.symbol == "file-too-slow"


@pytest.mark.parametrize("suppression", ["# noqa", "# pylint: disable=print-statement"])
def test_a_suppressed_print_statement_is_not_rewritten_and_the_file_is_refused_with_why(suppression):
    alone = engine.fix_bytes("m.py", f'x = 1\nprint "a"  {suppression}\n'.encode(), everything())
    assert alone.new is None and "still Python-2-only" in alone.refused
    mixed = engine.fix_bytes("m.py", f'x = 1\nprint(x, 2)  {suppression}\nprint "b"\n'.encode(), everything())
    assert mixed.new is None and "would change what the statements left under noqa" in mixed.refused
    assert "line(s) 2 do on Python 2" in mixed.refused


def test_a_pylint_0x_disable_msg_keeps_its_line_and_block_as_written():
    """(tryout28 #10) pylint 1.9.5 obeys `disable-msg`/`enable-msg` as `disable`/`enable`: fix too."""
    code = (b'd = {"a": 1}\nl = d.iteritems()  # pylint: disable-msg=dict-iter-method\n'
            b"def g():\n    # pylint: disable-msg=W1620\n    k = d.iterkeys()\n"
            b"    # pylint: enable-msg=W1620\n    return k, d.itervalues()\n")
    new = engine.fix_bytes("m.py", code, everything()).new.decode()
    assert "l = d.iteritems()" in new and "k = d.iterkeys()" in new and "six.itervalues(d)" in new


def test_only_unsuppressed_exec_statements_are_rewritten():
    result = engine.fix_bytes("m.py", b'exec "a = 1"  # noqa\nexec "b = 2"\n', everything())
    assert result.new is None and "still Python-2-only" in result.refused
    result = engine.fix_bytes("m.py", b'exec "a = 1"\nexec "b = 2"\n', everything())
    assert result.new == b'exec("a = 1")\nexec("b = 2")\n'


# Valid Python 2 that once ended in an internal error (exit 3): left with a reason, or fixed

def test_an_except_target_that_is_not_a_name_is_checked_and_fixed(tmp_path):
    code = (b"l, d = [None], {}\ntry:\n    int('x')\nexcept ValueError, l[0]:\n    pass\n"
            b"try:\n    int('y')\nexcept ValueError, d['k']:\n    pass\n")
    result = engine.fix_bytes(str(tmp_path / "m.py"), code, everything())
    assert result.refused is None and result.symbol is None
    assert b"except ValueError as exc:\n    l[0] = exc\n" in result.new
    assert b"except ValueError as exc1:\n    d['k'] = exc1\n" in result.new


@pytest.mark.parametrize("code", [
    "print 'x'\nx = " + " + ".join(str(i) for i in range(500)) + "\n",
    "print 'x'\nTEXT = (\n" + "".join(f"  'line {i}'\n" for i in range(600)) + ")\n",
    "def f(x):\n    if x == 0:\n        print x\n" + "".join(f"    elif x == {i}:\n        return {i}\n"
                                                      for i in range(1, 600)),
])
def test_long_chains_are_fixed_on_a_deep_stack(tmp_path, code):
    result = engine.fix_bytes(str(tmp_path / "m.py"), code.encode(), everything())
    assert result.refused is None and b"print(" in result.new


def test_too_deep_even_for_the_deep_stack_is_left_with_a_reason(tmp_path, monkeypatch):
    def too_deep(*args):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(engine, "_fix", too_deep)
    result = engine.fix_bytes(str(tmp_path / "m.py"), PY2, everything())
    assert result.new is None and result.symbol != "internal-error"
    assert result.refused.startswith("too deeply nested for diracmod fix's rewriters")


TABS = b"class T:\n\tdef m(self):\n\t\tif 1 <> 2:\n\t  \t\treturn u'tabs', 0777, %s\n"


def test_indentation_libcst_cannot_read_is_left_with_a_reason(tree, capsys):
    # the statement libcst must read for a rewrite (xrange) is indented with tabs and spaces it cannot read
    (tree / "m.py").write_bytes(b"def deep(n):\n    print 'deep', n\n" + TABS % b"xrange(1)")
    assert main(["fix", "--write", "-q", "m.py"]) == 1
    err = capsys.readouterr().err
    assert "m.py: libcst, which makes the rewrites, cannot read it: tokenizer error" in err


def test_indentation_libcst_cannot_read_in_a_statement_no_rewrite_reads_is_kept_as_it_is(tree, capsys):
    # stage 2 reads only the statements holding its findings (rules/stand_ins.py): the tab class is put back
    # as stage 1 left it, and the file is fixed
    (tree / "m.py").write_bytes(b"def deep(n):\n    print 'deep', n, xrange(1)\n" + TABS % b"1")
    assert main(["fix", "--write", "-q", "m.py"]) == 0
    fixed = (tree / "m.py").read_bytes()
    assert b"xrange" not in fixed and b"range(1)" in fixed
    assert b"\t\tif 1 != 2:\n\t  \t\treturn u'tabs', 0o777, 1\n" in fixed


def test_a_reason_names_the_line_of_the_users_file_not_of_the_syntax_stages_text(tmp_path):
    # stage 1 puts `from __future__ import print_function` above: in its text `"\N"` is further down
    code = b'import re\na = "\\d+\\n"\ng = "\\N"\nprint a, g\n'
    result = engine.fix_bytes(str(tmp_path / "m.py"), code, everything())
    assert result.refused.startswith("still Python-2-only after the syntax stage: ")
    # in check's words (python3-syntax-error's detail there, tryout10b #7), on the user's line
    assert "`\\N` in a byte string, which Python 2 keeps as it is and Python 3 cannot decode" in result.refused
    assert "(the same string on Python 2) (line 3)" in result.refused


@pytest.mark.parametrize("line, expected", [(1, 1), (2, 1), (3, 1), (4, 2), (5, 3), (6, 3)])
def test_original_line_of_a_rewritten_one(line, expected):
    # rewrite: two lines added above a, b changed, one added at the end
    assert verify.original_line("a\nb\nc\n", "X\n\na\nB\nc\nY\n", line) == expected


@pytest.mark.parametrize("indent", ["", "    "])
def test_a_del_statement_after_the_reads_leaves_them_resolved(indent):
    # every load is read as after the whole body: a module's or class body's `del` (the print fix's `del _stream`
    # after the call reading it, tryout26c #6) made them unresolved, and the rewrite was refused
    code = "class C(object):\n" * bool(indent) + "".join(
        indent + line for line in ["_stream = 1\n", "print(_stream)\n", "del _stream\n"])
    assert verify.unresolved_names(ast.parse(code)) == set()

"""`diracmod fix` on the command line: diff by default, --write, --check, -j, the summary, exit codes."""
from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import subprocess
import time

import pytest

from diracmod.check.engine import _largest_first
from diracmod.cli import main
from diracmod.core import catalogue, report_file
from diracmod.exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE
from diracmod.fix import engine

PY2 = 'import os\nprint "hello", os.sep\nfor i in xrange(3):\n    print i\n'
FIXED = ('from __future__ import print_function\n\nimport os\nfrom six.moves import range\n\n'
         'print("hello", os.sep)\nfor i in range(3):\n    print(i)\n')


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # no future imports by policy: these tests are about the command (tests/fix/test_futures.py: the policy)
    (tmp_path / "pyproject.toml").write_text("[tool.diracmod.fix]\nfuture-imports = []\n")
    (tmp_path / "old.py").write_text(PY2)
    (tmp_path / "clean.py").write_text("x = 1\n")
    return tmp_path


def _run(capsys, *argv):
    code = main(["fix", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("argv", [[], ["--diff"]], ids=["default", "--diff"])
def test_default_prints_a_diff_and_writes_nothing(tree, capsys, argv):
    # tryout6b #9: `--diff`, as black and ruff spell it, was a usage error
    code, out, err = _run(capsys, *argv, ".")
    assert code == EXIT_CLEAN
    assert out.startswith("--- a/old.py\n+++ b/old.py\n")
    assert '\n-print "hello", os.sep\n' in out and '\n+print("hello", os.sep)\n' in out
    assert "clean.py" not in out
    assert (tree / "old.py").read_text() == PY2
    assert "1 file(s) would be changed, 1 unchanged" in err


def test_diff_goes_with_neither_write_nor_check(tree, capsys):
    for mode in ("--write", "--check"):
        with pytest.raises(SystemExit) as exit_:
            _run(capsys, "--diff", mode, ".")
        assert exit_.value.code == EXIT_USAGE
    assert (tree / "old.py").read_text() == PY2


def test_the_diff_keeps_a_line_with_a_form_feed_whole(tree, capsys):
    (tree / "old.py").write_text("import os\n\x0cdef f():\n    return xrange(3)\n")
    _, out, _ = _run(capsys, "old.py")
    assert "\n \x0cdef f():\n-    return xrange(3)\n+    return range(3)\n" in out


@pytest.mark.skipif(not shutil.which("git"), reason="git applies the printed diff")
def test_the_printed_diff_applies_and_gives_what_write_writes(tree, capsysbinary):
    """No newline at the end (`\\ No newline at end of file`), latin-1, a BOM, CRLF: `git apply` takes the
    diff `fix` prints, in the files' own bytes (tryout3 #25, #26)."""
    files = {"end.py": b'print "a"', "lat.py": b"# -*- coding: latin-1 -*-\nprint 'caf\xe9'\n",
             "bom.py": b"\xef\xbb\xbfprint u'caf\xc3\xa9'\n", "crlf.py": b"print 1\r\nprint 2"}
    for name, data in files.items():
        (tree / name).write_bytes(data)
    assert main(["fix", "-j", "1", *files]) == EXIT_CLEAN
    patch = capsysbinary.readouterr().out
    assert patch.count(b"\n\\ No newline at end of file\n") == 4 and b"caf\xe9" in patch
    applied = tree / "applied"
    applied.mkdir()
    for name, data in files.items():
        (applied / name).write_bytes(data)
    subprocess.run(["git", "apply", "-"], input=patch, cwd=applied, check=True, capture_output=True)
    assert main(["fix", "-q", "--write", "-j", "1", *files]) == EXIT_CLEAN
    assert {name: (applied / name).read_bytes() for name in files} == {name: (tree / name).read_bytes()
                                                                       for name in files}


def test_write_applies_and_a_second_run_changes_nothing(tree, capsys):
    code, out, err = _run(capsys, "--write", ".")
    assert (code, out) == (EXIT_CLEAN, "")
    assert (tree / "old.py").read_text() == FIXED
    assert "1 file(s) changed" in err
    code, out, err = _run(capsys, "--check", ".")
    assert (code, out) == (EXIT_CLEAN, "")
    assert "0 file(s) would be changed, 2 unchanged" in err


def test_check_exits_1_when_something_would_change_and_writes_nothing(tree, capsys):
    code, out, err = _run(capsys, "--check", ".")
    assert (code, out) == (EXIT_FINDINGS, "")
    assert "\nwould be changed:\n  old.py\n" in err and "clean.py" not in err  # named, as black --check does
    assert _run(capsys, "--check", "-q", ".") == (EXIT_FINDINGS, "", "")  # -q stays quiet (exit 1 says it)
    assert (tree / "old.py").read_text() == PY2
    code, _, _ = _run(capsys, "--check", "clean.py")
    assert code == EXIT_CLEAN


def test_summary_counts_rewrites_per_rule_and_findings_left_for_a_person(tree, capsys):
    (tree / "cmp.py").write_text("class A(object):\n    def __cmp__(self, other):\n        return 0\n")
    _, _, err = _run(capsys, ".")
    assert "  E1601 print-statement: 2\n" in err
    assert "  W1613 xrange-builtin: 1\n" in err
    assert "findings left for a person" in err and "  W1630 cmp-method: 1" in err


def _many_files(directory, count=40):
    """Enough bytes for check's pool to start two processes (it keeps small runs in one), mostly in a
    string constant: cheap to fix, the pool's split of the work is what is tested."""
    padding = 'DATA = """' + "x" * 3400 + '"""\n'
    for number in range(count):
        (directory / f"m{number:02}.py").write_text(
            f"# module {number}\n{padding}def f(a):\n    print a, `a` <> 0755L\n    return xrange(a)\n")
    (directory / "broken.py").write_text("def f(:\n")


@pytest.mark.parametrize("mode", [(), ("--check",)])
def test_results_are_identical_for_every_jobs_value(tree, capsys, mode):
    _many_files(tree)
    one = _run(capsys, *mode, "-j", "1", ".")
    two = _run(capsys, *mode, "-j", "2", ".")
    assert one == two
    assert "41 file(s) would be changed" in one[2] and "broken.py" in one[2]


def test_the_workers_take_the_largest_files_first_each_once(tree):
    sizes = [10, 5000, 300, 0, 7000, 20, 20, 1]
    paths = []
    for number, size in enumerate(sizes):
        (tree / f"f{number}.py").write_text("#" * size)
        paths.append(f"f{number}.py")
    chunks = _largest_first(paths + ["missing.py"], 2)
    order = [index for chunk in chunks for index in chunk]
    assert sorted(order) == list(range(len(paths) + 1))
    assert order[:3] == [4, 1, 2] and chunks[0] == [4]  # a large file makes a chunk of its own


def _fixed_after_waiting_for(big, seen, fix_file):
    """fix_file, but a small file's waits (up to a minute) for `big` to be written, and says in `seen` if it was."""
    original = big.read_text()

    def waiting(path, plan):
        if path != big.name and not seen.exists():
            for _ in range(600):
                if big.read_text() != original:
                    break
                time.sleep(0.1)
            seen.write_text(str(big.read_text() != original))
        return fix_file(path, plan)
    return waiting


def test_write_writes_each_file_as_soon_as_it_is_fixed_not_in_the_paths_order(tree, capsys, monkeypatch):
    # the processes take the largest files first, which in the paths' order are anywhere: the results came in
    # that order, so the first path's (a small file's, fixed last) held every write to the run's end
    names, big = ["a0.py", "a1.py", "a2.py", "a3.py", "old.py", "z_big.py"], 'x = """' + ("y" * 99 + "\n") * 1_500 + '"""\n'
    for name in names:  # z_big.py: a process of its own (engine._processes), one string quick to fix
        (tree / name).write_text(PY2 + (big if name == "z_big.py" else ""))
    seen, fix_file = tree.parent / f"{tree.name}-seen", engine.fix_file
    monkeypatch.setattr(engine, "fix_file", _fixed_after_waiting_for(tree / "z_big.py", seen, fix_file))
    code, _, err = _run(capsys, "--write", "-j", "2", ".")
    assert code == EXIT_CLEAN and seen.read_text() == "True"  # the big file was written while a small one waited
    assert "6 file(s) changed, 1 unchanged" in err and (tree / "a3.py").read_text() == FIXED
    # the diffs stay in the paths' order
    for name in names:
        (tree / name).write_text(PY2 + (big if name == "z_big.py" else ""))
    monkeypatch.setattr(engine, "fix_file", fix_file)
    out = _run(capsys, "-j", "2", ".")[1]
    assert [line for line in out.splitlines() if line.startswith("--- ")] == [f"--- a/{name}" for name in names]


def test_a_file_with_a_nul_byte_is_left_with_a_sentence_saying_why(tree, capsys):
    # tryout5 #29: the reason was the bare rule symbol "binary-file"
    (tree / "e3.py").write_bytes(b"x = 1\n\0\n")
    code, _, err = _run(capsys, "--write", "e3.py")
    assert code == EXIT_FINDINGS
    assert "e3.py: it holds a NUL byte (line 2), which neither Python accepts in source" in err


def test_with_a_baseline_fix_says_that_findings_on_rewritten_lines_become_new(tree, capsys):
    # tryout5 #25: the gate failed right after `fix --write` on findings accepted on the lines fix rewrote
    assert "baseline" not in _run(capsys, "--write", "old.py")[2]
    (tree / "old.py").write_text(PY2)
    main(["baseline", "create", "old.py"])
    capsys.readouterr()
    for mode, when in (([], "after `fix --write`"), (["--write"], "now")):
        err = _run(capsys, *mode, "old.py")[2]
        assert "diracmod-baseline.json accepts findings by their line's text and scope" in err
        assert f"count as new {when}" in err and "`diracmod baseline update --add`" in err


def test_a_file_left_unchanged_is_listed_with_its_reason_and_exit_1(tree, capsys):
    (tree / "broken.py").write_text("def f(:\n")
    code, _, err = _run(capsys, "--write", ".")
    assert code == EXIT_FINDINGS
    assert "left unchanged:\n  broken.py: Neither Python 2.7 nor Python 3 can parse this" in err
    assert (tree / "broken.py").read_text() == "def f(:\n"
    assert (tree / "old.py").read_text() == FIXED


def test_the_findings_of_a_file_left_unchanged_are_counted_as_left_for_a_person(tree, capsys):
    """As `diracmod check` reports them after the run, whatever the stage that refused the file (tryout2 #15)."""
    (tree / "runs.py").write_text('exec "y = 1"\nfor i in xrange(3):\n    print i\n')
    code, _, err = _run(capsys, "--write", ".")
    assert code == EXIT_FINDINGS and "runs.py: the print statements made calls need print_function" in err
    left = err.split("findings left for a person")[1].split("left unchanged:")[0]
    assert "  W1613 xrange-builtin: 1\n" in left and "  E1601 print-statement: 1\n" in left
    assert "  DM102 exec-statement: 1\n" in left


def test_build_output_is_skipped_as_ruff_and_black_skip_it_unless_named(tree, capsys):
    """setup.py's build/lib and dist copies of the code are not the code (tryout2 #19)."""
    for copy in ("build/lib/old.py", "dist/pkg/old.py", "docs/_build/old.py"):
        (tree / copy).parent.mkdir(parents=True, exist_ok=True)
        (tree / copy).write_text(PY2)
    code, _, err = _run(capsys, "--write", ".")
    assert code == EXIT_CLEAN and "1 file(s) changed, 1 unchanged" in err
    assert (tree / "build/lib/old.py").read_text() == PY2 == (tree / "dist/pkg/old.py").read_text()
    assert _run(capsys, "--write", "build")[0] == EXIT_CLEAN and (tree / "build/lib/old.py").read_text() == FIXED


def test_an_internal_error_in_one_file_leaves_it_fixes_the_others_and_exits_3(tree, capsys, monkeypatch):
    """As --help documents (exit 3), not exit 1 as for a file left for a reason (tryout1 D16)."""
    fix = engine._fix

    def failing(path, src, plan, result):
        if path.endswith("bad.py"):
            raise RuntimeError("a fixer's bug")
        return fix(path, src, plan, result)
    monkeypatch.setattr(engine, "_fix", failing)
    (tree / "bad.py").write_text(PY2)
    code, _, err = _run(capsys, "--write", "-j", "1", ".")
    assert code == EXIT_INTERNAL
    assert "bad.py: internal error: RuntimeError: a fixer's bug" in err
    assert (tree / "bad.py").read_text() == PY2 and (tree / "old.py").read_text() == FIXED


def test_check_exits_1_when_a_file_is_left_unchanged_although_nothing_else_would_change(tree, capsys):
    (tree / "old.py").write_text(FIXED)
    (tree / "broken.py").write_text("def f(:\n")
    code, out, err = _run(capsys, "--check", ".")
    assert (code, out) == (EXIT_FINDINGS, "")
    assert "0 file(s) would be changed" in err and "broken.py: Neither Python 2.7 nor Python 3" in err


def test_a_line_too_deep_for_python3_is_named_as_the_blocker_not_a_print_statement(tree, capsys):
    # tryout8 #10: Python 3's compiler gives up on line 1 (RecursionError); the print statement on line 2 is fix's own
    (tree / "chain.py").write_text("x = " + " + ".join(["1"] * 3000) + "\nprint x\n")
    code, out, err = _run(capsys, "--write", "chain.py")
    assert code == EXIT_FINDINGS
    said = next(line for line in err.splitlines() if "chain.py:" in line)
    assert "too deeply nested" in said and "(line 1)" in said and "split that expression" in said
    assert "Missing parentheses" not in said and (tree / "chain.py").read_text().endswith("print x\n")


def test_ignoring_a_syntax_rule_leaves_the_file_python2_only_and_says_so(tree, capsys):
    code, out, err = _run(capsys, "--ignore", "print-statement", "old.py")
    assert (code, out) == (EXIT_FINDINGS, "")
    assert "old.py: still Python-2-only after the syntax stage: Python 3 cannot parse it" in err


def test_python2_syntax_left_for_a_person_is_named_with_its_rule(tree, capsys):
    """(tryout3 #28) not "no fixer rewrites that" when E1604's fixer exists: the finding that blocks."""
    # (`"..." + \`value\`` is a string, repr's: rewritten since tryout6b #2)
    (tree / "old.py").write_text('def f(value):\n    raise ValueError, describe("Not a job ID: " + `value`)\n')
    code, _, err = _run(capsys, "old.py")
    assert code == EXIT_FINDINGS
    assert "no fixer rewrites DM177 old-raise-syntax-value-unknown (`diracmod explain DM177`)" in err
    code, _, err = _run(capsys, "--ignore", "E1604", "old.py")
    assert "not selected: E1604 old-raise-syntax" not in err  # the value is unknown whatever is selected
    (tree / "old.py").write_text('raise ValueError, "bad"\n')
    code, _, err = _run(capsys, "--ignore", "E1604", "old.py")
    assert code == EXIT_FINDINGS and "not selected: E1604 old-raise-syntax" in err


TAB_CURE = ("Python 3 cannot parse it: inconsistent use of tabs and spaces in indentation (line 4); Python 2 reads a "
            "tab as up to 8 columns, Python 3 refuses to guess: expand the indentation's tabs to 8 columns "
            "(GNU `expand -i -t 8`, leading tabs only: the same code on Python 2; a tab starting a line of a "
            "multi-line string changes too), then run fix again")


@pytest.mark.parametrize("text", [
    'x = 1\ndef g():\n    if x:\n\tprint "tab8"\n        print "spaces8"\ng()\n',
    # stage 1 leaves the exec statement here: no empty clause where each rule left is fixable and selected
    'x = 1\ndef g():\n    if x:\n\tprint "a" % `x`\n        exec "y=1"\ng()\n',
])
def test_a_file_mixing_tabs_and_spaces_is_left_with_the_cure_named(tree, capsys, text):
    """(tryout8 #4) not `...(line 4); : change it by hand`: the whole reason, and what makes Python 3 read the
    indentation as Python 2 does."""
    (tree / "old.py").write_text(text)
    code, out, err = _run(capsys, "old.py")
    assert (code, out) == (EXIT_FINDINGS, "")
    assert f"  old.py: still Python-2-only after the syntax stage: {TAB_CURE}\n" in err
    assert "; :" not in err


def test_python2_syntax_the_syntax_stage_did_not_rewrite_is_named():
    """A rule left whose fixer is selected is named too (the syntax stage missed it): no empty clause before
    "change it by hand"."""
    plan = engine.FixPlan(frozenset({"old-octal-literal"}), frozenset({"old-octal-literal"}))
    analysis = engine._analyse("old.py", engine.reader.decode("old.py", b"y = 0777\n"), "y = 0777\n", plan)
    assert engine._why_left(analysis, plan, "y = 0777\n", "y = 0777\n") == (
        "the syntax stage did not rewrite E1608 old-octal-literal: change it by hand, then run fix again")


@pytest.mark.parametrize("kept, by", [
    ('def f():\n    raise ValueError, "a"  # pylint: disable=old-raise-syntax\n',
     "line 2 old-raise-syntax by its `# pylint: disable=old-raise-syntax`"),
    ("y = 0777  # noqa\n", "line 1 old-octal-literal by its `# noqa`"),
    ('print "a" + \\\n    "b"  # noqa\n', "line 1 print-statement by its `# noqa`"),  # flake8's joined lines
    ("# pylint: disable=print-statement\nprint 1\n", "line 2 print-statement by a comment above it"),
    # (tryout28 #6) the syntax stage adds lines above (a __future__ import): the user's line, not the rewrite's
    ("import sys\nx = 010  # pylint: disable=old-octal-literal\nprint x\n",
     "line 2 old-octal-literal by its `# pylint: disable=old-octal-literal`"),
    ('"""Doc."""\nimport sys\nx = 010  # noqa\nprint x\n', "line 3 old-octal-literal by its `# noqa`"),
    ("# -*- coding: utf-8 -*-\nprint 1\nd = {}\nx = 010  # noqa\n"
     "y = d.iteritems()  # pylint: disable=dict-iter-method\n",
     "line 4 old-octal-literal by its `# noqa`"),
])
def test_python2_syntax_kept_by_its_suppression_is_named_with_the_comment(tree, capsys, kept, by):
    """(tryout5 #14) not an empty rule name: the line, its rule, and the suppression keeping it."""
    (tree / "old.py").write_text(kept)
    code, _, err = _run(capsys, "old.py")
    assert code == EXIT_FINDINGS and f"kept as Python 2 wrote it by a noqa or pylint disable: {by}: change it" in err


def test_select_only_the_named_rule(tree, capsys):
    (tree / "names.py").write_text("for i in xrange(3):\n    pass\n")
    code, out, err = _run(capsys, "--select", "W1613", "names.py")
    assert code == EXIT_CLEAN and "+for i in range(3):" in out


@pytest.mark.parametrize("argv", [["--select", "no-such-rule", "."], ["--select", "", "."], ["empty_dir"]])
def test_usage_errors_exit_2_and_say_what_to_do(tree, capsys, argv):
    (tree / "empty_dir").mkdir()
    code, _, err = _run(capsys, *argv)
    assert code == EXIT_USAGE and err.startswith("diracmod: ")


def test_write_and_check_together_is_a_usage_error(tree, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["fix", "--write", "--check", "."])
    assert exit_.value.code == EXIT_USAGE
    assert (tree / "old.py").read_text() == PY2


def test_unsafe_rules_only_with_unsafe(tree, capsys, monkeypatch):
    rules = catalogue.load()
    marked = catalogue.Catalogue([dataclasses.replace(rule, unsafe=rule.symbol == "xrange-builtin")
                                  for rule in rules.rules])
    monkeypatch.setattr(catalogue, "load", lambda: marked)
    (tree / "names.py").write_text("for i in xrange(3):\n    pass\n")
    code, out, err = _run(capsys, "names.py")
    assert (code, out) == (EXIT_CLEAN, "")
    assert "W1613 xrange-builtin: 1 (unsafe: --unsafe rewrites it)" in err
    code, out, err = _run(capsys, "--unsafe", "names.py")
    assert "+for i in range(3):" in out


# tryout14b D3 (mox's AlwaysComparesTrue): a class defining __eq__/__ne__ beside __cmp__, which --unsafe leaves
_CMP_WITH_EQ = ("class A(object):\n    def __eq__(self, other):\n        return True\n"
                "    def __cmp__(self, other):\n        return 0\n    def __ne__(self, other):\n        return False\n")
_CMP_ALONE = "class B(object):\n    def __cmp__(self, other):\n        return 0\n"


def test_the_unsafe_hint_is_given_only_where_unsafe_rewrites_the_finding(tree, capsys):
    (tree / "eq.py").write_text(_CMP_WITH_EQ)
    (tree / "alone.py").write_text(_CMP_ALONE)
    _, _, err = _run(capsys, "eq.py")
    assert "  W1630 cmp-method: 1\n" in err + "\n" and "(unsafe" not in err, err
    _, _, err = _run(capsys, "alone.py")
    assert "  W1630 cmp-method: 1 (unsafe: --unsafe rewrites it)" in err, err
    _, _, err = _run(capsys, "eq.py", "alone.py")
    assert "  W1630 cmp-method: 2 (unsafe: --unsafe rewrites 1 of them)" in err, err
    code, out, err = _run(capsys, "--unsafe", "eq.py")
    assert (code, out) == (EXIT_CLEAN, "") and "  W1630 cmp-method: 1" in err
    # --unsafe says why it left the finding
    assert "eq.py: line 4: W1630 cmp-method left by --unsafe: the class defines __eq__, __ne__ itself" in err, err
    _, out, err = _run(capsys, "--unsafe", "alone.py")
    assert "+@functools.total_ordering" in out and "left by --unsafe" not in err


def test_help_teaches_with_examples_and_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["fix", "--help"])
    out = capsys.readouterr().out
    assert "diracmod fix --write src/" in out and "exit codes:" in out and "--unsafe" in out
    assert "with --check also: some file would change" in out


def test_write_refuses_a_hard_linked_file_instead_of_splitting_its_names(tree, capsys):
    # an atomic rename would give one name the fix and leave the other name's inode in Python 2
    (tree / "other.py").hardlink_to(tree / "old.py")
    code, _, err = _run(capsys, "--write", "old.py")
    assert code == EXIT_FINDINGS
    assert (tree / "old.py").read_text() == (tree / "other.py").read_text() == PY2
    assert (tree / "old.py").stat().st_ino == (tree / "other.py").stat().st_ino
    assert "old.py: it has 2 hard links" in err


@pytest.mark.parametrize("mode", [[], ["--check"]], ids=["diff", "check"])
def test_dry_run_gives_writes_answer_for_a_hard_linked_file(tree, capsys, mode):
    # tryout5 #34: the dry run and --check said "would be changed", --write then refused it
    (tree / "other.py").hardlink_to(tree / "old.py")
    code, out, err = _run(capsys, *mode, "old.py")
    assert code == EXIT_FINDINGS and "+print(" not in out
    assert "old.py: it has 2 hard links" in err and "0 file(s) would be changed" in err


def test_check_counts_nothing_fixable_in_a_hard_linked_file(tree, capsys):
    (tree / "other.py").hardlink_to(tree / "old.py")
    main(["check", "--select", "py3k", "--no-cache", "old.py"])
    assert "fixable" not in capsys.readouterr().err


def test_quiet_still_says_why_a_file_was_left_unchanged(tree, capsys):
    # the pre-commit hook runs --quiet: its failure must carry the reason
    (tree / "tabs.py").write_text("if 1:\n  for i in xrange(2):\n\tprint i\n")
    code, out, err = _run(capsys, "--write", "--quiet", ".")
    assert (code, out) == (EXIT_FINDINGS, "")
    assert err.startswith("diracmod fix: left unchanged: tabs.py: ") and err.count("\n") == 1
    assert "file(s) changed" not in err and (tree / "old.py").read_text() == FIXED
    code, out, err = _run(capsys, "--write", "--silent", ".")
    assert (code, out, err) == (EXIT_FINDINGS, "", "")  # the exit code alone says it


def _swapping(monkeypatch, tree, before_reading: bool):
    """engine.run, but old.py becomes a symlink to a file outside the tree (the same Python 2 text) before the
    engine reads it, or after it read it and before --write writes."""
    outside = tree.parent / f"{tree.name}-outside.py"
    outside.write_text(PY2)
    run = engine.run

    def swap():
        (tree / "old.py").rename(tree / "old.bak")
        (tree / "old.py").symlink_to(outside)

    def swapped(paths, *args, **kwargs):
        if before_reading:
            swap()
        for result in run(paths, *args, **kwargs):
            if not before_reading and result.path == "old.py":
                swap()
            yield result
    monkeypatch.setattr(engine, "run", swapped)
    return outside


@pytest.mark.parametrize("before_reading", [False, True])
def test_write_never_writes_through_a_symlink_swapped_in_during_the_run(tree, capsys, monkeypatch, before_reading):
    # discovery found a regular file: a symlink put in its place later must not get its target rewritten
    outside = _swapping(monkeypatch, tree, before_reading)
    code, _, err = _run(capsys, "--write", "-j", "1", ".")
    assert code == EXIT_FINDINGS
    assert outside.read_text() == PY2 and (tree / "old.py").is_symlink() and (tree / "old.bak").read_text() == PY2
    assert "old.py: it was replaced (by another file or a symlink) while diracmod was fixing it" in err


def test_write_refuses_when_the_entry_is_swapped_between_its_check_and_the_rename(tree, capsys, monkeypatch):
    # the last moment: after fix read the file again, before the rename (replace_atomically's expected)
    fsync = os.fsync

    def swap_then_fsync(fd):
        if not (tree / "old.py").is_symlink():
            (tree / "old.py").rename(tree / "old.bak")
            (tree / "old.py").symlink_to(tree / "clean.py")
        fsync(fd)
    monkeypatch.setattr(report_file.os, "fsync", swap_then_fsync)
    code, _, err = _run(capsys, "--write", "old.py")
    assert code == EXIT_FINDINGS and "old.py: it was replaced or changed while diracmod was writing it" in err
    assert (tree / "clean.py").read_text() == "x = 1\n" and (tree / "old.bak").read_text() == PY2
    assert [p.name for p in tree.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_write_keeps_owner_group_and_mode(tree, capsys):
    os.chown(tree / "old.py", 65534, 65534)
    os.chmod(tree / "old.py", 0o640)
    code, _, _ = _run(capsys, "--write", "old.py")
    status = (tree / "old.py").stat()
    assert (code, (tree / "old.py").read_text()) == (EXIT_CLEAN, FIXED)
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (65534, 65534, 0o640)


@pytest.mark.parametrize("terminated", [False, True], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_write_says_what_it_wrote_and_what_is_left(tree, capsys, monkeypatch, terminated):
    # tryout16 #15: Ctrl-C in a large tree printed only "diracmod: interrupted", as if nothing was written;
    # the files fixed before it stay written (each whole, atomically): the message counts them and the rest
    from diracmod.exits import Terminated
    for name in ("a_old.py", "b_old.py", "c_old.py"):
        (tree / name).write_text(PY2)
    real, results_seen = engine.run, []

    def stop_after(paths, plan, jobs, progress=None, **kwargs):
        for result in real(paths, plan, jobs, progress, **kwargs):
            if len(results_seen) == 3:
                raise Terminated() if terminated else KeyboardInterrupt()
            results_seen.append(result.path)
            yield result
    monkeypatch.setattr(engine, "run", stop_after)
    code, _, err = _run(capsys, "--write", "-j", "1", ".")
    assert code == (143 if terminated else 130)
    written = sum((tree / path).read_text() != PY2 for path in results_seen if path.endswith("old.py"))
    how = "terminated" if terminated else "interrupted"
    assert err.splitlines()[-1] == (f"diracmod fix: {how} after writing {written} file(s) (2 not yet fixed); "
                           f"run it again to fix the rest")
    assert written >= 1
    for name in ("a_old.py", "b_old.py", "c_old.py", "old.py"):  # each file whole: fixed or as it was
        assert (tree / name).read_text() in (PY2, FIXED)


def test_an_interrupted_diff_only_says_interrupted(tree, capsys, monkeypatch):
    def stop(paths, plan, jobs, progress=None, **kwargs):
        raise KeyboardInterrupt()
        yield
    monkeypatch.setattr(engine, "run", stop)
    code, _, err = _run(capsys, ".")
    assert (code, err.splitlines()[-1]) == (130, "diracmod: interrupted")


@pytest.mark.parametrize("settings", [None, "setup.cfg"])
def test_the_summary_says_the_project_index_read_only_the_directory_given_when_no_settings_file_marks_the_root(
        tmp_path, monkeypatch, capsys, settings):
    # tryout24 #6: `cd scripts && diracmod fix .` read scripts/ only (README's documented scope): a test elsewhere
    # writing `__builtin__.raw_input = fake` was not seen, and nothing said so
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "cli.py").write_text('def confirm(q):\n    return raw_input(q + " [y/n] ")\n')
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_cli.py").write_text("import __builtin__\nimport cli\n__builtin__.raw_input = len\n")
    if settings:
        (tmp_path / settings).write_text("[pycodestyle]\nmax-line-length = 120\n")
    monkeypatch.chdir(tmp_path / "scripts")
    main(["fix", "-j", "1", "."])
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if "project index:" in line]
    if settings:
        assert not said, err  # the project's root (the settings file's) read: nothing to note
    else:
        assert said == ["diracmod fix: note: project index: read scripts/ (the working directory) only (no "
                        "pyproject.toml, setup.cfg or tox.ini found above it): writes made by modules outside it "
                        "(a test faking raw_input) are not seen; run fix on the project's root or add a settings "
                        "file there"], err
    main(["fix", "-q", "-j", "1", "."])
    assert "project index:" not in capsys.readouterr().err

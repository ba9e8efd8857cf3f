"""`diracmod run-both`: the lines where a script's output differs between the interpreters, and only those."""
import os
import textwrap
import time

from tests.fix.helpers import python27
from tests.testrun.helpers import alive, diracmod


def _script(tmp_path, text):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(text))
    return str(script)


def test_dict_order_division_and_map_are_shown(tmp_path):
    script = _script(tmp_path, """\
        from __future__ import print_function
        import sys
        print("same on both")
        print(list({"banana": 1, "apple": 2, "cherry": 3, "date": 4, "elder": 5}))
        print(7 / 2)
        print(map(str, [1, 2]))
        print(sys.argv[1:])
        """)
    proc = diracmod(python27(), "run-both", script, "--flag", "x")
    assert proc.returncode == 1, proc.stderr
    removed = [line[1:] for line in proc.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in proc.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert "3" in removed and "3.5" in added  # division
    assert "['1', '2']" in removed and any(line.startswith("<map object at") for line in added)
    assert "['banana', 'apple', 'cherry', 'date', 'elder']" in added  # insertion order on Python 3 only
    assert sorted(eval(next(line for line in removed if "banana" in line))) == sorted(  # noqa: S307
        ["banana", "apple", "cherry", "date", "elder"])
    assert "same on both" not in proc.stdout and "['--flag', 'x']" not in proc.stdout  # same lines stay out


def test_unicode_and_long_reprs_are_normalised(tmp_path):
    script = _script(tmp_path, """\
        from __future__ import print_function
        print(repr(u"text"), repr([u'a', 2 ** 70]))
        """)
    proc = diracmod(python27(), "run-both", script)
    assert proc.returncode == 0, proc.stdout
    assert "same output" in proc.stderr


def test_an_exception_on_one_interpreter_is_a_difference(tmp_path):
    script = _script(tmp_path, """\
        d = {"a": 1}
        for key in d.keys():
            d["b"] = 2
        """)
    proc = diracmod(python27(), "run-both", script)
    assert proc.returncode == 1
    assert "+[stderr] RuntimeError: dictionary changed size during iteration" in proc.stdout
    assert "-[exit status 0]" in proc.stdout and "+[exit status 1]" in proc.stdout


def test_a_missing_script_is_a_usage_error(tmp_path):
    proc = diracmod(python27(), "run-both", str(tmp_path / "nope.py"))
    assert proc.returncode == 2 and "no such file" in proc.stderr


def _forking(tmp_path, parent):
    """A script whose child, in a session of its own, holds stdout open for 300 s; then the parent's `parent`."""
    pids = tmp_path / "pids"
    return pids, _script(tmp_path, f"""\
        import os
        import sys
        import time
        if os.fork() == 0:  # in a session of its own, holding stdout open after the script has ended
            os.setsid()
            with open({str(pids)!r}, "a") as handle:
                handle.write("%d\\n" % os.getpid())
            time.sleep(300)
            os._exit(0)
        {parent}
        """)


def test_the_timeout_is_a_wall_deadline_and_kills_a_child_holding_the_output(tmp_path):
    pids, script = _forking(tmp_path, "time.sleep(300)")
    started = time.monotonic()
    proc = diracmod(python27(), "run-both", "--timeout", "3", script)
    elapsed = time.monotonic() - started
    children = [int(pid) for pid in pids.read_text().split()]
    try:
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.count("killed at the timeout (3 s)") == 2, proc.stderr
        assert elapsed < 30  # measured under load: ~8 s (two 3 s timeouts)
        assert len(children) == 2 and not any(alive(pid) for pid in children)
    finally:
        for pid in children:
            if alive(pid):
                os.kill(pid, 9)


def test_a_script_that_exits_while_a_child_holds_its_output_is_compared(tmp_path):
    # tryout16 #14: a daemonising script (fork, the parent returns) waited for the child to close the pipe and was
    # reported "killed at the timeout" under both interpreters; its own exit and output are what is compared
    pids, script = _forking(tmp_path, 'sys.stdout.write("parent\\n"); sys.stdout.flush(); sys.exit(3)')
    started = time.monotonic()
    proc = diracmod(python27(), "run-both", "--timeout", "60", script)
    elapsed = time.monotonic() - started
    children = [int(pid) for pid in pids.read_text().split()]
    try:
        assert proc.returncode == 0, (proc.stdout, proc.stderr)
        assert "killed at the timeout" not in proc.stderr
        assert proc.stderr.count("the script exited 3; a process it started kept its output open") == 2, proc.stderr
        assert "same output under both interpreters" in proc.stderr
        assert elapsed < 40  # two grace periods and the kills, not two 60 s timeouts
        assert len(children) == 2 and not any(alive(pid) for pid in children)  # still killed: no leak
    finally:
        for pid in children:
            if alive(pid):
                os.kill(pid, 9)

"""A hanging test never hangs `diracmod tests`: interrupted by the per-test alarm, or killed with its processes
(and the rest of the suite run on), or stopped at the whole-run deadline; each reported by name."""
import os
import time

from tests.fix.helpers import python27
from tests.testrun.helpers import alive, diracmod, project, report

HANG = "tests/test_hang.py::Hang::"
HANGING = """\
    import os
    import signal
    import subprocess
    import sys
    import time
    import unittest


    class Hang(unittest.TestCase):
        def test_a_passes(self):
            pass

        def test_b_loops(self):
            while True:
                pass

        def test_c_ignores_the_alarm(self):
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
            with open(os.environ["CHILD_PIDS"], "a") as pids:
                pids.write("%d\\n" % child.pid)
            time.sleep(300)

        def test_d_passes(self):
            pass
    """


def test_hanging_tests_are_killed_and_named_and_the_suite_goes_on(tmp_path, monkeypatch):
    root = project(tmp_path / "hang", {"tests/test_hang.py": HANGING}, "test-timeout = 1\n")
    pids = tmp_path / "pids"
    monkeypatch.setenv("CHILD_PIDS", str(pids))
    started = time.monotonic()
    proc = diracmod(python27(), "tests", str(root), timeout=120)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr  # test_a and test_d pass on both
    document = report(root)
    for role in ("python2", "python3"):
        run = document["interpreters"][role]
        assert run["killed"] == [HANG + "test_b_loops", HANG + "test_c_ignores_the_alarm"]
        assert run["passed"] == 2  # test_d ran after the kill
        assert any(HANG + "test_c_ignores_the_alarm" in problem and "(test-timeout 1 s," in problem
                   for problem in run["problems"])
    outcomes = {t["id"]: t["python3"]["outcome"] for t in document["tests"]}
    assert outcomes[HANG + "test_d_passes"] == "passed"
    assert {c["cause"] for c in document["causes"]} == {"killed (timeout)"}
    assert f"killed {HANG}test_c_ignores_the_alarm" in proc.stdout
    children = [int(pid) for pid in pids.read_text().split()]
    assert len(children) == 2 and not any(alive(pid) for pid in children)  # killed with the process group
    assert elapsed < 60  # measured under load: ~10 s


def test_the_whole_run_deadline(tmp_path, monkeypatch):
    root = project(tmp_path / "hang", {"tests/test_hang.py": HANGING}, "test-timeout = 100\ndeadline = 3\n")
    monkeypatch.setenv("CHILD_PIDS", str(tmp_path / "pids"))
    started = time.monotonic()
    proc = diracmod(python27(), "tests", str(root), timeout=120)
    assert time.monotonic() - started < 60
    document = report(root)
    run = document["interpreters"]["python2"]
    assert run["killed"] == [HANG + "test_b_loops"]  # the alarm never came: the deadline did
    assert run["problems"] == [f"killed at the whole-run deadline (3 s) while {HANG}test_b_loops ran"]
    assert HANG + "test_d_passes" not in {t["id"] for t in document["tests"]}  # no time left
    assert proc.returncode == 0  # test_a passes on both


def test_pytest_hanging_tests_are_killed_by_name_and_the_suite_goes_on(tmp_path, monkeypatch):
    """pytest has no alarm of ours: it is killed when no test finishes in time, the test named, and started again
    without the tests that ran (--deselect); the outcomes before the kill come from its -v lines."""
    # pytest's start-up (imports, collection) counts towards the first test's patience (test-timeout twice):
    # 4 s, not 1, so that a loaded CI machine does not kill it before its first test
    root = project(tmp_path / "hang", {"tests/test_hang.py": HANGING},
                   'test-timeout = 4\npython2-runner = "unittest"\npython3-runner = "pytest"\n')
    monkeypatch.setenv("CHILD_PIDS", str(tmp_path / "pids"))
    proc = diracmod(python27(), "tests", str(root), timeout=120)
    document = report(root)
    assert document["interpreters"]["python3"]["killed"] == [HANG + "test_b_loops",
                                                             HANG + "test_c_ignores_the_alarm"]
    outcomes = {t["id"]: t["python3"]["outcome"] for t in document["tests"]}
    assert outcomes[HANG + "test_a_passes"] == outcomes[HANG + "test_d_passes"] == "passed"
    assert proc.returncode == 0  # one id whatever the runner: the tests unittest passed on python2 pytest passed


ESCAPING = """\
    import os
    import time
    import unittest


    class Escape(unittest.TestCase):
        def test_a_leaves_a_daemon(self):
            if os.fork() == 0:  # a child in a session of its own, then a grandchild: out of every process group
                os.setsid()
                if os.fork() == 0:
                    with open(os.environ["CHILD_PIDS"], "a") as pids:
                        pids.write("%d\\n" % os.getpid())
                    time.sleep(300)
                os._exit(0)
            time.sleep(0.5)
    """


def test_a_tests_children_in_a_session_of_their_own_are_killed(tmp_path, monkeypatch):
    root = project(tmp_path / "escape", {"tests/test_escape.py": ESCAPING})
    pids = tmp_path / "pids"
    monkeypatch.setenv("CHILD_PIDS", str(pids))
    proc = diracmod(python27(), "tests", str(root), timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    children = [int(pid) for pid in pids.read_text().split()]
    try:
        assert len(children) == 2 and not any(alive(pid) for pid in children)
    finally:
        for pid in children:  # a failing run must not leave them to the next one
            if alive(pid):
                os.kill(pid, 9)


PASSES = """\
    import unittest


    class Passes(unittest.TestCase):
        def test_passes(self):
            pass
    """


def test_a_test_module_that_ends_or_hangs_the_process_at_import_is_named_and_the_suite_goes_on(tmp_path):
    """os._exit() at import ended the runner during discovery: every result was lost, and nothing named it."""
    root = project(tmp_path / "ends", {"tests/test_a.py": PASSES, "tests/test_exits.py": "import os\nos._exit(3)\n",
                                       "tests/test_hangs.py": "import time\ntime.sleep(300)\n",
                                       "tests/test_z.py": PASSES}, "test-timeout = 1\n")
    proc = diracmod(python27(), "tests", str(root), timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # test_a and test_z pass on both
    document = report(root)
    for role in ("python2", "python3"):
        assert document["interpreters"][role]["passed"] == 2
        assert document["interpreters"][role]["killed"] == ["tests/test_hangs.py::(import)"]
    rows = {t["id"]: t for t in document["tests"]}
    assert rows["tests/test_exits.py::(import)"]["python2"]["error"] == (
        "diracmod.ProcessExit: the test process ended (exit status 3) while importing test_exits (os._exit(), a "
        "crash or a signal); the suite ran again without it")
    assert rows["tests/test_exits.py::(import)"]["python3"]["cause"] == "ProcessExit"
    assert document["summary"]["importing_on_neither_modules"] == ["tests/test_exits.py", "tests/test_hangs.py"]

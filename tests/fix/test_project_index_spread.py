"""The project index reads its *.py files in the run's -j processes (check's engine.spread): it is built before
the per-file work, so its reads were serial in a run's wall time. The index is the one a single process builds,
and the parent remembers what its processes read."""
import functools
import os

from diracmod.check import engine
from diracmod.source import project_index
from diracmod.source.project_index import facts, hooks, reads, scan


def _pid(path):
    return os.getpid()


def _project(root):
    """A project of over 2 x 64 kB (spread then starts two processes) with facts in several files."""
    (root / "main.py").write_text("import locale, client\nlocale.setlocale(locale.LC_ALL, '')\n"
                                  "client.urllib2 = None\nclass C(object):\n    def keys(self):\n"
                                  "        return 1\n" + "# more\n" * 8000)
    (root / "client.py").write_text("import urllib2\n")
    for number in range(40):
        (root / f"m{number}.py").write_text(f"from main import C\nclass D{number}(C):\n"
                                            "    def __lt__(self, other):\n        return True\n" + "x = 1\n" * 1000)
    return sorted(str(path) for path in root.iterdir())


def test_spread_answers_in_order_from_other_processes(tmp_path):
    paths = _project(tmp_path)
    assert engine.spread(os.path.getsize, paths, 2) == [os.path.getsize(path) for path in paths]
    assert os.getpid() not in engine.spread(_pid, paths, 2)  # the pool's (how many of them took work: the load's)
    assert set(engine.spread(_pid, paths, 1)) == {os.getpid()}


def test_the_index_built_in_processes_is_the_one_built_in_one(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.setattr(scan, "_MEMO", {})
    alone = project_index.build(str(tmp_path), (), 1_000_000)
    monkeypatch.setattr(scan, "_MEMO", {})
    spread = project_index.build(str(tmp_path), (), 1_000_000, mapped=functools.partial(engine.spread, jobs=2))
    assert spread == alone
    assert alone.entries == (("keys", "main.py:5"),) and len(alone.ordered) == 40
    assert alone.sets_locale == "main.py:2" and alone.readers == (("client", "urllib2", "main.py:3"),)
    # a second build in the process reads no file again
    for module in (facts, hooks, reads):  # the index's modules reading a file
        monkeypatch.setattr(module, "read_regular", None)
    assert project_index.build(str(tmp_path), (), 1_000_000) == alone


class _Unpicklable:
    """A plan's part that fails to pickle: a worker must get the plan without pickling (once, as it starts)."""

    def __reduce__(self):
        raise AssertionError("the plan was pickled")


def _plan_and_pid(path, plan):
    return path, plan.project.__class__.__name__, os.getpid()


def test_run_gives_each_worker_the_plan_once_not_with_each_chunk(tmp_path):
    # the plan carries the project index (422 kB pickled on Django, for each of 128 chunks: seconds of a run)
    paths = _project(tmp_path)
    plan = engine.Plan(checkers=frozenset(), project=_Unpicklable())
    for largest_first in (False, True):
        results = list(engine.run(paths, plan, 2, work=_plan_and_pid, largest_first=largest_first))
        assert [path for path, _, _ in results] == paths
        assert {name for _, name, _ in results} == {"_Unpicklable"}
        assert os.getpid() not in {pid for _, _, pid in results}

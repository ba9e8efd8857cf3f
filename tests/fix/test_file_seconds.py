"""Every stage of `fix` on one file honours max-file-seconds (tryout23 #5): the file is left unchanged with the
file-too-slow reason and the run goes on. A stage is made slow by a wrapper spinning (Python bytecode, where the
deadline's signal lands) far longer than the limit; a stage catching the deadline as an error of its own (the
syntax stage's piecewise run, retried on the whole module, or print_order's fissix parse) once ran on unbounded."""
from __future__ import annotations

import dataclasses
import threading
import time
import weakref

import pytest
from fissix.pgen2 import driver

from diracmod.check import engine as check_engine
from diracmod.cli import main
from diracmod.fix import engine
from diracmod.rules.py3k import syntax_fix
from tests.fix.helpers import everything

_LIMIT = 0.5  # max-file-seconds in these tests
_SPIN = 6.0  # how long a slowed stage spins: far past the limit
_BOUND = 3.5  # a file must be given up well before the spin ends
_CLI_LIMIT = 2.0


def _spin(seconds: float = _SPIN) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _slowed(original):
    def slow(*args, **kwargs):
        _spin()
        return original(*args, **kwargs)
    return slow


def _slow_fissix_fixer(monkeypatch):
    """The syntax stage's number fixer, run by fissix under the stage's `except Exception`."""
    monkeypatch.setattr(syntax_fix.FixNumbers, "transform", _slowed(syntax_fix.FixNumbers.transform))


def _slow_fissix_parse(monkeypatch):
    """fissix's parser: check's print_order reads the module with it (under its own `except Exception`)."""
    monkeypatch.setattr(driver.Driver, "parse_string", _slowed(driver.Driver.parse_string))


def _slow_libcst_stage(monkeypatch):
    from diracmod.rules import codemod
    monkeypatch.setattr(codemod, "apply", _slowed(codemod.apply))


def _slow_deep_stack_retry(monkeypatch):
    """A RecursionError in the main thread, then the retry on a deep stack (another thread, which the deadline's
    signal does not reach) is the slow one."""
    original = engine._fix

    def fix(*args):
        if threading.current_thread() is threading.main_thread():
            raise RecursionError("deep")
        _spin()
        return original(*args)
    monkeypatch.setattr(engine, "_fix", fix)


_CODE = b"import sys\nx = 7L\nprint >>sys.stderr, x\nfor i in xrange(3):\n    print i\n"


@pytest.mark.parametrize("slow", [_slow_fissix_fixer, _slow_fissix_parse, _slow_libcst_stage, _slow_deep_stack_retry],
                         ids=["fissix-fixer", "fissix-parse", "libcst-stage", "deep-stack-retry"])
def test_a_slow_stage_leaves_the_file_as_too_slow_within_the_limit(monkeypatch, slow):
    slow(monkeypatch)
    started = time.monotonic()
    result = engine.fix_bytes("m.py", _CODE, dataclasses.replace(everything(), max_seconds=_LIMIT))
    elapsed = time.monotonic() - started
    assert result.new is None and result.symbol == "file-too-slow", result.refused
    assert f"max-file-seconds ({_LIMIT:g} s)" in result.refused
    assert elapsed < _BOUND
    # nothing of the file's goes on meanwhile (a deep-stack thread left running held the worker, and the exit)
    assert not [t for t in threading.enumerate() if t.name == "diracmod-deep-stack" and t.is_alive()]


def test_the_deadline_is_not_an_error_a_stage_may_catch():
    """`except Exception` (fissix's, libcst's, a fallback of ours) must not swallow it, as it does not Ctrl-C."""
    assert not issubclass(check_engine.TooSlow, Exception)


def test_a_file_too_slow_is_left_unchanged_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    """(A limit the other file's fix, python2.7's start included, keeps within on a loaded machine.)"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(f"[tool.diracmod]\nmax-file-seconds = {_CLI_LIMIT}\n"
                                             "[tool.diracmod.fix]\nfuture-imports = []\n")
    slow = b"DATA = [1L, 2L, 123456789L]\n"
    (tmp_path / "slow.py").write_bytes(slow)
    (tmp_path / "other.py").write_bytes(b"x = 7L\n")
    transform = syntax_fix.FixNumbers.transform

    def spinning(self, node, results):  # slow on slow.py's number only
        if node.value == "123456789L":
            _spin(4 * _CLI_LIMIT)
        return transform(self, node, results)
    monkeypatch.setattr(syntax_fix.FixNumbers, "transform", spinning)
    started = time.monotonic()
    code = main(["fix", "--write", "-j", "1", "."])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1 and elapsed < 3 * _CLI_LIMIT
    assert (tmp_path / "slow.py").read_bytes() == slow, err
    assert (tmp_path / "other.py").read_bytes() == b"x = 7\n"
    assert f"slow.py: fixing it took longer than max-file-seconds ({_CLI_LIMIT:g} s)" in err


class _SlowToCollect:
    """An object whose weakref callback spins past the limit: the deadline lands where Python only reports it."""


def test_a_deadline_landing_in_a_weakref_callback_still_stops_the_file_and_prints_nothing(capsys):
    weakref_callbacks = []  # the references stay alive until the end of the test
    with pytest.raises(check_engine.TooSlow):
        with check_engine.time_limit(_LIMIT):
            victim = _SlowToCollect()
            weakref_callbacks.append(weakref.ref(victim, lambda ref: _spin(_LIMIT * 2)))
            del victim  # the callback runs now and swallows the first TooSlow
            _spin()  # the file's own work: must be stopped by the re-raised deadline
    assert "TooSlow" not in capsys.readouterr().err

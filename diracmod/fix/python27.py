"""Does python2.7 compile these bytes? Asked of a real python2.7, kept running beside each process that
fixes files (one per fix worker), because its own compiler is the exact answer and takes about a
millisecond, where re-parsing with fissix's Python 2 grammar takes tens. Where no python2.7 is found
(environment variable DIRACMOD_PY27, then `python2.7` on PATH), or it does not answer in time, the caller
falls back to the grammar (`compile` returns None); `diracmod fix` says so when one is found but fails.

The server never outlives its client: it ends when its stdin closes, which happens when the fix process
ends in any way (a pool worker killed by SIGTERM included), and a client forked from a process that had
a server forgets it (the child must not talk on its parent's pipe). A server that dies, answers nonsense
or misses its deadline is killed and started again on the next call."""
from __future__ import annotations

import os
import selectors
import shutil
import struct
import subprocess
import time
from multiprocessing.util import Finalize

# Length-prefixed messages both ways: the source bytes in, the error ("" when it compiles) out. stderr is
# dropped: python2.7's parser prints "s_push: parser stack overflow" there before raising MemoryError.
_SERVER = r"""
import struct, sys
read, write = sys.stdin.read, sys.stdout.write
write('2.7\n' if sys.version_info[:2] == (2, 7) else 'no\n')
sys.stdout.flush()
while True:
    header = read(4)
    if len(header) < 4:
        break
    source = read(struct.unpack('>I', header)[0])
    try:
        compile(source, '<fixed>', 'exec', 0, True)
        error = ''
    except SyntaxError as exc:
        error = '%s (line %s)' % (exc.msg, exc.lineno)
    except Exception as exc:
        error = '%s: %s' % (type(exc).__name__, exc)
    error = error.encode('utf-8', 'replace')
    write(struct.pack('>I', len(error)) + error)
    sys.stdout.flush()
"""

_START_SECONDS = 10.0  # a cold python2.7 (or a pyenv shim) may take a while to start
_SECONDS_PER_MB = 20.0  # python2.7 compiles a megabyte in well under a second
_MIN_SECONDS = 5.0
_GIVE_UP_AFTER = 3  # failures in a row of a server that started: then this process uses the grammar for good


def interpreter() -> str | None:
    return os.environ.get("DIRACMOD_PY27") or shutil.which("python2.7")


class _Unusable(Exception):
    """The server did not start, died, or missed its deadline."""


class Compiler:
    def __init__(self, executable: str | None):
        self.executable = executable
        self.process = None
        self.failures = 0

    def compile(self, source: bytes) -> str | None:
        """python2.7's error for `source` ("" if it compiles), or None: no answer, use the grammar."""
        if self.executable is None or self.failures >= _GIVE_UP_AFTER:
            return None
        started = self.process is not None
        try:
            if not started:
                self._start()
                started = True
            deadline = time.monotonic() + _MIN_SECONDS + _SECONDS_PER_MB * len(source) / 1e6
            self._send(struct.pack(">I", len(source)) + source, deadline)
            answer = self._read(struct.unpack(">I", self._read(4, deadline))[0], deadline)
        except _Unusable:
            self.stop()
            # one that did not start (no python2.7 there, or not one that works) is not tried again
            self.failures = self.failures + 1 if started else _GIVE_UP_AFTER
            return None
        except BaseException:  # the file's deadline (TooSlow) or Ctrl-C mid-exchange: the pipe is out of step
            self.stop()
            raise
        self.failures = 0
        return answer.decode("utf-8")

    def _start(self) -> None:
        try:
            self.process = subprocess.Popen([self.executable, "-E", "-S", "-c", _SERVER], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            raise _Unusable() from None
        os.set_blocking(self.process.stdin.fileno(), False)
        if self._read(4, time.monotonic() + _START_SECONDS) != b"2.7\n":
            raise _Unusable()

    def _send(self, data: bytes, deadline: float) -> None:
        """All of `data` by `deadline` (a server that stopped reading must not block us on a full pipe)."""
        fd, view = self.process.stdin.fileno(), memoryview(data)
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_WRITE)
            while view:
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    raise _Unusable()
                try:
                    view = view[os.write(fd, view):]  # non-blocking: as much as the pipe takes
                except BlockingIOError:
                    continue
                except OSError:  # BrokenPipeError: it died
                    raise _Unusable() from None

    def _read(self, size: int, deadline: float) -> bytes:
        """Exactly `size` bytes by `deadline`, reading the pipe unbuffered (select must see what is left)."""
        fd, data = self.process.stdout.fileno(), b""
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while len(data) < size:
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    raise _Unusable()
                chunk = os.read(fd, size - len(data))
                if not chunk:  # it ended
                    raise _Unusable()
                data += chunk
        return data

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.kill()
        process.stdin.close()
        process.stdout.close()
        process.wait()

    def forget(self) -> None:
        """In a forked child: the server is the parent's; close our copies of its pipes, leave it running."""
        if self.process is not None:
            self.process.stdin.close()
            self.process.stdout.close()
            self.process.returncode = 0  # never waited for or killed from here
            self.process = None


_compiler = None


def compiler() -> Compiler:
    """This process's compiler (its server started on first use, stopped and waited for at exit)."""
    global _compiler
    if _compiler is None:
        _compiler = Compiler(interpreter())
        # multiprocessing runs these at the exit of the main process (atexit) and of a pool worker (which
        # leaves by os._exit, past atexit): the server's CPU time is then counted in its parent's children
        Finalize(_compiler, _compiler.stop, exitpriority=0)
    return _compiler


def broken() -> str | None:
    """Why the python2.7 that would verify the rewrites (DIRACMOD_PY27, else `python2.7` on PATH: a pyenv shim
    with no 2.7 installed is one) cannot, or None: it works, or there is none (the grammar then, as documented).
    Said once by the command, before its workers each find it out and fall back to the grammar. Asked of a
    one-shot run of the server (it says which Python it is, then ends at the end of its input): a server kept
    here would idle through a run whose workers each start their own."""
    executable = interpreter()
    if not executable:
        return None
    try:
        answer = subprocess.run([executable, "-E", "-S", "-c", _SERVER], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=_START_SECONDS).stdout
    except (OSError, subprocess.SubprocessError):
        answer = b""
    if answer == b"2.7\n":
        return None
    setting = os.environ.get("DIRACMOD_PY27")
    named = f"DIRACMOD_PY27={setting}" if setting else f"python2.7 on PATH ({executable})"
    why = "runs, but is not Python 2.7" if answer == b"no\n" else "does not run"
    return f"{named} {why}"


def _forget_in_child() -> None:
    global _compiler
    if _compiler is not None:
        _compiler.forget()
        _compiler = None


os.register_at_fork(after_in_child=_forget_in_child)

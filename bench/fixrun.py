"""`diracmod fix --write` on a copy of a real py2 corpus, and what the result must satisfy (stdlib only).

Shared by tests/fix/test_fix_corpora.py, tests/fix/test_fix_suites.py and the fix benchmarks. One call of
`fix_corpus` copies the sdist, fixes the copy once (-j 2, with the project's [tool.diracmod.fix]: bench/suites.py
fix_settings), then records everything the assertions need:
Python 3 parse errors, python2.7 compile errors and COMMENT token counts before and after, which files
changed, whether a second run (`fix --check`) would change anything, and what `check --select py3k` still
reports. `shared_fix` does that once per corpus for all pytest-xdist workers of a session.
"""
from __future__ import annotations

import ast
import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
import time
import traceback
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import corpora, suites
from diracmod.core.catalogue import load as load_catalogue
from diracmod.core.config import Config

JOBS = 2  # CI's machines have 2 cores: one fix run per corpus, on both

# One python2.7 process for a whole tree: py_compile.compile (what `python2.7 -m py_compile` calls for each
# name) into /dev/null so the tree gets no .pyc, and the COMMENT tokens of Python 2's own tokenize, which reads
# Python 2 source (Python 3.12's tokenize rejects backticks and 0777). File names come on stdin, one a line.
_PY27_SCAN = r"""
import json, os, py_compile, sys, tokenize
result = {}
for name in sys.stdin.read().splitlines():
    try:
        py_compile.compile(name, cfile=os.devnull, doraise=True)
        error = None
    except py_compile.PyCompileError as exc:
        error = exc.msg.decode('utf-8', 'replace')
    try:
        with open(name, 'rb') as source:
            comments = sum(1 for token in tokenize.generate_tokens(source.readline) if token[0] == tokenize.COMMENT)
    except (tokenize.TokenError, SyntaxError):
        comments = None
    result[name] = [error, comments]
json.dump(result, sys.stdout)
"""


def py27_scan(root: Path, files: list[str]) -> dict:
    """{file: [python2.7 compile error or None, COMMENT token count or None]} for files relative to root."""
    proc = subprocess.run([corpora._require_py27(), "-c", _PY27_SCAN], cwd=root, input="\n".join(files),
                          capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"the python2.7 compile scan failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def py3_parse_errors(root: Path, files: list[str]) -> dict:
    """{file: error} for the files Python 3 (this interpreter) cannot parse."""
    errors = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes: SyntaxWarning, not an error
        for name in files:
            try:
                ast.parse((root / name).read_bytes(), name)
            except (SyntaxError, ValueError) as exc:  # ValueError: null bytes
                errors[name] = f"{type(exc).__name__}: {exc}"
    return errors


def digests(root: Path, files: list[str]) -> dict:
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in files}


def diracmod(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diracmod", *args], cwd=cwd, capture_output=True, text=True)


def modernize_command(jobs: int) -> list:
    """python-modernize 0.8 (in the test extras), the anchor: rewrite in place, no backups, in the current dir."""
    script = Path(sys.executable).with_name("python-modernize")
    return [str(script) if script.exists() else "python-modernize", "-w", "-n", "-j", str(jobs), "."]


@dataclass(repr=False)  # pytest shows the repr of a failing test's fixture: the name, not every file
class FixedCorpus:
    name: str
    root: str  # the fixed copy
    files: list  # every *.py, relative to root
    before: dict  # py27_scan of the original
    after: dict  # py27_scan of the fixed copy
    py3_before: dict  # py3_parse_errors of the original
    py3_after: dict
    changed: list  # files whose bytes the fix changed
    fix_code: int
    fix_stderr: str
    fix_seconds: float
    second_code: int  # `fix --check` on the fixed copy (1 when a file is refused, as on the first run)
    second_output: str  # its summary
    second_wrote: list  # files whose bytes changed during `fix --check` (it must write nothing)
    left: list  # `check --select py3k --format json` findings on the fixed copy
    check_stderr: str
    second_diff: str = ""  # when a second run would change something: the start of its diff

    def __repr__(self):
        return f"FixedCorpus({self.name!r}, {self.root!r})"

    @property
    def refused(self) -> list:
        """The files fix left unchanged as not safely fixable: the `left unchanged:` part of its summary."""
        _, _, part = self.fix_stderr.partition("\nleft unchanged:\n")
        lines = part.splitlines()
        return sorted(line.strip().split(": ", 1)[0] for line in lines[:next(
            (i for i, line in enumerate(lines) if not line.startswith("  ")), len(lines))])

    @property
    def py27_broken(self) -> list:
        """Files python2.7 could not compile before the fix either (test data with deliberate syntax errors)."""
        return sorted(name for name, (error, _) in self.before.items() if error)


def copy_corpus(name: str, workdir: Path) -> Path:
    """A fresh copy of corpus `name`'s project root in workdir; returns its path. diracmod's own cache, which a
    check run on the corpus in place leaves in its root (hundreds of MB of reports), is not copied: each side of a
    benchmark starts from the sdist as released."""
    source = corpora.fetch(name)
    root = Path(workdir) / source.name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(Config.cache_dir))
    return root


def fix_corpus(name: str, workdir: Path) -> FixedCorpus:
    """Copy corpus `name` into workdir, fix the copy in place with --write, and record the evidence."""
    root = copy_corpus(name, workdir)
    files = [p.as_posix() for p in corpora.python_files(root)]
    before, py3_before, original = py27_scan(root, files), py3_parse_errors(root, files), digests(root, files)

    with suites.fix_settings(name, root):
        start = time.perf_counter()
        fix = diracmod("fix", "--write", "-j", str(JOBS), ".", cwd=root)
        fix_seconds = time.perf_counter() - start
        fixed = digests(root, files)
        second = diracmod("fix", "--check", "-j", str(JOBS), ".", cwd=root)
        after_second = digests(root, files)
        # --check exits 1 on refused files as well: its summary says whether anything would change
        would_change = " 0 file(s) would be changed," not in second.stderr
        second_diff = diracmod("fix", "-q", "-j", str(JOBS), ".", cwd=root).stdout[:20000] if would_change else ""
    check = diracmod("check", "--select", "py3k", "--format", "json", "--no-cache", "-q", "-j", str(JOBS), ".",
                     cwd=root)
    try:
        left = json.loads(check.stdout)
    except ValueError:
        raise RuntimeError(f"check gave no JSON (exit {check.returncode}):\n{check.stderr[-2000:]}") from None
    return FixedCorpus(
        name=name, root=str(root), files=files, before=before, after=py27_scan(root, files),
        py3_before=py3_before, py3_after=py3_parse_errors(root, files),
        changed=[f for f in files if fixed[f] != original[f]],
        fix_code=fix.returncode, fix_stderr=fix.stderr[-5000:], fix_seconds=fix_seconds,
        second_code=second.returncode, second_output=second.stderr[:5000] + second.stdout[-2000:],
        second_diff=second_diff,
        second_wrote=[f for f in files if after_second[f] != fixed[f]],
        left=left, check_stderr=check.stderr[-2000:])


def shared_fix(name: str, workdir: Path) -> FixedCorpus:
    """fix_corpus(name) once for every process sharing workdir (pytest-xdist workers): the first one to get
    the corpus's lock runs it, the others wait and read its result; a failure is kept and raised to each."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    result_file = workdir / f"{name}.json"
    with open(workdir / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not result_file.exists():
            try:
                record = {"result": asdict(fix_corpus(name, workdir / name))}
            except Exception:  # noqa: BLE001  kept for every test of this corpus, not re-run per test
                record = {"error": traceback.format_exc()}
            result_file.write_text(json.dumps(record))
    record = json.loads(result_file.read_text())
    if "error" in record:
        raise RuntimeError(f"fixing {name} failed:\n{record['error']}")
    return FixedCorpus(**record["result"])


def fixable_symbols() -> set:
    """What `diracmod fix --write` must leave no finding of: fixable rules, less the unsafe ones (only --unsafe
    rewrites those: they stay findings for a person)."""
    return {rule.symbol for rule in load_catalogue().rules if rule.fixable and not rule.unsafe}

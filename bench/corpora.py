"""Real py2-era corpora and the pylint --py3k oracle, for benchmarks and tests (stdlib only).

The sdists and the oracle install live in git-ignored caches (see /work/shared/CORPORA.md):
never commit them. Everything here is idempotent and cheap once the caches are warm.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple, Optional

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("DIRACMOD_CORPORA") or ROOT / ".corpora")
ORACLE = ROOT / ".oracle" / "py27"
# What the anchors (pylint 1.9.5, pycodestyle) reported on a corpus, keyed by their version and input:
# next to the oracle install, which CI keeps between runs (a fresh clone computes them once).
ANCHOR_RESULTS = ROOT / ".oracle" / "results"


class Corpus(NamedTuple):
    requirement: str
    archive: str
    python3: bool = False  # a hybrid release: Python 3's pip builds its metadata (python2.7's may not)


CORPORA = {
    "Django": Corpus("Django==1.4.22", "Django-1.4.22.tar.gz"),
    "Twisted": Corpus("Twisted==12.3.0", "Twisted-12.3.0.tar.bz2"),
    "BeautifulSoup": Corpus("BeautifulSoup==3.2.2", "BeautifulSoup-3.2.2.tar.gz"),
    "mechanize": Corpus("mechanize==0.2.5", "mechanize-0.2.5.zip"),
    "suds": Corpus("suds==0.4", "suds-0.4.tar.gz"),
    "web.py": Corpus("web.py==0.38", "web.py-0.38.tar.gz"),
    "Paste": Corpus("Paste==1.7.5.1", "Paste-1.7.5.1.tar.gz"),
    # Already runs on Python 3 (the "after" picture): every py3k finding on it should be a real difference.
    "DIRAC": Corpus("DIRAC==7.2.0", "DIRAC-7.2.0.tar.gz", python3=True),
}

# Exact recipe from CORPORA.md: newer releases of these deps no longer support python2.7.
ORACLE_REQUIREMENTS = [
    "pylint==1.9.5", "astroid==1.6.6", "mccabe<0.7", "isort<5", "lazy-object-proxy<1.7",
    "wrapt<1.13", "six", "enum34", "singledispatch", "backports.functools_lru_cache",
    "configparser<5", "futures",
]
# Without it --py3k hides syntax errors, and we want to know which files pylint could not read.
ORACLE_ARGS = ("--enable=syntax-error",)
# Matched per (path, symbol) only: pylint reports it once per module name per *process*.
PER_FILE_SYMBOLS = frozenset({"bad-python3-import"})
KEYS = ("path", "line", "column", "message-id", "symbol", "message", "obj", "type")


def as_installed(env=None) -> dict:
    """`env` (default: this process's) for a measured diracmod run: Python may write and reuse diracmod's
    bytecode, as an installed copy has it. With PYTHONDONTWRITEBYTECODE set (some CI images, this project's
    sandbox) an editable install recompiles every module it imports on each run (~0.15 s a start)."""
    return {name: value for name, value in (os.environ if env is None else env).items()
            if name != "PYTHONDONTWRITEBYTECODE"}


def py27() -> Optional[str]:
    """Path of a python2.7 interpreter, or None if this machine has none."""
    env = os.environ.get("DIRACMOD_PY27")
    if env:
        return env
    pyenv = Path.home() / ".pyenv" / "versions" / "2.7.18" / "bin" / "python"
    if pyenv.exists():
        return str(pyenv)
    return shutil.which("python2.7")


def _require_py27() -> str:
    py = py27()
    if not py:
        raise RuntimeError("python2.7 not found (set DIRACMOD_PY27)")
    return py


def ensure_py27_six() -> None:
    """Give python2.7 six where it has none (pip install --user): the code `diracmod fix` writes imports it, and
    the tests run that code under python2.7 as a user's machine does (README: six for every interpreter)."""
    py = py27()
    if not py or subprocess.run([py, "-c", "import six"], capture_output=True).returncode == 0:
        return
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--user", "six"],
                   check=True)


# ---------------------------------------------------------------- corpora

_MARKER = ".diracmod-extracted"  # written last: its presence means the extraction is complete


def _safe_target(dest: Path, name: str) -> Path:
    """Refuse members that would land outside dest (absolute paths, '..')."""
    target = (dest / name).resolve()
    if not target.is_relative_to(dest.resolve()):
        raise ValueError(f"unsafe path in archive: {name!r}")
    return target


def _write(target: Path, src, executable: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        shutil.copyfileobj(src, out)
    os.chmod(target, 0o755 if executable else 0o644)


def _extract(archive: Path, dest: Path) -> None:
    # Regular files only: links and devices are never needed from an sdist and are the
    # usual traversal vectors. Writing members ourselves also avoids 3.12+'s tarfile filter warnings.
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    with zf.open(info) as src:
                        _write(_safe_target(dest, info.filename), src, bool((info.external_attr >> 16) & 0o111))
        return
    with tarfile.open(archive) as tf:  # compression (gz, bz2) is autodetected
        for member in tf:
            if member.isfile():
                target = _safe_target(dest, member.name)
                _write(target, tf.extractfile(member), bool(member.mode & 0o111))


def _project_root(dest: Path) -> Path:
    """An sdist holds one top-level dir (Django-1.4.22/): that's the project root."""
    entries = [p for p in dest.iterdir() if p.name != _MARKER]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else dest


def fetch(name: str) -> Path:
    """Download (python2.7's pip: py3's pip can't build their metadata) and extract once."""
    corpus = CORPORA[name]
    archive = CACHE / corpus.archive
    if not archive.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        python = sys.executable if corpus.python3 else _require_py27()
        subprocess.run([python, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        "-d", str(CACHE), corpus.requirement], check=True)
        if not archive.exists():
            raise RuntimeError(f"pip downloaded {corpus.requirement} but {archive} is missing")
    dest = CACHE / "src" / name
    if not (dest / _MARKER).exists():
        # Extract into a temp dir then rename: a crash or a concurrent worker never sees half a tree.
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{name}-"))
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700
        _extract(archive, tmp)
        (tmp / _MARKER).touch()
        try:
            os.rename(tmp, dest)
        except OSError:
            if (dest / _MARKER).exists():  # another process won the race
                shutil.rmtree(tmp)
            else:  # leftover from an older, interrupted layout
                shutil.rmtree(dest)
                os.rename(tmp, dest)
    return _project_root(dest)


def python_files(root: Path) -> list[Path]:
    """Every *.py under root (scripts and tests too, unlike pylint on a directory), sorted, relative."""
    root = Path(root)
    return sorted((p.relative_to(root) for p in root.rglob("*.py") if p.is_file()), key=lambda p: p.as_posix())


# ---------------------------------------------------------------- oracle

def ensure_oracle() -> None:
    """Install pylint 1.9.5 for python2.7 into ORACLE unless it is already there."""
    if (ORACLE / "pylint").exists():
        return
    subprocess.run([_require_py27(), "-m", "pip", "install", "--target", str(ORACLE), *ORACLE_REQUIREMENTS],
                   check=True)


def _pylint_version() -> str:
    infos = sorted(ORACLE.glob("pylint-*.dist-info"))
    return infos[0].name if infos else "unknown"


def _run_pylint_chunk(root: Path, files: list[str], extra_args) -> list[dict]:
    cmd = [_require_py27(), "-m", "pylint", "--py3k", *extra_args, "--output-format=json",
           "--rcfile=/dev/null", "--persistent=n", *files]
    env = dict(os.environ, PYTHONPATH=str(ORACLE))
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    # Exit status is a bit mask (1 fatal, 2 error, 4 warning, ...); only 32 means pylint itself failed.
    out = proc.stdout.strip()
    try:
        if proc.returncode & 32 or (proc.returncode and not out):  # usage error, or a traceback
            raise ValueError("pylint failed")
        messages = json.loads(out) if out else []  # the json reporter prints nothing when clean
    except ValueError as exc:
        raise RuntimeError(f"pylint gave no JSON (exit {proc.returncode}, {exc}) on {files[0]}...:\n"
                           f"{out[:500]}\n{proc.stderr[-2000:]}") from None
    # The json reporter HTML-escapes messages (cgi.escape): undo that so texts compare with ours.
    return [{**{k: m.get(k) for k in KEYS}, "message": html.unescape(m.get("message") or "")} for m in messages]


def run_oracle(root: Path, files, jobs: int = 2, cache_name: Optional[str] = None, chunk: int = 100,
               extra_args=ORACLE_ARGS) -> list[dict]:
    """Real pylint --py3k messages for `files` (relative to root), cached on disk.

    Files are split into ~`chunk`-sized pylint processes run `jobs` at a time. The cache key covers
    the file list, pylint version, arguments and chunk size (it changes bad-python3-import counts).
    """
    ensure_oracle()
    files = [Path(f).as_posix() for f in files]
    key = hashlib.sha256("\n".join([_pylint_version(), repr(tuple(extra_args)), str(chunk), *files])
                         .encode()).hexdigest()[:16]
    cached = anchor_cache(f"pylint-{cache_name or Path(root).name}-{key}")
    messages = cached.load()
    if messages is not None:
        return messages
    n = max(1, -(-len(files) // chunk))
    size = -(-len(files) // n)  # even chunks of at most `chunk` files
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda c: _run_pylint_chunk(Path(root), c, extra_args), chunks))
    messages = [m for r in results for m in r]
    cached.save(messages)
    return messages


class AnchorCache(NamedTuple):
    """One anchor's results in ANCHOR_RESULTS (JSON), written atomically: xdist workers may race."""
    path: Path

    def load(self):
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return None

    def save(self, value) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.path.parent, suffix=".tmp", delete=False) as tmp:
            json.dump(value, tmp, indent=1)
        os.replace(tmp.name, self.path)


def anchor_cache(name: str) -> AnchorCache:
    return AnchorCache(ANCHOR_RESULTS / f"{name}.json")


# ---------------------------------------------------------------- comparison

def _norm_path(path: str) -> str:
    return os.path.normpath(path).replace("\\", "/")


def _index(messages) -> tuple[Counter, dict]:
    """Set of match keys (as a 0/1 Counter), plus the messages behind each key.

    Set semantics on (path, line, symbol): pylint reports some findings twice on one line (a call to a
    removed module function is reported for the call and for the attribute); one report per line is
    what a user wants, and what matching on (file, line, symbol) means."""
    counts, by_key = Counter(), defaultdict(list)
    for m in messages:
        if m.get("type") == "fatal":  # a pylint crash (astroid-error...), not a finding to match
            continue
        sym = m["symbol"]
        key = (_norm_path(m["path"]), None if sym in PER_FILE_SYMBOLS else m["line"], sym)
        counts[key] = 1
        by_key[key].append(m)
    return counts, by_key


def missed_paths(oracle: list[dict], ours: list[dict]) -> list[str]:
    """The files holding an oracle finding `ours` does not match (as `compare` matches them)."""
    return sorted({key[0] for key in _index(oracle)[0] - _index(ours)[0]})


def compare(oracle: list[dict], ours: list[dict], unguarded: Optional[list[dict]] = None) -> dict:
    """Match on (path, line, symbol) as sets; bad-python3-import on (path, symbol) only. "oracle" and
    "recall" leave out pylint's false positives that diracmod avoids on purpose ("excluded").

    `unguarded`: diracmod's findings with --include-py2-branches. A miss found there is code under a
    Python-2-only guard that diracmod exempts on purpose and pylint does not recognise ("guarded")."""
    o_counts, o_msgs = _index(oracle)
    u_counts, u_msgs = _index(ours)
    matched, missed, extra = o_counts & u_counts, o_counts - u_counts, u_counts - o_counts
    guarded = missed & _index(unguarded)[0] if unguarded is not None else Counter()
    missed = missed - guarded
    # pylint's own false positives that diracmod avoids on purpose (marked by differential.py): out of
    # the comparison, and counted per (symbol, pattern).
    excluded = Counter({k: n for k, n in missed.items() if all(m.get("pylint_false_positive") for m in o_msgs[k])})
    missed = missed - excluded
    symbols = {}
    for sym in sorted({k[2] for k in o_counts} | {k[2] for k in u_counts}):
        n_x = sum(v for k, v in excluded.items() if k[2] == sym)
        n_o = sum(v for k, v in o_counts.items() if k[2] == sym) - n_x
        n_m = sum(v for k, v in matched.items() if k[2] == sym)
        n_g = sum(v for k, v in guarded.items() if k[2] == sym)
        symbols[sym] = {"oracle": n_o, "matched": n_m, "recall": n_m / n_o if n_o else None, "guarded": n_g,
                        "explained": (n_m + n_g) / n_o if n_o else None, "excluded": n_x,
                        "extra": sum(v for k, v in extra.items() if k[2] == sym)}
    total_x = sum(excluded.values())
    total_o, total_m = sum(o_counts.values()) - total_x, sum(matched.values())
    return {
        "oracle": total_o,
        "ours": sum(u_counts.values()),
        "matched": total_m,
        "recall": total_m / total_o if total_o else None,
        "guarded": sum(guarded.values()),
        "excluded": total_x,
        "excluded_patterns": dict(Counter(f"{k[2]}: {o_msgs[k][-1]['pylint_false_positive']}" for k in excluded)),
        "excluded_findings": [o_msgs[k][-1] for k in sorted(excluded, key=str)],
        "extra": sum(extra.values()),
        "oracle_fatal": sum(1 for m in oracle if m.get("type") == "fatal"),
        "symbols": symbols,
        # the last n messages of each unmatched key stand for the unmatched occurrences
        "missed_findings": [m for k, n in sorted(missed.items(), key=str) for m in o_msgs[k][-n:]],
        "extra_findings": [m for k, n in sorted(extra.items(), key=str) for m in u_msgs[k][-n:]],
    }


def format_report(result: dict) -> str:
    def pct(x):
        return "     -" if x is None else f"{100 * x:5.1f}%"

    rows = sorted(result["symbols"].items(), key=lambda kv: (-kv[1]["oracle"], -kv[1]["extra"], kv[0]))
    width = max([len("symbol")] + [len(s) for s in result["symbols"]])
    lines = [f"{'symbol':<{width}}  {'oracle':>7}  {'matched':>7}  {'recall':>6}  {'guarded':>7}  "
             f"{'+guard':>6}  {'extra':>6}"]
    for sym, r in rows:
        lines.append(f"{sym:<{width}}  {r['oracle']:>7}  {r['matched']:>7}  {pct(r['recall'])}  "
                     f"{r['guarded']:>7}  {pct(r['explained'])}  {r['extra']:>6}")
    lines.append(f"{'TOTAL':<{width}}  {result['oracle']:>7}  {result['matched']:>7}  "
                 f"{pct(result['recall'])}  {result['guarded']:>7}  "
                 f"{pct((result['matched'] + result['guarded']) / result['oracle'] if result['oracle'] else None)}"
                 f"  {result['extra']:>6}")
    lines.append("guarded: missed only because diracmod exempts a Python-2-only branch pylint does not recognise "
                 "(found with --include-py2-branches); +guard: recall counting those as explained")
    if result.get("excluded"):
        lines.append(f"excluded from the comparison: {result['excluded']} pylint false positives diracmod avoids "
                     "on purpose (oracle counts above are without them):")
        lines += [f"   {n:>6}  {pattern}" for pattern, n in sorted(result["excluded_patterns"].items())]
    if result["oracle_fatal"]:
        lines.append(f"(oracle crashed: {result['oracle_fatal']} fatal messages, not counted)")
    return "\n".join(lines)

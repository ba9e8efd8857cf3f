"""Readiness over git history: each revision's files come from git objects (ls-tree + one cat-file --batch)
into a temporary directory this run owns, where only the files that changed since the previous revision
are rewritten; the check and import caches are keyed by content, so an unchanged file is never re-checked.
One row per revision goes to <output>/history.jsonl, the burn-down's data."""
from __future__ import annotations

import dataclasses
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from diracmod.core import atomic
from diracmod.report import pipeline
from diracmod.source import reader

HISTORY_FILE = "history.jsonl"
HISTORY_LIMIT = 100_000_000  # bytes of history.jsonl read (a row is ~1 kB per system and owner)


class HistoryError(Exception):
    """A revision range git cannot resolve, or no git repository; the message says which."""


def _git(directory: str, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True, timeout=600,
                              errors="surrogateescape")  # file names are bytes: a checkout writes them back as such
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HistoryError(f"git {' '.join(args[:2])}: {exc}") from None
    if done.returncode:
        raise HistoryError(f"git {' '.join(args)}: {_one_line(done.stderr)}")
    return done.stdout


def _one_line(stderr: str) -> str:
    """git's telling line of a failure (its `fatal:`/`error:` line, without the advice and usage text after it)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix):]
    if not lines:
        return "failed"
    return "git did not accept these arguments" if lines[0].startswith("usage:") else lines[0]


def _git_quiet(directory: str, *args: str) -> list | None:
    """The lines git prints for `args`, None when it fails (a git that does not run is left to _git's message)."""
    try:
        done = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True, timeout=600,
                              errors="surrogateescape")
    except (OSError, subprocess.TimeoutExpired):
        return []
    return done.stdout.split() if done.returncode == 0 else None


def _not_a_commit(directory: str, rev: str) -> str | None:
    """Why `rev` names no single commit in git's reading, or None when it names one."""
    if _git_quiet(directory, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}") is not None:
        return None
    single = _git_quiet(directory, "rev-parse", "--verify", "--quiet", "--end-of-options", rev)
    if single:  # an object, but no commit: a tree, a blob, or a tag of one
        kind = _git_quiet(directory, "cat-file", "-t", single[0])
        return f"`{rev}` names a {kind[0] if kind else 'git object'}, not a commit"
    if _git_quiet(directory, "rev-parse", "--revs-only", "--end-of-options", rev):
        return (f"`{rev}` is git's notation for a set of commits (`^@`, `^!`, `^-`), not one commit; "
                f"give each revision as a tag, branch or commit")
    return (f"git knows no commit `{rev}` in this repository; give tags, branches or commits it has "
            f"(`git tag`, `git log --oneline` list them)")


def _range_sides(spec: str) -> tuple:
    """`a..b` or `a...b` as (a, the dots, b), each side stripped; HistoryError where it is no such range."""
    dots = "..." if "..." in spec else ".."
    left, _, right = spec.partition(dots)
    left, right = left.strip(), right.strip()
    if ".." in right or ".." in left:
        raise HistoryError(f"--history {spec}: a range is `a..b` (or `a...b`), with one `..`")
    if not left and not right:
        raise HistoryError(f"--history {spec}: `{dots}` names no commit on either side; "
                           f"give a range such as `v1.0..HEAD`")
    return left, dots, right


def revisions(directory: str, spec: str) -> list:
    """Commits of `spec`, oldest first, each once: `a..b` (git rev-list), or a comma-separated list of revisions.
    Each revision is checked first, so that a wrong one gets one line of diracmod's, never git's usage text
    or its advice about `--` (this command's syntax has none)."""
    spec = spec.strip()
    if not spec.replace(",", " ").strip():
        raise HistoryError("--history needs revisions: a range (`v1.0..HEAD`) or a list (`v1.0,v1.1,HEAD`)")
    try:
        if ".." in spec:
            left, dots, right = _range_sides(spec)
            revs = [left, right]
        else:
            revs = [rev.strip() for rev in spec.split(",")]
        wrong = next((why for why in (_not_a_commit(directory, rev) for rev in revs if rev) if why), None)
        if wrong is not None:
            raise HistoryError(f"--history {spec}: {wrong}")
        if ".." in spec:
            commits = _git(directory, "rev-list", "--reverse", "--end-of-options", f"{left}{dots}{right}").split()
        else:
            commits = [_git(directory, "rev-parse", "--verify", "--end-of-options", rev + "^{commit}").strip()
                       for rev in revs if rev]
    except HistoryError as exc:
        if _git(directory, "rev-parse", "--is-shallow-repository").strip() == "true":
            raise HistoryError(f"{exc}\nhint: this is a shallow clone, so older commits are not in it; "
                               f"`git fetch --unshallow` fetches them") from None
        raise
    if not commits:
        raise HistoryError(f"--history {spec}: no commits in that range")
    return list(dict.fromkeys(commits))  # `HEAD,HEAD`: one row per commit


@dataclasses.dataclass(frozen=True)
class Revisions:
    """What --history reads, resolved before anything is written: the reported directory, its repository,
    the directory's path in it, and the commits."""
    directory: str
    repo: str
    prefix: str
    commits: list


def resolve(path: str, spec: str) -> Revisions:
    """`spec`'s commits for the tree at `path`; HistoryError (in diracmod's words) when there is no repository
    or git does not know a revision."""
    directory = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    if _outside_a_repository(directory):
        raise HistoryError(f"{path}: not a git repository: --history needs one (it reads each revision from git; "
                           f"report a git checkout, or drop --history)")
    repo = _git(directory, "rev-parse", "--show-toplevel").strip()
    prefix = os.path.relpath(directory, repo)
    prefix = "" if prefix == "." else prefix.replace(os.sep, "/")
    return Revisions(directory, repo, prefix, revisions(directory, spec))


def _outside_a_repository(directory: str) -> bool:
    """git runs and says `directory` is in no repository (any other failure is left to git's own message)."""
    try:
        done = subprocess.run(["git", "-C", directory, "rev-parse", "--show-toplevel"], capture_output=True,
                              text=True, timeout=600, env={**os.environ, "LC_ALL": "C", "LANGUAGE": "C"})
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode != 0 and "not a git repository" in done.stderr


def label(repo: str, commit: str) -> str:
    """A commit's name in the burn-down, the same for --history and --append-history: its tag, else its
    nearest tag and distance, else its first 10 hex digits."""
    return _git(repo, "describe", "--tags", "--always", "--abbrev=10", commit).strip()


def describe(path: str) -> dict:
    """The commit the reported tree is at, when it is in a git repository."""
    directory = path if os.path.isdir(path) else os.path.dirname(path) or "."
    try:
        commit, date, subject = _git(directory, "log", "-1", "--format=%H%x00%cI%x00%s").rstrip("\n").split("\x00")
        dirty = bool(_git(directory, "status", "--porcelain", "--", ".").strip())
        name = label(directory, commit)
    except (HistoryError, ValueError):
        return {"label": "working tree", "commit": None, "date": None}
    return {"label": name + ("+" if dirty else ""), "commit": commit, "date": date, "subject": subject}


def row(report: dict, where: dict) -> dict:
    def numbers(totals):
        return {"modules": totals["modules"], "ported": totals["status"]["ported"],
                "todo": totals["modules"] - totals["status"]["ported"], "lines": totals["lines"],
                "ported_lines": totals["status_lines"]["ported"], "effort": totals["effort"]}

    return {**where, "totals": numbers(report["totals"]),
            "systems": {s["name"]: numbers(s) for s in report["systems"]},
            "owners": {o["name"]: numbers(o) for o in report["owners"]}}  # empty: no owners known


class _Checkout:
    """The files under `prefix` at successive commits, in a directory of our own."""

    def __init__(self, repo: str, prefix: str, directory: str):
        self.repo, self.prefix, self.root = repo, prefix, os.path.join(directory, "tree")
        self.written = {}  # path -> blob id on disk
        self.cat = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE)

    def _blob(self, sha: str) -> bytes:
        self.cat.stdin.write(sha.encode() + b"\n")
        self.cat.stdin.flush()
        header = self.cat.stdout.readline().split()
        if len(header) != 3:
            raise HistoryError(f"git cat-file: cannot read object {sha}")
        data = self.cat.stdout.read(int(header[2]) + 1)
        return data[:-1]

    def checkout(self, commit: str) -> None:
        listing = _git(self.repo, "ls-tree", "-r", "-z", commit, "--", self.prefix or ".")
        wanted = {}
        for entry in listing.split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, sha = meta.split()
            rel = os.path.relpath(path, self.prefix or ".")
            top_level = os.sep not in rel
            if kind == "blob" and mode != "120000" and (rel.endswith(".py") or top_level) and not rel.startswith(".."):
                wanted[rel] = sha
        for rel in set(self.written) - set(wanted):
            os.remove(os.path.join(self.root, rel))
            del self.written[rel]
        for rel, sha in wanted.items():
            if self.written.get(rel) != sha:
                target = os.path.join(self.root, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(self._blob(sha))
                self.written[rel] = sha

    def close(self):
        self.cat.stdin.close()
        self.cat.wait(timeout=60)


def compute(resolved: Revisions, config, options, settings, output: str, warn) -> list:
    """One row per commit of `resolved` (resolve()), merged into <output>/history.jsonl (a row of the same commit
    is replaced, rows of other commits, e.g. from --append-history, are kept). `warn(message)` hears of oddities."""
    directory, repo, prefix, commits = resolved.directory, resolved.repo, resolved.prefix, resolved.commits
    earlier = _read_for_update(output, warn)
    # a row needs the numbers only: no fix previews, no test results (they are the working tree's), and
    # no whole-analysis reuse (each revision is another tree; its files' facts are cached one by one)
    options = dataclasses.replace(options, previews=False, reuse=False, output=None)
    rows = []
    work = tempfile.mkdtemp(prefix="diracmod-history-")
    checkout = _Checkout(repo, prefix, work)
    try:
        with _progress(len(commits), not options.quiet and sys.stderr.isatty()) as advance:
            for commit in commits:
                checkout.checkout(commit)
                os.makedirs(checkout.root, exist_ok=True)
                if not any(rel.endswith(".py") for rel in checkout.written):
                    warn(f"--history: at {commit[:10]} git tracks no Python file under {prefix or repo}: its row "
                         f"counts 0 modules (files git does not track are not in the history)")
                at = dataclasses.replace(options, revision=(directory, commit))  # owners as of that commit
                report = pipeline.run(checkout.root, config, at, settings).report
                date, subject = _git(repo, "log", "-1", "--format=%cI%x00%s", commit).rstrip("\n").split("\x00", 1)
                rows.append(row(report, {"label": label(repo, commit), "commit": commit, "date": date,
                                         "subject": subject}))
                advance()
    finally:
        checkout.close()
        shutil.rmtree(work, ignore_errors=True)
    _write(output, earlier + rows)
    return rows


class _progress:
    """A progress bar over revisions on a terminal (stderr), nothing otherwise."""

    def __init__(self, total, enabled):
        self.total, self.enabled, self.bar = total, enabled, None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        self.bar = Progress(TextColumn("history"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        task = self.bar.add_task("history", total=self.total)
        return lambda: self.bar.advance(task, 1)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.__exit__(*exc)


def append(output: str, entry: dict, warn) -> None:
    """`entry` into <output>/history.jsonl, replacing an earlier row of its commit."""
    _write(output, _read_for_update(output, warn) + [entry])


def load(output: str, warn) -> list:
    """The history rows; a line that is not a row (a hand edit, a cut-off write) is skipped. Only a regular
    file is read (`warn` says why another is not): a FIFO or /dev/zero in its place would never end, and a
    symbolic link could point at any file."""
    path = os.path.join(output, HISTORY_FILE)
    if not os.path.lexists(path):
        return []
    if os.path.islink(path):
        warn(f"{path} is a symbolic link: not read (a history written now replaces the link, not its target)")
        return []
    try:
        data = reader.read_regular(path, HISTORY_LIMIT)
    except reader.SourceError as exc:
        why = exc.detail.get("detail") or f"larger than {HISTORY_LIMIT // 1_000_000} MB"
        warn(f"{path}: {why}; not read")
        return []
    rows = []
    for line in data.decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and isinstance(item.get("systems"), dict) and "label" in item:
            rows.append(item)
    return rows


def _read_for_update(output: str, warn) -> list:
    """The rows a new history keeps; a regular file that cannot be read is not replaced (its rows would be lost)."""
    problems = []
    rows = load(output, problems.append)
    path = os.path.join(output, HISTORY_FILE)
    if problems and os.path.isfile(path) and not os.path.islink(path):
        raise HistoryError(f"{problems[0]}: it would be replaced, losing its rows (move it away, or choose "
                           f"another --output)")
    for problem in problems:
        warn(problem)
    return rows


def _write(output: str, rows: list) -> None:
    """One row per commit (the later row wins; rows without a commit are all kept), oldest commit first,
    written to a new file renamed over the old one: never appended through a link, never half written."""
    latest = {}
    for index, item in enumerate(rows):
        latest[item.get("commit") or ("no commit", index)] = item
    ordered = sorted(latest.values(), key=_when)
    atomic.write_text(os.path.join(output, HISTORY_FILE), "".join(json.dumps(r) + "\n" for r in ordered))


def _when(item: dict) -> float:
    """A row's commit time, for ordering; rows without one go last, in the order they came."""
    try:
        return datetime.datetime.fromisoformat(item["date"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return float("inf")

"""Who owns each module: CODEOWNERS when the project has one (GitHub's or GitLab's syntax, read with the
`codeowners` library: the last matching pattern wins, per GitLab section; GitLab's section default owners and
`!path` exclusions too), else the main authors of each file in git history (one bounded `git log --numstat`,
cached by commit). Under `--history` both are read as of each revision, from git objects.

A module with several owners counts under each of them in the per-owner table."""
from __future__ import annotations

import hashlib
import os
import posixpath
import re
import subprocess
from collections import Counter, defaultdict

from codeowners import CodeOwners

from diracmod.check.cache import ResultCache
from diracmod.source import reader as sources

# Where GitHub and GitLab look for the file, relative to the repository root.
LOCATIONS = (".github/CODEOWNERS", ".gitlab/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
MAX_BYTES = 1_000_000
HISTORY_COMMITS = 5000  # the most recent commits under the tree that git log reads: the cost bound
AUTHOR_SHARE = 0.25  # an author of at least this share of a file's changed lines is one of its main authors
MAIN_AUTHORS = 3
NO_OWNER = "(no owner)"
_HISTORY_FACTS = frozenset({"report-authors"})
# GitLab: `[Section][2] @a @b` or `^[Section] @a` (optional): a section whose lines without owners get the defaults.
_SECTION = re.compile(r"^\^?\[([^\]]+)\](?:\[\d+\])?\s*(.*)$")
_UNESCAPED_SPACE = re.compile(r"(?<!\\)\s+")  # between a pattern (`\ ` in it is a space) and its owners


class Source:
    """Where the owners come from, and the key of everything they depend on (for the report's cache).

    `revision`: (the tree's directory in its git repository, a commit) when `root` is a checkout of that tree
    at that commit (--history): CODEOWNERS and the authors are then read as of that commit."""

    def __init__(self, root: str, revision: tuple | None = None):
        self.root = os.path.abspath(root if os.path.isdir(root) else os.path.dirname(root) or ".")
        self.tree, commit = revision or (self.root, None)
        self.repo = _git(self.tree, "rev-parse", "--show-toplevel")
        self.head = (commit or _git(self.tree, "rev-parse", "--verify", "-q", "HEAD")) if self.repo else None
        self.codeowners, self.text, self.prefix = None, None, ""
        for base in dict.fromkeys(filter(None, (self.repo, self.tree))):  # the repository's first, then the tree's
            for location in LOCATIONS:
                text = self._read(os.path.join(base, location), commit)
                if text is not None:
                    self.codeowners, self.text = os.path.join(base, location), text
                    self.prefix = os.path.relpath(self.tree, base).replace(os.sep, "/")  # the tree, seen from base
                    break
            if self.text is not None:
                break

    def _read(self, path: str, commit: str | None) -> str | None:
        """The file's text in the working tree, or at `commit` from git objects."""
        if commit is None:
            try:
                return sources.read_regular(path, MAX_BYTES).decode("utf-8", "replace")
            except sources.SourceError:
                return None
        in_repo = os.path.relpath(path, self.repo).replace(os.sep, "/")
        if in_repo.startswith("../"):
            return None
        text = _git(self.tree, "cat-file", "blob", f"{commit}:{in_repo}", strip=False)
        return None if text is None or len(text) > MAX_BYTES else text

    def key(self) -> list:
        text_digest = self.text and hashlib.sha256(self.text.encode(errors="surrogateescape")).hexdigest()
        return [self.root, self.codeowners, text_digest, None if self.text is not None else self.head]

    def owners(self, paths: list, cache: ResultCache, warnings: list) -> tuple:
        """({path: [owner, ...]} or None when nothing says who owns the code, a sentence saying where from);
        CODEOWNERS lines that were ignored are added to `warnings`."""
        if self.text is not None:
            rules = Rules(self.text, gitlab=not self.codeowners.endswith(os.path.join(".github", "CODEOWNERS")))
            where = _where(os.path.relpath(self.codeowners, self.tree))
            warnings += [f"{where}: line {number} ignored ({reason})" for number, reason in rules.ignored]
            return ({path: rules.owners(posixpath.normpath(posixpath.join(
                        self.prefix, os.path.relpath(path, self.root).replace(os.sep, "/")))) for path in paths},
                    where)
        if not self.head:
            return None, "no CODEOWNERS and no git history for this tree"
        changed = self._history(cache)
        by_path = {path: _main_authors(changed.get(os.path.relpath(path, self.root).replace(os.sep, "/"), {}))
                   for path in paths}
        if not any(by_path.values()):
            return None, "no CODEOWNERS, and git history has no commit for these files"
        return by_path, f"main authors in git history (last {HISTORY_COMMITS} commits, lines changed per file)"

    def _history(self, cache: ResultCache) -> dict:
        """{path relative to the tree: {author: lines added + deleted}}, from one git log."""
        digest = hashlib.sha256(f"authors\0{self.head}\0{self.tree}\0{HISTORY_COMMITS}".encode()).hexdigest()
        cached = cache.get(digest, _HISTORY_FACTS)
        if cached is not None:
            return cached[0]
        log = _git(self.tree, "log", "--no-renames", "--relative", "--numstat", "-z", "--format=%x01%aN",
                   f"--max-count={HISTORY_COMMITS}", self.head, "--", ".", strip=False) or ""
        changed = defaultdict(Counter)
        for commit in log.split("\x01")[1:]:
            author, _, stats = commit.partition("\0")
            for entry in stats.lstrip("\n").split("\0"):
                added, _, rest = entry.partition("\t")
                deleted, _, path = rest.partition("\t")
                if path and added.isdigit() and deleted.isdigit():  # "-": a binary file
                    changed[path][author] += int(added) + int(deleted)
        result = {path: dict(counts) for path, counts in changed.items()}
        cache.put(digest, _HISTORY_FACTS, [result])
        return result


def _git(directory: str, *args: str, strip: bool = True) -> str | None:
    try:
        done = subprocess.run(["git", "-C", directory, *args], capture_output=True, text=True, timeout=300,
                              errors="surrogateescape")
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode:
        return None
    return done.stdout.strip() if strip else done.stdout


def _where(rel: str) -> str:
    return "CODEOWNERS" if rel == "CODEOWNERS" else f"CODEOWNERS ({rel})"


class Rules:
    """A CODEOWNERS file's rules. The library matches the patterns and tracks GitLab's sections; GitLab's
    syntax it does not know is rewritten first, keeping every line's number: a section's default owners are
    written onto its lines that have none, section names are compared without case (GitLab joins sections
    of one name), and `!path` (GitLab 17.10+) becomes `path` remembered as an exclusion. A line the library
    refuses (`[unclosed`: no section, and a pattern with an unterminated character class) is left out and
    listed in `ignored` as (line number, the library's reason), as GitHub skips a line it cannot parse."""

    def __init__(self, text: str, gitlab: bool = True):
        out, defaults, self.exclusions, self.ignored = [], "", set(), []
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            section = _SECTION.match(stripped)
            if not stripped or stripped.startswith("#"):
                out.append("")
            elif section:
                defaults = section.group(2)
                out.append(f"[{section.group(1).strip().lower()}]")
            elif stripped.startswith("!"):  # GitHub has no negation: the line matches nothing there
                pattern = _UNESCAPED_SPACE.split(stripped[1:].strip(), 1)[0]
                out.append(pattern if gitlab else "")
                if gitlab and pattern:
                    self.exclusions.add(number)
            elif len(stripped.replace("\\ ", "").split()) == 1 and defaults:
                out.append(f"{stripped} {defaults}")
            else:
                out.append(stripped)
            try:
                CodeOwners(out[-1])
            except ValueError as exc:
                self.ignored.append((number, str(exc)))
                out[-1] = ""
                self.exclusions.discard(number)
        self.library = CodeOwners("\n".join(out))

    def owners(self, rel: str) -> list:
        """The owners of the last matching line of each section (GitHub: there is one section); none from a
        section where an exclusion matches the file (GitLab: exclusions are final within their section)."""
        matches = list(self.library.matching_lines(rel))
        done = {section for _found, line, _pattern, section in matches if line in self.exclusions}
        owners = []
        for found, _line, _pattern, section in matches:
            if section in done:
                continue
            done.add(section)
            owners += [name for _kind, name in found if name not in owners]
        return owners


def _main_authors(lines_by_author: dict) -> list:
    total = sum(lines_by_author.values())
    ranked = sorted(lines_by_author.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, lines in ranked[:MAIN_AUTHORS] if total and lines / total >= AUTHOR_SHARE]

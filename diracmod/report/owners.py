"""Who owns each module: CODEOWNERS when the project has one (GitHub's or GitLab's syntax, read with the
`codeowners` library: the last matching pattern wins, per GitLab section), else the main authors of each
file in git history (one bounded `git log --numstat`, cached by HEAD commit).

A module with several owners counts under each of them in the per-owner table."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections import Counter, defaultdict

from codeowners import CodeOwners

from diracmod.check.cache import ResultCache
from diracmod.source import reader as sources

# Where GitHub and GitLab look for the file, relative to the repository root.
LOCATIONS = (".github/CODEOWNERS", ".gitlab/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
HISTORY_COMMITS = 5000  # the most recent commits under the tree that git log reads: the cost bound
AUTHOR_SHARE = 0.25  # an author of at least this share of a file's changed lines is one of its main authors
MAIN_AUTHORS = 3
NO_OWNER = "(no owner)"
_HISTORY_FACTS = frozenset({"report-authors"})
# GitLab: `[Section][2] @a @b` or `^[Section] @a`: a section whose lines without owners get the defaults.
_SECTION = re.compile(r"^\^?\[([^\]]+)\](?:\[\d+\])?\s*(.*)$")


class Source:
    """Where the owners come from, and the key of everything they depend on (for the report's cache)."""

    def __init__(self, root: str):
        self.root = os.path.abspath(root if os.path.isdir(root) else os.path.dirname(root) or ".")
        self.repo = _git(self.root, "rev-parse", "--show-toplevel")
        self.head = _git(self.root, "rev-parse", "--verify", "-q", "HEAD") if self.repo else None
        self.codeowners, self.text, self.base = None, None, None
        for base in dict.fromkeys(filter(None, (self.repo, self.root))):  # the repository's first, then the tree's
            for location in LOCATIONS:
                try:
                    text = sources.read_regular(os.path.join(base, location), 1_000_000).decode("utf-8", "replace")
                except sources.SourceError:
                    continue
                self.codeowners, self.text, self.base = os.path.join(base, location), text, base
                break
            if self.text is not None:
                break

    def key(self) -> list:
        text_digest = self.text and hashlib.sha256(self.text.encode()).hexdigest()
        return [self.root, self.codeowners, text_digest, None if self.text is not None else self.head]

    def owners(self, paths: list, cache: ResultCache) -> tuple:
        """({path: [owner, ...]} or None when nothing says who owns the code, a sentence saying where from)."""
        if self.text is not None:
            rules = CodeOwners(_gitlab_defaults(self.text))
            return ({path: _owners_of(rules, os.path.relpath(path, self.base).replace(os.sep, "/"))
                     for path in paths}, _where(os.path.relpath(self.codeowners, self.root)))
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
        digest = hashlib.sha256(f"authors\0{self.head}\0{self.root}\0{HISTORY_COMMITS}".encode()).hexdigest()
        cached = cache.get(digest, _HISTORY_FACTS)
        if cached is not None:
            return cached[0]
        log = _git(self.root, "log", "--no-renames", "--relative", "--numstat", "-z", "--format=%x01%aN",
                   f"--max-count={HISTORY_COMMITS}", "HEAD", "--", ".", strip=False) or ""
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


def _gitlab_defaults(text: str) -> str:
    """GitLab's section default owners written onto the section's lines that have none, so the library (which
    knows sections but not their defaults) sees every owner."""
    out, defaults = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        section = _SECTION.match(stripped)
        if section and not stripped.startswith("#"):
            defaults = section.group(2)
            out.append(stripped[: stripped.index("]") + 1])
        elif stripped and not stripped.startswith("#") and len(stripped.replace("\\ ", "").split()) == 1 and defaults:
            out.append(f"{stripped} {defaults}")
        else:
            out.append(line)
    return "\n".join(out)


def _owners_of(rules: CodeOwners, rel: str) -> list:
    """The owners of the last matching line of each section (GitHub: there is one section)."""
    seen, owners = set(), []
    for found, _line, _pattern, section in rules.matching_lines(rel):
        if section in seen:
            continue
        seen.add(section)
        owners += [name for _kind, name in found if name not in owners]
    return owners


def _main_authors(lines_by_author: dict) -> list:
    total = sum(lines_by_author.values())
    ranked = sorted(lines_by_author.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, lines in ranked[:MAIN_AUTHORS] if total and lines / total >= AUTHOR_SHARE]

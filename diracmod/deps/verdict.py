"""The verdict for one dependency: for the versions its specifier allows, does it run on Python 2.7,
on Python 3, which release runs on both (the bridge), and what blocks the migration, named plainly."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from packaging.markers import Marker, UndefinedComparison, UndefinedEnvironmentName
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from diracmod.deps.evidence import INSTALL, LABEL, Support, binary_majors, release_support

# The fixed phrases every verdict starts with (tests and CI scripts may rely on them).
READY = "ready"
UNKNOWN = "unknown"
NO_PY3 = "no Python 3 release"
PIN_EXCLUDES_PY3 = "the pin excludes every Python 3 release"
SPEC_EXCLUDES_PY3 = "the specifier excludes every Python 3 release"
DROPPED_PY2 = "newer releases dropped Python 2"
BACKPORT = "py2-only backport, not needed on Python 3"
REPLACEMENT = "Python 3 replacement"
NO_PY2 = "no Python 2.7 release"
PIN_EXCLUDES_PY2 = "the pin excludes every Python 2.7 release"
SPEC_EXCLUDES_PY2 = "the specifier excludes every Python 2.7 release"
SPLIT = "no release supports both Python 2.7 and 3"
NO_MATCH = "no release matches the specifier"
BLOCKED = "blocked by a dependency"

_PLATFORMS = (("linux", "Linux", "posix"), ("win32", "Windows", "nt"), ("darwin", "Darwin", "posix"))


def _environment(full: str, platform) -> dict:
    return {"python_version": ".".join(full.split(".")[:2]), "python_full_version": full,
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": full, "sys_platform": platform[0], "platform_system": platform[1],
            "os_name": platform[2], "platform_machine": "x86_64", "platform_release": "", "platform_version": "",
            "extra": ""}


ENVIRONMENTS = {2: [_environment("2.7.18", p) for p in _PLATFORMS],
                3: [_environment(f"3.{m}.0", p) for m in range(6, 14) for p in _PLATFORMS]}


def needs(marker: Marker | None, extras=()) -> tuple:
    """(installed on Python 2.7?, installed on Python 3?) for a requirement's marker."""
    if marker is None:
        return True, True
    result = []
    for major in (2, 3):
        hit = False
        for environment, extra in itertools.product(ENVIRONMENTS[major], tuple(extras) or ("",)):
            try:
                hit = marker.evaluate({**environment, "extra": extra})
            except (UndefinedComparison, UndefinedEnvironmentName, ValueError, TypeError):
                hit = True
            if hit:
                break
        result.append(hit)
    return tuple(result)


@dataclass
class Entry:
    """One row of the report; to_json() is the documented JSON shape."""
    name: str
    specifier: str
    source: str
    supports_py2: bool | None = None
    supports_py3: bool | None = None
    bridge_version: str | None = None
    verdict: str = UNKNOWN
    evidence: list = field(default_factory=list)
    replacement: str | None = None
    blocked_by: list = field(default_factory=list)
    # not in the JSON rows
    key: str = ""
    blocker: bool = False
    chosen: Version | None = None  # the release whose dependencies are walked
    needs: tuple = (True, True)
    extras: tuple = ()
    handled: bool = False  # import-only dependency whose every import has a fallback

    @property
    def unknown(self) -> bool:
        return self.verdict.startswith(UNKNOWN)

    def to_json(self) -> dict:
        return {"name": self.name, "specifier": self.specifier, "source": self.source,
                "supports_py2": self.supports_py2, "supports_py3": self.supports_py3,
                "bridge_version": self.bridge_version, "verdict": self.verdict, "evidence": list(self.evidence),
                "replacement": self.replacement, "blocked_by": list(self.blocked_by)}


def _version(text):
    try:
        return Version(text)
    except (InvalidVersion, TypeError):
        return None


class Project:
    """A trimmed index project with per-release evidence, computed lazily."""

    def __init__(self, data: dict, facts=None, metadata=None):
        self.data, self.facts = data, facts
        self.metadata = metadata if metadata is not None else {}  # shared: filled in later by the walk
        self.name = data.get("name") or ""
        self.latest = _version(data.get("latest"))
        self.releases = {}
        for text, files in data.get("releases", {}).items():
            version = _version(text)
            if version is not None and files:
                self.releases[version] = files
        self._support = {}

    def yanked(self, version) -> bool:
        return all(f.get("yanked") for f in self.releases[version])

    def versions(self, include_yanked=False) -> list:
        return sorted(v for v in self.releases if include_yanked or not self.yanked(v))

    def allowed(self, specifier: SpecifierSet) -> tuple:
        """(allowed versions ascending, whether only yanked releases matched an exact pin)."""
        found = list(specifier.filter(self.versions()))
        if not found and any(s.operator in ("==", "===") for s in specifier):
            found = list(specifier.filter(self.versions(include_yanked=True)))
            return sorted(found), bool(found)
        return sorted(found), False

    def wheel(self, version, major=None):
        wheels = [f for f in self.releases.get(version, ()) if f["filename"].endswith(".whl") and f.get("url")
                  and (major is None or binary_majors(f) == {major})]
        wheels.sort(key=lambda f: (not f["filename"].endswith("-none-any.whl"), f.get("yanked", False),
                                   f.get("size") or 0))
        return wheels[0] if wheels else None

    def metadata_files(self, version) -> list:
        """The files whose metadata describe this release: its wheel, or one per Python when it ships one
        build for Python 2 and another for Python 3 (their Requires-Dist may differ); else its sdist."""
        per_python = [self.wheel(version, 2), self.wheel(version, 3)]
        if all(per_python) and not any(len(binary_majors(f)) > 1 for f in self.releases[version]):
            return per_python
        if self.wheel(version):
            return [self.wheel(version)]
        sdists = [f for f in self.releases.get(version, ()) if not binary_majors(f) and f.get("url")]
        return [{**sdists[0], "project": self.name, "version": str(version)}] if sdists else []

    def release_metadata(self, version):
        found = [self.metadata.get(f["filename"]) for f in self.metadata_files(version)]
        return next((m for m in found if m), None)

    def classifiers(self, version):
        if version == self.latest and self.data.get("classifiers") is not None:
            return self.data["classifiers"]
        meta = self.release_metadata(version)
        return meta.get("classifiers") if meta else None

    def support(self, version) -> Support:
        meta = self.release_metadata(version)
        key = (version, meta is not None)  # metadata read later may add evidence
        if key not in self._support:
            files = list(self.releases[version])
            if meta and meta.get("requires_python") and not any(f.get("requires_python") for f in files):
                files = [{**f, "requires_python": meta["requires_python"]} for f in files]
            self._support[key] = release_support(version, files, self.classifiers(version), self.facts)
        return self._support[key]

    def requires_dist(self, version):
        """The release's declared dependencies, or None when the index cannot tell. A requirement only
        its Python 2 build declares (CMRESHandler 1.0.0's `enum`) gets a `python_version < "3"` marker."""
        files = self.metadata_files(version)
        if len(files) == 2:
            declared = [(self.metadata.get(f["filename"]) or {}).get("requires_dist") for f in files]
            if None in declared:  # one build's metadata unknown: the other's is the best there is
                return next((list(d) for d in declared if d is not None), None)
            py2, py3 = declared
            return ([r for r in py2 if r in py3] + [_only_on(r, '< "3"') for r in py2 if r not in py3]
                    + [_only_on(r, '>= "3"') for r in py3 if r not in py2])
        if version == self.latest and self.data.get("source") == "json":
            return list(self.data.get("requires_dist") or [])
        meta = self.release_metadata(version)
        return list(meta["requires_dist"]) if meta and meta.get("requires_dist") is not None else None

    def needs_metadata(self, version) -> bool:
        files = self.metadata_files(version)
        if len(files) == 1 and version == self.latest and self.data.get("source") == "json":
            return False  # the project page already has the newest release's metadata
        return any(f["filename"] not in self.metadata for f in files)


def _only_on(requirement: str, python: str) -> str:
    text, _, marker = requirement.partition(";")
    marker = f"({marker.strip()}) and " if marker.strip() else ""
    return f"{text.strip()}; {marker}python_version {python}"


def _specifier(text: str):
    try:
        return SpecifierSet(text or "")
    except InvalidSpecifier:
        return None


def _marker_note(marker) -> str:
    return f" (marker: {marker})" if marker is not None else ""


def _aggregate(values) -> bool | None:
    values = list(values)
    if any(v is True for v in values):
        return True
    if values and all(v is False for v in values):
        return False
    return None


def _is_pin(specifier: SpecifierSet) -> bool:
    return any(s.operator in ("==", "===") and "*" not in s.version for s in specifier)


def _backport_text(facts) -> str:
    since = facts.since or "3"
    if since.startswith("2"):
        return f"{BACKPORT}: {facts.backport} is in the standard library of Python 2.7 and 3; drop the requirement"
    return (f"{BACKPORT}: {facts.backport} is in the standard library since Python {since}; "
            f"limit it with `; python_version < \"{since}\"`")


def assess(requirement, lookup, facts=None, metadata=None, context=(True, True), marker_extras=(),
           transitive=False, project=None) -> Entry:
    """The Entry for one requirement; `lookup` is the index.Lookup for its name (None for URL requirements).

    `context`: whether whoever needs it is installed on Python 2.7 / 3 (a parent's own needs, for
    transitive dependencies); `marker_extras`: the extras the parent was installed with. A transitive
    dependency may resolve to different releases on Python 2.7 and 3 (the code does not import it):
    newer releases dropping Python 2 only block when they do not say so in Requires-Python.
    `project`: a Project built from the lookup earlier (it caches per-release evidence)."""
    entry = Entry(name=requirement.name, specifier=requirement.specifier or requirement.url,
                  source=requirement.source, key=requirement.key, extras=tuple(sorted(requirement.extras)))
    need2, need3 = needs(requirement.marker, marker_extras)
    need2, need3 = entry.needs = (need2 and context[0], need3 and context[1])
    if facts is not None:
        if facts.note:
            entry.evidence.append(f"curated: {facts.note}")
        entry.replacement = facts.replacement or None
    if requirement.url:
        entry.verdict = (f"{UNKNOWN}: installed from {requirement.url_kind or 'a URL'}; the index cannot tell which "
                         "release that is - check it by hand")
        entry.evidence.append(f"{requirement.url} is not looked up on the index")
        return entry
    if not (need2 or need3):
        entry.verdict = f"{READY}: not installed on Python 2.7 or 3{_marker_note(requirement.marker)}"
        return entry
    specifier = _specifier(requirement.specifier)
    if specifier is None:
        entry.verdict = f"{UNKNOWN}: invalid specifier {requirement.specifier!r}"
        return entry
    if lookup is not None and lookup.status == "ok":
        project = project or Project(lookup.project, facts, metadata)
        if lookup.stale:
            entry.evidence.append(f"index data from the cache ({lookup.detail})")
        _from_index(entry, project, specifier, need2, need3, requirement.marker, transitive)
    else:
        _without_index(entry, lookup, specifier, facts, need2, need3)
    if facts is not None and need3:
        if facts.backport:
            entry.verdict, entry.blocker = _backport_text(facts), True
        elif facts.required and facts.replacement and not entry.verdict.startswith(NO_PY3):
            entry.verdict, entry.blocker = f"{REPLACEMENT}: {facts.replacement}", True
    return entry


def _without_index(entry, lookup, specifier, facts, need2, need3):
    reason = lookup.detail if lookup is not None else "not looked up"
    if lookup is not None and lookup.status == "missing":
        reason = "not on the index (private, renamed or misspelled?)"
    entry.evidence.append(f"index: {reason}")
    if facts is not None and facts.python3 is False:
        entry.supports_py3 = False
        if need3:
            entry.verdict = NO_PY3 + (f"; {REPLACEMENT}: {facts.replacement}" if facts.replacement else "")
            entry.blocker = True
            entry.evidence.append(f"curated: {entry.name} never ran on Python 3")
            return
    dropped = facts.python2_dropped_in if facts is not None else None
    if dropped is not None and need2 and need3 and specifier.contains(dropped, prereleases=True):
        entry.verdict = f"{DROPPED_PY2} - stay below {dropped} during the migration"
        entry.blocker = True
        entry.evidence.append(f"curated: Python 2.7 dropped in {dropped}; the specifier allows it")
        return
    entry.verdict = f"{UNKNOWN}: {reason}"


def _describe(project, version) -> str:
    support = project.support(version)
    return f"{version}: " + "; ".join(f"{support[m].why}" for m in (2, 3))


def _from_index(entry, project, specifier, need2, need3, marker, transitive=False):
    allowed, yanked_pin = project.allowed(specifier)
    if yanked_pin:
        entry.evidence.append(f"only yanked releases match {specifier}")
    if not allowed:
        newest = project.latest or max(project.releases, default="none")
        entry.verdict, entry.blocker = f"{NO_MATCH}: newest is {newest}", True
        entry.evidence.append(f"releases on the index: {len(project.releases)}")
        return
    support, bridge = {}, None
    for version in reversed(allowed):  # newest first: most of the time the bridge is near the top
        support[version] = project.support(version)
        if support[version].both:
            bridge = version
            break
    scanned = sorted(support)
    entry.supports_py2 = True if bridge else _aggregate(support[v].py2.value for v in scanned)
    entry.supports_py3 = True if bridge else _aggregate(support[v].py3.value for v in scanned)
    newest = allowed[-1]
    entry.bridge_version = str(bridge) if bridge else None
    entry.chosen = bridge or newest
    entry.evidence.append(_describe(project, newest))
    if bridge and bridge != newest:
        entry.evidence.append(_describe(project, bridge))
    if need2 and need3:
        _both_needed(entry, project, specifier, scanned, support, bridge, newest, transitive)
    else:
        major = 3 if need3 else 2
        value = _aggregate(project.support(v)[major].value for v in allowed)
        only = f"{LABEL[major]} only{_marker_note(marker)}"
        if value:
            entry.chosen = max(v for v in allowed if project.support(v)[major].value)
            entry.verdict = f"{READY}: {only}; {entry.chosen} runs on it"
        elif value is False:
            _excluded(entry, project, specifier, major)
        else:
            entry.verdict = f"{UNKNOWN}: {only}; {project.support(newest)[major].why}"


def _both_needed(entry, project, specifier, allowed, support, bridge, newest, transitive=False):
    if bridge == newest:
        entry.verdict = f"{READY}: {bridge} runs on Python 2.7 and 3"
        return
    if bridge is not None:
        later = [v for v in allowed if v > bridge]
        dropped = next((v for v in later if support[v].py2.value is False), None)
        if dropped is not None:
            entry.evidence.append(_describe(project, dropped))
            silent = [v for v in later if support[v].py2.value is False and support[v].py2.rank != INSTALL]
            if transitive and not silent:
                entry.verdict = (f"{READY}: pip installs {bridge} on Python 2.7 (newer releases declare "
                                 f"Requires-Python) and {newest} on Python 3")
                return
            entry.blocker = True
            if transitive:
                entry.verdict = (f"{DROPPED_PY2} without saying so in Requires-Python - pip would install "
                                 f"{silent[0]} on Python 2.7: pin it below {silent[0]}")
                return
            entry.verdict = f"{DROPPED_PY2} - stay below {dropped} during the migration"
            return
        gone3 = next((v for v in later if support[v].py3.value is False), None)
        if gone3 is not None:
            entry.verdict = f"newer releases dropped Python 3 - stay below {gone3}"
            entry.blocker = True
            return
        entry.verdict = f"{READY}: {bridge} runs on Python 2.7 and 3 (newer releases: unknown)"
        return
    # The newest allowed release is known not to run on it and no allowed release is known to: older
    # releases without evidence do not make it ported (they rarely ran on a Python their successors dropped).
    newest_false = {m: support[newest][m].value is False and not _aggregate(support[v][m].value for v in allowed)
                    for m in (2, 3)}
    if entry.supports_py3 is False or newest_false[3]:
        _excluded(entry, project, specifier, 3, unknown=len([v for v in allowed if support[v].py3.value is None]))
    elif entry.supports_py2 is False or newest_false[2]:
        _excluded(entry, project, specifier, 2, unknown=len([v for v in allowed if support[v].py2.value is None]))
    elif entry.supports_py2 and entry.supports_py3:
        last2 = max(v for v in allowed if support[v].py2.value)
        first3 = min(v for v in allowed if support[v].py3.value)
        entry.verdict = f"{SPLIT}: Python 2.7 up to {last2}, Python 3 from {first3}"
        entry.blocker = True
    else:
        missing = [LABEL[m] for m in (2, 3) if support[newest][m].value is None] or \
                  [LABEL[m] for m in (2, 3) if support[newest][m].value is not True]
        entry.verdict = f"{UNKNOWN}: no evidence for {' or '.join(missing)} in {newest}"
        entry.evidence.append("no Requires-Python, no wheel and no classifiers for this release say it")


def _excluded(entry, project, specifier, major, unknown=0):
    """The allowed versions do not run on `major`: say whether other releases do."""
    others = [v for v in reversed(project.versions()) if project.support(v)[major].value]
    others = [v for v in others if not v.is_prerelease] or others  # suggest final releases
    entry.blocker = True
    known = f" known ({unknown} older release{'s' if unknown > 1 else ''} without evidence)" if unknown else ""
    if major == 3 and not others:
        entry.verdict = NO_PY3 + known + (f"; {REPLACEMENT}: {entry.replacement}" if entry.replacement else "")
        return
    if major == 2 and not others:
        entry.verdict = f"{NO_PY2}{known} (Python 3 only)"
        return
    pin = _is_pin(specifier)
    both = next((v for v in others if project.support(v).both), None)
    if major == 3:
        head = PIN_EXCLUDES_PY3 if pin else SPEC_EXCLUDES_PY3
        first = min(others)
        entry.verdict = f"{head}: Python 3 from {first}" + (f"; {both} runs on Python 2.7 and 3" if both else "")
    else:
        head = PIN_EXCLUDES_PY2 if pin else SPEC_EXCLUDES_PY2
        entry.verdict = f"{head}" + (f"; {both} runs on Python 2.7 and 3" if both
                                     else f": Python 2.7 up to {max(others)}")
    if both:
        entry.evidence.append(_describe(project, both))

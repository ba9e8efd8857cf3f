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
NO_MATCH = "no release matches the specifier"
BLOCKED = "blocked by a dependency"
DEPENDENCY_NEEDS_CHANGE = "a dependency needs a change"

# What a verdict asks of the release manager (the JSON `kind`; the exit code): a replacement, a change
# to the requirement (a pin or an environment marker), nothing, or a look by hand.
BLOCKS = "blocks"
NEEDS_CHANGE = "needs-change"
FINE = "fine"
KINDS = (BLOCKS, NEEDS_CHANGE, UNKNOWN, FINE)  # worst first

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
    kind: str = UNKNOWN  # one of KINDS
    evidence: list = field(default_factory=list)
    replacement: str | None = None
    blocked_by: list = field(default_factory=list)
    # not in the JSON rows
    key: str = ""
    chosen: Version | None = None  # the release whose dependencies are walked
    needs: tuple = (True, True)
    extras: tuple = ()
    handled: bool = False  # import-only dependency whose every import has a fallback

    @property
    def blocker(self) -> bool:
        return self.kind == BLOCKS

    @property
    def unknown(self) -> bool:
        return self.kind == UNKNOWN

    def judge(self, kind: str, verdict: str):
        self.kind, self.verdict = kind, verdict

    def to_json(self) -> dict:
        return {"name": self.name, "specifier": self.specifier, "source": self.source,
                "supports_py2": self.supports_py2, "supports_py3": self.supports_py3,
                "bridge_version": self.bridge_version, "kind": self.kind, "verdict": self.verdict,
                "evidence": list(self.evidence),
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
    transitive dependencies); `marker_extras`: the extras the parent was installed with; `transitive`:
    required by another distribution, not by the project (whose requirements it cannot change).
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
        entry.judge(UNKNOWN, f"{UNKNOWN}: installed from {requirement.url_kind or 'a URL'}; the index cannot tell "
                             "which release that is - check it by hand")
        entry.evidence.append(f"{requirement.url} is not looked up on the index")
        return entry
    if not (need2 or need3):
        entry.judge(FINE, f"{READY}: not installed on Python 2.7 or 3{_marker_note(requirement.marker)}")
        return entry
    specifier = _specifier(requirement.specifier)
    if specifier is None:
        entry.judge(UNKNOWN, f"{UNKNOWN}: invalid specifier {requirement.specifier!r}")
        return entry
    if lookup is not None and lookup.status == "ok":
        project = project or Project(lookup.project, facts, metadata)
        if lookup.stale:
            entry.evidence.append(f"index data from the cache ({lookup.detail})")
        _from_index(entry, project, specifier, [m for m, need in ((2, need2), (3, need3)) if need],
                    requirement.marker)
    else:
        _without_index(entry, lookup, specifier, facts, need2, need3)
    if facts is not None and need3:
        if facts.backport and not transitive:  # a marker (or dropping the line) is the whole fix; a backport
            entry.judge(NEEDS_CHANGE, _backport_text(facts))  # another distribution pulls in is its business
        elif facts.required and facts.replacement and entry.kind != BLOCKS:
            entry.judge(BLOCKS, f"{REPLACEMENT}: {facts.replacement}")
    return entry


def _without_index(entry, lookup, specifier, facts, need2, need3):
    reason = lookup.detail if lookup is not None else "not looked up"
    if lookup is not None and lookup.status == "missing":
        reason = "not on the index (private, renamed or misspelled?)"
    entry.evidence.append(f"index: {reason}")
    if facts is not None and facts.python3 is False:
        entry.supports_py3 = False
        if need3:
            entry.judge(BLOCKS, NO_PY3 + (f"; {REPLACEMENT}: {facts.replacement}" if facts.replacement else ""))
            entry.evidence.append(f"curated: {entry.name} never ran on Python 3")
            return
    dropped = facts.python2_dropped_in if facts is not None else None
    if dropped is not None and need2 and need3 and specifier.contains(dropped, prereleases=True):
        # Without the index nobody can tell whether those releases declare Requires-Python: a pin is safe.
        entry.judge(NEEDS_CHANGE, f"{DROPPED_PY2} - stay below {dropped} during the migration")
        entry.evidence.append(f"curated: Python 2.7 dropped in {dropped}; the specifier allows it")
        return
    entry.judge(UNKNOWN, f"{UNKNOWN}: {reason}")


def _describe(project, version) -> str:
    support = project.support(version)
    return f"{version}: " + "; ".join(f"{support[m].why}" for m in (2, 3))


def _installable(project, version, major) -> bool:
    """Whether pip on `major` would consider the release: Requires-Python and wheel tags let it in."""
    answer = project.support(version)[major]
    return not (answer.value is False and answer.rank == INSTALL)


def _from_index(entry, project, specifier, needed, marker):
    """The verdict from what pip installs on each Python that needs the requirement: the newest allowed
    release its Requires-Python and wheel tags let in there."""
    allowed, yanked_pin = project.allowed(specifier)
    if yanked_pin:
        entry.evidence.append(f"only yanked releases match {specifier}")
    if not allowed:
        newest = project.latest or max(project.releases, default="none")
        entry.judge(NEEDS_CHANGE, f"{NO_MATCH}: newest is {newest}")
        entry.evidence.append(f"releases on the index: {len(project.releases)}")
        return
    bridge = next((v for v in reversed(allowed) if project.support(v).both), None)
    scanned = [v for v in allowed if bridge is None or v >= bridge]
    entry.supports_py2 = True if bridge else _aggregate(project.support(v).py2.value for v in scanned)
    entry.supports_py3 = True if bridge else _aggregate(project.support(v).py3.value for v in scanned)
    newest = allowed[-1]
    entry.bridge_version = str(bridge) if bridge else None
    picks = {m: next((v for v in reversed(allowed) if _installable(project, v, m)), None) for m in needed}
    values = {m: project.support(picks[m])[m].value if picks[m] else False for m in needed}
    entry.chosen = bridge if bridge and len(needed) == 2 else picks[needed[-1]] or newest
    entry.evidence.append(_describe(project, newest))
    for version in dict.fromkeys(v for v in (bridge, *picks.values()) if v is not None and v != newest):
        entry.evidence.append(_describe(project, version))
    broken = [m for m in (3, 2) if m in needed and values[m] is False]
    if broken:
        _excluded(entry, project, specifier, allowed, broken[0], picks[broken[0]])
    elif all(values.values()):
        entry.judge(FINE, _fine_text(needed, picks, newest, bridge, marker))
        skipped = next((v for v in allowed if v > picks[needed[0]]), None)  # the first release pip passes over
        if skipped is not None and skipped != newest:
            entry.evidence.append(_describe(project, skipped))
    else:
        missing = [m for m in needed if values[m] is None]
        entry.judge(UNKNOWN, f"{UNKNOWN}: no evidence for {' or '.join(LABEL[m] for m in missing)} in "
                             f"{picks[missing[0]]}, the release pip would install there")
        entry.evidence.append("no Requires-Python, no wheel and no classifiers for this release say it")


def _fine_text(needed, picks, newest, bridge, marker) -> str:
    if len(needed) == 1:
        return f"{READY}: {LABEL[needed[0]]} only{_marker_note(marker)}; {picks[needed[0]]} runs on it"
    if picks[2] == picks[3]:
        return f"{READY}: {picks[2]} runs on Python 2.7 and 3"
    why = " (newer releases declare Requires-Python)" if picks[2] < newest else ""
    both = "" if bridge else "; no release runs on both, the code must support each"
    return f"{READY}: pip installs {picks[2]} on Python 2.7{why} and {picks[3]} on Python 3{both}"


def _excluded(entry, project, specifier, allowed, major, pick):
    """What pip installs on `major` does not run there (or nothing allowed installs): say whether other
    releases do - none is a blocker, some is a change to the requirement."""
    unknown = len([v for v in allowed if project.support(v)[major].value is None])
    others = [v for v in reversed(project.versions()) if project.support(v)[major].value]
    others = [v for v in others if not v.is_prerelease] or others  # suggest final releases
    known = f" known ({unknown} older release{'s' if unknown > 1 else ''} without evidence)" if unknown else ""
    if major == 3 and not others:
        entry.judge(BLOCKS, NO_PY3 + known + (f"; {REPLACEMENT}: {entry.replacement}" if entry.replacement else ""))
        return
    if major == 2 and not others:
        # Python 3 is where the migration goes: a marker keeps it off 2.7 (the code there does without it)
        entry.judge(NEEDS_CHANGE, f"{NO_PY2}{known} (Python 3 only): limit it with `; python_version >= \"3\"`")
        return
    good = [v for v in allowed if project.support(v)[major].value]
    if good and pick is not None and pick > max(good):
        first_bad = min(v for v in allowed if v > max(good) and project.support(v)[major].value is False)
        if major == 2:
            entry.judge(NEEDS_CHANGE, f"{DROPPED_PY2} without saying so in Requires-Python - pip would install "
                                      f"{pick} on Python 2.7: pin it below {first_bad} there "
                                      f"(add `{entry.name}<{first_bad}; python_version < \"3\"`)")
        else:
            entry.judge(NEEDS_CHANGE, f"newer releases dropped Python 3 - stay below {first_bad}")
        entry.evidence.append(_describe(project, first_bad))
        return
    both = next((v for v in others if project.support(v).both), None)
    pin = _is_pin(specifier)
    if major == 3:
        head = PIN_EXCLUDES_PY3 if pin else SPEC_EXCLUDES_PY3
        verdict = f"{head}: Python 3 from {min(others)}" + (f"; {both} runs on Python 2.7 and 3" if both else "")
    else:
        head = PIN_EXCLUDES_PY2 if pin else SPEC_EXCLUDES_PY2
        verdict = head + (f"; {both} runs on Python 2.7 and 3" if both else f": Python 2.7 up to {max(others)}")
    entry.judge(NEEDS_CHANGE, verdict)
    if both:
        entry.evidence.append(_describe(project, both))

"""Does one release run on Python 2.7 / Python 3? From its files' Requires-Python, its wheel tags
and other binaries, its trove classifiers (known for the newest release, or read from a wheel's
METADATA), and the curated facts - the strongest evidence wins, and every answer says why.

"Python 3" means a Python 3 worth porting to: 3.6 or newer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import Version

PY2_VERSIONS = ("2.7.0", "2.7.18")
PY3_VERSIONS = tuple(f"3.{minor}.{patch}" for minor in range(6, 16) for patch in (0, 30))
LABEL = {2: "Python 2.7", 3: "Python 3"}
_RANGE = {2: "Python 2.7", 3: "Python 3.6+"}
_CLASSIFIER = re.compile(r"^Programming Language :: Python :: (\d)(?:\.(\d+))?( :: Only)?$")

# Ranks: lower is stronger.
INSTALL, CURATED, BINARY, EXPLICIT, CLASSIFIER, PERMISSIVE = range(6)


@dataclass
class Answer:
    value: bool | None
    why: str = ""
    rank: int = 99


@dataclass
class Support:
    py2: Answer
    py3: Answer

    def __getitem__(self, major):
        return self.py2 if major == 2 else self.py3

    @property
    def both(self) -> bool:
        return self.py2.value is True and self.py3.value is True


def allows(specifier: SpecifierSet, major: int) -> bool:
    versions = PY2_VERSIONS if major == 2 else PY3_VERSIONS
    return any(specifier.contains(v, prereleases=True) for v in versions)


def _mentions(specifier: SpecifierSet, major: int) -> bool:
    return any(s.version.split(".")[0] == str(major) for s in specifier)


@lru_cache(maxsize=4096)
def requires_python(text: str | None, major: int):
    if not text:
        return None
    try:
        specifier = SpecifierSet(text)
    except InvalidSpecifier:
        return None
    if not allows(specifier, major):
        return Answer(False, f"Requires-Python '{text}' excludes {_RANGE[major]}", INSTALL)
    if _mentions(specifier, major):
        return Answer(True, f"Requires-Python '{text}' allows {_RANGE[major]}", EXPLICIT)
    return Answer(True, f"Requires-Python '{text}' does not exclude {_RANGE[major]}", PERMISSIVE)


def binary_majors(file: dict) -> frozenset:
    """The Python major versions a binary (wheel, egg, installer) is built for; empty for an sdist."""
    return _majors(file["filename"], file.get("python_version") or "")


@lru_cache(maxsize=65536)
def _majors(filename: str, version: str) -> frozenset:
    if filename.endswith(".whl"):
        try:
            tags = parse_wheel_filename(filename)[3]
        except InvalidWheelFilename:
            return frozenset()
        majors = set()
        for tag in tags:
            digits = re.sub(r"^[a-z]+", "", tag.interpreter)
            if digits[:1] in ("2", "3"):
                majors.add(int(digits[0]))
        return frozenset(majors)
    # bdist_egg / bdist_wininst: python_version "2.7", "3.6"
    return frozenset({int(version[0])}) if re.match(r"^[23]\.\d+$", version) else frozenset()


def from_files(files, major: int):
    answers = []
    texts = sorted({f.get("requires_python") or "" for f in files} - {""})
    if texts:
        answers.append(requires_python(texts[0], major))
    for file in files:
        majors = binary_majors(file)
        if major == 2 and not file["filename"].endswith(".whl") and file.get("python_version") != "2.7":
            majors = majors - {2}  # an egg for Python 2.5 says nothing about 2.7
        if major in majors:
            answers.append(Answer(True, f"{file['filename']} is built for {LABEL[major]}", BINARY))
            break
    wheels_only = files and all(f["filename"].endswith(".whl") for f in files)
    if wheels_only and not any(major in binary_majors(f) for f in files):
        answers.append(Answer(False, f"only wheels, none for {LABEL[major]}", INSTALL))
    return [a for a in answers if a]


def from_classifiers(classifiers, major: int):
    if classifiers is None:
        return None
    listed, only = set(), set()
    for classifier in classifiers:
        match = _CLASSIFIER.match(classifier)
        if match:
            listed.add(int(match.group(1)))
            if match.group(3):
                only.add(int(match.group(1)))
    other = 5 - major
    if major in listed and other not in only:
        return Answer(True, f"classifiers list {LABEL[major]}", CLASSIFIER)
    if other in only:
        return Answer(False, f"classifiers say Python {other} only", CLASSIFIER)
    if listed == {other}:
        return Answer(False, f"classifiers list Python {other} versions only", CLASSIFIER)
    return None


def release_support(version: Version, files, classifiers=None, facts=None) -> Support:
    """How one release stands; `classifiers` only when known for this very release."""
    result = {}
    for major in (2, 3):
        answers = from_files(files, major)
        answers.append(from_classifiers(classifiers, major))
        if facts is not None:
            value, why = facts.supports(major, version)
            if value is not None:
                answers.append(Answer(value, why, CURATED))
        answers = sorted((a for a in answers if a), key=lambda a: (a.rank, a.value is not False))
        if not answers:
            result[major] = Answer(None, f"no evidence for {LABEL[major]}")
            continue
        best = answers[0]
        agreeing = [a for a in answers[1:] if a.value == best.value]
        if best.rank == CURATED and agreeing:  # the index says the same: show the index's own evidence
            best = Answer(best.value, agreeing[0].why, best.rank)
        result[major] = best
    return Support(result[2], result[3])

"""Requirement sources: which files declare dependencies, and pip requirements files themselves
(nested -r/-c, markers, extras, pins, VCS/URL lines with #egg=). setup.py/setup.cfg/pyproject.toml
are read by manifests.py, conda environment files by conda.py."""
from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement as PEP508
from packaging.utils import InvalidSdistFilename, InvalidWheelFilename, parse_sdist_filename, parse_wheel_filename

from diracmod.deps.model import Inputs, Requirement, Skipped

# Files a directory is searched for (its top level, and requirements/).
_REQUIREMENT_GLOBS = ("requirements*.txt", "requirements*.in", "*-requirements.txt", "*_requirements.txt",
                      "requirements/*.txt", "requirements/*.in")
_MANIFESTS = ("setup.py", "setup.cfg", "pyproject.toml")
_CONDA_GLOBS = ("environment*.yml", "environment*.yaml", "conda*.yml", "conda*.yaml")

_COMMENT = re.compile(r"(^|\s+)#.*$")
_VCS = ("git+", "hg+", "svn+", "bzr+")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_EGG = re.compile(r"[#&]egg=([^&]+)")
_PER_LINE_OPTION = re.compile(r"\s+--?[a-zA-Z]")
# Options that take a value and matter to us; every other option line is pip configuration.
_NESTED = {"-r": "requirement", "--requirement": "requirement", "-c": "constraint", "--constraint": "constraint",
           "-e": "editable", "--editable": "editable"}


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name == "setup.py":
        return "setup.py"
    if name == "setup.cfg":
        return "setup.cfg"
    if name == "pyproject.toml":
        return "pyproject"
    if name.endswith((".yml", ".yaml")):
        return "conda"
    if name.endswith(".py"):
        return "code"
    return "requirements"


def discover(paths) -> tuple:
    """Paths the user gave -> ([(kind, file)], [code path], [problem])."""
    found, code, problems = [], [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = []
            for pattern in _REQUIREMENT_GLOBS:
                files += [("requirements", p) for p in sorted(path.glob(pattern)) if p.is_file()]
            files += [(kind_of(path / m), path / m) for m in _MANIFESTS if (path / m).is_file()]
            for pattern in _CONDA_GLOBS:
                files += [("conda", p) for p in sorted(path.glob(pattern)) if p.is_file()]
            seen = set()
            found += [(k, p) for k, p in files if not (p in seen or seen.add(p))]
            code.append(str(path))
        elif path.is_file():
            kind = kind_of(path)
            (code.append(str(path)) if kind == "code" else found.append((kind, path)))
        else:
            problems.append(f"{given}: no such file or directory")
    return found, code, problems


def read_source(path: Path, inputs: Inputs) -> str | None:
    """A dependency file's text, recorded as a source; None (and a warning) when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig", errors="replace")
    except OSError as exc:
        inputs.warnings.append(f"{path}: cannot read: {exc.strerror or exc}")
        return None
    inputs.sources.append(str(path))
    return text


def logical_lines(text: str):
    """(first line number, line) with backslash continuations joined and comments removed."""
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        line = _COMMENT.sub("", pending + raw).strip()
        pending = ""
        if line:
            yield start, line
    if pending.strip():
        yield start, _COMMENT.sub("", pending).strip()


def _name_from_url(url: str) -> str:
    egg = _EGG.search(url)
    if egg:
        name = egg.group(1).split("[", 1)[0]
        versioned = re.match(r"^(.*?)-\d", name)  # old style #egg=name-1.0
        return versioned.group(1) if versioned else name
    tail = url.split("#", 1)[0].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    for parse in (lambda t: parse_wheel_filename(t)[0], lambda t: parse_sdist_filename(t)[0]):
        try:
            return str(parse(tail))
        except (InvalidWheelFilename, InvalidSdistFilename):
            pass
    return re.sub(r"\.git$", "", tail.split("@", 1)[0])


def _is_path(text: str) -> bool:
    return text.startswith((".", "/", "~", "file:")) or text.endswith((".whl", ".tar.gz", ".zip", ".tar.bz2"))


def parse_line(line: str, source: str, inputs: Inputs, constraint: bool = False, editable: bool = False):
    """One requirement (no options) -> a Requirement, a Skipped or a warning."""
    line = _PER_LINE_OPTION.split(line, 1)[0].strip()
    if line.startswith(_VCS) or (_URL.match(line) and not line.startswith("file:")):
        url = line.split(";", 1)[0].strip()
        kind = "a VCS checkout" if url.startswith(_VCS) else "a URL"
        return Requirement(name=_name_from_url(url) or url, source=source, url=url, url_kind=kind,
                           constraint=constraint)
    if _is_path(line) or editable:
        inputs.skipped.append(Skipped(line, source,
                                      "a local path (the project itself or a vendored one), not on the index"))
        return None
    try:
        parsed = PEP508(line)
    except InvalidRequirement as exc:
        inputs.warnings.append(f"{source}: not a requirement, ignored: {line!r} ({exc})")
        return None
    url = parsed.url or ""
    return Requirement(name=parsed.name, specifier=str(parsed.specifier), source=source, marker=parsed.marker,
                       extras=frozenset(parsed.extras), url=url, constraint=constraint,
                       url_kind=("a VCS checkout" if url.startswith(_VCS) else "a URL") if url else "")


def _option(line: str):
    """'-r x', '--requirement=x', '-rx' -> ('requirement', 'x'); other options -> (None, None)."""
    try:
        parts = shlex.split(line)
    except ValueError:
        parts = line.split()
    head = parts[0]
    if "=" in head and head.startswith("--"):
        head, value = head.split("=", 1)
        parts = [head, value] + parts[1:]
    elif head[:2] in ("-r", "-c", "-e") and len(head) > 2:
        parts = [head[:2], head[2:]] + parts[1:]
    kind = _NESTED.get(parts[0])
    if kind and len(parts) > 1:
        return kind, " ".join(parts[1:])
    return None, None


def read_requirements(path: Path, inputs: Inputs, constraint: bool = False, _seen=None):
    """A pip requirements file and the files it nests, into inputs."""
    seen = _seen if _seen is not None else set()
    resolved = path.resolve()
    if resolved in seen:
        return
    seen.add(resolved)
    text = read_source(path, inputs)
    if text is None:
        return
    for number, line in logical_lines(text):
        source = f"{path}:{number}"
        if line.startswith("-"):
            kind, value = _option(line)
            if kind in ("requirement", "constraint"):
                nested = (path.parent / os.path.expanduser(value)).resolve() if not _URL.match(value) else None
                if nested is None:
                    inputs.warnings.append(f"{source}: remote requirement files are not fetched: {value}")
                elif not nested.is_file():
                    inputs.warnings.append(f"{source}: -{kind[0]} {value}: no such file")
                else:
                    read_requirements(nested, inputs, constraint or kind == "constraint", seen)
            elif kind == "editable":
                add(inputs, parse_line(value, source, inputs, constraint, editable=True))
            continue  # --index-url, --hash, --pre...: pip configuration, not dependencies
        add(inputs, parse_line(line, source, inputs, constraint))


def add(inputs: Inputs, requirement):
    if requirement is not None:
        (inputs.constraints if requirement.constraint else inputs.requirements).append(requirement)


def read(paths) -> Inputs:
    """Every requirement source under/at the given paths."""
    from diracmod.deps import conda, manifests

    inputs = Inputs()
    files, inputs.code_paths, problems = discover(paths)
    inputs.warnings.extend(problems)
    for kind, path in files:
        if kind == "requirements":
            read_requirements(path, inputs)
        elif kind == "conda":
            conda.read_environment(path, inputs)
        else:
            manifests.read(kind, path, inputs)
    return inputs


def valid_specifier(clauses) -> str | None:
    """The pip specifier the translated clauses of another syntax (conda, Poetry) make, or None."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    text = ",".join(clauses)
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        return None
    return text

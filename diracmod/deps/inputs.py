"""Requirement sources: which files declare dependencies, and pip requirements files themselves
(nested -r/-c, markers, extras, pins, VCS/URL lines with #egg=). setup.py/setup.cfg/pyproject.toml
are read by manifests.py, conda environment files by conda.py.

What is read, and what is never echoed: every file goes through `core.regular_file.read_regular` (regular
files only, at most MAX_BYTES, never blocking on a FIFO); a path one of the project's files points
at (-r/-c includes, setup.cfg `file:`, a symlink found in a directory) is only read when it lies
inside the project or a directory given with --allow-include; a parse error quotes at most the
requirement's name, never the line, so that a file which is not a requirements file leaks nothing."""
from __future__ import annotations

import codecs
import os
import re
import shlex
import urllib.parse
from pathlib import Path

from packaging.requirements import InvalidRequirement
from packaging.requirements import Requirement as PEP508
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import InvalidSdistFilename, InvalidWheelFilename, parse_sdist_filename, parse_wheel_filename

from diracmod.core.lines import split_lines
from diracmod.deps.model import Inputs, Requirement, Skipped
from diracmod.source.reader import SourceError, declared_encoding, read_regular

# A requirement file is kilobytes: anything larger is not one.
MAX_BYTES = 2_000_000
# Includes nested deeper than this are not followed (a crafted chain would otherwise exhaust the stack).
MAX_NESTING = 32
# Invalid lines warned about per file: a file full of them is not a requirements file, and one warning
# per line of a 2 MB file would bury the report.
MAX_INVALID_SHOWN = 10
# What makes a directory a project's root, for a file named on the command line (pip, flake8 and
# black find a project by the same files).
_PROJECT_MARKERS = (".git", ".hg", "pyproject.toml", "setup.py", "setup.cfg", "tox.ini")

# Files a directory is searched for (its top level, and requirements/).
_REQUIREMENT_GLOBS = ("requirements*.txt", "requirements*.in", "*-requirements.txt", "*_requirements.txt",
                      "requirements/*.txt", "requirements/*.in")
_MANIFESTS = ("setup.py", "setup.cfg", "pyproject.toml")
_CONDA_GLOBS = ("environment*.yml", "environment*.yaml", "conda*.yml", "conda*.yaml")

_COMMENT = re.compile(r"(^|\s+)#.*$")
_VCS = ("git+", "hg+", "svn+", "bzr+")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_EGG = re.compile(r"[#&]egg=([^&]+)")
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_DIRECT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@")  # PEP 508 `name @ url`
_PER_LINE_OPTION = re.compile(r"\s+--?[a-zA-Z]")
# Options that take a value and matter to us; every other option line is pip configuration.
_NESTED = {"-r": "requirement", "--requirement": "requirement", "-c": "constraint", "--constraint": "constraint",
           "-e": "editable", "--editable": "editable"}
# Byte-order marks, longest first (a UTF-32 LE mark starts with the UTF-16 LE one); PowerShell's
# `pip freeze > requirements.txt` writes UTF-16 LE with a mark.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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


def project_root(path: Path) -> Path:
    """The project a file named on the command line belongs to: the nearest directory above it with a
    project marker, else its own directory. The home directory and those above it are never a file's
    project (a dotfiles repository would otherwise let includes reach ~/.ssh)."""
    start = Path(os.path.abspath(path)).parent
    home = Path(os.path.abspath(os.path.expanduser("~")))
    for directory in (start, *start.parents):
        if directory == home or directory in home.parents:
            break
        if any(os.path.lexists(directory / marker) for marker in _PROJECT_MARKERS):
            return directory
    return start


def inside(path: Path, inputs: Inputs) -> bool:
    """Whether `path`, symlinks resolved, lies in the project being read or an --allow-include directory."""
    resolved = Path(os.path.realpath(path))
    return any(resolved == root or root in resolved.parents for root in inputs.roots)


def _discovered(directory: Path) -> list:
    """[(kind, file)] a directory declares its dependencies in; non-regular files are kept, so that a FIFO
    or a directory named requirements.txt gets a warning rather than silence."""
    files = []
    for pattern in _REQUIREMENT_GLOBS:
        files += [("requirements", p) for p in sorted(directory.glob(pattern))]
    files += [(kind_of(directory / m), directory / m) for m in _MANIFESTS if os.path.lexists(directory / m)]
    for pattern in _CONDA_GLOBS:
        files += [("conda", p) for p in sorted(directory.glob(pattern))]
    return list(dict.fromkeys(files))


def redact_url(url: str) -> str:
    """A URL with its credentials masked as pip shows them (`user:****@`, a lone token as `****@`)."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    userinfo, host = parts.netloc.rsplit("@", 1)
    user, colon, _ = userinfo.partition(":")
    shown = f"{user}:****" if colon else "****"
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{shown}@{host}"))


def decode(data: bytes) -> tuple:
    """(text, None) or (None, why not): a byte-order mark decides, else a PEP 263 coding line (pip reads
    one), else UTF-8."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    encoding = encoding or declared_encoding(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None, f"not {encoding} text (save it as UTF-8, or UTF-16 with a byte-order mark)"
    if "\0" in text:
        return None, "binary content, not a requirements file"
    return text, None


def read_source(path: Path, inputs: Inputs) -> str | None:
    """A dependency file's text, recorded as a source; None (and a warning) when it cannot be read."""
    try:
        data = read_regular(path, MAX_BYTES)
    except SourceError as exc:
        why = (f"larger than {MAX_BYTES // 1_000_000} MB, not a requirements file" if exc.symbol == "file-too-large"
               else exc.detail.get("detail") or exc.symbol)
        inputs.warnings.append(f"{path}: {why}" + ("" if why.endswith("not read") else ": not read"))
        return None
    text, problem = decode(data)
    if problem:
        inputs.warnings.append(f"{path}: not read: {problem}")
        return None
    inputs.sources.append(str(path))
    return text


def logical_lines(text: str):
    """(first line number, line) with backslash continuations joined and comments removed, as pip does
    it: a line holding a comment never continues, and the parts are joined as they are."""
    pending, start = "", 0
    for number, raw in enumerate(split_lines(text, keepends=False), 1):
        if not pending:
            start = number
        if raw.endswith("\\") and not _COMMENT.search(raw):
            pending += raw[:-1]
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


def _url_kind(url: str) -> str:
    return "a VCS checkout" if url.startswith(_VCS) else "a URL"


def _invalid(line: str, source: str, reason: str, inputs: Inputs):
    """A warning naming at most the requirement's name: the line itself may come from any file."""
    name = _NAME.match(line)
    inputs.warnings.append(f"{source}: {name.group(0) + ': ' if name else ''}not a valid requirement, "
                           f"ignored ({reason})")


def parse_line(line: str, source: str, inputs: Inputs, constraint: bool = False, editable: bool = False):
    """One requirement (no options) -> a Requirement, a Skipped or a warning."""
    line = _PER_LINE_OPTION.split(line, 1)[0].strip()
    if line.startswith(_VCS) or (_URL.match(line) and not line.startswith("file:")):
        url = line.split(";", 1)[0].strip()
        return Requirement(name=_name_from_url(url) or "?", source=source, url=redact_url(url),
                           url_kind=_url_kind(url), constraint=constraint)
    direct = _DIRECT.match(line)
    if not direct and (_is_path(line) or editable):
        inputs.skipped.append(Skipped(line, source,
                                      "a local path (the project itself or a vendored one), not on the index"))
        return None
    try:
        parsed = PEP508(line)
    except InvalidRequirement as exc:
        _invalid(line, source, str(exc).split("\n", 1)[0], inputs)
        return None
    url = parsed.url or ""
    if url.startswith("file:"):
        inputs.skipped.append(Skipped(parsed.name, source, "a local path (`name @ file:...`), not on the index"))
        return None
    return Requirement(name=parsed.name, specifier=str(parsed.specifier), source=source, marker=parsed.marker,
                       extras=frozenset(parsed.extras), url=redact_url(url), constraint=constraint,
                       url_kind=_url_kind(url) if url else "")


def option(line: str):
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


def include(referrer: Path, written: str, source: str, inputs: Inputs, constraint: bool = False,
            how: str = "-r", depth: int = 0):
    """Read the requirements file a project file points at (`how` it does: -r, -c, file:) - only when it
    stays inside the project; the warnings name it as written, never what it holds."""
    if _URL.match(written):
        inputs.warnings.append(f"{source}: {how} {redact_url(written)}: remote requirement files are not fetched")
        return
    target = referrer.parent / written
    if not inside(target, inputs):
        inputs.warnings.append(f"{source}: {how} {written}: outside the project ({inputs.roots[0]}), not read; "
                               "--allow-include DIR allows a directory")
        return
    if not os.path.lexists(target):
        inputs.warnings.append(f"{source}: {how} {written}: no such file")
        return
    if depth >= MAX_NESTING:
        inputs.warnings.append(f"{source}: {how} {written}: includes nested more than {MAX_NESTING} deep, not read")
        return
    read_requirements(target, inputs, constraint, depth + 1)


def read_requirements(path: Path, inputs: Inputs, constraint: bool = False, depth: int = 0):
    """A pip requirements file and the files it nests (`depth`: how deep this one is), into inputs."""
    resolved = os.path.realpath(path)
    if resolved in inputs.visited:
        return
    inputs.visited.add(resolved)
    text = read_source(path, inputs)
    if text is None:
        return
    invalid = 0
    for number, line in logical_lines(text):
        source = f"{path}:{number}"
        if line.startswith("-"):
            kind, value = option(line)
            if kind in ("requirement", "constraint"):
                include(path, value, source, inputs, constraint or kind == "constraint", f"-{kind[0]}", depth)
            elif kind == "editable":
                add(inputs, parse_line(value, source, inputs, constraint, editable=True))
            continue  # --index-url, --hash, --pre...: pip configuration, not dependencies
        warned = len(inputs.warnings)
        add(inputs, parse_line(line, source, inputs, constraint))
        if len(inputs.warnings) > warned:
            invalid += 1
            if invalid > MAX_INVALID_SHOWN:
                del inputs.warnings[warned:]
    if invalid > MAX_INVALID_SHOWN:
        inputs.warnings.append(f"{path}: {invalid - MAX_INVALID_SHOWN} more lines that are not requirements "
                               "(not shown)")


def add(inputs: Inputs, requirement):
    if requirement is not None:
        (inputs.constraints if requirement.constraint else inputs.requirements).append(requirement)


def named(path: Path):
    """(project root, [(kind, file)], [code path]) for one path named on the command line, or None."""
    if path.is_dir():
        return path, _discovered(path), [str(path)]
    if not os.path.lexists(path):
        return None
    kind = kind_of(path)
    return project_root(path), ([] if kind == "code" else [(kind, path)]), ([str(path)] if kind == "code" else [])


def discover(paths) -> tuple:
    """Paths given -> ([(kind, file)], [code path], [problem]): the files `declarations.read` starts from."""
    found, code, problems = [], [], []
    for given in paths:
        entry = named(Path(given))
        if entry is None:
            problems.append(f"{given}: no such file or directory")
            continue
        found += entry[1]
        code += entry[2]
    return found, code, problems


def valid_specifier(clauses) -> str | None:
    """The pip specifier the translated clauses of another syntax (conda, Poetry) make, or None."""
    text = ",".join(clauses)
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        return None
    return text

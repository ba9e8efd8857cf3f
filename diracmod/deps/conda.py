"""conda environment files (environment.yml): conda package specs and the `pip:` section.

Only the part of YAML these files use is read (a `dependencies:` list of strings and one nested
`pip:` list), so no YAML library is needed; anything else in the file is ignored."""
from __future__ import annotations

import re
from pathlib import Path

from diracmod.core.lines import split_lines
from diracmod.deps import inputs as requirement_files
from diracmod.deps.knowledge import load as knowledge
from diracmod.deps.model import Inputs, Requirement, Skipped

_ITEM = re.compile(r"^(\s*)-\s*(.*)$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_.-]+)\s*:\s*(.*)$")
_SPEC = re.compile(r"^(?:[^\s:]+::)?([A-Za-z0-9_.-]+)\s*(.*)$")  # [channel[/label]::]name spec
# MatchSpec brackets: numpy[version='>=1.16,<2', build=py27*]; only the version matters here.
_BRACKET = re.compile(r"^\[(.*)\]$")
_BRACKET_VERSION = re.compile(r"""\bversion\s*=\s*(?:(['"])(.*?)\1|([^,\s]+))""")


def _strip(value: str) -> str:
    value = re.sub(r"(^|\s+)#.*$", "", value).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def conda_specifier(version: str):
    """A conda version spec -> a PEP 440 specifier text, or None when it has no PEP 440 equivalent."""
    version = re.sub(r"\s*,\s*", ",", version.strip())
    version = re.sub(r"([<>=!~]=?)\s+", r"\1", version)
    if not version:
        return ""
    version = version.split()[0]  # "1.2 py27_0": the build string is not a version
    if version == "*":
        return ""
    if "|" in version:
        return None
    clauses = []
    for clause in version.split(","):
        if clause.startswith("=") and not clause.startswith("=="):  # "=1.2" and "=1.2=build": 1.2.*
            clause = "==" + clause[1:].split("=", 1)[0].rstrip(".*") + ".*"
        elif clause[0].isdigit():  # bare "1.2" is fuzzy too; "1.2.*" as written
            clause = "==" + (clause if clause.endswith("*") else clause.rstrip(".") + ".*")
        elif clause.startswith("==") and "=" in clause[2:]:
            clause = clause.rsplit("=", 1)[0] if not clause.endswith("=") else clause
        clauses.append(clause)
    return requirement_files.valid_specifier(clauses)


def _conda_requirement(item: str, source: str, inputs: Inputs):
    match = _SPEC.match(item)
    if not match:
        inputs.warnings.append(f"{source}: not a conda package spec, ignored")
        return
    conda_name, version = match.group(1), match.group(2).strip()
    bracket = _BRACKET.match(version)
    if bracket:
        found = _BRACKET_VERSION.search(bracket.group(1))
        version = (found.group(2) if found.group(1) else found.group(3)) if found else ""
    name = knowledge().conda_name(conda_name)
    if not name:
        inputs.skipped.append(Skipped(conda_name, source,
                                      "a conda package that is not a Python distribution on the index"))
        return
    specifier = conda_specifier(version)
    if specifier is None:
        inputs.warnings.append(f"{source}: {conda_name}: the conda version spec has no PEP 440 equivalent; "
                               "any version assumed")
        specifier = ""
    shown = f"{source} (conda" + (f" package {conda_name})" if name != conda_name else ")")
    requirement_files.add(inputs, Requirement(name=name, specifier=specifier, source=shown, conda=True))


def read_environment(path: Path, inputs: Inputs):
    text = requirement_files.read_source(path, inputs)
    if text is None:
        return
    in_deps, deps_indent, pip_indent = False, -1, None
    for number, raw in enumerate(split_lines(text, keepends=False), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        source = f"{path}:{number}"
        indent = len(raw) - len(raw.lstrip())
        item, key = _ITEM.match(raw), _KEY.match(raw)
        if key and not item and indent == 0:
            in_deps, pip_indent = key.group(2) == "dependencies", None
            deps_indent = -1
            value = _strip(key.group(3))
            if in_deps and value.startswith("["):
                inputs.warnings.append(f"{source}: flow-style dependency lists are not read; "
                                       "write one `- item` per line")
            elif in_deps and value:
                inputs.warnings.append(f"{source}: `dependencies` should be a list (`- item` lines), "
                                       "not a single value; not read")
            continue
        if not in_deps or not item:
            continue
        value = _strip(item.group(2))
        if deps_indent < 0:
            deps_indent = indent
        if pip_indent is not None and indent > deps_indent:
            if value.startswith("-"):  # -r file / -e url inside pip:
                kind, nested = requirement_files.option(value)
                if kind in ("requirement", "constraint"):
                    requirement_files.include(path, nested, source, inputs, kind == "constraint", f"-{kind[0]}")
                elif kind == "editable":
                    requirement_files.add(inputs, requirement_files.parse_line(nested, source, inputs, editable=True))
                continue
            requirement_files.add(inputs, requirement_files.parse_line(value, source + " (pip)", inputs))
            continue
        pip_indent = None
        if re.match(r"^pip\s*:", value):
            pip_indent = indent
            continue
        _conda_requirement(value, source, inputs)

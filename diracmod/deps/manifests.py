"""Package manifests: setup.py (read from its AST, never executed), setup.cfg, pyproject.toml
(PEP 621, PEP 735 dependency groups and Poetry)."""
from __future__ import annotations

import ast
import configparser
import re
import sys
from pathlib import Path

from packaging.markers import InvalidMarker, Marker
from packaging.specifiers import SpecifierSet

from diracmod.core.lines import split_lines
from diracmod.deps import inputs as requirement_files
from diracmod.deps.model import Inputs, Requirement
from diracmod.source.parse import parse  # understands Python 2 only setup.py files too

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETUP_KEYWORDS = ("install_requires", "extras_require", "tests_require")


def read(kind: str, path: Path, inputs: Inputs):
    reader = {"setup.py": read_setup_py, "setup.cfg": read_setup_cfg, "pyproject": read_pyproject}[kind]
    text = requirement_files.read_source(path, inputs)
    if text is None:
        return
    try:
        reader(path, text, inputs)
    except RecursionError:  # tomllib and ast recurse: a crafted file nests deep enough to exhaust the stack
        inputs.warnings.append(f"{path}: nested too deeply to read, dependencies not read")


def _add(inputs: Inputs, text: str, source: str, marker: str = "", extra: str = ""):
    requirement = requirement_files.parse_line(text.strip(), source, inputs)
    if requirement is None:
        return
    conditions = [f"({requirement.marker})"] if requirement.marker else []
    if marker:
        conditions.append(f"({marker})")
    if conditions:
        try:
            requirement.marker = Marker(" and ".join(conditions))
        except InvalidMarker:
            inputs.warnings.append(f"{source}: {requirement.name}: invalid environment marker, ignored")
    if extra:
        requirement.source += f" [{extra}]"
    requirement_files.add(inputs, requirement)


# ---------------------------------------------------------------- setup.py

class _Unresolved(Exception):
    pass


def _strings(node, names, depth=0):
    """[(text, line)] for a literal list/tuple/str, a module-level name bound to one, or a sum of them."""
    if depth > 5:
        raise _Unresolved
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(line, node.lineno + i) for i, line in enumerate(split_lines(node.value, keepends=False))
                if line.strip() and not line.strip().startswith("#")]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [item for element in node.elts for item in _strings(element, names, depth + 1)]
    if isinstance(node, ast.Name) and node.id in names:
        return _strings(names[node.id], names, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _strings(node.left, names, depth + 1) + _strings(node.right, names, depth + 1)
    raise _Unresolved


def _mapping(node, names, depth=0):
    """{key: value node} for a dict literal, dict(...) call or a name bound to one."""
    if depth > 5:
        raise _Unresolved
    if isinstance(node, ast.Name) and node.id in names:
        return _mapping(names[node.id], names, depth + 1)
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
        return {k.value: v for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict" and not node.args:
        return {k.arg: k.value for k in node.keywords if k.arg}
    raise _Unresolved


def _setup_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name == "setup":
                yield node


def _module_names(tree) -> dict:
    names = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            names[stmt.targets[0].id] = stmt.value
    return names


def read_setup_py(path: Path, text: str, inputs: Inputs):
    parsed = parse(text)
    if parsed.tree is None:
        inputs.warnings.append(f"{path}: cannot parse with Python 2 or 3 grammar, dependencies not read "
                               "(`diracmod check` says why)")
        return
    names = _module_names(parsed.tree)
    for call in _setup_calls(parsed.tree):
        keywords = {}
        for keyword in call.keywords:
            if keyword.arg is None:  # setup(**metadata)
                try:
                    keywords.update(_mapping(keyword.value, names))
                except _Unresolved:
                    inputs.warnings.append(f"{path}:{call.lineno}: setup(**...) is computed at run time; "
                                           "its dependencies are not read (diracmod never executes setup.py)")
            else:
                keywords[keyword.arg] = keyword.value
        for key in SETUP_KEYWORDS:
            if key in keywords:
                _setup_keyword(path, key, keywords[key], names, inputs)


def _setup_keyword(path, key, node, names, inputs):
    where = f"{path}:{getattr(node, 'lineno', 1)}"
    try:
        if key != "extras_require":
            for text, line in _strings(node, names):
                _add(inputs, text, f"{path}:{line}", extra="tests" if key == "tests_require" else "")
            return
        for extra, value in _mapping(node, names).items():
            extra, _, marker = extra.partition(":")  # "name:marker" / ":marker" (old conditional syntax)
            for text, line in _strings(value, names):
                _add(inputs, text, f"{path}:{line}", marker=marker, extra=extra)
    except _Unresolved:
        inputs.warnings.append(f"{where}: {key} is computed at run time; not read (diracmod never executes "
                               "setup.py): declare it literally or in a requirements file")


# ---------------------------------------------------------------- setup.cfg

def _line_of(lines, needle: str, start: int = 0) -> int:
    for index in range(start, len(lines)):
        if needle in lines[index]:
            return index + 1
    for index in range(0, min(start, len(lines))):
        if needle in lines[index]:
            return index + 1
    return 1


def _cfg_values(path, value, source, inputs):
    value = value.strip()
    if value.startswith("file:"):  # setuptools: `file: a.txt, b.txt`, relative to setup.cfg
        for name in value[5:].split(","):
            requirement_files.include(path, name.strip(), source, inputs, how="file:")
        return []
    items = []
    for line in split_lines(value.replace(";", "\0"), keepends=False):
        line = re.sub(r"(^|\s+)#.*$", "", line.replace("\0", ";")).strip()
        if line:
            items.append(line)
    return items


def read_setup_cfg(path: Path, text: str, inputs: Inputs):
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(text, str(path))
    except configparser.Error as exc:  # its message quotes the line: only say where
        where = f":{exc.lineno}" if getattr(exc, "lineno", None) else ""
        inputs.warnings.append(f"{path}{where}: cannot parse ({type(exc).__name__}), dependencies not read")
        return
    lines = split_lines(text, keepends=False)
    sections = [("options", key, "tests" if key == "tests_require" else "")
                for key in ("install_requires", "tests_require")]
    if parser.has_section("options.extras_require"):
        sections += [("options.extras_require", key, key) for key in parser.options("options.extras_require")]
    for section, key, extra in sections:
        if not parser.has_option(section, key):
            continue
        start = _line_of(lines, f"[{section}]")
        where = f"{path}:{_line_of(lines, key, start)}"
        for item in _cfg_values(path, parser.get(section, key), where, inputs):
            _add(inputs, item, f"{path}:{_line_of(lines, item, start)}", extra=extra)


# ---------------------------------------------------------------- pyproject.toml

def _poetry_specifier(text: str):
    """Poetry's ^, ~, * and comma/space lists -> PEP 440; None when there is no equivalent (||)."""
    text = text.strip()
    if text in ("", "*"):
        return ""
    if "||" in text or "|" in text:
        return None
    clauses = []
    for part in re.split(r"\s*,\s*|\s+(?=[<>=!~^])", text):
        part = part.strip()
        if not part:
            continue
        if part[0] == "^":
            clauses.extend(_caret(part[1:]))
        elif part[0] == "~" and not part.startswith("~="):
            clauses.extend(_tilde(part[1:]))
        elif part[0].isdigit():
            clauses.append("==" + part)
        else:
            clauses.append(part)
    return requirement_files.valid_specifier(clauses)


def _numbers(version):
    digits = re.match(r"[\d.]*", version).group(0).strip(".")
    return [int(x) for x in digits.split(".") if x.isdigit()] or [0]


def _caret(version):
    numbers = _numbers(version)
    for index, number in enumerate(numbers):
        if number != 0 or index == len(numbers) - 1:
            upper = numbers[:index] + [number + 1]
            break
    return [f">={version}", "<" + ".".join(map(str, upper))]


def _tilde(version):
    numbers = _numbers(version)
    upper = [numbers[0] + 1] if len(numbers) == 1 else numbers[:1] + [numbers[1] + 1]
    return [f">={version}", "<" + ".".join(map(str, upper))]


_TYPE_NAMES = {dict: "table", list: "list", str: "string"}


def _typed(value, kind, where: str, what: str, inputs: Inputs):
    """`value` when it has the type the format wants (missing: an empty one), else a warning for the file:
    a string where a list belongs is never iterated into its letters."""
    if value is None:
        return kind()
    if isinstance(value, kind):
        return value
    found = _TYPE_NAMES.get(type(value), type(value).__name__)
    inputs.warnings.append(f"{where}: {what} should be a {_TYPE_NAMES[kind]}, not a {found}; not read")
    return kind()


def _strings_of(value, where: str, what: str, inputs: Inputs) -> list:
    items = _typed(value, list, where, what, inputs)
    if not all(isinstance(item, str) for item in items):
        inputs.warnings.append(f"{where}: {what} should hold strings only; the others are not read")
    return [item for item in items if isinstance(item, str)]


def _poetry_item(name, item, source, inputs):
    """One Poetry constraint (a version string or a table) -> a requirement into inputs."""
    if isinstance(item, str):
        item = {"version": item}
    if not isinstance(item, dict):
        inputs.warnings.append(f"{source}: {name}: a Poetry constraint is a string or a table; not read")
        return
    if any(k in item for k in ("git", "url", "path")):
        if "path" in item:
            inputs.skipped.append(requirement_files.Skipped(name, source, "a local path, not on the index"))
            return
        url = str(item.get("git") or item.get("url"))
        kind = "a VCS checkout" if "git" in item else "a URL"
        requirement_files.add(inputs, Requirement(name=name, source=source, url=requirement_files.redact_url(url),
                                                  url_kind=kind))
        return
    specifier = _poetry_specifier(str(item.get("version", "*")))
    if specifier is None:
        inputs.warnings.append(f"{source}: {name}: the Poetry constraint has no PEP 440 equivalent; "
                               "any version assumed")
        specifier = ""
    extras = _strings_of(item.get("extras"), source, f"{name} extras", inputs)
    markers = [item["markers"]] if isinstance(item.get("markers"), str) and item["markers"] else []
    python = _poetry_specifier(str(item.get("python", "")))
    if python:
        markers.append(" and ".join(f'python_full_version {s.operator} "{s.version}"' for s in SpecifierSet(python)))
    line = f"{name}{'[' + ','.join(extras) + ']' if extras else ''}{specifier}"
    _add(inputs, line + (f"; {' and '.join(f'({m})' for m in markers)}" if markers else ""), source)


def _poetry(path, lines, table, group, what, inputs):
    for name, spec in _typed(table, dict, str(path), what, inputs).items():
        if name.lower() == "python":
            continue
        source = f"{path}:{_line_of(lines, name)}" + (f" [{group}]" if group else "")
        for item in spec if isinstance(spec, list) else [spec]:  # multiple-constraint dependencies
            _poetry_item(name, item, source, inputs)


def _setuptools_dynamic(path, lines, tool, inputs):
    """[tool.setuptools.dynamic] dependencies / optional-dependencies = {file = [...]}: requirements files."""
    where = str(path)
    dynamic = _typed(_typed(tool.get("setuptools"), dict, where, "[tool.setuptools]", inputs).get("dynamic"), dict,
                     where, "[tool.setuptools.dynamic]", inputs)
    optional = _typed(dynamic.get("optional-dependencies"), dict, where,
                      "[tool.setuptools.dynamic] optional-dependencies", inputs)
    for what, directive in [("dependencies", dynamic.get("dependencies"))] + list(optional.items()):
        if directive is None:
            continue
        files = _typed(directive, dict, where, f"dynamic {what}", inputs).get("file")
        source = f"{path}:{_line_of(lines, 'file')}"
        for name in [files] if isinstance(files, str) else _strings_of(files, where, f"dynamic {what} file", inputs):
            requirement_files.include(path, name, source, inputs, how="file:")


def read_pyproject(path: Path, text: str, inputs: Inputs):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        inputs.warnings.append(f"{path}: cannot parse: {exc}")
        return
    lines = split_lines(text, keepends=False)
    where = str(path)
    project = _typed(data.get("project"), dict, where, "[project]", inputs)
    for item in _strings_of(project.get("dependencies"), where, "[project] dependencies", inputs):
        _add(inputs, item, f"{path}:{_line_of(lines, item)}")
    optional = _typed(project.get("optional-dependencies"), dict, where, "[project.optional-dependencies]", inputs)
    for extra, items in optional.items():
        for item in _strings_of(items, where, f"[project.optional-dependencies] {extra}", inputs):
            _add(inputs, item, f"{path}:{_line_of(lines, item)}", extra=extra)
    for group, items in _typed(data.get("dependency-groups"), dict, where, "[dependency-groups]", inputs).items():
        for item in _typed(items, list, where, f"[dependency-groups] {group}", inputs):
            if isinstance(item, str):  # tables are {include-group = "..."}: the group is read on its own
                _add(inputs, item, f"{path}:{_line_of(lines, item)}", extra=group)
    tool = _typed(data.get("tool"), dict, where, "[tool]", inputs)
    _setuptools_dynamic(path, lines, tool, inputs)
    poetry = _typed(tool.get("poetry"), dict, where, "[tool.poetry]", inputs)
    if poetry:
        _poetry(path, lines, poetry.get("dependencies"), "", "[tool.poetry.dependencies]", inputs)
        _poetry(path, lines, poetry.get("dev-dependencies"), "dev", "[tool.poetry.dev-dependencies]", inputs)
        for group, table in _typed(poetry.get("group"), dict, where, "[tool.poetry.group]", inputs).items():
            what = f"[tool.poetry.group.{group}]"
            _poetry(path, lines, _typed(table, dict, where, what, inputs).get("dependencies"), group,
                    f"{what[:-1]}.dependencies]", inputs)

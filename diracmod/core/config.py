"""Resolved settings: defaults < setup.cfg/tox.ini [pycodestyle] < pyproject.toml [tool.diracmod] < command line.

Every value is checked for its type here, so a wrong one is a ConfigError naming the file, the key, what
was expected and what was given (exit 2), never a traceback later. The resolved values that change
findings are hashed into the result cache key.
"""
from __future__ import annotations

import configparser
import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

import pycodestyle

from diracmod import __version__
from diracmod.core import catalogue

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Directories skipped under a directory given (one named on the command line is walked): version control, virtualenvs,
# caches, and build output (copies of the code: setup.py's build/ and dist/, Sphinx's _build, Buck's), as ruff and
# black skip them by default.
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".eggs", "__pycache__",
                   ".diracmod_cache", "node_modules", "site-packages", "build", "dist", "_build", "buck-out")
DEFAULT_TEMPLATE = "{path}:{line}: [{msg_id}({symbol}), {obj}] {msg}"
# pycodestyle reads these two, in this order (tox.ini wins), from one directory: pycodestyle.PROJECT_CONFIG.
STYLE_FILES = tuple(pycodestyle.PROJECT_CONFIG)
PROJECT_FILES = ("pyproject.toml", *STYLE_FILES)


class ConfigError(Exception):
    """A setting diracmod cannot use; the message says which file and key."""


@dataclass
class Config:
    root: str = "."  # project root: see find_root; the working directory when there is none
    select: list = field(default_factory=list)  # empty: everything
    ignore: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    max_file_size: float = 5.0  # MB
    max_file_seconds: float = 60.0  # a file taking longer is reported (file-too-slow), not waited for
    jobs: int = 0  # 0: every core
    msg_template: str = DEFAULT_TEMPLATE
    cache_dir: str = ".diracmod_cache"
    baseline: str = "diracmod-baseline.json"  # relative to the project root, inside it; used by check when it exists
    pycodestyle: dict = field(default_factory=dict)  # pycodestyle StyleGuide options
    deps: dict = field(default_factory=dict)  # the deps checker: index_url, offline, cache_dir, timeout
    report: dict = field(default_factory=dict)  # [tool.diracmod.report], checked by diracmod.report
    fix: dict = field(default_factory=dict)  # [tool.diracmod.fix]: future_imports, future_style, ...
    ported: list = field(default_factory=list)  # directories that must stay py3k-clean (`diracmod lock`)
    fail_on: str = "convention"  # the lowest severity that fails the gate
    paths: list = field(default_factory=list)  # [[tool.diracmod.paths]]: {path, gate, fail_on, target}
    tests: dict = field(default_factory=dict)  # [tool.diracmod.tests]: interpreters, runner, timeouts, ratchet
    sources: list = field(default_factory=list)  # (file, section) settings were read from, for -v
    warnings: list = field(default_factory=list)  # settings read but not used, said on stderr

    def style_options(self) -> tuple:
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in self.pycodestyle.items()))

    def fingerprint(self, **options) -> str:
        """What the cached results depend on besides file content (`options`: run options that do)."""
        relevant = {"version": __version__, "code": code_stamp(), "catalogue": catalogue.load().digest,
                    "pycodestyle": self.style_options(), **options}
        return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def cache_path(self) -> Path:
        return Path(self.root, os.path.expanduser(self.cache_dir))  # "~/..." is the user's home, as in ruff

    def as_dict(self):
        return asdict(self)


_OWN_FILES = ("py", "toml")  # modules, and the tables they read (the catalogue, stdlib moves, distributions)


@functools.lru_cache(maxsize=None)
def code_stamp() -> str:
    """What else findings depend on: the Python and pycodestyle running the checks, and diracmod's own code
    as it is on disk (the text of each module and data table, not its modification time: a fresh install of
    the same wheel in each CI job keeps a restored cache), so a git pull into an editable install is never
    answered from results an older checker cached under the same version number."""
    package = Path(__file__).resolve().parent.parent
    rules = Path(str(resources.files("diracmod.rules"))).resolve()  # rules/ itself in an editable install
    stamp = hashlib.sha256(f"{sys.version_info[:2]}\0{pycodestyle.__version__}".encode())
    for root in sorted({package, rules}):
        for path in sorted(p for suffix in _OWN_FILES for p in root.rglob(f"*.{suffix}")):
            stamp.update(f"{path.relative_to(root)}\0".encode() + path.read_bytes())
    return stamp.hexdigest()[:16]


def find_root(start: Path) -> Path | None:
    """The first directory, from `start` upwards, holding pyproject.toml, setup.cfg or tox.ini.

    pycodestyle stops at the first directory holding setup.cfg or tox.ini, whatever sections they have
    (pycodestyle.read_config), and reads its settings there; black stops at the first pyproject.toml.
    flake8 instead skips files without a [flake8] section (flake8/options/config.py, _find_config_file)
    and starts from the working directory. We follow pycodestyle: its settings are the ones read from
    these files, so the same tree gives the same pycodestyle findings as pycodestyle itself; and a
    setup.cfg marks a project boundary (a vendored sdist inside a repository keeps its own defaults).
    """
    for directory in (start, *start.parents):
        if any((directory / name).is_file() for name in PROJECT_FILES):
            return directory
    return None


# ---------------------------------------------------------------- value checks


def _given(value) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    kinds = {str: "a string", int: "an integer", float: "a float", list: "a list", dict: "a table"}
    kind = next((name for kind, name in kinds.items() if isinstance(value, kind)), type(value).__name__)
    return kind if isinstance(value, (list, dict)) else f"{kind} ({value!r})"


class _Where:
    """File and table of the values being checked, for the error message."""

    def __init__(self, path: Path, table: str):
        self.path, self.table = path, table

    def fail(self, key: str, expected: str, value):
        raise ConfigError(f"{self.path}: [{self.table}] {key}: expected {expected}, got {_given(value)}")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _positive_int(where, key, value):
    return value if _is_int(value) and value > 0 else where.fail(key, "a positive integer, e.g. 120", value)


def _jobs(where, key, value):
    return value if _is_int(value) and value >= 0 else where.fail(key, "an integer >= 0 (0: every core)", value)


def _positive_number(where, key, value):
    ok = (_is_int(value) or isinstance(value, float)) and 0 < value < 1e9  # TOML allows inf and nan
    return value if ok else where.fail(key, "a positive number below 1e9", value)


def _string(where, key, value):
    ok = isinstance(value, str) and value and "\0" not in value  # a NUL cannot be in a path or template
    return value if ok else where.fail(key, "a non-empty string without NUL characters", value)


def _boolean(where, key, value):
    return value if isinstance(value, bool) else where.fail(key, "true or false", value)


def _strings(where, key, value):
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return where.fail(key, 'a list of strings, e.g. ["a", "b"]', value)


def _inside_project(path: str) -> bool:
    return not os.path.isabs(os.path.expanduser(path)) and ".." not in Path(path).parts


def _project_path(where, key, value):
    """A directory or glob relative to the project root, and inside it (no absolute path, no `..`)."""
    _string(where, key, value)
    return value if _inside_project(value) else where.fail(key, "a path inside the project, relative to its root",
                                                           value)


def _project_paths(where, key, value):
    _strings(where, key, value)
    outside = [item for item in value if not _inside_project(item)]
    return value if not outside else where.fail(key, "paths inside the project, relative to its root",
                                                outside[0])


_CODE = re.compile(r"[A-Z]+[0-9]*")  # a pycodestyle code or prefix: E501, E1, W


def _codes(where, key, value):
    codes = _strings(where, key, value) if isinstance(value, list) else where.fail(
        key, 'a list of codes or prefixes, e.g. ["E111", "W6"]', value)
    bad = [code for code in codes if not _CODE.fullmatch(code)]
    return codes if not bad else where.fail(key, "codes or prefixes such as E111 or W6", bad[0])


def _subtable(where, key, value):
    """A nested table ([tool.diracmod.pycodestyle]); its own keys are checked against its own schema."""
    return value if isinstance(value, dict) else where.fail(key, "a table, e.g. {max-line-length = 120}", value)


SEVERITIES = ("convention", "warning", "error")  # lowest first
TARGETS = ("2.6", "2.7")  # the oldest Python 2 a path must still run on (2.6: DIRAC's pilot)


def _severity(where, key, value):
    return value if value in SEVERITIES else where.fail(key, " or ".join(map(repr, SEVERITIES)), value)


def _target(where, key, value):
    return value if value in TARGETS else where.fail(key, " or ".join(map(repr, TARGETS)), value)


_PATH = {"path": _project_path, "gate": _strings, "fail-on": _severity, "target": _target}


def _path_tables(where, key, value):
    """[[tool.diracmod.paths]]: a list of tables, each naming its `path`."""
    if not isinstance(value, list):
        where.fail(key, '[[tool.diracmod.paths]] tables, e.g. {path = "src/pilot", target = "2.6"}', value)
    tables = [_table(_Where(where.path, f"{where.table}.paths"), item, _PATH) for item in value]
    for table in tables:
        if "path" not in table:
            raise ConfigError(f"{where.path}: [[{where.table}.paths]] needs a `path` (a directory or glob "
                              f"relative to the project root), got {sorted(table)}")
    return tables


_TOP = {"select": _strings, "ignore": _strings, "exclude": _strings, "extend-exclude": _strings,
        "max-file-size": _positive_number, "max-file-seconds": _positive_number, "jobs": _jobs, "msg-template": _string, "cache-dir": _string,
        "baseline": _project_path, "ported": _project_paths, "fail-on": _severity, "paths": _path_tables,
        "pycodestyle": _subtable, "deps": _subtable, "report": _subtable,  # report's keys: diracmod.report
        "fix": _subtable, "tests": _subtable}
# The pycodestyle options that change findings (pycodestyle.get_parser's config_options).
_STYLE = {"max-line-length": _positive_int, "max-doc-length": _positive_int, "indent-size": _positive_int,
          "hang-closing": _boolean, "select": _codes, "ignore": _codes}
_DEPS = {"index-url": _string, "offline": _boolean, "cache-dir": _string, "timeout": _positive_number}
# The __future__ imports `diracmod fix` knows how to add without changing what Python 2 does (each one only
# where the module is ready for it). Not unicode_literals: it changes the type of every literal on Python 2.
FUTURE_FEATURES = ("absolute_import", "division", "print_function")
FUTURE_STYLES = ("one-per-line", "combined")


def _futures(where, key, value):
    names = _strings(where, key, value)
    bad = [name for name in names if name not in FUTURE_FEATURES]
    if bad or len(set(names)) != len(names):
        where.fail(key, f"a list of distinct names from {', '.join(FUTURE_FEATURES)}", bad[0] if bad else value)
    return names


def _future_style(where, key, value):
    return value if value in FUTURE_STYLES else where.fail(key, " or ".join(map(repr, FUTURE_STYLES)), value)


def _module_name(where, key, value):
    ok = isinstance(value, str) and all(part.isidentifier() for part in value.split("."))
    return value if ok else where.fail(key, 'a dotted module name, e.g. "django.utils.six"', value)


_FIX = {"future-imports": _futures, "future-style": _future_style, "futures-in-untouched-files": _boolean,
        "keep-line-numbers": _boolean, "six": _module_name}

# `diracmod tests`: how the project's own suite runs under each interpreter (diracmod.testrun.settings).
TEST_RUNNERS = ("unittest", "pytest", "nose")


def _runner(where, key, value):
    return value if value in TEST_RUNNERS else where.fail(key, " or ".join(map(repr, TEST_RUNNERS)), value)


_TESTS = {"python2": _string, "python3": _string, "runner": _runner, "python2-runner": _runner,
          "python3-runner": _runner, "paths": _strings, "pythonpath": _strings, "python2-pythonpath": _strings,
          "python3-pythonpath": _strings, "test-timeout": _positive_number, "deadline": _positive_number,
          "ratchet": _string}


def _table(where: _Where, data, schema: dict) -> dict:
    """`data` checked against `schema` (dashed keys; underscores accepted), as {underscored key: value}."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where.path}: [{where.table}] must be a table, got {_given(data)}")
    checked = {}
    for key, value in data.items():
        name = key.replace("_", "-")
        if name not in schema:
            raise ConfigError(f"{where.path}: [{where.table}] unknown key {key!r} (known: {', '.join(schema)})")
        checked[name.replace("-", "_")] = schema[name](where, key, value)
    return checked


# ---------------------------------------------------------------- setup.cfg / tox.ini [pycodestyle]

# Options pycodestyle accepts in its section that do not change which findings there are (its output
# format, and `filename`: diracmod checks *.py). Accepted, as pycodestyle does, and not used.
_STYLE_OUTPUT_ONLY = {"filename", "count", "format", "quiet", "show-pep8", "show-source", "statistics", "verbose"}


def _ini_value(where: _Where, key: str, text: str, directory: Path):
    """One [pycodestyle] value, converted the way pycodestyle.read_config does, then checked."""
    name = key.replace("_", "-")
    if name in ("select", "ignore"):  # pycodestyle._parse_multi_options: commas only
        return _codes(where, key, [code.strip() for code in text.split(",") if code.strip()])
    if name == "hang-closing":
        state = configparser.RawConfigParser.BOOLEAN_STATES.get(text.strip().lower())
        return state if state is not None else where.fail(key, "true or false (or 1/0, yes/no, on/off)", text)
    if name == "exclude":  # relative patterns are relative to the directory of the file, as pycodestyle has it
        return pycodestyle.normalize_paths(text, str(directory))
    try:
        number = int(text)
    except ValueError:
        number = text
    return _positive_int(where, key, number)


def _read_ini(path: Path) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as an ini file: {exc}") from None
    return parser


def _style_from_ini(config: Config, directory: Path) -> None:
    """pycodestyle's own settings: [pycodestyle] (else the deprecated [pep8]) of setup.cfg then tox.ini."""
    files = [(path, _read_ini(path)) for path in (directory / name for name in STYLE_FILES) if path.is_file()]
    section = next((s for s in ("pycodestyle", "pep8") if any(p.has_section(s) for _, p in files)), None)
    for path, parser in files:
        if section is None or not parser.has_section(section):
            continue
        where = _Where(path, section)
        config.sources.append((str(path), section))
        for key, text in parser.items(section):
            name = key.replace("_", "-")
            if name in _STYLE or name == "exclude":
                config.pycodestyle[name.replace("-", "_")] = _ini_value(where, key, text, directory)
            elif name not in _STYLE_OUTPUT_ONLY:  # pycodestyle: "unknown option ... ignored"
                config.warnings.append(f"{path}: [{section}] unknown pycodestyle option {key!r} ignored "
                                       f"(known: {', '.join(_STYLE)}, exclude)")


# ---------------------------------------------------------------- pyproject.toml [tool.diracmod]


def _diracmod_from_pyproject(config: Config, pyproject: Path) -> None:
    try:
        tool = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    if not isinstance(tool, dict) or "diracmod" not in tool:
        return
    top = _table(_Where(pyproject, "tool.diracmod"), tool["diracmod"], _TOP)
    config.sources.append((str(pyproject), "tool.diracmod"))
    for key, value in top.items():
        if key == "pycodestyle":
            config.pycodestyle.update(_table(_Where(pyproject, "tool.diracmod.pycodestyle"), value, _STYLE))
        elif key == "deps":
            config.deps.update(_table(_Where(pyproject, "tool.diracmod.deps"), value, _DEPS))
        elif key == "fix":
            config.fix.update(_table(_Where(pyproject, "tool.diracmod.fix"), value, _FIX))
        elif key == "tests":
            config.tests.update(_table(_Where(pyproject, "tool.diracmod.tests"), value, _TESTS))
        elif key in ("exclude", "extend_exclude"):
            config.exclude.extend(value)
        else:
            setattr(config, key, value)


def load(start: Path | None = None) -> Config:
    """Settings of the project holding `start` (the checked paths), else of the working directory."""
    cwd = Path.cwd()
    root = (find_root(start) if start else None) or find_root(cwd)
    config = Config(root=str(root or cwd))
    if root is not None:
        _style_from_ini(config, root)
        if (root / "pyproject.toml").is_file():
            _diracmod_from_pyproject(config, root / "pyproject.toml")
    return config

"""Resolved settings: defaults < pyproject.toml [tool.diracmod] (and setup.cfg/tox.ini [pycodestyle])
< command line. The resolved values that change findings are hashed into the result cache key."""
from __future__ import annotations

import configparser
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from diracmod import __version__

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".eggs", "__pycache__",
                   ".diracmod_cache", "node_modules", "site-packages")
DEFAULT_TEMPLATE = "{path}:{line}: [{msg_id}({symbol}), {obj}] {msg}"


class ConfigError(Exception):
    """A setting diracmod cannot use; the message says which file and key."""


@dataclass
class Config:
    root: str = "."  # project root: where pyproject.toml was found, else the working directory
    select: list = field(default_factory=list)  # empty: everything
    ignore: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    max_file_size: float = 5.0  # MB
    jobs: int = 0  # 0: every core
    msg_template: str = DEFAULT_TEMPLATE
    cache_dir: str = ".diracmod_cache"
    pycodestyle: dict = field(default_factory=dict)  # pycodestyle StyleGuide options
    deps: dict = field(default_factory=dict)  # the deps checker: index-url, offline, cache-dir
    sources: list = field(default_factory=list)  # files settings were read from, for --show-settings

    def style_options(self) -> tuple:
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in self.pycodestyle.items()))

    def fingerprint(self, **options) -> str:
        """What the cached results depend on besides file content (`options`: run options that do)."""
        relevant = {"version": __version__, "pycodestyle": self.style_options(), **options}
        return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def cache_path(self) -> Path:
        return Path(self.root, self.cache_dir)

    def as_dict(self):
        return asdict(self)


def find_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / "pyproject.toml").is_file():
            return directory
    return None


_STYLE_KEYS = {"max_line_length": int, "max_doc_length": int, "hang_closing": bool, "indent_size": int}


def _style_from_ini(path: Path) -> dict:
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as exc:
        raise ConfigError(f"{path}: {exc}") from None
    for section in ("pycodestyle", "pep8"):
        if parser.has_section(section):
            options = {}
            for key, value in parser.items(section):
                key = key.replace("-", "_")
                if key in ("ignore", "select"):
                    options[key] = [c.strip() for c in value.replace("\n", ",").split(",") if c.strip()]
                elif key in _STYLE_KEYS:
                    try:
                        options[key] = (_STYLE_KEYS[key](value) if _STYLE_KEYS[key] is not bool
                                        else value.lower() in ("1", "true", "yes"))
                    except ValueError:
                        raise ConfigError(f"{path} [{section}] {key}: expected a number, got {value!r}") from None
            return options
    return {}


_KEYS = {"select": list, "ignore": list, "exclude": list, "extend-exclude": list, "max-file-size": (int, float),
         "jobs": int, "msg-template": str, "cache-dir": str, "pycodestyle": dict, "deps": dict}


def load(start: Path | None = None) -> Config:
    """Settings of the project holding `start` (the checked paths), else of the working directory."""
    cwd = Path.cwd()
    root = (find_root(start) if start else None) or find_root(cwd)
    config = Config(root=str(root or cwd))
    if root is None:
        return config
    for name in ("setup.cfg", "tox.ini"):  # DIRAC keeps its pycodestyle settings in setup.cfg
        if (root / name).is_file():
            style = _style_from_ini(root / name)
            if style:
                config.pycodestyle.update(style)
                config.sources.append(str(root / name))
                break
    pyproject = root / "pyproject.toml"
    try:
        data = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("diracmod", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    if data:
        config.sources.append(str(pyproject))
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(f"{pyproject}: unknown key [tool.diracmod] {key!r} (known: {', '.join(sorted(_KEYS))})")
        if not isinstance(value, _KEYS[key]):
            raise ConfigError(f"{pyproject}: [tool.diracmod] {key} has the wrong type ({type(value).__name__})")
        if key == "pycodestyle":
            config.pycodestyle.update({k.replace("-", "_"): v for k, v in value.items()})
        elif key == "deps":
            config.deps.update({k.replace("-", "_"): v for k, v in value.items()})
        elif key in ("exclude", "extend-exclude"):
            config.exclude.extend(value)
        else:
            setattr(config, key.replace("-", "_"), value)
    return config


def jobs(config: Config) -> int:
    return config.jobs if config.jobs > 0 else (os.cpu_count() or 1)

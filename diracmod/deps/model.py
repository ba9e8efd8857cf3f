"""What the inputs yield: declared requirements and import uses (plain data, no logic)."""
from __future__ import annotations

from dataclasses import dataclass, field

from packaging.markers import Marker
from packaging.utils import canonicalize_name


@dataclass
class Requirement:
    """One declared dependency, wherever it was declared."""
    name: str  # as written (display)
    specifier: str = ""  # PEP 440 specifier text, "" = any version
    source: str = ""  # "requirements.txt:12", "environment.yml:30 (conda)", "module imports: ..."
    marker: Marker | None = None
    extras: frozenset = frozenset()
    url: str = ""  # VCS / URL requirement: not resolvable on the index
    url_kind: str = ""  # "a VCS checkout", "a URL"
    constraint: bool = False  # from a -c constraints file: narrows, never adds
    conda: bool = False
    handled: bool = False  # import-only dependency whose every import has a fallback

    @property
    def key(self) -> str:
        return canonicalize_name(self.name)

    def identity(self) -> tuple:
        """Requirements with the same identity are merged into one row (their sources joined)."""
        return (self.key, self.specifier, str(self.marker or ""), self.url, tuple(sorted(self.extras)))


@dataclass
class Skipped:
    """A declared item that is not a dependency to check (the project itself, conda-only packages...)."""
    name: str
    source: str
    reason: str


@dataclass
class Inputs:
    requirements: list = field(default_factory=list)
    constraints: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    code_paths: list = field(default_factory=list)  # directories and *.py files to scan for imports
    sources: list = field(default_factory=list)  # requirement files read
    roots: tuple = ()  # resolved directories includes may reach: the project being read, then --allow-include
    visited: set = field(default_factory=set)  # resolved requirement files already read (include cycles)


@dataclass
class ImportUse:
    module: str  # dotted, as imported ("urllib2", "email.MIMEText", "MySQLdb")
    path: str
    line: int
    handled: str = ""  # why it cannot break Python 3 ("fallback: json", "Python 2 branch"), "" if it can
    names: tuple = ()  # `from module import names`

    @property
    def top(self) -> str:
        return self.module.split(".", 1)[0]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

"""What `diracmod fix` would do, shared by its command and by the report's preview: the plan a run with given
settings makes, and a fixed file as a unified diff."""
from __future__ import annotations

import difflib
import functools

from diracmod.check import engine as check_engine
from diracmod.check.selection import Selection, SelectionError
from diracmod.core import catalogue
from diracmod.core.lines import split_lines
from diracmod.fix import engine, futures
from diracmod.rules import style
from diracmod.rules.fixers import FIXABLE
from diracmod.source import project_index
from diracmod.source.reader import decode


def plan(config, selection, *, unsafe: bool = False, guards: bool = True, left: bool = True,
         paths=(), jobs: int = 1) -> engine.FixPlan:
    """The plan of `diracmod fix` under these settings: the fixable rules the selection wants, unsafe ones
    only when asked; `left`: the findings left in the fixed files are wanted (the summary lists them); `paths`:
    the files to fix, whose project's classes are indexed (source/project_index/) as check indexes them, in
    `jobs` processes."""
    rules = catalogue.load().rules
    wanted = frozenset(r.symbol for r in rules if selection.wants(r.id, r.symbol, r.checker))
    symbols = frozenset(r.symbol for r in rules if r.symbol in FIXABLE and r.symbol in wanted
                        and (unsafe or not r.unsafe))
    return engine.FixPlan(symbols, wanted, int(config.max_file_size * 1_000_000), guards=guards,
                          max_seconds=config.max_file_seconds,
                          futures=futures.Policy.from_config(config.fix).selected(symbols), six=config.fix.get("six"),
                          left=left, indent=_indent(config),
                          max_line=config.pycodestyle.get("max_line_length", _MAX_LINE),
                          long_lines=_line_limit(config),
                          project=project_index.for_config(config, paths,
                                                           functools.partial(check_engine.spread, jobs=jobs)))


_MAX_LINE = 79  # pycodestyle's max-line-length where the project sets none (check reads the same)


def _line_limit(config) -> int | None:
    """The max-line-length the project's own `diracmod check` reports E501 over (its pycodestyle settings and
    [tool.diracmod] select/ignore, not fix's own --select), or None where it does not report E501."""
    try:
        checked = Selection(config.select, config.ignore)
    except SelectionError:  # a [tool.diracmod] select naming no rule: check says so
        return None
    if "pycodestyle" not in checked.checkers() or not checked.wants("E501", "maximum-line-length", "pycodestyle"):
        return None
    return style.line_limit(config.style_options())


def _indent(config) -> str | None:
    """The project's indentation as pycodestyle is told it (indent-size in [tool.diracmod.pycodestyle],
    setup.cfg or tox.ini), for the blocks fix builds where the module has none of its own; None: not told
    (libcst's four spaces, PEP 8's)."""
    size = config.pycodestyle.get("indent_size")
    return None if size is None else " " * size


def header(name: str) -> str:
    """A diff header's file name, quoted as git quotes it when it holds a newline, a quote, a backslash or
    anything else unprintable (an escape sequence must not reach the terminal, `patch` must read it)."""
    if name.isprintable() and '"' not in name and "\\" not in name:
        return name
    raw = name.encode("utf-8", "surrogateescape").decode("latin-1")
    return '"' + raw.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


# a last line without its newline, as diff and git mark it: else the next diff line runs into it, and
# neither `git apply` nor `patch` takes the patch
_NO_NEWLINE = "\n\\ No newline at end of file\n"


def _diff(result: engine.FixResult, name: str) -> tuple:
    """(the unified diff's lines, the file as it was read)."""
    old, new = decode(result.path, result.data), decode(result.path, result.new)
    # lines as Python counts them (str.splitlines also splits at a form feed: the diff would not apply); a BOM
    # is part of the first line's bytes
    old_lines, new_lines = (split_lines("\ufeff" * source.bom + source.text) for source in (old, new))
    lines = difflib.unified_diff(old_lines, new_lines, header(f"a/{name}"), header(f"b/{name}"))
    return [line if line.endswith(("\n", "\r")) else line + _NO_NEWLINE for line in lines], old


def unified_diff(result: engine.FixResult, name: str | None = None) -> str:
    """The change of a fixed file (result.new set) as a unified diff to read; `name` is the path its headers
    show."""
    return "".join(_diff(result, result.path if name is None else name)[0])


def patch(result: engine.FixResult) -> bytes:
    """The change of a fixed file as `git diff` writes it: in the file's own bytes (its encoding, its BOM), so that
    `git apply` and `patch` find its lines (a latin-1 file's diff in UTF-8 does not apply)."""
    lines, source = _diff(result, result.path)
    encoding = "utf-8" if source.bom else source.encoding  # utf-8-sig would put a BOM before every line
    return b"".join([*(line.encode("utf-8", "surrogateescape") for line in lines[:2]),  # the names
                     *(line.encode(encoding) for line in lines[2:])])

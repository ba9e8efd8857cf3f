"""Findings out: pylint-style text through a template, or pylint-compatible JSON."""
from __future__ import annotations

import json
import os
import re
import string

from diracmod.core.finding import Finding


class TemplateError(ValueError):
    pass


_FIELDS = {
    "path": lambda f: f.path, "abspath": lambda f: os.path.abspath(f.path), "line": lambda f: f.line,
    "column": lambda f: f.column, "msg_id": lambda f: f.msg_id, "symbol": lambda f: f.symbol,
    "msg": lambda f: f.message, "obj": lambda f: f.obj, "category": lambda f: f.type,
    "C": lambda f: f.type[0].upper(), "checker": lambda f: f.checker,
    "module": lambda f: os.path.splitext(f.path)[0].replace(os.sep, "."),
    "fixable": lambda f: "fixable" if f.fixable else "",
    # pylint 2.x's; empty when not known (a shard written before findings had an end)
    "end_line": lambda f: "" if f.end_line is None else f.end_line,
    "end_column": lambda f: "" if f.end_column is None else f.end_column,
}


class _Fields(dict):
    """pylint's template fields, computed only when the template uses them."""

    def __init__(self, finding):
        super().__init__()
        self.finding = finding

    def __missing__(self, key):
        return _FIELDS[key](self.finding)


def text(findings, template: str) -> str:
    lines = []
    for finding in findings:
        try:
            lines.append(template.format_map(_Fields(finding)))
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:  # `{line[0]}` is a TypeError
            raise TemplateError(f"bad --msg-template {template!r}: {exc!r}; fields: {', '.join(_FIELDS)}") from None
    return "".join(line + "\n" for line in lines)


_SAMPLE = Finding("pkg/mod.py", 1, 0, "W1612", "unicode-builtin", "unicode built-in referenced", "py3k", "warning",
                  "Class.method", True, 1, 7)


_MAX_WIDTH = 1000  # `{line:>1500000000}` in a repository's pyproject.toml would allocate gigabytes per line


def check_template(template: str) -> None:
    """A template that cannot format a finding is a usage error before the run, not after it (or never, when
    the run happens to find nothing); so is a field width or precision that would exhaust memory."""
    try:
        specs = [spec for _, field, spec, _ in string.Formatter().parse(template) if field is not None and spec]
    except ValueError as exc:
        raise TemplateError(f"bad --msg-template {template!r}: {exc}") from None
    for spec in specs:
        if "{" in spec or any(int(number) > _MAX_WIDTH for number in re.findall(r"\d+", spec)):
            raise TemplateError(f"bad --msg-template {template!r}: format spec {spec!r} asks for more than "
                                f"{_MAX_WIDTH} characters or a computed width")
    text([_SAMPLE], template)


# A file name that is not UTF-8 reaches us with lone surrogates (Python's surrogateescape): as \udcXX escapes
# the JSON stays valid UTF-8, and json.loads + os.fsencode give the exact name back.
_LONE_SURROGATE = re.compile("[\udc80-\udcff]")


def as_json(findings) -> str:
    """What json.dumps(list, indent=2) writes, built one finding at a time: no list of dicts for the whole tree."""
    items = ",\n".join("  " + json.dumps(f.to_json(), indent=2, ensure_ascii=False).replace("\n", "\n  ")
                        for f in findings)
    text = f"[\n{items}\n]\n" if items else "[]\n"
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


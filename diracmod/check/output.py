"""Findings out: pylint-style text through a template, or pylint-compatible JSON."""
from __future__ import annotations

import json
import os


class TemplateError(ValueError):
    pass


def _fields(finding):
    return {
        "path": finding.path, "abspath": os.path.abspath(finding.path), "line": finding.line,
        "column": finding.column, "msg_id": finding.msg_id, "symbol": finding.symbol, "msg": finding.message,
        "obj": finding.obj, "category": finding.type, "C": finding.type[0].upper(), "checker": finding.checker,
        "module": os.path.splitext(finding.path)[0].replace(os.sep, "."),
        "fixable": "fixable" if finding.fixable else "",
    }


def text(findings, template: str) -> str:
    lines = []
    for finding in findings:
        try:
            lines.append(template.format(**_fields(finding)))
        except (KeyError, IndexError, ValueError) as exc:
            raise TemplateError(f"bad --msg-template {template!r}: {exc!r}; fields: {', '.join(_fields(finding))}") from None
    return "".join(line + "\n" for line in lines)


def as_json(findings) -> str:
    return json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False) + "\n"


FORMATS = ("text", "json")

"""CI report formats: JUnit XML, GitLab Code Quality, SARIF 2.1.0, GitHub workflow annotations + summary.

Each takes the findings to report and their Marks (diracmod.gate.fingerprint), in the same order, and
returns the report text. JSON formats escape non-ASCII (\\uXXXX): a file name that is not UTF-8 (lone
surrogates) stays valid JSON. Severities: a finding's type (error / warning / convention) mapped onto each
format's own scale.
"""
from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

from diracmod import __version__
from diracmod.core import catalogue
from diracmod.gate.fingerprint import digest

INFORMATION_URI = "https://github.com/DIRACGrid/diracmod"
_GITLAB_SEVERITY = {"fatal": "blocker", "error": "critical", "warning": "major", "refactor": "minor",
                    "convention": "minor", "info": "info"}
_SARIF_LEVEL = {"fatal": "error", "error": "error", "warning": "warning"}  # anything else: note
_GITHUB_COMMAND = {"fatal": "error", "error": "error", "warning": "warning"}  # anything else: notice


def _title(finding) -> str:
    return f"{finding.msg_id}({finding.symbol})"


def _column(finding) -> int:
    """Findings count columns from 0 (pylint); SARIF, GitHub and editors from 1."""
    return finding.column + 1


def _location(finding) -> str:
    """The path as CI systems resolve it: relative to the working directory (the checkout), with '/'."""
    path = os.path.relpath(finding.path) if os.path.isabs(finding.path) else finding.path
    return Path(path).as_posix()


def _line(finding) -> int:
    return max(finding.line, 1)  # a whole-file finding (line 0) points at line 1


def _end(finding) -> tuple:
    """(end line, end column) counted as SARIF and GitHub count them: from 1, the column after the last
    character; () when the finding has no end (a shard written before findings had one)."""
    if finding.end_line is None:
        return ()
    return max(finding.end_line, _line(finding)), finding.end_column + 1


def junit(findings, marks) -> str:  # noqa: ARG001 - one signature for every format
    """One testsuite per file with findings, one failing testcase per finding (as ruff and flake8-junit
    do); a clean run is one passing testcase, so Jenkins and GitLab show a green test, not an empty report."""
    root = ElementTree.Element("testsuites", name="diracmod", tests=str(len(findings) or 1),
                               failures=str(len(findings)), errors="0")
    by_path = {}
    for finding in findings:
        by_path.setdefault(_location(finding), []).append(finding)
    if not findings:
        suite = ElementTree.SubElement(root, "testsuite", name="diracmod", tests="1", failures="0", errors="0")
        ElementTree.SubElement(suite, "testcase", name="no findings", classname="diracmod")
    for path, items in by_path.items():
        suite = ElementTree.SubElement(root, "testsuite", name=path, tests=str(len(items)),
                                       failures=str(len(items)), errors="0", file=path)
        for finding in items:
            case = ElementTree.SubElement(suite, "testcase", classname=path,
                                          name=f"{_title(finding)} line {finding.line}:{_column(finding)}")
            failure = ElementTree.SubElement(case, "failure", type=finding.symbol, message=finding.message)
            failure.text = f"{finding.path}:{finding.line}:{_column(finding)}: {finding.msg_id} {finding.message}"
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _XML_ILLEGAL.sub(_visible, text) + "\n"


# Characters XML 1.0 forbids even as references (control characters in a file name, lone surrogates from a
# name that is not UTF-8): written as visible escapes, so the document stays well-formed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _visible(match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def gitlab(findings, marks) -> str:
    """GitLab Code Quality: the fingerprint is unique per finding (path + gate fingerprint, which already
    counts occurrences) and stable across edits elsewhere, so the merge-request widget tracks it."""
    issues = [{
        "description": f"{finding.message} [{_title(finding)}]",
        "check_name": finding.symbol,
        "fingerprint": digest(mark.path, mark.fingerprint),
        "severity": _GITLAB_SEVERITY.get(finding.type, "minor"),
        "location": {"path": _location(finding), "lines": {"begin": _line(finding),
                                                           **({"end": _end(finding)[0]} if _end(finding) else {})}},
    } for finding, mark in zip(findings, marks)]
    return json.dumps(issues, indent=2) + "\n"


def _sarif_rule(symbol, rule, finding):
    if rule is None:  # pycodestyle: its codes are not in the catalogue
        return {"id": finding.msg_id, "name": symbol, "shortDescription": {"text": finding.message},
                "properties": {"checker": finding.checker, "fixable": finding.fixable}}
    return {
        "id": rule.id, "name": rule.symbol,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.fix or rule.summary,
                 "markdown": f"{rule.rationale}\n\n**Fix:** {rule.fix or rule.summary}\n\n"
                             f"`diracmod explain {rule.symbol}` says more."},
        "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.severity, "note")},
        "properties": {"checker": rule.checker, "fixable": rule.fixable, "tags": [rule.checker]},
    }


def _artifact_uri(path: str) -> str:
    # the file name's own bytes, percent-encoded: a name that is not UTF-8 (lone surrogates) stays exact
    return quote(os.fsencode(path), safe="/")


def sarif(findings, marks) -> str:
    """SARIF 2.1.0 for GitHub code scanning; paths relative to the checkout (%SRCROOT%)."""
    rules = catalogue.load()
    index, descriptors = {}, []
    for finding in sorted(findings, key=lambda f: f.msg_id):
        if finding.msg_id not in index:
            index[finding.msg_id] = len(descriptors)
            descriptors.append(_sarif_rule(finding.symbol, rules.get(finding.msg_id), finding))
    results = [{
        "ruleId": finding.msg_id,
        "ruleIndex": index[finding.msg_id],
        "level": _SARIF_LEVEL.get(finding.type, "note"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _artifact_uri(_location(finding)), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": _line(finding), "startColumn": _column(finding),
                       **dict(zip(("endLine", "endColumn"), _end(finding)))}}}],
        "partialFingerprints": {"diracmod/v1": mark.fingerprint},
        "properties": {"symbol": finding.symbol, "scope": finding.obj, "fixable": finding.fixable},
    } for finding, mark in zip(findings, marks)]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "diracmod", "version": __version__, "informationUri": INFORMATION_URI,
                                      "rules": descriptors}},
                  "results": results}],
    }
    return json.dumps(log, indent=2) + "\n"


def _escape_data(text: str) -> str:
    """GitHub's workflow-command escaping of the message (actions/toolkit, command.ts escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """... and of a property value (escapeProperty): also ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings, marks) -> str:
    """`::error file=..,line=..,col=..,title=..::message` lines: annotations on the pull request."""
    lines = []
    for finding in findings:
        where = (("file", _location(finding)), ("line", _line(finding)), ("col", _column(finding)),
                 *zip(("endLine", "endColumn"), _end(finding)), ("title", _title(finding)))
        properties = ",".join(f"{key}={_escape_property(str(value))}" for key, value in where)
        lines.append(f"::{_GITHUB_COMMAND.get(finding.type, 'notice')} {properties}::{_escape_data(finding.message)}")
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def step_summary(findings, known: int = 0, fixed: int = 0) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the counts, then findings per rule."""
    head = f"### diracmod: {len(findings)} new finding(s)" if known or fixed else \
        f"### diracmod: {len(findings)} finding(s)"
    lines = [head, ""]
    if known or fixed:
        lines += [f"{known} known from the baseline, {fixed} fixed since the baseline.", ""]
    if findings:
        lines += ["| rule | findings | fixable |", "| --- | ---: | :---: |"]
        counts = Counter((f.msg_id, f.symbol, f.fixable) for f in findings)
        for (msg_id, symbol, fixable), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"| `{_cell(msg_id)}` {_cell(symbol)} | {count} | {'yes' if fixable else ''} |")
    return "\n".join(lines) + "\n"


_NEVER_A_SUMMARY = ("pyproject.toml", "setup.cfg", "tox.ini")


def append_step_summary(markdown: str) -> bool:
    """GitHub collects the step summary from the file $GITHUB_STEP_SUMMARY names; steps append to it. The variable
    is only trusted as far as -o is: a regular file (never a FIFO that would block, a device, a directory) that is
    not source or settings; otherwise a warning, never a failed run."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    problem = "a Python or settings file" if target.endswith(".py") or os.path.basename(target) in _NEVER_A_SUMMARY \
        else None
    fd = None
    try:
        fd = None if problem else os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        problem = exc.strerror or str(exc)
    if fd is not None:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                problem = "not a regular file"
            else:
                data = markdown.encode("utf-8", "backslashreplace")
                while data:
                    data = data[os.write(fd, data):]
        except OSError as exc:
            problem = exc.strerror or str(exc)
        finally:
            os.close(fd)
    if problem:
        print(f"diracmod: warning: step summary not written to GITHUB_STEP_SUMMARY={target!r}: {problem}",
              file=sys.stderr)
    return not problem


RENDERERS = {"junit": junit, "gitlab": gitlab, "sarif": sarif, "github": github}

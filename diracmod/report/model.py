"""The report's data: per module and per system, status, counts, effort, size and blockers, as one
JSON-ready dict (the shape is schema/report.schema.json; render.py and site.py only read it)."""
from __future__ import annotations

import fnmatch
import os
from collections import Counter, defaultdict

from diracmod import __version__
from diracmod.report import effort, graph, owners, testresults

SCHEMA_VERSION = "1.2"  # 1.2: "rules"

# Worst first: a module's status is the first that applies to it.
STATUSES = ("syntax-error", "blocked-dependency", "manual", "fixable", "blocked-import", "ported")
LABELS = {
    "syntax-error": "syntax error (not checked)",
    "blocked-dependency": "blocked by a dependency",
    "manual": "needs manual work",
    "fixable": "fixable by diracmod fix",
    "blocked-import": "blocked by a module it imports",
    "ported": "ported",
}
# A file nobody could check: its status says so (Python-2- or 3-only syntax is porting work, not this).
NOT_CHECKED = frozenset({"syntax-error", "undecodable-source", "binary-file", "unreadable-file", "file-too-large",
                         "internal-error"})
PORTING_CHECKERS = frozenset({"py3k", "syntax", "deps"})  # pycodestyle is counted, but is not porting work


class ReportError(Exception):
    """Bad report settings; the message names the key."""


def system_of(rel_path: str, settings: dict) -> str:
    """[tool.diracmod.report] systems = {name = [globs]} first, else the first `system-depth` directories."""
    for name, globs in settings.get("systems", {}).items():
        if any(fnmatch.fnmatch(rel_path, g) or fnmatch.fnmatch(rel_path, g.rstrip("/") + "/*") for g in globs):
            return name
    parts = rel_path.split("/")[:-1][: settings.get("system-depth", 1)]
    return "/".join(parts) or "(top level)"


def check_settings(settings: dict) -> dict:
    known = {"systems": dict, "system-depth": int, "fix-previews": int}
    for key, value in settings.items():
        if key not in known:
            raise ReportError(f"[tool.diracmod.report]: unknown key {key!r} (known: {', '.join(sorted(known))})")
        if not isinstance(value, known[key]):
            raise ReportError(f"[tool.diracmod.report] {key}: expected {known[key].__name__}")
    for name, globs in settings.get("systems", {}).items():
        if not (isinstance(globs, list) and all(isinstance(g, str) for g in globs)):
            raise ReportError(f"[tool.diracmod.report] systems.{name}: expected a list of path globs")
    if settings.get("system-depth", 1) < 1:
        raise ReportError("[tool.diracmod.report] system-depth: expected 1 or more")
    if settings.get("fix-previews", 0) < 0:
        raise ReportError("[tool.diracmod.report] fix-previews: expected 0 (none) or more")
    return settings


def _own_status(findings, blockers) -> str:
    porting = [f for f in findings if f.checker in PORTING_CHECKERS]
    if any(f.symbol in NOT_CHECKED for f in porting):
        return "syntax-error"
    if blockers:
        return "blocked-dependency"
    if any(not f.fixable for f in porting):
        return "manual"
    return "fixable" if porting else "ported"


def _finding(f) -> dict:
    return {"line": f.line, "column": f.column, "msg_id": f.msg_id, "symbol": f.symbol, "message": f.message,
            "checker": f.checker, "fixable": f.fixable, "effort": effort.weight(f.symbol, f.checker, f.fixable)}


def _module(path, rel, name, system, lines, findings, blockers, owned) -> dict:
    porting = [f for f in findings if f.checker in PORTING_CHECKERS]
    items = [_finding(f) for f in findings]
    dep_effort = effort.weight("blocked-dependency-import", "deps", False) * len(blockers or ())
    return {
        "id": rel, "name": name, "path": path, "system": system, "lines": lines,
        "status": _own_status(findings, blockers), "own_status": _own_status(findings, blockers),
        "findings": len(findings), "porting_findings": len(porting),
        "fixable": sum(f.fixable for f in porting), "manual": sum(not f.fixable for f in porting),
        "effort": round(sum(i["effort"] for i in items) + dep_effort, 1),
        "by_rule": dict(sorted(Counter(f.symbol for f in findings).items())),
        "by_checker": dict(sorted(Counter(f.checker for f in findings).items())),
        "dependency_blockers": None if blockers is None else [
            {"line": line, "distribution": dist, "verdict": verdict} for line, dist, verdict in blockers],
        "owners": owned, "tests": None,
        "imports": [], "imported_by": [], "blocked_by": [], "unit": 0, "items": items,
    }


def _totals(modules) -> dict:
    by_status = Counter(m["status"] for m in modules)
    lines_by_status, by_rule = Counter(), Counter()
    for m in modules:
        lines_by_status[m["status"]] += m["lines"]
        by_rule.update(m["by_rule"])
    lines = sum(m["lines"] for m in modules)
    return {
        "modules": len(modules), "lines": lines,
        "status": {s: by_status.get(s, 0) for s in STATUSES},
        "status_lines": {s: lines_by_status.get(s, 0) for s in STATUSES},
        "findings": sum(m["findings"] for m in modules),
        "porting_findings": sum(m["porting_findings"] for m in modules),
        "fixable": sum(m["fixable"] for m in modules), "manual": sum(m["manual"] for m in modules),
        "effort": round(sum(m["effort"] for m in modules), 1),
        "ported_fraction": round(by_status.get("ported", 0) / len(modules), 4) if modules else 1.0,
        "ported_lines_fraction": round(lines_by_status.get("ported", 0) / lines, 4) if lines else 1.0,
        "by_rule": dict(sorted(by_rule.items())),
        "tests": _test_totals(modules),
    }


def _test_totals(modules) -> dict | None:
    """Tests per category summed over the modules (a test exercising two modules counts for each)."""
    if not modules or modules[0]["tests"] is None:
        return None
    return {c: sum(m["tests"][c] for m in modules) for c in testresults.CATEGORIES}


def _rules(modules) -> list:
    """Findings per rule over the tree, the most effort first: which rules cost the release most."""
    rows = {}
    for m in modules:
        for item in m["items"]:
            row = rows.get((item["checker"], item["symbol"]))
            if row is None:
                row = rows[item["checker"], item["symbol"]] = {
                    "symbol": item["symbol"], "checker": item["checker"], "msg_ids": set(), "findings": 0,
                    "modules": set(), "fixable": 0, "manual": 0, "effort": 0.0}
            row["msg_ids"].add(item["msg_id"])
            row["findings"] += 1
            row["modules"].add(m["id"])
            row["fixable" if item["fixable"] else "manual"] += 1
            row["effort"] += item["effort"]
    out = [{**row, "msg_ids": sorted(row["msg_ids"]), "modules": len(row["modules"]), "effort": round(row["effort"], 1),
            "porting": row["checker"] in PORTING_CHECKERS} for row in rows.values()]
    return sorted(out, key=lambda r: (-r["effort"], not r["porting"], -r["findings"], r["symbol"]))


def _groups(modules, key) -> list:
    """Totals per value of `key(module)` (a list: a module counts under each of its values)."""
    groups = defaultdict(list)
    for m in modules:
        for name in key(m):
            groups[name].append(m)
    return [{"name": name, **_totals(members)} for name, members in sorted(groups.items())]


def build(root: str, files: list, findings: list, facts: dict, blockers: dict | None, settings: dict,
          problems: list, inputs: dict, owned: dict | None = None, tests: dict | None = None) -> dict:
    """`findings`: check's, for `files`; `facts`: imports.collect's; `blockers`: deps' per path, or None
    when deps did not run (the column is then shown as not available, never as "no blockers"); `owned`:
    owners per path, or None (nothing says who owns the code); `tests`: testresults.load's, or None."""
    by_path = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    modules = []
    # Discovery's paths all start with the normalised root, except for "." (the default): they have no "./"
    base = os.path.normpath(root)
    prefix = "" if base == os.curdir else os.path.join(base, "")
    for path in files:
        rel = (path[len(prefix):] if path.startswith(prefix) else os.path.basename(path)).replace(os.sep, "/")
        from_deps = None if blockers is None else blockers.get(path, [])
        modules.append(_module(path, rel, graph.module_name(path), system_of(rel, settings),
                               facts[path]["lines"], by_path.get(path, []), from_deps,
                               None if owned is None else owned.get(path, [])))
        if tests is not None:
            modules[-1]["tests"] = testresults.of(modules[-1], tests)
    order = graph.analyse(modules, facts)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "diracmod", "version": __version__},
        "root": root,
        "statuses": [{"key": s, "label": LABELS[s]} for s in STATUSES],
        "inputs": inputs,
        "totals": _totals(modules),
        "systems": _groups(modules, lambda m: [m["system"]]),
        "owners": [] if owned is None else _groups(modules, lambda m: m["owners"] or [owners.NO_OWNER]),
        "rules": _rules(modules),
        "modules": modules,
        "porting_order": order,
        "problems": [{"path": path, "symbol": symbol, "detail": detail} for path, symbol, detail in problems],
    }

"""The report as JSON (schema/report.schema.json) and as a Markdown summary for release notes and
merge-request comments."""
from __future__ import annotations

import json
from importlib import resources

ORDER_SHOWN = 15  # units of the porting order in the Markdown summary


def schema() -> dict:
    return json.loads(resources.files("diracmod.report").joinpath("schema/report.schema.json").read_text("utf-8"))


def as_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: the C encoder


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.1f}%"


def _cell(text) -> str:
    """Markdown table cells: a pipe or newline in a name must not break the table."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def as_markdown(report: dict) -> str:
    totals, labels = report["totals"], {s["key"]: s["label"] for s in report["statuses"]}
    out = [f"# Python 3 readiness: {_cell(report['root'])}", "",
           f"**{_percent(totals['ported_fraction'])} of modules ported** ({totals['status']['ported']} of "
           f"{totals['modules']}), **{_percent(totals['ported_lines_fraction'])} of lines** "
           f"({totals['status_lines']['ported']} of {totals['lines']}). Estimated effort left: "
           f"{totals['effort'] / 60:.1f} h ({totals['porting_findings']} porting findings, "
           f"{totals['fixable']} fixable by `diracmod fix`, {totals['manual']} manual).", "",
           "| status | modules | lines |", "|---|---:|---:|"]
    out += [f"| {labels[key]} | {totals['status'][key]} | {totals['status_lines'][key]} |" for key in labels]
    out += ["", "## Systems", "", "| system | modules | ported | lines ported | fixable | manual | effort (h) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    out += [f"| {_cell(s['name'])} | {s['modules']} | {_percent(s['ported_fraction'])} | "
            f"{_percent(s['ported_lines_fraction'])} | {s['fixable']} | {s['manual']} | {s['effort'] / 60:.1f} |"
            for s in report["systems"]]
    todo = [unit for unit in report["porting_order"] if unit["todo"]]
    out += ["", f"## Port next (first {min(ORDER_SHOWN, len(todo))} of {len(todo)} units, dependencies first)", ""]
    for number, unit in enumerate(todo[:ORDER_SHOWN], 1):
        names = ", ".join(f"`{_cell(m)}`" for m in unit["modules"][:5]) + (" ..." if len(unit["modules"]) > 5 else "")
        cycle = f" (import cycle of {len(unit['modules'])})" if len(unit["modules"]) > 1 else ""
        out.append(f"{number}. {names}{cycle}: effort {unit['effort']:.0f} min, unblocks {unit['unblocks']} module(s)")
    missing = [f"{name}: {item['detail']}" for name, item in report["inputs"].items() if not item["available"]]
    if missing:
        out += ["", "Not available in this report: " + "; ".join(_cell(m) for m in missing) + "."]
    return "\n".join(out) + "\n"

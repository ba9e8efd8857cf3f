"""The report as JSON (schema/report.schema.json) and as a Markdown summary for release notes and
merge-request comments."""
from __future__ import annotations

import json
import re
from importlib import resources

ORDER_SHOWN = 15  # units of the porting order in the Markdown summary
RULES_SHOWN = 10  # porting rules in the Markdown summary
HISTORY_SHOWN = 10  # revisions of history.jsonl in the Markdown summary


def schema() -> dict:
    return json.loads(resources.files("diracmod.report").joinpath("schema/report.schema.json").read_text("utf-8"))


def as_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: the C encoder


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.1f}%"


def _lines_percent(row: dict) -> str:
    """A group without lines of code (empty modules only) has no share of lines ported."""
    return _percent(row["ported_lines_fraction"]) if row["lines"] else "n/a"


def _inline(text) -> str:
    """Running text: a newline in a name must not end the paragraph or list item."""
    return str(text).replace("\n", " ")


def _cell(text) -> str:
    """Markdown table cells: a pipe or newline in a name must not break the table (GFM reads `\\|` as a
    pipe in a cell, code spans included; outside a table it would show the backslash)."""
    return _inline(text).replace("|", "\\|")


def _code(text) -> str:
    """A code span for any name (CommonMark): a fence of more backticks than the longest run in the name,
    and a space inside when the name starts or ends with a backtick (or with a space at both ends: the
    parser strips one of each)."""
    text = _inline(text)
    fence = "`" * (1 + max((len(run) for run in re.findall("`+", text)), default=0))
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " == text[-1:] and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _group_table(title: str, what: str, rows: list) -> list:
    """Progress per system or owner, by module count and by lines of code."""
    tests = rows and rows[0]["tests"] is not None
    out = ["", f"## {title}", "",
           f"| {what} | modules | ported | lines | lines ported | fixable | manual | effort (h) |"
           + (" tests pass on both | Python 2 only |" if tests else ""),
           "|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if tests else "")]
    out += [f"| {_cell(r['name'])} | {r['modules']} | {_percent(r['ported_fraction'])} | {r['lines']} | "
            f"{_lines_percent(r)} | {r['fixable']} | {r['manual']} | {r['effort'] / 60:.1f} |"
            + (f" {r['tests']['both']} | {r['tests']['python2_only']} |" if tests else "") for r in rows]
    return out


def _history_table(rows: list) -> list:
    """The last revisions of history.jsonl (--history, --append-history): what changed since the last release."""
    shown = rows[-HISTORY_SHOWN:]
    out = ["", f"## Progress over the last {len(shown)} of {len(rows)} revisions", "",
           "| revision | date | modules ported | lines ported | effort left (h) |", "|---|---|---:|---:|---:|"]
    for row in shown:
        t = row["totals"]
        out.append(f"| {_cell(row['label'])} | {_cell((row.get('date') or '')[:10])} | {t['ported']} of {t['modules']} | "
                   f"{t['ported_lines']} of {t['lines']} | {t['effort'] / 60:.1f} |")
    return out


def as_markdown(report: dict, history_rows: list = ()) -> str:
    totals, labels = report["totals"], {s["key"]: s["label"] for s in report["statuses"]}
    out = [f"# Python 3 readiness: {_inline(report['root'])}", "",
           f"**{_percent(totals['ported_fraction'])} of modules ported** ({totals['status']['ported']} of "
           f"{totals['modules']}), **{_percent(totals['ported_lines_fraction'])} of lines** "
           f"({totals['status_lines']['ported']} of {totals['lines']}). Estimated effort left: "
           f"{totals['effort'] / 60:.1f} h ({totals['porting_findings']} porting findings, "
           f"{totals['fixable']} fixable by `diracmod fix`, {totals['manual']} manual).", "",
           "| status | modules | lines |", "|---|---:|---:|"]
    out += [f"| {labels[key]} | {totals['status'][key]} | {totals['status_lines'][key]} |" for key in labels]
    out += _group_table("Systems", "system", report["systems"])
    if report["inputs"]["owners"]["available"]:
        out += _group_table("Owners", "owner", report["owners"])
        out += ["", f"Owners from {_inline(report['inputs']['owners']['detail'])}; a module with several owners "
                    f"counts under each."]
    porting = [r for r in report["rules"] if r["porting"]]
    out += ["", f"## Rules (the {min(RULES_SHOWN, len(porting))} of {len(porting)} porting rules with the most "
                f"estimated effort)", "",
            "| rule | checker | findings | modules | fixable | manual | effort (min) |", "|---|---|---:|---:|---:|---:|---:|"]
    out += [f"| {_cell(_code(r['symbol']))} ({_cell(', '.join(r['msg_ids']))}) | {_cell(r['checker'])} | {r['findings']} | "
            f"{r['modules']} | {r['fixable']} | {r['manual']} | {r['effort']:.0f} |" for r in porting[:RULES_SHOWN]]
    if len(history_rows) > 1:
        out += _history_table(history_rows)
    todo = [unit for unit in report["porting_order"] if unit["todo"]]
    out += ["", f"## Port next (first {min(ORDER_SHOWN, len(todo))} of {len(todo)} units, dependencies first)", ""]
    for number, unit in enumerate(todo[:ORDER_SHOWN], 1):
        names = ", ".join(_code(m) for m in unit["modules"][:5]) + (" ..." if len(unit["modules"]) > 5 else "")
        cycle = f" (import cycle of {len(unit['modules'])})" if len(unit["modules"]) > 1 else ""
        out.append(f"{number}. {names}{cycle}: effort {unit['effort']:.0f} min, unblocks {unit['unblocks']} module(s)")
    missing = [f"{name}: {item['detail']}" for name, item in report["inputs"].items() if not item["available"]]
    if missing:
        out += ["", "Not available in this report: " + "; ".join(_inline(m) for m in missing) + "."]
    return "\n".join(out) + "\n"

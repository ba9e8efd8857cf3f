"""Output: the JSON document (documented shape) and the rich table."""
from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from diracmod.deps.verdict import BLOCKS, FINE, KINDS, NEEDS_CHANGE, UNKNOWN


def as_json(report) -> str:
    document = {
        "dependencies": [e.to_json() for e in report.dependencies],
        "transitive": [e.to_json() for e in report.transitive],
        "imports": {"files_scanned": report.files_scanned, "undeclared": report.undeclared,
                    "unused": report.unused, "stdlib": report.stdlib},
        "skipped": [{"name": s.name, "source": s.source, "reason": s.reason} for s in report.skipped],
        "warnings": report.warnings,
        "summary": summary(report),
        "index": report.index,
    }
    return json.dumps(document, indent=2) + "\n"


# The summary's key for each kind (`blockers` and `unknown` as they always were).
SUMMARY_KEYS = {BLOCKS: "blockers", NEEDS_CHANGE: "needs_change", UNKNOWN: "unknown", FINE: "fine"}


def summary(report) -> dict:
    """The direct dependencies' names by kind, and those that fail the run."""
    return {"dependencies": len(report.dependencies),
            **{SUMMARY_KEYS[kind]: [e.name for e in report.of_kind(kind)] for kind in KINDS},
            "failing": [e.name for e in report.failing()], "transitive": len(report.transitive)}


def _yes_no(value) -> str:
    return {True: "[green]yes[/]", False: "[red]no[/]", None: "[yellow]?[/]"}[value]


_STYLES = {BLOCKS: "bold red", NEEDS_CHANGE: "magenta", UNKNOWN: "yellow", FINE: "green"}


def _verdict(entry) -> str:
    return f"[{_STYLES[entry.kind]}]{escape(entry.verdict)}[/]"


def render(report, console: Console, verbose: bool = False):
    table = Table(title="Dependencies: Python 2.7 and Python 3 readiness", title_justify="left", expand=False)
    for column, options in (("dependency", {"style": "bold", "overflow": "fold"}), ("allowed", {"overflow": "fold"}),
                            ("py2.7", {"justify": "center"}), ("py3", {"justify": "center"}), ("bridge", {}),
                            ("kind", {"no_wrap": True}), ("verdict", {"ratio": 3, "overflow": "fold"}),
                            ("source", {"ratio": 2, "overflow": "fold"})):
        table.add_column(column, **options)
    for entry in report.dependencies:
        table.add_row(escape(entry.name), escape(entry.specifier or "any"), _yes_no(entry.supports_py2),
                      _yes_no(entry.supports_py3), escape(entry.bridge_version or "-"),
                      f"[{_STYLES[entry.kind]}]{entry.kind}[/]", _verdict(entry), escape(entry.source))
        if verbose:
            for line in entry.evidence:
                table.add_row("", "", "", "", "", "", f"[dim]{escape(line)}[/]", "")
    if report.dependencies:
        console.print(table)
    else:
        console.print("No dependencies found (requirements files, setup.py, setup.cfg, pyproject.toml, "
                      "environment.yml or imports).")
    chains = [(e, c) for e in report.dependencies for c in e.blocked_by]
    if chains:
        console.print("\n[bold]Through dependencies[/] [dim](transitive dependencies that block or need a change)[/]")
        for entry, chain in chains:
            console.print(f"  {escape(chain)}", highlight=False)
    if verbose and report.transitive:
        console.print(f"\n[bold]Transitive dependencies ({len(report.transitive)})[/]")
        for entry in report.transitive:
            console.print(f"  {escape(entry.name)}{escape(entry.specifier)}: {_verdict(entry)}  "
                          f"[dim]{escape(entry.source)}[/]")
    if report.undeclared:
        console.print("\n[bold]Imported but not declared[/]")
        for item in report.undeclared:
            handled = " [dim](every import has a fallback)[/]" if item["handled"] else ""
            more = len(item["sources"]) - 3
            where = ", ".join(item["sources"][:3]) + (f" (+{more} more)" if more > 0 else "")
            console.print(f"  {escape(item['module'])} -> {escape(item['distribution'])}{handled}  "
                          f"[dim]{escape(where)}[/]")
    if report.unused:
        console.print("\n[bold]Declared but never imported[/] [dim](tools such as pytest are not counted)[/]")
        for item in report.unused:
            console.print(f"  {escape(item['name'])}  [dim]{escape(item['source'])}[/]")
    if report.stdlib:
        console.print("\n[bold]Python 2 standard-library modules Python 3 renamed or removed[/]")
        for item in report.stdlib:
            state = f"{item['unhandled']} to port" + (f", {item['handled']} already handled" if item["handled"] else "")
            console.print(f"  {escape(item['module'])}: {escape(item['replacement'])}  [dim]({state}; "
                          f"{escape(item['sources'][0])}{' ...' if len(item['sources']) > 1 else ''})[/]")
    if report.skipped:
        console.print("\n[bold]Not checked[/]")
        for item in report.skipped:
            console.print(f"  {escape(item.name)}: {escape(item.reason)}  [dim]{escape(item.source)}[/]")
    counts = summary(report)
    console.print(f"\n{counts['dependencies']} dependencies: {len(counts['blockers'])} blocking the migration, "
                  f"{len(counts['needs_change'])} needing a change (a pin or a marker), {len(counts['unknown'])} "
                  f"unknown, {len(counts['fine'])} fine as is"
                  + (f"; {counts['transitive']} transitive checked" if counts["transitive"] else ""))

"""The text summary of `diracmod tests`: rich tables on stdout (plain text when it is not a terminal)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

CAUSES_SHOWN = 15


def text(document: dict, console: Console) -> None:
    runs = Table(title="interpreters", title_justify="left")
    for column in ("", "version", "runner", "tests", "passed", "killed"):
        runs.add_column(column, justify="right" if column in ("tests", "passed", "killed") else "left")
    for role, run in document["interpreters"].items():
        runs.add_row(role, run["version"], run["runner"], str(run["tests"]), str(run["passed"]),
                     str(len(run["killed"])))
    console.print(runs)

    modules = Table(title="per module: tests exercising it (its test modules' imports, transitively)",
                    title_justify="left")
    modules.add_column("module")
    for column in ("tests", "both", "Python 2 only", "Python 3 only", "neither"):
        modules.add_column(column, justify="right")
    for row in document["modules"]:
        modules.add_row(escape(row["module"]), str(row["tests"]), str(row["both"]), str(row["python2_only"]),
                        str(row["python3_only"]), str(row["neither"]))
    console.print(modules if document["modules"] else "no test maps to a project module")

    causes = Table(title="failures by cause", title_justify="left")
    for column in ("interpreter", "cause", "tests", "first error line"):
        causes.add_column(column, justify="right" if column == "tests" else "left",
                          overflow="fold" if column == "first error line" else "ellipsis")
    for row in document["causes"][:CAUSES_SHOWN]:
        causes.add_row(row["interpreter"], escape(row["cause"]), str(row["count"]), escape(row["first_error"] or ""))
    if document["causes"]:
        console.print(causes)
        more = len(document["causes"]) - CAUSES_SHOWN
        if more > 0:
            console.print(f"... and {more} more cause(s) in the JSON report")
    for role, run in document["interpreters"].items():
        for test in run["killed"]:
            console.print(f"{role}: killed {escape(test)}")
        for problem in run["problems"]:
            console.print(f"{role}: {escape(problem)}")
    summary = document["summary"]
    share = summary["python2_passes_on_python3"]
    console.print(f"{summary['python2_passed']} test(s) pass on Python 2: {summary['both']} of them also on "
                  f"Python 3" + (f" ({100 * share:.1f}%)" if share is not None else "")
                  + f"; {summary['python3_only']} pass on Python 3 only, {summary['neither']} ran and pass on neither")
    unimported = summary["importing_on_neither_modules"]
    if unimported:  # their tests never ran: no count above has them
        shown = ", ".join(escape(module) for module in unimported[:CAUSES_SHOWN])
        more = f" and {len(unimported) - CAUSES_SHOWN} more" if len(unimported) > CAUSES_SHOWN else ""
        console.print(f"{len(unimported)} test module(s) import on neither Python, so none of their tests ran "
                      f"(none is counted above): {shown}{more}")


def comparison(differences: list, console: Console) -> None:
    """--compare: per test whose outcome or output differs, the normalised diff."""
    if not differences:
        console.print("--compare: every test has the same outcome and output under both interpreters")
        return
    console.print(f"--compare: {len(differences)} test(s) behave differently")
    for test, lines in differences:
        console.print(f"[bold]{escape(test)}[/bold]")
        for line in lines:
            console.print("  " + escape(line), highlight=False)

"""`diracmod rules` and `diracmod explain`: the catalogue, for people."""
from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.syntax import Syntax
from rich.table import Table

from diracmod.core import catalogue
from diracmod.rules import style


def register(sub):
    rules = sub.add_parser("rules", help="list the rules (filter by checker, severity or text)",
                           description="List every rule diracmod knows, from the catalogue in rules/.")
    rules.add_argument("--checker", help="only this checker: py3k, syntax, ...")
    rules.add_argument("--severity", choices=("error", "warning", "convention"))
    rules.add_argument("--fixable", action="store_true", help="only rules `diracmod fix` rewrites")
    rules.add_argument("search", nargs="?", help="text to look for in id, symbol or summary")
    rules.set_defaults(func=run_rules)
    explain = sub.add_parser("explain", help="why a rule matters and what to write instead",
                             description="Print one rule: rationale, fix and examples.")
    explain.add_argument("rule", help="an id (W1612) or symbol (unicode-builtin)")
    explain.set_defaults(func=run_explain)


def _console():
    return Console(highlight=False, soft_wrap=not sys.stdout.isatty())


def run_rules(args) -> int:
    rules = catalogue.load().rules
    if args.checker:
        known = sorted({r.checker for r in rules})
        if args.checker not in known:  # an empty table would read as "no such rules"
            print(f"diracmod rules: no checker {args.checker!r} in the catalogue (known: {', '.join(known)}; "
                  "pycodestyle's codes are pycodestyle's own: `diracmod explain E501`)", file=sys.stderr)
            return 2
        rules = [r for r in rules if r.checker == args.checker]
    if args.severity:
        rules = [r for r in rules if r.severity == args.severity]
    if args.fixable:
        rules = [r for r in rules if r.fixable]
    if args.search:
        needle = args.search.lower()
        rules = [r for r in rules if needle in f"{r.id} {r.symbol} {r.summary}".lower()]
    table = Table("id", "symbol", "checker", "severity", "fix", "summary", box=None, pad_edge=False)
    for rule in rules:
        table.add_row(rule.id, rule.symbol, rule.checker, rule.severity, "yes" if rule.fixable else "", rule.summary)
    _console().print(table)
    return 0


def run_explain(args) -> int:
    rule = catalogue.load().get(args.rule)
    if rule is None:
        text = style.explain(args.rule)
        if text:
            print(f"{args.rule.upper()} (pycodestyle)\n\n{text}")
            return 0
        print(f"diracmod: no rule {args.rule!r}; `diracmod rules {args.rule}` searches the catalogue",
              file=sys.stderr)
        return 2
    console = _console()
    console.print(f"[bold]{rule.id} {rule.symbol}[/bold] ({rule.checker}, {rule.severity})")
    # the texts are plain: `[tool.diracmod.fix] six` is no markup tag to drop
    console.print(escape(rule.summary), "\n")
    console.print(escape(rule.rationale), "\n")
    if rule.fix:
        console.print("[bold]Instead:[/bold]", escape(rule.fix), "\n")
    for title, examples in (("Flagged", rule.bad), ("Clean", rule.good)):
        for example in examples:
            console.print(f"[bold]{title}:[/bold]")
            console.print(Syntax(example.code.rstrip(), "python", line_numbers=True, theme="ansi_dark"))
            if example.beside:
                console.print(f"beside it: {', '.join(name for name, _ in example.beside)}")
    return 0

"""`diracmod report`: readiness per module and system, blocker graph, porting order, history, as a site.

pipeline  one run: check + import facts + deps -> model     imports / graph  the internal import graph
model     status, counts, effort per module and system      effort           per-rule weights
render    JSON and Markdown                                 site             the static HTML site
history   readiness at each git revision                    (the CLI: diracmod/commands/report.py)
"""

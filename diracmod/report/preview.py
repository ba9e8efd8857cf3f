"""What `diracmod fix` would change in a module, as a unified diff for its page (fix's own engine and plan,
with the project's settings). Fixing a file costs several times checking it, so a report makes previews only
for modules with findings of rules fix rewrites, and at most `fix-previews` of them ([tool.diracmod.report], default
PREVIEWS): the first in porting order, what gets ported next. Each is cached by the file's content."""
from __future__ import annotations

import hashlib
import json

from diracmod.check.cache import ResultCache
from diracmod.core import catalogue

PREVIEWS = 20  # about 0.2 s of CPU each on Django (13.4 s for its first 60, 15,800 lines, measured under load)
_FACTS = frozenset({"report-fix-preview"})


def _key(digest: str, plan) -> str:
    settings = [sorted(plan.symbols), sorted(plan.wanted), plan.guards, plan.max_bytes, plan.max_seconds,
                list(plan.futures.names), plan.futures.combined, plan.futures.untouched, plan.futures.keep_lines,
                plan.indent, plan.max_line, plan.long_lines, [list(entry) for entry in plan.project.entries] if plan.project else [],
                plan.project.sets_locale if plan.project else "", plan.project.import_hook if plan.project else "",
                plan.project.doctest_globs if plan.project else "",
                [list(flag) for flag in plan.project.flags] if plan.project else [],
                [list(shim) for shim in plan.project.escape_shims] if plan.project else [],
                [list(left) for left in plan.project.classic_mro] if plan.project else [],
                [list(plain) for plain in plan.project.plain_classes] if plan.project else [],
                [[key, name, list(names)] for key, name, names in plan.project.dict_readers] if plan.project else [],
                [list(left) for left in plan.project.raised_classic] if plan.project else []]
    return hashlib.sha256(json.dumps([digest, "fix-preview", settings]).encode()).hexdigest()


def chosen(report: dict, limit: int) -> list:
    """The modules that get a preview: those with findings of rules fix rewrites by default, in porting order, at
    most `limit`; a module fix leaves whole (its findings not fixable there: check's engine) among them, so that
    its page says why."""
    rules = catalogue.load()
    rewritten = {rule.symbol for rule in rules.rules if rule.fixable and not rule.unsafe}
    by_id = {m["id"]: m for m in report["modules"]}
    ordered = [by_id[x] for unit in report["porting_order"] for x in unit["modules"]]
    return [m for m in ordered if rewritten.intersection(m["by_rule"])][:limit]


def make(modules: list, digests: dict, config, selection, cache: ResultCache, jobs: int) -> dict:
    """{module id: {"diff": unified diff ("" when fix changes nothing), "refused": why fix leaves it, or None}}."""
    # here, not at the top: fix's engine loads libcst (0.7 s), which a warm report, its analysis reused,
    # never needs
    from diracmod.fix import engine, output

    plan = output.plan(config, selection, paths=[m["path"] for m in modules])
    found, todo = {}, []
    for m in modules:
        key = digests.get(m["path"]) and _key(digests[m["path"]], plan)
        cached = cache.get(key, _FACTS) if key else None
        if cached is None:
            todo.append(m)
        else:
            found[m["id"]] = cached[0]
    for m, result in zip(todo, engine.run([m["path"] for m in todo], plan, jobs)):
        found[m["id"]] = {"diff": output.unified_diff(result, m["id"]) if result.new is not None else "",
                          "refused": result.refused}
        if digests.get(m["path"]):
            cache.put(_key(digests[m["path"]], plan), _FACTS, [found[m["id"]]])
    return found

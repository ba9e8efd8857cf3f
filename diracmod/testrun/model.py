"""The result of `diracmod tests` as one JSON document (schema/tests-1.json): per test its outcome under each
interpreter, per module the tests exercising it by category, and failures grouped by cause."""
from __future__ import annotations

from collections import defaultdict

from diracmod import __version__
from diracmod.testrun.causes import cause
from diracmod.testrun.junit import IMPORT

SCHEMA_VERSION = 1
CATEGORIES = ("both", "python2_only", "python3_only", "neither")
ABSENT = "absent"  # the interpreter did not run the test (its module did not import, or the run was killed)


def _category(outcome2: str, outcome3: str) -> str:
    passed2, passed3 = outcome2 == "passed", outcome3 == "passed"
    return CATEGORIES[(not passed2) * 2 + (not passed3)] if passed2 or passed3 else "neither"


def _tests(runs: dict, modules) -> list:
    """One row per test seen under any interpreter; a test absent under one inherits its module's import
    failure there."""
    rows = {}
    for role, run in runs.items():
        import_failures = {}
        for r in run.results:
            module, test = modules.test_id(r.classname, r.name)
            row = rows.setdefault(test, {"id": test, "module": module})
            row[role] = {"outcome": r.outcome, "error": r.error or None}
            if r.name == IMPORT:
                import_failures[module or r.classname] = r
        for row in rows.values():
            if role not in row:
                failure = import_failures.get(row["module"] or row["id"].partition("::")[0])
                row[role] = {"outcome": ABSENT, "error": failure.error if failure else None}
    for row in rows.values():
        for role in runs:
            row.setdefault(role, {"outcome": ABSENT, "error": None})  # first seen under a later interpreter
        # a module's "(import)" row: where it imports (absent: no failure there), as its tests' rows say where
        # they pass; the summary counts the tests, and the modules importing on neither apart
        imported = "passed" if row["id"].endswith("::" + IMPORT) else ABSENT
        row["category"] = _category(*(imported if row[role]["outcome"] == ABSENT else row[role]["outcome"]
                                      for role in runs))
        for role in runs:
            killed = row[role]["outcome"] == "killed"
            row[role]["cause"] = cause(row[role]["error"] or "", killed) if row[role]["error"] or killed else None
    return sorted(rows.values(), key=lambda row: row["id"])


def _real(tests: list) -> list:
    """The tests without the "(import)" rows (a module's import failure is not a test: the tests of that module
    carry the failure as theirs)."""
    return [row for row in tests if not row["id"].endswith("::" + IMPORT)]


def _importing_on_neither(tests: list) -> list:
    """The test modules whose import failed under every interpreter: no test of theirs ran, so none is in the
    counts (their "(import)" rows, category neither, are all that is known of them)."""
    return sorted(row["module"] or row["id"].partition("::")[0] for row in tests if row["id"].endswith("::" + IMPORT)
                  and row["category"] == "neither")


def _modules(tests: list, modules) -> list:
    per_module = defaultdict(lambda: dict.fromkeys(CATEGORIES, 0))
    exercised = {}
    for row in _real(tests):
        if row["module"] is None:
            continue
        if row["module"] not in exercised:
            exercised[row["module"]] = modules.exercised(row["module"])
        for module in exercised[row["module"]]:
            per_module[module][row["category"]] += 1
    return [{"module": module, "tests": sum(counts.values()), **counts}
            for module, counts in sorted(per_module.items())]


def _causes(tests: list, roles) -> list:
    """Failures by (interpreter, cause). A module's import failure counts through the tests it kept from running;
    alone only when there are none (it failed under both interpreters: no test id is known)."""
    groups = defaultdict(list)
    real = _real(tests)
    for role in roles:
        absent = {row["module"] for row in real if row[role]["outcome"] == ABSENT}
        for row in tests:
            if (row in real or row["module"] not in absent) and row[role]["cause"]:
                groups[(role, row[role]["cause"])].append(row)
    return [{"interpreter": role, "cause": name, "count": len(rows), "first_error": rows[0][role]["error"],
             "tests": [row["id"] for row in rows]}
            for (role, name), rows in sorted(groups.items(), key=lambda item: (item[0][0], -len(item[1]), item[0]))]


def _killed(run, modules) -> dict:
    """The tests killed from outside, by id, and why."""
    ids = {}
    for test, why in run.killed:
        classname, separator, name = test.partition("::")
        ids[modules.test_id(classname, name)[1] if separator else test] = why
    return ids


def build(root: str, runs: dict, modules, settings) -> dict:
    tests = _tests(runs, modules)
    killed = {role: _killed(run, modules) for role, run in runs.items()}
    counts = {category: sum(row["category"] == category for row in _real(tests)) for category in CATEGORIES}
    passed2 = counts["both"] + counts["python2_only"]
    unimported = _importing_on_neither(tests)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": f"diracmod {__version__}",
        "root": root,
        "interpreters": {role: {"executable": run.interpreter.executable, "version": run.version,
                                "runner": run.interpreter.runner,
                                "tests": sum(row[role]["outcome"] != ABSENT for row in _real(tests)),
                                "passed": sum(row[role]["outcome"] == "passed" for row in _real(tests)),
                                # nose writes no JUnit when killed: its killed test is only in the run
                                "killed": sorted({row["id"] for row in tests if row[role]["outcome"] == "killed"}
                                                 | set(killed[role])),
                                "problems": [f"{why} while {test} ran" for test, why in killed[role].items()]
                                + run.problems}
                         for role, run in runs.items()},
        "settings": {"paths": settings.paths, "test_timeout": settings.test_timeout, "deadline": settings.deadline},
        "summary": {**counts, "python2_passed": passed2,
                    "python2_passes_on_python3": round(counts["both"] / passed2, 4) if passed2 else None,
                    "importing_on_neither": len(unimported), "importing_on_neither_modules": unimported},
        "tests": tests,
        "modules": _modules(tests, modules),
        "causes": _causes(tests, list(runs)),
    }

"""Which project modules a test exercises: its test module's imports, transitively, within the project
(report's import facts and import graph), and which test module a JUnit classname belongs to."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from diracmod.check.cache import ResultCache
from diracmod.core.discover import discover
from diracmod.report.graph import import_graph
from diracmod.report.imports import collect, module_name


class ModuleMap:
    def __init__(self, root: str, exclude, test_paths: list, max_bytes: int):
        files = sorted(discover([root], exclude).files)
        self.root = root
        self.modules = [{"id": os.path.relpath(path, root), "name": module_name(path), "path": path}
                        for path in files]
        no_cache = ResultCache(Path(root), "tests", enabled=False)
        self.graph = import_graph(self.modules, collect(files, {}, no_cache, max_bytes, 1))
        # a classname names a module the way the runner imported it: from the root (tests.test_x) or from a
        # directory without __init__.py on sys.path (Test_JobDB): both spellings are looked up
        self.by_name = {}
        for m in self.modules:
            dotted = m["id"][:-3].replace(os.sep, ".").removesuffix(".__init__")
            for name in (m["name"], dotted):
                self.by_name.setdefault(name, m["id"])
        tests = [os.path.join(root, path) for path in test_paths]
        self.test_area = [path for path in tests if os.path.isdir(path)]
        self.test_files = {os.path.relpath(path, root) for path in tests if os.path.isfile(path)}
        # a test file given as a path is imported by its bare name, its directory first on sys.path
        # (junit_runner.load): that name is the file's, whatever else of the tree has it
        for path in self.test_files:
            self.by_name[os.path.splitext(os.path.basename(path))[0]] = path

    def test_id(self, classname: str, name: str) -> tuple:
        """(the module holding the test, relative to the root, or None; the test's id). The id is the same
        whichever runner ran it, in pytest's form: tests/test_x.py::Class::test (the module is the longest known
        prefix of the classname); classname::name when no module of the tree matches. A path of the tree in the
        name (nose's generated tests carry their arguments) is made relative: the same test in every copy."""
        name = name.replace(self.root + os.sep, "")
        parts = classname.split(".")
        for end in range(len(parts), 0, -1):
            module = self.by_name.get(".".join(parts[:end]))
            if module:
                return module, "::".join([module.replace(os.sep, "/"), *parts[end:], name])
        return None, f"{classname}::{name}"

    def is_test_code(self, module: str) -> bool:
        path = os.path.join(self.root, module)
        return module in self.test_files or any(path.startswith(area + os.sep) for area in self.test_area)

    def exercised(self, test_module: str) -> list:
        """The project's modules (test code left out) that `test_module` imports, directly or not."""
        return sorted(m for m in nx.descendants(self.graph, test_module) if not self.is_test_code(m))

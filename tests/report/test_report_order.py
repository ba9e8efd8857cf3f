"""Done-when 4: on a crafted package with a known import DAG and a cycle, the porting order is a valid
topological order of the condensation and the cycle is one unit."""
import json

import networkx as nx

from report_helpers import run_report, write_tree

PY2 = "class Key(object):\n    def __getslice__(self, i, j):\n        return 0\n"  # needs porting by a person (fix cannot)
FUTURE = "from __future__ import absolute_import\n"
PORTED = "x = 1\n"

# pkg.app -> pkg.service -> (pkg.a <-> pkg.b cycle) -> pkg.util ; pkg.app -> pkg.util ; pkg.lone alone
FILES = {
    "pkg/__init__.py": "",
    "pkg/util.py": PY2,
    "pkg/a.py": "from pkg import b\nfrom pkg.util import helper\n" + PY2,
    "pkg/b.py": FUTURE + "from . import a\n" + PORTED,
    "pkg/service.py": FUTURE + "import pkg.a\n" + PORTED,
    "pkg/app.py": "from .service import run\nfrom pkg import util\n" + PY2,
    "pkg/lone.py": PY2,
}
EXPECTED_EDGES = {("pkg/a.py", "pkg/b.py"), ("pkg/b.py", "pkg/a.py"), ("pkg/a.py", "pkg/util.py"),
                  ("pkg/service.py", "pkg/a.py"), ("pkg/app.py", "pkg/service.py"), ("pkg/app.py", "pkg/util.py")}


def _report(tmp_path):
    tree = write_tree(tmp_path / "project", FILES)
    code, _, err = run_report(tree, "-o", tmp_path / "out", "--deps", "off", "-q", cwd=tmp_path)
    assert code == 0, err
    return json.loads((tmp_path / "out" / "report.json").read_text())


def test_import_graph_order_and_cycle_unit(tmp_path):
    report = _report(tmp_path)
    modules = {m["id"]: m for m in report["modules"]}
    edges = {(m, target) for m in modules for target in modules[m]["imports"]}
    assert edges == EXPECTED_EDGES
    graph = nx.DiGraph(list(edges))
    graph.add_nodes_from(modules)
    # the cycle is one unit, every other module its own unit
    units = {}
    for item in report["porting_order"]:
        units[item["unit"]] = set(item["modules"])
    assert {"pkg/a.py", "pkg/b.py"} in units.values()
    assert sorted(len(u) for u in units.values()) == [1] * (len(modules) - 2) + [2]
    assert set().union(*units.values()) == set(modules)
    # valid topological order of the condensation: what a unit imports comes before it
    position = {m: index for index, item in enumerate(report["porting_order"]) for m in item["modules"]}
    for importer, imported in graph.edges:
        if modules[importer]["unit"] != modules[imported]["unit"]:
            assert position[imported] < position[importer], (importer, imported)
    condensation = nx.condensation(graph)
    assert len(report["porting_order"]) == condensation.number_of_nodes()


def test_statuses_follow_imports(tmp_path):
    modules = {m["id"]: m for m in _report(tmp_path)["modules"]}
    assert modules["pkg/util.py"]["status"] == "manual"
    assert modules["pkg/b.py"]["own_status"] == "ported"
    assert modules["pkg/b.py"]["status"] == "blocked-import"  # its cycle partner a is not ported
    assert modules["pkg/service.py"]["status"] == "blocked-import"
    assert modules["pkg/service.py"]["blocked_by"] == ["pkg/a.py"]  # first step; a is blocked by util in turn
    assert modules["pkg/a.py"]["blocked_by"] == ["pkg/util.py"]
    assert modules["pkg/__init__.py"]["status"] == "ported"

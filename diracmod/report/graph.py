"""The internal import graph (networkx): strongly connected components as porting units, what blocks
what, and a porting order - leaves first; among units ready at the same time, the one that unblocks
the most modules first, then the cheaper one."""
from __future__ import annotations

import os

from diracmod.report.imports import module_name, resolve

__all__ = ["analyse", "columns", "module_name"]
# networkx (0.3 s to load) is imported by the functions that build a graph: a warm report, its analysis and
# site reused, never does.


def import_graph(modules: list, facts: dict) -> nx.DiGraph:
    """Nodes: module ids; an edge a -> b when a imports b."""
    import networkx as nx

    by_name = {}
    for m in modules:
        by_name.setdefault(m["name"], m["id"])  # two files, one dotted name (scripts): the first wins
    known = set(by_name)
    g = nx.DiGraph()
    g.add_nodes_from(m["id"] for m in modules)
    for m in modules:
        is_package = os.path.basename(m["path"]) == "__init__.py"
        for _line, target in resolve(m["name"], is_package, facts[m["path"]], known):
            if by_name[target] != m["id"]:
                g.add_edge(m["id"], by_name[target])
    return g


def analyse(modules: list, facts: dict) -> list:
    """Fills each module's imports / imported_by / unit / blocked_by and its final status; returns the
    porting order: every unit (a cycle of imports is one unit), dependencies before their importers."""
    import networkx as nx

    g = import_graph(modules, facts)
    by_id = {m["id"]: m for m in modules}
    dag = nx.condensation(g)  # node: unit number; "members": module ids
    for unit, data in dag.nodes(data=True):
        for member in data["members"]:
            by_id[member]["unit"] = unit
    for m in modules:
        m["imports"] = sorted(g.successors(m["id"]))
        m["imported_by"] = sorted(g.predecessors(m["id"]))
    # Transitive sets as integer bitsets over units: Django's ~2000 modules in milliseconds.
    topo = list(nx.topological_sort(dag))  # importers before what they import
    pending = {u: [x for x in dag.nodes[u]["members"] if by_id[x]["own_status"] != "ported"] for u in dag}
    below = {}  # unit -> bitset of the units it depends on, transitively
    for unit in reversed(topo):
        below[unit] = 0
        for dep in dag.successors(unit):
            below[unit] |= below[dep] | (1 << dep)
    above = {}  # unit -> bitset of the units that depend on it
    for unit in topo:
        above[unit] = 0
        for importer in dag.predecessors(unit):
            above[unit] |= above[importer] | (1 << importer)
    waiting = 0  # bitset of the units with a module whose own code is not ported
    for unit, members in pending.items():
        waiting |= bool(members) << unit
    for m in modules:
        partners = [x for x in pending[m["unit"]] if x != m["id"]]
        if m["own_status"] == "ported" and (partners or below[m["unit"]] & waiting):
            m["status"] = "blocked-import"
    for m in modules:  # the first step of each chain: follow blocked_by from page to page to its end
        partners = [x for x in pending[m["unit"]] if x != m["id"]]
        outside = {x for x in m["imports"] if by_id[x]["unit"] != m["unit"] and by_id[x]["status"] != "ported"}
        m["blocked_by"] = sorted(outside | set(partners))  # in its cycle: only what is not ported itself
    cycles = {u: len(dag.nodes[u]["members"]) - 1 for u in dag if len(dag.nodes[u]["members"]) > 1}
    unblocks = {u: bin(above[u]).count("1") + sum(extra for c, extra in cycles.items() if above[u] >> c & 1)
                for u in dag}
    cost = {u: sum(by_id[x]["effort"] for x in dag.nodes[u]["members"]) for u in dag}
    first_name = {u: min(dag.nodes[u]["members"]) for u in dag}
    order = nx.lexicographical_topological_sort(dag.reverse(copy=False),
                                                key=lambda u: (-unblocks[u], cost[u], first_name[u]))
    return [{"unit": u, "modules": sorted(dag.nodes[u]["members"]), "todo": bool(pending[u]),
             "effort": round(cost[u], 1), "unblocks": unblocks[u]} for u in order]


def columns(nodes, before: list) -> tuple:
    """The blocker graph's layout: (columns of nodes, each after every column holding a node that must come
    before it (topological generations), the arrows left once those a longer path implies are dropped)."""
    import networkx as nx

    g = nx.DiGraph(before)
    g.add_nodes_from(nodes)
    g = nx.transitive_reduction(g)  # an arrow that a longer path already implies is noise
    return list(nx.topological_generations(g)), list(g.edges)

"""The static site (Jinja2, autoescaped: source and messages are text, never markup), plus report.json and
report.md, written into the output directory only. Every asset ships in the package: the site works from
file:// with no network."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
from collections import defaultdict
from importlib import resources

import markupsafe

from diracmod.core import atomic
from diracmod.core.lines import split_lines
from diracmod.report import graph, render
from diracmod.report.model import STATUSES
from diracmod.source import reader as sources

ASSETS = ("chart.umd.min.js", "chart.js.LICENSE.md", "report.js", "report.css")
GRAPH_LIMIT = 300  # units drawn in the blocker graph (the first ones in porting order)
_MANIFEST = ".pages.json"  # module pages already written, by content key: a warm report rewrites none
_SITE_KEY = ".site-key"  # the key of the analysis and history the whole site was last written from
TOP_FILES = ("index.html", "graph.html", "report.json", "report.md")


class OutputError(Exception):
    """The output directory cannot be used; the message says what to do."""


def missing_output_directories(output: str) -> list:
    """The directories prepare_output(output) will make, deepest first (the output directory and its parents
    when they are new, modules/ and assets/)."""
    if not output:
        return []
    path = os.path.abspath(output)
    missing = [os.path.join(path, name) for name in ("modules", "assets")
               if not os.path.lexists(os.path.join(path, name))]
    while not os.path.lexists(path):
        missing.append(path)
        path = os.path.dirname(path)
    return missing


def prepare_output(output: str, reported: str) -> str:
    if not output:
        raise OutputError("--output is empty: name the directory to write the report into (default: reports)")
    path = os.path.abspath(output)
    if os.path.exists(path) and not os.path.isdir(path):
        raise OutputError(f"--output {output}: is a file, not a directory (choose a directory)")
    real = os.path.realpath(path)  # `-o link-to-the-tree` is the tree too
    if os.path.realpath(reported) == real:
        raise OutputError(f"--output {output}: is the tree being reported on (choose another directory)")
    if real in (os.path.realpath(os.sep), os.path.realpath(os.path.expanduser("~"))):
        raise OutputError(f"--output {output}: is {real} itself; the report's files would be scattered there "
                          f"(choose a directory of its own, e.g. {os.path.join(output, 'reports')})")
    for name in ("modules", "assets"):
        if os.path.islink(os.path.join(path, name)):
            # the site writes many files in there: a link would have them written wherever it points
            raise OutputError(f"--output {output}: {name}/ is a symbolic link; the report writes only into its "
                              f"own directories (remove the link, or choose another directory)")
    try:
        os.makedirs(os.path.join(path, "modules"), exist_ok=True)
        os.makedirs(os.path.join(path, "assets"), exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise OutputError(f"--output {output}: cannot write there ({exc.strerror or exc}); "
                          f"choose a writable directory") from None
    return path


def _environment():
    import jinja2  # here: a warm report whose site is already written renders nothing

    env = jinja2.Environment(loader=jinja2.PackageLoader("diracmod.report", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["percent"] = lambda fraction: f"{100 * fraction:.1f}%"
    env.filters["hours"] = lambda minutes: f"{minutes / 60:.1f}"
    return env


def page_name(module_id: str) -> str:
    """modules/<name>.html: a readable, file-system-safe name, unique per module id."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", module_id.replace("/", "."))
    digest = hashlib.sha1(module_id.encode("utf-8", "surrogateescape")).hexdigest()  # a non-UTF-8 file name too
    return f"{safe}-{digest[:6]}.html"


def _graph(report: dict) -> dict:
    """Units still to port and what blocks what between them, laid out in columns: a unit's column is
    after every unit it imports (topological generations), so reading left to right is the porting order."""
    unit_of = {m["id"]: m["unit"] for m in report["modules"]}
    by_id = {m["id"]: m for m in report["modules"]}
    todo = [u for u in report["porting_order"] if u["todo"]][:GRAPH_LIMIT]
    shown = {u["unit"]: u for u in todo}
    before = {(unit_of[target], unit_of[m["id"]]) for m in report["modules"] for target in m["imports"]}
    columns, arrows = graph.columns(shown, [(a, b) for a, b in before if a != b and a in shown and b in shown])
    nodes, position = [], {}
    for column, generation in enumerate(columns):
        for row, unit in enumerate(sorted(generation, key=lambda u: shown[u]["modules"][0])):
            position[unit] = (20 + column * 260, 20 + row * 34)
            members = shown[unit]["modules"]
            first = by_id[members[0]]
            worst = min((by_id[x] for x in members), key=lambda x: STATUSES.index(x["status"]))
            nodes.append({"x": position[unit][0], "y": position[unit][1], "href": "modules/" + page_name(first["id"]),
                          "label": _short(first["name"]) + (f" (+{len(members) - 1})" if len(members) > 1 else ""),
                          "title": ", ".join(by_id[x]["name"] for x in members), "status": worst["status"]})
    edges = [{"x1": position[a][0] + 230, "y1": position[a][1] + 12, "x2": position[b][0], "y2": position[b][1] + 12}
             for a, b in arrows]
    width = max((x for x, _ in position.values()), default=0) + 260
    height = max((y for _, y in position.values()), default=0) + 50
    return {"nodes": nodes, "edges": edges, "width": width, "height": height,
            "total": sum(u["todo"] for u in report["porting_order"]), "shown": len(todo)}


def _short(name: str, width: int = 28) -> str:
    """The end of a dotted name fits a box: the module, not its package, tells boxes apart."""
    return name if len(name) <= width else "\u2026" + name[-(width - 1):]


# The source table's rows, built here rather than as a template loop: one escape of the whole file instead of
# one per line and per number, and each kind of finding's markup made once (Django: 210,000 lines, 176,000
# findings; the template loop took about 1 s of CPU per cold report, measured under load).
_ROW = '<tr id="L{0}"{1}><td class="ln">{0}</td><td><pre>{2}</pre>{3}</td></tr>\n'


@functools.lru_cache(maxsize=None)
def _finding_markup(checker: str, msg_id: str, symbol: str, fixable: bool) -> tuple:
    """(start, end) of a finding's markup around its escaped message."""
    start = markupsafe.Markup('<div class="finding {}{}">{} <code>{}</code>: ').format(
        checker, " fixable" if fixable else "", msg_id, symbol)
    return str(start), " (fixable)</div>" if fixable else "</div>"


def _source_rows(module: dict) -> markupsafe.Markup | None:
    """The module page's source, a table row per line with the findings on it; None for an unreadable file."""
    try:
        text = sources.read(module["path"], 50_000_000).text
    except sources.SourceError:
        return None
    on_line = defaultdict(str)
    for item in module["items"]:
        start, end = _finding_markup(item["checker"], item["msg_id"], item["symbol"], item["fixable"])
        on_line[item["line"]] += start + str(markupsafe.escape(item["message"])) + end
    return markupsafe.Markup("".join(
        _ROW.format(number, ' class="hit"' if number in on_line else "", line, on_line.get(number, ""))
        for number, line in enumerate(split_lines(markupsafe.escape(text), keepends=False), 1)))


def _write(path: str, text: str) -> None:
    """Replace `path` by a new file: a symbolic link in its place is replaced, never written through."""
    atomic.write_text(path, text)


def _write_modules(output: str, env, report: dict, previews: dict, common: dict) -> None:
    template = env.get_template("module.html.j2")
    manifest_path = os.path.join(output, "modules", _MANIFEST)
    previous = _manifest(output) or {}
    by_id = {m["id"]: m for m in report["modules"]}
    current = {}
    template_key = hashlib.sha256(b"".join(
        resources.files("diracmod.report").joinpath("templates", name).read_bytes()
        for name in ("base.html.j2", "module.html.j2")) + _ROW.encode()).hexdigest()
    for module in report["modules"]:
        name = page_name(module["id"])
        fix = previews.get(module["id"])
        key = hashlib.sha256(json.dumps([template_key, module, fix, common["version"],
                                         _file_key(module["path"])]).encode()).hexdigest()
        current[name] = key
        target = os.path.join(output, "modules", name)
        if previous.get(name) == key and _ours(target):
            continue
        links = {x: page_name(x) for x in module["imports"] + module["imported_by"] + module["blocked_by"]}
        _write(target, template.render(module=module, rows=_source_rows(module), links=links, by_id=by_id,
                                       fix=fix, diff=_diff_lines(fix["diff"]) if fix else [], root="../",
                                       **common))
    for name in set(previous) - set(current):  # a module gone since our last report; never a file we did not write
        if name == os.path.basename(name) and name.endswith(".html"):
            try:
                os.remove(os.path.join(output, "modules", name))
            except FileNotFoundError:
                pass
    _write(manifest_path, json.dumps(current))


def _diff_lines(diff: str) -> list:
    """(css class, line) of a unified diff, for the module page (escaped by the template like all text)."""
    kinds = {"+": "add", "-": "del", "@": "hunk"}
    return [("head" if line.startswith(("+++", "---")) else kinds.get(line[:1], "ctx"), line)
            for line in split_lines(diff, keepends=False)]


def _file_key(path: str):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _site_key(analysis, history_rows: list) -> str:
    """The analysis, the history drawn, and this diracmod's templates and assets: equal keys, equal site."""
    package = resources.files("diracmod.report")
    templates = ("base.html.j2", "index.html.j2", "graph.html.j2", "module.html.j2")
    shipped = b"".join(package.joinpath(*parts).read_bytes()
                       for parts in [("assets", name) for name in ASSETS] + [("templates", name) for name in templates])
    return hashlib.sha256(json.dumps([analysis.key, history_rows]).encode() + shipped).hexdigest()


def _unchanged(output: str, key: str) -> bool:
    """The site in `output` was written from `key` and none of its files is missing."""
    pages = _manifest(output)
    if _own_text(os.path.join(output, _SITE_KEY)) != key or pages is None:
        return False
    return all(_ours(os.path.join(output, name)) for name in TOP_FILES) and all(
        _ours(os.path.join(output, "assets", name)) for name in ASSETS) and all(
        _ours(os.path.join(output, "modules", name)) for name in pages)


def _own_text(path: str) -> str | None:
    """One of our bookkeeping files; None unless it is a regular file (a FIFO in its place would block the read
    forever; whatever is there is replaced when the site is written)."""
    if os.path.islink(path):
        return None
    try:
        return sources.read_regular(path, 50_000_000).decode("utf-8")
    except (sources.SourceError, UnicodeDecodeError):
        return None


def _manifest(output: str) -> dict | None:
    try:
        pages = json.loads(_own_text(os.path.join(output, "modules", _MANIFEST)) or "")
    except ValueError:
        return None
    return pages if isinstance(pages, dict) else None


def _ours(path: str) -> bool:
    """A regular file, not a link put in its place (the next write replaces the link)."""
    return os.path.isfile(path) and not os.path.islink(path)


def write(output: str, analysis, history_rows: list) -> None:
    """Everything into `output` (prepared by prepare_output); nothing when the site there is already this one."""
    report = analysis.report
    key = _site_key(analysis, history_rows)
    if _unchanged(output, key):
        return
    try:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(output, _SITE_KEY))  # until every file is written
        for name in ASSETS:
            atomic.write_bytes(os.path.join(output, "assets", name),
                               resources.files("diracmod.report").joinpath("assets", name).read_bytes())
        _write(os.path.join(output, "report.json"), render.as_json(report))
        _write(os.path.join(output, "report.md"), render.as_markdown(report, history_rows))
        env = _environment()
        labels = {s["key"]: s["label"] for s in report["statuses"]}
        common = {"report": report, "labels": labels, "version": report["tool"]["version"],
                  "ranks": {key: rank for rank, key in enumerate(labels)}}
        chart = {"labels": [labels[k] for k in labels], "keys": list(labels),
                 "modules": [report["totals"]["status"][k] for k in labels],
                 "lines": [report["totals"]["status_lines"][k] for k in labels],
                 "systems": [{"name": s["name"], "modules": s["ported_fraction"],
                              "lines": s["ported_lines_fraction"] if s["lines"] else None}  # no bar, not 100%
                             for s in report["systems"]],
                 "history": history_rows, "history_owners": any(row.get("owners") for row in history_rows)}
        pages = {m["id"]: page_name(m["id"]) for m in report["modules"]}
        _write(os.path.join(output, "index.html"),
               env.get_template("index.html.j2").render(chart=chart, pages=pages, root="", **common))
        _write(os.path.join(output, "graph.html"),
               env.get_template("graph.html.j2").render(graph=_graph(report), root="", **common))
        _write_modules(output, env, report, analysis.previews, common)
        _write(os.path.join(output, _SITE_KEY), key)
    except OSError as exc:
        raise OutputError(f"cannot write the report into {output}: {exc.strerror or exc} "
                          f"({getattr(exc, 'filename', '') or ''})") from None

"""Differential test: diracmod check --select py3k against real pylint 1.9.5 --py3k.

    python bench/differential.py Django Twisted [--jobs 2] [--oracle-only]

Per corpus: fetch the sdist, run the oracle (cached in .oracle/results/), run diracmod on the same
explicit file list, print per-symbol recall, and write missed/extra findings to
.corpora/differential-<name>.json.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

try:
    import resource  # POSIX only: peak memory of the oracle processes
except ImportError:
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
from diracmod.core import catalogue  # noqa: E402
from diracmod.rules.py3k.map_padding import differs_when_iterated  # noqa: E402
from diracmod.source import parse  # noqa: E402
from diracmod.source.tables import PATH_METHODS  # noqa: E402
from diracmod.source import reader as source  # noqa: E402

MAX_ARGS_CHARS = 30_000  # stay under the smallest command-line limit (Windows: 32k)

# pylint 1.9.5's own false positives that diracmod deliberately avoids (Python 3 behaves as Python 2
# there; each rule's rationale in rules/py3k.toml says so). They are taken out of the comparison and
# counted per pattern, never dropped silently. Views are dict views; ranges are range objects.
PYLINT_FALSE_POSITIVES = {
    "len-or-bool": "len() or bool() of a view or range",
    "not-in": "`x not in` a view, range or iterator (pylint exempts only `in`)",
    "truth-test": "truth test of a view or range (if/while/assert/`not`/comprehension filter)",
    "zip-map-argument": "argument of zip() or map(): only ever iterated",
    "consumer-method": "argument of dict.fromkeys(), a set method, an itertools function, reduce(), "
                       "Counter/OrderedDict/deque or heapq.nlargest/nsmallest",
    "set-operator": "operand of & | ^ - on a keys() or items() view (those views are sets)",
    "local-only-iterated": "bound to a local name only used in the ways above or iterated (an iterator: "
                           "read once)",
    "not-a-number": "`/` with an operand that is no number (a string, a pathlib path)",
    "message-of-imported-class": "`e.message` on an instance of an exception class imported from another "
                                 "module of the project, which may set `message` (Twisted's web.error.Error "
                                 "and its subclasses do)",
    "comprehension-rebound": "a list-comprehension variable the comprehension's own statement rebinds "
                             "(`x = [x for x in y]`, `for x in [x for x in y]:`)",
}
_VIEW_OR_RANGE = {"dict-keys-not-iterating", "dict-values-not-iterating", "dict-items-not-iterating",
                  "range-builtin-not-iterating"}
_ITERATORS = {"map-builtin-not-iterating", "zip-builtin-not-iterating", "filter-builtin-not-iterating"}
# pylint 1.9.5's own iterating builtins (checkers/python3.py, _ACCEPTS_ITERATOR)
_PYLINT_ACCEPTS_ITERATOR = {"iter", "list", "tuple", "sorted", "set", "sum", "any", "all", "enumerate", "dict",
                            "filter", "reversed", "max", "min", "frozenset"}
_CONSUMER_METHODS = {"fromkeys", "reduce", "Counter", "OrderedDict", "deque", "nlargest", "nsmallest", "union",
                     "intersection", "difference", "symmetric_difference", "issubset",
                     "issuperset", "isdisjoint", "intersection_update", "difference_update",
                     "symmetric_difference_update"}
_ITERTOOLS = set(dir(itertools)) - {"count", "repeat"} | {"izip", "imap", "ifilter", "ifilterfalse", "izip_longest"}
_OTHERS = {"old-division", "comprehension-escape", "exception-message-attribute"}
_STDLIB = set(sys.stdlib_module_names) if hasattr(sys, "stdlib_module_names") else set(sys.builtin_module_names)
_PATHS = {"Path", "PurePath", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"}


def _chunks(files: list[str]):
    chunk, size = [], 0
    for f in files:
        if chunk and size + len(f) + 1 > MAX_ARGS_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(f)
        size += len(f) + 1
    if chunk:
        yield chunk


def run_diracmod(root: Path, files: list[str], *options: str) -> list[dict]:
    """diracmod's findings on files (relative to root); raises RuntimeError if it gives no JSON."""
    # -P (3.11+): with -m, cwd (the corpus root) would otherwise shadow modules on sys.path.
    cmd = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else []), "-m", "diracmod", "check",
           "--select", "py3k", "--format", "json", "--no-cache", "-j", "2", *options]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(corpora.ROOT), os.environ.get("PYTHONPATH")])))
    findings = []
    for chunk in _chunks(files):
        proc = subprocess.run(cmd + chunk, cwd=root, env=env, capture_output=True, text=True)
        out = proc.stdout.strip()
        try:  # exit status signals findings, so only the output tells success
            data = json.loads(out) if out or proc.returncode == 0 else None
        except ValueError:
            data = None
        if isinstance(data, dict):  # tolerate a {"findings": [...]} wrapper
            data = data.get("findings", data.get("messages"))
        if not isinstance(data, list):
            raise RuntimeError(f"diracmod gave no JSON list (exit {proc.returncode}):\n"
                               f"{out[:500]}\n{proc.stderr[-2000:]}")
        findings.extend(data)
    return [_as_pylint(finding) for finding in findings]


def _as_pylint(finding: dict) -> dict:
    """A finding of a DM rule split off a pylint rule (the shapes fix leaves) under that pylint rule's names."""
    rule = catalogue.load().pylint(finding["symbol"], finding.get("split-from") or "")
    return {**finding, "message-id": rule.id, "symbol": rule.symbol} if rule is not None else finding


def _targets(tree, line: int, symbol: str):
    """The nodes on `line` pylint's `symbol` can be about, with their ancestors (outermost first)."""
    stack = [(tree, [])]
    while stack:
        node, parents = stack.pop()
        if getattr(node, "lineno", None) == line and _about(node, symbol):
            yield node, parents
        stack.extend((child, parents + [node]) for child in ast.iter_child_nodes(node))


def _about(node, symbol: str) -> bool:
    if symbol == "old-division":
        return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if symbol.startswith("dict-"):
        return isinstance(func, ast.Attribute) and func.attr == symbol.split("-")[1] and not node.args
    return isinstance(func, ast.Name) and func.id == symbol.split("-")[0]


def _use(node, parents, symbol: str):
    """Which PYLINT_FALSE_POSITIVES pattern this use of the value is, "iterated" for plain iteration
    (pylint's own exemptions), or None."""
    parent = parents[-1] if parents else None
    view = symbol in _VIEW_OR_RANGE
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
        return "iterated"
    if isinstance(parent, ast.Assign) and isinstance(parent.targets[0], (ast.Tuple, ast.List)):
        return "iterated" if len(parent.targets[0].elts) > 1 else None
    if isinstance(parent, ast.Compare) and len(parent.ops) == 1:
        return {ast.In: "iterated", ast.NotIn: "not-in"}.get(type(parent.ops[0]))
    if isinstance(parent, ast.Call) and any(a is node for a in parent.args):
        func = parent.func
        name = func.id if isinstance(func, ast.Name) else None
        if name in ("len", "bool") and view:
            return "len-or-bool"
        if name in ("zip", "map"):
            return "zip-map-argument"
        if name in _PYLINT_ACCEPTS_ITERATOR or getattr(func, "attr", None) in ("join", "from_iterable"):
            return "iterated"
        attribute = isinstance(func, ast.Attribute)
        if name in _ITERTOOLS | _CONSUMER_METHODS or attribute and (func.attr in _CONSUMER_METHODS or (
                isinstance(func.value, ast.Name) and func.value.id == "itertools")):
            return "consumer-method"
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.BitAnd, ast.BitOr, ast.BitXor, ast.Sub)):
        return "set-operator" if symbol in ("dict-keys-not-iterating", "dict-items-not-iterating") else None
    while view and isinstance(parent, ast.BoolOp) and len(parents) > 1:  # `if a and d.keys():`
        node, parents = parent, parents[:-1]
        parent = parents[-1]
    if view and (isinstance(parent, (ast.If, ast.While, ast.IfExp, ast.Assert)) and parent.test is node
                 or isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not)
                 or isinstance(parent, ast.comprehension) and any(t is node for t in parent.ifs)):
        return "truth-test"
    return None


def _local_only_iterated(node, parents, symbol: str) -> bool:
    """`x = d.values()` in a function whose every load of x is iterated or one of the patterns; for an
    iterator (`x = map(...)`), its one load."""
    parent = parents[-1] if parents else None
    function = next((p for p in reversed(parents) if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    if function is None or not (
            isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name)):
        return False
    uses = list(_targets_named(function, parent.targets[0].id))
    if symbol in _ITERATORS and len(uses) != 1:
        return False
    return bool(uses) and all(_use(n, p, symbol) for n, p in uses)


def _targets_named(function, name):
    stack = [(child, [function]) for child in function.body]
    while stack:
        node, parents = stack.pop()
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            yield node, parents
        stack.extend((child, parents + [node]) for child in ast.iter_child_nodes(node))


def _no_number(node) -> bool:
    """A string constant or a pathlib path (by name: Path(...), pathlib.Path(...), Path.cwd(), .parent,
    path methods, `path / x`)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _no_number(node.left) or _no_number(node.right)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, bytes))
    if isinstance(node, ast.Attribute):  # path.parent, pathlib.Path
        return node.attr in _PATHS or node.attr == "parent" and _no_number(node.value)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in PATH_METHODS:
            return _no_number(func.value)
        return (func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)) in _PATHS
    return isinstance(node, ast.Name) and node.id in _PATHS  # Path.cwd()


def _message_of_imported_class(tree, line: int) -> bool:
    """Every `x.message` on the line reads a name assigned an instance of, or caught as, a class reached
    through a name imported from a module outside the standard library."""
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) or isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                module = node.module if isinstance(node, ast.ImportFrom) else alias.name
                if module.split(".")[0] not in _STDLIB:
                    imported.add(alias.asname or alias.name.split(".")[0])
    classes = {}  # name -> classes it is assigned an instance of or bound to by an except clause
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    classes.setdefault(target.id, []).append(node.value.func)
        elif isinstance(node, ast.ExceptHandler) and node.name and node.type is not None:
            classes.setdefault(node.name, []).extend(
                node.type.elts if isinstance(node.type, ast.Tuple) else [node.type])
    readers = [n.value.id for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "message"
               and n.lineno == line and isinstance(n.value, ast.Name)]
    return bool(readers) and all(classes.get(name) and all(_root(c) in imported for c in classes[name])
                                 for name in readers)


def _root(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return getattr(node, "id", None)


def _rebound_comprehension_names(tree) -> set:
    """Names a list comprehension binds that the assignment or for-loop holding it binds too."""
    names = set()
    for statement in ast.walk(tree):
        if isinstance(statement, (ast.Assign, ast.For)):
            targets = getattr(statement, "targets", None) or [statement.target]
            value = statement.value if isinstance(statement, ast.Assign) else statement.iter
            bound = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            names |= {g.target.id for comp in ast.walk(value) if isinstance(comp, ast.ListComp)
                      for g in comp.generators if isinstance(g.target, ast.Name)} & bound
    return names


def pylint_false_positive(tree, message: dict):
    """The PYLINT_FALSE_POSITIVES pattern every candidate node of a pylint finding matches, else None."""
    symbol = message["symbol"]
    if symbol not in _VIEW_OR_RANGE | _ITERATORS | _OTHERS or tree is None:
        return None
    if symbol == "exception-message-attribute":
        return "message-of-imported-class" if _message_of_imported_class(tree, message["line"]) else None
    if symbol == "comprehension-escape":
        loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.lineno == message["line"]}
        return "comprehension-rebound" if loaded & _rebound_comprehension_names(tree) else None
    patterns = set()
    for node, parents in _targets(tree, message["line"], symbol):
        if symbol == "old-division":
            pattern = "not-a-number" if _no_number(node.left) or _no_number(node.right) else None
        elif symbol == "map-builtin-not-iterating" and differs_when_iterated(node):
            pattern = None  # map(f, a, b), map(None, ...): Python 3 differs wherever it is
        else:
            pattern = _use(node, parents, symbol)
            if pattern is None and _local_only_iterated(node, parents, symbol):
                pattern = "local-only-iterated"
        if pattern is None:
            return None  # some node on the line is one pylint and diracmod both report
        if pattern != "iterated":  # pylint's own exemption: not what it reported here
            patterns.add(pattern)
    return min(patterns) if patterns else None


def mark_pylint_false_positives(root: Path, oracle: list[dict]) -> list[dict]:
    """The oracle's messages, each with `pylint_false_positive`: its pattern or None."""
    trees = {}
    marked = []
    for message in oracle:
        path = message["path"]
        if path not in trees:
            try:
                trees[path] = parse.parse(source.read(str(Path(root) / path), 50 << 20).text).tree
            except (source.SourceError, OSError):
                trees[path] = None
        marked.append({**message, "pylint_false_positive": pylint_false_positive(trees[path], message)})
    return marked


def oracle_summary(name: str, files: list[str], oracle: list[dict], seconds: float) -> str:
    by_symbol = Counter(m["symbol"] for m in oracle)
    unparsed = {m["path"] for m in oracle if m["symbol"] == "syntax-error"}
    crashed = {m["path"] for m in oracle if m["type"] == "fatal"}
    lines = [f"== {name}: {len(files)} files, {len(oracle)} oracle findings, oracle {seconds:.1f} s; "
             f"syntax errors in {len(unparsed)} files, pylint fatal on {len(crashed)} files"]
    lines += [f"   {n:>6}  {sym}" for sym, n in by_symbol.most_common()]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", choices=sorted(corpora.CORPORA), metavar="CORPUS",
                        help=", ".join(corpora.CORPORA))
    parser.add_argument("--jobs", type=int, default=2, help="parallel pylint processes for the oracle")
    parser.add_argument("--oracle-only", action="store_true", help="only run (and cache) the oracle")
    args = parser.parse_args(argv)

    failed = False
    all_oracle, all_ours, all_unguarded = [], [], []
    for name in args.corpora:
        root = corpora.fetch(name)
        files = [p.as_posix() for p in corpora.python_files(root)]
        start = time.perf_counter()
        oracle = mark_pylint_false_positives(root, corpora.run_oracle(root, files, jobs=args.jobs, cache_name=name))
        print(oracle_summary(name, files, oracle, time.perf_counter() - start))
        # Peak RSS of the largest child so far (Linux: KiB); meaningless when the oracle came from cache.
        if resource:
            print(f"   peak child RSS so far: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024} MiB")
        if args.oracle_only:
            continue
        start = time.perf_counter()
        try:
            ours = run_diracmod(root, files)
            unguarded = run_diracmod(root, files, "--include-py2-branches")
        except (RuntimeError, OSError) as exc:
            print(f"   diracmod failed on {name}: {exc}")
            failed = True
            continue
        print(f"   diracmod: {len(ours)} findings in {time.perf_counter() - start:.1f} s")
        result = corpora.compare(oracle, ours, unguarded)
        print(corpora.format_report(result))
        out = corpora.CACHE / f"differential-{name}.json"
        out.write_text(json.dumps(result, indent=1))
        print(f"   missed/extra lists: {out}")
        # Prefix paths so the overall comparison never matches across corpora.
        all_oracle += [{**m, "path": f"{name}/{m['path']}"} for m in oracle]
        all_ours += [{**m, "path": f"{name}/{m['path']}"} for m in ours]
        all_unguarded += [{**m, "path": f"{name}/{m['path']}"} for m in unguarded]
    if len(args.corpora) > 1 and all_oracle and not args.oracle_only:
        print("== overall")
        print(corpora.format_report(corpora.compare(all_oracle, all_ours, all_unguarded)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Record the package-index data the deps tests and the benchmark serve from 127.0.0.1.

Run by hand (needs the network); it rewrites tests/deps/data/index.json:

    .venv/bin/python tests/deps/record_index.py [--index-url https://pypi.org/simple/]

It runs `diracmod deps` on the DIRAC-like fixture (tests/deps/dirac_like.py) against the real index,
keeping every project JSON it fetched plus a few extra projects, trimmed to what the verdicts read
(no descriptions; per release, one file per distinct kind of evidence, plus every wheel whose
METADATA was read, its METADATA reduced to Requires-Python, Python classifiers and Requires-Dist).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename  # noqa: E402

import dirac_like  # noqa: E402
from diracmod.deps.analysis import Analysis, Options  # noqa: E402
from diracmod.deps.index import DEFAULT_INDEX, IndexClient  # noqa: E402

# Looked up besides what the fixture needs: replacements, undeclared imports, other tests' subjects.
EXTRA = ["mysqlclient", "suds-community", "six", "GSI", "requests", "PyYAML", "enum34", "subprocess32",
         "readline", "pyparsing"]


class Recorder(IndexClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.raw = {}

    def _get(self, url, *args, **kwargs):
        status, headers, body = super()._get(url, *args, **kwargs)
        if status == 200 and url.endswith("/json") and "/pypi/" in url:
            key = canonicalize_name(url.rstrip("/").split("/")[-2])
            with self._lock:
                self.raw[key] = json.loads(body)
        return status, headers, body


def _signature(file: dict):
    try:
        interpreters = tuple(sorted({t.interpreter for t in parse_wheel_filename(file["filename"])[3]}))
    except InvalidWheelFilename:
        interpreters = ()
    return (file.get("packagetype"), file.get("python_version"), file.get("requires_python"),
            bool(file.get("yanked")), interpreters)


def trim(raw: dict, keep: set) -> dict:
    info = raw.get("info") or {}
    releases = {}
    for version, files in (raw.get("releases") or {}).items():
        kept, seen = [], set()
        for file in sorted(files, key=lambda f: (f["filename"] not in keep, f.get("size") or 0, f["filename"])):
            signature = _signature(file)
            if signature in seen and file["filename"] not in keep:
                continue
            if file.get("packagetype") in ("bdist_egg", "bdist_wininst", "bdist_msi", "bdist_dumb") \
                    and not str(file.get("python_version")).startswith(("2.7", "3")):
                continue  # a binary for Python 2.4 says nothing the verdicts read
            seen.add(signature)
            entry = {"filename": file["filename"]}  # empty and derivable fields left out
            if file.get("requires_python"):
                entry["requires_python"] = file["requires_python"]
            if file.get("yanked"):
                entry["yanked"] = True
            if not file["filename"].endswith((".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz")):
                entry["python_version"] = file.get("python_version")
            if file["filename"].endswith(".whl"):  # only wheels are ever downloaded (their METADATA)
                entry["size"] = file.get("size") or 0  # the server adds "url": ../../files/<filename>
            kept.append(entry)
        releases[version] = sorted(kept, key=lambda f: f["filename"])
    return {"info": {"name": info.get("name"), "version": info.get("version"),
                     "requires_python": info.get("requires_python"), "requires_dist": info.get("requires_dist"),
                     "yanked": bool(info.get("yanked")),
                     "classifiers": [c for c in info.get("classifiers") or []
                                     if c.startswith("Programming Language :: Python")]},
            "releases": releases}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-url", default=DEFAULT_INDEX)
    parser.add_argument("-o", "--output", default=str(HERE / "data" / "index.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tree = dirac_like.write(Path(tmp, "project"))
        cache = Path(tmp, "cache")
        options = Options(index_url=args.index_url, cache_dir=str(cache), refresh=True)
        client = Recorder(args.index_url, str(cache), refresh=True)
        Analysis(options, client=client).run([str(tree)])
        client.lookup_many(EXTRA)
        metadata = {}
        for path in sorted(client.cache_dir.glob("metadata/*.json")):
            entry = json.loads(path.read_text())
            if entry.get("metadata"):
                metadata[entry["filename"]] = entry["metadata"]
    keep = set(metadata)
    projects = {key: trim(raw, keep) for key, raw in sorted(client.raw.items())}
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:  # one line per project: readable diffs
        handle.write('{"recorded_from": %s,\n"projects": {\n' % json.dumps(args.index_url))
        handle.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in projects.items()))
        handle.write('},\n"metadata": {\n')
        handle.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v, sort_keys=True)}"
                                for k, v in sorted(metadata.items())))
        handle.write("}}\n")
    size = Path(args.output).stat().st_size
    print(f"{len(projects)} projects, {len(metadata)} wheel METADATA, {size / 1024:.0f} KiB -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A package index on 127.0.0.1 serving recorded responses (tests/deps/data/index.json, recorded from
the real index by record_index.py): the JSON API (/pypi/NAME/json; the per-release endpoint answers
404 as the real one does here), the Simple API (PEP 691 JSON, or PEP 503 HTML), and wheels whose
METADATA was recorded, rebuilt as zips of the recorded size with HTTP range support.

diracmod's HTTP client runs unmodified against it: nothing is mocked."""
from __future__ import annotations

import io
import json
import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

DATA = Path(__file__).resolve().parent / "data" / "index.json"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"


def load(path: Path = DATA) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def metadata_text(name: str, version: str, metadata: dict) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    if metadata.get("requires_python"):
        lines.append(f"Requires-Python: {metadata['requires_python']}")
    lines += [f"Classifier: {c}" for c in metadata.get("classifiers", ())]
    lines += [f"Requires-Dist: {r}" for r in metadata.get("requires_dist", ())]
    return "\n".join(lines) + "\n\n"


def build_wheel(filename: str, metadata: dict, size: int = 0) -> bytes:
    """A wheel holding the recorded METADATA first, padded (stored, uncompressed) to `size` bytes."""
    name, version, _, _ = parse_wheel_filename(filename)
    dist_info = f"{str(name).replace('-', '_')}-{version}.dist-info"

    def build(padding: int) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for member, data in ((f"{dist_info}/METADATA", metadata_text(str(name), str(version), metadata).encode()),
                                 (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\n"),
                                 ("_padding.bin", b"\0" * padding)):
                info = zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0))
                archive.writestr(info, data)
        return buffer.getvalue()

    bare = build(0)
    return build(size - len(bare)) if size > len(bare) else bare


class FixtureIndex:
    """`with FixtureIndex(data) as index:` ... `index.url` is the pip-style index URL (…/simple/)."""

    def __init__(self, data: dict, json_api: bool = True, simple_format: str = "json", pep658: bool = False):
        self.projects = {canonicalize_name(k): self._with_urls(v) for k, v in data["projects"].items()}
        self.metadata = data.get("metadata", {})
        self.json_api, self.simple_format, self.pep658 = json_api, simple_format, pep658
        self.requests: list = []  # (method, path, Range header)
        self._wheels: dict = {}
        self._lock = threading.Lock()
        self._server = None

    # ------------------------------------------------------------ content

    @staticmethod
    def _with_urls(project: dict) -> dict:
        """The recording leaves out file URLs: every file is served under /files/<filename>."""
        releases = {version: [{"url": f"../../files/{f['filename']}", **f} for f in files]
                    for version, files in project["releases"].items()}
        return {**project, "releases": releases}

    def _project_json(self, key: str) -> dict:
        project = self.projects[key]
        if not self.pep658:
            return project
        releases = {v: [{**f, "core-metadata": f["filename"] in self.metadata} for f in files]
                    for v, files in project["releases"].items()}
        return {**project, "releases": releases}

    def _files(self, key: str):
        for files in self.projects[key]["releases"].values():
            yield from files

    def _simple(self, key: str, as_json: bool):
        files = list(self._files(key))
        if as_json:
            body = {"meta": {"api-version": "1.1"}, "name": key, "versions": sorted(self.projects[key]["releases"]),
                    "files": [{"filename": f["filename"], "url": f"../../files/{f['filename']}", "hashes": {},
                               "requires-python": f.get("requires_python"), "yanked": f.get("yanked", False),
                               "size": f.get("size")} for f in files]}
            return SIMPLE_JSON, json.dumps(body).encode()
        anchors = "".join(
            f'<a href="../../files/{f["filename"]}"'
            + (f' data-requires-python="{f["requires_python"].replace("<", "&lt;").replace(">", "&gt;")}"'
               if f.get("requires_python") else "")
            + (' data-yanked=""' if f.get("yanked") else "") + f'>{f["filename"]}</a>\n' for f in files)
        return "text/html", f"<!DOCTYPE html><html><body>{anchors}</body></html>".encode()

    def wheel(self, filename: str):
        if filename not in self.metadata:
            return None
        with self._lock:
            if filename not in self._wheels:
                size = next((f.get("size") or 0 for k in self.projects for f in self._files(k)
                             if f["filename"] == filename), 0)
                self._wheels[filename] = build_wheel(filename, self.metadata[filename], size)
            return self._wheels[filename]

    # ------------------------------------------------------------ server

    def __enter__(self):
        index = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _send(self, status, ctype="", body=b"", headers=()):
                self.send_response(status)
                self.send_header("Content-Type", ctype or "text/plain")
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers:
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                with index._lock:
                    index.requests.append(("GET", self.path, self.headers.get("Range")))
                path = self.path.split("?", 1)[0]
                match = re.fullmatch(r"/pypi/([^/]+)/json", path)
                if match:
                    key = canonicalize_name(match.group(1))
                    if index.json_api and key in index.projects:
                        return self._send(200, "application/json", json.dumps(index._project_json(key)).encode())
                    return self._send(404, body=b"Not Found")
                match = re.fullmatch(r"/simple/([^/]+)/", path)
                if match:
                    key = canonicalize_name(match.group(1))
                    if key not in index.projects:
                        return self._send(404, body=b"Not Found")
                    wants_json = SIMPLE_JSON in (self.headers.get("Accept") or "") and index.simple_format == "json"
                    return self._send(200, *index._simple(key, wants_json))
                match = re.fullmatch(r"/files/([^/]+?)(\.metadata)?", path)
                if match and match.group(2):
                    if index.pep658 and match.group(1) in index.metadata:
                        name, version, _, _ = parse_wheel_filename(match.group(1))
                        text = metadata_text(str(name), str(version), index.metadata[match.group(1)])
                        return self._send(200, "text/plain", text.encode())
                    return self._send(404, body=b"Not Found")
                if match:
                    data = index.wheel(match.group(1))
                    if data is None:
                        return self._send(404, body=b"Not Found")
                    wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range") or "")
                    if wanted and (wanted.group(1) or wanted.group(2)):
                        if not wanted.group(1):  # the last n bytes
                            start, end = max(0, len(data) - int(wanted.group(2))), len(data) - 1
                        else:
                            start = int(wanted.group(1))
                            end = min(int(wanted.group(2) or len(data) - 1), len(data) - 1)
                        return self._send(206, "application/octet-stream", data[start:end + 1],
                                          [("Content-Range", f"bytes {start}-{end}/{len(data)}")])
                    return self._send(200, "application/octet-stream", data)
                return self._send(404, body=b"Not Found")

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # the default 5 drops concurrent connects: 1 s SYN retries
            daemon_threads = True

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/simple/"

    def count(self, prefix: str = "") -> int:
        with self._lock:
            return sum(1 for _, path, _ in self.requests if path.startswith(prefix))

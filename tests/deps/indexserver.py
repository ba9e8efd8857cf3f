"""A package index on 127.0.0.1 serving recorded responses (tests/deps/data/index.json, recorded from
the real index by record_index.py): the JSON API (/pypi/NAME/json; the per-release endpoint answers
404 as the real one does here), the Simple API (PEP 691 JSON, or PEP 503 HTML), and wheels whose
METADATA was recorded, rebuilt as zips of the recorded size with HTTP range support.

diracmod's HTTP client runs unmodified against it: nothing is mocked."""
from __future__ import annotations

import base64
import functools
import io
import json
import re
import socket
import socketserver
import struct
import tarfile
import threading
import time
import zipfile
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename

DATA = Path(__file__).resolve().parent / "data" / "index.json"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"


def load(path: Path = DATA) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def metadata_text(name: str, version: str, metadata: dict) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    if metadata.get("requires_python"):
        lines.append(f"Requires-Python: {metadata['requires_python']}")
    lines += [f"Classifier: {c}" for c in metadata.get("classifiers") or ()]
    lines += [f"Requires-Dist: {r}" for r in metadata.get("requires_dist") or ()]
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


def build_sdist(filename: str, metadata: dict, size: int = 0) -> bytes:
    """A .tar.gz whose PKG-INFO (after another member, as in real sdists) holds the recorded metadata
    (`size` is left alone: a tarball needs no padding to be read as a stream)."""
    name, version = parse_sdist_filename(filename)
    root = filename[: -len(".tar.gz")]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for member, data in ((f"{root}/setup.py", b"from setuptools import setup\nsetup()\n"),
                             (f"{root}/PKG-INFO", metadata_text(str(name), str(version), metadata).encode())):
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class FixtureIndex:
    """`with FixtureIndex(data) as index:` ... `index.url` is the pip-style index URL (…/simple/)."""

    def __init__(self, data: dict, json_api: bool = True, simple_format: str = "json", pep658: bool = False,
                 login: tuple | None = None, host: str = "127.0.0.1", files_url: str = "../../files/"):
        self.host, self.files_url = host, files_url  # files_url: another host may serve the files
        self.projects = {canonicalize_name(k): self._with_urls(v) for k, v in data["projects"].items()}
        self.metadata = data.get("metadata", {})
        # {project: {version: info}}: the JSON API's per-release pages (the recording has none: 404)
        self.release_info = {canonicalize_name(k): v for k, v in data.get("release_info", {}).items()}
        self.json_api, self.simple_format, self.pep658 = json_api, simple_format, pep658
        # (user, password): every request without them gets 401, as a private index answers
        self.login = "Basic " + base64.b64encode(":".join(login).encode()).decode() if login else None
        self.requests: list = []  # (method, path, Range header)
        self.authorizations: list = []  # the Authorization header of each request
        self._wheels: dict = {}
        self._lock = threading.Lock()
        self._server = None

    # ------------------------------------------------------------ content

    def _with_urls(self, project: dict) -> dict:
        """The recording leaves out file URLs: every file is served under /files/<filename>."""
        releases = {version: [{"url": f"{self.files_url}{f['filename']}", **f} for f in files]
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
                    "files": [{"filename": f["filename"], "url": f["url"], "hashes": {},
                               "requires-python": f.get("requires_python"), "yanked": f.get("yanked", False),
                               "size": f.get("size")} for f in files]}
            return SIMPLE_JSON, json.dumps(body).encode()
        anchors = "".join(
            f'<a href="{f["url"]}"'
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
                build = build_sdist if filename.endswith(".tar.gz") else build_wheel
                self._wheels[filename] = build(filename, self.metadata[filename], size)
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
                    index.authorizations.append(self.headers.get("Authorization"))
                if index.login and self.headers.get("Authorization") != index.login:
                    return self._send(401, body=b"Unauthorized", headers=[("WWW-Authenticate", 'Basic realm="x"')])
                path = self.path.split("?", 1)[0]
                match = re.fullmatch(r"/pypi/([^/]+)/json", path)
                if match:
                    key = canonicalize_name(match.group(1))
                    if index.json_api and key in index.projects:
                        return self._send(200, "application/json", json.dumps(index._project_json(key)).encode())
                    return self._send(404, body=b"Not Found")
                match = re.fullmatch(r"/pypi/([^/]+)/([^/]+)/json", path)
                if match:
                    info = index.release_info.get(canonicalize_name(match.group(1)), {}).get(match.group(2))
                    if index.json_api and info is not None:
                        return self._send(200, "application/json", json.dumps({"info": info, "urls": []}).encode())
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

        self._server = Server((self.host, 0), Handler)
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


# ------------------------------------------------------------ a hostile index

HOSTILE_MODES = ("slow-headers", "slow-body", "endless", "gzip-bomb", "zip-bomb", "zip-bomb-lying", "wrong-json",
                 "redirect-off-host", "redirect-file", "http-500", "http-503", "reset", "hanging-accept")
BOMB = 256 * 1024 * 1024  # inflated size of the bombs: over every cap diracmod has
_SERVER_LIMIT = 60.0  # seconds: every misbehaving answer stops by itself by then

# The JSON API page of project "demo": release 1.0 (the pinned one) is a wheel whose METADATA is read.
_DEMO_WHEEL = "demo-1.0-py2.py3-none-any.whl"

# Valid JSON of the wrong shape, one project each (the JSON API answers 404 for the simple-* ones,
# whose Simple API page is the wrong one).
WRONG_JSON = {
    "releases-list": {"info": {"name": "releases-list", "version": "1.0"}, "releases": [1, 2]},
    "info-string": {"info": "demo", "releases": {}},
    "files-not-dicts": {"info": {"name": "files-not-dicts", "version": "1.0"}, "releases": {"1.0": ["a", 1, None]}},
    "numbers-for-strings": {"info": {"name": 5, "version": 1.0, "requires_python": 3, "classifiers": [1, 2],
                                     "requires_dist": "six"},
                            "releases": {"1.0": [{"filename": 7, "requires_python": 3, "size": "big", "url": 5,
                                                  "yanked": "no"}], "2": {"filename": "x"}}},
    "top-level-list": [1, 2, 3],
    "null": None,
    "deep-nesting": "DEEP",  # replaced by 100,000 nested lists: json.loads recursion
    "simple-files-string": {"files": "demo-1.0.tar.gz"},
    "simple-numbers": {"files": [1, {"filename": 5, "url": [], "requires-python": {}}, {"filename": "x-1.0.whl"}]},
}


@functools.lru_cache(maxsize=None)
def gzip_bomb(size: int = BOMB) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    return b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()


@functools.lru_cache(maxsize=None)
def zip_bomb_wheel(lying: bool, size: int = BOMB // 4) -> bytes:
    """A wheel whose METADATA inflates to `size` bytes; `lying`: its headers declare 1,000 bytes."""
    buffer = io.BytesIO()
    metadata = zipfile.ZipInfo("demo-1.0.dist-info/METADATA", (1980, 1, 1, 0, 0, 0))
    metadata.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as archive:
        with archive.open(metadata, "w") as member:
            member.write(b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: six\n\n")
            block = b"\0" * (1 << 20)  # the description
            for _ in range(size >> 20):
                member.write(block)
        archive.writestr(zipfile.ZipInfo("demo-1.0.dist-info/WHEEL", (1980, 1, 1, 0, 0, 0)), b"Wheel-Version: 1.0\n")
    data = bytearray(buffer.getvalue())
    if lying:  # the uncompressed size in the local header (offset 22) and the central directory entry (24)
        central = data.index(b"PK\x01\x02")
        for offset in (22, central + 24):
            data[offset:offset + 4] = struct.pack("<I", 1000)
    return bytes(data)


def _demo_page(base: str, wheel_size: int) -> bytes:
    files = [{"filename": _DEMO_WHEEL, "url": f"{base}/files/{_DEMO_WHEEL}", "size": wheel_size}]
    return json.dumps({"info": {"name": "demo", "version": "2.0", "requires_dist": [], "classifiers": []},
                       "releases": {"1.0": files, "2.0": [{"filename": "demo-2.0.tar.gz"}]}}).encode()


class HostileIndex:
    """`with HostileIndex(mode) as index:` a package index on 127.0.0.1 that misbehaves one way (see
    HOSTILE_MODES); every answer stops by itself within _SERVER_LIMIT seconds. `index.requests`:
    (path, lower-case headers); `index.elsewhere`: connections the redirect target received."""

    def __init__(self, mode: str):
        assert mode in HOSTILE_MODES, mode
        self.mode = mode
        self.requests: list = []
        self.elsewhere: list = []
        self._servers, self._sockets = [], []

    def __enter__(self):
        if self.mode == "hanging-accept":
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(64)  # connections complete in the kernel; nobody ever accepts them
            self._sockets.append(listener)
            self.port = listener.getsockname()[1]
            return self
        if self.mode == "redirect-off-host":
            other = self._serve("127.0.0.2", lambda handler, path, headers: self.elsewhere.append((path, headers)))
            self.target = f"http://127.0.0.2:{other.server_address[1]}"
        self.port = self._serve("127.0.0.1", self._answer).server_address[1]
        return self

    def _serve(self, host, answer):
        index = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.connection.settimeout(_SERVER_LIMIT)
                try:
                    line = self.rfile.readline(8192).decode("latin-1").split()
                    headers = {}
                    for raw in iter(lambda: self.rfile.readline(8192), b""):
                        name, colon, value = raw.decode("latin-1").partition(":")
                        if not colon:
                            break
                        headers[name.strip().lower()] = value.strip()
                    path = line[1] if len(line) > 1 else "/"
                    if answer is index._answer:
                        index.requests.append((path, headers))
                    answer(self, path, headers)
                except OSError:
                    pass  # the client gave up: that is the point

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True
            request_queue_size = 128

        server = Server((host, 0), Handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self._servers.append(server)
        return server

    @staticmethod
    def _head(status: str, headers=(), length=None) -> bytes:
        lines = [f"HTTP/1.1 {status}", "Connection: close", *headers]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def _send(self, handler, status, body=b"", headers=()):
        handler.wfile.write(self._head(status, headers, len(body)) + body)

    def _answer(self, handler, path, headers):
        started, mode = time.monotonic(), self.mode
        page = json.dumps({"info": {"name": "x", "version": "1.0"}, "releases": {}}).encode()
        if mode in ("slow-headers", "slow-body"):  # each byte within any per-recv timeout; the whole, never
            head = self._head("200 OK", ["Content-Type: application/json"], 200)
            if mode == "slow-body":
                handler.wfile.write(head)
                head = b""
            for byte in head + b" " * 200:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(1)
                if time.monotonic() - started > _SERVER_LIMIT:
                    return
        elif mode == "endless":
            handler.wfile.write(self._head("200 OK", ["Content-Type: application/json"]) + b"[")
            block = b"0," * 32768
            while time.monotonic() - started < _SERVER_LIMIT:
                handler.wfile.write(block)
        elif mode == "gzip-bomb":
            self._send(handler, "200 OK", gzip_bomb(), ["Content-Type: application/json", "Content-Encoding: gzip"])
        elif mode in ("zip-bomb", "zip-bomb-lying"):
            wheel = zip_bomb_wheel(mode == "zip-bomb-lying")
            if path == "/pypi/demo/json":
                return self._send(handler, "200 OK", _demo_page(f"http://127.0.0.1:{self.port}", len(wheel)),
                                  ["Content-Type: application/json"])
            if path != f"/files/{_DEMO_WHEEL}":
                return self._send(handler, "404 Not Found")
            wanted = re.fullmatch(r"bytes=(\d*)-(\d*)", headers.get("range", ""))
            if not wanted:
                return self._send(handler, "200 OK", wheel)
            start = int(wanted.group(1)) if wanted.group(1) else max(0, len(wheel) - int(wanted.group(2)))
            end = min(int(wanted.group(2)), len(wheel) - 1) if wanted.group(1) and wanted.group(2) else len(wheel) - 1
            self._send(handler, "206 Partial Content", wheel[start:end + 1],
                       [f"Content-Range: bytes {start}-{end}/{len(wheel)}"])
        elif mode == "wrong-json":
            match = re.fullmatch(r"/(pypi|simple)/([^/]+)/(json)?", path)
            name = match.group(2) if match else ""
            if name not in WRONG_JSON or (match.group(1) == "pypi") == name.startswith("simple-"):
                return self._send(handler, "404 Not Found")
            body = WRONG_JSON[name]
            text = "[" * 100000 + "]" * 100000 if body == "DEEP" else json.dumps(body)
            ctype = "application/json" if match.group(1) == "pypi" else SIMPLE_JSON
            self._send(handler, "200 OK", text.encode(), [f"Content-Type: {ctype}"])
        elif mode == "redirect-off-host":
            self._send(handler, "302 Found", headers=[f"Location: {self.target}{path}"])
        elif mode == "redirect-file":
            self._send(handler, "302 Found", headers=["Location: file:///etc/passwd"])
        elif mode in ("http-500", "http-503"):
            self._send(handler, f"{mode[5:]} Server Error", b"down")
        elif mode == "reset":
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.connection.close()  # RST instead of an answer
        else:
            self._send(handler, "200 OK", page)

    def __exit__(self, *exc):
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for sock in self._sockets:
            sock.close()

    def url(self, login: str = "") -> str:
        return f"http://{login + '@' if login else ''}127.0.0.1:{self.port}/simple/"

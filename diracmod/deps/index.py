"""The package index: its JSON API (`/pypi/NAME/json`, whose `releases` list every file with its
Requires-Python, tags and yanked flag), the Simple API (PEP 691 JSON, or PEP 503 HTML) where the JSON
API is missing, concurrent requests with timeouts, an on-disk cache with a TTL, --offline.

Nothing here raises on network trouble: a failure becomes a Lookup with status "error" and a
warning; a stale cache entry is used (and said to be stale) when the index cannot be reached."""
from __future__ import annotations

import gzip
import hashlib
import html.parser
import http.client
import json
import os
import re
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import (InvalidSdistFilename, InvalidWheelFilename, canonicalize_name, parse_sdist_filename,
                             parse_wheel_filename)

from diracmod import __version__
from diracmod.deps import wheelmeta

DEFAULT_INDEX = "https://pypi.org/simple/"
DEFAULT_TTL = 24 * 3600.0
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
USER_AGENT = f"diracmod/{__version__} (deps; +https://github.com/DIRACGrid)"
_BREAKER = 3  # consecutive connection failures after which the index is taken as unreachable
_ARCHIVES = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".egg", ".exe", ".msi", ".tar.xz", ".rpm", ".dmg")
_NETWORK_ERRORS = (OSError, http.client.HTTPException, ValueError)


@dataclass
class Lookup:
    name: str  # canonical
    status: str  # "ok" | "missing" (not on the index) | "offline" (no cached data) | "error"
    project: dict | None = None
    detail: str = ""
    stale: bool = False
    fetched: float = 0.0


class _Unreachable(Exception):
    pass


def _trim_file(entry: dict, base: str) -> dict:
    """Only what the verdict needs from one release file."""
    filename = entry.get("filename", "")
    trimmed = {"filename": filename, "requires_python": entry.get("requires_python") or entry.get("requires-python"),
               "yanked": bool(entry.get("yanked")), "python_version": entry.get("python_version", "")}
    if filename.endswith(".whl"):
        trimmed["url"] = urllib.parse.urljoin(base, entry.get("url", ""))
        trimmed["size"] = entry.get("size") or 0
        meta = entry.get("core-metadata", entry.get("data-dist-info-metadata"))
        trimmed["core_metadata"] = bool(meta)
    return trimmed


def trim_json_api(data: dict, base: str) -> dict:
    info = data.get("info") or {}
    releases = {}
    for version, files in (data.get("releases") or {}).items():
        if files:
            releases[version] = [_trim_file(f, base) for f in files]
    return {
        "name": info.get("name") or "", "source": "json", "latest": info.get("version"),
        "requires_python": info.get("requires_python") or None, "requires_dist": info.get("requires_dist"),
        "classifiers": [c for c in info.get("classifiers") or [] if c.startswith("Programming Language :: Python")],
        "releases": releases,
    }


def version_of(filename: str, name: str):
    try:
        if filename.endswith(".whl"):
            return str(parse_wheel_filename(filename)[1])
        return str(parse_sdist_filename(filename)[1])
    except (InvalidWheelFilename, InvalidSdistFilename):
        pass
    stem = re.sub(r"(\.tar\.gz|\.tar\.bz2|\.tar\.xz|\.zip|\.tgz|\.egg|\.exe|\.msi)$", "", filename)
    stem = re.sub(r"\.(win32|win-amd64|linux-[^-]+|macosx-[^-]+)(?=-py|$)", "", stem)  # bdist_wininst & co
    prefix = re.sub(r"[-_.]+", "[-_.]", re.escape(canonicalize_name(name)).replace("\\-", "-"))
    match = re.match(rf"(?i)^{prefix}-([0-9][^-]*)", stem)
    return match.group(1) if match else None


def trim_simple(files: list, name: str, base: str) -> dict:
    releases = {}
    for entry in files:
        version = version_of(entry.get("filename", ""), name)
        if version:
            releases.setdefault(version, []).append(_trim_file(entry, base))
    return {"name": name, "source": "simple", "latest": None, "requires_python": None, "requires_dist": None,
            "classifiers": None, "releases": releases}


class _SimpleHTML(html.parser.HTMLParser):
    """PEP 503 anchors: href, data-requires-python, data-yanked, data-(dist-info|core)-metadata."""

    def __init__(self):
        super().__init__()
        self.files = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attributes = dict(attrs)
        href = attributes.get("href") or ""
        filename = urllib.parse.unquote(href.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1])
        if filename.endswith(_ARCHIVES):
            self.files.append({"filename": filename, "url": href,
                               "requires-python": attributes.get("data-requires-python"),
                               "yanked": "data-yanked" in attributes,
                               "core-metadata": attributes.get("data-core-metadata")
                               or attributes.get("data-dist-info-metadata")})


def index_urls(index_url: str) -> tuple:
    """pip-style --index-url -> (JSON API base, Simple API base)."""
    url = index_url.rstrip("/")
    if url.endswith("/simple"):
        return url[: -len("/simple")] + "/pypi", url + "/"
    if url.endswith("/pypi"):
        return url, url[: -len("/pypi")] + "/simple/"
    return url + "/pypi", url + "/simple/"


class IndexClient:
    def __init__(self, index_url: str = DEFAULT_INDEX, cache_dir=None, ttl: float = DEFAULT_TTL,
                 offline: bool = False, refresh: bool = False, timeout: float = 10.0, jobs: int = 16):
        self.index_url = index_url
        self.json_base, self.simple_base = index_urls(index_url)
        key = hashlib.sha256(index_url.rstrip("/").encode()).hexdigest()[:12]
        self.cache_dir = Path(cache_dir, key) if cache_dir else None
        self.ttl, self.offline, self.refresh, self.timeout, self.jobs = ttl, offline, refresh, timeout, max(1, jobs)
        self.warnings: list = []
        self.requests = 0
        self._lock = threading.Lock()
        self._failures = 0
        self._dead = ""  # why the index is taken as unreachable
        self._json_api = True  # False once the index showed it has no JSON API
        self._opener = urllib.request.build_opener()
        self._opener.addheaders = [("User-Agent", USER_AGENT), ("Accept-Encoding", "gzip")]

    # ------------------------------------------------------------ HTTP

    def _get(self, url: str, accept: str = "", byte_range=None, max_bytes: int = 0):
        """(status, headers, body); raises _Unreachable on connection-level failures. With max_bytes, a
        longer body is not read (status 413). byte_range (start, end), or (None, n) for the last n bytes."""
        if self._dead:
            raise _Unreachable(self._dead)
        request = urllib.request.Request(url)
        if accept:
            request.add_header("Accept", accept)
        if byte_range:
            start, end = byte_range
            request.add_header("Range", f"bytes=-{end}" if start is None else f"bytes={start}-{end}")
        with self._lock:
            self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read(max_bytes + 1) if max_bytes else response.read()
                if max_bytes and len(body) > max_bytes:
                    return 413, {}, b""
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                status, headers = response.status, {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code >= 500 or exc.code in (401, 403, 407, 429):
                self._failed(f"{url}: HTTP {exc.code} {exc.reason}")
            return exc.code, {}, b""
        except _NETWORK_ERRORS as exc:
            reason = getattr(exc, "reason", None) or exc
            self._failed(f"{urllib.parse.urlsplit(url).netloc}: {type(reason).__name__}: {reason}".rstrip(": "))
        with self._lock:
            self._failures = 0
        return status, headers, body

    def _failed(self, why: str):
        with self._lock:
            self._failures += 1
            if self._failures >= _BREAKER and not self._dead:
                self._dead = f"index unreachable ({why})"
        raise _Unreachable(why)

    # ------------------------------------------------------------ cache

    def _cache_path(self, kind: str, key: str):
        if not self.cache_dir:
            return None
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", key)
        return self.cache_dir / kind / f"{safe}.json"

    def _read_cache(self, kind, key):
        path = self._cache_path(kind, key)
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def _write_cache(self, kind, key, value):
        path = self._cache_path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tag = self.cache_dir.parent / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# diracmod deps: package index cache\n")
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache directory only costs speed

    # ------------------------------------------------------------ projects

    def _project(self, name: str) -> Lookup:
        key = canonicalize_name(name)
        cached = self._read_cache("projects", key)
        if cached is not None:
            age = time.time() - cached.get("fetched", 0)
            if self.offline or (not self.refresh and age < self.ttl):
                return self._from_cache(key, cached, stale=age >= self.ttl)
        if self.offline:
            return Lookup(key, "offline", detail="offline, and the index cache has no data for it")
        try:
            project = self._fetch(key)
        except _Unreachable as exc:
            if cached is not None:
                return self._from_cache(key, cached, stale=True, why=str(exc))
            return Lookup(key, "error", detail=str(exc))
        entry = {"fetched": time.time(), "project": project}
        self._write_cache("projects", key, entry)
        return self._from_cache(key, entry)

    @staticmethod
    def _from_cache(key, entry, stale=False, why=""):
        project = entry.get("project")
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.get("fetched", 0)))
        detail = f"cached {when}" + (f"; index not reachable: {why}" if why else "")
        if project is None:
            return Lookup(key, "missing", detail="not on the index" + (f" ({detail})" if stale else ""),
                          stale=stale, fetched=entry.get("fetched", 0))
        return Lookup(key, "ok", project=project, detail=detail if stale else "", stale=stale,
                      fetched=entry.get("fetched", 0))

    def _fetch(self, key: str):
        """The trimmed project, or None when the index does not have it."""
        if self._json_api:
            url = f"{self.json_base}/{key}/json"
            status, _, body = self._get(url)
            if status == 200:
                try:
                    return trim_json_api(json.loads(body), url)
                except (ValueError, AttributeError, TypeError) as exc:
                    self._failed(f"{url}: not JSON API data ({type(exc).__name__})")
        url = f"{self.simple_base}{key}/"
        status, headers, body = self._get(url, accept=f"{SIMPLE_JSON}, text/html;q=0.1")
        ctype = headers.get("content-type", "")
        if status != 200:
            return None
        if self._json_api and status == 200:
            with self._lock:
                self._json_api = False  # found by the Simple API only: skip the JSON API from now on
        try:
            if "json" in ctype:
                return trim_simple(json.loads(body).get("files", []), key, url)
            parser = _SimpleHTML()
            parser.feed(body.decode("utf-8", "replace"))
            return trim_simple(parser.files, key, url)
        except (ValueError, AttributeError, TypeError) as exc:
            self._failed(f"{url}: not Simple API data ({type(exc).__name__})")

    def lookup_many(self, names) -> dict:
        names = list(dict.fromkeys(canonicalize_name(n) for n in names))
        if not names:
            return {}
        with ThreadPoolExecutor(max_workers=min(self.jobs, len(names))) as pool:
            return dict(zip(names, pool.map(self._project, names)))

    # ------------------------------------------------------------ release metadata

    def _metadata(self, file: dict):
        filename = file["filename"]
        cached = self._read_cache("metadata", filename)
        if cached is not None:
            return cached.get("metadata")
        if self.offline:
            return None
        url = file.get("url")
        if not url:
            return None
        result = None
        try:
            if file.get("core_metadata"):
                status, _, body = self._get(url.split("#", 1)[0] + ".metadata")
                if status == 200:
                    result = wheelmeta.parse_metadata(body.decode("utf-8", "replace"))
            if result is None:
                def fetch(start, end):
                    status, _, body = self._get(url, byte_range=(start, end), max_bytes=wheelmeta.MAX_WHOLE)
                    if status not in (200, 206):
                        raise wheelmeta.FetchError(f"HTTP {status}")
                    return body
                size = int(file.get("size") or 0) or self._size(url)
                result = wheelmeta.wheel_metadata(fetch, size)
        except _Unreachable:
            return None  # not cached: maybe next time
        self._write_cache("metadata", filename, {"filename": filename, "metadata": result})
        return result

    def _size(self, url: str) -> int:
        """A file's size when the index did not say (PEP 503 HTML): from a 1-byte suffix range's Content-Range."""
        status, headers, body = self._get(url, byte_range=(None, 1), max_bytes=wheelmeta.MAX_WHOLE)
        total = re.search(r"/(\d+)$", headers.get("content-range", ""))
        if status == 206 and total:
            return int(total.group(1))
        return len(body) if status == 200 else 0

    def metadata_many(self, files) -> dict:
        """{filename: metadata dict or None} for release files (wheels), fetched concurrently."""
        files = list({f["filename"]: f for f in files}.values())
        if not files:
            return {}
        with ThreadPoolExecutor(max_workers=min(self.jobs, len(files))) as pool:
            return dict(zip((f["filename"] for f in files), pool.map(self._metadata, files)))

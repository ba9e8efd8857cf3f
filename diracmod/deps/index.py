"""The package index: its JSON API (`/pypi/NAME/json`, whose `releases` list every file with its
Requires-Python, tags and yanked flag), the Simple API (PEP 691 JSON, or PEP 503 HTML) where the JSON
API is missing, concurrent requests (each with a total deadline and a size cap: transport.py),
credentials (credentials.py), an on-disk cache with a TTL, --offline.

Nothing here raises on network trouble: a failure becomes a Lookup with status "error" and a
warning; a stale cache entry is used (and said to be stale) when the index cannot be reached. Index
answers and cache files alike are checked field by field: a wrong type is "not said" (or a cache miss)."""
from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import (InvalidSdistFilename, InvalidWheelFilename, canonicalize_name, parse_sdist_filename,
                             parse_wheel_filename)

from diracmod import __version__
from diracmod.core import atomic
from diracmod.deps import transport, wheelmeta
from diracmod.deps.credentials import IndexAuth, redact, without_userinfo

DEFAULT_INDEX = "https://pypi.org/simple/"
DEFAULT_TTL = 24 * 3600.0
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
USER_AGENT = f"diracmod/{__version__} (deps; +https://github.com/DIRACGrid)"
_BREAKER = 3  # consecutive connection failures after which the index is taken as unreachable
_ARCHIVES = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".egg", ".exe", ".msi", ".tar.xz", ".rpm", ".dmg")
_SDISTS = (".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz")
MAX_PAGE = 64 * 1024 * 1024  # a JSON API page (boto3's, the largest, is ~30 MB inflated) or a Simple page


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


# Index answers are untrusted: every field is checked for its type, and a wrong one reads as "not said".
def _text(value):
    return value if isinstance(value, str) else None


def _texts(value):
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else None


def _dicts(value) -> list:
    """A list of objects, as the index's structure requires; anything else is not index data at all."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError("a list of objects expected")
    return value


def parse_json(body: bytes):
    """json.loads, with nesting deep enough to exhaust the recursion limit as a ValueError."""
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _python_classifiers(value):
    found = _texts(value)
    return None if found is None else [c for c in found if c.startswith("Programming Language :: Python")]


def _trim_file(entry: dict, base: str) -> dict | None:
    """Only what the verdict needs from one release file."""
    filename = entry.get("filename")
    if not isinstance(filename, str):
        raise TypeError("a file without a file name")
    if not filename:
        return None
    size = entry.get("size")
    trimmed = {"filename": filename,
               "requires_python": _text(entry.get("requires_python")) or _text(entry.get("requires-python")),
               "yanked": bool(entry.get("yanked")), "python_version": _text(entry.get("python_version")) or ""}
    url = urllib.parse.urljoin(base, _text(entry.get("url")) or "")
    if filename.endswith((".whl", *_SDISTS)) and url.startswith(("https://", "http://")) and url != base:
        trimmed["url"] = without_userinfo(url)
        trimmed["size"] = size if isinstance(size, int) and size > 0 else 0
    if filename.endswith(".whl"):
        trimmed["core_metadata"] = bool(entry.get("core-metadata", entry.get("data-dist-info-metadata")))
    return trimmed


def _trim_files(files, base: str) -> list:
    return [t for t in (_trim_file(f, base) for f in _dicts(files)) if t]


def trim_json_api(data, base: str) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("info"), dict):
        raise TypeError("not a JSON API project")
    info, releases = data["info"], data.get("releases", {})
    if not isinstance(releases, dict):
        raise TypeError("releases: an object expected")
    releases = {version: _trim_files(files, base) for version, files in releases.items()}
    return {
        "name": _text(info.get("name")) or "", "source": "json", "latest": _text(info.get("version")),
        "requires_python": _text(info.get("requires_python")) or None,
        "requires_dist": _texts(info.get("requires_dist")),
        "classifiers": _python_classifiers(info.get("classifiers")),
        "releases": {version: files for version, files in releases.items() if files},
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


def trim_simple(files, name: str, base: str) -> dict:
    releases = {}
    for entry in _trim_files(files, base):
        version = version_of(entry["filename"], name)
        if version:
            releases.setdefault(version, []).append(entry)
    return {"name": name, "source": "simple", "latest": None, "requires_python": None, "requires_dist": None,
            "classifiers": None, "releases": releases}


# PEP 503 anchors, found by two linear-time patterns: html.parser rescans its buffer and takes minutes
# on a crafted megabyte ("<" repeated), which no deadline covers once the page is downloaded. A tag
# stops at the next "<", so an unclosed one costs at most its own length.
_ANCHOR = re.compile(r"<a\s([^<>]{0,16384})>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def simple_html_files(text: str) -> list:
    """PEP 503 anchors: href, data-requires-python, data-yanked, data-(dist-info|core)-metadata."""
    files = []
    for anchor in _ANCHOR.finditer(text):
        attributes = {}
        for name, *values in _ATTRIBUTE.findall(anchor.group(1)):
            attributes.setdefault(name.lower(), html.unescape(next((v for v in values if v), "")))
        href = attributes.get("href") or ""
        filename = urllib.parse.unquote(href.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1])
        if filename.endswith(_ARCHIVES):
            files.append({"filename": filename, "url": href,
                          "requires-python": attributes.get("data-requires-python"),
                          "yanked": "data-yanked" in attributes,
                          "core-metadata": attributes.get("data-core-metadata")
                          or attributes.get("data-dist-info-metadata")})
    return files


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
        self.auth = IndexAuth(index_url, timeout)
        self.index_url = self.auth.url  # without credentials: requested and cached
        self.shown_url = redact(index_url)  # as pip shows it: https://user:****@host/simple/
        self.json_base, self.simple_base = index_urls(self.index_url)
        key = hashlib.sha256(self.index_url.rstrip("/").encode()).hexdigest()[:12]
        self.cache_dir = Path(cache_dir, key) if cache_dir else None
        self.ttl, self.offline, self.refresh, self.timeout, self.jobs = ttl, offline, refresh, timeout, max(1, jobs)
        self.warnings: list = []
        self.requests = 0
        self._lock = threading.Lock()
        self._failures = 0
        self._dead = ""  # why the index is taken as unreachable
        self._json_api = True  # False once the index showed it has no JSON API
        self._opener = transport.opener()

    # ------------------------------------------------------------ HTTP

    def _get(self, url: str, accept: str = "", byte_range=None, max_bytes: int = MAX_PAGE, file: bool = False):
        """(status, headers, body); raises _Unreachable when no usable answer came (connection trouble, the
        deadline, an answer over max_bytes). byte_range (start, end), or (None, n) for the last n bytes.
        `file`: a release file, whose being over max_bytes or redirected elsewhere is its own trouble
        (MetadataError), not the index's: a server without range support may well send a big wheel whole."""
        if self._dead:
            raise _Unreachable(self._dead)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity" if byte_range else "gzip, deflate"}
        if accept:
            headers["Accept"] = accept
        if byte_range:
            start, end = byte_range
            headers["Range"] = f"bytes=-{end}" if start is None else f"bytes={start}-{end}"
        while True:
            with self._lock:
                self.requests += 1
            login = self.auth.headers_for(url)
            try:
                answer = transport.get(self._opener, url, {**headers, **login}, self.timeout, max_bytes)
            except (transport.TooLarge, transport.Refused) as exc:
                if file:  # e.g. a file host that redirects to a storage service
                    raise wheelmeta.MetadataError(self.auth.scrub(str(exc))) from None
                self._failed(f"{urllib.parse.urlsplit(url).netloc}: {exc}")
            except transport.TransportError as exc:
                self._failed(f"{urllib.parse.urlsplit(url).netloc}: {exc}")
            if answer.status != 401 or not self.auth.after_401(url, login):
                break
        if answer.status >= 500 or answer.status in (401, 403, 407, 429):
            self._failed(f"{url}: HTTP {answer.status}")
        if answer.status < 400:
            with self._lock:
                self._failures = 0
        return answer.status, answer.headers, answer.body

    def _failed(self, why: str):
        why = self.auth.scrub(why)
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
            with open(path, "rb") as handle:
                entry = parse_json(handle.read())
        except (OSError, ValueError):
            return None
        return entry if _CACHE_CHECKS[kind](entry) else None  # another shape: a miss, rewritten on success

    def _write_cache(self, kind, key, value):
        path = self._cache_path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tag = self.cache_dir.parent / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# diracmod deps: package index cache\n")
            atomic.write_text(path, json.dumps(value, separators=(",", ":")))
        except OSError:
            pass  # a read-only cache directory only costs speed

    # ------------------------------------------------------------ projects

    def _project(self, name: str) -> Lookup:
        key = canonicalize_name(name)
        cached = self._read_cache("projects", key)
        if cached is not None:
            age = time.time() - cached["fetched"]
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
                    return trim_json_api(parse_json(body), url)
                except (ValueError, TypeError) as exc:
                    self._failed(f"{url}: not JSON API data ({exc})")
        url = f"{self.simple_base}{key}/"
        status, headers, body = self._get(url, accept=f"{SIMPLE_JSON}, text/html;q=0.1")
        if status != 200:
            return None
        if self._json_api:
            with self._lock:
                self._json_api = False  # found by the Simple API only: skip the JSON API from now on
        try:
            if "json" in headers.get("content-type", ""):
                page = parse_json(body)
                if not isinstance(page, dict):
                    raise TypeError("not a Simple API page")
                return trim_simple(page.get("files"), key, url)
            return trim_simple(simple_html_files(body.decode("utf-8", "replace")), key, url)
        except (ValueError, TypeError) as exc:
            self._failed(f"{url}: not Simple API data ({exc})")

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
            return cached["metadata"]
        if self.offline:
            return None
        try:
            if filename.endswith(".whl"):
                result = self._wheel_metadata(file) if file.get("url") else None
            else:
                result = self._release_metadata(file)
        except wheelmeta.MetadataError as exc:  # the file itself is the trouble: said once, and cached
            with self._lock:
                self.warnings.append(self.auth.scrub(f"metadata of {filename} not read: {exc}"))
            result = None
        except _Unreachable:
            return None  # not cached: maybe next time
        self._write_cache("metadata", filename, {"filename": filename, "metadata": result})
        return result

    def _wheel_metadata(self, file: dict):
        url = file["url"]
        if file.get("core_metadata"):
            status, _, body = self._get(url.split("#", 1)[0] + ".metadata", max_bytes=wheelmeta.MAX_METADATA,
                                        file=True)
            if status == 200:
                return wheelmeta.parse_metadata(body.decode("utf-8", "replace"))

        def fetch(start, end):
            status, _, body = self._get(url, byte_range=(start, end), max_bytes=wheelmeta.MAX_WHOLE, file=True)
            if status not in (200, 206):
                raise wheelmeta.MetadataError(f"HTTP {status}")
            return body

        return wheelmeta.wheel_metadata(fetch, file.get("size") or self._size(url))

    def _release_metadata(self, file: dict):
        """An sdist-only release: its Requires-Python and classifiers. From the JSON API's per-release
        page (`/pypi/NAME/VERSION/json`, filled by the index from the sdist's PKG-INFO at upload) when the
        index has a JSON API: one small page, where the sdist itself would have to be downloaded and, a
        tar.gz having no directory to seek with, inflated up to its PKG-INFO - which is what happens on a
        Simple-API-only index (capped: wheelmeta.sdist_metadata). Its Requires-Dist is not trusted
        either way: setuptools left install_requires out of PKG-INFO for years."""
        if not self._json_api:
            if not file.get("url"):
                return None
            status, _, body = self._get(file["url"], max_bytes=wheelmeta.MAX_WHOLE, file=True)
            if status != 200:
                raise wheelmeta.MetadataError(f"HTTP {status}")
            return wheelmeta.sdist_metadata(body, file["filename"])
        if not file.get("project") or not file.get("version"):
            return None
        url = f"{self.json_base}/{canonicalize_name(file['project'])}/{file['version']}/json"
        status, _, body = self._get(url)
        if status != 200:
            return None
        try:
            data = parse_json(body)
        except ValueError:
            return None
        info = data["info"] if isinstance(data, dict) and isinstance(data.get("info"), dict) else None
        return {"requires_dist": None, "requires_python": _text(info.get("requires_python")) or None,
                "classifiers": _python_classifiers(info.get("classifiers"))} if info else None

    def _size(self, url: str) -> int:
        """A file's size when the index did not say (PEP 503 HTML): from a 1-byte suffix range's Content-Range."""
        status, headers, body = self._get(url, byte_range=(None, 1), max_bytes=wheelmeta.MAX_WHOLE, file=True)
        total = re.search(r"/(\d+)$", headers.get("content-range", ""))
        if status == 206 and total:
            return int(total.group(1))
        return len(body) if status == 200 else 0

    def metadata_many(self, files) -> dict:
        """{filename: metadata dict or None} for release files (wheels, sdists), fetched concurrently."""
        files = list({f["filename"]: f for f in files}.values())
        if not files:
            return {}
        with ThreadPoolExecutor(max_workers=min(self.jobs, len(files))) as pool:
            return dict(zip((f["filename"] for f in files), pool.map(self._metadata, files)))


# ------------------------------------------------------------ cache file shapes

def _typed(value, kinds) -> bool:
    return isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)


def _strings_or_none(value) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


_FILE_FIELDS = {"filename": (str,), "requires_python": (str, type(None)), "yanked": (bool,),
                "python_version": (str,), "url": (str,), "size": (int,), "core_metadata": (bool,)}


def _good_file(file) -> bool:
    return isinstance(file, dict) and isinstance(file.get("filename"), str) and \
        all(_typed(file[k], kinds) for k, kinds in _FILE_FIELDS.items() if k in file)


def _good_project(project) -> bool:
    if project is None:
        return True  # "not on the index"
    return (isinstance(project, dict) and isinstance(project.get("name"), str)
            and all(_typed(project.get(k), (str, type(None))) for k in ("latest", "requires_python", "source"))
            and _strings_or_none(project.get("requires_dist")) and _strings_or_none(project.get("classifiers"))
            and isinstance(project.get("releases"), dict)
            and all(isinstance(files, list) and all(_good_file(f) for f in files)
                    for files in project["releases"].values()))


def good_metadata(metadata) -> bool:
    return metadata is None or (isinstance(metadata, dict) and _typed(metadata.get("requires_python"),
                                                                      (str, type(None)))
                                and _strings_or_none(metadata.get("requires_dist"))
                                and _strings_or_none(metadata.get("classifiers")))


_CACHE_CHECKS = {
    "projects": lambda e: isinstance(e, dict) and _typed(e.get("fetched"), (int, float)) and _good_project(
        e.get("project")),
    "metadata": lambda e: isinstance(e, dict) and good_metadata(e.get("metadata")),
}

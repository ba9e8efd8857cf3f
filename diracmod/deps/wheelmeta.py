"""A release's core metadata (Requires-Dist, Requires-Python, classifiers) without downloading it:
PEP 658 `<file>.metadata` when the index serves it, else the wheel's `*.dist-info/METADATA` read
through HTTP range requests (the zip central directory sits at the end of the file).

A hostile wheel cannot take the memory: at most MAX_WHOLE bytes are fetched per wheel, and a METADATA
whose declared or actual size (inflated) is over MAX_METADATA is refused without inflating it."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from email.parser import HeaderParser

_BLOCK = 64 * 1024
MAX_WHOLE = 20 * 1024 * 1024  # a server without range support: read small wheels whole, skip big ones
MAX_METADATA = 4 * 1024 * 1024  # the largest real METADATA files (long descriptions) are a few hundred KB
MAX_INFLATED = 64 * 1024 * 1024  # of a tarball streamed up to its PKG-INFO
_TAR_STREAMS = {".tar.gz": gzip.GzipFile, ".tgz": gzip.GzipFile, ".tar.bz2": bz2.BZ2File, ".tar.xz": lzma.LZMAFile}


class MetadataError(Exception):
    """The wheel's METADATA could not be read; the message says why."""


def parse_metadata(text: str) -> dict:
    headers = HeaderParser().parsestr(text.split("\n\n", 1)[0] + "\n")
    return {"requires_dist": headers.get_all("Requires-Dist") or [],
            "requires_python": headers.get("Requires-Python"),
            "classifiers": [c for c in headers.get_all("Classifier") or []
                            if c.startswith("Programming Language :: Python")]}


class _RangeFile(io.RawIOBase):
    """A read-only seekable view of a remote file; `fetch(start, end)` returns bytes [start, end]."""

    def __init__(self, fetch, size: int):
        super().__init__()
        self._fetch, self._size, self._pos = fetch, size, 0
        self._fetched = 0  # bytes, over all ranges: a central directory claiming the whole file stops here
        self._blocks = []  # (start, data)
        self._load(max(0, size - _BLOCK), size - 1)

    def _load(self, start, end):
        self._fetched += end - start + 1
        if self._fetched > MAX_WHOLE:
            raise MetadataError(f"more than {MAX_WHOLE} bytes of ranges wanted")
        data = self._fetch(start, end)
        if len(data) != end - start + 1:
            raise MetadataError(f"range {start}-{end}: got {len(data)} bytes")
        self._blocks.append((start, data))

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self._pos

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer):
        want = min(len(buffer), self._size - self._pos)
        if want <= 0:
            return 0
        start, end = self._pos, self._pos + want - 1
        for block_start, data in self._blocks:
            if block_start <= start and end < block_start + len(data):
                buffer[:want] = data[start - block_start:end - block_start + 1]
                self._pos += want
                return want
        self._load(start, min(self._size - 1, max(end, start + _BLOCK - 1)))
        return self.readinto(buffer)


def wheel_metadata(fetch, size: int) -> dict | None:
    """METADATA of a remote wheel (None: the wheel has none); `fetch(start, end)` may return the whole
    file if the server ignores ranges. Raises MetadataError."""
    try:
        if size <= 0:
            raise MetadataError("unknown size")
        first = fetch(max(0, size - _BLOCK), size - 1)
        if len(first) == size and size > _BLOCK:  # no range support: we got it all
            handle = io.BytesIO(first)
        else:
            cached = {"tail": first}

            def ranged(start, end):
                if "tail" in cached:  # the first call of _RangeFile is this very block
                    return cached.pop("tail")
                return fetch(start, end)

            handle = io.BufferedReader(_RangeFile(ranged, size), buffer_size=8192)
        with zipfile.ZipFile(handle) as archive:
            names = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
            if not names:
                return None
            return _zip_member(archive, names[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, RuntimeError,
            NotImplementedError, zlib.error, LookupError) as exc:
        raise MetadataError(f"not a readable wheel ({type(exc).__name__}: {str(exc)[:200]})") from None


def _zip_member(archive: zipfile.ZipFile, name: str) -> dict:
    info = archive.getinfo(name)
    if info.file_size > MAX_METADATA or info.compress_size > MAX_METADATA:
        raise MetadataError(f"{name} declares {info.file_size} bytes, over the {MAX_METADATA}-byte limit")
    with archive.open(info) as member:
        text = member.read(MAX_METADATA + 1)  # the declared size may lie
    if len(text) > MAX_METADATA:
        raise MetadataError(f"{name} inflates past the {MAX_METADATA}-byte limit")
    return parse_metadata(text.decode("utf-8", "replace"))


class _Capped(io.RawIOBase):
    """A decompressing stream that stops being read past `limit` bytes: a tar bomb ends here."""

    def __init__(self, stream, limit: int):
        super().__init__()
        self._stream, self._left = stream, limit

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._stream.read(min(len(buffer), self._left + 1))
        self._left -= len(data)
        if self._left < 0:
            raise MetadataError(f"the sdist inflates past {MAX_INFLATED} bytes before its PKG-INFO")
        buffer[:len(data)] = data
        return len(data)


def sdist_metadata(data: bytes, filename: str) -> dict | None:
    """Requires-Python and classifiers from a downloaded sdist's PKG-INFO, read without extracting
    anything: a zip through its directory, a tarball as a stream inflated under MAX_INFLATED. Its
    Requires-Dist is left unknown (None): setuptools kept install_requires out of PKG-INFO for years."""
    try:
        if filename.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith("/PKG-INFO")]
                found = _zip_member(archive, names[0]) if names else None
        else:
            opener = next(o for suffix, o in _TAR_STREAMS.items() if filename.endswith(suffix))
            stream = io.BufferedReader(_Capped(opener(fileobj=io.BytesIO(data)), MAX_INFLATED))
            found = None
            with tarfile.open(fileobj=stream, mode="r|") as archive:
                for member in archive:
                    if member.isfile() and member.name.count("/") == 1 and member.name.endswith("/PKG-INFO"):
                        if member.size > MAX_METADATA:
                            raise MetadataError(f"{member.name} declares {member.size} bytes, over the limit")
                        found = parse_metadata(archive.extractfile(member).read().decode("utf-8", "replace"))
                        break
    except (zipfile.BadZipFile, tarfile.TarError, OSError, ValueError, EOFError, KeyError, RuntimeError,
            NotImplementedError, zlib.error, lzma.LZMAError, StopIteration) as exc:
        raise MetadataError(f"not a readable sdist ({type(exc).__name__}: {str(exc)[:200]})") from None
    return {**found, "requires_dist": None} if found else None

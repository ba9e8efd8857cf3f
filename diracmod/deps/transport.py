"""HTTP GET with hard bounds, for the package index client.

- A TOTAL deadline per request (connect, TLS, headers, body, redirects): a socket timeout only bounds
  each recv, so a server sending one byte per second would defeat it; a timer shuts the socket down
  when the deadline passes, whatever phase the request is in.
- A size cap on the body as sent, and again on it inflated (gzip / deflate), so neither an endless
  response nor a gzip bomb can take the memory.
- Only http(s): a file:// or ftp:// link served by an index is refused (urllib's default opener
  would open it). Redirects stay on the host they started from (and never go from https to http).

urllib still does the protocol, proxies from the environment included."""
from __future__ import annotations

import functools
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field

from diracmod.deps.credentials import origin, redact

_CHUNK = 64 * 1024
_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}  # deflate: zlib-wrapped, raw deflate is tried next


class TransportError(Exception):
    """No usable answer; the message names no secret (URLs in it are redacted)."""


class TooLarge(TransportError):
    """An answer over the size cap (as declared, as sent, or inflated)."""


class Refused(TransportError):
    """A URL or a redirect we do not follow (another host, another scheme)."""


@dataclass
class Response:
    status: int
    headers: dict = field(default_factory=dict)  # lower-case names
    body: bytes = b""


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._at = time.monotonic() + seconds
        self._sockets = []
        self._lock = threading.Lock()
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self._at - time.monotonic()
        if left <= 0:
            raise socket.timeout("deadline passed")
        return left

    def watch(self, sock):
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def _expire(self):
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def cancel(self):
        self._timer.cancel()


def _shut(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)  # wakes a recv blocked in another thread
    except OSError:
        pass


class _WatchedConnection(http.client.HTTPConnection):
    """Registers its socket with the request's deadline before anything is sent or read on it."""
    deadline: _Deadline

    def connect(self):
        self.timeout = min(self.timeout, self.deadline.remaining())
        super().connect()  # for HTTPS (below in the MRO), this is the plain TCP socket, before TLS
        self.deadline.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection, _WatchedConnection):
    pass


def _connection(cls, deadline, host, **kwargs):
    connection = cls(host, **kwargs)
    connection.deadline = deadline
    return connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(functools.partial(_connection, _WatchedConnection, req.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(functools.partial(_connection, _WatchedHTTPSConnection, req.deadline), req,
                            context=self._context)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old_scheme, new_scheme = req.full_url.split(":", 1)[0], newurl.split(":", 1)[0]
        if origin(newurl) is None or origin(newurl)[0] != origin(req.full_url)[0] or \
                (old_scheme == "https" and new_scheme != "https"):
            fp.close()
            raise Refused(f"refused a redirect from {origin(req.full_url)[0]} to another host or scheme "
                          f"({redact(newurl)}): credentials and requests stay on the index host")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.deadline = req.deadline
        return new


def opener() -> urllib.request.OpenerDirector:
    """http(s) only: no file:, ftp: or data: handler."""
    director = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), _HTTPHandler(), _HTTPSHandler(), _SameHostRedirects(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        director.add_handler(handler)
    return director


def _read(response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length") or ""
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the answer ({int(declared)} bytes) is over the {max_bytes}-byte limit")
    chunks, size = [], 0
    while True:
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the answer is over the {max_bytes}-byte limit")
        chunks.append(chunk)


def _inflate(body: bytes, encoding: str, max_bytes: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in _WBITS:
        raise TransportError(f"unsupported Content-Encoding {encoding[:40]!r}")
    for wbits in (_WBITS[encoding], -15)[: 2 if encoding == "deflate" else 1]:
        inflater = zlib.decompressobj(wbits)
        try:
            data = inflater.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(data) > max_bytes or inflater.unconsumed_tail:
            raise TooLarge(f"the {encoding} answer inflates past the {max_bytes}-byte limit")
        return data
    raise TransportError(f"corrupt {encoding} answer")


def get(director, url: str, headers: dict, timeout: float, max_bytes: int) -> Response:
    """One GET, finished within `timeout` seconds in all, its body at most `max_bytes` (inflated).
    HTTP error statuses are returned; every other failure raises TransportError."""
    if origin(url) is None or not url.startswith(("http://", "https://")):
        raise Refused(f"not an http(s) URL: {redact(url)[:200]}")
    deadline = _Deadline(timeout)
    request = urllib.request.Request(url, headers=headers)
    request.deadline = deadline
    try:
        with director.open(request, timeout=timeout) as answer:
            status, received = answer.status, {k.lower(): v for k, v in answer.headers.items()}
            body = _read(answer, max_bytes)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:  # a redirect urllib would not follow: another scheme, a loop, too many
            location = redact((exc.headers or {}).get("Location", "") or "")[:200]
            raise Refused(f"refused a redirect ({exc.code}) to {location or 'nowhere'}") from None
        return Response(exc.code, {k.lower(): v for k, v in (exc.headers or {}).items()})
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if deadline.expired or isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
            raise TransportError(f"timed out: no complete answer within {timeout:g} s") from None
        reason = getattr(exc, "reason", None) or exc
        raise TransportError(redact(f"{type(reason).__name__}: {reason}".rstrip(": "))) from None
    finally:
        deadline.cancel()
    if deadline.expired:  # the watchdog's shutdown can look like a clean end of a close-delimited body
        raise TransportError(f"timed out: no complete answer within {timeout:g} s")
    return Response(status, received, _inflate(body, received.get("content-encoding", ""), max_bytes))

"""Index credentials found the way pip finds them, and kept out of every output.

In order: the user info of --index-url (`https://user:token@host/simple/`, percent-decoded), else
~/.netrc (or $NETRC) for the index host, else - only after the index answered 401, as pip does -
`keyring` when that package is importable (it is not a dependency). Credentials go, as HTTP basic
auth, to the index host (same host name and port) only: never to a file host or a redirect target.

`redact()` shows a URL as pip does (`https://user:****@host/`, a lone user name - a token - as
`****`); `IndexAuth.scrub()` also removes the secrets themselves from any text."""
from __future__ import annotations

import base64
import netrc
import os
import re
import threading
import urllib.parse

try:  # pip's behaviour: keyring is used when it is there
    import keyring
except Exception:  # noqa: BLE001 - a broken keyring installation must not break `deps`
    keyring = None

REDACTED = "****"
_USERINFO = re.compile(r"(?<=://)([^/?#@\s]*)@")
_SHORTEST_SCRUBBED = 4  # shorter secrets would blank out ordinary words


def _redact_userinfo(match) -> str:
    user, colon, _ = match.group(1).partition(":")
    return f"{user}:{REDACTED}@" if colon else f"{REDACTED}@"


def redact(text: str) -> str:
    """Every URL in `text` with its password (or lone user name) replaced by ****."""
    return _USERINFO.sub(_redact_userinfo, text)


def origin(url: str):
    """(host name, port) of an http(s) URL; None when it has no host or a bad port."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


def without_userinfo(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _from_netrc(host: str):
    try:
        found = netrc.netrc(os.environ.get("NETRC") or None).authenticators(host)
    except (OSError, netrc.NetrcParseError):
        return None
    return (found[0], found[2] or "") if found and found[0] else None


def _from_keyring(urls, username, timeout: float):
    """keyring's answer for the first of `urls` it knows, asked in a thread: a backend that waits for
    a desktop unlock prompt must not hang the run."""
    found = []

    def ask():
        for url in urls:
            try:
                credential = keyring.get_credential(url, username)
            except Exception:  # noqa: BLE001 - any backend failure means "no credentials"
                credential = None
            if credential is not None and credential.password is not None:
                found.append((credential.username or username or "", credential.password))
                return

    worker = threading.Thread(target=ask, daemon=True)
    worker.start()
    worker.join(timeout)
    return found[0] if found else None


class IndexAuth:
    def __init__(self, index_url: str, timeout: float = 10.0):
        parts = urllib.parse.urlsplit(index_url)
        self.url = without_userinfo(index_url)  # what is requested, cached and shown
        self.origin = origin(index_url)
        self._timeout = timeout
        self._lock = threading.Lock()
        self._keyring_lock = threading.Lock()
        self._keyring_asked = False
        self._secrets = set()
        self._username = urllib.parse.unquote(parts.username) if parts.username is not None else None
        if parts.password is not None:
            self._login = (self._username, urllib.parse.unquote(parts.password))
        elif self._username:  # a lone user name is a token (pip sends it with an empty password)
            self._login = _from_netrc(parts.hostname or "") or (self._username, "")
        else:
            self._login = _from_netrc(parts.hostname or "") if parts.hostname else None
        self._remember(self._login)
        if parts.username:  # the raw, percent-encoded form too
            self._secrets.add(parts.password if parts.password is not None else parts.username)

    def _remember(self, login):
        if login:
            self._secrets |= {login[1]} if login[1] else {login[0]}

    def headers_for(self, url: str) -> dict:
        """The Authorization header for a request to `url`: only when it goes to the index host."""
        with self._lock:
            login = self._login
        if not login or origin(url) != self.origin:
            return {}
        token = base64.b64encode(f"{login[0]}:{login[1]}".encode("utf-8")).decode("ascii")
        return {"Authorization": f"Basic {token}"}

    def after_401(self, url: str, sent: dict) -> bool:
        """The index host refused a request sent with headers `sent`: ask keyring, once per run (as pip
        does). True when there are other credentials to try."""
        if origin(url) != self.origin:
            return False
        with self._keyring_lock:  # concurrent 401s wait for the one question
            if keyring is not None and not self._keyring_asked:
                self._keyring_asked = True
                netloc = urllib.parse.urlsplit(self.url).netloc
                login = _from_keyring((self.url, netloc), self._username, self._timeout)
                if login:
                    with self._lock:
                        self._login = login
                        self._remember(login)
        return self.headers_for(url) != sent

    def scrub(self, text: str) -> str:
        """`text` fit to print: URLs redacted, and no secret left anywhere in it."""
        text = redact(text)
        for secret in sorted(self._secrets, key=len, reverse=True):
            if len(secret) >= _SHORTEST_SCRUBBED:
                text = text.replace(secret, REDACTED)
        return text

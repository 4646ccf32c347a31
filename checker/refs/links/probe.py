"""One check of one URL over HTTP: HEAD first, a GET when needed.

Redirects are followed by hand, so every hop holds a slot on its own host
(the ``gate``), goes to the address the policy checked for that host
(:mod:`.net`), obeys that host's robots.txt when asked, and gets only the
headers configured for its own URL; a loop is caught the moment a URL
repeats.  Bodies are never downloaded: a plain check reads none (or a
small one to its end, so the connection is reused), an anchor check reads
at most ``max_body_bytes`` and stops at the anchor.

Retries within a run are only those that can change the verdict: a GET
after a HEAD the server refused or dropped, one more try after a
connection reset; ``Retry-After`` is the scheduler's business.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from urllib3.exceptions import (
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as UrllibTimeout

from .anchors import find_anchor
from .answers import Answer, judge
from .net import PrivateAddressError, Transport, wire_url
from .policy import UrlPolicy, request_options
from .robots import MAX_ROBOTS_BYTES, RobotsBook, RobotsFile
from .scheduler import host_of
from .settings import LinkSettings
from .status import Detail, Outcome, Status

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
#: HEAD answers a GET would only repeat; any other 4xx/5xx may be a HEAD that
#: is refused (405, 403, 501) or lies (404 on HEAD, 200 on GET): ask with GET
_HEAD_IS_FINAL = frozenset({401, 402, 407, 410, 429})
#: resolver answers that mean the name does not exist (others may pass)
_NO_SUCH_HOST = frozenset(
    getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)
)
#: a body this small is read to the end, so the connection goes back to the pool
_SMALL_BODY = 64 * 1024
_CHUNK = 16 * 1024
#: robots.txt redirects followed (within its host)
_ROBOTS_REDIRECTS = 5

#: blocks until the job holds a slot on the given host (``HostScheduler.acquire``)
Gate = Callable[[str], None]


class _Stop(Exception):
    """An outcome settled in the middle of a request chain (robots.txt, ignored redirect)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.info)
        self.outcome = outcome


class _RedirectError(Exception):
    """A loop or too many hops: GET may still work where HEAD looped."""

    def __init__(self, message: str, detail: Detail) -> None:
        super().__init__(message)
        self.detail = detail


class Prober:
    """Checks URLs through a shared :class:`Transport`; one per worker thread."""

    def __init__(
        self,
        settings: LinkSettings,
        policy: UrlPolicy,
        transport: Transport,
        robots: RobotsBook | None = None,
        crawl_delay: Callable[[str, float], None] = lambda host, seconds: None,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self.transport = transport
        self.robots = robots
        self.crawl_delay = crawl_delay

    def probe(self, url: str, gate: Gate) -> Outcome:
        req_url, _, fragment = url.partition("#")
        try:
            req_url = wire_url(req_url)
        except (UnicodeError, ValueError) as err:
            return Outcome(Status.BROKEN, info=f"malformed URL: {err}", detail=Detail.MALFORMED)
        anchor = self.policy.anchor(req_url, fragment)
        method = "GET" if anchor else "HEAD"
        retried = False  # one more try after a reset (a GET after a dropped HEAD is it)
        while True:
            try:
                answer = self._fetch(method, req_url, anchor, gate)
            except ProtocolError as err:
                if method == "HEAD" or not retried:
                    method, retried = "GET", True
                    continue
                return Outcome(Status.FAILING, info=f"connection failed: {_short(err)}")
            except _RedirectError as err:
                if method == "HEAD":  # some servers loop on HEAD only: ask with GET
                    method = "GET"
                    continue
                return Outcome(Status.BROKEN, info=str(err), detail=err.detail)
            except Exception as err:
                return _failure(err, req_url)
            if method == "HEAD" and not _head_is_enough(answer):
                method = "GET"
                continue
            return judge(req_url, fragment, anchor, answer, self.settings, self.policy)

    def _fetch(self, method: str, url: str, anchor: str, gate: Gate) -> Answer:
        current = url
        seen = {url}
        chain: list[tuple[int, str]] = []
        private = False
        for _ in range(self.settings.max_redirects + 1):
            host = host_of(current)
            gate(host)
            private |= self.transport.private(current)
            if self.robots is not None:
                refused = self.robots.check(
                    current,
                    self._robots_file,
                    lambda seconds, host=host: self.crawl_delay(host, seconds),  # type: ignore[misc]
                )
                if refused is not None:
                    raise _Stop(refused)
            response = self.transport.open(
                method, current, request_options(current, self.settings, method)
            )
            try:
                code = response.status
                location = response.headers.get("Location")
                if code in REDIRECT_CODES and location:
                    current = self._next_hop(current, location, code, chain, seen, url)
                    if code == 303 and method != "HEAD":
                        method = "GET"
                    continue
                found = None
                if anchor and code < 300:
                    found = find_anchor(self._capped(response), anchor, _charset(response.headers))
                return Answer(
                    code,
                    response.reason or "",
                    current,
                    tuple(chain),
                    response.headers.get("Retry-After"),
                    found,
                    private,
                )
            finally:
                _finish(response, method)
        raise _RedirectError(
            f"more than {self.settings.max_redirects} redirects", Detail.TOO_MANY_REDIRECTS
        )

    def _next_hop(
        self,
        current: str,
        location: str,
        code: int,
        chain: list[tuple[int, str]],
        seen: set[str],
        start: str,
    ) -> str:
        target = urljoin(current, location).partition("#")[0]
        chain.append((code, target))
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise _Stop(Outcome(Status.BROKEN, code, f"redirects to {target}, not HTTP(S)"))
        if self.policy.ignores(target):  # as linkcheck: an ignored target is not requested
            info = f"ignored redirect: {target}"
            raise _Stop(Outcome(Status.IGNORED, code, info, detail=Detail.IGNORED_REDIRECT))
        target = wire_url(target)
        if target in seen:
            hops = " -> ".join(t for _, t in chain)
            raise _RedirectError(f"redirect loop: {start} -> {hops}", Detail.REDIRECT_LOOP)
        seen.add(target)
        return target

    def _robots_file(self, origin: str) -> RobotsFile:
        """GET ``origin/robots.txt`` (the caller holds the host's slot)."""
        url = origin + "/robots.txt"
        for _ in range(_ROBOTS_REDIRECTS + 1):
            response = self.transport.open("GET", url, request_options(url, self.settings))
            try:
                location = response.headers.get("Location")
                if response.status in REDIRECT_CODES and location:
                    target = urljoin(url, location)
                    if host_of(target) != host_of(url):
                        break  # another host's slot: treat as no robots.txt
                    url = target
                    continue
                body = response.read(MAX_ROBOTS_BYTES) if response.status < 300 else b""
                text = body.decode("utf-8", errors="replace")
                return RobotsFile(origin, response.status, text, self.settings.now())
            finally:
                _finish(response, "GET")
        return RobotsFile(origin, 404, "", self.settings.now())

    def _capped(self, response: Any) -> Iterator[bytes]:
        """The body in chunks, never past ``max_body_bytes`` nor the read timeout."""
        deadline = time.monotonic() + self.settings.read_timeout
        left = self.settings.max_body_bytes
        for chunk in response.stream(_CHUNK, decode_content=True):
            yield chunk[:left]
            left -= len(chunk)
            if left <= 0 or time.monotonic() > deadline:
                return


def _failure(err: Exception, url: str) -> Outcome:
    """The outcome of a request that raised ``err`` (no answer to judge)."""
    if isinstance(err, _Stop):
        return err.outcome
    if isinstance(err, PrivateAddressError):
        return Outcome(Status.UNCHECKED, info=str(err), detail=Detail.PRIVATE_ADDRESS, private=True)
    if isinstance(err, socket.gaierror):
        host = urlsplit(url).hostname
        if err.errno not in _NO_SUCH_HOST:  # the resolver failed, not the name
            return Outcome(Status.FAILING, info=f"cannot resolve {host}: {err.strerror}")
        return Outcome(
            Status.BROKEN,
            info=f"host {host} not found ({err.strerror})",
            detail=Detail.HOST_NOT_FOUND,
        )
    if isinstance(err, NewConnectionError):  # refused, unreachable (before the timeout check:
        return Outcome(Status.FAILING, info=f"connection failed: {_short(err)}")  # a subclass)
    if isinstance(err, UrllibTimeout | TimeoutError):
        return Outcome(Status.TIMEOUT, info=_short(err))
    if isinstance(err, SSLError):  # a certificate the client rejects is an answer
        return Outcome(Status.BROKEN, info=f"TLS error: {_short(err)}")
    if isinstance(err, LocationValueError | UnicodeError | ValueError):
        return Outcome(Status.BROKEN, info=f"malformed URL: {_short(err)}", detail=Detail.MALFORMED)
    if isinstance(err, HTTPError | OSError):
        return Outcome(Status.FAILING, info=f"connection failed: {_short(err)}")
    return Outcome(Status.FAILING, info=f"checker error: {err!r}")


def _head_is_enough(answer: Answer) -> bool:
    """Whether a HEAD answer settles the check (else GET is tried)."""
    if answer.code < 400 or answer.code in _HEAD_IS_FINAL:
        return True
    return answer.code == 503 and bool(answer.retry_after)  # "come back later" is for GET too


def _charset(headers: Any) -> str | None:
    for part in str(headers.get("Content-Type", "")).split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset":
            return value.strip("\"' ") or None
    return None


def _finish(response: Any, method: str) -> None:
    """Hand the connection back for reuse if the rest of the body is small, else drop it.

    A connection with unread body cannot carry the next request; reading a
    small rest (HEAD has none) keeps it alive, a big one is not worth it.
    """
    try:
        if method != "HEAD":
            length = str(response.headers.get("Content-Length", ""))
            big = length.isdigit() and int(length) > _SMALL_BODY
            if big or len(response.read(_SMALL_BODY + 1, decode_content=False)) > _SMALL_BODY:
                response.close()
                response.release_conn()
                return
        response.drain_conn()  # the end of the body: the connection is idle, pool it
    except (HTTPError, OSError):
        response.close()
        response.release_conn()


def _short(err: Exception) -> str:
    """A one-line reason, without urllib3's object reprs."""
    text = str(err)
    if ": " in text and text.startswith("<"):  # "<urllib3.connection...>: Failed to ..."
        text = text.split(": ", 1)[1]
    return text[:200]

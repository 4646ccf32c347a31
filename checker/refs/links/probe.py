"""One check of one URL over HTTP: HEAD first, a streamed GET when needed.

Redirects are followed by hand (not by ``requests``) so that every hop is
checked against the address policy, gets only the headers configured for
its own URL, and a loop is caught the moment a URL repeats.  Bodies are
never downloaded: a plain check reads none, an anchor check reads at most
``max_body_bytes`` and stops at the anchor.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

from .anchors import find_anchor, wants_anchor_check
from .policy import (
    AddressGuard,
    PrivateAddressError,
    is_paywalled,
    is_resolver,
    is_soft_404,
    request_options,
)
from .settings import LinkSettings
from .status import Detail, Outcome, Status

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_CODES = frozenset({301, 308})
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


class RedirectLoopError(Exception):
    pass


class TooManyRedirectsError(Exception):
    pass


class UnsupportedRedirectError(Exception):
    pass


class _Answer(NamedTuple):
    """The last response of a (possibly redirected) request, already closed."""

    code: int
    reason: str
    url: str
    chain: tuple[tuple[int, str], ...]  #: (redirect code, target) per hop
    retry_after: str | None
    anchor_found: bool | None


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        return None
    return max(0.0, when.timestamp() - now)


def _normalise(url: str) -> str:
    """linkcheck's notion of "the same URL": a trailing slash does not count."""
    return url.rstrip("/")


class Prober:
    """Checks URLs with one ``requests.Session`` (one per worker thread)."""

    def __init__(self, settings: LinkSettings, guard: AddressGuard) -> None:
        self.settings = settings
        self.guard = guard
        self.session = requests.Session()
        self.session.max_redirects = settings.max_redirects

    def close(self) -> None:
        self.session.close()

    def probe(self, url: str) -> Outcome:
        req_url, _, fragment = url.partition("#")
        anchor = fragment if self.settings.check_anchors and wants_anchor_check(fragment) else ""
        methods = ("GET",) if anchor else ("HEAD", "GET")
        answer: _Answer | None = None
        private = False
        error = ""
        for method in methods:
            try:
                answer, private = self._fetch(method, req_url, anchor)
            except PrivateAddressError as err:
                return Outcome(
                    Status.UNCHECKED, info=str(err), detail=Detail.PRIVATE_ADDRESS, private=True
                )
            except socket.gaierror as err:
                host = urlsplit(req_url).hostname
                if err.errno not in _NO_SUCH_HOST:  # the resolver failed, not the name
                    return Outcome(Status.FAILING, info=f"cannot resolve {host}: {err.strerror}")
                return Outcome(
                    Status.BROKEN,
                    info=f"host {host} not found ({err.strerror})",
                    detail=Detail.HOST_NOT_FOUND,
                )
            except (RedirectLoopError, TooManyRedirectsError) as err:
                if method == "HEAD":  # some servers loop on HEAD only: ask with GET
                    answer, error = None, str(err)
                    continue
                detail = (
                    Detail.REDIRECT_LOOP
                    if isinstance(err, RedirectLoopError)
                    else Detail.TOO_MANY_REDIRECTS
                )
                return Outcome(Status.BROKEN, info=str(err), detail=detail)
            except UnsupportedRedirectError as err:
                return Outcome(Status.BROKEN, info=str(err))
            except requests.Timeout as err:
                return Outcome(Status.TIMEOUT, info=_short(err))
            except requests.exceptions.SSLError as err:
                # A certificate the client rejects is an answer, not a hiccup.
                return Outcome(Status.BROKEN, info=f"TLS error: {_short(err)}")
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as err:
                # Some servers drop the connection on HEAD: GET may still work.
                answer, error = None, _short(err)
                continue
            except requests.RequestException as err:
                return Outcome(Status.BROKEN, info=_short(err), detail=Detail.MALFORMED)
            if method == "HEAD" and not _head_is_enough(answer):
                continue
            break
        if answer is None:
            return Outcome(Status.FAILING, info=f"connection failed: {error}")
        return self._judge(req_url, fragment, anchor, answer, private)

    def _judge(
        self, req_url: str, fragment: str, anchor: str, answer: _Answer, private: bool
    ) -> Outcome:
        code = answer.code
        what = f"HTTP {code} {answer.reason}".rstrip()
        # Wall-clock time, not settings.now: an HTTP date is the server's real clock.
        retry = parse_retry_after(answer.retry_after, time.time())
        if code == 429 or (code == 503 and retry is not None):
            return Outcome(Status.RATE_LIMITED, code, what, retry_after=retry, private=private)
        if code in (401, 402, 403) and (
            is_paywalled(req_url, self.settings) or is_paywalled(answer.url, self.settings)
        ):
            return Outcome(Status.PAYWALLED, code, what, private=private)
        if code >= 500:
            return Outcome(Status.FAILING, code, what, private=private)
        if code >= 400:
            return Outcome(Status.BROKEN, code, what, private=private)
        if answer.chain and is_soft_404(req_url, answer.url):
            return Outcome(
                Status.BROKEN,
                code,
                f"redirects to {answer.url}, an error or front page",
                detail=Detail.SOFT_404,
                new_url=answer.url,
                private=private,
            )
        if anchor and not answer.anchor_found:
            return Outcome(
                Status.BROKEN,
                code,
                f"anchor #{anchor} not found",
                detail=Detail.ANCHOR_MISSING,
                private=private,
            )
        if answer.chain and _normalise(answer.url) != _normalise(req_url):
            codes = [c for c, _ in answer.chain]
            new_url = answer.url + (f"#{fragment}" if fragment else "")
            permanent = all(c in PERMANENT_CODES for c in codes)
            if not permanent and is_resolver(req_url, self.settings):
                # doi.org -> publisher: the resolver doing its job; keep the DOI link.
                return Outcome(
                    Status.WORKING,
                    code,
                    f"resolves to {new_url}",
                    new_url=new_url,
                    private=private,
                )
            return Outcome(
                Status.REDIRECTED,
                codes[-1],
                " -> ".join(map(str, codes)) + f" to {new_url}",
                new_url=new_url,
                permanent=permanent,
                private=private,
            )
        return Outcome(Status.WORKING, code, what, private=private)

    def _fetch(self, method: str, url: str, anchor: str) -> tuple[_Answer, bool]:
        current = url
        seen = {url}
        chain: list[tuple[int, str]] = []
        private = False
        for _ in range(self.settings.max_redirects + 1):
            private |= self.guard.check(current)
            headers, auth = request_options(current, self.settings)
            response = self.session.request(
                method,
                current,
                headers=headers,
                auth=auth,
                timeout=self.settings.timeout,
                allow_redirects=False,
                stream=True,
            )
            with response:
                code = response.status_code
                location = response.headers.get("Location")
                if code in REDIRECT_CODES and location:
                    _release(response)
                    target = urljoin(response.url, location).partition("#")[0]
                    chain.append((code, target))
                    if urlsplit(target).scheme.lower() not in ("http", "https"):
                        raise UnsupportedRedirectError(f"redirects to {target}, not HTTP(S)")
                    if target in seen:
                        hops = " -> ".join(t for _, t in chain)
                        raise RedirectLoopError(f"redirect loop: {url} -> {hops}")
                    seen.add(target)
                    current = target
                    if code == 303 and method != "HEAD":
                        method = "GET"
                    continue
                found = None
                if anchor and code < 300:
                    found = find_anchor(self._capped(response), anchor, response.encoding)
                else:
                    _release(response)
                answer = _Answer(
                    code,
                    response.reason or "",
                    response.url,
                    tuple(chain),
                    response.headers.get("Retry-After"),
                    found,
                )
                return answer, private
        raise TooManyRedirectsError(f"more than {self.settings.max_redirects} redirects")

    def _capped(self, response: requests.Response) -> Iterator[bytes]:
        """The body in chunks, never past ``max_body_bytes`` nor the read timeout."""
        deadline = time.monotonic() + self.settings.read_timeout
        left = self.settings.max_body_bytes
        try:
            for chunk in response.iter_content(_CHUNK):
                yield chunk[:left]
                left -= len(chunk)
                if left <= 0 or time.monotonic() > deadline:
                    return
        except requests.ConnectionError as err:
            # requests reports a read timeout mid-body as a connection error.
            if err.args and isinstance(err.args[0], ReadTimeoutError):
                raise requests.ReadTimeout(str(err.args[0])) from err
            raise


def _head_is_enough(answer: _Answer) -> bool:
    """Whether a HEAD answer settles the check (else GET is tried)."""
    if answer.code < 400 or answer.code in _HEAD_IS_FINAL:
        return True
    return answer.code == 503 and bool(answer.retry_after)  # "come back later" is for GET too


def _release(response: requests.Response) -> None:
    """Read a small body to its end so the connection is pooled; leave a big one.

    Closing a response with unread body drops its connection; reading a
    known-small body (HEAD has none) keeps it alive for the next request.
    """
    if response.request.method == "HEAD":
        response.content  # noqa: B018 - empty; marks the body consumed
        return
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) <= _SMALL_BODY:
        response.content  # noqa: B018


def _short(err: Exception) -> str:
    """The last line of a ``requests`` error, without urllib3's object reprs."""
    text = str(err.args[0] if err.args else err)
    return text.split(": ", 1)[-1][:200] if "Max retries" in text else text[:200]

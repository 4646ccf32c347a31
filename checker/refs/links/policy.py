"""Decisions about a URL that need no HTTP request.

What to skip (scheme, ignore / allow lists), which addresses are off limits
(private, loopback, link-local), which headers and credentials go with a URL
(per prefix, so they never follow a redirect to another host), and how to read
an answer (paywall, soft 404).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .hosts import host_matches
from .settings import LinkSettings
from .status import Detail, Outcome, Status

_HTTP_SCHEMES = frozenset({"http", "https"})
#: words in a redirect target that betray an error page served with 200
_SOFT_404_MARKERS = ("/404", "notfound", "not-found", "not_found")
#: file names of front pages: a redirect from them to "/" is no soft 404
_INDEX_NAMES = frozenset({"index", "default", "home", "main"})


class UrlFilter:
    """The checks that decide, from the URL alone, whether to request it."""

    def __init__(self, settings: LinkSettings) -> None:
        self._ignore = [re.compile(p) for p in settings.ignore]
        self._allow = [re.compile(p) for p in settings.allow]

    def pre_check(self, url: str) -> Outcome | None:
        """An outcome for URLs never requested; ``None`` means check it online."""
        if any(rx.match(url) for rx in self._ignore):
            return Outcome(Status.IGNORED, info="matches an ignore pattern")
        if self._allow and not any(rx.match(url) for rx in self._allow):
            return Outcome(Status.IGNORED, info="not in the allow list")
        try:
            parts = urlsplit(url)
            port = parts.port  # raises ValueError on a bad port
        except ValueError as err:
            return Outcome(Status.BROKEN, info=f"malformed URL: {err}", detail=Detail.MALFORMED)
        if parts.scheme.lower() not in _HTTP_SCHEMES:
            return Outcome(
                Status.UNCHECKED,
                info=f"scheme {parts.scheme or '(none)'!r} is not checked",
                detail=Detail.UNSUPPORTED_SCHEME,
            )
        if not parts.hostname or any(c.isspace() for c in url) or port == 0:
            return Outcome(Status.BROKEN, info="malformed URL: no host", detail=Detail.MALFORMED)
        return None


class PrivateAddressError(Exception):
    """A URL (or a redirect hop) points at an address the policy refuses."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to the private address {address}")
        self.host = host
        self.address = address


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class AddressGuard:
    """Resolves each host once and refuses private ones unless allowed.

    The check runs before the first request and again on every redirect hop,
    so a public page cannot bounce the checker into the internal network.
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._seen: dict[str, str | None] = {}  # host -> first private address, or None
        self._lock = threading.Lock()
        self.saw_private = False

    def check(self, url: str) -> bool:
        """Return whether ``url``'s host is private; raise if that is refused.

        ``socket.gaierror`` (unknown host) propagates to the caller.
        """
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        with self._lock:
            known = host in self._seen
            private_address = self._seen.get(host)
        if not known:
            infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
            private_address = next((str(i[4][0]) for i in infos if _is_private(str(i[4][0]))), None)
            with self._lock:
                self._seen[host] = private_address
        if private_address is None:
            return False
        if not self.allow_private:
            raise PrivateAddressError(host, private_address)
        return True


def _prefix_value(url: str, table: Mapping[str, Any]) -> Any:
    """The value of the longest key of ``table`` that ``url`` starts with."""
    best: tuple[int, Any] | None = None
    for prefix, value in table.items():
        if prefix != "*" and url.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), value)
    return best[1] if best else None


def request_options(
    url: str, settings: LinkSettings
) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Headers and basic-auth credentials for exactly this URL.

    Computed again for every redirect hop from that hop's own URL, so what
    was configured for one prefix is never sent anywhere else.
    """
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
    }
    # As linkcheck_request_headers: "*" is the fallback when no prefix matches.
    specific = _prefix_value(url, settings.headers)
    headers.update(specific if specific is not None else settings.headers.get("*", {}))
    auth = _prefix_value(url, settings.auth)
    return headers, ((str(auth[0]), str(auth[1])) if auth else None)


def is_paywalled(url: str, settings: LinkSettings) -> bool:
    """Whether ``url``'s host is (a subdomain of) a host listed as paywalled."""
    return host_matches(url, settings.paywalled_hosts)


def is_resolver(url: str, settings: LinkSettings) -> bool:
    """Whether ``url`` is on an identifier resolver (doi.org ...) that redirects by design."""
    return host_matches(url, settings.resolver_hosts)


def _is_index_page(path: str) -> bool:
    """``index.html``, ``default.aspx``, ``home.php`` ...: the front page by another name."""
    return "/" not in path and path.split(".", 1)[0].lower() in _INDEX_NAMES


def is_soft_404(original: str, final: str) -> bool:
    """A redirect that lands on the site's front page or on an error page.

    Servers that answer a missing page with ``302 -> /`` or ``-> /404.html``
    and then 200 hide a broken link behind a success.
    """
    src, dst = urlsplit(original), urlsplit(final)
    path = src.path.strip("/")
    if path and not dst.path.strip("/") and not dst.query and not _is_index_page(path):
        return True
    target = final.lower()
    source = original.lower()
    return any(m in target and m not in source for m in _SOFT_404_MARKERS)

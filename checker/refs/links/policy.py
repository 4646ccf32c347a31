"""Decisions about a URL that need no HTTP request.

What to skip (scheme, ignore / allow lists), which headers and credentials
go with a URL (per URL, so they never follow a redirect to another host), and
how to read an answer (paywall, soft 404, allowed redirects).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from urllib3.util import make_headers

from .hosts import host_matches
from .settings import LinkSettings
from .status import Detail, Outcome, Status

_HTTP_SCHEMES = frozenset({"http", "https"})
#: words in a redirect target that betray an error page served with 200
_SOFT_404_MARKERS = ("/404", "notfound", "not-found", "not_found")
#: file names of front pages: a redirect from them to "/" is no soft 404
_INDEX_NAMES = frozenset({"index", "default", "home", "main"})


def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


class UrlPolicy:
    """The settings' regexes, compiled once: what to request, which anchors, which redirects."""

    def __init__(self, settings: LinkSettings) -> None:
        self._ignore = _compiled(settings.ignore)
        self._allow = _compiled(settings.allow)
        self._anchors = settings.check_anchors
        self._anchors_ignore = _compiled(settings.anchors_ignore)
        self._anchors_ignore_for_url = _compiled(settings.anchors_ignore_for_url)
        self._redirects = [
            (re.compile(src), re.compile(dst)) for src, dst in settings.allowed_redirects.items()
        ]
        self._case_insensitive = _compiled(settings.case_insensitive)

    def ignores(self, url: str) -> bool:
        return any(rx.match(url) for rx in self._ignore)

    def pre_check(self, url: str) -> Outcome | None:
        """An outcome for URLs never requested; ``None`` means check it online."""
        if self.ignores(url):
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

    def anchor(self, req_url: str, fragment: str) -> str:
        """The anchor to look for in the page, or ``""`` (as linkcheck decides it)."""
        if not (self._anchors and fragment):
            return ""
        if any(rx.match(fragment) for rx in self._anchors_ignore):
            return ""
        if any(rx.match(req_url) for rx in self._anchors_ignore_for_url):
            return ""
        return fragment

    def redirect_allowed(self, url: str, target: str) -> bool:
        """``linkcheck_allowed_redirects``: a redirect the project declared fine."""
        return any(src.match(url) and dst.match(target) for src, dst in self._redirects)

    def same_url(self, url: str, target: str) -> bool:
        """linkcheck's "the same URL": a trailing slash (and, if asked, case) does not count."""
        a, b = url.rstrip("/"), target.rstrip("/")
        if any(rx.match(url) for rx in self._case_insensitive):
            a, b = _casefold_url(a), _casefold_url(b)
        return a == b


def _casefold_url(url: str) -> str:
    head, sep, fragment = url.partition("#")  # fragments stay case-sensitive
    return head.casefold() + sep + fragment


def _boundary_prefix(url: str, prefix: str) -> bool:
    """``prefix`` starts ``url`` and ends where a URL part ends (not mid host name)."""
    if not url.startswith(prefix):
        return False
    return len(url) == len(prefix) or prefix.endswith("/") or url[len(prefix)] in "/?#"


def request_headers(url: str, table: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    """The configured headers for ``url``.

    As ``linkcheck_request_headers``: ``scheme://host``, ``scheme://host/``,
    then the URL itself; then (citecheck) the longest URL prefix; ``"*"``
    when nothing matched.
    """
    parts = urlsplit(url)
    for key in (f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{parts.netloc}/", url):
        if key in table:
            return table[key]
    prefixes = [p for p in table if p != "*" and _boundary_prefix(url, p)]
    if prefixes:
        return table[max(prefixes, key=len)]
    return table.get("*", {})


def _auth_headers(url: str, method: str, credentials: Any) -> dict[str, str]:
    if isinstance(credentials, tuple):
        user, password = credentials
        return {"Authorization": make_headers(basic_auth=f"{user}:{password}")["authorization"]}
    # a requests auth object (linkcheck_auth allows them): let it set its headers
    import requests

    prepared = requests.PreparedRequest()
    prepared.prepare(method=method, url=url, headers={})
    prepared = credentials(prepared)
    return dict(prepared.headers)


def request_options(url: str, settings: LinkSettings, method: str = "GET") -> dict[str, str]:
    """Headers (credentials included) for exactly this URL.

    Computed again for every redirect hop from that hop's own URL, so what
    was configured for one host is never sent anywhere else.
    """
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        "Accept-Encoding": "gzip, deflate",
    }
    headers.update(request_headers(url, settings.headers))
    for pattern, credentials in settings.auth_rules:
        if re.match(pattern, url):  # the first match wins, as linkcheck_auth
            headers.update(_auth_headers(url, method, credentials))
            break
    else:
        parts = urlsplit(url)
        if parts.username:  # http://user:pw@host/ (requests turns it into basic auth too)
            creds = (unquote(parts.username), unquote(parts.password or ""))
            headers.update(_auth_headers(url, method, creds))
    return headers


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

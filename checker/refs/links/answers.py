"""Reading an HTTP answer: which status a (possibly redirected) response means.

Kept apart from the requests themselves (:mod:`.probe`) so the reading --
rate limits, paywalls, soft 404s, allowed and permanent redirects, missing
anchors -- is one function over plain data.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from .policy import UrlPolicy, is_paywalled, is_resolver, is_soft_404
from .scheduler import host_of
from .settings import LinkSettings
from .status import Detail, Outcome, Status

PERMANENT_CODES = frozenset({301, 308})


class Answer(NamedTuple):
    """The last response of a (possibly redirected) request, already closed."""

    code: int
    reason: str
    url: str  #: the URL that answered (the last hop)
    chain: tuple[tuple[int, str], ...]  #: (redirect code, target) per hop
    retry_after: str | None
    anchor_found: bool | None
    private: bool = False  #: some hop's host has a private address


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


def judge(
    req_url: str,
    fragment: str,
    anchor: str,
    answer: Answer,
    settings: LinkSettings,
    policy: UrlPolicy,
) -> Outcome:
    """The outcome of ``answer`` to a request for ``req_url`` (fragment apart)."""
    code, private = answer.code, answer.private
    what = f"HTTP {code} {answer.reason}".rstrip()
    # Wall-clock time, not settings.now: an HTTP date is the server's real clock.
    retry = parse_retry_after(answer.retry_after, time.time())
    if code == 429 or (code == 503 and retry is not None):
        return Outcome(
            Status.RATE_LIMITED,
            code,
            what,
            retry_after=retry,
            retry_host=host_of(answer.url),
            private=private,
        )
    if code == 401 and settings.allow_unauthorized:
        return Outcome(Status.WORKING, code, "unauthorized", private=private)
    if code in (401, 402, 403) and (
        is_paywalled(req_url, settings) or is_paywalled(answer.url, settings)
    ):
        return Outcome(Status.PAYWALLED, code, what, private=private)
    if code >= 500:
        return Outcome(Status.FAILING, code, what, private=private)
    if code >= 400:
        return Outcome(Status.BROKEN, code, what, private=private)
    moved = bool(answer.chain) and not policy.same_url(req_url, answer.url)
    if moved and policy.redirect_allowed(req_url, answer.url):
        return Outcome(Status.WORKING, code, f"allowed redirect to {answer.url}", private=private)
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
    if moved:
        codes = [c for c, _ in answer.chain]
        new_url = answer.url + (f"#{fragment}" if fragment else "")
        permanent = all(c in PERMANENT_CODES for c in codes)
        if not permanent and is_resolver(req_url, settings):
            # doi.org -> publisher: the resolver doing its job; keep the DOI link.
            return Outcome(
                Status.WORKING, code, f"resolves to {new_url}", new_url=new_url, private=private
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

"""The vocabulary of the link checker: statuses, details and result records.

``Status`` extends Sphinx linkcheck's statuses (working, redirected, broken,
timeout, rate-limited, ignored, unchecked) with ``paywalled`` and the two
verdicts of InternetArchiveBot's rule: ``failing`` (a transient failure, or a
failure not yet confirmed) and ``dead`` (failed on enough checks, far enough
apart).  ``Detail`` says *why* when the status alone does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..model import Location


class Status(StrEnum):
    WORKING = "working"
    REDIRECTED = "redirected"
    BROKEN = "broken"  #: a definite answer: 404, 410, other 4xx, soft 404, missing anchor
    TIMEOUT = "timeout"
    RATE_LIMITED = "rate-limited"  #: the host asked us to wait longer than we will
    PAYWALLED = "paywalled"  #: 401/402/403 on a host listed as paywalled
    FAILING = "failing"  #: transient failure (5xx, reset, refused), retried in vain
    DEAD = "dead"  #: failed on ``dead_after`` checks at least ``dead_min_days`` apart
    IGNORED = "ignored"  #: matched an ignore regex (or missed the allow list)
    UNCHECKED = "unchecked"  #: not HTTP(S), a private address refused by policy, robots.txt


#: statuses that count as a failed check for the dead rule
FAILURES = frozenset({Status.BROKEN, Status.TIMEOUT, Status.FAILING, Status.DEAD})
#: statuses that mean the link works (and reset the failure history)
SUCCESSES = frozenset({Status.WORKING, Status.REDIRECTED, Status.PAYWALLED})


class Detail(StrEnum):
    """Why a link got its status, when the status alone does not say."""

    ANCHOR_MISSING = "anchor-missing"
    SOFT_404 = "soft-404"
    PRIVATE_ADDRESS = "private-address"
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    MALFORMED = "malformed"
    HOST_NOT_FOUND = "host-not-found"
    UNSUPPORTED_SCHEME = "unsupported-scheme"
    ROBOTS = "robots"  #: robots.txt said no (only when robots.txt is honoured)
    IGNORED_REDIRECT = "ignored-redirect"  #: redirects to a URL the ignore list names


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one check of one URL observed (before history and the cache)."""

    status: Status
    code: int = 0  #: the final HTTP status, or the first redirect's code when redirected
    info: str = ""  #: a short human explanation (the error, the reason)
    detail: Detail | None = None
    new_url: str | None = None  #: where a redirect leads
    permanent: bool = False  #: every hop of the redirect chain was 301 / 308
    retry_after: float | None = None  #: seconds the host asked us to wait (429 / 503)
    retry_host: str | None = None  #: the host that asked (a redirect target, maybe)
    private: bool = False  #: the host resolved to a private / loopback / link-local address


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The verdict on one URL, with every place it is used."""

    url: str
    status: Status
    places: tuple[Location, ...]
    keys: tuple[str, ...] = ()  #: bib keys whose entries hold this URL
    code: int = 0
    info: str = ""
    detail: Detail | None = None
    new_url: str | None = None
    permanent: bool = False
    #: what this run (or the cached run) saw; differs from ``status`` only when dead
    observed: Status | None = None
    failures: int = 0  #: failed checks counted by the dead rule
    first_failure: float | None = None  #: epoch seconds of the first counted failure
    checked_at: float | None = None  #: epoch seconds of the check this verdict comes from
    archive_url: str | None = None  #: an archived copy, for dead and broken links
    from_cache: bool = False

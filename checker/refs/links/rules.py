"""Link results -> findings: one finding per place a failing URL is used.

The rule table is data: a rule id, its severity and a message template that
says how to fix the link.  ``summary_line`` is the failure summary printed at
the end of a run (what sphinx#8791 asks of linkcheck).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from ...findings import Category, Finding, Severity
from .status import Detail, LinkResult, Status

RULES: dict[str, tuple[Severity, str]] = {
    "link-broken": (
        Severity.WARNING,
        "{url} is broken ({info}); correct the URL, or replace it with a working{archive} copy.",
    ),
    "link-dead": (
        Severity.ERROR,
        "{url} is dead: {failures} failed checks since {since} ({info}); "
        "replace it with an archived copy{archive} or remove it.",
    ),
    "link-soft-404": (
        Severity.WARNING,
        "{url} redirects to {new_url}, an error or front page, so the page is gone; "
        "replace the URL{archive}.",
    ),
    "link-anchor-missing": (
        Severity.WARNING,
        "{url}: the page has no element with id or name {anchor!r}; "
        "link to an anchor that exists or drop the fragment.",
    ),
    "link-redirected-permanently": (
        Severity.WARNING,
        "{url} has moved permanently to {new_url}; replace the URL with the new one.",
    ),
    "link-redirected": (
        Severity.INFO,
        "{url} redirects temporarily ({info}); keep it unless the target is its new home.",
    ),
    "link-timeout": (
        Severity.WARNING,
        "{url} did not answer in time ({info}); check it by hand, or raise the timeout "
        "if the site is slow.",
    ),
    "link-failing": (
        Severity.INFO,
        "{url} failed this check ({info}); it is declared dead after {dead_after} failed "
        "checks days apart (so far {failures}); nothing to do yet unless it keeps failing.",
    ),
    "link-rate-limited": (
        Severity.INFO,
        "{url} was not checked: the host asked us to wait ({info}); it is checked on the "
        "next run, or lower the per-host rate.",
    ),
    "link-paywalled": (
        Severity.INFO,
        "{url} is behind a paywall ({info}); mark the reference as subscription-only or "
        "add a freely readable copy.",
    ),
    "link-private-address": (
        Severity.INFO,
        "{url} was not checked ({info}); internal addresses are skipped unless "
        "allow_private (citecheck_allow_private) is set.",
    ),
}


def rule_for(result: LinkResult) -> str | None:
    """The rule a result breaks, or ``None`` for a link that needs nothing."""
    status, detail = result.status, result.detail
    if status is Status.DEAD:
        return "link-dead"
    if status is Status.BROKEN:
        if detail is Detail.ANCHOR_MISSING:
            return "link-anchor-missing"
        if detail is Detail.SOFT_404:
            return "link-soft-404"
        return "link-broken"
    if status is Status.REDIRECTED:
        return "link-redirected-permanently" if result.permanent else "link-redirected"
    if status is Status.UNCHECKED:
        return "link-private-address" if detail is Detail.PRIVATE_ADDRESS else None
    return {
        Status.TIMEOUT: "link-timeout",
        Status.FAILING: "link-failing",
        Status.RATE_LIMITED: "link-rate-limited",
        Status.PAYWALLED: "link-paywalled",
    }.get(status)


def _date(epoch: float | None) -> str:
    if epoch is None:
        return "today"
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def link_findings(results: Iterable[LinkResult], dead_after: int = 3) -> list[Finding]:
    """One :class:`Finding` per place of every result that breaks a rule."""
    findings: list[Finding] = []
    for result in results:
        rule = rule_for(result)
        if rule is None:
            continue
        severity, template = RULES[rule]
        message = template.format(
            url=result.url,
            info=result.info or result.status.value,
            new_url=result.new_url or "",
            anchor=result.url.partition("#")[2],
            failures=result.failures,
            since=_date(result.first_failure),
            dead_after=dead_after,
            archive=f" or archived ({result.archive_url})" if result.archive_url else "",
        )
        data = {
            "url": result.url,
            "status": result.status.value,
            "code": result.code,
            "new_url": result.new_url,
            "keys": list(result.keys),
            "failures": result.failures,
            "archive_url": result.archive_url,
        }
        suggestions = tuple(u for u in (result.new_url, result.archive_url) if u)
        if rule not in ("link-redirected-permanently", "link-redirected"):
            suggestions = (result.archive_url,) if result.archive_url else ()
        for place in result.places:
            findings.append(
                Finding(
                    rule=rule,
                    category=Category.LINK,
                    severity=severity,
                    path=place.path,
                    line=place.line,
                    doc=place.doc,
                    section=place.section,
                    message=message,
                    text=result.url,
                    suggestions=suggestions,
                    data=data,
                )
            )
    return findings


def summary_line(results: Iterable[LinkResult]) -> str:
    """``"12 links: 9 working, 2 broken, 1 redirected"`` (most frequent first)."""
    results = list(results)
    counts = Counter(r.status.value for r in results)
    parts = ", ".join(f"{n} {status}" for status, n in counts.most_common())
    noun = "link" if len(results) == 1 else "links"
    return f"{len(results)} {noun}: {parts}" if parts else "0 links"

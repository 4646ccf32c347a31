"""Dates: invalid, incomplete, future, and access dates out of range.

Like CS1, a publication date may be at most next year, and an access date
must fall between ``settings.earliest_access_date`` and tomorrow, and not
before the publication date (compared only when the order is certain).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from ...findings import Finding
from ..bibfile import BibEntry
from ..dates import DateStatus, ParsedDate, month_field, parse_date
from .context import Context, entry_finding

_RETRIEVED = re.compile(r"\b(?:retrieved|accessed)(?:\s+on)?\s+((?:\S+\s*){1,3})", re.I)


def _raw_access_date(text: str) -> tuple[str, ParsedDate] | None:
    """The date after "retrieved" in raw text, trying the longest reading first."""
    match = _RETRIEVED.search(text)
    if not match:
        return None
    words = match.group(1).split()
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        parsed = parse_date(candidate)
        if parsed.status is DateStatus.OK:
            return candidate, parsed
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        parsed = parse_date(candidate)
        if parsed.status is DateStatus.INCOMPLETE:
            return candidate, parsed
    return None  # "retrieved from ..." and the like: nothing to judge


def _judge(entry: BibEntry, name: str, parsed: ParsedDate, value: str) -> Iterator[Finding]:
    data = {"field": name, "value": value}
    if parsed.status is DateStatus.INVALID:
        yield entry_finding("bad-date", entry, f"{name}: {parsed.reason}", data)
    elif parsed.status is DateStatus.INCOMPLETE:
        yield entry_finding("incomplete-date", entry, f"{name}: {parsed.reason}", data)


def _publication(entry: BibEntry) -> Iterator[Finding | ParsedDate]:
    published: ParsedDate | None = None
    for name in ("date", "year"):
        if entry.has(name):
            parsed = parse_date(entry.get(name))
            yield from _judge(entry, name, parsed, entry.get(name))
            if parsed.status is DateStatus.OK and published is None:
                published = parsed
    if entry.has("month"):
        month = month_field(entry.get("month"))
        if month is None:
            yield entry_finding(
                "bad-date",
                entry,
                f"month: {entry.get('month')!r} is not a month",
                {"field": "month", "value": entry.get("month")},
            )
        elif (
            published
            and published.start
            and published.end
            and published.start.year == published.end.year
        ):
            published = parse_date(f"{published.start.year}-{month:02d}")
    if published is not None:
        yield published


def _access(entry: BibEntry) -> Iterator[Finding | tuple[str, ParsedDate]]:
    if entry.has("urldate"):
        value = entry.get("urldate")
        parsed = parse_date(value)
        yield from _judge(entry, "urldate", parsed, value)
        yield value, parsed
        return
    found = _raw_access_date(entry.raw_text)
    if found:
        value, parsed = found
        yield from _judge(entry, "retrieved", parsed, value)
        yield value, parsed


def _check_entry(ctx: Context, entry: BibEntry) -> Iterator[Finding]:
    today = ctx.settings.today
    published: ParsedDate | None = None
    accessed: ParsedDate | None = None
    accessed_text = ""
    for item in _publication(entry):
        if isinstance(item, ParsedDate):
            published = item
        else:
            yield item
    for part in _access(entry):
        if isinstance(part, tuple):
            accessed_text, accessed = part
        else:
            yield part
    if published and published.start and published.start > date(today.year + 1, 12, 31):
        yield entry_finding(
            "future-date",
            entry,
            f"published {published.start.year}, later than next year ({today.year + 1})",
        )
    if not (accessed and accessed.start and accessed.end):
        return
    data = {"field": "urldate", "value": accessed_text}
    if accessed.start > today + timedelta(days=1):
        yield entry_finding("future-date", entry, f"accessed {accessed_text}, after tomorrow", data)
    elif accessed.end < ctx.settings.earliest_access_date:
        yield entry_finding(
            "access-date-out-of-range",
            entry,
            f"accessed {accessed_text}, before {ctx.settings.earliest_access_date.isoformat()}",
            data,
        )
    if published and published.start and accessed.end < published.start:
        yield entry_finding(
            "access-date-before-publication",
            entry,
            f"accessed {accessed_text}, published later",
            data,
        )


def check(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.entries:
        yield from _check_entry(ctx, entry)

"""Reading the dates references carry, the way CS1 accepts them.

A date is parsed into the span of days it could mean (``1954`` is all of
1954), so comparisons such as "accessed before it was published" are only
made when they are certain.  Accepted: ISO ``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``; ``D Month YYYY``, ``Month D, YYYY``, ``Month YYYY``; seasons;
year ranges ``1989–93`` / ``1989/1993``; ``c. 1900``; ``n.d.``; a harv year
suffix (``2009a``).  A month or day without a year is *incomplete*; anything
else, or an impossible day, is *invalid*.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DateStatus(StrEnum):
    OK = "ok"
    UNDATED = "undated"  #: ``n.d.``: allowed, never compared
    INCOMPLETE = "incomplete"  #: a month or day without a year
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class ParsedDate:
    status: DateStatus
    start: date | None = None  #: earliest day the text can mean
    end: date | None = None  #: latest day the text can mean
    reason: str = ""


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS |= {"sept": 9}
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 12),
}
_MONTH = r"(?P<month>[a-z]+)\.?"
_PATTERNS = (
    re.compile(r"(?:c\.|ca\.|circa)?\s*(?P<year>\d{4})[a-z]?"),
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})"),
    re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH}\s*,?\s+(?P<year>\d{{4}})"),
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})\s*,\s*(?P<year>\d{{4}})"),
    re.compile(rf"{_MONTH}\s*,?\s+(?P<year>\d{{4}})"),
)
# CS1 writes ranges with an en dash; a hyphen with two digits is an ISO month
_RANGE = re.compile(
    r"(?P<a>\d{4})\s*(?:[–—/]|\.\.)\s*(?P<b>\d{2}|\d{4})|"
    r"(?P<a2>\d{4})-(?P<b2>\d{4})"
)
_INCOMPLETE = re.compile(rf"(?:(?P<day>\d{{1,2}})\s+)?{_MONTH}(?:\s+(?P<day2>\d{{1,2}}))?")


def _span(year: int, month: int | None = None, day: int | None = None) -> ParsedDate:
    if not 1 <= year <= 9999:
        return ParsedDate(DateStatus.INVALID, reason=f"year {year} is out of range")
    if month is None:
        return ParsedDate(DateStatus.OK, date(year, 1, 1), date(year, 12, 31))
    if not 1 <= month <= 12:
        return ParsedDate(DateStatus.INVALID, reason=f"there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return ParsedDate(DateStatus.OK, date(year, month, 1), date(year, month, last))
    if not 1 <= day <= last:
        return ParsedDate(
            DateStatus.INVALID, reason=f"{calendar.month_name[month]} {year} has no day {day}"
        )
    return ParsedDate(DateStatus.OK, date(year, month, day), date(year, month, day))


def _between(first: ParsedDate, last: ParsedDate) -> ParsedDate:
    """The span from the start of ``first`` to the end of ``last``, or why one is invalid."""
    for part in (first, last):
        if part.status is not DateStatus.OK:
            return part
    return ParsedDate(DateStatus.OK, first.start, last.end)


def _month_number(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _read(match: re.Match[str], text: str) -> ParsedDate:
    groups = match.groupdict()
    month = None
    if groups.get("month"):
        month = _month_number(groups["month"])
        if month is None:
            return ParsedDate(DateStatus.INVALID, reason=f"{text.strip()!r} is not a date")
    elif groups.get("mnum"):
        month = int(groups["mnum"])
    day = int(groups["day"]) if groups.get("day") else None
    return _span(int(groups["year"]), month, day)


def parse_date(text: str) -> ParsedDate:
    """What a date text means, or why it cannot be read."""
    value = re.sub(r"\s+", " ", text.strip().rstrip(".,;")).lower()
    if not value:
        return ParsedDate(DateStatus.INVALID, reason="empty date")
    if value in {"n.d", "nd", "n. d", "no date", "undated"}:
        return ParsedDate(DateStatus.UNDATED)
    for season, (first, last) in _SEASONS.items():
        match = re.fullmatch(rf"{season},? (\d{{4}})", value)
        if match:
            year = int(match.group(1))
            return _between(_span(year, first), _span(year, last))
    for pattern in _PATTERNS[:3]:  # plain and ISO dates before ranges
        if match := pattern.fullmatch(value):
            return _read(match, text)
    range_match = _RANGE.fullmatch(value)
    if range_match:
        a = range_match["a"] or range_match["a2"]
        b = range_match["b"] or range_match["b2"]
        b = a[:2] + b if len(b) == 2 else b
        if int(b) < int(a):
            return ParsedDate(DateStatus.INVALID, reason=f"range {text.strip()} runs backwards")
        return _between(_span(int(a)), _span(int(b)))
    for pattern in _PATTERNS[3:]:
        match = pattern.fullmatch(value)
        if match:
            return _read(match, text)
    incomplete = _INCOMPLETE.fullmatch(value)
    if incomplete and _month_number(incomplete["month"]) is not None:
        return ParsedDate(DateStatus.INCOMPLETE, reason=f"{text.strip()!r} has no year")
    return ParsedDate(DateStatus.INVALID, reason=f"{text.strip()!r} is not a date")


def month_field(text: str) -> int | None:
    """A BibTeX ``month`` field (name, abbreviation or number) as a number."""
    value = text.strip().lower().rstrip(".")
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _month_number(value)

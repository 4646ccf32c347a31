"""Dates inside a flattened reference: where one ends, its ISO form, an access date.

Shared by the segmenter (an access date ends a reference), the rules and the
labeller's field reader (the access date of a reference, as ISO).
"""

from __future__ import annotations

from .furniture import MONTHS
from .refdata import ACCESS_WORDS
from .text import is_year


def date_end(words: list[str], i: int) -> int:
    """Index after a date such as "23 july 2011", "september 2013" or "may"."""
    if i < len(words) and words[i].isdigit() and len(words[i]) <= 2:
        i += 1
    if i < len(words) and words[i] in MONTHS:
        i += 1
    if i < len(words) and words[i].isdigit() and len(words[i]) <= 2:
        i += 1
    if i < len(words) and is_year(words[i]):
        i += 1
    return i


def iso_date(words: list[str]) -> str:
    """ "23 july 2011" -> "2011-07-23", "september 2013" -> "2013-09"; "" without a year."""
    day = month = year = ""
    for word in words:
        if word in MONTHS:
            month = f"{MONTHS.index(word) + 1:02d}"
        elif is_year(word):
            year = word
        elif word.isdigit():
            day = f"{int(word):02d}"
    if not year:
        return ""
    return "-".join(p for p in (year, month, day if month else "") if p)


def ends_with_access(words: list[str]) -> bool:
    """The reference closes with its access date ("... retrieved 23 july 2011")."""
    for back in range(1, 5):
        if len(words) > back and words[-back - 1] in ACCESS_WORDS:
            return date_end(words, len(words) - back) == len(words)
    return False

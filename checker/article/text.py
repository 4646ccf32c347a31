"""Token-level helpers for flattened text: matching, years, dates and casing.

The flattening removed stopwords with a list we do not know exactly, so a
phrase from the furniture tables matches flattened text when the flattened
words are the phrase's words in order with some of them left out -- but
never the words that carry meaning (see :func:`match_phrase`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .furniture import MONTHS, SEASONS, STOPWORDS

YEAR_RE = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
YEAR_RANGE_RE = re.compile(r"^(1[0-9]{3}|20[0-9]{2})[–—-](1[0-9]{3}|20[0-9]{2}|[0-9]{2})$")
NUMBER_RE = re.compile(r"^[0-9]{1,2}$")


def tokens(text: str) -> list[str]:
    return text.split()


def is_year(token: str) -> bool:
    return YEAR_RE.match(token) is not None


def is_year_or_range(token: str) -> bool:
    return is_year(token) or YEAR_RANGE_RE.match(token) is not None


def is_small_number(token: str) -> bool:
    return NUMBER_RE.match(token) is not None


@functools.lru_cache(maxsize=512)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


def match_phrase(words: Sequence[str], start: int, phrase: str) -> int:
    """Match ``phrase`` at ``words[start:]``; return the number of words consumed, or 0.

    Every flattened word must be the next phrase word or a later one; phrase
    words may be skipped only when they are stopwords, and at least one word
    must match, so "for the" cannot match an empty span.
    """
    wanted = _phrase_words(phrase)
    i = start
    matched = 0
    for word in wanted:
        if i < len(words) and words[i] == word:
            i += 1
            matched += 1
        elif word not in STOPWORDS:
            return 0
    return i - start if matched else 0


def find_phrase(words: Sequence[str], phrase: str, start: int = 0, end: int | None = None) -> int:
    """Index of the first match of ``phrase`` in ``words[start:end]``, or -1."""
    stop = len(words) if end is None else end
    vocabulary = set(_phrase_words(phrase))
    for i in range(start, stop):
        # a match consumes words[i], so it must be one of the phrase's words
        if words[i] in vocabulary and match_phrase(words, i, phrase):
            return i
    return -1


def parse_month_year(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """``november 2010`` at ``start`` -> (``2010-11``, words consumed)."""
    if start + 1 < len(words) and words[start] in MONTHS and is_year(words[start + 1]):
        month = MONTHS.index(words[start]) + 1
        return f"{words[start + 1]}-{month:02d}", 2
    return None


def sentence_case(text: str) -> str:
    """Capitalise the first letter, leave the rest as written."""
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1 :]
        if char.isdigit():
            return text
    return text


def format_heading(words: Sequence[str]) -> str:
    """Sentence case, with a trailing date range in parentheses.

    ``split party 1903–1904`` -> ``Split party (1903–1904)``;
    ``head red army spring 1918`` -> ``Head red army (spring 1918)``;
    a heading that is only a year stays as it is.
    """
    words = list(words)
    if len(words) >= 2 and is_year_or_range(words[-1]):
        start = len(words) - 1
        while start > 1 and (words[start - 1] in SEASONS or words[start - 1] in MONTHS):
            start -= 1
        words = [*words[:start], "(" + " ".join(words[start:]) + ")"]
    return sentence_case(" ".join(words))


def title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int = 6) -> str:
    """A file-name slug: ASCII letters and digits joined by dashes."""
    import unicodedata

    text = text.replace("–", "-").replace("—", "-")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = [p for p in _SLUG_RE.split(ascii_text.lower()) if p]
    return "-".join(parts[:max_words]) or "section"


#: 1-3 digits: after a year, "st" is Saint ("1910 st. louis"), not an ordinal.
_ORDINAL = re.compile(r"\b(\d{1,3}) (st|nd|rd|th)\b")
_DECADE = re.compile(r"\b(\d{2,4}) s\b")


def rejoin_split_tokens(line: str) -> str:
    """Undo the tokenizer's splits of ordinals and decades: ``5 th`` -> ``5th``,
    ``1920 s`` -> ``1920s``."""
    return _DECADE.sub(r"\1s", _ORDINAL.sub(r"\1\2", line))

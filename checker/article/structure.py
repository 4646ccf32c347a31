"""Find the furniture inside the body: banners, hatnotes, quotations and
captions (boxes are in :mod:`.boxes`).  Each becomes a :class:`~.model.Marker`
over the words it consumed; the renderer writes markers as markup and skips
their words.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from ..tags import BANNERS, SCOPES
from .furniture import (
    ATTRIBUTION_DASHES,
    BANNER_FIND_SOURCES,
    BANNER_REMOVE_NOTICE,
    FIRST_PERSON,
    MAIN_ARTICLE_PHRASES,
    MAX_FIND_SOURCES_WORDS,
    MONTHS,
    SEASONS,
    SENTENCE_OPENERS,
    SENTENCE_VERBS,
)
from .model import Body, Marker, Token
from .text import find_phrase, is_year, match_phrase, parse_month_year

#: A hatnote's target is at most this many words.
MAX_TARGET_WORDS = 5
#: A target that recurs nowhere is taken up to a visible boundary only if that is near.
MAX_UNSEEN_TARGET_WORDS = 3
MAX_QUOTE_LINES = 12
SHORT_LINE = 9
#: A caption standing alone on a line names at most this many words before its year.
MAX_LINE_CAPTION_NAME = 4


def find_banners(body: Body) -> None:
    words = body.words()
    for banner in BANNERS:
        for scope in SCOPES:
            phrase = banner.text.format(scope=scope)
            i = 0
            while (i := find_phrase(words, phrase, i)) >= 0:
                end = i + match_phrase(words, i, phrase)
                data = {"name": banner.name, "scope": scope}
                end = _banner_tail(words, end, data)
                body.markers.append(Marker("banner", i, end, data))
                i = end


def _banner_tail(words: list[str], end: int, data: dict[str, str]) -> int:
    """The banner's date, after its optional "find sources" box; then the optional
    "learn how and when to remove this message".  Returns the banner's end."""
    date = parse_month_year(words, end)
    if date is None and match_phrase(words, end, BANNER_FIND_SOURCES):
        for at in range(end + 2, min(len(words), end + MAX_FIND_SOURCES_WORDS)):
            date = parse_month_year(words, at)
            if date:
                end = at
                break
    if date:
        data["date"] = date[0]
        end += date[1]
    return end + match_phrase(words, end, BANNER_REMOVE_NOTICE)


def find_hatnotes(body: Body, ngrams: Container[tuple[str, ...]], stops: Iterable[int]) -> None:
    """ "main article X": X is the longest following run that recurs elsewhere."""
    words = body.words()
    stop_at = sorted(stops)
    for phrase in MAIN_ARTICLE_PHRASES:
        i = 0
        while (i := find_phrase(words, phrase, i)) >= 0:
            start = i + match_phrase(words, i, phrase)
            heading = min([s for s in stop_at if s > start], default=len(words))
            unseen = False
            limit = min(heading, start + MAX_TARGET_WORDS)
            if heading - start <= MAX_TARGET_WORDS and not _line_break_before(body, start, heading):
                # the section's first subsection follows at once: the target is all before it
                size = heading - start
            else:
                size = _recurring_target(words, start, limit, ngrams)
                unseen = not size
                size = size or _unseen_target(body, start, limit)
            if start + size <= len(words):
                target = " ".join(words[start : start + size])
                label = "main article" if phrase.startswith("main") else phrase
                data = {"target": target, "label": label}
                if unseen:
                    data["unsure"] = f"hatnote target '{target}' is named nowhere else"
                body.markers.append(Marker("hatnote", i, start + size, data))
            i = start + size


def _recurring_target(
    words: list[str], start: int, limit: int, ngrams: Container[tuple[str, ...]]
) -> int:
    for n in range(min(MAX_TARGET_WORDS, limit - start), 0, -1):
        if tuple(words[start : start + n]) in ngrams:
            return n
    return 0


def _line_break_before(body: Body, start: int, end: int) -> bool:
    return any(body.tokens[j].line_start for j in range(start + 1, end))


def _unseen_target(body: Body, start: int, limit: int) -> int:
    """A target named nowhere else ends where its line ends or the section's
    first sentence visibly begins: at a number or a sentence opener."""
    tokens = body.tokens
    size = 1
    while (
        start + size < min(limit, len(tokens))
        and not tokens[start + size].line_start
        and not tokens[start + size].word[:1].isdigit()
        and tokens[start + size].word not in SENTENCE_OPENERS
    ):
        size += 1
    return size if size <= MAX_UNSEEN_TARGET_WORDS else 1


class RecurringPhrases:
    """Word sequences that occur at least twice in the article, within a line
    (hatnote targets recur); asked for the few candidates, not all n-grams."""

    def __init__(self, lines: list[list[str]]) -> None:
        self._text = "\n".join(" " + " ".join(words) + " " for words in lines)

    def __contains__(self, gram: object) -> bool:
        if not isinstance(gram, tuple) or not gram:
            return False
        key = " " + " ".join(gram) + " "
        first = self._text.find(key)
        return first >= 0 and self._text.find(key, first + 1) >= 0


def find_quotes(body: Body, stops: set[int]) -> None:
    """Block quotations end with an attribution line that starts with a dash."""
    tokens = body.tokens
    line_starts = [i for i, t in enumerate(tokens) if t.line_start]
    for n, start in enumerate(line_starts):
        if not tokens[start].word.startswith(ATTRIBUTION_DASHES):
            continue
        line_end = line_starts[n + 1] if n + 1 < len(line_starts) else len(tokens)
        attribution_end = min([s for s in stops if start < s < line_end] + [line_end])
        first = n
        while first > 0 and n - first < MAX_QUOTE_LINES:
            lo, hi = line_starts[first - 1], line_starts[first]
            if any(lo <= s < hi for s in stops) or not _quote_like(tokens[lo:hi]):
                break
            first -= 1
        if first == n:
            continue
        words = [t.word for t in tokens[start:attribution_end]]
        words[0] = words[0].lstrip("".join(ATTRIBUTION_DASHES))
        body.markers.append(Marker("quote", line_starts[first], start, {}))
        body.markers.append(
            Marker("attribution", start, attribution_end, {"text": " ".join(w for w in words if w)})
        )


def _quote_like(tokens: list[Token]) -> bool:
    words = [t.word for t in tokens]
    return (
        len(words) <= SHORT_LINE
        or any(w in FIRST_PERSON for w in words)
        or any(w.endswith(("!", "?")) for w in words)
    )


def _has_verb(words: list[str]) -> bool:
    """Captions are noun phrases; a finite verb ("joined", "won") makes a sentence."""
    return any(
        (len(w) > 4 and w.endswith("ed") and w.isalpha()) or w in SENTENCE_VERBS for w in words
    )


def find_captions(body: Body, section_starts: Iterable[int]) -> None:
    """Image captions glued after a heading (or its banner), and short captions on a line."""
    tokens = body.tokens
    words = body.words()
    taken = body.covered()
    for start in section_starts:
        i = start
        while i in taken:
            i += 1
        line_end = i + 1
        while line_end < len(tokens) and not tokens[line_end].line_start:
            line_end += 1
        rest = words[i:line_end]
        if not rest or rest[0] in SENTENCE_OPENERS or rest[0] in MONTHS or rest[0] in SEASONS:
            continue
        if 0 < len(rest) <= 3 and line_end < len(tokens):
            body.markers.append(Marker("caption", i, line_end, {}))
            continue
        if (
            2 <= len(rest) <= 12
            and is_year(rest[-1])
            and rest[-2] not in MONTHS
            and not _has_verb(rest)
        ):
            body.markers.append(Marker("caption", i, line_end, {}))
            continue
        for k, word in enumerate(rest[:6]):
            if _has_verb(rest[:k]):
                break
            if is_year(word) and k >= 2 and rest[k - 1] not in MONTHS:
                if k + 1 < len(rest) or len(rest) <= 12:
                    body.markers.append(Marker("caption", i, i + k + 1, {}))
                break


def find_line_captions(body: Body, ranges: Iterable[tuple[int, int]]) -> None:
    """A line that is only a short name and a year ("ada lovelace 1840") inside a
    section's prose: a sentence needs a verb, a caption does not."""
    tokens = body.tokens
    taken = body.covered()
    for lo, hi in ranges:
        starts = [i for i in range(lo, hi) if tokens[i].line_start]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else hi
            words = [t.word for t in tokens[start:end]]
            if (
                2 <= len(words) - 1 <= MAX_LINE_CAPTION_NAME
                and is_year(words[-1])
                and not any(t.notes_after for t in tokens[start:end])
                and not any(i in taken for i in range(start, end))
                and not any(f.start < end and f.end > start for f in body.flags)
                and all(
                    w.isalpha() and w not in MONTHS and w not in SENTENCE_OPENERS
                    for w in words[:-1]
                )
                and not _has_verb(words)
            ):
                body.markers.append(Marker("caption", start, end, {}))

"""Cut the flattened article into its parts: hatnotes, infobox, lead, contents, body.

The first lines are top hatnotes; then the infobox runs together with the
lead: the infobox starts with the article's name and the lead starts where
that name appears again after the last infobox label.  The contents list
follows the lead, and the body starts where its first heading appears again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .contents import appendix_headings, find_contents
from .furniture import STOPWORDS, TOP_HATNOTE_PHRASES
from .infobox import HIDDEN_ISO_DATE, find_labels, parse_infobox
from .infoboxdata import WEB_PREFIX, WEBSITE_LABEL
from .inline import NOTE_PREFIX, TAG_PREFIX
from .model import HeadingSpec
from .refdata import DOMAIN_SUFFIXES
from .text import is_year, match_phrase, title_case

#: The infobox's name is at most this many words.
MAX_TITLE_WORDS = 6
#: An infobox has at least this many labels.
MIN_LABELS = 2
MAX_HATNOTE_WORDS = 40
#: An infobox cut by the sentence splitter spans at most this many more lines.
MAX_INFOBOX_LINES = 6


@dataclass(slots=True)
class Layout:
    title: str
    hatnotes: list[str]
    infobox: list[tuple[str, str]]
    infobox_caption: str
    lead: list[tuple[int, list[str]]]  #: (1-based line, words)
    body: list[tuple[int, list[str]]]
    headings: list[HeadingSpec]
    unsure: list[str] = field(default_factory=list)


def split_layout(lines: list[list[str]], fallback_title: str) -> Layout:
    """``lines`` are the words of each input line (tags already marked)."""
    hatnotes: list[str] = []
    first = 0
    while first < len(lines) and _is_hatnote(lines[first]):
        hatnotes.append(" ".join(w for w in lines[first] if _plain(w)))
        first += 1
    unsure: list[str] = []
    contents = find_contents(lines, first)
    if contents is None:
        contents = appendix_headings(lines, first)
        unsure.append(
            "no contents list found: the body is one section"
            if contents is None
            else "no contents list found: only the standard appendix headings are sections"
        )
    if contents is None:
        head_end = len(lines)
    else:
        head_end = contents.label_line
        if contents.label_word:
            # words before the label on its line (a sidebar's end, a caption) stay in the lead
            head_end += 1
    head = lines[:head_end]
    if contents is not None and contents.label_word:
        head[-1] = head[-1][: contents.label_word]
    opening, after = _join_web_address(head, first, head_end)
    title, infobox, caption, lead_start = _infobox(opening)
    if not infobox:
        # a dot inside the infobox ("st. louis", "d.c.") made the splitter cut it:
        # take following lines until the name recurs after the labels
        joined, more = list(opening), after
        while more < min(head_end, after + MAX_INFOBOX_LINES) and _looks_like_infobox(joined):
            joined += head[more]
            more += 1
            title, infobox, caption, lead_start = _infobox(joined)
            if infobox:
                opening, after = joined, more
                break
    lead: list[tuple[int, list[str]]] = []
    if first < head_end:
        lead.append((first + 1, opening[lead_start:]))
        lead.extend((i + 1, head[i]) for i in range(after, head_end))
    body: list[tuple[int, list[str]]] = []
    headings: list[HeadingSpec] = []
    if contents is not None:
        body.append((contents.body_line + 1, lines[contents.body_line][contents.body_word :]))
        body.extend((i + 1, lines[i]) for i in range(contents.body_line + 1, len(lines)))
        headings = contents.headings
    return Layout(
        title=title_case(title) if title else fallback_title,
        hatnotes=hatnotes,
        infobox=infobox,
        infobox_caption=caption,
        lead=[(n, w) for n, w in lead if w],
        body=[(n, w) for n, w in body if w],
        headings=headings,
        unsure=unsure,
    )


def _join_web_address(lines: list[list[str]], first: int, end: int) -> tuple[list[str], int]:
    """The first lead line, with a web address the sentence splitter cut at its dots
    put back together: "website www" / "example" / "org the lead ..." is one line
    with "www.example.org".  Returns the words and the index of the next line."""
    if first >= end:
        return [], first
    words = list(lines[first])
    after = first + 1
    # "website www" / "example" / "org the lead", or "website example" / "com the lead"
    www = bool(words) and words[-1] == WEB_PREFIX
    bare = (
        len(words) >= 2
        and words[-2] == WEBSITE_LABEL
        and after < end
        and bool(lines[after])
        and lines[after][0] in DOMAIN_SUFFIXES
    )
    if not (www or bare):
        return words, after
    parts = [words.pop()]
    while www and after < end and len(lines[after]) == 1 and _plain(lines[after][0]):
        parts.append(lines[after][0])
        after += 1
    if after < end and lines[after] and (len(parts) > 1 or bare):
        parts.append(lines[after][0])
        words += [".".join(parts), *lines[after][1:]]
        return words, after + 1
    return lines[first], first + 1


def _looks_like_infobox(words: list[str]) -> bool:
    """Infobox labels, or a date with its hidden ISO copy glued on ("smith1910-07-044")."""
    return len(find_labels(words)) >= MIN_LABELS or any(HIDDEN_ISO_DATE.search(w) for w in words)


def _is_hatnote(words: list[str]) -> bool:
    """A short first line that opens or closes with a hatnote phrase."""
    text = [w for w in words if _plain(w)]
    if not text or len(text) > MAX_HATNOTE_WORDS:
        return False
    for phrase in TOP_HATNOTE_PHRASES:
        # "not to be confused with" flattens to one word, "confused": enough
        # when every word that carries meaning is there
        least = min(2, sum(w not in STOPWORDS for w in phrase.split()))
        if match_phrase(text, 0, phrase) >= least:
            return True
        size = len(phrase.split())
        for start in range(max(0, len(text) - size), len(text)):
            if match_phrase(text, start, phrase) == len(text) - start >= least:
                return True
    return False


def _plain(word: str) -> bool:
    return not word.startswith((TAG_PREFIX, NOTE_PREFIX))


def _infobox(words: list[str]) -> tuple[str, list[tuple[str, str]], str, int]:
    """(title, rows, image caption, index where the lead starts) of the first lead line."""
    labels = find_labels(words)
    if not labels:
        return "", [], "", 0
    # The lead starts where the name recurs with the most infobox labels before it
    # (a label word such as "born" may recur in the lead itself).
    for size in range(min(MAX_TITLE_WORDS, labels[0]), 0, -1):
        name = words[:size]
        if not all(_plain(w) for w in name):
            continue
        starts = [s for s in range(size, len(words) - size + 1) if words[s : s + size] == name]
        scored = [(sum(lab < s for lab in labels), -s) for s in starts]
        if not scored or max(scored)[0] < MIN_LABELS:
            continue
        start = -max(scored)[1]
        inner = words[size:start]
        caption, rows_from = _caption(inner)
        return " ".join(name), parse_infobox(inner[rows_from:]), caption, start
    return "", [], "", 0


def _caption(words: list[str]) -> tuple[str, int]:
    """An image caption right after the infobox name: a few words ending in a year."""
    for i, word in enumerate(words[:5]):
        if is_year(word) and i >= 1:
            return " ".join(words[: i + 1]), i + 1
    return "", 0

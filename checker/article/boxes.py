"""Find the boxes of page furniture: sidebars, the citation style sheet, and
what follows the last appendix section -- sister projects, succession boxes,
navboxes, authority control (with the page footer, "retrieved from ...",
categories).  Each becomes a :class:`~.model.Marker` over the words it consumed.
"""

from __future__ import annotations

from .furniture import (
    AUTHORITY_CONTROL_LABEL,
    AUTHORITY_NOISE,
    AUTHORITY_SCHEMES,
    NAVBOX_LINKS,
    PAGE_FOOTER_OPENER,
    SIDEBAR_OPENERS,
    SISTER_PROJECT_WORDS,
    STYLESHEET_LINE,
    STYLESHEET_OPENER,
    SUCCESSION_BOX_OPENERS,
)
from .model import Body, Marker
from .text import find_phrase, match_phrase

#: A sidebar longer than this is not one.
MAX_BOX_WORDS = 1500


def view_talk_edit(words: list[str], j: int) -> int:
    """Length of the "v t e" (view, talk, edit) links of a box at ``words[j]``,
    spaced or glued to the word before ("portalvte"); 0 if none."""
    for mark in NAVBOX_LINKS:
        parts = mark.split()
        if len(parts) == 1 and words[j].endswith(parts[0]):
            return 1
        if len(parts) > 1 and words[j : j + len(parts)] == parts:
            return len(parts)
    return 0


def find_sidebars(body: Body) -> None:
    """ "Part of a series on ..." boxes, which end with their "v t e" links."""
    words = body.words()
    for opener in SIDEBAR_OPENERS:
        i = 0
        while (i := find_phrase(words, opener, i)) >= 0:
            end = _box_end(words, i)
            if end is None:
                i += 1
                continue
            body.markers.append(Marker("sidebar", i, end, {}))
            i = end


def _box_end(words: list[str], start: int) -> int | None:
    for j in range(start, min(len(words), start + MAX_BOX_WORDS)):
        if size := view_talk_edit(words, j):
            return j + size
    return None


def find_stylesheets(body: Body) -> None:
    """The citation templates' style sheet (CSS) flattened into a references list."""
    tokens = body.tokens
    i = 0
    while i < len(tokens):
        word = tokens[i].word
        nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
        if not (tokens[i].line_start and (word + nxt).startswith(STYLESHEET_OPENER)):
            i += 1
            continue
        end = None
        j = i
        while j < len(tokens) and (
            j == i or not tokens[j].line_start or STYLESHEET_LINE.match(tokens[j].word)
        ):
            if tokens[j].word.endswith("}"):
                end = j + 1
            j += 1
        if end is None:
            i += 1
            continue
        body.markers.append(Marker("stylesheet", i, end, {}))
        i = end


def find_bottom_boxes(body: Body, start: int) -> list[tuple[str, str]]:
    """Sister projects, succession boxes, navboxes and authority control after
    ``start``; the last box runs to the end, the page footer included.  Returns
    the authority-control identifiers as (scheme label, value), read up to the
    footer (its categories name schemes too: "wikipedia articles gnd identifiers")."""
    words = body.words()
    footer = _page_footer(words, start)
    sister = find_phrase(words, "wikipedia's sister projects", start, footer)
    if sister >= 0:
        begin = max(start, sister - 6)
        while begin < sister and words[begin] != "find":
            begin += 1
        end = sister + match_phrase(words, sister, "wikipedia's sister projects")
        while end < footer and words[end] in SISTER_PROJECT_WORDS:
            end += 1
        body.markers.append(Marker("sister-projects", begin, end, {}))
    authority = find_phrase(words, AUTHORITY_CONTROL_LABEL, start, footer)
    box_limit = authority if authority >= 0 else len(words)
    succession = min(
        (
            i
            for i in (find_phrase(words, o, start, box_limit) for o in SUCCESSION_BOX_OPENERS)
            if i >= 0
        ),
        default=-1,
    )
    navbox = next((j for j in range(start, box_limit) if view_talk_edit(words, j)), -1)
    if succession >= 0:
        body.markers.append(
            Marker("succession-box", succession, navbox if navbox > succession else box_limit, {})
        )
    if navbox >= 0:
        body.markers.append(Marker("navbox", navbox, box_limit, {}))
    if authority < 0:
        return []
    size = match_phrase(words, authority, AUTHORITY_CONTROL_LABEL)
    ids = _authority_ids(words[authority + size : footer])
    body.markers.append(Marker("authority-control", authority, len(words), {}))
    return ids


def _page_footer(words: list[str], start: int) -> int:
    """Where "retrieved from https://en.wikipedia.org/w/index.php?title=...",
    then the categories, begins (the last such phrase); the end if absent."""
    found = len(words)
    at = start
    while (at := find_phrase(words, PAGE_FOOTER_OPENER, at)) >= 0:
        found = at
        at += 1
    return found


def _authority_ids(words: list[str]) -> list[tuple[str, str]]:
    ids: list[tuple[str, str]] = []
    current: str | None = None
    values: list[str] = []
    for word in words:
        if word in AUTHORITY_SCHEMES:
            if current and values:
                ids.append((AUTHORITY_SCHEMES[current], " ".join(values)))
            current, values = word, []
        elif current and word not in AUTHORITY_NOISE:
            values.append(word)
    if current and values:
        ids.append((AUTHORITY_SCHEMES[current], " ".join(values)))
    return ids

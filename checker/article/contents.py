"""Rebuild the heading tree from the flattened table of contents.

Flattening turned "1.2 Revolutionary activity" into a line break (the
sentence splitter ended a sentence at "1.") followed by "2 revolutionary
activity"; some numbers were dropped as stopwords, and lines made only of a
number vanished.  What survives is still enough:

* a number in the middle of a line is a top-level number, because
  sub-numbers always cause a line break -- but only when it continues the
  top-level count ("example 2 fourier's motivation" under section 4 keeps
  its "2" as text);
* an entry at the start of a line is a sub-entry, and its number is the
  last component of its dotted number;
* a number at the end of a line is the top-level prefix of the next line,
  so a line that ends without one was cut at a dot inside a heading
  ("linked lists vs." / "dynamic arrays") -- unless that prefix was a number
  the flattening drops (:data:`~.furniture.DROPPED_NUMBERS`);
* a dropped top-level number glues its heading to the entry before
  ("7 importance see also 9 references": 8 was "see also"); the body, where
  each heading opens its section's first line, says where to cut;
* the counters at each level tell depth: an entry continues the counter of
  the shallowest level it can continue.

The list is found by its label ("contents", at a line start or after a
sidebar or caption on the same line) and ends where the body starts: where
one of its first headings appears again.  Each candidate label and body
start is scored by how many of the entries before it recur, in order, after
it; the best wins, so "contents" in a banner or a hatnote, and a first heading
that recurs inside the list ("definition" / "kolmogorov definition"), do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from .evidence import BodyIndex
from .furniture import CONTENTS_LABELS, LIST_FREE_APPENDIX
from .model import HeadingSpec
from .text import match_phrase
from .toclevels import raw_entries, read_entries

#: How many of the first contents entries may stand in for a first heading that is missing.
BODY_START_TRIES = 4
#: Occurrences of the contents label tried, and body starts tried per entry.
MAX_LABELS = 6
MAX_STARTS = 12
#: A contents list spans at most this many lines.
MAX_CONTENTS_LINES = 200
#: An entry longer than this is prose, not a heading.
MAX_ENTRY_WORDS = 12


@dataclass(slots=True)
class Contents:
    headings: list[HeadingSpec]
    #: where the label starts: (line index, word index)
    label_line: int
    label_word: int
    #: where the body starts: (line index, word index within that line)
    body_line: int
    body_word: int


def find_contents(lines: list[list[str]], start: int = 0) -> Contents | None:
    """The contents list after line ``start``, or None."""
    best: tuple[int, Contents] | None = None
    text = _Text(lines)
    for line, word, size in _labels(lines, start):
        found = _parse_at(lines, text, line, word, size)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best[1] if best else None


def appendix_headings(lines: list[list[str]], start: int = 0) -> Contents | None:
    """A short article has no contents list, but its standard appendix headings
    ("see also", "references", "external links") still open lines near its end,
    in Wikipedia's order: the last such line of each, working back from the end."""
    found: list[tuple[int, list[str]]] = []
    last = len(lines)
    for name in reversed([n.split() for n in LIST_FREE_APPENDIX]):
        for i in range(last - 1, start, -1):
            if lines[i][: len(name)] == name:
                found.append((i, name))
                last = i
                break
    if not found:
        return None
    found.reverse()
    headings = [HeadingSpec(list(name), 1, str(k)) for k, (_, name) in enumerate(found, 1)]
    first = found[0][0]
    return Contents(headings, first, 0, first, 0)


def _labels(lines: list[list[str]], start: int) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    for i in range(start, len(lines)):
        for j, word in enumerate(lines[i]):
            for label in CONTENTS_LABELS:
                if word == label.split()[0] and (size := match_phrase(lines[i], j, label)):
                    found.append((i, j, size))
                    if len(found) == MAX_LABELS:
                        return found
    return found


class _Text:
    """The article as one string, to test cheaply whether an entry recurs after a point."""

    def __init__(self, lines: list[list[str]]) -> None:
        self.offsets: list[int] = []
        parts: list[str] = []
        at = 0
        for words in lines:
            self.offsets.append(at)
            part = " " + " ".join(words)
            parts.append(part)
            at += len(part)
        self.text = "".join(parts) + " "

    def at(self, lines: list[list[str]], line: int, word: int) -> int:
        return self.offsets[line] + sum(len(w) + 1 for w in lines[line][:word])

    def recurring(self, entries: list[list[str]], after: int) -> int:
        """How many entries occur, in order, after character ``after``."""
        pos, count = after, 0
        for entry in entries:
            found = self.text.find(" " + " ".join(entry) + " ", pos)
            if found >= 0:
                count += 1
                pos = found + 1
        return count


def _region(
    lines: list[list[str]], line: int, word: int, end: tuple[int, int] | None = None
) -> list[list[str]]:
    """The lines of the list from ``(line, word)`` up to ``end`` (exclusive)."""
    last = min(len(lines), line + MAX_CONTENTS_LINES) if end is None else end[0] + 1
    region = []
    for i in range(line, last):
        lo = word if i == line else 0
        hi = end[1] if end is not None and i == end[0] else len(lines[i])
        region.append(lines[i][lo:hi])
    return region


def _parse_at(
    lines: list[list[str]], text: _Text, line: int, word: int, size: int
) -> tuple[int, Contents] | None:
    """(score, contents) for the label at ``lines[line][word:word+size]``."""
    first_word = word + size
    best: tuple[int, tuple[int, int]] | None = None
    for at, words in _early(lines, line, first_word):
        for start in _starts(lines, at, words):
            raw = [e for row in _region(lines, line, first_word, start) for e in raw_entries(row)]
            if not raw:
                continue
            long = sum(len(e) > MAX_ENTRY_WORDS for e in raw)
            score = text.recurring(raw, text.at(lines, *start)) - 2 * long
            if best is None or score > best[0]:
                best = (score, start)
    if best is None or best[0] < 1:
        return None
    score, (body_line, body_word) = best
    index = BodyIndex([lines[body_line][body_word:], *lines[body_line + 1 :]])
    headings = read_entries(_region(lines, line, first_word, (body_line, body_word)), index)
    if not headings:
        return None
    return score, Contents(headings, line, word, body_line, body_word)


def _early(
    lines: list[list[str]], line: int, first_word: int
) -> list[tuple[tuple[int, int], list[str]]]:
    """The first entries of the list with where each ends: the body opens with
    the first of them it has (usually the first heading)."""
    found: list[tuple[tuple[int, int], list[str]]] = []
    for i in range(line, min(len(lines), line + BODY_START_TRIES)):
        lo = first_word if i == line else 0
        j = lo
        for entry in raw_entries(lines[i][lo:]):
            j = _index_of(lines[i], entry, j)
            found.append(((i, j + len(entry)), entry))
            j += len(entry)
    return found[:BODY_START_TRIES]


def _index_of(words: list[str], part: list[str], lo: int) -> int:
    for j in range(lo, len(words) - len(part) + 1):
        if words[j : j + len(part)] == part:
            return j
    return lo


def _starts(
    lines: list[list[str]], after: tuple[int, int], words: list[str]
) -> list[tuple[int, int]]:
    """Where ``words`` recur after ``after``, never opening a line (a line start
    inside the list is an entry), at most :data:`MAX_STARTS` of them."""
    found: list[tuple[int, int]] = []
    n = len(words)
    line, word = after
    for i in range(line, min(len(lines), line + MAX_CONTENTS_LINES)):
        row = lines[i]
        for j in range(max(1, word if i == line else 1), len(row) - n + 1):
            if row[j] == words[0] and row[j : j + n] == words:
                found.append((i, j))
                if len(found) == MAX_STARTS:
                    return found
    return found

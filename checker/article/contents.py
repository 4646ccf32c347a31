"""Rebuild the heading tree from the flattened table of contents.

Flattening turned "1.2 Revolutionary activity" into a line break (the
sentence splitter ended a sentence at "1.") followed by "2 revolutionary
activity"; some numbers were dropped as stopwords, and lines made only of a
number vanished.  What survives is still enough:

* a number in the middle of a line is a top-level number ("... 2 after
  russian revolution"), because sub-numbers always cause a line break;
* an entry at the start of a line is a sub-entry, and its number is the
  last component of its dotted number;
* a number at the end of a line is the parent prefix of the next line;
* the counters at each level tell depth: an entry continues the counter of
  the shallowest level it can continue, and a missing number can only be
  one the flattening drops (:data:`~.furniture.DROPPED_NUMBERS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .furniture import APPENDIX_SECTIONS, CONTENTS_LABELS, DROPPED_NUMBERS
from .model import HeadingSpec
from .text import find_phrase, is_small_number, match_phrase

MAX_LEVEL = 3
#: How many of the first contents entries may stand in for a first heading that is missing.
BODY_START_TRIES = 4


@dataclass(slots=True)
class _Entry:
    words: list[str]
    number: int | None
    line_start: bool


@dataclass(slots=True)
class Contents:
    headings: list[HeadingSpec]
    #: where the body starts: (line index, word index within that line)
    body_line: int
    body_word: int


def find_contents(lines: list[list[str]], start: int = 0) -> int:
    """Index of the line that opens the contents list, or -1."""
    for i in range(start, len(lines)):
        words = lines[i]
        if words and any(match_phrase(words, 0, label) for label in CONTENTS_LABELS):
            return i
    return -1


def parse_contents(lines: list[list[str]], first: int) -> Contents | None:
    """Parse the contents list that starts at line ``first``; None if it has no entries."""
    label = max(match_phrase(lines[first], 0, lab) for lab in CONTENTS_LABELS)
    first_entries = _split_line(lines[first][label:], line_start=False)
    if not first_entries:
        return None
    end = None
    for line, entry in _early_entries(lines, first, label)[:BODY_START_TRIES]:
        own = find_phrase(lines[line], " ".join(entry.words), label if line == first else 0)
        end = _find_body_start(lines, line, own + len(entry.words), entry.words)
        if end is not None:
            break
    if end is None:
        return None
    end_line, end_word = end
    entries: list[_Entry] = []
    for i in range(first, end_line + 1):
        words = lines[i]
        lo = label if i == first else 0
        hi = end_word if i == end_line else len(words)
        entries.extend(_split_line(words[lo:hi], line_start=i != first))
    headings = _assign_levels(_split_appendices(entries))
    return Contents(headings, end_line, end_word)


def _early_entries(lines: list[list[str]], first: int, label: int) -> list[tuple[int, _Entry]]:
    """The first entries of the list, with their lines: the body opens with the first
    of them it has (usually the first heading; a later one if that one is missing)."""
    found: list[tuple[int, _Entry]] = []
    for i in range(first, min(len(lines), first + BODY_START_TRIES)):
        words = lines[i][label:] if i == first else lines[i]
        found.extend((i, e) for e in _split_line(words, line_start=i != first))
    return found


def _find_body_start(
    lines: list[list[str]], first: int, offset: int, h1: list[str]
) -> tuple[int, int] | None:
    """The body begins where the first heading appears again."""
    phrase = " ".join(h1)
    for i in range(first, len(lines)):
        lo = offset if i == first else 1  # an entry at a line start is a contents entry
        at = find_phrase(lines[i], phrase, lo)
        if at >= 0:
            return i, at
    return None


def _split_line(words: list[str], *, line_start: bool) -> list[_Entry]:
    """Entries of one contents line; a trailing number (the next line's prefix) is dropped."""
    if words and is_small_number(words[-1]) and len(words) > 1:
        words = words[:-1]
    entries: list[_Entry] = []
    current: list[str] = []
    number: int | None = None
    for word in words:
        if is_small_number(word):
            if current:
                entries.append(_Entry(current, number, line_start and not entries))
            current, number = [], int(word)
            continue
        current.append(word)
    if current:
        entries.append(_Entry(current, number, line_start and not entries))
    return entries


def _split_appendices(entries: list[_Entry]) -> list[_Entry]:
    """ "notes references" (number 8 dropped between them) is two appendix entries."""
    result: list[_Entry] = []
    for entry in entries:
        parts = _as_appendix_sequence(entry.words)
        if parts and len(parts) > 1:
            result.append(_Entry(parts[0], entry.number, entry.line_start))
            result.extend(_Entry(p, None, False) for p in parts[1:])
        else:
            result.append(entry)
    return result


def _as_appendix_sequence(words: list[str]) -> list[list[str]] | None:
    names = sorted((n.split() for n in APPENDIX_SECTIONS), key=len, reverse=True)
    parts: list[list[str]] = []
    i = 0
    while i < len(words):
        for name in names:
            if words[i : i + len(name)] == name:
                parts.append(name)
                i += len(name)
                break
        else:
            return None
    return parts


def _assign_levels(entries: list[_Entry]) -> list[HeadingSpec]:
    counters: list[int] = []
    headings: list[HeadingSpec] = []
    for entry in entries:
        if not entry.line_start or not counters:
            top = entry.number if entry.number is not None else (counters[0] + 1 if counters else 1)
            counters = [top]
        else:
            level = _sub_level(counters, entry.number)
            expected = counters[level - 1] + 1 if level <= len(counters) else 1
            counters = [*counters[: level - 1], entry.number or expected]
        headings.append(HeadingSpec(entry.words, len(counters), ".".join(str(c) for c in counters)))
    return headings


def _sub_level(counters: list[int], number: int | None) -> int:
    """The shallowest level (>= 2) whose counter this entry continues."""
    deepest = min(len(counters) + 1, MAX_LEVEL)
    for level in range(2, deepest + 1):
        expected = counters[level - 1] + 1 if level <= len(counters) else 1
        if (number is None and expected in DROPPED_NUMBERS) or number == expected:
            return level
    return min(len(counters), MAX_LEVEL) if len(counters) >= 2 else 2

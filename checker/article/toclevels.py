"""Contents list levels: the entries and their depth from the numbers that survived.

The rules are explained in :mod:`.contents`; this module applies them line by
line over the list's lines, keeping one counter per level.  Where the numbers
alone are ambiguous (a number the flattening drops), the body decides
(:class:`~.evidence.BodyIndex`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .evidence import BodyIndex
from .furniture import APPENDIX_SECTIONS, CONTENTS_ICON_MARKS, DROPPED_NUMBERS
from .model import HeadingSpec
from .text import is_small_number

#: Deeper entries are not headings of the truth Wikipedia shows in its list;
#: level 4 is read so that it does not pass for level 3 (:func:`.rst.heading`
#: writes it as a rubric inside its section).
MAX_LEVEL = 4
#: A top-level number continues the count by one, by two over a dropped number,
#: or (a damaged list) by a little more.
MAX_SKIP = 3
#: Evidence that a part of a glued entry is a heading of its own: a standard
#: appendix name beats a line opening in the body, which beats a mere occurrence.
APPENDIX_SUPPORT = 3
#: The support both parts of a cut need: when the numbers prove an entry is glued
#: on, both parts occurring will do; at the list's end, where they only suggest
#: it, the parts must open lines or be appendix names.
CERTAIN_CUT_SUPPORT = 2
UNSURE_CUT_SUPPORT = 4


def raw_entries(words: list[str]) -> list[list[str]]:
    """A line's entries split at every number, the line's trailing prefix and the
    entries' icon marks dropped (a first reading, to find where the body starts)."""
    if len(words) > 1 and is_small_number(words[-1]):
        words = words[:-1]
    entries: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if is_small_number(word):
            if current:
                entries.append(current)
            current = []
        else:
            current.append(word)
    if current:
        entries.append(current)
    return [e[:-1] if len(e) > 1 and e[-1] in CONTENTS_ICON_MARKS else e for e in entries]


@dataclass(slots=True)
class _Reader:
    index: BodyIndex
    headings: list[HeadingSpec] = field(default_factory=list)
    counters: list[int] = field(default_factory=list)

    @property
    def top(self) -> int:
        return self.counters[0] if self.counters else 0

    def add_top(self, words: list[str], number: int | None) -> None:
        top = self.top
        if number == top + 2 and top + 1 in DROPPED_NUMBERS and self.headings:
            # the dropped number's heading is glued to the last entry
            self._split_glued(CERTAIN_CUT_SUPPORT)
        self.counters = [number if number is not None else self.top + 1]
        self._emit(words)

    def add_sub(self, words: list[str], number: int | None, lone: list[int]) -> None:
        if not self.counters:
            self.add_top(words, number)
            return
        level = _sub_level(self.counters, number, lone)
        expected = self.counters[level - 1] + 1 if level <= len(self.counters) else 1
        self.counters = [*self.counters[: level - 1], number or expected]
        self._emit(words)

    def continue_last(self, words: list[str]) -> None:
        self.headings[-1].words.extend(words)

    def dropped_prefix(self) -> None:
        """A line ended without its top-level prefix: the prefix was a dropped
        number, and if it was the next one its heading is glued to the last entry."""
        if self.top not in DROPPED_NUMBERS and self.top + 1 in DROPPED_NUMBERS:
            self._split_glued(CERTAIN_CUT_SUPPORT)

    def finish(self) -> None:
        """The list's last entry may hide the next one, if its number was dropped
        ("10 references external links"): cut it only on strong evidence."""
        if self.headings and self.top not in DROPPED_NUMBERS and self.top + 1 in DROPPED_NUMBERS:
            self._split_glued(UNSURE_CUT_SUPPORT, renumber=False)

    def _split_glued(self, least: int, *, renumber: bool = True) -> None:
        last = self.headings[-1]
        cut = _best_cut(last.words, self.index, least)
        top = self.top + 1
        if cut is None:
            if renumber:
                self.counters = [top]
            return
        last.words, glued = last.words[:cut], last.words[cut:]
        self.counters = [top]
        self._emit(glued)

    def _emit(self, words: list[str]) -> None:
        number = ".".join(str(c) for c in self.counters)
        self.headings.append(HeadingSpec(list(words), len(self.counters), number))


def _best_cut(words: list[str], index: BodyIndex, least: int) -> int | None:
    """Where a glued entry divides into two headings, by the body's evidence."""
    best, at = 0, None
    for k in range(1, len(words)):
        score = _support(words[:k], index) + _support(words[k:], index)
        if score > best:
            best, at = score, k
    return at if best >= least else None


def _support(words: list[str], index: BodyIndex) -> int:
    if " ".join(words) in APPENDIX_SECTIONS:
        return APPENDIX_SUPPORT
    return index.support(words)


def read_entries(region: list[list[str]], index: BodyIndex) -> list[HeadingSpec]:
    """The headings of the list whose lines are ``region`` (the label already cut off)."""
    reader = _Reader(index)
    trailing = True  # did the previous line end with its top-level prefix?
    lone: list[int] = []  # prefix components alone on their lines before this one
    for words in region:
        if len(words) == 1 and is_small_number(words[0]):
            trailing = True  # a prefix component alone on its line
            lone.append(int(words[0]))
            continue
        words = _without_icons(words, index)
        if not words:
            continue
        ends_with_prefix = len(words) > 1 and is_small_number(words[-1])
        if ends_with_prefix:
            words = words[:-1]
        _read_line(reader, words, trailing, lone)
        trailing = ends_with_prefix
        lone = []
    reader.finish()
    return [h for h in reader.headings if h.words]


def _read_line(reader: _Reader, words: list[str], trailing: bool, lone: list[int]) -> None:
    """One line; ``lone`` are the prefix components that stood alone before it."""
    started = bool(reader.headings)
    i = 0
    if started:
        # the line opens with a sub-entry, or continues the last entry
        number = int(words[0]) if is_small_number(words[0]) else None
        i = 1 if number is not None else 0
        j = _next_top(reader, words, i)
        part = words[i:j]
        if number is None and not trailing and _continues(reader, part):
            reader.continue_last(part)
        else:
            if number is None and not trailing:
                reader.dropped_prefix()
            if part:
                reader.add_sub(part, number, lone)
        i = j
    while i < len(words):
        number = int(words[i]) if is_small_number(words[i]) else None
        start = i + 1 if number is not None else i
        j = _next_top(reader, words, start, number if number is not None else reader.top + 1)
        if words[start:j]:
            reader.add_top(words[start:j], number)
        i = j


def _next_top(reader: _Reader, words: list[str], start: int, pending: int | None = None) -> int:
    """Index of the next number in ``words[start:]`` that continues the top-level
    count; a number that does not is part of a heading ("step 2 elongation")."""
    top = reader.top
    if pending is not None:
        top = pending  # the entry being read will carry this number
    for j in range(start, len(words)):
        if is_small_number(words[j]) and top < int(words[j]) <= top + MAX_SKIP:
            return j
    return len(words)


def _continues(reader: _Reader, part: list[str]) -> bool:
    """A line that opens without a number after a line that ended without its
    prefix: the previous entry was cut at a dot, unless the prefix was a number
    the flattening drops -- then the body tells (a heading cut at a dot is cut
    at the same dot there)."""
    top = reader.top
    if top not in DROPPED_NUMBERS and top + 1 not in DROPPED_NUMBERS:
        return True
    return reader.index.across_break(reader.headings[-1].words, part)


def _without_icons(words: list[str], index: BodyIndex) -> list[str]:
    """Drop the icon marks ("#", "o") that end an entry, before a number or the
    line's end, unless the body repeats them after the same word."""
    kept: list[str] = []
    for j, word in enumerate(words):
        ends_entry = j + 1 == len(words) or is_small_number(words[j + 1])
        if (
            word in CONTENTS_ICON_MARKS
            and ends_entry
            and kept
            and not index.has([*kept[-1:], word])
        ):
            continue
        kept.append(word)
    return kept


def _sub_level(counters: list[int], number: int | None, lone: list[int]) -> int:
    """The level whose counter this entry continues and whose middle prefix
    components are the ``lone`` ones (those the flattening kept): 4.3.1.1
    flattens to "4" / "3" / "viral infection", 4.3.1 to "4" / "therapeutic ...".
    A dropped 1 in the middle leaves two levels possible ("3" / "2 x" is 3.2 or
    3.1.2): the shallower is taken, so an entry goes to level 4 (a rubric, not a
    section) only when nothing else fits."""
    deepest = min(len(counters) + 1, MAX_LEVEL)
    continued = []
    for level in range(2, deepest + 1):
        expected = counters[level - 1] + 1 if level <= len(counters) else 1
        if (number is None and expected in DROPPED_NUMBERS) or number == expected:
            continued.append(level)
    for level in continued:
        if lone == [c for c in counters[1 : level - 1] if c not in DROPPED_NUMBERS]:
            return level
    if continued:
        return continued[0]
    return min(len(counters), MAX_LEVEL) if len(counters) >= 2 else 2

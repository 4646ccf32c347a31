"""What the body says about a phrase: does it occur, open a line, straddle a line break?

The contents list is ambiguous where the flattening lost its numbers or cut an
entry at a dot ("linked lists vs." / "dynamic arrays").  The body repeats every
heading, glued to the start of its section's first sentence, so it settles
those questions: a heading opens a line there, and a heading cut at a dot is
cut at the same dot in the body.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Line openings are indexed up to this many words.
MAX_PREFIX = 8


class BodyIndex:
    """Occurrences of word sequences in a run of lines (the body after the contents)."""

    def __init__(self, lines: Sequence[Sequence[str]]) -> None:
        self._lines = [tuple(words) for words in lines if words]
        self._text = " " + " ".join(" ".join(words) for words in self._lines) + " "
        self._starts: set[tuple[str, ...]] = set()
        self._ends: dict[str, list[int]] = {}
        for k, words in enumerate(self._lines):
            for n in range(1, min(MAX_PREFIX, len(words)) + 1):
                self._starts.add(words[:n])
            self._ends.setdefault(words[-1], []).append(k)

    def has(self, words: Sequence[str]) -> bool:
        return bool(words) and f" {' '.join(words)} " in self._text

    def opens_line(self, words: Sequence[str]) -> bool:
        """Some line starts with ``words``."""
        if not words:
            return False
        if len(words) <= MAX_PREFIX:
            return tuple(words) in self._starts
        head = tuple(words[:MAX_PREFIX])
        return head in self._starts and any(
            line[: len(words)] == tuple(words) for line in self._lines
        )

    def across_break(self, before: Sequence[str], after: Sequence[str]) -> bool:
        """Some line ends with ``before`` and the next one starts with ``after``."""
        if not before or not after:
            return False
        tail, head = tuple(before), tuple(after)
        lines = self._lines
        return any(
            k + 1 < len(lines)
            and lines[k][-len(tail) :] == tail
            and lines[k + 1][: len(head)] == head
            for k in self._ends.get(before[-1], [])
        )

    def support(self, words: Sequence[str]) -> int:
        """2 when a line opens with ``words`` (a heading does), 1 when they occur, else 0."""
        if self.opens_line(words):
            return 2
        return 1 if self.has(words) else 0

"""Inline tags and note markers in flattened lines.

``[citation needed]``, ``recalled[by whom?]`` and ``name[a]`` become
sentinel words so later stages can place them; brackets that are not tags
(IPA ``[ˈlʲɛf]``, a bracket split across lines, a stray ``[``) stay text.

A tag questions the sentence it follows: at the start of a line it belongs
to the previous line (the sentence splitter put it after the full stop),
glued to a word it belongs to that word's sentence, up to the tag.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from ..tags import INLINE_TAGS, InlineTag
from .model import Body, Flag, Token

TAG_PREFIX = "\x00t:"
NOTE_PREFIX = "\x00n:"

_BRACKET = re.compile(r"\[([^\[\]\n]{1,60})\]")
_NOTE_LABEL = re.compile(r"^(?:[a-z]{1,2}|nb \d{1,3}|note \d{1,3})$")


def _tag_words(text: str) -> list[str]:
    return re.sub(r"[^\w\s?]", " ", text.lower()).replace("?", " ?").split()


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def recognise_tag(content: str) -> InlineTag | None:
    """The registered tag a bracket's content names, tolerating dropped stopwords."""
    words = _tag_words(content)
    if not words:
        return None
    for tag in INLINE_TAGS:
        for spelling in (tag.label, *tag.spellings):
            target = _tag_words(spelling)
            content_words = [w for w in target if len(w) > 3]
            if _is_subsequence(words, target) and all(w in words for w in content_words):
                return tag
    return None


def mark_brackets(line: str, notes: Container[str] | None = None) -> str:
    """Replace tags and note markers in one line by sentinel words; ``notes``
    are the labels that are markers (None: every bracket that looks like one)."""

    def replace(match: re.Match[str]) -> str:
        content = match[1].strip()
        tag = recognise_tag(content)
        if tag is not None:
            return f" {TAG_PREFIX}{tag.name} "
        label = _note_label(match)
        if label is not None and (notes is None or label in notes):
            return f" {NOTE_PREFIX}{label} "
        return match[0]

    return _BRACKET.sub(replace, line)


def note_candidates(line: str) -> list[str]:
    """Labels of the brackets in ``line`` that look like note markers, in order."""
    return [
        label
        for match in _BRACKET.finditer(line)
        if not recognise_tag(match[1].strip()) and (label := _note_label(match)) is not None
    ]


def _note_label(match: re.Match[str]) -> str | None:
    content = match[1].strip()
    if not _NOTE_LABEL.match(content):
        return None
    if match.string[: match.start()].rstrip().endswith("}"):
        return None  # a formula's text form: "{\\displaystyle a} [a]"
    return content.replace(" ", "-")  # "[nb 1]": one word, "nb-1"


def note_sequence(candidates: Iterable[str]) -> set[str]:
    """The labels that are note markers: Wikipedia numbers notes a, b, c ... (or
    nb 1, nb 2 ...), so a label counts only with all those before it.  "[x]" in
    a formula or "p[h]" in chemistry stands alone and stays text."""
    present = set(candidates)
    kept: set[str] = set()
    for family in {_label_position(label)[0] for label in present}:
        n = 1
        while (label := _label_at(family, n)) in present:
            kept.add(label)
            n += 1
    return kept


def _label_position(label: str) -> tuple[str, int]:
    """("", 1) for "a", ("", 27) for "aa"; ("nb-", 3) for "nb-3"."""
    digits = re.search(r"\d+$", label)
    if digits:
        return label[: digits.start()], int(digits[0])
    n = 0
    for char in label:
        n = n * 26 + (ord(char) - ord("a") + 1)
    return "", n


def _label_at(family: str, n: int) -> str:
    if family:
        return f"{family}{n}"
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def attach_leading_marks(lines: list[list[str]]) -> list[list[str]]:
    """Move tags and note markers that open a line to the end of the line before.

    The sentence splitter put them after the full stop of the sentence they
    belong to, so they start the next line; moving them back makes every
    later stage see clean line starts.
    """
    result: list[list[str]] = []
    for words in lines:
        lead = 0
        while lead < len(words) and words[lead].startswith((TAG_PREFIX, NOTE_PREFIX)):
            lead += 1
        target = next((r for r in reversed(result) if r), None)
        if lead and target is not None:
            target.extend(words[:lead])
            words = words[lead:]
        result.append(list(words))
    return result


def unknown_brackets(line: str) -> list[str]:
    """Bracketed texts that look like tags but are not registered (for the log)."""
    found = []
    for match in _BRACKET.finditer(line):
        content = match[1].strip()
        if recognise_tag(content) or _NOTE_LABEL.match(content):
            continue
        if content.endswith("?") or " needed" in content:
            found.append(content)
    return found


def build_body(lines: list[tuple[int, list[str]]]) -> Body:
    """Tokens for (line number, words) pairs, with tags turned into :class:`Flag` spans."""
    tokens: list[Token] = []
    flags: list[Flag] = []
    line_starts: dict[int, int] = {}  # input line -> index of its first token
    previous_line: int | None = None
    for number, words in lines:
        first_kept = True
        for word in words:
            if word.startswith(TAG_PREFIX):
                start, end = _claim_span(tokens, line_starts, number, previous_line, first_kept)
                flags.append(Flag(word[len(TAG_PREFIX) :], start, end, line=number))
                continue
            if word.startswith(NOTE_PREFIX):
                label = word[len(NOTE_PREFIX) :]
                if tokens:
                    tokens[-1].notes_after.append(label)
                continue
            if first_kept:
                line_starts[number] = len(tokens)
            tokens.append(Token(word, number, first_kept))
            first_kept = False
        if not first_kept:
            previous_line = number
    return Body(tokens, flags=flags)


def _claim_span(
    tokens: list[Token],
    line_starts: dict[int, int],
    line: int,
    previous_line: int | None,
    at_line_start: bool,
) -> tuple[int, int]:
    if at_line_start:
        if previous_line is None:
            return len(tokens), len(tokens)
        return line_starts[previous_line], len(tokens)
    return line_starts[line], len(tokens)

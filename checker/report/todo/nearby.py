"""The citations around a flagged claim, read from its source file, for ranking candidate sources.

Neighbouring sentences very often cite the same work, so the ranker is told
which sentences of the claim's section cite what: every ``:cite:`` role
(``{cite:p}`` in MyST) and every plain ``[Key]_`` citation, with the
sentence it sits in and the number of its paragraph.  Sections are found by
their reST underlines (or MyST ``#`` headings); only what lies between the
claim's section heading and the next heading of any level counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...rank import Cited
from .context import plain_words

_CITE = re.compile(r":cite:[a-z]*:`([^`]*)`|\{cite(?::[a-z]+)?\}`([^`]*)`|\[([^\]\s#*]+)\]_")
_UNDERLINE = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}\s*$")
_MYST_HEADING = re.compile(r"^#{1,6}\s+\S")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
_DIRECTIVE = re.compile(r"^\s*\.\. ")
_KEYS = re.compile(r"\{[^}]*\}|<[^>]*>")
_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
_HELD = re.compile("\ue000(\\d+)\ue001")


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  #: paragraphs counted from the top of the file
    start: int  #: 1-based first line
    end: int  #: 1-based last line
    heading: int  #: 1-based line of the heading it sits under (0: none)
    text: str  #: the source lines joined, markup kept


def _keys(match: re.Match[str]) -> list[str]:
    raw = next(g for g in match.groups() if g is not None)
    # ``{see}key1,key2{p. 4}`` and ``Text <key>``: keep the keys
    inner = re.search(r"<([^>]*)>", raw)
    raw = inner.group(1) if inner else _KEYS.sub("", raw)
    return [key.strip() for key in raw.split(",") if key.strip()]


def _is_heading(lines: list[str], i: int) -> bool:
    """Whether line ``i`` (0-based) is a title: text over an underline at least as long."""
    if _MYST_HEADING.match(lines[i]):
        return True
    return (
        i + 1 < len(lines)
        and bool(lines[i].strip())
        and _UNDERLINE.match(lines[i + 1]) is not None
        and len(lines[i + 1].rstrip()) >= len(lines[i].rstrip())
        and not _UNDERLINE.match(lines[i])
    )


def paragraphs(source: str) -> list[Paragraph]:
    """The prose blocks of a source file, each with the heading it sits under."""
    lines = source.splitlines()
    found: list[Paragraph] = []
    heading = 0
    i = 0
    while i < len(lines):
        if _is_heading(lines, i):
            heading = i + 1
            i += 1 if _MYST_HEADING.match(lines[i]) else 2
            continue
        if not lines[i].strip() or _UNDERLINE.match(lines[i]) or _DIRECTIVE.match(lines[i]):
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].strip() and not _is_heading(lines, i):
            i += 1
        text = " ".join(line.strip() for line in lines[start:i])
        found.append(Paragraph(len(found), start + 1, i, heading, text))
    return found


def cited_sentences(paragraph: Paragraph) -> list[Cited]:
    """The sentences of a paragraph that cite something, with their keys."""
    # each citation becomes a placeholder first, so "{p. 4}" inside one ends no sentence
    cites: list[list[str]] = []

    def hold(match: re.Match[str]) -> str:
        cites.append(_keys(match))
        return f" \ue000{len(cites) - 1}\ue001"

    masked = _CITE.sub(hold, paragraph.text)
    found = []
    for n, sentence in enumerate(_SENTENCE_END.split(masked)):
        held = [int(i) for i in _HELD.findall(sentence)]
        keys = [key for i in held for key in cites[i]]
        if keys:
            text = _BEFORE_PUNCT.sub(r"\1", plain_words(_HELD.sub(" ", sentence)))
            found.append(Cited(text, tuple(keys), paragraph.number, n))
    return found


def nearby(source: str, line: int | None, claim: str) -> tuple[Cited, ...]:
    """The cited sentences of the section holding ``line``, except the claim's own."""
    if line is None:
        return ()
    blocks = paragraphs(source)
    here = next((p for p in blocks if p.start <= line <= p.end), None)
    if here is None:
        # the claim's line is a heading or blank: take the section of the nearest block above
        here = next((p for p in reversed(blocks) if p.start <= line), None)
        if here is None:
            return ()
    own = " ".join(plain_words(claim).split())
    found = []
    for block in blocks:
        if block.heading != here.heading:
            continue
        found += [c for c in cited_sentences(block) if not (own and own in c.text)]
    return tuple(found)

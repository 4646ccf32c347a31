"""Split prose into sentences, keeping which ones carry a source or a tag.

Pure text work, so the Sphinx glue only has to turn a paragraph into a string
in which every citation, footnote reference or inline tag is one
:data:`MARK` character where it stood. As in the citation-need data, a mark
belongs to the sentence it sits in, or to the one whose final punctuation it
directly follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "\ue000"  #: stands for a citation, footnote reference or tag in the text

# A sentence ends at . ! or ? (plus closing quotes or brackets, plus marks) before
# white space and a capital, a digit or an opening quote or bracket.
_END = re.compile(rf"[.!?][\"'”’)\]]*{MARK}*(?=\s+[\"'“‘(\[]?[A-Z0-9А-ЯЁ])")
# Abbreviations and initials that end in a period but do not end a sentence.
_NOT_END = re.compile(
    r"(?:\b(?:[A-Z]|[a-z]|c|ca|cf|e\.g|i\.e|etc|vs|viz|al|approx|no|nos|vol|pp?|ch|fig|eq|ed|eds"
    r"|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Capt|Sgt|Rev|Hon|Mt|Ft|U\.S|U\.K|Inc|Ltd|Co|Corp"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)
MIN_WORDS = 3  #: shorter sentences are dropped, as in the data the model learnt from


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  #: offset in the paragraph string
    end: int
    text: str  #: as written, marks removed, white space collapsed
    sourced: bool  #: a citation, footnote reference or tag is on it
    index: int  #: position in the paragraph, from 0


def split_sentences(paragraph: str) -> list[Sentence]:
    """The sentences of ``paragraph`` (marks included in the offsets, not in ``text``)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(paragraph):
        head = paragraph[start : match.start() + 1]
        if _NOT_END.search(head.rstrip(MARK)):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(paragraph):
        bounds.append((start, len(paragraph)))
    result: list[Sentence] = []
    for begin, end in bounds:
        raw = paragraph[begin:end]
        text = " ".join(raw.replace(MARK, " ").split())
        if not text:
            continue
        lead = len(raw) - len(raw.lstrip())
        result.append(Sentence(begin + lead, end, text, MARK in raw, len(result)))
    return result


def is_prose(sentence: Sentence) -> bool:
    return len(sentence.text.split()) >= MIN_WORDS

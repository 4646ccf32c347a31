"""The Article model: what the converter recovered from flattened text.

Positions are indices into the body's token stream (:class:`Body`), so the
stages -- headings, tags, banners, notes, references -- can each mark spans
without cutting the text up before every stage has seen it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Token:
    """One word of the body, with its 1-based line in the input."""

    word: str
    line: int
    line_start: bool  #: first word of its input line
    removed: bool = False  #: furniture: accounted for in the log, not in the prose
    #: note labels whose marker follows this word
    notes_after: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Flag:
    """An inline tag wrapping the claim ``tokens[start:end]``."""

    tag: str
    start: int
    end: int
    date: str | None = None
    line: int = 0  #: input line of the tag, for the log


@dataclass(slots=True)
class HeadingSpec:
    """A heading from the contents list, before it is placed in the body."""

    words: list[str]
    level: int
    number: str = ""


@dataclass(slots=True)
class Heading:
    spec: HeadingSpec
    start: int  #: token index of the heading's first word
    end: int  #: token index after its last word
    score: int = 0


@dataclass(slots=True)
class Marker:
    """A structural element placed at a token index (banner, hatnote, caption, quote ...)."""

    kind: str
    at: int  #: token index it stands before
    end: int  #: token index after the words it consumed
    data: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Body:
    tokens: list[Token]
    headings: list[Heading] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    def words(self) -> list[str]:
        return [t.word for t in self.tokens]

    def covered(self) -> set[int]:
        """Indexes of the tokens some marker consumed (furniture, not prose)."""
        return {i for m in self.markers for i in range(m.at, m.end)}


@dataclass(slots=True)
class Reference:
    """One parsed reference (a citation instance) from a references-like section."""

    raw: str
    line: int
    authors: list[str] = field(default_factory=list)  #: "Surname, Given"
    title: str = ""
    publisher: str = ""
    place: str = ""
    year: str = ""
    pages: str = ""
    page_lost: bool = False  #: "p" was there but the number was lost
    accessed: str = ""  #: ISO-ish date the source was retrieved
    website: str = ""
    edition: str = ""
    isbn: str = ""
    doi: str = ""
    journal: str = ""
    volume: str = ""
    number: str = ""
    comment: str = ""  #: words before the reference proper ("see", "detailed account in")
    locator: str = ""  #: where in the work: "chapter xii", "document 59" (a short citation)
    editors: list[str] = field(default_factory=list)  #: "Surname, Given"
    parsed: bool = True
    key: str = ""  #: the bib entry this instance cites, once grouped


@dataclass(slots=True)
class ConversionLog:
    """What the converter did, counted, and what it was unsure of."""

    counts: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)  #: furniture kind -> words
    unsure: list[str] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def remove(self, kind: str, n: int) -> None:
        self.removed[kind] = self.removed.get(kind, 0) + n

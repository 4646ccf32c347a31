"""Flattened text -> :class:`Analysis`: every stage of recognition, in order.

No files are written here; :mod:`.pages` turns the analysis into reST and
:mod:`.convert` writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .boxes import find_bottom_boxes, find_sidebars, find_stylesheets
from .furniture import (
    EXTERNAL_LINK_SECTIONS,
    FURTHER_READING_SECTIONS,
    NOTES_SECTIONS,
    REFERENCE_SECTIONS,
    SEE_ALSO_SECTIONS,
    WORKS_SECTIONS,
)
from .headings import place_headings
from .inline import (
    attach_leading_marks,
    build_body,
    mark_brackets,
    note_candidates,
    note_sequence,
    unknown_brackets,
)
from .layout import Layout, split_layout
from .model import Body, ConversionLog, Heading, Marker
from .structure import (
    RecurringPhrases,
    find_banners,
    find_captions,
    find_hatnotes,
    find_line_captions,
    find_quotes,
)
from .text import rejoin_split_tokens


@dataclass(slots=True)
class Section:
    heading: Heading
    start: int  #: first content token
    end: int  #: token after the content
    #: "prose", "notes", "references", "further-reading", "external-links", "see-also", "works"
    kind: str


@dataclass(slots=True)
class Analysis:
    layout: Layout
    lead: Body
    body: Body
    sections: list[Section]
    authority: list[tuple[str, str]]
    note_labels: list[str]
    log: ConversionLog = field(default_factory=ConversionLog)


def section_kind(words: list[str]) -> str:
    """What a section holds, by its heading."""
    name = " ".join(words)
    for names, kind in (
        (NOTES_SECTIONS, "notes"),
        (REFERENCE_SECTIONS, "references"),
        (FURTHER_READING_SECTIONS, "further-reading"),
        (EXTERNAL_LINK_SECTIONS, "external-links"),
        (SEE_ALSO_SECTIONS, "see-also"),
        (WORKS_SECTIONS, "works"),
    ):
        if name in names:
            return kind
    return "prose"


def analyse(text: str, fallback_title: str) -> Analysis:
    log = ConversionLog()
    raw_lines = text.split("\n")
    joined = [rejoin_split_tokens(raw) for raw in raw_lines]
    labels = note_sequence(label for line in joined for label in note_candidates(line))
    lines = []
    for number, raw in enumerate(raw_lines, 1):
        for unknown in unknown_brackets(raw):
            log.unsure.append(f"line {number}: unknown tag [{unknown}] kept as text")
        lines.append(mark_brackets(joined[number - 1], labels).split())
    lines = attach_leading_marks(lines)
    layout = split_layout(lines, fallback_title)
    log.unsure.extend(layout.unsure)
    lead = build_body(layout.lead)
    body = build_body(layout.body)
    placed, missing = place_headings(body, layout.headings)
    for index in missing:
        log.unsure.append(
            f"heading not found in the body: {' '.join(layout.headings[index].words)}"
        )
    body.headings = placed
    sections = _sections(body, placed)
    stops = {h.start for h in placed}
    for part in (lead, body):
        find_banners(part)
        find_sidebars(part)
    find_stylesheets(body)
    find_hatnotes(body, RecurringPhrases(lines), stops)
    authority: list[tuple[str, str]] = []
    appendix = [s for s in sections if s.kind != "prose"]
    bottom_from = appendix[-1].start if appendix else (sections[-1].start if sections else 0)
    authority = find_bottom_boxes(body, bottom_from)
    find_quotes(body, stops)
    prose = [s for s in sections if s.kind == "prose"]
    find_captions(body, [s.start for s in prose])
    find_line_captions(body, [(s.start, s.end) for s in prose])
    _drop_overlaps(body)
    log.unsure.extend(m.data["unsure"] for m in body.markers if "unsure" in m.data)
    return Analysis(layout, lead, body, sections, authority, sorted(labels, key=note_order), log)


def note_order(label: str) -> tuple[str, int, int | str]:
    """Markers in reading order: a ... z, aa ...; nb-1, nb-2 ... nb-10."""
    digits = re.search(r"\d+$", label)
    if digits:
        return (label[: digits.start()], 0, int(digits[0]))
    return ("", len(label), label)


def _sections(body: Body, headings: list[Heading]) -> list[Section]:
    sections = []
    for k, heading in enumerate(headings):
        end = headings[k + 1].start if k + 1 < len(headings) else len(body.tokens)
        sections.append(Section(heading, heading.end, end, section_kind(heading.spec.words)))
    return sections


def _drop_overlaps(body: Body) -> None:
    """Keep the first of overlapping markers (quotes yield to the furniture inside)."""
    kept: list[Marker] = []
    for marker in sorted(body.markers, key=lambda m: (m.at, -m.end)):
        if kept and marker.at < kept[-1].end and kept[-1].kind != "quote":
            continue
        if kept and kept[-1].kind == "quote" and marker.at < kept[-1].end:
            kept[-1].end = marker.at
            if kept[-1].end <= kept[-1].at:
                kept.pop()
        kept.append(marker)
    body.markers = kept

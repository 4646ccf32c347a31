"""Render the appendix sections: notes, references, further reading, external links."""

from __future__ import annotations

from collections import Counter

from .analyse import Analysis, Section
from .bibtex import Work, group_works, is_short, short_citation
from .model import Reference
from .notes import document_frequencies, marker_contexts, split_notes
from .numbering import drop_stylesheet, footnotes
from .pages import TAG_ROLES, render_marker, render_span
from .references import parse_segment, segment_journals
from .rst import SpanWriter
from .shorttitle import Titles, split_after_titles


def section_lines(analysis: Analysis, section: Section) -> list[tuple[int, list[str]]]:
    """(input line, words) of a section, furniture markers left out."""
    taken = analysis.body.covered()
    lines: list[tuple[int, list[str]]] = []
    for i in range(section.start, section.end):
        if i in taken:
            continue
        token = analysis.body.tokens[i]
        if token.line_start or not lines:
            lines.append((token.line, []))
        lines[-1][1].append(token.word)
    return lines


class AppendixRenderer:
    """Stateful: references found in one section are needed by the next."""

    def __init__(self, analysis: Analysis, raw_lines: list[list[str]]) -> None:
        self.analysis = analysis
        self.raw_lines = raw_lines
        self.references: list[Reference] = []
        self.further: list[Reference] = []
        self.notes: dict[str, str] = {}
        self.works: list[Work] = []
        self._collect_references()

    def _collect_references(self) -> None:
        self.section_refs: dict[int, list[Reference]] = {}
        for section in self.analysis.sections:
            if section.kind == "notes" and self._numbered_citations(section):
                section.kind = "references"
            if section.kind in ("references", "further-reading"):
                pieces = segment_journals(section_lines(self.analysis, section))
                refs = [parse_segment(s) for s in pieces]
                self.section_refs[section.start] = refs
                (self.references if section.kind == "references" else self.further).extend(refs)
        self._split_after_titles()
        self.works = group_works(self.references, self.further)
        self.bibliography_at = self._bibliography_home()
        log = self.analysis.log
        log.count("references", len(self.references))
        log.count("further reading", len(self.further))
        log.count("bibliography entries", len(self.works))
        unparsed = [r for r in [*self.references, *self.further] if not r.parsed]
        log.count("references kept as raw text", len(unparsed))

    def _split_after_titles(self) -> None:
        """Locator citations end with the title they name (:mod:`.shorttitle`)."""
        everything = [*self.references, *self.further]
        titles = Titles(everything)
        split = {id(ref): split_after_titles([ref], titles) for ref in everything}
        self.references = [new for ref in self.references for new in split[id(ref)]]
        self.further = [new for ref in self.further for new in split[id(ref)]]
        for start, refs in self.section_refs.items():
            self.section_refs[start] = [new for ref in refs for new in split[id(ref)]]

    def _numbered_citations(self, section: Section) -> bool:
        """A "Notes" section that is the numbered list of citations (the article's
        footnotes, 1., 2., ...), not its lettered explanatory notes: the chain of
        numbers is there and longer than the notes the text marks."""
        notes = footnotes(drop_stylesheet(section_lines(self.analysis, section)))
        return notes is not None and len(notes) > 2 * len(self.analysis.note_labels)

    def __call__(self, section: Section) -> list[str]:
        kind = section.kind
        if kind == "notes":
            return self._with_markers(section, self.notes_section(section))
        if kind == "references":
            return self._with_markers(section, self.references_section(section), tags=True)
        if kind == "further-reading" and self._lists_entries(section):
            return self._with_markers(section, self.further_section(section), tags=True)
        if kind == "further-reading":
            return self.further_section(section)  # its text as written, markers included
        return self.other_section(section)

    def _with_markers(self, section: Section, lines: list[str], *, tags: bool = False) -> list[str]:
        """A list section shows its banners and hatnotes first and keeps its
        furniture (the citation style sheet, a navbox) as comments after the
        list, as prose sections do, so no word of the input is lost.  With
        ``tags``, a list shown as citations also keeps its inline tags: each
        tagged sentence follows the list as written, its claim wrapped."""
        body = self.analysis.body
        writer = SpanWriter(body, section.start, section.end, TAG_ROLES)
        top: list[str] = []
        bottom: list[str] = []
        for marker in writer.markers:
            words = [t.word for t in body.tokens[marker.at : min(marker.end, section.end)]]
            block = render_marker(marker, words, writer)
            if block:
                (top if marker.kind in ("banner", "hatnote") else bottom).extend([*block, ""])
        tagged: list[str] = []
        if tags:
            for flag in body.flags:
                if section.start <= flag.start < section.end and id(flag) not in writer.rendered:
                    end = min(max(flag.end, flag.start + 1), section.end)
                    tagged += [*writer.paragraph(flag.start, end), ""]
        return top + lines + tagged + bottom

    def notes_section(self, section: Section) -> list[str]:
        analysis = self.analysis
        taken = analysis.body.covered()
        tokens = [
            t
            for i, t in enumerate(analysis.body.tokens[section.start : section.end], section.start)
            if i not in taken
        ]
        labels = analysis.note_labels
        contexts = marker_contexts([analysis.lead.tokens, analysis.body.tokens], labels)
        ranges = split_notes(
            tokens, labels, contexts, document_frequencies(self.raw_lines), len(self.raw_lines)
        )
        if ranges is None:
            if labels:
                analysis.log.unsure.append(
                    f"notes: could not split the section into {len(labels)} notes"
                )
            return render_span(analysis.body, section.start, section.end)
        out: list[str] = []
        # a note's own inline tags ("... city council[better source needed]") wrap
        # its sentences as they do in the prose: render the note's body span
        index = {id(t): i for i, t in enumerate(analysis.body.tokens)}
        writer = SpanWriter(analysis.body, section.start, section.end, TAG_ROLES)
        for label, start, end in ranges:
            first, last = index[id(tokens[start])], index[id(tokens[end - 1])] + 1
            self.notes[label] = " ".join(t.word for t in tokens[start:end])
            text = [line for line in writer.paragraph(first, last) if line]
            out += [f".. efn-text:: {label}", "", *("   " + t for t in text), ""]
        analysis.log.count("notes", len(ranges))
        return out

    def _entries_of_short_citations(self, refs: list[Reference]) -> bool:
        """A "Sources" list: full entries that short citations elsewhere point to."""
        cited = {w.first.key for w in self.works if any(is_short(r) for r in w.instances)}
        return not any(is_short(r) for r in refs) and any(r.key in cited for r in refs)

    def _bibliography_home(self) -> int | None:
        """The one section that shows the bibliography of cited works: the last
        references section, or a later "Bibliography" that defines the entries
        short citations point to (not one that merely repeats a cited work, nor
        further reading)."""
        defined = {id(w.first) for w in self.works if any(is_short(r) for r in w.instances)}
        home = None
        for section in self.analysis.sections:
            refs = self.section_refs.get(section.start, [])
            # further reading lists works to read; the cited ones it also holds
            # are shown where the citations are
            reading = " ".join(section.heading.spec.words) == "further reading"
            defines = not reading and any(id(r) in defined for r in refs)
            if section.kind == "references" or defines:
                home = section.start
        return home

    def _bibliography_lines(self) -> list[str]:
        return [
            ".. only:: html or text",
            "",
            "   .. rubric:: Bibliography",
            "",
            ".. bibliography::",
            '   :filter: not keywords % "further reading"',
            "",
        ]

    def references_section(self, section: Section) -> list[str]:
        refs = self.section_refs.get(section.start, [])
        home = section.start == self.bibliography_at
        if home and self._entries_of_short_citations(refs):
            return self._bibliography_lines()
        out = self.citation_list(refs)
        return out + self._bibliography_lines() if home else out

    def citation_list(self, refs: list[Reference]) -> list[str]:
        by_key = {w.key: w for w in self.works}
        short = Counter(
            (w.first.authors[0].split(",")[0], w.first.year)
            for w in self.works
            if w.first.authors and w.first.year
        )
        out = [".. rubric:: Citations", ""]
        for ref in refs:
            work = by_key[ref.key]
            text = short_citation(ref, work)
            if (
                work.first.authors
                and short[(work.first.authors[0].split(",")[0], work.first.year)] > 1
            ):
                text = short_citation(ref, Work(work.key, Reference(raw="", line=0)))
            out += [f".. [#] {text}", ""]
        return out

    def _lists_entries(self, section: Section) -> bool:
        """Does a further-reading section show bibliography entries (not its text)?"""
        return section.start == self.bibliography_at or any(w.further_reading for w in self.works)

    def further_section(self, section: Section) -> list[str]:
        out = self._bibliography_lines() if section.start == self.bibliography_at else []
        if any(w.further_reading for w in self.works):
            out += [
                ".. bibliography::",
                '   :filter: keywords % "further reading"',
                "   :labelprefix: F",
                "",
            ]
        return out or render_span(self.analysis.body, section.start, section.end)

    def other_section(self, section: Section) -> list[str]:
        out = render_span(self.analysis.body, section.start, section.end)
        if section.kind == "external-links" and self.analysis.authority:
            out += [".. rubric:: Authority control", "", ".. authority-control::", ""]
            out += [f"   :{scheme}: {value}" for scheme, value in self.analysis.authority]
            out.append("")
        return out

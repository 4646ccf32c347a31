"""The analysis as reST pages: ``index.rst`` (title, hatnotes, infobox, lead,
toctree) and one page per top-level section, plus the citation report page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..tags import INLINE_TAGS
from .analyse import Analysis, Section
from .model import Body, Marker
from .rst import SpanWriter, comment, escape, escape_line, hatnote, heading, marker_lines
from .text import format_heading, sentence_case, slugify

#: Role written for each tag: the short alias editors type, as in Wikipedia.
TAG_ROLES = {tag.name: (tag.aliases[0] if tag.aliases else tag.name) for tag in INLINE_TAGS}

REPORT_PAGE = "citation-report"


@dataclass(slots=True)
class Page:
    name: str  #: docname, e.g. "before-1917-revolution"
    title: str
    text: str


def render_marker(marker: Marker, words: list[str], writer: SpanWriter) -> list[str]:
    kind = marker.kind
    if kind == "banner":
        return marker_lines(marker)
    if kind == "hatnote":
        return hatnote(marker.data["target"], marker.data.get("label", "main article"))
    if kind == "caption":
        return [".. rst-class:: caption", "", "*Image:* " + escape(" ".join(words))]
    if kind == "quote":
        lines = writer.paragraph(marker.at, marker.end)
        return ["   " + line for line in lines]
    if kind == "attribution":
        return ["   -- " + escape(sentence_case(marker.data["text"]))]
    return comment(kind, words)


def render_span(body: Body, start: int, end: int) -> list[str]:
    writer = SpanWriter(body, start, end, TAG_ROLES)
    out: list[str] = []
    blocks = writer.blocks(render_marker)
    for block in blocks:
        out.extend(block)
        out.append("")
    return out


def section_pages(analysis: Analysis, special: Callable[[Section], list[str]]) -> list[Page]:
    """One page per top-level section; ``special(section)`` renders appendix contents."""
    pages: list[Page] = []
    used: set[str] = {"index", REPORT_PAGE}
    current: list[str] = []
    previous = 0
    for section in analysis.sections:
        spec = section.heading.spec
        title = format_heading(spec.words)
        # a heading whose parent was not found cannot sit two levels below its
        # neighbour (reST would reject the page): it moves up
        level = min(spec.level, previous + 1)
        if level != spec.level:
            analysis.log.unsure.append(
                f"heading {title!r} moved up to level {level}: its parent heading was not found"
            )
        previous = level
        if level == 1:
            if pages:
                pages[-1].text = "\n".join(current).rstrip() + "\n"
            name = _unique(slugify(" ".join(spec.words)), used)
            pages.append(Page(name, title, ""))
            current = [f".. _{name}:", ""]
        current.extend(heading(title, level))
        if section.kind == "prose":
            current.extend(render_span(analysis.body, section.start, section.end))
        else:
            current.extend(special(section))
    if pages:
        pages[-1].text = "\n".join(current).rstrip() + "\n"
    return pages


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}-{n}", n + 1
    used.add(candidate)
    return candidate


def index_page(analysis: Analysis, pages: list[Page]) -> str:
    layout = analysis.layout
    out = [".. _index:", "", *heading(layout.title, 1)]
    for note in layout.hatnotes:
        out += [".. rst-class:: hatnote", "", escape_line(escape(sentence_case(note)) + "."), ""]
    if layout.infobox:
        out += _infobox(layout.title, layout.infobox_caption, layout.infobox)
    out += render_span(analysis.lead, 0, len(analysis.lead.tokens))
    out += [".. toctree::", "   :maxdepth: 2", "   :caption: Contents", ""]
    out += [f"   {page.name}" for page in pages]
    out += [f"   {REPORT_PAGE}", ""]
    return "\n".join(out).rstrip() + "\n"


def _infobox(title: str, caption: str, rows: list[tuple[str, str]]) -> list[str]:
    out = [f".. list-table:: {escape(title)}", "   :class: infobox", "   :widths: 2 3", ""]
    if caption:
        out += ["   * - *Image*", f"     - {escape(sentence_case(caption))}"]
    for label, value in rows:
        if not label:
            out += [f"   * - **{escape(sentence_case(value))}**", "     -"]
        else:
            out += [f"   * - {escape(label)}", f"     - {escape(value)}" if value else "     -"]
    return [*out, ""]


def report_page() -> str:
    return "\n".join(
        [
            f".. _{REPORT_PAGE}:",
            "",
            *heading("Citation report", 1),
            "Every claim, section and reference of this article that lacks a source.",
            "",
            ".. citation-report::",
            "",
        ]
    )

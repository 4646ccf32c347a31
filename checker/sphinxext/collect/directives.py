"""Block directives: banners, note texts, authority control and the report placeholder."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ... import tags
from .. import nodes as cc
from ..locate import unique_id
from .roles import describe_date

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.typing import OptionSpec

    from ...refs.identifiers import IdentifierResult

_FIELD_LINE = re.compile(r"^:(?P<name>[^:]+):")


class BannerDirective(SphinxDirective):
    """``.. more-citations-needed::`` with ``:scope: section|article`` and ``:date: 2010-11``.

    Optional content is shown inside the banner.  A bad scope or date is
    reported as a ``bad-markup`` / ``bad-date`` finding; the banner still counts.
    """

    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "scope": directives.unchanged,
        "date": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[Node]:
        banner = tags.banner(self.name.lower())  # directive names are case-insensitive
        assert banner is not None, f"{self.name} is registered only for known banners"
        problems: list[tuple[str, str, str]] = []
        scope = self.options.get("scope", "section").strip() or "section"
        if scope not in tags.SCOPES:
            problems.append(
                (
                    "bad-markup",
                    f"banner scope {scope!r} is not one of: {', '.join(tags.SCOPES)}",
                    f":scope: {scope}",
                )
            )
            scope = "section"
        date = self.options.get("date", "").strip() or None
        if date is not None and not tags.is_valid_date(date):
            problems.append(
                (
                    "bad-date",
                    f"banner date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD",
                    f":date: {date}",
                )
            )
            date = None

        node = cc.citecheck_banner(
            "",
            classes=[
                "citecheck-banner",
                f"citecheck-{banner.name}",
                *self.options.get("class", []),
            ],
        )
        node["banner"], node["scope"], node["date"] = banner.name, scope, date
        node["docname"] = self.env.current_document.docname
        node[cc.PROBLEMS] = problems
        self.set_source_info(node)
        node += nodes.title(banner.label, banner.label)
        sentence = f"This {banner.message.format(scope=scope)}."
        if date:
            sentence += f" Flagged since {describe_date(date)}."
        node += nodes.paragraph(sentence, sentence, classes=["citecheck-banner-text"])
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, node)
        serial = self.env.new_serialno("citecheck-banner")
        unique_id(self.state.document, f"citecheck-banner-{serial}", node)
        return [node]


class NoteTextDirective(SphinxDirective):
    """``.. efn-text:: a`` -- the text of explanatory note ``a`` (content = the note)."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = False

    def run(self) -> list[Node]:
        label = self.arguments[0].strip()
        node = cc.citecheck_note("", classes=["citecheck-note"])
        node["label"] = label
        node["docname"] = self.env.current_document.docname
        node[cc.PROBLEMS] = []
        self.set_source_info(node)
        unique_id(self.state.document, f"citecheck-note-{nodes.make_id(label) or 'x'}", node)
        self.state.nested_parse(self.content, self.content_offset, node)
        if not self.content:
            node[cc.PROBLEMS].append(
                (
                    "bad-markup",
                    f"note [{label}] has no text: indent the note under the directive",
                    label,
                )
            )
        # label and back-links, filled in when the document is resolved
        head = [
            nodes.strong(f"{label}.", f"{label}."),
            nodes.Text(" "),
            cc.citecheck_backrefs("", classes=["citecheck-note-backrefs"]),
            nodes.Text(" "),
        ]
        if node.children and isinstance(node[0], nodes.paragraph):
            node[0][0:0] = head
        else:
            node.insert(0, nodes.paragraph("", "", *head))
        return [node]


class AuthorityControlDirective(SphinxDirective):
    """``.. authority-control::`` whose content is a field list of identifiers.

    Rendered as the field list under an "Authority control" rubric; each field
    is collected as an identifier use (``:VIAF: 19685134`` -> ``viaf``, ``19685134``).
    """

    has_content = True

    def run(self) -> list[Node]:
        box = nodes.container("", classes=[cc.AUTHORITY_CLASS])
        self.set_source_info(box)
        box += nodes.rubric("Authority control", "Authority control")
        body = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, body)
        box.extend(body.children)
        lines = [
            self.content_offset + i + 1
            for i, text in enumerate(self.content)
            if _FIELD_LINE.match(text)
        ]
        fields = [
            f
            for child in body.children
            if isinstance(child, nodes.field_list)
            for f in child.children
            if isinstance(f, nodes.field)
        ]
        others = [
            c for c in body.children if not isinstance(c, nodes.field_list | nodes.system_message)
        ]
        identifiers = []
        for i, field in enumerate(fields):
            scheme = field[0].astext().strip().lower()
            value = field[1].astext().strip()
            line = lines[i] if len(lines) == len(fields) else self.lineno
            identifiers.append((scheme, value, line))
        box[cc.AUTHORITY_IDS] = identifiers
        # python-stdnum is loaded by the first page that holds identifiers
        from ...refs.identifiers import validate_identifier

        for field, (scheme, value, _) in zip(fields, identifiers, strict=True):
            _mark_validity(field, validate_identifier(scheme, value))
        box[cc.PROBLEMS] = []
        if others or not fields:
            box[cc.PROBLEMS].append(
                (
                    "bad-markup",
                    "authority-control content must be a field list such as ':VIAF: 19685134'",
                    self.block_text.strip()[:200],
                )
            )
        return [box]


def _mark_validity(field: nodes.field, result: IdentifierResult) -> None:
    """Show each identifier's check in place: passed, or why it failed."""
    text = " ✓" if result.ok else f" ✗ {result.reason}"
    mark = nodes.inline("", text, classes=["citecheck-id-ok" if result.ok else "citecheck-id-bad"])
    body = field[1]
    assert isinstance(body, nodes.field_body)  # docutils builds a field as (name, body)
    paragraphs = list(body.findall(nodes.paragraph))
    (paragraphs[-1] if paragraphs else body).append(mark)


class CitationReportDirective(SphinxDirective):
    """``.. citation-report::`` -- the table of all findings, filled in when resolved.

    The page is left out of the HTML search index (its rows repeat claims whose
    own pages are indexed) unless the ``:search:`` flag is given.
    """

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"search": directives.flag}

    def run(self) -> list[Node]:
        node = cc.citation_report("")
        self.set_source_info(node)
        if "search" not in self.options:
            self.env.metadata[self.env.current_document.docname]["nosearch"] = ""
        return [node]

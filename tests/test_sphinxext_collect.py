"""The extension's collection: exact files, lines, sections; reference inputs; bad markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.refs.model import CitationKind
from checker.sphinxext import get_ref_inputs
from checker.sphinxext.domain import get_domain

FORMS = "citecheck-forms"  # the folder sphinx.testing copies the root to


def _report(app) -> dict:
    return json.loads((Path(app.outdir) / "citations.json").read_text(encoding="utf-8"))


@pytest.mark.sphinx("citations", testroot="citecheck-forms")
def test_every_finding_has_exact_path_line_and_section(app) -> None:
    app.build()
    got = [(f["path"], f["line"], f["rule"], f["section"]) for f in _report(app)["findings"]]
    forms = f"{FORMS}/forms.rst"
    assert got == [
        (forms, 8, "citation-needed", "Paragraphs"),
        (forms, 9, "citation-needed", "Paragraphs"),  # role spanning two lines
        (forms, 12, "citation-needed", "Paragraphs"),  # markup inside the claim
        (forms, 20, "who", "Lists and tables"),  # second line of a list item
        (forms, 28, "citation-needed", "Lists and tables"),  # second line of a table cell
        (forms, 37, "citation-needed", "Footnotes"),  # second line of a footnote
        (forms, 44, "bad-date", "Problems"),
        (forms, 44, "citation-needed", "Problems"),
        (forms, 46, "note-missing", "Problems"),
        (forms, 48, "note-orphan", "Problems"),
        (forms, 56, "note-duplicate", "Problems"),
        (forms, 75, "bad-markup", "More problems"),  # :scope: chapter
        (forms, 75, "more-citations-needed", "More problems"),
        (forms, 78, "bad-markup", "More problems"),  # authority control without fields
        (f"{FORMS}/included.txt", 5, "citation-needed", "Included"),  # via .. include::
        (f"{FORMS}/markdown.md", 6, "citation-needed", "In MyST"),
        (f"{FORMS}/markdown.md", 8, "more-citations-needed", "In MyST"),  # MyST directive
        (f"{FORMS}/markdown.md", 12, "clarification-needed", "In MyST"),
    ]


@pytest.mark.sphinx("citations", testroot="citecheck-forms")
def test_claim_text_and_dates(app) -> None:
    app.build()
    findings = _report(app)["findings"]
    by_line = {(f["path"].rsplit("/", 1)[1], f["line"], f["rule"]): f for f in findings}
    spans = by_line[("forms.rst", 9, "citation-needed")]
    assert spans["text"] == "that spans two lines" and spans["date"] == "2011-01"
    markup = by_line[("forms.rst", 12, "citation-needed")]
    assert markup["text"] == "the emphasised claim with code and a link"
    assert markup["date"] == "2012-05"
    bad = by_line[("forms.rst", 44, "citation-needed")]
    assert bad["text"] == "here" and bad["date"] is None  # the claim survives a bad date
    assert by_line[("forms.rst", 44, "bad-date")]["category"] == "structure"
    myst = by_line[("markdown.md", 6, "citation-needed")]
    assert myst["text"] == "a MyST claim" and myst["date"] == "2014-02"
    assert by_line[("markdown.md", 12, "clarification-needed")]["text"] == "claim with emphasis"
    assert by_line[("forms.rst", 56, "note-duplicate")]["message"].count("forms.rst:52") == 1


@pytest.mark.sphinx("citations", testroot="citecheck-forms")
def test_reference_inputs_for_the_rules(app) -> None:
    app.build()
    inputs = get_ref_inputs(app)
    assert inputs.bibfiles == [(Path(app.srcdir) / "refs.bib").resolve()]
    assert inputs.bibfiles[0].is_absolute()
    cites = [(c.key, c.kind, c.where.line, c.where.section) for c in inputs.citations]
    assert cites == [
        ("Jones1999", CitationKind.PLAIN, 34, "Footnotes"),
        ("smith2001", CitationKind.CITE, 34, "Footnotes"),  # :cite:p:
        ("smith2001", CitationKind.CITE, 34, "Footnotes"),  # :cite:t:
    ]
    (footnote,) = inputs.footnotes
    assert footnote.label == "1"
    assert footnote.text == "Smith 2001, p. 4, and a claim in a footnote."
    assert footnote.where.line == 36 and footnote.where.path == f"{FORMS}/forms.rst"
    ids = [(i.scheme, i.value, i.where.line) for i in inputs.identifiers]
    assert ids == [("viaf", "19685134", 64), ("lccn", "n79054261", 65)]
    assert [(link.url, link.where.line) for link in inputs.links] == [("https://example.org/x", 13)]


@pytest.mark.sphinx("citations", testroot="citecheck-multi")
def test_notes_and_banners_are_recorded(app) -> None:
    app.build()
    docs = get_domain(app).docs
    assert set(docs) == {"index", "report", "notes", *(f"ch{i}" for i in range(1, 8))}
    (first, second) = docs["notes"].notes
    assert (first.label, first.text) == (
        "a",
        "The first note, cited from chapter three and chapter four.",
    )
    assert (second.label, second.where.line) == ("b", 8)
    assert [(m.label, m.where.line) for m in docs["ch4"].markers] == [("a", 7)]
    (banner,) = docs["ch1"].banners
    assert (banner.scope, banner.date, banner.text, banner.where.line) == (
        "section",
        "2010-11",
        "Early life",
        7,
    )
    assert docs["report"].has_report and not docs["ch2"].cross_doc and docs["ch3"].cross_doc

"""The built PDF as a reader meets it: its text, fonts and pages, read with poppler.

The committed docs/ are built once per session with ``make pdf``'s command
(Sphinx's LaTeX builder, xelatex via latexmk; the xdist workers share the
build through a lock).  xelatex exits 0 when a glyph is missing, so the log
is read too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from site_support import (
    DOCS,
    PROJECT,
    build_citations,
    build_pdf,
    missing_pdf_tools,
    normalise,
    once,
    pdffonts,
    pdftotext,
    read_report,
    render_page,
    shared_tmp,
)

from checker import tags

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.skipif(
        bool(missing_pdf_tools()),
        reason=f"missing {' '.join(missing_pdf_tools())}: run make sysdeps to build the PDF",
    ),
]

PAGES = Path(os.environ.get("CITECHECK_SCREENSHOTS", PROJECT / "build" / "screenshots"))
#: the seed's non-Latin text, as the article writes it
CYRILLIC = "лев дави́дович тро́цкий"
IPA = ("/ˈtrɒtski/", "[ˈlʲɛf ˈtrotskʲɪj]")
#: a title line (over- and underlined, or underlined) in the converted reST
TITLE = re.compile(r"^(?:([=\-~^\"'`#*+])\1+\n)?(?P<title>\S.*)\n([=\-~^\"'`#*+])\3+$", re.M)


@pytest.fixture(scope="session")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = shared_tmp(tmp_path_factory)
    (document,) = (once(root, "site-pdf", build_pdf) / "latex" / "latex").glob("*.pdf")
    text = pdftotext(document)
    return {
        "path": document,
        "log": document.with_suffix(".log").read_text(encoding="utf-8", errors="replace"),
        "tex": document.with_suffix(".tex").read_text(encoding="utf-8"),
        "pages": text.split("\f"),
        "text": normalise(text),
        "report": read_report(once(root, "citations", build_citations)),
    }


def _toctree_docs() -> list[str]:
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    block = index.split(".. toctree::", 1)[1]
    return [line.strip() for line in block.splitlines()[1:] if line.strip() and ":" not in line]


def _titles(doc: str) -> list[str]:
    text = (DOCS / f"{doc}.rst").read_text(encoding="utf-8")
    return [m["title"].strip() for m in TITLE.finditer(text)]


def _plain(text: str) -> str:
    return normalise(text).lower().replace("\u2019", "'")


def test_cyrillic_and_ipa_come_out_as_text(pdf) -> None:
    for expected in (CYRILLIC, *IPA):
        assert normalise(expected) in pdf["text"], expected


def test_no_missing_glyphs_and_every_font_embedded(pdf) -> None:
    assert "Missing character" not in pdf["log"]
    fonts = pdffonts(pdf["path"])
    assert fonts, "pdffonts lists no font"
    assert [f["name"] for f in fonts if f["emb"] != "yes"] == []
    assert any("FreeSerif" in f["name"] for f in fonts)


def test_every_flag_label_counts_as_the_report_does(pdf) -> None:
    flags = [f for f in pdf["report"]["findings"] if f["category"] == "flag"]
    assert flags
    for tag in tags.INLINE_TAGS:
        expected = sum(1 for f in flags if f["rule"] == tag.name)
        assert pdf["text"].count(tag.bracketed) == expected, tag.bracketed
    # each label links to its row of the report appendix
    for finding in flags:
        assert f"citation-report:citecheck-{finding['id']}" in pdf["tex"]


def test_every_internal_link_has_a_target(pdf) -> None:
    """Flag -> report row -> claim, note marker -> note, citation -> entry: none dangles."""
    log = pdf["log"].replace("\n", "")
    assert re.findall(r"Hyper reference `([^']*)' on page", log) == []
    assert re.findall(r"Label `([^']*)' multiply defined", log) == []
    assert r"\hyperref[\detokenize{notes:citecheck-note-a}]" in pdf["tex"]


def test_banners_are_framed_notes(pdf) -> None:
    banners = [f for f in pdf["report"]["findings"] if f["category"] == "banner"]
    assert banners
    assert pdf["tex"].count(r"\begin{sphinxadmonition}{warning}") >= len(banners)
    assert pdf["text"].count("needs additional citations") == len(banners)


def test_section_titles_in_reading_order(pdf) -> None:
    titles = [t for doc in _toctree_docs() for t in _titles(doc)]
    text = _plain(pdf["text"])
    # skip the table of contents: the body starts at the first chapter's second mention
    first = _plain(titles[0])
    position = text.index(first, text.index(first) + 1)
    missing = []
    for title in titles:
        found = text.find(_plain(title), position)
        if found < 0:
            missing.append(title)
        else:
            position = found
    # only a chapter that held nothing but a bibliography may go (its entries are at the end)
    dropped = [t for doc in _toctree_docs() if _is_bibliography_only(doc) for t in _titles(doc)]
    assert missing == dropped


def _is_bibliography_only(doc: str) -> bool:
    body = (DOCS / f"{doc}.rst").read_text(encoding="utf-8")
    directives = re.findall(r"^\.\. ([\w-]+)::", body, re.M)
    prose = [
        line
        for line in body.splitlines()
        if line.strip()
        and not line.startswith((" ", ".. ", "="))
        and line.strip() not in _titles(doc)
    ]
    return directives == ["bibliography"] and not prose


def test_notes_references_report_appendix_and_bibliography(pdf) -> None:
    text = pdf["text"]
    notes = text.index("NOTES")
    assert text.index("a. ↑ Russian", notes) > notes  # notes as endnotes with a way back
    references = text.index("REFERENCES", notes)
    # the short citations, numbered as in the HTML footnotes
    assert re.search(r"Citations 1\. \S.*? 2\. \S", text[references:])
    appendix = text.index("APPENDIX A")
    assert text.index("CITATION REPORT", appendix) > appendix > references
    flags = sum(1 for f in pdf["report"]["findings"] if f["category"] == "flag")
    assert f"{flags} flagged claims in" in text[appendix:]
    assert text.rindex("Bibliography") > appendix
    assert r"\appendix" in pdf["tex"]


def test_page_one_and_a_section_page_render(pdf) -> None:
    PAGES.mkdir(parents=True, exist_ok=True)
    # the first page of the first chapter: its title on a page without the contents' leaders
    first = _plain(_titles(_toctree_docs()[0])[0])
    section_page = next(
        i
        for i, page in enumerate(pdf["pages"], 1)
        if first in _plain(page) and ". . . ." not in page
    )
    for number, name in ((1, "pdf-page-1"), (section_page, "pdf-section")):
        png = render_page(pdf["path"], number, PAGES / f"{name}.png")
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert height > width > 500  # an A4 portrait page at 80 dpi
        assert png.stat().st_size > 10_000  # text on it, not a blank page

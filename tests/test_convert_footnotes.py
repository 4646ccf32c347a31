"""Footnote numbers cut a flattened references list (checker.article.numbering)."""

from __future__ import annotations

from checker.article.numbering import drop_stylesheet, footnotes
from checker.article.references import segment_journals


def numbered(text: str) -> list[tuple[int, list[str]]]:
    return [(n, line.split()) for n, line in enumerate(text.strip().split("\n"), 1)]


# "1." and "8." were dropped as stopwords; "p" / "13" and "4 625" end lines too.
LIST = """
cresswell julia 2010
oxford dictionary word origins
oxford university press
2
hale george 1999
book rivers
p
13
3
b c okafor ben 2005
title glaciers
journal ice 4 625
4
rivers lakes
archived original 26 july 2018
retrieved 26 july 2018
5
lund kari 2001
tides
6
pine 2003 p
7
7
moss 2004
retrieved 3 may 2019
berg 2006 p 9
9
elm 2007
"""


def test_numbers_cut_the_list_and_dropped_numbers_are_found() -> None:
    notes = footnotes(numbered(LIST))
    assert notes is not None
    assert [n.number for n in notes] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    firsts = [" ".join(n.lines[0][1][:2]) for n in notes]
    assert firsts == [
        "cresswell julia",
        "hale george",
        "okafor ben",  # the backlink letters "b c" are gone
        "rivers lakes",
        "lund kari",
        "pine 2003",
        "moss 2004",
        "berg 2006",  # footnote 8: its number was dropped, after a "retrieved" line
        "elm 2007",
    ]
    # the page number after "p" is not footnote 13, and "7" / "7" keeps its page
    assert notes[1].lines[-1][1] == ["13"]
    assert notes[5].lines[-1] == (22, ["7"])


def test_segments_follow_the_footnotes() -> None:
    segments = segment_journals(numbered(LIST))
    assert [s.line for s in segments] == [1, 5, 10, 14, 18, 21, 24, 26, 28]
    assert segments[0].words[:3] == ["cresswell", "julia", "2010"]


def test_a_list_without_numbers_is_left_to_the_text_rules() -> None:
    assert footnotes(numbered("smith john 1990\ntitle one\njones 2001\ntitle two")) is None


def test_the_stylesheet_is_dropped_and_the_number_after_it_kept() -> None:
    lines = numbered(
        """
cresswell julia 2010
mw-parser-output cite
citation{font-style inherit}
mw-parser-output
citation q{quotes \\ \\ ' ' }
mw-parser-output
cs1-kern-wl-right{padding-right 0
2em} 3
animal
"""
    )
    assert [w for _, w in drop_stylesheet(lines)] == [
        ["cresswell", "julia", "2010"],
        ["3"],
        ["animal"],
    ]


NOTES_OF_CITATIONS = """example river
example river river southern norway
contents history 2 notes 3 references history
example river flows south through three valleys
it floods every spring
notes
hansen 1999 p
41
2
berg 2004 p
7
3
lund 2001 p
9
4
moe 2011 p
12
references
hansen ole 1999
rivers norway
oslo fjord press
berg kari 2004
sediment valleys
bergen university press
"""


def test_a_notes_section_of_numbered_citations_is_read_as_references() -> None:
    from checker.article.convert import convert_text

    conversion = convert_text(NOTES_OF_CITATIONS, "Example river")
    kinds = {" ".join(s.heading.spec.words): s.kind for s in conversion.analysis.sections}
    assert kinds["notes"] == "references"  # no note marker in the text: these are citations
    notes = conversion.files["notes.rst"]
    assert ".. [#] Hansen 1999, p. 41." in notes and ".. [#] Berg 2004, p. 7." in notes
    bib = conversion.files["references.bib"]
    assert "x-cited-as = {hansen 1999 p 41}" in bib  # the short citation joined its entry

"""Each recognition rule of the converter, on small articles written for it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from build_support import sphinx_build

from checker.article.convert import convert_text
from checker.article.inline import mark_brackets, note_sequence, recognise_tag
from checker.article.model import Token
from checker.article.notes import marker_contexts, split_notes
from checker.article.references import parse, segment
from checker.article.text import format_heading, match_phrase

DATA = Path(__file__).parent / "data" / "articles"


def test_heading_format() -> None:
    assert format_heading(["split", "party", "1903–1904"]) == "Split party (1903–1904)"
    assert (
        format_heading(["head", "red", "army", "spring", "1918"]) == "Head red army (spring 1918)"
    )
    assert format_heading(["1918"]) == "1918"


@pytest.mark.parametrize(
    ("content", "tag"),
    [
        ("citation needed", "citation-needed"),
        ("clarification needed", "clarification-needed"),
        ("by whom?", "by-whom"),
        ("according whom?", "according-to-whom"),  # "to" removed by the flattening
        ("dubious – discuss", "dubious"),
        ("failed verification", "failed-verification"),
        ("ˈlʲɛf ˈtrotskʲɪj", None),
        ("o", None),
        ("needed", None),
    ],
)
def test_tag_recognition(content: str, tag: str | None) -> None:
    found = recognise_tag(content)
    assert (found.name if found else None) == tag


def test_brackets_that_are_not_tags() -> None:
    line = "name [ˈnæm] pronounced [o"
    assert mark_brackets(line) == line


def test_phrase_match_tolerates_only_stopwords() -> None:
    words = ["section", "needs", "additional", "citations", "verification"]
    assert match_phrase(words, 0, "section needs additional citations for verification") == 5
    assert match_phrase(["articles", "notes"], 0, "main articles") == 0


def test_second_article_converts(tmp_path: Path) -> None:
    text = (DATA / "grace-example.txt").read_text(encoding="utf-8")
    conv = convert_text(text, "Grace Example")
    files = conv.files
    assert sorted(files) == [
        "career-1930-1986.rst",
        "citation-report.rst",
        "early-life-education-1906-1930.rst",
        "index.rst",
        "legacy.rst",
        "notes.rst",
        "references.bib",
        "references.rst",
        "see-also.rst",
    ]
    career = files["career-1930-1986.rst"]
    assert "Harvard mark (1944–1949)\n~~~~" in career  # third level
    assert ":by-whom:`She worked mark computer team members` later praised." in career
    assert ":clarify:`Team developed first compiler ran 1952`\\ :efn:`b`." in career
    assert ".. more-citations-needed::\n   :scope: section\n   :date: 2015-03" in career
    assert ".. seealso:: Main article: Cobol" in career
    assert ".. citecheck-removed sidebar:" in career
    assert "   -- Grace example interview 1985" in career
    index = files["index.rst"]
    # a tag opening the contents line belongs to the lead's last sentence
    assert ":cn:`Wrote compiler manuals used decades`." in index
    assert "   * - Preceded by\n     - John Smith" in index
    assert "Stray bracket [ remains text." in files["legacy.rst"]
    notes = files["notes.rst"]
    assert ".. efn-text:: a\n\n   Full name grace brewster murray example." in notes
    assert ".. efn-text:: b\n\n   Linker program combines object files." in notes
    refs = files["references.rst"]
    assert ".. [#] Smith 1990, p. 45." in refs and ".. [#] Jones 2001, pp. 12-14." in refs
    assert ":VIAF: 59130577" not in files["legacy.rst"]
    assert conv.analysis.authority == [
        ("VIAF", "59130577"),
        ("LCCN", "n82058474"),
        ("ISNI", "0000 0001 2139 3563"),
    ]


def test_no_contents_list_degrades_to_one_section() -> None:
    conv = convert_text("some article text here\n[citation needed] more text here", "Plain")
    assert "no contents list found" in " ".join(conv.analysis.log.unsure)
    assert ":cn:`Some article text here`." in conv.files["index.rst"]


def test_reference_segmentation_pages_on_next_line() -> None:
    lines = [
        (1, ["isaac", "example", "prophet", "book", "oxford", "university", "press", "1954", "p"]),
        (2, ["145", "david", "other", "defence", "2010", "pp"]),
        (3, ["59-60", "lost", "leaders"]),
        (4, ["retrieved", "may"]),
    ]
    refs = [parse(n, w) for n, w in segment(lines)]
    assert [r.pages for r in refs] == ["145", "59-60", ""]
    assert refs[0].authors == ["Example, Isaac"] and refs[0].publisher == "Oxford University Press"
    assert refs[0].year == "1954"
    assert refs[2].accessed == "may"  # an incomplete date stays as written


def test_unknown_tag_is_logged_and_kept() -> None:
    conv = convert_text("text here [fact needed] more\nline two", "Plain")
    assert any("unknown tag [fact needed]" in u for u in conv.analysis.log.unsure)
    assert "[fact needed]" in conv.files["index.rst"]


def test_rest_special_characters_are_escaped() -> None:
    conv = convert_text("- dash start\na *starred* `tick` word_ here | bar", "X")
    index = conv.files["index.rst"]
    assert r"\*starred\*" in index and r"\`tick\`" in index and r"word\_" in index
    assert r"\|" in index
    assert re.search(r"^\\- dash start", index, re.M)


def test_subsection_whose_parent_heading_is_missing_moves_up(tmp_path: Path) -> None:
    text = (
        "contents career 2\n"
        "navy service 2\n"
        "2 later work 3 legacy navy service she joined the navy in 1943\n"  # no "career"
        "she taught at sea\n"
        "later work she wrote compilers\n"
        "legacy a ship bears her name"
    )
    conv = convert_text(text, "Example")
    assert any("moved up to level 1" in u for u in conv.analysis.log.unsure)
    page = conv.files["navy-service.rst"]
    assert page.splitlines()[2:5] == ["============", "Navy service", "============"]
    assert "Later work\n----------" in page  # one level below, not two
    src = tmp_path / "src"
    src.mkdir()
    for name, content in conv.files.items():
        (src / name).write_text(content, encoding="utf-8")
    (src / "conf.py").write_text('extensions = ["checker"]\n', encoding="utf-8")
    assert sphinx_build(src, tmp_path / "out", "citations") == ""


def test_only_words_the_flattening_removes_may_be_missing_from_a_phrase() -> None:
    # "further" survives flattening, so "information" alone is not the hatnote
    # "Further information: ..." -- it is prose
    assert match_phrase(["further", "information", "x"], 0, "further information") == 2
    assert match_phrase(["additional", "information", "x"], 1, "further information") == 0
    # "not to be confused with" keeps only "confused"
    assert match_phrase(["confused", "vector", "field"], 0, "not to be confused with") == 1
    text = (
        "contents uses 2 see also uses skewed data provide additional information "
        "variance does [citation needed]\nsee also text"
    )
    page = convert_text(text, "X").files["uses.rst"]
    assert "seealso" not in page
    assert ":cn:`Skewed data provide additional information variance does`" in page


def test_second_glued_tag_on_a_line_wraps_the_first_claim_and_what_follows() -> None:
    text = (
        "lead\ncontents uses 2 see also uses cooled adiabatically[clarification needed] "
        "ams glossary[clarification needed]\nsee also text"
    )
    page = convert_text(text, "X").files["uses.rst"]
    assert ":clarify:`:clarify:\\`Cooled adiabatically\\` ams glossary`." in page


def test_note_sentence_opening_with_a_participle_continues_its_note() -> None:
    # note b's marker shares "council" with the second sentence of
    # note a, but that sentence opens "[it was] overturned": it leans back on
    # the sentence before, so it stays in note a
    def line(number: int, text: str) -> list[Token]:
        words = text.split()
        return [Token(w, number, i == 0) for i, w in enumerate(words)]

    article = [*line(1, "treaty signed 1920 harbour"), *line(2, "city council vote tax")]
    article[3].notes_after.append("a")
    article[-1].notes_after.append("b")
    section = [
        *line(10, "harbour treaty letter signed march 1920"),
        *line(11, "overturned council months later"),
        *line(12, "tax council vote followed protest"),
    ]
    contexts = marker_contexts([article], ["a", "b"])
    ranges = split_notes(section, ["a", "b"], contexts, Counter(), 100)
    assert ranges == [("a", 0, 10), ("b", 10, 15)]


def test_citation_style_sheet_in_the_references_is_furniture() -> None:
    text = (
        "lead\ncontents history 2 references history text here\n"
        "references smith john 1990 history widgets oxford university press\n"
        "2\n"
        "mw-parser-output cite\n"
        "citation{font-style inherit}\n"
        "mw-parser-output\n"
        "cs1-lock-free a{background url //upload\n"
        "wikimedia\n"
        "png no-repeat background-position right\n"
        "1em center}\n"
        "mw- parser-output\n"
        "cs1-kern- wl-right{padding-right 0\n"
        "2em} 3\n"
        "jones mary 2001 gadgets penguin books"
    )
    conv = convert_text(text, "X")
    page = conv.files["references.rst"]
    # kept as a comment after the list, as furniture is in prose sections
    assert ".. citecheck-removed stylesheet:" in page
    assert "mw-parser-output cite citation{font-style inherit}" in page
    bib = conv.files["references.bib"]
    assert "parser" not in bib and "wikimedia" not in bib and "jones" in bib.lower()


def test_notes_and_references_section_holds_the_citations() -> None:
    text = (
        "lead\ncontents history 2 notes references history text here\n"
        "notes references smith john 1990 history widgets oxford university press\n"
        "jones mary 2001 gadgets penguin books"
    )
    conv = convert_text(text, "X")
    assert [s.kind for s in conv.analysis.sections] == ["prose", "references"]
    assert "smith" in conv.files["references.bib"].lower()


def test_note_markers_follow_wikipedia_s_sequence() -> None:
    # [a] [b] are notes; "p[h]" (chemistry) and "[x]" after a formula are not
    text = (
        "lead mentions p[h] scale[a] and {\\displaystyle x} [x] value[b]\n"
        "contents uses 2 notes uses text\n"
        "notes first note text\n"
        "second note text"
    )
    conv = convert_text(text, "X")
    assert conv.analysis.note_labels == ["a", "b"]
    index = conv.files["index.rst"]
    assert "p[h] scale\\ :efn:`a`" in index and "[x] value\\ :efn:`b`" in index
    assert note_sequence(["a", "b", "d", "nb-1", "nb-3"]) == {"a", "b", "nb-1"}
    assert note_sequence(["aa", "z"]) == set()  # "aa" comes after a ... z


def test_navbox_authority_control_and_page_footer() -> None:
    text = (
        "lead\ncontents history 2 external links history text here\n"
        "external links official site v t e widgets gadget sprocket cog "
        "authority control [edit wikidata] gnd 4160175-0 ndl 00562088 "
        "retrieved https //en wikipedia org/w/ index php?title=widget&oldid=909033942 "
        "categories widgets hidden categories wikipedia articles gnd identifiers"
    )
    conv = convert_text(text, "X")
    # the footer's category "... gnd identifiers" is not a second GND
    assert conv.analysis.authority == [("GND", "4160175-0"), ("NDL", "00562088")]
    page = conv.files["external-links.rst"]
    assert ".. citecheck-removed navbox:\n   v t e widgets gadget sprocket cog" in page
    assert "Official site." in page


def test_a_tag_inside_a_references_list_is_kept() -> None:
    text = (
        "lead\ncontents history 2 references history text here\n"
        "references smith john 1990 history widgets oxford university press\n"
        "jones 2001 p 332[full citation needed]\n"
        "brown mary 2005 gadgets penguin books"
    )
    page = convert_text(text, "X").files["references.rst"]
    assert ":full-citation-needed:`Jones 2001 p 332`" in page

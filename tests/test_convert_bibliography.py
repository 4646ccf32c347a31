"""A bibliography or further-reading list, written "surname given [initial] [year]
title place publisher" (checker.article.authors, segment, references): each rule on a
small made-up list, then the seed's Further reading list."""

from __future__ import annotations

from checker.article.convert import convert_text
from checker.article.model import Reference
from checker.article.references import parse_segment, segment_journals


def read_list(*lines: str) -> list[Reference]:
    segments = segment_journals([(n, line.split()) for n, line in enumerate(lines, 1)])
    return [parse_segment(s) for s in segments]


def test_an_inverted_name_closed_by_an_initial_needs_no_year() -> None:
    (ref,) = read_list("walker anne j tides moon", "new york harbour press")
    assert ref.authors == ["Walker, Anne J."]
    assert (ref.title, ref.publisher, ref.year) == ("tides moon", "Harbour Press", "")
    assert ref.parsed


def test_an_inverted_name_alone_on_its_line_is_the_author() -> None:
    (ref,) = read_list("walker anne", "tides 1990 harbour press")
    assert (ref.authors, ref.year, ref.title) == (["Walker, Anne"], "1990", "tides")
    assert ref.parsed


def test_a_middle_name_a_year_range_and_an_editor() -> None:
    levine, cole, hart = read_list(
        "levine isaac don 1960 mind tides harbour press",
        "cole anne 1989–93 4 vols london harbour press",
        "hart james ed 1971 letters moon yale university press",
    )
    assert (levine.authors, levine.year) == (["Levine, Isaac Don"], "1960")
    # a multi-volume work whose title the flattening lost: sure, and without a title
    assert (cole.authors, cole.year, cole.title, cole.comment) == (
        ["Cole, Anne"],
        "1989–93",
        "",
        "4 vols",
    )
    assert cole.publisher == "Harbour Press" and cole.parsed
    assert (hart.authors, hart.editors, hart.year) == ([], ["Hart, James"], "1971")
    assert hart.title == "letters moon" and hart.parsed


def test_a_link_label_after_the_item_is_not_its_title() -> None:
    (ref,) = read_list("walker anne", "tides 2006 routledge excerpt text search")
    assert (ref.title, ref.publisher, ref.comment) == ("tides", "Routledge", "excerpt text search")


def test_a_name_cut_at_its_dot_before_the_year_line_opens_the_next_item() -> None:
    refs = read_list(
        "hall mary 1979 tides london harbour press bell john ed",
        "1969 letters moon",
        "essays reviews",
        "new york merit publishers",
        "gray anne 1960 waves",
        "new york signet",
    )
    assert [r.raw for r in refs] == [
        "hall mary 1979 tides london harbour press",
        "bell john ed 1969 letters moon essays reviews new york merit publishers",
        "gray anne 1960 waves new york signet",
    ]
    assert refs[1].editors == ["Bell, John"] and refs[1].publisher == "Merit Publishers"


def test_a_name_at_a_line_end_without_a_year_after_it_stays() -> None:
    refs = read_list("hall mary 1979 tides london harbour press bell john ed", "letters moon")
    assert refs[0].raw == "hall mary 1979 tides london harbour press bell john ed"


def test_a_period_or_a_year_in_the_title_is_not_a_second_date() -> None:
    armed, two = read_list(
        "king anne 1965 prophet armed trotsky 1879–1921 harbour press",
        "king anne 1959 prophet unarmed 1963 prophet outcast harbour press",
    )
    assert armed.year == "1965" and armed.parsed
    assert not two.parsed  # two works run together: the second's year is in the title


def test_the_seed_s_further_reading_parses_with_confidence(seed_text: str) -> None:
    from pybtex.database import parse_string

    conversion = convert_text(seed_text, "Leon Trotsky")
    bib = parse_string(conversion.files["references.bib"], "bibtex").entries
    by_raw = {e.fields["x-raw"].split()[0]: e for e in bib.values()}
    for surname in ("wistrich", "daniels", "swain", "cliff", "levine", "hansen"):
        assert "x-parse" not in by_raw[surname].fields, surname
    wistrich = by_raw["wistrich"]
    assert str(wistrich.persons["author"][0]) == "Wistrich, Robert S."
    assert wistrich.fields["publisher"] == r"Stein \& Day"  # BibTeX escapes the ampersand
    assert str(by_raw["hansen"].persons["editor"][0]) == "Hansen, Joseph"
    assert by_raw["levine"].fields["publisher"].startswith("New American Library")


def test_a_full_date_after_the_names_and_initials_tell_several_authors() -> None:
    chen, two, may = read_list(
        "chen wai 16 november 2004 tides handbook academic press",
        "krawczyk a wiak s january 2002 fields moon harbour press",
        "may 1922 unknown lenin",
    )
    assert (chen.authors, chen.year, chen.title) == (["Chen, Wai"], "2004", "tides handbook")
    assert (two.authors, two.year) == (["Krawczyk, A.", "Wiak, S."], "2002")
    assert two.parsed and not may.authors  # a date alone names nobody
    # two unknown words before a name are a comment, not a first author
    (comment,) = read_list("detailed account smith john 1970 tides harbour press")
    assert comment.authors == ["Smith, John"] and comment.comment == "detailed account"


def test_a_publisher_s_line_with_the_identifier_continues_the_item() -> None:
    refs = read_list(
        "leon-garcia alberto 2008 probability random tides",
        "prentice hall isbn 978-0-13-147122-1",
        "bobrow leonard 1996 fundamentals oxford university press isbn 978-0-19-510509-4",
        "john wiley & sons isbn 978-0-470-69748-1",
    )
    assert refs[0].raw.endswith("tides prentice hall isbn 978-0-13-147122-1")
    assert refs[0].isbn == "978-0-13-147122-1" and refs[0].parsed
    assert refs[0].authors[0].lower() == "leon-garcia, alberto"  # a hyphenated surname
    assert len(refs) == 3
    # a reference has one ISBN: a second one's line is not its own
    assert refs[2].raw == "john wiley & sons isbn 978-0-470-69748-1"


def test_the_next_item_opening_after_the_identifiers_on_their_line_is_cut() -> None:
    refs = read_list(
        "broglie louis 1953",
        "tides moon",
        "harbour press",
        "lccn 53010401 bronner patrick meyn jan-peter 2009",
        "waves single photons",
        "isbn 0-486-47011-3 lccn 55003947",
    )
    assert [r.raw for r in refs] == [
        "broglie louis 1953 tides moon harbour press lccn 53010401",
        "bronner patrick meyn jan-peter 2009 waves single photons isbn 0-486-47011-3 lccn 55003947",
    ]
    assert refs[1].isbn == "0-486-47011-3" and refs[1].year == "2009"

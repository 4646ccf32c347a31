"""Hand-written citations run together in one flattened list (checker.article.citesplit,
freecite, shorttitle): each rule on a small made-up list."""

from __future__ import annotations

from checker.article.model import Reference
from checker.article.references import parse, segment
from checker.article.shorttitle import Titles, split_after_titles
from checker.article.works import group_works


def cut(*lines: str) -> list[str]:
    return [" ".join(words) for _, words in segment([(n, t.split()) for n, t in enumerate(lines)])]


def test_a_page_number_ends_a_citation_and_a_locator_opens_the_next() -> None:
    line = "jones 2001 p 212 chapter iv origin species chapter ix origin species"
    assert cut(line) == [
        "jones 2001 p 212",
        "chapter iv origin species",
        "chapter ix origin species",
    ]


def test_after_a_page_number_anything_but_the_citation_s_tail_opens_the_next() -> None:
    assert cut("smith john 1990 rivers pp 12–14 great lakes survey 1950") == [
        "smith john 1990 rivers pp 12–14",
        "great lakes survey 1950",
    ]
    assert cut("smith john 1990 rivers pp 12–14 n 3") == ["smith john 1990 rivers pp 12–14 n 3"]


def test_a_site_ends_a_web_citation_but_a_date_after_it_is_its_own() -> None:
    assert cut("chapter iv my voyage", "org tides moon isaac newton") == [
        "chapter iv my voyage org",
        "tides moon isaac newton",
    ]
    assert cut("letters collection", "org 9 june 2006") == ["letters collection org 9 june 2006"]


def test_a_pointer_before_a_locator_and_a_possessive_with_its_work_open_citations() -> None:
    line = "cf instance britannica quoted chapter xii 'my voyage' darwin's 'coral reefs' 1842"
    assert cut(line) == [
        "cf instance britannica",
        "quoted chapter xii 'my voyage'",
        "darwin's 'coral reefs' 1842",
    ]


def test_a_run_of_title_then_author_citations_is_cut_after_each_name() -> None:
    line = "yale press 1996 tides moon isaac newton waves storms charles darwin worms soil"
    assert cut(line) == [
        "yale press 1996",
        "tides moon isaac newton",
        "waves storms charles darwin",
        "worms soil",
    ]
    # one name inside a title is not a run
    assert cut("life work isaac newton cambridge history") == [
        "life work isaac newton cambridge history"
    ]


def test_a_name_cut_at_its_initial_goes_on_but_not_after_an_edition() -> None:
    assert cut(
        "acton edward v", "cherniaev william g", "rosenberg eds", "companion revolution"
    ) == ["acton edward v cherniaev william g rosenberg eds companion revolution"]
    assert cut("physics handbook 2nd edition c", "b parker 1994 physics") == [
        "physics handbook 2nd edition c",
        "b parker 1994 physics",
    ]


def test_a_line_naming_the_same_surname_and_year_is_a_short_citation() -> None:
    assert cut("geoffrey swain 2014", "swain 2014 p 211") == [
        "geoffrey swain 2014",
        "swain 2014 p 211",
    ]
    assert cut("lindemann 4 december 2000", "esau's tears") == [
        "lindemann 4 december 2000 esau's tears"
    ]


def test_a_reader_s_pointer_and_a_locator_are_not_the_author() -> None:
    ref = parse(1, "see robert hooke micrographia royal society p 12".split())
    assert ref.authors == ["Hooke, Robert"] and ref.comment == "see" and ref.pages == "12"
    short = parse(1, "quoted chapter xii origin species".split())
    assert (short.locator, short.title, short.authors) == ("chapter xii", "origin species", [])


def test_a_possessive_names_the_author_of_the_work_it_names() -> None:
    ref = parse(1, "darwin's 1859 book origin species".split())
    assert (ref.authors, ref.year) == (["Darwin"], "1859")
    quoted = parse(1, "darwin's 'coral reefs' 1842".split())
    assert (quoted.authors, quoted.title, quoted.year) == (["Darwin"], "coral reefs", "1842")
    # "X's biography by Y": the biography's author closes it
    assert parse(1, "charles darwin's biography helen browne".split()).authors == ["Browne, Helen"]


def test_editors_before_eds_and_after_ed() -> None:
    ref = parse(1, "edward acton william g rosenberg eds companion revolution yale press".split())
    assert ref.editors == ["Acton, Edward", "Rosenberg, William G."]
    assert ref.title == "companion revolution" and not ref.authors
    ref = parse(1, "unknown lenin ed richard pipes yale university press 1996".split())
    assert ref.editors == ["Pipes, Richard"] and ref.title == "unknown lenin"


def test_a_name_before_its_role_or_closing_a_title_first_citation_is_the_author() -> None:
    ref = parse(1, "report commission john dewey chairman harper & brothers 1938".split())
    assert ref.authors == ["Dewey, John"] and ref.year == "1938"
    news = parse(1, "storm hits coast bbc news mike lanchin 28 august".split())
    assert news.authors == ["Lanchin, Mike"] and "lanchin" not in news.title
    # at the very end the name may be the title's own: the title keeps it
    ref = parse(1, "lost leaders isaac newton".split())
    assert ref.authors == ["Newton, Isaac"] and ref.title == "lost leaders isaac newton"
    # a publisher named after a person is not a byline
    assert parse(1, "dragon lady alfred knopf inc new york 1992".split()).authors == []


def test_the_year_after_given_name_first_authors_when_it_is_the_latest() -> None:
    ref = parse(1, "walter moss 2005 history russia since 1855 anthem press".split())
    assert (ref.authors, ref.year) == (["Moss, Walter"], "2005")
    ref = parse(1, "robert carver north 1963 moscow communists".split())
    assert ref.authors == ["North, Robert Carver"]
    ref = parse(1, "leon trotsky 1905 vintage books new york 1971".split())
    assert (ref.year, ref.title) == ("1971", "1905")


def test_a_piece_in_a_collection_is_dated_by_the_collection() -> None:
    ref = parse(1, "leon trotsky speech congress may 1924 contained collected speeches".split())
    assert ref.year == ""
    ref = parse(1, "leon trotsky speech contained collected speeches pathfinder press 1975".split())
    assert ref.year == "1975"


def test_a_locator_citation_resolves_to_the_work_whose_title_it_names() -> None:
    full = parse(1, "darwin charles 1859 origin species murray publishers".split())
    short = parse(2, "chapter iv autobiography origin species".split())
    dated = parse(3, "charles darwin 1859 p 12".split())
    works = group_works([short, full], [])
    assert short.key == full.key and len(works) == 1
    year_title = parse(4, "leon trotsky 1905 vintage books new york 1971".split())
    again = parse(5, "leon trotsky 1905 p".split())
    group_works([year_title, again, dated], [])
    assert again.key == year_title.key


def test_a_locator_citation_ends_with_the_title_it_names() -> None:
    full = parse(1, "darwin charles 1859 origin species murray publishers".split())
    run = parse(2, "chapter iv origin species voyage beagle retrieved may".split())
    site = parse(3, "chapter v origin species darwin online org".split())
    titles = Titles([full, run, site])
    parts = split_after_titles([run, site], titles)
    assert [p.raw for p in parts] == [
        "chapter iv origin species",
        "voyage beagle retrieved may",
        "chapter v origin species darwin online org",
    ]
    assert isinstance(parts[0], Reference) and parts[0].locator == "chapter iv"

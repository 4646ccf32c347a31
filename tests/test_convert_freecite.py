"""Hand-written citations run together in one flattened list (checker.article.citesplit,
freecite, shorttitle): each rule on a small made-up list."""

from __future__ import annotations

from checker.article.model import Reference
from checker.article.references import parse, segment
from checker.article.shorttitle import Titles, split_after_titles
from checker.article.works import group_works


def read(text: str, line: int = 1) -> Reference:
    return parse(line, text.split())


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
    ref = read("see robert hooke micrographia royal society p 12")
    assert ref.authors == ["Hooke, Robert"] and ref.comment == "see" and ref.pages == "12"
    short = read("quoted chapter xii origin species")
    assert (short.locator, short.title, short.authors) == ("chapter xii", "origin species", [])


def test_a_possessive_names_the_author_of_the_work_it_names() -> None:
    ref = read("darwin's 1859 book origin species")
    assert (ref.authors, ref.year) == (["Darwin"], "1859")
    quoted = read("darwin's 'coral reefs' 1842")
    assert (quoted.authors, quoted.title, quoted.year) == (["Darwin"], "coral reefs", "1842")
    # "X's biography by Y": the biography's author closes it
    assert read("charles darwin's biography helen browne").authors == ["Browne, Helen"]


def test_editors_before_eds_and_after_ed() -> None:
    ref = read("edward acton william g rosenberg eds companion revolution yale press")
    assert ref.editors == ["Acton, Edward", "Rosenberg, William G."]
    assert ref.title == "companion revolution" and not ref.authors
    ref = read("unknown lenin ed richard pipes yale university press 1996")
    assert ref.editors == ["Pipes, Richard"] and ref.title == "unknown lenin"
    ref = read("x dunn bill & radice hugo eds permanent revolution pluto press")
    assert ref.editors == ["Dunn, Bill", "Radice, Hugo"] and ref.publisher == "Pluto Press"


def test_a_publisher_s_name_runs_over_its_suffix_words() -> None:
    ref = read("max shachtman struggle new course new york new international publishing co")
    assert ref.publisher == "New International Publishing Co" and ref.title == "struggle new course"


def test_a_name_before_its_role_or_closing_a_title_first_citation_is_the_author() -> None:
    ref = read("report commission john dewey chairman harper & brothers 1938")
    assert ref.authors == ["Dewey, John"] and ref.year == "1938"
    news = read("storm hits coast bbc news mike lanchin 28 august")
    assert news.authors == ["Lanchin, Mike"] and "lanchin" not in news.title
    # at the very end the name may be the title's own: the title keeps it
    ref = read("lost leaders isaac newton")
    assert ref.authors == ["Newton, Isaac"] and ref.title == "lost leaders isaac newton"
    # a publisher named after a person is not a byline
    assert read("dragon lady alfred knopf inc new york 1992").authors == []


def test_the_year_after_given_name_first_authors_when_it_is_the_latest() -> None:
    ref = read("walter moss 2005 history russia since 1855 anthem press")
    assert (ref.authors, ref.year) == (["Moss, Walter"], "2005")
    ref = read("robert carver north 1963 moscow communists")
    assert ref.authors == ["North, Robert Carver"]
    ref = read("leon trotsky 1905 vintage books new york 1971")
    assert (ref.year, ref.title) == ("1971", "1905")


def test_a_piece_in_a_collection_is_dated_by_the_collection() -> None:
    ref = read("leon trotsky speech congress may 1924 contained collected speeches")
    assert ref.year == ""
    ref = read("leon trotsky speech contained collected speeches pathfinder press 1975")
    assert ref.year == "1975"


def test_a_locator_citation_resolves_to_the_work_whose_title_it_names() -> None:
    full = read("darwin charles 1859 origin species murray publishers")
    short = read("chapter iv autobiography origin species", 2)
    dated = read("charles darwin 1859 p 12", 3)
    works = group_works([short, full], [])
    assert short.key == full.key and len(works) == 1
    year_title = read("leon trotsky 1905 vintage books new york 1971", 4)
    again = read("leon trotsky 1905 p", 5)
    group_works([year_title, again, dated], [])
    assert again.key == year_title.key


def test_a_locator_citation_ends_with_the_title_it_names() -> None:
    full = read("darwin charles 1859 origin species murray publishers")
    run = read("chapter iv origin species voyage beagle retrieved may", 2)
    site = read("chapter v origin species darwin online org", 3)
    titles = Titles([full, run, site])
    parts = split_after_titles([run, site], titles)
    assert [p.raw for p in parts] == [
        "chapter iv origin species",
        "voyage beagle retrieved may",
        "chapter v origin species darwin online org",
    ]
    assert isinstance(parts[0], Reference) and parts[0].locator == "chapter iv"

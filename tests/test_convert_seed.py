"""The converter on the seed article: the acceptance numbers of the converter issue."""

from __future__ import annotations

import re
import unicodedata

import pytest

from checker.article.convert import Conversion, convert_text
from checker.tags import BANNERS, INLINE_TAGS

ROLE = re.compile(r":([\w-]+):`((?:[^`\\]|\\.)*)`")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Conversion:
    return convert_text(seed_text, "Leon Trotsky")


def rst_text(seed: Conversion) -> str:
    return "\n".join(t for n, t in sorted(seed.files.items()) if n.endswith(".rst"))


def test_heading_tree(seed: Conversion) -> None:
    headings = seed.analysis.body.headings
    assert len(headings) == 39
    levels = [h.spec.level for h in headings]
    assert levels.count(1) == 10 and levels.count(3) == 3
    top = [" ".join(h.spec.words) for h in headings if h.spec.level == 1]
    assert top == [
        "before 1917 revolution",
        "after russian revolution",
        "exile 1929–1940",
        "assassination",
        "contributions theory",
        "see also",
        "notes",
        "references",
        "further reading",
        "external links",
    ]
    third = [" ".join(h.spec.words) for h in headings if h.spec.level == 3]
    assert third == ["1918", "1919", "1920"]


@pytest.mark.parametrize(
    ("heading", "line", "follows"),
    [
        ("before 1917 revolution", 45, "childhood"),
        ("1918", 292, "military"),  # after the hatnote "main article russian civil war"
        ("1920", 377, "polish"),  # not the "1920" of "trotsky c. 1920" on line 308
        ("world war 1914–1917", 195, "section"),  # after a [citation needed]
        ("fourth international", 612, "main"),  # after a quotation's attribution
        ("assassination", 642, "study"),  # not "before assassination 1940" on line 624
        ("legacy", 658, "trotsky's"),  # in the middle of a line
        ("permanent revolution", 676, "main"),
        ("notes", 693, "russian"),
    ],
)
def test_headings_placed_by_context(
    seed: Conversion, heading: str, line: int, follows: str
) -> None:
    body = seed.analysis.body
    placed = {" ".join(h.spec.words): h for h in body.headings}[heading]
    assert body.tokens[placed.start].line == line
    assert body.tokens[placed.end].word == follows


def test_pages_and_toctree(seed: Conversion) -> None:
    pages = [n for n in seed.files if n.endswith(".rst")]
    assert len(pages) == 12  # 10 sections + index + citation report
    index = seed.files["index.rst"]
    toctree = index.split(".. toctree::")[1]
    assert toctree.count("\n   ") >= 11 and "citation-report" in toctree
    assert "Split lenin (1903–1904)" in seed.files["before-1917-revolution.rst"]
    assert "Head red army (spring 1918)" in seed.files["after-russian-revolution.rst"]


def test_inline_tags_each_wrap_their_own_claim(seed: Conversion) -> None:
    roles = ROLE.findall(rst_text(seed))
    kinds = [name for name, _ in roles]
    assert kinds.count("cn") == 26
    assert kinds.count("clarify") == 1
    assert kinds.count("by-whom") == 1
    claims = {name: [c for n, c in roles if n == name] for name in ("cn", "clarify", "by-whom")}
    # a tag at a line start belongs to the sentence on the line before
    assert (
        "Spent next two years prison awaiting trial first nikolayev then kherson then odessa "
        "finally moscow" in claims["cn"]
    )
    # a tag glued to a word belongs to that word's sentence, up to the tag
    assert claims["by-whom"][0].endswith("stalin refused accept recalled")
    assert claims["clarify"][0] == "Trial 4 october 1906 trotsky delivered best speeches life"
    assert len(set(claims["cn"])) == 26


def test_brackets_that_are_not_tags_stay_text(seed: Conversion) -> None:
    index = seed.files["index.rst"]
    assert "[ˈlʲɛf ˈtrotskʲɪj]" in index
    assert "[o." in index and "October]" in index  # split across lines
    assert "15 october [." in seed.files["after-russian-revolution.rst"]  # a stray bracket


def test_banners(seed: Conversion) -> None:
    text = rst_text(seed)
    banners = re.findall(
        r"\.\. more-citations-needed::\n   :scope: (\w+)\n   :date: ([\d-]+)", text
    )
    assert sorted(banners) == [
        ("section", "2010-07"),
        ("section", "2010-07"),
        ("section", "2010-11"),
    ]
    world_war = seed.files["before-1917-revolution.rst"].split("World war (1914–1917)\n")[1]
    assert world_war.split("\n", 2)[2].startswith(".. more-citations-needed::")
    assert "please help improve" not in text.split("citecheck-removed")[0]


def test_notes_one_text_per_marker(seed: Conversion) -> None:
    notes = seed.files["notes.rst"]
    texts = dict(re.findall(r"\.\. efn-text:: (\w)\n\n((?:   .*\n)+)", notes))
    assert sorted(texts) == list("abcdefghi")
    assert texts["a"].strip().startswith("Russian лев дави́дович тро́цкий")
    assert texts["b"].strip() == "Лев лейба дави́дович бронште́йн."
    assert texts["c"].strip().startswith("Yakov sverdlov")
    assert texts["d"].strip().startswith("Clear why kamenev")
    assert texts["e"].strip().startswith("Central committee's secretariat")
    assert texts["e"].strip().endswith("general secretary's hands.")
    # f's second sentence opens "Faced with ...": it continues f, although its
    # words ("central committee") are those of g's marker
    assert texts["f"].strip().endswith("adopted lenin-trotsky proposal.")
    assert texts["g"].strip().startswith("Trotsky explained chapter 12")
    assert texts["h"].strip().startswith("Radek need hour man")
    assert texts["h"].strip().endswith("Things rolled.")
    assert texts["i"].strip().startswith("Term trotskyism first coined")
    markers = re.findall(r":efn:`(\w)`", rst_text(seed))
    assert sorted(markers) == list("abcdefghi")


def test_infobox(seed: Conversion) -> None:
    rows = seed.analysis.layout.infobox
    assert ("In office", "13 march 1918 – 15 january 1925") in rows
    assert ("Preceded by", "Nikolai Podvoisky") in rows
    born = dict(rows)["Born"]
    assert born.startswith("lev davidovich bronstein (1879-11-07) 7 november 1879")
    assert dict(rows)["Died"].startswith("21 august 1940 (1940-08-21)")
    assert ("", "president petrograd soviet") in rows
    assert seed.analysis.layout.title == "Leon Trotsky"
    assert ".. list-table:: Leon Trotsky" in seed.files["index.rst"]


def test_furniture_kept_out_of_prose(seed: Conversion) -> None:
    removed = seed.analysis.log.removed
    assert removed["sidebar"] > 300 and removed["navbox"] > 100
    prose = re.sub(r"\.\. citecheck-removed.*?(?=\n\S|\Z)", "", rst_text(seed), flags=re.S)
    assert "portalvte" not in prose and "viaf 19685134" not in prose
    assert ":VIAF: 19685134" in seed.files["external-links.rst"]
    assert ":ISNI: 0000 0001 2277 1584" in seed.files["external-links.rst"]
    assert (
        ".. seealso:: Main article: Russian Civil War" in seed.files["after-russian-revolution.rst"]
    )


def test_quotation_with_attribution(seed: Conversion) -> None:
    exile = seed.files["exile-1929-1940.rst"]
    assert (
        "   -- Leon trotsky 'i stake my life' opening address dewey commission "
        "9 february 1937" in exile
    )
    assert "   Will conquer!" in exile


def test_bibliography(seed: Conversion) -> None:
    from pybtex.database import parse_string

    bib = parse_string(seed.files["references.bib"], "bibtex")
    assert len(bib.entries) > 80
    deutscher = {
        (e.fields.get("year"), e.fields.get("publisher"))
        for e in bib.entries.values()
        if "Deutscher" in str(e.persons.get("author", [""])[0])
        and "armed" in e.fields.get("title", "").lower()
    }
    assert ("1965", "Vintage Books") in deutscher and ("1954", None) in deutscher
    assert any("|website=" in e.fields.get("x-raw", "") for e in bib.entries.values())
    refs = seed.files["references.rst"]
    assert refs.count(".. [#] ") == seed.analysis.log.counts["references"] > 90
    # a page word whose number the flattening dropped stays, as written: "Deutscher 1965, p."
    assert "pp. 59-60." in refs and ", p. 145." in refs and "Deutscher 1965, p." in refs


def test_nothing_is_lost(seed: Conversion, seed_text: str) -> None:
    """Every word of the input is in the output (prose, markup or a furniture comment)."""

    def words(text: str) -> set[str]:
        # letters and digits apart, so "office13" and "office 13" agree
        return set(re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFC", text).casefold()))

    out = words(rst_text(seed) + seed.files["references.bib"])
    # words that live on as markup: tag labels (roles) and banner texts (directives)
    markup = words(" ".join(t.label for t in INLINE_TAGS) + " ".join(b.text for b in BANNERS))
    # hidden ISO dates glued to the visible ones: "19401940-08-21", "...1879-11-077"
    unglued = re.sub(r"(\d{4})(?=\d{4}-\d\d-\d\d)", r"\1 ", seed_text)
    unglued = re.sub(r"(\d{4}-\d\d-\d\d)(\d)", r"\1 \2", unglued)
    missing = words(unglued) - out - markup
    assert not missing, sorted(missing)[:20]


def test_references_run_together_on_one_line_are_split(seed: Conversion) -> None:
    """A list item without a closing full stop runs into the next one; a name
    and year opening after a finished reference starts a new one."""
    from pybtex.database import parse_string

    bib = parse_string(seed.files["references.bib"], "bibtex").entries
    years = {
        str(e.persons["author"][0]): e.fields.get("year")
        for e in bib.values()
        if "author" in e.persons
    }
    assert years["Cavendish, Richard"] == "2003"  # after "... 'thermidor anti-semitism' 1937"
    assert years["Molyneux, John"] == "1981"  # after "mandel ernest 1980 pensée ..."
    assert years["Le Blanc, Paul"] == "2015"  # "... 1937-40 period paul le blanc 2015"
    assert years["Mandel, Ernest"] == "1980"
    blanc = next(
        e for e in bib.values() if str(e.persons.get("author", [""])[0]) == "Le Blanc, Paul"
    )
    assert blanc.fields["publisher"] == "Reaktion Books"
    gilbert = next(e for k, e in bib.items() if k.startswith("gilbert2003"))
    assert gilbert.fields["publisher"].endswith("Letter Press")  # its publisher's own line


def test_caption_alone_on_a_line(seed: Conversion) -> None:
    """ "leon trotsky 1918": a name and a year, no verb, alone on its line."""
    page = seed.files["before-1917-revolution.rst"]
    assert ".. rst-class:: caption\n\n*Image:* leon trotsky 1918\n" in page
    assert "Leon trotsky 1918." not in page


def test_bibliography_stays_on_the_references_page(seed: Conversion) -> None:
    """A further-reading entry that is also cited does not move the bibliography."""
    main = '   :filter: not keywords % "further reading"'
    assert main in seed.files["references.rst"]
    assert main not in seed.files["further-reading.rst"]
    assert '   :filter: keywords % "further reading"' in seed.files["further-reading.rst"]

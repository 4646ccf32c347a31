"""The converter on three more articles in the seed's flattened format.

Each is shaped unlike the seed, so that what the converter recovers comes from
the furniture tables and rules, not from one article's strings:

* ``ada-brenner.txt`` -- a scientist: born/died/alma mater/known for/fields/
  institutions infobox, a three-level contents tree, notes [a]-[i] (one with
  its own tag), other inline tags, a "does not cite any sources" section banner,
  a main-article target named nowhere else, a Works list, CS1 references with
  ISBNs, a DOI cut at its dots, "et al.", retrieved dates and a short citation.
* ``korsvik.txt`` -- a city: settlement infobox whose web address the sentence
  splitter cut at its dots, a one-word "not to be confused with" hatnote, notes
  [a]-[j], short citations in References resolving to a Sources list, Further
  reading, 11 ("external links") dropped from the contents numbers.
* ``tomas-elberg.txt`` -- no infobox at all, an article banner with its "find
  sources" box and dismissal link in the lead, Footnotes / Citations /
  Bibliography appendices, three authors in one entry.
* ``halvard-instruments.txt`` -- a company, written after the converter was
  fixed for the first three: company infobox with a bare web address,
  ``[nb 1]`` note labels, two tags on one claim, a "further information"
  hatnote right before the section's first subsection.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from build_support import sphinx_build
from pybtex.database import parse_string

from checker.article.convert import Conversion, convert_text
from checker.article.furniture import (
    BANNER_FIND_SOURCES,
    BANNER_REMOVE_NOTICE,
    FIND_SOURCES_ENGINES,
    MONTHS,
)
from checker.article.model import Reference
from checker.article.pages import TAG_ROLES
from checker.article.references import parse, segment_journals
from checker.tags import BANNERS, INLINE_TAGS

DATA = Path(__file__).parent / "data" / "articles"
ROLE = re.compile(r":([\w-]+):`((?:[^`\\]|\\.)*)`")
ARTICLES = ("ada-brenner", "korsvik", "tomas-elberg", "halvard-instruments")


def load(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def converted() -> dict[str, Conversion]:
    return {name: convert_text(load(name), name.replace("-", " ").title()) for name in ARTICLES}


def rst(conv: Conversion) -> str:
    return "\n".join(t for n, t in sorted(conv.files.items()) if n.endswith(".rst"))


def roles(conv: Conversion) -> list[tuple[str, str]]:
    return ROLE.findall(rst(conv))


def bib(conv: Conversion):
    return parse_string(conv.files["references.bib"], "bibtex").entries


# --- headings ---------------------------------------------------------------

HEADINGS = {
    "ada-brenner": [
        ("1", "early life education", 14, "koller"),
        ("2", "career", 18, "vienna"),  # a section with no text of its own
        ("2.1", "vienna", 18, "koller"),
        ("2.2", "emigration", 23, "1949"),  # after a line-start [citation needed]
        ("2.3", "massachusetts institute technology", 27, "brenner"),
        ("2.3.1", "brenner reaction", 31, "main"),  # not the lead's "brenner reaction"
        ("2.3.2", "later research", 38, "section"),
        ("3", "personal life", 46, "brenner"),
        ("4", "awards honours", 53, "section"),
        ("5", "legacy", 60, "brenner"),
        ("6", "works", 68, "brenner"),  # after a quotation's attribution
        ("7", "see also", 74, "catalysis"),
        ("8", "notes", 74, "german"),  # 8 dropped from the contents list
        ("9", "references", 83, "brenner"),
        ("10", "external links", 120, "ada"),
    ],
    "korsvik": [
        ("1", "etymology", 15, "name"),
        ("2", "history", 18, "main"),
        ("2.1", "middle ages", 18, "king"),
        ("2.2", "hanseatic period", 21, "korsvik"),
        ("2.3", "modern era", 25, "korsvik"),
        ("3", "geography", 30, "korsvik"),
        ("3.1", "climate", 33, "section"),
        ("4", "economy", 39, "shipbuilding"),
        ("5", "culture", 44, "korsvik"),
        ("6", "notable people", 48, "astrid"),
        ("7", "notes", 52, "korsvik"),
        ("8", "references", 62, "solheim"),
        ("9", "sources", 70, "haugland"),
        ("10", "further reading", 90, "berg"),
        ("11", "external links", 94, "official"),  # 11 dropped too
    ],
    "tomas-elberg": [
        ("1", "life", 15, "youth"),
        ("1.1", "youth", 15, "elberg"),
        ("1.2", "copenhagen years", 19, "elberg"),
        ("2", "poetry", 25, "early"),
        ("2.1", "early collections", 25, "elberg's"),
        ("2.2", "later style", 30, "section"),
        ("2.2.1", "sea poems", 36, "main"),  # not the lead's "sea poems"
        ("3", "reception", 39, "section"),
        ("4", "works", 46, "digte"),
        ("5", "footnotes", 46, "skagen"),
        ("6", "citations", 49, "jensen"),
        ("7", "bibliography", 58, "jensen"),
        ("8", "external links", 70, "works"),  # not "works" at the end of Works
    ],
    "halvard-instruments": [
        ("1", "history", 12, "ingrid"),
        ("2", "products", 16, "further"),
        ("2.1", "microscopes", 16, "halvard's"),  # not the infobox's "microscopes"
        ("2.2", "spectrometers", 18, "company"),
        ("3", "corporate affairs", 20, "ownership"),
        ("3.1", "ownership", 20, "berg"),
        ("3.2", "controversies", 21, "section"),
        ("4", "see also", 27, "list"),
        ("5", "notes", 27, "ab"),
        ("6", "references", 28, "nilsson"),
    ],
}


@pytest.mark.parametrize("name", ARTICLES)
def test_heading_tree_and_placement(converted: dict[str, Conversion], name: str) -> None:
    body = converted[name].analysis.body
    found = [
        (h.spec.number, " ".join(h.spec.words), body.tokens[h.start].line, body.tokens[h.end].word)
        for h in body.headings
    ]
    assert found == HEADINGS[name]
    unsure = converted[name].analysis.log.unsure
    assert all("hatnote target" in u for u in unsure), unsure


def test_pages_follow_the_top_level(converted: dict[str, Conversion]) -> None:
    ada = converted["ada-brenner"].files
    assert "Brenner reaction\n~~~~" in ada["career.rst"]  # third level
    assert "Massachusetts institute technology\n----" in ada["career.rst"]
    elberg = converted["tomas-elberg"].files
    assert "Sea poems\n~~~~" in elberg["poetry.rst"]
    toctree = elberg["index.rst"].split(".. toctree::")[1]
    assert [line.strip() for line in toctree.splitlines()[4:12]] == [
        "life",
        "poetry",
        "reception",
        "works",
        "footnotes",
        "citations",
        "bibliography",
        "external-links",
    ]


# --- title, hatnotes, infobox ---------------------------------------------


def test_scientist_infobox(converted: dict[str, Conversion]) -> None:
    layout = converted["ada-brenner"].analysis.layout
    rows = dict(layout.infobox)
    assert layout.title == "Ada Brenner" and layout.infobox_caption == "brenner 1965"
    assert rows["Born"] == "ada maria koller (1921-03-04) 4 march 1921 graz austria"
    assert rows["Died"].startswith("17 october 1998 (1998-10-17) aged 77")
    assert rows["Alma mater"] == "university vienna phd 1947"
    assert rows["Known for"] == "brenner reaction catalytic cycle theory"
    assert rows["Awards"] == "wolf prize chemistry 1979 national medal science 1983"
    assert rows["Fields"] == "organic chemistry catalysis"
    assert rows["Institutions"] == "university vienna massachusetts institute technology"
    assert rows["Doctoral advisor"] == "Ernst Weber"
    assert rows["Scientific career"] == ""  # a header row of the infobox
    lead = converted["ada-brenner"].files["index.rst"].split(".. toctree::")[0]
    assert "Ada brenner\\ :efn:`a` née koller 4 march 1921" in lead


def test_settlement_infobox_with_web_address_cut_at_its_dots(
    converted: dict[str, Conversion],
) -> None:
    conv = converted["korsvik"]
    rows = dict(conv.analysis.layout.infobox)
    assert rows["Country"] == "norway" and rows["County"] == "vestland"
    assert rows["Founded"] == "1123" and rows["City rights"] == "1276"
    assert rows["Mayor"] == "ingrid solheim labour"
    assert rows["Population"] == "2022 city 285900"
    assert rows["Time zone"] == "utc+1 cet" and rows["Area code"] == "55"
    assert rows["Website"] == "www.korsvik.kommune.no"
    index = conv.files["index.rst"]
    # the lead starts after the address, not at its "korsvik" piece
    assert "\nKorsvik\\ :efn:`a` city municipality vestland county west coast norway.\n" in index
    assert "\nKommune.\n" not in index


def test_hatnotes(converted: dict[str, Conversion]) -> None:
    assert converted["korsvik"].analysis.layout.hatnotes == [
        "korsvik town redirects here",
        "confused korsvika",  # "not to be confused with": one word survives
    ]
    assert converted["ada-brenner"].analysis.layout.hatnotes == [
        "brenner chemist redirects here",
        "other people named brenner see brenner surname",
    ]


def test_no_infobox_title_from_the_file(converted: dict[str, Conversion]) -> None:
    layout = converted["tomas-elberg"].analysis.layout
    assert layout.title == "Tomas Elberg" and layout.infobox == []


def test_company_infobox_with_a_bare_web_address(converted: dict[str, Conversion]) -> None:
    conv = converted["halvard-instruments"]
    layout = conv.analysis.layout
    assert layout.title == "Halvard Instruments"
    assert layout.infobox_caption == "headquarters uppsala 2012"
    assert layout.infobox == [
        ("Type", "public company"),
        ("Industry", "scientific instruments"),
        ("Founded", "1921"),
        ("Founder", "ingrid halvard"),
        ("Headquarters", "uppsala sweden"),
        ("Key people", "anders berg ceo"),
        ("Products", "microscopes spectrometers"),
        ("Revenue", "sek 4 2 billion 2022"),
        ("Number of employees", "2300 2022"),
        ("Website", "halvard.com"),  # "website halvard" / "com halvard instruments ..."
    ]
    assert "\nHalvard instruments ab\\ :efn:`nb-1` swedish manufacturer" in conv.files["index.rst"]


# --- banners ----------------------------------------------------------------


def banners(conv: Conversion, page: str) -> list[tuple[str, str, str]]:
    pattern = r"\.\. ([\w-]+)::\n   :scope: (\w+)\n   :date: ([\d-]+)"
    return re.findall(pattern, conv.files[page])


def test_banners_with_scope_and_date(converted: dict[str, Conversion]) -> None:
    ada, elberg = converted["ada-brenner"], converted["tomas-elberg"]
    assert banners(ada, "career.rst") == [("more-citations-needed", "section", "2016-03")]
    assert banners(ada, "awards-honours.rst") == [("unreferenced", "section", "2018-06")]
    assert banners(converted["korsvik"], "geography.rst") == [
        ("unreferenced", "section", "2019-05")
    ]
    # the article banner: its date is past the "find sources" box
    assert banners(elberg, "index.rst") == [("more-citations-needed", "article", "2017-04")]
    assert banners(elberg, "poetry.rst") == [("more-citations-needed", "section", "2016-10")]
    assert banners(elberg, "reception.rst") == [("unreferenced", "section", "2020-01")]
    lead = elberg.files["index.rst"].split(":date: 2017-04\n\n")[1]
    assert lead.startswith("Tomas elberg 12 may 1821 3 january 1889 danish poet translator.")
    prose = re.sub(r"\.\. citecheck-removed.*?(?=\n\S|\Z)", "", rst(elberg), flags=re.S)
    assert "jstor" not in prose and "please help" not in prose.lower()
    later = ada.files["career.rst"].split(":date: 2016-03\n\n")[1]
    assert later.startswith("After 1970 brenner turned asymmetric catalysis.")


# --- inline tags ----------------------------------------------------------


def test_tags_wrap_their_own_claims(converted: dict[str, Conversion]) -> None:
    ada = roles(converted["ada-brenner"])
    assert sorted(name for name, _ in ada if name in TAG_ROLES.values()) == sorted(
        [
            *("according-to-whom", "cn", "cn", "who", "page-needed", "when"),
            *("dubious", "dubious", "unreliable-source", "better-source-needed"),
        ]
    )
    claims = {(n, c) for n, c in ada}
    assert (
        "according-to-whom",
        "Prize committee later called her work most important contribution synthetic "
        "chemistry century",
    ) in claims
    assert ("who", "Critics") in claims  # glued: the sentence up to the tag
    assert ("page-needed", "Brenner published result journal american chemical society 1958") in (
        claims
    )
    assert ("when", "Chemists across industry adopted within decade") in claims
    # at a line start: the sentence on the line before
    assert ("cn", "She remained vienna assistant until 1949") in claims
    assert (
        "dubious",
        "She spoke german english french fluently kept austrian citizenship until 1960",
    ) in claims
    assert ("unreliable-source", "Survey 2011 found cited 40000 papers") in claims


def test_tag_and_note_on_one_word(converted: dict[str, Conversion]) -> None:
    culture = converted["korsvik"].files["culture.rst"]
    assert (
        ":dubious:`Korsvik symphony orchestra founded 1765 claims oldest norway`\\ :efn:`h`."
        in culture
    )
    elberg = dict(roles(converted["tomas-elberg"]))
    assert elberg["which"] == "Reviewers found verse clumsy"
    assert elberg["when"] == "Reputation declined after death revived 1920s"
    assert elberg["by-whom"] == "Georg brandes called honest craftsman genius"
    assert elberg["clarify"] == "Later poems longer formal"


def test_two_tags_on_one_claim_nest(converted: dict[str, Conversion]) -> None:
    history = converted["halvard-instruments"].files["history.rst"]
    # "spectrometry[vague]" / "[original research?] 1986 ...": both question the
    # sentence; a claim may hold inline markup, so the second role wraps the first
    assert (
        ":original-research:`:vague:\\`During 1950s company expanded spectrometry\\``." in history
    )
    index = converted["halvard-instruments"].files["index.rst"]
    assert ":failed-verification:`Halvard listed stockholm stock exchange since 1986`." in index


# --- notes ----------------------------------------------------------------


def note_texts(conv: Conversion, page: str) -> dict[str, str]:
    found = re.findall(r"\.\. efn-text:: (\w+)\n\n((?:   .*\n)+)", conv.files[page])
    return {label: " ".join(t.strip() for t in text.splitlines()) for label, text in found}


def test_notes_beyond_i_one_per_marker(converted: dict[str, Conversion]) -> None:
    notes = note_texts(converted["korsvik"], "notes.rst")
    assert notes == {
        "a": "Korsvik kommune official municipal website.",
        "b": "Old norse kross vík bay inlet.",
        "c": "Historians date trading post 1360.",
        "d": "First train ran bergen 2 november 1909.",
        "e": "Rebuilding plan drawn architect per grieg.",
        "f": "Figure measured station florida 1961–1990.",
        "g": "Figure includes contract workers.",
        "h": "Orchestra's claim disputed bergen philharmonic founded same year.",
        "i": "Dialect uses uvular r like bergen.",
        "j": "Nordvik won bronze 800 metres montreal.",
    }
    markers = re.findall(r":efn:`(\w+)`", rst(converted["korsvik"]))
    assert sorted(markers) == list("abcdefghij")


def test_numbered_note_labels(converted: dict[str, Conversion]) -> None:
    conv = converted["halvard-instruments"]
    assert conv.analysis.note_labels == ["nb-1", "nb-2"]
    notes = re.findall(r"\.\. efn-text:: ([\w-]+)\n\n   (.*)", conv.files["notes.rst"])
    assert notes == [
        ("nb-1", "Ab aktiebolag swedish limited company."),
        ("nb-2", "H-40 still sold refurbished form."),
    ]


def test_a_note_keeps_its_own_tag(converted: dict[str, Conversion]) -> None:
    notes = note_texts(converted["ada-brenner"], "notes.rst")
    assert sorted(notes) == list("abcdefghi")
    assert notes["a"] == "German ada maria brenner geborene koller."
    assert notes["h"] == ":better-source-needed:`Street renamed 2003 city council graz`."
    assert notes["i"].startswith("Historians include margaret rossiter")
    footnotes = note_texts(converted["tomas-elberg"], "footnotes.rst")
    assert footnotes["b"] == "Hans brix 1801–1870 danish poet editor."


# --- structure: hatnotes in sections, captions, quotes, works ---------------


def test_main_article_target_named_nowhere_else(converted: dict[str, Conversion]) -> None:
    career = converted["ada-brenner"].files["career.rst"]
    assert ".. seealso:: Main article: Brenner–weiss Coupling" in career
    assert "\nCoupling 1957" not in career
    assert converted["ada-brenner"].analysis.log.unsure == [
        "hatnote target 'brenner–weiss coupling' is named nowhere else"
    ]


def test_further_information_hatnote_runs_to_the_first_subsection(
    converted: dict[str, Conversion],
) -> None:
    products = converted["halvard-instruments"].files["products.rst"]
    # "list" recurs elsewhere, but the subsection "microscopes" follows the target at once
    assert ".. seealso:: Further information: List Halvard Products\n\nMicroscopes\n" in products
    assert "\nMicroscopes\n-----------\n\nHalvard's microscopes" in products


def test_captions_only_where_the_evidence_allows(converted: dict[str, Conversion]) -> None:
    ada = converted["ada-brenner"].files
    assert "*Image:* brenner her laboratory 1962" in ada["career.rst"]
    # a sentence that ends in a year is not a caption when it has a verb ("born")
    assert "*Image:*" not in ada["personal-life.rst"]
    assert (
        "Brenner martin brenner two sons thomas born 1952 peter born 1955."
        in ada["personal-life.rst"]
    )
    # a works list is not read as captions
    assert "*Image:*" not in ada["works.rst"] and "Kinetics catalytic cycles." in ada["works.rst"]
    assert "*Image:*" not in converted["tomas-elberg"].files["works.rst"]
    korsvik = converted["korsvik"].files
    assert "*Image:* korsvik wharf 1890" in korsvik["history.rst"]
    assert "*Image:*" not in korsvik["culture.rst"]  # "korsvik hosts ... since 1953"


def test_quotation_with_attribution(converted: dict[str, Conversion]) -> None:
    legacy = converted["ada-brenner"].files["legacy.rst"]
    assert (
        "   Will never work you hurry.\n\n   -- Ada brenner national medal science lecture 1983"
        in (legacy)
    )


def test_authority_control(converted: dict[str, Conversion]) -> None:
    assert converted["ada-brenner"].analysis.authority == [
        ("VIAF", "41902371"),
        ("ISNI", "0000 0000 7821 4405"),
        ("LCCN", "n50012345"),
        ("ORCID", "0000-0002-1825-0097"),
    ]
    assert converted["korsvik"].analysis.authority == [("VIAF", "123456789"), ("GND", "4006532-1")]


# --- references -------------------------------------------------------------


def test_cs1_references_parsed_into_fields(converted: dict[str, Conversion]) -> None:
    entries = bib(converted["ada-brenner"])
    weiss = entries["weiss1996discovery"]
    assert str(weiss.persons["author"][0]) == "Weiss, Harold"
    assert weiss.fields["isbn"] == "978-0-12-743210-6"
    assert weiss.fields["publisher"] == "Academic Press" and weiss.fields["address"] == "New York"
    rossiter = entries["rossiter1995women"]
    assert rossiter.fields["publisher"] == "Johns Hopkins University Press"
    assert rossiter.fields["address"] == "Baltimore"
    assert rossiter.fields["title"] == "Women scientists america before affirmative action"
    brenner = entries["brenner1958palladium"]
    assert brenner.fields["doi"] == "10.1021/ja01537a001"  # rejoined across three lines
    assert str(brenner.persons["author"][0]) == "Brenner, Ada"
    assert (
        brenner.type == "article"
        and brenner.fields["journal"] == "Journal American Chemical Society"
    )
    assert (brenner.fields["volume"], brenner.fields["number"]) == ("80", "4")
    assert brenner.fields["pages"] == "1021–1029"
    assert brenner.fields["title"] == "Palladium-catalysed arylation olefins"
    okafor = entries["okafor2005catalytic"]
    assert [str(p) for p in okafor.persons["author"]] == ["Okafor, Paul", "others"]
    assert okafor.fields["year"] == "2005" and okafor.fields["journal"] == "Chemical Reviews"
    web = [e for e in entries.values() if "urldate" in e.fields]
    assert sorted(e.fields["urldate"] for e in web) == ["2015-05-12", "2016-06-03", "2017-03"]
    # a web citation's lines: title / website / publisher / retrieved
    news = next(e for e in web if e.fields["urldate"] == "2015-05-12")
    assert news.type == "misc" and news.fields["title"] == "Ada brenner 1921–1998"
    assert news.fields["howpublished"] == "Mit News Office"
    assert news.fields["publisher"] == "Massachusetts Institute Technology"
    assert "note" not in news.fields  # parsed, not kept as raw text
    refs = converted["ada-brenner"].files["references.rst"]
    citations = re.findall(r"\.\. \[#\] (.*)", refs)
    assert citations[:4] == [
        "Brenner 1958, pp. 1021–1029.",
        "Weiss 1996, p. 45.",
        "Rossiter 1995, pp. 112–115.",
        "Okafor et al. 2005, pp. 2301–2340.",
    ]
    assert citations[6] == "Weiss 1996, p. 52."  # the short citation joins the full entry
    assert len(entries) == 7


def test_short_citations_resolve_to_a_sources_list(converted: dict[str, Conversion]) -> None:
    conv = converted["korsvik"]
    refs = re.findall(r"\.\. \[#\] (.*)", conv.files["references.rst"])
    assert refs[:6] == [
        "Solheim 2009, p. 12.",
        "Solheim 2009, pp. 14–15.",
        "Haugland 1998, p. 88.",
        "Haugland 1998, p. 102.",
        "Solheim 2009, p. 40.",
        "Rasmussen et al. 2012, p. 7.",
    ]
    # the Sources page shows the bibliography once instead of repeating citations
    sources = conv.files["sources.rst"]
    assert ".. [#]" not in sources and ".. bibliography::" in sources
    main = '   :filter: not keywords % "further reading"'
    assert rst(conv).count(main) == 1
    entries = bib(conv)
    solheim = entries["solheim2009city"]
    assert solheim.fields["publisher"] == "Universitetsforlaget"
    assert solheim.fields["address"] == "Oslo" and solheim.fields["isbn"] == "978-82-15-01234-6"
    rasmussen = entries["rasmussen2012hanseatic"]
    assert rasmussen.fields["doi"] == "10.1080/03468755.2012.667890"
    assert rasmussen.fields["journal"] == "Scandinavian Journal History"
    assert rasmussen.fields["title"] == "Hanseatic trade north atlantic"
    assert entries["berg2015wooden"].fields["keywords"] == "further reading"
    assert "keywords" not in entries["haugland1998korsvik"].fields


def test_cited_bibliography_section_is_not_further_reading(
    converted: dict[str, Conversion],
) -> None:
    conv = converted["tomas-elberg"]
    entries = bib(conv)
    andersen = entries["andersen1999skagen"]
    assert [str(p) for p in andersen.persons["author"]] == [
        "Andersen, Peter",
        "Hansen, Ole",
        "Nielsen, Ruth",
    ]
    assert andersen.fields["publisher"] == "Aarhus University Press"
    assert all("keywords" not in e.fields for e in entries.values())
    assert ".. bibliography::" in conv.files["bibliography.rst"]
    assert ".. bibliography::" not in conv.files["citations.rst"]
    cites = re.findall(r"\.\. \[#\] (.*)", conv.files["citations.rst"])
    assert "Andersen et al. 1999, p. 7." in cites and "Jensen 1990, p. 88." in cites


# --- nothing lost -----------------------------------------------------------


def words(text: str) -> set[str]:
    # letters and digits apart, so "office13" and "office 13" agree
    return set(re.findall(r"[^\W\d_]+|\d+", unicodedata.normalize("NFC", text).casefold()))


@pytest.mark.parametrize("name", ARTICLES)
def test_nothing_is_lost(converted: dict[str, Conversion], name: str) -> None:
    conv = converted[name]
    out = words(rst(conv) + conv.files["references.bib"])
    # words that live on as markup: tag labels (roles), banner texts and their
    # search box and dismissal link (directives)
    furniture = [t.label for t in INLINE_TAGS] + [b.text for b in BANNERS]
    furniture += [BANNER_FIND_SOURCES, BANNER_REMOVE_NOTICE, *FIND_SOURCES_ENGINES]
    text = load(name)
    unglued = re.sub(r"(\d{4})(?=\d{4}-\d\d-\d\d)", r"\1 ", text)
    unglued = re.sub(r"(\d{4}-\d\d-\d\d)(\d)", r"\1 \2", unglued)
    # and structure: contents numbers are the heading tree, a banner's
    # "october 2016" is its :date: 2016-10
    analysis = conv.analysis
    numbers = [h.spec.number.replace(".", " ") for h in analysis.body.headings]
    dates = [
        MONTHS[int(m.data["date"][5:7]) - 1]
        for m in [*analysis.lead.markers, *analysis.body.markers]
        if m.kind == "banner" and "date" in m.data
    ]
    furniture += numbers + dates
    missing = words(unglued) - out - words(" ".join(furniture))
    assert not missing, sorted(missing)[:20]


# --- the result builds ------------------------------------------------------

CONF = """
extensions = ["checker", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["references.bib"]
suppress_warnings = ["ref.footnote", "bibtex.missing_field"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
"""


@pytest.mark.parametrize("name", ARTICLES)
def test_converted_article_builds_without_warnings(
    converted: dict[str, Conversion], name: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for file, text in converted[name].files.items():
        (src / file).write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    assert sphinx_build(src, tmp_path / "html") == ""


def test_infobox_cut_by_the_sentence_splitter() -> None:
    """Dots inside the infobox ("St. Louis", "D.C.") cut it over several lines."""
    text = (
        "mara quill quill 1950 born mara ellen quill1910-07-044 july 1910 st\n"
        "louis missouri u\n"
        "died 3 may 1990 washington d\n"
        "c\n"
        "aged 79 occupation aviator known first solo flight across andes mara quill "
        "4 july 1910 3 may 1990 american aviator\n"
        "she flew across andes 1937\n"
        "contents early life 2 career early life quill grew up st\n"
        "louis\n"
        "career quill flew mail planes 1930 s\n"
    )
    conv = convert_text(text, "Fallback")
    layout = conv.analysis.layout
    assert layout.title == "Mara Quill"
    assert dict(layout.infobox) == {
        "Born": "mara ellen quill (1910-07-04) 4 july 1910 st louis missouri u",
        "Died": "3 may 1990 washington d c aged 79",
        "Occupation": "aviator",
        "Known for": "first solo flight across andes",
    }
    lead = conv.files["index.rst"].split(".. toctree::")[0]
    assert lead.rstrip().endswith(
        "Mara quill 4 july 1910 3 may 1990 american aviator.\nShe flew across andes 1937."
    )


# --- end to end: what the checker then finds ------------------------------


@pytest.mark.parametrize("name", ["korsvik", "tomas-elberg"])
def test_report_on_the_converted_article(
    converted: dict[str, Conversion], name: str, tmp_path: Path
) -> None:
    """Every converted tag and banner becomes a finding; the identifiers the
    converter turned into fields validate; every short citation resolves."""
    import contextlib
    import json

    from checker.cli import main

    out = tmp_path / "docs"
    assert main(["convert", str(DATA / f"{name}.txt"), "-o", str(out), "--quiet"]) == 0
    report = tmp_path / "report.json"
    with contextlib.redirect_stdout(io.StringIO()):
        # the flags fail the default policy (exit 1); the report is what we read
        assert main(["report", str(out), "--format", "json", "-o", str(report)]) in (0, 1)
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    rules = [f["rule"] for f in findings]
    conv = converted[name]
    tags = [f.tag for part in (conv.analysis.lead, conv.analysis.body) for f in part.flags]
    banners = [
        m.data["name"]
        for part in (conv.analysis.lead, conv.analysis.body)
        for m in part.markers
        if m.kind == "banner"
    ]
    assert sorted(r for r in rules if r in {*tags, *banners}) == sorted([*tags, *banners])
    assert not [f for f in findings if f["category"] == "identifier"]
    assert "short-cite-unresolved" not in rules and "short-cite-ambiguous" not in rules


# --- reference rules, one at a time -----------------------------------------


def refs_of(*lines: str) -> list[Reference]:
    pieces = segment_journals([(n, line.split()) for n, line in enumerate(lines, 1)])
    return [parse(s.line, s.words, s.journal, s.pieces) for s in pieces]


def test_identifier_lines_continue_and_doi_pieces_rejoin() -> None:
    (ref,) = refs_of(
        "smith john 2001",
        "title words",
        "journal things",
        "12 3 45–67",
        "doi 10",
        "1000/xyz",
        "2001",
    )
    assert ref.doi == "10.1000/xyz.2001" and ref.journal == "Journal Things"
    assert (ref.volume, ref.number, ref.pages, ref.title) == ("12", "3", "45–67", "title words")


def test_pages_then_isbn_stay_with_their_book() -> None:
    book, other = refs_of(
        "weiss harold 1996",
        "some memoir",
        "new york academic press",
        "p",
        "45",
        "isbn 978-0-12-743210-6",
        "rossiter margaret w",
        "1995",
        "women scientists",
    )
    assert (book.pages, book.isbn, book.publisher) == ("45", "978-0-12-743210-6", "Academic Press")
    assert other.authors == ["Rossiter, Margaret W."] and other.year == "1995"


def test_invalid_isbn_stays_text() -> None:
    (ref,) = refs_of("smith john 2001", "title words", "isbn 12-34")
    assert ref.isbn == "" and "isbn 12-34" in ref.title


@pytest.mark.parametrize(
    ("line", "authors", "year"),
    [
        ("andersen peter hansen ole 1999 skagen poets", ["Andersen, Peter", "Hansen, Ole"], "1999"),
        ("okafor paul et al 2005 cycle", ["Okafor, Paul", "others"], "2005"),
        ("rasmussen et al 2012 p 7", ["Rasmussen", "others"], "2012"),
        ("new york 1992 p", [], "1992"),  # a place, not a person
        ("chapter xxiii 1905 my life", [], "1905"),  # a chapter, not a person
        ("statistics norway 2023", [], "2023"),  # a body's name or two surnames: unknown
    ],
)
def test_author_forms(line: str, authors: list[str], year: str) -> None:
    (ref,) = refs_of(line)
    assert ref.authors == authors and ref.year == year


def test_reference_run_into_the_next_is_split() -> None:
    first, second = refs_of("thermidor essay 1937 cavendish richard 2003 split history")
    assert first.raw == "thermidor essay 1937" and second.authors == ["Cavendish, Richard"]
    # without a finished reference before it, a name inside a title is not an opening
    (one,) = refs_of("quoted chapter my life leon trotsky 1905 pp")
    assert one.raw.startswith("quoted chapter")


@pytest.mark.parametrize("name", ARTICLES)
def test_any_cut_of_an_article_still_converts(name: str) -> None:
    """Truncated at the front or back, or missing a line: a degraded conversion,
    never an exception (every fifth cut, to keep the test quick)."""
    lines = load(name).split("\n")
    for cut in range(0, len(lines), 5):
        for variant in (lines[:cut], lines[cut:], lines[:cut] + lines[cut + 1 :]):
            text = "\n".join(variant)
            if text.strip():
                files = convert_text(text, "Cut").files
                assert "index.rst" in files and "references.bib" in files

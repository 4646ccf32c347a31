"""Data for reading flattened references: publishers, places, given names.

General knowledge of citation formats, not of any one article: which words
end a publisher's name, the usual places of publication, common given names
(to tell "mary beard" -- given name first -- from "beard mary").
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


#: A publisher's name ends with one of these words ("oxford university press").
PUBLISHER_SUFFIXES = frozenset(
    {
        "press",
        "books",
        "publishers",
        "publishing",
        "publications",
        "verlag",
        "editions",
        "éditions",
        "bookmarks",
        "co",
        "inc",
        "ltd",
        "company",
        "library/signet",
    }
)
#: Publishers known by a bare name.
PUBLISHER_NAMES: tuple[str, ...] = (
    "harper collins",
    "harpercollins",
    "harper & brothers",
    "harper & row",
    "routledge",
    "knopf",
    "penguin",
    "verso",
    "macmillan",
    "palgrave macmillan",
    "fayard",
    "gallimard",
    "random house",
    "vintage books",
    "vintage",
    "norton",
    "wiley",
    "springer",
    "brill",
    "sage",
    "simon & schuster",
    "doubleday",
    "little brown company",
    "little brown",
    "stein & day",
    "sovremennik",
    "progress publishers",
    "merit publishers",
    "pathfinder",
)
#: Places of publication (lowercase, as flattened).
PLACES: tuple[str, ...] = (
    "new york",
    "london",
    "oxford",
    "cambridge",
    "boston",
    "chicago",
    "paris",
    "berlin",
    "moscow",
    "st. petersburg",
    "st petersburg",
    "saint petersburg",
    "peking",
    "beijing",
    "calcutta",
    "delhi",
    "toronto",
    "sydney",
    "melbourne",
    "brighton",
    "milano",
    "milan",
    "rome",
    "madrid",
    "vienna",
    "princeton",
    "new haven",
    "stanford",
    "berkeley",
    "los angeles",
    "san francisco",
    "washington",
    "philadelphia",
    "oak park",
    "ithaca",
    "edinburgh",
    "glasgow",
    "manchester",
    "amsterdam",
    "leiden",
    "frankfurt",
    "munich",
    "stuttgart",
    "hamburg",
    "zurich",
    "geneva",
    "stockholm",
    "oslo",
    "copenhagen",
    "warsaw",
    "prague",
    "budapest",
    "mexico city",
    "baltimore",
    "bergen",
    "oslo",
    "copenhagen",
    "aarhus",
    "uppsala",
    "helsinki",
    "buenos aires",
    "tokyo",
)
#: Common given names, so a reference's author can be told from its title.
GIVEN_NAMES = frozenset(
    _words(
        """
aaron abba abraham adam adolph alan albert alec aleksandr alexander alexandra alexei alfred
alice alistair allan andrew andrei andrey anna anne anthony anton antonio arthur barbara
barry ben benjamin bernard bertrand bill boris brian bruce carl carlos caroline catherine
charles chris christian christopher claude colin daniel david dennis derek dimitri dmitri
dmitry donald douglas duncan edward elena elizabeth emma eric ernest eugene evgeny felix
francis frank fred frederick friedrich geoffrey george georgi georgy gerald gilbert gordon
graham gregory gus hans harold harry helen henry herbert hugh hugo ian igor isaac isai ivan
jack jacob james jan jane jean jeffrey jerrold john jonathan joseph julia julian julius karl
katherine kenneth kevin konstantin lawrence leo leon leonard leona leonid lev lewis livio
louis lynn margaret mark martin mary matthew max michael mike mikhail moshe nadezhda natalia
neil nicholas nikolai nikolay norman oleg oliver orlando patrick paul pavel peter philip
pierre pyotr ralph raymond richard robert roger ronald roy rosa samuel sarah sergei sergey
sheila sidney simon stanley stephen steven susan ted terry thomas timothy tony victor vadim
valentin victoria vladimir walter william yakov yevgeny yuri
agnes astrid birgit erik helga ingrid jon jens karen kari knut lars mette nils ole ruth sven
"""
    )
)

#: Words that mark where a web page's domain was split by the sentence splitter.
DOMAIN_SUFFIXES = frozenset({"org", "com", "net", "edu", "gov", "uk", "html", "htm", "php"})

#: "retrieved" / "accessed" introduce an access date; "archived" an archive date.
ACCESS_WORDS = frozenset({"retrieved", "accessed"})
PAGE_WORDS = frozenset({"p", "pp", "pg", "pgs", "page", "pages"})

PAGE_TOKEN = re.compile(r"^(?:[0-9]{1,4}(?:[-–][0-9]{1,4})?|[ivxlc]{1,7}(?:[-–][ivxlc]{1,7})?)$")
#: Pages glued to the page word: "pp161-162".
GLUED_PAGES = re.compile(r"^(pp|p|pg)([0-9]{1,4}(?:[-–][0-9]{1,4})?)$")

#: Identifier labels as citation templates print them ("ISBN 978-...", "doi:10...."):
#: a line opening with one still belongs to the reference before it.
IDENTIFIER_WORDS = frozenset(
    {"isbn", "issn", "doi", "oclc", "pmid", "pmc", "jstor", "arxiv", "bibcode", "hdl", "s2cid"}
)
#: Catalogue numbers the citation templates print after the identifiers ("lccn 55003947");
#: kept apart from IDENTIFIER_WORDS, which the labeller's features were trained with.
CATALOGUE_WORDS = frozenset({"lccn", "lcc", "zbl", "ssrn", "osti", "eissn"})
#: Identifiers with dots inside, which the splitter cut into lines of their own.
CUT_IDENTIFIERS = frozenset({"doi", "bibcode", "arxiv", "citeseerx", "hdl"})
#: "doi:10.1021/ja01537a001" reads "doi 10" / "1021/ja01537a001": the splitter cut
#: it at every dot.  The registrant part after "10." holds the slash.
DOI_PREFIX = "10"
DOI_SUFFIX = re.compile(r"^[0-9]{4,9}/\S+$")
DOI_PIECE = re.compile(r"^[\w\-()/;:]+$")
ISBN_VALUE = re.compile(r"^(?:97[89][-–]?)?[0-9][-–0-9]{7,15}[0-9x]$")
#: A journal's "volume (issue): pages" line: "80 4 1021–1029", "37 2 155–178".
VOLUME_LINE = re.compile(r"^[0-9]{1,4}(?: [0-9]{1,4})?(?: [0-9]{1,5}[-–][0-9]{1,5})?$")
#: "et al." ends a line of authors; the year follows on the next.
ET_AL = ("et", "al")
#: Abbreviations for editors, editions and translators: never a publisher's name.
EDITOR_WORDS = frozenset({"ed", "eds", "edn", "edition", "trans", "tr", "comp", "vol", "vols"})
#: Link labels that close a further-reading item ("excerpt and text search"): the
#: link's words, not the title's.
LINK_LABELS: tuple[tuple[str, ...], ...] = (
    ("excerpt", "text", "search"),
    ("online", "review"),
    ("excerpt",),
)
#: "4 vols": how many volumes a work has (the title of each is elsewhere).
VOLUME_COUNT_WORDS = frozenset({"vols", "volumes"})
#: Name particles that belong to the surname ("jean van heijenoort").
PARTICLES = frozenset({"van", "von", "de", "der", "den", "di", "da", "du", "la", "le"})
#: A chapter, not a page: "... 1879–1921 ch".
CHAPTER_WORDS = frozenset({"ch", "chap", "chapter"})

#: The letters that link back to a footnote cited several times ("^ a b c"; "a"
#: is a stopword, so a footnote opens "b", "b c", ...).
BACKLINK_LETTERS = tuple("bcdefghijklmnopqrstuvwxyz")
#: The citation templates' stylesheet, flattened into the first citation that
#: used it: it opens with this line, and its selectors name the parser's class
#: ("mw-parser-output", sometimes cut as "mw- parser-output") or a "cs1-" class.
STYLESHEET_OPENING = ("mw-parser-output", "cite")
STYLESHEET_MARKS = ("mw-", "parser-output", "cs1-")

# Free-text citations written by hand ("see Robert Caro, The Power Broker,
# p. 418", "Chapter XII of Walden", "Darwin's 1859 book Origin") run together
# in one flattened line when an item had no closing full stop.  These words
# say where one of them opens (:mod:`.citesplit`).

#: A locator that opens a short citation ("chapter xii walden", "document 106 ...").
LOCATOR_WORDS = frozenset({"chapter", "chap", "ch", "document", "doc", "letter", "appendix"})
#: A reader's pointer before a citation ("see", "cf.", "quoted in", "cf., for instance").
POINTER_WORDS = frozenset({"see", "cf", "compare", "quoted", "also", "instance", "eg"})
#: What a possessive names when it is the author's ("Darwin's 1859 book", "Lovelace's memoirs").
GENRE_WORDS = frozenset(
    {
        "book",
        "books",
        "memoirs",
        "memoir",
        "account",
        "biography",
        "autobiography",
        "speech",
        "article",
        "essay",
        "letter",
        "letters",
        "pamphlet",
        "diary",
        "diaries",
        "unfinished",
        "lecture",
        "testimony",
        "interview",
        "obituary",
    }
)
#: A contributor's role after the name ("john smith chairman", "edward hall ed").
ROLE_WORDS = frozenset({"chairman", "chair", "editor", "editors", "ed", "eds", "compiler"})
#: After a page number, words that still belong to the citation ("p 12 n 3", "pp 4-9 isbn ...").
PAGE_CONTINUATION = frozenset(
    {
        *IDENTIFIER_WORDS,
        *ACCESS_WORDS,
        "archived",
        "ff",
        "f",
        "n",
        "nn",
        "note",
        "notes",
        "fn",
        "fig",
        "figs",
        "col",
        "cols",
        "passim",
        "plate",
        "plates",
        "table",
        "footnote",
        "and",
        "&",
        "et",
        "seq",
    }
)
#: "contained (in)", "reprinted (in)": what follows is the collection that holds the piece.
CONTAINER_WORDS = frozenset({"contained", "reprinted", "anthologized"})

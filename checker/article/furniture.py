"""Data tables of Wikipedia's page furniture, as it reads once flattened.

The flattened format is lowercase, stopword-free, one sentence per line,
with hatnotes, infobox, contents, sidebars, navboxes and authority control
run together with the prose.  Everything the converter recognises is listed
here, for any article -- no entry may be specific to one article (the
infobox's labels are in :mod:`.infoboxdata`).

Phrases are written as Wikipedia renders them (with stopwords); matching is
done by :func:`checker.article.text.match_phrase`, which tolerates the words
the flattening removed.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


#: Hatnotes at the very top of an article ("X redirects here", "For other uses, see ...").
TOP_HATNOTE_PHRASES: tuple[str, ...] = (
    "redirects here",
    "redirect here",
    "for other uses see",
    "other uses see",
    "not to be confused with",
    "for other people named",
)

#: Section hatnotes that point to another article; the target follows.
MAIN_ARTICLE_PHRASES: tuple[str, ...] = ("main article", "main articles", "further information")

#: The label that opens the table of contents.
CONTENTS_LABELS: tuple[str, ...] = ("contents",)

#: Marks the flattening left after some contents entries (the icons of section
#: links); the body's heading does not repeat them.
CONTENTS_ICON_MARKS = frozenset({"#", "o"})

#: Standard appendix sections, in Wikipedia's usual order (MOS:ORDER).
APPENDIX_SECTIONS: tuple[str, ...] = (
    "works",
    "selected works",
    "publications",
    "bibliography",
    "see also",
    "notes",
    "explanatory notes",
    "footnotes",
    "citations",
    "references",
    "sources",
    "general references",
    "cited sources",
    "works cited",
    "further reading",
    "external links",
)

#: The appendix headings sought, in this order, in an article without a contents
#: list (a short one): those that never open a sentence of prose.
LIST_FREE_APPENDIX: tuple[str, ...] = (
    "see also",
    "notes",
    "footnotes",
    "references",
    "further reading",
    "external links",
)

#: Which appendix sections hold explanatory notes, references, further reading, links.
#: Lists of the subject's own works: kept as written, never read as captions or prose.
WORKS_SECTIONS = frozenset({"works", "selected works", "publications"})
NOTES_SECTIONS = frozenset({"notes", "explanatory notes", "footnotes"})
#: "Notes and references" holds the citations (and the few notes among them).
REFERENCE_SECTIONS = frozenset(
    {
        "references",
        "citations",
        "sources",
        "cited sources",
        "general references",
        "notes references",
        "references notes",
        "footnotes references",
        "works cited",
    }
)
FURTHER_READING_SECTIONS = frozenset({"further reading", "bibliography"})
EXTERNAL_LINK_SECTIONS = frozenset({"external links"})
SEE_ALSO_SECTIONS = frozenset({"see also"})

#: Contents numbers the flattening never keeps standalone (they read as stopwords).
#: A contents entry without a number therefore had one of these.
DROPPED_NUMBERS = frozenset({1, 8, 11})

#: An article-scope banner may end with a search box and a dismissal link around
#: its date: "... removed find sources: "Title" news newspapers books scholar
#: jstor (march 2019) (learn how and when to remove this message)".
BANNER_FIND_SOURCES = "find sources"
BANNER_REMOVE_NOTICE = "learn how and when to remove this message"
#: The search box holds the title and the engines' names.
MAX_FIND_SOURCES_WORDS = 16
FIND_SOURCES_ENGINES: tuple[str, ...] = ("news", "newspapers", "books", "scholar", "jstor")

#: The citation templates' style sheet, flattened into the references list
#: where the first citation sits: a run of lines of CSS ("mw-parser-output cite",
#: "citation{font-style inherit}", "1em center}", ... "2em}") that ends with the
#: last rule's closing brace.  A line of it opens with one of these.
STYLESHEET_OPENER = "mw-parser-output"
STYLESHEET_LINE = re.compile(
    r"^(?:mw-|parser-|output|cs1|citation|code|wikimedia|org/|svg|png|#|\d+(?:\.\d+)?(?:em|px|%)\}?$)"
)

#: Sidebars ("Part of a series on ...") run from the opening phrase to the
#: "v t e" (view/talk/edit) links.
SIDEBAR_OPENERS: tuple[str, ...] = ("part of a series on", "part series")
#: A box's "v t e" (view, talk, edit) links: they end a sidebar and open each
#: navbox; spaced, or glued to the word before them ("portalvte").
NAVBOX_LINKS: tuple[str, ...] = ("v t e", "vte")

#: The page footer: "Retrieved from https://en.wikipedia.org/w/index.php?title=..."
#: and the categories, to the end of the text.
PAGE_FOOTER_OPENER = "retrieved https //en wikipedia"

#: Bottom furniture after the external links: succession boxes, navboxes and authority control.
SUCCESSION_BOX_OPENERS: tuple[str, ...] = (
    "political offices",
    "party political offices",
    "diplomatic posts",
    "military offices",
    "government offices",
    "academic offices",
    "awards and achievements",
    "honorary titles",
)
SISTER_PROJECT_WORDS = frozenset(
    {
        "media",
        "commons",
        "quotations",
        "wikiquote",
        "source",
        "texts",
        "wikisource",
        "news",
        "wikinews",
        "textbooks",
        "wikibooks",
        "data",
        "wikidata",
        "resources",
        "wikiversity",
        "definitions",
        "wiktionary",
        "travel",
        "wikivoyage",
        "species",
        "wikispecies",
    }
)
AUTHORITY_CONTROL_LABEL = "authority control"

#: Authority-control identifier schemes as the box prints them; values follow each.
#: Multi-word values (ISNI in groups of four) are joined by the converter.
AUTHORITY_SCHEMES: dict[str, str] = {
    "viaf": "VIAF",
    "lccn": "LCCN",
    "isni": "ISNI",
    "gnd": "GND",
    "selibr": "SELIBR",
    "sudoc": "SUDOC",
    "bnf": "BNF",
    "ulan": "ULAN",
    "hds": "HDS",
    "nla": "NLA",
    "ndl": "NDL",
    "nkc": "NKC",
    "bne": "BNE",
    "orcid": "ORCID",
    "nlk": "NLK",
    "snac": "SNAC",
    "musicbrainz": "MusicBrainz",
    "nta": "NTA",
    "cinii": "CiNii",
    "rkd": "RKD",
    "sbn": "SBN",
    "nli": "NLI",
    "nara": "NARA",
    "plwabn": "PLWABN",
    "nlp": "NLP",
    "nlg": "NLG",
    "bibsys": "BIBSYS",
    "leonore": "Leonore",
}
#: Words of the authority box that are not scheme/value pairs.
AUTHORITY_NOISE = frozenset({"world", "cat", "identities", "worldcat", "data"})

#: Attribution lines of block quotations start with one of these dashes.
ATTRIBUTION_DASHES: tuple[str, ...] = ("—", "―", "–", "--")

#: First-person words: evidence that a line belongs to a quotation.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself"})

MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter", "early", "late", "mid"})

#: Words a caption never starts with (they start ordinary sentences).
SENTENCE_OPENERS = frozenset(
    {
        "while",
        "during",
        "after",
        "before",
        "when",
        "although",
        "though",
        "because",
        "since",
        "until",
        "however",
        "meantime",
        "thus",
        "then",
        "there",
        "instead",
        "first",
        "following",
        "starting",
        "throughout",
        "being",
        "towards",
        "toward",
    }
)

#: Finite verbs common in encyclopedic prose that do not end in "-ed": a line
#: with one is a sentence, not an image caption (captions are noun phrases).
SENTENCE_VERBS = frozenset(
    _words(
        """
became began born bore brought built came chose died fell felt fought found gave got grew
had has held hosts includes kept knew lay led left lies lost made meant met paid ran remains
rose said sat saw says sent set shot sold spent spoke stood taught thought told took understood
went won wore wrote
"""
    )
)

#: Words the flattening removed; only these may be missing when a furniture
#: phrase is matched against flattened text.  Measured, not assumed: these
#: never occur in the flattened articles, while many words of common English
#: stopword lists do ("other", "such", "further", "about", "then", "no"), so
#: "further information" needs its "further" and cannot match "information".
STOPWORDS = frozenset(
    _words(
        """
a an and are as at be been below between but by can could doing for from had has have he
hers herself him his if in into is it its more myself not of on or ours ourselves some than
that the theirs they this to was we were what when where which who with would your yours
yourself yourselves
"""
    )
)

"""Data tables the reference rules read: entry types, requirements, junk lists.

Kept apart from the code so that adding a junk title, a generic name or an
entry type is a one-line change.  The lists follow Module:Citation/CS1's
configuration (``generic_titles``, ``generic_names``) and the rendered CS1
error and maintenance messages that leak into copied references.
"""

from __future__ import annotations

from dataclasses import dataclass

# fmt: off
#: BibTeX and biblatex entry types; anything else is ``unknown-entry-type``.
KNOWN_ENTRY_TYPES: frozenset[str] = frozenset(
    {
        "article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings",
        "manual", "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished",
        "online", "www", "electronic", "webpage", "report", "thesis", "collection", "mvbook",
        "mvcollection", "mvproceedings", "mvreference", "bookinbook", "suppbook", "suppcollection",
        "suppperiodical", "periodical", "patent", "dataset", "software", "reference", "inreference",
        "artwork", "audio", "image", "movie", "music", "performance", "video", "letter", "legal",
        "legislation", "jurisdiction", "standard", "review", "commentary", "newspaper", "interview",
        "speech",
    }
)

#: commands in a .bib file that are not entries
NON_ENTRY_COMMANDS: frozenset[str] = frozenset({"comment", "preamble", "string"})

#: types that are web sources when they carry (or should carry) a URL
WEB_TYPES: frozenset[str] = frozenset({"online", "www", "electronic", "webpage"})

#: types whose citations need a page (``page-needed``)
PAGED_TYPES: frozenset[str] = frozenset({"book", "mvbook", "inbook", "incollection", "bookinbook"})


@dataclass(frozen=True, slots=True)
class Requirement:
    """An entry of these types must have at least one of ``fields``."""

    rule: str
    fields: tuple[str, ...]
    detail: str


_TITLE = Requirement("missing-title", ("title",), "no title")
_AUTHOR = Requirement("missing-author", ("author", "editor"), "no author or editor")
_PUBLISHER = Requirement("missing-publisher", ("publisher",), "no publisher")
_YEAR = Requirement("missing-year", ("year", "date"), "no year or date")
_JOURNAL = Requirement("missing-journal", ("journal", "journaltitle"), "no journal")
_URL = Requirement("missing-url", ("url",), "no url")
_SCHOOL = Requirement(
    "missing-institution", ("school", "institution", "publisher"), "no school or institution"
)

#: what each entry type requires; types not listed require a title only
REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
    "book": (_TITLE, _AUTHOR, _PUBLISHER, _YEAR),
    "mvbook": (_TITLE, _AUTHOR, _PUBLISHER, _YEAR),
    "inbook": (_TITLE, _AUTHOR, _PUBLISHER, _YEAR),
    "incollection": (_TITLE, _AUTHOR, _PUBLISHER, _YEAR),
    "article": (_TITLE, _JOURNAL, _YEAR),
    "inproceedings": (_TITLE, _YEAR),
    "phdthesis": (_TITLE, _AUTHOR, _SCHOOL, _YEAR),
    "mastersthesis": (_TITLE, _AUTHOR, _SCHOOL, _YEAR),
    "thesis": (_TITLE, _AUTHOR, _SCHOOL, _YEAR),
    "techreport": (_TITLE, _SCHOOL, _YEAR),
    **{web: (_TITLE, _URL) for web in WEB_TYPES},
}
DEFAULT_REQUIREMENTS: tuple[Requirement, ...] = (_TITLE,)

#: fields where the converter keeps text it could not parse
RAW_FIELDS: tuple[str, ...] = ("note", "x-raw")
#: The converter's mark on an entry whose fields it could only guess
#: (``x-parse = {guessed}``): the reference is reported once, as written, and
#: its missing fields are not blamed on it.
PARSE_FIELD, GUESSED = "x-parse", "guessed"

#: Entries whose ``keywords`` name one of these are listed for reading, not
#: cited (Wikipedia's "Further reading"): never "uncited".
LISTED_KEYWORDS: frozenset[str] = frozenset({"further reading", "bibliography", "external links"})

#: titles that name a web page's furniture rather than a work (compared after
#: case-folding and dropping punctuation); ``exact`` must be the whole title
GENERIC_TITLES_EXACT: frozenset[str] = frozenset(
    {
        "404", "error", "not found", "untitled", "no title", "title", "home", "home page",
        "homepage", "index", "welcome", "archived copy", "login", "log in", "sign in",
        "access denied", "forbidden", "page", "website", "just a moment", "redirecting", "loading",
        "usurped title",
    }
)
GENERIC_TITLES_CONTAINED: tuple[str, ...] = (
    "page not found", "404 not found", "error 404", "file not found", "redirecting",
    "are you a robot", "wayback machine", "no title", "website is for sale", "domain is for sale",
    "domain for sale", "hugedomains", "attention required", "subscribe to read",
    "log into facebook", "login instagram", "access denied", "request rejected", "bot verification",
    "enable javascript", "internet archive wayback",
)

#: names that are a site's or a template's furniture, not a person
GENERIC_NAMES: frozenset[str] = frozenset(
    {
        "author", "authors", "editor", "editors", "admin", "administrator", "anonymous author",
        "collaborator", "contributor", "contributors", "contact us", "about us", "directory",
        "email", "facebook", "google", "home page", "instagram", "interviewer", "linkedin",
        "pinterest", "policy", "privacy", "reporter", "site name", "staff", "staff writer",
        "statement", "submitted", "super user", "translator", "tumblr", "twitter", "x", "user",
        "verfasser", "webmaster", "website", "news desk", "unknown", "wikipedia", "youtube",
        "reuters staff", "byline", "et al",
    }
)

#: text of wiki markup or rendered CS1 errors/maintenance messages that leaks
#: into copied references (regular expressions, matched case-insensitively)
LEAKED_MARKERS: tuple[str, ...] = (
    r"\|\s*[a-z][a-z0-9-]*\s*=",  # a template parameter: |url= |website=
    r"\bcs1\s+(?:maint|errors?)\b",
    r"\bexternal\s+link\s+(?:in\s+)?\|",
    r"\bcheck\s+(?:date\s+values|\|\s*[a-z-]+=)",
    r"\bmissing\s+or\s+empty\s+\|",
    r"\bcite\s+(?:web|journal|book|news)\s+requires\b",
    r"\bcite\s+error\b",
    r"\(\s*help\s*\)",
    r"\bharv(?:nb)?\s+error\b",
    r"\bsfn\s+error\b",
)
#: ``{{`` / ``}}`` are template markup in raw text, but doubled braces are an
#: ordinary BibTeX idiom in parsed fields, so only raw fields are searched
LEAKED_BRACE_MARKERS: tuple[str, ...] = (r"\{\{", r"\}\}")

#: words that begin ordinary prose, never a short citation's author names
NOT_A_NAME: frozenset[str] = frozenset(
    {
        "in", "on", "at", "since", "by", "from", "until", "till", "born", "died", "circa", "c",
        "about", "after", "before", "the", "a", "an", "of", "to", "and", "or", "for", "with",
        "year", "years", "during", "between", "early", "late", "mid", "summer", "winter", "spring",
        "autumn", "fall", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "this", "that", "it", "he", "she", "they",
        "we", "his", "her", "their", "was", "is", "were",
    }
)

#: leading words a hand-written short citation may carry
SHORT_CITE_LEADS: tuple[str, ...] = ("see also", "see", "cf.", "cf", "quoted in")
# fmt: on

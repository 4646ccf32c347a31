"""The registry of reference rules -- data, not code paths.

Each :class:`Rule` names one condition modelled on Wikipedia's Citation Style 1
checks (Module:Citation/CS1) or its harv/sfn checks: a stable kebab-case id
(also the warning subtype ``citecheck.<id>``), a category, a default severity,
a one-line message that says how to fix the problem, and the CS1 condition it
mirrors.  The checks in :mod:`checker.refs.checks` only look rules up here, so
severities and wording change in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..findings import Category, Finding, Severity
from .identifiers import SCHEMES

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
REF, IDENT = Category.REFERENCE, Category.IDENTIFIER


@dataclass(frozen=True, slots=True)
class Rule:
    """One reference rule."""

    id: str
    category: Category
    severity: Severity
    message: str  #: one line that says how to fix it
    cs1: str  #: the CS1 / harv condition this rule mirrors


# a table: one block per rule reads better than one argument per line
# fmt: off
_RULES: tuple[Rule, ...] = (
    # -- reading the .bib file ------------------------------------------------
    Rule("bib-unreadable", REF, E,
         "bibliography file cannot be read: check the path in bibtex_bibfiles",
         "(file level)"),
    Rule("bib-syntax-error", REF, E,
         "BibTeX syntax error: fix the entry so the rest of the file parses as written",
         "(BibTeX parse error)"),
    Rule("bib-encoding", REF, E,
         "file is not valid UTF-8: re-save it as UTF-8",
         "(file level)"),
    Rule("bib-empty", REF, INFO,
         "bibliography file holds no entries: add entries or stop listing the file",
         "(file level)"),
    Rule("unknown-entry-type", REF, W,
         "unknown BibTeX entry type: use a standard type such as @book, @article, @online or "
         "@misc",
         "Unknown parameter"),
    # -- resolution -----------------------------------------------------------
    Rule("citation-unresolved", REF, E,
         "citation key is not in the bibliography: add the entry or fix the key",
         "Harv error: link to #CITEREF doesn't point to any citation"),
    Rule("entry-uncited", REF, INFO,
         "bibliography entry is never cited: cite it or move it to further reading",
         "Harv warning: There is no link pointing to this citation"),
    Rule("duplicate-key", REF, E,
         "two entries share this key: rename one key (the BibTeX reader keeps only the first)",
         "Harv error: duplicate CITEREF anchor"),
    Rule("duplicate-work", REF, W,
         "the same work is listed twice under different keys: merge the entries and cite one key",
         "Harv error: multiple targets"),
    Rule("inconsistent-editions", REF, W,
         "the same work is cited in different editions: cite one edition or say which in each "
         "entry",
         "(editorial: inconsistent citations of one work)"),
    # -- short citations (sfn / harv) -----------------------------------------
    Rule("short-cite-unresolved", REF, E,
         "short citation matches no bibliography entry by author and year: add the entry or fix "
         "the names or year",
         "Harv error: link to #CITEREF doesn't point to any citation"),
    Rule("short-cite-ambiguous", REF, W,
         "short citation matches several entries: add a year suffix (2001a, 2001b) or more "
         "authors",
         "Harv error: multiple targets"),
    # -- completeness ---------------------------------------------------------
    Rule("missing-title", REF, E,
         "reference has no title: add the title",
         "Missing or empty |title="),
    Rule("missing-author", REF, W,
         "book has no author or editor: add the author or editor",
         "CS1 maint: missing author or editor"),
    Rule("missing-publisher", REF, W,
         "book has no publisher: add the publisher",
         "(cite book |publisher=)"),
    Rule("missing-year", REF, W,
         "reference has no year or date: add the publication year",
         "CS1 maint: date missing"),
    Rule("missing-journal", REF, E,
         "article has no journal: add the journal name",
         "Cite journal requires |journal="),
    Rule("missing-institution", REF, W,
         "thesis or report has no school or institution: add it",
         "(cite thesis |publisher=)"),
    Rule("missing-url", REF, E,
         "web source has no URL: add the URL",
         "Cite web requires |url="),
    Rule("page-needed", REF, W,
         "citation of a book gives no page: add the page number",
         "{{Page needed}}"),
    Rule("accessdate-without-url", REF, W,
         "access date is given but no URL: add the URL or drop the access date",
         "|access-date= requires |url="),
    Rule("incomplete-date", REF, W,
         "date is incomplete (month or day without year): give the full date",
         "Check date values in: |access-date="),
    # -- dates ----------------------------------------------------------------
    Rule("bad-date", REF, E,
         "date is invalid: write YYYY, YYYY-MM-DD or D Month YYYY",
         "Check date values in: |date="),
    Rule("future-date", REF, E,
         "date is in the future: check the year",
         "Check date values in: |date= (later than next year) / |access-date= (after tomorrow)"),
    Rule("access-date-out-of-range", REF, W,
         "access date is before the earliest plausible access date: check the year",
         "Check date values in: |access-date= (before 2001-01-15)"),
    Rule("access-date-before-publication", REF, W,
         "source was accessed before it was published: check both dates",
         "(access-date earlier than date)"),
    # -- titles and names -----------------------------------------------------
    Rule("generic-title", REF, E,
         "title is generic web-page junk: replace it with the work's real title",
         "Cite uses generic title"),
    Rule("generic-name", REF, E,
         "author field holds a generic name: give the real author or leave it out",
         "Cite uses generic name"),
    # -- leaked junk ----------------------------------------------------------
    Rule("leaked-template", REF, E,
         "reference contains leaked wiki markup or a citation error message: remove it and fill "
         "the field it names",
         "(rendered CS1 error text copied into the reference)"),
    Rule("unparsed-reference", REF, INFO,
         "converter could not read this reference for sure: check its fields, then drop x-parse",
         "(converter kept raw text)"),
    # -- identifiers ----------------------------------------------------------
    Rule("unknown-identifier-scheme", IDENT, INFO,
         "identifier scheme is not known to citecheck: check the name of the scheme",
         "(authority control)"),
)
# fmt: on


def _identifier_rules() -> tuple[Rule, ...]:
    """One ``bad-<scheme>`` rule per identifier scheme (the scheme table is data)."""
    return tuple(
        Rule(
            f"bad-{scheme.name}",
            IDENT,
            E,
            f"{scheme.label} is malformed or fails its check: {scheme.fix}",
            scheme.cs1,
        )
        for scheme in SCHEMES.values()
    )


RULES: Mapping[str, Rule] = {rule.id: rule for rule in (*_RULES, *_identifier_rules())}


def rule(rule_id: str) -> Rule:
    """The rule with this id; a ``KeyError`` names a programming error."""
    return RULES[rule_id]


def make_finding(
    rule_id: str,
    *,
    path: str,
    line: int | None,
    text: str,
    detail: str = "",
    data: Mapping[str, Any] | None = None,
    doc: str | None = None,
    section: str | None = None,
    suggestions: tuple[str, ...] = (),
) -> Finding:
    """A finding for ``rule_id``; ``detail`` (what exactly is wrong) leads the message."""
    r = RULES[rule_id]
    message = f"{detail} -- {r.message}" if detail else r.message
    return Finding(
        rule=r.id,
        category=r.category,
        severity=r.severity,
        path=path,
        line=line,
        message=message,
        text=text,
        doc=doc,
        section=section,
        suggestions=suggestions,
        data=dict(data or {}),
    )

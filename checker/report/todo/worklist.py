"""Order the gaps the way an editor should work through them, with age, hints and sources.

Flagged claims first -- oldest first (undated after dated), then claims in a
section (or article) under a banner, then document order -- each with up to
three candidate sources; then the sentences the citation-need model thinks
need a source (``likely-needs-citation``), highest score first, with
candidate sources found the same way.  Banners follow, then reference, identifier, note and
link findings, in document order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ... import need
from ...findings import Category, Finding
from ...tags import DATE_RE
from .rank import Candidate, Ranker

OLD_AFTER_MONTHS = 48  #: four years, the age after which a hint suggests removal
HINT_OLD = "an unsourced claim this old may be removed"
HINT_LEAD = "lead claims are usually sourced in the body: reuse the body's citation"

#: the order groups appear in; categories not listed come last
GROUP_ORDER = (
    Category.FLAG,
    Category.BANNER,
    Category.REFERENCE,
    Category.IDENTIFIER,
    Category.NOTE,
    Category.LINK,
    Category.STRUCTURE,
)


@dataclass(frozen=True, slots=True)
class TodoItem:
    finding: Finding
    age_months: int | None = None
    hints: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    under_banner: bool = False

    @property
    def age_text(self) -> str:
        return age_text(self.age_months)


def parse_date(value: str | None) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date (missing parts: the 1st)."""
    if not value:
        return None
    match = DATE_RE.match(value.strip())
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        return None


def months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def age_text(months: int | None) -> str:
    if months is None:
        return "undated"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts) if parts else "less than a month"


def _banner_scopes(findings: Iterable[Finding]) -> tuple[set[tuple[str | None, str | None]], bool]:
    """(doc, section) pairs under a section banner, and whether an article banner exists."""
    sections: set[tuple[str | None, str | None]] = set()
    article = False
    for f in findings:
        if f.category is not Category.BANNER:
            continue
        if f.data.get("scope") == "article":
            article = True
        else:
            sections.add((f.doc, f.section))
    return sections, article


def build_worklist(
    findings: Sequence[Finding],
    ranker: Ranker,
    today: date,
    *,
    lead_docs: Iterable[str] = ("index",),
    limit: int = 0,
    context: Callable[[Finding], str] | None = None,
    doc_order: Sequence[str] = (),
) -> list[TodoItem]:
    """The worklist for finalized ``findings``; ``limit`` > 0 keeps the first N items.

    A flag's ``data["paragraph"]`` is its context for ranking sources; without
    one, ``context(finding)`` is asked (the command reads the source file).
    ``doc_order`` is the reading order of documents (the toctree); without it,
    documents come in path order.
    """
    lead = set(lead_docs)
    banner_sections, article_banner = _banner_scopes(findings)
    # finalized findings are in (path, line) order; the toctree order, when
    # known, puts documents as a reader meets them
    rank = {doc: i for i, doc in enumerate(doc_order)}
    order = {f.id: (rank.get(f.doc or "", len(rank)), i) for i, f in enumerate(findings)}
    items: list[TodoItem] = []
    for f in findings:
        if f.category is not Category.FLAG:
            items.append(TodoItem(f, age_months=_age(f, today)))
            continue
        months = _age(f, today)
        hints = []
        if months is not None and months >= OLD_AFTER_MONTHS:
            hints.append(HINT_OLD)
        if f.doc in lead:
            hints.append(HINT_LEAD)
        paragraph = str(f.data.get("paragraph") or "")
        if not paragraph and context is not None:
            paragraph = context(f)
        items.append(
            TodoItem(
                f,
                age_months=months,
                hints=tuple(hints),
                candidates=tuple(ranker.rank(f.text, paragraph)),
                under_banner=article_banner or (f.doc, f.section) in banner_sections,
            )
        )

    def priority(item: TodoItem) -> tuple[object, ...]:
        f = item.finding
        group = GROUP_ORDER.index(f.category) if f.category in GROUP_ORDER else len(GROUP_ORDER)
        if f.rule == need.RULE:  # the model's guesses after every tagged claim, likeliest first
            return (group, True, -need.finding_score(f), order[f.id])
        if f.category is Category.FLAG:
            dated = item.age_months is not None
            return (
                group,
                False,
                not dated,
                -(item.age_months or 0),
                not item.under_banner,
                order[f.id],
            )
        return (group, order[f.id])

    items.sort(key=priority)
    return items[:limit] if limit > 0 else items


def _age(finding: Finding, today: date) -> int | None:
    flagged = parse_date(finding.date)
    return None if flagged is None else months_between(flagged, today)

"""Candidate sources for one finding: what the project knows about its claim, ranked.

The one function the worklist and other checks (``likely-needs-citation``)
call: :func:`candidates_for` builds the ranker's :class:`~checker.rank.Claim`
from a finding -- its text, section and document, its paragraph, the cited
sentences of its section and its own place among them, read from the source
file -- and returns what :func:`checker.rank.suggest` finds worth showing,
each with its reasons.  ``sources`` keep the bibliography's order (the
``.bib`` entries as written): numbered by first use, as the converter writes
them, that order is evidence too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ...findings import Finding
from ...rank import Candidate, Claim, Source, suggest
from .context import paragraph_at, plain_words
from .nearby import Nearby, nearby


def claim_for(
    finding: Finding,
    sources: Sequence[Source],
    source_text: str | None,
    *,
    lead_docs: Collection[str] = ("index",),
) -> Claim:
    """The ranker's view of ``finding``; ``source_text`` is its file's text (None: unknown)."""
    paragraph = str(finding.data.get("paragraph") or "")
    around = Nearby(())
    if source_text is not None:
        paragraph = paragraph or paragraph_at(source_text, finding.line)
        around = nearby(source_text, finding.line, finding.text)
    return Claim(
        claim=plain_words(finding.text),
        sources=tuple(sources),
        section=finding.section or "",
        lead=finding.doc in lead_docs,
        paragraph=paragraph,
        context=around.context,
        para=around.para,
        sent=around.sent,
    )


def candidates_for(
    finding: Finding,
    sources: Sequence[Source],
    source_text: str | None,
    *,
    lead_docs: Collection[str] = ("index",),
    limit: int = 3,
) -> list[Candidate]:
    """Up to ``limit`` works worth citing for ``finding``, best first, with reasons."""
    if not sources:
        return []
    claim = claim_for(finding, sources, source_text, lead_docs=lead_docs)
    return suggest(claim, limit=limit)

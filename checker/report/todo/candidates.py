"""Candidate sources for one finding: what the project knows about its claim, ranked.

The one function the worklist and other checks (``likely-needs-citation``)
call: :func:`candidates_for` builds the ranker's :class:`~checker.rank.Claim`
from a finding -- its text, section and document, its paragraph and the
cited sentences of its section read from the source file -- and returns what
:func:`checker.rank.suggest` finds worth showing, each with its reasons.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ...findings import Finding
from ...rank import Candidate, Cited, Claim, Source, suggest
from .context import paragraph_at, plain_words
from .nearby import nearby


def claim_for(
    finding: Finding,
    sources: Sequence[Source],
    source_text: str | None,
    *,
    lead_docs: Collection[str] = ("index",),
) -> Claim:
    """The ranker's view of ``finding``; ``source_text`` is its file's text (None: unknown)."""
    paragraph = str(finding.data.get("paragraph") or "")
    context: tuple[Cited, ...] = ()
    if source_text is not None:
        paragraph = paragraph or paragraph_at(source_text, finding.line)
        context = nearby(source_text, finding.line, finding.text)
    return Claim(
        claim=plain_words(finding.text),
        sources=tuple(sources),
        section=finding.section or "",
        lead=finding.doc in lead_docs,
        paragraph=paragraph,
        context=context,
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

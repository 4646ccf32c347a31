"""Which of a project's works a claim most likely comes from, and why (no Sphinx).

:func:`suggest` is the one entry point the worklist and the citation-need
check use: a :class:`~checker.rank.claims.Claim` (its words, paragraph,
section, the citations around it, the bibliography) in, up to ``limit``
:class:`Candidate` works out, best first, each with its reasons, none below
the model's noise threshold.  ``citecheck rank-sources`` ranks every work
for the grading contract (:mod:`checker.rank.contract`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .claims import Cited, Claim, Source
from .features import ClaimFeatures
from .model import Model, shipped
from .reasons import reasons

__all__ = ["Candidate", "Cited", "Claim", "Source", "suggest"]


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    title: str
    score: float
    reasons: tuple[str, ...]


def suggest(claim: Claim, limit: int = 3, model: Model | None = None) -> list[Candidate]:
    """The works worth showing an editor for ``claim``, best first.

    A work is shown only if the evidence for it passes the model's noise
    gate (a work so weakly supported is rarely the one cited: see
    :mod:`checker.rank.train`), there is some evidence to show for it, and
    its title is not one of the junk titles the reference checks flag ("Page
    not found", "Are you a robot?"): such an entry is a broken link, not a work.
    """
    from ..refs.checks.titles import generic_title

    model = model or shipped()
    features = ClaimFeatures(claim)
    found = []
    for ranked in model.rank(claim, features)[:limit]:
        source = claim.sources[ranked.index]
        if not model.shown(features.row(ranked.index)) or generic_title(
            source.title or source.text
        ):
            continue
        why = reasons(features, ranked.index)
        if not why:
            continue
        found.append(Candidate(source.id, source.title or source.text, ranked.score, why))
    return found

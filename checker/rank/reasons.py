"""Why a work is suggested for a claim, in words an editor can check against the page."""

from __future__ import annotations

from .features import ClaimFeatures
from .text import words

MAX_WORDS = 4


def _quoted(terms: list[str]) -> str:
    return ", ".join(f"“{t}”" for t in terms)


def reasons(features: ClaimFeatures, i: int) -> tuple[str, ...]:
    """The evidence for work ``i``, strongest kind first; empty when there is none."""
    index = features.index
    work = index.works[i]
    found: list[str] = []
    idf = index.idf
    # the rarest shared words first: they are why this work stands out
    in_claim = sorted(
        (t for t in features.claim_terms if t in work.bag), key=lambda t: (-idf[t], t)
    )
    in_para = sorted((t for t in features.para_terms if t in work.bag), key=lambda t: (-idf[t], t))
    if in_claim or in_para:
        parts = []
        if in_claim:
            parts.append(f"{_quoted(in_claim[:MAX_WORDS])} with the claim")
        if in_para and len(in_claim) < MAX_WORDS:
            parts.append(f"{_quoted(in_para[: MAX_WORDS - len(in_claim)])} with its paragraph")
        found.append("shares " + "; ".join(parts))
    count = features.count.get(i, 0)
    if count:
        where = "in the same paragraph" if i in features.in_para else "in this section"
        times = "once" if count == 1 else f"{count} times"
        found.append(f"cited nearby ({times} {where})")
    named = sorted(work.surnames & set(words(features.claim.claim)))
    if named:
        found.append(f"by {', '.join(n.title() for n in named)}, named in the claim")
    if i in features.year_named and work.year is not None:
        found.append(f"published in {work.year}, a year the claim names")
    covered = features.covered.get(i)
    if covered is not None:
        _, year, (start, end) = covered
        span = str(start) if start == end else f"{start}–{end}"
        found.append(f"covers {year} ({span})")
    return tuple(found)

"""Did an editor cite a claim, or delete it?  Answered from the current source text.

A flag that left the report went one of three ways: the claim is still in its
document and now followed by a citation (*resolved*), the claim is still there
without one (the tag was dropped: *fixed* in the loose sense), or the claim is
gone (*removed*).  Counting removals as fixes is the complaint users of older
citation trackers have, so this module tells them apart.

The claim is looked up in the source after the same normalisation finding ids
use (case, punctuation and spacing ignored), so re-wrapping a paragraph or
adding emphasis does not hide it.  Pure text in, answer out: no Sphinx.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ..findings import normalise_text


class ClaimState(StrEnum):
    """What became of a claim whose flag disappeared."""

    CITED = "cited"  #: still in the source, followed by a citation
    PRESENT = "present"  #: still in the source, no citation after it
    ABSENT = "absent"  #: no longer in the source


#: What counts as a citation right after a claim: sphinxcontrib-bibtex roles in
#: reST (``:cite:p:`key```) and MyST (``{cite:t}`key```), and plain reST
#: citation or footnote references (``[Key]_``, ``[#]_``, ``[#note]_``).
_CITATION = re.compile(
    r"""
    :cite(?::[a-z]+)?:`[^`]+`        # :cite:p:`key`, :cite:t:`a,b`, :cite:`key`
    | \{cite(?::[a-z]+)?\}`[^`]+`     # {cite:p}`key` (MyST)
    | \[[^\]\s]+\]_                   # [Key]_, [#]_, [1]_
    """,
    re.VERBOSE,
)

#: What may stand between a claim and its citation: spacing, closing inline
#: markup, and sentence punctuation (``claim. [1]_``, ``*claim* :cite:p:`k```);
#: not ``:``, which starts the role itself.
_BETWEEN = re.compile(r"""[\s*`'"’”)\].,;!?\\]*""")
# ``\ `` (escaped space) is how reST glues a reference to the preceding word.


_CLUSTER = re.compile(r"(?s).[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*")


@dataclass(frozen=True, slots=True)
class _Normalised:
    """Source text normalised like :func:`normalise_text`, with a map back."""

    text: str
    #: ``ends[i]`` is the offset in the raw text just after normalised char ``i``
    ends: list[int]


def _normalise_with_offsets(raw: str) -> _Normalised:
    chars: list[str] = []
    ends: list[int] = []
    for cluster in _CLUSTER.finditer(raw):
        # a base character with its combining marks, so that NFKC composes
        # "e" + U+0301 exactly as it does for the whole claim text
        offset = cluster.end() - 1
        for piece in unicodedata.normalize("NFKC", cluster.group()).casefold():
            # the same classes normalise_text uses: word characters survive,
            # everything else becomes a single space
            keep = piece if (piece.isalnum() or piece == "_") else " "
            if keep == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(keep)
            ends.append(offset + 1)
    return _Normalised("".join(chars), ends)


def claim_state(claim: str, source: str) -> ClaimState:
    """Where ``claim`` stands in ``source`` (the raw reST/Markdown of its document)."""
    needle = normalise_text(claim)
    if not needle:
        return ClaimState.ABSENT
    norm = _normalise_with_offsets(source)
    haystack = f" {norm.text} "
    target = f" {needle} "
    found = False
    start = haystack.find(target)
    while start != -1:
        found = True
        # last normalised char of the match, in ``norm.text`` coordinates
        last = start + len(needle) - 1
        raw_end = norm.ends[last]
        if _followed_by_citation(source, raw_end):
            return ClaimState.CITED
        start = haystack.find(target, start + 1)
    return ClaimState.PRESENT if found else ClaimState.ABSENT


def _followed_by_citation(source: str, offset: int) -> bool:
    gap = _BETWEEN.match(source, offset)
    after = gap.end() if gap else offset
    return _CITATION.match(source, after) is not None

"""Where a claim's work would sit in the bibliography if the list is numbered by first use.

A Wikipedia reference list (and the ``references.bib`` the converter writes)
numbers works in the order the article first cites them.  When a claim's
citation is missing, the sentences before it cite works up to some number and
the ones after it cite works from a higher one on: a work in between that no
other sentence cites -- a gap in the numbering -- was most likely first cited
right here.  An editor would look there first.

Nothing promises that order: a ``rank-sources`` input may be shuffled and a
project's ``.bib`` may be alphabetical.  So :class:`Placement` also weighs
the evidence *for this claim* that the order is first use
(:attr:`Placement.belief`): in a list numbered by first use, the works the
section's sentences cite for the first time come in increasing order, each
close after the last; in any other order they jump about.  The ranker's
features use the gap only as far as that evidence carries.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

#: a context sentence as the placement sees it: its place in the document and the
#: indexes (in the sources list) of the works it cites
Entry = tuple[tuple[int, int], frozenset[int]]

#: the belief in first-use order from which the gap counts at all: below it the ranker
#: ranks as if the list were shuffled (a gap read into a shuffled list is noise)
TRUST = 0.9

#: how far into a gap a work still counts (works no context sentence cites, from the gap's end)
WINDOW = 6


@dataclass(frozen=True, slots=True)
class OrderPrior:
    """How first-use order shows in a section (the defaults were measured on the training split).

    ``tight`` is the share of consecutive first uses, in an ordered list,
    whose numbers rise by at most :data:`STEP`; ``prior`` the probability that
    a list is in first-use order before looking at it.
    """

    #: measured on the training split's sections in list order: 80 % of 18,828 steps
    tight: float = 0.8
    prior: float = 0.5


STEP = 2


@dataclass(slots=True)
class Placement:
    """The gap evidence for every work of one claim's bibliography (sparse)."""

    belief: float = 0.0  #: probability that the sources are listed in first-use order
    evidence: int = 0  #: consecutive first uses the belief rests on
    slots: int = 0  #: places among the context sentences the claim may sit at (0: unknown)
    located: bool = False  #: the claim's place among them is known
    #: share of the claim's possible places whose gap holds the work (near an end of it)
    gap: dict[int, float] = field(default_factory=dict)
    #: 1 / (1 + the work's rank among uncited works from the nearer bounded end of its gap)
    edge: dict[int, float] = field(default_factory=dict)
    #: the first new work of the context sentence right after the claim (the claim may cite
    #: it first, then the sentence after it again)
    next_new: set[int] = field(default_factory=set)


def belief(entries: Sequence[Entry], n: int, prior: OrderPrior) -> tuple[float, int]:
    """The probability that the list is in first-use order, and how many steps it rests on.

    Walks the context sentences in document order; each work cited for the
    first time is a step from the previous first use.  In first-use order a
    step rises by one or two (``prior.tight`` of the time); in random order
    it does so with probability about ``STEP / n``.  Naive Bayes over the steps.
    """
    if n < 3:
        return prior.prior, 0
    seen: set[int] = set()
    last: int | None = None
    score = math.log(prior.prior / (1 - prior.prior))
    chance = min(STEP / n, 0.5)
    hit = math.log(prior.tight / chance)
    miss = math.log((1 - prior.tight) / (1 - chance))
    steps = 0
    for _, targets in entries:
        for i in sorted(targets - seen):
            if last is not None:
                steps += 1
                score += hit if 0 < i - last <= STEP else miss
            last = i
        seen |= targets
    score = max(min(score, 30.0), -30.0)
    return 1.0 / (1.0 + math.exp(-score)), steps


def _main_chain(entries: Sequence[Entry]) -> list[tuple[int, int]]:
    """The longest rising run of first uses: (entry, work index) pairs, in document order.

    A section also cites, for the first time in it, works numbered long
    before (first cited in an earlier section) or far after (a bibliography
    listed after the notes); the longest increasing subsequence leaves those out.
    """
    uses: list[tuple[int, int]] = []
    seen: set[int] = set()
    for j, (_, targets) in enumerate(entries):
        uses += [(j, i) for i in sorted(targets - seen)]
        seen |= targets
    # patience sorting: tails[r] = the use ending the best rising run of length r + 1
    tails: list[int] = []
    values: list[int] = []  #: the work index of each tail
    back: list[int] = []
    for u, (_, i) in enumerate(uses):
        r = bisect_left(values, i)
        back.append(tails[r - 1] if r else -1)
        if r == len(tails):
            tails.append(u)
            values.append(i)
        else:
            tails[r], values[r] = u, i
    chain = []
    u = tails[-1] if tails else -1
    while u >= 0:
        chain.append(uses[u])
        u = back[u]
    return chain[::-1]


def possible_slots(entries: Sequence[Entry], at: int | None) -> list[int]:
    """The places ``k`` (before ``entries[k]``) the claim may sit at.

    ``at`` is its place when known.  Otherwise it is in a paragraph of its own,
    so between two sentences whose paragraph numbers differ by two or more, or
    before the first, or after the last.
    """
    if at is not None:
        return [at]
    m = len(entries)
    return [k for k in range(m + 1) if k in (0, m) or entries[k][0][0] - entries[k - 1][0][0] >= 2]


def place(
    entries: Sequence[Entry], n: int, at: int | None, prior: OrderPrior | None = None
) -> Placement:
    """The gap evidence of a claim whose context is ``entries`` (in document order).

    ``n`` is the number of works; ``at`` the claim's place among the entries
    (``k``: after ``entries[k - 1]``, before ``entries[k]``), None if unknown.
    """
    prior = prior or OrderPrior()
    found = Placement()
    if not entries or n == 0:
        return found
    found.belief, found.evidence = belief(entries, n, prior)
    slots = possible_slots(entries, at)
    found.slots, found.located = len(slots), at is not None
    if found.belief < TRUST:
        return found
    used = frozenset().union(*(targets for _, targets in entries))
    chain = _main_chain(entries)
    share = 1.0 / len(slots)
    for k in slots:
        # the chain's last first use before the place and its first one after bound the gap
        low = max((i for j, i in chain if j < k), default=-1)
        high = min((i for j, i in chain if j >= k), default=n)
        if high < n:
            found.next_new.add(high)
        unused = [i for i in range(low + 1, high) if i not in used]
        for rank, i in enumerate(unused):
            ranks = []
            if low >= 0:
                ranks.append(rank)
            if high < n:
                ranks.append(len(unused) - 1 - rank)
            nearest = min(ranks, default=WINDOW)
            if nearest < WINDOW:
                found.gap[i] = found.gap.get(i, 0.0) + share
                found.edge[i] = max(found.edge.get(i, 0.0), 1.0 / (1.0 + nearest))
    return found

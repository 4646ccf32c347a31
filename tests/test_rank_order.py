"""The gap in a bibliography numbered by first use, and the evidence that it is so numbered."""

from __future__ import annotations

import random

from checker.rank.claims import claim_from_json
from checker.rank.features import ClaimFeatures
from checker.rank.order import TRUST, OrderPrior, belief, place, possible_slots

# A section's cited sentences (paragraph, sentence) with the works they cite, in a list of
# 40 works numbered by first use: the section first cites works 10-13 and 15-17; work 14
# is first cited by a sentence whose citation is missing.
SECTION = [
    ((4, 0), frozenset({10})),
    ((4, 1), frozenset({11, 12})),
    ((4, 3), frozenset({13})),
    ((5, 0), frozenset({15, 10})),
    ((5, 1), frozenset({16})),
    ((7, 0), frozenset({17})),
]


def test_a_section_numbered_by_first_use_is_believed() -> None:
    whole, steps = belief(SECTION, 40, OrderPrior())
    assert steps == 6 and whole > 0.999
    # two steps of one among forty works: chance would make that one time in a hundred
    probability, steps = belief(SECTION[:2], 40, OrderPrior())
    assert steps == 2 and probability > TRUST
    # a step back (a work first cited in an earlier section) costs some belief, not all
    assert TRUST < belief([*SECTION, ((8, 0), frozenset({3}))], 40, OrderPrior())[0] < whole
    # one first use is no evidence: the prior stands
    assert belief(SECTION[:1], 40, OrderPrior()) == (0.5, 0)


def test_the_gap_where_the_claim_sits_holds_the_work_it_first_cited() -> None:
    # the claim is the third sentence of paragraph 4: after (4, 1), before (4, 3)
    found = place(SECTION, 40, at=2)
    assert found.located and found.slots == 1
    # the works cited before reach 12, the next new one is 13: no room, so no gap
    assert found.gap == {} and found.next_new == {13}
    # placed after (4, 3) instead, the gap between 13 and 15 is work 14
    found = place(SECTION, 40, at=3)
    assert found.gap == {14: 1.0} and found.edge == {14: 1.0} and found.next_new == {15}


def test_an_unplaced_claim_may_sit_only_between_paragraphs() -> None:
    # its paragraph holds none of these sentences: before 4, between 5 and 7, after 7
    assert possible_slots(SECTION, None) == [0, 5, 6]
    found = place(SECTION, 40, at=None)
    assert not found.located and found.slots == 3
    # between (5, 1) and (7, 0) the numbers run 16 -> 17: no gap; after 17, works 18, 19, ...
    assert found.edge[18] == 1.0 and found.edge[19] == 0.5
    # before the section: the works just below 10, each a third of the places
    assert found.edge[9] == 1.0 and abs(found.gap[9] - 1 / 3) < 1e-9


def test_a_work_numbered_far_out_of_sequence_does_not_break_the_gap() -> None:
    # a bibliography entry listed after the notes (work 38), cited in the middle
    section = [*SECTION[:3], ((4, 4), frozenset({38})), *SECTION[3:]]
    found = place(section, 40, at=3)
    assert 14 in found.gap and 39 not in found.gap


def test_a_shuffled_list_is_not_believed_and_gives_no_gap() -> None:
    rng = random.Random(7)
    numbers = list(range(40))
    believed = 0
    for _ in range(50):
        rng.shuffle(numbers)
        shuffled = [(key, frozenset(numbers[i] for i in targets)) for key, targets in SECTION]
        found = place(shuffled, 40, at=3)
        believed += found.belief >= TRUST
        if found.belief < TRUST:
            assert found.gap == {} and found.edge == {} and found.next_new == set()
    assert believed <= 2


def test_no_context_no_placement() -> None:
    found = place([], 40, at=None)
    assert (found.belief, found.slots, found.gap) == (0.0, 0, {})


def test_the_claims_place_from_the_contract_finds_its_gap() -> None:
    # works listed by first use; the sentences around the claim cite 0, 1 and 3, 4
    line = {
        "claim": "Its walls were rebuilt in stone.",
        "para": 0,
        "sent": 2,
        "context": [
            {"text": "The fort was first built of timber.", "para": 0, "sent": 0, "cites": ["a"]},
            {"text": "A ditch surrounded it.", "para": 0, "sent": 1, "cites": ["b"]},
            {"text": "A garrison held it for a century.", "para": 0, "sent": 3, "cites": ["d"]},
            {"text": "It was abandoned in 1650.", "para": 0, "sent": 4, "cites": ["e"]},
        ],
        "sources": [{"id": s, "text": f"Author {s.upper()}. A book."} for s in "abcdef"],
    }
    claim = claim_from_json(line)
    assert (claim.para, claim.sent) == (0, 2)
    placement = ClaimFeatures(claim).placement
    assert placement.located and placement.gap == {2: 1.0}
    # the same claim without its place: it may sit only before or after the paragraph
    placement = ClaimFeatures(claim_from_json({**line, "para": None, "sent": None})).placement
    assert not placement.located and 2 not in placement.gap

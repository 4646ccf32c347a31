"""Ranking metrics for the citation-need model, in plain Python.

The trainer, the tests and the benchmark share them, so every number is computed one way.
"""

from __future__ import annotations

from collections.abc import Sequence


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve (ties count half), by the rank-sum formula."""
    order = sorted(range(len(scores)), key=scores.__getitem__)
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return float("nan")
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def share_in_top(scores: Sequence[float], marked: Sequence[bool], top: float = 0.3) -> float:
    """Share of the marked sentences whose score is within the top ``top`` of all scores."""
    ranked = sorted(scores, reverse=True)
    cut = ranked[max(0, min(len(ranked) - 1, int(len(ranked) * top) - 1))]
    hits = [s >= cut for s, m in zip(scores, marked, strict=True) if m]
    return sum(hits) / len(hits) if hits else float("nan")


def evaluate(
    scores: Sequence[float], labels: Sequence[bool], cn: Sequence[bool]
) -> dict[str, float]:
    return {"auc": roc_auc(scores, labels), "cn_in_top30": share_in_top(scores, cn)}


def pick_threshold(
    scores: Sequence[float], labels: Sequence[bool], precision: float, min_flagged: int = 20
) -> tuple[float, dict[str, float]]:
    """The lowest score at which the sentences scoring at or above it are ``precision`` precise.

    Walks down the ranking; a minimum count keeps a lucky handful at the very top
    from deciding. Returns the threshold and its precision, recall and share flagged.
    """
    pairs = sorted(zip(scores, labels, strict=True), key=lambda p: -p[0])
    total_pos = sum(labels)
    best = (pairs[0][0] if pairs else 1.0, 0, 0)
    hits = 0
    for n, (score, label) in enumerate(pairs, 1):
        hits += label
        is_boundary = n == len(pairs) or pairs[n][0] != score
        if is_boundary and n >= min_flagged and hits / n >= precision:
            best = (score, hits, n)
    threshold, hits, n = best
    return threshold, {
        "precision": hits / n if n else float("nan"),
        "recall": hits / total_pos if total_pos else float("nan"),
        "share_flagged": n / len(pairs) if pairs else float("nan"),
    }

"""Split the Notes section into one text per marker.

The notes ([a], [b], ...) lost their labels and run together, sometimes two
on one line.  Each note explains the sentence its marker sits in, so the
split that best matches every note to its marker's context wins: a dynamic
programme over candidate cut points (line starts, and changes of script
such as Cyrillic to Latin) scoring shared rare words.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Sequence

from .model import Token

#: A marker's context is the sentence (input line) it annotates; the words
#: next to it weigh most, the rest of the sentence at least FAR_WEIGHT.
DISTANCE_SCALE = 3.0
FAR_WEIGHT = 0.25
#: A unit of at most this many words is a sentence fragment ...
SHORT_UNIT = 3
#: ... and starting a new note with it costs this much.
FRAGMENT_PENALTY = 6.0


def _leans_back(words: Sequence[str]) -> bool:
    """A sentence that opens with a past participle ("faced with the united
    opposition ...", "[he was] replaced by ...") lost a subject that referred
    back, or hangs on the sentence before: it continues a note, it does not
    start one."""
    first = words[0] if words else ""
    return len(first) > 4 and first.isalpha() and first.endswith("ed")


def _script(word: str) -> str:
    for char in word:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.split()[0] if name else ""
    return ""


def _norm(word: str) -> str:
    word = word.casefold().strip("'\".,;:!?()[]")
    return word[:-2] if word.endswith("'s") else word


def marker_contexts(
    streams: Sequence[Sequence[Token]], labels: Sequence[str]
) -> dict[str, dict[str, float]]:
    """For each label, the words around its marker(s), weighted by closeness:
    the word a marker is glued to says most about what its note explains."""
    contexts: dict[str, dict[str, float]] = {label: {} for label in labels}
    for tokens in streams:
        for i, token in enumerate(tokens):
            for label in token.notes_after:
                if label not in contexts:
                    continue
                weights = contexts[label]
                lo, hi = _clause(tokens, i)
                for j in range(lo, hi):
                    word = _norm(tokens[j].word)
                    weight = max(FAR_WEIGHT, 1.0 / (1.0 + abs(i - j) / DISTANCE_SCALE))
                    weights[word] = max(weights.get(word, 0.0), weight)
    return contexts


def _clause(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """The part of marker ``i``'s sentence (input line) that no other marker claims."""
    lo = i
    while lo > 0 and tokens[lo - 1].line == tokens[i].line and not tokens[lo - 1].notes_after:
        lo -= 1
    hi = i + 1
    while hi < len(tokens) and tokens[hi].line == tokens[i].line:
        hi += 1
        if tokens[hi - 1].notes_after:
            break
    return lo, hi


def split_notes(
    tokens: Sequence[Token],
    labels: Sequence[str],
    contexts: dict[str, dict[str, float]],
    document_frequency: Counter[str],
    documents: int,
) -> list[tuple[str, int, int]] | None:
    """(label, start, end) token ranges, one per label in order; None if impossible.

    The section is cut into units (lines, and a foreign-script name that opens a
    line); each unit is scored against every marker's context; a monotone
    assignment of units to labels, every label getting at least one unit,
    maximises the total.  A unit of a word or two is a fragment of the
    sentence before it and stays with its note, as does a sentence that opens
    leaning back on the one before (:func:`_leans_back`).
    """
    n = len(labels)
    cuts = sorted({0, len(tokens), *_cut_points(tokens)})
    units = list(itertools.pairwise(cuts))
    if n == 0 or len(units) < n:
        return None

    def idf(word: str) -> float:
        return math.log((documents + 1) / (document_frequency.get(word, 0) + 1))

    scores = []
    for start, end in units:
        words = {_norm(t.word) for t in tokens[start:end]}
        scores.append([sum(idf(w) * contexts[lab].get(w, 0.0) for w in words) for lab in labels])
    minus = float("-inf")
    # best[u][k]: units[:u+1] assigned, unit u to label k
    best = [[minus] * n for _ in units]
    back = [[0] * n for _ in units]
    best[0][0] = scores[0][0]
    for u in range(1, len(units)):
        start, end = units[u]
        short = end - start <= SHORT_UNIT or _leans_back([t.word for t in tokens[start:end]])
        for k in range(n):
            stay = best[u - 1][k]
            advance = best[u - 1][k - 1] - (FRAGMENT_PENALTY if short else 0.0) if k else minus
            if stay >= advance:
                best[u][k], back[u][k] = stay + scores[u][k], k
            else:
                best[u][k], back[u][k] = advance + scores[u][k], k - 1
    if best[-1][-1] == minus:
        return None
    owner = [0] * len(units)
    k = n - 1
    for u in range(len(units) - 1, -1, -1):
        owner[u] = k
        k = back[u][k]
    ranges = []
    for k, label in enumerate(labels):
        mine = [units[u] for u in range(len(units)) if owner[u] == k]
        ranges.append((label, mine[0][0], mine[-1][1]))
    return ranges


def _cut_points(tokens: Sequence[Token]) -> list[int]:
    """Line starts; and, in a line that opens in a non-Latin script (a note that
    is only a name in the original language), the first switch to Latin."""
    points = []
    opening = ""
    switched = False
    for i, token in enumerate(tokens):
        script = _script(token.word)
        if token.line_start:
            if i:
                points.append(i)
            opening, switched = script, False
        elif opening and opening != "LATIN" and script == "LATIN" and not switched:
            points.append(i)
            switched = True
    return points


def document_frequencies(lines: Sequence[Sequence[str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for words in lines:
        counts.update({_norm(w) for w in words})
    return counts

"""Place the contents list's headings in the body, by order and context.

A heading's words also occur in ordinary sentences ("1920", "assassination",
"permanent revolution"), so the first match is not the heading.  Every
occurrence is a candidate, scored by the evidence that a heading stands
there; a dynamic programme then picks one candidate per heading, in order,
with the best total score.
"""

from __future__ import annotations

from .furniture import APPENDIX_SECTIONS, ATTRIBUTION_DASHES, MAIN_ARTICLE_PHRASES
from .model import Body, Heading, HeadingSpec
from .text import match_phrase

#: Evidence weights.
AT_LINE_START = 4  # headings are glued to the start of their first sentence
#: a section with no intro text: "early life childhood education ...", so only
#: before its own first subsection (a sibling never follows an empty section:
#: "usual formula quotient rule" / "derivatives inverse functions" is a sentence's end)
GLUED_TO_PREVIOUS = 3
BEFORE_FURNITURE = 2  # a hatnote or banner follows a heading
AFTER_HATNOTE = 3  # "main article russian civil war 1918 military situation ..."
AFTER_ATTRIBUTION = 2  # "— author 'title' 1937 fourth international ..."
#: a section's first sentence names its subject again, within a few words
RESTATED = 2
RESTATE_REACH = 3
STEM = 5  # "plants" / "plant", "selection" / "selective"
UNPLACED = -1000

_BANNER_OPENERS = ("section needs", "article needs", "section does", "article does")


def place_headings(body: Body, specs: list[HeadingSpec]) -> tuple[list[Heading], list[int]]:
    """The placed headings, and the indexes of specs that could not be placed."""
    words = body.words()
    where: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        where.setdefault(word, []).append(i)
    candidates = [_candidates(body, words, spec, where) for spec in specs]
    # best[k][j]: best total for specs[:k+1] with spec k at candidates[k][j]
    best: list[list[float]] = []
    back: list[list[int]] = []
    for k, cands in enumerate(candidates):
        row: list[float] = []
        links: list[int] = []
        for pos, score in cands:
            if k == 0:
                row.append(score)
                links.append(-1)
                continue
            top, link = _best_predecessor(
                best[k - 1], candidates[k - 1], specs[k - 1], pos, specs[k]
            )
            row.append(top + score)
            links.append(link)
        # the "unplaced" option keeps the chain alive when a heading is missing
        if k:
            prev = max(range(len(best[k - 1])), key=best[k - 1].__getitem__)
            row.append(best[k - 1][prev] + UNPLACED)
            links.append(prev)
        else:
            row.append(UNPLACED)
            links.append(-1)
        best.append(row)
        back.append(links)
    return _trace(best, back, candidates, specs)


def _best_predecessor(
    prev_best: list[float],
    prev_cands: list[tuple[int, int]],
    prev_spec: HeadingSpec,
    pos: int,
    spec: HeadingSpec,
) -> tuple[float, int]:
    top, link = float("-inf"), -1
    for j, total in enumerate(prev_best):
        if j == len(prev_cands):  # previous heading unplaced
            if total > top:
                top, link = total, j
            continue
        prev_pos = prev_cands[j][0]
        end = prev_pos + len(prev_spec.words)
        if end > pos:
            continue
        bonus = GLUED_TO_PREVIOUS if end == pos and spec.level > prev_spec.level else 0
        if total + bonus > top:
            top, link = total + bonus, j
    return top, link


def _trace(
    best: list[list[float]],
    back: list[list[int]],
    candidates: list[list[tuple[int, int]]],
    specs: list[HeadingSpec],
) -> tuple[list[Heading], list[int]]:
    placed: list[Heading] = []
    missing: list[int] = []
    k = len(specs) - 1
    if k < 0:
        return [], []
    j = max(range(len(best[k])), key=lambda i: best[k][i])
    while k >= 0:
        if j == len(candidates[k]):
            missing.append(k)
        else:
            pos, score = candidates[k][j]
            placed.append(Heading(specs[k], pos, pos + len(specs[k].words), score))
        j = back[k][j]
        k -= 1
    placed.reverse()
    missing.reverse()
    return placed, missing


def _candidates(
    body: Body, words: list[str], spec: HeadingSpec, where: dict[str, list[int]]
) -> list[tuple[int, int]]:
    """Every occurrence of the heading's words (``where``: each word's positions)."""
    n = len(spec.words)
    found = []
    for i in where.get(spec.words[0], []) if spec.words else []:
        if words[i : i + n] != spec.words:
            continue
        score = 1
        token = body.tokens[i]
        if token.line_start:
            score += AT_LINE_START
        after = i + n
        if any(match_phrase(words, after, p) for p in (*MAIN_ARTICLE_PHRASES, *_BANNER_OPENERS)):
            score += BEFORE_FURNITURE
        if _after_hatnote(words, i):
            score += AFTER_HATNOTE
        if " ".join(spec.words) not in APPENDIX_SECTIONS and _restated(
            spec.words, words[after : after + RESTATE_REACH]
        ):
            score += RESTATED
        line_first = i
        while line_first > 0 and not body.tokens[line_first].line_start:
            line_first -= 1
        if words[line_first].startswith(ATTRIBUTION_DASHES) and line_first < i:
            score += AFTER_ATTRIBUTION
        found.append((i, score))
    return found


def _restated(heading: list[str], following: list[str]) -> bool:
    """Does the sentence after the heading name its subject again ("plant
    organogenesis plants organogenesis simply process ...")?  Not asked of
    appendix headings, whose lists never do."""
    stems = {w[:STEM] for w in heading if len(w) >= STEM}
    return any(w[:STEM] in stems for w in following if len(w) >= STEM)


def _after_hatnote(words: list[str], i: int, reach: int = 6) -> bool:
    for back in range(3, reach + 3):  # at least one target word in between
        start = i - back
        if start >= 0 and any(match_phrase(words, start, p) for p in MAIN_ARTICLE_PHRASES):
            return True
    return False

"""Footnote numbers of a flattened references list, and the stylesheet inside it.

Wikipedia numbers its references list "1.", "2.", ...; the flattening breaks
the line at every full stop, so each number survives as the last word of a
line (alone on it, or after the previous footnote's last words when that did
not end with a full stop: "... retrieved 7 june 2018" / "9" / "b palaeos ...").
The numbers the flattening drops as stopwords (1, 8, 11) leave a gap in the
chain.  Read in order, the numbers that step by one are the footnote
boundaries; page numbers ("p" / "13") and volumes ("4 625") that happen to end
a line rarely continue such a chain, and a dynamic programme over all
candidates keeps the chain that explains the most of them.

The first CS1 citation of an article also carries the citation templates'
stylesheet ("mw-parser-output cite" ... "cs1-kern-wl-right{padding-right 0" /
"2em}"), flattened into the list: :func:`drop_stylesheet` removes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .furniture import DROPPED_NUMBERS, MONTHS
from .refdata import (
    ACCESS_WORDS,
    BACKLINK_LETTERS,
    CUT_IDENTIFIERS,
    DOI_PREFIX,
    IDENTIFIER_WORDS,
    PAGE_WORDS,
    PUBLISHER_SUFFIXES,
    STYLESHEET_MARKS,
    STYLESHEET_OPENING,
)
from .reflabel.features import year_of
from .text import is_year

Lines = Sequence[tuple[int, list[str]]]

#: A chain needs this many numbers before it is trusted over the text heuristics.
MIN_CHAIN = 3
#: Footnote numbers above this are not expected (and years are never numbers).
MAX_NUMBER = 999
#: Skipping this many numbers is a gap (a footnote lost to a heading), not noise.
MAX_JUMP = 6
#: Evidence for a number being a footnote number (see :func:`_candidates`).
ALONE, LINE_END, AFTER_PAGE_WORD, BEFORE_BACKLINK = 3, 2, -2, 2
#: The cost of a chain that skips numbers or starts late.
JUMP_COST, LATE_START_COST = 5, 2
#: A piece of an identifier the splitter cut at its dots ("doi 10" / "1073/pnas" / "79" / "6").
IN_IDENTIFIER = -3
#: A line start that ends a reference this plainly needs no number to be a boundary.
SURE_BOUNDARY = 3
#: An author-date opening has its date within this many words; a line of one
#: author's name ("rajan t", "mussett alan e") is at most this long.
OPENING_WORDS, NAME_LINE_WORDS = 8, 4
#: How far what follows a number can count against it being a footnote number.
OPENING_WEIGHT = 2


class Footnote(NamedTuple):
    number: int  #: 0 when the number was dropped by the flattening
    lines: list[tuple[int, list[str]]]  #: (input line, words) of its text


def drop_stylesheet(lines: Lines) -> list[tuple[int, list[str]]]:
    """The lines without the citation templates' stylesheet: from a line
    "mw-parser-output cite" through the last rule's closing brace."""
    out: list[tuple[int, list[str]]] = []
    k = 0
    while k < len(lines):
        number, words = lines[k]
        if tuple(words) != STYLESHEET_OPENING:
            out.append((number, words))
            k += 1
            continue
        k, rest = _stylesheet_end(lines, k)
        if rest:
            out.append(rest)
    return out


def _stylesheet_end(lines: Lines, k: int) -> tuple[int, tuple[int, list[str]] | None]:
    """Index of the line after the stylesheet opened at ``lines[k]``, and what
    follows its closing brace on the last line (a footnote number, say)."""
    depth = 0
    while k < len(lines):
        number, words = lines[k]
        for i, word in enumerate(words):
            depth += word.count("{") - word.count("}")
            if depth <= 0 and word.endswith("}") and not _rule_follows(lines, k, i):
                rest = words[i + 1 :]
                return k + 1, ((number, rest) if rest else None)
        k += 1
    return k, None


def _rule_follows(lines: Lines, k: int, i: int) -> bool:
    """Another rule of the stylesheet follows ``lines[k][1][i]``: its selector
    names the parser's class before the next brace."""
    ahead = [w for _, words in lines[k + 1 : k + 3] for w in words]
    for word in [*lines[k][1][i + 1 :], *ahead]:
        if any(mark in word for mark in STYLESHEET_MARKS):
            return True
        if "{" in word:
            return False
    return False


def footnotes(lines: Lines) -> list[Footnote] | None:
    """The list cut at its footnote numbers, or None when it has no chain of them."""
    chain = _best_chain(_candidates(lines))
    if len(chain) < MIN_CHAIN:
        return None
    out: list[Footnote] = []
    start = (0, 0)  # (line index, word index) where the current footnote begins
    number = chain[0].value - 1
    for cand in chain:
        parts = [_slice(lines, start, (cand.line, cand.word))]
        dropped = _dropped_between(number, cand.value)
        for _ in dropped:
            parts[-1:] = _split_dropped(parts[-1])
        for n, part in zip([number, *dropped], parts, strict=True):
            _append(out, n, part)
        number, start = cand.value, (cand.line, cand.word + 1)
    tail = [_slice(lines, start, (len(lines), 0))]
    if number + 1 in DROPPED_NUMBERS:
        # the list may go on past a dropped number: cut only where a reference plainly ends
        head, rest = _split_dropped(tail[0])
        if rest and _boundary_score(head[-1][1], rest[0][1]) >= SURE_BOUNDARY:
            tail = [head, rest]
    for n, part in enumerate(tail, number):
        _append(out, n, part)
    return out


def _dropped_between(before: int, after: int) -> list[int]:
    """The dropped numbers between two chain numbers: each began a footnote."""
    return [n for n in range(before + 1, after) if n in DROPPED_NUMBERS]


def _append(out: list[Footnote], number: int, text: list[tuple[int, list[str]]]) -> None:
    text = _without_backlinks([(n, w) for n, w in text if w])
    if text:
        out.append(Footnote(max(number, 0), text))


def _without_backlinks(text: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """ "b c d" opening a footnote: the letters that link back to a footnote
    cited several times ("^ a b c"; "a" is a stopword)."""
    if not text:
        return text
    number, words = text[0]
    n = 0
    while n < len(words) and n < len(BACKLINK_LETTERS) and words[n] == BACKLINK_LETTERS[n]:
        n += 1
    if n == len(words) and len(text) == 1:
        return text
    return [(number, words[n:]), *text[1:]] if n < len(words) else text[1:]


class _Candidate(NamedTuple):
    line: int  #: index into the lines
    word: int  #: index of the number in its line
    value: int
    score: int


def _candidates(lines: Lines) -> list[_Candidate]:
    """Every line-final number that could be a footnote's number, with its evidence."""
    out = []
    in_identifier = False
    for k, (_, words) in enumerate(lines):
        if words and words[0] in CUT_IDENTIFIERS:
            in_identifier = True
        elif len(words) != 1:
            in_identifier = False
        if not words or not words[-1].isdigit() or words[-1].startswith("0"):
            continue
        value = int(words[-1])
        if value > MAX_NUMBER or is_year(words[-1]):
            continue
        score = ALONE if len(words) == 1 else LINE_END
        before = words[-2] if len(words) > 1 else (lines[k - 1][1][-1:] or [""])[0] if k else ""
        if before in PAGE_WORDS or (len(words) > 1 and words[-2].isdigit()):
            score += AFTER_PAGE_WORD  # "p" / "13", "4 625": a page or a volume
        following = lines[k + 1][1] if k + 1 < len(lines) else []
        if following and following[0] == BACKLINK_LETTERS[0]:
            score += BEFORE_BACKLINK
        if in_identifier and len(words) == 1 and _continues_identifier(following):
            score += IN_IDENTIFIER
        if following:
            # a reference opens after a footnote number: names and a date, a title
            score += max(-OPENING_WEIGHT, min(_opens(following), 1))
        out.append(_Candidate(k, len(words) - 1, value, score))
    return out


def _continues_identifier(following: list[str]) -> bool:
    """The line after a number inside an identifier: another piece of it, or the next one."""
    return not following or len(following) == 1 or following[0] in IDENTIFIER_WORDS


def _best_chain(cands: list[_Candidate]) -> list[_Candidate]:
    """The increasing chain of candidates with the best total evidence: steps of
    one (or over a dropped number) are free, longer jumps and late starts cost."""
    best: list[int] = []  # best chain score ending at each candidate
    back: list[int] = []
    by_value: dict[int, int] = {}  # value -> index of the best candidate with it so far
    for j, cand in enumerate(cands):
        score, prev = cand.score - _start_cost(cand.value), -1
        for gap in range(1, MAX_JUMP + 2):
            i = by_value.get(cand.value - gap, -1)
            if i < 0:
                continue
            skipped = [n for n in range(cand.value - gap + 1, cand.value)]
            cost = 0 if all(n in DROPPED_NUMBERS for n in skipped) else JUMP_COST
            if best[i] + cand.score - cost > score:
                score, prev = best[i] + cand.score - cost, i
        best.append(score)
        back.append(prev)
        held = by_value.get(cand.value, -1)
        # a tie goes to the first: a reference's own numbers follow its footnote number
        if held < 0 or score > best[held]:
            by_value[cand.value] = j
    if not cands:
        return []
    j = max(range(len(cands)), key=lambda n: (best[n], n))
    chain = []
    while j >= 0:
        chain.append(cands[j])
        j = back[j]
    return chain[::-1]


def _start_cost(value: int) -> int:
    """A list starts at 1 (dropped) or 2; a later start means footnotes were lost."""
    return (
        0 if value <= 2 or all(n in DROPPED_NUMBERS for n in range(1, value)) else LATE_START_COST
    )


def _slice(
    lines: Lines, start: tuple[int, int], end: tuple[int, int]
) -> list[tuple[int, list[str]]]:
    """The (line, words) between two (line index, word index) positions."""
    out = []
    for k in range(start[0], min(end[0] + 1, len(lines))):
        number, words = lines[k]
        lo = start[1] if k == start[0] else 0
        hi = end[1] if k == end[0] else len(words)
        out.append((number, list(words[lo:hi])))
    return out


def _split_dropped(text: list[tuple[int, list[str]]]) -> list[list[tuple[int, list[str]]]]:
    """Two footnotes whose number between was dropped: cut at the line start
    that best looks like the end of one reference and the start of another."""
    best, best_score = len(text), -99
    for k in range(1, len(text)):
        score = _boundary_score(text[k - 1][1], text[k][1])
        if score > best_score:
            best, best_score = k, score
    return [text[:best], text[best:]]


def _boundary_score(before: list[str], after: list[str]) -> int:
    """How plainly ``before`` ends a reference and ``after`` opens the next."""
    if not before or not after:
        return -9
    return _ends(before) + _opens(after)


def _ends(line: list[str]) -> int:
    if line[-1] == DOI_PREFIX or line[-1] in PAGE_WORDS:
        return -3  # "doi 10" / "1073/pnas", "p" / "13": the reference goes on
    if line[0] in ACCESS_WORDS:
        return 3  # "retrieved 7 june 2018" closes a web citation
    if line[0] in IDENTIFIER_WORDS or line[0] == "archived" or line[0][:1].isdigit():
        return 2  # an identifier, an archive note, a page or a DOI's last piece closes most
    return 1 if line[-1] in PUBLISHER_SUFFIXES else 0


def _opens(line: list[str]) -> int:
    if line[0] in IDENTIFIER_WORDS or line[0] in ACCESS_WORDS or line[0] in PAGE_WORDS:
        return -5  # these continue a reference
    if line[0] in ("archived", "http", "https") or line[0][:1].isdigit():
        return -3  # an archive note, a link, a DOI's next piece, a page
    if line[0] == BACKLINK_LETTERS[0]:
        return 2
    for i, word in enumerate(line[:OPENING_WORDS]):
        if is_year(word) or year_of(word) or word in MONTHS:
            # "crosland mw crozier rh 1986", "barnett ja april 2003": names, then the date
            return 2 if i and all(w.isalpha() for w in line[:i]) else 0
    return 1 if len(line) <= NAME_LINE_WORDS and all(w.isalpha() for w in line) else 0

"""Training labels for one reference, from a truth row of the development corpus.

A row of ``NAME.references.tsv`` gives a footnote's fields as words (surnames,
year, title words, publisher, first page, access date), not their positions;
here they are found in the footnote's tokens, in the order the citation
styles print them, and every token gets one label:

====  ==========================================================
AS    an author's surname          AG  given names, initials
AX    "et al", "&", "eds"          Y   the year of publication
D     the rest of that date        T   the title
C     journal, website or publisher (the container)
V     volume / issue / article pages   P  the page cited ("p 13")
I     an identifier (ISBN, DOI ...)    A  the access date
R     the archive note                 O  anything else
====  ==========================================================

A row whose fields cannot all be found is not used (``None``): better no
example than a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..refdata import ACCESS_WORDS, CUT_IDENTIFIERS, IDENTIFIER_WORDS, PAGE_WORDS, VOLUME_LINE
from ..refdates import date_end
from .features import word_features, year_of

LABELS = ("AS", "AG", "AX", "Y", "D", "T", "C", "V", "P", "I", "A", "R", "O")
#: Joining words of an author list.
AUTHOR_JOINERS = frozenset({"et", "al", "&", "and", "ed", "eds", "editor", "editors"})
ARCHIVE_WORDS = frozenset({"archived", "original", "wayback", "machine"})
#: The last author's given names: at most this many words after the surname.
MAX_GIVEN_AFTER = 3
#: The first author's given names, when they come first: at most this many words.
MAX_GIVEN_BEFORE = 3

Put = Callable[[int, int, str], None]


def _find(words: Sequence[str], run: Sequence[str], start: int, free: Sequence[bool]) -> int:
    """First index >= start where ``run`` occurs on unlabelled tokens, or -1."""
    n = len(run)
    for i in range(start, len(words) - n + 1):
        if list(words[i : i + n]) == list(run) and all(free[i : i + n]):
            return i
    return -1


def label_rows(pieces: Sequence[Sequence[str]], row: Mapping[str, str]) -> list[str] | None:
    """Labels of the footnote's tokens, or None when the row does not fit them."""
    words = [w for piece in pieces for w in piece]
    line_of = [k for k, piece in enumerate(pieces) for _ in piece]
    labels = ["O"] * len(words)
    free = [True] * len(words)

    def put(i: int, n: int, label: str) -> None:
        for j in range(i, i + n):
            labels[j], free[j] = label, False

    _rule_labels(pieces, put)
    title = (row.get("title_words") or "").split()
    title_at = _find(words, title, 0, free) if title else -1
    if title and title_at < 0:
        return None
    author_end = _label_authors(words, line_of, row, title_at, free, put)
    if author_end < 0:
        return None
    if not _label_year(words, row.get("year", ""), author_end, title_at, free, put):
        return None
    if title_at >= 0:
        put(title_at, len(title), "T")
    publisher = (row.get("publisher") or "").split()
    if publisher:
        at = _find(words, publisher, max(author_end, title_at), free)
        if at >= 0:
            put(at, len(publisher), "C")
            after = line_of[at + len(publisher) - 1] + 1
            if after < len(pieces) and VOLUME_LINE.match(" ".join(pieces[after])):
                start = sum(len(p) for p in pieces[:after])
                if all(free[start : start + len(pieces[after])]):
                    put(start, len(pieces[after]), "V")
    _label_pages(words, (row.get("pages") or "").strip(), free, put)
    return labels


def _rule_labels(pieces: Sequence[Sequence[str]], put: Put) -> None:
    """Identifiers, access dates and archive notes: fixed wordings."""
    start = 0
    continuing = False
    for piece in pieces:
        words = list(piece)
        if words and words[0] in IDENTIFIER_WORDS:
            put(start, len(words), "I")
            continuing = words[0] in CUT_IDENTIFIERS
        elif continuing and words and len(words) <= 4 and not _is_word(words[0]):
            put(start, len(words), "I")
        else:
            continuing = False
            for i, word in enumerate(words):
                if word in ACCESS_WORDS:
                    put(start + i, date_end(words, i + 1) - i, "A")
                    break
                if word == "archived":
                    end = i + 1
                    while end < len(words) and words[end] in ARCHIVE_WORDS:
                        end += 1
                    put(start + i, date_end(words, end) - i, "R")
                    break
        start += len(words)


def _is_word(word: str) -> bool:
    return word.isalpha() and len(word) > 3


def _label_authors(
    words: Sequence[str],
    line_of: Sequence[int],
    row: Mapping[str, str],
    title_at: int,
    free: list[bool],
    put: Put,
) -> int:
    """Surnames, then the given names and joiners between and after them.
    Returns the index after the author list (0 when there is none, -1 when a
    surname cannot be found)."""
    surnames = [a.split() for a in (row.get("authors") or "").split(";") if a.strip()]
    if not surnames:
        return 0
    found: list[tuple[int, int]] = []
    pos = 0
    for name in surnames:
        at = _find(words, name, pos, free)
        if at < 0:
            at = _find(words, name, 0, free)
        if at < 0:
            continue  # a glued spelling ("bstewart" and "stewart"): one of them is there
        found.append((at, len(name)))
        pos = at + len(name)
    if not found:
        return -1
    first = min(at for at, _ in found)
    last = max(at + n for at, n in found)
    if last - first > 12 * len(found):
        return -1  # the names are scattered: not an author list
    for at, n in found:
        put(at, n, "AS")
    # a first author given name first ("fred pearce 2014", "w r hawthorne 1964"): the
    # words before the surname that open the reference are the given names, not "O"
    # (the splitter may have cut them from it: "michael" / "mares 1999")
    if 0 < first <= MAX_GIVEN_BEFORE and all(free[i] and words[i].isalpha() for i in range(first)):
        for i in range(first):
            put(i, 1, "AG")
    for i in range(first, last):
        if free[i]:
            put(i, 1, "AX" if words[i] in AUTHOR_JOINERS else "AG")
    # the last author's given names and initials, up to the date, the title or the line's end
    end = last
    while (
        end < len(words)
        and end != title_at
        and free[end]
        and words[end].isalpha()
        and (line_of[end] == line_of[last - 1] or _cut_initial(words, line_of, end))
    ):
        end += 1
        if end - last > MAX_GIVEN_AFTER:
            return -1
    for i in range(last, end):
        put(i, 1, "AX" if words[i] in AUTHOR_JOINERS else "AG")
    return end


def _cut_initial(words: Sequence[str], line_of: Sequence[int], i: int) -> bool:
    """``words[i]`` is an initial the splitter cut at its full stop onto a line
    of its own ("wong k" / "c" / "2016")."""
    alone = [j for j in range(max(0, i - 1), min(len(words), i + 2)) if line_of[j] == line_of[i]]
    return len(words[i]) == 1 and alone == [i]


def _label_year(
    words: Sequence[str], year: str, after: int, title_at: int, free: list[bool], put: Put
) -> bool:
    """The year of publication: the first date with that year after the authors
    (before the title, when it is found there), with its day and month."""
    if not year.strip():
        return True
    year = year.strip()
    spots = [i for i in range(len(words)) if free[i] and year_of(words[i]) == year]
    if not spots:
        return False
    near = [i for i in spots if i >= after and (title_at < 0 or i < title_at)]
    i = (near or [i for i in spots if i >= after] or spots)[0]
    put(i, 1, "Y")
    j = i - 1
    while j >= 0 and free[j] and i - j <= 2 and _date_word(words[j]):
        put(j, 1, "D")
        j -= 1
    k = i + 1
    while k < len(words) and free[k] and k - i <= 2 and _date_word(words[k]):
        put(k, 1, "D")
        k += 1
    return True


def _date_word(word: str) -> bool:
    feats = word_features(word)
    return "month" in feats or "day" in feats


def _label_pages(words: Sequence[str], pages: str, free: list[bool], put: Put) -> None:
    first = pages.split("–")[0].split("-")[0].strip()
    if not first or first == "lost":
        return
    for i in range(len(words) - 1):
        if words[i] in PAGE_WORDS and free[i] and words[i + 1].startswith(first):
            end = i + 2
            while end < len(words) and free[end] and words[end][:1].isdigit() and end - i < 4:
                end += 1
            put(i, end - i, "P")
            return

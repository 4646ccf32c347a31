"""A :class:`~checker.article.model.Reference` read off the labeller's token labels.

Authors are rebuilt from the surname / given-name labels in the order the
citation put them (surname first, "Cresswell, Julia", or given name first,
"Mary Beard"); the year is the first publication date; the container is
a journal when a volume line or a DOI follows it, a website when the
reference was retrieved online, a publisher otherwise.  Identifiers and
access dates are read by the same rules as the rest of the converter, so an
ISBN cut by the splitter is rejoined and a DOI that cannot be is left out
rather than reported malformed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Reference
from ..refdata import ET_AL, IDENTIFIER_WORDS, ISBN_VALUE, PAGE_TOKEN, PARTICLES, PLACES
from ..refdates import date_end, iso_date
from ..text import title_case
from .features import year_of
from .model import Labelled

#: A token this likely (and no more) to be an author's name or the year is a guess.
UNSURE = (0.2, 0.8)
_DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")
_VOWEL = re.compile(r"[aeiouy]")


def runs(labels: Sequence[str], wanted: str | frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of the wanted label(s)."""
    want = {wanted} if isinstance(wanted, str) else wanted
    out: list[tuple[int, int]] = []
    for i, label in enumerate(labels):
        if label in want:
            if out and out[-1][1] == i:
                out[-1] = (out[-1][0], i + 1)
            else:
                out.append((i, i + 1))
    return out


def read_reference(line: int, pieces: Sequence[Sequence[str]], labelled: Labelled) -> Reference:
    """The fields of one reference (its lines ``pieces``, labelled)."""
    words, labels = labelled.words, labelled.labels
    raw = " ".join(words)
    ref = Reference(raw=raw, line=line)
    ref.authors = _authors(words, labels)
    years = [year_of(w) for w, lab in zip(words, labels, strict=True) if lab == "Y"]
    ref.year = next((y for y in years if y), "")
    titles = runs(labels, "T")
    if titles:
        start, end = titles[0]
        ref.title = " ".join(words[start:end])
    _pages(ref, words, labels)
    _container(ref, words, labels)
    _identifiers(ref, pieces, labels)
    access = [w for w, lab in zip(words, labels, strict=True) if lab == "A"]
    if access:
        ref.accessed = iso_date(access[1 : date_end(access, 1)])
    ref.parsed = sure(labelled) and bool(ref.title or (ref.authors and ref.year))
    return ref


def sure(labelled: Labelled) -> bool:
    """Whether every token is plainly an author's or plainly not, and likewise the year:
    a reference read otherwise is a guess, and no finding may blame it for a missing field."""
    return all(not UNSURE[0] < p < UNSURE[1] for p in (*labelled.author, *labelled.year))


def _authors(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The first author list, as "Surname, Given" strings ("others" for et al.)."""
    block = runs(labels, frozenset({"AS", "AG", "AX"}))
    if not block:
        return []
    start, end = block[0]
    people: list[tuple[list[str], list[str]]] = []  # (surname words, given words)
    surname_first = labels[start] == "AS" or labels[start] == "AX"
    given: list[str] = []
    others = False
    for i in range(start, end):
        word, label = words[i], labels[i]
        if label == "AX":
            others = others or word in ET_AL
            continue
        if label == "AS":
            if people and i > start and labels[i - 1] == "AS" and _joins(words[i - 1]):
                people[-1][0].append(word)  # "van parijs"
            elif surname_first:
                people.append(([word], []))
            else:
                people.append(([word], given))
                given = []
        elif surname_first and people:
            people[-1][1].append(word)
        else:
            given.append(word)
    if not people and given:
        people = [_surname_of(given)]
    out = [_name(surname, given) for surname, given in people]
    if others:
        out.append("others")
    return out


def _surname_of(names: list[str]) -> tuple[list[str], list[str]]:
    """(surname, given names) of a name the labeller read as given names only
    ("samuel j", "fred pearce"): a name has a surname, first when initials follow
    it, else last."""
    if len(names) > 1 and all(_initial(w) for w in names[1:]):
        return [names[0]], names[1:]
    return [names[-1]], names[:-1]


def _initial(word: str) -> bool:
    return len(word) <= 3 and word.isalpha() and not _VOWEL.search(word)


def _joins(word: str) -> bool:
    return word in PARTICLES


def _name(surname: list[str], given: list[str]) -> str:
    family = title_case(" ".join(surname))
    parts: list[str] = []
    for word in given:
        if _initial(word):
            parts.extend(f"{c.upper()}." for c in word)  # Vancouver initials "cp"
        elif len(word) == 1:
            parts.append(word.upper() + ".")
        else:
            parts.append(title_case(word))
    return f"{family}, {' '.join(parts)}" if parts else family


def _pages(ref: Reference, words: Sequence[str], labels: Sequence[str]) -> None:
    for start, end in runs(labels, "P"):
        numbers = [w for w in words[start:end] if PAGE_TOKEN.match(w) or w[:1].isdigit()]
        if numbers:
            ref.pages = "–".join(numbers[:2]) if len(numbers) > 1 else numbers[0]
            return
        ref.page_lost = True


def _container(ref: Reference, words: Sequence[str], labels: Sequence[str]) -> None:
    spans = runs(labels, "C")
    if not spans:
        return
    start, end = spans[0]
    name = title_case(" ".join(words[start:end]))
    volume = next((words[s:e] for s, e in runs(labels, "V")), [])
    doi = any(w == "doi" for w, lab in zip(words, labels, strict=True) if lab == "I")
    if volume or (doi and not ref.accessed and "A" not in labels):
        ref.journal = name
        numbers = [w for w in volume if w[:1].isdigit()]
        if numbers:
            ref.volume = numbers[0]
        if len(numbers) >= 3:
            ref.number = numbers[1]
        if len(numbers) >= 2 and re.search(r"[-–]", numbers[-1]):
            ref.pages = ref.pages or numbers[-1]
    elif "A" in labels or "R" in labels:
        ref.website = name
    else:
        ref.publisher = name
        before = " ".join(words[max(0, start - 2) : start])
        for place in PLACES:
            if before == place or before.endswith(" " + place):
                ref.place = title_case(place)
                break


def _identifiers(ref: Reference, pieces: Sequence[Sequence[str]], labels: Sequence[str]) -> None:
    """ISBN and DOI from the identifier lines, rejoined where the splitter cut them:
    "isbn 978-0- 470-06153-4" (a space after a hyphen), "doi 10" / "1098/rstb" /
    "2002" / "1188" (cut at every dot).  A DOI whose pieces held anything but
    dots ("1016/0016-7037 84 90225- 4": parentheses lost) cannot be rebuilt and
    is left out, so no finding blames the reference for the flattening."""
    lines: list[list[str]] = []
    at = 0
    for piece in pieces:
        if piece and all(lab == "I" for lab in labels[at : at + len(piece)]):
            lines.append(_glue(list(piece)))
        at += len(piece)
    for k, line in enumerate(lines):
        if line[0] == "isbn" and len(line) == 2 and not ref.isbn and ISBN_VALUE.match(line[1]):
            ref.isbn = line[1]
        elif line[0] == "doi" and line[1:] == ["10"] and not ref.doi:
            parts = ["10"]
            for more in lines[k + 1 :]:
                if len(more) != 1 or more[0] in IDENTIFIER_WORDS:
                    break
                parts.append(more[0])
            value = ".".join(parts)
            if _DOI.match(value):
                ref.doi = value
        elif line[0] == "doi" and len(line) == 2 and _DOI.match(line[1]) and not ref.doi:
            ref.doi = line[1]


def _glue(words: list[str]) -> list[str]:
    """Rejoin a token the splitter cut after a hyphen or slash ("978-0-" "470-06153-4")."""
    out: list[str] = []
    for word in words:
        if out and out[-1][-1:] in ("-", "/") and len(out) > 1:
            out[-1] += word
        else:
            out.append(word)
    return out

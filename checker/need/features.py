"""Sentence -> feature strings, the same for a sentence as written and one flattened.

Everything a scorer is given (``text``, ``section``, ``lead``) becomes a list of
short strings; the model hashes them into a fixed weight table. The text is
first brought to the *flat view* (lower case, edge punctuation dropped,
stopwords removed), so a sentence as written and its flattened form share their
word features; what only the written form has (quotation marks, capitals,
brackets) adds features of its own that a flattened sentence simply lacks.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

from .cues import FAMILIES, MONTHS, NUMBER, YEAR

# Bump when the features change: a model trained on other features refuses to load.
FEATURES_VERSION = 1

# Characters the flattening stripped from the edges of words.
EDGE = "\"'“”‘’()[]{}<>.,;:!?…«»*—–-/"
QUOTES = re.compile(r"[\"“”«»]|(?:^|\s)['‘]")
CAPITAL_WORD = re.compile(r"\s[A-Z][a-z]")

_FAMILY_OF: dict[str, tuple[str, ...]] = {}
for _name, _words in FAMILIES.items():
    for _w in _words:
        _FAMILY_OF[_w] = (*_FAMILY_OF.get(_w, ()), _name)


def flat_words(text: str, stopwords: frozenset[str]) -> list[str]:
    """The flat view of ``text``: lower case, edge punctuation dropped, no stopwords."""
    return [
        w for w in (raw.strip(EDGE) for raw in text.lower().split()) if w and w not in stopwords
    ]


def section_parts(section: str) -> tuple[str, str]:
    """The top-level title and the innermost title of a path like ``History > Origins``."""
    parts = [p.strip().lower() for p in section.split(">") if p.strip()]
    if not parts:
        return "", ""
    return parts[0], parts[-1]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-11" if n < 12 else "12+"


@functools.lru_cache(maxsize=4096)
def _place(section: str, lead: bool, stopwords: frozenset[str]) -> tuple[str, str, tuple[str, ...]]:
    """Where the sentence is: ("lead"|"body", top-level title, its features). Few per article."""
    top, inner = section_parts(section)
    where = "lead" if lead or not top else "body"
    feats = [f"where|{where}"]
    if top:
        feats.append(f"sec|{top}")
        feats += [f"st|{w}" for w in flat_words(top, stopwords)]
        if inner != top:
            feats.append(f"sub|{inner}")
            feats += [f"si|{w}" for w in flat_words(inner, stopwords)]
        feats.append(f"depth|{min(section.count('>'), 2)}")
    return where, top, tuple(feats)


def _word_kind(word: str) -> tuple[str, tuple[str, ...]]:
    """("year"|"number"|"", the cue families of the word), memoised: words repeat a lot."""
    info = _WORD_KINDS.get(word)
    if info is None:
        kind = "year" if YEAR.match(word) else "number" if NUMBER.match(word) else ""
        fams = _FAMILY_OF.get(word, ())
        if word in MONTHS:
            fams = (*fams, "month")
        info = (kind, fams)
        if len(_WORD_KINDS) < 200_000:  # bounded: a long run must not grow without end
            _WORD_KINDS[word] = info
    return info


_WORD_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {}


def sentence_features(text: str, section: str, lead: bool, stopwords: frozenset[str]) -> list[str]:
    """The feature strings of one sentence (repeats allowed: they count)."""
    words = flat_words(text, stopwords)
    feats = ["w|" + w for w in words]
    feats += ["b|" + a + " " + b for a, b in itertools.pairwise(words)]
    families: set[str] = set()
    years = numbers = 0
    kinds = _WORD_KINDS.get
    for w in words:
        kind, fams = kinds(w) or _word_kind(w)
        if kind == "year":
            years += 1
        elif kind == "number":
            numbers += 1
        if fams:
            families.update(fams)
    if years:
        families.add("year")
        feats.append(f"n|years|{min(years, 3)}")
    if numbers:
        families.add("number")
        feats.append(f"n|numbers|{min(numbers, 3)}")
    feats.append(f"len|{_bucket(len(words) // 2)}")
    if words:
        feats.append("first|" + words[0])
        feats.append("last|" + words[-1])
    where, top, place = _place(section, lead, stopwords)
    feats += place
    for fam in families:
        feats.append("f|" + fam)
        feats.append(f"f|{fam}|{where}")
        if top:
            feats.append(f"f|{fam}|{top}")
    feats += _written_features(text)
    return feats


def _written_features(text: str) -> Iterable[str]:
    """What only the written form shows; a flattened sentence yields none of these."""
    if QUOTES.search(text):
        yield "r|quote"
    if "(" in text:
        yield "r|paren"
    if "%" in text:
        yield "r|percent"
    if any(c in text for c in "$£€¥"):
        yield "r|money"
    if ":" in text or ";" in text:
        yield "r|colon"
    caps = len(CAPITAL_WORD.findall(text))
    if caps:
        yield f"r|caps|{min(caps, 4)}"

"""The candidate-sources data set as the ``rank-sources`` contract's claims, with answers.

Each article of ``train.jsonl.gz`` / ``dev.jsonl.gz`` (README in the data
folder) becomes one :class:`Claim` per cited sentence: its text, section,
lead flag and paragraph; as context the other cited sentences of its section
with what they cite; as sources the article's works with the fields the
contract gives (``id``, ``text``, ``title``, ``authors``, ``year``,
``container``) and nothing else -- not ``type``, not ``cited``.

The anchors of the page name author and year (``CITEREFMairHoh2009``), so
every id is replaced by an opaque one and the sources are shuffled: a ranker
that read ids or list order would gain nothing here.

``flat`` gives every text field the way the seed article was flattened
(lower case, punctuation and the flattening's stopwords gone): the
sentence's and the source's own ``flat`` where the data has one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .claims import Cited, Claim, Source

#: the words the data set's flattening drops (measured on train: present in a
#: sentence, never in its ``flat``), applied to fields the data has no flat form of
FLAT_STOPWORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "been", "below", "between", "but", "by", "can",
        "could", "for", "from", "had", "has", "have", "he", "him", "his", "if", "in", "into", "is",
        "it", "its", "more", "not", "of", "on", "or", "per", "re", "some", "than", "that", "the",
        "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "with",
        "would",
    )
)  # fmt: skip
_FLAT_TOKEN = re.compile(r"[^\W_]+(?:['’/–-][^\W_]+)*")


def flatten(text: str) -> str:
    """Text the way the data set's ``flat`` fields read."""
    return " ".join(w for w in _FLAT_TOKEN.findall(text.casefold()) if w not in FLAT_STOPWORDS)


@dataclass(frozen=True, slots=True)
class Example:
    """A claim as the contract gives it, and the ids of the works it really cites."""

    article: str
    claim: Claim
    cited: frozenset[str]


def read_articles(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _opaque(title: str, anchor: str) -> str:
    return "s" + hashlib.sha1(f"{title}\0{anchor}".encode()).hexdigest()[:10]


def _source(item: dict[str, Any], ident: str, flat: bool) -> Source:
    def field(name: str) -> str:
        value = item.get(name) or ""
        return flatten(value) if flat else value

    authors = tuple(item.get("authors") or ())
    return Source(
        id=ident,
        text=item.get("flat", "") if flat else item.get("text", ""),
        title=field("title"),
        authors=tuple(flatten(a) for a in authors) if flat else authors,
        year=item.get("year") if isinstance(item.get("year"), int) else None,
        container=field("container"),
    )


#: how much of what surrounds a claim the examples carry
LEVELS = ("claim", "paragraph", "context")


def article_examples(
    article: dict[str, Any], *, flat: bool = False, level: str = "context", seed: int = 0
) -> list[Example]:
    """One example per cited sentence of ``article``.

    ``level`` is ``claim`` (the sentence alone), ``paragraph`` (and its
    paragraph, section and lead flag) or ``context`` (and the other cited
    sentences of its section, with their sources).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    title = article.get("title", "")
    ids = {s["id"]: _opaque(title, s["id"]) for s in article["sources"]}
    sources = [_source(s, ids[s["id"]], flat) for s in article["sources"]]
    random.Random(f"{seed}:{title}").shuffle(sources)
    shown = tuple(sources)
    sentences = [s for s in article["sentences"] if s["cites"]]

    def text(sentence: dict[str, Any]) -> str:
        return str(sentence["flat"] if flat else sentence["text"])

    examples = []
    for sentence in sentences:
        cites = [ids[c] for c in sentence["cites"] if c in ids]
        if not cites:
            continue
        around: tuple[Cited, ...] = ()
        if level == "context":
            around = tuple(
                Cited(text(o), tuple(ids[c] for c in o["cites"] if c in ids), o["para"], o["sent"])
                for o in sentences
                if o is not sentence and o["section"] == sentence["section"]
            )
        if level == "claim":
            claim = Claim(claim=text(sentence), sources=shown)
        else:
            paragraph = sentence.get("paragraph", "")
            claim = Claim(
                claim=text(sentence),
                sources=shown,
                section=flatten(sentence["section"]) if flat else sentence["section"],
                lead=bool(sentence.get("lead")),
                paragraph=flatten(paragraph) if flat else paragraph,
                context=around,
            )
        examples.append(Example(title, claim, frozenset(cites)))
    return examples


def examples(
    path: Path, *, flat: bool = False, level: str = "context", limit: int = 0
) -> list[Example]:
    """Every example of a split file; ``limit`` > 0 reads only the first articles."""
    found: list[Example] = []
    for n, article in enumerate(read_articles(path)):
        if limit and n >= limit:
            break
        found.extend(article_examples(article, flat=flat, level=level))
    return found


def claim_to_json(claim: Claim) -> dict[str, Any]:
    """The contract line for ``claim`` (what a grader would send to ``rank-sources``)."""
    return {
        "claim": claim.claim,
        "section": claim.section,
        "lead": claim.lead,
        "paragraph": claim.paragraph,
        "context": [
            {"text": c.text, "para": c.para, "sent": c.sent, "cites": list(c.cites)}
            for c in claim.context
        ],
        "sources": [
            {
                "id": s.id,
                "text": s.text,
                "title": s.title,
                "authors": list(s.authors),
                "year": s.year,
                "container": s.container,
            }
            for s in claim.sources
        ],
    }

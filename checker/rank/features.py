"""The evidence that a claim cites a work, as numbers: one row of features per work.

Four families, each something an editor could check:

* **words** -- BM25 of the claim (then the uncited sentences its citation
  covers, its paragraph, its section title) against the whole reference, with
  term weights from the bibliography itself and from prose at large, and how
  much of the claim's weight the title and the container hold;
* **nearby** -- the works the other cited sentences of the section cite:
  how often, whether a sentence of the same paragraph cites it (the next
  cited one, the previous one), how far away, how alike those sentences are;
* **names and years** -- an author's surname in the claim or its paragraph,
  the publication year named, a year the title's range covers, a work
  published before a year the claim is about;
* **shape** -- what the reference looks like (ISBN, DOI, a web page, a stub,
  how general its title is) and what the claim looks like (for the trees).

Most works share nothing with a given claim, so :class:`ClaimFeatures` keeps
the evidence sparse: :attr:`ClaimFeatures.touched` lists the works with any,
and :meth:`ClaimFeatures.row` builds a full row only when asked.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from .bibindex import SHAPES, BibIndex, index_for
from .claims import Claim
from .text import terms, words, years
from .vocabulary import Vocabulary, shipped

K1 = 1.2
B = 0.75

#: evidence the claim gives about a work (zero for a work the claim gives none about)
SPARSE = (
    "bm25_claim",
    "bm25_claim_rel",
    "bm25_claim_rank",
    "bm25_claim_top",
    "bm25_para",
    "bm25_para_rel",
    "bm25_para_rank",
    "bm25_section",
    "bm25_block",
    "vocab_claim",
    "vocab_claim_rel",
    "title_share",
    "container_share",
    "ctx_count",
    "ctx_share",
    "ctx_para",
    "ctx_next",
    "ctx_prev",
    "ctx_near",
    "ctx_like",
    "author_claim",
    "author_para",
    "year_named",
    "year_para",
    "year_covered",
)
#: what the work is, whatever the claim; and the one cheap comparison made for every work
STATIC = (
    *(f"shape_{name}" for name in SHAPES),
    "shape_has_title",
    "shape_has_authors",
    "shape_has_year",
    "shape_stub",
    "generality",
    "container_count",
    "length",
    "year_before",
)
#: the claim's own traits, the same for every work: they matter only in interaction
CLAIM = (
    "year_gap",
    "claim_year",
    "claim_quote",
    "claim_number",
    "claim_length",
    "lead",
    "log_sources",
    "n_context",
    "para_unknown",
    "block_length",
)
NAMES: tuple[str, ...] = SPARSE + STATIC + CLAIM
#: the features a linear model may use: a claim-wide constant cannot reorder works
LINEAR = SPARSE + STATIC


def _bm25(index: BibIndex, query: Sequence[str]) -> dict[int, float]:
    scores: dict[int, float] = {}
    mean = index.mean_length or 1.0
    works = index.works
    for term, qtf in Counter(query).items():
        idf = index.idf.get(term)
        if idf is None:
            continue
        for i, tf in index.postings[term]:
            norm = tf + K1 * (1 - B + B * works[i].length / mean)
            scores[i] = scores.get(i, 0.0) + qtf * idf * tf * (K1 + 1) / norm
    return scores


def _cached_bm25(index: BibIndex, text: str) -> dict[int, float]:
    found = index.cache.get(text)
    if found is None:
        if len(index.cache) > 4096:
            index.cache.clear()
        found = index.cache[text] = _bm25(index, terms(text))
    return found


def _reciprocal_ranks(scores: dict[int, float]) -> dict[int, float]:
    order = sorted(scores, key=lambda i: -scores[i])
    return {i: 1.0 / (1 + r) for r, i in enumerate(order)}


class _Paragraph:
    """Where sentences sit in the claim's paragraph (word offsets), found by their words."""

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.trigrams: dict[tuple[str, str, str], int] = {}
        self.first: dict[str, int] = {}
        ws = self.words
        for i, w in enumerate(ws):
            self.first.setdefault(w, i)
            if i + 2 < len(ws):
                self.trigrams.setdefault((w, ws[i + 1], ws[i + 2]), i)

    def locate(self, text: str) -> int | None:
        ws = words(text)
        if len(ws) < 3:
            return self.first.get(ws[0]) if ws else None
        for i in range(len(ws) - 2):
            at = self.trigrams.get((ws[i], ws[i + 1], ws[i + 2]))
            if at is not None:
                return max(at - i, 0)
        return None


class ClaimFeatures:
    """The features of every work of a claim's bibliography, built lazily."""

    def __init__(self, claim: Claim, vocabulary: Vocabulary | None = None) -> None:
        self.claim = claim
        self.index = index = index_for(claim.sources)
        vocab = vocabulary or shipped()
        claim_terms = terms(claim.claim)
        self.claim_terms = claim_set = frozenset(claim_terms)
        para_terms = [t for t in terms(claim.paragraph) if t not in claim_set]
        self.para_terms = frozenset(para_terms)
        self.bm_claim = _bm25(index, claim_terms)
        self.rank_claim = _reciprocal_ranks(self.bm_claim)
        self.top_claim = max(self.bm_claim.values(), default=0.0)
        self.best = max(self.bm_claim, key=self.bm_claim.__getitem__, default=-1)
        self.bm_para = _bm25(index, para_terms)
        self.rank_para = _reciprocal_ranks(self.bm_para)
        self.top_para = max(self.bm_para.values(), default=0.0)
        self.bm_section = _cached_bm25(index, claim.section) if claim.section else {}
        self.claim_mass = sum(index.idf.get(t, 0.0) for t in claim_set) or 1.0
        self.vocab: dict[int, float] = {}
        for t in claim_set:
            weight = vocab.weight(t)
            for i, _ in index.postings.get(t, ()):
                self.vocab[i] = self.vocab.get(i, 0.0) + weight
        self.top_vocab = max(self.vocab.values(), default=0.0)
        self._nearby(claim)
        self._names_and_years(claim)
        self.touched = (
            self.bm_claim.keys()
            | self.bm_para.keys()
            | self.bm_section.keys()
            | self.bm_block.keys()
            | self.count.keys()
            | self.author_claim.keys()
            | self.author_para.keys()
            | self.year_named
            | self.year_para
            | self.covered.keys()
        )

    def _nearby(self, claim: Claim) -> None:
        index = self.index
        paragraph = _Paragraph(claim.paragraph) if claim.paragraph else None
        own = paragraph.locate(claim.claim) if paragraph else None
        where = [paragraph.locate(c.text) if paragraph else None for c in claim.context]
        para = next(
            (c.para for c, at in zip(claim.context, where, strict=True) if at is not None), None
        )
        self.para_unknown = float(para is None and bool(claim.context))
        later = [w for w in where if w is not None and own is not None and w > own]
        earlier = [w for w in where if w is not None and own is not None and w < own]
        next_at = min(later, default=None)
        prev_at = max(earlier, default=None)
        # the uncited sentences before the claim, back to the previous cited one: the
        # claim's citation covers them too
        block: list[str] = []
        if paragraph is not None and own is not None:
            start = 0
            for cited, at in zip(claim.context, where, strict=True):
                if at is not None and at < own:
                    start = max(start, min(at + len(words(cited.text)), own))
            block = [
                t for t in terms(" ".join(paragraph.words[start:own])) if t not in self.claim_terms
            ]
        self.block_length = float(len(block))
        self.bm_block = _bm25(index, block)
        self.count: dict[int, int] = {}
        self.in_para: set[int] = set()
        self.after: set[int] = set()
        self.before: set[int] = set()
        self.near: dict[int, float] = {}
        self.like: dict[int, float] = {}
        for cited, at in zip(claim.context, where, strict=True):
            targets = {index.position[c] for c in cited.cites if c in index.position}
            if not targets:
                continue
            other = frozenset(terms(cited.text))
            union = len(self.claim_terms | other)
            similarity = len(self.claim_terms & other) / union if union else 0.0
            distance: float | None = None
            if at is not None:
                distance = 0.0
            elif para is not None and cited.para is not None:
                distance = float(abs(cited.para - para))
            for i in targets:
                self.count[i] = self.count.get(i, 0) + 1
                self.like[i] = max(self.like.get(i, 0.0), similarity)
                if at is not None:
                    self.in_para.add(i)
                    if at == next_at:
                        self.after.add(i)
                    if at == prev_at:
                        self.before.add(i)
                if distance is not None:
                    self.near[i] = max(self.near.get(i, 0.0), 1.0 / (1.0 + distance))
        self.n_context = len(claim.context)

    def _names_and_years(self, claim: Claim) -> None:
        index = self.index
        claim_words = set(words(claim.claim))
        para_words = set(words(claim.paragraph)) - claim_words
        # a name many works share (the subject of an autobiography) says less
        self.author_claim: dict[int, float] = {}
        self.author_para: dict[int, float] = {}
        for found, where in ((self.author_claim, claim_words), (self.author_para, para_words)):
            for name in where & index.by_surname.keys():
                holders = index.by_surname[name]
                for i in holders:
                    found[i] = max(found.get(i, 0.0), 1.0 / len(holders))
        self.claim_years = claim_years = years(claim.claim)
        para_years = years(claim.paragraph) - claim_years
        self.latest = max(claim_years, default=None)
        self.year_named = {i for y in claim_years for i in index.by_year.get(y, ())}
        self.year_para = {i for y in para_years for i in index.by_year.get(y, ())}
        self.covered: dict[int, tuple[float, int, tuple[int, int]]] = {}
        if claim_years:
            for i, work in enumerate(index.works):
                for start, end in work.covers:
                    for y in claim_years:
                        if start <= y <= end:
                            weight = 1.0 / (1.0 + (end - start) / 20)
                            if weight > self.covered.get(i, (0.0,))[0]:
                                self.covered[i] = (weight, y, (start, end))
        raw = claim.claim
        self.claim_row = [
            float(self.latest or 0),
            float('"' in raw or "“" in raw),
            float(any(ch.isdigit() for ch in raw)),
            float(len(self.claim_terms)),
            float(claim.lead),
            math.log(len(index) or 1),
            float(self.n_context),
            self.para_unknown,
            self.block_length,
        ]

    def year_before(self, i: int) -> bool:
        """The work was published before a year the claim is about."""
        year = self.index.works[i].year
        return year is not None and self.latest is not None and year < self.latest

    def static_row(self, i: int, year_before: bool) -> list[float]:
        """The :data:`STATIC` features of work ``i``."""
        return self.index.static_rows[i][year_before]

    def row(self, i: int) -> list[float]:
        """Every feature of :data:`NAMES` for work ``i``."""
        work = self.index.works[i]
        idf = self.index.idf
        score = self.bm_claim.get(i, 0.0)
        para = self.bm_para.get(i, 0.0)
        title_share = container_share = 0.0
        if score:
            shared = [t for t in self.claim_terms if t in work.bag]
            title_share = sum(idf[t] for t in shared if t in work.title) / self.claim_mass
            container_share = sum(idf[t] for t in shared if t in work.container) / self.claim_mass
        count = self.count.get(i, 0)
        vocab = self.vocab.get(i, 0.0)
        latest = self.latest
        year_before = work.year is not None and latest is not None and work.year < latest
        return [
            math.log1p(score),
            score / self.top_claim if self.top_claim else 0.0,
            self.rank_claim.get(i, 0.0),
            1.0 if i == self.best else 0.0,
            math.log1p(para),
            para / self.top_para if self.top_para else 0.0,
            self.rank_para.get(i, 0.0),
            math.log1p(self.bm_section.get(i, 0.0)),
            math.log1p(self.bm_block.get(i, 0.0)),
            vocab,
            vocab / self.top_vocab if self.top_vocab else 0.0,
            title_share,
            container_share,
            math.log1p(count),
            count / (self.n_context or 1),
            1.0 if i in self.in_para else 0.0,
            1.0 if i in self.after else 0.0,
            1.0 if i in self.before else 0.0,
            self.near.get(i, 0.0),
            self.like.get(i, 0.0),
            self.author_claim.get(i, 0.0),
            self.author_para.get(i, 0.0),
            1.0 if i in self.year_named else 0.0,
            1.0 if i in self.year_para else 0.0,
            self.covered.get(i, (0.0,))[0],
            *self.index.static_rows[i][year_before],
            float(work.year - latest) if work.year is not None and latest is not None else -999.0,
            *self.claim_row,
        ]

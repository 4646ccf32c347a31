"""The shipped field labeller: load it once, label a reference's tokens.

The model file (``model.crfsuite``, package data) is made by
:mod:`.train`; a build without it, or with an unreadable one, labels nothing
(``None``) and the converter falls back to its rules.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .features import reference_features

MODEL_PATH = Path(__file__).with_name("model.crfsuite")
#: Names another model file to use instead of the shipped one (a model trained
#: with ``python -m checker.article.reflabel.train -o FILE``; cross-validation).
MODEL_ENV = "CITECHECK_REFLABEL_MODEL"


#: The labels that name a reference's author, and its year.
AUTHOR_LABELS, YEAR_LABEL = ("AS", "AG", "AX"), "Y"


class Labelled(NamedTuple):
    words: list[str]
    labels: list[str]
    #: the probability of each token's label, given the whole reference
    confidence: list[float]
    #: the probability that each token is part of an author's name, and the year
    author: list[float]
    year: list[float]


class Labeller:
    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def label(self, pieces: Sequence[Sequence[str]]) -> Labelled:
        words = [w for piece in pieces for w in piece]
        if not words:
            return Labelled([], [], [], [], [])
        labels = list(self._tagger.tag(reference_features(pieces)))
        marginal = self._tagger.marginal
        known = set(self._tagger.labels())
        names = [label for label in AUTHOR_LABELS if label in known]
        return Labelled(
            words,
            labels,
            [marginal(label, i) for i, label in enumerate(labels)],
            [sum(marginal(name, i) for name in names) for i in range(len(words))],
            [marginal(YEAR_LABEL, i) if YEAR_LABEL in known else 0.0 for i in range(len(words))],
        )


@functools.cache
def _load(path: Path) -> Labeller | None:
    try:
        return Labeller(path)
    except (OSError, ValueError, ImportError):
        return None


def labeller(path: Path | None = None) -> Labeller | None:
    """The labeller of ``path`` (by default the file ``$CITECHECK_REFLABEL_MODEL``
    names, else the shipped model), or None."""
    if path is None:
        path = Path(os.environ[MODEL_ENV]) if os.environ.get(MODEL_ENV) else MODEL_PATH
    return _load(path) if path.exists() else None

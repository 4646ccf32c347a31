"""The citation-need model at run time: a hashed linear scorer in plain Python.

A sentence's feature strings (:mod:`.features`) are hashed with CRC-32 into a
table of weights; the score is the logistic of their sum (feature counts are
``log1p``-damped, as in training). Plain Python on purpose: it scores tens of
thousands of sentences a second with no NumPy at run time, and loading is one
small file from the package.

The file (``model.json``) holds the format tag, the version of the feature
code it was trained with, the stopword list, the bias, the threshold chosen on
dev, and the weights as base64 of zlib-compressed little-endian float16.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import struct
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import cast

from ..errors import InputError
from .features import FEATURES_VERSION, sentence_features

FORMAT = "citecheck/need-model/v1"
_SLOT_CACHE = 500_000  # memoised feature -> slot entries; bounded so a long run stays small
_LOG1P = tuple(math.log1p(n) for n in range(16))
MODEL_FILE = "model.json"


def bucket(feature: str, mask: int) -> int:
    """The weight slot of a feature string (CRC-32: stable across runs and platforms)."""
    return zlib.crc32(feature.encode("utf-8")) & mask


def hashed(features: Iterable[str], mask: int) -> dict[int, float]:
    """Feature strings -> {slot: log1p(count)}, the exact input the trainer fitted."""
    counts = Counter(bucket(f, mask) for f in features)
    return {slot: math.log1p(n) for slot, n in counts.items()}


def logistic(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class NeedModel:
    """A trained scorer: ``score(text, section, lead)`` is in [0, 1]."""

    weights: tuple[float, ...]
    bias: float
    stopwords: frozenset[str]
    threshold: float
    meta: dict[str, object]

    @property
    def mask(self) -> int:
        return len(self.weights) - 1

    slots: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def score(self, text: str, section: str = "", lead: bool = False) -> float:
        """Same sum as ``hashed()`` over the features, with each string's slot memoised."""
        feats = sentence_features(text, section, lead, self.stopwords)
        slots = self.slots
        found = list(map(slots.get, feats))
        idx: list[int] = (
            [self._slot(f) if s is None else s for f, s in zip(feats, found, strict=True)]
            if None in found
            else cast("list[int]", found)
        )
        w = self.weights
        if len(set(idx)) == len(idx):  # the usual case: every feature once, log1p(1) each
            z = self.bias + _LOG1P[1] * sum(map(w.__getitem__, idx))
        else:
            z = self.bias + sum(
                w[slot] * (_LOG1P[n] if n < len(_LOG1P) else math.log1p(n))
                for slot, n in Counter(idx).items()
            )
        return logistic(z)

    def _slot(self, feat: str) -> int:
        slot = bucket(feat, self.mask)
        if len(self.slots) < _SLOT_CACHE:
            self.slots[feat] = slot
        return slot

    def to_json(self) -> str:
        raw = struct.pack(f"<{len(self.weights)}e", *self.weights)
        data = {
            "format": FORMAT,
            "features": FEATURES_VERSION,
            "buckets": len(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "stopwords": sorted(self.stopwords),
            "meta": self.meta,
            "weights": base64.b64encode(zlib.compress(raw, 9)).decode("ascii"),
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, origin: str = "model") -> NeedModel:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise InputError(f"{origin}: not a {FORMAT} file")
            if data.get("features") != FEATURES_VERSION:
                raise InputError(
                    f"{origin}: trained with features v{data.get('features')}, "
                    f"this code computes v{FEATURES_VERSION}: retrain it"
                )
            n = int(data["buckets"])
            if n <= 0 or n & (n - 1):
                raise InputError(f"{origin}: bucket count {n} is not a power of two")
            raw = zlib.decompress(base64.b64decode(data["weights"]))
            weights = struct.unpack(f"<{n}e", raw)
            return cls(
                weights=weights,
                bias=float(data["bias"]),
                stopwords=frozenset(data["stopwords"]),
                threshold=float(data["threshold"]),
                meta=dict(data.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError, zlib.error, struct.error) as exc:
            raise InputError(f"{origin}: unreadable citation-need model ({exc})") from None

    @classmethod
    def load(cls, path: Path) -> NeedModel:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: {exc.strerror or exc}") from None
        return cls.from_json(text, str(path))


@functools.cache
def shipped_model() -> NeedModel:
    """The model trained on the Wikipedia data and shipped inside the package (loaded once)."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return NeedModel.from_json(text, f"{__package__}/{MODEL_FILE}")

"""The shipped ranking model: a linear scorer over every work, then trees over the best few.

Two stages, for speed without losing what trees learn:

1. a **linear** score over :data:`~checker.rank.features.LINEAR` features and
   a few fixed transforms of them (hinges, products), computed only for the
   works the claim gives evidence about; every other work gets its
   precomputed score with no evidence (:meth:`Model.rank`);
2. **boosted trees** (LightGBM's LambdaRank, exported) re-rank the ``top``
   best of those with every feature, claim traits included.

The model file is JSON written by :mod:`checker.rank.train`: numbers and
feature names only.  Both stages are compiled into one Python expression each
when the file is loaded (the trees are nested conditional expressions), so
scoring needs neither NumPy nor LightGBM.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from .claims import Claim
from .features import LINEAR, NAMES, ClaimFeatures

FILE = "model.json"
FORMAT = "citecheck/rank-model/v1"

Row = Sequence[float]


class ModelError(InputError):
    """A model file that cannot be used (the message says why): commands exit 2 on it."""


#: a linear term: ("x", f) is feature f, ("hinge", f, k) is max(f - k, 0), ("prod", f, g) is f * g
Term = tuple[Any, ...]
#: a tree node: a leaf value, or [feature, threshold, left, right] (left: x[feature] <= threshold)
Node = float | list[Any]


def _term_code(term: Term, names: dict[str, int]) -> str:
    kind = term[0]
    try:
        if kind == "x":
            return f"x[{names[term[1]]}]"
        if kind == "hinge":
            x, k = f"x[{names[term[1]]}]", repr(float(term[2]))
            return f"({x} - {k} if {x} > {k} else 0.0)"
        if kind == "prod":
            return f"x[{names[term[1]]}] * x[{names[term[2]]}]"
    except (KeyError, IndexError, TypeError, ValueError):
        pass
    raise ModelError(f"bad linear term {term!r}")


def _tree_code(node: Node) -> str:
    if isinstance(node, int | float):
        return repr(float(node))
    if not (isinstance(node, list) and len(node) == 4):
        raise ModelError("bad tree node")
    feature, threshold, left, right = node
    if not isinstance(feature, int) or not 0 <= feature < len(NAMES):
        raise ModelError("bad tree feature")
    return f"({_tree_code(left)} if x[{feature}] <= {float(threshold)!r} else {_tree_code(right)})"


_ARGUMENT = "x"


def _compile(expression: str) -> Callable[[Row], float]:
    """A function of a row; the expression is built above from numbers and indexes only."""
    # features become local variables (x[3] -> x3): a local is read faster than an item
    used = sorted({int(m) for m in re.findall(r"\bx\[(\d+)\]", expression)})
    body = re.sub(r"\bx\[(\d+)\]", r"x\1", expression)
    lines = ["def score(x):"]
    for i in used:
        lines.append(f"    x{i} = x[{i}]")
    lines.append(f"    return {body}")
    namespace: dict[str, Any] = {"max": max}
    exec(compile("\n".join(lines), "<citecheck rank model>", "exec"), namespace)
    function: Callable[[Row], float] = namespace["score"]
    return function


@dataclass(frozen=True)
class Ranked:
    """A work's place for one claim: its index in the claim's sources and its score."""

    index: int
    score: float
    reranked: bool  #: scored by the trees (the ``top`` best); else by the linear stage only


@dataclass
class Model:
    terms: list[Term]
    weights: list[float]
    trees: list[Node] = field(default_factory=list)
    top: int = 10
    #: the noise gate: logistic weights of absolute evidence, and the probability below
    #: which a candidate is not worth showing
    gate: dict[str, float] = field(default_factory=dict)
    gate_bias: float = 0.0
    threshold: float | None = None
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.terms) != len(self.weights):
            raise ModelError("linear terms and weights differ in number")
        names = {n: i for i, n in enumerate(NAMES) if n in LINEAR}
        parts = [
            f"{float(w)!r} * {_term_code(t, names)}"
            for t, w in zip(self.terms, self.weights, strict=True)
        ]
        self._linear = _compile(" + ".join(parts) or "0.0")
        self._trees = _compile(" + ".join(_tree_code(t) for t in self.trees) or "0.0")
        try:
            self._gate = [(NAMES.index(n), float(w)) for n, w in self.gate.items()]
        except ValueError:
            raise ModelError("the gate names an unknown feature") from None

    def probability(self, row: Row) -> float:
        """How likely a work with this evidence is cited, whatever the other works."""
        s = self.gate_bias + sum(row[i] * w for i, w in self._gate)
        return 1.0 / (1.0 + math.exp(-max(min(s, 50.0), -50.0)))

    def shown(self, row: Row) -> bool:
        """Whether the evidence is worth an editor's time (no gate: always)."""
        return self.threshold is None or not self._gate or self.probability(row) >= self.threshold

    def linear(self, row: Row) -> float:
        return self._linear(row)

    def tree_score(self, row: Row) -> float:
        return self._trees(row)

    def rank(self, claim: Claim, features: ClaimFeatures | None = None) -> list[Ranked]:
        """Every work of ``claim.sources``, best first (ties keep the sources' order)."""
        features = features or ClaimFeatures(claim)
        index = features.index
        n = len(index)
        key = id(self)
        baseline = index.baseline.get(key)
        if baseline is None:
            # works the claim says nothing about differ only in their static features
            # and in whether they predate the claim's years
            baseline = [
                self.linear(self._padded(features.static_row(i, before)))
                for i in range(n)
                for before in (False, True)
            ]
            index.baseline[key] = baseline
        rows: dict[int, list[float]] = {}
        scores = []
        for i in range(n):
            if i in features.touched:
                rows[i] = features.row(i)
                scores.append(self.linear(rows[i]))
            else:
                scores.append(baseline[2 * i + features.year_before(i)])
        order = sorted(range(n), key=lambda i: -scores[i])
        if not self.trees:
            return [Ranked(i, scores[i], False) for i in order]
        head = order[: self.top]
        tree = {}
        for i in head:
            tree[i] = self.tree_score(rows[i] if i in rows else features.row(i))
        head.sort(key=lambda i: -tree[i])
        return [Ranked(i, tree[i], True) for i in head] + [
            Ranked(i, scores[i], False) for i in order[self.top :]
        ]

    @staticmethod
    def _padded(static: list[float]) -> list[float]:
        """A full row with no evidence: zeros, then the static features, then zeros."""
        from .features import CLAIM, SPARSE

        return [0.0] * len(SPARSE) + static + [0.0] * len(CLAIM)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "features": list(NAMES),
            "linear": {"terms": [list(t) for t in self.terms], "weights": self.weights},
            "trees": {"top": self.top, "trees": self.trees},
            "gate": {"weights": self.gate, "bias": self.gate_bias},
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: Any) -> Model:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} file")
        if data.get("features") != list(NAMES):
            raise ModelError("the model was trained on other features: train it again")
        try:
            linear, trees = data["linear"], data["trees"]
            return cls(
                terms=[tuple(t) for t in linear["terms"]],
                weights=[float(w) for w in linear["weights"]],
                trees=list(trees["trees"]),
                top=int(trees["top"]),
                gate={
                    str(k): float(v) for k, v in (data.get("gate") or {}).get("weights", {}).items()
                },
                gate_bias=float((data.get("gate") or {}).get("bias", 0.0)),
                threshold=None if data.get("threshold") is None else float(data["threshold"]),
                info=dict(data.get("info") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"incomplete model file ({exc})") from None


def load(path: Path) -> Model:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from None
    return Model.from_json(data)


@cache
def shipped() -> Model:
    """The model in the package."""
    text = resources.files(__package__).joinpath(FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))

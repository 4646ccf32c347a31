"""Which sentences need a source: features, a hashed linear model, its trainer and scorer.

:data:`RULE` is the rule id of the findings the model drives; the report and
the worklist put them after the tagged claims, highest :func:`finding_score` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding

RULE = "likely-needs-citation"


def finding_score(finding: Finding) -> float:
    """The model's score a ``likely-needs-citation`` finding carries (0 for others)."""
    return float(finding.data.get("score", 0.0)) if finding.data else 0.0

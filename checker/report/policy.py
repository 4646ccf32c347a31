"""When does a report fail CI?  ``--fail-on``, ``--max RULE=N`` and ``--min-severity``.

* ``--min-severity`` drops findings below it before anything else looks at them.
* A rule given a threshold with ``--max RULE=N`` fails only when it has more than
  N findings -- it is judged by its threshold alone, so a team can ratchet one
  rule (``--max citation-needed=26``) while ``--fail-on`` governs the others.
  ``--max all=N`` caps the total.
* ``--fail-on any`` fails on any remaining finding, ``new`` only on findings not
  in the baseline (without a baseline every finding is new), ``none`` never.

Exit codes follow ``DESIGN.md``: 0 passes, 1 fails; usage errors are exit 2,
raised here as :class:`~checker.errors.InputError`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..errors import InputError
from ..findings import Finding, Severity
from .baseline import Comparison, Status

TOTAL = "all"  #: the ``--max`` key that caps all findings together

_MAX = re.compile(r"^(?P<rule>[a-z0-9][a-z0-9-]*)=(?P<count>\d+)$")


class FailOn(StrEnum):
    ANY = "any"
    NEW = "new"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Policy:
    fail_on: FailOn = FailOn.ANY
    max: dict[str, int] = field(default_factory=dict)
    min_severity: Severity = Severity.INFO


@dataclass(frozen=True, slots=True)
class Verdict:
    """The policy's answer: fails or not, and why, one sentence per reason."""

    failed: bool
    reasons: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def parse_max(items: Iterable[str]) -> dict[str, int]:
    """``["citation-needed=3", "all=40"]`` -> ``{"citation-needed": 3, "all": 40}``."""
    limits: dict[str, int] = {}
    for item in items:
        match = _MAX.match(item.strip())
        if match is None:
            raise InputError(f"--max expects RULE=N with a rule id and a count, got {item!r}")
        rule = match["rule"]
        if rule in limits:
            raise InputError(f"--max gives {rule} twice")
        limits[rule] = int(match["count"])
    return limits


def make_policy(fail_on: str, max_items: Iterable[str], min_severity: str) -> Policy:
    try:
        severity = Severity.parse(min_severity)
        mode = FailOn(fail_on)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return Policy(fail_on=mode, max=parse_max(max_items), min_severity=severity)


def select(findings: Iterable[Finding], policy: Policy) -> list[Finding]:
    """The findings at or above the policy's minimum severity, order kept."""
    floor = policy.min_severity.rank
    return [f for f in findings if f.severity.rank >= floor]


def evaluate(
    findings: Sequence[Finding], policy: Policy, comparison: Comparison | None = None
) -> Verdict:
    """Judge already :func:`select`-ed findings."""
    reasons: list[str] = []
    by_rule = Counter(f.rule for f in findings)
    for rule, limit in sorted(policy.max.items()):
        count = len(findings) if rule == TOTAL else by_rule.get(rule, 0)
        if count > limit:
            what = "findings in all" if rule == TOTAL else f"{rule} findings"
            reasons.append(f"{count} {what}, more than the allowed {limit}")

    judged = [f for f in findings if f.rule not in policy.max]
    if policy.fail_on is FailOn.ANY and judged:
        reasons.append(f"{len(judged)} finding(s) and --fail-on any")
    elif policy.fail_on is FailOn.NEW:
        new = [f for f in judged if comparison is None or comparison.status_of(f) is Status.NEW]
        if new:
            against = "not in the baseline" if comparison is not None else "and no baseline"
            reasons.append(f"{len(new)} new finding(s) {against}, and --fail-on new")
    return Verdict(failed=bool(reasons), reasons=tuple(reasons))

"""The knobs of the reference rules: today's date, which rules run, severities.

Kept in its own module so the checks can read settings without importing the
entry point (:mod:`checker.refs.check` re-exports :class:`RefSettings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..findings import Finding, Severity
from .rules import RULES
from .tables import PAGED_TYPES


def _check_rule_ids(ids: Iterable[str], what: str) -> None:
    unknown = sorted(set(ids) - set(RULES))
    if unknown:
        raise ValueError(f"{what}: unknown reference rule(s) {', '.join(unknown)}")


@dataclass(frozen=True)
class RefSettings:
    """How the reference rules run; every field has a sensible default."""

    #: the day "future" and "tomorrow" are measured from (tests pin it)
    today: date = field(default_factory=date.today)
    #: rule ids to run; ``None`` runs every rule
    enabled: frozenset[str] | None = None
    #: rule ids never to run (applied after ``enabled``)
    disabled: frozenset[str] = frozenset()
    #: severity per rule id, overriding the registry's default
    severities: Mapping[str, Severity] = field(default_factory=dict)
    #: CS1 refuses access dates before Wikipedia existed (2001-01-15)
    earliest_access_date: date = date(2001, 1, 15)
    #: entry types whose citations need a page number
    paged_types: frozenset[str] = PAGED_TYPES
    #: hosts whose pages need a subscription (read by the link checker; kept
    #: here so one settings object configures all reference checks)
    paywalled_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.enabled is not None:
            _check_rule_ids(self.enabled, "enabled")
        _check_rule_ids(self.disabled, "disabled")
        _check_rule_ids(self.severities, "severities")

    @classmethod
    def from_mapping(cls, config: Mapping[str, Any]) -> RefSettings:
        """Settings from plain config values (e.g. ``citecheck_refs`` in conf.py).

        Raises ``ValueError`` with a one-line message on a bad value.
        """
        known = {
            "today",
            "enabled",
            "disabled",
            "severities",
            "earliest_access_date",
            "paged_types",
            "paywalled_hosts",
        }
        extra = sorted(set(config) - known)
        if extra:
            raise ValueError(f"unknown reference setting(s) {', '.join(extra)}")
        values: dict[str, Any] = {}
        for name in ("today", "earliest_access_date"):
            if name in config:
                value = config[name]
                values[name] = value if isinstance(value, date) else date.fromisoformat(value)
        if config.get("enabled") is not None:
            values["enabled"] = frozenset(config["enabled"])
        for name in ("disabled", "paged_types"):
            if name in config:
                values[name] = frozenset(config[name])
        if "severities" in config:
            values["severities"] = {
                k: Severity.parse(str(v)) for k, v in config["severities"].items()
            }
        if "paywalled_hosts" in config:
            values["paywalled_hosts"] = tuple(config["paywalled_hosts"])
        return cls(**values)

    def runs(self, rule_id: str) -> bool:
        if rule_id in self.disabled:
            return False
        return self.enabled is None or rule_id in self.enabled

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop findings of rules that are off and apply severity overrides."""
        result = []
        for finding in findings:
            if not self.runs(finding.rule):
                continue
            severity = self.severities.get(finding.rule)
            result.append(finding.replace(severity=severity) if severity else finding)
        return result

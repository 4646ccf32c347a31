"""The ``citecheck_*`` configuration values: registered with types, validated on ``config-inited``.

Rule selectors (``citecheck_rules``, ``citecheck_warn_rules``, the keys of
``citecheck_severity``) name a rule id (``citation-needed``) or a category
(``flag``, ``banner``, ``note``, ``reference``, ``identifier``, ``link``,
``structure``).  Each bad value stops the build with a one-line error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from sphinx.errors import ConfigError

from ..findings import Category, Severity
from .providers import provider_rule_ids
from .rules import DEFAULT_WARN, own_rule_ids

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

GROUPS = ("section", "rule", "doc")

_NONE = type(None)

#: what a change of the value rebuilds: findings ("env"), pages ("html"), nothing ("")
Rebuild = Literal["", "env", "html"]

#: name, default, rebuild, types, description
CONFIG_VALUES: tuple[tuple[str, Any, Rebuild, frozenset[type], str], ...] = (
    (
        "citecheck_rules",
        None,
        "env",
        frozenset({list, tuple, _NONE}),
        "rules (ids or categories) that produce findings; None = all",
    ),
    (
        "citecheck_severity",
        {},
        "env",
        frozenset({dict}),
        "severity overrides: {rule or category: 'info' | 'warning' | 'error'}",
    ),
    (
        "citecheck_warn_rules",
        DEFAULT_WARN,
        "",
        frozenset({list, tuple}),
        "rules (ids or categories) whose findings are also Sphinx warnings",
    ),
    (
        "citecheck_today",
        None,
        "env",
        frozenset({str, _NONE}),
        "ISO date (YYYY-MM-DD) that ages on the report page are computed against; None = today",
    ),
    (
        "citecheck_report_group",
        "section",
        "html",
        frozenset({str}),
        "how the report page groups findings: 'section', 'rule' or 'doc'",
    ),
    (
        "citecheck_online",
        False,
        "",
        frozenset({bool}),
        "also check links and identifiers online (never in tests)",
    ),
    (
        "citecheck_allow_private",
        False,
        "",
        frozenset({bool}),
        "let the online checks reach private and loopback addresses",
    ),
)


def register(app: Sphinx) -> None:
    for name, default, rebuild, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, rebuild, types=types, description=description)


class _Known:
    """The selectors a value may name; the providers' rule tables are imported only
    when a value names something the extension does not know by itself."""

    def __init__(self) -> None:
        self.names: set[str] = {*own_rule_ids(), *(c.value for c in Category)}
        self.complete = False

    def unknown(self, value: Iterable[str]) -> list[str]:
        missing = set(value) - self.names
        if missing and not self.complete:
            self.names |= set(provider_rule_ids())
            self.complete = True
            missing -= self.names
        return sorted(missing)


def _check_selectors(name: str, value: object, known: _Known) -> None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name} must be a list of rule ids or categories, not {value!r}")
    unknown = known.unknown(value)
    if unknown:
        raise ConfigError(f"{name}: unknown rule or category {', '.join(map(repr, unknown))}")


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited``: reject bad values with one line each, before any reading."""
    known = _Known()
    if config.citecheck_rules is not None:
        _check_selectors("citecheck_rules", config.citecheck_rules, known)
    _check_selectors("citecheck_warn_rules", config.citecheck_warn_rules, known)
    severity = config.citecheck_severity
    if not isinstance(severity, dict):
        raise ConfigError(f"citecheck_severity must be a dict, not {severity!r}")
    _check_selectors("citecheck_severity", list(severity), known)
    for rule, level in severity.items():
        try:
            Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"citecheck_severity[{rule!r}]: {exc}") from None
    if config.citecheck_report_group not in GROUPS:
        raise ConfigError(
            f"citecheck_report_group must be one of {', '.join(GROUPS)}, "
            f"not {config.citecheck_report_group!r}"
        )
    today_of(config)


def today_of(config: Config) -> dt.date:
    """``citecheck_today`` as a date (today when unset)."""
    value = config.citecheck_today
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(
            f"citecheck_today must be an ISO date like 2026-01-31, not {value!r}"
        ) from None

"""The registry of finding providers: how other checks plug into the extension.

A provider is a callable ``(app) -> Iterable[Finding]``, called once per
build after every document has been read and merged (main process), before
the project index is built.  It declares the rule ids it may produce, so
``citecheck_rules`` and friends can name them and typos in ``conf.py`` are
caught; the ids may be given as a callable, so a provider whose rule table
is costly to import is imported only when a configuration names a rule the
extension does not know by itself::

    register_finding_provider(reference_findings, rules=reference_rule_ids)

A provider returns nothing quickly when the project gives it nothing to do:
it runs for every project that loads the extension.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..findings import Finding

FindingProvider = Callable[["Sphinx"], Iterable["Finding"]]
RuleIds = Iterable[str] | Callable[[], Iterable[str]]


@dataclass(frozen=True, slots=True)
class _Registered:
    provider: FindingProvider
    rules: RuleIds


_REGISTRY: list[_Registered] = []


def register_finding_provider(provider: FindingProvider, *, rules: RuleIds = ()) -> FindingProvider:
    """Add ``provider`` (once; registering it again replaces its rule list)."""
    entry = _Registered(provider, rules if callable(rules) else tuple(rules))
    for i, existing in enumerate(_REGISTRY):
        if existing.provider is provider:
            _REGISTRY[i] = entry
            return provider
    _REGISTRY.append(entry)
    return provider


def unregister_finding_provider(provider: FindingProvider) -> None:
    _REGISTRY[:] = [e for e in _REGISTRY if e.provider is not provider]


def finding_providers() -> tuple[FindingProvider, ...]:
    return tuple(e.provider for e in _REGISTRY)


def provider_rule_ids() -> tuple[str, ...]:
    """Every registered provider's rule ids (imports the lazy ones' tables)."""
    found: list[str] = []
    for entry in _REGISTRY:
        found.extend(entry.rules() if callable(entry.rules) else entry.rules)
    return tuple(found)

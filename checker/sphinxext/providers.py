"""The registry of extra finding providers: how other checks plug into the extension.

A provider is a callable ``(app) -> Iterable[Finding]``, called once per
build after every document has been read and merged (main process).  It
declares the rule ids it may produce, so ``citecheck_rules`` and friends can
name them and typos in ``conf.py`` are caught::

    register_finding_provider(reference_findings, rules=("ref-unresolved", ...))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..findings import Finding

FindingProvider = Callable[["Sphinx"], Iterable["Finding"]]


@dataclass(frozen=True, slots=True)
class _Registered:
    provider: FindingProvider
    rules: tuple[str, ...]


_REGISTRY: list[_Registered] = []


def register_finding_provider(
    provider: FindingProvider, *, rules: Iterable[str] = ()
) -> FindingProvider:
    """Add ``provider`` (once; registering it again replaces its rule list)."""
    entry = _Registered(provider, tuple(rules))
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
    return tuple(rule for e in _REGISTRY for rule in e.rules)

"""The reference checks, one module per responsibility.

Each module exposes ``check(ctx) -> Iterator[Finding]`` over a shared
:class:`~checker.refs.checks.context.Context`; :data:`CHECKS` is the order
they run in.  None of them imports Sphinx.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...findings import Finding
from . import completeness, dates, identifiers, junk, resolution, shortcites, titles
from .context import Context

Check = Callable[[Context], Iterator[Finding]]

CHECKS: tuple[Check, ...] = (
    resolution.check,
    shortcites.check,
    completeness.check,
    dates.check,
    titles.check,
    identifiers.check,
    junk.check,
)

__all__ = ["CHECKS", "Check", "Context"]

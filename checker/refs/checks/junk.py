"""Leaked wiki markup and rendered CS1 error text inside a reference.

Flattened references carry Wikipedia's own error messages ("external link
|website= help", "CS1 maint") and template braces; each is a finding naming
the field it sits in.  URLs are skipped: their query strings hold ``|`` and ``=``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...findings import Finding
from ..bibfile import BibEntry
from ..tables import LEAKED_BRACE_MARKERS, LEAKED_MARKERS, RAW_FIELDS
from .context import Context, entry_finding

_MARKERS = re.compile("|".join(f"(?:{m})" for m in LEAKED_MARKERS), re.IGNORECASE)
_RAW_MARKERS = re.compile(
    "|".join(f"(?:{m})" for m in (*LEAKED_MARKERS, *LEAKED_BRACE_MARKERS)), re.IGNORECASE
)
_SKIPPED = frozenset({"url", "doi", "eprint", "file"})


def leaked_markup(entry: BibEntry) -> tuple[str, str] | None:
    """The first (field, snippet) of leaked markup in an entry."""
    for name, value in entry.fields.items():
        if name in _SKIPPED:
            continue
        pattern = _RAW_MARKERS if name in RAW_FIELDS else _MARKERS
        match = pattern.search(value)
        if match:
            start = max(0, match.start() - 20)
            return name, value[start : match.end() + 20].strip()
    return None


def check(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.entries:
        found = leaked_markup(entry)
        if found:
            name, snippet = found
            yield entry_finding(
                "leaked-template", entry, f"{name} contains {snippet!r}", {"field": name}
            )

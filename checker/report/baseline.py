"""Compare today's findings with a baseline of accepted ones.

A baseline is a ``citecheck/report/v1`` document (``citecheck baseline`` writes
one; any ``report --format json`` output works too).  Identity is the finding
id, which ignores line numbers, so moving text around keeps findings *known*.

Findings that left the report are split three ways, because "fixed" must not
hide deletions:

* **resolved** -- a flagged claim still in its document, now followed by a
  citation (the editor sourced it);
* **removed** -- a flagged claim that is no longer in its document (the editor
  deleted it: not a fix, reported separately);
* **fixed** -- everything else that went away: a reference corrected, a banner
  lifted, a tag dropped while its claim stays.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..errors import InputError
from ..findings import Category, Finding
from .jsonreport import load_findings
from .resolution import ClaimState, claim_state


class Status(StrEnum):
    """A current finding against the baseline."""

    NEW = "new"
    KNOWN = "known"


class Outcome(StrEnum):
    """What became of a baseline finding that is gone."""

    RESOLVED = "resolved"
    REMOVED = "removed"
    FIXED = "fixed"


#: Reads the current source text of the document a finding points at, or
#: ``None`` when that document no longer exists.
SourceReader = Callable[[Finding], str | None]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Today's findings against a baseline."""

    status: dict[str, Status]  #: current finding id -> new / known
    resolved: tuple[Finding, ...] = ()
    removed: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    #: baseline, known, new, resolved, removed, fixed
    counts: dict[str, int] = field(default_factory=dict)

    def status_of(self, finding: Finding) -> Status:
        return self.status.get(finding.id, Status.NEW)


def compare(
    current: Sequence[Finding], baseline: Iterable[Finding], read_source: SourceReader
) -> Comparison:
    """Classify ``current`` (finalized) against ``baseline`` (finalized, with ids)."""
    base = {f.id: f for f in baseline}
    status = {f.id: Status.KNOWN if f.id in base else Status.NEW for f in current}
    gone: dict[Outcome, list[Finding]] = {o: [] for o in Outcome}
    sources: dict[str, str | None] = {}  # each document read once
    for fid, old in base.items():
        if fid in status:
            continue
        gone[_outcome(old, read_source, sources)].append(old)
    new = sum(1 for s in status.values() if s is Status.NEW)
    counts = {
        "baseline": len(base),
        "known": len(status) - new,
        "new": new,
        "resolved": len(gone[Outcome.RESOLVED]),
        "removed": len(gone[Outcome.REMOVED]),
        "fixed": len(gone[Outcome.FIXED]),
    }
    return Comparison(
        status=status,
        resolved=tuple(gone[Outcome.RESOLVED]),
        removed=tuple(gone[Outcome.REMOVED]),
        fixed=tuple(gone[Outcome.FIXED]),
        counts=counts,
    )


def _outcome(old: Finding, read_source: SourceReader, cache: dict[str, str | None]) -> Outcome:
    if old.category is not Category.FLAG or not old.text.strip():
        return Outcome.FIXED
    key = old.doc if old.doc is not None else old.path
    if key not in cache:
        cache[key] = read_source(old)
    source = cache[key]
    if source is None:  # the whole document is gone, and its claims with it
        return Outcome.REMOVED
    state = claim_state(old.text, source)
    if state is ClaimState.CITED:
        return Outcome.RESOLVED
    if state is ClaimState.ABSENT:
        return Outcome.REMOVED
    return Outcome.FIXED


def load_baseline(path: Path) -> list[Finding]:
    """The findings of a baseline file; any problem is a one-line :class:`InputError`."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"baseline {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read baseline {path}: {exc}") from None
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline {path} is not JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(document, dict):
        raise InputError(f"baseline {path} is not a citecheck report")
    try:
        findings = load_findings(document)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"baseline {path}: {_one_line(exc)}") from None
    missing = sum(1 for f in findings if not f.id)
    if missing:
        raise InputError(f"baseline {path}: {missing} finding(s) have no id")
    return findings


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, KeyError):
        text = f"a finding lacks the field {text}"
    return text.splitlines()[0]

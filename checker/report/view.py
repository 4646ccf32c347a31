"""What every report format renders: the findings, their baseline status, the verdict.

Formats are pure functions of a :class:`ReportView`; building one never
touches Sphinx or the file system.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..findings import Finding, finalize
from .baseline import Comparison, Status
from .policy import Verdict


@dataclass(frozen=True, slots=True)
class ReportView:
    source: str  #: the Sphinx source folder, as the user named it
    findings: tuple[Finding, ...]  #: finalized: sorted, with ids
    comparison: Comparison | None = None
    verdict: Verdict | None = None
    #: docnames in reading order; the human formats group documents in it
    doc_order: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        findings: Iterable[Finding],
        source: str,
        comparison: Comparison | None = None,
        verdict: Verdict | None = None,
        doc_order: Iterable[str] = (),
    ) -> ReportView:
        return cls(source, tuple(finalize(findings)), comparison, verdict, tuple(doc_order))

    def in_reading_order(self) -> list[Finding]:
        """The findings with documents in reading order (stable within a document);
        documents the order does not know keep their path order, after the rest."""
        rank = {doc: i for i, doc in enumerate(self.doc_order)}
        return sorted(self.findings, key=lambda f: rank.get(f.doc or "", len(rank)))

    def status(self, finding: Finding) -> Status | None:
        """``new`` / ``known`` against the baseline, or ``None`` without one."""
        return None if self.comparison is None else self.comparison.status_of(finding)

    def is_new(self, finding: Finding) -> bool:
        return self.comparison is None or self.comparison.status_of(finding) is Status.NEW

    def count_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def count_by_severity(self) -> dict[str, int]:
        return dict(sorted(Counter(f.severity.value for f in self.findings).items()))

    def count_by_section(self) -> list[tuple[str, str, int]]:
        """``(document, section, count)`` in order of first appearance."""
        counts: Counter[tuple[str, str]] = Counter(
            (doc_label(f), f.section or "") for f in self.in_reading_order()
        )
        return [(doc, section, n) for (doc, section), n in counts.items()]

    def summary_line(self) -> str:
        """One sentence: counts, then baseline progress, then the verdict."""
        total = len(self.findings)
        parts = [f"{total} finding{'' if total == 1 else 's'}"]
        by_sev = self.count_by_severity()
        if by_sev:
            parts[0] += " (" + ", ".join(_plural(n, sev) for sev, n in by_sev.items()) + ")"
        if self.comparison is not None:
            c = self.comparison.counts
            parts.append(f"{c['new']} new, {c['known']} known")
            parts.append(
                f"{c['resolved']} resolved by a citation, {c['fixed']} fixed, "
                f"{c['removed']} removed (deleted, not counted as fixed)"
            )
        if self.verdict is not None:
            parts.append("policy: FAIL" if self.verdict.failed else "policy: pass")
        return "; ".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def doc_label(finding: Finding) -> str:
    """How a finding's document is named in groupings: the docname, else the path."""
    return finding.doc if finding.doc is not None else finding.path


def location(finding: Finding) -> str:
    """``path:line`` (or just the path) as editors and terminals understand it."""
    return finding.path if finding.line is None else f"{finding.path}:{finding.line}"

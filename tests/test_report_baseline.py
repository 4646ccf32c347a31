"""Baseline comparison: known / new, and gone flags split into resolved, fixed, removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_report_helpers import flag, sample_findings

from checker.errors import InputError
from checker.findings import Category, finalize
from checker.report.baseline import Status, compare, load_baseline
from checker.report.jsonreport import build_report, dumps
from checker.report.resolution import ClaimState, claim_state

CLAIM = "He moved to Vienna in 1907"


@pytest.mark.parametrize(
    "source",
    [
        f"{CLAIM} :cite:p:`deutscher1954`.",
        f"{CLAIM} :cite:t:`a, b` wrote so.",
        f"{CLAIM}.\\ [Deutscher1954]_",
        f"*{CLAIM}* [#]_ and more",
        f"{CLAIM} {{cite:p}}`deutscher1954`",  # MyST
        "He moved\n   to *Vienna* in\n1907 :cite:p:`k`",  # re-wrapped, emphasised
        f"{CLAIM} without a source. {CLAIM} :cite:p:`k`",  # the cited occurrence counts
    ],
)
def test_a_claim_followed_by_a_citation_is_cited(source: str) -> None:
    assert claim_state(CLAIM, source) is ClaimState.CITED


@pytest.mark.parametrize(
    ("source", "state"),
    [
        (f"{CLAIM}. Then :cite:p:`k` for another claim.", ClaimState.PRESENT),
        (f":cn:`{CLAIM} <2010-07>`", ClaimState.PRESENT),
        ("He moved to Vienna in 1908 :cite:p:`k`", ClaimState.ABSENT),  # reworded
        ("She moved to Vienna in 1907 :cite:p:`k`", ClaimState.ABSENT),  # word boundary
        ("", ClaimState.ABSENT),
    ],
)
def test_a_claim_without_citation_is_present_or_absent(source: str, state: ClaimState) -> None:
    assert claim_state(CLAIM, source) is state


def test_claims_with_combining_accents_match_composed_text() -> None:
    # a decomposed stressed Cyrillic vowel in the source, precomposed in the claim
    claim = "Пётр Сидоро\u0301в"  # ё precomposed (U+0451), о with a combining acute
    source = "Пе\u0308тр Сидоро\u0301в :cite:p:`k`"  # е + combining diaeresis
    assert claim_state(claim, source) is ClaimState.CITED
    # a Latin "o" with the accent is another letter, not the same claim
    assert claim_state(claim, "Пётр Сидóров :cite:p:`k`") is ClaimState.ABSENT


def test_compare_splits_gone_flags_three_ways() -> None:
    kept = flag("still flagged", line=1)
    cited = flag("sourced now", line=2)
    deleted = flag("deleted claim", line=3)
    untagged = flag("tag dropped", line=4)
    reference = flag("Bad 1999", line=5, category=Category.REFERENCE, rule="bad-ref")
    baseline = finalize([kept, cited, deleted, untagged, reference])
    new = flag("brand new", line=9)
    current = finalize([kept.replace(line=40), new])
    source = "sourced now :cite:p:`x`. tag dropped. still :cn:`still flagged`"
    result = compare(current, baseline, lambda f: source)

    assert [result.status_of(f) for f in current] == [Status.NEW, Status.KNOWN]
    assert [f.text for f in result.resolved] == ["sourced now"]
    assert [f.text for f in result.removed] == ["deleted claim"]
    assert sorted(f.text for f in result.fixed) == ["Bad 1999", "tag dropped"]
    assert result.counts == {
        "baseline": 5,
        "known": 1,
        "new": 1,
        "resolved": 1,
        "removed": 1,
        "fixed": 2,
    }


def test_flags_of_a_deleted_document_are_removed() -> None:
    old = finalize([flag("one"), flag("two", line=20)])
    result = compare([], old, lambda f: None)
    assert len(result.removed) == 2 and not result.fixed and not result.resolved


def test_each_document_is_read_once() -> None:
    reads: list[str] = []

    def reader(finding) -> str:
        reads.append(finding.doc)
        return ""

    compare([], finalize([flag("one"), flag("two", line=20), flag("x", doc="b")]), reader)
    assert sorted(reads) == ["a", "b"]


def test_ids_ignore_lines_so_moved_findings_stay_known() -> None:
    before = sample_findings()
    moved = finalize(f.replace(line=(f.line or 0) + 17) for f in before)
    assert [f.id for f in moved] == [f.id for f in before]
    assert compare(moved, before, lambda f: "").counts["known"] == len(before)


def test_load_baseline_reads_what_build_report_writes(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(dumps(build_report(sample_findings(), "docs")), encoding="utf-8")
    assert load_baseline(path) == sample_findings()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("{not json", "is not JSON"),
        ("[1, 2]", "is not a citecheck report"),
        ('{"schema": "other/v9"}', "not a citecheck/report/v1 report"),
        ('{"schema": "citecheck/report/v1", "findings": [{"id": "x"}]}', "lacks the field"),
        (
            '{"schema": "citecheck/report/v1", "findings": [{"id": "x", "rule": "r", '
            '"category": "bogus", "severity": "warning", "path": "p"}]}',
            "'bogus' is not a valid Category",
        ),
        (
            '{"schema": "citecheck/report/v1", "findings": [{"rule": "r", '
            '"category": "flag", "severity": "warning", "path": "p"}]}',
            "have no id",
        ),
    ],
)
def test_bad_baselines_are_one_line_input_errors(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_baseline(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_baseline_file_from_report_json_with_status_blocks(tmp_path: Path) -> None:
    # a previous `report --format json` (with status and baseline blocks) works as a baseline
    document = build_report(sample_findings(), "docs")
    for item in document["findings"]:
        item["status"] = "new"
    document["baseline"] = {"counts": {}}
    path = tmp_path / "previous.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert [f.id for f in load_baseline(path)] == [f.id for f in sample_findings()]

"""The CI policy: --fail-on, --max RULE=N, --min-severity, and the exit code."""

from __future__ import annotations

import pytest
from test_report_helpers import flag

from checker.errors import InputError
from checker.findings import Severity, finalize
from checker.report.baseline import compare
from checker.report.policy import FailOn, Policy, evaluate, make_policy, parse_max, select


def _findings():
    return finalize(
        [
            flag("one", line=1),
            flag("two", line=2),
            flag("three", line=3, rule="dubious"),
            flag("four", line=4, rule="note-missing", severity=Severity.INFO),
        ]
    )


def test_parse_max() -> None:
    assert parse_max(["citation-needed=2", " all=10 "]) == {"citation-needed": 2, "all": 10}


@pytest.mark.parametrize("item", ["citation-needed", "=3", "cn=-1", "cn=x", "CN=1", "a b=1"])
def test_bad_max_is_an_input_error(item: str) -> None:
    with pytest.raises(InputError, match="--max expects RULE=N"):
        parse_max([item])


def test_same_rule_twice_is_an_input_error() -> None:
    with pytest.raises(InputError, match="twice"):
        parse_max(["cn=1", "cn=2"])


def test_bad_severity_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown severity"):
        make_policy("any", [], "fatal")


def test_fail_on_any_none_and_exit_codes() -> None:
    findings = _findings()
    assert evaluate(findings, Policy(FailOn.ANY)).exit_code == 1
    assert evaluate([], Policy(FailOn.ANY)).exit_code == 0
    assert evaluate(findings, Policy(FailOn.NONE)).exit_code == 0


def test_fail_on_new_uses_the_baseline() -> None:
    findings = _findings()
    policy = Policy(FailOn.NEW)
    # without a baseline every finding is new
    assert evaluate(findings, policy).failed
    everything_known = compare(findings, findings, lambda f: "")
    assert not evaluate(findings, policy, everything_known).failed
    one_new = compare(findings, findings[1:], lambda f: "")
    verdict = evaluate(findings, policy, one_new)
    assert verdict.failed and verdict.reasons == (
        "1 new finding(s) not in the baseline, and --fail-on new",
    )


def test_a_rule_with_a_threshold_is_judged_by_it_alone() -> None:
    findings = [f for f in _findings() if f.rule == "citation-needed"]
    assert not evaluate(findings, Policy(FailOn.ANY, {"citation-needed": 2})).failed
    verdict = evaluate(findings, Policy(FailOn.NONE, {"citation-needed": 1}))
    assert verdict.reasons == ("2 citation-needed findings, more than the allowed 1",)
    # other rules still follow --fail-on
    assert evaluate(_findings(), Policy(FailOn.ANY, {"citation-needed": 5})).failed


def test_max_all_caps_the_total() -> None:
    assert evaluate(_findings(), Policy(FailOn.NONE, {"all": 3})).failed
    assert not evaluate(_findings(), Policy(FailOn.NONE, {"all": 4})).failed


def test_min_severity_drops_findings_before_judging() -> None:
    policy = make_policy("any", [], "warning")
    kept = select(_findings(), policy)
    assert [f.text for f in kept] == ["one", "two", "three"]
    only_info = [f for f in _findings() if f.severity is Severity.INFO]
    assert not evaluate(select(only_info, policy), policy).failed

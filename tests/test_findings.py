"""The Finding model: identity survives line moves, ordering is deterministic."""

from __future__ import annotations

import json

import pytest

from checker.findings import Category, Finding, Severity, finalize, normalise_text


def make(text: str, line: int, rule: str = "citation-needed", doc: str = "a") -> Finding:
    return Finding(
        rule=rule,
        category=Category.FLAG,
        severity=Severity.WARNING,
        path=f"docs/{doc}.rst",
        line=line,
        message="m",
        text=text,
        doc=doc,
    )


def test_id_ignores_line_and_rewrapping() -> None:
    before = finalize([make("Trotsky *was* born\nin 1879", 10)])[0]
    after = finalize([make("trotsky was born in 1879", 250)])[0]
    assert before.id == after.id


def test_id_depends_on_rule_doc_and_text() -> None:
    ids = {
        finalize([f])[0].id
        for f in (make("x", 1), make("x", 1, rule="dubious"), make("x", 1, doc="b"), make("y", 1))
    }
    assert len(ids) == 4


def test_repeated_claim_gets_distinct_ids_by_occurrence() -> None:
    first, second = finalize([make("same", 30), make("same", 5)])
    assert first.line == 5 and second.line == 30
    assert first.id != second.id
    assert second.id.startswith(first.id)


def test_finalize_is_deterministic_and_round_trips() -> None:
    items = [make("b", 2), make("a", 2), make("c", 1, doc="z")]
    once = [f.to_dict() for f in finalize(items)]
    twice = [f.to_dict() for f in finalize(reversed(items))]
    assert json.dumps(once) == json.dumps(twice)
    assert [Finding.from_dict(d).to_dict() for d in once] == once


def test_normalise_text() -> None:
    assert normalise_text("  Hello,\n*World*  ") == "hello world"


def test_severity_parse_and_rank() -> None:
    assert Severity.parse("ERROR") is Severity.ERROR
    assert Severity.INFO.rank < Severity.WARNING.rank < Severity.ERROR.rank
    with pytest.raises(ValueError, match="unknown severity"):
        Severity.parse("fatal")

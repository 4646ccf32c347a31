"""The extension's pure helpers: dates, ages, the summary line, text lines, selectors."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.findings import Category, Finding, Severity
from checker.sphinxext.builder import text_lines
from checker.sphinxext.check.pipeline import matches
from checker.sphinxext.collect.roles import _DATE_SLOT, describe_date
from checker.sphinxext.render.reportpage import age, summary

TODAY = dt.date(2026, 1, 15)


def _f(rule: str, category: Category, section: str, date: str | None, line: int = 1) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=Severity.WARNING,
        path="docs/a.rst",
        line=line,
        message="fix it",
        doc="a",
        section=section,
        date=date,
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2010-07", "15 years"),
        ("2025-01-15", "1 year"),
        ("2025-01-16", "11 months"),
        ("2025-12", "1 month"),
        ("2026-01-10", "less than a month"),
        ("2026", "less than a month"),
        ("2027-01", ""),
        (None, ""),
    ],
)
def test_age(date: str | None, expected: str) -> None:
    assert age(date, TODAY) == expected


def test_describe_date() -> None:
    assert describe_date("2010-11") == "November 2010"
    assert describe_date("2010-07-04") == "4 July 2010"
    assert describe_date("2010") == "2010"


@pytest.mark.parametrize(
    ("body", "claim", "date"),
    [
        ("claim text <2010-07>", "claim text", "2010-07"),
        ("claim\non two lines <2010-13>", "claim\non two lines", "2010-13"),
        ("<2010-07>", None, "2010-07"),
        ("ends in a tag <b>", None, None),
        ('<script>alert("x")</script>', None, None),
        ("a link <https://x.org/2>`_", None, None),
    ],
)
def test_date_slot(body: str, claim: str | None, date: str | None) -> None:
    match = _DATE_SLOT.match(body)
    if date is None:
        assert match is None
    else:
        assert match is not None and (match["claim"], match["date"]) == (claim, date)


def test_summary_line() -> None:
    findings = [
        _f("citation-needed", Category.FLAG, "A", "2012-03"),
        _f("citation-needed", Category.FLAG, "A", "2010-11"),
        _f("who", Category.FLAG, "B", None),
        _f("more-citations-needed", Category.BANNER, "B", "2011-01"),
        _f("note-missing", Category.NOTE, "B", None),
    ]
    assert summary(findings) == (
        "3 flagged claims in 2 sections; 1 section needs more citations; "
        "oldest open since November 2010; 1 other finding."
    )
    assert summary([]) == "No findings: every claim checked has a source."


def test_text_lines_and_selectors() -> None:
    flag = _f("citation-needed", Category.FLAG, "A", None, line=7)
    assert text_lines([flag]) == "docs/a.rst:7: citation-needed: fix it\n"
    assert text_lines([flag.replace(line=None)]) == "docs/a.rst: citation-needed: fix it\n"
    assert matches(flag, ["flag"]) and matches(flag, ["citation-needed"])
    assert not matches(flag, ["note", "who"])

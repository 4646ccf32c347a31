"""The acceptance run: ``citecheck report`` and ``citecheck todo`` on the converted seed."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from checker.cli import main

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
ROLE_NAMES = {"citation-needed": "cn", "clarification-needed": "clarify", "by-whom": "by-whom"}


@pytest.fixture(scope="module")
def report() -> dict:
    import contextlib
    import io
    import os

    here = os.getcwd()
    os.chdir(PROJECT)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = main(
                [
                    "report",
                    "docs",
                    "--conf",
                    "conf",
                    "--format",
                    "json",
                    "--today",
                    TODAY,
                    "--fail-on",
                    "none",
                ]
            )
    finally:
        os.chdir(here)
    assert code == 0
    return json.loads(out.getvalue())


def test_flags_and_banners_counted(report: dict) -> None:
    by_rule = report["summary"]["by_rule"]
    assert by_rule["citation-needed"] == 26
    assert by_rule["clarification-needed"] == 1
    assert by_rule["by-whom"] == 1
    assert by_rule["more-citations-needed"] == 3


def test_every_flag_points_at_its_claim_and_section(report: dict) -> None:
    for finding in report["findings"]:
        if finding["category"] != "flag":
            continue
        lines = (PROJECT / finding["path"]).read_text(encoding="utf-8").splitlines()
        line = lines[finding["line"] - 1]
        assert f":{ROLE_NAMES[finding['rule']]}:`" in line, finding
        assert finding["text"].split()[0] in line
        # the enclosing section is the nearest heading above (title + underline)
        above = [
            lines[i - 1]
            for i in range(finding["line"] - 1, 0, -1)
            if re.fullmatch(r"([-=~])\1{3,}", lines[i])
            and lines[i - 1].strip()
            and not re.fullmatch(r"([-=~])\1{3,}", lines[i - 1])
        ]
        assert finding["section"].replace("’", "'") == above[0].replace("’", "'"), finding


def test_banners_dated_at_their_sections(report: dict) -> None:
    banners = {
        (f["section"], f["date"])
        for f in report["findings"]
        if f["rule"] == "more-citations-needed"
    }
    assert banners == {
        ("World war (1914–1917)", "2010-11"),
        ("Left opposition (1923–1924)", "2010-07"),
        ("After lenin’s death (1924)", "2010-07"),
    }


def test_reference_findings_on_the_seed(report: dict) -> None:
    rules = Counter(f["rule"] for f in report["findings"] if f["category"] != "flag")
    assert rules["leaked-template"] == 1
    [leak] = [f for f in report["findings"] if f["rule"] == "leaked-template"]
    assert "|website=" in leak["text"] + leak["message"] and leak["path"] == "docs/references.bib"
    assert rules["page-needed"] > 20  # the flattened references lost many page numbers
    editions = [f["text"] for f in report["findings"] if f["rule"] == "inconsistent-editions"]
    assert any(text.startswith("Deutscher, Isaac") for text in editions)
    # every authority-control identifier of the article passes its check
    assert not [f for f in report["findings"] if f["category"] == "identifier"]


def test_worklist_on_the_seed(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.chdir(PROJECT)
    code = main(["todo", "docs", "--conf", "conf", "--format", "json", "--today", TODAY])
    assert code == 0
    items = json.loads(capsys.readouterr().out)["items"]
    flags = [i for i in items if i["category"] == "flag"]
    assert len(flags) == 28
    assert items[: len(flags)] == flags  # flagged claims first, then other gaps
    assert all(len(i["candidates"]) <= 3 for i in flags)
    assert sum(bool(i["candidates"]) for i in flags) >= 20
    assert all(c["reasons"] for i in flags for c in i["candidates"])
    # flags in sections under a banner come before the others (no flag has a date)
    banner_sections = {
        "World war (1914–1917)",
        "Left opposition (1923–1924)",
        "After lenin’s death (1924)",
    }
    under = [i["section"] in banner_sections for i in flags]
    assert under == sorted(under, reverse=True) and any(under)

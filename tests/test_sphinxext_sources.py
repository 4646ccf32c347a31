"""The report page names candidate sources in each flagged claim's row, with reasons on hover."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from checker.sphinxext import collect_findings


@pytest.mark.sphinx("html", testroot="citecheck-sources", freshenv=True)
def test_report_rows_show_candidates_with_reasons_as_hover(app) -> None:
    app.build()
    flags = {f.text: f for f in collect_findings(app) if f.rule == "citation-needed"}
    report = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")

    def row(text: str) -> str:
        found = re.search(rf'id="citecheck-{flags[text].id}">(.*?)</tr>', report, re.DOTALL)
        assert found is not None
        return found.group(1)

    moon = row("in great detail")
    hovers = re.findall(r'<abbr title="([^"]*)">(\w+)</abbr>', moon)
    assert [key for _, key in hovers][:1] == ["luna"]
    assert html.unescape(hovers[0][0]) == (
        "Luna 3 and the Far Side of the Moon: shares “far”, “side”, “moon” with its paragraph; "
        "cited nearby (once in the same paragraph)"
    )
    assert "notfound" not in moon
    assert "<abbr" not in row("for two years")  # nothing worth suggesting: nothing shown


@pytest.mark.sphinx("text", testroot="citecheck-sources", freshenv=True)
def test_text_report_spells_the_candidates_out(app) -> None:
    app.build()
    report = (Path(app.outdir) / "report.txt").read_text(encoding="utf-8")
    assert "in great detail — try: luna (Luna 3 and the" in report
    assert "(once in the same paragraph)), apollo" in report

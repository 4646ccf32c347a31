"""The report page's bar chart of findings per section, in HTML, LaTeX and plain text."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sphinxext_util import build, copy_root

from checker.sphinxext import collect_findings


def _page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="citecheck-multi")
def test_html_chart_has_one_bar_per_section_sized_by_count(app) -> None:
    app.build()
    report = _page(app, "report.html")
    chart = re.search(r'<table class="[^"]*citecheck-chart.*?</table>', report, re.DOTALL)
    assert chart is not None
    rows = re.findall(
        r'<tr[^>]*><td><p>(?:<a class="reference internal" href="([^"]*)">)?([^<]*)(?:</a>)?</p>'
        r'</td>\s*<td><p><span class="citecheck-bar" style="width: (\d+)%"[^>]*></span>(\d+)</p>',
        chart.group(0),
    )
    counts = Counter(f.section or f.path for f in collect_findings(app))
    assert {title: int(n) for _, title, _, n in rows} == dict(counts)
    top = max(counts.values())
    for _, _, width, n in rows:
        assert int(width) == max(1, round(int(n) / top * 85))
    # a section's bar label links to the section, like its heading row in the table
    assert ("ch1.html#early-life", "Early life") in {(uri, title) for uri, title, _, _ in rows}
    # the chart comes before the table of findings
    assert report.index("citecheck-chart") < report.index('class="citecheck-report')


@pytest.mark.sphinx("latex", testroot="citecheck-multi")
def test_latex_chart_draws_rules(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    bars = re.findall(r"\\rule\{([\d.]+)em\}\{1.2ex\}", tex)
    assert len(bars) == len(Counter(f.section or f.path for f in collect_findings(app)))
    assert max(float(b) for b in bars) == 12


@pytest.mark.sphinx("text", testroot="citecheck-multi")
def test_text_chart_keeps_the_numbers(app) -> None:
    app.build()
    report = _page(app, "report.txt")
    assert re.search(r"\| Early life +\| 2 +\|", report)
    assert "citecheck-bar" not in report


def test_report_page_follows_the_toctree_not_file_names(tmp_path: Path) -> None:
    srcdir = copy_root("citecheck-multi", tmp_path)
    index = srcdir / "index.rst"
    # the reader meets ch7 first; its file name sorts last
    index.write_text(index.read_text(encoding="utf-8").replace("   ch1\n", "   ch7\n   ch1\n", 1)
                     .replace("   ch7\n   notes", "   notes"), encoding="utf-8")  # fmt: skip
    app = build(srcdir, "html")
    report = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")
    chart = report[report.index("citecheck-chart") : report.index('class="citecheck-report')]
    table = report[report.index('class="citecheck-report') :]
    for part in (chart, table):
        assert part.index("ch7.html") < part.index("ch1.html") < part.index("ch2.html")

"""The report page's bar chart of findings per section, in HTML, LaTeX and plain text."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from checker.report.build import default_overrides
from checker.sphinxext import collect_findings
from checker.sphinxext.render.chart import LATEX_MAX_EM

ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, parent: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` (safe to edit)."""
    target = parent / "docs"
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build(srcdir: Path, buildername: str) -> SphinxTestApp:
    app = SphinxTestApp(
        buildername, srcdir=srcdir, builddir=srcdir.parent / "_build", status=StringIO(),
        warning=StringIO(),
    )  # fmt: skip
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def _page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


CLAIMS = ("flag", "banner")


def _chart_rows(report: str) -> list[tuple[str | None, str, int | None, int, int]]:
    """(uri, title, bar width %, claims, other findings) per chart row."""
    chart = re.search(r'<table class="[^"]*citecheck-chart.*?</table>', report, re.DOTALL)
    assert chart is not None
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", chart.group(0), re.DOTALL)[1:]:
        cells = re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
        link = re.search(r'href="([^"]*)"', cells[0])
        title = re.sub(r"<[^>]+>", "", cells[0]).strip()
        width = re.search(r'class="citecheck-bar" style="width: (\d+)%"', cells[1])
        claims = re.sub(r"<[^>]+>", "", cells[1]).strip()
        other = re.sub(r"<[^>]+>", "", cells[2]).strip() if len(cells) > 2 else ""
        rows.append(
            (
                link.group(1) if link else None,
                title,
                int(width.group(1)) if width else None,
                int(claims or 0),
                int(other or 0),
            )
        )
    return rows


@pytest.mark.sphinx("html", testroot="citecheck-multi")
def test_html_chart_has_one_bar_per_section_sized_by_count(app) -> None:
    app.build()
    report = _page(app, "report.html")
    rows = _chart_rows(report)
    counts = Counter(f.section or f.path for f in collect_findings(app))
    assert {title: claims for _, title, _, claims, _ in rows} == dict(counts)
    top = max(counts.values())
    for _, _, width, claims, other in rows:
        assert width == max(1, round(claims / top * 85)) and other == 0
    # a section's bar label links to the section, like its heading row in the table
    assert ("ch1.html#early-life", "Early life") in {(uri, title) for uri, title, *_ in rows}
    # the chart comes before the table of findings
    assert report.index("citecheck-chart") < report.index('class="citecheck-report')
    assert "Other findings" not in report  # no such column when every finding is a claim


def test_html_chart_bars_count_claims_and_others_stand_beside(tmp_path: Path) -> None:
    srcdir = copy_root("report-basic", tmp_path)
    # the root has no conf.py (the CLI's built-in defaults): give it the same one
    conf = "\n".join(f"{k} = {v!r}" for k, v in default_overrides(srcdir).items())
    (srcdir / "conf.py").write_text(conf + "\n", encoding="utf-8")
    report = ":orphan:\n\nReport\n======\n\n.. citation-report::\n"
    (srcdir / "report.rst").write_text(report, encoding="utf-8")
    app = build(srcdir, "html")
    findings = collect_findings(app)
    page = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")
    rows = {title: (width, claims, other) for _, title, width, claims, other in _chart_rows(page)}
    claims = Counter(f.section or f.path for f in findings if f.category.value in CLAIMS)
    others = Counter(f.section or f.path for f in findings if f.category.value not in CLAIMS)
    assert others, "the test root should have reference findings"
    assert {t: c for t, (_, c, _) in rows.items()} == {t: claims.get(t, 0) for t in rows}
    assert {t: o for t, (_, _, o) in rows.items()} == {t: others.get(t, 0) for t in rows}
    for width, count, _ in rows.values():
        # a group with no claim gets no bar, the others scale to the largest claim count
        assert width == (max(1, round(count / max(claims.values()) * 85)) if count else None)


@pytest.mark.sphinx("latex", testroot="citecheck-multi")
def test_latex_chart_draws_rules(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    bars = re.findall(r"\\rule\{([\d.]+)em\}\{1.2ex\}", tex)
    claims = [f for f in collect_findings(app) if f.category.value in CLAIMS]
    assert len(bars) == len(Counter(f.section or f.path for f in claims))
    assert max(float(b) for b in bars) == LATEX_MAX_EM


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
